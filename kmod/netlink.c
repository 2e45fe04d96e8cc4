// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: generic netlink family "vrrp" (uapi/linux/vrrp.h).
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "core.h"

#define VRRP_BOOL_POLICY	NLA_POLICY_MAX(NLA_U8, 1)

static const struct nla_policy vrrp_vip_policy[VRRP_VIP_A_MAX + 1] = {
	[VRRP_VIP_A_ADDR]	= { .type = NLA_BINARY, .len = 16 },
	[VRRP_VIP_A_PREFIXLEN]	= NLA_POLICY_MAX(NLA_U8, 128),
};

static const struct nla_policy vrrp_track_policy[VRRP_TRACK_A_MAX + 1] = {
	[VRRP_TRACK_A_IFINDEX]	= { .type = NLA_U32 },
	[VRRP_TRACK_A_IFNAME]	= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[VRRP_TRACK_A_WEIGHT]	= { .type = NLA_U8 },
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
static const struct nla_policy vrrp_cfg_policy[VRRP_A_MAX + 1] = {
	VRRP_KEY_POLICY,
	[VRRP_A_VERSION]	= NLA_POLICY_RANGE(NLA_U8, 2, 3),
	[VRRP_A_PRIORITY]	= NLA_POLICY_MIN(NLA_U8, 1),
	[VRRP_A_ADVERT_INT]	= NLA_POLICY_RANGE(NLA_U16, 1, 4095),
	[VRRP_A_PREEMPT]	= VRRP_BOOL_POLICY,
	[VRRP_A_PREEMPT_DELAY]	= { .type = NLA_U32 },
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
	[VRRP_A_V3_CSUM_PSEUDO]	= VRRP_BOOL_POLICY,
	[VRRP_A_GARP_REPEAT]	= { .type = NLA_U8 },
	[VRRP_A_GARP_DELAY]	= { .type = NLA_U32 },
	[VRRP_A_GARP_REFRESH]	= { .type = NLA_U32 },
	[VRRP_A_ADMIN_UP]	= VRRP_BOOL_POLICY,
	[VRRP_A_FORCE_STATE]	= NLA_POLICY_MAX(NLA_U8, __VRRP_FORCE_MAX - 1),
};

/* DEL, GET, RESET_STATS */
static const struct nla_policy vrrp_key_policy[VRRP_A_MAX + 1] = {
	VRRP_KEY_POLICY,
};

static const struct nla_policy vrrp_batch_policy[VRRP_A_MAX + 1] = {
	[VRRP_A_BATCH]		= { .type = NLA_NESTED },
	[VRRP_A_BATCH_REPLACE]	= { .type = NLA_FLAG },
	[VRRP_A_BATCH_COUNT]	= { .type = NLA_U32 },
};

struct vrrp_req {
	struct net_device *dev;
	struct vrrp_cfg *cfg;
	u8 family;
	u8 vrid;
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

/* Resolves the key. Under RTNL. */
static int vrrp_parse_key(struct net *net, struct nlattr **tb,
			  struct vrrp_req *req, bool need_dev,
			  struct netlink_ext_ack *extack)
{
	struct net_device *dev = NULL;

	if (tb[VRRP_A_IFINDEX]) {
		dev = __dev_get_by_index(net, nla_get_u32(tb[VRRP_A_IFINDEX]));
		if (!dev) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_IFINDEX],
					    "no such interface");
			return -ENODEV;
		}
	} else if (tb[VRRP_A_IFNAME]) {
		dev = __dev_get_by_name(net, nla_data(tb[VRRP_A_IFNAME]));
		if (!dev) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_IFNAME],
					    "no such interface");
			return -ENODEV;
		}
	} else if (need_dev) {
		NL_SET_ERR_MSG(extack, "interface (ifindex or ifname) is required");
		return -EINVAL;
	}
	req->dev = dev;

	req->family = AF_INET;
	if (tb[VRRP_A_FAMILY]) {
		req->family = nla_get_u8(tb[VRRP_A_FAMILY]);
		if (req->family != AF_INET && req->family != AF_INET6) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_FAMILY],
					    "family must be AF_INET or AF_INET6");
			return -EAFNOSUPPORT;
		}
	}
	if (!tb[VRRP_A_VRID]) {
		if (need_dev) {
			NL_SET_ERR_MSG(extack, "vrid is required");
			return -EINVAL;
		}
		req->vrid = 0;
	} else {
		req->vrid = nla_get_u8(tb[VRRP_A_VRID]);
	}
	return 0;
}

static int vrrp_count_nested(const struct nlattr *nla, int max,
			     struct netlink_ext_ack *extack)
{
	const struct nlattr *pos;
	int rem, n = 0;

	if (!nla)
		return 0;
	nla_for_each_nested(pos, nla, rem)
		n++;
	if (n > max) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "too many entries");
		return -E2BIG;
	}
	return n;
}

