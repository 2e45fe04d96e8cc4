// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpctl daemon --snmp: the RFC 6527 VRRPV3-MIB (1.3.6.1.2.1.207) for the
 * VRRPv3 VRs and the RFC 2787 VRRP-MIB (1.3.6.1.2.1.68) for the VRRPv2 ones,
 * read only, served as an AgentX subagent of net-snmp's snmpd.
 *
 * The subagent runs in its own thread, with its own netlink sockets (each
 * query opens one, see vrops.c): a slow or absent snmpd never stalls the
 * daemon's API or event loop, and net-snmp is only ever called from that
 * thread. A request reads a snapshot of the kernel's VRs, at most one
 * second old: every object of the MIB as an (OID, value) list sorted by
 * OID, so that GET is a lookup and GETNEXT (and GETBULK, which net-snmp
 * turns into GETNEXTs) the first OID after the one asked for.
 *
 * Served, for the VRs that have a device (an ifIndex): the operations, the
 * associated addresses (read-only: every RowStatus is active(1)), the
 * statistics and the global counters of both MIBs. Not served: the
 * notifications (vrrpNotificationCntl is disabled(2)). TimeStamp objects are
 * 0 (no discontinuity since the agent started). A VR with rVRRPd's P0/P1
 * authentication has no vrrpOperAuthType: RFC 2787 has no value for it.
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <linux/vrrp.h>

#include "snmp.h"
#include "vr_json.h"
#include "vrops.h"

#define OPS	1, 3, 6, 1, 2, 1, 207, 1, 1, 1, 1	/* vrrpv3OperationsEntry */
#define ASSOC	1, 3, 6, 1, 2, 1, 207, 1, 1, 2, 1	/* vrrpv3AssociatedIpAddrEntry */
#define STATS	1, 3, 6, 1, 2, 1, 207, 1, 2		/* vrrpv3Statistics */
#define ENTRY_LEN 11
#define IDX_MAX	(3 + 1 + 16)	/* ifIndex, VrId, type, [len, address] */

#define V2	1, 3, 6, 1, 2, 1, 68			/* vrrpMIB */

static const oid mib_root[] = { 1, 3, 6, 1, 2, 1, 207, 1 };
static const oid v2_root[] = { V2 };

struct obj {
	oid name[ENTRY_LEN + 1 + IDX_MAX];
	size_t len;
	u_char type;
	size_t vlen;
	union {
		long i;
		struct counter64 c64;
		u_char s[16];
	} v;
};

static struct {
	struct obj *objs;
	size_t n, cap;
	struct timespec at;	/* CLOCK_MONOTONIC of the snapshot */
	bool valid;
	char *socket;
	char last_log[256];
} S;

static struct obj *obj_new(const oid *prefix, size_t plen, oid column,
			   const oid *idx, size_t ilen)
{
	struct obj *o;

	if (S.n == S.cap) {
		size_t cap = S.cap ? S.cap * 2 : 256;
		struct obj *p = realloc(S.objs, cap * sizeof(*p));

		if (!p)
			return NULL;
		S.objs = p;
		S.cap = cap;
	}
	o = &S.objs[S.n++];
	memset(o, 0, sizeof(*o));
	memcpy(o->name, prefix, plen * sizeof(oid));
	o->name[plen] = column;
	memcpy(o->name + plen + 1, idx, ilen * sizeof(oid));
	o->len = plen + 1 + ilen;
	return o;
}

static void put_int(const oid *p, size_t pl, oid col, const oid *idx,
		    size_t il, u_char type, long v)
{
	struct obj *o = obj_new(p, pl, col, idx, il);

	if (!o)
		return;
	o->type = type;
	o->v.i = v;
	o->vlen = sizeof(long);
}

static void put_c64(const oid *p, size_t pl, oid col, const oid *idx,
		    size_t il, double v)
{
	struct obj *o = obj_new(p, pl, col, idx, il);
	unsigned long long u = v > 0 ? (unsigned long long)v : 0;

	if (!o)
		return;
	o->type = ASN_COUNTER64;
	o->v.c64.high = (u_long)(u >> 32);
	o->v.c64.low = (u_long)(u & 0xffffffffu);
	o->vlen = sizeof(o->v.c64);
}

