#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# REST API load: GET /run/vrrp with 100 VRs at a fixed rate, over HTTP and
# HTTPS, then the same with 500 idle connections open. `make bench` runs it
# in a 6.12 TCG guest after precision.sh (selftests/vm/run.sh --demo); by
# hand in `make vm-shell`: bash $VRRP_TOP/bench/api_load.sh
#
# vrrpctl daemon -f runs 100 VRs on a veth in netns r1 and serves its API
# on 127.0.0.1 there. curl logs in (POST /auth) as a read-only user, and
# bench/httpload (built on the host: make -C bench) sends GET /run/vrrp
# with that session cookie. Four phases, one fresh daemon each: http,
# https, http + idle, https + idle (the idle HTTPS connections finish the
# handshake). Latency counts from the time each request was due (open
# loop); daemon CPU is its utime + stime in the window as a percentage of
# one CPU. It prints numbers and asserts nothing.
#
# API_LOAD_SECONDS (60 per phase), API_LOAD_RATE (1000 requests/s),
# API_LOAD_CONNS (10 keep-alive connections), API_LOAD_IDLE (500),
# API_LOAD_IDLE_HANDSHAKE (1; 0: idle HTTPS connections stop after the TCP
# connect), API_LOAD_QUICKACK (0; 1: httpload ACKs each response at once).
# Through `make bench` they reach the guest as BENCH_API_LOAD_*.
# vrrp-selftest: timeout=900
. "$(dirname "$0")/../selftests/lib.sh"

opt() { local a=API_LOAD_$1 b=BENCH_API_LOAD_$1; echo "${!a:-${!b:-$2}}"; }
SECS=$(opt SECONDS 60)
RATE=$(opt RATE 1000)
CONNS=$(opt CONNS 10)
IDLE=$(opt IDLE 500)
QUICKACK=$(opt QUICKACK 0)
IDLE_HANDSHAKE=$(opt IDLE_HANDSHAKE 1)
NVR=100
HL=$VRRP_TOP/bench/httpload
PW=bench-password

skip_unless_root
skip_unless_cmd curl jq openssl ip
[ -n "$VRRPCTL" ] && [ -x "$VRRPCTL" ] || skip_all "tool/vrrpctl not built"
[ -x "$HL" ] || skip_all "bench/httpload not built (make -C bench)"
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -ge $((IDLE + CONNS + 100)) ] ||
	skip_all "open files limit $(ulimit -n) is too low for $IDLE idle connections"

D=$(mktemp -d "$TMPDIR/api_load.XXXXXX")
on_exit rm -rf "$D"
load_vrrp || skip_all "vrrp.ko does not load"
on_exit unload_vrrp
ns_create r1 || skip_all "cannot create a netns"
ip -n r1 link add eth0 type veth peer name peer0 &&
	ip -n r1 link set eth0 up && ip -n r1 link set peer0 up &&
	ip -n r1 addr add 10.0.0.2/16 dev eth0 || skip_all "cannot create the veth"
on_exit "ip netns exec r1 $VRRPCTL flush"

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$D/key.pem" -out "$D/cert.pem" \
	-days 1 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1 ||
	skip_all "openssl cannot make a certificate"
chmod 600 "$D/key.pem"
USER_LINE=$("$VRRPCTL" pw --level 0 bench "$PW") || skip_all "vrrpctl pw failed"

write_conf()	# write_conf FILE TLS PORT [EXTRA-API-LINE]
{
	{
		echo 'debug = 1'
		echo "working_dir = \"$D\""
		echo 'client_api = "http"'
		for g in $(seq 1 $NVR); do
			printf '[[vrouter]]\ngroup = %d\ninterface = "eth0"\nvip = "10.0.1.%d"\npriority = 100\n' \
				"$g" "$g"
		done
		echo '[api]'
		echo "  tls = $2"
		[ "$2" = true ] && printf '  tls_key = "%s"\n  tls_cert = "%s"\n' "$D/key.pem" "$D/cert.pem"
		echo "  host = \"127.0.0.1:$3\""
		echo '  secret = "api-load-bench"'
		echo "  users = [ \"$USER_LINE\" ]"
		[ -n "${4:-}" ] && echo "  $4"
	} >"$1"
}

