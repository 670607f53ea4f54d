#!/bin/sh
# report-v2.sh PHASEOUT SOURCE_ROOT: summary.json and the text report of
# a version 2 scenario in quarters (tests/data/plan/quarterly/,
# cli-and-outputs-2.md "Files"):
# 1. summary.json's "periods", each rule's "date" and "binding_end" (the
#    last quarter end on or before the date, computed here from the
#    scenario's own dates), "period" and "completion_period";
# 2. the text timeline: one row per quarter, then "YEAR total" whose
#    sums are the sums of the year's quarter rows and of timeline.csv,
#    whose stocks are the year's last quarter's, whose budget is the
#    year's and whose money is the budget plus the carry-over;
# 3. the same scenario in years has no total rows, and a version 1
#    summary.json has none of the version 2 keys.
# Prints TAP.
set -u
phaseout=$1
root=$2
q=$root/tests/data/plan/quarterly
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir
tap_context=$work/stderr

run plan "$q/scenario.json" -o "$work/q"
check "the quarterly scenario plans (exit 0)" status_is 0
check "and optimally" has "^status: optimal" "$work/stdout"
cp "$work/stdout" "$work/report"
s=$work/q/summary.json

# --- 1. summary.json.
check "summary.json: periods is the scenario's kind" json_is "$s" periods '"quarter"'