static void put_str(const oid *p, size_t pl, oid col, const oid *idx,
		    size_t il, const void *s, size_t len)
{
	struct obj *o = obj_new(p, pl, col, idx, il);

	if (!o)
		return;
	o->type = ASN_OCTET_STR;
	memcpy(o->v.s, s, len > sizeof(o->v.s) ? sizeof(o->v.s) : len);
	o->vlen = len;
}

static double num(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static long truth(const cJSON *o, const char *k)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, k)) ? 1 : 2;
}

/* an InetAddress of a JSON address ("A" or "A/len"): its length, 0 if none */
static size_t json_inet(const cJSON *v, int af, u_char *out)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash;

	if (!cJSON_IsString(v))
		return 0;
	snprintf(buf, sizeof(buf), "%s", v->valuestring);
	slash = strchr(buf, '/');
	if (slash)
		*slash = 0;
	if (inet_pton(af, buf, out) != 1)
		return 0;
	return af == AF_INET ? 4 : 16;
}

/* the object of a JSON address as an IpAddress (0.0.0.0 if none) */
static void put_ip(const oid *p, size_t pl, oid col, const oid *idx,
		   size_t il, const cJSON *v)
{
	struct obj *o = obj_new(p, pl, col, idx, il);

	if (!o)
		return;
	o->type = ASN_IPADDRESS;
	if (json_inet(v, AF_INET, o->v.s) != 4)
		memset(o->v.s, 0, 4);
	o->vlen = 4;
}

static void put_c32(const oid *p, size_t pl, oid col, const oid *idx,
		    size_t il, const cJSON *st, const char *k)
{
	put_int(p, pl, col, idx, il, ASN_COUNTER,
		(long)((unsigned long long)num(st, k) & 0xffffffffu));
}

/* RFC 2787: vrrpOperTable, vrrpAssoIpAddrTable, vrrpRouterStatsTable */
static void put_vr2(const cJSON *vr)
{
	static const oid ops[] = { V2, 1, 3, 1 }, assoc[] = { V2, 1, 4, 1 };
	static const oid stats[] = { V2, 2, 4, 1 };
	static const char *const counters[] = {
		"master_transitions", "rx_adverts", "advert_interval_errors",
		"auth_failures", "ttl_errors", "rx_priority_zero",
		"tx_priority_zero", "invalid_type", "address_list_errors",
		"invalid_auth_type", "auth_type_mismatch", "length_errors",
	};
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(vr, "stats"), *v;
	const char *state = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(vr, "state"));
	const char *auth = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(vr, "auth_type"));
	u_char mac[6] = { 0x00, 0x00, 0x5e, 0x00, 0x01 }, a[16];
	const size_t pl = 10;
	oid idx[2 + 4];
	size_t i;

	idx[0] = (oid)num(vr, "ifindex");
	idx[1] = (oid)num(vr, "vrid");
	mac[5] = (u_char)idx[1];
	put_str(ops, pl, 2, idx, 2, mac, sizeof(mac));
	put_int(ops, pl, 3, idx, 2, ASN_INTEGER, !state ? 1 : !strcmp(state, "Master") ? 3 :
		!strcmp(state, "Backup") ? 2 : 1);
	put_int(ops, pl, 4, idx, 2, ASN_INTEGER,
		cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(vr, "admin_up")) ? 2 : 1);
	put_int(ops, pl, 5, idx, 2, ASN_INTEGER, (long)num(vr, "priority"));
	put_int(ops, pl, 6, idx, 2, ASN_INTEGER,
		cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(vr, "vips")));
	put_ip(ops, pl, 7, idx, 2, cJSON_GetObjectItemCaseSensitive(vr, "master"));
	put_ip(ops, pl, 8, idx, 2, cJSON_GetObjectItemCaseSensitive(vr, "primary_address"));
	/* noAuthentication(1), simpleTextPassword(2); P0/P1 have no value */
	if (auth && (!strcmp(auth, "none") || !strcmp(auth, "simple")))
		put_int(ops, pl, 9, idx, 2, ASN_INTEGER, strcmp(auth, "none") ? 2 : 1);
	put_str(ops, pl, 10, idx, 2, "", 0);	/* the key reads empty */
	put_int(ops, pl, 11, idx, 2, ASN_INTEGER, (long)(num(vr, "advert_ms") / 1000));
	put_int(ops, pl, 12, idx, 2, ASN_INTEGER, truth(vr, "preempt"));
	put_int(ops, pl, 13, idx, 2, ASN_TIMETICKS, 0);
	put_int(ops, pl, 14, idx, 2, ASN_INTEGER, 1);	/* ip(1) */
	put_int(ops, pl, 15, idx, 2, ASN_INTEGER, 1);	/* active(1) */

	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(vr, "vips")) {
		if (json_inet(v, AF_INET, a) != 4)
			continue;
		for (i = 0; i < 4; i++)	/* an IpAddress index: four sub-ids */
			idx[2 + i] = a[i];
		put_int(assoc, pl, 2, idx, 6, ASN_INTEGER, 1);
	}
	for (i = 0; i < sizeof(counters) / sizeof(counters[0]); i++)
		put_c32(stats, pl, (oid)(i + 1), idx, 2, st, counters[i]);
}

