// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: the RFC 9568 / RFC 3768 state machine, as a pure function. See
 * fsm.h for the contract; the section numbers below are RFC 9568's.
 */
#include "fsm.h"

#ifdef __KERNEL__
#include <linux/math64.h>
#include <linux/string.h>
#define vrrp_div(a, b)	div64_u64(a, b)
#else
#include <string.h>
#define vrrp_div(a, b)	((a) / (b))
#endif

static const char * const vrrp_fsm_event_names[__VRRP_EV_MAX] = {
	[VRRP_EV_STARTUP]		= "startup",
	[VRRP_EV_SHUTDOWN]		= "shutdown",
	[VRRP_EV_ADVER_TIMER]		= "adver_timer",
	[VRRP_EV_MASTER_DOWN_TIMER]	= "master_down_timer",
	[VRRP_EV_ADVERT]		= "advert",
	[VRRP_EV_PRIORITY]		= "priority",
	[VRRP_EV_FORCE]			= "force",
	[VRRP_EV_SYNC]			= "sync",
	[VRRP_EV_CONFIG]		= "config",
};

const char *vrrp_fsm_event_name(u8 event)
{
	return event < __VRRP_EV_MAX ? vrrp_fsm_event_names[event] : "?";
}

/*
 * 6.1: Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256.
 * RFC 3768 (v2) has no interval in it: (256 - Priority) / 256 seconds.
 */
u64 vrrp_fsm_skew(const struct vrrp_fsm *f, const struct vrrp_fsm_cfg *c,
		  u16 interval_cs)
{
	u64 part = 256 - f->priority;

	if (c->version == 2)
		return vrrp_div(part * 100 * VRRP_CS_NS, 256);
	return vrrp_div(part * interval_cs * VRRP_CS_NS, 256);
}

/* 6.1: Master_Down_Interval = (3 * Master_Adver_Interval) + Skew_Time */
u64 vrrp_fsm_master_down(const struct vrrp_fsm *f,
			 const struct vrrp_fsm_cfg *c, u16 interval_cs)
{
	return 3 * (u64)interval_cs * VRRP_CS_NS +
	       vrrp_fsm_skew(f, c, interval_cs);
}

static void vrrp_arm(struct vrrp_fsm *f, const struct vrrp_fsm_in *in,
		     struct vrrp_fsm_out *out, u8 timer, u64 ns)
{
	f->down_grace = 0;
	f->timer = timer;
	f->timer_start = in->now;
	f->timer_len = ns;
	out->act |= VRRP_ACT_TIMER;
	out->act &= ~VRRP_ACT_TIMER_STOP;
	out->timer_ns = ns;
}

/* the Adver_Timer again, from the end of the period that just ended */
static void vrrp_arm_next(struct vrrp_fsm *f, const struct vrrp_fsm_in *in,
			  struct vrrp_fsm_out *out, u64 len)
{
	u64 due = f->timer_start + f->timer_len;

	/* late by a whole period or more (or never armed): from now */
	if (due > in->now || in->now - due >= len) {
		vrrp_arm(f, in, out, VRRP_TIMER_ADVER, len);
		return;
	}
	vrrp_arm(f, in, out, VRRP_TIMER_ADVER, due + len - in->now);
	f->timer_start = due;
	f->timer_len = len;
}

/* the running timer takes a new length, counted from when it started */
static void vrrp_rearm(struct vrrp_fsm *f, const struct vrrp_fsm_in *in,
		       struct vrrp_fsm_out *out, u64 len)
{
	u64 start = f->timer_start, end = start + len;

	if (len == f->timer_len)
		return;
	vrrp_arm(f, in, out, f->timer, end > in->now ? end - in->now : 0);
	f->timer_start = start;
	f->timer_len = len;
}

static void vrrp_stop_timer(struct vrrp_fsm *f, struct vrrp_fsm_out *out)
{
	f->timer = VRRP_TIMER_NONE;
	out->act |= VRRP_ACT_TIMER_STOP;
	out->act &= ~VRRP_ACT_TIMER;
}

static void vrrp_set_state(struct vrrp_fsm *f, struct vrrp_fsm_out *out,
			   u8 state, u8 reason)
{
	if (f->state == state)
		return;
	if (!(out->act & VRRP_ACT_STATE))
		out->old_state = f->state;
	out->act |= VRRP_ACT_STATE;
	f->state = state;
	f->reason = reason;
}

