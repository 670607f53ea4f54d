#include "solver/branch_clock.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "util/xalloc.h"

/* The longest pseudo-cost initialisation left to GLPK, in seconds: no
 * callback runs meanwhile, so a SIGINT or SIGTERM waits for it, and the
 * issue asks that they act within a second in every phase. */
#define BRANCH_CLOCK_WAIT 0.5

struct branch_clock {
	int n_cols;
	bool *seen;   /* [n_cols + 1] candidates GLPK has initialised */
	double probe; /* seconds of one re-solve, timed once; NAN not yet */
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

struct branch_clock *branch_clock_create(int n_cols)
{
	struct branch_clock *bc = xcalloc(1, sizeof(*bc));
	bc->n_cols = n_cols;
	bc->seen = xcalloc((size_t)n_cols + 1, sizeof(bool));
	bc->probe = NAN;
	return bc;
}

void branch_clock_destroy(struct branch_clock *bc)
{
	if (!bc)
		return;
	free(bc->seen);
	free(bc);
}

/* The seconds of one of GLPK's pseudo-cost re-solves (glpios09.c's
 * eval_degrad: a copy of the problem, column j fixed, at most 30 dual
 * simplex iterations), done once per branch_clock to time it. */
static double probe_seconds(glp_prob *mip, int j)
{
	double t0 = now();
	glp_prob *lp = glp_create_prob();
	glp_copy_prob(lp, mip, GLP_OFF);
	double v = floor(glp_get_col_prim(mip, j));
	glp_set_col_bnds(lp, j, GLP_FX, v, v);
	glp_smcp parm;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.meth = GLP_DUAL;
	parm.it_lim = 30;
	glp_simplex(lp, &parm);
	glp_delete_prob(lp);
	return now() - t0;
}

void branch_clock_branch(struct branch_clock *bc, glp_tree *tree, double left)
{
	if (!isfinite(left))
		return;
	glp_prob *mip = glp_ios_get_prob(tree);
	int n = glp_get_num_cols(mip) < bc->n_cols ? glp_get_num_cols(mip) : bc->n_cols;
	int fresh = 0, first = 0, best = 0;
	double best_frac = INFINITY;
	for (int j = 1; j <= n; j++) {
		if (!glp_ios_can_branch(tree, j))
			continue;
		double x = glp_get_col_prim(mip, j);
		double frac = fabs(x - floor(x) - 0.5);
		if (frac < best_frac) {
			best_frac = frac;
			best = j;
		}
		if (!bc->seen[j] && !fresh++)
			first = j;
	}
	if (!best)
		return;
	if (fresh >= 2 && isnan(bc->probe))
		bc->probe = probe_seconds(mip, first);
	/* Two re-solves per fresh candidate (down and up), within the time
	 * left and within the wait an interrupt may have to bear. */
	if (fresh < 2 || 2.0 * fresh * bc->probe <= fmin(left, BRANCH_CLOCK_WAIT)) {
		for (int j = 1; j <= n; j++)
			if (glp_ios_can_branch(tree, j))
				bc->seen[j] = true;
		return;
	}
	glp_ios_branch_upon(tree, best, GLP_NO_BRNCH);
}
