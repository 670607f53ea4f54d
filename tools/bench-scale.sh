#!/bin/sh
# bench-scale.sh [BUILD_DIR]: phaseout at national scale, side by side with
# cbc and HiGHS on the model phaseout exports. A benchmark that prints
# figures; it asserts nothing (the machines are shared and noisy), and it
# takes hours in full: run it alone.
#
# Cases (SIZES): phaseout-gen networks of 2,000, 20,000 and 100,000 sites
# (seeds SEEDS), "20000cd" (20,000 sites with --clusters --dependencies)
# and "uk-2022" (scenarios/uk-2022, one run). For each case and solver, with
# the same time limit LIMIT (seconds of wall clock), one line:
#
#   first    seconds to the first plan
#   to1%     seconds to a plan proven within 1% of the optimum
#   to0.1%   seconds to one within 0.1%
#   optimal  seconds to the proven optimum, or "gap=G" at the time limit
#   value    the best exposure found, bound the best proven bound on it
#   MB       peak resident memory
#   "-"      not reached within the limit
#
# phaseout: three runs, '--gap 0.01', '--gap 0.001' and no gap (each
# stopping at LIMIT; a later one is skipped when an earlier one proved the
# optimum); first is summary.json's first_plan_seconds, the others the wall
# time of the run that stopped on that gap; rows/cols are those of the
# model it solves (cohorts merged). cbc (coinor-cbc, '-timeMode elapsed
# -sec LIMIT') and HiGHS (tools/highs-solve.js: the npm package 'highs', a
# single-threaded WebAssembly build, installed by this script under
# BUILD_DIR/highs-js, never a dependency of phaseout) solve the per-site
# model of 'phaseout export --mps'; their times to a gap come from cbc's log
# lines (printed every hundred nodes or so, so they are upper bounds) and
# HiGHS's MIP callbacks. Both read the objective constant C of GLPK's MPS as
# -C, so their values are corrected by +2C (see tests/cbc-compare.sh), and
# the gaps are (value - bound) / |value| on the exposure itself.
#
# Needs coinor-cbc, python3, node and npm (HiGHS), and the 'time' package:
#	apt-get install -y coinor-cbc python3 nodejs npm time
#
# Overrides from the environment: SIZES, SEEDS, LIMIT (default 60),
# SOLVERS (default "phaseout cbc highs"), HIGHS_VERSION (default 1.15.3),
# HIGHS_DIR (default BUILD_DIR/highs-js). A quick run:
#	SIZES=2000 SEEDS=1 LIMIT=20 tools/bench-scale.sh build
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
phaseout=$build/planner/phaseout
gen=$build/tools/phaseout-gen
sizes=${SIZES:-"2000 20000 100000 20000cd uk-2022"}
seeds=${SEEDS:-"1 2 3"}
limit=${LIMIT:-60}
solvers=${SOLVERS:-"phaseout cbc highs"}
highs_version=${HIGHS_VERSION:-1.15.3}
highs_dir=${HIGHS_DIR:-$build/highs-js}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case " $solvers " in
*" highs "*)
	if [ ! -f "$highs_dir/node_modules/highs/package.json" ]; then
		echo "bench-scale: installing highs@$highs_version into $highs_dir" >&2
		mkdir -p "$highs_dir"
		npm install --no-save --no-package-lock --no-audit --no-fund \
			--prefix "$highs_dir" "highs@$highs_version" >&2 ||
			echo "bench-scale: npm install failed: no HiGHS figures" >&2
	fi
	;;
esac
highs_js=$(cd "$highs_dir" 2>/dev/null && pwd)

# peak_mb FILE: the peak resident memory in a /usr/bin/time -v report.
peak_mb() {
	sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" |
		awk '{ printf "%d", $1 / 1024 }'
}
# wall FILE: the elapsed time in a /usr/bin/time -v report, in seconds.
wall() {
	sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" |
		awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'
}
# summary FILE: "status exposure bound gap first_plan_seconds rows cols".
summary() {
	python3 -c '
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    print("none - - - - - -"); sys.exit()
key = "present_cost" if d.get("objective") == "cost" else "exposure"
m = d.get("model") or {}
show = lambda v: "-" if v is None else v
print(*(show(v) for v in (d.get("status"), d.get(key), d.get("bound"), d.get("gap"),
                          d.get("first_plan_seconds"), m.get("rows"), m.get("columns"))))
' "$1"
}

