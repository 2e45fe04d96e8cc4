#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Harness smoke test: vrrp.ko loads, the genl family answers through
# vrrpctl ("show -j" prints [] with no VRs), and rmmod is clean.
# vrrp-selftest: timeout=120
# vrrp-selftest: kernels=all
. "$(dirname "$0")/../lib.sh"

skip_unless_root
tap_plan 5

if load_vrrp; then
	tap_ok "insmod vrrp.ko ($VRRP_KVER)"
else
	tap_fail "insmod vrrp.ko ($VRRP_KVER)"
fi

tap_check "/sys/module/vrrp exists" test -d /sys/module/vrrp

if [ -z "$VRRPCTL" ] || [ ! -x "$VRRPCTL" ]; then
	tap_skip "vrrpctl show -j prints []" "tool/vrrpctl not built"
elif ! [ -d /sys/module/vrrp ]; then
	tap_fail "vrrpctl show -j prints []" "module not loaded"
else
	out=$("$VRRPCTL" show -j 2>&1)
	rc=$?
	if [ $rc = 0 ] && [ "$(printf '%s' "$out" | tr -d ' \n\t')" = "[]" ]; then
		tap_ok "vrrpctl show -j prints []"
	else
		tap_fail "vrrpctl show -j prints []" "exit $rc, output: $out"
	fi
fi

# one version number: dkms.conf's, in the module and in vrrpctl -V
dk=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$VRRP_TOP/dkms.conf")
if [ -z "$VRRPCTL" ] || [ ! -x "$VRRPCTL" ]; then
	tap_skip "module version = dkms.conf's, in vrrpctl -V" "tool/vrrpctl not built"
else
	tap_check "module version = dkms.conf's ($dk), in vrrpctl -V" sh -c "
		[ \"\$(cat /sys/module/vrrp/version)\" = '$dk' ] &&
		'$VRRPCTL' -V | grep -qx 'module vrrp $dk'"
fi

if [ -d /sys/module/vrrp ] && unload_vrrp; then
	tap_ok "rmmod vrrp, dmesg clean"
else
	tap_fail "rmmod vrrp, dmesg clean"
fi

tap_done
