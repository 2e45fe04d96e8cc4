// SPDX-License-Identifier: GPL-2.0
/*
 * REST/HTTPS API server: libevent evhttp (HTTP/1.1, keep-alive), OpenSSL
 * bufferevents for TLS, request limits, reply helpers and the request log.
 * Routes are in api_routes.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/queue.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <event2/listener.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "api.h"

struct api_conn;

struct api_server {
	struct event_base *base;
	struct evhttp *http;
	SSL_CTX *ssl;
	struct api_opts o;
	struct api_backend be;
	struct api_auth *auth;
	struct evhttp_bound_socket *sock;
	/* out of file descriptors (review H2): see accept_error() */
	int spare_fd;			/* given up to take one connection */
	struct event *resume;		/* listener paused, then resumed */
	unsigned long refused;		/* connections closed, not served */
	time_t refused_logged;
	bool paused;			/* by accept_error(), for a second */
	/* open connections (review H2): see conn_bevcb() */
	LIST_HEAD(, api_conn) conns;
	unsigned int nconns, max_conns;
	struct timeval req_timeout;
	unsigned long timed_out;	/* requests cut at their deadline */
	time_t full_logged, timeout_logged;
	/* answers of the read routes: see api_cache_get() */
	struct api_cached {
		char *key, *body;
		const char *ctype;	/* a literal */
		struct timespec at;
	} cache[8];
	unsigned int cache_next;
	struct api_server *next;	/* servers, for accept_error() */
};

/* libevent gives the listener's error callback evhttp's argument, not ours */
static struct api_server *servers;

static void nolog(int level, const char *fmt, ...)
{
	(void)level;
	(void)fmt;
}

int api_split_host(const char *in, char *host, size_t hostlen,
		   unsigned short *port)
{
	const char *colon;
	char *end;
	unsigned long p;
	size_t n;

	if (!in || !*in)
		return -1;
	if (in[0] == '[') {
		const char *rb = strchr(in, ']');

		if (!rb || rb[1] != ':')
			return -1;
		n = (size_t)(rb - in - 1);
		if (n == 0 || n >= hostlen)
			return -1;
		memcpy(host, in + 1, n);
		host[n] = '\0';
		colon = rb + 1;
	} else {
		colon = strrchr(in, ':');
		if (!colon || strchr(in, ':') != colon)
			return -1;
		n = (size_t)(colon - in);
		if (n >= hostlen)
			return -1;
		memcpy(host, in, n);
		host[n] = '\0';
		if (n == 0)
			snprintf(host, hostlen, "0.0.0.0");
	}
	errno = 0;
	p = strtoul(colon + 1, &end, 10);
	if (!colon[1] || *end || errno || p > 65535)
		return -1;
	*port = (unsigned short)p;
	return 0;
}

/*
 * Every API log line goes through here: the path and the user name come
 * from the client, so control bytes (CR, LF, ESC...) are written as \xHH
 * and a client cannot forge lines or send terminal escapes (review M4).
 */
static void log_safe(struct api_server *s, int level, const char *msg)
{
	char out[4096];
	size_t o = 0;

	for (; *msg && o + 5 < sizeof(out); msg++) {
		unsigned char c = (unsigned char)*msg;

		if (c < 0x20 || c == 0x7f || c == '\\')
			o += (size_t)snprintf(out + o, sizeof(out) - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	s->o.log(level, "%s", out);
}

static void log_request(struct api_req *r)
{
	char msg[2048];

	snprintf(msg, sizeof(msg), "api: %s %s %s %s %d",
		 r->peer ? r->peer : "-", r->method, r->path ? r->path : "?",
		 r->user_name ? r->user_name : "-", r->status);
	log_safe(r->srv, r->status >= 400 ? 1 : 2, msg);
}

static void add_common_headers(struct api_req *r)
{
	struct evkeyvalq *h = evhttp_request_get_output_headers(r->req);

	evhttp_add_header(h, "Cache-Control", "no-store");
	evhttp_add_header(h, "X-Content-Type-Options", "nosniff");
	evhttp_add_header(h, "Server", "vrrpctl");
}

static const char *reason(int code)
{
	switch (code) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	}
	return "Unknown";
}

/* ---- the read routes' answers, kept for API_CACHE_MS ---- */

static long ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000 +
	       (now.tv_nsec - t->tv_nsec) / 1000000;
}

