// SPDX-License-Identifier: GPL-2.0
/* vr_spec -> vrrp netlink attributes, and the one-message batch apply. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "batch.h"

/* bytes per VRRP_A_BATCH nest, under the 64 KiB attribute limit */
#define NEST_MAX 60000

#define PUT(x) do { if ((x) < 0) return -EMSGSIZE; } while (0)

static size_t alen(int family)
{
	return family == AF_INET6 ? 16 : 4;
}

int batch_put_key(struct nl_msg *m, const struct vr_spec *s)
{
	unsigned int idx = if_nametoindex(s->ifname);

	if (idx)
		PUT(nla_put_u32(m, VRRP_A_IFINDEX, idx));
	else
		PUT(nla_put_string(m, VRRP_A_IFNAME, s->ifname));
	PUT(nla_put_u8(m, VRRP_A_FAMILY, (uint8_t)s->family));
	PUT(nla_put_u8(m, VRRP_A_VRID, (uint8_t)s->vrid));
	return 0;
}

/* list nests are kept even when empty: an empty list clears it (set) */
static int put_addrs(struct nl_msg *m, int type, int inner,
		     const struct vr_addr *a, size_t n, bool plen)
{
	struct nlattr *outer, *e;
	size_t i;

	outer = nla_nest_start(m, type | NLA_F_NESTED);
	if (!outer)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		e = nla_nest_start(m, (int)(i + 1) | NLA_F_NESTED);
		if (!e)
			return -EMSGSIZE;
		PUT(nla_put(m, inner, (int)alen(a[i].family), a[i].addr));
		if (plen)
			PUT(nla_put_u8(m, VRRP_VIP_A_PREFIXLEN, a[i].plen));
		PUT(nla_nest_end(m, e));
	}
	PUT(nla_nest_end_keep_empty(m, outer));
	return 0;
}

static int put_tracks(struct nl_msg *m, const struct vr_spec *s)
{
	struct nlattr *outer, *e;
	unsigned int idx;
	size_t i;

	outer = nla_nest_start(m, VRRP_A_TRACKS | NLA_F_NESTED);
	if (!outer)
		return -EMSGSIZE;
	for (i = 0; i < s->n_tracks; i++) {
		e = nla_nest_start(m, (int)(i + 1) | NLA_F_NESTED);
		if (!e)
			return -EMSGSIZE;
		idx = if_nametoindex(s->tracks[i].ifname);
		if (idx)
			PUT(nla_put_u32(m, VRRP_TRACK_A_IFINDEX, idx));
		else
			PUT(nla_put_string(m, VRRP_TRACK_A_IFNAME,
					   s->tracks[i].ifname));
		PUT(nla_put_u8(m, VRRP_TRACK_A_WEIGHT, s->tracks[i].weight));
		PUT(nla_nest_end(m, e));
	}
	PUT(nla_nest_end_keep_empty(m, outer));
	return 0;
}

static int put_routes(struct nl_msg *m, const struct vr_spec *s)
{
	struct nlattr *outer, *e;
	size_t i;

	outer = nla_nest_start(m, VRRP_A_ROUTES | NLA_F_NESTED);
	if (!outer)
		return -EMSGSIZE;
	for (i = 0; i < s->n_routes; i++) {
		const struct vr_route *r = &s->routes[i];

		e = nla_nest_start(m, (int)(i + 1) | NLA_F_NESTED);
		if (!e)
			return -EMSGSIZE;
		PUT(nla_put(m, VRRP_ROUTE_A_DST, (int)alen(r->dst.family),
			    r->dst.addr));
		PUT(nla_put_u8(m, VRRP_ROUTE_A_DST_LEN, r->dst.plen));
		if (r->has_gw)
			PUT(nla_put(m, VRRP_ROUTE_A_GATEWAY,
				    (int)alen(r->gw.family), r->gw.addr));
		if (r->has_metric)
			PUT(nla_put_u32(m, VRRP_ROUTE_A_METRIC, r->metric));
		if (r->has_mtu)
			PUT(nla_put_u32(m, VRRP_ROUTE_A_MTU, r->mtu));
		PUT(nla_nest_end(m, e));
	}
	PUT(nla_nest_end_keep_empty(m, outer));
	return 0;
}

