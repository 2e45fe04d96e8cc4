#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every example config in conf/ passes `vrrpctl load --check`, and
# `vrrpctl config dump` turns each into JSON that parses. TAP.
VRRPCTL=${1:-../../../tool/vrrpctl}
CONF=${2:-../../../conf}
. "$(dirname "$0")/../tap.sh"

if [ ! -x "$VRRPCTL" ]; then
	echo "1..0 # SKIP $VRRPCTL not built"
	exit 4
fi
for f in "$CONF"/*.conf "$CONF"/*.json; do
	[ -e "$f" ] || continue
	out=$("$VRRPCTL" load --check "$f" 2>&1)
	ok $? "load --check $(basename "$f"): $out"
	"$VRRPCTL" config dump "$f" | /usr/bin/python3 -c 'import json,sys; json.load(sys.stdin)'
	ok $? "config dump $(basename "$f") is valid JSON"
done
tap_end