static void put_vr(const cJSON *vr)
{
	static const oid ops[] = { OPS }, assoc[] = { ASSOC };
	static const oid stats[] = { STATS, 5, 1 };
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(vr, "stats"), *v;
	const char *fam = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(vr, "family"));
	const char *state = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(vr, "state"));
	int af = fam && !strcmp(fam, "inet6") ? AF_INET6 : AF_INET;
	oid idx[IDX_MAX];
	u_char a[16], mac[6] = { 0x00, 0x00, 0x5e, 0x00, af == AF_INET ? 1 : 2 };
	size_t n, i;
	long status;

	if (!cJSON_GetObjectItemCaseSensitive(vr, "ifindex"))
		return;
	if (num(vr, "version") == 2) {
		put_vr2(vr);
		return;
	}
	idx[0] = (oid)num(vr, "ifindex");
	idx[1] = (oid)num(vr, "vrid");
	idx[2] = af == AF_INET ? 1 : 2;		/* InetAddressType ipv4(1), ipv6(2) */
	mac[5] = (u_char)idx[1];
	status = !state ? 1 : !strcmp(state, "Master") ? 3 : !strcmp(state, "Backup") ? 2 : 1;

	n = json_inet(cJSON_GetObjectItemCaseSensitive(vr, "master"), af, a);
	put_str(ops, ENTRY_LEN, 3, idx, 3, a, n);
	n = json_inet(cJSON_GetObjectItemCaseSensitive(vr, "primary_address"), af, a);
	put_str(ops, ENTRY_LEN, 4, idx, 3, a, n);
	put_str(ops, ENTRY_LEN, 5, idx, 3, mac, sizeof(mac));
	put_int(ops, ENTRY_LEN, 6, idx, 3, ASN_INTEGER, status);
	put_int(ops, ENTRY_LEN, 7, idx, 3, ASN_UNSIGNED, (long)num(vr, "priority"));
	put_int(ops, ENTRY_LEN, 8, idx, 3, ASN_INTEGER,
		cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(vr, "vips")));
	put_int(ops, ENTRY_LEN, 9, idx, 3, ASN_INTEGER, (long)(num(vr, "advert_ms") / 10));
	put_int(ops, ENTRY_LEN, 10, idx, 3, ASN_INTEGER, truth(vr, "preempt"));
	put_int(ops, ENTRY_LEN, 11, idx, 3, ASN_INTEGER, truth(vr, "accept"));
	put_int(ops, ENTRY_LEN, 12, idx, 3, ASN_TIMETICKS, 0);
	put_int(ops, ENTRY_LEN, 13, idx, 3, ASN_INTEGER, 1);	/* active */

	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(vr, "vips")) {
		n = json_inet(v, af, a);
		if (!n)
			continue;
		idx[3] = n;	/* a variable-length index: its length first */
		for (i = 0; i < n; i++)
			idx[4 + i] = a[i];
		put_int(assoc, ENTRY_LEN, 2, idx, 4 + n, ASN_INTEGER, 1);
	}

	put_c32(stats, ENTRY_LEN, 1, idx, 3, st, "master_transitions");
	put_int(stats, ENTRY_LEN, 2, idx, 3, ASN_INTEGER, (long)num(st, "new_master_reason"));
	put_c64(stats, ENTRY_LEN, 3, idx, 3, num(st, "rx_adverts"));
	put_c64(stats, ENTRY_LEN, 4, idx, 3, num(st, "advert_interval_errors"));
	put_c64(stats, ENTRY_LEN, 5, idx, 3, num(st, "ttl_errors"));
	put_int(stats, ENTRY_LEN, 6, idx, 3, ASN_INTEGER, (long)num(st, "proto_err_reason"));
	put_c64(stats, ENTRY_LEN, 7, idx, 3, num(st, "rx_priority_zero"));
	put_c64(stats, ENTRY_LEN, 8, idx, 3, num(st, "tx_priority_zero"));
	put_c64(stats, ENTRY_LEN, 9, idx, 3, num(st, "invalid_type"));
	put_c64(stats, ENTRY_LEN, 10, idx, 3, num(st, "address_list_errors"));
	put_c64(stats, ENTRY_LEN, 11, idx, 3, num(st, "length_errors"));
	put_int(stats, ENTRY_LEN, 12, idx, 3, ASN_TIMETICKS, 0);
	put_int(stats, ENTRY_LEN, 13, idx, 3, ASN_UNSIGNED, (long)num(st, "refresh_rate_ms"));
}

