#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# VRRP on VRF slaves: the routers' eth0 is enslaved to a VRF device, where
# the IPv4 stack hands VRRP packets up with the VRF as the device. The VR
# is still found by the slave: one Master, one Backup, no VRID errors, and
# the Backup takes over when the Master goes. The Master's routes go in
# the VRF's table.
# vrrp-selftest: timeout=240
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
modprobe vrf 2>/dev/null
tap_plan 7

vrrp_topo r1 r2
for ns in r1 r2; do
	ip -n $ns link add blue type vrf table 10 2>/dev/null ||
		skip_all "no VRF support in this kernel"
	ip -n $ns link set blue up
	ip -n $ns link set eth0 master blue
	ip -n $ns addr flush dev eth0 scope global
done
ip -n r1 addr add 192.0.2.1/24 dev eth0
ip -n r2 addr add 192.0.2.2/24 dev eth0
nl r1 add dev eth0 vrid 9 prio 200 vip 192.0.2.209 route 198.51.100.0/24@192.0.2.2
nl r2 add dev eth0 vrid 9 prio 100 vip 192.0.2.209
nl r1 add dev eth0 vrid 19 family inet6 prio 200 vip 2001:db8::219
nl r2 add dev eth0 vrid 19 family inet6 prio 100 vip 2001:db8::219
kill_vrrpctl
tap_check "IPv4 on a VRF slave: r1 Master" nl r1 wait 20 dev eth0 vrid 9 state Master
tap_check "r2 Backup (it hears r1 through the VRF)" nl r2 wait 15 dev eth0 vrid 9 state Backup
tap_check "IPv6 on a VRF slave: r1 Master, r2 Backup" sh -c "
	ip netns exec r1 $VNL wait 20 dev eth0 vrid 19 family inet6 state Master &&
	ip netns exec r2 $VNL wait 15 dev eth0 vrid 19 family inet6 state Backup"
vrid_errors() { nl r2 global | python3 -c "import json,sys; print(json.load(sys.stdin)['vrid_errors'])"; }
e0=$(vrid_errors)
sleep 3
tap_check "no VRID errors on r2 while r1 advertises" test "$(vrid_errors)" = "$e0"
tap_check "the VIP is in r1's VRF" sh -c "ip -n r1 route show vrf blue table 10 | grep -q 192.0.2.209 ||
	ip -n r1 addr show dev eth0 | grep -q 192.0.2.209"
# a Master's routes on a VRF slave go in the VRF's table, not main
vrf_route() {
	ip -n r1 route show vrf blue 198.51.100.0/24 | grep -q 'via 192.0.2.2' &&
		! ip -n r1 route show table main 198.51.100.0/24 | grep -q .
}
tap_check "r1's route is in the VRF's table, not main" wait_for 10 vrf_route
ip -n r1 link set eth0 down
tap_check "r1 down: r2 takes over" nl r2 wait 15 dev eth0 vrid 9 state Master
tap_done
