/* SPDX-License-Identifier: ISC */
/*
 * The Internet checksum (RFC 1071) and the Fletcher checksum of LSAs (RFC 2328 12.1.7,
 * ISO 8473 / RFC 905 Annex B): known answers from RFC 1071 and from captured packets, and
 * the defining properties checked against arbitrary data.
 */
#include "testutil.h"

/* Deterministic arbitrary bytes (xorshift32). */
static uint32_t rng_state = 0x2328;

static uint8_t rng_byte(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return (uint8_t)(rng_state >> 11);
}

static void rng_fill(uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = rng_byte();
}

/* The one's-complement sum the slow way: 64-bit accumulate, fold at the end. */
static uint16_t inet_checksum_reference(const uint8_t *b, size_t n)
{
	uint64_t sum = 0;
	size_t i;

	for (i = 0; i < n; i++)
		sum += (i & 1) ? b[i] : (uint64_t)b[i] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/*
 * What makes a Fletcher checksum right (ISO 8473 Annex C): with the check bytes in place,
 * C0 = sum of b[i] and C1 = sum of (n - i) * b[i] are both 0 modulo 255.
 */
static bool fletcher_sums_are_zero(const uint8_t *b, size_t n)
{
	uint64_t c0 = 0, c1 = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		c0 += b[i];
		c1 += c0;
	}
	return c0 % 255 == 0 && c1 % 255 == 0;
}

/* ---- Internet checksum ---- */

static void test_inet_checksum_of_the_rfc1071_example_is_220d(void **state)
{
	static const uint8_t b[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };

	(void)state;
	/* RFC 1071 3: the folded sum is ddf2, its complement 220d */
	assert_int_equal(inet_sum_add(0, b, sizeof(b)), 0xddf2);
	assert_int_equal(inet_sum_finish(0xddf2), 0x220d);
	assert_int_equal(inet_checksum(b, sizeof(b)), 0x220d);
}

static void test_inet_checksum_of_a_captured_ipv4_header_is_the_one_it_carries(void **state)
{
	/* cisco-ios-ospf-lsa-types-1-to-5.pcap frame 12: header checksum 7aa4 */
	uint8_t ip[] = { 0x45, 0xc0, 0x01, 0xa4, 0x00, 0x9b, 0x00, 0x00, 0x01, 0x59,
			 0x7a, 0xa4, 0x0a, 0x00, 0x14, 0x01, 0x0a, 0x00, 0x14, 0x02 };

	(void)state;
	/* with the checksum in place the sum is all ones */
	assert_int_equal(inet_checksum(ip, sizeof(ip)), 0);
	ip[10] = 0;
	ip[11] = 0;
	assert_int_equal(inet_checksum(ip, sizeof(ip)), 0x7aa4);
}

static void test_inet_checksum_of_an_odd_length_pads_with_a_zero_byte(void **state)
{
	static const uint8_t odd[] = { 0x01, 0x02, 0x03 };
	static const uint8_t even[] = { 0x01, 0x02, 0x03, 0x00 };
	static const uint8_t one[] = { 0xab };

	(void)state;
	/* 0102 + 0300 = 0402 */
	assert_int_equal(inet_checksum(odd, sizeof(odd)), 0xfbfd);
	assert_int_equal(inet_checksum(odd, sizeof(odd)), inet_checksum(even, sizeof(even)));
	assert_int_equal(inet_checksum(one, sizeof(one)), 0x54ff);
}

static void test_inet_checksum_of_nothing_is_ffff(void **state)
{
	static const uint8_t b[1];

	(void)state;
	assert_int_equal(inet_checksum(b, 0), 0xffff);
	assert_int_equal(inet_sum_finish(0), 0xffff);
}

