#!/bin/sh
# xlsx.sh PHASEOUT SOURCE_ROOT: the spreadsheets of an -o folder, read
# from their bytes (tests/lib/xlsx.py unzips the workbook's XML parts;
# plan.csv is parsed with python's csv module), for the scenario of
# tests/data/xlsx/ (quarters; ids '0042' and '-7', the region 'Ostküste',
# money in EUR, a site left unswapped):
# 1. plan.xlsx: sheets Summary, Plan, Timeline, Totals; every Plan cell is
#    plan.csv's (formula guard undone), text as shared strings (the
#    leading zeros of '0042' kept, '-7' without the guard's apostrophe),
#    numbers as numbers, money in a EUR format; a filter and a frozen
#    header; so is a re-plan's (a ledger's written cost leaves equipment
#    and site cost empty); the Timeline sheet's two charts draw its columns, the caps
#    among them; the Totals sheet and totals.csv are the sums of plan.csv's
#    rows to the cent, computed here; Summary's costs are summary.json's;
# 2. the same run twice gives the same bytes, and the folder's checksums
#    cover totals.csv and plan.xlsx;
# 3. --csv-bom puts EF BB BF before every CSV and changes nothing else;
#    diff and --baseline read such a folder back; without -o it is a
#    usage error; a version 1 folder's totals.csv has no period column;
# 4. sweep -o writes sensitivity.xlsx with sensitivity.csv's rows and its
#    charts, and --csv-bom on sweep.
# Prints TAP.
set -u
phaseout=$1
root=$2
data=$root/tests/data/xlsx
xlsxpy=$root/tests/lib
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir
tap_context=$work/stderr

# py SCRIPT ARGS...: python with tests/lib on its path; the script's
# failed assertion fails the check.
py() {
	script=$1
	shift
	PYTHONPATH=$xlsxpy python3 -c "$script" "$@"
}

run plan "$data/scenario.json" -o "$work/a"
check "the spreadsheet scenario plans (exit 0)" status_is 0

# --- 1. plan.xlsx against plan.csv.
check "plan.xlsx has the sheets Summary, Plan, Timeline, Totals" py '
import sys, xlsx
b = xlsx.read(sys.argv[1])
assert b.sheets == ["Summary", "Plan", "Timeline", "Totals"], b.sheets' "$work/a/plan.xlsx"

# The Plan sheet against plan.csv, cell by cell (argv: the folder and the
# currency of its money cells).
plan_cells='
import csv, sys, xlsx
b = xlsx.read(sys.argv[1] + "/plan.xlsx")
rows = list(csv.reader(open(sys.argv[1] + "/plan.csv", encoding="utf-8", newline="")))
text = {"site_id", "region", "domain", "from_vendor", "to_vendor", "cluster",
        "period", "status", "fund", "why"}
money = {"equipment_cost", "site_cost", "total_cost", "present_value",
         "own_cost", "funded_cost"}
cells = b.cells["Plan"]
head = rows[0]
assert [cells[(0, c)].value for c in range(len(head))] == head
assert max(c for _, c in cells) == len(head) - 1
for r, row in enumerate(rows[1:], start=1):
    for c, field in enumerate(row):
        cell = cells.get((r, c))
        if field == "":
            assert cell is None, (r, head[c], cell)
            continue
        if head[c] in text:
            want = field[1:] if field[:1] == chr(39) and field[1:2] in "=+-@\t\r" + chr(39) else field
            assert cell.kind == "s" and cell.value == want, (r, head[c], cell, field)
        else:
            assert cell.kind == "n" and abs(cell.value - float(field)) < 1e-9, (r, head[c], cell, field)
            if head[c] in money:
                assert sys.argv[2] in b.num_format(cell) and "0.00" in b.num_format(cell), b.num_format(cell)
'
check "the Plan sheet holds plan.csv cell by cell, typed" py "$plan_cells" "$work/a" EUR
run plan "$root/tests/data/replan/scenario.json" -o "$work/r"
check "a re-plan plans (exit 0)" status_is 0
check "a re-plan's Plan sheet is plan.csv's too: a ledger's written cost has no split" \
	py "$plan_cells" "$work/r" GBP

