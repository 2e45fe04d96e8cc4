// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the REST API of `vrrpctl daemon`. The first input
 * byte selects what the rest is fed to (bits 0-1), and options (bit 2):
 *
 *   0, 1  raw bytes sent as one HTTP connection to the real evhttp server
 *         of api.c on 127.0.0.1 (libevent's request parser, handler(), the
 *         router, login, sessions and cookies, metrics) on the fake backend
 *         of fake_server.c; 0: /metrics needs a session, 1: it does not;
 *         bit 2: the backend fails like a host without the vrrp module.
 *   2     a users file: one user string per line for api_user_parse() and
 *         api_auth_add_user() (each line also goes to api_split_host()),
 *         then per user a login, a session made at t0 and checked at t1
 *         with the expected result, logout, and a reload (api_auth_carry)
 *         that must keep the logout; a line "@T0 T1 TTL" sets the times.
 *   3     header lines ("Name: value", or a bare Cookie value) of a
 *         request for api_cookie(), whose user/ts/nonce/token cookies are
 *         verified against the fixed users, then logged out.
 *
 * In modes 0, 1 and 3, @ADMIN@, @VIEWER@ and @RVRRPD@ (levels 255, 1 and
 * 0), @STALE@ (expired) and @FORGED@ (bad HMAC) are replaced by the
 * cookies of such a session ("user=..; ts=..; nonce=..; token=..") so that
 * the fuzzer gets past the session check. Each input starts from the same
 * state: the fake VRs, the logouts and the login rate limit are reset.
 */
#define main fake_server_main	/* reuse its backend, not its main() */
#include "fake_server.c"
#undef main

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <event2/http.h>

#define FZ_SECRET	"fuzz secret"
#define FZ_TTL		(30 * 86400)
#define FZ_WAIT_S	5	/* the server must close the connection by then */
#define FZ_HASH		"1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct event_base *base;
static struct api_auth fz_auth;
static struct api_server *srv[2];
static unsigned short srv_port[2];
static time_t t_init;

static struct marker {
	const char *name;
	char value[256];
} markers[] = {
	{ .name = "@ADMIN@" }, { .name = "@VIEWER@" },
	{ .name = "@RVRRPD@" }, { .name = "@STALE@" },
	{ .name = "@FORGED@" },
};

/*
 * The HTTP client: one connection per input. It half-closes only when the
 * loop is idle (the server has answered every request it could parse):
 * evhttp drops pipelined requests it has not started when it reads EOF.
 * Idle is an event of the lowest priority, which libevent runs only in an
 * iteration where nothing else ran.
 */
static struct client {
	int fd;
	const char *buf;
	size_t len, off;
	bool closed, timed_out, verbose;
	struct event *rd, *wr, *idle;
} cl;

static void cl_idle(evutil_socket_t fd, short what, void *arg);

static void die(const char *what)
{
	fprintf(stderr, "fuzz_http: %s\n", what);
	abort();
}

