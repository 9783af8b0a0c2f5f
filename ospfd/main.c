/* SPDX-License-Identifier: ISC */
/*
 * ospfd's command line. Options are parsed into struct main_opts first, then one mode runs:
 * --decode prints a capture, otherwise the daemon starts (not implemented yet). The daemon's
 * options (-f, -d, -i, --vty_socket, -u, -g, -C) join long_opts and struct main_opts.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "decode.h"

#define EXIT_USAGE 2

enum {
	OPT_DECODE = 256,
	OPT_JSON,
};

struct main_opts {
	const char *decode_path;
	bool json;
};

static const struct option long_opts[] = {
	{ "decode", required_argument, NULL, OPT_DECODE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 },
};

static void usage_print(FILE *f)
{
	fputs("Usage: ospfd [OPTION]...\n"
	      "       ospfd --decode FILE [--json]\n"
	      "\n"
	      "OSPFv2 routing daemon.\n"
	      "\n"
	      "  --decode FILE  print the OSPF packets of a pcap or pcapng capture, then exit:\n"
	      "                 0 if all decoded, 1 if some packet or LSA did not, 2 if the file\n"
	      "                 cannot be read\n"
	      "  --json         with --decode: print one JSON document instead of text\n"
	      "  -h, --help     print this help and exit\n"
	      "  -v, --version  print the version and exit\n"
	      "\n"
	      "The routing daemon itself is not implemented yet; only --decode works.\n",
	      f);
}

/* true: run with *o; false: exit now with *status (--help, --version, a usage error) */
static bool opts_parse(int argc, char **argv, struct main_opts *o, int *status)
{
	int c;

	while ((c = getopt_long(argc, argv, "hv", long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_DECODE:
			o->decode_path = optarg;
			break;
		case OPT_JSON:
			o->json = true;
			break;
		case 'h':
			usage_print(stdout);
			*status = EXIT_SUCCESS;
			return false;
		case 'v':
			printf("ospfd %s\n", OSPFD_VERSION);
			*status = EXIT_SUCCESS;
			return false;
		default:
			/* getopt_long has named the bad option on stderr */
			goto usage_error;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "ospfd: unexpected argument '%s'\n", argv[optind]);
		goto usage_error;
	}
	if (o->json && !o->decode_path) {
		fprintf(stderr, "ospfd: --json works with --decode only\n");
		goto usage_error;
	}
	return true;

usage_error:
	usage_print(stderr);
	*status = EXIT_USAGE;
	return false;
}

int main(int argc, char **argv)
{
	struct main_opts o = { 0 };
	int status;

	if (!opts_parse(argc, argv, &o, &status))
		return status;
	if (o.decode_path)
		return (int)decode_file(o.decode_path, o.json, stdout, stderr);
	fprintf(stderr, "ospfd: the routing daemon is not implemented yet; only --decode works\n");
	return EXIT_USAGE;
}
