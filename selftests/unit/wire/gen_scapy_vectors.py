#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Independent VRRP vectors from scapy, one per line:

    <version> <family 4|6> <src hex> <dst hex> <pseudo 0|1> <name> <pdu hex>

v3 IPv4 with pseudo=1 and v3 IPv6 use scapy's own checksum (in4_chksum /
in6_chksum, i.e. with the pseudo-header). v3 IPv4 with pseudo=0 is the
RFC 9568 form, summed by scapy's plain RFC 1071 checksum(). v2 uses
scapy's VRRP layer. test_scapy rebuilds each PDU with the codec and
compares the bytes.
"""
import random
import socket
import sys

from scapy.layers.inet import IP
from scapy.layers.inet6 import IPv6
from scapy.layers.vrrp import VRRP, VRRPv3
from scapy.utils import checksum


def h(b):
    return bytes(b).hex()


def a4(s):
    return socket.inet_pton(socket.AF_INET, s)


def a6(s):
    return socket.inet_pton(socket.AF_INET6, s)


def main():
    rnd = random.Random(5798)
    out = []
    for i in range(8):
        n = 1 + rnd.randrange(6)
        vrid, prio = rnd.randrange(1, 256), rnd.randrange(1, 256)
        adv = rnd.randrange(1, 4096)
        addrs4 = ["10.%d.%d.%d" % (rnd.randrange(256), rnd.randrange(256),
                                  rnd.randrange(256)) for _ in range(n)]
        src4 = "192.0.2.%d" % rnd.randrange(1, 255)
        dst4 = "224.0.0.18"

        # v3 IPv4, pseudo-header form (scapy's default)
        p = IP(src=src4, dst=dst4, ttl=255, proto=112) / VRRPv3(
            vrid=vrid, priority=prio, adv=adv, addrlist=addrs4)
        pdu = bytes(IP(bytes(p)).payload)
        out.append("3 4 %s %s 1 v3-ipv4-pseudo-%d %s" % (
            h(a4(src4)), h(a4(dst4)), i, h(pdu)))

        # v3 IPv4, RFC 9568 form: plain checksum over the PDU
        raw = bytes(VRRPv3(vrid=vrid, priority=prio, adv=adv, chksum=0,
                           ipcount=n, addrlist=b"".join(a4(x) for x in addrs4)))
        ck = checksum(raw)
        pdu = raw[:6] + bytes([ck >> 8, ck & 0xff]) + raw[8:]
        out.append("3 4 %s %s 0 v3-ipv4-rfc9568-%d %s" % (
            h(a4(src4)), h(a4(dst4)), i, h(pdu)))

        # v3 IPv6: link-local first
        ll = "fe80::%x:%x" % (rnd.randrange(65536), rnd.randrange(1, 65536))
        addrs6 = [ll] + ["2001:db8::%x" % rnd.randrange(1, 65536)
                         for _ in range(n - 1)]
        p = IPv6(src=ll, dst="ff02::12", hlim=255, nh=112) / VRRPv3(
            vrid=vrid, priority=prio, adv=adv, addrlist=addrs6)
        pdu = bytes(IPv6(bytes(p)).payload)
        out.append("3 6 %s %s 0 v3-ipv6-%d %s" % (
            h(a6(ll)), h(a6("ff02::12")), i, h(pdu)))

        # v2 IPv4, no auth
        p = IP(src=src4, dst=dst4, ttl=255, proto=112) / VRRP(
            vrid=vrid, priority=prio, adv=rnd.randrange(1, 256),
            addrlist=addrs4)
        pdu = bytes(IP(bytes(p)).payload)
        out.append("2 4 %s %s 0 v2-ipv4-%d %s" % (
            h(a4(src4)), h(a4(dst4)), i, h(pdu)))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
