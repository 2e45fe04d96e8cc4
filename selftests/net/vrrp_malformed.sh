#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Malformed adverts, one class at a time, each bumps its RFC 6527 counter
# and changes no state; a valid advert then does (the injector works).
# vrrp-selftest: timeout=300
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
tap_plan 17

vrrp_topo r1 c
INJ="python3 $VRRP_TOP/selftests/net/vrrp_inject.py"
inj() { in_ns c $INJ eth0 "$@"; }
gstat() { nl r1 global | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
stat() { vr_field r1 eth0 "$1" "stats.$2" "${3:-inet}"; }

nl r1 add dev eth0 vrid 1 prio 100 vip 192.0.2.254
nl r1 add dev eth0 vrid 2 version 2 prio 100 auth simple secret vip 192.0.2.253
nl r1 add dev eth0 vrid 3 family inet6 prio 100 vip fe80::3 vip 2001:db8::fe
kill_vrrpctl

# counter_bumps NAME GETTER... -- INJECT-ARGS
counter_bumps()
{
	local name=$1 before after i
	shift
	local get=()
	while [ "$1" != -- ]; do get+=("$1"); shift; done
	shift
	before=$("${get[@]}")
	inj "$@"
	for i in $(seq 20); do
		after=$("${get[@]}")
		[ -n "$after" ] && [ "$after" != "$before" ] && break
		sleep 0.25
	done
	if [ -n "$after" ] && [ "$after" != "$before" ]; then
		tap_ok "$name"
	else
		tap_fail "$name" "counter stayed at '$before'"
	fi
}
stat6() { vr_field r1 eth0 "$1" "stats.$2" inet6; }
vr_all_master() { is_state r1 eth0 1 Master && is_state r1 eth0 2 Master && is_state r1 eth0 3 Master inet6; }
rx_zero() { [ "$(stat 1 rx_adverts)" = 0 ] && [ "$(stat 2 rx_adverts)" = 0 ]; }

tap_check "VRs become Master" wait_for 20 vr_all_master
counter_bumps "TTL 64 -> ttl_errors" stat 1 ttl_errors -- vrid=1 prio=254 ttl=64
counter_bumps "bad checksum -> checksum_errors" gstat checksum_errors -- vrid=1 prio=254 csum=bad
counter_bumps "version 4 -> version_errors" gstat version_errors -- vrid=1 prio=254 vfield=4
counter_bumps "unknown VRID -> vrid_errors" gstat vrid_errors -- vrid=77 prio=254
counter_bumps "type 2 -> invalid_type" stat 1 invalid_type -- vrid=1 prio=254 type=2
counter_bumps "count 3 with one address -> length_errors" stat 1 length_errors -- vrid=1 prio=254 count=3
counter_bumps "interval 0 -> advert_int_errors" stat 1 advert_int_errors -- vrid=1 prio=254 int=0
counter_bumps "v2 wrong password -> auth_failures" stat 2 auth_failures -- version=2 vrid=2 prio=254 addrs=192.0.2.253 auth=1 authdata=7365637265743f00
counter_bumps "v2 auth none vs simple -> auth_type_mismatch" stat 2 auth_type_mismatch -- version=2 vrid=2 prio=254 addrs=192.0.2.253 auth=0
counter_bumps "v2 auth type 7 -> invalid_auth_type" stat 2 invalid_auth_type -- version=2 vrid=2 prio=254 addrs=192.0.2.253 auth=7
counter_bumps "v2 interval 2 s vs 1 s -> advert_int_errors" stat 2 advert_int_errors -- version=2 vrid=2 prio=254 int=200 addrs=192.0.2.253 auth=1 authdata=7365637265740000
counter_bumps "v3 IPv6 first address global -> addr_list_errors" stat6 3 addr_list_errors -- family=6 vrid=3 prio=254 addrs=2001:db8::fe,fe80::3 src=fe80::99 dst=ff02::12 2>/dev/null

sleep 1
tap_check "v3 VR still Master" is_state r1 eth0 1 Master
tap_check "v2 VR still Master" is_state r1 eth0 2 Master
tap_check "no advert accepted" rx_zero
# positive control: the same frame, valid, takes Master away
inj vrid=1 prio=254
tap_check "a valid higher-priority advert makes it Backup" wait_state 5 r1 eth0 1 Backup
tap_done
