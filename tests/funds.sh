#!/bin/sh
# funds.sh PHASEOUT SOURCE_ROOT PLANCHECK: what users rely on from a plan with funds
# (model-2.md rules 7-8, cli-and-outputs-2.md), on tests/data/plan/funds:
# every plan.csv row's own and funded cost add up to its total to the
# cent; a fund pays only from its first disbursement's period to its
# final date's binding end and never more than it has disbursed by then;
# own spend stays within each year's budget; summary.json's paid, unused,
# extensions_needed and own_present_cost are what the rows say; the text
# report's fund line; the own_cost objective spends no more own money
# than the exposure plan; export writes the extensions stage (glpsol
# solves it to the count the plan reports); a fund deadline that cannot
# hold exits 3. tests/oracle/plancheck judges both plans on its own (own
# spend in the budget, each row's fund, its periods and money, the fund
# deadline) and fails a plan whose rows are tampered with. An own_cost
# plan's printed bound is never above its printed own money.
set -u
phaseout=$1
root=$2
plancheck=$3
data=$root/tests/data/plan/funds
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

# audit DIR SCENARIO: the rules above, recomputed from DIR's files and
# the scenario's figures (one fund, yearly budgets, quarters).
audit() {
	python3 - "$1" "$2" <<'PY'
import csv, json, sys
from datetime import date
out, scen = sys.argv[1], sys.argv[2]
sc = json.load(open(scen))
fund = sc["funds"][0]
name = fund["name"]
summary = json.load(open(f"{out}/summary.json"))
rows = list(csv.DictReader(open(f"{out}/plan.csv")))
tl = list(csv.DictReader(open(f"{out}/timeline.csv")))
bad = []
cents = lambda t: round(float(t) * 100) if t else 0
def quarter(label):
    y, q = label.split("-Q")
    return (int(y) - sc["horizon"]["start"]) * 4 + int(q) - 1
def quarter_of(d):
    return (d.year - sc["horizon"]["start"]) * 4 + (d.month - 1) // 3
def binding_end(d):
    # the last quarter end on or before d
    q = quarter_of(d)
    end_month = (q % 4) * 3 + 3
    last = date(d.year, end_month, 1)
    ends_on_or_before = d.month == end_month and d.day == (date(d.year + (end_month == 12), end_month % 12 + 1, 1) - last).days
    return q if ends_on_or_before else q - 1
def add_months(d, n):
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return date(y, m, min(d.day, (nxt - date(y, m, 1)).days))
first = min(date.fromisoformat(k) for k in fund["disbursements"])
dl = fund["deadline"]
ext = [binding_end(add_months(first, dl["months_after_first"] + k * dl["extension_months"]))
       for k in range(dl["max_extensions"] + 1)]
paid = 0
latest = -1
for r in rows:
    if not r["period"]:
        bad.append(f"{r['site_id']} unswapped")
        continue
    own, funded, total = cents(r["own_cost"]), cents(r["funded_cost"]), cents(r["total_cost"])
    if own + funded != total:
        bad.append(f"{r['site_id']}: own {own} + funded {funded} != total {total}")
    if (funded >= 1) != (r["fund"] == name):
        bad.append(f"{r['site_id']}: fund column {r['fund']!r} with funded {funded}")
    p = quarter(r["period"])
    if funded and not (quarter_of(first) <= p <= ext[-1]):
        bad.append(f"{r['site_id']}: funded in {r['period']}, outside the paying periods")
    paid += funded
    latest = max(latest, p)
f = summary["funds"][0]
if cents(f["paid"]) != paid:
    bad.append(f"summary paid {f['paid']} != rows {paid / 100}")
disbursed = sum(round(v * 100) for v in fund["disbursements"].values())
if cents(f["disbursed"]) != disbursed or cents(f["unused"]) != disbursed - paid:
    bad.append(f"summary disbursed/unused {f['disbursed']}/{f['unused']}")
need = next((k for k, e in enumerate(ext) if latest <= e), None)
if f["extensions_needed"] != need:
    bad.append(f"extensions_needed {f['extensions_needed']}, the rows need {need}")
if need is not None and f["needed_date"] != add_months(first, dl["months_after_first"] + need * dl["extension_months"]).isoformat():
    bad.append(f"needed_date {f['needed_date']}")
cum_paid, by_year = 0, {}
for t in tl:
    p = quarter(t["period"])
    if cents(t["own_spend"]) + cents(t["funded_spend"]) != cents(t["spend"]):
        bad.append(f"{t['period']}: own + funded spend != spend")
    if cents(t[f"fund_{name}"]) != cents(t["funded_spend"]):
        bad.append(f"{t['period']}: fund column != funded_spend")
    cum_paid += cents(t[f"fund_{name}"])
    cum_disb = sum(round(v * 100) for k, v in fund["disbursements"].items()
                   if quarter_of(date.fromisoformat(k)) <= p)
    if cum_paid > cum_disb:
        bad.append(f"{t['period']}: paid {cum_paid} by then, disbursed {cum_disb}")
    by_year[t["year"]] = by_year.get(t["year"], 0) + cents(t["own_spend"])
for y, own in by_year.items():
    if own > round(sc["budget"] * 100):
        bad.append(f"{y}: own spend {own / 100} above the budget")
own_pv = sum(float(r["present_value"]) * cents(r["own_cost"]) / cents(r["total_cost"])
             for r in rows if r["period"] and cents(r["total_cost"]))
if abs(own_pv - summary["own_present_cost"]) > 0.01 * (len(rows) + 1):
    bad.append(f"own_present_cost {summary['own_present_cost']}, rows say {own_pv:.2f}")
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY
}

