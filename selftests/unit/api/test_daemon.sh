#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host test of the real `vrrpctl daemon` without the kernel module
# (--no-load): -m2 style start, pid file and refusal of a second instance,
# main_log/error_log with time_zone/time_format, the API with users from the
# config, 503 answers with the reason when the module is absent (never a
# crash), redaction, SIGHUP reload, SIGTERM. Loopback only.
# TAP; exit 0 pass, 1 fail, 4 skip.

cd "$(dirname "$0")" || exit 1
VRRPCTL=${VRRPCTL:-$PWD/../../../tool/vrrpctl}

for t in curl jq; do
	command -v $t >/dev/null || { echo "1..0 # SKIP $t not installed"; exit 4; }
done
[ -x "$VRRPCTL" ] || { echo "1..0 # SKIP tool/vrrpctl not built"; exit 4; }
"$VRRPCTL" daemon --help 2>&1 | grep -q 'unknown command' &&
	{ echo "1..0 # SKIP vrrpctl has no daemon command"; exit 4; }
if [ -d /sys/module/vrrp ]; then
	echo "1..0 # SKIP the vrrp module is loaded here; this test wants it absent"
	exit 4
fi

D=$(mktemp -d)
n=0
fail=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}
check() { local name=$1; shift; "$@" >/dev/null 2>&1; ok $? "$name"; }
dpid() { cat "$D/vrrpctl.pid" 2>/dev/null; }
cleanup() {
	local p
	p=$(dpid)
	[ -n "$p" ] && kill "$p" 2>/dev/null
	sleep 0.3
	rm -rf "$D"
}
trap cleanup EXIT
[ -n "$KEEP" ] && trap - EXIT

# a port below the ephemeral range (32768-60999), so no client takes it
PORT=$((20000 + $$ % 2000 * 4))
ADMIN='{{SHA256}}admin:255:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695'
conf() {	# conf PRIORITY TIME_FORMAT
	cat >"$D/c.conf" <<EOF
debug = 5
time_zone = "utc"
time_format = "$2"
pid = "$D/vrrpctl.pid"
working_dir = "$D"
main_log = "$D/main.log"
error_log = "$D/error.log"
client_api = "http"

[[vrouter]]
group = 1
interface = "lo"
vip = "10.100.100.1"
priority = $1
auth_type = "rfc2338-simple"
auth_secret = "thissecretnolongeris"

[api]
  host = "127.0.0.1:$PORT"
  secret = "s3cr3t-api-key"
  users = [ "$ADMIN" ]
EOF
}
conf 100 rfc2822
U="http://127.0.0.1:$PORT"
code() { curl -s -m 5 -o "$D/body" -w '%{http_code}' "$@"; }

"$VRRPCTL" daemon --no-load -c "$D/c.conf" 2>"$D/start.err"
check "daemon (-m2 style) returns 0 once up" test $? = 0
check "pid file holds a live pid" kill -0 "$(dpid)"
check "API is up" test "$(code "$U/")" = 200
out=$("$VRRPCTL" daemon --no-load -c "$D/c.conf" 2>&1)
rc=$?
check "second instance refused" test $rc != 0
check "refusal names the running pid" grep -q "already running with pid $(dpid)" <<<"$out"

check "login with a user from the config" \
	test "$(code -c "$D/jar" -d "user=admin passwd=banana" -X POST "$U/auth")" = 200
for r in /run/vrrp /run/vrrp/1 /run/vrrp/1/lo /run/global /run/protocols /run/protocols/static /metrics; do
	c=$(code -b "$D/jar" "$U$r")
	check "no module: $r is 503 naming the cause" \
		bash -c "[ $c = 503 ] && jq -e '.error | test(\"module\")' $D/body"
done
c=$(code -b "$D/jar" -X PUT -d '{"priority":5}' "$U/run/vrrp/1/lo")
check "no module: a write is 503 naming the cause, as the reads (review L3)" \
	bash -c "[ $c = 503 ] && jq -e '.error == \"vrrp kernel module not loaded\"' $D/body"
check "/config/vrouter works without the module" test "$(code -b "$D/jar" "$U/config/vrouter")" = 200
check "auth_secret redacted" jq -e '.[0].auth_secret == "<redacted>"' "$D/body"
code -b "$D/jar" "$U/config/global" >/dev/null
check "api secret and user hash redacted" \
	bash -c "! grep -q -e s3cr3t -e 3df024b5 $D/body && jq -e '.api.secret == \"<redacted>\"' $D/body"
