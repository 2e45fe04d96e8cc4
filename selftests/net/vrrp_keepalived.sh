#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Interop with keepalived (Debian's) as the peer, for VRRPv2 IPv4, VRRPv3
# IPv4 and VRRPv3 IPv6: our module as Master with keepalived as Backup,
# failover to keepalived on link down and back, then keepalived as Master
# and our module taking over when keepalived stops. No vrrpctl runs.
# vrrp-selftest: timeout=600
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
skip_unless_cmd keepalived
tap_plan 15

vrrp_topo r1 r2
kill_vrrpctl

kstart()
{
	local conf=$TMPDIR/k-$1.conf
	cat >"$conf"
	ip netns exec r2 keepalived -n -l -D -P -f "$conf" \
		-p "$TMPDIR/k-$1.pid" -r "$TMPDIR/kv-$1.pid" \
		>"$TMPDIR/k-$1.log" 2>&1 &
	echo $! >"$TMPDIR/k-$1.main"
	on_exit kill "$(cat "$TMPDIR/k-$1.main")"
}
kstop() { kill "$(cat "$TMPDIR/k-$1.main")"; wait "$(cat "$TMPDIR/k-$1.main")" 2>/dev/null; }

# interop NAME VRID FAMILY VIP... -- OUR-ARGS -- KEEPALIVED-INSTANCE-LINES
interop()
{
	local name=$1 vrid=$2 fam=$3 vip=$4 kvip=$5 ours=$6 kconf=$7
	# 1: we are Master (200), keepalived Backup (100)
	nl r1 add dev eth0 vrid "$vrid" family "$fam" prio 200 $ours
	kstart "$name" <<EOC
global_defs {
	router_id r2-$name
	vrrp_garp_master_delay 0
}
vrrp_instance V$vrid {
	state BACKUP
	interface eth0
	virtual_router_id $vrid
	priority 100
	advert_int 1
$kconf
	virtual_ipaddress {
$kvip
	}
}
EOC
	tap_check "$name: module Master, keepalived Backup" sh -c "ip netns exec r1 $VNL wait 30 dev eth0 vrid $vrid family $fam state Master && sleep 4 && ip netns exec r1 $VNL wait 1 dev eth0 vrid $vrid family $fam state Master && ! ip -n r2 addr show dev eth0 | grep -q ' $vip/'"
	ip -n r1 link set eth0 down
	tap_check "$name: link down, keepalived takes the VIP" wait_for 15 has_addr r2 eth0 "$vip"
	ip -n r1 link set eth0 up
	tap_check "$name: link up, module preempts back" sh -c "ip netns exec r1 $VNL wait 30 dev eth0 vrid $vrid family $fam state Master && sleep 2 && ! ip -n r2 addr show dev eth0 | grep -q ' $vip/'"
	# 2: keepalived Master (our priority drops to 50), then it stops
	nl r1 set dev eth0 vrid "$vrid" family "$fam" prio 50
	tap_check "$name: keepalived Master, module Backup" sh -c "ip netns exec r1 $VNL wait 20 dev eth0 vrid $vrid family $fam state Backup && ip netns exec r1 $VNL get dev eth0 vrid $vrid family $fam | grep -q '\"master\": \"$8\"'"
	kstop "$name"
	tap_check "$name: keepalived stops, module takes over" nl r1 wait 15 dev eth0 vrid "$vrid" family "$fam" state Master
	nl r1 del dev eth0 vrid "$vrid" family "$fam"
	grep -iE "error|invalid|mismatch" "$TMPDIR/k-$name.log" | head -n 5 | sed 's/^/# keepalived: /'
}

interop v2 41 inet 192.0.2.241 "		192.0.2.241/32" \
	"version 2 auth simple secret vip 192.0.2.241" \
	"	version 2
	authentication {
		auth_type PASS
		auth_pass secret
	}" 192.0.2.2
interop v3ipv4 42 inet 192.0.2.242 "		192.0.2.242/32" \
	"version 3 vip 192.0.2.242" \
	"	version 3" 192.0.2.2
LL2=$(ip -n r2 -6 addr show dev eth0 scope link | sed -n 's/.*inet6 \(fe80::[0-9a-f:]*\).*/\1/p' | head -n1)
interop v3ipv6 43 inet6 2001:db8::243 "		fe80::43/64
		2001:db8::243/64" \
	"vip fe80::43/64 vip 2001:db8::243/64" \
	"	version 3
	native_ipv6" "$LL2"
tap_done
