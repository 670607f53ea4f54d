#!/bin/sh
# bench-periods.sh [BUILD_DIR]: what finer periods cost (issue 13). A
# benchmark that prints figures and asserts nothing (the machines are
# shared and noisy): run it alone.
#
# Cases:
#   uk-2022 in years, quarters and months: scenarios/uk-2022 with its
#     "periods" set to each kind, its December budget keys (the only
#     period keys it has, which a year or a quarter cannot express)
#     dropped, and its rules' dates moved to the 31 December of their
#     year (in years, 31 Jul 2023 would bind at the end of 2022, which
#     makes the yearly plan infeasible), so the three runs plan the same
#     data under the same binding ends (the sensitive sites' 28 Jan 2023
#     binds at the end of 2022 in every kind); and the shipped file as it
#     is (months, December keys, the real dates).
#   gen20k-year, gen20k-quarter, gen20k-month: phaseout-gen's national
#     network of 20,000 sites (seed 1) in each kind, with dated rules.
#   gen100k-month: the same with 100,000 sites, for the peak memory.
# For each, one line: the model phaseout solves (rows, columns, integer
# columns), the status at the time limit LIMIT (seconds of wall clock),
# the seconds to the proven optimum or to GAP ("to-gap"; "-" when not
# reached), the exposure, its bound and
# gap (empty when no bound was proven), the peak resident memory (MB)
# and the CPU seconds (user + sys) of the whole run ("cpu"; steadier than
# to-gap's wall clock on a shared machine).
#
# Overrides from the environment: LIMIT (default 60), GAP (default 0:
# prove the optimum; 0.01 compares the time to a plan proven within 1%,
# the issue's "at equal gap"), CASES (default
# "uk-year uk-quarter uk-month uk-shipped gen20k-month gen100k-month").
# Needs python3 and the 'time' package (apt-get install -y time).
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
phaseout=$build/planner/phaseout
gen=$build/tools/phaseout-gen
limit=${LIMIT:-60}
gap=${GAP:-0}
cases=${CASES:-"uk-year uk-quarter uk-month uk-shipped gen20k-year gen20k-quarter gen20k-month gen100k-month"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# uk_variant KIND DIR: scenarios/uk-2022 with "periods": KIND, no period
# keys in its budget and its rules' dates at their years' ends.
uk_variant() {
	mkdir -p "$2"
	cp "$root/scenarios/uk-2022/sites.csv" "$2/"
	python3 - "$root/scenarios/uk-2022/scenario.json" "$1" "$2/scenario.json" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
j["periods"] = sys.argv[2]
j["budget"] = {k: v for k, v in j["budget"].items() if k.isdigit()}
for rule in j.get("deadlines", []) + j.get("share_caps", []):
    if "date" in rule:
        rule["date"] = rule["date"][:4] + "-12-31"
json.dump(j, open(sys.argv[3], "w"), indent=1)
EOF
}

printf '%-14s %6s %8s %8s %8s %-9s %8s %10s %10s %7s %7s %7s\n' \
	case sites rows cols int status to-gap exposure bound gap MB cpu
for c in $cases; do
	dir=$work/$c
	case $c in
	uk-year) uk_variant year "$dir" ;;
	uk-quarter) uk_variant quarter "$dir" ;;
	uk-month) uk_variant month "$dir" ;;
	uk-shipped)
		mkdir -p "$dir"
		cp "$root/scenarios/uk-2022/scenario.json" "$root/scenarios/uk-2022/sites.csv" "$dir/"
		;;
	gen20k-* | gen100k-*)
		n=20000
		[ "${c%%-*}" = gen100k ] && n=100000
		"$gen" -o "$dir" --sites "$n" --seed 1 --periods "${c#*-}" --dated >/dev/null || {
			echo "$c: phaseout-gen failed" >&2
			continue
		}
		;;
	*)
		echo "bench-periods: unknown case '$c'" >&2
		continue
		;;
	esac
	sites=$(($(wc -l <"$dir/sites.csv") - 1))
	/usr/bin/time -f '%M %U %S' -o "$work/mem" "$phaseout" plan "$dir/scenario.json" \
		--time-limit "$limit" --gap "$gap" -q -o "$dir/out" >/dev/null 2>"$work/err"
	mb=$(tail -n 1 "$work/mem" | awk '{ printf "%d", $1 / 1024 }')
	cpu=$(tail -n 1 "$work/mem" | awk '{ printf "%.1f", $2 + $3 }')
	if [ ! -f "$dir/out/summary.json" ]; then
		printf '%-14s %6s %s\n' "$c" "$sites" "no plan: $(tail -n 1 "$work/err")"
		continue
	fi
	python3 - "$dir/out/summary.json" "$c" "$sites" "$mb" "$cpu" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
m = s["model"]
# "optimal" is the seconds to the proven optimum, or with GAP to a plan
# proven within it (stopped_by "gap").
done = s["status"] == "optimal" or s.get("stopped_by") == "gap"
opt = f'{s["solve_seconds"]:.1f}' if done else "-"
bound = "" if s["bound"] is None else f'{s["bound"]:.0f}'
gap = "" if s["gap"] is None else f'{100 * s["gap"]:.2f}%'
print(f'{sys.argv[2]:<14} {sys.argv[3]:>6} {m["rows"]:>8} {m["columns"]:>8} '
      f'{m["integer_columns"]:>8} {s["status"]:<9} {opt:>8} {s["exposure"]:>10.0f} '
      f'{bound:>10} {gap:>7} {sys.argv[4]:>7} {sys.argv[5]:>7}')
EOF
done
