#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Packet fuzzer: over 10,000 mutated and adversarial adverts, all claiming
# priority 254, from an attacker (c) at a Master (r1, priority 200) and a
# Backup (r2, priority 100) on one LAN, for a v3 IPv4, a v2 IPv4 (simple
# auth) and a v3 IPv6 VR: truncations, bad version/type/count/checksum/
# TTL/interval/auth/addresses, unknown VRIDs and VRIDs of another device
# or family, IP options, fragments, bad IP lengths and headers, random
# junk. No VR changes state or sees an event, the Master stays live, and
# each class moves exactly its RFC 6527 counter on both routers (the
# table is EXPECT in vrrp_pkt_fuzz.py). Then valid priority-254 adverts
# do make r1 Backup, so the frames really reach the routers.
# vrrp-selftest: timeout=300
# vrrp-selftest: kernels=debug-long
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

FUZZ="python3 $VRRP_TOP/selftests/net/vrrp_pkt_fuzz.py"

vrrp_begin
n=$($FUZZ --plan) || skip_all "vrrp_pkt_fuzz.py --plan failed"
tap_plan $((n + 1))

vrrp_topo r1 r2 c
# a VR with vrid 5 on another device of each router: adverts for vrid 5
# on eth0 are for no VR. ox1 joins no VRRP group, so it drops ox0's.
for r in r1 r2; do
	veth_pair "$r" ox0 "$r" ox1
	in_ns "$r" ip addr add 198.51.100.${r#r}/24 dev ox0
done
tap_diag "setup: topology after $SECONDS s"

# every event of both routers (the generator checks that none comes
# during the fuzz)
for r in r1 r2; do
	ip netns exec "$r" $VNL monitor >"$TMPDIR/ev-$r" 2>&1 &
	mons="${mons:-} $!"
done

# The VRs, the same on both routers but for the priority. r1 first: its
# Master_Down_Interval is the shorter and runs out first, so r2 starts
# under a live Master. The generator builds its frames while they elect,
# then waits for r1 Master and r2 Backup on every VR.
vr_args()
{
	echo "-- dev eth0 vrid 1 prio $1 vip 192.0.2.254" \
	     "-- dev eth0 vrid 2 version 2 prio $1 auth simple secret vip 192.0.2.253" \
	     "-- dev eth0 vrid 3 family inet6 prio $1 vip fe80::3 vip 2001:db8::fe" \
	     "-- dev ox0 vrid 5 prio $1 vip 198.51.100.254"
}
nl r1 batch $(vr_args 200)
nl r2 batch $(vr_args 100)

# the generator's result lines as TAP results (through a file: the guest
# has no /dev/fd for a process substitution)
$FUZZ ${VRRP_FUZZ_SEED:+--seed "$VRRP_FUZZ_SEED"} \
	--events "$TMPDIR/ev-r1,$TMPDIR/ev-r2" r1 r2 c eth0 >"$TMPDIR/gen.out" 2>&1
while IFS= read -r line; do
	case $line in
	"ok - "*) tap_ok "${line#ok - }" ;;
	"not ok - "*) tap_fail "${line#not ok - }" ;;
	"#"*) echo "$line" ;;
	*) echo "# $line" ;;
	esac
done <"$TMPDIR/gen.out"
# shellcheck disable=SC2086
kill $mons 2>/dev/null
wait 2>/dev/null
tap_diag "fuzz and control done after $SECONDS s"

tap_check "no kernel splat" dmesg_clean
tap_done
