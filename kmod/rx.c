// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: receive. One global IP protocol 112 handler for IPv4 and IPv6; the
 * netns comes from the receiving device. Raw sockets (tcpdump, keepalived)
 * get their copies before this handler runs.
 */
#include <linux/igmp.h>
#include <linux/inetdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/addrconf.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/protocol.h>

#include "core.h"
#include "wire.h"

#define VRRP_MC4	htonl(0xe0000012)

static const struct in6_addr vrrp_mc6 = {
	.s6_addr = { 0xff, 0x02, [15] = 0x12 }
};

static bool vrrp_addrs_match(const struct vrrp_cfg *cfg,
			     const struct vrrp_advert *adv)
{
	unsigned int alen = adv->addr_len, i, j;

	if (adv->naddr != cfg->n_adv)
		return false;
	if (!adv->naddr || !memcmp(adv->addrs, cfg->adv_addrs,
				   (size_t)adv->naddr * alen))
		return true;
	for (i = 0; i < adv->naddr; i++) {
		for (j = 0; j < cfg->n_adv; j++)
			if (!memcmp(vrrp_wire_addr(adv, i),
				    cfg->adv_addrs + j * alen, alen))
				break;
		if (j == cfg->n_adv)
			return false;
	}
	return true;
}

static bool vrrp_from_peer(const struct vrrp_cfg *cfg, u8 family,
			   const union vrrp_addr *saddr)
{
	int i;

	for (i = 0; i < cfg->n_peers; i++)
		if (!memcmp(&cfg->peers[i], saddr, vrrp_addr_len(family)))
			return true;
	return false;
}

/* Per-VR checks, then the state machine. Under RCU. */
static void vrrp_rx_vr(struct vrrp_vr *vr, const u8 *pdu,
		       const struct vrrp_advert *adv, u8 ttl,
		       const union vrrp_addr *saddr)
{
	struct vrrp_stats *st = &vr->stats;
	struct vrrp_cfg *cfg;
	union vrrp_addr mine;
	int err;

	spin_lock(&vr->lock);
	if (vr->dead)
		goto out;
	cfg = vrrp_cfg_locked(vr);
	if (ttl != VRRP_TTL) {
		st->ttl_errors++;
		st->proto_err_reason = VRRP_PER_IP_TTL_ERROR;
		goto out;
	}
	if (adv->version != cfg->p.version) {
		atomic64_inc(&vr->vn->gstats.version_errors);
		st->proto_err_reason = VRRP_PER_VERSION_ERROR;
		goto out;
	}
	if (cfg->n_peers && !vrrp_from_peer(cfg, vr->family, saddr)) {
		st->peer_errors++;
		goto out;
	}
	/* our own advert coming back (loops, bridges) */
	if (vrrp_tx_primary(vr, &mine) &&
	    !memcmp(&mine, saddr, vrrp_addr_len(vr->family)))
		goto out;
	if (adv->version == 2) {
		err = vrrp_auth_verify(adv, pdu, cfg->p.auth_type,
				       cfg->p.auth_key, cfg->p.auth_key_len);
		switch (err) {
		case VRRP_WIRE_OK:
			break;
		case VRRP_WIRE_EAUTHTYPE:
			st->invalid_auth_type++;
			goto out;
		case VRRP_WIRE_EAUTHMISMATCH:
			st->auth_type_mismatch++;
			goto out;
		default:
			st->auth_failures++;
			goto out;
		}
		if (adv->interval_cs != cfg->p.advert_int) {
			st->advert_int_errors++;
			goto out;
		}
	}
	if (!vrrp_addrs_match(cfg, adv)) {
		st->addr_list_errors++;
		/* RFC 3768 7.1: drop unless sent by the address owner */
		if (adv->version == 2 && adv->priority != VRRP_OWNER_PRIORITY)
			goto out;
	}
	vrrp_fsm_rx(vr, adv->priority, adv->interval_cs, saddr);
out:
	spin_unlock(&vr->lock);
}

static void vrrp_rx_err(struct vrrp_net *vn, int ifindex, u8 family,
			const u8 *pdu, size_t len, int err)
{
	struct vrrp_vr *vr;

	if (err == VRRP_WIRE_EVERSION) {
		atomic64_inc(&vn->gstats.version_errors);
		return;
	}
	if (len < 2) {
		/* too short to hold a checksum, let alone a VRID */
		atomic64_inc(&vn->gstats.checksum_errors);
		return;
	}
	vr = vrrp_vr_lookup_rcu(vn, ifindex, family, pdu[1]);
	if (!vr) {
		atomic64_inc(&vn->gstats.vrid_errors);
		return;
	}
	spin_lock(&vr->lock);
	switch (err) {
	case VRRP_WIRE_ETYPE:
		vr->stats.invalid_type++;
		break;
	case VRRP_WIRE_EINTERVAL:
		vr->stats.advert_int_errors++;
		break;
	case VRRP_WIRE_EADDR:
		vr->stats.addr_list_errors++;
		break;
	default:
		vr->stats.length_errors++;
		break;
	}
	spin_unlock(&vr->lock);
}

