/*
 * sweep: one solve per budget scale (phaseout sweep), in parallel
 * processes, and the break-even search (--find-min-budget).
 *
 * Each point is planned like `phaseout plan --budget-scale S`; a point
 * where the rules cannot hold keeps its row with the elastic model's
 * least-violation figures (status "infeasible"), so the curve goes on.
 *
 * Ownership: rows are plain values; a sweep_result owns its array.
 */
#ifndef PHASEOUT_SWEEP_H
#define PHASEOUT_SWEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/scenario.h"
#include "plan/plan.h"
#include "solver/run.h"

/* One row of sensitivity.csv (shared/spec/cli-and-outputs.md). */
struct sweep_row {
	double budget_scale;
	double total_budget; /* sum of scaled yearly budgets; INFINITY when any
				year is unlimited */
	enum plan_status status;
	double exposure; /* E of the plan (or of the least-violation plan) */
	double present_cost;
	double nominal_cost;
	int completion_year; /* 0 = not complete within the horizon */
	int64_t hr_units_remaining;
	int deadlines_met, deadlines_total;
	double gap;       /* NAN when unknown */
	double bound;     /* proven bound on the first objective, NAN unknown */
	double violation; /* V of model.md; 0 when every rule holds */
	enum plan_stop stopped_by;
	/* The plan was a smaller budget's (it keeps every rule here too and
	 * was better than this point's own): its scale, NAN when its own.
	 * Such a row's status is "feasible"; its stopped_by and bound are
	 * those of the point's own search. */
	double plan_from_scale;
};

/* sweep_row_of: the row for a plan planned at 'scale'. */
void sweep_row_of(const struct plan *p, double scale, struct sweep_row *row);

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

/* What --find-min-budget found; NAN where not found in the range. */
struct break_even {
	double min_scale;       /* smallest scale where every rule holds */
	int min_completion;     /* completion year there, 0 = not complete */
	double earlier_scale;   /* smallest scale completing a year earlier */
	int earlier_completion; /* that year */
	double precision;
	double lo, hi; /* the range searched */
	/* When a step found no plan within its time limit the search stops
	 * there: its number (1 = the first probe, 0 = none stopped), its
	 * scale, whether it was the completion search (else the break-even
	 * one), and the bracket known then: the scale sought is in
	 * (known_lo, known_hi], NAN where that end is not known. */
	int stopped_step;
	double stopped_scale;
	bool stopped_in_completion;
	double known_lo, known_hi;
};

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
