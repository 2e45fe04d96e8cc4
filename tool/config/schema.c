// SPDX-License-Identifier: GPL-2.0
/*
 * rVRRPd configuration schema (see docs/vrrp.conf.5): checks a parsed
 * document and maps every [[vrouter]] to a struct vr_spec. Every problem
 * is reported as "FILE:LINE: key: problem"; nothing is half-mapped.
 */
#define _GNU_SOURCE		/* qsort_r */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include <linux/vrrp.h>

#include "schema.h"
#include "users.h"

struct sctx {
	const struct schema_opts *o;
	int nerr;
};

static void serr(struct sctx *c, const struct cfg_val *v, const char *key,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void serr(struct sctx *c, const struct cfg_val *v, const char *key,
		 const char *fmt, ...)
{
	va_list ap;

	c->nerr++;
	fprintf(c->o->err, "%s:%d: %s: ", c->o->file ? c->o->file : "-",
		v ? v->line : 0, key);
	va_start(ap, fmt);
	vfprintf(c->o->err, fmt, ap);
	va_end(ap);
	fputc('\n', c->o->err);
}

/* Unknown keys: report with the nearest known key as a suggestion */
static void check_keys(struct sctx *c, const struct cfg_val *t,
		       const char * const *known, const char *where)
{
	const struct cfg_val *m;
	size_t i;

	for (m = t->child; m; m = m->next) {
		const char *best = NULL;
		unsigned int bd = ~0u, d, lim;

		for (i = 0; known[i]; i++) {
			if (!strcmp(m->key, known[i]))
				break;
			d = edit_distance(m->key, known[i]);
			if (d < bd) {
				bd = d;
				best = known[i];
			}
		}
		if (known[i])
			continue;
		lim = strlen(m->key) <= 4 ? 1 : strlen(m->key) <= 8 ? 2 : 3;
		if (best && bd <= lim)
			serr(c, m, m->key, "unknown key in %s; did you mean '%s'?",
			     where, best);
		else
			serr(c, m, m->key, "unknown key in %s", where);
	}
}

static bool want(struct sctx *c, const struct cfg_val *v, enum cfg_type t)
{
	if (v->type == t)
		return true;
	serr(c, v, v->key ? v->key : "value", "expected %s, got %s",
	     cfg_type_name(t), cfg_type_name(v->type));
	return false;
}

/* an element of an array of tables: report it unless it is a table */
static bool want_table(struct sctx *c, const struct cfg_val *e,
		       const char *key)
{
	if (e->type == CFG_TABLE)
		return true;
	serr(c, e, key, "expected table, got %s", cfg_type_name(e->type));
	return false;
}

/* integer member in [lo, hi]; returns false (after reporting) on error */
static bool get_int(struct sctx *c, const struct cfg_val *v, long long lo,
		    long long hi, long long *out)
{
	if (!want(c, v, CFG_INT))
		return false;
	if (v->u.i < lo || v->u.i > hi) {
		serr(c, v, v->key, "%lld is out of range (%lld-%lld)", v->u.i,
		     lo, hi);
		return false;
	}
	*out = v->u.i;
	return true;
}

/* string member equal to one of choices (NULL-terminated) */
static bool get_choice(struct sctx *c, const struct cfg_val *v,
		       const char * const *choices)
{
	size_t i;
	char list[256] = "";

	if (!want(c, v, CFG_STRING))
		return false;
	for (i = 0; choices[i]; i++) {
		if (!strcmp(v->u.s, choices[i]))
			return true;
		if (i)
			strncat(list, ", ", sizeof(list) - strlen(list) - 1);
		strncat(list, choices[i], sizeof(list) - strlen(list) - 1);
	}
	serr(c, v, v->key, "invalid value \"%s\" (expected one of: %s)", v->u.s,
	     list);
	return false;
}

static void copy_str(char *dst, size_t n, const struct cfg_val *v)
{
	snprintf(dst, n, "%s", v->u.s);
}

static const char * const top_keys[] = {
	"debug", "time_zone", "time_format", "pid", "working_dir", "main_log",
	"error_log", "client_api", "vrouter", "protocols", "api", "sync_groups",
	"user", "group",	/* the daemon drops root to them (privsep.c) */
	NULL
};

static const char * const vr_keys[] = {
	"group", "interface", "vip", "priority", "preemption", "auth_type",
	"auth_secret", "timers", "rfc3768", "netdrv", "iftype", "vifname",
	"socket_filter",
	/* extensions */
	"version", "accept", "preempt_delay", "track", "sync_group", "peers",
	"garp", "vmac", "v3_checksum", "v3_checksum_pseudo",
	/* daemon notify scripts (daemon.c) */
	"notify_master", "notify_backup", "notify_fault", "notify", NULL
};

static void map_global(struct sctx *c, const struct cfg_val *root,
		       struct schema_global *g)
{
	static const char * const tz[] = { "local", "utc", NULL };
	static const char * const tf[] = { "disabled", "short", "rfc2822", NULL };
	static const char * const capi[] = { "http", NULL };
	static const struct { const char *k; size_t off; } strs[] = {
		{ "pid", offsetof(struct schema_global, pid) },
		{ "working_dir", offsetof(struct schema_global, working_dir) },
		{ "main_log", offsetof(struct schema_global, main_log) },
		{ "error_log", offsetof(struct schema_global, error_log) },
	};
	const struct cfg_val *v;
	long long n;
	size_t i;

	if ((v = cfg_get(root, "debug")) && get_int(c, v, 0, 5, &n))
		g->debug = (int)n;
	if ((v = cfg_get(root, "time_zone")) && get_choice(c, v, tz))
		copy_str(g->time_zone, sizeof(g->time_zone), v);
	if ((v = cfg_get(root, "time_format")) && get_choice(c, v, tf))
		copy_str(g->time_format, sizeof(g->time_format), v);
	if ((v = cfg_get(root, "client_api")))
		get_choice(c, v, capi);
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		v = cfg_get(root, strs[i].k);
		if (v && want(c, v, CFG_STRING))
			snprintf((char *)g + strs[i].off, 256, "%s", v->u.s);
	}
	/* user, group: checked against the system by the daemon */
	if ((v = cfg_get(root, "user")))
		want(c, v, CFG_STRING);
	if ((v = cfg_get(root, "group")))
		want(c, v, CFG_STRING);
}