check "site id 0042 is a shared string with its leading zeros" py '
import sys, xlsx
b = xlsx.read(sys.argv[1])
ids = [cell for (r, c), cell in b.cells["Plan"].items() if c == 1 and r > 0]
assert any(cell.kind == "s" and cell.value == "0042" for cell in ids), ids
assert "0042" in b.shared and "0100" in b.shared' "$work/a/plan.xlsx"

check "site id -7: guarded in plan.csv, plain text in plan.xlsx" py '
import sys, xlsx
b = xlsx.read(sys.argv[1] + "/plan.xlsx")
ids = [cell.value for (r, c), cell in b.cells["Plan"].items() if c == 1 and r > 0]
assert "-7" in ids and "\x27-7" not in ids, ids
assert "\x27-7," in open(sys.argv[1] + "/plan.csv", encoding="utf-8").read()' "$work/a"

check "Ostküste is one UTF-8 shared string" py '
import sys, xlsx
b = xlsx.read(sys.argv[1])
assert "Ostküste" in b.shared, b.shared' "$work/a/plan.xlsx"

check "the Plan sheet has a filter over its rows and a frozen header" py '
import sys, xlsx
b = xlsx.read(sys.argv[1])
x = b.sheet_xml("Plan")
n = len([1 for (r, c) in b.cells["Plan"] if c == 1])
last = chr(ord("A") + max(c for (r, c) in b.cells["Plan"] if r == 0))
assert "<autoFilter ref=\"A1:%s%d\"/>" % (last, n) in x, x[:2000]
assert "ySplit=\"1\"" in x and "state=\"frozen\"" in x' "$work/a/plan.xlsx"

# (The Timeline sheet has a column for each cap after timeline.csv's,
# for its chart.)
check "the Timeline sheet holds timeline.csv's figures" py '
import sys, xlsx
b = xlsx.read(sys.argv[1] + "/plan.xlsx")
xlsx.sheet_is_csv(b, "Timeline", sys.argv[1] + "/timeline.csv", {"period"}, whole=False)' "$work/a"

# shellcheck disable=SC2016 # the $ are Excel's absolute references, in python
check "the Timeline's two charts: shares by domain with the cap, spend and money" py '
import re, sys, xlsx
b = xlsx.read(sys.argv[1])
charts = sorted(p for p in b.parts if p.startswith("xl/charts/chart"))
assert charts == ["xl/charts/chart1.xml", "xl/charts/chart2.xml"], charts
share = b.zip.read(charts[0]).decode()
money = b.zip.read(charts[1]).decode()
head = [b.cells["Timeline"][(0, c)].value for c in range(max(c for _, c in b.cells["Timeline"]) + 1)]
def col(name):
    i = head.index(name)
    return chr(65 + i)
n = 1 + max(r for r, _ in b.cells["Timeline"])
for name in ["hr_share", "hr_share_core", "hr_share_ran", "hr_share_transport",
             "cap: high-risk share of ran <= 50% from 2025"]:
    ref = "Timeline!$%s$2:$%s$%d" % (col(name), col(name), n)
    assert ref in share, (name, ref)
for name in ["spend", "available", "budget"]:
    assert "Timeline!$%s$2:$%s$%d" % (col(name), col(name), n) in money, name
assert "Timeline!$%s$2:$%s$%d" % (col("period"), col("period"), n) in share
cap = [b.cells["Timeline"].get((r, head.index("cap: high-risk share of ran <= 50% from 2025"))) for r in range(1, n)]
assert [c is None for c in cap] == [True] * 7 + [False] * 5, cap
assert all(c.value == 0.5 for c in cap[7:])' "$work/a/plan.xlsx"

# The totals, recomputed here from plan.csv's rounded rows, in cents.
cat >"$work/sums.py" <<'PY'
import csv
from collections import defaultdict

def cents(text):
    return round(float(text) * 100) if text else 0

