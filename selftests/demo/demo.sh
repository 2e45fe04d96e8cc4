#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: two routers and a client on one bridge, VRRP run by vrrp.ko.
# Runs as root inside the test VM (selftests/vm/run.sh --demo), or by hand
# in `make vm-shell`:  bash $VRRP_TOP/selftests/demo/demo.sh
#
# r1 (192.0.2.1, priority 200) and r2 (192.0.2.2, priority 100) share the
# virtual router 1 with VIP 192.0.2.100, configured from conf/demo-r1.conf
# and conf/demo-r2.conf with `vrrpctl load`.  No userspace process runs the
# protocol afterwards.  The client pings the VIP while r1's link goes down
# (r2 takes over) and comes back (r1 preempts).  Exit 0 only if both the
# failover and the preemption happened and the ping came back after each.
# vrrp-selftest: timeout=480
. "$(dirname "$0")/../lib.sh"

VIP=192.0.2.100
VMAC=00:00:5e:00:01:01
CONF1=$VRRP_TOP/conf/demo-r1.conf
CONF2=$VRRP_TOP/conf/demo-r2.conf
PINGLOG=$TMPDIR/demo-ping.log
TAKEOVER_TIMEOUT=30	# s; Master_Down_Interval is 3.6 s for r2, but TCG is slow
PREEMPT_TIMEOUT=30

step_n=0
step() { step_n=$((step_n + 1)); printf '\n== Step %d: %s\n\n' "$step_n" "$*"; }
say() { printf '%s\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@" 2>&1 | sed 's/^/    /'; }
# run_in NS CMD...: show and run CMD in netns NS
run_in()
{
	local ns=$1
	shift
	printf '[%s]$ %s\n' "$ns" "$*"
	ip netns exec "$ns" "$@" 2>&1 | sed 's/^/    /'
}
die() { printf '\nDEMO FAILED: %s\n' "$*"; exit 1; }
now() { date +%s.%N | cut -c1-14; }	# seconds with 3 decimals
ms_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%d", (b - a) * 1000 }'; }

# vr_field NS FIELD: a scalar field of VR 1 on eth0 in NS, from
# `vrrpctl show -j` (sed, not python: polling must stay cheap under TCG)
vr_field()
{
	ip netns exec "$1" "$VRRPCTL" show -j dev eth0 vrid 1 2>/dev/null |
		sed -n "s/.*\"$2\":\"\{0,1\}\([^\",}]*\).*/\1/p" | head -n 1
}
vr_state() { vr_field "$1" state; }
# demo_wait SECONDS CMD...: run CMD every 0.1 s until it succeeds (0) or
# SECONDS (an integer) have passed (1).  (lib.sh's wait_for computes its
# deadline with awk printf %d, which mawk caps at 2^31 ns = 2.1 s.)
demo_wait()
{
	local end=$(($(date +%s%N) / 1000000 + $1 * 1000))
	shift
	while :; do
		"$@" >/dev/null 2>&1 && return 0
		[ $(($(date +%s%N) / 1000000)) -ge $end ] && return 1
		sleep 0.1
	done
}

# is_state NS STATE; every poll is logged to $POLLLOG for diagnostics
POLLLOG=$TMPDIR/demo-poll.log
is_state()
{
	local out rc st
	out=$(ip netns exec "$1" "$VRRPCTL" show -j dev eth0 vrid 1 2>&1)
	rc=$?
	st=$(printf '%s\n' "$out" | sed -n 's/.*"state":"\([^"]*\)".*/\1/p' | head -n 1)
	printf '%s %s want %s: rc %s state "%s" %s\n' "$(now)" "$1" "$2" "$rc" "$st" \
		"$([ -z "$st" ] && printf '%s' "$out" | head -c 300)" >>"$POLLLOG"
	[ "$st" = "$2" ]
}
# poll_diag: what the failed wait saw (distinct results of the last polls)
poll_diag()
{
	say "Last polls of vrrpctl show -j (time, netns, result):"
	tail -n 40 "$POLLLOG" | awk '{ k = $0; sub(/^[^ ]* /, "", k) }
		k != last { print "    " $0; last = k }'
	for ns in r1 r2; do
		[ -s "$TMPDIR/mon-$ns.log" ] || continue
		say "Address events in $ns (ip -ts monitor address):"
		grep " inet " "$TMPDIR/mon-$ns.log" | tail -n 6 | sed 's/^/    /'
	done
}
has_vip() { ip -n "$1" -4 addr show dev eth0 | grep -qw "inet $VIP"; }
client_neigh() { ip -n client neigh show "$VIP" dev eth0; }
neigh_is_vmac() { client_neigh | grep -qi "lladdr $VMAC"; }
show_both()
{
	run_in r1 vrrpctl show
	run_in r2 vrrpctl show
}

# ping_lines_between T0 T1: the ping log lines stamped in [T0, T1]
ping_lines_between()
{
	awk -v a="$1" -v b="$2" '
		/^\[[0-9.]+\]/ { t = substr($1, 2, length($1) - 2) + 0
				if (t >= a && t <= b) print }' "$PINGLOG"
}

# vip_event NS add|del AFTER: time (epoch s) of the first "VIP added" or
# "VIP deleted" event in NS's `ip -ts monitor address` log after AFTER, or -
vip_event()
{
	local ts
	while read -r ts; do
		ts=$(date -d "$ts" +%s.%N 2>/dev/null | cut -c1-17) || continue
		if awk -v t="$ts" -v a="$3" 'BEGIN { exit !(t > a) }'; then
			echo "$ts"
			return
		fi
	done <<<"$(grep " inet $VIP/" "$TMPDIR/mon-$1.log" |
		   if [ "$2" = del ]; then grep 'Deleted'; else grep -v 'Deleted'; fi |
		   sed -n 's/^\[\([^]]*\)\].*/\1/p')"
	echo -
}
# ms_between A B: B - A in ms, or "?" if either is -
ms_between()
{
	case "$1$2" in *-*) echo '?'; return ;; esac
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%d", (b - a) * 1000 }'
}

