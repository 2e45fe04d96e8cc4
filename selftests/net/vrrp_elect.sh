#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Two routers on a bridge (VRRPv3 IPv4): the higher priority becomes Master,
# the VIP is on the Master only, and rmmod is clean with live VRs.
# vrrp-selftest: timeout=200
# vrrp-selftest: smoke
# vrrp-selftest: kernels=release
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
tap_plan 8

vrrp_topo r1 r2
tap_check "create VR on r1 (prio 200)" nl r1 add dev eth0 vrid 10 prio 200 int 100 vip 192.0.2.254
tap_check "create VR on r2 (prio 100)" nl r2 add dev eth0 vrid 10 prio 100 int 100 vip 192.0.2.254
kill_vrrpctl

tap_check "r1 becomes Master" wait_state 15 r1 eth0 10 Master
tap_check "r2 stays Backup" wait_state 10 r2 eth0 10 Backup
sleep 4
tap_check "r2 still Backup after 4 s" is_state r2 eth0 10 Backup
tap_check "VIP on r1" wait_for 5 has_addr r1 eth0 192.0.2.254
tap_check "VIP not on r2" sh -c "! ip -n r2 addr show dev eth0 | grep -q 192.0.2.254"
m=$(vr_field r2 eth0 10 master)
if [ "$m" = 192.0.2.1 ]; then tap_ok "r2 sees r1 as master"; else tap_fail "r2 sees r1 as master" "got $m"; fi
tap_done
