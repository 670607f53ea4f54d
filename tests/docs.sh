#!/bin/sh
# docs.sh PHASEOUT SOURCE_ROOT: the documentation shows what the program
# really does.
#
# 1. docs/tutorial.md: every command in a ```console block is run, in the
#    order of the page, and its output compared with the lines shown under
#    it. Conventions (also stated at the top of the tutorial's source):
#    - a line starting with "$ " is a command, run by sh from a folder that
#      looks like the repository root: every top-level entry of SOURCE_ROOT
#      is linked there, except build folders, and build/planner/phaseout is
#      PHASEOUT. Files the commands write stay in that temporary folder.
#      All commands run in one shell, so "$ echo $?" shows the status of
#      the command before it;
#    - the lines after a command, up to the next command or the end of the
#      block, are its expected output (stdout and stderr together), exactly;
#    - "```console abridged": a line "..." stands for any number of lines;
#    - "```console not-run": the block is shown, never run;
#    - a CR at the end of an output line (CSV files end rows with CRLF) is
#      ignored, and so are the figures on timing lines ("solve time: 1.1 s",
#      "stopped by the time limit after 60 s",
#      "solve_seconds": 0.83, glpsol's "Time used:" and "Memory used:").
# 2. docs/phaseout.1 agrees with the program: its .TH line names the
#    version of 'phaseout --version'; the commands listed by
#    'phaseout --help' are the man page's; for each command the long
#    options of 'phaseout CMD --help' are those of the man page's OPTIONS
#    subsection "Options of phaseout CMD", and the long options of its
#    usage lines are those of its SYNOPSIS entry (".B phaseout CMD").
#    'phaseout --help' itself is compared with "Options of phaseout".
# 3. groff formats docs/phaseout.1 without a warning (skipped without groff).
#
# Output is TAP, one test per tutorial command and per check.
set -u
phaseout=$1
root=$2
case $phaseout in
/*) ;;
*) phaseout=$(pwd)/$phaseout ;;
esac
tutorial=$root/docs/tutorial.md
manpage=$root/docs/phaseout.1
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir
export LC_ALL=C

# --- 1. The tutorial ------------------------------------------------------

# The tree the commands run in: the repository root without its builds.
tree=$work/tree
mkdir -p "$tree/build/planner" "$work/cases"
for entry in "$root"/* "$root"/.[!.]*; do
	[ -e "$entry" ] || continue
	name=$(basename "$entry")
	case $name in
	build | build-* | .git) continue ;;
	esac
	ln -s "$entry" "$tree/$name"
done
ln -s "$phaseout" "$tree/build/planner/phaseout"

# Split the tutorial into cases/N.cmd (the command), cases/N.exp (the
# expected output), cases/N.info ("LINE abridged|exact"); problems with the
# page's own format go to cases/errors.
awk -v dir="$work/cases" '
function fail(msg) {
	print FILENAME ":" NR ": " msg > (dir "/errors")
}
function flush_case() {
	if (cur) {
		close(dir "/" cur ".exp")
		cur = 0
	}
}
BEGIN { inside = 0; mode = ""; count = 0; cur = 0 }
inside && /^```[ \t]*$/ {
	if (mode != "not-run" && !commands)
		fail("a console block without a \"$ \" command")
	flush_case()
	inside = 0
	next
}
inside && mode == "not-run" { next }
inside && /^\$ / {
	flush_case()
	count++
	commands++
	cur = count
	print substr($0, 3) > (dir "/" cur ".cmd")
	close(dir "/" cur ".cmd")
	print NR " " mode > (dir "/" cur ".info")
	close(dir "/" cur ".info")
	printf "" > (dir "/" cur ".exp")
	next
}
inside {
	if (!cur) {
		fail("output before the first \"$ \" command of the block")
		next
	}
	print > (dir "/" cur ".exp")
	next
}
/^```console/ {
	rest = $0
	sub(/^```console[ \t]*/, "", rest)
	if (rest == "")
		mode = "exact"
	else if (rest == "abridged" || rest == "not-run")
		mode = rest
	else
		fail("unknown console block kind \"" rest "\"")
	inside = 1
	commands = 0
	next
}
END {
	if (inside)
		fail("a console block is not closed")
	print count > (dir "/count")
}
' "$tutorial"

