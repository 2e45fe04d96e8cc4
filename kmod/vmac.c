// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: virtual MAC modes.
 *
 * Default mode: the VMAC is a secondary unicast address of the parent
 * (dev_uc_add, done by the work while Master). A netfilter NETDEV ingress
 * hook on the parent, which does not compete for the rx_handler slot:
 * - marks frames sent to a Master's VMAC PACKET_HOST (they arrive as
 *   PACKET_OTHERHOST);
 * - answers ARP requests and neighbour solicitations for a Master's VIPs
 *   with the VMAC and drops them, so the parent does not answer with its
 *   own MAC (RFC 9568 8.1.2, 8.2.2).
 * ARP and ND that the stack itself sends from a VIP get the VMAC as their
 * link-layer address (ARP_OUT and IPv6 LOCAL_OUT hooks).
 * macvlan mode: a macvlan vif named vifname carries the VMAC and the VIPs.
 * No-VMAC mode: the parent's own MAC.
 * Accept mode is enforced for every mode by the guard (vip.c).
 *
 * One ingress hook per parent device, shared by its VRs, holding the
 * device; the hooks are under RTNL, and a device that is unregistered
 * loses its hook at once (vrrp_hook_dev_gone()).
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_macvlan.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/module.h>
#include <linux/netfilter.h>
#include <linux/netfilter_arp.h>
#include <linux/netfilter_netdev.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/arp.h>
#include <net/ip6_checksum.h>
#include <net/if_inet6.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "core.h"

struct vrrp_hook {
	struct list_head list;
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	int users;
	struct nf_hook_ops ops;
};

bool vrrp_vmac_used(const struct vrrp_cfg *cfg)
{
	return cfg->p.vmac_mode != VRRP_VMAC_NONE;
}

/* a VMAC: 00:00:5e:00:01:VRID (IPv4) or :02: (IPv6); the family */
static u8 vrrp_vmac_family(const u8 *mac)
{
	if (mac[0] || mac[1] || mac[2] != 0x5e || mac[3] || !mac[5])
		return 0;
	return mac[4] == 1 ? AF_INET : mac[4] == 2 ? AF_INET6 : 0;
}

/* the Master, with a VMAC, of @addr on @dev; or NULL. Under RCU. */
static struct vrrp_vr *vrrp_vmac_master(struct vrrp_net *vn,
					struct net_device *dev, u8 family,
					const void *addr)
{
	struct vrrp_vr *vr = vrrp_vip_lookup(vn, dev->ifindex, family, addr);

	if (!vr || READ_ONCE(vr->state) != VRRP_STATE_MASTER ||
	    !vrrp_vmac_used(rcu_dereference(vr->cfg)))
		return NULL;
	return vr;
}

static unsigned int vrrp_ingress_arp(struct vrrp_net *vn, struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	const struct arphdr *arp;
	struct vrrp_vr *vr;
	struct sk_buff *rep;
	u8 sha[ETH_ALEN], vmac[ETH_ALEN];
	const u8 *p;
	__be32 sip, tip;

	if (!pskb_may_pull(skb, arp_hdr_len(dev)))
		return NF_ACCEPT;
	arp = arp_hdr(skb);
	if (arp->ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->ar_pro != htons(ETH_P_IP) || arp->ar_hln != ETH_ALEN ||
	    arp->ar_pln != 4 || arp->ar_op != htons(ARPOP_REQUEST))
		return NF_ACCEPT;
	p = (const u8 *)(arp + 1);
	ether_addr_copy(sha, p);
	memcpy(&sip, p + ETH_ALEN, 4);
	memcpy(&tip, p + 2 * ETH_ALEN + 4, 4);
	if (sip == tip)		/* a gratuitous ARP, not a question */
		return NF_ACCEPT;
	vr = vrrp_vmac_master(vn, dev, AF_INET, &tip);
	if (!vr)
		return NF_ACCEPT;
	vrrp_vmac(AF_INET, vr->vrid, vmac);
	rep = arp_create(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha, vmac, sha);
	if (rep)
		arp_xmit(rep);
	return NF_DROP;
}

