#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Moving the Master's interface to another netns: the VR lets it go with a
# priority-0 advert (the backup takes over at once) and its VIP, and stays
# behind, detached; nothing follows the interface into the new netns; when
# it comes back the VR runs on it again; and the module unloads afterwards
# (no netdev reference left behind).
# vrrp-selftest: timeout=300
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
tap_plan 8

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
detached() { [ "$(nl r1 get dev eth0 vrid 7 field state)" = Init ] && [ "$(nl r1 get dev eth0 vrid 7 field ifindex)" = None ]; }
tap_check "r1 keeps its VR, detached (Init, no ifindex)" detached
tap_check "the interface arrived without the VR or the VIP" sh -c "[ \"\$(ip netns exec far $VNL show)\" = '[]' ] && ! ip -n far addr show eth0 | grep -q 192.0.2.207"
ip -n far link set eth0 netns r1
ip -n r1 link set eth0 up
# a move takes the addresses away: give r1 its own back
ip -n r1 addr add 192.0.2.1/24 dev eth0
sleep 2
tap_check "moved back: r1's VR runs on it again and preempts" nl r1 wait 20 dev eth0 vrid 7 state Master
tap_check "r2 Backup again" nl r2 wait 10 dev eth0 vrid 7 state Backup
ip netns pids r2 | xargs -r kill
tap_check "rmmod succeeds, no splat" unload_vrrp
tap_done
