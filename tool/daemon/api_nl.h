/* SPDX-License-Identifier: GPL-2.0 */
/* The REST API backend on netlink (api_nl.c). */
#ifndef VRRP_TOOL_API_NL_H
#define VRRP_TOOL_API_NL_H

#include "api.h"

cJSON *api_nl_vr_list(void *ctx, char *err, size_t errlen);
cJSON *api_nl_global(void *ctx, char *err, size_t errlen);
int api_nl_vr_set(void *ctx, const char *ifname, const char *family, int vrid,
		  const cJSON *ch, char *err, size_t errlen);
int api_nl_vr_del(void *ctx, const char *ifname, const char *family, int vrid,
		  char *err, size_t errlen);
int api_nl_vr_force(void *ctx, const char *ifname, const char *family,
		    int vrid, const char *state, char *err, size_t errlen);
int api_nl_vr_add(void *ctx, const char *body, size_t len, char *err,
		  size_t errlen);
/* Fill the VR members of be (config and settings are left alone) */
void api_nl_backend(struct api_backend *be, void *ctx);

#endif /* VRRP_TOOL_API_NL_H */