def plan_rows(folder):
    with open(folder + "/plan.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))

def sums(rows, keys):
    out = defaultdict(lambda: [0, 0, 0, 0])
    for r in rows:
        k = tuple(r[key] for key in keys)
        t = out[k]
        t[0] += 1
        t[1] += int(r["units"])
        t[2] += cents(r["total_cost"])
        t[3] += cents(r["present_value"])
    return dict(out)
PY

check "totals.csv: every row the sum of plan.csv's rows, to the cent" py '
import csv, sys
sys.path.insert(0, sys.argv[2])
from sums import plan_rows, sums, cents
folder = sys.argv[1]
rows = plan_rows(folder)
want = sums(rows, ["year", "period", "region", "domain", "to_vendor"])
with open(folder + "/totals.csv", encoding="utf-8", newline="") as f:
    got = list(csv.DictReader(f))
assert list(got[0].keys()) == ["year", "region", "domain", "to_vendor", "sites",
                               "units", "nominal_cost", "present_value", "period"]
have = {(r["year"], r["period"], r["region"], r["domain"], r["to_vendor"]):
        [int(r["sites"]), int(r["units"]), cents(r["nominal_cost"]), cents(r["present_value"])]
        for r in got}
assert len(have) == len(got)
assert have == want, (have, want)
assert got[-1]["year"] == "" and got[-1]["domain"] == "transport"' "$work/a" "$work"

check "Totals sheet: by year and vendor, region, domain, and the grand totals" py '
import sys, xlsx
sys.path.insert(0, sys.argv[2])
from sums import plan_rows, sums
folder = sys.argv[1]
rows = plan_rows(folder)
b = xlsx.read(folder + "/plan.xlsx")
sheet = b.rows("Totals")
def table(title):
    i = [r[0] for r in sheet].index(title) + 2
    out = {}
    while i < len(sheet) and sheet[i][0] is not None:
        r = sheet[i]
        year = "" if r[0] == "unswapped" else str(int(r[0]))
        out[(year, r[1] or "")] = [int(r[2]), int(r[3]), round(r[4] * 100), round(r[5] * 100)]
        i += 1
    return out
assert table("By year and vendor") == sums(rows, ["year", "to_vendor"])
assert table("By year and region") == sums(rows, ["year", "region"])
assert table("By year and domain") == sums(rows, ["year", "domain"])
every = sums(rows, [])[()]
swapped = sums([r for r in rows if r["to_vendor"]], [])[()]
grand = {r[0]: [int(r[2]), int(r[3]), round(r[4] * 100), round(r[5] * 100)]
         for r in sheet if r[0] in ("swapped", "all HR sites")}
assert grand["all HR sites"] == every and grand["swapped"] == swapped, (grand, every)' "$work/a" "$work"

check "Summary: status, costs as summary.json's, the rules" py '
import json, sys, xlsx
folder = sys.argv[1]
j = json.load(open(folder + "/summary.json"))
b = xlsx.read(folder + "/plan.xlsx")
kv = {r[0]: r[1] for r in b.rows("Summary") if r[0] is not None}
assert kv["status"] == j["status"] == "optimal"
assert round(kv["present cost"] * 100) == round(j["present_cost"] * 100)
assert round(kv["nominal cost"] * 100) == round(j["nominal_cost"] * 100)
assert kv["HR units left at the end"] == j["hr_units_left"] == 10
assert kv["completion year"] == "not complete"
for rule in j["rules"]:
    assert kv[rule["label"]] == ("yes" if rule["holds"] else "no"), rule
assert kv["GLPK version"] == j["versions"]["glpk"]' "$work/a"

# --- 2. Byte-identical, and in the checksums.
run plan "$data/scenario.json" -o "$work/b" -q
check "the same run twice gives the same plan.xlsx" cmp "$work/a/plan.xlsx" "$work/b/plan.xlsx"
check "... and the same totals.csv" cmp "$work/a/totals.csv" "$work/b/totals.csv"
check "summary.json's checksums list totals.csv and plan.xlsx, as on disk" py '
import hashlib, json, sys
d = sys.argv[1]
files = json.load(open(d + "/summary.json"))["checksums"]["files"]
for name in ("totals.csv", "plan.xlsx"):
    assert files[name] == hashlib.sha256(open(d + "/" + name, "rb").read()).hexdigest(), name' "$work/a"
check "the workbook's creation time is fixed" py '
import sys, xlsx
core = xlsx.read(sys.argv[1]).zip.read("docProps/core.xml").decode()
assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">1980-01-01T00:00:00Z</dcterms:created>" in core, core' "$work/a/plan.xlsx"

# --- 3. --csv-bom.
run plan "$data/scenario.json" -o "$work/bom" -q --csv-bom
check "plan --csv-bom exits 0" status_is 0
for f in plan.csv timeline.csv totals.csv; do
	check "--csv-bom: $f starts with the UTF-8 BOM, then the same bytes" py '
import sys
a = open(sys.argv[1], "rb").read()
b = open(sys.argv[2], "rb").read()
assert b == b"\xef\xbb\xbf" + a' "$work/a/$f" "$work/bom/$f"
done
check "--csv-bom: plan.xlsx unchanged" cmp "$work/a/plan.xlsx" "$work/bom/plan.xlsx"
run diff "$work/a" "$work/bom"
check "diff reads a --csv-bom folder back (exit 0)" status_is 0
check "... and finds no site moved" has "^  moved to another period  *0$" "$work/stdout"
check "... nor to another vendor" has "^  swapped to another vendor  *0$" "$work/stdout"
run plan "$data/scenario.json" -q --baseline "$work/bom" -o "$work/rebase"
check "plan --baseline takes a --csv-bom folder" status_is 0
check "... with no site moved" json_is "$work/rebase/summary.json" sites_moved 0
run plan "$data/scenario.json" -q --csv-bom
check "--csv-bom without -o is a usage error (exit 2)" status_is 2
check "... that says so" has "phaseout plan: --csv-bom needs -o <dir>" "$work/stderr"

run plan "$root/tests/data/tiny/bf-basic/scenario.json" -q -o "$work/v1"
check "a version 1 plan's totals.csv has no period column" has \
	"^year,region,domain,to_vendor,sites,units,nominal_cost,present_value.$" "$work/v1/totals.csv"
check "... and its Plan sheet plan.csv's 13 columns" py '
import sys, xlsx
b = xlsx.read(sys.argv[1] + "/plan.xlsx")
head = open(sys.argv[1] + "/plan.csv", encoding="utf-8").readline().strip().split(",")
assert len(head) == 13
assert [b.cells["Plan"][(0, c)].value for c in range(13)] == head
assert max(c for _, c in b.cells["Plan"]) == 12' "$work/v1"

# --- 4. sweep -o.
run sweep "$data/scenario.json" --budget-scale 0.5:1.5:0.5 --jobs 1 -q -o "$work/s" --csv-bom
check "sweep -o --csv-bom exits 0" status_is 0
check "sensitivity.csv starts with the BOM" py '
import sys
assert open(sys.argv[1], "rb").read(3) == b"\xef\xbb\xbf"' "$work/s/sensitivity.csv"
# shellcheck disable=SC2016 # the $ are Excel's absolute references, in python
check "sensitivity.xlsx: sensitivity.csv's rows, typed, and two charts" py '
import sys, xlsx
d = sys.argv[1]
b = xlsx.read(d + "/sensitivity.xlsx")
assert b.sheets == ["Sensitivity", "Summary"], b.sheets
assert open(d + "/sensitivity.csv", encoding="utf-8-sig").read().count("\n") == 4
xlsx.sheet_is_csv(b, "Sensitivity", d + "/sensitivity.csv",
                  {"status", "stopped_by", "completion_period"})
charts = [p for p in b.parts if p.startswith("xl/charts/chart")]
assert len(charts) == 2, charts
assert "Sensitivity!$D$2:$D$4" in b.zip.read("xl/charts/chart1.xml").decode()' "$work/s"
check "the sweep's checksums list sensitivity.xlsx" py '
import hashlib, json, sys
d = sys.argv[1]
files = json.load(open(d + "/summary.json"))["checksums"]["files"]
assert files["sensitivity.xlsx"] == hashlib.sha256(open(d + "/sensitivity.xlsx", "rb").read()).hexdigest()' "$work/s"

tap_done
