/* SPDX-License-Identifier: ISC */
/* show ip ospf ...: one json-c object per command, the text rendered from it. */
#include "show.h"
#include "show_int.h"

#include <ctype.h>
#include <json-c/json.h>
#include <stdio.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "cmd.h"
#include "clear.h"
#include "config.h"
#include "debug.h"
#include "external.h"
#include "iface.h"
#include "nbr.h"
#include "stub_router.h"
#include "route.h"
#include "spf.h"
#include "vlink.h"

void jstr(struct json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, json_object_new_string(v));
}

void jint(struct json_object *o, const char *k, int64_t v)
{
	json_object_object_add(o, k, json_object_new_int64(v));
}

void jbool(struct json_object *o, const char *k, bool v)
{
	json_object_object_add(o, k, json_object_new_boolean(v));
}

int64_t jget_int(struct json_object *o, const char *k)
{
	struct json_object *v;

	return json_object_object_get_ex(o, k, &v) ? json_object_get_int64(v) : 0;
}

const char *jget_str(struct json_object *o, const char *k)
{
	struct json_object *v;

	return json_object_object_get_ex(o, k, &v) ? json_object_get_string(v) : "";
}

/* FRR's duration format: "1h02m03s" over an hour, "2m03s", "3.456s" under a minute. */
void duration_fmt(char *b, size_t n, int64_t ms)
{
	int64_t s = ms / 1000;

	if (ms < 60000)
		snprintf(b, n, "%lld.%03llds", (long long)s, (long long)(ms % 1000));
	else if (s < 3600)
		snprintf(b, n, "%lldm%02llds", (long long)(s / 60), (long long)(s % 60));
	else
		snprintf(b, n, "%lldh%02lldm%02llds", (long long)(s / 3600),
			 (long long)(s / 60 % 60), (long long)(s % 60));
}

/* FRR names a neighbor's interface "IFNAME:ADDRESS". */
static void iface_label(char *b, size_t n, const struct iface *ifp)
{
	snprintf(b, n, "%s:%s", ifp->name, ipstr(ifp->addr));
}

/* What the neighbor is on the network: DR, Backup or DROther ("Full/DR"). */
static const char *nbr_role(const struct nbr *n)
{
	const struct iface *ifp = n->iface;

	if (ifp->params.type == IFACE_P2P)
		return "DROther";
	if (ifp->dr == n->addr)
		return "DR";
	if (ifp->bdr == n->addr)
		return "Backup";
	return "DROther";
}

static int64_t nbr_dead_ms(const struct nbr *n)
{
	return n->inactivity_timer ? (int64_t)timer_remaining(n->inactivity_timer) : 0;
}

static void nbr_state_label(char *b, size_t len, const struct nbr *n)
{
	if (n->iface->params.type == IFACE_P2P)
		snprintf(b, len, "%s/-", nbr_state_name(n->state));
	else
		snprintf(b, len, "%s/%s", nbr_state_name(n->state), nbr_role(n));
}

/* FRR's options string: "*|O|DC|EA|N/P|MC|E|M/T", a '-' for each bit not set. */
void options_fmt(char *b, size_t len, uint8_t opt)
{
	snprintf(b, len, "*|%s|%s|%s|%s|%s|%s|%s", (opt & OSPF_OPT_O) ? "O" : "-",
		 (opt & OSPF_OPT_DC) ? "DC" : "-", (opt & OSPF_OPT_L) ? "EA" : "-",
		 (opt & OSPF_OPT_NP) ? "N/P" : "-", (opt & OSPF_OPT_MC) ? "MC" : "-",
		 (opt & OSPF_OPT_E) ? "E" : "-", (opt & OSPF_OPT_MT) ? "M/T" : "-");
}

/* The keys and order of FRR 8.4's `show ip ospf neighbor json`. */
static struct json_object *nbr_json(const struct nbr *n)
{
	const struct iface *ifp = n->iface;
	struct json_object *j = json_object_new_object();
	int64_t up = (int64_t)(ospf_now(ifp->ospf) - n->last_change_ms);
	char buf[64];

	nbr_state_label(buf, sizeof(buf), n);
	jint(j, "priority", n->priority);
	jstr(j, "state", buf);
	jint(j, "nbrPriority", n->priority);
	jstr(j, "nbrState", buf);
	jstr(j, "converged", nbr_state_name(n->state));
	jstr(j, "role", nbr_role(n));
	jint(j, "upTimeInMsec", up);
	jint(j, "deadTimeMsecs", nbr_dead_ms(n));
	jint(j, "routerDeadIntervalTimerDueMsec", nbr_dead_ms(n));
	duration_fmt(buf, sizeof(buf), up);
	jstr(j, "upTime", buf);
	duration_fmt(buf, sizeof(buf), nbr_dead_ms(n));
	jstr(j, "deadTime", buf);
	jstr(j, "address", ipstr(n->addr));
	jstr(j, "ifaceAddress", ipstr(n->addr));
	iface_label(buf, sizeof(buf), ifp);
	jstr(j, "ifaceName", buf);
	jint(j, "retransmitCounter", (int64_t)n->nretransmit);
	jint(j, "linkStateRetransmissionListCounter", (int64_t)n->nretransmit);
	jint(j, "requestCounter", (int64_t)n->nrequest);
	jint(j, "linkStateRequestListCounter", (int64_t)n->nrequest);
	jint(j, "dbSummaryCounter", (int64_t)list_count(&n->summary_list));
	jint(j, "databaseSummaryListCounter", (int64_t)list_count(&n->summary_list));
	return j;
}

/* The keys and order of FRR 8.4's `show ip ospf neighbor detail json`, and why a neighbor
 * that is not Full last failed to advance (beyond FRR). */
static struct json_object *nbr_detail_json(const struct nbr *n)
{
	const struct iface *ifp = n->iface;
	struct json_object *j = json_object_new_object();
	char buf[64];

	jstr(j, "ifaceAddress", ipstr(n->addr));
	jstr(j, "areaId", ipstr(ifp->area->id));
	jstr(j, "ifaceName", ifp->name);
	jint(j, "nbrPriority", n->priority);
	nbr_state_label(buf, sizeof(buf), n);
	jstr(j, "nbrState", buf);
	jint(j, "stateChangeCounter", n->state_changes);
	jint(j, "lastPrgrsvChangeMsec", (int64_t)(ospf_now(ifp->ospf) - n->last_change_ms));
	/* FRR names them ids, but prints the interface addresses the Hello declares */
	jstr(j, "routerDesignatedId", ipstr(n->dr));
	jstr(j, "routerDesignatedBackupId", ipstr(n->bdr));
	jint(j, "optionsCounter", n->options);
	options_fmt(buf, sizeof(buf), n->options);
	jstr(j, "optionsList", buf);
	jint(j, "routerDeadIntervalTimerDueMsec", nbr_dead_ms(n));
	jint(j, "databaseSummaryListCounter", (int64_t)list_count(&n->summary_list));
	jint(j, "linkStateRequestListCounter", (int64_t)n->nrequest);
	jint(j, "linkStateRetransmissionListCounter", (int64_t)n->nretransmit);
	jstr(j, "threadInactivityTimer", n->inactivity_timer ? "on" : "off");
	jstr(j, "threadLinkStateRequestRetransmission", n->lsr_rxmt_timer ? "on" : "off");
	jstr(j, "threadLinkStateUpdateRetransmission", n->lsu_rxmt_timer ? "on" : "off");
	jstr(j, "grHelperStatus", "None"); /* we are no graceful restart helper (RFC 3623) */
	if (n->last_reason) {
		jstr(j, "lastReason", n->last_reason);
		/* FRR's keys of the last step back */
		jint(j, "lastRegressiveChangeMsec",
		     (int64_t)(ospf_now(ifp->ospf) - n->last_reason_ms));
		jstr(j, "lastRegressiveChangeReason", n->last_reason);
	}
	/* beyond FRR: the last one accepted (RFC 2328 D.4.3) */
	if (ifp->params.auth.type == OSPF_AUTH_CRYPTO)
		jint(j, "cryptoSequenceNumber", n->crypt_seq);
	return j;
}