# lost_ranges: the unanswered icmp_seq numbers as ranges, with the time
# ping reported each range's first one missing
lost_ranges()
{
	awk '/bytes from/ && /icmp_seq=/ {
			s = $0; sub(/.*icmp_seq=/, "", s); sub(/ .*/, "", s)
			ok[s + 0] = 1; if (s + 0 > max) max = s + 0 }
		/no answer yet for icmp_seq=/ {
			s = $NF; sub(/.*=/, "", s)
			t = substr($1, 2, length($1) - 2) + 0
			at[s + 0] = t }
		END {
			for (i = 1; i <= max; i++) {
				if (ok[i]) continue
				j = i; while (j < max && !ok[j + 1]) j++
				printf "icmp_seq %d-%d (%d ping(s)), first reported missing at %s\n",
					i, j, j - i + 1, (i in at) ? sprintf("%.3f", at[i]) : "?"
				i = j
			}
		}' "$PINGLOG"
}

# ping_excerpt T FIRST: the ping log from 1 s before T to 1 s after FIRST
# (FIRST: the first reply after an outage, or "-")
ping_excerpt()
{
	local end=$2
	[ "$end" = - ] && end=$1
	ping_lines_between "$(awk -v a="$1" 'BEGIN { printf "%.3f", a - 1 }')" \
		"$(awk -v a="$end" 'BEGIN { printf "%.3f", a + 1 }')" | sed 's/^/    /'
}

# replies_after T: number of ping replies stamped after T
replies_after()
{
	awk -v a="$1" '/bytes from/ { t = substr($1, 2, length($1) - 2) + 0
		if (t > a) n++ } END { print n + 0 }' "$PINGLOG"
}
ping_back() { [ "$(replies_after "$1")" -ge 3 ]; }

# outage T0 T1: "GAP_MS LOST FIRST_OK_TIME" for the longest run of
# unanswered pings between T0 and T1 (gap = last reply before it to the
# first reply after it), from ping -D's timestamps and icmp_seq numbers.
outage()
{
	awk -v a="$1" -v b="$2" '
		/bytes from/ && /icmp_seq=/ {
			t = substr($1, 2, length($1) - 2) + 0
			s = $0; sub(/.*icmp_seq=/, "", s); sub(/ .*/, "", s); s += 0
			if (have && t >= a && s - ls > 1 && (t - lt) > best) {
				best = t - lt; lost = s - ls - 1; first = t
			}
			if (t > b) exit
			have = 1; lt = t; ls = s
		}
		END { printf "%d %d %s\n", best * 1000, lost,
			(first ? sprintf("%.6f", first) : "-") }' "$PINGLOG"
}

# ---- preconditions: fail with the reason, never pretend ----
say "vrrp demo on kernel $(uname -r), $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
[ "$(id -u)" = 0 ] || die "must run as root (inside the VM: make demo)"
[ -n "$VRRP_KO" ] && [ -f "$VRRP_KO" ] ||
	die "vrrp.ko was not built for $(uname -r) (VRRP_KO='$VRRP_KO'); see the build log in /var/cache/vrrp-build/$(uname -r)/vrrp.log"
