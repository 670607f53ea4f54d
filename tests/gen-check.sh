#!/bin/sh
# gen-check.sh GEN PHASEOUT: 'phaseout check' loads what phaseout-gen writes
# and agrees about feasibility: generated scenarios with a budget factor of
# 1 or more (all options on, several sizes and horizons) get exit 0, and a
# budget factor of 0.3 gets exit 3 (a rule that cannot hold). Prints TAP.
set -u
gen=$1
phaseout=$2
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

# expect NAME STATUS GEN_OPTIONS...
expect() {
	name=$1 want=$2
	shift 2
	if ! "$gen" -q -o "$work/$name" "$@"; then
		not_ok "$name: phaseout-gen failed"
		return
	fi
	"$phaseout" check "$work/$name/scenario.json" >"$work/$name.out" 2>"$work/$name.err"
	got=$?
	if [ "$got" != "$want" ]; then
		not_ok "$name: phaseout check exited $got, expected $want"
		comment "$work/$name.err"
		sed -n '/^Findings/,$p' "$work/$name.out" | sed 's/^/# /'
	else
		ok "$name: phaseout check exits $want"
	fi
}

expect full 0 --sites 5000 --seed 11 --clusters --dependencies
expect uk 0 --profile uk-2020 --sites 3000 --seed 12 --clusters --dependencies --budget-factor 1
expect all-hr 0 --sites 2000 --seed 13 --high-risk-share 1 --clusters --dependencies
expect short 0 --sites 2000 --seed 14 --start 2030 --end 2031 --clusters --dependencies
expect tight 3 --sites 2000 --seed 15 --budget-factor 0.3

tap_done
