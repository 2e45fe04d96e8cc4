// SPDX-License-Identifier: GPL-2.0
/*
 * REST API routes (rVRRPd-compatible, plus write routes and /metrics).
 * See docs/api.md for the list, shapes and user levels.
 */
#include <ctype.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <event2/http.h>

#include "api.h"

#define MAX_SEGS	8
#define REDACTED	"<redacted>"

static const char welcome[] =
	"<!DOCTYPE html>\n<html><head><title>vrrpctl</title></head><body>\n"
	"<h1>vrrpctl REST API</h1>\n"
	"<p>Log in with <code>POST /auth</code> and the body "
	"<code>user=NAME passwd=PASSWORD</code>, then use <code>/run/vrrp</code>, "
	"<code>/run/global</code>, <code>/run/protocols</code>, "
	"<code>/config/global|vrouter|protocols</code> and "
	"<code>/metrics</code>.</p>\n</body></html>\n";

/* ---------------- helpers ---------------- */

static int split_path(const char *path, char segs[MAX_SEGS][64])
{
	int n = 0;
	const char *p = path;

	while (*p) {
		const char *e;
		size_t len;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		e = strchr(p, '/');
		if (!e)
			e = p + strlen(p);
		len = (size_t)(e - p);
		if (n >= MAX_SEGS || len >= 64)
			return -1;
		memcpy(segs[n], p, len);
		segs[n][len] = '\0';
		n++;
		p = e;
	}
	return n;
}

static int parse_group(const char *s)
{
	int v = 0;

	if (!*s || strlen(s) > 3)
		return -1;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v >= 1 && v <= 255 ? v : -1;
}

static bool valid_ifname(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= IFNAMSIZ)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == '/' || *s == ':' ||
		    (unsigned char)*s >= 0x7f)
			return false;
	return true;
}

/* query "family=inet6" -> "inet6"; default "inet" */
static const char *query_family(const struct api_req *r)
{
	if (r->query && strstr(r->query, "family=inet6"))
		return "inet6";
	return "inet";
}

static const char *jstr(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool jnum(const cJSON *o, const char *k, double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	if (!cJSON_IsNumber(v))
		return false;
	*out = v->valuedouble;
	return true;
}

static void copy_num(cJSON *dst, const char *dk, const cJSON *src,
		     const char *sk)
{
	double d;

	if (jnum(src, sk, &d))
		cJSON_AddNumberToObject(dst, dk, d);
}

/* first VIP of a VR as a bare address; list into *all if not NULL */
static void vr_vips(const cJSON *vr, char *first, size_t flen, cJSON *all)
{
	const cJSON *vips = cJSON_GetObjectItemCaseSensitive(vr, API_K_VIPS);
	const cJSON *v;

	first[0] = '\0';
	cJSON_ArrayForEach(v, vips) {
		const char *a = cJSON_IsString(v) ? v->valuestring :
				jstr(v, "addr") ? jstr(v, "addr") : jstr(v, "address");
		char buf[64];
		char *slash;

		if (!a)
			continue;
		snprintf(buf, sizeof(buf), "%s", a);
		slash = strchr(buf, '/');
		if (slash)
			*slash = '\0';
		if (!first[0])
			snprintf(first, flen, "%s", buf);
		if (all)
			cJSON_AddItemToArray(all, cJSON_CreateString(buf));
	}
}

static const char *rvrrpd_state(const cJSON *vr)
{
	const cJSON *up = cJSON_GetObjectItemCaseSensitive(vr, API_K_ADMIN_UP);
	const char *st = jstr(vr, API_K_STATE);

	if (cJSON_IsFalse(up))
		return "Down";
	if (!st)
		return "Init";
	if (!strcasecmp(st, "master"))
		return "Master";
	if (!strcasecmp(st, "backup"))
		return "Backup";
	if (!strcasecmp(st, "init") || !strcasecmp(st, "initialize"))
		return "Init";
	return "Down";
}

static const char *rvrrpd_auth(const cJSON *vr)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(vr, API_K_AUTH_TYPE);
	int n = -1;

	if (cJSON_IsNumber(a))
		n = a->valueint;
	else if (cJSON_IsString(a)) {
		const char *s = a->valuestring;

		if (!strcasecmp(s, "none"))
			n = 0;
		else if (!strcasecmp(s, "simple") || !strcmp(s, "rfc2338-simple"))
			n = 1;
		else if (!strcasecmp(s, "p0") || !strcmp(s, "p0-t8-sha256"))
			n = 250;
		else if (!strcasecmp(s, "p1") || !strcmp(s, "p1-b8-shake256") ||
			 !strcmp(s, "p1-t8-shake256"))
			n = 251;
	}
	switch (n) {
	case 0: return "none";
	case 1: return "rfc2338-simple";
	case 250: return "p0-t8-sha256";
	case 251: return "p1-b8-shake256";
	}
	return "none";
}

