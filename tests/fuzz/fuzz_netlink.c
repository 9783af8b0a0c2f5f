/* SPDX-License-Identifier: ISC */
/* nl_dispatch() over arbitrary bytes, as one datagram read from a NETLINK_ROUTE socket. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netlink.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct nl_handlers h = { .link = fuzz_link, .addr = fuzz_addr };
	struct nl_stats stats = { 0 };
	struct nl_dispatch_result res;
	/* a socket buffer is aligned; an exact-size copy lets ASan see any overread */
	void *buf = malloc(size ? size : 1);

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	nl_dispatch(buf, size, &h, &stats, &res);
	free(buf);
	return 0;
}