code -b "$D/jar" "$U/run/vrrp" >/dev/null
check "daemon alive after the failing routes" kill -0 "$(dpid)"

check "main_log has rfc2822 UTC time stamps" \
	grep -Eq '^[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} \+0000 vrrpctl daemon started' "$D/main.log"
check "requests logged" grep -q 'GET /run/vrrp admin 503' "$D/main.log"
# review M4: what a client sends cannot forge log lines or reach a terminal
code "$U/x%0a2026-12-01%2000:00:00%20api:%20FORGED%20admin%20200" >/dev/null
code "$U/x%1b%5b2J%1b%5b31mRED" >/dev/null
sleep 0.3
check "review M4: a LF in the path makes no log line of its own" \
	bash -c "! grep -q '^2026-12-01 00:00:00 api: FORGED' $D/main.log"
check "review M4: it is written as \\x0a" grep -qF 'GET /x\x0a2026-12-01 00:00:00 api: FORGED' "$D/main.log"
check "review M4: no ESC byte reaches the log, it is written as \\x1b" \
	bash -c "grep -qF 'GET /x\\x1b[2J\\x1b[31mRED' $D/main.log && ! grep -q \$'\\x1b' $D/main.log"
check "error_log has the events problem" grep -q 'events' "$D/error.log"

conf 100 disabled
kill -HUP "$(dpid)"
sleep 0.5
check "SIGHUP reload logged" grep -q 'reload done' "$D/main.log"
check "time_format disabled after reload: bare lines" grep -q '^reload done' "$D/main.log"
sed -i 's/admin:255:/admin:0:/' "$D/c.conf"
kill -HUP "$(dpid)"
sleep 0.5
check "review H1: only rVRRPd (level 0) users: the log says that no one may write" \
	grep -q 'no user has level 255 (vrrpctl pw --admin): the write routes answer 403' "$D/main.log"
echo 'this is = not [valid' >"$D/c.conf"
kill -HUP "$(dpid)"
sleep 0.5
check "reload of a broken file is refused, daemon keeps running" \
	bash -c "kill -0 $(dpid) && grep -q 'keeping the running config' $D/error.log"
check "API still answers after the refused reload" test "$(code -b "$D/jar" "$U/config/vrouter")" = 200
# review M3: what ends a session stays ended across SIGHUP
conf 100 short
kill -HUP "$(dpid)"
sleep 0.5
check "M3: a live session survives a reload" test "$(code -b "$D/jar" "$U/run/vrrp")" = 503
code -c "$D/jar2" -d "user=admin passwd=banana" -X POST "$U/auth" >/dev/null
check "M3: logout" test "$(code -b "$D/jar2" -X POST "$U/logout")" = 200
kill -HUP "$(dpid)"
sleep 0.5
check "M3: a session ended by logout stays ended after SIGHUP" \
	test "$(code -b "$D/jar2" "$U/run/vrrp")" = 401
APPLE='{{SHA256}}admin:255:1eb7ac761a1201f9:0a5cfdb45f14d0cc2dd63b232f53ef6ac48991242da01dba77c218cf5e756222'
sed -i "s|$ADMIN|$APPLE|" "$D/c.conf"
kill -HUP "$(dpid)"
sleep 0.5
check "M3: the password changed and reloaded: the old session ends" \
	test "$(code -b "$D/jar" "$U/run/vrrp")" = 401
check "M3: the old password is refused" \
	test "$(code -d "user=admin passwd=banana" -X POST "$U/auth")" = 401
check "M3: the new one works" \
	test "$(code -d "user=admin passwd=apple" -X POST "$U/auth")" = 200
p=$(dpid)
kill "$p"
for i in $(seq 30); do [ -e "$D/vrrpctl.pid" ] || break; sleep 0.1; done
check "SIGTERM: exit logged" grep -q 'exiting (the kernel keeps running the VRs)' "$D/main.log"
check "SIGTERM: pid file removed" test ! -e "$D/vrrpctl.pid"

# review M1: a pid file that is a symlink, or a hard link, is refused and
# what it points to is untouched
echo "IMPORTANT DATA" >"$D/victim"
ln -s "$D/victim" "$D/pidlink"
ln "$D/victim" "$D/pidhard"
for p in pidlink pidhard; do
	conf 100 short
	sed -i "s|^pid = .*|pid = \"$D/$p\"|" "$D/c.conf"
	out=$("$VRRPCTL" daemon --no-load -c "$D/c.conf" 2>&1)
	rc=$?
	[ "$rc" != 0 ] && grep -q "pid file $D/$p: .*refused" <<<"$out$(cat "$D/error.log" 2>/dev/null)"
	ok $? "review M1: pid file $p refused, saying why (rc $rc)"
	check "review M1: $p: the file behind it is untouched" \
		test "$(cat "$D/victim")" = "IMPORTANT DATA"
