// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: the RFC 9568 / RFC 3768 state machine.
 *
 * Every function here runs with vr->lock held (timers and receive in
 * softirq, configuration with BH disabled), except the timer callbacks
 * themselves, which take it, and vrrp_fsm_cancel_timers().
 */
#include <linux/ktime.h>

#include "core.h"

#define CS_NS	(10 * NSEC_PER_MSEC)

u8 vrrp_fsm_priority(const struct vrrp_vr *vr, const struct vrrp_cfg *cfg)
{
	int prio = cfg->p.priority;

	if (prio == VRRP_OWNER_PRIORITY)
		return prio;
	prio -= vr->track_loss;
	return prio < 1 ? 1 : prio;
}

/* Skew_Time in ns for our priority; v2 does not scale with the interval */
u64 vrrp_fsm_skew_ns(const struct vrrp_vr *vr, u16 interval_cs)
{
	u64 prio_part = 256 - vr->eff_prio;
	const struct vrrp_cfg *cfg = rcu_dereference_raw(vr->cfg);

	if (cfg->p.version == 2)
		return div_u64(prio_part * NSEC_PER_SEC, 256);
	return div_u64(prio_part * interval_cs * CS_NS, 256);
}

u64 vrrp_fsm_master_down_ns(const struct vrrp_vr *vr, u16 interval_cs)
{
	return 3 * (u64)interval_cs * CS_NS + vrrp_fsm_skew_ns(vr, interval_cs);
}

static void vrrp_timer_arm(struct hrtimer *t, u64 ns)
{
	hrtimer_start(t, ns_to_ktime(ns), HRTIMER_MODE_REL_SOFT);
}

static void vrrp_set_state(struct vrrp_vr *vr, u8 state, u8 reason)
{
	u8 old = vr->state;

	if (old == state)
		return;
	vr->state = state;
	vr->last_reason = reason;
	if (state == VRRP_STATE_MASTER)
		vr->stats.master_transitions++;
	vrrp_nl_event(vr, old, reason);
	if (reason != VRRP_REASON_SYNC_GROUP &&
	    rcu_dereference_raw(vr->cfg)->p.sync_group)
		vrrp_sync_kick(vr, old);
	/* VIPs, routes: installed or removed from process context */
	vrrp_vr_queue_work(vr);
}

static void vrrp_become_master(struct vrrp_vr *vr, u8 reason)
{
	struct vrrp_cfg *cfg = vrrp_cfg_locked(vr);

	switch (reason) {
	case VRRP_REASON_OWNER:
		vr->stats.new_master_reason = VRRP_NMR_PRIORITY;
		break;
	case VRRP_REASON_PREEMPT:
		vr->stats.new_master_reason = VRRP_NMR_PREEMPTED;
		break;
	default:
		vr->stats.new_master_reason = VRRP_NMR_MASTER_NO_RESPONSE;
		break;
	}
	vr->preempt_pending = false;
	vrrp_tx_primary(vr, &vr->master_addr);
	vrrp_tx_advert(vr, vr->eff_prio);
	vrrp_set_state(vr, VRRP_STATE_MASTER, reason);
	vrrp_timer_arm(&vr->timer, (u64)cfg->p.advert_int * CS_NS);
	vr->garp_left = cfg->p.garp_repeat;
	if (vr->garp_left) {
		vrrp_tx_garps(vr);
		vr->garp_left--;
	}
	if (vr->garp_left)
		vrrp_timer_arm(&vr->garp_timer,
			       (u64)cfg->p.garp_delay * NSEC_PER_MSEC);
	else if (cfg->p.garp_refresh)
		vrrp_timer_arm(&vr->garp_timer,
			       (u64)cfg->p.garp_refresh * NSEC_PER_MSEC);
}

static void vrrp_become_backup(struct vrrp_vr *vr, u8 reason, u64 down_ns)
{
	hrtimer_try_to_cancel(&vr->garp_timer);
	vrrp_set_state(vr, VRRP_STATE_BACKUP, reason);
	vrrp_timer_arm(&vr->timer, down_ns);
}