# room for the idle connections, if this vrrpctl knows the key
extra="max_connections = $((2 * (IDLE + CONNS) > 2000 ? 2 * (IDLE + CONNS) : 2000))"
write_conf "$D/check.conf" false 7080 "$extra"
if ! "$VRRPCTL" load --check "$D/check.conf" >/dev/null 2>&1; then
	echo "# [api] $extra not accepted by vrrpctl load --check: left out"
	extra=
fi
write_conf "$D/http.conf" false 7080 "$extra"
write_conf "$D/https.conf" true 7443 "$extra"
"$VRRPCTL" load --check "$D/https.conf" >"$D/check.out" 2>&1 ||
	{ cat "$D/check.out"; skip_all "the bench configuration does not pass vrrpctl load --check"; }

DPID=
stop_daemon()
{
	[ -n "$DPID" ] || return 0
	kill "$DPID" 2>/dev/null
	wait_for 10 bash -c "! kill -0 $DPID 2>/dev/null"
	wait "$DPID" 2>/dev/null
	DPID=
}
on_exit stop_daemon

cpus=$(nproc)
pin_daemon=() pin_client=()
if [ "$cpus" -gt 1 ] && command -v taskset >/dev/null; then
	pin_daemon=(taskset -c 0)
	pin_client=(taskset -c $((cpus - 1)))
fi

# start_daemon NAME: a fresh daemon with $D/NAME.conf; sets DPID, URL, CURL
start_daemon()
{
	URL=http://127.0.0.1:7080
	CURL=(curl -s -m 20)
	if [ "$1" = https ]; then
		URL=https://127.0.0.1:7443
		CURL+=(-k)
	fi
	# ip netns exec execs the daemon: $! is its pid
	ip netns exec r1 "${pin_daemon[@]}" "$VRRPCTL" daemon -f -c "$D/$1.conf" \
		>>"$D/daemon.log" 2>&1 &
	DPID=$!
	wait_for 60 bash -c "[ \"\$(ip netns exec r1 ${CURL[*]} -o /dev/null -w '%{http_code}' $URL/)\" = 200 ]"
}

login()		# the session cookie of user bench, as a Cookie header value
{
	rm -f "$D/jar"
	in_ns r1 "${CURL[@]}" -c "$D/jar" -o /dev/null -d "user=bench passwd=$PW" \
		-X POST "$URL/auth" || return 1
	awk '$6 ~ /^(user|ts|nonce|token)$/ { printf "%s%s=%s", s, $6, $7; s = "; " }' "$D/jar"
}

count_vrs()	# STATE: how many VRs the API lists in that state (any: all)
{
	in_ns r1 "${CURL[@]}" -b "$COOKIE" "$URL/run/vrrp" |
		jq --arg s "$1" '[.[] | select($s == "any" or .state == $s)] | length'
}

all_vrs() { [ "$(count_vrs any)" = "$NVR" ]; }
all_master() { [ "$(count_vrs Master)" = "$NVR" ]; }

# key value lines of httpload -> table row
row()		# row PHASE FILE
{
	awk -v phase="$1" '{ v[$1] = $2 }
	END {
		printf "%-10s %5d %8.1f %9.2f %9.2f %9.2f %6d %8d %7.1f %7.1f %4d/%-4d %8d\n",
		       phase, v["target_rate"], v["achieved_rate"], v["p50_ms"],
		       v["p99_ms"], v["max_ms"], v["errors"], v["timeouts"],
		       v["server_cpu_pct"], v["client_cpu_pct"], v["idle_held_avg"],
		       v["idle"], v["idle_reopened"]
	}' "$2"
}

