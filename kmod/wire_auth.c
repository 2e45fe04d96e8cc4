// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: VRRPv2 authentication data: none, simple password, and rVRRPd's
 * P0 (HMAC-SHA256 truncated to 8 bytes) and P1 (SHAKE256, 8 bytes).
 *
 * The Keccak-f[1600] permutation and the SHAKE256 sponge are implemented
 * here for every build (Linux 6.1 has no SHAKE). SHA-256 comes from the
 * kernel's library (<crypto/sha2.h>, built in on every target kernel) in
 * the module, and from wire_sha256.c in userspace builds.
 *
 * No allocation, no sleeping, no FPU; safe in softirq context.
 */
#include "wire.h"

#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/string.h>
#include <crypto/sha2.h>
#include "compat.h"

static void vrrp_sha256_init(struct vrrp_sha256_ctx *c)
{
	sha256_init(&c->s);
}

static void vrrp_sha256_update(struct vrrp_sha256_ctx *c, const u8 *d,
			       size_t n)
{
	sha256_update(&c->s, d, n);
}

static void vrrp_sha256_final(struct vrrp_sha256_ctx *c,
			      u8 out[VRRP_SHA256_LEN])
{
	sha256_final(&c->s, out);
}
#else
#include <string.h>
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#endif

#define SHA256_BLOCK		64
#define SHAKE256_RATE		136
#define KECCAK_ROUNDS		24

/* a message given as up to three segments, to avoid copying the PDU */
struct vrrp_seg {
	const u8 *p;
	size_t n;
};

int vrrp_wire_memneq(const u8 *a, const u8 *b, size_t n)
{
	unsigned int acc = 0;
	size_t i;

	for (i = 0; i < n; i++)
		acc |= a[i] ^ b[i];
	return acc != 0;
}

static void vrrp_wipe(void *p, size_t n)
{
#ifdef __KERNEL__
	memzero_explicit(p, n);
#else
	memset(p, 0, n);
	/* keep the compiler from dropping the memset as a dead store */
	__asm__ __volatile__("" : : "r"(p) : "memory");
#endif
}

/* HMAC-SHA256 (RFC 2104) over the concatenation of @nseg segments */
static void vrrp_hmac_sha256_seg(const u8 *key, size_t keylen,
				 const struct vrrp_seg *seg, unsigned int nseg,
				 u8 out[VRRP_SHA256_LEN])
{
	struct vrrp_sha256_ctx ctx;
	u8 k[SHA256_BLOCK];
	unsigned int i;

	memset(k, 0, sizeof(k));
	if (keylen > SHA256_BLOCK) {
		vrrp_sha256_init(&ctx);
		vrrp_sha256_update(&ctx, key, keylen);
		vrrp_sha256_final(&ctx, k);
	} else if (keylen) {
		memcpy(k, key, keylen);
	}

	for (i = 0; i < SHA256_BLOCK; i++)
		k[i] ^= 0x36;
	vrrp_sha256_init(&ctx);
	vrrp_sha256_update(&ctx, k, SHA256_BLOCK);
	for (i = 0; i < nseg; i++)
		if (seg[i].n)
			vrrp_sha256_update(&ctx, seg[i].p, seg[i].n);
	vrrp_sha256_final(&ctx, out);

	for (i = 0; i < SHA256_BLOCK; i++)
		k[i] ^= 0x36 ^ 0x5c;
	vrrp_sha256_init(&ctx);
	vrrp_sha256_update(&ctx, k, SHA256_BLOCK);
	vrrp_sha256_update(&ctx, out, VRRP_SHA256_LEN);
	vrrp_sha256_final(&ctx, out);

	vrrp_wipe(k, sizeof(k));
	vrrp_wipe(&ctx, sizeof(ctx));
}

void vrrp_hmac_sha256(const u8 *key, size_t keylen, const u8 *msg,
		      size_t msglen, u8 out[VRRP_SHA256_LEN])
{
	struct vrrp_seg seg = { msg, msglen };

	vrrp_hmac_sha256_seg(key, keylen, &seg, 1, out);
}

/* Keccak-f[1600] (FIPS 202) */
static const u64 keccak_rc[KECCAK_ROUNDS] = {
	0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL,
	0x8000000080008000ULL, 0x000000000000808bULL, 0x0000000080000001ULL,
	0x8000000080008081ULL, 0x8000000000008009ULL, 0x000000000000008aULL,
	0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
	0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL,
	0x8000000000008003ULL, 0x8000000000008002ULL, 0x8000000000000080ULL,
	0x000000000000800aULL, 0x800000008000000aULL, 0x8000000080008081ULL,
	0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};

/* rho offsets and pi destinations, walking lanes in pi order from (1,0) */
static const u8 keccak_rho[24] = {
	1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14,
	27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44,
};

static const u8 keccak_pi[24] = {
	10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4,
	15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1,
};

