#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vrrp.ko against keepalived at scale, in one guest (`make bench` runs it
# in a 6.12 TCG guest with two vCPUs; by hand in `make vm-shell`:
# bash $VRRP_TOP/bench/scale.sh). r1 is Master and r2 Backup of every VR,
# on VLANs of one veth, 250 VRs per VLAN (bench/scale_lib.sh).
#
# Phases, each in a window of SCALE_SECONDS (30):
#   idle      the topology with no VR: the guest's own CPU
#   vrrp      vrrp.ko, SCALE_N (1000) VRs x SCALE_INT ms (100)
#   ka        keepalived, the same VRs
#   floor     pktgen sends as many frames of an advert's size at the rate
#             vrrp.ko sent, r2 drops them (no listener): the kernel's own
#             cost of sending and receiving the frames
#   floormax  the same frames as fast as pktgen goes (no gap): the
#             kernel's cost per frame when it batches best
#   high      vrrp.ko, SCALE_HIGH_N (2000) VRs x SCALE_HIGH_INT ms (20)
#   step      the highest rate each implementation sustains (no flap, 99 %
#             of the adverts sent): the loads of SCALE_STEPS (vrrp.ko) and
#             SCALE_KA_STEPS (keepalived), "VRS:MS" each, in rising order,
#             up to the first that fails
#   over      vrrp.ko at 1.5 and 2 times that rate (more VRs), then back
#             to it (a reload that removes the extra VRs): the flaps,
#             the time until r1 holds every VR again, and a window after
#   10k       vrrp.ko, 10,000 VRs (40 VLANs) x 1 s: load time, show -j
#             time, kernel memory per VR (Slab + VmallocUsed deltas)
# The table gives, per phase, the guest CPU net of idle, the adverts sent
# per second, the share of the expected adverts sent, the transitions in
# the window (flaps), and the CPU per advert as a ratio to keepalived's and
# to the floors. SCALE_PHASES picks phases ("vrrp ka floor floormax high
# step over 10k").
# It prints numbers and asserts nothing.
# vrrp-selftest: timeout=5400
. "$(dirname "$0")/../selftests/lib.sh"
. "$(dirname "$0")/scale_lib.sh"

opt() { local a=SCALE_$1 b=BENCH_SCALE_$1; echo "${!a:-${!b:-$2}}"; }
SECS=$(opt SECONDS 30)
N=$(opt N 1000)
INT=$(opt INT 100)
HN=$(opt HIGH_N 2000)
HINT=$(opt HIGH_INT 20)
PHASES=$(opt PHASES "vrrp ka floor floormax high step over 10k")
STEPS=$(opt STEPS "250:100 1000:100 1000:50 1000:40 1000:30 1000:20 1500:20 2000:20")
KA_STEPS=$(opt KA_STEPS "250:100 500:100 750:100 1000:100")

skip_unless_root
skip_unless_cmd ip python3 bc
[ -n "$VRRPCTL" ] && [ -x "$VRRPCTL" ] || skip_all "tool/vrrpctl not built"
load_vrrp || skip_all "insmod vrrp.ko"
sysctl -qw net.core.netdev_max_backlog=10000
# past the guest's limit ksoftirqd takes the CPUs: the measuring (and
# vrrpctl) runs SCHED_FIFO so that it still gets to read the counters;
# keepalived is started SCHED_OTHER, its own default (scale_lib.sh)
chrt -f -p 10 $$ >/dev/null 2>&1 || echo "# cannot run SCHED_FIFO: measuring past the limit may stall"
on_exit sc_clean
on_exit rm -rf "$SC_D"
want() { [[ " $PHASES " == *" $1 "* ]]; }
RES=$SC_D/results

# row PHASE IMPL N INT: start, settle, one window, stop
row()
{
	local w
	sc_start "$2" "$3" "$4" || { echo "# $1: start failed"; return 1; }
	sc_settle "$2" "$3" 120 || echo "# $1: r1 does not hold every VR after 120 s"
	sleep 5
	w=$(sc_window "$2" "$3" "$4" "$SECS")
	echo "# $1: cpu_s tx rx expected flaps masters_r1 masters_r2: $w"
	echo "$1 $w" >>"$RES"
	sc_stop
	sleep 5
}

maxn=$((N > HN ? N : HN))
for s in $STEPS; do [ $((${s%:*} * 2)) -gt $maxn ] && maxn=$((${s%:*} * 2)); done
sc_topo $((maxn / 250 + 1)) || exit 1
sleep 3
w=$(sc_window none 0 1000 "$SECS")
echo "# idle: $w"
echo "idle $w" >>"$RES"
want vrrp && row vrrp vrrp "$N" "$INT"
want ka && command -v keepalived >/dev/null && row ka keepalived "$N" "$INT"

