#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The scale bench's pieces (sourced by bench/scale.sh): two routers r1
# and r2 in two netns joined by one veth, VLAN sub-interfaces eth0.1 ..
# eth0.N with up to 250 VRs each, r1 Master of every VR and r2 Backup;
# vrrp.ko or keepalived runs them, and a window measures the guest's CPU,
# the adverts on the wire and the transitions.

SC_D=${SC_D:-$(mktemp -d "$TMPDIR/scale.XXXXXX")}
KA_PIDS=

# sc_topo NVLAN: r1 and r2, one veth, NVLAN VLANs (10.V.0.1 / .2)
sc_topo()
{
	local v
	ns_create r1 r2 || return 1
	ip -n r1 link add eth0 type veth peer name eth0 netns r2 || return 1
	for ns in r1 r2; do
		ip -n "$ns" link set eth0 up
		ip netns exec "$ns" sysctl -qw net.ipv4.conf.all.arp_ignore=1
	done
	for v in $(seq 1 "$1"); do
		for ns in r1 r2; do
			ip -n "$ns" link add link eth0 name "eth0.$v" type vlan id "$v"
			ip -n "$ns" addr add "10.$v.0.$([ "$ns" = r1 ] && echo 1 || echo 2)/16" dev "eth0.$v"
			ip -n "$ns" link set "eth0.$v" up
		done
	done
}

sc_clean()
{
	ip netns del r1 2>/dev/null
	ip netns del r2 2>/dev/null
	sleep 1
}

# sc_vrrp_conf FILE N INTERVAL_MS PRIO: N VRs, 250 per VLAN, rVRRPd TOML
sc_vrrp_conf()
{
	local i v g
	{
		echo 'debug = 0'
		for i in $(seq 0 $(($2 - 1))); do
			v=$((i / 250 + 1)) g=$((i % 250 + 1))
			printf '[[vrouter]]\ngroup = %d\ninterface = "eth0.%d"\nvip = "10.%d.1.%d"\npriority = %d\npreemption = true\nversion = 3\ntimers = { advert_ms = %d }\n' \
				"$g" "$v" "$v" "$g" "$4" "$3"
		done
	} >"$1"
}

# sc_ka_conf FILE N INTERVAL_MS PRIO: the same VRs for keepalived
sc_ka_conf()
{
	local i v g st
	st=$([ "$4" -gt 150 ] && echo MASTER || echo BACKUP)
	{
		printf 'global_defs {\n  router_id %s\n  vrrp_garp_master_delay 0\n  vrrp_garp_master_repeat 1\n}\n' "r$4"
		for i in $(seq 0 $(($2 - 1))); do
			v=$((i / 250 + 1)) g=$((i % 250 + 1))
			printf 'vrrp_instance v%d_%d {\n  state %s\n  interface eth0.%d\n  virtual_router_id %d\n  priority %d\n  advert_int %s\n  version 3\n  virtual_ipaddress {\n    10.%d.1.%d\n  }\n}\n' \
				"$v" "$g" "$st" "$v" "$g" "$4" \
				"$(awk -v m="$3" 'BEGIN { printf "%g", m / 1000 }')" "$v" "$g"
		done
	} >"$1"
}


# sc_ns_pkts NS DIR: packets of eth0 in NS (DIR tx or rx)
sc_ns_pkts() { ip netns exec "$1" cat "/sys/class/net/eth0/statistics/$2_packets"; }

# sc_vrrp_trans NS: the sum of the VRs' Master transitions and the count
# of Masters in NS
sc_vrrp_trans()
{
	ip netns exec "$1" "$VRRPCTL" show -j -s | python3 -c '
import json, sys
v = json.load(sys.stdin)
print(sum(x["stats"]["master_transitions"] for x in v),
      sum(x["state"] == "Master" for x in v))'
}

# sc_deferred NS: the VRs' Master_Down_Timer expiries deferred so far
# (an overloaded receive path, kmod/fsm.c: vrrp_down_defer())
sc_deferred()
{
	ip netns exec "$1" "$VRRPCTL" show -j -s | python3 -c '
import json, sys
print(sum(x["stats"].get("master_down_deferred", 0) for x in json.load(sys.stdin)))'
}

