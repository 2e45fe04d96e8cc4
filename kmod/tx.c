// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: transmit. Adverts with the VMAC as Ethernet source, gratuitous ARP
 * and unsolicited neighbour advertisements. Called with vr->lock held, in
 * softirq or with BH disabled.
 */
#include <linux/etherdevice.h>
#include <linux/icmpv6.h>
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/pkt_sched.h>
#include <net/addrconf.h>
#include <net/arp.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ndisc.h>
#include <net/route.h>

#include "core.h"
#include "wire.h"

static const struct in6_addr vrrp_mc6 = {
	.s6_addr = { 0xff, 0x02, [15] = 0x12 }
};

static const struct in6_addr vrrp_all_nodes = {
	.s6_addr = { 0xff, 0x02, [15] = 0x01 }
};

#define VRRP_MC4	htonl(0xe0000012)

void vrrp_vmac(u8 family, u8 vrid, u8 *mac)
{
	mac[0] = 0x00;
	mac[1] = 0x00;
	mac[2] = 0x5e;
	mac[3] = 0x00;
	mac[4] = family == AF_INET6 ? 0x02 : 0x01;
	mac[5] = vrid;
}

/*
 * Our primary address on the VR's interface: the first primary IPv4
 * address, or the first link-local IPv6 address, that is not a VIP.
 */
bool vrrp_tx_primary(struct vrrp_vr *vr, const struct vrrp_cfg *cfg,
		     union vrrp_addr *out)
{
	struct net_device *dev = vr->dev;
	bool found = false;

	memset(out, 0, sizeof(*out));
	if (!dev)
		return false;
	rcu_read_lock();
	if (vr->family == AF_INET) {
		struct in_device *in_dev = __in_dev_get_rcu(dev);
		const struct in_ifaddr *ifa;
		__be32 any = 0;

		if (in_dev) {
			in_dev_for_each_ifa_rcu(ifa, in_dev) {
				if (ifa->ifa_flags & IFA_F_SECONDARY)
					continue;
				if (!any)
					any = ifa->ifa_local;
				if (vrrp_cfg_has_addr(cfg, AF_INET, &ifa->ifa_local))
					continue;
				out->ip4 = ifa->ifa_local;
				found = true;
				break;
			}
		}
		if (!found && any) {
			out->ip4 = any;
			found = true;
		}
	} else {
		struct inet6_dev *idev = __in6_dev_get(dev);
		struct inet6_ifaddr *ifp;

		if (idev) {
			read_lock_bh(&idev->lock);
			list_for_each_entry_reverse(ifp, &idev->addr_list,
						    if_list) {
				if (!(ipv6_addr_type(&ifp->addr) &
				      IPV6_ADDR_LINKLOCAL))
					continue;
				if (ifp->flags & IFA_F_TENTATIVE)
					continue;
				if (vrrp_cfg_has_addr(cfg, AF_INET6, &ifp->addr))
					continue;
				out->ip6 = ifp->addr;
				found = true;
				break;
			}
			read_unlock_bh(&idev->lock);
		}
	}
	rcu_read_unlock();
	return found;
}

static const u8 *vrrp_src_mac(struct vrrp_vr *vr, const struct vrrp_cfg *cfg,
			      u8 *buf)
{
	if (cfg->p.vmac_mode == VRRP_VMAC_NONE)
		return vr->dev->dev_addr;
	vrrp_vmac(vr->family, vr->vrid, buf);
	return buf;
}

static struct sk_buff *vrrp_alloc(struct net_device *dev, unsigned int len)
{
	struct sk_buff *skb;
	int hlen = LL_RESERVED_SPACE(dev);

	skb = alloc_skb(hlen + len + dev->needed_tailroom + ETH_ZLEN,
			GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, hlen);
	skb_reset_network_header(skb);
	skb->dev = dev;
	skb->priority = TC_PRIO_CONTROL;
	return skb;
}

