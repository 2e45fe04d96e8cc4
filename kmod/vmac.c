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
 *   own MAC (RFC 3768 7.3);
 * - enforces accept mode: with it off, a non-owner Master drops traffic
 *   addressed to its VIPs (ARP and ND still pass).
 * macvlan mode: a macvlan vif named vifname carries the VMAC and the VIPs.
 * No-VMAC mode: the parent's own MAC, the hook only enforces accept mode,
 * and then only while such a VR exists (the address lookup costs a scan).
 *
 * The hook list is protected by RTNL.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
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
	int ifindex;
	int users;
	struct nf_hook_ops ops;
};

bool vrrp_vmac_used(const struct vrrp_cfg *cfg)
{
	return cfg->p.vmac_mode != VRRP_VMAC_NONE;
}

/* no VMAC to filter on: accept mode off must check every packet's address */
bool vrrp_vmac_guard_plain(const struct vrrp_cfg *cfg)
{
	return cfg->p.vmac_mode == VRRP_VMAC_NONE && !cfg->p.accept &&
	       cfg->p.priority != VRRP_OWNER_PRIORITY;
}

static bool vrrp_has_vip(const struct vrrp_cfg *cfg, u8 family,
			 const void *addr)
{
	unsigned int alen = vrrp_addr_len(family);
	int i;

	for (i = 0; i < cfg->n_adv; i++)
		if (!memcmp(cfg->adv_addrs + i * alen, addr, alen))
			return true;
	return false;
}

/* A Master VR of @family on @dev owning @addr, or NULL. Under RCU. */
static struct vrrp_vr *vrrp_find_master(struct vrrp_net *vn,
					struct net_device *dev, u8 family,
					const void *addr)
{
	struct vrrp_vr *vr;
	int vrid;

	for (vrid = 1; vrid < 256; vrid++) {
		vr = vrrp_vr_lookup_rcu(vn, dev->ifindex, family, vrid);
		if (vr && READ_ONCE(vr->state) == VRRP_STATE_MASTER &&
		    vrrp_has_vip(rcu_dereference(vr->cfg), family, addr))
			return vr;
	}
	return NULL;
}

static unsigned int vrrp_ingress_arp(struct vrrp_net *vn, struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	const struct arphdr *arp;
	const struct vrrp_cfg *cfg;
	struct vrrp_vr *vr;
	struct sk_buff *rep;
	const u8 *sha, *p;
	__be32 sip, tip;
	u8 vmac[ETH_ALEN];

	if (!pskb_may_pull(skb, arp_hdr_len(dev)))
		return NF_ACCEPT;
	arp = arp_hdr(skb);
	if (arp->ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->ar_pro != htons(ETH_P_IP) || arp->ar_hln != ETH_ALEN ||
	    arp->ar_pln != 4 || arp->ar_op != htons(ARPOP_REQUEST))
		return NF_ACCEPT;
	p = (const u8 *)(arp + 1);
	sha = p;
	memcpy(&sip, p + ETH_ALEN, 4);
	memcpy(&tip, p + 2 * ETH_ALEN + 4, 4);
	if (sip == tip)		/* a gratuitous ARP, not a question */
		return NF_ACCEPT;
	vr = vrrp_find_master(vn, dev, AF_INET, &tip);
	if (!vr)
		return NF_ACCEPT;
	cfg = rcu_dereference(vr->cfg);
	if (!vrrp_vmac_used(cfg))
		return NF_ACCEPT;
	vrrp_vmac(AF_INET, vr->vrid, vmac);
	rep = arp_create(ARPOP_REPLY, ETH_P_ARP, sip, dev, tip, sha, vmac, sha);
	if (rep)
		arp_xmit(rep);
	return NF_DROP;
}

/* a neighbour solicitation for a VIP: answer with the VMAC */
static unsigned int vrrp_ingress_ns(struct vrrp_net *vn, struct sk_buff *skb,
				    const struct ipv6hdr *ip6h)
{
	const struct vrrp_cfg *cfg;
	const struct nd_msg *ns;
	struct in6_addr target, daddr;
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
	vr = vrrp_find_master(vn, skb->dev, AF_INET6, &target);
	if (!vr)
		return NF_ACCEPT;
	cfg = rcu_dereference(vr->cfg);
	if (!vrrp_vmac_used(cfg))
		return NF_ACCEPT;
	if (ipv6_addr_any(&ip6h->saddr)) {
		/* DAD probe from someone else: tell everybody */
		ipv6_addr_set(&daddr, htonl(0xff020000), 0, 0, htonl(1));
		ipv6_eth_mc_map(&daddr, dmac);
	} else {
		daddr = ip6h->saddr;
		ether_addr_copy(dmac, eth_hdr(skb)->h_source);
	}
	vrrp_vmac(AF_INET6, vr->vrid, vmac);
	vrrp_tx_na(skb->dev, vmac, &target, &daddr, &target,
		   !ipv6_addr_any(&ip6h->saddr), dmac);
	return NF_DROP;
}

