/*
 * sweep_row: the plain data a sweep hands to its reports and charts: one
 * row of sensitivity.csv per budget scale, made from a plan, and what the
 * break-even search (--find-min-budget) found. No solver here, so the
 * writers in output/ include this and not solver/sweep.h.
 *
 * Ownership: rows are plain values.
 */
#ifndef PHASEOUT_SWEEP_ROW_H
#define PHASEOUT_SWEEP_ROW_H

#include <stdbool.h>
#include <stdint.h>

#include "plan/plan.h"

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
	/* The period of the plan's last swap (an index, as plan.h's), -1 =
	 * not complete; with yearly periods the year's index. */
	int completion_period;
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

/* sweep_total_budget: the total own budget of 's' at budget scale
 * 'scale', summed as a row's total_budget is (so a row at that scale
 * shows the same figure); INFINITY when any year is unlimited. */
double sweep_total_budget(const struct scenario *s, double scale);

/* sweep_row_cut_short: whether a limit (time, gap, interrupt) stopped
 * the row's own search, so its figures are the best found, not proven. */
bool sweep_row_cut_short(const struct sweep_row *row);

/* What --find-min-budget found; NAN where not found in the range. */
struct break_even {
	double min_scale;       /* smallest scale where every rule holds */
	int min_completion;     /* completion year there, 0 = not complete */
	double earlier_scale;   /* smallest scale completing a year earlier
				   (with periods finer than a year: a period) */
	int earlier_completion; /* that year */
	/* The periods of min_completion and earlier_completion (indexes, as
	 * plan.h's), -1 = not complete or not found. */
	int min_completion_period, earlier_completion_period;
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

#endif
