// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: virtual router objects, their per-netns table and lifecycle.
 *
 * A VR is attached to its device (in the hash table, keyed by ifindex,
 * family and VRID, holding the device) or detached (its device went away:
 * on the vn->detached list, keyed by the device's name, in Init). A device
 * that registers with that name picks its VRs up again.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/jhash.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/timekeeping.h>

#include <net/ipv6.h>

#include "core.h"

u64 vrrp_now_real(void)
{
	return ktime_get_real_ns();
}

static u32 vrrp_hash(int ifindex, u8 family, u8 vrid)
{
	return jhash_3words(ifindex, family, vrid, 0);
}

/* a device a VR can run on */
bool vrrp_dev_usable(const struct net_device *dev)
{
	return dev->type == ARPHRD_ETHER && dev->addr_len == ETH_ALEN &&
	       !(dev->flags & IFF_LOOPBACK);
}

struct vrrp_vr *vrrp_vr_lookup_rcu(struct vrrp_net *vn, int ifindex,
				   u8 family, u8 vrid)
{
	struct vrrp_tables *t = rcu_dereference(vn->t);
	struct vrrp_vr *vr;

	if (!t)
		return NULL;
	hash_for_each_possible_rcu(t->vrs, vr, hnode,
				   vrrp_hash(ifindex, family, vrid)) {
		if (READ_ONCE(vr->ifindex) == ifindex &&
		    vr->family == family &&
		    vr->vrid == vrid)
			return vr;
	}
	return NULL;
}

/*
 * An attached VR by @ifindex, or (@ifindex 0) a detached one by @ifname.
 * Under vn->lock.
 */
struct vrrp_vr *vrrp_vr_find(struct vrrp_net *vn, int ifindex,
			     const char *ifname, u8 family, u8 vrid)
{
	struct vrrp_tables *t;
	struct vrrp_vr *vr;

	lockdep_assert_held(&vn->lock);
	t = rcu_dereference_protected(vn->t, lockdep_is_held(&vn->lock));
	if (!t)
		return NULL;
	if (!ifindex) {
		list_for_each_entry(vr, &vn->detached, dnode)
			if (vr->family == family && vr->vrid == vrid &&
			    !strcmp(vr->ifname, ifname))
				return vr;
		return NULL;
	}
	hash_for_each_possible(t->vrs, vr, hnode,
			       vrrp_hash(ifindex, family, vrid)) {
		if (vr->ifindex == ifindex && vr->family == family &&
		    vr->vrid == vrid)
			return vr;
	}
	return NULL;
}

struct vrrp_cfg *vrrp_cfg_alloc(u16 n_vips, u16 n_tracks, u16 n_routes,
				u16 n_peers)
{
	size_t n_adv = n_vips + 1, sz = sizeof(struct vrrp_cfg);
	struct vrrp_cfg *cfg;
	u8 *p;

	sz += n_vips * sizeof(struct vrrp_vip);
	sz += n_tracks * sizeof(struct vrrp_track);
	sz += n_routes * sizeof(struct vrrp_route);
	sz += n_peers * sizeof(union vrrp_addr);
	sz += n_adv * sizeof(struct vrrp_vipent);
	sz += 2 * n_adv * sizeof(struct in6_addr);
	sz += n_vips + 1 + n_routes;
	cfg = kvzalloc(sz, GFP_KERNEL_ACCOUNT);
	if (!cfg)
		return NULL;
	refcount_set(&cfg->ref, 1);
	p = cfg->data;
	cfg->ents = (struct vrrp_vipent *)p;
	p += n_adv * sizeof(struct vrrp_vipent);
	cfg->n_vips = n_vips;
	cfg->vips = (struct vrrp_vip *)p;
	p += n_vips * sizeof(struct vrrp_vip);
	cfg->n_tracks = n_tracks;
	cfg->tracks = (struct vrrp_track *)p;
	p += n_tracks * sizeof(struct vrrp_track);
	cfg->n_routes = n_routes;
	cfg->routes = (struct vrrp_route *)p;
	p += n_routes * sizeof(struct vrrp_route);
	cfg->n_peers = n_peers;
	cfg->peers = (union vrrp_addr *)p;
	p += n_peers * sizeof(union vrrp_addr);
	cfg->adv_addrs = p;
	p += n_adv * sizeof(struct in6_addr);
	cfg->adv_sorted = p;
	p += n_adv * sizeof(struct in6_addr);
	cfg->inst_flags = p;
	return cfg;
}

void vrrp_cfg_put(struct vrrp_cfg *cfg)
{
	if (cfg && refcount_dec_and_test(&cfg->ref))
		kvfree_rcu(cfg, rcu);
}

bool vrrp_cfg_equal(const struct vrrp_cfg *a, const struct vrrp_cfg *b)
{
	if (memcmp(&a->p, &b->p, sizeof(a->p)))
		return false;
	if (a->n_vips != b->n_vips || a->n_tracks != b->n_tracks ||
	    a->n_routes != b->n_routes || a->n_peers != b->n_peers)
		return false;
	return !memcmp(a->vips, b->vips, a->n_vips * sizeof(*a->vips)) &&
	       !memcmp(a->tracks, b->tracks, a->n_tracks * sizeof(*a->tracks)) &&
	       !memcmp(a->routes, b->routes, a->n_routes * sizeof(*a->routes)) &&
	       !memcmp(a->peers, b->peers, a->n_peers * sizeof(*a->peers));
}

void vrrp_cfg_defaults(struct vrrp_params *p, u8 family)
{
	memset(p, 0, sizeof(*p));
	p->version = 3;
	p->priority = VRRP_DEF_PRIORITY;
	p->advert_int = VRRP_DEF_ADVERT_CS;
	p->preempt = 1;
	p->garp_repeat = 1;
	p->admin_up = 1;
	p->vmac_mode = VRRP_VMAC_ETHER;
	p->v3_csum = VRRP_CSUM_AUTO;
}

/* fe80::200:5eff:fe00:2XX, the EUI-64 link-local of the IPv6 VMAC */
void vrrp_ll_from_vmac(u8 vrid, struct in6_addr *ll)
{
	u8 mac[ETH_ALEN];

	vrrp_vmac(AF_INET6, vrid, mac);
	memset(ll, 0, sizeof(*ll));
	ll->s6_addr[0] = 0xfe;
	ll->s6_addr[1] = 0x80;
	ll->s6_addr[8] = mac[0] ^ 0x02;
	ll->s6_addr[9] = mac[1];
	ll->s6_addr[10] = mac[2];
	ll->s6_addr[11] = 0xff;
	ll->s6_addr[12] = 0xfe;
	ll->s6_addr[13] = mac[3];
	ll->s6_addr[14] = mac[4];
	ll->s6_addr[15] = mac[5];
}

static int vrrp_cmp4(const void *a, const void *b)
{
	return memcmp(a, b, 4);
}

static int vrrp_cmp16(const void *a, const void *b)
{
	return memcmp(a, b, 16);
}

/*
 * The advert's address list (v3 IPv6 needs a link-local address first),
 * and a sorted copy of it for matching received lists.
 */
void vrrp_cfg_finalize(struct vrrp_cfg *cfg, u8 family, u8 vrid)
{
	unsigned int alen = vrrp_addr_len(family);
	u8 *p = cfg->adv_addrs;
	int i;

	cfg->n_adv = 0;
	cfg->ll_added = false;
	if (family == AF_INET6 && cfg->n_vips &&
	    !(ipv6_addr_type(&cfg->vips[0].addr.ip6) & IPV6_ADDR_LINKLOCAL)) {
		struct in6_addr ll;

		vrrp_ll_from_vmac(vrid, &ll);
		memcpy(p, &ll, alen);
		p += alen;
		cfg->n_adv++;
		cfg->ll_added = true;
	}
	for (i = 0; i < cfg->n_vips && cfg->n_adv < 255; i++) {
		memcpy(p, cfg->vips[i].addr.b, alen);
		p += alen;
		cfg->n_adv++;
	}
	memcpy(cfg->adv_sorted, cfg->adv_addrs, (size_t)cfg->n_adv * alen);
	sort(cfg->adv_sorted, cfg->n_adv, alen,
	     alen == 4 ? vrrp_cmp4 : vrrp_cmp16, NULL);
}

/* @addr is one of the advertised addresses (a VIP or the derived LL) */
bool vrrp_cfg_has_addr(const struct vrrp_cfg *cfg, u8 family,
		       const void *addr)
{
	unsigned int alen = vrrp_addr_len(family);
	int lo = 0, hi = cfg->n_adv - 1, mid, c;

	while (lo <= hi) {
		mid = (lo + hi) / 2;
		c = memcmp(addr, cfg->adv_sorted + mid * alen, alen);
		if (!c)
			return true;
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return false;
}

void vrrp_stats_reset(struct vrrp_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->discontinuity = vrrp_now_real();
}

bool vrrp_vr_get(struct vrrp_vr *vr)
{
	return refcount_inc_not_zero(&vr->ref);
}

void vrrp_vr_put(struct vrrp_vr *vr)
{
	if (!refcount_dec_and_test(&vr->ref))
		return;
	WARN_ON(!vrrp_inst_empty(&vr->inst));
	WARN_ON(vr->dev);
	vrrp_cfg_put(rcu_dereference_protected(vr->cfg, true));
	kfree_rcu(vr, rcu);
}

void vrrp_vr_queue_work(struct vrrp_vr *vr)
{
	if (!vrrp_vr_get(vr))
		return;
	if (!queue_work(vr->vn->wq, &vr->work))
		vrrp_vr_put(vr);
}

static void vrrp_vr_hash(struct vrrp_net *vn, struct vrrp_vr *vr)
{
	struct vrrp_tables *t;

	t = rcu_dereference_protected(vn->t, lockdep_is_held(&vn->lock));
	hash_add_rcu(t->vrs, &vr->hnode,
		     vrrp_hash(vr->ifindex, vr->family, vr->vrid));
}

/*
 * Creates and starts a VR; takes over the caller's reference on @cfg.
 * Under RTNL and vn->lock, after vrrp_net_setup().
 */
struct vrrp_vr *vrrp_vr_create(struct vrrp_net *vn, struct net_device *dev,
			       u8 family, u8 vrid, struct vrrp_cfg *cfg)
{
	struct vrrp_vr *vr;

	ASSERT_RTNL();
	lockdep_assert_held(&vn->lock);
	vr = kzalloc(sizeof(*vr), GFP_KERNEL_ACCOUNT);
	if (!vr)
		return NULL;
	refcount_set(&vr->ref, 1);
	vr->vn = vn;
	vr->net = vn->net;
	vr->ifindex = dev->ifindex;
	vr->family = family;
	vr->vrid = vrid;
	strscpy(vr->ifname, dev->name, sizeof(vr->ifname));
	spin_lock_init(&vr->lock);
	RCU_INIT_POINTER(vr->cfg, cfg);
	vr->dev = dev;
	netdev_hold(dev, &vr->dev_tracker, GFP_KERNEL);
	vr->state = VRRP_STATE_INIT;
	INIT_WORK(&vr->work, vrrp_vr_work);
	INIT_LIST_HEAD(&vr->dnode);
	vrrp_stats_reset(&vr->stats);
	vrrp_csum_reset(vr, cfg);
	vrrp_engine_init(vr);

	vrrp_vr_hash(vn, vr);
	list_add_tail(&vr->inst_node, &vn->insts);
	vn->count++;
	vn->gen++;

	/* the group join and the VMAC filter follow in the work */
	vrrp_vr_queue_work(vr);
	spin_lock_bh(&vr->lock);
	vrrp_engine_recheck(vr, VRRP_REASON_STARTUP);
	spin_unlock_bh(&vr->lock);
	return vr;
}

/* Replaces the configuration; takes over the caller's reference on @cfg. */
void vrrp_vr_update(struct vrrp_vr *vr, struct vrrp_cfg *cfg)
{
	struct vrrp_cfg *old;

	lockdep_assert_held(&vr->vn->lock);
	spin_lock_bh(&vr->lock);
	old = vrrp_cfg_locked(vr);
	/* the goodbye of a restart goes out as configured before (L4) */
	if (vrrp_engine_restarts(old, cfg))
		vrrp_engine_stop(vr, old, VRRP_REASON_CONFIG);
	rcu_assign_pointer(vr->cfg, cfg);
	/* a changed mode or version starts over; AUTO keeps what it followed */
	if (old->p.v3_csum != cfg->p.v3_csum || old->p.version != cfg->p.version)
		vrrp_csum_reset(vr, cfg);
	vrrp_engine_reconfig(vr, old);
	spin_unlock_bh(&vr->lock);
	vrrp_vr_queue_work(vr);
	vrrp_cfg_put(old);
}

/*
 * Unlinks and stops a VR: a Master sends priority 0. The work then removes
 * what was installed and drops its reference. Under RTNL and vn->lock.
 */
void vrrp_vr_delete(struct vrrp_vr *vr)
{
	struct vrrp_net *vn = vr->vn;
	const struct vrrp_cfg *cfg;
	struct net_device *dev;

	ASSERT_RTNL();
	lockdep_assert_held(&vn->lock);
	if (vr->ifindex)
		hash_del_rcu(&vr->hnode);
	else
		list_del(&vr->dnode);
	vn->count--;
	vn->gen++;
	cfg = vrrp_cfg_vn(vr);

	spin_lock_bh(&vr->lock);
	vrrp_engine_stop(vr, NULL, VRRP_REASON_ADMIN_DOWN);
	vr->dead = true;
	dev = vr->dev;
	vr->dev = NULL;
	spin_unlock_bh(&vr->lock);
	/* unhashed, the sync work no longer sees it: release its group here */
	if (cfg->p.sync_group)
		vrrp_sync_release(vn, cfg->p.sync_group);

	vrrp_engine_cancel(vr);
	/* the receive path may still see the VR under RCU: it checks dead */
	if (dev)
		netdev_put(dev, &vr->dev_tracker);
	vrrp_vr_queue_work(vr);
	vrrp_vr_put(vr);
	/*
	 * flush, netns exit and a replacing batch delete thousands in one
	 * loop under RTNL: each local_bh_enable() above may run the softirqs
	 * of the VRs still running, so let the CPU go between two
	 */
	cond_resched();
}

/*
 * The VR's device is being unregistered (deleted, or moved to another
 * netns): the VR stops, lets the device go and waits, detached, for a
 * device of the same name. Under RTNL and vn->lock.
 */
void vrrp_vr_detach(struct vrrp_vr *vr)
{
	struct vrrp_net *vn = vr->vn;
	struct net_device *dev;

	ASSERT_RTNL();
	lockdep_assert_held(&vn->lock);
	hash_del_rcu(&vr->hnode);
	spin_lock_bh(&vr->lock);
	vrrp_engine_stop(vr, NULL, VRRP_REASON_LINK_DOWN);
	dev = vr->dev;
	vr->dev = NULL;
	strscpy(vr->ifname, dev->name, sizeof(vr->ifname));
	WRITE_ONCE(vr->ifindex, 0);
	spin_unlock_bh(&vr->lock);
	list_add_tail(&vr->dnode, &vn->detached);
	vn->gen++;
	netdev_put(dev, &vr->dev_tracker);
	vrrp_vr_queue_work(vr);
}

/*
 * @dev registered (or took a new name): the detached VRs that ran on a
 * device of that name run on it. Returns true if any did. Under RTNL and
 * vn->lock.
 */
bool vrrp_vr_attach(struct vrrp_net *vn, struct net_device *dev)
{
	struct vrrp_vr *vr, *n;
	bool synced = false, any = false;

	ASSERT_RTNL();
	lockdep_assert_held(&vn->lock);
	if (!vrrp_dev_usable(dev))
		return false;
	list_for_each_entry_safe(vr, n, &vn->detached, dnode) {
		if (strcmp(vr->ifname, dev->name))
			continue;
		if (vrrp_vr_find(vn, dev->ifindex, NULL, vr->family, vr->vrid))
			continue;
		/* a reader may still walk the chain the VR was unhashed from */
		if (!synced) {
			synchronize_net();
			synced = true;
		}
		list_del_init(&vr->dnode);
		netdev_hold(dev, &vr->dev_tracker, GFP_KERNEL);
		spin_lock_bh(&vr->lock);
		vr->dev = dev;
		WRITE_ONCE(vr->ifindex, dev->ifindex);
		spin_unlock_bh(&vr->lock);
		vrrp_vr_hash(vn, vr);
		vn->gen++;
		vrrp_vr_queue_work(vr);
		spin_lock_bh(&vr->lock);
		vrrp_engine_recheck(vr, VRRP_REASON_LINK_UP);
		spin_unlock_bh(&vr->lock);
		any = true;
	}
	return any;
}
