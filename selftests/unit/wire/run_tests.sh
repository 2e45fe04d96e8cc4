#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs the codec unit tests as one TAP stream: test_wire, the scapy
# cross-check, a tshark decode of our frames and a bounded fuzz run. Exit 0 pass, 1 fail.
# usage: run_tests.sh [python] [fuzz seconds]
PYTHON=${1:-/usr/bin/python3}
FUZZ_SECONDS=${2:-20}
cd "$(dirname "$0")" || exit 1

n=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# renumber "ok"/"not ok" lines of a sub-test into our stream
emit() {
	while IFS= read -r l; do
		case "$l" in
		"not ok"*)
			n=$((n + 1)); fail=1
			echo "not ok $n $(echo "$l" | sed -E 's/^not ok( [0-9]+)? ?//')" ;;
		"ok"*)
			n=$((n + 1))
			echo "ok $n $(echo "$l" | sed -E 's/^ok( [0-9]+)? ?//')" ;;
		"#"*) echo "$l" ;;
		esac
	done
}

echo "TAP version 13"

./test_wire > "$tmp/unit" 2>&1
rc=$?
emit < "$tmp/unit"
if [ $rc -ne 0 ]; then
	n=$((n + 1)); fail=1; echo "not ok $n - test_wire exit status $rc"
fi

if "$PYTHON" -c 'import scapy.layers.vrrp' 2>/dev/null; then
	if "$PYTHON" ./gen_scapy_vectors.py > "$tmp/vec" 2> "$tmp/err"; then
		./test_scapy < "$tmp/vec" > "$tmp/scapy" 2>&1
		rc=$?
		emit < "$tmp/scapy"
		if [ $rc -ne 0 ]; then
			n=$((n + 1)); fail=1
			echo "not ok $n - test_scapy exit status $rc"
		fi
	else
		n=$((n + 1)); fail=1
		echo "not ok $n - gen_scapy_vectors.py failed: $(head -c 300 "$tmp/err")"
	fi
else
	n=$((n + 1))
	echo "ok $n - scapy cross-check # SKIP python3-scapy not importable by $PYTHON"
fi

# tshark (Wireshark's dissector) decodes our frames: good checksums, no
# expert info or malformed packets, v2 frames padded to 60 bytes
tsh() { tshark -n -r "$@" -T fields -e frame.len -e ip.len \
	-e vrrp.version -e vrrp.checksum.status -e _ws.expert \
	-e _ws.malformed 2>/dev/null; }
if command -v tshark > /dev/null 2>&1; then
	./test_wire --pcap "$tmp/pseudo.pcap" &&
		./test_wire --pcap "$tmp/rfc.pcap" rfc9568
	tsh "$tmp/pseudo.pcap" > "$tmp/t1"
	tsh "$tmp/rfc.pcap" -o vrrp.v3_checksum_as_in_v2:TRUE > "$tmp/t2"
	tsh "$tmp/pseudo.pcap" -o vrrp.v3_checksum_as_in_v2:TRUE > "$tmp/t3"
	for t in t1:"pseudo-header form" t2:"RFC 9568 form"; do
		f=${t%%:*}
		n=$((n + 1))
		if [ "$(wc -l < "$tmp/$f")" -eq 9 ] &&
		   awk -F'\t' '$4 != 1 || $5 != "" || $6 != "" { bad = 1 }
			NR <= 4 && ($1 != 60 || $2 != 40) { bad = 1 }
			END { exit bad }' "$tmp/$f"; then
			echo "ok $n - tshark decodes 9 frames (${t#*:}): checksums good, no expert/malformed, 1-addr v2 frames 60 bytes with IP length 40"
		else
			fail=1
			echo "not ok $n - tshark decode (${t#*:})"
			sed 's/^/# /' "$tmp/$f"
		fi
	done
	n=$((n + 1))
	if [ "$(awk -F'\t' '$2 != "" && $3 == 3 && $4 == 0' "$tmp/t3" | wc -l)" -eq 2 ]; then
		echo "ok $n - tshark flags pseudo-header v3 IPv4 frames when told to expect the RFC 9568 form"
	else
		fail=1
		echo "not ok $n - tshark negative check"
		sed 's/^/# /' "$tmp/t3"
	fi
else
	n=$((n + 1))
	echo "ok $n - tshark decode # SKIP tshark not installed"
fi

# fuzz: libFuzzer bounded run (or standalone random run) over a seed corpus
mkdir -p "$tmp/corpus" "$tmp/seeds"
./test_wire --seeds "$tmp/seeds"
if ./fuzz_parse -help=1 2>&1 | grep -q max_total_time; then
	mkdir -p fuzz-artifacts
	./fuzz_parse -max_total_time="$FUZZ_SECONDS" -max_len=4200 \
		-artifact_prefix=fuzz-artifacts/ -print_final_stats=1 "$tmp/corpus" "$tmp/seeds" > "$tmp/fuzz" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/fuzz")
	kind=libFuzzer
else
	./fuzz_parse -seconds="$FUZZ_SECONDS" "$tmp/seeds" > "$tmp/fuzz" 2>&1
	rc=$?
	runs=$(sed -n 's/^runs: *//p' "$tmp/fuzz")
	kind=standalone
fi
n=$((n + 1))
if [ $rc -eq 0 ]; then
	echo "ok $n - fuzz parser/build/auth ($kind, ${FUZZ_SECONDS}s, ${runs:-?} inputs, no crash)"
else
	fail=1
	echo "not ok $n - fuzz parser ($kind) exit $rc"
	grep -E -m 25 'ERROR|SUMMARY|property failed|^ +#[0-9]+ |Test unit written' \
		"$tmp/fuzz" | sed 's/^/# /'
fi

rmdir fuzz-artifacts 2>/dev/null
echo "1..$n"
exit $fail
