#!/bin/sh
# gen-deterministic.sh GEN SOURCE_ROOT: phaseout-gen is deterministic.
#
# The same options must give byte-identical files (run twice), another seed
# must give another network, and the README's command must regenerate the
# committed scenarios/uk-2020 byte for byte (version 1 bytes never change
# with the version 2 options added). Version 2 options are deterministic
# too. Prints TAP.
set -u
gen=$1
root=$2
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

opts="--sites 5000 --seed 42 --high-risk-share 0.55 --clusters --dependencies"
# shellcheck disable=SC2086
check "phaseout-gen $opts" "$gen" -q -o "$work/a" $opts
# shellcheck disable=SC2086
check "phaseout-gen $opts, again" "$gen" -q -o "$work/b" $opts
for f in scenario.json sites.csv; do
	check "two runs with the same options write the same $f" cmp "$work/a/$f" "$work/b/$f"
done

v2="--sites 3000 --seed 7 --clusters --dependencies --periods quarter --dated --site-deadlines 0.2 --allowed-vendors 0.3 --vendor-regions --sites-cap --growth 0.1"
# shellcheck disable=SC2086
check "phaseout-gen $v2" "$gen" -q -o "$work/v2a" $v2
# shellcheck disable=SC2086
check "phaseout-gen $v2, again" "$gen" -q -o "$work/v2b" $v2
for f in scenario.json sites.csv; do
	check "two version 2 runs with the same options write the same $f" \
		cmp "$work/v2a/$f" "$work/v2b/$f"
done
check "version 2 options write a phaseout-scenario/2 file in quarters" \
	grep -q '"periods": "quarter"' "$work/v2a/scenario.json"

check "phaseout-gen with seed 43" \
	"$gen" -q -o "$work/c" --sites 5000 --seed 43 --high-risk-share 0.55 --clusters --dependencies
check "seeds 42 and 43 write different sites.csv" \
	fails cmp -s "$work/a/sites.csv" "$work/c/sites.csv"

# The command in scenarios/uk-2020/README.md.
check "phaseout-gen with uk-2020's README command" \
	"$gen" -q --profile uk-2020 --sites 2000 --seed 2020 --clusters --dependencies \
	-o "$work/uk"
for f in scenario.json sites.csv; do
	check "scenarios/uk-2020/$f is what its README's command writes" \
		cmp "$root/scenarios/uk-2020/$f" "$work/uk/$f"
done
check "scenarios/uk-2020/README.md gives the command tested here" \
	grep -q -- "--profile uk-2020 --sites 2000 --seed 2020 --clusters --dependencies" \
	"$root/scenarios/uk-2020/README.md"

tap_done
