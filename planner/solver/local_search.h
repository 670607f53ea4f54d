/*
 * local_search: a better plan near the one in hand, found by re-solving
 * small parts of the model exactly.
 *
 * A neighbourhood is a set of the model's x columns left free: those of
 * two consecutive years, or those of the groups of one region. Every
 * other x column is fixed at the plan's value, and what is left is a
 * small mixed-integer problem with every rule of the model, which GLPK
 * solves with a node limit, from the plan as its first incumbent or after
 * its MIP presolver (the caller's choice). A plan it finds with a lower
 * objective replaces the one in hand, and the neighbourhoods are visited
 * again until a whole round finds nothing (at most LOCAL_SEARCH_ROUNDS
 * rounds), or, at the caller's choice, smallest first: the windows
 * before the regions, each kind in the order of its open columns (those
 * of the groups the plan leaves to place in it), and again from the
 * smallest after each better plan, so that the cheap searches run
 * before the costly ones. A neighbourhood whose LP relaxation cannot
 * beat the plan is skipped without a search.
 *
 * Deterministic: the neighbourhoods, their order and the node limit are
 * fixed, never sized by the clock; only the caller's stop() (a time
 * limit, an interrupt) may end the search earlier, with the best plan so
 * far. Plans only improve, so stopping early never loses one.
 */
#ifndef PHASEOUT_LOCAL_SEARCH_H
#define PHASEOUT_LOCAL_SEARCH_H

#include <stdbool.h>

struct model;
struct local_search;

#define LOCAL_SEARCH_ROUNDS 3

struct local_search_options {
	int node_limit; /* nodes per neighbourhood's search */
	/* each search after GLPK's MIP presolver (sub_mip.h), without the
	 * plan as its first incumbent, and without GLPK's Gomory and MIR
	 * cuts, whose rounds took uk-2022's windows most of their time */
	bool presolve;
	/* the neighbourhoods smallest first, and again from the smallest
	 * after each better plan; otherwise in rounds, in a fixed order */
	bool smallest_first;
	/* Milliseconds GLPK may still use, INT_MAX without a limit; 0 ends
	 * the search (out of time or interrupted). */
	int (*time_left_ms)(void *ctx);
	void *ctx;
	/* Whether a plan is good enough to stop at (the caller's gap met);
	 * NULL: search on. */
	bool (*good_enough)(const double *x, void *ctx);
	void *good_enough_ctx;
};

/*
 * local_search_create: a search on a copy of m's problem as it is now
 * (its rows, bounds and objective), so that it may run while GLPK's
 * branch and bound works on m's own (whose rows then include cuts).
 * Ownership: the caller's (local_search_destroy()).
 */
struct local_search *local_search_create(const struct model *m);
void local_search_destroy(struct local_search *ls);

/*
 * local_search_improve: improve the plan x (every column of m, 1-based,
 * keeping every row of m) under the objective of the copy, in place.
 * Returns how many neighbourhoods improved it; x then holds GLPK's
 * solution of the last one (every column, helpers included).
 */
int local_search_improve(struct local_search *ls, const struct local_search_options *o,
			 double *x);

#endif
