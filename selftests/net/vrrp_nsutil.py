# SPDX-License-Identifier: GPL-2.0
"""Helpers for the vrrp lifetime selftests (vrrp_soak.py, vrrp_teardown.py):
sockets opened inside a named netns, rtnetlink dumps (links, addresses,
routes) without a process per call, and VR attributes built from a dict
with interface names (the kernel resolves them in the socket's netns).

One python process drives several namespaces: a socket stays in the netns
it was created in, so each netns gets its own vrrp_nl.Genl and Rtnl.
"""
import ctypes
import os
import struct
import sys

import _socket as socket

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vrrp_nl as V  # noqa: E402

CLONE_NEWNET = 0x40000000
_libc = ctypes.CDLL(None, use_errno=True)
_home = os.open("/proc/self/ns/net", os.O_RDONLY)

NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
RTM_GETLINK, RTM_GETADDR, RTM_GETROUTE = 18, 22, 26
AF_INET, AF_INET6 = 2, 10


def _setns(fd):
    if _libc.setns(fd, CLONE_NEWNET):
        e = ctypes.get_errno()
        raise OSError(e, "setns: " + os.strerror(e))


class InNs:
    """with InNs("r1"): sockets created here live in netns r1"""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        fd = os.open("/run/netns/" + self.name, os.O_RDONLY)
        try:
            _setns(fd)
        finally:
            os.close(fd)
        return self

    def __exit__(self, *a):
        _setns(_home)
        return False


def nla_attrs(data):
    return V.parse_attrs(data)


def astr(b):
    return socket.inet_ntop(AF_INET6 if len(b) == 16 else AF_INET, b)


class Rtnl:
    """NETLINK_ROUTE dumps in the netns the socket was created in"""

    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
        self.s.bind((0, 0))
        self.seq = 1

    def close(self):
        self.s.close()

    def dump(self, typ, body):
        self.seq += 1
        msg = struct.pack("=IHHII", 16 + len(body), typ,
                          NLM_F_REQUEST | NLM_F_DUMP, self.seq, 0) + body
        self.s.send(msg)
        out = []
        while True:
            data = self.s.recv(1 << 20)
            off = 0
            while off + 16 <= len(data):
                ln, t, fl, seq, pid = struct.unpack_from("=IHHII", data, off)
                if ln < 16:
                    return out
                payload = data[off + 16:off + ln]
                off += (ln + 3) & ~3
                if seq != self.seq:
                    continue
                if t == NLMSG_DONE:
                    return out
                if t == NLMSG_ERROR:
                    err = struct.unpack_from("=i", payload)[0]
                    if err:
                        raise OSError(-err, "rtnetlink dump %d" % typ)
                    return out
                out.append((t, payload))

    def links(self):
        """{ifindex: {"name", "kind", "flags", "link"}}"""
        res = {}
        for _, p in self.dump(RTM_GETLINK, struct.pack("=BxHiII", 0, 0, 0,
                                                       0, 0)):
            _, _, idx, flags, _ = struct.unpack_from("=BxHiII", p)
            at = nla_attrs(p[16:])
            kind = None
            if 18 in at:    # IFLA_LINKINFO
                li = nla_attrs(at[18][0])
                if 1 in li:  # IFLA_INFO_KIND
                    kind = li[1][0].rstrip(b"\0").decode()
            res[idx] = {
                "name": at[3][0].rstrip(b"\0").decode() if 3 in at else "",
                "kind": kind,
                "flags": flags,
                "link": struct.unpack("=i", at[5][0][:4])[0] if 5 in at
                else 0,
            }
        return res

    def addrs(self):
        """[(ifindex, family, "addr", prefixlen)]"""
        res = []
        for _, p in self.dump(RTM_GETADDR, struct.pack("=BBBBI", 0, 0, 0, 0,
                                                       0)):
            fam, plen, _, _, idx = struct.unpack_from("=BBBBI", p)
            at = nla_attrs(p[8:])
            a = at.get(2) or at.get(1)  # IFA_LOCAL, else IFA_ADDRESS
            if a:
                res.append((idx, fam, astr(a[0]), plen))
        return res

    def routes(self, family):
        """[("dst/len", oif, table)] of the unicast routes of @family"""
        res = []
        body = struct.pack("=BBBBBBBBI", family, 0, 0, 0, 0, 0, 0, 0, 0)
        for _, p in self.dump(RTM_GETROUTE, body):
            fam, dlen, _, _, table, proto, scope, rtype, _ = \
                struct.unpack_from("=BBBBBBBBI", p)
            at = nla_attrs(p[12:])
            if 15 in at:    # RTA_TABLE
                table = struct.unpack("=I", at[15][0][:4])[0]
            dst = astr(at[1][0]) if 1 in at else \
                ("0.0.0.0" if fam == AF_INET else "::")
            oif = struct.unpack("=i", at[4][0][:4])[0] if 4 in at else 0
            res.append(("%s/%d" % (dst, dlen), oif, table))
        return res


