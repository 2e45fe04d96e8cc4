// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpd's command line, as a drop-in: vrrpctl run as "vrrpd" (a symlink)
 * takes vrrpd's options for one virtual router and keeps vrrpd's process
 * model, with the protocol in the kernel. It creates the VR (VRRPv2,
 * IPv4), writes PIDDIR/vrrpd_IF_VRID.pid, stays in the foreground, runs
 * the -m / -b programs when the VR becomes Master / Backup, forces Master
 * on SIGUSR1 and Backup on SIGUSR2, and on SIGTERM, SIGINT or SIGHUP
 * deletes the VR (a Master sends priority 0 first) and exits 0.
 *
 * The VR is the kernel's: a vrrpd killed with SIGKILL leaves it running.
 * A new vrrpd for it then refuses to start (EEXIST, exit 2) and says how
 * to remove it, rather than adopt, and later delete, a VR it did not
 * create (vrrpctl load or add may have made it).
 *
 * Signals are read from a signalfd in the one poll() loop, with the
 * events socket: nothing runs in a signal handler.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "main.h"
#include "nl.h"
#include "vr_json.h"
#include "spec.h"
#include "vrops.h"
#include "vrrpd.h"

#define VRRPD_PIDDIR	"/var/run"
#define VRRPD_PRIO	100
#define VRRPD_DELAY	1		/* s */
#define VRRPD_PW_MAX	8		/* RFC 2338 simple password */

enum { PROG_MASTER, PROG_BACKUP };

struct vrrpd {
	struct vr_spec s;
	const char *piddir;
	const char *prog[2];		/* -m, -b */
	bool help;
	char pid_path[PATH_MAX];
	int pid_fd;
	int sig_fd;
	struct nlc ev;			/* joined to the events group */
	unsigned int state;		/* last one seen, enum vrrp_state */
};

static bool use_syslog;			/* once the VR runs */

/* ---------------- messages ---------------- */

/* a bad command line: "vrrpd: <msg>" on stderr, EXIT_USAGE */
static int bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int bad(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vrrpd: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (vrrpd -h for help)\n");
	return EXIT_USAGE;
}

