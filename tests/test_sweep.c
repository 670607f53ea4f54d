/*
 * test_sweep: the sweep's point logic in the library (solver/sweep.c,
 * plan/sweep_row.c) on tests/data/tiny/mp-budget, whose optimum at
 * budget 40 a year is worked out by hand in its 'expect' file: a row's
 * numbers, and the monotone offering of a smaller scale's plan.
 */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>

#include "input/load.h"
#include "plan/sweep_row.h"
#include "solver/run.h"
#include "solver/sweep.h"
#include "util/diag.h"

#define TINY TEST_DATA_DIR "/tiny/mp-budget/scenario.json"

static int setup(void **state)
{
	struct diag d;
	diag_init(&d);
	*state = load_scenario(TINY, &d);
	diag_finish(&d);
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	scenario_destroy(*state);
	return 0;
}

static const struct run_options base = {.time_limit = 30};

static void point_row_should_hold_the_plan_figures(void **state)
{
	const struct scenario *s = *state;
	struct sweep_point pt;
	assert_true(sweep_plan_point(s, &base, 1.0, &pt));
	const struct sweep_row *r = &pt.row;
	assert_double_near(r->budget_scale, 1, 0);
	assert_double_near(r->total_budget, 120, 1e-9); /* 40 a year, 3 years */
	assert_int_equal(r->status, PLAN_OPTIMAL);
	assert_double_near(r->exposure, 4, 1e-9);
	/* As reported, in whole cents (77.6530... exactly). */
	assert_double_near(r->present_cost, 77.65, 1e-9);
	assert_double_near(r->nominal_cost, 80.65, 1e-9);
	assert_int_equal(r->completion_year, 2023);
	assert_int_equal(r->hr_units_remaining, 0);
	assert_int_equal(r->deadlines_total, 1);
	assert_int_equal(r->deadlines_met, 1);
	assert_double_near(r->gap, 0, 0);
	assert_double_near(r->bound, 4, 1e-9);
	assert_int_equal(r->stopped_by, PLAN_STOP_NONE);
	assert_true(isnan(r->plan_from_scale));
	/* Its plan, for larger scales to borrow: one decision per HR site. */
	assert_int_equal(pt.n_decisions, 3);
	assert_non_null(pt.decisions);
	free(pt.decisions);
}

static void smaller_scale_plan_should_be_offered_when_better(void **state)
{
	const struct scenario *s = *state;
	const double scales[] = {1.0, 3.0};
	struct sweep_point pts[2];
	assert_true(sweep_plan_point(s, &base, scales[0], &pts[0]));
	/* The point at 3 as a search cut short by its time limit leaves it:
	 * no plan. Scale 1's plan keeps every rule at 3 too (budgets only
	 * grow), so the point takes it, as "feasible", with its own stop. */
	pts[1] = (struct sweep_point){
		.row = {.budget_scale = 3.0,
			.status = PLAN_NO_PLAN,
			.exposure = NAN,
			.present_cost = NAN,
			.gap = NAN,
			.bound = 1.5,
			.stopped_by = PLAN_STOP_TIME_LIMIT,
			.plan_from_scale = NAN},
	};
	sweep_offer_plans(s, scales, 2, pts);
	const struct sweep_row *r = &pts[1].row;
	assert_int_equal(r->status, PLAN_FEASIBLE);
	assert_double_near(r->plan_from_scale, 1.0, 0);
	assert_double_near(r->budget_scale, 3.0, 0);
	assert_double_near(r->total_budget, 360, 1e-9);
	assert_double_near(r->exposure, 4, 1e-9);
	assert_int_equal(r->completion_year, 2023);
	assert_int_equal(r->stopped_by, PLAN_STOP_TIME_LIMIT);
	/* Its own proven bound stays (1.5 <= 4), the gap from it. */
	assert_double_near(r->bound, 1.5, 0);
	assert_double_near(r->gap, (4 - 1.5) / 4, 1e-12);
	/* The point it came from is untouched. */
	assert_true(isnan(pts[0].row.plan_from_scale));
	assert_int_equal(pts[0].row.status, PLAN_OPTIMAL);
	free(pts[0].decisions);
}

static void own_plan_should_stay_when_at_least_as_good(void **state)
{
	const struct scenario *s = *state;
	const double scales[] = {0.5, 1.0, 3.0};
	struct sweep_row rows[3];
	assert_true(sweep_run(s, &base, scales, 3, rows));
	/* At 0.5 (20 a year) only H3 (15 in 2021) fits: no year can take
	 * H1 (25 * 1.1^k) or H2 (35 * 1.1^k), so 8 of the weight 9 stays
	 * each year: E = 3 * 8 = 24; the deadline of 2030 (past the
	 * horizon) binds nothing. */
	assert_int_equal(rows[0].status, PLAN_OPTIMAL);
	assert_double_near(rows[0].exposure, 24, 1e-9);
	assert_int_equal(rows[0].completion_year, 0);
	assert_int_equal(rows[0].hr_units_remaining, 5);
	/* At 1 the hand-computed optimum, at 3 (120) everything in 2021. */
	assert_double_near(rows[1].exposure, 4, 1e-9);
	assert_double_near(rows[2].exposure, 0, 1e-9);
	assert_int_equal(rows[2].completion_year, 2021);
	/* Each is its own plan: the smaller scales' plans are worse. */
	for (size_t i = 0; i < 3; i++) {
		assert_true(isnan(rows[i].plan_from_scale));
		assert_int_equal(rows[i].status, PLAN_OPTIMAL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(point_row_should_hold_the_plan_figures),
		cmocka_unit_test(smaller_scale_plan_should_be_offered_when_better),
		cmocka_unit_test(own_plan_should_stay_when_at_least_as_good),
	};
	return cmocka_run_group_tests_name("sweep", tests, setup, teardown);
}
