#!/bin/sh
# outdir.sh PHASEOUT SLOWRENAME_SO SOURCE_ROOT: an -o folder is one whole
# run whatever happens: a SIGKILL in the middle of the swap (slowed by the
# LD_PRELOAD shim tests/shim/slowrename.c), two writers at once, a folder
# holding other files (refused, or kept with --force), another command's
# folder, diff on a tampered or mixed folder, leftovers of killed runs, and
# -o checked before the solve.
set -u
phaseout=$1
shim=$2
root=$3
tiny=$root/tests/data/plan/tiny/scenario.json
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

# The shim is not built with the sanitizers' runtime first in line.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"


# whole_run DIR: summary.json's checksums match every file it lists, and
# every file of phaseout's names in DIR is listed: one run, not a mix.
whole_run() {
	dir=$1
	[ -f "$dir/summary.json" ] || return 1
	python3 -c 'import json, sys
for name, sha in json.load(open(sys.argv[1]))["checksums"]["files"].items():
    print(f"{sha}  {name}")' "$dir/summary.json" >"$work/listed" 2>/dev/null || return 1
	(cd "$dir" && sha256sum -c --quiet "$work/listed") || return 1
	for f in plan.csv timeline.csv timeline.svg timeline.png totals.csv plan.xlsx \
		sensitivity.csv sensitivity.svg sensitivity.png sensitivity.xlsx; do
		if [ -e "$dir/$f" ] && ! grep -q "  $f\$" "$work/listed"; then
			return 1
		fi
	done
	return 0
}
# stages NAME: the staging folders of -o NAME left in $work
stages() { find "$work" -mindepth 1 -maxdepth 1 -name ".$1.new.*" | wc -l; }
# wait_for FILE: up to 30 s
wait_for() {
	i=0
	while [ ! -e "$1" ] && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -e "$1" ]
}
dead_pid() {
	sh -c 'exit 0' &
	pid=$!
	wait $pid
	echo $pid
}

# --- SIGKILL while the run is swapped in. Before the swap the folder is
# the old run; after it, the new one; never a mix. The next run removes
# the killed run's staging folder.
for when in before after; do
	dir=$work/k$when
	"$phaseout" plan "$tiny" -q -o "$dir"
	rm -f "$work/mark"
	SLOWRENAME_WHEN=$when SLOWRENAME_DELAY=30 SLOWRENAME_MARK=$work/mark \
		LD_PRELOAD=$shim "$phaseout" plan "$tiny" -q --budget-scale 1.3 -o "$dir" &
	pid=$!
	if wait_for "$work/mark"; then ok "kill $when the swap: the run reached it"; else not_ok "kill $when the swap: the run reached it"; fi
	kill -9 $pid
	wait $pid 2>/dev/null
	check "... the folder is one whole run" whole_run "$dir"
	if [ $when = before ]; then expect=1; else expect=1.3; fi
	check "... the $([ $when = before ] && echo old || echo new) one (budget scale $expect)" json_is "$dir/summary.json" budget_scale "$expect"
	check "... a staging folder is left beside it" test "$(stages k$when)" = 1
	run plan "$tiny" -q -o "$dir"
	check "... the next run into it exits 0" status_is 0
	check "... and removes the killed run's staging folder" test "$(stages k$when)" = 0
	check "... and is whole" whole_run "$dir"
done

# --- SIGKILL at random moments of runs whose swap is slowed a little.
dir=$work/random
"$phaseout" plan "$tiny" -q -o "$dir"
mixed=0
i=0
while [ $i -lt 12 ]; do
	scale=$([ $((i % 2)) = 0 ] && echo 1.3 || echo 1)
	SLOWRENAME_DELAY=0.2 SLOWRENAME_WHEN=$([ $((i % 3)) = 0 ] && echo after || echo before) \
		LD_PRELOAD=$shim "$phaseout" plan "$tiny" -q --budget-scale "$scale" -o "$dir" &
	pid=$!
	sleep "0.$((i * 7 % 10))$((i * 3 % 10))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	whole_run "$dir" || mixed=$((mixed + 1))
	i=$((i + 1))
done
check "12 kills at random moments: the folder is always one whole run" test $mixed = 0
run plan "$tiny" -q -o "$dir"
check "... and the next run cleans up every staging folder" test "$(stages random)" = 0

