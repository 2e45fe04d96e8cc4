// SPDX-License-Identifier: GPL-2.0
/* import keepalived: global_defs, vrrp_instance, vrrp_sync_group mapped */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_ka_priv.h"
#include "spec.h"

/* ---------------------------------------------------------------- */
/* the model: what the keepalived config asks for                   */

const char * const ka_notify_keys[KN_N] = {
	"notify_master", "notify_backup", "notify_fault", "notify"
};

/* the GARP keys (KG_*): their names, their kind, their maximum */
static const struct {
	const char *key;	/* in vrrp_instance; "vrrp_" KEY in global_defs */
	bool timer;		/* seconds, fractions allowed; else a count */
	long long max;		/* us for timers */
} garp_keys[KG_N] = {
	[KG_DELAY] = { "garp_master_delay", true, 3600 * KA_USEC },
	[KG_REPEAT] = { "garp_master_repeat", false, 1000000 },
	[KG_REFRESH] = { "garp_master_refresh", true, 86400 * KA_USEC },
	[KG_REFRESH_REPEAT] = { "garp_master_refresh_repeat", false, 1000000 },
	[KG_INTERVAL] = { "garp_interval", true, 3600 * KA_USEC },
	[KG_GNA] = { "gna_interval", true, 3600 * KA_USEC },
	[KG_MIN] = { "min_garp", false, 1 },	/* global only, a <BOOL> */
};

/* ---------------------------------------------------------------- */
/* the reports: FILE:LINE: KEY: not supported|ignored|note: ...     */

static void report(struct imp *m, const struct ka_node *n, const char *key,
		   const char *kind, const char *fmt, va_list ap)
{
	va_list aq;
	char *body;
	int len;

	va_copy(aq, ap);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	len = len > 0 ? len : 0;
	body = ka_xrealloc(NULL, (size_t)len + 1);
	vsnprintf(body, (size_t)len + 1, fmt, ap);
	ka_rd_msg(m->rd, n->file, n->line, "%s:%d: %s: %s: %s", n->file, n->line,
		  key, kind, body);
	free(body);
}

#define REPORT_FN(fn, kind)						\
void fn(struct imp *m, const struct ka_node *n, const char *key,	\
	const char *fmt, ...)						\
{									\
	va_list ap;							\
									\
	va_start(ap, fmt);						\
	report(m, n, key, kind, fmt, ap);				\
	va_end(ap);							\
}

/* what vrrp cannot do; what keepalived would ignore too; adjustments */
REPORT_FN(ka_unsup, "not supported")
REPORT_FN(ka_ignored, "ignored")
REPORT_FN(ka_note, "note")

/* a whole block that vrrp cannot do, reported once */
static void unsup_node(struct imp *m, const struct ka_node *n, const char *why)
{
	if (n->block && n->end > n->line)
		ka_unsup(m, n, ka_kw(n), "%s (the whole block, lines %d-%d)", why,
			 n->line, n->end);
	else
		ka_unsup(m, n, ka_kw(n), "%s", why);
}

/* the words of a node after its keyword, for messages */
static const char *words(const struct ka_node *n, int from, char *buf,
			 size_t len)
{
	size_t o = 0;
	int i;

	buf[0] = '\0';
	for (i = from; i < n->argc && o + 1 < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i > from ? " " : "",
				      n->argv[i]);
	return buf;
}

/* keys with a reason; a key ending in '*' is a prefix */
struct ka_why {
	const char *key, *why;
};

static const char *why_of(const struct ka_why *t, const char *key)
{
	size_t n;

	for (; t->key; t++) {
		n = strlen(t->key);
		if (t->key[n - 1] == '*' ? !strncmp(key, t->key, n - 1) :
		    !strcmp(key, t->key))
			return t->why;
	}
	return NULL;
}

#define WHY_TRACK "vrrp tracks interfaces only (track_interface); run the check from a systemd timer or cron and change the VR with \"vrrpctl set ... prio N\" or \"... down\""
#define WHY_LVS "LVS load balancing is not VRRP: keep keepalived (or ipvsadm) for it"
#define WHY_MAIL "vrrp sends no mail: a notify script can"
#define WHY_PROC "a setting of keepalived's own process: vrrp runs in the kernel"
#define WHY_FIFO "vrrp has no notify FIFO: use notify scripts (vrrpctl daemon) or \"vrrpctl monitor -j\""
#define WHY_FW "vrrp.ko drops traffic to the VIPs itself when accept = false: no firewall rules"
#define WHY_SNMP "vrrp has no SNMP or D-Bus interface: use its REST API and /metrics (vrrpctl daemon)"
#define WHY_SRC "vrrp sends adverts from the interface's primary address"
#define WHY_STATIC "vrrp adds addresses, routes and rules only with a virtual router: put static ones in the system's network configuration"
#define WHY_NO_STOP "vrrp runs notify_master, notify_backup, notify_fault and notify only, not a script when it stops or a VR is deleted"
#define WHY_EXCL "vrrp advertises every VIP of a VR, and VRRPv2 routers (vrrp.ko too) drop adverts whose address list differs from theirs: the addresses are left out; add them with a notify_master script, or as VIPs on every router"
#define WHY_GARP_PRIO "vrrp sends GARPs on takeover and when refreshing, not when a Master hears a lower priority"

