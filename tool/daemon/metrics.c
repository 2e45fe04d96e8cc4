// SPDX-License-Identifier: GPL-2.0
/*
 * GET /metrics: Prometheus text exposition format 0.0.4.
 *
 * Per VR (labels interface, group, family): state, configured and
 * effective priority, admin state, and every numeric member of the VR's
 * "stats" object (the RFC 6527 counters) as vrrp_vr_<name>, with a
 * _total suffix for counters. Global: vrrp_vrs and vrrp_<name> for every
 * numeric member of the kernel's global stats.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api.h"

struct mbuf {
	char *s;
	size_t len, cap;
	bool oom;
};

static void mb_printf(struct mbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void mb_printf(struct mbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->oom)
		return;
	for (;;) {
		size_t room = b->cap - b->len;

		va_start(ap, fmt);
		n = vsnprintf(b->s ? b->s + b->len : NULL, room, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->oom = true;
			return;
		}
		if ((size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		{
			size_t cap = b->cap ? b->cap * 2 : 4096;
			char *t;

			while (cap - b->len <= (size_t)n)
				cap *= 2;
			t = realloc(b->s, cap);
			if (!t) {
				b->oom = true;
				return;
			}
			b->s = t;
			b->cap = cap;
		}
	}
}

/* metric name part: [a-z0-9_] only */
static void sanitize(const char *in, char *out, size_t len)
{
	size_t i;

	for (i = 0; in[i] && i + 1 < len; i++)
		out[i] = isalnum((unsigned char)in[i]) ?
			 (char)tolower((unsigned char)in[i]) : '_';
	out[i] = '\0';
}