/* FRR: {"neighbors": {"ROUTER-ID": [ {...}, ... ]}} */
struct json_object *show_neighbor_json(const struct ospf *o, bool detail)
{
	struct json_object *root = json_object_new_object();
	struct json_object *nbrs = json_object_new_object();
	struct iface *ifp;
	struct nbr *n;

	json_object_object_add(root, "neighbors", nbrs);
	if (!o)
		return root;
	list_for_each (ifp, &o->ifaces, node)
		list_for_each (n, &ifp->nbrs, node) {
			struct json_object *arr;
			const char *id = ipstr(n->router_id);

			if (n->state == NSM_DOWN)
				continue;
			if (!json_object_object_get_ex(nbrs, id, &arr)) {
				arr = json_object_new_array();
				json_object_object_add(nbrs, id, arr);
			}
			json_object_array_add(arr, detail ? nbr_detail_json(n) : nbr_json(n));
		}
	return root;
}

static void neighbor_text(struct json_object *root, struct cmd_out *out)
{
	struct json_object *nbrs;

	json_object_object_get_ex(root, "neighbors", &nbrs);
	cmd_out_printf(out, "\n%-15s %3s %-15s %-15s %9s %-15s %-32s %5s %5s %5s\n", "Neighbor ID",
		       "Pri", "State", "Up Time", "Dead Time", "Address", "Interface", "RXmtL",
		       "RqstL", "DBsmL");
	json_object_object_foreach (nbrs, id, arr) {
		size_t i;

		for (i = 0; i < json_object_array_length(arr); i++) {
			struct json_object *n = json_object_array_get_idx(arr, i);

			cmd_out_printf(
			    out, "%-15s %3lld %-15s %-15s %9s %-15s %-32s %5lld %5lld %5lld\n", id,
			    (long long)jget_int(n, "nbrPriority"), jget_str(n, "nbrState"),
			    jget_str(n, "upTime"), jget_str(n, "deadTime"),
			    jget_str(n, "ifaceAddress"), jget_str(n, "ifaceName"),
			    (long long)jget_int(n, "linkStateRetransmissionListCounter"),
			    (long long)jget_int(n, "linkStateRequestListCounter"),
			    (long long)jget_int(n, "databaseSummaryListCounter"));
		}
	}
	cmd_out_printf(out, "\n");
}

static void neighbor_detail_text(struct json_object *root, struct cmd_out *out)
{
	struct json_object *nbrs;

	json_object_object_get_ex(root, "neighbors", &nbrs);
	json_object_object_foreach (nbrs, id, arr) {
		size_t i;

		for (i = 0; i < json_object_array_length(arr); i++) {
			struct json_object *n = json_object_array_get_idx(arr, i);

			cmd_out_printf(out, " Neighbor %s, interface address %s\n", id,
				       jget_str(n, "ifaceAddress"));
			cmd_out_printf(out, "    In the area %s via interface %s\n",
				       jget_str(n, "areaId"), jget_str(n, "ifaceName"));
			cmd_out_printf(
			    out, "    Neighbor priority is %lld, State is %s, %lld state changes\n",
			    (long long)jget_int(n, "nbrPriority"), jget_str(n, "nbrState"),
			    (long long)jget_int(n, "stateChangeCounter"));
			cmd_out_printf(out, "    DR is %s, BDR is %s\n",
				       jget_str(n, "routerDesignatedId"),
				       jget_str(n, "routerDesignatedBackupId"));
			cmd_out_printf(out, "    Options %lld %s\n",
				       (long long)jget_int(n, "optionsCounter"),
				       jget_str(n, "optionsList"));
			cmd_out_printf(out, "    Dead timer due in %lld msec\n",
				       (long long)jget_int(n, "routerDeadIntervalTimerDueMsec"));
			cmd_out_printf(out, "    Database Summary List %lld\n",
				       (long long)jget_int(n, "databaseSummaryListCounter"));
			cmd_out_printf(out, "    Link State Request List %lld\n",
				       (long long)jget_int(n, "linkStateRequestListCounter"));
			cmd_out_printf(out, "    Link State Retransmission List %lld\n",
				       (long long)jget_int(n, "linkStateRetransmissionListCounte"
							      "r"));
			cmd_out_printf(out,
				       "    Graceful restart Helper info:\n"
				       "      Graceful Restart HELPER Status : %s\n",
				       jget_str(n, "grHelperStatus"));
			if (json_object_object_get_ex(n, "lastReason", NULL)) {
				char ago[32];

				duration_fmt(ago, sizeof(ago),
					     jget_int(n, "lastRegressiveChangeMsec"));
				cmd_out_printf(out, "    Last problem: %s, %s ago\n",
					       jget_str(n, "lastReason"), ago);
			}
			if (json_object_object_get_ex(n, "cryptoSequenceNumber", NULL))
				cmd_out_printf(out, "    Cryptographic sequence number %lld\n",
					       (long long)jget_int(n, "cryptoSequenceNumber"));
			cmd_out_printf(out, "\n");
		}
	}
}

static const char *network_type_name(enum iface_type t)
{
	switch (t) {
	case IFACE_P2P:
		return "POINTOPOINT";
	case IFACE_LOOPBACK:
		return "LOOPBACK";
	default:
		return "BROADCAST";
	}
}

/* FRR's "localIfUsed": the broadcast address, or the address itself for a host or p2p. */
static uint32_t iface_local_used(const struct iface *ifp)
{
	if (ifp->prefixlen >= 31 || ifp->params.type != IFACE_BROADCAST)
		return ifp->peer ? ifp->peer : ifp->addr;
	return ifp->addr | ~iface_mask(ifp);
}

/* The keys and order of FRR 8.4's `show ip ospf interface json`, plus packetDrops. */
/* FRR 8.4's "authentication"; beyond FRR, the key, algorithm and sequence number sent. */
static void auth_json(struct json_object *j, const struct iface *ifp)
{
	const struct auth_conf *ac = &ifp->params.auth;
	const struct auth_key *k = auth_send_key(ac);

	if (ac->type == OSPF_AUTH_SIMPLE) {
		jstr(j, "authentication", "authenticationSimplePassword");
		return;
	}
	if (ac->type != OSPF_AUTH_CRYPTO) {
		jstr(j, "authentication", "authenticationNone");
		return;
	}
	jstr(j, "authentication", "authenticationMessageDigest");
	jint(j, "authenticationKeyId", k ? k->id : 0);
	jstr(j, "authenticationAlgorithm",
	     auth_algo_name(k ? (enum auth_algo)k->algo : AUTH_ALGO_MD5));
	jint(j, "cryptoSequenceNumber", ifp->auth_seq);
}