/* a neighbour solicitation for a VIP: answer with the VMAC */
static unsigned int vrrp_ingress_ns(struct vrrp_net *vn, struct sk_buff *skb,
				    const u8 *smac)
{
	const struct ipv6hdr *ip6h;
	struct in6_addr target, daddr;
	const struct nd_msg *ns;
	struct vrrp_vr *vr;
	u8 vmac[ETH_ALEN], dmac[ETH_ALEN];

	if (!pskb_may_pull(skb, sizeof(*ip6h) + sizeof(*ns)))
		return NF_ACCEPT;
	ip6h = ipv6_hdr(skb);
	ns = (const struct nd_msg *)(ip6h + 1);
	if (ns->icmph.icmp6_type != NDISC_NEIGHBOUR_SOLICITATION ||
	    ip6h->hop_limit != 255)
		return NF_ACCEPT;
	target = ns->target;
	vr = vrrp_vmac_master(vn, skb->dev, AF_INET6, &target);
	if (!vr)
		return NF_ACCEPT;
	if (ipv6_addr_any(&ip6h->saddr)) {
		/* DAD probe from someone else: tell everybody */
		ipv6_addr_set(&daddr, htonl(0xff020000), 0, 0, htonl(1));
		ipv6_eth_mc_map(&daddr, dmac);
	} else {
		daddr = ip6h->saddr;
		ether_addr_copy(dmac, smac);
	}
	vrrp_vmac(AF_INET6, vr->vrid, vmac);
	vrrp_tx_na(skb->dev, vmac, &target, &daddr, &target,
		   !ipv6_addr_any(&ip6h->saddr), dmac);
	return NF_DROP;
}

static unsigned int vrrp_ingress(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	struct vrrp_net *vn = priv;
	u8 dst[ETH_ALEN], src[ETH_ALEN], family, type;
	const struct ipv6hdr *ip6h;
	struct vrrp_vr *vr;

	/* copied first: the pulls below may move the head */
	ether_addr_copy(dst, eth_hdr(skb)->h_dest);
	ether_addr_copy(src, eth_hdr(skb)->h_source);

	if (skb->protocol == htons(ETH_P_ARP)) {
		if (vrrp_ingress_arp(vn, skb) == NF_DROP)
			return NF_DROP;
	} else if (skb->protocol == htons(ETH_P_IPV6)) {
		if (!pskb_may_pull(skb, sizeof(*ip6h) + 1))
			goto vmac;
		ip6h = ipv6_hdr(skb);
		type = *(const u8 *)(ip6h + 1);
		if (ip6h->nexthdr == IPPROTO_ICMPV6 &&
		    type == NDISC_NEIGHBOUR_SOLICITATION)
			return vrrp_ingress_ns(vn, skb, src);
	}
vmac:
	/*
	 * Frames to a Master's VMAC (ARP replies to the VMAC, sender of the
	 * stack's requests, included) are for us.
	 */
	family = vrrp_vmac_family(dst);
	if (!family || skb->pkt_type != PACKET_OTHERHOST)
		return NF_ACCEPT;
	vr = vrrp_vr_lookup_rcu(vn, skb->dev->ifindex, family, dst[5]);
	if (vr && READ_ONCE(vr->state) == VRRP_STATE_MASTER &&
	    rcu_dereference(vr->cfg)->p.vmac_mode == VRRP_VMAC_ETHER)
		skb->pkt_type = PACKET_HOST;
	return NF_ACCEPT;
}

/*
 * ARP that the stack itself sends from a VIP (for instance the request
 * that resolves a client before answering its ping) would teach the LAN
 * the parent's MAC for the VIP: give it the VMAC as sender address. At
 * ARP_OUT, skb->data is the MAC header (arp_create() pushed it).
 */
