/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vrrp: in-kernel VRRP (RFC 3768 / RFC 9568) generic netlink interface.
 *
 * Family "vrrp", version VRRP_GENL_VERSION, multicast group "events".
 *
 * A virtual router (VR) is keyed by (VRRP_A_IFINDEX, VRRP_A_FAMILY,
 * VRRP_A_VRID). All VR attributes live in one flat attribute space,
 * enum vrrp_attr; a VR nested inside VRRP_A_BATCH uses the same space.
 * Nested lists (VIPs, tracked interfaces, routes, peers) are arrays of
 * nests whose own type is ignored (use 0 or the index).
 *
 * A VR whose device is unregistered (deleted, or moved to another netns)
 * stays, in Init and detached: it is dumped without VRRP_A_IFINDEX, is
 * addressed by VRRP_A_IFNAME, and runs again on the next device that
 * registers with that name.
 *
 * Mutating commands need CAP_NET_ADMIN in the netns' user namespace. GET,
 * its dump, GET_GLOBAL and the "events" group are open to every user of
 * the netns: they show configuration and state, never the auth key.
 */
#ifndef _UAPI_LINUX_VRRP_H
#define _UAPI_LINUX_VRRP_H

#include <linux/types.h>

#define VRRP_GENL_NAME		"vrrp"
#define VRRP_GENL_VERSION	1
#define VRRP_MCGRP_EVENTS	"events"

enum vrrp_cmd {
	VRRP_CMD_UNSPEC,
	VRRP_CMD_NEW,		/* create one VR (EEXIST if present) */
	VRRP_CMD_SET,		/* change one VR; absent attrs keep their value */
	VRRP_CMD_DEL,		/* delete one VR */
	VRRP_CMD_GET,		/* one VR (doit) or all VRs of the netns (dump) */
	VRRP_CMD_BATCH,		/* apply VRRP_A_BATCH atomically, see below */
	VRRP_CMD_FLUSH,		/* delete every VR of the netns */
	VRRP_CMD_RESET_STATS,	/* one VR if keyed, else every VR and globals */
	VRRP_CMD_GET_GLOBAL,	/* VRRP_A_GLOBAL_STATS and VRRP_A_VR_COUNT */
	VRRP_CMD_EVENT,		/* multicast: a state transition */
	__VRRP_CMD_MAX
};

#define VRRP_CMD_MAX (__VRRP_CMD_MAX - 1)

enum vrrp_state {
	VRRP_STATE_INIT,
	VRRP_STATE_BACKUP,
	VRRP_STATE_MASTER,
	__VRRP_STATE_MAX
};

/* VRRP_A_FORCE_STATE values (vrrpd SIGUSR1/SIGUSR2) */
enum vrrp_force {
	VRRP_FORCE_NONE,	/* release: run the protocol normally */
	VRRP_FORCE_BACKUP,
	VRRP_FORCE_MASTER,
	__VRRP_FORCE_MAX
};

/* Authentication types as carried in the VRRPv2 auth type field */
enum vrrp_auth_type {
	VRRP_AUTH_NONE		= 0,
	VRRP_AUTH_SIMPLE	= 1,	/* RFC 2338 simple text password */
	VRRP_AUTH_P0		= 250,	/* rVRRPd: HMAC-SHA256 truncated to 8 bytes */
	VRRP_AUTH_P1		= 251,	/* rVRRPd: SHAKE256, 8 bytes */
};

#define VRRP_AUTH_KEY_MAX	255

/* Limits, enforced by the kernel's policy and by vrrpctl */
#define VRRP_MAX_VIPS		255
#define VRRP_MAX_TRACKS		64
#define VRRP_MAX_ROUTES		255
#define VRRP_MAX_PEERS		64
#define VRRP_ADVERT_INT_MIN	1	/* cs */
#define VRRP_V3_ADVERT_INT_MAX	4095	/* cs, RFC 9568 erratum 8301 */
#define VRRP_V2_ADVERT_INT_MAX	25500	/* cs: 255 s, whole seconds */
#define VRRP_TRACK_WEIGHT_MAX	254
#define VRRP_PREEMPT_DELAY_MAX	3600000	/* ms */
#define VRRP_GARP_DELAY_MIN	10	/* ms, between repeats (garp_repeat > 1) */
#define VRRP_GARP_DELAY_MAX	3600000	/* ms */
#define VRRP_GARP_REFRESH_MIN	1000	/* ms, 0 = no refresh */
#define VRRP_GARP_REFRESH_MAX	86400000 /* ms */

