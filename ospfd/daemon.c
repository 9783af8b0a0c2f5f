/* SPDX-License-Identifier: ISC */
#include "daemon.h"

#include <errno.h>
#include <event2/event.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/if_addr.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "abr.h"
#include "cmd.h"
#include "config.h"
#include "config_apply.h"
#include "iface.h"
#include "krt.h"
#include "kroute.h"
#include "io_raw.h"
#include "netlink.h"
#include "originate.h"
#include "external.h"
#include "redist.h"
#include "spf.h"
#include "stub_router.h"
#include "ospf.h"
#include "debug.h"
#include "monitor.h"
#include "show.h"
#include "timerq.h"
#include "vty.h"
#include "vty_server.h"
#include "vlink.h"

/* datagrams read per callback: bounded work, the loop stays fair (ospf.h) */
#define RAW_BATCH   OSPF_READ_BATCH
#define TIMER_BATCH 256 /* timers fired per callback */

struct klink {
	int ifindex;
	char name[IF_NAMESIZE];
	bool up;
	bool loopback;
	uint32_t mtu;
	unsigned int flags; /* IFF_* */
};

struct kaddr {
	int ifindex;
	uint32_t addr;
	uint8_t prefixlen;
	uint32_t peer;
	bool secondary;
};

struct daemon {
	const struct daemon_opts *opts;
	struct event_base *eb;
	struct event *tick;
	struct event *raw_ev;
	struct event *nl_ev;
	struct event *krt_ev;
	struct event *sig_term, *sig_int;
	struct timerq *tq;
	int raw_fd;
	struct nlmon *nl;
	struct krt *krt;	/* the routes we install in the kernel */
	bool krt_synced;	/* committed once: stale routes of a previous run are swept */
	struct timer *krt_hold; /* until the first commit, see kernel_first_sync_due() */
	struct redist *redist;	/* kernel routes and addresses we may redistribute */
	struct nlrt *redist_rt; /* their dump and events */
	struct event *redist_ev;
	struct vty_server *vty;
	struct cmd_tree *cmds;
	struct show_ctx show;
	struct vty_env venv;
	char *conf_path; /* absolute, for vtysh -b */
	struct config_store *cs;
	const struct ospf_config *cfg; /* derived from the running configuration */
	enum config_action cfg_action; /* pending after a commit */
	struct ospf *o;
	struct klink *links;
	size_t nlinks;
	struct kaddr *addrs;
	size_t naddrs;
	bool use_syslog;
	int log_level;
	uint32_t debug;	     /* debug ospf ... (debug.h); debug-level lines pass while any is on */
	struct monitor *mon; /* monitor ospf events */
	uint64_t raw_malformed, raw_no_iface, send_errors;
	uint8_t rxbuf[65536];
};