if [ -s "$work/cases/errors" ]; then
	not_ok "docs/tutorial.md follows the console block conventions"
	comment "$work/cases/errors"
else
	ok "docs/tutorial.md follows the console block conventions"
fi
count=$(cat "$work/cases/count")
if [ "$count" -gt 0 ]; then
	ok "docs/tutorial.md shows $count commands to run"
else
	not_ok "docs/tutorial.md shows commands to run"
fi

# One script runs every command in order, each one's output to its file.
script=$work/run.sh
# shellcheck disable=SC2016 # a line of the script, for it to expand
echo 'cd "$1" || exit 1' >"$script"
i=1
while [ "$i" -le "$count" ]; do
	{
		echo '{'
		cat "$work/cases/$i.cmd"
		echo "} >\"$work/cases/$i.out\" 2>&1"
	} >>"$script"
	i=$((i + 1))
done
sh "$script" "$tree" </dev/null >"$work/script.log" 2>&1
# DOCS_ACTUAL=DIR keeps each command's real output (N.out, N.info) for
# tools/update-tutorial.py, which writes them into the page.
if [ -n "${DOCS_ACTUAL:-}" ]; then
	mkdir -p "$DOCS_ACTUAL"
	cp "$work"/cases/*.out "$work"/cases/*.info "$DOCS_ACTUAL"/
fi

# mask FILE: the text to compare: no CR at line ends, timing figures as #.
mask() {
	sed -e 's/\r$//' \
		-e 's/\(solve time: \)[0-9.]*/\1#/' \
		-e 's/^\(stopped by .* after \)[0-9.]* s/\1# s/' \
		-e 's/\(_seconds":[[:space:]]*\)[0-9.e+-]*/\1#/' \
		-e 's/^\(Time used: *\)[0-9.]*/\1#/' \
		-e 's/^\(Memory used: *\).*/\1#/' "$1"
}

# abridged_match EXPECTED ACTUAL: whether ACTUAL matches EXPECTED, where a
# line "..." in EXPECTED stands for any number of lines.
abridged_match() {
	awk '
	FNR == NR { e[++m] = $0; next }
	{ a[++k] = $0 }
	END {
		M[0, 0] = 1
		for (j = 1; j <= k; j++)
			M[0, j] = 0
		for (i = 1; i <= m; i++)
			for (j = 0; j <= k; j++) {
				if (e[i] == "...")
					M[i, j] = M[i - 1, j] || (j > 0 && M[i, j - 1])
				else
					M[i, j] = j > 0 && M[i - 1, j - 1] && e[i] == a[j]
			}
		exit M[m, k] ? 0 : 1
	}' "$1" "$2"
}

i=1
while [ "$i" -le "$count" ]; do
	read -r line kind <"$work/cases/$i.info"
	desc="docs/tutorial.md:$line: \$ $(cat "$work/cases/$i.cmd")"
	mask "$work/cases/$i.exp" >"$work/exp"
	if [ -f "$work/cases/$i.out" ]; then
		mask "$work/cases/$i.out" >"$work/act"
	else
		echo "(the command did not run)" >"$work/act"
	fi
	if [ "$kind" = abridged ]; then
		if abridged_match "$work/exp" "$work/act"; then
			ok "$desc"
		else
			not_ok "$desc"
			echo "# expected (abridged):"
			comment "$work/exp"
			echo "# got:"
			comment "$work/act"
		fi
	elif cmp -s "$work/exp" "$work/act"; then
		ok "$desc"
	else
		not_ok "$desc"
		diff -u "$work/exp" "$work/act" | sed '1,2d; s/^/# /'
	fi
	i=$((i + 1))
done
if [ -s "$work/script.log" ]; then
	echo "# the tutorial's script said:"
	comment "$work/script.log"
fi

# --- 2. The man page and --help -------------------------------------------

