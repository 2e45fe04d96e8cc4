#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# 250 VRs on one interface in one batch (all reach Master alone, the
# same batch again changes nothing), the same VRID on two interfaces, and
# unicast peers (adverts go to the peer's address from the VMAC, election
# works).
# vrrp-selftest: timeout=300
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/vrrp_lib.sh"

vrrp_begin
skip_unless_cmd tcpdump
tap_plan 8

vrrp_topo r1 r2
kill_vrrpctl
args=()
for i in $(seq 1 250); do
	args+=(-- dev eth0 vrid "$i" prio 100 vip "10.$((i / 200)).$((i % 200)).1")
done
tap_check "batch of 250 VRs" nl r1 batch "${args[@]}"
masters() { [ "$(nl r1 show | python3 -c "import json,sys; print(sum(v['state']=='Master' for v in json.load(sys.stdin)))")" = 250 ]; }
tap_check "all 250 Master" wait_for 60 masters
tap_check "the same batch again" nl r1 batch "${args[@]}"
tr() { nl r1 show | python3 -c "import json,sys; sys.exit(0 if all(v['stats']['master_transitions']==1 for v in json.load(sys.stdin)) else 1)"; }
tap_check "no VR flapped" tr
nl r1 flush

# same VRID on two interfaces
veth_pair r1 eth1 r2 eth1
ip -n r1 addr add 198.51.100.1/24 dev eth1
ip -n r2 addr add 198.51.100.2/24 dev eth1
nl r1 add dev eth0 vrid 9 prio 200 vip 192.0.2.209
nl r1 add dev eth1 vrid 9 prio 50 vip 198.51.100.209
nl r2 add dev eth0 vrid 9 prio 100 vip 192.0.2.209
nl r2 add dev eth1 vrid 9 prio 100 vip 198.51.100.209
both() { ip netns exec r1 $VNL wait 20 dev eth0 vrid 9 state Master &&
	ip netns exec r2 $VNL wait 20 dev eth1 vrid 9 state Master &&
	ip netns exec r1 $VNL wait 5 dev eth1 vrid 9 state Backup; }
tap_check "same VRID on two interfaces: independent elections" both

# unicast peers on eth1, vrid 12
nl r1 add dev eth1 vrid 12 prio 200 peer 198.51.100.2 vip 198.51.100.212
nl r2 add dev eth1 vrid 12 prio 100 peer 198.51.100.1 vip 198.51.100.212
uni() { ip netns exec r1 $VNL wait 20 dev eth1 vrid 12 state Master &&
	ip netns exec r2 $VNL wait 10 dev eth1 vrid 12 state Backup; }
tap_check "unicast peers: election" uni
in_ns r2 timeout 8 tcpdump -l -e -n -c 2 -i eth1 'ip proto 112 and ip[21] == 12' >"$TMPDIR/u.txt" 2>/dev/null
sed 's/^/# /' "$TMPDIR/u.txt"
tap_check "unicast peers: adverts sent to the peer" grep -q "198.51.100.1 > 198.51.100.2" "$TMPDIR/u.txt"
R2MAC=$(ip -n r2 -o link show eth1 | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
tap_check "unicast peers: adverts leave from the VMAC to the peer's MAC" sh -c "tail -n 1 '$TMPDIR/u.txt' | grep -q '00:00:5e:00:01:0c > $R2MAC'"
tap_done
