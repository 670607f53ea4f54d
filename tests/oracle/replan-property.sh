#!/bin/sh
# replan-property.sh: re-planning in mid-programme against the plan it
# continues (issue 14 item 5; model-2.md rule 6, stage 4). For seeds 1..N
# of tinygen --v2: phaseout plan -o base; then the same scenario with
# replan_from at the start of its middle period and, as its `fixed`
# ledger, base's own swaps before it (done, cost left to the model),
# planned with --baseline base: no site moved, the same exposure and
# present cost as base (base is one of the re-plan's plans, and it was
# the best), every ledger row reported done, and plancheck accepts it.
# Then the same re-plan with 10% less money (--budget-scale 0.9), against
# bruteforce, which pins the ledger's swaps and enumerates the others from
# replan_from on: when it finds a plan, phaseout's exposure and present
# cost are its optimum's (plancheck --expect). When it finds none (the
# history may leave no plan with the smaller money) the seed's tight
# re-plan is not counted.
# A seed whose first plan is infeasible, or whose horizon is one period,
# has nothing to re-plan and counts as such. A failing seed's folder is
# kept and named.
#
# usage: replan-property.sh --phaseout P --plancheck P --bruteforce B
#                           --tinygen T [--seeds N] [--seed-from S]
set -u
seeds=40
from=1
while [ $# -gt 0 ]; do
	case $1 in
	--phaseout) phaseout=$2; shift ;;
	--plancheck) plancheck=$2; shift ;;
	--tinygen) tinygen=$2; shift ;;
	--bruteforce) bruteforce=$2; shift ;;
	--data | --cases) shift ;;
	--seeds) seeds=$2; shift ;;
	--seed-from) from=$2; shift ;;
	*) echo "replan-property.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
# shellcheck source=../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
root=$(mktemp -d "${TMPDIR:-/tmp}/phaseout-replan.XXXXXX")
replans=0
skipped=0

figure() {
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

# ledger WORK: WORK/scenario/replan.json and fixed.csv from WORK/base:
# replan_from the middle period's label, the base's swaps before it as
# the ledger. Prints the label; fails when the horizon has one period.
ledger() {
	python3 - "$1" <<'PY'
import csv, json, sys
work = sys.argv[1]
with open(work + "/base/timeline.csv", newline="") as f:
    periods = [r["period"] for r in csv.DictReader(f)]
if len(periods) < 2:
    sys.exit(1)
label = periods[len(periods) // 2]
history = set(periods[: len(periods) // 2])
with open(work + "/base/plan.csv", newline="") as f:
    rows = [r for r in csv.DictReader(f) if r["period"] in history]
with open(work + "/scenario/fixed.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["site_id", "when", "to_vendor", "cost"])
    for r in rows:
        w.writerow([r["site_id"].lstrip("'"), r["period"], r["to_vendor"], ""])
with open(work + "/scenario/scenario.json") as f:
    s = json.load(f)
s["replan_from"] = label
s["fixed"] = "fixed.csv"
with open(work + "/scenario/replan.json", "w") as f:
    json.dump(s, f, indent=1)
print(label, len(rows))
PY
}

# statuses DIR: "DONE PLANNED" counts of plan.csv's status column.
statuses() {
	python3 - "$1/plan.csv" <<'PY'
import csv, sys
with open(sys.argv[1], newline="") as f:
    st = [r["status"] for r in csv.DictReader(f)]
print(st.count("done"), st.count("planned"))
PY
}

# tight WORK SCENARIO: the re-plan at --budget-scale 0.9 against bruteforce.
tight() {
	out=$1/tight
	if ! "$bruteforce" "$2" --budget-scale 0.9 >"$out.expected" 2>"$out.bf.stderr"; then
		not_ok "$name tight: bruteforce failed"
		sed 's/^/# /' "$out.bf.stderr" | head -5
		return 1
	fi
	if grep -qx 'feasible 0' "$out.expected"; then
		tight_none=$((tight_none + 1))
		return 0
	fi
	"$phaseout" plan "$2" -q -o "$out" --budget-scale 0.9 >/dev/null 2>"$out.stderr"
	status=$?
	if [ $status != 0 ] ||
		! "$plancheck" "$2" "$out" --budget-scale 0.9 --expect "$out.expected" \
			>"$out.plancheck" 2>&1; then
		not_ok "$name tight: exit $status; plancheck against $(tr '\n' ' ' <"$out.expected"):"
		sed 's/^/# /' "$out.plancheck" "$out.stderr" 2>/dev/null | head -20
		return 1
	fi
	ok "$name tight: with 10% less money, bruteforce's optimum ($(tr '\n' ' ' <"$out.expected"))"
}
tight_none=0

seed=$from
last=$((from + seeds - 1))
while [ "$seed" -le "$last" ]; do
	name=seed-$seed
	work=$root/$name
	mkdir -p "$work"
	fine=true
	"$tinygen" --v2 "$seed" "$work/scenario" 2>"$work/tinygen.stderr" || {
		not_ok "$name: tinygen failed"
		fine=false
	}
	status=0
	if $fine; then
		"$phaseout" plan "$work/scenario/scenario.json" -q -o "$work/base" >/dev/null 2>&1
		status=$?
	fi
	if $fine && [ "$status" = 3 ]; then
		skipped=$((skipped + 1))
	elif $fine && [ "$status" != 0 ]; then
		not_ok "$name: the first plan exited $status"
		fine=false
	elif $fine && ! at=$(ledger "$work"); then
		skipped=$((skipped + 1))
	elif $fine; then
		replans=$((replans + 1))
		done_rows=${at#* }
		scen=$work/scenario/replan.json
		"$phaseout" plan "$scen" -q -o "$work/replan" --baseline "$work/base" \
			>/dev/null 2>"$work/replan.stderr"
		status=$?
		counts=$(statuses "$work/replan" 2>/dev/null)
		if [ "$status" = 0 ] &&
			[ "$(figure "$work/replan/summary.json" sites_moved)" = 0 ] &&
			[ "$(figure "$work/replan/summary.json" exposure)" = "$(figure "$work/base/summary.json" exposure)" ] &&
			[ "$(figure "$work/replan/summary.json" present_cost)" = "$(figure "$work/base/summary.json" present_cost)" ] &&
			[ "${counts% *}" = "$done_rows" ] &&
			"$plancheck" "$scen" "$work/replan" --baseline "$work/base" >"$work/replan.plancheck" 2>&1; then
			ok "$name: re-planned from ${at% *} with $done_rows done swaps: no move, the same objectives"
		else
			not_ok "$name: re-planned from ${at% *} with $done_rows done swaps: exit $status, statuses $counts"
			sed 's/^/# /' "$work/replan.plancheck" "$work/replan.stderr" 2>/dev/null | head -20
			fine=false
		fi
		tight "$work" "$scen" || fine=false
	fi
	if $fine; then
		rm -rf "${work:?}"
	else
		echo "# kept $work (seed $seed)"
	fi
	seed=$((seed + 1))
done

echo "# replan-property: $replans seeds re-planned, $skipped without a first plan or history;"
echo "# $tight_none tight re-plans without a plan in bruteforce (not counted)"
[ "$tap_failed" = 0 ] && rm -rf "$root"
tap_done