static void sysfs_mac(const char *ifname, char *out, size_t len)
{
	char path[96];
	FILE *f;

	out[0] = '\0';
	if (!valid_ifname(ifname))
		return;
	snprintf(path, sizeof(path), "/sys/class/net/%s/address", ifname);
	f = fopen(path, "r");
	if (!f)
		return;
	if (fgets(out, (int)len, f))
		out[strcspn(out, "\n")] = '\0';
	fclose(f);
}

cJSON *api_vr_rvrrpd(const cJSON *vr, bool detail)
{
	cJSON *o = cJSON_CreateObject(), *all = cJSON_CreateArray();
	const char *ifname = jstr(vr, API_K_IFNAME);
	const cJSON *pre = cJSON_GetObjectItemCaseSensitive(vr, API_K_PREEMPT);
	const char *fam = jstr(vr, API_K_FAMILY);
	char vip[64];
	double d;

	vr_vips(vr, vip, sizeof(vip), all);
	/* rVRRPd keys, in its order */
	cJSON_AddStringToObject(o, "virtual_ip", vip);
	copy_num(o, "group", vr, API_K_VRID);
	cJSON_AddStringToObject(o, "interface", ifname ? ifname : "");
	copy_num(o, "priority", vr, API_K_PRIO);
	cJSON_AddBoolToObject(o, "preempt", cJSON_IsTrue(pre));
	cJSON_AddStringToObject(o, "state", rvrrpd_state(vr));
	/* extensions */
	cJSON_AddStringToObject(o, "family", fam ? fam : "inet");
	copy_num(o, "version", vr, API_K_VERSION);
	copy_num(o, "effective_priority", vr, API_K_EFF_PRIO);
	cJSON_AddItemToObject(o, "virtual_ips", all);
	if (jstr(vr, API_K_MASTER))
		cJSON_AddStringToObject(o, "master", jstr(vr, API_K_MASTER));
	if (!detail)
		return o;

	{
		const char *vif = jstr(vr, API_K_VIFNAME);
		const char *vmac = jstr(vr, API_K_VMAC);
		const char *mode = jstr(vr, API_K_VMAC_MODE);
		char mac[32];

		cJSON_AddStringToObject(o, "vif", vif && *vif ? vif :
					ifname ? ifname : "");
		cJSON_AddStringToObject(o, "auth_type", rvrrpd_auth(vr));
		if (vmac && *vmac && !(mode && !strcmp(mode, "none")))
			snprintf(mac, sizeof(mac), "%s", vmac);
		else
			sysfs_mac(ifname ? ifname : "", mac, sizeof(mac));
		cJSON_AddStringToObject(o, "interface_hwaddress", mac);
	}
	if (jnum(vr, API_K_ADVERT_MS, &d))
		cJSON_AddNumberToObject(o, "advert_interval", d / 1000.0);
	if (jnum(vr, API_K_MDOWN_US, &d))
		cJSON_AddNumberToObject(o, "masterdown_interval", d / 1e6);
	if (jnum(vr, API_K_SKEW_US, &d))
		cJSON_AddNumberToObject(o, "skew_time", d / 1e6);
	return o;
}

