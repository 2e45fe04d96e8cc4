#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the vrrp debug kernel from Debian's linux-source-6.1: allnoconfig plus
# selftests/debug/debug.config (KASAN, lockdep, kmemleak, UBSAN, ...).
# The result is cached in $VRRP_DEBUG_CACHE/<source version>-<fragment hash>/
# and reused while neither changes.  Prints the cache directory on stdout.
#
# usage: build-kernel.sh [-j N] [--force]
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
export VRRP_TOP=$top
. "$top/selftests/vm/kernels.sh"

jobs=2
force=0
while [ $# -gt 0 ]; do
	case $1 in
	-j) jobs=$2; shift ;;
	--force) force=1 ;;
	*) echo "usage: $0 [-j N] [--force]" >&2; exit 2 ;;
	esac
	shift
done

tarball=$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -n1)
if [ -z "$tarball" ]; then
	echo "build-kernel: /usr/src/linux-source-6.1.tar.* missing (apt-get install linux-source-6.1)" >&2
	exit 1
fi

key=$(vrrp_debug_key "$top")
dir=$VRRP_DEBUG_CACHE/$key
frag=$top/selftests/debug/debug.config

if [ -f "$dir/ok" ] && [ $force = 0 ]; then
	echo "build-kernel: cached debug kernel $dir" >&2
	echo "$dir"
	exit 0
fi

mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9
# Another process may have finished it while we waited.
if [ -f "$dir/ok" ] && [ $force = 0 ]; then
	echo "$dir"
	exit 0
fi

start=$(date +%s)
log=$dir/build.log
echo "build-kernel: building debug kernel in $dir (log: $log)" >&2
rm -f "$dir/ok"
if [ ! -f "$dir/linux/Makefile" ]; then
	rm -rf "$dir/linux" "$dir/linux-source-6.1"
	# Seed from a finished build of the same source with another fragment:
	# kbuild then only rebuilds what the changed options touch.
	seed=
	for o in "$VRRP_DEBUG_CACHE/${key%-*}"-*/ok; do
		[ -f "$o" ] && seed=$(dirname "$o")
	done
	if [ -n "$seed" ] && [ "$seed" != "$dir" ]; then
		echo "build-kernel: seeding from $seed" >&2
		cp -a "$seed/linux" "$dir/linux.tmp" && mv "$dir/linux.tmp" "$dir/linux"
	else
		tar -C "$dir" -xf "$tarball"
		mv "$dir/linux-source-6.1" "$dir/linux"
	fi
fi
cp "$frag" "$dir/debug.config"

cd "$dir/linux"
mk() { nice -n 10 make ARCH=x86_64 LOCALVERSION=-vrrpdebug "$@"; }
{
	mk allnoconfig
	scripts/kconfig/merge_config.sh -m -O . .config "$dir/debug.config"
	mk olddefconfig
} >"$log" 2>&1

# Check that every requested option survived olddefconfig.
missing=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		if ! grep -qxF "$line" .config; then
			echo "build-kernel: requested '$line' but got: $(grep -E "^(# )?${line%%=*}[= ]" .config || echo 'absent')" >&2
			missing=$((missing + 1))
		fi
		;;
	esac
done <"$dir/debug.config"
if [ $missing -gt 0 ]; then
	echo "build-kernel: $missing requested option(s) not set (see above)" >&2
fi

if ! mk -j"$jobs" bzImage modules >>"$log" 2>&1; then
	tail -n 40 "$log" >&2
	echo "build-kernel: build failed, see $log" >&2
	exit 1
fi
end=$(date +%s)
echo "$((end - start))" >"$dir/build-seconds"
echo "$missing" >"$dir/missing-options"
touch "$dir/ok"
echo "build-kernel: done in $((end - start)) s" >&2
echo "$dir"
