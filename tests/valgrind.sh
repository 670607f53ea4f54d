#!/bin/sh
# valgrind.sh PHASEOUT SOURCE_ROOT: run phaseout under valgrind's memcheck
# on every command-line case (tests/cli/cases/*/, as run-case.sh runs them:
# cwd = the case folder, $OUT a fresh empty folder) and on a few plan and
# export runs of the tiny scenarios, and fail on any memory error or
# definite or indirect leak. The cases of phaseout-gen (gen_cli_cases in
# tools/meson.build) run phaseout-gen from the same build, when it is there.
#
# Prints one TAP line per run and a closing "# N passed, N failed".
set -u
phaseout=$1
root=$2
gen=$(dirname "$phaseout")/../tools/phaseout-gen
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind.sh: valgrind is not installed" >&2
	exit 1
fi

# vg NAME EXPECTED_STATUS DIR PROGRAM ARGS...: one run in DIR; it passes
# when valgrind found nothing and the program exited with the status the
# test expects (so the run took the path the test means it to take).
vg() {
	name=$1 want=$2 dir=$3
	shift 3
	rm -rf "$work/out"
	mkdir "$work/out"
	(cd "$dir" && OUT=$work/out valgrind -q --leak-check=full \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		--log-file="$work/vg.log" "$@" >/dev/null 2>"$work/stderr")
	got=$?
	if [ "$got" = 99 ] || [ -s "$work/vg.log" ]; then
		not_ok "$name: valgrind found errors (exit $got)"
		sed 's/^/# /' "$work/vg.log" | head -60
	elif [ "$got" != "$want" ]; then
		not_ok "$name: exit status $got, expected $want"
		sed 's/^/# /' "$work/stderr" | head -20
	else
		ok "$name"
	fi
}

# list_of FILE VARIABLE: the quoted names of a meson list 'VARIABLE = [...]'
list_of() {
	sed -n "/^ *$2 = \[/,/\]/p" "$1" | sed -n "s/^ *'\([^']*\)',*$/\1/p"
}

gen_cases=$(list_of "$root/tools/meson.build" gen_cli_cases)
for dir in "$root"/tests/cli/cases/*/; do
	dir=${dir%/}
	name=$(basename "$dir")
	[ -f "$dir/args" ] || continue
	prog=$phaseout
	if echo "$gen_cases" | grep -qx "$name"; then
		[ -x "$gen" ] || continue
		prog=$gen
	fi
	# Word-split like run-case.sh: $OUT in args names the fresh folder.
	OUT=$work/out
	export OUT
	eval "set -- $(cat "$dir/args")"
	vg "cli-$name" "$(cat "$dir/status")" "$dir" "$prog" "$@"
done

# The solver's paths: optimal, infeasible (the diagnosis), output files,
# the exports, and the brute-force oracles' tiny scenarios.
tiny=$root/tests/data/plan/tiny
vg "plan tiny -o" 0 "$tiny" "$phaseout" plan scenario.json -o "$work/out/plan"
vg "plan tiny infeasible -o" 3 "$tiny" "$phaseout" plan infeasible.json -o "$work/out/inf"
vg "plan tiny --allow-late" 0 "$tiny" "$phaseout" plan infeasible.json --allow-late
vg "export tiny --lp" 0 "$tiny" "$phaseout" export scenario.json --lp "$work/out/m.lp"
vg "export tiny --mps" 0 "$tiny" "$phaseout" export scenario.json --mps "$work/out/m.mps"
vg "export tiny --mathprog" 0 "$tiny" "$phaseout" export scenario.json \
	--mathprog "$work/out/m.dat"
for bf in basic cluster-deps carry infeasible; do
	dir=$root/tests/data/tiny/bf-$bf
	want=0
	grep -q '^feasible 0' "$dir/expected" && want=3
	vg "plan bf-$bf" "$want" "$dir" "$phaseout" plan scenario.json -o "$work/out/bf-$bf"
done

tap_done
