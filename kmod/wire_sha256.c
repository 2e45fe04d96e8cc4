// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: portable SHA-256 (FIPS 180-4) for the userspace builds of the
 * codec (vrrpctl, unit tests, fuzzers). The module uses the kernel's
 * library SHA-256 instead, so this file is empty under __KERNEL__.
 */
#ifndef __KERNEL__
#include <string.h>
#include "wire.h"

static const u32 sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline u32 ror32(u32 x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

static void sha256_block(u32 h[8], const u8 *p)
{
	u32 w[64], v[8], t1, t2;
	unsigned int i;

	for (i = 0; i < 16; i++)
		w[i] = (u32)p[4 * i] << 24 | (u32)p[4 * i + 1] << 16 |
		       (u32)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++) {
		u32 s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^
			 (w[i - 15] >> 3);
		u32 s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^
			 (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	memcpy(v, h, sizeof(v));
	/* v[0..7] = a, b, c, d, e, f, g, h */
	for (i = 0; i < 64; i++) {
		t1 = v[7] + (ror32(v[4], 6) ^ ror32(v[4], 11) ^ ror32(v[4], 25)) +
		     ((v[4] & v[5]) ^ (~v[4] & v[6])) + sha256_k[i] + w[i];
		t2 = (ror32(v[0], 2) ^ ror32(v[0], 13) ^ ror32(v[0], 22)) +
		     ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
		memmove(v + 1, v, 7 * sizeof(v[0]));
		v[4] += t1;
		v[0] = t1 + t2;
	}
	for (i = 0; i < 8; i++)
		h[i] += v[i];
}

void vrrp_sha256_init(struct vrrp_sha256_ctx *c)
{
	static const u32 iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(c->h, iv, sizeof(iv));
	c->nbytes = 0;
}

void vrrp_sha256_update(struct vrrp_sha256_ctx *c, const u8 *d, size_t n)
{
	size_t fill = c->nbytes % 64;

	c->nbytes += n;
	if (fill) {
		size_t take = 64 - fill < n ? 64 - fill : n;

		memcpy(c->buf + fill, d, take);
		d += take;
		n -= take;
		if (fill + take < 64)
			return;
		sha256_block(c->h, c->buf);
	}
	while (n >= 64) {
		sha256_block(c->h, d);
		d += 64;
		n -= 64;
	}
	if (n)
		memcpy(c->buf, d, n);
}

void vrrp_sha256_final(struct vrrp_sha256_ctx *c, u8 out[VRRP_SHA256_LEN])
{
	u64 bits = c->nbytes * 8;
	size_t fill = c->nbytes % 64;
	unsigned int i;

	c->buf[fill++] = 0x80;
	if (fill > 56) {
		memset(c->buf + fill, 0, 64 - fill);
		sha256_block(c->h, c->buf);
		fill = 0;
	}
	memset(c->buf + fill, 0, 56 - fill);
	for (i = 0; i < 8; i++)
		c->buf[56 + i] = (u8)(bits >> (56 - 8 * i));
	sha256_block(c->h, c->buf);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (u8)(c->h[i] >> 24);
		out[4 * i + 1] = (u8)(c->h[i] >> 16);
		out[4 * i + 2] = (u8)(c->h[i] >> 8);
		out[4 * i + 3] = (u8)c->h[i];
	}
}
#endif /* !__KERNEL__ */
