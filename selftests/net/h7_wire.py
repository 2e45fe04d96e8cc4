#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Expected VRRP adverts rebuilt from a VR's parameters, and a checker for
frames captured with tcpdump (pcap, Ethernet link type). Independent of the
module's codec: RFC 1071 checksum, HMAC-SHA256/8 (P0) and SHAKE256/8 (P1)
from hashlib.

  h7_wire.py pdu [VR-OPTS]              print the expected PDU in hex
  h7_wire.py check PCAP [VR-OPTS] [--frames N]
        check the first N (default 2) VRRP frames of PCAP whose VRID matches;
        prints "PASS name" / "FAIL name: why" lines, exit 1 on any FAIL
  h7_wire.py tshark PCAP --vrid N [--v3-as-v2] [--expect-bad]
        tshark decodes the VRID's adverts with a good checksum and no
        malformed/warning expert info (--expect-bad: all with a bad checksum)
  h7_wire.py takeover PCAP --vrid N --from SRC [--to SRC] [--prio0] [--after T]
        the ms from SRC's last advert (or its priority-0 one) to the first
        advert of another router (or of --to) after it
  h7_wire.py selftest                   the rVRRPd vectors (RVRRPD-COMPAT.md)

VR-OPTS: --version 2|3 --family 4|6 --vrid N --prio N --adv-ms MS
         --addr A (repeat) --auth none|simple|p0|p1 --key K --pseudo
         --src ADDR (the router's source address, for checksums and checks)
"""
import argparse
import hashlib
import hmac
import ipaddress
import struct
import sys

AUTH = {"none": 0, "simple": 1, "p0": 250, "p1": 251}


def csum(data):
    """RFC 1071 Internet checksum of data (odd length padded with zero)."""
    if len(data) % 2:
        data += b"\0"
    s = 0
    for i in range(0, len(data), 2):
        s += (data[i] << 8) | data[i + 1]
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


def pseudo_header(fam, src, dst, length):
    if fam == 4:
        return src + dst + struct.pack("!BBH", 0, 112, length)
    return src + dst + struct.pack("!IxxxB", length, 112)


def build_pdu(a):
    fam = a.family
    addrs = b"".join(ipaddress.ip_address(x).packed for x in a.addr)
    n = len(a.addr)
    if a.version == 2:
        hdr = struct.pack("!BBBBBBH", 0x21, a.vrid, a.prio, n,
                          AUTH[a.auth], a.adv_ms // 1000, 0)
        key = a.key.encode() if a.key else b""
        msg = hdr + addrs
        if a.auth == "none":
            data = b"\0" * 8
        elif a.auth == "simple":
            data = key[:8].ljust(8, b"\0")
        elif a.auth == "p0":
            data = hmac.new(key, msg, hashlib.sha256).digest()[:8]
        else:
            data = hashlib.shake_256(key + msg).digest(8)
        pdu = bytearray(msg + data)
        c = csum(bytes(pdu))
    else:
        hdr = struct.pack("!BBBBHH", 0x31, a.vrid, a.prio, n,
                          (a.adv_ms // 10) & 0x0fff, 0)
        pdu = bytearray(hdr + addrs)
        pre = b""
        if fam == 6 or a.pseudo:
            src = ipaddress.ip_address(a.src).packed
            dst = ipaddress.ip_address(
                "224.0.0.18" if fam == 4 else "ff02::12").packed
            pre = pseudo_header(fam, src, dst, len(pdu))
        c = csum(pre + bytes(pdu))
    struct.pack_into("!H", pdu, 6, c)
    return bytes(pdu)


def read_pcap(path, stamps=False):
    """the frames of PATH; with STAMPS, (seconds, frame) pairs"""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 24:
        return []
    magic = raw[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        raise SystemExit("not a pcap file (pcapng?): %s" % path)
    linktype = struct.unpack(e + "I", raw[20:24])[0]
    if linktype != 1:
        raise SystemExit("pcap link type %d, want Ethernet" % linktype)
    out, off = [], 24
    while off + 16 <= len(raw):
        sec, usec, incl, _ = struct.unpack(e + "IIII", raw[off:off + 16])
        fr = raw[off + 16:off + 16 + incl]
        out.append((sec + usec / 1e6, fr) if stamps else fr)
        off += 16 + incl
    return out


def mac(b):
    return ":".join("%02x" % x for x in b)


def vrrp_of(frame):
    """(family, l3 header fields dict, pdu) or None for non-VRRP frames."""
    if len(frame) < 14:
        return None
    et = struct.unpack("!H", frame[12:14])[0]
    if et == 0x0800 and len(frame) >= 34:
        ihl = (frame[14] & 0x0f) * 4
        tot = struct.unpack("!H", frame[16:18])[0]
        if frame[23] != 112:
            return None
        ip = {"tos": frame[15], "ttl": frame[22], "ihl": ihl,
              "src": ipaddress.ip_address(frame[26:30]),
              "dst": ipaddress.ip_address(frame[30:34]),
              "hdr_ok": csum(frame[14:14 + ihl]) == 0, "tot": tot}
        return 4, ip, frame[14 + ihl:14 + tot]
    if et == 0x86dd and len(frame) >= 54:
        if frame[20] != 112:
            return None
        plen = struct.unpack("!H", frame[18:20])[0]
        vtf = struct.unpack("!I", frame[14:18])[0]
        ip = {"tos": (vtf >> 20) & 0xff, "ttl": frame[21],
              "src": ipaddress.ip_address(frame[22:38]),
              "dst": ipaddress.ip_address(frame[38:54]), "hdr_ok": True,
              "tot": plen + 40}
        return 6, ip, frame[54:54 + plen]
    return None


def check(a):
    """One PASS/FAIL line per property, over the first a.frames adverts:
    always the same lines, so that the caller's TAP plan is fixed."""
    frames = []
    for fr in read_pcap(a.pcap):
        v = vrrp_of(fr)
        if v and v[0] == a.family and len(v[2]) > 1 and v[2][1] == a.vrid:
            frames.append((fr, v))
    fam = a.family
    tag = "v%d IPv%d%s%s" % (a.version, fam,
                             " " + a.auth if a.version == 2 else "",
                             " pseudo-csum" if a.pseudo else "")
    want = build_pdu(a)
    vmac = "00:00:5e:00:%02x:%02x" % (1 if fam == 4 else 2, a.vrid)
    dst = "224.0.0.18" if fam == 4 else "ff02::12"
    dmac = "01:00:5e:00:00:12" if fam == 4 else "33:33:00:00:00:12"
    checks = [
        ("PDU bytes equal the rebuilt advert",
         lambda fr, ip, pdu: (pdu == want, "got %s want %s" % (pdu.hex(), want.hex()))),
    ]
    if a.expect_hex:
        checks.append(("PDU bytes equal " + a.expect_hex,
                       lambda fr, ip, pdu: (pdu.hex() == a.expect_hex, "got %s" % pdu.hex())))
    checks += [
        ("Ethernet source is the VMAC " + vmac,
         lambda fr, ip, pdu: (mac(fr[6:12]) == vmac, "got %s" % mac(fr[6:12]))),
        ("Ethernet destination " + dmac,
         lambda fr, ip, pdu: (mac(fr[0:6]) == dmac, "got %s" % mac(fr[0:6]))),
        ("TTL/hop limit 255",
         lambda fr, ip, pdu: (ip["ttl"] == 255, "got %d" % ip["ttl"])),
        ("TOS/traffic class 0xc0",
         lambda fr, ip, pdu: (ip["tos"] == 0xc0, "got 0x%02x" % ip["tos"])),
        ("IP destination " + dst,
         lambda fr, ip, pdu: (str(ip["dst"]) == dst, "got %s" % ip["dst"])),
        ("IP source " + a.src,
         lambda fr, ip, pdu: (ip["src"] == ipaddress.ip_address(a.src), "got %s" % ip["src"])),
    ]
    if fam == 6:
        checks.append(("IPv6 source is link-local",
                       lambda fr, ip, pdu: (ip["src"].is_link_local, "got %s" % ip["src"])))
    else:
        checks.append(("IPv4 header checksum",
                       lambda fr, ip, pdu: (ip["hdr_ok"], "bad")))
    if fam == 4 and a.version == 2 and len(a.addr) == 1:
        checks.append(("60-byte frame",
                       lambda fr, ip, pdu: (len(fr) == 60, "got %d bytes" % len(fr))))
    else:
        checks.append(("frame length",
                       lambda fr, ip, pdu: (len(fr) == max(60, 14 + ip["tot"]),
                                            "got %d, IP length %d" % (len(fr), ip["tot"]))))
    fails = 0
    n = len(frames)
    ok = n >= a.frames
    fails += not ok
    print("%s %s: captured %d adverts for VRID %d%s" % (
        "PASS" if ok else "FAIL", tag, a.frames, a.vrid,
        "" if ok else " (got %d)" % n))
    for name, fn in checks:
        why = "no adverts captured" if not frames else ""
        good = bool(frames)
        for i, (fr, (_, ip, pdu)) in enumerate(frames[:a.frames]):
            r, w = fn(fr, ip, pdu)
            if not r:
                good = False
                why = "frame %d: %s" % (i + 1, w)
                break
        fails += not good
        print("%s %s: %s%s" % ("PASS" if good else "FAIL", tag, name,
                               "" if good else " (%s)" % why))
    return 1 if fails else 0


def tshark(a):
    """tshark decodes every advert of this VRID with a good checksum and no
    malformed/warning/error expert info (or, with --expect-bad, every one
    with a bad checksum)."""
    import subprocess
    cmd = ["tshark", "-n", "-r", a.pcap, "-o",
           "vrrp.v3_checksum_as_in_v2:%s" % ("TRUE" if a.v3_as_v2 else "FALSE"),
           "-Y", "vrrp && vrrp.virt_rtr_id == %d" % a.vrid,
           "-T", "fields", "-e", "frame.number", "-e", "vrrp.checksum.status",
           "-e", "_ws.expert.severity", "-e", "_ws.malformed",
           "-e", "_ws.expert.message", "-E", "occurrence=a"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    rows = [ln.split("\t") for ln in p.stdout.splitlines() if ln.strip()]
    bad = []
    for r in rows:
        r += [""] * (5 - len(r))
        sev = [int(x) for x in r[2].split(",") if x.strip().isdigit()]
        problem = r[1] != "1" or r[3] or any(x >= 0x600000 for x in sev)
        if a.expect_bad:
            problem = r[1] != "0"
        if problem:
            bad.append("frame %s status %s %s" % (r[0], r[1], r[4]))
    what = "tshark (v3_checksum_as_in_v2=%s)" % ("TRUE" if a.v3_as_v2 else "FALSE")
    if a.expect_bad:
        what += " reports a bad checksum on every VRID %d advert" % a.vrid
    else:
        what += " decodes VRID %d adverts cleanly" % a.vrid
    ok = len(rows) >= 1 and not bad and p.returncode == 0
    print("%s %s%s" % ("PASS" if ok else "FAIL", what, "" if ok else
                       " (%d adverts, rc %d, %s %s)" % (len(rows), p.returncode,
                                                    "; ".join(bad[:3]),
                                                    p.stderr.strip()[-200:])))
    return 0 if ok else 1


def takeover(a):
    """The time from the last advert of --from (its priority-0 one with
    --prio0) to the first advert of --to (default: of any other source)
    within --within s after --after (epoch seconds), for --vrid: prints
    "MS" (exit 0) or why not (exit 1), then the adverts around --after as
    "# " lines."""
    last, got, trace = None, None, []
    for ts, fr in read_pcap(a.pcap, stamps=True):
        v = vrrp_of(fr)
        if not v or len(v[2]) < 3 or v[2][1] != a.vrid:
            continue
        src, prio = str(v[1]["src"]), v[2][2]
        if a.after - 3 <= ts <= a.after + 12:
            trace.append("# %+.3f s %s priority %d" % (ts - a.after, src,
                                                       prio))
        if got is not None:
            continue
        if src == a.src_from:
            if not a.prio0 or (prio == 0 and ts >= a.after):
                last = ts
        elif (src == a.src_to or (a.src_to is None and src != a.src_from)) \
                and a.after <= ts <= a.after + a.within and last is not None \
                and prio != 0 and (not a.prio0 or last >= a.after):
            got = (ts - last) * 1000
    if got is not None:
        print("%.0f" % got)
    else:
        print("none: %s from %s, then an advert from %s" % (
            "no priority-0 advert" if a.prio0 else "no advert", a.src_from,
            a.src_to or "another router"))
    print("\n".join(trace[:60]))
    return 0 if got is not None else 1


def selftest():
    vec = {
        "none": "21016401000170fb0a0000010000000000000000",
        "simple": "21016401010133af0a0000017365637265740000",
        "p0": "21016401fa011dcb0a000001a507c657ec4b0184",
        "p1": "21016401fb01cb5d0a0000012c5b49b9bfb274d5",
    }
    bad = 0
    for auth, hx in vec.items():
        a = argparse.Namespace(version=2, family=4, vrid=1, prio=100,
                               adv_ms=1000, addr=["10.0.0.1"], auth=auth,
                               key="secret", pseudo=False, src=None)
        got = build_pdu(a).hex()
        ok = got == hx
        bad += not ok
        print("%s %s %s" % ("PASS" if ok else "FAIL", auth, got))
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["pdu", "check", "tshark", "takeover",
                                    "selftest"])
    ap.add_argument("pcap", nargs="?")
    ap.add_argument("--version", type=int, default=3)
    ap.add_argument("--family", type=int, default=4)
    ap.add_argument("--vrid", type=int, default=1)
    ap.add_argument("--prio", type=int, default=100)
    ap.add_argument("--adv-ms", type=int, default=1000)
    ap.add_argument("--addr", action="append", default=[])
    ap.add_argument("--auth", choices=list(AUTH), default="none")
    ap.add_argument("--key", default="")
    ap.add_argument("--pseudo", action="store_true")
    ap.add_argument("--src")
    ap.add_argument("--frames", type=int, default=2)
    ap.add_argument("--expect-hex")
    ap.add_argument("--v3-as-v2", action="store_true")
    ap.add_argument("--expect-bad", action="store_true")
    ap.add_argument("--from", dest="src_from")
    ap.add_argument("--to", dest="src_to")
    ap.add_argument("--after", type=float, default=0)
    ap.add_argument("--prio0", action="store_true")
    ap.add_argument("--within", type=float, default=9)
    a = ap.parse_args()
    if a.cmd == "selftest":
        return selftest()
    if a.cmd == "pdu":
        print(build_pdu(a).hex())
        return 0
    if a.cmd == "takeover":
        if not a.pcap or not a.src_from:
            ap.error("takeover needs PCAP and --from")
        return takeover(a)
    if a.cmd == "tshark":
        if not a.pcap:
            ap.error("tshark needs PCAP")
        return tshark(a)
    if not a.pcap or not a.src:
        ap.error("check needs PCAP and --src")
    return check(a)


if __name__ == "__main__":
    sys.exit(main())
