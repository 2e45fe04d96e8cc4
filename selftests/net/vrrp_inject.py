#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send one hand-made VRRP frame on an interface (AF_PACKET), for the
malformed-packet selftests.

  vrrp_inject.py IF [key=value]... [-- key=value...]...  (one frame each)
    family=4|6 version=2|3 vrid=N prio=N int=CS (v2: seconds*100)
    addrs=A,B  src=ADDR dst=ADDR ttl=N type=N count=N (override)
    csum=good|bad  auth=N authdata=HEX  trunc=N (drop N bytes at the end)
    pseudo=0|1 (v3 IPv4 checksum form)  smac=MAC
"""
import ipaddress
import socket
import struct
import sys


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


def main():
    ifname = sys.argv[1]
    frames, cur = [], []
    for a in sys.argv[2:]:
        if a == "--":
            frames.append(cur)
            cur = []
        else:
            cur.append(a)
    frames.append(cur)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    for f in frames:
        s.send(build(dict(a.split("=", 1) for a in f)))


def build(o):
    fam = int(o.get("family", 4))
    ver = int(o.get("version", 3))
    vrid = int(o.get("vrid", 1))
    prio = int(o.get("prio", 100))
    ival = int(o.get("int", 100))
    typ = int(o.get("type", 1))
    ttl = int(o.get("ttl", 255))
    alen = 4 if fam == 4 else 16
    addrs = [ipaddress.ip_address(a).packed
             for a in o.get("addrs", "192.0.2.254").split(",") if a]
    count = int(o.get("count", len(addrs)))
    src = ipaddress.ip_address(o.get("src", "192.0.2.99" if fam == 4
                                     else "fe80::99")).packed
    dst = ipaddress.ip_address(o.get("dst", "224.0.0.18" if fam == 4
                                     else "ff02::12")).packed
    if ver == 2:
        hdr = struct.pack("!BBBBBBH", (2 << 4) | typ, vrid, prio, count,
                          int(o.get("auth", 0)), ival // 100, 0)
        pdu = bytearray(hdr + b"".join(addrs) +
                        bytes.fromhex(o.get("authdata", "00" * 8)))
    else:
        hdr = struct.pack("!BBBBHH", (3 << 4) | typ, vrid, prio, count,
                          ival & 0xfff, 0)
        pdu = bytearray(hdr + b"".join(addrs))
    if ver == 3 and (fam == 6 or o.get("pseudo") == "1"):
        if fam == 4:
            ph = src + dst + struct.pack("!BBH", 0, 112, len(pdu))
        else:
            ph = src + dst + struct.pack("!IxxxB", len(pdu), 112)
        c = csum(ph + bytes(pdu))
    else:
        c = csum(bytes(pdu))
    if o.get("csum") == "bad":
        c ^= 0x5a5a
    pdu[6:8] = struct.pack("!H", c)
    if "vfield" in o:
        pdu[0] = (int(o["vfield"]) << 4) | (pdu[0] & 0xf)
        c = 0
        pdu[6:8] = b"\0\0"
        c = csum(bytes(pdu))
        pdu[6:8] = struct.pack("!H", c)
    trunc = int(o.get("trunc", 0))
    if trunc:
        pdu = pdu[:-trunc]
    pdu = bytes(pdu)
    if fam == 4:
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0xc0, 20 + len(pdu), 0, 0,
                         ttl, 112, 0, src, dst)
        ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
        dmac = bytes([1, 0, 0x5e, dst[1] & 0x7f, dst[2], dst[3]])
        et = 0x0800
    else:
        ip = struct.pack("!IHBB16s16s", 0x6c000000, len(pdu), 112, ttl,
                         src, dst)
        dmac = bytes([0x33, 0x33]) + dst[12:]
        et = 0x86dd
    smac = bytes.fromhex(o.get("smac", "02:00:00:00:00:99").replace(":", ""))
    return dmac + smac + struct.pack("!H", et) + ip + pdu


if __name__ == "__main__":
    main()
