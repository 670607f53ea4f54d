/*
 * sub_mip: a better plan in a restricted copy of a stage's problem, the
 * step local search (local_search.c) and RINS (rins.c) share.
 *
 * The caller fixes some integer columns of its copy 'sub' (glp_set_col_bnds)
 * and hands over the plan in hand. The copy's LP relaxation is solved
 * first; only when it promises better than the plan does GLPK's branch
 * and cut run, with the plan as its first incumbent (or after GLPK's MIP
 * presolver), a node limit, and
 * GLPK's branching kept inside the clock (branch_clock.h). The branch
 * and cut's callback looks at the clock at every call, so a time limit or
 * an interrupt (time_left_ms() returning 0) acts there; RINS's
 * sub-problems, without the branch clock, held a SIGINT for up to 5 s on
 * us-rural's as-happened file, inside GLPK's pseudo-cost initialisation.
 * The LP runs as one glp_simplex() call with the time left as its limit
 * (the copy is mostly fixed, so it is short).
 *
 * Deterministic without a time limit: the node limit is a count, never
 * timed.
 */
#ifndef PHASEOUT_SUB_MIP_H
#define PHASEOUT_SUB_MIP_H

#include <glpk.h>
#include <stdbool.h>

struct sub_mip_options {
	int node_limit; /* nodes of the branch and bound */
	/* GLPK's MIP presolver first, which takes the fixed columns out.
	 * The presolved problem's columns are not the copy's, so the plan in
	 * hand is not offered to it (a plan found is kept only when it beats
	 * x). GLPK's cover cuts are off (on a presolved problem its cover
	 * generator can abort: glp_cov_init, "glp_add_cols: ncs = 0", on the
	 * tiny scenario of tests/fuzz). */
	bool presolve;
	/* GLPK's Gomory and MIR cuts off as well: their rounds can take a
	 * large neighbourhood most of its time (uk-2022's windows). */
	bool few_cuts;
	/* Milliseconds GLPK may still use, INT_MAX without a limit; 0 ends
	 * the search (out of time or interrupted). */
	int (*time_left_ms)(void *ctx);
	void *ctx;
};

enum sub_mip_result {
	SUB_MIP_NONE,    /* nothing better found in the copy */
	SUB_MIP_BETTER,  /* a better plan, now in x */
	SUB_MIP_STOPPED, /* out of time or interrupted before a better one */
};

/*
 * sub_mip_search: improve the plan x (every column of sub, 1-based,
 * keeping every row) under sub's objective, within sub's bounds as the
 * caller set them. On SUB_MIP_BETTER x holds GLPK's solution (every
 * column); otherwise x is unchanged. sub keeps the caller's bounds.
 */
enum sub_mip_result sub_mip_search(glp_prob *sub, const struct sub_mip_options *o,
				   double *x);

#endif