# --- Two runs into one folder at once (different budgets): the folder is
# one of them, whole; both succeed; nothing is left beside it.
bad=0
i=0
while [ $i -lt 6 ]; do
	dir=$work/both
	[ $((i % 2)) = 0 ] && rm -rf "$dir"
	SLOWRENAME_DELAY=0.$((i % 3 + 1)) LD_PRELOAD=$shim \
		"$phaseout" plan "$tiny" -q -o "$dir" 2>"$work/e1" &
	p1=$!
	SLOWRENAME_DELAY=0.2 LD_PRELOAD=$shim \
		"$phaseout" plan "$tiny" -q --budget-scale 1.3 -o "$dir" 2>"$work/e2" &
	p2=$!
	wait $p1
	s1=$?
	wait $p2
	s2=$?
	if [ $s1 != 0 ] || [ $s2 != 0 ] || ! whole_run "$dir" ||
		[ "$(stages both)" != 0 ]; then
		bad=$((bad + 1))
		cat "$work/e1" "$work/e2"
	fi
	i=$((i + 1))
done
check "two writers at once, 6 times: both exit 0, the folder is one whole run" test $bad = 0
check "... with exactly one run's files" test "$(listing "$work/both")" = "plan.csv plan.xlsx summary.json timeline.csv timeline.png timeline.svg totals.csv "

# --- A folder holding files phaseout did not write: refused before the
# solve, naming them; --force writes and keeps them.
dir=$work/mine
"$phaseout" plan "$tiny" -q -o "$dir"
echo "my notes" >"$dir/notes.txt"
cp "$dir/summary.json" "$work/summary.before"
run plan "$tiny" -q --budget-scale 1.3 -o "$dir"
check "a folder with a file phaseout did not write is refused (exit 1)" status_is 1
check "... naming the file" has "holds files phaseout did not write: 'notes.txt'" "$work/stderr"
check "... and pointing to --force" has "\-\-force" "$work/stderr"
check "... leaving the folder as it was" cmp "$dir/summary.json" "$work/summary.before"
run plan "$tiny" -q --budget-scale 1.3 -o "$dir" --force
check "with --force it is written (exit 0)" status_is 0
check "... the new run, whole" json_is "$dir/summary.json" budget_scale 1.3
check "... whole" whole_run "$dir"
check "... and the other file is kept" test "$(cat "$dir/notes.txt")" = "my notes"
echo "edited" >>"$dir/plan.csv"
run plan "$tiny" -q -o "$dir" --force
check "... a file changed since phaseout wrote it is replaced with --force" whole_run "$dir"
echo "edited" >>"$dir/timeline.csv"
rm "$dir/notes.txt"
run plan "$tiny" -q -o "$dir"
check "a file changed since phaseout wrote it is refused" status_is 1
check "... and named" has "'timeline.csv' (changed since phaseout wrote it)" "$work/stderr"

# --- Another command's folder is refused both ways.
"$phaseout" plan "$tiny" -q -o "$work/p"
"$phaseout" sweep "$tiny" --budget-scale 1:1.3:0.3 -q -o "$work/s"
cp "$work/p/summary.json" "$work/summary.before"
run sweep "$tiny" --budget-scale 1:1.3:0.3 -q -o "$work/p"
check "sweep -o into a plan's folder is refused (exit 1)" status_is 1
check "... saying whose it is" has "holds the output of 'phaseout plan'" "$work/stderr"
check "... and the plan's summary.json is untouched" cmp "$work/p/summary.json" "$work/summary.before"
run plan "$tiny" -q -o "$work/s"
check "plan -o into a sweep's folder is refused (exit 1)" status_is 1
check "... saying whose it is" has "holds the output of 'phaseout sweep'" "$work/stderr"
check "a sweep's folder is whole too" whole_run "$work/s"
run sweep "$tiny" --budget-scale 1:1.3:0.3 -q -o "$work/p" --force
check "sweep -o --force replaces a plan's folder as a whole" test "$(listing "$work/p")" = "sensitivity.csv sensitivity.png sensitivity.svg sensitivity.xlsx summary.json "

