#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host test of the REST API server (tool/api*.c, metrics.c, users.c) on a
# fake VR backend (fake_server), driven with curl over HTTP and HTTPS on
# loopback only. Checks the rVRRPd curl session, shapes field by field,
# cookies, 401/403/404/400/429, expiry, forged tokens, logout, redaction,
# write routes, /metrics, a failing backend, and a malformed-request pass.
# TAP output; exit 0 pass, 1 fail, 4 skip.

cd "$(dirname "$0")" || exit 1
HERE=$PWD
SRV=$HERE/fake_server
PY=/usr/bin/python3

for t in curl jq openssl; do
	if ! command -v $t >/dev/null; then
		echo "1..0 # SKIP $t not installed"
		exit 4
	fi
done
[ -x "$SRV" ] || { echo "1..0 # SKIP fake_server not built (make)"; exit 4; }

TMP=$(mktemp -d)
PIDS=()
n=0
fail=0

cleanup() {
	local p

	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	rm -rf "$TMP"
}
trap cleanup EXIT

ok() {	# ok COND-STATUS NAME
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=1
	fi
}

check() {	# check NAME CMD...
	local name=$1

	shift
	"$@" >/dev/null 2>&1
	ok $? "$name"
}

start() {	# start NAME HOST ARGS... ; listens on HOST:0, sets $PORT
	local name=$1 h=$2 i

	shift 2
	"$SRV" "$h:0" "$@" 2>"$TMP/$name.log" &
	PIDS+=($!)
	for i in $(seq 50); do
		PORT=$(sed -n 's/^ready //p' "$TMP/$name.log")
		[ -n "$PORT" ] && return 0
		kill -0 "${PIDS[-1]}" 2>/dev/null || break
		sleep 0.1
	done
	cat "$TMP/$name.log" >&2
	return 1
}

code() {	# code ARGS... -> HTTP status
	curl -s -o "$TMP/body" -w '%{http_code}' "$@"
}

start plain 127.0.0.1
ok $? "server starts on 127.0.0.1"
P1=$PORT
U="http://127.0.0.1:$P1"

# --- public routes -------------------------------------------------------
check "GET / without login is 200" test "$(code $U/)" = 200
check "GET / is a welcome page" grep -q "vrrpctl REST API" "$TMP/body"

