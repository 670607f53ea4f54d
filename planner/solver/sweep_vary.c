#include "solver/sweep_vary.h"

#include <math.h>

static bool keeps_rules(enum plan_status status)
{
	return status == PLAN_OPTIMAL || status == PLAN_FEASIBLE;
}

/*
 * The plan of an earlier point is one of this point's plans when the
 * parameter loosens the rules; plan_create() recomputes its every figure
 * on this point's scenario and sweep_plan_keeps_rules() checks it, so a
 * parameter wrongly taken as loosening lends nothing. The borrowed row
 * keeps the point's own stop and its proven bound while that is at or
 * below the borrowed value.
 */
void sweep_vary_offer(struct scenario *const *ss, const double *values, double scale,
		      size_t n, struct sweep_point *pts)
{
	const struct sweep_point *best = NULL;
	size_t best_i = 0;
	for (size_t i = 0; i < n; i++) {
		struct sweep_point *pt = &pts[i];
		if (best) {
			struct plan *p = plan_create(ss[i], best->decisions,
						     best->n_decisions, scale);
			struct sweep_row row;
			sweep_row_of(p, scale, &row);
			if (sweep_plan_keeps_rules(p) &&
			    sweep_row_better(ss[i], &row, &pt->row)) {
				const struct sweep_row *own = &pt->row;
				double value = plan_first_objective(p);
				row.status = PLAN_FEASIBLE;
				row.stopped_by = own->stopped_by;
				row.bound =
					isfinite(own->bound) && value >= own->bound - 1e-9
						? own->bound
						: NAN;
				row.gap = NAN;
				if (isfinite(row.bound)) {
					row.gap = (value - row.bound) /
						  fmax(fabs(value), 1e-9);
					if (row.gap < 1e-12)
						row.gap = 0;
				}
				row.plan_from_scale = values[best_i];
				pt->row = row;
				plan_destroy(p);
				continue;
			}
			plan_destroy(p);
		}
		if (keeps_rules(pt->row.status) && isnan(pt->row.plan_from_scale) &&
		    pt->decisions) {
			best = pt;
			best_i = i;
		}
	}
}
