#!/bin/sh
# gen-deterministic.sh GEN SOURCE_ROOT: phaseout-gen is deterministic.
#
# The same options must give byte-identical files (run twice), another seed
# must give another network, and the README's command must regenerate the
# committed scenarios/uk-2020 byte for byte.
set -u
gen=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

opts="--sites 5000 --seed 42 --high-risk-share 0.55 --clusters --dependencies"
# shellcheck disable=SC2086
"$gen" -q -o "$work/a" $opts || { echo "first run failed"; exit 1; }
# shellcheck disable=SC2086
"$gen" -q -o "$work/b" $opts || { echo "second run failed"; exit 1; }
for f in scenario.json sites.csv; do
	if ! cmp "$work/a/$f" "$work/b/$f"; then
		echo "two runs with the same options wrote different $f"
		fail=1
	fi
done

# shellcheck disable=SC2086
"$gen" -q -o "$work/c" --sites 5000 --seed 43 --high-risk-share 0.55 --clusters --dependencies ||
	{ echo "run with seed 43 failed"; exit 1; }
if cmp -s "$work/a/sites.csv" "$work/c/sites.csv"; then
	echo "seeds 42 and 43 wrote the same sites.csv"
	fail=1
fi

# The command in scenarios/uk-2020/README.md.
"$gen" -q --profile uk-2020 --sites 2000 --seed 2020 --clusters --dependencies \
	-o "$work/uk" || { echo "uk-2020 run failed"; exit 1; }
for f in scenario.json sites.csv; do
	if ! cmp "$root/scenarios/uk-2020/$f" "$work/uk/$f"; then
		echo "scenarios/uk-2020/$f is not what its README's command writes"
		fail=1
	fi
done
if ! grep -q -- "--profile uk-2020 --sites 2000 --seed 2020 --clusters --dependencies" \
	"$root/scenarios/uk-2020/README.md"; then
	echo "scenarios/uk-2020/README.md does not give the command tested here"
	fail=1
fi

exit $fail
