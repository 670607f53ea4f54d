#!/bin/sh
# vary.sh PHASEOUT TINYGEN SOURCE_ROOT: what users rely on from 'sweep
# --vary' and '--find-min' (issue 16 item 2): each point is the plan the
# same --set would give (status, exposure, cost); sensitivity.csv carries
# the parameter columns; a grid writes heat maps that are real PNG and
# SVG pictures; along a value that loosens the rules the exposure never
# rises; the break-even value is right (the rules hold at it and not
# just below) and agrees with a --vary sweep; bad --vary usage. TAP.
set -u
phaseout=$1
tinygen=$2
root=$3
tiny=$root/tests/data/plan/tiny/scenario.json
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

# col FILE NAME ROW: the cell of column NAME on data row ROW (1-based).
col() {
	awk -F, -v name="$2" -v row="$3" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i }
		NR == row + 1 { sub(/\r$/, ""); print $c }' "$1"
}

# plan_is ROW SETS...: row ROW of $csv has the status, exposure and
# present cost of 'plan --set SETS...'.
plan_is() {
	row=$1
	shift
	rm -rf "$work/p"
	"$phaseout" plan "$tiny" -q -o "$work/p" "$@" >/dev/null 2>&1
	want=$(json_get "$work/p/summary.json" status),$(json_get "$work/p/summary.json" exposure),$(json_get "$work/p/summary.json" present_cost)
	got=$(col "$csv" status "$row"),$(col "$csv" exposure "$row"),$(col "$csv" present_cost "$row")
	awk -v w="$want" -v g="$got" 'BEGIN {
		split(w, a, ","); split(g, b, ",")
		exit !(a[1] == b[1] && a[2] + 0 == b[2] + 0 && a[3] + 0 == b[3] + 0) }' ||
		{ echo "row $row: plan gives $want, the sweep $got"; return 1; }
}

# --- one axis: budget.2024 from 0 to 100.
"$phaseout" sweep "$tiny" --vary budget.2024=0:100:20 --jobs 1 -o "$work/one" >"$work/one.out"
check "--vary budget.2024: exits 0" test $? = 0
csv=$work/one/sensitivity.csv
check "--vary: six rows and a header" test "$(wc -l <"$csv")" = 7
check "--vary: the parameter column is appended, named by its path" \
	grep -q '^budget_scale,total_budget,status,exposure,.*,plan_from_scale,budget.2024' "$csv"
check "--vary: the parameter column holds 0, 20, ..., 100" \
	test "$(awk -F, 'NR > 1 { sub(/\r$/, ""); printf "%s ", $NF }' "$csv")" = \
	"0.000000 20.000000 40.000000 60.000000 80.000000 100.000000 "
i=0
for v in 0 20 40 60 80 100; do
	i=$((i + 1))
	check "--vary: the point budget.2024=$v is plan --set budget.2024=$v" \
		plan_is $i --set budget.2024=$v
done
check "--vary: total_budget follows the value (240.00 at 0, 340.00 at 100)" \
	test "$(col "$csv" total_budget 1),$(col "$csv" total_budget 6)" = "240.00,340.00"
check "--vary: summary.json names the axis" \
	json_is "$work/one/summary.json" vary.0.path '"budget.2024"'
check "--vary: summary.json has each point's value" \
	json_holds "$work/one/summary.json" 'j["sweep"][5]["parameters"]["budget.2024"] == 100'
check "--vary: one axis writes no heat map" test ! -e "$work/one/heatmap.png"
check "--vary: the text names the axis" grep -q "^sweep over budget.2024: 6 points" "$work/one.out"

# --- one axis: the progress line places the best plan and where every
# rule holds by the value (E 44, 40, 36 cannot keep the rules; 35, 29,
# 25 at 60, 80, 100), whatever order two workers finish in.
PHASEOUT_PROGRESS=1 "$phaseout" sweep "$tiny" --vary budget.2024=0:100:20 --jobs 2 \
	>"$work/watch.out" 2>"$work/watch.err"
check "progress: stdout the same bytes as without it" cmp "$work/one.out" "$work/watch.out"
check "progress: the last point's line has the best E, 25, at budget.2024 = 100" \
	grep -q "^phaseout: sweep: 6/6 points, .*; best E 25 at budget.2024 = 100; " "$work/watch.err"
check "progress: every rule holds from budget.2024 = 60, the first optimal point" \
	grep -q "; every rule holds from budget.2024 = 60$" "$work/watch.err"
