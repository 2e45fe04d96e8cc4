#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make style`: checkpatch --strict (from Debian's linux-source-6.1) on the
# kernel sources, and sparse (C=2) against the newest installed headers.
# Informational: prints the findings and a one-line summary, exits 0
# unless a tool is missing.  Set VRRP_STYLE_STRICT=1 to fail on findings.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
export VRRP_TOP=$top
. "$top/selftests/vm/kernels.sh"
cp_dir=/var/cache/vrrp-checkpatch
cache=${VRRP_BUILD_CACHE:-/var/cache/vrrp-build}

if [ ! -f $cp_dir/scripts/checkpatch.pl ]; then
	tarball=$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -n1)
	[ -n "$tarball" ] || { echo "style: linux-source-6.1 not installed"; exit 1; }
	mkdir -p $cp_dir
	tar -C $cp_dir --strip-components=1 -xf "$tarball" \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch || exit 1
fi

files=$(cd "$top" && ls kmod/*.[ch] uapi/linux/*.h selftests/debug/warn_mod/*.c 2>/dev/null)
cp_issues=0
for f in $files; do
	out=$(cd "$top" && perl $cp_dir/scripts/checkpatch.pl --no-tree --strict --terse \
		--show-types -f "$f" 2>&1 | grep -E '^[^ ]+:[0-9]+: (ERROR|WARNING|CHECK)')
	if [ -n "$out" ]; then
		echo "$out"
		cp_issues=$((cp_issues + $(echo "$out" | wc -l)))
	fi
done

sp_issues=0
if [ -f "$top/Kbuild" ] && command -v sparse >/dev/null; then
	vrrp_kernel_resolve newest
	d=$cache/$KVER/sparse
	mkdir -p "$d"
	rsync -a --delete --include='/Kbuild' --include='/dkms.conf' --include='/kmod/***' --include='/uapi/***' \
		--exclude='*' "$top/" "$d/"
	make -C "$KDIR_K" M="$d" C=2 CHECK="sparse -Wno-unknown-attribute" -j"${VRRP_JOBS:-2}" \
		modules >"$d.log" 2>&1
	grep -E '(warning|error):' "$d.log" | sed "s|$d/||" | grep -v '^/usr/src' || true
	sp_issues=$(grep -E '(warning|error):' "$d.log" | grep -vc '^/usr/src')
fi
echo "style: checkpatch --strict: $cp_issues finding(s) in $(echo $files | wc -w) file(s); sparse C=2 ($KVER): $sp_issues finding(s)"
if [ "${VRRP_STYLE_STRICT:-0}" = 1 ] && [ $((cp_issues + sp_issues)) -gt 0 ]; then
	exit 1
fi
exit 0
