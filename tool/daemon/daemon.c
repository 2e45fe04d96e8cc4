// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpctl daemon (rVRRPd -m1 / -m2): applies the config, logs every
 * transition from the kernel's event stream, runs notify scripts, serves
 * the REST API, reloads on SIGHUP and exits on SIGTERM leaving the
 * kernel's VRs running. The kernel runs the protocol: this process is
 * optional.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <event2/event.h>

#include "api.h"
#include "api_nl.h"
#include "batch.h"
#include "cfg.h"
#include "daemon.h"
#include "main.h"
#include "privsep.h"
#include "schema.h"
#include "snmp.h"
#include "vr_json.h"

#define DEFAULT_CONF	"/etc/rvrrpd/rvrrpd.conf"
#define DEFAULT_PID	"/run/vrrpctl.pid"
#define SCRIPT_TIMEOUT	60	/* seconds before a notify script is killed */
#define MAX_CHILDREN	64
#define MAX_GROUPS	64	/* sync groups with scripts */
#define ENV_LEN		320	/* one of a script's own variables: HOME=... */

struct child {
	pid_t pid;
	time_t started;
	char what[96];
};

struct daemon {
	const char *conf, *format;
	bool foreground, flush_on_exit, no_load;
	bool snmp;		/* --snmp: the VRRPV3-MIB over AgentX */
	const char *snmp_socket;	/* NULL: net-snmp's default */
	int debug_override;		/* -d, or -1 */
	struct schema_global g;
	struct cfg_val *root;		/* the loaded config */
	struct event_base *base;
	struct event *ev_nl, *ev_term, *ev_int, *ev_hup, *ev_chld, *ev_tick;
	struct nlc events;
	bool events_ok;
	struct api_backend be;
	struct api_server *api;
	struct api_auth *auth;
	char api_host[128];
	int pid_fd;
	char pid_path[256];
	struct run_as ra;		/* who runs (after the drop) */
	struct child children[MAX_CHILDREN];
	struct {
		long long id;
		const char *state;	/* last one notified, or NULL */
	} groups[MAX_GROUPS];
};

static struct daemon D = { .pid_fd = -1, .debug_override = -1 };

/* ---------------- logging ---------------- */

static int log_level(void)
{
	return D.debug_override >= 0 ? D.debug_override : D.g.debug;
}

static void stamp(char *buf, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;
	bool utc = !strcmp(D.g.time_zone, "utc");

	buf[0] = '\0';
	if (!strcmp(D.g.time_format, "disabled"))
		return;
	if (utc)
		gmtime_r(&now, &tm);
	else
		localtime_r(&now, &tm);
	if (!strcmp(D.g.time_format, "rfc2822"))
		strftime(buf, len, "%a, %d %b %Y %H:%M:%S %z ", &tm);
	else
		strftime(buf, len, "%Y-%m-%d %H:%M:%S ", &tm);
}

static void vlogf(FILE *f, const char *fmt, va_list ap)
{
	char ts[64];

	stamp(ts, sizeof(ts));
	fputs(ts, f);
	vfprintf(f, fmt, ap);
	fputc('\n', f);
	fflush(f);
}

void dlog(int level, const char *fmt, ...)
{
	va_list ap;

	if (level > log_level())
		return;
	va_start(ap, fmt);
	vlogf(stdout, fmt, ap);
	va_end(ap);
}

