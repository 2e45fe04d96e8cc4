#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Lifecycle soak for vrrp_soak.sh: random operations from a fixed seed on
three routers (r1 r2 r3, eth0 on bridge br0 and eth1 on br1 in netns sw,
dummies trk0 trk1 to track) and a model of what must exist, checked at
checkpoints with the invariants a user would see.

  VRRP_SOAK_SEED (default 1)  VRRP_SOAK_OPS (default 1000)
  VRRP_SOAK_EVERY (100: ops per checkpoint)  VRRP_SOAK_VERBOSE=1 (every op)
  SCALE (timeouts are multiplied by it: 3 on the debug kernel)

Operations: NEW, SET (version, priority incl. 255, interval, VMAC mode
ether/macvlan/none, accept, preempt, forced state, admin state, VIPs,
routes, tracks, sync group, GARP, v2 auth), DEL, DEL+NEW of an owner or
forced Master in one sendmsg or two (M3), BATCH, BATCH replace, FLUSH,
FLUSH + the same batch at once, link down/up/flap of a parent or a
tracked device, delete and re-create a tracked dummy or a parent veth
under the same name, move a device to netns park and back, delete a
router's netns with live VRs and re-create it, rmmod with live VRs and
insmod again (the model's VRs configured again).

Invariants, once settled (polled with back-off up to 20 s x SCALE, on
snapshots whose VR states did not change while addresses were read):
  1. the VRs listed are exactly the model's, with the model's version,
     priority, interval, VMAC mode, preempt, accept and VIPs;
  2. every Master has all its VIPs (and, IPv6, the VMAC link-local) on
     its parent or, in macvlan mode, on its vif, and its routes;
  3. no VIP, VMAC link-local or VR route is installed in a netns unless a
     VR holding it is Master there, on that device;
  4. no standby* vif exists without its macvlan-mode VR.
After a delete + re-create of an owner/forced Master: that VR is Master
with its VIPs once settled. After rmmod and at the end (flush + rmmod): no
VIP, vif or VR route anywhere; a deleted netns finishes its teardown.

Output: "ok - NAME", "not ok - NAME" and "# ..." lines (the shell makes
TAP of them). A failed checkpoint deletes the VRs and removes the
addresses it blames, so that the next checkpoint judges fresh state.
"""
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vrrp_nsutil as U  # noqa: E402

SCALE = float(os.environ.get("SCALE", "1"))
SEED = int(os.environ.get("VRRP_SOAK_SEED", "1"))
OPS = int(os.environ.get("VRRP_SOAK_OPS", "1000"))
EVERY = int(os.environ.get("VRRP_SOAK_EVERY", "100"))
VERBOSE = os.environ.get("VRRP_SOAK_VERBOSE") == "1"
KO = os.environ.get("VRRP_KO", "")
SETTLE = 20.0 * SCALE
# advert intervals times SCALE too: a starved debug guest (KASAN, under
# TCG, four guests on two cores) stalls for longer than the 1 s
# Master_Down_Interval of a 300 ms advert, and its VRs flap
IMUL = max(1, int(SCALE))
ROUTERS = ("r1", "r2", "r3")
DEVS = ("eth0", "eth1")
TRACKS = ("trk0", "trk1")
VRIDS = range(1, 9)
T0 = time.time()


def out(line):
    print(line, flush=True)


def result(ok, name, diag=()):
    out("%s - %s" % ("ok" if ok else "not ok", name))
    for d in list(diag)[:40]:
        out("#   " + d)
    if len(diag) > 40:
        out("#   ... %d more" % (len(diag) - 40))


def run(args, inp=None):
    r = subprocess.run(args, input=inp, capture_output=True, text=True)
    return r.returncode, (r.stdout + r.stderr).strip()


def ipb(ns, lines):
    """ip -batch in @ns (None: the init netns); (rc, output)"""
    args = ["ip"] + (["-n", ns] if ns else []) + ["-force", "-batch", "-"]
    return run(args, "\n".join(lines) + "\n")


def sysctl_in(ns, kv):
    with U.InNs(ns):
        for k, v in kv:
            with open("/proc/sys/" + k.replace(".", "/"), "w") as f:
                f.write(v)


def dev_idx(dev):
    return DEVS.index(dev)


def vif_name(key):
    dev, fam, vrid = key
    if dev == "eth0" and fam == "inet":
        return "standby%d" % vrid      # the kernel's default name
    return "standby%d%s%d" % (dev_idx(dev), "a" if fam == "inet" else "b",
                               vrid)


def vip_pool(key):
    dev, fam, vrid = key
    d = dev_idx(dev)
    if fam == "inet":
        return ["10.%d.%d.%d" % (d, vrid, k) for k in range(1, 5)]
    return ["fd00:%d:%d::%d" % (d, vrid, k) for k in range(1, 5)]


def route_pool(key):
    dev, fam, vrid = key
    d = dev_idx(dev)
    if fam == "inet":
        return ["198.%d.%d.%d/28" % (18 + d, vrid, 16 * k)
                for k in range(1, 4)]
    return ["fd10:%d:%d:%d::/64" % (d, vrid, k) for k in range(1, 4)]


def key_of(a, dev):
    """the VR whose pool @a is from (None for a VMAC link-local)"""
    try:
        if a.startswith("10."):
            _, d, v, _ = a.split(".")
            return (DEVS[int(d)], "inet", int(v))
        if a.startswith("fd00:"):
            p = a.split(":")
            return (DEVS[int(p[1])], "inet6", int(p[2]))
    except (ValueError, IndexError):
        pass
    return None


def in_universe(a):
    return a.startswith("10.") or a.startswith("fd00:") or \
        a.startswith("fe80::200:5eff:fe00:2")


def route_universe(dst):
    return dst.startswith("198.18.") or dst.startswith("198.19.") or \
        dst.startswith("fd10:")


class Soak:
    def __init__(self):
        self.rnd = random.Random(SEED)
        self.model = {ns: {} for ns in ROUTERS}    # key -> full cfg
        self.down = set()                          # (ns, dev) left down
        self.gen = {ns: 0 for ns in ROUTERS}
        self.ports = {}                            # (ns, dev) -> sw port
        self.v = {}
        self.rt = {}
        self.win = None
        self.counts = {}
        self.hist = {}
        self.opno = 0

    # ---- topology ----

    def open_ns(self, ns):
        with U.InNs(ns):
            self.rt[ns] = U.Rtnl()
            if ns in ROUTERS and os.path.isdir("/sys/module/vrrp"):
                self.v[ns] = U.Vrrp()

    def close_ns(self, ns):
        for d in (self.v, self.rt):
            if ns in d:
                d.pop(ns).close()

    def router_up(self, ns):
        g = self.gen[ns]
        rc, o = run(["ip", "netns", "add", ns])
        if rc:
            return "ip netns add %s: %s" % (ns, o)
        sysctl_in(ns, [("net.ipv6.conf.all.accept_dad", "0"),
                       ("net.ipv6.conf.default.accept_dad", "0"),
                       ("net.ipv6.conf.all.keep_addr_on_down", "1"),
                       ("net.ipv6.conf.default.keep_addr_on_down", "1")])
        lines = []
        for d, dev in enumerate(DEVS):
            self.ports[(ns, dev)] = self.port(ns, d, g)
            lines.append("link add %s netns %s type veth peer name %s "
                         "netns sw" % (dev, ns, self.port(ns, d, g)))
        rc, o = ipb(None, lines)
        if rc:
            return "veths for %s: %s" % (ns, o)
        rc, o = ipb("sw", ["link set %s master br%d up" % (
            self.port(ns, d, g), d) for d in range(len(DEVS))])
        if rc:
            return "bridge ports for %s: %s" % (ns, o)
        lines = ["link set lo up"]
        for dev in DEVS:
            lines += ["link set %s up" % dev] + self.addr_lines(ns, dev)
        for t in TRACKS:
            lines += ["link add %s type dummy" % t, "link set %s up" % t]
        rc, o = ipb(ns, lines)
        if rc:
            return "devices in %s: %s" % (ns, o)
        self.open_ns(ns)
        return None

    def port(self, ns, d, g):
        return "p%d%sg%d" % (d, ns, g)

    def addr_lines(self, ns, dev):
        i = ROUTERS.index(ns) + 1
        if dev == "eth0":
            return ["addr add 192.0.2.%d/24 dev eth0" % i,
                    "addr add 2001:db8::%d/64 dev eth0" % i]
        return ["addr add 198.51.100.%d/24 dev eth1" % i,
                "addr add 2001:db8:1::%d/64 dev eth1" % i]

    def setup(self):
        rc, o = run(["ip", "netns", "add", "park"])
        if rc:
            return o
        sysctl_in("park", [("net.ipv6.conf.default.accept_dad", "0")])
        self.open_ns("park")
        self.open_ns("sw")
        for ns in ROUTERS:
            err = self.router_up(ns)
            if err:
                return err
        return None

    # ---- the model ----

    def rand_cfg(self, key, owner=False):
        r = self.rnd
        dev, fam, vrid = key
        v2 = fam == "inet" and r.random() < 0.3
        c = dict(dev=dev, family=fam, vrid=vrid, version=2 if v2 else 3)
        c["int"] = IMUL * (r.choice((100, 200)) if v2 else
                           r.choice((30, 50, 100, 150)))
        c["prio"] = 255 if r.random() < 0.08 else r.randint(1, 254)
        c["preempt"] = int(r.random() < 0.8)
        c["preempt_delay"] = 0 if r.random() < 0.85 else r.randint(200,
                                                                    3000)
        c["accept"] = int(r.random() < 0.4)
        c["vmac"] = r.choice(("ether", "ether", "ether", "none", "none",
                              "macvlan", "macvlan", "macvlan"))
        c["force"] = r.choice(("none",) * 8 + ("master", "backup"))
        c["admin"] = int(r.random() < 0.9)
        c["vips"] = self.rand_vips(key)
        c["routes"] = r.sample(route_pool(key), r.choice((0, 0, 1, 2)))
        c["tracks"] = [(t, r.choice((0, 10, 30, 60)))
                       for t in r.sample(TRACKS, r.choice((0, 0, 0, 1, 2)))]
        c["sync"] = 0 if r.random() < 0.85 else r.randint(1, 2)
        c["garp"] = r.randint(0, 3)
        # repeated GARPs are at least 10 ms apart (the module refuses less)
        c["garp_delay"] = r.choice((10, 50, 200) if c["garp"] > 1 else
                                   (0, 50, 200))
        c["garp_refresh"] = 0 if r.random() < 0.85 else r.choice((2000,
                                                                  5000))
        if v2 and r.random() < 0.2:
            c["auth"] = "pw%d" % r.randint(1, 3)
        if fam == "inet" and r.random() < 0.1:
            i = r.choice([x for x in range(1, 4)
                          if x != ROUTERS.index(self.cur) + 1])
            net = "192.0.2" if dev == "eth0" else "198.51.100"
            c["peers"] = ["%s.%d" % (net, i)]
        if owner:
            self.make_owner(c)
        return c

    def rand_vips(self, key):
        r = self.rnd
        fam = key[1]
        vips = r.sample(vip_pool(key), r.randint(1, 3))
        plen = (32, 32, 24) if fam == "inet" else (128, 128, 64)
        return ["%s/%d" % (a, r.choice(plen)) for a in vips]

    def make_owner(self, c):
        """Master at once: priority 255 or forced; nothing that stops it.
        Priority 255 only if no other router has the VR at 255 too: an
        owner goes Backup for an equal advert from a higher address."""
        key = (c["dev"], c["family"], c["vrid"])
        rival = any(self.model[o].get(key, {}).get("prio") == 255
                    for o in ROUTERS if o != self.cur)
        if self.rnd.random() < 0.5 and not rival:
            c["prio"], c["force"] = 255, "none"
        else:
            c["force"] = "master"
        c["admin"] = 1
        c["tracks"] = []
        c["sync"] = 0

    def send_cfg(self, c):
        """the attributes sent: the full model cfg (vifname explicit)"""
        s = dict(c)
        key = (c["dev"], c["family"], c["vrid"])
        if key[0] != "eth0" or key[1] != "inet":
            s["vifname"] = vif_name(key)
        if s.get("version") == 3:
            s.pop("auth", None)
        return s

    def fix(self, c):
        if c["version"] == 2:
            if c["family"] != "inet":
                c["version"] = 3
            elif c["int"] % 100:
                c["int"] = 100 * IMUL
        if c["version"] == 3:
            c.pop("auth", None)

    # ---- bookkeeping ----

    def note(self, what, keys=None):
        """count an operation, and remember it in its netns' history
        (@keys: the VRs it touched; None: all of the netns)"""
        kind = what.rsplit(" ", 1)[0] if what.split()[-1] in DEVS + TRACKS \
            else what
        self.counts[kind] = self.counts.get(kind, 0) + 1
        h = self.hist.setdefault(self.cur, [])
        h.append((self.opno, what, keys))
        del h[:-300]
        if VERBOSE:
            out("# op %d: %s" % (self.opno, what))

    def expect_ok(self, what, err, msg=""):
        if err:
            self.win["errors"].append("op %d (%s): %s %s" % (
                self.opno, what, os.strerror(-err) if err < 0 else err, msg))

    def ip_ok(self, what, rc, o):
        if rc:
            self.win["errors"].append("op %d (%s): ip: %s" % (
                self.opno, what, o))

    def keys(self, ns):
        return sorted(self.model[ns])

    def free_keys(self, ns):
        return [(d, f, v) for d in DEVS for f in ("inet", "inet6")
                for v in VRIDS if (d, f, v) not in self.model[ns]]

    # ---- VR operations ----

    def op_new(self, ns):
        free = self.free_keys(ns)
        if not free:
            return self.op_del(ns)
        key = self.rnd.choice(free)
        c = self.rand_cfg(key)
        err, msg = self.v[ns].new(self.send_cfg(c))
        self.expect_ok("new %s %s" % (ns, key), err, msg)
        if not err:
            self.model[ns][key] = c
        self.note("new", [key])

    def op_set(self, ns):
        ks = self.keys(ns)
        if not ks:
            return self.op_new(ns)
        r = self.rnd
        key = r.choice(ks)
        old = self.model[ns][key]
        c = dict(old)
        fields = r.sample(("prio", "int", "vips", "force", "admin", "vmac",
                           "accept", "preempt", "tracks", "routes",
                           "version", "garp_refresh", "sync", "auth"),
                          r.randint(1, 3))
        fresh = self.rand_cfg(key)
        for f in fields:
            if f == "version":
                if key[1] == "inet":
                    c["version"] = 5 - c["version"]
            elif f == "auth":
                c["auth"] = None if c.get("auth") else "pw9"
            elif f == "int":
                c["int"] = fresh["int"]
            else:
                c[f] = fresh[f]
        if c["version"] == 2 and c["int"] % 100:
            c["int"] = 100 * IMUL
        if c["version"] == 3 or not c.get("auth"):
            c.pop("auth", None)
        # send what changed, as the values the model now holds
        ch = {f: c[f] for f in c if c[f] != old.get(f)}
        if old.get("auth") and "auth" not in c:
            ch["auth"] = None       # auth type none
        send = self.send_cfg(dict(c))
        if "vifname" in send:
            ch["vifname"] = send["vifname"]
        ch.update(dev=key[0], family=key[1], vrid=key[2])
        err, msg = self.v[ns].set(ch)
        self.expect_ok("set %s %s %s" % (ns, key, sorted(ch)), err, msg)
        if not err:
            self.model[ns][key] = c
        self.note("set", [key])

    def op_del(self, ns):
        ks = self.keys(ns)
        if not ks:
            return self.op_new(ns)
        key = self.rnd.choice(ks)
        err, msg = self.v[ns].delete(*key)
        self.expect_ok("del %s %s" % (ns, key), err, msg)
        if not err:
            del self.model[ns][key]
        self.note("del", [key])

    def op_delnew(self, ns):
        """M3: an owner or forced Master deleted and re-created at once"""
        r = self.rnd
        key = r.choice(self.keys(ns) or self.free_keys(ns))
        one = r.random() < 0.6
        if (ns, key[0]) in self.down:
            self.link_set(ns, key[0], True)
        c = self.model[ns].get(key)
        c = dict(c) if c else self.rand_cfg(key)
        self.make_owner(c)
        c["vips"] = self.rand_vips(key) if r.random() < 0.2 else c["vips"]
        s = self.send_cfg(c)
        if key in self.model[ns]:
            err, msg = self.v[ns].set(s)
        else:
            err, msg = self.v[ns].new(s)
        self.expect_ok("delnew: prepare %s %s" % (ns, key), err, msg)
        if err:
            return
        self.model[ns][key] = c
        # the old VR must be Master with its VIPs installed first
        self.wait_vr(ns, key, 5.0 * SCALE)
        if one:
            errs = self.v[ns].many([
                ("VRRP_CMD_DEL", U.key_attrs(*key)),
                ("VRRP_CMD_NEW", U.cfg_attrs(s))])
        else:
            errs = [self.v[ns].delete(*key)[0], self.v[ns].new(s)[0]]
        for e, w in zip(errs, ("del", "new")):
            self.expect_ok("delnew: %s %s %s" % (w, ns, key), e)
        if any(errs):
            self.model[ns].pop(key, None)
            return
        bad = self.wait_vr(ns, key, self.win["m3_bound"])
        how = "one sendmsg" if one else "two requests"
        self.win["m3"].append((ns, key, bad, how))
        if bad:
            # report once; a fresh VR for the checkpoints
            if len([x for x in self.win_all_m3() if x[2]]) >= 3:
                self.win["m3_bound"] = 3.0 * SCALE
            self.v[ns].delete(*key)
            del self.model[ns][key]
        self.note("del+new (%s)" % how, [key])

    def win_all_m3(self):
        return self.all_m3 + self.win["m3"]

    def wait_vr(self, ns, key, bound):
        """None once @key is Master with everything installed, else what
        is missing after @bound seconds"""
        end = time.time() + bound
        pause = 0.1
        while True:
            snap = self.snapshot(ns, key)
            o = snap["vrs"].get(key) if snap else None
            if snap is None:
                bad = "its state changes all the time"
            elif o is None:
                bad = "not listed"
            elif o["state"] != "Master":
                bad = "%s, not Master" % o["state"]
            else:
                miss = self.missing(ns, key, self.model[ns][key], snap)
                bad = ", ".join(miss) if miss else None
            if not bad:
                return None
            if time.time() > end:
                return bad
            time.sleep(pause)
            pause = min(pause * 1.5, 1.0)

    def op_batch(self, ns, replace=False):
        r = self.rnd
        ks = self.keys(ns)
        pick = r.sample(ks, min(len(ks), r.randint(0 if replace else 1, 4)))
        free = self.free_keys(ns)
        pick += r.sample(free, min(len(free), r.randint(0, 6)))
        cfgs = {k: self.rand_cfg(k) for k in pick}
        if replace:
            # the rest of what exists, unchanged or changed
            for k in ks:
                if k not in cfgs and r.random() < 0.7:
                    cfgs[k] = self.model[ns][k]
        if not cfgs:
            return self.op_new(ns)
        err, msg = self.v[ns].batch([self.send_cfg(c) for c in
                                     cfgs.values()], replace)
        self.expect_ok("batch%s %s %d VRs" % (" replace" if replace else "",
                                              ns, len(cfgs)), err, msg)
        if not err:
            if replace:
                self.model[ns] = {}
            self.model[ns].update(cfgs)
        self.note("batch replace" if replace else "batch",
                  None if replace else list(cfgs))

    def op_flush(self, ns, reload=False):
        cfgs = list(self.model[ns].values())
        if reload and cfgs:
            errs = self.v[ns].many([
                ("VRRP_CMD_FLUSH", []),
                ("VRRP_CMD_BATCH", [U.V.nest(U.A["VRRP_A_BATCH"], [
                    U.V.nest(0, U.cfg_attrs(self.send_cfg(c)))
                    for c in cfgs])])])
            for e, w in zip(errs, ("flush", "batch")):
                self.expect_ok("flush+batch: %s %s" % (w, ns), e)
            if errs[1]:
                self.model[ns] = {}
            self.note("flush + same batch")
            return
        err, msg = self.v[ns].flush()
        self.expect_ok("flush %s" % ns, err, msg)
        self.model[ns] = {}
        self.note("flush")

    # ---- device operations ----

    def link_set(self, ns, dev, up):
        rc, o = ipb(ns, ["link set %s %s" % (dev, "up" if up else "down")])
        self.ip_ok("link %s %s %s" % (ns, dev, up), rc, o)
        if up:
            self.down.discard((ns, dev))
        else:
            self.down.add((ns, dev))

    def rand_dev(self):
        return self.rnd.choice(DEVS + TRACKS)

    def op_flap(self, ns):
        dev = self.rand_dev()
        rc, o = ipb(ns, ["link set %s down" % dev, "link set %s up" % dev])
        self.ip_ok("flap %s %s" % (ns, dev), rc, o)
        self.down.discard((ns, dev))
        self.note("link flap " + dev)

    def op_down(self, ns):
        dev = self.rand_dev()
        self.link_set(ns, dev, False)
        self.note("link down " + dev)

    def op_up(self, ns):
        d = sorted(x for x in self.down if x[0] == ns)
        if not d:
            return self.op_flap(ns)
        dev = self.rnd.choice(d)[1]
        self.link_set(ns, dev, True)
        self.note("link up " + dev)

    def op_recreate(self, ns):
        dev = self.rnd.choice(("eth1", "trk0", "trk1", "trk0", "trk1"))
        if dev.startswith("trk"):
            rc, o = ipb(ns, ["link del %s" % dev,
                             "link add %s type dummy" % dev,
                             "link set %s up" % dev])
            self.ip_ok("recreate %s %s" % (ns, dev), rc, o)
        else:
            self.gen[ns] += 1
            g = self.gen[ns]
            rc, o = ipb(ns, ["link del eth1"])
            self.ip_ok("recreate %s eth1: del" % ns, rc, o)
            # the VRs stay, detached, and run on the new eth1 (same name)
            self.ports[(ns, "eth1")] = self.port(ns, 1, g)
            rc, o = ipb(None, ["link add eth1 netns %s type veth peer name "
                               "%s netns sw" % (ns, self.port(ns, 1, g))])
            self.ip_ok("recreate %s eth1: add" % ns, rc, o)
            rc, o = ipb("sw", ["link set %s master br1 up" %
                               self.port(ns, 1, g)])
            self.ip_ok("recreate %s eth1: bridge" % ns, rc, o)
            rc, o = ipb(ns, ["link set eth1 up"] + self.addr_lines(ns,
                                                                  "eth1"))
            self.ip_ok("recreate %s eth1: up" % ns, rc, o)
        self.down.discard((ns, dev))
        self.note("device re-created " + dev)

    def op_move(self, ns):
        dev = self.rnd.choice(("eth1", "trk0", "trk1"))
        rc, o = ipb(ns, ["link set %s netns park" % dev])
        self.ip_ok("move %s %s to park" % (ns, dev), rc, o)
        # eth1's VRs stay, detached, and run on it again once it is back
        rc, o = ipb("park", ["link set %s netns %s" % (dev, ns)])
        self.ip_ok("move %s %s back" % (ns, dev), rc, o)
        lines = ["link set %s up" % dev]
        if dev == "eth1":
            lines += self.addr_lines(ns, "eth1")
        rc, o = ipb(ns, lines)
        self.ip_ok("move %s %s: up" % (ns, dev), rc, o)
        self.down.discard((ns, dev))
        self.note("device moved away and back " + dev)

    def op_netns(self, ns):
        """delete a router's netns with live VRs, and re-create it"""
        n = len(self.model[ns])
        ports = [self.ports[(ns, dev)] for dev in DEVS]
        self.close_ns(ns)
        rc, o = run(["ip", "netns", "del", ns])
        self.ip_ok("netns del %s" % ns, rc, o)
        t0 = time.time()
        gone = self.poll(lambda: not any(p in [x["name"] for x in
                                               self.rt["sw"].links().values()]
                                         for p in ports), 30.0 * SCALE)
        if not gone:
            self.win["teardown"].append(
                "op %d: netns %s (%d VRs) deleted: its devices still in sw "
                "after %.0f s" % (self.opno, ns, n, 30 * SCALE))
        else:
            self.win["notes"].append("netns %s with %d VRs: teardown %.1f s"
                                     % (ns, n, time.time() - t0))
        self.model[ns] = {}
        self.down = {x for x in self.down if x[0] != ns}
        self.gen[ns] += 1
        err = self.router_up(ns)
        if err:
            self.win["errors"].append("op %d: re-create %s: %s" % (
                self.opno, ns, err))
        self.note("netns deleted with live VRs, re-created")

    def op_rmmod(self, ns):
        n = sum(len(m) for m in self.model.values())
        t0 = time.time()
        try:
            rc, o = run(["timeout", "-k", "5", str(int(60 * SCALE)),
                         "rmmod", "vrrp"])
        except Exception as e:      # noqa: BLE001
            rc, o = 1, str(e)
        if rc or os.path.isdir("/sys/module/vrrp"):
            self.win["teardown"].append("op %d: rmmod with %d live VRs: "
                                        "rc %d %s" % (self.opno, n, rc, o))
            raise SystemExit(self.abort("rmmod failed"))
        self.win["notes"].append("rmmod with %d VRs: %.1f s" % (
            n, time.time() - t0))
        for ns2 in ROUTERS + ("park",):
            for b in self.leftovers(ns2):
                self.win["teardown"].append("op %d: after rmmod, %s: %s" % (
                    self.opno, ns2, b))
        rc, o = run(["insmod", KO])
        if rc:
            raise SystemExit(self.abort("insmod: " + o))
        for ns2 in ROUTERS:
            with U.InNs(ns2):
                self.v[ns2].close()
                self.v[ns2] = U.Vrrp()
            cfgs = list(self.model[ns2].values())
            if cfgs:
                err, msg = self.v[ns2].batch([self.send_cfg(c)
                                              for c in cfgs])
                self.expect_ok("config again %s" % ns2, err, msg)
                if err:
                    self.model[ns2] = {}
        self.note("rmmod with live VRs, insmod, config again")

    def abort(self, why):
        out("Bail out! %s" % why)
        return 1

    # ---- observation ----

    def poll(self, cond, bound):
        end = time.time() + bound
        pause = 0.1
        while True:
            if cond():
                return True
            if time.time() > end:
                return False
            time.sleep(pause)
            pause = min(pause * 1.5, 1.0)

    def snapshot(self, ns, key=None):
        """VRs, links, addresses and routes, or None if a VR (@key, or
        any) changed state while they were read"""
        v, rt = self.v[ns], self.rt[ns]
        a = v.show()
        links = rt.links()
        addrs = rt.addrs()
        routes = rt.routes(U.AF_INET) + rt.routes(U.AF_INET6)
        b = v.show()
        sa = {(o["interface"], o["family"], o["vrid"]): o["state"]
              for o in a}
        sb = {(o["interface"], o["family"], o["vrid"]): o["state"]
              for o in b}
        if (sa != sb) if key is None else (sa.get(key) != sb.get(key)):
            self.unstable = ["%s %s->%s" % (k, sa.get(k), sb.get(k))
                             for k in sorted(set(sa) | set(sb))
                             if sa.get(k) != sb.get(k)]
            return None
        return {"vrs": {(o["interface"], o["family"], o["vrid"]): o
                        for o in b},
                "links": links,
                "byname": {li["name"]: i for i, li in links.items()},
                "addrs": {(i, a) for i, _, a, _ in addrs},
                "routes": {(d, oif) for d, oif, t in routes if t == 254}}

    def wanted(self, key, c, snap):
        """(target ifindex, parent ifindex, addresses, routes)"""
        parent = snap["byname"].get(key[0])
        tgt = parent
        if c["vmac"] == "macvlan":
            tgt = snap["byname"].get(vif_name(key))
        addrs = [v.partition("/")[0] for v in c["vips"]]
        if key[1] == "inet6":
            addrs.append(U.vmac_ll(key[2]))
        return tgt, parent, addrs, c["routes"]

    def missing(self, ns, key, c, snap):
        tgt, parent, addrs, routes = self.wanted(key, c, snap)
        miss = []
        if tgt is None:
            miss.append("no %s" % (vif_name(key) if c["vmac"] == "macvlan"
                                   else key[0]))
            return miss
        for a in addrs:
            if (tgt, a) not in snap["addrs"]:
                miss.append("VIP %s missing" % a)
        for r in routes:
            if (r, parent) not in snap["routes"]:
                miss.append("route %s missing" % r)
        return miss

    def history(self, ns, key):
        h = [(n, w) for n, w, k in self.hist.get(ns, [])
             if k is None or key in k][-5:]
        return " [ops: %s]" % ", ".join("%d %s" % x for x in h)

    def violations(self, ns, snap):
        """[(text, repair)]: repair is ("vr", key), ("addr", ifname, a),
        ("route", dst, ifname) or ("link", name)"""
        bad = []
        model = self.model[ns]
        vrs = snap["vrs"]
        names = {i: li["name"] for i, li in snap["links"].items()}
        for key in sorted(set(model) | set(vrs)):
            o, c = vrs.get(key), model.get(key)
            if o is None:
                bad.append(("%s %s: in the model, not listed%s" % (
                    ns, key, self.history(ns, key)), ("model", key)))
                continue
            if c is None:
                bad.append(("%s %s: listed, not in the model%s" % (
                    ns, key, self.history(ns, key)), ("vr", key)))
                continue
            diff = []
            for f, want in (("version", c["version"]),
                            ("priority", c["prio"]),
                            ("advert_int", c["int"]),
                            ("vmac_mode", U.VMAC[c["vmac"]]),
                            ("preempt", c["preempt"]),
                            ("accept", c["accept"])):
                if o.get(f) != want:
                    diff.append("%s %s, want %s" % (f, o.get(f), want))
            if sorted(o["vips"]) != sorted(v.partition("/")[0]
                                           for v in c["vips"]):
                diff.append("vips %s, want %s" % (o["vips"], c["vips"]))
            if diff:
                bad.append(("%s %s: %s%s" % (ns, key, "; ".join(diff),
                                              self.history(ns, key)),
                            ("vr", key)))
            if o["state"] == "Master":
                miss = self.missing(ns, key, c, snap)
                if miss:
                    bad.append(("%s %s Master (%s, prio %d, force %s): %s%s" % (
                        ns, key, c["vmac"], c["prio"], c["force"],
                        ", ".join(miss), self.history(ns, key)),
                        ("vr", key)))
        # what is installed must belong to a Master there
        owned, owned_rt, vifs = set(), set(), {}
        for key, o in vrs.items():
            c = model.get(key)
            if c is None:
                continue
            if c["vmac"] == "macvlan":
                vifs[vif_name(key)] = key
            if o["state"] != "Master":
                continue
            tgt, parent, addrs, routes = self.wanted(key, c, snap)
            owned |= {(tgt, a) for a in addrs}
            owned_rt |= {(r, parent) for r in routes}
        for i, a in sorted(snap["addrs"]):
            if not in_universe(a) or (i, a) in owned:
                continue
            n = names.get(i, str(i))
            if n in vifs and a.startswith("fe80:"):
                continue        # the vif's own EUI-64 link-local
            k = key_of(a, n)
            bad.append(("%s: %s on %s, and no Master VR there holds it%s" % (
                ns, a, n, self.history(ns, k) if k else ""), ("addr", n, a)))
        for d, oif in sorted(snap["routes"]):
            if route_universe(d) and (d, oif) not in owned_rt:
                bad.append(("%s: route %s dev %s, and no Master VR there "
                            "holds it" % (ns, d, names.get(oif, oif)),
                            ("route", d, names.get(oif, oif))))
        for i, li in snap["links"].items():
            if not li["name"].startswith("standby"):
                continue
            key = vifs.get(li["name"])
            if key is None or snap["byname"].get(key[0]) != li["link"]:
                bad.append(("%s: vif %s without its macvlan-mode VR" % (
                    ns, li["name"]), ("link", li["name"])))
        return bad

    def check_all(self, bound):
        """settle, then [(text, repair, ns)] of what still does not hold"""
        end = time.time() + bound
        pause = 0.2
        t0 = time.time()
        while True:
            bad = []
            for ns in ROUTERS:
                snap = None
                for _ in range(5):
                    snap = self.snapshot(ns)
                    if snap:
                        break
                    time.sleep(0.2)
                if snap is None:
                    bad.append(("%s: VR states never stable for a snapshot"
                                " (%s)" % (ns, ", ".join(self.unstable)),
                                None, ns))
                    continue
                bad += [(t, r, ns) for t, r in self.violations(ns, snap)]
            if not bad or time.time() > end:
                return bad, time.time() - t0
            time.sleep(pause)
            pause = min(pause * 1.5, 2.0)

    def repair(self, bad):
        for _, r, ns in bad:
            if r is None:
                continue
            if r[0] == "model":
                self.model[ns].pop(r[1], None)
            elif r[0] == "vr":
                self.v[ns].delete(*r[1])
                self.model[ns].pop(r[1], None)
            elif r[0] == "addr":
                ipb(ns, ["addr del %s dev %s" % (r[2], r[1])])
            elif r[0] == "route":
                ipb(ns, ["route del %s dev %s" % (r[1], r[2])])
            elif r[0] == "link":
                ipb(ns, ["link del %s" % r[1]])

    def leftovers(self, ns):
        rt = self.rt[ns]
        links = rt.links()
        bad = []
        for i, _, a, plen in rt.addrs():
            if in_universe(a):
                bad.append("%s/%d on %s" % (a, plen,
                                            links.get(i, {}).get("name", i)))
        for i, li in links.items():
            if li["name"].startswith("standby") or li["kind"] == "macvlan":
                bad.append("link %s" % li["name"])
        for fam in (U.AF_INET, U.AF_INET6):
            for d, oif, t in rt.routes(fam):
                if route_universe(d):
                    bad.append("route %s" % d)
        return bad

    # ---- the run ----

    def new_window(self):
        self.win = {"errors": [], "m3": [], "teardown": [], "notes": [],
                    "m3_bound": self.m3_bound}

    def close_window(self, a, b):
        w = self.win
        self.all_m3 += w["m3"]
        self.m3_bound = w["m3_bound"]
        for n in w["notes"]:
            out("# " + n)
        result(not w["errors"], "ops %d-%d: every request the model "
               "expects to succeed succeeds" % (a, b), w["errors"])
        m3bad = ["%s %s (%s): %s" % (ns, k, how, bad)
                 for ns, k, bad, how in w["m3"] if bad]
        result(not m3bad, "ops %d-%d: %d owner/forced Masters deleted and "
               "re-created at once end Master with their VIPs (M3)" % (
                   a, b, len(w["m3"])), m3bad)
        result(not w["teardown"], "ops %d-%d: netns deletions and rmmods "
               "with live VRs finish and leave nothing behind" % (a, b),
               w["teardown"])
        bad, dt = self.check_all(SETTLE)
        n = sum(len(m) for m in self.model.values())
        result(not bad, "after op %d: invariants hold once settled (%d VRs,"
               " %.1f s, %.0f s since the start)" % (b, n, dt,
                                                     time.time() - T0),
               [t for t, _, _ in bad])
        if bad:
            self.repair(bad)

    def main(self):
        out("# seed %d, %d ops (VRRP_SOAK_SEED, VRRP_SOAK_OPS)" % (SEED,
                                                                   OPS))
        err = self.setup()
        result(not err, "setup: 3 routers on 2 bridges", [err] if err
               else [])
        if err:
            return 1
        self.all_m3 = []
        self.m3_bound = SETTLE
        ops = ((self.op_new, 25), (self.op_set, 22), (self.op_del, 5),
               (self.op_delnew, 6), (self.op_batch, 6),
               (lambda ns: self.op_batch(ns, True), 1.5),
               (self.op_flush, 0.5), (lambda ns: self.op_flush(ns, True), 1),
               (self.op_flap, 8), (self.op_down, 3), (self.op_up, 4),
               (self.op_recreate, 3), (self.op_move, 2),
               (self.op_netns, 0.6), (self.op_rmmod, 0.6))
        fns = [f for f, _ in ops]
        wts = [w for _, w in ops]
        a = 1
        self.new_window()
        for self.opno in range(1, OPS + 1):
            self.cur = self.rnd.choice(ROUTERS)
            fn = self.rnd.choices(fns, wts)[0]
            try:
                fn(self.cur)
            except SystemExit:
                raise
            except Exception:       # noqa: BLE001
                import traceback
                self.win["errors"].append("op %d: driver exception: %s" % (
                    self.opno, traceback.format_exc().replace("\n", " | ")))
            if self.opno % EVERY == 0 or self.opno == OPS:
                self.close_window(a, self.opno)
                a = self.opno + 1
                self.new_window()
        out("# ops: " + ", ".join("%s %d" % kv for kv in sorted(
            self.counts.items())))
        out("# %d ops in %.0f s" % (OPS, time.time() - T0))
        # the end: everything up, settled, then flush and rmmod
        for ns, dev in sorted(self.down):
            ipb(ns, ["link set %s up" % dev])
        self.down = set()
        bad, dt = self.check_all(SETTLE)
        result(not bad, "final: invariants hold once settled (%.1f s)" % dt,
               [t for t, _, _ in bad])
        errs = []
        for ns in ROUTERS:
            err, msg = self.v[ns].flush()
            if err:
                errs.append("flush %s: %s %s" % (ns, os.strerror(-err), msg))
        left = []
        self.poll(lambda: not any(self.leftovers(ns) for ns in ROUTERS),
                  SETTLE)
        for ns in ROUTERS + ("park",):
            left += ["after flush, %s: %s" % (ns, b)
                     for b in self.leftovers(ns)]
        for ns in ROUTERS:
            self.v.pop(ns).close()
        rc, o = run(["timeout", "-k", "5", str(int(60 * SCALE)), "rmmod",
                     "vrrp"])
        if rc:
            errs.append("rmmod: %d %s" % (rc, o))
        for ns in ROUTERS + ("park",):
            left += ["after rmmod, %s: %s" % (ns, b)
                     for b in self.leftovers(ns)]
        result(not errs and not left, "final: flush and rmmod leave no VIP, "
               "vif or route anywhere", errs + left)
        out("# total %.0f s" % (time.time() - T0))
        return 0


if __name__ == "__main__":
    sys.exit(Soak().main())
