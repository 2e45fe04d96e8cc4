// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: netlink messages out: a VR (GET, dumps) and the global counters.
 */
#include <net/genetlink.h>

#include "nl.h"

/* an upper bound of vrrp_fill_vr()'s message for @cfg */
size_t vrrp_vr_msg_size(const struct vrrp_cfg *cfg)
{
	return NLMSG_ALIGN(GENL_HDRLEN) + 1024 + 512 +
	       cfg->n_vips * 32 + cfg->n_tracks * 48 +
	       cfg->n_routes * 96 + cfg->n_peers * 24;
}

static int vrrp_put_addr(struct sk_buff *skb, int type, u8 family,
			 const void *a)
{
	return nla_put(skb, type, vrrp_addr_len(family), a);
}

/* one nest of nests; @one puts entry @i */
static int vrrp_put_list(struct sk_buff *skb, int type, int n,
			 int (*one)(struct sk_buff *skb, const struct vrrp_vr *vr,
				    const struct vrrp_cfg *cfg, int i),
			 const struct vrrp_vr *vr, const struct vrrp_cfg *cfg)
{
	struct nlattr *list, *e;
	int i;

	list = nla_nest_start(skb, type);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		e = nla_nest_start(skb, i);
		if (!e || one(skb, vr, cfg, i))
			return -EMSGSIZE;
		nla_nest_end(skb, e);
	}
	nla_nest_end(skb, list);
	return 0;
}

static int vrrp_put_vip(struct sk_buff *skb, const struct vrrp_vr *vr,
			const struct vrrp_cfg *cfg, int i)
{
	return vrrp_put_addr(skb, VRRP_VIP_A_ADDR, vr->family,
			     &cfg->vips[i].addr) ||
	       nla_put_u8(skb, VRRP_VIP_A_PREFIXLEN, cfg->vips[i].plen);
}

/* under RCU: the index of a tracked device that exists */
static int vrrp_put_track(struct sk_buff *skb, const struct vrrp_vr *vr,
			  const struct vrrp_cfg *cfg, int i)
{
	const struct vrrp_track *t = &cfg->tracks[i];
	struct net_device *dev = dev_get_by_name_rcu(vr->net, t->name);

	return nla_put_string(skb, VRRP_TRACK_A_IFNAME, t->name) ||
	       nla_put_u8(skb, VRRP_TRACK_A_WEIGHT, t->weight) ||
	       (dev && nla_put_u32(skb, VRRP_TRACK_A_IFINDEX, dev->ifindex));
}

static int vrrp_put_route(struct sk_buff *skb, const struct vrrp_vr *vr,
			  const struct vrrp_cfg *cfg, int i)
{
	const struct vrrp_route *r = &cfg->routes[i];

	return vrrp_put_addr(skb, VRRP_ROUTE_A_DST, vr->family, &r->dst) ||
	       nla_put_u8(skb, VRRP_ROUTE_A_DST_LEN, r->dst_len) ||
	       (r->has_gw &&
		vrrp_put_addr(skb, VRRP_ROUTE_A_GATEWAY, vr->family, &r->gw)) ||
	       (r->metric && nla_put_u32(skb, VRRP_ROUTE_A_METRIC, r->metric)) ||
	       (r->mtu && nla_put_u32(skb, VRRP_ROUTE_A_MTU, r->mtu));
}

static int vrrp_put_peer(struct sk_buff *skb, const struct vrrp_vr *vr,
			 const struct vrrp_cfg *cfg, int i)
{
	return vrrp_put_addr(skb, VRRP_PEER_A_ADDR, vr->family,
			     &cfg->peers[i]);
}

static int vrrp_fill_lists(struct sk_buff *skb, const struct vrrp_vr *vr,
			   const struct vrrp_cfg *cfg)
{
	return vrrp_put_list(skb, VRRP_A_VIPS, cfg->n_vips, vrrp_put_vip,
			     vr, cfg) ||
	       (cfg->n_tracks &&
		vrrp_put_list(skb, VRRP_A_TRACKS, cfg->n_tracks,
			      vrrp_put_track, vr, cfg)) ||
	       (cfg->n_routes &&
		vrrp_put_list(skb, VRRP_A_ROUTES, cfg->n_routes,
			      vrrp_put_route, vr, cfg)) ||
	       (cfg->n_peers &&
		vrrp_put_list(skb, VRRP_A_PEERS, cfg->n_peers, vrrp_put_peer,
			      vr, cfg)) ? -EMSGSIZE : 0;
}

