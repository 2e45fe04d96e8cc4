#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Negative test of the harness itself: load a test-only module that WARNs
# on load.  The guest runner must see the splat in the kernel log; it turns
# this test into a PASS only if it did (see "expect-splat" below), so the
# test fails if splat detection is broken.
# vrrp-selftest: expect-splat
# vrrp-selftest: timeout=60
. "$(dirname "$0")/../lib.sh"

skip_unless_root
tap_plan 2
if [ -z "${VRRP_WARN_KO:-}" ] || [ ! -f "$VRRP_WARN_KO" ]; then
	tap_fail "load the WARN test module" "VRRP_WARN_KO not built"
	tap_skip "unload it" "not loaded"
	tap_done
fi
tap_check "load the WARN test module" insmod "$VRRP_WARN_KO"
tap_check "unload it" rmmod vrrp_warn_test
tap_diag "the harness must now report the WARN it caused"
tap_done
