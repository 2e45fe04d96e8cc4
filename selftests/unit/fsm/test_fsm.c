// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the state machine (kmod/fsm.c, the file vrrp.ko runs),
 * built in userspace: RFC 9568 6.4 (and RFC 3768 where v2 differs) as a
 * table of (state, event) -> (actions, new state, timer), then a few
 * sequences: preempt delay, the rate limit of immediate answers, the
 * drift-free Adver_Timer, the v2 interval change, two address owners,
 * forced states and sync groups. TAP output; exit 0 pass, 1 fail.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fsm.h"

#define MS	1000000ULL
#define SEC	(1000 * MS)

static int n, failed;

static int ok(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int ok(int cond, const char *fmt, ...)
{
	va_list ap;

	n++;
	failed += !cond;
	printf("%sok %d - ", cond ? "" : "not ", n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return cond;
}

static const u8 lo_addr[4] = { 192, 0, 2, 1 };	/* ours */
static const u8 hi_addr[4] = { 192, 0, 2, 9 };	/* a higher peer */
static const u8 lower[4] = { 192, 0, 2, 0 };	/* a lower peer */

enum { ANY = -1 };

/* one row: a VR in @state gets @ev; what comes back */
struct row {
	const char *what;
	/* the VR */
	u8 version;		/* 0: 3 */
	u8 nopreempt;
	u8 force;
	u16 advert;		/* 0: 100 cs */
	u8 state;
	u8 prio;		/* 0: 100 */
	u8 down_reason;
	bool sync_hold;
	/* the event */
	u8 ev;
	u8 in_prio;
	u16 in_int;		/* 0: 100 */
	const u8 *saddr;	/* 0: hi_addr */
	u8 sync_old, sync_state;
	/* expected */
	u8 act;
	u8 new_state;
	u8 reason;		/* of the transition, if act has STATE */
	long long timer;	/* ns, with ACT_TIMER; ANY: not checked */
};

static const char *acts(u8 a, char *buf)
{
	static const char * const names[] = {
		"GOODBYE", "STATE", "ADVERT", "GARP", "GARP_STOP", "TIMER",
		"TIMER_STOP", "OWNER_CONFLICT",
	};
	unsigned int i;

	buf[0] = 0;
	for (i = 0; i < 8; i++)
		if (a & (1 << i))
			strcat(strcat(buf, buf[0] ? "|" : ""), names[i]);
	return buf[0] ? buf : "none";
}

static void setup(const struct row *r, struct vrrp_fsm *f,
		  struct vrrp_fsm_cfg *c)
{
	memset(f, 0, sizeof(*f));
	memset(c, 0, sizeof(*c));
	c->version = r->version ? r->version : 3;
	c->preempt = !r->nopreempt;
	c->force = r->force;
	c->advert_int = r->advert ? r->advert : 100;
	f->state = r->state;
	f->priority = r->prio ? r->prio : 100;
	f->master_adv_int = c->advert_int;
	f->down_reason = r->down_reason;
	f->sync_hold = r->sync_hold;
	if (r->state == VRRP_STATE_MASTER) {
		f->timer = VRRP_TIMER_ADVER;
		f->timer_len = c->advert_int * 10 * MS;
	} else if (r->state == VRRP_STATE_BACKUP) {
		f->timer = VRRP_TIMER_MASTER_DOWN;
		f->timer_len = vrrp_fsm_master_down(f, c, f->master_adv_int);
	}
}

static void check_row(const struct row *r)
{
	struct vrrp_fsm_in in = {
		.event = r->ev,
		.reason = VRRP_REASON_STARTUP,
		.prio = r->in_prio,
		.interval = r->in_int ? r->in_int : 100,
		.saddr = r->saddr ? r->saddr : hi_addr,
		.mine = lo_addr,
		.alen = 4,
		.sync_old = r->sync_old,
		.sync_state = r->sync_state,
		.now = 10 * MS,
	};
	struct vrrp_fsm_out out;
	struct vrrp_fsm_cfg c;
	struct vrrp_fsm f;
	char got[128], want[128];
	bool good;

	setup(r, &f, &c);
	f.timer_start = 0;
	vrrp_fsm_step(&f, &c, &in, &out);
	good = out.act == r->act && f.state == r->new_state &&
	       (!(out.act & VRRP_ACT_STATE) || f.reason == r->reason) &&
	       (r->timer == ANY || !(out.act & VRRP_ACT_TIMER) ||
		(long long)out.timer_ns == r->timer);
	if (!ok(good, "%s", r->what))
		printf("#   got %s state %u reason %u timer %llu ns; want %s state %u reason %u timer %lld ns\n",
		       acts(out.act, got), f.state, f.reason,
		       (unsigned long long)out.timer_ns, acts(r->act, want),
		       r->new_state, r->reason, r->timer);
}

#define INIT	VRRP_STATE_INIT
#define BACKUP	VRRP_STATE_BACKUP
#define MASTER	VRRP_STATE_MASTER
#define A_BECOME_MASTER (VRRP_ACT_ADVERT | VRRP_ACT_GARP | VRRP_ACT_STATE | \
			 VRRP_ACT_TIMER)

/* at 1 s adverts, in ns: Skew_Time and Master_Down_Interval */
#define SKEW(prio)	((long long)(256 - (prio)) * SEC / 256)
#define MDI(prio)	(3 * (long long)SEC + SKEW(prio))

static const struct row table[] = {
	/* 6.4.1 Initialize */
	{ "6.4.1 Startup, Priority 255: ADVERT, GARP, Adver_Timer, Master",
	  .state = INIT, .ev = VRRP_EV_STARTUP, .in_prio = 255,
	  .act = A_BECOME_MASTER, .new_state = MASTER,
	  .reason = VRRP_REASON_OWNER, .timer = SEC },
	{ "6.4.1 Startup, Priority 100: Master_Down_Timer, Backup",
	  .state = INIT, .ev = VRRP_EV_STARTUP, .in_prio = 100,
	  .act = VRRP_ACT_STATE | VRRP_ACT_TIMER, .new_state = BACKUP,
	  .reason = VRRP_REASON_STARTUP, .timer = MDI(100) },
	{ "6.4.1 Startup, forced Master: Master at once",
	  .state = INIT, .force = VRRP_FORCE_MASTER, .ev = VRRP_EV_STARTUP,
	  .in_prio = 100, .act = A_BECOME_MASTER, .new_state = MASTER,
	  .reason = VRRP_REASON_FORCED, .timer = SEC },
	{ "6.4.1 Startup, owner forced Backup: Backup",
	  .state = INIT, .force = VRRP_FORCE_BACKUP, .ev = VRRP_EV_STARTUP,
	  .in_prio = 255, .act = VRRP_ACT_STATE | VRRP_ACT_TIMER,
	  .new_state = BACKUP, .reason = VRRP_REASON_FORCED, .timer = MDI(255) },
	{ "Initialize: an advert is ignored",
	  .state = INIT, .ev = VRRP_EV_ADVERT, .in_prio = 200,
	  .act = 0, .new_state = INIT },
	{ "Initialize: timers are ignored",
	  .state = INIT, .ev = VRRP_EV_MASTER_DOWN_TIMER,
	  .act = 0, .new_state = INIT },

	/* 6.4.2 Backup */
	{ "6.4.2 Backup, Shutdown: timer stopped, Initialize, no goodbye",
	  .state = BACKUP, .ev = VRRP_EV_SHUTDOWN,
	  .act = VRRP_ACT_STATE | VRRP_ACT_TIMER_STOP, .new_state = INIT,
	  .reason = VRRP_REASON_STARTUP },
	{ "6.4.2 Backup, Master_Down_Timer fires: ADVERT, GARP, Master",
	  .state = BACKUP, .down_reason = VRRP_REASON_MASTER_DOWN,
	  .ev = VRRP_EV_MASTER_DOWN_TIMER, .act = A_BECOME_MASTER,
	  .new_state = MASTER, .reason = VRRP_REASON_MASTER_DOWN,
	  .timer = SEC },
	{ "6.4.2 Backup, priority 0 advert: Master_Down_Timer = Skew_Time",
	  .state = BACKUP, .ev = VRRP_EV_ADVERT, .in_prio = 0,
	  .act = VRRP_ACT_TIMER, .new_state = BACKUP, .timer = SKEW(100) },
	{ "6.4.2 Backup, higher priority: Master_Down_Timer reset",
	  .state = BACKUP, .ev = VRRP_EV_ADVERT, .in_prio = 200,
	  .act = VRRP_ACT_TIMER, .new_state = BACKUP, .timer = MDI(100) },
	{ "6.4.2 Backup v3: learns Master_Adver_Interval (50 cs)",
	  .state = BACKUP, .ev = VRRP_EV_ADVERT, .in_prio = 200, .in_int = 50,
	  .act = VRRP_ACT_TIMER, .new_state = BACKUP,
	  .timer = 1500 * (long long)MS + 156LL * 500 * MS / 256 },
	{ "RFC 3768 Backup v2: no interval to learn",
	  .version = 2, .state = BACKUP, .ev = VRRP_EV_ADVERT, .in_prio = 200,
	  .in_int = 300, .act = VRRP_ACT_TIMER, .new_state = BACKUP,
	  .timer = MDI(100) },
	{ "6.4.2 Backup, equal priority: Master_Down_Timer reset",
	  .state = BACKUP, .ev = VRRP_EV_ADVERT, .in_prio = 100,
	  .act = VRRP_ACT_TIMER, .new_state = BACKUP, .timer = MDI(100) },
	{ "6.4.2 Backup, Preempt_Mode, lower priority: discarded (timer runs)",
	  .state = BACKUP, .ev = VRRP_EV_ADVERT, .in_prio = 50,
	  .act = 0, .new_state = BACKUP },
	{ "6.4.2 Backup, no Preempt_Mode, lower priority: timer reset",
	  .nopreempt = 1, .state = BACKUP, .ev = VRRP_EV_ADVERT, .in_prio = 50,
	  .act = VRRP_ACT_TIMER, .new_state = BACKUP, .timer = MDI(100) },
	{ "Backup held by its sync group: lower priority does not preempt",
	  .state = BACKUP, .sync_hold = true, .ev = VRRP_EV_ADVERT,
	  .in_prio = 50, .act = VRRP_ACT_TIMER, .new_state = BACKUP,
	  .timer = MDI(100) },
	{ "Forced Backup: Master_Down_Timer fires, stays Backup",
	  .state = BACKUP, .force = VRRP_FORCE_BACKUP,
	  .ev = VRRP_EV_MASTER_DOWN_TIMER, .act = VRRP_ACT_TIMER,
	  .new_state = BACKUP, .timer = MDI(100) },
	{ "Held by a sync group: Master_Down_Timer fires, stays Backup",
	  .state = BACKUP, .sync_hold = true, .ev = VRRP_EV_MASTER_DOWN_TIMER,
	  .act = VRRP_ACT_TIMER, .new_state = BACKUP, .timer = MDI(100) },
	{ "Backup: an Adver_Timer event is ignored",
	  .state = BACKUP, .ev = VRRP_EV_ADVER_TIMER, .act = 0,
	  .new_state = BACKUP },

	/* 6.4.3 Master */
	{ "6.4.3 Master, Shutdown: goodbye (priority 0), Initialize",
	  .state = MASTER, .ev = VRRP_EV_SHUTDOWN,
	  .act = VRRP_ACT_GOODBYE | VRRP_ACT_STATE | VRRP_ACT_GARP_STOP |
		 VRRP_ACT_TIMER_STOP,
	  .new_state = INIT, .reason = VRRP_REASON_STARTUP },
	{ "6.4.3 Master, Adver_Timer fires: ADVERT, Adver_Timer",
	  .state = MASTER, .ev = VRRP_EV_ADVER_TIMER,
	  .act = VRRP_ACT_ADVERT | VRRP_ACT_TIMER, .new_state = MASTER,
	  .timer = ANY },
	{ "6.4.3 Master, priority 0 advert: ADVERT at once, Adver_Timer reset",
	  .state = MASTER, .ev = VRRP_EV_ADVERT, .in_prio = 0,
	  .act = VRRP_ACT_ADVERT | VRRP_ACT_TIMER, .new_state = MASTER,
	  .timer = SEC },
	{ "6.4.3 Master, higher priority: Backup, Master_Down_Timer",
	  .state = MASTER, .ev = VRRP_EV_ADVERT, .in_prio = 200,
	  .act = VRRP_ACT_STATE | VRRP_ACT_TIMER | VRRP_ACT_GARP_STOP,
	  .new_state = BACKUP, .reason = VRRP_REASON_PREEMPTED,
	  .timer = MDI(100) },
	{ "6.4.3 Master, equal priority, higher address: Backup",
	  .state = MASTER, .ev = VRRP_EV_ADVERT, .in_prio = 100,
	  .act = VRRP_ACT_STATE | VRRP_ACT_TIMER | VRRP_ACT_GARP_STOP,
	  .new_state = BACKUP, .reason = VRRP_REASON_PREEMPTED,
	  .timer = MDI(100) },
	{ "6.4.3 Master, equal priority, lower address: answered at once",
	  .state = MASTER, .ev = VRRP_EV_ADVERT, .in_prio = 100,
	  .saddr = lower, .act = VRRP_ACT_ADVERT | VRRP_ACT_TIMER,
	  .new_state = MASTER, .timer = SEC },
	{ "6.4.3 Master, lower priority (RFC 9568): answered at once",
	  .state = MASTER, .ev = VRRP_EV_ADVERT, .in_prio = 50,
	  .act = VRRP_ACT_ADVERT | VRRP_ACT_TIMER, .new_state = MASTER,
	  .timer = SEC },
	{ "RFC 3768 Master v2, lower priority: discarded",
	  .version = 2, .state = MASTER, .ev = VRRP_EV_ADVERT, .in_prio = 50,
	  .act = 0, .new_state = MASTER },
	{ "Forced Master, higher priority: stays Master, no answer",
	  .force = VRRP_FORCE_MASTER, .state = MASTER, .ev = VRRP_EV_ADVERT,
	  .in_prio = 200, .act = 0, .new_state = MASTER },
	{ "Master: a Master_Down_Timer event is ignored",
	  .state = MASTER, .ev = VRRP_EV_MASTER_DOWN_TIMER, .act = 0,
	  .new_state = MASTER },

	/* 7.1 with erratum 8298: an owner hears another Master */
	{ "owner, priority 255 from a higher address: logged, goes Backup",
	  .state = MASTER, .prio = 255, .ev = VRRP_EV_ADVERT, .in_prio = 255,
	  .act = VRRP_ACT_OWNER_CONFLICT | VRRP_ACT_STATE | VRRP_ACT_TIMER |
		 VRRP_ACT_GARP_STOP,
	  .new_state = BACKUP, .reason = VRRP_REASON_PREEMPTED,
	  .timer = MDI(255) },
	{ "owner, priority 255 from a lower address: logged, answered",
	  .state = MASTER, .prio = 255, .ev = VRRP_EV_ADVERT, .in_prio = 255,
	  .saddr = lower,
	  .act = VRRP_ACT_OWNER_CONFLICT | VRRP_ACT_ADVERT | VRRP_ACT_TIMER,
	  .new_state = MASTER, .timer = SEC },
	{ "owner, a lower priority Master: logged, answered",
	  .state = MASTER, .prio = 255, .ev = VRRP_EV_ADVERT, .in_prio = 100,
	  .act = VRRP_ACT_OWNER_CONFLICT | VRRP_ACT_ADVERT | VRRP_ACT_TIMER,
	  .new_state = MASTER, .timer = SEC },

	/* Priority changes */
	{ "Master, Priority changes: announced at once",
	  .state = MASTER, .ev = VRRP_EV_PRIORITY, .in_prio = 90,
	  .act = VRRP_ACT_ADVERT | VRRP_ACT_TIMER, .new_state = MASTER,
	  .timer = SEC },
	{ "Backup, Priority becomes 255: Master (owner)",
	  .state = BACKUP, .ev = VRRP_EV_PRIORITY, .in_prio = 255,
	  .act = A_BECOME_MASTER, .new_state = MASTER,
	  .reason = VRRP_REASON_OWNER, .timer = SEC },
	{ "Backup, Priority changes: Master_Down_Timer follows the new Skew_Time",
	  .state = BACKUP, .ev = VRRP_EV_PRIORITY, .in_prio = 200,
	  .act = VRRP_ACT_TIMER, .new_state = BACKUP,
	  .timer = MDI(200) - 10 * (long long)MS },
	{ "Priority unchanged: nothing",
	  .state = BACKUP, .ev = VRRP_EV_PRIORITY, .in_prio = 100,
	  .act = 0, .new_state = BACKUP },

	/* forced states */
	{ "Backup forced Master: Master (forced)",
	  .state = BACKUP, .force = VRRP_FORCE_MASTER, .ev = VRRP_EV_FORCE,
	  .act = A_BECOME_MASTER, .new_state = MASTER,
	  .reason = VRRP_REASON_FORCED, .timer = SEC },
	{ "Master forced Backup: goodbye, Backup (forced)",
	  .state = MASTER, .force = VRRP_FORCE_BACKUP, .ev = VRRP_EV_FORCE,
	  .act = VRRP_ACT_GOODBYE | VRRP_ACT_STATE | VRRP_ACT_TIMER |
		 VRRP_ACT_GARP_STOP,
	  .new_state = BACKUP, .reason = VRRP_REASON_FORCED,
	  .timer = MDI(100) },
	{ "Master released (force none): stays Master",
	  .state = MASTER, .ev = VRRP_EV_FORCE, .act = 0, .new_state = MASTER },

	/* sync groups */
	{ "sync: a member became Master: Backup follows",
	  .state = BACKUP, .ev = VRRP_EV_SYNC, .sync_old = BACKUP,
	  .sync_state = MASTER, .act = A_BECOME_MASTER, .new_state = MASTER,
	  .reason = VRRP_REASON_SYNC_GROUP, .timer = SEC },
	{ "sync: a member failed (Init): Master steps down with a goodbye",
	  .state = MASTER, .ev = VRRP_EV_SYNC, .sync_old = MASTER,
	  .sync_state = INIT,
	  .act = VRRP_ACT_GOODBYE | VRRP_ACT_STATE | VRRP_ACT_TIMER |
		 VRRP_ACT_GARP_STOP,
	  .new_state = BACKUP, .reason = VRRP_REASON_SYNC_GROUP,
	  .timer = MDI(100) },
	{ "sync: a member started into Backup: nothing",
	  .state = MASTER, .ev = VRRP_EV_SYNC, .sync_old = INIT,
	  .sync_state = BACKUP, .act = 0, .new_state = MASTER },
	{ "sync: a forced VR keeps its state",
	  .state = MASTER, .force = VRRP_FORCE_MASTER, .ev = VRRP_EV_SYNC,
	  .sync_old = MASTER, .sync_state = INIT, .act = 0,
	  .new_state = MASTER },
};

/* a VR and a clock for the sequences */
struct seq {
	struct vrrp_fsm f;
	struct vrrp_fsm_cfg c;
	struct vrrp_fsm_out out;
	u64 now;
};

static void seq_init(struct seq *s, u8 version, u16 advert, u8 prio)
{
	memset(s, 0, sizeof(*s));
	s->c.version = version;
	s->c.preempt = 1;
	s->c.advert_int = advert;
	s->now = SEC;
	vrrp_fsm_step(&s->f, &s->c, &(struct vrrp_fsm_in){
		.event = VRRP_EV_STARTUP, .prio = prio,
		.reason = VRRP_REASON_STARTUP, .now = s->now }, &s->out);
}

static u8 seq_rx(struct seq *s, u64 at, u8 prio, const u8 *saddr)
{
	s->now = at;
	vrrp_fsm_step(&s->f, &s->c, &(struct vrrp_fsm_in){
		.event = VRRP_EV_ADVERT, .prio = prio, .interval = s->c.advert_int,
		.saddr = saddr, .mine = lo_addr, .alen = 4, .now = at },
		&s->out);
	return s->out.act;
}

static u8 seq_ev(struct seq *s, u64 at, u8 ev)
{
	s->now = at;
	vrrp_fsm_step(&s->f, &s->c,
		      &(struct vrrp_fsm_in){ .event = ev, .now = at }, &s->out);
	return s->out.act;
}

/* the Master_Down_Timer fires, with received packets waiting or not */
static u8 seq_down(struct seq *s, u64 at, bool behind)
{
	s->now = at;
	vrrp_fsm_step(&s->f, &s->c, &(struct vrrp_fsm_in){
		.event = VRRP_EV_MASTER_DOWN_TIMER, .rx_behind = behind,
		.now = at }, &s->out);
	return s->out.act;
}

/* an overloaded receive path: the takeover waits, one MDI at most */
static void test_rx_behind(void)
{
	struct seq s;
	u64 t, mdi;
	int steps;
	u8 a;

	seq_init(&s, 3, 100, 100);
	seq_rx(&s, 2 * SEC, 200, hi_addr);
	mdi = vrrp_fsm_master_down(&s.f, &s.c, 100);
	t = 2 * SEC + mdi;
	a = seq_down(&s, t, true);
	ok(a == VRRP_ACT_TIMER && s.f.state == BACKUP &&
	   s.out.timer_ns == 250 * MS,
	   "rx behind: Master_Down_Timer deferred by a quarter interval (%llu ns)",
	   (unsigned long long)s.out.timer_ns);
	for (steps = 1; steps < 100; steps++) {
		t += s.out.timer_ns;
		a = seq_down(&s, t, true);
		if (s.f.state != BACKUP)
			break;
	}
	ok(s.f.state == MASTER && (a & VRRP_ACT_ADVERT) &&
	   s.f.reason == VRRP_REASON_MASTER_DOWN && steps * 250 * MS <= mdi &&
	   (steps + 1) * 250 * MS > mdi,
	   "still behind: Master after %d deferrals, one Master_Down_Interval at most",
	   steps);

	seq_init(&s, 3, 100, 100);
	seq_rx(&s, 2 * SEC, 200, hi_addr);
	t = 2 * SEC + mdi;
	seq_down(&s, t, true);
	seq_down(&s, t + 250 * MS, true);
	a = seq_rx(&s, t + 400 * MS, 200, hi_addr);
	ok(a == VRRP_ACT_TIMER && s.out.timer_ns == mdi && !s.f.down_grace,
	   "the queued advert arrives: a full Master_Down_Interval again");
	t += 400 * MS + mdi;
	a = seq_down(&s, t, false);
	ok(s.f.state == MASTER, "nothing waiting: Master at once");

	seq_init(&s, 3, 100, 100);
	seq_rx(&s, 2 * SEC, 200, hi_addr);
	seq_rx(&s, 3 * SEC, 0, hi_addr);
	seq_down(&s, 3 * SEC + SKEW(100), true);
	ok(s.f.state == MASTER,
	   "a priority 0 goodbye is not deferred: that Master has left");

	/* a new Master's first period is cut where in->spread says */
	seq_init(&s, 3, 100, 100);
	seq_rx(&s, 2 * SEC, 200, hi_addr);
	s.now = 2 * SEC + mdi;
	vrrp_fsm_step(&s.f, &s.c, &(struct vrrp_fsm_in){
		.event = VRRP_EV_MASTER_DOWN_TIMER, .spread = 3U << 30,
		.now = s.now }, &s.out);
	ok(s.f.state == MASTER && s.out.timer_ns > 249 * MS &&
	   s.out.timer_ns < 251 * MS,
	   "spread 3/4: the second advert a quarter interval after the first (%llu ns)",
	   (unsigned long long)s.out.timer_ns);
	a = seq_ev(&s, s.now + s.out.timer_ns, VRRP_EV_ADVER_TIMER);
	ok(a == (VRRP_ACT_ADVERT | VRRP_ACT_TIMER) && s.out.timer_ns == SEC,
	   "then a full interval: the phase is kept");

	seq_init(&s, 3, 100, 100);
	seq_rx(&s, 2 * SEC, 200, hi_addr);
	s.c.force = VRRP_FORCE_BACKUP;
	a = seq_down(&s, 2 * SEC + mdi, true);
	ok(s.f.state == BACKUP && s.out.timer_ns == mdi && !s.f.down_grace,
	   "forced Backup: a full interval, not a deferral");
}

static void test_sequences(void)
{
	struct seq s;
	u8 a;

	/* preempt delay 8 s: a lower Master is tolerated for 8 s */
	seq_init(&s, 3, 100, 150);
	s.c.preempt_delay = 8000;
	a = seq_rx(&s, 2 * SEC, 100, hi_addr);
	ok(a == VRRP_ACT_TIMER && s.f.down_reason == VRRP_REASON_MASTER_DOWN,
	   "preempt delay: a lower Master at t=0 still resets the timer");
	a = seq_rx(&s, 9 * SEC, 100, hi_addr);
	ok(a == VRRP_ACT_TIMER, "preempt delay: and at t=7 s");
	a = seq_rx(&s, 10 * SEC + 1, 100, hi_addr);
	ok(a == 0 && s.f.down_reason == VRRP_REASON_PREEMPT,
	   "preempt delay: past 8 s it is discarded (preemption)");
	seq_ev(&s, 14 * SEC, VRRP_EV_MASTER_DOWN_TIMER);
	ok(s.f.state == MASTER && s.f.reason == VRRP_REASON_PREEMPT &&
	   s.f.new_master_reason == VRRP_NMR_PREEMPTED,
	   "preempt delay: then Master, reason preempt, RFC 6527 preempted(2)");

	/* immediate answers: at most one per half Advertisement_Interval */
	seq_init(&s, 3, 100, 255);
	a = seq_rx(&s, 2 * SEC, 50, lower);
	ok(a & VRRP_ACT_ADVERT, "answer to a lower priority Master");
	a = seq_rx(&s, 2 * SEC + 100 * MS, 50, lower);
	ok(!(a & VRRP_ACT_ADVERT), "a second one 100 ms later is not answered");
	a = seq_rx(&s, 2 * SEC + 100 * MS, 0, lower);
	ok(!(a & VRRP_ACT_ADVERT), "nor a priority 0 one in the same window");
	a = seq_rx(&s, 2 * SEC + 500 * MS, 50, lower);
	ok(a & VRRP_ACT_ADVERT, "500 ms later: answered again");

	/* the Adver_Timer counts from when it was due, not when it ran */
	seq_init(&s, 3, 100, 255);
	a = seq_ev(&s, SEC + 1000 * MS + 50 * MS, VRRP_EV_ADVER_TIMER);
	ok(a == (VRRP_ACT_ADVERT | VRRP_ACT_TIMER) &&
	   s.out.timer_ns == 950 * MS,
	   "Adver_Timer 50 ms late: the next one in 950 ms (%llu ns)",
	   (unsigned long long)s.out.timer_ns);
	a = seq_ev(&s, SEC + 2000 * MS + 10 * MS, VRRP_EV_ADVER_TIMER);
	ok(s.out.timer_ns == 990 * MS, "then 10 ms late: 990 ms");
	a = seq_ev(&s, SEC + 6000 * MS, VRRP_EV_ADVER_TIMER);
	ok(s.out.timer_ns == 1000 * MS,
	   "three periods late: a full period from now");

	/* M4: v2 interval from 3 s to 10 s on a Backup */
	seq_init(&s, 2, 300, 100);
	ok(s.f.state == BACKUP && s.out.timer_ns == 9 * SEC + SKEW(100),
	   "v2 Backup at 3 s: Master_Down_Interval 9.609 s");
	s.c.advert_int = 1000;
	a = seq_ev(&s, SEC + 2 * SEC, VRRP_EV_CONFIG);
	ok(a == VRRP_ACT_TIMER && s.f.master_adv_int == 1000 &&
	   s.out.timer_ns == 28 * SEC + SKEW(100),
	   "v2 interval now 10 s: Master_Down_Interval 30.609 s, counted from its start (%llu ns left)",
	   (unsigned long long)s.out.timer_ns);
	a = seq_rx(&s, 5 * SEC, 200, hi_addr);
	ok(s.out.timer_ns == 30 * SEC + SKEW(100),
	   "and the next advert resets it to 30.609 s, not 9.609 s");

	/* v3: the interval is learnt from the Master, not from the config */
	seq_init(&s, 3, 100, 100);
	seq_rx(&s, 2 * SEC, 200, hi_addr);
	s.c.advert_int = 50;
	a = seq_ev(&s, 3 * SEC, VRRP_EV_CONFIG);
	ok(a == 0 && s.f.master_adv_int == 100,
	   "v3 Backup: our interval changing leaves Master_Adver_Interval");

	/* a Master whose interval changes: the Adver_Timer takes it */
	seq_init(&s, 3, 100, 255);
	s.c.advert_int = 300;
	a = seq_ev(&s, SEC + 400 * MS, VRRP_EV_CONFIG);
	ok(a == VRRP_ACT_TIMER && s.out.timer_ns == 2600 * MS,
	   "Master, interval 1 s -> 3 s: the running period ends 3 s after it began");

	/* two owners: the higher address wins, the other stays Backup */
	seq_init(&s, 3, 100, 255);
	a = seq_rx(&s, 2 * SEC, 255, hi_addr);
	ok(s.f.state == BACKUP && (a & VRRP_ACT_OWNER_CONFLICT),
	   "owner hears an owner with a higher address: Backup, logged");
	a = seq_rx(&s, 3 * SEC, 255, hi_addr);
	ok(s.f.state == BACKUP && a == (VRRP_ACT_OWNER_CONFLICT | VRRP_ACT_TIMER),
	   "and stays Backup while that one advertises");
	seq_ev(&s, 7 * SEC, VRRP_EV_MASTER_DOWN_TIMER);
	ok(s.f.state == MASTER, "Master again once it is gone");

	/* goodbye after a shutdown (config change, deletion) */
	seq_init(&s, 3, 100, 255);
	a = seq_ev(&s, 2 * SEC, VRRP_EV_SHUTDOWN);
	ok((a & VRRP_ACT_GOODBYE) && s.f.state == INIT,
	   "Master shut down (e.g. for a config change): priority 0 goodbye");
	a = seq_ev(&s, 3 * SEC, VRRP_EV_SHUTDOWN);
	ok(a == 0, "a second Shutdown does nothing");

	/* priority 0 from the Master: Skew_Time, then Master (RFC 6527 priority) */
	seq_init(&s, 3, 100, 100);
	seq_rx(&s, 2 * SEC, 200, hi_addr);
	seq_rx(&s, 3 * SEC, 0, hi_addr);
	ok(s.out.timer_ns == (u64)SKEW(100) && s.f.down_reason ==
	   VRRP_REASON_PRIORITY_ZERO, "priority 0: Master_Down_Timer = Skew_Time");
	seq_ev(&s, 4 * SEC, VRRP_EV_MASTER_DOWN_TIMER);
	ok(s.f.state == MASTER && s.f.reason == VRRP_REASON_PRIORITY_ZERO &&
	   s.f.new_master_reason == VRRP_NMR_PRIORITY,
	   "then Master, reason priority_zero, RFC 6527 priority(1)");
	seq_ev(&s, 5 * SEC, VRRP_EV_SHUTDOWN);
	ok(s.f.new_master_reason == VRRP_NMR_PRIORITY,
	   "RFC 6527 NewMasterReason is kept after leaving Master");
}

int main(void)
{
	unsigned int i;

	printf("TAP version 13\n");
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		check_row(&table[i]);
	test_sequences();
	test_rx_behind();
	printf("1..%d\n", n);
	return failed ? 1 : 0;
}