check "progress: no budget scale on a --vary line (it is 1 at every point)" \
	test "$(grep -c "$(printf '\303\227')" "$work/watch.err")" = 0

# --- one axis: the sensitivity chart and sensitivity.xlsx.
xlsxpy=$root/tests/lib
py() {
	script=$1
	shift
	PYTHONPATH=$xlsxpy python3 -c "$script" "$@"
}
check "--vary: sensitivity.png is a PNG 1000 pixels wide" py '
import struct, sys
d = open(sys.argv[1], "rb").read()
assert d[:8] == b"\x89PNG\r\n\x1a\n" and d[12:16] == b"IHDR", "not a PNG"
w, h = struct.unpack(">II", d[16:24])
assert w == 1000 and 400 < h < 2000, (w, h)
' "$work/one/sensitivity.png"
check "--vary: sensitivity.svg is an SVG picture titled with the path" py '
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
assert r.tag.endswith("svg"), r.tag
' "$work/one/sensitivity.svg"
"$phaseout" sweep "$tiny" --vary budget.2024=0:100:20 --jobs 1 -q -o "$work/one2"
# shellcheck disable=SC2016 # the inner sh's own $1 and $2
check "--vary: the same sweep twice gives the same chart and workbook" \
	sh -c 'cmp "$1/sensitivity.png" "$2/sensitivity.png" && cmp "$1/sensitivity.xlsx" "$2/sensitivity.xlsx"' \
	sh "$work/one" "$work/one2"
"$phaseout" sweep "$tiny" --vary budget.2024=0:100:25 --jobs 1 -q -o "$work/one3"
# shellcheck disable=SC2016 # the inner sh's own $1 and $2
check "--vary: other values draw another chart" \
	sh -c '! cmp -s "$1/sensitivity.png" "$2/sensitivity.png" && ! cmp -s "$1/sensitivity.svg" "$2/sensitivity.svg"' \
	sh "$work/one" "$work/one3"
check "--vary: summary.json records the chart and the workbook" \
	json_holds "$work/one/summary.json" \
	'{"sensitivity.png", "sensitivity.svg", "sensitivity.xlsx"} <= set(j["checksums"]["files"])'
# xlsx_is DIR: sensitivity.xlsx's sheet Sensitivity is sensitivity.csv,
# cell by cell: text as text, numbers as numbers, empty as no cell.
xlsx_is() {
	py '
import sys, xlsx
b = xlsx.read(sys.argv[1] + "/sensitivity.xlsx")
xlsx.sheet_is_csv(b, "Sensitivity", sys.argv[1] + "/sensitivity.csv",
                  {"status", "stopped_by", "completion_period"})
' "$1"
}
check "--vary: sensitivity.xlsx holds sensitivity.csv's cells, typed" xlsx_is "$work/one"
# shellcheck disable=SC2016 # the $ are Excel's absolute references, in python
check "--vary: sensitivity.xlsx has Sensitivity and Summary, two charts against budget.2024" py '
import sys, xlsx
b = xlsx.read(sys.argv[1] + "/sensitivity.xlsx")
assert b.sheets == ["Sensitivity", "Summary"], b.sheets
charts = [p for p in b.parts if p.startswith("xl/charts/chart")]
assert len(charts) == 2, charts
x = b.zip.read("xl/charts/chart1.xml").decode()
assert "Sensitivity!$N$2:$N$7" in x and "Sensitivity!$D$2:$D$7" in x, x
s = b.cells["Summary"]
assert s[(2, 0)].value == "points planned" and s[(2, 1)].value == 6
' "$work/one"

"$phaseout" sweep "$tiny" --vary budget.2024=0:100:20 --jobs 1 -q --csv-bom -o "$work/bom"
check "--vary --csv-bom: sensitivity.csv starts with the BOM, then the same bytes" py '
import sys
a = open(sys.argv[1] + "/sensitivity.csv", "rb").read()
b = open(sys.argv[2] + "/sensitivity.csv", "rb").read()
assert a == b"\xef\xbb\xbf" + b' "$work/bom" "$work/one"

# --- a 2-D grid: budget.2024 x Ericsson's capacity.
"$phaseout" sweep "$tiny" --vary budget.2024=0:100:50 --vary vendors.Ericsson.capacity=5:20:5 \
	--jobs 1 -q -o "$work/grid"
check "grid: exits 0" test $? = 0
csv=$work/grid/sensitivity.csv
check "grid: 12 rows and a header" test "$(wc -l <"$csv")" = 13
check "grid: both parameter columns, x (inner) then y" \
	grep -q ',plan_from_scale,vendors.Ericsson.capacity,budget.2024' "$csv"
