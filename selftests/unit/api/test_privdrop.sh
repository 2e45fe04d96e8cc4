#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host test of review M9 on the real `vrrpctl daemon` without the kernel
# module (--no-load), as root:
# - `user`/`group` that do not exist (or root) are FILE:LINE errors at
#   `load --check` and at start;
# - the daemon run as conf/vrrpctl.service runs it (setpriv with the unit's
#   CapabilityBoundingSet and NoNewPrivileges, -f) with user = "nobody"
#   drops to it: ids, groups and capability sets in /proc, the log line,
#   the API (login, read, the netlink answer), SIGHUP of the config and of
#   the TLS certificate, the pid file on exit;
# - notify scripts that someone else could change are refused, FILE:LINE;
# - a warning for an API without TLS on a non-loopback address;
# - the unit passes systemd-analyze verify and has its hardening.
# Loopback only, except one instance on 0.0.0.0 with no users (every route
# but / answers 401) for under a second. TAP; exit 0 pass, 1 fail, 4 skip.

cd "$(dirname "$0")" || exit 1
VRRPCTL=${VRRPCTL:-$PWD/../../../tool/vrrpctl}
UNIT=${UNIT:-$PWD/../../../conf/vrrpctl.service}

for t in curl jq; do
	command -v $t >/dev/null || { echo "1..0 # SKIP $t not installed"; exit 4; }
done
[ -x "$VRRPCTL" ] || { echo "1..0 # SKIP tool/vrrpctl not built"; exit 4; }
[ "$(id -u)" = 0 ] || { echo "1..0 # SKIP needs root (it drops root)"; exit 4; }
id nobody >/dev/null 2>&1 || { echo "1..0 # SKIP no user nobody"; exit 4; }
if [ -d /sys/module/vrrp ]; then
	echo "1..0 # SKIP the vrrp module is loaded here; this test wants it absent"
	exit 4
fi

