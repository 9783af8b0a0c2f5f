/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for the configuration loader: each input is a config file (FRR commands,
 * or YANG JSON when it starts with '{'). Whatever it says, loading must not crash or leak;
 * when it loads, its CLI rendering must load again to the same tree.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "yang_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Two stores for the whole run (a libyang context takes milliseconds to build): each load
 * replaces the running tree, or changes nothing. */
static struct config_store *store(int i)
{
	static struct config_store *cs[2];
	char err[256];

	if (!cs[i] && !(cs[i] = config_store_new(NULL, err, sizeof(err)))) {
		fprintf(stderr, "fuzz_config: %s\n", err);
		abort();
	}
	return cs[i];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config_store *cs = store(0);
	char *text = malloc(size + 1);
	char err[512];

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (!config_store_load_text(cs, "fuzz", text, err, sizeof(err))) {
		char *cli = config_render_cli(config_store_running(cs));
		struct config_store *again = store(1);

		if (!cli || config_store_load_text(again, "rendered", cli, err, sizeof(err)) ||
		    !yu_equal(config_store_running(cs), config_store_running(again))) {
			fprintf(stderr, "fuzz_config: the rendering does not read back: %s\n%s\n",
				err, cli ? cli : "(null)");
			abort();
		}
		free(cli);
	}
	free(text);
	return 0;
}
