#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian 12 packages that building and testing vrrp need.
# Idempotent; when everything is present it only runs dpkg-query.
set -euo pipefail

pkgs=(
	# kernels, headers and the source of the debug kernel
	linux-image-amd64 linux-headers-amd64
	linux-image-6.12-amd64 linux-headers-6.12-amd64 linux-source-6.1
	# kernel and module builds
	build-essential bc flex bison libelf-dev libssl-dev cpio xz-utils zstd
	kmod dkms sparse rsync file
	# the Debian packages (make check builds, lints and installs them)
	debhelper dh-dkms lintian man-db
	# vrrpctl and its tests
	pkg-config libnl-genl-3-dev libnl-3-dev libcjson-dev libevent-dev clang
	libclang-rt-14-dev openssl libsnmp-dev
	# the VM and what tests use inside it (the guest sees the host root)
	qemu-system-x86 busybox-static iproute2 iputils-ping procps psmisc
	keepalived frr tshark tcpdump python3 python3-scapy curl jq ethtool
	nftables util-linux coreutils snmpd snmp
	# make bench's loads (bench/failover.sh)
	stress-ng
)

missing=()
for p in "${pkgs[@]}"; do
	s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$s" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} = 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages (run as root to install): ${missing[*]}" >&2
	exit 1
fi
echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; the default (no) is fine.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
if ! apt-get install -y --no-install-recommends "${missing[@]}"; then
	apt-get update
	apt-get install -y --no-install-recommends "${missing[@]}"
fi
# the guests run their own snmpd (daemon_snmp.sh); not one on the host
case " ${missing[*]} " in *" snmpd "*)
	systemctl disable --now snmpd >/dev/null 2>&1 || true ;;
esac
