// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpctl daemon privilege separation (review M9). The daemon starts as
 * root to open what needs it (pid file, TLS key, netlink sockets, the
 * API's port, the logs), then becomes the config's "user" keeping only
 * CAP_NET_ADMIN: the module's mutating genl operations check it on the
 * socket's opener and on the sending task. Capabilities are set with the
 * raw capget/capset system calls (no libcap). Notify scripts are checked
 * the way keepalived's enable_script_security does: nobody but root and
 * the daemon's user may be able to change what runs.
 */
#define _GNU_SOURCE	/* setresuid, getresuid */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <linux/capability.h>

#include "cfg.h"
#include "privsep.h"

#define MAX_LINKS	40	/* symlinks followed in one script path */

/* ---------------- user and group ---------------- */

static void set_self(struct run_as *ra)
{
	struct passwd *pw;

	memset(ra, 0, sizeof(*ra));
	ra->uid = geteuid();
	ra->gid = getegid();
	pw = getpwuid(ra->uid);
	snprintf(ra->user, sizeof(ra->user), "%s", pw ? pw->pw_name : "root");
	snprintf(ra->home, sizeof(ra->home), "%s", pw ? pw->pw_dir : "/");
	snprintf(ra->group, sizeof(ra->group), "%u", (unsigned int)ra->gid);
}

static int lookup_group(const struct cfg_val *g, const char *file,
			struct run_as *ra)
{
	struct group *gr;

	if (g) {
		errno = 0;
		gr = getgrnam(g->u.s);
		if (!gr) {
			fprintf(stderr, "%s:%d: group: no such group '%s'%s%s\n",
				file, g->line, g->u.s, errno ? ": " : "",
				errno ? strerror(errno) : "");
			return 1;
		}
		ra->gid = gr->gr_gid;
	} else {
		gr = getgrgid(ra->gid);
	}
	if (ra->gid == 0) {
		fprintf(stderr, "%s:%d: %s: gid 0 is root's group: choose another%s\n",
			file, g ? g->line : ra->line, g ? "group" : "user",
			g ? "" : " with group = \"...\"");
		return 1;
	}
	if (gr)
		snprintf(ra->group, sizeof(ra->group), "%s", gr->gr_name);
	else
		snprintf(ra->group, sizeof(ra->group), "%u", (unsigned int)ra->gid);
	return 0;
}

int privsep_lookup(const struct cfg_val *root, const char *file,
		   struct run_as *ra)
{
	const struct cfg_val *u = cfg_get(root, "user");
	const struct cfg_val *g = cfg_get(root, "group");
	struct passwd *pw;

	set_self(ra);
	if (u && u->type != CFG_STRING)
		u = NULL;	/* the schema reports the type */
	if (g && g->type != CFG_STRING)
		g = NULL;
	if (!u) {
		if (!g)
			return 0;
		fprintf(stderr, "%s:%d: group: needs user (the daemon drops to a user and its group)\n",
			file, g->line);
		return 1;
	}
	errno = 0;
	pw = getpwnam(u->u.s);
	if (!pw) {
		fprintf(stderr, "%s:%d: user: no such user '%s'%s%s\n", file,
			u->line, u->u.s, errno ? ": " : "",
			errno ? strerror(errno) : "");
		return 1;
	}
	if (pw->pw_uid == 0) {
		fprintf(stderr, "%s:%d: user: '%s' is uid 0: nothing to drop to (without user the daemon stays root)\n",
			file, u->line, u->u.s);
		return 1;
	}
	if (strlen(pw->pw_name) >= sizeof(ra->user)) {
		fprintf(stderr, "%s:%d: user: '%s': name too long\n", file,
			u->line, u->u.s);
		return 1;
	}
	ra->line = u->line;
	ra->uid = pw->pw_uid;
	ra->gid = pw->pw_gid;
	snprintf(ra->user, sizeof(ra->user), "%s", pw->pw_name);
	snprintf(ra->home, sizeof(ra->home), "%s", pw->pw_dir);
	if (lookup_group(g, file, ra)) {
		set_self(ra);
		return 1;
	}
	ra->set = true;
	return 0;
}

/* ---------------- dropping root ---------------- */

static int capget_self(struct __user_cap_data_struct d[2])
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0,
	};

	return (int)syscall(SYS_capget, &h, d);
}