/* Ethernet header, padding to the 60-byte minimum, and out */
static int vrrp_xmit_l2(struct sk_buff *skb, u16 proto, const u8 *dst,
			const u8 *src)
{
	skb->protocol = htons(proto);
	if (dev_hard_header(skb, skb->dev, proto, dst, src, skb->len) < 0) {
		kfree_skb(skb);
		return -EINVAL;
	}
	skb_reset_mac_header(skb);
	if (skb_put_padto(skb, ETH_ZLEN))
		return -ENOMEM;
	return dev_queue_xmit(skb);
}

/* a usable link-layer address for @n; asks a stale entry to be confirmed */
static bool vrrp_neigh_mac(struct neighbour *n, u8 *mac)
{
	u8 nud = READ_ONCE(n->nud_state);

	if (!(nud & NUD_VALID))
		return false;
	neigh_ha_snapshot(mac, n, n->dev);
	if (!(nud & NUD_CONNECTED))
		neigh_event_send(n, NULL);
	return true;
}

/*
 * Unicast to a peer: the stack routes it. With a VMAC the frame must still
 * leave from the VMAC, so when the next hop's neighbour entry is usable the
 * Ethernet header is built here; otherwise this advert goes through the
 * neighbour layer (from the interface's MAC), which resolves the next hop
 * for the following ones.
 */
static int vrrp_xmit_routed(struct vrrp_vr *vr, struct sk_buff *skb,
			    const union vrrp_addr *dst, const u8 *smac)
{
	const struct in6_addr *nh6;
	struct neighbour *n = NULL;
	struct dst_entry *d;
	u8 mac[ETH_ALEN];
	bool l2 = false;

	/* the neighbour tables want rcu_read_lock(); BH is already off */
	rcu_read_lock();
	if (vr->family == AF_INET) {
		struct flowi4 fl4 = {
			.daddr = dst->ip4,
			.flowi4_oif = vr->ifindex,
			.flowi4_proto = VRRP_IPPROTO,
		};
		struct rtable *rt = ip_route_output_key(vr->net, &fl4);
		__be32 nh = dst->ip4;

		if (IS_ERR(rt)) {
			rcu_read_unlock();
			kfree_skb(skb);
			return PTR_ERR(rt);
		}
		d = &rt->dst;
		if (rt->rt_gw_family == AF_INET)
			nh = rt->rt_gw4;
		if (smac && rt->rt_gw_family != AF_INET6)
			n = __ipv4_neigh_lookup_noref(d->dev, (__force u32)nh);
	} else {
		struct flowi6 fl6 = {
			.daddr = dst->ip6,
			.flowi6_oif = vr->ifindex,
			.flowi6_proto = VRRP_IPPROTO,
		};
		int err;

		d = ip6_route_output(vr->net, NULL, &fl6);
		err = d->error;
		if (err) {
			rcu_read_unlock();
			dst_release(d);
			kfree_skb(skb);
			return err;
		}
		if (smac) {
			nh6 = rt6_nexthop((struct rt6_info *)d, &dst->ip6);
			n = __ipv6_neigh_lookup_noref(d->dev, nh6);
		}
	}
	if (n && d->dev == vr->dev)
		l2 = vrrp_neigh_mac(n, mac);
	rcu_read_unlock();

	if (l2) {
		dst_release(d);
		return vrrp_xmit_l2(skb, vr->family == AF_INET ? ETH_P_IP :
				    ETH_P_IPV6, mac, smac);
	}
	skb_dst_set(skb, d);
	if (vr->family == AF_INET) {
		skb->protocol = htons(ETH_P_IP);
		return ip_local_out(vr->net, NULL, skb);
	}
	skb->protocol = htons(ETH_P_IPV6);
	return ip6_local_out(vr->net, NULL, skb);
}

