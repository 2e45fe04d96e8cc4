// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: the per-netns state and its lifetime.
 *
 * struct vrrp_net is allocated by the netns core for every netns (it is
 * small); what a netns with VRs needs on top (the tables, an ordered
 * workqueue, the netdev notifier, the ARP/ND output hooks) is set up with
 * its first VR, by vrrp_net_setup(), and stays until the netns goes.
 *
 * Teardown, for a dying netns and for every netns on rmmod:
 * 1. ->pre_exit: every VR is deleted: a Master sends its priority 0
 *    advert while the devices are still there, its timers are stopped and
 *    its work is queued. In a dying netns the works remove nothing (the
 *    devices take their addresses with them).
 * 2. (dying netns) the netns core unregisters the devices: the notifier
 *    drops every reference the works held on them.
 * 3. ->exit: the netns' workqueue is drained and destroyed, so that every
 *    work of this netns, and only of this netns, has run; then the hooks,
 *    the notifier and the kernel rtnetlink socket go, and the tables are
 *    freed after a grace period.
 * On rmmod, main.c has already stopped the genl family and the protocol
 * handlers, so no packet and no request reaches a netns being torn down.
 */
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/net_namespace.h>

#include "core.h"

unsigned int vrrp_net_id __read_mostly;

static int __net_init vrrp_net_init(struct net *net)
{
	struct vrrp_net *vn = vrrp_net(net);

	vn->net = net;
	mutex_init(&vn->lock);
	mutex_init(&vn->setup_lock);
	INIT_LIST_HEAD(&vn->detached);
	INIT_LIST_HEAD(&vn->hooks);
	INIT_LIST_HEAD(&vn->insts);
	INIT_WORK(&vn->sync_work, vrrp_sync_work);
	vn->gstats.discontinuity = vrrp_now_real();
	return 0;
}

/*
 * What a netns needs once it has a VR. Process context, without RTNL or
 * vn->lock (the notifier registration takes RTNL).
 */
int vrrp_net_setup(struct vrrp_net *vn)
{
	struct vrrp_tables *t;
	int err = 0;

	mutex_lock(&vn->setup_lock);
	if (vn->set_up)
		goto out;
	err = -ENOMEM;
	t = kvzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);
	if (!t)
		goto out;
	hash_init(t->vrs);
	hash_init(t->vips);
	vn->wq = alloc_ordered_workqueue("vrrp-%u", 0, vn->net->ns.inum);
	if (!vn->wq)
		goto err_t;
	err = vrrp_vmac_net_init(vn);
	if (err)
		goto err_wq;
	/* the notifier replays the existing devices: the tables first */
	rcu_assign_pointer(vn->t, t);
	err = vrrp_track_register(vn);
	if (err)
		goto err_vmac;
	vn->set_up = true;
	goto out;

err_vmac:
	RCU_INIT_POINTER(vn->t, NULL);
	synchronize_net();
	vrrp_vmac_net_exit(vn);
err_wq:
	destroy_workqueue(vn->wq);
	vn->wq = NULL;
err_t:
	kvfree(t);
out:
	mutex_unlock(&vn->setup_lock);
	return err;
}

/* Deletes every VR of the netns (priority 0 from Masters). */
void vrrp_net_shutdown(struct vrrp_net *vn)
{
	struct vrrp_vr *vr, *n;
	struct hlist_node *tmp;
	int bkt;

	if (!vn->set_up)
		return;
	rtnl_lock();
	mutex_lock(&vn->lock);
	vrrp_for_each_vr(vn, bkt, tmp, vr)
		vrrp_vr_delete(vr);
	list_for_each_entry_safe(vr, n, &vn->detached, dnode)
		vrrp_vr_delete(vr);
	mutex_unlock(&vn->lock);
	rtnl_unlock();
}

static void __net_exit vrrp_net_pre_exit(struct net *net)
{
	struct vrrp_net *vn = vrrp_net(net);

	/* a dying netns loses its devices and addresses anyway */
	vn->dying = !check_net(net);
	vrrp_net_shutdown(vn);
}

static void __net_exit vrrp_net_exit(struct net *net)
{
	struct vrrp_net *vn = vrrp_net(net);
	struct vrrp_tables *t;

	if (vn->set_up) {
		/* a VR made after pre_exit (none should be) goes too */
		vrrp_net_shutdown(vn);
		/* every work of this netns, the sync work included */
		destroy_workqueue(vn->wq);
		vn->wq = NULL;
		vrrp_guard_exit(vn);
		vrrp_track_unregister(vn);
		vrrp_vmac_net_exit(vn);
		vrrp_rtnl_close(vn);
		t = rcu_dereference_protected(vn->t, true);
		RCU_INIT_POINTER(vn->t, NULL);
		WARN_ON(vn->count || !list_empty(&vn->detached));
		kvfree_rcu(t, rcu);
	}
	mutex_destroy(&vn->setup_lock);
	mutex_destroy(&vn->lock);
}

struct pernet_operations vrrp_net_ops = {
	.init = vrrp_net_init,
	.pre_exit = vrrp_net_pre_exit,
	.exit = vrrp_net_exit,
	.id = &vrrp_net_id,
	.size = sizeof(struct vrrp_net),
};
