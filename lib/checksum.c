/* SPDX-License-Identifier: ISC */
#include "checksum.h"

uint32_t inet_sum_add(uint32_t sum, const uint8_t *buf, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2) {
		sum += (uint32_t)buf[i] << 8 | buf[i + 1];
		sum = (sum & 0xffff) + (sum >> 16);
	}
	if (len & 1) {
		sum += (uint32_t)buf[len - 1] << 8;
		sum = (sum & 0xffff) + (sum >> 16);
	}
	return sum;
}

uint16_t inet_sum_finish(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

uint16_t inet_checksum(const uint8_t *buf, size_t len)
{
	return inet_sum_finish(inet_sum_add(0, buf, len));
}

/* Modulo 255 sums; 4102 bytes keep c1 below 2^31 between reductions (ISO 8473 Annex C). */
#define FLETCHER_BLOCK 4102

uint16_t fletcher_checksum(const uint8_t *buf, size_t len, size_t off)
{
	int32_t c0 = 0, c1 = 0, x, y;
	size_t i = 0;

	while (i < len) {
		size_t end = i + FLETCHER_BLOCK < len ? i + FLETCHER_BLOCK : len;

		for (; i < end; i++) {
			uint8_t b = (i == off || i == off + 1) ? 0 : buf[i];

			c0 += b;
			c1 += c0;
		}
		c0 %= 255;
		c1 %= 255;
	}
	/* The check bytes X, Y make both sums zero over the whole message. */
	x = (int32_t)(((int64_t)(len - off - 1) * c0 - c1) % 255);
	if (x <= 0)
		x += 255;
	y = 510 - c0 - x;
	if (y > 255)
		y -= 255;
	return (uint16_t)(x << 8 | (y & 0xff));
}

int fletcher_verify(const uint8_t *buf, size_t len)
{
	uint32_t c0 = 0, c1 = 0;
	size_t i = 0;

	while (i < len) {
		size_t end = i + FLETCHER_BLOCK < len ? i + FLETCHER_BLOCK : len;

		for (; i < end; i++) {
			c0 += buf[i];
			c1 += c0;
		}
		c0 %= 255;
		c1 %= 255;
	}
	return c0 == 0 && c1 == 0;
}