static void map_api(struct sctx *c, const struct cfg_val *api)
{
	static const char * const keys[] = {
		"users", "secret", "host", "tls", "tls_key", "tls_cert",
		"token_ttl", "metrics_auth", "max_connections",
		"request_timeout", NULL
	};
	const struct cfg_val *v, *u;
	struct api_user au;
	char err[160];

	if (!want(c, api, CFG_TABLE))
		return;
	check_keys(c, api, keys, "[api]");
	if ((v = cfg_get(api, "users")) && want(c, v, CFG_ARRAY)) {
		for (u = v->child; u; u = u->next) {
			if (u->type != CFG_STRING) {
				serr(c, u, "users", "expected string, got %s",
				     cfg_type_name(u->type));
				continue;
			}
			if (strncmp(u->u.s, "{{SHA256}}", 10) &&
			    strncasecmp(u->u.s, "{{SCRYPT}}", 10))
				serr(c, u, "users",
				     "expected \"{{SHA256}}user:level:salt:hash\" (see vrrpctl pw)");
			else if (api_user_parse(u->u.s, &au, err, sizeof(err)))
				serr(c, u, "users", "%s", err);
		}
	}
	if ((v = cfg_get(api, "secret")))
		want(c, v, CFG_STRING);
	if ((v = cfg_get(api, "host")))
		want(c, v, CFG_STRING);
	if ((v = cfg_get(api, "tls")))
		want(c, v, CFG_BOOL);
	if ((v = cfg_get(api, "tls_key")))
		want(c, v, CFG_STRING);
	if ((v = cfg_get(api, "tls_cert")))
		want(c, v, CFG_STRING);
	if ((v = cfg_get(api, "token_ttl"))) {
		long long ttl;

		get_int(c, v, 1, 31 * 86400, &ttl);
	}
	if ((v = cfg_get(api, "metrics_auth")))
		want(c, v, CFG_BOOL);
	if ((v = cfg_get(api, "max_connections"))) {
		long long n;

		get_int(c, v, 1, 65536, &n);
	}
	if ((v = cfg_get(api, "request_timeout"))) {
		long long t;

		get_int(c, v, 1, 3600, &t);
	}
}


static bool vip_listed(const struct vr_spec *s, const struct vr_addr *a)
{
	size_t i, n = a->family == AF_INET ? 4 : 16;

	for (i = 0; i < s->n_vips; i++)
		if (!memcmp(s->vips[i].addr, a->addr, n))
			return true;
	return false;
}