[ -n "$VRRPCTL" ] && [ -x "$VRRPCTL" ] ||
	die "tool/vrrpctl is not built (VRRPCTL='$VRRPCTL'); run 'make tool'"
for f in "$CONF1" "$CONF2"; do
	[ -r "$f" ] || die "missing config $f"
done
for c in ip ping python3 awk; do
	command -v "$c" >/dev/null 2>&1 || die "missing command: $c"
done
[ -d /sys/module/vrrp ] && die "vrrp is already loaded; the demo needs a fresh module"
# Run a private copy: the tree's binary may be rebuilt while the demo runs.
mkdir -p "$TMPDIR/bin" && cp "$VRRPCTL" "$TMPDIR/bin/vrrpctl" ||
	die "cannot copy $VRRPCTL to $TMPDIR/bin"
VRRPCTL=$TMPDIR/bin/vrrpctl
PATH=$TMPDIR/bin:$PATH
cd "$VRRP_TOP" || die "cannot cd to $VRRP_TOP"
CONF1=conf/demo-r1.conf
CONF2=conf/demo-r2.conf
for f in "$CONF1" "$CONF2"; do
	out=$(vrrpctl load --check "$f" 2>&1) ||
		die "vrrpctl load --check $f failed: $out"
done

# ---------------------------------------------------------------------------
step "the topology: routers r1 and r2 and a client on one bridge"
say "Three network namespaces, each with eth0 plugged into bridge br0 (namespace sw)."
ns_create sw r1 r2 client || die "cannot create network namespaces"
lan_create sw r1 r2 client || die "cannot build the bridge topology"
ip -n r1 addr add 192.0.2.1/24 dev eth0
ip -n r2 addr add 192.0.2.2/24 dev eth0
ip -n client addr add 192.0.2.10/24 dev eth0
say
say "    client 192.0.2.10 --+"
say "                        +-- br0 -- r1 192.0.2.1  (VRRP priority 200)"
say "                        +-- br0 -- r2 192.0.2.2  (VRRP priority 100)"
say "    virtual router 1: VIP $VIP, virtual MAC $VMAC"
say
for ns in r1 r2 client; do
	run_in "$ns" ip -br addr show dev eth0
done
demo_wait 5 ip netns exec client ping -c1 -W1 192.0.2.1 &&
	demo_wait 5 ip netns exec client ping -c1 -W1 192.0.2.2 ||
	die "the client cannot reach r1 and r2: the bridge topology is broken"
say "The client reaches r1 and r2 directly."

# ---------------------------------------------------------------------------
step "load vrrp.ko and configure VR 1 on both routers from conf/"
dmesg_mark
run insmod "$VRRP_KO"
[ -d /sys/module/vrrp ] || die "insmod $VRRP_KO failed"
on_exit rmmod vrrp
run grep '^vrrp' /proc/modules
say
say "r1's config ($CONF1):"
grep -v '^#' "$CONF1" | sed '/^$/d;s/^/    /'
say "r2's config differs in the priority:"
diff "$CONF1" "$CONF2" | grep '^[<>] *priority' | sed 's/^/    /'
say
run_in r1 vrrpctl load "$CONF1"
ip netns exec r1 "$VRRPCTL" show -j dev eth0 vrid 1 2>/dev/null | grep -q '"vrid"' ||
	die "vrrpctl load did not create VR 1 in r1"
run_in r2 vrrpctl load "$CONF2"
ip netns exec r2 "$VRRPCTL" show -j dev eth0 vrid 1 2>/dev/null | grep -q '"vrid"' ||
	die "vrrpctl load did not create VR 1 in r2"
say
say "From here on the kernel runs the protocol: no vrrpctl process is left."
pids=$(pgrep -x vrrpctl)
if [ -n "$pids" ]; then
	say "Stopping vrrpctl processes: ${pids//$'\n'/ }"
	for p in $pids; do kill "$p" 2>/dev/null; done
	sleep 0.5
	for p in $pids; do kill -9 "$p" 2>/dev/null; done
fi
run pgrep -l -x vrrpctl
pgrep -x vrrpctl >/dev/null && die "vrrpctl processes are still running"
say "    (none)"

