// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: in-kernel VRRP (RFC 3768 / RFC 9568). Module init and exit only.
 */
#include <linux/module.h>
#include <linux/init.h>
#include <net/net_namespace.h>

#include "core.h"

unsigned int vrrp_net_id __read_mostly;
struct workqueue_struct *vrrp_wq;

static int __net_init vrrp_net_init(struct net *net)
{
	struct vrrp_net *vn = vrrp_net(net);
	int err;

	vn->net = net;
	err = vrrp_net_init_table(vn);
	if (err)
		return err;
	err = vrrp_addr_net_init(vn);
	if (err)
		goto err_table;
	err = vrrp_vmac_net_init(vn);
	if (err)
		goto err_addr;
	return 0;

err_addr:
	vrrp_addr_net_exit(vn);
err_table:
	vrrp_net_free_table(vn);
	return err;
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

	vrrp_net_shutdown(vn);
	flush_workqueue(vrrp_wq);
	cancel_work_sync(&vn->sync_work);
	vrrp_vmac_net_exit(vn);
	vrrp_addr_net_exit(vn);
	vrrp_net_free_table(vn);
}

static struct pernet_operations vrrp_net_ops = {
	.init = vrrp_net_init,
	.pre_exit = vrrp_net_pre_exit,
	.exit = vrrp_net_exit,
	.id = &vrrp_net_id,
	.size = sizeof(struct vrrp_net),
};

static int __init vrrp_init(void)
{
	int err;

	vrrp_wq = alloc_workqueue("vrrp", WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	if (!vrrp_wq)
		return -ENOMEM;

	err = register_pernet_subsys(&vrrp_net_ops);
	if (err)
		goto err_wq;

	err = vrrp_rx_init();
	if (err)
		goto err_pernet;

	err = vrrp_track_init();
	if (err)
		goto err_rx;

	err = vrrp_genl_init();
	if (err)
		goto err_track;

	pr_info("vrrp: in-kernel VRRP v2/v3 loaded\n");
	return 0;

err_track:
	vrrp_track_exit();
err_rx:
	vrrp_rx_exit();
err_pernet:
	unregister_pernet_subsys(&vrrp_net_ops);
err_wq:
	destroy_workqueue(vrrp_wq);
	return err;
}

static void __exit vrrp_exit(void)
{
	/* no new configuration, then tear every netns' VRs down */
	vrrp_genl_exit();
	vrrp_track_quiesce();
	unregister_pernet_subsys(&vrrp_net_ops);
	vrrp_track_exit();
	vrrp_rx_exit();
	flush_workqueue(vrrp_wq);
	rcu_barrier();
	destroy_workqueue(vrrp_wq);
}

module_init(vrrp_init);
module_exit(vrrp_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("In-kernel VRRP (RFC 3768 / RFC 9568)");
MODULE_AUTHOR("vrrp developers");
MODULE_ALIAS_GENL_FAMILY(VRRP_GENL_NAME);