static void map_vips(struct sctx *c, const struct cfg_val *v,
		     struct vr_spec *s)
{
	const struct cfg_val *e;
	struct vr_addr a;

	if (v->type == CFG_STRING) {
		e = v;
	} else if (v->type == CFG_ARRAY) {
		e = v->child;
		if (!e)
			serr(c, v, "vip", "empty list");
	} else {
		serr(c, v, "vip", "expected string or array of strings, got %s",
		     cfg_type_name(v->type));
		return;
	}
	for (; e; e = v->type == CFG_ARRAY ? e->next : NULL) {
		if (e->type != CFG_STRING) {
			serr(c, e, "vip", "expected string, got %s",
			     cfg_type_name(e->type));
			continue;
		}
		if (parse_addr(e->u.s, &a, true)) {
			serr(c, e, "vip", "invalid address \"%s\"", e->u.s);
			continue;
		}
		if (s->n_vips && s->vips[0].family != a.family) {
			serr(c, e, "vip",
			     "mixes IPv4 and IPv6 addresses; use one [[vrouter]] per family");
			continue;
		}
		/* what the kernel refuses, so that --check refuses it too */
		if (!vr_addr_unicast(&a)) {
			serr(c, e, "vip", "\"%s\" is not a unicast address", e->u.s);
			continue;
		}
		if (vip_listed(s, &a)) {
			serr(c, e, "vip", "\"%s\" is listed twice", e->u.s);
			continue;
		}
		if (spec_add_vip(s, &a))
			serr(c, e, "vip", "out of memory");
	}
	if (s->n_vips) {
		s->family = s->vips[0].family;
		SPEC_SET(s, SF_VIPS);
	}
}

static void map_timers(struct sctx *c, const struct cfg_val *t,
		       struct vr_spec *s, long long *sec, long long *ms,
		       const struct cfg_val **tv)
{
	static const char * const keys[] = { "advert", "advert_ms", NULL };
	const struct cfg_val *a, *m;

	if (!want(c, t, CFG_TABLE))
		return;
	check_keys(c, t, keys, "timers");
	a = cfg_get(t, "advert");
	m = cfg_get(t, "advert_ms");
	if (a && m) {
		serr(c, m, "advert_ms", "conflicts with timers.advert (line %d)",
		     a->line);
		return;
	}
	if (a && get_int(c, a, 1, 255, sec))
		*tv = a;
	if (m && get_int(c, m, 10, VRRP_V2_ADVERT_INT_MAX * 10, ms)) {
		if (*ms % 10) {
			serr(c, m, "advert_ms", "%lld is not a multiple of 10",
			     *ms);
			*ms = -1;
		} else {
			*tv = m;
		}
	}
	(void)s;
}

static void map_tracks(struct sctx *c, const struct cfg_val *v,
		       struct vr_spec *s)
{
	static const char * const keys[] = { "interface", "weight", NULL };
	const struct cfg_val *e, *i, *w;
	long long wt;

	if (!want(c, v, CFG_ARRAY))
		return;
	for (e = v->child; e; e = e->next) {
		if (!want_table(c, e, "track"))
			continue;
		check_keys(c, e, keys, "track");
		i = cfg_get(e, "interface");
		w = cfg_get(e, "weight");
		wt = 0;
		if (!i) {
			serr(c, e, "interface", "missing required key in track");
			continue;
		}
		if (!want(c, i, CFG_STRING))
			continue;
		if (!*i->u.s || strlen(i->u.s) >= IFNAMSIZ) {
			serr(c, i, "interface", "invalid interface name \"%s\"",
			     i->u.s);
			continue;
		}
		if (w && !get_int(c, w, 0, VRRP_TRACK_WEIGHT_MAX, &wt))
			continue;
		spec_add_track(s, i->u.s, (unsigned int)wt);
	}
	SPEC_SET(s, SF_TRACKS);
}

static void map_peers(struct sctx *c, const struct cfg_val *v,
		      struct vr_spec *s)
{
	const struct cfg_val *e;
	struct vr_addr a;

	if (!want(c, v, CFG_ARRAY))
		return;
	for (e = v->child; e; e = e->next) {
		if (e->type != CFG_STRING) {
			serr(c, e, "peers", "expected string, got %s",
			     cfg_type_name(e->type));
			continue;
		}
		if (parse_addr(e->u.s, &a, false)) {
			serr(c, e, "peers", "invalid address \"%s\"", e->u.s);
			continue;
		}
		spec_add_peer(s, &a);
	}
	SPEC_SET(s, SF_PEERS);
}

