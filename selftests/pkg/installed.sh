#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run in a guest by selftests/vm/package-check.sh after the host installed
# the vrrp-dkms and vrrpctl packages (the guest sees the host root): the
# module DKMS built loads with modprobe, the packaged vrrpctl talks to it,
# its man page reads. TAP.
# vrrp-selftest: timeout=300
. "$(dirname "$0")/../lib.sh"

tap_plan 7
f=$(modinfo -F filename vrrp 2>&1)
case $f in
*/updates/dkms/vrrp.ko*) tap_ok "modinfo vrrp: DKMS's module ($f)" ;;
*) tap_fail "modinfo vrrp: DKMS's module" "$f" ;;
esac
tap_check "modprobe vrrp" modprobe vrrp
ns_create p1
ip -n p1 link add eth0 type dummy
ip -n p1 link set eth0 up
ip -n p1 addr add 192.0.2.1/24 dev eth0
tap_check "/usr/sbin/vrrpctl add (the package's tool)" \
	ip netns exec p1 /usr/sbin/vrrpctl add dev eth0 vrid 1 vip 192.0.2.254
tap_check "/usr/sbin/vrrpctl show lists the VR" bash -c \
	"ip netns exec p1 /usr/sbin/vrrpctl -br show | grep -q '^eth0/1/inet '"
tap_check "man vrrpctl (the packaged page)" bash -c \
	"MANPAGER=cat man vrrpctl 2>/dev/null | grep -q 'vrrpctl daemon'"
tap_check "/usr/sbin/vrrpd takes vrrpd's command line" bash -c \
	"/usr/sbin/vrrpd -h | grep -q -- '-i IF'"
tap_check "man vrrpd (the vrrpd section of vrrpctl's page)" bash -c \
	"MANPAGER=cat man vrrpd 2>/dev/null | grep -q 'VRRPD COMMAND LINE'"
ip netns del p1
modprobe -r vrrp
tap_done