static char *cache_key(const struct api_req *r)
{
	size_t n = strlen(r->path) + (r->query ? strlen(r->query) : 0) + 2;
	char *k = malloc(n);

	if (k)
		snprintf(k, n, "%s?%s", r->path, r->query ? r->query : "");
	return k;
}

static void cache_drop(struct api_cached *c)
{
	free(c->key);
	free(c->body);
	memset(c, 0, sizeof(*c));
}

void api_server_invalidate(struct api_server *s)
{
	size_t i;

	for (i = 0; s && i < sizeof(s->cache) / sizeof(s->cache[0]); i++)
		cache_drop(&s->cache[i]);
}

bool api_cache_get(struct api_req *r)
{
	struct api_server *s = r->srv;
	char *key = cache_key(r);
	size_t i;

	r->cache = key != NULL;
	for (i = 0; key && i < sizeof(s->cache) / sizeof(s->cache[0]); i++) {
		struct api_cached *c = &s->cache[i];

		if (!c->key || strcmp(c->key, key))
			continue;
		if (ms_since(&c->at) >= API_CACHE_MS) {
			cache_drop(c);
			break;
		}
		free(key);
		r->cache = false;
		api_reply_text(r, 200, c->ctype, c->body);
		return true;
	}
	free(key);
	return false;
}

static void cache_put(struct api_req *r, const char *ctype, const char *text)
{
	struct api_server *s = r->srv;
	struct api_cached *c = &s->cache[s->cache_next];

	s->cache_next = (s->cache_next + 1) %
			(unsigned int)(sizeof(s->cache) / sizeof(s->cache[0]));
	cache_drop(c);
	c->key = cache_key(r);
	c->body = strdup(text);
	if (!c->key || !c->body) {
		cache_drop(c);
		return;
	}
	c->ctype = ctype;
	clock_gettime(CLOCK_MONOTONIC, &c->at);
}

void api_reply_text(struct api_req *r, int code, const char *ctype,
		    const char *text)
{
	struct evbuffer *b = evbuffer_new();

	add_common_headers(r);
	evhttp_add_header(evhttp_request_get_output_headers(r->req),
			  "Content-Type", ctype);
	r->status = code;
	if (evhttp_request_get_command(r->req) == EVHTTP_REQ_HEAD) {
		/* the length a GET would get, and no body (review L2) */
		char cl[24];

		snprintf(cl, sizeof(cl), "%zu", text ? strlen(text) : 0);
		evhttp_add_header(evhttp_request_get_output_headers(r->req),
				  "Content-Length", cl);
		evhttp_send_reply(r->req, code, reason(code), NULL);
		if (b)
			evbuffer_free(b);
		log_request(r);
		return;
	}
	if (b && text)
		evbuffer_add(b, text, strlen(text));
	if (r->cache && code == 200 && text)
		cache_put(r, ctype, text);
	evhttp_send_reply(r->req, code, reason(code), b);
	if (b)
		evbuffer_free(b);
	log_request(r);
}

void api_reply_json(struct api_req *r, int code, cJSON *body)
{
	char *s = body ? cJSON_PrintUnformatted(body) : NULL;

	cJSON_Delete(body);
	if (!s) {
		api_reply_text(r, 500, "application/json",
			       "{\"error\":\"out of memory\"}\n");
		return;
	}
	/* one trailing newline, friendlier for curl users */
	{
		size_t n = strlen(s);
		char *t = realloc(s, n + 2);

		if (t) {
			s = t;
			s[n] = '\n';
			s[n + 1] = '\0';
		}
	}
	api_reply_text(r, code, "application/json", s);
	free(s);
}

void api_reply_error(struct api_req *r, int code, const char *fmt, ...)
{
	char msg[512];
	cJSON *o = cJSON_CreateObject();
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cJSON_AddNumberToObject(o, "code", code);
	cJSON_AddStringToObject(o, "error", msg);
	if (code == 401)
		evhttp_add_header(evhttp_request_get_output_headers(r->req),
				  "WWW-Authenticate", "Cookie realm=\"vrrpctl\"");
	api_reply_json(r, code, o);
}

