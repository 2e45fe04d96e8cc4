#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# FRR interop, VRRPv3 IPv4, each side with its defaults: Debian's FRR 8.4
# (zebra, vrrpd) in r2, our VR in r1. Election both ways, priority 0
# and a silent failure (cut on the switch) both ways, preemption back,
# one VIP holder once settled, takeover times against the RFC's timers,
# tshark on every advert (frr_lib.sh). Then ours in the RFC 9568 checksum
# form: FRR drops it and a second Master appears; auto ends that. Last,
# vrrpd killed as Master: ours takes over, FRR's macvlan stays up.
# vrrp-selftest: timeout=420
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"
. "$(dirname "$0")/h7_lib.sh"
. "$(dirname "$0")/frr_lib.sh"

frr_begin
tap_plan $((FRR_PLAN + 9))
frr_interop 3 inet

# What the default prevents: FRR 8.4 cannot take RFC 9568's form. Here FRR
# is Master (100) and ours Backup (50).
vctl_ok "C: ours prio 200, csum rfc9568" r1 set dev eth0 vrid 10 family inet \
	prio 200 csum rfc9568
tap_check "C: FRR logs our adverts as bad checksums" wait_for 15 frr_bad_csum
both_hold() { frr_holds r2 10 inet 192.0.2.254 && has_addr r1 eth0 192.0.2.254; }
fcheck "C: so both are Master, both hold the VIP" wait_for 15 both_hold
vctl_ok "C: csum auto" r1 set dev eth0 vrid 10 family inet csum auto
fcheck "C: FRR Backup, the VIP on r1 only" wait_for 20 frr_one_holder r1 192.0.2.254

# What FRR does that we cannot change (docs/interop.md): vrrpd killed as
# Master leaves its macvlan up, with the VIP.
vctl_ok "D: ours prio 50" r1 set dev eth0 vrid 10 family inet prio 50
fcheck "D: FRR Master, ours Backup" wait_for 20 frr_both Backup Master
kill -KILL "$(cat "$FRR_DIR/frr/vrrpd.pid")"
fcheck "D: vrrpd killed: ours Master" wait_for 15 wait_vstate 5 "${F_S[@]}" Master
tap_check "D: FRR's macvlan stays up with the VIP (FRR's own behaviour)" \
	frr_holds r2 10 inet 192.0.2.254
tap_done
