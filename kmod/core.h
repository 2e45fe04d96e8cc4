/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vrrp: internal definitions shared by the module's files.
 *
 * Objects and who owns what:
 * - struct vrrp_net, one per netns (netns.c). Allocated by the netns core;
 *   its tables, ordered workqueue, netdev notifier and netfilter hooks are
 *   set up with the first VR (vrrp_net_setup()) and torn down in ->exit.
 * - struct vrrp_vr, one per virtual router (router.c). Referenced by the
 *   table (while listed), by its queued work, and by lookups that sleep.
 *   Freed with kfree_rcu() after the last reference.
 * - struct vrrp_cfg, immutable once published, refcounted, replaced as a
 *   whole under vr->lock and read under RCU.
 * - struct vrrp_inst, inside the VR: what the VR's work has installed in
 *   the netns (group join, ingress hook, VMAC filter entry, vif, VIPs,
 *   routes). Only that work changes it, so it has a single owner. Its
 *   device pointers hold netdev references and change under RTNL, which
 *   lets the netdev notifier drop them when a device goes away.
 *
 * Locking, outermost first:
 * - RTNL, then vrrp_net.lock (mutex): every writer of a netns' VR table
 *   and detached list (netlink, netdev notifier, netns exit) holds both.
 *   Readers walk the table under RCU (receive path, hooks) or hold the
 *   mutex alone (GET, dumps).
 * - vrrp_vr.lock (spinlock, BH): the protocol state (vr->fsm), the cfg
 *   pointer and the counters of one VR. Timers and the receive path take
 *   it in softirq; everything else with spin_lock_bh().
 * - Anything that sleeps runs in the VR's work, on the netns' ordered
 *   workqueue: works of one netns run one at a time, in queueing order,
 *   and never wait for another netns. The work reconciles what is
 *   installed with what the state asks for, so queueing it more often
 *   than needed is harmless.
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
#include "fsm.h"

#define VRRP_HASH_BITS		10

#define VRRP_DEF_PRIORITY	100
#define VRRP_DEF_ADVERT_CS	100

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

/* tracked by name: a device deleted and created again is found again */
struct vrrp_track {
	char name[IFNAMSIZ];
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
	u8 v3_csum;		/* enum vrrp_csum */
	u8 garp_repeat;
	u8 admin_up;
	u8 force;
	u8 auth_key_len;
	u8 auth_key[VRRP_AUTH_KEY_MAX];
	char vifname[IFNAMSIZ];
};

/*
 * A VIP of an installed configuration in the netns' VIP index, which the
 * ARP/ND responder, the ARP/ND rewriting and the accept-mode guard look
 * addresses up in. Embedded in the cfg; hashed and unhashed by the VR's
 * work only.
 */
struct vrrp_vipent {
	struct hlist_node node;
	struct vrrp_vr *vr;
	const u8 *addr;		/* into cfg->adv_addrs */
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
	u8 *adv_sorted;		/* the same, sorted: received lists match in O(n log n) */
	/* scratch of the VR's work while this cfg is installed */
	u8 *inst_flags;		/* per VIP, derived LL, route: 1 if we added it */
	struct vrrp_vipent *ents; /* n_adv */
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
	u64 owner_conflicts;
	u64 src_errors;
	u64 csum_followed;
	u64 down_deferred;	/* Master_Down_Timer expiries deferred */
	u64 discontinuity;	/* CLOCK_REALTIME ns */
	u8 proto_err_reason;
};

struct vrrp_net;
struct vrrp_hook;

/*
 * What the VR's work has installed. The device pointers are held
 * (netdev_hold) and change only under RTNL; the rest belongs to the work.
 */
struct vrrp_inst {
	struct net_device *joined;	/* multicast group joined on */
	netdevice_tracker joined_tracker;
	struct vrrp_hook *hook;		/* ingress hook user */
	struct net_device *uc;		/* VMAC added as secondary unicast */
	netdevice_tracker uc_tracker;
	struct net_device *vif;		/* macvlan vif we created */
	netdevice_tracker vif_tracker;
	struct net_device *dev;		/* VIPs went there (vif or device) */
	netdevice_tracker dev_tracker;
	struct net_device *rdev;	/* routes went there (the VR's device) */
	netdevice_tracker rdev_tracker;
	struct vrrp_cfg *cfg;		/* what is installed there */
	u32 gen;			/* for vr->master_gen: which term */
	u32 rtable;			/* routes went in: the VRF's or main */
	bool guarded;			/* counted in vn->n_guard */
};

