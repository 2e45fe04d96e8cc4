// SPDX-License-Identifier: GPL-2.0
/* vrrpctl show: the VR table, its JSON form and the counters. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <net/if.h>

#include "main.h"
#include "show.h"
#include "spec.h"

unsigned long long attr_uint(const struct nlattr *a)
{
	if (!a)
		return 0;
	switch (nla_len(a)) {
	case 1:
		return nla_get_u8((struct nlattr *)a);
	case 2:
		return nla_get_u16((struct nlattr *)a);
	case 4:
		return nla_get_u32((struct nlattr *)a);
	case 8:
		return nla_get_u64((struct nlattr *)a);
	}
	return 0;
}

const char *vr_ifname(struct nlattr **tb, char *buf)
{
	if (tb[VRRP_A_IFNAME]) {
		snprintf(buf, IFNAMSIZ, "%s", nla_get_string(tb[VRRP_A_IFNAME]));
		return buf;
	}
	if (tb[VRRP_A_IFINDEX] &&
	    if_indextoname((unsigned int)attr_uint(tb[VRRP_A_IFINDEX]), buf))
		return buf;
	snprintf(buf, IFNAMSIZ, "if%llu", attr_uint(tb[VRRP_A_IFINDEX]));
	return buf;
}

const char *vr_addr(const struct nlattr *a, char *buf, size_t len)
{
	static const unsigned char zero[16];
	int l;

	if (!a)
		return NULL;
	l = nla_len(a);
	if ((l != 4 && l != 16) || !memcmp(nla_data(a), zero, (size_t)l))
		return NULL;
	return addr_str(l == 4 ? AF_INET : AF_INET6, nla_data(a), buf, len);
}

/* "A" for a host prefix, "A/len" otherwise */
static const char *vip_str(const struct nlattr *n, char *buf, size_t len)
{
	struct nlattr *tb[VRRP_VIP_A_MAX + 1];
	char a[INET6_ADDRSTRLEN];
	int l, plen;

	if (nla_parse_nested(tb, VRRP_VIP_A_MAX, (struct nlattr *)n, NULL) ||
	    !tb[VRRP_VIP_A_ADDR])
		return NULL;
	l = nla_len(tb[VRRP_VIP_A_ADDR]);
	if (l != 4 && l != 16)
		return NULL;
	addr_str(l == 4 ? AF_INET : AF_INET6, nla_data(tb[VRRP_VIP_A_ADDR]),
		 a, sizeof(a));
	plen = tb[VRRP_VIP_A_PREFIXLEN] ?
		(int)attr_uint(tb[VRRP_VIP_A_PREFIXLEN]) : l * 8;
	if (plen == l * 8)
		snprintf(buf, len, "%s", a);
	else
		snprintf(buf, len, "%s/%d", a, plen);
	return buf;
}

static cJSON *json_vips(const struct nlattr *nest)
{
	cJSON *arr = cJSON_CreateArray();
	struct nlattr *n;
	char buf[INET6_ADDRSTRLEN + 8];
	int rem;

	if (nest)
		nla_for_each_nested(n, nest, rem)
			if (vip_str(n, buf, sizeof(buf)))
				cJSON_AddItemToArray(arr, cJSON_CreateString(buf));
	return arr;
}

static cJSON *json_peers(const struct nlattr *nest)
{
	cJSON *arr = cJSON_CreateArray();
	struct nlattr *n, *tb[VRRP_PEER_A_MAX + 1];
	char buf[INET6_ADDRSTRLEN];
	int rem;

	if (nest)
		nla_for_each_nested(n, nest, rem)
			if (!nla_parse_nested(tb, VRRP_PEER_A_MAX, n, NULL) &&
			    vr_addr(tb[VRRP_PEER_A_ADDR], buf, sizeof(buf)))
				cJSON_AddItemToArray(arr, cJSON_CreateString(buf));
	return arr;
}