# help_options FILE: the long options a --help text lists, one a line.
help_options() {
	grep '^  *-' "$1" | sed 's/^ *//; s/  .*//' |
		grep -o -- '--[a-z][a-z-]*' | sort -u
}
# help_usage_options FILE: the long options in its usage lines (up to the
# first blank line).
help_usage_options() {
	sed '/^$/,$d' "$1" | grep -o -- '--[a-z][a-z-]*' | sort -u
}
# roff_text: the man page with font escapes removed and \- as -.
roff_text() {
	sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\(em/--/g' "$manpage"
}
# man_options TITLE: long options of the tag lines (the line after .TP) in
# the OPTIONS subsection ".SS TITLE".
man_options() {
	roff_text | awk -v title="$1" '
	/^\.S[HS]/ {
		t = $0
		sub(/^\.S[HS] */, "", t)
		gsub(/"/, "", t)
		sect = ($0 ~ /^\.SH/) ? t : sect
		cur = ($0 ~ /^\.SS/ && sect == "OPTIONS") ? t : ""
		next
	}
	cur == title && tag { print; tag = 0; next }
	cur == title && /^\.TP/ { tag = 1 }
	' | grep -o -- '--[a-z][a-z-]*' | sort -u
}
# man_synopsis CMD: long options of the SYNOPSIS entry ".B phaseout CMD".
man_synopsis() {
	roff_text | awk -v cmd="phaseout $1" '
	/^\.SH/ { sect = $2; cur = 0; next }
	sect == "SYNOPSIS" && /^\.B phaseout/ {
		t = $0
		sub(/^\.B */, "", t)
		gsub(/"/, "", t)
		cur = (t == cmd)
		next
	}
	sect == "SYNOPSIS" && cur { print }
	' | grep -o -- '--[a-z][a-z-]*' | sort -u
}
# same WHAT A B: compare two sorted lists.
same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1"
		echo "# --- phaseout --help   +++ docs/phaseout.1"
		diff "$2" "$3" | grep '^[<>]' | sed 's/^</# -/; s/^>/# +/'
	fi
}

"$phaseout" --help >"$work/help" 2>&1
sed -n '/^Commands:/,/^$/p' "$work/help" | grep '^  [a-z]' |
	awk '{ print $1 }' | sort -u >"$work/help-commands"
roff_text | awk '/^\.SH/ { sect = $2; next }
	sect == "SYNOPSIS" && /^\.B phaseout [a-z]/ { print $3 }' |
	sort -u >"$work/man-commands"
if [ -s "$work/help-commands" ]; then
	same "the man page's SYNOPSIS has the commands of phaseout --help" \
		"$work/help-commands" "$work/man-commands"
else
	not_ok "phaseout --help lists its commands"
fi

help_options "$work/help" >"$work/a"
man_options "Options of phaseout" >"$work/b"
same "phaseout --help and the man page list the same options" "$work/a" "$work/b"

while read -r cmd; do
	if ! "$phaseout" "$cmd" --help </dev/null >"$work/help-$cmd" 2>&1; then
		not_ok "phaseout $cmd --help exits 0"
		continue
	fi
	help_options "$work/help-$cmd" >"$work/a"
	man_options "Options of phaseout $cmd" >"$work/b"
	same "phaseout $cmd: --help and the man page's OPTIONS agree" \
		"$work/a" "$work/b"
	help_usage_options "$work/help-$cmd" >"$work/a"
	man_synopsis "$cmd" >"$work/b"
	same "phaseout $cmd: the usage line and the man page's SYNOPSIS agree" \
		"$work/a" "$work/b"
done <"$work/help-commands"

version=$("$phaseout" --version | sed -n '1s/^phaseout //p')
if grep -q "^\.TH PHASEOUT 1 .*\"phaseout $version\"" "$manpage"; then
	ok "the man page's title line names phaseout $version"
else
	not_ok "the man page's title line names phaseout $version"
	grep '^\.TH' "$manpage" | sed 's/^/# /'
fi

# --- 3. The man page formats cleanly --------------------------------------

if command -v groff >/dev/null 2>&1; then
	if groff -man -Tutf8 -ww -z "$manpage" >"$work/groff" 2>&1 &&
		[ ! -s "$work/groff" ]; then
		ok "groff formats docs/phaseout.1 without warnings"
	else
		not_ok "groff formats docs/phaseout.1 without warnings"
		comment "$work/groff"
	fi
else
	ok "groff formats docs/phaseout.1 without warnings # SKIP no groff"
fi

tap_done