static void redact_member(cJSON *obj, const char *key)
{
	if (cJSON_GetObjectItemCaseSensitive(obj, key))
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key,
						       cJSON_CreateString(REDACTED));
}

/* user string -> "{{SHA256}}user:level:<redacted>" */
static cJSON *redact_user(const char *u)
{
	char buf[160];
	const char *c1 = strchr(u, ':');
	const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

	if (!c2 || (size_t)(c2 - u) > 120)
		return cJSON_CreateString(REDACTED);
	snprintf(buf, sizeof(buf), "%.*s:" REDACTED, (int)(c2 - u), u);
	return cJSON_CreateString(buf);
}

/* notify_master = "/path/script --token=...": commands may hold secrets */
static void redact_notify(cJSON *obj)
{
	cJSON *m, *next;

	for (m = obj ? obj->child : NULL; m; m = next) {
		next = m->next;		/* m is replaced */
		if (m->string && !strncmp(m->string, "notify", 6))
			redact_member(obj, m->string);
	}
}

cJSON *api_redact_config(const cJSON *cfg, bool notify)
{
	cJSON *c = cJSON_Duplicate(cfg, 1);
	cJSON *vrs, *vr, *api, *users;

	if (!c)
		return NULL;
	vrs = cJSON_GetObjectItemCaseSensitive(c, "vrouter");
	cJSON_ArrayForEach(vr, vrs) {
		redact_member(vr, "auth_secret");
		redact_member(vr, "auth_key");
		if (notify)
			redact_notify(vr);
	}
	if (notify) {
		redact_notify(c);
		cJSON_ArrayForEach(vr, cJSON_GetObjectItemCaseSensitive(c, "sync_groups"))
			redact_notify(vr);
	}
	api = cJSON_GetObjectItemCaseSensitive(c, "api");
	if (api) {
		redact_member(api, "secret");
		users = cJSON_GetObjectItemCaseSensitive(api, "users");
		if (cJSON_IsArray(users)) {
			cJSON *red = cJSON_CreateArray(), *u;

			cJSON_ArrayForEach(u, users)
				cJSON_AddItemToArray(red, cJSON_IsString(u) ?
					redact_user(u->valuestring) :
					cJSON_CreateString(REDACTED));
			cJSON_ReplaceItemInObjectCaseSensitive(api, "users", red);
		}
	}
	return c;
}

/* ---------------- auth ---------------- */

static bool session(struct api_req *r)
{
	char *user = api_cookie(r, "user"), *ts = api_cookie(r, "ts");
	char *nonce = api_cookie(r, "nonce"), *tok = api_cookie(r, "token");
	enum api_tok_result res = API_TOK_MISSING;

	if (r->auth)
		res = api_session_verify(r->auth, user, ts, nonce, tok,
					 time(NULL), &r->user);
	if (res == API_TOK_OK)
		r->user_name = r->user->name;
	free(user);
	free(ts);
	free(nonce);
	free(tok);
	if (res != API_TOK_OK) {
		api_reply_error(r, 401, "%s", api_tok_result_str(res));
		return false;
	}
	return true;
}

static bool admin(struct api_req *r)
{
	if (r->user && r->user->level == API_LEVEL_ADMIN)
		return true;
	api_reply_error(r, 403, "user '%s' (level %d) may not write; level %d (vrrpctl pw --admin) required",
			r->user_name, r->user ? r->user->level : -1,
			API_LEVEL_ADMIN);
	return false;
}

static void set_cookie(struct api_req *r, const char *k, const char *v,
		       long maxage)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Strict%s",
		 k, v, maxage, r->tls ? "; Secure" : "");
	evhttp_add_header(evhttp_request_get_output_headers(r->req),
			  "Set-Cookie", buf);
}