static cJSON *json_tracks(const struct nlattr *nest)
{
	cJSON *arr = cJSON_CreateArray(), *o;
	struct nlattr *n, *tb[VRRP_TRACK_A_MAX + 1];
	char name[IF_NAMESIZE];
	int rem;

	if (nest)
		nla_for_each_nested(n, nest, rem) {
			if (nla_parse_nested(tb, VRRP_TRACK_A_MAX, n, NULL))
				continue;
			o = cJSON_CreateObject();
			if (tb[VRRP_TRACK_A_IFNAME])
				cJSON_AddStringToObject(o, "interface",
					nla_get_string(tb[VRRP_TRACK_A_IFNAME]));
			else if (tb[VRRP_TRACK_A_IFINDEX] &&
				 if_indextoname((unsigned int)attr_uint(tb[VRRP_TRACK_A_IFINDEX]), name))
				cJSON_AddStringToObject(o, "interface", name);
			cJSON_AddNumberToObject(o, "weight",
				(double)attr_uint(tb[VRRP_TRACK_A_WEIGHT]));
			cJSON_AddItemToArray(arr, o);
		}
	return arr;
}

static cJSON *json_routes(const struct nlattr *nest)
{
	cJSON *arr = cJSON_CreateArray(), *o;
	struct nlattr *n, *tb[VRRP_ROUTE_A_MAX + 1];
	char buf[INET6_ADDRSTRLEN + 8], a[INET6_ADDRSTRLEN];
	int rem, l;

	if (nest)
		nla_for_each_nested(n, nest, rem) {
			if (nla_parse_nested(tb, VRRP_ROUTE_A_MAX, n, NULL) ||
			    !tb[VRRP_ROUTE_A_DST])
				continue;
			l = nla_len(tb[VRRP_ROUTE_A_DST]);
			if (l != 4 && l != 16)
				continue;
			addr_str(l == 4 ? AF_INET : AF_INET6,
				 nla_data(tb[VRRP_ROUTE_A_DST]), a, sizeof(a));
			snprintf(buf, sizeof(buf), "%s/%llu", a,
				 attr_uint(tb[VRRP_ROUTE_A_DST_LEN]));
			o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "dst", buf);
			if (vr_addr(tb[VRRP_ROUTE_A_GATEWAY], a, sizeof(a)))
				cJSON_AddStringToObject(o, "gateway", a);
			if (tb[VRRP_ROUTE_A_METRIC])
				cJSON_AddNumberToObject(o, "metric",
					(double)attr_uint(tb[VRRP_ROUTE_A_METRIC]));
			if (tb[VRRP_ROUTE_A_MTU])
				cJSON_AddNumberToObject(o, "mtu",
					(double)attr_uint(tb[VRRP_ROUTE_A_MTU]));
			cJSON_AddItemToArray(arr, o);
		}
	return arr;
}

/*
 * The per-VR counters. "show -s" prints the main ones (MAIN) and the sum
 * of the errors (ERR); "show -s -s" prints each of them; -j prints all.
 */
enum { MAIN, ERR, MORE };

static const struct { int attr; const char *name; int kind; } stat_names[] = {
	{ VRRP_STAT_A_MASTER_TRANSITIONS, "master_transitions", MAIN },
	{ VRRP_STAT_A_NEW_MASTER_REASON, "new_master_reason", MORE },
	{ VRRP_STAT_A_RX_ADVERTS, "rx_adverts", MAIN },
	{ VRRP_STAT_A_TX_ADVERTS, "tx_adverts", MAIN },
	{ VRRP_STAT_A_ADVERT_INT_ERRORS, "advert_interval_errors", ERR },
	{ VRRP_STAT_A_TTL_ERRORS, "ttl_errors", ERR },
	{ VRRP_STAT_A_PROTO_ERR_REASON, "proto_err_reason", MORE },
	{ VRRP_STAT_A_RX_PRIO_ZERO, "rx_priority_zero", MAIN },
	{ VRRP_STAT_A_TX_PRIO_ZERO, "tx_priority_zero", MAIN },
	{ VRRP_STAT_A_INVALID_TYPE, "invalid_type", ERR },
	{ VRRP_STAT_A_ADDR_LIST_ERRORS, "address_list_errors", ERR },
	{ VRRP_STAT_A_LENGTH_ERRORS, "length_errors", ERR },
	{ VRRP_STAT_A_AUTH_FAILURES, "auth_failures", ERR },
	{ VRRP_STAT_A_INVALID_AUTH_TYPE, "invalid_auth_type", ERR },
	{ VRRP_STAT_A_AUTH_TYPE_MISMATCH, "auth_type_mismatch", ERR },
	{ VRRP_STAT_A_PEER_ERRORS, "peer_errors", ERR },
	{ VRRP_STAT_A_OWNER_CONFLICTS, "owner_conflicts", ERR },
	{ VRRP_STAT_A_SRC_ERRORS, "src_errors", ERR },
	{ VRRP_STAT_A_CSUM_FOLLOWED, "checksum_followed", MORE },
	{ VRRP_STAT_A_DISCONTINUITY, "discontinuity_ns", MORE },
	{ VRRP_STAT_A_REFRESH_RATE, "refresh_rate_ms", MORE },
};

