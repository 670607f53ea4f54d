#!/bin/sh
# dependency-cycle.sh PHASEOUT PYTHON3 [SITES]: 10,000 high-risk sites (SITES)
# that form one dependency cycle (site i depends on site i + 1, the last on
# the first), with unlimited money, capacity and crews. A cycle forces its
# sites into one year (shared/spec/model.md, rule 8) and nothing else
# binds, so the optimum swaps every site in the first year and E = 0.
# Asserted: exit 0, status "optimal", exposure 0, every plan.csv row in the
# first year. The time taken is printed.
set -u
phaseout=$1
python=$2
sites=${3:-10000}
plan_seconds=${PLAN_SECONDS:-120}

# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

cat >"$work/scenario.json" <<'EOF'
{
  "format": "phaseout-scenario/1",
  "name": "one dependency cycle",
  "horizon": {"start": 2025, "end": 2029},
  "sites": "sites.csv",
  "high_risk_vendors": ["Huawei"],
  "vendors": [{"name": "Ericsson", "unit_cost": {"ran": 14500}}],
  "site_cost": {"ran": 18000},
  "deadlines": [{"domain": "*", "year": 2028}]
}
EOF
awk -v n="$sites" 'BEGIN {
	print "site_id,region,domain,vendor,units,criticality,depends_on"
	for (i = 1; i <= n; i++)
		printf "S%05d,r%d,ran,Huawei,%d,%d,S%05d\n", i, i % 7, 1 + i % 8, 1 + i % 3, i % n + 1
}' >"$work/sites.csv"

tap_plan 1
start=$(date +%s.%N)
"$phaseout" plan "$work/scenario.json" -q -o "$work/out" --time-limit "$plan_seconds" \
	>/dev/null 2>"$work/plan.txt"
rc=$?
end=$(date +%s.%N)
took=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
summary=$work/out/summary.json
if [ ! -f "$summary" ]; then
	not_ok "exit $rc after ${took}s, no summary.json: $(head -c 300 "$work/plan.txt")"
	tap_done
fi
# shellcheck disable=SC2046
set -- $("$python" -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(d.get("status"), d.get("exposure"))' "$summary")
status=$1 exposure=$2
late=all
if [ -f "$work/out/plan.csv" ]; then
	late=$(awk -F, 'NR > 1 && $1 != "2025"' "$work/out/plan.csv" | wc -l)
fi
line="$sites sites in one cycle: exit $rc, ${took}s, status $status, exposure $exposure, $late sites not in 2025"
zero=$(awk -v e="$exposure" 'BEGIN { print (e != "None" && e + 0 == 0) ? "yes" : "no" }')
if [ "$rc" -eq 0 ] && [ "$status" = optimal ] && [ "$zero" = yes ] && [ "$late" = 0 ]; then
	ok "$line"
else
	not_ok "$line"
fi
tap_done
