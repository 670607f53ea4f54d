#!/bin/sh
# cohorts.sh PHASEOUT [SEEDS]: merging interchangeable sites into cohorts
# changes no optimum. For seeded small scenarios made mostly of identical
# sites, 'plan' (cohorts) and 'plan --per-site' (one binary per site) must
# agree on feasibility, and where both prove optimality, on both objective
# values. The per-site model is symmetric (identical binaries), which is
# exactly why GLPK often cannot prove it optimal within the time limit;
# then the cohort plan's first objective must be at least as good, and at
# least half of the seeds must be proven both ways.
set -u
phaseout=$1
seeds=${2:-40}
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir
proven=0

# A scenario of 2-4 site types, each repeated 2-6 times, over three years,
# with money, capacity, crews, a deadline, a cap and either objective.
make_scenario() {
	awk -v seed="$1" -v dir="$2" 'BEGIN {
		srand(seed)
		csv = dir "/sites.csv"
		print "site_id,region,domain,vendor,units,criticality" > csv
		types = 2 + int(rand() * 3); id = 0; total = 0
		for (t = 0; t < types; t++) {
			region = rand() < 0.5 ? "North" : "South"
			domain = rand() < 0.25 ? "core" : "ran"
			units = 1 + int(rand() * 6); crit = rand() < 0.7 ? 1 : 2
			copies = 2 + int(rand() * 3)
			for (c = 0; c < copies; c++) {
				printf "H%02d,%s,%s,Huawei,%d,%d\n", ++id, region, domain, units, crit > csv
				total += units * (domain == "core" ? 40 : 10) + 5
			}
		}
		print "T1,North,ran,Ericsson,8,1" > csv
		print "T2,South,core,Nokia,3,1" > csv
		budget = int(total / 3 * (0.6 + rand() * 0.8))
		printf "{\"format\": \"phaseout-scenario/1\", \"name\": \"cohorts %d\",\n", seed
		printf " \"horizon\": {\"start\": 2024, \"end\": 2026}, \"sites\": \"sites.csv\",\n"
		printf " \"high_risk_vendors\": [\"Huawei\"],\n"
		printf " \"vendors\": [{\"name\": \"Ericsson\", \"unit_cost\": {\"ran\": 10, \"core\": 40}, \"capacity\": %d},\n", 10 + int(rand() * 30)
		printf "             {\"name\": \"Nokia\", \"unit_cost\": {\"ran\": %d}}],\n", 8 + int(rand() * 5)
		printf " \"site_cost\": {\"ran\": 5, \"core\": 5},\n"
		printf " \"budget\": %d, \"carry_over\": %s, \"discount_rate\": 0.04, \"cost_escalation\": 0.02,\n", budget, rand() < 0.5 ? "true" : "false"
		printf " \"crews\": {\"default\": %d, \"regions\": {\"North\": %d}},\n", 2 + int(rand() * 5), 2 + int(rand() * 5)
		if (rand() < 0.5) printf " \"deadlines\": [{\"domain\": \"core\", \"year\": 2025}],\n"
		if (rand() < 0.5) printf " \"share_caps\": [{\"domain\": \"ran\", \"year\": 2025, \"max_share\": 0.6}],\n"
		printf " \"objective\": \"%s\"}\n", rand() < 0.3 ? "cost" : "exposure"
	}' >"$2/scenario.json"
}

seed=1
while [ "$seed" -le "$seeds" ]; do
	dir=$work/s$seed
	mkdir -p "$dir"
	make_scenario "$seed" "$dir"
	"$phaseout" plan "$dir/scenario.json" -q --time-limit 5 -o "$dir/cohorts"
	a=$?
	"$phaseout" plan "$dir/scenario.json" -q --time-limit 5 --per-site -o "$dir/sites"
	b=$?
	verdict="ok"
	if [ "$a" != "$b" ]; then
		verdict="exit $a with cohorts, $b per site"
	elif [ "$a" = 0 ]; then
		sa=$(json_get "$dir/cohorts/summary.json" status)
		sb=$(json_get "$dir/sites/summary.json" status)
		first=exposure
		[ "$(json_get "$dir/cohorts/summary.json" objective)" = cost ] && first=present_cost
		keys="$first"
		if [ "$sa" = optimal ] && [ "$sb" = optimal ]; then
			keys="exposure present_cost"
			proven=$((proven + 1))
		fi
		for key in $keys; do
			x=$(json_get "$dir/cohorts/summary.json" "$key")
			y=$(json_get "$dir/sites/summary.json" "$key")
			# Equal when both are proven; otherwise cohorts no worse.
			if ! awk -v x="$x" -v y="$y" -v both="$keys" 'BEGIN {
				tol = 1e-6 * ((x < 0 ? -x : x) > 1 ? (x < 0 ? -x : x) : 1) + 0.005
				if (both ~ / /) { d = x - y; if (d < 0) d = -d; exit !(d <= tol) }
				exit !(x <= y + tol) }'; then
				verdict="$key $x with cohorts ($sa), $y per site ($sb)"
			fi
		done
	else
		proven=$((proven + 1))
	fi
	if [ "$verdict" = ok ]; then
		ok "seed $seed (exit $a)"
	else
		not_ok "seed $seed: $verdict"
		cp -r "$dir" "/tmp/phaseout-cohorts-seed$seed"
	fi
	seed=$((seed + 1))
done
if [ $((2 * proven)) -ge "$seeds" ]; then
	ok "$proven of $seeds seeds proven both ways"
else
	not_ok "only $proven of $seeds seeds proven both ways"
fi
tap_done
