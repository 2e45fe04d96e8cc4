// SPDX-License-Identifier: GPL-2.0
/*
 * The REST API's backend on the real netlink layer: VR data from
 * vr_to_json() (show.c, the `vrrpctl show -j -s` objects), writes through
 * the CLI's typed VR operations (vrops.h), which return a negative errno
 * and the kernel's extack message; api_routes.c maps the errno to the
 * HTTP status. New VRs are checked by the config schema (schema.c).
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
#include "vr_json.h"
#include "vrops.h"

/* ---- reads ---- */

static int dump_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1];

	if (nlc_parse(msg, tb))
		return NL_SKIP;
	cJSON_AddItemToArray(arg, vr_to_json(tb, true));
	return NL_OK;
}

/* a read into a new JSON object or array, NULL and @err if it fails */
static cJSON *query(int cmd, bool dump, nlc_cb cb, cJSON *into, char *err,
		    size_t errlen)
{
	struct vr_result res;

	if (!into) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (vrop_query(cmd, dump, cb, into, &res)) {
		snprintf(err, errlen, "%s", res.msg);
		cJSON_Delete(into);
		return NULL;
	}
	return into;
}

cJSON *api_nl_vr_list(void *ctx, char *err, size_t errlen)
{
	(void)ctx;
	return query(VRRP_CMD_GET, true, dump_cb, cJSON_CreateArray(), err, errlen);
}

/* the names of `vrrpctl show global -j` */
cJSON *api_nl_global(void *ctx, char *err, size_t errlen)
{
	(void)ctx;
	return query(VRRP_CMD_GET_GLOBAL, false, global_json_cb,
		     cJSON_CreateObject(), err, errlen);
}

/* ---- writes: the typed VR operations of the CLI (vrops.h) ---- */

static int result(const struct vr_result *res, char *err, size_t errlen)
{
	if (res->err)
		snprintf(err, errlen, "%s", res->msg);
	return res->err;
}

/* the VR a route names; -ENODEV for a name no interface can have */
static int key(struct vr_spec *s, const char *ifname, const char *family,
	       int vrid, char *err, size_t errlen)
{
	memset(s, 0, sizeof(*s));
	if (strlen(ifname) >= sizeof(s->ifname)) {
		snprintf(err, errlen, "no such interface \"%s\"", ifname);
		return -ENODEV;
	}
	snprintf(s->ifname, sizeof(s->ifname), "%s", ifname);
	s->family = strcmp(family, "inet6") ? AF_INET : AF_INET6;
	s->vrid = (unsigned int)vrid;
	return 0;
}

int api_nl_vr_set(void *ctx, const char *ifname, const char *family, int vrid,
		  const cJSON *ch, char *err, size_t errlen)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(ch, "priority");
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(ch, "preempt");
	struct vr_result res;
	struct vr_spec s;
	int r;

	(void)ctx;
	r = key(&s, ifname, family, vrid, err, errlen);
	if (r)
		return r;
	if (cJSON_IsNumber(p)) {
		s.priority = (unsigned int)p->valueint;
		SPEC_SET(&s, SF_PRIORITY);
	}
	if (cJSON_IsBool(e)) {
		s.preempt = cJSON_IsTrue(e);
		SPEC_SET(&s, SF_PREEMPT);
	}
	vrop_set(&s, &res);
	return result(&res, err, errlen);
}

int api_nl_vr_del(void *ctx, const char *ifname, const char *family, int vrid,
		  char *err, size_t errlen)
{
	struct vr_result res;
	struct vr_spec s;
	int r;

	(void)ctx;
	r = key(&s, ifname, family, vrid, err, errlen);
	if (r)
		return r;
	vrop_del(&s, &res);
	return result(&res, err, errlen);
}

int api_nl_vr_force(void *ctx, const char *ifname, const char *family,
		    int vrid, const char *state, char *err, size_t errlen)
{
	struct vr_result res;
	struct vr_spec s;
	int r;

	(void)ctx;
	r = key(&s, ifname, family, vrid, err, errlen);
	if (r)
		return r;
	s.force = !strcmp(state, "master") ? VRRP_FORCE_MASTER :
		  !strcmp(state, "backup") ? VRRP_FORCE_BACKUP : VRRP_FORCE_NONE;
	SPEC_SET(&s, SF_FORCE);
	vrop_set(&s, &res);
	return result(&res, err, errlen);
}

/* the last line the config schema wrote */
static void last_line(char *buf, char *err, size_t errlen)
{
	char *line = NULL, *p, *save = NULL;

	for (p = strtok_r(buf, "\n", &save); p; p = strtok_r(NULL, "\n", &save))
		if (*p)
			line = p;
	snprintf(err, errlen, "%s", line ? line : "invalid vrouter");
}

/*
 * POST /config/vrouter: the body is one [[vrouter]] table as JSON (the
 * same keys as the config file); it is checked by the config schema and
 * created with VRRP_CMD_NEW (-EEXIST if present).
 */
int api_nl_vr_add(void *ctx, const char *body, size_t len, char *err,
		  size_t errlen)
{
	struct schema_opts o = { .file = "<request>" };
	struct vr_specs specs = { 0 };
	struct cfg_err perr = { 0 };
	struct cfg_val *vr, *root, *arr;
	struct vr_result res = { 0 };
	char *msgs = NULL;
	size_t i, n = 0;
	int bad;

	(void)ctx;
	vr = cfg_json_parse(body, len, &perr);
	if (!vr) {
		snprintf(err, errlen, "<request>:%d:%d: syntax error: %s",
			 perr.line, perr.col, perr.msg);
		return -EINVAL;
	}
	if (vr->type != CFG_TABLE) {
		cfg_free(vr);
		snprintf(err, errlen, "body must be one vrouter object");
		return -EINVAL;
	}
	/* wrap as { "vrouter": [ body ] } */
	root = cfg_new(CFG_TABLE);
	arr = cfg_new(CFG_ARRAY);
	if (!root || !arr) {
		cfg_free(vr);
		cfg_free(root);
		cfg_free(arr);
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	arr->key = strdup("vrouter");
	arr->flags |= CFG_F_AOT;
	cfg_append(arr, vr);
	cfg_append(root, arr);

	o.err = open_memstream(&msgs, &n);
	if (!o.err) {
		cfg_free(root);
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	bad = schema_map(root, &o, &specs, NULL);
	fclose(o.err);
	cfg_free(root);
	if (bad) {
		last_line(msgs ? msgs : "", err, errlen);
		free(msgs);
		return -EINVAL;
	}
	free(msgs);
	for (i = 0; i < specs.n && !res.err; i++)
		vrop_new(&specs.v[i], &res);
	specs_free(&specs);
	return result(&res, err, errlen);
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