static int vr_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	cJSON *o;

	(void)arg;
	if (nlc_parse(msg, tb))
		return NL_SKIP;
	o = vr_to_json(tb, true);
	put_vr(o);
	cJSON_Delete(o);
	return NL_OK;
}

/* vrrpv3RouterChecksumErrors, ...VersionErrors, ...VrIdErrors (.0) */
static int global_cb(struct nl_msg *msg, void *arg)
{
	static const oid g[] = { STATS }, v2o[] = { V2, 1 }, v2s[] = { V2, 2 };
	static const int attr[] = { VRRP_GSTAT_A_CHECKSUM_ERRORS,
				    VRRP_GSTAT_A_VERSION_ERRORS,
				    VRRP_GSTAT_A_VRID_ERRORS };
	struct nlattr *tb[VRRP_A_MAX + 1], *st[VRRP_GSTAT_A_MAX + 1];
	const oid zero[] = { 0 };
	size_t i;

	(void)arg;
	if (nlc_parse(msg, tb) || !tb[VRRP_A_GLOBAL_STATS] ||
	    nla_parse_nested(st, VRRP_GSTAT_A_MAX, tb[VRRP_A_GLOBAL_STATS], NULL))
		return NL_SKIP;
	for (i = 0; i < 3; i++) {
		put_c64(g, 9, (oid)(i + 1), zero, 1, (double)attr_uint(st[attr[i]]));
		/* vrrpRouterChecksumErrors ... of RFC 2787: Counter32 */
		put_int(v2s, 8, (oid)(i + 1), zero, 1, ASN_COUNTER,
			(long)(attr_uint(st[attr[i]]) & 0xffffffffu));
	}
	put_int(g, 9, 4, zero, 1, ASN_TIMETICKS, 0);
	put_int(v2o, 8, 1, zero, 1, ASN_INTEGER, 2);	/* vrrpNodeVersion */
	put_int(v2o, 8, 2, zero, 1, ASN_INTEGER, 2);	/* vrrpNotificationCntl: disabled */
	return NL_OK;
}

static int obj_cmp(const void *a, const void *b)
{
	const struct obj *x = a, *y = b;

	return snmp_oid_compare(x->name, x->len, y->name, y->len);
}

/* the kernel's VRs as the sorted object list, at most a second old */
static void refresh(void)
{
	struct vr_result res;
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (S.valid && now.tv_sec - S.at.tv_sec < 1)
		return;
	S.n = 0;
	if (vrop_query(VRRP_CMD_GET_GLOBAL, false, global_cb, NULL, &res) ||
	    vrop_query(VRRP_CMD_GET, true, vr_cb, NULL, &res))
		snmp_log(LOG_WARNING, "vrrpctl: VRRPV3-MIB: %s\n", res.msg);
	qsort(S.objs, S.n, sizeof(*S.objs), obj_cmp);
	S.at = now;
	S.valid = true;
}