/* permitted = effective = CAP_NET_ADMIN, inheritable = none */
static int capset_net_admin(void)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0,
	};
	struct __user_cap_data_struct d[2];

	memset(d, 0, sizeof(d));
	d[CAP_TO_INDEX(CAP_NET_ADMIN)].permitted = CAP_TO_MASK(CAP_NET_ADMIN);
	d[CAP_TO_INDEX(CAP_NET_ADMIN)].effective = CAP_TO_MASK(CAP_NET_ADMIN);
	return (int)syscall(SYS_capset, &h, d);
}

/*
 * Best effort, while still root: leave only CAP_NET_ADMIN in the bounding
 * set. Needs CAP_SETPCAP, which a service manager's bounding set may have
 * taken already (then it is that set that bounds us). Returns how many
 * were left in it besides CAP_NET_ADMIN.
 */
static int bounding_drop(void)
{
	int cap, left = 0;

	for (cap = 0; cap < 64; cap++) {
		int r = prctl(PR_CAPBSET_READ, cap, 0, 0, 0);

		if (r < 0)
			break;		/* past the kernel's last capability */
		if (!r || cap == CAP_NET_ADMIN)
			continue;
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0))
			left++;
	}
	return left;
}

static int fail(char *msg, size_t len, const char *what)
{
	snprintf(msg, len, "cannot drop privileges: %s: %s%s", what,
		 strerror(errno), errno == EPERM ?
		 " (it needs CAP_SETUID and CAP_SETGID: see the service's CapabilityBoundingSet)" : "");
	return -1;
}

/* After the drop: ids, capabilities, no_new_privs, and no way back */
static int verify(const struct run_as *ra, char *msg, size_t len)
{
	struct __user_cap_data_struct d[2];
	uid_t r, e, s;
	gid_t rg, eg, sg;

	if (getresuid(&r, &e, &s) || getresgid(&rg, &eg, &sg) ||
	    r != ra->uid || e != ra->uid || s != ra->uid ||
	    rg != ra->gid || eg != ra->gid || sg != ra->gid) {
		snprintf(msg, len, "cannot drop privileges: the ids did not change to %u:%u",
			 (unsigned int)ra->uid, (unsigned int)ra->gid);
		return -1;
	}
	if (capget_self(d))
		return fail(msg, len, "capget");
	if (d[0].permitted != CAP_TO_MASK(CAP_NET_ADMIN) || d[1].permitted ||
	    d[0].effective != CAP_TO_MASK(CAP_NET_ADMIN) || d[1].effective ||
	    d[0].inheritable || d[1].inheritable) {
		snprintf(msg, len, "cannot drop privileges: capabilities left: permitted %08x%08x effective %08x%08x",
			 d[1].permitted, d[0].permitted, d[1].effective,
			 d[0].effective);
		return -1;
	}
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1) {
		snprintf(msg, len, "cannot drop privileges: no_new_privs is not set");
		return -1;
	}
	if (setuid(0) == 0 || seteuid(0) == 0 || setgid(0) == 0) {
		snprintf(msg, len, "cannot drop privileges: uid or gid 0 could be had back");
		return -1;
	}
	return 0;
}

int privsep_drop(const struct run_as *ra, char *msg, size_t len)
{
	int left;

	if (geteuid() != 0) {
		snprintf(msg, len, "cannot drop privileges to user %s: the daemon must start as root (it runs as uid %u)",
			 ra->user, (unsigned int)geteuid());
		return -1;
	}
	left = bounding_drop();
	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0))
		return fail(msg, len, "PR_SET_KEEPCAPS");
	if (setgroups(1, &ra->gid))
		return fail(msg, len, "setgroups");
	if (setresgid(ra->gid, ra->gid, ra->gid))
		return fail(msg, len, "setresgid");
	if (setresuid(ra->uid, ra->uid, ra->uid))
		return fail(msg, len, "setresuid");
	if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0))
		return fail(msg, len, "PR_SET_KEEPCAPS");
	if (capset_net_admin())
		return fail(msg, len, "capset CAP_NET_ADMIN");
	/* ambient capabilities exist since Linux 4.3 */
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) &&
	    errno != EINVAL)
		return fail(msg, len, "clearing the ambient capabilities");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return fail(msg, len, "PR_SET_NO_NEW_PRIVS");
	if (verify(ra, msg, len))
		return -1;
	snprintf(msg, len, "privileges dropped to user %s (uid %u), group %s (gid %u): capabilities cap_net_admin only, no_new_privs, setuid(0) refused%s",
		 ra->user, (unsigned int)ra->uid, ra->group,
		 (unsigned int)ra->gid,
		 left ? "; bounding set kept as started (no CAP_SETPCAP to reduce it)" : "");
	return 0;
}

