/* SPDX-License-Identifier: ISC */
#include "stub_router.h"

#include "originate.h"

bool stub_router_active(const struct ospf *o)
{
	return o->stub_router_admin || o->stub_router_startup;
}

uint32_t stub_router_link_cost(const struct ospf *o, uint32_t cost)
{
	return stub_router_active(o) ? STUB_ROUTER_MAX_METRIC : cost;
}

static void stub_router_reoriginate(struct ospf *o)
{
	struct area *a;

	list_for_each (a, &o->areas, node)
		originate_router_lsa(a);
}

/* RFC 6987 3: the on-startup period is over: back to the real costs. */
static void stub_router_startup_end(void *arg)
{
	struct ospf *o = arg;

	ospf_logf(o, 6, "max-metric on-startup period over: normal link costs");
	if (!stub_router_active(o))
		stub_router_reoriginate(o);
}

void stub_router_set(struct ospf *o, bool administrative, uint32_t startup_s)
{
	bool was = stub_router_active(o);
	uint64_t end = o->start_ms + (uint64_t)startup_s * 1000, now = ospf_now(o);

	o->stub_router_admin = administrative;
	o->stub_router_startup_s = startup_s;
	if (!startup_s || now >= end)
		timer_cancel(&o->stub_router_startup);
	else
		timer_arm(o->tq, &o->stub_router_startup, end - now, stub_router_startup_end, o);
	if (was != stub_router_active(o))
		stub_router_reoriginate(o);
}
