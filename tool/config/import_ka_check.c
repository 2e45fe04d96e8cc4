// SPDX-License-Identifier: GPL-2.0
/* import keepalived: the model checked and adjusted once all is read */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include <linux/vrrp.h>

#include "import_ka_priv.h"
#include "privsep.h"
#include "spec.h"

/* ---------------------------------------------------------------- */
/* checks and adjustments, once the whole file is read               */

static bool vip_same(const struct vr_addr *a, const struct vr_addr *b)
{
	return a->family == b->family &&
	       !memcmp(a->addr, b->addr, a->family == AF_INET ? 4 : 16);
}

static bool on_vr_dev(const struct ka_inst *in, const char *dev)
{
	return !dev || !strcmp(dev, in->ifname) ||
	       (in->vmac && !strcmp(dev, in->vifname));
}

/* the first address gives the family; the rest must follow it */
static void finish_vips(struct imp *m, struct ka_inst *in)
{
	struct ka_vip *v;
	size_t i, j, k = 0;
	char a[INET6_ADDRSTRLEN];

	for (i = 0; i < in->nvips; i++) {
		v = &in->vips[i];
		addr_str(v->a.family, v->a.addr, a, sizeof(a));
		if (!on_vr_dev(in, v->dev)) {
			ka_unsup(m, v->n, "dev", "%s dev %s: vrrp puts every VIP on the VR's interface (%s): the VIP is left out, so the adverts' address list differs from keepalived's (VRRPv2 routers drop such adverts)",
				 a, v->dev, in->vmac ? in->vifname : in->ifname);
			continue;
		}
		if (!vr_addr_unicast(&v->a)) {
			ka_ignored(m, v->n, "virtual_ipaddress", "%s is not a unicast address", a);
			continue;
		}
		if (k && v->a.family != in->vips[0].a.family) {
			ka_ignored(m, v->n, "virtual_ipaddress",
				   "%s: the VIPs of an instance have one address family (keepalived ignores it too)",
				   a);
			continue;
		}
		for (j = 0; j < k && !vip_same(&in->vips[j].a, &v->a); j++)
			;
		if (j < k) {
			ka_note(m, v->n, "virtual_ipaddress", "%s is listed twice (line %d): once in vrrp",
				a, in->vips[j].n->line);
			continue;
		}
		in->vips[k++] = *v;
	}
	in->nvips = k;
	in->family = k ? in->vips[0].a.family : AF_INET;
}

static void finish_version(struct imp *m, struct ka_inst *in)
{
	in->version = in->version ? in->version : m->version ? m->version : 2;
	if (in->family == AF_INET6 && in->version == 2) {
		if (in->version_n)
			ka_note(m, in->version_n, "version", "IPv6 runs VRRPv3 (keepalived uses version 3 too)");
		in->version = 3;
	}
}

static void finish_auth(struct imp *m, struct ka_inst *in)
{
	if (in->auth <= 0) {
		in->auth = 0;
		return;
	}
	if (in->version == 3) {
		ka_unsup(m, in->auth_n, "authentication", "VRRPv3 has no authentication (keepalived ignores it too)");
		in->auth = 0;
	} else if (in->strict) {
		ka_unsup(m, in->auth_n, "authentication", "strict mode has no authentication (keepalived ignores it too)");
		in->auth = 0;
	} else if (!in->pass || !*in->pass) {
		ka_ignored(m, in->auth_n, "auth_pass", "auth_type PASS without a password: no authentication");
		in->auth = 0;
	}
}