static void route_auth(struct api_req *r)
{
	struct api_session s;
	const struct api_user *u;
	char *body, *sp, *user, *pw;
	size_t len, pwlen;
	unsigned int wait;
	time_t now = time(NULL);
	cJSON *o;

	wait = r->auth ? api_rl_blocked(r->auth, r->peer, now) : 0;
	if (wait) {
		char ra[16];

		snprintf(ra, sizeof(ra), "%u", wait);
		evhttp_add_header(evhttp_request_get_output_headers(r->req),
				  "Retry-After", ra);
		api_log(r, 0, "api: %s: login refused: blocked for %u s after failed logins",
			r->peer ? r->peer : "-", wait);
		api_reply_error(r, 429, "too many failed logins; retry in %u s",
				wait);
		return;
	}
	body = api_body(r, &len);
	if (!body) {
		api_reply_error(r, 500, "out of memory");
		return;
	}
	/* strip one trailing line end, as sent by `curl --data-binary @file` */
	while (len && (body[len - 1] == '\n' || body[len - 1] == '\r'))
		body[--len] = '\0';
	if (strlen(body) != len || strncmp(body, "user=", 5) ||
	    !(sp = strchr(body, ' ')) || strncmp(sp + 1, "passwd=", 7)) {
		free(body);
		api_reply_error(r, 400, "malformed body: expected 'user=NAME passwd=PASSWORD'");
		return;
	}
	*sp = '\0';
	user = body + 5;
	pw = sp + 8;
	pwlen = strlen(pw);
	r->user_name = "-";
	wait = r->auth && *user ? api_rl_user_blocked(r->auth, user, now) : 0;
	if (wait) {
		api_log(r, 0, "api: %s: login as '%s' refused: that user is blocked for %u s",
			r->peer ? r->peer : "-", user, wait);
		free(body);
		api_reply_error(r, 429, "too many failed logins; retry in %u s",
				wait);
		return;
	}
	u = r->auth && *user ? api_auth_login(r->auth, user, pw, pwlen) : NULL;
	if (!u) {
		/* review M10: at every debug level, for fail2ban and the like */
		api_log(r, 0, "api: %s: failed login as '%s'",
			r->peer ? r->peer : "-", user);
		if (r->auth)
			api_rl_fail(r->auth, r->peer, user, now);
		free(body);
		api_reply_error(r, 401, "invalid user or password");
		return;
	}
	if (api_session_create(r->auth, u->name, now, &s)) {
		free(body);
		api_reply_error(r, 500, "cannot create a session");
		return;
	}
	r->user = u;
	r->user_name = u->name;
	set_cookie(r, "user", s.user, (long)r->auth->ttl);
	set_cookie(r, "ts", s.ts, (long)r->auth->ttl);
	set_cookie(r, "nonce", s.nonce, (long)r->auth->ttl);
	set_cookie(r, "token", s.token, (long)r->auth->ttl);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "status", "authenticated");
	cJSON_AddStringToObject(o, "user", u->name);
	cJSON_AddNumberToObject(o, "level", u->level);
	cJSON_AddNumberToObject(o, "expires", (double)(now + r->auth->ttl));
	free(body);
	api_reply_json(r, 200, o);
}

static void route_logout(struct api_req *r)
{
	char *user = api_cookie(r, "user"), *ts = api_cookie(r, "ts");
	char *tok = api_cookie(r, "token");
	cJSON *o;

	api_session_revoke(r->auth, user, ts, tok, time(NULL));
	free(user);
	free(ts);
	free(tok);
	set_cookie(r, "user", "", 0);
	set_cookie(r, "ts", "", 0);
	set_cookie(r, "nonce", "", 0);
	set_cookie(r, "token", "", 0);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "status", "logged out");
	api_reply_json(r, 200, o);
}

/* ---------------- read routes ---------------- */

