/*
 * test_sweep: the sweep's point logic in the library (solver/sweep.c,
 * plan/sweep_row.c) on tests/data/tiny/mp-budget, whose optimum at
 * budget 40 a year is worked out by hand in its 'expect' file: a row's
 * numbers, and the monotone offering of a smaller scale's plan.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/load.h"
#include "output/report_sweep.h"
#include "plan/sweep_row.h"
#include "solver/run.h"
#include "solver/sweep.h"
#include "solver/sweep_vary.h"
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

static char *sweep_csv(const struct scenario *s, const struct sweep_row *rows, size_t n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_true(report_sweep_csv(s, rows, n, NULL, f));
	assert_int_equal(fclose(f), 0);
	return text;
}

/* A version 1 sweep keeps version 1's columns exactly. */
static void version_1_csv_should_keep_its_columns(void **state)
{
	const struct scenario *s = *state;
	struct sweep_point pt;
	assert_true(sweep_plan_point(s, &base, 1.0, &pt));
	char *csv = sweep_csv(s, &pt.row, 1);
	assert_string_equal(csv,
			    "budget_scale,total_budget,status,exposure,present_cost,"
			    "nominal_cost,completion_year,hr_units_remaining,"
			    "deadlines_met,deadlines_total,gap,stopped_by,"
			    "plan_from_scale\r\n"
			    "1.000000,120.00,optimal,4.000000,77.65,80.65,2023,0,1,1,"
			    "0.000000,,\r\n");
	free(csv);
	free(pt.decisions);
}

/*
 * tests/data/plan/quarters (version 2, quarters from 2024): hand-made
 * plans. Swapping the seven HR sites (C1, C2, R1..R5, rows 0-6 of
 * sites.csv) with the last in period 5 completes in 2025-Q2: the row
 * says the year and the period, and sensitivity.csv appends total_funds
 * (no funds: 0.00) and the label. Leaving R5 unswapped completes nowhere.
 */
static void version_2_row_should_name_its_completion_period(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d);
	struct scenario *s =
		load_scenario(TEST_DATA_DIR "/plan/quarters/scenario.json", &d);
	diag_finish(&d);
	assert_non_null(s);
	assert_int_equal(s->periods_per_year, 4);
	const struct site_decision all[] = {
		{0, 0, 1}, {1, 4, 1}, {2, 0, 0}, {3, 1, 0},
		{4, 2, 0}, {5, 5, 0}, {6, 3, 0},
	};
	struct sweep_row rows[2];
	struct plan *p = plan_create(s, all, 7, 1.0);
	sweep_row_of(p, 1.0, &rows[0]);
	assert_int_equal(rows[0].completion_year, 2025);
	assert_int_equal(rows[0].completion_period, 5);
	assert_int_equal(rows[0].hr_units_remaining, 0);
	double nominal = rows[0].nominal_cost;
	plan_destroy(p);
	p = plan_create(s, all, 6, 1.0); /* R5 (1 unit) stays */
	sweep_row_of(p, 1.0, &rows[1]);
	assert_int_equal(rows[1].completion_year, 0);
	assert_int_equal(rows[1].completion_period, -1);
	assert_int_equal(rows[1].hr_units_remaining, 1);
	plan_destroy(p);

	char *csv = sweep_csv(s, rows, 2);
	const char *head = "budget_scale,total_budget,status,exposure,present_cost,"
			   "nominal_cost,completion_year,hr_units_remaining,"
			   "deadlines_met,deadlines_total,gap,stopped_by,plan_from_scale,"
			   "total_funds,completion_period\r\n";
	assert_memory_equal(csv, head, strlen(head));
	const char *row1 = csv + strlen(head);
	const char *row2 = strstr(row1, "\r\n") + 2;
	char want[64];
	snprintf(want, sizeof(want), ",%.2f,2025,0,", nominal);
	assert_non_null(strstr(row1, want));
	const char *tail = ",,,,0.00,2025-Q2\r\n"; /* gap unknown: no solve */
	assert_memory_equal(row2 - strlen(tail), tail, strlen(tail));
	const char *tail2 = ",,,,0.00,\r\n"; /* not complete: empty */
	assert_string_equal(row2 + strlen(row2) - strlen(tail2), tail2);
	assert_non_null(strstr(row2, ",,1,"));
	free(csv);
	scenario_destroy(s);
}

/* A point whose own search found nothing (cut short by its time limit,
 * a proven bound of 1.5): any plan that keeps the rules beats it. */
static struct sweep_point no_plan_point(double scale)
{
	return (struct sweep_point){
		.row = {.budget_scale = scale,
			.status = PLAN_NO_PLAN,
			.exposure = NAN,
			.present_cost = NAN,
			.gap = NAN,
			.bound = 1.5,
			.stopped_by = PLAN_STOP_TIME_LIMIT,
			.plan_from_scale = NAN},
	};
}

