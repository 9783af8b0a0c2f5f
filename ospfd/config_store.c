/* SPDX-License-Identifier: ISC */
/* The configuration store: the running tree, loading, commits, the diff, write memory. */
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "config_int.h"

#ifndef OSPFD_YANG_INSTALL_DIR
#define OSPFD_YANG_INSTALL_DIR "/usr/local/share/ospfd/yang"
#endif
#ifndef OSPFD_YANG_SRC_DIR
#define OSPFD_YANG_SRC_DIR "ospfd/yang"
#endif

struct config_store *config_store_new(const char *yang_dirs, char *err, size_t errlen)
{
	struct config_store *cs = calloc(1, sizeof(*cs));

	if (!cs) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (!yang_dirs)
		yang_dirs = getenv("OSPFD_YANG_DIR");
	if (!yang_dirs || !*yang_dirs)
		yang_dirs = OSPFD_YANG_INSTALL_DIR ":" OSPFD_YANG_SRC_DIR;
	cs->ly = yu_ctx_new(yang_dirs, CFG_YANG_MODULE, err, errlen);
	if (!cs->ly) {
		free(cs);
		return NULL;
	}
	config_init(&cs->cfg);
	return cs;
}

void config_store_free(struct config_store *cs)
{
	if (!cs)
		return;
	lyd_free_all(cs->running);
	config_free(&cs->cfg);
	yu_ctx_free(cs->ly);
	free(cs->path);
	free(cs);
}

void config_store_set_apply(struct config_store *cs, const struct config_apply *apply)
{
	cs->apply = *apply;
}

const struct ospf_config *config_store_cfg(const struct config_store *cs)
{
	return &cs->cfg;
}

const struct lyd_node *config_store_running(const struct config_store *cs)
{
	return cs->running;
}

const char *config_store_path(const struct config_store *cs)
{
	return cs->path;
}

void config_store_set_path(struct config_store *cs, const char *path)
{
	char *p = path ? strdup(path) : NULL;

	free(cs->path);
	cs->path = p;
}

/* ---- the diff, classified for the apply callback ---- */

static const struct {
	const char *path;
	enum config_item item;
} items[] = {
	{ "/ospfd:system", CONFIG_ITEM_HOSTNAME },
	{ "/ospfd:system/hostname", CONFIG_ITEM_HOSTNAME },
	{ "/ospfd:system/log", CONFIG_ITEM_HOSTNAME },
	{ "/ospfd:system/log/stdout", CONFIG_ITEM_HOSTNAME },
	{ "/ospfd:system/log/syslog", CONFIG_ITEM_HOSTNAME },
	{ "/ospfd:ospf", CONFIG_ITEM_INSTANCE },
	{ "/ospfd:ospf/router-id", CONFIG_ITEM_ROUTER_ID },
	{ "/ospfd:ospf/network", CONFIG_ITEM_NETWORK },
	{ "/ospfd:ospf/network/area", CONFIG_ITEM_NETWORK },
	{ "/ospfd:ospf/passive-interface-default", CONFIG_ITEM_PASSIVE_DEFAULT },
	{ "/ospfd:interfaces", CONFIG_ITEM_IFACE },
	{ "/ospfd:interfaces/interface", CONFIG_ITEM_IFACE },
	{ "/ospfd:interfaces/interface/ospf", CONFIG_ITEM_IFACE },
	{ "/ospfd:interfaces/interface/ospf/area", CONFIG_ITEM_IF_AREA },
	{ "/ospfd:interfaces/interface/ospf/cost", CONFIG_ITEM_IF_COST },
	{ "/ospfd:interfaces/interface/ospf/hello-interval", CONFIG_ITEM_IF_HELLO },
	{ "/ospfd:interfaces/interface/ospf/dead-interval", CONFIG_ITEM_IF_DEAD },
	{ "/ospfd:interfaces/interface/ospf/network-type", CONFIG_ITEM_IF_NETWORK_TYPE },
	{ "/ospfd:interfaces/interface/ospf/passive", CONFIG_ITEM_IF_PASSIVE },
	{ "/ospfd:interfaces/interface/ospf/retransmit-interval", CONFIG_ITEM_IF_PARAM },
	{ "/ospfd:interfaces/interface/ospf/transmit-delay", CONFIG_ITEM_IF_PARAM },
	{ "/ospfd:interfaces/interface/ospf/priority", CONFIG_ITEM_IF_PARAM },
	{ "/ospfd:interfaces/interface/ospf/mtu-ignore", CONFIG_ITEM_IF_PARAM },
	{ "/ospfd:interfaces/interface/ospf/authentication", CONFIG_ITEM_AUTH },
	{ "/ospfd:interfaces/interface/ospf/authentication/type", CONFIG_ITEM_AUTH },
	{ "/ospfd:interfaces/interface/ospf/authentication/key", CONFIG_ITEM_AUTH },
	{ "/ospfd:interfaces/interface/ospf/authentication/message-digest-key", CONFIG_ITEM_AUTH },
	{ "/ospfd:interfaces/interface/ospf/authentication/message-digest-key/algorithm",
	  CONFIG_ITEM_AUTH },
	{ "/ospfd:interfaces/interface/ospf/authentication/message-digest-key/md5-key",
	  CONFIG_ITEM_AUTH },
	{ "/ospfd:ospf/area/authentication", CONFIG_ITEM_AUTH },
};

