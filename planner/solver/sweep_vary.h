/*
 * sweep_vary: the monotone guarantee of `sweep --vary PATH=...` (issue
 * 16 item 2; issue 10 item 8), where each point is its own scenario (the
 * file with the axes' values set) rather than one scenario at another
 * budget scale, on one axis or a grid of two.
 *
 * Ownership: as sweep.h; the grid's arrays are borrowed.
 */
#ifndef PHASEOUT_SWEEP_VARY_H
#define PHASEOUT_SWEEP_VARY_H

#include <stddef.h>

#include "input/scenario.h"
#include "solver/sweep.h"

/*
 * The points of a sweep: point k = j * nx + i is planned on ss[k] at
 * budget scale scales[k] (an x axis that is the budget scale: xs[k]),
 * and xs[k] is its x value (what a borrowed row's plan_from_scale
 * says). dx, dy: which way each axis loosens the rules
 * (override_path_loosening(): +1 larger values, -1 smaller, 0 neither;
 * the budget scale +1). A one-axis sweep has ny 1 and dy 0.
 */
struct sweep_vary_grid {
	struct scenario *const *ss;
	const double *scales, *xs;
	size_t nx, ny;
	int dx, dy;
};

/*
 * sweep_vary_offer: after every point is planned, each point is offered
 * the plans of the points no looser than it on both axes (a step back
 * along an axis that loosens; along one that does not, nothing) and
 * takes one when it keeps every rule at the point (plan_create() on the
 * point's scenario and scale recomputes its every figure, costs and
 * exposure included; sweep_plan_keeps_rules() checks it) and is strictly
 * better than the best so far (sweep_row_better(): first objective, then
 * second; its own plan on ties). The points go in loosening order and
 * each is offered the final plans of its one-step-back neighbours
 * (x first, then y), so every no-looser point's plan reaches it through
 * them: one or two plan_create() a point, whatever --jobs. Borrowed rows
 * are sweep_row_borrowed() with plan_from_scale the lender's xs[];
 * origin[k] (n of them) is the point whose own plan point k ends with
 * (k itself when its own).
 */
void sweep_vary_offer(const struct sweep_vary_grid *g, struct sweep_point *pts,
		      size_t *origin);

#endif
