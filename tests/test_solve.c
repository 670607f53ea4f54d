#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/baseline.h"
#include "input/scenario.h"
#include "plan/instance.h"
#include "plan/plan.h"
#include "solver/heuristic.h"
#include "solver/model.h"
#include "solver/run.h"
#include "solver/solve.h"
#include "util/xalloc.h"

#include "testscenario.h"

/*
 * solve_model's statuses and stages on tiny scenarios whose optimum is
 * known by hand. make_three_sites(): A (ran, 2 units), B (ran, 1 unit) and C
 * (core, 1 unit), all Huawei, Ericsson at 10 a unit, 30 a year, core due
 * by 2025, 2024-2026. The money of 2024 takes A and one of B and C, the
 * other waits a year: the least exposure is E = 1.
 * make_two_core_sites_due_2024(10, INFINITY): two core sites due by 2024
 * and money for one: the rules cannot hold; late, the second goes in 2025
 * (V = 1) and R, the ran site, in 2026.
 */

static int year_of(const struct scenario *s, const struct solve_result *r, const char *id)
{
	for (size_t i = 0; i < r->n_decisions; i++)
		if (strcmp(s->sites[r->decisions[i].site].id, id) == 0)
			return r->decisions[i].period < 0
				       ? 0
				       : s->start + r->decisions[i].period;
	fail_msg("no decision for site %s", id);
	return -1;
}

static bool always(const void *ctx)
{
	(void)ctx;
	return true;
}

static void solve_should_prove_the_least_exposure(void **state)
{
	(void)state;
	struct scenario *s = make_three_sites();
	struct instance *in = make_instance(s, 1.0, true);
	struct model *m = model_create(in, MODEL_HARD);
	struct solve_options o = {0};
	struct solve_result r;
	assert_true(solve_model(m, &o, &r));
	assert_int_equal(r.status, PLAN_OPTIMAL);
	assert_int_equal(r.stopped_by, PLAN_STOP_NONE);
	assert_double_near(r.bound, 1, 1e-6);
	assert_true(isnan(r.violation)); /* a hard model has no V stage */
	assert_int_equal(r.n_decisions, 3);
	/* A (2 units) first; of the 1-unit sites B and C, one waits a year
	 * (both plans have E = 1 and cost the same). */
	assert_int_equal(year_of(s, &r, "A"), 2024);
	assert_int_equal(year_of(s, &r, "B") + year_of(s, &r, "C"), 2024 + 2025);
	/* The plan it gives has exactly that exposure, and keeps the rules. */
	struct plan *p = plan_create(s, r.decisions, r.n_decisions, 1.0);
	assert_double_near(p->exposure, 1, 0);
	assert_true(plan_rules_hold(p));
	plan_destroy(p);
	/* The budget of 2024 binds: more money there would lower E. */
	assert_non_null(r.money_value);
	assert_true(r.money_value[0] > 0);
	solve_result_finish(&r);
	assert_null(r.decisions);
	model_destroy(m);
	instance_destroy(in);
	scenario_destroy(s);
}

static void solve_should_take_the_cheaper_vendor_in_its_second_stage(void **state)
{
	(void)state;
	/* Unlimited money: everything in 2024 (E = 0) with either vendor for
	 * ran; only the second stage, least present cost, picks Ericsson. */
	struct scenario *s = make_scenario(2024, 2026);
	add_vendor(s, "Nokia", "ran", 12, INFINITY);
	add_vendor(s, "Ericsson", "ran core", 10, INFINITY);
	add_site(s, "A", "north", "ran", "Huawei", 2, 0, NULL, NULL);
	add_site(s, "B", "north", "ran", "Huawei", 1, 0, NULL, NULL);
	struct instance *in = make_instance(s, 1.0, true);
	struct model *m = model_create(in, MODEL_HARD);
	struct solve_options o = {0};
	struct solve_result r;
	assert_true(solve_model(m, &o, &r));
	assert_int_equal(r.status, PLAN_OPTIMAL);
	assert_double_near(r.bound, 0, 1e-9);
	assert_int_equal(r.n_decisions, 2);
	for (size_t i = 0; i < r.n_decisions; i++) {
		assert_int_equal(r.decisions[i].period, 0); /* 2024 */
		assert_int_equal(r.decisions[i].vendor, 1); /* Ericsson */
	}
	solve_result_finish(&r);
	model_destroy(m);
	instance_destroy(in);
	scenario_destroy(s);
}

