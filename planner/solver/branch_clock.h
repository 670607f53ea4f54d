/*
 * branch_clock: GLPK's branching choice kept inside a time limit.
 *
 * With pseudo-cost branching, GLPK first initialises the pseudo-costs of
 * every candidate column it has not seen yet: for each, two copies of the
 * whole problem, each re-solved for up to 30 dual simplex iterations. No
 * callback runs meanwhile, so neither the clock nor an interrupt is
 * looked at: on us-rural's funded model (3,300 rows, 4,700 integer
 * columns) the root's initialisation took 10-15 s of a loaded machine's
 * wall time, well past a 20 s limit, and a SIGINT waited for it. At
 * GLP_IBRANCH, branch_clock_branch() times one such re-solve and, when the
 * initialisation GLPK would do at this node would not end within the
 * time left or within half a second (the wait an interrupt may bear),
 * branches on the most fractional candidate itself
 * (glp_ios_branch_upon()). Without a time limit it never intervenes, so
 * a run without one stays deterministic (and a SIGINT may wait).
 *
 * Calling sequence (one per glp_intopt() call):
 *	struct branch_clock *bc = branch_clock_create(n_cols);
 *	... in the callback, at GLP_IBRANCH: branch_clock_branch(bc, tree, left);
 *	branch_clock_destroy(bc);
 */
#ifndef PHASEOUT_BRANCH_CLOCK_H
#define PHASEOUT_BRANCH_CLOCK_H

#include <glpk.h>

struct branch_clock;

/* branch_clock_create: for a problem of n_cols columns. */
struct branch_clock *branch_clock_create(int n_cols);
void branch_clock_destroy(struct branch_clock *bc);

/*
 * branch_clock_branch: at GLP_IBRANCH, with 'left' seconds left
 * (INFINITY: no limit, GLPK chooses). Leaves the choice to GLPK when its
 * pseudo-cost initialisation is expected to fit in the time left and in
 * half a second; otherwise chooses the
 * candidate whose value is closest to a half (the lowest column on a
 * tie), leaving the child to GLPK's backtracking.
 */
void branch_clock_branch(struct branch_clock *bc, glp_tree *tree, double left);

#endif
