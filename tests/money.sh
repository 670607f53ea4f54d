#!/bin/sh
# money.sh PHASEOUT: money adds up to the cent. A 100,000-row plan at
# awkward prices (0.01 per unit, a site cost of 0.0049, 3.37% escalation,
# 2.91% discounting, a budget of 1,000.333 with carry-over): in every row
# of plan.csv equipment_cost + site_cost == total_cost; each year's
# total_cost sums to timeline.csv's spend; available is the budget plus
# the previous unspent and unspent is available - spend; the columns sum
# to summary.json's nominal_cost and present_cost and to the text report's
# figures; check's budget total is the sum of its yearly figures. Then a
# sweep's costs against the same plan's. Prints TAP.
#
# Sums are taken in whole cents (awk's doubles are exact for integers far
# beyond these), every cell read as a decimal string, never as a float.
set -u
phaseout=$1
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

# scenario DIR ROWS
scenario() {
	mkdir -p "$1"
	awk -v rows="$2" 'BEGIN {
		print "site_id,region,domain,vendor,units"
		for (i = 0; i < rows; i++)
			printf "S%06d,r%d,ran,Huawei,%d\n", i, i % 5, 1 + i % 7
	}' >"$1/sites.csv"
	cat >"$1/scenario.json" <<'JSON'
{"format": "phaseout-scenario/1", "name": "awkward money",
 "horizon": {"start": 2021, "end": 2027}, "sites": "sites.csv",
 "high_risk_vendors": ["Huawei"],
 "vendors": [{"name": "Nokia", "unit_cost": {"ran": 0.01}},
             {"name": "Ericsson", "unit_cost": {"ran": 0.013}}],
 "site_cost": {"ran": 0.0049}, "cost_escalation": 0.0337,
 "discount_rate": 0.0291, "budget": {"default": 1000.333},
 "carry_over": true, "crews": 30000}
JSON
}

# An awk function turning "-12.34" into -1234 exactly.
cents='function c(x,  neg, i, w, f) {
	if (x == "") return 0
	neg = substr(x, 1, 1) == "-"; if (neg) x = substr(x, 2)
	i = index(x, "."); if (i == 0) { w = x; f = "00" } else { w = substr(x, 1, i - 1); f = substr(x i, i + 1) }
	f = substr(f "00", 1, 2)
	return (neg ? -1 : 1) * (w * 100 + f)
}'

dir=$work/big
scenario "$dir" 100000
"$phaseout" plan "$dir/scenario.json" --time-limit 5 -o "$dir/out" >"$dir/report.txt" 2>"$dir/err"
status=$?
check "the 100,000-row plan is found (exit $status)" test "$status" -eq 0

# plan.csv: one line per check failure, then the sums.
awk -F, "$cents"'
NR > 1 && $1 != "" {
	e = c($8); s = c($9); t = c($10)
	if (e + s != t) { print "row " NR ": " $8 " + " $9 " != " $10; bad++ }
	spend[$1] += t; total += t; pv += c($11); rows++
}
END {
	for (y in spend) print "spend " y " " spend[y]
	print "total " total; print "pv " pv; print "rows " rows; print "bad " bad + 0
}' "$dir/out/plan.csv" | tr -d '\r' >"$dir/sums"
check "plan.csv has 100,000 swapped rows" grep -qx 'rows 100000' "$dir/sums"
check "equipment_cost + site_cost == total_cost in every row" grep -qx 'bad 0' "$dir/sums"
# shellcheck disable=SC2016 # awk's own fields
check "plan.csv's cents are not all zero (the prices are awkward)" \
	awk '$1 == "total" && $2 > 0 { f = 1 } END { exit !f }' "$dir/sums"

tr -d '\r' <"$dir/out/timeline.csv" | awk -F, "$cents"'
NR == FNR { split($0, a, " "); if (a[1] == "spend") spend[a[2]] = a[3]; next }
FNR > 1 {
	if (c($4) != spend[$1] + 0) { print "year " $1 ": spend " $4 " != plan.csv " spend[$1]; bad++ }
	if (c($3) != c($2) + carried) { print "year " $1 ": available " $3; bad++ }
	if (c($5) != c($3) - c($4)) { print "year " $1 ": unspent " $5; bad++ }
	carried = c($5) > 0 ? c($5) : 0
}
END { exit bad > 0 }' "$dir/sums" - >"$dir/timeline-check"
check "timeline.csv: spend is plan.csv's yearly sum; available and unspent add up" \
	test ! -s "$dir/timeline-check"
comment "$dir/timeline-check"

total=$(awk '$1 == "total" { print $2 }' "$dir/sums")
pv=$(awk '$1 == "pv" { print $2 }' "$dir/sums")
json_cents() { # the cents of a summary.json money key, read as text
	sed -n "s/^[[:space:]]*\"$1\":[[:space:]]*\\([-0-9.]*\\),*\$/\\1/p" "$2" |
		awk "$cents"'{ print c($1) }'
}
check "summary.json's nominal_cost is plan.csv's total_cost column" \
	test "$(json_cents nominal_cost "$dir/out/summary.json")" = "$total"
check "summary.json's present_cost is plan.csv's present_value column" \
	test "$(json_cents present_cost "$dir/out/summary.json")" = "$pv"
text_cents() { # the text report's "GBP 1,234.56 WHAT"
	sed -n "s/.*GBP \\([0-9,.]*\\) $1.*/\\1/p" "$dir/report.txt" | tr -d , |
		awk "$cents"'{ print c($1) }'
}
check "the text report's nominal cost is the column's sum" \
	test "$(text_cents nominal)" = "$total"
check "the text report's present cost is the column's sum" \
	test "$(text_cents 'present value')" = "$pv"

# check's budget total adds the years as it shows them: 7 x 1,000.33.
"$phaseout" check "$dir/scenario.json" >"$dir/check.txt" 2>&1
check "check's budget total is the sum of the years shown (7 x 1,000.33)" \
	grep -q "^Budget: GBP 7,002.31 in total over 2021-2027 (GBP 1,000.33 a year)" \
	"$dir/check.txt"

# A sweep point's costs are its plan's.
small=$work/small
scenario "$small" 3000
"$phaseout" plan "$small/scenario.json" --budget-scale 0.5 -o "$small/out" >/dev/null 2>&1
"$phaseout" sweep "$small/scenario.json" --budget-scale 0.5:0.5:0.1 -o "$small/sweep" \
	>/dev/null 2>&1
awk -F, "$cents"'NR > 1 && $1 != "" { t += c($10); pv += c($11) } END { print pv, t }' \
	"$small/out/plan.csv" >"$small/want"
tr -d '\r' <"$small/sweep/sensitivity.csv" |
	awk -F, "$cents"'NR == 2 { print c($5), c($6) }' >"$small/got"
check "sweep's present and nominal cost are the plan.csv columns' sums" \
	cmp -s "$small/want" "$small/got"

tap_done
