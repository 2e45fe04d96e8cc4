# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# FRR (Debian 12's frr 8.4: zebra and vrrpd) as the VRRP peer in a
# namespace, set up as FRR's documentation says: a macvlan per VR and
# family (bridge mode, the VMAC, addrgenmode random, the VIPs on it), FRR
# keeping it in protodown while Backup. Then the interop scenario of
# frr_v3_ipv4, frr_v3_ipv6 and frr_v2_ipv4. Source after h7_lib.sh.
# Not a test by itself.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	echo "1..0 # SKIP helper library, not a test"
	exit 4
fi

FRR_BIN=/usr/lib/frr
# FRR drops to user frr: its files go where that user can reach them
FRR_DIR=$(mktemp -d /tmp/frr.XXXXXX)
chmod 755 "$FRR_DIR"
on_exit rm -rf "$FRR_DIR"

# frr_begin: what h7_begin needs, and FRR (a SKIP without it)
frr_begin()
{
	h7_begin tcpdump tshark vtysh
	[ -x "$FRR_BIN/zebra" ] && [ -x "$FRR_BIN/vrrpd" ] ||
		skip_all "FRR's zebra and vrrpd are not installed (Debian's frr)"
}

# frr_vif VRID FAM: the name of FRR's macvlan for the VR
frr_vif() { echo "vrrp$([ "$2" = inet ] && echo 4 || echo 6)-$1"; }

# frr_vif_add NS VRID FAM ADDR/LEN...: the macvlan FRR's documentation asks
# for. addrgenmode goes on after the link exists: "ip link add ...
# addrgenmode random type macvlan" is refused on these kernels.
frr_vif_add()
{
	local ns=$1 vrid=$2 fam=$3 n a mac
	shift 3
	n=$(frr_vif "$vrid" "$fam")
	mac=$(printf '00:00:5e:00:%02x:%02x' "$([ "$fam" = inet ] && echo 1 || echo 2)" "$vrid")
	ip -n "$ns" link add "$n" link eth0 type macvlan mode bridge || return 1
	ip -n "$ns" link set dev "$n" address "$mac" || return 1
	ip -n "$ns" link set dev "$n" addrgenmode random || return 1
	# no DAD, as on the routers' own interfaces (the addresses are unique
	# here): FRR sends its IPv6 adverts from this link-local
	[ "$fam" = inet6 ] &&
		ip netns exec "$ns" sysctl -qw "net.ipv6.conf.$n.accept_dad=0"
	for a; do
		ip -n "$ns" addr add "$a" dev "$n" $([ "$fam" = inet6 ] && echo nodad) ||
			return 1
	done
	ip -n "$ns" link set dev "$n" up
}

