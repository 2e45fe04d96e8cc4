#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vrrpctl run as "vrrpd" (a symlink) is a drop-in for vrrpd, on the two
# examples of vrrpd's paper. Single backup: r1 "vrrpd -i eth0 -v 50 VIP"
# (priority 100) is Master, r2 "... -p 50 VIP" Backup; SIGTERM on r1's
# vrrpd deletes its VR (priority 0: r2 takes over at once) and its pid
# file; a new r1 vrrpd preempts back; -m / -b programs run with the
# reason; SIGUSR2 forces Backup, SIGUSR1 Master; programs are reaped.
# Mutual backup with -n: two vrrpd per router, VRID 1 and 2 with swapped
# priorities, each router Master of one; stopping one router's pair moves
# both VIPs to the other. Teardown: SIGKILL leaves the VR in the kernel,
# running; a new vrrpd for it refuses (exit 2, names "vrrpctl del"), and
# starts once it is deleted. A second vrrpd with the same pid file is
# refused while the first runs.
# vrrp-selftest: timeout=420
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"
. "$(dirname "$0")/h7_lib.sh"

h7_begin
tap_plan 40

D=$H7_DIR
mkdir -p "$D/bin" "$D/r1" "$D/r2"
ln -s "$VRRPCTL" "$D/bin/vrrpd"
VRRPD=$D/bin/vrrpd
declare -A VPID=()	# "NS/VRID" -> pid of its vrrpd
rc=

vrrpd_cleanup()
{
	local p
	for p in "${VPID[@]}"; do
		kill -TERM "$p"
	done
}
on_exit vrrpd_cleanup

# mk_prog NAME: $D/NAME, a -m / -b program that appends
# "NAME STATE VRID REASON" to $D/progs
mk_prog()
{
	printf '#!/bin/sh\necho "%s $VRRP_STATE $VRRP_GROUP $VRRP_REASON" >>"%s/progs"\n' \
		"$1" "$D" >"$D/$1"
	chmod 755 "$D/$1"
}
for p in r1-m r1-b r2-m r2-b; do mk_prog $p; done
: >"$D/progs"

# vrrpd_start NS VRID ARGS...: "vrrpd -f $D/NS -i eth0 -v VRID ARGS" in
# NS, in the background (ip netns exec execs it: $! is vrrpd)
vrrpd_start()
{
	local ns=$1 vrid=$2
	shift 2
	ip netns exec "$ns" "$VRRPD" -f "$D/$ns" -i eth0 -v "$vrid" "$@" \
		>>"$D/$ns-$vrid.log" 2>&1 &
	VPID[$ns/$vrid]=$!
}

pidfile() { echo "$D/$1/vrrpd_eth0_$2.pid"; }
# pid_ok NS VRID: the pid file holds that vrrpd's pid
pid_ok() { [ "$(cat "$(pidfile "$1" "$2")" 2>/dev/null)" = "${VPID[$1/$2]}" ]; }
pids_ok()
{
	local k
	for k in "$@"; do
		wait_for 10 pid_ok "${k%/*}" "${k#*/}" || return 1
	done
}

