#!/bin/sh
# bench-baseline.sh [BUILD_DIR]: what plan --baseline costs and buys
# (issue 14's figures for the note). A benchmark that prints figures; it
# asserts nothing (the machines are shared and noisy).
#
# The network is phaseout-gen's (--sites SITES, --seed SEED; default
# 2,000 sites), or the scenario SCENARIO when set (e.g.
# SCENARIO=scenarios/uk-2022/scenario.json). The baseline is its plan at
# budget scale 1; the re-plan is at budget scale REPLAN (default 0.9),
# first without a baseline, then with --baseline and --slack 0, 0.01 and
# 0.05. Each run has LIMIT seconds (default 120). One line per run:
#
#   run       what was run
#   seconds   wall time of the whole command
#   status    summary.json's status (optimal, feasible: stopped by the limit)
#   exposure  E of the plan, bound the proven bound on it, gap its gap
#   moved     sites moved from the baseline (summary.json's sites_moved;
#             for the re-plan without a baseline, recounted here from the
#             two plan.csv files, as a move is defined in
#             cli-and-outputs-2.md)
#   rows/cols the model solved (cohorts merged; the baseline splits them)
#
# Overrides from the environment: SITES (2000), SEED (1), SCENARIO,
# REPLAN (0.9), LIMIT (120), GAP (0: prove optimality), and
# REPLAN_SCENARIO: re-plan that scenario instead (a re-plan in
# mid-programme of the same network, with replan_from and a ledger).
# A quick run:	LIMIT=30 tools/bench-baseline.sh build
# uk-2022 re-planned on 1 January 2024 (issue 14's figures):
#	SCENARIO=scenarios/uk-2022/scenario.json \
#	REPLAN_SCENARIO=scenarios/uk-2022/replan-2024.json REPLAN=1 \
#	GAP=0.02 LIMIT=120 tools/bench-baseline.sh build
set -u
build=${1:-build}
phaseout=$build/planner/phaseout
gen=$build/tools/phaseout-gen
sites=${SITES:-2000}
seed=${SEED:-1}
replan=${REPLAN:-0.9}
limit=${LIMIT:-120}
gap=${GAP:-0}
work=$(mktemp -d "${TMPDIR:-/tmp}/phaseout-bench-baseline.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ -n "${SCENARIO:-}" ]; then
	scen=$SCENARIO
	what=$SCENARIO
else
	"$gen" -o "$work/net" --sites "$sites" --seed "$seed" >/dev/null || exit 1
	scen=$work/net/scenario.json
	what="phaseout-gen --sites $sites --seed $seed"
fi

# moves BASE_DIR PLAN_DIR: the moves between two plan.csv files.
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

# run NAME ARGS...: one timed plan -o $work/NAME, one line of figures.
run() {
	name=$1
	shift
	t0=$(date +%s.%N)
	"$phaseout" plan "${run_scen:-$scen}" -q -o "$work/$name" --time-limit "$limit" --gap "$gap" "$@" \
		2>"$work/$name.stderr"
	status=$?
	t1=$(date +%s.%N)
	python3 - "$work/$name/summary.json" "$name" "$t0" "$t1" "$status" \
		"$(if [ "$name" = replan ]; then moves "$work/base" "$work/$name"; fi)" <<'PY'
import json, sys
path, name, t0, t1, status, recount = sys.argv[1:7]
try:
    s = json.load(open(path))
except (OSError, ValueError):
    print(f"{name:<22} {float(t1) - float(t0):8.1f}  exit {status}")
    sys.exit(0)
moved = s.get("sites_moved", recount if recount else "-")
gap = s.get("gap")
print(f"{name:<22} {float(t1) - float(t0):8.1f}  {s['status']:<9} "
      f"{s['exposure']:>12.6g} {s['bound'] if s['bound'] is not None else '-':>12} "
      f"{'-' if gap is None else f'{gap:.4%}':>8} {moved:>6} "
      f"{s.get('model', {}).get('rows', '-')}/{s.get('model', {}).get('columns', '-')}")
PY
}

echo "# $what; baseline at budget scale 1, re-plan ${REPLAN_SCENARIO:+of $REPLAN_SCENARIO }at $replan; limit $limit s, gap $gap"
printf '%-22s %8s  %-9s %12s %12s %8s %6s %s\n' run seconds status exposure bound gap moved rows/cols
run base --budget-scale 1
run_scen=${REPLAN_SCENARIO:-}
run replan --budget-scale "$replan"
for f in 0 0.01 0.05; do
	run "baseline-slack-$f" --budget-scale "$replan" --baseline "$work/base" --slack "$f"
done
