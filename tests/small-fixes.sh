#!/bin/sh
# small-fixes.sh PHASEOUT SOURCE_ROOT: the smaller output faults of issue
# 11, each as a user meets it.
# 1. The formula guard is reversible: site ids "=dup" and "'=dup" are
#    written differently ("'=dup", "''=dup") and diff reads back a folder
#    phaseout wrote itself.
# 2. "-0" in a budget, a rate, a share, crews or --budget-scale is zero:
#    no report or file prints "-0".
# 3. A deadline after the horizon says how many HR units are left at the
#    horizon's end, not "0 ... at the end of 2030".
# 4. An exposure of criticalities of 1e-9 is not printed as "E = 0" beside
#    a gap: its significant digits are shown.
# Prints TAP.
set -u
phaseout=$1
root=$2
case $phaseout in
/*) ;;
*) phaseout=$(pwd)/$phaseout ;;
esac
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir
tap_context=$work/err

# 1. The guard.
g=$work/guard
mkdir -p "$g"
cp "$root/docs/examples/short-of-money/scenario.json" "$g/"
{
	echo "site_id,region,domain,vendor,units"
	echo "=dup,London,ran,Huawei,4"
	echo "'=dup,London,ran,Huawei,5"
	echo "'plain,London,ran,Huawei,6"
	echo "x,London,core,Huawei,2"
} >"$g/sites.csv"
sed -i 's/"deadlines": \[/"deadlines": [{"domain": "ran", "year": 2030},/' "$g/scenario.json"
(cd "$g" && "$phaseout" plan scenario.json --allow-late --quiet -o a) 2>"$work/err"
check "guard: plan -o writes the folder" test -s "$g/a/plan.csv"
check "guard: '=dup is written '=dup" grep -q "^[0-9]*,'=dup," "$g/a/plan.csv"
check "guard: ''=dup is written ''=dup" grep -q "^[0-9]*,''=dup," "$g/a/plan.csv"
check "guard: 'plain is written ''plain" grep -q "^[0-9]*,''plain," "$g/a/plan.csv"
(cd "$g" && "$phaseout" diff a a) >"$work/out" 2>"$work/err"
status=$?
check "guard: diff reads back the folder phaseout wrote (exit $status)" test "$status" = 0
check "guard: and finds no site differing" grep -q "^no site differs" "$work/out"

# 2. -0 is zero.
z=$work/zero
mkdir -p "$z"
cp "$root/docs/examples/short-of-money/sites.csv" "$z/"
sed -e 's/"budget": 400000/"budget": {"default": 400000, "2023": -0}/' \
	-e 's/"crews": 3/"crews": {"default": 3, "2023": -0}, "discount_rate": -0, "cost_escalation": -0.0, "max_vendor_share": {"ran": -0e3}/' \
	"$root/docs/examples/short-of-money/scenario.json" >"$z/scenario.json"
check "-0: the scenario has each -0" test "$(grep -o -- '-0' "$z/scenario.json" | wc -l)" -ge 5
(cd "$z" && "$phaseout" check scenario.json) >"$work/out" 2>"$work/err"
check "-0: check reports the scenario" grep -q "^Discount rate: 0% a year" "$work/out"
check "-0: check prints no '-0'" fails grep -n -- "-0\([^-9.]\|$\)" "$work/out"
(cd "$z" && "$phaseout" plan scenario.json --allow-late --budget-scale -0 -o o) >"$work/out" 2>"$work/err"
check "-0: plan writes its files" test -s "$z/o/timeline.csv"
check "-0: plan prints no '-0'" fails grep -n -- "-0\([^-9.]\|$\)" "$work/out"
check "-0: the plan's files hold no '-0'" \
	fails grep -n -- "-0\([^-9.]\|$\)" "$z/o"/*.csv "$z/o/summary.json"

# 3. A deadline after the horizon.
h=$work/horizon
mkdir -p "$h"
cp "$root/docs/examples/short-of-money/sites.csv" "$h/"
sed -e 's/{"domain": "core", "year": 2021},//' -e 's/"year": 2023}/"year": 2030}/' \
	"$root/docs/examples/short-of-money/scenario.json" >"$h/scenario.json"
(cd "$h" && "$phaseout" plan scenario.json --budget-scale 0.3 -o o) >"$work/out" 2>"$work/err"
left=$(sed -n 's/^not complete: \([0-9,]*\) HR units left.*/\1/p' "$work/out")
check "past the horizon: some HR units are left ($left)" test -n "$left" -a "$left" != 0
check "past the horizon: the rule says how many, at the horizon's end" \
	grep -q "swapped by 2030: $left HR units left at the end of 2023, the horizon's end" "$work/out"
check "past the horizon: never a figure for 2030" \
	fails grep -q "at the end of 2030" "$work/out"
check "past the horizon: summary.json marks the rule" \
	grep -q '"past_horizon":[[:space:]]*true' "$h/o/summary.json"

# 4. Tiny exposures.
t=$work/tiny
mkdir -p "$t"
cp "$root/docs/examples/short-of-money/scenario.json" "$t/"
awk -F, 'BEGIN { OFS = "," } NR == 1 { for (i = 1; i <= NF; i++) if ($i == "criticality") c = i; print; next }
	{ $c = ($c == "" ? 1 : $c) * 1e-9; print }' "$root/docs/examples/short-of-money/sites.csv" >"$t/sites.csv"
(cd "$t" && "$phaseout" plan scenario.json --budget-scale 1.5) >"$work/out" 2>"$work/err"
check "tiny exposure: E is printed with its digits, not as 0" \
	grep -q "^exposure: E = [1-9][0-9.]*e-[0-9]* weighted unit-years" "$work/out"

tap_done
