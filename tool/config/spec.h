/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct vr_spec: one virtual router as the tool wants it configured.
 * Built from the command line (vr.c) or from a config file (schema.c),
 * turned into netlink attributes by batch.c. No netlink in here, so the
 * config mapping can be unit-tested on its own.
 */
#ifndef VRRP_TOOL_SPEC_H
#define VRRP_TOOL_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>

enum spec_field {
	SF_VERSION,
	SF_PRIORITY,
	SF_ADVERT,
	SF_PREEMPT,
	SF_PREEMPT_DELAY,
	SF_ACCEPT,
	SF_VIPS,
	SF_AUTH_TYPE,
	SF_AUTH_KEY,
	SF_VMAC_MODE,
	SF_VIFNAME,
	SF_TRACKS,
	SF_ROUTES,
	SF_PEERS,
	SF_SYNC_GROUP,
	SF_CSUM,
	SF_GARP_REPEAT,
	SF_GARP_DELAY,
	SF_GARP_REFRESH,
	SF_ADMIN_UP,
	SF_FORCE,
	SF_MAX
};

#define SPEC_SET(s, f)	((s)->has |= 1u << (f))
#define SPEC_HAS(s, f)	(!!((s)->has & (1u << (f))))

struct vr_addr {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t addr[16];
	uint8_t plen;
};

struct vr_track {
	char ifname[IFNAMSIZ];
	uint8_t weight;
};

struct vr_route {
	struct vr_addr dst;	/* plen = prefix length */
	bool has_gw, has_metric, has_mtu;
	struct vr_addr gw;
	uint32_t metric, mtu;
};

struct vr_spec {
	char ifname[IFNAMSIZ];
	int family;		/* AF_INET / AF_INET6 */
	unsigned int vrid;
	int line;		/* source line (config files), 0 otherwise */
	uint32_t has;		/* SF_* bits of the fields below that are set */

	unsigned int version;
	unsigned int priority;
	unsigned int advert_cs;	/* centiseconds */
	bool preempt;
	uint32_t preempt_delay;	/* ms */
	bool accept;
	struct vr_addr *vips;
	size_t n_vips;
	unsigned int auth_type;	/* enum vrrp_auth_type */
	uint8_t auth_key[256];
	size_t auth_key_len;
	unsigned int vmac_mode;	/* enum vrrp_vmac_mode */
	char vifname[IFNAMSIZ];
	struct vr_track *tracks;
	size_t n_tracks;
	struct vr_route *routes;
	size_t n_routes;
	struct vr_addr *peers;
	size_t n_peers;
	uint32_t sync_group;
	unsigned int csum;	/* enum vrrp_csum */
	unsigned int garp_repeat;
	uint32_t garp_delay, garp_refresh;
	bool admin_up;
	unsigned int force;	/* enum vrrp_force */
};

struct vr_specs {
	struct vr_spec *v;
	size_t n;
};

int spec_add_vip(struct vr_spec *s, const struct vr_addr *a);
int spec_add_peer(struct vr_spec *s, const struct vr_addr *a);
int spec_add_track(struct vr_spec *s, const char *ifname, unsigned int weight);
int spec_add_route(struct vr_spec *s, const struct vr_route *r);
void spec_release(struct vr_spec *s);
struct vr_spec *specs_append(struct vr_specs *l);
void specs_free(struct vr_specs *l);

/* util.c: parsing and naming helpers shared by the CLI and the schema */
int parse_addr(const char *str, struct vr_addr *a, bool allow_plen);
const char *addr_str(int family, const void *addr, char *buf, size_t len);
int parse_uint(const char *str, unsigned long long max, unsigned long long *out);
int parse_onoff(const char *str, bool *out);
const char *state_name(unsigned int st);
const char *reason_name(unsigned int r);
const char *auth_name(unsigned int t);
int auth_parse(const char *name, unsigned int *t);
const char *vmac_name(unsigned int m);
int vmac_parse(const char *name, unsigned int *m);
const char *csum_name(unsigned int m);
int csum_parse(const char *name, unsigned int *m);
const char *family_name(int family);
int family_parse(const char *name, int *family);
const char *force_name(unsigned int f);
unsigned int edit_distance(const char *a, const char *b);
/* a VIP the kernel takes: not 0/8, loopback, multicast, broadcast, :: */
bool vr_addr_unicast(const struct vr_addr *a);

#endif /* VRRP_TOOL_SPEC_H */
