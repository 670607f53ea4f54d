/*
 * objective_scale: how an objective is shown to the solver, so that the
 * same scenario in other units is the same problem.
 *
 * GLPK's tolerances are absolute (a reduced cost below 1e-7 is zero, the
 * stage rule of model.md adds 1e-6), so an exposure made of weights of
 * 1e-9 or a cost in units of 1e9 would be solved differently from the
 * same scenario in ordinary units. Before GLPK sees an objective, it is
 * divided by a unit:
 *
 *  - integral: every coefficient is a whole number of one common unit
 *    (criticality x units x years, or prices in whole pounds). The
 *    coefficients become those whole numbers, exactly, and every
 *    objective value of a plan is the constant plus a whole number: a
 *    proven bound may then be rounded up to the next such value.
 *  - otherwise the unit is the smallest coefficient, and the scaled
 *    coefficients are rounded to a grid of 2^-24 (a relative change
 *    below 6e-8 of the smallest coefficient, far below the stage rule's
 *    own tolerance), so that numbers multiplied by a power of ten land
 *    on the same grid and the solver sees the same problem.
 *
 * A plan's reported values are always recomputed from its decisions
 * (plan.c), never read back from these scaled numbers.
 *
 * Ownership: objective_scale_init() allocates 'coef'; release it with
 * objective_scale_finish().
 */
#ifndef PHASEOUT_OBJECTIVE_SCALE_H
#define PHASEOUT_OBJECTIVE_SCALE_H

#include <stdbool.h>
#include <stddef.h>

struct objective_scale {
	double unit;     /* one scaled unit in the objective's own units, > 0 */
	bool integral;   /* values are constant + a whole number of units */
	double constant; /* the scaled constant term */
	double *coef;    /* [n + 1], the scaled coefficients, 1-based */
	size_t n;
};

/*
 * objective_scale_init: scale 'coef[1..n]' and 'constant' (the model's
 * objective). Never fails (an all-zero objective gets unit 1).
 */
void objective_scale_init(struct objective_scale *s, const double *coef, size_t n,
			  double constant);
void objective_scale_finish(struct objective_scale *s);

/*
 * objective_scale_round_bound: a proven bound (scaled) on a minimum,
 * raised to the least value a plan can have at or above it when the
 * objective is integral; unchanged otherwise.
 */
double objective_scale_round_bound(const struct objective_scale *s, double bound);

#endif