static const struct ka_why top_why[] = {
	{ "vrrp_script", WHY_TRACK },
	{ "vrrp_track_process", WHY_TRACK },
	{ "track_file", WHY_TRACK },
	{ "vrrp_track_file", WHY_TRACK },
	{ "bfd_instance", "vrrp has no BFD" },
	{ "virtual_server", WHY_LVS },
	{ "virtual_server_group", WHY_LVS },
	{ "real_server", WHY_LVS },
	{ "static_ipaddress", WHY_STATIC },
	{ "static_routes", WHY_STATIC },
	{ "static_rules", WHY_STATIC },
	{ "static_track_group", "vrrp has no track groups; its VRs track interfaces themselves" },
	{ "linkbeat_interfaces", "vrrp follows the kernel's link state (carrier); there is no polling mode" },
	{ "garp_group", "vrrp spaces GARPs per VR (garp.delay_ms), not per interface or group of interfaces" },
	{ "net_namespace", "run vrrpctl in that namespace instead: vrrpctl -n NETNS import keepalived FILE --apply" },
	{ "net_namespace_ipvs", WHY_LVS },
	{ "namespace_with_ipsets", WHY_FW },
	{ "instance", WHY_PROC },
	{ "use_pid_dir", WHY_PROC },
	{ NULL, NULL }
};

static const struct ka_why global_why[] = {
	{ "notification_email", WHY_MAIL },
	{ "notification_email_from", WHY_MAIL },
	{ "smtp_*", WHY_MAIL },
	{ "email_faults", WHY_MAIL },
	{ "router_id", "vrrp has no router name (keepalived puts it in mails and SNMP)" },
	{ "lvs_*", WHY_LVS },
	{ "checker_*", WHY_LVS },
	{ "nftables_ipvs*", WHY_LVS },
	{ "vrrp_mcast_group4", "vrrp sends IPv4 adverts to 224.0.0.18, or to unicast peers" },
	{ "vrrp_mcast_group6", "vrrp sends IPv6 adverts to ff02::12, or to unicast peers" },
	{ "vrrp_iptables", WHY_FW },
	{ "vrrp_ipsets", WHY_FW },
	{ "nftables*", WHY_FW },
	{ "vrrp_nftables*", WHY_FW },
	{ "vrrp_garp_lower_prio_*", WHY_GARP_PRIO },
	{ "vrrp_garp_extra_if*", "vrrp sends GARPs on the VR's own device only" },
	{ "vrrp_higher_prio_send_advert", WHY_PRIO_ADV },
	{ "vrrp_skip_check_adv_addr", "vrrp.ko checks the address list of every advert" },
	{ "vrrp_notify_fifo*", WHY_FIFO },
	{ "notify_fifo*", WHY_FIFO },
	{ "vrrp_notify_priority_changes", WHY_FIFO },
	{ "enable_snmp*", WHY_SNMP },
	{ "snmp_socket", WHY_SNMP },
	{ "enable_traps", WHY_SNMP },
	{ "enable_dbus*", WHY_SNMP },
	{ "bfd_*", "vrrp has no BFD" },
	{ "vrrp_*", WHY_PROC },
	{ NULL, NULL }
};

static const struct ka_why inst_why[] = {
	{ "track_script", WHY_TRACK },
	{ "track_file", WHY_TRACK },
	{ "track_process", WHY_TRACK },
	{ "track_bfd", WHY_TRACK },
	{ "track_src_ip", WHY_SRC " and does not track it" },
	{ "virtual_ipaddress_excluded", WHY_EXCL },
	{ "virtual_rules", "vrrp installs no routing rules: add them with a notify_master script" },
	{ "unicast_src_ip", WHY_SRC },
	{ "mcast_src_ip", WHY_SRC },
	{ "mcast_dst_ip", "vrrp sends adverts to 224.0.0.18 or ff02::12, or to unicast peers" },
	{ "unicast_ttl", "vrrp sends adverts with TTL 255, as the RFC says" },
	{ "unicast_fault_no_peer", "a vrrp VR without peers sends multicast adverts" },
	{ "notify_stop", WHY_NO_STOP },
	{ "notify_deleted", WHY_NO_STOP },
	{ "notify_master_rx_lower_pri", "vrrp runs no script when a Master hears a lower priority" },
	{ "notify_priority_changes", WHY_FIFO },
	{ "smtp_alert", WHY_MAIL },
	{ "dont_track_primary", "a vrrp VR always follows its interface: it goes to Init while the interface is down" },
	{ "use_vmac_addr", "vrrp puts every VIP on the VR's own device" },
	{ "vmac_xmit_base", "in macvlan mode vrrp sends its adverts from the macvlan" },
	{ "use_ipvlan", "vrrp's VMAC modes are the interface itself, a macvlan (use_vmac) or none: no ipvlan" },
	{ "old_unicast_checksum", "vrrp's v3_checksum forms are the pseudo-header of the real destination (keepalived 1.3.6 and later) and RFC 9568's: none is older keepalived's unicast checksum" },
	{ "higher_prio_send_advert", WHY_PRIO_ADV },
	{ "skip_check_adv_addr", "vrrp.ko checks the address list of every advert" },
	{ "garp_lower_prio_delay", WHY_GARP_PRIO },
	{ "garp_lower_prio_repeat", WHY_GARP_PRIO },
	{ "garp_extra_if*", "vrrp sends GARPs on the VR's own device only" },
	{ "kernel_rx_buf_size", WHY_PROC },
	{ "linkbeat_use_polling", "vrrp follows the kernel's link state (carrier); there is no polling mode" },
	{ "debug", "vrrp has no per-VR debug level (see vrrpctl daemon -d)" },
	{ "promote_secondaries", "vrrp does not change it: set net.ipv4.conf.IF.promote_secondaries = 1 with sysctl" },
	{ "vrf", "vrrp takes the VRF of its interface: name an interface that is in the VRF" },
	{ "lvs_sync_daemon_interface", WHY_LVS },
	{ NULL, NULL }
};