static void auth_text(struct json_object *j, struct cmd_out *out)
{
	const char *a = jget_str(j, "authentication");
	char algo[32];
	size_t i;

	if (!strcmp(a, "authenticationSimplePassword")) {
		cmd_out_printf(out, "  Simple password authentication enabled\n");
	} else if (!strcmp(a, "authenticationMessageDigest")) {
		snprintf(algo, sizeof(algo), "%s", jget_str(j, "authenticationAlgorithm"));
		for (i = 0; algo[i]; i++)
			algo[i] = (char)toupper((unsigned char)algo[i]);
		cmd_out_printf(out, "  Cryptographic authentication enabled\n");
		cmd_out_printf(out, "  Algorithm:%s\n", algo);
		cmd_out_printf(out, "  Key id %lld, sequence number %lld\n",
			       (long long)jget_int(j, "authenticationKeyId"),
			       (long long)jget_int(j, "cryptoSequenceNumber"));
	} else {
		cmd_out_printf(out, "  Authentication NULL is enabled\n");
	}
}

/* FRR's "<UP,BROADCAST,RUNNING,MULTICAST>" */
static void if_flags_json(struct json_object *j, unsigned int f)
{
	static const struct {
		unsigned int bit;
		const char *name;
	} names[] = { { IFF_UP, "UP" },
		      { IFF_BROADCAST, "BROADCAST" },
		      { IFF_LOOPBACK, "LOOPBACK" },
		      { IFF_POINTOPOINT, "POINTOPOINT" },
		      { IFF_RUNNING, "RUNNING" },
		      { IFF_MULTICAST, "MULTICAST" } };
	char buf[96] = "<";
	size_t used = 1;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (f & names[i].bit)
			used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s",
						 used > 1 ? "," : "", names[i].name);
	snprintf(buf + used, sizeof(buf) - used, ">");
	jstr(j, "ifFlags", buf);
}

/* The sequence number of our network-LSA for ifp, as FRR prints it (DR only). */
static void network_lsa_seq_json(struct json_object *j, const struct iface *ifp)
{
	struct lsa_key k = { LSA_NETWORK, ifp->addr, ifp->ospf->router_id };
	const struct lsa_entry *e;

	if (ifp->state != ISM_DR || !(e = lsdb_lookup(&ifp->area->lsdb, &k)))
		return;
	jint(j, "networkLsaSequence", (int64_t)(uint32_t)e->inst->hdr.seq);
}

static struct json_object *iface_json(const struct iface *ifp)
{
	struct json_object *j = json_object_new_object();
	struct json_object *drops = json_object_new_object();
	bool loopback = ifp->params.type == IFACE_LOOPBACK;
	bool dr_member = ifp->state == ISM_DR || ifp->state == ISM_BACKUP;
	const struct nbr *n;
	int nbrs = 0, adj = 0, r;

	jbool(j, "ifUp", ifp->kernel_up);
	if_flags_json(j, ifp->kernel_flags);
	jint(j, "bandwidthMbit", 0); /* link speed is not read: 0, unknown */
	jint(j, "ifIndex", ifp->ifindex);
	jint(j, "mtuBytes", ifp->kernel_mtu ? ifp->kernel_mtu : ifp->mtu);
	jbool(j, "ospfEnabled", true);
	jstr(j, "ipAddress", ipstr(ifp->addr));
	jint(j, "ipAddressPrefixlen", ifp->prefixlen);
	jstr(j, "ospfIfType", "Broadcast");
	jstr(j, "localIfUsed", ipstr(iface_local_used(ifp)));
	jstr(j, "area", ipstr(ifp->area->id));
	jstr(j, "routerId", ipstr(ifp->ospf->router_id));
	/* FRR's name of a virtual link's type (RFC 2328 15) */
	jstr(j, "networkType",
	     iface_is_vlink(ifp) ? "VIRTUALLINK" : network_type_name(ifp->params.type));
	/* a loopback is advertised as a host route of cost 0 (12.4.1.4) */
	jint(j, "cost", loopback ? 0 : ifp->params.cost);
	jint(j, "transmitDelaySecs", ifp->params.transmit_delay);
	jstr(j, "state", iface_state_name(ifp->state));
	jint(j, "priority", ifp->params.priority);
	network_lsa_seq_json(j, ifp);
	if (ifp->dr) {
		jstr(j, "drId", ipstr(ifp->dr_id));
		jstr(j, "drAddress", ipstr(ifp->dr));
	}
	if (ifp->bdr) {
		jstr(j, "bdrId", ipstr(ifp->bdr_id));
		jstr(j, "bdrAddress", ipstr(ifp->bdr));
	}
	if (iface_is_active(ifp)) {
		jbool(j, "mcastMemberOspfAllRouters", true);
		if (dr_member)
			jbool(j, "mcastMemberOspfDesignatedRouters", true);
	}
	jint(j, "timerMsecs", (int64_t)ifp->params.hello_interval * 1000);
	jint(j, "timerDeadSecs", ifp->params.dead_interval);
	jint(j, "timerWaitSecs", ifp->params.dead_interval);
	jint(j, "timerRetransmitSecs", ifp->params.retransmit_interval);
	if (ifp->hello_timer)
		jint(j, "timerHelloInMsecs", (int64_t)timer_remaining(ifp->hello_timer));
	if (ifp->params.passive || loopback)
		jbool(j, "timerPassiveIface", true);
	list_for_each (n, &ifp->nbrs, node) {
		nbrs++;
		adj += n->state == NSM_FULL;
	}
	jint(j, "nbrCount", nbrs);
	jint(j, "nbrAdjacentCount", adj);
	auth_json(j, ifp);
	/* beyond FRR: every packet dropped here, by reason */
	for (r = 1; r < DROP_REASON_MAX; r++)
		if (ifp->drops[r])
			jint(drops, drop_reason_name((enum drop_reason)r), (int64_t)ifp->drops[r]);
	json_object_object_add(j, "packetDrops", drops);
	return j;
}

struct json_object *show_interface_json(const struct ospf *o, const char *ifname)
{
	struct json_object *root = json_object_new_object();
	struct json_object *ifs = json_object_new_object();
	struct iface *ifp;

	json_object_object_add(root, "interfaces", ifs);
	if (!o)
		return root;
	list_for_each (ifp, &o->ifaces, node)
		if (!ifname || !strcmp(ifname, ifp->name))
			json_object_object_add(ifs, ifp->name, iface_json(ifp));
	return root;
}

