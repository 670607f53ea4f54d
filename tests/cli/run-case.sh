#!/bin/sh
# run-case.sh PHASEOUT CASE_DIR: run one command-line test case.
#
# CASE_DIR/args     the arguments after 'phaseout', one line, word-split by
#                   the shell; paths are relative to CASE_DIR, where the
#                   command runs. $OUT names a fresh empty folder.
# CASE_DIR/status   the expected exit status
# CASE_DIR/stdout   (optional) the expected standard output, byte for byte
# CASE_DIR/stderr   (optional) the expected standard error, byte for byte
# CASE_DIR/files    (optional) file names expected in $OUT afterwards, one
#                   a line; an empty file means "nothing written"
set -u
phaseout=$1
case_dir=$2
name=$(basename "$case_dir")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
OUT=$work/out
mkdir "$OUT"
export OUT

cd "$case_dir" || exit 1
args=$(cat args)
eval "set -- $args"
"$phaseout" "$@" >"$work/stdout" 2>"$work/stderr"
status=$?

fail=0
expected_status=$(cat status)
if [ "$status" != "$expected_status" ]; then
	echo "$name: exit status $status, expected $expected_status"
	fail=1
fi
for stream in stdout stderr; do
	if [ -f "$stream" ] && ! cmp -s "$stream" "$work/$stream"; then
		echo "$name: $stream differs from the expected:"
		diff -u "$stream" "$work/$stream" | head -40
		fail=1
	fi
done
if [ -f files ]; then
	(cd "$OUT" && ls -A) >"$work/files"
	if ! cmp -s files "$work/files"; then
		echo "$name: files written differ from the expected:"
		diff -u files "$work/files"
		fail=1
	fi
fi
if [ $fail = 1 ]; then
	echo "--- stderr was:"
	cat "$work/stderr"
fi
exit $fail
