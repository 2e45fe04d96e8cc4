#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vrrpctl daemon notify scripts: notify_master / notify_backup run on the
# transitions, `notify` gets keepalived's arguments (INSTANCE name STATE
# priority) and VRRP_* variables, a slow script never delays the others or
# the log, and a failing script is logged; [[sync_groups]] scripts run
# once per state of the group as a whole (GROUP name STATE).
# vrrp-selftest: timeout=300
. "$(dirname "$0")/../lib.sh"

skip_unless_root

skip_unless_cmd jq ip
[ -n "$VRRPCTL" ] && [ -x "$VRRPCTL" ] || skip_all "tool/vrrpctl not built"

D=$TMPDIR/daemon_notify.$$
mkdir -p "$D"
cat >"$D/master.sh" <<EOF
#!/bin/sh
echo "master \$VRRP_INTERFACE \$VRRP_GROUP \$VRRP_STATE \$VRRP_VIP" >>"$D/master.out"
EOF
cat >"$D/backup.sh" <<EOF
#!/bin/sh
echo "backup start" >>"$D/backup.out"
sleep 100
EOF
cat >"$D/notify.sh" <<EOF
#!/bin/sh
echo "\$*" >>"$D/notify.out"
exit 3
EOF
cat >"$D/group.sh" <<EOF
#!/bin/sh
echo "\$* \$VRRP_SYNC_GROUP" >>"$D/group.out"
EOF
cat >"$D/gmaster.sh" <<EOF
#!/bin/sh
echo "gmaster \$VRRP_GROUP_NAME \$VRRP_STATE" >>"$D/gmaster.out"
EOF
chmod +x "$D"/*.sh

cat >"$D/vrrp.conf" <<EOF
debug = 3
pid = "$D/vrrpctl.pid"
main_log = "$D/main.log"
error_log = "$D/error.log"

[[vrouter]]
group = 3
interface = "eth0"
vip = "10.0.0.3"
priority = 100
notify_master = "$D/master.sh"
notify_backup = "$D/backup.sh"
notify = "$D/notify.sh"

[[vrouter]]
group = 4
interface = "eth0"
vip = "10.0.0.4"
sync_group = 7

[[vrouter]]
group = 5
interface = "eth0"
vip = "10.0.0.5"
sync_group = 7

[[sync_groups]]
id = 7
name = "pair"
notify = "$D/group.sh"
notify_master = "$D/gmaster.sh"
EOF
tap_plan 12
tap_check "the config with notify scripts and [[sync_groups]] is valid" \
	"$VRRPCTL" load --check "$D/vrrp.conf"

ns_create sw r1
lan_create sw r1 || skip_all "cannot build the topology"
in_ns r1 ip addr add 10.0.0.2/24 dev eth0
load_vrrp || skip_all "vrrp.ko does not load"
on_exit unload_vrrp
on_exit "in_ns r1 $VRRPCTL flush"

in_ns r1 "$VRRPCTL" daemon -c "$D/vrrp.conf"
tap_check "daemon starts" wait_for 10 test -s "$D/vrrpctl.pid"
on_exit 'kill $(cat '"$D"'/vrrpctl.pid)'

tap_check "notify_master ran with VRRP_* variables" \
	wait_for 30 grep -q "^master eth0 3 MASTER 10.0.0.3$" "$D/master.out"
tap_check "notify ran with INSTANCE eth0_3 MASTER 100" \
	wait_for 10 grep -q "^INSTANCE eth0_3 MASTER 100$" "$D/notify.out"
tap_check "a failing script is logged with its status" \
	wait_for 10 grep -q "exited with status 3" "$D/error.log"

# a slow notify_backup must not hold anything up
in_ns r1 "$VRRPCTL" force backup dev eth0 vrid 3
tap_check "notify_backup started" wait_for 10 grep -q "backup start" "$D/backup.out"
in_ns r1 "$VRRPCTL" force release dev eth0 vrid 3
tap_check "while it sleeps, the next transition's scripts run" \
	wait_for 20 bash -c "[ \$(grep -c '^master ' $D/master.out) -ge 2 ]"
tap_check "and the transition is logged" \
	bash -c "[ \$(grep -c 'VR 10.0.0.3 for group 3 on interface eth0 - Changed from Backup to Master' $D/main.log) -ge 2 ]"

# sync group 7: vrid 4 and 5 together
tap_check "sync group: notify ran with GROUP pair MASTER 7" \
	wait_for 30 grep -q "^GROUP pair MASTER 7$" "$D/group.out"
tap_check "sync group: notify_master ran once, with VRRP_GROUP_NAME" \
	bash -c "sleep 2; [ \"\$(cat $D/gmaster.out)\" = 'gmaster pair MASTER' ]"
in_ns r1 "$VRRPCTL" force backup dev eth0 vrid 4
in_ns r1 "$VRRPCTL" force backup dev eth0 vrid 5
tap_check "both members Backup: GROUP pair BACKUP" \
	wait_for 20 grep -q "^GROUP pair BACKUP 7$" "$D/group.out"
in_ns r1 "$VRRPCTL" force release dev eth0 vrid 4
in_ns r1 "$VRRPCTL" force release dev eth0 vrid 5
tap_check "back to Master: the group's scripts ran once more" \
	wait_for 30 bash -c "[ \$(grep -c '^GROUP pair MASTER 7$' $D/group.out) = 2 ] && [ \$(wc -l <$D/gmaster.out) = 2 ]"

if [ "$_tap_fail" -gt 0 ]; then
	for f in master.out notify.out group.out gmaster.out main.log error.log; do
		[ -f "$D/$f" ] && sed "s|^|# $f: |" "$D/$f"
	done
fi
tap_done
