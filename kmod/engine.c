// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp: the state machine's caller. It turns timers, received adverts,
 * link, tracking and configuration changes into fsm.c events, and performs
 * the actions that come back: adverts and goodbyes, GARP/NA, the timer,
 * the netlink event, the sync group and the work that installs or
 * removes the VIPs.
 *
 * Everything here runs with vr->lock held (timers and receive in
 * softirq, the rest with BH disabled), except the timer callbacks, which
 * take it, and vrrp_engine_cancel().
 */
#include <linux/ktime.h>

#include "core.h"

/* a timer this late ran behind the softirq work (vrrp_timer_fn()) */
#define VRRP_LATE_NS	NSEC_PER_MSEC

void vrrp_engine_fsm_cfg(const struct vrrp_cfg *cfg, struct vrrp_fsm_cfg *c)
{
	c->version = cfg->p.version;
	c->preempt = cfg->p.preempt;
	c->force = cfg->p.force;
	c->advert_int = cfg->p.advert_int;
	c->preempt_delay = cfg->p.preempt_delay;
}

/* Priority: the configured one less what tracked interfaces took */
u8 vrrp_engine_priority(const struct vrrp_vr *vr, const struct vrrp_cfg *cfg)
{
	int prio = cfg->p.priority;

	if (prio == VRRP_OWNER_PRIORITY)
		return prio;
	prio -= vr->track_loss;
	return prio < 1 ? 1 : prio;
}

static void vrrp_garp_arm(struct vrrp_vr *vr, const struct vrrp_cfg *cfg)
{
	u32 ms = vr->garp_left ? cfg->p.garp_delay : cfg->p.garp_refresh;

	if (vr->garp_left || cfg->p.garp_refresh)
		hrtimer_start(&vr->garp_timer, ms_to_ktime(ms),
			      HRTIMER_MODE_REL_SOFT);
}

/* the first of garp_repeat GARP/NA rounds, then the timer */
static void vrrp_garp_start(struct vrrp_vr *vr, const struct vrrp_cfg *cfg)
{
	vr->garp_left = cfg->p.garp_repeat;
	if (vr->garp_left) {
		vrrp_tx_garps(vr, cfg);
		vr->garp_left--;
	}
	vrrp_garp_arm(vr, cfg);
}

/*
 * A Master's Adver_Timer runs on the VR's own CPU, vr->cpu (the VRs are
 * spread over the CPUs when they are made), so that the adverts of many
 * VRs, and their reception by peers behind veths and backlogs, do not all
 * land on the CPU that configured them: an hrtimer runs where it was
 * armed. Armed elsewhere (configuration, a takeover on the CPU that
 * received the last advert), it is armed by a work item on vr->cpu. A
 * Master_Down_Timer stays on the CPU of the adverts that reset it.
 */
static void vrrp_timer_arm(struct vrrp_vr *vr, u64 ns)
{
	int cpu = vr->cpu;

	if (vr->fsm.timer == VRRP_TIMER_ADVER && cpu != smp_processor_id() &&
	    cpu_online(cpu)) {
		/* pending already: it arms what the fsm says when it runs */
		queue_work_on(cpu, system_highpri_wq, &vr->home_work);
		return;
	}
	hrtimer_start(&vr->timer, ns_to_ktime(ns),
		      HRTIMER_MODE_REL_PINNED_SOFT);
}

static void vrrp_home_work(struct work_struct *work)
{
	struct vrrp_vr *vr = container_of(work, struct vrrp_vr, home_work);
	struct vrrp_fsm *f = &vr->fsm;
	u64 now, due;

	spin_lock_bh(&vr->lock);
	if (!vr->dead && f->timer == VRRP_TIMER_ADVER) {
		now = ktime_get_ns();
		due = f->timer_start + f->timer_len;
		hrtimer_start(&vr->timer, ns_to_ktime(due > now ? due - now : 0),
			      HRTIMER_MODE_REL_PINNED_SOFT);
	}
	spin_unlock_bh(&vr->lock);
}

