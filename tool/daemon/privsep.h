/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vrrpctl daemon privilege separation (review M9): the config's "user" and
 * "group", dropping root to them with CAP_NET_ADMIN only, and the safety
 * check of notify scripts.
 */
#ifndef VRRP_TOOL_PRIVSEP_H
#define VRRP_TOOL_PRIVSEP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct cfg_val;

/* The PATH notify scripts run with, and where a bare program name is found */
#define SCRIPT_PATH	"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* Who the daemon runs as after start-up (and so its notify scripts) */
struct run_as {
	bool set;		/* "user" is configured: drop to it */
	uid_t uid;		/* else the current euid, with its name and home */
	gid_t gid;
	char user[64], group[64];
	char home[256];
	int line;		/* of "user", for messages */
};

/*
 * The config's top-level "user" and optional "group" (default: the user's
 * primary group) into *ra. The user and group must exist and the user must
 * not be root. Problems go to stderr as FILE:LINE: key: problem; returns
 * their number (*ra is then "not set").
 */
int privsep_lookup(const struct cfg_val *root, const char *file,
		   struct run_as *ra);

/*
 * Become ra's user: supplementary groups reduced to ra's group, gid, uid
 * (real, effective, saved), CAP_NET_ADMIN alone in the permitted and
 * effective sets, nothing inheritable or ambient, no_new_privs; then check
 * that uid 0 cannot be had back. Must be called as root. Returns 0 with the
 * line to log in msg, or -1 with what failed (the daemon must then stop).
 */
int privsep_drop(const struct run_as *ra, char *msg, size_t len);

/*
 * Is the notify command cmd safe to run for a daemon running as uid? Its
 * program (the first word: an absolute path, or a name looked up in
 * SCRIPT_PATH) must be a regular file that nobody but root and uid can
 * change: it, every directory on the way to it and every symlink followed
 * must be owned by root or uid and not writable by group (unless the group
 * is root) or others; a world-writable directory is accepted only if it is
 * sticky and what is in it on the way is owned by root or uid. Returns 0, or
 * -1 with why in err.
 */
int script_check(const char *cmd, uid_t uid, char *err, size_t len);

/*
 * script_check() on every notify script of [[vrouter]] and [[sync_groups]],
 * as FILE:LINE: key: problem on stderr; returns the number of problems.
 */
int privsep_check_scripts(const struct cfg_val *root, const char *file,
			  uid_t uid);

#endif /* VRRP_TOOL_PRIVSEP_H */
