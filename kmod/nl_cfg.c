// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: netlink policies and configuration parsing. The limits are the
 * uapi's VRRP_* defines, so that vrrpctl checks the same ones; each
 * rejection carries an extack message.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/kmod.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "nl.h"

#define VRRP_BOOL_POLICY	NLA_POLICY_MAX(NLA_U8, 1)

/* not const: 6.1's struct nla_policy points to them as writable */

static struct netlink_range_validation vrrp_preempt_delay_range = {
	.max = VRRP_PREEMPT_DELAY_MAX,
};

static struct netlink_range_validation vrrp_garp_delay_range = {
	.max = VRRP_GARP_DELAY_MAX,
};

static struct netlink_range_validation vrrp_garp_refresh_range = {
	.max = VRRP_GARP_REFRESH_MAX,
};

static const struct nla_policy vrrp_vip_policy[VRRP_VIP_A_MAX + 1] = {
	[VRRP_VIP_A_ADDR]	= { .type = NLA_BINARY, .len = 16 },
	[VRRP_VIP_A_PREFIXLEN]	= NLA_POLICY_RANGE(NLA_U8, 1, 128),
};

static const struct nla_policy vrrp_track_policy[VRRP_TRACK_A_MAX + 1] = {
	[VRRP_TRACK_A_IFINDEX]	= { .type = NLA_U32 },
	[VRRP_TRACK_A_IFNAME]	= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[VRRP_TRACK_A_WEIGHT]	= NLA_POLICY_MAX(NLA_U8, VRRP_TRACK_WEIGHT_MAX),
};

static const struct nla_policy vrrp_route_policy[VRRP_ROUTE_A_MAX + 1] = {
	[VRRP_ROUTE_A_DST]	= { .type = NLA_BINARY, .len = 16 },
	[VRRP_ROUTE_A_DST_LEN]	= NLA_POLICY_MAX(NLA_U8, 128),
	[VRRP_ROUTE_A_GATEWAY]	= { .type = NLA_BINARY, .len = 16 },
	[VRRP_ROUTE_A_METRIC]	= { .type = NLA_U32 },
	[VRRP_ROUTE_A_MTU]	= { .type = NLA_U32 },
};

static const struct nla_policy vrrp_peer_policy[VRRP_PEER_A_MAX + 1] = {
	[VRRP_PEER_A_ADDR]	= { .type = NLA_BINARY, .len = 16 },
};

#define VRRP_KEY_POLICY							\
	[VRRP_A_IFINDEX]	= { .type = NLA_U32 },			\
	[VRRP_A_FAMILY]		= { .type = NLA_U8 },			\
	[VRRP_A_VRID]		= NLA_POLICY_MIN(NLA_U8, 1),		\
	[VRRP_A_IFNAME]		= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 }

/* NEW, SET and each VR of a BATCH */
const struct nla_policy vrrp_cfg_policy[VRRP_A_MAX + 1] = {
	VRRP_KEY_POLICY,
	[VRRP_A_VERSION]	= NLA_POLICY_RANGE(NLA_U8, 2, 3),
	[VRRP_A_PRIORITY]	= NLA_POLICY_MIN(NLA_U8, 1),
	[VRRP_A_ADVERT_INT]	= NLA_POLICY_RANGE(NLA_U16, VRRP_ADVERT_INT_MIN,
						   VRRP_V2_ADVERT_INT_MAX),
	[VRRP_A_PREEMPT]	= VRRP_BOOL_POLICY,
	[VRRP_A_PREEMPT_DELAY]	= NLA_POLICY_FULL_RANGE(NLA_U32,
							&vrrp_preempt_delay_range),
	[VRRP_A_ACCEPT]		= VRRP_BOOL_POLICY,
	[VRRP_A_VIPS]		= NLA_POLICY_NESTED_ARRAY(vrrp_vip_policy),
	[VRRP_A_AUTH_TYPE]	= { .type = NLA_U8 },
	[VRRP_A_AUTH_KEY]	= { .type = NLA_BINARY, .len = VRRP_AUTH_KEY_MAX },
	[VRRP_A_VMAC_MODE]	= NLA_POLICY_MAX(NLA_U8, __VRRP_VMAC_MAX - 1),
	[VRRP_A_VIFNAME]	= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[VRRP_A_TRACKS]		= NLA_POLICY_NESTED_ARRAY(vrrp_track_policy),
	[VRRP_A_ROUTES]		= NLA_POLICY_NESTED_ARRAY(vrrp_route_policy),
	[VRRP_A_PEERS]		= NLA_POLICY_NESTED_ARRAY(vrrp_peer_policy),
	[VRRP_A_SYNC_GROUP]	= { .type = NLA_U32 },
	[VRRP_A_V3_CSUM]	= NLA_POLICY_MAX(NLA_U8, __VRRP_CSUM_MAX - 1),
	[VRRP_A_GARP_REPEAT]	= { .type = NLA_U8 },
	[VRRP_A_GARP_DELAY]	= NLA_POLICY_FULL_RANGE(NLA_U32,
							&vrrp_garp_delay_range),
	[VRRP_A_GARP_REFRESH]	= NLA_POLICY_FULL_RANGE(NLA_U32,
							&vrrp_garp_refresh_range),
	[VRRP_A_ADMIN_UP]	= VRRP_BOOL_POLICY,
	[VRRP_A_FORCE_STATE]	= NLA_POLICY_MAX(NLA_U8, __VRRP_FORCE_MAX - 1),
};