void derr(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlogf(stderr, fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	vsyslog(LOG_ERR, fmt, ap);
	va_end(ap);
}

/* ---------------- config ---------------- */


/* Parse and check; prints errors; returns the tree and fills *g */
static struct cfg_val *config_read(const char *file, const char *format,
				   struct schema_global *g)
{
	struct schema_opts o = { .file = file, .err = stderr };
	struct vr_specs specs = { 0 };
	struct cfg_err err = { 0 };
	struct cfg_val *root;
	size_t len = 0;
	char *text = cfg_read_file(file, &len);

	if (!text) {
		derr("%s: %s", file, strerror(errno ? errno : EIO));
		return NULL;
	}
	root = cfg_parse(file, format, text, len, &err);
	free(text);
	if (!root) {
		derr("%s:%d:%d: syntax error: %s", file, err.line, err.col,
		     err.msg);
		return NULL;
	}
	memset(g, 0, sizeof(*g));
	snprintf(g->time_zone, sizeof(g->time_zone), "local");
	snprintf(g->time_format, sizeof(g->time_format), "short");
	if (schema_map(root, &o, &specs, g)) {
		cfg_free(root);
		return NULL;
	}
	specs_free(&specs);
	return root;
}

static const char *cfg_str(const struct cfg_val *t, const char *k,
			   const char *def)
{
	const struct cfg_val *v = cfg_get(t, k);

	return v && v->type == CFG_STRING ? v->u.s : def;
}

static bool cfg_bool(const struct cfg_val *t, const char *k, bool def)
{
	const struct cfg_val *v = cfg_get(t, k);

	return v && v->type == CFG_BOOL ? v->u.b : def;
}

static long long cfg_int(const struct cfg_val *t, const char *k, long long def)
{
	const struct cfg_val *v = cfg_get(t, k);

	return v && v->type == CFG_INT ? v->u.i : def;
}

static int line_of(const struct cfg_val *t, const char *k)
{
	const struct cfg_val *v = cfg_get(t, k);

	return v ? v->line : t ? t->line : 0;
}

int daemon_check_api(const struct cfg_val *root, const char *file)
{
	const struct cfg_val *api = cfg_get(root, "api"), *users, *u;
	const char *host = cfg_str(api, "host", "0.0.0.0:7080");
	const char *secret = cfg_str(api, "secret", NULL);
	struct api_auth *a;
	char h[128], err[256];
	unsigned short port;
	int bad = 0;

	if (strcmp(cfg_str(root, "client_api", ""), "http"))
		return 0;
	if (api_split_host(host, h, sizeof(h), &port)) {
		fprintf(stderr, "%s:%d: host: '%s': expected ADDR:PORT or [ADDR6]:PORT\n",
			file, line_of(api, "host"), host);
		bad++;
	}
	if (cfg_bool(api, "tls", false) &&
	    (!cfg_str(api, "tls_key", NULL) || !cfg_str(api, "tls_cert", NULL))) {
		fprintf(stderr, "%s:%d: tls: true needs tls_key and tls_cert\n",
			file, line_of(api, "tls"));
		bad++;
	}
	if (secret && strlen(secret) > API_SECRET_MAX) {
		fprintf(stderr, "%s:%d: secret: %zu bytes, at most %d\n", file,
			line_of(api, "secret"), strlen(secret), API_SECRET_MAX);
		bad++;
	} else if (secret && strlen(secret) < 16) {
		/* review L5: one captured cookie set lets a short key be guessed */
		fprintf(stderr, "%s:%d: warning: secret: %zu bytes is weak: use 16 or more, or none (a random one)%s\n",
			file, line_of(api, "secret"), strlen(secret),
			*secret ? "" : "; empty is none");
	}
	a = calloc(1, sizeof(*a));
	if (!a || api_auth_init(a, NULL, 0)) {
		fprintf(stderr, "%s: out of memory\n", file);
		free(a);
		return bad + 1;
	}
	users = cfg_get(api, "users");
	for (u = users ? users->child : NULL; u; u = u->next) {
		if (u->type != CFG_STRING)
			continue;
		if (api_auth_add_user(a, u->u.s, err, sizeof(err))) {
			fprintf(stderr, "%s:%d: users: %s\n", file, u->line, err);
			bad++;
		}
	}
	api_auth_free(a);
	free(a);
	return bad;
}

/* What only the daemon side checks, for the daemon's start and reload */
static int check_privsep(const struct cfg_val *root, const char *file,
			 struct run_as *ra, uid_t running)
{
	int bad = privsep_lookup(root, file, ra);

	return bad + privsep_check_scripts(root, file, ra->set ? ra->uid :
					   running);
}

int daemon_check(const struct cfg_val *root, const char *file)
{
	struct run_as ra;

	return daemon_check_api(root, file) +
	       check_privsep(root, file, &ra, geteuid());
}

static size_t auth_admins(const struct api_auth *a)
{
	size_t i, n = 0;

	for (i = 0; i < a->nusers; i++)
		n += a->users[i].level == API_LEVEL_ADMIN;
	return n;
}

/* A new auth context from [api]; NULL on a bad user line */
static struct api_auth *auth_from(const struct cfg_val *root)
{
	const struct cfg_val *api = cfg_get(root, "api");
	const struct cfg_val *users = cfg_get(api, "users"), *u;
	struct api_auth *a = calloc(1, sizeof(*a));
	long long ttl = cfg_int(api, "token_ttl", API_TTL_DEFAULT);
	char err[256];

	if (!a)
		return NULL;
	if (ttl < 1 || ttl > 31 * 86400)
		ttl = API_TTL_DEFAULT;
	if (api_auth_init(a, cfg_str(api, "secret", NULL), (unsigned int)ttl)) {
		derr("api: cannot initialise the token secret");
		free(a);
		return NULL;
	}
	for (u = users ? users->child : NULL; u; u = u->next) {
		if (u->type != CFG_STRING)
			continue;
		if (api_auth_add_user(a, u->u.s, err, sizeof(err))) {
			derr("%s:%d: users: %s", D.conf, u->line, err);
			api_auth_free(a);
			free(a);
			return NULL;
		}
	}
	if (!a->nusers)
		dlog(0, "api: no users configured: every protected route answers 401");
	else if (!auth_admins(a))
		dlog(0, "api: no user has level %d (vrrpctl pw --admin): the write routes answer 403",
		     API_LEVEL_ADMIN);
	return a;
}

static int apply(void)
{
	if (D.no_load)
		return 0;
	/* the same path as `vrrpctl load --replace FILE` */
	return load_file(D.conf, D.format, false, true);
}

/* ---------------- API backend: config and settings ---------------- */

static cJSON *be_config(void *ctx)
{
	(void)ctx;
	return D.root ? cfg_to_cjson(D.root) : cJSON_CreateObject();
}

static cJSON *be_settings(void *ctx)
{
	cJSON *o = cJSON_CreateObject();

	(void)ctx;
	cJSON_AddNumberToObject(o, "debug", log_level());
	cJSON_AddStringToObject(o, "time_zone", D.g.time_zone);
	cJSON_AddStringToObject(o, "time_format", D.g.time_format);
	cJSON_AddStringToObject(o, "pid", D.pid_path);
	cJSON_AddStringToObject(o, "working_dir", D.g.working_dir);
	cJSON_AddStringToObject(o, "main_log", D.g.main_log);
	cJSON_AddStringToObject(o, "error_log", D.g.error_log);
	cJSON_AddStringToObject(o, "client_api",
				cfg_str(D.root, "client_api", ""));
	cJSON_AddStringToObject(o, "mode", D.foreground ? "foreground" : "daemon");
	cJSON_AddNumberToObject(o, "daemon_pid", getpid());
	return o;
}

/* ---------------- notify scripts ---------------- */

static void reap(void)
{
	int st, i;
	pid_t p;

	while ((p = waitpid(-1, &st, WNOHANG)) > 0) {
		for (i = 0; i < MAX_CHILDREN; i++) {
			if (D.children[i].pid != p)
				continue;
			if (WIFEXITED(st) && WEXITSTATUS(st))
				derr("notify: %s exited with status %d",
				     D.children[i].what, WEXITSTATUS(st));
			else if (WIFSIGNALED(st))
				derr("notify: %s killed by signal %d",
				     D.children[i].what, WTERMSIG(st));
			else
				dlog(2, "notify: %s done", D.children[i].what);
			D.children[i].pid = 0;
		}
	}
}

/*
 * A script's environment, whoever the daemon runs as: a fixed PATH (the
 * one its program was looked up in), HOME, USER and LOGNAME of the user it
 * runs as, then the VRRP_* variables; nothing of the daemon's own.
 */
static void script_env(char **out, size_t max, char (*fixed)[ENV_LEN],
		       char *const *env)
{
	size_t n = 0, i;

	snprintf(fixed[0], sizeof(fixed[0]), "PATH=%s", SCRIPT_PATH);
	snprintf(fixed[1], sizeof(fixed[1]), "HOME=%s", D.ra.home);
	snprintf(fixed[2], sizeof(fixed[2]), "USER=%s", D.ra.user);
	snprintf(fixed[3], sizeof(fixed[3]), "LOGNAME=%s", D.ra.user);
	for (i = 0; i < 4; i++)
		out[n++] = fixed[i];
	for (i = 0; env && env[i] && n < max - 1; i++)
		out[n++] = env[i];
	out[n] = NULL;
}

static void run_script(const char *script, const char *const *args,
		       const char *what, char *const *env)
{
	const char *argv[12];
	char fixed[4][ENV_LEN], *envp[16], err[PATH_MAX + 200];
	int i, n = 0, slot = -1;
	pid_t p;

	for (i = 0; i < MAX_CHILDREN; i++)
		if (!D.children[i].pid) {
			slot = i;
			break;
		}
	if (slot < 0) {
		derr("notify: too many scripts running, skipping %s", what);
		return;
	}
	/* checked at start and reload; again now, it may have changed since */
	if (script_check(script, D.ra.uid, err, sizeof(err))) {
		derr("notify: %s not run: script refused: %s", what, err);
		return;
	}
	script_env(envp, sizeof(envp) / sizeof(envp[0]), fixed, env);
	argv[n++] = "/bin/sh";
	argv[n++] = "-c";
	argv[n++] = NULL;	/* filled below */
	argv[n++] = "vrrpctl-notify";
	for (i = 0; args && args[i] && n < 11; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	{
		/* script may hold its own arguments; ours follow as "$@" */
		size_t l = strlen(script) + 8;
		char *cmd = malloc(l);

		if (!cmd)
			return;
		snprintf(cmd, l, "%s \"$@\"", script);
		argv[2] = cmd;
		p = fork();
		if (p == 0) {
			int fd = open("/dev/null", O_RDONLY);

			setpgid(0, 0);
			if (fd >= 0) {
				dup2(fd, 0);
				close(fd);
			}
			signal(SIGPIPE, SIG_DFL);
			execve("/bin/sh", (char *const *)argv, envp);
			_exit(127);
		}
		free(cmd);
	}
	if (p < 0) {
		derr("notify: fork for %s: %s", what, strerror(errno));
		return;
	}
	D.children[slot].pid = p;
	D.children[slot].started = time(NULL);
	snprintf(D.children[slot].what, sizeof(D.children[slot].what), "%s",
		 what);
	dlog(2, "notify: started %s (pid %d)", what, (int)p);
}

static void tick_cb(evutil_socket_t fd, short ev, void *arg)
{
	time_t now = time(NULL);
	int i;

	(void)fd;
	(void)ev;
	(void)arg;
	reap();
	for (i = 0; i < MAX_CHILDREN; i++) {
		if (D.children[i].pid &&
		    now - D.children[i].started > SCRIPT_TIMEOUT) {
			derr("notify: %s still running after %d s, killing it",
			     D.children[i].what, SCRIPT_TIMEOUT);
			kill(-D.children[i].pid, SIGKILL);
			kill(D.children[i].pid, SIGKILL);
			D.children[i].started = now;	/* reaped by SIGCHLD */
		}
	}
}

/* The [[vrouter]] table of the config for this VR, or NULL */
static const struct cfg_val *vr_conf(const char *ifname, int vrid)
{
	const struct cfg_val *vrs = cfg_get(D.root, "vrouter"), *t;

	for (t = vrs ? vrs->child : NULL; t; t = t->next)
		if (cfg_int(t, "group", -1) == vrid &&
		    !strcmp(cfg_str(t, "interface", ""), ifname))
			return t;
	return NULL;
}

/*
 * The scripts of one table ([[vrouter]] or [[sync_groups]]) for a new
 * STATE (MASTER, BACKUP, FAULT): notify_master / _backup / _fault with no
 * arguments, then notify with TYPE NAME STATE [PRIO], as keepalived does.
 * LABEL names them in the log.
 */
static void run_notify(const struct cfg_val *t, const char *type,
		       const char *name, const char *label, const char *state,
		       const char *prio, char *const *env)
{
	const char *args[5] = { type, name, state, prio, NULL };
	const char *script;
	char key[16], what[128];

	snprintf(key, sizeof(key), "notify_%s", !strcmp(state, "MASTER") ?
		 "master" : !strcmp(state, "BACKUP") ? "backup" : "fault");
	script = cfg_str(t, key, NULL);
	if (script) {
		snprintf(what, sizeof(what), "%s for %s", key, label);
		run_script(script, NULL, what, env);
	}
	script = cfg_str(t, "notify", NULL);
	if (script) {
		snprintf(what, sizeof(what), "notify for %s", label);
		run_script(script, args, what, env);
	}
}

/*
 * keepalived-style notify: notify_master / notify_backup / notify_fault run
 * with no extra arguments; notify runs with
 *   INSTANCE <interface>_<group> MASTER|BACKUP|FAULT <priority>
 * Every script also gets VRRP_* environment variables.
 */
static void notify(const char *ifname, int vrid, const char *family,
		   const char *state, const char *old, const char *reason,
		   int prio, const char *vip)
{
	const struct cfg_val *t = vr_conf(ifname, vrid);
	const char *kind;
	char name[64], pb[16];
	char e[7][96];
	char *env[8];

	if (!t)
		return;
	if (!strcasecmp(state, "Master"))
		kind = "MASTER";
	else if (!strcasecmp(state, "Backup"))
		kind = "BACKUP";
	else
		kind = "FAULT";
	snprintf(name, sizeof(name), "%s_%d", ifname, vrid);
	snprintf(pb, sizeof(pb), "%d", prio);
	snprintf(e[0], sizeof(e[0]), "VRRP_INTERFACE=%s", ifname);
	snprintf(e[1], sizeof(e[1]), "VRRP_GROUP=%d", vrid);
	snprintf(e[2], sizeof(e[2]), "VRRP_STATE=%s", kind);
	snprintf(e[3], sizeof(e[3]), "VRRP_OLD_STATE=%s", old);
	snprintf(e[4], sizeof(e[4]), "VRRP_REASON=%s", reason);
	snprintf(e[5], sizeof(e[5]), "VRRP_PRIORITY=%d", prio);
	snprintf(e[6], sizeof(e[6]), "VRRP_VIP=%s", vip);
	(void)family;
	for (int i = 0; i < 7; i++)
		env[i] = e[i];
	env[7] = NULL;

	run_notify(t, "INSTANCE", name, name, kind, pb, env);
}

/* ---------------- sync-group notify ---------------- */

/*
 * A sync group's state, from its members as the kernel sees them: FAULT
 * if one is in Init, MASTER when all are Master, BACKUP when all are
 * Backup, NULL while they are still moving (or there are none).
 */
static const char *group_state(const cJSON *vrs, long long id)
{
	int n = 0, master = 0, backup = 0, init = 0;
	const cJSON *vr, *g, *st;

	cJSON_ArrayForEach(vr, vrs) {
		g = cJSON_GetObjectItemCaseSensitive(vr, "sync_group");
		st = cJSON_GetObjectItemCaseSensitive(vr, "state");
		if (!cJSON_IsNumber(g) || (long long)g->valuedouble != id ||
		    !cJSON_IsString(st))
			continue;
		n++;
		if (!strcmp(st->valuestring, "Master"))
			master++;
		else if (!strcmp(st->valuestring, "Backup"))
			backup++;
		else
			init++;
	}
	if (!n)
		return NULL;
	if (init)
		return "FAULT";
	if (master == n)
		return "MASTER";
	return backup == n ? "BACKUP" : NULL;
}

/*
 * [[sync_groups]] scripts, keepalived-style: notify_master / _backup /
 * _fault with no arguments, notify with GROUP <name> <STATE>; run once
 * each time the group as a whole reaches a new state.
 */
static void group_notify(void)
{
	const struct cfg_val *groups = cfg_get(D.root, "sync_groups"), *t;
	const char *state;
	char err[256] = "", name[64], label[80], e[3][96];
	char *env[4];
	cJSON *vrs;
	int i;

	if (!groups)
		return;
	vrs = api_nl_vr_list(NULL, err, sizeof(err));
	if (!vrs) {
		derr("sync groups: reading the VRs: %s", err);
		return;
	}
	for (t = groups->child; t; t = t->next) {
		long long id = cfg_int(t, "id", 0);

		for (i = 0; i < MAX_GROUPS; i++)
			if (D.groups[i].id == id || !D.groups[i].id)
				break;
		state = group_state(vrs, id);
		if (i == MAX_GROUPS || !state || D.groups[i].state == state)
			continue;
		D.groups[i].id = id;
		D.groups[i].state = state;
		if (cfg_str(t, "name", NULL))
			snprintf(name, sizeof(name), "%s", cfg_str(t, "name", ""));
		else
			snprintf(name, sizeof(name), "group%lld", id);
		dlog(0, "Sync group %s (%lld) - Changed to %s", name, id, state);
		snprintf(e[0], sizeof(e[0]), "VRRP_SYNC_GROUP=%lld", id);
		snprintf(e[1], sizeof(e[1]), "VRRP_GROUP_NAME=%s", name);
		snprintf(e[2], sizeof(e[2]), "VRRP_STATE=%s", state);
		env[0] = e[0];
		env[1] = e[1];
		env[2] = e[2];
		env[3] = NULL;
		snprintf(label, sizeof(label), "sync group %s", name);
		run_notify(t, "GROUP", name, label, state, NULL, env);
	}
	cJSON_Delete(vrs);
}

/* ---------------- events ---------------- */

static void first_vip(cJSON *vr, char *out, size_t len)
{
	const cJSON *vips = cJSON_GetObjectItemCaseSensitive(vr, "vips");
	const cJSON *v = cJSON_GetArrayItem(vips, 0);

	snprintf(out, len, "%s", cJSON_IsString(v) ? v->valuestring : "");
	out[strcspn(out, "/")] = '\0';
}

static int vip_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	cJSON *vr;
	char *out = arg;

	if (nlc_parse(msg, tb))
		return NL_SKIP;
	vr = vr_to_json(tb, false);
	first_vip(vr, out, 64);
	cJSON_Delete(vr);
	return NL_OK;
}

/* events carry no VIPs: ask the kernel for this one VR */
static void vip_lookup(struct nlattr **ev, char *out, size_t len)
{
	FILE *saved = stderr;
	struct nl_msg *m;
	struct nlc c;
	char buf[64] = "";
	FILE *null = fopen("/dev/null", "w");

	if (null)
		stderr = null;
	if (!nlc_open(&c)) {
		m = nlc_msg(&c, VRRP_CMD_GET, 0, 0);
		if (m && !nla_put_u32(m, VRRP_A_IFINDEX,
				      (uint32_t)attr_uint(ev[VRRP_A_IFINDEX])) &&
		    !nla_put_u8(m, VRRP_A_FAMILY,
				(uint8_t)attr_uint(ev[VRRP_A_FAMILY])) &&
		    !nla_put_u8(m, VRRP_A_VRID,
				(uint8_t)attr_uint(ev[VRRP_A_VRID])))
			nlc_talk(&c, m, vip_cb, buf);
		else if (m)
			nlmsg_free(m);
		nlc_close(&c);
	}
	if (null) {
		stderr = saved;
		fclose(null);
	}
	snprintf(out, len, "%s", buf);
}

static int event_cb(struct nl_msg *msg, void *arg)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[VRRP_A_MAX + 1];
	char name[IF_NAMESIZE], vip[64];
	const char *old, *new, *reason, *fam;
	unsigned int vrid, prio;
	cJSON *vr;

	(void)arg;
	if (gh->cmd != VRRP_CMD_EVENT || nlc_parse(msg, tb))
		return NL_SKIP;
	api_server_invalidate(D.api);	/* the API's reads see it at once */
	vr = vr_to_json(tb, false);
	first_vip(vr, vip, sizeof(vip));
	cJSON_Delete(vr);
	vr_ifname(tb, name);
	vrid = (unsigned int)attr_uint(tb[VRRP_A_VRID]);
	fam = family_name((int)attr_uint(tb[VRRP_A_FAMILY]));
	if (!vip[0])
		vip_lookup(tb, vip, sizeof(vip));
	old = state_name((unsigned int)attr_uint(tb[VRRP_A_EV_OLD_STATE]));
	new = state_name((unsigned int)attr_uint(tb[VRRP_A_STATE]));
	reason = reason_name((unsigned int)attr_uint(tb[VRRP_A_EV_REASON]));
	prio = (unsigned int)attr_uint(tb[VRRP_A_EFF_PRIORITY] ?
				       tb[VRRP_A_EFF_PRIORITY] :
				       tb[VRRP_A_PRIORITY]);
	if (attr_uint(tb[VRRP_A_EV_REASON]) == VRRP_REASON_CSUM_FOLLOWED) {
		/* no transition: logged, no notify script */
		dlog(0, "VR %s for group %u on interface %s - checksum form now %s, as the peer sends",
		     vip[0] ? vip : "-", vrid, name,
		     csum_name((unsigned int)attr_uint(tb[VRRP_A_V3_CSUM_USED])));
		return NL_OK;
	}
	/* rVRRPd's line, then our details */
	dlog(0, "VR %s for group %u on interface %s - Changed from %s to %s (%s, priority %u%s%s)",
	     vip[0] ? vip : "-", vrid, name, old, new, reason, prio,
	     strcmp(fam, "inet") ? ", " : "", strcmp(fam, "inet") ? fam : "");
	syslog(LOG_NOTICE, "VR %s for group %u on interface %s - Changed from %s to %s (%s)",
	       vip[0] ? vip : "-", vrid, name, old, new, reason);
	notify(name, (int)vrid, fam, new, old, reason, (int)prio, vip);
	group_notify();
	return NL_OK;
}

