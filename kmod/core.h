/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vrrp: internal definitions shared by the module's files.
 *
 * Locking:
 * - vrrp_net.lock (mutex) serialises every writer of a netns' VR table
 *   (netlink, netdev notifier, netns exit). Readers walk the table under
 *   RCU (receive path, dumps).
 * - vrrp_vr.lock (spinlock, BH) protects the run-time state of one VR and
 *   its cfg pointer. Timers and the receive path take it in softirq
 *   context; everything else takes it with spin_lock_bh().
 * - Anything that sleeps (addresses, routes, group joins, secondary unicast
 *   MACs, vif devices) runs in vrrp_vr.work on vrrp_wq, under RTNL where
 *   needed. The work reconciles what is installed with what the state asks
 *   for, so queueing it more often than needed is harmless.
 */
#ifndef _VRRP_CORE_H
#define _VRRP_CORE_H

#include <linux/types.h>
#include <linux/hashtable.h>
#include <linux/hrtimer.h>
#include <linux/in6.h>
#include <linux/if.h>
#include <linux/if_ether.h>
#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/netns/generic.h>
#include <net/genetlink.h>
#include <linux/vrrp.h>

#include "compat.h"

#define VRRP_HASH_BITS		10
#define VRRP_MAX_VIPS		255
#define VRRP_MAX_TRACKS		64
#define VRRP_MAX_ROUTES		255
#define VRRP_MAX_PEERS		64

#define VRRP_DEF_PRIORITY	100
#define VRRP_DEF_ADVERT_CS	100
#define VRRP_OWNER_PRIORITY	255

/* an IPv4 address lives in the first 4 bytes, the rest is zero */
union vrrp_addr {
	__be32 ip4;
	struct in6_addr ip6;
	u8 b[16];
};

struct vrrp_vip {
	union vrrp_addr addr;
	u8 plen;
	u8 pad[3];
};

struct vrrp_track {
	int ifindex;
	u8 weight;
	u8 pad[3];
};

struct vrrp_route {
	union vrrp_addr dst;
	union vrrp_addr gw;
	u32 metric;
	u32 mtu;
	u8 dst_len;
	u8 has_gw;
	u8 pad[2];
};

/*
 * Scalar configuration. Always allocated zeroed and filled field by field,
 * so two equal configurations compare equal with memcmp().
 */
struct vrrp_params {
	u32 preempt_delay;	/* ms */
	u32 garp_delay;		/* ms */
	u32 garp_refresh;	/* ms */
	u32 sync_group;
	u16 advert_int;		/* cs */
	u8 version;
	u8 priority;
	u8 preempt;
	u8 accept;
	u8 auth_type;
	u8 vmac_mode;
	u8 v3_csum_pseudo;
	u8 garp_repeat;
	u8 admin_up;
	u8 force;
	u8 auth_key_len;
	u8 auth_key[VRRP_AUTH_KEY_MAX];
	char vifname[IFNAMSIZ];
};

/* Immutable once published; replaced as a whole. */
struct vrrp_cfg {
	refcount_t ref;
	struct rcu_head rcu;
	struct vrrp_params p;
	u16 n_vips;
	u16 n_tracks;
	u16 n_routes;
	u16 n_peers;
	struct vrrp_vip *vips;
	struct vrrp_track *tracks;
	struct vrrp_route *routes;
	union vrrp_addr *peers;
	/* derived: the advert's address list (v3 IPv6: link-local first) */
	u16 n_adv;
	bool ll_added;		/* a link-local address derived from the VMAC */
	u8 *adv_addrs;
	u8 data[];
};

struct vrrp_stats {
	u64 master_transitions;
	u64 rx_adverts;
	u64 advert_int_errors;
	u64 ttl_errors;
	u64 rx_prio_zero;
	u64 tx_prio_zero;
	u64 invalid_type;
	u64 addr_list_errors;
	u64 length_errors;
	u64 auth_failures;
	u64 invalid_auth_type;
	u64 auth_type_mismatch;
	u64 tx_adverts;
	u64 peer_errors;
	u64 discontinuity;	/* CLOCK_REALTIME ns */
	u8 new_master_reason;
	u8 proto_err_reason;
};

struct vrrp_net;

struct vrrp_vr {
	struct hlist_node hnode;
	struct rcu_head rcu;
	refcount_t ref;
	struct vrrp_net *vn;
	struct net *net;	/* not counted: a VR never outlives its netns */

