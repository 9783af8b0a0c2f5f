/* SPDX-License-Identifier: ISC */
#ifndef LIB_CHECKSUM_H
#define LIB_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/* RFC 1071 one's-complement sum, folded, before the final complement. */
uint32_t inet_sum_add(uint32_t sum, const uint8_t *buf, size_t len);
/* The Internet checksum of a sum built with inet_sum_add(), in host byte order. */
uint16_t inet_sum_finish(uint32_t sum);
/* The Internet checksum of buf, in host byte order (write it big-endian). */
uint16_t inet_checksum(const uint8_t *buf, size_t len);

/*
 * ISO 8473 / RFC 905 Fletcher checksum of buf[0..len) whose two check bytes stand at
 * buf[off], buf[off+1] (read as zero). Returns the 16-bit value to store there, big-endian.
 */
uint16_t fletcher_checksum(const uint8_t *buf, size_t len, size_t off);
/* True if buf, check bytes included, sums to zero in both Fletcher sums. */
int fletcher_verify(const uint8_t *buf, size_t len);

#endif
