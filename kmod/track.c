// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: the netdev notifier of a netns, interface tracking, sync groups.
 *
 * The notifier is registered per netns (with its first VR), so it only
 * sees that netns' devices and goes away with the netns' state. It runs
 * under RTNL and takes vn->lock.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "core.h"

static bool vrrp_dev_ok(const struct net_device *dev)
{
	return dev && netif_running(dev) && netif_carrier_ok(dev);
}

/*
 * Priority lost to tracked interfaces that are down or missing; one of
 * weight 0 down is a fault. Tracks are by name: a device deleted and made
 * again counts as soon as it is up. Under vr->lock.
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

		if (vrrp_dev_ok(dev_get_by_name_rcu(vr->net, t->name)))
			continue;
		if (!t->weight)
			*fault = true;
		loss += t->weight;
	}
	rcu_read_unlock();
	return min(loss, 254U);
}

static bool vrrp_tracks(const struct vrrp_cfg *cfg, const char *name)
{
	int i;

	for (i = 0; i < cfg->n_tracks; i++)
		if (!name || !strcmp(cfg->tracks[i].name, name))
			return true;
	return false;
}

static void vrrp_recheck(struct vrrp_vr *vr, u8 reason)
{
	spin_lock_bh(&vr->lock);
	vrrp_engine_recheck(vr, reason);
	spin_unlock_bh(&vr->lock);
}

/* @dev goes: let it go everywhere, and detach the VRs that run on it */
static void vrrp_netdev_gone(struct vrrp_net *vn, struct net_device *dev)
{
	struct hlist_node *tmp;
	struct vrrp_vr *vr;
	int bkt;

	list_for_each_entry(vr, &vn->insts, inst_node)
		vrrp_inst_dev_gone(vr, dev);
	vrrp_for_each_vr(vn, bkt, tmp, vr)
		if (vr->dev == dev)
			vrrp_vr_detach(vr);
	vrrp_hook_dev_gone(vn, dev);
}

static int vrrp_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct vrrp_net *vn = container_of(nb, struct vrrp_net, netdev_nb);
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	const char *name = dev->name;
	struct hlist_node *tmp;
	struct vrrp_vr *vr;
	int bkt;
	u8 reason;

	switch (event) {
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_GOING_DOWN:
	case NETDEV_CHANGE:
	case NETDEV_UNREGISTER:
	case NETDEV_REGISTER:
		break;
	case NETDEV_CHANGENAME:
		name = NULL;	/* the old name is not known: every track */
		break;
	default:
		return NOTIFY_DONE;
	}
	reason = vrrp_dev_ok(dev) ? VRRP_REASON_LINK_UP : VRRP_REASON_LINK_DOWN;

	mutex_lock(&vn->lock);
	if (event == NETDEV_UNREGISTER)
		vrrp_netdev_gone(vn, dev);
	else if (event == NETDEV_REGISTER || event == NETDEV_CHANGENAME)
		vrrp_vr_attach(vn, dev);
	vrrp_for_each_vr(vn, bkt, tmp, vr) {
		if (vr->dev == dev) {
			if (event == NETDEV_GOING_DOWN) {
				/* priority 0 while the link can still send */
				spin_lock_bh(&vr->lock);
				vrrp_engine_stop(vr, NULL, VRRP_REASON_LINK_DOWN);
				spin_unlock_bh(&vr->lock);
			} else {
				vrrp_recheck(vr, reason);
			}
		} else if (vrrp_tracks(vrrp_cfg_vn(vr), name)) {
			vrrp_recheck(vr, VRRP_REASON_TRACK);
		}
	}
	mutex_unlock(&vn->lock);
	return NOTIFY_DONE;
}

int vrrp_track_register(struct vrrp_net *vn)
{
	vn->netdev_nb.notifier_call = vrrp_netdev_event;
	return register_netdevice_notifier_net(vn->net, &vn->netdev_nb);
}

void vrrp_track_unregister(struct vrrp_net *vn)
{
	unregister_netdevice_notifier_net(vn->net, &vn->netdev_nb);
}

/* A VR changed state for its own reasons: its group follows. */
void vrrp_sync_kick(struct vrrp_vr *vr, u8 old)
{
	vr->sync_old = old;
	vr->sync_state = vr->fsm.state;
	/*
	 * Stopped by the administrator (down, deleted, reconfigured): it
	 * leaves the group rather than failing, so it holds nobody.
	 */
	if (vr->fsm.state == VRRP_STATE_INIT &&
	    (vr->fsm.reason == VRRP_REASON_ADMIN_DOWN ||
	     vr->fsm.reason == VRRP_REASON_CONFIG)) {
		vr->sync_old = VRRP_STATE_INIT;
		vr->sync_state = VRRP_STATE_BACKUP;
	}
	vr->sync_pending = true;
	queue_work(vr->vn->wq, &vr->vn->sync_work);
}

/* a member left the group: the others are no longer held by it */
void vrrp_sync_release(struct vrrp_net *vn, u32 group)
{
	struct hlist_node *tmp;
	struct vrrp_vr *vr;
	int bkt;

	vrrp_for_each_vr(vn, bkt, tmp, vr)
		if (vrrp_cfg_vn(vr)->p.sync_group == group)
			vrrp_engine_sync_to(vr, VRRP_STATE_INIT,
					    VRRP_STATE_BACKUP);
}

void vrrp_sync_work(struct work_struct *work)
{
	struct vrrp_net *vn = container_of(work, struct vrrp_net, sync_work);
	struct vrrp_vr *vr, *other;
	struct hlist_node *tmp, *otmp;
	int bkt, obkt;
	u32 group;
	u8 state, old;
	bool pending;

	mutex_lock(&vn->lock);
	vrrp_for_each_vr(vn, bkt, tmp, vr) {
		spin_lock_bh(&vr->lock);
		pending = vr->sync_pending;
		vr->sync_pending = false;
		state = vr->sync_state;
		old = vr->sync_old;
		group = vrrp_cfg_locked(vr)->p.sync_group;
		spin_unlock_bh(&vr->lock);
		if (!pending || !group)
			continue;
		vrrp_for_each_vr(vn, obkt, otmp, other) {
			if (other == vr ||
			    vrrp_cfg_vn(other)->p.sync_group != group)
				continue;
			vrrp_engine_sync_to(other, old, state);
		}
	}
	mutex_unlock(&vn->lock);
}