char *api_body(struct api_req *r, size_t *len)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(r->req);
	size_t n = evbuffer_get_length(in);
	char *s = malloc(n + 1);

	if (!s)
		return NULL;
	if (n && evbuffer_copyout(in, s, n) != (ev_ssize_t)n) {
		free(s);
		return NULL;
	}
	s[n] = '\0';
	if (len)
		*len = n;
	return s;
}

/*
 * Cookie header: "a=1; b=2". The first occurrence wins. Values may be
 * double-quoted. Returns NULL on absence or anything odd.
 */
char *api_cookie(struct api_req *r, const char *name)
{
	struct evkeyvalq *h = evhttp_request_get_input_headers(r->req);
	struct evkeyval *kv;
	size_t nlen = strlen(name);

	TAILQ_FOREACH(kv, h, next) {
		const char *p;

		if (evutil_ascii_strcasecmp(kv->key, "Cookie"))
			continue;
		p = kv->value;
		while (p && *p) {
			const char *end, *eq;
			size_t klen, vlen;

			while (*p == ' ' || *p == '\t' || *p == ';')
				p++;
			end = strchr(p, ';');
			if (!end)
				end = p + strlen(p);
			eq = memchr(p, '=', (size_t)(end - p));
			if (eq) {
				klen = (size_t)(eq - p);
				while (klen && (p[klen - 1] == ' '))
					klen--;
				if (klen == nlen && !memcmp(p, name, nlen)) {
					const char *v = eq + 1;
					char *out;

					vlen = (size_t)(end - v);
					while (vlen && v[vlen - 1] == ' ')
						vlen--;
					if (vlen >= 2 && v[0] == '"' &&
					    v[vlen - 1] == '"') {
						v++;
						vlen -= 2;
					}
					if (vlen > 256)
						return NULL;
					out = malloc(vlen + 1);
					if (!out)
						return NULL;
					memcpy(out, v, vlen);
					out[vlen] = '\0';
					return out;
				}
			}
			p = *end ? end + 1 : end;
		}
	}
	return NULL;
}

void api_log(struct api_req *r, int level, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_safe(r->srv, level, msg);
}

bool api_metrics_auth(const struct api_req *r)
{
	return r->srv->o.metrics_auth;
}

static const char *method_name(enum evhttp_cmd_type t)
{
	switch (t) {
	case EVHTTP_REQ_GET:		return "GET";
	case EVHTTP_REQ_POST:		return "POST";
	case EVHTTP_REQ_HEAD:		return "HEAD";
	case EVHTTP_REQ_PUT:		return "PUT";
	case EVHTTP_REQ_DELETE:		return "DELETE";
	case EVHTTP_REQ_OPTIONS:	return "OPTIONS";
	case EVHTTP_REQ_TRACE:		return "TRACE";
	case EVHTTP_REQ_CONNECT:	return "CONNECT";
	case EVHTTP_REQ_PATCH:		return "PATCH";
	}
	return "?";
}

/*
 * Connections (review H2). evhttp in libevent 2.1 has no connection limit,
 * and its timeout is per read, so a client that sends a byte every few
 * seconds keeps a connection for ever. Each connection is counted from
 * its bufferevent (conn_bevcb) to evhttp's close callback, set as soon as
 * evhttp has made the connection (conn_setup: evhttp is the bufferevent's
 * callback argument).
 *  - With max_conns open the listener stops accepting: new clients wait in
 *    the kernel's backlog until a connection closes.
 *  - Each request must be complete (headers and body) within req_timeout
 *    of the accept (which covers the TLS handshake) or of the previous
 *    request; an idle keep-alive connection has that long too. Past it the
 *    socket is shut down, and evhttp, reading EOF, closes the connection
 *    through its own path.
 */
struct api_conn {
	struct api_server *srv;		/* NULL once the server is gone */
	struct bufferevent *bev;
	struct evhttp_connection *evcon;	/* once set up */
	struct event *deadline, *setup;
	LIST_ENTRY(api_conn) link;
};

