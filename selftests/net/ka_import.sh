#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vrrpctl import keepalived --apply next to Debian's keepalived: r1 runs
# keepalived from a keepalived.conf (priority 100), r2 applies the import
# of the keepalived.conf it would have run for the same VR (priority 200,
# through an include glob). r2 preempts: one Master, the VIP on r2 only;
# deleting r2's VR hands over to keepalived with priority 0, the VIP
# moves to r1 only.
# vrrp-selftest: timeout=150
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"
. "$(dirname "$0")/h7_lib.sh"

h7_begin keepalived
tap_plan 14

VIP=192.0.2.254
S=(r2 eth0 10 inet)
KS=("${S[@]}")	# for kcheck's diagnostics
vrrp_topo r1 r2

# ---- r1: keepalived, VRRPv2, priority 100 ----
ka_conf ka 2 inet 10 100 "$VIP/32"
ka_start r1 ka
kcheck "keepalived on r1 becomes MASTER" wait_ka_state 20 ka MASTER
kcheck "the VIP on r1 only" vip_only r1 r2 "$VIP"

# ---- r2: the same VR in a keepalived.conf, priority 200, imported ----
ka_conf imp 2 inet 10 200 "$VIP/32"
d=$H7_DIR/imp
mkdir -p "$d/conf.d"
cp "$H7_DIR/ka-imp/keepalived.conf" "$d/conf.d/r2.conf"
cat >"$d/keepalived.conf" <<EOF
! r2's keepalived.conf: the VR is in conf.d
vrrp_script chk_web {
    script "/bin/true"
    interval 2
}
include conf.d/*.conf
EOF
out=$(vctl r2 import keepalived "$d/keepalived.conf" 2>"$d/import.err" >"$d/vrrp.conf" &&
	vctl r2 load --check "$d/vrrp.conf" 2>&1)
rc=$?
if [ $rc = 0 ] && grep -q "^$d/keepalived.conf:2: vrrp_script: not supported: " "$d/import.err"; then
	tap_ok "import: the TOML passes load --check, vrrp_script reported ($out)"
else
	tap_fail "import: the TOML passes load --check, vrrp_script reported" "rc $rc: $out"
	sed 's/^/#   /' "$d/import.err" "$d/vrrp.conf"
fi
vctl_ok "import --apply" r2 import keepalived "$d/keepalived.conf" --apply
kill_vrrpctl
# priority, version, interval, preemption, accept, VMAC mode, GARPs
# (keepalived: nopreempt off, accept on, its own MAC; one GARP now and one
# 5 s later for vrrp_garp_master_repeat 1)
want="200 2 1000 true true none 2/5000"
got=$(vget "${S[@]}" '"\(.priority) \(.version) \(.advert_ms) \(.preempt) \(.accept) \(.vmac_mode) \(.garp.repeat)/\(.garp.delay_ms)"')
if [ "$got" = "$want" ]; then
	tap_ok "the VR as keepalived.conf says: $want"
else
	tap_fail "the VR as keepalived.conf says: $want" "got '$got'"
fi

# ---- one Master: ours preempts keepalived ----
kcheck "ours (priority 200) becomes Master" wait_vstate 20 "${S[@]}" Master
kcheck "keepalived goes BACKUP" wait_ka_state 15 ka BACKUP
sleep 3
if is_vstate "${S[@]}" Master && is_ka_state ka BACKUP; then
	tap_ok "stable for 3 s: exactly one Master (r2)"
else
	tap_fail "stable for 3 s: exactly one Master (r2)"
	vr_diag "${S[@]}"
	ka_diag ka
fi
kcheck "the VIP on r2 only" vip_only r2 r1 "$VIP"

# ---- failover: our VR deleted, keepalived takes over ----
vctl_ok "delete our VR" r2 del dev eth0 vrid 10 family inet
kcheck "keepalived MASTER again" wait_ka_state 15 ka MASTER
kcheck "keepalived saw our priority 0" ka_log_has ka "Backup received priority 0"
kcheck "the VIP moved to r1 only" vip_only r1 r2 "$VIP"
if [ "$(vctl r2 show -j 2>/dev/null | jq -r 'length')" = 0 ]; then
	tap_ok "no VR left on r2"
else
	tap_fail "no VR left on r2" "$(vctl r2 show 2>&1)"
fi
[ "$_tap_fail" -gt 0 ] && ka_summary ka
tap_done