done
# review L4: a relative pid path is the one written and the one removed,
# whatever working_dir is
mkdir -p "$D/wd"
echo unrelated >"$D/wd/rel.pid"
conf 100 short
sed -i 's|^pid = .*|pid = "rel.pid"|; s|^working_dir = .*|working_dir = "wd"|' "$D/c.conf"
(cd "$D" && "$VRRPCTL" daemon --no-load -c c.conf 2>>"$D/start.err")
rp=$(cat "$D/rel.pid" 2>/dev/null)
check "review L4: the pid is in the start directory's rel.pid" kill -0 "${rp:-0}"
kill "$rp" 2>/dev/null
for i in $(seq 30); do [ -e "$D/rel.pid" ] || break; sleep 0.1; done
check "review L4: on exit that file goes, not working_dir's" \
	bash -c "[ ! -e '$D/rel.pid' ] && [ \"\$(cat '$D/wd/rel.pid')\" = unrelated ]"

# review M8: SIGHUP loads a new certificate and key
if command -v openssl >/dev/null; then
	for cn in one two; do
		openssl req -x509 -newkey rsa:2048 -nodes -keyout "$D/k-$cn.pem" \
			-out "$D/c-$cn.pem" -days 1 -subj "/CN=$cn" >/dev/null 2>&1
	done
	cp "$D/k-one.pem" "$D/key.pem" && cp "$D/c-one.pem" "$D/cert.pem"
	chmod 600 "$D/key.pem"
	conf 100 short
	sed -i "s/127.0.0.1:$PORT/127.0.0.1:$((PORT + 2))/; s/^client_api = .*/client_api = \"http\"/" "$D/c.conf"
	sed -i "/^\[api\]/a\\  tls = true\\n  tls_key = \"$D/key.pem\"\\n  tls_cert = \"$D/cert.pem\"" "$D/c.conf"
	"$VRRPCTL" daemon --no-load -c "$D/c.conf" 2>>"$D/start.err"
	subj() { openssl s_client -connect "127.0.0.1:$((PORT + 2))" </dev/null 2>/dev/null | sed -n 's/^subject=//p'; }
	check "M8: the TLS daemon serves the first certificate" bash -c "$(declare -f subj); PORT=$PORT; subj | grep -q 'CN *= *one'"
	cp "$D/k-two.pem" "$D/key.pem" && cp "$D/c-two.pem" "$D/cert.pem"
	kill -HUP "$(dpid)"
	sleep 0.5
	check "M8: after SIGHUP it serves the new one" bash -c "$(declare -f subj); PORT=$PORT; subj | grep -q 'CN *= *two'"
	kill "$(dpid)"
	for i in $(seq 30); do [ -e "$D/vrrpctl.pid" ] || break; sleep 0.1; done
fi

# review H2: out of file descriptors (ulimit -n 32, 40 idle connections),
# the daemon neither spins nor floods its log, and serves again after
conf 100 short
sed -i "s/127.0.0.1:$PORT/127.0.0.1:$((PORT + 1))/" "$D/c.conf"
: >"$D/error.log"
: >"$D/main.log"
(ulimit -n 32; exec "$VRRPCTL" daemon --no-load -c "$D/c.conf" 2>>"$D/start.err")
U2="http://127.0.0.1:$((PORT + 1))"
check "review H2: the daemon starts with 32 file descriptors" test "$(code "$U2/")" = 200
python3 - "$((PORT + 1))" "$(dpid)" >"$D/h2" 2>&1 <<'PY'
import socket, sys, time
port, pid = int(sys.argv[1]), sys.argv[2]
socks = []
for _ in range(40):
    s = socket.socket()
    s.settimeout(2)
    try:
        s.connect(("127.0.0.1", port))
    except OSError:
        pass
    socks.append(s)
def ticks():
    f = open("/proc/%s/stat" % pid).read().rsplit(")", 1)[1].split()
    return int(f[11]) + int(f[12])
time.sleep(0.5)
t0 = ticks()
time.sleep(3)
print("ticks", ticks() - t0)
for s in socks:
    s.close()