static const struct ka_why group_why[] = {
	{ "track_script", WHY_TRACK },
	{ "track_file", WHY_TRACK },
	{ "track_process", WHY_TRACK },
	{ "track_bfd", WHY_TRACK },
	{ "notify_stop", WHY_NO_STOP },
	{ "notify_deleted", WHY_NO_STOP },
	{ "notify_priority_changes", WHY_FIFO },
	{ "smtp_alert", WHY_MAIL },
	{ NULL, NULL }
};

/* a keyword no table knows */
static void unknown_key(struct imp *m, const struct ka_node *n,
			const struct ka_why *t, const char *where)
{
	const char *why = why_of(t, ka_kw(n));

	if (why)
		unsup_node(m, n, why);
	else
		unsup_node(m, n, where);
}

/* ---- values ---- */

static const char *arg1(struct imp *m, const struct ka_node *n)
{
	if (n->argc > 1)
		return n->argv[1];
	ka_ignored(m, n, ka_kw(n), "needs a value");
	return NULL;
}

static bool dec_int(const char *s, long long *out)
{
	char *end;

	if (!s || !*s || isspace((unsigned char)*s))
		return false;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return !errno && !*end;
}

static bool get_int(struct imp *m, const struct ka_node *n, long long lo,
		    long long hi, long long *out)
{
	const char *v = arg1(m, n);

	if (!v)
		return false;
	if (!dec_int(v, out) || *out < lo || *out > hi) {
		ka_ignored(m, n, ka_kw(n), "invalid value \"%s\" (%lld-%lld)", v, lo, hi);
		return false;
	}
	return true;
}

/* seconds with an optional fraction ("2.71828") in microseconds */
static bool parse_timer(const char *s, long long *us)
{
	long long i = 0, f = 0, scale = KA_USEC / 10;
	const char *p = s;

	if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1])))
		return false;
	for (; isdigit((unsigned char)*p); p++) {
		i = i * 10 + (*p - '0');
		if (i > 1000000000LL)
			return false;
	}
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++, scale /= 10)
			f += (*p - '0') * scale;
	if (*p)
		return false;
	*us = i * KA_USEC + f;
	return true;
}

static bool get_timer(struct imp *m, const struct ka_node *n, long long max_us,
		      long long *us)
{
	const char *v = arg1(m, n);

	if (!v)
		return false;
	if (!parse_timer(v, us) || *us > max_us) {
		ka_ignored(m, n, ka_kw(n), "invalid value \"%s\" (seconds, 0-%lld)", v,
			   max_us / KA_USEC);
		return false;
	}
	return true;
}

/* KEY [<BOOL>]: no value is true */
static bool get_bool(struct imp *m, const struct ka_node *n, bool *out)
{
	static const char * const yes[] = { "on", "true", "yes", NULL };
	static const char * const no[] = { "off", "false", "no", NULL };

	*out = true;
	if (n->argc < 2 || ka_one_of(n->argv[1], yes))
		return true;
	if (ka_one_of(n->argv[1], no)) {
		*out = false;
		return true;
	}
	ka_ignored(m, n, ka_kw(n), "invalid value \"%s\" (on|off|true|false|yes|no)",
		   n->argv[1]);
	return false;
}

static bool ifname_ok(const char *s)
{
	return *s && strlen(s) < IFNAMSIZ && !strchr(s, '/') &&
	       !strpbrk(s, " \t\n");
}

/* ---- scripts ---- */

#define SH_SAFE "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@%+=:,./-"

static void sh_quote(struct sbuf *b, const char *w)
{
	if (*w && strspn(w, SH_SAFE) == strlen(w)) {
		ka_sb_add(b, w);
		return;
	}
	ka_sb_addc(b, '\'');
	for (; *w; w++) {
		if (*w == '\'')
			ka_sb_add(b, "'\\''");
		else
			ka_sb_addc(b, *w);
	}
	ka_sb_addc(b, '\'');
}

/*
 * keepalived runs a script as its words (blanks separate them, quotes
 * group them), without a shell; vrrp runs "sh -c LINE": quote each word.
 */
