#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Generic netlink contract: strict validation with an extack message for
# each rejection, keys never dumped, EEXIST/ENOENT, unprivileged users
# cannot change anything, global counters and VR count.
# vrrp-selftest: timeout=200
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
tap_plan 14

ns_create r1
ip -n r1 link add eth0 type dummy
ip -n r1 link set eth0 up
ip -n r1 addr add 192.0.2.1/24 dev eth0

# rejects CMD-ARGS... MSG: fails, and the error names MSG
rejects()
{
	local msg=$1 out
	shift
	out=$(ip netns exec r1 $VNL "$@" 2>&1) && { echo "accepted: $*"; return 1; }
	echo "$out" | grep -q "$msg" || { echo "got: $out"; return 1; }
}
tap_check "no VIP: extack" rejects "at least one VIP" add dev eth0 vrid 1
tap_check "v2 over IPv6: extack" rejects "IPv4 only" add dev eth0 vrid 1 family inet6 version 2 vip 2001:db8::1
tap_check "v2 interval not whole seconds" rejects "whole seconds" add dev eth0 vrid 1 version 2 int 150 vip 192.0.2.9
tap_check "auth on v3" rejects "VRRPv2 only" add dev eth0 vrid 1 auth simple x vip 192.0.2.9
tap_check "VIP of the wrong family" rejects "address length" add dev eth0 vrid 1 family inet6 vip 192.0.2.9
tap_check "vrid 0 out of range" rejects "" add dev eth0 vrid 0 vip 192.0.2.9
tap_check "output-only attribute rejected" rejects "" raw VRRP_CMD_NEW VRRP_A_STATE=02
tap_check "add v2 with a password" nl r1 add dev eth0 vrid 1 version 2 auth p0 secret vip 192.0.2.9
tap_check "duplicate: EEXIST" rejects "exists" add dev eth0 vrid 1 vip 192.0.2.9
keyok() { nl r1 show | python3 -c "import json,sys; v=json.load(sys.stdin)[0]; sys.exit(0 if v['auth_key_set'] and not v['auth_key_leaked'] and v['auth_type']==250 else 1)"; }
tap_check "dump says a key is set, never the key" keyok
if id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
	tap_check "unprivileged user cannot delete" sh -c "! ip netns exec r1 setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all $VNL del dev eth0 vrid 1"
else
	tap_skip "unprivileged user cannot delete" "no setpriv/nobody"
fi
g() { nl r1 global | python3 -c "import json,sys; sys.exit(0 if json.load(sys.stdin)['vr_count']==1 else 1)"; }
tap_check "global: VR count 1" g

# a VR bigger than a default dump buffer (255 IPv6 VIPs and 255 routes,
# some 24 KiB; admin down, so it installs nothing) is dumped, and so is the
# VR after it
vips=$(for i in $(seq 255); do printf 'vip 2001:db8:9::%x route 2001:db8:a:%x::/64 ' $i $i; done)
nl r1 add dev eth0 vrid 2 family inet6 admin 0 $vips
nl r1 add dev eth0 vrid 3 vip 192.0.2.13
dumped() { [ "$(nl r1 show | python3 -c "import json,sys; print(sorted(len(v['vips']) for v in json.load(sys.stdin)))")" = "[1, 1, 255]" ]; }
tap_check "dump: a VR of 255 VIPs and the ones around it are all listed" dumped
# the same from a socket that has read nothing yet, in a netns where the
# big VR comes first: the kernel sizes the first dump buffer before any
# read (NLMSG_GOODSIZE, some 4 KiB), so the module must tell it how big a
# VR can be (min_dump_alloc), or the dump stops at the big VR with EMSGSIZE
ns_create r2
ip -n r2 link add eth0 type dummy
nl r2 add dev eth0 vrid 2 family inet6 admin 0 $vips
fresh()
{
	ip netns exec r2 python3 - "$VRRP_TOP/selftests/net" <<'PY'
import struct, sys
sys.path.insert(0, sys.argv[1])
import vrrp_nl as v
fid = v.Genl().fid
s = v.socket.socket(v.socket.AF_NETLINK, v.socket.SOCK_RAW, 16)
s.bind((0, 0))
s.send(struct.pack("=IHHII", 20, fid, 1 | 4 | 0x300, 1, 0) +
       struct.pack("=BBH", v.C["VRRP_CMD_GET"], 1, 0))
n = 0
while True:
    data, off = s.recv(65536), 0
    while off < len(data):
        ln, typ = struct.unpack_from("=IH", data, off)
        if typ == 2:        # NLMSG_ERROR
            sys.exit("dump failed: %d" % struct.unpack_from("=i", data, off + 16)[0])
        if typ == 3:        # NLMSG_DONE
            sys.exit(0 if n == 1 else "dumped %d VRs, not 1" % n)
        n += 1
        off += (ln + 3) & ~3
PY
}
tap_check "dump of a 24 KiB VR from a socket that has read nothing yet" fresh
tap_done