# --- rVRRPd curl session -------------------------------------------------
J=$TMP/jar
c=$(curl -s -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' -c "$J" \
	-d "user=admin passwd=banana" -X POST "$U/auth")
check "POST /auth admin/banana is 200" test "$c" = 200
for k in user ts nonce token; do
	check "cookie $k set HttpOnly SameSite=Strict, not Secure over http" \
		grep -Eq "^Set-Cookie: $k=[^;]+;.*HttpOnly; SameSite=Strict\s*$" "$TMP/hdr"
done
check "cookie jar has the token" grep -q "token" "$J"
check "auth body names the user" test "$(jq -r .user "$TMP/body")" = admin

c=$(code -b "$J" "$U/run/vrrp")
check "GET /run/vrrp with cookies is 200" test "$c" = 200
cp "$TMP/body" "$TMP/list"
check "/run/vrrp is an array of 2" test "$(jq length "$TMP/list")" = 2
check "keys of rVRRPd present" jq -e '.[0] | has("virtual_ip") and has("group") and
	has("interface") and has("priority") and has("preempt") and has("state")' "$TMP/list"
check "virtual_ip is a bare address" test "$(jq -r '.[0].virtual_ip' "$TMP/list")" = 10.0.0.1
check "group is a number" test "$(jq -r '.[0].group|type' "$TMP/list")" = number
check "interface" test "$(jq -r '.[0].interface' "$TMP/list")" = veth0
check "priority" test "$(jq -r '.[0].priority' "$TMP/list")" = 254
check "preempt is a boolean" test "$(jq -r '.[0].preempt' "$TMP/list")" = true
check "state Master" test "$(jq -r '.[0].state' "$TMP/list")" = Master
check "state Backup" test "$(jq -r '.[1].state' "$TMP/list")" = Backup
check "IPv6 VR has extra keys" jq -e '.[1].family == "inet6" and .[1].version == 3 and
	(.[1].virtual_ips | length) == 2' "$TMP/list"

c=$(code -b "$J" "$U/run/vrrp/7")
check "/run/vrrp/7 filters" test "$c:$(jq -c '[.[].group]' "$TMP/body")" = "200:[7]"
c=$(code -b "$J" "$U/run/vrrp/99")
check "/run/vrrp/99 is an empty list" test "$c:$(jq -c . "$TMP/body")" = "200:[]"

c=$(code -b "$J" "$U/run/vrrp/1/veth0")
check "/run/vrrp/1/veth0 is 200" test "$c" = 200
check "detail: vif" test "$(jq -r .vif "$TMP/body")" = vrrp0
check "detail: auth_type in rVRRPd naming" test "$(jq -r .auth_type "$TMP/body")" = rfc2338-simple
check "detail: interface_hwaddress" test "$(jq -r .interface_hwaddress "$TMP/body")" = 00:00:5e:00:01:01
check "detail: advert_interval" test "$(jq -r .advert_interval "$TMP/body")" = 1
check "detail: masterdown_interval" jq -e '.masterdown_interval > 3 and .masterdown_interval < 3.1' "$TMP/body"
check "detail: skew_time" jq -e '.skew_time > 0.0039 and .skew_time < 0.004' "$TMP/body"
c=$(code -b "$J" "$U/run/vrrp/7/veth1?family=inet6")
check "/run/vrrp/7/veth1?family=inet6" test "$c:$(jq -r .virtual_ip "$TMP/body")" = "200:fd00::1"
check "404 for a missing VR" test "$(code -b "$J" "$U/run/vrrp/2/veth0")" = 404
check "400 for group 0" test "$(code -b "$J" "$U/run/vrrp/0")" = 400
check "400 for group abc" test "$(code -b "$J" "$U/run/vrrp/abc")" = 400
check "404 for an unknown route" test "$(code -b "$J" "$U/nope")" = 404

c=$(code -b "$J" "$U/run/global")
check "/run/global" test "$c:$(jq -r .kernel.vr_count "$TMP/body")" = "200:2"
c=$(code -b "$J" "$U/run/protocols")
check "/run/protocols" test "$c:$(jq -r '.static[0].gateway' "$TMP/body")" = "200:10.240.0.254"
c=$(code -b "$J" "$U/run/protocols/static")
check "/run/protocols/static works" test "$c:$(jq -r '.[0].installed' "$TMP/body")" = "200:true"

# --- the read routes' answers are kept 100 ms (API_CACHE_MS) ------------------
calls() { code -b "$J" "$U/config/global" >/dev/null; jq -r .vr_list_calls "$TMP/body"; }
sleep 0.2
c0=$(calls)
for i in 1 2 3 4 5; do code -b "$J" "$U/run/vrrp" >/dev/null; done
c1=$(calls)
check "5 GET /run/vrrp within 100 ms: one backend dump ($c0 -> $c1)" \
	bash -c "[ $((c1 - c0)) -ge 1 ] && [ $((c1 - c0)) -le 2 ]"
sleep 0.2
code -b "$J" "$U/run/vrrp" >/dev/null
c2=$(calls)
check "after 200 ms the next GET dumps again ($c1 -> $c2)" test "$((c2 - c1))" = 1
code -b "$J" "$U/run/vrrp" >/dev/null
code -b "$J" -X PUT -d '{"priority":77}' "$U/run/vrrp/1/veth0" >/dev/null
code -b "$J" "$U/run/vrrp/1/veth0" >/dev/null
check "a write through the API is seen by the next GET at once" \
	test "$(jq -r .priority "$TMP/body")" = 77
code -b "$J" -X PUT -d '{"priority":100}' "$U/run/vrrp/1/veth0" >/dev/null
code -b "$J" "$U/metrics" >/dev/null
check "a kept /metrics answer keeps its content type" \
	bash -c "curl -s -m 5 -b $J -D - -o /dev/null $U/metrics | grep -qi '^Content-Type: text/plain'"

# --- redaction --------------------------------------------------------------
c=$(code -b "$J" "$U/config/vrouter")
check "/config/vrouter is 200" test "$c" = 200
check "auth_secret redacted" test "$(jq -r '.[0].auth_secret' "$TMP/body")" = "<redacted>"
check "secret text absent" bash -c "! grep -q thissecret $TMP/body"
c=$(code -b "$J" "$U/config/global")
check "/config/global is 200" test "$c" = 200
check "api secret redacted" test "$(jq -r .api.secret "$TMP/body")" = "<redacted>"
check "password hash redacted" bash -c "! grep -q 3df024b5 $TMP/body"
check "user name and level kept" test "$(jq -r '.api.users[0]' "$TMP/body")" = "{{SHA256}}admin:0:<redacted>"
check "/config/global has no vrouter" test "$(jq -r 'has("vrouter")' "$TMP/body")" = false
c=$(code -b "$J" "$U/config/protocols")
check "/config/protocols" test "$c:$(jq -r '.static[0].nh' "$TMP/body")" = "200:10.240.0.254"

# --- 401 cases --------------------------------------------------------------
for r in /run/vrrp /run/vrrp/1 /run/vrrp/1/veth0 /run/global /run/protocols \
	 /run/protocols/static /config/global /config/vrouter /config/protocols /metrics; do
	c=$(code "$U$r")
	check "401 without session: $r" test "$c:$(jq -r .code "$TMP/body")" = "401:401"
done
tok=$(awk '$6 == "token" {print $7}' "$J")
usr=$(awk '$6 == "ts" {print $7}' "$J")
non=$(awk '$6 == "nonce" {print $7}' "$J")
forged=$(printf '%s' "$tok" | sed 's/^./f/;t;s/^/0/')
[ "$forged" = "$tok" ] && forged=0${tok:1}
check "401 with forged token" test "$(code -b "user=admin; ts=$usr; nonce=$non; token=$forged" "$U/run/vrrp")" = 401
check "401 when moved to another user" test "$(code -b "user=viewer; ts=$usr; nonce=$non; token=$tok" "$U/run/vrrp")" = 401
check "401 with shifted ts" test "$(code -b "user=admin; ts=$((usr - 100)); nonce=$non; token=$tok" "$U/run/vrrp")" = 401
check "401 (no crash) with garbage cookies" test "$(code -b "user=;;;; ts=\"; token===" "$U/run/vrrp")" = 401
check "401 with a huge cookie value" test "$(code -b "token=$(head -c 3000 /dev/zero | tr '\0' a)" "$U/run/vrrp")" = 401
check "200 with the same cookies typed by hand" test "$(code -b "user=admin; ts=$usr; nonce=$non; token=$tok" "$U/run/vrrp")" = 200

