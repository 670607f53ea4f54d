#!/bin/sh
# bench-load.sh: time 'phaseout check' on a large generated scenario.
#
# usage: tools/bench-load.sh [<phaseout>] [<rows>]
#   <phaseout>  the program to run (default: build/planner/phaseout)
#   <rows>      sites in the generated sites.csv (default: 1000000)
#
# Generates, in a fresh temporary folder, a sites.csv of <rows> sites and a
# scenario.json naming it (deterministic: the same bytes on every run and
# every awk, integer arithmetic only), then runs '<phaseout> check' on it
# under /usr/bin/time -v (Debian package 'time') and prints the wall time,
# the peak resident memory and the exit status. The target is <= 3 s and
# <= 400 MB for a million rows. Set KEEP=1 to keep the folder.
#
# usage: tools/bench-load.sh --time-limit [<phaseout>...]
#   The time limit under load: starts BURNERS (default 3) CPU burners
#   ("while :; do :; done"), then runs every <phaseout> given (default:
#   build/planner/phaseout) side by side, at the same time, on us-rural's
#   funded files (scenarios/us-rural/as-happened.json and
#   as-happened-full.json) with --time-limit LIMIT (default 20) and -o,
#   and prints for each its wall and CPU time (user + system, from
#   /usr/bin/time -v), the overrun (wall time past the limit, loading
#   and output writing included), and summary.json's solve_seconds (from
#   the end of loading to the plan, before writing), status, stopped_by,
#   bound, gap and own_present_cost. A figure, not a test: the overrun should stay within
#   about a second whatever the load.
set -eu
if [ "${1:-}" = --time-limit ]; then
	shift
	[ $# -gt 0 ] || set -- build/planner/phaseout
	limit=${LIMIT:-20}
	root=$(cd "$(dirname "$0")/.." && pwd)
	dir=$(mktemp -d "${TMPDIR:-/tmp}/phaseout-bench.XXXXXX")
	if [ "${KEEP:-0}" != 1 ]; then
		trap 'rm -rf "$dir"' EXIT
	fi
	burners=
	i=0
	while [ "$i" -lt "${BURNERS:-3}" ]; do
		sh -c 'while :; do :; done' &
		burners="$burners $!"
		i=$((i + 1))
	done
	echo "load: ${BURNERS:-3} CPU burners; $(uptime)"
	for file in as-happened as-happened-full; do
		n=0
		runs=
		for prog in "$@"; do
			n=$((n + 1))
			/usr/bin/time -v -o "$dir/$file.$n.time" "$prog" plan \
				"$root/scenarios/us-rural/$file.json" --time-limit "$limit" -q \
				-o "$dir/$file.$n" >/dev/null 2>"$dir/$file.$n.err" &
			runs="$runs $!"
		done
		for pid in $runs; do
			wait "$pid" || :
		done
		n=0
		for prog in "$@"; do
			n=$((n + 1))
			t=$dir/$file.$n.time
			wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$t")
			cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$t")
			secs=$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')
			over=$(awk -v w="$secs" -v l="$limit" 'BEGIN { printf "%+.2f", w - l }')
			sum=$(python3 -c 'import json, sys
j = json.load(open(sys.argv[1]))
print("solve_seconds", j["solve_seconds"], "status", j["status"], "stopped_by", j["stopped_by"], "bound", j["bound"], "gap", j["gap"], "own", j.get("own_present_cost"))' \
				"$dir/$file.$n/summary.json" 2>/dev/null || echo "no summary.json")
			echo "$file --time-limit $limit: $prog: wall ${secs}s (overrun $over s), cpu ${cpu}s; $sum"
		done
	done
	# shellcheck disable=SC2086 # the burners' ids, one word each
	[ -z "$burners" ] || kill $burners
	exit 0
fi
phaseout=${1:-build/planner/phaseout}
rows=${2:-1000000}
if [ ! -x /usr/bin/time ]; then
	echo "bench-load.sh: /usr/bin/time is missing (apt-get install time)" >&2
	exit 1
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/phaseout-bench.XXXXXX")
if [ "${KEEP:-0}" != 1 ]; then
	trap 'rm -rf "$dir"' EXIT
fi

cat >"$dir/scenario.json" <<'JSON'
{
  "format": "phaseout-scenario/1",
  "name": "load benchmark",
  "horizon": {"start": 2024, "end": 2030},
  "sites": "sites.csv",
  "high_risk_vendors": ["Huawei", "ZTE"],
  "vendors": [
    {"name": "Ericsson", "unit_cost": {"ran": 16000, "transport": 9000, "core": 130000, "access": 4000}},
    {"name": "Nokia", "unit_cost": {"ran": 15000, "transport": 9500}}
  ],
  "budget": 5e10,
  "deadlines": [{"domain": "core", "year": 2027}],
  "share_caps": [{"domain": "ran", "year": 2028, "max_share": 0.1}]
}
JSON

# Site i gets a pseudo-random h from a Lehmer generator step (exact in a
# double: i * 48271 < 2^53), which picks its region, domain, vendor and
# numbers. Clusters hold high-risk sites only (a cluster mixing high-risk
# and other sites is an error) and Ericsson lists every domain, so every
# cluster can be swapped; depends_on names earlier sites.
start=$(date +%s)
LC_ALL=C awk -v rows="$rows" 'BEGIN {
	print "site_id,region,domain,vendor,units,criticality,earliest_year,cluster,depends_on"
	for (i = 1; i <= rows; i++) {
		h = (i * 48271) % 2147483647
		d = h % 20
		domain = d < 12 ? "ran" : d < 17 ? "transport" : d < 19 ? "core" : "access"
		v = int(h / 20) % 10
		vendor = v < 3 ? "Huawei" : v < 4 ? "ZTE" : v < 7 ? "Ericsson" : "Nokia"
		hr = v < 4
		units = domain == "core" ? 1 + h % 5 : 1 + h % 50
		crit = domain == "core" ? "5" : (h % 7 == 0 ? "2.5" : "")
		year = h % 11 == 0 ? "2026" : ""
		cluster = hr && h % 13 == 0 ? sprintf("C%05d", int(i / 100)) : ""
		deps = ""
		if (hr && i > 5 && h % 17 == 0)
			deps = sprintf("\"S%07d; S%07d\"", i - 3, i - 5)
		printf "S%07d,R%02d,%s,%s,%d,%s,%s,%s,%s\n", i, (i * 7919) % 40, domain,
			vendor, units, crit, year, cluster, deps
	}
}' >"$dir/sites.csv"
end=$(date +%s)
size=$(wc -c <"$dir/sites.csv")
echo "generated $rows sites ($size bytes) in $((end - start)) s: $dir/sites.csv"

status=0
/usr/bin/time -v -o "$dir/time.txt" "$phaseout" check "$dir/scenario.json" \
	>"$dir/stdout.txt" 2>"$dir/stderr.txt" || status=$?
wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time.txt")
rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$dir/time.txt")
user=$(sed -n 's/^[[:space:]]*User time (seconds): //p' "$dir/time.txt")
sys=$(sed -n 's/^[[:space:]]*System time (seconds): //p' "$dir/time.txt")
echo "phaseout check: exit status $status, wall time $wall (user $user s, system $sys s)," \
	"max RSS $((rss / 1024)) MB ($rss kB)"
if [ "$status" != 0 ]; then
	echo "--- first lines of stderr:"
	head -5 "$dir/stderr.txt"
fi
exit "$status"
