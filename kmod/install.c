// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: the per-VR work, sole owner of what a VR installs in its netns.
 *
 * It reconciles struct vrrp_inst with what the VR's state and
 * configuration ask for: the VRRP multicast group and the ingress hook on
 * the VR's device (while the VR exists), the VMAC as a secondary unicast
 * address of the device (default VMAC mode, while Master), the macvlan vif
 * (vif mode), and the VIPs and routes (while Master), plus the entries of
 * the netns' VIP index and the accept-mode guard.
 *
 * Works of one netns run one at a time, in the order they were queued
 * (an ordered workqueue per netns). So when a VR is deleted and created
 * again at once, the old VR's work removes its VIPs and its vif before
 * the new VR's work adds them back: the new VR always ends up with them.
 *
 * Device pointers in vrrp_inst hold references and change under RTNL. A
 * device that is unregistered while the work holds it is let go at once
 * by vrrp_inst_dev_gone() (from the netdev notifier): its addresses,
 * routes, group memberships and filter entries go with it, so there is
 * nothing left to remove.
 */
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/if_macvlan.h>
#include <linux/rtnetlink.h>
#include <net/l3mdev.h>

#include "core.h"

bool vrrp_inst_empty(const struct vrrp_inst *inst)
{
	return !inst->joined && !inst->hook && !inst->uc && !inst->vif &&
	       !inst->dev && !inst->rdev && !inst->cfg && !inst->guarded;
}

static void vrrp_inst_hold(struct net_device **slot,
			   netdevice_tracker *tracker, struct net_device *dev)
{
	*slot = dev;
	netdev_hold(dev, tracker, GFP_KERNEL);
}

static void vrrp_inst_drop(struct net_device **slot,
			   netdevice_tracker *tracker)
{
	struct net_device *dev = *slot;

	*slot = NULL;
	netdev_put(dev, tracker);
}

/*
 * @dev is being unregistered: forget what the VR installed on it. Under
 * RTNL (and vn->lock), from the netdev notifier.
 */
void vrrp_inst_dev_gone(struct vrrp_vr *vr, struct net_device *dev)
{
	struct vrrp_inst *inst = &vr->inst;
	bool any = false;

	ASSERT_RTNL();
	if (inst->joined == dev) {
		vrrp_inst_drop(&inst->joined, &inst->joined_tracker);
		any = true;
	}
	if (inst->uc == dev) {
		vrrp_inst_drop(&inst->uc, &inst->uc_tracker);
		any = true;
	}
	if (inst->vif == dev) {
		vrrp_inst_drop(&inst->vif, &inst->vif_tracker);
		any = true;
	}
	if (inst->dev == dev) {
		/* the work sees inst->cfg without inst->dev: nothing to remove */
		vrrp_inst_drop(&inst->dev, &inst->dev_tracker);
		any = true;
	}
	if (inst->rdev == dev) {
		vrrp_inst_drop(&inst->rdev, &inst->rdev_tracker);
		any = true;
	}
	if (inst->hook && vrrp_hook_dev(inst->hook) == dev) {
		vrrp_hook_put(vr->vn, inst->hook);
		inst->hook = NULL;
		any = true;
	}
	/*
	 * A dead VR's last work is queued or running, and it lets go of
	 * whatever is left; queueing it again could hit the workqueue that
	 * vrrp_net_exit() is draining (a WARN, and the VR never freed).
	 */
	if (any && !vr->dead)
		vrrp_vr_queue_work(vr);
}

/* the group, the hook, the VMAC filter entry: step 1, under RTNL */
static void vrrp_inst_links(struct vrrp_vr *vr, struct net_device *dev,
			    bool uc)
{
	struct vrrp_inst *inst = &vr->inst;
	u8 mac[ETH_ALEN];

	vrrp_vmac(vr->family, vr->vrid, mac);
	if (inst->joined && inst->joined != dev) {
		vrrp_rx_leave(vr->family, inst->joined);
		vrrp_inst_drop(&inst->joined, &inst->joined_tracker);
	}
	if (dev && !inst->joined && !vrrp_rx_join(vr->family, dev))
		vrrp_inst_hold(&inst->joined, &inst->joined_tracker, dev);

	if (inst->hook && vrrp_hook_dev(inst->hook) != dev) {
		vrrp_hook_put(vr->vn, inst->hook);
		inst->hook = NULL;
	}
	if (dev && !inst->hook)
		inst->hook = vrrp_hook_get(vr->vn, dev);

	if (!uc)
		dev = NULL;
	if (inst->uc && inst->uc != dev) {
		dev_uc_del(inst->uc, mac);
		vrrp_inst_drop(&inst->uc, &inst->uc_tracker);
	}
	if (dev && !inst->uc && !dev_uc_add(dev, mac))
		vrrp_inst_hold(&inst->uc, &inst->uc_tracker, dev);
}

static void vrrp_vip_ll(struct vrrp_vr *vr, struct vrrp_vip *v)
{
	memset(v, 0, sizeof(*v));
	vrrp_ll_from_vmac(vr->vrid, &v->addr.ip6);
	v->plen = 64;
}