# ---- VR attributes from a dict ----
# cfg keys: dev, family ("inet"/"inet6"), vrid, version, prio, int, preempt,
# preempt_delay, accept, vips ["a/len"], vmac ("ether"/"macvlan"/"none"),
# vifname, tracks [("dev", weight)], routes ["dst/len"], peers ["a"],
# sync, garp, garp_delay, garp_refresh, admin, force, auth (None or key)

A = V.A
VMAC = {"ether": 0, "macvlan": 1, "none": 2}
FORCE = {"none": 0, "backup": 1, "master": 2}


def fam_num(f):
    return AF_INET6 if f == "inet6" else AF_INET


def key_attrs(dev, family, vrid):
    return [V.sz(A["VRRP_A_IFNAME"], dev), V.u8(A["VRRP_A_FAMILY"],
                                                 fam_num(family)),
            V.u8(A["VRRP_A_VRID"], vrid)]


def cfg_attrs(c, key=True):
    """attributes for NEW/SET/BATCH; only the keys present in @c"""
    at = key_attrs(c["dev"], c["family"], c["vrid"]) if key else []
    fam = fam_num(c["family"])
    simple = (("version", "VRRP_A_VERSION", V.u8),
              ("prio", "VRRP_A_PRIORITY", V.u8),
              ("int", "VRRP_A_ADVERT_INT", V.u16),
              ("preempt", "VRRP_A_PREEMPT", V.u8),
              ("preempt_delay", "VRRP_A_PREEMPT_DELAY", V.u32),
              ("accept", "VRRP_A_ACCEPT", V.u8),
              ("sync", "VRRP_A_SYNC_GROUP", V.u32),
              ("garp", "VRRP_A_GARP_REPEAT", V.u8),
              ("garp_delay", "VRRP_A_GARP_DELAY", V.u32),
              ("garp_refresh", "VRRP_A_GARP_REFRESH", V.u32),
              ("admin", "VRRP_A_ADMIN_UP", V.u8))
    for k, attr, f in simple:
        if k in c:
            at.append(f(A[attr], int(c[k])))
    if "vmac" in c:
        at.append(V.u8(A["VRRP_A_VMAC_MODE"], VMAC[c["vmac"]]))
    if c.get("vifname"):
        at.append(V.sz(A["VRRP_A_VIFNAME"], c["vifname"]))
    if "force" in c:
        at.append(V.u8(A["VRRP_A_FORCE_STATE"], FORCE[c["force"]]))
    if "auth" in c:
        if c["auth"]:
            at.append(V.u8(A["VRRP_A_AUTH_TYPE"], 1))
            at.append(V.nla(A["VRRP_A_AUTH_KEY"], c["auth"].encode()))
        else:
            at.append(V.u8(A["VRRP_A_AUTH_TYPE"], 0))
    if "vips" in c:
        vl = []
        for v in c["vips"]:
            a, _, pl = v.partition("/")
            e = [V.nla(V.VIP["VRRP_VIP_A_ADDR"], socket.inet_pton(fam, a))]
            if pl:
                e.append(V.u8(V.VIP["VRRP_VIP_A_PREFIXLEN"], int(pl)))
            vl.append(V.nest(0, e))
        at.append(V.nest(A["VRRP_A_VIPS"], vl))
    if "tracks" in c:
        at.append(V.nest(A["VRRP_A_TRACKS"], [
            V.nest(0, [V.sz(V.TRK["VRRP_TRACK_A_IFNAME"], d),
                       V.u8(V.TRK["VRRP_TRACK_A_WEIGHT"], w)])
            for d, w in c["tracks"]]))
    if "routes" in c:
        rl = []
        for r in c["routes"]:
            d, _, ln = r.partition("/")
            rl.append(V.nest(0, [V.nla(V.RT["VRRP_ROUTE_A_DST"],
                                       socket.inet_pton(fam, d)),
                                 V.u8(V.RT["VRRP_ROUTE_A_DST_LEN"], int(ln))]))
        at.append(V.nest(A["VRRP_A_ROUTES"], rl))
    if "peers" in c:
        at.append(V.nest(A["VRRP_A_PEERS"], [
            V.nest(0, [V.nla(V.PEER["VRRP_PEER_A_ADDR"],
                             socket.inet_pton(fam, p))])
            for p in c["peers"]]))
    return at