static void dlog(struct daemon *d, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void dlog_msg(struct daemon *d, int level, const char *msg)
{
	struct timespec ts;
	struct tm tm;
	char when[32];

	if (level > d->log_level && !(level == LOG_DEBUG && d->debug))
		return;
	if (d->use_syslog) {
		syslog(level, "%s", msg);
		return;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y/%m/%d %H:%M:%S", &tm);
	fprintf(stderr, "%s.%03ld ospfd: %s\n", when, ts.tv_nsec / 1000000, msg);
}

static void dlog(struct daemon *d, int level, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	dlog_msg(d, level, msg);
}

static void ospf_log(void *ctx, int level, const char *msg)
{
	dlog_msg(ctx, level, msg);
}

/* Kernel route messages; their debug lines only under `debug ospf zebra`. */
static void krt_log(void *ctx, int level, const char *msg)
{
	struct daemon *d = ctx;

	if (level == LOG_DEBUG && !(d->debug & OSPF_DEBUG_ZEBRA))
		return;
	dlog_msg(d, level, msg);
}

static uint64_t mono_ms(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* ---- the timer queue on the event loop ---- */

static void tick_schedule(struct daemon *d)
{
	uint64_t next = timerq_next(d->tq), now = timerq_now(d->tq);
	struct timeval tv;

	if (next == TIMERQ_NEVER) {
		evtimer_del(d->tick);
		return;
	}
	next = next > now ? next - now : 0;
	tv.tv_sec = (time_t)(next / 1000);
	tv.tv_usec = (suseconds_t)(next % 1000) * 1000;
	evtimer_add(d->tick, &tv);
}

static void tick_fire(evutil_socket_t fd, short what, void *arg)
{
	struct daemon *d = arg;

	(void)fd;
	(void)what;
	timerq_run(d->tq, TIMER_BATCH);
	tick_schedule(d);
}

/* ---- the protocol's I/O ---- */

static void io_send(void *ctx, struct iface *ifp, uint32_t dst, const uint8_t *buf, size_t len)
{
	struct daemon *d = ctx;
	/* RFC 2328 15: a virtual link's packets are routed through the transit area */
	int rc = iface_is_vlink(ifp) ? raw_send_routed(d->raw_fd, ifp->addr, dst, buf, len)
				     : raw_send(d->raw_fd, ifp->ifindex, ifp->addr, dst, buf, len);

	if (rc < 0) {
		d->send_errors++;
		dlog(d, LOG_WARNING, "%s: send to %s failed: %s", ifp->name, ipstr(dst),
		     strerror(-rc));
	}
}

static void io_join_alldrouters(void *ctx, struct iface *ifp, bool join)
{
	struct daemon *d = ctx;
	int rc = raw_membership(d->raw_fd, ifp->ifindex, OSPF_ALL_D_ROUTERS, join);

	if (rc < 0 && !(rc == -EADDRNOTAVAIL && !join))
		dlog(d, LOG_WARNING, "%s: %s AllDRouters: %s", ifp->name, join ? "join" : "leave",
		     strerror(-rc));
}

static void raw_readable(evutil_socket_t fd, short what, void *arg)
{
	struct daemon *d = arg;
	int i;

	(void)what;
	for (i = 0; i < RAW_BATCH; i++) {
		struct raw_rx rx;
		struct iface *ifp;
		int rc = raw_recv(fd, d->rxbuf, sizeof(d->rxbuf), &rx);

		if (rc == 0)
			break;
		if (rc < 0) {
			if (rc == -EBADMSG)
				d->raw_malformed++;
			continue;
		}
		ifp = d->o ? ospf_iface_find(d->o, rx.ifindex) : NULL;
		if (!ifp) {
			d->raw_no_iface++;
			continue;
		}
		ospf_recv(d->o, ifp, rx.src, rx.dst, rx.payload, rx.len);
	}
	tick_schedule(d);
}

/* ---- following the kernel's interfaces ---- */

static struct klink *klink_find(struct daemon *d, int ifindex)
{
	size_t i;

	for (i = 0; i < d->nlinks; i++)
		if (d->links[i].ifindex == ifindex)
			return &d->links[i];
	return NULL;
}

static void nl_link(void *ctx, const struct nl_link *l, bool deleted)
{
	struct daemon *d = ctx;
	struct klink *k = klink_find(d, l->ifindex);

	/* the kernel drops routes through a downed link without telling: krt must know */
	if (d->krt && (deleted || !l->oper_up))
		krt_link_down(d->krt, l->ifindex);
	if (deleted) {
		if (k)
			*k = d->links[--d->nlinks];
		return;
	}
	if (!k) {
		k = realloc(d->links, (d->nlinks + 1) * sizeof(*k));
		if (!k)
			return;
		d->links = k;
		k = &d->links[d->nlinks++];
	}
	k->ifindex = l->ifindex;
	snprintf(k->name, sizeof(k->name), "%s", l->name);
	k->up = l->oper_up;
	k->loopback = l->loopback;
	k->flags = l->flags;
	k->mtu = l->mtu;
}

static struct kaddr *kaddr_find(struct daemon *d, int ifindex, uint32_t addr, uint8_t plen)
{
	size_t i;

	for (i = 0; i < d->naddrs; i++)
		if (d->addrs[i].ifindex == ifindex && d->addrs[i].addr == addr &&
		    d->addrs[i].prefixlen == plen)
			return &d->addrs[i];
	return NULL;
}

static void nl_addr(void *ctx, const struct nl_addr *a, bool deleted)
{
	struct daemon *d = ctx;
	struct kaddr *k = kaddr_find(d, a->ifindex, a->addr, a->prefixlen);

	if (d->redist)
		redist_addr(d->redist, a->ifindex, a->addr, a->prefixlen, a->peer, deleted);
	if (deleted) {
		if (k)
			*k = d->addrs[--d->naddrs];
		return;
	}
	if (!k) {
		k = realloc(d->addrs, (d->naddrs + 1) * sizeof(*k));
		if (!k)
			return;
		d->addrs = k;
		k = &d->addrs[d->naddrs++];
	}
	k->ifindex = a->ifindex;
	k->addr = a->addr;
	k->prefixlen = a->prefixlen;
	k->peer = a->peer;
	k->secondary = a->flags & IFA_F_SECONDARY;
}

/* The address of link k that OSPF runs on, per the configuration, or NULL. */
static const struct kaddr *enabled_addr(struct daemon *d, const struct klink *k, uint32_t *area,
					struct iface_params *params)
{
	size_t i;

	for (i = 0; i < d->naddrs; i++) {
		const struct kaddr *a = &d->addrs[i];

		if (a->ifindex != k->ifindex || a->secondary || (a->addr >> 24) == 127)
			continue;
		if (config_iface_resolve(d->cfg, k->name, a->addr, a->prefixlen, k->loopback, area,
					 params))
			return a;
	}
	return NULL;
}

/* Without `ospf router-id`: the highest address on a loopback, else the highest of all. */
static uint32_t router_id_choose(struct daemon *d)
{
	uint32_t best_lo = 0, best = 0;
	size_t i;

	if (d->cfg->router_id)
		return d->cfg->router_id;
	for (i = 0; i < d->naddrs; i++) {
		const struct kaddr *a = &d->addrs[i];
		const struct klink *k = klink_find(d, a->ifindex);

		if ((a->addr >> 24) == 127 || !k)
			continue;
		if (k->loopback && a->addr > best_lo)
			best_lo = a->addr;
		if (a->addr > best)
			best = a->addr;
	}
	return best_lo ? best_lo : best;
}

static bool iface_sends(const struct iface *ifp)
{
	return ifp->params.type != IFACE_LOOPBACK && !ifp->params.passive && !iface_is_vlink(ifp);
}

static void iface_remove(struct daemon *d, struct iface *ifp)
{
	dlog(d, LOG_INFO, "%s: OSPF disabled", ifp->name);
	if (iface_sends(ifp))
		raw_membership(d->raw_fd, ifp->ifindex, OSPF_ALL_SPF_ROUTERS, false);
	iface_free(ifp);
}

/* The interface MTU as OSPF carries it (a 16-bit field); lo's 65536 would wrap to 0. */
static uint16_t ospf_mtu(const struct klink *k)
{
	if (!k->mtu)
		return 1500;
	return k->mtu > 65535 ? 65535 : (uint16_t)k->mtu;
}

/* ---- routes to the kernel ---- */

/* The first commit replaces whatever a previous run left (proto ospf). Made too early, right
 * after a restart, it would withdraw routes the adjacencies are about to bring back; so it
 * waits until no neighbor is still exchanging databases and one is Full, or a dead interval
 * has passed (a router with no neighbor at all). */
static bool kernel_first_sync_due(const struct daemon *d)
{
	const struct iface *ifp;
	const struct nbr *n;
	uint32_t dead = 0;
	bool full = false;

	list_for_each (ifp, &d->o->ifaces, node) {
		if (ifp->params.dead_interval > dead)
			dead = ifp->params.dead_interval;
		list_for_each (n, &ifp->nbrs, node) {
			if (n->state >= NSM_EXSTART && n->state < NSM_FULL)
				return false;
			full |= n->state == NSM_FULL;
		}
	}
	if (full && !spf_pending(d->o))
		return true;
	return ospf_now(d->o) - d->o->start_ms >= (uint64_t)(dead ? dead : 40) * 1000;
}

static void kernel_sync(struct daemon *d)
{
	size_t n;

	if (!d->o || !d->krt)
		return;
	if (!d->krt_synced && !kernel_first_sync_due(d))
		return;
	n = kroute_sync(d->krt, d->o->rt);
	if (!d->krt_synced)
		dlog(d, LOG_INFO, "kernel routing table in sync: %zu routes", n);
	d->krt_synced = true;
}

static void route_changed(struct ospf *o, void *ctx)
{
	(void)o;
	kernel_sync(ctx);
}

static void krt_hold_fire(void *arg)
{
	struct daemon *d = arg;

	kernel_sync(d);
	if (!d->krt_synced)
		timer_arm(d->tq, &d->krt_hold, 1000, krt_hold_fire, d);
}

/* The settings of `router ospf` that the instance reads directly. */
static void instance_settings(struct daemon *d)
{
	struct ospf *o = d->o;
	const struct ospf_config *c = d->cfg;

	if (o->max_paths != c->max_paths || o->spf_delay_ms != c->spf_delay_ms ||
	    o->spf_holdtime_ms != c->spf_hold_ms || o->spf_max_holdtime_ms != c->spf_max_ms) {
		o->max_paths = c->max_paths;
		o->spf_delay_ms = c->spf_delay_ms;
		o->spf_holdtime_ms = c->spf_hold_ms;
		o->spf_max_holdtime_ms = c->spf_max_ms;
		spf_schedule(o, "SPF settings changed");
	}
}

/* ASBR and stub router settings (RFC 2328 12.4.4, RFC 6987): the externals follow the
 * configuration, the kernel's routes and addresses, and the OSPF interfaces. */
static void asbr_settings(struct daemon *d)
{
	if (!d->o)
		return;
	stub_router_set(d->o, d->cfg->max_metric_admin, d->cfg->max_metric_startup_s);
	external_areas_changed(d->o);
	if (d->redist)
		redist_sync(d->redist, d->o, d->cfg);
}

/* Brings the protocol's interfaces in line with the kernel's and the configuration. */
static void reconcile(struct daemon *d)
{
	struct iface *ifp, *tmp;
	size_t i;

	if (!d->o) {
		uint32_t rid = router_id_choose(d);
		struct ospf_io io = { io_send, io_join_alldrouters, d };

		if (!rid || !d->cfg->router_ospf)
			return;
		d->o = ospf_new(rid, d->tq, &io);
		if (!d->o) {
			dlog(d, LOG_ERR, "out of memory creating the OSPF instance");
			return;
		}
		d->o->log = ospf_log;
		d->o->log_ctx = d;
		d->o->debug = &d->debug;
		d->o->event = monitor_publish;
		d->o->event_ctx = d->mon;
		d->o->route_changed = route_changed;
		d->o->route_changed_ctx = d;
		d->show.o = d->o;
		if (!d->krt_synced)
			timer_arm(d->tq, &d->krt_hold, 1000, krt_hold_fire, d);
		dlog(d, LOG_NOTICE, "OSPF instance started, router id %s", ipstr(rid));
	}
	instance_settings(d);
	abr_configure(d->o, d->cfg); /* area types, ranges */
	list_for_each_safe (ifp, tmp, &d->o->ifaces, node) {
		const struct klink *k = klink_find(d, ifp->ifindex);
		const struct kaddr *a = NULL;
		struct iface_params params;
		uint32_t area;

		if (iface_is_vlink(ifp))
			continue; /* the configuration's, not the kernel's (vlink.c) */
		if (k)
			a = enabled_addr(d, k, &area, &params);
		if (!a || a->addr != ifp->addr || a->prefixlen != ifp->prefixlen ||
		    area != ifp->area->id || params.type != ifp->params.type) {
			iface_remove(d, ifp);
			continue;
		}
		snprintf(ifp->name, sizeof(ifp->name), "%s", k->name);
		if (k->mtu && ospf_mtu(k) != ifp->mtu) {
			/* a real MTU change: the adjacencies start over with the new value */
			dlog(d, LOG_INFO, "%s: MTU %u -> %u", ifp->name, ifp->mtu, ospf_mtu(k));
			ifp->mtu = ospf_mtu(k);
			ifp->kernel_mtu = k->mtu;
			if (ifp->state != ISM_DOWN) {
				iface_fsm(ifp, ISM_EV_INTERFACE_DOWN);
				iface_fsm(ifp, ISM_EV_INTERFACE_UP);
			}
		}
		if (k->up != ifp->kernel_up) {
			ifp->kernel_up = k->up;
			ifp->kernel_flags = k->flags;
			ifp->kernel_flags = k->flags;
			iface_fsm(ifp, k->up ? ISM_EV_INTERFACE_UP : ISM_EV_INTERFACE_DOWN);
		}
	}
	for (i = 0; i < d->nlinks; i++) {
		const struct klink *k = &d->links[i];
		struct iface_params params;
		const struct kaddr *a;
		struct area *ar;
		uint32_t area;

		if (ospf_iface_find(d->o, k->ifindex))
			continue;
		a = enabled_addr(d, k, &area, &params);
		if (!a)
			continue;
		ar = ospf_area_get(d->o, area);
		if (ar && list_empty(&ar->ifaces))
			abr_area_configure(ar, config_area_find(d->cfg, area));
		ifp = iface_new(d->o, ar, k->name, k->ifindex, a->addr, a->prefixlen, ospf_mtu(k),
				&params);
		if (!ifp)
			continue;
		ifp->peer = a->peer;
		ifp->kernel_mtu = k->mtu ? k->mtu : ifp->mtu;
		dlog(d, LOG_INFO, "%s: OSPF enabled on %s/%u in area %s", k->name, ipstr(a->addr),
		     a->prefixlen, ipstr(area));
		if (iface_sends(ifp)) {
			int rc = raw_membership(d->raw_fd, k->ifindex, OSPF_ALL_SPF_ROUTERS, true);

			if (rc < 0)
				dlog(d, LOG_WARNING, "%s: join AllSPFRouters: %s", k->name,
				     strerror(-rc));
		}
		ifp->kernel_up = k->up;
		ifp->kernel_flags = k->flags;
		if (k->up)
			iface_fsm(ifp, ISM_EV_INTERFACE_UP);
	}
	asbr_settings(d);
}

/* ---- configuration changes, applied live ---- */

static void cfg_iface_remove(void *ctx, struct iface *ifp)
{
	iface_remove(ctx, ifp);
}

static void cfg_changed(void *arg, const struct config_change *ch)
{
	struct daemon *d = arg;
	struct config_apply_ops ops = { cfg_iface_remove, d };
	enum config_action a = config_apply_change(d->o, d->cfg, ch, &ops);

	if (a > d->cfg_action)
		d->cfg_action = a;
}

/* A new router id or no router ospf: the instance starts over (FRR waits for `clear ip ospf
 * process`; see doc/configuration.md). */
static void instance_stop(struct daemon *d)
{
	struct iface *ifp;

	ospf_flush_self(d->o);
	list_for_each (ifp, &d->o->ifaces, node)
		if (iface_sends(ifp))
			raw_membership(d->raw_fd, ifp->ifindex, OSPF_ALL_SPF_ROUTERS, false);
	ospf_free(d->o);
	d->o = NULL;
	d->show.o = NULL;
}

/* log stdout|syslog [LEVEL]: the level of the log the daemon writes (stderr or syslog). */
static void log_settings(struct daemon *d)
{
	int level = d->use_syslog ? d->cfg->log_syslog_level : d->cfg->log_stdout_level;

	d->log_level = level >= 0 ? level : LOG_INFO;
}

/* clear ip ospf process: the instance starts over, as after a new router id. */
static void clear_process(void *arg)
{
	struct daemon *d = arg;

	if (!d->o)
		return;
	dlog(d, LOG_NOTICE, "clear ip ospf process: restarting the OSPF instance");
	instance_stop(d);
	reconcile(d);
	tick_schedule(d);
}

static void cfg_done(void *arg)
{
	struct daemon *d = arg;

	if (d->cfg_action == CONFIG_APPLY_RESTART && d->o) {
		dlog(d, LOG_NOTICE,
		     "configuration changed the router id or router ospf: "
		     "restarting the OSPF instance");
		instance_stop(d);
	}
	if (d->cfg_action != CONFIG_APPLY_DONE)
		reconcile(d);
	else
		asbr_settings(d); /* redistribute, default-information, max-metric */
	d->cfg_action = CONFIG_APPLY_DONE;
	log_settings(d);
	tick_schedule(d);
}

static void nl_readable(evutil_socket_t fd, short what, void *arg)
{
	struct daemon *d = arg;

	(void)fd;
	(void)what;
	if (nlmon_read(d->nl) < 0 && errno != EAGAIN)
		dlog(d, LOG_WARNING, "netlink: %s", strerror(errno));
	reconcile(d);
	tick_schedule(d);
}

static void krt_readable(evutil_socket_t fd, short what, void *arg)
{
	struct daemon *d = arg;

	(void)fd;
	(void)what;
	krt_read(d->krt);
	tick_schedule(d);
}

static void redist_route_cb(void *ctx, const struct nl_route *r, bool deleted)
{
	redist_route(ctx, r, deleted);
}

static void redist_dump_begin(void *ctx)
{
	redist_routes_begin(ctx);
}

/* The kernel's routes, for redistribution: dumped at start and after lost events. */
static int redist_dump(struct daemon *d)
{
	struct nl_route_handler h = { redist_route_cb, d->redist };

	return nlrt_dump(d->redist_rt, &h, redist_dump_begin);
}

static void redist_readable(evutil_socket_t fd, short what, void *arg)
{
	struct daemon *d = arg;
	struct nl_route_handler h = { redist_route_cb, d->redist };

	(void)fd;
	(void)what;
	if (nlrt_read_events(d->redist_rt, &h) < 0 && errno == ENOBUFS && redist_dump(d) < 0)
		dlog(d, LOG_WARNING, "route dump for redistribution: %s", strerror(errno));
	asbr_settings(d);
	tick_schedule(d);
}

/* ---- vty ---- */

/* IFNAME completion: every kernel interface, as FRR offers. */
static void vty_ifnames(void *arg, struct cmd_cands *out)
{
	struct daemon *d = arg;
	size_t i;

	for (i = 0; i < d->nlinks; i++)
		cmd_cands_add(out, d->links[i].name);
}

/* a command may have changed protocol state: timers may be due earlier */
static void vty_after_exec(void *arg)
{
	tick_schedule(arg);
}

/* ---- process ---- */

static void on_signal(evutil_socket_t sig, short what, void *arg)
{
	struct daemon *d = arg;

	(void)what;
	dlog(d, LOG_NOTICE, "signal %d: shutting down", (int)sig);
	event_base_loopbreak(d->eb);
}

static int pidfile_write(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fprintf(f, "%ld\n", (long)getpid());
	return fclose(f);
}

/* Keeps CAP_NET_RAW and CAP_NET_ADMIN across the switch to an unprivileged user. */
static int privileges_drop(struct daemon *d, char *err, size_t errlen)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2] = { { 0 } };
	const struct passwd *pw = NULL;
	const struct group *gr = NULL;
	uint32_t keep = (1u << CAP_NET_RAW) | (1u << CAP_NET_ADMIN);
	gid_t gid;

	if (!d->opts->user && !d->opts->group)
		return 0;
	if (d->opts->user && !(pw = getpwnam(d->opts->user))) {
		snprintf(err, errlen, "unknown user '%s'", d->opts->user);
		return -1;
	}
	if (d->opts->group && !(gr = getgrnam(d->opts->group))) {
		snprintf(err, errlen, "unknown group '%s'", d->opts->group);
		return -1;
	}
	gid = gr ? gr->gr_gid : pw->pw_gid;
	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0 || setgroups(1, &gid) < 0 || setgid(gid) < 0 ||
	    (pw && setuid(pw->pw_uid) < 0)) {
		snprintf(err, errlen, "dropping privileges: %s", strerror(errno));
		return -1;
	}
	data[0].effective = data[0].permitted = keep;
	if (syscall(SYS_capset, &hdr, data) < 0) {
		snprintf(err, errlen, "keeping CAP_NET_RAW and CAP_NET_ADMIN: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int vty_socket_open(struct daemon *d, char *err, size_t errlen)
{
	struct vty_ops ops = vty_session_ops(&d->venv);
	const char *dir = d->opts->vty_dir ? d->opts->vty_dir : OSPFD_DEFAULT_VTY_DIR;
	char path[256];
	gid_t gid = (gid_t)-1;

	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		snprintf(err, errlen, "vty folder %s: %s", dir, strerror(errno));
		return -1;
	}
	if (d->opts->group) {
		const struct group *gr = getgrnam(d->opts->group);

		if (gr)
			gid = gr->gr_gid;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, OSPFD_VTY_NAME);
	d->vty = vty_server_open(d->eb, path, 0660, gid, &ops, err, errlen);
	return d->vty ? 0 : -1;
}

static void daemon_cleanup(struct daemon *d)
{
	if (d->o) {
		ospf_flush_self(d->o);
		ospf_free(d->o);
	}
	if (d->krt) {
		krt_flush(d->krt); /* a clean exit leaves no route of ours behind */
		krt_free(d->krt);
	}
	if (d->krt_ev)
		event_free(d->krt_ev);
	if (d->redist_ev)
		event_free(d->redist_ev);
	nlrt_close(d->redist_rt);
	redist_free(d->redist);
	vty_server_close(d->vty);
	if (d->o)
		d->o->event = NULL;
	monitor_free(d->mon);
	if (d->nl_ev)
		event_free(d->nl_ev);
	if (d->raw_ev)
		event_free(d->raw_ev);
	if (d->tick)
		event_free(d->tick);
	if (d->sig_term)
		event_free(d->sig_term);
	if (d->sig_int)
		event_free(d->sig_int);
	if (d->eb)
		event_base_free(d->eb);
	nlmon_close(d->nl);
	if (d->raw_fd >= 0)
		close(d->raw_fd);
	timer_cancel(&d->krt_hold);
	timerq_free(d->tq);
	cmd_tree_free(d->cmds);
	config_store_free(d->cs);
	free(d->links);
	free(d->addrs);
	free(d->conf_path);
	if (d->opts->pid_file)
		unlink(d->opts->pid_file);
}

static int daemon_start(struct daemon *d, char *err, size_t errlen)
{
	struct nl_handlers nh = { nl_link, nl_addr, d };
	const char *conf = d->opts->config_file ? d->opts->config_file : OSPFD_DEFAULT_CONFIG;

	struct config_apply apply = { cfg_changed, cfg_done, d };

	d->cs = config_store_new(NULL, err, errlen);
	if (!d->cs || config_store_load_file(d->cs, conf, err, errlen))
		return -1;
	d->cfg = config_store_cfg(d->cs);
	d->show.hostname = d->cfg->hostname;
	d->show.config = d->cs;
	d->show.debug = &d->debug;
	d->show.clear_process = clear_process;
	d->show.clear_arg = d;
	d->cmds = cmd_tree_new();
	if (!d->cmds || vty_tree_install(d->cmds)) {
		snprintf(err, errlen, "command tree: %s",
			 d->cmds ? cmd_tree_error(d->cmds) : "out of memory");
		return -1;
	}
	d->conf_path = realpath(conf, NULL);
	d->mon = monitor_new();
	d->venv = (struct vty_env){
		.monitor = d->mon,
		.cmds = d->cmds,
		.show = &d->show,
		.config = d->cs,
		.config_file = d->conf_path ? d->conf_path : conf,
		.ifnames = vty_ifnames,
		.after_exec = vty_after_exec,
		.arg = d,
	};
	d->raw_fd = raw_open(err, errlen);
	if (d->raw_fd < 0)
		return -1;
	d->nl = nlmon_open(&nh, err, errlen);
	if (!d->nl)
		return -1;
	if (d->opts->daemonize) {
		if (daemon(0, 0) < 0) {
			snprintf(err, errlen, "daemon: %s", strerror(errno));
			return -1;
		}
		d->use_syslog = !d->opts->foreground_log;
		if (d->use_syslog)
			openlog("ospfd", LOG_PID, LOG_DAEMON);
	}
	log_settings(d);
	if (d->opts->pid_file && pidfile_write(d->opts->pid_file) < 0) {
		snprintf(err, errlen, "pid file %s: %s", d->opts->pid_file, strerror(errno));
		return -1;
	}
	d->eb = event_base_new();
	d->tq = timerq_new(mono_ms, NULL);
	if (!d->eb || !d->tq) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	d->krt = krt_new(d->tq, krt_log, d, err, errlen);
	if (!d->krt)
		return -1;
	d->redist = redist_new();
	d->redist_rt = d->redist ? nlrt_open(true, err, errlen) : NULL;
	if (!d->redist_rt)
		return -1;
	if (vty_socket_open(d, err, errlen) || privileges_drop(d, err, errlen))
		return -1;
	d->tick = evtimer_new(d->eb, tick_fire, d);
	d->raw_ev = event_new(d->eb, d->raw_fd, EV_READ | EV_PERSIST, raw_readable, d);
	d->nl_ev = event_new(d->eb, nlmon_fd(d->nl), EV_READ | EV_PERSIST, nl_readable, d);
	d->krt_ev = event_new(d->eb, krt_fd(d->krt), EV_READ | EV_PERSIST, krt_readable, d);
	d->redist_ev =
	    event_new(d->eb, nlrt_event_fd(d->redist_rt), EV_READ | EV_PERSIST, redist_readable, d);
	d->sig_term = evsignal_new(d->eb, SIGTERM, on_signal, d);
	d->sig_int = evsignal_new(d->eb, SIGINT, on_signal, d);
	if (!d->tick || !d->raw_ev || !d->nl_ev || !d->krt_ev || !d->sig_term || !d->sig_int ||
	    !d->redist_ev || event_add(d->redist_ev, NULL) || event_add(d->raw_ev, NULL) ||
	    event_add(d->nl_ev, NULL) || event_add(d->krt_ev, NULL) ||
	    evsignal_add(d->sig_term, NULL) || evsignal_add(d->sig_int, NULL)) {
		snprintf(err, errlen, "event loop setup failed");
		return -1;
	}
	signal(SIGPIPE, SIG_IGN);
	if (nlmon_dump(d->nl) < 0)
		dlog(d, LOG_WARNING, "netlink dump: %s (will resync)", strerror(errno));
	if (redist_dump(d) < 0)
		dlog(d, LOG_WARNING, "route dump for redistribution: %s", strerror(errno));
	config_store_set_apply(d->cs, &apply);
	reconcile(d);
	if (!d->o)
		dlog(d, LOG_NOTICE,
		     d->cfg->router_ospf ? "waiting for an address to take as router id"
					 : "no 'router ospf' in the configuration");
	tick_schedule(d);
	return 0;
}

int daemon_run(const struct daemon_opts *opts)
{
	struct daemon *d = calloc(1, sizeof(*d));
	char err[512];
	int status = EXIT_SUCCESS;

	if (!d) {
		fprintf(stderr, "ospfd: out of memory\n");
		return EXIT_FAILURE;
	}
	d->opts = opts;
	d->raw_fd = -1;
	d->log_level = LOG_INFO;
	if (daemon_start(d, err, sizeof(err)) < 0) {
		if (d->use_syslog)
			syslog(LOG_ERR, "%s", err);
		fprintf(stderr, "ospfd: %s\n", err);
		status = EXIT_FAILURE;
	} else {
		event_base_dispatch(d->eb);
	}
	daemon_cleanup(d);
	free(d);
	return status;
}
