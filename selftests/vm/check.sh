#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: everything CI runs, in tiers, with timings and one final
# summary line "N passed, N failed, N skipped" counting every TAP result
# (build steps, unit tests, VM tests on each kernel, DKMS).
#
# Tiers: deps, build (vrrp.ko W=1 for each installed kernel series and the
# debug kernel, vrrpctl), unit, vm-<kernel> for each series and debug,
# dkms, package (the Debian packages), style (informational, not counted).
# Environment: VRRP_CHECK_KERNELS (default: every installed series + debug),
# VRRP_CHECK_SKIP_DEBUG=1 to leave out the debug kernel tier,
# VRRP_CHECK_SMOKE_KERNELS="6.1 debug" kernels that run only the smoke subset
# (selftests/net/smoke_*.sh and tests marked "# vrrp-selftest: smoke";
# default: none, every kernel runs everything),
# VRRP_CHECK_SHARDS, VRRP_CHECK_DEBUG_SHARDS, VRRP_CHECK_JOBS (see the VM
# tiers below),
# VRRP_CHECK_TESTS="a b" to run only those VM tests (for trying check.sh),
# VRRP_CHECK_BUDGET (seconds, default 4700): guests still running when the
# whole run reaches this minus 420 s (kept for dkms, package and style) are
# stopped: the test that was running fails ("not finished: the time budget
# ran out"), the tests that never started report SKIP (they could not
# run), so the run always ends with its summary line.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
export VRRP_TOP=$top
cd "$top" || exit 2
. selftests/vm/kernels.sh

