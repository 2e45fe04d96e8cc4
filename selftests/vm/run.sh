#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# VM harness (host side): boot one kernel once under qemu/TCG and run many
# selftests in it, or give a shell.
#
# usage: run.sh [-k KERNEL] [-t "TEST..."] [--shell] [--timeout SEC]
#               [--tap FILE] [--counts FILE] [--keep] [--demo SCRIPT]
#               [--deadline EPOCH]
#   KERNEL  6.1 | 6.12 | debug | newest | full release   (default: newest)
#   TEST    a name under selftests/net (smoke_load), a path relative to the
#           repo (selftests/debug/splat_detect.sh) or a glob; default: all
#           selftests/net/*.sh (plus selftests/debug/*.sh on the debug kernel)
#   --timeout  default per-test timeout (a test can set its own with a
#              "# vrrp-selftest: timeout=N" line)
#   --tap / --counts  append the TAP results / write "passed failed skipped"
#   --deadline EPOCH  stop the guest at this time (date +%s); the tests it
#              did not finish fail with "time budget ran out"
#   --demo SCRIPT  run one script (path relative to the repo) and stream its
#              output live and unindented (`make demo`)
# Environment: GENL_FUZZ_* (passed to the guest: vrrp_genl_fuzz.sh),
# VRRP_VM_MEM (MiB, 2048; 1024 on the debug kernel, where
# kmemleak scan time grows with memory), VRRP_KMEMLEAK (end: one scan on
# the debug kernel after the last test, one more result, the default;
# each: after every test, which names the test but costs a minute each;
# off), VRRP_VM_SMP (1: under TCG on a shared host, a second vCPU spins on
# locks whose holder the host has descheduled; with four guests on two
# cores the suite ran 15% faster on one vCPU each), VRRP_VM_ACCEL
# (tcg; KVM guests hang on these machines, so it is never picked
# automatically), VRRP_VM_BOOT_TIMEOUT (s, allowance for boot + shutdown),
# VRRP_TIMEOUT_SCALE (test timeouts are multiplied by it: 3 on the debug
# kernel, 1 elsewhere).
# Exit status: 0 all passed or skipped, 1 a failure, 2 usage/setup error.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
export VRRP_TOP=$top
. "$top/selftests/vm/kernels.sh"

kernel=newest
tests=
mode=tests
timeout=${VRRP_TEST_TIMEOUT:-300}
tapfile=
countsfile=
keep=0
demo=
deadline=
while [ $# -gt 0 ]; do
	case $1 in
	-k|--kernel) kernel=$2; shift ;;
	-t|--tests) tests=$2; shift ;;
	--shell) mode=shell ;;
	--timeout) timeout=$2; shift ;;
	--tap) tapfile=$2; shift ;;
	--counts) countsfile=$2; shift ;;
	--keep) keep=1 ;;
	--deadline) deadline=$2; shift ;;
	--demo) demo=$2; tests=$2; shift ;;
	-h|--help) sed -n '3,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "run.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done

vrrp_kernel_resolve "$kernel" || exit 2

# ---- tests to run (paths relative to the repo) ----
list=()
if [ -z "$tests" ]; then
	for f in "$top"/selftests/net/*.sh; do
		# *lib.sh files are helpers sourced by tests, not tests
		case $f in *lib.sh) continue ;; esac
		[ -f "$f" ] && list+=("${f#"$top"/}")
	done
	if [ "$KIS_DEBUG" = 1 ]; then
		for f in "$top"/selftests/debug/*.sh; do
			case $f in */build-kernel.sh) continue ;; esac
			[ -f "$f" ] && list+=("${f#"$top"/}")
		done
	fi
else
	for t in $tests; do
		found=0
		for cand in "$top/$t" "$top/selftests/net/$t" "$top/selftests/net/$t.sh" \
			    "$top/selftests/debug/$t" "$top/selftests/debug/$t.sh"; do
			for f in $cand; do
				if [ -f "$f" ]; then
					list+=("${f#"$top"/}")
					found=1
				fi
			done
			[ $found = 1 ] && break
		done
		if [ $found = 0 ]; then
			echo "run.sh: no test matches '$t'" >&2
			exit 2
		fi
	done