static inline u64 vrrp_rol64(u64 x, unsigned int n)
{
	return (x << n) | (x >> ((64 - n) & 63));
}

static void keccakf(u64 st[25])
{
	u64 bc[5], t;
	unsigned int r, i, j;

	for (r = 0; r < KECCAK_ROUNDS; r++) {
		/* theta */
		for (i = 0; i < 5; i++)
			bc[i] = st[i] ^ st[i + 5] ^ st[i + 10] ^ st[i + 15] ^
				st[i + 20];
		for (i = 0; i < 5; i++) {
			t = bc[(i + 4) % 5] ^ vrrp_rol64(bc[(i + 1) % 5], 1);
			for (j = 0; j < 25; j += 5)
				st[j + i] ^= t;
		}
		/* rho and pi */
		t = st[1];
		for (i = 0; i < 24; i++) {
			j = keccak_pi[i];
			bc[0] = st[j];
			st[j] = vrrp_rol64(t, keccak_rho[i]);
			t = bc[0];
		}
		/* chi */
		for (j = 0; j < 25; j += 5) {
			for (i = 0; i < 5; i++)
				bc[i] = st[j + i];
			for (i = 0; i < 5; i++)
				st[j + i] ^= (~bc[(i + 1) % 5]) & bc[(i + 2) % 5];
		}
		/* iota */
		st[0] ^= keccak_rc[r];
	}
}

struct vrrp_shake {
	u64 st[25];
	unsigned int pos;	/* byte position inside the rate */
};

static void shake_xor_byte(struct vrrp_shake *s, unsigned int i, u8 b)
{
	s->st[i / 8] ^= (u64)b << (8 * (i % 8));
}

static void shake_absorb(struct vrrp_shake *s, const u8 *p, size_t n)
{
	while (n--) {
		shake_xor_byte(s, s->pos++, *p++);
		if (s->pos == SHAKE256_RATE) {
			keccakf(s->st);
			s->pos = 0;
		}
	}
}

static void shake_squeeze(struct vrrp_shake *s, u8 *out, size_t n)
{
	unsigned int i;

	/* pad: SHAKE domain bits 1111 then pad10*1 */
	shake_xor_byte(s, s->pos, 0x1f);
	shake_xor_byte(s, SHAKE256_RATE - 1, 0x80);
	keccakf(s->st);
	i = 0;
	while (n--) {
		if (i == SHAKE256_RATE) {
			keccakf(s->st);
			i = 0;
		}
		*out++ = (u8)(s->st[i / 8] >> (8 * (i % 8)));
		i++;
	}
}

static void vrrp_shake256_seg(const struct vrrp_seg *seg, unsigned int nseg,
			      u8 *out, size_t outlen)
{
	struct vrrp_shake s;
	unsigned int i;

	memset(&s, 0, sizeof(s));
	for (i = 0; i < nseg; i++)
		if (seg[i].n)
			shake_absorb(&s, seg[i].p, seg[i].n);
	shake_squeeze(&s, out, outlen);
	vrrp_wipe(&s, sizeof(s));
}

void vrrp_shake256(const u8 *a, size_t alen, const u8 *b, size_t blen,
		   u8 *out, size_t outlen)
{
	struct vrrp_seg seg[2] = { { a, alen }, { b, blen } };

	vrrp_shake256_seg(seg, 2, out, outlen);
}

int vrrp_auth_compute(u8 type, const u8 *key, size_t keylen,
		      const u8 *msg, size_t msglen, u8 out[VRRP_AUTH_DATA_LEN])
{
	u8 hdr[VRRP_HDR_LEN];
	u8 mac[VRRP_SHA256_LEN];
	struct vrrp_seg seg[3];

	if (msglen < VRRP_HDR_LEN)
		return -EINVAL;
	if (!key)
		keylen = 0;

	/* the header with its checksum field zeroed, then the addresses */
	memcpy(hdr, msg, VRRP_HDR_LEN);
	hdr[6] = 0;
	hdr[7] = 0;

	switch (type) {
	case VRRP_WIRE_AUTH_NONE:
		memset(out, 0, VRRP_AUTH_DATA_LEN);
		return 0;
	case VRRP_WIRE_AUTH_SIMPLE:
		memset(out, 0, VRRP_AUTH_DATA_LEN);
		if (keylen)
			memcpy(out, key, keylen < VRRP_AUTH_DATA_LEN ?
			       keylen : VRRP_AUTH_DATA_LEN);
		return 0;
	case VRRP_WIRE_AUTH_P0:
		seg[0].p = hdr;
		seg[0].n = VRRP_HDR_LEN;
		seg[1].p = msg + VRRP_HDR_LEN;
		seg[1].n = msglen - VRRP_HDR_LEN;
		vrrp_hmac_sha256_seg(key, keylen, seg, 2, mac);
		memcpy(out, mac, VRRP_AUTH_DATA_LEN);
		vrrp_wipe(mac, sizeof(mac));
		return 0;
	case VRRP_WIRE_AUTH_P1:
		seg[0].p = key;
		seg[0].n = keylen;
		seg[1].p = hdr;
		seg[1].n = VRRP_HDR_LEN;
		seg[2].p = msg + VRRP_HDR_LEN;
		seg[2].n = msglen - VRRP_HDR_LEN;
		vrrp_shake256_seg(seg, 3, out, VRRP_AUTH_DATA_LEN);
		return 0;
	}
	return -EINVAL;
}

