#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# VRRPv2 adverts on the wire, captured in a listener namespace for the
# rVRRPd reference VR (VRID 1, priority 100, VIP 10.0.0.1, 1 s, secret
# "secret") with each auth type (none, simple, P0, P1): the PDU equals the
# one rebuilt in the test (RFC 1071, HMAC-SHA256/8, SHAKE256/8) and the
# vector in RVRRPD-COMPAT.md byte for byte; VMAC source, TTL 255, TOS 0xc0,
# 224.0.0.18, 60-byte frames; tshark decodes them cleanly.
# vrrp-selftest: timeout=480
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"
. "$(dirname "$0")/h7_lib.sh"

h7_begin tcpdump tshark
# per auth type: add, Master, 11 check lines, tshark
tap_plan $((1 + 4 * 14))

out=$($H7_WIRE selftest 2>&1)
if [ "$(grep -c '^PASS' <<<"$out")" = 4 ]; then
	tap_ok "rebuilder reproduces the four rVRRPd vectors"
else
	tap_fail "rebuilder reproduces the four rVRRPd vectors"
	sed 's/^/#   /' <<<"$out"
fi

vrrp_topo r1 c
declare -A VEC=(
	[none]=21016401000170fb0a0000010000000000000000
	[simple]=21016401010133af0a0000017365637265740000
	[p0]=21016401fa011dcb0a000001a507c657ec4b0184
	[p1]=21016401fb01cb5d0a0000012c5b49b9bfb274d5
)
for auth in none simple p0 p1; do
	a=(add dev eth0 vrid 1 version 2 prio 100 advert-ms 1000 vip 10.0.0.1 auth "$auth")
	[ "$auth" != none ] && a+=(key secret)
	cap_start c "cap-$auth"
	vctl_ok "$auth: add VRID 1" r1 "${a[@]}"
	kill_vrrpctl
	tap_check "$auth: Master" wait_vstate 20 r1 eth0 1 inet Master
	sleep 3.5
	cap_stop "cap-$auth"
	vctl r1 del dev eth0 vrid 1 family inet
	wire_tap check "$H7_DIR/cap-$auth.pcap" --version 2 --family 4 --vrid 1 \
		--prio 100 --adv-ms 1000 --addr 10.0.0.1 --auth "$auth" --key secret \
		--src 192.0.2.1 --frames 2 --expect-hex "${VEC[$auth]}"
	wire_tap tshark "$H7_DIR/cap-$auth.pcap" --vrid 1
	sleep 1
done
tap_done