static void vrrp_engine_act(struct vrrp_vr *vr, const struct vrrp_cfg *cfg,
			    const struct vrrp_fsm_out *out)
{
	struct vrrp_fsm *f = &vr->fsm;
	union vrrp_addr mine;
	u8 act = out->act;

	if ((act & VRRP_ACT_GOODBYE) && !vrrp_tx_advert(vr, cfg, 0))
		vr->stats.tx_prio_zero++;
	if (act & VRRP_ACT_ADVERT)
		vrrp_tx_advert(vr, cfg, f->priority);
	if (act & VRRP_ACT_STATE) {
		WRITE_ONCE(vr->state, f->state);
		if (f->state == VRRP_STATE_MASTER) {
			/* a new term: what the last one installed may be gone */
			vr->master_gen++;
			vr->stats.master_transitions++;
			vrrp_tx_primary(vr, cfg, &mine);
			memcpy(f->master_addr, mine.b, sizeof(f->master_addr));
		}
		vrrp_nl_event(vr, out->old_state, f->reason);
		if (f->reason != VRRP_REASON_SYNC_GROUP && cfg->p.sync_group)
			vrrp_sync_kick(vr, out->old_state);
		/* VIPs, routes: installed or removed from process context */
		vrrp_vr_queue_work(vr);
	}
	if (act & VRRP_ACT_GARP_STOP) {
		vr->garp_left = 0;
		hrtimer_try_to_cancel(&vr->garp_timer);
	}
	if (act & VRRP_ACT_GARP)
		vrrp_garp_start(vr, cfg);
	if (act & VRRP_ACT_TIMER_STOP)
		hrtimer_try_to_cancel(&vr->timer);
	if (act & VRRP_ACT_TIMER)
		vrrp_timer_arm(vr, out->timer_ns);
	if (act & VRRP_ACT_OWNER_CONFLICT)
		vr->stats.owner_conflicts++;
}

/* feeds one event to the state machine, with @cfg, and acts on it */
static u8 vrrp_engine_run(struct vrrp_vr *vr, const struct vrrp_cfg *cfg,
			  struct vrrp_fsm_in *in)
{
	struct vrrp_fsm_cfg c;
	struct vrrp_fsm_out out;

	vrrp_engine_fsm_cfg(cfg, &c);
	in->now = ktime_get_ns();
	vrrp_fsm_step(&vr->fsm, &c, in, &out);
	if (out.act)
		vrrp_engine_act(vr, cfg, &out);
	return out.act;
}

static void vrrp_engine_event(struct vrrp_vr *vr, const struct vrrp_cfg *cfg,
			      u8 event, u8 reason, u8 prio)
{
	struct vrrp_fsm_in in = {
		.event = event,
		.reason = reason,
		.prio = prio,
		.spread = get_random_u32(),
	};

	vrrp_engine_run(vr, cfg, &in);
}