static void interface_text(struct json_object *root, struct cmd_out *out)
{
	struct json_object *ifs;

	json_object_object_get_ex(root, "interfaces", &ifs);
	json_object_object_foreach (ifs, name, j) {
		struct json_object *drops;

		cmd_out_printf(out, "%s is %s\n", name,
			       json_object_get_boolean(json_object_object_get(j, "ifUp")) ? "up"
											  : "down");
		cmd_out_printf(out, "  ifindex %lld, MTU %lld bytes\n",
			       (long long)jget_int(j, "ifIndex"),
			       (long long)jget_int(j, "mtuBytes"));
		cmd_out_printf(out, "  Internet Address %s/%lld, Area %s\n",
			       jget_str(j, "ipAddress"),
			       (long long)jget_int(j, "ipAddressPrefixlen"), jget_str(j, "area"));
		cmd_out_printf(out, "  Router ID %s, Network Type %s, Cost: %lld\n",
			       jget_str(j, "routerId"), jget_str(j, "networkType"),
			       (long long)jget_int(j, "cost"));
		cmd_out_printf(out, "  Transmit Delay is %lld sec, State %s, Priority %lld\n",
			       (long long)jget_int(j, "transmitDelaySecs"), jget_str(j, "state"),
			       (long long)jget_int(j, "priority"));
		if (json_object_object_get_ex(j, "drId", NULL))
			cmd_out_printf(out, "  Designated Router (ID) %s Interface Address %s\n",
				       jget_str(j, "drId"), jget_str(j, "drAddress"));
		if (json_object_object_get_ex(j, "bdrId", NULL))
			cmd_out_printf(out,
				       "  Backup Designated Router (ID) %s, Interface Address %s\n",
				       jget_str(j, "bdrId"), jget_str(j, "bdrAddress"));
		cmd_out_printf(out,
			       "  Timer intervals configured, Hello %lldms, Dead %llds, Wait "
			       "%llds, "
			       "Retransmit %lld\n",
			       (long long)jget_int(j, "timerMsecs"),
			       (long long)jget_int(j, "timerDeadSecs"),
			       (long long)jget_int(j, "timerWaitSecs"),
			       (long long)jget_int(j, "timerRetransmitSecs"));
		cmd_out_printf(out, "  Neighbor Count is %lld, Adjacent neighbor count is %lld\n",
			       (long long)jget_int(j, "nbrCount"),
			       (long long)jget_int(j, "nbrAdjacentCount"));
		auth_text(j, out);
		json_object_object_get_ex(j, "packetDrops", &drops);
		cmd_out_printf(out, "  Packets dropped:%s\n",
			       json_object_object_length(drops) ? "" : " none");
		json_object_object_foreach (drops, reason, count) {
			cmd_out_printf(out, "    %-28s %lld\n", reason,
				       (long long)json_object_get_int64(count));
		}
		cmd_out_printf(out, "\n");
	}
}

struct db_walk {
	struct json_object *arr;
	uint8_t type;
	uint64_t now;
	const uint32_t *adv; /* only this advertising router's, if set */
};

/* FRR's per-type columns: link count, summary prefix, external route. */
static void db_entry_extras(struct json_object *j, const struct lsa_entry *e)
{
	const uint8_t *d = e->inst->data;
	uint16_t len = e->inst->len;
	char buf[32];

	if (e->key.type == LSA_ROUTER && len >= LSA_HEADER_LEN + 4) {
		jint(j, "numOfRouterLinks", d[22] << 8 | d[23]);
	} else if ((e->key.type == LSA_SUMMARY_NET || e->key.type == LSA_AS_EXTERNAL ||
		    e->key.type == LSA_NSSA) &&
		   len >= LSA_HEADER_LEN + 8) {
		uint32_t mask = (uint32_t)d[20] << 24 | (uint32_t)d[21] << 16 | d[22] << 8 | d[23];

		snprintf(buf, sizeof(buf), "%s/%d", ipstr(e->key.id & mask),
			 __builtin_popcount(mask));
		if (e->key.type == LSA_SUMMARY_NET) {
			jstr(j, "summaryAddress", buf);
		} else if (len >= LSA_HEADER_LEN + 16) {
			jstr(j, "metricType", d[24] & 0x80 ? "E2" : "E1");
			jstr(j, "route", buf);
			jint(j, "tag",
			     (int64_t)((uint32_t)d[32] << 24 | (uint32_t)d[33] << 16 | d[34] << 8 |
				       d[35]));
		}
	}
}

static void db_entry(struct lsa_entry *e, void *arg)
{
	struct db_walk *w = arg;
	const struct lsa_hdr *h = &e->inst->hdr;
	struct json_object *j;
	char buf[16];

	if (h->type != w->type || (w->adv && h->adv_router != *w->adv))
		return;
	j = json_object_new_object();
	jstr(j, "lsId", ipstr(h->id));
	jstr(j, "advertisedRouter", ipstr(h->adv_router));
	jint(j, "lsaAge", lsa_inst_age(e->inst, w->now) & ~LSA_DO_NOT_AGE);
	snprintf(buf, sizeof(buf), "%08x", (uint32_t)h->seq);
	jstr(j, "sequenceNumber", buf);
	snprintf(buf, sizeof(buf), "%04x", h->checksum);
	jstr(j, "checksum", buf);
	db_entry_extras(j, e);
	json_object_array_add(w->arr, j);
}

static const struct {
	uint8_t type;
	const char *key;
	const char *title;
} db_kinds[] = {
	{ LSA_ROUTER, "routerLinkStates", "Router Link States" },
	{ LSA_NETWORK, "networkLinkStates", "Net Link States" },
	{ LSA_SUMMARY_NET, "summaryLinkStates", "Summary Link States" },
	{ LSA_SUMMARY_ASBR, "asbrSummaryLinkStates", "ASBR-Summary Link States" },
	{ LSA_NSSA, "nssaExternalLinkStates", "NSSA-external Link States" },
	{ LSA_OPAQUE_LINK, "linkLocalOpaqueLsa", "Link-Local Opaque-LSA" },
	{ LSA_OPAQUE_AREA, "areaLocalOpaqueLsa", "Area-Local Opaque-LSA" },
};

static void db_kind_add(struct json_object *parent, const struct lsdb *db, uint8_t type,
			const char *key, uint64_t now, const uint32_t *adv)
{
	struct db_walk w = { json_object_new_array(), type, now, adv };
	size_t n;
	char count[64];

	lsdb_foreach(db, db_entry, &w);
	n = json_object_array_length(w.arr);
	if (n) {
		json_object_object_add(parent, key, w.arr);
		snprintf(count, sizeof(count), "%sCount", key);
		jint(parent, count, (int64_t)n); /* FRR: routerLinkStatesCount, ... */
	} else {
		json_object_put(w.arr);
	}
}

struct json_object *show_database_json(const struct ospf *o)
{
	return show_database_summary_json(o, false);
}

struct json_object *show_database_summary_json(const struct ospf *o, bool self_originate)
{
	const uint32_t *adv = o && self_originate ? &o->router_id : NULL;
	struct json_object *root = json_object_new_object();
	struct json_object *areas = json_object_new_object();
	struct area *a;
	size_t k;

	if (!o) {
		json_object_object_add(root, "areas", areas);
		return root;
	}
	jstr(root, "routerId", ipstr(o->router_id));
	json_object_object_add(root, "areas", areas);
	list_for_each (a, &o->areas, node) {
		struct json_object *aj = json_object_new_object();

		for (k = 0; k < sizeof(db_kinds) / sizeof(db_kinds[0]); k++)
			db_kind_add(aj, &a->lsdb, db_kinds[k].type, db_kinds[k].key, ospf_now(o),
				    adv);
		json_object_object_add(areas, ipstr(a->id), aj);
	}
	db_kind_add(root, &o->as_lsdb, LSA_AS_EXTERNAL, "asExternalLinkStates", ospf_now(o), adv);
	db_kind_add(root, &o->as_lsdb, LSA_OPAQUE_AS, "asExternalOpaqueLsa", ospf_now(o), adv);
	return root;
}

static void db_list_text(struct json_object *arr, const char *title, const char *area,
			 struct cmd_out *out)
{
	size_t i;

