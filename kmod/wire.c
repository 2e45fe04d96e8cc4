// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: advert codec: parse, validate, checksum and build VRRP PDUs.
 * See wire.h for the contract. No kernel dependencies.
 */
#include "wire.h"

#ifndef __KERNEL__
#include <string.h>
#else
#include <linux/string.h>
#endif

static const char * const vrrp_wire_errstr[__VRRP_WIRE_EMAX] = {
	[VRRP_WIRE_OK]			= "ok",
	[VRRP_WIRE_ETOOSHORT]		= "too short",
	[VRRP_WIRE_EVERSION]		= "bad version",
	[VRRP_WIRE_ETYPE]		= "bad type",
	[VRRP_WIRE_ELENGTH]		= "length less than address count implies",
	[VRRP_WIRE_EINTERVAL]		= "zero advert interval",
	[VRRP_WIRE_ECHECKSUM]		= "bad checksum",
	[VRRP_WIRE_EADDR]		= "bad address list",
	[VRRP_WIRE_EAUTHTYPE]		= "invalid auth type",
	[VRRP_WIRE_EAUTHMISMATCH]	= "auth type mismatch",
	[VRRP_WIRE_EAUTH]		= "auth failure",
};

const char *vrrp_wire_strerror(int err)
{
	if (err < 0 || err >= __VRRP_WIRE_EMAX)
		return "unknown error";
	return vrrp_wire_errstr[err];
}

size_t vrrp_wire_pdu_len(int version, int family, unsigned int naddr)
{
	unsigned int alen = vrrp_wire_addr_len(family);

	if (!alen || naddr > 255)
		return 0;
	if (version == 2) {
		if (family != VRRP_AF4)
			return 0;
		return VRRP_HDR_LEN + (size_t)naddr * alen + VRRP_AUTH_DATA_LEN;
	}
	if (version == 3)
		return VRRP_HDR_LEN + (size_t)naddr * alen;
	return 0;
}

int vrrp_wire_parse(const u8 *pdu, size_t len, int family,
		    struct vrrp_advert *adv)
{
	unsigned int alen = vrrp_wire_addr_len(family);
	size_t need;

	memset(adv, 0, sizeof(*adv));
	if (len < VRRP_HDR_LEN)
		return VRRP_WIRE_ETOOSHORT;

	adv->version = pdu[0] >> 4;
	adv->type = pdu[0] & 0x0f;
	adv->vrid = pdu[1];
	adv->priority = pdu[2];
	adv->naddr = pdu[3];
	adv->addr_len = alen;
	adv->checksum = (u16)(pdu[6] << 8 | pdu[7]);

	if (!alen)
		return VRRP_WIRE_EVERSION;
	if (adv->version == 2) {
		if (family != VRRP_AF4)
			return VRRP_WIRE_EVERSION;
		adv->auth_type = pdu[4];
		adv->interval_cs = (u16)(pdu[5] * 100);
	} else if (adv->version == 3) {
		/* the 4 reserved bits are ignored on receive */
		adv->interval_cs = (u16)((pdu[4] & 0x0f) << 8 | pdu[5]);
	} else {
		return VRRP_WIRE_EVERSION;
	}

	if (adv->type != VRRP_TYPE_ADVERT)
		return VRRP_WIRE_ETYPE;

	need = vrrp_wire_pdu_len(adv->version, family, adv->naddr);
	if (len < need)
		return VRRP_WIRE_ELENGTH;
	adv->len = need;
	if (adv->naddr)
		adv->addrs = pdu + VRRP_HDR_LEN;
	if (adv->version == 2)
		adv->auth_data = pdu + VRRP_HDR_LEN + (size_t)adv->naddr * alen;

	if (!adv->interval_cs)
		return VRRP_WIRE_EINTERVAL;

	/* RFC 9568 5.2.5 and erratum 8299: at least one address */
	if (!adv->naddr)
		return VRRP_WIRE_EADDR;
	/* erratum 8300: for IPv6, the first address is a link-local one */
	if (adv->version == 3 && family == VRRP_AF6 &&
	    (adv->addrs[0] != 0xfe || (adv->addrs[1] & 0xc0) != 0x80))
		return VRRP_WIRE_EADDR;
	return VRRP_WIRE_OK;
}

/* RFC 1071 sum of big-endian 16-bit words; odd length padded with zero */
static u64 vrrp_sum(u64 sum, const u8 *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (u32)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (u32)p[len - 1] << 8;
	return sum;
}

static u16 vrrp_fold(u64 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)sum;
}

static bool vrrp_wire_use_pseudo(int family, int version, bool pseudo)
{
	if (version != 3)
		return false;
	return family == VRRP_AF6 || pseudo;
}

static u64 vrrp_pseudo_sum(size_t len, int family, const u8 *saddr,
			   const u8 *daddr)
{
	unsigned int alen = vrrp_wire_addr_len(family);
	u64 sum = 0;

	if (saddr)
		sum = vrrp_sum(sum, saddr, alen);
	if (daddr)
		sum = vrrp_sum(sum, daddr, alen);
	/* IPv4: zero, protocol, 16-bit length; IPv6: 32-bit length, next hdr */
	sum += VRRP_IPPROTO;
	sum += (u64)(len & 0xffff) + (u64)(len >> 16 & 0xffff);
	return sum;
}

