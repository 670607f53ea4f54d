#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "plan/instance.h"
#include "solver/model.h"
#include "solver/model_impl.h"
#include "solver/rins.h"
#include "util/xalloc.h"

#include "testsubmip.h"

/*
 * rins_improve on testsubmip.h's fixture: the plan "B and C in 2024, A
 * in 2025" (E = 2); the LP optimum swaps A in 2024, so A's columns are
 * where the two disagree, and RINS frees them.
 */

/* The fixture with its LP relaxation solved: rins_improve reads the
 * LP's optimum from m's problem. */
static void setup(struct sub_mip_fixture *f, int year_a)
{
	sub_mip_fixture_setup(f, year_a);
	struct model *m = f->m;
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	assert_int_equal(glp_simplex(m->lp, &smcp), 0);
	assert_int_equal(glp_get_status(m->lp), GLP_OPT);
}

static void rins_should_find_the_better_plan_where_the_lp_disagrees(void **state)
{
	(void)state;
	struct sub_mip_fixture f;
	setup(&f, 1);
	assert_double_near(sub_mip_fixture_exposure(&f), 2, 1e-9);
	struct rins_options o = {
		.node_limit = 100, .rounds = 3, .time_left_ms = sub_mip_no_limit};
	assert_true(rins_improve(f.m, &o, f.x) >= 1);
	sub_mip_fixture_assert_best(&f);
	sub_mip_fixture_teardown(&f);
}

static void rins_should_leave_the_best_plan_as_it_is(void **state)
{
	(void)state;
	struct sub_mip_fixture f;
	setup(&f, 1);
	struct rins_options o = {
		.node_limit = 100, .rounds = 3, .time_left_ms = sub_mip_no_limit};
	assert_true(rins_improve(f.m, &o, f.x) >= 1);
	double *best = xmalloc(((size_t)f.m->n_cols + 1) * sizeof(double));
	memcpy(best, f.x, ((size_t)f.m->n_cols + 1) * sizeof(double));
	assert_int_equal(rins_improve(f.m, &o, f.x), 0);
	assert_memory_equal(best + 1, f.x + 1, (size_t)f.m->n_cols * sizeof(double));
	free(best);
	sub_mip_fixture_teardown(&f);
}

static void rins_should_stop_when_out_of_time(void **state)
{
	(void)state;
	struct sub_mip_fixture f;
	setup(&f, 1);
	struct rins_options o = {
		.node_limit = 100, .rounds = 3, .time_left_ms = sub_mip_out_of_time};
	assert_int_equal(rins_improve(f.m, &o, f.x), 0);
	assert_double_near(sub_mip_fixture_exposure(&f), 2, 1e-9);
	sub_mip_fixture_teardown(&f);
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
