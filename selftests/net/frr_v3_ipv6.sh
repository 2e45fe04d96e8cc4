#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# FRR interop, VRRPv3 IPv6, each side with its defaults: Debian's FRR 8.4
# (zebra, vrrpd) in r2, our VR in r1. Election both ways, priority 0
# and a silent failure (cut on the switch) both ways, preemption back,
# one VIP holder once settled, takeover times against the RFC's timers,
# tshark on every advert (frr_lib.sh).
# vrrp-selftest: timeout=420
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"
. "$(dirname "$0")/h7_lib.sh"
. "$(dirname "$0")/frr_lib.sh"

frr_begin
tap_plan $FRR_PLAN
frr_interop 3 inet6
tap_done
