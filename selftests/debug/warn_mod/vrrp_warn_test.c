// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module for the VM harness: it raises one kernel WARN when
 * loaded, so that selftests/debug/splat_detect.sh can prove that the
 * harness fails a test on a kernel splat.  Never install it.
 */
#include <linux/bug.h>
#include <linux/module.h>

static int __init vrrp_warn_test_init(void)
{
	WARN(1, "vrrp_warn_test: deliberate warning for the selftest harness\n");
	return 0;
}

static void __exit vrrp_warn_test_exit(void)
{
}

module_init(vrrp_warn_test_init);
module_exit(vrrp_warn_test_exit);
MODULE_DESCRIPTION("vrrp selftest harness: deliberate WARN on load");
MODULE_LICENSE("GPL");
