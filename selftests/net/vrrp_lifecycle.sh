#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Lifecycle: a batch applied twice causes no transition, BATCH_REPLACE
# deletes VRs left out, deleting the Master's netns hands over with
# priority 0, and rmmod with live VRs sends priority 0 and removes the VIPs.
# vrrp-selftest: timeout=300
# vrrp-selftest: smoke
# vrrp-selftest: kernels=all
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

SCALE=${VRRP_TIMEOUT_SCALE:-$([ "$VRRP_DEBUG_KERNEL" = 1 ] && echo 3 || echo 1)}

vrrp_begin
skip_unless_cmd tcpdump
tap_plan 9

vrrp_topo r1 r2
B1="dev eth0 vrid 1 prio 200 vip 192.0.2.254"
B2="dev eth0 vrid 2 prio 200 vip 192.0.2.253"
tap_check "batch create on r1" nl r1 batch -- $B1 -- $B2
nl r2 add dev eth0 vrid 1 prio 100 vip 192.0.2.254
kill_vrrpctl
tap_check "r1 Master" nl r1 wait 20 dev eth0 vrid 1 state Master
nl r2 wait 10 dev eth0 vrid 1 state Backup
nl r1 monitor 30 >"$TMPDIR/ev" &
mon1=$!
wait_for 20 grep -q ready "$TMPDIR/ev"
nl r1 batch -- $B1 -- $B2
nl r1 batch -- $B1 -- $B2
sleep 2
tap_check "same batch twice: no event" sh -c "[ \$(grep -vc ready '$TMPDIR/ev') = 0 ]"
tap_check "batch replace: vrid 2 deleted" sh -c "ip netns exec r1 $VNL batch replace -- $B1 && ! ip netns exec r1 $VNL get dev eth0 vrid 2 2>/dev/null"
tap_check "vrid 1 untouched" nl r1 wait 1 dev eth0 vrid 1 state Master

nl r2 monitor 40 >"$TMPDIR/ev2" &
wait_for 20 grep -q ready "$TMPDIR/ev2"
# nothing may keep r1's netns alive
kill $mon1 2>/dev/null
wait $mon1 2>/dev/null
ip netns pids r1 | xargs -r kill -9
ip netns del r1
tap_check "r1's netns deleted: r2 Master" nl r2 wait 20 dev eth0 vrid 1 state Master
sleep 1
tap_check "the handover was a priority-0 one" grep -q '"reason": "priority_zero"' "$TMPDIR/ev2"

# tcpdump says "listening on" once its socket is up: a fixed sleep was too
# short on a starved debug guest
in_ns sw timeout $((60 * SCALE)) tcpdump -l -n -v -i br0 'ip proto 112' \
	>"$TMPDIR/rm.txt" 2>"$TMPDIR/rm.err" &
wait_for $((20 * SCALE)) grep -q "listening on" "$TMPDIR/rm.err"
wait_for 10 has_addr r2 eth0 192.0.2.254
rmmod vrrp
tap_check "rmmod: priority 0 advert sent" wait_for $((10 * SCALE)) grep -q "prio 0" "$TMPDIR/rm.txt"
tap_check "rmmod: VIP removed" sh -c "! ip -n r2 addr show | grep -q 192.0.2.254"
tap_done