/*
 * RFC 6527 vrrpv3StatisticsNewMasterReason for a transition to Master. The
 * MIB names the values without defining them: priority(1) when our
 * priority made us Master (the owner, or the Master resigned with priority
 * 0), preempted(2) when we took over from a Master that may still be
 * there (preemption, forced, sync group), masterNoResponse(3) when the
 * Master_Down_Timer ran out.
 */
static u8 vrrp_nmr(u8 reason)
{
	switch (reason) {
	case VRRP_REASON_OWNER:
	case VRRP_REASON_PRIORITY_ZERO:
		return VRRP_NMR_PRIORITY;
	case VRRP_REASON_PREEMPT:
	case VRRP_REASON_FORCED:
	case VRRP_REASON_SYNC_GROUP:
		return VRRP_NMR_PREEMPTED;
	default:
		return VRRP_NMR_MASTER_NO_RESPONSE;
	}
}

/*
 * 6.4.1 / 6.4.2: send an ADVERTISEMENT, broadcast gratuitous ARP (NA),
 * start the Adver_Timer and transition to Master.
 */
static void vrrp_to_master(struct vrrp_fsm *f, const struct vrrp_fsm_cfg *c,
			   const struct vrrp_fsm_in *in,
			   struct vrrp_fsm_out *out, u8 reason)
{
	u64 len = (u64)c->advert_int * VRRP_CS_NS;

	out->act |= VRRP_ACT_ADVERT | VRRP_ACT_GARP;
	out->act &= ~VRRP_ACT_GARP_STOP;
	/*
	 * The first period is cut at a random point (in->spread): VRs that
	 * start or take over together (a config load, a failover of many)
	 * would otherwise advertise together forever after, in bursts that
	 * queue up behind each other in the softirq and the backlogs.
	 * Sooner than the Advertisement_Interval is harmless to the Backups.
	 */
	len -= ((len >> 10) * in->spread) >> 22;
	vrrp_arm(f, in, out, VRRP_TIMER_ADVER, len);
	vrrp_set_state(f, out, VRRP_STATE_MASTER, reason);
	f->new_master_reason = vrrp_nmr(reason);
	f->preempt_pending = false;
	f->down_reason = VRRP_REASON_NONE;
	memset(f->master_addr, 0, sizeof(f->master_addr));
}

/* start the Master_Down_Timer and transition to Backup */
static void vrrp_to_backup(struct vrrp_fsm *f, const struct vrrp_fsm_cfg *c,
			   const struct vrrp_fsm_in *in,
			   struct vrrp_fsm_out *out, u8 reason)
{
	if (f->state == VRRP_STATE_MASTER) {
		out->act |= VRRP_ACT_GARP_STOP;
		out->act &= ~VRRP_ACT_GARP;
	}
	vrrp_arm(f, in, out, VRRP_TIMER_MASTER_DOWN,
		 vrrp_fsm_master_down(f, c, f->master_adv_int));
	vrrp_set_state(f, out, VRRP_STATE_BACKUP, reason);
	if (f->down_reason == VRRP_REASON_NONE)
		f->down_reason = VRRP_REASON_MASTER_DOWN;
}

/* 6.4.1: the Startup event */
static void vrrp_startup(struct vrrp_fsm *f, const struct vrrp_fsm_cfg *c,
			 const struct vrrp_fsm_in *in, struct vrrp_fsm_out *out)
{
	if (f->state != VRRP_STATE_INIT)
		return;
	f->priority = in->prio;
	f->master_adv_int = c->advert_int;
	f->sync_hold = false;
	f->preempt_pending = false;
	f->down_reason = VRRP_REASON_NONE;
	f->last_reply = 0;
	memset(f->master_addr, 0, sizeof(f->master_addr));

	if (c->force == VRRP_FORCE_MASTER)
		vrrp_to_master(f, c, in, out, VRRP_REASON_FORCED);
	else if (c->force == VRRP_FORCE_BACKUP)
		vrrp_to_backup(f, c, in, out, VRRP_REASON_FORCED);
	else if (f->priority == VRRP_OWNER_PRIORITY)
		vrrp_to_master(f, c, in, out, VRRP_REASON_OWNER);
	else
		vrrp_to_backup(f, c, in, out, in->reason);
}