static int vrrp_parse_vips(struct vrrp_cfg *cfg, const struct nlattr *list,
			   u8 family, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VRRP_VIP_A_MAX + 1];
	const struct nlattr *pos;
	int rem, i = 0, err, j;

	nla_for_each_nested(pos, list, rem) {
		struct vrrp_vip *v = &cfg->vips[i];

		err = nla_parse_nested(tb, VRRP_VIP_A_MAX, pos,
				       vrrp_vip_policy, extack);
		if (err)
			return err;
		if (!tb[VRRP_VIP_A_ADDR]) {
			NL_SET_ERR_MSG_ATTR(extack, pos, "VIP without address");
			return -EINVAL;
		}
		err = vrrp_get_addr(tb[VRRP_VIP_A_ADDR], family, &v->addr,
				    extack);
		if (err)
			return err;
		v->plen = family == AF_INET ? 32 : 128;
		if (tb[VRRP_VIP_A_PREFIXLEN]) {
			v->plen = nla_get_u8(tb[VRRP_VIP_A_PREFIXLEN]);
			if (v->plen > (family == AF_INET ? 32 : 128) ||
			    !v->plen) {
				NL_SET_ERR_MSG_ATTR(extack,
						    tb[VRRP_VIP_A_PREFIXLEN],
						    "invalid VIP prefix length");
				return -EINVAL;
			}
		}
		if ((family == AF_INET &&
		     (ipv4_is_zeronet(v->addr.ip4) ||
		      ipv4_is_multicast(v->addr.ip4) ||
		      ipv4_is_lbcast(v->addr.ip4) ||
		      ipv4_is_loopback(v->addr.ip4))) ||
		    (family == AF_INET6 &&
		     (ipv6_addr_any(&v->addr.ip6) ||
		      ipv6_addr_is_multicast(&v->addr.ip6) ||
		      ipv6_addr_loopback(&v->addr.ip6)))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_VIP_A_ADDR],
					    "VIP must be a unicast address");
			return -EINVAL;
		}
		for (j = 0; j < i; j++) {
			if (!memcmp(&cfg->vips[j].addr, &v->addr,
				    sizeof(v->addr))) {
				NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_VIP_A_ADDR],
						    "duplicate VIP");
				return -EINVAL;
			}
		}
		i++;
	}
	return 0;
}

static int vrrp_parse_tracks(struct net *net, struct vrrp_cfg *cfg,
			     const struct nlattr *list,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VRRP_TRACK_A_MAX + 1];
	const struct nlattr *pos;
	struct net_device *dev;
	int rem, i = 0, err;

	nla_for_each_nested(pos, list, rem) {
		struct vrrp_track *t = &cfg->tracks[i++];

		err = nla_parse_nested(tb, VRRP_TRACK_A_MAX, pos,
				       vrrp_track_policy, extack);
		if (err)
			return err;
		if (tb[VRRP_TRACK_A_IFINDEX])
			dev = __dev_get_by_index(net, nla_get_u32(tb[VRRP_TRACK_A_IFINDEX]));
		else if (tb[VRRP_TRACK_A_IFNAME])
			dev = __dev_get_by_name(net, nla_data(tb[VRRP_TRACK_A_IFNAME]));
		else
			dev = NULL;
		if (!dev) {
			NL_SET_ERR_MSG_ATTR(extack, pos,
					    "tracked interface not found");
			return -ENODEV;
		}
		t->ifindex = dev->ifindex;
		if (tb[VRRP_TRACK_A_WEIGHT])
			t->weight = nla_get_u8(tb[VRRP_TRACK_A_WEIGHT]);
	}
	return 0;
}

static int vrrp_parse_routes(struct vrrp_cfg *cfg, const struct nlattr *list,
			     u8 family, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VRRP_ROUTE_A_MAX + 1];
	const struct nlattr *pos;
	int rem, i = 0, err;

	nla_for_each_nested(pos, list, rem) {
		struct vrrp_route *r = &cfg->routes[i++];

		err = nla_parse_nested(tb, VRRP_ROUTE_A_MAX, pos,
				       vrrp_route_policy, extack);
		if (err)
			return err;
		if (!tb[VRRP_ROUTE_A_DST] || !tb[VRRP_ROUTE_A_DST_LEN]) {
			NL_SET_ERR_MSG_ATTR(extack, pos,
					    "route needs a destination and a prefix length");
			return -EINVAL;
		}
		err = vrrp_get_addr(tb[VRRP_ROUTE_A_DST], family, &r->dst,
				    extack);
		if (err)
			return err;
		r->dst_len = nla_get_u8(tb[VRRP_ROUTE_A_DST_LEN]);
		if (r->dst_len > (family == AF_INET ? 32 : 128)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_ROUTE_A_DST_LEN],
					    "invalid route prefix length");
			return -EINVAL;
		}
		if (tb[VRRP_ROUTE_A_GATEWAY]) {
			err = vrrp_get_addr(tb[VRRP_ROUTE_A_GATEWAY], family,
					    &r->gw, extack);
			if (err)
				return err;
			r->has_gw = 1;
		}
		if (tb[VRRP_ROUTE_A_METRIC])
			r->metric = nla_get_u32(tb[VRRP_ROUTE_A_METRIC]);
		if (tb[VRRP_ROUTE_A_MTU])
			r->mtu = nla_get_u32(tb[VRRP_ROUTE_A_MTU]);
	}
	return 0;
}

static int vrrp_parse_peers(struct vrrp_cfg *cfg, const struct nlattr *list,
			    u8 family, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VRRP_PEER_A_MAX + 1];
	const struct nlattr *pos;
	int rem, i = 0, err;

	nla_for_each_nested(pos, list, rem) {
		err = nla_parse_nested(tb, VRRP_PEER_A_MAX, pos,
				       vrrp_peer_policy, extack);
		if (err)
			return err;
		if (!tb[VRRP_PEER_A_ADDR]) {
			NL_SET_ERR_MSG_ATTR(extack, pos, "peer without address");
			return -EINVAL;
		}
		err = vrrp_get_addr(tb[VRRP_PEER_A_ADDR], family,
				    &cfg->peers[i++], extack);
		if (err)
			return err;
	}
	return 0;
}

/*
 * Builds a configuration from @tb on top of @base (SET) or of the defaults
 * (NEW, BATCH). Under RTNL.
 */
static int vrrp_parse_cfg(struct net *net, struct nlattr **tb,
			  struct vrrp_req *req, const struct vrrp_cfg *base,
			  struct netlink_ext_ack *extack)
{
	int n_vips, n_tracks, n_routes, n_peers, err = 0;
	struct vrrp_params p;
	struct vrrp_cfg *cfg;
	u8 family = req->family;

