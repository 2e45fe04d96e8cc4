/* SPDX-License-Identifier: GPL-2.0 */
/*
 * REST/HTTPS API of `vrrpctl daemon` (libevent evhttp, OpenSSL, cJSON).
 *
 * The server gets all VR data through struct api_backend, so the routes can
 * be tested with a fake backend; the daemon wires it to the netlink layer.
 * VR objects exchanged with the backend use the `vrrpctl show -j -s` keys
 * listed below (API_K_*).
 */
#ifndef VRRP_TOOL_API_H
#define VRRP_TOOL_API_H

#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>

#include "users.h"

struct event_base;
struct evhttp;
struct evhttp_request;

/* Keys read from the backend's VR objects (`vrrpctl show -j -s`) */
#define API_K_IFNAME		"interface"	/* string */
#define API_K_FAMILY		"family"	/* "inet" | "inet6" */
#define API_K_VRID		"vrid"		/* int */
#define API_K_VERSION		"version"	/* int */
#define API_K_STATE		"state"		/* "Init"|"Backup"|"Master" (any case) */
#define API_K_PRIO		"priority"	/* int, configured */
#define API_K_EFF_PRIO		"effective_priority"
#define API_K_PREEMPT		"preempt"	/* bool */
#define API_K_ADMIN_UP		"admin_up"	/* bool, optional */
#define API_K_VIPS		"vips"		/* ["10.0.0.1/32", ...] or [{"addr":..}] */
#define API_K_ADVERT_MS		"advert_ms"	/* int, milliseconds */
#define API_K_MDOWN_US		"master_down_us"
#define API_K_SKEW_US		"skew_us"
#define API_K_AUTH_TYPE		"auth_type"	/* "none"|"simple"|"p0"|"p1" or number */
#define API_K_VMAC		"vmac"		/* "00:00:5e:00:01:01" */
#define API_K_VMAC_MODE		"vmac_mode"
#define API_K_VIFNAME		"vif"
#define API_K_MASTER		"master"	/* address string */
#define API_K_ROUTES		"routes"	/* [{"dst":"0.0.0.0/0","gateway":..}] */
#define API_K_STATS		"stats"		/* object of counters (numbers) */
#define API_K_TRANSITIONS	"master_transitions"	/* inside stats */

struct api_backend {
	void *ctx;
	/* All VRs (JSON array, caller frees). NULL + err on failure. */
	cJSON *(*vr_list)(void *ctx, char *err, size_t errlen);
	/* Global counters object {"vr_count":N,"stats":{...}}; NULL + err. */
	cJSON *(*global)(void *ctx, char *err, size_t errlen);
	/*
	 * Write operations: return 0, or a negative errno with err (the
	 * kernel's extack message, see vrops.h); api_routes.c maps the errno
	 * to the HTTP status (-ENOENT/-ENODEV 404, -EEXIST 409, -EINVAL 400,
	 * -EPROTONOSUPPORT 503 ...). family is "inet" or "inet6".
	 */
	int (*vr_set)(void *ctx, const char *ifname, const char *family,
		      int vrid, const cJSON *changes, char *err, size_t errlen);
	int (*vr_add)(void *ctx, const char *body, size_t len,
		      char *err, size_t errlen);
	int (*vr_del)(void *ctx, const char *ifname, const char *family,
		      int vrid, char *err, size_t errlen);
	int (*vr_force)(void *ctx, const char *ifname, const char *family,
			int vrid, const char *state, char *err, size_t errlen);
	/* The loaded config document as JSON (not redacted; caller frees) */
	cJSON *(*config)(void *ctx);
	/* Running global settings {"debug":..,"pid":..} (caller frees) */
	cJSON *(*settings)(void *ctx);
};

