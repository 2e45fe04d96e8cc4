#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Packet fuzzer for vrrp_pkt_fuzz.sh: mutated and adversarial VRRP adverts
from an attacker namespace at a Master (R1) and a Backup (R2).

  vrrp_pkt_fuzz.py --plan      number of TAP results it prints
  vrrp_pkt_fuzz.py [--seed N] [--scale F] [--events R1FILE,R2FILE] R1 R2 C IF

The events files are the outputs of a `vrrp_nl.py monitor` in R1 and R2:
nothing may appear in them during the fuzz. After the fuzz, a positive
control: valid priority-254 adverts do make R1 Backup.

One process does it all: it enters the namespaces R1 and R2 for its netlink
sockets (counters, events), then C for an AF_PACKET socket on IF. Frames
are built with struct (scapy is too slow under TCG) from a fixed seed, all
before the first is sent. Each class of frames is sent in its own phase;
the counters of both routers are read before and after it, so the
expected deltas are exact. Every frame claims priority 254: accepted by
R1 (priority 200) it turns R1 into Backup, which the phase sees.

The VRs (both routers, same on each; see vrrp_pkt_fuzz.sh):
  v4  eth0 vrid 1 v3 IPv4, VIP 192.0.2.254
  v2  eth0 vrid 2 v2 IPv4, simple auth "secret", VIP 192.0.2.253
  v6  eth0 vrid 3 v3 IPv6, VIPs fe80::3 2001:db8::fe
  ox  ox0  vrid 5 v3 IPv4 on another device, VIP 198.51.100.254
