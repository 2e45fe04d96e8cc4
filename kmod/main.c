// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: in-kernel VRRP (RFC 3768 / RFC 9568). Module init and exit only.
 *
 * Exit order: the genl family goes first (no new configuration, no more
 * events: see vrrp_genl_exit()), then the protocol
 * handlers (no packet reaches a VR any more), then the per-netns state
 * (netns.c describes that part), then what RCU still holds.
 */
#include <linux/module.h>
#include <linux/init.h>
#include <net/net_namespace.h>

#include "core.h"
#include "wire.h"

unsigned int vrrp_max_vrs __read_mostly = 32768;
module_param_named(max_vrs, vrrp_max_vrs, uint, 0644);
MODULE_PARM_DESC(max_vrs, "VRs per network namespace (default 32768)");

unsigned int vrrp_max_vrs_userns __read_mostly = 1024;
module_param_named(max_vrs_userns, vrrp_max_vrs_userns, uint, 0644);
MODULE_PARM_DESC(max_vrs_userns,
		 "VRs per network namespace owned by a user namespace other than the initial one (default 1024)");

unsigned int vrrp_min_advert_userns __read_mostly = 10;
module_param_named(min_advert_cs_userns, vrrp_min_advert_userns, uint, 0644);
MODULE_PARM_DESC(min_advert_cs_userns,
		 "smallest advert interval, in centiseconds, in such a namespace (default 10)");

/* the codec's wire numbers are the ones uapi promises (review: style 4) */
static void __init vrrp_check_contract(void)
{
	BUILD_BUG_ON(VRRP_V3_ADVERT_INT_MAX != VRRP_V3_INTERVAL_MAX);
	BUILD_BUG_ON(VRRP_V2_INTERVAL_MAX * 100 != VRRP_V2_ADVERT_INT_MAX);
	BUILD_BUG_ON(VRRP_MAX_VIPS > U8_MAX);	/* the count field */
	BUILD_BUG_ON(VRRP_AUTH_NONE != VRRP_WIRE_AUTH_NONE);
	BUILD_BUG_ON(VRRP_AUTH_SIMPLE != VRRP_WIRE_AUTH_SIMPLE);
	BUILD_BUG_ON(VRRP_AUTH_P0 != VRRP_WIRE_AUTH_P0);
	BUILD_BUG_ON(VRRP_AUTH_P1 != VRRP_WIRE_AUTH_P1);
	BUILD_BUG_ON(VRRP_HDR_LEN + VRRP_MAX_VIPS * VRRP_ADDR6_LEN >
		     VRRP_WIRE_PDU_MAX);
}

static int __init vrrp_init(void)
{
	int err;

	vrrp_check_contract();
	err = vrrp_wire_selftest();
	if (err) {
		pr_err("advert codec self-test failed\n");
		return err;
	}

	err = register_pernet_subsys(&vrrp_net_ops);
	if (err)
		return err;

	err = vrrp_rx_init();
	if (err)
		goto err_pernet;

	err = vrrp_genl_init();
	if (err)
		goto err_rx;

	pr_info("in-kernel VRRP v2/v3 loaded\n");
	return 0;

err_rx:
	vrrp_rx_exit();
err_pernet:
	unregister_pernet_subsys(&vrrp_net_ops);
	return err;
}

static void __exit vrrp_exit(void)
{
	vrrp_genl_exit();
	vrrp_rx_exit();
	unregister_pernet_subsys(&vrrp_net_ops);
	rcu_barrier();
}

module_init(vrrp_init);
module_exit(vrrp_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("In-kernel VRRP (RFC 3768 / RFC 9568)");
MODULE_AUTHOR("vrrp developers");
MODULE_VERSION(VRRP_VERSION);
MODULE_ALIAS_GENL_FAMILY(VRRP_GENL_NAME);
MODULE_SOFTDEP("pre: macvlan");