enum vrrp_vmac_mode {
	VRRP_VMAC_ETHER,	/* default: VMAC on the parent, no extra netdev */
	VRRP_VMAC_MACVLAN,	/* a macvlan-like vif (VRRP_A_VIFNAME) holds VMAC and VIPs */
	VRRP_VMAC_NONE,		/* use the interface's own MAC */
	__VRRP_VMAC_MAX
};

/*
 * The v3 IPv4 checksum (VRRP_A_V3_CSUM). keepalived, FRR and Wireshark
 * sum the IPv4 pseudo-header too; RFC 9568 5.2.8 sums the VRRP message
 * only. Both are accepted on receive. v2 never has a pseudo-header and
 * IPv6 always has one: there, the mode changes nothing.
 */
enum vrrp_csum {
	VRRP_CSUM_AUTO,		/* default: pseudo-header, then follow the peers */
	VRRP_CSUM_PSEUDO,	/* always with the pseudo-header */
	VRRP_CSUM_RFC9568,	/* always the RFC 9568 form */
	__VRRP_CSUM_MAX
};

/* Why a transition happened (VRRP_A_EV_REASON) */
enum vrrp_reason {
	VRRP_REASON_NONE,
	VRRP_REASON_STARTUP,		/* admin up / created */
	VRRP_REASON_OWNER,		/* priority 255 */
	VRRP_REASON_MASTER_DOWN,	/* master down timer expired */
	VRRP_REASON_PRIORITY_ZERO,	/* master resigned (priority 0) */
	VRRP_REASON_PREEMPTED,		/* higher priority advert seen */
	VRRP_REASON_PREEMPT,		/* we preempted a lower priority master */
	VRRP_REASON_LINK_DOWN,		/* own interface down */
	VRRP_REASON_LINK_UP,		/* own interface up */
	VRRP_REASON_TRACK,		/* tracked interface fault */
	VRRP_REASON_SYNC_GROUP,		/* followed a sync group member */
	VRRP_REASON_FORCED,		/* forced by the administrator */
	VRRP_REASON_ADMIN_DOWN,		/* admin down or deleted */
	VRRP_REASON_CONFIG,		/* configuration change */
	/* not a transition: VRRP_CSUM_AUTO took a peer's checksum form */
	VRRP_REASON_CSUM_FOLLOWED,
	__VRRP_REASON_MAX
};