/*
 * One request per VIP (and derived link-local) on @ifindex and per route
 * on @rifindex (0: the device went, with its routes), in one batch.
 * -ENOMEM if there was no memory for the batch: nothing was sent.
 */
static int vrrp_inst_rtnl(struct vrrp_vr *vr, struct vrrp_cfg *cfg,
			  int cmd, int ifindex, int rifindex)
{
	int i, n = cfg->n_vips, rcmd;
	struct vrrp_rtnl_batch *b;
	u8 *flags = cfg->inst_flags;
	bool add = cmd == RTM_NEWADDR;
	struct vrrp_vip ll;

	b = vrrp_rtnl_begin(vr->vn);
	if (!b) {
		if (add)
			memset(flags, 0, n + 1 + cfg->n_routes);
		return -ENOMEM;
	}
	rcmd = add ? RTM_NEWROUTE : RTM_DELROUTE;
	if (!add && rifindex)
		for (i = 0; i < cfg->n_routes; i++)
			if (flags[n + 1 + i])
				vrrp_rtnl_route(b, rcmd, vr->family, rifindex,
						vr->inst.rtable,
						&cfg->routes[i], NULL);
	if (ifindex && cfg->ll_added && (add || flags[n])) {
		vrrp_vip_ll(vr, &ll);
		vrrp_rtnl_addr(b, cmd, vr->family, ifindex, &ll, true,
			       add ? &flags[n] : NULL);
	}
	/* EEXIST on add: the address was there before us, it is not ours */
	for (i = 0; ifindex && i < n; i++)
		if (add || flags[i])
			vrrp_rtnl_addr(b, cmd, vr->family, ifindex,
				       &cfg->vips[i], false,
				       add ? &flags[i] : NULL);
	if (add)
		for (i = 0; i < cfg->n_routes; i++)
			vrrp_rtnl_route(b, rcmd, vr->family, rifindex,
					vr->inst.rtable, &cfg->routes[i],
					&flags[n + 1 + i]);
	vrrp_rtnl_end(b);
	return 0;
}

/* removes exactly what inst->cfg says we added, unless it went already */
static void vrrp_inst_remove(struct vrrp_vr *vr)
{
	struct vrrp_inst *inst = &vr->inst;
	struct vrrp_cfg *cfg = inst->cfg;
	int ifindex, rifindex;

	vrrp_vip_unindex(vr, cfg);
	if (inst->guarded) {
		vrrp_guard_put(vr->vn);
		inst->guarded = false;
	}
	rtnl_lock();
	ifindex = inst->dev ? inst->dev->ifindex : 0;
	rifindex = inst->rdev ? inst->rdev->ifindex : 0;
	rtnl_unlock();
	if ((ifindex || rifindex) && !vr->vn->dying)
		vrrp_inst_rtnl(vr, cfg, RTM_DELADDR, ifindex, rifindex);
	rtnl_lock();
	if (inst->dev)
		vrrp_inst_drop(&inst->dev, &inst->dev_tracker);
	if (inst->rdev)
		vrrp_inst_drop(&inst->rdev, &inst->rdev_tracker);
	rtnl_unlock();
	inst->cfg = NULL;
	vrrp_cfg_put(cfg);
}

/* VIPs on the vif (vif mode) or the device, routes on the device */
/* -ENOMEM: nothing installed, the caller tries again */
static int vrrp_inst_add(struct vrrp_vr *vr, struct vrrp_cfg *cfg, u32 gen)
{
	struct vrrp_inst *inst = &vr->inst;
	int ifindex = 0, rifindex = 0;
	struct net_device *target;

	rtnl_lock();
	target = cfg->p.vmac_mode == VRRP_VMAC_MACVLAN ? inst->vif : vr->dev;
	if (target && vr->dev) {
		vrrp_inst_hold(&inst->dev, &inst->dev_tracker, target);
		vrrp_inst_hold(&inst->rdev, &inst->rdev_tracker, vr->dev);
		ifindex = target->ifindex;
		rifindex = vr->dev->ifindex;
		/* on a VRF slave, the routes belong in the VRF's table */
		inst->rtable = l3mdev_fib_table(vr->dev) ? : RT_TABLE_MAIN;
	}
	rtnl_unlock();
	if (!ifindex)
		return 0;
	if (vrrp_inst_rtnl(vr, cfg, RTM_NEWADDR, ifindex, rifindex)) {
		rtnl_lock();
		vrrp_inst_drop(&inst->dev, &inst->dev_tracker);
		vrrp_inst_drop(&inst->rdev, &inst->rdev_tracker);
		rtnl_unlock();
		return -ENOMEM;
	}
	refcount_inc(&cfg->ref);
	inst->cfg = cfg;
	inst->gen = gen;
	vrrp_vip_index(vr, cfg);
	if (!cfg->p.accept && cfg->p.priority != VRRP_OWNER_PRIORITY) {
		vrrp_guard_get(vr->vn);
		inst->guarded = true;
	}
	return 0;
}