class Vrrp:
    """vrrp_nl.Genl with the requests the lifetime tests need"""

    def __init__(self):
        self.g = V.Genl()

    def close(self):
        self.g.s.close()

    def _req(self, cmd, attrs, dump=False):
        r = self.g.request(self.g.fid, V.C[cmd], attrs, dump=dump)
        if isinstance(r, int):
            return r, getattr(self.g, "last_extack", "")
        return 0, r

    def new(self, c):
        return self._req("VRRP_CMD_NEW", cfg_attrs(c))

    def set(self, c):
        return self._req("VRRP_CMD_SET", cfg_attrs(c))

    def delete(self, dev, family, vrid):
        return self._req("VRRP_CMD_DEL", key_attrs(dev, family, vrid))

    def flush(self):
        return self._req("VRRP_CMD_FLUSH", [])

    def batch(self, cfgs, replace=False):
        at = [V.nest(A["VRRP_A_BATCH"],
                     [V.nest(0, cfg_attrs(c)) for c in cfgs])]
        if replace:
            at.append(V.nla(A["VRRP_A_BATCH_REPLACE"], b""))
        return self._req("VRRP_CMD_BATCH", at)

    def show(self):
        err, r = self._req("VRRP_CMD_GET", [], dump=True)
        if err:
            raise OSError(-err, "vrrp dump: %s" % r)
        return [V.decode_vr(b) for b in r]

    def many(self, reqs):
        """several (cmd, attrs) requests in ONE sendmsg: the kernel runs
        them back to back in one syscall. Returns the errors in order."""
        g = self.g
        msgs, seqs = b"", []
        for cmd, attrs in reqs:
            g.seq += 1
            payload = struct.pack("=BBH", V.C[cmd], 1, 0) + b"".join(attrs)
            msgs += struct.pack("=IHHII", 16 + len(payload), g.fid,
                                NLM_F_REQUEST | NLM_F_ACK, g.seq, 0) + payload
            seqs.append(g.seq)
        g.s.send(msgs)
        res = {}
        while len(res) < len(seqs):
            data = g.s.recv(1 << 20)
            off = 0
            while off + 16 <= len(data):
                ln, typ, fl, seq, pid = struct.unpack_from("=IHHII", data,
                                                           off)
                body = data[off + 16:off + ln]
                off += (ln + 3) & ~3
                if typ == NLMSG_ERROR and seq in seqs:
                    res[seq] = struct.unpack_from("=i", body)[0]
        return [res[s] for s in seqs]


def vmac_ll(vrid):
    """the link-local a v3 IPv6 VR adds when its first VIP is global"""
    return "fe80::200:5eff:fe00:2%02x" % vrid