/* a line on stdout (stderr up to LOG_WARNING), and to syslog once running */
static void say(int prio, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void say(int prio, const char *fmt, ...)
{
	FILE *f = prio <= LOG_WARNING ? stderr : stdout;
	va_list ap;

	fprintf(f, "vrrpd: ");
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
	fflush(f);
	if (!use_syslog)
		return;
	va_start(ap, fmt);
	vsyslog(prio, fmt, ap);
	va_end(ap);
}

static void usage(FILE *f)
{
	fputs("Usage: vrrpd -i IF -v VRID [-p PRIO] [-d DELAY] [-s] [-n] [-a AUTH]\n"
	      "             [-f PIDDIR] [-m PROG] [-b PROG] [-h] IPADDR[/LEN]...\n"
	      "  -i IF      interface to run on\n"
	      "  -v VRID    virtual router id, 1-255\n"
	      "  -p PRIO    priority, 1-255 (default 100)\n"
	      "  -d DELAY   advertisement interval in seconds, 1-255 (default 1)\n"
	      "  -s         no preemption (default: preempt)\n"
	      "  -n         keep the interface's own MAC (default: the virtual MAC)\n"
	      "  -a AUTH    none, or pw/KEY: simple password of 1-8 bytes\n"
	      "             (pw/0xHEX in hex); ah/... is not supported\n"
	      "  -f PIDDIR  directory of vrrpd_IF_VRID.pid (default /var/run)\n"
	      "  -m PROG    run PROG when the virtual router becomes Master\n"
	      "  -b PROG    run PROG when it becomes Backup\n"
	      "  -h         this help\n"
	      "VRRP version 2 over IPv4, run by the vrrp kernel module (vrrpctl(8)).\n"
	      "SIGUSR1 forces Master, SIGUSR2 Backup; SIGTERM, SIGINT and SIGHUP\n"
	      "delete the virtual router and exit.\n", f);
}

/* ---------------- options ---------------- */

static int num_opt(int opt, const char *arg, unsigned long long lo,
		   unsigned long long hi, unsigned int *out)
{
	unsigned long long n;

	if (parse_uint(arg, hi, &n) || n < lo)
		return bad("-%c: invalid value \"%s\" (%llu-%llu)", opt, arg,
			   lo, hi);
	*out = (unsigned int)n;
	return 0;
}

static int hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* "6162..." into out; -1 unless 1 to VRRPD_PW_MAX whole bytes */
static int hex_key(const char *hex, uint8_t *out, size_t *len)
{
	size_t n = strlen(hex), i;
	int hi, lo;

	if (!n || n % 2 || n / 2 > VRRPD_PW_MAX)
		return -1;
	for (i = 0; i < n / 2; i++) {
		hi = hex_val(hex[2 * i]);
		lo = hex_val(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	*len = n / 2;
	return 0;
}

/* -a none | pw/KEY | pw/0xHEX; ah/... is refused */
static int auth_opt(struct vr_spec *s, const char *arg)
{
	const char *key = arg + 3;

	SPEC_SET(s, SF_AUTH_TYPE);
	if (!strcmp(arg, "none")) {
		s->auth_type = VRRP_AUTH_NONE;
		return 0;
	}
	if (!strcmp(arg, "ah") || !strncmp(arg, "ah/", 3))
		return bad("-a %s: IPsec AH authentication is not supported by the vrrp kernel module (use none or pw/KEY)",
			   arg);
	if (strncmp(arg, "pw/", 3))
		return bad("-a: invalid authentication \"%s\" (none or pw/KEY)",
			   arg);
	if (!strncasecmp(key, "0x", 2)) {
		if (hex_key(key + 2, s->auth_key, &s->auth_key_len))
			return bad("-a %s: the key is 1-%d bytes of hex digits after 0x",
				   arg, VRRPD_PW_MAX);
	} else {
		s->auth_key_len = strlen(key);
		if (!s->auth_key_len || s->auth_key_len > VRRPD_PW_MAX)
			return bad("-a pw/KEY: the key is 1-%d bytes (a simple password), not %zu",
				   VRRPD_PW_MAX, s->auth_key_len);
		memcpy(s->auth_key, key, s->auth_key_len);
	}
	s->auth_type = VRRP_AUTH_SIMPLE;
	SPEC_SET(s, SF_AUTH_KEY);
	return 0;
}

/*
 * -m / -b: a program run without a shell (its own path, or looked up in
 * PATH at run time when it has no '/'); a path must be executable now.
 */
static int prog_opt(struct vrrpd *d, int opt, const char *arg)
{
	if (!*arg)
		return bad("-%c: empty program name", opt);
	if (strchr(arg, '/') && access(arg, X_OK))
		return bad("-%c %s: %s", opt, arg, strerror(errno));
	d->prog[opt == 'm' ? PROG_MASTER : PROG_BACKUP] = arg;
	return 0;
}

static int take_opt(struct vrrpd *d, int c, const char *arg)
{
	struct vr_spec *s = &d->s;

	switch (c) {
	case 'i':
		if (!*arg || strlen(arg) >= IFNAMSIZ)
			return bad("-i: invalid interface name \"%s\"", arg);
		strcpy(s->ifname, arg);
		return 0;
	case 'v':
		return num_opt(c, arg, 1, 255, &s->vrid);
	case 'p':
		return num_opt(c, arg, 1, 255, &s->priority);
	case 'd':
		if (num_opt(c, arg, 1, VRRP_V2_ADVERT_INT_MAX / 100,
			    &s->advert_cs))
			return EXIT_USAGE;
		s->advert_cs *= 100;
		return 0;
	case 's':
		s->preempt = false;
		return 0;
	case 'n':
		s->vmac_mode = VRRP_VMAC_NONE;
		return 0;
	case 'a':
		return auth_opt(s, arg);
	case 'f':
		if (!*arg)
			return bad("-f: empty directory name");
		d->piddir = arg;
		return 0;
	case 'm':
	case 'b':
		return prog_opt(d, c, arg);
	case 'h':
		d->help = true;
		return 0;
	case ':':
		return bad("-%c needs a value", optopt);
	}
	if (optopt == '-')
		return bad("unknown option: vrrpd has no long options");
	if (isgraph(optopt))
		return bad("unknown option \"-%c\"", optopt);
	return bad("unknown option");
}

static int parse_vips(struct vr_spec *s, int argc, char **argv)
{
	struct vr_addr a;
	int i;

	if (argc < 1)
		return bad("no virtual address given (IPADDR[/LEN]...)");
	for (i = 0; i < argc; i++) {
		if (parse_addr(argv[i], &a, true))
			return bad("invalid address \"%s\"", argv[i]);
		if (a.family != AF_INET)
			return bad("%s: vrrpd speaks VRRP version 2, IPv4 addresses only",
				   argv[i]);
		if (spec_add_vip(s, &a))
			return bad("out of memory");
	}
	SPEC_SET(s, SF_VIPS);
	return 0;
}

/* vrrpd's defaults: VRRPv2, priority 100, 1 s, preemption, the VMAC */
static void spec_defaults(struct vr_spec *s)
{
	s->family = AF_INET;
	s->version = 2;
	s->priority = VRRPD_PRIO;
	s->advert_cs = VRRPD_DELAY * 100;
	s->preempt = true;
	/*
	 * Without -n, vrrpd puts the virtual MAC on IF itself: that is the
	 * module's "ether" mode (the VMAC on the parent interface, no extra
	 * device, the VIPs on IF), not "macvlan", which would move the VIPs
	 * to a new device. -n keeps IF's own MAC: mode "none".
	 */
	s->vmac_mode = VRRP_VMAC_ETHER;
	SPEC_SET(s, SF_VERSION);
	SPEC_SET(s, SF_PRIORITY);
	SPEC_SET(s, SF_ADVERT);
	SPEC_SET(s, SF_PREEMPT);
	SPEC_SET(s, SF_VMAC_MODE);
}

/* 0, or EXIT_USAGE with the message printed; d->help for -h */
static int parse_opts(struct vrrpd *d, int argc, char **argv)
{
	int c, r;

	opterr = 0;
	optind = 1;
	while ((c = getopt(argc, argv, ":i:v:p:d:sna:f:m:b:h")) != -1) {
		r = take_opt(d, c, optarg);
		if (r || d->help)
			return r;
	}
	if (!d->s.ifname[0])
		return bad("missing -i IF");
	if (!d->s.vrid)
		return bad("missing -v VRID");
	return parse_vips(&d->s, argc - optind, argv + optind);
}

/* ---------------- pid file ---------------- */

/* the pid in a file someone else holds locked */
static void pid_held(const struct vrrpd *d, int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	fprintf(stderr, "vrrpd: already running with pid %s (%s is locked)\n",
		buf[0] ? buf : "?", d->pid_path);
}

/*
 * One try at PIDDIR/vrrpd_IF_VRID.pid: 0 locked (d->pid_fd), 1 to try
 * again (its holder removed it as we opened it), -1 refused. A live
 * vrrpd holds an flock on it: a file left by one that died is reused.
 * As the daemon's (daemon.c), it must be a regular file of ours with one
 * link, and a symlink is not followed.
 */
static int pid_try(struct vrrpd *d)
{
	int fd = open(d->pid_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
		      0644);
	struct stat fst, pst;

	if (fd < 0) {
		fprintf(stderr, "vrrpd: pid file %s: %s%s\n", d->pid_path,
			strerror(errno), errno == ELOOP ? " (a symlink: refused)" : "");
		return -1;
	}
	if (fstat(fd, &fst) || !S_ISREG(fst.st_mode) ||
	    fst.st_uid != geteuid() || fst.st_nlink != 1) {
		fprintf(stderr, "vrrpd: pid file %s: not a regular file of uid %d with one link: refused\n",
			d->pid_path, (int)geteuid());
		close(fd);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		if (errno == EWOULDBLOCK)
			pid_held(d, fd);
		else
			fprintf(stderr, "vrrpd: pid file %s: lock: %s\n",
				d->pid_path, strerror(errno));
		close(fd);
		return -1;
	}
	if (stat(d->pid_path, &pst) || pst.st_ino != fst.st_ino ||
	    pst.st_dev != fst.st_dev) {
		close(fd);
		return 1;
	}
	d->pid_fd = fd;
	return 0;
}

static int pid_lock(struct vrrpd *d)
{
	char buf[32];
	int i, r = 1, n;

	if ((size_t)snprintf(d->pid_path, sizeof(d->pid_path),
			     "%s/vrrpd_%s_%u.pid", d->piddir, d->s.ifname,
			     d->s.vrid) >= sizeof(d->pid_path)) {
		fprintf(stderr, "vrrpd: -f %s: path too long\n", d->piddir);
		return EXIT_USAGE;
	}
	for (i = 0; i < 3 && r > 0; i++)
		r = pid_try(d);
	if (r)
		return EXIT_USAGE;
	n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (ftruncate(d->pid_fd, 0) || pwrite(d->pid_fd, buf, (size_t)n, 0) != n) {
		fprintf(stderr, "vrrpd: pid file %s: %s\n", d->pid_path,
			strerror(errno));
		return EXIT_USAGE;
	}
	return 0;
}

/* ours, locked: removed before the lock goes, so no one sees a stale pid */
static void pid_remove(struct vrrpd *d)
{
	if (d->pid_fd < 0)
		return;
	if (unlink(d->pid_path) && errno != ENOENT)
		say(LOG_WARNING, "pid file %s: %s", d->pid_path, strerror(errno));
	close(d->pid_fd);
	d->pid_fd = -1;
}

/* ---------------- programs ---------------- */

/* the environment of a -m / -b program: ours, plus VRRP_* as the daemon's */
static void prog_env(const struct vrrpd *d, int which, unsigned int old,
		     const char *reason, unsigned int prio)
{
	char v[INET_ADDRSTRLEN + 8];

	setenv("VRRP_INTERFACE", d->s.ifname, 1);
	snprintf(v, sizeof(v), "%u", d->s.vrid);
	setenv("VRRP_GROUP", v, 1);
	setenv("VRRP_STATE", which == PROG_MASTER ? "MASTER" : "BACKUP", 1);
	setenv("VRRP_OLD_STATE", state_name(old), 1);
	setenv("VRRP_REASON", reason, 1);
	snprintf(v, sizeof(v), "%u", prio);
	setenv("VRRP_PRIORITY", v, 1);
	addr_str(AF_INET, d->s.vips[0].addr, v, sizeof(v));
	setenv("VRRP_VIP", v, 1);
}

/* in the child: no blocked signals, its own process group, stdin null */
static void __attribute__((noreturn))
prog_exec(const struct vrrpd *d, int which, unsigned int old,
	  const char *reason, unsigned int prio)
{
	const char *prog = d->prog[which];
	sigset_t none;
	int fd;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	setpgid(0, 0);
	fd = open("/dev/null", O_RDONLY);
	if (fd > 0) {
		dup2(fd, 0);
		close(fd);
	}
	prog_env(d, which, old, reason, prio);
	execvp(prog, (char *const[]){ (char *)prog, NULL });
	fprintf(stderr, "vrrpd: %s: %s\n", prog, strerror(errno));
	_exit(127);
}

/* fork and exec, no shell, no wait: SIGCHLD reaps it */
static void prog_run(const struct vrrpd *d, int which, unsigned int old,
		     const char *reason, unsigned int prio)
{
	const char *prog = d->prog[which];
	pid_t p;

	if (!prog)
		return;
	fflush(stdout);
	fflush(stderr);
	p = fork();
	if (p < 0) {
		say(LOG_ERR, "cannot run %s: %s", prog, strerror(errno));
		return;
	}
	if (p == 0)
		prog_exec(d, which, old, reason, prio);
	say(LOG_INFO, "%s %s started (pid %d)",
	    which == PROG_MASTER ? "-m" : "-b", prog, (int)p);
}

static void reap(void)
{
	pid_t p;
	int st;

	while ((p = waitpid(-1, &st, WNOHANG)) > 0) {
		if (WIFEXITED(st) && WEXITSTATUS(st))
			say(LOG_WARNING, "program with pid %d exited with status %d",
			    (int)p, WEXITSTATUS(st));
		else if (WIFSIGNALED(st))
			say(LOG_WARNING, "program with pid %d killed by signal %d",
			    (int)p, WTERMSIG(st));
	}
}

/* ---------------- the VR ---------------- */

static bool is_ours(const struct vrrpd *d, struct nlattr **tb)
{
	char name[IF_NAMESIZE];

	return attr_uint(tb[VRRP_A_VRID]) == d->s.vrid &&
	       attr_uint(tb[VRRP_A_FAMILY]) == AF_INET &&
	       !strcmp(vr_ifname(tb, name), d->s.ifname);
}

static unsigned int prio_of(struct nlattr **tb)
{
	return (unsigned int)attr_uint(tb[VRRP_A_EFF_PRIORITY] ?
				       tb[VRRP_A_EFF_PRIORITY] :
				       tb[VRRP_A_PRIORITY]);
}

static void transition(struct vrrpd *d, unsigned int new, const char *reason,
		       unsigned int prio)
{
	unsigned int old = d->state;

	if (new == old)
		return;
	d->state = new;
	say(LOG_NOTICE, "%s vrid %u: %s -> %s (%s), priority %u", d->s.ifname,
	    d->s.vrid, state_name(old), state_name(new), reason, prio);
	if (new == VRRP_STATE_MASTER)
		prog_run(d, PROG_MASTER, old, reason, prio);
	else if (new == VRRP_STATE_BACKUP)
		prog_run(d, PROG_BACKUP, old, reason, prio);
}

static int event_cb(struct nl_msg *msg, void *arg)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct vrrpd *d = arg;
	unsigned int reason;

	if (gh->cmd != VRRP_CMD_EVENT || nlc_parse(msg, tb) || !is_ours(d, tb))
		return NL_SKIP;
	reason = (unsigned int)attr_uint(tb[VRRP_A_EV_REASON]);
	if (reason == VRRP_REASON_CSUM_FOLLOWED)	/* not a transition */
		return NL_OK;
	transition(d, (unsigned int)attr_uint(tb[VRRP_A_STATE]),
		   reason_name(reason), prio_of(tb));
	return NL_OK;
}

struct seen {
	const struct vrrpd *d;
	bool found;
	unsigned int state, prio;
};

static int seen_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct seen *s = arg;

	if (nlc_parse(msg, tb) || !is_ours(s->d, tb))
		return NL_OK;
	s->found = true;
	s->state = (unsigned int)attr_uint(tb[VRRP_A_STATE]);
	s->prio = prio_of(tb);
	return NL_OK;
}

/* events were lost: the state as the kernel has it now */
static void resync(struct vrrpd *d)
{
	struct seen s = { .d = d };
	struct vr_result res;

	if (vrop_query(VRRP_CMD_GET, true, seen_cb, &s, &res))
		say(LOG_ERR, "reading the VR: Error: %s", res.msg);
	else if (s.found)
		transition(d, s.state, "events-lost", s.prio);
}

static void events_read(struct vrrpd *d)
{
	int r = nl_recvmsgs_default(d->ev.sk);

	if (r == -NLE_NOMEM) {
		/* ENOBUFS: the socket overflowed */
		say(LOG_WARNING, "events lost (receive buffer overrun)");
		resync(d);
	} else if (r < 0 && r != -NLE_AGAIN && r != -NLE_INTR) {
		say(LOG_ERR, "events: %s", nl_geterror(r));
	}
}

static int events_open(struct vrrpd *d)
{
	if (nlc_open(&d->ev))
		return EXIT_KERNEL;
	if (nlc_subscribe(&d->ev))
		return EXIT_KERNEL;
	nl_socket_disable_auto_ack(d->ev.sk);
	nl_socket_modify_cb(d->ev.sk, NL_CB_VALID, NL_CB_CUSTOM, event_cb, d);
	nl_socket_set_nonblocking(d->ev.sk);
	fcntl(nl_socket_get_fd(d->ev.sk), F_SETFD, FD_CLOEXEC);
	return 0;
}

/* the kernel's force operation, as "vrrpctl force" */
static void force(const struct vrrpd *d, unsigned int f)
{
	struct vr_spec s = { .family = AF_INET, .vrid = d->s.vrid, .force = f };
	struct vr_result res;

	memcpy(s.ifname, d->s.ifname, sizeof(s.ifname));
	SPEC_SET(&s, SF_FORCE);
	say(LOG_NOTICE, "%s vrid %u: forcing %s", d->s.ifname, d->s.vrid,
	    force_name(f));
	if (vrop_set(&s, &res))
		say(LOG_ERR, "force %s: Error: %s", force_name(f), res.msg);
}

static void vr_exists(const struct vrrpd *d)
{
	fprintf(stderr,
		"vrrpd: dev %s vrid %u is in the kernel already: another vrrpd or vrrpctl runs it, or a vrrpd was killed with SIGKILL (its virtual router stays); \"vrrpctl del dev %s vrid %u\" removes it\n",
		d->s.ifname, d->s.vrid, d->s.ifname, d->s.vrid);
}

static int vr_create(struct vrrpd *d)
{
	struct vr_result res;
	char a[INET_ADDRSTRLEN];

	if (vrop_new(&d->s, &res)) {
		int r = vrop_print(&res);

		if (res.err == -EEXIST)
			vr_exists(d);
		return r;
	}
	use_syslog = true;
	openlog("vrrpd", LOG_PID, LOG_DAEMON);
	say(LOG_NOTICE, "%s vrid %u: VRRPv2 priority %u, advert %u s, preempt %s, %s MAC, VIP %s%s (pid %d)",
	    d->s.ifname, d->s.vrid, d->s.priority, d->s.advert_cs / 100,
	    d->s.preempt ? "on" : "off",
	    d->s.vmac_mode == VRRP_VMAC_NONE ? "interface" : "virtual",
	    addr_str(AF_INET, d->s.vips[0].addr, a, sizeof(a)),
	    d->s.n_vips > 1 ? " ..." : "", (int)getpid());
	return 0;
}

/* SIGTERM: delete the VR; the kernel sends priority 0 if it is Master */
static int vr_delete(const struct vrrpd *d)
{
	struct vr_result res;

	if (!vrop_del(&d->s, &res)) {
		say(LOG_NOTICE, "%s vrid %u: deleted, exiting", d->s.ifname,
		    d->s.vrid);
		return 0;
	}
	if (res.err == -ENOENT) {
		say(LOG_WARNING, "%s vrid %u: deleted already, exiting",
		    d->s.ifname, d->s.vrid);
		return 0;
	}
	say(LOG_ERR, "deleting %s vrid %u: Error: %s", d->s.ifname, d->s.vrid,
	    res.msg);
	return res.kernel ? EXIT_KERNEL : EXIT_USAGE;
}

/* ---------------- signals and the loop ---------------- */

static const int vrrpd_sigs[] = {
	SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGCHLD,
};

#define N_SIGS (sizeof(vrrpd_sigs) / sizeof(vrrpd_sigs[0]))

/*
 * SIGINT and SIGHUP stay ignored if they came ignored (nohup, a shell's
 * background job); the others are ours whatever we inherited. All are
 * blocked from the start: one sent while starting waits in the fd.
 */
static void signal_add(sigset_t *set, int sig)
{
	struct sigaction old;

	if ((sig == SIGINT || sig == SIGHUP) && !sigaction(sig, NULL, &old) &&
	    old.sa_handler == SIG_IGN)
		return;
	sigaddset(set, sig);
}

static int signals_open(struct vrrpd *d)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < N_SIGS; i++)
		signal_add(&set, vrrpd_sigs[i]);
	if (sigprocmask(SIG_BLOCK, &set, NULL)) {
		fprintf(stderr, "vrrpd: sigprocmask: %s\n", strerror(errno));
		return EXIT_USAGE;
	}
	for (i = 0; i < N_SIGS; i++)
		if (sigismember(&set, vrrpd_sigs[i]))
			signal(vrrpd_sigs[i], SIG_DFL);
	d->sig_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (d->sig_fd < 0) {
		fprintf(stderr, "vrrpd: signalfd: %s\n", strerror(errno));
		return EXIT_USAGE;
	}
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