/* ---------------- notify scripts ---------------- */

static bool trusted(uid_t owner, uid_t uid)
{
	return owner == 0 || owner == uid;
}

static const char *who(uid_t uid)
{
	return uid ? "root or the daemon's user" : "root";
}

static int owner_ok(const char *path, const struct stat *st, uid_t uid,
		    char *err, size_t len)
{
	struct passwd *pw;

	if (trusted(st->st_uid, uid))
		return 0;
	pw = getpwuid(st->st_uid);
	snprintf(err, len, "%s is owned by uid %u%s%s%s: only %s may own the program and the directories and links to it",
		 path, (unsigned int)st->st_uid, pw ? " (" : "",
		 pw ? pw->pw_name : "", pw ? ")" : "", who(uid));
	return -1;
}

/* may someone untrusted write to (a file, a directory) with mode st? */
static bool others_write(const struct stat *st)
{
	return (st->st_mode & S_IWOTH) ||
	       ((st->st_mode & S_IWGRP) && st->st_gid != 0);
}

/*
 * Directory dir (st) holds the next entry on the way, owned by child: no
 * one untrusted may write to it, unless it is sticky (as /tmp), which keeps
 * the entry of a trusted owner in place.
 */
static int dir_ok(const char *dir, const struct stat *st, uid_t child,
		  uid_t uid, char *err, size_t len)
{
	if (!others_write(st))
		return 0;
	if ((st->st_mode & S_ISVTX) && trusted(child, uid))
		return 0;
	snprintf(err, len, "%s is a directory that %s may write (mode %04o)",
		 dir, st->st_mode & S_IWOTH ? "everyone" : "a group other than root",
		 (unsigned int)(st->st_mode & 07777));
	return -1;
}

static int file_ok(const char *path, const struct stat *st, char *err,
		   size_t len)
{
	if (!S_ISREG(st->st_mode)) {
		snprintf(err, len, "%s is not a regular file", path);
		return -1;
	}
	if (others_write(st)) {
		snprintf(err, len, "%s may be written by %s (mode %04o)", path,
			 st->st_mode & S_IWOTH ? "everyone" : "a group other than root",
			 (unsigned int)(st->st_mode & 07777));
		return -1;
	}
	return 0;
}

/* next = dir/name; -1 if too long */
static int join(char *next, size_t n, const char *dir, const char *name)
{
	int r = snprintf(next, n, "%s%s%s", dir, strcmp(dir, "/") ? "/" : "",
			 name);

	return r < 0 || (size_t)r >= n ? -1 : 0;
}

/* pending = target + "/" + rest */
static int splice(char *pending, size_t n, const char *target,
		  const char *rest)
{
	char tmp[PATH_MAX * 2];
	int r = snprintf(tmp, sizeof(tmp), "%s/%s", target, rest);

	if (r < 0 || (size_t)r >= sizeof(tmp) || (size_t)r >= n)
		return -1;
	memcpy(pending, tmp, (size_t)r + 1);
	return 0;
}

/*
 * Walk the absolute path, one component at a time as the kernel does,
 * following symlinks, checking each step.
 */
static int path_safe(const char *path, uid_t uid, char *err, size_t len)
{
	char cur[PATH_MAX] = "/", next[PATH_MAX], pending[PATH_MAX * 2];
	char name[NAME_MAX + 1], target[PATH_MAX];
	struct stat dst, st;
	const char *p;
	int links = 0;
	ssize_t r;
	size_t n;

	if (lstat("/", &dst) || owner_ok("/", &dst, uid, err, len))
		return -1;
	snprintf(pending, sizeof(pending), "%s", path);
	for (p = pending;;) {
		p += strspn(p, "/");
		if (!*p)
			break;
		n = strcspn(p, "/");
		if (n > NAME_MAX)
			goto too_long;
		memcpy(name, p, n);
		name[n] = '\0';
		p += n;
		if (!strcmp(name, "."))
			continue;
		if (!strcmp(name, "..")) {
			char *s = strrchr(cur, '/');

			if (s == cur)
				s[1] = '\0';
			else if (s)
				*s = '\0';
			if (lstat(cur, &dst))
				goto sys;
			continue;
		}
		if (join(next, sizeof(next), cur, name))
			goto too_long;
		if (lstat(next, &st)) {
			snprintf(err, len, "%s: %s", next, strerror(errno));
			return -1;
		}
		if (owner_ok(next, &st, uid, err, len) ||
		    dir_ok(cur, &dst, st.st_uid, uid, err, len))
			return -1;
		if (S_ISLNK(st.st_mode)) {
			if (++links > MAX_LINKS) {
				snprintf(err, len, "%s: %s", path, strerror(ELOOP));
				return -1;
			}
			r = readlink(next, target, sizeof(target) - 1);
			if (r < 0)
				goto sys;
			target[r] = '\0';
			if (splice(pending, sizeof(pending), target, p))
				goto too_long;
			p = pending;
			if (target[0] == '/') {
				snprintf(cur, sizeof(cur), "/");
				if (lstat(cur, &dst))
					goto sys;
			}
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			memcpy(cur, next, sizeof(cur));
			dst = st;
			continue;
		}
		if (p[strspn(p, "/")]) {
			snprintf(err, len, "%s: %s", next, strerror(ENOTDIR));
			return -1;
		}
		return file_ok(next, &st, err, len);
	}
	snprintf(err, len, "%s is a directory, not a program", cur);
	return -1;
too_long:
	snprintf(err, len, "%s: %s", path, strerror(ENAMETOOLONG));
	return -1;
sys:
	snprintf(err, len, "%s: %s", path, strerror(errno));
	return -1;
}