row=0
for b in 0 50 100; do
	for c in 5 10 15 20; do
		row=$((row + 1))
		check "grid: point ($b, $c) is plan --set budget.2024=$b --set capacity=$c" \
			plan_is $row --set budget.2024=$b --set vendors.Ericsson.capacity=$c
	done
done
"$phaseout" sweep "$tiny" --vary budget.2024=0:100:50 --vary vendors.Ericsson.capacity=5:20:5 \
	--jobs 3 -q -o "$work/grid3"
check "grid: --jobs 1 and --jobs 3 give the same rows" \
	cmp "$work/grid/sensitivity.csv" "$work/grid3/sensitivity.csv"
check "grid: --jobs 1 and --jobs 3 give the same heat map" \
	cmp "$work/grid/heatmap.png" "$work/grid3/heatmap.png"
png=$work/grid/heatmap.png
check "grid: heatmap.png is a PNG 1000 pixels wide" python3 -c '
import struct, sys
d = open(sys.argv[1], "rb").read()
assert d[:8] == b"\x89PNG\r\n\x1a\n" and d[12:16] == b"IHDR", "not a PNG"
w, h = struct.unpack(">II", d[16:24])
assert w == 1000 and 200 < h < 2000, (w, h)
assert d[-8:-4] == b"IEND", "no IEND"
' "$png"
check "grid: heatmap.svg is an SVG picture" python3 -c '
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
assert r.tag.endswith("svg"), r.tag
' "$work/grid/heatmap.svg"
check "grid: summary.json records the heat map's checksum" \
	json_holds "$work/grid/summary.json" '"heatmap.png" in j["checksums"]["files"]'
# shellcheck disable=SC2016 # awk's and sh's own \$ expressions
check "grid: the sweep without --vary lists no heat map" sh -c '
	"$1" sweep "$2" --budget-scale 1:1:1 -q -o "$3" && test ! -e "$3/heatmap.png"' \
	sh "$phaseout" "$tiny" "$work/plain"

check "grid: sensitivity.xlsx holds sensitivity.csv's cells, typed" xlsx_is "$work/grid"
check "grid: no sensitivity chart (the heat maps instead)" test ! -e "$work/grid/sensitivity.png"
check "grid: the sheet Grid has exposure and completion, x across and y down" py '
import sys, xlsx
b = xlsx.read(sys.argv[1] + "/sensitivity.xlsx")
assert b.sheets == ["Sensitivity", "Grid", "Summary"], b.sheets
g = b.cells["Grid"]
assert g[(0, 0)].value.startswith("Exposure E")
assert g[(1, 0)].value == "budget.2024 (down) by vendors.Ericsson.capacity (across)", g[(1, 0)].value
assert [g[(1, c)].value for c in range(1, 5)] == [5, 10, 15, 20]
assert [g[(r, 0)].value for r in range(2, 5)] == [0, 50, 100]
assert [g[(4, c)].value for c in range(1, 5)] == [25, 25, 25, 25]
assert [g[(3, c)].value for c in range(2, 5)] == [39, 39, 39]
assert g[(3, 2)].kind == "n"
assert (2, 1) not in g and (3, 1) not in g  # the rules cannot all hold: blank
assert g[(6, 0)].value.startswith("Completion year")
assert [g[(10, c)].value for c in range(1, 5)] == [2026, 2026, 2026, 2026]
assert (9, 2) not in g  # budget.2024 50, capacity 10: planned, not complete
s = b.cells["Summary"]
assert [s[(6, c)].value for c in range(4)] == ["vendors.Ericsson.capacity", 5, 20, "as it grows"]
' "$work/grid"

# --- --budget-scale as one axis of a grid.
"$phaseout" sweep "$tiny" --budget-scale 0.8:1.2:0.2 --vary vendors.Ericsson.capacity=10:20:10 \
	--jobs 2 -q -o "$work/bs"
check "--budget-scale x --vary: exits 0 with 6 rows" test "$(wc -l <"$work/bs/sensitivity.csv")" = 7
csv=$work/bs/sensitivity.csv
check "--budget-scale x --vary: row 3 is plan --budget-scale 1.2 --set capacity=10" \
	plan_is 3 --budget-scale 1.2 --set vendors.Ericsson.capacity=10

