#!/bin/sh
# make-corpus.sh: rebuild the seed corpus in corpus/<harness>/ from the
# scenarios, test data and command-line cases of this repository. Run from
# anywhere; files over 4 KB are cut to their first 40 lines (a CSV) or left
# out (a JSON). The corpus is checked in; re-run this when the format grows.
set -eu
cd "$(dirname "$0")"
root=../..
mkdir -p keep
cp corpus/fuzz_plan/limits-* keep/ 2>/dev/null || true
rm -rf corpus
mkdir -p corpus/fuzz_scenario_json corpus/fuzz_sites_csv corpus/fuzz_check \
	corpus/fuzz_plan corpus/fuzz_plan_read

name_of() {
	# A file name from a repository path: tests/cli/cases/x/scenario.json -> x-scenario.json
	echo "$1" | sed -e 's|^\.\./\.\./||' -e 's|^tests/cli/cases/||' \
		-e 's|^tests/data/||' -e 's|^scenarios/||' -e 's|/|-|g'
}

small() {
	# small FILE: the file, or its first 40 lines when it is over 4 KB
	if [ "$(wc -c <"$1")" -gt 4096 ]; then head -n 40 "$1"; else cat "$1"; fi
}

jsons=$(find $root/scenarios $root/tests/data $root/tests/cli/cases -name '*.json' | sort)
csvs=$(find $root/scenarios $root/tests/data $root/tests/cli/cases -name '*.csv' | sort)

for j in $jsons; do
	[ "$(wc -c <"$j")" -le 4096 ] || continue
	cp "$j" "corpus/fuzz_scenario_json/$(name_of "$j")"
	# The check harness: scenario.json, a NUL, then the sites file it names
	# when that is sites.csv beside it.
	dir=$(dirname "$j")
	if grep -q '"sites": *"sites.csv"' "$j" && [ -f "$dir/sites.csv" ]; then
		out="corpus/fuzz_check/$(name_of "$j")"
		# and a NUL and the ledger when it names fixed.csv beside it.
		if grep -q '"fixed": *"fixed.csv"' "$j" && [ -f "$dir/fixed.csv" ]; then
			{ cat "$j"; printf '\0'; small "$dir/sites.csv"; printf '\0'; small "$dir/fixed.csv"; } >"$out"
		else
			{ cat "$j"; printf '\0'; small "$dir/sites.csv"; } >"$out"
		fi
	fi
done
for c in $csvs; do
	small "$c" >"corpus/fuzz_sites_csv/$(name_of "$c")"
done
# The plan harness starts from the check corpus; the limits-* seeds (the
# corners of docs/scenario-format.md's limits) are written by hand and
# kept when this is re-run.
cp corpus/fuzz_check/* corpus/fuzz_plan/
cp keep/* corpus/fuzz_plan/ 2>/dev/null || true
rm -rf keep
# The plan-folder harness: plan.csv, a NUL, timeline.csv, a NUL,
# summary.json of every plan folder (diff's test data and cases).
for p in $(find $root/tests/data/diff $root/tests/cli/cases -name plan.csv | sort); do
	dir=$(dirname "$p")
	if [ ! -f "$dir/timeline.csv" ] || [ ! -f "$dir/summary.json" ]; then
		continue
	fi
	{ small "$p"; printf '\0'; small "$dir/timeline.csv"; printf '\0'; cat "$dir/summary.json"; } \
		>"corpus/fuzz_plan_read/$(name_of "$dir")"
done
find corpus -type f | wc -l