static void test_inet_sum_folds_carries_back_into_the_low_bits(void **state)
{
	static const uint8_t b[] = { 0xff, 0xff, 0xff, 0xff, 0x00, 0x01 };
	static const uint8_t ones[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	(void)state;
	/* ffff + ffff + 0001 = 1ffff -> 0001 + ffff = 10000 -> 0001 */
	assert_int_equal(inet_checksum(b, sizeof(b)), 0xfffe);
	assert_true(inet_sum_add(0, b, sizeof(b)) <= 0xffff);
	/* one's complement: all ones sums to (negative) zero */
	assert_int_equal(inet_checksum(ones, sizeof(ones)), 0);
}

static void test_inet_checksum_matches_a_reference_for_every_length_up_to_1500(void **state)
{
	static uint8_t b[1500];
	size_t n;

	(void)state;
	rng_fill(b, sizeof(b));
	for (n = 0; n <= sizeof(b); n++)
		assert_int_equal(inet_checksum(b, n), inet_checksum_reference(b, n));
	memset(b, 0xff, sizeof(b));
	for (n = 0; n <= sizeof(b); n += 7)
		assert_int_equal(inet_checksum(b, n), inet_checksum_reference(b, n));
}

static void test_inet_sum_split_at_even_offsets_equals_the_sum_of_the_whole(void **state)
{
	static uint8_t b[1001];
	size_t k, j;

	(void)state;
	rng_fill(b, sizeof(b));
	for (k = 0; k <= sizeof(b) - 1; k += 2) {
		uint32_t sum = inet_sum_add(0, b, k);

		assert_true(sum <= 0xffff);
		sum = inet_sum_add(sum, b + k, sizeof(b) - k);
		assert_int_equal(inet_sum_finish(sum), inet_checksum(b, sizeof(b)));
	}
	/* three parts, the way the packet checksum skips the auth field */
	for (k = 0; k < 200; k += 2) {
		for (j = k; j < 400; j += 34) {
			uint32_t sum = inet_sum_add(0, b, k);

			sum = inet_sum_add(sum, b + k, j - k);
			sum = inet_sum_add(sum, b + j, sizeof(b) - j);
			assert_int_equal(inet_sum_finish(sum), inet_checksum(b, sizeof(b)));
		}
	}
}

static void test_inet_checksum_written_into_the_data_makes_it_sum_to_zero(void **state)
{
	static uint8_t b[300];
	size_t n;

	(void)state;
	for (n = 2; n <= sizeof(b); n += 2) {
		uint16_t c;

		rng_fill(b, n);
		b[0] = 0;
		b[1] = 0;
		c = inet_checksum(b, n);
		put16(b, c);
		assert_int_equal(inet_checksum(b, n), 0);
	}
}

/* ---- Fletcher ---- */

static void test_fletcher_check_bytes_zero_both_sums_for_arbitrary_data(void **state)
{
	static uint8_t b[5000];
	size_t n, off;

	(void)state;
	for (n = 2; n <= sizeof(b); n = n < 64 ? n + 1 : n * 5 / 4) {
		for (off = 0; off + 1 < n; off += 1 + n / 7) {
			uint16_t c;

			rng_fill(b, n);
			c = fletcher_checksum(b, n, off);
			put16(b + off, c);
			assert_true(fletcher_sums_are_zero(b, n));
			/* ISO 8473: neither check byte is ever zero */
			assert_int_not_equal(c >> 8, 0);
			assert_int_not_equal(c & 0xff, 0);
		}
	}
}

static void test_fletcher_ignores_what_stands_in_the_check_bytes(void **state)
{
	uint8_t b[64];
	uint16_t c;

	(void)state;
	rng_fill(b, sizeof(b));
	c = fletcher_checksum(b, sizeof(b), 30);
	b[30] ^= 0x5a;
	b[31] ^= 0xa5;
	assert_int_equal(fletcher_checksum(b, sizeof(b), 30), c);
}

static void test_fletcher_of_65535_bytes_of_ff_does_not_overflow(void **state)
{
	size_t n = 65535, off = 14;
	uint8_t *b = malloc(n);

	(void)state;
	assert_non_null(b);
	memset(b, 0xff, n);
	put16(b + off, fletcher_checksum(b, n, off));
	assert_true(fletcher_sums_are_zero(b, n));
	memset(b, 0xfe, n);
	put16(b + off, fletcher_checksum(b, n, off));
	assert_true(fletcher_sums_are_zero(b, n));
	free(b);
}

static void test_fletcher_verify_accepts_data_carrying_its_check_bytes(void **state)
{
	static uint8_t b[6000];
	size_t n, off;

	(void)state;
	for (n = 2; n <= sizeof(b); n = n < 64 ? n + 1 : n * 3 / 2) {
		off = n / 3;
		if (off + 1 >= n)
			off = 0;
		rng_fill(b, n);
		put16(b + off, fletcher_checksum(b, n, off));
		assert_true(fletcher_verify(b, n));
		b[n - 1] ^= 0x01;
		assert_false(fletcher_verify(b, n));
		b[n - 1] ^= 0x01;
		b[0] ^= 0x80;
		assert_false(fletcher_verify(b, n));
	}
}

static void test_fletcher_verify_of_65535_bytes_of_ff_does_not_overflow(void **state)
{
	size_t n = 65535;
	uint8_t *b = malloc(n);

	(void)state;
	assert_non_null(b);
	memset(b, 0xff, n);
	/* every sum of 0xff bytes is 0 modulo 255 */
	assert_true(fletcher_verify(b, n));
	b[n / 2] = 0xfe;
	assert_false(fletcher_verify(b, n));
	free(b);
}

/* ---- LSA checksum (RFC 2328 12.1.7) ---- */

static void test_lsa_checksum_compute_gives_the_checksum_captured_lsas_carry(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < TU_REAL_COUNT; i++) {
		const struct tu_real_lsa *r = tu_real_lsa(i);

		if (lsa_checksum_compute(r->bytes, r->len) != get16(r->bytes + 16))
			fail_msg("%s: computed %04x, carries %04x", r->what,
				 lsa_checksum_compute(r->bytes, r->len), get16(r->bytes + 16));
		if (!lsa_checksum_verify(r->bytes, r->len))
			fail_msg("%s: does not verify", r->what);
		/* and the age is not part of it */
		assert_true(fletcher_sums_are_zero(r->bytes + 2, r->len - 2));
	}
}

