#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Driver for vrrp_teardown_flood.sh. flood and m2 run inside a netns
(ip netns exec NS ...), the others in the init netns, with sockets opened
in the namespaces they name:

  flood IF0,IF1,IF2 RXMAC   send valid adverts as fast as one process can,
                            until SIGTERM; prints the frame count
  up SECONDS NS:ROLE...     each ROLE's VRs (rx, peer, rxb, bal) in one
                            batch in NS, then wait until the VRs with a
                            stable role are in their state and every such
                            Master has its VIPs
  busy NS ROLE              force every VR of ROLE Master, then Backup, in
                            two batches (a work backlog)
  clean NS...               no VIP, VMAC link-local, vif or VR route is left
  works NS DEV              an owner VR on DEV goes Master with its VIP,
                            and takes it away when deleted
  m2 PARENT NETNS           add a macvlan-mode VR on PARENT, then become
                            `ip netns del NETNS` at once

The plan below is shared by the receivers and by the sender, so that the
flood carries adverts whose fields match the receivers' VRs (version,
interval, address list): they reach the state machine, not just the
parser. VRIDs 200-254 are configured nowhere (vrid_errors path).
"""
import os
import signal
import struct
import sys
import time

import _socket as socket

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vrrp_nsutil as U  # noqa: E402

# flood priority per VR: 1 keeps the receiver Master (and it answers each
# one), 254 keeps it Backup, None: no flood for it
LOW, HIGH = 1, 254


def v4(d, vrid, k=1):
    return "10.%d.%d.%d" % (d, vrid, k)


def v6(d, vrid, k=1):
    return "fd00:%d:%d::%d" % (d, vrid, k)


# VRRP_TEARDOWN_SMALL=1 (the debug kernel, 5-10 times slower): every
# third VR of each group and 10 ballast VRs; the same modes and cases
SMALL = os.environ.get("VRRP_TEARDOWN_SMALL") == "1"


def plan(role):
    """[(cfg, expect, flood_prio)]; expect "M", "B" or None (any)"""
    full = plan_full(role)
    if not SMALL:
        return full
    return [x for i, x in enumerate(full) if i % 3 == 0 or
            x[0]["dev"].startswith("d")]


def plan_full(role):
    out = []

    def add(expect, flood, **c):
        c.setdefault("family", "inet")
        c.setdefault("version", 3)
        c.setdefault("int", 100)
        c.setdefault("prio", 100)
        out.append((c, expect, flood))

    if role == "rx":
        for vrid in range(1, 31):
            c = dict(dev="eth0", vrid=vrid,
                     vips=[v4(0, vrid) + "/32", v4(0, vrid, 2) + "/24"],
                     vmac="ether" if vrid % 2 else "none")
            if vrid >= 11 and vrid % 2 == 0:
                c["routes"] = ["198.18.%d.0/24" % vrid]
            if 16 <= vrid <= 20:
                c["tracks"] = [("trk0", 20)]
            elif 21 <= vrid <= 23:
                c["tracks"] = [("trk1", 0)]
            if vrid <= 10:      # 10 / 100 ms against the peer: may flap
                add(None, None, int=1 if vrid in (1, 2, 6, 7) else 10, **c)
            elif vrid <= 15:
                add("M", HIGH, prio=255, **c)
            elif vrid <= 23:
                add("M", LOW, **c)
            else:
                add("B", HIGH, **c)
        for vrid in range(1, 21):
            c = dict(dev="eth0", family="inet6", vrid=vrid,
                     vips=[v6(0, vrid) + "/128", v6(0, vrid, 2) + "/64"],
                     vmac="ether" if vrid % 3 else "none")
            if vrid % 4 == 0:
                c["routes"] = ["fd10:0:%d::/64" % vrid]
            if vrid <= 10:
                add("B", HIGH, **c)
            else:
                add("M", None, **c)
        for vrid in range(31, 61):
            c = dict(dev="eth1", vrid=vrid, version=2,
                     vips=[v4(1, vrid) + "/32"])
            if vrid <= 45:
                add("B", HIGH, **c)
            elif vrid <= 54:
                add("M", None, **c)
            else:
                add("M", HIGH, force="master", **c)
        for vrid in range(61, 81):
            c = dict(dev="eth2", vrid=vrid, vmac="macvlan",
                     vips=[v4(2, vrid) + "/32"])
            add("B" if vrid <= 70 else "M", HIGH if vrid <= 70 else None, **c)
        for vrid in range(81, 91):
            c = dict(dev="eth2", family="inet6", vrid=vrid, vmac="macvlan",
                     vips=[v6(2, vrid) + "/128"])
            add("M", LOW if vrid <= 85 else None, **c)
        for i in range(8):      # on the dummies deleted during rmmod
            add("M", None, dev="d%d" % i, vrid=100 + i, prio=255,
                vips=[v4(9, i) + "/32"])
    elif role == "bal":
        # a netns whose teardown runs while rmmod starts
        for i in range(10 if SMALL else 40):
            add("M", None, dev="b%d" % i, vrid=1, prio=255,
                vips=[v4(10, i) + "/32"])
    elif role == "peer":
        for vrid in range(1, 16):
            c = dict(dev="eth0", vrid=vrid,
                     vips=[v4(0, vrid) + "/32", v4(0, vrid, 2) + "/24"],
                     vmac="ether" if vrid % 2 else "none")
            iv = 1 if vrid in (1, 2, 6, 7) else 10
            if vrid <= 5:
                add(None, None, int=iv, prio=200, **c)
            elif vrid <= 10:
                add(None, None, int=iv, prio=50, **c)
            else:
                add("B", None, **c)
    elif role == "rxb":
        for vrid in range(150, 171):
            c = dict(dev="eth0", vrid=vrid, vips=[v4(5, vrid) + "/32"],
                     vmac="ether" if vrid % 2 else "none")
            add("B" if vrid < 160 else "M", HIGH if vrid < 160 else None, **c)
        for vrid in range(150, 161):
            c = dict(dev="eth0", family="inet6", vrid=vrid,
                     vips=[v6(5, vrid) + "/128"])
            add("B" if vrid < 155 else "M", HIGH if vrid < 155 else None, **c)
        for vrid in range(171, 181):
            c = dict(dev="eth2", vrid=vrid, vmac="macvlan",
                     vips=[v4(6, vrid) + "/32"])
            add("B" if vrid < 175 else "M", HIGH if vrid < 175 else None, **c)
        for vrid in range(181, 186):
            c = dict(dev="eth2", family="inet6", vrid=vrid, vmac="macvlan",
                     vips=[v6(6, vrid) + "/128"])
            add("M", None, **c)
    return out


# ---- the sender ----

def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def pdu(ver, fam, vrid, prio, int_cs, addrs, src, dst):
    ab = b"".join(socket.inet_pton(fam, a) for a in addrs)
    if ver == 3:
        hdr = struct.pack("!BBBBHH", 0x31, vrid, prio, len(addrs),
                          int_cs & 0xfff, 0)
        p = bytearray(hdr + ab)
        if fam == socket.AF_INET:
            ph = src + dst + struct.pack("!BBH", 0, 112, len(p))
        else:
            ph = src + dst + struct.pack("!I3xB", len(p), 112)
        c = csum(ph + bytes(p))
    else:
        hdr = struct.pack("!BBBBBBH", 0x21, vrid, prio, len(addrs), 0,
                          max(1, int_cs // 100), 0)
        p = bytearray(hdr + ab + b"\0" * 8)
        c = csum(bytes(p))
    p[6:8] = struct.pack("!H", c)
    return bytes(p)


def frame(ver, fam, vrid, prio, int_cs, addrs, smac, src, dst=None,
          dmac=None):
    fam = socket.AF_INET6 if fam == "inet6" else socket.AF_INET
    if fam == socket.AF_INET:
        dst = dst or "224.0.0.18"
        s, d = socket.inet_pton(fam, src), socket.inet_pton(fam, dst)
        body = pdu(ver, fam, vrid, prio, int_cs, addrs, s, d)
        ih = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0xc0,
                                   20 + len(body), 0, 0, 255, 112, 0, s, d))
        ih[10:12] = struct.pack("!H", csum(bytes(ih)))
        ip = bytes(ih) + body
        dmac = dmac or bytes.fromhex("01005e000012")
        et = 0x0800
    else:
        dst = dst or "ff02::12"
        s, d = socket.inet_pton(fam, src), socket.inet_pton(fam, dst)
        body = pdu(ver, fam, vrid, prio, int_cs, addrs, s, d)
        ip = struct.pack("!IHBB16s16s", (6 << 28) | (0xc0 << 20), len(body),
                         112, 255, s, d) + body
        dmac = dmac or bytes.fromhex("333300000012")
        et = 0x86dd
    return dmac + smac + struct.pack("!H", et) + ip


DEVIDX = {"eth0": 0, "eth1": 1, "eth2": 2}
SRC4 = ["192.0.2.200", "198.51.100.200", "203.0.113.200"]


def adv_addrs(c):
    vips = [v.partition("/")[0] for v in c["vips"]]
    if c["family"] == "inet6" and not vips[0].startswith("fe80:"):
        vips = [U.vmac_ll(c["vrid"])] + vips
    return vips


def flood_frames(rxmac):
    """[(device index, frame)]"""
    smac = bytes.fromhex("0200000000f1")
    out = []
    for role in ("rx", "rxb"):
        for c, _, fp in plan(role):
            if fp is None or c["dev"] not in DEVIDX:
                continue
            d = DEVIDX[c["dev"]]
            src = SRC4[d] if c["family"] == "inet" else "fe80::f1"
            out.append((d, frame(c["version"], c["family"], c["vrid"], fp,
                                 c["int"], adv_addrs(c), smac, src)))
            if c["family"] == "inet" and c["version"] == 3:
                # the wrong version for this VR: version_errors
                out.append((d, frame(2, "inet", c["vrid"], fp, 100,
                                     adv_addrs(c), smac, src)))
            if role == "rx" and d == 0 and c["family"] == "inet" and \
                    fp == LOW:
                # unicast to the receiver's own address
                out.append((0, frame(3, "inet", c["vrid"], fp, c["int"],
                                     adv_addrs(c), smac, src,
                                     dst="192.0.2.1", dmac=rxmac)))
    for d in range(3):
        for vrid in range(200, 255):
            out.append((d, frame(3, "inet", vrid, 100, 100,
                                 [v4(7, vrid)], smac, SRC4[d])))
            out.append((d, frame(2, "inet", vrid, 100, 100,
                                 [v4(7, vrid)], smac, SRC4[d])))
            out.append((d, frame(3, "inet6", vrid, 100, 100,
                                 [U.vmac_ll(vrid), v6(7, vrid)], smac,
                                 "fe80::f1")))
    return out


def cmd_flood(devs, rxmac):
    socks = []
    for dev in devs.split(","):
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
        s.bind((dev, 0))
        socks.append(s.send)
    frames = [(socks[d], f) for d, f in flood_frames(bytes.fromhex(
        rxmac.replace(":", "")))]
    # every pass: the adverts for configured VRs (they must come more
    # often than a Master_Down_Interval even on a slow guest), and one
    # eighth of those for VRIDs nobody has
    n_conf = len([1 for d, f in flood_frames(b"\0" * 6)
                  if f[14 + (20 if f[12:14] == b"\x08\x00" else 40) + 1]
                  < 200])
    conf, other = frames[:n_conf], frames[n_conf:]
    n = 0
    k = 0
    pps = float(os.environ.get("VRRP_TEARDOWN_FLOOD_PPS") or 0)
    t0 = time.time()
    stop = []
    signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
    print("ready %d frames (%d for configured VRIDs)" % (len(frames),
                                                        n_conf), flush=True)
    while not stop:
        batch = conf + other[k::8]
        k = (k + 1) % 8
        for send, f in batch:
            try:
                send(f)
            except OSError:
                pass
        n += len(batch)
        # paced (VRRP_TEARDOWN_FLOOD_PPS): no faster than that on average
        if pps and n / pps > time.time() - t0:
            time.sleep(n / pps - (time.time() - t0))
    dt = time.time() - t0
    print("sent %d frames in %.1f s: %.0f/s" % (n, dt, n / max(dt, 0.1)),
          flush=True)


# ---- the receivers ----

def in_ns(ns, fn, *args):
    with U.InNs(ns):
        return fn(*args)


def cmd_up(specs, seconds):
    """configure each NS:ROLE in one batch, then wait for all of them"""
    todo = []
    for spec in specs:
        ns, _, role = spec.partition(":")
        v, rt = in_ns(ns, lambda: (U.Vrrp(), U.Rtnl()))
        err, msg = v.batch([c for c, _, _ in plan(role)])
        if err:
            print("# %s: batch failed: %s %s" % (ns, os.strerror(-err), msg))
            return 1
        todo.append((ns, role, v, rt))
    end = time.time() + float(seconds)
    pause = 0.2
    while True:
        bad = []
        for ns, role, v, rt in todo:
            bad += ["%s: %s" % (ns, b) for b in check_role(v, rt, role)]
        if not bad:
            return 0
        if time.time() > end:
            print("# %d VR(s) not as expected after %s s:" % (len(bad),
                                                             seconds))
            for b in bad[:20]:
                print("#   " + b)
            return 1
        time.sleep(pause)
        pause = min(pause * 1.5, 1.0)


def cmd_busy(ns, role):
    v = in_ns(ns, U.Vrrp)
    cfgs = [c for c, _, _ in plan(role)]
    for force in ("master", "backup"):
        err, msg = v.batch([dict(c, force=force) for c in cfgs])
        if err:
            print("busy batch failed: %s %s" % (os.strerror(-err), msg))
            return 1
    return 0


def target_dev(c, links):
    name = c.get("vifname") or ("standby%d" % c["vrid"]
                                if c.get("vmac") == "macvlan" else c["dev"])
    for idx, li in links.items():
        if li["name"] == name:
            return idx
    return None


def check_role(v, rt, role):
    """a list of what is wrong now (empty: all good)"""
    bad = []
    vrs = {(o["interface"], o["family"], o["vrid"]): o for o in v.show()}
    links = rt.links()
    addrs = {(i, a) for i, _, a, _ in rt.addrs()}
    for c, expect, _ in plan(role):
        k = (c["dev"], c["family"], c["vrid"])
        o = vrs.get(k)
        if o is None:
            bad.append("%s %s vrid %d: not listed" % k)
            continue
        if expect is None:
            continue
        want = {"M": "Master", "B": "Backup"}[expect]
        if o["state"] != want:
            bad.append("%s %s vrid %d: %s, want %s" % (k + (o["state"],
                                                            want)))
            continue
        if want != "Master":
            continue
        t = target_dev(c, links)
        for a in adv_addrs(c) if c["family"] == "inet6" else \
                [x.partition("/")[0] for x in c["vips"]]:
            if t is None or (t, a) not in addrs:
                bad.append("%s %s vrid %d: Master without %s" % (k + (a,)))
    return bad


def vip_universe(a):
    return a.startswith("10.") or a.startswith("fd00:") or \
        a.startswith("fe80::200:5eff:fe00:2")


def leftovers(rt):
    bad = []
    links = rt.links()
    for idx, fam, a, plen in rt.addrs():
        if vip_universe(a):
            bad.append("address %s/%d on %s" % (a, plen,
                                                links.get(idx, {}).get(
                                                    "name", idx)))
    for idx, li in links.items():
        if li["name"].startswith("standby") or li["kind"] == "macvlan":
            bad.append("link %s (%s)" % (li["name"], li["kind"]))
    for fam in (U.AF_INET, U.AF_INET6):
        for dst, oif, table in rt.routes(fam):
            if dst.startswith("198.18.") or dst.startswith("fd10:"):
                bad.append("route %s dev %s" % (
                    dst, links.get(oif, {}).get("name", oif)))
    return bad


def cmd_clean(namespaces):
    bad = []
    for ns in namespaces:
        bad += ["%s: %s" % (ns, b) for b in leftovers(in_ns(ns, U.Rtnl))]
    for b in bad[:30]:
        print("# left behind: " + b)
    return 1 if bad else 0


def cmd_works(ns, dev):
    """a new owner VR goes Master with its VIP; deleted, the VIP goes"""
    v, rt = in_ns(ns, lambda: (U.Vrrp(), U.Rtnl()))
    c = dict(dev=dev, family="inet", vrid=99, prio=255,
             vips=["10.9.99.1/32"])
    err, msg = v.new(c)
    if err:
        print("# new failed: %s %s" % (os.strerror(-err), msg))
        return 1

    def has():
        return any(a == "10.9.99.1" for _, _, a, _ in rt.addrs())

    def poll(cond, t=20.0):
        end = time.time() + t * float(os.environ.get("SCALE", "1"))
        while not cond():
            if time.time() > end:
                return False
            time.sleep(0.2)
        return True

    ok = poll(lambda: has() and any(
        o["vrid"] == 99 and o["state"] == "Master" for o in v.show()))
    if not ok:
        print("# owner VR not Master with its VIP: %s" % v.show())
    err, msg = v.delete(dev, "inet", 99)
    if err:
        print("# del failed: %s %s" % (os.strerror(-err), msg))
        return 1
    if not poll(lambda: not has()):
        print("# VIP 10.9.99.1 still there after the delete")
        ok = False
    return 0 if ok else 1


def cmd_m2(parent, victim):
    v = U.Vrrp()
    err, msg = v.new(dict(dev=parent, family="inet", vrid=7, prio=255,
                          vmac="macvlan", vips=["10.8.7.1/32"]))
    if err:
        print("new failed: %s %s" % (os.strerror(-err), msg), flush=True)
        return 1
    v.close()
    os.execvp("ip", ["ip", "netns", "del", victim])


def main(argv):
    cmd = argv[0]
    if cmd == "flood":
        return cmd_flood(argv[1], argv[2])
    if cmd == "up":
        return cmd_up(argv[2:], argv[1])
    if cmd == "busy":
        return cmd_busy(argv[1], argv[2])
    if cmd == "clean":
        return cmd_clean(argv[1:])
    if cmd == "works":
        return cmd_works(argv[1], argv[2])
    if cmd == "m2":
        return cmd_m2(argv[1], argv[2])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
