#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Generic netlink fuzzing (selftests/net/tools/genl_fuzz): GENL_FUZZ_COUNT
# (5000; 100000 for the full run) malformed, random and valid-looking messages over every command
# of the vrrp family, without CAP_NET_ADMIN (as nobody, and as root with its
# capabilities dropped) and with it, against a netns with real VRs (v2 with
# auth, v3, IPv6, macvlan vif, unicast peers, tracks, routes, an interface
# down). Every request gets exactly one clean reply with a sane errno;
# unprivileged requests get EPERM and change nothing (VR dump, counters,
# addresses, links, routes, multicast memberships); privileged ones keep
# the VR count bounded; afterwards a flush removes everything the VRs
# installed, the module still works and unloads cleanly.
# On the debug kernel a message costs about 20 times more.
# GENL_FUZZ_UCOUNT (default GENL_FUZZ_COUNT) and GENL_FUZZ_DCOUNT
# (default a tenth of it) size the unprivileged runs, GENL_FUZZ_SEED (1)
# picks the messages. GENL_FUZZ_PER_CMD=1 (the default, except on the
# debug kernel) makes each count per command class (ten classes: ten times
# as many messages: 50,000 unprivileged and 50,000 privileged ones);
# GENL_FUZZ_PER_CMD=0 spreads the count over the commands. run.sh passes
# GENL_FUZZ_* to the guest. Under TCG on the 2-core build machine, 6.12:
# about 13,000 privileged and 17,000 unprivileged messages/s, the debug
# kernel about 400.
# vrrp-selftest: timeout=1200
# vrrp-selftest: kernels=debug-long
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

# what runs where (make check under 45 minutes on a 2-core machine): the
# newest series and the debug kernel (the 6.1 series, with KASAN and
# lockdep), 5000 messages per command class on the newest, 3000 in all on
# the debug kernel (GENL_FUZZ_COUNT=100000 for a long run)
COUNT=${GENL_FUZZ_COUNT:-$([ "$VRRP_DEBUG_KERNEL" = 1 ] && echo 3000 || echo 5000)}
UCOUNT=${GENL_FUZZ_UCOUNT:-$COUNT}
DCOUNT=${GENL_FUZZ_DCOUNT:-$((UCOUNT / 10))}
SEED=${GENL_FUZZ_SEED:-1}
MAXVR=3000	# a big valid batch creates up to 2500 VRs at once
PER=
per=
if [ "${GENL_FUZZ_PER_CMD:-$([ "$VRRP_DEBUG_KERNEL" = 1 ] && echo 0 || echo 1)}" = 1 ]; then
	PER=-P
	per=" per command"
fi

skip_unless_root
skip_unless_cmd setpriv python3 ip
id nobody >/dev/null 2>&1 || skip_all "no user nobody"
[ -x "$VRRP_TOP/selftests/net/tools/genl_fuzz" ] ||
	skip_all "selftests/net/tools/genl_fuzz not built (make -C selftests/net/tools)"
# a private copy that nobody can execute whatever the tree's permissions
FUZZ=$TMPDIR/genl_fuzz
cp "$VRRP_TOP/selftests/net/tools/genl_fuzz" "$FUZZ" && chmod 755 "$FUZZ" ||
	skip_all "cannot copy genl_fuzz to $TMPDIR"
modprobe dummy 2>/dev/null
modprobe macvlan 2>/dev/null
vrrp_begin
dmesg_mark
tap_plan 14

# ---- topology: fz is fuzzed; fzp holds the peers of its VRs on eth1 ----
ns_create fz fzp
ip -n fz link add eth0 type dummy
ip -n fz link set eth0 up
ip -n fz addr add 192.0.2.1/24 dev eth0
ip -n fz addr add 2001:db8::1/64 dev eth0 nodad
veth_pair fz eth1 fzp eth1
ip -n fz addr add 198.51.100.1/24 dev eth1
ip -n fz addr add 2001:db8:1::1/64 dev eth1 nodad
ip -n fzp addr add 198.51.100.2/24 dev eth1
ip -n fzp addr add 2001:db8:1::2/64 dev eth1 nodad
ip -n fz link add eth2 type dummy	# stays down
for ns in fz fzp; do
	wait_for 10 sh -c "ip -n $ns -6 addr show scope link | grep -q inet6 && ! ip -n $ns -6 addr show | grep -q tentative"
done

# ip_snap NS: what VRs can change outside the module: addresses, links
# (with promiscuity and allmulti counts), routes of every table, multicast
# memberships
ip_snap()
{
	ip -n "$1" -o addr show
	ip -n "$1" -d -o link show
	ip -n "$1" -4 route show table all
	ip -n "$1" -6 route show table all
	ip -n "$1" maddr show
}