/* DEL, GET, RESET_STATS */
const struct nla_policy vrrp_key_policy[VRRP_A_MAX + 1] = {
	VRRP_KEY_POLICY,
};

const struct nla_policy vrrp_batch_policy[VRRP_A_MAX + 1] = {
	[VRRP_A_BATCH]		= { .type = NLA_NESTED },
	[VRRP_A_BATCH_REPLACE]	= { .type = NLA_FLAG },
	[VRRP_A_BATCH_COUNT]	= { .type = NLA_U32 },
};

static int vrrp_get_addr(const struct nlattr *nla, u8 family,
			 union vrrp_addr *out, struct netlink_ext_ack *extack)
{
	memset(out, 0, sizeof(*out));
	if (nla_len(nla) != vrrp_addr_len(family)) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "address length does not match the VR family");
		return -EINVAL;
	}
	memcpy(out->b, nla_data(nla), nla_len(nla));
	return 0;
}

/*
 * Resolves the key: the device by index or name, in @net. A name that no
 * device has is kept when @flags allow a detached VR. The device pointer
 * is only good under RTNL.
 */
int vrrp_parse_key(struct net *net, struct nlattr **tb, struct vrrp_key *k,
		   unsigned int flags, struct netlink_ext_ack *extack)
{
	struct net_device *dev = NULL;

	memset(k, 0, sizeof(*k));
	rcu_read_lock();
	if (tb[VRRP_A_IFINDEX]) {
		dev = dev_get_by_index_rcu(net,
					   nla_get_u32(tb[VRRP_A_IFINDEX]));
		if (!dev) {
			rcu_read_unlock();
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_IFINDEX],
					    "no such interface");
			return -ENODEV;
		}
	} else if (tb[VRRP_A_IFNAME]) {
		nla_strscpy(k->name, tb[VRRP_A_IFNAME], sizeof(k->name));
		dev = dev_get_by_name_rcu(net, k->name);
		if (!dev && !(flags & VRRP_KEY_DETACHED)) {
			rcu_read_unlock();
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_IFNAME],
					    "no such interface");
			return -ENODEV;
		}
	} else if (flags & VRRP_KEY_VRID) {
		rcu_read_unlock();
		NL_SET_ERR_MSG(extack, "interface (ifindex or ifname) is required");
		return -EINVAL;
	}
	if (dev) {
		k->dev = dev;
		k->ifindex = dev->ifindex;
		strscpy(k->name, dev->name, sizeof(k->name));
	}
	rcu_read_unlock();

	k->family = AF_INET;
	if (tb[VRRP_A_FAMILY]) {
		k->family = nla_get_u8(tb[VRRP_A_FAMILY]);
		if (k->family != AF_INET && k->family != AF_INET6) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_FAMILY],
					    "family must be AF_INET or AF_INET6");
			return -EAFNOSUPPORT;
		}
	}
	if (tb[VRRP_A_VRID]) {
		k->vrid = nla_get_u8(tb[VRRP_A_VRID]);
	} else if (flags & VRRP_KEY_VRID) {
		NL_SET_ERR_MSG(extack, "vrid is required");
		return -EINVAL;
	}
	return 0;
}

static int vrrp_count_nested(const struct nlattr *nla, int max,
			     struct netlink_ext_ack *extack)
{
	const struct nlattr *pos;
	int rem, n = 0;

	nla_for_each_nested(pos, nla, rem)
		n++;
	if (n > max) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "too many entries");
		return -E2BIG;
	}
	return n;
}

