/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vrrp: the RFC 9568 / RFC 3768 state machine, as a pure function.
 *
 * vrrp_fsm_step() takes one event and the VR's protocol state and returns
 * the new state plus a set of actions (send an advertisement, send the
 * priority 0 goodbye, start the GARP sequence, start or stop the timer,
 * report a transition). It sends nothing, takes no lock, reads no clock
 * and touches no device: the caller (engine.c in the module, the unit
 * tests in userspace) does all of that. Like wire.c, this file builds both
 * into vrrp.ko and into selftests/unit/fsm.
 *
 * Names follow RFC 9568 section 6: Priority, Advertisement_Interval,
 * Master_Adver_Interval (Active_Adver_Interval in RFC 9568), Skew_Time,
 * Master_Down_Interval, and the two timers, Adver_Timer (runs in Master)
 * and Master_Down_Timer (runs in Backup). Only one of them runs at a time,
 * so the caller needs one timer: vrrp_fsm.timer says which one it is.
 */
#ifndef _VRRP_FSM_H
#define _VRRP_FSM_H

#include "wire.h"
#include <linux/vrrp.h>

#define VRRP_OWNER_PRIORITY	255
#define VRRP_CS_NS		10000000ULL	/* one centisecond */

/* The events of RFC 9568 6.4, plus the administrative ones. */
enum vrrp_fsm_event {
	VRRP_EV_STARTUP,	/* 6.4.1: interface and VR up (in->prio, in->reason) */
	VRRP_EV_SHUTDOWN,	/* 6.4.2/6.4.3: interface or VR down (in->reason) */
	VRRP_EV_ADVER_TIMER,	/* 6.4.3: Adver_Timer fired */
	VRRP_EV_MASTER_DOWN_TIMER, /* 6.4.2: Master_Down_Timer fired */
	VRRP_EV_ADVERT,		/* a valid ADVERTISEMENT (in->prio/interval/saddr/mine) */
	VRRP_EV_PRIORITY,	/* our Priority changed (tracking, config): in->prio */
	VRRP_EV_FORCE,		/* cfg->force changed */
	VRRP_EV_SYNC,		/* a sync group member went sync_old -> sync_state */
	VRRP_EV_CONFIG,		/* Advertisement_Interval or preempt changed */
	__VRRP_EV_MAX
};

enum vrrp_fsm_timer {
	VRRP_TIMER_NONE,
	VRRP_TIMER_ADVER,	/* Adver_Timer */
	VRRP_TIMER_MASTER_DOWN,	/* Master_Down_Timer */
};

/* actions, in the order the caller performs them */
#define VRRP_ACT_GOODBYE	0x01	/* send an ADVERTISEMENT with priority 0 */
#define VRRP_ACT_STATE		0x02	/* state changed: out->old_state -> f->state */
#define VRRP_ACT_ADVERT		0x04	/* send an ADVERTISEMENT with f->priority */
#define VRRP_ACT_GARP		0x08	/* start the gratuitous ARP / NA sequence */
#define VRRP_ACT_GARP_STOP	0x10	/* stop it */
#define VRRP_ACT_TIMER		0x20	/* (re)start f->timer to fire in out->timer_ns */
#define VRRP_ACT_TIMER_STOP	0x40	/* stop the timer */
#define VRRP_ACT_OWNER_CONFLICT	0x80	/* another router claims priority 255 */

/* The configuration the state machine reads. */
struct vrrp_fsm_cfg {
	u8 version;		/* 2 or 3 */
	u8 preempt;		/* Preempt_Mode */
	u8 force;		/* enum vrrp_force */
	u16 advert_int;		/* Advertisement_Interval, centiseconds */
	u32 preempt_delay;	/* ms a lower-priority Master is tolerated */
};

/* Protocol state of one VR. Zeroed, it is Initialize. */
struct vrrp_fsm {
	u8 state;		/* enum vrrp_state */
	u8 priority;		/* Priority: configured, less what tracking took */
	u8 reason;		/* enum vrrp_reason of the last transition */
	u8 down_reason;		/* what the Master_Down_Timer firing means */
	u8 timer;		/* enum vrrp_fsm_timer: the one running */
	u8 new_master_reason;	/* RFC 6527, kept after leaving Master */
	bool sync_hold;		/* following a sync group: no takeover */
	bool preempt_pending;	/* a lower-priority Master seen since ... */
	u16 master_adv_int;	/* Master_Adver_Interval, centiseconds */
	u64 timer_start;	/* ns: when the running timer was started */
	u64 timer_len;		/* ns: its full length */
	u64 preempt_since;	/* ns */
	u64 last_reply;		/* ns: last immediate answer to an advert */
	u64 down_grace;		/* ns the Master_Down_Timer was extended by */
	u8 master_addr[16];	/* the Master's address (ours: set by the caller) */
};

struct vrrp_fsm_in {
	u8 event;		/* enum vrrp_fsm_event */
	u8 reason;		/* STARTUP, SHUTDOWN: enum vrrp_reason */
	u8 prio;		/* ADVERT: its Priority; STARTUP, PRIORITY: ours */
	u8 sync_old;		/* SYNC */
	u8 sync_state;		/* SYNC */
	u8 alen;		/* ADVERT: address length, 4 or 16 */
	u16 interval;		/* ADVERT: its Max Adver Int, centiseconds */
	const u8 *saddr;	/* ADVERT: its IP source address */
	const u8 *mine;		/* ADVERT: our primary address, or NULL */
	bool rx_behind;		/* MASTER_DOWN_TIMER: received packets wait */
	u32 spread;		/* random: cuts a new Master's first period */
	u64 now;		/* monotonic ns */
};

struct vrrp_fsm_out {
	u8 act;			/* VRRP_ACT_* */
	u8 old_state;		/* with VRRP_ACT_STATE */
	u64 timer_ns;		/* with VRRP_ACT_TIMER: from now */
};

void vrrp_fsm_step(struct vrrp_fsm *f, const struct vrrp_fsm_cfg *c,
		   const struct vrrp_fsm_in *in, struct vrrp_fsm_out *out);

/* Skew_Time and Master_Down_Interval in ns for @f's Priority */
u64 vrrp_fsm_skew(const struct vrrp_fsm *f, const struct vrrp_fsm_cfg *c,
		  u16 interval_cs);
u64 vrrp_fsm_master_down(const struct vrrp_fsm *f,
			 const struct vrrp_fsm_cfg *c, u16 interval_cs);

const char *vrrp_fsm_event_name(u8 event);

#endif /* _VRRP_FSM_H */