# fzpy NS MODE ARGS...: the VR table over netlink, in one python process
#   snap             every VR (all attributes but the counters, save
#                    the discontinuity time) and the global counters
#   states T SPEC... wait up to T s for SPEC = ifname/family/vrid/State
#   count            the VR count
fzpy()
{
	local ns=$1
	shift
	ip netns exec "$ns" python3 - "$@" <<'EOF'
import os, struct, sys, time
sys.path.insert(0, os.path.join(os.environ["VRRP_TOP"], "selftests", "net"))
import vrrp_nl as v

g = v.Genl()
A, C = v.A, v.C


def dump():
    r = g.request(g.fid, C["VRRP_CMD_GET"], [], dump=True)
    if isinstance(r, int):
        sys.exit("dump: error %d" % r)
    return r


def glob():
    r = g.request(g.fid, C["VRRP_CMD_GET_GLOBAL"], [])
    if isinstance(r, int):
        sys.exit("global: error %d" % r)
    return v.parse_attrs(r[0][4:])


mode = sys.argv[1]
if mode == "snap":
    lines = []
    for body in dump():
        at = v.parse_attrs(body[4:])
        f = []
        for t in sorted(at):
            if t == A["VRRP_A_STATS"]:
                st = v.parse_attrs(at[t][0])
                d = st.get(v.S["VRRP_STAT_A_DISCONTINUITY"], [b""])[0]
                f.append("discontinuity=" + d.hex())
            else:
                f.append("%d=%s" % (t, "/".join(x.hex() for x in at[t])))
        lines.append(" ".join(f))
    print("\n".join(sorted(lines)))
    at = glob()
    print("global", at[A["VRRP_A_GLOBAL_STATS"]][0].hex(),
          "count", at[A["VRRP_A_VR_COUNT"]][0].hex())
elif mode == "count":
    print(struct.unpack("=I", glob()[A["VRRP_A_VR_COUNT"]][0])[0])
elif mode == "states":
    end = time.time() + float(sys.argv[2])
    want = {}
    for s in sys.argv[3:]:
        dev, fam, vrid, state = s.split("/")
        want[(dev, fam, int(vrid))] = state
    while True:
        have = {}
        for body in dump():
            o = v.decode_vr(body)
            have[(o["interface"], o["family"], o["vrid"])] = o["state"]
        bad = {k: have.get(k) for k in want if have.get(k) != want[k]}
        if not bad:
            sys.exit(0)
        if time.time() > end:
            sys.exit("not in their states: %s" % bad)
        time.sleep(0.3)
EOF
}

# ---- real VRs ----
base0=$TMPDIR/ip.base0
ip_snap fz >"$base0"
nl fz batch \
	-- dev eth0 vrid 1 prio 255 vip 192.0.2.254 route 203.0.113.0/24@192.0.2.100 track eth1:10 \
	-- dev eth0 vrid 2 version 2 auth p0 secret prio 200 vip 192.0.2.253 vip 192.0.2.252/24 \
	-- dev eth0 vrid 3 family inet6 prio 150 vip 2001:db8::fe route 2001:db8:ff::/64@2001:db8::100 \
	-- dev eth0 vrid 4 vmac macvlan prio 150 accept 1 vip 192.0.2.251 \
	-- dev eth1 vrid 10 prio 200 peer 198.51.100.2 vip 198.51.100.254 \
	-- dev eth1 vrid 11 family inet6 prio 200 vip 2001:db8:1::fe \
	-- dev eth2 vrid 5 sync 1 vip 192.0.2.249
nl fzp batch \
	-- dev eth1 vrid 10 prio 100 peer 198.51.100.1 vip 198.51.100.254 \
	-- dev eth1 vrid 11 family inet6 prio 100 vip 2001:db8:1::fe
settled()
{
	fzpy fz states 40 eth0/inet/1/Master eth0/inet/2/Master \
		eth0/inet6/3/Master eth0/inet/4/Master eth1/inet/10/Master \
		eth1/inet6/11/Master eth2/inet/5/Init &&
	fzpy fzp states 10 eth1/inet/10/Backup eth1/inet6/11/Backup
}
tap_check "VRs in their states: Master, Init (link down), peers Backup" settled
# the vif, VIPs and routes installed before the first snapshot
wait_for 10 sh -c "ip -n fz -o addr show dev standby4 | grep -q 192.0.2.251 &&
	ip -n fz route show 203.0.113.0/24 | grep -q via &&
	ip -n fz -6 route show 2001:db8:ff::/64 | grep -q via"

snap()
{
	fzpy fz snap
	ip_snap fz
}

# same_as FILE: the netns looks as FILE says (diff on stdout otherwise)
same_as()
{
	snap >"$TMPDIR/snap.now" 2>&1
	diff "$1" "$TMPDIR/snap.now"
}