enum vrrp_attr {
	VRRP_A_UNSPEC,
	VRRP_A_PAD,
	/* key */
	VRRP_A_IFINDEX,		/* u32 */
	VRRP_A_FAMILY,		/* u8: AF_INET or AF_INET6 */
	VRRP_A_VRID,		/* u8: 1..255 */
	/* configuration */
	VRRP_A_IFNAME,		/* string: output, or input instead of IFINDEX */
	VRRP_A_VERSION,		/* u8: 2 or 3 (default 3; 2 is IPv4 only) */
	VRRP_A_PRIORITY,	/* u8: 1..255 configured priority (default 100) */
	VRRP_A_ADVERT_INT,	/* u16: centiseconds, 1..4095 (v2: 100..25500, whole seconds) */
	VRRP_A_PREEMPT,		/* u8 bool (default 1) */
	VRRP_A_PREEMPT_DELAY,	/* u32: milliseconds before preempting, up to 1 h */
	VRRP_A_ACCEPT,		/* u8 bool: accept mode (default 0) */
	VRRP_A_VIPS,		/* nest of nests, VRRP_VIP_A_* each */
	VRRP_A_AUTH_TYPE,	/* u8: enum vrrp_auth_type (v2 only) */
	VRRP_A_AUTH_KEY,	/* binary, 1..VRRP_AUTH_KEY_MAX: input only */
	VRRP_A_AUTH_KEY_SET,	/* flag: output, a key is configured */
	VRRP_A_VMAC_MODE,	/* u8: enum vrrp_vmac_mode */
	VRRP_A_VIFNAME,		/* string: VRRP_VMAC_MACVLAN device name */
	VRRP_A_TRACKS,		/* nest of nests, VRRP_TRACK_A_* each */
	VRRP_A_ROUTES,		/* nest of nests, VRRP_ROUTE_A_* each */
	VRRP_A_PEERS,		/* nest of nests, VRRP_PEER_A_* each: unicast */
	VRRP_A_SYNC_GROUP,	/* u32: sync group id, 0 = none */
	VRRP_A_V3_CSUM,		/* u8: enum vrrp_csum (default VRRP_CSUM_AUTO) */
	VRRP_A_GARP_REPEAT,	/* u8: GARP/NA count on takeover (default 1) */
	VRRP_A_GARP_DELAY,	/* u32: ms between repeats (at least 10 if repeat > 1) */
	VRRP_A_GARP_REFRESH,	/* u32: ms between refreshes as master, 0 = off, else >= 1000 */
	VRRP_A_ADMIN_UP,	/* u8 bool (default 1) */
	VRRP_A_FORCE_STATE,	/* u8: enum vrrp_force */
	/* run-time state (output) */
	VRRP_A_STATE,		/* u8: enum vrrp_state */
	VRRP_A_EFF_PRIORITY,	/* u8: priority after tracking */
	VRRP_A_MASTER_ADDR,	/* binary 4 or 16: current master's address */
	VRRP_A_MASTER_ADVERT_INT, /* u16: centiseconds, learned (v3) */
	VRRP_A_MASTER_DOWN_INT,	/* u32: microseconds */
	VRRP_A_SKEW_TIME,	/* u32: microseconds */
	VRRP_A_PRIMARY_ADDR,	/* binary 4 or 16: our source address */
	VRRP_A_VMAC,		/* binary 6 */
	VRRP_A_LAST_REASON,	/* u8: enum vrrp_reason of the last transition */
	VRRP_A_STATS,		/* nest: VRRP_STAT_A_* */
	/* events */
	VRRP_A_EV_OLD_STATE,	/* u8 */
	VRRP_A_EV_REASON,	/* u8: enum vrrp_reason */
	VRRP_A_EV_TIMESTAMP,	/* u64: CLOCK_REALTIME nanoseconds */
	/* batch and globals */
	VRRP_A_BATCH,		/* nest of nests: one VR (enum vrrp_attr) each */
	VRRP_A_BATCH_REPLACE,	/* flag: delete VRs absent from the batch */
	VRRP_A_GLOBAL_STATS,	/* nest: VRRP_GSTAT_A_* */
	VRRP_A_VR_COUNT,	/* u32 */
	/*
	 * u32, BATCH input: an attribute nest holds at most 64 KiB, so a big
	 * batch is sent as several VRRP_A_BATCH attributes in one message,
	 * with VRRP_A_BATCH_COUNT = the number of VRs in all of them. The
	 * kernel applies every VRRP_A_BATCH as one transaction and checks
	 * the count. Absent: a single VRRP_A_BATCH.
	 */
	VRRP_A_BATCH_COUNT,
	/*
	 * u8 output, v3 IPv4: the checksum form sent now, VRRP_CSUM_PSEUDO
	 * or VRRP_CSUM_RFC9568 (in VRRP_CSUM_AUTO, the last one followed)
	 */
	VRRP_A_V3_CSUM_USED,
	__VRRP_A_MAX
};

#define VRRP_A_MAX (__VRRP_A_MAX - 1)

enum vrrp_vip_attr {
	VRRP_VIP_A_UNSPEC,
	VRRP_VIP_A_ADDR,	/* binary 4 or 16, same family as the VR */
	VRRP_VIP_A_PREFIXLEN,	/* u8 (default 32 / 128) */
	__VRRP_VIP_A_MAX
};

#define VRRP_VIP_A_MAX (__VRRP_VIP_A_MAX - 1)

enum vrrp_track_attr {
	VRRP_TRACK_A_UNSPEC,
	VRRP_TRACK_A_IFINDEX,	/* u32: output if it exists; input: taken as its name */
	VRRP_TRACK_A_IFNAME,	/* string: tracked by name (need not exist yet) */
	VRRP_TRACK_A_WEIGHT,	/* u8: priority lost when down, 0..254; 0 = fault */
	__VRRP_TRACK_A_MAX
};

#define VRRP_TRACK_A_MAX (__VRRP_TRACK_A_MAX - 1)

enum vrrp_route_attr {
	VRRP_ROUTE_A_UNSPEC,
	VRRP_ROUTE_A_DST,	/* binary 4 or 16 */
	VRRP_ROUTE_A_DST_LEN,	/* u8 */
	VRRP_ROUTE_A_GATEWAY,	/* binary 4 or 16, optional */
	VRRP_ROUTE_A_METRIC,	/* u32, optional */
	VRRP_ROUTE_A_MTU,	/* u32, optional */
	__VRRP_ROUTE_A_MAX
};

#define VRRP_ROUTE_A_MAX (__VRRP_ROUTE_A_MAX - 1)