void vrrp_fsm_start(struct vrrp_vr *vr, u8 reason)
{
	struct vrrp_cfg *cfg = vrrp_cfg_locked(vr);

	vr->running = true;
	vr->sync_hold = false;
	vr->eff_prio = vrrp_fsm_priority(vr, cfg);
	vr->master_adv_int = cfg->p.advert_int;
	vr->preempt_pending = false;
	memset(&vr->master_addr, 0, sizeof(vr->master_addr));

	if (vr->force == VRRP_FORCE_MASTER) {
		vrrp_become_master(vr, VRRP_REASON_FORCED);
	} else if (vr->force == VRRP_FORCE_BACKUP) {
		vrrp_become_backup(vr, VRRP_REASON_FORCED,
				   vrrp_fsm_master_down_ns(vr, vr->master_adv_int));
	} else if (vr->eff_prio == VRRP_OWNER_PRIORITY) {
		vrrp_become_master(vr, VRRP_REASON_OWNER);
	} else {
		vrrp_become_backup(vr, reason,
				   vrrp_fsm_master_down_ns(vr, vr->master_adv_int));
	}
}

void vrrp_fsm_stop(struct vrrp_vr *vr, u8 reason)
{
	if (!vr->running)
		return;
	if (vr->state == VRRP_STATE_MASTER) {
		vrrp_tx_advert(vr, 0);
		vr->stats.tx_prio_zero++;
	}
	vr->running = false;
	hrtimer_try_to_cancel(&vr->timer);
	hrtimer_try_to_cancel(&vr->garp_timer);
	vrrp_set_state(vr, VRRP_STATE_INIT, reason);
	vr->stats.new_master_reason = VRRP_NMR_NOT_MASTER;
}

static bool vrrp_want_running(struct vrrp_vr *vr, struct vrrp_cfg *cfg)
{
	struct net_device *dev = vr->dev;

	if (vr->dead || !dev || !cfg->p.admin_up)
		return false;
	if (!netif_running(dev) || !netif_carrier_ok(dev))
		return false;
	return !vr->track_fault;
}

/*
 * Re-evaluates link, admin and tracking state: stops or starts the VR,
 * and announces a changed priority.
 */
void vrrp_fsm_recheck(struct vrrp_vr *vr, u8 reason)
{
	struct vrrp_cfg *cfg = vrrp_cfg_locked(vr);
	bool want;
	u8 prio;

	if (vr->dead)
		return;
	vr->track_loss = vrrp_track_loss(vr, cfg, &vr->track_fault);
	want = vrrp_want_running(vr, cfg);
	if (!want) {
		if (vr->running) {
			if (!cfg->p.admin_up)
				reason = VRRP_REASON_ADMIN_DOWN;
			else if (vr->track_fault)
				reason = VRRP_REASON_TRACK;
			else if (reason == VRRP_REASON_STARTUP ||
				 reason == VRRP_REASON_LINK_UP)
				reason = VRRP_REASON_LINK_DOWN;
			vrrp_fsm_stop(vr, reason);
		}
		return;
	}
	if (!vr->running) {
		vrrp_fsm_start(vr, reason);
		return;
	}
	prio = vrrp_fsm_priority(vr, cfg);
	if (prio == vr->eff_prio)
		return;
	vr->eff_prio = prio;
	if (vr->state == VRRP_STATE_MASTER) {
		/* let a better backup preempt us at once */
		vrrp_tx_advert(vr, prio);
		vrrp_timer_arm(&vr->timer, (u64)cfg->p.advert_int * CS_NS);
	} else if (prio == VRRP_OWNER_PRIORITY &&
		   vr->force != VRRP_FORCE_BACKUP) {
		vrrp_become_master(vr, VRRP_REASON_OWNER);
	}
}

