/*
 * sweep_vary: the monotone guarantee of `sweep --vary PATH=...` (issue
 * 16 item 2), where each point is its own scenario (the file with PATH
 * set to the point's value) rather than one scenario at another budget
 * scale.
 *
 * Ownership: as sweep.h; the scenarios are borrowed.
 */
#ifndef PHASEOUT_SWEEP_VARY_H
#define PHASEOUT_SWEEP_VARY_H

#include <stddef.h>

#include "input/scenario.h"
#include "solver/sweep.h"

/*
 * sweep_vary_offer: points 0..n-1, planned on ss[i] at budget scale
 * 'scale', in the order of a parameter that only loosens the rules (each
 * scenario allows every plan the one before it allows): each point is
 * offered the best plan of the earlier points and takes it when it keeps
 * every rule there and is strictly better than its own, as
 * sweep_offer_plans() does along the budget. Borrowed rows say so:
 * plan_from_scale is then the lending point's value (values[j]).
 */
void sweep_vary_offer(struct scenario *const *ss, const double *values, double scale,
		      size_t n, struct sweep_point *pts);

#endif
