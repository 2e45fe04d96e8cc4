/* SPDX-License-Identifier: GPL-2.0 */
/* A VR message decoded: the documented JSON object, the counter names */
#ifndef VRRP_TOOL_VR_JSON_H
#define VRRP_TOOL_VR_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>

#include "nl.h"

unsigned long long attr_uint(const struct nlattr *a);
/* ifname of a VR message: VRRP_A_IFNAME, else from the ifindex */
const char *vr_ifname(struct nlattr **tb, char *buf);
/* address attribute as text, NULL if absent / all zero */
const char *vr_addr(const struct nlattr *a, char *buf, size_t len);
/* VRRP_A_VIPS as an array of "address[/len]" strings */
cJSON *json_vips(const struct nlattr *nest);
/* The documented JSON object of one VR (see vrrpctl(8)) */
cJSON *vr_to_json(struct nlattr **tb, bool stats);
/* nlc_cb of VRRP_CMD_GET_GLOBAL: vr_count and the global counters into
 * the cJSON object @arg (show global -j, GET /api/global) */
int global_json_cb(struct nl_msg *msg, void *arg);

/* show -s prints STAT_MAIN and the sum of STAT_ERR; -s -s and -j all */
enum { STAT_MAIN, STAT_ERR, STAT_MORE };
struct stat_name {
	int attr;
	const char *name;
	int kind;
};
extern const struct stat_name stat_names[], gstat_names[];
extern const size_t n_stat_names, n_gstat_names;

#endif /* VRRP_TOOL_VR_JSON_H */
