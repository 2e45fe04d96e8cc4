// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: generic netlink family "vrrp" (uapi/linux/vrrp.h): the operations
 * and the events. Policies and parsing are in nl_cfg.c, messages out in
 * nl_fill.c.
 *
 * Operations run in parallel (parallel_ops); each locks what it needs:
 * writers RTNL then vn->lock (taken by vrrp_nl_pre_doit()), GET and dumps vn->lock
 * alone. What a netns may hold is bounded: max_vrs VRs (max_vrs_userns in
 * a netns of another user namespace), charged to the caller's memory
 * cgroup.
 */
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "nl.h"

static bool vrrp_genl_live;	/* events may be sent: see vrrp_genl_exit() */

static struct vrrp_net *vrrp_nl_net(struct genl_info *info)
{
	return vrrp_net(genl_info_net(info));
}

/*
 * The ops' prologue and epilogue, by the op's internal_flags:
 * VRRP_NL_WRITE: a macvlan module the request needs is loaded (before any
 * lock: request_module() under RTNL can deadlock), the netns is set up for
 * VRs, then RTNL and vn->lock are taken, in that order; VRRP_NL_READ:
 * vn->lock only (no RTNL: RCU keeps a VR's device and cfg).
 */
#define VRRP_NL_WRITE	BIT(0)
#define VRRP_NL_READ	BIT(1)

/* the VMAC modes of the request and of each VR of a batch */
static int vrrp_nl_macvlan(struct genl_info *info)
{
	int hdrlen = GENL_HDRLEN + vrrp_genl_family.hdrsize, crem, rem, err;
	const struct nlattr *chunk, *pos;

	err = vrrp_nl_need_macvlan(info->attrs[VRRP_A_VMAC_MODE], info->extack);
	nlmsg_for_each_attr(chunk, info->nlhdr, hdrlen, crem) {
		if (nla_type(chunk) != VRRP_A_BATCH)
			continue;
		nla_for_each_nested(pos, chunk, rem) {
			if (err)
				return err;
			err = vrrp_nl_need_macvlan(nla_find_nested(pos, VRRP_A_VMAC_MODE),
						   info->extack);
		}
	}
	return err;
}

static int vrrp_nl_pre_doit(const struct vrrp_genl_doit_ops *ops,
			    struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_nl_net(info);
	int err;

	if (ops->internal_flags & VRRP_NL_READ) {
		mutex_lock(&vn->lock);
	} else if (ops->internal_flags & VRRP_NL_WRITE) {
		err = vrrp_nl_macvlan(info) ?: vrrp_net_setup(vn);
		if (err)
			return err;
		rtnl_lock();
		mutex_lock(&vn->lock);
	}
	return 0;
}

static void vrrp_nl_post_doit(const struct vrrp_genl_doit_ops *ops,
			      struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_nl_net(info);

	if (ops->internal_flags & (VRRP_NL_READ | VRRP_NL_WRITE))
		mutex_unlock(&vn->lock);
	if (ops->internal_flags & VRRP_NL_WRITE)
		rtnl_unlock();
}

static u32 vrrp_nl_limit(struct vrrp_net *vn)
{
	return vrrp_net_userns(vn->net) ? READ_ONCE(vrrp_max_vrs_userns) :
					  READ_ONCE(vrrp_max_vrs);
}

/* room for @n more VRs in the netns */
static int vrrp_nl_room(struct vrrp_net *vn, u32 n,
			struct netlink_ext_ack *extack)
{
	if ((u64)vn->count + n <= vrrp_nl_limit(vn))
		return 0;
	if (vrrp_net_userns(vn->net))
		NL_SET_ERR_MSG(extack,
			       "too many virtual routers in this network namespace (module parameter max_vrs_userns)");
	else
		NL_SET_ERR_MSG(extack,
			       "too many virtual routers in this network namespace (module parameter max_vrs)");
	return -ENOSPC;
}

static struct vrrp_vr *vrrp_nl_find(struct vrrp_net *vn,
				    const struct vrrp_key *k,
				    struct netlink_ext_ack *extack, int *err)
{
	struct vrrp_vr *vr;

	vr = vrrp_vr_find(vn, k->ifindex, k->name, k->family, k->vrid);
	if (!vr) {
		NL_SET_ERR_MSG(extack, "no such virtual router");
		*err = -ENOENT;
	}
	return vr;
}

/* the VR the request's key names (a detached one too), or NULL and *err */
static struct vrrp_vr *vrrp_nl_keyed(struct genl_info *info,
				     struct vrrp_key *k, int *err)
{
	struct net *net = genl_info_net(info);