	if (req->dev->type != ARPHRD_ETHER || req->dev->addr_len != ETH_ALEN ||
	    (req->dev->flags & IFF_LOOPBACK)) {
		NL_SET_ERR_MSG(extack, "interface must be an Ethernet device");
		return -EOPNOTSUPP;
	}
	if (base)
		p = base->p;
	else
		vrrp_cfg_defaults(&p, family);

	if (tb[VRRP_A_VERSION])
		p.version = nla_get_u8(tb[VRRP_A_VERSION]);
	if (tb[VRRP_A_PRIORITY])
		p.priority = nla_get_u8(tb[VRRP_A_PRIORITY]);
	if (tb[VRRP_A_ADVERT_INT])
		p.advert_int = nla_get_u16(tb[VRRP_A_ADVERT_INT]);
	if (tb[VRRP_A_PREEMPT])
		p.preempt = nla_get_u8(tb[VRRP_A_PREEMPT]);
	if (tb[VRRP_A_PREEMPT_DELAY])
		p.preempt_delay = nla_get_u32(tb[VRRP_A_PREEMPT_DELAY]);
	if (tb[VRRP_A_ACCEPT])
		p.accept = nla_get_u8(tb[VRRP_A_ACCEPT]);
	if (tb[VRRP_A_AUTH_TYPE]) {
		p.auth_type = nla_get_u8(tb[VRRP_A_AUTH_TYPE]);
		switch (p.auth_type) {
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
		memset(p.auth_key, 0, sizeof(p.auth_key));
		p.auth_key_len = nla_len(tb[VRRP_A_AUTH_KEY]);
		memcpy(p.auth_key, nla_data(tb[VRRP_A_AUTH_KEY]),
		       p.auth_key_len);
	}
	if (tb[VRRP_A_VMAC_MODE])
		p.vmac_mode = nla_get_u8(tb[VRRP_A_VMAC_MODE]);
	if (tb[VRRP_A_VIFNAME]) {
		memset(p.vifname, 0, sizeof(p.vifname));
		nla_strscpy(p.vifname, tb[VRRP_A_VIFNAME], sizeof(p.vifname));
		if (!dev_valid_name(p.vifname)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_VIFNAME],
					    "invalid interface name");
			return -EINVAL;
		}
	}
	if (tb[VRRP_A_SYNC_GROUP])
		p.sync_group = nla_get_u32(tb[VRRP_A_SYNC_GROUP]);
	if (tb[VRRP_A_V3_CSUM_PSEUDO])
		p.v3_csum_pseudo = nla_get_u8(tb[VRRP_A_V3_CSUM_PSEUDO]);
	if (tb[VRRP_A_GARP_REPEAT])
		p.garp_repeat = nla_get_u8(tb[VRRP_A_GARP_REPEAT]);
	if (tb[VRRP_A_GARP_DELAY])
		p.garp_delay = nla_get_u32(tb[VRRP_A_GARP_DELAY]);
	if (tb[VRRP_A_GARP_REFRESH])
		p.garp_refresh = nla_get_u32(tb[VRRP_A_GARP_REFRESH]);
	if (tb[VRRP_A_ADMIN_UP])
		p.admin_up = nla_get_u8(tb[VRRP_A_ADMIN_UP]);
	if (tb[VRRP_A_FORCE_STATE])
		p.force = nla_get_u8(tb[VRRP_A_FORCE_STATE]);

	/* cross checks */
	if (p.version == 2 && family != AF_INET) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_VERSION],
				    "VRRPv2 is IPv4 only");
		return -EINVAL;
	}
	if (p.version == 2 && (p.advert_int % 100)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_ADVERT_INT],
				    "VRRPv2 advert interval must be whole seconds");
		return -EINVAL;
	}
	if (p.version == 3 && p.auth_type != VRRP_AUTH_NONE) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_AUTH_TYPE],
				    "authentication is VRRPv2 only");
		return -EINVAL;
	}
	if (p.auth_type != VRRP_AUTH_NONE && !p.auth_key_len) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_AUTH_TYPE],
				    "auth type needs a key");
		return -EINVAL;
	}
	if (p.vmac_mode == VRRP_VMAC_MACVLAN && !p.vifname[0])
		snprintf(p.vifname, sizeof(p.vifname), "standby%u", req->vrid);

	n_vips = tb[VRRP_A_VIPS] ?
		 vrrp_count_nested(tb[VRRP_A_VIPS], VRRP_MAX_VIPS, extack) :
		 (base ? base->n_vips : 0);
	n_tracks = tb[VRRP_A_TRACKS] ?
		   vrrp_count_nested(tb[VRRP_A_TRACKS], VRRP_MAX_TRACKS, extack) :
		   (base ? base->n_tracks : 0);
	n_routes = tb[VRRP_A_ROUTES] ?
		   vrrp_count_nested(tb[VRRP_A_ROUTES], VRRP_MAX_ROUTES, extack) :
		   (base ? base->n_routes : 0);
	n_peers = tb[VRRP_A_PEERS] ?
		  vrrp_count_nested(tb[VRRP_A_PEERS], VRRP_MAX_PEERS, extack) :
		  (base ? base->n_peers : 0);
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
		err = vrrp_parse_vips(cfg, tb[VRRP_A_VIPS], family, extack);
	else
		memcpy(cfg->vips, base->vips, n_vips * sizeof(*cfg->vips));
	if (err)
		goto err;
	if (tb[VRRP_A_TRACKS])
		err = vrrp_parse_tracks(net, cfg, tb[VRRP_A_TRACKS], extack);
	else if (n_tracks)
		memcpy(cfg->tracks, base->tracks, n_tracks * sizeof(*cfg->tracks));
	if (err)
		goto err;
	if (tb[VRRP_A_ROUTES])
		err = vrrp_parse_routes(cfg, tb[VRRP_A_ROUTES], family, extack);
	else if (n_routes)
		memcpy(cfg->routes, base->routes, n_routes * sizeof(*cfg->routes));
	if (err)
		goto err;
	if (tb[VRRP_A_PEERS])
		err = vrrp_parse_peers(cfg, tb[VRRP_A_PEERS], family, extack);
	else if (n_peers)
		memcpy(cfg->peers, base->peers, n_peers * sizeof(*cfg->peers));
	if (err)
		goto err;
	vrrp_cfg_finalize(cfg, family, req->vrid);
	req->cfg = cfg;
	return 0;