#define CHECK(c) do { if (!(c)) { \
	fprintf(stderr, "fuzz_http.c:%d: ", __LINE__); \
	die("property failed: " #c); } } while (0)

static void quiet_log(int level, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	(void)level;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
}

static void make_cookies(struct marker *m, const char *user, time_t ts)
{
	struct api_session s;

	if (api_session_create(&fz_auth, user, ts, &s))
		die("cannot create a session");
	snprintf(m->value, sizeof(m->value), "user=%s; ts=%s; nonce=%s; token=%s",
		 s.user, s.ts, s.nonce, s.token);
}

/* the same state for every input */
static void auth_reset(struct api_auth *a)
{
	size_t i;

	a->nrevoked = 0;
	memset(a->rl, 0, sizeof(a->rl));
	for (i = 0; i < a->nusers; i++)
		a->users[i].generation = 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char * const users[] = {
		"{{SHA256}}admin:255:" FZ_HASH,
		"{{SHA256}}viewer:1:" FZ_HASH,
		"{{SHA256}}rvrrpd:0:" FZ_HASH,
		/* rvrrpd-pw's scrypt (N = 16, r = 8, p = 1), password banana */
		"{{SCRYPT}}sc:0::$rscrypt$0$BAgB$EBESExQVFhcYGRobHB0eHw==$"
		"fmdG4+TrtQOZNj5SIf+/HOuxCqGRMrS/DoVZfa2F/74=$",
	};
	char err[512];
	size_t i;

	(void)argc;
	(void)argv;
	signal(SIGPIPE, SIG_IGN);
	t_init = time(NULL);
	if (api_auth_init(&fz_auth, FZ_SECRET, FZ_TTL))
		die("api_auth_init");
	for (i = 0; i < sizeof(users) / sizeof(users[0]); i++)
		if (api_auth_add_user(&fz_auth, users[i], err, sizeof(err)))
			die(err);
	make_cookies(&markers[0], "admin", t_init);
	make_cookies(&markers[1], "viewer", t_init);
	make_cookies(&markers[2], "rvrrpd", t_init);
	make_cookies(&markers[3], "admin", t_init - FZ_TTL - 10);
	make_cookies(&markers[4], "admin", t_init);
	i = strlen(markers[4].value) - 1;
	markers[4].value[i] = markers[4].value[i] == '0' ? '1' : '0';

	vrs = cJSON_Parse(seed);
	base = event_base_new();
	if (!vrs || !base || event_base_priority_init(base, 3))
		die("out of memory");
	cl.idle = event_new(base, -1, 0, cl_idle, NULL);
	if (!cl.idle || event_priority_set(cl.idle, 2))
		die("out of memory");
	cl.verbose = getenv("FUZZ_HTTP_VERBOSE") != NULL;
	for (i = 0; i < 2; i++) {
		struct api_backend be = {
			.vr_list = be_list, .global = be_global, .vr_set = be_set,
			.vr_add = be_add, .vr_del = be_del, .vr_force = be_force,
			.config = be_config, .settings = be_settings,
		};
		struct api_opts o = {
			.host = "127.0.0.1:0", .metrics_auth = i == 0,
			.log = quiet_log,
		};

		srv[i] = api_server_new(base, &o, &be, &fz_auth, err, sizeof(err));
		if (!srv[i])
			die(err);
		srv_port[i] = api_server_port(srv[i]);
	}
	return 0;
}

static int marker_at(const uint8_t *d, size_t n)
{
	size_t i, l;

	for (i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
		l = strlen(markers[i].name);
		if (n >= l && !memcmp(d, markers[i].name, l))
			return (int)i;
	}
	return -1;
}

/* d with the markers replaced, NUL-terminated (caller frees); *outlen */
static char *expand(const uint8_t *d, size_t n, size_t *outlen)
{
	size_t i, o = 0, need = n + 1;
	char *out;
	int m;

	for (i = 0; i < n; i++)
		if (d[i] == '@' && (m = marker_at(d + i, n - i)) >= 0)
			need += strlen(markers[m].value);
	out = malloc(need);
	if (!out)
		die("out of memory");
	for (i = 0; i < n; i++) {
		if (d[i] == '@' && (m = marker_at(d + i, n - i)) >= 0) {
			o += (size_t)sprintf(out + o, "%s", markers[m].value);
			i += strlen(markers[m].name) - 1;
		} else {
			out[o++] = (char)d[i];
		}
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/* ---- mode 0/1: one connection to the server ---- */

static void cl_idle(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	if (cl.closed) {	/* and the server's frees have run */
		event_base_loopbreak(base);
		return;
	}
	event_del(cl.wr);
	shutdown(cl.fd, SHUT_WR);
}

static void cl_end(void)
{
	event_del(cl.rd);
	event_del(cl.wr);
	event_base_loopbreak(base);
}

static void cl_write(evutil_socket_t fd, short what, void *arg)
{
	ssize_t n;

	(void)what;
	(void)arg;
	n = send(fd, cl.buf + cl.off, cl.len - cl.off, MSG_NOSIGNAL);
	if (n > 0)
		cl.off += (size_t)n;
	else if (n < 0 && errno != EAGAIN && errno != EINTR)
		cl.off = cl.len;	/* refused: read what the server says */
	if (cl.off == cl.len)
		event_del(cl.wr);
}

static void cl_read(evutil_socket_t fd, short what, void *arg)
{
	char buf[8192];
	ssize_t n;

	(void)arg;
	if (what & EV_TIMEOUT) {
		cl.timed_out = true;
		cl_end();
		return;
	}
	for (;;) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n > 0 && cl.verbose)
			fwrite(buf, 1, (size_t)n, stderr);
		if (n > 0)
			continue;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		break;		/* closed or reset by the server */
	}
	cl_end();
}

/* connect fd, retrying what libFuzzer's timer signal interrupts */
static int cl_connect(int fd, const struct sockaddr_in *sa)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	socklen_t elen = sizeof(int);
	int n, err = 0;

	if (!connect(fd, (const struct sockaddr *)sa, sizeof(*sa)))
		return 0;
	if (errno != EINPROGRESS)
		return -1;
	while ((n = poll(&pfd, 1, FZ_WAIT_S * 1000)) < 0)
		if (errno != EINTR)
			return -1;
	if (!n)
		err = ETIMEDOUT;
	else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen))
		return -1;
	errno = err;
	return err ? -1 : 0;
}

