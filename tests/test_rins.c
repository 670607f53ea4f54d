#include "testutil.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "plan/instance.h"
#include "solver/model.h"
#include "solver/model_impl.h"
#include "solver/rins.h"
#include "util/xalloc.h"

#include "testscenario.h"

/*
 * rins_improve on make_three_sites(): A (ran, 2 units), B (ran, 1
 * unit) and C (core, 1 unit), Ericsson at 10 a unit, 30 a year, core due
 * by 2025, 2024-2026; groups g0 = A, g1 = B, g2 = C, each with one column
 * per year (one vendor). The least exposure, E = 1, swaps A and one of B
 * and C in 2024. The plan "B and C in 2024, A in 2025" keeps every rule
 * with E = 2; the LP optimum swaps A in 2024, so A's columns are where
 * the two disagree, and RINS frees them.
 */

static int no_limit(void *ctx)
{
	(void)ctx;
	return INT_MAX;
}

static int out_of_time(void *ctx)
{
	(void)ctx;
	return 0;
}

/* The x column of group g in year index y. */
static int col(const struct model *m, uint32_t g, int y)
{
	for (uint32_t j = m->group_first[g]; j < m->group_first[g + 1]; j++)
		if (m->cols[j].period == y)
			return (int)j;
	fail_msg("no column of group %u in year index %d", g, y);
	return 0;
}

struct fixture {
	struct scenario *s;
	struct instance *in;
	struct model *m;
	double *x;
};

/* The model with E as its objective and x = the plan: A in year index
 * year_a, B and C in 2024. */
static void setup(struct fixture *f, int year_a)
{
	f->s = make_three_sites();
	f->in = make_instance(f->s, 1.0, true);
	f->m = model_create(f->in, MODEL_HARD);
	struct model *m = f->m;
	/* no helper columns: one x column per group and year */
	assert_int_equal(m->n_cols, m->n_x);
	assert_int_equal(m->n_x, 8); /* C, due by 2025, has none in 2026 */
	glp_set_obj_coef(m->lp, 0, m->obj_const[MODEL_OBJ_EXPOSURE]);
	for (int j = 1; j <= m->n_cols; j++)
		glp_set_obj_coef(m->lp, j, m->obj[MODEL_OBJ_EXPOSURE][j]);
	f->x = xcalloc((size_t)m->n_cols + 1, sizeof(double));
	f->x[col(m, 0, year_a)] = 1;
	f->x[col(m, 1, 0)] = 1;
	f->x[col(m, 2, 0)] = 1;
	/* rins_improve reads the LP relaxation's optimum from m's problem */
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	assert_int_equal(glp_simplex(m->lp, &smcp), 0);
	assert_int_equal(glp_get_status(m->lp), GLP_OPT);
}

static void teardown(struct fixture *f)
{
	free(f->x);
	model_destroy(f->m);
	instance_destroy(f->in);
	scenario_destroy(f->s);
}

static double exposure_of(const struct fixture *f)
{
	double z = f->m->obj_const[MODEL_OBJ_EXPOSURE];
	for (int j = 1; j <= f->m->n_cols; j++)
		z += f->m->obj[MODEL_OBJ_EXPOSURE][j] * f->x[j];
	return z;
}

static void rins_should_find_the_better_plan_where_the_lp_disagrees(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f, 1);
	assert_double_near(exposure_of(&f), 2, 1e-9);
	struct rins_options o = {
		.node_limit = 100, .rounds = 3, .time_left_ms = no_limit};
	assert_true(rins_improve(f.m, &o, f.x) >= 1);
	assert_double_near(exposure_of(&f), 1, 1e-9);
	/* A in 2024, and one of B and C; nothing else */
	assert_double_near(f.x[col(f.m, 0, 0)], 1, 1e-9);
	assert_double_near(f.x[col(f.m, 1, 0)] + f.x[col(f.m, 2, 0)], 1, 1e-9);
	double sum = 0;
	for (int j = 1; j <= f.m->n_x; j++)
		sum += f.x[j];
	assert_double_near(sum, 3, 1e-9);
	teardown(&f);
}

static void rins_should_leave_the_best_plan_as_it_is(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f, 1);
	struct rins_options o = {
		.node_limit = 100, .rounds = 3, .time_left_ms = no_limit};
	assert_true(rins_improve(f.m, &o, f.x) >= 1);
	double *best = xmalloc(((size_t)f.m->n_cols + 1) * sizeof(double));
	memcpy(best, f.x, ((size_t)f.m->n_cols + 1) * sizeof(double));
	assert_int_equal(rins_improve(f.m, &o, f.x), 0);
	assert_memory_equal(best + 1, f.x + 1, (size_t)f.m->n_cols * sizeof(double));
	free(best);
	teardown(&f);
}

static void rins_should_stop_when_out_of_time(void **state)
{
	(void)state;
	struct fixture f;
	setup(&f, 1);
	struct rins_options o = {
		.node_limit = 100, .rounds = 3, .time_left_ms = out_of_time};
	assert_int_equal(rins_improve(f.m, &o, f.x), 0);
	assert_double_near(exposure_of(&f), 2, 1e-9);
	teardown(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rins_should_find_the_better_plan_where_the_lp_disagrees),
		cmocka_unit_test(rins_should_leave_the_best_plan_as_it_is),
		cmocka_unit_test(rins_should_stop_when_out_of_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
