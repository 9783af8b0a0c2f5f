/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for the LSA codec. Each input is decoded as one LSA; one that decodes must
 * encode, decode again and encode to the same bytes, and verify once its checksum is set.
 * Inputs of 40 bytes or more also check that RFC 2328 13.1 ordering is antisymmetric.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lsa.h"
#include "wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static struct lsa_hdr raw_hdr(const uint8_t *p)
{
	struct lsa_hdr h = {
		.age = get16(p),
		.options = p[2],
		.type = p[3],
		.id = get32(p + 4),
		.adv_router = get32(p + 8),
		.seq = (int32_t)get32(p + 12),
		.checksum = get16(p + 16),
		.length = get16(p + 18),
	};

	return h;
}

static void check_newer_order(const uint8_t *data)
{
	struct lsa_hdr a = raw_hdr(data), b = raw_hdr(data + LSA_HEADER_LEN);

	if (lsa_hdr_cmp_newer(&a, &a) != 0 || lsa_hdr_cmp_newer(&b, &b) != 0)
		abort();
	if (sign(lsa_hdr_cmp_newer(&a, &b)) != -sign(lsa_hdr_cmp_newer(&b, &a)))
		abort();
}

static void check_header(const uint8_t *data, size_t size)
{
	struct lsa_hdr h;
	uint8_t again[LSA_HEADER_LEN];

	if (lsa_hdr_decode(data, size, &h) != DROP_NONE)
		return;
	if (h.length < LSA_HEADER_LEN || h.length % 4)
		abort();
	/* the header carries no reserved bits: it encodes back exactly */
	lsa_hdr_encode(&h, again);
	if (memcmp(again, data, LSA_HEADER_LEN))
		abort();
}

static void check_round_trip(const struct lsa *l)
{
	size_t n = lsa_encoded_len(l);
	uint8_t *a = malloc(n), *b = malloc(n), *short_buf = malloc(n - 1);
	struct lsa m;

	if (!a || !b || !short_buf)
		abort();
	if (n != l->hdr.length || lsa_encode(l, a, n) != n)
		abort();
	/* a short buffer is refused, not overrun (AddressSanitizer watches its end) */
	if (lsa_encode(l, short_buf, n - 1) != 0)
		abort();
	free(short_buf);
	if (lsa_decode(a, n, &m) != DROP_NONE)
		abort();
	if (lsa_encoded_len(&m) != n || lsa_encode(&m, b, n) != n || memcmp(a, b, n))
		abort();
	lsa_free(&m);

	/* RFC 2328 12.1.7: the checksum it computes is one it accepts */
	lsa_checksum_set(b, n);
	if (!lsa_checksum_verify(b, n))
		abort();
	if (lsa_decode(b, n, &m) != DROP_NONE || !m.checksum_ok)
		abort();
	lsa_free(&m);
	free(a);
	free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lsa l;
	enum drop_reason r;

	if (size >= 2 * LSA_HEADER_LEN)
		check_newer_order(data);
	check_header(data, size);
	r = lsa_decode(data, size, &l);
	if ((unsigned)r >= DROP_REASON_MAX)
		abort();
	if (r != DROP_NONE)
		return 0;
	if (l.hdr.length > size)
		abort();
	if (l.checksum_ok != lsa_checksum_verify(data, l.hdr.length))
		abort();
	check_round_trip(&l);
	lsa_free(&l);
	return 0;
}
