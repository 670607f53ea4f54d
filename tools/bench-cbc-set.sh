#!/bin/sh
# bench-cbc-set.sh BASE_BUILD NEW_BUILD [WORK]: two builds of phaseout side
# by side on the 33 version 1 cases of tests/cbc-compare.sh, each with
# cbc's proven optimum. A benchmark that prints figures and asserts
# nothing (the test is tests/cbc-compare.sh).
#
# For each case, both builds run 'plan --time-limit LIMIT' (default 10) at
# the same time, so that both see the same load on a shared machine; each
# row gives cbc's optimum and, per build, the status, the value (exposure,
# or present cost), the bound, the gap to cbc's optimum in percent and the
# CPU seconds (user + sys) of the run. The last lines count the cases each
# build proved optimal and the total CPU. cbc's optimum is computed once per
# case (CBC_SECONDS, default 60) and kept in WORK (default a fresh
# temporary folder) for the next run.
set -u
base=$1
new=$2
root=$(cd "$(dirname "$0")/.." && pwd)
work=${3:-$(mktemp -d)}
limit=${LIMIT:-10}
cbc_seconds=${CBC_SECONDS:-60}
mkdir -p "$work"
# shellcheck disable=SC2016 # a literal $work in the pattern
sed -n '/^cat >"$work\/cases-v1"/,/^EOF/p' "$root/tests/cbc-compare.sh" |
	sed '1d;$d' >"$work/list.txt"

# value FILE: "status value bound" of a summary.json
value() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
key = "present_cost" if d.get("objective") == "cost" else "exposure"
show = lambda v: "null" if v is None else "%.10g" % v
print(d.get("status"), show(d.get(key)), show(d.get("bound")))
' "$1" 2>/dev/null || echo "none null null"
}
cpu() { awk '{ printf "%.2f", $1 + $2 }' "$1"; }

printf '%-20s %12s | %-8s %12s %12s %7s %6s | %-8s %12s %12s %7s %6s\n' \
	case cbc base value bound gap% cpu new value bound gap% cpu
nb=0 nn=0 cb=0 cn=0
while read -r name sites seed opts; do
	dir=$work/$name
	if [ ! -f "$dir/cbc.opt" ]; then
		# shellcheck disable=SC2086
		python3 "$root/tests/oracle/midgen.py" --seed "$seed" --sites "$sites" \
			-o "$dir" $opts >/dev/null || continue
		"$new/planner/phaseout" export "$dir/scenario.json" --mps "$dir/model.mps" ||
			continue
		sed 's/^NAME phaseout$/NAME phaseout FREE/' "$dir/model.mps" >"$dir/free.mps"
		const=$(awk '$1 == "RHS1" { for (i = 2; i < NF; i += 2) if ($i == "R0000000") print $(i + 1) }' \
			"$dir/model.mps")
		cbc "$dir/free.mps" -sec "$cbc_seconds" -solve -quit </dev/null >"$dir/cbc.txt" 2>&1
		if grep -q '^Result - Optimal solution found' "$dir/cbc.txt"; then
			raw=$(sed -n 's/^Objective value: *\([-0-9.e+]*\).*/\1/p' "$dir/cbc.txt" | tail -n 1)
			awk -v a="$raw" -v c="${const:-0}" 'BEGIN { printf "%.10g\n", a + 2 * c }' \
				>"$dir/cbc.opt"
		else
			echo unproven >"$dir/cbc.opt"
		fi
	fi
	opt=$(cat "$dir/cbc.opt")
	for b in base new; do
		rm -rf "$dir/out-$b"
	done
	/usr/bin/time -f '%U %S' -o "$dir/time-base" "$base/planner/phaseout" plan \
		"$dir/scenario.json" -q -o "$dir/out-base" --time-limit "$limit" \
		</dev/null >/dev/null 2>&1 &
	/usr/bin/time -f '%U %S' -o "$dir/time-new" "$new/planner/phaseout" plan \
		"$dir/scenario.json" -q -o "$dir/out-new" --time-limit "$limit" \
		</dev/null >/dev/null 2>&1 &
	wait
	# shellcheck disable=SC2046
	set -- $(value "$dir/out-base/summary.json") $(value "$dir/out-new/summary.json")
	row=$(awk -v n="$name" -v o="$opt" -v s1="$1" -v v1="$2" -v b1="$3" -v t1="$(cpu "$dir/time-base")" \
		-v s2="$4" -v v2="$5" -v b2="$6" -v t2="$(cpu "$dir/time-new")" 'BEGIN {
		g1 = (o == "unproven" || v1 == "null") ? "-" : sprintf("%.3f", 100 * (v1 - o) / (o == 0 ? 1 : o))
		g2 = (o == "unproven" || v2 == "null") ? "-" : sprintf("%.3f", 100 * (v2 - o) / (o == 0 ? 1 : o))
		printf "%-20s %12s | %-8s %12s %12s %7s %6s | %-8s %12s %12s %7s %6s\n",
			n, o, s1, v1, b1, g1, t1, s2, v2, b2, g2, t2 }')
	echo "$row"
	[ "$1" = optimal ] && nb=$((nb + 1))
	[ "$4" = optimal ] && nn=$((nn + 1))
	cb=$(awk -v a="$cb" -v b="$(cpu "$dir/time-base")" 'BEGIN { print a + b }')
	cn=$(awk -v a="$cn" -v b="$(cpu "$dir/time-new")" 'BEGIN { print a + b }')
done <"$work/list.txt"
echo "proven optimal: base $nb, new $nn (time limit ${limit} s of wall clock)"
echo "CPU seconds in all: base $cb, new $cn"
