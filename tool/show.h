/* SPDX-License-Identifier: GPL-2.0 */
/* Decoding VR attributes for show and monitor */
#ifndef VRRP_TOOL_SHOW_H
#define VRRP_TOOL_SHOW_H

#include <cjson/cJSON.h>

#include "nl.h"

unsigned long long attr_uint(const struct nlattr *a);
/* ifname of a VR message: VRRP_A_IFNAME, else from the ifindex */
const char *vr_ifname(struct nlattr **tb, char *buf);
/* address attribute as text, NULL if absent / all zero */
const char *vr_addr(const struct nlattr *a, char *buf, size_t len);
/* The documented JSON object of one VR (see vrrpctl(8)) */
cJSON *vr_to_json(struct nlattr **tb, bool stats);
int cmd_show(int argc, char **argv);

#endif /* VRRP_TOOL_SHOW_H */
