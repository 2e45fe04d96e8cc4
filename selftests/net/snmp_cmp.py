#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""What the daemon's SNMP subagent must serve, from `vrrpctl show -j -s` and
`show global -j`, against an snmpwalk (-On -Oq -Ox -Ot -Oe) of one MIB:
every object with its value, and no other. Prints TAP diagnostics; exit 0 if
they agree and the walk holds WANT VRs (daemon_snmp.sh).

  snmp_cmp.py v3|v2 WALK SHOW.json GLOBAL.json WANT
    v3: RFC 6527 VRRPV3-MIB (1.3.6.1.2.1.207), the VRRPv3 VRs
    v2: RFC 2787 VRRP-MIB (1.3.6.1.2.1.68), the VRRPv2 VRs
"""
import ipaddress
import json
import sys

STATE = {"Init": 1, "Backup": 2, "Master": 3}


def packed(a):
    return ipaddress.ip_address(a.split("/")[0]).packed if a else b""


def truth(b):
    return "1" if b else "2"


def v3(vrs, glob):
    ops, assoc, st = (".1.3.6.1.2.1.207.1.1.1.1", ".1.3.6.1.2.1.207.1.1.2.1",
                      ".1.3.6.1.2.1.207.1.2.5.1")
    g = ".1.3.6.1.2.1.207.1.2"
    want = {g + ".1.0": str(glob["checksum_errors"]),
            g + ".2.0": str(glob["version_errors"]),
            g + ".3.0": str(glob["vrid_errors"]), g + ".4.0": "0"}
    mine = [v for v in vrs if v["version"] == 3 and "ifindex" in v]
    for v in mine:
        fam = 1 if v["family"] == "inet" else 2
        i = "%d.%d.%d" % (v["ifindex"], v["vrid"], fam)
        s = v["stats"]
        cols = {3: packed(v["master"]).hex(),
                4: packed(v["primary_address"]).hex(),
                5: "00005e00%02x%02x" % (fam, v["vrid"]),
                6: str(STATE[v["state"]]), 7: str(v["priority"]),
                8: str(len(v["vips"])), 9: str(v["advert_ms"] // 10),
                10: truth(v["preempt"]), 11: truth(v["accept"]), 12: "0", 13: "1"}
        for c, w in cols.items():
            want["%s.%d.%s" % (ops, c, i)] = w
        keys = ("master_transitions", "new_master_reason", "rx_adverts",
                "advert_interval_errors", "ttl_errors", "proto_err_reason",
                "rx_priority_zero", "tx_priority_zero", "invalid_type",
                "address_list_errors", "length_errors", None, "refresh_rate_ms")
        for c, k in enumerate(keys, 1):
            want["%s.%d.%s" % (st, c, i)] = str(s[k]) if k else "0"
        for a in v["vips"]:
            b = packed(a)
            want["%s.2.%s.%d.%s" % (assoc, i, len(b), ".".join(map(str, b)))] = "1"
    return want, len(mine)


def v2(vrs, glob):
    m = ".1.3.6.1.2.1.68"
    ops, assoc, st = m + ".1.3.1", m + ".1.4.1", m + ".2.4.1"
    want = {m + ".1.1.0": "2", m + ".1.2.0": "2",
            m + ".2.1.0": str(glob["checksum_errors"]),
            m + ".2.2.0": str(glob["version_errors"]),
            m + ".2.3.0": str(glob["vrid_errors"])}
    mine = [v for v in vrs if v["version"] == 2 and "ifindex" in v]
    for v in mine:
        i = "%d.%d" % (v["ifindex"], v["vrid"])
        s = v["stats"]
        cols = {2: "00005e0001%02x" % v["vrid"], 3: str(STATE[v["state"]]),
                4: truth(v["admin_up"]), 5: str(v["priority"]),
                6: str(len(v["vips"])),
                # an IpAddress prints dotted, even with -Ox
                7: (v["master"] or "0.0.0.0").split("/")[0],
                8: (v["primary_address"] or "0.0.0.0").split("/")[0],
                10: "", 11: str(v["advert_ms"] // 1000), 12: truth(v["preempt"]),
                13: "0", 14: "1", 15: "1"}
        if v["auth_type"] in ("none", "simple"):
            cols[9] = "1" if v["auth_type"] == "none" else "2"
        for c, w in cols.items():
            want["%s.%d.%s" % (ops, c, i)] = w
        keys = ("master_transitions", "rx_adverts", "advert_interval_errors",
                "auth_failures", "ttl_errors", "rx_priority_zero",
                "tx_priority_zero", "invalid_type", "address_list_errors",
                "invalid_auth_type", "auth_type_mismatch", "length_errors")
        for c, k in enumerate(keys, 1):
            want["%s.%d.%s" % (st, c, i)] = str(s[k])
        for a in v["vips"]:
            want["%s.2.%s.%s" % (assoc, i, a.split("/")[0])] = "1"
    return want, len(mine)


def main():
    mib, walk_f, show_f, glob_f, n = sys.argv[1:6]
    walk = {}
    for line in open(walk_f):
        oid, _, val = line.strip().partition(" ")
        walk[oid] = val.strip().strip('"').replace(" ", "").lower()
    want, got = (v3 if mib == "v3" else v2)(json.load(open(show_f)),
                                            json.load(open(glob_f)))
    bad = ["%s: want %r, got %r" % (k, w, walk.get(k))
           for k, w in sorted(want.items()) if walk.get(k) != w]
    bad += ["%s: not in show -j -s" % k for k in sorted(set(walk) - set(want))]
    print("# %s: %d objects for %d VRs, %d in the walk" %
          (mib, len(want), got, len(walk)))
    for b in bad[:20]:
        print("# " + b)
    return 1 if bad or got != int(n) else 0


if __name__ == "__main__":
    sys.exit(main())
