/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Typed operations on virtual routers, shared by the CLI (vr.c) and the
 * REST API (api_nl.c). Each talks to the kernel and returns 0 or a
 * negative errno, with the reason in res->msg: the kernel's extack
 * message, or the tool's own (a missing device, no module). Nothing is
 * printed; the CLI prints with vrop_print() (main.h), the API maps the errno to an
 * HTTP status (api_status_of_errno, api_routes.c).
 *
 * Errors a caller can tell apart:
 *   -ENOENT		no such virtual router
 *   -ENODEV		no such interface
 *   -EEXIST		the virtual router exists (create)
 *   -ENOSPC		the namespace's limit of virtual routers
 *   -EPERM		not CAP_NET_ADMIN in the namespace
 *   -EPROTONOSUPPORT	the vrrp module is not loaded
 *   -EINVAL, -ERANGE...	a bad value (the message says which)
 */
#ifndef VRRP_TOOL_VROPS_H
#define VRRP_TOOL_VROPS_H

#include <stdbool.h>

#include "nl.h"
#include "spec.h"

struct vr_result {
	int err;		/* 0 or a negative errno */
	bool kernel;		/* err is the kernel's answer (or no module) */
	char msg[256];		/* why, when err != 0 */
};

int vrop_new(const struct vr_spec *s, struct vr_result *res);
/* the fields set in s->has; with SF_FORCE, s->force */
int vrop_set(const struct vr_spec *s, struct vr_result *res);
/* by key: s->ifname, s->family, s->vrid */
int vrop_del(const struct vr_spec *s, struct vr_result *res);
/* one VR by key, or every VR with s == NULL */
int vrop_reset_stats(const struct vr_spec *s, struct vr_result *res);
int vrop_flush(struct vr_result *res);
/* A read: VRRP_CMD_GET (dump: every VR) or VRRP_CMD_GET_GLOBAL; cb per reply */
int vrop_query(int cmd, bool dump, nlc_cb cb, void *arg,
	       struct vr_result *res);

#endif /* VRRP_TOOL_VROPS_H */