static char *script_line(const char *s)
{
	struct sbuf b = { 0 }, w = { 0 };
	const char *p = s;
	char q;

	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		for (q = 0; *p && (q || !isspace((unsigned char)*p)); p++) {
			if (q && *p == q)
				q = 0;
			else if (!q && (*p == '\'' || *p == '"'))
				q = *p;
			else if (!q && *p == '\\' && p[1])
				ka_sb_addc(&w, *++p);
			else
				ka_sb_addc(&w, *p);
		}
		if (b.len)
			ka_sb_addc(&b, ' ');
		w.s = ka_sb_take(&w);
		sh_quote(&b, w.s);
		free(w.s);
		memset(&w, 0, sizeof(w));
	}
	return ka_sb_take(&b);
}

/* notify_* SCRIPT [USER [GROUP]] */
static void get_notify(struct imp *m, const struct ka_node *n,
		       const struct ka_node **slot_n, char **slot)
{
	char buf[256];

	if (!arg1(m, n))
		return;
	if (n->argc > 2)
		ka_unsup(m, n, ka_kw(n),
			 "user %s: vrrp runs scripts as the daemon's user (top-level user = \"...\" in vrrp.conf); the script is kept",
			 words(n, 2, buf, sizeof(buf)));
	free(*slot);
	*slot = script_line(n->argv[1]);
	*slot_n = n;
}

/* ---------------------------------------------------------------- */
/* global_defs                                                      */

static bool garp_key(struct imp *m, struct ka_garp *g, const struct ka_node *n,
		     const char *key)
{
	long long v;
	bool b;
	int i;

	for (i = 0; i < KG_N; i++)
		if (!strcmp(key, garp_keys[i].key))
			break;
	if (i == KG_N)
		return false;
	if (i == KG_MIN) {
		if (!get_bool(m, n, &b))
			return true;
		v = b;
	} else if (garp_keys[i].timer ? !get_timer(m, n, garp_keys[i].max, &v) :
		   !get_int(m, n, 0, garp_keys[i].max, &v)) {
		return true;
	}
	g->v[i] = v;
	g->n[i] = n;
	return true;
}

static void global_key(struct imp *m, const struct ka_node *n)
{
	static const char * const same[] = {
		/* what vrrp does anyway */
		"enable_script_security", "vrrp_check_unicast_src",
		"dynamic_interfaces", NULL
	};
	const char *k = ka_kw(n);
	long long v;
	bool b;

	if (!strcmp(k, "vrrp_version")) {
		if (get_int(m, n, 2, 3, &v))
			m->version = (unsigned int)v;
	} else if (!strcmp(k, "vrrp_strict")) {
		if (get_bool(m, n, &b))
			m->strict = b;
	} else if (!strncmp(k, "vrrp_", 5) && garp_key(m, &m->garp, n, k + 5)) {
		return;
	} else if (!strcmp(k, "script_user")) {
		if (arg1(m, n) && strcmp(n->argv[1], "root"))
			ka_unsup(m, n, k,
				 "vrrp runs notify scripts as the daemon's user: set user = \"%s\" at the top of vrrp.conf to run the daemon (and its scripts) as %s",
				 n->argv[1], n->argv[1]);
	} else if (!strcmp(k, "vrrp_lower_prio_no_advert")) {
		if (get_bool(m, n, &b)) {
			m->lpna = b;
			m->lpna_n = n;
		}
	} else if (!strcmp(k, "vrrp_down_timer_adverts")) {
		if (get_int(m, n, 1, 100, &v) && v != 3)
			ka_unsup(m, n, k, "vrrp's Master_Down_Interval is 3 advert intervals and the skew time, as the RFC says");
	} else if (!ka_one_of(k, same)) {
		unknown_key(m, n, global_why, "keepalived setting with no vrrp equivalent");
	}
}

/* ---------------------------------------------------------------- */
/* vrrp_instance                                                    */

typedef void (*inst_fn)(struct imp *m, struct ka_inst *in,
			const struct ka_node *n);

static void k_state(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	const char *v = arg1(m, n);

	if (!v)
		return;
	if (!strcmp(v, "MASTER"))
		in->state = KS_MASTER;
	else if (!strcmp(v, "BACKUP"))
		in->state = KS_BACKUP;
	else
		ka_ignored(m, n, ka_kw(n), "invalid value \"%s\" (MASTER|BACKUP)", v);
	in->state_n = n;
}

static void k_interface(struct imp *m, struct ka_inst *in,
			const struct ka_node *n)
{
	const char *v = arg1(m, n);

	if (!v)
		return;
	if (!ifname_ok(v)) {
		ka_ignored(m, n, ka_kw(n), "invalid interface name \"%s\"", v);
		return;
	}
	snprintf(in->ifname, sizeof(in->ifname), "%s", v);
}

static void k_vrid(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	long long v;

	if (get_int(m, n, 1, 255, &v))
		in->vrid = (unsigned int)v;
}

static void k_priority(struct imp *m, struct ka_inst *in,
		       const struct ka_node *n)
{
	long long v;

	if (get_int(m, n, 1, 255, &v))
		in->prio = (unsigned int)v;
}

static void k_version(struct imp *m, struct ka_inst *in,
		      const struct ka_node *n)
{
	long long v;

	if (get_int(m, n, 2, 3, &v)) {
		in->version = (unsigned int)v;
		in->version_n = n;
	}
}

