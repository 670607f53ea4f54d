#!/bin/sh
# bench-scale.sh [BUILD_DIR]: phaseout at national scale, side by side with
# cbc and glpsol on the plain per-site model. A benchmark that prints
# figures; it asserts nothing (the machines are shared and noisy).
#
# For each size and seed it generates a network with phaseout-gen, then
# prints: the per-site model ('phaseout export') and the model phaseout
# solves after merging cohorts; load time, time to the first plan, wall
# time to a plan within 1% of the proven bound (--gap 0.01) and its peak
# memory; then, with the same time limit T, the exposure E that phaseout,
# cbc and glpsol reach (cbc and glpsol on the per-site LP file; their
# objective lacks the constant term, which is added back). "-" means no
# plan found within the limit.
#
# Needs coinor-cbc, glpk-utils and the 'time' package:
#	apt-get install -y coinor-cbc glpk-utils time
#
# SIZES, SEEDS and LIMITS may be overridden from the environment, e.g.
#	SIZES="2000 20000" SEEDS="1 2" tools/bench-scale.sh build
set -u
build=${1:-build}
phaseout=$build/planner/phaseout
gen=$build/tools/phaseout-gen
sizes=${SIZES:-"2000 20000 100000 20000cd"}
seeds=${SEEDS:-"1 2 3"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

limit_for() {
	case $1 in
	100000) echo "${LIMIT_100K:-60}" ;;
	*cd) echo "${LIMIT_CD:-60}" ;;
	*) echo "${LIMIT:-10}" ;;
	esac
}
json() { sed -n "s/^	\"$1\":	\\(.*\\),\$/\\1/p" "$2" | head -1; }
model() { sed -n "s/^		\"$1\":	\\([0-9]*\\).*/\\1/p" "$2" | head -1; }

printf '%-8s %4s %5s | %-26s | %-24s | %5s %5s %6s %7s %6s | %10s %10s %10s\n' \
	sites seed T "per-site rows/cols" "cohort rows/cols" load first to1% gap1% MB \
	"E phaseout" "E cbc" "E glpsol"

for size in $sizes; do
	n=${size%cd}
	extra=""
	[ "$size" != "$n" ] && extra="--clusters --dependencies"
	t=$(limit_for "$size")
	for seed in $seeds; do
		dir=$work/$size-$seed
		# shellcheck disable=SC2086
		"$gen" --sites "$n" --seed "$seed" $extra -q -o "$dir"
		sizes_line=$("$phaseout" export "$dir/scenario.json" --lp "$dir/model.lp" 2>&1)
		per_site=$(echo "$sizes_line" | sed -n 's/.*with \([0-9]*\) rows, \([0-9]*\) columns.*/\1\/\2/p')
		const=$(sed -n 's/.*constant term = \([-0-9.e+]*\).*/\1/p' "$dir/model.lp")

		/usr/bin/time -v "$phaseout" plan "$dir/scenario.json" -q --gap 0.01 \
			--time-limit "$t" -o "$dir/quick" 2>"$dir/time.txt"
		wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time.txt" |
			awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')
		rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time.txt")
		s=$dir/quick/summary.json
		cohort="$(model rows "$s")/$(model columns "$s")"
		gap=$(json gap "$s")

		"$phaseout" plan "$dir/scenario.json" -q --time-limit "$t" -o "$dir/full" 2>/dev/null
		e_full=$(json exposure "$dir/full/summary.json")

		cbc_obj=$(timeout $((3 * t + 120)) cbc "$dir/model.lp" -sec "$t" -solve -quit 2>/dev/null |
			sed -n 's/^Objective value: *\([-0-9.e+]*\).*/\1/p' | tail -1)
		e_cbc="-"
		[ -n "$cbc_obj" ] && e_cbc=$(awk -v a="$cbc_obj" -v c="$const" 'BEGIN { printf "%.0f", a + c }')

		timeout $((3 * t + 120)) glpsol --lp "$dir/model.lp" --tmlim "$t" -o "$dir/glpsol.txt" >/dev/null 2>&1
		e_glpsol="-"
		if grep -q "^Status: *INTEGER \(OPTIMAL\|NON-OPTIMAL\)" "$dir/glpsol.txt" 2>/dev/null; then
			g=$(sed -n 's/^Objective: *objective = \([-0-9.e+]*\).*/\1/p' "$dir/glpsol.txt")
			e_glpsol=$(awk -v a="$g" -v c="$const" 'BEGIN { printf "%.0f", a + c }')
		fi

		printf '%-8s %4s %5s | %-26s | %-24s | %5.2f %5.2f %6s %7s %6d | %10.0f %10s %10s\n' \
			"$size" "$seed" "$t" "$per_site" "$cohort" \
			"$(json load_seconds "$s")" "$(json first_plan_seconds "$s")" "$wall" \
			"$(awk -v g="$gap" 'BEGIN { printf "%.3f%%", g * 100 }')" $((rss / 1024)) \
			"$e_full" "$e_cbc" "$e_glpsol"
	done
done
