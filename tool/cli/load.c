// SPDX-License-Identifier: GPL-2.0
/* vrrpctl load FILE and vrrpctl config dump FILE */
#include <errno.h>
#include <ifaddrs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <net/if.h>

#include "batch.h"
#include "cfg.h"
#include "daemon.h"
#include "main.h"
#include "schema.h"

#define DEFAULT_CONF "/etc/rvrrpd/rvrrpd.conf"


/* read and parse; prints FILE:LINE:COL: syntax error: ... */
static struct cfg_val *parse_file(const char *file, const char *format)
{
	struct cfg_err err = { 0 };
	struct cfg_val *root;
	size_t len = 0;
	char *text;

	if (format && strcmp(format, "json") && strcmp(format, "toml")) {
		usage_err("invalid format \"%s\" (toml|json)", format);
		return NULL;
	}
	text = cfg_read_file(file, &len);
	if (!text) {
		fprintf(stderr, "%s: %s\n", file, strerror(errno));
		return NULL;
	}
	root = cfg_parse(file, format, text, len, &err);
	free(text);
	if (!root)
		fprintf(stderr, "%s:%d:%d: syntax error: %s\n", file, err.line,
			err.col, err.msg);
	return root;
}

static bool in_prefix(const void *a, const void *net, unsigned int plen)
{
	const unsigned char *x = a, *y = net;
	unsigned int i;

	for (i = 0; i < plen; i++)
		if ((x[i / 8] ^ y[i / 8]) & (0x80 >> (i % 8)))
			return false;
	return true;
}

static unsigned int mask_bits(const void *m, size_t len)
{
	const unsigned char *p = m;
	unsigned int n = 0;
	size_t i;

	for (i = 0; i < len * 8; i++)
		if (p[i / 8] & (0x80 >> (i % 8)))
			n++;
	return n;
}

static int if_has_subnet(const char *ifname, const struct vr_addr *addr,
			 void *ctx)
{
	struct ifaddrs *ifa, *i;
	int found = 0;

	(void)ctx;
	if (getifaddrs(&ifa))
		return 0;
	for (i = ifa; i && !found; i = i->ifa_next) {
		const void *a, *m;
		size_t l;

		if (!i->ifa_addr || !i->ifa_netmask || strcmp(i->ifa_name, ifname) ||
		    i->ifa_addr->sa_family != addr->family)
			continue;
		if (addr->family == AF_INET) {
			a = &((struct sockaddr_in *)i->ifa_addr)->sin_addr;
			m = &((struct sockaddr_in *)i->ifa_netmask)->sin_addr;
			l = 4;
		} else {
			a = &((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr;
			m = &((struct sockaddr_in6 *)i->ifa_netmask)->sin6_addr;
			l = 16;
		}
		found = in_prefix(addr->addr, a, mask_bits(m, l));
	}
	freeifaddrs(ifa);
	return found;
}

int load_file(const char *file, const char *format, bool check, bool replace)
{
	struct schema_opts o = {
		.file = file, .err = stderr, .if_has_subnet = if_has_subnet,
	};
	struct vr_specs specs = { 0 };
	struct cfg_val *root;
	struct nlc c;
	size_t i;
	int r, bad = 0;

	root = parse_file(file, format);
	if (!root)
		return 1;
	r = schema_map(root, &o, &specs, NULL);
	/* what the daemon refuses, "load --check" refuses too (review M7) */
	if (check && daemon_check(root, file))
		r = 1;
	cfg_free(root);
	if (r) {
		specs_free(&specs);
		return 1;
	}
	if (check) {
		if (!specs.n)	/* review L5: rVRRPd's sample has them all commented out */
			fprintf(stderr, "%s: warning: no [[vrouter]]: nothing to run\n",
				file);
		printf("%s: OK (%zu virtual router%s)\n", file, specs.n,
		       specs.n == 1 ? "" : "s");
		specs_free(&specs);
		return 0;
	}
	for (i = 0; i < specs.n; i++) {
		if (!if_nametoindex(specs.v[i].ifname)) {
			fprintf(stderr, "%s:%d: interface: no such device \"%s\"\n",
				file, specs.v[i].line, specs.v[i].ifname);
			bad++;
		}
	}
	if (bad) {
		specs_free(&specs);
		return 1;
	}
	if (nlc_open(&c)) {
		specs_free(&specs);
		return EXIT_KERNEL;
	}
	r = batch_apply_file(&c, &specs, replace, file);
	nlc_close(&c);
	specs_free(&specs);
	return r ? EXIT_KERNEL : 0;
}

int conf_file(const char *cmd, const char **file)
{
	if (!*file)
		*file = g_opts.conf;
	else if (g_opts.conf && strcmp(*file, g_opts.conf))
		return usage_err("-c %s and %s %s name two files: give one",
				 g_opts.conf, cmd, *file);
	return 0;
}

int cmd_load(int argc, char **argv)
{
	const char *file = NULL, *format = g_opts.format;
	bool check = false, replace = false;

	while (argc > 0) {
		if (!strcmp(argv[0], "--check") || !strcmp(argv[0], "-n")) {
			check = true;
		} else if (!strcmp(argv[0], "--replace")) {
			replace = true;
		} else if (!strcmp(argv[0], "--format") || !strcmp(argv[0], "-g")) {
			if (argc < 2)
				return usage_err("%s needs toml|json", argv[0]);
			format = argv[1];
			argc--, argv++;
		} else if (!strncmp(argv[0], "--format=", 9)) {
			format = argv[0] + 9;
		} else if (argv[0][0] == '-' && argv[0][1]) {
			return usage_err("unknown option \"%s\" for load", argv[0]);
		} else if (!file) {
			file = argv[0];
		} else {
			return usage_err("load takes one file");
		}
		argc--, argv++;
	}
	if (conf_file("load", &file))
		return 1;
	return load_file(file ? file : DEFAULT_CONF, format, check, replace);
}

int cmd_config(int argc, char **argv)
{
	const char *file = NULL, *format = g_opts.format;
	struct cfg_val *root;
	cJSON *j;
	char *s;

	if (argc < 1 || strcmp(argv[0], "dump"))
		return usage_err("usage: vrrpctl config dump FILE [--format toml|json]");
	for (argc--, argv++; argc > 0; argc--, argv++) {
		if (!strcmp(argv[0], "--format") && argc > 1) {
			format = argv[1];
			argc--, argv++;
		} else if (!strncmp(argv[0], "--format=", 9)) {
			format = argv[0] + 9;
		} else if (!file) {
			file = argv[0];
		} else {
			return usage_err("config dump takes one file");
		}
	}
	if (conf_file("config dump", &file))
		return 1;
	root = parse_file(file ? file : DEFAULT_CONF, format);
	if (!root)
		return 1;
	j = cfg_to_cjson(root);
	cfg_free(root);
	if (!j) {
		fprintf(stderr, "Error: out of memory\n");
		return 1;
	}
	/* one line, or indented with -p, as show -j (review L7) */
	s = g_opts.pretty ? cJSON_Print(j) : cJSON_PrintUnformatted(j);
	printf("%s\n", s);
	free(s);
	cJSON_Delete(j);
	return 0;
}