# --- bad logins ---------------------------------------------------------------
check "401 bad password" test "$(code -d "user=admin passwd=apple" -X POST "$U/auth")" = 401
check "401 unknown user" test "$(code -d "user=root passwd=banana" -X POST "$U/auth")" = 401
# review L1: a forged cookie answers the same for a user that exists and one that does not
z32=00000000000000000000000000000000
c1=$(code -b "user=admin; ts=$(date +%s); nonce=$z32; token=$z32$z32" "$U/run/vrrp"):$(cat "$TMP/body")
c2=$(code -b "user=nobodyhere; ts=$(date +%s); nonce=$z32; token=$z32$z32" "$U/run/vrrp"):$(cat "$TMP/body")
check "L1: forged cookies: one answer for a user that exists and one that does not ($c2)" test "$c1" = "$c2"
check "400 malformed body (no passwd)" test "$(code -d "user=admin" -X POST "$U/auth")" = 400
check "400 malformed body (JSON)" test "$(code -d '{"user":"admin"}' -X POST "$U/auth")" = 400
check "405 GET /auth" test "$(code "$U/auth")" = 405

# --- write routes -------------------------------------------------------------
VJ=$TMP/vjar
check "viewer (level 1) logs in" test "$(code -c "$VJ" -d "user=viewer passwd=banana" -X POST "$U/auth")" = 200
check "viewer can read" test "$(code -b "$VJ" "$U/run/vrrp")" = 200
# review L7: notify commands may carry secrets: only an admin sees them
code -b "$VJ" "$U/config/vrouter" >/dev/null
check "viewer: notify_master redacted in /config/vrouter" \
	bash -c "[ \"\$(jq -r '.[0].notify_master' $TMP/body)\" = '<redacted>' ] && ! grep -q hunter2 $TMP/body"
code -b "$J" "$U/config/vrouter" >/dev/null
check "admin: notify_master shown" \
	test "$(jq -r '.[0].notify_master' "$TMP/body")" = "/usr/local/bin/up.sh --token=hunter2"