# check proves the extensions the money forces (README.md's arithmetic):
# by the end of 2024 at most 7,110 + 3 x 1,000 < 17,000; without
# extensions (by 2023-Q2) own money short by 17,000 - 7,110 - 2 x 1,000.
run check "$data/scenario.json"
short=$(echo "$((17000 - 7110 - 2 * 1000))" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
check "check: at least 4 extensions, with the own money short without them" has \
	"at least 4 of its 6 extensions needed (to 2025-07-15): with fewer, its eligible high-risk sites cost more by the end of 2024-Q4 than the own budget and every fund can pay by then; finishing with 0, by the end of 2023-Q2, would take at least USD $short.00 of own money" \
	"$work/stdout"

# A cap only the funds' money keeps (tests/data/plan/funds-cap): check
# may not call it impossible from the own budget alone, and the plan
# keeps it.
cap=$root/tests/data/plan/funds-cap
run check "$cap/scenario.json"
check "check: a cap the funds' money keeps is not called impossible" status_is 0
check "check: its money proof is kept as a note, said to be unproven" has \
	"(not proven: the pre-check does not count the ledger's swaps and the funds' money)" \
	"$work/stdout"
run plan "$cap/scenario.json" -o "$work/cap"
check "the cap the funds keep: plan exits 0" status_is 0
check "the cap the funds keep: H3 goes to Nokia in 2025-Q1, E = 12" python3 -c '
import csv, json, sys
rows = {r["site_id"]: r for r in csv.DictReader(open(sys.argv[1] + "/plan.csv"))}
s = json.load(open(sys.argv[1] + "/summary.json"))
sys.exit(not (rows["H3"]["period"] == "2025-Q1" and rows["H3"]["to_vendor"] == "Nokia"
              and s["exposure"] == 12 and s["status"] == "optimal"))' "$work/cap"

# Own money and its bound to the cent (tests/data/plan/funds-cents): the
# exact own present cost 24,132.2952 gives rows that sum to 24,132.29;
# the bound printed is never above the value printed.
cents=$root/tests/data/plan/funds-cents
run plan "$cents/scenario.json" -o "$work/cents"
check "own money to the cent: plan exits 0, optimal" json_is "$work/cents/summary.json" status '"optimal"'
check "own money to the cent: the text report's value and bound agree" has \
	"own money: GBP 24,132.29 present value (bound GBP 24,132.29, gap 0.00%)" "$work/stdout"
check "own money to the cent: summary.json's bound is not above own_present_cost" \
	json_holds "$work/cents/summary.json" \
	'j["own_present_cost"] == 24132.29 and j["bound"] == 24132.29' \
	'(j["own_present_cost"], j["bound"])'

run plan "$data/scenario.json" -o "$work/exp"
check "exposure: plan exits 0" status_is 0
check "exposure: the plan's figures add up and keep the fund's rules" audit "$work/exp" "$data/scenario.json"
check "exposure: the text report has the fund's line" \
	grep -Eq '^  Reimbursement: [0-9.]+k of 18k paid; [0-9] of 6 extensions needed, to 20[0-9-]+$' "$work/stdout"
check "exposure: the fund deadline is a rule that holds" json_holds "$work/exp/summary.json" \
	'[r["holds"] for r in j["rules"] if r["label"] == "high-risk sites eligible for Reimbursement swapped by 2026-07-15"] == [True]'
# By the end of 2024 the fund and own money give 7,110 + 3,000 < 17,000,
# so no plan finishes by D(3) (README.md): at least 4 extensions.
check "exposure: at least the 4 extensions the money forces" json_holds "$work/exp/summary.json" \
	'j["funds"][0]["extensions_needed"] >= 4'

run plan "$data/own.json" -o "$work/own"
check "own_cost: plan exits 0" status_is 0
check "own_cost: the plan's figures add up and keep the fund's rules" audit "$work/own" "$data/own.json"
check "own_cost: summary.json names the objective" json_is "$work/own/summary.json" objective '"own_cost"'
check "own_cost: no more own money than the exposure plan spends" python3 -c '
import json, sys
own = json.load(open(sys.argv[1]))["own_present_cost"]
exp = json.load(open(sys.argv[2]))["own_present_cost"]
sys.exit(0 if own <= exp + 1e-9 else 1)' "$work/own/summary.json" "$work/exp/summary.json"
check "own_cost: every HR site swapped (the completion rule)" json_is "$work/own/summary.json" hr_units_left 0

check "plancheck: the exposure plan holds" "$plancheck" "$data/scenario.json" "$work/exp"
check "plancheck: the own_cost plan holds" "$plancheck" "$data/own.json" "$work/own"
# The first row paid by its own money instead: its year's budget breaks.
cp -r "$work/own" "$work/tampered"
awk -F, -v OFS=, 'NR == 2 { t = $16; $16 = $17; $17 = t; $18 = "" } { print }' \
	"$work/own/plan.csv" >"$work/tampered/plan.csv"
check "plancheck: a plan whose own money breaks the budget fails" fails \
	"$plancheck" "$data/own.json" "$work/tampered"

# The exported model's first stage is the extensions stage: glpsol's
# optimum is the count the plan reports.
"$phaseout" export "$data/own.json" --lp "$work/own.lp" 2>/dev/null
check "export writes the funds model" test -s "$work/own.lp"
glpsol --lp "$work/own.lp" -o "$work/own.sol" >/dev/null 2>&1
check "glpsol on the export: least extensions = the plan's" test \
	"$(sed -n 's/^Objective: *objective = \([0-9.e+-]*\).*/\1/p' "$work/own.sol")" = \
	"$(json_get "$work/own/summary.json" funds.0.extensions_needed)"

# MathProg's model has no funds: its data would plan without them.
run export "$data/scenario.json" --mathprog "$work/funds.dat"
check "export --mathprog refuses funds: exit 2" status_is 2
check "export --mathprog refuses funds: says why" has "does not model 'funds' yet" "$work/stderr"
check "export --mathprog refuses funds: writes nothing" test ! -e "$work/funds.dat"

# sweep: total_funds is the funds' money (never scaled), total_budget own.
"$phaseout" sweep "$data/scenario.json" --budget-scale 0.5:1:0.5 -q -o "$work/sweep"
check "sweep: total_funds is the disbursed money at every scale" python3 -c '
import csv, json, sys
sc = json.load(open(sys.argv[1]))
money = sum(sum(f["disbursements"].values()) for f in sc["funds"])
rows = list(csv.DictReader(open(sys.argv[2])))
sys.exit(0 if rows and all(float(r["total_funds"]) == money and
    float(r["total_budget"]) == float(r["budget_scale"]) * sc["budget"] * 5 for r in rows) else 1)' \
	"$data/scenario.json" "$work/sweep/sensitivity.csv"

# Too few extensions: no plan (exit 3); the diagnosis names the fund's
# money beside the budget.
run plan "$data/two-extensions.json" -o "$work/short"
check "two extensions: plan exits 3" status_is 3
check "two extensions: the fund deadline is the rule that fails" json_holds "$work/short/summary.json" \
	'[r["label"] for r in j["rules"] if not r["holds"]] == ["high-risk sites eligible for Reimbursement swapped by 2024-07-15"]'
check "two extensions: the diagnosis counts the fund's money" has \
	"budgeted and USD 7,110.00 from fund 'Reimbursement' up to 2024-Q2" "$work/stdout"

# A fund whose final date binds before the horizon's first period ends,
# with eligible sites unswapped: no plan (exit 3).
run plan "$root/tests/cli/cases/check-fund-impossible/scenario.json" -q
check "a fund deadline before any period ends: plan exits 3" status_is 3

# --- Funds with a re-plan (tests/data/plan/funds-replan, README.md there
# works the figures out): the ledger's funded items are the payments of
# 2022-23 and a contract of 2024; a committed core swap alone overspends
# 2024, and with carry_over that deficit lowers 2025's money to 0.
rdata=$root/tests/data/plan/funds-replan
# money SITE DIR: plan.csv's period, status, own, funded and fund of SITE
money() { awk -F, -v s="$1" '$2 == s { print $14 " " $15 " " $16 " " $17 " " $18 }' "$2/plan.csv"; }
# year DIR YEAR: timeline.csv's available, spend, unspent, own and funded
year() { awk -F, -v y="$2" '$1 == y { print $3 " " $4 " " $5 " " $14 " " $15 }' "$1/timeline.csv"; }
run plan "$rdata/scenario.json" -o "$work/re"
check "re-plan: plan exits 0" status_is 0
check "re-plan: a done row's own cost is its cost less its funded items" \
	test "$(money r1 "$work/re")" = "2022 done 100.00 300.00 Reimbursement"
check "re-plan: a done row wholly funded" \
	test "$(money r2 "$work/re")" = "2023 done 0.00 300.00 Reimbursement"
check "re-plan: a committed row's contracted payment" \
	test "$(money r7 "$work/re")" = "2024 committed 0.00 100.00 Reimbursement"
check "re-plan: a committed row the fund does not cover is own money" \
	test "$(money c1 "$work/re")" = "2024 committed 1500.00 0.00 "
check "re-plan: the fund's 1,900 left from 2024 pays the planned swaps of 2024" \
	test "$(money r3 "$work/re") $(money r4 "$work/re") $(money r6 "$work/re")" = \
	"2024 planned 0.00 500.00 Reimbursement 2024 planned 0.00 600.00 Reimbursement 2024 planned 0.00 700.00 Reimbursement"
check "re-plan: the last 100 of the fund and 100 own in 2026" \
	test "$(money r5 "$work/re")" = "2026 planned 100.00 100.00 Reimbursement"
check "re-plan: history carries 300 and 700 (own spend 100 and 0)" \
	test "$(year "$work/re" 2022)|$(year "$work/re" 2023)" = \
	"400.00 400.00 300.00 100.00 300.00|700.00 300.00 700.00 0.00 300.00"
check "re-plan: 2024's own 1,500 against 1,100 leaves a deficit of 400" \
	test "$(year "$work/re" 2024)" = "1100.00 3400.00 -400.00 1500.00 1900.00"
check "re-plan: the deficit carries: 2025 has 400 - 400 = 0" \
	test "$(year "$work/re" 2025)" = "0.00 0.00 0.00 0.00 0.00"
check "re-plan: 2026 has its 400 again" \
	test "$(year "$work/re" 2026)" = "400.00 200.00 300.00 100.00 100.00"
check "re-plan: summary.json's fund paid, the ledger's 700 included" json_holds "$work/re/summary.json" \
	'(j["funds"][0]["paid"], j["funds"][0]["unused"], j["funds"][0]["extensions_needed"]) == (2600, 0, 4)'
check "re-plan: own present cost 100 + 0 + 1,500 + 100" json_is "$work/re/summary.json" own_present_cost 1700
check "re-plan: the text report's fund line" has \
	"Reimbursement: 2.6k of 2.6k paid; 4 of 4 extensions needed, to 2027-07-15" "$work/stdout"
# check's proof of the extensions counts the ledger (README.md there):
# by the end of 2024 the planner has the fund's 1,900 the ledger left and
# no own money (c1's 1,500 against 1,100), by the end of 2025 still none
# (the deficit of 400 carries), so the sites' 2,000 need 4 extensions,
# the planner's count; the money before the re-plan counted twice gave 2.
run check "$rdata/scenario.json"
check "re-plan: check's 2024 note names the ledger's excess and the deficit it carries" has \
	"ledger: own spend in 2024 is USD 1,500.00, USD 400.00 above the USD 1,100.00 available (carry-over included); the deficit carries into 2025" \
	"$work/stdout"
check "re-plan: check proves the 4 extensions the plan needs, counting the ledger" has \
	"at least 4 of its 4 extensions needed (to 2027-07-15): with fewer, its eligible high-risk sites cost more by the end of 2025 than the own money the ledger leaves and every fund's money the ledger has not used can pay by then; finishing with 2, by the end of 2024 (the first its sites' earliest periods allow), would take at least USD 100.00 of own money beyond the budget" \
	"$work/stdout"
run check "$rdata/forgiven.json"
check "forgiven: without carry_over check proves 3 extensions, the plan's" has \
	"at least 3 of its 4 extensions needed (to 2026-07-15)" "$work/stdout"
# A deficit from before the re-plan (deficit.json, README.md there): the
# ledger's 2023 leaves 500 unpaid, carried into 2024; the fund's 1,900
# left cannot pay the 2,000 due by the end of 2024. check proves it,
# plan exits 3 and its diagnosis names the deficit.
run check "$rdata/deficit.json"
check "deficit: check proves the fund deadline impossible, exit 3" status_is 3
check "deficit: check counts the money the ledger leaves" has \
	"impossible: the deadline of fund 'Reimbursement' cannot hold with every extension: its 4 eligible high-risk sites still to swap cost at least USD 2,000.00, but the own money the ledger leaves and every fund's money the ledger has not used can pay at most USD 1,900.00 by the end of 2024" \
	"$work/stdout"
run plan "$rdata/deficit.json" -o "$work/def"
check "deficit: plan exits 3" status_is 3
check "deficit: the diagnosis says money binds" has \
	"money binds: the closest plan spends USD 3,800.00 of the USD 1,200.00 budgeted and USD 2,600.00 from fund 'Reimbursement' up to 2024, and the late sites alone would cost at least USD 200.00" \
	"$work/stdout"
check "deficit: the diagnosis names the deficit history carries, once" test \
	"$(grep -c "^    a deficit carries from before the re-plan: the ledger's own spend left a deficit of USD 500.00 at the end of 2023, carried into 2024 against its USD 400.00 budget$" "$work/stdout")" = 1
check "re-plan: plancheck holds the plan" "$plancheck" "$rdata/scenario.json" "$work/re"
cp -r "$work/re" "$work/re-moved"
awk -F, -v OFS=, '$2 == "r5" { $1 = 2025; $14 = 2025 } { print }' "$work/re/plan.csv" >"$work/re-moved/plan.csv"
run_plancheck() { "$plancheck" "$@" >"$work/stdout" 2>&1; }
run_plancheck "$rdata/scenario.json" "$work/re-moved"
check "plancheck: own money in 2025, which the deficit emptied, fails" has \
	"budget: 2025 spends 100.00, 0.00 available" "$work/stdout"
cp -r "$work/re" "$work/re-ledger"
awk -F, -v OFS=, '$2 == "r1" { $16 = "400.00"; $17 = "0.00"; $18 = "" } { print }' \
	"$work/re/plan.csv" >"$work/re-ledger/plan.csv"
run_plancheck "$rdata/scenario.json" "$work/re-ledger"
check "plancheck: a done row without its funded items fails" has \
	"funded_cost 0.00 of ledger site 'r1' is not its funded items' 300.00" "$work/stdout"

run plan "$rdata/forgiven.json" -o "$work/fg"
check "forgiven: without carry_over 2024's deficit is forgiven, 2025 has 400" \
	test "$(year "$work/fg" 2024)|$(year "$work/fg" 2025)" = \
	"400.00 3400.00 -1100.00 1500.00 1900.00|400.00 200.00 300.00 100.00 100.00"
check "forgiven: r5 goes in 2025, one extension fewer" \
	test "$(money r5 "$work/fg") $(json_get "$work/fg/summary.json" funds.0.extensions_needed)" = \
	"2025 planned 100.00 100.00 Reimbursement 3"
check "forgiven: plancheck holds the plan" "$plancheck" "$rdata/forgiven.json" "$work/fg"

# The exported model is the combined one: its first stage (extensions)
# solved by glpsol is the count each plan reports.
for f in scenario forgiven; do
	"$phaseout" export "$rdata/$f.json" --lp "$work/re-$f.lp" 2>/dev/null
	glpsol --lp "$work/re-$f.lp" -o "$work/re-$f.sol" >/dev/null 2>&1
done
check "re-plan export: glpsol's least extensions are 4 and 3, as planned" test \
	"$(sed -n 's/^Objective: *objective = \([0-9.e+-]*\).*/\1/p' "$work/re-scenario.sol" "$work/re-forgiven.sol" | tr '\n' ' ')" = "4 3 "
run export "$rdata/scenario.json" --mathprog "$work/re.dat"
check "re-plan export --mathprog: refused, exit 2, nothing written" test \
	"$(cat "$work/status")" = 2 -a ! -e "$work/re.dat"
check "re-plan export --mathprog: says why" has "does not carry replan_from and the fixed ledger" "$work/stderr"

run plan "$rdata/missed.json" -o "$work/missed"
check "missed: a fund deadline missed before the re-plan still plans (exit 0)" status_is 0
check "missed: reported as broken before the re-plan" has \
	"broken before the re-plan: high-risk sites eligible for Reimbursement swapped by 2024-07-15 (5 sites, 21 units late" "$work/stdout"
check "missed: the fund pays nothing after its final date" \
	test "$(money r5 "$work/missed")" = "2026 planned 200.00 0.00 "
check "missed: plancheck holds the plan and its broken_before_replan" \
	"$plancheck" "$rdata/missed.json" "$work/missed"
# tamper_summary EXPR NAME: a copy of the missed plan whose summary.json
# has EXPR applied (python, on j), checked by plancheck into $work/stdout.
tamper_summary() {
	rm -rf "${work:?}/$2"
	cp -r "$work/missed" "$work/$2"
	python3 -c 'import json, sys
j = json.load(open(sys.argv[1]))
exec(sys.argv[2])
json.dump(j, open(sys.argv[1], "w"))' "$work/$2/summary.json" "$1"
	run_plancheck "$rdata/missed.json" "$work/$2"
}
tamper_summary 'j["broken_before_replan"] = []' missed-unlisted
check "plancheck: a rule the ledger breaks, not listed as broken before the re-plan, fails" has \
	"the ledger alone breaks 'high-risk sites eligible for Reimbursement swapped by 2024-07-15', which summary.json's broken_before_replan does not list" \
	"$work/stdout"
tamper_summary 'j["broken_before_replan"][0]["units_late"] += 1' missed-units
check "plancheck: the units late for a broken rule are recounted" has \
	"swapped by 2024-07-15' has 5 sites and 22 units late, the plan 5 and 21" "$work/stdout"
tamper_summary 'j["broken_before_replan"].append({"rule": j["rules"][0]["label"], "sites_late": 0, "units_late": 0})' missed-extra
check "plancheck: a rule listed as broken that the ledger does not break fails" has \
	"as broken before the re-plan; the ledger alone does not break it" "$work/stdout"

# --- Re-plans with funds on which the planner once disagreed with the
# brute force (tests/data/plan/inflight-found/README.md).
found=$root/tests/data/plan/inflight-found
run plan "$found/ledger-overrun/scenario.json" -o "$work/overrun"
check "ledger overrun: plan exits 0" status_is 0
check "ledger overrun: a done row paid before the fund's money keeps its funded item" \
	test "$(money H4 "$work/overrun")" = "2025-H1 done 12750.00 38250.00 fund-1"
check "ledger overrun: the fund's paid counts the ledger's item" json_holds "$work/overrun/summary.json" \
	'j["funds"][0]["paid"] == 59105 and j["own_present_cost"] == 135605'
check "ledger overrun: plancheck holds the plan" "$plancheck" "$found/ledger-overrun/scenario.json" "$work/overrun"
run plan "$found/ledger-extension/scenario.json" -o "$work/ledger-ext"
check "a committed swap after D(0) needs an extension: c1 goes in 2025 too (E = 8)" json_holds \
	"$work/ledger-ext/summary.json" \
	'(j["exposure"], j["funds"][0]["extensions_needed"], j["status"]) == (8, 1, "optimal")'
run plan "$found/own-tie/scenario.json" -o "$work/own-tie"
check "own_cost tie: H3 whole from the fund in 2024-08, E = 9.666667" \
	test "$(money H3 "$work/own-tie") $(json_get "$work/own-tie/summary.json" exposure)" = \
	"2024-08 planned 0.00 48000.00 fund-1 9.666667"
check "own_cost tie: the fund pays all its 58,000 by its final date" json_holds "$work/own-tie/summary.json" \
	'j["funds"][0]["paid"] == 58000 and j["own_present_cost"] == 118095.58'
run plan "$found/own-cent/scenario.json" -o "$work/own-cent"
check "own cent: rows the fund pays whole keep no own cent" \
	test "$(money H1 "$work/own-cent")|$(money H4 "$work/own-cent")" = \
	"2024-Q3 planned 0.00 8197.57 fund-1|2024-Q3 planned 0.00 93247.26 fund-1"
check "own cent: plancheck holds 2024's own spend to the ledger's 92,906.66" \
	"$plancheck" "$found/own-cent/scenario.json" "$work/own-cent"
run plan "$found/ledger-items/scenario.json" -o "$work/ledger-items"
check "ledger items: a done row's funded cost is its items to the cent, its own the cent left" \
	test "$(money H4 "$work/ledger-items")" = "2025-Q3 done 0.01 45086.58 fund-1;fund-2"
check "ledger items: plancheck holds the plan" "$plancheck" "$found/ledger-items/scenario.json" "$work/ledger-items"

# Bad funded items in the ledger: located, exit 2, nothing written.
mkdir "$work/bad"
cp "$rdata/scenario.json" "$rdata/sites.csv" "$work/bad/"
printf 'site_id,when,to_vendor,cost,funded\nr1,2022,Ericsson,,Reimbursment=300\nr7,2024,Ericsson,,Reimbursement\n' \
	>"$work/bad/fixed.csv"
run plan "$work/bad/scenario.json" -o "$work/bad/out"
check "bad funded: exit 2, nothing written" test "$(cat "$work/status")" = 2 -a ! -e "$work/bad/out"
check "bad funded: an unknown fund at its cell" has \
	"fixed.csv:2:5: funded names 'Reimbursment', which is no fund in 'funds' of" "$work/stderr"
check "bad funded: an item without an amount, in the same run" has \
	"fixed.csv:3:5: funded item 'Reimbursement' must be FUND=AMOUNT" "$work/stderr"
printf 'site_id,when,to_vendor,cost,funded\nr2,2023,Ericsson,,Reimbursement=300.01\n' >"$work/bad/fixed.csv"
run plan "$work/bad/scenario.json" -o "$work/bad/out"
check "bad funded: more than the model's cost of the row, exit 2" status_is 2
check "bad funded: more than the row's cost, located" has \
	"fixed.csv:2:5: funded pays USD 300.01 in all, more than the row's cost USD 300.00" "$work/stderr"

tap_done