static void listener_update(struct api_server *s)
{
	struct evconnlistener *l;
	time_t now;

	if (!s->sock)
		return;
	l = evhttp_bound_socket_get_listener(s->sock);
	if (s->nconns < s->max_conns) {
		if (!s->paused)
			evconnlistener_enable(l);
		return;
	}
	evconnlistener_disable(l);
	now = time(NULL);
	if (now - s->full_logged >= 60) {
		s->o.log(0, "api: %u connections open (max_connections): new ones wait",
			 s->nconns);
		s->full_logged = now;
	}
}

static void conn_deadline(evutil_socket_t fd, short ev, void *arg)
{
	struct api_conn *c = arg;
	struct api_server *s = c->srv;
	evutil_socket_t sfd = bufferevent_getfd(c->bev);
	time_t now = time(NULL);

	(void)fd;
	(void)ev;
	if (sfd >= 0)
		shutdown(sfd, SHUT_RDWR);
	if (!s)
		return;
	s->timed_out++;
	if (now - s->timeout_logged >= 60) {
		s->o.log(0, "api: %lu connection(s) closed: no complete request within %lds",
			 s->timed_out, (long)s->req_timeout.tv_sec);
		s->timeout_logged = now;
		s->timed_out = 0;
	}
}

static void conn_gone(struct api_conn *c)
{
	struct api_server *s = c->srv;

	event_free(c->deadline);
	event_free(c->setup);
	if (s) {
		LIST_REMOVE(c, link);
		s->nconns--;
		listener_update(s);
	}
	free(c);
}

static void conn_closed(struct evhttp_connection *evcon, void *arg)
{
	(void)evcon;
	conn_gone(arg);
}

/* Runs once evhttp_get_request() is done with the new connection */
static void conn_setup(evutil_socket_t fd, short ev, void *arg)
{
	struct api_conn *c = arg;
	struct bufferevent *bev = c->bev;
	void *evcon = NULL;

	(void)fd;
	(void)ev;
	bufferevent_getcb(bev, NULL, NULL, NULL, &evcon);
	if (evcon && c->srv) {
		int one = 1;

		c->evcon = evcon;
		evhttp_connection_set_closecb(evcon, conn_closed, c);
		/*
		 * A reply is written in pieces (headers, body; TLS records):
		 * without this, Nagle holds the last one until the client's
		 * delayed ACK, up to 40 ms a reply.
		 */
		setsockopt(bufferevent_getfd(bev), IPPROTO_TCP, TCP_NODELAY,
			   &one, sizeof(one));
	} else {
		conn_gone(c);	/* evhttp gave it up (its callbacks cleared) */
	}
	bufferevent_decref(bev);	/* taken in conn_bevcb() */
}

/* A request reached the handler: the next one has a new deadline */
static void conn_request_done(struct api_server *s, struct evhttp_connection *evcon)
{
	struct api_conn *c;

	LIST_FOREACH(c, &s->conns, link)
		if (c->evcon == evcon) {
			event_add(c->deadline, &s->req_timeout);
			return;
		}
}

static struct bufferevent *conn_bevcb(struct event_base *base, void *arg)
{
	struct api_server *s = arg;
	struct api_conn *c = calloc(1, sizeof(*c));
	SSL *ssl;

	if (!c)
		return NULL;	/* evhttp makes a plain one; not counted */
	c->srv = s;
	c->deadline = evtimer_new(base, conn_deadline, c);
	c->setup = event_new(base, -1, 0, conn_setup, c);
	if (!c->deadline || !c->setup)
		goto fail;
	if (s->ssl) {
		ssl = SSL_new(s->ssl);
		if (!ssl)
			goto fail;
		c->bev = bufferevent_openssl_socket_new(base, -1, ssl,
							BUFFEREVENT_SSL_ACCEPTING,
							BEV_OPT_CLOSE_ON_FREE);
		if (!c->bev) {
			SSL_free(ssl);
			goto fail;
		}
		bufferevent_openssl_set_allow_dirty_shutdown(c->bev, 1);
	} else {
		/* as evhttp's own: evhttp closes the socket */
		c->bev = bufferevent_socket_new(base, -1, 0);
		if (!c->bev)
			goto fail;
	}
	bufferevent_incref(c->bev);	/* until conn_setup() has looked */
	event_active(c->setup, EV_TIMEOUT, 0);
	event_add(c->deadline, &s->req_timeout);
	LIST_INSERT_HEAD(&s->conns, c, link);
	s->nconns++;
	if (s->nconns >= s->max_conns)
		listener_update(s);
	return c->bev;
fail:
	if (c->deadline)
		event_free(c->deadline);
	if (c->setup)
		event_free(c->setup);
	free(c);
	return NULL;
}

