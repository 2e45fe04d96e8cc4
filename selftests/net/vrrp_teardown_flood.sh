#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# rmmod and netns deletion while adverts arrive at full rate, repeated.
# A sender floods valid v3 IPv4, v3 IPv6 and v2 adverts (for VRIDs the
# receiver has and for VRIDs nobody has, multicast and unicast) and a peer
# running the module exchanges 10 ms adverts with the receiver, which has
# 118 VRs (a third on the debug kernel) on five devices in all three VMAC modes, with VIPs, routes and
# tracks. Then, N times: (a) insmod, configure, rmmod with everything live
# while devices with VRs are being deleted; (b) a netns with live VRs is
# deleted, every other time while another netns has a work backlog; and
# (c) a netns is deleted while the first macvlan-mode VR loads macvlan.ko
# (request_module against pernet teardown). Each step must end with no
# splat, no VIP/vif/route left behind, no device waiting for its
# references, and the module still working. A hang is reported by the
# test's own timeouts, with the blocked tasks' stacks.
# vrrp-selftest: timeout=1200
# vrrp-selftest: kernels=debug-long
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

# the debug kernel (KASAN, lockdep) runs this 5-10 times slower: there,
# 1 round and a third of the VRs (the same modes and cases), which is
# what KASAN needs to see the windows; 1 round on the newest series too
# (CI time; VRRP_TEARDOWN_N=5 for the full run).
# The flood is a tight loop (VRRP_TEARDOWN_FLOOD_PPS paces it). On the
# debug kernel's one TCG vCPU it keeps softirq busy, and RCU callbacks run
# in RCU_SOFTIRQ were not invoked while it ran: rmmod and ip link del sat
# in synchronize_rcu() and rcu_barrier() until it stopped. run.sh boots
# that kernel with rcutree.use_softirq=0 (callbacks in the rcuc kthreads).
if [ "$VRRP_DEBUG_KERNEL" = 1 ]; then
	N=${VRRP_TEARDOWN_N:-1}
	export VRRP_TEARDOWN_SMALL=${VRRP_TEARDOWN_SMALL:-1}
else
	N=${VRRP_TEARDOWN_N:-1}
fi
M2_TRIES=${VRRP_TEARDOWN_M2_TRIES:-2}
SCALE=${VRRP_TIMEOUT_SCALE:-$([ "$VRRP_DEBUG_KERNEL" = 1 ] && echo 3 || echo 1)}
export SCALE
T=$((90 * SCALE))
TD="python3 $VRRP_TOP/selftests/net/vrrp_teardown.py"
HUNG=$TMPDIR/vrrp-hung
WAITING_RE='waiting for .* to become free|unregister_netdevice: waiting'

td() { local ns=$1; shift; ip netns exec "$ns" $TD "$@"; }

skip_unless_root
skip_unless_cmd python3 ip bridge
require_vrrp_ko || skip_all "vrrp.ko not built"
kill_vrrpctl
[ -d /sys/module/vrrp ] && rmmod vrrp
rm -f "$HUNG"
# once something hung, rmmod would hang the test too: leave it
on_exit "[ -e $HUNG ] || rmmod vrrp"

echo "TAP version 13"

# ---- topology ----
# sw: br0 br1 br2. rx: eth0 eth1 eth2 (one per bridge), trk0 trk1, d0-d7.
# peer: eth0. fl (sender): eth0 eth1 eth2.
ns_up()
{
	ns_create "$1" || return 1
	ip netns exec "$1" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0
}

# plug NS IF BRIDGE-NUMBER
plug()
{
	veth_pair "$1" "$2" sw "p$3$1" && bridge_port sw "br$3" "p$3$1"
}

dummies_add()
{
	local i
	for i in 0 1 2 3 4 5 6 7; do
		echo "link add d$i type dummy"
		echo "link set d$i up"
		echo "addr add 172.16.$i.1/24 dev d$i"
	done >"$TMPDIR/dummies.add"
	ip -n rx -batch "$TMPDIR/dummies.add"
}

for i in 0 1 2 3 4 5 6 7; do echo "link del d$i"; done >"$TMPDIR/dummies.del"