# the floor: pktgen at vrrp.ko's rate (SCALE_FLOOR_RATE if no vrrp row),
# 60-byte frames to 224.0.0.18 from a VMAC, dropped by r2 (UDP, no
# socket). One pktgen thread per vCPU, each on its own VLAN: pktgen
# busy-waits for gaps under 100 us (and VLANs refuse burst), so each
# thread's gap must stay above that.
# floor max: the same frames as fast as pktgen sends them (no gap, both
# vCPUs busy): the kernel's cost per frame at its best batching
floor()
{
	local rate pg=/proc/net/pktgen nt t delay name=${1:-floor}
	rate=$(awk '$1 == "vrrp" { printf "%d", $3 / $9 }' "$RES" 2>/dev/null)
	rate=${rate:-$(opt FLOOR_RATE 10000)}
	modprobe pktgen 2>/dev/null || { echo "# floor: no pktgen"; return 1; }
	nt=$(nproc)
	delay=$((1000000000 * nt / rate))
	[ "$name" = floormax ] && delay=0
	for t in $(seq 0 $((nt - 1))); do
		ip netns exec r1 bash -c "
			echo 'rem_device_all' >$pg/kpktgend_$t
			echo 'add_device eth0.$((t + 1))' >$pg/kpktgend_$t
			p=$pg/eth0.$((t + 1))
			echo 'count $([ "$delay" = 0 ] && echo 0 || echo $((rate / nt * (SECS + 15))))' >\$p
			echo 'pkt_size 60' >\$p
			echo 'delay $delay' >\$p
			echo 'dst 224.0.0.18' >\$p
			echo 'src_min 10.$((t + 1)).0.1' >\$p
			echo 'dst_mac 01:00:5e:00:00:12' >\$p
			echo 'src_mac 00:00:5e:00:01:01' >\$p
			echo 'udp_dst_min 9' >\$p
			echo 'udp_dst_max 9' >\$p
		" || { echo "# floor: pktgen setup failed"; return 1; }
	done
	ip netns exec r1 sh -c "echo start >$pg/pgctrl" &
	local pp=$!
	sleep 5
	w=$(sc_window none 0 1000 "$SECS")
	echo "# $name ($rate frames/s, $nt pktgen threads, $delay ns apart): $w"
	echo "$name $w" >>"$RES"
	ip netns exec r1 sh -c "echo stop >$pg/pgctrl"
	wait $pp 2>/dev/null
	sleep 3
}
want floor && floor
want floormax && floor floormax
want high && row high vrrp "$HN" "$HINT"

# sustained: "pass" is no flap and 99 % of the expected adverts sent
# (a row: name cpu_s tx rx expected flaps ...)
passes() { awk -v n="$1" '$1 == n { exit !($6 == 0 && $3 * 100 >= $5 * 99) }' "$RES"; }
# step IMPL TAG STEPS: rising loads up to the first that fails
step()
{
	local s last=
	for s in $3; do
		row "$2_${s/:/x}" "$1" "${s%:*}" "${s#*:}" || break
		passes "$2_${s/:/x}" || break
		last=$s
	done
	echo "$2_limit ${last:-none}" >>"$RES"
}
if want step; then
	step vrrp vstep "$STEPS"
	command -v keepalived >/dev/null && step keepalived kstep "$KA_STEPS"
fi

# over: 1.5 and 2 times the limit's VRs at its interval, then back down
over()
{
	local lim n int m w t0 t end a b
	lim=$(awk '$1 == "vstep_limit" { print $2 }' "$RES")
	case $lim in ""|none) lim=$(echo "$STEPS" | awk '{ print $1 }') ;; esac
	n=${lim%:*} int=${lim#*:}
	for m in 3 4; do
		sc_start vrrp $((n * m / 2)) "$int" || return 1
		sleep 20
		w=$(sc_window vrrp $((n * m / 2)) "$int" "$SECS")
		echo "over_$((m * 50)) $w $(sc_deferred r2)" >>"$RES"
		[ $m = 4 ] || { sc_stop; sleep 5; }
	done
	# the load goes back down: both routers reload the limit's VRs
	t0=$(date +%s.%N)
	for ns in r1 r2; do
		sc_vrrp_conf "$SC_D/$ns.conf" "$n" "$int" "$([ $ns = r1 ] && echo 200 || echo 100)"
		ip netns exec "$ns" "$VRRPCTL" load "$SC_D/$ns.conf"
	done
	t=none
	end=$((SECONDS + 120))
	while [ $SECONDS -lt $end ]; do
		a=$(sc_trans vrrp r1) b=$(sc_trans vrrp r2)
		if [ "${a#* }" = "$n" ] && [ "${b#* }" = 0 ]; then
			t=$(echo "$(date +%s.%N) - $t0" | bc)
			break
		fi
		sleep 0.5
	done
	sleep 2
	w=$(sc_window vrrp "$n" "$int" "$SECS")
	echo "over_back $w $(sc_deferred r2) $t" >>"$RES"
	sc_stop
	sleep 5
}
want over && over