	*err = vrrp_parse_key(net, info->attrs, k,
			      VRRP_KEY_VRID | VRRP_KEY_DETACHED, info->extack);
	return *err ? NULL : vrrp_nl_find(vrrp_net(net), k, info->extack, err);
}

static int vrrp_nl_new(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct vrrp_net *vn = vrrp_net(net);
	struct vrrp_cfg *cfg;
	struct vrrp_key k;
	int err;

	err = vrrp_parse_key(net, info->attrs, &k, VRRP_KEY_VRID,
			     info->extack);
	if (err)
		return err;
	if (vrrp_vr_find(vn, k.ifindex, k.name, k.family, k.vrid)) {
		NL_SET_ERR_MSG(info->extack, "virtual router already exists");
		return -EEXIST;
	}
	err = vrrp_nl_room(vn, 1, info->extack) ?:
	      vrrp_parse_cfg(net, info->attrs, &k, NULL, &cfg, info->extack);
	if (err)
		return err;
	if (!vrrp_vr_create(vn, k.dev, k.family, k.vrid, cfg)) {
		vrrp_cfg_put(cfg);
		return -ENOMEM;
	}
	return 0;
}

static int vrrp_nl_set(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_cfg *old, *cfg;
	struct vrrp_vr *vr;
	struct vrrp_key k;
	int err;

	vr = vrrp_nl_keyed(info, &k, &err);
	if (!vr)
		return err;
	old = vrrp_cfg_vn(vr);
	err = vrrp_parse_cfg(genl_info_net(info), info->attrs, &k, old, &cfg,
			     info->extack);
	if (err)
		return err;
	if (vrrp_cfg_equal(old, cfg))
		vrrp_cfg_put(cfg);
	else
		vrrp_vr_update(vr, cfg);
	return 0;
}

static int vrrp_nl_del(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_vr *vr;
	struct vrrp_key k;
	int err;

	vr = vrrp_nl_keyed(info, &k, &err);
	if (vr)
		vrrp_vr_delete(vr);
	return err;
}

