#include "solver/rins.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "solver/model_impl.h"
#include "util/xalloc.h"

/* What the sub-problem's branch-and-bound callback needs. */
struct search {
	const struct rins_options *o;
	int nodes;
};

static void callback(glp_tree *tree, void *info)
{
	struct search *s = info;
	if (s->o->time_left_ms(s->o->ctx) == 0) {
		glp_ios_terminate(tree);
		return;
	}
	switch (glp_ios_reason(tree)) {
	case GLP_ISELECT:
		if (++s->nodes > s->o->node_limit)
			glp_ios_terminate(tree);
		break;
	default:
		break;
	}
}

/* The objective of x under the problem's own objective row. */
static double value_of(glp_prob *lp, const double *x, int n_cols)
{
	double v = glp_get_obj_coef(lp, 0);
	for (int j = 1; j <= n_cols; j++)
		v += glp_get_obj_coef(lp, j) * x[j];
	return v;
}

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
	double value = value_of(sub, x, n_cols);
	double tol = 1e-9 * fmax(1, fabs(value)) + 1e-6;
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	smcp.meth = GLP_DUALP;
	smcp.tm_lim = o->time_left_ms(o->ctx);
	if (smcp.tm_lim == 0)
		return false;
	if (glp_simplex(sub, &smcp) != 0) {
		/* a singular basis after the new bounds */
		glp_adv_basis(sub, 0);
		smcp.tm_lim = o->time_left_ms(o->ctx);
		if (smcp.tm_lim == 0 || glp_simplex(sub, &smcp) != 0)
			return false;
	}
	if (glp_get_status(sub) != GLP_OPT || glp_get_obj_val(sub) >= value - tol)
		return false; /* nothing better in here */
	glp_iocp iocp;
	solve_branch_and_cut_init(&iocp);
	/* GLPK's MIP presolver takes the fixed columns out: without it each
	 * node LP and cut round works on the whole model (uk-2022: 2,139
	 * free columns of 40,150, 5 nodes in 14 s and nothing found; with
	 * it, 500 nodes in 7 s, E 143,156 -> 142,283). The presolved
	 * problem's columns are not the model's, so the plan in hand is not
	 * offered to it: a plan it finds is kept only when it beats x. Cover
	 * cuts off: on a presolved problem GLPK's cover generator can abort
	 * (glp_cov_init: "glp_add_cols: ncs = 0", the tiny scenario of
	 * tests/fuzz). */
	iocp.presolve = GLP_ON;
	iocp.cov_cuts = GLP_OFF;
	struct search s = {.o = o};
	iocp.cb_func = callback;
	iocp.cb_info = &s;
	iocp.tm_lim = o->time_left_ms(o->ctx);
	if (iocp.tm_lim == 0)
		return false;
	int ret = glp_intopt(sub, &iocp);
	int mip = glp_mip_status(sub);
	if (ret != 0 && ret != GLP_ESTOP && ret != GLP_ETMLIM)
		return false;
	if ((mip != GLP_OPT && mip != GLP_FEAS) || glp_mip_obj_val(sub) >= value - tol)
		return false;
	for (int j = 1; j <= n_cols; j++)
		x[j] = glp_mip_col_val(sub, j);
	return true;
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