static void test_lsa_checksum_set_writes_the_checksum_captured_lsas_carry(void **state)
{
	uint8_t b[256];
	int i;

	(void)state;
	for (i = 0; i < TU_REAL_COUNT; i++) {
		const struct tu_real_lsa *r = tu_real_lsa(i);

		memcpy(b, r->bytes, r->len);
		b[16] = 0;
		b[17] = 0;
		assert_false(lsa_checksum_verify(b, r->len));
		lsa_checksum_set(b, r->len);
		assert_memory_equal(b, r->bytes, r->len);
	}
}

/*
 * XOR with 1 moves a byte by exactly 1, which Fletcher always sees; 00 -> ff would not be
 * seen, since the sums are modulo 255.
 */
static void test_lsa_checksum_verify_fails_when_any_byte_but_the_age_changes(void **state)
{
	uint8_t b[256];
	size_t j;
	int i;

	(void)state;
	for (i = 0; i < TU_REAL_COUNT; i++) {
		const struct tu_real_lsa *r = tu_real_lsa(i);

		for (j = 2; j < r->len; j++) {
			memcpy(b, r->bytes, r->len);
			b[j] ^= 0x01;
			if (lsa_checksum_verify(b, r->len))
				fail_msg("%s: flipping byte %zu still verifies", r->what, j);
			b[j] ^= 0x81;
			if (lsa_checksum_verify(b, r->len))
				fail_msg("%s: changing byte %zu still verifies", r->what, j);
		}
	}
}

static void test_lsa_checksum_verify_ignores_the_age(void **state)
{
	static const uint16_t ages[] = { 0, 1, 900, LSA_MAX_AGE, LSA_DO_NOT_AGE | 5, 0xffff };
	uint8_t b[256];
	size_t k;
	int i;

	(void)state;
	for (i = 0; i < TU_REAL_COUNT; i++) {
		const struct tu_real_lsa *r = tu_real_lsa(i);

		for (k = 0; k < TU_ARRAY_LEN(ages); k++) {
			memcpy(b, r->bytes, r->len);
			put16(b, ages[k]);
			assert_true(lsa_checksum_verify(b, r->len));
			assert_int_equal(lsa_checksum_compute(b, r->len), get16(r->bytes + 16));
		}
	}
}

