#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "plan/instance.h"
#include "solver/local_search.h"
#include "solver/model.h"
#include "solver/model_impl.h"
#include "util/xalloc.h"

#include "testsubmip.h"

/*
 * local_search_improve on testsubmip.h's fixture: the plan "B and C in
 * 2024, A in 2025" (E = 2); the window of 2024-2025 holds the better plan
 * (E = 1).
 */

static void local_search_should_find_the_better_plan_in_a_window(void **state)
{
	(void)state;
	struct sub_mip_fixture f;
	sub_mip_fixture_setup(&f, 1);
	assert_double_near(sub_mip_fixture_exposure(&f), 2, 1e-9);
	struct local_search *ls = local_search_create(f.m);
	struct local_search_options o = {.node_limit = 100,
					 .time_left_ms = sub_mip_no_limit};
	assert_true(local_search_improve(ls, &o, f.x) >= 1);
	sub_mip_fixture_assert_best(&f);
	local_search_destroy(ls);
	sub_mip_fixture_teardown(&f);
}

/* After GLPK's MIP presolver, without the plan as the incumbent, and
 * smallest neighbourhood first, the search finds the same better plan. */
static void local_search_should_find_the_better_plan_after_the_presolver(void **state)
{
	(void)state;
	struct sub_mip_fixture f;
	sub_mip_fixture_setup(&f, 1);
	struct local_search *ls = local_search_create(f.m);
	struct local_search_options o = {.node_limit = 100,
					 .presolve = true,
					 .smallest_first = true,
					 .time_left_ms = sub_mip_no_limit};
	assert_true(local_search_improve(ls, &o, f.x) >= 1);
	sub_mip_fixture_assert_best(&f);
	/* and nothing better is left */
	assert_int_equal(local_search_improve(ls, &o, f.x), 0);
	local_search_destroy(ls);
	sub_mip_fixture_teardown(&f);
}

static void local_search_should_leave_the_best_plan_as_it_is(void **state)
{
	(void)state;
	struct sub_mip_fixture f;
	sub_mip_fixture_setup(&f, 1);
	struct local_search *ls = local_search_create(f.m);
	struct local_search_options o = {.node_limit = 100,
					 .time_left_ms = sub_mip_no_limit};
	assert_true(local_search_improve(ls, &o, f.x) >= 1);
	double *best = xmalloc(((size_t)f.m->n_cols + 1) * sizeof(double));
	memcpy(best, f.x, ((size_t)f.m->n_cols + 1) * sizeof(double));
	assert_int_equal(local_search_improve(ls, &o, f.x), 0);
	assert_memory_equal(best + 1, f.x + 1, (size_t)f.m->n_cols * sizeof(double));
	free(best);
	local_search_destroy(ls);
	sub_mip_fixture_teardown(&f);
}

static void local_search_should_stop_when_out_of_time(void **state)
{
	(void)state;
	struct sub_mip_fixture f;
	sub_mip_fixture_setup(&f, 1);
	struct local_search *ls = local_search_create(f.m);
	struct local_search_options o = {.node_limit = 100,
					 .time_left_ms = sub_mip_out_of_time};
	assert_int_equal(local_search_improve(ls, &o, f.x), 0);
	assert_double_near(sub_mip_fixture_exposure(&f), 2, 1e-9);
	local_search_destroy(ls);
	sub_mip_fixture_teardown(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(local_search_should_find_the_better_plan_in_a_window),
		cmocka_unit_test(
			local_search_should_find_the_better_plan_after_the_presolver),
		cmocka_unit_test(local_search_should_leave_the_best_plan_as_it_is),
		cmocka_unit_test(local_search_should_stop_when_out_of_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