/* VRRP_NL_READ: vn->lock keeps the VR, RCU its device and cfg */
static int vrrp_nl_get(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	struct vrrp_vr *vr;
	struct vrrp_key k;
	int err;

	vr = vrrp_nl_keyed(info, &k, &err);
	if (!vr)
		return err;
	msg = genlmsg_new(vrrp_vr_msg_size(vrrp_cfg_vn(vr)), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rcu_read_lock();
	err = vrrp_fill_vr(msg, vr, info->snd_portid, info->snd_seq, 0, NULL);
	rcu_read_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/*
 * A dump's skb must hold the largest VR (a VR with 255 IPv6 VIPs is some
 * 10 KiB, more than a default dump skb): sized once, at the start.
 */
static int vrrp_nl_dump_start(struct netlink_callback *cb)
{
	struct vrrp_net *vn = vrrp_net(sock_net(cb->skb->sk));
	struct hlist_node *tmp;
	struct vrrp_vr *vr;
	size_t max = 0;
	int bkt;

	mutex_lock(&vn->lock);
	if (rcu_access_pointer(vn->t)) {
		vrrp_for_each_vr(vn, bkt, tmp, vr)
			max = max(max, vrrp_vr_msg_size(vrrp_cfg_vn(vr)));
		list_for_each_entry(vr, &vn->detached, dnode)
			max = max(max, vrrp_vr_msg_size(vrrp_cfg_vn(vr)));
	}
	mutex_unlock(&vn->lock);
	cb->min_dump_alloc = min_t(size_t, nlmsg_total_size(max), U16_MAX);
	return 0;
}

static bool vrrp_dump_skip(const struct vrrp_vr *vr, int ifindex, int family)
{
	return (ifindex && vr->ifindex != ifindex) ||
	       (family && vr->family != family);
}

/*
 * Cursor: args[0] = bucket (HASH_SIZE: the detached list), args[1] =
 * entries done in it. A change of the table between two parts of the
 * dump sets NLM_F_DUMP_INTR (cb->seq is the table's generation).
 */
static int vrrp_nl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vrrp_net *vn = vrrp_net(sock_net(skb->sk));
	struct nlattr **attrs = vrrp_dump_attrs(cb);
	unsigned long bkt = cb->args[0];
	long idx = 0, skip = cb->args[1];
	int ifindex = 0, family = 0, err = 0;
	struct vrrp_tables *t;
	struct vrrp_vr *vr;

	if (attrs && attrs[VRRP_A_IFINDEX])
		ifindex = nla_get_u32(attrs[VRRP_A_IFINDEX]);
	if (attrs && attrs[VRRP_A_FAMILY])
		family = nla_get_u8(attrs[VRRP_A_FAMILY]);

	mutex_lock(&vn->lock);
	cb->seq = vn->gen;
	t = rcu_dereference_protected(vn->t, lockdep_is_held(&vn->lock));
	if (!t)
		goto out;
	rcu_read_lock();
	for (; bkt < HASH_SIZE(t->vrs); bkt++, skip = 0) {
		idx = 0;
		hlist_for_each_entry(vr, &t->vrs[bkt], hnode) {
			if (idx++ < skip || vrrp_dump_skip(vr, ifindex, family))
				continue;
			err = vrrp_fill_vr(skb, vr, NETLINK_CB(cb->skb).portid,
					   cb->nlh->nlmsg_seq, NLM_F_MULTI, cb);
			if (err) {
				idx--;
				goto unlock;
			}
		}
	}
	idx = 0;
	if (bkt > HASH_SIZE(t->vrs))
		goto unlock;	/* done already */
	list_for_each_entry(vr, &vn->detached, dnode) {
		if (idx++ < skip || vrrp_dump_skip(vr, ifindex, family))
			continue;
		err = vrrp_fill_vr(skb, vr, NETLINK_CB(cb->skb).portid,
				   cb->nlh->nlmsg_seq, NLM_F_MULTI, cb);
		if (err) {
			idx--;
			goto unlock;
		}
	}
	bkt++;
	idx = 0;
unlock:
	rcu_read_unlock();
out:
	mutex_unlock(&vn->lock);
	cb->args[0] = bkt;
	cb->args[1] = idx;
	if (err && !skb->len)
		return err;
	return skb->len;
}

static int vrrp_nl_flush(struct sk_buff *skb, struct genl_info *info)
{
	vrrp_net_shutdown(vrrp_nl_net(info));
	return 0;
}

struct vrrp_batch_ent {
	const struct nlattr *nla;	/* the VR's nest in the request */
	struct vrrp_key k;
	struct vrrp_cfg *cfg;
	struct vrrp_vr *vr;		/* the VR it changes, or NULL: a new one */
};

/*
 * The VRs of a batch, in every VRRP_A_BATCH attribute of the message (one
 * holds 64 KiB at most). Counts them, and with @ents notes each one's nest.
 */
static int vrrp_batch_vrs(struct genl_info *info, struct vrrp_batch_ent *ents)
{
	int hdrlen = GENL_HDRLEN + vrrp_genl_family.hdrsize, crem, rem, n = 0;
	const struct nlattr *chunk, *pos;

	nlmsg_for_each_attr(chunk, info->nlhdr, hdrlen, crem) {
		if (nla_type(chunk) != VRRP_A_BATCH)
			continue;
		nla_for_each_nested(pos, chunk, rem) {
			if (ents)
				ents[n].nla = pos;
			n++;
		}
	}
	return n;
}

static bool vrrp_key_equal(const struct vrrp_key *a, const struct vrrp_key *b)
{
	return a->ifindex == b->ifindex && !strcmp(a->name, b->name) &&
	       a->family == b->family && a->vrid == b->vrid;
}

/* parses and checks every VR of the batch; nothing is applied yet */
static int vrrp_batch_parse(struct vrrp_net *vn, struct genl_info *info,
			    struct vrrp_batch_ent *ents, int n, int *created)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct net *net = vn->net;
	int i, j, err;

	*created = 0;
	for (i = 0; i < n; i++) {
		struct vrrp_batch_ent *e = &ents[i];

		err = nla_parse_nested(tb, VRRP_A_MAX, e->nla, vrrp_cfg_policy,
				       extack) ?:
		      vrrp_parse_key(net, tb, &e->k,
				     VRRP_KEY_VRID | VRRP_KEY_DETACHED, extack);
		if (err)
			goto bad;
		for (j = 0; j < i; j++) {
			if (vrrp_key_equal(&ents[j].k, &e->k)) {
				NL_SET_ERR_MSG_ATTR(extack, e->nla,
						    "virtual router listed twice");
				return -EINVAL;
			}
		}
		e->vr = vrrp_vr_find(vn, e->k.ifindex, e->k.name, e->k.family,
				     e->k.vrid);
		if (!e->vr && !e->k.dev) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_A_IFNAME],
					    "no such interface");
			err = -ENODEV;
			goto bad;
		}
		err = vrrp_parse_cfg(net, tb, &e->k, NULL, &e->cfg, extack);
		if (err)
			goto bad;
		*created += !e->vr;
	}
	return 0;
