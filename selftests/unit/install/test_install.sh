#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make install-tool with DESTDIR and PREFIX: vrrpctl, both man pages, the
# systemd unit (naming the installed vrrpctl), the bash completion; each
# file works where it lands. TAP.
TOP=$(cd "${1:-../../..}" && pwd)
. "$(dirname "$0")/../tap.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# inst NAME [VAR=VALUE...]: make install-tool into $T/NAME
inst() {
	local d=$T/$1
	shift
	make -s -C "$TOP" install-tool DESTDIR="$d" "$@" >"$T/make.log" 2>&1
}

for p in /usr /usr/local; do
	inst "p$p" PREFIX="$p"
	ok $? "make install-tool DESTDIR=... PREFIX=$p: $(tail -n1 "$T/make.log")"
	d=$T/p$p
	miss=
	for f in sbin/vrrpctl share/man/man8/vrrpctl.8 share/man/man5/vrrp.conf.5 \
		 lib/systemd/system/vrrpctl.service \
		 share/bash-completion/completions/vrrpctl; do
		[ -f "$d$p/$f" ] || miss="$miss $f"
	done
	ok "$([ -z "$miss" ] && echo 0 || echo 1)" "PREFIX=$p: every file under DESTDIR$p (missing:${miss:- none})"
	extra=$(cd "$d" && find . -type f | grep -v "^\.$p/" | tr '\n' ' ')
	ok "$([ -z "$extra" ] && echo 0 || echo 1)" "PREFIX=$p: nothing outside DESTDIR$p (${extra:-none})"
	l=$(readlink "$d$p/sbin/vrrpd")
	ok "$([ "$l" = vrrpctl ] && echo 0 || echo 1)" "PREFIX=$p: sbin/vrrpd is a relative link to vrrpctl (got '$l')"
	m=$(stat -c %a "$d$p/sbin/vrrpctl" "$d$p/lib/systemd/system/vrrpctl.service" | tr '\n' ' ')
	ok "$([ "$m" = "755 644 " ] && echo 0 || echo 1)" "PREFIX=$p: modes 755 (tool) and 644 (unit): $m"
	u=$d$p/lib/systemd/system/vrrpctl.service
	bad=$(grep -E '^Exec' "$u" | grep vrrpctl | grep -v " *Exec[A-Za-z]*=$p/sbin/vrrpctl " )
	ok "$([ -z "$bad" ] && grep -q "^ExecStart=$p/sbin/vrrpctl daemon" "$u" && echo 0 || echo 1)" \
		"PREFIX=$p: the unit runs $p/sbin/vrrpctl (${bad:-every Exec line})"
done

d=$T/p/usr
"$d/usr/sbin/vrrpctl" -V | grep -q '^vrrpctl '
ok $? "the installed vrrpctl runs (-V)"
"$d/usr/sbin/vrrpd" -h | grep -q -- '-i IF'
ok $? "the installed vrrpd link takes vrrpd's command line (-h)"
if command -v man >/dev/null; then
	for f in man8/vrrpctl.8 man5/vrrp.conf.5; do
		w=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$d/usr/share/man/$f" 2>&1 >"$T/man.txt")
		ok "$([ -z "$w" ] && [ -s "$T/man.txt" ] && echo 0 || echo 1)" "man -l $f renders, no groff warning (${w:-none})"
	done
else
	skip "man pages render" "man not installed"
	skip "man pages render" "man not installed"
fi
# the completion, sourced by bash as bash-completion would
out=$(bash -c '
	. "$1"
	COMP_WORDS=(vrrpctl sh); COMP_CWORD=1
	_vrrpctl
	echo "${COMPREPLY[*]}"' _ "$d/usr/share/bash-completion/completions/vrrpctl" 2>&1)
ok "$([ "$out" = show ] && echo 0 || echo 1)" "the bash completion completes \"vrrpctl sh\" to show (got '$out')"
# comp WORD...: what the completion offers for the last word
comp() {
	bash -c '
		f=$1; shift
		. "$f"
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		"_${1}"
		echo "${COMPREPLY[*]}"' _ "$d/usr/share/bash-completion/completions/$1" "$@" 2>&1
}
for c in "import:keepalived:vrrpctl import k" "-br:-br:vrrpctl show -b" \
	 "import's flags:--apply:vrrpctl import keepalived f --ap" \
	 "daemon's flags:--no-load:vrrpctl daemon --no" \
	 "csum's values:auto pseudo rfc9568:vrrpctl add dev x csum ''" \
	 "vrrpd's options:-i -v -p -d -s -n -a -f -m -b -h:vrrpd -"; do
	what=${c%%:*} want=${c#*:} want=${want%%:*} line=${c##*:}
	eval "set -- $line"
	out=$(comp "$@")
	ok "$([ "$out" = "$want" ] && echo 0 || echo 1)" "completion: $what (\"$line\" gives '$out')"
done
ok "$([ "$(readlink "$d/usr/share/bash-completion/completions/vrrpd")" = vrrpctl ] && echo 0 || echo 1)" \
	"the completion is found for vrrpd too (a link)"
complete_line=$(bash -c '. "$1"; complete -p vrrpctl' _ "$d/usr/share/bash-completion/completions/vrrpctl" 2>&1)
ok "$(printf '%s' "$complete_line" | grep -q -- '-F _vrrpctl vrrpctl' && echo 0 || echo 1)" \
	"the completion registers for vrrpctl ($complete_line)"
if command -v systemd-analyze >/dev/null; then
	# verify runs the Exec paths: an install whose PREFIX is real
	q=$T/q
	make -s -C "$TOP" install-tool PREFIX="$q" >"$T/make.log" 2>&1
	w=$(systemd-analyze verify --man=no "$q/lib/systemd/system/vrrpctl.service" 2>&1)
	ok "$([ -z "$w" ] && echo 0 || echo 1)" "systemd-analyze verify: the unit is clean (${w:-no warning})"
else
	skip "systemd-analyze verify" "systemd-analyze not installed"
fi

tap_end
