#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vrrpctl run as "vrrpd" (a symlink), without a kernel: vrrpd's options,
# -h, bad options exit 1 with a message, the pid file (a live holder is
# refused, a stale one reused and removed). Every case stops before any
# netlink request: the interface is one that does not exist.
# TAP.
VRRPCTL=${1:-../../../tool/vrrpctl}
. "$(dirname "$0")/../tap.sh"

if [ ! -x "$VRRPCTL" ]; then
	echo "1..0 # SKIP $VRRPCTL not built"
	exit 4
fi
T=$(mktemp -d)
holder=
trap '[ -n "$holder" ] && kill "$holder" 2>/dev/null; rm -rf "$T"' EXIT
VRRPCTL=$(cd "$(dirname "$VRRPCTL")" && pwd)/$(basename "$VRRPCTL")
ln -s "$VRRPCTL" "$T/vrrpd"
VRRPD=$T/vrrpd
NODEV=vrrpdnodev0	# no such interface: stops before the kernel

# expect RC REGEX ARGS...: vrrpd's exit status and a stderr match
expect() {
	local rc=$1 re=$2 out got
	shift 2
	out=$("$VRRPD" "$@" 2>&1 >/dev/null)
	got=$?
	[ "$got" = "$rc" ] && printf '%s' "$out" | grep -Eq -- "$re"
	ok $? "vrrpd $* -> exit $rc, /$re/ (got $got: $out)"
}

out=$("$VRRPD" -h 2>/dev/null)
rc=$?
[ $rc = 0 ] && printf '%s' "$out" | grep -q '^Usage: vrrpd -i IF -v VRID'
ok $? "vrrpd -h: usage on stdout, exit 0 (got $rc)"
out=$("$VRRPD" -h 2>&1 >/dev/null)
[ -z "$out" ]
ok $? "vrrpd -h: nothing on stderr ($out)"
out=$("$VRRPCTL" -h 2>/dev/null)
printf '%s' "$out" | grep -q '^Usage: vrrpctl'
ok $? "vrrpctl by its own name is still vrrpctl"
ln -s "$VRRPCTL" "$T/vrrpd.old"
out=$("$T/vrrpd.old" -h 2>/dev/null)
printf '%s' "$out" | grep -q '^Usage: vrrpctl'
ok $? "only the basename vrrpd selects vrrpd's command line"

expect 1 'missing -i IF' -v 1 10.0.0.1
expect 1 'missing -v VRID' -i "$NODEV" 10.0.0.1
expect 1 'no virtual address given' -i "$NODEV" -v 1
expect 1 'missing -i IF' 
expect 1 '-v: invalid value "0" \(1-255\)' -i "$NODEV" -v 0 10.0.0.1
expect 1 '-v: invalid value "256" \(1-255\)' -i "$NODEV" -v 256 10.0.0.1
expect 1 '-p: invalid value "0" \(1-255\)' -i "$NODEV" -v 1 -p 0 10.0.0.1
expect 1 '-p: invalid value "high"' -i "$NODEV" -v 1 -p high 10.0.0.1
expect 1 '-d: invalid value "0" \(1-255\)' -i "$NODEV" -v 1 -d 0 10.0.0.1
expect 1 '-d: invalid value "256" \(1-255\)' -i "$NODEV" -v 1 -d 256 10.0.0.1
expect 1 '-i: invalid interface name' -i 0123456789abcdefg -v 1 10.0.0.1
expect 1 '-p needs a value' -i "$NODEV" -v 1 -p
expect 1 'unknown option "-x"' -i "$NODEV" -v 1 -x 10.0.0.1
expect 1 'no long options' --interface "$NODEV" -v 1 10.0.0.1
expect 1 'invalid address "10.0.0.300"' -i "$NODEV" -v 1 10.0.0.300
expect 1 'invalid address "10.0.0.1/33"' -i "$NODEV" -v 1 10.0.0.1/33
expect 1 'IPv4 addresses only' -i "$NODEV" -v 1 2001:db8::1
expect 1 'IPsec AH authentication is not supported' -i "$NODEV" -v 1 -a ah/0x1234 10.0.0.1
expect 1 'IPsec AH authentication is not supported' -i "$NODEV" -v 1 -a ah 10.0.0.1
expect 1 'invalid authentication "md5"' -i "$NODEV" -v 1 -a md5 10.0.0.1
expect 1 'the key is 1-8 bytes' -i "$NODEV" -v 1 -a pw/ 10.0.0.1
expect 1 'the key is 1-8 bytes' -i "$NODEV" -v 1 -a pw/123456789 10.0.0.1
expect 1 'hex digits after 0x' -i "$NODEV" -v 1 -a pw/0xabc 10.0.0.1
expect 1 'hex digits after 0x' -i "$NODEV" -v 1 -a pw/0xzz 10.0.0.1
expect 1 "-m $T/none: No such file" -i "$NODEV" -v 1 -m "$T/none" 10.0.0.1
printf '#!/bin/sh\n' >"$T/noexec"
expect 1 "-b $T/noexec: Permission denied" -i "$NODEV" -v 1 -b "$T/noexec" 10.0.0.1
expect 1 '-f: empty directory' -i "$NODEV" -v 1 -f "" 10.0.0.1
expect 1 "pid file $T/none/vrrpd_${NODEV}_1.pid: No such file" -i "$NODEV" -v 1 -f "$T/none" 10.0.0.1