static int vrrp_fill_stats(struct sk_buff *skb, const struct vrrp_stats *st,
			   u8 nmr, u16 advert_int)
{
	struct nlattr *nest = nla_nest_start(skb, VRRP_A_STATS);

	if (!nest)
		return -EMSGSIZE;
#define PUT64(a, v) nla_put_u64_64bit(skb, a, v, VRRP_STAT_A_PAD)
	if (PUT64(VRRP_STAT_A_MASTER_TRANSITIONS, st->master_transitions) ||
	    nla_put_u8(skb, VRRP_STAT_A_NEW_MASTER_REASON, nmr) ||
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
	    PUT64(VRRP_STAT_A_OWNER_CONFLICTS, st->owner_conflicts) ||
	    PUT64(VRRP_STAT_A_SRC_ERRORS, st->src_errors) ||
	    PUT64(VRRP_STAT_A_CSUM_FOLLOWED, st->csum_followed) ||
	    PUT64(VRRP_STAT_A_DOWN_DEFERRED, st->down_deferred) ||
	    PUT64(VRRP_STAT_A_DISCONTINUITY, st->discontinuity) ||
	    nla_put_u32(skb, VRRP_STAT_A_REFRESH_RATE, advert_int * 10))
		return -EMSGSIZE;
#undef PUT64
	nla_nest_end(skb, nest);
	return 0;
}

/* what vrrp_fill_vr() reads under vr->lock */
struct vrrp_snap {
	struct vrrp_stats st;
	union vrrp_addr primary, master;
	char ifname[IFNAMSIZ];
	u8 state, prio, reason, nmr;
	u16 madv;
	bool have_primary;
	bool csum_rfc;
	u64 down, skew;
};

static void vrrp_snapshot(struct vrrp_vr *vr, const struct vrrp_cfg *cfg,
			  struct vrrp_snap *s)
{
	const struct vrrp_fsm *f = &vr->fsm;
	struct vrrp_fsm_cfg c;

	vrrp_engine_fsm_cfg(cfg, &c);
	s->state = f->state;
	s->prio = f->state != VRRP_STATE_INIT ? f->priority :
		  vrrp_engine_priority(vr, cfg);
	s->reason = f->reason;
	s->nmr = f->new_master_reason;
	s->madv = f->state != VRRP_STATE_INIT ? f->master_adv_int :
		  cfg->p.advert_int;
	memset(&s->master, 0, sizeof(s->master));
	memcpy(s->master.b, f->master_addr, vrrp_addr_len(vr->family));
	s->st = vr->stats;
	s->csum_rfc = vr->csum_rfc;
	strscpy(s->ifname, vr->dev ? vr->dev->name : vr->ifname,
		sizeof(s->ifname));
	s->have_primary = vrrp_tx_primary(vr, cfg, &s->primary);
	/* as Master_Down would be for this Priority */
	s->skew = vrrp_fsm_skew(&(struct vrrp_fsm){ .priority = s->prio }, &c,
				s->madv);
	s->down = vrrp_fsm_master_down(&(struct vrrp_fsm){ .priority = s->prio },
				       &c, s->madv);
}

/*
 * Fills one VR: its key, configuration, state and counters. Under RCU;
 * takes vr->lock for a consistent snapshot. @cb is the dump's, if any.
 */
