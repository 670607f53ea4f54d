#!/bin/sh
# scale-invariance.sh PHASEOUT PYTHON3 MIDGEN: units of measure change no
# plan. Two scenarios of tests/oracle/midgen.py (one with the exposure
# objective, one with the cost objective, tight budgets in both), then the
# same scenarios with every criticality multiplied by 1e-9 and by 1e9, and
# with every cost (unit_cost, site_cost) and budget multiplied by 1e-9 and
# by 1e8 (money times 1e9 would pass the 1e15 that phaseout accepts, the
# most it computes to the cent: docs/scenario-format.md). Asserted for each
# scaled copy: 'phaseout plan' exits 0 with status "optimal", plan.csv
# holds the same (site_id, year, to_vendor) rows as the unscaled plan, and
# the objectives are the unscaled ones times the factor, to 1e-6 relative:
# the exposure and present cost recomputed here from plan.csv's rows, and
# summary.json's first objective up to its rounding (exposure to 1e-6 and
# money to the cent, so at 1e-9 it says little). The unscaled plans are
# asked to be optimal too, so that the rows compare optimum with optimum;
# when rows change but both objectives agree, the two plans tie.
set -u
phaseout=$1
python=$2
midgen=$3
plan_seconds=${PLAN_SECONDS:-60}

# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

# scale SRC DST WHAT FACTOR: copy a scenario folder with its criticality
# (WHAT = crit) or its costs and budgets (WHAT = money) times FACTOR.
scale() {
	"$python" - "$@" <<'EOF'
import csv, json, os, sys
src, dst, what, factor = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
f = factor if what == "money" else 1.0
g = factor if what == "crit" else 1.0
os.makedirs(dst, exist_ok=True)
sc = json.load(open(os.path.join(src, "scenario.json")))
def per_year(v):
    return {k: x * f for k, x in v.items()} if isinstance(v, dict) else v * f
for v in sc["vendors"]:
    v["unit_cost"] = {d: x * f for d, x in v["unit_cost"].items()}
if "site_cost" in sc:
    sc["site_cost"] = {d: x * f for d, x in sc["site_cost"].items()}
if "budget" in sc:
    sc["budget"] = per_year(sc["budget"])
json.dump(sc, open(os.path.join(dst, "scenario.json"), "w"), indent=2)
with open(os.path.join(src, "sites.csv"), newline="") as fin, \
        open(os.path.join(dst, "sites.csv"), "w", newline="") as fout:
    rows = csv.DictReader(fin)
    out = csv.DictWriter(fout, rows.fieldnames, lineterminator="\n")
    out.writeheader()
    for row in rows:
        row["criticality"] = repr(float(row["criticality"] or 1) * g)
        out.writerow(row)
EOF
}

# facts SCENARIO_DIR: "status value E PV" and then the sorted (site_id,
# year, to_vendor) rows of SCENARIO_DIR/out/plan.csv, one a line. value is
# summary.json's first objective (rounded there: exposure to 1e-6, money to
# the cent); E and PV are the exposure and present cost of the plan's rows
# recomputed here from the scenario (shared/spec/model.md), unrounded.
facts() {
	"$python" - "$1" <<'EOF'
import csv, json, os, sys
base = sys.argv[1]
sc = json.load(open(os.path.join(base, "scenario.json")))
d = json.load(open(os.path.join(base, "out", "summary.json")))
key = "present_cost" if d.get("objective") == "cost" else "exposure"
start, end = sc["horizon"]["start"], sc["horizon"]["end"]
esc, disc = sc.get("cost_escalation", 0), sc.get("discount_rate", 0)
cost = {v["name"]: v["unit_cost"] for v in sc["vendors"]}
site_cost = sc.get("site_cost", {})
sites = {r["site_id"]: r for r in csv.DictReader(open(os.path.join(base, "sites.csv"), newline=""))}
plan = {r["site_id"]: r for r in csv.DictReader(open(os.path.join(base, "out", "plan.csv"), newline=""))}
e = pv = 0.0
for sid, s in sites.items():
    units = int(s["units"])
    if s["vendor"] not in sc["high_risk_vendors"] or units == 0:
        continue
    r = plan.get(sid)
    year = int(r["year"]) if r and r["year"] else None
    e += float(s["criticality"] or 1) * units * ((year - start) if year else end - start + 1)
    if year:
        c = site_cost.get(s["domain"], 0) + units * cost[r["to_vendor"]][s["domain"]]
        pv += c * ((1 + esc) / (1 + disc)) ** (year - start)
print(d.get("status"), d.get(key), repr(e), repr(pv))
for r in sorted((r["site_id"], r["year"], r["to_vendor"]) for r in plan.values()):
    print(",".join(r))
EOF
}