static void map_garp(struct sctx *c, const struct cfg_val *v,
		     struct vr_spec *s)
{
	static const char * const keys[] = {
		"repeat", "delay_ms", "refresh_ms", NULL
	};
	const struct cfg_val *e;
	long long n;

	if (!want(c, v, CFG_TABLE))
		return;
	check_keys(c, v, keys, "garp");
	if ((e = cfg_get(v, "repeat")) && get_int(c, e, 0, 255, &n)) {
		s->garp_repeat = (unsigned int)n;
		SPEC_SET(s, SF_GARP_REPEAT);
	}
	if ((e = cfg_get(v, "delay_ms")) &&
	    get_int(c, e, 0, VRRP_GARP_DELAY_MAX, &n)) {
		s->garp_delay = (uint32_t)n;
		SPEC_SET(s, SF_GARP_DELAY);
		if (s->garp_repeat > 1 && n < VRRP_GARP_DELAY_MIN)
			serr(c, e, "delay_ms",
			     "%lld: at least %d ms when GARPs repeat", n,
			     VRRP_GARP_DELAY_MIN);
	} else if (s->garp_repeat > 1) {
		serr(c, v, "garp", "repeat > 1 needs delay_ms (at least %d)",
		     VRRP_GARP_DELAY_MIN);
	}
	if ((e = cfg_get(v, "refresh_ms")) &&
	    get_int(c, e, 0, VRRP_GARP_REFRESH_MAX, &n)) {
		s->garp_refresh = (uint32_t)n;
		SPEC_SET(s, SF_GARP_REFRESH);
		if (n && n < VRRP_GARP_REFRESH_MIN)
			serr(c, e, "refresh_ms",
			     "%lld: 0 (off) or at least %d ms", n,
			     VRRP_GARP_REFRESH_MIN);
	}
}

static bool get_bool(struct sctx *c, const struct cfg_val *v, bool *out)
{
	if (!want(c, v, CFG_BOOL))
		return false;
	*out = v->u.b;
	return true;
}

/* v3_checksum, or the older boolean v3_checksum_pseudo (false: RFC 9568) */
static void map_csum(struct sctx *c, const struct cfg_val *t,
		     struct vr_spec *s, unsigned int version)
{
	static const char * const forms[] = { "auto", "pseudo", "rfc9568", NULL };
	const struct cfg_val *v = cfg_get(t, "v3_checksum");
	const struct cfg_val *old = cfg_get(t, "v3_checksum_pseudo");
	bool b;

	s->csum = VRRP_CSUM_AUTO;
	SPEC_SET(s, SF_CSUM);
	if (v && old) {
		serr(c, old, "v3_checksum_pseudo",
		     "conflicts with v3_checksum (line %d): keep one", v->line);
		return;
	}
	if (v && get_choice(c, v, forms))
		csum_parse(v->u.s, &s->csum);
	else if (old && get_bool(c, old, &b))
		s->csum = b ? VRRP_CSUM_PSEUDO : VRRP_CSUM_RFC9568;
	if (s->csum != VRRP_CSUM_AUTO && (version != 3 || s->family != AF_INET))
		serr(c, v ? v : old, v ? "v3_checksum" : "v3_checksum_pseudo",
		     "applies to VRRPv3 over IPv4 only");
}

static void map_vrouter(struct sctx *c, const struct cfg_val *t,
			struct vr_spec *s)
{
	static const char * const auths[] = {
		"rfc2338-simple", "p0-t8-sha256", "p1-b8-shake256",
		"p1-t8-shake256", NULL
	};
	static const char * const drv[] = { "libnl", "ioctl", NULL };
	static const char * const ift[] = { "ether", "macvlan", NULL };
	const struct cfg_val *v, *ver_v = NULL, *rfc_v = NULL, *auth_v, *tv = NULL;
	const struct cfg_val *sec_v, *vmac_v, *ift_v;
	long long n, sec = 1, ms = -1;
	bool b, rfc3768 = true, vmac = true;
	unsigned int version = 0;

	s->line = t->line;
	check_keys(c, t, vr_keys, "[[vrouter]]");

	v = cfg_get(t, "group");
	if (!v)
		serr(c, t, "group", "missing required key in [[vrouter]]");
	else if (get_int(c, v, 1, 255, &n))
		s->vrid = (unsigned int)n;
	if (v)
		s->line = v->line;

