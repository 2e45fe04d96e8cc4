// SPDX-License-Identifier: GPL-2.0
/*
 * httpload: an open-loop HTTP/1.1 load generator (bench/api_load.sh).
 *
 * Request i is due at t0 + i / rate whatever the server does. It goes out
 * on the first free keep-alive connection, and its latency is counted
 * from the time it was due, not from the time it was written: a slow
 * server cannot make the client send less and so hide its slowness (no
 * coordinated omission). Requests wait in order for a free connection;
 * those still waiting a second after the end are dropped ("unsent").
 *
 * Idle connections connect (with --idle-handshake they also finish the
 * TLS handshake) and then send nothing; one that the server closes is
 * reopened and counted. With --pid, the CPU that process used in the
 * measured window is reported as a percentage of one CPU.
 *
 * One thread, epoll (level-triggered), non-blocking sockets, OpenSSL for
 * --tls (the certificate is not verified, sessions are not resumed).
 * The results are "key value" lines on stdout.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#define MAX_CONNECTING	16	/* connects and handshakes in progress at once */
#define RETRY_DELAY	0.1	/* s before reopening after a failed connect */
#define UNSENT_GRACE	1	/* s after the end before the queue is dropped */
#define HDR_MAX		8192

enum cstate { C_CLOSED, C_CONNECTING, C_HANDSHAKE, C_READY, C_BUSY };

struct conn {
	int fd;
	SSL *ssl;
	enum cstate st;
	bool idle;		/* never sends a request */
	bool up;		/* reached C_READY since it was opened */
	bool want_out;		/* wait for EPOLLOUT */
	unsigned int events;	/* as registered with epoll */
	double retry_at;	/* C_CLOSED: reopen from this time on */
	double due;		/* C_BUSY: the request was due at */
	double sent_at;		/* C_BUSY: and went out at */
	size_t woff;		/* C_BUSY: bytes of the request written */
	char hdr[HDR_MAX];	/* the response's head, as it comes */
	size_t hlen;
	long long body_left;	/* -1 while in the head */
	int status;
	bool close_after;
};