/* keepalived: state MASTER, preemption and the owner */
static void finish_state(struct imp *m, struct ka_inst *in)
{
	if (in->state == KS_MASTER && in->prio != 255) {
		if (!in->preempt)
			ka_note(m, in->nopreempt_n, "nopreempt", "keepalived ignores it with state MASTER (line %d): preemption stays on",
				in->state_n->line);
		if (in->pdelay_us)
			ka_note(m, in->pdelay_n, "preempt_delay", "keepalived ignores it with state MASTER (line %d)",
				in->state_n->line);
		in->preempt = true;
		in->pdelay_us = 0;
	}
	if (in->strict && in->pdelay_us) {
		ka_note(m, in->pdelay_n, "preempt_delay", "keepalived ignores it in strict mode");
		in->pdelay_us = 0;
	}
	if (in->state == KS_BACKUP && in->prio == 255)
		ka_note(m, in->state_n, "state", "vrrp takes over at once as the address owner (priority 255), as RFC 9568 says; keepalived waits with state BACKUP");
	if (in->accept < 0)
		in->accept = in->strict ? in->prio == 255 : 1;
}

static void finish_advert(struct imp *m, struct ka_inst *in)
{
	long long us = in->advert_us, v;

	if (in->version == 2) {
		v = (us + KA_USEC / 2) / KA_USEC;
		if (v < 1)
			v = 1;
		if (v * KA_USEC != us)
			ka_note(m, in->advert_n, "advert_int", "VRRPv2 counts whole seconds: %lld s (keepalived rounds too)",
				v);
		in->advert_ms = (unsigned int)(v * 1000);
		return;
	}
	v = (us + 5000) / 10000;	/* centiseconds */
	if (v < 1 || v > VRRP_V3_ADVERT_INT_MAX) {
		ka_ignored(m, in->advert_n, "advert_int", "VRRPv3 takes 0.01-40.95 s: 1 s");
		v = 100;
	} else if (v * 10000 != us) {
		ka_note(m, in->advert_n, "advert_int", "VRRPv3 counts centiseconds: %lld ms",
			v * 10);
	}
	in->advert_ms = (unsigned int)(v * 10);
}

static void add_group_tracks(struct ka_inst *in, const struct ka_group *g)
{
	size_t i;

	for (i = 0; i < g->ntracks; i++) {
		in->tracks = ka_grow(in->tracks, &in->ntracks, sizeof(*in->tracks));
		in->tracks[in->ntracks - 1] = g->tracks[i];
	}
}

/*
 * keepalived adds a positive weight while the interface is up and takes
 * a negative one away while it is down; vrrp only takes weights away.
 * So the priority gets the positive weights, and every weight is taken
 * away while its interface is down: the same priority in every case.
 */
static void finish_tracks(struct imp *m, struct ka_inst *in)
{
	const struct ka_group *g = in->group >= 0 ? &m->grp[in->group] : NULL;
	struct ka_track *t;
	size_t i, j, k = 0;
	int plus = 0;

	for (i = 0; i < in->ntracks; i++) {
		t = &in->tracks[i];
		if (!strcmp(t->name, in->ifname)) {
			ka_note(m, t->n, "track_interface", "%s is the instance's own interface: keepalived ignores it; a vrrp VR follows it anyway",
				t->name);
			continue;
		}
		for (j = 0; j < k && strcmp(in->tracks[j].name, t->name); j++)
			;
		if (j < k) {
			ka_note(m, t->n, "track_interface", "%s is tracked twice (line %d): once in vrrp",
				t->name, in->tracks[j].n->line);
			continue;
		}
		if (g && !g->keep_weights && t->weight &&
		    i < in->ntracks - g->ntracks) {
			ka_note(m, t->n, "track_interface", "%s weight %d: keepalived ignores the weights of a sync group member (vrrp_sync_group %s has no sync_group_tracking_weight): the VR fails while %s is down",
				t->name, t->weight, g->name, t->name);
			t->weight = 0;
		}
		if (t->weight > 0)
			plus += t->weight;
		in->tracks[k++] = *t;
	}
	in->ntracks = k;
	in->kprio = in->prio;
	if (in->prio == 255 || !plus)
		return;
	if (in->prio + (unsigned int)plus > 254) {
		ka_note(m, in->n, "priority", "%u plus the positive track_interface weights (%d) is over 254: 254 is written, so with a tracked interface down the priority is lower than keepalived's",
			in->prio, plus);
		in->prio = 254;
		return;
	}
	in->prio += (unsigned int)plus;
}

