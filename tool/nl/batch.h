/* SPDX-License-Identifier: GPL-2.0 */
/* vr_spec -> vrrp netlink attributes */
#ifndef VRRP_TOOL_BATCH_H
#define VRRP_TOOL_BATCH_H

#include "nl.h"
#include "spec.h"

/* Put the key (ifindex or ifname, family, vrid) */
int batch_put_key(struct nl_msg *m, const struct vr_spec *s);
/* Put the key and every field set in s->has */
int batch_put_vr(struct nl_msg *m, const struct vr_spec *s);
/* A rough upper bound of the bytes batch_put_vr() needs */
size_t batch_vr_size(const struct vr_spec *s);
/*
 * The VRRP_CMD_BATCH request for every spec (NULL on failure); start[i]
 * (if not NULL) receives the offset of VR i's nest in the message.
 */
struct nl_msg *batch_build(struct nlc *c, const struct vr_specs *l,
			   bool replace, long *start);
/* One VRRP_CMD_BATCH with every spec; returns the kernel's answer */
int batch_apply(struct nlc *c, const struct vr_specs *l, bool replace);
/*
 * Same; kernel errors that point into one VR print "FILE:LINE: <msg>" with
 * that VR's line (spec.line) when file is not NULL.
 */
int batch_apply_file(struct nlc *c, const struct vr_specs *l, bool replace,
		     const char *file);

#endif /* VRRP_TOOL_BATCH_H */
