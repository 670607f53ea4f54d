/*
 * replan_check: what 'check' lists about a programme in flight
 * (cli-and-outputs-2.md), from the scenario's data alone, without a
 * model: each ledger fact that goes against a rule (a fixed swap against
 * allowed_vendors or vendor_regions, earliest, a deadline, a dependency,
 * a year's or period's capacity, crews or budget, a fund payment above
 * what the fund had disbursed), the deadlines already broken before
 * replan_from (or made impossible by a committed swap), and each fund's
 * money against the cost of its eligible sites, its final date and
 * whether its deadline with every extension can hold.
 *
 * Facts and broken rules are notes: the planner plans around them
 * (model-2.md). A finding is impossible only when it is a proof: a
 * fund's final date binding before the horizon's first period end while
 * an eligible site is unswapped, or the eligible sites still to swap
 * costing more than the own money the ledger leaves the planner and every
 * fund's money the ledger has not used can pay by its final date
 * (plan/ledger_money.h).
 *
 * Calling sequence (precheck_run() calls it):
 *	replan_check_run(s, history, &findings, &count, &alloc);
 *
 * Ownership: the findings appended, and their messages, are the caller's.
 */
#ifndef PHASEOUT_REPLAN_CHECK_H
#define PHASEOUT_REPLAN_CHECK_H

#include <stddef.h>

#include "input/scenario.h"
#include "plan/precheck.h"

struct history;

/* replan_check_run: append every finding about s's replan_from, ledger and
 * funds to '*list' (ARRAY_GROW with '*count' and '*alloc'), in a fixed
 * order: ledger facts by row, broken rules, then funds in order. 'h' is
 * s's history (plan/history.h: the rules it breaks), NULL when s has no
 * re-plan or ledger. */
void replan_check_run(const struct scenario *s, const struct history *h,
		      struct precheck_finding **list, size_t *count, size_t *alloc);

/*
 * replan_check_extensions_least: a proven lower bound on the extensions
 * fund f needs in any plan that swaps its eligible high-risk sites by its
 * final date (the least k that check's money argument allows, as in its
 * "at least k of its K extensions needed" note), with the own money of
 * year y at most budget[y] (INFINITY = unlimited: the scenario's budget,
 * or the instance's scaled one). 0 for a fund without extensions or
 * whose final date binds after the horizon (no site must go by then).
 */
int replan_check_extensions_least(const struct scenario *s, size_t f,
				  const double *budget);

#endif
