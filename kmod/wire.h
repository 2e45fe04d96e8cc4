/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vrrp: the pure advert codec (VRRPv2 RFC 3768, VRRPv3 RFC 9568).
 *
 * Parse, validate and build advertisement PDUs, compute and verify the
 * checksum and the v2 authentication data (none, simple, and rVRRPd's
 * proprietary P0 = HMAC-SHA256/8 and P1 = SHAKE256/8).
 *
 * This code has no kernel dependencies beyond the small type shim below:
 * the same files build into vrrp.ko, into vrrpctl (sniffer), into the unit
 * tests and into the fuzzer. Nothing here allocates, sleeps or touches
 * floating point; every function may run in softirq context.
 *
 * A "PDU" is the VRRP message alone, starting at the version/type byte,
 * i.e. the IP payload. Multi-byte fields in the PDU are big-endian; the
 * values in struct vrrp_advert and struct vrrp_wire_build are host order.
 * Addresses are always raw network-order bytes (4 for IPv4, 16 for IPv6).
 *
 * rVRRPd padding. rVRRPd's receiver only accepts Ethernet frames whose
 * length is exactly 56 + 4 * count bytes. A v2 advert with one address and
 * its 8 bytes of auth data is a 20-byte PDU, a 40-byte IPv4 packet and a
 * 54-byte Ethernet frame (without FCS); 56 + 4 * 1 = 60 is the Ethernet
 * minimum frame ETH_ZLEN, i.e. what a real NIC sends after padding. So the
 * padding is *Ethernet padding after the IP packet*, never part of the IP
 * payload: the IP total length stays 40 and the PDU stays 20 bytes (so
 * keepalived, tshark and the RFC length checks are unaffected). The
 * transmit path pads the frame to ETH_ZLEN (eth_skb_pad() /
 * skb_put_padto(skb, ETH_ZLEN) on the skb with the MAC header pushed), see
 * vrrp_wire_eth_pad(). Frames with two or more addresses are already
 * longer than 60 bytes and get no padding (rVRRPd cannot receive those,
 * whatever we do). Our parser accepts any bytes after the PDU: @len given
 * to vrrp_wire_parse() may exceed the PDU length, which is returned in
 * vrrp_advert.len.
 *
 * v2 PDUs always carry the 8 bytes of authentication data (RFC 3768
 * section 5.1); with auth type 0 they are zero on transmit and ignored on
 * receive.
 */
#ifndef _VRRP_WIRE_H
#define _VRRP_WIRE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#else
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <errno.h>
/* define VRRP_WIRE_HAVE_KTYPES if u8/u16/u32/u64 already exist */
#ifndef VRRP_WIRE_HAVE_KTYPES
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
#endif
#endif

#define VRRP_IPPROTO		112
#define VRRP_HDR_LEN		8
#define VRRP_AUTH_DATA_LEN	8
#define VRRP_TYPE_ADVERT	1
#define VRRP_TTL		255	/* TTL / hop limit, sent and required */
#define VRRP_TOS		0xc0	/* DSCP CS6 */

/* the @family arguments below take the AF_INET / AF_INET6 values */
#define VRRP_AF4		2
#define VRRP_AF6		10
#define VRRP_ADDR4_LEN		4
#define VRRP_ADDR6_LEN		16

/* v3: 12-bit Max Adver Int in centiseconds; v2: 8-bit seconds */
#define VRRP_V3_INTERVAL_MAX	0x0fff
#define VRRP_V2_INTERVAL_MAX	255

/* v2 auth types (same numbers as enum vrrp_auth_type in uapi/linux/vrrp.h) */
#define VRRP_WIRE_AUTH_NONE	0
#define VRRP_WIRE_AUTH_SIMPLE	1
#define VRRP_WIRE_AUTH_P0	250	/* rVRRPd: HMAC-SHA256, first 8 bytes */
#define VRRP_WIRE_AUTH_P1	251	/* rVRRPd: SHAKE256, 8 bytes */

/* Ethernet minimum frame length without FCS (ETH_ZLEN) */
#define VRRP_WIRE_ETH_ZLEN	60

/* largest PDU: v3 IPv6 with 255 addresses */
#define VRRP_WIRE_PDU_MAX	(VRRP_HDR_LEN + 255 * VRRP_ADDR6_LEN)

/* A parsed PDU. The pointers point into the caller's buffer. */
struct vrrp_advert {
	u8 version;		/* 2 or 3 */
	u8 type;		/* VRRP_TYPE_ADVERT */
	u8 vrid;		/* 0..255 as received (0 is not rejected here) */
	u8 priority;
	u8 naddr;		/* Count IP Addrs / Count IPvX Addr */
	u8 auth_type;		/* v2 only, 0 for v3 */
	u8 addr_len;		/* 4 or 16 */
	u16 interval_cs;	/* v2: Adver Int seconds * 100; v3: centiseconds */
	u16 checksum;		/* host order, as received */
	const u8 *addrs;	/* naddr * addr_len bytes; NULL if naddr == 0 */
	const u8 *auth_data;	/* v2: 8 bytes; v3: NULL */
	size_t len;		/* PDU length: header + addrs (+ auth data) */
};

