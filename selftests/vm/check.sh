#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: everything CI runs, in tiers, with timings and one final
# summary line "N passed, N failed, N skipped" counting every TAP result
# (build steps, unit tests, VM tests on each kernel, DKMS).
#
# Tiers: deps, build (vrrp.ko W=1 for each installed kernel series and the
# debug kernel, vrrpctl), unit, vm-<kernel> for each series and debug,
# dkms, style (informational, not counted).
# Environment: VRRP_CHECK_KERNELS (default: every installed series + debug),
# VRRP_CHECK_SKIP_DEBUG=1 to leave out the debug kernel tier,
# VRRP_CHECK_SMOKE_KERNELS="6.1 debug" kernels that run only the smoke subset
# (default: the oldest installed series; "" runs everything everywhere)
# (selftests/net/smoke_*.sh and tests marked "# vrrp-selftest: smoke"),
# VRRP_CHECK_TESTS="a b" to run only those VM tests (for trying check.sh).
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
# The whole matrix does not fit in CI's time: the newest series (6.12)
# runs everything; the older series (6.1) and the debug kernel (KASAN makes
# it several times slower) run the smoke subset.
smoke_default=$(vrrp_kernel_series | sed '$d' | tr '\n' ' ')
smoke_kernels=${VRRP_CHECK_SMOKE_KERNELS-"$smoke_default debug"}
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
tier_end

# ---- unit ----
tier_start unit
make -s -C selftests/unit check >"$work/unit.tap" 2>&1
rc=$?
cat "$work/unit.tap"
count_tap "$work/unit.tap" $rc "unit tests"
tier_end

# ---- VM tiers: one boot per kernel, all kernels at once ----
# The guests mostly wait on protocol timers, so booting every kernel in
# parallel keeps the wall time near the longest tier. A kernel in
# $smoke_kernels runs the subset: smoke_*.sh and tests marked
# "# vrrp-selftest: smoke" (plus the splat detector on the debug kernel).
# VRRP_CHECK_SHARDS: guests per fully tested kernel (default 2)
shards=${VRRP_CHECK_SHARDS:-2}
smoke_list=$(cd "$top" && { ls selftests/net/smoke_*.sh; grep -l 'vrrp-selftest: smoke' selftests/net/*.sh; } 2>/dev/null | sort -u | tr '\n' ' ')
vm_tier()
{
	local k=$1 d=$work/vm-$1 t0
	local targs=()

	mkdir -p "$d"
	t0=$(date +%s)
	[ -n "${VRRP_CHECK_TESTS-}" ] && targs=(-t "$VRRP_CHECK_TESTS")
	if [[ " $smoke_kernels " == *" $k "* ]]; then
		local sm=$smoke_list
		[ "$k" = debug ] && sm="$sm selftests/debug/splat_detect.sh"
		echo "# vm-$k: subset only: $sm" >"$d/head"
		targs=(-t "$sm")
	fi
	if ! vrrp_kernel_resolve "$k" 2>/dev/null; then
		echo "not ok - vm-$k: kernel not available" >"$d/tap"
		echo "0 1 0" >"$d/counts"
	elif [ ${#targs[@]} = 0 ] && [ "$shards" -gt 1 ]; then
		vm_shards "$k" "$d"
	else
		selftests/vm/run.sh -k "$k" "${targs[@]}" --tap "$d/tap" \
			--counts "$d/counts" >/dev/null 2>"$d/err"
		echo $? >"$d/rc"
	fi
	echo $(($(date +%s) - t0)) >"$d/seconds"
}

# vm_shards KERNEL DIR: the full suite split over $shards guests of the
# same kernel, each with its own build cache so they never share files.
vm_shards()
{
	local k=$1 d=$2 i n=0 rc=0 p f s P1=0 F1=0 S1=0
	local tests=() lists=() pids=()

	mapfile -t tests < <(cd "$top" && ls selftests/net/*.sh | grep -v 'lib\.sh$')
	for t in "${tests[@]}"; do
		lists[n % shards]+="$t "
		n=$((n + 1))
	done
	for ((i = 0; i < shards; i++)); do
		[ -n "${lists[i]-}" ] || continue
		VRRP_BUILD_CACHE=/var/cache/vrrp-build/shard$i \
		selftests/vm/run.sh -k "$k" -t "${lists[i]}" --tap "$d/tap$i" \
			--counts "$d/counts$i" >/dev/null 2>"$d/err$i" &
		pids[i]=$!
	done
	for ((i = 0; i < shards; i++)); do
		[ -n "${pids[i]-}" ] || continue
		wait "${pids[i]}" || rc=$?
		cat "$d/tap$i" >>"$d/tap" 2>/dev/null
		cat "$d/err$i" >>"$d/err" 2>/dev/null
		if [ -s "$d/counts$i" ]; then
			read -r p f s <"$d/counts$i"
			P1=$((P1 + p)) F1=$((F1 + f)) S1=$((S1 + s))
		else
			echo "not ok - vm-$k: shard $i did not run" >>"$d/tap"
			F1=$((F1 + 1))
		fi
	done
	echo "$P1 $F1 $S1" >"$d/counts"
	echo $rc >"$d/rc"
}
tier_start vm
vm_pids=()
for k in "${kernels[@]}"; do
	vm_tier "$k" &
	vm_pids+=($!)
done
wait "${vm_pids[@]}"
for k in "${kernels[@]}"; do
	d=$work/vm-$k
	echo "# ===== tier: vm-$k ($(cat "$d/seconds" 2>/dev/null || echo '?')s)"
	[ -f "$d/head" ] && cat "$d/head"
	[ -f "$d/tap" ] && cat "$d/tap"
	rc=$(cat "$d/rc" 2>/dev/null || echo 0)
	if [ -s "$d/counts" ]; then
		read -r p f s <"$d/counts"
		P=$((P + p)) F=$((F + f)) S=$((S + s))
		[ "$rc" != 0 ] && [ "$f" = 0 ] && notok "vm-$k: harness exit status $rc"
	else
		cat "$d/err" 2>/dev/null
		notok "vm-$k: harness did not run (exit $rc)"
	fi
	timings+=("$(printf '%-14s %5ss' "vm-$k" "$(cat "$d/seconds" 2>/dev/null || echo '?')")")
done
tier_end

# ---- dkms ----
tier_start dkms
selftests/vm/dkms-check.sh $series >"$work/dkms.tap" 2>&1
rc=$?
cat "$work/dkms.tap"
count_tap "$work/dkms.tap" $rc "dkms"
tier_end

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