	v = cfg_get(t, "interface");
	if (!v) {
		serr(c, t, "interface", "missing required key in [[vrouter]]");
	} else if (want(c, v, CFG_STRING)) {
		if (!*v->u.s || strlen(v->u.s) >= IFNAMSIZ ||
		    strchr(v->u.s, '/') || strchr(v->u.s, ' '))
			serr(c, v, "interface", "invalid interface name \"%s\"",
			     v->u.s);
		else
			copy_str(s->ifname, sizeof(s->ifname), v);
	}

	v = cfg_get(t, "vip");
	if (!v)
		serr(c, t, "vip", "missing required key in [[vrouter]]");
	else
		map_vips(c, v, s);
	if (!s->family)
		s->family = AF_INET;

	s->priority = 100;
	if ((v = cfg_get(t, "priority")) && get_int(c, v, 1, 255, &n))
		s->priority = (unsigned int)n;
	SPEC_SET(s, SF_PRIORITY);

	s->preempt = false;	/* rVRRPd's default */
	if ((v = cfg_get(t, "preemption")))
		get_bool(c, v, &s->preempt);
	SPEC_SET(s, SF_PREEMPT);

	s->accept = false;
	if ((v = cfg_get(t, "accept")))
		get_bool(c, v, &s->accept);
	SPEC_SET(s, SF_ACCEPT);

	s->preempt_delay = 0;
	if ((v = cfg_get(t, "preempt_delay")) &&
	    get_int(c, v, 0, VRRP_PREEMPT_DELAY_MAX, &n))
		s->preempt_delay = (uint32_t)n;
	SPEC_SET(s, SF_PREEMPT_DELAY);

	if ((v = cfg_get(t, "rfc3768")) && get_bool(c, v, &b)) {
		rfc_v = v;
		rfc3768 = b;
	}
	if ((v = cfg_get(t, "version")) && get_int(c, v, 2, 3, &n)) {
		ver_v = v;
		version = (unsigned int)n;
	}
	if (ver_v && rfc_v && (version == 2) != rfc3768) {
		serr(c, ver_v, "version", "%u conflicts with rfc3768 = %s (line %d)",
		     version, rfc3768 ? "true" : "false", rfc_v->line);
	}
	if (!version) {
		if (rfc_v)
			version = rfc3768 ? 2 : 3;
		else
			version = s->family == AF_INET6 ? 3 : 2;
	}

	auth_v = cfg_get(t, "auth_type");
	sec_v = cfg_get(t, "auth_secret");
	s->auth_type = VRRP_AUTH_NONE;
	if (auth_v && get_choice(c, auth_v, auths)) {
		auth_parse(auth_v->u.s, &s->auth_type);
		if (version == 3 && (ver_v || rfc_v))
			serr(c, auth_v, "auth_type",
			     "authentication needs VRRPv2 (rfc3768 = true), but %s selects version 3",
			     ver_v ? "version" : "rfc3768");
		else if (s->family == AF_INET6)
			serr(c, auth_v, "auth_type",
			     "authentication needs VRRPv2, which is IPv4 only");
		version = 2;	/* P0/P1/simple force rfc3768 */
		if (!sec_v)
			serr(c, auth_v, "auth_secret",
			     "missing required key (auth_type is set)");
	}
	SPEC_SET(s, SF_AUTH_TYPE);
	if (sec_v && want(c, sec_v, CFG_STRING)) {
		size_t len = sec_v->len ? sec_v->len : strlen(sec_v->u.s);

		if (!auth_v)
			serr(c, sec_v, "auth_secret", "set without auth_type");
		else if (!len || len > VRRP_AUTH_KEY_MAX)
			serr(c, sec_v, "auth_secret",
			     "length %zu is out of range (1-%d)", len,
			     VRRP_AUTH_KEY_MAX);
		if (s->auth_type == VRRP_AUTH_SIMPLE && len > 8)
			len = 8;	/* the first 8 bytes, NUL-padded */
		if (len <= VRRP_AUTH_KEY_MAX) {
			memcpy(s->auth_key, sec_v->u.s, len);
			s->auth_key_len = len;
			SPEC_SET(s, SF_AUTH_KEY);
		}
	}

