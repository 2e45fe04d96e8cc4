#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Probe, not a test (make check does not run selftests/probe/): how much an
# advert flood slows the control path that waits for RCU (ip link add+del,
# rmmod) on a kernel, with (PROBE_VRRP=1, the default: 40 Masters that
# answer the flood) or without vrrp.ko. One sender netns, one bridge, one
# receiver. Run it with
#   selftests/vm/run.sh -k debug -t selftests/probe/rcu_flood_probe.sh
# It prints the times; see vrrp_teardown_flood.sh for why it exists.
# vrrp-selftest: timeout=900
set -u
for n in pa ps pb; do ip netns add $n; done
ip -n ps link add br0 type bridge; ip -n ps link set br0 up
for x in a b c; do
	ip link add v$x netns pa type veth peer name s$x netns ps 2>/dev/null
done
ip -n ps link add sr type veth peer name vr netns pb
for x in a b c; do ip -n ps link set s$x master br0 up; ip -n pa link set v$x up; done
ip -n ps link set sr master br0 up
ip -n pb link set vr up; ip -n pb link set lo up
ip -n pb addr add 192.0.2.1/24 dev vr
# join 224.0.0.18 and hold a raw proto-112 socket in pb (what vrrp.ko would do)
ip netns exec pb python3 -c '
import socket, struct, time
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 112)
s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, struct.pack("4s4s", socket.inet_aton("224.0.0.18"), socket.inet_aton("192.0.2.1")))
time.sleep(100000)' &
J=$!
cat >/tmp/fl.py <<'PY'
import socket, struct, sys, time
def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff
frames = []
for vrid in range(1, 200):
    v = bytes([0x31, vrid, 1, 1, 0, 100, 0, 0]) + socket.inet_aton("192.0.2.%d" % (vrid % 250 + 1))
    src, dst = socket.inet_aton("192.0.2.99"), socket.inet_aton("224.0.0.18")
    ps = src + dst + struct.pack("!BBH", 0, 112, len(v))
    v = v[:6] + struct.pack("!H", csum(ps + v)) + v[8:]
    ih = struct.pack("!BBHHHBBH4s4s", 0x45, 0xc0, 20 + len(v), 0, 0, 255, 112, 0, src, dst)
    ih = ih[:10] + struct.pack("!H", csum(ih)) + ih[12:]
    frames.append(bytes.fromhex("01005e000012" "0200000000f1" "0800") + ih + v)
socks = []
for d in sys.argv[1].split(","):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0); s.bind((d, 0)); socks.append(s)
pps = float(sys.argv[2]); n = 0; t0 = time.time()
while True:
    for s in socks:
        for f in frames:
            try: s.send(f)
            except OSError: pass
            n += 1
    if pps and n / pps > time.time() - t0: time.sleep(n / pps - (time.time() - t0))
PY
probe() {
	local i t0 t1
	for i in 1 2 3; do
		t0=$(date +%s%N)
		timeout 150 ip -n pb link add d$i type dummy && timeout 150 ip -n pb link del d$i
		rc=$?
		t1=$(date +%s%N)
		echo "# $1: dummy add+del $i: rc $rc, $(((t1 - t0) / 1000000)) ms"
	done
}
if [ "${PROBE_VRRP:-1}" = 1 ]; then
	insmod "$VRRP_KO"
	for v in $(seq 1 40); do
		ip netns exec pb "$VRRPCTL" add dev vr vrid $v prio 200 vip 192.0.2.$((v % 250 + 1)) >/dev/null
	done
	sleep 10
	echo "# vrrp.ko loaded, 40 VRs Master in pb: $(ip netns exec pb "$VRRPCTL" show 2>/dev/null | grep -c Master)"
fi
probe "no flood"
for pps in 1000 0; do
	ip netns exec pa nice -n 5 python3 /tmp/fl.py va,vb,vc $pps &
	F=$!
	sleep 20
	probe "flood pps=$pps (vrrp.ko loaded: $([ -d /sys/module/vrrp ] && echo yes || echo no))"
	kill $F; wait $F 2>/dev/null
	sleep 5
done
if [ -d /sys/module/vrrp ]; then
	ip netns exec pa nice -n 5 python3 /tmp/fl.py va,vb,vc 0 &
	F=$!
	sleep 20
	t0=$(date +%s%N)
	timeout 200 rmmod vrrp
	echo "# rmmod under the flood: rc $?, $((($(date +%s%N) - t0) / 1000000)) ms"
	kill $F; wait $F 2>/dev/null
fi
ip netns exec pb cat /proc/net/snmp | grep -A1 '^Ip:' | tail -1 | awk '{print "# pb Ip InReceives " $4}'
kill $J
for n in pa ps pb; do ip netns del $n; done
echo "1..1"
echo "ok 1 - probe done"
