#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vrrpctl daemon --snmp: the VRRPV3-MIB (RFC 6527) and, for VRRPv2, the
# VRRP-MIB (RFC 2787) as an AgentX subagent of net-snmp's snmpd. snmpwalk
# and snmpbulkwalk over SNMPv2c see every VR of `vrrpctl show -j -s` in the
# MIB of its version (operations, associated addresses, statistics, the
# global counters; selftests/net/snmp_cmp.py) and nothing else; writes are
# refused; the subagent comes back by itself when snmpd restarts, and the
# daemon lives on.
# vrrp-selftest: timeout=400
. "$(dirname "$0")/../lib.sh"

skip_unless_root
skip_unless_cmd jq ip snmpd snmpwalk snmpbulkwalk snmpset python3
[ -n "$VRRPCTL" ] && [ -x "$VRRPCTL" ] || skip_all "tool/vrrpctl not built"

D=$TMPDIR/daemon_snmp.$$
mkdir -p "$D"
cat >"$D/vrrp.conf" <<EOF
debug = 3
pid = "$D/vrrpctl.pid"
main_log = "$D/main.log"
error_log = "$D/error.log"

[[vrouter]]
group = 3
interface = "eth0"
vip = "10.0.0.3"
priority = 150
version = 3
EOF
cat >"$D/snmpd.conf" <<EOF
master agentx
agentXSocket $D/agentx
agentXPerms 0777 0777
rocommunity public 127.0.0.1
EOF
tap_plan 14

ns_create sw r1
lan_create sw r1 || skip_all "cannot build the topology"
in_ns r1 ip addr add 10.0.0.2/24 dev eth0
load_vrrp || skip_all "vrrp.ko does not load"
on_exit unload_vrrp
on_exit "in_ns r1 $VRRPCTL flush"

snmpd_start() {
	rm -f "$D/snmpd.pid"
	in_ns r1 snmpd -Lf "$D/snmpd.log" -C -c "$D/snmpd.conf" -p "$D/snmpd.pid" \
		udp:127.0.0.1:10161
	wait_for 20 test -S "$D/agentx"
}
SNMP="-v2c -c public -On -Oq -Ox -Ot -Oe 127.0.0.1:10161"
walk() { in_ns r1 snmpwalk $SNMP "${1:-1.3.6.1.2.1.207}" 2>&1; }
# the subagent has registered and answers with the VR of the config
rows() { walk | grep -q '^\.1\.3\.6\.1\.2\.1\.207\.1\.1\.1\.1\.6\.'; }

tap_check "snmpd with an AgentX master socket" snmpd_start
on_exit 'kill $(cat '"$D"'/snmpd.pid)'
in_ns r1 "$VRRPCTL" daemon -c "$D/vrrp.conf" --snmp="$D/agentx"
tap_check "daemon --snmp starts" wait_for 10 test -s "$D/vrrpctl.pid"
on_exit 'kill $(cat '"$D"'/vrrpctl.pid)'

in_ns r1 "$VRRPCTL" add dev eth0 vrid 6 family inet6 vip fe80::6 vip 2001:db8::6 prio 120 accept on
in_ns r1 "$VRRPCTL" add dev eth0 vrid 7 version 2 vip 10.0.0.7
tap_check "the VRs become Master" wait_for 30 sh -c \
	"[ \$(ip netns exec r1 '$VRRPCTL' show -j | jq '[.[] | select(.state == \"Master\")] | length') = 3 ]"
tap_check "snmpwalk 1.3.6.1.2.1.207: the operations table answers" wait_for 40 rows

# one consistent view: the counters of a lone Master do not move, except
# the adverts it sends (not in the MIB)
walk >"$D/walk.txt"
walk 1.3.6.1.2.1.68 >"$D/walk2.txt"
in_ns r1 "$VRRPCTL" show -j -s >"$D/show.json"
in_ns r1 "$VRRPCTL" show global -j >"$D/global.json"
sed 's/^/# /' "$D/walk.txt" | head -n 40

CMP="python3 $VRRP_TOP/selftests/net/snmp_cmp.py"
tap_check "VRRPV3-MIB: the v3 VRs' objects match show -j -s and show global -j, and nothing else" \
	$CMP v3 "$D/walk.txt" "$D/show.json" "$D/global.json" 2
sed 's/^/# /' "$D/walk2.txt" | head -n 12
tap_check "VRRP-MIB (RFC 2787): the v2 VR's objects match them, and nothing else" \
	$CMP v2 "$D/walk2.txt" "$D/show.json" "$D/global.json" 1
tap_check "the VRRPv2 VR (vrid 7) is not in the VRRPV3-MIB, the v3 ones not in the VRRP-MIB" sh -c "
	! grep -q '^\.1\.3\.6\.1\.2\.1\.207\.1\.1\.1\.1\.6\.[0-9]*\.7\.' '$D/walk.txt' &&
	grep -q '^\.1\.3\.6\.1\.2\.1\.68\.1\.3\.1\.3\.[0-9]*\.7 ' '$D/walk2.txt' &&
	! grep -q '^\.1\.3\.6\.1\.2\.1\.68\.1\.3\.1\.3\.[0-9]*\.[36] ' '$D/walk2.txt'"
tap_check "the IPv6 VR is indexed by ipv6(2), with both VIPs" sh -c "
	grep -q '^\.1\.3\.6\.1\.2\.1\.207\.1\.1\.1\.1\.8\.[0-9]*\.6\.2 2$' '$D/walk.txt' &&
	[ \$(grep -c '^\.1\.3\.6\.1\.2\.1\.207\.1\.1\.2\.1\.2\.[0-9]*\.6\.2\.16\.' '$D/walk.txt') = 2 ]"
in_ns r1 snmpbulkwalk $SNMP 1.3.6.1.2.1.207 >"$D/bulk.txt" 2>&1
in_ns r1 snmpbulkwalk $SNMP 1.3.6.1.2.1.68 >"$D/bulk2.txt" 2>&1
tap_check "snmpbulkwalk (GETBULK) gives the same objects, in both MIBs" sh -c "
	cmp -s '$D/walk.txt' '$D/bulk.txt' && cmp -s '$D/walk2.txt' '$D/bulk2.txt'"

ifx=$(jq '.[] | select(.vrid == 3) | .ifindex' "$D/show.json")
out=$(in_ns r1 snmpset -v2c -c public 127.0.0.1:10161 ".1.3.6.1.2.1.207.1.1.1.1.7.$ifx.3.1" u 10 2>&1)
tap_check "read-only: snmpset of a priority is refused ($(echo $out | cut -c1-60))" sh -c "
	! echo '$out' | grep -q '= Gauge32: 10' &&
	[ \$(ip netns exec r1 '$VRRPCTL' show -j | jq '.[] | select(.vrid == 3) | .priority') = 150 ]"

# snmpd goes and comes back: the subagent reconnects by itself
kill "$(cat "$D/snmpd.pid")"
sleep 2
tap_check "snmpd restarted" snmpd_start
tap_check "the subagent is back within 40 s" wait_for 40 rows
tap_check "and the daemon still runs" kill -0 "$(cat "$D/vrrpctl.pid")"
tap_check "the daemon logs a few snmp lines, not one per retry" sh -c "
	[ \$(grep -c 'snmp: ' '$D/error.log' 2>/dev/null || echo 0) -le 10 ]"

tap_done