static void nl_ready(evutil_socket_t fd, short ev, void *arg)
{
	int r;

	(void)fd;
	(void)ev;
	(void)arg;
	r = nl_recvmsgs_default(D.events.sk);
	if (r < 0 && r != -NLE_AGAIN && r != -NLE_INTR)
		derr("events: %s%s", nl_geterror(r),
		     r == -NLE_NOMEM ? " (events lost: buffer overrun)" : "");
}

/*
 * Subscribe before the config is applied, so that the first transitions
 * are queued on the socket; attached to the event loop later.
 */
static int events_subscribe(void)
{
	if (nlc_open(&D.events))
		return -1;
	if (nlc_subscribe(&D.events)) {
		nlc_close(&D.events);
		return -1;
	}
	nl_socket_disable_auto_ack(D.events.sk);
	nl_socket_modify_cb(D.events.sk, NL_CB_VALID, NL_CB_CUSTOM, event_cb,
			    NULL);
	nl_socket_set_nonblocking(D.events.sk);
	D.events_ok = true;
	return 0;
}

static int events_attach(void)
{
	if (!D.events_ok)
		return -1;
	D.ev_nl = event_new(D.base, nl_socket_get_fd(D.events.sk),
			    EV_READ | EV_PERSIST, nl_ready, NULL);
	if (!D.ev_nl || event_add(D.ev_nl, NULL))
		return -1;
	/* anything queued while starting */
	event_active(D.ev_nl, EV_READ, 0);
	return 0;
}