static bool vrrp_vip_unicast(u8 family, const union vrrp_addr *a)
{
	if (family == AF_INET)
		return !ipv4_is_zeronet(a->ip4) && !ipv4_is_multicast(a->ip4) &&
		       !ipv4_is_lbcast(a->ip4) && !ipv4_is_loopback(a->ip4);
	return !ipv6_addr_any(&a->ip6) && !ipv6_addr_is_multicast(&a->ip6) &&
	       !ipv6_addr_loopback(&a->ip6);
}

/*
 * The four lists share one shape: a nest of nests, each parsed with its
 * policy into tb and handed to @one with its index.
 */
typedef int (*vrrp_entry_fn)(struct vrrp_cfg *cfg, int i, struct nlattr **tb,
			     const struct nlattr *pos, void *arg,
			     struct netlink_ext_ack *extack);

static int vrrp_parse_list(struct vrrp_cfg *cfg, const struct nlattr *list,
			   int maxtype, const struct nla_policy *policy,
			   vrrp_entry_fn one, void *arg,
			   struct netlink_ext_ack *extack)
{
	/* room for the largest of the four attribute spaces */
	struct nlattr *tb[VRRP_VIP_A_MAX + VRRP_TRACK_A_MAX +
			  VRRP_ROUTE_A_MAX + VRRP_PEER_A_MAX + 1];
	const struct nlattr *pos;
	int rem, i = 0, err;

	nla_for_each_nested(pos, list, rem) {
		err = nla_parse_nested(tb, maxtype, pos, policy, extack);
		if (err)
			return err;
		err = one(cfg, i++, tb, pos, arg, extack);
		if (err)
			return err;
	}
	return 0;
}

static int vrrp_parse_vip(struct vrrp_cfg *cfg, int i, struct nlattr **tb,
			  const struct nlattr *pos, void *arg,
			  struct netlink_ext_ack *extack)
{
	u8 family = *(u8 *)arg, max = family == AF_INET ? 32 : 128;
	struct vrrp_vip *v = &cfg->vips[i];
	int err, j;

	if (!tb[VRRP_VIP_A_ADDR]) {
		NL_SET_ERR_MSG_ATTR(extack, pos, "VIP without address");
		return -EINVAL;
	}
	err = vrrp_get_addr(tb[VRRP_VIP_A_ADDR], family, &v->addr, extack);
	if (err)
		return err;
	v->plen = max;
	if (tb[VRRP_VIP_A_PREFIXLEN]) {
		v->plen = nla_get_u8(tb[VRRP_VIP_A_PREFIXLEN]);
		if (v->plen > max) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_VIP_A_PREFIXLEN],
					    "invalid VIP prefix length");
			return -EINVAL;
		}
	}
	if (!vrrp_vip_unicast(family, &v->addr)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_VIP_A_ADDR],
				    "VIP must be a unicast address");
		return -EINVAL;
	}
	for (j = 0; j < i; j++) {
		if (!memcmp(&cfg->vips[j].addr, &v->addr, sizeof(v->addr))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_VIP_A_ADDR],
					    "duplicate VIP");
			return -EINVAL;
		}
	}
	return 0;
}

/* by name: an index is turned into the name of its device */
static int vrrp_parse_track(struct vrrp_cfg *cfg, int i, struct nlattr **tb,
			    const struct nlattr *pos, void *arg,
			    struct netlink_ext_ack *extack)
{
	struct vrrp_track *t = &cfg->tracks[i];
	struct net_device *dev;
	struct net *net = arg;

	if (tb[VRRP_TRACK_A_IFINDEX]) {
		rcu_read_lock();
		dev = dev_get_by_index_rcu(net,
					   nla_get_u32(tb[VRRP_TRACK_A_IFINDEX]));
		if (dev)
			strscpy(t->name, dev->name, sizeof(t->name));
		rcu_read_unlock();
		if (!dev) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_TRACK_A_IFINDEX],
					    "tracked interface not found");
			return -ENODEV;
		}
	} else if (tb[VRRP_TRACK_A_IFNAME]) {
		nla_strscpy(t->name, tb[VRRP_TRACK_A_IFNAME], sizeof(t->name));
		if (!dev_valid_name(t->name)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_TRACK_A_IFNAME],
					    "invalid interface name");
			return -EINVAL;
		}
	} else {
		NL_SET_ERR_MSG_ATTR(extack, pos,
				    "tracked interface without ifindex or ifname");
		return -EINVAL;
	}
	if (tb[VRRP_TRACK_A_WEIGHT])
		t->weight = nla_get_u8(tb[VRRP_TRACK_A_WEIGHT]);
	return 0;
}