static void fuzz_http(int which, const char *req, size_t len)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET, .sin_port = htons(srv_port[which]),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	/* closed with a reset: no TIME_WAIT piling up on either side */
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	struct timeval tv = { FZ_WAIT_S, 0 };

	cJSON_Delete(vrs);
	vrs = cJSON_Parse(seed);
	cl.buf = req;
	cl.len = len;
	cl.off = 0;
	cl.closed = cl.timed_out = false;
	cl.fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (cl.fd < 0 || cl_connect(cl.fd, &sa))
		die(strerror(errno));
	setsockopt(cl.fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	cl.rd = event_new(base, cl.fd, EV_READ | EV_PERSIST, cl_read, NULL);
	cl.wr = event_new(base, cl.fd, EV_WRITE | EV_PERSIST, cl_write, NULL);
	if (!cl.rd || !cl.wr)
		die("out of memory");
	event_add(cl.rd, &tv);
	if (len)
		event_add(cl.wr, NULL);
	event_active(cl.idle, EV_TIMEOUT, 0);
	event_base_dispatch(base);
	event_free(cl.rd);
	event_free(cl.wr);
	close(cl.fd);
	if (cl.timed_out)
		die("the server kept a half-closed connection open");
	/* until idle again: the server's deferred frees have run */
	cl.closed = true;
	event_active(cl.idle, EV_TIMEOUT, 0);
	event_base_dispatch(base);
	auth_reset(&fz_auth);
}

/* ---- mode 2: users file ---- */

static long long clamp(long long v)
{
	const long long lim = 1LL << 62;	/* no overflow in now +- ttl */

	return v > lim ? lim : v < -lim ? -lim : v;
}

static enum api_tok_result expected(long long t0, long long t1,
				    unsigned int ttl)
{
	if (t0 < 0 || t0 >= 1000000000000000000LL)	/* ts: 1..18 digits */
		return API_TOK_MALFORMED;
	if (t0 > t1 + 60 || t1 - t0 >= (long long)ttl)
		return API_TOK_EXPIRED;
	return API_TOK_OK;
}

static void user_session(struct api_auth *a, struct api_auth *b,
			 const struct api_user *u, long long t0, long long t1)
{
	enum api_tok_result want = expected(t0, t1, a->ttl), got;
	const struct api_user *who;
	struct api_session s;
	char c;

	/* cheap password checks only (scrypt cost ~ N * r * p) */
	if (u->alg == API_HASH_SHA256 ||
	    (u->log_n <= 10 && (uint64_t)u->r * u->p << u->log_n <= 4096))
		api_auth_login(a, u->name, "banana", 6);
	CHECK(api_session_create(a, u->name, (time_t)t0, &s) == 0);
	got = api_session_verify(a, s.user, s.ts, s.nonce, s.token,
				 (time_t)t1, &who);
	CHECK(got == want);
	CHECK((got == API_TOK_OK) == (who == u));
	if (got != API_TOK_OK)
		return;
	c = s.token[0];
	s.token[0] = c == 'a' ? 'b' : 'a';
	CHECK(api_session_verify(a, s.user, s.ts, s.nonce, s.token,
				 (time_t)t1, NULL) == API_TOK_BAD);
	s.token[0] = c;
	CHECK(api_session_revoke(a, s.user, s.ts, s.token, (time_t)t1) == 0);
	CHECK(api_session_verify(a, s.user, s.ts, s.nonce, s.token,
				 (time_t)t1, NULL) == API_TOK_REVOKED);
	/* a reload keeps the logout */
	api_auth_carry(b, a);
	CHECK(api_session_verify(b, s.user, s.ts, s.nonce, s.token,
				 (time_t)t1, NULL) == API_TOK_REVOKED);
}

