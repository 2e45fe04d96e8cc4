#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# VRRPv2 IPv4 with simple password auth: election, frames padded to the
# 60-byte Ethernet minimum from the VMAC with TTL 255 and TOS 0xc0,
# failover on link down and back, and an interval change on both routers
# that the Backup's Master_Down_Interval follows.
# vrrp-selftest: timeout=300
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
skip_unless_cmd tcpdump
[ -n "$VRRPCTL" ] && [ -x "$VRRPCTL" ] || skip_all "tool/vrrpctl not built"
tap_plan 9

vrrp_topo r1 r2 c
nl r1 add dev eth0 vrid 7 version 2 prio 150 auth simple secret vip 192.0.2.254
nl r2 add dev eth0 vrid 7 version 2 prio 100 auth simple secret vip 192.0.2.254
kill_vrrpctl
tap_check "r1 Master" nl r1 wait 20 dev eth0 vrid 7 state Master
tap_check "r2 Backup" nl r2 wait 10 dev eth0 vrid 7 state Backup
in_ns c timeout 6 tcpdump -l -e -n -v -c 2 -i eth0 'ip proto 112' \
	>"$TMPDIR/adv.txt" 2>/dev/null
sed 's/^/# /' "$TMPDIR/adv.txt" | head -n 4
adv_ok()
{
	grep -q "00:00:5e:00:01:07 > 01:00:5e:00:00:12, ethertype IPv4 (0x0800), length 60" "$TMPDIR/adv.txt" &&
	grep -q "tos 0xc0, ttl 255" "$TMPDIR/adv.txt" &&
	grep -q "VRRPv2, Advertisement, vrid 7, prio 150, authtype simple, intvl 1s" "$TMPDIR/adv.txt"
}
tap_check "v2 advert: 60-byte frame from the VMAC, TTL 255, TOS 0xc0, simple auth" adv_ok
ip -n r1 link set eth0 down
tap_check "r2 takes over on r1 link down" nl r2 wait 15 dev eth0 vrid 7 state Master
tap_check "VIP on r2" wait_for 5 has_addr r2 eth0 192.0.2.254
ip -n r1 link set eth0 up
tap_check "r1 preempts back" nl r1 wait 20 dev eth0 vrid 7 state Master
tap_check "r2 Backup again, VIP gone" sh -c "$VNL >/dev/null 2>&1; ip netns exec r2 $VNL wait 10 dev eth0 vrid 7 state Backup && sleep 1 && ! ip -n r2 addr show | grep -q 192.0.2.254"

# the interval goes from 1 s to 4 s on both: the Backup's Master_Down_Interval
# follows (12.6 s), it does not stay at 3.6 s and take over between adverts
nl r2 monitor 16 >"$TMPDIR/ev" &
wait_for 20 grep -q ready "$TMPDIR/ev"
# at once, and with vrrpctl (a python start can take seconds in a loaded
# guest): between the two, each side drops the other's adverts (RFC 3768
# 7.1: the interval must match), and the Backup's 3.6 s run out
in_ns r1 "$VRRPCTL" set dev eth0 vrid 7 advert-ms 4000 &
s1=$!
in_ns r2 "$VRRPCTL" set dev eth0 vrid 7 advert-ms 4000 &
s2=$!
wait $s1 $s2
sleep 14
wait
tap_check "interval 1 s -> 4 s on both: no transition in 14 s" sh -c "[ \$(grep -vc ready '$TMPDIR/ev') = 0 ]"
tap_check "r2's Master_Down_Interval is 12.6 s" sh -c "[ \$(ip netns exec r2 $VNL get dev eth0 vrid 7 field master_down_us) = 12609375 ]"
tap_done