static int vrrp_parse_route(struct vrrp_cfg *cfg, int i, struct nlattr **tb,
			    const struct nlattr *pos, void *arg,
			    struct netlink_ext_ack *extack)
{
	u8 family = *(u8 *)arg;
	struct vrrp_route *r = &cfg->routes[i];
	int err;

	if (!tb[VRRP_ROUTE_A_DST] || !tb[VRRP_ROUTE_A_DST_LEN]) {
		NL_SET_ERR_MSG_ATTR(extack, pos,
				    "route needs a destination and a prefix length");
		return -EINVAL;
	}
	err = vrrp_get_addr(tb[VRRP_ROUTE_A_DST], family, &r->dst, extack);
	if (err)
		return err;
	r->dst_len = nla_get_u8(tb[VRRP_ROUTE_A_DST_LEN]);
	if (r->dst_len > (family == AF_INET ? 32 : 128)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_ROUTE_A_DST_LEN],
				    "invalid route prefix length");
		return -EINVAL;
	}
	if (tb[VRRP_ROUTE_A_GATEWAY]) {
		err = vrrp_get_addr(tb[VRRP_ROUTE_A_GATEWAY], family, &r->gw,
				    extack);
		if (err)
			return err;
		r->has_gw = 1;
	}
	if (tb[VRRP_ROUTE_A_METRIC])
		r->metric = nla_get_u32(tb[VRRP_ROUTE_A_METRIC]);
	if (tb[VRRP_ROUTE_A_MTU])
		r->mtu = nla_get_u32(tb[VRRP_ROUTE_A_MTU]);
	return 0;
}

static int vrrp_parse_peer(struct vrrp_cfg *cfg, int i, struct nlattr **tb,
			   const struct nlattr *pos, void *arg,
			   struct netlink_ext_ack *extack)
{
	if (!tb[VRRP_PEER_A_ADDR]) {
		NL_SET_ERR_MSG_ATTR(extack, pos, "peer without address");
		return -EINVAL;
	}
	return vrrp_get_addr(tb[VRRP_PEER_A_ADDR], *(u8 *)arg,
			     &cfg->peers[i], extack);
}

static int vrrp_parse_params(struct nlattr **tb, struct vrrp_params *p,
			     struct netlink_ext_ack *extack)
{
	if (tb[VRRP_A_VERSION])
		p->version = nla_get_u8(tb[VRRP_A_VERSION]);
	if (tb[VRRP_A_PRIORITY])
		p->priority = nla_get_u8(tb[VRRP_A_PRIORITY]);
	if (tb[VRRP_A_ADVERT_INT])
		p->advert_int = nla_get_u16(tb[VRRP_A_ADVERT_INT]);
	if (tb[VRRP_A_PREEMPT])
		p->preempt = nla_get_u8(tb[VRRP_A_PREEMPT]);
	if (tb[VRRP_A_PREEMPT_DELAY])
		p->preempt_delay = nla_get_u32(tb[VRRP_A_PREEMPT_DELAY]);
	if (tb[VRRP_A_ACCEPT])
		p->accept = nla_get_u8(tb[VRRP_A_ACCEPT]);
	if (tb[VRRP_A_AUTH_TYPE]) {
		p->auth_type = nla_get_u8(tb[VRRP_A_AUTH_TYPE]);
		switch (p->auth_type) {
		case VRRP_AUTH_NONE:
		case VRRP_AUTH_SIMPLE:
		case VRRP_AUTH_P0:
		case VRRP_AUTH_P1:
			break;
		default:
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_AUTH_TYPE],
					    "unknown auth type");
			return -EINVAL;
		}
	}
	if (tb[VRRP_A_AUTH_KEY]) {
		if (!nla_len(tb[VRRP_A_AUTH_KEY])) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_AUTH_KEY],
					    "empty auth key");
			return -EINVAL;
		}
		memset(p->auth_key, 0, sizeof(p->auth_key));
		p->auth_key_len = nla_len(tb[VRRP_A_AUTH_KEY]);
		memcpy(p->auth_key, nla_data(tb[VRRP_A_AUTH_KEY]),
		       p->auth_key_len);
	}
	if (tb[VRRP_A_VMAC_MODE])
		p->vmac_mode = nla_get_u8(tb[VRRP_A_VMAC_MODE]);
	if (tb[VRRP_A_VIFNAME]) {
		memset(p->vifname, 0, sizeof(p->vifname));
		nla_strscpy(p->vifname, tb[VRRP_A_VIFNAME], sizeof(p->vifname));
		if (!dev_valid_name(p->vifname)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_VIFNAME],
					    "invalid interface name");
			return -EINVAL;
		}
	}
	if (tb[VRRP_A_SYNC_GROUP])
		p->sync_group = nla_get_u32(tb[VRRP_A_SYNC_GROUP]);
	if (tb[VRRP_A_V3_CSUM])
		p->v3_csum = nla_get_u8(tb[VRRP_A_V3_CSUM]);
	if (tb[VRRP_A_GARP_REPEAT])
		p->garp_repeat = nla_get_u8(tb[VRRP_A_GARP_REPEAT]);
	if (tb[VRRP_A_GARP_DELAY])
		p->garp_delay = nla_get_u32(tb[VRRP_A_GARP_DELAY]);
	if (tb[VRRP_A_GARP_REFRESH])
		p->garp_refresh = nla_get_u32(tb[VRRP_A_GARP_REFRESH]);
	if (tb[VRRP_A_ADMIN_UP])
		p->admin_up = nla_get_u8(tb[VRRP_A_ADMIN_UP]);
	if (tb[VRRP_A_FORCE_STATE])
		p->force = nla_get_u8(tb[VRRP_A_FORCE_STATE]);
	return 0;
}