struct vrrp_vr {
	struct hlist_node hnode;	/* vn table, while attached */
	struct list_head dnode;		/* vn->detached, while detached */
	struct rcu_head rcu;
	refcount_t ref;
	struct vrrp_net *vn;
	struct net *net;	/* not counted: a VR never outlives its netns */

	/* key: ifindex is 0 while the device is gone (detached) */
	int ifindex;
	u8 family;
	u8 vrid;
	u8 state;		/* fsm.state, for lockless readers */
	bool dead;		/* deleted: set once, under lock */
	char ifname[IFNAMSIZ];	/* the device's name when it went away */

	spinlock_t lock;		/* fsm, cfg, counters, timers */
	struct vrrp_cfg __rcu *cfg;
	struct net_device *dev;		/* held; changes under RTNL + lock */
	netdevice_tracker dev_tracker;

	struct vrrp_fsm fsm;
	u32 master_gen;			/* +1 each time the VR becomes Master */
	u8 track_loss;			/* priority lost to tracked interfaces */
	bool track_fault;
	u8 garp_left;
	bool csum_rfc;			/* v3 IPv4: sending the RFC 9568 form */
	struct hrtimer timer;		/* fsm.timer: Adver_ or Master_Down_Timer */
	struct hrtimer garp_timer;
	int cpu;			/* where a Master's Adver_Timer runs */
	struct work_struct home_work;	/* arms it there (engine.c) */
	struct vrrp_stats stats;
	u8 sync_state;			/* state to propagate to the group */
	u8 sync_old;			/* and the one it left */
	bool sync_pending;
	u32 batch_gen;			/* under vn->lock */

	/* owned by the work (process context) */
	struct work_struct work;
	struct vrrp_inst inst;
	struct list_head inst_node;	/* vn->insts, under RTNL */
};

struct vrrp_gstats {
	atomic64_t checksum_errors;
	atomic64_t version_errors;
	atomic64_t vrid_errors;
	atomic64_t length_errors;
	u64 discontinuity;
};

/* allocated with the first VR of a netns */
struct vrrp_tables {
	struct rcu_head rcu;	/* first: kvfree_rcu() wants it near the top */
	DECLARE_HASHTABLE(vrs, VRRP_HASH_BITS);	/* (ifindex, family, vrid) */
	DECLARE_HASHTABLE(vips, VRRP_HASH_BITS);	/* (address, family) */
};

struct vrrp_net {
	struct net *net;
	struct mutex lock;		/* writers of the table, with RTNL */
	struct vrrp_tables __rcu *t;	/* NULL until the first VR */
	struct list_head detached;	/* VRs whose device went away */
	u32 count;			/* VRs, attached or not */
	u32 gen;			/* bumped on every add/delete (dumps) */
	u32 batch_gen;
	bool dying;			/* the netns goes: nothing to remove */
	struct vrrp_gstats gstats;

	struct mutex setup_lock;	/* vrrp_net_setup() */
	bool set_up;
	struct workqueue_struct *wq;	/* ordered: every work of this netns */
	struct notifier_block netdev_nb;
	struct work_struct sync_work;
	struct list_head hooks;		/* ingress hooks, under RTNL */
	/* VRs whose work may hold devices: until a dead one let all go */
	struct list_head insts;		/* under RTNL */
	struct nf_hook_ops arp_out;	/* VMAC as sender of the stack's ARP */
	bool arp_out_ok;
	struct nf_hook_ops nd_out;	/* the same for IPv6 ND */

	/* owned by the works */
	struct socket *rtnl;		/* kernel NETLINK_ROUTE socket */
	u32 rtnl_seq;
	u32 n_guard;			/* installed VRs with accept mode off */
	bool guard_on;
	struct nf_hook_ops guard[2];	/* LOCAL_IN, IPv4 and IPv6 */
};

extern unsigned int vrrp_net_id;
extern struct genl_family vrrp_genl_family;
extern unsigned int vrrp_max_vrs;
extern unsigned int vrrp_max_vrs_userns;
extern unsigned int vrrp_min_advert_userns;

static inline struct vrrp_net *vrrp_net(const struct net *net)
{
	return net_generic(net, vrrp_net_id);
}

static inline unsigned int vrrp_addr_len(u8 family)
{
	return family == AF_INET ? 4 : 16;
}

static inline int vrrp_wire_family(u8 family)
{
	return family == AF_INET ? VRRP_AF4 : VRRP_AF6;
}