enum vrrp_peer_attr {
	VRRP_PEER_A_UNSPEC,
	VRRP_PEER_A_ADDR,	/* binary 4 or 16 */
	__VRRP_PEER_A_MAX
};

#define VRRP_PEER_A_MAX (__VRRP_PEER_A_MAX - 1)

/* Per-VR counters (RFC 6527 vrrpv3StatisticsTable, plus v2 auth and tx) */
enum vrrp_stat_attr {
	VRRP_STAT_A_UNSPEC,
	VRRP_STAT_A_PAD,
	VRRP_STAT_A_MASTER_TRANSITIONS,	/* u64 */
	VRRP_STAT_A_NEW_MASTER_REASON,	/* u8: RFC 6527 vrrpv3StatisticsNewMasterReason */
	VRRP_STAT_A_RX_ADVERTS,		/* u64 */
	VRRP_STAT_A_ADVERT_INT_ERRORS,	/* u64 */
	VRRP_STAT_A_TTL_ERRORS,		/* u64 */
	VRRP_STAT_A_PROTO_ERR_REASON,	/* u8: RFC 6527 vrrpv3StatisticsProtoErrReason */
	VRRP_STAT_A_RX_PRIO_ZERO,	/* u64 */
	VRRP_STAT_A_TX_PRIO_ZERO,	/* u64 */
	VRRP_STAT_A_INVALID_TYPE,	/* u64 */
	VRRP_STAT_A_ADDR_LIST_ERRORS,	/* u64 */
	VRRP_STAT_A_LENGTH_ERRORS,	/* u64 */
	VRRP_STAT_A_AUTH_FAILURES,	/* u64 (v2) */
	VRRP_STAT_A_INVALID_AUTH_TYPE,	/* u64 (v2) */
	VRRP_STAT_A_AUTH_TYPE_MISMATCH,	/* u64 (v2) */
	VRRP_STAT_A_TX_ADVERTS,		/* u64 */
	VRRP_STAT_A_DISCONTINUITY,	/* u64: CLOCK_REALTIME ns of creation/reset */
	VRRP_STAT_A_REFRESH_RATE,	/* u32: ms, the advert interval */
	VRRP_STAT_A_PEER_ERRORS,	/* u64: unicast mode, source not a peer */
	VRRP_STAT_A_OWNER_CONFLICTS,	/* u64: adverts heard as address owner */
	VRRP_STAT_A_SRC_ERRORS,		/* u64: IPv6 multicast, source not link-local */
	VRRP_STAT_A_CSUM_FOLLOWED,	/* u64: VRRP_CSUM_AUTO changed form */
	VRRP_STAT_A_DOWN_DEFERRED,	/* u64: Master_Down_Timer deferred, rx behind */
	__VRRP_STAT_A_MAX
};

#define VRRP_STAT_A_MAX (__VRRP_STAT_A_MAX - 1)

/* Per-netns counters (RFC 6527 vrrpv3RouterChecksumErrors etc.) */
enum vrrp_gstat_attr {
	VRRP_GSTAT_A_UNSPEC,
	VRRP_GSTAT_A_PAD,
	VRRP_GSTAT_A_CHECKSUM_ERRORS,	/* u64 */
	VRRP_GSTAT_A_VERSION_ERRORS,	/* u64 */
	VRRP_GSTAT_A_VRID_ERRORS,	/* u64 */
	VRRP_GSTAT_A_DISCONTINUITY,	/* u64: CLOCK_REALTIME ns */
	VRRP_GSTAT_A_LENGTH_ERRORS,	/* u64: too short to name a VR of ours */
	__VRRP_GSTAT_A_MAX
};

#define VRRP_GSTAT_A_MAX (__VRRP_GSTAT_A_MAX - 1)

/* RFC 6527 vrrpv3StatisticsNewMasterReason */
enum vrrp_new_master_reason {
	VRRP_NMR_NOT_MASTER,
	VRRP_NMR_PRIORITY,
	VRRP_NMR_PREEMPTED,
	VRRP_NMR_MASTER_NO_RESPONSE,
};

/* RFC 6527 vrrpv3StatisticsProtoErrReason */
enum vrrp_proto_err_reason {
	VRRP_PER_NO_ERROR,
	VRRP_PER_IP_TTL_ERROR,
	VRRP_PER_VERSION_ERROR,
	VRRP_PER_CHECKSUM_ERROR,
	VRRP_PER_VRID_ERROR,
};

#endif /* _UAPI_LINUX_VRRP_H */
