#!/bin/sh
# format-check.sh SOURCE_ROOT: fail when any C file differs from what
# clang-format makes of it with the repository's .clang-format.
cd "$1" || exit 1
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find planner tests tools -name '*.[ch]')
[ -n "$files" ] || files=$(find planner tests tools -name '*.[ch]')
# shellcheck disable=SC2086
if ! clang-format --dry-run --Werror $files; then
	echo "format-check: run 'clang-format -i' on the files above"
	exit 1
fi