static void k_advert(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	long long us;

	if (get_timer(m, n, 255 * KA_USEC, &us)) {
		in->advert_us = us;
		in->advert_n = n;
	}
}

static void k_preempt(struct imp *m, struct ka_inst *in,
		      const struct ka_node *n)
{
	(void)m;
	in->preempt = strcmp(ka_kw(n), "preempt") == 0;
	in->nopreempt_n = in->preempt ? NULL : n;
}

static void k_preempt_delay(struct imp *m, struct ka_inst *in,
			    const struct ka_node *n)
{
	long long us;

	if (get_timer(m, n, 1000 * KA_USEC, &us)) {
		in->pdelay_us = us;
		in->pdelay_n = n;
	}
}

static void k_accept(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	(void)m;
	in->accept = !strcmp(ka_kw(n), "accept");
}

static void k_strict(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	bool b;

	if (get_bool(m, n, &b))
		in->strict = b;
}

static void k_nothing(struct imp *m, struct ka_inst *in,
		      const struct ka_node *n)
{
	(void)m, (void)in, (void)n;
}

static void k_down_timer(struct imp *m, struct ka_inst *in,
			 const struct ka_node *n)
{
	long long v;

	(void)in;
	if (get_int(m, n, 1, 100, &v) && v != 3)
		ka_unsup(m, n, ka_kw(n), "vrrp's Master_Down_Interval is 3 advert intervals and the skew time, as the RFC says");
}

/* ---- virtual_ipaddress ---- */

static const char *vip_option_why(const char *o)
{
	static const struct ka_why t[] = {
		{ "brd", "vrrp sets no broadcast address on a VIP" },
		{ "broadcast", "vrrp sets no broadcast address on a VIP" },
		{ "scope", "vrrp adds VIPs with global scope (link scope for IPv6 link-local)" },
		{ "label", "vrrp adds VIPs without a label" },
		{ "peer", "vrrp adds no point-to-point VIP" },
		{ "preferred_lft", "vrrp adds VIPs with an unlimited lifetime" },
		{ "home", "vrrp sets no address flags" },
		{ "-nodad", "vrrp sets no address flags" },
		{ "nodad", "vrrp sets no address flags" },
		{ "mngtmpaddr", "vrrp sets no address flags" },
		{ "noprefixroute", "vrrp sets no address flags" },
		{ "autojoin", "vrrp sets no address flags" },
		{ "use_vmac",
		  "vrrp puts every VIP on the VR's device (one macvlan per VR: use_vmac in the instance)" },
		{ NULL, NULL }
	};

	return why_of(t, o);
}

static void vip_entry(struct imp *m, struct ka_inst *in, const struct ka_node *e)
{
	static const char * const with_value[] = {
		"brd", "broadcast", "dev", "scope", "label", "peer",
		"preferred_lft", NULL
	};
	static const char * const silent[] = { "no_track", "track", NULL };
	struct ka_vip v = { .n = e };
	const char *o, *why;
	int i;

	if (e->block) {
		unsup_node(m, e, "an address takes no block");
		return;
	}
	if (parse_addr(e->argv[0], &v.a, true)) {
		ka_ignored(m, e, "virtual_ipaddress", "invalid address \"%s\"",
			   e->argv[0]);
		return;
	}
	v.plen = strchr(e->argv[0], '/') != NULL;
	for (i = 1; i < e->argc; i++) {
		o = e->argv[i];
		if (ka_one_of(o, silent))
			continue;
		if (ka_one_of(o, with_value)) {
			if (++i >= e->argc) {
				ka_ignored(m, e, o, "needs a value");
				break;
			}
			if (!strcmp(o, "dev")) {
				v.dev = e->argv[i];
				continue;
			}
			if (!strcmp(o, "scope") && !strcmp(e->argv[i], "global"))
				continue;
			ka_unsup(m, e, o, "%s %s %s: %s; the VIP is added without it",
				 e->argv[0], o, e->argv[i], vip_option_why(o));
			continue;
		}
		why = vip_option_why(o);
		if (why)
			ka_unsup(m, e, o, "%s %s: %s; the VIP is added without it",
				 e->argv[0], o, why);
		else
			ka_ignored(m, e, o, "%s: unknown address option", e->argv[0]);
	}
	in->vips = ka_grow(in->vips, &in->nvips, sizeof(v));
	in->vips[in->nvips - 1] = v;
}

static void k_vips(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	const struct ka_node *e;

	for (e = n->child; e; e = e->next)
		if (e->argc)
			vip_entry(m, in, e);
}

/* ---- virtual_routes ---- */

/* "table main", "scope global": what vrrp does anyway */
static bool route_default(const char *o, const char *v)
{
	static const char * const tables[] = { "main", "254", NULL };
	static const char * const scopes[] = {
		"global", "universe", "link", NULL
	};

	return (!strcmp(o, "table") && ka_one_of(v, tables)) ||
	       (!strcmp(o, "scope") && ka_one_of(v, scopes));
}

#define ROUTE_OUT "the route is left out"

