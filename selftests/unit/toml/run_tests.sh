#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs the parser unit tests as one TAP stream (plan printed last).
cd "$(dirname "$0")" || exit 1
corpora=$(ls corpus/*.corpus)
out=$(mktemp -d) || exit 1
trap 'rm -rf "$out"' EXIT
fail=0

TAP_NO_PLAN=1 ./toml_test --data data $corpora >"$out/tap" 2>"$out/err"
rc=$?
cat "$out/tap"
n=$(grep -c '^\(not \)\?ok ' "$out/tap")
if [ $rc -ne 0 ] || grep -q '^not ok' "$out/tap"; then
	fail=1
	sed 's/^/# /' "$out/err"
fi

n=$((n + 1))
if [ -x ./toml_test_alt ]; then
	if TAP_NO_PLAN=1 ./toml_test_alt --data data $corpora >"$out/alt" 2>&1; then
		echo "ok $n - second compiler build (-O2, -Werror) passes the same tests"
	else
		grep '^not ok' "$out/alt" | sed 's/^/# /'
		echo "not ok $n - second compiler build (-O2, -Werror) passes the same tests"
		fail=1
	fi
else
	echo "ok $n - second compiler build # SKIP only one of gcc/clang installed"
fi

n=$((n + 1))
if [ -x ./fuzz_toml ]; then
	mkdir "$out/new" "$out/seeds"
	cp data/* "$out/seeds/"
	./toml_test --export "$out/seeds" $corpora
	secs=${FUZZ_SECONDS:-20}
	if ./fuzz_toml -max_total_time="$secs" -max_len=4096 -rss_limit_mb=1024 \
		-artifact_prefix="$out/" -print_final_stats=1 \
		"$out/new" "$out/seeds" >"$out/fuzz" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/fuzz")
		echo "ok $n - libFuzzer on toml_parse/cfg_json_parse for ${secs}s (${runs:-?} runs, no crash)"
	else
		tail -n 40 "$out/fuzz" | sed 's/^/# /'
		for f in "$out"/crash-* "$out"/leak-* "$out"/timeout-*; do
			[ -f "$f" ] && cp "$f" . && echo "# reproducer saved as $(basename "$f")"
		done
		echo "not ok $n - libFuzzer on toml_parse/cfg_json_parse"
		fail=1
	fi
else
	echo "ok $n - libFuzzer on toml_parse # SKIP clang libFuzzer not available"
fi

echo "1..$n"
exit $fail
