# shellcheck shell=sh
# tap.sh: what the shell suites share. Source it first thing:
#
#	. "$(dirname "$0")/lib/tap.sh"
#
# (meson runs each suite by its absolute path from the build folder, so
# dirname "$0" is the suite's own folder). Then:
#
#	tap_workdir                  a fresh $work, removed at exit
#	check "what holds" CMD...    one test: CMD must succeed
#	ok "what held"; not_ok "what did not"; skip "what" "why"
#	tap_done                     the plan "1..N", a summary, the exit status
#
# Each test is one TAP line, "ok N - DESCRIPTION" or "not ok N - ...",
# numbered in order; meson reads them with protocol 'tap'. A suite that
# knows its count up front may print it with tap_plan instead.
#
# Also here: fails, has, run and status_is (phaseout's output in $work),
# listing (a folder's names), comment, and the JSON helpers json_is,
# json_holds, json_same and json_get, which parse. tests/tap-lib.sh tests
# the counting, check, listing and the JSON helpers. A suite's own helper
# of the same name replaces the one here.
#
# POSIX sh; the JSON helpers need python3 (tools/setup.sh installs it).

tap_n=0
tap_failed=0
tap_planned=""

# ok DESCRIPTION / not_ok DESCRIPTION: record one test's outcome.
ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}
not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
}

# skip DESCRIPTION REASON: a test that could not run here (it counts as
# passed, as TAP says).
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

# comment FILE: show a file as TAP comments.
comment() {
	sed 's/^/# /' "$1"
}

# check DESCRIPTION COMMAND...: one test that COMMAND succeeds. Its output
# is kept out of the TAP stream and shown, as comments, only on failure,
# followed by the first lines of the file $tap_context names, if any (a
# suite that saves each run's stderr points it there).
tap_context=""
check() {
	tap_desc=$1
	shift
	tap_out=$(mktemp "${TMPDIR:-/tmp}/tap-check.XXXXXX") || exit 1
	if "$@" >"$tap_out" 2>&1; then
		ok "$tap_desc"
	else
		not_ok "$tap_desc"
		head -20 "$tap_out" | sed 's/^/# /'
		if [ -n "$tap_context" ] && [ -f "$tap_context" ]; then
			head -5 "$tap_context" | sed 's/^/# /'
		fi
	fi
	rm -f "$tap_out"
}

# tap_plan COUNT: print the plan first (then tap_done prints none).
tap_plan() {
	echo "1..$1"
	tap_planned=yes
}

# tap_done: end the suite: the plan (unless printed first), how many
# passed, and exit 0 only if none failed.
tap_done() {
	[ -n "$tap_planned" ] || echo "1..$tap_n"
	echo "# $((tap_n - tap_failed)) passed, $tap_failed failed"
	exit $((tap_failed > 0))
}

# tap_workdir: make a fresh temporary folder $work, removed on exit. A
# suite with more to undo sets its own EXIT trap afterwards (and removes
# $work there).
tap_workdir() {
	work=$(mktemp -d "${TMPDIR:-/tmp}/phaseout-test.XXXXXX") || exit 1
	trap 'rm -rf "$work"' EXIT
}

# fails COMMAND...: COMMAND (a function too) fails: check "..." fails cmp -s A B.
fails() { ! "$@"; }

# has PATTERN FILE: FILE has a line matching the basic regex PATTERN.
has() { grep -q -- "$1" "$2"; }

# run ARGS...: run "$phaseout" ARGS with its stdout, stderr and exit
# status in $work/stdout, $work/stderr and $work/status; status_is N
# tests the status.
run() {
	"${phaseout:?the suite sets phaseout before run}" "$@" >"$work/stdout" 2>"$work/stderr"
	echo $? >"$work/status"
}
status_is() { test "$(cat "$work/status")" = "$1"; }

# JSON is compared by parsing, never by layout: the writer's indentation
# and key order are not what a reader relies on.
#
# json_is FILE PATH EXPECTED: the value at PATH in the JSON document FILE
# equals the JSON text EXPECTED (json_is summary.json status '"optimal"';
# numbers compare by value, so 35 equals 35.0). PATH is keys and array
# indices joined by dots ("rules.0.holds"); "." is the whole document.
json_is() {
	python3 - "$@" <<'PY'
import json, sys
path, want = sys.argv[2], json.loads(sys.argv[3])
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        v = json.load(f)
except (OSError, ValueError) as e:
    sys.exit(f"{sys.argv[1]}: {e}")
for key in [] if path == "." else path.split("."):
    try:
        v = v[int(key)] if isinstance(v, list) else v[key]
    except (KeyError, IndexError, ValueError, TypeError):
        sys.exit(f"{sys.argv[1]}: no {path!r}")
if v != want or (type(v) is bool) != (type(want) is bool):
    sys.exit(f"{sys.argv[1]}: {path} is {json.dumps(v)}, not {json.dumps(want)}")
PY
}

# json_get FILE PATH: print the value at PATH: a string as it is, a number
# as Python writes it (35, 240.46), null, true, false, anything else as
# JSON. Fails when FILE is no JSON or has no PATH.
json_get() {
	python3 - "$@" <<'PY'
import json, sys
path = sys.argv[2]
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        v = json.load(f)
except (OSError, ValueError) as e:
    sys.exit(f"{sys.argv[1]}: {e}")
for key in [] if path == "." else path.split("."):
    try:
        v = v[int(key)] if isinstance(v, list) else v[key]
    except (KeyError, IndexError, ValueError, TypeError):
        sys.exit(f"{sys.argv[1]}: no {path!r}")
if isinstance(v, str):
    print(v)
elif isinstance(v, (int, float)) and not isinstance(v, bool):
    print(repr(v))
else:
    print(json.dumps(v))
PY
}

# json_holds FILE EXPRESSION [SHOW]: the Python EXPRESSION is true with 'j'
# the parsed document (json_holds summary.json 'j["gap"] > 0'); when it is
# not, the value of the expression SHOW is printed too.
json_holds() {
	python3 - "$@" <<'PY'
import json, sys
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        j = json.load(f)
except (OSError, ValueError) as e:
    sys.exit(f"{sys.argv[1]}: {e}")
try:
    held = eval(sys.argv[2], {}, {"j": j})
except (KeyError, IndexError, TypeError) as e:
    sys.exit(f"{sys.argv[1]}: {sys.argv[2]}: {e!r}")
if not held:
    shown = ""
    if len(sys.argv) > 3:
        try:
            shown = f" ({sys.argv[3]}: {eval(sys.argv[3], {}, {'j': j})!r})"
        except Exception as e:
            shown = f" ({sys.argv[3]}: {e!r})"
    sys.exit(f"{sys.argv[1]}: not {sys.argv[2]}{shown}")
PY
}

# json_same A B: the JSON documents A and B are equal once parsed.
json_same() {
	python3 - "$@" <<'PY'
import json, sys
docs = []
for name in sys.argv[1:3]:
    try:
        with open(name, encoding="utf-8") as f:
            docs.append(json.load(f))
    except (OSError, ValueError) as e:
        sys.exit(f"{name}: {e}")
if docs[0] != docs[1]:
    sys.exit(f"{sys.argv[1]} and {sys.argv[2]} differ")
PY
}

# listing DIR: the names in DIR, hidden ones too, sorted bytewise, each
# followed by a space ("plan.csv summary.json "): a folder's contents to
# compare as one string.
listing() {
	find "$1" -mindepth 1 -maxdepth 1 -printf '%f\n' | LC_ALL=C sort | tr '\n' ' '
}
