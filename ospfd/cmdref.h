/* SPDX-License-Identifier: ISC */
/* `ospfd --list-commands [--markdown]`: every command of the grammar, per mode, with the help
 * of each token; doc/commands.md is this output (make commands-doc), checked by ctest. */
#ifndef OSPFD_CMDREF_H
#define OSPFD_CMDREF_H

#include <stdbool.h>
#include <stdio.h>

/* Prints the reference; 0, or -1 when the command tree cannot be built. */
int cmdref_print(FILE *f, bool markdown);

#endif