fi
if [ $mode = tests ] && [ ${#list[@]} = 0 ]; then
	echo "run.sh: no tests to run" >&2
	exit 2
fi

# ---- builds ----
# Host-built test helpers (selftests/net/tools): the guest sees the tree
# read-only, so they are built here, in the tree.
if ! make -s -C "$top/selftests/net/tools" >&2; then
	echo "run.sh: selftests/net/tools did not build; tests that need it will skip" >&2
fi
cache=${VRRP_BUILD_CACHE:-/var/cache/vrrp-build}
need_warn=0
for t in "${list[@]}"; do
	grep -q 'VRRP_WARN_KO' "$top/$t" && need_warn=1
done
bm_args=(--quiet)
[ $need_warn = 1 ] && bm_args+=(--warn-module)
if ! ko=$("$top/selftests/vm/build-module.sh" "${bm_args[@]}" "$kernel"); then
	echo "run.sh: module build failed for $KVER; tests that need vrrp.ko will fail" >&2
	ko=
fi
warn_ko=
[ $need_warn = 1 ] && warn_ko=$cache/$KVER/warn_mod/vrrp_warn_test.ko
vrrpctl=
[ -x "$top/tool/vrrpctl" ] && vrrpctl=$top/tool/vrrpctl

initrd=$cache/$KVER/initramfs.gz
mkdir -p "$cache/$KVER"
"$top/selftests/vm/mkinitramfs.sh" "$initrd" "$KMODDIR" || exit 2

# ---- results share and job ----
res=$(mktemp -d /var/tmp/vrrp-vm.XXXXXX)
chmod 755 "$res"
cleanup() { [ $keep = 1 ] || rm -rf "$res"; }
trap cleanup EXIT
if [ -n "$demo" ] && [ -n "$ko" ]; then
	# a private copy (the guest sees $res as /run/vrrp-results): another
	# run may rebuild the shared cache while the demo is running
	cp "$ko" "$res/vrrp.ko" && ko=/run/vrrp-results/vrrp.ko
fi
# the debug kernel runs everything several times slower: its tests get
# VRRP_TIMEOUT_SCALE (3) times their timeout
scale=${VRRP_TIMEOUT_SCALE:-$([ "$KIS_DEBUG" = 1 ] && echo 3 || echo 1)}
# a timeout is there to stop a hang, not to time a test: under four TCG
# guests on two cores tests took 2-3 times their quiet time, so none gets
# less than VRRP_TEST_TIMEOUT_MIN (900 s)
tmin=${VRRP_TEST_TIMEOUT_MIN:-900}
total=0
tmo=()
for t in "${list[@]}"; do
	tt=$(grep -o 'vrrp-selftest: timeout=[0-9]*' "$top/$t" | head -n1 | cut -d= -f2)
	tt=$((${tt:-$timeout} * scale))
	[ "$tt" -ge "$tmin" ] || tt=$tmin
	tmo+=("$tt")
	total=$((total + tt + (KIS_DEBUG == 1 ? 400 : 30)))
done
boot_allow=${VRRP_VM_BOOT_TIMEOUT:-$([ "$KIS_DEBUG" = 1 ] && echo 400 || echo 200)}
total=$((total + boot_allow))
{
	printf 'VRRP_TOP=%q\n' "$top"
	printf 'VRRP_KO=%q\n' "$ko"
	printf 'VRRP_WARN_KO=%q\n' "$warn_ko"
	printf 'VRRPCTL=%q\n' "$vrrpctl"
	printf 'VRRP_KVER=%q\n' "$KVER"
	printf 'VRRP_DEBUG_KERNEL=%q\n' "$([ "$KIS_DEBUG" = 1 ] && echo 1)"
	printf 'VRRP_MODE=%q\n' "$mode"
	printf 'VRRP_TESTS=%q\n' "${list[*]}"
	printf 'VRRP_TEST_TIMEOUT=%q\n' "$timeout"
	printf 'VRRP_TIMEOUT_SCALE=%q\n' "$scale"
	printf 'VRRP_TEST_TIMEOUT_MIN=%q\n' "$tmin"
	printf 'VRRP_KMEMLEAK=%q\n' "${VRRP_KMEMLEAK:-end}"
	# bench/ knobs (BENCH_SECONDS=10 make bench) and the fuzzer's
	# (GENL_FUZZ_COUNT=20000 make selftests ...) reach the guest as they are
	for v in ${!BENCH_@} ${!GENL_FUZZ_@} ${!VRRP_SOAK_@} ${!VRRP_TEARDOWN_@} ${!VRRP_PARTITION_@}; do printf 'export %s=%q\n' "$v" "${!v}"; done
	# directories the guest must see even under its tmpfs mounts
	printf 'VRRP_BIND=%q\n' "$top $(dirname "${ko:-$top/x}") $(dirname "${warn_ko:-$top/x}")"
} >"$res/job"

# ---- qemu ----
accel=${VRRP_VM_ACCEL:-tcg}
if [ "$accel" = tcg ]; then
	accel_opt="tcg,thread=multi"
	[ -e /dev/kvm ] && [ -z "${VRRP_VM_QUIET:-}" ] &&
		echo "run.sh: /dev/kvm exists but is not used (KVM guests hang on these machines); using TCG" >&2
else
	accel_opt=$accel
fi
qemu=(qemu-system-x86_64 -accel "$accel_opt" -smp "${VRRP_VM_SMP:-1}"
      -m "${VRRP_VM_MEM:-$([ "$KIS_DEBUG" = 1 ] && echo 1024 || echo 2048)}" -nodefaults -no-user-config -no-reboot
      -vga none -display none -cpu max
      -kernel "$KIMAGE" -initrd "$initrd"
      -virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap"
      -virtfs "local,path=$res,mount_tag=results,security_model=none,multidevs=remap")
append="console=ttyS0,115200 loglevel=4 panic=-1 rdinit=/init mitigations=off nokaslr no_timer_check"
# ACPI's AML interpreter is far too slow under KASAN + lockdep + TCG.
# RCU callbacks run in the rcuc kthreads, not in RCU_SOFTIRQ: on the one
# vCPU, a packet flood keeps softirq busy, and callbacks there (the ones
# that wake synchronize_rcu() and rcu_barrier()) wait until it stops.
[ "$KIS_DEBUG" = 1 ] && append="$append acpi=off rcutree.use_softirq=0"
append="$append ${VRRP_VM_APPEND:-}"

tap_out() { if [ -n "$tapfile" ]; then tee -a "$tapfile"; else cat; fi; }

if [ $mode = shell ]; then
	echo "run.sh: booting $KVER (TCG, slow); exit the shell to power off" >&2
	exec 3>&1
	"${qemu[@]}" -serial mon:stdio -append "$append"
	exit 0
fi

echo "# vm: booting $KVER for ${#list[@]} test(s), host timeout ${total}s" | tap_out
t0=$(date +%s)
tailpid=
if [ -n "$demo" ]; then
	# the guest writes the script's output to this file over 9p: follow it
	tail -n +1 -F "$res/t/01-$(basename "$demo" .sh)/out" 2>/dev/null &
	tailpid=$!
fi
timeout -k 10 "$total" "${qemu[@]}" -serial "file:$res/console.log" -append "$append" \
	>"$res/qemu.out" 2>&1 &
qpid=$!
# Watchdog: the guest enforces each test's timeout itself; if no test
# finishes within its timeout plus a margin, the guest is hung: kill it.
# margin: runner overhead per test (a kmemleak scan on the debug kernel
# takes minutes under TCG on a busy machine)
margin=$([ "$KIS_DEBUG" = 1 ] && echo 400 || echo 90)
kill_guest()
{
	echo "# vm: $1: killing qemu" | tap_out
	kill $qpid 2>/dev/null
	sleep 5
	kill -9 $qpid 2>/dev/null
}
hung=
late=
seen=0
last=$(date +%s)
while kill -0 $qpid 2>/dev/null; do
	sleep 2
	n=$(find "$res/t" -name status 2>/dev/null | wc -l)
	if [ "$n" != "$seen" ]; then
		seen=$n
		last=$(date +%s)
	fi
	if [ "$seen" -ge ${#list[@]} ]; then
		allow=$margin	# the final kmemleak scan, then power off
	elif [ "$seen" = 0 ]; then
		allow=$((boot_allow + ${tmo[0]} + margin))
	else
		allow=$((${tmo[$seen]} + margin))
	fi
	if [ -n "$deadline" ] && [ "$(date +%s)" -ge "$deadline" ]; then
		late=1
		kill_guest "the time budget ran out after $seen of ${#list[@]} test(s)"
		break
	fi
	if [ $(($(date +%s) - last)) -gt $allow ]; then
		hung=1
		kill_guest "no progress for ${allow}s: guest hung"
		break
	fi
done
wait $qpid
qrc=$?
[ -n "$hung" ] && qrc=124
t1=$(date +%s)
if [ -n "$tailpid" ]; then
	sleep 1
	kill "$tailpid" 2>/dev/null
	wait "$tailpid" 2>/dev/null
fi
cp "$res/console.log" "$cache/$KVER/console.log" 2>/dev/null

pass=0 fail=0 skip=0
idx=0
for t in "${list[@]}"; do
	idx=$((idx + 1))
	name=$(basename "$t" .sh)
	d=$res/t/$(printf %02d $idx)-$name
	status=$(cat "$d/status" 2>/dev/null)
	if [ -z "$status" ]; then
		if [ -n "$late" ] && [ ! -d "$d" ]; then
			status="skip not started: the time budget ran out"
		elif [ -n "$late" ]; then
			status="fail not finished: the time budget ran out"
		elif [ $qrc = 124 ] || [ $qrc = 137 ]; then
			status="fail guest hung (killed by the host watchdog)"
		else
			status="fail did not complete (guest died, qemu exit $qrc)"
		fi
	fi
	secs=$(cat "$d/seconds" 2>/dev/null || echo '?')
	{
		echo "# ---- $KVER: $t: ${status%% *} (${secs}s)"
		[ -f "$d/out" ] && [ -z "$demo" ] && sed 's/^/  /' "$d/out"
		if [ -s "$d/splat" ]; then
			echo "# kernel log excerpt:"
			head -n 40 "$d/splat" | sed 's/^/#   /'
		fi
	} | tap_out
	# Leaf TAP results of the test itself...
	p=0 f=0 s=0
	if [ -f "$d/out" ]; then
		read -r p f s < <(awk '
			/^[ \t]*not ok( |$)/ { f++; next }
			/^[ \t]*ok( |$)/ { if ($0 ~ /# *[Ss][Kk][Ii][Pp]/) s++; else p++ }
			END { print p + 0, f + 0, s + 0 }' "$d/out")
	fi
	# ...plus one result from the harness where its verdict is not
	# already reflected (timeout, splat, crash, bare exit status).
	case $status in
	pass*)
		[ $f -gt 0 ] && status="fail test printed 'not ok' but exited 0"
		;;
	esac
	case $status in
	pass*)
		if [ $((p + f + s)) = 0 ]; then
			echo "ok - $KVER: $name" | tap_out
			p=1
		fi
		;;
	skip*)
		if [ $((p + f + s)) = 0 ] || [ $s = 0 ]; then
			echo "ok - $KVER: $name # SKIP ${status#skip }" | tap_out
			s=$((s + 1))
		fi
		;;
	*)
		if [ $f = 0 ] || [[ $status == *splat* ]] || [[ $status == *kmemleak* ]] ||
		   [[ $status == *timeout* ]] || [[ $status == *guest* ]] ||
		   [[ $status == *budget* ]]; then
			echo "not ok - $KVER: $name: ${status#fail }" | tap_out
			f=$((f + 1))
		fi
		;;
	esac
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
done

if [ -f "$res/kmemleak.end" ]; then
	n=$(grep -c 'unreferenced object' "$res/kmemleak.end")
	if [ "$n" = 0 ]; then
		echo "ok - $KVER: kmemleak: no leak after all tests" | tap_out
		pass=$((pass + 1))
	else
		echo "not ok - $KVER: kmemleak: $n leaked object(s) after all tests" | tap_out
		sed 's/^/#   /' "$res/kmemleak.end" | head -n 60 | tap_out
		fail=$((fail + 1))
	fi
fi
boot=$(cat "$res/boot-seconds" 2>/dev/null || echo '?')
echo "# vm: $KVER: pass $pass, fail $fail, skip $skip; boot ${boot}s, total $((t1 - t0))s (qemu exit $qrc)" | tap_out
if [ ! -f "$res/done" ]; then
	# an oops: from its first line (the call trace names the culprit),
	# else the last lines
	o=$(grep -n -m1 -E 'BUG:|Oops|general protection|invalid opcode|Kernel panic|WARNING:' \
		"$res/console.log" 2>/dev/null | cut -d: -f1)
	if [ -n "$o" ]; then
		echo "# vm: guest did not finish; the console from its first oops line:" | tap_out
		tail -n "+$((o > 5 ? o - 5 : 1))" "$res/console.log" | head -n 150 | sed 's/^/#   /' | tap_out
	else
		echo "# vm: guest did not finish; last console lines:" | tap_out
		tail -n 30 "$res/console.log" 2>/dev/null | sed 's/^/#   /' | tap_out
	fi
fi
[ -n "$countsfile" ] && echo "$pass $fail $skip" >"$countsfile"
if [ $keep = 1 ]; then
	echo "# vm: results kept in $res" | tap_out
fi
[ $fail = 0 ]