topo()
{
	ns_up sw && ns_up rx && ns_up peer && ns_up fl || return 1
	bridge_create sw br0 && bridge_create sw br1 && bridge_create sw br2 ||
		return 1
	plug rx eth0 0 && plug rx eth1 1 && plug rx eth2 2 &&
		plug peer eth0 0 &&
		plug fl eth0 0 && plug fl eth1 1 && plug fl eth2 2 || return 1
	ip -n rx addr add 192.0.2.1/24 dev eth0
	ip -n rx addr add 2001:db8::1/64 dev eth0
	ip -n rx addr add 198.51.100.1/24 dev eth1
	ip -n rx addr add 203.0.113.1/24 dev eth2
	ip -n rx addr add 2001:db8:2::1/64 dev eth2
	ip -n peer addr add 192.0.2.2/24 dev eth0
	ip -n peer addr add 2001:db8::2/64 dev eth0
	ip -n rx link add trk0 type dummy && ip -n rx link set trk0 up
	ip -n rx link add trk1 type dummy && ip -n rx link set trk1 up
	dummies_add
}

# alive PID: the process exists and is not a zombie
alive() { [ -r /proc/"$1"/stat ] && ! awk '{ exit !($3 == "Z") }' /proc/"$1"/stat 2>/dev/null; }
dead() { ! alive "$1"; }

# wait_gone TIMEOUT PID: true once PID has exited
wait_gone() { wait_for "$1" dead "$2"; }

# dmesg_ok: no splat and no device waiting for its references since the mark
dmesg_ok()
{
	local w
	dmesg_clean || return 1
	w=$(dmesg_since_mark | grep -E "$WAITING_RE")
	[ -z "$w" ] && return 0
	printf '%s\n' "$w" | head -n 10 | sed 's/^/# dmesg: /'
	return 1
}

# hung WHAT: report a hang with the blocked tasks, and stop here
hung()
{
	local pid
	touch "$HUNG"
	tap_fail "$1" "hang detected by the test's timeout"
	echo "# tasks in D state and their kernel stacks:"
	for pid in $(ps -eo pid=,stat= | awk '$2 ~ /D/ { print $1 }'); do
		echo "#  pid $pid: $(cat /proc/"$pid"/cmdline 2>/dev/null | tr '\0' ' ')"
		sed 's/^/#    /' /proc/"$pid"/stack 2>/dev/null
	done
	echo w >/proc/sysrq-trigger 2>/dev/null
	echo l >/proc/sysrq-trigger 2>/dev/null
	sleep 2
	echo "# kernel log (blocked tasks, sysrq-w; running, sysrq-l):"
	dmesg | tail -n 200 | sed 's/^/#   /'
	echo "# busiest tasks:"
	ps -eo pid=,stat=,pcpu=,nice=,comm= --sort=-pcpu | head -n 8 | sed 's/^/#   /'
	# a livelock (the flood starving the rest) ends once the flood stops
	kill "$FLOOD" 2>/dev/null
	touch "$TMPDIR/churn.stop"
	if wait_for 120 sh -c "! ps -eo stat= | grep -q '^D'"; then
		echo "# no task blocked within 120 s of the flood's end: a livelock under the flood"
	else
		echo "# tasks still blocked 120 s after the flood ended"
	fi
	# one rmmod that blocks for good: the harness's own rmmod then fails
	# at once (module going) instead of hanging the guest
	[ -d /sys/module/vrrp ] && { rmmod vrrp 2>/dev/null & }
	echo "# the module cannot be unloaded any more (rmmod blocks in D state)"
	echo "1..$_tap_n"
	tap_done
}

# rmmod_bg TIMEOUT: rmmod vrrp without hanging the test; 0 ok, 1 failed,
# 2 still running after TIMEOUT
rmmod_bg()
{
	local pid rc
	rmmod vrrp 2>"$TMPDIR/rmmod.err" &
	pid=$!
	wait_gone "$1" $pid || return 2
	wait $pid
	rc=$?
	[ $rc = 0 ] || { sed 's/^/# /' "$TMPDIR/rmmod.err"; return 1; }
	[ ! -d /sys/module/vrrp ] || { echo "# /sys/module/vrrp still there"; return 1; }
}