NUID=$(id -u nobody)
NGID=$(id -g nobody)
NGRP=$(id -gn nobody)
# the daemon's files: a directory nobody may enter but not write, in /tmp
D=$(mktemp -d)
chmod 755 "$D"
n=0
fail=0
PIDS=()
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}
check() { local name=$1; shift; "$@" >/dev/null 2>&1; ok $? "$name"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
cleanup() {
	local p

	# and one that a -m2 start left (an old binary that starts anyway)
	for p in "${PIDS[@]}" $(cat "$D/vrrpctl.pid" 2>/dev/null); do
		kill "$p" 2>/dev/null
	done
	sleep 0.3
	rm -rf "$D"
}
trap cleanup EXIT
[ -n "$KEEP" ] && trap - EXIT

# below the ephemeral range (32768-60999), apart from test_daemon.sh's
PORT=$((28000 + $$ % 1000 * 4))
U="http://127.0.0.1:$PORT"
ADMIN='{{SHA256}}admin:255:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695'
APPLE='{{SHA256}}admin:255:1eb7ac761a1201f9:0a5cfdb45f14d0cc2dd63b232f53ef6ac48991242da01dba77c218cf5e756222'
code() { curl -s -m 5 -o "$D/body" -w '%{http_code}' "$@"; }
wait_up() { local i; for i in $(seq 50); do [ "$(code "$1/")" = 200 ] && return 0; sleep 0.1; done; return 1; }
wait_gone() { local i; for i in $(seq 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; return 1; }

# conf FILE [TOP-LEVEL LINES]: a daemon config; the extra lines go on top
conf() {
	{
		echo "debug = 2"
		[ -n "$2" ] && printf '%s\n' "$2"
		cat <<EOF
pid = "$D/vrrpctl.pid"
client_api = "http"

[api]
  host = "127.0.0.1:$PORT"
  secret = "privdrop-test-secret-0123456789"
  users = [ "$ADMIN" ]
EOF
	} >"$1"
	chgrp "$NGRP" "$1"
	chmod 640 "$1"
}

# ---------------- user and group: FILE:LINE errors ----------------

conf "$D/bad.conf" 'user = "no-such-user-m9"'
out=$("$VRRPCTL" load --check "$D/bad.conf" 2>&1)
rc=$?
[ $rc != 0 ] && grep -qF "$D/bad.conf:2: user: no such user 'no-such-user-m9'" <<<"$out"
ok $? "load --check: a user that does not exist is an error with file:line (rc $rc: $(head -1 <<<"$out"))"
out=$("$VRRPCTL" daemon --no-load -c "$D/bad.conf" 2>&1)
rc=$?
[ $rc != 0 ] && grep -qF "$D/bad.conf:2: user: no such user 'no-such-user-m9'" <<<"$out" &&
	[ "$(code "$U/")" = 000 ]
ok $? "daemon: the same error at start, exit $rc, and it does not run (as root or otherwise)"
conf "$D/bad.conf" 'user = "root"'
out=$("$VRRPCTL" load --check "$D/bad.conf" 2>&1)
check "user = \"root\" is refused: nothing to drop to" \
	grep -qF "$D/bad.conf:2: user: 'root' is uid 0" <<<"$out"
conf "$D/bad.conf" 'group = "nogroup"'
out=$("$VRRPCTL" load --check "$D/bad.conf" 2>&1)
check "group without user is refused" grep -qF "$D/bad.conf:2: group: needs user" <<<"$out"
conf "$D/bad.conf" $'user = "nobody"\ngroup = "no-such-group-m9"'
out=$("$VRRPCTL" load --check "$D/bad.conf" 2>&1)
check "a group that does not exist is an error with file:line" \
	grep -qF "$D/bad.conf:3: group: no such group 'no-such-group-m9'" <<<"$out"
conf "$D/good.conf" 'user = "nobody"'
check "load --check: user = \"nobody\" is accepted" "$VRRPCTL" load --check "$D/good.conf"

# ---------------- the drop, run the way the unit runs it ----------------

# the unit's bounding set as setpriv wants it: -all,+net_admin,...
caps=$(sed -n 's/^CapabilityBoundingSet=//p' "$UNIT" | tr 'A-Z' 'a-z' |
       sed 's/cap_//g; s/^ *//; s/ *$//; s/  */,+/g')
nnp=
grep -q '^NoNewPrivileges=yes' "$UNIT" && nnp=--no-new-privs
RUN=()
if command -v setpriv >/dev/null && [ -n "$caps" ]; then
	RUN=(setpriv --bounding-set="-all,+$caps" $nnp)
	echo "# as the unit: ${RUN[*]}"
fi

# start CONF: `vrrpctl daemon -f` in the background, as ExecStart does
start() {
	"${RUN[@]}" "$VRRPCTL" daemon -f --no-load -c "$1" >"$D/out.log" 2>"$D/err.log" &
	DP=$!
	PIDS+=("$DP")
	wait_up "$U"
}
status() { sed -n "s/^$1:\t//p" "/proc/$DP/status" 2>/dev/null; }

conf "$D/c.conf" 'user = "nobody"'
# without CAP_SETUID/CAP_SETGID the drop fails: the daemon stops, never
# running on as root
if command -v setpriv >/dev/null; then
	out=$(setpriv --bounding-set=-all,+net_admin,+net_bind_service "$VRRPCTL" \
		daemon -f --no-load -c "$D/c.conf" 2>&1 </dev/null)
	rc=$?
	[ $rc = 1 ] && grep -q 'cannot drop privileges: setgroups: Operation not permitted (it needs CAP_SETUID and CAP_SETGID' <<<"$out" &&
		[ "$(code "$U/")" = 000 ]
	ok $? "a drop that fails stops the daemon, saying why (rc $rc)"
else
	skip "a drop that fails stops the daemon" "setpriv not installed"
fi
start "$D/c.conf"
r=$?
ok $r "the daemon with user = \"nobody\" serves the API"
[ $r = 0 ] || sed 's/^/# err.log: /' "$D/err.log"
check "/proc: Uid is $NUID (real, effective, saved, fs)" \
	test "$(status Uid)" = "$(printf '%s\t%s\t%s\t%s' $NUID $NUID $NUID $NUID)"
check "/proc: Gid is $NGID, the user's primary group, four times" \
	test "$(status Gid)" = "$(printf '%s\t%s\t%s\t%s' $NGID $NGID $NGID $NGID)"
check "/proc: no supplementary group but $NGID" test "$(status Groups | tr -d ' ')" = "$NGID"
# CAP_NET_ADMIN is bit 12
check "/proc: CapEff and CapPrm are CAP_NET_ADMIN alone ($(status CapEff))" \
	test "$(status CapEff)/$(status CapPrm)" = "0000000000001000/0000000000001000"
check "/proc: CapInh and CapAmb are empty" \
	test "$(status CapInh)/$(status CapAmb)" = "0000000000000000/0000000000000000"
check "/proc: NoNewPrivs is 1" test "$(status NoNewPrivs)" = 1
check "/proc: one thread (capabilities are per thread)" test "$(status Threads)" = 1
check "one log line says what it dropped to, and that setuid(0) fails" \
	grep -q "privileges dropped to user nobody (uid $NUID), group $NGRP (gid $NGID): capabilities cap_net_admin only, no_new_privs, setuid(0) refused" "$D/out.log"
check "login as admin" \
	test "$(code -c "$D/jar" -d "user=admin passwd=banana" -X POST "$U/auth")" = 200
check "GET /config/vrouter" test "$(code -b "$D/jar" "$U/config/vrouter")" = 200
c=$(code -b "$D/jar" "$U/run/vrrp")
check "GET /run/vrrp asks the kernel over netlink: 503 naming the module ($c)" \
	bash -c "[ $c = 503 ] && jq -e '.error | test(\"module\")' $D/body"
# SIGHUP re-reads the file (mode 640, group nogroup) as nobody
sed -i "s|$ADMIN|$APPLE|" "$D/c.conf"
kill -HUP "$DP" 2>/dev/null
sleep 0.5
check "SIGHUP as nobody: reload done" grep -q 'reload done' "$D/out.log"
check "SIGHUP as nobody: the new password from the file works" \
	test "$(code -d "user=admin passwd=apple" -X POST "$U/auth")" = 200
chmod 600 "$D/c.conf"
kill -HUP "$DP" 2>/dev/null
sleep 0.5
check "SIGHUP of a file nobody cannot read: refused, saying why" \
	bash -c "grep -q '$D/c.conf: Permission denied' $D/err.log && grep -q 'keeping the running config' $D/err.log"
check "and the API still answers with the running config" \
	test "$(code -d "user=admin passwd=apple" -X POST "$U/auth")" = 200
kill "$DP" 2>/dev/null
wait_gone "$DP"
check "SIGTERM: it exits; the pid file, which nobody may not unlink, is emptied: no stale pid" \
	bash -c "! kill -0 $DP 2>/dev/null && [ -e $D/vrrpctl.pid ] && [ ! -s $D/vrrpctl.pid ]"
check "and the log says so" \
	grep -q "pid file $D/vrrpctl.pid: cannot remove it as user nobody (Permission denied): emptied" "$D/out.log"
# a config only root may read: it starts (read as root), warns about SIGHUP
start "$D/c.conf"
ok $? "a second start reuses the emptied pid file"
check "a config nobody cannot read: warned at start" \
	grep -q "warning: $D/c.conf: Permission denied as user nobody: SIGHUP cannot reload it (chgrp $NGRP $D/c.conf; chmod 640 $D/c.conf)" "$D/err.log"
check "the pid file holds the new pid" test "$(cat "$D/vrrpctl.pid")" = "$DP"
kill "$DP" 2>/dev/null
wait_gone "$DP"

# ---------------- TLS key and certificate after the drop ----------------

if command -v openssl >/dev/null; then
	for cn in one two; do
		openssl req -x509 -newkey rsa:2048 -nodes -keyout "$D/k-$cn.pem" \
			-out "$D/c-$cn.pem" -days 1 -subj "/CN=$cn" >/dev/null 2>&1
	done
	subj() { openssl s_client -connect "127.0.0.1:$PORT" </dev/null 2>/dev/null | sed -n 's/^subject=//p'; }
	tls_conf() {	# tls_conf KEY-MODE KEY-GROUP
		cp "$D/k-one.pem" "$D/key.pem" && cp "$D/c-one.pem" "$D/cert.pem"
		chmod "$1" "$D/key.pem"
		chgrp "$2" "$D/key.pem"
		conf "$D/t.conf" 'user = "nobody"'
		sed -i "/^\[api\]/a\\  tls = true\\n  tls_key = \"$D/key.pem\"\\n  tls_cert = \"$D/cert.pem\"" "$D/t.conf"
		"${RUN[@]}" "$VRRPCTL" daemon -f --no-load -c "$D/t.conf" >"$D/out.log" 2>"$D/err.log" &
		DP=$!
		PIDS+=("$DP")
		local i
		for i in $(seq 50); do subj | grep -q . && return 0; sleep 0.1; done
		return 1
	}
	tls_conf 640 "$NGRP"
	check "TLS key 640 root:$NGRP: served after the drop, no warning about reloading it" \
		bash -c "$(declare -f subj); PORT=$PORT; subj | grep -q 'CN *= *one' && grep -q 'privileges dropped' $D/out.log && ! grep -q 'tls_key' $D/err.log"
	cp "$D/k-two.pem" "$D/key.pem" && cp "$D/c-two.pem" "$D/cert.pem"
	kill -HUP "$DP" 2>/dev/null
	sleep 0.5
	check "SIGHUP as nobody loads the new certificate and key" \
		bash -c "$(declare -f subj); PORT=$PORT; subj | grep -q 'CN *= *two'"
	kill "$DP" 2>/dev/null
	wait_gone "$DP"
	tls_conf 600 root
	check "TLS key 600 root:root: read as root, served after the drop" \
		bash -c "$(declare -f subj); PORT=$PORT; subj | grep -q 'CN *= *one'"
	check "warned at start: SIGHUP cannot load a new one" \
		grep -q "warning: api: tls_key $D/key.pem: Permission denied as user nobody: SIGHUP cannot load a new certificate, the one read at start stays" "$D/err.log"
	cp "$D/k-two.pem" "$D/key.pem" && cp "$D/c-two.pem" "$D/cert.pem"
	chmod 600 "$D/key.pem"
	kill -HUP "$DP" 2>/dev/null
	sleep 0.5
	check "SIGHUP: the reload failure is logged plainly" \
		grep -q "reload: api: tls_key $D/key.pem: Permission denied (uid $NUID): keeping the running certificate" "$D/err.log"
	check "and the certificate read at start is still served" \
		bash -c "$(declare -f subj); PORT=$PORT; subj | grep -q 'CN *= *one'"
	kill "$DP" 2>/dev/null
	wait_gone "$DP"
else
	for t in 1 2 3 4 5 6; do skip "TLS after the drop" "openssl not installed"; done
fi

# ---------------- notify scripts ----------------

S=$D/scripts
mkdir -p "$S/ok" "$S/open" "$S/sticky" "$S/nobodys"
chmod 755 "$S" "$S/ok"
chmod 777 "$S/open"
chmod 1777 "$S/sticky"
chown nobody "$S/nobodys"
printf '#!/bin/sh\nexit 0\n' >"$S/ok/good.sh"
chmod 755 "$S/ok/good.sh"
for f in nobody.sh group.sh world.sh; do cp -p "$S/ok/good.sh" "$S/ok/$f"; done
chown nobody "$S/ok/nobody.sh"
chgrp "$NGRP" "$S/ok/group.sh"
chmod 775 "$S/ok/group.sh"
chmod 757 "$S/ok/world.sh"
cp -p "$S/ok/good.sh" "$S/open/x.sh"
cp -p "$S/ok/good.sh" "$S/sticky/x.sh"
ln -s ../ok/good.sh "$S/nobodys/link"
# vr CMD...: one [[vrouter]] per command, as notify_master
vrs() {
	local g=1 c

	for c in "$@"; do
		printf '\n[[vrouter]]\ngroup = %d\ninterface = "lo"\nvip = "10.9.9.%d"\nnotify_master = "%s"\n' \
			"$g" "$g" "$c"
		g=$((g + 1))
	done
}
{ echo "debug = 0"; vrs "$S/ok/good.sh arg1 arg2" "$S/sticky/x.sh" "logger -t vrrp" \
	"$S/ok/../ok/./good.sh"; } >"$D/s-ok.conf"
okout=$("$VRRPCTL" load --check "$D/s-ok.conf" 2>&1)
okrc=$?
{ echo "debug = 0"; vrs "$S/ok/nobody.sh" "$S/ok/group.sh" "$S/ok/world.sh" "$S/open/x.sh" \
	"$S/nobodys/link" "rel/x.sh" "no-such-program-m9" "$S/ok"; } >"$D/s-bad.conf"
out=$("$VRRPCTL" load --check "$D/s-bad.conf" 2>&1)
rc=$?
[ $okrc = 0 ] && [ $rc != 0 ]
ok $? "load --check: unsafe scripts refused (rc $rc); safe ones pass: root's, in a sticky directory, a name from PATH, with .. ($okout)"
# line of the notify_master of [[vrouter]] N: 1 + 6 * N
line() { echo $((1 + 6 * $1)); }
want() {	# want N TEXT: the error of the N-th VR's script
	grep -qF "$D/s-bad.conf:$(line "$1"): notify_master: script refused: $2" <<<"$out"
	ok $? "refused with file:line: $3"
}
want 1 "$S/ok/nobody.sh is owned by uid $NUID (nobody): only root may own" "owned by another user"
want 2 "$S/ok/group.sh may be written by a group other than root (mode 0775)" "group-writable"
want 3 "$S/ok/world.sh may be written by everyone (mode 0757)" "world-writable"
want 4 "$S/open/x.sh: $S/open is a directory that everyone may write (mode 0777)" \
	"in a directory others may write"
want 5 "$S/nobodys/link: $S/nobodys is owned by uid $NUID (nobody)" \
	"through a symlink in another user's directory"
want 6 "'rel/x.sh': a relative path: use an absolute one" "relative path"
want 7 "'no-such-program-m9': not found in /usr/local/sbin:" "program not found"
want 8 "$S/ok is a directory, not a program" "a directory"
{ echo 'debug = 0'; echo 'user = "nobody"'; vrs "$S/ok/nobody.sh"; } >"$D/s-user.conf"
check "with user = \"nobody\", a script of nobody's is accepted" "$VRRPCTL" load --check "$D/s-user.conf"
{ echo "debug = 0"; echo "pid = \"$D/vrrpctl.pid\""; vrs "$S/ok/world.sh"; } >"$D/s-start.conf"
out=$("$VRRPCTL" daemon --no-load -c "$D/s-start.conf" 2>&1)
rc=$?
[ $rc != 0 ] && grep -qF "$D/s-start.conf:8: notify_master: script refused: $S/ok/world.sh may be written by everyone" <<<"$out"
ok $? "daemon: an unsafe script stops the start, with file:line (rc $rc)"
# SIGHUP with an unsafe script: the reload is refused
conf "$D/c.conf"
start "$D/c.conf"
ok $? "a daemon (root) for a reload with an unsafe script"
vrs "$S/open/x.sh" >>"$D/c.conf"
kill -HUP "$DP" 2>/dev/null
sleep 0.5
check "SIGHUP: a new unsafe script is refused, the running config stays" \
	bash -c "grep -q 'notify_master: script refused: $S/open/x.sh' $D/err.log && grep -q 'keeping the running config' $D/err.log"
kill "$DP" 2>/dev/null
wait_gone "$DP"

# ---------------- cleartext API ----------------

conf "$D/c.conf"
start "$D/c.conf"
cp "$D/err.log" "$D/err-lo.log"
kill "$DP" 2>/dev/null
wait_gone "$DP"
printf 'debug = 0\nclient_api = "http"\n[api]\n  host = "0.0.0.0:%s"\n' "$PORT" >"$D/open.conf"
start "$D/open.conf"
grep -q "warning: api: 0.0.0.0:$PORT is not a loopback address and tls = false: passwords and session cookies cross the network in clear" "$D/err.log" &&
	! grep -q 'in clear' "$D/err-lo.log"
ok $? "API on 0.0.0.0 without TLS: a warning says passwords go in clear (none on 127.0.0.1)"
kill "$DP" 2>/dev/null
wait_gone "$DP"

# ---------------- the unit ----------------

if command -v systemd-analyze >/dev/null; then
	sed "s|/usr/sbin/vrrpctl|$VRRPCTL|" "$UNIT" >"$D/vrrpctl.service"
	out=$(cd "$D" && systemd-analyze verify --man=no ./vrrpctl.service 2>&1)
	rc=$?
	[ $rc = 0 ] && [ -z "$out" ]
	ok $? "systemd-analyze verify: no complaint (rc $rc${out:+: $out})"
else
	skip "systemd-analyze verify" "systemd-analyze not installed"
fi
missing=
for k in NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
	 RuntimeDirectory=vrrpctl ProtectKernelTunables=yes ProtectKernelModules=yes \
	 ProtectControlGroups=yes RestrictNamespaces=yes LockPersonality=yes \
	 MemoryDenyWriteExecute=yes SystemCallArchitectures=native \
	 "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK" \
	 "CapabilityBoundingSet=CAP_NET_ADMIN CAP_NET_BIND_SERVICE CAP_SETUID CAP_SETGID"; do
	grep -qxF "$k" "$UNIT" || missing="$missing [$k]"
done
[ -z "$missing" ]
ok $? "the unit has its hardening${missing:+; missing:$missing}"
check "the unit has no User= (root-only files are opened before the drop) and no ambient capabilities" \
	bash -c "! grep -q -e '^User=' -e '^AmbientCapabilities=' $UNIT"

echo "1..$n"
exit $fail