# every option accepted: the run ends at the missing interface
mkdir "$T/run"
printf '#!/bin/sh\n' >"$T/prog"
chmod +x "$T/prog"
expect 1 "Cannot find device \"$NODEV\"" -i "$NODEV" -v 50 -p 50 -d 3 -s -n \
	-a pw/secret -f "$T/run" -m "$T/prog" -b "$T/prog" 10.0.0.1/24 10.0.0.2
expect 1 "Cannot find device \"$NODEV\"" -i "$NODEV" -v 50 -a pw/0x0102ff -a none \
	-f "$T/run" -m true 10.0.0.1
expect 1 "Cannot find device \"$NODEV\"" 10.0.0.1 -f "$T/run" -v 50 -i "$NODEV"
[ ! -e "$T/run/vrrpd_${NODEV}_50.pid" ]
ok $? "a vrrpd that does not start leaves no pid file"

# a stale pid file (nobody holds its lock) is taken over, then removed
echo 999999 >"$T/run/vrrpd_${NODEV}_7.pid"
expect 1 "Cannot find device" -i "$NODEV" -v 7 -f "$T/run" 10.0.0.1
[ ! -e "$T/run/vrrpd_${NODEV}_7.pid" ]
ok $? "a stale pid file is reused (and removed on the failed start)"

# a live holder of the lock: refused before anything else
if command -v flock >/dev/null; then
	echo 4242 >"$T/run/vrrpd_${NODEV}_8.pid"
	flock "$T/run/vrrpd_${NODEV}_8.pid" sleep 60 &
	holder=$!
	for _ in $(seq 50); do
		flock -n "$T/run/vrrpd_${NODEV}_8.pid" true || break
		sleep 0.1
	done
	expect 1 "already running with pid 4242 \\($T/run/vrrpd_${NODEV}_8.pid is locked\\)" \
		-i "$NODEV" -v 8 -f "$T/run" 10.0.0.1
	[ "$(cat "$T/run/vrrpd_${NODEV}_8.pid")" = 4242 ]
	ok $? "the running vrrpd's pid file is left as it is"
	kill "$holder"
	wait "$holder" 2>/dev/null
	holder=
else
	n=$((n + 2))
	echo "ok $((n - 1)) - live pid file holder # SKIP no flock(1)"
	echo "ok $n - live pid file holder # SKIP no flock(1)"
fi
ln -s /etc/passwd "$T/run/vrrpd_${NODEV}_9.pid"
expect 1 'a symlink: refused' -i "$NODEV" -v 9 -f "$T/run" 10.0.0.1

tap_end
