#include "solver/sub_mip.h"

#include <math.h>
#include <stdbool.h>

#include "solver/branch_clock.h"
#include "solver/model_impl.h"

/* What the branch-and-bound callback needs. */
struct search {
	const struct sub_mip_options *o;
	const double *x; /* the plan in hand, offered as the incumbent */
	bool offered;
	int nodes;
	struct branch_clock *branch; /* GLPK's branching within the clock */
};

static void callback(glp_tree *tree, void *info)
{
	struct search *s = info;
	int ms = s->o->time_left_ms(s->o->ctx);
	if (ms == 0) {
		glp_ios_terminate(tree);
		return;
	}
	switch (glp_ios_reason(tree)) {
	case GLP_IBRANCH:
		branch_clock_branch(s->branch, tree,
				    ms == 0x7fffffff ? INFINITY : ms / 1000.0);
		break;
	case GLP_IHEUR:
		if (!s->offered) {
			s->offered = true;
			glp_ios_heur_sol(tree, s->x);
		}
		break;
	case GLP_ISELECT:
		if (++s->nodes > s->o->node_limit)
			glp_ios_terminate(tree);
		break;
	default:
		break;
	}
}

/* The copy's LP relaxation from the basis it has, within the clock;
 * GLP_ETMLIM when out of time or interrupted. */
static int simplex(glp_prob *sub, const struct sub_mip_options *o)
{
	glp_smcp p;
	glp_init_smcp(&p);
	p.msg_lev = GLP_MSG_OFF;
	p.meth = GLP_DUALP;
	p.tm_lim = o->time_left_ms(o->ctx);
	if (p.tm_lim == 0)
		return GLP_ETMLIM;
	return glp_simplex(sub, &p);
}

enum sub_mip_result sub_mip_search(glp_prob *sub, const struct sub_mip_options *o,
				   double *x)
{
	int n_cols = glp_get_num_cols(sub);
	double value = glp_get_obj_coef(sub, 0);
	for (int j = 1; j <= n_cols; j++)
		value += glp_get_obj_coef(sub, j) * x[j];
	double tol = 1e-9 * fmax(1, fabs(value)) + 1e-6;

	int ret = simplex(sub, o);
	if (ret != 0 && ret != GLP_ETMLIM) {
		/* a singular basis after the new bounds */
		glp_adv_basis(sub, 0);
		ret = simplex(sub, o);
	}
	if (ret == GLP_ETMLIM)
		return SUB_MIP_STOPPED;
	if (ret != 0 || glp_get_status(sub) != GLP_OPT ||
	    glp_get_obj_val(sub) >= value - tol)
		return SUB_MIP_NONE; /* nothing better in here */

	glp_iocp iocp;
	solve_branch_and_cut_init(&iocp);
	if (o->presolve) {
		iocp.presolve = GLP_ON;
		iocp.cov_cuts = GLP_OFF;
	}
	if (o->few_cuts) {
		iocp.gmi_cuts = GLP_OFF;
		iocp.mir_cuts = GLP_OFF;
	}
	/* the presolved problem gets no incumbent: see sub_mip.h */
	struct search s = {.o = o, .x = x, .offered = o->presolve};
	iocp.cb_func = callback;
	iocp.cb_info = &s;
	iocp.tm_lim = o->time_left_ms(o->ctx);
	if (iocp.tm_lim == 0)
		return SUB_MIP_STOPPED;
	s.branch = branch_clock_create(n_cols);
	ret = glp_intopt(sub, &iocp);
	branch_clock_destroy(s.branch);
	int mip = glp_mip_status(sub);
	bool better = (ret == 0 || ret == GLP_ESTOP || ret == GLP_ETMLIM) &&
		      (mip == GLP_OPT || mip == GLP_FEAS) &&
		      glp_mip_obj_val(sub) < value - tol;
	if (better) {
		for (int j = 1; j <= n_cols; j++)
			x[j] = glp_mip_col_val(sub, j);
		return SUB_MIP_BETTER;
	}
	return o->time_left_ms(o->ctx) == 0 ? SUB_MIP_STOPPED : SUB_MIP_NONE;
}