static struct {
	/* options */
	struct sockaddr_storage addr;
	socklen_t addrlen;
	const char *target, *path, *cookie;
	bool tls, idle_handshake, quickack;
	double rate, duration, timeout, setup;
	int nconns, nidle, pid;
	/* state */
	SSL_CTX *ctx;
	int ep;
	struct conn *c;		/* nconns load connections, then nidle idle ones */
	struct conn **free;	/* load connections waiting for a request */
	int free_head, nfree, nconnecting, nclosed;
	char *req;
	size_t reqlen;
	bool running;		/* the measured window has begun */
	double t0, t_end;
	/* results */
	long long total, next, sent, completed, in_window, ok, bad_status,
		  conn_errors, timeouts, unsent, reconnects, idle_reopened, idle_failed;
	int idle_held, idle_held_start, idle_held_min, idle_held_end;
	double idle_held_sum;	/* held x seconds, in the window */
	double *lat;
	size_t nlat, lat_cap;
} G = {
	.path = "/run/vrrp", .rate = 1000, .duration = 60, .timeout = 10, .setup = 30,
	.nconns = 10, .pid = -1,
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "httpload: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void watch(struct conn *c, unsigned int events)
{
	struct epoll_event ev = { .events = events, .data.ptr = c };

	if (events == c->events)
		return;
	if (epoll_ctl(G.ep, c->events ? EPOLL_CTL_MOD : EPOLL_CTL_ADD,
		      c->fd, &ev))
		die("epoll_ctl");
	c->events = events;
}

/*
 * The free load connections are a FIFO: each gets its turn, so that at a
 * low rate none sits unused until the server's request timeout closes it.
 */
static struct conn **free_at(int i)
{
	return &G.free[(G.free_head + i) % G.nconns];
}

static void free_push(struct conn *c)
{
	*free_at(G.nfree++) = c;
}

static struct conn *free_pop(void)
{
	struct conn *c = *free_at(0);

	G.free_head = (G.free_head + 1) % G.nconns;
	G.nfree--;
	return c;
}

static void free_remove(struct conn *c)
{
	int i;

	for (i = 0; i < G.nfree; i++)
		if (*free_at(i) == c)
			break;
	if (i == G.nfree)
		return;
	for (; i < G.nfree - 1; i++)
		*free_at(i) = *free_at(i + 1);
	G.nfree--;
}

/* close C, to be reopened from time AT on */
static void conn_close(struct conn *c, double at)
{
	if (c->st == C_CLOSED)
		return;
	if (c->st == C_CONNECTING || c->st == C_HANDSHAKE)
		G.nconnecting--;
	if (c->st == C_READY && !c->idle)
		free_remove(c);
	if (c->st == C_READY && c->idle)
		G.idle_held--;
	if (c->ssl) {
		SSL_free(c->ssl);
		c->ssl = NULL;
	}
	close(c->fd);
	c->fd = -1;
	c->events = 0;
	c->st = C_CLOSED;
	c->retry_at = at;
	G.nclosed++;
}

/* C failed or the server closed it */
static void conn_lost(struct conn *c)
{
	bool was_up = c->up;

	if (c->st == C_BUSY)
		G.conn_errors++;
	conn_close(c, was_up ? 0 : now() + RETRY_DELAY);
	if (!G.running)
		return;
	if (c->idle && was_up)
		G.idle_reopened++;
	else if (c->idle)
		G.idle_failed++;
	else
		G.reconnects++;
}

static void conn_ready(struct conn *c)
{
	G.nconnecting--;
	c->st = C_READY;
	c->up = true;
	c->want_out = false;
	if (c->idle)
		G.idle_held++;
	else
		free_push(c);
	watch(c, EPOLLIN);
}

static void conn_open(struct conn *c)
{
	int fd, one = 1;

	G.nclosed--;
	fd = socket(G.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die("socket");
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	c->fd = fd;
	c->up = false;
	c->events = 0;
	c->st = C_CONNECTING;
	G.nconnecting++;
	if (connect(fd, (struct sockaddr *)&G.addr, G.addrlen) && errno != EINPROGRESS) {
		conn_lost(c);
		return;
	}
	watch(c, EPOLLOUT);
}

static void handshake(struct conn *c)
{
	int rc = SSL_connect(c->ssl);

	if (rc == 1) {
		conn_ready(c);
		return;
	}
	switch (SSL_get_error(c->ssl, rc)) {
	case SSL_ERROR_WANT_READ:
		watch(c, EPOLLIN);
		break;
	case SSL_ERROR_WANT_WRITE:
		watch(c, EPOLLOUT);
		break;
	default:
		ERR_clear_error();
		conn_lost(c);
	}
}

static void connected(struct conn *c)
{
	int err = 0;
	socklen_t len = sizeof(err);

	if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) || err) {
		conn_lost(c);
		return;
	}
	if (!G.tls || (c->idle && !G.idle_handshake)) {
		conn_ready(c);
		return;
	}
	c->ssl = SSL_new(G.ctx);
	if (!c->ssl || !SSL_set_fd(c->ssl, c->fd)) {
		fprintf(stderr, "httpload: SSL_new failed\n");
		exit(1);
	}
	c->st = C_HANDSHAKE;
	handshake(c);
}

/* read or write: > 0 bytes, 0 would block, -1 closed or failed */
static ssize_t io(struct conn *c, void *buf, size_t n, bool wr)
{
	ssize_t r;
	int e;

	if (!c->ssl) {
		r = wr ? write(c->fd, buf, n) : read(c->fd, buf, n);
		if (r > 0)
			return r;
		if (r < 0 && (errno == EAGAIN || errno == EINTR)) {
			c->want_out |= wr;
			return 0;
		}
		return -1;
	}
	r = wr ? SSL_write(c->ssl, buf, (int)n) : SSL_read(c->ssl, buf, (int)n);
	if (r > 0)
		return r;
	e = SSL_get_error(c->ssl, (int)r);
	if (e == SSL_ERROR_WANT_READ)
		return 0;
	if (e == SSL_ERROR_WANT_WRITE) {
		c->want_out = true;
		return 0;
	}
	ERR_clear_error();
	return -1;
}

static void record(double lat)
{
	if (G.nlat == G.lat_cap) {
		G.lat_cap = G.lat_cap ? 2 * G.lat_cap : 65536;
		G.lat = realloc(G.lat, G.lat_cap * sizeof(*G.lat));
		if (!G.lat)
			die("realloc");
	}
	G.lat[G.nlat++] = lat;
}