# sc_ka_trans NS: MASTER entries in keepalived's log so far, and the
# Masters now (one VIP each)
sc_ka_trans()
{
	echo "$(grep -c 'Entering MASTER STATE' "$SC_D/ka-$1.log")" \
		"$(ip -n "$1" -o -4 addr show | grep -c ' 10\.[0-9]*\.1\.')"
}

# sc_start IMPL N INTERVAL: r1 Master (200), r2 Backup (100) of N VRs
sc_start()
{
	local impl=$1 n=$2 int=$3 ns prio
	for ns in r1 r2; do
		prio=$([ $ns = r1 ] && echo 200 || echo 100)
		if [ "$impl" = vrrp ]; then
			sc_vrrp_conf "$SC_D/$ns.conf" "$n" "$int" "$prio"
			ip netns exec "$ns" "$VRRPCTL" load "$SC_D/$ns.conf" || return 1
		else
			sc_ka_conf "$SC_D/ka-$ns.conf" "$n" "$int" "$prio"
			ip netns exec "$ns" chrt -o 0 keepalived -n -l -D -P -f "$SC_D/ka-$ns.conf" \
				-p "$SC_D/ka-$ns.pid" -r "$SC_D/ka-$ns.vpid" \
				>"$SC_D/ka-$ns.log" 2>&1 &
			KA_PIDS="$KA_PIDS $!"
		fi
		# r1 first: it takes every VR before r2 starts
		if [ $ns = r1 ]; then sleep 3; fi
	done
}

sc_stop()
{
	local p
	if [ -n "$KA_PIDS" ]; then
		for p in $KA_PIDS; do kill "$p" 2>/dev/null; done
		for p in $KA_PIDS; do wait "$p" 2>/dev/null; done
		KA_PIDS=
	fi
	for ns in r1 r2; do
		ip netns exec "$ns" "$VRRPCTL" flush 2>/dev/null
	done
	return 0
}

# sc_trans IMPL NS
sc_trans()
{
	case $1 in
	vrrp) sc_vrrp_trans "$2" ;;
	keepalived) sc_ka_trans "$2" ;;
	*) echo 0 0 ;;
	esac
}

# sc_settle IMPL N SECS: wait up to SECS for r1 to hold all N VRs
sc_settle()
{
	local i t
	for i in $(seq 1 "$3"); do
		t=$(sc_trans "$1" r1)
		[ "${t#* }" = "$2" ] && return 0
		sleep 1
	done
	return 1
}

# sc_window IMPL N INTERVAL SECS: one measured window; prints
# "cpu_s adverts_tx adverts_rx expected flaps masters_r1 masters_r2 wall_s"
# (expected is from the wall time between the two readings of r1's tx
# counter, each read in the same process as /proc/uptime and /proc/stat:
# a loaded guest stretches both the sleep and the time a process takes to
# start)
sc_window()
{
	local impl=$1 n=$2 int=$3 secs=$4 c0 c1 t0 t1 r0 r1 a0 a1 b0 b1 m1 m2 w0 w1
	local rd='read -r u _ </proc/uptime; echo $u $(cat /sys/class/net/eth0/statistics/tx_packets) $(awk "/^cpu / { print \$2 + \$3 + \$4 + \$7 + \$8 + \$9 }" /proc/stat)'
	a0=$(sc_trans "$impl" r1) b0=$(sc_trans "$impl" r2)
	a0=${a0% *} b0=${b0% *}
	r0=$(sc_ns_pkts r2 rx)
	read -r w0 t0 c0 <<<"$(ip netns exec r1 sh -c "$rd")"
	sleep "$secs"
	read -r w1 t1 c1 <<<"$(ip netns exec r1 sh -c "$rd")"
	r1=$(sc_ns_pkts r2 rx)
	a1=$(sc_trans "$impl" r1) b1=$(sc_trans "$impl" r2)
	m1=${a1#* } m2=${b1#* } a1=${a1% *} b1=${b1% *}
	echo "$(echo "scale=2; ($c1 - $c0) / 100" | bc) $((t1 - t0)) $((r1 - r0))" \
		"$(echo "$n * 1000 * ($w1 - $w0) / $int" | bc | cut -d. -f1)" \
		"$((a1 - a0 + b1 - b0))" "$m1" "$m2" "$(echo "$w1 - $w0" | bc)"
}