/* Shutdown; a Master's goodbye goes out as configured by @cfg (or now). */
void vrrp_engine_stop(struct vrrp_vr *vr, const struct vrrp_cfg *cfg,
		      u8 reason)
{
	if (vr->fsm.state == VRRP_STATE_INIT)
		return;
	vrrp_engine_event(vr, cfg ? cfg : vrrp_cfg_locked(vr),
			  VRRP_EV_SHUTDOWN, reason, 0);
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
 * Re-evaluates link, admin and tracking state: Startup or Shutdown, or a
 * changed Priority.
 */
void vrrp_engine_recheck(struct vrrp_vr *vr, u8 reason)
{
	struct vrrp_cfg *cfg = vrrp_cfg_locked(vr);

	if (vr->dead)
		return;
	vr->track_loss = vrrp_track_loss(vr, cfg, &vr->track_fault);
	if (!vrrp_want_running(vr, cfg)) {
		if (!cfg->p.admin_up)
			reason = VRRP_REASON_ADMIN_DOWN;
		else if (vr->track_fault)
			reason = VRRP_REASON_TRACK;
		else if (reason == VRRP_REASON_STARTUP ||
			 reason == VRRP_REASON_LINK_UP)
			reason = VRRP_REASON_LINK_DOWN;
		vrrp_engine_stop(vr, cfg, reason);
		return;
	}
	vrrp_engine_event(vr, cfg, vr->fsm.state == VRRP_STATE_INIT ?
			  VRRP_EV_STARTUP : VRRP_EV_PRIORITY, reason,
			  vrrp_engine_priority(vr, cfg));
}

static bool vrrp_peers_equal(const struct vrrp_cfg *a,
			     const struct vrrp_cfg *b)
{
	return a->n_peers == b->n_peers &&
	       !memcmp(a->peers, b->peers, a->n_peers * sizeof(*a->peers));
}

/* a change that the peers can only see as a new VR: stop, then start */
bool vrrp_engine_restarts(const struct vrrp_cfg *old,
			  const struct vrrp_cfg *cfg)
{
	return old->p.version != cfg->p.version ||
	       old->p.vmac_mode != cfg->p.vmac_mode ||
	       strcmp(old->p.vifname, cfg->p.vifname) ||
	       !vrrp_peers_equal(old, cfg);
}

static bool vrrp_vips_equal(const struct vrrp_cfg *a,
			    const struct vrrp_cfg *b)
{
	return a->n_vips == b->n_vips &&
	       !memcmp(a->vips, b->vips, a->n_vips * sizeof(*a->vips));
}

/* The new cfg is published; @old was the previous one. */
void vrrp_engine_reconfig(struct vrrp_vr *vr, struct vrrp_cfg *old)
{
	struct vrrp_cfg *cfg = vrrp_cfg_locked(vr);
	bool master;

	if (old->p.force != cfg->p.force)
		vrrp_engine_event(vr, cfg, VRRP_EV_FORCE, VRRP_REASON_FORCED, 0);
	if (old->p.advert_int != cfg->p.advert_int)
		vrrp_engine_event(vr, cfg, VRRP_EV_CONFIG, VRRP_REASON_CONFIG, 0);
	vrrp_engine_recheck(vr, VRRP_REASON_CONFIG);

	master = vr->fsm.state == VRRP_STATE_MASTER;
	if (master && !vrrp_vips_equal(old, cfg)) {
		/* tell the Backups and the hosts about the new VIPs now */
		vrrp_tx_advert(vr, cfg, vr->fsm.priority);
		vrrp_garp_start(vr, cfg);
	} else if (master && !vr->garp_left &&
		   old->p.garp_refresh != cfg->p.garp_refresh) {
		/* a new refresh period applies now, not after the old one */
		hrtimer_try_to_cancel(&vr->garp_timer);
		vrrp_garp_arm(vr, cfg);
	}
}

/* A valid advert for this VR (already checked and authenticated). */
void vrrp_engine_rx(struct vrrp_vr *vr, struct vrrp_cfg *cfg, u8 prio,
		    u16 interval_cs, const union vrrp_addr *saddr)
{
	struct vrrp_fsm_in in = {
		.event = VRRP_EV_ADVERT,
		.prio = prio,
		.interval = interval_cs,
		.saddr = saddr->b,
		.alen = vrrp_addr_len(vr->family),
	};
	union vrrp_addr mine;

	if (!prio)
		vr->stats.rx_prio_zero++;
	/* the tie-break needs our primary address */
	if (vr->fsm.state == VRRP_STATE_MASTER && prio == vr->fsm.priority &&
	    vrrp_tx_primary(vr, cfg, &mine))
		in.mine = mine.b;
	if (vrrp_engine_run(vr, cfg, &in) & VRRP_ACT_OWNER_CONFLICT) {
		/* RFC 9568 8.3.2 and erratum 8298: log it, rate-limited */
		if (vr->family == AF_INET)
			net_info_ratelimited("VRID %u on %s: advert from %pI4 while we own the addresses\n",
					     vr->vrid, vr->ifname, &saddr->ip4);
		else
			net_info_ratelimited("VRID %u on %s: advert from %pI6c while we own the addresses\n",
					     vr->vrid, vr->ifname, &saddr->ip6);
	}
}

/* Follow a sync group member that went from @old to @state on its own. */
void vrrp_engine_sync_to(struct vrrp_vr *vr, u8 old, u8 state)
{
	struct vrrp_fsm_in in = {
		.event = VRRP_EV_SYNC,
		.spread = get_random_u32(),
		.sync_old = old,
		.sync_state = state,
	};

	spin_lock_bh(&vr->lock);
	if (!vr->dead)
		vrrp_engine_run(vr, vrrp_cfg_locked(vr), &in);
	spin_unlock_bh(&vr->lock);
}

/*
 * Adver_Timer or Master_Down_Timer, whichever vr->fsm.timer says. A timer
 * restarted while this callback waited for the lock is not due yet: then
 * the callback does nothing, the timer fires again when it is.
 */
static enum hrtimer_restart vrrp_timer_fn(struct hrtimer *t)
{
	struct vrrp_vr *vr = container_of(t, struct vrrp_vr, timer);
	struct vrrp_fsm *f = &vr->fsm;
	struct vrrp_fsm_in in = {};
	u64 now = ktime_get_ns(), due;

	spin_lock(&vr->lock);
	due = f->timer_start + f->timer_len;
	if (vr->dead || f->timer == VRRP_TIMER_NONE || now < due)
		goto out;
	if (f->timer == VRRP_TIMER_ADVER) {
		in.event = VRRP_EV_ADVER_TIMER;
	} else {
		in.event = VRRP_EV_MASTER_DOWN_TIMER;
		/*
		 * Late, with packets waiting: softirq processing is behind,
		 * the adverts that would have reset the timer may be queued
		 */
		in.rx_behind = now - due >= VRRP_LATE_NS && vrrp_rx_behind();
		in.spread = get_random_u32();
	}
	vrrp_engine_run(vr, vrrp_cfg_locked(vr), &in);
	if (in.rx_behind && f->timer == VRRP_TIMER_MASTER_DOWN &&
	    f->down_grace)
		vr->stats.down_deferred++;
out:
	spin_unlock(&vr->lock);
	return HRTIMER_NORESTART;
}

static enum hrtimer_restart vrrp_garp_timer_fn(struct hrtimer *t)
{
	struct vrrp_vr *vr = container_of(t, struct vrrp_vr, garp_timer);
	struct vrrp_cfg *cfg;

	spin_lock(&vr->lock);
	if (vr->dead || vr->fsm.state != VRRP_STATE_MASTER)
		goto out;
	cfg = vrrp_cfg_locked(vr);
	vrrp_tx_garps(vr, cfg);
	if (vr->garp_left)
		vr->garp_left--;
	vrrp_garp_arm(vr, cfg);
out:
	spin_unlock(&vr->lock);
	return HRTIMER_NORESTART;
}

void vrrp_engine_init(struct vrrp_vr *vr)
{
	static atomic_t next_cpu = ATOMIC_INIT(0);

	vr->cpu = cpumask_local_spread(atomic_inc_return(&next_cpu),
				       NUMA_NO_NODE);
	INIT_WORK(&vr->home_work, vrrp_home_work);
	vrrp_hrtimer_setup(&vr->timer, vrrp_timer_fn, CLOCK_MONOTONIC,
			   HRTIMER_MODE_REL_SOFT);
	vrrp_hrtimer_setup(&vr->garp_timer, vrrp_garp_timer_fn, CLOCK_MONOTONIC,
			   HRTIMER_MODE_REL_SOFT);
}

/*
 * After the VR is dead (the work then arms nothing); not under vr->lock
 * (the callbacks take it); may sleep.
 */
void vrrp_engine_cancel(struct vrrp_vr *vr)
{
	cancel_work_sync(&vr->home_work);
	hrtimer_cancel(&vr->timer);
	hrtimer_cancel(&vr->garp_timer);
}
