#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vrrpctl daemon and its REST API on a real VR: rVRRPd's documented curl
# session over HTTP, shapes field by field, 401 without or with forged
# tokens, redaction, a write route whose change shows in `vrrpctl show -j`,
# /metrics matched to `vrrpctl show -s -j`, forced states, the rVRRPd-style
# transition log, the pid file, SIGHUP reload, SIGTERM leaving the VR
# running, and a malformed-request pass.
# vrrp-selftest: timeout=400
. "$(dirname "$0")/../lib.sh"

skip_unless_root

skip_unless_cmd curl jq ip
[ -n "$VRRPCTL" ] && [ -x "$VRRPCTL" ] || skip_all "tool/vrrpctl not built"
tap_plan 49

D=$TMPDIR/api_http.$$
mkdir -p "$D"
PORT=7080
U="http://127.0.0.1:$PORT"
ADMIN='{{SHA256}}admin:255:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695'
VIEWER='{{SHA256}}viewer:2:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695'
# as rvrrpd-pw's scrypt mode prints it (password banana)
LEGACY='{{SCRYPT}}legacy:1::$rscrypt$0$BAgB$EBESExQVFhcYGRobHB0eHw==$fmdG4+TrtQOZNj5SIf+/HOuxCqGRMrS/DoVZfa2F/74=$'

write_conf() {	# write_conf PRIORITY
	cat >"$D/vrrp.conf" <<EOF
debug = 5
time_zone = "utc"
time_format = "short"
pid = "$D/vrrpctl.pid"
working_dir = "$D"
main_log = "$D/main.log"
error_log = "$D/error.log"
client_api = "http"

[[vrouter]]
group = 1
interface = "eth0"
vip = "10.0.0.1"
priority = $1
preemption = true
auth_type = "rfc2338-simple"
auth_secret = "thissecretnolongeris"

[api]
  tls = false
  host = "127.0.0.1:$PORT"
  secret = "api-test-secret"
  users = [ "$ADMIN", "$VIEWER", "$LEGACY" ]
EOF
}

ns_create sw r1
lan_create sw r1 || skip_all "cannot build the topology"
in_ns r1 ip addr add 10.0.0.2/24 dev eth0
load_vrrp || skip_all "vrrp.ko does not load"
on_exit unload_vrrp
on_exit "in_ns r1 $VRRPCTL flush"

write_conf 100
c() { in_ns r1 curl -s -m 10 "$@"; }
code() { in_ns r1 curl -s -m 10 -o "$D/body" -w '%{http_code}' "$@"; }
daemon_pid() { cat "$D/vrrpctl.pid" 2>/dev/null; }
stop_daemon() {
	local p
	p=$(daemon_pid)
	[ -n "$p" ] && kill "$p" 2>/dev/null
	wait_for 10 bash -c "! kill -0 $p 2>/dev/null"
}
on_exit stop_daemon

# -m2 style: forks, writes the pid file, logs to main_log / error_log
in_ns r1 "$VRRPCTL" daemon -c "$D/vrrp.conf"
tap_check "daemon starts (-m2 style) and returns 0" test $? = 0
tap_check "pid file written" wait_for 10 test -s "$D/vrrpctl.pid"
tap_check "API answers GET /" wait_for 20 bash -c "[ \"\$(ip netns exec r1 curl -s -o /dev/null -w '%{http_code}' $U/)\" = 200 ]"
out=$(in_ns r1 "$VRRPCTL" daemon -c "$D/vrrp.conf" 2>&1)
tap_check "second instance refused with the running pid" \
	bash -c "[ $? != 0 ] && grep -q 'already running with pid $(daemon_pid)' <<<'$out'"

# the exact rVRRPd session
J=$D/jar
tap_check "POST /auth (rVRRPd curl line)" \
	test "$(code -c "$J" -d "user=admin passwd=banana" -X POST "$U/auth")" = 200
tap_check "rvrrpd-pw scrypt user logs in" \
	test "$(code -d "user=legacy passwd=banana" -X POST "$U/auth")" = 200
tap_check "scrypt user, wrong password: 401" \
	test "$(code -d "user=legacy passwd=bananas" -X POST "$U/auth")" = 401
tap_check "VR becomes Master (seen through the API)" \
	wait_for 30 bash -c "ip netns exec r1 curl -s -b $J $U/run/vrrp | jq -e '.[0].state == \"Master\"'"