static void response_done(struct conn *c, double t)
{
	record(t - c->due);
	G.completed++;
	if (t <= G.t_end)
		G.in_window++;
	if (c->status >= 200 && c->status < 300)
		G.ok++;
	else
		G.bad_status++;
	c->st = C_READY;
	if (c->close_after) {
		conn_close(c, 0);
		G.reconnects++;
		return;
	}
	free_push(c);
}

/* the head in c->hdr is complete and NUL-terminated */
static int parse_head(struct conn *c)
{
	char *line = c->hdr, *eol;
	bool have_len = false;

	if (sscanf(line, "HTTP/1.%*d %d", &c->status) != 1)
		return -1;
	c->close_after = !strncmp(line, "HTTP/1.0", 8);
	for (; (eol = strstr(line, "\r\n")); line = eol + 2) {
		*eol = '\0';
		if (!strncasecmp(line, "Content-Length:", 15)) {
			c->body_left = strtoll(line + 15, NULL, 10);
			have_len = true;
		} else if (!strncasecmp(line, "Connection:", 11)) {
			c->close_after = !!strcasestr(line + 11, "close");
		} else if (!strncasecmp(line, "Transfer-Encoding:", 18)) {
			return -1;	/* evhttp always sends Content-Length */
		}
	}
	if (!have_len)
		c->body_left = c->status == 204 || c->status == 304 ? 0 : -1;
	return c->body_left < 0 ? -1 : 0;
}

/* N bytes read on load connection C at time T: -1 on a protocol error */
static int feed(struct conn *c, const char *p, size_t n, double t)
{
	while (n) {
		if (c->st != C_BUSY)
			return -1;	/* nothing was asked */
		if (c->body_left < 0) {
			size_t k = HDR_MAX - 1 - c->hlen;
			size_t from = c->hlen > 3 ? c->hlen - 3 : 0;
			char *end;

			if (k > n)
				k = n;
			if (!k)
				return -1;	/* head too long */
			memcpy(c->hdr + c->hlen, p, k);
			c->hlen += k;
			end = memmem(c->hdr + from, c->hlen - from, "\r\n\r\n", 4);
			if (end) {
				/* the bytes of this read that belong to the head */
				k -= c->hlen - (size_t)(end + 4 - c->hdr);
				end[2] = '\0';
				if (parse_head(c))
					return -1;
			}
			p += k;
			n -= k;
		} else {
			size_t k = (size_t)c->body_left < n ? (size_t)c->body_left : n;

			c->body_left -= (long long)k;
			p += k;
			n -= k;
		}
		if (c->body_left == 0)
			response_done(c, t);
	}
	return 0;
}

static void send_more(struct conn *c)
{
	ssize_t r;

	c->want_out = false;
	while (c->woff < G.reqlen) {
		r = io(c, G.req + c->woff, G.reqlen - c->woff, true);
		if (r < 0) {
			conn_lost(c);
			return;
		}
		if (!r)
			break;
		c->woff += (size_t)r;
	}
	watch(c, EPOLLIN | (c->want_out ? EPOLLOUT : 0));
}

static void receive(struct conn *c)
{
	static char buf[65536];
	int one = 1;
	ssize_t r;

	if (c->st != C_BUSY || c->woff == G.reqlen)
		c->want_out = false;
	for (;;) {
		r = io(c, buf, sizeof(buf), false);
		if (r < 0) {
			conn_lost(c);
			return;
		}
		if (!r)
			break;
		if (c->idle)
			continue;	/* TLS session tickets, or junk */
		if (G.quickack)		/* not sticky: again after each read */
			setsockopt(c->fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof(one));
		if (feed(c, buf, (size_t)r, now())) {
			conn_lost(c);
			return;
		}
		if (c->st == C_CLOSED)
			return;		/* "Connection: close" */
	}
	watch(c, EPOLLIN | (c->want_out ? EPOLLOUT : 0));
}

static void on_event(struct conn *c)
{
	switch (c->st) {
	case C_CONNECTING:
		connected(c);
		break;
	case C_HANDSHAKE:
		handshake(c);
		break;
	case C_BUSY:
		if (c->woff < G.reqlen)
			send_more(c);
		if (c->st == C_BUSY)
			receive(c);
		break;
	case C_READY:
		receive(c);
		break;
	case C_CLOSED:
		break;
	}
}

static double due_at(long long i)
{
	return G.t0 + (double)i / G.rate;
}

/*
 * Send what is due on free connections, oldest first. A request still
 * waiting for a connection TIMEOUT s after it was due, or unanswered
 * TIMEOUT s after it went out, is a timeout; the others count with their
 * whole latency from the time they were due.
 */
