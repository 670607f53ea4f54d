#!/bin/sh
# sweep-watch.sh PHASEOUT SOURCE_ROOT: a sweep people can watch and read
# (issue 16, item 3): the progress line on stderr only when stderr is a
# terminal (or PHASEOUT_PROGRESS=1), with stdout and the files the same
# bytes either way; the break-even budget as money in the text,
# sensitivity.csv and summary.json, each agreeing with the sweep's own
# figures and with the plan made at that scale; the chart with and without
# --find-min-budget; points cut short by a limit marked in text, CSV and
# JSON alike.
set -u
phaseout=$1
root=$2
tiny=$root/tests/data/plan/tiny/scenario.json
uk=$root/scenarios/uk-2020/scenario.json
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

sweep() {
	"$phaseout" sweep "$tiny" --budget-scale 0.6:1.2:0.1 --precision 0.001 "$@"
}

# --- Progress -------------------------------------------------------------
PHASEOUT_PROGRESS=0 sweep --find-min-budget >"$work/plain.out" 2>"$work/plain.err"
check "progress off: sweep exits 0" test $? = 0
check "progress off (stderr a file): nothing on stderr" test ! -s "$work/plain.err"
sweep --find-min-budget >"$work/auto.out" 2>"$work/auto.err"
check "stderr not a terminal: nothing on stderr" test ! -s "$work/auto.err"
PHASEOUT_PROGRESS=1 sweep --find-min-budget --jobs 2 >"$work/forced.out" 2>"$work/forced.err"
check "progress forced: sweep exits 0" test $? = 0
check "progress forced: stdout the same bytes" cmp "$work/plain.out" "$work/forced.out"
check "progress forced: one line per point, the last 7/7" \
	test "$(grep -c '^phaseout: sweep: [1-7]/7 points' "$work/forced.err")" -ge 7
check "progress forced: the best plan so far (E 25 at 1.200x, the sweep's last row)" \
	grep -q "^phaseout: sweep: 7/7 points, .*; best E 25 at 1.200" "$work/forced.err"
check "progress forced: every rule holds from 1.000x, the first optimal row" \
	grep -q "every rule holds from 1.000" "$work/forced.err"
check "progress forced: time left while points remain" \
	grep -q "^phaseout: sweep: [1-6]/7 points.*about [0-9hms]* left" "$work/forced.err"
check "progress forced: the break-even search is said" \
	grep -q "finding the break-even budget" "$work/forced.err"
check "progress forced: the first probe, step 1 of at most N" \
	grep -q "finding the break-even budget: step 1 of at most [0-9]*, the break-even: trying the range's top" "$work/forced.err"
check "progress forced: each bisection step with its bracket" \
	grep -q "finding the break-even budget: step 3 of at most [0-9]*, the break-even in (0\.[0-9]*[^,]*, 1\.[0-9]*[^]]*\]" "$work/forced.err"
# shellcheck disable=SC2016 # awk's own $0
check "progress forced: the steps count up one by one, never past the most" awk '
	/finding the break-even budget: step/ {
		match($0, /step [0-9]+ of at most [0-9]+/)
		split(substr($0, RSTART, RLENGTH), w, " ")
		if (w[2] != ++n || w[2] > w[6]) bad = 1 }
	END { exit bad || n < 4 }' "$work/forced.err"
PHASEOUT_PROGRESS=1 sweep -q >"$work/quiet.out" 2>"$work/quiet.err"
check "--quiet: no progress even when forced" test ! -s "$work/quiet.err"

# On a real terminal (script(1) gives the sweep one): redrawn in place
# with \r and erased at the end; stdout unchanged.
if command -v script >/dev/null 2>&1; then
	script -qec "$phaseout sweep $tiny --budget-scale 0.6:1.2:0.1 --precision 0.001 --find-min-budget >$work/tty.out" \
		"$work/typescript" >/dev/null 2>&1
	check "terminal: sweep exits 0" test $? = 0
	check "terminal: stdout the same bytes" cmp "$work/plain.out" "$work/tty.out"
	check "terminal: the line is redrawn in place" \
		grep -q "$(printf '\r')sweep: 7/7 points" "$work/typescript"
	check "terminal: the line is erased at the end" \
		grep -q "$(printf '\r\033')\[K" "$work/typescript"
else
	skip "terminal: progress on a terminal" "no script(1)"
fi