static enum config_item item_of(const char *schema_path)
{
	size_t i;

	for (i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		if (!strcmp(items[i].path, schema_path))
			return items[i].item;
	return CONFIG_ITEM_OTHER;
}

/* The name of the interface list entry node is in, or NULL. */
static const char *ifname_of(const struct lyd_node *node)
{
	const struct lyd_node *n;

	for (n = node; n; n = n->parent ? &n->parent->node : NULL) {
		if (n->schema->nodetype == LYS_LIST && !strcmp(n->schema->name, "interface")) {
			const struct lyd_node *k = lyd_child(n);

			return k ? lyd_get_value(k) : NULL;
		}
	}
	return NULL;
}

static int diff_node(void *arg, enum yu_op op, const struct lyd_node *node)
{
	struct config_store *cs = arg;
	char spath[256];
	struct config_change ch = {
		.op = op == YU_OP_CREATE   ? CONFIG_OP_CREATE
		      : op == YU_OP_DELETE ? CONFIG_OP_DELETE
					   : CONFIG_OP_REPLACE,
		.node = node,
		.schema_path = spath,
		.ifname = ifname_of(node),
	};

	if (!lysc_path(node->schema, LYSC_PATH_DATA, spath, sizeof(spath)))
		spath[0] = '\0';
	ch.item = item_of(spath);
	/* an area created or deleted whole with its authentication changes the interfaces' */
	if (!strcmp(spath, "/ospfd:ospf/area") && yu_find(node, "authentication"))
		ch.item = CONFIG_ITEM_AUTH;
	cs->apply.changed(cs->apply.arg, &ch);
	return 0;
}

int config_store_commit(struct config_store *cs, struct lyd_node **cand, char *err, size_t errlen)
{
	struct lyd_node *diff = NULL, *old;
	struct ospf_config cfg;
	char why[400];

	if (yu_validate(cs->ly, cand, why, sizeof(why))) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	if (yu_diff(cs->running, *cand, &diff) || config_derive(*cand, &cfg)) {
		lyd_free_all(diff);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	old = cs->running;
	cs->running = *cand;
	*cand = NULL;
	config_free(&cs->cfg);
	cs->cfg = cfg;
	if (cs->apply.changed && diff)
		yu_diff_walk(diff, diff_node, cs);
	if (cs->apply.done && diff)
		cs->apply.done(cs->apply.arg);
	lyd_free_all(diff);
	lyd_free_all(old);
	return 0;
}

/* ---- loading ---- */

static bool looks_like_json(const char *text)
{
	text += strspn(text, " \t\r\n");
	return *text == '{';
}

/* libyang 2.1 reads a truncated JSON document as far as it goes: json-c checks it whole. */
static int json_check(const char *text, char *err, size_t errlen)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *obj;
	enum json_tokener_error e;

	if (!tok) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	obj = json_tokener_parse_ex(tok, text, (int)strlen(text));
	e = json_tokener_get_error(tok);
	if (!obj || e != json_tokener_success ||
	    text[json_tokener_get_parse_end(tok) +
		 strspn(text + json_tokener_get_parse_end(tok), " \t\r\n")]) {
		snprintf(err, errlen, "not valid JSON: %s",
			 e == json_tokener_success    ? "text after the document"
			 : e == json_tokener_continue ? "the document ends too early"
						      : json_tokener_error_desc(e));
		json_object_put(obj);
		json_tokener_free(tok);
		return -1;
	}
	json_object_put(obj);
	json_tokener_free(tok);
	return 0;
}

/* Runs the commands of text into *cand; "NAME:LINE: reason" on failure. */
static int cli_to_tree(struct config_store *cs, const char *name, const char *text,
		       struct lyd_node **cand, char *errbuf, size_t errlen)
{
	struct cmd_tree *t = cmd_tree_new();
	struct config_ctx ctx = { .store = cs, .cand = cand };
	struct cmd_session s = { .node = NODE_CONFIG, .ctx = &ctx };
	struct cmd_status st = { 0 };
	struct cmd_out out;
	enum cmd_result r;

