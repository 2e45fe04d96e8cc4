// SPDX-License-Identifier: GPL-2.0
/*
 * A VR message decoded: its attributes as the documented JSON object
 * (vrrpctl(8), the REST API), and the counter names. Shared by show,
 * monitor and the daemon.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <net/if.h>

#include "spec.h"
#include "vr_json.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

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

cJSON *json_vips(const struct nlattr *nest)
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
 * The per-VR counters. "show -s" prints the main ones (STAT_MAIN) and the
 * sum of the errors (STAT_ERR); "show -s -s" prints each of them; -j prints all.
 */
const struct stat_name stat_names[] = {
	{ VRRP_STAT_A_MASTER_TRANSITIONS, "master_transitions", STAT_MAIN },
	{ VRRP_STAT_A_NEW_MASTER_REASON, "new_master_reason", STAT_MORE },
	{ VRRP_STAT_A_RX_ADVERTS, "rx_adverts", STAT_MAIN },
	{ VRRP_STAT_A_TX_ADVERTS, "tx_adverts", STAT_MAIN },
	{ VRRP_STAT_A_ADVERT_INT_ERRORS, "advert_interval_errors", STAT_ERR },
	{ VRRP_STAT_A_TTL_ERRORS, "ttl_errors", STAT_ERR },
	{ VRRP_STAT_A_PROTO_ERR_REASON, "proto_err_reason", STAT_MORE },
	{ VRRP_STAT_A_RX_PRIO_ZERO, "rx_priority_zero", STAT_MAIN },
	{ VRRP_STAT_A_TX_PRIO_ZERO, "tx_priority_zero", STAT_MAIN },
	{ VRRP_STAT_A_INVALID_TYPE, "invalid_type", STAT_ERR },
	{ VRRP_STAT_A_ADDR_LIST_ERRORS, "address_list_errors", STAT_ERR },
	{ VRRP_STAT_A_LENGTH_ERRORS, "length_errors", STAT_ERR },
	{ VRRP_STAT_A_AUTH_FAILURES, "auth_failures", STAT_ERR },
	{ VRRP_STAT_A_INVALID_AUTH_TYPE, "invalid_auth_type", STAT_ERR },
	{ VRRP_STAT_A_AUTH_TYPE_MISMATCH, "auth_type_mismatch", STAT_ERR },
	{ VRRP_STAT_A_PEER_ERRORS, "peer_errors", STAT_ERR },
	{ VRRP_STAT_A_OWNER_CONFLICTS, "owner_conflicts", STAT_ERR },
	{ VRRP_STAT_A_SRC_ERRORS, "src_errors", STAT_ERR },
	{ VRRP_STAT_A_CSUM_FOLLOWED, "checksum_followed", STAT_MORE },
	{ VRRP_STAT_A_DOWN_DEFERRED, "master_down_deferred", STAT_MORE },
	{ VRRP_STAT_A_DISCONTINUITY, "discontinuity_ns", STAT_MORE },
	{ VRRP_STAT_A_REFRESH_RATE, "refresh_rate_ms", STAT_MORE },
};

const struct stat_name gstat_names[] = {
	{ VRRP_GSTAT_A_CHECKSUM_ERRORS, "checksum_errors", STAT_MAIN },
	{ VRRP_GSTAT_A_VERSION_ERRORS, "version_errors", STAT_MAIN },
	{ VRRP_GSTAT_A_VRID_ERRORS, "vrid_errors", STAT_MAIN },
	{ VRRP_GSTAT_A_LENGTH_ERRORS, "length_errors", STAT_MAIN },
	{ VRRP_GSTAT_A_DISCONTINUITY, "discontinuity_ns", STAT_MAIN },
};

const size_t n_stat_names = N(stat_names), n_gstat_names = N(gstat_names);


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

int global_json_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1], *st[VRRP_GSTAT_A_MAX + 1];
	cJSON *o = arg;
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
