#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tshark decodes every packet the module sends (v2 with each auth type,
# v3 IPv4 in both checksum forms, v3 IPv6, gratuitous ARP, unsolicited NA)
# with no malformed-packet or bad-checksum report.
# vrrp-selftest: timeout=600
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
# 4: the RFC 9568 form; 5: the default (auto: the pseudo-header form)
nl r1 add dev eth0 vrid 4 version 3 csum 2 vip 192.0.2.254 vip 192.0.2.250
nl r1 add dev eth0 vrid 5 version 3 vip 192.0.2.249
nl r1 add dev eth0 vrid 6 family inet6 vip 2001:db8::fe
for v in 1 2 3 4 5; do nl r1 wait 20 dev eth0 vrid $v state Master; done
nl r1 wait 10 dev eth0 vrid 6 family inet6 state Master
sleep 3
kill $tdpid 2>/dev/null
sleep 1
F="-T fields -E separator=| -E occurrence=f -e vrrp.version -e vrrp.virt_rtr_id -e ip.version -e vrrp.checksum.status -e arp.isgratuitous -e arp.src.hw_mac -e icmpv6.type -e icmpv6.opt.linkaddr -e icmpv6.nd.na.flag.r -e icmpv6.checksum.status -e _ws.expert.message"
tshark -n -r "$TMPDIR/all.pcap" $F >"$TMPDIR/a.txt" 2>/dev/null
tshark -n -r "$TMPDIR/all.pcap" -o vrrp.v3_checksum_as_in_v2:TRUE -Y "vrrp.virt_rtr_id == 4" $F >"$TMPDIR/b.txt" 2>/dev/null
# chk FILE KIND: every matching row is clean, and there is at least one
chk()
{
	python3 - "$@" <<'PY'
import sys
path, kind = sys.argv[1], sys.argv[2]
n = 0
for line in open(path):
    f = line.rstrip("\n").split("|")
    if len(f) < 11:
        continue
    ver, vrid, ipv, cs, grat, smac, it, lla, rflag, ics, msg = f[:11]
    if ver == "3" and vrid == "4" and kind != "v3_4":
        continue    # RFC 9568 form: only checked with the matching preference
    if "alformed" in msg or "Bad checksum" in msg:
        print("expert:", line.strip()); sys.exit(1)
    if kind == "v2" and ver == "2":
        n += 1; ok = cs == "1"
    elif kind == "v3_4" and ver == "3" and vrid == "4":
        n += 1; ok = cs == "1"
    elif kind == "v3_5" and ver == "3" and vrid == "5":
        n += 1; ok = cs == "1"
    elif kind == "v3_6" and ver == "3" and ipv == "6":
        n += 1; ok = cs == "1"
    elif kind == "garp" and grat in ("1", "True") and smac == "00:00:5e:00:01:04":
        n += 1; ok = True
    elif kind == "na" and it == "136" and lla == "00:00:5e:00:02:06":
        n += 1; ok = rflag in ("1", "True") and ics == "1"
    else:
        continue
    if not ok:
        print("bad:", line.strip()); sys.exit(1)
if not n:
    print("no packet of kind", kind); sys.exit(1)
PY
}
tap_check "v2 adverts (none, simple, P0) decode cleanly" chk "$TMPDIR/a.txt" v2
tap_check "v3 IPv4 RFC 9568 checksum form decodes cleanly" chk "$TMPDIR/b.txt" v3_4
tap_check "v3 IPv4 default (pseudo-header) form decodes cleanly with Wireshark's defaults" chk "$TMPDIR/a.txt" v3_5
tap_check "v3 IPv6 decodes cleanly" chk "$TMPDIR/a.txt" v3_6
tap_check "gratuitous ARP from the VMAC" chk "$TMPDIR/a.txt" garp
tap_check "unsolicited NA with the IPv6 VMAC, router flag, good checksum" chk "$TMPDIR/a.txt" na
tap_done