/* The program a notify command runs: its first word, found in SCRIPT_PATH */
static int program_of(const char *cmd, char *out, size_t n, char *err,
		      size_t len)
{
	char cand[PATH_MAX], dirs[] = SCRIPT_PATH, *d, *save = NULL;
	struct stat st;
	size_t w;

	cmd += strspn(cmd, " \t\n");
	w = strcspn(cmd, " \t\n");
	if (!w) {
		snprintf(err, len, "empty command");
		return -1;
	}
	if (strcspn(cmd, "'\"\\$`;|&<>(){}*?[]~=#!") < w) {
		snprintf(err, len, "'%.*s': the command must start with the program (a path or a name), not shell syntax",
			 (int)w, cmd);
		return -1;
	}
	if (w >= n) {
		snprintf(err, len, "'%.*s': %s", (int)w, cmd,
			 strerror(ENAMETOOLONG));
		return -1;
	}
	memcpy(out, cmd, w);
	out[w] = '\0';
	if (strchr(out, '/')) {
		if (out[0] == '/')
			return 0;
		snprintf(err, len, "'%s': a relative path: use an absolute one",
			 out);
		return -1;
	}
	for (d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save))
		if (!join(cand, sizeof(cand), d, out) && !stat(cand, &st) &&
		    S_ISREG(st.st_mode) && (st.st_mode & 0111) &&
		    strlen(cand) < n) {
			snprintf(out, n, "%s", cand);
			return 0;
		}
	snprintf(err, len, "'%s': not found in %s", out, SCRIPT_PATH);
	return -1;
}

int script_check(const char *cmd, uid_t uid, char *err, size_t len)
{
	char prog[PATH_MAX], why[PATH_MAX + 160];

	if (program_of(cmd, prog, sizeof(prog), err, len))
		return -1;
	if (path_safe(prog, uid, why, sizeof(why))) {
		size_t n = strlen(prog);

		/* "PROG is ...", or "PROG: DIR is ..." */
		if (!strncmp(why, prog, n) && why[n] == ' ')
			snprintf(err, len, "%s", why);
		else
			snprintf(err, len, "%s: %s", prog, why);
		return -1;
	}
	return 0;
}

static int check_table(const struct cfg_val *t, const char *file, uid_t uid)
{
	static const char * const keys[] = {
		"notify_master", "notify_backup", "notify_fault", "notify", NULL
	};
	const struct cfg_val *v;
	char err[PATH_MAX + 400];
	int i, bad = 0;

	for (i = 0; keys[i]; i++) {
		v = cfg_get(t, keys[i]);
		if (!v || v->type != CFG_STRING)
			continue;
		if (script_check(v->u.s, uid, err, sizeof(err))) {
			fprintf(stderr, "%s:%d: %s: script refused: %s\n", file,
				v->line, keys[i], err);
			bad++;
		}
	}
	return bad;
}

int privsep_check_scripts(const struct cfg_val *root, const char *file,
			  uid_t uid)
{
	static const char * const arrays[] = { "vrouter", "sync_groups", NULL };
	const struct cfg_val *a, *t;
	int i, bad = 0;

	for (i = 0; arrays[i]; i++) {
		a = cfg_get(root, arrays[i]);
		if (!a || a->type != CFG_ARRAY)
			continue;
		for (t = a->child; t; t = t->next)
			if (t->type == CFG_TABLE)
				bad += check_table(t, file, uid);
	}
	return bad;
}