plan() {
	"$phaseout" plan "$1/scenario.json" -q -o "$1/out" --time-limit "$plan_seconds" \
		</dev/null >/dev/null 2>"$1/plan.txt"
	echo $?
}

tap_plan 10
for base in "exposure --budget tight" "cost --objective cost --budget tight"; do
	kind=${base%% *}
	opts=${base#* }
	dir=$work/$kind
	# shellcheck disable=SC2086
	"$python" "$midgen" --seed 1 --sites 50 -o "$dir/1" $opts
	rc=$(plan "$dir/1")
	facts "$dir/1" >"$dir/1.facts" 2>/dev/null
	read -r status value e1 pv1 <"$dir/1.facts"
	if [ "$rc" -eq 0 ] && [ "$status" = optimal ]; then
		ok "$kind, unscaled: $status, $value"
	else
		not_ok "$kind, unscaled: exit $rc, status $status, $value"
	fi
	for wf in crit:1e-9 crit:1e9 money:1e-9 money:1e8; do
		what=${wf%%:*}
		f=${wf#*:}
		scale "$dir/1" "$dir/$wf" "$what" "$f"
		rc=$(plan "$dir/$wf")
		label="$kind, $what x $f"
		if ! facts "$dir/$wf" >"$dir/$wf.facts" 2>/dev/null; then
			not_ok "$label: exit $rc, no plan: $(head -c 300 "$dir/$wf/plan.txt")"
			continue
		fi
		read -r fstatus fvalue fe fpv <"$dir/$wf.facts"
		money=0
		[ "$kind" = cost ] && money=1
		# What each figure is multiplied by: E by a criticality
		# factor, money by a money factor, the summary's value by its
		# objective's.
		fe_f=1 fpv_f=1
		[ "$what" = crit ] && fe_f=$f
		[ "$what" = money ] && fpv_f=$f
		fv_f=$fe_f
		[ "$kind" = cost ] && fv_f=$fpv_f
		# The reported value may be off by its rounding (half of 1e-6,
		# or half a cent a plan row, since money totals are sums of
		# rounded rows); the recomputed E and PV only by 1e-6 relative.
		why=$(awk -v rc="$rc" -v st="$fstatus" -v v="$fvalue" -v b="$value" -v f="$fv_f" \
			-v fe_f="$fe_f" -v fpv_f="$fpv_f" -v rows="$(($(wc -l <"$dir/$wf.facts") - 1))" \
			-v money="$money" -v e="$fe" -v e1="$e1" -v pv="$fpv" -v pv1="$pv1" '
		function off(x, want, slack,   d) {
			d = x - want; if (d < 0) d = -d
			return d > 1e-6 * (want < 0 ? -want : want) + slack
		}
		BEGIN {
			why = ""
			if (rc != 0) why = why ", exit " rc
			if (st != "optimal") why = why ", status " st
			if (v == "None" || off(v, b * f, money ? 0.005 * rows : 5e-7))
				why = why ", summary value " v " instead of " b * f
			if (off(e, e1 * fe_f, 0)) why = why ", the plan has E " e " instead of " e1 * fe_f
			if (off(pv, pv1 * fpv_f, 0)) why = why ", the plan has PV " pv " instead of " pv1 * fpv_f
			print substr(why, 3)
		}')
		tail -n +2 "$dir/$wf.facts" >"$dir/$wf.facts.rows"
		changed=$(tail -n +2 "$dir/1.facts" | diff - "$dir/$wf.facts.rows" | grep -c '^<')
		if [ "$changed" -gt 0 ]; then
			why="${why:+$why, }$changed unscaled plan.csv rows (site, year, vendor) changed"
		fi
		line="$label: status $fstatus, $fvalue (unscaled $value), plan E $fe PV $fpv"
		if [ -z "$why" ]; then
			ok "$line, same plan rows"
		else
			not_ok "$line: $why"
		fi
	done
done
tap_done