# ---------------------------------------------------------------------------
step "election: r1 (priority 200) becomes Master, r2 (100) Backup"
t0=$(now)
demo_wait "$TAKEOVER_TIMEOUT" is_state r1 Master ||
	{ show_both; die "r1 is not Master after ${TAKEOVER_TIMEOUT}s (state: $(vr_state r1))"; }
demo_wait 10 is_state r2 Backup ||
	{ show_both; die "r2 is not Backup (state: $(vr_state r2))"; }
say "r1 is Master and r2 Backup (as polled with vrrpctl show -j, $(ms_since "$t0") ms after the configuration)."
say
show_both
say
say "The VIP is on the Master's eth0 only:"
run_in r1 ip -br -4 addr show dev eth0
run_in r2 ip -br -4 addr show dev eth0
demo_wait 5 has_vip r1 || die "the VIP $VIP is not on r1's eth0"
has_vip r2 && die "the VIP $VIP is on the Backup r2 too"

# ---------------------------------------------------------------------------
step "the client pings the VIP"
# kernel-timestamped address events, to time when the VIP moves
for ns in r1 r2; do
	ip -n "$ns" -ts monitor address >"$TMPDIR/mon-$ns.log" 2>&1 &
	on_exit kill $!
done
demo_wait 10 ip netns exec client ping -c1 -W1 "$VIP" ||
	die "the client gets no answer from the VIP $VIP"
say "A ping every 0.2 s runs in the background for the rest of the demo:"
say "    ping -D -O -i 0.2 -W 1 $VIP   (-D: timestamps, -O: report missing replies)"
ip netns exec client ping -D -O -i 0.2 -W 1 "$VIP" >"$PINGLOG" 2>&1 &
pingpid=$!
on_exit kill "$pingpid"
sleep 2
say
say "Last lines of the ping log:"
tail -n 3 "$PINGLOG" | sed 's/^/    /'
say
say "The client's neighbour entry for the VIP is the virtual MAC $VMAC:"
demo_wait 5 neigh_is_vmac
run_in client ip neigh show "$VIP" dev eth0
neigh_is_vmac || die "the client's neighbour entry for $VIP is not the VMAC $VMAC"

# ---------------------------------------------------------------------------
step "master link goes down: r2 takes over"
t_down=$(now)
run_in r1 ip link set eth0 down
if ! demo_wait "$TAKEOVER_TIMEOUT" is_state r2 Master; then
	show_both
	poll_diag
	die "failover did not happen: r2 is '$(vr_state r2)' ${TAKEOVER_TIMEOUT}s after r1's link went down"
fi
t_master2=$(now)
say "r2 is Master now (polled with vrrpctl show -j; the precise timing follows below)."
md=$(vr_field r2 master_down_us)
sk=$(vr_field r2 skew_us)
if [ "${md:-?}" -eq "${md:-?}" ] 2>/dev/null && [ "${sk:-?}" -eq "${sk:-?}" ] 2>/dev/null; then
	say "(Hearing nothing, r2 waits Master_Down_Interval = $((md / 1000)) ms; a priority-0 advert"
	say " from a Master that steps down cuts that to Skew_Time = $((sk / 1000)) ms.)"
fi
say
show_both
say
demo_wait 5 has_vip r2 || die "r2 is Master but the VIP is not on its eth0"
run_in r2 ip -br -4 addr show dev eth0
has_vip r1 && die "the VIP is still on r1"
say
say "Waiting for the ping to the VIP to come back..."
if ! demo_wait 10 ping_back "$t_master2"; then
	tail -n 10 "$PINGLOG" | sed 's/^/    /'
	die "r2 is Master but the client's pings to the VIP get no answer"
fi
sleep 1
t_back=$(now)
read -r gap1 lost1 first1 <<<"$(outage "$t_down" "$t_back")"
say "Ping log around the failover (the gap is the takeover):"
ping_excerpt "$t_down" "$first1"
say
say "=> pings lost during the failover: $lost1, outage ${gap1} ms"
vip_off1=$(ms_between "$t_down" "$(vip_event r1 del "$t_down")")
vip_on2=$(ms_between "$t_down" "$(vip_event r2 add "$t_down")")
say "   VIP removed from r1 after $vip_off1 ms and installed on r2 after $vip_on2 ms,"
say "   counted from r1's link going down (kernel address events, ip -ts monitor)"
reason2=$(vr_field r2 last_reason)
say "   r2's reason for becoming Master: $reason2"
say
say "The client still uses the same virtual MAC; r2 now answers for it:"
run_in client ip neigh show "$VIP" dev eth0
neigh_is_vmac || die "the client's neighbour entry changed away from the VMAC"