row() {
	printf '%-10s %-8s %-14s %7s %7s %7s %11s %12s %12s %6s\n' "$@"
}

# run_phaseout SCENARIO DIR: the three phaseout runs, one line. (sh has
# no local variables: 'dims' must not be the loop's 'size', which it once
# was, so that every seed after the first ran with a size like 437/5442.)
run_phaseout() {
	scen=$1 d=$2
	to1=- to01=- opt=- gap=- mb=0 value=- bound=- first=- dims=-
	for g in 0.01 0.001 0; do
		out=$d/phaseout-$g
		/usr/bin/time -v "$phaseout" plan "$scen" -q --gap "$g" --time-limit "$limit" \
			-o "$out" </dev/null >/dev/null 2>"$out.time"
		t=$(wall "$out.time")
		m=$(peak_mb "$out.time")
		[ "${m:-0}" -gt "$mb" ] && mb=$m
		# shellcheck disable=SC2046
		set -- $(summary "$out/summary.json")
		status=$1 value=$2 bound=$3 gap=$4
		[ "$first" = - ] && first=$5 && dims="$6/$7"
		reached=$(awk -v s="$status" -v gp="$gap" -v want="$g" 'BEGIN {
			print (s == "optimal" || (gp != "-" && gp + 0 <= want + 0)) ? "yes" : "no" }')
		if [ "$status" = optimal ]; then
			[ "$to1" = - ] && to1=$t
			[ "$to01" = - ] && to01=$t
			opt=$t
			break
		fi
		[ "$reached" = yes ] && [ "$g" = 0.01 ] && to1=$t
		[ "$reached" = yes ] && [ "$g" = 0.001 ] && to01=$t
	done
	[ "$opt" = - ] && opt="gap=$(awk -v g="$gap" 'BEGIN { if (g == "-") print "-"; else printf "%.3g%%", g * 100 }')"
	row "$case_name" phaseout "$dims" "$first" "$to1" "$to01" "$opt" "$value" "$bound" "$mb"
}

# run_cbc MPS CONST DIR: cbc within the limit, its log read for the times.
# cbc counts its limit from after reading and preprocessing, which takes
# minutes on the 100,000-site model: 'timeout' ends it at 3 x LIMIT + 60 s.
run_cbc() {
	/usr/bin/time -v timeout $((3 * limit + 60)) cbc "$1" -timeMode elapsed -sec "$limit" -solve -quit \
		</dev/null >"$3/cbc.log" 2>"$3/cbc.time"
	mb=$(peak_mb "$3/cbc.time")
	awk -v c="$2" -v size="$size_per_site" -v name="$case_name" -v mb="$mb" '
	function seconds(line) {
		if (match(line, /\(([0-9.]+) seconds\)/) == 0) return -1
		return substr(line, RSTART + 1, RLENGTH - 10) + 0
	}
	function abs(x) { return x < 0 ? -x : x }
	function gap(v, lb) { return (v - lb) / (abs(v) > 1e-9 ? abs(v) : 1e-9) }
	function check(t,   g) {
		if (t < 0 || !have_p) return
		if (first == "-") first = sprintf("%.2f", t)
		if (!have_b) return
		g = gap(p + 2 * c, b + 2 * c)
		if (g <= 0.01 && to1 == "-") to1 = sprintf("%.2f", t)
		if (g <= 0.001 && to01 == "-") to01 = sprintf("%.2f", t)
	}
	BEGIN { first = to1 = to01 = "-"; have_p = have_b = 0 }
	/Integer solution of/ {
		for (i = 1; i < NF; i++) if ($i == "of") { p = $(i + 1); have_p = 1; break }
		check(seconds($0))
	}
	/best solution, best possible/ {
		for (i = 1; i < NF; i++) {
			# "1e+50 best solution" means none yet.
			if ($i == "best" && $(i + 1) == "solution," && $(i - 1) + 0 < 1e49) {
				p = $(i - 1); have_p = 1
			}
			if ($i == "possible") { b = $(i + 1); have_b = 1 }
		}
		check(seconds($0))
	}
	/^Result - / { result = $0 }
	/^Objective value:/ { final_p = $3; have_final = 1 }
	/^Lower bound:/ { final_b = $3 }
	/^Gap:/ { final_gap = $2 }
	/Wallclock seconds\): / { wallclock = $NF }
	END {
		optimal = result ~ /Optimal solution found/
		value = have_final ? sprintf("%.10g", final_p + 2 * c) : "-"
		bound = optimal ? value : (final_b != "" ? sprintf("%.10g", final_b + 2 * c) : "-")
		if (optimal) {
			if (first == "-") first = wallclock
			if (to1 == "-") to1 = wallclock
			if (to01 == "-") to01 = wallclock
			opt = wallclock
		} else if (have_final && final_b != "") {
			opt = sprintf("gap=%.3g%%", 100 * gap(final_p + 2 * c, final_b + 2 * c))
		} else
			opt = "gap=-"
		printf "%-10s %-8s %-14s %7s %7s %7s %11s %12s %12s %6s\n",
			name, "cbc", size, first, to1, to01, opt, value, bound, mb
	}' "$3/cbc.log"
}

