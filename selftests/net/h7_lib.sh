# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Helpers for the keepalived interop (ka_*), auth (auth_*) and wire (wire_*)
# selftests. Source after ../lib.sh and vrrp_lib.sh. Everything goes through
# vrrpctl (show -j, add, del, set), as a user would.
# Not a test by itself.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	echo "1..0 # SKIP helper library, not a test"
	exit 4
fi

H7_WIRE="python3 $VRRP_TOP/selftests/net/h7_wire.py"
# per-test scratch directory ($TMPDIR is shared by every test in the guest)
H7_DIR=$(mktemp -d "$TMPDIR/h7.XXXXXX")
on_exit rm -rf "$H7_DIR"

# h7_begin: root, module loaded, vrrpctl built (its absence is a failure:
# it is part of the product, not an optional host tool).
h7_begin()
{
	skip_unless_root
	skip_unless_cmd ip jq python3 "$@"
	require_vrrp_ko || skip_all "vrrp.ko not built"
	if [ -z "$VRRPCTL" ] || [ ! -x "$VRRPCTL" ]; then
		echo "1..1"
		echo "not ok 1 - vrrpctl is built (VRRPCTL='$VRRPCTL')"
		exit 1
	fi
	# a private copy: the tree's binary may be rebuilt while the test runs
	mkdir -p "$H7_DIR/h7bin"
	cp "$VRRPCTL" "$H7_DIR/h7bin/vrrpctl" && VRRPCTL=$H7_DIR/h7bin/vrrpctl
	kill_vrrpctl
	load_vrrp || { echo "1..1"; echo "not ok 1 - insmod vrrp.ko"; exit 1; }
	on_exit rmmod vrrp
}

# vctl NS ARGS...: vrrpctl inside a netns
vctl() { local ns=$1; shift; ip netns exec "$ns" "$VRRPCTL" "$@"; }

# vctl_ok NAME NS ARGS...: one TAP result for a vrrpctl command
vctl_ok() { local name=$1; shift; tap_check "$name" vctl "$@"; }

# vjson NS DEV VRID FAM: this VR's object from "vrrpctl show -j -s"
vjson()
{
	vctl "$1" show -j -s dev "$2" vrid "$3" family "$4" 2>/dev/null |
		jq -c '.[0] // empty' 2>/dev/null
}

# vget NS DEV VRID FAM JQ-PATH: one field (".state", ".stats.auth_failures"),
# with one jq (each costs about 0.5 s of CPU under TCG)
vget()
{
	vctl "$1" show -j -s dev "$2" vrid "$3" family "$4" 2>/dev/null |
		jq -r "(.[0] // empty) | ($5 // empty)" 2>/dev/null
}

# vstate NS DEV VRID FAM
vstate() { vget "$1" "$2" "$3" "$4" .state; }
is_vstate() { [ "$(vstate "$1" "$2" "$3" "$4")" = "$5" ]; }
# wait_vstate TIMEOUT NS DEV VRID FAM STATE: the module's state over
# netlink, polled in one process (cheap under TCG), then vrrpctl's view
wait_vstate()
{
	in_ns "$2" $VNL wait "$1" dev "$3" vrid "$4" family "$5" state "$6" \
		>/dev/null 2>&1 && is_vstate "$2" "$3" "$4" "$5" "$6"
}

# vstat NS DEV VRID FAM COUNTER: a per-VR counter (0 if absent)
vstat() { local v; v=$(vget "$1" "$2" "$3" "$4" ".stats.$5"); echo "${v:-0}"; }
vgstat() { vctl "$1" show global -j 2>/dev/null | jq -r ".$2 // 0"; }

# stat_rises TIMEOUT NS DEV VRID FAM COUNTER BEFORE
stat_gt() { [ "$(vstat "$1" "$2" "$3" "$4" "$5")" -gt "$6" ]; }
stat_rises() { local t=$1; shift; wait_for "$t" stat_gt "$@"; }

# vr_diag NS DEV VRID FAM: the VR as a diagnostic line
vr_diag()
{
	tap_diag "$1 vrid $3 $4: $(vjson "$1" "$2" "$3" "$4" |
		jq -c '{state,priority,master,last_reason,stats}' 2>/dev/null)"
}

no_addr() { ! has_addr "$@"; }
# vip_only NS-WITH NS-WITHOUT VIP
vip_only() { wait_for 10 has_addr "$1" eth0 "$3" && no_addr "$2" eth0 "$3"; }

