#!/bin/sh
# plan-cli.sh PHASEOUT SOURCE_ROOT: what users rely on from 'phaseout plan'
# and 'phaseout export': exit statuses, the plan's numbers, the diagnosis,
# --allow-late, --time-limit, the files of -o (whole, identical on a
# re-run, nothing left behind on failure) and stdout errors.
set -u
phaseout=$1
root=$2
tiny=$root/tests/data/plan/tiny
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

# --- A feasible scenario: the optimum, the files, byte-identical re-runs.
run plan "$tiny/scenario.json" -o "$work/a"
check "feasible plan exits 0" test "$(cat "$work/status")" = 0
check "report says optimal" has "^status: optimal" "$work/stdout"
check "report gives E = 35" has "E = 35 weighted unit-years" "$work/stdout"
check "-o writes the seven files" test "$(listing "$work/a")" = "plan.csv plan.xlsx summary.json timeline.csv timeline.png timeline.svg totals.csv "
check "no temporary left in -o" test "$(find "$work/a" -mindepth 1 -maxdepth 1 | wc -l)" = 7
check "plan.csv has the spec's header" has "^year,site_id,region,domain,from_vendor,to_vendor,units,equipment_cost,site_cost,total_cost,present_value,cluster,late" "$work/a/plan.csv"
check "the core site goes in 2025 with R4" has "^2025,C1,North,core,Huawei,Ericsson,1,100.00,0.00,100.00,95.24,," "$work/a/plan.csv"
check "summary.json: status optimal" json_is "$work/a/summary.json" status '"optimal"'
check "summary.json: exposure 35" json_is "$work/a/summary.json" exposure 35
check "summary.json: completion 2026" json_is "$work/a/summary.json" completion_year 2026
check "timeline.csv has per-domain shares" has "hr_share_core,hr_share_ran" "$work/a/timeline.csv"
run plan "$tiny/scenario.json" -o "$work/b" --quiet
check "--quiet prints nothing" test ! -s "$work/stdout"
check "plan.csv is byte-identical on a re-run" cmp "$work/a/plan.csv" "$work/b/plan.csv"
check "timeline.csv is byte-identical on a re-run" cmp "$work/a/timeline.csv" "$work/b/timeline.csv"

# --- The rules cannot all hold: exit 3, the diagnosis, only summary.json.
cp "$work/a/plan.csv" "$work/a/timeline.csv" "$work/b/" 2>/dev/null
run plan "$tiny/infeasible.json" -o "$work/b"
check "infeasible scenario exits 3" test "$(cat "$work/status")" = 3
check "diagnosis names the broken deadline" has "core high-risk sites swapped by 2025: cannot hold" "$work/stdout"
check "diagnosis says money binds, with the amounts" has "money binds: the closest plan spends GBP 155.00 of the GBP 160.00 budgeted up to 2025" "$work/stdout"
check "exit 3 writes only summary.json (earlier plan removed)" test "$(listing "$work/b")" = "summary.json "
check "summary.json: status infeasible" json_is "$work/b/summary.json" status '"infeasible"'
check "summary.json carries the diagnosis" json_holds "$work/b/summary.json" \
	'any(line.lstrip().startswith("money binds") for line in j["diagnosis"])'
run plan "$tiny/scenario.json" --budget-scale 0.5
check "--budget-scale 0.5 makes the tiny scenario infeasible" test "$(cat "$work/status")" = 3

# --- --allow-late: deadlines soft, late sites marked, exit 0.
run plan "$tiny/infeasible.json" --allow-late -o "$work/c"
check "--allow-late exits 0" test "$(cat "$work/status")" = 0
check "the core site is one year late in plan.csv" has "^2026,C1,North,core,Huawei,Ericsson,1,100.00,0.00,100.00,90.70,,1" "$work/c/plan.csv"
check "summary.json: violation 1, one late site" json_holds "$work/c/summary.json" \
	'j["violation"] == 1 and j["late_sites"] == 1'

# --- --time-limit: the best plan so far, status feasible, with its gap.
run plan "$root/scenarios/uk-2020/scenario.json" --time-limit 3 -q -o "$work/d"
check "--time-limit 3 on uk-2020 exits 0" test "$(cat "$work/status")" = 0
check "summary.json: status feasible" json_is "$work/d/summary.json" status '"feasible"'
# (the gap is null when the solver proved no bound in the time, which a
# loaded machine may do)
check "summary.json: a positive gap, or none with no bound" json_holds "$work/d/summary.json" \
	'(j["gap"] is None) == (j["bound"] is None) and (j["gap"] is None or j["gap"] > 0)'

