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
# shellcheck source=../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
tap_workdir

for dir in "$data"/bf-*/; do
	name=$(basename "$dir")
	options=
	[ -f "$dir/options" ] && options=$(cat "$dir/options")
	# shellcheck disable=SC2086
	if ! "$bruteforce" "$dir/scenario.json" $options >"$work/out" 2>"$work/err"; then
		not_ok "$name: bruteforce exited $?"
		comment "$work/err"
		continue
	fi
	if ! cmp -s "$dir/expected" "$work/out"; then
		not_ok "$name: bruteforce disagrees with the hand-computed optimum"
		diff -u "$dir/expected" "$work/out" | sed 's/^/# /'
		continue
	fi
	ok "$name: bruteforce $(tr '\n' ' ' <"$work/out")"
done

for dir in "$cases"/*/; do
	name=$(basename "$dir")
	scenario="$data/$(cat "$dir/scenario")/scenario.json"
	options=
	[ -f "$dir/options" ] && options=$(cat "$dir/options")
	# shellcheck disable=SC2086
	(cd "$dir" && "$plancheck" "$scenario" . $options) >"$work/out" 2>&1
	status=$?
	expected=$(cat "$dir/status")
	why=""
	if [ "$status" != "$expected" ]; then
		why="plancheck exited $status, expected $expected"
	fi
	while IFS= read -r line; do
		if ! grep -Fxq -- "$line" "$work/out"; then
			why="${why:+$why; }plancheck did not print: $line"
		fi
	done <"$dir/expect"
	if [ -n "$why" ]; then
		not_ok "$name: $why"
		echo "# plancheck printed:"
		comment "$work/out"
	else
		ok "$name: plancheck exit $status"
	fi
done

[ "$tap_n" -gt 0 ] || not_ok "cases found in $data and $cases"
tap_done