/* 24 + 400 * 12 = 4824 bytes, past the 4102-byte block of the modulo reduction. */
static size_t build_router_lsa_with_400_links(struct tu_buf *t)
{
	size_t at;
	int i;

	t->len = 0;
	at = tu_lsa_hdr(t, LSA_ROUTER, 0xffffffff, 0xffffffff, 0);
	tu_u8(t, LSA_ROUTER_B | LSA_ROUTER_E);
	tu_u8(t, 0);
	tu_u16(t, 400);
	for (i = 0; i < 400; i++) {
		tu_u32(t, 0xfffffff0 | (uint32_t)(i & 0xf)); /* mostly ff: big sums */
		tu_u32(t, 0xffffff00);
		tu_u8(t, LSA_LINK_STUB);
		tu_u8(t, 0);
		tu_u16(t, (uint16_t)(0xff00 + i));
	}
	put16(t->b + at + 18, (uint16_t)t->len);
	return t->len;
}

static void test_lsa_checksum_of_a_router_lsa_longer_than_4102_bytes_verifies(void **state)
{
	static struct tu_buf t;
	size_t n = build_router_lsa_with_400_links(&t);
	size_t j;

	(void)state;
	assert_int_equal(n, 4824);
	lsa_checksum_set(t.b, n);
	assert_true(lsa_checksum_verify(t.b, n));
	assert_true(fletcher_sums_are_zero(t.b + 2, n - 2));
	assert_int_equal(lsa_checksum_compute(t.b, n), get16(t.b + 16));
	for (j = 2; j < n; j += 101) {
		t.b[j] ^= 1;
		assert_false(lsa_checksum_verify(t.b, n));
		t.b[j] ^= 1;
	}
	t.b[n - 1] ^= 1;
	assert_false(lsa_checksum_verify(t.b, n));
	t.b[n - 1] ^= 1;
	assert_true(lsa_checksum_verify(t.b, n));
}

static void test_lsa_checksum_of_arbitrary_lsas_of_many_lengths_verifies(void **state)
{
	static uint8_t b[9000];
	size_t n;

	(void)state;
	for (n = LSA_HEADER_LEN; n <= sizeof(b); n = n < 200 ? n + 4 : (n * 9 / 8) & ~(size_t)3) {
		rng_fill(b, n);
		put16(b + 18, (uint16_t)n);
		lsa_checksum_set(b, n);
		assert_true(lsa_checksum_verify(b, n));
		assert_true(fletcher_sums_are_zero(b + 2, n - 2));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inet_checksum_of_the_rfc1071_example_is_220d),
		cmocka_unit_test(
		    test_inet_checksum_of_a_captured_ipv4_header_is_the_one_it_carries),
		cmocka_unit_test(test_inet_checksum_of_an_odd_length_pads_with_a_zero_byte),
		cmocka_unit_test(test_inet_checksum_of_nothing_is_ffff),
		cmocka_unit_test(test_inet_sum_folds_carries_back_into_the_low_bits),
		cmocka_unit_test(
		    test_inet_checksum_matches_a_reference_for_every_length_up_to_1500),
		cmocka_unit_test(test_inet_sum_split_at_even_offsets_equals_the_sum_of_the_whole),
		cmocka_unit_test(test_inet_checksum_written_into_the_data_makes_it_sum_to_zero),
		cmocka_unit_test(test_fletcher_check_bytes_zero_both_sums_for_arbitrary_data),
		cmocka_unit_test(test_fletcher_ignores_what_stands_in_the_check_bytes),
		cmocka_unit_test(test_fletcher_of_65535_bytes_of_ff_does_not_overflow),
		cmocka_unit_test(test_fletcher_verify_accepts_data_carrying_its_check_bytes),
		cmocka_unit_test(test_fletcher_verify_of_65535_bytes_of_ff_does_not_overflow),
		cmocka_unit_test(test_lsa_checksum_compute_gives_the_checksum_captured_lsas_carry),
		cmocka_unit_test(test_lsa_checksum_set_writes_the_checksum_captured_lsas_carry),
		cmocka_unit_test(test_lsa_checksum_verify_fails_when_any_byte_but_the_age_changes),
		cmocka_unit_test(test_lsa_checksum_verify_ignores_the_age),
		cmocka_unit_test(test_lsa_checksum_of_a_router_lsa_longer_than_4102_bytes_verifies),
		cmocka_unit_test(test_lsa_checksum_of_arbitrary_lsas_of_many_lengths_verifies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