	if (!t || config_cmds_install(t)) {
		snprintf(errbuf, errlen, "%s: internal error: %s", name,
			 t ? cmd_tree_error(t) : "out of memory");
		cmd_tree_free(t);
		return -1;
	}
	cmd_out_init(&out);
	r = cmd_exec_text(t, &s, text, &out, &st);
	if (r != CMD_OK && r != CMD_WARNING) {
		/* st.msg says "% reason"; the file name and line lead, as compilers do */
		const char *msg = st.msg[0] == '%' ? st.msg + 1 : st.msg;

		while (*msg == ' ')
			msg++;
		if (!*msg && out.buf)
			msg = out.buf + (out.buf[0] == '%' ? 1 : 0);
		while (*msg == ' ')
			msg++;
		snprintf(errbuf, errlen, "%s:%u: %s", name, st.line, msg);
		/* a handler's own message ends in a newline */
		errbuf[strcspn(errbuf, "\n")] = '\0';
	}
	cmd_out_free(&out);
	cmd_tree_free(t);
	return r == CMD_OK || r == CMD_WARNING ? 0 : -1;
}

int config_store_load_text(struct config_store *cs, const char *name, const char *text, char *err,
			   size_t errlen)
{
	struct lyd_node *cand = NULL;
	char why[400];

	if (looks_like_json(text)) {
		if (json_check(text, why, sizeof(why))) {
			snprintf(err, errlen, "%s: invalid configuration: %s", name, why);
			return -1;
		}
		if (yu_parse(cs->ly, text, LYD_JSON, &cand, why, sizeof(why))) {
			snprintf(err, errlen, "%s: invalid configuration: %s", name, why);
			return -1;
		}
	} else if (cli_to_tree(cs, name, text, &cand, err, errlen)) {
		lyd_free_all(cand);
		return -1;
	}
	if (config_store_commit(cs, &cand, why, sizeof(why))) {
		snprintf(err, errlen, "%s: invalid configuration: %s", name, why);
		lyd_free_all(cand);
		return -1;
	}
	return 0;
}

static char *file_read(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	FILE *m;
	char *text = NULL;
	size_t len = 0;
	char buf[4096];
	size_t n;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	m = open_memstream(&text, &len);
	while (m && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, m);
	if (m)
		fclose(m);
	fclose(f);
	if (!text)
		snprintf(err, errlen, "%s: out of memory", path);
	return text;
}

int config_store_load_file(struct config_store *cs, const char *path, char *err, size_t errlen)
{
	char *text = file_read(path, err, errlen);
	int rc;

	if (!text)
		return -1;
	rc = config_store_load_text(cs, path, text, err, errlen);
	free(text);
	if (!rc)
		config_store_set_path(cs, path);
	return rc;
}

/* ---- one-shot reading ---- */

int config_read_text(const char *name, const char *text, struct ospf_config *c, char *err,
		     size_t errlen)
{
	struct config_store *cs = config_store_new(NULL, err, errlen);

	config_init(c);
	if (!cs)
		return -1;
	if (config_store_load_text(cs, name, text, err, errlen)) {
		config_store_free(cs);
		return -1;
	}
	*c = cs->cfg;
	config_init(&cs->cfg); /* c owns the arrays now */
	config_store_free(cs);
	return 0;
}

int config_read_file(const char *path, struct ospf_config *c, char *err, size_t errlen)
{
	char *text = file_read(path, err, errlen);
	int rc;

	config_init(c);
	if (!text)
		return -1;
	rc = config_read_text(path, text, c, err, errlen);
	free(text);
	return rc;
}

/* ---- printing and saving ---- */

char *config_render_json(const struct config_store *cs)
{
	return yu_print(cs->running, LYD_JSON);
}

char *config_render_xml(const struct config_store *cs)
{
	return yu_print(cs->running, LYD_XML);
}

static int fsync_dir(const char *path)
{
	char *copy = strdup(path);
	int fd, rc;

	if (!copy)
		return -1;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	free(copy);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

static int write_all(int fd, const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(fd, s, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Copies src to dst (for a file system without hard links). */
static int file_copy(const char *src, const char *dst)
{
	char *text = NULL;
	char err[64];
	int fd, rc;

	text = file_read(src, err, sizeof(err));
	if (!text)
		return -1;
	fd = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0640);
	rc = fd < 0 || write_all(fd, text, strlen(text)) || fsync(fd) ? -1 : 0;
	if (fd >= 0 && close(fd))
		rc = -1;
	free(text);
	return rc;
}

/* Keeps the current file as PATH.bak: a hard link (or a copy), so path itself stays. */
static int backup_keep(const char *path, char *err, size_t errlen)
{
	char bak[4096];

	if (access(path, F_OK) < 0)
		return 0;
	snprintf(bak, sizeof(bak), "%s.bak", path);
	if (unlink(bak) < 0 && errno != ENOENT) {
		snprintf(err, errlen, "%s: %s", bak, strerror(errno));
		return -1;
	}
	if (link(path, bak) < 0 && file_copy(path, bak) < 0) {
		snprintf(err, errlen, "%s: %s", bak, strerror(errno));
		return -1;
	}
	return 0;
}

int config_store_write(const struct config_store *cs, const char *path, char *err, size_t errlen)
{
	char *text = config_render_cli(cs->running);
	char tmp[4096];
	int fd;

	if (!text) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		free(text);
		return -1;
	}
	if (write_all(fd, text, strlen(text)) || fchmod(fd, 0640) || fsync(fd)) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	if (close(fd)) {
		fd = -1;
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (backup_keep(path, err, errlen))
		goto fail;
	if (rename(tmp, path) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	free(text);
	fsync_dir(path);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(text);
	return -1;
}