bad:
	if (!extack->bad_attr)
		NL_SET_BAD_ATTR(extack, ents[i].nla);
	return err;
}

/* what the batch asks for, applied: every VR was checked already */
static int vrrp_batch_apply(struct vrrp_net *vn, struct vrrp_batch_ent *ents,
			    int n, bool replace)
{
	struct vrrp_vr *vr, *nvr;
	struct hlist_node *tmp;
	int i, bkt, err = 0;
	u32 gen;

	gen = ++vn->batch_gen;
	for (i = 0; i < n; i++) {
		struct vrrp_batch_ent *e = &ents[i];

		vr = e->vr;
		if (vr && vrrp_cfg_equal(vrrp_cfg_vn(vr), e->cfg)) {
			vrrp_cfg_put(e->cfg);
		} else if (vr) {
			vrrp_vr_update(vr, e->cfg);
		} else {
			vr = vrrp_vr_create(vn, e->k.dev, e->k.family,
					    e->k.vrid, e->cfg);
			if (!vr) {
				vrrp_cfg_put(e->cfg);
				err = -ENOMEM;
			}
		}
		e->cfg = NULL;
		if (vr)
			vr->batch_gen = gen;
		cond_resched();	/* a batch holds thousands, under RTNL */
	}
	if (!replace || err)
		return err;
	vrrp_for_each_vr(vn, bkt, tmp, vr)
		if (vr->batch_gen != gen)
			vrrp_vr_delete(vr);
	list_for_each_entry_safe(vr, nvr, &vn->detached, dnode)
		if (vr->batch_gen != gen)
			vrrp_vr_delete(vr);
	return 0;
}

static int vrrp_nl_batch(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_nl_net(info);
	struct netlink_ext_ack *extack = info->extack;
	struct vrrp_batch_ent *ents = NULL;
	int n, i, err, created;

	if (!info->attrs[VRRP_A_BATCH]) {
		NL_SET_ERR_MSG(extack, "VRRP_A_BATCH is required");
		return -EINVAL;
	}
	n = vrrp_batch_vrs(info, NULL);
	if (info->attrs[VRRP_A_BATCH_COUNT] &&
	    nla_get_u32(info->attrs[VRRP_A_BATCH_COUNT]) != n) {
		NL_SET_ERR_MSG_ATTR(extack, info->attrs[VRRP_A_BATCH_COUNT],
				    "batch count does not match the VRs sent");
		return -EINVAL;
	}
	/* distinct VRs: never more than the netns may hold */
	if (n > vrrp_nl_limit(vn)) {
		NL_SET_ERR_MSG(extack, "batch larger than the VR limit of this network namespace");
		return -E2BIG;
	}
	if (!n)
		return 0;
	ents = kvcalloc(n, sizeof(*ents), GFP_KERNEL_ACCOUNT);
	if (!ents)
		return -ENOMEM;
	vrrp_batch_vrs(info, ents);
	err = vrrp_batch_parse(vn, info, ents, n, &created) ?:
	      vrrp_nl_room(vn, created, extack) ?:
	      vrrp_batch_apply(vn, ents, n,
			       info->attrs[VRRP_A_BATCH_REPLACE]);
	for (i = 0; i < n; i++)
		vrrp_cfg_put(ents[i].cfg);
	kvfree(ents);
	return err;
}

static void vrrp_stats_reset_vr(struct vrrp_vr *vr)
{
	spin_lock_bh(&vr->lock);
	vrrp_stats_reset(&vr->stats);
	spin_unlock_bh(&vr->lock);
}

static int vrrp_nl_reset_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_nl_net(info);
	struct vrrp_gstats *gs = &vn->gstats;
	struct hlist_node *tmp;
	struct vrrp_vr *vr;
	struct vrrp_key k;
	int err, bkt;

	if (info->attrs[VRRP_A_VRID]) {
		vr = vrrp_nl_keyed(info, &k, &err);
		if (vr)
			vrrp_stats_reset_vr(vr);
		return err;
	}
	vrrp_for_each_vr(vn, bkt, tmp, vr)
		vrrp_stats_reset_vr(vr);
	list_for_each_entry(vr, &vn->detached, dnode)
		vrrp_stats_reset_vr(vr);
	atomic64_set(&gs->checksum_errors, 0);
	atomic64_set(&gs->version_errors, 0);
	atomic64_set(&gs->vrid_errors, 0);
	atomic64_set(&gs->length_errors, 0);
	WRITE_ONCE(gs->discontinuity, vrrp_now_real());
	return 0;
}

