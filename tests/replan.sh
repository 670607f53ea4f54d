#!/bin/sh
# replan.sh PHASEOUT SOURCE_ROOT: plan re-plans in mid-programme
# (replan_from and the `fixed` ledger; model-2.md rule 6, "Rules already
# broken when re-planning"; cli-and-outputs-2.md "Files") on the small
# half-yearly network of tests/data/replan:
# 1. every ledger row stays in its period, with its vendor, and is
#    reported done (before replan_from) or committed; a written cost is
#    the row's total as is, equipment and site cost left empty;
# 2. the planner adds no swap before replan_from, and prices its own by
#    escalating from the horizon's first day;
# 3. the core deadline of 31 Dec 2023 is broken before the re-plan: it is
#    reported in summary.json and the text, the plan still exits 0, and its
#    late site goes in the first period the budget allows (least V_b);
# 4. summary.json's exposure_from_replan and planned_present_cost are the
#    sums of timeline.csv's and plan.csv's rows from the re-plan on;
# 5. a committed swap above its year's budget: the plan exits 0 and adds
#    nothing in that year; history above its year's budget: the deficit
#    carries into the next year with carry_over;
# 6. export --lp writes the pinned model, and glpsol's optimum of it is
#    the plan's exposure; --mathprog, whose model has no history, refuses.
# Prints TAP.
set -u
phaseout=$1
root=$2
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir
tap_context=$work/stderr
data=$root/tests/data/replan

run plan "$data/scenario.json" -o "$work/p"
check "a re-plan with a broken deadline exits 0" status_is 0

# rows DIR PYTHON: the Python expression holds with 'rows' plan.csv's
# rows (dicts by site_id) and 'tl' timeline.csv's rows.
rows() {
	python3 - "$1" "$2" <<'PY'
import csv, sys
d = sys.argv[1]
with open(d + "/plan.csv", newline="") as f:
    rows = {r["site_id"]: r for r in csv.DictReader(f)}
with open(d + "/timeline.csv", newline="") as f:
    tl = list(csv.DictReader(f))
if not eval(sys.argv[2]):
    sys.exit("not " + sys.argv[2] + "\n" + "\n".join(str(r) for r in rows.values()))
PY
}

check "ledger rows stay where the ledger puts them, done or committed" \
	rows "$work/p" '[(rows[s]["period"], rows[s]["to_vendor"], rows[s]["status"]) for s in ("R1", "C1", "R3", "C2")] == [("2022-H1", "Nokia", "done"), ("2022-H2", "Ericsson", "done"), ("2023-H1", "Ericsson", "done"), ("2024-H1", "Ericsson", "committed")]'
check "a written ledger cost is the row's total, never escalated, with no split" \
	rows "$work/p" 'rows["R1"]["total_cost"] == "400.00" and rows["C2"]["total_cost"] == "600.00" and rows["C2"]["equipment_cost"] == rows["C2"]["site_cost"] == ""'
check "a ledger row without a cost gets the model's, escalated from the start" \
	rows "$work/p" 'rows["C1"]["total_cost"] == "%.2f" % ((100 + 400) * 1.05 ** 0.5)'
check "the planner swaps nothing before replan_from" \
	rows "$work/p" 'all(r["period"] >= "2024-H1" for r in rows.values() if r["status"] == "planned")'
check "a planned swap escalates from the horizon's first day, not from replan_from" \
	rows "$work/p" 'all(abs(float(r["total_cost"]) - (float(r["equipment_cost"]) + float(r["site_cost"]))) < 0.006 and abs(float(r["site_cost"]) - {"ran": 50, "core": 100}[r["domain"]] * 1.05 ** (int(r["period"][:4]) - 2022 + (0.5 if r["period"].endswith("H2") else 0))) < 0.006 for r in rows.values() if r["status"] == "planned")'
check "the late core site goes in the re-plan's first period (least V_b)" \
	rows "$work/p" 'rows["C3"]["period"] == "2024-H1"'
check "summary.json: replan_from" json_is "$work/p/summary.json" replan_from '"2024-01-01"'
check "summary.json: the broken deadline with its late sites and units" \
	json_is "$work/p/summary.json" broken_before_replan \
	'[{"rule": "core high-risk sites swapped by 31 Dec 2023", "sites_late": 2, "units_late": 2}]'
check "text: the broken rule is named as such" \
	has "broken before the re-plan: core high-risk sites swapped by 31 Dec 2023" "$work/stdout"
check "text: history periods are marked" has "^2023-H2 \*" "$work/stdout"
exp=$(json_get "$work/p/summary.json" exposure_from_replan)
check "exposure_from_replan is the timeline's exposure from 2024-H1 on" \
	rows "$work/p" "abs(sum(float(r['exposure']) for r in tl if r['period'] >= '2024-H1') - $exp) < 1e-6"
ppc=$(json_get "$work/p/summary.json" planned_present_cost)
check "planned_present_cost is the planned rows' present value" \
	rows "$work/p" "round(sum(float(r['present_value']) for r in rows.values() if r['status'] == 'planned'), 2) == $ppc"

run plan "$data/committed-over-budget.json" -o "$work/o"
check "a contract above its year's budget: exit 0" status_is 0
check "... and the planner adds nothing in that year" \
	rows "$work/o" 'not any(r["period"].startswith("2025") for r in rows.values() if r["status"] == "planned") and rows["R6"]["status"] == "committed"'
check "... while a site it could not pay for stays unswapped" \
	rows "$work/o" 'any(r["status"] == "unswapped" for r in rows.values())'

run plan "$data/history-deficit.json" -o "$work/d"
check "history that overspent its year: exit 0" status_is 0
check "... its deficit carries into the next year's money (carry_over)" \
	rows "$work/d" 'abs(float(tl[2]["available"]) - (1200 + 700 - sum(float(r["spend"]) for r in tl[:2]))) < 0.006 and float(tl[1]["unspent"]) < 0'
check "... and the planner spends no more than the money left" \
	rows "$work/d" 'all(float(r["spend"]) <= float(r["available"]) + 0.005 for r in tl[4:])'

run export "$data/committed-over-budget.json" --lp "$work/m.lp"
check "export --lp writes the pinned model" status_is 0
glpsol --lp "$work/m.lp" -o "$work/m.sol" >/dev/null 2>&1
e=$(json_get "$work/o/summary.json" exposure)
# the LP file gives the objective's constant in a comment only
check "glpsol's optimum of the exported model plus its constant is the plan's exposure" \
	python3 -c "import re,sys; t=open(sys.argv[1]).read(); c=float(re.search(r'constant term = (\S+)', open(sys.argv[2]).read()).group(1)); v=float(re.search(r'Objective:\s+\S+ = (\S+)', t).group(1)); sys.exit(abs(v + c - $e) > 1e-6)" "$work/m.sol" "$work/m.lp"

run export "$data/scenario.json" --mathprog "$work/m.dat"
check "export --mathprog refuses a re-plan (models/phaseout.mod has no history): exit 2" status_is 2
check "... saying so, and writing nothing" sh -c "grep -q 'mathprog does not carry replan_from' '$work/stderr' && test ! -e '$work/m.dat'"

tap_done