static cJSON *vr_list(struct api_req *r)
{
	char err[256] = "";
	cJSON *l;

	if (!r->be->vr_list) {
		api_reply_error(r, 503, "no VR backend");
		return NULL;
	}
	l = r->be->vr_list(r->be->ctx, err, sizeof(err));
	if (!l || !cJSON_IsArray(l)) {
		cJSON_Delete(l);
		api_reply_error(r, 503, "cannot read VRs: %s",
				err[0] ? err : "unknown error");
		return NULL;
	}
	return l;
}

static bool vr_match(const cJSON *vr, int group, const char *ifname,
		     const char *family)
{
	double d;
	const char *n = jstr(vr, API_K_IFNAME), *f = jstr(vr, API_K_FAMILY);

	if (group > 0 && (!jnum(vr, API_K_VRID, &d) || (int)d != group))
		return false;
	if (ifname && (!n || strcmp(n, ifname)))
		return false;
	if (family && strcmp(f ? f : "inet", family))
		return false;
	return true;
}

static void route_run_vrrp(struct api_req *r, int group, const char *ifname)
{
	cJSON *l = vr_list(r), *out, *vr;

	if (!l)
		return;
	if (ifname) {
		const char *fam = query_family(r);

		cJSON_ArrayForEach(vr, l) {
			if (vr_match(vr, group, ifname, fam)) {
				out = api_vr_rvrrpd(vr, true);
				cJSON_Delete(l);
				api_reply_json(r, 200, out);
				return;
			}
		}
		cJSON_Delete(l);
		api_reply_error(r, 404, "no VR for group %d on interface %s (%s)",
				group, ifname, fam);
		return;
	}
	out = cJSON_CreateArray();
	cJSON_ArrayForEach(vr, l)
		if (vr_match(vr, group, NULL, NULL))
			cJSON_AddItemToArray(out, api_vr_rvrrpd(vr, false));
	cJSON_Delete(l);
	api_reply_json(r, 200, out);
}

static void route_run_global(struct api_req *r)
{
	cJSON *o = r->be->settings ? r->be->settings(r->be->ctx) : NULL;
	char err[256] = "";

	if (!o)
		o = cJSON_CreateObject();
	if (r->be->global) {
		cJSON *g = r->be->global(r->be->ctx, err, sizeof(err));

		if (!g) {
			cJSON_Delete(o);
			api_reply_error(r, 503, "cannot read global state: %s",
					err[0] ? err : "unknown error");
			return;
		}
		cJSON_AddItemToObject(o, "kernel", g);
	}
	api_reply_json(r, 200, o);
}

/* routes installed by master VRs: {"static":[{...,"group","interface","installed"}]} */
static cJSON *static_routes(const cJSON *l)
{
	cJSON *arr = cJSON_CreateArray();
	const cJSON *vr, *rt;

	cJSON_ArrayForEach(vr, l) {
		const cJSON *routes = cJSON_GetObjectItemCaseSensitive(vr, API_K_ROUTES);
		bool master = !strcmp(rvrrpd_state(vr), "Master");

		cJSON_ArrayForEach(rt, routes) {
			cJSON *o = cJSON_Duplicate(rt, 1);

			if (!cJSON_IsObject(o)) {
				cJSON_Delete(o);
				continue;
			}
			copy_num(o, "group", vr, API_K_VRID);
			cJSON_AddStringToObject(o, "interface",
						jstr(vr, API_K_IFNAME) ?
						jstr(vr, API_K_IFNAME) : "");
			cJSON_AddBoolToObject(o, "installed", master);
			cJSON_AddItemToArray(arr, o);
		}
	}
	return arr;
}

static void route_run_protocols(struct api_req *r, bool only_static)
{
	cJSON *l = vr_list(r), *arr, *o;

	if (!l)
		return;
	arr = static_routes(l);
	cJSON_Delete(l);
	if (only_static) {
		api_reply_json(r, 200, arr);
		return;
	}
	o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "static", arr);
	api_reply_json(r, 200, o);
}