Output: "ok - ...", "not ok - ..." and "# ..." lines; the shell numbers them.
"""
import os
import random
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vrrp_nl as nl                                   # noqa: E402
import _socket as socket                               # noqa: E402

# ---------------------------------------------------------------------------
# The expected counters, in one place.
#
# Each advert of a class (a frame; a fragmented advert counts once) must
# bump exactly the counter its rule names, once, on both routers, and no
# other error counter:
#   "g.NAME"   global counter NAME (checksum_errors, version_errors,
#              vrid_errors, length_errors: a PDU too short to hold a VRID)
#   "vr.NAME"  per-VR counter NAME of the VR the advert was made for
#   SUM        the right counter is debatable (truncated PDUs, junk):
#              exactly one error counter, any, per advert
#   NONE       the IP layer drops the frame (fragments, bad IP header), or
#              R1 takes it for its own advert: no VRRP error counter moves
# RXADV tells what R1's rx_adverts (RFC 6527 vrrpv3StatisticsAdvertiseRcvd:
# "advertisements received by this virtual router") must do: True, rise by
# one per advert on its VR (an advert that reached the VR, invalid or
# not); False, not move on any VR; None, not checked. An advert reaches
# its VR once its checksum (over the PDU its count gives) and its VRID
# are good: the VR then counts it, and whatever else is wrong with it.
# R1 is the Master: the only adverts it receives come from the fuzzer.
# Choices worth knowing:
#  - a bad checksum makes the PDU untrustworthy: it bumps the global
#    checksum_errors only, never a per-VR counter, whatever else is wrong
#    in it (csum_field: bad type, interval 0, IPv6 first address, v2 auth)
#  - count_zero: RFC 9568 5.2.5 sets the minimum count to 1: a zero-address
#    advert is malformed and must not preempt anyone, not even a v2 one
#    claiming priority 255 (which RFC 3768 lets skip the address check)
#  - a frame the routers drop or count must never change a state (every
#    class), and must not move rx_prio_zero, tx_prio_zero or
#    master_transitions
SUM, NONE = "SUM", "NONE"
EXPECT = {
    # class            rule                       RXADV  what
    "trunc":          (SUM,                       None),  # PDU cut at every length
    "version":        ("g.version_errors",        None),  # nibble != 2/3, v2<->v3 VR, v2 on IPv6
    "type":           ("vr.invalid_type",         True),  # type != 1
    "count_more":     ("vr.length_errors",        True),  # count > addresses sent
    "count_fewer":    (SUM,                       None),  # count < addresses sent
    "count_zero":     ("vr.addr_list_errors",     True),  # count 0, no address (v2: also prio 255)
    "csum":           ("g.checksum_errors",       False),  # only the checksum is wrong
    "csum_field":     ("g.checksum_errors",       False),  # bad checksum and a bad field
    "ttl":            ("vr.ttl_errors",           True),  # TTL / hop limit != 255
    "int_zero":       ("vr.advert_int_errors",    True),  # interval 0
    "v2_auth_data":   ("vr.auth_failures",        True),  # wrong password
    "v2_auth_other":  ("vr.auth_type_mismatch",   True),  # none, P0, P1 vs simple
    "v2_auth_bad":    ("vr.invalid_auth_type",    True),  # unknown auth type
    "v2_interval":    ("vr.advert_int_errors",    True),  # 2..255 s vs 1 s
    "v2_addr_list":   ("vr.addr_list_errors",     True),  # wrong VIPs, not the owner
    "v6_not_ll":      ("vr.addr_list_errors",     True),  # first address not fe80::/10
    "v6_src":         ("vr.src_errors",           True),  # IPv6 source not fe80::/10
    "vrid_unknown":   ("g.vrid_errors",           False),  # VRID configured nowhere
    "vrid_otherdev":  ("g.vrid_errors",           False),  # vrid 5: a VR on ox0, not eth0
    "vrid_otherfam":  ("g.vrid_errors",           False),  # vrid 3 over IPv4, 1/2 over IPv6
    "ip_options":     ("vr.ttl_errors",           True),  # IPv4 options, TTL 64
    "ip_options_csum": ("g.checksum_errors",      False),  # IPv4 options, bad checksum
    "ip_options_bad": (NONE,                      False),  # malformed IPv4 options
    "ip_frag":        (NONE,                      False),  # lone IPv4/IPv6 fragments
    "ip_frag_whole":  ("vr.ttl_errors",           True),  # all fragments, TTL 64
    "ip_totlen_short": (SUM,                      None),  # IP length cuts a valid PDU
    "ip_totlen_long": (NONE,                      False),  # IP length beyond the frame
    "ip_hdr_bad":     (NONE,                      False),  # IP checksum, IHL, version
    "ip6_hbh":        ("vr.ttl_errors",           True),  # hop-by-hop header, hop limit 64
    "spoof_own":      (NONE,                      None),  # src = R1's own address
    "garbage":        (SUM,                       None),  # random bytes, random length
    "garbage_vrid":   (SUM,                       None),  # random, VRID byte of a VR
}
# frames per class (scaled by --scale); truncations: every length, this often
COUNT = {
    "trunc": 8, "version": 500, "type": 540, "count_more": 450,
    "count_fewer": 300, "count_zero": 60, "csum": 1200, "csum_field": 600,
    "ttl": 900, "int_zero": 450, "v2_auth_data": 300, "v2_auth_other": 240,
    "v2_auth_bad": 300, "v2_interval": 300, "v2_addr_list": 240,
    "v6_not_ll": 360, "v6_src": 200, "vrid_unknown": 900, "vrid_otherdev": 90,
    "vrid_otherfam": 240, "ip_options": 300, "ip_options_csum": 200,
    "ip_options_bad": 200, "ip_frag": 300, "ip_frag_whole": 150,
    "ip_totlen_short": 240, "ip_totlen_long": 200, "ip_hdr_bad": 200,
    "ip6_hbh": 200,
    "spoof_own": 90, "garbage": 1600, "garbage_vrid": 1500,
}
MIN_FRAMES = 10000

# error counters (their sum is what SUM checks); STILL: must never move
GERR = ("checksum_errors", "version_errors", "vrid_errors", "length_errors")
VERR = ("ttl_errors", "invalid_type", "length_errors", "advert_int_errors",
        "addr_list_errors", "auth_failures", "invalid_auth_type",
        "auth_type_mismatch", "peer_errors", "src_errors")
STILL = ("master_transitions", "rx_prio_zero", "tx_prio_zero")
# (interface, family, vrid) of each VR, and its state on R1 and R2
VRS = {"v4": ("eth0", "inet", 1), "v2": ("eth0", "inet", 2),
       "v6": ("eth0", "inet6", 3), "ox": ("ox0", "inet", 5)}
WANT = {"r1": {"v4": "Master", "v2": "Master", "v6": "Master",
               "ox": "Master"},
        "r2": {"v4": "Backup", "v2": "Backup", "v6": "Backup",
               "ox": "Master"}}

# ---------------------------------------------------------------------------
# frames

A4, A6 = socket.AF_INET, socket.AF_INET6


def ip4(s):
    return socket.inet_pton(A4, s)


def ip6(s):
    return socket.inet_pton(A6, s)


SRC4, MC4 = ip4("192.0.2.99"), ip4("224.0.0.18")
SRC6, MC6 = ip6("fe80::99"), ip6("ff02::12")
SMAC = bytes.fromhex("020000000099")
ETH4 = bytes.fromhex("01005e000012") + SMAC + b"\x08\x00"
ETH6 = bytes.fromhex("333300000012") + SMAC + b"\x86\xdd"
KEY = b"secret\0\0"
VIP4, VIP2 = [ip4("192.0.2.254")], [ip4("192.0.2.253")]
VIP6 = [ip6("fe80::3"), ip6("2001:db8::fe")]


def sum16(b):
    if len(b) & 1:
        b += b"\0"
    return sum(struct.unpack("!%dH" % (len(b) // 2), b))


def fold(s):
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return s


def vcsum(pdu, fam, pseudo, src, dst):
    """checksum to store, over pdu with its checksum field taken as 0"""
    s = 0
    if pseudo:
        s = sum16(src) + sum16(dst) + 112 + (len(pdu) & 0xffff) + \
            (len(pdu) >> 16)
    s += sum16(bytes(pdu[:6]) + b"\0\0" + bytes(pdu[8:]))
    return ~fold(s) & 0xffff


def csum_forms(ver, fam):
    """the pseudo-header flags a receiver accepts for this version/family"""
    if ver == 3 and fam == 6:
        return (True,)
    if ver == 3:
        return (False, True)     # v3 IPv4: both forms
    return (False,)


def csum_ok(pdu, ver, fam, src, dst):
    return any(fold(sum16(bytes(pdu)) + (sum16(src) + sum16(dst) + 112 +
                                          len(pdu) if p else 0)) == 0xffff
               for p in csum_forms(ver, fam))


def mkpdu(ver=3, vrid=1, prio=254, addrs=None, ival=None, typ=1, count=None,
          vfield=None, rsvd=0, auth_type=None, auth=None):
    addrs = VIP4 if addrs is None else addrs
    n = len(addrs) if count is None else count
    b0 = ((ver if vfield is None else vfield) << 4) | typ
    if ver == 2:
        ival = 1 if ival is None else ival
        at = 1 if auth_type is None else auth_type
        hdr = struct.pack("!BBBBBBH", b0, vrid, prio, n, at, ival, 0)
        return bytearray(hdr + b"".join(addrs) + (KEY if auth is None
                                                   else auth))
    ival = 100 if ival is None else ival
    hdr = struct.pack("!BBBBBBH", b0, vrid, prio, n,
                      (rsvd << 4) | (ival >> 8 & 15), ival & 255, 0)
    return bytearray(hdr + b"".join(addrs))


def setcsum(pdu, fam, ver, src, dst, how="good", rng=None):
    """how: good (the form the module sends by default: v3 with the
    pseudo-header, so that valid frames do not make a VR in csum auto
    change its form), pseudo, nopseudo, bad (every accepted form fails),
    or a (src, dst) pair to sum over instead"""
    if pdu[0] >> 4 in (2, 3):   # the version the PDU says, not the VR's
        ver = pdu[0] >> 4
    if how in ("good", "pseudo", "nopseudo"):
        pseudo = {"good": ver == 3, "pseudo": True,
                  "nopseudo": False}[how]
        c = vcsum(pdu, fam, pseudo, src, dst)
    elif how == "bad":
        c = vcsum(pdu, fam, ver == 3, src, dst)
        while True:
            pdu[6:8] = struct.pack("!H", c ^ rng.randrange(1, 0x10000))
            if not csum_ok(pdu, ver, fam, src, dst):
                return pdu
    else:
        c = vcsum(pdu, fam, True, how[0], how[1])
    pdu[6:8] = struct.pack("!H", c)
    return pdu


def ip4hdr(plen, src=SRC4, dst=MC4, ttl=255, opts=b"", tot=None, ident=0,
           frag=0, hcsum=True, ihl=None, ver=4):
    ihl = 5 + len(opts) // 4 if ihl is None else ihl
    tot = 20 + len(opts) + plen if tot is None else tot
    h = bytearray(struct.pack("!BBHHHBBH4s4s", ver << 4 | ihl, 0xc0, tot,
                              ident, frag, ttl, 112, 0, src, dst) + opts)
    c = ~fold(sum16(bytes(h))) & 0xffff
    h[10:12] = struct.pack("!H", c if hcsum else c ^ 0x0101)
    return bytes(h)


def frame4(pdu, **kw):
    return ETH4 + ip4hdr(len(pdu), **kw) + bytes(pdu)


def frame6(pdu, src=SRC6, dst=MC6, hlim=255, ext=b"", nh=112, plen=None):
    plen = len(ext) + len(pdu) if plen is None else plen
    h = struct.pack("!IHBB16s16s", 6 << 28 | 0xc0 << 20, plen, nh, hlim,
                    src, dst)
    return ETH6 + h + ext + bytes(pdu)


class Base:
    """a valid priority-254 advert for one of the VRs"""

    def __init__(self, key, ver, fam, vrid, addrs):
        self.key, self.ver, self.fam, self.vrid = key, ver, fam, vrid
        self.addrs = addrs

    def pdu(self, **kw):
        a = dict(ver=self.ver, vrid=self.vrid, addrs=self.addrs)
        a.update(kw)
        return mkpdu(**a)

    def src(self):
        return SRC4 if self.fam == 4 else SRC6

    def dst(self):
        return MC4 if self.fam == 4 else MC6

    def sum(self, pdu, how="good", rng=None, src=None):
        return setcsum(pdu, self.fam, self.ver, src or self.src(),
                       self.dst(), how, rng)

    def frame(self, pdu, ttl=255, src=None, **kw):
        if self.fam == 4:
            return frame4(pdu, ttl=ttl, src=src or SRC4, **kw)
        return frame6(pdu, hlim=ttl, src=src or SRC6, **kw)

    def good(self, ttl=255, src=None, **kw):
        return self.frame(self.sum(self.pdu(**kw), src=src), ttl=ttl,
                          src=src)


B4 = Base("v4", 3, 4, 1, VIP4)
B2 = Base("v2", 2, 4, 2, VIP2)
B6 = Base("v6", 3, 6, 3, VIP6)
BASES = (B4, B2, B6)


def model_accepts(pdu, fam, src, dst):
    """True if a receiver could take PDU (the whole IP payload) as a good
    advert for some VRID: structure and checksum fine. Used to keep random
    junk from being a valid advert by chance."""
    if len(pdu) < 8:
        return False
    ver, typ, n = pdu[0] >> 4, pdu[0] & 15, pdu[3]
    if ver not in (2, 3) or typ != 1 or (ver == 2 and fam == 6):
        return False
    alen = 4 if fam == 4 else 16
    need = 8 + n * alen + (8 if ver == 2 else 0)
    if len(pdu) < need:
        return False
    ival = pdu[5] if ver == 2 else (pdu[4] & 15) << 8 | pdu[5]
    if not ival:
        return False
    if ver == 3 and fam == 6 and (not n or pdu[8] != 0xfe or
                                  pdu[9] & 0xc0 != 0x80):
        return False
    return any(csum_ok(pdu[:ln], ver, fam, src, dst)
               for ln in {need, len(pdu)})


# ---- the classes: each returns a list of (frame, vr key) ----

def c_trunc(rng, n):
    out = []
    for _ in range(n):
        for b in BASES:
            full = b.sum(b.pdu())
            for ln in range(len(full)):
                if b.fam == 4:
                    out.append((frame4(full[:ln]), b.key))
                else:
                    out.append((frame6(full[:ln]), b.key))
    return out


def c_version(rng, n):
    out = []
    for _ in range(n):
        k = rng.random()
        if k < 0.7:             # a version nibble that is neither 2 nor 3
            b = rng.choice(BASES)
            v = rng.choice([0, 1] + list(range(4, 16)))
            out.append((b.good(vfield=v), b.key))
        elif k < 0.8:           # v2 advert for the v3 VR
            out.append((B4.good(ver=2, auth_type=0, auth=b"\0" * 8), "v4"))
        elif k < 0.9:           # v3 advert for the v2 VR
            out.append((B2.good(ver=3), "v2"))
        else:                   # v2 over IPv6
            p = B6.pdu(ver=2, auth_type=0, auth=b"\0" * 8)
            out.append((frame6(setcsum(p, 6, 3, SRC6, MC6)), "v6"))
    return out


def c_type(rng, n):
    types = [0] + list(range(2, 16))
    return [(BASES[i % 3].good(typ=types[(i // 3) % 15]), BASES[i % 3].key)
            for i in range(n)]


def c_count_more(rng, n):
    out = []
    for i in range(n):
        b = BASES[i % 3]
        k = len(b.addrs)
        cnt = k + 1 if i % 5 == 0 else rng.randrange(k + 1, 256)
        out.append((b.good(count=cnt), b.key))
    return out


def c_count_fewer(rng, n):
    out = []
    while len(out) < n:
        b = BASES[len(out) % 3]
        alen = len(b.addrs[0])
        extra = [rng.randbytes(alen)
                 for _ in range(rng.randrange(0, 3))]
        addrs = b.addrs + extra
        cnt = rng.randrange(0, len(addrs)) if len(addrs) > 1 else 0
        p = b.sum(b.pdu(addrs=addrs, count=cnt))
        # the checksum fits the bytes sent: keep it wrong for the shorter
        # PDU that the count implies
        need = 8 + cnt * alen + (8 if b.ver == 2 else 0)
        if csum_ok(p[:need], b.ver, b.fam, b.src(), b.dst()):
            continue
        out.append((b.frame(p), b.key))
    return out


def c_count_zero(rng, n):
    return [(b.good(addrs=[], prio=255 if i % 6 == 4 else 254), b.key)
            for i in range(n) for b in [BASES[i % 3]]]


def c_csum(rng, n):
    out = []
    for i in range(n):
        b = BASES[i % 3]
        p = b.pdu()
        r = rng.random()
        if b.fam == 6 and r < 0.3:
            b.sum(p, "nopseudo")        # IPv6 needs the pseudo-header
        elif b.ver == 2 and r < 0.3:
            b.sum(p, "pseudo")          # v2 has none
        elif r < 0.4:
            # pseudo-header of another source or destination
            b.sum(p, (ip4("192.0.2.1") if b.fam == 4 else ip6("fe80::1"),
                      b.dst()))
        else:
            b.sum(p, "bad", rng)
        if csum_ok(p, b.ver, b.fam, b.src(), b.dst()):
            b.sum(p, "bad", rng)
        out.append((b.frame(p), b.key))
    return out


def c_csum_field(rng, n):
    out = []
    for i in range(n):
        b = BASES[i % 3]
        f = rng.randrange(6)
        if f == 0:
            p = b.pdu(typ=rng.choice([0] + list(range(2, 16))))
        elif f == 1:
            p = b.pdu(ival=0)
        elif f == 2 and b.fam == 6:
            p = b.pdu(addrs=VIP6[::-1])
        elif f == 3 and b.ver == 2:
            p = b.pdu(auth=b"wrong!\0\0")
        elif f == 4 and b.ver == 2:
            p = b.pdu(ival=rng.randrange(2, 256))
        elif f == 5 and b.ver == 2:
            p = b.pdu(auth_type=rng.randrange(2, 250))
        else:
            p = b.pdu(ival=0)
        out.append((b.frame(b.sum(p, "bad", rng)), b.key))
    return out


def c_ttl(rng, n):
    return [(b.good(ttl=rng.randrange(255)), b.key) for i in range(n)
            for b in [BASES[i % 3]]]


def c_int_zero(rng, n):
    return [(b.good(ival=0, rsvd=rng.randrange(16) if b.ver == 3 else 0),
             b.key) for i in range(n) for b in [BASES[i % 3]]]


def c_v2_auth_data(rng, n):
    out = []
    while len(out) < n:
        a = rng.randbytes(8)
        if a != KEY:
            out.append((B2.good(auth=a), "v2"))
    return out


def c_v2_auth_other(rng, n):
    return [(B2.good(auth_type=(0, 250, 251)[i % 3],
                     auth=(b"\0" * 8, KEY, KEY)[i % 3]), "v2")
            for i in range(n)]


def c_v2_auth_bad(rng, n):
    types = list(range(2, 250)) + [252, 253, 254, 255]
    return [(B2.good(auth_type=types[i % len(types)]), "v2")
            for i in range(n)]


def c_v2_interval(rng, n):
    return [(B2.good(ival=2 + i % 254), "v2") for i in range(n)]


def c_v2_addr_list(rng, n):
    out = []
    for i in range(n):
        k = i % 4
        if k == 0:
            a = [ip4("192.0.2.77")]
        elif k == 1:
            a = VIP2 + [ip4("192.0.2.77")]
        elif k == 2:
            a = []
        else:
            a = [rng.randbytes(4)
                 for _ in range(rng.randrange(1, 8))]
            if a == VIP2:
                a = [ip4("192.0.2.77")]
        out.append((B2.good(addrs=a), "v2"))
    return out


def c_v6_src(rng, n):
    # a valid, higher advert from a global, unique-local or site-local
    # source: not from a router on this link (RFC 9568 5.1.2.1)
    out = []
    for _ in range(n):
        src = ip6(rng.choice(["2001:db8::99", "2001:db8::1", "fd00::99",
                              "fec0::99"]))
        out.append((B6.good(src=src), "v6"))
    return out


def c_v6_not_ll(rng, n):
    out = []
    for i in range(n):
        k = i % 4
        if k == 0:
            a = VIP6[::-1]
        elif k == 1:
            a = [ip6("2001:db8::fe")]
        elif k == 2:
            a = [ip6(rng.choice(["::", "ff02::1", "fec0::3", "fe00::3",
                                 "fec0::1", "::1", "2001:db8::3"])),
                 VIP6[0]]
        else:
            while True:
                x = rng.randbytes(16)
                if not (x[0] == 0xfe and x[1] & 0xc0 == 0x80):
                    break
            a = [x] + VIP6
        out.append((B6.good(addrs=a), "v6"))
    return out


def c_vrid_unknown(rng, n):
    free = [x for x in range(256) if x not in (1, 2, 3, 5)]
    return [(b.good(vrid=rng.choice(free)), b.key) for i in range(n)
            for b in [BASES[i % 3]]]


def c_vrid_otherdev(rng, n):
    return [(B4.good(vrid=5, addrs=[ip4("198.51.100.254")]), "ox")
            for _ in range(n)]


def c_vrid_otherfam(rng, n):
    out = []
    for i in range(n):
        k = i % 3
        if k == 0:
            out.append((B4.good(vrid=3), "v4"))
        else:
            out.append((B6.good(vrid=k), "v6"))
    return out


def ip_opts(rng):
    """valid IPv4 options: NOPs, at most one router alert, maybe an EOL"""
    o = b"\x01" * rng.randrange(0, 4)
    if rng.random() < 0.6:
        o += b"\x94\x04\x00\x00"
    o += b"\x01" * rng.randrange(0, 8)
    if rng.random() < 0.5:
        o += b"\x00"
    o += b"\x00" * (-len(o) % 4)
    return o or b"\x01\x01\x01\x01"


def c_ip_options(rng, n):
    out = []
    for i in range(n):
        b = (B4, B2)[i % 2]
        out.append((frame4(b.sum(b.pdu()), ttl=64, opts=ip_opts(rng)),
                    b.key))
    return out


def c_ip_options_csum(rng, n):
    out = []
    for i in range(n):
        b = (B4, B2)[i % 2]
        out.append((frame4(b.sum(b.pdu(), "bad", rng), opts=ip_opts(rng)),
                    b.key))
    return out


def c_ip_options_bad(rng, n):
    out = []
    for i in range(n):
        b = (B4, B2)[i % 2]
        t = rng.choice([0x07, 0x44, 0x94, 0x88, 0x99, 0x83, 0x89, 0x19])
        pad = rng.choice([b"", b"\x01\x01\x01\x01"])
        ln = rng.choice([0, 1]) if i % 2 else rng.randrange(len(pad) + 9, 256)
        o = pad + bytes([t, ln]) + b"\0\0"
        o += b"\0" * (-len(o) % 4)
        out.append((frame4(b.sum(b.pdu()), opts=o), b.key))
    return out


def c_ip_frag(rng, n):
    out = []
    for i in range(n):
        ident = 0x1000 + i          # never the same datagram twice
        b = (B4, B2, B6)[i % 3]
        p = bytes(b.sum(b.pdu()))
        p += b"\0" * (-len(p) % 8 + 8)
        k = (i // 3) % 3    # first (MF), middle (MF, offset), last (offset)
        off = 0 if k == 0 else rng.randrange(1, 100)
        mf = k < 2
        if b.fam == 4:
            out.append((frame4(p, ident=ident & 0xffff,
                               frag=(0x2000 if mf else 0) | off), b.key))
        else:
            fh = struct.pack("!BBHI", 112, 0, off << 3 | mf, ident)
            out.append((frame6(p, ext=fh, nh=44), b.key))
    return out


def c_ip_frag_whole(rng, n):
    """every fragment of a TTL-64 advert, so it reassembles (and shows
    that c_ip_frag's fragments are well made)"""
    out = []
    for i in range(n):
        ident = 0x8000 + i
        b = BASES[i % 3]
        p = bytes(b.sum(b.pdu()))
        cut = 8 * rng.randrange(1, (len(p) - 1) // 8 + 1)
        parts = [(0, True, p[:cut]), (cut // 8, False, p[cut:])]
        if rng.random() < 0.5:
            parts.reverse()
        for j, (off, mf, data) in enumerate(parts):
            if b.fam == 4:
                f = frame4(data, ttl=64, ident=ident,
                           frag=(0x2000 if mf else 0) | off,
                           tot=20 + len(data))
            else:
                fh = struct.pack("!BBHI", 112, 0, off << 3 | mf, ident)
                f = frame6(data, hlim=64, ext=fh, nh=44)
            out.append((f, None if j else b.key))
    return out


def c_ip_totlen_short(rng, n):
    out = []
    for i in range(n):
        b = BASES[i % 3]
        p = b.sum(b.pdu())
        ln = rng.randrange(0, len(p))
        junk = rng.randbytes(rng.randrange(8))
        if b.fam == 4:
            out.append((frame4(p + junk, tot=20 + ln), b.key))
        else:
            out.append((frame6(p + junk, plen=ln), b.key))
    return out


def c_ip_totlen_long(rng, n):
    out = []
    for i in range(n):
        b = BASES[i % 3]
        p = b.sum(b.pdu())
        # longer than the frame, even if something padded it to 60 bytes
        if b.fam == 4:
            tot = max(20 + len(p), 46) + rng.randrange(1, 1500)
            out.append((frame4(p, tot=tot), b.key))
        else:
            out.append((frame6(p, plen=len(p) + rng.randrange(1, 1500)),
                        b.key))
    return out


def c_ip_hdr_bad(rng, n):
    out = []
    for i in range(n):
        b = (B4, B2)[i % 2]
        p = b.sum(b.pdu())
        k = (i // 2) % 4
        if k == 0:
            f = frame4(p, hcsum=False)
        elif k == 1:
            f = frame4(p, tot=rng.randrange(0, 20))
        elif k == 2:
            f = frame4(p, ihl=rng.randrange(0, 5))
        else:
            f = frame4(p, ver=rng.choice([0, 5, 6, 7, 15]))
        out.append((f, b.key))
    return out


def c_ip6_hbh(rng, n):
    hbh = bytes([112, 0, 1, 4, 0, 0, 0, 0])       # PadN
    return [(frame6(B6.sum(B6.pdu()), hlim=64, ext=hbh, nh=0), "v6")
            for _ in range(n)]


def c_spoof_own(rng, n, r1_primary=None):
    out = []
    for i in range(n):
        b = BASES[i % 3]
        src = r1_primary[b.key]
        out.append((b.good(src=src), b.key))
    return out


def junk(rng, pdu_head=b""):
    ln = rng.choice([rng.randrange(0, 16), rng.randrange(0, 48),
                     rng.randrange(0, 160)])
    return pdu_head + rng.randbytes(max(0, ln - len(pdu_head)))


def c_garbage(rng, n, head=False):
    out = []
    while len(out) < n:
        fam = 6 if rng.random() < 0.35 else 4
        if head:
            b0 = rng.choice([0x21, 0x31, 0x31, rng.randrange(256)])
            v = rng.choice([1, 2, 3, 5])
            key = {1: "v4", 2: "v2", 3: "v6", 5: "ox"}[v]
            p = junk(rng, bytes([b0, v]))
            if len(p) < 2:
                p = bytes([b0, v])
        else:
            p = junk(rng)
            key = "v6" if fam == 6 else "v4"
        src, dst = (SRC4, MC4) if fam == 4 else (SRC6, MC6)
        if model_accepts(p, fam, src, dst):
            continue
        ttl = 255 if rng.random() < 0.9 else rng.randrange(255)
        out.append((frame4(p, ttl=ttl) if fam == 4 else
                    frame6(p, hlim=ttl), key))
    return out


GEN = {
    "trunc": c_trunc, "version": c_version, "type": c_type,
    "count_more": c_count_more, "count_fewer": c_count_fewer,
    "count_zero": c_count_zero, "csum": c_csum, "csum_field": c_csum_field,
    "ttl": c_ttl, "int_zero": c_int_zero, "v2_auth_data": c_v2_auth_data,
    "v2_auth_other": c_v2_auth_other, "v2_auth_bad": c_v2_auth_bad,
    "v2_interval": c_v2_interval, "v2_addr_list": c_v2_addr_list,
    "v6_not_ll": c_v6_not_ll, "v6_src": c_v6_src,
    "vrid_unknown": c_vrid_unknown,
    "vrid_otherdev": c_vrid_otherdev, "vrid_otherfam": c_vrid_otherfam,
    "ip_options": c_ip_options, "ip_options_csum": c_ip_options_csum,
    "ip_options_bad": c_ip_options_bad, "ip_frag": c_ip_frag,
    "ip_frag_whole": c_ip_frag_whole,
    "ip_totlen_short": c_ip_totlen_short,
    "ip_totlen_long": c_ip_totlen_long, "ip_hdr_bad": c_ip_hdr_bad,
    "ip6_hbh": c_ip6_hbh, "spoof_own": c_spoof_own,
    "garbage": c_garbage,
    "garbage_vrid": lambda rng, n: c_garbage(rng, n, head=True),
}
assert set(GEN) == set(EXPECT) == set(COUNT)

# ---------------------------------------------------------------------------
# namespaces, netlink


def setns(name):
    fd = os.open("/run/netns/" + name, os.O_RDONLY)
    try:
        if hasattr(os, "setns"):
            os.setns(fd, 0x40000000)
        else:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.setns(fd, 0x40000000):
                e = ctypes.get_errno()
                raise OSError(e, "setns %s: %s" % (name, os.strerror(e)))
    finally:
        os.close(fd)


class Router:
    def __init__(self, name):
        setns(name)
        self.name = name
        self.g = nl.Genl()
        self.ev = nl.Genl()
        self.ev.s.setsockopt(270, 1, self.ev.groups["events"])
        self.ev.s.setblocking(False)

    def snap(self):
        vrs = self.g.request(self.g.fid, nl.C["VRRP_CMD_GET"], [], dump=True)
        r = self.g.request(self.g.fid, nl.C["VRRP_CMD_GET_GLOBAL"], [])
        if isinstance(vrs, int) or isinstance(r, int):
            raise OSError("netlink dump failed in %s" % self.name)
        s = {"vr": {}}
        byid = {(v["interface"], v["family"], v["vrid"]): v
                for v in map(nl.decode_vr, vrs)}
        for k, ident in VRS.items():
            s["vr"][k] = byid.get(ident)
        at = nl.parse_attrs(r[0][4:])
        names = {v: k[len("VRRP_GSTAT_A_"):].lower() for k, v in nl.G.items()}
        s["g"] = {names.get(t, str(t)): int.from_bytes(v[0], sys.byteorder)
                  for t, v in nl.parse_attrs(
                      at[nl.A["VRRP_A_GLOBAL_STATS"]][0]).items()}
        return s

    def events(self):
        out = []
        while True:
            try:
                data = self.ev.s.recv(65536)
            except (BlockingIOError, socket.timeout):
                return out
            off = 0
            while off + 16 <= len(data):
                ln, typ = struct.unpack_from("=IH", data, off)
                body = data[off + 16:off + ln]
                off += (ln + 3) & ~3
                if typ != self.ev.fid:
                    continue
                at = nl.parse_attrs(body[4:])
                v = nl.decode_vr(body)
                old = at.get(nl.A["VRRP_A_EV_OLD_STATE"])
                rs = at.get(nl.A["VRRP_A_EV_REASON"])
                out.append("%s/%s/%s %s->%s (%s)" % (
                    v["interface"], v["family"], v["vrid"],
                    nl.STATES[old[0][0]] if old else "?", v["state"],
                    nl.REASONS.get(rs[0][0]) if rs else "?"))


def errs(s):
    """error counters of a snapshot, as one flat dict"""
    d = {"g." + k: s["g"].get(k, 0) for k in GERR}
    for k, v in s["vr"].items():
        for c in VERR:
            d[k + "." + c] = v["stats"].get(c, 0) if v else 0
    return d


def still(s):
    return {k + "." + c: (v["stats"].get(c, 0) if v else None)
            for k, v in s["vr"].items() for c in STILL}


def rxadv(s):
    return {k: (v["stats"].get("rx_adverts", 0) if v else 0)
            for k, v in s["vr"].items()}


def txadv(s):
    return {k: (v["stats"].get("tx_adverts", 0) if v else 0)
            for k, v in s["vr"].items()}


def delta(a, b):
    return {k: b[k] - a[k] for k in b if b[k] != a[k]}


def states_ok(rt, s, primary=None):
    """'' if every VR is in its state (and R2 follows R1), else why"""
    bad = []
    for k, want in WANT[rt].items():
        v = s["vr"][k]
        if not v:
            bad.append("%s missing" % k)
        elif v["state"] != want:
            bad.append("%s %s" % (k, v["state"]))
        elif primary and want == "Backup" and v["master"] != primary[k]:
            bad.append("%s follows %s, not %s" % (k, v["master"],
                                                 primary[k]))
    return ", ".join(bad)


def softnet_drops():
    try:
        return sum(int(line.split()[1], 16)
                   for line in open("/proc/net/softnet_stat"))
    except (OSError, IndexError, ValueError):
        return 0


class Out:
    def __init__(self):
        self.n = 0

    def ok(self, cond, name, why=""):
        self.n += 1
        print(("ok - " if cond else "not ok - ") + name)
        if not cond and why:
            for line in str(why).splitlines():
                print("#   " + line)
        sys.stdout.flush()

    @staticmethod
    def diag(s):
        print("# " + s, flush=True)


def fmt(d):
    return "{" + ", ".join("%s: %d" % (k, d[k]) for k in sorted(d)) + "}" \
        if d else "{}"


# ---------------------------------------------------------------------------


def plan():
    n = 1 + 4       # before; after: states, liveness, no drops, >= 10000
    for rule, rx in EXPECT.values():
        n += 2 + (rx is not None)
    n += 1          # spoof_own reached R2
    return n + 2 + 3    # the two monitors, the positive control (one per VR)    # + the positive control (--control): one per VR


class Sender:
    def __init__(self, ifname):
        self.s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
        self.s.bind((ifname, 0))
        self.burst = int(os.environ.get("VRRP_FUZZ_BURST", "32"))
        self.pause = float(os.environ.get("VRRP_FUZZ_PAUSE", "0.002"))
        self.sent = 0
        self.time = 0.0

    def send(self, frames):
        t0 = time.monotonic()
        for i, f in enumerate(frames):
            while True:
                try:
                    self.s.send(f)
                    break
                except OSError:     # ENOBUFS: let the softirq catch up
                    time.sleep(0.01)
            if i % self.burst == self.burst - 1:
                time.sleep(self.pause)
        self.time += time.monotonic() - t0
        self.sent += len(frames)


def wait_quiet(routers, base, want_total, timeout=8.0):
    """poll both routers until their error counters have reached what the
    class must produce and stay put, or stop moving for 0.4 s; returns
    the last snapshots"""
    t0 = time.monotonic()
    step, last, since = 0.05, None, t0
    while True:
        time.sleep(step)
        snaps = [r.snap() for r in routers]
        now = time.monotonic()
        cur = [errs(s) for s in snaps]
        tot = [sum(delta(b, c).values()) for b, c in zip(base, cur)]
        if cur != last:
            last, since = cur, now
        elif now - since >= 0.4 or (want_total and
                                    all(t >= want_total for t in tot)):
            return snaps
        if now - t0 > timeout:
            return snaps
        step = min(step * 1.5, 0.2)


def tally(keys):
    d = {}
    for k in keys:
        d[k] = d.get(k, 0) + 1
    return d


def settle(routers, primary, timeout=20):
    """after a state change: wait until R1 is Master and R2 its Backup
    again, so that the next class starts from there"""
    t0 = time.monotonic()
    while True:
        ss = [r.snap() for r in routers]
        why = states_ok("r1", ss[0]) or states_ok("r2", ss[1], primary)
        if not why or time.monotonic() - t0 > timeout:
            break
        time.sleep(0.5)
    for r in routers:
        r.events()
    return "after %.1f s: %s" % (time.monotonic() - t0, why or "settled")


def phase(out, routers, tx, primary, cls, fl):
    """send one class, check states and counters on both routers"""
    rule, rx = EXPECT[cls]
    r1, r2 = routers
    # the VR each advert was made for (None: a further fragment of the
    # advert before it, which counts once)
    units = [k for _, k in fl if k is not None]
    n = len(units)
    if rule.startswith("g."):
        want = {rule: n}
    elif rule.startswith("vr."):
        want = tally(k + "." + rule[3:] for k in units)
    pre = [r.snap() for r in routers]
    dr0 = softnet_drops()
    tx.send([f for f, _ in fl])
    post = wait_quiet(routers, [errs(s) for s in pre],
                      0 if rule == NONE else n)
    dropped = softnet_drops() - dr0
    out.diag("%s: %d frames (%d adverts), rule %s" % (cls, len(fl), n,
                                                      rule))
    # state: no event, STILL counters unchanged, every VR as it was
    bad = []
    for r, a, b in zip(routers, pre, post):
        ev = r.events()
        if ev:
            bad.append("%s events: %s" % (r.name, "; ".join(ev[:6])))
        d = delta(still(a), still(b))
        if d:
            bad.append("%s %s" % (r.name, fmt(d)))
        w = states_ok("r1" if r is r1 else "r2", b,
                      primary if r is r2 else None)
        if w:
            bad.append("%s: %s" % (r.name, w))
    out.ok(not bad, "%s (%d frames): no state change" % (cls, len(fl)),
           "\n".join(bad))
    # counters, the same on both routers
    cbad = []
    for r, a, b in zip(routers, pre, post):
        d = delta(errs(a), errs(b))
        out.diag("  %s counted %s" % (r.name, fmt(d)))
        if rule == SUM:
            if sum(d.values()) != n:
                cbad.append("%s: %d error counts for %d adverts" % (
                    r.name, sum(d.values()), n))
        elif rule == NONE:
            if d:
                cbad.append("%s: want no VRRP counter, got %s" % (
                    r.name, fmt(d)))
        elif d != want:
            cbad.append("%s: want %s, got %s" % (r.name, fmt(want), fmt(d)))
    if dropped:
        cbad.append("the kernel backlog dropped %d frames (slow down: "
                    "VRRP_FUZZ_PAUSE)" % dropped)
    desc = {SUM: "one error count per advert",
            NONE: "no VRRP counter"}.get(rule, "%s +1 per advert" % rule)
    out.ok(not cbad, "%s: %s" % (cls, desc), "\n".join(cbad))
    if rx is not None:
        d = delta(rxadv(pre[0]), rxadv(post[0]))
        w = tally(units) if rx else {}
        out.ok(d == w, "%s: r1 rx_adverts %s" % (
            cls, "+1 per advert on its VR" if rx else "unchanged"),
            "want %s, got %s" % (fmt(w), fmt(d)))
    if cls == "spoof_own":
        # R2 cannot tell them from R1's own: they must have reached it
        d = delta(rxadv(pre[1]), rxadv(post[1]))
        short = {k: v for k, v in tally(units).items() if d.get(k, 0) < v}
        out.ok(not short, "spoof_own: r2 took them for R1's adverts "
               "(rx_adverts rose by as many)",
               "want at least %s, got %s" % (fmt(tally(units)), fmt(d)))
    if bad:
        out.diag("  " + settle(routers, primary))


def wait_start(routers, timeout=40):
    """R1 Master and R2 its Backup on every VR (the election runs while
    the frames are built); returns why not, '' when they are"""
    t0 = time.monotonic()
    while True:
        s1 = routers[0].snap()
        primary = {k: (v["primary"] if v else None)
                   for k, v in s1["vr"].items()}
        s2 = routers[1].snap()
        why = "; ".join("%s: %s" % (r.name, w) for r, w in
                        ((routers[0], states_ok("r1", s1)),
                         (routers[1], states_ok("r2", s2, primary))) if w)
        if not why or time.monotonic() - t0 > timeout:
            return why, primary
        time.sleep(0.3)


def lines(path):
    try:
        with open(path) as f:
            return f.read().splitlines()
    except OSError:
        return []


def control(out, r1, tx):
    """valid priority-254 adverts for vrid 1, 2 and 3: each makes R1
    Backup (the frames reach the routers, and the bases are right)"""
    r1.events()
    for b in BASES:
        tx.send([b.good()])
        end = time.monotonic() + 10
        evs = []
        ident = "%s/%s/%d" % VRS[b.key]
        hit = False
        while time.monotonic() < end and not hit:
            time.sleep(0.1)
            evs += r1.events()
            hit = any(e.startswith(ident + " Master->Backup (preempted)")
                      for e in evs)
        out.ok(hit, "control: a valid priority-254 %s advert for vrid %d "
               "makes r1 Backup" % ({"v4": "v3 IPv4", "v2": "v2",
                                     "v6": "v3 IPv6"}[b.key], b.vrid),
               "events: %s" % ("; ".join(evs) or "none"))


def fuzz(args):
    seed, scale, evfiles = 9568, 1.0, []
    while args and args[0].startswith("--"):
        if args[0] == "--seed":
            seed = int(args[1])
        elif args[0] == "--scale":
            scale = float(args[1])
        elif args[0] == "--events":
            evfiles = args[1].split(",")
        args = args[2:]
    r1n, r2n, cn, ifname = args
    t_start = time.monotonic()
    out = Out()
    r1, r2 = Router(r1n), Router(r2n)
    routers = (r1, r2)
    setns(cn)
    tx = Sender(ifname)

    rng = random.Random(seed)
    frames = {}
    for cls in EXPECT:
        if cls != "spoof_own":      # needs R1's addresses: below
            frames[cls] = GEN[cls](rng, max(1, int(COUNT[cls] * scale)))
    t_built = time.monotonic() - t_start

    why, primary = wait_start(routers)
    out.ok(not why, "before: r1 Master, r2 Backup following r1, on every VR",
           why)
    own = {k: ip4(a) if "." in a else ip6(a)
           for k, a in primary.items() if a}
    frames["spoof_own"] = c_spoof_own(rng, max(1, int(
        COUNT["spoof_own"] * scale)), own)
    frames = {cls: frames[cls] for cls in EXPECT}
    total = sum(len(f) for f in frames.values())
    out.diag("seed %d: %d frames in %d classes, built in %.1f s" % (
        seed, total, len(frames), t_built))
    ev0 = [len(lines(f)) for f in evfiles]

    live0 = (r1.snap(), r2.snap())
    t_live = time.monotonic()
    drops0 = softnet_drops()
    for r in routers:
        r.events()
    t_fuzz = time.monotonic()
    for cls in EXPECT:
        phase(out, routers, tx, primary, cls, frames[cls])
    t_fuzz = time.monotonic() - t_fuzz

    s1, s2 = r1.snap(), r2.snap()
    why = "; ".join("%s: %s" % (r.name, w) for r, w in
                    ((r1, states_ok("r1", s1)),
                     (r2, states_ok("r2", s2, primary))) if w)
    out.ok(not why, "after: r1 Master, r2 Backup following r1, on every VR",
           why)
    # R1 advertised all along, and R2 received every advert: counted as
    # valid now, or as received at all once rx_adverts counts every one
    sent = delta(txadv(live0[0]), txadv(s1))
    got = delta(rxadv(live0[1]), rxadv(s2))
    secs = time.monotonic() - t_live
    miss = ["%s: r1 sent %d in %.0f s, r2 received %d" % (
        k, sent.get(k, 0), secs, got.get(k, 0)) for k in ("v4", "v2", "v6")
        if sent.get(k, 0) < secs / 2 or got.get(k, 0) < sent.get(k, 0) - 2]
    out.ok(not miss, "the Master stayed live: r2 received every advert r1 "
           "sent, on every VR", "\n".join(miss))
    dropped = softnet_drops() - drops0
    out.ok(not dropped, "no frame dropped by the kernel backlog",
           "%d dropped" % dropped)
    out.ok(tx.sent >= MIN_FRAMES, "at least %d frames sent" % MIN_FRAMES,
           "only %d" % tx.sent)
    out.diag("%d frames sent in %.1f s of sending: %.0f frames/s; "
             "all classes %.1f s" % (tx.sent, tx.time, tx.sent / max(
                 tx.time, 1e-3), t_fuzz))
    # what `vrrp_nl.py monitor` saw during the fuzz (not only this
    # process's own event sockets)
    time.sleep(0.5)
    for rt, f, n0 in zip(("r1", "r2"), evfiles, ev0):
        new = [x for x in lines(f)[n0:] if '"ready"' not in x]
        out.ok(n0 > 0 and not new, "%s: no event during the fuzz (%s "
               "monitor)" % (rt, "vrrp_nl.py"),
               "\n".join(new[:10]) if new else "the monitor never started")
    control(out, r1, tx)
    out.diag("generator done after %.1f s" % (time.monotonic() - t_start))
    return 0


def main(argv):
    if argv[:1] == ["--plan"]:
        print(plan())
        return 0
    if len([a for a in argv if not a.startswith("--")]) < 4:
        print(__doc__)
        return 2
    return fuzz(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