/* true once a signal to stop came */
static bool signals_read(struct vrrpd *d)
{
	struct signalfd_siginfo si;
	bool stop = false;

	while (read(d->sig_fd, &si, sizeof(si)) == sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGUSR1:
			force(d, VRRP_FORCE_MASTER);
			break;
		case SIGUSR2:
			force(d, VRRP_FORCE_BACKUP);
			break;
		case SIGCHLD:
			reap();
			break;
		default:
			say(LOG_NOTICE, "SIG%s: deleting the virtual router",
			    si.ssi_signo == SIGTERM ? "TERM" :
			    si.ssi_signo == SIGINT ? "INT" : "HUP");
			stop = true;
		}
	}
	return stop;
}

static int run(struct vrrpd *d)
{
	struct pollfd p[2] = {
		{ .fd = d->sig_fd, .events = POLLIN },
		{ .fd = nl_socket_get_fd(d->ev.sk), .events = POLLIN },
	};

	for (;;) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			say(LOG_ERR, "poll: %s", strerror(errno));
			break;
		}
		if (p[1].revents)
			events_read(d);
		if (p[0].revents && signals_read(d))
			break;
	}
	return vr_delete(d);
}

/*
 * Signals first (queued from here on), then the pid file (before the
 * kernel is asked anything, so that a second vrrpd is refused without
 * a netlink request), the device, the events group (joined before the VR
 * exists, so its first transition is not missed), the VR.
 */