static const struct { int attr; const char *name; } gstat_names[] = {
	{ VRRP_GSTAT_A_CHECKSUM_ERRORS, "checksum_errors" },
	{ VRRP_GSTAT_A_VERSION_ERRORS, "version_errors" },
	{ VRRP_GSTAT_A_VRID_ERRORS, "vrid_errors" },
	{ VRRP_GSTAT_A_LENGTH_ERRORS, "length_errors" },
	{ VRRP_GSTAT_A_DISCONTINUITY, "discontinuity_ns" },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static cJSON *json_stats(const struct nlattr *nest)
{
	struct nlattr *tb[VRRP_STAT_A_MAX + 1];
	cJSON *o = cJSON_CreateObject();
	size_t i;

	if (!nest || nla_parse_nested(tb, VRRP_STAT_A_MAX,
				      (struct nlattr *)nest, NULL))
		return o;
	for (i = 0; i < N(stat_names); i++)
		cJSON_AddNumberToObject(o, stat_names[i].name,
					(double)attr_uint(tb[stat_names[i].attr]));
	return o;
}

static void add_bool(cJSON *o, const char *k, const struct nlattr *a)
{
	if (a)
		cJSON_AddBoolToObject(o, k, attr_uint(a) != 0);
}

static void add_num(cJSON *o, const char *k, const struct nlattr *a,
		    double scale)
{
	if (a)
		cJSON_AddNumberToObject(o, k, (double)attr_uint(a) * scale);
}

cJSON *vr_to_json(struct nlattr **tb, bool stats)
{
	cJSON *o = cJSON_CreateObject(), *g;
	char name[IF_NAMESIZE], buf[INET6_ADDRSTRLEN];
	const unsigned char *mac;
	int family = (int)attr_uint(tb[VRRP_A_FAMILY]);

	cJSON_AddStringToObject(o, "interface", vr_ifname(tb, name));
	add_num(o, "ifindex", tb[VRRP_A_IFINDEX], 1);
	cJSON_AddNumberToObject(o, "vrid", (double)attr_uint(tb[VRRP_A_VRID]));
	cJSON_AddStringToObject(o, "family", family_name(family));
	add_num(o, "version", tb[VRRP_A_VERSION], 1);
	cJSON_AddStringToObject(o, "state",
				state_name((unsigned int)attr_uint(tb[VRRP_A_STATE])));
	cJSON_AddBoolToObject(o, "detached", !tb[VRRP_A_IFINDEX]);
	add_num(o, "priority", tb[VRRP_A_PRIORITY], 1);
	add_num(o, "effective_priority",
		tb[VRRP_A_EFF_PRIORITY] ? tb[VRRP_A_EFF_PRIORITY] :
		tb[VRRP_A_PRIORITY], 1);
	add_num(o, "advert_ms", tb[VRRP_A_ADVERT_INT], 10);
	add_num(o, "master_advert_ms", tb[VRRP_A_MASTER_ADVERT_INT], 10);
	add_bool(o, "preempt", tb[VRRP_A_PREEMPT]);
	add_num(o, "preempt_delay_ms", tb[VRRP_A_PREEMPT_DELAY], 1);
	add_bool(o, "accept", tb[VRRP_A_ACCEPT]);
	cJSON_AddItemToObject(o, "vips", json_vips(tb[VRRP_A_VIPS]));
	if (vr_addr(tb[VRRP_A_MASTER_ADDR], buf, sizeof(buf)))
		cJSON_AddStringToObject(o, "master", buf);
	else
		cJSON_AddNullToObject(o, "master");
	if (vr_addr(tb[VRRP_A_PRIMARY_ADDR], buf, sizeof(buf)))
		cJSON_AddStringToObject(o, "primary_address", buf);
	else
		cJSON_AddNullToObject(o, "primary_address");
	if (tb[VRRP_A_VMAC] && nla_len(tb[VRRP_A_VMAC]) == 6) {
		mac = nla_data(tb[VRRP_A_VMAC]);
		snprintf(buf, sizeof(buf), "%02x:%02x:%02x:%02x:%02x:%02x",
			 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
		cJSON_AddStringToObject(o, "vmac", buf);
	} else {
		cJSON_AddNullToObject(o, "vmac");
	}
	cJSON_AddStringToObject(o, "vmac_mode",
				vmac_name((unsigned int)attr_uint(tb[VRRP_A_VMAC_MODE])));
	if (tb[VRRP_A_VIFNAME])
		cJSON_AddStringToObject(o, "vif", nla_get_string(tb[VRRP_A_VIFNAME]));
	else
		cJSON_AddNullToObject(o, "vif");
	cJSON_AddStringToObject(o, "auth_type",
				auth_name((unsigned int)attr_uint(tb[VRRP_A_AUTH_TYPE])));
	cJSON_AddBoolToObject(o, "auth_key_set", tb[VRRP_A_AUTH_KEY_SET] != NULL);
	cJSON_AddItemToObject(o, "tracks", json_tracks(tb[VRRP_A_TRACKS]));
	cJSON_AddItemToObject(o, "routes", json_routes(tb[VRRP_A_ROUTES]));
	cJSON_AddItemToObject(o, "peers", json_peers(tb[VRRP_A_PEERS]));
	add_num(o, "sync_group", tb[VRRP_A_SYNC_GROUP], 1);
	if (tb[VRRP_A_V3_CSUM_USED]) {
		cJSON_AddStringToObject(o, "v3_checksum",
					csum_name((unsigned int)attr_uint(tb[VRRP_A_V3_CSUM])));
		cJSON_AddStringToObject(o, "v3_checksum_used",
					csum_name((unsigned int)attr_uint(tb[VRRP_A_V3_CSUM_USED])));
	}
	g = cJSON_AddObjectToObject(o, "garp");
	add_num(g, "repeat", tb[VRRP_A_GARP_REPEAT], 1);
	add_num(g, "delay_ms", tb[VRRP_A_GARP_DELAY], 1);
	add_num(g, "refresh_ms", tb[VRRP_A_GARP_REFRESH], 1);
	add_bool(o, "admin_up", tb[VRRP_A_ADMIN_UP]);
	cJSON_AddStringToObject(o, "forced",
				force_name((unsigned int)attr_uint(tb[VRRP_A_FORCE_STATE])));
	add_num(o, "master_down_us", tb[VRRP_A_MASTER_DOWN_INT], 1);
	add_num(o, "skew_us", tb[VRRP_A_SKEW_TIME], 1);
	cJSON_AddStringToObject(o, "last_reason",
				reason_name((unsigned int)attr_uint(tb[VRRP_A_LAST_REASON])));
	if (stats)
		cJSON_AddItemToObject(o, "stats", json_stats(tb[VRRP_A_STATS]));
	return o;
}

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
	for (i = 0; i < N(stat_names); i++) {
		unsigned long long v = attr_uint(st[stat_names[i].attr]);

		if (stat_names[i].kind == ERR)
			errors += v;
		if (stat_names[i].kind == MAIN || level > 1)
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
	for (i = 0; i < N(gstat_names); i++)
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