# --- diff refuses a folder that is not the run its summary.json records.
"$phaseout" plan "$tiny" -q -o "$work/a"
"$phaseout" plan "$tiny" -q --budget-scale 1.3 -o "$work/b"
run diff "$work/a" "$work/b"
check "diff of two whole runs exits 0" status_is 0
cp -r "$work/a" "$work/t"
sed -i '2s/Ericsson/Nokia/' "$work/t/plan.csv"
run diff "$work/t" "$work/b"
check "diff of a tampered plan.csv exits 2" status_is 2
check "... naming the file" has "'$work/t/plan.csv' does not match the checksum in its summary.json" "$work/stderr"
cp -r "$work/a" "$work/m"
cp "$work/b/timeline.csv" "$work/m/timeline.csv"
run diff "$work/b" "$work/m"
check "diff of a folder mixing two runs exits 2" status_is 2
check "... naming the file from the other run" has "'$work/m/timeline.csv' does not match" "$work/stderr"
run diff "$work/s" "$work/a"
check "diff of a sweep's folder exits 2, saying so" sh -c "test $(cat "$work/status") = 2 && grep -q \"holds the output of 'phaseout sweep', not a plan\" '$work/stderr'"

# A reader racing a writer: each diff sees one whole run (the old or the
# new one), never fails for a file that the swap took away.
"$phaseout" plan "$tiny" -q -o "$work/race"
(
	i=0
	while [ $i -lt 20 ]; do
		"$phaseout" plan "$tiny" -q --budget-scale "1.$((i % 2 * 3))" -o "$work/race"
		i=$((i + 1))
	done
) &
writer=$!
reads=0
bad=0
while kill -0 $writer 2>/dev/null; do
	"$phaseout" diff -q "$work/race" "$work/b" 2>>"$work/race.err" || bad=$((bad + 1))
	reads=$((reads + 1))
done
wait $writer
check "diff while the folder is replaced 20 times: $reads reads, all whole" test $bad = 0
[ $bad = 0 ] || cat "$work/race.err"

mkdir "$work/fifo"
cp "$work/a/summary.json" "$work/a/timeline.csv" "$work/fifo/"
mkfifo "$work/fifo/plan.csv"
"$phaseout" diff "$work/fifo" "$work/b" >"$work/stdout" 2>"$work/stderr" &
pid=$!
i=0
while kill -0 $pid 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
if kill -0 $pid 2>/dev/null; then
	kill $pid
	not_ok "diff of a folder whose plan.csv is a FIFO does not hang"
else
	wait $pid
	echo $? >"$work/status"
	check "diff of a folder whose plan.csv is a FIFO exits 2 at once" status_is 2
	check "... saying it is not a regular file" has "plan.csv: cannot read: not a regular file" "$work/stderr"
fi

# --- Leftovers of killed runs are removed by the next run: staging
# folders beside DIR (no process holds their lock) and older versions'
# .NAME.PID.tmp in DIR (PID not alive). Live ones stay.
dir=$work/left
"$phaseout" plan "$tiny" -q -o "$dir"
dead=$(dead_pid)
mkdir "$work/.left.new.$dead"
echo half >"$work/.left.new.$dead/plan.csv"
echo half >"$dir/.plan.csv.$dead.tmp"
echo half >"$dir/.timeline.csv.$$.tmp"
run plan "$tiny" -q -o "$dir"
check "a run into a folder with leftovers exits 0" status_is 0
check "... and removes a killed run's staging folder" test ! -e "$work/.left.new.$dead"
check "... and a dead process's .NAME.PID.tmp" test ! -e "$dir/.plan.csv.$dead.tmp"
check "... but keeps a live process's" test -e "$dir/.timeline.csv.$$.tmp"

# --- -o is checked before the solve: uk-2022 (18,000 sites) would take
# up to its time limit; a bad -o fails at once.
big=$root/scenarios/uk-2022/scenario.json
: >"$work/file"
for target in "$work/file/out" "$work/no/such/out" "$work/mine" .; do
	start=$(date +%s%N)
	run plan "$big" -q --time-limit 120 -o "$target"
	end=$(date +%s%N)
	ms=$(((end - start) / 1000000))
	check "-o '$(basename "$target")' fails with exit 1 before solving" status_is 1
	check "... in under a second (${ms} ms)" test $ms -lt 1000
done
run sweep "$big" --budget-scale 0.5:1.5:0.5 -q -o "$work/file/out"
check "sweep -o is checked before the sweep too (exit 1)" status_is 1
run plan "$tiny" --force
check "--force without -o is a usage error (exit 2)" status_is 2

tap_done
