// SPDX-License-Identifier: GPL-2.0
/* vrrpctl show: the VR table, -d's details, -br's one line per VR, -s */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <net/if.h>

#include "main.h"
#include "spec.h"
#include "vr_json.h"

/*
 * Every view is drawn from the one decoded object, vr_to_json() (as the
 * daemon's REST API serves it): -j prints it, the table row and -d's
 * detail lines render it, so text and JSON show the same fields.
 */
struct show_args {
	unsigned int ifindex;
	const char *dev;
	unsigned int vrid;
	int family;
	int stats;		/* 0, 1 (-s) or 2 (-s -s) */
	bool brief;		/* -br */
	bool details;		/* -d */
	cJSON *arr;
	int count;
};

static const char *str_of(const cJSON *o, const char *key, const char *none)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : none;
}

static double num_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

/* "a,b,c" (sep ",") of an array of strings into buf, "-" if empty */
static const char *join(const cJSON *arr, const char *sep, char *buf,
			size_t len)
{
	const cJSON *v;
	size_t n = 0;

	buf[0] = 0;
	cJSON_ArrayForEach(v, arr)
		if (cJSON_IsString(v) && n < len)
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? sep : "",
					      v->valuestring);
	if (!buf[0])
		snprintf(buf, len, "-");
	return buf;
}

/* "name N" pairs, four to a line, indented under the VR's row */
static void print_counter(const char *name, unsigned long long v, int *col)
{
	printf("%s%s %llu", *col ? "  " : "    ", name, v);
	if (++*col == 4) {
		printf("\n");
		*col = 0;
	}
}

static void print_stats(const cJSON *st, int level)
{
	unsigned long long errors = 0;
	size_t i;
	int col = 0;

	for (i = 0; i < n_stat_names; i++) {
		unsigned long long v = (unsigned long long)num_of(st, stat_names[i].name);

		if (stat_names[i].kind == STAT_ERR)
			errors += v;
		if (stat_names[i].kind == STAT_MAIN || level > 1)
			print_counter(stat_names[i].name, v, &col);
	}
	if (level < 2)
		print_counter("errors", errors, &col);
	if (col)
		printf("\n");
}

/* -br: one line per VR, as ip -br: interface, vrid, family, state, VIPs */
static const char *brief_state(const cJSON *o)
{
	/* Init, waiting for a device of that name to come back */
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "detached")) ?
	       "NoDev" : str_of(o, "state", "?");
}

static void print_brief(const cJSON *o)
{
	char vr[32], vips[4096];

	snprintf(vr, sizeof(vr), "%s/%.0f/%s", str_of(o, "interface", "?"),
		 num_of(o, "vrid"), str_of(o, "family", "?"));
	join(cJSON_GetObjectItemCaseSensitive(o, "vips"), " ", vips, sizeof(vips));
	printf("%-24s %-7s %s\n", vr, brief_state(o), strcmp(vips, "-") ? vips : "");
}

/* -br -j: the same fields as JSON */
static cJSON *brief_json(const cJSON *o)
{
	cJSON *b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "interface", str_of(o, "interface", "?"));
	cJSON_AddNumberToObject(b, "vrid", num_of(o, "vrid"));
	cJSON_AddStringToObject(b, "family", str_of(o, "family", "?"));
	cJSON_AddStringToObject(b, "state", brief_state(o));
	cJSON_AddItemToObject(b, "vips", cJSON_Duplicate(
		cJSON_GetObjectItemCaseSensitive(o, "vips"), 1));
	return b;
}

/* the fields of the table row; -d prints the others under it */
static const char *const row_keys[] = {
	"interface", "vrid", "family", "version", "state", "priority",
	"effective_priority", "advert_ms", "master", "v3_checksum",
	"v3_checksum_used", "vips", "stats",
};

static bool in_row(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(row_keys) / sizeof(row_keys[0]); i++)
		if (!strcmp(row_keys[i], key))
			return true;
	return false;
}

/* a value as text: "-" for null or empty, on/off, a,b for arrays; an
 * object inside an array as "first(key value, ...)" */
