#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Two module routers elect and fail over with each VRRPv2 auth type
# (simple, P0 HMAC-SHA256/8, P1 SHAKE256/8): the backup accepts the
# master's authenticated adverts (no auth counter moves), link down and
# priority-0 handover work, and show -j never prints a key.
# vrrp-selftest: timeout=360
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"
. "$(dirname "$0")/h7_lib.sh"

h7_begin
tap_plan 22

vrrp_topo r1 r2
declare -A KEY=([11]="secret" [12]="p0-longer-secret-0123456789" [13]="p1 secret with spaces!")
declare -A TYPE=([11]=simple [12]=p0 [13]=p1)
IDS="11 12 13"
for id in $IDS; do
	vctl r1 add dev eth0 vrid $id version 2 advert-ms 1000 vip 192.0.2.$id \
		prio 200 auth ${TYPE[$id]} key "${KEY[$id]}" || tap_diag "r1 add vrid $id failed"
	vctl r2 add dev eth0 vrid $id version 2 advert-ms 1000 vip 192.0.2.$id \
		prio 100 auth ${TYPE[$id]} key "${KEY[$id]}" || tap_diag "r2 add vrid $id failed"
done
kill_vrrpctl

for id in $IDS; do
	t=${TYPE[$id]}
	tap_check "$t: r1 Master" wait_vstate 20 r1 eth0 $id inet Master
	if wait_vstate 15 r2 eth0 $id inet Backup; then
		tap_ok "$t: r2 Backup"
	else
		tap_fail "$t: r2 Backup"; vr_diag r2 eth0 $id inet
	fi
	m=$(vget r2 eth0 $id inet .master)
	if [ "$m" = 192.0.2.1 ]; then tap_ok "$t: r2 sees r1 as master"
	else tap_fail "$t: r2 sees r1 as master" "got '$m'"; fi
done
sleep 3
for id in $IDS; do
	t=${TYPE[$id]}
	j=$(vjson r2 eth0 $id inet)
	rx=$(jq -r '.stats.rx_adverts // 0' <<<"$j")
	bad=$(jq -r '[.stats.auth_failures, .stats.auth_type_mismatch, .stats.invalid_auth_type] | map(. // 0) | add' <<<"$j")
	if [ "${rx:-0}" -ge 2 ] && [ "${bad:-1}" = 0 ] && is_vstate r2 eth0 $id inet Backup; then
		tap_ok "$t: r2 accepts r1's adverts (rx_adverts $rx, no auth errors)"
	else
		tap_fail "$t: r2 accepts r1's adverts" "rx_adverts=$rx auth errors=$bad"
		vr_diag r2 eth0 $id inet
	fi
done

out=$(vctl r1 show -j -s; vctl r1 show -s)
leak=
for id in $IDS; do grep -qF "${KEY[$id]}" <<<"$out" && leak="$leak $id"; done
if [ -z "$leak" ] && [ "$(vctl r1 show -j | jq '[.[] | select(.auth_key_set == true)] | length')" = 3 ]; then
	tap_ok "show reports auth_key_set and never prints a key"
else
	tap_fail "show reports auth_key_set and never prints a key" "leaked for vrid:$leak"
fi

kill_vrrpctl
ip -n r1 link set eth0 down
for id in $IDS; do
	tap_check "${TYPE[$id]}: r1 link down: r2 Master" wait_vstate 15 r2 eth0 $id inet Master
done
ip -n r1 link set eth0 up
for id in $IDS; do
	t=${TYPE[$id]}
	if wait_vstate 25 r1 eth0 $id inet Master && wait_vstate 15 r2 eth0 $id inet Backup; then
		tap_ok "$t: r1 link up: r1 preempts, r2 Backup"
	else
		tap_fail "$t: r1 link up: r1 preempts, r2 Backup"
		vr_diag r1 eth0 $id inet; vr_diag r2 eth0 $id inet
	fi
done

for id in $IDS; do vctl r1 del dev eth0 vrid $id; done
kill_vrrpctl
for id in $IDS; do
	t=${TYPE[$id]}
	wait_vstate 15 r2 eth0 $id inet Master
	r=$(vget r2 eth0 $id inet .last_reason)
	if is_vstate r2 eth0 $id inet Master && [ "$r" = priority-zero ]; then
		tap_ok "$t: r1 deleted: r2 Master on r1's authenticated priority-0 advert"
	else
		tap_fail "$t: r1 deleted: r2 Master on priority 0" "state $(vstate r2 eth0 $id inet), reason '$r'"
		vr_diag r2 eth0 $id inet
	fi
done
tap_done
