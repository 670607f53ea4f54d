#!/bin/sh
# glpsol-compare.sh PHASEOUT SOURCE_ROOT [BRUTEFORCE]: solve the tiny
# scenarios tests/data/tiny/mp-*/ (version 1) and mp2-*/ (version 2:
# quarters and months) twice, with phaseout and with glpsol on the
# declarative model models/phaseout.mod, and compare.
#
# For each case folder (scenario.json, sites.csv, expect, optional options):
#   1. phaseout export scenario.json --mathprog data.dat [options]
#   2. glpsol stage 1 (the first objective), then stage 2 with the first
#      kept within 1e-9*|z1| + 1e-6 of its optimum z1 (shared/spec/model.md)
#   3. phaseout export --lp and --mps (model.c's model, first objective):
#      glpsol must load both and prove the same status and first optimum
#   4. phaseout plan scenario.json -o DIR [options]
#   5. both statuses must agree, and so must the exposure and the net
#      present cost, within 1e-6 relative (plus half a cent for each
#      plan.csv row the summary's money sums, each rounded once)
#   6. glpsol's values must also match 'expect', the optimum worked out by
#      hand (the reasoning is in its '#' lines): lines "status optimal" or
#      "status infeasible", "exposure N", "present_cost N". An 'expect'
#      with the line "oracle bruteforce" (a generated scenario, too big to
#      work out by hand) takes them from tests/oracle/bruteforce, which
#      enumerates every plan, run now: with BRUTEFORCE not given, such a
#      case fails.
# 'options' holds extra options for export and plan, e.g. --budget-scale.
# Prints TAP, one test per case.
set -u
phaseout=$1
root=$2
bruteforce=${3:-}
model=$root/models/phaseout.mod

if ! command -v glpsol >/dev/null 2>&1; then
	echo "1..0 # SKIP glpsol not found"
	exit 0
fi

# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

# value KEY FILE: the number after KEY at the start of a line of glpsol's
# output (the model's printf lines).
value() {
	awk -v key="$1" '$1 == key { print $2; exit }' "$2"
}

# near A B [ROWS]: |A - B| <= 1e-6 * max(|A|, |B|, 1); with ROWS (money
# from summary.json, written with at most two decimals), plus half a cent
# for each of the ROWS plan.csv cells it sums, each rounded once
# (docs/decisions.md), and half a cent more.
near() {
	awk -v a="$1" -v b="$2" -v money="${3:-}" 'BEGIN {
		if (a == "" || b == "") exit 1
		d = a - b; if (d < 0) d = -d
		m = a < 0 ? -a : a; n = b < 0 ? -b : b
		if (n > m) m = n
		if (m < 1) m = 1
		tol = 1e-6 * m
		if (money != "" && b ~ /^-?[0-9]+(\.[0-9]?[0-9]?)?$/) tol += 0.005 * (money + 1)
		exit !(d <= tol)
	}'
}

# solve NAME STAGE Z1: run glpsol; prints optimal, infeasible or error.
solve() {
	out=$work/$1.stage$2.out
	printf 'data;\nparam stage := %s;\nparam first_value := %s;\nend;\n' \
		"$2" "$3" >"$work/stage.dat"
	glpsol --tmlim 120 --math "$model" -d "$work/$1.dat" -d "$work/stage.dat" \
		>"$out" 2>&1
	# A scenario with no allowed swap has no binary: glpsol solves an LP
	# and says "OPTIMAL SOLUTION FOUND" (the MIP's relaxation line "OPTIMAL
	# LP SOLUTION FOUND" does not count).
	if grep -Eq "^(INTEGER )?OPTIMAL SOLUTION FOUND" "$out" &&
		grep -q "Model has been successfully processed" "$out"; then
		echo optimal
	elif grep -Eq "PROBLEM HAS NO (PRIMAL|INTEGER) FEASIBLE SOLUTION" "$out"; then
		echo infeasible
	else
		echo error
	fi
}

# fail WHY: note a disagreement of the current case (reported by its
# test line at the end of the case).
fail() {
	why="${why:+$why; }$*"
}

