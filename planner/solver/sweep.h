/*
 * sweep: one solve per budget scale (phaseout sweep), in parallel
 * processes, and the break-even search (--find-min-budget).
 *
 * Each point is planned like `phaseout plan --budget-scale S`; a point
 * where the rules cannot hold keeps its row with the elastic model's
 * least-violation figures (status "infeasible"), so the curve goes on.
 *
 * The rows and the break-even result are plain data (plan/sweep_row.h).
 */
#ifndef PHASEOUT_SWEEP_H
#define PHASEOUT_SWEEP_H

#include <stdbool.h>
#include <stddef.h>
#include "input/scenario.h"
#include "plan/sweep_row.h"
#include "solver/run.h"

/*
 * sweep_run: plan 's' at each of 'n' budget scales with 'jobs' worker
 * processes (1 = in this process), each point exactly as `plan
 * --budget-scale` would (base->budget_scale is ignored). Rows come back
 * in the order of 'scales', whatever order the workers finish in. Then,
 * in scale order, each point takes the best plan of the smaller scales
 * when it keeps every rule there and is strictly better than its own
 * (plan_from_scale), so exposure never rises with money even when time
 * limits cut solves short. 'scales' must increase. Workers die with the
 * calling process and get one SIGTERM when it is interrupted
 * (run_catch_signals). False when a worker failed (message on stderr).
 */
bool sweep_run(const struct scenario *s, const struct run_options *base,
	       const double *scales, size_t n, int jobs, struct sweep_row *rows);

/*
 * sweep_find_min_budget: bisect the budget scale in [lo, hi] to
 * 'precision': the smallest scale at which every deadline and cap holds,
 * then the smallest at which the completion year moves a year earlier
 * than there. Feasibility only grows with money, so the first search is
 * exact up to 'precision'; the second assumes completion does not move
 * later with more money (true of the plans seen; said in the docs). A
 * step with no plan within its time limit ends the search (stopped_step
 * and the bracket known, still true). False only on an internal failure
 * (message on stderr).
 */
bool sweep_find_min_budget(const struct scenario *s, const struct run_options *base,
			   double lo, double hi, double precision,
			   struct break_even *out);

#endif