# --- The break-even budget as money -------------------------------------
sweep --find-min-budget -o "$work/be" >"$work/be.out"
check "break-even: sweep -o exits 0" test $? = 0
sweep -o "$work/nobe" -q
min=$(json_get "$work/be/summary.json" break_even.min_budget_scale)
"$phaseout" plan "$tiny" --budget-scale "$min" -q -o "$work/at-min"
check "break-even: the plan at the break-even scale keeps every rule" test $? = 0
check "break-even: text, CSV and JSON money agree with the sweep's rows and with the plan at that scale" \
	python3 - "$work" <<'PY'
import csv, json, re, sys
w = sys.argv[1]
rows = list(csv.DictReader(open(w + "/be/sensitivity.csv", newline="")))
s = json.load(open(w + "/be/summary.json"))
be = s["break_even"]
# One figure for the whole search, on every row.
for col in ("break_even_scale", "break_even_budget",
            "earlier_completion_scale", "earlier_completion_budget"):
    assert len({r[col] for r in rows}) == 1, col
r0 = rows[0]
# The money is the scale times the sweep's own total budget per unit scale
# (each row's total_budget / budget_scale), to the cent.
per_unit = float(r0["total_budget"]) / float(r0["budget_scale"])
for scale_key, money_col, json_key in (
        ("min_budget_scale", "break_even_budget", "min_total_budget"),
        ("earlier_completion_scale", "earlier_completion_budget",
         "earlier_completion_total_budget")):
    scale = be[scale_key]
    money = float(r0[money_col])
    assert abs(money - round(scale * per_unit, 2)) <= 0.011, (money, scale)
    assert abs(be[json_key] - money) < 0.005, (be[json_key], money)
assert abs(float(r0["break_even_scale"]) - be["min_budget_scale"]) < 1e-6
assert be["currency"] == "GBP"
# The plan at that scale: its timeline's budgets add up to the same money.
tl = list(csv.DictReader(open(w + "/at-min/timeline.csv", newline="")))
total = sum(float(t["budget"]) for t in tl)
assert abs(total - be["min_total_budget"]) <= 0.01 * len(tl), (total, be)
# The text says both, the money as the report's short figure.
text = open(w + "/be.out").read()
m = re.search(r"holds from budget scale ([0-9.]+), a total budget of GBP ([0-9.]+)(k|m|bn)?", text)
assert m, text
assert abs(float(m.group(1)) - be["min_budget_scale"]) < 0.0005
mult = {None: 1, "k": 1e3, "m": 1e6, "bn": 1e9}[m.group(3)]
assert abs(float(m.group(2)) * mult - be["min_total_budget"]) <= 0.005 * be["min_total_budget"] + 0.5
m = re.search(r"from budget scale ([0-9.]+), a total budget of GBP ([0-9.]+)\n", text)
assert m and abs(float(m.group(2)) - be["earlier_completion_total_budget"]) < 0.5, text
# Each sweep point says its total budget in the JSON as in the CSV.
for r, p in zip(rows, s["sweep"]):
    assert abs(float(r["total_budget"]) - p["total_budget"]) < 0.005
PY
check "without --find-min-budget: sensitivity.csv has no break-even columns" \
	fails grep -q break_even "$work/nobe/sensitivity.csv"
check "chart: the PNG with --find-min-budget differs from the one without" \
	fails cmp -s "$work/be/sensitivity.png" "$work/nobe/sensitivity.png"
check "chart: and so does the SVG" \
	fails cmp -s "$work/be/sensitivity.svg" "$work/nobe/sensitivity.svg"

# --- Points cut short by a limit ----------------------------------------
# uk-2020 with 0.3 s per point: the solves stop at the time limit.
"$phaseout" sweep "$uk" --budget-scale 0.8:1.2:0.2 --time-limit 0.3 --jobs 2 \
	-o "$work/cut" >"$work/cut.out"
check "cut short: sweep exits 0" test $? = 0
check "cut short: text, CSV and JSON count the same points, and say they are not proven" \
	python3 - "$work" <<'PY'
import csv, json, re, sys
w = sys.argv[1]
rows = list(csv.DictReader(open(w + "/cut/sensitivity.csv", newline="")))
s = json.load(open(w + "/cut/summary.json"))
text = open(w + "/cut.out").read()
n_csv = sum(1 for r in rows if r["stopped_by"])
n_json = sum(1 for p in s["sweep"] if p["stopped_by"])
assert n_csv == n_json, (n_csv, n_json)
notes = len(re.findall(r"stopped by the (time limit|gap|an interrupt)", text))
assert notes == n_csv, (notes, n_csv)
if n_csv:
    m = re.search(r"(\d+) of (\d+) points were cut short by a limit.*not proven optimal", text)
    assert m and int(m.group(1)) == n_csv and int(m.group(2)) == len(rows), text
else:
    assert "cut short" not in text
PY
tap_done
