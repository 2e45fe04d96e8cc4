#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# VRRPv2 auth mismatches between two module routers: a wrong key (simple,
# P0, P1; P0/P1 keys that differ only after byte 8) or a different auth
# type makes each router drop the other's adverts, count them
# (auth_failures / auth_type_mismatch in show -s -j), and both become
# Master. Simple keys that differ only after byte 8 still match, and
# fixing a key ends the split.
# vrrp-selftest: timeout=300
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"
. "$(dirname "$0")/h7_lib.sh"

h7_begin
tap_plan 12

vrrp_topo r1 r2
# vrid: "r1-auth r1-key r2-auth r2-key counter"
declare -A CASE=(
	[21]="simple secret simple secreT auth_failures"
	[22]="p0 p0-secret-AAAA p0 p0-secret-AAAB auth_failures"
	[23]="p1 p1-secret-AAAA p1 p1-secret-AAAB auth_failures"
	[24]="p0 same-secret p1 same-secret auth_type_mismatch"
	[25]="simple secret none - auth_type_mismatch"
	[26]="simple secret12X simple secret12Y -"
)
IDS="21 22 23 24 25 26"
vadd() # NS VRID PRIO AUTH KEY
{
	local a=(add dev eth0 vrid "$2" version 2 advert-ms 1000 vip "192.0.2.$2" prio "$3")
	if [ "$4" = none ]; then a+=(auth none); else a+=(auth "$4" key "$5"); fi
	vctl "$1" "${a[@]}" || tap_diag "$1: vrrpctl ${a[*]} failed"
}
for id in $IDS; do
	set -- ${CASE[$id]}
	vadd r1 $id 200 "$1" "$2"
	vadd r2 $id 100 "$3" "$4"
done
kill_vrrpctl

both_master() { is_vstate r1 eth0 "$1" inet Master && is_vstate r2 eth0 "$1" inet Master; }
for id in 21 22 23 24 25; do
	set -- ${CASE[$id]}
	what="vrid $id ($1 '$2' vs $3 '$4')"
	if wait_for 20 both_master $id && sleep 3 && both_master $id; then
		tap_ok "$what: adverts ignored, both Master"
	else
		tap_fail "$what: adverts ignored, both Master"
		vr_diag r1 eth0 $id inet; vr_diag r2 eth0 $id inet
	fi
	c1=$(vstat r1 eth0 $id inet "$5")
	c2=$(vstat r2 eth0 $id inet "$5")
	if [ "$c1" -gt 0 ] && [ "$c2" -gt 0 ]; then
		tap_ok "$what: $5 counted on both ($c1, $c2)"
	else
		tap_fail "$what: $5 counted on both" "r1 $c1, r2 $c2"
		vr_diag r1 eth0 $id inet; vr_diag r2 eth0 $id inet
	fi
done

if wait_vstate 20 r1 eth0 26 inet Master && wait_vstate 10 r2 eth0 26 inet Backup; then
	tap_ok "simple keys equal in their first 8 bytes match: r1 Master, r2 Backup"
else
	tap_fail "simple keys equal in their first 8 bytes match"
	vr_diag r1 eth0 26 inet; vr_diag r2 eth0 26 inet
fi

vctl r2 set dev eth0 vrid 22 auth p0 key p0-secret-AAAA || tap_diag "set key failed"
kill_vrrpctl
if wait_vstate 15 r2 eth0 22 inet Backup && wait_vstate 5 r1 eth0 22 inet Master; then
	tap_ok "P0 key fixed on r2: r2 goes Backup"
else
	tap_fail "P0 key fixed on r2: r2 goes Backup"; vr_diag r2 eth0 22 inet
fi
tap_done