topo || { tap_fail "topology"; echo "1..$_tap_n"; tap_done; }
tap_diag "topology: $SECONDS s"
RXMAC=$(ip -n rx -o link show eth0 | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
# nice 5: the flood takes whatever CPU the rest leaves, and about a fifth
# of it while the control plane (rmmod, netns teardown, the kworkers) runs
ip netns exec fl nice -n 5 $TD flood eth0,eth1,eth2 "$RXMAC" >"$TMPDIR/flood.out" 2>&1 &
FLOOD=$!
on_exit kill $FLOOD
wait_for $((60 * SCALE)) grep -q ready "$TMPDIR/flood.out" || {
	tap_fail "flood sender starts" "$(cat "$TMPDIR/flood.out")"
	echo "1..$_tap_n"
	tap_done
}
tap_diag "flood: $(head -n1 "$TMPDIR/flood.out")"

configure() { $TD up $T rx:rx peer:peer "$@"; }

# ---- (a) rmmod with live VRs under the flood, N times ----
# While rmmod runs: a netns with 40 dummies (10 on the debug kernel) and
# VRs is being torn down (rmmod waits for it with the netdev notifier
# already off), devices with VRs are
# deleted in rx, and namespaces are created and deleted in a loop (the
# proto handler stays registered until those readers of pernet_ops_rwsem
# let the notifier go).
for i in $(seq 0 $([ "${VRRP_TEARDOWN_SMALL:-}" = 1 ] && echo 9 || echo 39)); do
	echo "link add b$i type dummy"
	echo "link set b$i up"
done >"$TMPDIR/ballast.add"

churn()
{
	local n=0
	while [ ! -e "$TMPDIR/churn.stop" ] && [ $n -lt 200 ]; do
		ip netns add churn 2>/dev/null
		ip netns del churn 2>/dev/null
		n=$((n + 1))
	done
}

for i in $(seq 1 "$N"); do
	s0=$SECONDS
	load_vrrp || { tap_fail "a$i: insmod"; continue; }
	ns_up bal$i && ip -n bal$i -batch "$TMPDIR/ballast.add" ||
		tap_diag "a$i: ballast netns not set up"
	tap_check "a$i: the VRs of rx, the peer and bal$i configured, in state, Masters with VIPs, under the flood" configure bal$i:bal
	s1=$SECONDS
	dmesg_mark
	rm -f "$TMPDIR/churn.stop"
	churn &
	cpid=$!
	ip netns del bal$i
	t0=${EPOCHREALTIME/./}
	rmmod vrrp 2>"$TMPDIR/rmmod.err" &
	rpid=$!
	ip -n rx -batch "$TMPDIR/dummies.del" 2>"$TMPDIR/ddel.err" &
	dpid=$!
	wait_gone $T $rpid || hung "a$i: rmmod with live VRs under the flood (still running after ${T}s)"
	t1=${EPOCHREALTIME/./}
	touch "$TMPDIR/churn.stop"
	wait $rpid
	rc=$?
	if [ $rc = 0 ] && [ ! -d /sys/module/vrrp ]; then
		tap_ok "a$i: rmmod with live VRs under the flood ($(((t1 - t0) / 1000)) ms)"
	else
		tap_fail "a$i: rmmod with live VRs under the flood" "rmmod: $rc $(cat "$TMPDIR/rmmod.err")"
	fi
	tap_check "a$i: no VIP, VMAC link-local, vif or route left on rx and the peer" \
		$TD clean rx peer
	wait_gone $T $dpid || hung "a$i: devices deleted during rmmod are released (ip link del still blocked after ${T}s)"
	tap_check "a$i: the devices deleted during rmmod are gone" \
		sh -c "cat $TMPDIR/ddel.err; ! ip -n rx -o link show | grep -E '^[0-9]+: d[0-7]:'"
	wait_gone $T $cpid || hung "a$i: netns creation and deletion during rmmod"
	tap_check "a$i: kernel log clean (no splat, no device waiting for references)" dmesg_ok
	ip -n rx link show d0 >/dev/null 2>&1 || dummies_add
	tap_diag "a$i: $((SECONDS - s0)) s, of which configure and wait $((s1 - s0)) s"
done

# ---- (b) netns with live VRs deleted under the flood, N times ----
load_vrrp || tap_fail "b: insmod"
tap_check "b: rx and peer configured again" configure
for i in $(seq 1 "$N"); do
	ns=rxb$i
	s0=$SECONDS
	ns_up $ns && plug $ns eth0 0 && plug $ns eth2 2
	ip -n $ns addr add 192.0.2.$((10 + i))/24 dev eth0
	ip -n $ns addr add 2001:db8::$((10 + i))/64 dev eth0
	ip -n $ns addr add 203.0.113.$((10 + i))/24 dev eth2
	ip -n $ns addr add 2001:db8:2::$((10 + i))/64 dev eth2
	tap_check "b$i: $ns has live VRs (Masters and Backups, macvlan vifs) under the flood" \
		$TD up $T $ns:rxb
	dmesg_mark
	what="deleted"
	bpid=
	if [ $((i % 2)) = 0 ]; then
		# 2 state changes per VR of rx, each a work with rtnetlink calls
		what="deleted while rx has a work backlog"
		$TD busy rx rx >"$TMPDIR/busy.out" 2>&1 &
		bpid=$!
		sleep 0.2
	fi
	t0=${EPOCHREALTIME/./}
	ip netns del $ns
	tap_check "b$i: $ns $what: gone from ip netns" sh -c "! ip netns list | grep -qw $ns"
	if wait_for $T sh -c "! ip -n sw link show p0$ns >/dev/null 2>&1 && ! ip -n sw link show p2$ns >/dev/null 2>&1"; then
		t1=${EPOCHREALTIME/./}
		tap_ok "b$i: $ns's teardown finished, its devices are gone ($(((t1 - t0) / 1000)) ms)"
	else
		ip netns add probe$i &
		ppid=$!
		wait_gone 20 $ppid || hung "b$i: $ns teardown (devices still there after ${T}s, netns creation blocked)"
		tap_fail "b$i: $ns's teardown finished, its devices are gone" "still there after ${T}s"
	fi
	[ -n "$bpid" ] && { wait_gone $T $bpid || hung "b$i: the backlog batches on rx"; }
	[ -n "$bpid" ] && sed 's/^/# /' "$TMPDIR/busy.out"
	tap_check "b$i: the module still works (an owner VR in rx: Master with its VIP, deleted: VIP gone)" $TD works rx trk0
	tap_check "b$i: kernel log clean (no splat, no device waiting for references)" dmesg_ok
	[ -n "$bpid" ] && $TD up $T rx:rx >/dev/null
	tap_diag "b$i: $((SECONDS - s0)) s"
done

kill $FLOOD
wait $FLOOD 2>/dev/null
tap_diag "flood: $(tail -n1 "$TMPDIR/flood.out")"
tap_check "the flood ran" grep -q "^sent [1-9]" "$TMPDIR/flood.out"

# ---- (c) netns teardown while the first macvlan VR loads macvlan.ko ----
# vrrp_net_exit() flushes the module's workqueue under pernet_ops_rwsem;
# a VR work waiting for request_module("rtnl-link-macvlan") waits for a
# modprobe whose register_netdevice_notifier() wants that rwsem.
dmesg_mark
ip netns exec rx $VNL flush
ip netns exec peer $VNL flush
rmmod_bg $T
[ $? = 2 ] && hung "c: rmmod before the macvlan.ko tests"

# unload_macvlan: true once macvlan.ko is not loaded
unload_macvlan()
{
	[ -d /sys/module/macvlan ] || return 0
	# the vifs of deleted namespaces go with their (asynchronous) teardown
	wait_for $T sh -c '! [ -d /sys/module/macvlan ] || rmmod macvlan 2>/dev/null'
	[ ! -d /sys/module/macvlan ]
}

# The first try of each variant runs modprobe 1 s late, as on a loaded
# host or a slow disk: the teardown then surely overlaps the module load.
MODPROBE=$(cat /proc/sys/kernel/modprobe)
printf '#!/bin/sh\nsleep %s\nexec %s "$@"\n' "$SCALE" "$MODPROBE" >"$TMPDIR/slow-modprobe"
chmod +x "$TMPDIR/slow-modprobe"
on_exit "echo $MODPROBE >/proc/sys/kernel/modprobe"

# m2_try VARIANT TRY SLOW: 0 no hang, 1 setup failed (a hang ends the test)
m2_try()
{
	local v=$1 n=$2 y=m2y$2 x=m2x$2 pid
	unload_macvlan || { echo "# macvlan.ko cannot be unloaded"; return 1; }
	if [ "$3" = 1 ]; then
		echo "$TMPDIR/slow-modprobe" >/proc/sys/kernel/modprobe
	else
		echo "$MODPROBE" >/proc/sys/kernel/modprobe
	fi
	ns_up $y && ns_up $x || return 1
	ip -n $y link add par0 type dummy && ip -n $y link set par0 up
	ip -n $x link add par0 type dummy && ip -n $x link set par0 up
	# x's end of this pair leaves y once x's teardown has run
	veth_pair $x xlink $y ylink || return 1
	if [ "$v" = cross ]; then
		# the VR in y; x (no VR at all) is deleted
		td $y m2 par0 $x >"$TMPDIR/m2.out" 2>&1 &
	else
		# the VR in x, which is deleted at once
		td $x m2 par0 $x >"$TMPDIR/m2.out" 2>&1 &
	fi
	pid=$!
	wait_gone $T $pid || hung "c: $v (try $n): the request to add a macvlan VR and delete $x did not return within ${T}s"
	sed 's/^/# /' "$TMPDIR/m2.out"
	# done: macvlan.ko live, x's teardown over, (cross) the vif with its VIP
	m2_done()
	{
		[ "$(cat /sys/module/macvlan/initstate 2>/dev/null)" = live ] &&
			! ip -n $y link show ylink >/dev/null 2>&1 &&
			{ [ "$v" != cross ] ||
			  ip -n $y addr show dev standby7 2>/dev/null | grep -q 10.8.7.1; }
	}
	# a healthy load takes seconds, the late modprobe included
	wait_for $((30 * SCALE)) m2_done
	done_rc=$?
	ip netns add m2probe$n &
	pid=$!
	if ! wait_gone $((20 * SCALE)) $pid; then
		tap_diag "c: $v (try $n): macvlan.ko $(cat /sys/module/macvlan/initstate 2>/dev/null || echo absent), ylink $(ip -n $y link show ylink >/dev/null 2>&1 && echo 'still there' || echo gone), vif $(ip -n $y link show standby7 >/dev/null 2>&1 && echo present || echo absent)"
		hung "c: $v (try $n): netns teardown while the first macvlan VR loads macvlan.ko: netns creation blocks on pernet_ops_rwsem (M2 deadlock)"
	fi
	[ $done_rc != 0 ] && [ "$(cat /sys/module/macvlan/initstate 2>/dev/null)" = coming ] &&
		hung "c: $v (try $n): macvlan.ko stuck in its init (register_netdevice_notifier waits for pernet_ops_rwsem, held by the netns teardown that waits for the VR work that waits for modprobe): M2 deadlock"
	if [ $done_rc != 0 ]; then
		tap_diag "c: $v (try $n): not done after ${T}s: macvlan.ko $(cat /sys/module/macvlan/initstate 2>/dev/null || echo absent)"
		ip -n $y -br link | sed 's/^/#   /'
		return 1
	fi
	ip netns del m2probe$n
	ip netns exec $y $VNL flush 2>/dev/null
	ip netns del $y
	return 0
}

# only where macvlan is a module file (the debug kernel has it built in)
if [ -z "$(find "/lib/modules/$(uname -r)" -name 'macvlan.ko*' 2>/dev/null | head -n1)" ] ||
	{ [ -d /sys/module/macvlan ] && [ ! -e /sys/module/macvlan/refcnt ]; }; then
	tap_skip "c: netns teardown while the first macvlan VR loads macvlan.ko (cross netns)" "macvlan is not a module here"
	tap_skip "c: netns teardown while the first macvlan VR loads macvlan.ko (same netns)" "macvlan is not a module here"
else
	load_vrrp || tap_fail "c: insmod"
	for v in cross same; do
		ok=1
		for n in $(seq 1 "$M2_TRIES"); do
			m2_try $v "$v$n" "$([ "$n" = 1 ] && echo 1)" || { ok=0; break; }
		done
		echo "$MODPROBE" >/proc/sys/kernel/modprobe
		if [ $ok = 1 ]; then
			tap_ok "c: netns teardown while the first macvlan VR loads macvlan.ko ($v netns, $M2_TRIES tries, the first with modprobe ${SCALE} s late): no hang"
		else
			tap_fail "c: netns teardown while the first macvlan VR loads macvlan.ko ($v netns)" "could not run"
		fi
	done
	tap_check "c: kernel log clean" dmesg_ok
fi

# ---- the end: nothing left ----
dmesg_mark
rmmod_bg $T
[ $? = 2 ] && hung "final rmmod"
tap_check "final: no VIP, vif or route left in any netns" \
	$TD clean $(ip netns list | cut -d' ' -f1)
tap_check "final: kernel log clean" dmesg_ok
echo "1..$_tap_n"
tap_done