u16 vrrp_wire_csum(const u8 *pdu, size_t len, int family, int version,
		   const u8 *saddr, const u8 *daddr, bool pseudo)
{
	u64 sum = 0;

	if (vrrp_wire_use_pseudo(family, version, pseudo))
		sum = vrrp_pseudo_sum(len, family, saddr, daddr);
	if (len <= 6)
		return (u16)~vrrp_fold(vrrp_sum(sum, pdu, len));
	/* bytes 6-7 (the checksum field) count as zero */
	sum = vrrp_sum(sum, pdu, 6);
	if (len > 8)
		sum = vrrp_sum(sum, pdu + 8, len - 8);
	return (u16)~vrrp_fold(sum);
}

bool vrrp_wire_csum_ok(const u8 *pdu, size_t len, int family, int version,
		       const u8 *saddr, const u8 *daddr, bool pseudo)
{
	u64 sum = 0;

	if (vrrp_wire_use_pseudo(family, version, pseudo)) {
		if (!saddr || !daddr)
			return false;
		sum = vrrp_pseudo_sum(len, family, saddr, daddr);
	}
	return vrrp_fold(vrrp_sum(sum, pdu, len)) == 0xffff;
}

int vrrp_wire_check(const u8 *pdu, size_t len, int family,
		    const u8 *saddr, const u8 *daddr, bool pseudo,
		    struct vrrp_advert *adv)
{
	int err = vrrp_wire_parse(pdu, len, family, adv);

	/* the checksum is verified before the address list (RFC order) */
	if (err != VRRP_WIRE_OK && err != VRRP_WIRE_EADDR)
		return err;
	if (!vrrp_wire_csum_ok(pdu, adv->len, family, adv->version,
			       saddr, daddr, pseudo))
		return VRRP_WIRE_ECHECKSUM;
	return err;
}

static bool vrrp_wire_auth_known(u8 type)
{
	return type == VRRP_WIRE_AUTH_NONE || type == VRRP_WIRE_AUTH_SIMPLE ||
	       type == VRRP_WIRE_AUTH_P0 || type == VRRP_WIRE_AUTH_P1;
}

static int vrrp_wire_build_check(const struct vrrp_wire_build *b)
{
	if (!vrrp_wire_pdu_len(b->version, b->family, b->naddr))
		return -EINVAL;
	if (b->naddr && !b->addrs)
		return -EINVAL;
	if (b->version == 2) {
		if (b->interval_cs % 100 || !b->interval_cs ||
		    b->interval_cs / 100 > VRRP_V2_INTERVAL_MAX)
			return -EINVAL;
		if (!vrrp_wire_auth_known(b->auth_type))
			return -EINVAL;
		if (b->auth_type != VRRP_WIRE_AUTH_NONE && b->keylen && !b->key)
			return -EINVAL;
	} else {
		if (!b->interval_cs || b->interval_cs > VRRP_V3_INTERVAL_MAX)
			return -EINVAL;
		if (b->auth_type != VRRP_WIRE_AUTH_NONE)
			return -EINVAL;
		if (vrrp_wire_use_pseudo(b->family, 3, b->pseudo) &&
		    (!b->saddr || !b->daddr))
			return -EINVAL;
	}
	return 0;
}

int vrrp_wire_build(u8 *buf, size_t buflen, const struct vrrp_wire_build *b)
{
	unsigned int alen = vrrp_wire_addr_len(b->family);
	size_t len, alist;
	u16 csum;
	int err;

	err = vrrp_wire_build_check(b);
	if (err)
		return err;
	len = vrrp_wire_pdu_len(b->version, b->family, b->naddr);
	if (buflen < len)
		return -ENOSPC;

	alist = (size_t)b->naddr * alen;
	buf[0] = (u8)(b->version << 4 | VRRP_TYPE_ADVERT);
	buf[1] = b->vrid;
	buf[2] = b->priority;
	buf[3] = b->naddr;
	if (b->version == 2) {
		buf[4] = b->auth_type;
		buf[5] = (u8)(b->interval_cs / 100);
	} else {
		buf[4] = (u8)(b->interval_cs >> 8 & 0x0f);
		buf[5] = (u8)(b->interval_cs & 0xff);
	}
	buf[6] = 0;
	buf[7] = 0;
	if (alist)
		memcpy(buf + VRRP_HDR_LEN, b->addrs, alist);
	if (b->version == 2) {
		err = vrrp_auth_compute(b->auth_type, b->key, b->keylen, buf,
					VRRP_HDR_LEN + alist,
					buf + VRRP_HDR_LEN + alist);
		if (err)
			return err;
	}
	csum = vrrp_wire_csum(buf, len, b->family, b->version, b->saddr,
			      b->daddr, b->pseudo);
	buf[6] = (u8)(csum >> 8);
	buf[7] = (u8)(csum & 0xff);
	return (int)len;
}
