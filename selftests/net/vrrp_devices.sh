#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Devices come and go under live VRs: a VR whose interface is deleted stays,
# detached (Init, no ifindex), and runs again on a new interface of the
# same name; tracking is by name (a tracked device deleted and made again,
# or configured before it exists, counts once it is up); a macvlan vif
# deleted by hand comes back with its VIP; a VR deleted and made again at
# once (owner, forced Master, vif mode) always ends up with its VIPs; a
# link flap quicker than the VR's work gets its routes and IPv6 VIPs
# installed again; and after all that rmmod leaves no device waiting for
# a reference.
# vrrp-selftest: timeout=400
# vrrp-selftest: kernels=debug-long
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
modprobe macvlan 2>/dev/null
modprobe dummy 2>/dev/null
tap_plan 19

vrrp_topo r1 r2
dmesg_mark
nl r1 add dev eth0 vrid 1 prio 200 vip 192.0.2.201
nl r2 add dev eth0 vrid 1 prio 100 vip 192.0.2.201
kill_vrrpctl
tap_check "r1 Master, r2 Backup" sh -c "ip netns exec r1 $VNL wait 20 dev eth0 vrid 1 state Master &&
	ip netns exec r2 $VNL wait 10 dev eth0 vrid 1 state Backup"

# the parent goes: r1's VR stays, detached; r2 takes over
ip -n r1 link del eth0
detached() {
	nl r1 show | python3 -c "
import json, sys
v = [x for x in json.load(sys.stdin) if x['vrid'] == 1]
sys.exit(not (v and v[0]['state'] == 'Init' and v[0]['ifindex'] is None
              and v[0]['interface'] == 'eth0'))"
}
tap_check "eth0 deleted: r1's VR stays, Init, detached (no ifindex)" detached
tap_check "r2 takes over" nl r2 wait 15 dev eth0 vrid 1 state Master
# a new eth0 with the same name: the VR runs on it and preempts
ip link add eth0 netns r1 type veth peer name p-r1 netns sw
bridge_port sw br0 p-r1
ip -n r1 addr add 192.0.2.1/24 dev eth0
ip -n r1 link set eth0 up
tap_check "new eth0: r1's VR runs on it and preempts" nl r1 wait 20 dev eth0 vrid 1 state Master
tap_check "the VIP is on the new eth0" wait_for 10 has_addr r1 eth0 192.0.2.201
tap_check "r2 Backup again" nl r2 wait 10 dev eth0 vrid 1 state Backup

# tracking by name
ip -n r1 link add trk0 type dummy
ip -n r1 link set trk0 up
nl r1 add dev eth0 vrid 2 prio 150 track trk0:0 vip 192.0.2.202
tap_check "tracked trk0 up: vrid 2 runs" nl r1 wait 20 dev eth0 vrid 2 state Master
ip -n r1 link del trk0
tap_check "trk0 deleted: vrid 2 in fault (Init)" nl r1 wait 10 dev eth0 vrid 2 state Init
ip -n r1 link add trk0 type dummy
ip -n r1 link set trk0 up
tap_check "trk0 made again: vrid 2 runs again" nl r1 wait 20 dev eth0 vrid 2 state Master
nl r1 add dev eth0 vrid 4 prio 150 track later0:0 vip 192.0.2.204
tap_check "tracking a device that does not exist yet: Init" nl r1 wait 5 dev eth0 vrid 4 state Init
ip -n r1 link add later0 type dummy
ip -n r1 link set later0 up
tap_check "it appears: the VR runs" nl r1 wait 20 dev eth0 vrid 4 state Master

# a vif deleted by hand comes back with its VIP
nl r1 add dev eth0 vrid 3 prio 150 vmac macvlan accept 1 vip 192.0.2.203
nl r1 wait 20 dev eth0 vrid 3 state Master
wait_for 10 has_addr r1 standby3 192.0.2.203
ip -n r1 link del standby3
tap_check "vif deleted by hand: made again, with the VIP" wait_for 15 has_addr r1 standby3 192.0.2.203

# deleted and made again at once: the new VR keeps its VIPs
recreate()
{
	ip netns exec r1 python3 - "$VRRP_TOP/selftests/net" "$@" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import vrrp_nl as v
g = v.Genl()
args = sys.argv[2:]
key = args[:4]
for _ in range(10):
    g.request(g.fid, v.C["VRRP_CMD_DEL"], v.vr_attrs(key))
    r = g.request(g.fid, v.C["VRRP_CMD_NEW"], v.vr_attrs(args))
    if isinstance(r, int):
        sys.exit("NEW failed: %d" % r)
PY
}
# 200 VIPs: the old VR's work takes long enough removing them for the new
# one's to run in between, if nothing orders them
vips=$(for i in $(seq 200); do printf 'vip 10.10.%d.%d ' $((i / 100)) $((i % 100 + 1)); done)
nl r1 add dev eth0 vrid 10 prio 255 $vips
nl r1 wait 20 dev eth0 vrid 10 state Master
n200() { [ "$(ip -n r1 -4 addr show dev eth0 | grep -c 'inet 10\.10\.')" = 200 ]; }
wait_for 30 n200
recreate dev eth0 vrid 10 prio 255 $vips
tap_check "owner with 200 VIPs deleted and made again 10 times: all 200 there" wait_for 30 n200
ip -n r1 -4 addr show dev eth0 | grep -c 'inet 10\.10\.' | sed 's/^/# VIPs installed: /'
nl r1 add dev eth0 vrid 11 prio 100 force master vip 192.0.2.212
recreate dev eth0 vrid 11 prio 100 force master vip 192.0.2.212
tap_check "forced Master deleted and made again 10 times: VIP there" wait_for 15 has_addr r1 eth0 192.0.2.212
nl r1 add dev eth0 vrid 12 prio 255 vmac macvlan vip 192.0.2.213
nl r1 wait 20 dev eth0 vrid 12 state Master
recreate dev eth0 vrid 12 prio 255 vmac macvlan vip 192.0.2.213
tap_check "vif-mode owner deleted and made again 10 times: vif and VIP there" wait_for 20 has_addr r1 standby12 192.0.2.213

# a link flap quicker than the work: what the kernel removed on the way
# down (routes, IPv6 addresses) is installed again
nl r1 add dev eth0 vrid 20 prio 255 vip 192.0.2.220 route 198.51.100.0/24@192.0.2.2
nl r1 add dev eth0 vrid 21 family inet6 prio 255 vip 2001:db8::221
nl r1 wait 20 dev eth0 vrid 21 family inet6 state Master
route20() { ip -n r1 route show 198.51.100.0/24 | grep -q 'via 192.0.2.2'; }
wait_for 10 route20
printf 'link set eth0 down\nlink set eth0 up\n' | ip -n r1 -batch -
tap_check "a quick link flap: the owner's route is back" wait_for 20 route20
tap_check "and its IPv6 VIP" wait_for 20 has_addr r1 eth0 2001:db8::221

nl r1 flush
nl r2 flush
tap_check "after flush: no VIP and no vif left" wait_for 15 sh -c "
	! ip -n r1 addr show | grep -q '192\.0\.2\.2[01][0-9]/' &&
	! ip -n r1 addr show | grep -q 'inet 10\.10\.' && ! ip -n r1 link show | grep -q standby"
rmmod vrrp
noleak() { ! dmesg_since_mark | grep -E 'waiting for .* to become free|unregister_netdevice: waiting'; }
tap_check "rmmod: no device left waiting for a reference" noleak
tap_done
