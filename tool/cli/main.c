// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpctl: configure the in-kernel VRRP module (vrrp.ko) over generic
 * netlink, in the manner of iproute2. Also takes rVRRPd's flags
 * (-m0/-m1/-m2, -c, -i, -d, -g) so a migration is one line.
 */
#define _GNU_SOURCE		/* setns */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/vrrp.h>

#include "daemon.h"
#include "import_ka.h"
#include "main.h"
#include "spec.h"
#include "vrrpd.h"

#ifndef VRRPCTL_VERSION
#error "VRRPCTL_VERSION comes from dkms.conf (tool/Makefile)"
#endif

struct global_opts g_opts;

int usage_err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vrrpctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	return EXIT_USAGE;
}

/* each command's usage; "add" also covers "set" */
static const struct {
	const char *cmd, *text;
} usages[] = {
	{ "show", "  show [dev IF] [vrid N] [family inet|inet6] [-j] [-s [-s]] [-br] [-d]\n"
		  "  show global [-j]\n" },
	{ "add", "  add|set dev IF vrid N [family inet|inet6] [version 2|3] [vip A[/len] ...]\n"
		 "          [prio N] [advert-ms N] [preempt on|off] [preempt-delay MS]\n"
		 "          [accept on|off] [auth none|simple|p0|p1 key K]\n"
		 "          [vmac ether|macvlan|none] [vif NAME] [track IF [weight W]|none]\n"
		 "          [peer ADDR|none] [route PREFIX [via GW]|none] [sync-group N]\n"
		 "          [garp-repeat N] [garp-delay MS] [garp-refresh MS]\n"
		 "          [csum auto|pseudo|rfc9568] [up|down]\n" },
	{ "del", "  del dev IF vrid N [family inet|inet6]\n" },
	{ "force", "  force master|backup|release dev IF vrid N [family inet|inet6]\n" },
	{ "flush", "  flush\n" },
	{ "reset-stats", "  reset-stats [dev IF vrid N [family inet|inet6]]\n" },
	{ "monitor", "  monitor [-j]\n" },
	{ "load", "  load [FILE] [--check] [--format toml|json] [--replace]\n" },
	{ "config", "  config dump [FILE] [--format toml|json]\n" },
	{ "import", "  import keepalived FILE [--config-id ID] [--apply [--replace]]\n" },
	{ "pw", "  pw [--admin | --level N] USER [PASSWORD]\n" },
	{ "sniff", "  sniff dev IF [-j] [key K] [count N]\n" },
	{ "daemon", "  daemon [-f] [-c FILE] [-d LEVEL] [-g json|toml] [--no-load] [--flush-on-exit]\n" },
	{ "help", "  help [COMMAND]\n" },
};

#define N_USAGES (sizeof(usages) / sizeof(usages[0]))

/* the usage of CMD (a full command name), or of everything with NULL */
static void usage_of(FILE *f, const char *cmd)
{
	size_t i;

	if (!cmd)
		fprintf(f, "Usage: vrrpctl [-j] [-s [-s]] [-br] [-details] [-p] [-n NETNS] COMMAND ...\n");
	for (i = 0; i < N_USAGES; i++)
		if (!cmd || !strcmp(cmd, usages[i].cmd) ||
		    (!strcmp(cmd, "set") && !strcmp(usages[i].cmd, "add")))
			fputs(usages[i].text, f);
	if (cmd)
		return;
	fprintf(f,
"Commands may be abbreviated, as in ip(8): the first in this list that\n"
"  starts with what is given (s: show, d: del, f: force).\n"
"rVRRPd flags: -m0 -i IF (sniff), -m1 -c FILE (daemon in the foreground),\n"
"  -m2 -c FILE (daemon),\n"
"  -c FILE, -d LEVEL, -g json|toml\n"
"Default config: /etc/rvrrpd/rvrrpd.conf\n");
}

static void usage(FILE *f)
{
	usage_of(f, NULL);
}