int batch_put_vr(struct nl_msg *m, const struct vr_spec *s)
{
	int r = batch_put_key(m, s);

	if (r)
		return r;
	if (SPEC_HAS(s, SF_VERSION))
		PUT(nla_put_u8(m, VRRP_A_VERSION, (uint8_t)s->version));
	if (SPEC_HAS(s, SF_PRIORITY))
		PUT(nla_put_u8(m, VRRP_A_PRIORITY, (uint8_t)s->priority));
	if (SPEC_HAS(s, SF_ADVERT))
		PUT(nla_put_u16(m, VRRP_A_ADVERT_INT, (uint16_t)s->advert_cs));
	if (SPEC_HAS(s, SF_PREEMPT))
		PUT(nla_put_u8(m, VRRP_A_PREEMPT, s->preempt));
	if (SPEC_HAS(s, SF_PREEMPT_DELAY))
		PUT(nla_put_u32(m, VRRP_A_PREEMPT_DELAY, s->preempt_delay));
	if (SPEC_HAS(s, SF_ACCEPT))
		PUT(nla_put_u8(m, VRRP_A_ACCEPT, s->accept));
	if (SPEC_HAS(s, SF_VIPS) && s->n_vips)
		PUT(put_addrs(m, VRRP_A_VIPS, VRRP_VIP_A_ADDR, s->vips,
			      s->n_vips, true));
	if (SPEC_HAS(s, SF_AUTH_TYPE))
		PUT(nla_put_u8(m, VRRP_A_AUTH_TYPE, (uint8_t)s->auth_type));
	if (SPEC_HAS(s, SF_AUTH_KEY) && s->auth_key_len)
		PUT(nla_put(m, VRRP_A_AUTH_KEY, (int)s->auth_key_len,
			    s->auth_key));
	if (SPEC_HAS(s, SF_VMAC_MODE))
		PUT(nla_put_u8(m, VRRP_A_VMAC_MODE, (uint8_t)s->vmac_mode));
	if (SPEC_HAS(s, SF_VIFNAME) && s->vifname[0])
		PUT(nla_put_string(m, VRRP_A_VIFNAME, s->vifname));
	/* an empty list is sent as an empty nest: "set ... track none" */
	if (SPEC_HAS(s, SF_TRACKS))
		PUT(put_tracks(m, s));
	if (SPEC_HAS(s, SF_ROUTES))
		PUT(put_routes(m, s));
	if (SPEC_HAS(s, SF_PEERS))
		PUT(put_addrs(m, VRRP_A_PEERS, VRRP_PEER_A_ADDR, s->peers,
			      s->n_peers, false));
	if (SPEC_HAS(s, SF_SYNC_GROUP))
		PUT(nla_put_u32(m, VRRP_A_SYNC_GROUP, s->sync_group));
	if (SPEC_HAS(s, SF_CSUM))
		PUT(nla_put_u8(m, VRRP_A_V3_CSUM, (uint8_t)s->csum));
	if (SPEC_HAS(s, SF_GARP_REPEAT))
		PUT(nla_put_u8(m, VRRP_A_GARP_REPEAT, (uint8_t)s->garp_repeat));
	if (SPEC_HAS(s, SF_GARP_DELAY))
		PUT(nla_put_u32(m, VRRP_A_GARP_DELAY, s->garp_delay));
	if (SPEC_HAS(s, SF_GARP_REFRESH))
		PUT(nla_put_u32(m, VRRP_A_GARP_REFRESH, s->garp_refresh));
	if (SPEC_HAS(s, SF_ADMIN_UP))
		PUT(nla_put_u8(m, VRRP_A_ADMIN_UP, s->admin_up));
	if (SPEC_HAS(s, SF_FORCE))
		PUT(nla_put_u8(m, VRRP_A_FORCE_STATE, (uint8_t)s->force));
	return 0;
}