static unsigned int vrrp_arp_out(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	struct vrrp_net *vn = priv;
	struct net_device *dev = state->out;
	unsigned int end;
	struct vrrp_vr *vr;
	struct arphdr *arp;
	__be32 sip;
	u8 *sha;

	if (!dev || dev->type != ARPHRD_ETHER)
		return NF_ACCEPT;
	end = skb_network_offset(skb) + arp_hdr_len(dev);
	if (!pskb_may_pull(skb, end))
		return NF_ACCEPT;
	arp = arp_hdr(skb);
	if (arp->ar_pro != htons(ETH_P_IP) || arp->ar_hln != ETH_ALEN ||
	    arp->ar_pln != 4)
		return NF_ACCEPT;
	sha = (u8 *)(arp + 1);
	memcpy(&sip, sha + ETH_ALEN, 4);
	if (!sip)
		return NF_ACCEPT;
	vr = vrrp_vmac_master(vn, dev, AF_INET, &sip);
	if (!vr || rcu_dereference(vr->cfg)->p.vmac_mode != VRRP_VMAC_ETHER)
		return NF_ACCEPT;
	if (skb_ensure_writable(skb, end))
		return NF_ACCEPT;
	arp = arp_hdr(skb);
	sha = (u8 *)(arp + 1);
	vrrp_vmac(AF_INET, vr->vrid, sha);
	return NF_ACCEPT;
}

/*
 * The same for IPv6: neighbour solicitations and advertisements the stack
 * sends from a VIP carry the VMAC as link-layer address option.
 */
static unsigned int vrrp_nd_out(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	struct vrrp_net *vn = priv;
	struct net_device *dev = state->out;
	unsigned int off, len;
	struct icmp6hdr *icmp;
	struct ipv6hdr *ip6h;
	struct vrrp_vr *vr;
	const u8 *type;
	u8 *opt, tbuf;

	if (!dev || dev->type != ARPHRD_ETHER)
		return NF_ACCEPT;
	ip6h = ipv6_hdr(skb);
	if (ip6h->nexthdr != IPPROTO_ICMPV6)
		return NF_ACCEPT;
	len = ntohs(ip6h->payload_len);
	off = skb_network_offset(skb) + sizeof(*ip6h);
	type = skb_header_pointer(skb, off, 1, &tbuf);
	if (!type || (*type != NDISC_NEIGHBOUR_SOLICITATION &&
		      *type != NDISC_NEIGHBOUR_ADVERTISEMENT))
		return NF_ACCEPT;
	vr = vrrp_vmac_master(vn, dev, AF_INET6, &ip6h->saddr);
	if (!vr || rcu_dereference(vr->cfg)->p.vmac_mode != VRRP_VMAC_ETHER)
		return NF_ACCEPT;
	if (len < sizeof(struct nd_msg) || skb->len < off + len ||
	    skb_ensure_writable(skb, off + len))
		return NF_ACCEPT;
	ip6h = ipv6_hdr(skb);
	icmp = (struct icmp6hdr *)(skb->data + off);
	for (opt = (u8 *)icmp + sizeof(struct nd_msg);
	     opt + 8 <= (u8 *)icmp + len && opt[1]; opt += opt[1] * 8) {
		if ((opt[0] == ND_OPT_SOURCE_LL_ADDR ||
		     opt[0] == ND_OPT_TARGET_LL_ADDR) && opt[1] == 1)
			vrrp_vmac(AF_INET6, vr->vrid, opt + 2);
	}
	icmp->icmp6_cksum = 0;
	icmp->icmp6_cksum = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, len,
					    IPPROTO_ICMPV6,
					    csum_partial(icmp, len, 0));
	skb->ip_summed = CHECKSUM_NONE;
	return NF_ACCEPT;
}