/* a number option of a route */
static bool route_num(struct imp *m, const struct ka_node *e, const char *o,
		      const char *v, long long lo, long long hi, uint32_t *out)
{
	long long n;

	if (!dec_int(v, &n) || n < lo || n > hi) {
		ka_unsup(m, e, o, "%s %s: vrrp takes %lld-%lld: " ROUTE_OUT, o, v,
			 lo, hi);
		return false;
	}
	*out = (uint32_t)n;
	return true;
}

/* one option of a route, with its value (*i moves past it); false: left out */
static bool route_opt(struct imp *m, struct ka_route *r, const struct ka_node *e,
		      int *i)
{
	const char *o = e->argv[*i], *v;

	if (!strcmp(o, "no_track") || !strcmp(o, "onlink"))
		return true;
	if (*i + 1 >= e->argc) {
		ka_unsup(m, e, o, "unknown route option: " ROUTE_OUT);
		return false;
	}
	v = e->argv[++*i];
	if (!strcmp(o, "via") || !strcmp(o, "gw")) {
		r->r.has_gw = !parse_addr(v, &r->r.gw, false);
		if (!r->r.has_gw)
			ka_ignored(m, e, o, "invalid next hop \"%s\": " ROUTE_OUT, v);
		return r->r.has_gw;
	}
	if (!strcmp(o, "dev")) {
		r->dev = v;
		return true;
	}
	if (!strcmp(o, "metric") || !strcmp(o, "preference") ||
	    !strcmp(o, "priority")) {
		r->r.has_metric = route_num(m, e, o, v, 0, 0xffffffffLL,
					    &r->r.metric);
		return r->r.has_metric;
	}
	if (!strcmp(o, "mtu")) {
		r->r.has_mtu = route_num(m, e, o, v, 68, 65535, &r->r.mtu);
		return r->r.has_mtu;
	}
	if (route_default(o, v))
		return true;
	if (!strcmp(o, "table"))
		ka_unsup(m, e, o, "table %s: vrrp installs routes in the main table: " ROUTE_OUT,
			 v);
	else
		ka_unsup(m, e, o, "%s %s: vrrp's routes have a destination, a next hop, a metric and an MTU only: "
			 ROUTE_OUT, o, v);
	return false;
}

static void route_entry(struct imp *m, struct ka_inst *in, size_t idx,
			const struct ka_node *e)
{
	static const char * const types[] = {
		"blackhole", "unreachable", "prohibit", "throw", "local",
		"broadcast", "multicast", "nat", "anycast", NULL
	};
	struct ka_route r = { .n = e, .inst = idx };
	int i = 0;

	(void)in;
	if (!strcmp(e->argv[0], "unicast"))
		i++;
	if (i < e->argc && ka_one_of(e->argv[i], types)) {
		ka_unsup(m, e, e->argv[i], "vrrp installs unicast routes only: the route is left out");
		return;
	}
	if (i < e->argc && !strcmp(e->argv[i], "src")) {
		ka_unsup(m, e, "src", "vrrp sets no preferred source address on a route: the route is left out");
		return;
	}
	if (i < e->argc && !strcmp(e->argv[i], "to"))
		i++;
	if (i >= e->argc) {
		ka_ignored(m, e, "virtual_routes", "no destination");
		return;
	}
	if (!strcmp(e->argv[i], "default")) {
		r.dflt = true;
	} else if (parse_addr(e->argv[i], &r.r.dst, true)) {
		ka_ignored(m, e, "virtual_routes", "invalid destination \"%s\"",
			   e->argv[i]);
		return;
	}
	for (i++; i < e->argc; i++) {
		if (!strcmp(e->argv[i], "or")) {
			ka_unsup(m, e, "or", "vrrp installs single-path routes: the route is left out");
			return;
		}
		if (!route_opt(m, &r, e, &i))
			return;
	}
	m->rt = ka_grow(m->rt, &m->nrt, sizeof(r));
	m->rt[m->nrt - 1] = r;
}

static void k_routes(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	const struct ka_node *e;

	for (e = n->child; e; e = e->next)
		if (e->argc)
			route_entry(m, in, (size_t)(in - m->inst), e);
}

/* ---- track_interface (instances and sync groups) ---- */

static void track_entry(struct imp *m, struct ka_track **v, size_t *nv,
			const struct ka_node *e)
{
	struct ka_track t = { .n = e };
	long long w;
	int i;

	if (!ifname_ok(e->argv[0])) {
		ka_ignored(m, e, "track_interface", "invalid interface name \"%s\"",
			   e->argv[0]);
		return;
	}
	snprintf(t.name, sizeof(t.name), "%s", e->argv[0]);
	for (i = 1; i < e->argc; i++) {
		if (!strcmp(e->argv[i], "weight") && i + 1 < e->argc) {
			if (!dec_int(e->argv[++i], &w) || w < -253 || w > 253) {
				ka_ignored(m, e, "weight", "%s weight %s: not in -253..253, the track is left out (as keepalived does)",
					   t.name, e->argv[i]);
				return;
			}
			t.weight = (int)w;
		} else if (!strcmp(e->argv[i], "reverse")) {
			ka_unsup(m, e, "reverse", "%s: vrrp only lowers the priority while a tracked interface is down: the track is left out",
				 t.name);
			return;
		} else if (strcmp(e->argv[i], "noreverse") &&
			   strcmp(e->argv[i], "no_reverse")) {
			ka_ignored(m, e, e->argv[i], "%s: unknown track option", t.name);
		}
	}
	*v = ka_grow(*v, nv, sizeof(t));
	(*v)[*nv - 1] = t;
}