# ---- keepalived ----
# ka_conf NAME VERSION FAMILY VRID PRIO VIPS [AUTHPASS]: writes
# $H7_DIR/ka-NAME/keepalived.conf with a notify script that appends the
# state to $H7_DIR/ka-NAME/state
ka_conf()
{
	local name=$1 ver=$2 fam=$3 vrid=$4 prio=$5 vips=$6 pass=${7:-}
	local d=$H7_DIR/ka-$name v
	mkdir -p "$d"
	cat >"$d/notify.sh" <<EOF
#!/bin/sh
echo "\$3" >>"$d/state"
EOF
	chmod 755 "$d/notify.sh"
	: >"$d/state"
	{
		echo "global_defs {"
		echo "  router_id $name"
		echo "  script_user root"
		echo "  vrrp_garp_master_repeat 1"
		echo "}"
		echo "vrrp_instance VI_$name {"
		echo "  state BACKUP"
		echo "  interface eth0"
		echo "  virtual_router_id $vrid"
		echo "  priority $prio"
		echo "  advert_int 1"
		echo "  version $ver"
		[ "$fam" = inet6 ] && echo "  native_ipv6"
		echo "  notify $d/notify.sh"
		if [ -n "$pass" ]; then
			echo "  authentication {"
			echo "    auth_type PASS"
			echo "    auth_pass $pass"
			echo "  }"
		fi
		echo "  virtual_ipaddress {"
		for v in $vips; do echo "    $v"; done
		echo "  }"
		echo "}"
	} >"$d/keepalived.conf"
}

# ka_start NS NAME: keepalived (VRRP only) in the foreground, in the background
ka_start()
{
	local ns=$1 name=$2 d=$H7_DIR/ka-$2
	ip netns exec "$ns" keepalived -n -l -D -P -f "$d/keepalived.conf" \
		-p "$d/keepalived.pid" -r "$d/vrrp.pid" >>"$d/log" 2>&1 &
	echo $! >"$d/main.pid"
	on_exit ka_stop "$name"
}

# ka_stop NAME: SIGTERM (keepalived sends priority 0 as master) and wait
# for the parent and its VRRP child to exit (SIGKILL after 30 s)
ka_stop()
{
	local d=$H7_DIR/ka-$1 pid child t0
	pid=$(cat "$d/main.pid" 2>/dev/null) || return 0
	[ -n "$pid" ] || return 0
	child=$(cat "$d/vrrp.pid" 2>/dev/null)
	t0=$(date +%s%N)
	kill -TERM "$pid" 2>/dev/null
	if ! wait_for 30 sh -c "! kill -0 $pid 2>/dev/null && ! kill -0 ${child:-$pid} 2>/dev/null"; then
		echo "# keepalived $1 did not exit on SIGTERM in 30 s, killing"
		kill -KILL "$pid" $child 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
	echo "$1 stopped in $((($(date +%s%N) - t0) / 1000000)) ms" >>"$d/log"
	: >"$d/main.pid"
	rm -f "$d/vrrp.pid" "$d/keepalived.pid"
	return 0
}

# ka_state NAME: the last state keepalived's notify script reported
ka_state() { tail -n 1 "$H7_DIR/ka-$1/state" 2>/dev/null; }
# is_ka_state NAME STATE: in the shell (polled)
is_ka_state()
{
	local l=()
	mapfile -t l <"$H7_DIR/ka-$1/state" 2>/dev/null
	[ "${#l[@]}" -gt 0 ] && [ "${l[-1]}" = "$2" ]
}
wait_ka_state() { wait_for "$1" is_ka_state "$2" "$3"; }

# ka_never STATE [NAME]: keepalived NAME (default ka) never reported STATE
ka_never() { ! grep -qx "$1" "$H7_DIR/ka-${2:-ka}/state"; }

# ka_log_has NAME REGEX
ka_log_has() { grep -qE "$2" "$H7_DIR/ka-$1/log"; }

ka_diag()
{
	tap_diag "keepalived $1 states: $(tr '\n' ' ' <"$H7_DIR/ka-$1/state" 2>/dev/null)"
	tail -n "${2:-8}" "$H7_DIR/ka-$1/log" 2>/dev/null | sed 's/^/#   ka: /'
}

# ka_summary NAME: keepalived's transitions and notable events
ka_summary()
{
	tap_diag "keepalived $1 log (selected lines):"
	grep -E "Entering|priority 0|Stopp|stopped|Starting|Invalid|invalid|passwd|running|exit|Exit|FAULT|error|Error" \
		"$H7_DIR/ka-$1/log" 2>/dev/null | tail -n 60 | sed 's/^/#   ka: /'
}

