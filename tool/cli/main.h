/* SPDX-License-Identifier: GPL-2.0 */
/* vrrpctl: global options and the subcommands */
#ifndef VRRP_TOOL_MAIN_H
#define VRRP_TOOL_MAIN_H

#include <stdbool.h>

struct global_opts {
	bool json;
	int stats;		/* -s: 1, -s -s: 2 */
	bool brief;		/* -br */
	bool details;		/* -details (show -d) */
	bool pretty;
	int debug;
	const char *format;	/* "toml" / "json" / NULL */
	const char *conf;	/* -c FILE before the command, or NULL */
};

/* the file a command names, else -c's; an error (1) if both, differing */
int conf_file(const char *cmd, const char **file);

extern struct global_opts g_opts;

/*
 * Exit status, as iproute2's: 0 done; 1 a bad command line, a bad or
 * unreadable file, a device that does not exist; 2 the kernel refused
 * the request (its message follows "Error:") or has no vrrp module.
 */
#define EXIT_USAGE	1
#define EXIT_KERNEL	2

/* prints "vrrpctl: <msg>" and returns EXIT_USAGE */
int usage_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct vr_result;
/* "Error: <msg>" on stderr; returns the exit status: 0, 1, or 2 if the
 * kernel refused (EXIT_KERNEL) */
int vrop_print(const struct vr_result *res);

int cmd_show(int argc, char **argv);
int cmd_vr(const char *verb, int argc, char **argv);
int cmd_force(int argc, char **argv);
int cmd_flush(int argc, char **argv);
int cmd_reset_stats(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int monitor_run(void);
int cmd_load(int argc, char **argv);
int load_file(const char *file, const char *format, bool check, bool replace);
int cmd_config(int argc, char **argv);
int cmd_pw(int argc, char **argv);
int cmd_sniff(int argc, char **argv);

#endif /* VRRP_TOOL_MAIN_H */