echo "# $NVR VRs, GET /run/vrrp at $RATE/s for $SECS s per phase over $CONNS keep-alive" \
	"connections; $IDLE idle connections in the idle phases; $cpus CPU(s)" \
	"$([ ${#pin_daemon[@]} -gt 0 ] && echo "(daemon on CPU 0, client on CPU $((cpus - 1)))")"
[ "$QUICKACK" = 1 ] && echo "# httpload --quickack: each response is ACKed at once"
rows=
for phase in http https http+idle https+idle; do
	proto=${phase%+idle}
	args=(-r "$RATE" -d "$SECS" -c "$CONNS")
	[ "$proto" = https ] && args+=(--tls)
	[ "$phase" != "$proto" ] && args+=(--idle "$IDLE")
	[ "$phase" != "$proto" ] && [ "$IDLE_HANDSHAKE" = 1 ] && args+=(--idle-handshake)
	[ "$QUICKACK" = 1 ] && args+=(--quickack)

	t0=$SECONDS
	if ! start_daemon "$proto"; then
		echo "# $phase: the daemon's API does not answer"
		tail -n 20 "$D/daemon.log" | sed 's/^/#   /'
		stop_daemon
		rows+="$(printf '%-10s (no API)' "$phase")"$'\n'
		continue
	fi
	if ! COOKIE=$(login) || [ -z "$COOKIE" ]; then
		echo "# $phase: POST /auth failed"
		stop_daemon
		rows+="$(printf '%-10s (no login)' "$phase")"$'\n'
		continue
	fi
	if [ "$phase" = http ]; then
		# the first daemon created the VRs: let them settle first
		wait_for 60 all_vrs ||
			echo "# the API lists $(count_vrs any) VRs, not $NVR"
		wait_for 60 all_master ||
			echo "# only $(count_vrs Master) of $NVR VRs are Master"
		echo "# /run/vrrp answer: $(in_ns r1 "${CURL[@]}" -b "$COOKIE" "$URL/run/vrrp" | wc -c) bytes"
	fi
	echo "# $phase: ${SECS} s"
	mark=$(wc -l <"$D/daemon.log")
	ip netns exec r1 "${pin_client[@]}" "$HL" "${args[@]}" --cookie "$COOKIE" \
		--pid "$DPID" "127.0.0.1:${URL##*:}" >"$D/$phase.out" 2>"$D/$phase.err"
	rc=$?
	sed 's/^/#   /' "$D/$phase.err"
	if [ $rc != 0 ]; then
		rows+="$(printf '%-10s (httpload exit %d)' "$phase" $rc)"$'\n'
	else
		awk '{ v[$1] = $2 } END {
			printf "#   sent %d, completed %d (non-2xx %d), connection errors %d, " \
			       "timeouts %d, unsent at the end %d, reconnects %d, p90 %.1f ms; " \
			       "idle held %d at the start, %d at least, %d failed to open\n",
			       v["sent"], v["completed"], v["bad_status"], v["conn_errors"],
			       v["timeouts"], v["unsent"], v["reconnects"], v["p90_ms"],
			       v["idle_held_start"], v["idle_held_min"], v["idle_failed"] }' \
			"$D/$phase.out"
		rows+="$(row "$phase" "$D/$phase.out")"$'\n'
	fi
	# what the daemon said about its connections (level 0 and 1 lines)
	tail -n +$((mark + 1)) "$D/daemon.log" | grep -v 'api: listening\|daemon started' |
		head -n 5 | sed 's/^/#   daemon: /'
	stop_daemon
	echo "#   (the phase took $((SECONDS - t0)) s)"
done

printf '%-10s %5s %8s %9s %9s %9s %6s %8s %7s %7s %9s %8s\n' phase rate achieved \
	"p50 ms" "p99 ms" "max ms" errors timeouts daemon% client% "idle avg" reopened
printf '%s' "$rows"
exit 0
