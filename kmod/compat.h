/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vrrp: kernel version shims. Every LINUX_VERSION_CODE test of the module
 * lives here.
 */
#ifndef _VRRP_COMPAT_H
#define _VRRP_COMPAT_H

#include <linux/version.h>
#include <linux/hrtimer.h>
#include <net/genetlink.h>
#include <crypto/sha2.h>

/* hrtimer_setup() appeared in 6.13, hrtimer_init() went away in 6.15 */
static inline void vrrp_hrtimer_setup(struct hrtimer *t,
				      enum hrtimer_restart (*fn)(struct hrtimer *),
				      clockid_t clock, enum hrtimer_mode mode)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
	hrtimer_setup(t, fn, clock, mode);
#else
	hrtimer_init(t, clock, mode);
	t->function = fn;
#endif
}

/* attributes parsed by the core for a dump (policy applied) */
static inline struct nlattr **vrrp_dump_attrs(struct netlink_callback *cb)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/* the ops of a family's pre_doit/post_doit: struct genl_split_ops from 6.2 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define vrrp_genl_doit_ops genl_split_ops
#else
#define vrrp_genl_doit_ops genl_ops
#endif

/*
 * The library SHA-256 (wire_auth.c, P0 auth): struct sha256_state until
 * 6.16, struct sha256_ctx from 6.17 on. The functions keep their names.
 */
struct vrrp_sha256_ctx {
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 17, 0)
	struct sha256_ctx s;
#else
	struct sha256_state s;
#endif
};

#endif /* _VRRP_COMPAT_H */
