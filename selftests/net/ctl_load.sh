#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vrrpctl load: an rVRRPd-style config applies as one batch, a reload of the
# same file causes no transition (monitor -j stays silent), a changed file
# changes only what differs, --check applies nothing, every class of config
# error exits 1 with FILE:LINE and applies nothing, --replace, JSON, and
# monitor -j reports a forced transition.
# vrrp-selftest: timeout=360
# vrrp-selftest: smoke
# vrrp-selftest: kernels=release
. "$(dirname "$0")/../lib.sh"

skip_unless_root
skip_unless_cmd jq ip
[ -n "$VRRPCTL" ] && [ -x "$VRRPCTL" ] || skip_all "tool/vrrpctl not built"
tap_plan 25

load_vrrp || { tap_fail "insmod vrrp.ko"; tap_done; }

ns_create r1
ip -n r1 link add eth0 type veth peer name peer0
ip -n r1 link set eth0 up
ip -n r1 link set peer0 up
ip -n r1 addr add 10.0.0.2/24 dev eth0

V() { in_ns r1 "$VRRPCTL" "$@"; }
jqt() { V show -j 2>/dev/null | jq -e "$1" >/dev/null; }
D=$(mktemp -d "$TMPDIR/ctl_load.XXXXXX")
on_exit rm -rf "$D"
MON=
stop_mon() { [ -n "$MON" ] && kill "$MON" 2>/dev/null; wait "$MON" 2>/dev/null; MON=; }
on_exit stop_mon

# rVRRPd's own keys (as in its install guide), on an interface of this netns
write_conf() { # PRIORITY [extra vrouter lines]
	cat >"$D/r.conf" <<EOC
debug = 5
pid = "$D/rvrrpd.pid"
working_dir = "$D"
main_log = "$D/rvrrpd.log"
error_log = "$D/rvrrpd-error.log"
client_api = "http"

[[vrouter]]
group = 10
interface = "eth0"
vip = "10.0.0.110"
priority = $1
preemption = true
rfc3768 = true
netdrv = "libnl"
iftype = "ether"
auth_type = "rfc2338-simple"
auth_secret = "thissecretnolongeris"
timers = { advert = 1 }
socket_filter = true
${2:-}

[protocols]
  [[protocols.static]]
  route = "10.20.0.0"
  mask = "255.255.0.0"
  nh = "10.0.0.254"

[api]
  tls = false
  host = "0.0.0.0:7080"
  users = [ "{{SHA256}}admin:0:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695" ]
EOC
}

write_conf 200
out=$(V load --check "$D/r.conf" 2>&1)
if [ $? = 0 ] && printf '%s' "$out" | grep -q OK && jqt 'length == 0'; then
	tap_ok "load --check says OK and applies nothing"
else
	tap_fail "load --check says OK and applies nothing" "$out"
fi

tap_check "load an rVRRPd config" V load "$D/r.conf"
tap_check "the VR has the config's values" jqt '
	length == 1 and .[0].vrid == 10 and .[0].interface == "eth0" and
	.[0].version == 2 and .[0].priority == 200 and .[0].preempt == true and
	.[0].advert_ms == 1000 and .[0].vips == ["10.0.0.110"] and
	.[0].auth_type == "simple" and .[0].auth_key_set == true and
	.[0].routes[0].dst == "10.20.0.0/16" and .[0].routes[0].gateway == "10.0.0.254"'
tap_check "it becomes Master" wait_for 20 jqt '.[0].state == "Master"'

in_ns r1 "$VRRPCTL" monitor -j >>"$D/mon" 2>"$D/mon.err" &
MON=$!
sleep 1
tap_check "reloading the same file succeeds" V load "$D/r.conf"
sleep 3
if [ ! -s "$D/mon" ] && jqt '.[0].state == "Master"'; then
	tap_ok "reload of an unchanged file: no transition (monitor -j silent)"
else
	tap_fail "reload of an unchanged file: no transition (monitor -j silent)" "$(cat "$D/mon" "$D/mon.err")"
fi

write_conf 180
tap_check "reload with a changed priority" V load "$D/r.conf"
tap_check "only the priority changed" jqt '.[0].priority == 180 and .[0].state == "Master"'

