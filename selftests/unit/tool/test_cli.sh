#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vrrpctl command line without a kernel: bad arguments exit 1 with a clear
# message before any netlink, no module exits 2; load --check prints
# FILE:LINE errors; help.
# TAP.
VRRPCTL=${1:-../../../tool/vrrpctl}
. "$(dirname "$0")/../tap.sh"

if [ ! -x "$VRRPCTL" ]; then
	echo "1..0 # SKIP $VRRPCTL not built"
	exit 4
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# expect RC REGEX ARGS...: exit status and a stderr match
expect() {
	local rc=$1 re=$2 out got
	shift 2
	out=$("$VRRPCTL" "$@" 2>&1 >/dev/null)
	got=$?
	[ "$got" = "$rc" ] && printf '%s' "$out" | grep -Eq -- "$re"
	ok $? "vrrpctl $* -> exit $rc, /$re/ (got $got: $out)"
}

expect 1 'unknown command "frob"' frob
expect 1 'invalid vrid "300"' add dev lo vrid 300 vip 10.0.0.1
expect 1 'invalid vrid "0"' add dev lo vrid 0
expect 1 'invalid priority "abc"' add dev lo vrid 1 prio abc
expect 1 'unknown argument "frobnicate"' add dev lo vrid 1 frobnicate 2
expect 1 'missing "vrid N"' add dev lo vip 10.0.0.1
expect 1 'missing "dev IF"' add vrid 1
expect 1 'invalid address "10.0.0.300"' add dev lo vrid 1 vip 10.0.0.300
expect 1 'mix IPv4 and IPv6' add dev lo vrid 1 vip 10.0.0.1 fe80::1
expect 1 'version 2 is IPv4 only' add dev lo vrid 1 vip fe80::1 version 2
expect 1 'multiple of 10' add dev lo vrid 1 advert-ms 105
expect 1 'invalid preempt "maybe"' set dev lo vrid 1 preempt maybe
expect 1 'needs "key KEY"' set dev lo vrid 1 auth simple
expect 1 'invalid force state' force sideways dev lo vrid 1
expect 1 'Cannot find device "nosuch0"' add dev nosuch0 vrid 1 vip 10.0.0.1
expect 1 'unknown argument "vip"' del dev lo vrid 1 vip 10.0.0.1
expect 1 'unknown option "--bogus"' load --bogus
expect 1 'No such file' load "$T/none.conf"
expect 1 'invalid format "yaml"' load --format yaml "$T/none.conf"
expect 1 '-m0 needs -i IF' -m0

printf '[[vrouter]]\ngroup = 1\ninterface = "eth0"\nvip = "10.0.0.1"\npriorty = 3\n' >"$T/a.conf"
expect 1 "^$T/a.conf:5: priorty: unknown key in \\[\\[vrouter\\]\\]; did you mean 'priority'\\?" load --check "$T/a.conf"
printf '{"vrouter": [{"group": 1, "interface": "eth0", "vip": "10.0.0.1"}]}\n' >"$T/a.txt"
out=$("$VRRPCTL" load --check --format json "$T/a.txt" 2>&1)
ok $? "load --check --format json on a file without .json suffix: $out"
out=$("$VRRPCTL" -g json load --check "$T/a.txt" 2>&1)
ok $? "rVRRPd's -g json selects JSON: $out"
# review L6: "make CFLAGS=..." keeps the include paths and warnings
if command -v make >/dev/null; then
	make -s -n -B -C "$(dirname "$VRRPCTL")" CFLAGS="-O0" vrrpctl 2>&1 | grep -q -- '-O0 .*-Werror .*-I../uapi'
	ok $? "make CFLAGS=-O0 keeps -Werror and -I../uapi"