PY
t=$(awk '/^ticks/ { print $2 }' "$D/h2")
check "review H2: under 40 idle connections, under 10 % of a core in 3 s (ticks: ${t:-?})" \
	test "${t:-999}" -lt 30
l=$(cat "$D/main.log" "$D/error.log" "$D/start.err" | grep -c -i "accept")
check "review H2: one line about it in the logs, not one per failure ($l)" test "$l" -le 2
check "review H2: max_connections lowered to fit 32 descriptors, and said so" \
	grep -q "api: open files limit 32: max_connections lowered from 1000 to" "$D/main.log"
sleep 1.5
check "review H2: the idle ones gone, it serves again" test "$(code "$U2/")" = 200
kill "$(dpid)"
for i in $(seq 30); do [ -e "$D/vrrpctl.pid" ] || break; sleep 0.1; done

# review H2: max_connections = 4 holds a fifth client in the backlog until
# one closes; request_timeout = 2 closes a client that sends its request
# one byte at a time (evhttp's own timeout is per read: 30 s per byte)
conf 100 short
sed -i "s/127.0.0.1:$PORT/127.0.0.1:$((PORT + 3))/" "$D/c.conf"
sed -i "/^\[api\]/a\\  max_connections = 4\\n  request_timeout = 2" "$D/c.conf"
: >"$D/main.log"
"$VRRPCTL" daemon --no-load -c "$D/c.conf" 2>>"$D/start.err"
check "review H2: a daemon with max_connections = 4, request_timeout = 2" \
	test "$(code "http://127.0.0.1:$((PORT + 3))/")" = 200
good=0
for i in $(seq 12); do
	[ "$(code "http://127.0.0.1:$((PORT + 3))/")" = 200 ] && good=$((good + 1))
done
check "review H2: 12 connections one after the other are all served: closed ones are not counted ($good)" \
	test "$good" = 12
python3 - "$((PORT + 3))" >"$D/cap" 2>&1 <<'PY'
import socket, sys, time
port = int(sys.argv[1])
def conn():
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    return s
def get(s):
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
idle = [conn() for _ in range(4)]
time.sleep(0.3)
fifth = conn()             # accepted by the kernel, not by the daemon
get(fifth)
fifth.settimeout(1.0)
try:
    print("fifth-before", len(fifth.recv(100)) > 0)
except socket.timeout:
    print("fifth-before", "waiting")
idle.pop().close()
fifth.settimeout(3.0)
try:
    print("fifth-after", fifth.recv(100).split(b"\r\n")[0].decode())
except OSError as e:
    print("fifth-after", "error", e)
for s in idle:
    s.close()
fifth.close()
time.sleep(0.3)
# slow drip: one byte every 0.5 s, 60 bytes would take 30 s
s = conn()
req = b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 40 + b"\r\n\r\n"
t0 = time.time()
sent = 0
closed = None
for b in req:
    try:
        s.sendall(bytes([b]))
        sent += 1
    except OSError:
        closed = time.time() - t0
        break
    s.settimeout(0.5)
    try:
        if s.recv(100) == b"":
            closed = time.time() - t0
            break
    except socket.timeout:
        pass
    except OSError:
        closed = time.time() - t0
        break
print("drip-closed", "%.1f" % closed if closed is not None else "never", "sent", sent)
PY
grep -q "^fifth-before waiting" "$D/cap"
ok $? "review H2: with 4 connections open a fifth waits ($(sed -n 's/^fifth-before //p' "$D/cap"))"
grep -q "^fifth-after HTTP/1.1 200" "$D/cap"
ok $? "review H2: served once one closes ($(sed -n 's/^fifth-after //p' "$D/cap"))"
check "review H2: the log says the limit was reached" \
	grep -q "api: 4 connections open (max_connections): new ones wait" "$D/main.log"
dc=$(sed -n 's/^drip-closed \([0-9.]*\) .*/\1/p' "$D/cap")
check "review H2: a one-byte-per-0.5s request is cut at its 2 s deadline (closed after ${dc:-never} s)" \
	awk -v t="${dc:-99}" 'BEGIN { exit !(t >= 1.5 && t < 6) }'
check "review H2: the cut is logged" \
	grep -q "api: 1 connection(s) closed: no complete request within 2s" "$D/main.log"
check "review H2: it serves the next client" \
	test "$(code "http://127.0.0.1:$((PORT + 3))/")" = 200
kill "$(dpid)"
for i in $(seq 30); do [ -e "$D/vrrpctl.pid" ] || break; sleep 0.1; done

echo "1..$n"
exit $fail