static void value_str(const cJSON *v, char *buf, size_t len)
{
	const cJSON *e, *m;
	size_t n = 0;

	if (cJSON_IsNull(v) || !v) {
		snprintf(buf, len, "-");
	} else if (cJSON_IsBool(v)) {
		snprintf(buf, len, "%s", cJSON_IsTrue(v) ? "on" : "off");
	} else if (cJSON_IsNumber(v)) {
		snprintf(buf, len, "%.0f", v->valuedouble);
	} else if (cJSON_IsString(v)) {
		snprintf(buf, len, "%s", v->valuestring);
	} else if (cJSON_IsArray(v)) {
		buf[0] = 0;
		cJSON_ArrayForEach(e, v) {
			char one[256], val[128];
			size_t k = 0;

			if (!cJSON_IsObject(e)) {
				value_str(e, one, sizeof(one));
			} else {
				one[0] = 0;
				cJSON_ArrayForEach(m, e) {
					value_str(m, val, sizeof(val));
					if (k == 0)
						k += (size_t)snprintf(one, sizeof(one), "%s", val);
					else if (k < sizeof(one))
						k += (size_t)snprintf(one + k, sizeof(one) - k,
								      "%s%s %s", m == e->child->next ?
								      "(" : ", ", m->string, val);
				}
				if (e->child && e->child->next && k < sizeof(one))
					snprintf(one + k, sizeof(one) - k, ")");
			}
			if (n < len)
				n += (size_t)snprintf(buf + n, len - n, "%s%s",
						      n ? "," : "", one);
		}
		if (!buf[0])
			snprintf(buf, len, "-");
	} else {
		snprintf(buf, len, "?");
	}
}

/* "    key value  key value", wrapped before 100 columns */
static void print_pair(const char *key, const char *val, int *col)
{
	int w = (int)(strlen(key) + strlen(val) + 3);

	if (*col && *col + w > 100) {
		printf("\n");
		*col = 0;
	}
	*col += printf("%s%s %s", *col ? "  " : "    ", key, val);
}

static void print_details(const cJSON *o)
{
	const cJSON *v, *m;
	char buf[4096], key[64];
	int col = 0;

	cJSON_ArrayForEach(v, o) {
		if (in_row(v->string))
			continue;
		if (cJSON_IsObject(v)) {	/* garp: garp.repeat 3 ... */
			cJSON_ArrayForEach(m, v) {
				snprintf(key, sizeof(key), "%s.%s", v->string, m->string);
				value_str(m, buf, sizeof(buf));
				print_pair(key, buf, &col);
			}
			continue;
		}
		value_str(v, buf, sizeof(buf));
		print_pair(v->string, buf, &col);
	}
	if (col)
		printf("\n");
}

static void print_row(const cJSON *o, const struct show_args *a)
{
	char prio[32], adv[24], csum[24] = "-", vips[4096];
	const char *used = str_of(o, "v3_checksum_used", NULL);

	snprintf(prio, sizeof(prio), "%.0f/%.0f", num_of(o, "effective_priority"),
		 num_of(o, "priority"));
	snprintf(adv, sizeof(adv), "%.0fms", num_of(o, "advert_ms"));
	/* v3 IPv4: the form sent, "auto/" when it follows the peers */
	if (used)
		snprintf(csum, sizeof(csum), "%s%s",
			 strcmp(str_of(o, "v3_checksum", ""), "auto") ? "" : "auto/", used);
	printf("%-15s %4.0f %-5s %3.0f %-6s %-7s %7s %-15s %-12s %s\n",
	       str_of(o, "interface", "?"), num_of(o, "vrid"),
	       str_of(o, "family", "?"), num_of(o, "version"), brief_state(o),
	       prio, adv, str_of(o, "master", "-"), csum,
	       join(cJSON_GetObjectItemCaseSensitive(o, "vips"), ",", vips,
		    sizeof(vips)));
	if (a->details)
		print_details(o);
	if (a->stats)
		print_stats(cJSON_GetObjectItemCaseSensitive(o, "stats"), a->stats);
}

