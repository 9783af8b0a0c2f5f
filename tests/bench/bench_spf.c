/* SPDX-License-Identifier: ISC */
/*
 * SPF benchmark: synthetic single-area LSDBs of routers joined by unnumbered point-to-point
 * links (a grid, and a random graph of average degree 4), one stub /32 per router. Prints the
 * median time of a full run (SPF plus routing table), the same after one metric change, and
 * the heap bytes each stored router-LSA costs beyond its wire size; then, with 1000 AS-external
 * LSAs of one ASBR, a full run and an external-only run (RFC 2328 16.6) after one of them
 * changed.
 *
 *     bench_spf [routers...]        (default: 1000 20000 50000)
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flood.h"
#include "iface.h"
#include "lsa.h"
#include "ospf.h"
#include "route.h"
#include "spf.h"

#define MAX_DEG	    64
#define N_EXTERNALS 1000

static size_t asbr = SIZE_MAX; /* the router whose LSA has the E bit */

struct graph {
	size_t n;
	uint32_t (*adj)[MAX_DEG]; /* neighbor index */
	uint16_t (*metric)[MAX_DEG];
	uint8_t *deg;
};

static uint64_t clock_now;

static uint64_t bench_clock(void *ctx)
{
	(void)ctx;
	return clock_now;
}

static void bench_send(void *ctx, struct iface *ifp, uint32_t dst, const uint8_t *buf, size_t len)
{
	(void)ctx;
	(void)ifp;
	(void)dst;
	(void)buf;
	(void)len;
}

static uint64_t rng_state = 0x853c49e6748fea9bull;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

