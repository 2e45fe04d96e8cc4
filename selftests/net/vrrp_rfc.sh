#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# RFC 9568 / RFC 3768 / RFC 6527 points that adverts built by hand
# (vrrp_inject.py) reach: a zero address count is dropped (erratum 8299);
# an address list is matched as a set (a duplicated address is no match);
# the counters land where RFC 6527 puts them (every advert received by a
# VR in rx_adverts, a short PDU as a length error, a bad checksum only in
# the global counter); an address owner that hears another logs and counts
# it (erratum 8298); a v3 Master answers lower priorities at most once per
# half interval, a v2 Master not at all; the goodbye of a version change
# goes out as the old version; a failed goodbye is not counted; v2 adverts
# may be 255 s apart; NewMasterReason stays after leaving Master; accept
# mode off holds whatever MAC and interface a packet uses; an IPv6 advert
# from a source that is not link-local is dropped.
# vrrp-selftest: timeout=900
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
skip_unless_cmd tcpdump
python3 -c "import importlib.util as u, sys; sys.exit(not u.find_spec('scapy'))" ||
	skip_all "python3-scapy missing"
tap_plan 27

vrrp_topo r1 c
INJ="python3 $VRRP_TOP/selftests/net/vrrp_inject.py"
# one injector for the whole test (scapy's import costs a loaded TCG guest
# ten seconds and more): inj ARGS... hands it a command line and waits
# until the frames are sent
mkfifo "$TMPDIR/inj.in" "$TMPDIR/inj.ack"
in_ns c $INJ --serve "$TMPDIR/inj.in" "$TMPDIR/inj.ack" eth0 &
on_exit kill $!
inj() {
	local ans
	echo "$*" >"$TMPDIR/inj.in" && read -r ans <"$TMPDIR/inj.ack"
	[ "$ans" = ok ] || { echo "# inj $*: ${ans:-no answer}" >&2; return 1; }
}
# a train of N adverts a second apart: one advert makes a Backup for only
# Master_Down_Interval (3 s), less than the injector's or a waiter's start
# under a loaded TCG guest; the train holds it there while "wait" looks
train() {
	local n=$1 f
	shift
	f="$*"
	for _ in $(seq 2 "$n"); do f="$f -- gap=1 $*"; done
	inj $f
}
stat() { vr_field r1 eth0 "$1" "stats.$2"; }
gstat() { nl r1 global | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

dmesg_mark
nl r1 add dev eth0 vrid 1 prio 100 vip 192.0.2.254
nl r1 add dev eth0 vrid 2 version 2 prio 100 auth simple secret vip 192.0.2.250 vip 192.0.2.251
nl r1 add dev eth0 vrid 5 prio 255 vip 192.0.2.1
nl r1 add dev eth0 vrid 3 family inet6 prio 100 vip fe80::3 vip 2001:db8::fe
kill_vrrpctl
nl r1 wait 20 dev eth0 vrid 1 state Master
nl r1 wait 10 dev eth0 vrid 2 state Master
nl r1 wait 10 dev eth0 vrid 5 state Master
nl r1 wait 10 dev eth0 vrid 3 family inet6 state Master

# --- what is dropped, and where it is counted
a0=$(stat 1 addr_list_errors) r0=$(stat 1 rx_adverts)
inj vrid=1 prio=254 addrs= count=0
sleep 1
tap_check "count 0: dropped (still Master), addr_list_errors +1" sh -c "
	[ \$(ip netns exec r1 $VNL get dev eth0 vrid 1 field state) = Master ] &&
	[ \$(ip netns exec r1 $VNL get dev eth0 vrid 1 field stats.addr_list_errors) = $((a0 + 1)) ]"
tap_check "rx_adverts counts it (every advert the VR receives)" test "$(stat 1 rx_adverts)" = $((r0 + 1))

t0=$(stat 1 ttl_errors) r0=$(stat 1 rx_adverts)
inj vrid=1 prio=254 ttl=64
sleep 1
tap_check "TTL 64: ttl_errors +1 and rx_adverts +1" sh -c "
	[ $(stat 1 ttl_errors) = $((t0 + 1)) ] && [ $(stat 1 rx_adverts) = $((r0 + 1)) ]"

c0=$(gstat checksum_errors) r0=$(stat 1 rx_adverts) l0=$(stat 1 length_errors)
inj vrid=1 prio=254 csum=bad
sleep 1
tap_check "bad checksum: global checksum_errors +1, nothing per VR" sh -c "
	[ $(gstat checksum_errors) = $((c0 + 1)) ] && [ $(stat 1 rx_adverts) = $r0 ] &&
	[ $(stat 1 length_errors) = $l0 ]"
tap_check "proto_err_reason checksumError(3) on the VR it named" test "$(stat 1 proto_err_reason)" = 3

g0=$(gstat length_errors) c0=$(gstat checksum_errors)
inj vrid=1 prio=254 trunc=8 -- vrid=1 prio=254 trunc=11
sleep 1
tap_check "4-byte PDU: the VR's length_errors +1; 1-byte: global length_errors +1" sh -c "
	[ $(stat 1 length_errors) = $((l0 + 1)) ] && [ $(gstat length_errors) = $((g0 + 1)) ] &&
	[ $(gstat checksum_errors) = $c0 ]"

# an IPv6 advert comes from the sender's link-local address (RFC 9568
# 5.1.2.1): from a global one, a higher advert is dropped and counted
six="family=6 vrid=3 prio=254 addrs=fe80::3,2001:db8::fe dst=ff02::12"
s0=$(vr_field r1 eth0 3 stats.src_errors inet6)
inj $six src=2001:db8::99
sleep 1
tap_check "IPv6 advert from a global source: dropped (still Master), src_errors +1" sh -c "
	[ \$(ip netns exec r1 $VNL get dev eth0 vrid 3 family inet6 field state) = Master ] &&
	[ \$(ip netns exec r1 $VNL get dev eth0 vrid 3 family inet6 field stats.src_errors) = $((s0 + 1)) ]"
train 12 $six src=fe80::99 &
tr=$!
tap_check "the same advert from a link-local source is taken (Backup)" nl r1 wait 40 dev eth0 vrid 3 family inet6 state Backup
wait $tr

# v2 drops a list that differs (unless from the owner): as a set
good2="version=2 vrid=2 prio=254 auth=1 authdata=7365637265740000"
a0=$(stat 2 addr_list_errors)
inj $good2 addrs=192.0.2.250,192.0.2.250
sleep 1
tap_check "v2 list with a duplicate instead of a VIP: no match, dropped" sh -c "
	[ $(stat 2 addr_list_errors) = $((a0 + 1)) ] &&
	[ \$(ip netns exec r1 $VNL get dev eth0 vrid 2 field state) = Master ]"

# --- each drop is logged (pr_debug, rate-limited) once dynamic debug is on
ddc=/sys/kernel/debug/dynamic_debug/control
if [ -w $ddc ] && echo 'module vrrp +p' >$ddc 2>/dev/null; then
	inj vrid=1 prio=254 ttl=63
	dropped() { dmesg_since_mark | grep -q 'VRID 1: advert from 192.0.2.99 dropped: TTL not 255'; }
	tap_check "with dynamic debug on, a drop is logged with its reason" wait_for 5 dropped
	# and one that no VR takes, counted only in the namespace
	inj vrid=77 prio=100
	nodrop() { dmesg_since_mark | grep -q 'advert from 192.0.2.99 dropped: no VR with this VRID'; }
	tap_check "a drop for a VRID nobody has is logged too" wait_for 5 nodrop
	echo 'module vrrp -p' >$ddc
else
	tap_skip "with dynamic debug on, a drop is logged with its reason" "no dynamic debug"
	tap_skip "a drop for a VRID nobody has is logged too" "no dynamic debug"
fi

# --- the address owner hears another router
o0=$(stat 5 owner_conflicts)
inj vrid=5 prio=255 addrs=192.0.2.1 src=192.0.2.0
tap_check "owner: an advert from another owner is counted" wait_for 5 sh -c "[ \$(ip netns exec r1 $VNL get dev eth0 vrid 5 field stats.owner_conflicts) = $((o0 + 1)) ]"
logged() { dmesg_since_mark | grep -q 'VRID 5 on eth0: advert from 192.0.2.0 while we own the addresses'; }
tap_check "and logged" logged
tap_check "a lower address: the owner stays Master" sh -c "[ \$(ip netns exec r1 $VNL get dev eth0 vrid 5 field state) = Master ]"

# --- immediate answers: v3 at most one per half interval, v2 none
in_ns c tcpdump -l -n -i eth0 'ip proto 112 and ip src 192.0.2.1' >"$TMPDIR/ans.txt" 2>/dev/null &
tcpd=$!
on_exit kill $tcpd
sleep 2
low1= low2=
for i in $(seq 20); do low1="$low1 vrid=1 prio=50 --"; low2="$low2 $good2 prio=50 addrs=192.0.2.250,192.0.2.251 --"; done
# the injector takes seconds to start under TCG: count the adverts of the
# whole window against its length (one regular advert a second)
t0=$(date +%s)
n0=$(grep -c "vrid 1," "$TMPDIR/ans.txt") m0=$(grep -c "vrid 2," "$TMPDIR/ans.txt")
inj $low1 vrid=1 prio=50 -- $low2 $good2 prio=50 addrs=192.0.2.250,192.0.2.251
sleep 1.2
n1=$(grep -c "vrid 1," "$TMPDIR/ans.txt") m1=$(grep -c "vrid 2," "$TMPDIR/ans.txt")
secs=$(($(date +%s) - t0 + 1))
tap_diag "adverts in ${secs} s around 21 lower-priority ones each: v3 $((n1 - n0)), v2 $((m1 - m0))"
tap_check "v3 Master: 21 lower-priority adverts get at most one answer (plus the regular ones)" test $((n1 - n0)) -le $((secs + 1))
tap_check "v2 Master: no answer (RFC 3768 discards)" test $((m1 - m0)) -le "$secs"
tap_check "both still Master" sh -c "[ \$(ip netns exec r1 $VNL get dev eth0 vrid 1 field state) = Master ] &&
	[ \$(ip netns exec r1 $VNL get dev eth0 vrid 2 field state) = Master ]"

# --- the goodbye of a version change is in the old version
nl r1 add dev eth0 vrid 6 prio 150 vip 192.0.2.206
nl r1 wait 20 dev eth0 vrid 6 state Master
in_ns c tcpdump -l -n -v -i eth0 'ip proto 112 and ip[21] == 6' >"$TMPDIR/bye.txt" 2>/dev/null &
on_exit kill $!
sleep 2
nl r1 set dev eth0 vrid 6 version 2
sleep 2
grep -E "prio 0|VRRPv2" "$TMPDIR/bye.txt" | head -n 3 | sed 's/^/# /'
tap_check "version 3 -> 2: the priority 0 goodbye is a VRRPv3 advert" grep -q "VRRPv3, Advertisement, vrid 6, prio 0" "$TMPDIR/bye.txt"
tap_check "then v2 adverts" wait_for 10 grep -q "VRRPv2, Advertisement, vrid 6, prio 150" "$TMPDIR/bye.txt"

# --- v2 adverts up to 255 s apart (RFC 3768 8-bit seconds)
tap_check "v2 advert interval 255 s accepted" nl r1 add dev eth0 vrid 8 version 2 int 25500 vip 192.0.2.208
tap_check "and 256 s refused" sh -c "! ip netns exec r1 $VNL add dev eth0 vrid 9 version 2 int 25600 vip 192.0.2.209 2>/dev/null"
tap_check "v3 interval above 4095 cs refused with a reason" sh -c "ip netns exec r1 $VNL add dev eth0 vrid 9 int 4100 vip 192.0.2.209 2>&1 | grep -q 'at most 4095'"

# --- RFC 6527 NewMasterReason stays after leaving Master
train 8 vrid=1 prio=254 &
tr=$!
tap_check "a valid higher advert demotes vrid 1 (the injector reaches it)" nl r1 wait 40 dev eth0 vrid 1 state Backup
nl r1 set dev eth0 vrid 1 admin 0
tap_check "NewMasterReason is still masterNoResponse(3), in Backup and in Init" test "$(stat 1 new_master_reason)" = 3
wait $tr

# --- with unicast peers, a goodbye counts once one peer got it (what goes
# to the last one is dropped on output here)
ip netns exec r1 nft -f - <<'NFT'
table ip rfc_out {
	chain out { type filter hook output priority 0; ip daddr 203.0.113.9 drop; }
}
NFT
nl r1 add dev eth0 vrid 12 prio 150 vip 192.0.2.212 peer 192.0.2.100 peer 203.0.113.9
tap_check "vrid 12 with unicast peers, one of them dropped on output: Master" nl r1 wait 20 dev eth0 vrid 12 state Master
nl r1 set dev eth0 vrid 12 admin 0
tap_check "the goodbye reached a peer: tx_priority_zero 1" test "$(stat 12 tx_prio_zero)" = 1

# --- a goodbye that cannot be sent is not counted
nl r1 add dev eth0 vrid 7 prio 150 vip 192.0.2.207
nl r1 wait 20 dev eth0 vrid 7 state Master
ip -n r1 addr flush dev eth0
nl r1 set dev eth0 vrid 7 admin 0
tap_check "no address left to send from: tx_priority_zero stays 0" test "$(stat 7 tx_prio_zero)" = 0
tap_done