static void route_config(struct api_req *r, const char *what)
{
	cJSON *cfg = r->be->config ? r->be->config(r->be->ctx) : NULL;
	cJSON *red, *out;

	if (!cfg)
		cfg = cJSON_CreateObject();
	/* only an admin sees the notify commands (review L7) */
	red = api_redact_config(cfg, !r->user || r->user->level != API_LEVEL_ADMIN);
	cJSON_Delete(cfg);
	if (!red) {
		api_reply_error(r, 500, "out of memory");
		return;
	}
	if (!strcmp(what, "global")) {
		/* everything but the vrouter and protocols sections */
		cJSON_DeleteItemFromObjectCaseSensitive(red, "vrouter");
		cJSON_DeleteItemFromObjectCaseSensitive(red, "protocols");
		api_reply_json(r, 200, red);
		return;
	}
	out = cJSON_DetachItemFromObjectCaseSensitive(red, what);
	cJSON_Delete(red);
	if (!out)
		out = !strcmp(what, "vrouter") ? cJSON_CreateArray() :
						  cJSON_CreateObject();
	api_reply_json(r, 200, out);
}

static void route_metrics(struct api_req *r)
{
	char err[256] = "";
	char *t = api_metrics_text(r->be, err, sizeof(err));

	if (!t) {
		api_reply_error(r, 503, "cannot read metrics: %s",
				err[0] ? err : "unknown error");
		return;
	}
	api_reply_text(r, 200, "text/plain; version=0.0.4; charset=utf-8", t);
	free(t);
}

/* ---------------- write routes ---------------- */

static cJSON *json_body(struct api_req *r)
{
	size_t len;
	char *b = api_body(r, &len);
	cJSON *j;

	if (!b) {
		api_reply_error(r, 500, "out of memory");
		return NULL;
	}
	j = cJSON_ParseWithLength(b, len);
	free(b);
	if (!cJSON_IsObject(j)) {
		cJSON_Delete(j);
		api_reply_error(r, 400, "body must be a JSON object");
		return NULL;
	}
	return j;
}

/*
 * The one map from a write's errno (vrops.h: the kernel's, or the tool's
 * own) to its HTTP status.
 */
static int errno_status(int err)
{
	switch (-err) {
	case ENOENT:		/* no such VR */
	case ENODEV:		/* no such interface */
		return 404;
	case EEXIST:		/* the VR exists */
	case EBUSY:
	case ENOSPC:		/* the namespace's VR limit */
		return 409;
	case EPERM:
	case EACCES:
		return 403;
	case EPROTONOSUPPORT:	/* no vrrp module */
	case EIO:
	case ENOMEM:
	case ENOBUFS:
		return 503;
	default:		/* EINVAL, ERANGE, EOPNOTSUPP, EMSGSIZE, ... */
		return 400;
	}
}

static void write_result(struct api_req *r, int rc, const char *err,
			 int okcode)
{
	cJSON *o;

	if (rc) {
		api_reply_error(r, errno_status(rc), "%s",
				err[0] ? err : strerror(rc < 0 ? -rc : rc));
		return;
	}
	api_server_invalidate(r->srv);	/* the reads see the write at once */
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "status", "ok");
	api_reply_json(r, okcode, o);
}

