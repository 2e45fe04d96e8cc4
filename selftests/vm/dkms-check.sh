#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# DKMS round trip for each kernel given (6.1, 6.12, or full releases):
# dkms add, build -k, install -k, check the installed module, dkms remove.
# Uses a private version (<version>+check) so that a real install of vrrp
# is never touched.  Prints TAP.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
export VRRP_TOP=$top
. "$top/selftests/vm/kernels.sh"

[ $# -gt 0 ] || set -- $(vrrp_kernel_series)
command -v dkms >/dev/null || { echo "1..0 # SKIP dkms not installed"; exit 4; }

ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
tver="${ver}+check"
src=/usr/src/vrrp-$tver
log=$(mktemp)
n=0 fails=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $*"; sed 's/^/#   /' "$log" | tail -n 30; }

cleanup()
{
	dkms remove -m vrrp -v "$tver" --all >/dev/null 2>&1
	rm -rf "$src" "$log"
}
trap cleanup EXIT
cleanup

echo "1..$((1 + 3 * $#))"
mkdir -p "$src"
cp -a "$top/Kbuild" "$top/dkms.conf" "$top/LICENSE" "$top/kmod" "$top/uapi" "$src/"
find "$src" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod' -o -name '*.mod.c' \) -delete
sed -i "s/^PACKAGE_VERSION=.*/PACKAGE_VERSION=\"$tver\"/" "$src/dkms.conf"
if dkms add -m vrrp -v "$tver" >"$log" 2>&1; then
	ok "dkms add vrrp/$tver"
else
	notok "dkms add vrrp/$tver"
fi

for k in "$@"; do
	if ! vrrp_kernel_resolve "$k" 2>"$log"; then
		notok "dkms build for $k"; notok "dkms install for $k"; notok "installed module for $k"
		continue
	fi
	if dkms build -m vrrp -v "$tver" -k "$KVER" >"$log" 2>&1; then
		ok "dkms build for $KVER"
	else
		cat "/var/lib/dkms/vrrp/$tver/build/make.log" >>"$log" 2>/dev/null
		notok "dkms build for $KVER"
	fi
	if dkms install -m vrrp -v "$tver" -k "$KVER" >"$log" 2>&1; then
		ok "dkms install for $KVER"
	else
		notok "dkms install for $KVER"
	fi
	f=$(find "/lib/modules/$KVER/updates" -name 'vrrp.ko*' 2>/dev/null | head -n1)
	if [ -n "$f" ] && modinfo -F vermagic "$f" 2>"$log" | grep -q "^$KVER "; then
		ok "vrrp.ko installed for $KVER ($f)"
	else
		echo "module file: '${f}'" >>"$log"
		notok "vrrp.ko installed for $KVER"
	fi
done
[ $fails = 0 ]
