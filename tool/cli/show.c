// SPDX-License-Identifier: GPL-2.0
/* vrrpctl show: the VR table, one line per VR (-br), the counters. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <net/if.h>

#include "main.h"
#include "spec.h"
#include "vr_json.h"
struct show_args {
	unsigned int ifindex;
	const char *dev;
	unsigned int vrid;
	int family;
	int stats;		/* 0, 1 (-s) or 2 (-s -s) */
	bool brief;		/* -br */
	cJSON *arr;
	int count;
};

/* "name N" pairs, four to a line, indented under the VR's row */
static void print_counter(const char *name, unsigned long long v, int *col)
{
	printf("%s%s %llu", *col ? "  " : "    ", name, v);
	if (++*col == 4) {
		printf("\n");
		*col = 0;
	}
}

static void print_stats(const struct nlattr *nest, int level)
{
	struct nlattr *st[VRRP_STAT_A_MAX + 1];
	unsigned long long errors = 0;
	size_t i;
	int col = 0;

	if (nla_parse_nested(st, VRRP_STAT_A_MAX, (struct nlattr *)nest, NULL))
		return;
	for (i = 0; i < n_stat_names; i++) {
		unsigned long long v = attr_uint(st[stat_names[i].attr]);

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
static void print_brief(struct nlattr **tb)
{
	cJSON *vips = json_vips(tb[VRRP_A_VIPS]), *v;
	char name[IF_NAMESIZE], vr[32];
	bool first = true;

	snprintf(vr, sizeof(vr), "%s/%llu/%s", vr_ifname(tb, name),
		 attr_uint(tb[VRRP_A_VRID]),
		 family_name((int)attr_uint(tb[VRRP_A_FAMILY])));
	printf("%-24s %-7s ", vr, tb[VRRP_A_IFINDEX] ?
	       state_name((unsigned int)attr_uint(tb[VRRP_A_STATE])) : "NoDev");
	cJSON_ArrayForEach(v, vips) {
		printf("%s%s", first ? "" : " ", v->valuestring);
		first = false;
	}
	printf("\n");
	cJSON_Delete(vips);
}

/* -br -j: the same fields as JSON */
static cJSON *brief_json(struct nlattr **tb)
{
	cJSON *o = cJSON_CreateObject();
	char name[IF_NAMESIZE];

	cJSON_AddStringToObject(o, "interface", vr_ifname(tb, name));
	cJSON_AddNumberToObject(o, "vrid", (double)attr_uint(tb[VRRP_A_VRID]));
	cJSON_AddStringToObject(o, "family",
				family_name((int)attr_uint(tb[VRRP_A_FAMILY])));
	cJSON_AddStringToObject(o, "state", tb[VRRP_A_IFINDEX] ?
				state_name((unsigned int)attr_uint(tb[VRRP_A_STATE])) :
				"NoDev");
	cJSON_AddItemToObject(o, "vips", json_vips(tb[VRRP_A_VIPS]));
	return o;
}

static void print_row(struct nlattr **tb, struct show_args *a)
{
	char name[IF_NAMESIZE], buf[INET6_ADDRSTRLEN + 8], prio[16], adv[16];
	cJSON *vips = json_vips(tb[VRRP_A_VIPS]), *v;
	const char *master = vr_addr(tb[VRRP_A_MASTER_ADDR], buf, sizeof(buf));
	char mbuf[INET6_ADDRSTRLEN], csum[24] = "-";
	bool first = true;

	snprintf(mbuf, sizeof(mbuf), "%s", master ? master : "-");
	snprintf(prio, sizeof(prio), "%llu/%llu",
		 attr_uint(tb[VRRP_A_EFF_PRIORITY] ? tb[VRRP_A_EFF_PRIORITY] :
			   tb[VRRP_A_PRIORITY]),
		 attr_uint(tb[VRRP_A_PRIORITY]));
	snprintf(adv, sizeof(adv), "%llums", attr_uint(tb[VRRP_A_ADVERT_INT]) * 10);
	/* v3 IPv4: the form sent, "auto/" when it follows the peers */
	if (tb[VRRP_A_V3_CSUM_USED])
		snprintf(csum, sizeof(csum), "%s%s",
			 attr_uint(tb[VRRP_A_V3_CSUM]) == VRRP_CSUM_AUTO ?
			 "auto/" : "",
			 csum_name((unsigned int)attr_uint(tb[VRRP_A_V3_CSUM_USED])));
	printf("%-15s %4llu %-5s %3llu %-6s %-7s %7s %-15s %-12s ",
	       vr_ifname(tb, name), attr_uint(tb[VRRP_A_VRID]),
	       family_name((int)attr_uint(tb[VRRP_A_FAMILY])),
	       attr_uint(tb[VRRP_A_VERSION]),
	       /* Init, waiting for a device of that name to come back */
	       tb[VRRP_A_IFINDEX] ?
	       state_name((unsigned int)attr_uint(tb[VRRP_A_STATE])) : "NoDev",
	       prio, adv, mbuf, csum);
	cJSON_ArrayForEach(v, vips) {
		printf("%s%s", first ? "" : ",", v->valuestring);
		first = false;
	}
	if (first)
		printf("-");
	printf("\n");
	cJSON_Delete(vips);
	if (a->stats && tb[VRRP_A_STATS])
		print_stats(tb[VRRP_A_STATS], a->stats);
}

static int show_cb(struct nl_msg *msg, void *arg)
{
	struct show_args *a = arg;
	struct nlattr *tb[VRRP_A_MAX + 1];

	if (nlc_parse(msg, tb))
		return NL_SKIP;
	if (a->ifindex && attr_uint(tb[VRRP_A_IFINDEX]) != a->ifindex)
		return NL_SKIP;
	if (a->vrid && attr_uint(tb[VRRP_A_VRID]) != a->vrid)
		return NL_SKIP;
	if (a->family && (int)attr_uint(tb[VRRP_A_FAMILY]) != a->family)
		return NL_SKIP;
	a->count++;
	if (a->arr)
		cJSON_AddItemToArray(a->arr, a->brief ? brief_json(tb) :
				     vr_to_json(tb, a->stats));
	else if (a->brief)
		print_brief(tb);
	else
		print_row(tb, a);
	return NL_OK;
}

static int global_cb(struct nl_msg *msg, void *arg)
{
	cJSON *o = arg;
	struct nlattr *tb[VRRP_A_MAX + 1], *st[VRRP_GSTAT_A_MAX + 1];
	size_t i;

	if (nlc_parse(msg, tb))
		return NL_SKIP;
	cJSON_AddNumberToObject(o, "vr_count", (double)attr_uint(tb[VRRP_A_VR_COUNT]));
	memset(st, 0, sizeof(st));
	if (tb[VRRP_A_GLOBAL_STATS])
		nla_parse_nested(st, VRRP_GSTAT_A_MAX, tb[VRRP_A_GLOBAL_STATS], NULL);
	for (i = 0; i < n_gstat_names; i++)
		cJSON_AddNumberToObject(o, gstat_names[i].name,
					(double)attr_uint(st[gstat_names[i].attr]));
	return NL_OK;
}

static int show_global(struct nlc *c)
{
	cJSON *o = cJSON_CreateObject(), *v;
	int r;

	r = nlc_talk(c, nlc_msg(c, VRRP_CMD_GET_GLOBAL, 0, 0), global_cb, o);
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
	struct show_args a = { .stats = g_opts.stats, .brief = g_opts.brief };
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