fi
# review M6: rVRRPd's JSON as it ships (a .json.conf name, unset options
# as null) loads; null where no key can be absent is still an error
cat >"$T/r.json.conf" <<'JSON'
{
  "debug": 5,
  "time_zone": null,
  "vrouter": [
    { "group": 1, "interface": "eth0", "vip": "10.0.0.1", "priority": null,
      "auth_type": null, "auth_secret": null, "timers": { "advert": null } }
  ]
}
JSON
out=$("$VRRPCTL" load --check "$T/r.json.conf" 2>&1)
echo "$out" | grep -q ": OK (1 virtual router"
ok $? "rVRRPd JSON named .json.conf, with nulls: $out"
printf '{ "vrouter": [ null ] }\n' >"$T/n.json.conf"
expect 1 "^$T/n.json.conf:1:[0-9]+: syntax error: null values are not supported" load --check "$T/n.json.conf"
# review M7: load --check refuses what the daemon refuses in [api]
m7() { printf 'client_api = "http"\n[api]\n%s\n' "$1" >"$T/m7.conf"; }
m7 'host = "bogus"'
expect 1 "^$T/m7.conf:3: host: 'bogus': expected ADDR:PORT" load --check "$T/m7.conf"
m7 'tls = true'
expect 1 "^$T/m7.conf:3: tls: true needs tls_key and tls_cert" load --check "$T/m7.conf"
m7 "secret = \"$(head -c 300 /dev/zero | tr '\0' a)\""
expect 1 "^$T/m7.conf:3: secret: 300 bytes, at most 256" load --check "$T/m7.conf"
u='"{{SHA256}}admin:0:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695"'
m7 "users = [ $u, $u ]"
expect 1 "^$T/m7.conf:3: users: duplicate user 'admin'" load --check "$T/m7.conf"
# review L5: the duplicate check sorts (it compared every pair: 15 s for
# 100,000 VRs here, 0.25 s now); 10 s is a margin of 40
awk 'BEGIN { for (i = 0; i < 100000; i++)
	printf "[[vrouter]]\ngroup = %d\ninterface = \"eth%d\"\nvip = \"10.%d.%d.1\"\n",
		i % 255 + 1, int(i / 255), int(i / 255) % 256, i % 255
	print "[[vrouter]]\ngroup = 1\ninterface = \"eth0\"\nvip = \"10.9.9.9\"" }' >"$T/big.conf"
out=$(timeout 10 "$VRRPCTL" load --check "$T/big.conf" 2>&1)
rc=$?
[ $rc = 1 ] && [ "$out" = "$T/big.conf:400002: group: duplicate VR (interface eth0, inet, group 1), first defined at line 2" ]
ok $? "100,001 VRs, one duplicate: found within 10 s, one line (rc $rc)"
rm -f "$T/big.conf"
# review H2: the connection limits are checked with their ranges
m7 'max_connections = 0'
expect 1 "^$T/m7.conf:3: max_connections: 0 is out of range \\(1-65536\\)" load --check "$T/m7.conf"
m7 'request_timeout = "10"'
expect 1 "^$T/m7.conf:3: request_timeout: expected integer" load --check "$T/m7.conf"
m7 'request_timeout = 3601'
expect 1 "^$T/m7.conf:3: request_timeout: 3601 is out of range \\(1-3600\\)" load --check "$T/m7.conf"
# review L7: CMD help and help CMD print that command's usage on stdout
# (exit 0); commands abbreviate as in ip(8): the first that matches
for c in show add set del force flush reset-stats monitor load config pw sniff; do
	out=$("$VRRPCTL" $c help 2>/dev/null)
	rc=$?
	[ $rc = 0 ] && printf '%s\n' "$out" | grep -Eq "^  ($c|add\\|set)( |\$)" &&
		[ "$("$VRRPCTL" help $c 2>/dev/null)" = "$out" ]
	ok $? "$c help and help $c: its usage on stdout, exit 0 (rc $rc)"
done
expect 1 "^vrrpctl: unknown command \"nosuch\"" help nosuch
for a in s sh sho; do
	expect 2 "vrrp kernel module not loaded" $a
done
expect 1 'missing "dev IF"' d
expect 1 "^vrrpctl: unknown command \"xyz\"" xyz
# load --check refuses the VIPs the kernel refuses (it passed them)
vc() { printf '[[vrouter]]\ngroup = 4\ninterface = "lo"\nvip = %s\n' "$1" >"$T/vip.conf"; }
for v in 224.0.0.5 127.0.0.1 0.1.2.3 255.255.255.255 ff02::1 ::1 ::; do
	vc "\"$v\""
	expect 1 "^$T/vip.conf:4: vip: \"$v\" is not a unicast address" load --check "$T/vip.conf"
