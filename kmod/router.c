// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: virtual router objects, their per-netns table and lifecycle.
 */
#include <linux/jhash.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include <net/ipv6.h>

#include "core.h"

static bool ipv6_addr_type_is_ll(const struct in6_addr *a)
{
	return ipv6_addr_type(a) & IPV6_ADDR_LINKLOCAL;
}

u64 vrrp_now_real(void)
{
	return ktime_get_real_ns();
}

static u32 vrrp_hash(int ifindex, u8 family, u8 vrid)
{
	return jhash_3words(ifindex, family, vrid, 0);
}

int vrrp_net_init_table(struct vrrp_net *vn)
{
	mutex_init(&vn->lock);
	hash_init(vn->table);
	INIT_LIST_HEAD(&vn->hooks);
	INIT_WORK(&vn->sync_work, vrrp_sync_work);
	vn->gstats.discontinuity = vrrp_now_real();
	return 0;
}

/* Deletes every VR of the netns (priority 0 from masters). */
void vrrp_net_shutdown(struct vrrp_net *vn)
{
	struct vrrp_vr *vr;
	struct hlist_node *tmp;
	int bkt;

	mutex_lock(&vn->lock);
	hash_for_each_safe(vn->table, bkt, tmp, vr, hnode)
		vrrp_vr_delete(vr);
	mutex_unlock(&vn->lock);
}

void vrrp_net_free_table(struct vrrp_net *vn)
{
	WARN_ON(!hash_empty(vn->table));
	mutex_destroy(&vn->lock);
}

struct vrrp_vr *vrrp_vr_lookup_rcu(struct vrrp_net *vn, int ifindex,
				   u8 family, u8 vrid)
{
	struct vrrp_vr *vr;

	hash_for_each_possible_rcu(vn->table, vr, hnode,
				   vrrp_hash(ifindex, family, vrid)) {
		if (vr->ifindex == ifindex && vr->family == family &&
		    vr->vrid == vrid)
			return vr;
	}
	return NULL;
}

