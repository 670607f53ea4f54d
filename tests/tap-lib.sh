#!/bin/sh
# tap-lib.sh SOURCE_ROOT: tests/lib/tap.sh does what the suites rely on: a
# failing check makes 'not ok' and a non-zero exit, its output shown only
# then; JSON compares by value, not by layout. Prints TAP.
set -u
root=$1
# shellcheck source=lib/tap.sh
. "$root/tests/lib/tap.sh"
tap_workdir

# suite NAME BODY: a suite sourcing the library, run; its stdout in
# $work/NAME.out and its exit status in $work/NAME.status.
suite() {
	printf '. "%s/tests/lib/tap.sh"\n%s\n' "$root" "$2" >"$work/$1.sh"
	sh "$work/$1.sh" >"$work/$1.out" 2>&1
	echo $? >"$work/$1.status"
}

suite pass 'check "true holds" true
ok "by hand"
skip "a missing tool" "not installed"
tap_done'
check "passing suite: exit 0" test "$(cat "$work/pass.status")" = 0
check "passing suite: numbered lines, a skip, the plan last" test "$(cat "$work/pass.out")" = \
	"ok 1 - true holds
ok 2 - by hand
ok 3 - a missing tool # SKIP not installed
1..3
# 3 passed, 0 failed"

suite fail 'check "shows why" sh -c "echo the reason; exit 1"
check "quiet when it holds" sh -c "echo noise"
tap_done'
check "failing check: exit 1" test "$(cat "$work/fail.status")" = 1
check "failing check: not ok, its output as a comment, none from a pass" \
	test "$(cat "$work/fail.out")" = "not ok 1 - shows why
# the reason
ok 2 - quiet when it holds
1..2
# 1 passed, 1 failed"

suite planned 'tap_plan 1
not_ok "first"
tap_done'
check "tap_plan: the plan first, not again" test "$(cat "$work/planned.out")" = "1..1
not ok 1 - first
# 0 passed, 1 failed"

printf '{"status":"optimal","exposure":35.0,"holds":true,"rules":[{"value":1}],"gap":null}' \
	>"$work/a.json"
printf '{\n\t"gap":\tnull,\n\t"rules":\t[{\n\t\t"value":\t1\n\t}],\n\t"holds":\ttrue,\n\t"exposure":\t35,\n\t"status":\t"optimal"\n}\n' \
	>"$work/b.json"
printf '{"status":"optimal","exposure":35.5}' >"$work/c.json"
check "json_same: the same document in another layout and order" json_same "$work/a.json" "$work/b.json"
check "json_same: a different number differs" fails json_same "$work/a.json" "$work/c.json"
check "json_is: a string" json_is "$work/b.json" status '"optimal"'
check "json_is: 35 is 35.0" json_is "$work/a.json" exposure 35
check "json_is: a path into an array" json_is "$work/b.json" rules.0.value 1
check "json_is: true is not 1" fails json_is "$work/a.json" holds 1
check "json_is: a missing key fails" fails json_is "$work/a.json" bound null
check "json_holds: an expression on the document" json_holds "$work/b.json" 'j["gap"] is None and j["exposure"] > 34'
json_holds "$work/a.json" 'j["exposure"] > 40' 'j["exposure"]' >"$work/holds.out" 2>&1
check "json_holds: a false expression fails, showing what it was asked to" \
	grep -q 'not j\["exposure"\] > 40 (j\["exposure"\]: 35.0)$' "$work/holds.out"
check "json_get: a string as it is, a number, null" test \
	"$(json_get "$work/b.json" status) $(json_get "$work/c.json" exposure) $(json_get "$work/a.json" gap)" = \
	"optimal 35.5 null"
printf 'not json' >"$work/bad.json"
check "json_is: a file that is no JSON fails" fails json_is "$work/bad.json" . null

mkdir "$work/dir"
: >"$work/dir/b.csv"
: >"$work/dir/.a.tmp"
: >"$work/dir/a.json"
check "listing: every name, hidden ones too, sorted" test "$(listing "$work/dir")" = ".a.tmp a.json b.csv "

tap_done
