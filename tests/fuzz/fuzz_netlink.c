/* SPDX-License-Identifier: ISC */
/*
 * nl_dispatch() and nl_dispatch_routes() over arbitrary bytes, as one datagram read from a
 * NETLINK_ROUTE socket; each route read is written back and must read back the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netlink.h"

#include <linux/rtnetlink.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_link(void *ctx, const struct nl_link *l, bool deleted)
{
	(void)ctx;
	(void)deleted;
	if (strnlen(l->name, sizeof(l->name)) >= sizeof(l->name) || l->ifindex <= 0)
		abort();
}

static void fuzz_addr(void *ctx, const struct nl_addr *a, bool deleted)
{
	(void)ctx;
	(void)deleted;
	if (a->prefixlen > 32 || a->ifindex <= 0)
		abort();
}

static void fuzz_route(void *ctx, const struct nl_route *r, bool deleted)
{
	_Alignas(4) char buf[4096];
	struct nl_route back;
	size_t len;

	(void)ctx;
	(void)deleted;
	if (r->plen > 32 || r->nnh > NL_ROUTE_NH_MAX)
		abort();
	len = nl_route_build(buf, sizeof(buf), RTM_NEWROUTE, 0, 1, r);
	if (len == 0)
		abort();
	if (nl_parse_route((const void *)buf, len, &back) != NL_DROP_NONE)
		abort();
	/* what a write carries: the key, the metric and each next hop's gateway and interface */
	if (back.dst != r->dst || back.plen != r->plen || back.priority != r->priority ||
	    back.table != r->table)
		abort();
	/* one next hop with neither gateway nor interface writes nothing */
	if (r->nnh == 1 && r->nh[0].gw == 0 && r->nh[0].ifindex <= 0)
		return;
	if (back.nnh != r->nnh)
		abort();
	for (uint16_t i = 0; i < r->nnh; i++)
		if (back.nh[i].gw != r->nh[i].gw ||
		    (r->nh[i].ifindex > 0 && back.nh[i].ifindex != r->nh[i].ifindex))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct nl_route_handler rh = { .route = fuzz_route };
	const struct nl_handlers h = { .link = fuzz_link, .addr = fuzz_addr };
	struct nl_stats stats = { 0 };
	struct nl_dispatch_result res;
	/* a socket buffer is aligned; an exact-size copy lets ASan see any overread */
	void *buf = malloc(size ? size : 1);

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	nl_dispatch(buf, size, &h, &stats, &res);
	nl_dispatch_routes(buf, size, &rh, &stats, &res);
	free(buf);
	return 0;
}