/* ---------------- API ---------------- */

static void req_log(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void req_log(int level, const char *fmt, ...)
{
	va_list ap;

	if (level > log_level())
		return;
	va_start(ap, fmt);
	vlogf(stdout, fmt, ap);
	va_end(ap);
}

/* Is the API's listen address loopback only (127/8, ::1, localhost)? */
static bool host_is_loopback(const char *host)
{
	struct in6_addr a6;
	struct in_addr a4;
	unsigned short port;
	char h[128];

	if (api_split_host(host, h, sizeof(h), &port))
		return false;
	if (!strcmp(h, "localhost"))
		return true;
	if (inet_pton(AF_INET, h, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, h, &a6) != 1)
		return false;
	return IN6_IS_ADDR_LOOPBACK(&a6) ||
	       (IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127);
}

static int api_start(void)
{
	const struct cfg_val *api = cfg_get(D.root, "api");
	struct api_opts o = {
		.host = cfg_str(api, "host", "0.0.0.0:7080"),
		.tls = cfg_bool(api, "tls", false),
		.tls_key = cfg_str(api, "tls_key", NULL),
		.tls_cert = cfg_str(api, "tls_cert", NULL),
		.metrics_auth = cfg_bool(api, "metrics_auth", true),
		.max_conns = (unsigned int)cfg_int(api, "max_connections", 0),
		.request_timeout = (unsigned int)cfg_int(api, "request_timeout", 0),
		.log = req_log,
	};
	char err[512];

	if (strcmp(cfg_str(D.root, "client_api", ""), "http")) {
		dlog(1, "api: disabled (client_api is not \"http\")");
		return 0;
	}
	D.auth = auth_from(D.root);
	if (!D.auth)
		return -1;
	memset(&D.be, 0, sizeof(D.be));
	api_nl_backend(&D.be, NULL);
	D.be.config = be_config;
	D.be.settings = be_settings;
	D.api = api_server_new(D.base, &o, &D.be, D.auth, err, sizeof(err));
	if (!D.api) {
		derr("%s", err);
		return -1;
	}
	snprintf(D.api_host, sizeof(D.api_host), "%s", o.host);
	if (!o.tls && !host_is_loopback(o.host))
		derr("warning: api: %s is not a loopback address and tls = false: passwords and session cookies cross the network in clear (set tls = true with tls_key and tls_cert, or host = \"127.0.0.1:PORT\")",
		     o.host);
	return 0;
}

/* ---------------- pid file ---------------- */

/*
 * The pid file is opened as root, often in a directory others may write
 * (rVRRPd's example uses /var/tmp): it is not followed if it is a symlink,
 * and must be a regular file of ours with one link, so that a link planted
 * there does not make us truncate another file (review M1). A relative
 * path is made absolute now, before working_dir's chdir (review L4).
 */
static int pid_lock(const char *path)
{
	char buf[32], cwd[200];
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);

	if (fd < 0) {
		derr("pid file %s: %s%s", path, strerror(errno),
		     errno == ELOOP ? " (a symlink: refused)" : "");
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    st.st_nlink != 1) {
		derr("pid file %s: not a regular file of uid %d with one link: refused",
		     path, (int)geteuid());
		close(fd);
		return -1;
	}
	if (path[0] != '/' && getcwd(cwd, sizeof(cwd)) &&
	    (size_t)snprintf(D.pid_path, sizeof(D.pid_path), "%s/%s", cwd,
			     path) >= sizeof(D.pid_path)) {
		derr("pid file %s: path too long", path);
		close(fd);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		n = read(fd, buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		fprintf(stderr, "vrrpctl: already running with pid %s (%s)\n",
			buf[0] ? buf : "?", path);
		close(fd);
		return -1;
	}
	D.pid_fd = fd;
	if (path[0] == '/')
		snprintf(D.pid_path, sizeof(D.pid_path), "%s", path);
	return 0;
}

static void pid_write(void)
{
	char buf[32];
	int n;

	if (D.pid_fd < 0)
		return;
	n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (ftruncate(D.pid_fd, 0) || pwrite(D.pid_fd, buf, (size_t)n, 0) != n)
		derr("pid file %s: %s", D.pid_path, strerror(errno));
}

/* ---------------- daemonize ---------------- */

static int redirect(int fd, const char *path)
{
	int f;

	if (!path || !*path)
		path = "/dev/null";
	f = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
	if (f < 0) {
		fprintf(stderr, "vrrpctl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (dup2(f, fd) < 0) {
		close(f);
		return -1;
	}
	close(f);
	return 0;
}

static int daemonize(void)
{
	int p[2], fd;
	char c = 1;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid > 0) {
		/* wait until the child is set up, then report its status */
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			c = 1;
		_exit(c);
	}
	close(p[0]);
	setsid();
	pid = fork();
	if (pid < 0)
		_exit(1);
	if (pid > 0)
		_exit(0);
	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0) {
		dup2(fd, 0);
		close(fd);
	}
	/* the pipe's write end tells the first parent when we are up */
	return p[1];
}

