#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vrrpctl add/set/del/show/force/flush round trips in a fresh netns, the
# documented JSON fields, argument errors (exit 1, nothing changed), kernel
# refusals (exit 2), show -s -s and -br.
# vrrp-selftest: timeout=360
. "$(dirname "$0")/../lib.sh"

skip_unless_root
skip_unless_cmd jq ip
[ -n "$VRRPCTL" ] && [ -x "$VRRPCTL" ] || skip_all "tool/vrrpctl not built"
tap_plan 32

load_vrrp || { tap_fail "insmod vrrp.ko"; tap_done; }

ns_create r1
ip -n r1 link add eth0 type veth peer name peer0
ip -n r1 link set eth0 up
ip -n r1 link set peer0 up
ip -n r1 addr add 10.0.0.2/24 dev eth0

V() { in_ns r1 "$VRRPCTL" "$@"; }
# jqt FILTER: true if the filter yields true on "show -j"
jqt() { V show -j 2>/dev/null | jq -e "$1" >/dev/null; }

out=$(V show -j 2>&1)
if [ "$(printf '%s' "$out" | tr -d ' \n\t')" = "[]" ]; then
	tap_ok "show -j prints [] in a fresh netns"
else
	tap_fail "show -j prints [] in a fresh netns" "got: $out"
fi

out=$(V show 2>&1)
if [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] && printf '%s' "$out" | grep -q '^INTERFACE'; then
	tap_ok "show with no VRs prints only the header"
else
	tap_fail "show with no VRs prints only the header" "got: $out"
fi

tap_check "add dev eth0 vrid 1 (v3, two VIPs, prio 150)" \
	V add dev eth0 vrid 1 version 3 vip 10.0.0.100 10.0.0.101/24 prio 150 advert-ms 200 preempt on

tap_check "show -j has the documented fields and values" jqt '
	length == 1 and .[0].interface == "eth0" and .[0].vrid == 1 and
	.[0].family == "inet" and .[0].version == 3 and .[0].priority == 150 and
	.[0].effective_priority == 150 and .[0].advert_ms == 200 and
	.[0].preempt == true and .[0].vips == ["10.0.0.100", "10.0.0.101/24"] and
	(.[0].state | IN("Init", "Backup", "Master")) and
	(.[0] | has("master") and has("vmac") and has("auth_type")) and
	.[0].auth_key_set == false and (.[0] | has("stats") | not)'

out=$(V add dev eth0 vrid 1 vip 10.0.0.100 2>&1)
rc=$?
if [ $rc != 0 ] && printf '%s' "$out" | grep -q '^Error: '; then
	tap_ok "adding an existing VR fails with the kernel's \"Error: ...\""
else
	tap_fail "adding an existing VR fails with the kernel's \"Error: ...\"" "rc $rc: $out"
fi

tap_check "a single router becomes Master" wait_for 15 jqt '.[0].state == "Master"'

tap_check "set prio 120 changes the priority only" V set dev eth0 vrid 1 prio 120
tap_check "show -j shows the new priority, VIPs kept" \
	jqt '.[0].priority == 120 and (.[0].vips | length) == 2'

# lists: a list given replaces the whole list, "none" clears it
V set dev eth0 vrid 1 track peer0 weight 10 peer 10.0.0.7 route 198.51.100.0/24 via 10.0.0.1 >/dev/null
tap_check "set track/peer/route: lists replaced" jqt '
	(.[0].tracks | length) == 1 and .[0].peers == ["10.0.0.7"] and (.[0].routes | length) == 1'
# text and JSON from one decoded object: show -d names every field of -j
V show -d >"$TMPDIR/d.txt" 2>&1
sed 's/^/# /' "$TMPDIR/d.txt"
tap_check "show -d: tracks, peers, routes and GARP in text" sh -c "
	grep -q '^    .*tracks peer0(weight 10)' '$TMPDIR/d.txt' &&
	grep -q ' peers 10.0.0.7' '$TMPDIR/d.txt' &&
	grep -q ' routes 198.51.100.0/24(gateway 10.0.0.1' '$TMPDIR/d.txt' &&
	grep -q ' garp.repeat [0-9]' '$TMPDIR/d.txt'"
miss=
for k in $(V show -j | jq -r '.[0] | to_entries[] | if (.value | type) == "object"
		then .key + "." + (.value | keys_unsorted[]) else .key end'); do
	case $k in interface|vrid|family|version|state|priority|effective_priority|\
		advert_ms|master|v3_checksum|v3_checksum_used|vips) continue ;; esac
	grep -q "\(^\| \)$k " "$TMPDIR/d.txt" || miss="$miss $k"
done
tap_check "show -d: every field of show -j, in the row or below it (missing:${miss:- none})" test -z "$miss"
tap_check "set track none peer none route none" V set dev eth0 vrid 1 track none peer none route none
tap_check "the three lists are empty, VIPs and priority kept" jqt '
	(.[0].tracks | length) == 0 and (.[0].peers | length) == 0 and
	(.[0].routes | length) == 0 and (.[0].vips | length) == 2 and .[0].priority == 120'

tap_check "show -s -j adds stats with tx_adverts > 0" wait_for 5 bash -c "
	ip netns exec r1 '$VRRPCTL' show -s -j |
	jq -e '.[0].stats.tx_adverts > 0 and (.[0].stats | has(\"rx_adverts\"))'"

out=$(V show -s 2>&1)
if printf '%s' "$out" | grep -q 'tx_adverts' && printf '%s' "$out" | grep -q '^global:'; then
	tap_ok "show -s prints counters and the global counters"
else
	tap_fail "show -s prints counters and the global counters" "$out"
fi

