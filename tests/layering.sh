#!/bin/sh
# layering.sh SOURCE_ROOT: the layers of planner/ as docs/architecture.md
# states them (its "```layering" block), checked on every #include:
#
#   layers: LOW ... HIGH     a file in one folder may include the headers
#                            of its own folder and of the folders before it
#   LIBRARY: PREFIX...       <LIBRARY...> only in files whose path (under
#                            planner/) starts with one of the prefixes
#
# and every header is listed in its folder's meson.build (the build
# compiles each one on its own), the library (all but cli/) has no mutable
# static object, and tools/gen/ includes no planner header.
# A broken rule fails with the offending
# file:line and the #include.
root=$1
doc=$root/docs/architecture.md
rules=$(awk '/^```layering$/ { on = 1; next } /^```$/ { on = 0 } on' "$doc")
if [ -z "$rules" ]; then
	echo "layering: no \`\`\`layering block in $doc"
	exit 1
fi
cd "$root/planner" || exit 1
status=0
# shellcheck disable=SC2046 # one argument per file; the names have no spaces
awk -v rules="$rules" '
BEGIN {
	n = split(rules, line, "\n")
	for (i = 1; i <= n; i++) {
		if (split(line[i], w, /[: ]+/) < 2)
			continue
		if (w[1] == "layers") {
			for (j = 2; j in w; j++)
				rank[w[j]] = j - 1
		} else {
			lib[w[1]] = ""
			for (j = 2; j in w; j++)
				lib[w[1]] = lib[w[1]] " " w[j]
		}
	}
	bad = 0
}
FNR == 1 {
	folder = FILENAME
	if (folder !~ /\//)
		folder = "api"  # planner/phaseout.h, the public header
	sub(/\/.*/, "", folder)
	if (!(folder in rank)) {
		printf "planner/%s: a folder that is no layer of docs/architecture.md\n", FILENAME
		bad = 1
	}
}
/^#[ \t]*include[ \t]*"/ {
	inc = $0
	sub(/^#[ \t]*include[ \t]*"/, "", inc)
	sub(/".*/, "", inc)
	if (inc !~ /\//)
		next        # generated at the top (version.h)
	to = inc
	sub(/\/.*/, "", to)
	if (!(to in rank) || rank[to] > rank[folder]) {
		printf "planner/%s:%d: %s includes \"%s\", a layer above it\n", FILENAME, FNR, folder, inc
		bad = 1
	}
}
/^#[ \t]*include[ \t]*</ {
	inc = $0
	sub(/^#[ \t]*include[ \t]*</, "", inc)
	sub(/>.*/, "", inc)
	for (l in lib) {
		if (index(inc, l) != 1)
			continue
		ok = 0
		m = split(lib[l], where, " ")
		for (k = 1; k <= m; k++)
			if (index(FILENAME, where[k]) == 1)
				ok = 1
		if (!ok) {
			printf "planner/%s:%d: <%s> is for%s only\n", FILENAME, FNR, inc, lib[l]
			bad = 1
		}
	}
}
END { exit bad }
' $(find . -name '*.[ch]' | sed 's|^\./||' | sort) || status=1
for h in $(find . -name '*.h' | sed 's|^\./||' | sort); do
	case $h in
	*/*) dir=${h%/*} ;;
	*) dir=api ;; # planner/phaseout.h is listed with its implementation
	esac
	if ! grep -q "'$h'" "$dir/meson.build" 2>/dev/null; then
		echo "planner/$h: not in planner/$dir/meson.build's headers"
		status=1
	fi
done
# No mutable state in the library: every static object outside cli/ is
# const (a static function has its parenthesis on its first line).
grep -rnE '^[[:space:]]*static[[:space:]]' --include='*.c' --include='*.h' . |
	grep -v '^\./cli/' | grep -vE 'static[[:space:]]+(const|inline)\b' | grep -v '(' |
	sed 's|^\./\([^:]*:[0-9]*\):.*|planner/\1: a mutable static in the library (only cli/ may own process state)|' |
	grep . && status=1

# The generator shares no code with the planner: that independence makes
# its scenarios a fair test input (tools/gen/gen.h).
for f in "$root"/tools/gen/*.[ch]; do
	grep -n '^#[[:space:]]*include[[:space:]]*"' "$f" | while IFS=: read -r n line; do
		inc=${line#*\"}
		inc=${inc%%\"*}
		if [ ! -f "$root/tools/gen/$inc" ]; then
			echo "tools/gen/${f##*/}:$n: includes \"$inc\", which is not the generator's own"
			exit 1
		fi
	done || status=1
done
[ $status -eq 0 ] && echo "layering: every #include keeps to docs/architecture.md"
exit $status