/* ---------------- privileges ---------------- */

/* After the drop: say what SIGHUP will not be able to read again */
static void check_rereadable(void)
{
	const struct cfg_val *api = cfg_get(D.root, "api");
	const char *key = cfg_str(api, "tls_key", NULL);

	if (access(D.conf, R_OK))
		derr("warning: %s: %s as user %s: SIGHUP cannot reload it (chgrp %s %s; chmod 640 %s)",
		     D.conf, strerror(errno), D.ra.user, D.ra.group, D.conf,
		     D.conf);
	if (D.api && cfg_bool(api, "tls", false) && key && access(key, R_OK))
		derr("warning: api: tls_key %s: %s as user %s: SIGHUP cannot load a new certificate, the one read at start stays (to rotate without a restart: chgrp %s %s; chmod 640 %s)",
		     key, strerror(errno), D.ra.user, D.ra.group, key, key);
}

/*
 * Everything that needs root is open (pid file, logs, netlink sockets,
 * the API's port and TLS key): become the config's user (review M9).
 */
static int drop_privileges(void)
{
	char msg[512];

	if (!D.ra.set)
		return 0;
	if (privsep_drop(&D.ra, msg, sizeof(msg))) {
		derr("%s", msg);
		return -1;
	}
	dlog(0, "%s", msg);
	check_rereadable();
	return 0;
}

