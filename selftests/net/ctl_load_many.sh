#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vrrpctl load of 300 VRs (two interfaces) is one batch; reloading the
# same file causes no transition; a file that changes one VR changes only
# that one; --replace with a shorter file removes the rest.
# vrrp-selftest: timeout=420
. "$(dirname "$0")/../lib.sh"

skip_unless_root
skip_unless_cmd jq ip
[ -n "$VRRPCTL" ] && [ -x "$VRRPCTL" ] || skip_all "tool/vrrpctl not built"
tap_plan 8

load_vrrp || { tap_fail "insmod vrrp.ko"; tap_done; }

ns_create r1
for i in 0 1; do
	ip -n r1 link add eth$i type veth peer name peer$i
	ip -n r1 link set eth$i up
	ip -n r1 link set peer$i up
	ip -n r1 addr add 10.$i.0.2/16 dev eth$i
done
V() { in_ns r1 "$VRRPCTL" "$@"; }
D=$(mktemp -d "$TMPDIR/ctl_many.XXXXXX")
on_exit rm -rf "$D"
MON=
stop_mon() { [ -n "$MON" ] && kill "$MON" 2>/dev/null; wait "$MON" 2>/dev/null; MON=; }
on_exit stop_mon

gen() { # FILE PRIO_OF_VR_1 COUNT_ETH1
	{
		echo 'debug = 0'
		for g in $(seq 1 200); do
			printf '[[vrouter]]\ngroup = %d\ninterface = "eth0"\nvip = "10.0.%d.%d"\npriority = %d\npreemption = true\n' \
				"$g" $((g / 200 + 100)) "$g" $([ "$g" = 1 ] && echo "$2" || echo 100)
		done
		for g in $(seq 1 "$3"); do
			printf '[[vrouter]]\ngroup = %d\ninterface = "eth1"\nvip = ["10.1.%d.%d", "10.1.200.%d/24"]\nversion = 3\ntimers = { advert_ms = 1000 }\n' \
				"$g" 100 "$g" "$g"
		done
	} >"$1"
}

gen "$D/a.conf" 100 100
tap_check "load 300 VRs" V load "$D/a.conf"
tap_check "300 VRs exist" bash -c "ip netns exec r1 '$VRRPCTL' show global -j | jq -e '.vr_count == 300' >/dev/null"
tap_check "all 300 become Master" wait_for 60 bash -c \
	"ip netns exec r1 '$VRRPCTL' show -j | jq -e 'length == 300 and all(.[]; .state == \"Master\")' >/dev/null"

in_ns r1 "$VRRPCTL" monitor -j >>"$D/mon" 2>&1 &
MON=$!
sleep 1
tap_check "reload the same 300 VRs" V load "$D/a.conf"
sleep 3
if [ ! -s "$D/mon" ]; then
	tap_ok "no transition on reload (monitor -j silent)"
else
	tap_fail "no transition on reload (monitor -j silent)" "$(head -5 "$D/mon")"
fi

gen "$D/b.conf" 150 100
V load "$D/b.conf" >/dev/null 2>&1
sleep 2
if V show -j | jq -e '[.[] | select(.priority != 100)] | length == 1 and .[0].vrid == 1 and .[0].interface == "eth0" and .[0].priority == 150' >/dev/null &&
   ! grep -v '"vrid":1,' "$D/mon" | grep -q .; then
	tap_ok "a changed file changes only the VR that differs"
else
	tap_fail "a changed file changes only the VR that differs" "$(head -5 "$D/mon")"
fi
stop_mon

gen "$D/c.conf" 150 10
tap_check "load --replace with 210 VRs removes the other 90" bash -c "
	ip netns exec r1 '$VRRPCTL' load --replace '$D/c.conf' &&
	ip netns exec r1 '$VRRPCTL' show -j | jq -e 'length == 210 and ([.[] | select(.interface == \"eth1\")] | length) == 10' >/dev/null"

V flush >/dev/null 2>&1
tap_check "rmmod vrrp, dmesg clean" unload_vrrp

tap_done
