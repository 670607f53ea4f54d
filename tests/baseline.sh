#!/bin/sh
# baseline.sh PHASEOUT SOURCE_ROOT: plan --baseline DIR [--slack F]
# (cli-and-outputs-2.md "Options", "Moves", "Files"; model-2.md stage 4)
# on a version 2 scenario in quarters and a version 1 scenario:
# 1. re-planning with the plan's own folder as baseline moves nothing and
#    keeps both objective values;
# 2. a re-plan on a tighter budget: plan.csv's moved column, summary.json's
#    sites_moved and the text line all equal the moves this suite counts
#    from the two plan.csv files itself (period or vendor differ, or one
#    of the two swaps the site);
# 3. more slack never moves more sites, keeps E within it, and leaves
#    the bound the least E proven;
# 4. version 1 (re-planned with more money, 1.2): plan.csv keeps its
#    columns without --baseline and gains only 'moved' with it.
# The usage errors are tests/cli/cases/plan-baseline-*. Prints TAP.
set -u
phaseout=$1
root=$2
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir
tap_context=$work/stderr

# moves BASE_DIR PLAN_DIR: the sites of PLAN_DIR/plan.csv moved from
# BASE_DIR/plan.csv, counted here; 'check' prints the mismatches.
moves() {
	python3 - "$1/plan.csv" "$2/plan.csv" <<'PY'
import csv, sys
def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    when = "period" if rows and "period" in rows[0] else "year"
    return {r["site_id"]: (r[when], r["to_vendor"]) for r in rows}
base, plan = read(sys.argv[1]), read(sys.argv[2])
print(sum(1 for s, d in plan.items() if base.get(s, ("", "")) != d))
PY
}

# moved_column PLAN_DIR: the sum of plan.csv's moved column ("bad" when a
# row's cell is not 0 or 1).
moved_column() {
	python3 - "$1/plan.csv" <<'PY'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    cells = [r["moved"] for r in csv.DictReader(f)]
print(sum(int(c) for c in cells) if all(c in ("0", "1") for c in cells) else "bad")
PY
}

# same_key A B KEY...: summary.json of folders A and B agree on each KEY.
same_key() {
	a=$1
	b=$2
	shift 2
	for key in "$@"; do
		test "$(json_get "$a/summary.json" "$key")" = \
			"$(json_get "$b/summary.json" "$key")" || return 1
	done
}

q=$root/tests/data/plan/quarterly/scenario.json
run plan "$q" -o "$work/base"
check "the quarterly scenario plans (exit 0)" status_is 0
check "without --baseline summary.json has no baseline keys" \
	fails json_holds "$work/base/summary.json" "'baseline' in j or 'sites_moved' in j"

# --- 1. The plan's own folder as baseline.
run plan "$q" --baseline "$work/base" -o "$work/same"
check "re-plan against itself: exit 0" status_is 0
check "and optimal" has "^status: optimal" "$work/stdout"
check "it moves no site (summary.json)" json_is "$work/same/summary.json" sites_moved 0
check "and none is overdue (no replan_from)" json_is "$work/same/summary.json" sites_overdue 0
check "the text says so" has "^sites moved from the baseline: 0 (0 of them overdue)$" "$work/stdout"
check "every moved cell is 0" test "$(moved_column "$work/same")" = 0
check "the same exposure and costs as the baseline" same_key "$work/base" "$work/same" exposure present_cost nominal_cost
check "summary.json names the baseline and the slack" \
	json_holds "$work/same/summary.json" "j['baseline'] == '$work/base' and j['slack'] == 0"

# --- 2. A tighter budget.
run plan "$q" --budget-scale 0.95 --baseline "$work/base" -o "$work/tight"
check "re-plan at 0.95 of the budget: exit 0" status_is 0
n=$(moves "$work/base" "$work/tight")
check "some site has to move ($n)" test "$n" -gt 0
check "summary.json's sites_moved is the count from the two plan.csv files" \
	json_is "$work/tight/summary.json" sites_moved "$n"
check "plan.csv's moved column adds up to it" test "$(moved_column "$work/tight")" = "$n"
check "the text line says it" has "^sites moved from the baseline: $n (0 of them overdue)$" "$work/stdout"
run plan "$q" --budget-scale 0.95 -o "$work/plain"
check "the first objective is the plan's without a baseline (slack 0)" \
	same_key "$work/plain" "$work/tight" exposure

# --- 3. Slack.
e0=$(json_get "$work/tight/summary.json" exposure)
prev=$n
for f in 0.01 0.05 0.5; do
	run plan "$q" --budget-scale 0.95 --baseline "$work/base" --slack "$f" -o "$work/s$f"
	m=$(moves "$work/base" "$work/s$f")
	check "slack $f: exit 0, moves $m <= $prev" test "$(cat "$work/status")" = 0 -a "$m" -le "$prev"
	check "slack $f: sites_moved is the count" json_is "$work/s$f/summary.json" sites_moved "$m"
	check "slack $f: E within it of the least" \
		json_holds "$work/s$f/summary.json" "j['exposure'] <= $e0 * (1 + $f) + 1e-6" "j['exposure']"
	check "slack $f: the bound is the least E proven, not the plan's" \
		json_holds "$work/s$f/summary.json" "abs(j['bound'] - $e0) <= 1e-9 and j['gap'] == 0" "(j['bound'], j['gap'])"
	prev=$m
done

# --- 4. Version 1.
t=$root/tests/data/plan/tiny/scenario.json
run plan "$t" -o "$work/v1"
check "the version 1 tiny scenario plans" status_is 0
v1_header="year,site_id,region,domain,from_vendor,to_vendor,units,equipment_cost,site_cost,total_cost,present_value,cluster,late"
check "version 1 plan.csv keeps its columns without --baseline" \
	test "$(head -n 1 "$work/v1/plan.csv" | tr -d '\r')" = "$v1_header"
run plan "$t" --baseline "$work/v1" --budget-scale 1.2 -o "$work/v1b"
check "version 1 with --baseline: exit 0" status_is 0
check "its plan.csv gains only 'moved'" \
	test "$(head -n 1 "$work/v1b/plan.csv" | tr -d '\r')" = "$v1_header,moved"
n=$(moves "$work/v1" "$work/v1b")
check "its moves are the count from the two plan.csv files ($n)" \
	json_is "$work/v1b/summary.json" sites_moved "$n"
check "and its moved column adds up to them" test "$(moved_column "$work/v1b")" = "$n"

tap_done
