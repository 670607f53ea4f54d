#!/bin/sh
# readme.sh SOURCE_ROOT: the two commands of README.md's first code block
# work as written, in a fresh copy of the source tree.
#
# The copy holds the files git knows of (tracked, or new and not ignored)
# as they are in the working tree, or, outside git, everything but build
# folders. Each command runs there with sh, as a newcomer would run it:
# tools/setup.sh installs only missing packages (so nothing is downloaded
# when all are installed) and builds into the copy's build/.
#
# The second command runs the whole test suite in the copy, this test
# included: PHASEOUT_README_TEST tells that nested run to skip it.
# Output is TAP.
set -u
root=$1

if [ -n "${PHASEOUT_README_TEST:-}" ]; then
	echo "1..0 # SKIP already inside the README's test"
	exit 0
fi

# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

# The first fenced block of README.md, without its fences.
awk '/^```/ { if (inside) exit; inside = 1; next } inside' \
	"$root/README.md" | grep -v '^[[:space:]]*$' >"$work/commands"
if [ "$(wc -l <"$work/commands")" -eq 2 ]; then
	ok "README.md's first code block holds two commands"
else
	not_ok "README.md's first code block holds two commands"
	comment "$work/commands"
	tap_done
fi

copy=$work/phaseout
mkdir "$copy"
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	# Files deleted in the working tree but still in the index are left
	# out: the copy is the working tree as it is.
	git -C "$root" ls-files -z --cached --others --exclude-standard |
		tr '\0' '\n' | sort -u | while IFS= read -r f; do
		[ -f "$root/$f" ] && printf '%s\n' "$f"
	done >"$work/files"
	tar -C "$root" -cf - -T "$work/files" | tar -C "$copy" -xf -
else
	tar -C "$root" --exclude=./build --exclude='./build-*' --exclude=./.git \
		-cf - . | tar -C "$copy" -xf -
fi
if [ -f "$copy/README.md" ] && [ ! -e "$copy/build" ]; then
	ok "a fresh copy of the source tree, without build/"
else
	not_ok "a fresh copy of the source tree, without build/"
fi

i=0
while IFS= read -r cmd; do
	i=$((i + 1))
	(cd "$copy" && PHASEOUT_README_TEST=1 sh -c "$cmd") \
		</dev/null >"$work/out.$i" 2>"$work/err.$i"
	status=$?
	if [ "$status" = 0 ]; then
		ok "README command $i exits 0: $cmd"
	else
		not_ok "README command $i exits 0: $cmd (status $status)"
		echo "# last lines of its output:"
		tail -n 30 "$work/out.$i" | sed 's/^/# /'
		tail -n 30 "$work/err.$i" | sed 's/^/# /'
	fi
done <"$work/commands"

# The first command's report: a plan, every rule holding.
if grep -q '^status: \(optimal\|feasible\)$' "$work/out.1" &&
	grep -q '^completion: every HR site swapped by' "$work/out.1" &&
	! grep -q '^  fails ' "$work/out.1"; then
	ok "the first command prints a plan that keeps every rule"
else
	not_ok "the first command prints a plan that keeps every rule"
	sed 's/^/# /' "$work/out.1"
fi
# The second command's: the suite ran, nothing failed.
if grep -q '^Ok: *[1-9]' "$work/out.2" && grep -q '^Fail: *0 *$' "$work/out.2"; then
	ok "the second command runs the test suite without a failure"
else
	not_ok "the second command runs the test suite without a failure"
	grep -E '^(Ok|Fail|Expected Fail|Unexpected Pass|Skipped|Timeout):' \
		"$work/out.2" | sed 's/^/# /'
fi

tap_done