static void fuzz_users(const uint8_t *data, size_t size)
{
	static struct api_auth a, b;
	char *text = strndup((const char *)data, size), *p, *line;
	long long t0 = 1700000000, t1 = t0 + 1;
	unsigned int ttl = 0;
	char err[256], host[64];
	unsigned short port;
	struct api_user u;
	size_t i;

	if (!text)
		die("out of memory");
	if (api_auth_init(&a, FZ_SECRET, 0) || api_auth_init(&b, FZ_SECRET, 0))
		die("api_auth_init");
	for (p = text; (line = strsep(&p, "\n"));) {
		size_t n = strlen(line);
		bool had;
		int rc;

		if (n && line[n - 1] == '\r')
			line[--n] = '\0';
		if (line[0] == '@') {
			if (sscanf(line + 1, "%lld %lld %u", &t0, &t1, &ttl) == 3 &&
			    ttl)
				a.ttl = b.ttl = ttl;
			t0 = clamp(t0);
			t1 = clamp(t1);
			continue;
		}
		if (!api_split_host(line, host, sizeof(host), &port))
			CHECK(strlen(host) < sizeof(host));
		err[0] = '\0';
		rc = api_user_parse(line, &u, err, sizeof(err));
		CHECK(rc == 0 || rc == -1);
		CHECK(rc == 0 || err[0]);	/* every refusal says why */
		if (rc)
			continue;
		CHECK(u.name[0] && strlen(u.name) < API_USER_NAME_MAX);
		CHECK(u.level >= 0 && u.level <= 255);
		CHECK(strlen(u.salt) <= API_SALT_MAX);
		/* the scrypt memory bound, computed without overflow */
		CHECK(u.alg != API_HASH_SCRYPT ||
		      (unsigned __int128)128 * u.r *
		      (((unsigned __int128)1 << u.log_n) + u.p) <=
		      API_SCRYPT_MEM_MAX);
		had = api_auth_find(&a, u.name) != NULL;
		CHECK(!api_auth_add_user(&a, line, err, sizeof(err)) == !had);
		if (!had)
			CHECK(!api_auth_add_user(&b, line, err, sizeof(err)));
	}
	for (i = 0; i < a.nusers; i++)
		user_session(&a, &b, &a.users[i], t0, t1);
	api_auth_free(&a);
	api_auth_free(&b);
	free(text);
}

/* ---- mode 3: cookie headers ---- */

static void fuzz_cookies(const char *in)
{
	static const char * const names[] = { "user", "ts", "nonce", "token" };
	struct evhttp_request *req = evhttp_request_new(NULL, NULL);
	struct api_req r = { .req = req };
	const struct api_user *who;
	enum api_tok_result res;
	char *text = strdup(in), *p, *line, *v[4];
	size_t i;

	if (!req || !text)
		die("out of memory");
	for (p = text; (line = strsep(&p, "\n"));) {
		char *colon = strchr(line, ':'), *val = line;
		const char *key = "Cookie";

		if (colon) {
			*colon = '\0';
			key = line;
			for (val = colon + 1; *val == ' ' || *val == '\t'; val++)
				;
		}
		evhttp_add_header(evhttp_request_get_input_headers(req), key, val);
	}
	for (i = 0; i < 4; i++) {
		v[i] = api_cookie(&r, names[i]);
		CHECK(!v[i] || (strlen(v[i]) <= 256 && !strchr(v[i], ';')));
	}
	res = api_session_verify(&fz_auth, v[0], v[1], v[2], v[3], t_init, &who);
	CHECK((res == API_TOK_OK) == (who != NULL));
	CHECK(res != API_TOK_OK || !strcmp(who->name, v[0]));
	if (res == API_TOK_OK) {
		CHECK(!api_session_revoke(&fz_auth, v[0], v[1], v[3], t_init));
		CHECK(api_session_verify(&fz_auth, v[0], v[1], v[2], v[3], t_init,
					 NULL) == API_TOK_REVOKED);
	}
	for (i = 0; i < 4; i++)
		free(v[i]);
	free(text);
	evhttp_request_free(req);
	auth_reset(&fz_auth);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int mode;
	size_t len;
	char *in;

	if (size < 1)
		return 0;
	mode = data[0] & 3;
	if (mode == 2) {
		fuzz_users(data + 1, size - 1);
		return 0;
	}
	in = expand(data + 1, size - 1, &len);
	if (mode == 3) {
		fuzz_cookies(in);
	} else {
		empty = data[0] & 4;
		fuzz_http((int)mode, in, len);
	}
	free(in);
	return 0;
}