	if (version == 2 && s->family == AF_INET6)
		serr(c, ver_v ? ver_v : rfc_v ? rfc_v : cfg_get(t, "vip"),
		     ver_v ? "version" : rfc_v ? "rfc3768" : "vip",
		     "IPv6 addresses need VRRP version 3 (version = 3)");
	s->version = version;
	SPEC_SET(s, SF_VERSION);

	if ((v = cfg_get(t, "timers")))
		map_timers(c, v, s, &sec, &ms, &tv);
	if (ms >= 0) {
		if (version == 2 && ms % 1000)
			serr(c, tv, "advert_ms",
			     "%lld: VRRPv2 needs whole seconds", ms);
		else if (version == 3 && ms > VRRP_V3_ADVERT_INT_MAX * 10)
			serr(c, tv, "advert_ms",
			     "%lld is out of range for VRRPv3 (10-40950)", ms);
		s->advert_cs = (unsigned int)(ms / 10);
	} else {
		if (version == 3 && sec > 40)
			serr(c, tv, "advert",
			     "%lld is out of range for VRRPv3 (1-40)", sec);
		s->advert_cs = (unsigned int)(sec * 100);
	}
	SPEC_SET(s, SF_ADVERT);

	if ((v = cfg_get(t, "netdrv")))
		get_choice(c, v, drv);
	if ((v = cfg_get(t, "socket_filter")))
		get_bool(c, v, &b);

	s->vmac_mode = VRRP_VMAC_ETHER;
	ift_v = cfg_get(t, "iftype");
	if (ift_v && get_choice(c, ift_v, ift) && !strcmp(ift_v->u.s, "macvlan"))
		s->vmac_mode = VRRP_VMAC_MACVLAN;
	vmac_v = cfg_get(t, "vmac");
	if (vmac_v && get_bool(c, vmac_v, &vmac) && !vmac) {
		if (s->vmac_mode == VRRP_VMAC_MACVLAN)
			serr(c, vmac_v, "vmac",
			     "false conflicts with iftype = \"macvlan\" (line %d)",
			     ift_v->line);
		s->vmac_mode = VRRP_VMAC_NONE;
	}
	SPEC_SET(s, SF_VMAC_MODE);
	v = cfg_get(t, "vifname");
	if (v && want(c, v, CFG_STRING)) {
		if (!*v->u.s || strlen(v->u.s) >= IFNAMSIZ ||
		    strchr(v->u.s, '/') || strchr(v->u.s, ' '))
			serr(c, v, "vifname", "invalid interface name \"%s\"",
			     v->u.s);
		else if (s->vmac_mode != VRRP_VMAC_MACVLAN)
			serr(c, v, "vifname", "needs iftype = \"macvlan\"");
		else
			copy_str(s->vifname, sizeof(s->vifname), v);
	}
	if (s->vmac_mode == VRRP_VMAC_MACVLAN) {
		if (!s->vifname[0])
			snprintf(s->vifname, sizeof(s->vifname), "standby%u",
				 s->vrid);
		SPEC_SET(s, SF_VIFNAME);
	}

	if ((v = cfg_get(t, "track")))
		map_tracks(c, v, s);
	else
		SPEC_SET(s, SF_TRACKS);
	if ((v = cfg_get(t, "peers")))
		map_peers(c, v, s);
	else
		SPEC_SET(s, SF_PEERS);
	for (size_t i = 0; i < s->n_peers; i++)
		if (s->peers[i].family != s->family)
			serr(c, v, "peers", "address family differs from the VIPs");

	/* notify scripts are only used by the daemon: check their type */
	for (size_t i = 0; i < 4; i++) {
		static const char * const nk[] = {
			"notify_master", "notify_backup", "notify_fault", "notify"
		};

		if ((v = cfg_get(t, nk[i])))
			want(c, v, CFG_STRING);
	}

	s->sync_group = 0;
	if ((v = cfg_get(t, "sync_group")) && get_int(c, v, 0, 0xffffffffLL, &n))
		s->sync_group = (uint32_t)n;
	SPEC_SET(s, SF_SYNC_GROUP);

	map_csum(c, t, s, version);

	if ((v = cfg_get(t, "garp")))
		map_garp(c, v, s);

	s->admin_up = true;
	SPEC_SET(s, SF_ADMIN_UP);
	SPEC_SET(s, SF_ROUTES);
}

