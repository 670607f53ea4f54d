/*
 * sweep: one solve per budget scale (phaseout sweep) and the break-even
 * search (--find-min-budget), all in the calling process. The program
 * spreads the points over worker processes (cli/sweep_workers.h) with
 * the same two steps sweep_run() takes here: sweep_plan_point() for each
 * point, then sweep_offer_plans() over all of them in scale order.
 *
 * Each point is planned like `phaseout plan --budget-scale S`; a point
 * where the rules cannot hold keeps its row with the elastic model's
 * least-violation figures (status "infeasible"), so the curve goes on.
 *
 * The rows and the break-even result are plain data (plan/sweep_row.h).
 *
 * Ownership: a sweep_point owns its decisions (free() them).
 */
#ifndef PHASEOUT_SWEEP_H
#define PHASEOUT_SWEEP_H

#include <stdbool.h>
#include <stddef.h>

#include "input/scenario.h"
#include "plan/sweep_row.h"
#include "solver/run.h"

/* A point as solved: its row and, when its plan keeps every rule, the
 * plan's decisions (one per HR site), which larger budgets may borrow. */
struct sweep_point {
	struct sweep_row row;
	struct site_decision *decisions; /* NULL unless the plan keeps every rule */
	size_t n_decisions;
};

/*
 * sweep_plan_point: plan 's' at 'scale' from scratch, exactly as `plan
 * --budget-scale` would (base->budget_scale is ignored, no progress), so
 * that a row does not depend on which other points were planned, or
 * where. False on an internal failure (message to base->log).
 */
bool sweep_plan_point(const struct scenario *s, const struct run_options *base,
		      double scale, struct sweep_point *pt);

/*
 * sweep_offer_plans: in scale order, each point takes the best plan of
 * the smaller scales when it keeps every rule there and is strictly
 * better than its own (plan_from_scale), so exposure never rises with
 * money even when time limits cut solves short. 'scales' must increase.
 */
void sweep_offer_plans(const struct scenario *s, const double *scales, size_t n,
		       struct sweep_point *pts);

/* sweep_plan_keeps_rules: whether plan 'p' keeps every rule, its money
 * included. sweep_row_better: whether row 'a' is a strictly better plan
 * than 'b' (which keeps every rule or has no plan), first objective, then
 * second. The two tests sweep_offer_plans() makes (and sweep --vary's). */
bool sweep_plan_keeps_rules(const struct plan *p);
bool sweep_row_better(const struct scenario *s, const struct sweep_row *a,
		      const struct sweep_row *b);

/*
 * sweep_row_borrowed: 'row' (sweep_row_of() of a lent plan whose first
 * objective is 'value') as the row of a point whose own search gave
 * 'own': status "feasible", own's stop, and own's proven bound while it
 * is at or below 'value' (a bound on the optimum there stays one), the
 * gap from it. The caller sets plan_from_scale.
 */
void sweep_row_borrowed(struct sweep_row *row, const struct sweep_row *own, double value);

/*
 * sweep_points_finish: the end of every sweep, in process or in workers:
 * when 'ok' (every point planned), offer the plans (sweep_offer_plans)
 * and copy each point's row to rows[i]; then free the n + 1 points
 * (xcalloc'ed by the caller) and their decisions. Returns 'ok'.
 */
bool sweep_points_finish(const struct scenario *s, const double *scales, size_t n,
			 struct sweep_point *pts, bool ok, struct sweep_row *rows);

/*
 * sweep_run: plan 's' at each of 'n' budget scales in this process
 * (sweep_plan_point), then offer the plans (sweep_offer_plans); rows in
 * the order of 'scales'. False on an internal failure (message to
 * base->log).
 */
bool sweep_run(const struct scenario *s, const struct run_options *base,
	       const double *scales, size_t n, struct sweep_row *rows);

/*
 * sweep_find_min_budget: bisect the budget scale in [lo, hi] to
 * 'precision': the smallest scale at which every deadline and cap holds,
 * then the smallest at which the completion year moves a year earlier
 * than there. Feasibility only grows with money, so the first search is
 * exact up to 'precision'; the second assumes completion does not move
 * later with more money (true of the plans seen; said in the docs). A
 * step with no plan within its time limit ends the search (stopped_step
 * and the bracket known, still true). False only on an internal failure
 * (message to base->log).
 */
/* What the break-even search tells its caller before each probe: its
 * number 'step' of at most 'at_most', whether it is the completion
 * search, and the bracket known then: the scale sought is in (lo, hi],
 * NAN where that end is not known yet. NULL: nothing. */
struct sweep_search_watch {
	void (*step)(void *ctx, int step, int at_most, bool completion, double lo,
		     double hi);
	void *ctx;
};

bool sweep_find_min_budget(const struct scenario *s, const struct run_options *base,
			   double lo, double hi, double precision,
			   const struct sweep_search_watch *watch,
			   struct break_even *out);

#endif
