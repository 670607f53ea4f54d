#!/bin/sh
# precheck-soundness.sh: every rule that 'phaseout check' calls impossible
# (exit 3) must really be. On random tiny scenarios (tinygen, seeds
# FROM..FROM+N-1), whenever check exits 3 the brute-force oracle must find
# no feasible plan: one TAP line per such seed. A seed where bruteforce
# fails is a failure too (no answer proves nothing). How many of the
# infeasible seeds check caught is printed, for information: finding
# nothing impossible proves no plan exists is not check's promise.
#
# With --v2, the scenarios are version 2 (tinygen --v2: periods, dated
# rules, the sites' own deadlines, allowed_vendors, vendor_regions, period
# keys), so the proofs in periods are checked as well.
#
# With --inflight MODE (replan, funds or replan-funds; implies --v2),
# each scenario is then put in flight by tinyinflight.py --MODE: a
# re-plan's history and ledger, funds, or both, so that the proofs are
# checked against rules history breaks (model-2.md: priced, never
# impossible) and the ledger's facts. A seed with nothing to put in
# flight is skipped.
#
# usage: precheck-soundness.sh PHASEOUT BRUTEFORCE TINYGEN [--seeds N]
#                              [--seed-from S] [--v2] [--inflight MODE]
set -u
phaseout=$1 bruteforce=$2 tinygen=$3
shift 3
seeds=300
from=1
v2=
inflight=
while [ $# -gt 0 ]; do
	case $1 in
	--seeds) seeds=$2; shift ;;
	--seed-from) from=$2; shift ;;
	--v2) v2=--v2 ;;
	--inflight) inflight=$2; v2=--v2; shift ;;
	*) echo "precheck-soundness.sh: unknown argument '$1'" >&2; exit 2 ;;
	esac
	shift
done
# shellcheck source=../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
tap_workdir
tag=${v2:+ (v2${inflight:+, $inflight})}
infeasible=0 caught=0
seed=$from
last=$((from + seeds - 1))
while [ "$seed" -le "$last" ]; do
	dir=$work/s$seed
	# shellcheck disable=SC2086
	if ! "$tinygen" $v2 "$seed" "$dir" >/dev/null 2>&1; then
		not_ok "seed $seed: tinygen failed"
		seed=$((seed + 1))
		continue
	fi
	if [ -n "$inflight" ]; then
		python3 "$(dirname "$0")/tinyinflight.py" "--$inflight" "$seed" "$dir" \
			>/dev/null 2>"$dir/err"
		rc=$?
		if [ "$rc" = 3 ]; then
			rm -rf "$dir"
			seed=$((seed + 1))
			continue
		elif [ "$rc" != 0 ]; then
			not_ok "seed $seed: tinyinflight.py --$inflight failed"
			comment "$dir/err"
			seed=$((seed + 1))
			continue
		fi
	fi
	"$phaseout" check -q "$dir/scenario.json" >"$dir/out" 2>"$dir/err"
	rc=$?
	if [ "$rc" = 0 ] || [ "$rc" = 3 ]; then
		answer=$("$bruteforce" "$dir/scenario.json" 2>/dev/null | head -n 1)
		[ "$answer" = "feasible 0" ] && infeasible=$((infeasible + 1))
		if [ "$rc" = 3 ]; then
			if [ "$answer" = "feasible 0" ]; then
				caught=$((caught + 1))
				ok "seed $seed$tag: check's impossible finding agrees with bruteforce"
			else
				not_ok "seed $seed$tag: check says impossible, bruteforce says '$answer'"
				comment "$dir/out"
			fi
		elif [ -z "$answer" ]; then
			not_ok "seed $seed$tag: bruteforce gave no answer"
		fi
	elif [ "$rc" != 2 ]; then
		not_ok "seed $seed$tag: check exited $rc"
		comment "$dir/err"
	fi
	rm -rf "$dir"
	seed=$((seed + 1))
done
echo "# check caught $caught of $infeasible infeasible scenarios"
tap_done
