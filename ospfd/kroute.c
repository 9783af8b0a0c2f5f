/* SPDX-License-Identifier: ISC */
#include "kroute.h"

#include "krt.h"
#include "route.h"

/* The next hops of r that need a gateway; n of them copied to out (at most max). */
static size_t gateway_hops(const struct route_table *rt, const struct route *r,
			   struct krt_nexthop *out, size_t max)
{
	const struct route_nexthop *nh = route_nexthops(rt, r);
	size_t i, n = 0;

	for (i = 0; i < r->nh_count && n < max; i++) {
		if (!nh[i].gw || nh[i].ifindex <= 0)
			continue;
		out[n].gw = nh[i].gw;
		out[n].ifindex = nh[i].ifindex;
		n++;
	}
	return n;
}

size_t kroute_sync(struct krt *k, const struct route_table *rt)
{
	struct krt_nexthop nh[KRT_NH_MAX];
	size_t i, wanted = 0;

	krt_begin(k);
	for (i = 0; rt && i < rt->count; i++) {
		const struct route *r = &rt->routes[i];
		size_t n;

		if (r->dest != ROUTE_NETWORK)
			continue;
		n = gateway_hops(rt, r, nh, KRT_NH_MAX);
		if (n && krt_want(k, r->prefix, r->prefixlen, KROUTE_METRIC, nh, n) == 0)
			wanted++;
	}
	krt_commit(k);
	return wanted;
}
