#!/bin/sh
# termsafe.sh PHASEOUT: no text from an input can drive the terminal. A
# scenario whose every name (scenario name and description, site ids,
# regions, domains, vendors, clusters, column names) carries ESC, OSC
# (window title, OSC 52 clipboard), CSI, BEL, C1 (U+009B) and bidi
# (U+202E) characters, a CR LF inside a quoted site id, and a bad-input
# variant with invalid UTF-8; every command is run on it (check, plan,
# plan -o, an infeasible plan, sweep, sweep -o, diff, diff -o, export
# --lp/--mps/--mathprog, usage errors, a damaged plan folder for diff).
# Neither stdout nor stderr may hold a control byte other than LF (and
# TAB), a C1 control, or invalid UTF-8. Prints TAP.
set -u
phaseout=$1
case $phaseout in
/*) ;;
*) phaseout=$(pwd)/$phaseout ;;
esac
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

E=$(printf '\033')
C1=$(printf '\302\233')

# clean FILE: true when FILE holds only LF, TAB, printable ASCII and
# well-formed UTF-8 other than C1 controls; prints the first bad offset.
clean() {
	od -An -v -tu1 "$1" | awk '
	{ for (i = 1; i <= NF; i++) b[n++] = $i + 0 }
	END {
		for (i = 0; i < n; i++) {
			c = b[i]
			if (c == 9 || c == 10 || (c >= 32 && c < 127)) continue
			len = 0
			if (c >= 194 && c <= 223) len = 2
			else if (c >= 224 && c <= 239) len = 3
			else if (c >= 240 && c <= 244) len = 4
			if (len == 0) { print "byte " i ": " c; exit 1 }
			if (c == 194 && b[i + 1] >= 128 && b[i + 1] <= 159) {
				print "byte " i ": C1 control"; exit 1
			}
			for (k = 1; k < len; k++)
				if (b[i + k] < 128 || b[i + k] > 191) {
					print "byte " i ": invalid UTF-8"; exit 1
				}
			i += len - 1
		}
	}'
}

# run NAME ARGS...: run phaseout, both streams must be clean.
run() {
	name=$1
	shift
	(cd "$work" && "$phaseout" "$@" >"$work/out" 2>"$work/err")
	status=$?
	bad=""
	if [ "$status" -ge 126 ]; then
		bad="crashed or did not run ($status)"
	elif ! where=$(clean "$work/out"); then
		bad="stdout: $where"
	elif ! where=$(clean "$work/err"); then
		bad="stderr: $where"
	elif ! grep -q . "$work/out" "$work/err"; then
		bad="printed nothing"
	fi
	if [ -z "$bad" ]; then
		ok "$name (exit $status)"
	else
		not_ok "$name: $bad"
		head -c 2000 "$work/out" "$work/err" | od -c | head -20 | sed 's/^/# /'
	fi
}

# scenario FILE BUDGET
scenario() {
	cat >"$work/$1" <<JSON
{"format": "phaseout-scenario/1",
 "name": "evil \\u001b]0;title\\u0007 \\u001b]52;c;Zm9v\\u0007 \\u001b[2J \\u009b31m \\u202e end",
 "description": "d \\u001b[31m red \\u001bP tmux \\u001b\\\\",
 "horizon": {"start": 2021, "end": 2024}, "sites": "sites.csv",
 "high_risk_vendors": ["Hua\\u001b[5mwei"],
 "vendors": [{"name": "Eric\\u001b]0;x\\u0007sson",
              "unit_cost": {"r\\u001b[1man": 100, "co\\u009bre": 50}}],
 "site_cost": {"r\\u001b[1man": 10},
 "budget": $2,
 "deadlines": [{"domain": "co\\u009bre", "year": 2022}],
 "share_caps": [{"domain": ["r\\u001b[1man"], "region": "no\\u001b[2Jrth",
                 "year": 2022, "max_share": 0.5}],
 "max_vendor_share": {"r\\u001b[1man": 0.9},
 "crews": {"default": 5, "regions": {"no\\u001b[2Jrth": 3}}}
JSON
}
scenario scenario.json 1e6
scenario tight.json 60
{
	printf 'site_id,region,domain,vendor,units,cluster,ex%s[1mtra\n' "$E"
	printf 'S1%s[31m,no%s[2Jrth,r%s[1man,Hua%s[5mwei,3,,\n' "$E" "$E" "$E" "$E"
	printf '=dup%s,so%suth,co%sre,Hua%s[5mwei,2,cl%s,\n' "$C1" "$E" "$C1" "$E" "$C1"
	printf '"S3\r\nx",no%s[2Jrth,r%s[1man,Hua%s[5mwei,4,,\n' "$E" "$E" "$E"
	printf 'T1,no%s[2Jrth,r%s[1man,Noki%sa,4,,\n' "$E" "$E" "$E"
} >"$work/sites.csv"

run "check" check scenario.json
run "check --quiet" check --quiet scenario.json
run "check, rules that cannot hold (findings)" check tight.json
run "plan" plan scenario.json
run "plan -o" plan scenario.json -o p1
run "plan, the rules cannot hold (diagnosis)" plan tight.json -o p2
run "plan --allow-late" plan tight.json --allow-late -o p3
run "sweep" sweep scenario.json --budget-scale 0.5:1:0.5
run "sweep -o" sweep scenario.json --budget-scale 0.5:1:0.5 -o sw
run "diff" diff p1 p3
run "diff -o" diff p1 p3 -o d
run "export --lp" export scenario.json --lp m.lp
run "export --mps" export scenario.json --mps m.mps
run "export --mathprog (names it cannot write)" export scenario.json --mathprog m.dat
run "usage error quoting an option" plan "--x$E]0;t" scenario.json
run "usage error quoting an argument" check scenario.json "a${E}[2J"
run "unknown command" "pl${E}[2Jan" scenario.json
run "a missing scenario named with escapes" check "no$E]0;t.json"

# Bad input: every message quotes the offending text.
sed -e 's/"budget"/"bu\\u001b[2Jdget"/' -e 's/"horizon"/"currency": "G\\u001bP", "horizon"/' \
	"$work/scenario.json" >"$work/bad.json"
{
	cat "$work/sites.csv"
	printf 'B1,no%s[2Jrth,r%s[1man,Hua%s[5mwei,3%s[2J,,\n' "$E" "$E" "$E" "$E"
	printf 'B2\377%s,north,ran,Huawei,3,,\n' "$E"
} >"$work/bad.csv"
sed 's/"sites.csv"/"bad.csv"/' "$work/bad.json" >"$work/bad2.json"
run "bad input: unknown key, currency, units, invalid UTF-8" check bad2.json
run "bad input through plan" plan bad2.json

# A damaged plan folder for diff.
cp -r "$work/p1" "$work/p4"
sed "s/\"status\":[^,]*/\"status\": \"x\\\\u001b[2J\\\\u009b\"/" "$work/p1/summary.json" \
	>"$work/p4/summary.json"
run "diff on a damaged summary.json" diff p1 p4
printf 'year,site_id\r\n2021,S%s[2J\r\n' "$E" >"$work/p4/plan.csv"
run "diff on a damaged plan.csv" diff p1 p4

tap_done