/* dotted mask or prefix length -> prefix length; -1 if not contiguous */
static int mask_len(const struct cfg_val *v, int family)
{
	struct vr_addr m;
	int i, len = 0, max = family == AF_INET6 ? 128 : 32;
	bool zero = false;

	if (v->type == CFG_INT)
		return v->u.i >= 0 && v->u.i <= max ? (int)v->u.i : -1;
	if (v->type != CFG_STRING || parse_addr(v->u.s, &m, false) ||
	    m.family != family)
		return -1;
	for (i = 0; i < max; i++) {
		bool bit = m.addr[i / 8] & (0x80 >> (i % 8));

		if (bit && zero)
			return -1;
		if (bit)
			len++;
		else
			zero = true;
	}
	return len;
}

static void map_static(struct sctx *c, const struct cfg_val *e,
		       struct vr_specs *out)
{
	static const char * const keys[] = {
		"route", "mask", "nh", "metric", "mtu", NULL
	};
	const struct cfg_val *r, *m, *nh, *v;
	struct vr_route rt = { 0 };
	struct vr_spec *target = NULL;
	long long n;
	int len;
	size_t i;
	int before = c->nerr;

	if (!want_table(c, e, "static"))
		return;
	check_keys(c, e, keys, "[[protocols.static]]");
	r = cfg_get(e, "route");
	m = cfg_get(e, "mask");
	nh = cfg_get(e, "nh");
	if (!r)
		serr(c, e, "route", "missing required key in [[protocols.static]]");
	else if (want(c, r, CFG_STRING) && parse_addr(r->u.s, &rt.dst, false))
		serr(c, r, "route", "invalid address \"%s\"", r->u.s);
	if (!m) {
		serr(c, e, "mask", "missing required key in [[protocols.static]]");
	} else if (rt.dst.family) {
		len = mask_len(m, rt.dst.family);
		if (len < 0)
			serr(c, m, "mask", "invalid netmask");
		else
			rt.dst.plen = (uint8_t)len;
	}
	if (nh && want(c, nh, CFG_STRING)) {
		if (parse_addr(nh->u.s, &rt.gw, false))
			serr(c, nh, "nh", "invalid address \"%s\"", nh->u.s);
		else if (rt.dst.family && rt.gw.family != rt.dst.family)
			serr(c, nh, "nh", "address family differs from route");
		else
			rt.has_gw = true;
	}
	if ((v = cfg_get(e, "metric")) && get_int(c, v, 0, 0xffffffffLL, &n)) {
		rt.metric = (uint32_t)n;
		rt.has_metric = true;
	}
	if ((v = cfg_get(e, "mtu")) && get_int(c, v, 68, 65535, &n)) {
		rt.mtu = (uint32_t)n;
		rt.has_mtu = true;
	}
	if (c->nerr != before || !rt.dst.family)
		return;
	/* the VR whose interface's subnet holds the next hop, else the first
	 * VR of the same family */
	if (rt.has_gw && c->o->if_has_subnet)
		for (i = 0; i < out->n && !target; i++)
			if (out->v[i].family == rt.dst.family &&
			    c->o->if_has_subnet(out->v[i].ifname, &rt.gw,
						c->o->ctx) > 0)
				target = &out->v[i];
	for (i = 0; i < out->n && !target; i++)
		if (out->v[i].family == rt.dst.family)
			target = &out->v[i];
	if (!target) {
		serr(c, r, "route", "no [[vrouter]] of this address family to carry it");
		return;
	}
	spec_add_route(target, &rt);
}

/*
 * [[sync_groups]]: notify scripts for a sync group as a whole (the daemon
 * runs them); membership is each VR's sync_group.
 */
static void map_sync_groups(struct sctx *c, const struct cfg_val *a)
{
	static const char * const keys[] = {
		"id", "name", "notify_master", "notify_backup", "notify_fault",
		"notify", NULL
	};
	const struct cfg_val *t, *u, *v;
	long long id;

	if (!want(c, a, CFG_ARRAY))
		return;
	for (t = a->child; t; t = t->next) {
		if (!want_table(c, t, "sync_groups"))
			continue;
		check_keys(c, t, keys, "[[sync_groups]]");
		for (v = t->child; v; v = v->next)
			if (strcmp(v->key, "id"))
				want(c, v, CFG_STRING);
		v = cfg_get(t, "id");
		if (!v) {
			serr(c, t, "id", "missing required key in [[sync_groups]]");
			continue;
		}
		if (!get_int(c, v, 1, 0xffffffffLL, &id))
			continue;
		for (u = a->child; u != t; u = u->next) {
			const struct cfg_val *w = cfg_get(u, "id");

			if (w && w->type == CFG_INT && w->u.i == id) {
				serr(c, v, "id",
				     "sync group %lld is already defined at line %d",
				     id, u->line);
				break;
			}
		}
	}
}