/* under vn->lock */
struct vrrp_vr *vrrp_vr_lookup(struct vrrp_net *vn, int ifindex,
			       u8 family, u8 vrid)
{
	struct vrrp_vr *vr;

	lockdep_assert_held(&vn->lock);
	hash_for_each_possible(vn->table, vr, hnode,
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
	size_t sz = sizeof(struct vrrp_cfg);
	struct vrrp_cfg *cfg;
	u8 *p;

	sz += n_vips * sizeof(struct vrrp_vip);
	sz += n_tracks * sizeof(struct vrrp_track);
	sz += n_routes * sizeof(struct vrrp_route);
	sz += n_peers * sizeof(union vrrp_addr);
	sz += (n_vips + 1) * sizeof(struct in6_addr);
	cfg = kvzalloc(sz, GFP_KERNEL);
	if (!cfg)
		return NULL;
	refcount_set(&cfg->ref, 1);
	p = cfg->data;
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

/* the advert's address list: v3 IPv6 needs a link-local address first */
void vrrp_cfg_finalize(struct vrrp_cfg *cfg, u8 family, u8 vrid)
{
	unsigned int alen = vrrp_addr_len(family);
	u8 *p = cfg->adv_addrs;
	int i;

	cfg->n_adv = 0;
	cfg->ll_added = false;
	if (family == AF_INET6 && cfg->n_vips &&
	    !ipv6_addr_type_is_ll(&cfg->vips[0].addr.ip6)) {
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
	WARN_ON(vr->installed);
	WARN_ON(vr->dev);
	vrrp_cfg_put(rcu_dereference_protected(vr->cfg, true));
	kfree_rcu(vr, rcu);
}

void vrrp_vr_queue_work(struct vrrp_vr *vr)
{
	if (!vrrp_vr_get(vr))
		return;
	if (!queue_work(vrrp_wq, &vr->work))
		vrrp_vr_put(vr);
}

/*
 * Creates and starts a VR; takes over the caller's reference on @cfg.
 * Under vn->lock and RTNL.
 */
struct vrrp_vr *vrrp_vr_create(struct vrrp_net *vn, struct net_device *dev,
			       u8 family, u8 vrid, struct vrrp_cfg *cfg)
{
	struct vrrp_vr *vr;

	lockdep_assert_held(&vn->lock);
	vr = kzalloc(sizeof(*vr), GFP_KERNEL);
	if (!vr)
		return NULL;
	refcount_set(&vr->ref, 1);
	vr->vn = vn;
	vr->net = vn->net;
	vr->ifindex = dev->ifindex;
	vr->family = family;
	vr->vrid = vrid;
	spin_lock_init(&vr->lock);
	RCU_INIT_POINTER(vr->cfg, cfg);
	vr->dev = dev;
	netdev_hold(dev, &vr->dev_tracker, GFP_KERNEL);
	vr->state = VRRP_STATE_INIT;
	vr->force = cfg->p.force;
	INIT_WORK(&vr->work, vrrp_vr_work);
	vrrp_stats_reset(&vr->stats);
	vrrp_fsm_init(vr);

	hash_add_rcu(vn->table, &vr->hnode, vrrp_hash(vr->ifindex, family, vrid));
	vn->count++;
	WRITE_ONCE(vn->n_guard_plain,
		   vn->n_guard_plain + vrrp_vmac_guard_plain(cfg));

	/* group join and VMAC set-up first, then the protocol */
	vrrp_vr_queue_work(vr);
	spin_lock_bh(&vr->lock);
	vrrp_fsm_recheck(vr, VRRP_REASON_STARTUP);
	spin_unlock_bh(&vr->lock);
	return vr;
}

/* Replaces the configuration; takes over the caller's reference on @cfg. */
void vrrp_vr_update(struct vrrp_vr *vr, struct vrrp_cfg *cfg)
{
	struct vrrp_net *vn = vr->vn;
	struct vrrp_cfg *old;

	lockdep_assert_held(&vn->lock);
	spin_lock_bh(&vr->lock);
	old = vrrp_cfg_locked(vr);
	WRITE_ONCE(vn->n_guard_plain, vn->n_guard_plain -
		   vrrp_vmac_guard_plain(old) + vrrp_vmac_guard_plain(cfg));
	rcu_assign_pointer(vr->cfg, cfg);
	vrrp_fsm_reconfig(vr, old);
	spin_unlock_bh(&vr->lock);
	vrrp_vr_queue_work(vr);
	vrrp_cfg_put(old);
}

/* a member left the group: the others are no longer held by it */
static void vrrp_sync_release(struct vrrp_net *vn, u32 group)
{
	const struct vrrp_cfg *cfg;
	struct vrrp_vr *vr;
	int bkt;

	hash_for_each(vn->table, bkt, vr, hnode) {
		cfg = rcu_dereference_protected(vr->cfg,
						lockdep_is_held(&vn->lock));
		if (cfg->p.sync_group == group)
			vrrp_fsm_sync_to(vr, VRRP_STATE_INIT,
					 VRRP_STATE_BACKUP);
	}
}

/*
 * Unlinks and stops a VR: a master sends priority 0. The work then removes
 * what was installed and drops its reference. Under vn->lock.
 */
void vrrp_vr_delete(struct vrrp_vr *vr)
{
	struct vrrp_net *vn = vr->vn;
	const struct vrrp_cfg *cfg;
	struct net_device *dev;

	lockdep_assert_held(&vn->lock);
	hash_del_rcu(&vr->hnode);
	vn->count--;
	cfg = rcu_dereference_protected(vr->cfg, lockdep_is_held(&vn->lock));
	WRITE_ONCE(vn->n_guard_plain,
		   vn->n_guard_plain - vrrp_vmac_guard_plain(cfg));

	spin_lock_bh(&vr->lock);
	vrrp_fsm_stop(vr, VRRP_REASON_ADMIN_DOWN);
	vr->dead = true;
	dev = vr->dev;
	vr->dev = NULL;
	spin_unlock_bh(&vr->lock);
	/* unhashed, the sync work no longer sees it: release its group here */
	if (cfg->p.sync_group)
		vrrp_sync_release(vn, cfg->p.sync_group);

	vrrp_fsm_cancel_timers(vr);
	/* the receive path may still see the VR under RCU: it checks dead */
	netdev_put(dev, &vr->dev_tracker);
	vrrp_vr_queue_work(vr);
	vrrp_vr_put(vr);
}
