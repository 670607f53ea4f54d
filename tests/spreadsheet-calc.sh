#!/bin/sh
# spreadsheet-calc.sh PHASEOUT SOURCE_ROOT: the -o folder's spreadsheets
# as a real spreadsheet program reads them. LibreOffice Calc, headless
# (soffice from libreoffice-calc-nogui, tools/setup.sh), with a private
# profile, converts plan.xlsx and sensitivity.xlsx sheet by sheet to CSV
# (raw values, UTF-8) and imports plan.csv, totals.csv and
# sensitivity.csv; the checks then compare what Calc read with what
# phaseout wrote, for the scenario of tests/data/xlsx/:
# - plan.xlsx: every Plan cell as plan.csv's (numbers equal; ids text,
#   '0042' with its zeros, '-7' without the CSV's guard; 'Ostküste'),
#   the Totals sheet equal to sums of plan.csv's rows computed here, the
#   Summary's costs as summary.json's;
# - the CSV files (written with --csv-bom) imported as UTF-8 give the same
#   names and numbers; the site_id column imported as text keeps '0042';
# - sensitivity.xlsx: the numbers of sensitivity.csv.
# Suite 'slow': LibreOffice takes seconds per file.
# Prints TAP.
set -u
phaseout=$1
root=$2
data=$root/tests/data/xlsx
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir
tap_context=$work/stderr

if ! command -v soffice >/dev/null 2>&1; then
	skip "LibreOffice Calc reads the spreadsheets" "no soffice (libreoffice-calc-nogui)"
	tap_done
	exit
fi

# calc FILE OUTDIR FILTER [INFILTER]: soffice --convert-to FILTER, with a
# profile of its own (never the user's, and no lock shared with another
# soffice).
calc() {
	mkdir -p "$2"
	if [ $# -ge 4 ]; then
		set -- "$1" "$2" "$3" "--infilter=$4"
	else
		set -- "$1" "$2" "$3" "--norestore"
	fi
	HOME=$work/home soffice "-env:UserInstallation=file://$work/profile" --headless \
		--norestore "$4" --convert-to "$3" --outdir "$2" "$1" >>"$work/soffice.log" 2>&1
}
# Every sheet to NAME-SHEET.csv: separator ',', quote '"', UTF-8 (76),
# raw values (not as shown), all sheets (-1).
all_sheets='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'

run plan "$data/scenario.json" -q --csv-bom -o "$work/a"
check "the spreadsheet scenario plans (exit 0)" status_is 0
run sweep "$data/scenario.json" --budget-scale 0.5:1.5:0.5 --jobs 1 -q -o "$work/s"
check "and sweeps (exit 0)" status_is 0

calc "$work/a/plan.xlsx" "$work/calc" "$all_sheets"
check "Calc opens plan.xlsx and writes its four sheets" \
	test -s "$work/calc/plan-Summary.csv" -a -s "$work/calc/plan-Plan.csv" \
	-a -s "$work/calc/plan-Timeline.csv" -a -s "$work/calc/plan-Totals.csv"

cat >"$work/read.py" <<'PY'
import csv
from collections import defaultdict

def rows(path, encoding="utf-8-sig"):
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.reader(f))

def dicts(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))

def number(text):
    # Calc writes a share as "12.5%" even with raw values
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)

def cents(text):
    return round(number(text) * 100) if text else 0

def unguard(text):
    if text[:1] == "'" and text[1:2] and text[1:2] in "=+-@\t\r'":
        return text[1:]
    return text

def sums(plan, keys):
    out = defaultdict(lambda: [0, 0, 0, 0])
    for r in plan:
        t = out[tuple(r[k] for k in keys)]
        t[0] += 1
        t[1] += int(r["units"])
        t[2] += cents(r["total_cost"])
        t[3] += cents(r["present_value"])
    return dict(out)
PY
py() {
	script=$1
	shift
	PYTHONPATH=$work python3 -c "$script" "$@"
}

check "Calc's Plan sheet is plan.csv: text as written, numbers equal" py '
import sys
from read import rows, number, unguard
calc = rows(sys.argv[1] + "/calc/plan-Plan.csv")
mine = rows(sys.argv[1] + "/a/plan.csv")
text = {"site_id", "region", "domain", "from_vendor", "to_vendor", "cluster",
        "period", "status", "fund", "why"}
assert calc[0] == mine[0], (calc[0], mine[0])
assert len(calc) == len(mine)
for a, b in zip(calc[1:], mine[1:]):
    for name, x, y in zip(mine[0], a, b):
        if name in text or y == "":
            assert x == unguard(y), (name, x, y)
        else:
            assert abs(number(x) - float(y)) < 1e-9, (name, x, y)' "$work"

check "... site id 0042 keeps its zeros, -7 has no apostrophe" py '
import sys
from read import rows
ids = [r[1] for r in rows(sys.argv[1])[1:]]
assert "0042" in ids and "0100" in ids and "-7" in ids, ids
assert not any(i.startswith(chr(39)) for i in ids), ids' "$work/calc/plan-Plan.csv"