# exited PID: gone, or a zombie that only waits for our wait
exited()
{
	local s
	read -r s 2>/dev/null <"/proc/$1/stat" || return 0
	s=${s##*) }
	[ "${s%% *}" = Z ]
}

# vrrpd_stop NS VRID [SIGNAL]: signal it (TERM), wait; its status in $rc
vrrpd_stop()
{
	local pid=${VPID[$1/$2]}
	kill -"${3:-TERM}" "$pid"
	wait_for 10 exited "$pid" || kill -KILL "$pid"
	wait "$pid"
	rc=$?
	unset "VPID[$1/$2]"
}

# zombies PID: how many of its children are zombies (in the shell)
zombies()
{
	local f s st pp n=0
	for f in /proc/[0-9]*/stat; do
		read -r s 2>/dev/null <"$f" || continue
		s=${s##*) }
		read -r st pp _ <<<"$s"
		[ "$st" = Z ] && [ "$pp" = "$1" ] && n=$((n + 1))
	done
	echo "$n"
}
no_zombies()
{
	local p
	for p in "$@"; do
		[ "$(zombies "$p")" = 0 ] || return 1
	done
}

# prog_ran REGEX...: lines of $D/progs (the programs run asynchronously)
prog_ran()
{
	local re
	for re in "$@"; do
		wait_for 10 grep -qE "$re" "$D/progs" || return 1
	done
}

# vrrpd_fails NAME RC REGEX NS ARGS...: a vrrpd that must not start
vrrpd_fails()
{
	local name=$1 want=$2 re=$3 ns=$4 out got
	shift 4
	out=$(timeout 20 ip netns exec "$ns" "$VRRPD" "$@" 2>&1)
	got=$?
	if [ "$got" = "$want" ] && printf '%s' "$out" | grep -Eq -- "$re"; then
		tap_ok "$name"
	else
		tap_fail "$name" "exit $got (want $want): $out"
	fi
}

# states TIMEOUT NS VRID STATE [NS VRID STATE]...: each VR on eth0 reaches its state
states()
{
	local t=$1
	shift
	while [ $# -ge 3 ]; do
		wait_vstate "$t" "$1" eth0 "$2" inet "$3" || return 1
		shift 3
	done
}

no_vrs() { [ "$(vctl "$1" show -j | jq length)" = 0 ]; }
gone() { [ -z "$(vjson "$1" eth0 "$2" inet)" ]; }

vrrp_topo r1 r2

# ---- 1. single backup (the paper's first example) ----
VIP=192.0.2.50
vrrpd_start r1 50 -m "$D/r1-m" -b "$D/r1-b" $VIP
vrrpd_start r2 50 -p 50 -m "$D/r2-m" -b "$D/r2-b" $VIP
tap_check "vrrpd on r1 and r2 started, pid files hold their pids" pids_ok r1/50 r2/50
tap_check "r1 (priority 100) Master" wait_vstate 20 r1 eth0 50 inet Master
tap_check "r2 (-p 50) Backup" wait_vstate 10 r2 eth0 50 inet Backup
CFG='"\(.version) \(.priority) \(.advert_ms) \(.preempt) \(.vmac_mode) \(.vips | join(","))"'
got=$(vget r1 eth0 50 inet "$CFG")
[ "$got" = "2 100 1000 true ether $VIP" ] && tap_ok "r1's VR: VRRPv2, priority 100, 1 s, preempt, virtual MAC (ether), the VIP" ||
	tap_fail "r1's VR: VRRPv2, priority 100, 1 s, preempt, virtual MAC (ether), the VIP" "got $got"
got=$(vget r2 eth0 50 inet "$CFG")
[ "$got" = "2 50 1000 true ether $VIP" ] && tap_ok "r2's VR: priority 50" ||
	tap_fail "r2's VR: priority 50" "got $got"
tap_check "the VIP on r1 only" vip_only r1 r2 $VIP
tap_check "-b ran on both at start, -m on r1" \
	prog_ran "^r1-b BACKUP 50 " "^r2-b BACKUP 50 " "^r1-m MASTER 50 master-down$"
vrrpd_fails "a second vrrpd with the same pid file: refused, exit 1" 1 \
	"already running with pid ${VPID[r1/50]} " r1 -f "$D/r1" -i eth0 -v 50 $VIP
mkdir -p "$D/other"
vrrpd_fails "a second vrrpd for the same VR elsewhere: the kernel refuses, exit 2" 2 \
	'is in the kernel already' r1 -f "$D/other" -i eth0 -v 50 $VIP
first_runs() { kill -0 "${VPID[r1/50]}" && pid_ok r1 50 && is_vstate r1 eth0 50 inet Master; }
tap_check "the first vrrpd still runs, its pid file kept, r1 still Master" first_runs

vrrpd_stop r1 50
[ "$rc" = 0 ] && tap_ok "SIGTERM: r1's vrrpd exits 0" || tap_fail "SIGTERM: r1's vrrpd exits 0" "exit $rc"
# Skew_Time for priority 50 is 0.8 s, Master_Down_Interval 3.8 s: the
# reason says which one ran out
tap_check "r2 Master within 5 s of the SIGTERM" states 5 r2 50 Master
tap_check "r2's -m ran, with the reason priority-zero" \
	prog_ran "^r2-m MASTER 50 priority-zero$"
tap_check "r1's VR is deleted" gone r1 50
tap_check "r1's pid file is removed" test ! -e "$(pidfile r1 50)"
tap_check "the VIP moved to r2" vip_only r2 r1 $VIP
grep -q "deleted, exiting" "$D/r1-50.log" || tap_diag "r1's log: no 'deleted, exiting' line"

vrrpd_start r1 50 -m "$D/r1-m" -b "$D/r1-b" $VIP
tap_check "restarted r1 preempts back: r1 Master, r2 Backup" \
	states 20 r1 50 Master r2 50 Backup
tap_check "-m ran on r1 (preempt), -b on r2 (preempted)" \
	prog_ran "^r1-m MASTER 50 preempt$" "^r2-b BACKUP 50 preempted$"
tap_check "the VIP back on r1 only" vip_only r1 r2 $VIP

kill -USR2 "${VPID[r1/50]}"
if wait_vstate 10 r1 eth0 50 inet Backup && [ "$(vget r1 eth0 50 inet .forced)" = backup ] &&
   wait_vstate 10 r2 eth0 50 inet Master; then
	tap_ok "SIGUSR2: r1 forced Backup, r2 Master"
else
	tap_fail "SIGUSR2: r1 forced Backup, r2 Master"
	vr_diag r1 eth0 50 inet
fi
tap_check "-b ran on r1 (forced)" prog_ran "^r1-b BACKUP 50 forced$"
kill -USR1 "${VPID[r1/50]}"
if wait_vstate 10 r1 eth0 50 inet Master && [ "$(vget r1 eth0 50 inet .forced)" = master ] &&
   wait_vstate 10 r2 eth0 50 inet Backup; then
	tap_ok "SIGUSR1: r1 forced Master, r2 Backup"
else
	tap_fail "SIGUSR1: r1 forced Master, r2 Backup"
	vr_diag r1 eth0 50 inet
fi
tap_check "-m ran on r1 (forced)" prog_ran "^r1-m MASTER 50 forced$"
tap_check "every program was reaped (no zombie child)" \
	wait_for 10 no_zombies "${VPID[r1/50]}" "${VPID[r2/50]}"
vrrpd_stop r1 50
rc1=$rc
vrrpd_stop r2 50
if [ "$rc1" = 0 ] && [ "$rc" = 0 ] && no_vrs r1 && no_vrs r2 &&
   [ ! -e "$(pidfile r1 50)" ] && [ ! -e "$(pidfile r2 50)" ]; then
	tap_ok "SIGTERM to both: exit 0, no VR and no pid file left"
else
	tap_fail "SIGTERM to both: exit 0, no VR and no pid file left" "exit $rc1 and $rc"
fi

# ---- 2. mutual backup with -n (the paper's second example) ----
VIP1=192.0.2.11
VIP2=192.0.2.12
vrrpd_start r1 1 -n $VIP1
vrrpd_start r1 2 -n -p 50 $VIP2
vrrpd_start r2 1 -n -p 50 $VIP1
vrrpd_start r2 2 -n $VIP2
tap_check "four vrrpd started, one pid file each" pids_ok r1/1 r1/2 r2/1 r2/2
tap_check "r1 Master of VRID 1, Backup of VRID 2" \
	states 20 r1 1 Master r1 2 Backup
tap_check "r2 Master of VRID 2, Backup of VRID 1" \
	states 20 r2 2 Master r2 1 Backup
m1=$(vget r1 eth0 1 inet .vmac_mode)
m2=$(vget r2 eth0 2 inet .vmac_mode)
[ "$m1 $m2" = "none none" ] && tap_ok "-n: the interface's own MAC (vmac mode none)" ||
	tap_fail "-n: the interface's own MAC (vmac mode none)" "got $m1 $m2"
if vip_only r1 r2 $VIP1 && vip_only r2 r1 $VIP2; then
	tap_ok "each VIP on its Master only"
else
	tap_fail "each VIP on its Master only"
fi
vrrpd_stop r1 1
rc1=$rc
vrrpd_stop r1 2
if [ "$rc1" = 0 ] && [ "$rc" = 0 ] && no_vrs r1 &&
   [ ! -e "$(pidfile r1 1)" ] && [ ! -e "$(pidfile r1 2)" ]; then
	tap_ok "r1's two vrrpd stopped: exit 0, VRs and pid files gone"
else
	tap_fail "r1's two vrrpd stopped: exit 0, VRs and pid files gone" "exit $rc1 and $rc"
fi
tap_check "r2 Master of both" states 10 r2 1 Master r2 2 Master
if wait_for 10 has_addr r2 eth0 $VIP1 && has_addr r2 eth0 $VIP2 &&
   no_addr r1 eth0 $VIP1 && no_addr r1 eth0 $VIP2; then
	tap_ok "both VIPs on r2, none on r1"
else
	tap_fail "both VIPs on r2, none on r1"
fi
vrrpd_stop r2 1
rc1=$rc
vrrpd_stop r2 2
[ "$rc1" = 0 ] && [ "$rc" = 0 ] && no_vrs r2 && tap_ok "r2's two vrrpd stopped: exit 0, no VR left" ||
	tap_fail "r2's two vrrpd stopped: exit 0, no VR left" "exit $rc1 and $rc"

# ---- 3. SIGKILL: the VR is the kernel's ----
VIP=192.0.2.60
vrrpd_start r1 60 $VIP
tap_check "vrrpd -v 60 on r1: Master" wait_vstate 20 r1 eth0 60 inet Master
tx=$(vstat r1 eth0 60 inet tx_adverts)
vrrpd_stop r1 60 KILL
if [ "$rc" = 137 ] && stat_rises 5 r1 eth0 60 inet tx_adverts "$tx" &&
   is_vstate r1 eth0 60 inet Master && has_addr r1 eth0 $VIP; then
	tap_ok "SIGKILL: the VR stays, Master with the VIP, advertising"
else
	tap_fail "SIGKILL: the VR stays, Master with the VIP, advertising" "exit $rc"
fi
tap_check "its pid file stays behind (stale: nobody holds its lock)" test -e "$(pidfile r1 60)"
vrrpd_fails "a new vrrpd for that VR refuses: exit 2, names vrrpctl del" 2 \
	'is in the kernel already.*"vrrpctl del dev eth0 vrid 60" removes it' \
	r1 -f "$D/r1" -i eth0 -v 60 $VIP
if is_vstate r1 eth0 60 inet Master && [ ! -e "$(pidfile r1 60)" ]; then
	tap_ok "the VR is left as it was; the stale pid file is gone"
else
	tap_fail "the VR is left as it was; the stale pid file is gone"
fi
vctl r1 del dev eth0 vrid 60
vrrpd_start r1 60 $VIP
if pids_ok r1/60 && wait_vstate 20 r1 eth0 60 inet Master; then
	vrrpd_stop r1 60
	if [ "$rc" = 0 ] && no_vrs r1; then
		tap_ok "after vrrpctl del, vrrpd starts again (and exits 0 on SIGTERM)"
	else
		tap_fail "after vrrpctl del, vrrpd starts again (and exits 0 on SIGTERM)" "exit $rc"
	fi
else
	tap_fail "after vrrpctl del, vrrpd starts again (and exits 0 on SIGTERM)"
fi

if [ "$_tap_fail" -gt 0 ]; then
	for f in "$D"/*.log "$D/progs"; do
		[ -f "$f" ] && sed "s|^|# ${f##*/}: |" "$f" | tail -n 40
	done
fi
tap_done
