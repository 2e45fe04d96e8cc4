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
#   high      vrrp.ko, SCALE_HIGH_N (2000) VRs x SCALE_HIGH_INT ms (20)
#   10k       vrrp.ko, 10,000 VRs (40 VLANs) x 1 s: load time, show -j
#             time, kernel memory per VR (Slab + VmallocUsed deltas)
# The table gives, per phase, the guest CPU net of idle, the adverts sent
# per second, the share of the expected adverts sent, the transitions in
# the window (flaps), and the CPU per advert as a ratio to keepalived's and
# to the floor. SCALE_PHASES picks phases ("vrrp ka floor high 10k").
# It prints numbers and asserts nothing.
# vrrp-selftest: timeout=2400
. "$(dirname "$0")/../selftests/lib.sh"
. "$(dirname "$0")/scale_lib.sh"

opt() { local a=SCALE_$1 b=BENCH_SCALE_$1; echo "${!a:-${!b:-$2}}"; }
SECS=$(opt SECONDS 30)
N=$(opt N 1000)
INT=$(opt INT 100)
HN=$(opt HIGH_N 2000)
HINT=$(opt HIGH_INT 20)
PHASES=$(opt PHASES "vrrp ka floor high 10k")

skip_unless_root
skip_unless_cmd ip python3 bc
[ -n "$VRRPCTL" ] && [ -x "$VRRPCTL" ] || skip_all "tool/vrrpctl not built"
load_vrrp || skip_all "insmod vrrp.ko"
sysctl -qw net.core.netdev_max_backlog=10000
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

sc_topo $(((N > HN ? N : HN) / 250 + 1)) || exit 1
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
floor()
{
	local rate pg=/proc/net/pktgen nt t delay
	rate=$(awk '$1 == "vrrp" { printf "%d", $3 / $9 }' "$RES" 2>/dev/null)
	rate=${rate:-$(opt FLOOR_RATE 10000)}
	modprobe pktgen 2>/dev/null || { echo "# floor: no pktgen"; return 1; }
	nt=$(nproc)
	delay=$((1000000000 * nt / rate))
	for t in $(seq 0 $((nt - 1))); do
		ip netns exec r1 bash -c "
			echo 'rem_device_all' >$pg/kpktgend_$t
			echo 'add_device eth0.$((t + 1))' >$pg/kpktgend_$t
			p=$pg/eth0.$((t + 1))
			echo 'count $((rate / nt * (SECS + 15)))' >\$p
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
	echo "# floor ($rate frames/s, $nt pktgen threads, $delay ns apart): $w"
	echo "floor $w" >>"$RES"
	ip netns exec r1 sh -c "echo stop >$pg/pgctrl"
	wait $pp 2>/dev/null
	sleep 3
}
want floor && floor
want high && row high vrrp "$HN" "$HINT"

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

print("phase  cpu-s/60s  adverts/s  sent %  flaps  us/advert  vs keepalived  vs floor")
ka, floor = per_advert("ka"), per_advert("floor")
for name in ("vrrp", "ka", "floor", "high", "10k"):
    r = rows.get(name)
    if not r:
        continue
    cpu, tx, exp, flaps = net_cpu(r), int(r[1]), int(r[3]), int(r[4])
    secs = float(r[7])
    pa = per_advert(name)
    sent = "%6.1f" % (100.0 * tx / exp) if exp else "     -"
    fl = str(flaps) if name != "floor" else "-"
    vk = "%13.3f" % (pa / ka) if pa and ka and name != "floor" else "%13s" % "-"
    vf = "%8.2f" % (pa / floor) if pa and floor and name != "floor" else "%8s" % "-"
    print("%-6s %10.2f %10.0f %7s %6s %10.2f %s %s" % (name, cpu * 60 / secs, tx / secs,
          sent, fl, pa or 0, vk, vf))
t = rows.get("10k_times")
if t:
    print("10k VRs x 1 s: vrrpctl load %.2f s, all Master after %.1f s, show -j %.2f s, "
          "kernel memory %s B per VR" % (float(t[0]), float(t[1]), float(t[2]), t[3]))
PYEOF