/*
 * On exit: remove the pid file. Once root is dropped, the directory (/run)
 * may not let us: then it is emptied through the descriptor kept open, so
 * that no stale pid stays in it, and the next start (as root) reuses it.
 */
static void pid_remove(void)
{
	if (D.pid_fd < 0)
		return;
	if (unlink(D.pid_path) && errno != ENOENT) {
		int e = errno;

		if (ftruncate(D.pid_fd, 0))
			derr("pid file %s: cannot remove it (%s) nor empty it (%s)",
			     D.pid_path, strerror(e), strerror(errno));
		else
			dlog(1, "pid file %s: cannot remove it as user %s (%s): emptied",
			     D.pid_path, D.ra.user, strerror(e));
	}
	close(D.pid_fd);
	D.pid_fd = -1;
}

/* ---------------- signals ---------------- */

static void sig_term(evutil_socket_t sig, short ev, void *arg)
{
	(void)ev;
	(void)arg;
	dlog(0, "received signal %d, exiting (the kernel keeps running the VRs)",
	     (int)sig);
	event_base_loopbreak(D.base);
}

static int reload_privsep(const struct cfg_val *root)
{
	struct run_as ra;
	int bad = privsep_lookup(root, D.conf, &ra);

	bad += privsep_check_scripts(root, D.conf, D.ra.uid);
	if (!bad && (ra.set != D.ra.set || ra.uid != D.ra.uid ||
		     ra.gid != D.ra.gid))
		derr("reload: user or group changed (to %s:%s): restart to apply; running as %s:%s",
		     ra.set ? ra.user : "root", ra.set ? ra.group : "root",
		     D.ra.user, D.ra.group);
	return bad;
}

