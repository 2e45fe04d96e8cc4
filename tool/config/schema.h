/* SPDX-License-Identifier: GPL-2.0 */
/* rVRRPd configuration schema: a parsed cfg tree -> VR specs. */
#ifndef VRRP_TOOL_SCHEMA_H
#define VRRP_TOOL_SCHEMA_H

#include <stdio.h>

#include "cfg.h"
#include "spec.h"

struct schema_opts {
	const char *file;	/* for FILE:LINE: messages */
	FILE *err;		/* where messages go (stderr) */
	/*
	 * Optional: does interface ifname have an address whose subnet
	 * holds addr? Used to attach [[protocols.static]] routes to a VR.
	 */
	int (*if_has_subnet)(const char *ifname, const struct vr_addr *addr,
			     void *ctx);
	void *ctx;
};

/* Top-level settings kept for the daemon side */
struct schema_global {
	int debug;
	char time_zone[16], time_format[16];
	char pid[256], working_dir[256], main_log[256], error_log[256];
};

/*
 * Check the whole document and fill *out (which must be empty). Prints
 * every problem as "FILE:LINE: key: problem" and returns how many there
 * were; on error *out is freed again.
 */
int schema_map(const struct cfg_val *root, const struct schema_opts *o,
	       struct vr_specs *out, struct schema_global *g);

#endif /* VRRP_TOOL_SCHEMA_H */
