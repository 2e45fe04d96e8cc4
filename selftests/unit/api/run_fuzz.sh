#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A bounded libFuzzer run of fuzz_http (FUZZ_SECONDS, default 20) over a
# copy of corpus_http/, as one TAP line; a crash, leak or hang fails, and
# its reproducer is kept here. SKIP when fuzz_http was not built.
cd "$(dirname "$0")" || exit 1
name="libFuzzer on the HTTP server, router, cookies and user lines"
secs=${FUZZ_SECONDS:-20}
if [ ! -x ./fuzz_http ]; then
	echo "ok - $name # SKIP clang libFuzzer not available"
	exit 0
fi
out=$(mktemp -d) || exit 1
trap 'rm -rf "$out"' EXIT
mkdir "$out/corpus"
cp corpus_http/* "$out/corpus/"
if ./fuzz_http -max_total_time="$secs" -max_len=4096 -timeout=20 \
	-rss_limit_mb=2048 -dict=fuzz_http.dict -artifact_prefix="$out/" \
	-print_final_stats=1 "$out/corpus" >"$out/fuzz" 2>&1; then
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/fuzz")
	echo "ok - $name for ${secs}s (${runs:-?} runs, no crash)"
	exit 0
fi
tail -n 40 "$out/fuzz" | sed 's/^/# /'
for f in "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-*; do
	[ -f "$f" ] || continue
	cp "$f" . && echo "# reproducer: ./fuzz_http $(basename "$f")"
done
echo "not ok - $name"
exit 1
