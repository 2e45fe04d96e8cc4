#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The Debian packages: dpkg-buildpackage -us -uc -b on a copy of the tree
# builds vrrp-dkms and vrrpctl, lintian reports no error, each holds what
# it should; then (as root, unless VRRP_CHECK_PKG_INSTALL=0) they are
# installed on this machine, DKMS builds the module for the kernels given,
# a guest of the newest (which sees this root) modprobes it and uses the
# packaged vrrpctl and man page (selftests/pkg/installed.sh), and both are
# purged, leaving nothing. Prints TAP.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
export VRRP_TOP=$top
. "$top/selftests/vm/kernels.sh"
[ $# -gt 0 ] || set -- $(vrrp_kernel_series)

n=0 fails=0
log=$(mktemp)
B=$(mktemp -d /var/tmp/vrrp-pkg.XXXXXX)
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $*"; sed 's/^/#   /' "$log" | tail -n 30; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
check() { local name=$1; shift; if "$@" >"$log" 2>&1; then ok "$name"; else notok "$name"; fi; }
installed=0
cleanup()
{
	[ $installed = 1 ] && dpkg --purge vrrpctl vrrp-dkms >/dev/null 2>&1
	rm -rf "$B" "$log"
}
trap cleanup EXIT

for c in dpkg-buildpackage dh dh_dkms lintian; do
	command -v $c >/dev/null || { echo "1..0 # SKIP $c not installed (selftests/vm/deps.sh)"; exit 4; }
done
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
mkdir "$B/vrrp-$ver"
# the tracked files (and new ones not ignored), not build products
if git -C "$top" rev-parse 2>/dev/null; then
	(cd "$top" && git ls-files -co --exclude-standard) >"$B/files"
else
	(cd "$top" && find . -type f ! -path './.git/*' | sed 's|^\./||') >"$B/files"
fi
(cd "$top" && tar -cf - -T "$B/files") | tar -xf - -C "$B/vrrp-$ver"
make -s -C "$B/vrrp-$ver/tool" clean >/dev/null 2>&1

check "dpkg-buildpackage -us -uc -b builds vrrp-dkms and vrrpctl" \
	sh -c "cd '$B/vrrp-$ver' && dpkg-buildpackage -us -uc -b"
dkms_deb=$B/vrrp-dkms_${ver}_all.deb
ctl_deb=$(ls "$B"/vrrpctl_"${ver}"_*.deb 2>/dev/null | head -n1)
if ! [ -f "$dkms_deb" ] || ! [ -f "$ctl_deb" ]; then
	notok "both .deb files exist"
	echo "1..$n"
	exit 1
fi
lintian --tag-display-limit 0 "$B"/*.changes >"$log" 2>&1
grep -v 'root privileges' "$log" | sed 's/^/# lintian: /'
if ! grep -q '^E: ' "$log"; then
	ok "lintian: no error ($(grep -c '^W: ' "$log") warning(s))"
else
	notok "lintian: no error"
fi

has_files() # DEB PATH...: the package holds each PATH
{
	local deb=$1 p miss=
	shift
	dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' >"$B/list"
	for p in "$@"; do grep -qx "$p" "$B/list" || miss="$miss $p"; done
	[ -z "$miss" ] || { echo "missing:$miss"; return 1; }
}
check "vrrpctl holds the tool, the vrrpd link, both man pages, the unit, the completion" \
	has_files "$ctl_deb" /usr/sbin/vrrpctl /usr/sbin/vrrpd /usr/share/man/man8/vrrpctl.8.gz \
	/usr/share/man/man5/vrrp.conf.5.gz /lib/systemd/system/vrrpctl.service \
	/usr/share/bash-completion/completions/vrrpctl /usr/share/bash-completion/completions/vrrpd
check "vrrp-dkms holds the module source and dkms.conf" \
	has_files "$dkms_deb" "/usr/src/vrrp-$ver/dkms.conf" "/usr/src/vrrp-$ver/Kbuild" \
	"/usr/src/vrrp-$ver/kmod/main.c" "/usr/src/vrrp-$ver/uapi/linux/vrrp.h"
check "vrrp-dkms depends on dkms and runs it on install" sh -c "
	dpkg-deb -f '$dkms_deb' Depends | grep -q dkms &&
	dpkg-deb -I '$dkms_deb' postinst | grep -q dkms"

if [ "${VRRP_CHECK_PKG_INSTALL:-1}" = 0 ] || [ "$(id -u)" != 0 ]; then
	skip "install, modprobe in a guest, purge" "VRRP_CHECK_PKG_INSTALL=0 or not root"
	echo "1..$n"
	[ $fails = 0 ]
	exit
fi
if dpkg-query -W vrrpctl vrrp-dkms >/dev/null 2>&1; then
	skip "install, modprobe in a guest, purge" "vrrp packages already installed here"
	echo "1..$n"
	[ $fails = 0 ]
	exit
fi
installed=1
check "dpkg -i vrrp-dkms vrrpctl (DKMS builds the module)" \
	env DEBIAN_FRONTEND=noninteractive dpkg -i "$dkms_deb" "$ctl_deb"
for k in "$@"; do
	vrrp_kernel_resolve "$k" 2>/dev/null || continue
	check "DKMS installed vrrp $ver for $KVER" sh -c \
		"dkms status -m vrrp -v '$ver' -k '$KVER' | grep -q installed"
done
newest=$(vrrp_kernel_series | tail -n1)
"$top/selftests/vm/run.sh" -k "$newest" -t selftests/pkg/installed.sh \
	--counts "$B/guest.counts" >"$log" 2>&1
rc=$?
read -r gp gf _ <"$B/guest.counts" 2>/dev/null
grep -E '^ *(not ok|# )' "$log" | sed 's/^ */# guest: /' | head -n 20
if [ $rc = 0 ] && [ "${gf:-1}" = 0 ] && [ "${gp:-0}" -ge 5 ]; then
	ok "a $newest guest: modprobe vrrp (DKMS's), the packaged vrrpctl and man page (${gp} checks)"
else
	notok "a $newest guest: modprobe vrrp (DKMS's), the packaged vrrpctl and man page (rc $rc, ${gp:-?} passed, ${gf:-?} failed)"
fi
check "dpkg --purge vrrpctl vrrp-dkms" env DEBIAN_FRONTEND=noninteractive \
	dpkg --purge vrrpctl vrrp-dkms
installed=0
left=$(ls /usr/sbin/vrrpctl "/usr/src/vrrp-$ver" /lib/modules/*/updates/dkms/vrrp.ko* 2>/dev/null)
if [ -z "$left" ] && ! dkms status -m vrrp -v "$ver" 2>/dev/null | grep -q .; then
	ok "purged: no vrrpctl, module source or DKMS module left"
else
	echo "left: $left" >"$log"
	notok "purged: no vrrpctl, module source or DKMS module left"
fi
echo "1..$n"
[ $fails = 0 ]
