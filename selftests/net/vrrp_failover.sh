#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Default VMAC mode, VRRPv3 IPv4, no userspace alive: the client's
# neighbour entry for the VIP is the VMAC, the master's link going down
# moves Master and the VIP to the backup while a ping to the VIP keeps
# working, the link coming back preempts, and deleting the master's VR
# hands over with priority 0 (within skew, well before Master_Down).
# vrrp-selftest: timeout=300
# vrrp-selftest: smoke
# vrrp-selftest: kernels=release
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
tap_plan 15

vrrp_topo r1 r2 c
nl r1 add dev eth0 vrid 10 prio 200 accept 1 vip 192.0.2.254
nl r2 add dev eth0 vrid 10 prio 100 accept 1 vip 192.0.2.254
# slow adverts for the handover timing: Master_Down 10.8 s, skew 1.8 s
nl r1 add dev eth0 vrid 20 prio 200 int 300 vip 192.0.2.253
nl r2 add dev eth0 vrid 20 prio 100 int 300 vip 192.0.2.253
kill_vrrpctl

tap_check "r1 Master" nl r1 wait 20 dev eth0 vrid 10 state Master
tap_check "r2 Backup" nl r2 wait 10 dev eth0 vrid 10 state Backup
tap_check "client pings the VIP" wait_for 10 in_ns c ping -c1 -W1 192.0.2.254
neigh() { ip -n c neigh show 192.0.2.254 | grep -q "lladdr 00:00:5e:00:01:0a"; }
tap_check "client neighbour for the VIP is the VMAC" wait_for 5 neigh
ip -n c neigh show | sed 's/^/# /'

in_ns c ping -i 0.2 -W 1 192.0.2.254 >"$TMPDIR/ping.out" 2>&1 &
pingpid=$!
on_exit kill $pingpid
sleep 2
kill_vrrpctl
ip -n r1 link set eth0 down
tap_check "r2 takes over when r1's link goes down" nl r2 wait 15 dev eth0 vrid 10 state Master
tap_check "r1 is Init" is_state r1 eth0 10 Init
# an idle receive path: the takeover waited for nothing (kmod/fsm.c:
# vrrp_down_defer() only defers a late timer with packets queued)
tap_check "the takeover was not deferred" \
	test "$(vr_field r2 eth0 10 stats.down_deferred)" = 0
tap_check "VIP moved to r2" wait_for 5 has_addr r2 eth0 192.0.2.254
tap_check "VIP gone from r1" sh -c "! ip -n r1 addr show | grep -q 192.0.2.254"
sleep 3
kill $pingpid 2>/dev/null
wait $pingpid 2>/dev/null
last=$(tail -n 20 "$TMPDIR/ping.out" | grep -c "bytes from")
tap_diag "$(tail -n 2 "$TMPDIR/ping.out" | head -n 1)"
if [ "$last" -ge 5 ]; then tap_ok "ping to the VIP continues after failover"; else tap_fail "ping to the VIP continues after failover" "only $last of the last 20 answered"; fi
tap_check "client neighbour is still the VMAC" neigh

ip -n r1 link set eth0 up
tap_check "r1 preempts back when its link returns" nl r1 wait 20 dev eth0 vrid 10 state Master reason preempt
tap_check "r2 back to Backup" nl r2 wait 10 dev eth0 vrid 10 state Backup

tap_check "vrid 20: r2 Backup" nl r2 wait 20 dev eth0 vrid 20 state Backup
nl r1 monitor 40 >"$TMPDIR/ev1" &
nl r2 monitor 40 >"$TMPDIR/ev2" &
wait_for 20 grep -q ready "$TMPDIR/ev1"
wait_for 20 grep -q ready "$TMPDIR/ev2"
nl r1 del dev eth0 vrid 20
nl r2 wait 15 dev eth0 vrid 20 state Master
sleep 1
res=$(python3 - "$TMPDIR/ev1" "$TMPDIR/ev2" <<'PY'
import json, sys
def ev(p, state):
    for l in open(p):
        e = json.loads(l)
        if e.get("vrid") == 20 and e.get("state") == state:
            return e
a, b = ev(sys.argv[1], "Init"), ev(sys.argv[2], "Master")
if not a or not b:
    print("missing events"); sys.exit(1)
ms = (b["ts"] - a["ts"]) / 1e6
print("%s after %.0f ms" % (b["reason"], ms))
sys.exit(0 if b["reason"] == "priority_zero" and ms < 4000 else 1)
PY
)
if [ $? = 0 ]; then
	tap_ok "priority 0 on delete: r2 Master, $res (skew 1.8 s, Master_Down 10.8 s)"
else
	tap_fail "priority 0 on delete" "$res"
fi
tap_done