	/* key */
	int ifindex;
	u8 family;
	u8 vrid;

	spinlock_t lock;		/* run-time state and cfg */
	struct vrrp_cfg __rcu *cfg;
	struct net_device *dev;	/* held while !dead */
	netdevice_tracker dev_tracker;

	/* run-time state, under lock */
	u8 state;
	u8 last_reason;
	u8 eff_prio;
	u8 garp_left;
	u8 down_reason;		/* reason if the down timer fires */
	bool dead;
	bool running;		/* admin up, link up, not torn down */
	bool track_fault;
	bool preempt_pending;
	u8 track_loss;		/* priority lost to tracked interfaces */
	u8 force;		/* enum vrrp_force */
	u16 master_adv_int;	/* cs, learned from the master (v3) */
	union vrrp_addr master_addr;
	union vrrp_addr primary;	/* source address of our adverts */
	ktime_t preempt_since;
	struct hrtimer timer;		/* Adver_Timer or Master_Down_Timer */
	struct hrtimer garp_timer;
	struct vrrp_stats stats;
	u8 sync_state;			/* state to propagate to the group */
	u8 sync_old;			/* and the one it left */
	bool sync_pending;
	bool sync_hold;			/* following the group: no takeover */
	u32 batch_gen;			/* under vn->lock */

	/* owned by the work (process context) */
	struct work_struct work;
	struct vrrp_cfg *installed;	/* VIPs and routes currently installed */
	u8 *inst_flags;			/* per VIP (+ derived LL) and route */
	int inst_ifindex;		/* where the VIPs went */
	int hook_ifindex;		/* ingress hook reference held on */
	int joined_ifindex;		/* multicast group joined on */
	int uc_ifindex;			/* VMAC added as secondary unicast on */
	u8 uc_mac[ETH_ALEN];
	int vif_ifindex;		/* macvlan vif we created */
};

struct vrrp_gstats {
	atomic64_t checksum_errors;
	atomic64_t version_errors;
	atomic64_t vrid_errors;
	u64 discontinuity;
};

struct vrrp_net {
	struct net *net;
	struct mutex lock;	/* writers of the table */
	DECLARE_HASHTABLE(table, VRRP_HASH_BITS);
	u32 count;
	u32 batch_gen;
	/* VRs without a VMAC whose Master must drop traffic to its VIPs */
	u32 n_guard_plain;
	bool dying;
	struct vrrp_gstats gstats;
	struct socket *rtnl;	/* kernel NETLINK_ROUTE socket */
	struct mutex rtnl_mutex;	/* one request at a time on it */
	struct work_struct sync_work;
	/* netdev ingress hooks (VMAC), one per parent device; under lock */
	struct list_head hooks;
	struct nf_hook_ops arp_out;	/* VMAC as sender of the stack's ARP */
	bool arp_out_ok;
	struct nf_hook_ops nd_out;	/* the same for IPv6 ND */
};

extern unsigned int vrrp_net_id;
extern struct workqueue_struct *vrrp_wq;
extern struct genl_family vrrp_genl_family;

static inline struct vrrp_net *vrrp_net(const struct net *net)
{
	return net_generic(net, vrrp_net_id);
}

static inline unsigned int vrrp_addr_len(u8 family)
{
	return family == AF_INET ? 4 : 16;
}

static inline struct vrrp_cfg *vrrp_cfg_locked(struct vrrp_vr *vr)
{
	return rcu_dereference_protected(vr->cfg, lockdep_is_held(&vr->lock) ||
					 refcount_read(&vr->ref) == 0);
}

/* router.c */
int vrrp_net_init_table(struct vrrp_net *vn);
void vrrp_net_shutdown(struct vrrp_net *vn);
void vrrp_net_free_table(struct vrrp_net *vn);
struct vrrp_vr *vrrp_vr_lookup_rcu(struct vrrp_net *vn, int ifindex,
				   u8 family, u8 vrid);
struct vrrp_vr *vrrp_vr_lookup(struct vrrp_net *vn, int ifindex,
			       u8 family, u8 vrid);
struct vrrp_vr *vrrp_vr_create(struct vrrp_net *vn, struct net_device *dev,
			       u8 family, u8 vrid, struct vrrp_cfg *cfg);
void vrrp_vr_update(struct vrrp_vr *vr, struct vrrp_cfg *cfg);
void vrrp_vr_delete(struct vrrp_vr *vr);
void vrrp_vr_put(struct vrrp_vr *vr);
bool vrrp_vr_get(struct vrrp_vr *vr);
void vrrp_vr_queue_work(struct vrrp_vr *vr);
struct vrrp_cfg *vrrp_cfg_alloc(u16 n_vips, u16 n_tracks, u16 n_routes,
				u16 n_peers);
