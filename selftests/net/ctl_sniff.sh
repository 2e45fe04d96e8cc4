#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vrrpctl sniff (rVRRPd -m0) decodes our v2 and v3 adverts, checks auth with
# a key, flags bad checksums and TTLs; vrrpctl monitor's text line format.
# vrrp-selftest: timeout=360
. "$(dirname "$0")/../lib.sh"

skip_unless_root
skip_unless_cmd jq ip timeout
[ -n "$VRRPCTL" ] && [ -x "$VRRPCTL" ] || skip_all "tool/vrrpctl not built"
PY=/usr/bin/python3
tap_plan 10

load_vrrp || { tap_fail "insmod vrrp.ko"; tap_done; }

ns_create r1 r2
veth_pair r1 eth0 r2 eth0
ip -n r1 addr add 10.0.0.1/24 dev eth0
ip -n r2 addr add 10.0.0.2/24 dev eth0
D=$(mktemp -d "$TMPDIR/ctl_sniff.XXXXXX")
on_exit rm -rf "$D"
MON=
stop_mon() { [ -n "$MON" ] && kill "$MON" 2>/dev/null; wait "$MON" 2>/dev/null; MON=; }
on_exit stop_mon

in_ns r1 "$VRRPCTL" monitor >>"$D/mon" 2>&1 &
MON=$!
sleep 1
tap_check "add a v2 VR with simple auth" in_ns r1 "$VRRPCTL" add dev eth0 vrid 7 version 2 \
	vip 10.0.0.100 prio 200 advert-ms 1000 auth simple key s3cret
tap_check "add a v3 IPv6 VR" in_ns r1 "$VRRPCTL" add dev eth0 vrid 8 vip fe80::8 2001:db8::8 \
	prio 200 advert-ms 500

re='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z dev eth0 vrid 7 inet: (Init|Backup) -> Master \([a-z-]+\) prio 200'
if wait_for 20 grep -Eq "$re" "$D/mon"; then
	tap_ok "monitor prints a timestamped transition line"
else
	tap_fail "monitor prints a timestamped transition line" "$(cat "$D/mon")"
fi
stop_mon

timeout 10 ip netns exec r2 "$VRRPCTL" sniff dev eth0 -j key s3cret count 6 >"$D/sniff.json" 2>&1
# jq 1.6's -e looks at the last input only: slurp, then test every match
sel4='map(select(.family == "inet" and .vrid == 7)) | length > 0 and all(.[];'
sel6='map(select(.family == "inet6" and .vrid == 8)) | length > 0 and all(.[];'
tap_check "sniff -j decodes our v2 advert" jq -se "$sel4 .version == 2 and .priority == 200 and
	.advert_ms == 1000 and .addresses == [\"10.0.0.100\"] and .dst == \"224.0.0.18\" and
	.src == \"10.0.0.1\" and .src_mac == \"00:00:5e:00:01:07\")" "$D/sniff.json"
tap_check "v2 advert: checksum ok, TTL 255, auth ok with the key" \
	jq -se "$sel4 .checksum == \"ok\" and .ttl_ok and .auth_type == \"simple\" and .auth == \"ok\")" "$D/sniff.json"
tap_check "sniff -j decodes our v3 IPv6 advert" jq -se "$sel6 .version == 3 and
	.dst == \"ff02::12\" and (.src | startswith(\"fe80:\")) and .checksum == \"ok\" and .ttl_ok and
	.src_mac == \"00:00:5e:00:02:08\" and .addresses == [\"fe80::8\", \"2001:db8::8\"])" "$D/sniff.json"

out=$(timeout 10 ip netns exec r2 "$VRRPCTL" sniff dev eth0 key wrong count 4 2>&1)
if printf '%s\n' "$out" | grep -E 'VRRPv2 vrid 7 prio 200 advert 1000ms auth simple addrs 10\.0\.0\.100' | grep -q 'BAD-AUTH'; then
	tap_ok "sniff flags BAD-AUTH with a wrong key"
else
	tap_fail "sniff flags BAD-AUTH with a wrong key" "$out"
fi

# forged adverts from r1's side of the link: bad checksum, TTL 64
cat >"$D/forge.py" <<'EOPY'
import socket, struct, sys

def csum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    s += s >> 16
    return ~s & 0xffff

def frame(pdu, ttl):
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0xc0, 20 + len(pdu), 0, 0, ttl, 112, 0,
                     socket.inet_aton('10.0.0.9'), socket.inet_aton('224.0.0.18'))
    ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
    eth = bytes.fromhex('01005e000012') + bytes.fromhex('00005e000063') + b'\x08\x00'
    return eth + ip + pdu

good = bytearray.fromhex('21636401000100000a0000090000000000000000')
good[6:8] = struct.pack('!H', csum(bytes(good)))
bad = bytearray(good)
bad[7] ^= 0x55
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(('eth0', 0))
for _ in range(3):
    s.send(frame(bytes(bad), 255))
    s.send(frame(bytes(good), 64))
EOPY
( sleep 1; ip netns exec r1 $PY "$D/forge.py" ) &
out=$(timeout 10 ip netns exec r2 "$VRRPCTL" sniff dev eth0 2>&1 | grep -m 2 'vrid 99')
wait
if printf '%s\n' "$out" | grep 'ttl 255' | grep -q 'BAD-CHECKSUM' &&
   printf '%s\n' "$out" | grep 'ttl 64' | grep -q 'BAD-TTL'; then
	tap_ok "sniff flags BAD-CHECKSUM and BAD-TTL on forged adverts"
else
	tap_fail "sniff flags BAD-CHECKSUM and BAD-TTL on forged adverts" "$out"
fi

out=$(timeout 5 ip netns exec r2 "$VRRPCTL" -m0 -i eth0 2>&1)
if printf '%s\n' "$out" | grep -q 'VRRPv2 vrid 7 prio 200'; then
	tap_ok "rVRRPd's -m0 -i eth0 runs the sniffer"
else
	tap_fail "rVRRPd's -m0 -i eth0 runs the sniffer" "$out"
fi

in_ns r1 "$VRRPCTL" flush >/dev/null 2>&1
tap_check "rmmod vrrp, dmesg clean" unload_vrrp

tap_done
