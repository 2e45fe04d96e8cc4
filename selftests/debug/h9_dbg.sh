#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# H9 temporary debug wrapper (to be deleted)
# vrrp-selftest: timeout=560
T=/sys/kernel/tracing
[ -d $T/events ] || mount -t tracefs none $T 2>/dev/null
echo 8192 > $T/buffer_size_kb
echo 'protocol == 2048' > $T/events/skb/kfree_skb/filter
echo 1 > $T/events/skb/kfree_skb/enable
echo 1 > $T/tracing_on
(
	done_=
	for i in $(seq 600); do
		if [ -z "$done_" ] && ip netns exec r1 ip link show eth0 >/dev/null 2>&1; then
			ip netns exec r1 tcpdump -l -nni eth0 -e -v ip proto 112 >>/tmp/h9.pcap.txt 2>&1 &
			done_=$!
		fi
		[ -n "$done_" ] && ! kill -0 "$done_" 2>/dev/null && done_=
		sleep 0.5
	done
) &
bg=$!
bash "$(dirname "$0")/../net/ka_v3_ipv4.sh"
rc=$?
ip netns exec r2 ip -4 addr 2>&1 | sed "s/^/# r2 /"
kill $bg 2>/dev/null
echo 0 > $T/events/skb/kfree_skb/enable
echo "# ---- tcpdump tail"
tail -60 /tmp/h9.pcap.txt | sed 's/^/# /'
echo "# ---- kfree_skb summary"
grep -o 'location=[^ ]* .*' $T/trace | sed 's/skbaddr=[^ ]*//;s/rx_sk=[^ ]*//' | sort | uniq -c | sort -rn | head -30 | sed 's/^/# /'
grep kfree_skb $T/trace | tail -20 | sed 's/^/# /'
exit $rc
