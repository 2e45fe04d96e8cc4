#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send hand-made VRRP frames on an interface, built with scapy, for the
malformed-packet selftests.

  vrrp_inject.py IF [key=value]... [-- key=value...]...  (one frame each)
  vrrp_inject.py --serve IN ACK IF: the same, one command line per line
    read from the FIFO IN, each answered "ok" or "error: ..." on the FIFO
    ACK once sent; "quit" ends it. Importing scapy costs a loaded TCG guest
    ten seconds and more: a test with many injections pays it once.
    family=4|6 version=2|3 vrid=N prio=N int=CS (v2: seconds*100)
    addrs=A,B  src=ADDR dst=ADDR ttl=N type=N count=N (override)
    csum=good|bad  auth=N authdata=HEX  trunc=N (drop N bytes at the end)
    pseudo=0|1 (v3 IPv4 checksum form, default 1 as keepalived and FRR)
    smac=MAC  vfield=N (version nibble)
    gap=S (wait S seconds before this frame: a train of adverts)

The checksum is computed here, not by scapy, so that pseudo=0 can send
RFC 9568's v3 IPv4 form, without the pseudo-header.
"""
import socket
import struct
import sys
import time

from scapy.layers.inet import IP, in4_chksum
from scapy.layers.inet6 import IPv6, in6_chksum
from scapy.layers.l2 import Ether
from scapy.layers.vrrp import VRRP, VRRPv3
from scapy.packet import Raw
from scapy.utils import checksum


def frames(argv):
    cur = []
    for a in argv:
        if a == "--":
            yield cur
            cur = []
        else:
            cur.append(a)
    yield cur


def build(o):
    fam = int(o.get("family", 4))
    ver = int(o.get("version", 3))
    src = o.get("src", "192.0.2.99" if fam == 4 else "fe80::99")
    dst = o.get("dst", "224.0.0.18" if fam == 4 else "ff02::12")
    addrs = [a for a in o.get("addrs", "192.0.2.254").split(",") if a]
    common = dict(version=int(o.get("vfield", ver)), type=int(o.get("type", 1)),
                  vrid=int(o.get("vrid", 1)), priority=int(o.get("prio", 100)),
                  ipcount=int(o.get("count", len(addrs))), addrlist=addrs,
                  chksum=0)
    ival = int(o.get("int", 100))
    if ver == 2:
        a1, a2 = struct.unpack("!II", bytes.fromhex(o.get("authdata",
                                                          "00" * 8)))
        vrrp = VRRP(authtype=int(o.get("auth", 0)), adv=ival // 100,
                    auth1=a1, auth2=a2, **common)
    else:
        vrrp = VRRPv3(adv=ival & 0xfff, **common)
    if fam == 4:
        ip = IP(src=src, dst=dst, ttl=int(o.get("ttl", 255)), tos=0xc0,
                id=0, proto=112)
        dmac = "01:00:5e:%02x:%02x:%02x" % tuple(
            int(x) & m for x, m in zip(dst.split(".")[1:], (0x7f, 255, 255)))
    else:
        ip = IPv6(src=src, dst=dst, hlim=int(o.get("ttl", 255)), tc=0xc0,
                  nh=112)
        last = socket.inet_pton(socket.AF_INET6, dst)[12:]
        dmac = "33:33:" + ":".join("%02x" % b for b in last)

    # VRRPv3 encodes its addresses after the IP layer it sits on
    pdu = bytearray(bytes(ip / vrrp)[20 if fam == 4 else 40:])
    if ver == 3 and (fam == 6 or o.get("pseudo", "1") == "1"):
        c = (in4_chksum if fam == 4 else in6_chksum)(112, ip, bytes(pdu))
    else:
        c = checksum(bytes(pdu))
    if o.get("csum") == "bad":
        c ^= 0x5a5a
    pdu[6:8] = struct.pack("!H", c)
    trunc = int(o.get("trunc", 0))
    if trunc:
        pdu = pdu[:-trunc]
    smac = o.get("smac", "02:00:00:00:00:99")
    return bytes(Ether(src=smac, dst=dmac) / ip / Raw(bytes(pdu)))


def send(s, argv):
    for f in frames(argv):
        o = dict(a.split("=", 1) for a in f)
        time.sleep(float(o.pop("gap", 0)))
        s.send(build(o))


def serve(fifo_in, fifo_ack, s):
    while True:
        with open(fifo_in) as f:
            lines = f.read().splitlines()
        for line in lines:
            if line.strip() == "quit":
                return
            try:
                send(s, line.split())
                ans = "ok"
            except Exception as e:      # answer, or the test hangs
                ans = "error: %r" % e
            with open(fifo_ack, "w") as a:
                a.write(ans + "\n")


def main():
    args = sys.argv[1:]
    fifos = None
    if args and args[0] == "--serve":
        fifos, args = args[1:3], args[3:]
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((args[0], 0))
    if fifos:
        serve(fifos[0], fifos[1], s)
    else:
        send(s, args[1:])


if __name__ == "__main__":
    main()