# error classes: exit 1, FILE:LINE, nothing applied (VR 11 must not appear)
snap=$(V show -j | jq -c '[.[] | {vrid, priority}]')
err_case() { # NAME REGEX [RC]: load $D/bad.conf, expect exit RC (1) + stderr match + no change
	local out rc
	out=$(V load "$D/bad.conf" 2>&1)
	rc=$?
	if [ $rc = "${3:-1}" ] && printf '%s' "$out" | grep -Eq "$2" &&
	   [ "$(V show -j | jq -c '[.[] | {vrid, priority}]')" = "$snap" ]; then
		tap_ok "$1"
	else
		tap_fail "$1" "rc $rc: $out"
	fi
}
good_vr='[[vrouter]]
group = 11
interface = "eth0"
vip = "10.0.0.111"'
printf '%s\n\n[[vrouter]]\ngroup = 12\ninterface = "eth0"\nvip = "10.0.0.112"\nprioirty = 50\n' "$good_vr" >"$D/bad.conf"
err_case "unknown key: FILE:LINE and a suggestion" "^$D/bad.conf:10: prioirty: .*did you mean 'priority'\\?"
printf '%s\npriority = 300\n' "$good_vr" >"$D/bad.conf"
err_case "out of range: FILE:LINE" "^$D/bad.conf:5: priority: 300 is out of range"
printf '%s\npreemption = "yes"\n' "$good_vr" >"$D/bad.conf"
err_case "wrong type: FILE:LINE" "^$D/bad.conf:5: preemption: expected boolean, got string"
printf '%s\n[[vrouter]]\ninterface = "eth0"\nvip = "10.0.0.112"\n' "$good_vr" >"$D/bad.conf"
err_case "missing required key: FILE:LINE" "^$D/bad.conf:5: group: missing required key"
printf '%s\npriority = = 3\n' "$good_vr" >"$D/bad.conf"
err_case "syntax error: FILE:LINE:COL" "^$D/bad.conf:5:[0-9]+: syntax error"
printf '%s\n[[vrouter]]\ngroup = 11\ninterface = "eth0"\nvip = "10.0.0.113"\n' "$good_vr" >"$D/bad.conf"
err_case "duplicate VR: FILE:LINE" "^$D/bad.conf:6: group: duplicate VR"
printf '%s\n[[vrouter]]\ngroup = 13\ninterface = "nosuch0"\nvip = "10.0.0.113"\n' "$good_vr" >"$D/bad.conf"
err_case "missing interface: FILE:LINE, nothing applied" "^$D/bad.conf:[0-9]+: interface: no such device"
printf '%s\nversion = 3\nv3_checksum = "bogus"\n' "$good_vr" >"$D/bad.conf"
err_case "checksum form not known: FILE:LINE and the choices" "^$D/bad.conf:6: v3_checksum: invalid value \"bogus\" \(expected one of: auto, pseudo, rfc9568\)"
printf '%s\nv3_checksum = "pseudo"\n' "$good_vr" >"$D/bad.conf"
err_case "checksum form on an rVRRPd (v2) VR: FILE:LINE" "^$D/bad.conf:5: v3_checksum: applies to VRRPv3 over IPv4 only"
printf '%s\nversion = 3\nv3_checksum = "pseudo"\nv3_checksum_pseudo = true\n' "$good_vr" >"$D/bad.conf"
err_case "v3_checksum and the older v3_checksum_pseudo together: FILE:LINE" "^$D/bad.conf:7: v3_checksum_pseudo: conflicts with v3_checksum \(line 6\)"
printf '%s\n[[vrouter]]\ngroup = 13\ninterface = "lo"\nvip = "10.0.0.113"\n' "$good_vr" >"$D/bad.conf"
err_case "a kernel (extack) error names the VR's FILE:LINE, exit 2, nothing applied" "^$D/bad.conf:6: Error: .*\\(interface lo, group 13\\)" 2

# JSON, with rVRRPd's sample mistake (a trailing comma) named precisely
printf '{\n  "vrouter": [\n    { "group": 11, "interface": "eth0", "vip": "10.0.0.111", },\n  ]\n}\n' >"$D/bad.json"
out=$(V load "$D/bad.json" 2>&1)
if [ $? = 1 ] && printf '%s' "$out" | grep -Eq "^$D/bad.json:3:[0-9]+: syntax error.*comma"; then
	tap_ok "JSON trailing comma: FILE:LINE:COL syntax error"
else
	tap_fail "JSON trailing comma: FILE:LINE:COL syntax error" "$out"
fi

printf '{\n  "vrouter": [\n    { "group": 11, "interface": "eth0", "vip": "10.0.0.111", "priority": 90 }\n  ]\n}\n' >"$D/good.json"
tap_check "load --replace of a JSON file replaces the set" bash -c "
	ip netns exec r1 '$VRRPCTL' load --replace '$D/good.json' &&
	ip netns exec r1 '$VRRPCTL' show -j | jq -e 'length == 1 and .[0].vrid == 11 and .[0].priority == 90' >/dev/null"

tap_check "config dump prints the document as JSON" bash -c "
	'$VRRPCTL' config dump '$D/r.conf' | jq -e '.vrouter[0].group == 10 and .api.tls == false' >/dev/null"

# monitor -j sees a forced transition
tap_check "VR 11 becomes Master" wait_for 20 jqt '.[0].state == "Master"'
: >"$D/mon"
V force backup dev eth0 vrid 11 >/dev/null 2>&1
if wait_for 5 jq -se 'any(.[]; .vrid == 11 and .old_state == "Master" and .state == "Backup" and .reason == "forced" and .interface == "eth0" and (.time | test("Z$")))' "$D/mon"; then
	tap_ok "monitor -j prints the forced Master -> Backup transition"
else
	tap_fail "monitor -j prints the forced Master -> Backup transition" "$(cat "$D/mon")"
fi
stop_mon
V flush >/dev/null 2>&1
tap_check "rmmod vrrp, dmesg clean" unload_vrrp

tap_done