work=$(mktemp -d /var/tmp/vrrp-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
export VRRP_VM_QUIET=1

P=0 F=0 S=0
timings=()

tap() { echo "$*"; }
ok() { P=$((P + 1)); tap "ok - $*"; }
notok() { F=$((F + 1)); tap "not ok - $*"; }
skipped() { S=$((S + 1)); tap "ok - $1 # SKIP ${*:2}"; }

# count_tap FILE RC NAME: add FILE's TAP results; a non-zero RC with no
# "not ok" in FILE adds one failure named NAME.
count_tap()
{
	local file=$1 rc=$2 name=$3 p f s
	read -r p f s < <(awk '
		/^[ \t]*not ok( |$)/ { f++; next }
		/^[ \t]*ok( |$)/ { if ($0 ~ /# *[Ss][Kk][Ii][Pp]/) s++; else p++ }
		END { print p + 0, f + 0, s + 0 }' "$file")
	P=$((P + p)) F=$((F + f)) S=$((S + s))
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		notok "$name (exit status $rc)"
	fi
}

tier_start() { tier_name=$1; tier_t0=$(date +%s); echo "# ===== tier: $1"; }
tier_end() { timings+=("$(printf '%-14s %5ss' "$tier_name" $(($(date +%s) - tier_t0)))"); }

t_all=$(date +%s)

# ---- deps ----
tier_start deps
if selftests/vm/deps.sh; then ok "Debian dependencies present"; else notok "Debian dependencies"; fi
tier_end

series=${VRRP_CHECK_KERNELS:-$(vrrp_kernel_series | tr '\n' ' ')}
kernels=()
for s in $series; do kernels+=("$s"); done
# Every kernel runs every test unless listed here (to save time by hand).
smoke_kernels=${VRRP_CHECK_SMOKE_KERNELS-}
[ "${VRRP_CHECK_SKIP_DEBUG:-0}" = 1 ] || kernels+=(debug)

# ---- build ----
tier_start build
if [[ " ${kernels[*]} " == *" debug "* ]]; then
	if out=$(selftests/debug/build-kernel.sh 2>"$work/dbg.err"); then
		ok "debug kernel ($(basename "$out"), built in $(cat "$out/build-seconds" 2>/dev/null || echo '?')s)"
		m=$(cat "$out/missing-options" 2>/dev/null || echo 0)
		[ "$m" = 0 ] || echo "# debug kernel: $m requested option(s) did not stick (see its build)"
	else
		cat "$work/dbg.err"
		notok "debug kernel build"
	fi
fi
declare -A built=()
for k in "${kernels[@]}"; do
	if vrrp_kernel_resolve "$k" 2>/dev/null; then
		if ko=$(selftests/vm/build-module.sh --quiet --warn-module "$k" 2>"$work/bm.err") && [ -n "$ko" ]; then
			ok "vrrp.ko builds with W=1, no warnings, for $KVER"
			built[$k]=1
		else
			cat "$work/bm.err"
			notok "vrrp.ko builds with W=1, no warnings, for $KVER"
		fi
	else
		notok "kernel $k is installed"
	fi
done
if make -s -C tool >"$work/tool.log" 2>&1; then
	ok "tool/vrrpctl builds (-Wall -Wextra -Werror)"
else
	cat "$work/tool.log"
	notok "tool/vrrpctl builds (-Wall -Wextra -Werror)"
fi
if make -s -C selftests/net/tools >"$work/tools.log" 2>&1; then
	ok "selftests/net/tools build (-Wall -Wextra -Werror)"
else
	cat "$work/tools.log"
	notok "selftests/net/tools build (-Wall -Wextra -Werror)"
fi
tier_end

# ---- unit ----
tier_start unit
make -s -C selftests/unit check >"$work/unit.tap" 2>&1
rc=$?
cat "$work/unit.tap"
count_tap "$work/unit.tap" $rc "unit tests"
tier_end

# ---- VM tiers: a queue of guests ----
# Which test runs where, from a line in the test:
#   "# vrrp-selftest: kernels=all"      every kernel: 6.12, 6.1 and debug
#                                       (object lifetimes: smoke, rmmod and
#                                       netns exit with live VRs)
#   "# vrrp-selftest: kernels=debug-long" 6.12, and the debug kernel with
#                                       VRRP_CHECK_DEBUG_LONG=1: the long
#                                       fault and abuse suites (device churn,
#                                       teardown under flood, packet and genl
#                                       fuzz, soak), which take the debug kernel
#                                       over an hour here under TCG
#   "# vrrp-selftest: kernels=release"  6.12 and 6.1 (election, failover,
#                                       IPv6, vrrpctl load: the engine on
#                                       both series)
#   neither                             the newest series only
# The debug kernel also runs selftests/debug/*.sh. VRRP_CHECK_FULL_KERNELS
# ("6.12" by default) run everything; VRRP_CHECK_DEBUG_FULL=1 runs every
# test on the debug kernel too. Each list is split into shards, one guest
# each, of about VRRP_CHECK_SHARD_SECONDS (default 700) by the times of the
# last run on this machine, so that the guests end together;
# VRRP_CHECK_SHARDS / VRRP_CHECK_DEBUG_SHARDS fix the count instead. At
# most VRRP_CHECK_JOBS guests (default 4) run at once, the longest first;
# TCG is CPU-bound, so more guests than that only makes each slower. A kernel in $smoke_kernels runs
# just the smoke subset (selftests/net/smoke_*.sh and the tests marked
# "# vrrp-selftest: smoke"), in one guest.
shards=${VRRP_CHECK_SHARDS:-}
dshards=${VRRP_CHECK_DEBUG_SHARDS:-}
shard_s=${VRRP_CHECK_SHARD_SECONDS:-700}
slots=${VRRP_CHECK_JOBS:-4}
smoke_list=$(cd "$top" && { ls selftests/net/smoke_*.sh; grep -l 'vrrp-selftest: smoke' selftests/net/*.sh; } 2>/dev/null | sort -u | tr '\n' ' ')
full_list=$(cd "$top" && ls selftests/net/*.sh | grep -v 'lib\.sh$' | tr '\n' ' ')
dbg_re='vrrp-selftest: kernels=(all|debug)$'
[ "${VRRP_CHECK_DEBUG_LONG:-0}" = 1 ] && dbg_re='vrrp-selftest: kernels=(all|debug|debug-long)$'
debug_tests=$(cd "$top" && grep -lE "$dbg_re" selftests/net/*.sh | tr '\n' ' ')
release_list=$(cd "$top" && grep -lE 'vrrp-selftest: kernels=(all|release)' selftests/net/*.sh | tr '\n' ' ')
debug_list="$debug_tests $(cd "$top" && ls selftests/debug/*.sh | grep -v build-kernel | tr '\n' ' ')"
[ "${VRRP_CHECK_DEBUG_FULL:-0}" = 1 ] && debug_list="$full_list $(cd "$top" && ls selftests/debug/*.sh | grep -v build-kernel | tr '\n' ' ')"
full_kernels=${VRRP_CHECK_FULL_KERNELS-$(vrrp_kernel_series | tail -n1)}

# vm_job KERNEL N LIST: one guest; results in $work/vm-KERNEL/{tap,counts,err,rc}N
vm_job()
{
	local k=$1 n=$2 d=$work/vm-$1 c
	selftests/vm/run.sh -k "$k" -t "$3" --tap "$d/tap$n" \
		--counts "$d/counts$n" --deadline "$vm_deadline" >/dev/null 2>"$d/err$n"
	echo $? >"$d/rc$n"
	date +%s >"$d/end$n"
	c=$(cat "$d/counts$n" 2>/dev/null)
	echo "# vm-$k shard $n done $(($(date +%s) - vm_t0))s after the VM tier began (passed failed skipped: ${c:-none})"
}

# the jobs, longest first: "KERNEL N TEST..." per line
jobs_file=$work/vm-jobs
durations=${VRRP_BUILD_CACHE:-/var/cache/vrrp-build}/durations

# test_seconds KERNEL TEST: the test's time in the last run on this
# machine, else in selftests/vm/durations-KERNEL (times of a make check on
# the 2-core build machine, for a machine that never ran the suite), else 0
test_seconds()
{
	local f
	for f in "$durations-$1" "$top/selftests/vm/durations-$1"; do
		[ -f "$f" ] && awk -v t="$2" '$1 == t { print $2 + 0; f = 1; exit }
			END { exit !f }' "$f" && return
	done
	echo 0
}
: >"$jobs_file"
order=()
[[ " ${kernels[*]} " == *" debug "* ]] && order+=(debug)
for k in "${kernels[@]}"; do [ "$k" = debug ] || order+=("$k"); done
for k in "${order[@]}"; do
	d=$work/vm-$k
	mkdir -p "$d"
	if ! vrrp_kernel_resolve "$k" 2>/dev/null; then
		echo "not ok - vm-$k: kernel not available" >"$d/tap"
		echo 1 >"$d/missing"
		continue
	fi
	list=$release_list
	[[ " $full_kernels " == *" $k "* ]] && list=$full_list
	[ "$k" = debug ] && list=$debug_list
	n=$shards
	[ "$k" = debug ] && n=$dshards
	# the guess for a test never timed here
	guess=$([ "$k" = debug ] && echo 400 || echo 120)
	if [ -n "${VRRP_CHECK_TESTS-}" ]; then
		list=$VRRP_CHECK_TESTS
	elif [[ " $smoke_kernels " == *" $k "* ]]; then
		list=$smoke_list
		[ "$k" = debug ] && list="$list selftests/debug/splat_detect.sh"
		echo "# vm-$k: subset only: $list" >"$d/head"
		n=1
	fi
	if [ -z "$n" ]; then
		n=$(for t in $list; do test_seconds "$k" "$t"; done |
			awk -v g="$guess" -v m="$shard_s" '
			{ c += $1 ? $1 : g } END { n = int((c + m - 1) / m); print n < 1 ? 1 : n }')
	fi
	# longest first onto the shard with the least so far, by the times of
	# the last run on this kernel (a guess for a test never timed)
	for t in $list; do
		echo "$t $(test_seconds "$k" "$t")"
	done | awk -v n="$n" -v k="$k" -v g="$guess" '
		{ t[NR] = $1; c[NR] = $2 + 0 ? $2 + 0 : g }
		END {
			for (s = 0; s < n; s++)
				load[s] = 0
			for (i = 1; i <= NR; i++)	# by cost, descending
				for (j = i + 1; j <= NR; j++)
					if (c[j] > c[i]) {
						x = c[i]; c[i] = c[j]; c[j] = x
						x = t[i]; t[i] = t[j]; t[j] = x
					}
			for (i = 1; i <= NR; i++) {
				b = 0
				for (s = 1; s < n; s++)
					if (load[s] < load[b])
						b = s
				load[b] += c[i]; part[b] = part[b] t[i] " "
			}
			for (s = 0; s < n; s++)
				if (part[s] != "")
					printf "%d %s %d %s\n", load[s], k, s, part[s]
		}' >>"$jobs_file"
done
# the debug kernel's guests first (each is long and one vCPU-bound
# guest; started last they make the tail), then the longest first
sort -rn -o "$jobs_file" "$jobs_file"
sed -i 's/^[0-9]* //' "$jobs_file"
{ grep '^debug ' "$jobs_file"; grep -v '^debug ' "$jobs_file"; } >"$jobs_file.o"
mv -f "$jobs_file.o" "$jobs_file"

tier_start vm
vm_t0=$(date +%s)
vm_deadline=$((t_all + ${VRRP_CHECK_BUDGET:-4700} - 420))
running=0
while read -r k n list; do
	while [ "$running" -ge "$slots" ]; do
		wait -n
		running=$((running - 1))
	done
	if [ "$(date +%s)" -ge "$vm_deadline" ]; then
		d=$work/vm-$k
		: >"$d/tap$n"
		for t in $list; do
			echo "ok - vm-$k: $t # SKIP not started: the time budget ran out" >>"$d/tap$n"
		done
		echo "0 0 $(echo $list | wc -w)" >"$d/counts$n"
		echo 0 >"$d/rc$n"
		continue
	fi
	vm_job "$k" "$n" "$list" &
	running=$((running + 1))
done <"$jobs_file"
wait

for k in "${kernels[@]}"; do
	d=$work/vm-$k
	[ -d "$d" ] || continue
	end=$(cat "$d"/end* 2>/dev/null | sort -n | tail -n1)
	echo $((${end:-$vm_t0} - vm_t0)) >"$d/seconds"
	echo "# ===== tier: vm-$k (done $(cat "$d/seconds")s after the VM tier began)"
	[ -f "$d/head" ] && cat "$d/head"
	if [ -f "$d/missing" ]; then
		cat "$d/tap"
		notok "vm-$k: kernel not available"
		continue
	fi
	while read -r k2 n list; do
		[ "$k2" = "$k" ] || continue
		cat "$d/tap$n" 2>/dev/null
		rc=$(cat "$d/rc$n" 2>/dev/null || echo 1)
		if [ -s "$d/counts$n" ]; then
			read -r p f s2 <"$d/counts$n"
			P=$((P + p)) F=$((F + f)) S=$((S + s2))
			[ "$rc" != 0 ] && [ "$f" = 0 ] && notok "vm-$k shard $n: harness exit status $rc"
		else
			cat "$d/err$n" 2>/dev/null
			notok "vm-$k shard $n: harness did not run (exit $rc)"
		fi
	done <"$jobs_file"
	timings+=("$(printf '%-14s %5ss' "vm-$k" "$(cat "$d/seconds")")")
	# each test's time, for the next run's shards
	cat "$d"/tap* 2>/dev/null |
		sed -n 's/^# ---- [^ ]*: \(selftests\/[^:]*\): [a-z]* (\([0-9]*\)s)$/\1 \2/p' \
		>"$durations-$k.new" && [ -s "$durations-$k.new" ] &&
		mv "$durations-$k.new" "$durations-$k"
	rm -f "$durations-$k.new"
done
tier_end

# host_tier NAME CMD...: a tier that is one TAP-printing command
host_tier()
{
	local name=$1 rc
	shift
	tier_start "$name"
	"$@" >"$work/$name.tap" 2>&1
	rc=$?
	cat "$work/$name.tap"
	count_tap "$work/$name.tap" $rc "$name"
	tier_end
}

# ---- dkms; package: the Debian packages, installed, used in a guest, purged ----
# shellcheck disable=SC2086
host_tier dkms selftests/vm/dkms-check.sh $series
# shellcheck disable=SC2086
host_tier package selftests/vm/package-check.sh $series

# ---- style (informational) ----
tier_start style
selftests/vm/style.sh >"$work/style.log" 2>&1
echo "# style (not counted): $(tail -n1 "$work/style.log")"
tier_end

echo "# ===== timings"
for t in "${timings[@]}"; do echo "# $t"; done
echo "# total          $(($(date +%s) - t_all))s"
echo "$P passed, $F failed, $S skipped"
[ $F = 0 ]
