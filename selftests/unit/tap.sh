# SPDX-License-Identifier: GPL-2.0
# TAP for the unit tests' shell scripts, sourced:
#   ok STATUS NAME    "ok N - NAME" if STATUS is 0, else "not ok" (and fail=1)
#   skip NAME WHY     "ok N - NAME # SKIP WHY"
#   tap_end           the plan ("1..N") and exit status: 1 if any failed
n=0 fail=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
tap_end() { echo "1..$n"; exit $fail; }
