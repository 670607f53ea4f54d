#!/bin/sh
# headers.sh SOURCE_ROOT BUILD_ROOT: every planner header compiles on its
# own, so each includes what it needs.
src=$1
build=$2
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for h in "$src"/planner/*.h; do
	name=$(basename "$h")
	printf '#include "%s"\n' "$name" >"$tmp/t.c"
	if ! cc -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic -Werror \
		-I"$src/planner" -I"$build/planner" -I/usr/include/cjson \
		-fsyntax-only "$tmp/t.c"; then
		echo "headers: $name does not compile on its own"
		status=1
	fi
done
exit $status