err:
	vrrp_cfg_put(cfg);
	return err;
}

/* ---- output ---- */

static size_t vrrp_vr_msg_size(const struct vrrp_cfg *cfg)
{
	return NLMSG_ALIGN(GENL_HDRLEN) + 1024 + 512 +
	       cfg->n_vips * 32 + cfg->n_tracks * 48 +
	       cfg->n_routes * 96 + cfg->n_peers * 24;
}

static int vrrp_put_addr(struct sk_buff *skb, int type, u8 family,
			 const union vrrp_addr *a)
{
	return nla_put(skb, type, vrrp_addr_len(family), a->b);
}

static int vrrp_fill_lists(struct sk_buff *skb, const struct vrrp_vr *vr,
			   const struct vrrp_cfg *cfg)
{
	struct nlattr *list, *e;
	int i;

	list = nla_nest_start(skb, VRRP_A_VIPS);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < cfg->n_vips; i++) {
		e = nla_nest_start(skb, i);
		if (!e ||
		    vrrp_put_addr(skb, VRRP_VIP_A_ADDR, vr->family,
				  &cfg->vips[i].addr) ||
		    nla_put_u8(skb, VRRP_VIP_A_PREFIXLEN, cfg->vips[i].plen))
			return -EMSGSIZE;
		nla_nest_end(skb, e);
	}
	nla_nest_end(skb, list);

	if (cfg->n_tracks) {
		list = nla_nest_start(skb, VRRP_A_TRACKS);
		if (!list)
			return -EMSGSIZE;
		for (i = 0; i < cfg->n_tracks; i++) {
			struct net_device *tdev;

			e = nla_nest_start(skb, i);
			if (!e ||
			    nla_put_u32(skb, VRRP_TRACK_A_IFINDEX,
					cfg->tracks[i].ifindex) ||
			    nla_put_u8(skb, VRRP_TRACK_A_WEIGHT,
				       cfg->tracks[i].weight))
				return -EMSGSIZE;
			tdev = dev_get_by_index_rcu(vr->net,
						    cfg->tracks[i].ifindex);
			if (tdev &&
			    nla_put_string(skb, VRRP_TRACK_A_IFNAME, tdev->name))
				return -EMSGSIZE;
			nla_nest_end(skb, e);
		}
		nla_nest_end(skb, list);
	}

	if (cfg->n_routes) {
		list = nla_nest_start(skb, VRRP_A_ROUTES);
		if (!list)
			return -EMSGSIZE;
		for (i = 0; i < cfg->n_routes; i++) {
			const struct vrrp_route *r = &cfg->routes[i];

			e = nla_nest_start(skb, i);
			if (!e ||
			    vrrp_put_addr(skb, VRRP_ROUTE_A_DST, vr->family,
					  &r->dst) ||
			    nla_put_u8(skb, VRRP_ROUTE_A_DST_LEN, r->dst_len) ||
			    (r->has_gw &&
			     vrrp_put_addr(skb, VRRP_ROUTE_A_GATEWAY,
					   vr->family, &r->gw)) ||
			    (r->metric &&
			     nla_put_u32(skb, VRRP_ROUTE_A_METRIC, r->metric)) ||
			    (r->mtu && nla_put_u32(skb, VRRP_ROUTE_A_MTU, r->mtu)))
				return -EMSGSIZE;
			nla_nest_end(skb, e);
		}
		nla_nest_end(skb, list);
	}

	if (cfg->n_peers) {
		list = nla_nest_start(skb, VRRP_A_PEERS);
		if (!list)
			return -EMSGSIZE;
		for (i = 0; i < cfg->n_peers; i++) {
			e = nla_nest_start(skb, i);
			if (!e ||
			    vrrp_put_addr(skb, VRRP_PEER_A_ADDR, vr->family,
					  &cfg->peers[i]))
				return -EMSGSIZE;
			nla_nest_end(skb, e);
		}
		nla_nest_end(skb, list);
	}
	return 0;
}

