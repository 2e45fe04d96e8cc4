#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# keepalived interop, VRRPv3 IPv4, with the defaults on both sides: as
# Master and as Backup, failing over both ways (priority 0 on delete and on
# keepalived stop, preemption, link down on either side, the link cut on
# the switch). keepalived puts the IPv4 pseudo-header in the v3 checksum, as
# our default does. Then, with our VR Master, "csum rfc9568": keepalived
# drops our adverts as bad checksums and becomes MASTER too, while our
# receiver (which takes both forms) still counts keepalived's adverts with
# no checksum error; "csum auto" ends the split.
# vrrp-selftest: timeout=600
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"
. "$(dirname "$0")/h7_lib.sh"

h7_begin keepalived
tap_plan $((KA_PLAN + 10))
ka_interop 3 inet

# here: keepalived MASTER (100), our VR Backup (50) with the defaults.
# Our receiver takes both IPv4 checksum forms; keepalived only the pseudo one.
S=(r1 eth0 10 inet)
form() { [ "$(vjson "${S[@]}" | jq -r '"\(.v3_checksum)/\(.v3_checksum_used)"')" = "$1" ]; }
tap_check "show -j: checksum auto, sending the pseudo-header form" form auto/pseudo
followed() { [ "$(vstat "${S[@]}" checksum_followed)" = "$1" ]; }
tap_check "keepalived's adverts did not make ours change form" followed 0
vctl r1 set dev eth0 vrid 10 family inet prio 200 || tap_diag "set prio 200 failed"
kill_vrrpctl
if wait_vstate 20 "${S[@]}" Master && wait_ka_state 15 ka BACKUP; then
	tap_ok "prio 200, pseudo form: ours Master, keepalived BACKUP"
else
	tap_fail "prio 200, pseudo form: ours Master, keepalived BACKUP"
	vr_diag "${S[@]}"; ka_diag ka
fi
cs0=$(vgstat r1 checksum_errors)
rx0=$(vstat "${S[@]}" rx_adverts)
vctl_ok "switch: csum rfc9568" r1 set dev eth0 vrid 10 family inet csum rfc9568
kill_vrrpctl
tap_check "show -j: checksum rfc9568, sending it" form rfc9568/rfc9568
tap_check "switch off: keepalived logs our adverts as bad checksums" \
	wait_for 10 ka_log_has ka "Invalid VRRPv3 checksum"
if wait_ka_state 20 ka MASTER; then
	tap_ok "switch off: keepalived ignores our adverts and becomes MASTER"
else
	tap_fail "switch off: keepalived ignores our adverts and becomes MASTER"; ka_diag ka
fi
# keepalived as a split-brain MASTER restarts its advert timer on each of our
# (rejected) adverts, so it may send only every ~10 s: count from before the
# switch, which includes the advert it sends on becoming MASTER.
stat_rises 30 "${S[@]}" rx_adverts "$rx0"
rx1=$(vstat "${S[@]}" rx_adverts)
cs1=$(vgstat r1 checksum_errors)
if is_vstate "${S[@]}" Master && [ "$rx1" -gt "$rx0" ] && [ "$cs1" = "$cs0" ]; then
	tap_ok "switch off: ours stays Master, still takes keepalived's pseudo-form adverts (rx $rx0 -> $rx1, checksum_errors $cs1)"
else
	tap_fail "switch off: ours stays Master, still takes keepalived's adverts" \
		"state $(vstate "${S[@]}"), rx $rx0 -> $rx1, checksum_errors $cs0 -> $cs1"
	vr_diag "${S[@]}"; ka_diag ka
	tap_diag "global: $(vctl r1 show global -j)"
fi
vctl r1 set dev eth0 vrid 10 family inet csum auto || tap_diag "set csum auto failed"
kill_vrrpctl
if wait_ka_state 20 ka BACKUP; then
	tap_ok "csum auto again: keepalived accepts ours and goes BACKUP"
else
	tap_fail "csum auto again: keepalived accepts ours and goes BACKUP"; ka_diag ka
fi
tap_check "csum auto again: the VIP on r1 only" vip_only r1 r2 192.0.2.254
tap_done
