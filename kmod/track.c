// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: interface tracking, the netdev notifier and sync groups.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "core.h"

static bool vrrp_dev_ok(const struct net_device *dev)
{
	return dev && netif_running(dev) && netif_carrier_ok(dev);
}

/*
 * Priority lost to tracked interfaces that are down; a down interface of
 * weight 0 is a fault. Under vr->lock.
 */
u8 vrrp_track_loss(struct vrrp_vr *vr, const struct vrrp_cfg *cfg,
		   bool *fault)
{
	unsigned int loss = 0;
	int i;

	*fault = false;
	if (!cfg->n_tracks)
		return 0;
	rcu_read_lock();
	for (i = 0; i < cfg->n_tracks; i++) {
		const struct vrrp_track *t = &cfg->tracks[i];

		if (vrrp_dev_ok(dev_get_by_index_rcu(vr->net, t->ifindex)))
			continue;
		if (!t->weight)
			*fault = true;
		loss += t->weight;
	}
	rcu_read_unlock();
	return min(loss, 254U);
}

static bool vrrp_tracks(const struct vrrp_cfg *cfg, int ifindex)
{
	int i;

	for (i = 0; i < cfg->n_tracks; i++)
		if (cfg->tracks[i].ifindex == ifindex)
			return true;
	return false;
}

/* set under RTNL on rmmod, before the per-netns state goes away */
static bool vrrp_netdev_off;

static int vrrp_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct vrrp_net *vn;
	struct vrrp_vr *vr;
	struct hlist_node *tmp;
	int bkt;
	u8 reason;

	switch (event) {
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_GOING_DOWN:
	case NETDEV_CHANGE:
	case NETDEV_UNREGISTER:
		break;
	default:
		return NOTIFY_DONE;
	}
	if (vrrp_netdev_off)
		return NOTIFY_DONE;
	vn = vrrp_net(dev_net(dev));
	if (!vn || !vn->net)
		return NOTIFY_DONE;
	reason = vrrp_dev_ok(dev) ? VRRP_REASON_LINK_UP : VRRP_REASON_LINK_DOWN;

	mutex_lock(&vn->lock);
	hash_for_each_safe(vn->table, bkt, tmp, vr, hnode) {
		if (vr->ifindex == dev->ifindex) {
			if (event == NETDEV_UNREGISTER) {
				vrrp_vr_delete(vr);
				continue;
			}
			spin_lock_bh(&vr->lock);
			if (event == NETDEV_GOING_DOWN)
				/* priority 0 while the link can still send */
				vrrp_fsm_stop(vr, VRRP_REASON_LINK_DOWN);
			else
				vrrp_fsm_recheck(vr, reason);
			spin_unlock_bh(&vr->lock);
			continue;
		}
		if (vrrp_tracks(rcu_dereference_protected(vr->cfg, true),
				dev->ifindex)) {
			spin_lock_bh(&vr->lock);
			vrrp_fsm_recheck(vr, VRRP_REASON_TRACK);
			spin_unlock_bh(&vr->lock);
		}
	}
	mutex_unlock(&vn->lock);
	if (event == NETDEV_UNREGISTER)
		vrrp_vmac_detach_dev(vn, dev);
	return NOTIFY_DONE;
}

static struct notifier_block vrrp_netdev_nb = {
	.notifier_call = vrrp_netdev_event,
};

int vrrp_track_init(void)
{
	return register_netdevice_notifier(&vrrp_netdev_nb);
}

/*
 * Called on rmmod before the pernet state is freed: unregistering the
 * notifier afterwards replays NETDEV_UNREGISTER for every device, and the
 * handler must not look at freed per-netns state then. Netdev events run
 * under RTNL, so none is in flight once the flag is set.
 */
void vrrp_track_quiesce(void)
{
	rtnl_lock();
	vrrp_netdev_off = true;
	rtnl_unlock();
}

void vrrp_track_exit(void)
{
	unregister_netdevice_notifier(&vrrp_netdev_nb);
}

/* A VR changed state for its own reasons: its group follows. */
void vrrp_sync_kick(struct vrrp_vr *vr, u8 old)
{
	vr->sync_old = old;
	vr->sync_state = vr->state;
	/*
	 * Stopped by the administrator (down, deleted, reconfigured): it
	 * leaves the group rather than failing, so it holds nobody.
	 */
	if (vr->state == VRRP_STATE_INIT &&
	    (vr->last_reason == VRRP_REASON_ADMIN_DOWN ||
	     vr->last_reason == VRRP_REASON_CONFIG)) {
		vr->sync_old = VRRP_STATE_INIT;
		vr->sync_state = VRRP_STATE_BACKUP;
	}
	vr->sync_pending = true;
	queue_work(vrrp_wq, &vr->vn->sync_work);
}

void vrrp_sync_work(struct work_struct *work)
{
	struct vrrp_net *vn = container_of(work, struct vrrp_net, sync_work);
	struct vrrp_vr *vr, *other;
	int bkt, obkt;
	u32 group;
	u8 state, old;
	bool pending;

	mutex_lock(&vn->lock);
	hash_for_each(vn->table, bkt, vr, hnode) {
		spin_lock_bh(&vr->lock);
		pending = vr->sync_pending;
		vr->sync_pending = false;
		state = vr->sync_state;
		old = vr->sync_old;
		group = vrrp_cfg_locked(vr)->p.sync_group;
		spin_unlock_bh(&vr->lock);
		if (!pending || !group)
			continue;
		hash_for_each(vn->table, obkt, other, hnode) {
			if (other == vr ||
			    rcu_dereference_protected(other->cfg, true)->p.sync_group != group)
				continue;
			vrrp_fsm_sync_to(other, old, state);
		}
	}
	mutex_unlock(&vn->lock);
}
