#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Election policy: owner (255) is Master at once, equal priorities are
# broken by the higher primary address, preemption off keeps a better
# backup waiting, forced state holds until released, a tracked interface
# going down lowers the priority (and the peer preempts), a sync group
# member follows and is held until the member it follows is deleted, and a
# preempt delay holds preemption back.
# vrrp-selftest: timeout=300
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
tap_plan 15

vrrp_topo r1 r2
ip -n r1 link add trk0 type dummy && ip -n r1 link set trk0 up
kill_vrrpctl

# owner: Master without waiting for Master_Down (3 x 3 s)
nl r1 add dev eth0 vrid 1 prio 255 int 300 vip 192.0.2.201
tap_check "priority 255 is Master at once" nl r1 wait 1.5 dev eth0 vrid 1 state Master reason owner

# tie: two Masters of the same priority (forced, then released): the
# higher address (r2, 192.0.2.2) stays Master. (A Backup never preempts an
# equal priority, so both must be Master at once for the tie-break.)
nl r1 add dev eth0 vrid 2 prio 100 force master vip 192.0.2.202
nl r2 add dev eth0 vrid 2 prio 100 force master vip 192.0.2.202
nl r1 wait 10 dev eth0 vrid 2 state Master
nl r2 wait 10 dev eth0 vrid 2 state Master
nl r1 set dev eth0 vrid 2 force none
nl r2 set dev eth0 vrid 2 force none
tap_check "equal priority: higher address (r2) stays Master" nl r2 wait 10 dev eth0 vrid 2 state Master
tap_check "equal priority: r1 steps down" nl r1 wait 10 dev eth0 vrid 2 state Backup reason preempted

# preempt off: r2 Master first, then r1 with a higher priority stays Backup
nl r2 add dev eth0 vrid 3 prio 100 vip 192.0.2.203
nl r2 wait 20 dev eth0 vrid 3 state Master
nl r1 add dev eth0 vrid 3 prio 200 preempt 0 vip 192.0.2.203
sleep 8
tap_check "preempt off: higher priority r1 stays Backup" nl r1 wait 1 dev eth0 vrid 3 state Backup
nl r1 set dev eth0 vrid 3 preempt 1
tap_check "preempt on again: r1 takes over" nl r1 wait 15 dev eth0 vrid 3 state Master

# preempt delay: 8 s of tolerance before the usual Master_Down. The
# kernel's event timestamps measure it, so a slow guest cannot fail it.
nl r2 add dev eth0 vrid 6 prio 100 vip 192.0.2.206
nl r2 wait 20 dev eth0 vrid 6 state Master
in_ns r1 $VNL monitor >"$TMPDIR/pd.ev" 2>&1 &
mon=$!
on_exit kill $mon
wait_for 20 grep -q ready "$TMPDIR/pd.ev"
nl r1 add dev eth0 vrid 6 prio 200 preempt_delay 8000 vip 192.0.2.206
tap_check "preempt delay: Master after the delay" nl r1 wait 30 dev eth0 vrid 6 state Master reason preempt
# ts of the first Backup and of the Master transition of vrid 6, in ns
pd_gap()
{
	python3 - "$TMPDIR/pd.ev" <<'PY'
import json, sys
ts = {}
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e.get("vrid") == 6 and "state" in e:
        ts.setdefault(e["state"], e["ts"])
print((ts["Master"] - ts["Backup"]) // 1000000)
PY
}
gap=$(wait_for 5 pd_gap && pd_gap)
tap_diag "Backup -> Master after ${gap:-?} ms (preempt_delay 8000)"
tap_check "preempt delay: not Master before 8 s in Backup" test "${gap:-0}" -ge 8000
kill $mon 2>/dev/null

# forced state
nl r1 set dev eth0 vrid 2 force master
tap_check "forced Master on the lower address" nl r1 wait 5 dev eth0 vrid 2 state Master reason forced
sleep 3
tap_check "stays Master while forced" nl r1 wait 1 dev eth0 vrid 2 state Master
nl r1 set dev eth0 vrid 2 force none
tap_check "released: back to Backup" nl r1 wait 15 dev eth0 vrid 2 state Backup

# tracking with weight, and a sync group following
nl r1 add dev eth0 vrid 4 prio 150 track trk0:60 sync 7 vip 192.0.2.204
nl r2 add dev eth0 vrid 4 prio 100 vip 192.0.2.204
nl r1 add dev eth0 vrid 5 prio 150 sync 7 vip 192.0.2.205
nl r2 add dev eth0 vrid 5 prio 100 vip 192.0.2.205
nl r1 wait 20 dev eth0 vrid 4 state Master
nl r1 wait 10 dev eth0 vrid 5 state Master
ip -n r1 link set trk0 down
tap_check "tracked interface down: priority 90, r2 preempts" nl r2 wait 15 dev eth0 vrid 4 state Master
tap_check "effective priority is 150 - 60" sh -c "[ \"\$(ip netns exec r1 $VNL get dev eth0 vrid 4 | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"eff_priority\"])')\" = 90 ]"
tap_check "sync group: vrid 5 follows to Backup" nl r1 wait 10 dev eth0 vrid 5 state Backup reason sync_group
sleep 4
tap_check "and is held there (no preemption while vrid 4 is demoted)" nl r1 wait 1 dev eth0 vrid 5 state Backup
nl r1 del dev eth0 vrid 4
tap_check "vrid 4 deleted: vrid 5 is released and preempts" nl r1 wait 15 dev eth0 vrid 5 state Master
tap_done