static void solve_should_say_infeasible_when_the_rules_cannot_hold(void **state)
{
	(void)state;
	struct scenario *s = make_two_core_sites_due_2024(10, INFINITY);
	struct instance *in = make_instance(s, 1.0, true);
	struct model *m = model_create(in, MODEL_HARD);
	struct solve_options o = {0};
	struct solve_result r;
	assert_true(solve_model(m, &o, &r));
	assert_int_equal(r.status, PLAN_INFEASIBLE);
	assert_int_equal(r.n_decisions, 0);
	assert_true(isnan(r.bound));
	solve_result_finish(&r);
	model_destroy(m);
	instance_destroy(in);
	scenario_destroy(s);
}

static void solve_should_minimise_lateness_first_in_the_elastic_model(void **state)
{
	(void)state;
	struct scenario *s = make_two_core_sites_due_2024(10, INFINITY);
	struct instance *in = make_instance(s, 1.0, true);
	struct model *m = model_create(in, MODEL_ELASTIC);
	struct solve_options o = {0};
	struct solve_result r;
	assert_true(solve_model(m, &o, &r));
	assert_int_equal(r.status, PLAN_OPTIMAL);
	/* Stage 1: one core unit a year late; stage 2: E = 2 + 1 + 0. */
	assert_double_near(r.violation, 1, 1e-6);
	assert_double_near(r.violation_bound, 1, 1e-6);
	assert_double_near(r.bound, 3, 1e-6);
	assert_int_equal(year_of(s, &r, "R"), 2026);
	struct plan *p = plan_create(s, r.decisions, r.n_decisions, 1.0);
	assert_double_near(p->violation, 1, 0);
	assert_double_near(p->exposure, 3, 0);
	plan_destroy(p);
	solve_result_finish(&r);
	model_destroy(m);
	instance_destroy(in);
	scenario_destroy(s);
}

/* Stopped before the first simplex step: the plan offered is kept, and
 * nothing is claimed about the optimum. */
static void solve_should_claim_no_bound_when_stopped_at_once(void **state)
{
	(void)state;
	struct scenario *s = make_three_sites();
	struct instance *in = make_instance(s, 1.0, true);
	struct site_decision *start = NULL;
	size_t n_start = 0;
	assert_true(heuristic_plan(in, true, NULL, &start, &n_start));
	struct plan *hp = plan_create(s, start, n_start, 1.0);
	double start_exposure = hp->exposure;
	plan_destroy(hp);

	struct model *m = model_create(in, MODEL_HARD);
	struct solve_options o = {
		.interrupted = always, .start = start, .n_start = n_start};
	struct solve_result r;
	assert_true(solve_model(m, &o, &r));
	assert_int_equal(r.status, PLAN_FEASIBLE);
	assert_int_equal(r.stopped_by, PLAN_STOP_INTERRUPT);
	assert_true(isnan(r.bound));
	struct plan *p = plan_create(s, r.decisions, r.n_decisions, 1.0);
	assert_double_near(p->exposure, start_exposure, 0);
	plan_destroy(p);
	solve_result_finish(&r);
	model_destroy(m);

	/* The same with a time limit already spent. */
	m = model_create(in, MODEL_HARD);
	o = (struct solve_options){
		.time_limit = 1e-9, .start = start, .n_start = n_start};
	assert_true(solve_model(m, &o, &r));
	assert_int_equal(r.status, PLAN_FEASIBLE);
	assert_int_equal(r.stopped_by, PLAN_STOP_TIME_LIMIT);
	assert_true(isnan(r.bound));
	solve_result_finish(&r);
	model_destroy(m);

	/* And with no plan to start from: no plan at all. */
	m = model_create(in, MODEL_HARD);
	o = (struct solve_options){.interrupted = always};
	assert_true(solve_model(m, &o, &r));
	assert_int_equal(r.status, PLAN_NO_PLAN);
	assert_int_equal(r.stopped_by, PLAN_STOP_INTERRUPT);
	assert_true(isnan(r.bound));
	assert_int_equal(r.n_decisions, 0);
	solve_result_finish(&r);
	model_destroy(m);

	free(start);
	instance_destroy(in);
	scenario_destroy(s);
}

/*
 * Moves (model-2.md stage 4). Two interchangeable ran sites A and B, money
 * for one a year (10), 2024-2026: every plan with the least E = 1 swaps one
 * in 2024 and the other in 2025.
 */
static struct scenario *one_a_year(void)
{
	struct scenario *s = make_scenario(2024, 2026);
	for (int i = 0; i < s->n_years; i++)
		s->budget[i] = 10;
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	add_site(s, "A", "north", "ran", "Huawei", 1, 0, NULL, NULL);
	add_site(s, "B", "north", "ran", "Huawei", 1, 0, NULL, NULL);
	return s;
}

/* run_plan() against baseline 'b' with 'slack'; validates 's' first. */
static struct plan *plan_against(struct scenario *s, const struct baseline *b,
				 double slack)
{
	instance_destroy(make_instance(s, 1.0, true)); /* validates */
	struct run_options o = {
		.budget_scale = 1, .time_limit = 60, .baseline = b, .slack = slack};
	struct plan *p = run_plan(s, &o, run_now());
	assert_non_null(p);
	return p;
}