static int vrrp_fill_stats(struct sk_buff *skb, const struct vrrp_stats *st,
			   u16 advert_int)
{
	struct nlattr *nest = nla_nest_start(skb, VRRP_A_STATS);

	if (!nest)
		return -EMSGSIZE;
#define PUT64(a, v) nla_put_u64_64bit(skb, a, v, VRRP_STAT_A_PAD)
	if (PUT64(VRRP_STAT_A_MASTER_TRANSITIONS, st->master_transitions) ||
	    nla_put_u8(skb, VRRP_STAT_A_NEW_MASTER_REASON,
		       st->new_master_reason) ||
	    PUT64(VRRP_STAT_A_RX_ADVERTS, st->rx_adverts) ||
	    PUT64(VRRP_STAT_A_ADVERT_INT_ERRORS, st->advert_int_errors) ||
	    PUT64(VRRP_STAT_A_TTL_ERRORS, st->ttl_errors) ||
	    nla_put_u8(skb, VRRP_STAT_A_PROTO_ERR_REASON,
		       st->proto_err_reason) ||
	    PUT64(VRRP_STAT_A_RX_PRIO_ZERO, st->rx_prio_zero) ||
	    PUT64(VRRP_STAT_A_TX_PRIO_ZERO, st->tx_prio_zero) ||
	    PUT64(VRRP_STAT_A_INVALID_TYPE, st->invalid_type) ||
	    PUT64(VRRP_STAT_A_ADDR_LIST_ERRORS, st->addr_list_errors) ||
	    PUT64(VRRP_STAT_A_LENGTH_ERRORS, st->length_errors) ||
	    PUT64(VRRP_STAT_A_AUTH_FAILURES, st->auth_failures) ||
	    PUT64(VRRP_STAT_A_INVALID_AUTH_TYPE, st->invalid_auth_type) ||
	    PUT64(VRRP_STAT_A_AUTH_TYPE_MISMATCH, st->auth_type_mismatch) ||
	    PUT64(VRRP_STAT_A_TX_ADVERTS, st->tx_adverts) ||
	    PUT64(VRRP_STAT_A_PEER_ERRORS, st->peer_errors) ||
	    PUT64(VRRP_STAT_A_DISCONTINUITY, st->discontinuity) ||
	    nla_put_u32(skb, VRRP_STAT_A_REFRESH_RATE, advert_int * 10))
		return -EMSGSIZE;
#undef PUT64
	nla_nest_end(skb, nest);
	return 0;
}

/* Fills one VR. Under RCU; takes vr->lock for a consistent snapshot. */
static int vrrp_fill_vr(struct sk_buff *skb, struct vrrp_vr *vr, u32 portid,
			u32 seq, int flags, u8 cmd)
{
	struct vrrp_stats st;
	struct vrrp_cfg *cfg;
	union vrrp_addr primary, master;
	char ifname[IFNAMSIZ] = "";
	u8 state, eff_prio, reason, mac[ETH_ALEN];
	u16 madv;
	bool have_primary;
	void *hdr;
	u64 down, skew;

	spin_lock_bh(&vr->lock);
	cfg = vrrp_cfg_locked(vr);
	refcount_inc(&cfg->ref);
	state = vr->state;
	eff_prio = vr->running ? vr->eff_prio : vrrp_fsm_priority(vr, cfg);
	reason = vr->last_reason;
	madv = vr->master_adv_int ? vr->master_adv_int : cfg->p.advert_int;
	master = vr->master_addr;
	st = vr->stats;
	if (vr->dev)
		strscpy(ifname, vr->dev->name, sizeof(ifname));
	have_primary = vrrp_tx_primary(vr, &primary);
	skew = vrrp_fsm_skew_ns(vr, madv);
	down = vrrp_fsm_master_down_ns(vr, madv);
	spin_unlock_bh(&vr->lock);

	vrrp_vmac(vr->family, vr->vrid, mac);
	hdr = genlmsg_put(skb, portid, seq, &vrrp_genl_family, flags, cmd);
	if (!hdr)
		goto nomem;
	if (nla_put_u32(skb, VRRP_A_IFINDEX, vr->ifindex) ||
	    nla_put_u8(skb, VRRP_A_FAMILY, vr->family) ||
	    nla_put_u8(skb, VRRP_A_VRID, vr->vrid) ||
	    (ifname[0] && nla_put_string(skb, VRRP_A_IFNAME, ifname)) ||
	    nla_put_u8(skb, VRRP_A_VERSION, cfg->p.version) ||
	    nla_put_u8(skb, VRRP_A_PRIORITY, cfg->p.priority) ||
	    nla_put_u16(skb, VRRP_A_ADVERT_INT, cfg->p.advert_int) ||
	    nla_put_u8(skb, VRRP_A_PREEMPT, cfg->p.preempt) ||
	    nla_put_u32(skb, VRRP_A_PREEMPT_DELAY, cfg->p.preempt_delay) ||
	    nla_put_u8(skb, VRRP_A_ACCEPT, cfg->p.accept) ||
	    nla_put_u8(skb, VRRP_A_AUTH_TYPE, cfg->p.auth_type) ||
	    (cfg->p.auth_key_len && nla_put_flag(skb, VRRP_A_AUTH_KEY_SET)) ||
	    nla_put_u8(skb, VRRP_A_VMAC_MODE, cfg->p.vmac_mode) ||
	    (cfg->p.vifname[0] &&
	     nla_put_string(skb, VRRP_A_VIFNAME, cfg->p.vifname)) ||
	    nla_put_u32(skb, VRRP_A_SYNC_GROUP, cfg->p.sync_group) ||
	    nla_put_u8(skb, VRRP_A_V3_CSUM_PSEUDO, cfg->p.v3_csum_pseudo) ||
	    nla_put_u8(skb, VRRP_A_GARP_REPEAT, cfg->p.garp_repeat) ||
	    nla_put_u32(skb, VRRP_A_GARP_DELAY, cfg->p.garp_delay) ||
	    nla_put_u32(skb, VRRP_A_GARP_REFRESH, cfg->p.garp_refresh) ||
	    nla_put_u8(skb, VRRP_A_ADMIN_UP, cfg->p.admin_up) ||
	    nla_put_u8(skb, VRRP_A_FORCE_STATE, cfg->p.force) ||
	    nla_put_u8(skb, VRRP_A_STATE, state) ||
	    nla_put_u8(skb, VRRP_A_EFF_PRIORITY, eff_prio) ||
	    (state != VRRP_STATE_INIT &&
	     vrrp_put_addr(skb, VRRP_A_MASTER_ADDR, vr->family, &master)) ||
	    nla_put_u16(skb, VRRP_A_MASTER_ADVERT_INT, madv) ||
	    nla_put_u32(skb, VRRP_A_MASTER_DOWN_INT, div_u64(down, 1000)) ||
	    nla_put_u32(skb, VRRP_A_SKEW_TIME, div_u64(skew, 1000)) ||
	    (have_primary &&
	     vrrp_put_addr(skb, VRRP_A_PRIMARY_ADDR, vr->family, &primary)) ||
	    nla_put(skb, VRRP_A_VMAC, ETH_ALEN, mac) ||
	    nla_put_u8(skb, VRRP_A_LAST_REASON, reason))
		goto cancel;
	if (vrrp_fill_lists(skb, vr, cfg) ||
	    vrrp_fill_stats(skb, &st, cfg->p.advert_int))
		goto cancel;
	vrrp_cfg_put(cfg);
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
nomem:
	vrrp_cfg_put(cfg);
	return -EMSGSIZE;
}

