/*
 * rins: a better plan where the LP relaxation and the plan in hand
 * disagree (relaxation induced neighbourhood search, Danna, Rothberg and
 * Le Pape 2005).
 *
 * Every integer column on which the stage's LP optimum and the plan
 * agree is fixed at that value, and what is left, a small mixed-integer
 * problem with every row of the model, is solved by GLPK's branch and
 * cut after its MIP presolver, with a node limit; a plan found replaces
 * the one in hand only when it is better. Where the
 * LP bound is close to the optimum, as in the cost stage after a
 * least-exposure stage (the exposure row holds E at its optimum and the
 * LP's cheapest schedule is most of an optimal plan), the plans there
 * are the ones GLPK's own search reaches late or never
 * (docs/decisions.md, "RINS before the branch and bound").
 *
 * Deterministic: which columns are fixed depends on the LP solution and
 * the plan only, the node limit is a count; the caller's time_left_ms()
 * (a time limit, an interrupt) may end a search early, keeping the best
 * plan so far.
 */
#ifndef PHASEOUT_RINS_H
#define PHASEOUT_RINS_H

#include <stdbool.h>

struct model;

struct rins_options {
	int node_limit; /* nodes of each sub-problem's branch and bound */
	int rounds;     /* searches at most, each from the last one's plan */
	bool few_cuts;  /* GLPK's Gomory and MIR cuts off (sub_mip.h) */
	/* Milliseconds GLPK may still use, INT_MAX without a limit; 0 ends
	 * the search (out of time or interrupted). */
	int (*time_left_ms)(void *ctx);
	void *ctx;
};

/*
 * rins_improve: with m's problem holding its LP relaxation's optimum (as
 * after glp_simplex()), improve the plan x (every column of m, 1-based,
 * keeping every row) under m's objective, in place; each round searches
 * again around the plan the last one found. Returns how many rounds
 * improved it; x then holds GLPK's solution of the last one (every
 * column, helpers included). m's problem is not changed.
 */
int rins_improve(const struct model *m, const struct rins_options *o, double *x);

#endif