static int plan_year_of(const struct plan *p, const char *id)
{
	for (size_t i = 0; i < p->n_sites; i++)
		if (strcmp(p->scenario->sites[p->sites[i].site].id, id) == 0)
			return p->sites[i].year;
	fail_msg("no site %s", id);
	return -1;
}

/* The plan without a baseline takes A first (site_id order); a baseline
 * with B first is as good, and the moves stage keeps it, site by site
 * (A and B are one cohort without the baseline). */
static void solve_should_keep_an_optimal_baseline(void **state)
{
	(void)state;
	struct scenario *s = one_a_year();
	struct plan *p = plan_against(s, NULL, 0);
	assert_int_equal(plan_year_of(p, "A"), 2024);
	assert_null(p->baseline_dir);
	plan_destroy(p);

	struct baseline *b = baseline_create(s, "base");
	set_baseline(b, s, "B", 2024, "Ericsson");
	set_baseline(b, s, "A", 2025, "Ericsson");
	p = plan_against(s, b, 0);
	assert_int_equal(p->status, PLAN_OPTIMAL);
	assert_double_near(p->exposure, 1, 1e-9);
	assert_int_equal(plan_year_of(p, "B"), 2024);
	assert_int_equal(plan_year_of(p, "A"), 2025);
	assert_int_equal(p->sites_moved, 0);
	assert_int_equal(p->sites_overdue, 0);
	assert_string_equal(p->baseline_dir, "base");
	plan_destroy(p);
	baseline_destroy(b);
	scenario_destroy(s);
}

/* A baseline a year late everywhere (A 2025, B 2026: E = 3). Slack 0
 * keeps E = 1 and so moves one site; slack 1 allows E <= 2, no plan of
 * which keeps both (keeping either one gives E = 1 or 2: the moves stage
 * does not minimise E again); slack 2 allows the baseline itself. */
static void solve_should_trade_the_first_objective_for_moves_within_slack(void **state)
{
	(void)state;
	struct scenario *s = one_a_year();
	struct baseline *b = baseline_create(s, "base");
	set_baseline(b, s, "A", 2025, "Ericsson");
	set_baseline(b, s, "B", 2026, "Ericsson");
	const double slack[] = {0, 1, 2};
	const int64_t moved[] = {1, 1, 0};
	const double least[] = {1, 1, 3}, most[] = {1, 2, 3};
	for (int i = 0; i < 3; i++) {
		struct plan *p = plan_against(s, b, slack[i]);
		assert_int_equal(p->status, PLAN_OPTIMAL);
		assert_int_equal(p->sites_moved, moved[i]);
		assert_true(p->exposure >= least[i] - 1e-9);
		assert_true(p->exposure <= most[i] + 1e-9);
		assert_double_near(p->slack, slack[i], 0);
		plan_destroy(p);
	}
	baseline_destroy(b);
	scenario_destroy(s);
}

/* A site the baseline leaves unswapped is moved when swapped: with an
 * empty baseline both swaps are moves, and with slack enough for E = 6
 * (nothing swapped) there are none. */
static void solve_should_count_a_swap_of_an_unswapped_baseline_site(void **state)
{
	(void)state;
	struct scenario *s = one_a_year();
	struct baseline *b = baseline_create(s, "base");
	struct plan *p = plan_against(s, b, 0);
	assert_int_equal(p->sites_moved, 2);
	for (size_t i = 0; i < p->n_sites; i++)
		assert_int_equal(p->sites[i].moved, 1);
	plan_destroy(p);
	p = plan_against(s, b, 5);
	assert_int_equal(p->sites_moved, 0);
	assert_double_near(p->exposure, 6, 1e-9);
	plan_destroy(p);
	baseline_destroy(b);
	scenario_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(solve_should_prove_the_least_exposure),
		cmocka_unit_test(
			solve_should_take_the_cheaper_vendor_in_its_second_stage),
		cmocka_unit_test(solve_should_say_infeasible_when_the_rules_cannot_hold),
		cmocka_unit_test(
			solve_should_minimise_lateness_first_in_the_elastic_model),
		cmocka_unit_test(solve_should_claim_no_bound_when_stopped_at_once),
		cmocka_unit_test(solve_should_keep_an_optimal_baseline),
		cmocka_unit_test(
			solve_should_trade_the_first_objective_for_moves_within_slack),
		cmocka_unit_test(solve_should_count_a_swap_of_an_unswapped_baseline_site),
	};
	return cmocka_run_group_tests_name("solve", tests, NULL, NULL);
}