static inline struct vrrp_cfg *vrrp_cfg_locked(struct vrrp_vr *vr)
{
	return rcu_dereference_protected(vr->cfg, lockdep_is_held(&vr->lock) ||
					 refcount_read(&vr->ref) == 0);
}

/* the cfg, for writers of the table (vn->lock held) */
static inline struct vrrp_cfg *vrrp_cfg_vn(struct vrrp_vr *vr)
{
	return rcu_dereference_protected(vr->cfg,
					 lockdep_is_held(&vr->vn->lock));
}

/* v3 IPv4: the one case with two checksum forms */
static inline bool vrrp_csum_forms(const struct vrrp_vr *vr,
				   const struct vrrp_cfg *cfg)
{
	return vr->family == AF_INET && cfg->p.version == 3;
}

/* the form a new or reconfigured VR sends: AUTO starts as PSEUDO */
static inline void vrrp_csum_reset(struct vrrp_vr *vr,
				   const struct vrrp_cfg *cfg)
{
	vr->csum_rfc = cfg->p.v3_csum == VRRP_CSUM_RFC9568;
}

/* a netns not owned by the initial user namespace: stricter limits */
static inline bool vrrp_net_userns(const struct net *net)
{
	return net->user_ns != &init_user_ns;
}

/* netns.c */
int vrrp_net_setup(struct vrrp_net *vn);
void vrrp_net_shutdown(struct vrrp_net *vn);
extern struct pernet_operations vrrp_net_ops;

/* router.c */
struct vrrp_vr *vrrp_vr_lookup_rcu(struct vrrp_net *vn, int ifindex,
				   u8 family, u8 vrid);
struct vrrp_vr *vrrp_vr_find(struct vrrp_net *vn, int ifindex,
			     const char *ifname, u8 family, u8 vrid);
struct vrrp_vr *vrrp_vr_create(struct vrrp_net *vn, struct net_device *dev,
			       u8 family, u8 vrid, struct vrrp_cfg *cfg);
void vrrp_vr_update(struct vrrp_vr *vr, struct vrrp_cfg *cfg);
void vrrp_vr_delete(struct vrrp_vr *vr);
void vrrp_vr_detach(struct vrrp_vr *vr);
bool vrrp_vr_attach(struct vrrp_net *vn, struct net_device *dev);
void vrrp_vr_put(struct vrrp_vr *vr);
bool vrrp_vr_get(struct vrrp_vr *vr);
void vrrp_vr_queue_work(struct vrrp_vr *vr);
bool vrrp_dev_usable(const struct net_device *dev);
struct vrrp_cfg *vrrp_cfg_alloc(u16 n_vips, u16 n_tracks, u16 n_routes,
				u16 n_peers);
void vrrp_cfg_put(struct vrrp_cfg *cfg);
bool vrrp_cfg_equal(const struct vrrp_cfg *a, const struct vrrp_cfg *b);
void vrrp_cfg_defaults(struct vrrp_params *p, u8 family);
void vrrp_cfg_finalize(struct vrrp_cfg *cfg, u8 family, u8 vrid);
bool vrrp_cfg_has_addr(const struct vrrp_cfg *cfg, u8 family,
		       const void *addr);
void vrrp_ll_from_vmac(u8 vrid, struct in6_addr *ll);
void vrrp_stats_reset(struct vrrp_stats *st);
u64 vrrp_now_real(void);

static inline struct vrrp_tables *vrrp_tables_vn(struct vrrp_net *vn)
{
	return rcu_dereference_protected(vn->t, lockdep_is_held(&vn->lock));
}

/* every attached VR, under vn->lock (after vrrp_net_setup()) */
#define vrrp_for_each_vr(vn, bkt, tmp, vr)				\
	hash_for_each_safe(vrrp_tables_vn(vn)->vrs, bkt, tmp, vr, hnode)

/* engine.c: the state machine's caller; all under vr->lock */
void vrrp_engine_init(struct vrrp_vr *vr);
void vrrp_engine_cancel(struct vrrp_vr *vr);
void vrrp_engine_recheck(struct vrrp_vr *vr, u8 reason);
void vrrp_engine_stop(struct vrrp_vr *vr, const struct vrrp_cfg *cfg,
		      u8 reason);
bool vrrp_engine_restarts(const struct vrrp_cfg *old,
			  const struct vrrp_cfg *cfg);