/*
 * The monotone pass of `sweep --vary` on a 2 x 2 grid of hand-made
 * results, every point mp-budget (x the budget scale 1 and 3, y an axis
 * that loosens): (x 1, y 0) planned, E 4; (x 3, y 0) planned, E 0;
 * (x 1, y 1) and (x 3, y 1) no plan. (1, 1) takes (1, 0)'s plan along
 * y; (3, 1) is offered (1, 0)'s (through (1, 1), along x: E 4 at scale
 * 3) and (3, 0)'s (along y: E 0) and takes the better, re-evaluated at
 * scale 3.
 */
static void grid_points_should_take_the_best_no_looser_plan(void **state)
{
	struct scenario *s = *state;
	struct scenario *ss[4] = {s, s, s, s};
	const double scales[4] = {1, 3, 1, 3}, xs[4] = {1, 3, 1, 3};
	struct sweep_point pts[4];
	assert_true(sweep_plan_point(s, &base, 1, &pts[0]));
	assert_true(sweep_plan_point(s, &base, 3, &pts[1]));
	pts[2] = no_plan_point(1);
	pts[3] = no_plan_point(3);
	assert_double_near(pts[0].row.exposure, 4, 1e-9);
	assert_double_near(pts[1].row.exposure, 0, 1e-9);
	struct sweep_vary_grid g = {ss, scales, xs, 2, 2, 1, 1};
	size_t origin[4];
	sweep_vary_offer(&g, pts, origin);
	assert_int_equal(origin[0], 0);
	assert_int_equal(origin[1], 1);
	assert_int_equal(origin[2], 0);
	assert_int_equal(origin[3], 1);
	/* (1, 1): (1, 0)'s plan, "feasible", its own stop and bound. */
	assert_int_equal(pts[2].row.status, PLAN_FEASIBLE);
	assert_double_near(pts[2].row.exposure, 4, 1e-9);
	assert_double_near(pts[2].row.plan_from_scale, 1, 0);
	assert_int_equal(pts[2].row.stopped_by, PLAN_STOP_TIME_LIMIT);
	assert_double_near(pts[2].row.bound, 1.5, 0);
	assert_double_near(pts[2].row.gap, (4 - 1.5) / 4, 1e-12);
	/* (3, 1): (3, 0)'s E 0 beats (1, 0)'s E 4; its bound 1.5 is above
	 * the plan's value, so no longer a bound known to hold: dropped. */
	assert_int_equal(pts[3].row.status, PLAN_FEASIBLE);
	assert_double_near(pts[3].row.exposure, 0, 1e-9);
	assert_double_near(pts[3].row.plan_from_scale, 3, 0);
	assert_int_equal(pts[3].row.completion_year, 2021);
	assert_true(isnan(pts[3].row.bound));
	/* The lenders keep their own rows. */
	assert_int_equal(pts[0].row.status, PLAN_OPTIMAL);
	assert_true(isnan(pts[0].row.plan_from_scale));
	assert_true(isnan(pts[1].row.plan_from_scale));
	free(pts[0].decisions);
	free(pts[1].decisions);
}

/* The same grid read the other way: an x that loosens as it falls
 * (a cost) lends from larger values to smaller ones, and a y that
 * loosens nothing lends nothing along it. */
static void plans_should_go_only_the_loosening_way(void **state)
{
	struct scenario *s = *state;
	struct scenario *ss[4] = {s, s, s, s};
	/* x index 0 is scale 3 (looser), index 1 scale 1: dx = -1 means
	 * index 1 is the tighter, so it lends to index 0, not back. */
	const double scales[4] = {3, 1, 3, 1}, xs[4] = {5, 10, 5, 10};
	struct sweep_point pts[4];
	pts[0] = no_plan_point(3);
	assert_true(sweep_plan_point(s, &base, 1, &pts[1]));
	pts[2] = no_plan_point(3);
	pts[3] = no_plan_point(1);
	struct sweep_vary_grid g = {ss, scales, xs, 2, 2, -1, 0};
	size_t origin[4];
	sweep_vary_offer(&g, pts, origin);
	/* Row 0: index 1's plan (E 4 at scale 1) goes to index 0 at scale 3. */
	assert_int_equal(origin[0], 1);
	assert_int_equal(pts[0].row.status, PLAN_FEASIBLE);
	assert_double_near(pts[0].row.plan_from_scale, 10, 0);
	assert_double_near(pts[0].row.total_budget, 360, 1e-9);
	/* Row 1: nothing along y, and nothing planned in the row. */
	assert_int_equal(origin[2], 2);
	assert_int_equal(origin[3], 3);
	assert_int_equal(pts[2].row.status, PLAN_NO_PLAN);
	assert_int_equal(pts[3].row.status, PLAN_NO_PLAN);
	free(pts[1].decisions);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(point_row_should_hold_the_plan_figures),
		cmocka_unit_test(smaller_scale_plan_should_be_offered_when_better),
		cmocka_unit_test(own_plan_should_stay_when_at_least_as_good),
		cmocka_unit_test(version_1_csv_should_keep_its_columns),
		cmocka_unit_test(version_2_row_should_name_its_completion_period),
		cmocka_unit_test(grid_points_should_take_the_best_no_looser_plan),
		cmocka_unit_test(plans_should_go_only_the_loosening_way),
	};
	return cmocka_run_group_tests_name("sweep", tests, setup, teardown);
}
