#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Failover precision for a silent failure, vrrp.ko against keepalived.
# `make bench` runs it in a 6.12 TCG guest; by hand in `make vm-shell`:
# bash $VRRP_TOP/bench/failover.sh
#
# r1 is Master (priority 200) and r2 Backup (100) of one VR on a LAN; a
# client captures the adverts. A failure is a tc egress drop of protocol
# 112 on r1: its adverts stop, with no priority-0 goodbye. The error of one
# failover is (r2's first advert - r1's last advert - r2's
# Master_Down_Interval); the drop is then removed, r1 takes the VR back.
# Each implementation runs both routers, at 100 ms and 10 ms adverts, idle
# and under four loads (stress-ng): cpu (a busy worker per CPU), iomem (I/O
# mix and 40 % of memory touched), tasks (200 busy workers), rt (a
# SCHED_FIFO busy worker per CPU). A spurious takeover is an advert of r2
# while no failure is induced. BENCH_FAILOVER_RUNS (15) failovers per cell,
# BENCH_FAILOVER_LOADS, BENCH_FAILOVER_INTS (ms), BENCH_FAILOVER_IMPLS pick
# the cells. It prints numbers and asserts nothing.
# vrrp-selftest: timeout=2400
. "$(dirname "$0")/../selftests/lib.sh"
. "$VRRP_TOP/selftests/net/vrrp_lib.sh"

RUNS=${BENCH_FAILOVER_RUNS:-15}
LOADS=${BENCH_FAILOVER_LOADS:-"idle cpu iomem tasks rt"}
INTS=${BENCH_FAILOVER_INTS:-"100 10"}
IMPLS=${BENCH_FAILOVER_IMPLS:-"vrrp keepalived"}
D=$(mktemp -d "$TMPDIR/failover.XXXXXX")
on_exit rm -rf "$D"

vrrp_begin
skip_unless_cmd tcpdump tc stress-ng
vrrp_topo r1 r2 c
in_ns r1 tc qdisc add dev eth0 clsact || skip_all "no clsact qdisc"
KA=
# the loads would starve the script that induces the failures (200 busy
# tasks, or real-time ones at priority 50): it runs SCHED_FIFO above them.
# keepalived is started SCHED_OTHER, its default.
chrt -f -p 60 $$ >/dev/null 2>&1 || echo "# cannot run SCHED_FIFO: the loaded cells may stall"

# start IMPL INT_MS: r1 Master and r2 Backup of VRID 1
start()
{
	local ns prio
	if [ "$1" = vrrp ]; then
		nl r1 add dev eth0 vrid 1 prio 200 int $(($2 / 10)) vip 192.0.2.254 || return 1
		nl r1 wait 20 dev eth0 vrid 1 state Master >/dev/null || return 1
		nl r2 add dev eth0 vrid 1 prio 100 int $(($2 / 10)) vip 192.0.2.254 || return 1
		nl r2 wait 20 dev eth0 vrid 1 state Backup >/dev/null
		return
	fi
	for ns in r1 r2; do
		prio=$([ $ns = r1 ] && echo 200 || echo 100)
		cat >"$D/ka-$ns.conf" <<CONF
global_defs {
  router_id $ns
}
vrrp_instance fo {
  state $([ $ns = r1 ] && echo MASTER || echo BACKUP)
  interface eth0
  virtual_router_id 1
  priority $prio
  advert_int $(awk -v m="$2" 'BEGIN { printf "%g", m / 1000 }')
  version 3
  virtual_ipaddress {
    192.0.2.254
  }
}
CONF
		in_ns $ns chrt -o 0 keepalived -n -l -D -P -f "$D/ka-$ns.conf" \
			-p "$D/ka-$ns.pid" -r "$D/ka-$ns.vpid" >"$D/ka-$ns.log" 2>&1 &
		KA="$KA $!"
		[ $ns = r1 ] && { wait_for 30 has_addr r1 eth0 192.0.2.254 || return 1; }
	done
	sleep 3
}

stop()
{
	local p
	for p in $KA; do kill "$p" 2>/dev/null; done
	for p in $KA; do wait "$p" 2>/dev/null; done
	KA=
	nl r1 del dev eth0 vrid 1 2>/dev/null
	nl r2 del dev eth0 vrid 1 2>/dev/null
	sleep 1
}
on_exit stop

# load NAME: starts the load in the background, its pid in $LP
load()
{
	local n
	n=$(nproc)
	LP=
	case $1 in
	idle) return ;;
	cpu) chrt -o 0 stress-ng --cpu "$n" >/dev/null 2>&1 & ;;
	iomem) chrt -o 0 stress-ng --iomix 1 --vm 2 --vm-bytes 40% --temp-path "$D" \
			>/dev/null 2>&1 & ;;
	tasks) chrt -o 0 stress-ng --cpu 200 >/dev/null 2>&1 & ;;
	rt) chrt -o 0 stress-ng --cpu "$n" --sched fifo --sched-prio 50 >/dev/null 2>&1 & ;;
	esac
	LP=$!
	sleep 3
}