/*
 * The descriptors a server may use: max_conns plus a margin for the log,
 * netlink and the like. The soft limit is raised towards the hard one;
 * if that is not enough, max_conns is lowered to what fits.
 */
static void conns_limit(struct api_server *s)
{
	const rlim_t margin = 64;
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return;
	if (rl.rlim_cur < s->max_conns + margin) {
		rlim_t want = s->max_conns + margin;

		rl.rlim_cur = rl.rlim_max < want ? rl.rlim_max : want;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur < s->max_conns + margin) {
		unsigned int n = rl.rlim_cur > 2 * margin ?
				 (unsigned int)(rl.rlim_cur - margin) :
				 (unsigned int)(rl.rlim_cur / 2);

		s->o.log(0, "api: open files limit %llu: max_connections lowered from %u to %u",
			 (unsigned long long)rl.rlim_cur, s->max_conns, n ? n : 1);
		s->max_conns = n ? n : 1;
	}
}

static void handler(struct evhttp_request *req, void *arg)
{
	struct api_server *s = arg;
	struct api_req r = {
		.srv = s, .req = req, .be = &s->be, .auth = s->auth,
		.tls = s->ssl != NULL, .user_name = "-",
	};
	struct evhttp_connection *conn = evhttp_request_get_connection(req);
	const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
	char *peer = NULL, *decoded = NULL;
	ev_uint16_t port = 0;
	const char *rawpath;

	conn_request_done(s, conn);
	if (conn)
		evhttp_connection_get_peer(conn, &peer, &port);
	r.peer = peer ? peer : "-";
	r.method = method_name(evhttp_request_get_command(req));
	rawpath = uri ? evhttp_uri_get_path(uri) : NULL;
	if (!rawpath || rawpath[0] != '/' || strlen(rawpath) > 1024) {
		r.path = rawpath ? "(bad)" : "(none)";
		api_reply_error(&r, 400, "malformed request path");
		return;
	}
	/* decode %XX, refuse embedded NULs */
	{
		size_t n = 0;

		decoded = evhttp_uridecode(rawpath, 0, &n);
		if (!decoded || strlen(decoded) != n) {
			free(decoded);
			r.path = "(bad)";
			api_reply_error(&r, 400, "malformed request path");
			return;
		}
	}
	r.path = decoded;
	r.query = evhttp_uri_get_query(uri);
	api_route(&r);
	free(decoded);
}

/*
 * A TLS context for KEY and CERT (review M8): TLS 1.2 or later, and for
 * TLS 1.2 only ECDHE with AEAD (forward secrecy; TLS 1.3's suites are all
 * so); a key file that others may read or anyone but its owner may write
 * is refused.
 */
