// SPDX-License-Identifier: GPL-2.0
/*
 * The REST API's backend on the real netlink layer: VR data from
 * vr_to_json() (show.c, the `vrrpctl show -j -s` objects), writes through
 * the same code as the CLI (cmd_vr, cmd_force: vr.c; schema_map and
 * batch_*: schema.c, batch.c).
 *
 * The netlink helpers print kernel errors (extack) on stderr; to return
 * them to HTTP clients, stderr is pointed at a memory stream around each
 * call (the daemon is single-threaded).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>

#include "api.h"
#include "api_nl.h"
#include "batch.h"
#include "cfg.h"
#include "main.h"
#include "schema.h"
#include "show.h"

struct errcap {
	FILE *saved, *mem;
	char *buf;
	size_t len;
};

static void cap_begin(struct errcap *c)
{
	memset(c, 0, sizeof(*c));
	fflush(stderr);
	c->saved = stderr;
	c->mem = open_memstream(&c->buf, &c->len);
	if (c->mem)
		stderr = c->mem;
}

/* keep the last non-empty line, without "Error: " / "vrrpctl: " */
static void cap_end(struct errcap *c, char *err, size_t errlen)
{
	char *line = NULL, *p, *save = NULL;

	if (!c->mem)
		return;
	fclose(c->mem);
	stderr = c->saved;
	if (c->buf) {
		for (p = strtok_r(c->buf, "\n", &save); p;
		     p = strtok_r(NULL, "\n", &save))
			if (*p)
				line = p;
		if (line && err && errlen) {
			if (!strncmp(line, "Error: ", 7))
				line += 7;
			else if (!strncmp(line, "vrrpctl: ", 9))
				line += 9;
			snprintf(err, errlen, "%s", line);
		}
		free(c->buf);
	}
}

/* ---- reads ---- */

static int dump_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1];

	if (nlc_parse(msg, tb))
		return NL_SKIP;
	cJSON_AddItemToArray(arg, vr_to_json(tb, true));
	return NL_OK;
}

cJSON *api_nl_vr_list(void *ctx, char *err, size_t errlen)
{
	struct errcap cap;
	struct nl_msg *m;
	struct nlc c;
	cJSON *arr;
	int r;

	(void)ctx;
	cap_begin(&cap);
	if (nlc_open(&c)) {
		cap_end(&cap, err, errlen);
		return NULL;
	}
	arr = cJSON_CreateArray();
	m = nlc_msg(&c, VRRP_CMD_GET, NLM_F_DUMP, 0);
	r = m ? nlc_talk(&c, m, dump_cb, arr) : -ENOMEM;
	nlc_close(&c);
	cap_end(&cap, err, errlen);
	if (r) {
		if (err && !err[0])
			snprintf(err, errlen, "%s", strerror(-r));
		cJSON_Delete(arr);
		return NULL;
	}
	return arr;
}

/*
 * TODO(show.c): replace with an exported global decoder when there is one;
 * this mirrors the names of `vrrpctl show global -j`.
 */
static int global_cb(struct nl_msg *msg, void *arg)
{
	static const struct { int attr; const char *name; } n[] = {
		{ VRRP_GSTAT_A_CHECKSUM_ERRORS, "checksum_errors" },
		{ VRRP_GSTAT_A_VERSION_ERRORS, "version_errors" },
		{ VRRP_GSTAT_A_VRID_ERRORS, "vrid_errors" },
		{ VRRP_GSTAT_A_LENGTH_ERRORS, "length_errors" },
		{ VRRP_GSTAT_A_DISCONTINUITY, "discontinuity_ns" },
	};
	struct nlattr *tb[VRRP_A_MAX + 1], *st[VRRP_GSTAT_A_MAX + 1];
	cJSON *o = arg;
	size_t i;

	if (nlc_parse(msg, tb))
		return NL_SKIP;
	cJSON_AddNumberToObject(o, "vr_count",
				(double)attr_uint(tb[VRRP_A_VR_COUNT]));
	memset(st, 0, sizeof(st));
	if (tb[VRRP_A_GLOBAL_STATS])
		nla_parse_nested(st, VRRP_GSTAT_A_MAX, tb[VRRP_A_GLOBAL_STATS],
				 NULL);
	for (i = 0; i < sizeof(n) / sizeof(n[0]); i++)
		cJSON_AddNumberToObject(o, n[i].name,
					(double)attr_uint(st[n[i].attr]));
	return NL_OK;
}