/*
 * Accept mode off: a non-owner Master drops what is sent to its VIPs. @vr
 * is the Master whose VMAC the frame was sent to, or NULL: then only VRs
 * without a VMAC can apply, and the address tells which.
 */
static bool vrrp_refuse(struct vrrp_net *vn, struct net_device *dev,
			struct vrrp_vr *vr, u8 family, const void *daddr)
{
	const struct vrrp_cfg *cfg;

	if (!vr) {
		if (!READ_ONCE(vn->n_guard_plain))
			return false;
		vr = vrrp_find_master(vn, dev, family, daddr);
		return vr && vrrp_vmac_guard_plain(rcu_dereference(vr->cfg));
	}
	if (vr->family != family)
		return false;
	cfg = rcu_dereference(vr->cfg);
	return !cfg->p.accept && cfg->p.priority != VRRP_OWNER_PRIORITY &&
	       vrrp_has_vip(cfg, family, daddr);
}

static unsigned int vrrp_ingress(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	struct vrrp_net *vn = priv;
	const struct ethhdr *eth = eth_hdr(skb);
	struct vrrp_vr *vr = NULL;
	u8 family;

	if (skb->protocol == htons(ETH_P_ARP) &&
	    vrrp_ingress_arp(vn, skb) == NF_DROP)
		return NF_DROP;

	/*
	 * Frames to a VMAC: 00:00:5e:00:01:VRID (IPv4), :02: (IPv6). This
	 * includes ARP replies to the VMAC, sender of the stack's requests.
	 */
	if (eth->h_dest[0] == 0 && eth->h_dest[1] == 0 &&
	    eth->h_dest[2] == 0x5e && eth->h_dest[3] == 0 &&
	    (eth->h_dest[4] == 1 || eth->h_dest[4] == 2) && eth->h_dest[5]) {
		family = eth->h_dest[4] == 1 ? AF_INET : AF_INET6;
		vr = vrrp_vr_lookup_rcu(vn, skb->dev->ifindex, family,
					eth->h_dest[5]);
		if (vr && READ_ONCE(vr->state) != VRRP_STATE_MASTER)
			vr = NULL;
	}

	if (skb->protocol == htons(ETH_P_ARP)) {
		goto host;
	} else if (skb->protocol == htons(ETH_P_IPV6)) {
		const struct ipv6hdr *ip6h;

		if (!pskb_may_pull(skb, sizeof(*ip6h)))
			return NF_ACCEPT;
		ip6h = ipv6_hdr(skb);
		if (ip6h->nexthdr == IPPROTO_ICMPV6) {
			if (!pskb_may_pull(skb, sizeof(*ip6h) + 1))
				return NF_ACCEPT;
			ip6h = ipv6_hdr(skb);
			if (*(u8 *)(ip6h + 1) == NDISC_NEIGHBOUR_SOLICITATION)
				return vrrp_ingress_ns(vn, skb, ip6h);
			if (*(u8 *)(ip6h + 1) == NDISC_NEIGHBOUR_ADVERTISEMENT)
				goto host;
		}
		if (vrrp_refuse(vn, skb->dev, vr, AF_INET6, &ip6h->daddr))
			return NF_DROP;
	} else if (skb->protocol == htons(ETH_P_IP)) {
		const struct iphdr *iph;

		if (!pskb_may_pull(skb, sizeof(*iph)))
			return NF_ACCEPT;
		iph = ip_hdr(skb);
		if (vrrp_refuse(vn, skb->dev, vr, AF_INET, &iph->daddr))
			return NF_DROP;
	}
host:
	if (vr && skb->pkt_type == PACKET_OTHERHOST &&
	    rcu_dereference(vr->cfg)->p.vmac_mode == VRRP_VMAC_ETHER)
		skb->pkt_type = PACKET_HOST;
	return NF_ACCEPT;
}

/*
 * ARP that the stack itself sends from a VIP (for instance the request
 * that resolves a client before answering its ping) would teach the LAN
 * the parent's MAC for the VIP: give it the VMAC as sender address.
 */
