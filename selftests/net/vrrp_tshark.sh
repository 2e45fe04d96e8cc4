#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tshark decodes every packet the module sends (v2 with each auth type,
# v3 IPv4 in both checksum forms, v3 IPv6, gratuitous ARP, unsolicited NA)
# with no malformed-packet or bad-checksum report.
# vrrp-selftest: timeout=300
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
skip_unless_cmd tshark tcpdump
tap_plan 6

vrrp_topo r1 c
kill_vrrpctl
in_ns c tcpdump -U -n -i eth0 -w "$TMPDIR/all.pcap" 'ip proto 112 or ip6[6] == 112 or arp or icmp6' 2>/dev/null &
tdpid=$!
on_exit kill $tdpid
sleep 3
nl r1 add dev eth0 vrid 1 version 2 vip 192.0.2.251
nl r1 add dev eth0 vrid 2 version 2 auth simple secret vip 192.0.2.252
nl r1 add dev eth0 vrid 3 version 2 auth p0 secret vip 192.0.2.253
nl r1 add dev eth0 vrid 4 version 3 vip 192.0.2.254 vip 192.0.2.250
nl r1 add dev eth0 vrid 5 version 3 pseudo 1 vip 192.0.2.249
nl r1 add dev eth0 vrid 6 family inet6 vip 2001:db8::fe
for v in 1 2 3 4 5; do nl r1 wait 20 dev eth0 vrid $v state Master; done
nl r1 wait 10 dev eth0 vrid 6 family inet6 state Master
sleep 3
kill $tdpid 2>/dev/null
sleep 1
TS="tshark -n -r $TMPDIR/all.pcap"
bad() { grep -Ei "malformed|bad checksum|incorrect|\[Checksum Status: Bad\]|Expert Info \(Error|Expert Info \(Warning/Checksum"; }
clean() { ! "$@" -V 2>&1 | bad; }
tap_check "v2 adverts (none, simple, P0) decode cleanly" clean $TS -Y "vrrp.version == 2"
tap_check "v3 IPv4 RFC 9568 checksum form decodes cleanly" clean $TS -o vrrp.v3_checksum_as_in_v2:TRUE -Y "vrrp.version == 3 && ip && vrrp.virt_rtr_id == 4"
tap_check "v3 IPv4 pseudo-header form decodes cleanly" clean $TS -Y "vrrp.version == 3 && ip && vrrp.virt_rtr_id == 5"
tap_check "v3 IPv6 decodes cleanly" clean $TS -Y "vrrp.version == 3 && ipv6"
tap_check "gratuitous ARP from the VMAC" sh -c "$TS -Y 'arp.isgratuitous && arp.src.hw_mac == 00:00:5e:00:01:04' | grep -q ."
tap_check "unsolicited NA with the IPv6 VMAC decodes cleanly" sh -c "$TS -Y 'icmpv6.type == 136 && icmpv6.opt.linkaddr == 00:00:5e:00:02:06' -V | grep -q 'Router: Set' && ! $TS -Y 'icmpv6.type == 136' -V | grep -Eiq 'malformed|Checksum Status: Bad'"
tap_done
