#include "testutil.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>

#include "solver/cutoff_fixing.h"

/*
 * cutoff_fixing_apply on seeded covering problems with general integer
 * columns and whole costs (an integral objective, step 1):
 * min c.x, a1.x >= b1, a2.x >= b2, 0 <= x_j <= u_j integer. Each is
 * solved twice: by GLPK alone, and with a poor first incumbent (every
 * column at its upper bound) and the fixing at every node. The optimum
 * must be the same: the fixing may drop only plans no better than the
 * incumbent.
 */

#define N 8
#define PROBLEMS 300

static unsigned long state;

static int draw(int lo, int hi)
{
	state = state * 6364136223846793005UL + 1442695040888963407UL;
	return lo + (int)((state >> 33) % (unsigned long)(hi - lo + 1));
}

struct run {
	double *top; /* the poor plan to offer, 1-based */
	int tightened;
};

static void callback(glp_tree *tree, void *info)
{
	struct run *r = info;
	if (glp_ios_reason(tree) != GLP_IHEUR)
		return;
	glp_ios_heur_sol(tree, r->top);
	r->tightened += cutoff_fixing_apply(tree, N, 1);
}

static glp_prob *make_problem(double *top)
{
	glp_prob *lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);
	glp_add_rows(lp, 2);
	glp_add_cols(lp, N);
	int ind[N + 1];
	double a1[N + 1], a2[N + 1], s1 = 0, s2 = 0;
	for (int j = 1; j <= N; j++) {
		int u = draw(1, 6);
		glp_set_col_kind(lp, j, GLP_IV);
		glp_set_col_bnds(lp, j, GLP_DB, 0, u);
		glp_set_obj_coef(lp, j, draw(1, 40));
		ind[j] = j;
		a1[j] = draw(1, 25);
		a2[j] = draw(0, 25);
		s1 += a1[j] * u;
		s2 += a2[j] * u;
		top[j] = u;
	}
	glp_set_mat_row(lp, 1, N, ind, a1);
	glp_set_mat_row(lp, 2, N, ind, a2);
	/* Between a third and two thirds of what every unit gives: feasible
	 * (the top plan meets it) and not trivial. */
	glp_set_row_bnds(lp, 1, GLP_LO, floor(s1 * draw(33, 66) / 100.0), 0);
	glp_set_row_bnds(lp, 2, GLP_LO, floor(s2 * draw(33, 66) / 100.0), 0);
	return lp;
}

static double solve(glp_prob *lp, struct run *r)
{
	glp_iocp parm;
	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_ON;
	if (r) {
		parm.presolve = GLP_OFF; /* the callback's columns are the model's */
		parm.cb_func = callback;
		parm.cb_info = r;
	}
	if (!r) {
		assert_int_equal(glp_intopt(lp, &parm), 0);
	} else {
		glp_smcp smcp;
		glp_init_smcp(&smcp);
		smcp.msg_lev = GLP_MSG_OFF;
		assert_int_equal(glp_simplex(lp, &smcp), 0);
		assert_int_equal(glp_intopt(lp, &parm), 0);
	}
	assert_int_equal(glp_mip_status(lp), GLP_OPT);
	return glp_mip_obj_val(lp);
}

static void cutoff_fixing_should_keep_the_optimum(void **unused)
{
	(void)unused;
	state = 20261202;
	int tightened = 0;
	for (int k = 0; k < PROBLEMS; k++) {
		double top[N + 1];
		glp_prob *lp = make_problem(top);
		glp_prob *copy = glp_create_prob();
		glp_copy_prob(copy, lp, GLP_OFF);
		double alone = solve(lp, NULL);
		struct run r = {.top = top};
		double fixed = solve(copy, &r);
		if (alone != fixed)
			fail_msg("problem %d: GLPK alone %g, with the fixing %g", k,
				 alone, fixed);
		tightened += r.tightened;
		glp_delete_prob(lp);
		glp_delete_prob(copy);
	}
	/* The fixing was at work, not idle. */
	assert_true(tightened > PROBLEMS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cutoff_fixing_should_keep_the_optimum),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
