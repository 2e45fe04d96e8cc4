// SPDX-License-Identifier: GPL-2.0
/* vrrpctl import keepalived: the command, the TOML it writes, --apply */
/*
 * vrrpctl import keepalived FILE [--config-id ID] [--apply [--replace]]
 *
 * Reads a keepalived.conf as keepalived does (its include files, with
 * globs relative to the including file's directory; '#' and '!'
 * comments; quoted strings; blocks whose '{' is on the key's line or the
 * next; "@id" conditional lines; $NAME=VALUE parameters) and writes the
 * vrrp.conf(5) TOML that does the same, or applies it through "vrrpctl
 * load"'s own code (load_file()).
 *
 * Everything vrrp cannot do is reported on stderr, once per occurrence
 * (a whole unsupported block once), as
 *	FILE:LINE: KEY: not supported: WHY
 * and left out; values keepalived itself would ignore are reported as
 * "ignored", adjustments as "note". Only a file that cannot be read or
 * has a syntax error (FILE:LINE: message) fails the import.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <netinet/in.h>

#include "import_ka.h"
#include "import_ka_priv.h"
#include "main.h"
#include "spec.h"

/* ---------------------------------------------------------------- */
/* the TOML                                                         */

static void toml_str(FILE *f, const char *s)
{
	unsigned char c;

	fputc('"', f);
	for (; *s; s++) {
		c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void toml_key_str(FILE *f, const char *key, const char *v)
{
	fprintf(f, "%s = ", key);
	toml_str(f, v);
	fputc('\n', f);
}

static void put_vips(FILE *f, const struct ka_inst *in)
{
	char a[INET6_ADDRSTRLEN + 8];
	size_t i, n;

	fputs("vip = [", f);
	for (i = 0; i < in->nvips; i++) {
		addr_str(in->vips[i].a.family, in->vips[i].a.addr, a, sizeof(a));
		n = strlen(a);
		if (in->vips[i].plen)
			snprintf(a + n, sizeof(a) - n, "/%u", in->vips[i].a.plen);
		fputs(i ? ", " : "", f);
		toml_str(f, a);
	}
	fputs("]\n", f);
}

static void put_tracks(FILE *f, const struct ka_inst *in)
{
	size_t i;

	if (!in->ntracks)
		return;
	fputs("track = [", f);
	for (i = 0; i < in->ntracks; i++) {
		fputs(i ? ", { interface = " : "{ interface = ", f);
		toml_str(f, in->tracks[i].name);
		if (in->tracks[i].weight)
			fprintf(f, ", weight = %d", abs(in->tracks[i].weight));
		fputs(" }", f);
	}
	fputs("]\n", f);
}

static void put_peers(FILE *f, const struct ka_inst *in)
{
	char a[INET6_ADDRSTRLEN];
	size_t i;

	if (!in->npeers)
		return;
	fputs("peers = [", f);
	for (i = 0; i < in->npeers; i++) {
		fputs(i ? ", " : "", f);
		toml_str(f, addr_str(in->peers[i].a.family, in->peers[i].a.addr,
				     a, sizeof(a)));
	}
	fputs("]\n", f);
}

static void put_garp(FILE *f, const struct ka_inst *in)
{
	if (!in->g_set)
		return;
	fprintf(f, "garp = { repeat = %u", in->g_repeat);
	if (in->g_repeat > 1)
		fprintf(f, ", delay_ms = %u", in->g_delay);
	if (in->g_refresh)
		fprintf(f, ", refresh_ms = %u", in->g_refresh);
	fputs(" }\n", f);
}

/* a refused script stays visible, commented out */
static void put_notify(FILE *f, const struct ka_node *const *nn,
		       char *const *cmd)
{
	int i;

	for (i = 0; i < KN_N; i++) {
		if (cmd[i]) {
			toml_key_str(f, ka_notify_keys[i], cmd[i]);
		} else if (nn[i]) {
			fprintf(f, "# %s = ", ka_notify_keys[i]);
			toml_str(f, nn[i]->argv[1]);
			fputs("  # refused: see the import's messages\n", f);
		}
	}
}

static void put_vr(FILE *f, const struct imp *m, const struct ka_inst *in)
{
	fprintf(f, "\n# %s:%d: vrrp_instance %s\n[[vrouter]]\n", in->n->file,
		in->n->line, in->name);
	fprintf(f, "group = %u\n", in->vrid);
	toml_key_str(f, "interface", in->ifname);
	fprintf(f, "version = %u\n", in->version);
	put_vips(f, in);
	fprintf(f, "priority = %u", in->prio);
	if (in->prio != in->kprio)
		fprintf(f, "  # keepalived's %u and the positive track weights",
			in->kprio);
	fprintf(f, "\npreemption = %s\n", in->preempt ? "true" : "false");
	if (in->pdelay_us)
		fprintf(f, "preempt_delay = %lld  # ms\n", in->pdelay_us / 1000);
	fprintf(f, "accept = %s\n", in->accept ? "true" : "false");
	if (in->advert_ms % 1000)
		fprintf(f, "timers = { advert_ms = %u }\n", in->advert_ms);
	else
		fprintf(f, "timers = { advert = %u }\n", in->advert_ms / 1000);
	if (in->vmac) {
		fputs("iftype = \"macvlan\"\n", f);
		toml_key_str(f, "vifname", in->vifname);
	} else {
		fputs("vmac = false  # keepalived without use_vmac: the interface's own MAC\n", f);
	}
	if (in->auth) {
		fputs("auth_type = \"rfc2338-simple\"\n", f);
		toml_key_str(f, "auth_secret", in->pass);
	}
	put_tracks(f, in);
	put_peers(f, in);
	put_garp(f, in);
	if (in->group >= 0)
		fprintf(f, "sync_group = %u  # vrrp_sync_group %s\n",
			m->grp[in->group].id, m->grp[in->group].name);
	if (in->version == 3 && in->family == AF_INET)
		fputs("v3_checksum = \"pseudo\"  # keepalived's: with the IPv4 pseudo-header\n", f);
	put_notify(f, in->notify_n, in->notify);
}

static void put_group(FILE *f, const struct ka_group *g)
{
	fprintf(f, "\n# %s:%d: vrrp_sync_group %s\n[[sync_groups]]\n",
		g->n->file, g->n->line, g->name);
	fprintf(f, "id = %u\n", g->id);
	toml_key_str(f, "name", g->name);
	put_notify(f, g->notify_n, g->notify);
}

static void put_route(FILE *f, const struct imp *m, const struct ka_route *r)
{
	char a[INET6_ADDRSTRLEN];

	fprintf(f, "\n# %s:%d: virtual_routes of vrrp_instance %s\n[[protocols.static]]\n",
		r->n->file, r->n->line, m->inst[r->inst].name);
	toml_key_str(f, "route", addr_str(r->r.dst.family, r->r.dst.addr, a,
					  sizeof(a)));
	fprintf(f, "mask = %u\n", r->r.dst.plen);
	if (r->r.has_gw)
		toml_key_str(f, "nh", addr_str(r->r.gw.family, r->r.gw.addr, a,
					       sizeof(a)));
	if (r->r.has_metric)
		fprintf(f, "metric = %u\n", r->r.metric);
	if (r->r.has_mtu)
		fprintf(f, "mtu = %u\n", r->r.mtu);
}

static size_t put_all(FILE *f, const struct imp *m, const char *file,
		      const char *id)
{
	size_t i, n = 0;

	fputs("# vrrp.conf(5), made by \"vrrpctl import keepalived ", f);
	fprintf(f, "%s\" (config id %s).\n", file, id);
	fputs("# What vrrp cannot do was reported when importing and is not here.\n", f);
	for (i = 0; i < m->ninst; i++) {
		if (m->inst[i].emit) {
			put_vr(f, m, &m->inst[i]);
			n++;
		}
	}
	for (i = 0; i < m->ngrp; i++)
		if (m->grp[i].id)
			put_group(f, &m->grp[i]);
	for (i = 0; i < m->nrt; i++)
		put_route(f, m, &m->rt[i]);
	return n;
}

/* ---------------------------------------------------------------- */
/* the whole import                                                 */

static void imp_free(struct imp *m)
{
	size_t i;
	int k;

	for (i = 0; i < m->ninst; i++) {
		free(m->inst[i].vips);
		free(m->inst[i].tracks);
		free(m->inst[i].peers);
		free(m->inst[i].pass);
		for (k = 0; k < KN_N; k++)
			free(m->inst[i].notify[k]);
	}
	for (i = 0; i < m->ngrp; i++) {
		free(m->grp[i].tracks);
		for (k = 0; k < KN_N; k++)
			free(m->grp[i].notify[k]);
	}
	free(m->inst);
	free(m->grp);
	free(m->rt);
}

/* the config id keepalived uses without -i: the host name up to a '.' */
static void default_id(char *buf, size_t len)
{
	struct utsname u;

	if (uname(&u)) {
		snprintf(buf, len, "localhost");
		return;
	}
	snprintf(buf, len, "%.*s", (int)strcspn(u.nodename, "."), u.nodename);
}

/* --apply: through "vrrpctl load"'s code, from a private temporary file */
static int apply(const struct imp *m, const char *file, const char *id,
		 bool replace)
{
	const char *tmp = getenv("TMPDIR");
	char path[PATH_MAX];
	size_t n;
	FILE *f;
	int fd, r;

	snprintf(path, sizeof(path), "%s/vrrpctl-import.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(path);	/* mode 0600: it may hold auth secrets */
	f = fd < 0 ? NULL : fdopen(fd, "w");
	if (!f) {
		fprintf(stderr, "vrrpctl: import: %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return EXIT_USAGE;
	}
	n = put_all(f, m, file, id);
	if (fclose(f)) {
		fprintf(stderr, "vrrpctl: import: %s: %s\n", path, strerror(errno));
		unlink(path);
		return EXIT_USAGE;
	}
	if (!n) {
		fprintf(stderr, "vrrpctl: import: no vrrp_instance could be converted: nothing applied\n");
		unlink(path);
		return 0;
	}
	r = load_file(path, "toml", false, replace);
	if (r)
		fprintf(stderr, "vrrpctl: import: the converted config is kept in %s (the lines above are its lines)\n",
			path);
	else
		unlink(path);
	return r;
}

static int import_ka(const char *file, const char *id, bool do_apply,
		     bool replace)
{
	struct ka_rd rd = { .err = stderr, .config_id = id };
	struct imp m = { .rd = &rd };
	struct ka_node *root;
	int i, r = 0;

	root = ka_node_new(NULL, ka_rd_intern(&rd, file), 0);
	ka_read_into(&rd, file, root, NULL, 0);
	if (rd.errors) {
		ka_rd_flush(&rd);
		fprintf(stderr, "vrrpctl: import: %s: %d error%s: nothing converted\n",
			file, rd.errors, rd.errors == 1 ? "" : "s");
		r = EXIT_USAGE;
		goto out;
	}
	for (i = 0; i < KG_N; i++)
		m.garp.v[i] = -1;
	ka_map_top(&m, root);
	ka_finish(&m);
	ka_rd_flush(&rd);
	if (do_apply)
		r = apply(&m, file, id, replace);
	else
		put_all(stdout, &m, file, id);
	imp_free(&m);
out:
	ka_node_free(root);
	ka_rd_free(&rd);
	return r;
}

int cmd_import(int argc, char **argv)
{
	const char *file = NULL, *id = NULL;
	bool do_apply = false, replace = false;
	char host[256];

	if (argc < 1 || strcmp(argv[0], "keepalived"))
		return usage_err("usage: vrrpctl import keepalived FILE [--config-id ID] [--apply [--replace]]");
	for (argc--, argv++; argc > 0; argc--, argv++) {
		if (!strcmp(argv[0], "--apply")) {
			do_apply = true;
		} else if (!strcmp(argv[0], "--replace")) {
			replace = true;
		} else if (!strcmp(argv[0], "--config-id") || !strcmp(argv[0], "-i")) {
			if (argc < 2)
				return usage_err("%s needs an id", argv[0]);
			id = argv[1];
			argc--, argv++;
		} else if (!strncmp(argv[0], "--config-id=", 12)) {
			id = argv[0] + 12;
		} else if (argv[0][0] == '-' && argv[0][1]) {
			return usage_err("unknown option \"%s\" for import", argv[0]);
		} else if (!file) {
			file = argv[0];
		} else {
			return usage_err("import keepalived takes one file");
		}
	}
	if (!file)
		return usage_err("import keepalived needs a file (keepalived.conf)");
	if (replace && !do_apply)
		return usage_err("--replace goes with --apply");
	if (!id) {
		default_id(host, sizeof(host));
		id = host;
	}
	return import_ka(file, id, do_apply, replace);
}