size_t batch_vr_size(const struct vr_spec *s)
{
	return 400 + s->auth_key_len + s->n_vips * 40 + s->n_peers * 32 +
	       s->n_tracks * 40 + s->n_routes * 80;
}

struct batch_where {
	const struct vr_specs *l;
	const char *file;
	long *start;		/* offset of each VR's nest in the message */
};

static int batch_err(long offs, const char *msg, void *arg)
{
	struct batch_where *w = arg;
	size_t i;

	if (offs < 0 || !w->file || !w->l->n || offs < w->start[0])
		return 0;
	for (i = w->l->n; i-- > 0;)
		if (offs >= w->start[i])
			break;
	fprintf(stderr, "%s:%d: Error: %s (interface %s, group %u)\n", w->file,
		w->l->v[i].line, msg, w->l->v[i].ifname, w->l->v[i].vrid);
	return 1;
}

int batch_apply(struct nlc *c, const struct vr_specs *l, bool replace)
{
	return batch_apply_file(c, l, replace, NULL);
}

struct nl_msg *batch_build(struct nlc *c, const struct vr_specs *l,
			   bool replace, long *start)
{
	struct nlattr *outer, *e;
	struct nl_msg *m;
	size_t i, size = 4096, chunks = 1;

	for (i = 0; i < l->n; i++)
		size += batch_vr_size(&l->v[i]);
	m = nlc_msg(c, VRRP_CMD_BATCH, 0, size);
	if (!m)
		return NULL;
	if (replace && nla_put_flag(m, VRRP_A_BATCH_REPLACE) < 0)
		goto full;
	/*
	 * A nest is limited to 64 KiB (nla_len is 16 bits): big batches span
	 * several VRRP_A_BATCH attributes, announced by VRRP_A_BATCH_COUNT.
	 */
	outer = nla_nest_start(m, VRRP_A_BATCH | NLA_F_NESTED);
	if (!outer)
		goto full;
	for (i = 0; i < l->n; i++) {
		e = nla_nest_start(m, (int)(i + 1) | NLA_F_NESTED);
		if (!e || batch_put_vr(m, &l->v[i]) || nla_nest_end(m, e) < 0)
			goto full;
		if ((char *)nlmsg_tail(nlmsg_hdr(m)) - (char *)outer > NEST_MAX &&
		    (char *)e != (char *)nla_data(outer)) {
			/* move this VR to a new VRRP_A_BATCH */
			nla_nest_cancel(m, e);
			if (nla_nest_end(m, outer) < 0)
				goto full;
			chunks++;
			outer = nla_nest_start(m, VRRP_A_BATCH | NLA_F_NESTED);
			e = outer ? nla_nest_start(m, (int)(i + 1) | NLA_F_NESTED) : NULL;
			if (!e || batch_put_vr(m, &l->v[i]) || nla_nest_end(m, e) < 0)
				goto full;
		}
		if (start)
			start[i] = (long)((char *)e - (char *)nlmsg_hdr(m));
	}
	if (nla_nest_end(m, outer) < 0)
		goto full;
	if (chunks > 1 && nla_put_u32(m, VRRP_A_BATCH_COUNT, (uint32_t)l->n) < 0)
		goto full;
	return m;
full:
	nlmsg_free(m);
	return NULL;
}

int batch_apply_file(struct nlc *c, const struct vr_specs *l, bool replace,
		     const char *file)
{
	struct batch_where w = { .l = l, .file = file };
	struct nl_msg *m;
	int r;

	w.start = calloc(l->n + 1, sizeof(*w.start));
	m = w.start ? batch_build(c, l, replace, w.start) : NULL;
	if (!m) {
		free(w.start);
		fprintf(stderr, "Error: cannot build the batch message\n");
		return -EMSGSIZE;
	}
	nlc_set_err_hook(batch_err, &w);
	r = nlc_talk(c, m, NULL, NULL);
	nlc_set_err_hook(NULL, NULL);
	free(w.start);
	return r;
}