# --- SIGINT or SIGTERM during a solve: stop, keep the best plan so far.
for sig in INT TERM; do
	"$phaseout" plan "$root/scenarios/uk-2020/scenario.json" --time-limit 100 -q \
		-o "$work/sig$sig" 2>"$work/stderr" &
	pid=$!
	sleep 2
	kill -s "$sig" "$pid"
	wait "$pid"
	check "SIG$sig during a solve exits 0" test $? = 0
	check "... with the best plan so far, status feasible" \
		json_is "$work/sig$sig/summary.json" status '"feasible"'
	check "... and all three files, no temporaries" \
		test "$(listing "$work/sig$sig")" = "plan.csv plan.xlsx summary.json timeline.csv timeline.png timeline.svg totals.csv "
done

# --- SIGINT during a funded plan (us-rural as it happened: the extensions
# stage, then the own-cost stage's LP-guided plan and branch and cut, where
# GLPK's branching once ran for seconds without a callback): the run ends
# with the plan so far, says it was stopped by the interrupt (not by the
# time limit, which is far away) and writes every file.
"$phaseout" plan "$root/scenarios/us-rural/as-happened.json" --time-limit 300 -q \
	-o "$work/sigfund" 2>"$work/stderr" &
pid=$!
sleep 3
kill -s INT "$pid"
wait "$pid"
check "SIGINT during a funded plan exits 0" test $? = 0
check "... status feasible, stopped by the interrupt" json_holds "$work/sigfund/summary.json" \
	'j["status"] == "feasible" and j["stopped_by"] == "interrupt"'
check "... and every file, no temporaries" \
	test "$(listing "$work/sigfund")" = "plan.csv plan.xlsx summary.json timeline.csv timeline.png timeline.svg totals.csv "

# --- Files are written whole or not at all.
: >"$work/file"
run plan "$tiny/scenario.json" -o "$work/file/out"
check "-o under a regular file exits 1" test "$(cat "$work/status")" = 1
check "... with a clear error" has "^phaseout: error: cannot" "$work/stderr"
run plan "$tiny/scenario.json" -o "$work/missing/deeper"
check "-o with a missing parent exits 1" test "$(cat "$work/status")" = 1
check "... and creates nothing" test ! -e "$work/missing"
"$phaseout" plan "$tiny/scenario.json" >/dev/full 2>"$work/stderr"
check "a full stdout exits 1" test $? = 1
check "... saying so" has "could not write to standard output" "$work/stderr"

# --- Usage errors exit 2 and say how to get help.
run plan
check "plan without a scenario exits 2" test "$(cat "$work/status")" = 2
check "... and points to --help" has "Try 'phaseout plan --help'" "$work/stderr"
run plan "$tiny/scenario.json" --gap 2
check "--gap 2 exits 2" test "$(cat "$work/status")" = 2
run plan "$tiny/scenario.json" --time-limit -1
check "--time-limit -1 exits 2" test "$(cat "$work/status")" = 2
run plan --help
check "plan --help exits 0 on stdout" sh -c "test $(cat "$work/status") = 0 && grep -q '^usage: phaseout plan' '$work/stdout'"

# --- export: the model other solvers read.
run export "$tiny/scenario.json" --lp "$work/m.lp" --mps "$work/m.mps"
check "export exits 0" test "$(cat "$work/status")" = 0
check "glpsol reads the LP file" glpsol --lp "$work/m.lp" --check
check "glpsol reads the (free) MPS file" glpsol --freemps "$work/m.mps" --check
run export "$tiny/scenario.json"
check "export without --lp or --mps exits 2" test "$(cat "$work/status")" = 2

# --- A 10,000-site depends_on cycle with unlimited money: the cycle is one
# swap unit, so the first plan already swaps everything in the first year
# (E = 0), where it used to be the do-nothing plan (E = 60,000).
mkdir -p "$work/cycle"
cat >"$work/cycle/scenario.json" <<'JSON'
{
  "format": "phaseout-scenario/1",
  "name": "cycle",
  "horizon": {"start": 2025, "end": 2030},
  "sites": "sites.csv",
  "high_risk_vendors": ["Huawei"],
  "vendors": [{"name": "Ericsson", "unit_cost": {"ran": 10}}],
  "site_cost": {"ran": 5}
}
JSON
awk 'BEGIN { print "site_id,region,domain,vendor,units,criticality,depends_on"
	for (i = 0; i < 10000; i++)
		printf "S%d,North,ran,Huawei,1,1,S%d\n", i, (i + 1) % 10000 }' \
	>"$work/cycle/sites.csv"
run plan "$work/cycle/scenario.json" --time-limit 3
check "a 10,000-site cycle: exit 0" test "$(cat "$work/status")" = 0
check "a 10,000-site cycle: the first plan swaps it all at once" \
	has "a simple rule gets E = 0," "$work/stdout"
check "a 10,000-site cycle: E = 0" has "^exposure: E = 0 weighted" "$work/stdout"

tap_done