static void dispatch(double t)
{
	long long due = G.total;
	struct conn *c;
	int i;

	if (t < G.t_end) {
		due = (long long)((t - G.t0) * G.rate) + 1;
		if (due > G.total)
			due = G.total;
	}
	while (G.next < due && t - due_at(G.next) > G.timeout) {
		G.timeouts++;		/* waited too long for a connection */
		G.next++;
	}
	while (G.next < due && G.nfree) {
		c = free_pop();
		c->st = C_BUSY;
		c->due = due_at(G.next++);
		c->sent_at = t;
		c->woff = 0;
		c->hlen = 0;
		c->body_left = -1;
		G.sent++;
		send_more(c);
	}
	/* the run is over: what still waits for a connection is not sent */
	if (t >= G.t_end + UNSENT_GRACE) {
		G.unsent += G.total - G.next;
		G.next = G.total;
	}
	for (i = 0; i < G.nconns; i++) {
		c = &G.c[i];
		if (c->st == C_BUSY && t - c->sent_at > G.timeout) {
			G.timeouts++;	/* the server is stuck on it */
			conn_close(c, 0);
			G.reconnects++;
		}
	}
}

/* reopen closed connections, a few at a time */
static void reopen(double t)
{
	int i;

	for (i = 0; G.nclosed && i < G.nconns + G.nidle; i++) {
		if (G.nconnecting >= MAX_CONNECTING)
			return;
		if (G.c[i].st == C_CLOSED && G.c[i].retry_at <= t)
			conn_open(&G.c[i]);
	}
}

static int busy(void)
{
	int i, n = 0;

	for (i = 0; i < G.nconns; i++)
		n += G.c[i].st == C_BUSY;
	return n;
}

/* wait for events for up to WAIT s, and handle them */
static void poll_once(double wait)
{
	struct epoll_event ev[256];
	struct timespec ts;
	int i, n;

	if (wait < 0)
		wait = 0;
	ts.tv_sec = (time_t)wait;
	ts.tv_nsec = (long)((wait - (double)ts.tv_sec) * 1e9);
	n = epoll_pwait2(G.ep, ev, 256, &ts, NULL);
	if (n < 0 && errno == ENOSYS)
		n = epoll_wait(G.ep, ev, 256, (int)(wait * 1000) + 1);
	if (n < 0 && errno != EINTR)
		die("epoll_wait");
	for (i = 0; i < n; i++)
		on_event(ev[i].data.ptr);
}

/* utime + stime of PID in clock ticks, or -1 */
static long long proc_cpu(int pid)
{
	char path[64], buf[1024], *p;
	unsigned long long ut, st;
	FILE *f;
	size_t n;

	if (pid <= 0)
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');	/* the name may hold spaces */
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
			 &ut, &st) != 2)
		return -1;
	return (long long)(ut + st);
}

static double self_cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double pct_ms(double p)
{
	size_t i;

	if (!G.nlat)
		return 0;
	i = (size_t)(p * (double)G.nlat + 0.999999);
	i = i ? i - 1 : 0;
	if (i >= G.nlat)
		i = G.nlat - 1;
	return G.lat[i] * 1000;
}