static void k_tracks(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	const struct ka_node *e;

	for (e = n->child; e; e = e->next)
		if (e->argc)
			track_entry(m, &in->tracks, &in->ntracks, e);
}

/* ---- authentication, unicast_peer, use_vmac ---- */

static void k_auth(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	const struct ka_node *c;
	const char *v;

	in->auth_n = n;
	for (c = n->child; c; c = c->next) {
		if (!c->argc)
			continue;
		v = arg1(m, c);
		if (!v)
			continue;
		if (!strcmp(ka_kw(c), "auth_type")) {
			if (!strcmp(v, "PASS")) {
				in->auth = 1;
			} else if (!strcmp(v, "AH")) {
				in->auth = -1;
				ka_unsup(m, c, "auth_type", "AH (IPsec): vrrp has simple password authentication (PASS) and rVRRPd's P0/P1, not AH: no authentication is written, so this VR cannot talk to a keepalived using AH");
			} else {
				ka_ignored(m, c, "auth_type", "invalid value \"%s\" (PASS|AH)", v);
			}
		} else if (!strcmp(ka_kw(c), "auth_pass")) {
			free(in->pass);
			/* keepalived uses the first 8 characters, as vrrp */
			in->pass = ka_xstrndup(v, strnlen(v, 8));
		} else {
			ka_ignored(m, c, ka_kw(c), "unknown keyword in authentication");
		}
	}
}

static void k_peers(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	const struct ka_node *e;
	struct ka_vip a = { 0 };
	char buf[128];

	for (e = n->child; e; e = e->next) {
		if (!e->argc)
			continue;
		a.n = e;
		if (parse_addr(e->argv[0], &a.a, false)) {
			ka_ignored(m, e, "unicast_peer", "invalid address \"%s\"",
				   e->argv[0]);
			continue;
		}
		if (e->argc > 1)
			ka_unsup(m, e, e->argv[1], "%s %s: vrrp checks no TTL range of its peers; the peer is kept",
				 e->argv[0], words(e, 1, buf, sizeof(buf)));
		in->peers = ka_grow(in->peers, &in->npeers, sizeof(a));
		in->peers[in->npeers - 1] = a;
	}
}

static bool is_mac(const char *s)
{
	unsigned int b[6];
	int n = 0;

	return (sscanf(s, "%x:%x:%x:%x:%x:%x%n", &b[0], &b[1], &b[2], &b[3],
		       &b[4], &b[5], &n) == 6 && !s[n]) ||
	       (sscanf(s, "%x:%x:%x:%x:%x%n", &b[0], &b[1], &b[2], &b[3],
		       &b[4], &n) == 5 && !s[n]);
}

/* use_vmac [NAME] [MAC] */
static void k_vmac(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	int i;

	in->vmac = true;
	in->vmac_n = n;
	for (i = 1; i < n->argc; i++) {
		if (is_mac(n->argv[i]))
			in->vmac_mac = n->argv[i];
		else if (ifname_ok(n->argv[i]))
			snprintf(in->vifname, sizeof(in->vifname), "%s", n->argv[i]);
		else
			ka_ignored(m, n, ka_kw(n), "invalid interface name \"%s\"",
				   n->argv[i]);
	}
}

static void k_lpna(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	bool b;

	if (get_bool(m, n, &b)) {
		in->lpna = b;
		in->lpna_n = n;
	}
}

static void k_garp(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	garp_key(m, &in->garp, n, ka_kw(n));
}

static void k_notify(struct imp *m, struct ka_inst *in, const struct ka_node *n)
{
	int i;

	for (i = 0; i < KN_N; i++)
		if (!strcmp(ka_kw(n), ka_notify_keys[i]))
			get_notify(m, n, &in->notify_n[i], &in->notify[i]);
}

static const struct {
	const char *key;
	inst_fn fn;
} inst_keys[] = {
	{ "state", k_state },
	{ "interface", k_interface },
	{ "virtual_router_id", k_vrid },
	{ "priority", k_priority },
	{ "advert_int", k_advert },
	{ "version", k_version },
	{ "nopreempt", k_preempt },
	{ "no_preempt", k_preempt },
	{ "preempt", k_preempt },
	{ "preempt_delay", k_preempt_delay },
	{ "accept", k_accept },
	{ "no_accept", k_accept },
	{ "strict_mode", k_strict },
	{ "virtual_ipaddress", k_vips },
	{ "virtual_routes", k_routes },
	{ "track_interface", k_tracks },
	{ "authentication", k_auth },
	{ "unicast_peer", k_peers },
	{ "use_vmac", k_vmac },
	{ "garp_master_delay", k_garp },
	{ "garp_master_repeat", k_garp },
	{ "garp_master_refresh", k_garp },
	{ "garp_master_refresh_repeat", k_garp },
	{ "garp_interval", k_garp },
	{ "gna_interval", k_garp },
	{ "notify_master", k_notify },
	{ "notify_backup", k_notify },
	{ "notify_fault", k_notify },
	{ "notify", k_notify },
	{ "down_timer_adverts", k_down_timer },
	{ "lower_prio_no_advert", k_lpna },
	/* what vrrp does anyway */
	{ "native_ipv6", k_nothing },		/* the VIPs give the family */
	{ "check_unicast_src", k_nothing },	/* vrrp checks its peers */
};