/* the IPv4 or IPv6 header of an advert in @skb, and its group's MAC */
static void vrrp_tx_iphdr(struct sk_buff *skb, int family, unsigned int pdu_len,
			  const union vrrp_addr *src,
			  const union vrrp_addr *dst, u8 *dmac)
{
	if (family == AF_INET) {
		struct iphdr *iph = ip_hdr(skb);

		iph->version = 4;
		iph->ihl = 5;
		iph->tos = VRRP_TOS;
		iph->tot_len = htons(sizeof(*iph) + pdu_len);
		iph->id = 0;
		iph->frag_off = 0;
		iph->ttl = VRRP_TTL;
		iph->protocol = VRRP_IPPROTO;
		iph->saddr = src->ip4;
		iph->daddr = dst->ip4;
		ip_send_check(iph);
		ip_eth_mc_map(dst->ip4, dmac);
	} else {
		struct ipv6hdr *ip6h = ipv6_hdr(skb);

		ip6_flow_hdr(ip6h, VRRP_TOS, 0);
		ip6h->payload_len = htons(pdu_len);
		ip6h->nexthdr = VRRP_IPPROTO;
		ip6h->hop_limit = VRRP_TTL;
		ip6h->saddr = src->ip6;
		ip6h->daddr = dst->ip6;
		ipv6_eth_mc_map(&dst->ip6, dmac);
	}
}

static int vrrp_tx_one(struct vrrp_vr *vr, const struct vrrp_cfg *cfg,
		       u8 prio, const union vrrp_addr *src,
		       const union vrrp_addr *dst, bool mcast)
{
	struct net_device *dev = vr->dev;
	struct vrrp_wire_build b = {};
	unsigned int iplen, pdu_len;
	u8 smac_buf[ETH_ALEN], dmac[ETH_ALEN];
	struct sk_buff *skb;
	u8 *pdu;
	int ret;

	iplen = vr->family == AF_INET ? sizeof(struct iphdr) :
		sizeof(struct ipv6hdr);
	pdu_len = vrrp_wire_pdu_len(cfg->p.version,
				    vr->family == AF_INET ? VRRP_AF4 : VRRP_AF6,
				    cfg->n_adv);
	if (!pdu_len)
		return -EINVAL;
	skb = vrrp_alloc(dev, iplen + pdu_len);
	if (!skb)
		return -ENOMEM;
	skb_put(skb, iplen);
	skb_set_transport_header(skb, iplen);
	pdu = skb_put(skb, pdu_len);

	b.version = cfg->p.version;
	b.vrid = vr->vrid;
	b.priority = prio;
	b.naddr = cfg->n_adv;
	b.auth_type = cfg->p.version == 2 ? cfg->p.auth_type : 0;
	b.interval_cs = cfg->p.advert_int;
	b.family = vr->family == AF_INET ? VRRP_AF4 : VRRP_AF6;
	b.addrs = cfg->adv_addrs;
	b.key = cfg->p.auth_key;
	b.keylen = cfg->p.auth_key_len;
	b.saddr = src->b;
	b.daddr = dst->b;
	b.pseudo = !vr->csum_rfc;
	ret = vrrp_wire_build(pdu, pdu_len, &b);
	if (ret < 0) {
		kfree_skb(skb);
		return ret;
	}

	vrrp_tx_iphdr(skb, vr->family, pdu_len, src, dst, dmac);

	if (!mcast)
		ret = vrrp_xmit_routed(vr, skb, dst, vrrp_vmac_used(cfg) ?
				       vrrp_src_mac(vr, cfg, smac_buf) : NULL);
	else
		ret = vrrp_xmit_l2(skb, vr->family == AF_INET ? ETH_P_IP :
				   ETH_P_IPV6, dmac,
				   vrrp_src_mac(vr, cfg, smac_buf));
	if (ret == NET_XMIT_SUCCESS)
		vr->stats.tx_adverts++;
	return ret == NET_XMIT_SUCCESS ? 0 : -ENOBUFS;
}