# ---- keepalived interop scenario (ka_v2_ipv4, ka_v3_ipv4, ka_v3_ipv6) ----
# r1 runs our VR, r2 runs keepalived, both on bridge br0 in sw.
# Phase A: module Master (200) / keepalived Backup (100): delete hands over
# with priority 0, re-adding preempts, r1 link down fails over and back, r1
# cut on the switch (a silent failure) fails over and back.
# Phase B: module Backup (50): keepalived stop hands over with priority 0,
# restart preempts, r2 link down fails over and back, r2 cut on the switch.
# The switch's capture gives the takeover times, and tshark finds no bad
# VRRP frame in it.
KA_PLAN=44

# ---- RFC 9568 timers, in ms, for PRIO and an interval of ADV ms ----
skew_ms() { echo $(((256 - $1) * $2 / 256)); }
mdi_ms() { echo $((3 * $2 + (256 - $1) * $2 / 256)); }

# switch_cut NS / switch_back NS: NS's port leaves the bridge and comes
# back; NS's link stays up, so only the peers notice (a silent failure)
switch_cut() { ip -n sw link set "p-$1" nomaster; }
switch_back() { ip -n sw link set "p-$1" master br0; }

# takeover_check NAME PCAP VRID FROM AFTER prio0|silent PRIO ADV [LATE]: the time
# from FROM's priority-0 advert (prio0) or last advert (silent), after
# AFTER (epoch s), to the first advert of another router, which has
# priority PRIO and interval ADV ms. prio0: under Master_Down_Interval -
# 500 ms, so the priority 0 did it, not the timeout (RFC: Skew_Time).
# silent: Master_Down_Interval, -300 ms / +2000 ms (+ LATE ms: a peer whose
# first advert as Master is known not to reach the wire).
takeover_check()
{
	local name=$1 pcap=$2 vrid=$3 from=$4 after=$5 kind=$6 late=${9:-0}
	local mdi skew ms ok= out
	mdi=$(mdi_ms "$7" "$8")
	skew=$(skew_ms "$7" "$8")
	out=$($H7_WIRE takeover "$pcap" --vrid "$vrid" --from "$from" \
		--after "$after" $([ "$kind" = prio0 ] && echo --prio0))
	ms=${out%%$'\n'*}
	case $ms in
	'' | *[!0-9]*) tap_fail "$name" "$out"; return 0 ;;
	esac
	if [ "$kind" = prio0 ]; then
		[ "$ms" -lt $((mdi - 500)) ] && ok=1
		name="$name: $ms ms (Skew_Time $skew ms, Master_Down_Interval $mdi ms)"
	else
		[ "$ms" -ge $((mdi - 300)) ] && [ "$ms" -le $((mdi + 2000 + late)) ] && ok=1
		name="$name: $ms ms (Master_Down_Interval $mdi ms)"
	fi
	if [ -n "$ok" ]; then
		tap_ok "$name"
	else
		tap_fail "$name" "the adverts around it (time after the event):"
		printf '%s\n' "$out" | sed 1d
	fi
}

# ka_llocal NS: eth0's link-local address
ka_llocal()
{
	ip -n "$1" -j -6 addr show dev eth0 scope link |
		jq -r '.[0].addr_info[] | select(.scope == "link") | .local' | head -n1
}

# ka_and_vr KA-STATE STATE: keepalived and our VR ($KS) are in these states
ka_and_vr() { wait_ka_state 15 ka "$1" && wait_vstate 10 "${KS[@]}" "$2"; }

# kcheck NAME CMD...: tap_check, plus our VR and keepalived on failure
kcheck()
{
	local n=$_tap_fail
	tap_check "$@"
	[ "$_tap_fail" -gt "$n" ] || return 0
	[ -n "${KS[*]:-}" ] && vr_diag "${KS[@]}"
	ka_diag ka 4
	return 0
}