/*
 * Errors, in the order the parser checks them. Positive numbers;
 * VRRP_WIRE_OK is 0.
 */
enum vrrp_wire_err {
	VRRP_WIRE_OK,
	VRRP_WIRE_ETOOSHORT,	/* shorter than the 8-byte header */
	VRRP_WIRE_EVERSION,	/* version not 2 or 3, or v2 on IPv6, bad family */
	VRRP_WIRE_ETYPE,	/* type is not ADVERTISEMENT */
	VRRP_WIRE_ELENGTH,	/* shorter than the address count implies */
	VRRP_WIRE_EINTERVAL,	/* advert interval is zero */
	VRRP_WIRE_ECHECKSUM,	/* bad checksum (vrrp_wire_check()) */
	VRRP_WIRE_EADDR,	/* no address, or (v3 IPv6) the first not link-local */
	VRRP_WIRE_EAUTHTYPE,	/* v2: unknown auth type received */
	VRRP_WIRE_EAUTHMISMATCH, /* v2: known auth type, not the configured one */
	VRRP_WIRE_EAUTH,	/* v2: auth data does not match */
	__VRRP_WIRE_EMAX
};

/* A short name for an error ("ok", "too short", "version", ...). */
const char *vrrp_wire_strerror(int err);

/* 4 for VRRP_AF4, 16 for VRRP_AF6, 0 otherwise */
static inline unsigned int vrrp_wire_addr_len(int family)
{
	if (family == VRRP_AF4)
		return VRRP_ADDR4_LEN;
	if (family == VRRP_AF6)
		return VRRP_ADDR6_LEN;
	return 0;
}

/* the i-th address of a parsed advert (i < adv->naddr) */
static inline const u8 *vrrp_wire_addr(const struct vrrp_advert *adv,
				       unsigned int i)
{
	return adv->addrs + (size_t)i * adv->addr_len;
}

/*
 * Structural parse of the PDU at @pdu (@len bytes, the whole IP payload; any
 * bytes past the PDU are ignored). Checks, in this order: header present,
 * version (2 only with IPv4), type, length against the address count,
 * non-zero interval, at least one address (RFC 9568 erratum 8299), and for
 * v3 IPv6 that the first is link-local (fe80::/10, erratum 8300). It does
 * NOT verify the checksum nor the auth data: see vrrp_wire_csum_ok() and
 * vrrp_auth_verify().
 * Fills @adv (also on some errors: fields read so far). Returns VRRP_WIRE_OK
 * or a positive enum vrrp_wire_err.
 */
int vrrp_wire_parse(const u8 *pdu, size_t len, int family,
		    struct vrrp_advert *adv);

/*
 * Checksum. @len is the PDU length (vrrp_advert.len), the sum runs over
 * exactly @len bytes (for the v3 pseudo-header, @len is also the
 * upper-layer length).
 *   v2:       over the PDU only (RFC 3768); @saddr/@daddr unused.
 *   v3 IPv6:  with the IPv6 pseudo-header (RFC 8200 8.1, next header 112);
 *             @pseudo is ignored (always on).
 *   v3 IPv4:  RFC 9568 form, over the PDU only, when @pseudo is false;
 *             with the IPv4 pseudo-header (src, dst, 0, 112, length) when
 *             @pseudo is true: the form keepalived and FRR send by default.
 * @saddr/@daddr are the IP source and destination (4 or 16 raw bytes) and
 * may be NULL when not used.
 */
bool vrrp_wire_csum_ok(const u8 *pdu, size_t len, int family, int version,
		       const u8 *saddr, const u8 *daddr, bool pseudo);

/*
 * The checksum to store, computed as if the checksum field (bytes 6-7) were
 * zero, whatever it holds. Returned in host order: store it big-endian,
 * i.e. pdu[6] = csum >> 8, pdu[7] = csum & 0xff (vrrp_wire_build() does).
 */
u16 vrrp_wire_csum(const u8 *pdu, size_t len, int family, int version,
		   const u8 *saddr, const u8 *daddr, bool pseudo);

/* parse + checksum in one call; returns an enum vrrp_wire_err */
int vrrp_wire_check(const u8 *pdu, size_t len, int family,
		    const u8 *saddr, const u8 *daddr, bool pseudo,
		    struct vrrp_advert *adv);