/* ---- operations ---- */

static int vrrp_nl_new(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct vrrp_net *vn = vrrp_net(net);
	struct vrrp_req req = {};
	int err;

	rtnl_lock();
	mutex_lock(&vn->lock);
	err = vrrp_parse_key(net, info->attrs, &req, true, info->extack);
	if (err)
		goto out;
	if (vrrp_vr_lookup(vn, req.dev->ifindex, req.family, req.vrid)) {
		NL_SET_ERR_MSG(info->extack, "virtual router already exists");
		err = -EEXIST;
		goto out;
	}
	err = vrrp_parse_cfg(net, info->attrs, &req, NULL, info->extack);
	if (err)
		goto out;
	if (!vrrp_vr_create(vn, req.dev, req.family, req.vrid, req.cfg)) {
		vrrp_cfg_put(req.cfg);
		err = -ENOMEM;
	}
out:
	mutex_unlock(&vn->lock);
	rtnl_unlock();
	return err;
}

static struct vrrp_vr *vrrp_nl_find(struct net *net, struct genl_info *info,
				    struct vrrp_req *req, int *err)
{
	struct vrrp_net *vn = vrrp_net(net);
	struct vrrp_vr *vr;

	*err = vrrp_parse_key(net, info->attrs, req, true, info->extack);
	if (*err)
		return NULL;
	vr = vrrp_vr_lookup(vn, req->dev->ifindex, req->family, req->vrid);
	if (!vr) {
		NL_SET_ERR_MSG(info->extack, "no such virtual router");
		*err = -ENOENT;
	}
	return vr;
}

static int vrrp_nl_set(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct vrrp_net *vn = vrrp_net(net);
	struct vrrp_req req = {};
	struct vrrp_cfg *old;
	struct vrrp_vr *vr;
	int err;

	rtnl_lock();
	mutex_lock(&vn->lock);
	vr = vrrp_nl_find(net, info, &req, &err);
	if (!vr)
		goto out;
	old = rcu_dereference_protected(vr->cfg, lockdep_is_held(&vn->lock));
	err = vrrp_parse_cfg(net, info->attrs, &req, old, info->extack);
	if (err)
		goto out;
	if (vrrp_cfg_equal(old, req.cfg))
		vrrp_cfg_put(req.cfg);
	else
		vrrp_vr_update(vr, req.cfg);
out:
	mutex_unlock(&vn->lock);
	rtnl_unlock();
	return err;
}

static int vrrp_nl_del(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct vrrp_net *vn = vrrp_net(net);
	struct vrrp_req req = {};
	struct vrrp_vr *vr;
	int err;

	rtnl_lock();
	mutex_lock(&vn->lock);
	vr = vrrp_nl_find(net, info, &req, &err);
	if (vr)
		vrrp_vr_delete(vr);
	mutex_unlock(&vn->lock);
	rtnl_unlock();
	return err;
}

static int vrrp_nl_get(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct vrrp_net *vn = vrrp_net(net);
	struct vrrp_req req = {};
	struct vrrp_cfg *cfg;
	struct sk_buff *msg;
	struct vrrp_vr *vr;
	int err;

	rtnl_lock();
	mutex_lock(&vn->lock);
	vr = vrrp_nl_find(net, info, &req, &err);
	if (!vr)
		goto out;
	cfg = rcu_dereference_protected(vr->cfg, lockdep_is_held(&vn->lock));
	msg = genlmsg_new(vrrp_vr_msg_size(cfg), GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto out;
	}
	rcu_read_lock();
	err = vrrp_fill_vr(msg, vr, info->snd_portid, info->snd_seq, 0,
			   VRRP_CMD_GET);
	rcu_read_unlock();
	if (err) {
		nlmsg_free(msg);
		goto out;
	}
	err = genlmsg_reply(msg, info);
out:
	mutex_unlock(&vn->lock);
	rtnl_unlock();
	return err;
}

/* cursor: args[0] = bucket, args[1] = entries done in that bucket */
static int vrrp_nl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct vrrp_net *vn = vrrp_net(net);
	struct nlattr **attrs = vrrp_dump_attrs(cb);
	unsigned long bkt = cb->args[0];
	long idx, skip = cb->args[1];
	int ifindex = 0, family = 0, err = 0;
	struct vrrp_vr *vr;

	if (attrs && attrs[VRRP_A_IFINDEX])
		ifindex = nla_get_u32(attrs[VRRP_A_IFINDEX]);
	if (attrs && attrs[VRRP_A_FAMILY])
		family = nla_get_u8(attrs[VRRP_A_FAMILY]);

	mutex_lock(&vn->lock);
	rcu_read_lock();
	for (; bkt < HASH_SIZE(vn->table); bkt++, skip = 0) {
		idx = 0;
		hlist_for_each_entry_rcu(vr, &vn->table[bkt], hnode) {
			if (idx++ < skip)
				continue;
			if ((ifindex && vr->ifindex != ifindex) ||
			    (family && vr->family != family))
				continue;
			err = vrrp_fill_vr(skb, vr,
					   NETLINK_CB(cb->skb).portid,
					   cb->nlh->nlmsg_seq, NLM_F_MULTI,
					   VRRP_CMD_GET);
			if (err) {
				idx--;
				goto out;
			}
		}
	}
	idx = 0;
