#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Minimal generic netlink client for the vrrp family, used by the VM
selftests so that kernel tests do not depend on vrrpctl. Attribute numbers
are read from uapi/linux/vrrp.h, so it follows the contract.

  vrrp_nl.py add|set dev IF vrid N [family inet|inet6] [version 2|3]
             [prio N] [int CS] [vip ADDR[/LEN]]... [preempt 0|1]
             [preempt_delay MS] [accept 0|1] [auth none|simple|p0|p1 KEY]
             [vmac ether|macvlan|none] [vifname NAME] [track IF:WEIGHT]...
             [peer ADDR]... [route DST/LEN[@GW]]... [sync N] [csum 0|1|2] [pseudo 0|1]
             [garp N] [garp_delay MS] [garp_refresh MS] [admin 0|1]
             [force none|backup|master]
  vrrp_nl.py del|get|reset dev IF vrid N [family inet|inet6]
  vrrp_nl.py get ... field PATH  one value ("state", "stats.rx_adverts")
  vrrp_nl.py show            JSON list of every VR of the netns
  vrrp_nl.py global          JSON global counters
  vrrp_nl.py flush
  vrrp_nl.py batch [replace] -- VR-ARGS [-- VR-ARGS]...
  vrrp_nl.py monitor [SECONDS]  one JSON object per event
  vrrp_nl.py raw CMD [ATTR=HEX]...   send raw attributes (policy tests)
