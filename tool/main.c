// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpctl: configure the in-kernel VRRP module (vrrp.ko) over generic
 * netlink, in the manner of iproute2. Also takes rVRRPd's flags
 * (-m0/-m1/-m2, -c, -i, -d, -g) so a migration is one line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "main.h"
#include "spec.h"

#define VRRPCTL_VERSION "0.1.0"	/* as dkms.conf */

struct global_opts g_opts;

int usage_err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vrrpctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	return 1;
}

static void usage(FILE *f)
{
	fprintf(f,
"Usage: vrrpctl [-j] [-s] [-p] COMMAND ...\n"
"  show [dev IF] [vrid N] [family inet|inet6] [-j] [-s]\n"
"  show global [-j]\n"
"  add|set dev IF vrid N [family inet|inet6] [version 2|3] [vip A[/len] ...]\n"
"          [prio N] [advert-ms N] [preempt on|off] [preempt-delay MS]\n"
"          [accept on|off] [auth none|simple|p0|p1 key K]\n"
"          [vmac ether|macvlan|none] [vif NAME] [track IF [weight W]|none]\n"
"          [peer ADDR|none] [route PREFIX [via GW]|none] [sync-group N]\n"
"          [garp-repeat N] [garp-delay MS] [garp-refresh MS]\n"
"          [csum auto|pseudo|rfc9568] [up|down]\n"
"  del dev IF vrid N [family inet|inet6]\n"
"  force master|backup|release dev IF vrid N [family inet|inet6]\n"
"  flush\n"
"  reset-stats [dev IF vrid N [family inet|inet6]]\n"
"  monitor [-j]\n"
"  load [FILE] [--check] [--format toml|json] [--replace]\n"
"  config dump [FILE] [--format toml|json]\n"
"  pw [--admin | --level N] USER [PASSWORD]\n"
"  sniff dev IF [-j] [key K] [count N]\n"
"  daemon [-f] [-c FILE] [-d LEVEL] [-g json|toml] [--no-load] [--flush-on-exit]\n"
"rVRRPd flags: -m0 -i IF (sniff), -m1 -c FILE (daemon in the foreground),\n"
"  -m2 -c FILE (daemon),\n"
"  -c FILE, -d LEVEL, -g json|toml\n"
"Default config: /etc/rvrrpd/rvrrpd.conf\n");
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
	int mode = -1;

	argc--, argv++;
	while (argc > 0 && argv[0][0] == '-' && argv[0][1]) {
		const char *o = argv[0];

		if (!strcmp(o, "-j") || !strcmp(o, "-json") || !strcmp(o, "--json")) {
			g_opts.json = true;
		} else if (!strcmp(o, "-s") || !strcmp(o, "-stats")) {
			g_opts.stats = true;
		} else if (!strcmp(o, "-p") || !strcmp(o, "-pretty")) {
			g_opts.pretty = true;
		} else if (!strcmp(o, "-h") || !strcmp(o, "--help") ||
			   !strcmp(o, "-help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(o, "-V") || !strcmp(o, "--version")) {
			printf("vrrpctl %s (genl family %s v%d)\n", VRRPCTL_VERSION,
			       "vrrp", 1);
			return 0;
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
	if (!strcmp(cmd, "show") || !strcmp(cmd, "list") || !strcmp(cmd, "ls"))
		return cmd_show(argc, argv);
	if (!strcmp(cmd, "add") || !strcmp(cmd, "set") || !strcmp(cmd, "del") ||
	    !strcmp(cmd, "delete") || !strcmp(cmd, "change"))
		return cmd_vr(!strcmp(cmd, "delete") ? "del" :
			      !strcmp(cmd, "change") ? "set" : cmd, argc, argv);
	if (!strcmp(cmd, "force"))
		return cmd_force(argc, argv);
	if (!strcmp(cmd, "flush"))
		return cmd_flush(argc, argv);
	if (!strcmp(cmd, "reset-stats"))
		return cmd_reset_stats(argc, argv);
	if (!strcmp(cmd, "monitor"))
		return cmd_monitor(argc, argv);
	if (!strcmp(cmd, "load"))
		return cmd_load(argc, argv);
	if (!strcmp(cmd, "config"))
		return cmd_config(argc, argv);
	if (!strcmp(cmd, "pw"))
		return cmd_pw(argc, argv);
	if (!strcmp(cmd, "sniff"))
		return cmd_sniff(argc, argv);
	if (!strcmp(cmd, "daemon"))
		return cmd_daemon(argc, argv);
	if (!strcmp(cmd, "help")) {
		usage(stdout);
		return 0;
	}
	return usage_err("unknown command \"%s\" (try -h)", cmd);
}