/* 6.4.2 / 6.4.3: the Shutdown event; a Master says goodbye first */
static void vrrp_shutdown(struct vrrp_fsm *f, const struct vrrp_fsm_in *in,
			  struct vrrp_fsm_out *out)
{
	if (f->state == VRRP_STATE_INIT)
		return;
	if (f->state == VRRP_STATE_MASTER)
		out->act |= VRRP_ACT_GOODBYE | VRRP_ACT_GARP_STOP;
	vrrp_stop_timer(f, out);
	vrrp_set_state(f, out, VRRP_STATE_INIT, in->reason);
	f->preempt_pending = false;
	f->sync_hold = false;
}

/* the answer a Master owes an advert, at most once per half interval */
static void vrrp_reply(struct vrrp_fsm *f, const struct vrrp_fsm_cfg *c,
		       const struct vrrp_fsm_in *in, struct vrrp_fsm_out *out)
{
	u64 gap = (u64)c->advert_int * VRRP_CS_NS / 2;

	if (f->last_reply && in->now - f->last_reply < gap)
		return;
	f->last_reply = in->now;
	out->act |= VRRP_ACT_ADVERT;
	vrrp_arm(f, in, out, VRRP_TIMER_ADVER,
		 (u64)c->advert_int * VRRP_CS_NS);
}

static int vrrp_addr_cmp(const struct vrrp_fsm_in *in)
{
	static const u8 zero[16];

	return memcmp(in->saddr, in->mine ? in->mine : zero, in->alen);
}

/* 6.4.2: an ADVERTISEMENT received in Backup */
static void vrrp_backup_rx(struct vrrp_fsm *f, const struct vrrp_fsm_cfg *c,
			   const struct vrrp_fsm_in *in,
			   struct vrrp_fsm_out *out)
{
	if (!in->prio) {
		/* the Master resigned: take over after Skew_Time */
		f->down_reason = VRRP_REASON_PRIORITY_ZERO;
		vrrp_arm(f, in, out, VRRP_TIMER_MASTER_DOWN,
			 vrrp_fsm_skew(f, c, f->master_adv_int));
		return;
	}
	if (c->preempt && in->prio < f->priority &&
	    c->force != VRRP_FORCE_BACKUP && !f->sync_hold) {
		/*
		 * Preempt_Mode and a lower-priority Master: discard it, so
		 * that the Master_Down_Timer runs out (after preempt_delay).
		 */
		if (!f->preempt_pending) {
			f->preempt_pending = true;
			f->preempt_since = in->now;
		}
		if (!c->preempt_delay ||
		    in->now - f->preempt_since >=
		    (u64)c->preempt_delay * 1000000) {
			f->down_reason = VRRP_REASON_PREEMPT;
			return;
		}
	} else {
		f->preempt_pending = false;
	}
	/* v3: learn Master_Adver_Interval; then reset the timer */
	if (c->version == 3)
		f->master_adv_int = in->interval;
	memcpy(f->master_addr, in->saddr, in->alen);
	f->down_reason = VRRP_REASON_MASTER_DOWN;
	vrrp_arm(f, in, out, VRRP_TIMER_MASTER_DOWN,
		 vrrp_fsm_master_down(f, c, f->master_adv_int));
}

/* 6.4.3: an ADVERTISEMENT received in Master */
static void vrrp_master_rx(struct vrrp_fsm *f, const struct vrrp_fsm_cfg *c,
			   const struct vrrp_fsm_in *in,
			   struct vrrp_fsm_out *out)
{
	bool better;

	if (!in->prio) {
		/* a Backup shut down: tell it who is Master, at once */
		vrrp_reply(f, c, in, out);
		return;
	}
	better = in->prio > f->priority ||
		 (in->prio == f->priority && vrrp_addr_cmp(in) > 0);
	if (better && c->force != VRRP_FORCE_MASTER) {
		if (c->version == 3)
			f->master_adv_int = in->interval;
		memcpy(f->master_addr, in->saddr, in->alen);
		f->down_reason = VRRP_REASON_MASTER_DOWN;
		vrrp_to_backup(f, c, in, out, VRRP_REASON_PREEMPTED);
		return;
	}
	/*
	 * RFC 9568: a lower priority (or an equal one from a lower address)
	 * is answered at once, so that the other Master steps down now and
	 * learning bridges see us. RFC 3768 discards it. Not when forced: a
	 * better Master that we ignore answers too, in a loop.
	 */
	if (c->version == 3 && c->force != VRRP_FORCE_MASTER)
		vrrp_reply(f, c, in, out);
}

