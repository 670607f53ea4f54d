#!/bin/sh
# precheck-soundness.sh PHASEOUT BRUTEFORCE TINYGEN [SEEDS]: every rule that
# 'phaseout check' calls impossible (exit 3) must really be: on random tiny
# scenarios (tinygen, seeds 1..SEEDS, default 300), whenever check exits 3
# the brute-force oracle must find no feasible plan. Also prints how many
# infeasible scenarios check caught, for information.
set -u
phaseout=$1 bruteforce=$2 tinygen=$3 seeds=${4:-300}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 impossible=0 infeasible=0 caught=0
seed=1
while [ "$seed" -le "$seeds" ]; do
	dir=$work/s$seed
	if "$tinygen" "$seed" "$dir" >/dev/null 2>&1; then
		"$phaseout" check -q "$dir/scenario.json" >"$dir/out" 2>"$dir/err"
		rc=$?
		if [ "$rc" != 2 ]; then
			answer=$("$bruteforce" "$dir/scenario.json" 2>/dev/null | head -n 1)
			[ "$answer" = "feasible 0" ] && infeasible=$((infeasible + 1))
			if [ "$rc" = 3 ]; then
				impossible=$((impossible + 1))
				if [ "$answer" = "feasible 0" ]; then
					caught=$((caught + 1))
				else
					echo "seed $seed: check says impossible, bruteforce says '$answer':"
					cat "$dir/out"
					fail=1
				fi
			fi
		fi
	fi
	rm -rf "$dir"
	seed=$((seed + 1))
done
echo "# $impossible impossible by check, $caught of $infeasible infeasible caught"
exit $fail