static int start(struct vrrpd *d)
{
	int r;

	r = signals_open(d);
	if (!r)
		r = pid_lock(d);
	if (r)
		return r;
	if (!if_nametoindex(d->s.ifname)) {
		fprintf(stderr, "vrrpd: Cannot find device \"%s\"\n", d->s.ifname);
		return EXIT_USAGE;
	}
	r = events_open(d);
	return r ? r : vr_create(d);
}

bool vrrpd_invoked(const char *argv0)
{
	const char *base;

	if (!argv0)
		return false;
	base = strrchr(argv0, '/');
	return !strcmp(base ? base + 1 : argv0, "vrrpd");
}

int vrrpd_main(int argc, char **argv)
{
	struct vrrpd d = {
		.piddir = VRRPD_PIDDIR, .pid_fd = -1, .sig_fd = -1,
		.state = VRRP_STATE_INIT,
	};
	int r;

	spec_defaults(&d.s);
	r = parse_opts(&d, argc, argv);
	if (!r && d.help) {
		usage(stdout);
	} else if (!r) {
		setvbuf(stdout, NULL, _IOLBF, 0);
		r = start(&d);
		if (!r)
			r = run(&d);
	}
	pid_remove(&d);
	if (d.sig_fd >= 0)
		close(d.sig_fd);
	nlc_close(&d.ev);
	spec_release(&d.s);
	return r;
}