static bool vrrp_same_installs(const struct vrrp_cfg *a,
			       const struct vrrp_cfg *b)
{
	return a->n_vips == b->n_vips && a->n_routes == b->n_routes &&
	       a->ll_added == b->ll_added && a->p.accept == b->p.accept &&
	       a->p.priority == b->p.priority &&
	       a->p.vmac_mode == b->p.vmac_mode &&
	       !memcmp(a->vips, b->vips, a->n_vips * sizeof(*a->vips)) &&
	       !memcmp(a->routes, b->routes, a->n_routes * sizeof(*a->routes));
}

/* macvlan mode: the vif named vifname on the VR's device, with the VMAC */
static void vrrp_inst_vif(struct vrrp_vr *vr, struct vrrp_cfg *cfg,
			  bool want)
{
	struct vrrp_inst *inst = &vr->inst;
	int gone = 0, parent = 0, err;
	struct net_device *vif;
	u8 mac[ETH_ALEN];

	rtnl_lock();
	if (inst->vif && (!want || strcmp(inst->vif->name, cfg->p.vifname))) {
		gone = inst->vif->ifindex;
		vrrp_inst_drop(&inst->vif, &inst->vif_tracker);
	}
	if (want && !inst->vif && vr->dev)
		parent = vr->dev->ifindex;
	rtnl_unlock();
	if (vr->vn->dying)
		return;
	if (gone)
		vrrp_rtnl_link(vr->vn, RTM_DELLINK, gone, NULL, NULL);
	if (!parent)
		return;

	/*
	 * Only with macvlan loaded: rtnetlink would ask modprobe for it,
	 * and a netns being torn down waits for this work while modprobe
	 * waits for the netns teardown (pernet_ops_rwsem).
	 */
	if (!vrrp_vif_available()) {
		net_warn_ratelimited("VRID %u: no vif %s: the macvlan module is not loaded\n",
				     vr->vrid, cfg->p.vifname);
		return;
	}
	vrrp_vmac(vr->family, vr->vrid, mac);
	err = vrrp_rtnl_link(vr->vn, RTM_NEWLINK, parent, cfg->p.vifname, mac);
	vrrp_vif_release();
	if (err)
		return;
	rtnl_lock();
	vif = __dev_get_by_name(vr->net, cfg->p.vifname);
	if (vif && netif_is_macvlan(vif) && !inst->vif &&
	    ether_addr_equal(vif->dev_addr, mac))
		vrrp_inst_hold(&inst->vif, &inst->vif_tracker, vif);
	rtnl_unlock();
}

void vrrp_vr_work(struct work_struct *work)
{
	struct vrrp_vr *vr = container_of(work, struct vrrp_vr, work);
	struct vrrp_inst *inst = &vr->inst;
	bool dead, master, macvlan, stale, retry = false;
	struct net_device *dev;
	struct vrrp_cfg *cfg;
	u32 gen;

	spin_lock_bh(&vr->lock);
	dead = vr->dead;
	master = !dead && vr->fsm.state == VRRP_STATE_MASTER;
	gen = vr->master_gen;
	cfg = vrrp_cfg_locked(vr);
	refcount_inc(&cfg->ref);
	spin_unlock_bh(&vr->lock);
	macvlan = cfg->p.vmac_mode == VRRP_VMAC_MACVLAN;

	/* 1. group, hook, VMAC filter entry; vr->dev is stable under RTNL */
	rtnl_lock();
	dev = dead ? NULL : vr->dev;
	vrrp_inst_links(vr, dev,
			master && cfg->p.vmac_mode == VRRP_VMAC_ETHER);
	/*
	 * Installed in an earlier term as Master: the VR left Master since
	 * (a link flap, say, which takes routes and IPv6 addresses with it)
	 * and came back before this work ran. Remove and add again.
	 */
	stale = inst->cfg &&
		(!master || inst->gen != gen || !inst->dev ||
		 !vrrp_same_installs(inst->cfg, cfg) ||
		 inst->dev != (macvlan ? inst->vif : dev) || inst->rdev != dev);
	rtnl_unlock();

	/* 2. VIPs and routes that no longer apply (on the old vif too) */
	if (stale)
		vrrp_inst_remove(vr);

	/* 3. the vif, while the VR has its device */
	vrrp_inst_vif(vr, cfg, dev && macvlan);

	/* 4. VIPs and routes of a Master */
	if (master && !inst->cfg && vrrp_inst_add(vr, cfg, gen))
		retry = true;

	/* a dead VR that let everything go leaves the notifier's sight */
	if (dead) {
		rtnl_lock();
		WARN_ON(!vrrp_inst_empty(inst));
		list_del_init(&vr->inst_node);
		rtnl_unlock();
	}

	/* no memory for the VIPs: again shortly, after the others' works */
	if (retry) {
		net_warn_ratelimited("VRID %u: no memory to install the addresses, retrying\n",
				     vr->vrid);
		msleep(100);
		vrrp_vr_queue_work(vr);
	}
	vrrp_cfg_put(cfg);
	vrrp_vr_put(vr);
}