static void vrrp_rx(struct sk_buff *skb, u8 family, u8 ttl,
		    const union vrrp_addr *saddr, const union vrrp_addr *daddr)
{
	struct net_device *dev = skb->dev;
	struct vrrp_net *vn = vrrp_net(dev_net(dev));
	int wfam = family == AF_INET ? VRRP_AF4 : VRRP_AF6;
	struct vrrp_advert adv;
	struct vrrp_vr *vr;
	const u8 *pdu;
	size_t len;
	int err;

	if (skb_linearize(skb))
		return;
	pdu = skb->data;
	len = skb->len;

	err = vrrp_wire_parse(pdu, len, wfam, &adv);
	if (err) {
		vrrp_rx_err(vn, dev->ifindex, family, pdu, len, err);
		return;
	}
	/* v3 IPv4: accept both checksum forms, whatever we send */
	if (!vrrp_wire_csum_ok(pdu, adv.len, wfam, adv.version, saddr->b,
			       daddr->b, false) &&
	    !(family == AF_INET && adv.version == 3 &&
	      vrrp_wire_csum_ok(pdu, adv.len, wfam, adv.version, saddr->b,
				daddr->b, true))) {
		atomic64_inc(&vn->gstats.checksum_errors);
		return;
	}
	vr = vrrp_vr_lookup_rcu(vn, dev->ifindex, family, adv.vrid);
	if (!vr) {
		atomic64_inc(&vn->gstats.vrid_errors);
		return;
	}
	vrrp_rx_vr(vr, pdu, &adv, ttl, saddr);
}

static int vrrp_rcv4(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	union vrrp_addr saddr = {}, daddr = {};

	saddr.ip4 = iph->saddr;
	daddr.ip4 = iph->daddr;
	rcu_read_lock();
	vrrp_rx(skb, AF_INET, iph->ttl, &saddr, &daddr);
	rcu_read_unlock();
	consume_skb(skb);
	return 0;
}

static int vrrp_rcv6(struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	union vrrp_addr saddr = {}, daddr = {};

	saddr.ip6 = ip6h->saddr;
	daddr.ip6 = ip6h->daddr;
	rcu_read_lock();
	vrrp_rx(skb, AF_INET6, ip6h->hop_limit, &saddr, &daddr);
	rcu_read_unlock();
	consume_skb(skb);
	return 0;
}

static const struct net_protocol vrrp_protocol4 = {
	.handler = vrrp_rcv4,
	.no_policy = 1,
};

static const struct inet6_protocol vrrp_protocol6 = {
	.handler = vrrp_rcv6,
	.flags = INET6_PROTO_NOPOLICY | INET6_PROTO_FINAL,
};

/* Under RTNL. */
int vrrp_rx_join(struct vrrp_vr *vr, struct net_device *dev)
{
	struct in_device *in_dev;

	ASSERT_RTNL();
	if (vr->family == AF_INET) {
		in_dev = __in_dev_get_rtnl(dev);
		if (!in_dev)
			return -ENODEV;
		ip_mc_inc_group(in_dev, VRRP_MC4);
		return 0;
	}
	return ipv6_dev_mc_inc(dev, &vrrp_mc6);
}

void vrrp_rx_leave(struct vrrp_vr *vr, struct net_device *dev)
{
	struct in_device *in_dev;

	ASSERT_RTNL();
	if (vr->family == AF_INET) {
		in_dev = __in_dev_get_rtnl(dev);
		if (in_dev)
			ip_mc_dec_group(in_dev, VRRP_MC4);
		return;
	}
	ipv6_dev_mc_dec(dev, &vrrp_mc6);
}

int vrrp_rx_init(void)
{
	int err;

	err = inet_add_protocol(&vrrp_protocol4, VRRP_IPPROTO);
	if (err)
		return -EBUSY;
	err = inet6_add_protocol(&vrrp_protocol6, VRRP_IPPROTO);
	if (err) {
		inet_del_protocol(&vrrp_protocol4, VRRP_IPPROTO);
		return -EBUSY;
	}
	return 0;
}

void vrrp_rx_exit(void)
{
	inet6_del_protocol(&vrrp_protocol6, VRRP_IPPROTO);
	inet_del_protocol(&vrrp_protocol4, VRRP_IPPROTO);
	synchronize_net();
}
