#!/bin/sh
# override.sh PHASEOUT SOURCE_ROOT: what users rely on from --set and
# --scale (issue 16): the plan's numbers change as the override says and
# nothing else does; --scale budget=F is --budget-scale F; the overrides
# are recorded in summary.json and the reports (and absent without them);
# diff calls the plans one scenario and lists the overrides that differ;
# sweep and export take them too; explain applies a plan's overrides
# again. Prints TAP.
set -u
phaseout=$1
root=$2
tiny=$root/tests/data/plan/tiny/scenario.json
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

# cell FILE ROW COLUMN: the field of the row whose first field is ROW.
cell() {
	awk -F, -v row="$2" -v col="$3" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i }
		NR > 1 && $1 == row { print $c }' "$1"
}

"$phaseout" plan "$tiny" -q -o "$work/plain"
check "plain plan exits 0" test $? = 0
"$phaseout" plan "$tiny" -o "$work/set" --set budget.2026=200 >"$work/set.out"
check "--set budget.2026=200 exits 0" test $? = 0
check "--set: timeline.csv's 2026 budget is 200.00" \
	test "$(cell "$work/set/timeline.csv" 2026 budget)" = 200.00
check "--set: 2024 and 2025 keep the file's budgets (60, 120)" \
	test "$(cell "$work/set/timeline.csv" 2024 budget),$(cell "$work/set/timeline.csv" 2025 budget)" = "60.00,120.00"
check "--set: 2026's available money is the new budget plus 2025's carry-over" \
	test "$(cell "$work/set/timeline.csv" 2026 available)" = \
	"$(awk -v u="$(cell "$work/set/timeline.csv" 2025 unspent)" 'BEGIN { printf "%.2f", 200 + u }')"
check "--set: summary.json lists the override" \
	json_is "$work/set/summary.json" overrides '["--set budget.2026=200"]'
check "no override: summary.json has no overrides key" \
	fails grep -q '"overrides"' "$work/plain/summary.json"
check "--set: the text report names it" \
	grep -qx "override: --set budget.2026=200" "$work/set.out"

# The file's own value set again changes no byte of the plan.
"$phaseout" plan "$tiny" -q -o "$work/same" --set budget.2024=60
check "--set to the file's value: plan.csv is byte-identical" \
	cmp "$work/plain/plan.csv" "$work/same/plan.csv"
check "--set to the file's value: timeline.csv is byte-identical" \
	cmp "$work/plain/timeline.csv" "$work/same/timeline.csv"

# --scale over a year range, and over every year.
"$phaseout" plan "$tiny" -q -o "$work/range" --scale budget.2025..2026=1.5
check "--scale budget.2025..2026=1.5: budgets 60, 180, 180" \
	test "$(cell "$work/range/timeline.csv" 2024 budget),$(cell "$work/range/timeline.csv" 2025 budget),$(cell "$work/range/timeline.csv" 2026 budget)" = "60.00,180.00,180.00"
"$phaseout" plan "$tiny" -q -o "$work/half" --scale budget=1.2
"$phaseout" plan "$tiny" -q -o "$work/bs" --budget-scale 1.2
check "--scale budget=1.2 gives --budget-scale 1.2's plan.csv" \
	cmp "$work/half/plan.csv" "$work/bs/plan.csv"
check "--scale budget=1.2 gives --budget-scale 1.2's timeline.csv" \
	cmp "$work/half/timeline.csv" "$work/bs/timeline.csv"

# A vendor's capacity: none of its swaps in that year (the plain plan
# has three Ericsson swaps in 2026).
# shellcheck disable=SC2016 # awk's and sh's own \$ expressions
check "the plain plan swaps to Ericsson in 2026" \
	awk -F, 'NR > 1 && $1 == 2026 && $6 == "Ericsson" { n++ } END { exit !n }' \
	"$work/plain/plan.csv"
"$phaseout" plan "$tiny" -q -o "$work/cap" --set vendors.Ericsson.capacity.2026=0
check "--set vendors.Ericsson.capacity.2026=0 exits 0" test $? = 0
# shellcheck disable=SC2016 # awk's and sh's own \$ expressions
check "--set capacity 0: plan.csv keeps Ericsson's 2025 swaps" \
	awk -F, 'NR > 1 && $1 == 2025 && $6 == "Ericsson" { n++ } END { exit !n }' \
	"$work/cap/plan.csv"
# shellcheck disable=SC2016 # awk's and sh's own \$ expressions
check "--set capacity 0: no Ericsson swap in 2026" \
	awk -F, 'NR > 1 && $1 == 2026 && $6 == "Ericsson" { bad = 1 } END { exit bad }' \
	"$work/cap/plan.csv"

# A deadline moved past the horizon's start year; an impossible cap.
"$phaseout" plan "$tiny" -q --set 'deadlines[0].year=2024' --set budget.2024=0
check "--set deadlines[0].year=2024 with no 2024 budget: the rules cannot hold (exit 3)" \
	test $? = 3

