#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Driver for vrrp_partition.sh: one process in the init netns holds a
vrrp socket and an event socket in r1 and in r2, cuts r2's switch port
(bridge port state disabled, in netns sw), heals it, and judges every VR
from the kernel's event timestamps (CLOCK_REALTIME, the clock of
time.time_ns() here).

  vrrp_partition.py ROUNDS

Prints "ok - NAME" / "not ok - NAME" lines and "# ..." diagnostics; the
shell turns them into TAP.

Per VR (18: v3 IPv4, v3 IPv6, v2 x priorities equal, r1 higher, r2
higher x preempt on, off): after the heal exactly one Master remains,
the expected one (the higher priority; on a tie the higher primary
address), the loser's Master->Backup comes at most Master_Down_Interval
(3 x Advert_Interval + Skew_Time of the loser) plus one Advert_Interval
after the heal, nobody flaps afterwards, and only the winner holds the
VIP. The extra Advert_Interval is a margin for the guest's scheduling
only: by RFC 9568 6.4.3 a Master that receives a better advert goes
Backup at once, whatever its preempt setting, so the loser goes at the
winner's next advert (or at once, when the winner answers the loser's).
"""
import os
import struct
import subprocess
import sys
import time

import _socket as socket

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vrrp_nl as V  # noqa: E402
import vrrp_nsutil as U  # noqa: E402

SCALE = float(os.environ.get("SCALE", "1"))
INT_CS = 100
ROUTERS = ("r1", "r2")


def cases():
    out = []
    vrid = 0
    for ver, fam in ((3, "inet"), (3, "inet6"), (2, "inet")):
        for p1, p2 in ((100, 100), (200, 100), (100, 200)):
            for preempt in (1, 0):
                vrid += 1
                vip = ("10.99.%d.1/32" % vrid if fam == "inet"
                       else "fd00:99:%d::1/128" % vrid)
                out.append(dict(vrid=vrid, version=ver, family=fam,
                                prio={"r1": p1, "r2": p2}, preempt=preempt,
                                vip=vip))
    return out


def cfg(c, r):
    return dict(dev="eth0", family=c["family"], vrid=c["vrid"],
                version=c["version"], prio=c["prio"][r], int=INT_CS,
                preempt=c["preempt"], vips=[c["vip"]])


def desc(c):
    return "vrid %d (v%d %s, prio r1 %d / r2 %d, preempt %s)" % (
        c["vrid"], c["version"], c["family"], c["prio"]["r1"],
        c["prio"]["r2"], "on" if c["preempt"] else "off")


def mdi_ns(c, prio):
    """Master_Down_Interval of a Backup of priority @prio, in ns"""
    if c["version"] == 2:
        return 3 * INT_CS * 10 ** 7 + (256 - prio) * 10 ** 9 // 256
    return 3 * INT_CS * 10 ** 7 + (256 - prio) * INT_CS * 10 ** 7 // 256


class Router:
    def __init__(self, name):
        self.name = name
        with U.InNs(name):
            self.v = U.Vrrp()
            self.ev = V.Genl()
            self.rt = U.Rtnl()
        self.ev.s.setsockopt(270, 1, self.ev.groups["events"])
        self.ev.s.setblocking(False)

    def states(self):
        return {(o["family"], o["vrid"]): o for o in self.v.show()}

    def events(self):
        out = []
        while True:
            try:
                data = self.ev.s.recv(1 << 16)
            except (BlockingIOError, OSError):
                return out
            off = 0
            while off + 16 <= len(data):
                ln = struct.unpack_from("=I", data, off)[0]
                body = data[off + 16:off + ln]
                off += (ln + 3) & ~3
                at = V.parse_attrs(body[4:])
                if V.A["VRRP_A_EV_TIMESTAMP"] not in at:
                    continue
                e = V.decode_vr(body)
                e["old"] = V.STATES[at[V.A["VRRP_A_EV_OLD_STATE"]][0][0]]
                e["ts"] = struct.unpack(
                    "=Q", at[V.A["VRRP_A_EV_TIMESTAMP"]][0][:8])[0]
                e["router"] = self.name
                out.append(e)

    def has(self, vip):
        a = vip.partition("/")[0]
        return any(x == a for _, _, x, _ in self.rt.addrs())


def ll_of(name):
    out = subprocess.run(["ip", "-n", name, "-6", "-o", "addr", "show",
                          "dev", "eth0", "scope", "link"],
                         capture_output=True, text=True).stdout
    return out.split()[3].split("/")[0]


def winner(c, prim):
    p1, p2 = c["prio"]["r1"], c["prio"]["r2"]
    if p1 != p2:
        return "r1" if p1 > p2 else "r2"
    return "r1" if prim[c["family"]]["r1"] > prim[c["family"]]["r2"] \
        else "r2"


def port(state):
    subprocess.run(["ip", "netns", "exec", "sw", "bridge", "link", "set",
                    "dev", "p-r2", "state", str(state)], check=True)


def wait(cond, seconds):
    end = time.time() + seconds * SCALE
    pause = 0.1
    while True:
        r = cond()
        if r:
            return r
        if time.time() > end:
            return None
        time.sleep(pause)
        pause = min(pause * 1.5, 0.5)


def result(ok, name, diag=()):
    print("%s - %s" % ("ok" if ok else "not ok", name), flush=True)
    for d in diag:
        print("# " + d, flush=True)


def main():
    rounds = int(sys.argv[1])
    cs = cases()
    rs = {n: Router(n) for n in ROUTERS}
    prim = {"inet": {"r1": socket.inet_pton(U.AF_INET, "192.0.2.1"),
                     "r2": socket.inet_pton(U.AF_INET, "192.0.2.2")},
            "inet6": {n: socket.inet_pton(U.AF_INET6, ll_of(n))
                      for n in ROUTERS}}
    print("# primary link-locals: r1 %s, r2 %s" % (
        ll_of("r1"), ll_of("r2")), flush=True)
    for n in ROUTERS:
        err, msg = rs[n].v.batch([cfg(c, n) for c in cs])
        if err:
            result(False, "%s: %d VRs configured" % (n, len(cs)),
                   ["%s %s" % (os.strerror(-err), msg)])
            return 1

    def masters(st):
        return {(c["family"], c["vrid"]): [n for n in ROUTERS
                                           if st[n].get((c["family"],
                                                         c["vrid"]), {})
                                           .get("state") == "Master"]
                for c in cs}

    def snap():
        return {n: rs[n].states() for n in ROUTERS}

    def one_master():
        m = masters(snap())
        return m if all(len(v) == 1 for v in m.values()) else None

    ok = wait(one_master, 30)
    result(bool(ok), "before the partition: one Master per VR (%d VRs)"
           % len(cs))
    for rnd in range(1, rounds + 1):
        port(0)

        def all_master():
            m = masters(snap())
            return m if all(len(v) == 2 for v in m.values()) else None
        ok = wait(all_master, 20)
        m = masters(snap())
        result(bool(ok), "round %d: r2's switch port disabled: every VR "
               "Master on both routers" % rnd,
               [] if ok else ["%s: Master on %s" % (desc(c), m[(
                   c["family"], c["vrid"])]) for c in cs
                   if len(m[(c["family"], c["vrid"])]) != 2])
        time.sleep(1)
        for n in ROUTERS:
            rs[n].events()      # drain
        t_heal = time.time_ns()
        port(3)
        events = []

        def settled():
            for n in ROUTERS:
                events.extend(rs[n].events())
            return one_master()
        ok = wait(settled, 20)
        t_settle = time.time_ns()
        # two more intervals: nobody may flap
        time.sleep(2 * INT_CS / 100.0)
        for n in ROUTERS:
            events.extend(rs[n].events())
        final = masters(snap())
        print("# round %d: one Master per VR %.0f ms after the heal" % (
            rnd, (t_settle - t_heal) / 1e6), flush=True)
        for c in cs:
            k = (c["family"], c["vrid"])
            w = winner(c, prim)
            lo = "r1" if w == "r2" else "r2"
            bound = mdi_ns(c, c["prio"][lo]) + INT_CS * 10 ** 7
            mine = [e for e in events if e["family"] == c["family"] and
                    e["vrid"] == c["vrid"] and e["ts"] >= t_heal]
            bad = []
            if final[k] != [w]:
                bad.append("Master now on %s, expected only %s" % (
                    final[k], w))
            down = [e for e in mine if e["router"] == lo and
                    e["old"] == "Master" and e["state"] == "Backup"]
            if not down:
                bad.append("no Master->Backup event from %s after the heal"
                           % lo)
            else:
                dt = down[0]["ts"] - t_heal
                if dt > bound:
                    bad.append("%s went Backup %.0f ms after the heal, "
                               "more than Master_Down_Interval + 1 advert "
                               "= %.0f ms" % (lo, dt / 1e6, bound / 1e6))
            others = [e for e in mine if not (e["router"] == lo and
                                              e in down[:1])]
            if others:
                bad.append("other transitions after the heal: " + ", ".join(
                    "%s %s->%s (%s)" % (e["router"], e["old"], e["state"],
                                        e.get("last_reason"))
                    for e in others))
            vip_ok = wait(lambda: rs[w].has(c["vip"]) and
                          not rs[lo].has(c["vip"]), 10)
            if not vip_ok:
                bad.append("VIP %s: r1 %s, r2 %s (want only %s)" % (
                    c["vip"], rs["r1"].has(c["vip"]),
                    rs["r2"].has(c["vip"]), w))
            dtxt = "%.0f ms" % ((down[0]["ts"] - t_heal) / 1e6) if down \
                else "-"
            result(not bad, "round %d: %s: %s stays Master, %s Backup %s "
                   "after the heal (bound %.0f ms), only %s holds the VIP"
                   % (rnd, desc(c), w, lo, dtxt, bound / 1e6, w), bad)
    return 0


if __name__ == "__main__":
    sys.exit(main())
