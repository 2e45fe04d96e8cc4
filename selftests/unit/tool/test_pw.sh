#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vrrpctl pw: the line format, and the hash checked independently with
# python3's hashlib (SHA-256 of password bytes || salt hex text). TAP.
VRRPCTL=${1:-../../../tool/vrrpctl}
. "$(dirname "$0")/../tap.sh"

if [ ! -x "$VRRPCTL" ]; then
	echo "1..0 # SKIP $VRRPCTL not built"
	exit 4
fi

check_line() { # line user password
	python3 - "$1" "$2" "$3" <<'PY'
import hashlib, re, sys
line, user, pw = sys.argv[1:4]
m = re.fullmatch(r'\{\{SHA256\}\}([^:]+):0:([0-9a-f]{16}):([0-9a-f]{64})', line)
if not m or m.group(1) != user:
    sys.exit(1)
salt, h = m.group(2), m.group(3)
sys.exit(0 if hashlib.sha256(pw.encode() + salt.encode()).hexdigest() == h else 1)
PY
}

line=$("$VRRPCTL" pw admin banana --salt 1eb7ac761a1201f9)
[ "$line" = "{{SHA256}}admin:0:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695" ]
ok $? "documented admin/banana vector"

pw="p@ss wörd-$RANDOM"
line=$("$VRRPCTL" pw operator "$pw")
check_line "$line" operator "$pw"
ok $? "random salt line verifies with hashlib"

line2=$("$VRRPCTL" pw operator "$pw")
[ "$line" != "$line2" ]
ok $? "two runs use different salts"

line=$(printf '%s\n' "$pw" | "$VRRPCTL" pw operator)
check_line "$line" operator "$pw"
ok $? "password read from stdin (newline stripped)"

line=$("$VRRPCTL" pw --admin admin banana --salt 1eb7ac761a1201f9)
[ "$line" = "{{SHA256}}admin:255:1eb7ac761a1201f9:3df024b5dc20a168d6a3fe406c65ec286e71c61c9c738e079ddd6dae255ee695" ]
ok $? "--admin: level 255, the one that may write (review H1)"

line=$("$VRRPCTL" pw --level 7 op banana --salt 1eb7ac761a1201f9)
case $line in '{{SHA256}}op:7:1eb7ac761a1201f9:'*) true ;; *) false ;; esac
ok $? "--level 7"

out=$("$VRRPCTL" pw --level 256 op banana 2>&1)
[ $? = 1 ] && echo "$out" | grep -q -- "--level is 0-255"
ok $? "--level 256 is refused with exit 1 and the range"

line=$("$VRRPCTL" pw op -dash-first --salt 1eb7ac761a1201f9)
case $line in '{{SHA256}}op:0:'*) true ;; *) false ;; esac
ok $? "a password that starts with '-' is still a password"

"$VRRPCTL" pw 'bad:user' x >/dev/null 2>&1
[ $? = 1 ]
ok $? "user with ':' is refused with exit 1"

"$VRRPCTL" pw admin x --salt XYZ >/dev/null 2>&1
[ $? = 1 ]
ok $? "bad --salt is refused"

tap_end