c=$(code -b "$VJ" -X PUT -H 'Content-Type: application/json' -d '{"priority":50}' "$U/run/vrrp/1/veth0")
check "viewer PUT is 403" test "$c" = 403
check "viewer DELETE is 403" test "$(code -b "$VJ" -X DELETE "$U/run/vrrp/1/veth0")" = 403
check "viewer force is 403" test "$(code -b "$VJ" -d '{"state":"master"}' "$U/run/vrrp/7/veth1/force")" = 403
check "viewer add is 403" test "$(code -b "$VJ" -d '{"group":5,"interface":"veth0","vip":"10.0.0.5"}' "$U/config/vrouter")" = 403
# review H1: rvrrpd-pw's lines (level 0) read, and do not write
RJ=$TMP/rjar
check "an rVRRPd user (level 0) logs in" test "$(code -c "$RJ" -d "user=rvrrpd passwd=banana" -X POST "$U/auth")" = 200
check "an rVRRPd user can read" test "$(code -b "$RJ" "$U/run/vrrp")" = 200
c=$(code -b "$RJ" -X PUT -H 'Content-Type: application/json' -d '{"priority":50}' "$U/run/vrrp/1/veth0")
check "an rVRRPd user's PUT is 403, naming the level that may write" \
	bash -c "[ $c = 403 ] && grep -q 'level 255 (vrrpctl pw --admin) required' $TMP/body"
check "an rVRRPd user's DELETE is 403" test "$(code -b "$RJ" -X DELETE "$U/run/vrrp/1/veth0")" = 403
c=$(code -b "$J" -X PUT -d '{"priority":200,"preempt":false}' "$U/run/vrrp/1/veth0")
check "admin PUT priority is 200" test "$c" = 200
code -b "$J" "$U/run/vrrp/1/veth0" >/dev/null
check "new priority and preempt visible" test "$(jq -c '[.priority,.preempt]' "$TMP/body")" = "[200,false]"
check "PUT priority 0 is 400" test "$(code -b "$J" -X PUT -d '{"priority":0}' "$U/run/vrrp/1/veth0")" = 400
check "PUT unknown key is 400" test "$(code -b "$J" -X PUT -d '{"prio":9}' "$U/run/vrrp/1/veth0")" = 400
check "PUT non-JSON is 400" test "$(code -b "$J" -X PUT -d 'priority=9' "$U/run/vrrp/1/veth0")" = 400
c=$(code -b "$J" -X PUT -d '{"priority":255}' "$U/run/vrrp/1/veth0")
check "backend error comes back as 400 with its message" \
	test "$c:$(jq -r .error "$TMP/body")" = "400:priority 255 is reserved for the address owner"
# review L3: every method reaches the router (405 with Allow, JSON), and a
# path too deep or too long is 401 without a session like any other
c=$(curl -s -m 5 -D "$TMP/hdr" -o "$TMP/body" -w '%{http_code}' -X PATCH "$U/")
check "PATCH / is 405, JSON, Allow: GET" \
	test "$c:$(jq -r .code "$TMP/body"):$(tr -d '\r' <"$TMP/hdr" | sed -n 's/^Allow: //p')" = "405:405:GET"
c=$(curl -s -m 5 -D "$TMP/hdr" -o "$TMP/body" -w '%{http_code}' -X OPTIONS "$U/auth")
check "OPTIONS /auth is 405, Allow: POST" \
	test "$c:$(tr -d '\r' <"$TMP/hdr" | sed -n 's/^Allow: //p')" = "405:POST"
check "TRACE / is 405" test "$(code -X TRACE "$U/")" = 405
check "PATCH /run/vrrp without a session is 401" test "$(code -X PATCH "$U/run/vrrp")" = 401
check "PATCH /run/vrrp/1/veth0 with a session is 405 (GET, PUT, DELETE)" \
	test "$(code -b "$J" -X PATCH "$U/run/vrrp/1/veth0"):$(jq -r .error "$TMP/body")" = "405:method PATCH not allowed here (allowed: GET, PUT, DELETE)"
check "GET of 9 segments without a session is 401" test "$(code "$U/a/b/c/d/e/f/g/h/i")" = 401
check "GET of a 64-character segment without a session is 401" \
	test "$(code "$U/$(head -c 64 /dev/zero | tr '\0' a)")" = 401
