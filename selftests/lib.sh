# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the vrrp VM selftests (selftests/net/*.sh).
# Source it first thing:   . "$(dirname "$0")/../lib.sh"
#
# Environment given by the harness (selftests/vm/run.sh):
#   VRRP_TOP  repo root (read-only)      VRRP_KO   vrrp.ko for this kernel
#   VRRPCTL   tool/vrrpctl (may be empty) VRRP_KVER kernel release
#   VRRP_DEBUG_KERNEL=1 on the debug kernel; TMPDIR is writable.
#
# TAP:     tap_plan N, tap_ok NAME, tap_fail NAME [WHY], tap_skip NAME WHY,
#          tap_check NAME CMD... (ok if CMD succeeds), tap_diag TEXT,
#          tap_done (exit 0/1/4 from the results so far), skip_all WHY
# Guards:  skip_unless_cmd CMD..., skip_unless_root, require_vrrp_ko
# netns:   ns_create NAME... (removed on exit), in_ns NS CMD...,
#          veth_pair NS1 IF1 NS2 IF2, bridge_create NS BR, bridge_port NS BR IF,
#          lan_create NSBR NS... (one bridge, one veth per NS: eth0 in NS)
# Polling: wait_for TIMEOUT CMD...  (seconds, may be fractional)
# Module:  load_vrrp / unload_vrrp (insmod/rmmod with dmesg checks)
# Kernel log: dmesg_mark; dmesg_since_mark.  Never clear the ring buffer
#          (dmesg -c): the harness reads it after each test.
# Cleanup: on_exit CMD... (runs in reverse order at exit, after netns removal)

set -u

