#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# keepalived interop, VRRPv3 IPv6: our VR as Master and as Backup against
# Debian's keepalived, failing over both ways (priority 0 on delete and on
# keepalived stop, preemption, link down on either side).
# vrrp-selftest: timeout=420
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"
. "$(dirname "$0")/h7_lib.sh"

h7_begin keepalived
tap_plan $KA_PLAN
ka_interop 3 inet6
tap_done
