#include "solver/rins.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "solver/model_impl.h"
#include "solver/sub_mip.h"
#include "util/xalloc.h"

/* One search around x with the integer columns where x equals the LP
 * optimum 'lp_x' fixed; true when it found a better plan (then in x). */
static bool search_once(glp_prob *sub, const struct rins_options *o, const double *lp_x,
			const int *type, const double *lb, const double *ub, double *x,
			int n_cols)
{
	int free_cols = 0;
	for (int j = 1; j <= n_cols; j++) {
		if (glp_get_col_kind(sub, j) == GLP_CV)
			continue;
		if (fabs(lp_x[j] - x[j]) <= 1e-6) {
			glp_set_col_bnds(sub, j, GLP_FX, round(x[j]), round(x[j]));
		} else {
			glp_set_col_bnds(sub, j, type[j], lb[j], ub[j]);
			free_cols++;
		}
	}
	if (free_cols == 0)
		return false; /* the plan is the LP's optimum */
	/* GLPK's MIP presolver takes the fixed columns out: without it each
	 * node LP and cut round works on the whole model (uk-2022: 2,139
	 * free columns of 40,150, 5 nodes in 14 s and nothing found; with
	 * it, 500 nodes in 7 s, E 143,156 -> 142,283). */
	struct sub_mip_options so = {.node_limit = o->node_limit,
				     .few_cuts = o->few_cuts,
				     .presolve = true,
				     .time_left_ms = o->time_left_ms,
				     .ctx = o->ctx};
	return sub_mip_search(sub, &so, x) == SUB_MIP_BETTER;
}

int rins_improve(const struct model *m, const struct rins_options *o, double *x)
{
	int n_cols = m->n_cols;
	double *lp_x = xmalloc(((size_t)n_cols + 1) * sizeof(double));
	int *type = xmalloc(((size_t)n_cols + 1) * sizeof(int));
	double *lb = xmalloc(((size_t)n_cols + 1) * sizeof(double));
	double *ub = xmalloc(((size_t)n_cols + 1) * sizeof(double));
	for (int j = 1; j <= n_cols; j++) {
		lp_x[j] = glp_get_col_prim(m->lp, j);
		type[j] = glp_get_col_type(m->lp, j);
		lb[j] = glp_get_col_lb(m->lp, j);
		ub[j] = glp_get_col_ub(m->lp, j);
	}
	glp_prob *sub = glp_create_prob();
	glp_copy_prob(sub, m->lp, GLP_OFF);
	int improved = 0;
	while (improved < o->rounds && search_once(sub, o, lp_x, type, lb, ub, x, n_cols))
		improved++;
	glp_delete_prob(sub);
	free(lp_x);
	free(type);
	free(lb);
	free(ub);
	return improved;
}
