#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "plan/plan.h"
#include "util/xalloc.h"

#include "testscenario.h"

/*
 * plan_create on decisions made by hand: every figure below is worked out
 * on paper from the scenario of four_sites(), so a change in how a cost,
 * a year of the timeline, a rule or an objective is computed shows here
 * before it reaches a report.
 *
 * 2024-2026, costs up 10% a year, money discounted 5% a year, Ericsson at
 * 10 a ran unit and 100 a core unit, 5 a ran site, 150 a year. The plan:
 * A (north ran, 4 units, criticality 1) in 2024, B (south ran, 2 units,
 * criticality 3) in 2025, C (north core, 1 unit, criticality 2) in 2026,
 * a year after the core deadline of 2025; D (south ran, 1 unit) stays.
 */
static struct scenario *four_sites(void)
{
	struct scenario *s = make_scenario(2024, 2026);
	s->discount_rate = 0.05;
	s->cost_escalation = 0.10;
	for (int i = 0; i < s->n_years; i++)
		s->budget[i] = 150;
	s->site_cost = xmalloc(sizeof(*s->site_cost));
	s->site_cost[0] = (struct domain_value){strpool_dup(&s->pool, "ran"), 5, 9};
	s->n_site_cost = 1;
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	s->vendors[0].unit_cost = xreallocarray(s->vendors[0].unit_cost, 2,
						sizeof(*s->vendors[0].unit_cost));
	s->vendors[0].unit_cost[1] =
		(struct domain_value){strpool_dup(&s->pool, "core"), 100, 11};
	s->vendors[0].n_unit_cost = 2;
	add_site(s, "A", "north", "ran", "Huawei", 4, 0, NULL, NULL);
	add_site(s, "B", "south", "ran", "Huawei", 2, 0, NULL, NULL)->criticality = 3;
	add_site(s, "C", "north", "core", "Huawei", 1, 0, NULL, NULL)->criticality = 2;
	add_site(s, "D", "south", "ran", "Huawei", 1, 0, NULL, NULL);
	add_deadline(s, "core", 2025, 20);
	return s;
}

/* The hand-made plan, listed out of order (plan_create sorts). */
static const struct site_decision four_decisions[] = {
	{2, 2, 0}, /* C in 2026 */
	{0, 0, 0}, /* A in 2024 */
	{1, 1, 0}, /* B in 2025 */
};

static struct plan *four_plan(struct scenario *s)
{
	return plan_create(s, four_decisions,
			   sizeof(four_decisions) / sizeof(four_decisions[0]), 1.0);
}

static const struct plan_rule *rule_of(const struct plan *p, enum rule_kind kind)
{
	for (size_t i = 0; i < p->n_rules; i++)
		if (p->rules[i].kind == kind)
			return &p->rules[i];
	fail_msg("no rule of kind %d", (int)kind);
	return NULL;
}

static const struct plan_site *site_of(const struct plan *p, const char *id)
{
	for (size_t i = 0; i < p->n_sites; i++)
		if (strcmp(p->scenario->sites[p->sites[i].site].id, id) == 0)
			return &p->sites[i];
	fail_msg("no site %s in the plan", id);
	return NULL;
}

static void plan_create_should_cost_each_site_to_the_cent(void **state)
{
	(void)state;
	struct scenario *s = four_sites();
	struct plan *p = four_plan(s);
	assert_int_equal(p->n_sites, 4);
	/* Swapped by year, then the one left. */
	const char *order[] = {"A", "B", "C", "D"};
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(s->sites[p->sites[i].site].id, order[i]);

	/* A in 2024: 4 x 10 + 5, nothing escalated or discounted. */
	assert_int_equal(p->sites[0].equipment_cents, 4000);
	assert_int_equal(p->sites[0].site_cents, 500);
	assert_int_equal(p->sites[0].total_cents, 4500);
	assert_int_equal(p->sites[0].present_cents, 4500);
	/* B in 2025: (2 x 10 + 5) x 1.1 = 27.50, / 1.05 = 26.19. */
	assert_int_equal(p->sites[1].equipment_cents, 2200);
	assert_int_equal(p->sites[1].site_cents, 550);
	assert_int_equal(p->sites[1].total_cents, 2750);
	assert_int_equal(p->sites[1].present_cents, 2619);
	/* C in 2026: 100 x 1.21 = 121.00 (no core site cost), / 1.1025 = 109.75. */
	assert_int_equal(p->sites[2].equipment_cents, 12100);
	assert_int_equal(p->sites[2].site_cents, 0);
	assert_int_equal(p->sites[2].present_cents, 10975);
	assert_double_near(p->sites[2].present_value, 121 / 1.1025, 1e-9);
	/* D stays: no year, no vendor, no cost. */
	assert_int_equal(p->sites[3].year, 0);
	assert_int_equal(p->sites[3].vendor, -1);
	assert_int_equal(p->sites[3].total_cents, 0);

	/* Totals are the sums of the rounded cells. */
	assert_int_equal(p->nominal_cents, 4500 + 2750 + 12100);
	assert_int_equal(p->present_cents, 4500 + 2619 + 10975);
	assert_double_near(p->present_cost, 180.94, 1e-9);
	assert_double_near(p->present_cost_exact, 45 + 27.5 / 1.05 + 121 / 1.1025, 1e-9);
	plan_destroy(p);
	scenario_destroy(s);
}

