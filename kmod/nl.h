/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vrrp: what the generic netlink files (netlink.c: the family and its
 * operations; nl_cfg.c: policies and configuration parsing; nl_fill.c:
 * messages out) share.
 */
#ifndef _VRRP_NL_H
#define _VRRP_NL_H

#include "core.h"

/* A VR's key as a request gives it. */
struct vrrp_key {
	struct net_device *dev;	/* NULL: a detached VR, by name; RTNL */
	int ifindex;		/* 0 with dev NULL */
	char name[IFNAMSIZ];
	u8 family;
	u8 vrid;
};

#define VRRP_KEY_VRID		0x1	/* the VRID is required */
#define VRRP_KEY_DETACHED	0x2	/* a name without a device will do */

extern const struct nla_policy vrrp_cfg_policy[VRRP_A_MAX + 1];
extern const struct nla_policy vrrp_key_policy[VRRP_A_MAX + 1];
extern const struct nla_policy vrrp_batch_policy[VRRP_A_MAX + 1];

int vrrp_parse_key(struct net *net, struct nlattr **tb, struct vrrp_key *k,
		   unsigned int flags, struct netlink_ext_ack *extack);
int vrrp_parse_cfg(struct net *net, struct nlattr **tb,
		   const struct vrrp_key *k, const struct vrrp_cfg *base,
		   struct vrrp_cfg **out, struct netlink_ext_ack *extack);
int vrrp_nl_need_macvlan(const struct nlattr *mode,
			 struct netlink_ext_ack *extack);

size_t vrrp_vr_msg_size(const struct vrrp_cfg *cfg);
int vrrp_fill_vr(struct sk_buff *skb, struct vrrp_vr *vr, u32 portid,
		 u32 seq, int flags, struct netlink_callback *cb);
int vrrp_fill_global(struct sk_buff *skb, struct vrrp_net *vn,
		     struct genl_info *info);

#endif /* _VRRP_NL_H */
