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

# The hand computation: the (period, vendor, present value) each plan
# gives each site. Site cost ran 50, core 100; unit cost Ericsson ran 100,
# core 400, Nokia ran 90; nominal = (site cost + units x unit cost) x
# 1.05^t, present = nominal x 1.03^-t, t = years from 1 Jan 2022 (2022-H2:
# 0.5, 2024-H1: 2, 2025-H1: 3); a ledger row's written cost is nominal as
# is, discounted the same way. Each figure is rounded to the cent the way
# plan.csv writes it (parts first, then their sum, then the present value
# of the sum).
cat >"$work/hand.py" <<'PY'
def pv(site_cost, units, unit_cost, t):
    equipment = round(units * unit_cost * 1.05 ** t, 2)
    site = round(site_cost * 1.05 ** t, 2)
    return round((equipment + site) * 1.03 ** -t, 2)

def written(cost, t):
    return round(cost * 1.03 ** -t, 2)

base = {
    "C1": ("2023-H1", "Ericsson", pv(100, 1, 400, 1)),  # 509.71
    "C2": ("2022-H1", "Ericsson", pv(100, 1, 400, 0)),  # 500.00
    "C3": ("2023-H1", "Ericsson", pv(100, 1, 400, 1)),  # 509.71
    "R1": ("2023-H1", "Nokia", pv(50, 2, 90, 1)),       # 234.47
    "R2": ("2022-H1", "Nokia", pv(50, 3, 90, 0)),       # 320.00
    "R3": ("2022-H1", "Ericsson", pv(50, 2, 100, 0)),   # 250.00
    "R4": ("2024-H1", "Nokia", pv(50, 1, 90, 2)),       # 145.49
    "R5": ("2024-H1", "Ericsson", pv(50, 2, 100, 2)),   # 259.80
    "R6": ("2024-H1", "Nokia", pv(50, 3, 90, 2)),       # 332.55
}
replan = {
    "C1": ("2022-H2", "Ericsson", pv(100, 1, 400, 0.5)),  # done: 504.83
    "C2": ("2024-H1", "Ericsson", written(600, 2)),       # committed at 600: 565.56
    "C3": ("2024-H1", "Ericsson", pv(100, 1, 400, 2)),    # late core site: 519.61
    "R1": ("2022-H1", "Nokia", written(400, 0)),          # done at 400: 400.00
    "R2": ("2024-H1", "Ericsson", pv(50, 3, 100, 2)),     # 363.72
    "R3": ("2023-H1", "Ericsson", pv(50, 2, 100, 1)),     # done: 254.85
    "R4": ("2024-H1", "Nokia", pv(50, 1, 90, 2)),         # unchanged: 145.49
    "R5": ("2025-H1", "Nokia", pv(50, 2, 90, 3)),         # 243.66
    "R6": ("2024-H1", "Nokia", pv(50, 3, 90, 2)),         # unchanged: 332.55
}
PY

# holds PYTHON: the expression holds with 'base' and 'replan' the hand
# figures, 'a' and 'b' the plans' plan.csv rows by site_id, 'moved' the
# site_ids diff.csv lists and 'text' diff's report.
holds() {
	python3 - "$work" "$1" <<'PY'
import csv, sys
work = sys.argv[1]
exec(open(work + "/hand.py").read())
def rows(path):
    with open(path, newline="") as f:
        return {r["site_id"]: r for r in csv.DictReader(f)}
a, b = rows(work + "/base/plan.csv"), rows(work + "/replan/plan.csv")
moved = set(rows(work + "/diff/diff.csv"))
text = open(work + "/stdout").read()
if not eval(sys.argv[2]):
    sys.exit("not " + sys.argv[2])
PY
}

check "the original plan is the hand computation's, site by site" \
	holds 'all((a[s]["period"], a[s]["to_vendor"], float(a[s]["present_value"])) == base[s] for s in base)'
check "the re-plan is the hand computation's, site by site, discounted from 2022" \
	holds 'all((b[s]["period"], b[s]["to_vendor"], float(b[s]["present_value"])) == replan[s] for s in replan)'
check "diff lists exactly the sites whose period or vendor differ" \
	holds 'moved == {s for s in base if base[s][:2] != replan[s][:2]} == {"C1", "C2", "C3", "R1", "R2", "R3", "R5"}'
check "each moved site's present value difference is the hand-computed one" \
	holds 'all(round(float(b[s]["present_value"]) - float(a[s]["present_value"]), 2) == round(replan[s][2] - base[s][2], 2) for s in moved) and round(replan["C2"][2] - base["C2"][2], 2) == 65.56 and round(replan["R5"][2] - base["R5"][2], 2) == -16.14'
check "an unchanged site has a zero cost difference (R4, R6)" \
	holds 'all(float(b[s]["present_value"]) == float(a[s]["present_value"]) and b[s]["total_cost"] == a[s]["total_cost"] for s in ("R4", "R6"))'
check "diff's present cost of each plan is the hand-computed total" \
	holds '[l.replace(",", "").split()[2:4] for l in text.splitlines() if l.split()[:2] == ["present", "cost"]] == [["%.2f" % sum(p[2] for p in base.values()), "%.2f" % sum(p[2] for p in replan.values())]]'
check "diff's present-cost change is the sum of the moved sites' differences (+268.54)" \
	holds '[l.replace(",", "").split()[-1] for l in text.splitlines() if l.split()[:2] == ["present", "cost"]] == ["%+.2f" % sum(replan[s][2] - base[s][2] for s in moved)] == ["+268.54"]'
tap_done
