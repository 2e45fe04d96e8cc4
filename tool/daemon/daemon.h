/* SPDX-License-Identifier: GPL-2.0 */
/* vrrpctl daemon (rVRRPd -m1 / -m2) */
#ifndef VRRP_TOOL_DAEMON_H
#define VRRP_TOOL_DAEMON_H

#include <stdbool.h>

struct cfg_val;

/*
 * Run the daemon on config file conf (NULL = /etc/rvrrpd/rvrrpd.conf).
 * foreground: rVRRPd -m1; otherwise -m2 (fork, pid file, logs to
 * main_log/error_log). debug < 0 means "from the config".
 */
int daemon_run(const char *conf, const char *format, bool foreground,
	       int debug, bool flush_on_exit);
/*
 * vrrpctl daemon [-f] [-c FILE] [-d N] [-g json|toml] [--flush-on-exit]
 *                [--no-load]
 * --no-load: do not apply the config's VRs (API, logs and scripts only).
 */
int cmd_daemon(int argc, char **argv);

/*
 * What the daemon would refuse in [api], as FILE:LINE: key: problem lines
 * on stderr: host, tls without key and cert, secret, user lines and
 * duplicate users (review M7). Also run by "load --check". Returns the
 * number of problems.
 */
int daemon_check_api(const struct cfg_val *root, const char *file);
/*
 * Everything the daemon refuses at start, as FILE:LINE lines on stderr:
 * daemon_check_api(), "user" and "group" that do not exist (or root), and
 * notify scripts that someone other than root or the daemon's user could
 * change (review M9). "load --check" runs it. Returns the problem count.
 */
int daemon_check(const struct cfg_val *root, const char *file);

/* Logs: dlog to main_log (stdout) when level <= debug; derr to error_log
 * (stderr) and syslog. */
void dlog(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void derr(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* VRRP_TOOL_DAEMON_H */
