/* SPDX-License-Identifier: ISC */
/*
 * ospfd's command line, with the options of FRR's daemons. Options are parsed into struct
 * main_opts first, then one mode runs: --decode prints a capture, -C checks a config file,
 * otherwise the daemon runs.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "cmdref.h"
#include "daemon.h"
#include "decode.h"

#define EXIT_USAGE 2

enum {
	OPT_DECODE = 256,
	OPT_JSON,
	OPT_VTY_SOCKET,
	OPT_LOG_STDERR,
	OPT_LIST_COMMANDS,
	OPT_MARKDOWN,
};

struct main_opts {
	const char *decode_path;
	bool json;
	bool check_only;
	bool list_commands, markdown;
	struct daemon_opts d;
};

static const struct option long_opts[] = {
	{ "decode", required_argument, NULL, OPT_DECODE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "config_file", required_argument, NULL, 'f' },
	{ "daemon", no_argument, NULL, 'd' },
	{ "pid_file", required_argument, NULL, 'i' },
	{ "vty_socket", required_argument, NULL, OPT_VTY_SOCKET },
	{ "user", required_argument, NULL, 'u' },
	{ "group", required_argument, NULL, 'g' },
	{ "dryrun", no_argument, NULL, 'C' },
	{ "log-stderr", no_argument, NULL, OPT_LOG_STDERR },
	{ "list-commands", no_argument, NULL, OPT_LIST_COMMANDS },
	{ "markdown", no_argument, NULL, OPT_MARKDOWN },
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
	      "  -f, --config_file FILE  configuration file (default " OSPFD_DEFAULT_CONFIG ")\n"
	      "  -C, --dryrun       check the configuration file and exit: 0 if valid, 1 if not\n"
	      "  -d, --daemon       run in the background (logs go to syslog)\n"
	      "  -i, --pid_file FILE  write the process id to FILE\n"
	      "  --vty_socket DIR   put the vty socket ospfd.vty in DIR "
	      "(default " OSPFD_DEFAULT_VTY_DIR ")\n"
	      "  -u, --user USER    run as USER after opening the sockets (keeps CAP_NET_RAW and\n"
	      "                     CAP_NET_ADMIN)\n"
	      "  -g, --group GROUP  run as GROUP; also the group of the vty socket\n"
	      "  --log-stderr       with -d, log to stderr instead of syslog\n"
	      "  --list-commands    print every command, per mode, with its help, and exit\n"
	      "  --markdown         with --list-commands: as doc/commands.md (a Markdown table)\n"
	      "  --decode FILE  print the OSPF packets of a pcap or pcapng capture, then exit:\n"
	      "                 0 if all decoded, 1 if some packet or LSA did not, 2 if the file\n"
	      "                 cannot be read\n"
	      "  --json         with --decode: print one JSON document instead of text\n"
	      "  -h, --help     print this help and exit\n"
	      "  -v, --version  print the version and exit\n"
	      "\n"
	      "SIGTERM or SIGINT stop the daemon cleanly: it flushes its LSAs and exits.\n",
	      f);
}

/* true: run with *o; false: exit now with *status (--help, --version, a usage error) */
static bool opts_parse(int argc, char **argv, struct main_opts *o, int *status)
{
	int c;

	while ((c = getopt_long(argc, argv, "hvf:di:u:g:C", long_opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			o->d.config_file = optarg;
			break;
		case 'd':
			o->d.daemonize = true;
			break;
		case 'i':
			o->d.pid_file = optarg;
			break;
		case OPT_VTY_SOCKET:
			o->d.vty_dir = optarg;
			break;
		case 'u':
			o->d.user = optarg;
			break;
		case 'g':
			o->d.group = optarg;
			break;
		case 'C':
			o->check_only = true;
			break;
		case OPT_LOG_STDERR:
			o->d.foreground_log = true;
			break;
		case OPT_DECODE:
			o->decode_path = optarg;
			break;
		case OPT_JSON:
			o->json = true;
			break;
		case OPT_LIST_COMMANDS:
			o->list_commands = true;
			break;
		case OPT_MARKDOWN:
			o->markdown = true;
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
	if (o->markdown && !o->list_commands) {
		fprintf(stderr, "ospfd: --markdown works with --list-commands only\n");
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

/* -C: the same reading as at start-up; "FILE:LINE: reason" on failure. */
static int config_check(const char *path)
{
	struct ospf_config c;
	char err[512];

	if (config_read_file(path, &c, err, sizeof(err))) {
		fprintf(stderr, "ospfd: %s\n", err);
		return EXIT_FAILURE;
	}
	config_free(&c);
	printf("%s: configuration is valid\n", path);
	return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
	struct main_opts o = { 0 };
	int status;

	if (!opts_parse(argc, argv, &o, &status))
		return status;
	if (o.list_commands)
		return cmdref_print(stdout, o.markdown) ? EXIT_FAILURE : EXIT_SUCCESS;
	if (o.decode_path)
		return (int)decode_file(o.decode_path, o.json, stdout, stderr);
	if (o.check_only)
		return config_check(o.d.config_file ? o.d.config_file : OSPFD_DEFAULT_CONFIG);
	return daemon_run(&o.d);
}
