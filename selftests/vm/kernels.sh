# SPDX-License-Identifier: GPL-2.0
# Kernel discovery for the VM harness; source this file.
#
# vrrp_kernel_resolve SPEC sets:
#   KVER      full kernel release (e.g. 6.12.117+deb12-amd64, or "debug-<key>")
#   KIMAGE    kernel image to boot
#   KDIR_K    build directory for external modules
#   KMODDIR   /lib/modules/<kver> of the guest (empty for the debug kernel)
#   KIS_DEBUG 1 for the debug kernel
# SPEC is "6.1", "6.12" (newest installed kernel with that prefix), a full
# release string, "newest", or "debug".  Nothing is hard-coded: kernels are
# found by globbing /lib/modules and /boot.

VRRP_DEBUG_CACHE=${VRRP_DEBUG_CACHE:-/var/cache/vrrp-debug-kernel}

# All installed Debian kernels that have an image and a build dir, oldest first.
vrrp_kernel_list()
{
	local d v
	for d in /lib/modules/*; do
		v=${d##*/}
		[ -f "/boot/vmlinuz-$v" ] || continue
		[ -d "$d/build" ] || continue
		echo "$v"
	done | sort -V
}

# Major.minor series of installed kernels, e.g. "6.1 6.12".
vrrp_kernel_series()
{
	vrrp_kernel_list | sed -E 's/^([0-9]+\.[0-9]+).*/\1/' | sort -uV
}

vrrp_debug_key()
{
	local top=$1 srcver fraghash
	srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null)
	[ -n "$srcver" ] || srcver=unknown
	fraghash=$(cat "$top/selftests/debug/debug.config" | sha256sum | cut -c1-12)
	echo "${srcver}-${fraghash}"
}

vrrp_kernel_resolve()
{
	local spec=$1 top=${VRRP_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
	local v match=

	KIS_DEBUG=0
	if [ "$spec" = debug ]; then
		local key dir
		key=$(vrrp_debug_key "$top")
		dir=$VRRP_DEBUG_CACHE/$key
		if [ ! -f "$dir/ok" ]; then
			echo "debug kernel $key not built: run selftests/debug/build-kernel.sh" >&2
			return 1
		fi
		KVER=debug-$key
		KIMAGE=$dir/linux/arch/x86/boot/bzImage
		KDIR_K=$dir/linux
		KMODDIR=
		KIS_DEBUG=1
		return 0
	fi
	for v in $(vrrp_kernel_list); do
		case $spec in
		newest) match=$v ;;
		"$v") match=$v ;;
		*)
			case $v in "$spec".*|"$spec"-*) match=$v ;; esac
			;;
		esac
	done
	if [ -z "$match" ]; then
		echo "no installed kernel matches '$spec' (have: $(vrrp_kernel_list | tr '\n' ' '))" >&2
		return 1
	fi
	KVER=$match
	KIMAGE=/boot/vmlinuz-$match
	KDIR_K=/lib/modules/$match/build
	KMODDIR=/lib/modules/$match
}