now() { echo "${EPOCHREALTIME}"; }

# cell IMPL INT LOAD: RUNS failovers; the pcap and the failure windows
cell()
{
	local impl=$1 int=$2 name=$1-$2-$3 k tp rest end
	start "$impl" "$int" || { echo "# $name: start failed"; stop; return 1; }
	load "$3"
	in_ns c tcpdump -i eth0 -n -s 96 -B 4096 -w "$D/$name.pcap" \
		'ip proto 112' 2>/dev/null &
	tp=$!
	sleep 2
	rest=$(awk -v i="$int" 'BEGIN { printf "%.3f", (4 * i + 300) / 1000 }')
	: >"$D/$name.win"
	end=$((SECONDS + 300))
	for k in $(seq "$RUNS"); do
		# a cell that a load slows down this much is cut short
		[ $SECONDS -gt $end ] && { echo "# $name: cut at $((k - 1)) failovers"; break; }
		sleep "0.$(printf '%03d' $((RANDOM % int)))"
		echo -n "$(now) " >>"$D/$name.win"
		timeout 30 ip netns exec r1 tc filter add dev eth0 egress pref 1 \
			protocol ip u32 match ip protocol 112 0xff action drop
		sleep "$rest"
		timeout 30 ip netns exec r1 tc filter del dev eth0 egress pref 1
		sleep "$rest"
		echo "$(now)" >>"$D/$name.win"
	done
	sleep 2
	kill "$tp"
	wait "$tp" 2>/dev/null
	[ -n "$LP" ] && { kill "$LP"; wait "$LP" 2>/dev/null; }
	stop
	tcpdump -tt -n -r "$D/$name.pcap" 2>/dev/null >"$D/$name.txt"
	echo "$impl $int $3 $D/$name.txt $D/$name.win" >>"$D/cells"
}

# report FILE: one row per cell listed in FILE
report()
{
	python3 - "$1" <<'PYEOF'
import re, sys

def pct(v, p):
    return v[min(len(v) - 1, int(len(v) * p))]

for line in open(sys.argv[1]):
    impl, intv, load, txt, win = line.split()
    iv = int(intv) / 1000.0
    # the Backup's Master_Down_Interval (RFC 9568 6.1, priority 100)
    mdi = 3 * iv + (256 - 100) * iv / 256
    ads = []
    for l in open(txt):
        m = re.match(r"([\d.]+) IP (\S+) > 224\.0\.0\.18: VRRPv3", l)
        if m:
            ads.append((float(m.group(1)), m.group(2)))
    wins = [tuple(map(float, w.split())) for w in open(win) if len(w.split()) == 2]
    errs, missed = [], 0
    for t0, t1 in wins:
        first = [t for t, s in ads if s == "192.0.2.2" and t0 <= t <= t1]
        if not first:
            missed += 1
            continue
        last = [t for t, s in ads if s == "192.0.2.1" and t < first[0]]
        errs.append((first[0] - last[-1] - mdi) * 1000)
    # adverts of r2 outside every failure window, one per takeover
    spur, prev = 0, None
    for t, s in ads:
        if s != "192.0.2.2" or any(t0 <= t <= t1 for t0, t1 in wins):
            continue
        if prev is None or t - prev > mdi:
            spur += 1
        prev = t
    e = sorted(errs)
    if not e:
        print("%-10s %4s %-6s %5d %7s %7s %7s %7s %6d %8d" % (impl, intv,
              load, 0, "-", "-", "-", "-", missed, spur))
        continue
    print("%-10s %4s %-6s %5d %7.2f %7.2f %7.2f %7.2f %6d %8d" % (impl,
          intv, load, len(e), pct(e, 0.5), pct(e, 0.95), e[-1], e[0],
          missed, spur))
PYEOF
}

header() {
	printf '%-10s %4s %-6s %5s %7s %7s %7s %7s %6s %8s\n' router int load runs \
		"med ms" "p95 ms" "max ms" "min ms" missed spurious
}

header
for impl in $IMPLS; do
	[ "$impl" = keepalived ] && ! command -v keepalived >/dev/null && continue
	for int in $INTS; do
		for l in $LOADS; do
			echo "# $impl, $int ms adverts, load $l: $RUNS failovers"
			: >"$D/one"
			cell "$impl" "$int" "$l" && tail -n 1 "$D/cells" >"$D/one" &&
				report "$D/one" | tee -a "$D/rows"
		done
	done
done
echo "# all cells"
header
cat "$D/rows"