# Each dated rule of scenario.json against its outcome in summary.json,
# in order (deadlines, then caps): the date as given ("YYYY" is 31 Dec),
# the binding end the last quarter end on or before it, and "period" that
# end's label while it lies inside the horizon.
dates() {
	python3 - "$q/scenario.json" "$s" <<'PY'
import calendar, datetime, json, sys
scen = json.load(open(sys.argv[1]))
summ = json.load(open(sys.argv[2]))
start, end = scen["horizon"]["start"], scen["horizon"]["end"]
def rule_date(r):
    return r["date"] if "date" in r else "%d-12-31" % r["year"]
def binding_end(iso):
    d = datetime.date.fromisoformat(iso)
    m = (d.month - 1) // 3 * 3 + 3      # the quarter's last month
    y = d.year
    e = datetime.date(y, m, calendar.monthrange(y, m)[1])
    if e > d:                            # inside the quarter: the one before
        m -= 3
        if m == 0:
            y, m = y - 1, 12
        e = datetime.date(y, m, calendar.monthrange(y, m)[1])
    return e
def label(e):
    return "%d-Q%d" % (e.year, (e.month - 1) // 3 + 1)
bad = []
for kind, key in (("deadline", "deadlines"), ("share_cap", "share_caps")):
    got = [r for r in summ["rules"] if r["kind"] == kind and r["date"] is not None]
    want = scen.get(key, [])
    if len(got) != len(want):
        bad.append("%d %s rules with a date, not %d" % (len(got), kind, len(want)))
        continue
    for g, w in zip(got, want):
        e = binding_end(rule_date(w))
        if g["date"] != rule_date(w):
            bad.append("%s: date %s, not %s" % (g["label"], g["date"], rule_date(w)))
        if g["binding_end"] != e.isoformat():
            bad.append("%s: binding_end %s, not %s" % (g["label"], g["binding_end"], e))
        inside = start <= e.year <= end
        if kind == "deadline" and g["period"] != (label(e) if inside else None):
            bad.append("%s: period %s, binding end %s" % (g["label"], g["period"], e))
        if kind == "deadline" and g["past_horizon"] != (e.year > end):
            bad.append("%s: past_horizon %s" % (g["label"], g["past_horizon"]))
for r in summ["rules"]:
    if r["kind"] in ("vendor_share", "completion") or r["label"].endswith("own deadline"):
        if r["date"] is not None:
            bad.append("%s: date %s, not null" % (r["label"], r["date"]))
    if r["kind"] == "vendor_share" or r["label"].endswith("own deadline"):
        if r["binding_end"] is not None:
            bad.append("%s: binding_end %s, not null" % (r["label"], r["binding_end"]))
if bad:
    sys.exit("\n".join(bad))
PY
}
check "summary.json: every rule's date, binding_end and period" dates
# The spec's cases spelled out: inside a quarter, a bare year, before the
# horizon's start (a real date, not null), after its end.
check "a deadline of 15 Aug 2025 binds at 2025-06-30" json_is "$s" rules.0.binding_end '"2025-06-30"'
check "a deadline given as a year is dated 31 Dec" json_is "$s" rules.1.date '"2025-12-31"'
check "a cap dated 2023-05-01 binds at 2023-03-31, before the horizon" json_is "$s" rules.5.binding_end '"2023-03-31"'
check "a deadline of 10 Feb 2027 binds past the horizon" json_holds "$s" \
	'j["rules"][2]["binding_end"] == "2026-12-31" and j["rules"][2]["period"] is None and j["rules"][2]["past_horizon"]'
check "summary.json: completion_period is the last swap's period" python3 -c '
import csv, json, sys
j = json.load(open(sys.argv[1]))
rows = [r for r in csv.DictReader(open(sys.argv[2], newline="")) if r["period"]]
last = max(rows, key=lambda r: r["period"])["period"]
sys.exit(0 if j["completion_period"] == last and j["completion_year"] == int(last[:4])
         else "completion_period %s, last swap in %s" % (j["completion_period"], last))
' "$s" "$work/q/plan.csv"

# --- 2. The text timeline and its year totals.
totals() {
	python3 - "$work/report" "$work/q/timeline.csv" "$q/scenario.json" "$s" <<'PY'
import csv, json, math, re, sys
from decimal import Decimal
lines = open(sys.argv[1]).read().split("\n")
csvrows = list(csv.DictReader(open(sys.argv[2], newline="")))
scen = json.load(open(sys.argv[3]))
summ = json.load(open(sys.argv[4]))
i = next(k for k, l in enumerate(lines) if l.startswith("timeline ("))
head = lines[i + 1].replace("HR left", "HR_left").replace("HR share", "HR_share").split()
assert head[:3] == ["period", "budget", "available"], head
rows = []
for l in lines[i + 2:]:
    if not l.strip():
        break
    rows.append(l)
def short(v):            # num_format_short: three significant digits, k/m
    a, u = abs(v), 0
    units = [(1, ""), (1e3, "k"), (1e6, "m"), (1e9, "bn")]
    while u + 1 < len(units) and a >= units[u + 1][0]:
        u += 1
    while True:
        s = "%.3g" % (v / units[u][0])
        if abs(float(s)) < 1000:
            return s + units[u][1]
        u += 1
def num(text):
    return float(text.replace(",", ""))
bad = []
ncols = len(head)
periods, total_e, years = [], 0.0, 0
carry = Decimal(0)
for l in rows:
    label = l[:l.index(" ")] if not re.match(r"^\d{4} total", l) else l[:10]
    cells = l[len(label):].split()
    if re.fullmatch(r"\d{4}-Q[1-4]", label):
        periods.append((label, l[len(label):]))
        continue
    m = re.fullmatch(r"(\d{4}) total", label)
    if not m:
        bad.append("unexpected row %r" % l)
        continue
    year, years = m.group(1), years + 1
    if [p[0] for p in periods] != ["%s-Q%d" % (year, k) for k in range(1, 5)]:
        bad.append("%s total after %s" % (year, [p[0] for p in periods]))
    if len(cells) != ncols - 1:
        bad.append("%s total has %d cells" % (year, len(cells)))
    # Quarter rows: the budget cell is empty without a period key.
    pc = [p[1].split() for p in periods]
    pc = [c if len(c) == ncols - 1 else [""] + c for c in pc]
    budget, available, spend, sites, units = cells[:5]
    hr_left, shares, exposure = cells[5], cells[6:-1], cells[-1]
    ysum = lambda k: sum(num(c[k]) for c in pc)
    if num(sites) != ysum(3) or num(units) != ysum(4):
        bad.append("%s total: sites %s units %s, the quarters sum to %g, %g"
                   % (year, sites, units, ysum(3), ysum(4)))
    if abs(num(exposure) - ysum(-1)) > 1e-9:
        bad.append("%s total: exposure %s, the quarters sum to %g" % (year, exposure, ysum(-1)))
    total_e += num(exposure)
    if [hr_left] + shares != pc[-1][5:-1]:
        bad.append("%s total: stocks %s, not the last quarter's %s"
                   % (year, [hr_left] + shares, pc[-1][5:-1]))
    ycsv = [r for r in csvrows if r["year"] == year]
    spent = sum(Decimal(r["spend"]) for r in ycsv)
    if len(ycsv) != 4 or spend != short(float(spent)):
        bad.append("%s total: spend %s, timeline.csv's quarters sum to %s" % (year, spend, spent))
    if sum(num(r["sites_swapped"]) for r in ycsv) != num(sites):
        bad.append("%s total: sites %s against timeline.csv" % (year, sites))
    b = Decimal(str(scen["budget"][year]))
    if budget != short(float(b)):
        bad.append("%s total: budget %s, the scenario's is %s" % (year, budget, b))
    if available != short(float(b + carry)):
        bad.append("%s total: available %s, not %s + %s carried" % (year, available, b, carry))
    carry = max(b + carry - spent, Decimal(0))
    periods = []
if years != scen["horizon"]["end"] - scen["horizon"]["start"] + 1 or periods:
    bad.append("%d year totals, %d quarter rows left over" % (years, len(periods)))
if abs(total_e - summ["exposure"]) > 1e-6:
    bad.append("the year totals' exposure sums to %g, E is %g" % (total_e, summ["exposure"]))
if bad:
    sys.exit("\n".join(bad))
PY
}
check "text: each year's total is the sum of its quarters" totals
check "text: the header says the totals follow their periods" has \
	"each year's total after its periods" "$work/report"
check "text: a dated deadline names its binding quarter" has \
	"swapped by 15 Aug 2025: 0 HR units left at the end of 2025-Q2" "$work/report"
check "text: the sites' own deadlines count units late, no year 0" has \
	"swapped by their own deadline: 0 HR units left after their deadlines$" "$work/report"
check "text: completion names its quarter" has \
	"^completion: every HR site swapped by $(json_get "$s" completion_period)\$" "$work/report"

# --- 3. The same scenario in years: no total rows, periods "year".
y=$work/yearly
mkdir -p "$y"
# R1's deadline of 1 Aug 2024 would bind at the end of 2023 in years,
# before the horizon: give it 1 Mar 2025 (binds at the end of 2024).
sed 's/,2024-08-01$/,2025-03-01/' "$q/sites.csv" >"$y/sites.csv"
sed -e 's/"periods": "quarter"/"periods": "year"/' -e 's/, "2024-Q1": [0-9]*//' \
	"$q/scenario.json" >"$y/scenario.json"
check "the yearly copy has no period key left" fails grep -q Q1 "$y/scenario.json"
run plan "$y/scenario.json" -o "$work/y"
check "the yearly copy plans (exit 0)" status_is 0
check "yearly: the timeline is by year" has "^year  *budget" "$work/stdout"
check "yearly: no total rows" fails grep -q "^[0-9]* total" "$work/stdout"
check "yearly: summary.json says periods year" json_is "$work/y/summary.json" periods '"year"'
check "yearly: a year's deadline binds at its 31 Dec" json_holds "$work/y/summary.json" \
	'j["rules"][1]["binding_end"] == "2025-12-31" and j["rules"][1]["period"] == "2025"'

# --- A version 1 summary.json has none of the version 2 keys.
run plan "$root/tests/data/plan/tiny/scenario.json" -o "$work/v1"
check "version 1: plans (exit 0)" status_is 0
check "version 1: no periods, completion_period, date, binding_end or period" \
	json_holds "$work/v1/summary.json" \
	'not ({"periods", "completion_period"} & set(j)) and all(not ({"date", "binding_end", "period"} & set(r)) for r in j["rules"])'

tap_done
