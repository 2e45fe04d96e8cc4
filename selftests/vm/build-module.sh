#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build vrrp.ko (and, with --warn-module, the debug tier's test-only WARN
# module) for one kernel, in a per-kernel copy of the sources so that
# several kernels never clobber each other:
#   $VRRP_BUILD_CACHE/<kver>/vrrp/      Kbuild, kmod/, uapi/ and the objects
#   $VRRP_BUILD_CACHE/<kver>/warn_mod/  selftests/debug/warn_mod
# Builds with W=1; any compiler or modpost warning is an error.
#
# usage: build-module.sh [--warn-module] [--quiet] KERNEL
#   KERNEL: 6.1, 6.12, debug, a full release, or newest
# Prints the path of vrrp.ko on stdout (empty line if there is nothing to
# build yet, i.e. no Kbuild in the tree).
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
export VRRP_TOP=$top
. "$top/selftests/vm/kernels.sh"
cache=${VRRP_BUILD_CACHE:-/var/cache/vrrp-build}

warn=0
quiet=0
while [ $# -gt 1 ]; do
	case $1 in
	--warn-module) warn=1 ;;
	--quiet) quiet=1 ;;
	*) break ;;
	esac
	shift
done
[ $# = 1 ] || { echo "usage: $0 [--warn-module] [--quiet] KERNEL" >&2; exit 2; }
vrrp_kernel_resolve "$1"

jobs=${VRRP_JOBS:-2}
kbuild()
{
	local dir=$1 log=$2
	if ! nice -n 5 make -C "$KDIR_K" M="$dir" W=1 -j"$jobs" modules >"$log" 2>&1; then
		cat "$log" >&2
		echo "build-module: build failed for $KVER ($dir)" >&2
		return 1
	fi
	if grep -Ei 'warning:' "$log" >&2; then
		echo "build-module: warnings for $KVER ($dir) are errors" >&2
		return 1
	fi
	[ $quiet = 1 ] || grep -E '^\s+(CC|LD)' "$log" | sed "s|$dir/||; s|^|  [$KVER] |" >&2 || true
}

base=$cache/$KVER
mkdir -p "$base"
# guests of the same kernel start together (make check): one build, then
# the others find it up to date
exec 8>"$base/.lock"
flock 8
ex=(--exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' --exclude='*.mod'
    --exclude='*.mod.c' --exclude='*.d' --exclude='*.tmp' --exclude='*.a'
    --exclude='Module.symvers' --exclude='modules.order' --exclude='.*.o.d')

if [ $warn = 1 ]; then
	rsync -a --delete "${ex[@]}" "$top/selftests/debug/warn_mod/" "$base/warn_mod/"
	kbuild "$base/warn_mod" "$base/warn_mod.log"
fi

if [ ! -f "$top/Kbuild" ]; then
	echo "build-module: no Kbuild yet, vrrp.ko not built" >&2
	echo
	exit 0
fi
mkdir -p "$base/vrrp"
rsync -a --delete "${ex[@]}" --include='/Kbuild' --include='/dkms.conf' --include='/kmod/***' \
	--include='/uapi/***' --exclude='*' "$top/" "$base/vrrp/"
kbuild "$base/vrrp" "$base/vrrp.log"
echo "$base/vrrp/vrrp.ko"
