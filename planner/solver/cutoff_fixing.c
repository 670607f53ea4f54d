#include "solver/cutoff_fixing.h"

#include <math.h>

int cutoff_fixing_apply(glp_tree *tree, int n_cols, double step)
{
	glp_prob *lp = glp_ios_get_prob(tree);
	if (glp_mip_status(lp) != GLP_FEAS || glp_get_status(lp) != GLP_OPT ||
	    glp_get_obj_dir(lp) != GLP_MIN)
		return 0;
	double best = glp_mip_obj_val(lp), z = glp_get_obj_val(lp);
	/* A margin for the LP's rounding, in the plan's favour: a larger
	 * one keeps more of the node. */
	double room = best - step - z + 1e-3 * step + 1e-7 * fmax(1, fabs(best));
	if (room < 0)
		return 0; /* GLPK prunes the node itself */
	int n = glp_get_num_cols(lp) < n_cols ? glp_get_num_cols(lp) : n_cols,
	    tightened = 0;
	for (int j = 1; j <= n; j++) {
		if (glp_get_col_kind(lp, j) == GLP_CV)
			continue;
		int type = glp_get_col_type(lp, j), stat = glp_get_col_stat(lp, j);
		if (type != GLP_DB || (stat != GLP_NL && stat != GLP_NU))
			continue;
		double lb = glp_get_col_lb(lp, j), ub = glp_get_col_ub(lp, j);
		/* the cost of one unit away from the bound */
		double d = stat == GLP_NL ? glp_get_col_dual(lp, j)
					  : -glp_get_col_dual(lp, j);
		if (d <= 1e-9 || (ub - lb) * d <= room)
			continue;
		double t = floor(room / d);
		if (stat == GLP_NL)
			ub = lb + t;
		else
			lb = ub - t;
		glp_set_col_bnds(lp, j, lb == ub ? GLP_FX : GLP_DB, lb, ub);
		tightened++;
	}
	return tightened;
}