#define N_INST_KEYS (sizeof(inst_keys) / sizeof(inst_keys[0]))

static void parse_instance(struct imp *m, const struct ka_node *n)
{
	const struct ka_node *c;
	struct ka_inst *in;
	size_t i;

	m->inst = ka_grow(m->inst, &m->ninst, sizeof(*in));
	in = &m->inst[m->ninst - 1];
	in->n = n;
	in->name = n->argc > 1 ? n->argv[1] : "(unnamed)";
	in->prio = 100;
	in->preempt = true;
	in->advert_us = KA_USEC;
	in->accept = -1;
	in->strict = -1;
	in->group = -1;
	for (i = 0; i < KG_N; i++)
		in->garp.v[i] = -1;
	for (c = n->child; c; c = c->next) {
		if (!c->argc)
			continue;
		for (i = 0; i < N_INST_KEYS; i++)
			if (!strcmp(ka_kw(c), inst_keys[i].key))
				break;
		if (i < N_INST_KEYS)
			inst_keys[i].fn(m, in, c);
		else
			unknown_key(m, c, inst_why, "unknown keepalived keyword in vrrp_instance");
	}
}

/* ---------------------------------------------------------------- */
/* vrrp_sync_group                                                  */

static struct ka_inst *inst_by_name(struct imp *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->ninst; i++)
		if (!strcmp(m->inst[i].name, name))
			return &m->inst[i];
	return NULL;
}

static void group_members(struct imp *m, size_t gi, const struct ka_node *n)
{
	const struct ka_node *e;
	struct ka_inst *in;

	for (e = n->child; e; e = e->next) {
		if (!e->argc)
			continue;
		in = inst_by_name(m, e->argv[0]);
		if (!in) {
			ka_ignored(m, e, "group", "%s: no vrrp_instance of that name",
				   e->argv[0]);
		} else if (in->group >= 0) {
			ka_ignored(m, e, "group", "%s is already in vrrp_sync_group %s (line %d)",
				   e->argv[0], m->grp[in->group].name,
				   m->grp[in->group].n->line);
		} else {
			in->group = (int)gi;
		}
	}
}

static void parse_group(struct imp *m, const struct ka_node *n)
{
	const struct ka_node *c;
	struct ka_group *g;
	size_t gi;
	int i;

	m->grp = ka_grow(m->grp, &m->ngrp, sizeof(*g));
	gi = m->ngrp - 1;
	g = &m->grp[gi];
	g->n = n;
	g->name = n->argc > 1 ? n->argv[1] : "(unnamed)";
	for (c = n->child; c; c = c->next) {
		if (!c->argc)
			continue;
		for (i = 0; i < KN_N; i++)
			if (!strcmp(ka_kw(c), ka_notify_keys[i]))
				break;
		g = &m->grp[gi];
		if (i < KN_N) {
			get_notify(m, c, &g->notify_n[i], &g->notify[i]);
		} else if (!strcmp(ka_kw(c), "group")) {
			group_members(m, gi, c);
		} else if (!strcmp(ka_kw(c), "track_interface")) {
			const struct ka_node *e;

			for (e = c->child; e; e = e->next)
				if (e->argc)
					track_entry(m, &g->tracks, &g->ntracks, e);
		} else if (!strcmp(ka_kw(c), "sync_group_tracking_weight") ||
			   !strcmp(ka_kw(c), "global_tracking")) {
			g->keep_weights = true;
		} else if (!c->block && c->argc == 1 && inst_by_name(m, ka_kw(c))) {
			ka_ignored(m, c, ka_kw(c), "members of a sync group go in its group { } block (keepalived ignores this line too)");
		} else {
			unknown_key(m, c, group_why, "unknown keepalived keyword in vrrp_sync_group");
		}
	}
}

/* ---------------------------------------------------------------- */
/* the top level                                                    */

void ka_map_top(struct imp *m, const struct ka_node *root)
{
	const struct ka_node *n, *c;

	for (n = root->child; n; n = n->next)
		if (n->argc && !strcmp(ka_kw(n), "global_defs"))
			for (c = n->child; c; c = c->next)
				if (c->argc)
					global_key(m, c);
	for (n = root->child; n; n = n->next) {
		if (!n->argc || !strcmp(ka_kw(n), "global_defs"))
			continue;
		if (!strcmp(ka_kw(n), "vrrp_instance"))
			parse_instance(m, n);
		else if (strcmp(ka_kw(n), "vrrp_sync_group"))
			unknown_key(m, n, top_why, "unknown keepalived keyword");
	}
	/* after every instance, so that members may come later */
	for (n = root->child; n; n = n->next)
		if (n->argc && !strcmp(ka_kw(n), "vrrp_sync_group"))
			parse_group(m, n);
}