	if (area)
		cmd_out_printf(out, "                %s (Area %s)\n\n", title, area);
	else
		cmd_out_printf(out, "                %s\n\n", title);
	cmd_out_printf(out, "Link ID         ADV Router      Age  Seq#       CkSum\n");
	for (i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *j = json_object_array_get_idx(arr, i);

		cmd_out_printf(out, "%-15s %-15s %4lld 0x%s %s\n", jget_str(j, "lsId"),
			       jget_str(j, "advertisedRouter"), (long long)jget_int(j, "lsaAge"),
			       jget_str(j, "sequenceNumber"), jget_str(j, "checksum"));
	}
	cmd_out_printf(out, "\n");
}

static void database_text(struct json_object *root, struct cmd_out *out)
{
	struct json_object *areas, *arr;
	size_t k;

	cmd_out_printf(out, "\n       OSPF Router with ID (%s)\n\n", jget_str(root, "routerId"));
	json_object_object_get_ex(root, "areas", &areas);
	json_object_object_foreach (areas, area, aj) {
		for (k = 0; k < sizeof(db_kinds) / sizeof(db_kinds[0]); k++)
			if (json_object_object_get_ex(aj, db_kinds[k].key, &arr))
				db_list_text(arr, db_kinds[k].title, area, out);
	}
	if (json_object_object_get_ex(root, "asExternalLinkStates", &arr))
		db_list_text(arr, "AS External Link States", NULL, out);
}

struct lsa_tally {
	int64_t count[LSA_OPAQUE_AS + 1];
	int64_t checksum[LSA_OPAQUE_AS + 1];
};

static void tally(struct lsa_entry *e, void *arg)
{
	struct lsa_tally *t = arg;
	uint8_t type = e->inst->hdr.type;

	if (type > LSA_OPAQUE_AS)
		return;
	t->count[type]++;
	t->checksum[type] += e->inst->hdr.checksum;
}

/* FRR's per-type counters of an area: lsaRouterNumber, lsaRouterChecksum, ... */
static void area_tally_json(struct json_object *aj, const struct area *a)
{
	static const struct {
		uint8_t type;
		const char *count, *sum;
	} keys[] = {
		{ LSA_ROUTER, "lsaRouterNumber", "lsaRouterChecksum" },
		{ LSA_NETWORK, "lsaNetworkNumber", "lsaNetworkChecksum" },
		{ LSA_SUMMARY_NET, "lsaSummaryNumber", "lsaSummaryChecksum" },
		{ LSA_SUMMARY_ASBR, "lsaAsbrNumber", "lsaAsbrChecksum" },
		{ LSA_NSSA, "lsaNssaNumber", "lsaNssaChecksum" },
		{ LSA_OPAQUE_LINK, "lsaOpaqueLinkNumber", "lsaOpaqueLinkChecksum" },
		{ LSA_OPAQUE_AREA, "lsaOpaqueAreaNumber", "lsaOpaqueAreaChecksum" },
	};
	struct lsa_tally t = { { 0 }, { 0 } };
	size_t i;

	lsdb_foreach(&a->lsdb, tally, &t);
	jint(aj, "lsaNumber", (int64_t)a->lsdb.count);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		jint(aj, keys[i].count, t.count[keys[i].type]);
		jint(aj, keys[i].sum, t.checksum[keys[i].type]);
	}
}

/* FRR 8.4's SPF keys of `show ip ospf json`, plus the phases of the last run. */
static void spf_json(struct json_object *root, const struct ospf *o)
{
	const struct spf_stats *st = spf_stats(o);
	const struct spf_run_log *last = spf_last_run(o);

	jint(root, "spfScheduleDelayMsecs", o->spf_delay_ms);
	jint(root, "holdtimeMinMsecs", o->spf_holdtime_ms);
	jint(root, "holdtimeMaxMsecs", o->spf_max_holdtime_ms);
	jint(root, "holdtimeMultplier", st ? st->hold_multiplier : 1);
	if (last) {
		jint(root, "spfLastExecutedMsecs", (int64_t)(ospf_now(o) - last->start_ms));
		jint(root, "spfLastDurationMsecs", (int64_t)(last->total_us / 1000));
		/* ours: microseconds per phase, why it ran and how many runs */
		jint(root, "spfLastDurationUsecs", (int64_t)last->total_us);
		jint(root, "spfLastIntraUsecs", (int64_t)last->intra_us);
		jint(root, "spfLastInterUsecs", (int64_t)last->inter_us);
		jint(root, "spfLastExternalUsecs", (int64_t)last->external_us);
		jstr(root, "spfLastReason", last->reason);
		/* RFC 2328 16.5, 16.6: "full", "inter-area" or "external" */
		jstr(root, "spfLastScope", spf_scope_name(last->scope));
		jint(root, "spfRunCount", (int64_t)st->runs);
	} else {
		jbool(root, "spfHasNotRun", true);
	}
	if (spf_pending(o))
		jint(root, "spfTimerDueInMsecs", (int64_t)spf_due_in_ms(o));
	jint(root, "maximumPaths", o->max_paths);
}

/* The keys of FRR 8.4's `show ip ospf json` that have a meaning here so far. */
/* FRR's name of an area's authentication type (`area X authentication [message-digest]`). */
static const char *area_auth_name(const struct area *a)
{
	switch (a->auth_type) {
	case OSPF_AUTH_SIMPLE:
		return "authenticationSimplePassword";
	case OSPF_AUTH_CRYPTO:
		return "authenticationMessageDigest";
	default:
		return "authenticationNone";
	}
}

/* FRR's line for an area's authentication, from the JSON name. */
static void area_auth_text(const char *name, struct cmd_out *out)
{
	if (name && !strcmp(name, "authenticationSimplePassword"))
		cmd_out_printf(out, "   Area has simple password authentication\n");
	else if (name && !strcmp(name, "authenticationMessageDigest"))
		cmd_out_printf(out, "   Area has message digest authentication\n");
	else
		cmd_out_printf(out, "   Area has no authentication\n");
}

struct json_object *show_ospf_json(const struct ospf *o)
{
	struct json_object *root = json_object_new_object();
	struct json_object *areas = json_object_new_object();
	struct lsa_tally as = { { 0 }, { 0 } };
	struct area *a;