# --- monotone along a loosening value, on generated scenarios.
# monotone CSV COLUMN: the first objective (exposure, column 4, or the
# present cost, 5) of the rows that keep every rule never rises.
monotone() {
	awk -F, -v c="$2" 'NR > 1 && ($3 == "optimal" || $3 == "feasible") {
		if (seen && $c > last + 1e-6 * (last > 1 ? last : 1)) bad = 1
		last = $c; seen = 1 }
		END { exit bad }' "$1"
}
for seed in 3 7 11; do
	dir=$work/seed$seed
	"$tinygen" "$seed" "$dir" >/dev/null 2>&1
	"$phaseout" sweep "$dir/scenario.json" --vary 'vendors[0].capacity=0:12:3' \
		--time-limit 0.05 --jobs 1 -q -o "$dir/out" 2>/dev/null
	column=4
	grep -q '"objective": "cost"' "$dir/scenario.json" && column=5
	check "seed $seed: more capacity never raises the first objective (0.05 s a point)" \
		monotone "$dir/out/sensitivity.csv" $column
done

# --- --find-min against the rules and against a --vary sweep.
"$phaseout" sweep "$tiny" --vary budget.2024=0:100:20 --find-min budget.2024 \
	--precision 0.001 -q -o "$work/min"
check "--find-min: exits 0" test $? = 0
m=$(json_get "$work/min/summary.json" find_min.min_value)
below=$(json_get "$work/min/summary.json" find_min.below)
check "--find-min: a value is found ($m)" test -n "$m"
"$phaseout" plan "$tiny" -q --set "budget.2024=$m"
check "--find-min: at budget.2024=$m every rule holds" test $? = 0
"$phaseout" plan "$tiny" -q --set "budget.2024=$below"
check "--find-min: at $below they cannot (exit 3)" test $? = 3
check "--find-min: within 0.1 of the value below (precision 0.001 of 0..100)" \
	awk -v a="$m" -v b="$below" 'BEGIN { exit !(a - b <= 0.1 + 1e-9 && a > b) }'
csv=$work/min/sensitivity.csv
# shellcheck disable=SC2016 # awk's and sh's own \$ expressions
check "--find-min agrees with the sweep: infeasible below it, feasible from it" \
	awk -F, -v m="$m" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "budget.2024") c = i }
		NR > 1 { v = $c + 0
		ok = ($3 == "optimal" || $3 == "feasible")
		if (ok != (v >= m)) bad = 1 }
		END { exit bad }' "$csv"
"$phaseout" sweep "$tiny" --vary 'deadlines[0].year=2024:2026:1' --find-min 'deadlines[0].year' \
	>"$work/year.out"
check "--find-min on a deadline year: 2025, a whole year" \
	grep -qx "break-even: every deadline and cap holds from deadlines\[0\].year = 2025 (not at 2024)" \
	"$work/year.out"

# shellcheck disable=SC2016 # awk's own $i and $c
check "--find-min: sensitivity.csv's break_even column holds it on every row" \
	awk -F, -v m="$m" '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) if ($i == "break_even") c = i }
		NR > 1 { sub(/\r$/, ""); d = $c - m; if (!c || d > 1e-6 || d < -1e-6) bad = 1 }
		END { exit bad }' "$csv"

# --- --find-min on a cost: it loosens the rules as it falls, so the
# break-even is the largest value at which every rule holds.
"$phaseout" sweep "$tiny" --vary 'site_cost.ran=0:100:20' --find-min 'site_cost.ran' \
	--precision 0.001 --jobs 1 -o "$work/cost" >"$work/cost.out"
check "--find-min on a site cost: exits 0" test $? = 0
check "--find-min on a site cost: the largest value, 19.9219 to 0.1 of 0..100" \
	grep -qx "break-even: every deadline and cap holds up to site_cost.ran = 19.9219 (not at 20.0195)" \
	"$work/cost.out"
check "--find-min on a site cost: summary.json says max_value and above" \
	json_holds "$work/cost/summary.json" \
	'j["find_min"]["max_value"] == 19.921875 and j["find_min"]["above"] == 20.01953125'
"$phaseout" plan "$tiny" -q --set site_cost.ran=19.921875
check "--find-min on a site cost: at 19.921875 every rule holds" test $? = 0
"$phaseout" plan "$tiny" -q --set site_cost.ran=20.01953125
check "--find-min on a site cost: at 20.01953125 they cannot (exit 3)" test $? = 3
check "--vary of a cost: summary.json says it loosens as it falls" \
	json_holds "$work/cost/summary.json" 'j["vary"][0]["loosens"] == "down" and j["vary"][0]["monotone"]'