static unsigned int vrrp_arp_out(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	struct vrrp_net *vn = priv;
	struct net_device *dev = state->out;
	struct vrrp_vr *vr;
	struct arphdr *arp;
	__be32 sip;
	u8 *sha;

	if (!dev || dev->type != ARPHRD_ETHER ||
	    !pskb_may_pull(skb, arp_hdr_len(dev)))
		return NF_ACCEPT;
	arp = arp_hdr(skb);
	if (arp->ar_pro != htons(ETH_P_IP) || arp->ar_hln != ETH_ALEN ||
	    arp->ar_pln != 4)
		return NF_ACCEPT;
	sha = (u8 *)(arp + 1);
	memcpy(&sip, sha + ETH_ALEN, 4);
	if (!sip)
		return NF_ACCEPT;
	vr = vrrp_find_master(vn, dev, AF_INET, &sip);
	if (!vr || rcu_dereference(vr->cfg)->p.vmac_mode != VRRP_VMAC_ETHER)
		return NF_ACCEPT;
	if (skb_ensure_writable(skb, arp_hdr_len(dev)))
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
	if (len < sizeof(struct nd_msg) || skb->len < off + len ||
	    skb_ensure_writable(skb, off + len))
		return NF_ACCEPT;
	ip6h = ipv6_hdr(skb);
	icmp = (struct icmp6hdr *)(skb->data + off);
	if (icmp->icmp6_type != NDISC_NEIGHBOUR_SOLICITATION &&
	    icmp->icmp6_type != NDISC_NEIGHBOUR_ADVERTISEMENT)
		return NF_ACCEPT;
	vr = vrrp_find_master(vn, dev, AF_INET6, &ip6h->saddr);
	if (!vr || rcu_dereference(vr->cfg)->p.vmac_mode != VRRP_VMAC_ETHER)
		return NF_ACCEPT;
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

/* One hook per parent device, shared by its VRs. Under RTNL. */
int vrrp_vmac_attach(struct vrrp_net *vn, struct net_device *dev)
{
	struct vrrp_hook *h;
	int err;

	ASSERT_RTNL();
	list_for_each_entry(h, &vn->hooks, list) {
		if (h->ifindex == dev->ifindex) {
			h->users++;
			return 0;
		}
	}
	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return -ENOMEM;
	h->ifindex = dev->ifindex;
	h->users = 1;
	h->ops.hook = vrrp_ingress;
	h->ops.priv = vn;
	h->ops.pf = NFPROTO_NETDEV;
	h->ops.hooknum = NF_NETDEV_INGRESS;
	h->ops.priority = INT_MIN + 1;
	h->ops.dev = dev;
	err = nf_register_net_hook(vn->net, &h->ops);
	if (err) {
		net_warn_ratelimited("vrrp: %s: ingress hook failed: %d\n",
				     dev->name, err);
		kfree(h);
		return err;
	}
	list_add(&h->list, &vn->hooks);
	return 0;
}

static void vrrp_hook_free(struct vrrp_net *vn, struct vrrp_hook *h)
{
	list_del(&h->list);
	nf_unregister_net_hook(vn->net, &h->ops);
	kfree(h);
}

void vrrp_vmac_detach(struct vrrp_net *vn, int ifindex)
{
	struct vrrp_hook *h;

	ASSERT_RTNL();
	list_for_each_entry(h, &vn->hooks, list) {
		if (h->ifindex == ifindex) {
			if (!--h->users)
				vrrp_hook_free(vn, h);
			return;
		}
	}
}

/* the device is going away: drop its hook whatever the users */
void vrrp_vmac_detach_dev(struct vrrp_net *vn, struct net_device *dev)
{
	struct vrrp_hook *h;

	ASSERT_RTNL();
	list_for_each_entry(h, &vn->hooks, list) {
		if (h->ops.dev == dev) {
			vrrp_hook_free(vn, h);
			return;
		}
	}
}

void vrrp_vmac_net_exit(struct vrrp_net *vn)
{
	struct vrrp_hook *h, *tmp;

	if (vn->arp_out_ok)
		nf_unregister_net_hook(vn->net, &vn->arp_out);
	nf_unregister_net_hook(vn->net, &vn->nd_out);
	rtnl_lock();
	list_for_each_entry_safe(h, tmp, &vn->hooks, list)
		vrrp_hook_free(vn, h);
	rtnl_unlock();
}

/* macvlan mode: create the vif (no RTNL held). */
int vrrp_vmac_vif_create(struct vrrp_vr *vr, struct vrrp_cfg *cfg)
{
	struct net_device *vif;
	u8 mac[ETH_ALEN];
	int err;

	vrrp_vmac(vr->family, vr->vrid, mac);
	err = vrrp_rtnl_link(vr->vn, RTM_NEWLINK, vr->ifindex,
			     cfg->p.vifname, mac);
	if (err) {
		net_warn_ratelimited("vrrp: VRID %u: creating %s failed: %d\n",
				     vr->vrid, cfg->p.vifname, err);
		return err;
	}
	rtnl_lock();
	vif = __dev_get_by_name(vr->net, cfg->p.vifname);
	if (vif)
		vr->vif_ifindex = vif->ifindex;
	rtnl_unlock();
	return vif ? 0 : -ENODEV;
}

void vrrp_vmac_vif_delete(struct vrrp_vr *vr)
{
	if (!vr->vif_ifindex)
		return;
	if (!vr->vn->dying)
		vrrp_rtnl_link(vr->vn, RTM_DELLINK, vr->vif_ifindex, NULL,
			       NULL);
	vr->vif_ifindex = 0;
}