static void plan_create_should_give_the_year_by_year_timeline(void **state)
{
	(void)state;
	struct scenario *s = four_sites();
	struct plan *p = four_plan(s);
	const int64_t spend[] = {4500, 2750, 12100};
	const int64_t units[] = {4, 2, 1};
	const int64_t hr_left[] = {4, 2, 1};
	const double exposure[] = {9, 3, 1}; /* criticality x units still there */
	for (int y = 0; y < 3; y++) {
		const struct plan_year *py = &p->years[y];
		assert_int_equal(py->year, 2024 + y);
		assert_int_equal(py->budget_cents, 15000);
		assert_int_equal(py->spend_cents, spend[y]);
		assert_int_equal(py->unspent_cents, 15000 - spend[y]);
		assert_int_equal(py->sites_swapped, 1);
		assert_int_equal(py->units_swapped, units[y]);
		assert_int_equal(py->hr_units_remaining, hr_left[y]);
		assert_double_near(py->hr_share, (double)hr_left[y] / 8, 1e-12);
		assert_double_near(py->exposure, exposure[y], 1e-12);
	}
	assert_int_equal(p->hr_units_left, 1);
	assert_int_equal(p->hr_sites_total, 4);
	assert_int_equal(p->hr_units_total, 8);
	assert_int_equal(p->completion_year, 0); /* D is never swapped */
	plan_destroy(p);
	scenario_destroy(s);
}

static void plan_create_should_judge_the_deadline_and_the_objectives(void **state)
{
	(void)state;
	struct scenario *s = four_sites();
	struct plan *p = four_plan(s);
	assert_int_equal(p->n_rules, 1);
	const struct plan_rule *r = rule_of(p, RULE_DEADLINE);
	assert_string_equal(r->label, "core high-risk sites swapped by 2025");
	assert_false(r->holds);
	assert_int_equal(r->year, 2025);
	assert_int_equal(r->sites_late, 1);
	assert_int_equal(r->units_late, 1);
	assert_double_near(r->value, 1, 0);
	assert_int_equal(r->scenario_line, 20);
	assert_false(plan_rules_hold(p));
	assert_int_equal(p->sites[2].late, 1);
	assert_int_equal(p->sites[3].late, 0); /* no deadline covers ran */

	/* E: B waits 1 year (weight 6), C 2 years (weight 2), D all 3. */
	assert_double_near(p->exposure, 6 * 1 + 2 * 2 + 1 * 3, 1e-12);
	assert_double_near(plan_first_objective(p), 13, 1e-12);
	assert_double_near(p->violation, 1, 1e-12); /* one unit a year late */
	assert_int_equal(p->status, PLAN_FEASIBLE);
	assert_true(isnan(p->bound));
	assert_true(isnan(p->gap));
	plan_destroy(p);
	scenario_destroy(s);
}

static void plan_create_should_add_completion_for_the_cost_objective(void **state)
{
	(void)state;
	struct scenario *s = four_sites();
	s->objective = OBJECTIVE_COST;
	struct plan *p = four_plan(s);
	assert_int_equal(p->n_rules, 2);
	const struct plan_rule *r = rule_of(p, RULE_COMPLETION);
	assert_string_equal(r->label,
			    "every high-risk site swapped by 2026 (cost objective)");
	assert_false(r->holds);
	assert_int_equal(r->sites_late, 1);
	assert_int_equal(r->units_late, 1);
	assert_double_near(r->value, 1, 0);
	/* The first objective is the exact present cost, not the rounded one. */
	assert_double_near(plan_first_objective(p), 45 + 27.5 / 1.05 + 121 / 1.1025,
			   1e-9);
	/* D now counts as late too: due by the end of 2026, never swapped. */
	assert_int_equal(p->sites[3].late, 1);
	assert_double_near(p->violation, 2, 1e-12);
	plan_destroy(p);
	scenario_destroy(s);
}

