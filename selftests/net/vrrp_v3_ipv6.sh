#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# VRRPv3 over IPv6: adverts from the link-local address to ff02::12 with
# the IPv6 VMAC 00:00:5e:00:02:VRID, hop limit 255, a link-local address
# first in the list; the client learns the VMAC for the VIP; Master and
# the VIP move on link down while a ping6 to the VIP keeps working.
# vrrp-selftest: timeout=300
# vrrp-selftest: smoke
# vrrp-selftest: kernels=release
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
skip_unless_cmd tcpdump
tap_plan 10

vrrp_topo r1 r2 c
nl r1 add dev eth0 vrid 5 family inet6 prio 200 accept 1 vip 2001:db8::fe
nl r2 add dev eth0 vrid 5 family inet6 prio 100 accept 1 vip 2001:db8::fe
kill_vrrpctl
tap_check "r1 Master" nl r1 wait 20 dev eth0 vrid 5 family inet6 state Master
tap_check "r2 Backup" nl r2 wait 10 dev eth0 vrid 5 family inet6 state Backup

in_ns c timeout 6 tcpdump -l -e -n -v -c 2 -i eth0 'ip6 and ip6[6] == 112' \
	>"$TMPDIR/adv.txt" 2>/dev/null
sed 's/^/# /' "$TMPDIR/adv.txt" | head -n 4
adv_ok()
{
	grep -q "^.*00:00:5e:00:02:05 > 33:33:00:00:00:12" "$TMPDIR/adv.txt" &&
	grep -q "hlim 255" "$TMPDIR/adv.txt" &&
	grep -q "class 0xc0" "$TMPDIR/adv.txt" &&
	grep -Eq "fe80::[0-9a-f:]+ > ff02::12" "$TMPDIR/adv.txt"
}
tap_check "advert: VMAC :02:, link-local source, ff02::12, hlim 255, class 0xc0" adv_ok
tap_check "VIP on r1" wait_for 5 has_addr r1 eth0 2001:db8::fe
tap_check "client pings the VIP" wait_for 10 in_ns c ping -6 -c1 -W1 2001:db8::fe
neigh6() { ip -n c -6 neigh show 2001:db8::fe | grep -q "lladdr 00:00:5e:00:02:05"; }
tap_check "client neighbour for the VIP is the VMAC" wait_for 5 neigh6
ip -n c -6 neigh show | sed 's/^/# /'

in_ns c ping -6 -i 0.2 -W 1 2001:db8::fe >"$TMPDIR/ping.out" 2>&1 &
pingpid=$!
on_exit kill $pingpid
sleep 2
kill_vrrpctl
ip -n r1 link set eth0 down
tap_check "r2 takes over on r1 link down" nl r2 wait 15 dev eth0 vrid 5 family inet6 state Master
tap_check "VIP moved to r2" wait_for 5 has_addr r2 eth0 2001:db8::fe
sleep 4
kill $pingpid 2>/dev/null
wait $pingpid 2>/dev/null
last=$(tail -n 15 "$TMPDIR/ping.out" | grep -c "bytes from")
if [ "$last" -ge 5 ]; then tap_ok "ping6 to the VIP continues after failover"; else tap_fail "ping6 to the VIP continues after failover" "$last of the last 15 answered"; fi
tap_check "client neighbour still the VMAC" neigh6
tap_done