if want 10k; then
	sc_clean
	sc_topo 40 || exit 1
	m0=$(awk '/^(Slab|VmallocUsed):/ { s += $2 } END { print s }' /proc/meminfo)
	sc_vrrp_conf "$SC_D/r1.conf" 10000 1000 200
	t0=$(date +%s.%N)
	ip netns exec r1 "$VRRPCTL" load "$SC_D/r1.conf"
	lt=$(echo "$(date +%s.%N) - $t0" | bc)
	t0=$(date +%s.%N)
	sc_settle vrrp 10000 300 || echo "# 10k: r1 does not hold every VR after 300 s"
	ct=$(echo "$(date +%s.%N) - $t0" | bc)
	sleep 5
	t0=$(date +%s.%N)
	ip netns exec r1 "$VRRPCTL" show -j >/dev/null
	st=$(echo "$(date +%s.%N) - $t0" | bc)
	m1=$(awk '/^(Slab|VmallocUsed):/ { s += $2 } END { print s }' /proc/meminfo)
	w=$(sc_window vrrp 10000 1000 "$SECS")
	echo "# 10k: $w"
	echo "10k $w" >>"$RES"
	echo "10k_times $lt $ct $st $(((m1 - m0) * 1024 / 10000))" >>"$RES"
	ip netns exec r1 "$VRRPCTL" flush
fi

python3 - "$RES" <<'PYEOF'
import sys
rows = {}
for line in open(sys.argv[1]):
    f = line.split()
    rows[f[0]] = f[1:]
idle = float(rows["idle"][0])

idle_rate = idle / float(rows["idle"][7])

def net_cpu(r):
    """the window's CPU-s less what the idle guest uses in as long"""
    return float(r[0]) - idle_rate * float(r[7])

def per_advert(name):
    r = rows.get(name)
    if not r or int(r[1]) == 0:
        return None
    return net_cpu(r) / int(r[1]) * 1e6

print("phase     cpu-s/60s  adverts/s  sent %  flaps  us/advert  vs keepalived  vs floor  vs floormax")
ka, floor, fmax = per_advert("ka"), per_advert("floor"), per_advert("floormax")
for name in ("vrrp", "ka", "floor", "floormax", "high", "10k"):
    r = rows.get(name)
    if not r:
        continue
    cpu, tx, exp, flaps = net_cpu(r), int(r[1]), int(r[3]), int(r[4])
    secs = float(r[7])
    pa = per_advert(name)
    sent = "%6.1f" % (100.0 * tx / exp) if exp else "     -"
    pkt = name.startswith("floor")
    if pkt:
        sent = "     -"
    fl = str(flaps) if not pkt else "-"
    vk = "%13.3f" % (pa / ka) if pa and ka and not pkt else "%13s" % "-"
    vf = "%8.2f" % (pa / floor) if pa and floor and not pkt else "%8s" % "-"
    vm = "%11.2f" % (pa / fmax) if pa and fmax and not pkt else "%11s" % "-"
    print("%-9s %10.2f %10.0f %7s %6s %10.2f %s %s %s" % (name, cpu * 60 / secs, tx / secs,
          sent, fl, pa or 0, vk, vf, vm))
steps = [k for k in rows if k.startswith(("vstep_", "kstep_", "over_"))
         and not k.endswith("_limit")]
if steps:
    print()
    print("load             VRs x ms  adverts/s  sent %  flaps  us/advert  vs keepalived  result")
    for k in steps:
        r = rows[k]
        tx, exp, flaps, secs = int(r[1]), int(r[3]), int(r[4]), float(r[7])
        ok = flaps == 0 and tx * 100 >= exp * 99
        impl = "keepalived" if k.startswith("kstep_") else "vrrp.ko"
        what = k.split("_", 1)[1]
        pa = per_advert(k)
        # against keepalived at the same load, where both ran it
        other = per_advert("kstep_" + what) if k.startswith("vstep_") else None
        if k.startswith("over_"):
            what = {"150": "1.5x", "200": "2x", "back": "1x again"}[what]
        vk = "%13.3f" % (pa / other) if pa and other else "%13s" % "-"
        print("%-16s %8s %10.0f %7.1f %6d %10.2f %s  %s" % (impl + (" over" if
              k.startswith("over_") else " step"), what, tx / secs,
              100.0 * tx / exp if exp else 0, flaps, pa or 0, vk,
              "sustained" if ok else "no"))
    for tag, impl in (("vstep_limit", "vrrp.ko"), ("kstep_limit", "keepalived")):
        if tag in rows:
            lim = rows[tag][0]
            if lim == "none":
                print("%s: no load sustained" % impl)
            else:
                n, ms = map(int, lim.split(":"))
                print("%s sustains %d adverts/s (%d VRs x %d ms)" % (impl, n * 1000 // ms, n, ms))
    if "over_back" in rows:
        b = rows["over_back"]
        print("back at the limit: r1 holds every VR again after %s s; then %d flaps in %.0f s" %
              (b[9], int(b[4]), float(b[7])))
t = rows.get("10k_times")
if t:
    print("10k VRs x 1 s: vrrpctl load %.2f s, all Master after %.1f s, show -j %.2f s, "
          "kernel memory %s B per VR" % (float(t[0]), float(t[1]), float(t[2]), t[3]))
PYEOF