# frr_start NS NAME CONFIG: zebra, then vrrpd with CONFIG (vrrpd.conf
# lines), as user frr, every path in $FRR_DIR/NAME
frr_start()
{
	local ns=$1 name=$2 d=$FRR_DIR/$2 daemon
	mkdir -p "$d" && chmod 777 "$d"
	printf 'hostname %s\nlog file %s/zebra.log\n' "$name" "$d" >"$d/zebra.conf"
	printf 'hostname %s\nlog file %s/vrrpd.log\ndebug vrrp packets\n%s\n' \
		"$name" "$d" "$3" >"$d/vrrpd.conf"
	chmod 644 "$d"/*.conf
	on_exit frr_stop "$name"
	for daemon in zebra vrrpd; do
		ip netns exec "$ns" "$FRR_BIN/$daemon" -d -u frr -g frr -P 0 \
			-f "$d/$daemon.conf" -i "$d/$daemon.pid" \
			-z "$d/zserv.api" --vty_socket "$d" >>"$d/start.log" 2>&1 ||
			{ cat "$d/start.log"; return 1; }
		wait_for 20 test -S "$d/$daemon.vty" ||
			{ echo "# $daemon: no vty socket"; return 1; }
	done
}

frr_stop()
{
	local d=$FRR_DIR/$1 daemon pid
	for daemon in vrrpd zebra; do
		pid=$(cat "$d/$daemon.pid" 2>/dev/null) || continue
		kill "$pid" 2>/dev/null
		wait_for 10 sh -c "! kill -0 $pid 2>/dev/null" || kill -9 "$pid" 2>/dev/null
		rm -f "$d/$daemon.pid"
	done
	return 0
}

# frr_vty NAME CMD...: vtysh commands, one -c each
frr_vty()
{
	local d=$FRR_DIR/$1 args=() c
	shift
	for c; do args+=(-c "$c"); done
	vtysh --vty_socket "$d" "${args[@]}"
}

# frr_conf NAME LINE...: configuration lines under "interface eth0"
frr_conf() { local n=$1; shift; frr_vty "$n" "configure terminal" "interface eth0" "$@"; }

# frr_get NAME VRID FAM JQ: a field of the family's half of "show vrrp json"
frr_get()
{
	frr_vty "$1" "show vrrp json" 2>/dev/null |
		jq -r ".[] | select(.vrid == $2) | .$([ "$3" = inet ] && echo v4 || echo v6)$4 // empty" 2>/dev/null
}
frr_is() { [ "$(frr_get "$1" "$2" "$3" .status)" = "$4" ]; }

# frr_holds NS VRID FAM VIP: the VIP is on FRR's macvlan and that is not in
# protodown (a Backup keeps its addresses there, in protodown)
frr_holds()
{
	local n
	n=$(frr_vif "$2" "$3")
	has_addr "$1" "$n" "$4" &&
		[ "$(ip -n "$1" -j -d link show dev "$n" | jq -r '.[0].proto_down')" != true ]
}

# frr_one_holder WHO VIP: exactly one router holds the VIP, WHO (r1: ours,
# r2: FRR)
frr_one_holder()
{
	if [ "$1" = r1 ]; then
		has_addr r1 eth0 "$2" && ! frr_holds r2 10 "$F_FAM" "$2"
	else
		frr_holds r2 10 "$F_FAM" "$2" && ! has_addr r1 eth0 "$2"
	fi
}

# frr_both STATE FRR-STATE: ours ($F_S) and FRR's VR 10 are in these states
frr_both()
{
	wait_vstate 5 "${F_S[@]}" "$1" && frr_is frr 10 "$F_FAM" "$2"
}

# fcheck NAME CMD...: tap_check, plus both sides when it fails
fcheck()
{
	local n=$_tap_fail
	tap_check "$@"
	[ "$_tap_fail" -gt "$n" ] || return 0
	vr_diag "${F_S[@]}"
	tap_diag "FRR: $(frr_vty frr 'show vrrp json' 2>&1 | jq -c ".[0].$([ "$F_FAM" = inet ] && echo v4 || echo v6) | {status, effectivePriority, stats}" 2>&1)"
	tail -n 5 "$FRR_DIR/frr/vrrpd.log" 2>/dev/null | sed 's/^/#   vrrpd: /'
	return 0
}

# frr_bad_csum: vrrpd (debug vrrp packets) logged an advert with a bad
# checksum
frr_bad_csum() { grep -iE "bad vrrp checksum|invalid:.*checksum" "$FRR_DIR/frr/vrrpd.log"; }

# ---- the scenario ----
# r1: our VR 10 (defaults but the priority); r2: FRR with its defaults
# ("vrrp 10", the version for v2, the VIPs); sw's bridge is captured.
# A: ours 200, FRR 100: ours Master; our priority 0 hands over to FRR;
# re-added, ours preempts; r1 cut on the switch: FRR takes over after
# Master_Down_Interval; back, ours preempts.
# B: ours 50: FRR Master; FRR shut down (priority 0) hands over to ours;
# FRR back preempts; r2 cut on the switch: ours takes over; back, FRR
# preempts. After each settled election exactly one router holds the VIP.
# Then the takeover times from the capture, and tshark on every advert.
FRR_PLAN=31

frr_interop()
{
	local ver=$1 fam=$2 vips vifaddrs frrips vipargs v vip r1addr r2addr
	local ta_del ta_cut tb_shut tb_cut P=$H7_DIR/cap-frr.pcap cfg
	F_FAM=$fam
	F_S=(r1 eth0 10 "$fam")
	if [ "$fam" = inet ]; then
		vips="192.0.2.254"
		vifaddrs="192.0.2.254/24"
	else
		# link-local first: an IPv6 advert must start with one
		vips="fe80::a:1 2001:db8::254"
		vifaddrs="fe80::a:1/64 2001:db8::254/64"
	fi
	vip=${vips##* }
	vipargs=
	frrips=
	for v in $vips; do
		vipargs="$vipargs vip $v"
		frrips="$frrips vrrp 10 $([ "$fam" = inet ] && echo ip || echo ipv6) $v
"
	done

	vrrp_topo r1 r2
	frr_vif_add r2 10 "$fam" $vifaddrs || tap_diag "FRR's macvlan: failed"
	if [ "$fam" = inet ]; then
		r1addr=192.0.2.1
		r2addr=192.0.2.2
	else
		r1addr=$(ka_llocal r1)
		wait_for 10 sh -c "ip -n r2 -6 addr show dev $(frr_vif 10 inet6) scope link | grep -q inet6"
		r2addr=$(ip -n r2 -j -6 addr show dev "$(frr_vif 10 inet6)" scope link |
			jq -r '.[0].addr_info[] | select(.scope == "link") | .local' | head -n1)
	fi
	tap_diag "r1 (vrrp.ko) $r1addr, r2 (FRR) $r2addr, VRRPv$ver $fam"
	cap_start sw cap-frr br0
	cfg="interface eth0
 vrrp 10$([ "$ver" = 2 ] && echo " version 2")
$frrips"
	tap_check "FRR's zebra and vrrpd start" frr_start r2 frr "$cfg"
	local add=(add dev eth0 vrid 10 family "$fam" version "$ver" $vipargs)

	# ---- A: ours Master ----
	vctl_ok "A: add our VR (prio 200)" r1 "${add[@]}" prio 200
	fcheck "A: ours Master, FRR Backup" wait_for 30 frr_both Master Backup
	fcheck "A: the VIP on r1 only (FRR's macvlan in protodown)" \
		wait_for 10 frr_one_holder r1 "$vip"
	ta_del=$(date +%s.%N)
	vctl_ok "A: delete our VR (priority 0)" r1 del dev eth0 vrid 10 family "$fam"
	fcheck "A: FRR Master" wait_for 15 frr_is frr 10 "$fam" Master
	fcheck "A: the VIP on r2 only" wait_for 10 frr_one_holder r2 "$vip"
	vctl_ok "A: re-add our VR (prio 200)" r1 "${add[@]}" prio 200
	fcheck "A: ours preempts: Master, FRR Backup" wait_for 20 frr_both Master Backup
	fcheck "A: the VIP on r1 only" wait_for 10 frr_one_holder r1 "$vip"
	ta_cut=$(date +%s.%N)
	switch_cut r1
	fcheck "A: r1 cut on the switch: FRR Master" wait_for 20 frr_is frr 10 "$fam" Master
	# (FRR's first IPv6 advert as Master is lost, see below): let the next
	# ones reach the switch
	sleep 2
	switch_back r1
	fcheck "A: r1 back: ours Master, FRR Backup" wait_for 20 frr_both Master Backup
	fcheck "A: r1 back: the VIP on r1 only" wait_for 10 frr_one_holder r1 "$vip"

	# ---- B: FRR Master ----
	vctl_ok "B: lower our priority to 50" r1 set dev eth0 vrid 10 family "$fam" prio 50
	fcheck "B: FRR preempts: Master, ours Backup" wait_for 20 frr_both Backup Master
	fcheck "B: the VIP on r2 only" wait_for 10 frr_one_holder r2 "$vip"
	v=$(vget "${F_S[@]}" .master)
	if [ "$v" = "$r2addr" ]; then
		tap_ok "B: our VR reports FRR ($r2addr) as master"
	else
		tap_fail "B: our VR reports FRR ($r2addr) as master" "got '$v'"
	fi
	tb_shut=$(date +%s.%N)
	tap_check "B: FRR shut down (vrrp 10 shutdown)" frr_conf frr "vrrp 10 shutdown"
	fcheck "B: ours Master" wait_for 15 frr_both Master Initialize
	fcheck "B: the VIP on r1 only" wait_for 10 frr_one_holder r1 "$vip"
	tap_check "B: FRR started again (no vrrp 10 shutdown)" frr_conf frr "no vrrp 10 shutdown"
	fcheck "B: FRR preempts: Master, ours Backup" wait_for 20 frr_both Backup Master
	tb_cut=$(date +%s.%N)
	switch_cut r2
	fcheck "B: r2 cut on the switch: ours Master" wait_for 20 wait_vstate 5 "${F_S[@]}" Master
	switch_back r2
	fcheck "B: r2 back: FRR Master, ours Backup" wait_for 20 frr_both Backup Master
	fcheck "B: r2 back: the VIP on r2 only" wait_for 10 frr_one_holder r2 "$vip"
	cap_stop cap-frr

	takeover_check "A: our priority 0 to FRR's first advert" "$P" 10 \
		"$r1addr" "$ta_del" prio0 100 1000
	# FRR's first IPv6 advert as a new Master does not reach the wire (it
	# goes out on its macvlan while that is still in protodown): seen one
	# interval late, after a priority 0 as after a silent failure
	takeover_check "A: r1 cut to FRR's first advert" "$P" 10 \
		"$r1addr" "$ta_cut" silent 100 1000 $([ "$fam" = inet6 ] && echo 1000)
	takeover_check "B: FRR's priority 0 to our first advert" "$P" 10 \
		"$r2addr" "$tb_shut" prio0 50 1000
	takeover_check "B: r2 cut to our first advert" "$P" 10 \
		"$r2addr" "$tb_cut" silent 50 1000
	wire_tap tshark "$P" --vrid 10
	v=$(vgstat r1 checksum_errors)
	if [ "$v" = 0 ] && ! frr_bad_csum; then
		tap_ok "no checksum error on either side (ours: counter, FRR: its log)"
	else
		tap_fail "no checksum error on either side" "ours: $v"
		frr_bad_csum | head -n 3 | sed 's/^/#   vrrpd: /'
	fi
	return 0
}
