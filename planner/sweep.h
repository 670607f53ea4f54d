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

#include "plan.h"
#include "scenario.h"

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
	double violation; /* V of model.md; 0 when every rule holds */
};

#endif