/* label value escaping: backslash, double quote, newline */
static void esc(const char *in, char *out, size_t len)
{
	size_t o = 0;

	for (; in && *in && o + 3 < len; in++) {
		if (*in == '\\' || *in == '"') {
			out[o++] = '\\';
			out[o++] = *in;
		} else if (*in == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else {
			out[o++] = *in;
		}
	}
	out[o] = '\0';
}

/* Not monotonic counters: exported as gauges without _total */
static bool is_gauge(const char *k)
{
	static const char * const g[] = {
		"new_master_reason", "proto_err_reason", "refresh_rate",
		"refresh_rate_ms", "discontinuity", "discontinuity_ns", NULL
	};
	int i;

	for (i = 0; g[i]; i++)
		if (!strcmp(k, g[i]))
			return true;
	return false;
}

static int state_num(const char *st)
{
	if (!st)
		return 0;
	if (!strcasecmp(st, "backup"))
		return 1;
	if (!strcasecmp(st, "master"))
		return 2;
	return 0;
}

static void labels(const cJSON *vr, char *out, size_t len)
{
	const cJSON *ifn = cJSON_GetObjectItemCaseSensitive(vr, API_K_IFNAME);
	const cJSON *fam = cJSON_GetObjectItemCaseSensitive(vr, API_K_FAMILY);
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(vr, API_K_VRID);
	char e[64];

	esc(cJSON_IsString(ifn) ? ifn->valuestring : "", e, sizeof(e));
	snprintf(out, len, "interface=\"%s\",group=\"%d\",family=\"%s\"", e,
		 cJSON_IsNumber(id) ? id->valueint : 0,
		 cJSON_IsString(fam) ? fam->valuestring : "inet");
}

static void fixed_family(struct mbuf *b, const cJSON *l, const char *name,
			 const char *help, const char *key)
{
	const cJSON *vr;
	char lab[160];

	mb_printf(b, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
	cJSON_ArrayForEach(vr, l) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(vr, key);
		double d;

		if (!strcmp(key, API_K_STATE))
			d = state_num(cJSON_IsString(v) ? v->valuestring : NULL);
		else if (!strcmp(key, API_K_ADMIN_UP))
			d = v ? cJSON_IsTrue(v) : 1;
		else if (cJSON_IsNumber(v))
			d = v->valuedouble;
		else
			continue;
		labels(vr, lab, sizeof(lab));
		mb_printf(b, "%s{%s} %.17g\n", name, lab, d);
	}
}

static void stat_families(struct mbuf *b, const cJSON *l)
{
	const cJSON *vr, *first = NULL, *st;
	char lab[160], key[64], name[96];

	/* the metric set comes from the first VR that has stats */
	cJSON_ArrayForEach(vr, l) {
		first = cJSON_GetObjectItemCaseSensitive(vr, API_K_STATS);
		if (cJSON_IsObject(first))
			break;
		first = NULL;
	}
	if (!first)
		return;
	cJSON_ArrayForEach(st, first) {
		bool gauge;

		if (!cJSON_IsNumber(st) || !st->string)
			continue;
		sanitize(st->string, key, sizeof(key));
		gauge = is_gauge(key);
		snprintf(name, sizeof(name), "vrrp_vr_%s%s", key,
			 gauge ? "" : "_total");
		mb_printf(b, "# HELP %s RFC 6527 statistic %s\n# TYPE %s %s\n",
			  name, st->string, name, gauge ? "gauge" : "counter");
		cJSON_ArrayForEach(vr, l) {
			const cJSON *s = cJSON_GetObjectItemCaseSensitive(vr, API_K_STATS);
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(s, st->string);

			if (!cJSON_IsNumber(v))
				continue;
			labels(vr, lab, sizeof(lab));
			mb_printf(b, "%s{%s} %.17g\n", name, lab, v->valuedouble);
		}
	}
}

static void global_families(struct mbuf *b, const cJSON *g)
{
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(g, "stats");
	const cJSON *v;
	char key[64];

	v = cJSON_GetObjectItemCaseSensitive(g, "vr_count");
	if (cJSON_IsNumber(v))
		mb_printf(b, "# HELP vrrp_vrs Virtual routers in this namespace\n"
			  "# TYPE vrrp_vrs gauge\nvrrp_vrs %.17g\n",
			  v->valuedouble);
	if (!cJSON_IsObject(st))
		st = g;
	cJSON_ArrayForEach(v, st) {
		bool gauge;

		if (!cJSON_IsNumber(v) || !v->string || !strcmp(v->string, "vr_count"))
			continue;
		sanitize(v->string, key, sizeof(key));
		gauge = is_gauge(key);
		mb_printf(b, "# HELP vrrp_%s%s RFC 6527 global statistic %s\n"
			  "# TYPE vrrp_%s%s %s\nvrrp_%s%s %.17g\n",
			  key, gauge ? "" : "_total", v->string,
			  key, gauge ? "" : "_total", gauge ? "gauge" : "counter",
			  key, gauge ? "" : "_total", v->valuedouble);
	}
}

char *api_metrics_text(const struct api_backend *be, char *err, size_t errlen)
{
	struct mbuf b = { 0 };
	cJSON *l, *g = NULL;

	if (!be->vr_list) {
		snprintf(err, errlen, "no VR backend");
		return NULL;
	}
	l = be->vr_list(be->ctx, err, errlen);
	if (!cJSON_IsArray(l)) {
		cJSON_Delete(l);
		return NULL;
	}
	if (be->global) {
		g = be->global(be->ctx, err, errlen);
		if (!g) {
			cJSON_Delete(l);
			return NULL;
		}
	}
	fixed_family(&b, l, "vrrp_vr_state",
		     "VR state (0 init, 1 backup, 2 master)", API_K_STATE);
	fixed_family(&b, l, "vrrp_vr_priority", "Configured priority",
		     API_K_PRIO);
	fixed_family(&b, l, "vrrp_vr_effective_priority",
		     "Priority after tracking", API_K_EFF_PRIO);
	fixed_family(&b, l, "vrrp_vr_admin_up", "1 if administratively up",
		     API_K_ADMIN_UP);
	stat_families(&b, l);
	if (g)
		global_families(&b, g);
	if (!b.s)
		mb_printf(&b, "%s", "");
	cJSON_Delete(l);
	cJSON_Delete(g);
	if (b.oom) {
		free(b.s);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	return b.s;
}
