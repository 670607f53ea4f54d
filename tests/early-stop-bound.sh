#!/bin/sh
# early-stop-bound.sh PHASEOUT PHASEOUT_GEN PYTHON3 [CBC]: what a plan
# stopped early by --time-limit says about its quality must be true.
#
# On phaseout-gen's default network (2,000 sites, seed 1), 'phaseout plan
# --time-limit 0.1' (TIME_LIMIT). Asserted on its summary.json:
#   1. it is written (exit 0, or 4 when no plan was found in time);
#   2. a bound, when not null, is no higher than the exposure of any plan
#      known: this run's own, and cbc's best plan on the exported model
#      within CBC_SECONDS (default 30; when cbc is given), since the optimum
#      is at most either;
#   3. "gap" is null whenever "bound" is null;
#   4. "stopped_by" is "time_limit" when the status is "feasible".
set -u
phaseout=$1
gen=$2
python=$3
cbc=${4:-}
limit=${TIME_LIMIT:-0.1}
cbc_seconds=${CBC_SECONDS:-30}

# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

tap_plan 4
"$gen" --sites 2000 --seed 1 -q -o "$work/net"
"$phaseout" plan "$work/net/scenario.json" -q -o "$work/out" --time-limit "$limit" \
	>/dev/null 2>"$work/plan.txt"
rc=$?
summary=$work/out/summary.json
if [ ! -f "$summary" ]; then
	not_ok "exit $rc and no summary.json: $(head -c 300 "$work/plan.txt")"
	tap_done
fi
ok "exit $rc, summary.json written"

# status exposure bound gap stopped_by ("absent" when a key is missing)
# shellcheck disable=SC2046
set -- $("$python" -c 'import json, sys
d = json.load(open(sys.argv[1]))
show = lambda k: "absent" if k not in d else "null" if d[k] is None else d[k]
print(*(show(k) for k in ("status", "exposure", "bound", "gap", "stopped_by")))' "$summary")
status=$1 exposure=$2 bound=$3 gap=$4 stopped_by=$5
echo "# --time-limit $limit: status $status, exposure $exposure, bound $bound, gap $gap, stopped_by $stopped_by"

best=$exposure
best_from="this plan"
if [ -n "$cbc" ]; then
	"$phaseout" export "$work/net/scenario.json" --mps "$work/model.mps" 2>/dev/null
	# See cbc-compare.sh for FREE and for E = cbc's objective + 2 C.
	sed 's/^NAME phaseout$/NAME phaseout FREE/' "$work/model.mps" >"$work/free.mps"
	const=$(awk '$1 == "RHS1" { for (i = 2; i < NF; i += 2) if ($i == "R0000000") print $(i + 1) }' \
		"$work/model.mps")
	raw=$("$cbc" "$work/free.mps" -sec "$cbc_seconds" -solve -quit </dev/null 2>&1 |
		sed -n 's/^Objective value: *\([-0-9.e+]*\).*/\1/p' | tail -n 1)
	if [ -n "$raw" ]; then
		e_cbc=$(awk -v a="$raw" -v c="${const:-0}" 'BEGIN { printf "%.10g", a + 2 * c }')
		echo "# cbc's best plan within ${cbc_seconds}s: exposure $e_cbc"
		if [ "$best" = null ] || [ "$best" = absent ] ||
			awk -v a="$e_cbc" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$e_cbc
			best_from="cbc's plan"
		fi
	fi
fi

if [ "$bound" = null ]; then
	ok "no bound claimed"
elif [ "$bound" = absent ]; then
	not_ok "summary.json has no \"bound\""
elif [ "$best" = null ] || [ "$best" = absent ]; then
	skip "bound $bound" "no plan known to compare it with"
elif awk -v b="$bound" -v e="$best" 'BEGIN { exit !(b <= e + 1e-6 * (e < 0 ? -e : e) + 1e-6) }'; then
	ok "bound $bound <= $best, the exposure of $best_from"
else
	not_ok "bound $bound above $best, the exposure of $best_from"
fi

if [ "$bound" != null ] || [ "$gap" = null ]; then
	ok "gap $gap with bound $bound"
else
	not_ok "gap $gap with no bound"
fi

if [ "$status" != feasible ] || [ "$stopped_by" = time_limit ]; then
	ok "status $status, stopped_by $stopped_by"
else
	not_ok "status feasible, stopped_by $stopped_by (want time_limit)"
fi
tap_done