static int cmd_vr_add(int argc, char **argv) { return cmd_vr("add", argc, argv); }
static int cmd_vr_set(int argc, char **argv) { return cmd_vr("set", argc, argv); }
static int cmd_vr_del(int argc, char **argv) { return cmd_vr("del", argc, argv); }
static int cmd_help(int argc, char **argv);

/*
 * The commands in the order abbreviations are resolved (review L7): the
 * first whose name starts with the word given, as ip(8) does. Aliases
 * match only in full.
 */
static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;	/* entry in usages[] */
	bool alias;
} commands[] = {
	{ "show", cmd_show, "show", false },
	{ "add", cmd_vr_add, "add", false },
	{ "set", cmd_vr_set, "add", false },
	{ "del", cmd_vr_del, "del", false },
	{ "force", cmd_force, "force", false },
	{ "flush", cmd_flush, "flush", false },
	{ "reset-stats", cmd_reset_stats, "reset-stats", false },
	{ "monitor", cmd_monitor, "monitor", false },
	{ "load", cmd_load, "load", false },
	{ "config", cmd_config, "config", false },
	{ "import", cmd_import, "import", false },
	{ "pw", cmd_pw, "pw", false },
	{ "sniff", cmd_sniff, "sniff", false },
	{ "daemon", cmd_daemon, "daemon", false },
	{ "help", cmd_help, "help", false },
	{ "list", cmd_show, "show", true },
	{ "ls", cmd_show, "show", true },
	{ "delete", cmd_vr_del, "del", true },
	{ "change", cmd_vr_set, "add", true },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static int find_command(const char *word)
{
	size_t i, n = strlen(word);

	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(word, commands[i].name))
			return (int)i;
	for (i = 0; n && i < N_COMMANDS; i++)
		if (!commands[i].alias && !strncmp(word, commands[i].name, n))
			return (int)i;
	return -1;
}

static int cmd_help(int argc, char **argv)
{
	int c;

	if (argc == 0) {
		usage(stdout);
		return 0;
	}
	c = find_command(argv[0]);
	if (c < 0)
		return usage_err("unknown command \"%s\" (try -h)", argv[0]);
	usage_of(stdout, commands[c].usage);
	return 0;
}

/*
 * -n NETNS, as ip -n: NETNS is a name under /var/run/netns (ip netns add)
 * or a path; everything after runs in that network namespace.
 */
/* vrrpctl -V: the tool's, the uapi's and the loaded module's versions */
static int print_version(void)
{
	char mod[64] = "";
	FILE *f = fopen("/sys/module/vrrp/version", "r");

	if (f) {
		if (!fgets(mod, sizeof(mod), f))
			mod[0] = 0;
		fclose(f);
		mod[strcspn(mod, "\n")] = 0;
	}
	printf("vrrpctl %s (uapi: genl family %s version %d)\n", VRRPCTL_VERSION,
	       VRRP_GENL_NAME, VRRP_GENL_VERSION);
	if (mod[0])
		printf("module vrrp %s%s\n", mod,
		       strcmp(mod, VRRPCTL_VERSION) ? " (differs from vrrpctl)" : "");
	else
		printf("module vrrp: not loaded\n");
	return 0;
}

