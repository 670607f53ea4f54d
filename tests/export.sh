#!/bin/sh
# export.sh PHASEOUT SOURCE_ROOT: exports are written whole or not at all.
# export --lp, --mps and --mathprog go to a temporary beside the file,
# fsynced and renamed: when the write fails (a file-size limit, ulimit
# -f, stands in for a full disk; a real full disk, a 64 KiB tmpfs, when
# this runs as root and may mount one), the file an earlier export wrote
# stays as it was, no temporary remains, and the message names the real
# cause ("File too large", "No space left on device", never "Input/output
# error"). Devices are written directly (/dev/full fails, /dev/stdout
# works); a missing folder or a folder as the target is an error. The same
# errno check for plan -o. Prints TAP.
set -u
phaseout=$1
root=$2
scenario=$root/scenarios/uk-2020/scenario.json
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir
tap_context=$work/err
mnt=""
cleanup() {
	[ -n "$mnt" ] && umount "$mnt" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
no_temporaries() { # no_temporaries DIR
	[ -z "$(find "$1" -name '.*.tmp' | head -1)" ]
}
ext_of() {
	if [ "$1" = mathprog ]; then echo dat; else echo "$1"; fi
}
# limited KBLOCKS ARGS...: phaseout with a file-size limit; SIGXFSZ is
# ignored, so a write past the limit fails with EFBIG instead of killing.
limited() {
	blocks=$1
	shift
	sh -c 'trap "" XFSZ; ulimit -f "$0"; exec "$@"' "$blocks" "$phaseout" "$@"
}

out=$work/out
mkdir -p "$out"
for fmt in lp mps mathprog; do
	f=$out/m.$(ext_of $fmt)
	"$phaseout" export "$scenario" --quiet --$fmt "$f" 2>"$work/err"
	check "export --$fmt writes the file" test -s "$f"
	cp "$f" "$f.good"
done
check "no temporary is left after a good export" no_temporaries "$out"

for fmt in lp mps mathprog; do
	f=$out/m.$(ext_of $fmt)
	limited 64 export "$scenario" --quiet --budget-scale 2 --$fmt "$f" 2>"$work/err"
	status=$?
	check "export --$fmt past a file-size limit exits 1 ($status)" test "$status" = 1
	check "export --$fmt past a file-size limit: the earlier file is intact" \
		cmp -s "$f" "$f.good"
	check "export --$fmt past a file-size limit: no temporary remains" no_temporaries "$out"
	check "export --$fmt past a file-size limit: the message gives the cause" \
		grep -q "^phaseout: error: cannot write '$f': File too large\$" "$work/err"
	"$phaseout" export "$scenario" --quiet --budget-scale 2 --$fmt "$f" 2>"$work/err"
	check "export --$fmt replaces the earlier file when it can" \
		fails cmp -s "$f" "$f.good"
done
check "no temporary is left after the replacing exports" no_temporaries "$out"

"$phaseout" export "$scenario" --quiet --lp /dev/full 2>"$work/err"
status=$?
check "export --lp /dev/full exits 1 ($status)" test "$status" = 1
check "export --lp /dev/full: 'No space left on device'" \
	grep -q "cannot write '/dev/full': No space left on device" "$work/err"
"$phaseout" export "$scenario" --quiet --mps /dev/stdout >"$work/stdout.mps" 2>"$work/err"
check "export --mps /dev/stdout writes to stdout" cmp -s "$work/stdout.mps" "$out/m.mps.good"
check "export --mps /dev/stdout leaves /dev/stdout a link" test -L /dev/stdout
# A symbolic link is written through, as before (a rename would replace it).
ln -s m.lp.good "$out/link.lp"
cp "$out/m.lp.good" "$work/keep.lp"
"$phaseout" export "$scenario" --quiet --budget-scale 3 --lp "$out/link.lp" 2>"$work/err"
check "export through a symbolic link keeps the link" test -L "$out/link.lp"
check "export through a symbolic link writes its target" \
	fails cmp -s "$out/m.lp.good" "$work/keep.lp"
rm "$out/link.lp"
cp "$work/keep.lp" "$out/m.lp.good"
"$phaseout" export "$scenario" --quiet --lp "$work/missing/m.lp" 2>"$work/err"
status=$?
check "export into a missing folder exits 1 ($status)" test "$status" = 1
check "export into a missing folder creates nothing" test ! -e "$work/missing"
mkdir -p "$work/adir"
"$phaseout" export "$scenario" --quiet --mathprog "$work/adir" 2>"$work/err"
check "export onto a folder: 'Is a directory'" grep -q "Is a directory" "$work/err"

# plan -o keeps the cause of a failed write too (outdir.c).
limited 100 plan "$scenario" --gap 0.05 --quiet -o "$work/plan" 2>"$work/err"
check "plan -o past a file-size limit: 'File too large'" \
	grep -q "cannot write '$work/plan/[a-z.]*': File too large" "$work/err"

# A real full disk, when a tmpfs can be mounted here (root).
full=$work/full
mkdir -p "$full"
if mount -t tmpfs -o size=64k tmpfs "$full" 2>/dev/null; then
	mnt=$full
	printf 'good\n' >"$full/m.lp"
	"$phaseout" export "$scenario" --quiet --lp "$full/m.lp" 2>"$work/err"
	check "export on a full disk: 'No space left on device'" \
		grep -q "cannot write '$full/m.lp': No space left on device" "$work/err"
	check "export on a full disk: the earlier file is intact" \
		test "$(cat "$full/m.lp")" = good
	check "export on a full disk: no temporary remains" no_temporaries "$full"
	"$phaseout" plan "$scenario" --gap 0.05 --quiet -o "$full/plan" 2>"$work/err"
	check "plan -o on a full disk: 'No space left on device'" \
		grep -q "No space left on device" "$work/err"
else
	skip "export and plan -o on a full disk" "no tmpfs can be mounted here"
fi

tap_done