void vrrp_cfg_put(struct vrrp_cfg *cfg);
bool vrrp_cfg_equal(const struct vrrp_cfg *a, const struct vrrp_cfg *b);
void vrrp_cfg_defaults(struct vrrp_params *p, u8 family);
void vrrp_cfg_finalize(struct vrrp_cfg *cfg, u8 family, u8 vrid);
void vrrp_ll_from_vmac(u8 vrid, struct in6_addr *ll);
void vrrp_stats_reset(struct vrrp_stats *st);
u64 vrrp_now_real(void);

/* fsm.c */
void vrrp_fsm_init(struct vrrp_vr *vr);
void vrrp_fsm_start(struct vrrp_vr *vr, u8 reason);
void vrrp_fsm_stop(struct vrrp_vr *vr, u8 reason);
void vrrp_fsm_cancel_timers(struct vrrp_vr *vr);
void vrrp_fsm_reconfig(struct vrrp_vr *vr, struct vrrp_cfg *old);
void vrrp_fsm_rx(struct vrrp_vr *vr, u8 prio, u16 interval_cs,
		 const union vrrp_addr *saddr);
void vrrp_fsm_recheck(struct vrrp_vr *vr, u8 reason);
void vrrp_fsm_sync_to(struct vrrp_vr *vr, u8 old, u8 state);
u64 vrrp_fsm_skew_ns(const struct vrrp_vr *vr, u16 interval_cs);
u64 vrrp_fsm_master_down_ns(const struct vrrp_vr *vr, u16 interval_cs);
u8 vrrp_fsm_priority(const struct vrrp_vr *vr, const struct vrrp_cfg *cfg);

/* tx.c */
int vrrp_tx_advert(struct vrrp_vr *vr, u8 prio);
void vrrp_tx_garps(struct vrrp_vr *vr);
void vrrp_vmac(u8 family, u8 vrid, u8 *mac);
bool vrrp_tx_primary(struct vrrp_vr *vr, union vrrp_addr *out);
int vrrp_tx_na(struct net_device *dev, const u8 *mac,
	       const struct in6_addr *saddr, const struct in6_addr *daddr,
	       const struct in6_addr *target, bool solicited, const u8 *dmac);

/* rx.c */
int vrrp_rx_init(void);
void vrrp_rx_exit(void);
int vrrp_rx_join(struct vrrp_vr *vr, struct net_device *dev);
void vrrp_rx_leave(struct vrrp_vr *vr, struct net_device *dev);

/* addr.c */
int vrrp_addr_net_init(struct vrrp_net *vn);
void vrrp_addr_net_exit(struct vrrp_net *vn);
void vrrp_vr_work(struct work_struct *work);
int vrrp_rtnl_link(struct vrrp_net *vn, int cmd, int ifindex,
		   const char *name, const u8 *mac);

/* vmac.c */
bool vrrp_vmac_used(const struct vrrp_cfg *cfg);
bool vrrp_vmac_guard_plain(const struct vrrp_cfg *cfg);
int vrrp_vmac_net_init(struct vrrp_net *vn);
int vrrp_vmac_attach(struct vrrp_net *vn, struct net_device *dev);
void vrrp_vmac_detach(struct vrrp_net *vn, int ifindex);
void vrrp_vmac_detach_dev(struct vrrp_net *vn, struct net_device *dev);
void vrrp_vmac_net_exit(struct vrrp_net *vn);
int vrrp_vmac_vif_create(struct vrrp_vr *vr, struct vrrp_cfg *cfg);
void vrrp_vmac_vif_delete(struct vrrp_vr *vr);

/* track.c */
int vrrp_track_init(void);
void vrrp_track_quiesce(void);
void vrrp_track_exit(void);
u8 vrrp_track_loss(struct vrrp_vr *vr, const struct vrrp_cfg *cfg,
		   bool *fault);
void vrrp_sync_work(struct work_struct *work);
void vrrp_sync_kick(struct vrrp_vr *vr, u8 old);

/* netlink.c */
int vrrp_genl_init(void);
void vrrp_genl_exit(void);
void vrrp_nl_event(struct vrrp_vr *vr, u8 old_state, u8 reason);

#endif /* _VRRP_CORE_H */