/* the rules between fields, and the bounds on what a VR may send */
static int vrrp_check_params(struct net *net, struct nlattr **tb,
			     struct vrrp_params *p, u8 family, u8 vrid,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *ai = tb[VRRP_A_ADVERT_INT];

	if (p->version == 2 && family != AF_INET) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_VERSION],
				    "VRRPv2 is IPv4 only");
		return -EINVAL;
	}
	if (p->version == 2 && (p->advert_int % 100)) {
		NL_SET_ERR_MSG_ATTR(extack, ai,
				    "VRRPv2 advert interval must be whole seconds");
		return -EINVAL;
	}
	if (p->version == 3 && p->advert_int > VRRP_V3_ADVERT_INT_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, ai,
				    "VRRPv3 advert interval is at most 4095 cs (40.95 s)");
		return -ERANGE;
	}
	if (vrrp_net_userns(net) &&
	    p->advert_int < READ_ONCE(vrrp_min_advert_userns)) {
		NL_SET_ERR_MSG_ATTR(extack, ai,
				    "advert interval below the module's min_advert_cs_userns for this namespace");
		return -ERANGE;
	}
	/* only where it is set: a SET of the version keeps the old mode */
	if (tb[VRRP_A_V3_CSUM] && p->v3_csum != VRRP_CSUM_AUTO &&
	    (p->version != 3 || family != AF_INET)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_V3_CSUM],
				    "the checksum form applies to VRRPv3 over IPv4 only");
		return -EINVAL;
	}
	if (p->version == 3 && p->auth_type != VRRP_AUTH_NONE) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_AUTH_TYPE],
				    "authentication is VRRPv2 only");
		return -EINVAL;
	}
	if (p->auth_type != VRRP_AUTH_NONE && !p->auth_key_len) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_AUTH_TYPE],
				    "auth type needs a key");
		return -EINVAL;
	}
	if (p->garp_refresh && p->garp_refresh < VRRP_GARP_REFRESH_MIN) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_GARP_REFRESH],
				    "GARP refresh is 0 (off) or at least 1000 ms");
		return -ERANGE;
	}
	if (p->garp_repeat > 1 && p->garp_delay < VRRP_GARP_DELAY_MIN) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_GARP_DELAY] ?:
				    tb[VRRP_A_GARP_REPEAT],
				    "GARP delay must be at least 10 ms when GARPs repeat");
		return -ERANGE;
	}
	if (p->vmac_mode == VRRP_VMAC_MACVLAN && !p->vifname[0])
		snprintf(p->vifname, sizeof(p->vifname), "standby%u", vrid);
	return 0;
}

/*
 * macvlan mode needs the macvlan module loaded before the VR's work runs
 * (see vrrp_inst_vif()): asked for here, in the requester's context,
 * before any lock is taken (modprobe of macvlan takes RTNL). @mode is the
 * VRRP_A_VMAC_MODE attribute, or NULL.
 */