/* the instance's GARP settings, over global_defs' */
static long long garp_get(const struct imp *m, const struct ka_inst *in, int k,
			  long long dflt, const struct ka_node **n)
{
	if (in->garp.v[k] >= 0) {
		*n = in->garp.n[k];
		return in->garp.v[k];
	}
	if (m->garp.v[k] >= 0) {
		*n = m->garp.n[k];
		return m->garp.v[k];
	}
	return dflt;
}

/*
 * keepalived sends REPEAT GARPs INTERVAL apart on takeover, REPEAT more
 * DELAY later, and REFRESH_REPEAT every REFRESH. vrrp sends repeat GARPs
 * delay_ms apart, and one every refresh_ms. Written only when set.
 */
static void finish_garp(struct imp *m, struct ka_inst *in)
{
	const struct ka_node *n[KG_N] = { 0 }, *first = NULL;
	long long min, rep, delay, ival, refr, rrep;
	int k;

	min = garp_get(m, in, KG_MIN, 0, &n[KG_MIN]);
	rep = garp_get(m, in, KG_REPEAT, min ? 1 : 5, &n[KG_REPEAT]);
	delay = garp_get(m, in, KG_DELAY, min ? 0 : 5 * KA_USEC, &n[KG_DELAY]);
	k = in->family == AF_INET6 ? KG_GNA : KG_INTERVAL;
	ival = garp_get(m, in, k, 0, &n[k]);
	refr = garp_get(m, in, KG_REFRESH, 0, &n[KG_REFRESH]);
	rrep = garp_get(m, in, KG_REFRESH_REPEAT, 1, &n[KG_REFRESH_REPEAT]);
	for (k = 0; k < KG_N; k++)
		if (n[k] && (!first || n[k]->line < first->line))
			first = n[k];
	if (!first)
		return;
	in->g_set = true;
	if (rep > 255) {
		ka_note(m, n[KG_REPEAT], "garp_master_repeat", "vrrp sends at most 255: 255");
		rep = 255;
	}
	if (rep == 1 && delay) {
		/* one now, one DELAY later: exactly two, DELAY apart */
		in->g_repeat = 2;
		in->g_delay = (unsigned int)(delay / 1000);
	} else {
		in->g_repeat = (unsigned int)rep;
		in->g_delay = (unsigned int)(ival / 1000);
		if (rep > 1 && in->g_delay < VRRP_GARP_DELAY_MIN) {
			if (ival)
				ka_note(m, n[in->family == AF_INET6 ? KG_GNA : KG_INTERVAL],
					in->family == AF_INET6 ? "gna_interval" : "garp_interval",
					"vrrp spaces repeated GARPs at least %d ms apart",
					VRRP_GARP_DELAY_MIN);
			in->g_delay = VRRP_GARP_DELAY_MIN;
		}
		if (delay && rep)
			ka_unsup(m, n[KG_DELAY] ? n[KG_DELAY] : first,
				 n[KG_DELAY] ? ka_kw(n[KG_DELAY]) : ka_kw(first),
				 "vrrp sends one burst of %lld GARPs on takeover, not a second one %lld s later",
				 rep, delay / KA_USEC);
	}
	if (refr)
		in->g_refresh = (unsigned int)(refr < KA_USEC ? 1000 : refr / 1000);
	if (refr && rrep > 1)
		ka_unsup(m, n[KG_REFRESH_REPEAT], ka_kw(n[KG_REFRESH_REPEAT]),
			 "vrrp sends one GARP round per refresh, not %lld", rrep);
}

/* vrrp.ko: VRRPv2 discards a lower priority advert, VRRPv3 answers it */
static void finish_lpna(struct imp *m, struct ka_inst *in)
{
	const struct ka_node *n = in->lpna_n ? in->lpna_n : m->lpna_n;
	bool on = in->lpna_n ? in->lpna : m->lpna;
	bool v2 = in->version == 2;

	if (n && on != v2)
		ka_unsup(m, n, ka_kw(n), "%s: %s", on ? "on" : "off", WHY_PRIO_ADV);
}

