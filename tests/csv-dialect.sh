#!/bin/sh
# csv-dialect.sh PHASEOUT: sites.csv and the ledger as a spreadsheet with
# a decimal comma saves them (fields separated by ';', numbers such as
# 2,5, a byte-order mark and CRLF) load exactly like their comma twins:
# plan writes the same plan.csv and timeline.csv bytes, check prints the
# same report. Prints TAP.
set -u
phaseout=$1
case $phaseout in
/*) ;;
*) phaseout=$(pwd)/$phaseout ;;
esac
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir
tap_context=$work/err

# semicolon_twin IN OUT COLUMN...: IN rewritten as a ';' file the way a
# spreadsheet writes it: a byte-order mark, CRLF, fields holding ';'
# quoted, and the named number columns with a decimal comma (except on
# the second data row, where a point stays: both must be read).
semicolon_twin() {
	python3 - "$@" <<'PY'
import csv, sys
src, dst, *numeric = sys.argv[1:]
with open(src, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
cols = [rows[0].index(c) for c in numeric]
for n, row in enumerate(rows[1:]):
    if n == 1:
        continue
    for c in cols:
        row[c] = row[c].replace(".", ",")
with open(dst, "w", newline="", encoding="utf-8-sig") as f:
    csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)
PY
}

# 1. sites.csv: plan both.
for d in comma semicolon; do
	mkdir -p "$work/$d"
	cat >"$work/$d/scenario.json" <<'JSON'
{
  "format": "phaseout-scenario/1",
  "name": "Decimal commas",
  "horizon": {"start": 2024, "end": 2027},
  "sites": "sites.csv",
  "high_risk_vendors": ["Huawei"],
  "vendors": [{"name": "Ericsson", "unit_cost": {"ran": 12000, "core": 60000}}],
  "site_cost": {"ran": 1500.5},
  "budget": 100000,
  "discount_rate": 0.035
}
JSON
done
cat >"$work/comma/sites.csv" <<'CSV'
site_id,region,domain,vendor,units,criticality,depends_on
A1,"North, East",ran,Huawei,3,1.5,
A2,North,ran,Huawei,2,2.25,A1
A3,South,core,Huawei,1,12.125,
A4,South,ran,Huawei,4,0.75,A1;A2
A5,South,ran,Ericsson,5,1,
CSV
semicolon_twin "$work/comma/sites.csv" "$work/semicolon/sites.csv" criticality
check "the twin is separated by ';' and has decimal commas" \
	grep -q '^A4;South;ran;Huawei;4;0,75;"A1;A2"' "$work/semicolon/sites.csv"
check "and keeps a decimal point on one row" \
	grep -q '^A2;North;ran;Huawei;2;2\.25;A1' "$work/semicolon/sites.csv"
for d in comma semicolon; do
	(cd "$work/$d" && "$phaseout" plan scenario.json -o out | grep -v '^solve time' >stdout) \
		2>"$work/err"
	check "$d: plan writes plan.csv" test -s "$work/$d/out/plan.csv"
done
check "the ';' file plans to the same plan.csv bytes" \
	cmp "$work/comma/out/plan.csv" "$work/semicolon/out/plan.csv"
check "and the same timeline.csv bytes" \
	cmp "$work/comma/out/timeline.csv" "$work/semicolon/out/timeline.csv"
check "and the same report (but the solve time)" cmp "$work/comma/stdout" "$work/semicolon/stdout"
# Excel's "sep=;" first line names the separator; lines still count.
mkdir -p "$work/sep"
cp "$work/comma/scenario.json" "$work/sep/"
{
	printf '\357\273\277sep=;\r\n' # the byte-order mark comes first
	tail -c +4 "$work/semicolon/sites.csv"
} >"$work/sep/sites.csv"
(cd "$work/sep" && "$phaseout" plan scenario.json --quiet -o out) 2>"$work/err"
check "a 'sep=;' line first: the same plan.csv bytes" \
	cmp "$work/comma/out/plan.csv" "$work/sep/out/plan.csv"
sed -i 's/;0,75;/;-0,75;/' "$work/sep/sites.csv"
(cd "$work/sep" && "$phaseout" check scenario.json) >/dev/null 2>"$work/err"
check "and a bad cell is still located on its own line" \
	grep -qx "sites.csv:6:6: criticality '-0,75' must be a number > 0" "$work/err"

# The criticalities were read, not defaulted: a file without them plans
# to another exposure.
mkdir -p "$work/plain"
cp "$work/comma/scenario.json" "$work/plain/"
python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
csv.writer(open(sys.argv[2], "w", newline="")).writerows([r[:5] + r[6:] for r in rows])' \
	"$work/comma/sites.csv" "$work/plain/sites.csv"
(cd "$work/plain" && "$phaseout" plan scenario.json | grep -v '^solve time' >stdout) \
	2>"$work/err"
check "criticality 1 everywhere gives another exposure" \
	fails cmp -s "$work/comma/stdout" "$work/plain/stdout"

# 2. The ledger: cost and funded amounts with decimal commas.
for d in comma semicolon; do
	mkdir -p "$work/ledger-$d"
	cat >"$work/ledger-$d/scenario.json" <<'JSON'
{
  "format": "phaseout-scenario/2",
  "name": "Ledger with decimal commas",
  "horizon": {"start": 2024, "end": 2026},
  "sites": "sites.csv",
  "high_risk_vendors": ["Huawei"],
  "vendors": [{"name": "Ericsson", "unit_cost": {"ran": 100, "core": 500}}],
  "replan_from": "2025",
  "fixed": "fixed.csv",
  "funds": [{"name": "Grant", "disbursements": {"2024-01-01": 1000}}]
}
JSON
	cp "$work/comma/sites.csv" "$work/ledger-$d/"
done
cat >"$work/ledger-comma/fixed.csv" <<'CSV'
site_id,when,to_vendor,cost,funded
A1,2024,Ericsson,1234.56,Grant=200.25
A2,2024,Ericsson,300.5,
A3,2025,Ericsson,99.99,Grant=0.5
CSV
semicolon_twin "$work/ledger-comma/fixed.csv" "$work/ledger-semicolon/fixed.csv" cost funded
semicolon_twin "$work/comma/sites.csv" "$work/ledger-semicolon/sites.csv" criticality
check "the ledger twin has decimal commas" \
	grep -q '^A1;2024;Ericsson;1234,56;Grant=200,25' "$work/ledger-semicolon/fixed.csv"
for d in comma semicolon; do
	(cd "$work/ledger-$d" && "$phaseout" check scenario.json >stdout) 2>"$work/err"
	status=$?
	check "ledger $d: check exits 0 (exit $status)" test "$status" = 0
done
check "the ';' ledger gives the same check report" \
	cmp "$work/ledger-comma/stdout" "$work/ledger-semicolon/stdout"

tap_done