int vrrp_fill_vr(struct sk_buff *skb, struct vrrp_vr *vr, u32 portid,
		 u32 seq, int flags, struct netlink_callback *cb)
{
	struct vrrp_snap s;
	struct vrrp_cfg *cfg;
	u8 mac[ETH_ALEN];
	int ifindex;
	void *hdr;

	spin_lock_bh(&vr->lock);
	cfg = vrrp_cfg_locked(vr);
	refcount_inc(&cfg->ref);
	ifindex = vr->ifindex;
	vrrp_snapshot(vr, cfg, &s);
	spin_unlock_bh(&vr->lock);

	vrrp_vmac(vr->family, vr->vrid, mac);
	hdr = genlmsg_put(skb, portid, seq, &vrrp_genl_family, flags,
			  VRRP_CMD_GET);
	if (!hdr)
		goto nomem;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if ((ifindex && nla_put_u32(skb, VRRP_A_IFINDEX, ifindex)) ||
	    nla_put_u8(skb, VRRP_A_FAMILY, vr->family) ||
	    nla_put_u8(skb, VRRP_A_VRID, vr->vrid) ||
	    nla_put_string(skb, VRRP_A_IFNAME, s.ifname) ||
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
	    nla_put_u8(skb, VRRP_A_V3_CSUM, cfg->p.v3_csum) ||
	    (vrrp_csum_forms(vr, cfg) &&
	     nla_put_u8(skb, VRRP_A_V3_CSUM_USED, s.csum_rfc ?
			VRRP_CSUM_RFC9568 : VRRP_CSUM_PSEUDO)) ||
	    nla_put_u8(skb, VRRP_A_GARP_REPEAT, cfg->p.garp_repeat) ||
	    nla_put_u32(skb, VRRP_A_GARP_DELAY, cfg->p.garp_delay) ||
	    nla_put_u32(skb, VRRP_A_GARP_REFRESH, cfg->p.garp_refresh) ||
	    nla_put_u8(skb, VRRP_A_ADMIN_UP, cfg->p.admin_up) ||
	    nla_put_u8(skb, VRRP_A_FORCE_STATE, cfg->p.force) ||
	    nla_put_u8(skb, VRRP_A_STATE, s.state) ||
	    nla_put_u8(skb, VRRP_A_EFF_PRIORITY, s.prio) ||
	    (s.state != VRRP_STATE_INIT &&
	     vrrp_put_addr(skb, VRRP_A_MASTER_ADDR, vr->family, &s.master)) ||
	    nla_put_u16(skb, VRRP_A_MASTER_ADVERT_INT, s.madv) ||
	    nla_put_u32(skb, VRRP_A_MASTER_DOWN_INT, div_u64(s.down, 1000)) ||
	    nla_put_u32(skb, VRRP_A_SKEW_TIME, div_u64(s.skew, 1000)) ||
	    (s.have_primary &&
	     vrrp_put_addr(skb, VRRP_A_PRIMARY_ADDR, vr->family, &s.primary)) ||
	    nla_put(skb, VRRP_A_VMAC, ETH_ALEN, mac) ||
	    nla_put_u8(skb, VRRP_A_LAST_REASON, s.reason) ||
	    vrrp_fill_lists(skb, vr, cfg) ||
	    vrrp_fill_stats(skb, &s.st, s.nmr, cfg->p.advert_int))
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

int vrrp_fill_global(struct sk_buff *msg, struct vrrp_net *vn,
		     struct genl_info *info)
{
	struct vrrp_gstats *gs = &vn->gstats;
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put_reply(msg, info, &vrrp_genl_family, 0,
				VRRP_CMD_GET_GLOBAL);
	if (!hdr)
		return -EMSGSIZE;
#define PUT64(a, v) nla_put_u64_64bit(msg, a, v, VRRP_GSTAT_A_PAD)
	nest = nla_nest_start(msg, VRRP_A_GLOBAL_STATS);
	if (!nest ||
	    PUT64(VRRP_GSTAT_A_CHECKSUM_ERRORS,
		  atomic64_read(&gs->checksum_errors)) ||
	    PUT64(VRRP_GSTAT_A_VERSION_ERRORS,
		  atomic64_read(&gs->version_errors)) ||
	    PUT64(VRRP_GSTAT_A_VRID_ERRORS, atomic64_read(&gs->vrid_errors)) ||
	    PUT64(VRRP_GSTAT_A_LENGTH_ERRORS,
		  atomic64_read(&gs->length_errors)) ||
	    PUT64(VRRP_GSTAT_A_DISCONTINUITY, READ_ONCE(gs->discontinuity)))
		return -EMSGSIZE;
#undef PUT64
	nla_nest_end(msg, nest);
	if (nla_put_u32(msg, VRRP_A_VR_COUNT, READ_ONCE(vn->count)))
		return -EMSGSIZE;
	genlmsg_end(msg, hdr);
	return 0;
}
