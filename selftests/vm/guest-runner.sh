#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Stage 2 of the VM harness: runs as PID 1 inside the guest, chrooted into
# the host root (read-only 9p).  Reads /run/vrrp-results/job, then either
# runs the listed tests or gives an interactive shell, and powers off.
#
# Per test it writes /run/vrrp-results/t/<NN>-<name>/{out,rc,status,dmesg,
# kmemleak,seconds}.  status is one line: "pass", "fail <reason>" or
# "skip <reason>".  Kernel splats (WARN, BUG, KASAN, UBSAN, lockdep, RCU,
# refcount, list corruption, ODEBUG, kmemleak) in the test's dmesg fail it.
# A test whose file contains "vrrp-selftest: expect-splat" passes only if
# such a splat was detected (used to prove the detection works).

R=/run/vrrp-results
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TMPDIR=/tmp LANG=C.UTF-8 TERM=${TERM:-linux}
# shellcheck source=/dev/null
. $R/job
export VRRP_TOP VRRP_KO VRRPCTL VRRP_KVER VRRP_DEBUG_KERNEL VRRP_WARN_KO

say() { echo "vrrp-runner: $*"; }

poweroff_now()
{
	sync
	umount $R 2>/dev/null
	/bin/busybox reboot -f
	sleep 5
	echo o >/proc/sysrq-trigger
}

SPLAT_RE='WARNING:|BUG:|BUG kernel|kernel BUG|Oops|general protection fault|KASAN|UBSAN|KFENCE|possible recursive locking|possible circular locking|inconsistent lock state|lockdep|suspicious RCU usage|RCU stall|stall on CPU|soft lockup|hard LOCKUP|blocked for more than|refcount_t:|refcount |ref_tracker|list_add corruption|list_del corruption|ODEBUG:|unreferenced object|memory leak|sleeping function called from invalid context|scheduling while atomic|Call Trace:|kernel panic|Kernel panic'

kmemleak=/sys/kernel/debug/kmemleak
# VRRP_KMEMLEAK: end (one scan after the last test), each (after every
# test: the leak is pinned on its test, but a scan takes a minute on a
# busy TCG host), off
kml_mode=${VRRP_KMEMLEAK:-end}
[ -w $kmemleak ] && [ "$kml_mode" != off ] || kmemleak=

kill_strays()
{
	local pid comm
	# Everything but PID 1 and kernel threads (children of kthreadd, 2).
	for pid in $(ps -e -o pid=,ppid= | awk '$1 != 1 && $1 != 2 && $2 != 2 { print $1 }'); do
		[ "$pid" = $$ ] && continue
		[ "$pid" = "${tailpid:-0}" ] && continue
		kill -9 "$pid" 2>/dev/null
	done
	ip -all netns delete 2>/dev/null
}

# timeout in seconds for a test: "vrrp-selftest: timeout=N" in the file
test_timeout()
{
	local t
	t=$(grep -o 'vrrp-selftest: timeout=[0-9]*' "$1" | head -n1 | cut -d= -f2)
	t=$((${t:-${VRRP_TEST_TIMEOUT:-300}} * ${VRRP_TIMEOUT_SCALE:-1}))
	# as run.sh: at least VRRP_TEST_TIMEOUT_MIN
	[ "$t" -ge "${VRRP_TEST_TIMEOUT_MIN:-0}" ] || t=$VRRP_TEST_TIMEOUT_MIN
	echo "$t"
}