static void sig_hup(evutil_socket_t sig, short ev, void *arg)
{
	struct schema_global g;
	struct cfg_val *root;
	struct api_auth *auth;
	char err[512];

	(void)sig;
	(void)ev;
	(void)arg;
	dlog(0, "SIGHUP: reloading %s", D.conf);
	root = config_read(D.conf, D.format, &g);
	if (!root) {
		derr("reload: %s has errors, keeping the running config", D.conf);
		return;
	}
	/* scripts as the daemon now runs; a new user needs a restart */
	if (reload_privsep(root)) {
		derr("reload: %s has errors, keeping the running config", D.conf);
		cfg_free(root);
		return;
	}
	if (apply()) {
		derr("reload: applying %s failed, keeping the running config",
		     D.conf);
		cfg_free(root);
		return;
	}
	api_server_invalidate(D.api);
	cfg_free(D.root);
	D.root = root;
	D.g = g;
	if (D.api) {
		const char *host = cfg_str(cfg_get(root, "api"), "host",
					   "0.0.0.0:7080");

		auth = auth_from(root);
		if (auth) {
			api_auth_carry(auth, D.auth);
			api_server_set_auth(D.api, auth);
			api_auth_free(D.auth);
			free(D.auth);
			D.auth = auth;
		}
		if (strcmp(host, D.api_host))
			derr("reload: [api] host changed to %s: restart to apply",
			     host);
		/* certificate rotation without a restart (review M8) */
		if (api_server_reload_tls(D.api,
					  cfg_str(cfg_get(root, "api"), "tls_key", NULL),
					  cfg_str(cfg_get(root, "api"), "tls_cert", NULL),
					  err, sizeof(err)))
			derr("reload: %s: keeping the running certificate", err);
	}
	dlog(0, "reload done");
}

static void sig_chld(evutil_socket_t sig, short ev, void *arg)
{
	(void)sig;
	(void)ev;
	(void)arg;
	reap();
}

/* ---------------- main ---------------- */