out:
	rcu_read_unlock();
	mutex_unlock(&vn->lock);
	cb->args[0] = bkt;
	cb->args[1] = idx;
	if (err && !skb->len)
		return err;
	return skb->len;
}

static int vrrp_nl_flush(struct sk_buff *skb, struct genl_info *info)
{
	vrrp_net_shutdown(vrrp_net(genl_info_net(info)));
	return 0;
}

struct vrrp_batch_ent {
	struct vrrp_req req;
	struct vrrp_vr *vr;
};

static int vrrp_nl_batch(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct net *net = genl_info_net(info);
	struct vrrp_net *vn = vrrp_net(net);
	struct netlink_ext_ack *extack = info->extack;
	struct vrrp_batch_ent *ents = NULL;
	struct vrrp_vr *vr;
	struct hlist_node *tmp;
	const struct nlattr *pos;
	struct nlattr *chunk;
	int hdrlen = GENL_HDRLEN + vrrp_genl_family.hdrsize;
	int n = 0, i, j, rem, crem, err = 0, bkt;
	u32 gen;

	if (!info->attrs[VRRP_A_BATCH]) {
		NL_SET_ERR_MSG(extack, "VRRP_A_BATCH is required");
		return -EINVAL;
	}
	/* a batch may come in several VRRP_A_BATCH attributes (64 KiB each) */
	nlmsg_for_each_attr(chunk, info->nlhdr, hdrlen, crem) {
		if (nla_type(chunk) != VRRP_A_BATCH)
			continue;
		nla_for_each_nested(pos, chunk, rem)
			n++;
	}
	if (info->attrs[VRRP_A_BATCH_COUNT] &&
	    nla_get_u32(info->attrs[VRRP_A_BATCH_COUNT]) != n) {
		NL_SET_ERR_MSG_ATTR(extack, info->attrs[VRRP_A_BATCH_COUNT],
				    "batch count does not match the VRs sent");
		return -EINVAL;
	}
	if (n) {
		ents = kvcalloc(n, sizeof(*ents), GFP_KERNEL);
		if (!ents)
			return -ENOMEM;
	}

	rtnl_lock();
	mutex_lock(&vn->lock);
	i = 0;
	nlmsg_for_each_attr(chunk, info->nlhdr, hdrlen, crem) {
		if (nla_type(chunk) != VRRP_A_BATCH)
			continue;
		nla_for_each_nested(pos, chunk, rem) {
			struct vrrp_req *req = &ents[i].req;

			err = nla_parse_nested(tb, VRRP_A_MAX, pos,
					       vrrp_cfg_policy, extack);
			if (err)
				goto unwind;
			err = vrrp_parse_key(net, tb, req, true, extack);
			if (err) {
				if (!extack->bad_attr)
					NL_SET_BAD_ATTR(extack, pos);
				goto unwind;
			}
			for (j = 0; j < i; j++) {
				if (ents[j].req.dev == req->dev &&
				    ents[j].req.family == req->family &&
				    ents[j].req.vrid == req->vrid) {
					NL_SET_ERR_MSG_ATTR(extack, pos,
							    "virtual router listed twice");
					err = -EINVAL;
					goto unwind;
				}
			}
			err = vrrp_parse_cfg(net, tb, req, NULL, extack);
			if (err) {
				if (!extack->bad_attr)
					NL_SET_BAD_ATTR(extack, pos);
				goto unwind;
			}
			i++;
		}
	}

	/* everything valid: apply */
	gen = ++vn->batch_gen;
	for (i = 0; i < n; i++) {
		struct vrrp_req *req = &ents[i].req;
		struct vrrp_cfg *old;

		vr = vrrp_vr_lookup(vn, req->dev->ifindex, req->family,
				    req->vrid);
		if (vr) {
			old = rcu_dereference_protected(vr->cfg, true);
			if (vrrp_cfg_equal(old, req->cfg))
				vrrp_cfg_put(req->cfg);
			else
				vrrp_vr_update(vr, req->cfg);
		} else {
			vr = vrrp_vr_create(vn, req->dev, req->family,
					    req->vrid, req->cfg);
			if (!vr) {
				vrrp_cfg_put(req->cfg);
				err = -ENOMEM;
			}
		}
		req->cfg = NULL;
		if (vr)
			vr->batch_gen = gen;
	}
	if (info->attrs[VRRP_A_BATCH_REPLACE] && !err) {
		hash_for_each_safe(vn->table, bkt, tmp, vr, hnode)
			if (vr->batch_gen != gen)
				vrrp_vr_delete(vr);
	}
	i = 0;
unwind:
	while (i-- > 0)
		vrrp_cfg_put(ents[i].req.cfg);
	mutex_unlock(&vn->lock);
	rtnl_unlock();
	kvfree(ents);
	return err;
}

static int vrrp_nl_reset_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct vrrp_net *vn = vrrp_net(net);
	struct vrrp_req req = {};
	struct vrrp_vr *vr;
	int err = 0, bkt;

	rtnl_lock();
	mutex_lock(&vn->lock);
	if (info->attrs[VRRP_A_VRID]) {
		vr = vrrp_nl_find(net, info, &req, &err);
		if (vr) {
			spin_lock_bh(&vr->lock);
			vrrp_stats_reset(&vr->stats);
			spin_unlock_bh(&vr->lock);
		}
		goto out;
	}
	hash_for_each(vn->table, bkt, vr, hnode) {
		spin_lock_bh(&vr->lock);
		vrrp_stats_reset(&vr->stats);
		spin_unlock_bh(&vr->lock);
	}
	atomic64_set(&vn->gstats.checksum_errors, 0);
	atomic64_set(&vn->gstats.version_errors, 0);
	atomic64_set(&vn->gstats.vrid_errors, 0);
	vn->gstats.discontinuity = vrrp_now_real();