static void route_vr_put(struct api_req *r, int group, const char *ifname)
{
	static const char * const allowed[] = { "priority", "preempt",
						"preemption", NULL };
	char err[512] = "";
	cJSON *j, *it, *ch;
	int rc;

	if (!r->be->vr_set) {
		api_reply_error(r, 503, "no VR backend");
		return;
	}
	j = json_body(r);
	if (!j)
		return;
	ch = cJSON_CreateObject();
	cJSON_ArrayForEach(it, j) {
		int i;

		for (i = 0; allowed[i]; i++)
			if (!strcmp(it->string, allowed[i]))
				break;
		if (!allowed[i]) {
			api_reply_error(r, 400, "%s: unknown key (allowed: priority, preempt)",
					it->string);
			goto out;
		}
		if (!strcmp(it->string, "priority")) {
			if (!cJSON_IsNumber(it) || it->valuedouble != (int)it->valuedouble ||
			    it->valueint < 1 || it->valueint > 255) {
				api_reply_error(r, 400, "priority: expected an integer 1..255");
				goto out;
			}
			cJSON_AddNumberToObject(ch, "priority", it->valueint);
		} else {
			if (!cJSON_IsBool(it)) {
				api_reply_error(r, 400, "%s: expected true or false",
						it->string);
				goto out;
			}
			cJSON_AddBoolToObject(ch, "preempt", cJSON_IsTrue(it));
		}
	}
	if (!ch->child) {
		api_reply_error(r, 400, "nothing to change (keys: priority, preempt)");
		goto out;
	}
	rc = r->be->vr_set(r->be->ctx, ifname, query_family(r), group, ch,
			   err, sizeof(err));
	api_log(r, 0, "api: %s set VR %d on %s: %s", r->user_name, group,
		      ifname, rc ? err : "ok");
	write_result(r, rc, err, 200);
out:
	cJSON_Delete(ch);
	cJSON_Delete(j);
}

static void route_vr_add(struct api_req *r)
{
	char err[512] = "";
	size_t len;
	char *b;
	int rc;

	if (!r->be->vr_add) {
		api_reply_error(r, 503, "no VR backend");
		return;
	}
	b = api_body(r, &len);
	if (!b) {
		api_reply_error(r, 500, "out of memory");
		return;
	}
	rc = r->be->vr_add(r->be->ctx, b, len, err, sizeof(err));
	free(b);
	api_log(r, 0, "api: %s add VR: %s", r->user_name, rc ? err : "ok");
	write_result(r, rc, err, 201);
}

static void route_vr_del(struct api_req *r, int group, const char *ifname)
{
	char err[512] = "";
	int rc;

	if (!r->be->vr_del) {
		api_reply_error(r, 503, "no VR backend");
		return;
	}
	rc = r->be->vr_del(r->be->ctx, ifname, query_family(r), group, err,
			   sizeof(err));
	api_log(r, 0, "api: %s delete VR %d on %s: %s", r->user_name, group,
		      ifname, rc ? err : "ok");
	write_result(r, rc, err, 200);
}

static void route_vr_force(struct api_req *r, int group, const char *ifname)
{
	char err[512] = "";
	const char *st;
	cJSON *j;
	int rc;

	if (!r->be->vr_force) {
		api_reply_error(r, 503, "no VR backend");
		return;
	}
	j = json_body(r);
	if (!j)
		return;
	st = jstr(j, "state");
	if (!st || (strcmp(st, "master") && strcmp(st, "backup") &&
		    strcmp(st, "release"))) {
		cJSON_Delete(j);
		api_reply_error(r, 400, "state: expected \"master\", \"backup\" or \"release\"");
		return;
	}
	rc = r->be->vr_force(r->be->ctx, ifname, query_family(r), group, st,
			     err, sizeof(err));
	api_log(r, 0, "api: %s force VR %d on %s %s: %s", r->user_name,
		      group, ifname, st, rc ? err : "ok");
	cJSON_Delete(j);
	write_result(r, rc, err, 200);
}

/* ---------------- dispatch ---------------- */

static bool is(const struct api_req *r, const char *m)
{
	return !strcmp(r->method, m) ||
	       (!strcmp(m, "GET") && !strcmp(r->method, "HEAD"));
}

static void bad_method(struct api_req *r, const char *allow)
{
	evhttp_add_header(evhttp_request_get_output_headers(r->req), "Allow",
			  allow);
	api_reply_error(r, 405, "method %s not allowed here (allowed: %s)",
			r->method, allow);
}

