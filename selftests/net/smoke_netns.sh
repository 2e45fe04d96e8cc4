#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Harness smoke test, no vrrp involved: network namespaces, a bridge and
# veths work in the guest and IPv4/IPv6 multicast-capable links pass traffic.
# vrrp-selftest: timeout=120
# vrrp-selftest: kernels=all
. "$(dirname "$0")/../lib.sh"

skip_unless_root
skip_unless_cmd ip ping
tap_plan 4

ns_create sw h1 h2
tap_check "bridge with two veth ports" lan_create sw h1 h2
in_ns h1 ip addr add 192.0.2.1/24 dev eth0
in_ns h2 ip addr add 192.0.2.2/24 dev eth0
in_ns h1 ip addr add 2001:db8::1/64 dev eth0 nodad
in_ns h2 ip addr add 2001:db8::2/64 dev eth0 nodad
tap_check "IPv4 ping across the bridge" wait_for 10 in_ns h1 ping -c1 -W1 192.0.2.2
tap_check "IPv6 ping across the bridge" wait_for 10 in_ns h1 ping -6 -c1 -W1 2001:db8::2
tap_check "namespaces are isolated" bash -c '! ip -n h1 link show br0'

tap_done
