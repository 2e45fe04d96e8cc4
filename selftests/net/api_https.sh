#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vrrpctl daemon's REST API over HTTPS (tls = true) with a self-signed
# certificate made by openssl in the test, in the foreground (-f / -m1
# style): rVRRPd's curl session with -k and with --cacert, Secure cookies,
# 401 without a session, and plain HTTP refused on the TLS port.
# vrrp-selftest: timeout=300
. "$(dirname "$0")/../lib.sh"

skip_unless_root

skip_unless_cmd curl jq ip openssl
[ -n "$VRRPCTL" ] && [ -x "$VRRPCTL" ] || skip_all "tool/vrrpctl not built"
tap_plan 10

D=$TMPDIR/api_https.$$
mkdir -p "$D"
PORT=7443
U="https://127.0.0.1:$PORT"
ADMIN='{{SHA256}}admin:255:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695'

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$D/key.pem" -out "$D/cert.pem" \
	-days 1 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1
tap_check "self-signed certificate made with openssl" test -s "$D/cert.pem"

cat >"$D/vrrp.conf" <<EOF
debug = 3
client_api = "http"

[[vrouter]]
group = 7
interface = "eth0"
vip = "10.0.0.7"

[api]
  tls = true
  tls_key = "$D/key.pem"
  tls_cert = "$D/cert.pem"
  host = "127.0.0.1:$PORT"
  users = [ "$ADMIN" ]
EOF

ns_create sw r1
lan_create sw r1 || skip_all "cannot build the topology"
in_ns r1 ip addr add 10.0.0.2/24 dev eth0
load_vrrp || skip_all "vrrp.ko does not load"
on_exit unload_vrrp
on_exit "in_ns r1 $VRRPCTL flush"

in_ns r1 "$VRRPCTL" daemon -f -c "$D/vrrp.conf" >"$D/out.log" 2>"$D/err.log" &
DPID=$!
on_exit "kill $DPID"
code() { in_ns r1 curl -s -m 10 -o "$D/body" -w '%{http_code}' "$@"; }

tap_check "HTTPS API answers GET / (certificate verified)" \
	wait_for 30 bash -c "[ \"\$(ip netns exec r1 curl -s --cacert $D/cert.pem -o /dev/null -w '%{http_code}' $U/)\" = 200 ]"
in_ns r1 curl -s -k -D "$D/hdr" -c "$D/jar" -d "user=admin passwd=banana" -X POST "$U/auth" >/dev/null
tap_check "POST /auth with curl -k (rVRRPd docs)" grep -q '^HTTP/1.1 200' "$D/hdr"
tap_check "cookies are Secure, HttpOnly, SameSite=Strict" \
	test "$(grep -c '^Set-Cookie: .*HttpOnly; SameSite=Strict; Secure' "$D/hdr")" = 4
tap_check "GET /run/vrrp over HTTPS" \
	test "$(code --cacert "$D/cert.pem" -b "$D/jar" "$U/run/vrrp")" = 200
tap_check "shape: group 7, virtual_ip 10.0.0.7, interface eth0" \
	jq -e '.[0].group == 7 and .[0].virtual_ip == "10.0.0.7" and .[0].interface == "eth0"' "$D/body"
tap_check "401 without a session over HTTPS" \
	test "$(code -k "$U/run/vrrp/7/eth0")" = 401
tap_check "plain HTTP on the TLS port gets no answer" \
	bash -c "[ \"\$(ip netns exec r1 curl -s -m 5 -o /dev/null -w '%{http_code}' http://127.0.0.1:$PORT/)\" != 200 ]"
tap_check "daemon still serves HTTPS afterwards" \
	test "$(code -k "$U/")" = 200
kill "$DPID"
tap_check "foreground daemon exits on SIGTERM" wait_for 10 bash -c "! kill -0 $DPID 2>/dev/null"

tap_done