	if (!o) {
		json_object_put(areas);
		return root;
	}
	lsdb_foreach(&o->as_lsdb, tally, &as);
	jstr(root, "routerId", ipstr(o->router_id));
	jbool(root, "tosRoutesOnly", true);
	jbool(root, "rfc2328Conform", true);
	/* RFC 6987 stub router, as configured */
	if (o->stub_router_admin || o->stub_router_startup_s)
		jbool(root, "stubAdvertisement", true);
	if (o->stub_router_startup_s)
		jint(root, "postStartEnabledSecs", o->stub_router_startup_s);
	/* 16.2 as FRR's default abr-type: summaries of the backbone only, once an ABR */
	jstr(root, "abrType", "Alternative Cisco");
	jint(root, "preference", 110); /* the distance FRR gives OSPF routes */
	/* ours is per LSA: LSRefreshTime (RFC 2328 B), FRR's is its refresher's tick */
	jint(root, "refreshTimerMsecs", OSPF_LS_REFRESH_TIME_S * 1000);
	jint(root, "writeMultiplier", OSPF_READ_BATCH); /* packets read per socket event */
	jint(root, "lsaMinIntervalMsecs", OSPF_MIN_LS_INTERVAL_MS);
	jint(root, "lsaMinArrivalMsecs", OSPF_MIN_LS_ARRIVAL_MS);
	if (external_is_asbr(o))
		jstr(root, "asbrRouter", "injectingExternalRoutingInformation");
	jint(root, "lsaExternalCounter", as.count[LSA_AS_EXTERNAL]);
	jint(root, "lsaExternalChecksum", as.checksum[LSA_AS_EXTERNAL]);
	jint(root, "lsaAsopaqueCounter", as.count[LSA_OPAQUE_AS]);
	jint(root, "lsaAsOpaqueChecksum", as.checksum[LSA_OPAQUE_AS]);
	spf_json(root, o);
	jint(root, "attachedAreaCounter", (int64_t)list_count(&o->areas));
	jbool(root, "adjacencyChangesLoggedAll", true);
	list_for_each (a, &o->areas, node) {
		struct json_object *aj = json_object_new_object();
		struct iface *ifp;
		int n = 0, active = 0, adj = 0;

		list_for_each (ifp, &a->ifaces, area_node) {
			struct nbr *nb;

			n++;
			active += ifp->state != ISM_DOWN;
			list_for_each (nb, &ifp->nbrs, node)
				adj += nb->state == NSM_FULL;
		}
		jbool(aj, "backbone", a->id == 0);
		if (a->id)
			jstr(aj, "shortcuttingMode", "Default");
		jint(aj, "spfExecutedCounter", spf_stats(o) ? (int64_t)spf_stats(o)->runs : 0);
		jint(aj, "areaIfTotalCounter", n);
		jint(aj, "areaIfActiveCounter", active);
		jint(aj, "nbrFullAdjacentCounter", adj);
		if (a->id != 0)
			jint(aj, "virtualAdjacenciesPassingCounter", vlink_full_through(a));
		jstr(aj, "authentication", area_auth_name(a));
		if (stub_router_active(o)) {
			jbool(aj, "originStubMaxDistRouterLsa", true);
			if (o->stub_router_admin)
				jbool(aj, "indefiniteActiveAdmin", true);
			if (o->stub_router_startup)
				jint(aj, "activeStartupRemainderMsecs",
				     (int64_t)timer_remaining(o->stub_router_startup));
		}
		area_tally_json(aj, a);
		json_object_object_add(areas, ipstr(a->id), aj);
	}
	json_object_object_add(root, "areas", areas);
	return root;
}

static void spf_text(struct json_object *root, struct cmd_out *out)
{
	char buf[32];

	if (json_object_object_get_ex(root, "spfHasNotRun", NULL)) {
		cmd_out_printf(out, " SPF algorithm has not been run\n");
	} else {
		duration_fmt(buf, sizeof(buf), jget_int(root, "spfLastExecutedMsecs"));
		cmd_out_printf(out, " SPF algorithm last executed %s ago\n", buf);
		cmd_out_printf(out,
			       " Last SPF duration %lld usecs (intra %lld, inter %lld, external "
			       "%lld; %s; %s run)\n",
			       (long long)jget_int(root, "spfLastDurationUsecs"),
			       (long long)jget_int(root, "spfLastIntraUsecs"),
			       (long long)jget_int(root, "spfLastInterUsecs"),
			       (long long)jget_int(root, "spfLastExternalUsecs"),
			       jget_str(root, "spfLastReason"), jget_str(root, "spfLastScope"));
	}
	if (json_object_object_get_ex(root, "spfTimerDueInMsecs", NULL)) {
		duration_fmt(buf, sizeof(buf), jget_int(root, "spfTimerDueInMsecs"));
		cmd_out_printf(out, " SPF timer due in %s\n", buf);
	} else {
		cmd_out_printf(out, " SPF timer is inactive\n");
	}
}

static void stub_router_text(struct json_object *aj, struct cmd_out *out)
{
	char buf[32];

	cmd_out_printf(out, "   Originating stub / maximum-distance Router-LSA\n");
	if (json_object_object_get_ex(aj, "indefiniteActiveAdmin", NULL))
		cmd_out_printf(out, "     Administratively activated (indefinitely)\n");
	if (json_object_object_get_ex(aj, "activeStartupRemainderMsecs", NULL)) {
		duration_fmt(buf, sizeof(buf), jget_int(aj, "activeStartupRemainderMsecs"));
		cmd_out_printf(out, "     Active from startup, %s remaining\n", buf);
	}
}

static void ospf_text(struct json_object *root, struct cmd_out *out)
{
	struct json_object *areas;

	if (!json_object_object_get_ex(root, "routerId", NULL)) {
		cmd_out_printf(out, "%% OSPF instance not running (no router id yet)\n");
		return;
	}
	cmd_out_printf(out, " OSPF Routing Process, Router ID: %s\n", jget_str(root, "routerId"));
	cmd_out_printf(out, " Initial SPF scheduling delay %lld millisec(s)\n",
		       (long long)jget_int(root, "spfScheduleDelayMsecs"));
	cmd_out_printf(out, " Minimum hold time between consecutive SPFs %lld millisec(s)\n",
		       (long long)jget_int(root, "holdtimeMinMsecs"));
	cmd_out_printf(out, " Maximum hold time between consecutive SPFs %lld millisec(s)\n",
		       (long long)jget_int(root, "holdtimeMaxMsecs"));
	cmd_out_printf(out, " Hold time multiplier is currently %lld\n",
		       (long long)jget_int(root, "holdtimeMultplier"));
	spf_text(root, out);
	cmd_out_printf(out, " Maximum multiple paths(ECMP) supported %lld\n",
		       (long long)jget_int(root, "maximumPaths"));
	cmd_out_printf(out, " Minimum hold time between consecutive LSAs %lld msecs\n",
		       (long long)jget_int(root, "lsaMinIntervalMsecs"));
	cmd_out_printf(out, " Minimum LSA arrival %lld msecs\n",
		       (long long)jget_int(root, "lsaMinArrivalMsecs"));
	if (json_object_object_get_ex(root, "asbrRouter", NULL))
		cmd_out_printf(out, " This router is an ASBR (injecting external routing "
				    "information)\n");
	cmd_out_printf(out, " Number of external LSA %lld\n",
		       (long long)jget_int(root, "lsaExternalCounter"));
	cmd_out_printf(out, " Number of areas attached to this router: %lld\n\n",
		       (long long)jget_int(root, "attachedAreaCounter"));
	json_object_object_get_ex(root, "areas", &areas);
	json_object_object_foreach (areas, id, aj) {
		cmd_out_printf(out, " Area ID: %s%s\n", id,
			       json_object_get_boolean(json_object_object_get(aj, "backbone"))
				   ? " (Backbone)"
				   : "");
		cmd_out_printf(out, "   Number of interfaces in this area: Total: %lld\n",
			       (long long)jget_int(aj, "areaIfTotalCounter"));
		if (json_object_object_get_ex(aj, "originStubMaxDistRouterLsa", NULL))
			stub_router_text(aj, out);
		cmd_out_printf(out, "   Number of fully adjacent neighbors in this area: %lld\n",
			       (long long)jget_int(aj, "nbrFullAdjacentCounter"));
		if (json_object_object_get_ex(aj, "virtualAdjacenciesPassingCounter", NULL))
			cmd_out_printf(out,
				       "   Number of full virtual adjacencies going through this "
				       "area: %lld\n",
				       (long long)jget_int(aj, "virtualAdjacenciesPassingCounter"));
		area_auth_text(jget_str(aj, "authentication"), out);
		cmd_out_printf(out, "   Number of LSA %lld\n\n",
			       (long long)jget_int(aj, "lsaNumber"));
	}
}