out:
	mutex_unlock(&vn->lock);
	rtnl_unlock();
	return err;
}

static int vrrp_nl_get_global(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_net(genl_info_net(info));
	struct vrrp_gstats *gs = &vn->gstats;
	struct nlattr *nest;
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &vrrp_genl_family, 0,
				VRRP_CMD_GET_GLOBAL);
	if (!hdr)
		goto err;
	nest = nla_nest_start(msg, VRRP_A_GLOBAL_STATS);
	if (!nest ||
	    nla_put_u64_64bit(msg, VRRP_GSTAT_A_CHECKSUM_ERRORS,
			      atomic64_read(&gs->checksum_errors),
			      VRRP_GSTAT_A_PAD) ||
	    nla_put_u64_64bit(msg, VRRP_GSTAT_A_VERSION_ERRORS,
			      atomic64_read(&gs->version_errors),
			      VRRP_GSTAT_A_PAD) ||
	    nla_put_u64_64bit(msg, VRRP_GSTAT_A_VRID_ERRORS,
			      atomic64_read(&gs->vrid_errors),
			      VRRP_GSTAT_A_PAD) ||
	    nla_put_u64_64bit(msg, VRRP_GSTAT_A_DISCONTINUITY,
			      gs->discontinuity, VRRP_GSTAT_A_PAD))
		goto err;
	nla_nest_end(msg, nest);
	if (nla_put_u32(msg, VRRP_A_VR_COUNT, READ_ONCE(vn->count)))
		goto err;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
err:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/* A state transition, to the "events" group. Any context. */
void vrrp_nl_event(struct vrrp_vr *vr, u8 old_state, u8 reason)
{
	const struct vrrp_cfg *cfg = rcu_dereference_raw(vr->cfg);
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&vrrp_genl_family, vr->net, 0))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_ATOMIC);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &vrrp_genl_family, 0, VRRP_CMD_EVENT);
	if (!hdr)
		goto err;
	if (nla_put_u32(msg, VRRP_A_IFINDEX, vr->ifindex) ||
	    nla_put_u8(msg, VRRP_A_FAMILY, vr->family) ||
	    nla_put_u8(msg, VRRP_A_VRID, vr->vrid) ||
	    (vr->dev && nla_put_string(msg, VRRP_A_IFNAME, vr->dev->name)) ||
	    nla_put_u8(msg, VRRP_A_VERSION, cfg->p.version) ||
	    nla_put_u8(msg, VRRP_A_STATE, vr->state) ||
	    nla_put_u8(msg, VRRP_A_EV_OLD_STATE, old_state) ||
	    nla_put_u8(msg, VRRP_A_EV_REASON, reason) ||
	    nla_put_u8(msg, VRRP_A_PRIORITY, cfg->p.priority) ||
	    nla_put_u8(msg, VRRP_A_EFF_PRIORITY, vr->eff_prio) ||
	    (vr->state != VRRP_STATE_INIT &&
	     vrrp_put_addr(msg, VRRP_A_MASTER_ADDR, vr->family,
			   &vr->master_addr)) ||
	    nla_put_u64_64bit(msg, VRRP_A_EV_TIMESTAMP, vrrp_now_real(),
			      VRRP_A_PAD))
		goto err;
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&vrrp_genl_family, vr->net, msg, 0, 0,
				GFP_ATOMIC);
	return;
err:
	nlmsg_free(msg);
}

static const struct genl_ops vrrp_genl_ops[] = {
	{
		.cmd = VRRP_CMD_NEW,
		.doit = vrrp_nl_new,
		.policy = vrrp_cfg_policy,
		.maxattr = VRRP_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VRRP_CMD_SET,
		.doit = vrrp_nl_set,
		.policy = vrrp_cfg_policy,
		.maxattr = VRRP_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VRRP_CMD_DEL,
		.doit = vrrp_nl_del,
		.policy = vrrp_key_policy,
		.maxattr = VRRP_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VRRP_CMD_GET,
		.doit = vrrp_nl_get,
		.dumpit = vrrp_nl_dump,
		.policy = vrrp_key_policy,
		.maxattr = VRRP_A_MAX,
	},
	{
		.cmd = VRRP_CMD_BATCH,
		.doit = vrrp_nl_batch,
		.policy = vrrp_batch_policy,
		.maxattr = VRRP_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VRRP_CMD_FLUSH,
		.doit = vrrp_nl_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VRRP_CMD_RESET_STATS,
		.doit = vrrp_nl_reset_stats,
		.policy = vrrp_key_policy,
		.maxattr = VRRP_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = VRRP_CMD_GET_GLOBAL,
		.doit = vrrp_nl_get_global,
	},
};

static const struct genl_multicast_group vrrp_mcgrps[] = {
	{ .name = VRRP_MCGRP_EVENTS },
};

struct genl_family vrrp_genl_family __ro_after_init = {
	.name = VRRP_GENL_NAME,
	.version = VRRP_GENL_VERSION,
	.maxattr = VRRP_A_MAX,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = vrrp_genl_ops,
	.n_ops = ARRAY_SIZE(vrrp_genl_ops),
	.mcgrps = vrrp_mcgrps,
	.n_mcgrps = ARRAY_SIZE(vrrp_mcgrps),
};

int vrrp_genl_init(void)
{
	return genl_register_family(&vrrp_genl_family);
}

void vrrp_genl_exit(void)
{
	genl_unregister_family(&vrrp_genl_family);
}
