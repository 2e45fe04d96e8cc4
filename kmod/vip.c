// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: the per-netns VIP index, and the accept-mode guard built on it.
 *
 * The index maps an address to the VRs whose installed configuration
 * advertises it (hash of address and family). Entries live in the
 * installed cfg (cfg->ents), are hashed and unhashed by the VR's work only
 * (works of a netns run one at a time), and are read under RCU by the
 * ingress hook (ARP and ND answers), the ARP/ND output hooks and the
 * guard. An entry is unhashed before its cfg and its VR can be freed,
 * and both are freed after a grace period.
 *
 * The guard enforces Accept_Mode false (RFC 9568 6.4.3: a non-owner
 * Master MUST NOT accept packets addressed to the VIPs): a LOCAL_IN hook,
 * IPv4 and IPv6, registered with the first such VR of the netns, drops
 * what is addressed to an installed VIP of a VR with accept mode off,
 * whatever the interface and the destination MAC. Neighbour solicitations
 * and advertisements pass (6.4.3), and so does the router's own traffic.
 */
#include <linux/icmpv6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jhash.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <net/ndisc.h>

#include "core.h"

static u32 vrrp_vip_hash(u8 family, const void *addr)
{
	return jhash(addr, vrrp_addr_len(family), family);
}

static struct vrrp_tables *vrrp_vip_tables(struct vrrp_net *vn)
{
	/* only the netns' works write the index; the tables outlive them */
	return rcu_dereference_protected(vn->t, true);
}

void vrrp_vip_index(struct vrrp_vr *vr, struct vrrp_cfg *cfg)
{
	struct vrrp_tables *t = vrrp_vip_tables(vr->vn);
	unsigned int alen = vrrp_addr_len(vr->family);
	int i;

	for (i = 0; i < cfg->n_adv; i++) {
		struct vrrp_vipent *e = &cfg->ents[i];

		e->vr = vr;
		e->addr = cfg->adv_addrs + i * alen;
		hash_add_rcu(t->vips, &e->node,
			     vrrp_vip_hash(vr->family, e->addr));
	}
}

void vrrp_vip_unindex(struct vrrp_vr *vr, struct vrrp_cfg *cfg)
{
	int i;

	for (i = 0; i < cfg->n_adv; i++)
		if (cfg->ents[i].vr)
			hash_del_rcu(&cfg->ents[i].node);
}

/*
 * The VR of @family that has installed @addr, on the device @ifindex (0:
 * any), preferring a Master. Under RCU.
 */
struct vrrp_vr *vrrp_vip_lookup(struct vrrp_net *vn, int ifindex, u8 family,
				const void *addr)
{
	struct vrrp_tables *t = rcu_dereference(vn->t);
	unsigned int alen = vrrp_addr_len(family);
	struct vrrp_vr *found = NULL;
	struct vrrp_vipent *e;

	if (!t)
		return NULL;
	hash_for_each_possible_rcu(t->vips, e, node,
				   vrrp_vip_hash(family, addr)) {
		struct vrrp_vr *vr = e->vr;

		if (vr->family != family || memcmp(e->addr, addr, alen) ||
		    (ifindex && READ_ONCE(vr->ifindex) != ifindex))
			continue;
		if (READ_ONCE(vr->state) == VRRP_STATE_MASTER)
			return vr;
		found = vr;
	}
	return found;
}

/* a VR that does not accept what is sent to its VIPs */
static bool vrrp_guards(struct vrrp_vr *vr)
{
	const struct vrrp_cfg *cfg = rcu_dereference(vr->cfg);

	return !cfg->p.accept && cfg->p.priority != VRRP_OWNER_PRIORITY;
}

static unsigned int vrrp_guard4(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	struct vrrp_vr *vr;

	if (state->in && (state->in->flags & IFF_LOOPBACK))
		return NF_ACCEPT;
	vr = vrrp_vip_lookup(priv, 0, AF_INET, &ip_hdr(skb)->daddr);
	return vr && vrrp_guards(vr) ? NF_DROP : NF_ACCEPT;
}

static unsigned int vrrp_guard6(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct vrrp_vr *vr;
	u8 buf, *type;

	if (state->in && (state->in->flags & IFF_LOOPBACK))
		return NF_ACCEPT;
	vr = vrrp_vip_lookup(priv, 0, AF_INET6, &ip6h->daddr);
	if (!vr || !vrrp_guards(vr))
		return NF_ACCEPT;
	if (ip6h->nexthdr == IPPROTO_ICMPV6) {
		type = skb_header_pointer(skb, skb_transport_offset(skb), 1,
					  &buf);
		if (type && (*type == NDISC_NEIGHBOUR_SOLICITATION ||
			     *type == NDISC_NEIGHBOUR_ADVERTISEMENT))
			return NF_ACCEPT;
	}
	return NF_DROP;
}

/* an installed VR with accept mode off; from its work */
void vrrp_guard_get(struct vrrp_net *vn)
{
	struct nf_hook_ops *ops = vn->guard;
	int err;

	if (vn->n_guard++ || vn->guard_on)
		return;
	ops[0].hook = vrrp_guard4;
	ops[0].pf = NFPROTO_IPV4;
	ops[1].hook = vrrp_guard6;
	ops[1].pf = NFPROTO_IPV6;
	ops[0].priv = vn;
	ops[1].priv = vn;
	ops[0].hooknum = NF_INET_LOCAL_IN;
	ops[1].hooknum = NF_INET_LOCAL_IN;
	ops[0].priority = NF_IP_PRI_FILTER;
	ops[1].priority = NF_IP6_PRI_FILTER;
	err = nf_register_net_hooks(vn->net, ops, 2);
	if (err)
		net_warn_ratelimited("accept mode guard: hooks failed: %d\n",
				     err);
	vn->guard_on = !err;
}

/* the hooks stay (they cost nothing without entries) until the netns goes */
void vrrp_guard_put(struct vrrp_net *vn)
{
	vn->n_guard--;
}

void vrrp_guard_exit(struct vrrp_net *vn)
{
	if (vn->guard_on)
		nf_unregister_net_hooks(vn->net, vn->guard, 2);
	vn->guard_on = false;
}
