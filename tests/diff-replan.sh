#!/bin/sh
# diff-replan.sh PHASEOUT SOURCE_ROOT: `diff` between a baseline and its
# re-plan compares like with like (issue 14 item 3; model-2.md "Periods,
# money and exposure": escalation and discounting count from the
# horizon's first day, in a re-plan too). On the small half-yearly
# network of tests/data/replan (uk-2022 in small: a core deadline of
# 31 Dec 2023, a re-plan on 1 Jan 2024 with a ledger of 2022-23's swaps
# and a contract for 2024): plan original.json, then the re-plan with
# --baseline, then diff them. Every site's present value in both plans is
# worked out by hand below from the scenario's prices (cost escalation
# 5%, discount rate 3%, both from 1 Jan 2022); the moved sites' present
# value differences and diff's present-cost change are their sums; a site
# in the same period with the same vendor in both has a zero difference
# (had the re-plan discounted from 2024, it would not).
# Prints TAP.
set -u
phaseout=$1
root=$2
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir
tap_context=$work/stderr
data=$root/tests/data/replan

run plan "$data/original.json" -q -o "$work/base"
check "the original plan exits 0" status_is 0
run plan "$data/scenario.json" -q -o "$work/replan" --baseline "$work/base"
check "the re-plan with --baseline exits 0" status_is 0
run diff "$work/base" "$work/replan" -o "$work/diff"
check "diff exits 0" status_is 0

# The hand computation: the present value of each site's swap in the
# period and to the vendor its plan gives it (ties between equally good
# plans may be broken either way, so the periods are read from plan.csv;
# the prices are worked out here). Site cost ran 50, core 100; unit cost
# Ericsson ran 100, core 400, Nokia ran 90; nominal = (site cost + units x
# unit cost) x 1.05^t, present = nominal x 1.03^-t, t = years from
# 1 Jan 2022 (2022-H2: 0.5, 2024-H1: 2, 2025-H1: 3); a ledger row's
# written cost (R1 400 in 2022-H1, C2 600 in 2024-H1, the re-plan's) is
# nominal as is, discounted the same way. Each figure is rounded to the
# cent the way plan.csv writes it (parts first, then their sum, then the
# present value of the sum).
cat >"$work/hand.py" <<'PY'
SITES = {"C1": ("core", 1), "C2": ("core", 1), "C3": ("core", 1),
         "R1": ("ran", 2), "R2": ("ran", 3), "R3": ("ran", 2),
         "R4": ("ran", 1), "R5": ("ran", 2), "R6": ("ran", 3)}
SITE_COST = {"core": 100, "ran": 50}
UNIT_COST = {("Ericsson", "core"): 400, ("Ericsson", "ran"): 100,
             ("Nokia", "ran"): 90}
WRITTEN = {("R1", "2022-H1"): 400, ("C2", "2024-H1"): 600}

def t_of(period):
    year, half = period.split("-H")
    return int(year) - 2022 + (0.5 if half == "2" else 0)

def pv(site, period, vendor, replan):
    t = t_of(period)
    if replan and (site, period) in WRITTEN:
        return round(WRITTEN[site, period] * 1.03 ** -t, 2)
    domain, units = SITES[site]
    equipment = round(units * UNIT_COST[vendor, domain] * 1.05 ** t, 2)
    site_cost = round(SITE_COST[domain] * 1.05 ** t, 2)
    return round((equipment + site_cost) * 1.03 ** -t, 2)
PY

# holds PYTHON: the expression holds with 'a' and 'b' the plans' plan.csv
# rows by site_id, 'base' and 'replan' each site's (period, vendor, the
# hand-computed present value of that swap), 'moved' the site_ids
# diff.csv lists and 'text' diff's report.
holds() {
	python3 - "$work" "$1" <<'PY'
import csv, sys
work = sys.argv[1]
exec(open(work + "/hand.py").read())
def rows(path):
    with open(path, newline="") as f:
        return {r["site_id"]: r for r in csv.DictReader(f)}
a, b = rows(work + "/base/plan.csv"), rows(work + "/replan/plan.csv")
base = {s: (a[s]["period"], a[s]["to_vendor"],
            pv(s, a[s]["period"], a[s]["to_vendor"], False)) for s in SITES}
replan = {s: (b[s]["period"], b[s]["to_vendor"],
              pv(s, b[s]["period"], b[s]["to_vendor"], True)) for s in SITES}
moved = set(rows(work + "/diff/diff.csv"))
same = {s for s in SITES if base[s][:2] == replan[s][:2]}
text = open(work + "/stdout").read()
if not eval(sys.argv[2]):
    sys.exit("not " + sys.argv[2])
PY
}

check "every site of both plans is swapped" \
	holds 'all(a[s]["period"] and b[s]["period"] for s in SITES)'
check "the original plan's present values are the hand computation's, site by site" \
	holds 'all(float(a[s]["present_value"]) == base[s][2] for s in SITES)'
check "the re-plan's present values are the hand computation's, discounted from 2022" \
	holds 'all(float(b[s]["present_value"]) == replan[s][2] for s in SITES) and replan["C1"][:2] == ("2022-H2", "Ericsson") and replan["C1"][2] == 504.83 and replan["C2"][2] == 565.56'
check "diff lists exactly the sites whose period or vendor differ" \
	holds 'moved == set(SITES) - same and len(moved) >= 5'
check "each moved site's present value difference is the hand-computed one" \
	holds 'all(round(float(b[s]["present_value"]) - float(a[s]["present_value"]), 2) == round(replan[s][2] - base[s][2], 2) for s in moved)'
check "a site planned alike in both has a zero cost difference (at least two such sites)" \
	holds 'len(same) >= 2 and all(float(b[s]["present_value"]) == float(a[s]["present_value"]) and b[s]["total_cost"] == a[s]["total_cost"] for s in same)'
check "diff's present cost of each plan is the hand-computed total" \
	holds '[l.replace(",", "").split()[2:4] for l in text.splitlines() if l.split()[:2] == ["present", "cost"]] == [["%.2f" % sum(p[2] for p in base.values()), "%.2f" % sum(p[2] for p in replan.values())]]'
check "diff's present-cost change is the sum of the moved sites' differences" \
	holds '[l.replace(",", "").split()[-1] for l in text.splitlines() if l.split()[:2] == ["present", "cost"]] == ["%+.2f" % sum(replan[s][2] - base[s][2] for s in moved)]'
tap_done