int vrrp_nl_need_macvlan(const struct nlattr *mode,
			 struct netlink_ext_ack *extack)
{
	if (!mode || nla_len(mode) < 1 ||
	    nla_get_u8(mode) != VRRP_VMAC_MACVLAN)
		return 0;
	if (vrrp_vif_available())
		goto ok;
	request_module("rtnl-link-macvlan");
	if (!vrrp_vif_available()) {
		NL_SET_ERR_MSG_ATTR(extack, mode,
				    "macvlan mode needs the macvlan module");
		return -EOPNOTSUPP;
	}
ok:
	vrrp_vif_release();
	return 0;
}

static int vrrp_list_count(struct nlattr *nla, int max, u16 base,
			   struct netlink_ext_ack *extack)
{
	return nla ? vrrp_count_nested(nla, max, extack) : base;
}

/*
 * Builds a configuration from @tb on top of @base (SET) or of the defaults
 * (NEW, BATCH).
 */
int vrrp_parse_cfg(struct net *net, struct nlattr **tb,
		   const struct vrrp_key *k, const struct vrrp_cfg *base,
		   struct vrrp_cfg **out, struct netlink_ext_ack *extack)
{
	int n_vips, n_tracks, n_routes, n_peers, err = 0;
	u8 family = k->family;
	struct vrrp_params p;
	struct vrrp_cfg *cfg;

	if (k->dev && !vrrp_dev_usable(k->dev)) {
		NL_SET_ERR_MSG(extack, "interface must be an Ethernet device");
		return -EOPNOTSUPP;
	}
	if (base)
		p = base->p;
	else
		vrrp_cfg_defaults(&p, family);
	err = vrrp_parse_params(tb, &p, extack) ?:
	      vrrp_check_params(net, tb, &p, family, k->vrid, extack);
	if (err)
		return err;

	n_vips = vrrp_list_count(tb[VRRP_A_VIPS], VRRP_MAX_VIPS,
				 base ? base->n_vips : 0, extack);
	n_tracks = vrrp_list_count(tb[VRRP_A_TRACKS], VRRP_MAX_TRACKS,
				   base ? base->n_tracks : 0, extack);
	n_routes = vrrp_list_count(tb[VRRP_A_ROUTES], VRRP_MAX_ROUTES,
				   base ? base->n_routes : 0, extack);
	n_peers = vrrp_list_count(tb[VRRP_A_PEERS], VRRP_MAX_PEERS,
				  base ? base->n_peers : 0, extack);
	if (n_vips < 0 || n_tracks < 0 || n_routes < 0 || n_peers < 0)
		return -E2BIG;
	if (!n_vips) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_VIPS],
				    "at least one VIP is required");
		return -EINVAL;
	}

	cfg = vrrp_cfg_alloc(n_vips, n_tracks, n_routes, n_peers);
	if (!cfg)
		return -ENOMEM;
	cfg->p = p;

	if (tb[VRRP_A_VIPS])
		err = vrrp_parse_list(cfg, tb[VRRP_A_VIPS], VRRP_VIP_A_MAX,
				      vrrp_vip_policy, vrrp_parse_vip, &family,
				      extack);
	else
		memcpy(cfg->vips, base->vips, n_vips * sizeof(*cfg->vips));
	if (!err && tb[VRRP_A_TRACKS])
		err = vrrp_parse_list(cfg, tb[VRRP_A_TRACKS], VRRP_TRACK_A_MAX,
				      vrrp_track_policy, vrrp_parse_track, net,
				      extack);
	else if (!err && n_tracks)
		memcpy(cfg->tracks, base->tracks,
		       n_tracks * sizeof(*cfg->tracks));
	if (!err && tb[VRRP_A_ROUTES])
		err = vrrp_parse_list(cfg, tb[VRRP_A_ROUTES], VRRP_ROUTE_A_MAX,
				      vrrp_route_policy, vrrp_parse_route,
				      &family, extack);
	else if (!err && n_routes)
		memcpy(cfg->routes, base->routes,
		       n_routes * sizeof(*cfg->routes));
	if (!err && tb[VRRP_A_PEERS])
		err = vrrp_parse_list(cfg, tb[VRRP_A_PEERS], VRRP_PEER_A_MAX,
				      vrrp_peer_policy, vrrp_parse_peer,
				      &family, extack);
	else if (!err && n_peers)
		memcpy(cfg->peers, base->peers, n_peers * sizeof(*cfg->peers));
	if (err) {
		vrrp_cfg_put(cfg);
		return err;
	}
	vrrp_cfg_finalize(cfg, family, k->vrid);
	*out = cfg;
	return 0;
}