done
vc '["10.0.0.4", "10.0.0.4/24"]'
expect 1 "^$T/vip.conf:4: vip: \"10.0.0.4/24\" is listed twice" load --check "$T/vip.conf"
vc '["223.255.255.254", "1.0.0.1"]'
"$VRRPCTL" load --check "$T/vip.conf" | grep -q "OK (1 virtual router)"
ok $? "load --check: the last unicast address below 224/4 and 1.0.0.1 pass"
# -n NETNS, as ip -n: the command runs in that namespace
expect 1 '^Cannot open network namespace "nosuch-ns": No such file or directory' -n nosuch-ns show
expect 1 '^vrrpctl: -n needs a network namespace' -n
ns=vrrpctl-cli-$$
if [ "$(id -u)" = 0 ] && ip netns add "$ns" 2>/dev/null &&
   ip -n "$ns" link add va0 type veth peer name vb0 2>/dev/null &&
   ip -n "$ns" link set va0 up; then
	timeout 1 "$VRRPCTL" -n "$ns" sniff dev va0 >/dev/null 2>&1
	rc=$?
	out=$("$VRRPCTL" sniff dev va0 2>&1)
	[ $rc = 124 ] && [ "$out" = 'Cannot find device "va0"' ]
	ok $? "-n $ns sniff dev va0 finds the namespace's device, without -n it is not found (rc $rc, $out)"
else
	skip "-n NETNS finds the namespace's device" "cannot make a netns with a veth here"
fi
ip netns del "$ns" 2>/dev/null
# review L7: the daemon is in the usage and has its own help; one version
"$VRRPCTL" -h | grep -q '^  daemon \[-f\]'
ok $? "-h lists the daemon"
out=$("$VRRPCTL" daemon --help 2>&1)
[ $? = 0 ] && echo "$out" | grep -q -- '--no-load'
ok $? "daemon --help: exit 0 and the options"
echo "$out" | grep -q -- '--snmp\[=AGENTX\]'
ok $? "daemon --help lists --snmp"
expect 1 "^vrrpctl: --snmp=: an AgentX address is needed" daemon --snmp=
dk=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$(dirname "$VRRPCTL")/../dkms.conf")
"$VRRPCTL" -V | grep -q "^vrrpctl $dk "
ok $? "-V says the version of dkms.conf ($dk)"
# review L5: a directory, a weak secret, a file without VRs
expect 1 "^$T: Is a directory" load --check "$T"
printf 'client_api = "http"\n[api]\nsecret = "a"\n' >"$T/s.conf"
out=$("$VRRPCTL" load --check "$T/s.conf" 2>&1)
[ $? = 0 ] && echo "$out" | grep -q "^$T/s.conf:3: warning: secret: 1 bytes is weak" &&
	echo "$out" | grep -q "^$T/s.conf: warning: no \[\[vrouter\]\]"
ok $? "a one-byte secret and no VR: two warnings, exit 0"
# review M5: -c FILE before the command is the file of load (and daemon)
out=$("$VRRPCTL" -c "$T/a.txt" -g json load --check 2>&1)
echo "$out" | grep -q "^$T/a.txt: OK (1 virtual router"
ok $? "-c FILE load --check checks FILE, not the default: $out"
expect 1 "^vrrpctl: -c $T/a.txt and load $T/a.conf name two files: give one" -c "$T/a.txt" load --check "$T/a.conf"
out=$(printf 'a = 1\n[b]\nc = [1, 2]\n' | "$VRRPCTL" config dump - | tr -d ' \t\n')
[ "$out" = '{"a":1,"b":{"c":[1,2]}}' ]
ok $? "config dump - reads stdin: $out"
n1=$(printf 'a = 1\n[b]\nc = [1, 2]\n' | "$VRRPCTL" config dump - | wc -l)
n2=$(printf 'a = 1\n[b]\nc = [1, 2]\n' | "$VRRPCTL" -p config dump - | wc -l)
[ "$n1" = 1 ] && [ "$n2" -gt 1 ]
ok $? "config dump: one line, indented with -p, as show -j (lines: $n1, $n2)"
"$VRRPCTL" -h | grep -q 'load \[FILE\]'
ok $? "-h prints the usage"

# exit status (iproute2's): 1 for the command line or a missing device,
# 2 when the kernel refuses or has no vrrp module (this host has none)
if [ -d /sys/module/vrrp ]; then
	ok 0 "exit 2 without the module # SKIP vrrp is loaded on this host"
else
	expect 2 '^Error: vrrp kernel module not loaded' show
	expect 2 '^Error: vrrp kernel module not loaded' del dev lo vrid 1
	expect 2 '^Error: vrrp kernel module not loaded' flush
	expect 2 '^Error: vrrp kernel module not loaded' -s -s show
	expect 2 '^Error: vrrp kernel module not loaded' -br show
fi
expect 1 '^Error: Cannot find device "nosuch0"' add dev nosuch0 vrid 1 vip 10.0.0.1
expect 1 'unknown option "-x"' -x show
"$VRRPCTL" help show | grep -q -- '-s \[-s\]\] \[-br\]'
ok $? "show's usage names -s -s and -br"

tap_end