/* Under vr->lock, with the cfg to advertise. Returns 0 once sent. */
int vrrp_tx_advert(struct vrrp_vr *vr, const struct vrrp_cfg *cfg, u8 prio)
{
	union vrrp_addr src, dst;
	int i, ret;

	if (!vr->dev || !netif_running(vr->dev))
		return -ENETDOWN;
	if (!vrrp_tx_primary(vr, cfg, &src))
		return -EADDRNOTAVAIL;
	/* with unicast peers: sent once it reached one of them */
	if (cfg->n_peers) {
		ret = -ENOBUFS;
		for (i = 0; i < cfg->n_peers; i++)
			if (!vrrp_tx_one(vr, cfg, prio, &src, &cfg->peers[i],
					 false))
				ret = 0;
		return ret;
	}
	memset(&dst, 0, sizeof(dst));
	if (vr->family == AF_INET)
		dst.ip4 = VRRP_MC4;
	else
		dst.ip6 = vrrp_mc6;
	return vrrp_tx_one(vr, cfg, prio, &src, &dst, true);
}

/* Neighbour advertisement for @target with the VMAC as TLLA. */
int vrrp_tx_na(struct net_device *dev, const u8 *mac,
	       const struct in6_addr *saddr, const struct in6_addr *daddr,
	       const struct in6_addr *target, bool solicited, const u8 *dmac)
{
	unsigned int icmplen = sizeof(struct nd_msg) + 8;
	struct ipv6hdr *ip6h;
	struct sk_buff *skb;
	struct nd_msg *msg;
	u8 *opt;

	skb = vrrp_alloc(dev, sizeof(*ip6h) + icmplen);
	if (!skb)
		return -ENOMEM;
	ip6h = skb_put(skb, sizeof(*ip6h));
	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->payload_len = htons(icmplen);
	ip6h->nexthdr = IPPROTO_ICMPV6;
	ip6h->hop_limit = 255;
	ip6h->saddr = *saddr;
	ip6h->daddr = *daddr;
	skb_set_transport_header(skb, sizeof(*ip6h));
	msg = skb_put_zero(skb, icmplen);
	msg->icmph.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	msg->icmph.icmp6_router = 1;
	msg->icmph.icmp6_override = 1;
	msg->icmph.icmp6_solicited = solicited;
	msg->target = *target;
	opt = msg->opt;
	opt[0] = ND_OPT_TARGET_LL_ADDR;
	opt[1] = 1;
	memcpy(opt + 2, mac, ETH_ALEN);
	msg->icmph.icmp6_cksum = csum_ipv6_magic(saddr, daddr, icmplen,
						 IPPROTO_ICMPV6,
						 csum_partial(msg, icmplen, 0));
	return vrrp_xmit_l2(skb, ETH_P_IPV6, dmac, mac);
}

/*
 * Gratuitous ARP / unsolicited NA for every VIP: RFC 9568 6.4.1 and 6.4.2
 * put the Virtual Router MAC in the sender and in the target link-layer
 * address (the interface's MAC in no-VMAC mode).
 */
void vrrp_tx_garps(struct vrrp_vr *vr, const struct vrrp_cfg *cfg)
{
	struct net_device *dev = vr->dev;
	u8 smac_buf[ETH_ALEN], dmac[ETH_ALEN];
	const u8 *smac;
	union vrrp_addr src;
	struct sk_buff *skb;
	int i;

	if (!dev || !netif_running(dev))
		return;
	smac = vrrp_src_mac(vr, cfg, smac_buf);
	if (vr->family == AF_INET) {
		for (i = 0; i < cfg->n_vips; i++) {
			__be32 vip = cfg->vips[i].addr.ip4;

			skb = arp_create(ARPOP_REQUEST, ETH_P_ARP, vip, dev, vip,
					 NULL, smac, smac);
			if (skb)
				arp_xmit(skb);
		}
		return;
	}
	if (!vrrp_tx_primary(vr, cfg, &src))
		return;
	ipv6_eth_mc_map(&vrrp_all_nodes, dmac);
	for (i = 0; i < cfg->n_adv; i++)
		vrrp_tx_na(dev, smac, &src.ip6, &vrrp_all_nodes,
			   (const struct in6_addr *)(cfg->adv_addrs + 16 * i),
			   false, dmac);
}
