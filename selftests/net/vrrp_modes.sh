#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# VMAC modes and Master-only resources: macvlan vif mode for IPv4 and IPv6
# (vif standby<vrid> with the VMAC holds the VIP, removed with the VR),
# no-VMAC mode (the interface's own MAC), accept mode off (the VIP does not
# answer, with and without a VMAC, to the VMAC, to the interface's MAC or
# from another interface) and on, and routes installed on Master only.
# vrrp-selftest: timeout=300
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
skip_unless_cmd tcpdump
modprobe macvlan 2>/dev/null
tap_plan 23

vrrp_topo r1 c
kill_vrrpctl

# macvlan vif
nl r1 add dev eth0 vrid 30 prio 150 vmac macvlan accept 1 vip 192.0.2.230
tap_check "vif mode: Master" nl r1 wait 20 dev eth0 vrid 30 state Master
tap_check "vif standby30 exists with the VMAC" wait_for 5 sh -c "ip -n r1 link show standby30 | grep -q 'link/ether 00:00:5e:00:01:1e'"
tap_check "VIP on the vif" wait_for 5 has_addr r1 standby30 192.0.2.230
tap_check "client reaches the VIP through the vif" wait_for 10 in_ns c ping -c1 -W1 192.0.2.230
nl r1 del dev eth0 vrid 30
tap_check "vif removed with the VR" wait_for 10 sh -c "! ip -n r1 link show standby30 2>/dev/null"

# macvlan vif, IPv6: VMAC :02:, the VIP on the vif without DAD
nl r1 add dev eth0 vrid 35 family inet6 prio 150 vmac macvlan accept 1 vip 2001:db8::235
tap_check "IPv6 vif mode: Master" nl r1 wait 20 dev eth0 vrid 35 family inet6 state Master
tap_check "vif standby35 exists with the IPv6 VMAC" wait_for 5 sh -c "ip -n r1 link show standby35 | grep -q 'link/ether 00:00:5e:00:02:23'"
tap_check "IPv6 VIP on the vif, not tentative" wait_for 5 sh -c "ip -n r1 -6 addr show dev standby35 | grep -q '2001:db8::235/' && ! ip -n r1 -6 addr show dev standby35 | grep -q tentative"
tap_check "client reaches the IPv6 VIP through the vif" wait_for 10 in_ns c ping -6 -c1 -W1 2001:db8::235
nl r1 del dev eth0 vrid 35 family inet6
tap_check "IPv6 vif removed with the VR" wait_for 10 sh -c "! ip -n r1 link show standby35 2>/dev/null"

# no VMAC
MAC=$(ip -n r1 -o link show eth0 | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
nl r1 add dev eth0 vrid 31 prio 150 vmac none accept 1 vip 192.0.2.231
nl r1 wait 20 dev eth0 vrid 31 state Master
in_ns c timeout 5 tcpdump -l -e -n -c 1 -i eth0 'ip proto 112 and ip[21] == 31' >"$TMPDIR/nv.txt" 2>/dev/null
tap_check "no-VMAC mode: adverts from the interface's MAC" grep -q "^.*$MAC > 01:00:5e:00:00:12" "$TMPDIR/nv.txt"
in_ns c ping -c1 -W1 192.0.2.231 >/dev/null
tap_check "no-VMAC mode: client neighbour is the interface's MAC" sh -c "ip -n c neigh show 192.0.2.231 | grep -q $MAC"

# accept mode
nl r1 add dev eth0 vrid 32 prio 150 accept 0 vip 192.0.2.232
nl r1 wait 20 dev eth0 vrid 32 state Master
wait_for 5 has_addr r1 eth0 192.0.2.232
tap_check "accept off: the VIP does not answer pings" sh -c "! ip netns exec c ping -c2 -W1 192.0.2.232"
# RFC 9568 6.4.3: not to the interface's own MAC either, nor on another link
ip -n c neigh replace 192.0.2.232 lladdr "$MAC" dev eth0
tap_check "accept off: nor when sent to the interface's own MAC" sh -c "! ip netns exec c ping -c2 -W1 192.0.2.232"
ip -n c neigh del 192.0.2.232 dev eth0
ns_create c2
veth_pair r1 eth1 c2 eth0
ip -n r1 addr add 203.0.113.1/24 dev eth1
ip -n c2 addr add 203.0.113.2/24 dev eth0
ip -n c2 route add default via 203.0.113.1
tap_check "another link reaches the router" wait_for 10 in_ns c2 ping -c1 -W1 203.0.113.1
tap_check "accept off: nor from another interface" sh -c "! ip netns exec c2 ping -c2 -W1 192.0.2.232"
nl r1 set dev eth0 vrid 32 accept 1
tap_check "accept on: the VIP answers" wait_for 10 in_ns c ping -c1 -W1 192.0.2.232
tap_check "accept on: from another interface too" wait_for 10 in_ns c2 ping -c1 -W1 192.0.2.232

# accept mode without a VMAC: the frame carries the interface's MAC
nl r1 add dev eth0 vrid 34 prio 150 vmac none accept 0 vip 192.0.2.234
nl r1 wait 20 dev eth0 vrid 34 state Master
wait_for 5 has_addr r1 eth0 192.0.2.234
tap_check "no-VMAC, accept off: the VIP does not answer pings" sh -c "! ip netns exec c ping -c2 -W1 192.0.2.234"
tap_check "no-VMAC, accept off: the router's own address still answers" in_ns c ping -c1 -W1 192.0.2.1
nl r1 set dev eth0 vrid 34 accept 1
tap_check "no-VMAC, accept on: the VIP answers" wait_for 10 in_ns c ping -c1 -W1 192.0.2.234

# routes on Master only
nl r1 add dev eth0 vrid 33 prio 150 vip 192.0.2.233 route 198.51.100.0/24@192.0.2.100
nl r1 wait 20 dev eth0 vrid 33 state Master
tap_check "route installed on Master" wait_for 5 sh -c "ip -n r1 route show 198.51.100.0/24 | grep -q 'via 192.0.2.100'"
nl r1 set dev eth0 vrid 33 admin 0
tap_check "route removed when leaving Master" wait_for 5 sh -c "! ip -n r1 route show 198.51.100.0/24 | grep -q via"
tap_done