void vrrp_engine_reconfig(struct vrrp_vr *vr, struct vrrp_cfg *old);
void vrrp_engine_rx(struct vrrp_vr *vr, struct vrrp_cfg *cfg, u8 prio,
		    u16 interval_cs, const union vrrp_addr *saddr);
void vrrp_engine_sync_to(struct vrrp_vr *vr, u8 old, u8 state);
u8 vrrp_engine_priority(const struct vrrp_vr *vr, const struct vrrp_cfg *cfg);
void vrrp_engine_fsm_cfg(const struct vrrp_cfg *cfg, struct vrrp_fsm_cfg *c);

/* tx.c */
int vrrp_tx_advert(struct vrrp_vr *vr, const struct vrrp_cfg *cfg, u8 prio);
void vrrp_tx_garps(struct vrrp_vr *vr, const struct vrrp_cfg *cfg);
void vrrp_vmac(u8 family, u8 vrid, u8 *mac);
bool vrrp_tx_primary(struct vrrp_vr *vr, const struct vrrp_cfg *cfg,
		     union vrrp_addr *out);
int vrrp_tx_na(struct net_device *dev, const u8 *mac,
	       const struct in6_addr *saddr, const struct in6_addr *daddr,
	       const struct in6_addr *target, bool solicited, const u8 *dmac);

/* rx.c */
int vrrp_rx_init(void);
void vrrp_rx_exit(void);
bool vrrp_rx_behind(void);
int vrrp_rx_join(u8 family, struct net_device *dev);
void vrrp_rx_leave(u8 family, struct net_device *dev);

/* install.c */
void vrrp_vr_work(struct work_struct *work);
void vrrp_inst_dev_gone(struct vrrp_vr *vr, struct net_device *dev);
bool vrrp_inst_empty(const struct vrrp_inst *inst);

/* rtnl.c */
struct vrrp_rtnl_batch;
struct vrrp_rtnl_batch *vrrp_rtnl_begin(struct vrrp_net *vn);
void vrrp_rtnl_addr(struct vrrp_rtnl_batch *b, int cmd, u8 family,
		    int ifindex, const struct vrrp_vip *vip, bool ll, u8 *res);
void vrrp_rtnl_route(struct vrrp_rtnl_batch *b, int cmd, u8 family,
		     int ifindex, u32 table, const struct vrrp_route *r,
		     u8 *res);
int vrrp_rtnl_end(struct vrrp_rtnl_batch *b);
int vrrp_rtnl_link(struct vrrp_net *vn, int cmd, int ifindex,
		   const char *name, const u8 *mac);
void vrrp_rtnl_close(struct vrrp_net *vn);

/* vip.c: the VIP index and the accept-mode guard */
void vrrp_vip_index(struct vrrp_vr *vr, struct vrrp_cfg *cfg);
void vrrp_vip_unindex(struct vrrp_vr *vr, struct vrrp_cfg *cfg);
struct vrrp_vr *vrrp_vip_lookup(struct vrrp_net *vn, int ifindex, u8 family,
				const void *addr);
void vrrp_guard_get(struct vrrp_net *vn);
void vrrp_guard_put(struct vrrp_net *vn);
void vrrp_guard_exit(struct vrrp_net *vn);

/* vmac.c */
bool vrrp_vmac_used(const struct vrrp_cfg *cfg);
int vrrp_vmac_net_init(struct vrrp_net *vn);
void vrrp_vmac_net_exit(struct vrrp_net *vn);
struct vrrp_hook *vrrp_hook_get(struct vrrp_net *vn, struct net_device *dev);
void vrrp_hook_put(struct vrrp_net *vn, struct vrrp_hook *h);
struct net_device *vrrp_hook_dev(const struct vrrp_hook *h);
void vrrp_hook_dev_gone(struct vrrp_net *vn, struct net_device *dev);
bool vrrp_vif_available(void);
void vrrp_vif_release(void);

/* track.c */
int vrrp_track_register(struct vrrp_net *vn);
void vrrp_track_unregister(struct vrrp_net *vn);
u8 vrrp_track_loss(struct vrrp_vr *vr, const struct vrrp_cfg *cfg,
		   bool *fault);
void vrrp_sync_work(struct work_struct *work);
void vrrp_sync_kick(struct vrrp_vr *vr, u8 old);
void vrrp_sync_release(struct vrrp_net *vn, u32 group);

/* netlink.c */
int vrrp_genl_init(void);
void vrrp_genl_exit(void);
void vrrp_nl_event(struct vrrp_vr *vr, u8 old_state, u8 reason);

#endif /* _VRRP_CORE_H */
