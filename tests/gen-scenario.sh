#!/bin/sh
# gen-scenario.sh GEN: what phaseout-gen writes is a well-formed scenario
# that can hold, checked from the files alone (not from the generator's own
# self-check), for several option sets:
#  - sites.csv: one row per site, the header's field count on every row,
#    unique ids, known domains, units in each domain's range, the requested
#    high-risk share (within 2 points), earliest years inside the horizon;
#  - clusters: two or more high-risk radio sites of one region;
#  - depends_on: names an existing site of the same region one layer up
#    (radio -> transport -> core), so there is no cycle;
#  - scenario.json: a budget for every year; budgets up to the last
#    deadline cover the cheapest possible cost of all high-risk sites, and
#    capacities and crews over the years cover all high-risk units and
#    sites (necessary conditions of feasibility); with --budget-factor 0.3
#    the budget must fall short of that cheapest cost.
# Prints TAP, one test per option set.
set -u
gen=$1
# shellcheck source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
tap_workdir

# check_case NAME SITES SHARE FEASIBLE OPTIONS...
check_case() {
	name=$1 sites=$2 share=$3 feasible=$4
	shift 4
	dir=$work/$name
	if ! "$gen" -q -o "$dir" --sites "$sites" --high-risk-share "$share" "$@"; then
		not_ok "$name: phaseout-gen failed"
		return
	fi
	problems=$work/$name.problems
	: >"$problems"
	bad=0
	awk -F, -v want_sites="$sites" -v want_share="$share" -v name="$name" '
	function bad(msg) { print name ": " msg; errors++ }
	NR == 1 {
		sub(/\r$/, "")
		nf = NF
		for (i = 1; i <= NF; i++) col[$i] = i
		if (!col["site_id"] || !col["region"] || !col["domain"] || !col["vendor"] ||
		    !col["units"])
			bad("missing a required column in \"" $0 "\"")
		next
	}
	{
		if (NF != nf) bad("line " NR " has " NF " fields, not " nf)
		id = $col["site_id"]
		if (id in region) bad("duplicate site_id " id)
		region[id] = $col["region"]
		dom[id] = $col["domain"]
		hr[id] = ($col["vendor"] == "Huawei" || $col["vendor"] == "ZTE") && $col["units"] > 0
		u = $col["units"]
		if (u !~ /^[0-9]+$/) bad("units " u " on line " NR)
		d = dom[id]
		if (d == "ran" && (u < 3 || u > 12)) bad("radio units " u " on line " NR)
		else if (d != "ran" && d != "transport" && d != "core") bad("domain " d)
		n++
		nhr += hr[id]
		if (col["earliest_year"] && $col["earliest_year"] != "") earliest[id] = $col["earliest_year"]
		if (col["cluster"] && $col["cluster"] != "") {
			c = $col["cluster"]
			csize[c]++
			if (!hr[id] || d != "ran") bad("cluster " c " holds " id)
			if ((c in creg) && creg[c] != region[id]) bad("cluster " c " spans regions")
			creg[c] = region[id]
		}
		if (col["depends_on"] && $col["depends_on"] != "") deps[id] = $col["depends_on"]
	}
	END {
		if (n != want_sites) bad(n " sites, not " want_sites)
		s = nhr / n
		if (s < want_share - 0.02 || s > want_share + 0.02) bad("high-risk share " s)
		for (c in csize) if (csize[c] < 2) bad("cluster " c " has one site")
		up["ran"] = "transport"; up["transport"] = "core"
		for (id in deps) {
			k = split(deps[id], p, ";")
			for (i = 1; i <= k; i++) {
				if (!(p[i] in region)) bad(id " depends on unknown " p[i])
				else if (region[p[i]] != region[id] || dom[p[i]] != up[dom[id]])
					bad(id " depends on " p[i])
			}
		}
		for (id in earliest) print "earliest", earliest[id] > "/dev/stderr"
		exit errors > 0
	}' "$dir/sites.csv" 2>"$dir/earliest" >>"$problems" || bad=1

	# Resources against necessary conditions, from scenario.json (the
	# generator writes one item per line) and sites.csv.
	awk -v name="$name" -v feasible="$feasible" '
	function num(s) { gsub(/[^0-9.]/, "", s); return s + 0 }
	FNR == 1 { file++ }
	file == 1 && /"start":/ {
		split($0, h, /[:,}]/)
		start = num(h[3]); end = num(h[5])
	}
	file == 1 && /"budget": \{/ { inb = 1; next }
	file == 1 && inb && /\}/ { inb = 0 }
	file == 1 && inb { split($0, kv, ":"); budget[num(kv[1])] = num(kv[2]) }
	file == 1 && /"capacity":/ { split($0, kv, "\"capacity\":"); capsum += num(kv[2]) }
	file == 1 && /"domain": "\*"/ { split($0, kv, "\"year\":"); last = num(kv[2]) }
	file == 1 && /"regions": \{/ { inc = 1; next }
	file == 1 && inc && /\}/ { inc = 0 }
	file == 1 && inc { split($0, kv, "\":"); r = kv[1]; sub(/^ *"/, "", r); crews[r] = num(kv[2]) }
	file == 1 && /"site_cost":/ {
		split($0, kv, /[:,}]/)
		sc["core"] = num(kv[3]); sc["transport"] = num(kv[5]); sc["ran"] = num(kv[7])
	}
	file == 2 && FNR > 1 && ($4 == "Huawei" || $4 == "ZTE") && $5 > 0 {
		# Cheapest unit cost per domain among the vendors (see tools/gen/profiles.c
		# tables): core 42000, transport 8600, ran 12500.
		cheap["core"] = 42000; cheap["transport"] = 8600; cheap["ran"] = 12500
		least += sc[$3] + $5 * cheap[$3]
		hru += $5
		hrsites[$2]++
	}
	END {
		nyears = end - start + 1
		for (y = start; y <= end; y++) if (!(y in budget)) { print name ": no budget for " y; bad = 1 }
		for (y = start; y <= end && y <= last; y++) money += budget[y]
		if (feasible && money < least) { print name ": budget " money " < cheapest cost " least; bad = 1 }
		if (!feasible && money >= least) { print name ": budget " money " is not tight (" least ")"; bad = 1 }
		if (capsum * nyears < hru) { print name ": capacities below " hru " units"; bad = 1 }
		for (r in hrsites)
			if (crews[r] * nyears < hrsites[r]) { print name ": crews of " r; bad = 1 }
		exit bad
	}' FS=, "$dir/scenario.json" "$dir/sites.csv" >>"$problems" || bad=1
	# Earliest years lie after the first year and inside the horizon.
	start=$(json_get "$dir/scenario.json" horizon.start)
	end=$(json_get "$dir/scenario.json" horizon.end)
	while read -r _ y; do
		if [ "$y" -le "$start" ] || [ "$y" -gt "$end" ]; then
			echo "$name: earliest_year $y outside $start..$end" >>"$problems"
			bad=1
		fi
	done <"$dir/earliest"
	if [ "$bad" = 0 ]; then
		ok "$name: $sites sites, high-risk share $share"
	else
		not_ok "$name: not a scenario that can hold"
		comment "$problems"
	fi
}

check_case plain 2000 0.6 1
check_case full 20000 0.3 1 --seed 9 --clusters --dependencies
check_case uk-all-hr 3000 1 1 --profile uk-2020 --clusters --dependencies --budget-factor 1
check_case short 2500 0.6 1 --start 2030 --end 2032 --clusters --dependencies
check_case tight 2000 0.6 0 --seed 5 --budget-factor 0.3

tap_done
