#!/bin/sh
# tests/shellcheck.sh SOURCE_ROOT: fail when shellcheck warns about any shell
# script of the repository: every file git tracks whose name ends in .sh
# or whose first line starts a shell ("#!/bin/sh", "#!/bin/bash",
# "#!/usr/bin/env bash"). Settings, and the one check left out, are in
# .shellcheckrc. Outside a git checkout, the files under the source root
# (build folders aside) are looked at instead.
cd "$1" || exit 1
if ! command -v shellcheck >/dev/null 2>&1; then
	echo "shellcheck.sh: shellcheck is not installed (sh tools/setup.sh installs it)" >&2
	exit 1
fi
{
	git ls-files 2>/dev/null ||
		find . -path ./.git -prune -o -path './build*' -prune -o -type f -print |
		sed 's|^\./||'
} | while IFS= read -r f; do
	case $f in
	*.sh) echo "$f" ;;
	*)
		if [ -f "$f" ] && head -n 1 "$f" | grep -Eq '^#! *(/usr/bin/env +)?(/bin/)?(ba|da)?sh( |$)'; then
			echo "$f"
		fi
		;;
	esac
done >"${TMPDIR:-/tmp}/shellcheck-files.$$"
list=${TMPDIR:-/tmp}/shellcheck-files.$$
trap 'rm -f "$list"' EXIT
if [ ! -s "$list" ]; then
	echo "shellcheck.sh: no shell script found under $1" >&2
	exit 1
fi
echo "shellcheck.sh: $(wc -l <"$list") scripts"
if ! xargs shellcheck <"$list"; then
	echo "shellcheck.sh: fix the warnings above (or, with a reason, disable one at its line)"
	exit 1
fi