# run_highs MPS CONST DIR: tools/highs-solve.js within the limit.
run_highs() {
	if [ -z "$highs_js" ] || [ ! -f "$highs_js/node_modules/highs/package.json" ]; then
		row "$case_name" highs "$size_per_site" - - - "not installed" - - -
		return
	fi
	HIGHS_JS=$highs_js timeout $((3 * limit + 60)) node "$root/tools/highs-solve.js" "$1" --time-limit "$limit" \
		--offset "$(awk -v c="$2" 'BEGIN { printf "%.10g", 2 * c }')" \
		</dev/null >"$3/highs.txt" 2>&1
	# status= objective= bound= gap= time= first= to1%= to0.1%= nodes= mb=
	awk -v size="$size_per_site" -v name="$case_name" '
	/^status=/ {
		for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
		opt = f["status"] == "optimal" ? f["time"] : (f["gap"] == "-" ? "gap=-" : sprintf("gap=%.3g%%", 100 * f["gap"]))
		printf "%-10s %-8s %-14s %7s %7s %7s %11s %12s %12s %6s\n",
			name, "highs", size, f["first"], f["to1%"], f["to0.1%"], opt,
			f["objective"], f["bound"], f["mb"]
		done = 1
	}
	END { if (!done) printf "%-10s %-8s %-14s %s\n", name, "highs", size, "failed" }' "$3/highs.txt"
}

echo "time limit ${limit}s; cbc and highs on the per-site model of 'phaseout export --mps'"
row case solver rows/cols first to1% to0.1% optimal value bound MB

for size in $sizes; do
	if [ "$size" = uk-2022 ]; then
		case_seeds=1
	else
		case_seeds=$seeds
	fi
	for seed in $case_seeds; do
		if [ "$size" = uk-2022 ]; then
			case_name=uk-2022
			dir=$work/uk-2022
			mkdir -p "$dir"
			scen=$root/scenarios/uk-2022/scenario.json
		else
			case_name=$size-$seed
			dir=$work/$case_name
			n=${size%cd}
			extra=""
			[ "$size" != "$n" ] && extra="--clusters --dependencies"
			# shellcheck disable=SC2086
			"$gen" --sites "$n" --seed "$seed" $extra -q -o "$dir"
			scen=$dir/scenario.json
		fi
		"$phaseout" export "$scen" --mps "$dir/model.mps" 2>/dev/null
		# cbc 2.10 misreads some of GLPK's free MPS records unless the
		# NAME card says FREE (see tests/cbc-compare.sh).
		sed 's/^NAME phaseout$/NAME phaseout FREE/' "$dir/model.mps" >"$dir/free.mps"
		rm -f "$dir/model.mps"
		size_per_site="$(sed -n 's/^\* Rows: *\([0-9]*\).*/\1/p' "$dir/free.mps")/$(sed -n 's/^\* Columns: *\([0-9]*\).*/\1/p' "$dir/free.mps")"
		const=$(awk '$1 == "RHS1" { for (i = 2; i < NF; i += 2) if ($i == "R0000000") print $(i + 1) }' \
			"$dir/free.mps")
		const=${const:-0}
		for s in $solvers; do
			case $s in
			phaseout) run_phaseout "$scen" "$dir" ;;
			cbc) run_cbc "$dir/free.mps" "$const" "$dir" ;;
			highs) run_highs "$dir/free.mps" "$const" "$dir" ;;
			*) echo "bench-scale: unknown solver '$s'" >&2 ;;
			esac
		done
		rm -rf "$dir"
	done
done
