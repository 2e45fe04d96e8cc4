#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Make the tiny initramfs that boots the VM: static busybox, the modules
# needed for virtio-pci + 9p (resolved from the kernel's modules.dep and
# decompressed here), and selftests/vm/init as /init.
#
# usage: mkinitramfs.sh OUT.cpio.gz [/lib/modules/<kver>]
#        (no module dir: the kernel has everything built in, as the debug one)
set -euo pipefail

out=$1
moddir=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
busybox=${BUSYBOX:-/bin/busybox}

if ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked' &&
   ! ldd "$busybox" 2>&1 | grep -q 'not a dynamic'; then
	echo "mkinitramfs: $busybox is not static (apt-get install busybox-static)" >&2
	exit 1
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,dev,proc,sys,newroot,modules}
cp "$busybox" "$root/bin/busybox"
cp "$here/init" "$root/init"
chmod 755 "$root/init"
: >"$root/modules/order"

if [ -n "$moddir" ]; then
	declare -A seen=()
	dep=$moddir/modules.dep
	# path of a module given its name, from modules.dep ("" if built in)
	modpath() {
		{ grep -E "(^|/)$1\.ko(\.[a-z]+)?:" "$dep" || true; } | head -n1 | cut -d: -f1
	}
	add() {
		local rel=$1 d name
		[ -n "${seen[$rel]:-}" ] && return 0
		seen[$rel]=1
		for d in $(grep -E "^${rel//+/\\+}:" "$dep" | cut -d: -f2-); do
			add "$d"
		done
		name=$(basename "$rel")
		case $name in
		*.ko.xz) xz -dc "$moddir/$rel" >"$root/modules/${name%.xz}"; name=${name%.xz} ;;
		*.ko.zst) zstd -qdc "$moddir/$rel" >"$root/modules/${name%.zst}"; name=${name%.zst} ;;
		*.ko.gz) gzip -dc "$moddir/$rel" >"$root/modules/${name%.gz}"; name=${name%.gz} ;;
		*) cp "$moddir/$rel" "$root/modules/$name" ;;
		esac
		echo "$name" >>"$root/modules/order"
	}
	for m in virtio_pci 9pnet_virtio 9p; do
		p=$(modpath "$m")
		[ -n "$p" ] && add "$p"
	done
fi

(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
