#!/bin/sh
# limits.sh PHASEOUT: inputs at and past the limits of the format: huge and
# tiny numbers, the longest horizon and one year more, 100,000-character
# fields and names, 100,000 nested '[', invalid UTF-8 and NUL bytes. Each
# must either work (exit 0, or 3 when the rules cannot hold) or get a
# located message ("FILE:LINE[:COLUMN]: ..." or "phaseout: error: ...")
# and exit 2; never a crash (exit >= 128) or a silent failure.
#
# Every run has its address space limited (ulimit -v, 1 GB) so that memory
# must stay proportional to the input; a sanitizer build, which reserves
# terabytes of shadow memory up front, runs without that limit.
# Prints TAP.
set -u
phaseout=$1
case $phaseout in
/*) ;;
*) phaseout=$(pwd)/$phaseout ;;
esac
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

vlimit=1048576
if grep -q -e __asan_init -e __ubsan_handle "$phaseout" 2>/dev/null; then
	vlimit=unlimited
	echo "# sanitizer build: no address-space limit"
fi

# repeat N TEXT: TEXT written N times, no newline
repeat() {
	awk -v n="$1" -v t="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", t }'
}

# scenario DIR [KEY=VALUE...]: write DIR/scenario.json from the base below,
# each KEY=VALUE replacing the placeholder @KEY@ (raw JSON text).
scenario() {
	dir=$work/$1
	shift
	mkdir -p "$dir"
	name='"limits"' end=2027 budget=5e6 cost=1000 site_cost=500 extra=''
	for kv in "$@"; do
		eval "${kv%%=*}=\${kv#*=}"
	done
	cat >"$dir/scenario.json" <<EOF
{
  "format": "phaseout-scenario/1",
  "name": $name,
  "horizon": {"start": 2021, "end": $end},
  "sites": "sites.csv",
  "high_risk_vendors": ["Huawei", "ZTE"],
  "vendors": [{"name": "Ericsson", "unit_cost": {"ran": $cost, "core": $cost}}],
  "site_cost": {"ran": $site_cost, "core": $site_cost},
  "budget": $budget,
  "deadlines": [{"domain": "core", "year": 2024}]$extra
}
EOF
}

# sites DIR [ROW...]: write DIR/sites.csv, a header and three rows, then ROWs
sites() {
	dir=$work/$1
	shift
	mkdir -p "$dir"
	{
		echo "site_id,region,domain,vendor,units,cluster"
		echo "a1,north,ran,Huawei,10,"
		echo "a2,south,core,ZTE,2,"
		echo "a3,south,ran,Nokia,30,"
		for row in "$@"; do
			printf '%s\n' "$row"
		done
	} >"$dir/sites.csv"
}

# expect NAME WANTED_STATUSES DIR ARGS...: run phaseout in DIR with ARGS;
# the status must be one of WANTED_STATUSES ("0 3"), and an exit 2 must
# come with a located message on stderr.
expect() {
	name=$1 want=$2 dir=$work/$3
	shift 3
	(
		# shellcheck disable=SC3045 # dash and bash both have ulimit -v
		ulimit -v "$vlimit"
		cd "$dir" && exec "$phaseout" "$@"
	) >"$work/stdout" 2>"$work/stderr"
	got=$?
	why=""
	if [ "$got" -ge 128 ]; then
		why="crashed (exit $got)"
	elif ! echo " $want " | grep -q " $got "; then
		why="exit $got, expected one of: $want"
	elif [ "$got" = 2 ] && ! grep -Eq '^([^ :]+:[0-9]+(:[0-9]+)?: |[^ :]+: |phaseout: error: )' \
		"$work/stderr"; then
		why="exit 2 without a located message"
	fi
	if [ -n "$why" ]; then
		not_ok "$name: $why"
		cut -c 1-200 "$work/stderr" | head -10 | sed 's/^/# /'
	else
		ok "$name (exit $got)"
	fi
}

# stderr_has NAME PATTERN: the last run's stderr matches PATTERN
stderr_has() {
	if grep -Eq -- "$2" "$work/stderr"; then
		ok "$1"
	else
		not_ok "$1: stderr lacks /$2/"
		cut -c 1-200 "$work/stderr" | head -10 | sed 's/^/# /'
	fi
}

# expect_plan NAME WANTED_STATUSES DIR [OPTION...]: expect, for
# 'phaseout plan scenario.json --quiet --time-limit 20 [OPTION...]'.
expect_plan() {
	plan_name=$1 plan_want=$2 plan_dir=$3
	shift 3
	expect "$plan_name" "$plan_want" "$plan_dir" plan scenario.json --quiet --time-limit 20 "$@"
}

# --- Huge and tiny numbers. Money (unit and site costs, budgets) is at
# most 1e15, and so is any swap's cost in any year and all of them
# together; criticality is in [1e-12, 1e12] (docs/scenario-format.md,
# "Limits"). Past the limits: exit 2 with the limit in a located message;
# within them GLPK must never abort or fail.
scenario big budget=1e15
sites big
expect "budget 1e15: check" 0 big check scenario.json
expect_plan "budget 1e15: plan" 0 big
scenario toomuch budget=1e300
sites toomuch
expect "budget 1e300: rejected" 2 toomuch check scenario.json
stderr_has "budget 1e300: the message gives the limit" "^scenario.json:9:3: 'budget' must be a number in \\[0, 1e15\\], not '1e300'"
scenario tinycost cost=1e-300 site_cost=1e-300
sites tinycost
expect "costs 1e-300: check" 0 tinycost check scenario.json
expect_plan "costs 1e-300: plan" 0 tinycost
scenario tinybudget budget=1e-300
sites tinybudget
expect "budget 1e-300: check (no money, exit 3)" 3 tinybudget check scenario.json
expect_plan "budget 1e-300: plan (no money, exit 3)" 3 tinybudget
scenario units budget=1e15
sites units "b1,north,ran,Huawei,1000000000," "b2,north,core,Nokia,1000000000,"
expect "units 1000000000: check" 0 units check scenario.json
expect_plan "units 1000000000: plan" 0 units
scenario units1 budget=1e15
sites units1 "b1,north,ran,Huawei,1000000001,"
expect "units 1000000001: rejected" 2 units1 check scenario.json
stderr_has "units 1000000001: the message names the value" "sites.csv:5:5: units '1000000001'"
for cost in 1e47 1e100 1e150 1e200; do
	scenario "cost$cost" cost=$cost budget=1e15
	sites "cost$cost"
	expect_plan "unit cost $cost: plan rejects it" 2 "cost$cost"
	stderr_has "unit cost $cost: the message gives the limit" \
		"^scenario.json:7:[0-9]+: 'vendors\\[0\\]\\.unit_cost\\.ran' must be a number in \\[0, 1e15\\], not '$cost'"
done
scenario overflow cost=1e300 site_cost=1e300 budget=1e308
sites overflow "b1,north,ran,Huawei,1000000000,"
expect "costs 1e300 times 1e9 units: check" 2 overflow check scenario.json
expect_plan "costs 1e300 times 1e9 units: plan" 2 overflow
# A swap dearer than 1e15 through units, or through escalation by the
# last year, or all swaps together: located at the site's units.
scenario swap cost=1e6 budget=1e15
sites swap "b1,north,ran,Huawei,1000000000,"
expect "a swap of 1e9 units at 1e6: rejected" 2 swap check scenario.json
stderr_has "a swap of 1e9 units at 1e6: located, with the limit" \
	"^sites.csv:5:5: swapping site 'b1' could cost 1.0000000000005e\\+15 .*above the limit 1e15"
scenario escalated cost=1e12 budget=1e15 extra=',
  "cost_escalation": 0.5'
sites escalated "b1,north,ran,Huawei,100,"
expect "a swap above 1e15 by escalation: rejected" 2 escalated check scenario.json
stderr_has "a swap above 1e15 by escalation: located, with the limit" \
	"^sites.csv:5:5: swapping site 'b1' could cost 1.139e\\+15 .*above the limit 1e15"
scenario together cost=1e12 budget=1e15
sites together "b1,north,ran,Huawei,600," "b2,north,ran,Huawei,600,"
expect "all swaps above 1e15 together: rejected" 2 together check scenario.json
stderr_has "all swaps above 1e15 together: located at the site passing it" \
	"^sites.csv:6:5: with site 'b2' the high-risk sites' swaps could cost 1.212e\\+15 together .*above the limit 1e15"
scenario denormal cost=1e-320 site_cost=0
sites denormal
expect_plan "costs 1e-320 (subnormal): plan" 0 denormal
mkdir -p "$work/crit"
cp "$work/big/scenario.json" "$work/crit/scenario.json"
printf 'site_id,region,domain,vendor,units,criticality\n%s\n%s\n%s\n' \
	a1,north,ran,Huawei,1000000000,1e300 a2,south,core,ZTE,2,1e-300 \
	a3,south,ran,Nokia,30, >"$work/crit/sites.csv"
expect "criticality 1e300 and 1e-300: rejected" 2 crit check scenario.json
stderr_has "criticality 1e300: the message gives the limits" "^sites.csv:2:6: criticality '1e300' must be in \\[1e-12, 1e12\\]"
stderr_has "criticality 1e-300: the message gives the limits" "^sites.csv:3:6: criticality '1e-300' must be in \\[1e-12, 1e12\\]"
mkdir -p "$work/crit100"
cp "$work/big/scenario.json" "$work/crit100/scenario.json"
printf 'site_id,region,domain,vendor,units,criticality\na1,north,ran,Huawei,10,1e-100\n' \
	>"$work/crit100/sites.csv"
echo "old export" >"$work/crit100/m.mps"
expect "criticality 1e-100: export --mps rejects it" 2 crit100 export scenario.json --mps m.mps
if [ "$(cat "$work/crit100/m.mps")" = "old export" ]; then
	ok "criticality 1e-100: the earlier export is left as it was"
else
	not_ok "criticality 1e-100: the earlier export is left as it was"
fi
scenario hugejson budget=1e308 extra=',
  "discount_rate": 0.999999999, "cost_escalation": 0.999999999'
sites hugejson
expect "budget 1e308: rejected" 2 hugejson check scenario.json
scenario toobig budget=1e309
sites toobig
expect "budget 1e309 (infinite): rejected" 2 toobig check scenario.json

# At the limits, every command must work: exit 0 or 3 (the rules cannot
# hold), never a GLPK abort, a "simplex failed" or an infinite figure.
# edge NAME: every command on the scenario in $work/edge-NAME
edge() {
	edge=$1
	for cmd in "" "--allow-late" "--budget-scale 1000000" "--budget-scale 0.000001"; do
		# shellcheck disable=SC2086
		expect_plan "at the limits, $edge: plan $cmd" "0 3" "edge-$edge" $cmd
		if grep -Eq 'inf|nan|failed' "$work/stdout" "$work/stderr"; then
			not_ok "at the limits, $edge: an infinite figure or a failure"
			grep -E 'inf|nan|failed' "$work/stdout" "$work/stderr" | head -3 | sed 's/^/# /'
		fi
	done
	expect "at the limits, $edge: check" "0 3" "edge-$edge" check scenario.json
	for fmt in lp mps mathprog; do
		expect "at the limits, $edge: export --$fmt" 0 "edge-$edge" \
			export scenario.json --$fmt "m.$fmt"
	done
}
scenario edge-money cost=1e6 site_cost=0 budget=1e15
sites edge-money "b1,north,ran,Huawei,999999000,"
edge money
scenario edge-escalated cost=1e5 site_cost=1e14 budget=1e15 extra=',
  "cost_escalation": -0.999, "discount_rate": 0.999999'
sites edge-escalated "b1,north,ran,Huawei,100,"
edge escalated
scenario edge-tiny cost=1e-300 site_cost=1e-300 budget=1e-300
sites edge-tiny "b1,north,ran,Huawei,1,"
edge tiny
scenario edge-fifty cost=0.01 site_cost=0.01 budget=1e6 end=2070 extra=',
  "cost_escalation": 0.999, "discount_rate": 0.999'
sites edge-fifty "b1,north,ran,Huawei,1,"
edge fifty
scenario edge-carry budget=1e15 extra=',
  "carry_over": true'
sites edge-carry
edge carry
expect_plan "at the limits, carry: plan --budget-scale 1000000 -o" 0 edge-carry \
	--budget-scale 1000000 -o out
if grep -q -- '-' "$work/edge-carry/out/timeline.csv"; then
	not_ok "at the limits, carry: timeline.csv has a negative figure (overflow)"
else
	ok "at the limits, carry: no figure in timeline.csv overflows"
fi
for c in 1e12:1e-12 1e-12:1e12; do
	set -- "${c%%:*}" "${c#*:}"
	scenario "edge-crit$1" cost=1e5 site_cost=1e5 budget=5e14
	printf 'site_id,region,domain,vendor,units,criticality\n%s\n%s\n%s\n%s\n' \
		"a1,north,ran,Huawei,1000000000,$1" "a2,south,core,ZTE,1,$2" \
		"a3,south,ran,Nokia,30," "a4,north,ran,Huawei,1,$2" >"$work/edge-crit$1/sites.csv"
	edge "crit$1"
done

# --- Inputs that are not regular files, or too big to read whole: a
# located refusal naming the file, exit 2, never a hang or an abort.
mkdir -p "$work/special"
expect "check /dev/zero: refused" 2 special check /dev/zero
stderr_has "check /dev/zero: not a regular file" "^/dev/zero: cannot read: not a regular file \\(a character device\\)"
mkfifo "$work/special/fifo.json"
expect "a FIFO as scenario.json: refused, no hang" 2 special check fifo.json
stderr_has "a FIFO as scenario.json: not a regular file" "^fifo.json: cannot read: not a regular file \\(a FIFO\\)"
scenario fifosites
mkfifo "$work/fifosites/sites.csv"
expect "a FIFO as sites.csv: refused, no hang" 2 fifosites check scenario.json
stderr_has "a FIFO as sites.csv: not a regular file" "^sites.csv: cannot read: not a regular file \\(a FIFO\\)"
scenario hugeline
sites hugeline
head -c 67108865 /dev/zero | tr '\0' 'a' >>"$work/hugeline/sites.csv"
expect "a sites.csv line of 64 MiB and a byte: refused" 2 hugeline check scenario.json
stderr_has "a sites.csv line of 64 MiB and a byte: located, the limit in the message" \
	"^sites.csv:5: line longer than 64 MiB"
rm -f "$work/hugeline/sites.csv"
scenario hugefile
sites hugefile
truncate -s 67108865 "$work/hugefile/scenario.json"
expect "a scenario.json of 64 MiB and a byte: refused" 2 hugefile check scenario.json
stderr_has "a scenario.json of 64 MiB and a byte: the limit in the message" \
	"^scenario.json: cannot read: larger than 64 MiB"
scenario diffs
sites diffs
(cd "$work/diffs" && "$phaseout" plan scenario.json --quiet -o a && cp -r a b && cp -r a c &&
	cp -r a d) \
	>/dev/null 2>&1
rm "$work/diffs/b/plan.csv"
mkfifo "$work/diffs/b/plan.csv"
expect "diff with a FIFO as plan.csv: refused, no hang" 2 diffs diff a b
stderr_has "diff with a FIFO as plan.csv: names the file" "^b/plan.csv: cannot read: not a regular file \\(a FIFO\\)"
head -c 67108865 /dev/zero | tr '\0' 'a' >>"$work/diffs/d/plan.csv"
expect "diff with a plan.csv line of 64 MiB and a byte: refused" 2 diffs diff a d
stderr_has "diff with a 64 MiB line: located, the limit in the message" \
	"^d/plan.csv:[0-9]+: line longer than 64 MiB"
truncate -s 67108865 "$work/diffs/c/summary.json"
expect "diff with a summary.json of 64 MiB and a byte: refused" 2 diffs diff a c
stderr_has "diff with a huge summary.json: the limit in the message" \
	"^c/summary.json: cannot read: larger than 64 MiB"

# --- The horizon: 50 years work, 51 do not.
scenario y50 end=2070
sites y50
expect "50-year horizon: check" 0 y50 check scenario.json
expect_plan "50-year horizon: plan" 0 y50
scenario y51 end=2071
sites y51
expect "51-year horizon: rejected" 2 y51 check scenario.json
stderr_has "51-year horizon: the message is about the horizon" '^scenario.json:[0-9]+(:[0-9]+)?: .*horizon'

# --- 100,000-character fields and names.
long=$(repeat 10000 "abcdefghij")
scenario longcsv
sites longcsv "$long,north,ran,Huawei,3,$long" "x$long,$long,core,ZTE,1,"
expect "100,000-character site id, region and cluster: check" 0 longcsv check scenario.json
expect_plan "100,000-character site id, region and cluster: plan" 0 longcsv
scenario longquoted
sites longquoted "\"$long
$long\",north,ran,Huawei,3,"
expect_plan "200,000-character quoted field over two lines: plan" 0 longquoted
scenario longbad
sites longbad "b1,north,ran,Huawei,$(repeat 100000 7),"
expect "100,000-digit units: rejected" 2 longbad check scenario.json
scenario longname name="\"$long\""
sites longname
expect "100,000-character scenario name: check" 0 longname check scenario.json
expect_plan "100,000-character scenario name: plan" 0 longname
scenario longkey extra=",
  \"$long\": 1"
sites longkey
expect "100,000-character unknown key: rejected" 2 longkey check scenario.json

# --- Deep nesting.
mkdir -p "$work/deep"
sites deep
{
	printf '{"format": "phaseout-scenario/1", "name": '
	repeat 100000 "["
	repeat 100000 "]"
	printf '}\n'
} >"$work/deep/scenario.json"
expect "100,000 nested '[': rejected" 2 deep check scenario.json
mkdir -p "$work/deepobj"
sites deepobj
repeat 100000 '{"a":' >"$work/deepobj/scenario.json"
expect "100,000 nested objects, unterminated: rejected" 2 deepobj check scenario.json

# --- Invalid UTF-8 and NUL bytes.
scenario badutf8json name="\"bad $(printf '\377\376') name\""
sites badutf8json
expect "invalid UTF-8 in scenario.json: rejected" 2 badutf8json check scenario.json
scenario nuljson
sites nuljson
printf '\000' >>"$work/nuljson/scenario.json"
expect "NUL byte in scenario.json: rejected" 2 nuljson check scenario.json
scenario nulstring name="\"a$(printf '\134')u0000b\""
sites nulstring
expect "\\u0000 in a scenario.json string: rejected" 2 nulstring check scenario.json
scenario badutf8csv
sites badutf8csv "b$(printf '\300\200'),north,ran,Huawei,1,"
expect "invalid UTF-8 in a sites.csv site id: rejected" 2 badutf8csv check scenario.json
scenario nulcsv
sites nulcsv "b1,north,ran,Huawei,1,"
printf 'b2,no\000rth,ran,Huawei,1,\n' >>"$work/nulcsv/sites.csv"
expect "NUL byte in sites.csv: rejected" 2 nulcsv check scenario.json
scenario utf16
sites utf16
printf '\377\376s\000i\000t\000e\000' >"$work/utf16/sites.csv"
expect "UTF-16 sites.csv: rejected" 2 utf16 check scenario.json

tap_done
