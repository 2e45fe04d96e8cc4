#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vrrpctl import keepalived, without a kernel:
#  1. every VRRP sample of Debian's keepalived package converts, its
#     messages are all FILE:LINE: KEY: ..., and the TOML passes
#     "vrrpctl load --check" (SKIP without the samples);
#  2. the fixtures in import_ka/ give exactly the TOML and the messages
#     in NAME.toml and NAME.err, and that TOML passes load --check;
#  3. bad input (unbalanced braces, a missing include, an unreadable
#     file, an unterminated quote) gives FILE:LINE: and fails, with
#     nothing on stdout; unsupported keys do not fail;
#  4. include globs (the include fixture), and --apply through load.
# TAP. UPDATE=1 rewrites the expected files from the current output.
VRRPCTL=${1:-../../../tool/vrrpctl}
DIR=${2:-$(dirname "$0")/import_ka}
SAMPLES=${KA_SAMPLES:-/usr/share/doc/keepalived/samples}
. "$(dirname "$0")/../tap.sh"
diag() { sed 's/^/#   /'; }

if [ ! -x "$VRRPCTL" ]; then
	echo "1..0 # SKIP $VRRPCTL not built"
	exit 4
fi
VRRPCTL=$(cd "$(dirname "$VRRPCTL")" && pwd)/$(basename "$VRRPCTL")
DIR=$(cd "$DIR" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# every message line: FILE:LINE: KEY: not supported|ignored|note: ...
MSG_RE='^[^:]+:[0-9]+: [^ :]+: (not supported|ignored|note): .+'

# check_out NAME TOML: load --check accepts the converted config
check_out()
{
	local out rc
	out=$("$VRRPCTL" load --check "$2" 2>&1)
	rc=$?
	ok $rc "$1: load --check accepts the TOML ($out)"
	[ $rc = 0 ] || diag <"$2"
}

# ---- 1. Debian's samples ----
samples=()
if [ -d "$SAMPLES" ]; then
	mapfile -t samples < <(grep -lE '^[[:space:]]*(vrrp_instance|vrrp_sync_group)' "$SAMPLES"/* 2>/dev/null | sort)
fi
if [ ${#samples[@]} = 0 ]; then
	skip "Debian keepalived samples import" "no VRRP sample in $SAMPLES (apt-get install keepalived)"
fi
for f in "${samples[@]}"; do
	b=$(basename "$f")
	"$VRRPCTL" import keepalived "$f" >"$T/s.toml" 2>"$T/s.err"
	ok $? "sample $b: import exits 0"
	bad=$(grep -vE "$MSG_RE" "$T/s.err")
	[ -z "$bad" ] && ! grep -qvE "^$f:" "$T/s.err"
	ok $? "sample $b: every message is $b:LINE: KEY: ...${bad:+ (not: $bad)}"
	# one [[vrouter]] per instance, but those reported as left out
	want=$(($(grep -cE '^[[:space:]]*vrrp_instance[[:space:]]' "$f") -
		$(grep -c 'the instance is left out' "$T/s.err")))
	got=$(grep -c '^\[\[vrouter\]\]' "$T/s.toml")
	[ "$want" -gt 0 ] && [ "$got" = "$want" ]
	ok $? "sample $b: $got [[vrouter]] for $want instances converted"
	check_out "sample $b" "$T/s.toml"
done

# ---- 2. fixtures: exact TOML and messages ----
fixture()
{
	local name=$1 f=$1.conf rc d
	shift
	mkdir -p "$T/$(dirname "$name")"
	(cd "$DIR" && "$VRRPCTL" import keepalived "$f" --config-id test "$@") \
		>"$T/$name.toml" 2>"$T/$name.err"
	rc=$?
	ok $rc "fixture $name: import exits 0"
	if [ -n "${UPDATE:-}" ]; then
		cp "$T/$name.toml" "$DIR/$name.toml"
		cp "$T/$name.err" "$DIR/$name.err"
	fi
	d=$(diff -u "$DIR/$name.toml" "$T/$name.toml")
	ok $? "fixture $name: the TOML is $name.toml"
	[ -n "$d" ] && printf '%s\n' "$d" | diag
	d=$(diff -u "$DIR/$name.err" "$T/$name.err")
	ok $? "fixture $name: the messages are $name.err"
	[ -n "$d" ] && printf '%s\n' "$d" | diag
	[ -f "$T/$name.err" ] && ! grep -vqE "$MSG_RE" "$T/$name.err"
	ok $? "fixture $name: every message is FILE:LINE: KEY: kind: why"
	check_out "fixture $name" "$T/$name.toml"
}

for f in "$DIR"/*.conf; do
	fixture "$(basename "$f" .conf)"
done
# 4. include globs, nested relative includes, includer without a match
fixture include/main

# a few values by themselves, so that a wrong expected file is seen too
val() { grep -qxF -- "$2" "$T/$1.toml"; ok $? "fixture $1: $2"; }
val basic 'timers = { advert_ms = 500 }'
val basic 'preempt_delay = 2500  # ms'
val basic 'version = 3'
val auth 'auth_secret = "longer-t"'
val tracks 'track = [{ interface = "eth1", weight = 20 }, { interface = "eth2", weight = 30 }, { interface = "eth3" }]'
val garp 'garp = { repeat = 2, delay_ms = 7000, refresh_ms = 60000 }'
val unicast 'peers = ["192.0.2.2", "192.0.2.3"]'
val sync 'sync_group = 2  # vrrp_sync_group G2'
val strict 'accept = false'
val include/main 'group = 142'
val syntax 'timers = { advert = 3 }'

# --config-id selects the conditional lines
(cd "$DIR" && "$VRRPCTL" import keepalived syntax.conf --config-id other) >"$T/other.toml" 2>/dev/null
grep -qx 'priority = 99' "$T/other.toml" && grep -qx 'timers = { advert = 1 }' "$T/other.toml" &&
	grep -qx 'timers = { advert = 4 }' "$T/other.toml" && ! grep -qx 'priority = 222' "$T/other.toml"
ok $? "--config-id other: @other and @^test lines (and definitions), not @test ones"

# ---- 3. bad input ----
# bad NAME REGEX FILE [ARGS]: exit 1, nothing on stdout, stderr matches
# ($RUN: what runs vrrpctl, empty or setpriv)
RUN=
bad()
{
	local name=$1 re=$2 f=$3 rc
	shift 3
	(cd "$T" && $RUN "$VRRPCTL" import keepalived "$f" "$@") >"$T/bad.out" 2>"$T/bad.err"
	rc=$?
	[ "$rc" = 1 ] && [ ! -s "$T/bad.out" ] && grep -qE -- "$re" "$T/bad.err"
	ok $? "$name: exit 1 (got $rc), nothing on stdout, /$re/"
	[ "$rc" = 1 ] || diag <"$T/bad.err"
}

printf 'vrrp_instance A {\n  interface eth0\n  virtual_ipaddress {\n    192.0.2.1\n}\n' >"$T/open.conf"
bad "an unclosed block" "^open.conf:1: vrrp_instance: '\\{' is not closed" open.conf
printf 'vrrp_instance A {\n  interface eth0\n}\n}\n' >"$T/close.conf"
bad "a '}' too many" "^close.conf:4: '\\}' without a matching '\\{'" close.conf
printf '{\n}\n' >"$T/nokey.conf"
bad "a '{' without a keyword" "^nokey.conf:1: '\\{' without a keyword" nokey.conf
mkdir -p "$T/inc"
printf '# x\ninclude inc/nosuch.conf\n' >"$T/miss.conf"
bad "a missing include" "^miss.conf:2: include: cannot read inc/nosuch.conf: No such file" miss.conf
printf 'includem inc/*.nomatch\n' >"$T/nomatch.conf"
bad "includem without a match" "^nomatch.conf:1: includem: no file matches inc/\\*\\.nomatch" nomatch.conf
printf 'vrrp_instance A {\n' >"$T/inc/half.conf"
printf 'include inc/half.conf\n}\n' >"$T/half.conf"
bad "an included file must close its blocks" "^inc/half.conf:1: vrrp_instance: '\\{' is not closed" half.conf
printf 'include loop.conf\n' >"$T/loop.conf"
bad "an include loop" "^loop.conf:1: include: loop.conf is already being read" loop.conf
printf 'vrrp_instance A {\n  notify "/bin/true\n}\n' >"$T/quote.conf"
bad "an unterminated quote" "^quote.conf:2: unterminated quoted string" quote.conf
bad "a file that does not exist" "^none.conf:0: cannot read: No such file" none.conf
bad "a directory" "^inc:0: cannot read: Is a directory" inc
printf 'include inc\n' >"$T/incdir.conf"
bad "an include of a directory" "^incdir.conf:1: include: cannot read inc: Is a directory" incdir.conf
# unreadable: as nobody when we are root (root reads every file)
printf 'vrrp_instance A {\n}\n' >"$T/secret.conf"
printf 'include secret.conf\n' >"$T/insecret.conf"
chmod 000 "$T/secret.conf"
if [ "$(id -u)" = 0 ]; then
	chmod 755 "$T"
	RUN="setpriv --reuid=65534 --regid=65534 --clear-groups"
	command -v setpriv >/dev/null && $RUN test -x "$VRRPCTL" 2>/dev/null || RUN=none
fi
if [ "$RUN" = none ]; then
	skip "an unreadable file" "root, and no setpriv to run as nobody"
	skip "an unreadable include" "root, and no setpriv to run as nobody"
else
	bad "an unreadable file${RUN:+ (as nobody)}" "^secret.conf:0: cannot read: Permission denied" secret.conf
	bad "an unreadable include${RUN:+ (as nobody)}" "^insecret.conf:1: include: cannot read secret.conf: Permission denied" insecret.conf
fi
RUN=

# unsupported keys never fail the import, and name their line
(cd "$DIR" && "$VRRPCTL" import keepalived unsupported.conf) >"$T/u.toml" 2>"$T/u.err"
rc=$?
grep -q '^unsupported.conf:44: track_script: not supported: ' "$T/u.err" &&
	grep -q '^unsupported.conf:23: virtual_server: not supported: .*lines 23-31' "$T/u.err" &&
	[ "$(grep -c ':2[4-9]: \|:3[01]: ' "$T/u.err")" = 0 ] && [ "$rc" = 0 ]
ok $? "unsupported keys: reported at their line, a block once, exit 0 (got $rc)"

# the command line
"$VRRPCTL" import >/dev/null 2>"$T/e"
[ $? = 1 ] && grep -q 'usage: vrrpctl import keepalived FILE' "$T/e"
ok $? "import without a format: exit 1 and the usage"
"$VRRPCTL" import keepalived "$DIR/basic.conf" --bogus >/dev/null 2>"$T/e"
[ $? = 1 ] && grep -q 'unknown option "--bogus" for import' "$T/e"
ok $? "import with an unknown option: exit 1"
"$VRRPCTL" help import | grep -q 'import keepalived FILE \[--config-id ID\] \[--apply \[--replace\]\]'
ok $? "vrrpctl help import"

# --apply goes through load: an interface that does not exist stops it
# before any netlink; the converted file is kept, mode 600, for its lines
mkdir -p "$T/tmp"
sed 's/interface eth[0-9]*/interface vrrpimp-none0/' "$DIR/basic.conf" >"$T/apply.conf"
(cd "$T" && TMPDIR=$T/tmp "$VRRPCTL" import keepalived apply.conf --apply) >"$T/a.out" 2>"$T/a.err"
rc=$?
kept=$(ls "$T/tmp")
[ "$rc" = 1 ] && [ ! -s "$T/a.out" ] &&
	grep -qE '^/.*/tmp/vrrpctl-import\.[A-Za-z0-9]+:[0-9]+: interface: no such device "vrrpimp-none0"' "$T/a.err" &&
	grep -q 'the converted config is kept in' "$T/a.err" && [ -n "$kept" ] &&
	[ "$(stat -c %a "$T/tmp/$kept")" = 600 ] && grep -q '^group = 7$' "$T/tmp/$kept"
r=$?
ok $r "--apply: load's checks run on the converted config (exit $rc, kept $kept)"
[ $r = 0 ] || diag <"$T/a.err"

tap_end