/* ---- show ip ospf route, show ip ospf border-routers ---- */

static int route_order(const void *a, const void *b)
{
	const struct route *x = *(const struct route *const *)a,
			   *y = *(const struct route *const *)b;

	if (x->prefix != y->prefix)
		return x->prefix < y->prefix ? -1 : 1;
	if (x->prefixlen != y->prefixlen)
		return x->prefixlen < y->prefixlen ? -1 : 1;
	return x->area < y->area ? -1 : x->area > y->area;
}

/* The entries of t for which keep() holds, in FRR's order (by prefix); free the result. */
static const struct route **routes_sorted(const struct route_table *t,
					  bool (*keep)(const struct route *), size_t *n)
{
	const struct route **v = calloc(t->count ? t->count : 1, sizeof(*v));
	size_t i;

	*n = 0;
	if (!v)
		return NULL;
	for (i = 0; i < t->count; i++)
		if (keep(&t->routes[i]))
			v[(*n)++] = &t->routes[i];
	qsort(v, *n, sizeof(*v), route_order);
	return v;
}

static bool route_is_network(const struct route *r)
{
	return r->dest == ROUTE_NETWORK && r->path <= ROUTE_INTER;
}

static bool route_is_router(const struct route *r)
{
	return r->dest == ROUTE_ROUTER;
}

static bool route_is_external(const struct route *r)
{
	return r->dest == ROUTE_NETWORK && r->path >= ROUTE_E1;
}

/* FRR's next hop objects: {"ip":" ","directly attached to":IF,"directlyAttachedTo":IF} or
 * {"ip":GW,"via":IF}. */
static struct json_object *route_nexthops_json(const struct route_table *t, const struct route *r)
{
	struct json_object *arr = json_object_new_array();
	const struct route_nexthop *nh = route_nexthops(t, r);
	uint16_t i;

	for (i = 0; i < r->nh_count; i++) {
		struct json_object *j = json_object_new_object();

		jstr(j, "ip", nh[i].gw ? ipstr(nh[i].gw) : " ");
		/* FRR 8.4 prints the older key too */
		if (!nh[i].gw)
			jstr(j, "directly attached to", nh[i].ifname);
		jstr(j, nh[i].gw ? "via" : "directlyAttachedTo", nh[i].ifname);
		json_object_array_add(arr, j);
	}
	return arr;
}

static const char *route_type_code(const struct route *r)
{
	static const char *const codes[] = { "N", "N IA", "N E1", "N E2" };

	return r->dest == ROUTE_ROUTER ? "R " : codes[r->path];
}

static struct json_object *route_json(const struct route_table *t, const struct route *r)
{
	struct json_object *j = json_object_new_object();

	jstr(j, "routeType", route_type_code(r));
	jint(j, "cost", r->cost);
	if (r->path == ROUTE_E2)
		jint(j, "type2cost", r->type2_cost);
	if (r->path >= ROUTE_E1)
		jint(j, "tag", r->tag);
	else
		jstr(j, "area", ipstr(r->area));
	if (r->dest == ROUTE_ROUTER) {
		if (r->path == ROUTE_INTER)
			jbool(j, "IA", true);
		if (r->router_flags & LSA_ROUTER_B)
			jstr(j, "routerType", "abr");
		else if (r->router_flags & LSA_ROUTER_E)
			jstr(j, "routerType", "asbr");
	}
	json_object_object_add(j, "nexthops", route_nexthops_json(t, r));
	return j;
}

/* Adds the entries keep() selects, keyed "A.B.C.D/M" (networks) or "A.B.C.D" (routers; the
 * first of its areas, as FRR's JSON keeps one). */
static void routes_add_json(struct json_object *root, const struct route_table *t,
			    bool (*keep)(const struct route *))
{
	const struct route **v;
	size_t i, n;
	char key[32];

	v = routes_sorted(t, keep, &n);
	for (i = 0; v && i < n; i++) {
		const struct route *r = v[i];

		if (r->dest == ROUTE_ROUTER)
			snprintf(key, sizeof(key), "%s", ipstr(r->prefix));
		else
			snprintf(key, sizeof(key), "%s/%u", ipstr(r->prefix), r->prefixlen);
		if (!json_object_object_get_ex(root, key, NULL))
			json_object_object_add(root, key, route_json(t, r));
	}
	free(v);
}

/* The keys of FRR 8.4's `show ip ospf route json`: networks, routers, then externals. */
struct json_object *show_route_json(const struct ospf *o)
{
	struct json_object *root = json_object_new_object();

	if (!o || !o->rt)
		return root;
	routes_add_json(root, o->rt, route_is_network);
	routes_add_json(root, o->rt, route_is_router);
	routes_add_json(root, o->rt, route_is_external);
	return root;
}

struct json_object *show_border_routers_json(const struct ospf *o)
{
	struct json_object *root = json_object_new_object();

	if (o && o->rt)
		routes_add_json(root, o->rt, route_is_router);
	return root;
}

static void route_nexthops_text(struct json_object *r, struct cmd_out *out)
{
	struct json_object *arr;
	size_t i;

	if (!json_object_object_get_ex(r, "nexthops", &arr))
		return;
	for (i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *nh = json_object_array_get_idx(arr, i);

		if (json_object_object_get_ex(nh, "via", NULL))
			cmd_out_printf(out, "%24s   via %s, %s\n", "", jget_str(nh, "ip"),
				       jget_str(nh, "via"));
		else
			cmd_out_printf(out, "%24s   directly attached to %s\n", "",
				       jget_str(nh, "directlyAttachedTo"));
	}
}

static void route_router_text(const char *id, struct json_object *r, struct cmd_out *out)
{
	const char *type = jget_str(r, "routerType");

	cmd_out_printf(out, "R    %-15s    %s [%lld] area: %s%s%s\n", id,
		       json_object_object_get_ex(r, "IA", NULL) ? "IA" : "  ",
		       (long long)jget_int(r, "cost"), jget_str(r, "area"),
		       !strcmp(type, "abr") ? ", ABR" : "", !strcmp(type, "asbr") ? ", ASBR" : "");
	route_nexthops_text(r, out);
}

/* One of FRR's three tables: "N"/"N IA", "R " or "N E1"/"N E2" entries. */
static void route_section_text(struct json_object *root, char kind, struct cmd_out *out)
{
	static const char *const titles[] = {
		"============ OSPF network routing table ============",
		"============ OSPF router routing table =============",
		"============ OSPF external routing table ===========",
	};

	cmd_out_printf(out, "%s\n", titles[kind == 'N' ? 0 : kind == 'R' ? 1 : 2]);
	json_object_object_foreach (root, key, r) {
		const char *type = jget_str(r, "routeType");
		bool ext = !strncmp(type, "N E", 3);

		if (type[0] != (kind == 'E' ? 'N' : kind) || ext != (kind == 'E'))
			continue;
		if (kind == 'R')
			route_router_text(key, r, out);
		else if (kind == 'N')
			cmd_out_printf(out, "%-4s %-18s    [%lld] area: %s\n", type, key,
				       (long long)jget_int(r, "cost"), jget_str(r, "area"));
		else if (!strcmp(type, "N E2"))
			cmd_out_printf(out, "N E2 %-18s    [%lld/%lld] tag: %lld\n", key,
				       (long long)jget_int(r, "cost"),
				       (long long)jget_int(r, "type2cost"),
				       (long long)jget_int(r, "tag"));
		else
			cmd_out_printf(out, "N E1 %-18s    [%lld] tag: %lld\n", key,
				       (long long)jget_int(r, "cost"),
				       (long long)jget_int(r, "tag"));
		if (kind != 'R')
			route_nexthops_text(r, out);
	}
	cmd_out_printf(out, "\n");
}

