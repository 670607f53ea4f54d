#!/bin/sh
# sweep-v2.sh PHASEOUT SOURCE_ROOT: 'phaseout sweep' on a version 2
# scenario in quarters: each row of sensitivity.csv holds the figures of
# the plan 'phaseout plan --budget-scale' makes at its scale (its
# summary.json and plan.csv, recomputed here), completion as a period
# label in the appended completion_period column, and the break-even
# search in periods.
set -u
phaseout=$1
root=$2
scenario=$root/tests/data/plan/quarters/scenario.json
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

"$phaseout" sweep "$scenario" --budget-scale 0.5:1.1:0.1 --find-min-budget \
	-o "$work/sweep" >"$work/stdout"
check "quarters: sweep exits 0" test $? = 0
csv=$work/sweep/sensitivity.csv
check "quarters: version 1's columns keep their places, total_funds and completion_period appended (then, with --find-min-budget, the break-even columns)" \
	grep -q "^budget_scale,total_budget,status,exposure,present_cost,nominal_cost,completion_year,hr_units_remaining,deadlines_met,deadlines_total,gap,stopped_by,plan_from_scale,total_funds,completion_period,break_even_scale,break_even_budget,earlier_completion_scale,earlier_completion_budget$(printf '\r')\$" "$csv"
check "quarters: seven rows" test "$(wc -l <"$csv")" = 8

# The scenario's yearly budget over the horizon, as check prints it.
total=$("$phaseout" check "$scenario" |
	sed -n 's/^Budget: GBP \([0-9,.]*\) in total.*/\1/p' | tr -d ,)
check "quarters: check prints the total budget" test -n "$total"

# The figures of one plan folder, in sensitivity.csv's order: status,
# exposure, present_cost, nominal_cost, completion_year,
# hr_units_remaining, and the completion period: the latest period of
# plan.csv when nothing is left unswapped. The costs are also summed from
# plan.csv (every total is the sum of its rounded cells).
plan_figures() {
	python3 - "$1" <<'PY'
import csv, json, sys
d = sys.argv[1]
s = json.load(open(d + "/summary.json"))
rows = list(csv.DictReader(open(d + "/plan.csv", newline="")))
left = sum(int(r["units"]) for r in rows if not r["period"])
swapped = [r for r in rows if r["period"]]
pv = sum(round(float(r["present_value"]) * 100) for r in swapped)
nominal = sum(round(float(r["total_cost"]) * 100) for r in swapped)
assert pv == round(s["present_cost"] * 100), (pv, s["present_cost"])
assert nominal == round(s["nominal_cost"] * 100), (nominal, s["nominal_cost"])
done = max((r["period"] for r in swapped), default="") if left == 0 else ""
assert (s["completion_year"] or 0) == (int(done[:4]) if done else 0)
print(",".join([s["status"], "%.6f" % s["exposure"], "%.2f" % (pv / 100),
                "%.2f" % (nominal / 100), done[:4], str(left), done]))
PY
}
# The same fields of a sensitivity.csv row (CR dropped).
row_figures() {
	awk -F, -v s="$1" '{ sub(/\r$/, "") } $1 == s {
		print $3 "," $4 "," $5 "," $6 "," $7 "," $8 "," $15 }' "$csv"
}

tail -n +2 "$csv" | tr -d '\r' >"$work/rows"
while IFS=, read -r scale budget status _; do
	"$phaseout" plan "$scenario" --budget-scale "$scale" -q -o "$work/p$scale"
	rc=$?
	check "quarters, scale $scale: plan exits 0 as the row is $status" \
		test "$rc" = 0 -a "$status" = optimal
	want=$(plan_figures "$work/p$scale")
	check "quarters, scale $scale: plan.csv adds up to its summary.json" test -n "$want"
	got=$(row_figures "$scale")
	check "quarters, scale $scale: the row is the plan's ($got vs $want)" test "$got" = "$want"
	expect=$(awk -v t="$total" -v s="$scale" 'BEGIN { printf "%.2f", t * s }')
	check "quarters, scale $scale: total_budget is the scaled budget ($budget vs $expect)" \
		test "$budget" = "$expect"
done <"$work/rows"

# Some row completes inside a year and some not at all, so both the label
# and the empty cell are checked above.
check "quarters: some row completes in a quarter" grep -q ',20[0-9][0-9]-Q[1-4]' "$csv"
# shellcheck disable=SC2016 # awk's own fields
check "quarters: some row does not complete" \
	awk -F, '{ sub(/\r$/, "") } NR > 1 && $15 == "" { f = 1 } END { exit !f }' "$csv"
check "quarters: the table shows the completion period" \
	grep -q '^  1.000 .* 2025-Q[1-4] ' "$work/stdout"

# The break-even search in periods: the scale it names completes a
# quarter or more earlier than the plan at the break-even scale, and
# 0.005 (the precision) below it does not.
"$phaseout" sweep "$scenario" --budget-scale 0.6:1.2:0.2 --find-min-budget \
	-o "$work/be" >"$work/be.out"
check "quarters, 0.6..1.2: sweep exits 0" test $? = 0
be=$work/be/summary.json
first=$(json_get "$be" break_even.completion_period)
earlier=$(json_get "$be" break_even.earlier_completion_period)
scale=$(json_get "$be" break_even.earlier_completion_scale)
check "quarters, 0.6..1.2: summary.json names both completion periods" \
	test -n "$first" -a -n "$earlier" -a -n "$scale"
check "quarters, 0.6..1.2: the earlier completion is earlier ($earlier < $first)" \
	test "$(printf '%s\n%s\n' "$earlier" "$first" | sort | head -1)" = "$earlier" -a "$earlier" != "$first"
completion_of() {
	"$phaseout" plan "$scenario" --budget-scale "$1" -q -o "$work/c$1" &&
		sed -n 's/.*,\(20[0-9][0-9]-Q[1-4]\),planned,.*/\1/p' "$work/c$1/plan.csv" |
		sort | tail -1
}
check "quarters, 0.6..1.2: the plan at $scale completes in $earlier" \
	test "$(completion_of "$scale")" = "$earlier"
below=$(awk -v s="$scale" 'BEGIN { printf "%.6f", s - 0.005 }')
check "quarters, 0.6..1.2: the plan at $below completes in $first" \
	test "$(completion_of "$below")" = "$first"
check "quarters, 0.6..1.2: the report says it in periods" \
	grep -q "^completion moves earlier, to $earlier, from budget scale" "$work/be.out"
check "quarters, 0.6..1.2: and where the break-even plan completes" \
	grep -q "; the plan there completes in $first\$" "$work/be.out"

tap_done