static const struct obj *find(const oid *name, size_t len, bool next)
{
	size_t lo = 0, hi = S.n;

	/* the first object >= name (> name for GETNEXT) */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = snmp_oid_compare(S.objs[mid].name, S.objs[mid].len, name, len);

		if (c < 0 || (next && c == 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == S.n)
		return NULL;
	if (!next && snmp_oid_compare(S.objs[lo].name, S.objs[lo].len, name, len))
		return NULL;
	return &S.objs[lo];
}

static int mib_handler(netsnmp_mib_handler *handler,
		       netsnmp_handler_registration *reg,
		       netsnmp_agent_request_info *reqinfo,
		       netsnmp_request_info *requests)
{
	netsnmp_request_info *r;
	const struct obj *o;

	(void)handler;
	refresh();
	for (r = requests; r; r = r->next) {
		netsnmp_variable_list *vb = r->requestvb;

		if (r->processed)
			continue;
		switch (reqinfo->mode) {
		case MODE_GET:
			o = find(vb->name, vb->name_length, false);
			if (!o) {
				netsnmp_set_request_error(reqinfo, r, SNMP_NOSUCHINSTANCE);
				continue;
			}
			break;
		case MODE_GETNEXT:
			o = find(vb->name, vb->name_length, true);
			/* past our last object: the agent asks the next subtree */
			if (!o || o->len < reg->rootoid_len ||
			    snmp_oid_compare(o->name, reg->rootoid_len,
					     reg->rootoid, reg->rootoid_len))
				continue;
			snmp_set_var_objid(vb, o->name, o->len);
			break;
		default:
			netsnmp_set_request_error(reqinfo, r, SNMP_ERR_NOTWRITABLE);
			continue;
		}
		snmp_set_var_typed_value(vb, o->type, &o->v, o->vlen);
	}
	return SNMP_ERR_NOERROR;
}

/* net-snmp's log lines to stderr (the daemon's error log), a line repeated
 * (the master agent is down: every ping says so) once */
static int log_cb(int major, int minor, void *server_arg, void *client_arg)
{
	const struct snmp_log_message *m = server_arg;

	(void)major;
	(void)minor;
	(void)client_arg;
	if (!m || !m->msg || !strncmp(S.last_log, m->msg, sizeof(S.last_log) - 1))
		return 0;
	snprintf(S.last_log, sizeof(S.last_log), "%s", m->msg);
	fprintf(stderr, "vrrpctl: snmp: %s", m->msg);
	return 0;
}

static void *snmp_main(void *arg)
{
	netsnmp_handler_registration *reg;

	(void)arg;
	snmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_LOGGING,
			       log_cb, NULL);
	snmp_enable_calllog();
	netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 1);
	if (S.socket && S.socket[0])
		netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID,
				      NETSNMP_DS_AGENT_X_SOCKET, S.socket);
	/* reconnect to a master agent that comes (back) within 5 s */
	netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID,
			   NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL, 5);
	/* no snmp.conf of this host, no state written to /var/lib/snmp */
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
			       NETSNMP_DS_LIB_DISABLE_CONFIG_LOAD, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
			       NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
			       NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
	init_agent("vrrpctl");
	reg = netsnmp_create_handler_registration("vrrpv3", mib_handler, mib_root,
						  sizeof(mib_root) / sizeof(oid),
						  HANDLER_CAN_RONLY);
	if (!reg || netsnmp_register_handler(reg) != MIB_REGISTERED_OK)
		fprintf(stderr, "vrrpctl: snmp: cannot register VRRPV3-MIB\n");
	reg = netsnmp_create_handler_registration("vrrp", mib_handler, v2_root,
						  sizeof(v2_root) / sizeof(oid),
						  HANDLER_CAN_RONLY);
	if (!reg || netsnmp_register_handler(reg) != MIB_REGISTERED_OK)
		fprintf(stderr, "vrrpctl: snmp: cannot register VRRP-MIB\n");
	init_snmp("vrrpctl");
	for (;;)
		agent_check_and_process(1);
	return NULL;
}

int snmp_start(const char *socket)
{
	sigset_t all, old;
	pthread_t t;
	int err;

	S.socket = socket ? strdup(socket) : NULL;
	/* no MIB files: the subagent serves numeric OIDs (and a host without
	 * the MIB files would log each one missing) */
	setenv("MIBS", "", 1);
	/* the daemon's signals stay the event loop's: none reaches the thread */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&t, NULL, snmp_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err) {
		fprintf(stderr, "vrrpctl: snmp: %s\n", strerror(err));
		return -1;
	}
	pthread_detach(t);
	return 0;
}
