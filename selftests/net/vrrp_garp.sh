#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Announcements on becoming Master: exactly `garp` gratuitous ARPs per IPv4
# VIP (sender and target the VIP, from the VMAC, with the VMAC as target
# hardware address too: RFC 9568 6.4.1) spaced by garp_delay, and
# then none until garp_refresh is set, when they repeat; IPv6 VIPs get
# unsolicited neighbour advertisements with the router flag, as many as
# `garp` asks.
# vrrp-selftest: timeout=300
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
skip_unless_cmd tcpdump
tap_plan 6

vrrp_topo r1 c
kill_vrrpctl

in_ns c tcpdump -l -e -n -v -i eth0 'arp or (icmp6 and ip6[40] == 136)' \
	>"$TMPDIR/an.txt" 2>/dev/null &
tcpd=$!
on_exit kill $tcpd
sleep 2
nl r1 add dev eth0 vrid 40 prio 150 garp 3 garp_delay 300 vip 192.0.2.240 vip 192.0.2.241
nl r1 add dev eth0 vrid 41 family inet6 prio 150 garp 2 garp_delay 300 vip 2001:db8::241
tap_check "both VRs Master" sh -c "ip netns exec r1 $VNL wait 20 dev eth0 vrid 40 state Master &&
	ip netns exec r1 $VNL wait 10 dev eth0 vrid 41 family inet6 state Master"
# the burst is over 0.6 s after the transition; leave TCG some slack
sleep 4
garps() { grep "00:00:5e:00:01:28 > ff:ff:ff:ff:ff:ff" "$TMPDIR/an.txt" | grep -c "who-has $1 (00:00:5e:00:01:28) tell $1"; }
nas() { grep -c "tgt is $1, Flags \[router" "$TMPDIR/an.txt"; }
burst_ok()
{
	[ "$(garps 192.0.2.240)" = 3 ] && [ "$(garps 192.0.2.241)" = 3 ] &&
		[ "$(nas 2001:db8::241)" = 2 ]
}
tap_check "garp 3: three GARPs for each IPv4 VIP, from the VMAC, target hardware the VMAC" burst_ok
tap_check "garp 2: two unsolicited NAs with the router flag for the IPv6 VIP" sh -c "[ \$(grep -c 'tgt is 2001:db8::241, Flags \[router' '$TMPDIR/an.txt') = 2 ]"
grep -E "who-has|tgt is" "$TMPDIR/an.txt" | sed 's/^/# /' | head -n 12
sleep 3
tap_check "no refresh configured: no further GARPs" sh -c "[ \$(grep -c 'who-has 192.0.2.240 (00:00:5e:00:01:28) tell 192.0.2.240' '$TMPDIR/an.txt') = 3 ]"

nl r1 set dev eth0 vrid 40 garp_refresh 1000
n0=$(garps 192.0.2.240)
sleep 5
n1=$(garps 192.0.2.240)
tap_diag "refresh: $n0 GARPs before, $n1 five seconds later"
tap_check "garp_refresh 1000: GARPs repeat every second" test $((n1 - n0)) -ge 3
nl r1 set dev eth0 vrid 40 garp_refresh 0
# stopped: no new GARP in 3 s (with a 1 s refresh there would be 3); the
# retries only let a capture that lags under load catch up
quiet() { local n; n=$(garps 192.0.2.240); sleep 3; [ "$(garps 192.0.2.240)" = "$n" ]; }
tap_check "garp_refresh 0: the refresh stops" wait_for 20 quiet
tap_done
