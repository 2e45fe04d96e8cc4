#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What a netns may hold and send is bounded: max_vrs VRs per netns (a
# module parameter the host administrator may change at run time), and in
# a netns owned by another user namespace (unshare -Urn) max_vrs_userns VRs
# and adverts no faster than min_advert_cs_userns; a batch that would go
# past the limit creates nothing; GARP refresh and repeat delays have lower
# bounds; each refusal says why; and what a VR allocates is charged to the
# memory cgroup of the process that configured it.
# vrrp-selftest: timeout=300
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
skip_unless_cmd unshare
modprobe dummy 2>/dev/null
tap_plan 14

P=/sys/module/vrrp/parameters
ns_create r1
ip -n r1 link add eth0 type dummy
ip -n r1 link set eth0 up
ip -n r1 addr add 192.0.2.1/24 dev eth0

# rejects MSG CMD...: fails, and says MSG
rejects()
{
	local msg=$1 out
	shift
	out=$("$@" 2>&1) && { echo "accepted: $*"; return 1; }
	echo "$out" | grep -q "$msg" || { echo "got: $out"; return 1; }
}

tap_check "defaults: max_vrs 32768, max_vrs_userns 1024, min_advert_cs_userns 10" sh -c "
	[ \$(cat $P/max_vrs) = 32768 ] && [ \$(cat $P/max_vrs_userns) = 1024 ] &&
	[ \$(cat $P/min_advert_cs_userns) = 10 ]"
echo 3 >$P/max_vrs
for i in 1 2 3; do nl r1 add dev eth0 vrid $i vip 192.0.2.$((100 + i)); done
tap_check "max_vrs 3: a fourth VR is refused, naming the parameter" \
	rejects "max_vrs" ip netns exec r1 $VNL add dev eth0 vrid 4 vip 192.0.2.104
nl r1 del dev eth0 vrid 3
tap_check "a batch of two new VRs with room for one creates nothing" sh -c "
	! ip netns exec r1 $VNL batch -- dev eth0 vrid 1 vip 192.0.2.101 \
		-- dev eth0 vrid 5 vip 192.0.2.105 -- dev eth0 vrid 6 vip 192.0.2.106 2>/dev/null &&
	! ip netns exec r1 $VNL get dev eth0 vrid 5 >/dev/null 2>&1"
tap_check "a batch larger than the limit is refused" \
	rejects "larger than the VR limit" ip netns exec r1 $VNL batch -- dev eth0 vrid 1 vip 192.0.2.101 \
		-- dev eth0 vrid 2 vip 192.0.2.102 -- dev eth0 vrid 5 vip 192.0.2.105 -- dev eth0 vrid 6 vip 192.0.2.106
echo 32768 >$P/max_vrs
tap_check "raised again: the fourth VR is accepted" nl r1 add dev eth0 vrid 4 vip 192.0.2.104

# GARP bounds, in every netns
tap_check "garp_refresh below 1000 ms refused" \
	rejects "at least 1000 ms" ip netns exec r1 $VNL add dev eth0 vrid 7 garp_refresh 500 vip 192.0.2.107
tap_check "repeated GARPs less than 10 ms apart refused" \
	rejects "at least 10 ms" ip netns exec r1 $VNL add dev eth0 vrid 7 garp 5 garp_delay 2 vip 192.0.2.107
tap_check "garp 5 every 10 ms, refresh 1 s: accepted" nl r1 add dev eth0 vrid 7 garp 5 garp_delay 10 garp_refresh 1000 vip 192.0.2.107

# a netns of another user namespace: unprivileged in the initial one
echo 2 >$P/max_vrs_userns
userns()
{
	unshare -Urn sh -c "ip link add eth0 type dummy && ip link set eth0 up &&
		ip addr add 192.0.2.1/24 dev eth0 && $*"
}
tap_check "user namespace: its root may create VRs" userns "$VNL add dev eth0 vrid 1 vip 192.0.2.9 && $VNL add dev eth0 vrid 2 vip 192.0.2.10"
tap_check "but not more than max_vrs_userns" rejects "max_vrs_userns" userns "$VNL add dev eth0 vrid 1 vip 192.0.2.9 && $VNL add dev eth0 vrid 2 vip 192.0.2.10 && $VNL add dev eth0 vrid 3 vip 192.0.2.11"
tap_check "adverts faster than min_advert_cs_userns refused" rejects "min_advert_cs_userns" userns "$VNL add dev eth0 vrid 1 int 5 vip 192.0.2.9"
tap_check "the initial netns may send every 10 ms" nl r1 add dev eth0 vrid 8 int 1 vip 192.0.2.108
echo 1024 >$P/max_vrs_userns

# memory cgroup accounting: 100 VRs with 255 VIPs each, from a cgroup
cg=/sys/fs/cgroup/vrrp-test-$$
charged()
{
	mkdir -p "$cg" || return 2
	on_exit rmdir "$cg"
	echo +memory >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null
	# not with ip netns exec: it mounts a sysfs without the cgroups
	python3 - "$VRRP_TOP/selftests/net" "$cg" <<'PY'
import ctypes, os, sys
sys.path.insert(0, sys.argv[1])
import vrrp_nl as v
cg = sys.argv[2]
open(cg + "/cgroup.procs", "w").write(str(os.getpid()))
fd = os.open("/run/netns/r1", os.O_RDONLY)
if ctypes.CDLL(None, use_errno=True).setns(fd, 0x40000000):   # CLONE_NEWNET
    sys.exit("setns failed")
g = v.Genl()
vips = []
for i in range(255):
    vips += ["vip", "10.%d.%d.1" % (i // 200, i % 200)]
msgs = [v.vr_attrs(["dev", "eth0", "vrid", str(100 + n)] + vips)
        for n in range(100)]
before = int(open(cg + "/memory.current").read())
for m in msgs:
    r = g.request(g.fid, v.C["VRRP_CMD_NEW"], m)
    if isinstance(r, int):
        sys.exit("NEW failed: %d %s" % (r, getattr(g, "last_extack", "")))
after = int(open(cg + "/memory.current").read())
print("# memory.current grew by %d KiB for 100 VRs of 255 VIPs" %
      ((after - before) // 1024))
sys.exit(0 if after - before > 1500 * 1024 else 1)
PY
}
if grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
	tap_check "VRs are charged to the creator's memory cgroup (> 1.5 MiB for 100 x 255 VIPs)" charged
else
	tap_skip "VRs are charged to the creator's memory cgroup" "no memory controller"
fi
nl r1 flush
tap_check "flush: the VR count is back to 0" sh -c "ip netns exec r1 $VNL global | grep -q '\"vr_count\": 0'"
tap_done