int daemon_run(const char *conf, const char *format, bool foreground,
	       int debug, bool flush_on_exit)
{
	struct timeval tick = { 5, 0 };
	int ready_fd = -1, rc = 1;
	char c = 0;

	D.conf = conf ? conf : DEFAULT_CONF;
	D.format = format;
	D.foreground = foreground;
	D.debug_override = debug;
	D.flush_on_exit = flush_on_exit;
	openlog("vrrpctl", LOG_PID, LOG_DAEMON);

	D.root = config_read(D.conf, D.format, &D.g);
	if (!D.root)
		return 1;
	if (D.g.pid[0] || !foreground) {
		if (pid_lock(D.g.pid[0] ? D.g.pid : DEFAULT_PID))
			goto out;
	}
	if (events_subscribe())
		fprintf(stderr, "vrrpctl: cannot subscribe to VRRP events; transitions will not be logged\n");
	/*
	 * a bad [api], user or notify script stops here, before any VR is
	 * applied (review M7, M9)
	 */
	if (daemon_check_api(D.root, D.conf) +
	    check_privsep(D.root, D.conf, &D.ra, geteuid()))
		goto out;
	if (apply())
		goto out;
	if (!foreground) {
		ready_fd = daemonize();
		if (ready_fd < 0) {
			fprintf(stderr, "vrrpctl: cannot daemonize: %s\n",
				strerror(errno));
			goto out;
		}
		if (redirect(1, D.g.main_log) || redirect(2, D.g.error_log))
			goto out;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (D.g.working_dir[0] && chdir(D.g.working_dir)) {
		derr("working_dir %s: %s", D.g.working_dir, strerror(errno));
		goto out;
	}
	pid_write();
	signal(SIGPIPE, SIG_IGN);

	D.base = event_base_new();
	if (!D.base)
		goto out;
	if (events_attach())
		derr("events: not subscribed; transitions will not be logged");
	if (api_start())
		goto out;
	if (drop_privileges())
		goto out;
	/* after the drop: net-snmp runs as the configured user */
	if (D.snmp && snmp_start(D.snmp_socket))
		goto out;
	D.ev_term = evsignal_new(D.base, SIGTERM, sig_term, NULL);
	D.ev_int = evsignal_new(D.base, SIGINT, sig_term, NULL);
	D.ev_hup = evsignal_new(D.base, SIGHUP, sig_hup, NULL);
	D.ev_chld = evsignal_new(D.base, SIGCHLD, sig_chld, NULL);
	D.ev_tick = event_new(D.base, -1, EV_PERSIST, tick_cb, NULL);
	event_add(D.ev_term, NULL);
	event_add(D.ev_int, NULL);
	event_add(D.ev_hup, NULL);
	event_add(D.ev_chld, NULL);
	event_add(D.ev_tick, &tick);

	dlog(0, "vrrpctl daemon started (pid %d, config %s, debug %d)",
	     (int)getpid(), D.conf, log_level());
	if (ready_fd >= 0) {
		if (write(ready_fd, &c, 1) != 1)
			derr("cannot signal readiness");
		close(ready_fd);
		ready_fd = -1;
	}
	event_base_dispatch(D.base);
	rc = 0;
	if (D.flush_on_exit) {
		char *argv[1] = { NULL };

		dlog(0, "flushing every VR (--flush-on-exit)");
		if (cmd_flush(0, argv))
			rc = 1;
	}
out:
	if (ready_fd >= 0) {
		c = 1;
		if (write(ready_fd, &c, 1) != 1)
			c = 0;
		close(ready_fd);
	}
	api_server_free(D.api);
	if (D.auth) {
		api_auth_free(D.auth);
		free(D.auth);
	}
	if (D.ev_nl)
		event_free(D.ev_nl);
	if (D.events_ok)
		nlc_close(&D.events);
	if (D.ev_term) {
		event_free(D.ev_term);
		event_free(D.ev_int);
		event_free(D.ev_hup);
		event_free(D.ev_chld);
		event_free(D.ev_tick);
	}
	if (D.base)
		event_base_free(D.base);
	pid_remove();
	cfg_free(D.root);
	closelog();
	return rc;
}

int cmd_daemon(int argc, char **argv)
{
	const char *conf = NULL, *format = g_opts.format;
	bool fg = false, flush = false;
	int debug = -1;

	while (argc > 0) {
		const char *o = argv[0];

		if (!strcmp(o, "-h") || !strcmp(o, "--help") ||
		    !strcmp(o, "help")) {
			printf("Usage: vrrpctl daemon [-f] [-c FILE] [-d LEVEL] [-g json|toml] [--no-load] [--flush-on-exit]\n"
			       "                      [--snmp[=AGENTX]]\n"
			       "  -f            stay in the foreground (rVRRPd -m1); else fork (-m2)\n"
			       "  -c FILE       the configuration (default /etc/rvrrpd/rvrrpd.conf)\n"
			       "  -d LEVEL      debug level 0-5, over the configuration's\n"
			       "  --no-load     do not apply the VRs: API, logs and scripts only\n"
			       "  --flush-on-exit  delete every VR when the daemon stops\n"
			       "  --snmp[=AGENTX]  serve the VRRPV3-MIB (RFC 6527) and the VRRP-MIB (RFC 2787)\n"
			       "                as an AgentX subagent of snmpd, at AGENTX (as agentXSocket;\n"
			       "                default net-snmp's)\n");
			return 0;
		}
		if (!strcmp(o, "-f") || !strcmp(o, "--foreground")) {
			fg = true;
		} else if (!strcmp(o, "--flush-on-exit")) {
			flush = true;
		} else if (!strcmp(o, "--no-load")) {
			D.no_load = true;
		} else if (!strcmp(o, "--snmp")) {
			D.snmp = true;
		} else if (!strncmp(o, "--snmp=", 7)) {
			if (!o[7])
				return usage_err("--snmp=: an AgentX address is needed (as snmpd's agentXSocket, e.g. /var/agentx/master or tcp:localhost:705)");
			D.snmp = true;
			D.snmp_socket = o + 7;
		} else if ((!strcmp(o, "-c") || !strcmp(o, "--config")) && argc > 1) {
			conf = argv[1];
			argc--, argv++;
		} else if ((!strcmp(o, "-d") || !strcmp(o, "--debug")) && argc > 1) {
			char *end;
			long d = strtol(argv[1], &end, 10);

			if (*end || d < 0 || d > 5)
				return usage_err("invalid debug level \"%s\" (0..5)",
						 argv[1]);
			debug = (int)d;
			argc--, argv++;
		} else if ((!strcmp(o, "-g") || !strcmp(o, "--format")) && argc > 1) {
			format = argv[1];
			argc--, argv++;
		} else if (o[0] != '-' && !conf) {
			conf = o;
		} else {
			return usage_err("unknown argument \"%s\" for daemon", o);
		}
		argc--, argv++;
	}
	if (conf_file("daemon", &conf))
		return 1;
	return daemon_run(conf, format, fg, debug, flush);
}
