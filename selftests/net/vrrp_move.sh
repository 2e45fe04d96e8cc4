#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Moving the Master's interface to another netns: the VR leaves with a
# priority-0 advert (the backup takes over at once), it is deleted with
# its VIP, nothing follows the interface into the new netns or back, and
# the module unloads afterwards (no netdev reference left behind).
# vrrp-selftest: timeout=300
# vrrp-selftest: debug
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
tap_plan 7

vrrp_topo r1 r2
ns_create far
nl r1 add dev eth0 vrid 7 prio 200 vip 192.0.2.207
nl r2 add dev eth0 vrid 7 prio 100 vip 192.0.2.207
kill_vrrpctl
tap_check "r1 Master, r2 Backup" sh -c "ip netns exec r1 $VNL wait 20 dev eth0 vrid 7 state Master &&
	ip netns exec r2 $VNL wait 10 dev eth0 vrid 7 state Backup"
wait_for 5 has_addr r1 eth0 192.0.2.207

nl r2 monitor 30 >"$TMPDIR/ev" &
wait_for 20 grep -q ready "$TMPDIR/ev"
ip -n r1 link set eth0 netns far
tap_check "r2 takes over" nl r2 wait 15 dev eth0 vrid 7 state Master
tap_check "through r1's priority-0 advert" wait_for 5 grep -q '"reason": "priority_zero"' "$TMPDIR/ev"
tap_check "r1 has no VR left" sh -c "[ \"\$(ip netns exec r1 $VNL show)\" = '[]' ]"
tap_check "the interface arrived without the VR or the VIP" sh -c "[ \"\$(ip netns exec far $VNL show)\" = '[]' ] && ! ip -n far addr show eth0 | grep -q 192.0.2.207"
ip -n far link set eth0 netns r1
ip -n r1 link set eth0 up
sleep 2
tap_check "moved back: still no VR, r2 still Master" sh -c "[ \"\$(ip netns exec r1 $VNL show)\" = '[]' ] && ip netns exec r2 $VNL wait 1 dev eth0 vrid 7 state Master"
ip netns pids r2 | xargs -r kill
tap_check "rmmod succeeds, no splat" unload_vrrp
tap_done