# fuzz NAME TITLE CMD...: one fuzzer run in fz, one result; its rate and
# summary as diagnostics, all its output on failure ($TMPDIR/NAME.{out,err})
fuzz()
{
	local name=$1 title=$2 rc t0
	shift 2
	t0=$(date +%s)
	ip netns exec fz "$@" >"$TMPDIR/$name.out" 2>"$TMPDIR/$name.err"
	rc=$?
	grep -v violations "$TMPDIR/$name.out" | sed "s/^genl_fuzz:/# $name:/"
	if [ $rc = 0 ] && grep -q '^genl_fuzz: violations 0$' "$TMPDIR/$name.out"; then
		tap_ok "$title ($(($(date +%s) - t0)) s)"
		return 0
	fi
	tap_fail "$title" "exit status $rc"
	sed 's/^/#   /' "$TMPDIR/$name.out"
	head -n 100 "$TMPDIR/$name.err" | sed 's/^/#   /'
	return 1
}

# phase TEXT: a line in the kernel log, to place a splat
phase() { echo "vrrp_genl_fuzz phase: $*" >/dev/kmsg; }

# ---- without CAP_NET_ADMIN ----
phase unprivileged
snap >"$TMPDIR/snap.before"
NOBODY="setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all --bounding-set=-all"
# the checker itself: privileged expectations for an unprivileged user
# must be reported as violations
checker_fails()
{
	! ip netns exec fz $NOBODY "$FUZZ" -s "$SEED" -n 300 >"$TMPDIR/chk.out" 2>&1 &&
		grep -q 'VIOLATION: unexpected reply EPERM' "$TMPDIR/chk.out" &&
		! ip netns exec fz "$FUZZ" -u -n 1 >/dev/null 2>&1
}
tap_check "the fuzzer reports wrong expectations (EPERM, or -u with CAP_NET_ADMIN)" checker_fails
fuzz nobody "unprivileged (nobody): $UCOUNT messages$per, every reply clean, EPERM where privileged" \
	$NOBODY "$FUZZ" -u $PER -s "$SEED" -n "$UCOUNT"
tap_check "unprivileged: VRs, counters, addresses, links, routes unchanged" \
	same_as "$TMPDIR/snap.before"
# a socket opened with the capability, used after dropping it
phase root without capabilities
fuzz nocaps "root without capabilities (-D): $DCOUNT messages$per, every reply clean, EPERM where privileged" \
	"$FUZZ" -D $PER -s "$((SEED + 1))" -n "$DCOUNT"
tap_check "root without capabilities: nothing changed" \
	same_as "$TMPDIR/snap.before"

# ---- with CAP_NET_ADMIN ----
slab0=$(awk '/^Slab:/ { print $2 }' /proc/meminfo)
phase privileged
# -K: progress lines in the kernel log place a splat between two messages
fuzz priv "privileged: $COUNT messages$per, every reply clean" \
	"$FUZZ" $PER -s "$SEED" -n "$COUNT" -F 200 -m "$MAXVR" -K 1000
vr_max=$(sed -n 's/^genl_fuzz: VR count at most \([0-9]*\) .*/\1/p' "$TMPDIR/priv.out")
tap_check "privileged: VR count checked and at most $MAXVR (saw ${vr_max:-none})" \
	test -n "$vr_max" -a "${vr_max:-0}" -le "$MAXVR"
phase flush after fuzzing
flushed() { nl fz flush && [ "$(fzpy fz count)" = 0 ]; }
tap_check "flush after fuzzing: no VR left" flushed
# what the VRs installed goes with them (the work runs asynchronously)
back_to_base() { ip_snap fz >"$TMPDIR/ip.now" 2>&1; diff "$base0" "$TMPDIR/ip.now"; }
if ! wait_for 60 back_to_base; then
	tap_fail "addresses, vifs, routes, memberships back to before any VR"
	back_to_base | head -n 40 | sed 's/^/#   /'
else
	tap_ok "addresses, vifs, routes, memberships back to before any VR"
fi
slab1=$(awk '/^Slab:/ { print $2 }' /proc/meminfo)
tap_diag "slab before the privileged run ${slab0} kB, after the flush ${slab1} kB"

# ---- the module still works ----
phase a new VR
nl fz add dev eth0 vrid 7 prio 150 vip 192.0.2.247
tap_check "a new VR becomes Master" nl fz wait 30 dev eth0 vrid 7 state Master
tap_check "its VIP is installed" wait_for 10 has_addr fz eth0 192.0.2.247
phase teardown
nl fzp flush >/dev/null 2>&1
nl fz flush >/dev/null 2>&1
if dmesg_clean; then
	tap_ok "no kernel splat"
else
	tap_fail "no kernel splat"
	# the fuzzer's last progress line before the splat (-K): the splat
	# came from one of the 1000 messages after it, or from a later step
	dmesg_since_mark | awk -v re="$DMESG_BAD_RE" '
		/genl_fuzz: seed/ { last = $0 }
		/vrrp_genl_fuzz phase:/ { last = $0 }
		$0 ~ re { print "last progress line before it: " (last ? last : "none"); exit }' |
		sed 's/^/#   /'
	dmesg_since_mark | grep -B2 -A30 -E "$DMESG_BAD_RE" | head -n 60 | sed 's/^/#   /'
fi
ip netns del fz
ip netns del fzp
tap_check "rmmod clean" unload_vrrp
tap_done