code -b "$J" "$U/run/vrrp" >/dev/null
cp "$D/body" "$D/list"
tap_check "/run/vrrp: one VR" test "$(jq length "$D/list")" = 1
tap_check "/run/vrrp: virtual_ip" test "$(jq -r '.[0].virtual_ip' "$D/list")" = 10.0.0.1
tap_check "/run/vrrp: group" test "$(jq -r '.[0].group' "$D/list")" = 1
tap_check "/run/vrrp: interface" test "$(jq -r '.[0].interface' "$D/list")" = eth0
tap_check "/run/vrrp: priority" test "$(jq -r '.[0].priority' "$D/list")" = 100
tap_check "/run/vrrp: preempt" test "$(jq -r '.[0].preempt' "$D/list")" = true
code -b "$J" "$U/run/vrrp/1/eth0" >/dev/null
cp "$D/body" "$D/one"
tap_check "/run/vrrp/1/eth0: auth_type" test "$(jq -r .auth_type "$D/one")" = rfc2338-simple
tap_check "/run/vrrp/1/eth0: advert_interval 1 s" test "$(jq -r .advert_interval "$D/one")" = 1
tap_check "/run/vrrp/1/eth0: masterdown_interval, skew_time, vif, hwaddress" \
	jq -e '(.masterdown_interval > 3) and (.skew_time > 0) and (.vif | length > 0) and
	       (.interface_hwaddress | test("^[0-9a-f]{2}(:[0-9a-f]{2}){5}$"))' "$D/one"

# 401s and redaction
tap_check "401 without cookies" test "$(code "$U/run/vrrp")" = 401
tok=$(awk '$6 == "token" {print $7}' "$J")
ts=$(awk '$6 == "ts" {print $7}' "$J")
nonce=$(awk '$6 == "nonce" {print $7}' "$J")
bad=$(printf '%s' "$tok" | tr '0-9a-f' '1-9a-f0')
tap_check "401 with a forged token" \
	test "$(code -b "user=admin; ts=$ts; nonce=$nonce; token=$bad" "$U/run/vrrp")" = 401
code -b "$J" "$U/config/vrouter" >/dev/null
tap_check "auth_secret redacted in /config/vrouter" \
	bash -c "jq -e '.[0].auth_secret == \"<redacted>\"' $D/body && ! grep -q thissecret $D/body"