static void finish_peers(struct imp *m, struct ka_inst *in)
{
	size_t i, k = 0;
	char a[INET6_ADDRSTRLEN];

	for (i = 0; i < in->npeers; i++) {
		if (in->peers[i].a.family != in->family) {
			ka_ignored(m, in->peers[i].n, "unicast_peer", "%s: not the family of the VIPs",
				   addr_str(in->peers[i].a.family, in->peers[i].a.addr, a,
					    sizeof(a)));
			continue;
		}
		in->peers[k++] = in->peers[i];
	}
	in->npeers = k;
}

static void finish_vmac(struct imp *m, struct ka_inst *in)
{
	unsigned int b[6];
	int n;

	if (!in->vmac || !in->vmac_mac)
		return;
	n = sscanf(in->vmac_mac, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2],
		   &b[3], &b[4], &b[5]);
	if (n == 5)
		b[5] = in->vrid;
	if (b[0] || b[1] || b[2] != 0x5e || b[3] ||
	    b[4] != (in->family == AF_INET6 ? 2u : 1u) || b[5] != in->vrid)
		ka_unsup(m, in->vmac_n, "use_vmac", "MAC %s: vrrp uses the VMAC of the RFC, 00:00:5e:00:%02x:%02x",
			 in->vmac_mac, in->family == AF_INET6 ? 2 : 1, in->vrid);
}

/* a script vrrpctl would refuse: written commented out */
static void check_script(struct imp *m, const struct ka_node *n, char **cmd)
{
	char err[PATH_MAX + 400];

	if (!*cmd || !script_check(*cmd, geteuid(), err, sizeof(err)))
		return;
	ka_unsup(m, n, ka_kw(n), "vrrpctl refuses the script: %s; it is written commented out",
		 err);
	free(*cmd);
	*cmd = NULL;
}

static bool finish_needs(struct imp *m, struct ka_inst *in)
{
	if (!in->ifname[0]) {
		ka_unsup(m, in->n, "vrrp_instance", "%s: no interface: a vrrp VR runs on an interface; the instance is left out",
			 in->name);
		return false;
	}
	if (!in->vrid) {
		ka_ignored(m, in->n, "vrrp_instance", "%s: no virtual_router_id (keepalived refuses it too); the instance is left out",
			   in->name);
		return false;
	}
	if (!in->nvips) {
		ka_unsup(m, in->n, "vrrp_instance", "%s: no VIP on %s: a vrrp VR needs at least one (its adverts carry them); the instance is left out",
			 in->name, in->ifname);
		return false;
	}
	return true;
}

static void finish_instance(struct imp *m, struct ka_inst *in)
{
	int i;

	in->strict = in->strict >= 0 ? in->strict : m->strict;
	if (in->vmac && !in->vifname[0])	/* keepalived's name for it */
		snprintf(in->vifname, sizeof(in->vifname), "vrrp.%u", in->vrid);
	finish_vips(m, in);
	if (!finish_needs(m, in))
		return;
	finish_version(m, in);
	finish_auth(m, in);
	finish_state(m, in);
	finish_advert(m, in);
	if (in->group >= 0)
		add_group_tracks(in, &m->grp[in->group]);
	finish_tracks(m, in);
	finish_garp(m, in);
	finish_lpna(m, in);
	finish_peers(m, in);
	finish_vmac(m, in);
	for (i = 0; i < KN_N; i++) {
		check_script(m, in->notify_n[i], &in->notify[i]);
		if (i == KN_NOTIFY && in->notify[i])
			ka_note(m, in->notify_n[i], "notify", "vrrp passes the VR as %s_%u, not as %s, in the script's second argument",
				in->ifname, in->vrid, in->name);
	}
	in->emit = true;
}