struct api_opts {
	const char *host;	/* "0.0.0.0:7080", "[::]:7080", ":7080" */
	bool tls;
	const char *tls_key, *tls_cert;
	bool metrics_auth;	/* default true */
	size_t max_body;	/* 0 = 64 KiB */
	size_t max_headers;	/* 0 = 8 KiB */
	unsigned int max_conns;	/* open connections, 0 = API_MAX_CONNS */
	/* seconds for each request, from accept or its first byte; 0 = 10 */
	unsigned int request_timeout;
	/* request log: level 0 info .. 5 extensive */
	void (*log)(int level, const char *fmt, ...)
		__attribute__((format(printf, 2, 3)));
};

#define API_MAX_CONNS		1000
#define API_REQUEST_TIMEOUT	10

struct api_server;

/*
 * Start listening on base. auth is owned by the caller and must outlive
 * the server (it may be replaced with api_server_set_auth on reload).
 * Returns NULL with err on failure (bad host, bind error, TLS files).
 */
struct api_server *api_server_new(struct event_base *base,
				  const struct api_opts *o,
				  const struct api_backend *be,
				  struct api_auth *auth,
				  char *err, size_t errlen);
void api_server_set_auth(struct api_server *s, struct api_auth *auth);
/*
 * The read routes' answers are kept for API_CACHE_MS, so that a poller at
 * a thousand requests a second costs the daemon one netlink dump and one
 * JSON document per period. A write through the API, and any event from
 * the kernel (the daemon calls this), drop them at once.
 */
#define API_CACHE_MS	100
void api_server_invalidate(struct api_server *s);
/*
 * SIGHUP: a new TLS context from KEY and CERT for the connections to come
 * (no-op without TLS). On error the old one stays and err says why.
 */
int api_server_reload_tls(struct api_server *s, const char *key,
			  const char *cert, char *err, size_t errlen);
/* The bound port (useful with port 0, which picks a free one) */
unsigned short api_server_port(const struct api_server *s);
void api_server_free(struct api_server *s);

/* Split "host:port" / "[v6]:port" / ":port" (port 0 = any); 0 or -1. */
int api_split_host(const char *in, char *host, size_t hostlen,
		   unsigned short *port);

/* ---- internals shared by api.c, api_routes.c and metrics.c ---- */

struct api_req {
	struct api_server *srv;
	struct evhttp_request *req;
	const struct api_backend *be;
	struct api_auth *auth;
	const char *method;		/* "GET", ... */
	const char *path;		/* decoded path, no query */
	const char *query;		/* raw query or NULL */
	const char *peer;		/* source address */
	bool tls;
	const struct api_user *user;	/* after a valid session */
	const char *user_name;		/* for the log: "-" if none */
	int status;			/* for the log */
	bool cache;			/* keep a 200 answer: api_cache_get() */
};

/* Reply helpers (api.c) */
void api_reply_json(struct api_req *r, int code, cJSON *body);	/* frees body */
void api_reply_error(struct api_req *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void api_reply_text(struct api_req *r, int code, const char *ctype,
		    const char *text);
/* Request body as a NUL-terminated copy (caller frees), *len set */
char *api_body(struct api_req *r, size_t *len);
/*
 * A fresh kept answer to this GET (path and query) is sent and true
 * returned; else false, and the route's 200 answer will be kept.
 */
bool api_cache_get(struct api_req *r);
/* Value of cookie name (caller frees) or NULL */
char *api_cookie(struct api_req *r, const char *name);
bool api_metrics_auth(const struct api_req *r);
void api_log(struct api_req *r, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Route dispatch (api_routes.c) */
void api_route(struct api_req *r);
/* rVRRPd shapes, exported for tests */
cJSON *api_vr_rvrrpd(const cJSON *vr, bool detail);
/* secrets always; with notify, the notify commands too (for non-admins) */
cJSON *api_redact_config(const cJSON *cfg, bool notify);

/* Prometheus text (metrics.c); returns malloc'd text or NULL + err */
char *api_metrics_text(const struct api_backend *be, char *err, size_t errlen);

#endif /* VRRP_TOOL_API_H */