/* Priority changed (tracking, configuration) */
static void vrrp_priority(struct vrrp_fsm *f, const struct vrrp_fsm_cfg *c,
			  const struct vrrp_fsm_in *in,
			  struct vrrp_fsm_out *out)
{
	if (f->state == VRRP_STATE_INIT || in->prio == f->priority)
		return;
	f->priority = in->prio;
	if (f->state == VRRP_STATE_MASTER) {
		/* announce it at once: a better Backup preempts now */
		out->act |= VRRP_ACT_ADVERT;
		vrrp_arm(f, in, out, VRRP_TIMER_ADVER,
			 (u64)c->advert_int * VRRP_CS_NS);
		return;
	}
	if (f->priority == VRRP_OWNER_PRIORITY &&
	    c->force != VRRP_FORCE_BACKUP) {
		vrrp_to_master(f, c, in, out, VRRP_REASON_OWNER);
		return;
	}
	/* Skew_Time depends on Priority: the running timer follows */
	if (f->down_reason == VRRP_REASON_PRIORITY_ZERO)
		vrrp_rearm(f, in, out, vrrp_fsm_skew(f, c, f->master_adv_int));
	else
		vrrp_rearm(f, in, out,
			   vrrp_fsm_master_down(f, c, f->master_adv_int));
}

/* the administrator forced a state, or released it */
static void vrrp_force(struct vrrp_fsm *f, const struct vrrp_fsm_cfg *c,
		       const struct vrrp_fsm_in *in, struct vrrp_fsm_out *out)
{
	if (c->force == VRRP_FORCE_MASTER && f->state == VRRP_STATE_BACKUP) {
		vrrp_to_master(f, c, in, out, VRRP_REASON_FORCED);
	} else if (c->force == VRRP_FORCE_BACKUP &&
		   f->state == VRRP_STATE_MASTER) {
		out->act |= VRRP_ACT_GOODBYE;
		f->master_adv_int = c->advert_int;
		vrrp_to_backup(f, c, in, out, VRRP_REASON_FORCED);
	}
}

/*
 * Follow a sync group member that went from @sync_old to @sync_state on
 * its own. Its becoming Master pulls us up. Its failing (Init) or being
 * demoted (Master to Backup) pushes us down and holds us there: we
 * neither preempt nor take over until it comes back. Its starting, or
 * recovering from a failure, into Backup only lifts that hold. A forced
 * VR keeps its state but tracks the hold for when it is released.
 */
static void vrrp_sync(struct vrrp_fsm *f, const struct vrrp_fsm_cfg *c,
		      const struct vrrp_fsm_in *in, struct vrrp_fsm_out *out)
{
	u8 state = in->sync_state;

	if (f->state == VRRP_STATE_INIT)
		return;
	f->sync_hold = state == VRRP_STATE_INIT ||
		       (state == VRRP_STATE_BACKUP &&
			in->sync_old == VRRP_STATE_MASTER);
	if (c->force || (state == VRRP_STATE_BACKUP && !f->sync_hold))
		return;
	if (state == VRRP_STATE_MASTER && f->state == VRRP_STATE_BACKUP) {
		vrrp_to_master(f, c, in, out, VRRP_REASON_SYNC_GROUP);
	} else if (state != VRRP_STATE_MASTER &&
		   f->state == VRRP_STATE_MASTER) {
		out->act |= VRRP_ACT_GOODBYE;
		f->master_adv_int = c->advert_int;
		vrrp_to_backup(f, c, in, out, VRRP_REASON_SYNC_GROUP);
	}
}

/*
 * Advertisement_Interval changed. A Master's Adver_Timer takes the new
 * length. v2 has no Master_Adver_Interval to learn (adverts with another
 * interval are dropped): a Backup's Master_Down_Interval follows ours.
 */