# A version 2 period key, and one of the wrong kind.
quarters=$root/tests/data/plan/quarters/scenario.json
"$phaseout" plan "$quarters" -q -o "$work/q" --set budget.2024-Q3=150
check "--set budget.2024-Q3=150: exits 0" test $? = 0
check "--set budget.2024-Q3=150: timeline.csv's 2024-Q3 budget is 150.00" \
	test "$(awk -F, '$13 == "2024-Q3" { print $2 }' "$work/q/timeline.csv")" = 150.00
"$phaseout" plan "$quarters" -q --set budget.2024-H2=150 2>"$work/h2.err"
check "--set budget.2024-H2 on quarters: exit 2" test $? = 2
check "--set budget.2024-H2 on quarters: the loader's message, naming the override" \
	grep -qx "\-\-set budget.2024-H2=150: period key 'budget.2024-H2' is a half, but 'periods' is 'quarter'" \
	"$work/h2.err"

# diff: one scenario, and the overrides that differ.
"$phaseout" diff "$work/plain" "$work/set" >"$work/diff.out"
check "diff exits 0" test $? = 0
check "diff: no 'different scenarios' note" fails grep -q "different scenarios" "$work/diff.out"
check "diff: the overrides differ" grep -qx "note: the plans were made with different overrides" "$work/diff.out"
check "diff: B's override listed" grep -qx "  only in B: --set budget.2026=200" "$work/diff.out"
"$phaseout" diff "$work/plain" "$work/same" >"$work/diff2.out"
check "diff: only A's override is B's absence" \
	grep -qx "  only in B: --set budget.2024=60" "$work/diff2.out"
"$phaseout" diff "$work/plain" "$work/plain" >"$work/diff3.out"
check "diff of plans without overrides: no overrides note" \
	fails grep -q "overrides" "$work/diff3.out"

# check, sweep and export take them too.
"$phaseout" check "$tiny" --set budget.2026=200 >"$work/check.out"
check "check: exits 0 and shows the override" \
	grep -qx "Override: --set budget.2026=200" "$work/check.out"
"$phaseout" sweep "$tiny" --budget-scale 1:1:1 -q -o "$work/sweep" --scale budget=2
check "sweep --scale: summary.json lists the override" \
	json_is "$work/sweep/summary.json" overrides '["--scale budget=2"]'
"$phaseout" sweep "$tiny" --budget-scale 2:2:1 -q -o "$work/sweep2"
check "sweep --scale budget=2 at scale 1 is the sweep at scale 2 (exposure)" \
	test "$(cut -d, -f4 "$work/sweep/sensitivity.csv" | tail -1)" = \
	"$(cut -d, -f4 "$work/sweep2/sensitivity.csv" | tail -1)"
"$phaseout" export "$tiny" --lp "$work/a.lp"
"$phaseout" export "$tiny" --lp "$work/b.lp" --set budget.2024=77
check "export --set: the LP differs" fails cmp -s "$work/a.lp" "$work/b.lp"
check "export --set: the LP holds the new budget" grep -q "77" "$work/b.lp"

# explain applies the plan's overrides again, as its summary.json records
# them, so its account is of the plan that was made: with 2025's budget
# set to 40, 2025 has nothing left (the file's 70 would leave 15.00).
ex=$root/tests/cli/cases/explain-site/scenario.json
"$phaseout" plan "$ex" -q -o "$work/ex" --set budget.2025=40
"$phaseout" explain "$work/ex" EAST-04 >"$work/ex.out" 2>"$work/ex.err"
check "explain of a plan made with --set budget.2025=40 exits 0" test $? = 0
check "explain: 2025's own budget is the overridden 40, all spent" \
	grep -q "^  2025: the own budget was spent: GBP 0.00 left," "$work/ex.out"
check "explain: the account names the override it is made with" \
	grep -qx "override: --set budget.2025=40" "$work/ex.out"
check "explain: 2025's spend in timeline.csv is that 40" \
	test "$(cell "$work/ex/timeline.csv" 2025 spend)" = 40.00
check "explain: plan.csv's why says the same of 2025" \
	grep -q "^2026,EAST-04,.*2025: budget spent" "$work/ex/plan.csv"
"$phaseout" plan "$ex" -q -o "$work/ex-plain"
"$phaseout" explain "$work/ex-plain" EAST-04 >"$work/ex-plain.out"
check "explain without overrides: 2025 left 15.00 of the file's 70" \
	grep -q "^  2025: the own budget was spent: GBP 15.00 left," "$work/ex-plain.out"
sed 's/"--set budget.2025=40"/"budget.2025=40"/' "$work/ex/summary.json" >"$work/ex.json"
mv "$work/ex.json" "$work/ex/summary.json"
"$phaseout" explain "$work/ex" EAST-04 >"$work/ex.out" 2>"$work/ex.err"
check "explain: a recorded override it cannot read exits 2" test $? = 2
check "... saying which and why" grep -qx "phaseout: error: '$work/ex/summary.json' records the override 'budget.2025=40': an override is '--set PATH=VALUE' or '--scale PATH=FACTOR'" "$work/ex.err"

tap_done