void api_route(struct api_req *r)
{
	char seg[MAX_SEGS][64];
	int n = split_path(r->path, seg), group = -1;
	const char *ifname = NULL;

	if (n < 0) {
		/* too many or too long segments: no route, but say so only
		 * to a session, as for every other unknown path (review L3)
		 */
		if (session(r))
			api_reply_error(r, 404, "no such route");
		return;
	}
	if (n == 0) {
		if (!is(r, "GET")) {
			bad_method(r, "GET");
			return;
		}
		api_reply_text(r, 200, "text/html; charset=utf-8", welcome);
		return;
	}
	if (n == 1 && !strcmp(seg[0], "auth")) {
		if (!is(r, "POST")) {
			bad_method(r, "POST");
			return;
		}
		route_auth(r);
		return;
	}
	if (n == 1 && !strcmp(seg[0], "metrics")) {
		if (!is(r, "GET")) {
			bad_method(r, "GET");
			return;
		}
		if (api_metrics_auth(r) && !session(r))
			return;
		if (!api_cache_get(r))
			route_metrics(r);
		return;
	}
	/* every other route needs a session, even to learn that it is 404 */
	if (!session(r))
		return;

	if (n == 1 && !strcmp(seg[0], "logout")) {
		if (!is(r, "POST")) {
			bad_method(r, "POST");
			return;
		}
		route_logout(r);
		return;
	}
	if (!strcmp(seg[0], "run") && n >= 2) {
		if (!strcmp(seg[1], "vrrp") && n <= 5) {
			if (n >= 3) {
				group = parse_group(seg[2]);
				if (group < 0) {
					api_reply_error(r, 400, "group must be 1..255");
					return;
				}
			}
			if (n >= 4) {
				if (!valid_ifname(seg[3])) {
					api_reply_error(r, 400, "invalid interface name");
					return;
				}
				ifname = seg[3];
			}
			if (n == 5) {
				if (strcmp(seg[4], "force")) {
					api_reply_error(r, 404, "no such route");
					return;
				}
				if (!is(r, "POST")) {
					bad_method(r, "POST");
					return;
				}
				if (admin(r))
					route_vr_force(r, group, ifname);
				return;
			}
			if (n == 4 && is(r, "PUT")) {
				if (admin(r))
					route_vr_put(r, group, ifname);
				return;
			}
			if (n == 4 && is(r, "DELETE")) {
				if (admin(r))
					route_vr_del(r, group, ifname);
				return;
			}
			if (!is(r, "GET")) {
				bad_method(r, n == 4 ? "GET, PUT, DELETE" : "GET");
				return;
			}
			if (!api_cache_get(r))
				route_run_vrrp(r, group, ifname);
			return;
		}
		if (!strcmp(seg[1], "global") && n == 2) {
			if (!is(r, "GET")) {
				bad_method(r, "GET");
				return;
			}
			if (!api_cache_get(r))
				route_run_global(r);
			return;
		}
		if (!strcmp(seg[1], "protocols") &&
		    (n == 2 || (n == 3 && !strcmp(seg[2], "static")))) {
			if (!is(r, "GET")) {
				bad_method(r, "GET");
				return;
			}
			if (!api_cache_get(r))
				route_run_protocols(r, n == 3);
			return;
		}
	}
	if (!strcmp(seg[0], "config") && n == 2 &&
	    (!strcmp(seg[1], "global") || !strcmp(seg[1], "vrouter") ||
	     !strcmp(seg[1], "protocols"))) {
		if (!strcmp(seg[1], "vrouter") && is(r, "POST")) {
			if (admin(r))
				route_vr_add(r);
			return;
		}
		if (!is(r, "GET")) {
			bad_method(r, !strcmp(seg[1], "vrouter") ?
					  "GET, POST" : "GET");
			return;
		}
		route_config(r, seg[1]);
		return;
	}
	api_reply_error(r, 404, "no such route");
}
