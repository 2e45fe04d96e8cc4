#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# VRRPv3 adverts on the wire, captured in a listener namespace: IPv4 with
# the pseudo-header checksum (the default, as keepalived, FRR and
# Wireshark) and with "csum rfc9568", and IPv6
# (pseudo-header always). Each PDU equals the one rebuilt in the test;
# VMAC 00:00:5e:00:01/02:VRID source, TTL/hop limit 255, TOS/traffic class
# 0xc0, 224.0.0.18 / ff02::12, IPv6 link-local source; tshark decodes them
# with no malformed or bad-checksum info (its v3_checksum_as_in_v2
# preference selects the IPv4 form), and the two IPv4 forms differ.
# vrrp-selftest: timeout=420
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"
. "$(dirname "$0")/h7_lib.sh"

h7_begin tcpdump tshark
tap_plan $((3 * 13 + 2))

vrrp_topo r1 c
ll=$(ka_llocal r1)
tap_diag "r1 link-local: $ll"
cap_start c cap-v3
vctl_ok "add VRID 5 (v3 IPv4, 2 VIPs, 1000 ms)" r1 add dev eth0 vrid 5 version 3 \
	prio 100 advert-ms 1000 vip 192.0.2.205 vip 192.0.2.215
vctl_ok "add VRID 6 (v3 IPv4, csum rfc9568, prio 150, 1230 ms)" r1 add dev eth0 \
	vrid 6 version 3 prio 150 advert-ms 1230 vip 192.0.2.206 csum rfc9568
vctl_ok "add VRID 7 (v3 IPv6, prio 200, 1000 ms)" r1 add dev eth0 vrid 7 \
	family inet6 version 3 prio 200 advert-ms 1000 vip fe80::7 vip 2001:db8::7
kill_vrrpctl
tap_check "VRID 5 Master" wait_vstate 20 r1 eth0 5 inet Master
tap_check "VRID 6 Master" wait_vstate 20 r1 eth0 6 inet Master
tap_check "VRID 7 Master" wait_vstate 20 r1 eth0 7 inet6 Master
sleep 4
cap_stop cap-v3
P=$H7_DIR/cap-v3.pcap
wire_tap check "$P" --version 3 --family 4 --vrid 5 --prio 100 --adv-ms 1000 \
	--addr 192.0.2.205 --addr 192.0.2.215 --src 192.0.2.1 --pseudo
wire_tap check "$P" --version 3 --family 4 --vrid 6 --prio 150 --adv-ms 1230 \
	--addr 192.0.2.206 --src 192.0.2.1
wire_tap check "$P" --version 3 --family 6 --vrid 7 --prio 200 --adv-ms 1000 \
	--addr fe80::7 --addr 2001:db8::7 --src "${ll:-fe80::unknown}"
# with Wireshark's defaults, the default form decodes cleanly
wire_tap tshark "$P" --vrid 5
wire_tap tshark "$P" --vrid 6 --v3-as-v2
wire_tap tshark "$P" --vrid 7
wire_tap tshark "$P" --vrid 5 --v3-as-v2 --expect-bad
wire_tap tshark "$P" --vrid 6 --expect-bad
tap_done