run_one()
{
	local idx=$1 rel=$2 path name dir t start end rc splat status expect=0

	path=$VRRP_TOP/$rel
	name=$(basename "$rel" .sh)
	dir=$R/t/$(printf %02d "$idx")-$name
	mkdir -p "$dir"
	grep -q 'vrrp-selftest: expect-splat' "$path" 2>/dev/null && expect=1
	t=$(test_timeout "$path")

	say "=== test $idx: $rel (timeout ${t}s)"
	dmesg -c >>$R/dmesg.between 2>/dev/null
	echo "vrrp-selftest: start $rel" >/dev/kmsg
	start=$(date +%s)
	: >"$dir/out"
	tail -n +1 -f "$dir/out" &
	tailpid=$!
	(cd /tmp && exec setsid timeout -k 10 "$t" bash "$path") </dev/null >"$dir/out" 2>&1
	rc=$?
	end=$(date +%s)
	kill_strays
	# Unload the module if the test left it loaded (the test's own rmmod
	# check is what reports the failure; this keeps the next test clean).
	if [ -d /sys/module/vrrp ]; then
		echo "# harness: vrrp still loaded after the test, removing it" >>"$dir/out"
		rmmod vrrp 2>>"$dir/out"
	fi
	sleep 0.2
	kill "$tailpid" 2>/dev/null
	wait "$tailpid" 2>/dev/null
	tailpid=

	if [ -n "$kmemleak" ] && [ "$kml_mode" = each ]; then
		# kmemleak only reports objects older than 5 s.
		while [ $(($(date +%s) - end)) -lt 6 ]; do sleep 1; done
		echo scan >$kmemleak
		cat $kmemleak >"$dir/kmemleak"
		echo clear >$kmemleak
	fi
	echo "vrrp-selftest: end $rel" >/dev/kmsg
	dmesg -c >"$dir/dmesg" 2>/dev/null

	splat=
	if grep -E "$SPLAT_RE" "$dir/dmesg" >"$dir/splat" 2>/dev/null; then
		splat="kernel splat: $(head -n1 "$dir/splat" | cut -c1-160)"
	elif [ -s "$dir/kmemleak" ]; then
		splat="kmemleak: $(grep -c 'unreferenced object' "$dir/kmemleak") leaked object(s)"
		cat "$dir/kmemleak" >>"$dir/splat"
	fi

	if [ $expect = 1 ]; then
		if [ -n "$splat" ]; then
			status="pass (expected splat detected: ${splat#kernel splat: })"
		else
			status="fail expected a kernel splat but none was detected"
		fi
	elif [ -n "$splat" ]; then
		status="fail $splat"
	elif [ $rc = 124 ] || [ $rc = 137 ]; then
		status="fail timeout after ${t}s"
	elif [ $rc = 0 ]; then
		status=pass
	elif [ $rc = 4 ]; then
		status="skip $(grep -Eo '# SKIP.*' "$dir/out" | head -n1 | sed 's/^# SKIP *//')"
	else
		status="fail exit status $rc"
	fi
	echo "$rc" >"$dir/rc"
	echo "$((end - start))" >"$dir/seconds"
	echo "$rel" >"$dir/test"
	echo "$status" >"$dir/status"
	say "=== test $idx: $rel: $status ($((end - start)) s)"
	sync
}

say "kernel $(uname -r), up $(cut -d' ' -f1 /proc/uptime) s, mode ${VRRP_MODE:-tests}"
cut -d' ' -f1 /proc/uptime >$R/boot-seconds
uname -r >$R/uname
dmesg >$R/dmesg.boot 2>/dev/null
dmesg -c >/dev/null 2>&1
if [ -n "$kmemleak" ]; then
	# no automatic scans: they cost minutes of CPU under TCG; ours suffice
	echo scan=off >$kmemleak
	echo scan >$kmemleak
	cat $kmemleak >$R/kmemleak.boot
	echo clear >$kmemleak
fi

if [ "${VRRP_MODE:-tests}" = shell ]; then
	cons=$(sed 's/.* //' /sys/class/tty/console/active 2>/dev/null)
	cons=/dev/${cons:-ttyS0}
	cat <<-EOM
	vrrp-vm: $(uname -r).  Env: VRRP_TOP=$VRRP_TOP VRRP_KO=$VRRP_KO VRRPCTL=$VRRPCTL
	vrrp-vm: run a test with: bash \$VRRP_TOP/selftests/net/smoke_load.sh
	vrrp-vm: exit the shell to power off.
	EOM
	cd "$VRRP_TOP" || cd /
	setsid -c bash -i <"$cons" >"$cons" 2>&1
	poweroff_now
fi

idx=0
for t in $VRRP_TESTS; do
	idx=$((idx + 1))
	run_one "$idx" "$t"
done
if [ -n "$kmemleak" ] && [ "$kml_mode" = end ]; then
	# every test unloads the module: what is still unreferenced leaked
	sleep 6
	echo scan >$kmemleak
	cat $kmemleak >$R/kmemleak.end
	say "kmemleak after all tests: $(grep -c 'unreferenced object' $R/kmemleak.end) leaked object(s)"
fi
echo "$idx" >$R/done
say "all $idx test(s) run"
poweroff_now