VRRP_TOP=${VRRP_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
VRRP_KO=${VRRP_KO:-}
VRRPCTL=${VRRPCTL:-}
VRRP_KVER=${VRRP_KVER:-$(uname -r)}
VRRP_DEBUG_KERNEL=${VRRP_DEBUG_KERNEL:-}
TMPDIR=${TMPDIR:-/tmp}
export VRRP_TOP VRRP_KO VRRPCTL VRRP_KVER VRRP_DEBUG_KERNEL TMPDIR

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

_tap_n=0
_tap_fail=0
_tap_pass=0
_tap_skip=0
_tap_planned=0

tap_plan()
{
	_tap_planned=$1
	echo "TAP version 13"
	echo "1..$1"
}

tap_diag() { echo "# $*"; }

tap_ok()
{
	_tap_n=$((_tap_n + 1))
	_tap_pass=$((_tap_pass + 1))
	echo "ok $_tap_n - $1"
}

tap_fail()
{
	_tap_n=$((_tap_n + 1))
	_tap_fail=$((_tap_fail + 1))
	echo "not ok $_tap_n - $1"
	[ $# -gt 1 ] && echo "# ${*:2}"
	return 0
}

tap_skip()
{
	_tap_n=$((_tap_n + 1))
	_tap_skip=$((_tap_skip + 1))
	echo "ok $_tap_n - $1 # SKIP ${*:2}"
}

# tap_check NAME CMD...: one result from a command's exit status; the
# command's output is shown as diagnostics when it fails.
tap_check()
{
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		tap_ok "$name"
	else
		tap_fail "$name" "command failed: $*"
		[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/#   /'
	fi
	return 0
}

# Exit with the kselftest status for what was reported.
tap_done()
{
	if [ $_tap_fail -gt 0 ]; then
		exit $KSFT_FAIL
	elif [ $_tap_pass = 0 ] && [ $_tap_skip -gt 0 ]; then
		exit $KSFT_SKIP
	elif [ $_tap_planned -gt 0 ] && [ $_tap_n != "$_tap_planned" ]; then
		echo "# planned $_tap_planned results but reported $_tap_n"
		exit $KSFT_FAIL
	fi
	exit $KSFT_PASS
}

# Skip the whole test (prints a plan if none was printed yet).
skip_all()
{
	[ $_tap_planned = 0 ] && [ $_tap_n = 0 ] && echo "1..0 # SKIP $*"
	[ $_tap_planned -gt 0 ] && echo "# SKIP $*"
	exit $KSFT_SKIP
}

skip_unless_cmd()
{
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || skip_all "missing command: $c"
	done
}

skip_unless_root()
{
	[ "$(id -u)" = 0 ] || skip_all "must run as root"
}

require_vrrp_ko()
{
	[ -n "$VRRP_KO" ] && [ -f "$VRRP_KO" ] ||
		{ echo "# vrrp.ko not built for $VRRP_KVER (VRRP_KO='$VRRP_KO')"; return 1; }
}

# ---- cleanup ----
_exit_cmds=()
_netns=()

on_exit() { _exit_cmds+=("$*"); }

_lib_cleanup()
{
	local i ns
	for ((i = ${#_exit_cmds[@]} - 1; i >= 0; i--)); do
		eval "${_exit_cmds[$i]}" >/dev/null 2>&1
	done
	for ns in "${_netns[@]}"; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
}
trap _lib_cleanup EXIT
trap 'exit 1' INT TERM HUP

# ---- polling ----
# Under TCG a fork and exec costs about 0.2 s of CPU (sleep, awk, printf in
# $(...)), and four guests share two cores: the polling helpers run no
# process of their own.
#
# sleep SECONDS: as sleep(1), in the shell: a read that times out on a FIFO
# that nobody writes. Anything else (units, several arguments, infinity)
# goes to sleep(1).
_lib_sleep_fd=
_lib_fifo=$TMPDIR/.lib-sleep.$$.$RANDOM
if mkfifo "$_lib_fifo" 2>/dev/null; then
	exec {_lib_sleep_fd}<>"$_lib_fifo"
	rm -f "$_lib_fifo"
fi
sleep()
{
	if [ $# = 1 ] && [ -n "$_lib_sleep_fd" ] &&
	   [[ $1 =~ ^[0-9]*\.?[0-9]+$ ]]; then
		read -r -t "$1" -u "$_lib_sleep_fd" _ || :
	else
		command sleep "$@"
	fi
}

# ms_of SECONDS: sets $ms to SECONDS (may be fractional) in milliseconds
ms_of()
{
	local i=${1%%.*} f=
	[[ $1 == *.* ]] && f=${1#*.}
	f=${f}000
	ms=$((10#${i:-0} * 1000 + 10#${f:0:3}))
}

# wait_for TIMEOUT CMD...: run CMD until it succeeds (0) or TIMEOUT
# seconds have passed (1). The pause between tries grows from 0.1 s to
# 0.5 s: one try (a few processes) costs a good part of a second of CPU.
wait_for()
{
	local end step=100 ms s
	ms_of "$1"
	shift
	end=$((${EPOCHREALTIME/./} / 1000 + ms))
	while :; do
		"$@" >/dev/null 2>&1 && return 0
		[ $((${EPOCHREALTIME/./} / 1000)) -ge "$end" ] && return 1
		printf -v s '%d.%03d' $((step / 1000)) $((step % 1000))
		sleep "$s"
		step=$((step * 3 / 2 > 500 ? 500 : step * 3 / 2))
	done
}

# ---- network namespaces and topologies ----
# ns_create NAME...: new netns with lo up, deleted when the test exits.
# Names get a per-test suffix in $NS_SUFFIX if you want uniqueness.
ns_create()
{
	local ns
	for ns in "$@"; do
		ip netns del "$ns" 2>/dev/null
		ip netns add "$ns" || return 1
		_netns+=("$ns")
		ip -n "$ns" link set lo up || return 1
	done
}

in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# veth_pair NS1 IF1 NS2 IF2: a veth between two namespaces, both ends up.
veth_pair()
{
	ip link add "$2" netns "$1" type veth peer name "$4" netns "$3" || return 1
	ip -n "$1" link set "$2" up && ip -n "$3" link set "$4" up
}

bridge_create()
{
	ip -n "$1" link add "$2" type bridge || return 1
	ip -n "$1" link set "$2" type bridge stp_state 0 forward_delay 0 mcast_snooping 0 2>/dev/null
	ip -n "$1" link set "$2" up
}

bridge_port() { ip -n "$1" link set "$3" master "$2" up; }

# lan_create BRNS NS...: one "switch" namespace BRNS with bridge br0 and, for
# each NS, a veth: eth0 inside NS, p-<NS> on the bridge.
lan_create()
{
	local brns=$1 ns
	shift
	bridge_create "$brns" br0 || return 1
	for ns in "$@"; do
		veth_pair "$ns" eth0 "$brns" "p-$ns" || return 1
		bridge_port "$brns" br0 "p-$ns" || return 1
	done
}

# ---- kernel log ----
_dmesg_mark=

dmesg_mark()
{
	_dmesg_mark="vrrp-selftest-mark-$$-$RANDOM"
	echo "$_dmesg_mark" >/dev/kmsg
}

dmesg_since_mark()
{
	if [ -z "$_dmesg_mark" ]; then
		dmesg
	else
		dmesg | sed -n "/$_dmesg_mark/,\$p" | sed 1d
	fi
}

# Kernel messages that mean something went wrong.
DMESG_BAD_RE='WARNING:|BUG:|kernel BUG|Oops|general protection fault|KASAN|UBSAN|lockdep|possible (recursive|circular) locking|suspicious RCU usage|refcount_t:|list_(add|del) corruption|ODEBUG:|Call Trace:|sleeping function called from invalid context|scheduling while atomic'

# dmesg_clean: true if nothing bad was logged since the last dmesg_mark.
dmesg_clean()
{
	local bad
	bad=$(dmesg_since_mark | grep -E "$DMESG_BAD_RE")
	[ -z "$bad" ] && return 0
	printf '%s\n' "$bad" | head -n 20 | sed 's/^/# dmesg: /'
	return 1
}

# ---- vrrp.ko ----
# load_vrrp [PARAMS...]: insmod $VRRP_KO; fails if it is missing, insmod
# fails, /sys/module/vrrp is absent or the kernel logged a splat.
load_vrrp()
{
	require_vrrp_ko || return 1
	if [ -d /sys/module/vrrp ]; then
		echo "# vrrp already loaded"
		return 1
	fi
	dmesg_mark
	insmod "$VRRP_KO" "$@" || return 1
	[ -d /sys/module/vrrp ] || { echo "# /sys/module/vrrp missing after insmod"; return 1; }
	dmesg_clean
}

# unload_vrrp: rmmod vrrp; fails if rmmod fails, the module stays, or the
# kernel logged a splat since load_vrrp.
unload_vrrp()
{
	[ -d /sys/module/vrrp ] || return 0
	rmmod vrrp || return 1
	wait_for 5 test ! -d /sys/module/vrrp || { echo "# vrrp still loaded"; return 1; }
	dmesg_clean
}
