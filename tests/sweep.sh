#!/bin/sh
# sweep.sh PHASEOUT TINYGEN SOURCE_ROOT: what users rely on from 'phaseout
# sweep': more budget never raises the optimal exposure; the rows do not
# depend on --jobs; the break-even scale is right (infeasible just below
# it, feasible at it); the files and usage errors.
set -u
phaseout=$1
tinygen=$2
root=$3
tiny=$root/tests/data/plan/tiny
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
failed=0
check() {
	desc=$1
	shift
	n=$((n + 1))
	if "$@" >/dev/null 2>&1; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
		failed=$((failed + 1))
	fi
}

# Exposure of feasible rows (optimal or feasible) never rises with money.
monotone() {
	awk -F, 'NR > 1 && ($3 == "optimal") {
		if (seen && $4 > last + 1e-6 * (last > 1 ? last : 1)) bad = 1
		last = $4; seen = 1 }
		END { exit bad }' "$1"
}

for seed in 3 7 11 19 23 42; do
	dir=$work/seed$seed
	"$tinygen" "$seed" "$dir" >/dev/null 2>&1
	"$phaseout" sweep "$dir/scenario.json" --budget-scale 0.4:1.6:0.2 --jobs 1 -q \
		-o "$dir/one"
	check "seed $seed: sweep exits 0" test $? = 0
	check "seed $seed: more budget never raises the optimal exposure" \
		monotone "$dir/one/sensitivity.csv"
	"$phaseout" sweep "$dir/scenario.json" --budget-scale 0.4:1.6:0.2 --jobs 2 -q \
		-o "$dir/two"
	check "seed $seed: --jobs 1 and --jobs 2 give the same rows" \
		cmp "$dir/one/sensitivity.csv" "$dir/two/sensitivity.csv"
done

# The tiny scenario: the table, the break-even scale, the files.
"$phaseout" sweep "$tiny/scenario.json" --budget-scale 0.6:1.2:0.1 --find-min-budget \
	--precision 0.001 -o "$work/tiny" >"$work/stdout"
check "tiny: sweep exits 0" test $? = 0
check "tiny: seven rows and a header in sensitivity.csv" \
	test "$(wc -l <"$work/tiny/sensitivity.csv")" = 8
check "tiny: the spec's header" grep -q "^budget_scale,total_budget,status,exposure,present_cost,nominal_cost,completion_year,hr_units_remaining,deadlines_met,deadlines_total,gap" "$work/tiny/sensitivity.csv"
check "tiny: scale 0.9 is infeasible and keeps its row" \
	grep -q "^0.900000,270.00,infeasible," "$work/tiny/sensitivity.csv"
# present_cost is the sum of plan.csv's present_value cells, each rounded
# once (95.24 + 61.90 + 3 x 40.82), not the exact 279.594...
check "tiny: scale 1.0 is optimal with E = 35" \
	grep -q "^1.000000,300.00,optimal,35.000000,279.60,300.00,2026,0,1,1,0.000000" "$work/tiny/sensitivity.csv"
check "tiny: the break-even line" grep -q "^break-even: every deadline and cap holds from budget scale" "$work/stdout"
min=$(sed -n 's/.*"min_budget_scale":	\([0-9.]*\),*/\1/p' "$work/tiny/summary.json")
check "tiny: summary.json has the break-even scale" test -n "$min"
below=$(awk -v m="$min" 'BEGIN { printf "%.6f", m - 0.001 }')
"$phaseout" plan "$tiny/scenario.json" --budget-scale "$below" -q
check "tiny: just below the break-even scale ($below) the rules cannot hold" test $? = 3
"$phaseout" plan "$tiny/scenario.json" --budget-scale "$min" -q
check "tiny: at the break-even scale ($min) they hold" test $? = 0

# Usage errors.
"$phaseout" sweep "$tiny/scenario.json" 2>"$work/stderr"
check "sweep without --budget-scale exits 2" test $? = 2
"$phaseout" sweep "$tiny/scenario.json" --budget-scale 1:0.5:0.1 2>"$work/stderr"
check "a range running backwards exits 2" test $? = 2
"$phaseout" sweep "$tiny/scenario.json" --budget-scale 0.5:1:0.1 --jobs 0 2>"$work/stderr"
check "--jobs 0 exits 2" test $? = 2

echo "1..$n"
[ "$failed" = 0 ]