sleep 2
t_check=$(now)
n_ok=$(ping_lines_between "$(awk -v a="$t_check" 'BEGIN { printf "%.3f", a - 3 }')" "$t_check" |
	grep -c 'bytes from')
say "With r2 as Master the ping keeps going: $n_ok answers in the last 3 s (about 15 sent)."
if [ "$n_ok" -lt 5 ]; then
	say "Unanswered pings so far:"
	lost_ranges | sed 's/^/    /'
	say "Last lines of the ping log:"
	tail -n 8 "$PINGLOG" | sed 's/^/    /'
	die "the ping to the VIP stopped being answered after r2 took over"
fi

# ---------------------------------------------------------------------------
ctl_during=$(pgrep -x vrrpctl | wc -l)
step "r1's link comes back: r1 preempts (preemption = true)"
t_up=$(now)
run_in r1 ip link set eth0 up
if ! demo_wait "$PREEMPT_TIMEOUT" is_state r1 Master; then
	show_both
	poll_diag
	die "r1 did not preempt: it is '$(vr_state r1)' ${PREEMPT_TIMEOUT}s after its link came back"
fi
say "r1 is Master again (polled with vrrpctl show -j; timing below)."
demo_wait 10 is_state r2 Backup ||
	{ show_both; die "r2 did not return to Backup (state: $(vr_state r2))"; }
say
show_both
say
demo_wait 5 has_vip r1 || die "r1 is Master but the VIP is not on its eth0"
demo_wait 5 sh -c "! ip -n r2 -4 addr show dev eth0 | grep -qw 'inet $VIP'" ||
	die "the VIP is still on r2 after r1 preempted"
run_in r1 ip -br -4 addr show dev eth0
run_in r2 ip -br -4 addr show dev eth0
sleep 3
t_end=$(now)
read -r gap2 lost2 first2 <<<"$(outage "$t_up" "$t_end")"
n_after=$(ping_lines_between "$t_up" "$t_end" | grep -c 'bytes from')
say
say "Ping log around the preemption:"
ping_excerpt "$t_up" "$first2"
say "=> pings lost during the preemption: $lost2, outage ${gap2} ms"
vip_on1=$(ms_between "$t_up" "$(vip_event r1 add "$t_up")")
vip_off2=$(ms_between "$t_up" "$(vip_event r2 del "$t_up")")
say "   VIP installed on r1 after $vip_on1 ms and removed from r2 after $vip_off2 ms,"
say "   counted from r1's link coming back (kernel address events, ip -ts monitor)"
reason1=$(vr_field r1 last_reason)
say "   r1's reason for becoming Master: $reason1"
[ "$n_after" -ge 3 ] || die "the client's pings to the VIP get no answer after the preemption"

# ---------------------------------------------------------------------------
step "summary"
kill -INT "$pingpid" 2>/dev/null
wait "$pingpid" 2>/dev/null
stats=$(grep 'packets transmitted' "$PINGLOG")
sent=$(printf '%s\n' "$stats" | awk '{ print $1 }')
recv=$(printf '%s\n' "$stats" | awk '{ print $4 }')
say "ping statistics: $stats"
say "Unanswered pings:"
lost_ranges | sed 's/^/    /'
say
printf '    %-34s %s\n' "pings sent / answered:" "${sent:-?} / ${recv:-?}"
printf '    %-34s %s\n' "failover (r1 link down):" "ping outage ${gap1} ms, $lost1 ping(s) lost;" \
	"" "VIP on r2 after $vip_on2 ms (r2: $reason2)"
printf '    %-34s %s\n' "preemption (r1 link up):" "ping outage ${gap2} ms, $lost2 ping(s) lost;" \
	"" "VIP back on r1 after $vip_on1 ms (r1: $reason1)"
printf '    %-34s %s\n' "vrrpctl processes during failover:" "$ctl_during"
say
say "(Timings come from a TCG-emulated VM on a busy host: real hardware is faster.)"
say
say "Kernel messages from vrrp during the demo:"
dmesg_since_mark | grep -i vrrp | grep -v 'taint' | tail -n 20 | sed 's/^/    /'
dmesg_clean || die "the kernel logged a warning or a bug during the demo"
run rmmod vrrp
[ -d /sys/module/vrrp ] && die "rmmod vrrp failed"
say
say "DEMO OK: r2 took over while the ping kept going, and r1 preempted when its link came back."
exit 0