ka_interop()
{
	local ver=$1 fam=$2 extra=${3:-} vips kavips vip_chk vipargs v r1addr r2addr
	local t0 t1 ms reason before
	if [ "$fam" = inet ]; then
		vips="192.0.2.254"
		kavips="192.0.2.254/32"
	else
		vips="fe80::a:1 2001:db8::254"
		kavips="fe80::a:1/64 2001:db8::254/64"
	fi
	vip_chk=${vips##* }
	vipargs=
	for v in $vips; do vipargs="$vipargs vip $v"; done

	vrrp_topo r1 r2
	if [ "$fam" = inet ]; then
		r1addr=192.0.2.1
		r2addr=192.0.2.2
	else
		r1addr=$(ka_llocal r1)
		r2addr=$(ka_llocal r2)
	fi
	tap_diag "r1 (vrrp.ko) $r1addr, r2 (keepalived) $r2addr, VRRPv$ver $fam $extra"
	local add=(add dev eth0 vrid 10 family "$fam" version "$ver" advert-ms 1000 $vipargs $extra)
	local S=(r1 eth0 10 "$fam")
	local ta_del ta_cut tb_stop tb_cut P=$H7_DIR/cap-ka.pcap
	KS=("${S[@]}")
	cap_start sw cap-ka br0

	# ---- phase A: our module is Master ----
	ka_conf ka "$ver" "$fam" 10 100 "$kavips"
	vctl_ok "A: add our VR (prio 200)" r1 "${add[@]}" prio 200
	kill_vrrpctl
	kcheck "A: our VR becomes Master" wait_vstate 20 "${S[@]}" Master
	ka_start r2 ka
	kcheck "A: keepalived reports BACKUP" wait_ka_state 20 ka BACKUP
	sleep 4
	if is_vstate "${S[@]}" Master && ka_never MASTER; then
		tap_ok "A: stable: keepalived never became MASTER, ours still Master"
	else
		tap_fail "A: stable: keepalived never became MASTER, ours still Master"
		vr_diag "${S[@]}"; ka_diag ka
	fi
	kcheck "A: VIP $vip_chk on r1" has_addr r1 eth0 "$vip_chk"
	kcheck "A: VIP $vip_chk not on r2" no_addr r2 eth0 "$vip_chk"

	t0=$(date +%s%N)
	ta_del=$(date +%s.%N)
	vctl_ok "A: delete our VR" r1 del dev eth0 vrid 10 family "$fam"
	if wait_ka_state 15 ka MASTER; then
		t1=$(date +%s%N)
		tap_ok "A: keepalived takes over after delete ($(((t1 - t0) / 1000000)) ms)"
	else
		tap_fail "A: keepalived takes over after delete"; ka_diag ka
	fi
	kcheck "A: keepalived saw our priority-0 advert" \
		ka_log_has ka "Backup received priority 0"
	kcheck "A: VIP moved to r2" wait_for 10 has_addr r2 eth0 "$vip_chk"
	kcheck "A: VIP gone from r1" wait_for 5 no_addr r1 eth0 "$vip_chk"

	vctl_ok "A: re-add our VR (prio 200)" r1 "${add[@]}" prio 200
	kill_vrrpctl
	kcheck "A: ours preempts keepalived: Master" wait_vstate 20 "${S[@]}" Master
	if wait_ka_state 15 ka BACKUP; then
		tap_ok "A: keepalived back to BACKUP"
	else
		tap_fail "A: keepalived back to BACKUP"; ka_diag ka; vr_diag "${S[@]}"
	fi

	kill_vrrpctl
	ip -n r1 link set eth0 down
	kcheck "A: r1 link down: keepalived MASTER" wait_ka_state 15 ka MASTER
	kcheck "A: r1 link down: our VR Init" wait_vstate 10 "${S[@]}" Init
	ip -n r1 link set eth0 up
	kcheck "A: r1 link up: our VR Master again" wait_vstate 25 "${S[@]}" Master
	kcheck "A: r1 link up: keepalived BACKUP again" wait_ka_state 15 ka BACKUP

	ta_cut=$(date +%s.%N)
	switch_cut r1
	kcheck "A: r1 cut on the switch: keepalived MASTER" wait_ka_state 15 ka MASTER
	switch_back r1
	kcheck "A: r1 back on the switch: keepalived BACKUP, ours Master" \
		ka_and_vr BACKUP Master
	kcheck "A: r1 back: the VIP on r1 only" vip_only r1 r2 "$vip_chk"

	# ---- phase B: our module is Backup ----
	vctl_ok "B: lower our priority to 50" r1 set dev eth0 vrid 10 family "$fam" prio 50
	kill_vrrpctl
	kcheck "B: keepalived becomes MASTER" wait_ka_state 20 ka MASTER
	if wait_vstate 15 "${S[@]}" Backup; then
		tap_ok "B: our VR Backup"
	else
		tap_fail "B: our VR Backup"; vr_diag "${S[@]}"; ka_diag ka
	fi
	v=$(vget "${S[@]}" .master)
	if [ "$v" = "$r2addr" ]; then
		tap_ok "B: our VR reports keepalived ($r2addr) as master"
	else
		tap_fail "B: our VR reports keepalived ($r2addr) as master" "got '$v'"
	fi
	kcheck "B: VIP on r2 only" vip_only r2 r1 "$vip_chk"
	before=$(vstat "${S[@]}" rx_adverts)
	kcheck "B: our VR counts keepalived's adverts" stat_rises 5 "${S[@]}" rx_adverts "$before"

	t0=$(date +%s%N)
	tb_stop=$(date +%s.%N)
	ka_stop ka
	if wait_vstate 15 "${S[@]}" Master; then
		t1=$(date +%s%N)
		tap_ok "B: keepalived stopped: ours Master ($(((t1 - t0) / 1000000)) ms)"
	else
		tap_fail "B: keepalived stopped: ours Master"; vr_diag "${S[@]}"
	fi
	reason=$(vget "${S[@]}" .last_reason)
	if [ "$reason" = priority-zero ]; then
		tap_ok "B: takeover reason is priority-zero"
	else
		tap_fail "B: takeover reason is priority-zero" "got '$reason'"
		vr_diag "${S[@]}"
	fi
	kcheck "B: VIP on r1" wait_for 10 has_addr r1 eth0 "$vip_chk"

	ka_start r2 ka
	kcheck "B: restarted keepalived preempts: MASTER" wait_ka_state 25 ka MASTER
	kcheck "B: our VR back to Backup" wait_vstate 15 "${S[@]}" Backup

	kill_vrrpctl
	ip -n r2 link set eth0 down
	kcheck "B: r2 link down: ours Master" wait_vstate 15 "${S[@]}" Master
	ip -n r2 link set eth0 up
	kcheck "B: r2 link up: keepalived MASTER again" wait_ka_state 25 ka MASTER
	kcheck "B: r2 link up: our VR Backup again" wait_vstate 20 "${S[@]}" Backup

	tb_cut=$(date +%s.%N)
	switch_cut r2
	kcheck "B: r2 cut on the switch: ours Master" wait_vstate 15 "${S[@]}" Master
	switch_back r2
	kcheck "B: r2 back on the switch: keepalived MASTER, ours Backup" \
		ka_and_vr MASTER Backup
	kcheck "B: r2 back: the VIP on r2 only" vip_only r2 r1 "$vip_chk"
	cap_stop cap-ka
	takeover_check "A: our priority 0 to keepalived's first advert" "$P" 10 \
		"$r1addr" "$ta_del" prio0 100 1000
	takeover_check "A: r1 cut to keepalived's first advert" "$P" 10 \
		"$r1addr" "$ta_cut" silent 100 1000
	takeover_check "B: keepalived's priority 0 to our first advert" "$P" 10 \
		"$r2addr" "$tb_stop" prio0 50 1000
	takeover_check "B: r2 cut to our first advert" "$P" 10 \
		"$r2addr" "$tb_cut" silent 50 1000
	wire_tap tshark "$P" --vrid 10

	v=$(vgstat r1 checksum_errors)
	if [ "$v" = 0 ] && ! ka_log_has ka "Invalid VRRPv. checksum"; then
		tap_ok "no checksum errors on either side"
	else
		tap_fail "no checksum errors on either side" "ours: checksum_errors=$v"
		grep -m3 "checksum" "$H7_DIR/ka-ka/log" | sed 's/^/#   ka: /'
	fi
	vr_diag "${S[@]}"
	[ "$_tap_fail" -gt 0 ] && ka_summary ka
	return 0
}

# ---- wire captures ----
# cap_start NS NAME [DEV]: tcpdump of VRRP on NS's DEV (eth0) into
# $H7_DIR/NAME.pcap
cap_start()
{
	local f=$H7_DIR/$2.pcap
	rm -f "$f"
	ip netns exec "$1" tcpdump -n -i "${3:-eth0}" -U -s 0 -w "$f" \
		'ip proto 112 or ip6 proto 112' >"$H7_DIR/$2.tcpdump.log" 2>&1 &
	echo $! >"$H7_DIR/$2.tcpdump.pid"
	on_exit kill "$!"
	# tcpdump prints "listening on" once the socket is up
	wait_for 20 grep -q "listening on" "$H7_DIR/$2.tcpdump.log"
}

cap_stop()
{
	local pid
	pid=$(cat "$H7_DIR/$1.tcpdump.pid" 2>/dev/null) || return 0
	sleep 0.5
	kill -INT "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return 0
}

# wire_tap CMD...: run h7_wire.py and turn its PASS/FAIL lines into TAP
wire_tap()
{
	local line out=$H7_DIR/h7_wire.out
	$H7_WIRE "$@" >"$out" 2>&1
	while IFS= read -r line; do
		case $line in
		PASS\ *) tap_ok "${line#PASS }" ;;
		FAIL\ *) tap_fail "${line#FAIL }" ;;
		*) tap_diag "$line" ;;
		esac
	done <"$out"
}
