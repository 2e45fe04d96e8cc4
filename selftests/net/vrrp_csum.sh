#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The v3 IPv4 checksum form. The default ("auto") sends the pseudo-header
# form, as keepalived, FRR and Wireshark expect, and follows a peer that
# sends the other one: r1 (defaults) hears r2 pinned to "rfc9568", counts
# it, emits an event, logs it, shows it, and as Master then sends that
# form (tshark, told to expect it, finds it good; with its defaults, bad).
# A pseudo-form peer brings it back; a pinned VR does not follow; "csum
# auto" starts over. Bad values are refused with the kernel's or the
# tool's message and create nothing; v2 and IPv6 are not affected.
# vrrp-selftest: timeout=300
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"
. "$(dirname "$0")/h7_lib.sh"

h7_begin tcpdump tshark
tap_plan 28

vrrp_topo r1 r2 c
S=(r1 eth0 20 inet)
form() { [ "$(vjson "${S[@]}" | jq -r '"\(.v3_checksum)/\(.v3_checksum_used)"')" = "$1" ]; }
followed() { [ "$(vstat "${S[@]}" checksum_followed)" = "$1" ]; }
form_n() { form "$1" && followed "$2"; }
# refused NAME MSG NS ARGS...: vrrpctl fails with MSG and creates nothing
refused()
{
	local name=$1 msg=$2 ns=$3 out n0 n1
	shift 3
	n0=$(vctl "$ns" show -j | jq length)
	if out=$(vctl "$ns" "$@" 2>&1); then
		tap_fail "$name" "accepted: $*"
		return
	fi
	n1=$(vctl "$ns" show -j | jq length)
	if echo "$out" | grep -q "$msg" && [ "$n0" = "$n1" ]; then
		tap_ok "$name"
	else
		tap_fail "$name" "got: $out (VRs $n0 -> $n1)"
	fi
}

# ---- bad input ----
refused "csum bogus: the tool names the choices" "csum is auto, pseudo or rfc9568" \
	r1 add dev eth0 vrid 30 version 3 vip 192.0.2.230 csum bogus
refused "csum pseudo on a v2 VR: extack" "applies to VRRPv3 over IPv4 only" \
	r1 add dev eth0 vrid 30 version 2 vip 192.0.2.230 csum pseudo
refused "csum rfc9568 on an IPv6 VR: extack" "applies to VRRPv3 over IPv4 only" \
	r1 add dev eth0 vrid 30 family inet6 vip 2001:db8::230 csum rfc9568
if out=$(nl r1 add dev eth0 vrid 30 version 3 csum 3 vip 192.0.2.230 2>&1); then
	tap_fail "a value past the last form: refused by the policy" "accepted"
elif echo "$out" | grep -qi "out of range"; then
	tap_ok "a value past the last form: refused by the policy"
else
	tap_fail "a value past the last form: refused by the policy" "got: $out"
fi
vctl_ok "a v2 VR (rVRRPd's default) with no option" r1 add dev eth0 vrid 31 \
	version 2 vip 192.0.2.231
tap_check "a v2 VR shows no checksum form" sh -c \
	"[ \"\$(ip netns exec r1 $VRRPCTL show -j dev eth0 vrid 31 | jq -r '.[0].v3_checksum_used // \"none\"')\" = none ]"
vctl r1 del dev eth0 vrid 31

# ---- r1 (auto) follows r2 (rfc9568) ----
# (no kill_vrrpctl from here: it would stop the monitor)
in_ns r1 "$VRRPCTL" monitor -j >"$TMPDIR/mon" 2>&1 &
MON=$!
on_exit kill $MON
sleep 1
dmesg_mark
vctl_ok "r2: prio 200, csum rfc9568" r2 add dev eth0 vrid 20 version 3 prio 200 \
	advert-ms 200 vip 192.0.2.220 csum rfc9568
tap_check "r2 Master" wait_vstate 20 r2 eth0 20 inet Master
vctl_ok "r1: prio 100, defaults" r1 add dev eth0 vrid 20 version 3 prio 100 \
	advert-ms 200 vip 192.0.2.220
tap_check "r1 Backup" wait_vstate 20 "${S[@]}" Backup
tap_check "r1 follows: show -j says auto, sending rfc9568" wait_for 10 form auto/rfc9568
tap_check "r1 counts it once: checksum_followed 1" followed 1
tap_check "the text table shows auto/rfc9568" sh -c \
	"ip netns exec r1 $VRRPCTL show | grep -E '^eth0 +20 .* auto/rfc9568 +192.0.2.220'"
tap_check "monitor -j: a checksum-followed event, state unchanged, form rfc9568" \
	wait_for 5 sh -c "jq -e 'select(.reason == \"checksum-followed\" and .vrid == 20 and .state == \"Backup\" and .old_state == \"Backup\" and .checksum == \"rfc9568\")' $TMPDIR/mon >/dev/null"
tap_check "the kernel log names the form and the peer" sh -c \
	"dmesg | sed -n '/$_dmesg_mark/,\$p' | grep -q 'eth0 vrid 20: checksum form now RFC 9568, as 192.0.2.2 sends'"
tap_check "no checksum error on r1" sh -c "[ \"\$(ip netns exec r1 $VRRPCTL show global -j | jq .checksum_errors)\" = 0 ]"

# ---- as Master, r1 sends the form it followed ----
cap_start c cap-follow
vctl_ok "r2 deleted (priority 0)" r2 del dev eth0 vrid 20
tap_check "r1 Master" wait_vstate 10 "${S[@]}" Master
sleep 2
cap_stop cap-follow
wire_tap tshark "$H7_DIR/cap-follow.pcap" --vrid 20 --v3-as-v2
wire_tap tshark "$H7_DIR/cap-follow.pcap" --vrid 20 --expect-bad

# ---- a pseudo-form peer brings it back ----
vctl_ok "r2: prio 250, csum pseudo" r2 add dev eth0 vrid 20 version 3 prio 250 \
	advert-ms 200 vip 192.0.2.220 csum pseudo
tap_check "r1 Backup again" wait_vstate 20 "${S[@]}" Backup
tap_check "r1 follows back: auto/pseudo, checksum_followed 2" \
	wait_for 10 form_n auto/pseudo 2

# ---- pinned: no following ----
vctl_ok "r1: csum rfc9568" r1 set dev eth0 vrid 20 family inet csum rfc9568
sleep 2
tap_check "pinned: still rfc9568 under a pseudo-form Master, no new count" \
	form_n rfc9568/rfc9568 2
vctl_ok "r1: csum auto" r1 set dev eth0 vrid 20 family inet csum auto
tap_check "auto again starts with the pseudo-header form" form auto/pseudo
kill $MON 2>/dev/null
tap_check "no splat" sh -c "! dmesg | sed -n '/$_dmesg_mark/,\$p' | grep -E 'WARNING|BUG:|Oops'"
tap_done
