#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Partition and heal: two routers whose link is cut while both are
# Master-capable end with exactly one Master, the right one, within one
# Master_Down_Interval after the link comes back (measured on the kernel's
# event timestamps), and only that one holds the VIP. 18 VRs at once:
# v3 IPv4, v3 IPv6 and v2; equal priorities (the higher primary address
# wins), r1 higher, r2 higher; preempt on and off (both Masters: the
# better advert wins whatever preempt says, RFC 9568 6.4.3). r2's port
# on the switch is disabled (bridge port state), so that both links stay
# up and both routers become Master.
# vrrp-selftest: timeout=400
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

ROUNDS=${VRRP_PARTITION_ROUNDS:-2}
SCALE=${VRRP_TIMEOUT_SCALE:-$([ "$VRRP_DEBUG_KERNEL" = 1 ] && echo 3 || echo 1)}
export SCALE

vrrp_begin
skip_unless_cmd bridge
echo "TAP version 13"

vrrp_topo r1 r2 || { tap_fail "topology"; echo "1..$_tap_n"; tap_done; }
kill_vrrpctl
tap_check "r2's switch port can be disabled and enabled" sh -c \
	"ip netns exec sw bridge link set dev p-r2 state 0 && ip netns exec sw bridge link set dev p-r2 state 3"

# the guest has no /dev/fd: a fifo instead of a process substitution
mkfifo "$TMPDIR/driver.fifo"
python3 "$VRRP_TOP/selftests/net/vrrp_partition.py" "$ROUNDS" >"$TMPDIR/driver.fifo" 2>&1 &
driver=$!
on_exit kill $driver
while IFS= read -r line; do
	case $line in
	"ok - "*) tap_ok "${line#ok - }" ;;
	"not ok - "*) tap_fail "${line#not ok - }" ;;
	*) echo "$line" ;;
	esac
done <"$TMPDIR/driver.fifo"
wait $driver
driver_rc=$?
tap_check "the partition driver ran to the end" test "$driver_rc" = 0

dmesg_mark
ip netns exec r1 $VNL flush
ip netns exec r2 $VNL flush
tap_check "flush: no VIP left" wait_for $((10 * SCALE)) sh -c "! ip -n r1 addr | grep -q 'inet6\? \(10.99\|fd00:99\)' && ! ip -n r2 addr | grep -q 'inet6\? \(10.99\|fd00:99\)'"
tap_check "rmmod clean" unload_vrrp
echo "1..$_tap_n"
tap_done