int vrrp_auth_verify(const struct vrrp_advert *adv, const u8 *pdu, u8 type,
		     const u8 *key, size_t keylen)
{
	u8 want[VRRP_AUTH_DATA_LEN];
	size_t msglen;
	int bad;

	if (adv->version != 2)
		return VRRP_WIRE_OK;
	if (adv->auth_type != VRRP_WIRE_AUTH_NONE &&
	    adv->auth_type != VRRP_WIRE_AUTH_SIMPLE &&
	    adv->auth_type != VRRP_WIRE_AUTH_P0 &&
	    adv->auth_type != VRRP_WIRE_AUTH_P1)
		return VRRP_WIRE_EAUTHTYPE;
	if (adv->auth_type != type)
		return VRRP_WIRE_EAUTHMISMATCH;
	if (type == VRRP_WIRE_AUTH_NONE)
		return VRRP_WIRE_OK;
	if (!adv->auth_data)
		return VRRP_WIRE_EAUTH;

	msglen = VRRP_HDR_LEN + (size_t)adv->naddr * adv->addr_len;
	if (vrrp_auth_compute(type, key, keylen, pdu, msglen, want))
		return VRRP_WIRE_EAUTH;
	bad = vrrp_wire_memneq(want, adv->auth_data, VRRP_AUTH_DATA_LEN);
	vrrp_wipe(want, sizeof(want));
	return bad ? VRRP_WIRE_EAUTH : VRRP_WIRE_OK;
}

/*
 * Known-answer test run at module load (and by the unit tests): the four
 * rVRRPd vectors of RVRRPD-COMPAT.md (VRID 1, priority 100, 10.0.0.1,
 * 1 s, secret "secret"), so a wrong SHA-256/HMAC/SHAKE256 in a given
 * kernel build fails loudly instead of silently breaking interop.
 */
static const struct {
	u8 type;
	u8 pdu[20];
} vrrp_wire_kat[] = {
	{ VRRP_WIRE_AUTH_NONE, {
		0x21, 0x01, 0x64, 0x01, 0x00, 0x01, 0x70, 0xfb, 0x0a, 0x00,
		0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	} },
	{ VRRP_WIRE_AUTH_SIMPLE, {
		0x21, 0x01, 0x64, 0x01, 0x01, 0x01, 0x33, 0xaf, 0x0a, 0x00,
		0x00, 0x01, 0x73, 0x65, 0x63, 0x72, 0x65, 0x74, 0x00, 0x00,
	} },
	{ VRRP_WIRE_AUTH_P0, {
		0x21, 0x01, 0x64, 0x01, 0xfa, 0x01, 0x1d, 0xcb, 0x0a, 0x00,
		0x00, 0x01, 0xa5, 0x07, 0xc6, 0x57, 0xec, 0x4b, 0x01, 0x84,
	} },
	{ VRRP_WIRE_AUTH_P1, {
		0x21, 0x01, 0x64, 0x01, 0xfb, 0x01, 0xcb, 0x5d, 0x0a, 0x00,
		0x00, 0x01, 0x2c, 0x5b, 0x49, 0xb9, 0xbf, 0xb2, 0x74, 0xd5,
	} },
};

int vrrp_wire_selftest(void)
{
	static const u8 addr[4] = { 10, 0, 0, 1 };
	static const u8 key[6] = { 's', 'e', 'c', 'r', 'e', 't' };
	struct vrrp_wire_build b = {
		.version = 2, .vrid = 1, .priority = 100, .naddr = 1,
		.interval_cs = 100, .family = VRRP_AF4, .addrs = addr,
		.key = key, .keylen = sizeof(key),
	};
	struct vrrp_advert adv;
	unsigned int i;
	u8 buf[24];

	for (i = 0; i < ARRAY_SIZE(vrrp_wire_kat); i++) {
		b.auth_type = vrrp_wire_kat[i].type;
		if (vrrp_wire_build(buf, sizeof(buf), &b) != 20 ||
		    memcmp(buf, vrrp_wire_kat[i].pdu, 20))
			return -EINVAL;
		if (vrrp_wire_check(buf, 20, VRRP_AF4, NULL, NULL, false,
				    &adv) ||
		    vrrp_auth_verify(&adv, buf, b.auth_type, key, sizeof(key)))
			return -EINVAL;
	}
	return 0;
}