static int show_cb(struct nl_msg *msg, void *arg)
{
	struct show_args *a = arg;
	struct nlattr *tb[VRRP_A_MAX + 1];
	cJSON *o;

	if (nlc_parse(msg, tb))
		return NL_SKIP;
	if (a->ifindex && attr_uint(tb[VRRP_A_IFINDEX]) != a->ifindex)
		return NL_SKIP;
	if (a->vrid && attr_uint(tb[VRRP_A_VRID]) != a->vrid)
		return NL_SKIP;
	if (a->family && (int)attr_uint(tb[VRRP_A_FAMILY]) != a->family)
		return NL_SKIP;
	a->count++;
	o = vr_to_json(tb, a->stats);
	if (a->arr && a->brief) {
		cJSON_AddItemToArray(a->arr, brief_json(o));
	} else if (a->arr) {
		cJSON_AddItemToArray(a->arr, o);
		return NL_OK;
	} else if (a->brief) {
		print_brief(o);
	} else {
		print_row(o, a);
	}
	cJSON_Delete(o);
	return NL_OK;
}

static int show_global(struct nlc *c)
{
	cJSON *o = cJSON_CreateObject(), *v;
	int r;

	r = nlc_talk(c, nlc_msg(c, VRRP_CMD_GET_GLOBAL, 0, 0), global_json_cb, o);
	if (r) {
		cJSON_Delete(o);
		return EXIT_KERNEL;
	}
	if (g_opts.json) {
		char *s = cJSON_PrintUnformatted(o);

		printf("%s\n", s);
		free(s);
	} else {
		printf("global:");
		cJSON_ArrayForEach(v, o)
			printf(" %s %.0f", v->string, v->valuedouble);
		printf("\n");
	}
	cJSON_Delete(o);
	return 0;
}

int cmd_show(int argc, char **argv)
{
	struct show_args a = { .stats = g_opts.stats, .brief = g_opts.brief,
			       .details = g_opts.details };
	unsigned long long n;
	bool global = false;
	struct nlc c;
	struct nl_msg *m;
	int r;

	while (argc > 0) {
		if (!strcmp(argv[0], "dev") && argc > 1) {
			a.dev = argv[1];
			argc--, argv++;
		} else if (!strcmp(argv[0], "vrid") && argc > 1) {
			if (parse_uint(argv[1], 255, &n) || !n)
				return usage_err("invalid vrid \"%s\"", argv[1]);
			a.vrid = (unsigned int)n;
			argc--, argv++;
		} else if (!strcmp(argv[0], "family") && argc > 1) {
			if (family_parse(argv[1], &a.family))
				return usage_err("invalid family \"%s\"", argv[1]);
			argc--, argv++;
		} else if (!strcmp(argv[0], "global")) {
			global = true;
		} else if (!strcmp(argv[0], "-j") || !strcmp(argv[0], "-json")) {
			g_opts.json = true;
		} else if (!strcmp(argv[0], "-s") || !strcmp(argv[0], "-stats")) {
			a.stats++;
		} else if (!strcmp(argv[0], "-br") || !strcmp(argv[0], "-brief")) {
			a.brief = true;
		} else if (!strcmp(argv[0], "-d") || !strcmp(argv[0], "-details")) {
			a.details = true;
		} else {
			return usage_err("unknown argument \"%s\" for show", argv[0]);
		}
		argc--, argv++;
	}
	if (a.dev) {
		a.ifindex = if_nametoindex(a.dev);
		if (!a.ifindex) {
			fprintf(stderr, "Cannot find device \"%s\"\n", a.dev);
			return 1;
		}
	}
	if (nlc_open(&c))
		return EXIT_KERNEL;
	if (global) {
		r = show_global(&c);
		nlc_close(&c);
		return r;
	}
	if (a.brief)
		a.stats = 0;
	if (g_opts.json)
		a.arr = cJSON_CreateArray();
	else if (!a.brief)
		printf("%-15s %4s %-5s %3s %-6s %-7s %7s %-15s %-12s %s\n",
		       "INTERFACE", "VRID", "FAM", "VER", "STATE", "PRIO", "ADVERT",
		       "MASTER", "CSUM", "VIPS");
	m = nlc_msg(&c, VRRP_CMD_GET, NLM_F_DUMP, 0);
	r = m ? nlc_talk(&c, m, show_cb, &a) : -ENOMEM;
	if (!r && a.arr) {
		char *s = g_opts.pretty ? cJSON_Print(a.arr) :
			cJSON_PrintUnformatted(a.arr);

		printf("%s\n", s);
		free(s);
	}
	cJSON_Delete(a.arr);
	if (!r && a.stats && !g_opts.json)
		r = show_global(&c);
	nlc_close(&c);
	return r ? EXIT_KERNEL : 0;
}