static void vrrp_config(struct vrrp_fsm *f, const struct vrrp_fsm_cfg *c,
			const struct vrrp_fsm_in *in,
			struct vrrp_fsm_out *out)
{
	if (f->state == VRRP_STATE_MASTER) {
		f->master_adv_int = c->advert_int;
		vrrp_rearm(f, in, out, (u64)c->advert_int * VRRP_CS_NS);
	} else if (f->state == VRRP_STATE_BACKUP && c->version == 2 &&
		   f->master_adv_int != c->advert_int) {
		f->master_adv_int = c->advert_int;
		if (f->down_reason == VRRP_REASON_PRIORITY_ZERO)
			vrrp_rearm(f, in, out,
				   vrrp_fsm_skew(f, c, f->master_adv_int));
		else
			vrrp_rearm(f, in, out,
				   vrrp_fsm_master_down(f, c, f->master_adv_int));
	}
}

/*
 * The Master_Down_Timer ran out while received packets still wait to be
 * processed (an overloaded receive path): the adverts that would have
 * reset it may be among them. Taking over now is how an overload turns
 * into a storm of transitions (each one more adverts, GARPs and VIP work
 * for the CPUs that are already behind), so the timer gets another quarter
 * of Master_Adver_Interval, up to one Master_Down_Interval in all; an
 * idle receive path never waits. Not for a priority-0 goodbye: that
 * Master has left.
 */
static bool vrrp_down_defer(struct vrrp_fsm *f, const struct vrrp_fsm_cfg *c,
			    const struct vrrp_fsm_in *in,
			    struct vrrp_fsm_out *out)
{
	u64 step = (u64)f->master_adv_int * VRRP_CS_NS / 4, grace;

	grace = f->down_grace + step;
	if (!in->rx_behind || f->down_reason == VRRP_REASON_PRIORITY_ZERO ||
	    grace > vrrp_fsm_master_down(f, c, f->master_adv_int))
		return false;
	vrrp_arm(f, in, out, VRRP_TIMER_MASTER_DOWN, step);
	f->down_grace = grace;
	return true;
}

void vrrp_fsm_step(struct vrrp_fsm *f, const struct vrrp_fsm_cfg *c,
		   const struct vrrp_fsm_in *in, struct vrrp_fsm_out *out)
{
	out->act = 0;
	out->old_state = f->state;
	out->timer_ns = 0;

	switch (in->event) {
	case VRRP_EV_STARTUP:
		vrrp_startup(f, c, in, out);
		break;
	case VRRP_EV_SHUTDOWN:
		vrrp_shutdown(f, in, out);
		break;
	case VRRP_EV_ADVER_TIMER:
		/*
		 * 6.4.3: send an ADVERTISEMENT, reset the Adver_Timer. The
		 * next period counts from when this one was due, not from
		 * when the timer ran, so that latency does not add up.
		 */
		if (f->state != VRRP_STATE_MASTER)
			break;
		out->act |= VRRP_ACT_ADVERT;
		vrrp_arm_next(f, in, out, (u64)c->advert_int * VRRP_CS_NS);
		break;
	case VRRP_EV_MASTER_DOWN_TIMER:
		/* 6.4.2: the Master is gone, unless we are held Backup */
		if (f->state != VRRP_STATE_BACKUP)
			break;
		if (c->force == VRRP_FORCE_BACKUP || f->sync_hold) {
			vrrp_arm(f, in, out, VRRP_TIMER_MASTER_DOWN,
				 vrrp_fsm_master_down(f, c, f->master_adv_int));
			break;
		}
		if (vrrp_down_defer(f, c, in, out))
			break;
		vrrp_to_master(f, c, in, out, f->down_reason ?
			       f->down_reason : VRRP_REASON_MASTER_DOWN);
		break;
	case VRRP_EV_ADVERT:
		/*
		 * 7.1 (erratum 8298): an address owner that hears another
		 * Master logs it and then processes the advert normally, so
		 * that two owners settle on the higher address.
		 */
		if (f->priority == VRRP_OWNER_PRIORITY &&
		    f->state != VRRP_STATE_INIT)
			out->act |= VRRP_ACT_OWNER_CONFLICT;
		if (f->state == VRRP_STATE_BACKUP)
			vrrp_backup_rx(f, c, in, out);
		else if (f->state == VRRP_STATE_MASTER)
			vrrp_master_rx(f, c, in, out);
		break;
	case VRRP_EV_PRIORITY:
		vrrp_priority(f, c, in, out);
		break;
	case VRRP_EV_FORCE:
		vrrp_force(f, c, in, out);
		break;
	case VRRP_EV_SYNC:
		vrrp_sync(f, c, in, out);
		break;
	case VRRP_EV_CONFIG:
		vrrp_config(f, c, in, out);
		break;
	}
}