check "GET of 9 segments with a session is 404" test "$(code -b "$J" "$U/a/b/c/d/e/f/g/h/i")" = 404
check "PUT on a missing VR is 404" test "$(code -b "$J" -X PUT -d '{"priority":9}' "$U/run/vrrp/9/veth0")" = 404
c=$(code -b "$J" -d '{"group":5,"interface":"veth0","vip":"10.0.0.5"}' "$U/config/vrouter")
check "POST /config/vrouter adds a VR (201)" test "$c" = 201
c=$(code -b "$J" -d '{"group":5,"interface":"veth0","vip":"10.0.0.5"}' "$U/config/vrouter")
check "POST of the same VR again: 409 with the backend's reason" \
	test "$c:$(jq -r .error "$TMP/body")" = "409:virtual router already exists"
code -b "$J" "$U/run/vrrp/5" >/dev/null
check "added VR is listed" test "$(jq -r '.[0].virtual_ip' "$TMP/body")" = 10.0.0.5
check "DELETE the added VR" test "$(code -b "$J" -X DELETE "$U/run/vrrp/5/veth0")" = 200
code -b "$J" "$U/run/vrrp/5" >/dev/null
check "deleted VR is gone" test "$(jq length "$TMP/body")" = 0
check "force master" test "$(code -b "$J" -d '{"state":"master"}' "$U/run/vrrp/7/veth1/force?family=inet6")" = 200
code -b "$J" "$U/run/vrrp/7" >/dev/null
check "forced state visible" test "$(jq -r '.[0].state' "$TMP/body")" = Master
check "force bad state is 400" test "$(code -b "$J" -d '{"state":"boss"}' "$U/run/vrrp/7/veth1/force")" = 400

# --- metrics ------------------------------------------------------------------
c=$(code -b "$J" "$U/metrics")
check "/metrics is 200" test "$c" = 200
check "metrics: state of VR 1 is master (2)" grep -qx 'vrrp_vr_state{interface="veth0",group="1",family="inet"} 2' "$TMP/body"
check "metrics: priority follows the PUT" grep -qx 'vrrp_vr_priority{interface="veth0",group="1",family="inet"} 200' "$TMP/body"
check "metrics: transitions counter" grep -qx 'vrrp_vr_master_transitions_total{interface="veth0",group="1",family="inet"} 3' "$TMP/body"
check "metrics: global counter" grep -qx 'vrrp_checksum_errors_total 5' "$TMP/body"
check "metrics: every sample line parses" bash -c "grep -v '^#' $TMP/body | grep -Evq '^[a-z_]+(\{[^}]*\})? -?[0-9.e+]+\$' && exit 1 || exit 0"

# --- logout -------------------------------------------------------------------
check "logout is 200" test "$(code -b "$J" -X POST "$U/logout")" = 200
check "401 after logout" test "$(code -b "$J" "$U/run/vrrp")" = 401
check "viewer session survives admin logout" test "$(code -b "$VJ" "$U/run/vrrp")" = 200