static double now_ms(void)
{
	struct timespec ts;

	/* CPU time of this thread: the machine may be shared, and a run never sleeps */
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static uint32_t rid_of(size_t i)
{
	return 0x0a000000u + (uint32_t)i + 1;
}

static bool has_edge(const struct graph *g, size_t a, size_t b)
{
	uint8_t i;

	for (i = 0; i < g->deg[a]; i++)
		if (g->adj[a][i] == b)
			return true;
	return false;
}

static bool edge_add(struct graph *g, size_t a, size_t b, uint16_t metric)
{
	if (a == b || g->deg[a] >= MAX_DEG || g->deg[b] >= MAX_DEG || has_edge(g, a, b))
		return false;
	g->adj[a][g->deg[a]] = (uint32_t)b;
	g->metric[a][g->deg[a]++] = metric;
	g->adj[b][g->deg[b]] = (uint32_t)a;
	g->metric[b][g->deg[b]++] = metric;
	return true;
}

static void graph_alloc(struct graph *g, size_t n)
{
	g->n = n;
	g->adj = calloc(n, sizeof(*g->adj));
	g->metric = calloc(n, sizeof(*g->metric));
	g->deg = calloc(n, 1);
	if (!g->adj || !g->metric || !g->deg) {
		fprintf(stderr, "bench_spf: no memory\n");
		exit(1);
	}
}

static void graph_free(struct graph *g)
{
	free(g->adj);
	free(g->metric);
	free(g->deg);
}

/* A side x side grid (n rounded down to a square), metric 10. */
static void graph_grid(struct graph *g, size_t n)
{
	size_t side = 1, x, y;

	while ((side + 1) * (side + 1) <= n)
		side++;
	graph_alloc(g, side * side);
	for (y = 0; y < side; y++)
		for (x = 0; x < side; x++) {
			if (x + 1 < side)
				edge_add(g, y * side + x, y * side + x + 1, 10);
			if (y + 1 < side)
				edge_add(g, y * side + x, (y + 1) * side + x, 10);
		}
}

/* A random spanning tree plus random edges up to 2n edges (average degree 4), metrics 1-20. */
static void graph_random(struct graph *g, size_t n)
{
	size_t i, edges = 0;

	graph_alloc(g, n);
	for (i = 1; i < n; i++)
		edges += edge_add(g, i, rng() % i, (uint16_t)(1 + rng() % 20));
	while (edges < 2 * n)
		edges += edge_add(g, rng() % n, rng() % n, (uint16_t)(1 + rng() % 20));
}

/* Router i's LSA: a point-to-point link per neighbor (link data: our ifindex, unnumbered) and
 * a stub /32 (100.x.y.z). */
static void router_lsa_install(struct ospf *o, struct area *a, const struct graph *g, size_t i,
			       int32_t seq, size_t *wire)
{
	static struct lsa_router_link links[MAX_DEG + 1];
	static uint8_t buf[4096];
	struct lsa l;
	struct lsa_inst *inst;
	uint8_t k;
	size_t len;

	memset(&l, 0, sizeof(l));
	memset(links, 0, sizeof(links));
	for (k = 0; k < g->deg[i]; k++) {
		links[k].type = LSA_LINK_P2P;
		links[k].id = rid_of(g->adj[i][k]);
		links[k].data = (uint32_t)k + 1;
		links[k].metric = g->metric[i][k];
	}
	links[k].type = LSA_LINK_STUB;
	links[k].id = 0x64000000u + (uint32_t)i;
	links[k].data = 0xffffffffu;
	l.hdr.age = 1;
	l.hdr.type = LSA_ROUTER;
	l.hdr.id = l.hdr.adv_router = rid_of(i);
	l.hdr.seq = seq;
	l.router.flags = i == asbr ? LSA_ROUTER_E : 0;
	l.router.nlinks = (uint16_t)(g->deg[i] + 1);
	l.router.links = links;
	len = lsa_encode(&l, buf, sizeof(buf));
	lsa_checksum_set(buf, len);
	inst = lsa_inst_new(buf, (uint16_t)len, clock_now);
	if (!inst || !flood_lsdb_install(&a->lsdb, inst)) {
		fprintf(stderr, "bench_spf: install failed\n");
		exit(1);
	}
	if (wire)
		*wire += len;
	(void)o;
}

/* An E2 AS-external-LSA of the ASBR for 198.18.x.y/32. */
static void external_install(struct area *a, size_t i, uint32_t metric, int32_t seq)
{
	struct lsa_external_entry ent = { true, 0, metric, 0, 0 };
	static uint8_t buf[256];
	struct lsa_inst *inst;
	struct lsa l;
	size_t len;

	memset(&l, 0, sizeof(l));
	l.hdr.age = 1;
	l.hdr.type = LSA_AS_EXTERNAL;
	l.hdr.id = 0xc6120000u + (uint32_t)i;
	l.hdr.adv_router = rid_of(asbr);
	l.hdr.seq = seq;
	l.hdr.options = OSPF_OPT_E;
	l.external.mask = 0xffffffffu;
	l.external.nentries = 1;
	l.external.entries = &ent;
	len = lsa_encode(&l, buf, sizeof(buf));
	lsa_checksum_set(buf, len);
	inst = lsa_inst_new(buf, (uint16_t)len, clock_now);
	if (!inst || !flood_lsdb_install(&a->ospf->as_lsdb, inst)) {
		fprintf(stderr, "bench_spf: install failed\n");
		exit(1);
	}
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median_run(struct ospf *o, int reps)
{
	double t[32];
	int i;

	for (i = 0; i < reps; i++) {
		double t0 = now_ms();

		spf_run(o);
		t[i] = now_ms() - t0;
	}
	qsort(t, (size_t)reps, sizeof(t[0]), dbl_cmp);
	return t[reps / 2];
}

static size_t heap_in_use(void)
{
	struct mallinfo2 mi = mallinfo2();

	return mi.uordblks + mi.hblkhd;
}

static void bench(const char *kind, size_t n)
{
	struct ospf_io io = { .send = bench_send };
	struct timerq *tq;
	struct ospf *o;
	struct area *a;
	struct graph g;
	size_t i, wire = 0, before, after_lsdb, after_spf;
	double full, changed, ext_full, ext_only;
	int reps = n >= 50000 ? 9 : 15;
	uint8_t k;

	if (!strcmp(kind, "grid"))
		graph_grid(&g, n);
	else
		graph_random(&g, n);
	clock_now = 1000000;
	tq = timerq_new(bench_clock, NULL);
	o = ospf_new(rid_of(0), tq, &io);
	a = ospf_area_get(o, 0);
	/* our unnumbered point-to-point interfaces, ifindex = link data */
	for (k = 0; k < g.deg[0]; k++) {
		struct iface_params p;
		char name[IF_NAMESIZE];

		iface_params_default(&p);
		p.type = IFACE_P2P;
		snprintf(name, sizeof(name), "eth%u", k + 1);
		iface_new(o, a, name, k + 1, 0, 32, 1500, &p);
	}
	{
		struct iface_params p;

		iface_params_default(&p);
		p.type = IFACE_LOOPBACK;
		iface_new(o, a, "lo", 100, 0x64000000u, 32, 65535, &p);
	}
	malloc_trim(0);
	before = heap_in_use();
	for (i = 0; i < g.n; i++)
		router_lsa_install(o, a, &g, i, LSA_INITIAL_SEQ, &wire);
	after_lsdb = heap_in_use();
	full = median_run(o, reps);
	after_spf = heap_in_use();
	if (route_table_networks(o->rt) != g.n) {
		fprintf(stderr, "bench_spf: %zu routes for %zu routers\n",
			route_table_networks(o->rt), g.n);
		exit(1);
	}
	/* one metric change somewhere in the middle, then a full run again */
	{
		double t[32];
		int r;

		for (r = 0; r < reps; r++) {
			size_t v = g.n / 2 + (size_t)r;

			g.metric[v][0] = (uint16_t)(g.metric[v][0] % 20 + 1);
			router_lsa_install(o, a, &g, v, LSA_INITIAL_SEQ + 1 + r, NULL);
			t[r] = now_ms();
			spf_run(o);
			t[r] = now_ms() - t[r];
		}
		qsort(t, (size_t)reps, sizeof(t[0]), dbl_cmp);
		changed = t[reps / 2];
	}
	{
		const struct spf_run_log *last = spf_last_run(o);
		size_t links = 0;

		for (i = 0; i < g.n; i++)
			links += g.deg[i];
		printf("%-6s %6zu routers %6zu links: full SPF+table %7.2f ms, after a metric "
		       "change %7.2f ms (last: intra %llu us, inter %llu us, external %llu us); "
		       "%5.1f B per router-LSA beyond its %5.1f B wire; SPF scratch + 2 tables "
		       "%5.1f B/router\n",
		       kind, g.n, links / 2, full, changed, (unsigned long long)last->intra_us,
		       (unsigned long long)last->inter_us, (unsigned long long)last->external_us,
		       (double)(after_lsdb - before - wire) / (double)g.n,
		       (double)wire / (double)g.n, (double)(after_spf - after_lsdb) / (double)g.n);
	}
	/* RFC 2328 16.6: externals, one of them changed, an external-only run */
	{
		double t[32];
		int r;

		asbr = g.n / 3;
		router_lsa_install(o, a, &g, asbr, LSA_INITIAL_SEQ + 100, NULL);
		for (i = 0; i < N_EXTERNALS; i++)
			external_install(a, i, 20, LSA_INITIAL_SEQ);
		ext_full = median_run(o, reps);
		for (r = 0; r < reps; r++) {
			external_install(a, (size_t)r, 30 + (uint32_t)r, LSA_INITIAL_SEQ + 1 + r);
			t[r] = now_ms();
			spf_run_scope(o, SPF_SCOPE_EXTERNAL);
			t[r] = now_ms() - t[r];
			if (spf_last_run(o)->scope != SPF_SCOPE_EXTERNAL ||
			    route_table_networks(o->rt) != g.n + N_EXTERNALS) {
				fprintf(stderr, "bench_spf: the external-only run went wrong\n");
				exit(1);
			}
		}
		qsort(t, (size_t)reps, sizeof(t[0]), dbl_cmp);
		ext_only = t[reps / 2];
		asbr = SIZE_MAX;
	}
	printf("%-6s %6zu routers, %d AS-external-LSAs: full run %7.2f ms, external-only "
	       "run after one changed %7.2f ms\n",
	       kind, g.n, N_EXTERNALS, ext_full, ext_only);
	ospf_free(o);
	timerq_free(tq);
	graph_free(&g);
}

int main(int argc, char **argv)
{
	size_t sizes[8] = { 1000, 20000, 50000 };
	int i, n = 3;

	if (argc > 1) {
		n = 0;
		for (i = 1; i < argc && n < 8; i++)
			sizes[n++] = (size_t)strtoul(argv[i], NULL, 10);
	}
	for (i = 0; i < n; i++) {
		bench("grid", sizes[i]);
		bench("random", sizes[i]);
	}
	return 0;
}
