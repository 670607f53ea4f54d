#!/bin/sh
# selftest.sh: test the oracles themselves, with no solver involved.
#
#  1. bruteforce on every hand-made scenario tests/data/tiny/bf-*/ must
#     print exactly that folder's 'expected' (an optimum computed by hand,
#     see its README), run with the options in its 'options' file if any.
#  2. plancheck on every hand-written plan tests/oracle/cases/<name>/
#     (plan.csv, summary.json; 'scenario' names the bf-* folder) must exit
#     with 'status' and print every line of 'expect' (each line whole).
#
# usage: selftest.sh --plancheck P --bruteforce B --data DIR --cases DIR [...]
set -u
while [ $# -gt 0 ]; do
	case $1 in
	--phaseout) shift ;;
	--plancheck) plancheck=$2; shift ;;
	--bruteforce) bruteforce=$2; shift ;;
	--tinygen) shift ;;
	--data) data=$2; shift ;;
	--cases) cases=$2; shift ;;
	--seeds) shift ;;
	*) echo "selftest.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
n=0

for dir in "$data"/bf-*/; do
	name=$(basename "$dir")
	options=
	[ -f "$dir/options" ] && options=$(cat "$dir/options")
	n=$((n + 1))
	# shellcheck disable=SC2086
	if ! "$bruteforce" "$dir/scenario.json" $options >"$work/out" 2>"$work/err"; then
		echo "FAIL $name: bruteforce exited $?"; cat "$work/err"; fail=1; continue
	fi
	if ! cmp -s "$dir/expected" "$work/out"; then
		echo "FAIL $name: bruteforce disagrees with the hand-computed optimum:"
		diff -u "$dir/expected" "$work/out"
		fail=1; continue
	fi
	echo "ok $name: bruteforce $(tr '\n' ' ' <"$work/out")"
done

for dir in "$cases"/*/; do
	name=$(basename "$dir")
	scenario="$data/$(cat "$dir/scenario")/scenario.json"
	options=
	[ -f "$dir/options" ] && options=$(cat "$dir/options")
	n=$((n + 1))
	# shellcheck disable=SC2086
	(cd "$dir" && "$plancheck" "$scenario" . $options) >"$work/out" 2>&1
	status=$?
	expected=$(cat "$dir/status")
	bad=0
	if [ "$status" != "$expected" ]; then
		echo "FAIL $name: plancheck exited $status, expected $expected"; bad=1
	fi
	while IFS= read -r line; do
		if ! grep -Fxq -- "$line" "$work/out"; then
			echo "FAIL $name: plancheck did not print: $line"; bad=1
		fi
	done <"$dir/expect"
	if [ $bad = 1 ]; then
		echo "--- plancheck printed:"; cat "$work/out"; fail=1
	else
		echo "ok $name: plancheck exit $status"
	fi
done

[ $n -gt 0 ] || { echo "FAIL: no cases found"; exit 1; }
exit $fail