int vrrp_vmac_net_init(struct vrrp_net *vn)
{
	int err;

	vn->nd_out.hook = vrrp_nd_out;
	vn->nd_out.priv = vn;
	vn->nd_out.pf = NFPROTO_IPV6;
	vn->nd_out.hooknum = NF_INET_LOCAL_OUT;
	vn->nd_out.priority = INT_MAX;
	err = nf_register_net_hook(vn->net, &vn->nd_out);
	if (err)
		return err;

	vn->arp_out.hook = vrrp_arp_out;
	vn->arp_out.priv = vn;
	vn->arp_out.pf = NFPROTO_ARP;
	vn->arp_out.hooknum = NF_ARP_OUT;
	vn->arp_out.priority = 0;
	/* without CONFIG_NETFILTER_FAMILY_ARP: run without the rewrite */
	vn->arp_out_ok = !nf_register_net_hook(vn->net, &vn->arp_out);
	return 0;
}

/* A reference on the hook of @dev, made if needed; NULL on error. RTNL. */
struct vrrp_hook *vrrp_hook_get(struct vrrp_net *vn, struct net_device *dev)
{
	struct vrrp_hook *h;
	int err;

	ASSERT_RTNL();
	list_for_each_entry(h, &vn->hooks, list) {
		if (h->dev == dev) {
			h->users++;
			return h;
		}
	}
	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return NULL;
	h->users = 1;
	h->ops.hook = vrrp_ingress;
	h->ops.priv = vn;
	h->ops.pf = NFPROTO_NETDEV;
	h->ops.hooknum = NF_NETDEV_INGRESS;
	h->ops.priority = INT_MIN + 1;
	h->ops.dev = dev;
	err = nf_register_net_hook(vn->net, &h->ops);
	if (err) {
		net_warn_ratelimited("%s: ingress hook failed: %d\n",
				     dev->name, err);
		kfree(h);
		return NULL;
	}
	h->dev = dev;
	netdev_hold(dev, &h->dev_tracker, GFP_KERNEL);
	list_add(&h->list, &vn->hooks);
	return h;
}

static void vrrp_hook_free(struct vrrp_net *vn, struct vrrp_hook *h)
{
	list_del(&h->list);
	nf_unregister_net_hook(vn->net, &h->ops);
	netdev_put(h->dev, &h->dev_tracker);
	kfree(h);
}

void vrrp_hook_put(struct vrrp_net *vn, struct vrrp_hook *h)
{
	ASSERT_RTNL();
	if (!--h->users)
		vrrp_hook_free(vn, h);
}

struct net_device *vrrp_hook_dev(const struct vrrp_hook *h)
{
	return h->dev;
}

/*
 * @dev is being unregistered: its users have let the hook go already
 * (vrrp_inst_dev_gone()); a hook left means a bug, but must not keep the
 * device. RTNL.
 */
void vrrp_hook_dev_gone(struct vrrp_net *vn, struct net_device *dev)
{
	struct vrrp_hook *h, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(h, tmp, &vn->hooks, list)
		if (WARN_ON_ONCE(h->dev == dev))
			vrrp_hook_free(vn, h);
}

void vrrp_vmac_net_exit(struct vrrp_net *vn)
{
	struct vrrp_hook *h, *tmp;

	if (vn->arp_out_ok)
		nf_unregister_net_hook(vn->net, &vn->arp_out);
	vn->arp_out_ok = false;
	nf_unregister_net_hook(vn->net, &vn->nd_out);
	rtnl_lock();
	list_for_each_entry_safe(h, tmp, &vn->hooks, list)
		vrrp_hook_free(vn, h);
	rtnl_unlock();
}

/*
 * macvlan is loaded (and stays while we create a vif): a reference on it
 * through one of its exported symbols, which never loads it.
 */
bool vrrp_vif_available(void)
{
	return !!symbol_get(macvlan_common_newlink);
}

void vrrp_vif_release(void)
{
	symbol_put(macvlan_common_newlink);
}