# --- rate limit -----------------------------------------------------------------
for i in 1 2 3 4 5; do code -d "user=admin passwd=wrong$i" -X POST "$U/auth" >/dev/null; done
c=$(curl -s -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' -d "user=admin passwd=banana" -X POST "$U/auth")
check "429 after 5 failed logins, even with the right password" test "$c" = 429
check "Retry-After given" grep -qi '^Retry-After: [0-9]' "$TMP/hdr"

# --- request log --------------------------------------------------------------
check "requests are logged with method, path, user and status" \
	grep -q 'GET /run/vrrp admin 200' "$TMP/plain.log"

# --- malformed requests -------------------------------------------------------
mal() {	# mal PORT: raw garbage on sockets
	"$PY" - "$1" <<'EOF'
import os, socket, sys
port = int(sys.argv[1])
cases = [
    b"GARBAGE\r\n\r\n",
    b"GET\r\n\r\n",
    b"GET /run/vrrp HTTP/9.9\r\n\r\n",
    b"GET " + b"/a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n",
    b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 2000 + b"\r\n",
    b"POST /auth HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\nuser=",
    b"POST /auth HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
    b"POST /auth HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"GET /run/vrrp/%00/x HTTP/1.1\r\nHost: x\r\nCookie: user=%00; token=\x01\x02\r\n\r\n",
    b"GET /run/vrrp HTTP/1.1\r\nHost: x\r\nCookie: " + b";" * 4000 + b"\r\n\r\n",
    b"PUT /run/vrrp/1/veth0 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n{{{",
    os.urandom(4096),
    os.urandom(64) + b"\r\n\r\n",
]
for c in cases:
    s = socket.create_connection(("127.0.0.1", port), timeout=3)
    try:
        s.sendall(c)
        s.recv(4096)
    except OSError:
        pass
    s.close()
EOF
}
mal $P1
check "malformed-request pass: server still alive" kill -0 "${PIDS[0]}"
check "malformed-request pass: server still answers" test "$(code "$U/")" = 200
check "POST /auth body over the size limit is refused" \
	test "$(head -c 100000 /dev/zero | tr '\0' a | curl -s -o /dev/null -w '%{http_code}' --data-binary @- "$U/auth")" = 413

# --- expiry -------------------------------------------------------------------
start ttl 127.0.0.1 --ttl 2
ok $? "server with ttl 2 starts"
P2=$PORT
EJ=$TMP/ejar
code -c "$EJ" -d "user=admin passwd=banana" -X POST "http://127.0.0.1:$P2/auth" >/dev/null
check "fresh token works" test "$(code -b "$EJ" "http://127.0.0.1:$P2/run/vrrp")" = 200
# curl drops cookies past Max-Age itself: send them by hand, as a script would
ec=$(awk '$6 ~ /^(user|ts|nonce|token)$/ {printf "%s=%s; ", $6, $7}' "$EJ")
sleep 3
c=$(code -b "$ec" "http://127.0.0.1:$P2/run/vrrp")
check "expired token is 401 'session expired'" test "$c:$(jq -r .error "$TMP/body")" = "401:session expired"

# review M2: a good login as another user does not reset the count
for i in 1 2 3 4; do code -d "user=admin passwd=wrong$i" -X POST "http://127.0.0.1:$P2/auth" >/dev/null; done
check "M2: after 4 failures, a good login as viewer" \
	test "$(code -d "user=viewer passwd=banana" -X POST "http://127.0.0.1:$P2/auth")" = 200
code -d "user=admin passwd=wrong5" -X POST "http://127.0.0.1:$P2/auth" >/dev/null
check "M2: the fifth failure still blocks the source" \
	test "$(code -d "user=admin passwd=banana" -X POST "http://127.0.0.1:$P2/auth")" = 429
check "M10: failed logins are logged with the user, at every debug level" \
	grep -q "127.0.0.1: failed login as 'admin'" "$TMP/ttl.log"
check "M10: the block is logged" grep -q "127.0.0.1: login refused: blocked for" "$TMP/ttl.log"

# --- failing backend (host without the module) ---------------------------------
start empty 127.0.0.1 --empty --no-metrics-auth
ok $? "server with a failing backend starts"
P3=$PORT
EU="http://127.0.0.1:$P3"
code -c "$EJ" -d "user=admin passwd=banana" -X POST "$EU/auth" >/dev/null
for r in /run/vrrp /run/vrrp/1 /run/vrrp/1/eth0 /run/global /run/protocols /metrics; do
	c=$(code -b "$EJ" "$EU$r")
	check "failing backend: $r answers 503 with a JSON error" \
		test "$c:$(jq -r '.error|test("not found")' "$TMP/body")" = "503:true"
done
check "metrics_auth = false: /metrics needs no session" \
	test "$(code "$EU/metrics")" = 503
# review L3: a write that cannot reach the kernel is 503, as the reads
check "failing backend: write answers 503 with the reason" \
	test "$(code -b "$EJ" -X PUT -d '{"priority":9}' "$EU/run/vrrp/1/eth0"):$(jq -r .error "$TMP/body")" = "503:vrrp kernel module not loaded"

# --- IPv6 listen ----------------------------------------------------------------
if start v6 "[::1]"; then
	P4=$PORT
	ok 0 "server starts on [::1]"
	check "IPv6 GET / is 200" test "$(code "http://[::1]:$P4/")" = 200
else
	n=$((n + 1)); echo "ok $n - IPv6 listen # SKIP no ::1"
fi

# review L2: HEAD has the length of the GET and no body, so keep-alive stays in step
out=$(python3 - "$P1" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
s.sendall(b"HEAD / HTTP/1.1\r\nHost: x\r\n\r\n"
          b"GET /nosuch HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
d = b""
while True:
    try:
        c = s.recv(65536)
    except OSError:
        break
    if not c:
        break
    d += c
head, _, rest = d.partition(b"\r\n\r\n")
print("OK" if b"Content-Length:" in head and rest.startswith(b"HTTP/1.1 ")
      else "BAD " + repr(d[:300]))
PY
)
check "L2: HEAD: a Content-Length, no body, the next response right after ($out)" test "$out" = OK

# --- HTTPS ----------------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TMP/key.pem" -out "$TMP/cert.pem" \
	-days 1 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1
ok $? "self-signed certificate made with openssl"
start tls 127.0.0.1 --tls "$TMP/key.pem" "$TMP/cert.pem"
ok $? "TLS server starts"
P5=$PORT
S="https://127.0.0.1:$P5"
# 50 requests on one keep-alive TLS connection: with Nagle on, each reply's
# last TLS record waited for curl's delayed ACK (2.3 s for 50 here; 0.01 s
# with TCP_NODELAY)
urls=$(for i in $(seq 50); do printf '%s/ ' "$S"; done)
t0=$(date +%s%N)
curl -s --cacert "$TMP/cert.pem" $urls >/dev/null
t1=$(date +%s%N)
ms=$(((t1 - t0) / 1000000))
check "50 HTTPS requests on one connection in under 1 s: no Nagle delay per reply (${ms} ms)" \
	test "$ms" -lt 1000
TJ=$TMP/tjar
c=$(curl -s --cacert "$TMP/cert.pem" -o "$TMP/body" -D "$TMP/hdr" -w '%{http_code}' \
	-c "$TJ" -d "user=admin passwd=banana" -X POST "$S/auth")
check "HTTPS POST /auth is 200 (certificate verified)" test "$c" = 200
for k in user ts nonce token; do
	check "HTTPS cookie $k is Secure" grep -Eq "^Set-Cookie: $k=.*HttpOnly; SameSite=Strict; Secure" "$TMP/hdr"
done
c=$(curl -s --cacert "$TMP/cert.pem" -o "$TMP/body" -w '%{http_code}' -b "$TJ" "$S/run/vrrp")
check "HTTPS GET /run/vrrp is 200" test "$c:$(jq length "$TMP/body")" = "200:2"
check "HTTPS -k session as in rVRRPd docs" \
	test "$(curl -sk -b "$TJ" -o /dev/null -w '%{http_code}' "$S/run/vrrp/1/veth0")" = 200
check "HTTPS keep-alive: two requests on one connection" \
	bash -c "curl -sk -v -b $TJ $S/run/vrrp $S/run/global 2>&1 | grep -q 'Re-using existing connection'"
check "plain HTTP to the TLS port gets no 200" \
	bash -c "[ \"\$(curl -s -m 3 -o /dev/null -w '%{http_code}' http://127.0.0.1:$P5/)\" != 200 ]"
mal $P5
check "TLS server survives garbage" test "$(curl -sk -o /dev/null -w '%{http_code}' "$S/")" = 200
# review M8: TLS 1.2 with forward secrecy and AEAD only; a key others can read is refused
check "M8: TLS 1.2 with static RSA (AES128-SHA) is refused" bash -c \
	"! openssl s_client -connect 127.0.0.1:$P5 -tls1_2 -cipher AES128-SHA </dev/null >/dev/null 2>&1"
check "M8: TLS 1.2 with ECDHE-RSA-AES128-GCM-SHA256 works" bash -c \
	"openssl s_client -connect 127.0.0.1:$P5 -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 </dev/null 2>/dev/null | grep -q 'Cipher is ECDHE-RSA-AES128-GCM-SHA256'"
check "M8: TLS 1.3 works" bash -c \
	"openssl s_client -connect 127.0.0.1:$P5 -tls1_3 </dev/null 2>/dev/null | grep -q 'TLSv1.3'"
cp "$TMP/key.pem" "$TMP/key644.pem" && chmod 644 "$TMP/key644.pem"
if start tls644 127.0.0.1 --tls "$TMP/key644.pem" "$TMP/cert.pem" 2>/dev/null; then
	n=$((n + 1)); echo "not ok $n - M8: a key file others can read is refused"; fail=1
else
	check "M8: a key file others can read is refused, saying so" \
		grep -q "key644.pem: mode 644: others may read or write it" "$TMP/tls644.log"
fi

echo "1..$n"
exit $fail