# --- --find-min on a grid: the break-even of one axis for each value of
# the other, with progress through the bisection.
PHASEOUT_PROGRESS=1 "$phaseout" sweep "$tiny" --vary 'vendors.Ericsson.capacity=5:20:5' \
	--vary budget.2024=0:100:50 --find-min budget.2024 --precision 0.01 --jobs 1 \
	-o "$work/gmin" >"$work/gmin.out" 2>"$work/gmin.err"
check "grid --find-min: exits 0" test $? = 0
check "grid --find-min: a line for each capacity, 57.0312 at 5" \
	grep -qx "  at 5: every deadline and cap holds from budget.2024 = 57.0312 (not at 56.25)" "$work/gmin.out"
check "grid --find-min: 45.3125 at 20" \
	grep -qx "  at 20: every deadline and cap holds from budget.2024 = 45.3125 (not at 44.5312)" "$work/gmin.out"
check "grid --find-min: summary.json has one break-even per capacity" \
	json_holds "$work/gmin/summary.json" '(lambda fm: fm["path"] == "budget.2024"
	and fm["by"] == "vendors.Ericsson.capacity"
	and [p["vendors.Ericsson.capacity"] for p in fm["points"]] == [5, 10, 15, 20]
	and [p["min_value"] for p in fm["points"]] == [57.03125, 45.3125, 45.3125, 45.3125]
	and [p["below"] for p in fm["points"]] == [56.25, 44.53125, 44.53125, 44.53125])(j["find_min"])'
check "grid --find-min: each row's break_even is its capacity's" \
	test "$(awk -F, 'NR > 1 { sub(/\r$/, ""); printf "%s ", $NF }' "$work/gmin/sensitivity.csv")" = \
	"57.031250 57.031250 57.031250 45.312500 45.312500 45.312500 45.312500 45.312500 45.312500 45.312500 45.312500 45.312500 "
"$phaseout" plan "$tiny" -q --set budget.2024=57.03125 --set vendors.Ericsson.capacity=5
check "grid --find-min: at capacity 5 and budget.2024=57.03125 every rule holds" test $? = 0
"$phaseout" plan "$tiny" -q --set budget.2024=56.25 --set vendors.Ericsson.capacity=5
check "grid --find-min: at 56.25 they cannot (exit 3)" test $? = 3
check "progress: each bisection step of at most 9 (0..100 to 1), with its bracket" \
	grep -q "break-even of budget.2024 at vendors.Ericsson.capacity = 5 (1 of 4): step 3 of at most 9, between 0 and 100," \
	"$work/gmin.err"
check "progress: 36 steps for the four searches" test "$(grep -c ': step [0-9]* of at most 9' "$work/gmin.err")" = 36
check "progress: a grid's best is placed by both values (E 25 first at capacity 5, budget.2024 100)" \
	grep -q "^phaseout: sweep: 12/12 points, .*; best E 25 at vendors.Ericsson.capacity = 5, budget.2024 = 100$" \
	"$work/gmin.err"
check "progress: a grid says no single value from which every rule holds" \
	test "$(grep -c "every rule holds" "$work/gmin.err")" = 0

# --- usage.
"$phaseout" sweep "$tiny" --vary 'discount_rate=0:0.1:0.05' --find-min discount_rate 2>"$work/err"
check "--find-min on a rate: exit 2" test $? = 2
check "--find-min on a rate: says only values that loosen the rules one way have a break-even" \
	grep -q "only a value that loosens the rules one way" "$work/err"
"$phaseout" sweep "$tiny" --budget-scale 1:2:1 --vary 'budget.2024=0:100:50' \
	--find-min budget.2024 2>"$work/err"
check "--find-min beside --budget-scale: exit 2" test $? = 2
"$phaseout" sweep "$tiny" --vary 'share_caps[0].max_share=0.2:1.2:0.5' -q 2>"$work/err"
check "--vary past a cap's range: exit 2" test $? = 2
check "--vary past a cap's range: the point's message names the --vary" \
	grep -qx "\-\-vary share_caps\[0\].max_share=1.2: 'share_caps\[0\].max_share' must be a number in \[0, 1\], not '1.2'" "$work/err"
"$phaseout" sweep "$tiny" --vary a=1:2:1 --vary b=1:2:1 --vary c=1:2:1 2>"$work/err"
check "three --vary: exit 2" test $? = 2

tap_done