void vrrp_fsm_reconfig(struct vrrp_vr *vr, struct vrrp_cfg *old)
{
	struct vrrp_cfg *cfg = vrrp_cfg_locked(vr);
	bool restart;

	restart = old->p.version != cfg->p.version ||
		  old->p.vmac_mode != cfg->p.vmac_mode ||
		  strcmp(old->p.vifname, cfg->p.vifname) ||
		  old->n_peers != cfg->n_peers;
	if (restart && vr->running)
		vrrp_fsm_stop(vr, VRRP_REASON_CONFIG);

	if (vr->force != cfg->p.force) {
		vr->force = cfg->p.force;
		if (vr->running) {
			if (vr->force == VRRP_FORCE_MASTER &&
			    vr->state != VRRP_STATE_MASTER)
				vrrp_become_master(vr, VRRP_REASON_FORCED);
			else if (vr->force == VRRP_FORCE_BACKUP &&
				 vr->state == VRRP_STATE_MASTER) {
				vrrp_tx_advert(vr, 0);
				vr->stats.tx_prio_zero++;
				vrrp_become_backup(vr, VRRP_REASON_FORCED,
						   vrrp_fsm_master_down_ns(vr, cfg->p.advert_int));
			}
		}
	}
	vrrp_fsm_recheck(vr, VRRP_REASON_CONFIG);
	if (vr->running && vr->state == VRRP_STATE_MASTER &&
	    (old->n_vips != cfg->n_vips ||
	     memcmp(old->vips, cfg->vips, cfg->n_vips * sizeof(*cfg->vips)))) {
		vrrp_tx_advert(vr, vr->eff_prio);
		vrrp_tx_garps(vr);
	}
	/* a new refresh period applies now, not after the old one */
	if (vr->running && vr->state == VRRP_STATE_MASTER && !vr->garp_left &&
	    old->p.garp_refresh != cfg->p.garp_refresh) {
		hrtimer_try_to_cancel(&vr->garp_timer);
		if (cfg->p.garp_refresh)
			vrrp_timer_arm(&vr->garp_timer,
				       (u64)cfg->p.garp_refresh * NSEC_PER_MSEC);
	}
}

/* the IP source of an advert against our primary address, as numbers */
static int vrrp_addr_cmp(u8 family, const union vrrp_addr *a,
			 const union vrrp_addr *b)
{
	return memcmp(a->b, b->b, vrrp_addr_len(family));
}

/* A valid advert for this VR (already checked and authenticated). */
void vrrp_fsm_rx(struct vrrp_vr *vr, u8 prio, u16 interval_cs,
		 const union vrrp_addr *saddr)
{
	struct vrrp_cfg *cfg = vrrp_cfg_locked(vr);
	union vrrp_addr mine;

	vr->stats.rx_adverts++;
	if (!prio)
		vr->stats.rx_prio_zero++;
	if (!vr->running)
		return;

	if (vr->state == VRRP_STATE_BACKUP) {
		if (!prio) {
			vr->down_reason = VRRP_REASON_PRIORITY_ZERO;
			vrrp_timer_arm(&vr->timer,
				       vrrp_fsm_skew_ns(vr, vr->master_adv_int));
			return;
		}
		if (cfg->p.preempt && prio < vr->eff_prio &&
		    vr->force != VRRP_FORCE_BACKUP && !vr->sync_hold) {
			/* a lower master: let the down timer run out */
			if (!vr->preempt_pending) {
				vr->preempt_pending = true;
				vr->preempt_since = ktime_get();
			}
			if (!cfg->p.preempt_delay ||
			    ktime_ms_delta(ktime_get(), vr->preempt_since) >=
			    cfg->p.preempt_delay) {
				vr->down_reason = VRRP_REASON_PREEMPT;
				return;
			}
		} else {
			vr->preempt_pending = false;
		}
		if (cfg->p.version == 3)
			vr->master_adv_int = interval_cs;
		vr->master_addr = *saddr;
		vr->down_reason = VRRP_REASON_MASTER_DOWN;
		vrrp_timer_arm(&vr->timer,
			       vrrp_fsm_master_down_ns(vr, vr->master_adv_int));
		return;
	}

	if (vr->state != VRRP_STATE_MASTER)
		return;
	if (!prio) {
		vrrp_tx_advert(vr, vr->eff_prio);
		vrrp_timer_arm(&vr->timer, (u64)cfg->p.advert_int * CS_NS);
		return;
	}
	if (!vrrp_tx_primary(vr, &mine))
		memset(&mine, 0, sizeof(mine));
	if (vr->force != VRRP_FORCE_MASTER &&
	    (prio > vr->eff_prio ||
	     (prio == vr->eff_prio &&
	      vrrp_addr_cmp(vr->family, saddr, &mine) > 0))) {
		if (cfg->p.version == 3)
			vr->master_adv_int = interval_cs;
		vr->master_addr = *saddr;
		vr->down_reason = VRRP_REASON_MASTER_DOWN;
		vrrp_become_backup(vr, VRRP_REASON_PREEMPTED,
				   vrrp_fsm_master_down_ns(vr, vr->master_adv_int));
		return;
	}
	/*
	 * RFC 9568: tell a lower-priority master at once. Not when forced:
	 * a better master that we ignore would answer too, in a loop.
	 */
	if (vr->force == VRRP_FORCE_MASTER)
		return;
	vrrp_tx_advert(vr, vr->eff_prio);
	vrrp_timer_arm(&vr->timer, (u64)cfg->p.advert_int * CS_NS);
}