"""
import os
# the C module: socket.py imports enum and selectors, slow under TCG
import _socket as socket
import struct
import sys
import time

TOP = os.environ.get("VRRP_TOP") or os.path.join(os.path.dirname(
    os.path.abspath(__file__)), "..", "..")
HDR = os.path.join(TOP, "uapi", "linux", "vrrp.h")


def parse_enums(path):
    # plain string scanning: importing re costs a noticeable part of a
    # second per call in a TCG guest, and tests call this script a lot
    text, out, i = open(path).read(), [], 0
    while True:
        j = text.find("/*", i)
        if j < 0:
            out.append(text[i:])
            break
        out.append(text[i:j])
        i = text.index("*/", j) + 2
    enums = {}
    for chunk in " ".join(out).split("enum")[1:]:
        name, brace, rest = chunk.partition("{")
        name = name.strip()
        if not brace or not name.isidentifier():
            continue
        val = -1
        d = {}
        for item in rest.split("}", 1)[0].split(","):
            item = item.strip()
            if not item:
                continue
            if "=" in item:
                k, v = [x.strip() for x in item.split("=")]
                val = int(v, 0)
            else:
                k = item
                val += 1
            d[k] = val
        enums[name] = d
    return enums


E = parse_enums(HDR)
A = E["vrrp_attr"]
C = E["vrrp_cmd"]
S = E["vrrp_stat_attr"]
G = E["vrrp_gstat_attr"]
VIP = E["vrrp_vip_attr"]
TRK = E["vrrp_track_attr"]
RT = E["vrrp_route_attr"]
PEER = E["vrrp_peer_attr"]
STATES = ["Init", "Backup", "Master"]
REASONS = {v: k[len("VRRP_REASON_"):].lower()
           for k, v in E["vrrp_reason"].items()}

NETLINK_GENERIC = 16
GENL_ID_CTRL = 0x10
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK, NLM_F_DUMP = 1, 2, 4, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLA_F_NESTED = 0x8000


def dumps(o):
    import json     # only when printing: json pulls in re, slow under TCG
    return json.dumps(o)


def nla(t, data):
    ln = 4 + len(data)
    return struct.pack("=HH", ln, t) + data + b"\0" * ((4 - ln % 4) % 4)


def nest(t, items):
    return nla(t | NLA_F_NESTED, b"".join(items))


def u8(t, v):
    return nla(t, struct.pack("=B", v))


def u16(t, v):
    return nla(t, struct.pack("=H", v))


def u32(t, v):
    return nla(t, struct.pack("=I", v))


def sz(t, s):
    return nla(t, s.encode() + b"\0")


def parse_attrs(data):
    out = {}
    off = 0
    while off + 4 <= len(data):
        ln, t = struct.unpack_from("=HH", data, off)
        if ln < 4:
            break
        out.setdefault(t & 0x3fff, []).append(data[off + 4:off + ln])
        off += (ln + 3) & ~3
    return out


class Genl:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                               NETLINK_GENERIC)
        self.s.bind((0, 0))
        self.s.setsockopt(270, 10, 1)   # NETLINK_CAP_ACK
        self.s.setsockopt(270, 11, 1)   # NETLINK_EXT_ACK
        self.seq = int(time.time())
        fam = self.request(GENL_ID_CTRL, 3, [sz(2, "vrrp")], ctrl=True)
        if isinstance(fam, int):
            raise OSError(-fam, "vrrp family not found")
        at = parse_attrs(fam[0][4:])
        self.fid = struct.unpack("=H", at[1][0][:2])[0]
        self.groups = {}
        for g in at.get(7, []):
            for e in parse_attrs(g).values():
                ga = parse_attrs(e[0])
                self.groups[ga[1][0].rstrip(b"\0").decode()] = \
                    struct.unpack("=I", ga[2][0])[0]

    def send(self, fid, cmd, attrs, flags):
        self.seq += 1
        payload = struct.pack("=BBH", cmd, 1, 0) + b"".join(attrs)
        msg = struct.pack("=IHHII", 16 + len(payload), fid,
                          flags | NLM_F_REQUEST, self.seq, 0) + payload
        self.s.send(msg)

    def request(self, fid, cmd, attrs, dump=False, ctrl=False):
        """returns a list of genl payloads, or a negative errno"""
        self.send(fid, cmd, attrs, NLM_F_ACK | (NLM_F_DUMP if dump else 0))
        res = []
        while True:
            data = self.s.recv(1 << 20)
            off = 0
            while off < len(data):
                ln, typ, flags, seq, pid = struct.unpack_from("=IHHII",
                                                              data, off)
                body = data[off + 16:off + ln]
                off += (ln + 3) & ~3
                if seq != self.seq:
                    continue
                if typ == NLMSG_ERROR:
                    err = struct.unpack_from("=i", body)[0]
                    if err:
                        self.last_extack = extack_msg(body, flags)
                        return err
                    return res
                if typ == NLMSG_DONE:
                    return res
                res.append(body)


def extack_msg(body, flags):
    # NLM_F_CAPPED 0x100, ack TLVs 0x200
    try:
        inner_len = 16 if flags & 0x100 else struct.unpack_from(
            "=I", body, 4)[0]
        tl = parse_attrs(body[4 + inner_len:])
        if 1 in tl:
            return tl[1][0].rstrip(b"\0").decode()
    except Exception:
        pass
    return ""


def ifindex(name):
    return socket.if_nametoindex(name)


def ip_bytes(s, fam):
    # no family check here: the kernel must reject a mismatch itself
    return socket.inet_pton(socket.AF_INET6 if ":" in s else socket.AF_INET, s)


def vr_attrs(args, cfg=True):
    fam = socket.AF_INET
    if "family" in args:
        fam = socket.AF_INET6 if args[args.index("family") + 1] == "inet6" \
            else socket.AF_INET
    at = []
    vips, tracks, peers, routes = [], [], [], []
    i = 0
    while i < len(args):
        k = args[i]
        v = args[i + 1] if i + 1 < len(args) else None
        i += 2
        if k == "dev":
            # by index while the device exists, else by name (a VR whose
            # device went away)
            try:
                at.append(u32(A["VRRP_A_IFINDEX"], ifindex(v)))
            except OSError:
                at.append(sz(A["VRRP_A_IFNAME"], v))
        elif k == "ifname":
            at.append(sz(A["VRRP_A_IFNAME"], v))
        elif k == "vrid":
            at.append(u8(A["VRRP_A_VRID"], int(v)))
        elif k == "family":
            at.append(u8(A["VRRP_A_FAMILY"], fam))
        elif k == "version":
            at.append(u8(A["VRRP_A_VERSION"], int(v)))
        elif k == "prio":
            at.append(u8(A["VRRP_A_PRIORITY"], int(v)))
        elif k == "int":
            at.append(u16(A["VRRP_A_ADVERT_INT"], int(v)))
        elif k == "preempt":
            at.append(u8(A["VRRP_A_PREEMPT"], int(v)))
        elif k == "preempt_delay":
            at.append(u32(A["VRRP_A_PREEMPT_DELAY"], int(v)))
        elif k == "accept":
            at.append(u8(A["VRRP_A_ACCEPT"], int(v)))
        elif k == "vip":
            addr, _, plen = v.partition("/")
            e = [nla(VIP["VRRP_VIP_A_ADDR"], ip_bytes(addr, fam))]
            if plen:
                e.append(u8(VIP["VRRP_VIP_A_PREFIXLEN"], int(plen)))
            vips.append(nest(0, e))
        elif k == "auth":
            t = {"none": 0, "simple": 1, "p0": 250, "p1": 251}[v]
            at.append(u8(A["VRRP_A_AUTH_TYPE"], t))
            if t:
                at.append(nla(A["VRRP_A_AUTH_KEY"], args[i].encode()))
                i += 1
        elif k == "vmac":
            at.append(u8(A["VRRP_A_VMAC_MODE"],
                         {"ether": 0, "macvlan": 1, "none": 2}[v]))
        elif k == "vifname":
            at.append(sz(A["VRRP_A_VIFNAME"], v))
        elif k == "track":
            n, _, w = v.partition(":")
            try:
                t = u32(TRK["VRRP_TRACK_A_IFINDEX"], ifindex(n))
            except OSError:     # tracked by name, not there (yet)
                t = sz(TRK["VRRP_TRACK_A_IFNAME"], n)
            tracks.append(nest(0, [t, u8(TRK["VRRP_TRACK_A_WEIGHT"],
                                         int(w or 0))]))
        elif k == "peer":
            peers.append(nest(0, [nla(PEER["VRRP_PEER_A_ADDR"],
                                      ip_bytes(v, fam))]))
        elif k == "route":
            dst, _, gw = v.partition("@")
            d, _, ln = dst.partition("/")
            e = [nla(RT["VRRP_ROUTE_A_DST"], ip_bytes(d, fam)),
                 u8(RT["VRRP_ROUTE_A_DST_LEN"], int(ln))]
            if gw:
                e.append(nla(RT["VRRP_ROUTE_A_GATEWAY"], ip_bytes(gw, fam)))
            routes.append(nest(0, e))
        elif k == "sync":
            at.append(u32(A["VRRP_A_SYNC_GROUP"], int(v)))
        elif k == "csum":
            at.append(u8(A["VRRP_A_V3_CSUM"], int(v)))
        elif k == "pseudo":
            # the old switch: 1 = pseudo-header, 0 = RFC 9568 form
            at.append(u8(A["VRRP_A_V3_CSUM"], 1 if int(v) else 2))
        elif k == "garp":
            at.append(u8(A["VRRP_A_GARP_REPEAT"], int(v)))
        elif k == "garp_delay":
            at.append(u32(A["VRRP_A_GARP_DELAY"], int(v)))
        elif k == "garp_refresh":
            at.append(u32(A["VRRP_A_GARP_REFRESH"], int(v)))
        elif k == "admin":
            at.append(u8(A["VRRP_A_ADMIN_UP"], int(v)))
        elif k == "force":
            at.append(u8(A["VRRP_A_FORCE_STATE"],
                         {"none": 0, "backup": 1, "master": 2}[v]))
        else:
            raise SystemExit("unknown keyword " + k)
    if "family" not in args:
        at.append(u8(A["VRRP_A_FAMILY"], fam))
    if vips:
        at.append(nest(A["VRRP_A_VIPS"], vips))
    if tracks:
        at.append(nest(A["VRRP_A_TRACKS"], tracks))
    if peers:
        at.append(nest(A["VRRP_A_PEERS"], peers))
    if routes:
        at.append(nest(A["VRRP_A_ROUTES"], routes))
    return at


def addr_str(b):
    return socket.inet_ntop(socket.AF_INET6 if len(b) == 16 else socket.AF_INET,
                            b)


def decode_vr(body):
    at = parse_attrs(body[4:])

    def g8(k):
        return at[A[k]][0][0] if A[k] in at else None

    def g16(k):
        return struct.unpack("=H", at[A[k]][0][:2])[0] if A[k] in at else None

    def g32(k):
        return struct.unpack("=I", at[A[k]][0][:4])[0] if A[k] in at else None

    o = {
        "ifindex": g32("VRRP_A_IFINDEX"),
        "interface": at[A["VRRP_A_IFNAME"]][0].rstrip(b"\0").decode()
        if A["VRRP_A_IFNAME"] in at else None,
        "family": "inet6" if g8("VRRP_A_FAMILY") == socket.AF_INET6
        else "inet",
        "vrid": g8("VRRP_A_VRID"),
        "version": g8("VRRP_A_VERSION"),
        "state": STATES[g8("VRRP_A_STATE")] if g8("VRRP_A_STATE")
        is not None else None,
        "priority": g8("VRRP_A_PRIORITY"),
        "eff_priority": g8("VRRP_A_EFF_PRIORITY"),
        "advert_int": g16("VRRP_A_ADVERT_INT"),
        "master_advert_int": g16("VRRP_A_MASTER_ADVERT_INT"),
        "master_down_us": g32("VRRP_A_MASTER_DOWN_INT"),
        "skew_us": g32("VRRP_A_SKEW_TIME"),
        "preempt": g8("VRRP_A_PREEMPT"),
        "accept": g8("VRRP_A_ACCEPT"),
        "auth_type": g8("VRRP_A_AUTH_TYPE"),
        "auth_key_set": A["VRRP_A_AUTH_KEY_SET"] in at,
        "auth_key_leaked": A["VRRP_A_AUTH_KEY"] in at,
        "vmac_mode": g8("VRRP_A_VMAC_MODE"),
        "last_reason": REASONS.get(g8("VRRP_A_LAST_REASON")),
        "master": addr_str(at[A["VRRP_A_MASTER_ADDR"]][0])
        if A["VRRP_A_MASTER_ADDR"] in at else None,
        "primary": addr_str(at[A["VRRP_A_PRIMARY_ADDR"]][0])
        if A["VRRP_A_PRIMARY_ADDR"] in at else None,
        "vmac": at[A["VRRP_A_VMAC"]][0].hex(":")
        if A["VRRP_A_VMAC"] in at else None,
        "vips": [],
        "stats": {},
    }
    if A["VRRP_A_VIPS"] in at:
        for e in parse_attrs(at[A["VRRP_A_VIPS"]][0]).values():
            for x in e:
                va = parse_attrs(x)
                o["vips"].append(addr_str(va[VIP["VRRP_VIP_A_ADDR"]][0]))
    if A["VRRP_A_TRACKS"] in at:
        o["tracks"] = []
        for e in parse_attrs(at[A["VRRP_A_TRACKS"]][0]).values():
            for x in e:
                ta = parse_attrs(x)
                o["tracks"].append({
                    "name": ta[TRK["VRRP_TRACK_A_IFNAME"]][0].rstrip(
                        b"\0").decode(),
                    "weight": ta[TRK["VRRP_TRACK_A_WEIGHT"]][0][0],
                    "ifindex": struct.unpack(
                        "=I", ta[TRK["VRRP_TRACK_A_IFINDEX"]][0])[0]
                    if TRK["VRRP_TRACK_A_IFINDEX"] in ta else None})
    if A["VRRP_A_STATS"] in at:
        names = {v: k[len("VRRP_STAT_A_"):].lower() for k, v in S.items()}
        for t, vals in parse_attrs(at[A["VRRP_A_STATS"]][0]).items():
            v = vals[0]
            o["stats"][names.get(t, str(t))] = int.from_bytes(
                v, sys.byteorder)
    return o


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    g = Genl()
    cmd = argv[0]
    rest = argv[1:]
    simple = {"add": "VRRP_CMD_NEW", "set": "VRRP_CMD_SET",
              "del": "VRRP_CMD_DEL", "reset": "VRRP_CMD_RESET_STATS"}
    if cmd in simple:
        r = g.request(g.fid, C[simple[cmd]], vr_attrs(rest))
    elif cmd == "get":
        path = None
        if "field" in rest:     # get ... field stats.rx_adverts: one value
            i = rest.index("field")
            path = rest[i + 1].split(".")
            del rest[i:i + 2]
        r = g.request(g.fid, C["VRRP_CMD_GET"], vr_attrs(rest))
        if not isinstance(r, int):
            v = decode_vr(r[0])
            for k in path or []:
                v = v[k]
            print(v if path else dumps(v))
    elif cmd == "wait":
        # wait TIMEOUT KEY-ARGS state S [reason R]: poll in-process
        timeout = float(rest[0])
        args = rest[1:]
        want = {}
        for k in ("state", "reason"):
            if k in args:
                i = args.index(k)
                want["last_reason" if k == "reason" else k] = args[i + 1]
                del args[i:i + 2]
        key = vr_attrs(args)
        end = time.time() + timeout
        o = None
        # sleep on the events group between tries, not a 0.1 s poll (each
        # try costs CPU, which four TCG guests on two cores lack); a VR
        # that does not exist yet sends no event: try again each 0.5 s
        ev = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                           NETLINK_GENERIC)
        ev.bind((0, 0))
        if "events" in g.groups:
            ev.setsockopt(270, 1, g.groups["events"])
        while True:
            r = g.request(g.fid, C["VRRP_CMD_GET"], key)
            if not isinstance(r, int):
                o = decode_vr(r[0])
                if all(o.get(k) == v for k, v in want.items()):
                    return 0
            if time.time() > end:
                print("# wait: got %s" % (dumps(
                    {k: o.get(k) for k in want}) if o else r),
                      file=sys.stderr)
                return 1
            ev.settimeout(max(0.01, min(0.5, end - time.time())))
            try:
                while ev.recv(65536):       # drain what came meanwhile
                    ev.settimeout(0.01)
            except socket.timeout:
                pass
    elif cmd == "show":
        r = g.request(g.fid, C["VRRP_CMD_GET"], [], dump=True)
        if not isinstance(r, int):
            print(dumps([decode_vr(b) for b in r]))
    elif cmd == "global":
        r = g.request(g.fid, C["VRRP_CMD_GET_GLOBAL"], [])
        if not isinstance(r, int):
            at = parse_attrs(r[0][4:])
            names = {v: k[len("VRRP_GSTAT_A_"):].lower()
                     for k, v in G.items()}
            o = {names.get(t, str(t)): int.from_bytes(v[0], sys.byteorder)
                 for t, v in parse_attrs(
                     at[A["VRRP_A_GLOBAL_STATS"]][0]).items()}
            o["vr_count"] = struct.unpack("=I", at[A["VRRP_A_VR_COUNT"]][0])[0]
            print(dumps(o))
    elif cmd == "flush":
        r = g.request(g.fid, C["VRRP_CMD_FLUSH"], [])
    elif cmd == "batch":
        replace = rest and rest[0] == "replace"
        groups, cur = [], None
        for a in rest:
            if a == "--":
                cur = []
                groups.append(cur)
            elif cur is not None:
                cur.append(a)
        at = [nest(A["VRRP_A_BATCH"],
                   [nest(0, vr_attrs(x)) for x in groups])]
        if replace:
            at.append(nla(A["VRRP_A_BATCH_REPLACE"], b""))
        r = g.request(g.fid, C["VRRP_CMD_BATCH"], at)
    elif cmd == "raw":
        at = []
        for kv in rest[1:]:
            k, _, v = kv.partition("=")
            at.append(nla(A[k] if k in A else int(k), bytes.fromhex(v)))
        r = g.request(g.fid, C[rest[0]], at)
    elif cmd == "monitor":
        g.s.setsockopt(270, 1, g.groups["events"])  # NETLINK_ADD_MEMBERSHIP
        end = time.time() + float(rest[0]) if rest else None
        print(dumps({"ready": True}), flush=True)
        while end is None or time.time() < end:
            if end:
                g.s.settimeout(max(0.01, end - time.time()))
            try:
                data = g.s.recv(65536)
            except socket.timeout:
                break
            off = 0
            while off < len(data):
                ln = struct.unpack_from("=I", data, off)[0]
                body = data[off + 16:off + ln]
                off += (ln + 3) & ~3
                at = parse_attrs(body[4:])
                ev = decode_vr(body)
                ev["old_state"] = STATES[at[A["VRRP_A_EV_OLD_STATE"]][0][0]]
                ev["reason"] = REASONS.get(at[A["VRRP_A_EV_REASON"]][0][0])
                ev["ts"] = struct.unpack("=Q",
                                         at[A["VRRP_A_EV_TIMESTAMP"]][0])[0]
                print(dumps({k: v for k, v in ev.items()
                                  if v is not None and k != "stats"}),
                      flush=True)
        return 0
    else:
        print(__doc__)
        return 2
    if isinstance(r, int):
        msg = getattr(g, "last_extack", "")
        print("error: %s%s" % (os.strerror(-r), (": " + msg) if msg else ""),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
