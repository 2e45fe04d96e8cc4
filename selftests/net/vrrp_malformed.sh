#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Malformed adverts, one class per frame (built with scapy by
# vrrp_inject.py): each bumps its RFC 6527 counter
# (global: checksum, version, VRID, a PDU too short to name a VR; per VR:
# TTL, type, length, interval, auth, address list, source outside the
# unicast peers), rx_adverts counts every advert that reaches a VR, and
# none changes state; then a valid advert does (so the injector really
# reaches the router), and resetting one VR's counters leaves the others
# alone.
# vrrp-selftest: timeout=900
# vrrp-selftest: smoke
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
python3 -c "import importlib.util as u, sys; sys.exit(not u.find_spec('scapy'))" ||
	skip_all "python3-scapy missing"
tap_plan 22

vrrp_topo r1 c
INJ="python3 $VRRP_TOP/selftests/net/vrrp_inject.py"

nl r1 add dev eth0 vrid 1 prio 100 vip 192.0.2.254
nl r1 add dev eth0 vrid 2 version 2 prio 100 auth simple secret vip 192.0.2.253
nl r1 add dev eth0 vrid 3 family inet6 prio 100 vip fe80::3 vip 2001:db8::fe
nl r1 add dev eth0 vrid 4 prio 100 peer 192.0.2.50 vip 192.0.2.252
kill_vrrpctl
tap_check "v3 IPv4 VR Master" nl r1 wait 20 dev eth0 vrid 1 state Master
tap_check "v2 VR Master" nl r1 wait 10 dev eth0 vrid 2 state Master
tap_check "v3 IPv6 VR Master" nl r1 wait 10 dev eth0 vrid 3 family inet6 state Master

nl r1 wait 10 dev eth0 vrid 4 state Master
snap() { { nl r1 global; nl r1 show; } >"$TMPDIR/$1.json"; }
snap before
# every frame claims priority 254 from a higher address: accepted, it
# would turn the VR into Backup
good2="version=2 vrid=2 prio=254 addrs=192.0.2.253"
in_ns c $INJ eth0 \
	vrid=1 prio=254 ttl=64 -- \
	vrid=1 prio=254 csum=bad -- \
	vrid=1 prio=254 trunc=11 -- \
	vrid=4 prio=254 addrs=192.0.2.252 -- \
	vrid=1 prio=254 vfield=4 -- \
	vrid=77 prio=254 -- \
	vrid=1 prio=254 type=2 -- \
	vrid=1 prio=254 count=3 -- \
	vrid=1 prio=254 int=0 -- \
	$good2 auth=1 authdata=7365637265743f00 -- \
	$good2 auth=0 -- \
	$good2 auth=7 -- \
	$good2 int=200 auth=1 authdata=7365637265740000 -- \
	family=6 vrid=3 prio=254 addrs=2001:db8::fe,fe80::3 src=fe80::99 dst=ff02::12
sleep 2
snap after

# delta KIND VRID FIELD [FAMILY]: how much a counter grew
delta()
{
	python3 - "$TMPDIR/before.json" "$TMPDIR/after.json" "$@" <<'PY'
import json, sys
def load(p):
    g, vrs = [json.loads(l) for l in open(p) if l.strip()]
    return g, vrs
def get(p, kind, vrid, field, fam):
    g, vrs = load(p)
    if kind == "g":
        return g[field]
    for v in vrs:
        if v["vrid"] == int(vrid) and v["family"] == fam:
            return v["stats"][field] if kind == "s" else v[field]
b, a, kind, vrid, field = sys.argv[1:6]
fam = sys.argv[6] if len(sys.argv) > 6 else "inet"
x, y = get(b, kind, vrid, field, fam), get(a, kind, vrid, field, fam)
print(y - x if isinstance(x, int) else y)
PY
}
# grew [-N] KIND VRID FIELD [FAMILY]: the counter grew by 1 (or N)
grew()
{
	local want=1 n
	case $1 in -*) want=${1#-}; shift ;; esac
	n=$(delta "$@")
	[ "$n" = "$want" ] || { echo "grew by '$n', not $want"; return 1; }
}

tap_check "TTL 64 -> ttl_errors" grew s 1 ttl_errors
tap_check "bad checksum -> checksum_errors" grew g 0 checksum_errors
tap_check "1-byte advert (no VRID to name a VR) -> global length_errors" grew g 0 length_errors
tap_check "version 4 -> version_errors" grew g 0 version_errors
tap_check "unknown VRID -> vrid_errors" grew g 0 vrid_errors
tap_check "type 2 -> invalid_type" grew s 1 invalid_type
tap_check "count 3 with one address -> length_errors" grew s 1 length_errors
tap_check "interval 0 -> advert_int_errors" grew s 1 advert_int_errors
tap_check "v2 wrong password -> auth_failures" grew s 2 auth_failures
tap_check "v2 auth none vs simple -> auth_type_mismatch" grew s 2 auth_type_mismatch
tap_check "v2 auth type 7 -> invalid_auth_type" grew s 2 invalid_auth_type
tap_check "v2 interval 2 s vs 1 s -> advert_int_errors" grew s 2 advert_int_errors
tap_check "v3 IPv6 first address not link-local -> addr_list_errors" grew s 3 addr_list_errors inet6
nomaster() { [ "$(delta v 1 state)" = Master ] && [ "$(delta v 2 state)" = Master ] &&
	[ "$(delta v 3 state inet6)" = Master ] && [ "$(delta v 4 state)" = Master ] &&
	[ "$(delta s 1 master_transitions)" = 0 ]; }
tap_check "unicast VR: advert from a non-peer -> peer_errors" grew s 4 peer_errors
tap_check "all VRs still Master, no advert accepted" nomaster
# RFC 6527: rx_adverts counts what reached a VR (past the checksum and
# VRID checks), valid or not: vrid 1 four (TTL, type, count, interval),
# vrid 2 four, vrid 4 one; the bad checksum, the 1-byte one and version 4
# reach none
rx_ok() { [ "$(delta s 1 rx_adverts)" = 4 ] && [ "$(delta s 2 rx_adverts)" = 4 ] &&
	[ "$(delta s 4 rx_adverts)" = 1 ]; }
tap_check "rx_adverts: every advert that reached a VR, valid or not" rx_ok
# positive control: the same frame, valid (watch the event: Master_Down
# brings it back 3.2 s later, faster than polling under TCG)
nl r1 monitor 30 >"$TMPDIR/ev" &
wait_for 20 grep -q ready "$TMPDIR/ev"
in_ns c $INJ eth0 vrid=1 prio=254
tap_check "a valid higher-priority advert makes it Backup" wait_for 10 grep -q '"state": "Backup", .*"reason": "preempted"' "$TMPDIR/ev"

# reset: one VR's counters go to zero, the others keep theirs
stat() { vr_field r1 eth0 "$1" "stats.$2"; }
has_fail() { [ "$(stat 2 auth_failures)" -ge 1 ] && [ "$(stat 1 ttl_errors)" -ge 1 ]; }
tap_check "before the reset: vrid 1 and 2 have counted errors" has_fail
nl r1 reset dev eth0 vrid 1
reset_ok() { [ "$(stat 1 ttl_errors)" = 0 ] && [ "$(stat 1 length_errors)" = 0 ] &&
	[ "$(stat 2 auth_failures)" -ge 1 ]; }
tap_check "reset vrid 1: its counters are 0, vrid 2 keeps its own" reset_ok
tap_done