/*
 * Follow a sync group member that went from @old to @state on its own.
 * Its becoming Master pulls the others up. Its failing (Init) or being
 * demoted (Master to Backup) pushes them down and holds them there: they
 * neither preempt nor take over until it comes back. Its starting, or
 * recovering from a failure, into Backup only lifts that hold. A forced
 * member keeps its state but tracks the hold for when it is released.
 */
void vrrp_fsm_sync_to(struct vrrp_vr *vr, u8 old, u8 state)
{
	struct vrrp_cfg *cfg;

	spin_lock_bh(&vr->lock);
	cfg = vrrp_cfg_locked(vr);
	if (vr->running) {
		vr->sync_hold = state == VRRP_STATE_INIT ||
				(state == VRRP_STATE_BACKUP &&
				 old == VRRP_STATE_MASTER);
		if (vr->force || (state == VRRP_STATE_BACKUP && !vr->sync_hold))
			goto out;
		if (state == VRRP_STATE_MASTER &&
		    vr->state == VRRP_STATE_BACKUP) {
			vrrp_become_master(vr, VRRP_REASON_SYNC_GROUP);
		} else if (state != VRRP_STATE_MASTER &&
			   vr->state == VRRP_STATE_MASTER) {
			vrrp_tx_advert(vr, 0);
			vr->stats.tx_prio_zero++;
			vrrp_become_backup(vr, VRRP_REASON_SYNC_GROUP,
					   vrrp_fsm_master_down_ns(vr, cfg->p.advert_int));
		}
	}
out:
	spin_unlock_bh(&vr->lock);
}

static enum hrtimer_restart vrrp_timer_fn(struct hrtimer *t)
{
	struct vrrp_vr *vr = container_of(t, struct vrrp_vr, timer);
	struct vrrp_cfg *cfg;

	spin_lock(&vr->lock);
	if (vr->dead || !vr->running)
		goto out;
	cfg = vrrp_cfg_locked(vr);
	if (vr->state == VRRP_STATE_MASTER) {
		vrrp_tx_advert(vr, vr->eff_prio);
		vrrp_timer_arm(&vr->timer, (u64)cfg->p.advert_int * CS_NS);
	} else if (vr->state == VRRP_STATE_BACKUP) {
		if (vr->force == VRRP_FORCE_BACKUP || vr->sync_hold) {
			/* held: forced, or following a sync group */
			vrrp_timer_arm(&vr->timer,
				       vrrp_fsm_master_down_ns(vr, vr->master_adv_int));
			goto out;
		}
		vrrp_become_master(vr, vr->down_reason ? vr->down_reason :
				   VRRP_REASON_MASTER_DOWN);
		vr->down_reason = VRRP_REASON_NONE;
	}
out:
	spin_unlock(&vr->lock);
	return HRTIMER_NORESTART;
}

static enum hrtimer_restart vrrp_garp_timer_fn(struct hrtimer *t)
{
	struct vrrp_vr *vr = container_of(t, struct vrrp_vr, garp_timer);
	struct vrrp_cfg *cfg;

	spin_lock(&vr->lock);
	if (vr->dead || !vr->running || vr->state != VRRP_STATE_MASTER)
		goto out;
	cfg = vrrp_cfg_locked(vr);
	vrrp_tx_garps(vr);
	if (vr->garp_left)
		vr->garp_left--;
	if (vr->garp_left)
		vrrp_timer_arm(&vr->garp_timer,
			       (u64)cfg->p.garp_delay * NSEC_PER_MSEC);
	else if (cfg->p.garp_refresh)
		vrrp_timer_arm(&vr->garp_timer,
			       (u64)cfg->p.garp_refresh * NSEC_PER_MSEC);
out:
	spin_unlock(&vr->lock);
	return HRTIMER_NORESTART;
}

void vrrp_fsm_init(struct vrrp_vr *vr)
{
	vrrp_hrtimer_setup(&vr->timer, vrrp_timer_fn, CLOCK_MONOTONIC,
			   HRTIMER_MODE_REL_SOFT);
	vrrp_hrtimer_setup(&vr->garp_timer, vrrp_garp_timer_fn, CLOCK_MONOTONIC,
			   HRTIMER_MODE_REL_SOFT);
}

void vrrp_fsm_cancel_timers(struct vrrp_vr *vr)
{
	hrtimer_cancel(&vr->timer);
	hrtimer_cancel(&vr->garp_timer);
}