static void map_protocols(struct sctx *c, const struct cfg_val *p,
			  struct vr_specs *out)
{
	static const char * const keys[] = { "static", NULL };
	const struct cfg_val *st, *e;

	if (!want(c, p, CFG_TABLE))
		return;
	check_keys(c, p, keys, "[protocols]");
	st = cfg_get(p, "static");
	if (!st || !want(c, st, CFG_ARRAY))
		return;
	for (e = st->child; e; e = e->next)
		map_static(c, e, out);
}

/* (interface, family, group), then the order in the file */
static int spec_key_cmp(const void *a, const void *b, void *arg)
{
	const struct vr_specs *v = arg;
	size_t ia = *(const size_t *)a, ib = *(const size_t *)b;
	const struct vr_spec *x = &v->v[ia], *y = &v->v[ib];
	int r = strcmp(x->ifname, y->ifname);

	if (!r)
		r = (x->family > y->family) - (x->family < y->family);
	if (!r)
		r = (x->vrid > y->vrid) - (x->vrid < y->vrid);
	if (!r)
		r = (ia > ib) - (ia < ib);
	return r;
}

/*
 * VRs with the same (interface, family, group), each reported against
 * the first, in file order. Sorted, so 100,000 VRs take milliseconds,
 * not the minutes of comparing every pair (review L5).
 */
static int report_duplicates(const struct schema_opts *o,
			     const struct vr_specs *v)
{
	size_t *idx, *first, i;
	int n = 0;

	if (v->n < 2)
		return 0;
	idx = calloc(v->n, sizeof(*idx));
	first = calloc(v->n, sizeof(*first));
	if (!idx || !first) {
		free(idx);
		free(first);
		fprintf(o->err, "%s: out of memory\n", o->file ? o->file : "-");
		return 1;
	}
	for (i = 0; i < v->n; i++)
		idx[i] = first[i] = i;
	qsort_r(idx, v->n, sizeof(*idx), spec_key_cmp, (void *)v);
	for (i = 1; i < v->n; i++) {
		const struct vr_spec *a = &v->v[idx[i - 1]], *b = &v->v[idx[i]];

		if (b->vrid && b->ifname[0] && a->vrid == b->vrid &&
		    a->family == b->family && !strcmp(a->ifname, b->ifname))
			first[idx[i]] = first[idx[i - 1]];
	}
	for (i = 0; i < v->n; i++) {
		const struct vr_spec *s = &v->v[i];

		if (first[i] == i)
			continue;
		fprintf(o->err,
			"%s:%d: group: duplicate VR (interface %s, %s, group %u), first defined at line %d\n",
			o->file ? o->file : "-", s->line, s->ifname,
			family_name(s->family), s->vrid, v->v[first[i]].line);
		n++;
	}
	free(idx);
	free(first);
	return n;
}

int schema_map(const struct cfg_val *root, const struct schema_opts *o,
	       struct vr_specs *out, struct schema_global *g)
{
	struct sctx c = { .o = o };
	struct schema_global dummy;
	const struct cfg_val *vrs, *t, *v;

	if (!g)
		g = &dummy;
	memset(g, 0, sizeof(*g));
	if (!root || root->type != CFG_TABLE) {
		serr(&c, root, "document", "expected a table at the top level");
		return c.nerr;
	}
	check_keys(&c, root, top_keys, "the top level");
	map_global(&c, root, g);

	vrs = cfg_get(root, "vrouter");
	if (vrs && want(&c, vrs, CFG_ARRAY)) {
		for (t = vrs->child; t; t = t->next) {
			struct vr_spec *s;

			if (!want_table(&c, t, "vrouter"))
				continue;
			s = specs_append(out);
			if (!s) {
				serr(&c, t, "vrouter", "out of memory");
				break;
			}
			map_vrouter(&c, t, s);
		}
	}
	c.nerr += report_duplicates(o, out);

	if ((v = cfg_get(root, "protocols")))
		map_protocols(&c, v, out);
	if ((v = cfg_get(root, "api")))
		map_api(&c, v);
	if ((v = cfg_get(root, "sync_groups")))
		map_sync_groups(&c, v);

	if (c.nerr)
		specs_free(out);
	return c.nerr;
}
