# SPDX-License-Identifier: GPL-2.0
# Helpers for the vrrp engine selftests (sourced after ../lib.sh).
# Tests drive the module with vrrp_nl.py (raw generic netlink), so they do
# not depend on vrrpctl; every failover test kills all vrrpctl first.

VNL="python3 $VRRP_TOP/selftests/net/vrrp_nl.py"

# nl NS ARGS...: vrrp_nl.py inside a netns
nl() { local ns=$1; shift; ip netns exec "$ns" $VNL "$@"; }

# vr_field NS DEV VRID FIELD [FAMILY]: one field of a VR (FIELD may be a
# dotted path: stats.rx_adverts)
vr_field()
{
	nl "$1" get dev "$2" vrid "$3" family "${5:-inet}" field "$4" 2>/dev/null
}

vr_state() { vr_field "$1" "$2" "$3" state "${4:-inet}"; }

# is_state NS DEV VRID STATE [FAMILY]
is_state() { [ "$(vr_state "$1" "$2" "$3" "${5:-inet}")" = "$4" ]; }

# wait_state TIMEOUT NS DEV VRID STATE [FAMILY]: polled in one process
wait_state()
{
	nl "$2" wait "$1" dev "$3" vrid "$4" family "${6:-inet}" state "$5" \
		>/dev/null 2>&1
}

# has_addr NS DEV ADDR: ADDR is configured on DEV
has_addr() { ip -n "$1" addr show dev "$2" | grep -qw "inet6\? $3\(/[0-9]*\)\?"; }

kill_vrrpctl() { pkill -x vrrpctl 2>/dev/null; pkill -f 'vrrpctl ' 2>/dev/null; return 0; }

# standard topology: sw (bridge), r1, r2, and optionally c (client)
# 192.0.2.1 r1, .2 r2, .100 client; VIP 192.0.2.254
# 2001:db8::1 r1 ...
vrrp_topo()
{
	ns_create sw "$@" || return 1
	lan_create sw "$@" || return 1
	local i=1 ns
	for ns in "$@"; do
		case $ns in
		c) in_ns c ip addr add 192.0.2.100/24 dev eth0
		   in_ns c ip addr add 2001:db8::100/64 dev eth0 nodad ;;
		*) in_ns "$ns" ip addr add 192.0.2.$i/24 dev eth0
		   in_ns "$ns" ip addr add 2001:db8::$i/64 dev eth0 nodad
		   i=$((i + 1)) ;;
		esac
	done
	# wait for IPv6 link-local addresses (DAD) on every router
	for ns in "$@"; do
		wait_for 10 sh -c "ip -n $ns -6 addr show dev eth0 scope link | grep -q inet6 && ! ip -n $ns -6 addr show dev eth0 | grep -q tentative"
	done
}

vrrp_begin()
{
	skip_unless_root
	skip_unless_cmd python3 ip
	require_vrrp_ko || skip_all "vrrp.ko not built"
	kill_vrrpctl
	load_vrrp || { echo "# insmod failed"; exit 1; }
	on_exit rmmod vrrp
}