static int vrrp_nl_get_global(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	if (vrrp_fill_global(msg, vrrp_nl_net(info), info)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return genlmsg_reply(msg, info);
}

/*
 * A state transition, or VRRP_REASON_CSUM_FOLLOWED (the state is the old
 * one), to the "events" group. Under vr->lock.
 */
void vrrp_nl_event(struct vrrp_vr *vr, u8 old_state, u8 reason)
{
	const struct vrrp_cfg *cfg = vrrp_cfg_locked(vr);
	struct sk_buff *msg;
	void *hdr;

	/* BH is off: rmmod's synchronize_rcu() waits for us */
	if (!READ_ONCE(vrrp_genl_live) ||
	    !genl_has_listeners(&vrrp_genl_family, vr->net, 0))
		return;
	msg = genlmsg_new(256, GFP_ATOMIC);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &vrrp_genl_family, 0, VRRP_CMD_EVENT);
	if (!hdr)
		goto err;
	if ((vr->ifindex && nla_put_u32(msg, VRRP_A_IFINDEX, vr->ifindex)) ||
	    nla_put_u8(msg, VRRP_A_FAMILY, vr->family) ||
	    nla_put_u8(msg, VRRP_A_VRID, vr->vrid) ||
	    nla_put_string(msg, VRRP_A_IFNAME,
			   vr->dev ? vr->dev->name : vr->ifname) ||
	    nla_put_u8(msg, VRRP_A_VERSION, cfg->p.version) ||
	    nla_put_u8(msg, VRRP_A_STATE, vr->fsm.state) ||
	    nla_put_u8(msg, VRRP_A_EV_OLD_STATE, old_state) ||
	    nla_put_u8(msg, VRRP_A_EV_REASON, reason) ||
	    (vrrp_csum_forms(vr, cfg) &&
	     nla_put_u8(msg, VRRP_A_V3_CSUM_USED, vr->csum_rfc ?
			VRRP_CSUM_RFC9568 : VRRP_CSUM_PSEUDO)) ||
	    nla_put_u8(msg, VRRP_A_PRIORITY, cfg->p.priority) ||
	    nla_put_u8(msg, VRRP_A_EFF_PRIORITY, vr->fsm.priority) ||
	    (vr->fsm.state != VRRP_STATE_INIT &&
	     nla_put(msg, VRRP_A_MASTER_ADDR, vrrp_addr_len(vr->family),
		     vr->fsm.master_addr)) ||
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
		.internal_flags = VRRP_NL_WRITE,
	},
	{
		.cmd = VRRP_CMD_SET,
		.doit = vrrp_nl_set,
		.policy = vrrp_cfg_policy,
		.maxattr = VRRP_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VRRP_NL_WRITE,
	},
	{
		.cmd = VRRP_CMD_DEL,
		.doit = vrrp_nl_del,
		.policy = vrrp_key_policy,
		.maxattr = VRRP_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VRRP_NL_WRITE,
	},
	{
		.cmd = VRRP_CMD_GET,
		.doit = vrrp_nl_get,
		.start = vrrp_nl_dump_start,
		.dumpit = vrrp_nl_dump,
		.policy = vrrp_key_policy,
		.maxattr = VRRP_A_MAX,
		.internal_flags = VRRP_NL_READ,
	},
	{
		.cmd = VRRP_CMD_BATCH,
		.doit = vrrp_nl_batch,
		.policy = vrrp_batch_policy,
		.maxattr = VRRP_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VRRP_NL_WRITE,
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
		.internal_flags = VRRP_NL_WRITE,
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
	.parallel_ops = true,
	.pre_doit = vrrp_nl_pre_doit,
	.post_doit = vrrp_nl_post_doit,
	.module = THIS_MODULE,
	.ops = vrrp_genl_ops,
	.n_ops = ARRAY_SIZE(vrrp_genl_ops),
	.mcgrps = vrrp_mcgrps,
	.n_mcgrps = ARRAY_SIZE(vrrp_mcgrps),
};

int vrrp_genl_init(void)
{
	int err = genl_register_family(&vrrp_genl_family);

	if (!err)
		WRITE_ONCE(vrrp_genl_live, true);
	return err;
}

/*
 * Events stop first: vrrp_nl_event() runs with BH disabled, so after
 * synchronize_rcu() none is still using the family, whose multicast group
 * may belong to another family once it is unregistered.
 */
void vrrp_genl_exit(void)
{
	WRITE_ONCE(vrrp_genl_live, false);
	synchronize_rcu();
	genl_unregister_family(&vrrp_genl_family);
}
