#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vrrpctl daemon with user = "nobody" on a real VR (review M9): it applies
# the config as root, drops to nobody keeping CAP_NET_ADMIN only, and still
# changes the kernel's VRs afterwards (SIGHUP reload, an API write), which
# the module allows only with CAP_NET_ADMIN on the sending process; notify
# scripts run as nobody with no capability and a minimal environment; a
# script made world-writable after start is not run; SIGTERM leaves the VR
# running and the pid file emptied.
# vrrp-selftest: timeout=300
. "$(dirname "$0")/../lib.sh"

skip_unless_root

skip_unless_cmd curl jq ip
[ -n "$VRRPCTL" ] && [ -x "$VRRPCTL" ] || skip_all "tool/vrrpctl not built"
id nobody >/dev/null 2>&1 || skip_all "no user nobody"
NUID=$(id -u nobody)
NGRP=$(id -gn nobody)

D=$TMPDIR/daemon_privdrop.$$
mkdir -p "$D/out"
chmod 755 "$D"
chmod 777 "$D/out"	# where the scripts (as nobody) write
PORT=7080
U="http://127.0.0.1:$PORT"
ADMIN='{{SHA256}}admin:255:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695'
cat >"$D/master.sh" <<EOF
#!/bin/sh
echo "\$(id -u) \$(sed -n 's/^CapEff:\t//p' /proc/self/status) \$(env | cut -d= -f1 | sort | tr '\n' ' ')" >>"$D/out/master.out"
EOF
chmod 755 "$D/master.sh"

write_conf() {	# write_conf PRIORITY
	cat >"$D/vrrp.conf" <<EOF
debug = 2
user = "nobody"
pid = "$D/vrrpctl.pid"
main_log = "$D/main.log"
error_log = "$D/error.log"
client_api = "http"

[[vrouter]]
group = 3
interface = "eth0"
vip = "10.0.0.3"
priority = $1
notify_master = "$D/master.sh"

[api]
  host = "127.0.0.1:$PORT"
  users = [ "$ADMIN" ]
EOF
	chgrp "$NGRP" "$D/vrrp.conf"
	chmod 640 "$D/vrrp.conf"
}

tap_plan 12
ns_create sw r1
lan_create sw r1 || skip_all "cannot build the topology"
in_ns r1 ip addr add 10.0.0.2/24 dev eth0
load_vrrp || skip_all "vrrp.ko does not load"
on_exit unload_vrrp
on_exit "in_ns r1 $VRRPCTL flush"

daemon_pid() { cat "$D/vrrpctl.pid" 2>/dev/null; }
code() { in_ns r1 curl -s -m 10 -o "$D/body" -w '%{http_code}' "$@"; }
prio() { in_ns r1 "$VRRPCTL" -j show dev eth0 vrid 3 | jq -r '.[0].priority'; }

write_conf 100
# a variable of the daemon's environment that the scripts must not see
in_ns r1 env VRRPCTL_TEST_MARKER=1 "$VRRPCTL" daemon -c "$D/vrrp.conf"
tap_check "daemon with user = nobody starts" wait_for 10 test -s "$D/vrrpctl.pid"
P=$(daemon_pid)
on_exit "kill $P 2>/dev/null"
tap_check "it runs as nobody with CAP_NET_ADMIN only" \
	bash -c "grep -q '^Uid:.$NUID.$NUID.$NUID.$NUID$' /proc/$P/status && grep -q '^CapEff:.0000000000001000$' /proc/$P/status"
tap_check "the VR was applied (before the drop)" \
	bash -c "[ \"\$(ip netns exec r1 $VRRPCTL -j show dev eth0 vrid 3 | jq length)\" = 1 ]"
tap_check "notify_master ran as nobody with no capability" \
	wait_for 30 grep -q "^$NUID 0000000000000000 " "$D/out/master.out"
tap_check "its environment: PATH HOME USER LOGNAME and VRRP_*, not the daemon's" \
	bash -c "line=\$(head -1 $D/out/master.out); for v in PATH HOME USER LOGNAME VRRP_STATE; do grep -qw \$v <<<\"\$line\" || exit 1; done; ! grep -q VRRPCTL_TEST_MARKER <<<\"\$line\""

# after the drop, the kernel still takes changes: SIGHUP and the API
write_conf 150
kill -HUP "$P"
tap_check "SIGHUP as nobody applies a new priority" wait_for 10 bash -c "[ \"\$(ip netns exec r1 $VRRPCTL -j show dev eth0 vrid 3 | jq -r '.[0].priority')\" = 150 ]"
code -c "$D/jar" -d "user=admin passwd=banana" -X POST "$U/auth" >/dev/null
c=$(code -b "$D/jar" -X PUT -d '{"priority":200}' "$U/run/vrrp/3/eth0")
tap_check "an API write as nobody is applied ($c, $(cat "$D/body" 2>/dev/null))" \
	bash -c "[ $c = 200 ] && [ \"\$(ip netns exec r1 $VRRPCTL -j show dev eth0 vrid 3 | jq -r '.[0].priority')\" = 200 ]"

# a script that became world-writable since the start is not run
chmod 757 "$D/master.sh"
n0=$(wc -l <"$D/out/master.out")
in_ns r1 "$VRRPCTL" force backup dev eth0 vrid 3
in_ns r1 "$VRRPCTL" force release dev eth0 vrid 3
tap_check "a script made world-writable is refused at run time, logged" \
	wait_for 30 grep -q "notify: notify_master for eth0_3 not run: script refused: $D/master.sh may be written by everyone" "$D/error.log"
tap_check "and it did not run" test "$(wc -l <"$D/out/master.out")" = "$n0"
chmod 755 "$D/master.sh"

kill "$P"
tap_check "SIGTERM: the daemon exits" wait_for 10 bash -c "! kill -0 $P 2>/dev/null"
tap_check "the VR keeps running" test "$(prio)" = 200
tap_check "the pid file is emptied (nobody may not remove it)" \
	bash -c "[ -e $D/vrrpctl.pid ] && [ ! -s $D/vrrpctl.pid ]"

if [ "$_tap_fail" -gt 0 ]; then
	for f in out/master.out main.log error.log; do
		[ -f "$D/$f" ] && sed "s|^|# $f: |" "$D/$f"
	done
fi
tap_done