/* the same VR twice: the later one is left out */
static void check_duplicates(struct imp *m)
{
	struct ka_inst *a, *b;
	size_t i, j;

	for (i = 0; i < m->ninst; i++) {
		b = &m->inst[i];
		for (j = 0; j < i && b->emit; j++) {
			a = &m->inst[j];
			if (a->emit && a->vrid == b->vrid && a->family == b->family &&
			    !strcmp(a->ifname, b->ifname)) {
				ka_ignored(m, b->n, "virtual_router_id", "%s: VRID %u on %s is vrrp_instance %s's (line %d) already; the instance is left out",
					   b->name, b->vrid, b->ifname, a->name, a->n->line);
				b->emit = false;
			}
		}
	}
}

static bool host_bits(const struct vr_addr *a)
{
	unsigned int i, max = a->family == AF_INET ? 32 : 128;

	for (i = a->plen; i < max; i++)
		if (a->addr[i / 8] & (0x80 >> (i % 8)))
			return true;
	return false;
}

static const struct ka_inst *first_of_family(const struct imp *m, int family)
{
	size_t i;

	for (i = 0; i < m->ninst; i++)
		if (m->inst[i].emit && m->inst[i].family == family)
			return &m->inst[i];
	return NULL;
}

/*
 * vrrp.conf(5) [[protocols.static]]: a route goes with the first VR whose
 * interface's subnet holds its next hop (where the kernel sends it too),
 * else with the first VR of its family. A route without a next hop on
 * another VR would go out of the wrong interface.
 */
static bool route_ok(struct imp *m, struct ka_route *r, const struct ka_inst *in)
{
	const struct ka_inst *first;

	if (r->dflt) {
		r->r.dst.family = in->family;
		r->r.dst.plen = 0;
	}
	if (r->r.dst.family != in->family ||
	    (r->r.has_gw && r->r.gw.family != in->family)) {
		ka_ignored(m, r->n, "virtual_routes", "not the family of the VIPs: a vrrp route goes with a VR of its family");
		return false;
	}
	if (host_bits(&r->r.dst)) {
		ka_ignored(m, r->n, "virtual_routes", "the destination has host bits set (not a network address): the route is left out");
		return false;
	}
	if (!on_vr_dev(in, r->dev)) {
		ka_unsup(m, r->n, "dev", "dev %s: vrrp puts a VR's routes on its interface (%s): the route is left out",
			 r->dev, in->ifname);
		return false;
	}
	first = first_of_family(m, in->family);
	if (!r->r.has_gw && first != in) {
		ka_unsup(m, r->n, "virtual_routes", "vrrp puts a route without a next hop on the first VR of its family (vrrp_instance %s on %s), not on %s's %s: the route is left out",
			 first->name, first->ifname, in->name, in->ifname);
		return false;
	}
	return true;
}

static void finish_routes(struct imp *m)
{
	size_t i, k = 0;

	for (i = 0; i < m->nrt; i++)
		if (m->inst[m->rt[i].inst].emit &&
		    route_ok(m, &m->rt[i], &m->inst[m->rt[i].inst]))
			m->rt[k++] = m->rt[i];
	m->nrt = k;
}

static void finish_groups(struct imp *m)
{
	size_t i, j;
	unsigned int id = 0;
	int k;

	for (i = 0; i < m->ngrp; i++) {
		for (j = 0; j < m->ninst; j++)
			if (m->inst[j].emit && m->inst[j].group == (int)i)
				break;
		if (j == m->ninst)
			continue;
		m->grp[i].id = ++id;
		for (k = 0; k < KN_N; k++)
			check_script(m, m->grp[i].notify_n[k], &m->grp[i].notify[k]);
	}
}

void ka_finish(struct imp *m)
{
	size_t i;

	for (i = 0; i < m->ninst; i++)
		finish_instance(m, &m->inst[i]);
	check_duplicates(m);
	finish_routes(m);
	finish_groups(m);
}