tap_check "force backup" V force backup dev eth0 vrid 1
tap_check "forced VR is Backup" wait_for 5 jqt '.[0].state == "Backup" and .[0].forced == "backup"'
tap_check "force release" V force release dev eth0 vrid 1
tap_check "released VR returns to Master" wait_for 15 jqt '.[0].state == "Master" and .[0].forced == "none"'

tap_check "IPv6 VR with the same vrid" V add dev eth0 vrid 1 vip fe80::1 2001:db8::1
tap_check "show family inet6 filter" \
	bash -c "ip netns exec r1 '$VRRPCTL' show family inet6 -j | jq -e 'length == 1 and .[0].family == \"inet6\" and .[0].version == 3'"

tap_check "auth key is never shown" bash -c "
	ip netns exec r1 '$VRRPCTL' add dev eth0 vrid 5 version 2 vip 10.0.0.105 auth simple key s3cr3tkey &&
	out=\$(ip netns exec r1 '$VRRPCTL' show -j vrid 5) &&
	echo \"\$out\" | jq -e '.[0].auth_type == \"simple\" and .[0].auth_key_set == true' >/dev/null &&
	! echo \"\$out\" | grep -q s3cr3t"

# refused NAME RC REGEX ARGS...: each ARGS (one string per command) exits
# RC with a message matching REGEX, and the VR table is unchanged
refused()
{
	local name=$1 want=$2 re=$3 args out rc bad=0 why= before after
	shift 3
	before=$(V show -j | jq -c '[.[] | {interface, vrid, family, priority}]')
	for args in "$@"; do
		# shellcheck disable=SC2086
		out=$(V $args 2>&1)
		rc=$?
		if [ $rc != "$want" ] || ! printf '%s' "$out" | grep -Eq "$re"; then
			bad=1
			why="$why [$args: rc $rc '$out']"
		fi
	done
	after=$(V show -j | jq -c '[.[] | {interface, vrid, family, priority}]')
	if [ $bad = 0 ] && [ "$before" = "$after" ]; then
		tap_ok "$name"
	else
		tap_fail "$name" "$why"
	fi
}

# argument errors: exit 1, a message, and nothing changed
refused "bad arguments exit 1 with a message and change nothing" 1 . \
	"add dev eth0 vrid 300 vip 10.0.0.1" "add dev nosuch0 vrid 2 vip 10.0.0.1" \
	"add dev eth0 vrid 2 prio abc" "add dev eth0 vrid 2 frobnicate 1" \
	"add dev eth0 vip 10.0.0.1" "set dev eth0 vrid 1 preempt maybe" \
	"add dev eth0 vrid 2 vip 10.0.0.1 fe80::2" "force sideways dev eth0 vrid 1"
# the kernel's refusals exit 2 (iproute2's "RTNETLINK answers"), with its
# message; nothing changed
refused "the kernel's refusals exit 2 with its message and change nothing" 2 '^Error: ' \
	"add dev eth0 vrid 1 vip 10.0.0.1" "del dev eth0 vrid 77" \
	"set dev eth0 vrid 77 prio 10" "add dev lo vrid 9 vip 10.0.0.9"

# -s: the main counters and the sum of the errors; -s -s: every counter
out=$(V show -s dev eth0 vrid 5 2>&1)
if printf '%s' "$out" | grep -q 'tx_adverts [0-9]' &&
   printf '%s' "$out" | grep -q 'errors [0-9]' &&
   ! printf '%s' "$out" | grep -q 'auth_failures'; then
	tap_ok "show -s: main counters and the error sum, not each error"
else
	tap_fail "show -s: main counters and the error sum, not each error" "$out"
fi
out=$(V -s -s show dev eth0 vrid 5 2>&1)
want=$(V show -j -s dev eth0 vrid 5 | jq -r '.[0].stats | keys[]')
miss=
for k in $want; do
	printf '%s' "$out" | grep -qw "$k" || miss="$miss $k"
done
if [ -z "$miss" ] && [ -n "$want" ] && printf '%s' "$out" | grep -q '^global:'; then
	tap_ok "show -s -s: every counter of show -j -s, and the global ones"
else
	tap_fail "show -s -s: every counter of show -j -s, and the global ones" "missing:$miss; $out"
fi
# -br: one line per VR, no header: IF/VRID/FAMILY STATE VIPS
out=$(V -br show 2>&1)
n=$(V show -j | jq length)
if [ "$(printf '%s\n' "$out" | wc -l)" = "$n" ] &&
   printf '%s\n' "$out" | grep -Eq '^eth0/5/inet +(Master|Backup|Init) +10\.0\.0\.105$'; then
	tap_ok "-br show: one line per VR ($n)"
else
	tap_fail "-br show: one line per VR ($n)" "$out"
fi
tap_check "show -br -j: interface, vrid, family, state, vips" bash -c "
	ip netns exec r1 '$VRRPCTL' show -br -j vrid 5 |
	jq -e 'length == 1 and (.[0] | keys) == [\"family\", \"interface\", \"state\", \"vips\", \"vrid\"] and .[0].vips == [\"10.0.0.105\"]' >/dev/null"

tap_check "del removes one VR" V del dev eth0 vrid 5
tap_check "show dev/vrid filters" bash -c "
	ip netns exec r1 '$VRRPCTL' show dev eth0 vrid 1 -j | jq -e 'length == 2' >/dev/null &&
	ip netns exec r1 '$VRRPCTL' show vrid 5 -j | jq -e 'length == 0' >/dev/null"
tap_check "flush removes everything" bash -c "
	ip netns exec r1 '$VRRPCTL' flush &&
	ip netns exec r1 '$VRRPCTL' show -j | jq -e 'length == 0' >/dev/null"
tap_check "rmmod vrrp, dmesg clean" unload_vrrp

tap_done