# compare NAME DIR: one mp-* case; returns early when nothing more can be
# compared. Details go out as TAP comments.
compare() {
	name=$1 dir=$2
	options=
	[ -f "$dir/options" ] && options=$(cat "$dir/options")

	# shellcheck disable=SC2086
	if ! "$phaseout" export "$dir/scenario.json" --mathprog "$work/$name.dat" \
		$options 2>"$work/$name.export.err"; then
		fail "export --mathprog failed: $(cat "$work/$name.export.err")"
		return
	fi

	status=$(solve "$name" 1 0)
	if [ "$status" = error ]; then
		fail "glpsol stage 1 failed"
		tail -n 20 "$work/$name.stage1.out" | sed 's/^/# /'
		return
	fi
	exposure=
	present=
	if [ "$status" = optimal ]; then
		objective=$(awk '$1 == "objective" { print $2; exit }' "$work/$name.stage1.out")
		if [ "$objective" = cost ]; then
			z1=$(value present_cost "$work/$name.stage1.out")
		else
			z1=$(value exposure "$work/$name.stage1.out")
		fi
		status=$(solve "$name" 2 "$z1")
		if [ "$status" != optimal ]; then
			fail "glpsol stage 2 is '$status' after stage 1 found $z1"
			tail -n 20 "$work/$name.stage2.out" | sed 's/^/# /'
			return
		fi
		exposure=$(value exposure "$work/$name.stage2.out")
		present=$(value present_cost "$work/$name.stage2.out")
	fi

	# export --lp and --mps (model.c's plain model, first objective) must
	# load in glpsol and prove the same status and first optimum z1; the
	# LP file holds the objective's constant only as a comment.
	# shellcheck disable=SC2086
	if ! "$phaseout" export "$dir/scenario.json" --quiet --lp "$work/$name.lp" \
		--mps "$work/$name.mps" $options 2>"$work/$name.export.err"; then
		fail "export --lp --mps failed: $(cat "$work/$name.export.err")"
		return
	fi
	for fmt in lp freemps; do
		file=$work/$name.${fmt#free}
		glpsol --tmlim 120 "--$fmt" "$file" -o "$work/$name.$fmt.sol" \
			>"$work/$name.$fmt.out" 2>&1
		if grep -Eq '^Status: +(INTEGER )?OPTIMAL' "$work/$name.$fmt.sol" 2>/dev/null; then
			got=$(awk '$1 == "Objective:" { print $4; exit }' "$work/$name.$fmt.sol")
			constant=0
			[ $fmt = lp ] && constant=$(sed -n 's/^\\\* constant term = \(.*\) \*\\$/\1/p' "$file")
			got=$(awk -v a="$got" -v b="${constant:-0}" 'BEGIN { printf "%.17g", a + b }')
			[ "$status" = optimal ] ||
				fail "glpsol --$fmt: optimal, the MathProg model: $status"
			[ "$status" != optimal ] || near "$got" "$z1" ||
				fail "glpsol --$fmt: first objective $got, the MathProg model $z1"
		elif grep -Eq "PROBLEM HAS NO (PRIMAL|INTEGER) FEASIBLE SOLUTION" \
			"$work/$name.$fmt.out"; then
			[ "$status" = infeasible ] ||
				fail "glpsol --$fmt: infeasible, the MathProg model: $status"
		else
			fail "glpsol --$fmt failed on the exported file"
			tail -n 5 "$work/$name.$fmt.out" | sed 's/^/# /'
		fi
	done

	# The optimum worked out by hand, or enumerated by bruteforce.
	expect=$dir/expect
	if [ -f "$expect" ] && grep -qx "oracle bruteforce" "$expect"; then
		expect=$work/$name.expect
		if [ -z "$bruteforce" ]; then
			fail "no bruteforce program given"
			return
		fi
		# shellcheck disable=SC2086
		"$bruteforce" "$dir/scenario.json" $options >"$work/$name.bf" 2>&1 ||
			fail "bruteforce failed: $(head -n 3 "$work/$name.bf")"
		awk '$1 == "feasible" { print "status", ($2 == 1 ? "optimal" : "infeasible") }
			$1 == "exposure" || $1 == "present_cost" { print }' \
			"$work/$name.bf" >"$expect"
	fi
	if [ ! -f "$expect" ]; then
		fail "no 'expect' file"
	else
		want=$(awk '$1 == "status" { print $2 }' "$expect")
		[ "$status" = "$want" ] || fail "glpsol: status $status, expected $want"
		for key in exposure present_cost; do
			want=$(awk -v k="$key" '$1 == k { print $2 }' "$expect")
			[ -n "$want" ] || continue
			if [ $key = exposure ]; then got=$exposure; else got=$present; fi
			near "$got" "$want" || fail "glpsol: $key $got, expected $want"
		done
	fi

	# phaseout's own plan.
	plan_dir=$work/$name.plan
	# shellcheck disable=SC2086
	"$phaseout" plan "$dir/scenario.json" -o "$plan_dir" --quiet $options \
		>"$work/$name.plan.out" 2>&1
	rc=$?
	summary=$plan_dir/summary.json
	if [ "$status" = optimal ] && [ $rc != 0 ]; then
		fail "phaseout plan exited $rc, glpsol found an optimum"
		comment "$work/$name.plan.out"
		return
	fi
	if [ "$status" = infeasible ] && [ $rc != 3 ]; then
		fail "phaseout plan exited $rc, glpsol found the rules infeasible"
		return
	fi
	if [ ! -f "$summary" ]; then
		fail "phaseout plan wrote no summary.json"
		return
	fi
	plan_status=$(json_get "$summary" status)
	[ "$plan_status" = "$status" ] ||
		fail "summary.json status '$plan_status', glpsol '$status'"
	if [ "$status" = optimal ]; then
		got=$(json_get "$summary" exposure)
		near "$exposure" "$got" ||
			fail "exposure: glpsol $exposure, phaseout $got"
		got=$(json_get "$summary" present_cost)
		rows=$(grep -c '^[0-9]' "$plan_dir/plan.csv")
		near "$present" "$got" "$rows" ||
			fail "present_cost: glpsol $present, phaseout $got"
	fi
}

for dir in "$root"/tests/data/tiny/mp-*/ "$root"/tests/data/tiny/mp2-*/; do
	[ -d "$dir" ] || continue
	name=$(basename "$dir")
	why=""
	compare "$name" "$dir"
	if [ -z "$why" ]; then
		ok "$name: $status${exposure:+, exposure $exposure, present cost $present}"
	else
		not_ok "$name: $why"
	fi
done

[ "$tap_n" -gt 0 ] || not_ok "cases found under $root/tests/data/tiny/mp-* and mp2-*"
tap_done