static SSL_CTX *tls_ctx(const char *key, const char *cert, char *err,
			size_t errlen)
{
	struct stat st;
	unsigned long e;
	SSL_CTX *c;

	if (!key || !*key || !cert || !*cert) {
		snprintf(err, errlen, "api: tls = true needs tls_key and tls_cert");
		return NULL;
	}
	if (stat(key, &st)) {
		snprintf(err, errlen, "api: tls_key %s: %s", key, strerror(errno));
		return NULL;
	}
	if (st.st_mode & (S_IRWXO | S_IWGRP)) {
		snprintf(err, errlen, "api: tls_key %s: mode %03o: others may read or write it (chmod 600)",
			 key, (unsigned int)(st.st_mode & 0777));
		return NULL;
	}
	/* after the daemon dropped root (review M9), say so plainly */
	if (access(key, R_OK)) {
		snprintf(err, errlen, "api: tls_key %s: %s (uid %u)", key,
			 strerror(errno), (unsigned int)geteuid());
		return NULL;
	}
	c = SSL_CTX_new(TLS_server_method());
	if (!c) {
		snprintf(err, errlen, "api: cannot create TLS context");
		return NULL;
	}
	SSL_CTX_set_min_proto_version(c, TLS1_2_VERSION);
	SSL_CTX_set_options(c, SSL_OP_NO_RENEGOTIATION |
			    SSL_OP_CIPHER_SERVER_PREFERENCE);
	if (SSL_CTX_set_cipher_list(c, "ECDHE+AESGCM:ECDHE+CHACHA20") != 1) {
		snprintf(err, errlen, "api: no TLS 1.2 cipher left");
		goto fail;
	}
	if (SSL_CTX_use_certificate_chain_file(c, cert) != 1) {
		e = ERR_get_error();
		snprintf(err, errlen, "api: tls_cert %s: %s", cert,
			 ERR_reason_error_string(e) ? ERR_reason_error_string(e) : "error");
		goto fail;
	}
	if (SSL_CTX_use_PrivateKey_file(c, key, SSL_FILETYPE_PEM) != 1) {
		e = ERR_get_error();
		snprintf(err, errlen, "api: tls_key %s: %s", key,
			 ERR_reason_error_string(e) ? ERR_reason_error_string(e) : "error");
		goto fail;
	}
	if (SSL_CTX_check_private_key(c) != 1) {
		snprintf(err, errlen, "api: tls_key does not match tls_cert");
		goto fail;
	}
	return c;
fail:
	SSL_CTX_free(c);
	return NULL;
}

static int tls_setup(struct api_server *s, char *err, size_t errlen)
{
	s->ssl = tls_ctx(s->o.tls_key, s->o.tls_cert, err, errlen);
	return s->ssl ? 0 : -1;
}

int api_server_reload_tls(struct api_server *s, const char *key,
			  const char *cert, char *err, size_t errlen)
{
	SSL_CTX *c;

	if (!s->ssl)
		return 0;
	c = tls_ctx(key, cert, err, errlen);
	if (!c)
		return -1;
	/* connections made before keep theirs: an SSL holds its context */
	SSL_CTX_free(s->ssl);
	s->ssl = c;
	return 0;
}

/*
 * accept() failed. Out of file descriptors, the pending connection stays
 * in the backlog and the listener fires again at once: libevent would
 * spin and log every failure. Instead the spare descriptor is given up to
 * take that connection and close it (the client sees a reset, not a
 * hang), and if even that fails the listener pauses for a second. One
 * warning a minute says how many were refused.
 */
static void accept_error(struct evconnlistener *lev, void *arg)
{
	int err = EVUTIL_SOCKET_ERROR(), fd = -1;
	struct timeval one = { 1, 0 };
	time_t now = time(NULL);
	struct api_server *s;

	(void)arg;
	for (s = servers; s; s = s->next)
		if (evhttp_bound_socket_get_listener(s->sock) == lev)
			break;
	if (!s)
		return;

	if (err == EMFILE || err == ENFILE) {
		if (s->spare_fd >= 0) {
			close(s->spare_fd);
			s->spare_fd = -1;
		}
		fd = accept(evconnlistener_get_fd(lev), NULL, NULL);
		if (fd >= 0) {
			close(fd);
			s->refused++;
		}
		s->spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0 && err != EAGAIN && err != EWOULDBLOCK && err != EINTR &&
	    err != ECONNABORTED) {
		evconnlistener_disable(lev);
		s->paused = true;
		event_add(s->resume, &one);
	}
	if (now - s->refused_logged >= 60) {
		s->o.log(0, "api: accept: %s: %lu connection(s) refused since the last warning",
			 strerror(err), s->refused);
		s->refused_logged = now;
		s->refused = 0;
	}
}

static void accept_resume(evutil_socket_t fd, short ev, void *arg)
{
	struct api_server *s = arg;

	(void)fd;
	(void)ev;
	s->paused = false;
	listener_update(s);
}