check "... Ostküste read as UTF-8" py '
import sys
from read import rows
regions = {r[2] for r in rows(sys.argv[1])[1:]}
assert regions == {"Ostküste", "north"}, regions' "$work/calc/plan-Plan.csv"

check "Calc's Timeline sheet is timeline.csv" py '
import sys
from read import rows, number
calc = rows(sys.argv[1] + "/calc/plan-Timeline.csv")
mine = rows(sys.argv[1] + "/a/timeline.csv")
n = len(mine[0])
assert [r[:n] for r in calc[:len(mine)]] and calc[0][:n] == mine[0]
for a, b in zip(calc[1:], mine[1:]):
    for name, x, y in zip(mine[0], a, b):
        if name == "period" or y == "":
            assert x == y, (name, x, y)
        else:
            assert abs(number(x) - float(y)) < 1e-6, (name, x, y)' "$work"

check "Calc's Totals sheet: the sums of plan.csv by year and vendor, region, domain" py '
import sys
from read import rows, dicts, sums, cents
plan = dicts(sys.argv[1] + "/a/plan.csv")
sheet = rows(sys.argv[1] + "/calc/plan-Totals.csv")
def table(title):
    i = [r[0] for r in sheet].index(title) + 2
    out = {}
    while i < len(sheet) and sheet[i][0] != "":
        r = sheet[i]
        year = "" if r[0] == "unswapped" else r[0]
        out[(year, r[1])] = [int(r[2]), int(r[3]), cents(r[4]), cents(r[5])]
        i += 1
    return out
assert table("By year and vendor") == sums(plan, ["year", "to_vendor"])
assert table("By year and region") == sums(plan, ["year", "region"])
assert table("By year and domain") == sums(plan, ["year", "domain"])
grand = {r[0]: [int(r[2]), int(r[3]), cents(r[4]), cents(r[5])] for r in sheet
         if r[0] in ("swapped", "all HR sites")}
assert grand["all HR sites"] == sums(plan, [])[()]' "$work"

check "Calc's Summary: the costs and status of summary.json" py '
import json, sys
from read import rows, cents
j = json.load(open(sys.argv[1] + "/a/summary.json"))
kv = {r[0]: r[1] for r in rows(sys.argv[1] + "/calc/plan-Summary.csv") if r and r[0]}
assert kv["status"] == j["status"]
assert cents(kv["present cost"]) == round(j["present_cost"] * 100)
assert cents(kv["nominal cost"]) == round(j["nominal_cost"] * 100)' "$work"

# The CSV files, imported by Calc as UTF-8 (the byte-order mark dropped),
# site_id (column 2) as text: "2/2" is the column format Text.
for f in plan totals; do
	mkdir -p "$work/csv-$f"
	cp "$work/a/$f.csv" "$work/csv-$f/$f.csv"
	calc "$work/csv-$f/$f.csv" "$work/csv-$f/out" \
		'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false' \
		'CSV:44,34,76,1,2/2'
done
check "Calc imports plan.csv (with its BOM) as UTF-8: names and numbers" py '
import sys
from read import rows, number
calc = rows(sys.argv[1] + "/csv-plan/out/plan.csv")
mine = rows(sys.argv[1] + "/a/plan.csv")
assert calc[0] == mine[0], calc[0]
for a, b in zip(calc[1:], mine[1:]):
    for name, x, y in zip(mine[0], a, b):
        if y == "" or not y.lstrip("-").replace(".", "").isdigit() or name == "site_id":
            assert x == y, (name, x, y)
        else:
            assert abs(number(x) - float(y)) < 1e-9, (name, x, y)
ids = [r[1] for r in calc[1:]]
assert "0042" in ids and "\x27-7" in ids, ids
assert "Ostküste" in {r[2] for r in calc[1:]}' "$work"
check "Calc imports totals.csv: the same sums" py '
import sys
from read import rows, cents, dicts, sums
calc = rows(sys.argv[1] + "/csv-totals/out/totals.csv")
plan = dicts(sys.argv[1] + "/a/plan.csv")
want = sums(plan, ["year", "region", "domain", "to_vendor", "period"])
got = {(r[0], r[1], r[2], r[3], r[8]): [int(r[4]), int(r[5]), cents(r[6]), cents(r[7])]
       for r in calc[1:]}
assert got == want, (got, want)' "$work"

calc "$work/s/sensitivity.xlsx" "$work/calc" "$all_sheets"
check "Calc's Sensitivity sheet is sensitivity.csv" py '
import sys
from read import rows, number
calc = rows(sys.argv[1] + "/calc/sensitivity-Sensitivity.csv")
mine = rows(sys.argv[1] + "/s/sensitivity.csv")
assert calc[0][:len(mine[0])] == mine[0]
assert len(calc) >= len(mine)
for a, b in zip(calc[1:], mine[1:]):
    for name, x, y in zip(mine[0], a, b):
        if name in ("status", "stopped_by", "completion_period") or y == "":
            assert x == y, (name, x, y)
        else:
            assert abs(number(x) - float(y)) < 1e-6, (name, x, y)' "$work"

tap_done