static void resolve(const char *target)
{
	char host[256], *port;
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *ai;
	int rc;

	snprintf(host, sizeof(host), "%s", target);
	port = strrchr(host, ':');
	if (!port) {
		fprintf(stderr, "httpload: '%s': expected HOST:PORT\n", target);
		exit(2);
	}
	*port++ = '\0';
	if (host[0] == '[' && port[-2] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	rc = getaddrinfo(host, port, &hints, &ai);
	if (rc) {
		fprintf(stderr, "httpload: %s: %s\n", target, gai_strerror(rc));
		exit(2);
	}
	memcpy(&G.addr, ai->ai_addr, ai->ai_addrlen);
	G.addrlen = ai->ai_addrlen;
	freeaddrinfo(ai);
}

static void usage(int rc)
{
	fprintf(rc ? stderr : stdout,
		"usage: httpload [options] HOST:PORT\n"
		"  -s, --tls             HTTPS (the certificate is not verified)\n"
		"  -r, --rate N          requests per second (1000)\n"
		"  -d, --duration S      seconds of load (60)\n"
		"  -c, --connections N   keep-alive connections that carry the load (10)\n"
		"  -p, --path PATH       what to GET (/run/vrrp)\n"
		"  -b, --cookie STRING   send a Cookie header\n"
		"  -i, --idle N          idle connections to hold open (0)\n"
		"  -H, --idle-handshake  with --tls, idle connections finish the handshake\n"
		"  -t, --timeout S       a request still unsent S s after it was due, or\n"
		"                        unanswered S s after it was sent, is a timeout (10)\n"
		"  -S, --setup S         seconds to open the connections before the load\n"
		"                        starts anyway (30)\n"
		"  -P, --pid PID         report the CPU of process PID in the window\n"
		"  -q, --quickack        ACK each response at once (TCP_QUICKACK), so a\n"
		"                        server's Nagle delay does not meet a delayed ACK\n");
	exit(rc);
}

static double num(const char *s, double min)
{
	char *end;
	double v = strtod(s, &end);

	if (*end || end == s || v < min) {
		fprintf(stderr, "httpload: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static void options(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "tls", no_argument, NULL, 's' },
		{ "rate", required_argument, NULL, 'r' },
		{ "duration", required_argument, NULL, 'd' },
		{ "connections", required_argument, NULL, 'c' },
		{ "path", required_argument, NULL, 'p' },
		{ "cookie", required_argument, NULL, 'b' },
		{ "idle", required_argument, NULL, 'i' },
		{ "idle-handshake", no_argument, NULL, 'H' },
		{ "timeout", required_argument, NULL, 't' },
		{ "setup", required_argument, NULL, 'S' },
		{ "pid", required_argument, NULL, 'P' },
		{ "quickack", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int o;

	while ((o = getopt_long(argc, argv, "sr:d:c:p:b:i:Ht:S:P:qh", opts, NULL)) != -1) {
		switch (o) {
		case 's':
			G.tls = true;
			break;
		case 'r':
			G.rate = num(optarg, 0.001);
			break;
		case 'd':
			G.duration = num(optarg, 0.001);
			break;
		case 'c':
			G.nconns = (int)num(optarg, 1);
			break;
		case 'p':
			G.path = optarg;
			break;
		case 'b':
			G.cookie = optarg;
			break;
		case 'i':
			G.nidle = (int)num(optarg, 0);
			break;
		case 'H':
			G.idle_handshake = true;
			break;
		case 't':
			G.timeout = num(optarg, 0.001);
			break;
		case 'S':
			G.setup = num(optarg, 0);
			break;
		case 'P':
			G.pid = (int)num(optarg, 1);
			break;
		case 'q':
			G.quickack = true;
			break;
		case 'h':
			usage(0);
			break;
		default:
			usage(2);
		}
	}
	if (optind != argc - 1)
		usage(2);
	G.target = argv[optind];
}

static void setup(void)
{
	int i, n = G.nconns + G.nidle, len;
	struct rlimit rl;

	signal(SIGPIPE, SIG_IGN);
	resolve(G.target);
	/* every connection is a descriptor: raise the soft limit to fit */
	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < (rlim_t)n + 32) {
		rl.rlim_cur = rl.rlim_max < (rlim_t)n + 32 ? rl.rlim_max : (rlim_t)n + 32;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if (G.tls) {
		G.ctx = SSL_CTX_new(TLS_client_method());
		if (!G.ctx) {
			fprintf(stderr, "httpload: SSL_CTX_new failed\n");
			exit(1);
		}
		SSL_CTX_set_verify(G.ctx, SSL_VERIFY_NONE, NULL);
		SSL_CTX_set_mode(G.ctx, SSL_MODE_ENABLE_PARTIAL_WRITE |
				 SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	}
	len = asprintf(&G.req, "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: httpload\r\n"
		       "Accept: */*\r\n%s%s%s\r\n", G.path, G.target,
		       G.cookie ? "Cookie: " : "", G.cookie ? G.cookie : "",
		       G.cookie ? "\r\n" : "");
	if (len < 0)
		die("asprintf");
	G.reqlen = (size_t)len;
	G.ep = epoll_create1(EPOLL_CLOEXEC);
	G.c = calloc((size_t)n, sizeof(*G.c));
	G.free = calloc((size_t)G.nconns, sizeof(*G.free));
	if (G.ep < 0 || !G.c || !G.free)
		die("setup");
	for (i = 0; i < n; i++) {
		G.c[i].fd = -1;
		G.c[i].st = C_CLOSED;
		G.c[i].idle = i >= G.nconns;
	}
	G.nclosed = n;
	G.total = (long long)(G.rate * G.duration + 0.5);
}

static void report(double cpu_server, double cpu_client)
{
	qsort(G.lat, G.nlat, sizeof(*G.lat), cmp_double);
	printf("target_rate %.0f\n", G.rate);
	printf("duration_s %.1f\n", G.duration);
	printf("connections %d\n", G.nconns);
	printf("scheduled %lld\n", G.total);
	printf("sent %lld\n", G.sent);
	printf("completed %lld\n", G.completed);
	printf("ok %lld\n", G.ok);
	printf("bad_status %lld\n", G.bad_status);
	printf("conn_errors %lld\n", G.conn_errors);
	printf("errors %lld\n", G.bad_status + G.conn_errors);
	printf("timeouts %lld\n", G.timeouts);
	printf("unsent %lld\n", G.unsent);
	printf("reconnects %lld\n", G.reconnects);
	printf("achieved_rate %.1f\n", (double)G.in_window / G.duration);
	printf("p50_ms %.2f\n", pct_ms(0.50));
	printf("p90_ms %.2f\n", pct_ms(0.90));
	printf("p99_ms %.2f\n", pct_ms(0.99));
	printf("max_ms %.2f\n", G.nlat ? G.lat[G.nlat - 1] * 1000 : 0);
	printf("idle %d\n", G.nidle);
	printf("idle_held_start %d\n", G.idle_held_start);
	printf("idle_held_min %d\n", G.idle_held_min);
	printf("idle_held_avg %.0f\n", G.idle_held_sum / G.duration);
	printf("idle_held_end %d\n", G.idle_held_end);
	printf("idle_reopened %lld\n", G.idle_reopened);
	printf("idle_failed %lld\n", G.idle_failed);
	if (cpu_server >= 0)
		printf("server_cpu_pct %.1f\n", cpu_server);
	printf("client_cpu_pct %.1f\n", cpu_client);
}

int main(int argc, char **argv)
{
	long long srv0, srv1 = -1;
	bool closed = false;
	double t, last, cli0, cli1 = 0, hz = (double)sysconf(_SC_CLK_TCK), wait;

	options(argc, argv);
	setup();

	/* open everything, then start the clock */
	t = now();
	G.t_end = t + G.setup;
	while ((G.nfree < G.nconns || G.idle_held < G.nidle) && now() < G.t_end) {
		reopen(now());
		poll_once(0.05);
	}
	if (!G.nfree) {
		fprintf(stderr, "httpload: cannot connect to %s\n", G.target);
		return 1;
	}
	if (G.nfree < G.nconns || G.idle_held < G.nidle)
		fprintf(stderr, "httpload: after %.0f s, %d of %d connections and %d of %d %s\n",
			G.setup, G.nfree, G.nconns, G.idle_held, G.nidle,
			"idle ones are open");

	G.running = true;
	G.idle_held_start = G.idle_held;
	G.idle_held_min = G.idle_held;
	srv0 = proc_cpu(G.pid);
	cli0 = self_cpu();
	G.t0 = now();
	G.t_end = G.t0 + G.duration;
	last = G.t0;
	for (;;) {
		t = now();
		if (!closed)
			G.idle_held_sum += G.idle_held * ((t < G.t_end ? t : G.t_end) - last);
		last = t;
		dispatch(t);
		reopen(t);
		if (G.idle_held < G.idle_held_min)
			G.idle_held_min = G.idle_held;
		if (t >= G.t_end && !closed) {
			closed = true;
			srv1 = proc_cpu(G.pid);
			cli1 = self_cpu();
			G.idle_held_end = G.idle_held;
		}
		if (closed && G.next >= G.total && !busy())
			break;
		/*
		 * Until the next request is due, but look around now and
		 * then. With every connection busy, only an answer can
		 * change anything: do not spend the server's CPU waking up.
		 */
		wait = 0.05;
		if (t < G.t_end && G.nfree)
			wait = due_at((long long)((t - G.t0) * G.rate) + 1) - t;
		if (wait > 0.05)
			wait = 0.05;
		poll_once(wait);
	}
	report(srv0 < 0 || srv1 < 0 ? -1 : (double)(srv1 - srv0) / hz / G.duration * 100,
	       (cli1 - cli0) / G.duration * 100);
	return 0;
}