struct api_server *api_server_new(struct event_base *base,
				  const struct api_opts *o,
				  const struct api_backend *be,
				  struct api_auth *auth,
				  char *err, size_t errlen)
{
	struct api_server *s = calloc(1, sizeof(*s));
	char host[128];
	unsigned short port;

	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->spare_fd = -1;
	LIST_INIT(&s->conns);
	s->base = base;
	s->o = *o;
	s->be = *be;
	s->auth = auth;
	if (!s->o.log)
		s->o.log = nolog;
	s->max_conns = s->o.max_conns ? s->o.max_conns : API_MAX_CONNS;
	s->req_timeout.tv_sec = s->o.request_timeout ? s->o.request_timeout :
				API_REQUEST_TIMEOUT;
	conns_limit(s);
	if (!s->o.host || !*s->o.host)
		s->o.host = "0.0.0.0:7080";
	if (api_split_host(s->o.host, host, sizeof(host), &port)) {
		snprintf(err, errlen, "api: host '%s': expected ADDR:PORT or [ADDR6]:PORT",
			 s->o.host);
		goto fail;
	}
	s->http = evhttp_new(base);
	if (!s->http) {
		snprintf(err, errlen, "api: evhttp_new failed");
		goto fail;
	}
	evhttp_set_max_body_size(s->http, s->o.max_body ? s->o.max_body : 65536);
	evhttp_set_max_headers_size(s->http,
				    s->o.max_headers ? s->o.max_headers : 8192);
	evhttp_set_timeout(s->http, 30);
	/* every method reaches the router, which answers 405 with Allow */
	evhttp_set_allowed_methods(s->http, EVHTTP_REQ_GET | EVHTTP_REQ_POST |
				   EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE |
				   EVHTTP_REQ_HEAD | EVHTTP_REQ_OPTIONS |
				   EVHTTP_REQ_PATCH | EVHTTP_REQ_TRACE |
				   EVHTTP_REQ_CONNECT);
	evhttp_set_default_content_type(s->http, "application/json");
	evhttp_set_gencb(s->http, handler, s);
	evhttp_set_bevcb(s->http, conn_bevcb, s);
	if (s->o.tls && tls_setup(s, err, errlen))
		goto fail;
	s->sock = evhttp_bind_socket_with_handle(s->http, host, port);
	if (!s->sock) {
		snprintf(err, errlen, "api: cannot listen on %s: %s", s->o.host,
			 strerror(errno));
		goto fail;
	}
	s->spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	s->resume = evtimer_new(base, accept_resume, s);
	if (s->spare_fd < 0 || !s->resume) {
		snprintf(err, errlen, "api: %s", strerror(errno));
		goto fail;
	}
	evconnlistener_set_error_cb(evhttp_bound_socket_get_listener(s->sock),
				    accept_error);
	s->next = servers;
	servers = s;
	s->o.log(0, "api: listening on %s (%s)", s->o.host,
		 s->o.tls ? "https" : "http");
	return s;
fail:
	api_server_free(s);
	return NULL;
}

unsigned short api_server_port(const struct api_server *s)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	evutil_socket_t fd = evhttp_bound_socket_get_fd(s->sock);

	if (getsockname(fd, (struct sockaddr *)&ss, &len))
		return 0;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

void api_server_set_auth(struct api_server *s, struct api_auth *auth)
{
	s->auth = auth;
}

void api_server_free(struct api_server *s)
{
	struct api_server **p;
	struct api_conn *c;

	if (!s)
		return;
	for (p = &servers; *p; p = &(*p)->next)
		if (*p == s) {
			*p = s->next;
			break;
		}
	/*
	 * evhttp_free() frees the listener, then each connection (its close
	 * callback, conn_closed(), runs); one not set up yet is let go here.
	 */
	s->sock = NULL;
	if (s->http)
		evhttp_free(s->http);
	while ((c = LIST_FIRST(&s->conns))) {
		LIST_REMOVE(c, link);
		event_del(c->deadline);
		c->srv = NULL;
	}
	if (s->resume)
		event_free(s->resume);
	if (s->spare_fd >= 0)
		close(s->spare_fd);
	if (s->ssl)
		SSL_CTX_free(s->ssl);
	api_server_invalidate(s);
	free(s);
}