static void route_text(struct json_object *root, struct cmd_out *out)
{
	if (!json_object_object_length(root)) {
		cmd_out_printf(out, "No OSPF routing information exist\n");
		return;
	}
	route_section_text(root, 'N', out);
	route_section_text(root, 'R', out);
	route_section_text(root, 'E', out);
	cmd_out_printf(out, "\n");
}

static void border_routers_text(struct json_object *root, struct cmd_out *out)
{
	route_section_text(root, 'R', out);
	cmd_out_printf(out, "\n");
}

/* ---- the commands ---- */

const struct ospf *ctx_ospf(struct cmd_call *c)
{
	return ((struct show_ctx *)c->ctx)->o;
}

/* Prints obj as JSON or through its text renderer, and releases it. */
enum cmd_result emit(struct cmd_call *c, struct json_object *obj,
		     void (*text)(struct json_object *, struct cmd_out *))
{
	if (cmd_arg_find(&c->args, "json")) {
		const char *s = json_object_to_json_string_ext(
		    obj, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);

		cmd_out_printf(c->out, "%s\n", s);
	} else {
		text(obj, c->out);
	}
	json_object_put(obj);
	return CMD_OK;
}

static enum cmd_result cmd_show_neighbor(struct cmd_call *c)
{
	bool detail = cmd_arg_find(&c->args, "detail");

	return emit(c, show_neighbor_json(ctx_ospf(c), detail),
		    detail ? neighbor_detail_text : neighbor_text);
}

/* Beyond FRR: a router whose Hellos we refuse never becomes a neighbor; say why. */
static void hello_refused_text(const struct ospf *o, uint32_t rid, struct cmd_out *out)
{
	const struct iface *ifp;
	char ago[32];

	if (!o)
		return;
	list_for_each (ifp, &o->ifaces, node) {
		if (!ifp->hello_refused.ms || ifp->hello_refused.rid != rid)
			continue;
		duration_fmt(ago, sizeof(ago), (int64_t)(ospf_now(o) - ifp->hello_refused.ms));
		cmd_out_printf(out, "  its last Hello, from %s on %s %s ago, was refused: %s\n",
			       ipstr(ifp->hello_refused.src), ifp->name, ago,
			       ifp->hello_refused.reason);
	}
}

/* show ip ospf neighbor A.B.C.D [detail] [json]: FRR's JSON is {"A.B.C.D": [...]}, without
 * the "neighbors" level of the list. */
static enum cmd_result cmd_show_neighbor_id(struct cmd_call *c)
{
	const struct cmd_arg *id = cmd_arg_find(&c->args, "A.B.C.D");
	bool detail = cmd_arg_find(&c->args, "detail");
	struct json_object *all = show_neighbor_json(ctx_ospf(c), detail);
	struct json_object *nbrs, *arr = NULL, *one;

	json_object_object_get_ex(all, "neighbors", &nbrs);
	json_object_object_get_ex(nbrs, id->text, &arr);
	if (!arr && !cmd_arg_find(&c->args, "json")) {
		json_object_put(all);
		cmd_out_printf(c->out, "No such neighbor: %s\n", id->text);
		hello_refused_text(ctx_ospf(c), id->v.ipv4, c->out);
		return CMD_WARNING;
	}
	one = json_object_new_object();
	if (arr)
		json_object_object_add(one, id->text, json_object_get(arr));
	json_object_put(all);
	if (cmd_arg_find(&c->args, "json"))
		return emit(c, one, NULL);
	all = json_object_new_object();
	json_object_object_add(all, "neighbors", one);
	return emit(c, all, detail ? neighbor_detail_text : neighbor_text);
}

static enum cmd_result cmd_show_interface(struct cmd_call *c)
{
	const struct cmd_arg *name = cmd_arg_find(&c->args, "IFNAME");

	return emit(c, show_interface_json(ctx_ospf(c), name ? name->text : NULL), interface_text);
}

static enum cmd_result cmd_show_database(struct cmd_call *c)
{
	return emit(c,
		    show_database_summary_json(ctx_ospf(c), cmd_arg_find(&c->args, "self-"
										   "originate")),
		    database_text);
}

static enum cmd_result cmd_show_route(struct cmd_call *c)
{
	return emit(c, show_route_json(ctx_ospf(c)), route_text);
}

static enum cmd_result cmd_show_border_routers(struct cmd_call *c)
{
	return emit(c, show_border_routers_json(ctx_ospf(c)), border_routers_text);
}

static enum cmd_result cmd_show_ospf(struct cmd_call *c)
{
	return emit(c, show_ospf_json(ctx_ospf(c)), ospf_text);
}

#define SHOW_IP_OSPF "Show running system information\nIP information\nOSPF information\n"

static const struct cmd_def show_cmds[] = {
	{ "show ip ospf [json]", SHOW_IP_OSPF "JavaScript Object Notation\n", NODE_VIEW,
	  cmd_show_ospf, 0, 0 },
	{ "show ip ospf neighbor [detail] [json]",
	  SHOW_IP_OSPF "Neighbor list\nDetail output\nJavaScript Object Notation\n", NODE_VIEW,
	  cmd_show_neighbor, 0, 0 },
	{ "show ip ospf neighbor A.B.C.D [detail] [json]",
	  SHOW_IP_OSPF "Neighbor list\nNeighbor ID\nDetail output\nJavaScript Object Notation\n",
	  NODE_VIEW, cmd_show_neighbor_id, 0, 0 },
	{ "show ip ospf interface [IFNAME] [json]",
	  SHOW_IP_OSPF "Interface information\nInterface name\nJavaScript Object Notation\n",
	  NODE_VIEW, cmd_show_interface, 0, 0 },
	{ "show ip ospf database [self-originate] [json]",
	  SHOW_IP_OSPF "Database summary\nSelf-originated link states\nJavaScript Object "
		       "Notation\n",
	  NODE_VIEW, cmd_show_database, 0, 0 },
	{ "show ip ospf route [json]",
	  SHOW_IP_OSPF "OSPF routing table\nJavaScript Object Notation\n", NODE_VIEW,
	  cmd_show_route, 0, 0 },
	{ "show ip ospf route A.B.C.D/M explain [json]",
	  SHOW_IP_OSPF "OSPF routing table\nThe route's prefix\n"
		       "The LSAs and the SPF path behind the route\nJavaScript Object Notation\n",
	  NODE_VIEW, show_route_explain_cmd, 0, 0 },
	{ "show ip ospf border-routers [json]",
	  SHOW_IP_OSPF "Show all the ABR's and ASBR's\nJavaScript Object Notation\n", NODE_VIEW,
	  cmd_show_border_routers, 0, 0 },
};

int show_cmds_install(struct cmd_tree *t)
{
	return cmd_install_all(t, show_cmds, sizeof(show_cmds) / sizeof(show_cmds[0])) ||
	       show_db_cmds_install(t) || debug_cmds_install(t) || clear_cmds_install(t);
}