static void plan_create_should_hold_every_rule_of_a_plan_on_time(void **state)
{
	(void)state;
	struct scenario *s = four_sites();
	const struct site_decision on_time[] = {
		{0, 0, 0}, {1, 1, 0}, {2, 1, 0}, {3, 2, 0}}; /* 2024..2026 */
	struct plan *p = plan_create(s, on_time, 4, 1.0);
	assert_true(plan_rules_hold(p));
	assert_int_equal(p->completion_year, 2026);
	assert_int_equal(p->hr_units_left, 0);
	assert_double_near(p->violation, 0, 0);
	/* C in 2025: 110.00, / 1.05 = 104.76; D in 2026: (10 + 5) x 1.21 = 18.15. */
	assert_int_equal(site_of(p, "C")->total_cents, 11000);
	assert_int_equal(site_of(p, "C")->present_cents, 10476);
	assert_int_equal(site_of(p, "D")->total_cents, 1815);
	/* Within 2025, by region: C (north) before B (south). */
	assert_string_equal(s->sites[p->sites[1].site].id, "C");
	assert_int_equal(p->years[1].spend_cents, 2750 + 11000);
	plan_destroy(p);
	scenario_destroy(s);
}

/*
 * In halves: 2024-2025, budgets 100 and 50 with carry_over, Ericsson at
 * 10 a ran unit. A (4 units) goes in 2024-H1 for 40, B (2 units) in
 * 2025-H2 for 20. 2024 leaves 60, so 2025's money is 50 + 60 = 110.
 * Deadlines: ran by 15 Aug 2025 (binds at the end of 2025-H1, period 2:
 * B is late), ran by the year 2024 (31 Dec 2024, period 1: B is late),
 * ran by 1 May 2023 (binds at 31 Dec 2022, period -3, before the horizon,
 * where the rule's 'period' stops at -1).
 */
static void
plan_create_should_date_rules_and_give_years_their_money_in_halves(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2025);
	s->format_version = 2;
	s->periods_per_year = 2;
	s->carry_over = true;
	s->budget[0] = 100;
	s->budget[1] = 50;
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	add_site(s, "A", "north", "ran", "Huawei", 4, 0, NULL, NULL);
	add_site(s, "B", "north", "ran", "Huawei", 2, 0, NULL, NULL);
	add_deadline(s, "ran", 2025, 10);
	add_deadline(s, "ran", 2024, 11);
	add_deadline(s, "ran", 2023, 12);
	s->deadlines[0].when = (struct rule_when){.dated = true, .date = {2025, 8, 15}};
	s->deadlines[2].when = (struct rule_when){.dated = true, .date = {2023, 5, 1}};
	scenario_finish_periods(s);
	const struct site_decision d[] = {{0, 0, 0}, {1, 3, 0}};
	struct plan *p = plan_create(s, d, 2, 1.0);

	assert_non_null(p->year_money);
	assert_int_equal(p->year_money[0].budget_cents, 10000);
	assert_int_equal(p->year_money[0].available_cents, 10000);
	assert_int_equal(p->year_money[1].budget_cents, 5000);
	assert_int_equal(p->year_money[1].available_cents, 11000);
	/* The periods' own rows: no period keys, so no budget of their own. */
	assert_false(isfinite(p->years[2].budget));
	assert_int_equal(p->years[2].available_cents, 11000);
	assert_int_equal(p->years[3].available_cents, 11000);

	assert_int_equal(p->n_rules, 3);
	const struct plan_rule *r = p->rules;
	assert_true(r[0].has_date && r[0].has_bind_end);
	assert_int_equal(r[0].date.year, 2025);
	assert_int_equal(r[0].date.month, 8);
	assert_int_equal(r[0].date.day, 15);
	assert_int_equal(r[0].bind_end, 2);
	assert_int_equal(r[0].period, 2);
	assert_int_equal(r[0].sites_late, 1);
	assert_int_equal(r[1].date.year, 2024);
	assert_int_equal(r[1].date.month, 12);
	assert_int_equal(r[1].date.day, 31);
	assert_int_equal(r[1].bind_end, 1);
	assert_int_equal(r[2].bind_end, -3);
	assert_int_equal(r[2].period, -1);
	assert_int_equal(r[2].sites_late, 2);
	for (int i = 0; i < 3; i++)
		assert_false(r[i].site_deadlines);
	plan_destroy(p);
	scenario_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plan_create_should_cost_each_site_to_the_cent),
		cmocka_unit_test(plan_create_should_give_the_year_by_year_timeline),
		cmocka_unit_test(
			plan_create_should_judge_the_deadline_and_the_objectives),
		cmocka_unit_test(
			plan_create_should_add_completion_for_the_cost_objective),
		cmocka_unit_test(plan_create_should_hold_every_rule_of_a_plan_on_time),
		cmocka_unit_test(
			plan_create_should_date_rules_and_give_years_their_money_in_halves),
	};
	return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
