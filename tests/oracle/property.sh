#!/bin/sh
# property.sh: phaseout plan against the independent oracles.
#
#  1. Every hand-made scenario tests/data/tiny/bf-*/ (optimum computed by
#     hand in its 'expected'): an infeasible one must exit 3 and write only
#     summary.json; a feasible one must exit 0 with a plan that plancheck
#     accepts and whose objectives are the expected ones.
#  2. For seeds 1..N: tinygen SEED -> bruteforce -> phaseout plan -o.
#     bruteforce infeasible <=> phaseout exits 3 (only summary.json
#     written); otherwise phaseout exits 0, plancheck passes, and its
#     exposure and present cost equal bruteforce's (1e-6 relative).
#
# With --v2, step 1 is left out and step 2 uses 'tinygen --v2' (version 2
# scenarios in periods, scenario-format-2.md; plancheck then reads
# plan.csv's period column).
#
# A failing seed's folder is kept and named; rerun one seed with
# 'property.sh ... --seed-from S --seeds S'.
#
# usage: property.sh --phaseout P --plancheck P --bruteforce B --tinygen T
#                    --data DIR --cases DIR [--seeds N] [--seed-from S] [--v2]
set -u
seeds=150
from=1
v2=
while [ $# -gt 0 ]; do
	case $1 in
	--phaseout) phaseout=$2; shift ;;
	--plancheck) plancheck=$2; shift ;;
	--bruteforce) bruteforce=$2; shift ;;
	--tinygen) tinygen=$2; shift ;;
	--data) data=$2; shift ;;
	--cases) shift ;;
	--seeds) seeds=$2; shift ;;
	--seed-from) from=$2; shift ;;
	--v2) v2=--v2 ;;
	*) echo "property.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
# shellcheck source=../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# Not tap_workdir: a failing case's folder is kept for a look.
root=$(mktemp -d "${TMPDIR:-/tmp}/phaseout-property.XXXXXX")
infeasible=0
feasible=0

# agrees NAME SCENARIO_DIR EXPECTED_FILE OPTIONS: run phaseout and compare;
# one TAP line. Returns 1 (the caller keeps the work folder) on any
# disagreement.
agrees() {
	name=$1 dir=$2 expected=$3 options=$4
	work=$root/$name
	mkdir -p "$work"
	# shellcheck disable=SC2086
	"$phaseout" plan "$dir/scenario.json" -o "$work/out" --quiet $options \
		>"$work/phaseout.stdout" 2>"$work/phaseout.stderr"
	status=$?
	if grep -qx 'feasible 0' "$expected"; then
		infeasible=$((infeasible + 1))
		if [ $status != 3 ]; then
			not_ok "$name: bruteforce finds no plan, phaseout exited $status (expected 3)"
			sed 's/^/# /' "$work/phaseout.stderr" | head -20
			return 1
		fi
		if [ "$(listing "$work/out" 2>/dev/null)" != "summary.json " ]; then
			not_ok "$name: exit 3 must write summary.json only, wrote: $(listing "$work/out" 2>&1)"
			return 1
		fi
		ok "$name: no plan, as bruteforce says"
		return 0
	fi
	feasible=$((feasible + 1))
	if [ $status != 0 ]; then
		not_ok "$name: bruteforce finds a plan ($(tr '\n' ' ' <"$expected")), phaseout exited $status"
		sed 's/^/# /' "$work/phaseout.stderr" | head -20
		return 1
	fi
	# shellcheck disable=SC2086
	if ! "$plancheck" "$dir/scenario.json" "$work/out" --expect "$expected" $options \
		>"$work/plancheck.out" 2>&1; then
		not_ok "$name: plancheck rejects phaseout's plan:"
		sed 's/^/# /' "$work/plancheck.out"
		return 1
	fi
	ok "$name: plancheck accepts phaseout's plan"
	return 0
}

for dir in "$data"/bf-*/; do
	[ -n "$v2" ] && break
	name=$(basename "$dir")
	options=
	[ -f "$dir/options" ] && options=$(cat "$dir/options")
	if agrees "$name" "$dir" "$dir/expected" "$options"; then
		rm -rf "${root:?}/$name"
	else
		echo "# kept $root/$name"
	fi
done

seed=$from
last=$((from + seeds - 1))
while [ "$seed" -le "$last" ]; do
	name=${v2:+v2-}seed-$seed
	work=$root/$name
	mkdir -p "$work"
	# shellcheck disable=SC2086
	if ! "$tinygen" $v2 "$seed" "$work/scenario" 2>"$work/tinygen.stderr" ||
		! "$bruteforce" "$work/scenario/scenario.json" >"$work/bruteforce.out" \
			2>"$work/bruteforce.stderr"; then
		not_ok "$name: tinygen or bruteforce failed"
		sed 's/^/# /' "$work/tinygen.stderr" "$work/bruteforce.stderr"
		echo "# kept $work"
	elif agrees "$name" "$work/scenario" "$work/bruteforce.out" ""; then
		rm -rf "${work:?}"
	else
		echo "# kept $work (seed $seed${v2:+, --v2})"
	fi
	seed=$((seed + 1))
done

echo "# property: $feasible feasible and $infeasible infeasible cases"
[ "$tap_failed" = 0 ] && rm -rf "$root"
tap_done
