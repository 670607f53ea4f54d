#!/bin/sh
# baseline-property.sh: plan --baseline against the independent oracles
# (model-2.md stage 4, cli-and-outputs-2.md "Moves"). For seeds 1..N of
# tinygen (version 1, or version 2 with --v2):
#  1. phaseout plan -o base; then plan --baseline base: no site moved,
#     the same exposure and present cost as base, and plancheck --baseline
#     accepts it (every moved cell and sites_moved recounted);
#  2. plan --budget-scale 0.8 --baseline base: bruteforce with the same
#     baseline finds no plan <=> phaseout exits 3; otherwise plancheck
#     accepts the plan and its exposure, present cost and moves are
#     bruteforce's (the fewest moves within the first objective's best,
#     then the least second objective);
#  3. the same with --slack 0.1.
# A seed whose first plan is infeasible has nothing to re-plan and counts
# as such. A failing seed's folder is kept and named.
#
# usage: baseline-property.sh --phaseout P --plancheck P --bruteforce B
#                             --tinygen T [--seeds N] [--seed-from S] [--v2]
set -u
seeds=40
from=1
v2=
while [ $# -gt 0 ]; do
	case $1 in
	--phaseout) phaseout=$2; shift ;;
	--plancheck) plancheck=$2; shift ;;
	--bruteforce) bruteforce=$2; shift ;;
	--tinygen) tinygen=$2; shift ;;
	--data | --cases) shift ;;
	--seeds) seeds=$2; shift ;;
	--seed-from) from=$2; shift ;;
	--v2) v2=--v2 ;;
	*) echo "baseline-property.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
# shellcheck source=../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
root=$(mktemp -d "${TMPDIR:-/tmp}/phaseout-baseline.XXXXXX")
replans=0
no_plan=0

# figure FILE KEY: a number from a bruteforce output or summary.json.
figure() {
	case $1 in
	*.json) python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2" ;;
	*) sed -n "s/^$2 //p" "$1" ;;
	esac
}

# replan NAME WORK SCENARIO OPTIONS...: phaseout with --baseline WORK/base
# against bruteforce's answer with the same options; one TAP line.
replan() {
	name=$1 work=$2 scen=$3
	shift 3
	out=$work/$name
	"$bruteforce" "$scen" --baseline "$work/base" "$@" >"$out.expected" 2>"$out.bf.stderr" || {
		not_ok "$seed_name $name: bruteforce failed"
		sed 's/^/# /' "$out.bf.stderr"
		return 1
	}
	"$phaseout" plan "$scen" -q -o "$out" --baseline "$work/base" "$@" \
		>/dev/null 2>"$out.stderr"
	status=$?
	if grep -qx 'feasible 0' "$out.expected"; then
		if [ $status != 3 ]; then
			not_ok "$seed_name $name: bruteforce finds no plan, phaseout exited $status"
			return 1
		fi
		ok "$seed_name $name: no plan, as bruteforce says"
		return 0
	fi
	# plancheck takes --budget-scale, not --slack
	scale=1
	[ "$1" = --budget-scale ] && scale=$2
	if [ $status != 0 ] ||
		! "$plancheck" "$scen" "$out" --budget-scale "$scale" --baseline "$work/base" \
			--expect "$out.expected" >"$out.plancheck" 2>&1; then
		not_ok "$seed_name $name: exit $status; plancheck against $(tr '\n' ' ' <"$out.expected"):"
		sed 's/^/# /' "$out.plancheck" "$out.stderr" 2>/dev/null | head -20
		return 1
	fi
	ok "$seed_name $name: $(figure "$out.expected" moves) moves, as bruteforce's fewest"
	return 0
}

seed=$from
last=$((from + seeds - 1))
while [ "$seed" -le "$last" ]; do
	name=${v2:+v2-}seed-$seed
	seed_name=$name
	work=$root/$name
	mkdir -p "$work"
	scen=$work/scenario/scenario.json
	fine=true
	# shellcheck disable=SC2086
	"$tinygen" $v2 "$seed" "$work/scenario" 2>"$work/tinygen.stderr" || {
		not_ok "$name: tinygen failed"
		fine=false
	}
	if $fine; then
		"$phaseout" plan "$scen" -q -o "$work/base" >/dev/null 2>&1
		status=$?
	fi
	if $fine && [ "$status" = 3 ]; then
		no_plan=$((no_plan + 1))
	elif $fine && [ "$status" != 0 ]; then
		not_ok "$name: the first plan exited $status"
		fine=false
	elif $fine; then
		replans=$((replans + 1))
		if "$phaseout" plan "$scen" -q -o "$work/same" --baseline "$work/base" \
			>/dev/null 2>"$work/same.stderr" &&
			[ "$(figure "$work/same/summary.json" sites_moved)" = 0 ] &&
			[ "$(figure "$work/same/summary.json" exposure)" = "$(figure "$work/base/summary.json" exposure)" ] &&
			[ "$(figure "$work/same/summary.json" present_cost)" = "$(figure "$work/base/summary.json" present_cost)" ] &&
			"$plancheck" "$scen" "$work/same" --baseline "$work/base" >"$work/same.plancheck" 2>&1; then
			ok "$name: against its own plan, no move and the same objectives"
		else
			not_ok "$name: against its own plan:"
			sed 's/^/# /' "$work/same.plancheck" "$work/same.stderr" | head -20
			fine=false
		fi
		replan tight "$work" "$scen" --budget-scale 0.8 || fine=false
		replan slack "$work" "$scen" --budget-scale 0.8 --slack 0.1 || fine=false
	fi
	if $fine; then
		rm -rf "${work:?}"
	else
		echo "# kept $work (seed $seed${v2:+, --v2})"
	fi
	seed=$((seed + 1))
done

echo "# baseline-property: $replans seeds re-planned, $no_plan without a first plan"
[ "$tap_failed" = 0 ] && rm -rf "$root"
tap_done