static int enter_netns(const char *name)
{
	char path[PATH_MAX];
	int fd;

	if (strchr(name, '/'))
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "/var/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "Cannot open network namespace \"%s\": %s\n",
			name, strerror(errno));
		return -1;
	}
	if (setns(fd, CLONE_NEWNET)) {
		fprintf(stderr, "setting the network namespace \"%s\" failed: %s\n",
			name, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* rVRRPd's command line: vrrpctl -m0|-m1|-m2 [-c FILE] [-d N] [-g F] [-i IF] */
static bool debug_set;

static int rvrrpd_mode(int mode, const char *conf, const char *iface)
{
	char *argv[3];

	switch (mode) {
	case 0:
		if (!iface)
			return usage_err("-m0 needs -i IF");
		argv[0] = "dev";
		argv[1] = (char *)iface;
		return cmd_sniff(2, argv);
	case 1:
	case 2:
		/* -m1 foreground, -m2 daemonized: the daemon loads the config */
		return daemon_run(conf, g_opts.format, mode == 1,
				  debug_set ? g_opts.debug : -1, false);
	}
	return usage_err("invalid mode %d (0, 1 or 2)", mode);
}

int main(int argc, char **argv)
{
	const char *conf = NULL, *iface = NULL, *cmd;
	unsigned long long n;
	int mode = -1, c;

	/* run as vrrpd (a symlink): vrrpd's command line */
	if (argc > 0 && vrrpd_invoked(argv[0]))
		return vrrpd_main(argc, argv);
	argc--, argv++;
	while (argc > 0 && argv[0][0] == '-' && argv[0][1]) {
		const char *o = argv[0];

		if (!strcmp(o, "-j") || !strcmp(o, "-json") || !strcmp(o, "--json")) {
			g_opts.json = true;
		} else if (!strcmp(o, "-s") || !strcmp(o, "-stats")) {
			g_opts.stats++;
		} else if (!strcmp(o, "-br") || !strcmp(o, "-brief")) {
			g_opts.brief = true;
		} else if (!strcmp(o, "-details")) {	/* -d is rVRRPd's debug */
			g_opts.details = true;
		} else if (!strcmp(o, "-p") || !strcmp(o, "-pretty")) {
			g_opts.pretty = true;
		} else if (!strcmp(o, "-h") || !strcmp(o, "--help") ||
			   !strcmp(o, "-help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(o, "-V") || !strcmp(o, "--version")) {
			return print_version();
		} else if (!strncmp(o, "-m", 2)) {
			const char *v = o[2] ? o + 2 : argc > 1 ? argv[1] : NULL;

			if (!v || parse_uint(v, 2, &n))
				return usage_err("-m needs 0, 1 or 2");
			if (!o[2])
				argc--, argv++;
			mode = (int)n;
		} else if (!strncmp(o, "-d", 2)) {
			const char *v = o[2] ? o + 2 : argc > 1 ? argv[1] : NULL;

			if (!v || parse_uint(v, 5, &n))
				return usage_err("-d needs a level 0-5");
			if (!o[2])
				argc--, argv++;
			g_opts.debug = (int)n;
			debug_set = true;
		} else if (!strcmp(o, "-n") || !strcmp(o, "-netns")) {
			if (argc < 2)
				return usage_err("%s needs a network namespace", o);
			if (enter_netns(argv[1]))
				return 1;
			argc--, argv++;
		} else if (!strcmp(o, "-c") || !strcmp(o, "-i") ||
			   !strcmp(o, "-g") || !strcmp(o, "--format")) {
			if (argc < 2)
				return usage_err("%s needs a value", o);
			if (o[1] == 'c')
				conf = g_opts.conf = argv[1];
			else if (o[1] == 'i')
				iface = argv[1];
			else if (strcmp(argv[1], "json") && strcmp(argv[1], "toml"))
				return usage_err("invalid format \"%s\" (toml|json)", argv[1]);
			else
				g_opts.format = argv[1];
			argc--, argv++;
		} else {
			return usage_err("unknown option \"%s\" (try -h)", o);
		}
		argc--, argv++;
	}
	if (mode >= 0) {
		if (argc > 0)
			return usage_err("unexpected \"%s\" after -m", argv[0]);
		return rvrrpd_mode(mode, conf, iface);
	}
	if (argc == 0) {
		if (conf) {
			char *a[] = { (char *)conf };

			return cmd_load(1, a);
		}
		usage(stderr);
		return 1;
	}
	cmd = argv[0];
	argc--, argv++;
	c = find_command(cmd);
	if (c < 0)
		return usage_err("unknown command \"%s\" (try -h)", cmd);
	/* vrrpctl CMD help: that command's usage, on stdout */
	if (argc == 1 && (!strcmp(argv[0], "help") || !strcmp(argv[0], "-h") ||
			  !strcmp(argv[0], "--help")) &&
	    commands[c].fn != cmd_daemon)
		return cmd_help(1, (char *[]){ (char *)commands[c].name });
	return commands[c].fn(argc, argv);
}