# write route, visible in vrrpctl show -j
tap_check "viewer may not write (403)" bash -c "
	ip netns exec r1 curl -s -c $D/vjar -d 'user=viewer passwd=banana' -X POST $U/auth >/dev/null &&
	[ \"\$(ip netns exec r1 curl -s -o /dev/null -w '%{http_code}' -b $D/vjar -X PUT -d '{\"priority\":50}' $U/run/vrrp/1/eth0)\" = 403 ]"
tap_check "PUT priority 150 (admin)" \
	test "$(code -b "$J" -X PUT -d '{"priority":150}' "$U/run/vrrp/1/eth0")" = 200
tap_check "new priority in vrrpctl show -j" \
	bash -c "ip netns exec r1 $VRRPCTL show -j | jq -e '.[0].priority == 150'"
tap_check "vrrpctl -n r1 show -j (as ip -n) sees the same VR, from outside r1" \
	bash -c "$VRRPCTL -n r1 show -j | jq -e 'length == 1 and .[0].priority == 150 and .[0].interface == \"eth0\"'"
# the write routes get the kernel's errno through vrrpctl's typed VR
# operations, one table maps it: 409 exists, 404 no VR / no device, 400 a
# value the kernel refuses, each with the kernel's own (extack) message
c=$(code -b "$J" -d '{"group":1,"interface":"eth0","vip":"10.0.0.1"}' "$U/config/vrouter")
tap_check "adding an existing VR: 409 with the kernel's message" \
	test "$c:$(jq -r .error "$D/body")" = "409:virtual router already exists"
c=$(code -b "$J" -X PUT -d '{"priority":50}' "$U/run/vrrp/9/eth0")
tap_check "PUT on a VR that does not exist: 404 with the kernel's message" \
	test "$c:$(jq -r .error "$D/body")" = "404:no such virtual router"
c=$(code -b "$J" -X DELETE "$U/run/vrrp/9/eth0")
tap_check "DELETE of a VR that does not exist: 404" \
	test "$c:$(jq -r .error "$D/body")" = "404:no such virtual router"
c=$(code -b "$J" -d '{"state":"master"}' "$U/run/vrrp/1/eth0/force?family=inet6")
tap_check "force of the IPv6 VR 1 (there is none): 404" test "$c" = 404
c=$(code -b "$J" -X PUT -d '{"priority":50}' "$U/run/vrrp/1/nosuch0")
tap_check "PUT on an interface that does not exist: 404 with the kernel's message" \
	test "$c:$(jq -r .error "$D/body")" = "404:no such virtual router"
c=$(code -b "$J" -d '{"group":3,"interface":"nosuch0","vip":"10.0.0.3"}' "$U/config/vrouter")
tap_check "POST of a VR on a missing interface: 404 naming it" \
	test "$c:$(jq -r .error "$D/body")" = "404:Cannot find device \"nosuch0\""
c=$(code -b "$J" -d '{"group":3,"interface":"lo","vip":"10.0.0.3"}' "$U/config/vrouter")
tap_check "POST of a VR on lo: 400 with the kernel's message" \
	test "$c:$(jq -r .error "$D/body")" = "400:interface must be an Ethernet device"
c=$(code -b "$J" -d '{"group":3,"interface":"eth0","vip":["10.0.0.3","224.0.0.5"]}' "$U/config/vrouter")
tap_check "POST with a multicast VIP: 400 from the config schema, as load --check" \
	test "$c:$(jq -r .error "$D/body")" = "400:<request>:1: vip: \"224.0.0.5\" is not a unicast address"
c=$(code -b "$J" -d '{"group":3,"interface":"eth0","vip":"10.0.0.3","priority":0}' "$U/config/vrouter")
tap_check "POST with priority 0: 400 from the config schema, with the request's line" \
	bash -c "[ $c = 400 ] && jq -e '.error | startswith(\"<request>:1\")' $D/body"
tap_diag "schema said: $(jq -r .error "$D/body" 2>/dev/null)"
tap_check "the refused writes changed nothing (priority 150, one VR)" \
	bash -c "ip netns exec r1 $VRRPCTL show -j | jq -e 'length == 1 and .[0].priority == 150'"

# metrics against show -s -j
code -b "$J" "$U/metrics" >/dev/null
cp "$D/body" "$D/metrics"
in_ns r1 "$VRRPCTL" show -s -j >"$D/show.json"
lab='interface="eth0",group="1",family="inet"'
m() { sed -n "s/^$1{$lab} //p" "$D/metrics"; }
tap_check "metrics: state is 2 (master)" test "$(m vrrp_vr_state)" = 2
tap_check "metrics: priority matches show -j" \
	test "$(m vrrp_vr_priority)" = "$(jq '.[0].priority' "$D/show.json")"
tap_check "metrics: master transitions match show -s -j" \
	test "$(m vrrp_vr_master_transitions_total)" = "$(jq '.[0].stats.master_transitions' "$D/show.json")"
tap_check "metrics: every RFC 6527 counter of show -s -j is exported" bash -c "
	for k in \$(jq -r '.[0].stats | keys[]' $D/show.json); do
		grep -q \"^vrrp_vr_\${k}\\(_total\\)\\?{\" $D/metrics || { echo missing \$k; exit 1; }
	done"
tap_check "metrics: global counters" grep -q '^vrrp_checksum_errors_total ' "$D/metrics"

# force, and the rVRRPd-style log line
tap_check "force backup via the API" \
	test "$(code -b "$J" -d '{"state":"backup"}' "$U/run/vrrp/1/eth0/force")" = 200
tap_check "forced Backup in vrrpctl show -j" \
	wait_for 10 bash -c "ip netns exec r1 $VRRPCTL show -j | jq -e '.[0].state == \"Backup\"'"
tap_check "release via the API" \
	test "$(code -b "$J" -d '{"state":"release"}' "$U/run/vrrp/1/eth0/force")" = 200
tap_check "transition logged in rVRRPd's line style" \
	wait_for 10 grep -q 'VR 10.0.0.1 for group 1 on interface eth0 - Changed from Backup to Master' "$D/main.log"
tap_check "requests logged with method, path, user and status" \
	grep -q 'PUT /run/vrrp/1/eth0 admin 200' "$D/main.log"

# malformed requests
/usr/bin/python3 - <<EOF >/dev/null 2>&1
import os, socket, subprocess
cases = [b"GARBAGE\r\n\r\n", b"GET / HTTP/1.1\r\nX: " + b"a" * 50000 + b"\r\n\r\n",
         b"GET /run/vrrp HTTP/1.1\r\nCookie: user=\x00;;;token=\r\n\r\n",
         os.urandom(8192)]
for c in cases:
    subprocess.run(["ip", "netns", "exec", "r1", "/usr/bin/python3", "-c",
        "import socket,sys; s=socket.create_connection(('127.0.0.1', $PORT), timeout=3); "
        "s.sendall(sys.stdin.buffer.read()); "
        "exec('try:\\n s.recv(100)\\nexcept OSError:\\n pass')"], input=c, timeout=10)
EOF
tap_check "daemon still answers after malformed requests" test "$(code "$U/")" = 200

# SIGHUP reload as a diff, logout, SIGTERM keeps the VR
write_conf 120
kill -HUP "$(daemon_pid)"
tap_check "SIGHUP reload applies the new priority" \
	wait_for 10 bash -c "ip netns exec r1 $VRRPCTL show -j | jq -e '.[0].priority == 120'"
tap_check "logout ends the session" bash -c "
	[ \"\$(ip netns exec r1 curl -s -o /dev/null -w '%{http_code}' -b $J -X POST $U/logout)\" = 200 ] &&
	[ \"\$(ip netns exec r1 curl -s -o /dev/null -w '%{http_code}' -b '$(printf 'user=admin; ts=%s; nonce=%s; token=%s' "$ts" "$nonce" "$tok")' $U/run/vrrp)\" = 401 ]"
p=$(daemon_pid)
kill "$p"
tap_check "SIGTERM: daemon exits and removes its pid file" \
	wait_for 10 bash -c "! kill -0 $p 2>/dev/null && [ ! -e $D/vrrpctl.pid ]"
tap_check "SIGTERM: the kernel keeps the VR as Master" \
	bash -c "ip netns exec r1 $VRRPCTL show -j | jq -e '.[0].state == \"Master\"'"

tap_done
