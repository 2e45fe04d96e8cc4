#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# VRRPv2 simple password interop with keepalived (auth_type PASS): our VR
# and keepalived elect each other both ways and hand over with priority 0;
# with a different password each drops the other's adverts (our
# auth_failures rises, keepalived logs it) and both are Master.
# vrrp-selftest: timeout=360
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"
. "$(dirname "$0")/h7_lib.sh"

h7_begin keepalived
tap_plan 12

vrrp_topo r1 r2
S=(r1 eth0 30 inet)
ka_conf ka 2 inet 30 100 "192.0.2.30/32" secret
vctl_ok "add our VR (simple key, prio 200)" r1 add dev eth0 vrid 30 version 2 \
	advert-ms 1000 vip 192.0.2.30 prio 200 auth simple key secret
kill_vrrpctl
tap_check "ours Master" wait_vstate 20 "${S[@]}" Master
ka_start r2 ka
tap_check "keepalived BACKUP (accepts our password)" wait_ka_state 20 ka BACKUP
sleep 4
if is_vstate "${S[@]}" Master && ka_never MASTER; then
	tap_ok "stable for 4 s: keepalived never MASTER"
else
	tap_fail "stable for 4 s: keepalived never MASTER"; ka_diag ka; vr_diag "${S[@]}"
fi

vctl r1 set dev eth0 vrid 30 prio 50 || tap_diag "set prio failed"
kill_vrrpctl
tap_check "ours at prio 50: keepalived MASTER" wait_ka_state 20 ka MASTER
tap_check "ours Backup (accepts keepalived's password)" wait_vstate 15 "${S[@]}" Backup
sleep 2
j=$(vjson "${S[@]}")
rx=$(jq -r '.stats.rx_adverts // 0' <<<"$j")
bad=$(jq -r '[.stats.auth_failures, .stats.auth_type_mismatch, .stats.invalid_auth_type] | map(. // 0) | add' <<<"$j")
if [ "${rx:-0}" -ge 2 ] && [ "${bad:-1}" = 0 ]; then
	tap_ok "keepalived's adverts counted, no auth errors (rx $rx)"
else
	tap_fail "keepalived's adverts counted, no auth errors" "rx_adverts $rx, auth errors $bad"
fi
ka_stop ka
wait_vstate 15 "${S[@]}" Master
r=$(vget "${S[@]}" .last_reason)
if is_vstate "${S[@]}" Master && [ "$r" = priority-zero ]; then
	tap_ok "keepalived stopped: ours Master on its priority-0 advert"
else
	tap_fail "keepalived stopped: ours Master on priority 0" "state $(vstate "${S[@]}"), reason '$r'"
fi

# wrong password on keepalived's side
rm -f "$H7_DIR/ka-ka/log"
ka_conf ka 2 inet 30 100 "192.0.2.30/32" wrongpw
ka_start r2 ka
before=$(vstat "${S[@]}" auth_failures)
tap_check "wrong password: keepalived MASTER" wait_ka_state 20 ka MASTER
tap_check "wrong password: our auth_failures rises" stat_rises 10 "${S[@]}" auth_failures "$before"
sleep 3
if is_vstate "${S[@]}" Master && is_ka_state ka MASTER; then
	tap_ok "wrong password: both stay Master"
else
	tap_fail "wrong password: both stay Master"; vr_diag "${S[@]}"; ka_diag ka
fi
tap_check "wrong password: keepalived rejects our adverts" \
	ka_log_has ka "invalid passwd"
tap_done