cJSON *api_nl_global(void *ctx, char *err, size_t errlen)
{
	struct errcap cap;
	struct nl_msg *m;
	struct nlc c;
	cJSON *o;
	int r;

	(void)ctx;
	cap_begin(&cap);
	if (nlc_open(&c)) {
		cap_end(&cap, err, errlen);
		return NULL;
	}
	o = cJSON_CreateObject();
	m = nlc_msg(&c, VRRP_CMD_GET_GLOBAL, 0, 0);
	r = m ? nlc_talk(&c, m, global_cb, o) : -ENOMEM;
	nlc_close(&c);
	cap_end(&cap, err, errlen);
	if (r) {
		if (err && !err[0])
			snprintf(err, errlen, "%s", strerror(-r));
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* ---- writes, through the CLI's own code ---- */

static int classify(int r, const char *err)
{
	if (!r)
		return 0;
	if (strstr(err, "No such") || strstr(err, "not found") ||
	    strstr(err, "Cannot find"))
		return -2;
	return -1;
}

int api_nl_vr_set(void *ctx, const char *ifname, const char *family, int vrid,
		  const cJSON *ch, char *err, size_t errlen)
{
	char vb[8], pb[8], *argv[12];
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(ch, "priority");
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(ch, "preempt");
	struct errcap cap;
	int argc = 0, r;

	(void)ctx;
	snprintf(vb, sizeof(vb), "%d", vrid);
	argv[argc++] = "dev";
	argv[argc++] = (char *)ifname;
	argv[argc++] = "vrid";
	argv[argc++] = vb;
	argv[argc++] = "family";
	argv[argc++] = (char *)family;
	if (cJSON_IsNumber(p)) {
		snprintf(pb, sizeof(pb), "%d", p->valueint);
		argv[argc++] = "priority";
		argv[argc++] = pb;
	}
	if (cJSON_IsBool(e)) {
		argv[argc++] = "preempt";
		argv[argc++] = cJSON_IsTrue(e) ? "on" : "off";
	}
	argv[argc] = NULL;
	cap_begin(&cap);
	r = cmd_vr("set", argc, argv);
	cap_end(&cap, err, errlen);
	return classify(r, err);
}

int api_nl_vr_del(void *ctx, const char *ifname, const char *family, int vrid,
		  char *err, size_t errlen)
{
	char vb[8], *argv[7];
	struct errcap cap;
	int r;

	(void)ctx;
	snprintf(vb, sizeof(vb), "%d", vrid);
	argv[0] = "dev";
	argv[1] = (char *)ifname;
	argv[2] = "vrid";
	argv[3] = vb;
	argv[4] = "family";
	argv[5] = (char *)family;
	argv[6] = NULL;
	cap_begin(&cap);
	r = cmd_vr("del", 6, argv);
	cap_end(&cap, err, errlen);
	return classify(r, err);
}

int api_nl_vr_force(void *ctx, const char *ifname, const char *family,
		    int vrid, const char *state, char *err, size_t errlen)
{
	char vb[8], *argv[8];
	struct errcap cap;
	int r;

	(void)ctx;
	snprintf(vb, sizeof(vb), "%d", vrid);
	argv[0] = (char *)state;
	argv[1] = "dev";
	argv[2] = (char *)ifname;
	argv[3] = "vrid";
	argv[4] = vb;
	argv[5] = "family";
	argv[6] = (char *)family;
	argv[7] = NULL;
	cap_begin(&cap);
	r = cmd_force(7, argv);
	cap_end(&cap, err, errlen);
	return classify(r, err);
}

/*
 * POST /config/vrouter: the body is one [[vrouter]] table as JSON (the
 * same keys as the config file); it is checked by the config schema and
 * created with VRRP_CMD_NEW (EEXIST if present).
 */
int api_nl_vr_add(void *ctx, const char *body, size_t len, char *err,
		  size_t errlen)
{
	struct schema_opts o = { .file = "<request>" };
	struct vr_specs specs = { 0 };
	struct cfg_err perr = { 0 };
	struct cfg_val *vr, *root, *arr;
	struct errcap cap;
	struct nlc c;
	size_t i;
	int r = 0;

	(void)ctx;
	vr = cfg_json_parse(body, len, &perr);
	if (!vr) {
		snprintf(err, errlen, "<request>:%d:%d: syntax error: %s",
			 perr.line, perr.col, perr.msg);
		return -1;
	}
	if (vr->type != CFG_TABLE) {
		cfg_free(vr);
		snprintf(err, errlen, "body must be one vrouter object");
		return -1;
	}
	/* wrap as { "vrouter": [ body ] } */
	root = cfg_new(CFG_TABLE);
	arr = cfg_new(CFG_ARRAY);
	if (!root || !arr) {
		cfg_free(vr);
		cfg_free(root);
		cfg_free(arr);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	arr->key = strdup("vrouter");
	arr->flags |= CFG_F_AOT;
	cfg_append(arr, vr);
	cfg_append(root, arr);

	cap_begin(&cap);
	o.err = stderr;
	if (schema_map(root, &o, &specs, NULL)) {
		cfg_free(root);
		cap_end(&cap, err, errlen);
		if (!err[0])
			snprintf(err, errlen, "invalid vrouter");
		return -1;
	}
	cfg_free(root);
	if (nlc_open(&c)) {
		specs_free(&specs);
		cap_end(&cap, err, errlen);
		return -1;
	}
	for (i = 0; i < specs.n && !r; i++) {
		struct vr_spec *s = &specs.v[i];
		struct nl_msg *m;

		if (!if_nametoindex(s->ifname)) {
			fprintf(stderr, "interface: no such device \"%s\"\n",
				s->ifname);
			r = -EINVAL;
			break;
		}
		m = nlc_msg(&c, VRRP_CMD_NEW, 0, batch_vr_size(s) + 256);
		if (!m || batch_put_vr(m, s)) {
			if (m)
				nlmsg_free(m);
			fprintf(stderr, "Error: message too large\n");
			r = -ENOMEM;
			break;
		}
		r = nlc_talk(&c, m, NULL, NULL);
	}
	nlc_close(&c);
	specs_free(&specs);
	cap_end(&cap, err, errlen);
	if (r && !err[0])
		snprintf(err, errlen, "%s", strerror(-r));
	return r ? -1 : 0;
}

void api_nl_backend(struct api_backend *be, void *ctx)
{
	be->ctx = ctx;
	be->vr_list = api_nl_vr_list;
	be->global = api_nl_global;
	be->vr_set = api_nl_vr_set;
	be->vr_del = api_nl_vr_del;
	be->vr_force = api_nl_vr_force;
	be->vr_add = api_nl_vr_add;
}
