#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Lifecycle soak: at least 1,000 random operations from a fixed seed on
# three routers that hold elections on two bridges (NEW, SET, DEL,
# DEL + NEW of an owner or forced Master at once, BATCH, BATCH replace,
# FLUSH, link flaps, devices deleted and re-created under the same name,
# devices moved to another netns and back, a router's netns deleted with
# live VRs, rmmod with live VRs), checked every 100 operations against a
# model: the VRs listed are the model's, every Master has its VIPs and
# routes, nothing is installed without a Master holding it, no vif without
# its VR; at the end, after flush and rmmod, nothing is left anywhere and
# the kernel log has no splat and no device waiting for its references.
# The seed is printed; VRRP_SOAK_SEED and VRRP_SOAK_OPS override it
# (vrrp_soak.py has the details).
# vrrp-selftest: timeout=1200
# vrrp-selftest: kernels=debug-long
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

SCALE=${VRRP_TIMEOUT_SCALE:-$([ "$VRRP_DEBUG_KERNEL" = 1 ] && echo 3 || echo 1)}
export SCALE VRRP_KO
export VRRP_SOAK_SEED=${VRRP_SOAK_SEED:-20250101}
# 200 operations; 100 on the debug kernel, where each costs five times
# more (make check's time budget on a 2-core machine; VRRP_SOAK_OPS=1000
# for the full soak)
export VRRP_SOAK_OPS=${VRRP_SOAK_OPS:-$([ "$VRRP_DEBUG_KERNEL" = 1 ] && echo 100 || echo 200)}
WAITING_RE='waiting for .* to become free|unregister_netdevice: waiting'

vrrp_begin
echo "TAP version 13"
# macvlan.ko loaded first: the first macvlan VR racing a netns teardown
# is vrrp_teardown_flood's subject (a deadlock), not this test's
modprobe macvlan 2>/dev/null
_netns+=(sw r1 r2 r3 park)	# the driver creates them; removed at exit
ns_create sw && bridge_create sw br0 && bridge_create sw br1 ||
	{ tap_fail "switch"; echo "1..$_tap_n"; tap_done; }

dmesg_mark
finished=0
# the guest has no /dev/fd: a fifo instead of a process substitution
mkfifo "$TMPDIR/driver.fifo"
python3 "$VRRP_TOP/selftests/net/vrrp_soak.py" >"$TMPDIR/driver.fifo" 2>&1 &
driver=$!
on_exit kill $driver
while IFS= read -r line; do
	case $line in
	"# total "*) finished=1; echo "$line" ;;
	"ok - "*) tap_ok "${line#ok - }" ;;
	"not ok - "*) tap_fail "${line#not ok - }" ;;
	*) echo "$line" ;;
	esac
done <"$TMPDIR/driver.fifo"
wait $driver
driver_rc=$?

[ $finished = 1 ] && [ $driver_rc = 0 ] ||
	tap_fail "the soak driver ran to the end" "exit status $driver_rc"
tap_check "the driver unloaded the module at the end" test ! -d /sys/module/vrrp
check_log()
{
	local w
	dmesg_clean || return 1
	w=$(dmesg_since_mark | grep -E "$WAITING_RE")
	[ -z "$w" ] && return 0
	printf '%s\n' "$w" | head -n 10 | sed 's/^/# dmesg: /'
	return 1
}
tap_check "kernel log: no splat, no device waiting for its references" check_log
echo "1..$_tap_n"
tap_done
