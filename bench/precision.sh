#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Advert timing of vrrp.ko against keepalived, idle and under CPU load.
# `make bench` runs it in a 6.12 TCG guest (selftests/vm/run.sh --demo);
# by hand in `make vm-shell`: bash $VRRP_TOP/bench/precision.sh
#
# r1 runs VRID 1 in vrrp.ko, r2 runs VRID 2 in Debian's keepalived, both
# Master on one LAN with VRRPv3 adverts every 100 ms. A client captures for
# BENCH_SECONDS idle, then as long again while BENCH_LOAD busy loops share
# the guest's CPU. The numbers are the gaps between consecutive adverts of
# each VRID: a gap of 3 intervals plus skew (322 ms here) or more is what
# makes a backup take over. It prints numbers and asserts nothing.
# vrrp-selftest: timeout=900
. "$(dirname "$0")/../selftests/lib.sh"
. "$VRRP_TOP/selftests/net/vrrp_lib.sh"

SECS=${BENCH_SECONDS:-30}
LOAD=${BENCH_LOAD:-4}
D=$(mktemp -d "$TMPDIR/bench.XXXXXX")
on_exit rm -rf "$D"

vrrp_begin
skip_unless_cmd keepalived tcpdump
vrrp_topo r1 r2 c

nl r1 add dev eth0 vrid 1 prio 200 int 10 vip 192.0.2.201
cat >"$D/ka.conf" <<CONF
global_defs {
  router_id bench
}
vrrp_instance bench {
  state MASTER
  interface eth0
  virtual_router_id 2
  priority 200
  advert_int 0.1
  version 3
  virtual_ipaddress {
    192.0.2.202
  }
}
CONF
in_ns r2 keepalived -n -l -D -f "$D/ka.conf" -p "$D/ka.pid" -r "$D/vrrp.pid" \
	>"$D/ka.log" 2>&1 &
on_exit kill $!
nl r1 wait 20 dev eth0 vrid 1 state Master || { echo "vrrp.ko VR not Master"; exit 1; }
wait_for 30 has_addr r2 eth0 192.0.2.202 || { echo "keepalived not Master"; cat "$D/ka.log"; exit 1; }
sleep 2

capture()	# capture PHASE: SECS seconds of adverts seen by the client
{
	in_ns c timeout "$SECS" tcpdump -i eth0 -n -s 96 -w "$D/$1.pcap" \
		'ip proto 112' 2>/dev/null
}

echo "# idle: ${SECS} s"
capture idle
echo "# load: ${SECS} s with $LOAD busy loops"
pids=
for _ in $(seq "$LOAD"); do
	( while :; do :; done ) &
	pids="$pids $!"
done
capture load
kill $pids 2>/dev/null

for p in idle load; do
	tcpdump -tt -n -r "$D/$p.pcap" 2>/dev/null | sed "s/^/$p /"
done | python3 -c '
import re, sys
gaps = {}
last = {}
for line in sys.stdin:
    m = re.match(r"(\w+) ([\d.]+) .* vrid (\d+),", line)
    if not m:
        continue
    phase, t, vrid = m.group(1), float(m.group(2)), int(m.group(3))
    key = (phase, vrid)
    if key in last:
        gaps.setdefault(key, []).append((t - last[key]) * 1000)
    last[key] = t
name = {1: "vrrp.ko", 2: "keepalived"}
print("%-5s %-11s %7s %8s %7s %7s %7s %8s %9s" % ("phase", "router", "adverts",
      "mean ms", "sd ms", "p99 ms", "max ms", ">150 ms", ">=322 ms"))
for key in sorted(gaps):
    g = sorted(gaps[key])
    n = len(g)
    mean = sum(g) / n
    sd = (sum((x - mean) ** 2 for x in g) / n) ** 0.5
    p99 = g[min(n - 1, int(n * 0.99))]
    print("%-5s %-11s %7d %8.1f %7.1f %7.1f %7.1f %8d %9d" % (key[0],
          name.get(key[1], key[1]), n + 1, mean, sd, p99, g[-1],
          sum(x > 150 for x in g), sum(x >= 322 for x in g)))
'