struct vrrp_wire_build {
	u8 version;		/* 2 or 3 */
	u8 vrid;
	u8 priority;
	u8 naddr;
	u8 auth_type;		/* v2 only: VRRP_WIRE_AUTH_*; must be 0 for v3 */
	u16 interval_cs;	/* v2: multiple of 100, 100..25500; v3: 1..4095 */
	int family;		/* VRRP_AF4 or VRRP_AF6 (v2: VRRP_AF4 only) */
	const u8 *addrs;	/* naddr * addr_len bytes */
	const u8 *key;		/* auth secret (simple: first 8 bytes used) */
	size_t keylen;
	const u8 *saddr;	/* v3 pseudo-header: IP source */
	const u8 *daddr;	/* v3 pseudo-header: IP destination */
	bool pseudo;		/* v3 IPv4: include the pseudo-header */
};

/* PDU length vrrp_wire_build() will produce, 0 if invalid family/version */
size_t vrrp_wire_pdu_len(int version, int family, unsigned int naddr);

/*
 * Builds the PDU into @buf: header, addresses, v2 auth data computed per
 * auth_type (over the header with checksum zero + addresses), and the
 * checksum last (covering the auth data). Returns the PDU length, or
 * -EINVAL (bad parameters: version/family, interval, v3 with auth, unknown
 * auth type, missing key/addrs/pseudo-header addresses) or -ENOSPC
 * (@buflen too small). Does no padding (see the top of this file).
 */
int vrrp_wire_build(u8 *buf, size_t buflen, const struct vrrp_wire_build *b);

/*
 * rVRRPd interop: bytes of Ethernet padding to append to a frame of
 * @frame_len bytes (MAC header included, no FCS) to reach 60 bytes.
 */
static inline size_t vrrp_wire_eth_pad(size_t frame_len)
{
	return frame_len < VRRP_WIRE_ETH_ZLEN ?
	       VRRP_WIRE_ETH_ZLEN - frame_len : 0;
}

/*
 * Auth data (8 bytes) for v2 auth type @type over @msg (@msglen bytes: the
 * 8-byte header, then the addresses). The checksum bytes (6-7) are taken
 * as zero whatever they hold, so @msg may be a received PDU as is.
 *   NONE:   8 zero bytes.
 *   SIMPLE: the first 8 bytes of the key, NUL-padded.
 *   P0:     first 8 bytes of HMAC-SHA256(key, msg).
 *   P1:     first 8 bytes of SHAKE256(key || msg).
 * Returns 0, or -EINVAL for an unknown type or msglen < 8.
 */
int vrrp_auth_compute(u8 type, const u8 *key, size_t keylen,
		      const u8 *msg, size_t msglen, u8 out[VRRP_AUTH_DATA_LEN]);

/*
 * v2 receive check against the configured @type and key. @pdu is the
 * buffer @adv was parsed from. Returns VRRP_WIRE_OK, VRRP_WIRE_EAUTHTYPE
 * (received type unknown), VRRP_WIRE_EAUTHMISMATCH (received type differs
 * from @type) or VRRP_WIRE_EAUTH (bad data; compared in constant time).
 * With @type NONE the received data is ignored. v3 adverts always pass
 * (RFC 9568 has no auth).
 */
int vrrp_auth_verify(const struct vrrp_advert *adv, const u8 *pdu, u8 type,
		     const u8 *key, size_t keylen);

/*
 * Known-answer self-test of build + auth (the rVRRPd vectors): 0 or
 * -EINVAL. Cheap (four 20-byte PDUs); call it once at module init.
 */
int vrrp_wire_selftest(void);

/* Constant-time compare: 0 if equal, non-zero otherwise. */
int vrrp_wire_memneq(const u8 *a, const u8 *b, size_t n);

/* primitives, exported for the tests and the tool */
#define VRRP_SHA256_LEN		32
void vrrp_hmac_sha256(const u8 *key, size_t keylen, const u8 *msg,
		      size_t msglen, u8 out[VRRP_SHA256_LEN]);
/* SHAKE256 of (@a || @b), @outlen bytes of output (any length) */
void vrrp_shake256(const u8 *a, size_t alen, const u8 *b, size_t blen,
		   u8 *out, size_t outlen);

#ifndef __KERNEL__
/* portable SHA-256 (wire_sha256.c), userspace builds only */
struct vrrp_sha256_ctx {
	u32 h[8];
	u64 nbytes;
	u8 buf[64];
};

void vrrp_sha256_init(struct vrrp_sha256_ctx *c);
void vrrp_sha256_update(struct vrrp_sha256_ctx *c, const u8 *d, size_t n);
void vrrp_sha256_final(struct vrrp_sha256_ctx *c, u8 out[VRRP_SHA256_LEN]);
#endif

#endif /* _VRRP_WIRE_H */
