#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "plan/instance.h"
#include "plan/precheck.h"
#include "util/xalloc.h"

#include "testscenario.h"

static void set_budget(struct scenario *s, double per_year, bool carry_over)
{
	for (int i = 0; i < s->n_years; i++)
		s->budget[i] = per_year;
	s->carry_over = carry_over;
}

static void set_crews(struct scenario *s, double per_year)
{
	free(s->crews_default);
	s->crews_default = xmalloc((size_t)s->n_years * sizeof(double));
	for (int i = 0; i < s->n_years; i++)
		s->crews_default[i] = per_year;
}

/* Validate (which must pass), derive the instance and run the precheck. */
static struct precheck *run(struct scenario *s)
{
	struct instance *in = make_instance(s, 1.0, true);
	struct precheck *pc = precheck_run(in);
	instance_destroy(in);
	return pc;
}

/* The one finding of 'pc', checked for kind and whether it is impossible. */
static const struct precheck_finding *only(const struct precheck *pc,
					   enum precheck_kind kind, bool impossible)
{
	/* Show what was found when it is not what the test expects (as a TAP
	 * comment, so meson still reads the output). */
	if (pc->count != 1 || pc->findings[0].kind != kind)
		for (size_t i = 0; i < pc->count; i++)
			print_message("# finding: %s\n", pc->findings[i].message);
	assert_int_equal(pc->count, 1);
	assert_int_equal(pc->findings[0].kind, kind);
	assert_int_equal(pc->findings[0].impossible, impossible);
	assert_int_equal(pc->n_impossible, impossible ? 1 : 0);
	return &pc->findings[0];
}

/* Two ran sites and a core site of Huawei, one trusted ran site; Ericsson
 * takes both domains at 100 a unit, 10 units a year; plenty of money. */
static struct scenario *base(void)
{
	struct scenario *s = make_scenario(2021, 2025);
	add_vendor(s, "Ericsson", "ran core", 100, 10);
	add_site(s, "A", "north", "ran", "Huawei", 2, 0, NULL, NULL);
	add_site(s, "B", "north", "ran", "Huawei", 2, 0, NULL, NULL);
	add_site(s, "C", "south", "core", "Huawei", 1, 0, NULL, NULL);
	add_site(s, "T", "south", "ran", "Ericsson", 4, 0, NULL, NULL);
	set_budget(s, 1000, false);
	set_crews(s, 5);
	return s;
}

static void precheck_should_find_nothing_in_a_feasible_scenario(void **state)
{
	(void)state;
	struct scenario *s = base();
	add_deadline(s, "ran", 2022, 7);
	add_deadline(s, NULL, 2023, 8);
	s->objective = OBJECTIVE_COST;
	struct precheck *pc = run(s);
	assert_int_equal(pc->count, 0);
	assert_int_equal(pc->n_impossible, 0);
	precheck_destroy(pc);
	scenario_destroy(s);
}

static void precheck_should_report_a_deadline_before_the_start(void **state)
{
	(void)state;
	struct scenario *s = base();
	add_deadline(s, "ran", 2020, 7);
	struct precheck *pc = run(s);
	const struct precheck_finding *f = only(pc, PRECHECK_DEADLINE_PAST, true);
	assert_int_equal(f->json_line, 7);
	assert_int_equal(f->year, 2020);
	assert_double_near(f->need, 4, 0);
	assert_string_equal(
		f->message,
		"ran high-risk sites swapped by 2020 cannot hold: it is before the "
		"horizon's start (2021) and 2 high-risk sites (4 units) remain");
	precheck_destroy(pc);
	scenario_destroy(s);
}

static void
precheck_should_compare_money_due_with_all_budget_when_carried_over(void **state)
{
	(void)state;
	struct scenario *s = base();
	set_budget(s, 200, true);
	add_deadline(s, NULL, 2022, 9);
	struct precheck *pc = run(s);
	const struct precheck_finding *f = only(pc, PRECHECK_MONEY, true);
	assert_double_near(f->need, 500, 1e-9);
	assert_double_near(f->have, 400, 1e-9);
	assert_int_equal(f->json_line, 9);
	assert_string_equal(
		f->message,
		"all high-risk sites swapped by 2022 cannot hold: the high-risk "
		"sites due by 2022 cost at least GBP 500.00 (each at its cheapest "
		"vendor and year), but the budget of 2021-2022 is GBP 400.00: "
		"GBP 100.00 short");
	precheck_destroy(pc);
	scenario_destroy(s);
}

/* Without carry-over, sites that cannot start before 2022 can only use
 * the money of 2022 on: 2 x 200 against 300, though 500 against 600 in
 * all would fit. */
static void precheck_should_count_only_later_budgets_for_late_starting_sites(void **state)
{
	(void)state;
	struct scenario *s = base();
	set_budget(s, 300, false);
	s->sites[0].earliest_year = 2022;
	s->sites[1].earliest_year = 2022;
	add_deadline(s, NULL, 2022, 9);
	struct precheck *pc = run(s);
	const struct precheck_finding *f = only(pc, PRECHECK_MONEY, true);
	assert_double_near(f->need, 400, 1e-9);
	assert_double_near(f->have, 300, 1e-9);
	assert_non_null(strstr(f->message, "due by 2022 that cannot go before 2022 "
					   "cost at least GBP 400"));
	precheck_destroy(pc);
	scenario_destroy(s);
}

static void precheck_should_apply_cost_escalation_to_the_money_due(void **state)
{
	(void)state;
	struct scenario *s = base();
	s->cost_escalation = 0.5;
	set_budget(s, 0, true);
	s->budget[1] = 1000;
	/* Nothing can be paid in 2021, so A, B and C cost 1.5 x 500 in 2022. */
	add_deadline(s, NULL, 2022, 9);
	struct precheck *pc = run(s);
	assert_int_equal(pc->n_impossible, 0);
	precheck_destroy(pc);
	s->budget[1] = 700;
	pc = run(s);
	const struct precheck_finding *f = only(pc, PRECHECK_MONEY, true);
	assert_double_near(f->need, 750, 1e-9);
	assert_double_near(f->have, 700, 1e-9);
	precheck_destroy(pc);
	scenario_destroy(s);
}

static void precheck_should_never_blame_money_when_a_year_is_unlimited(void **state)
{
	(void)state;
	struct scenario *s = base();
	set_budget(s, 1, true);
	s->budget[0] = INFINITY;
	add_deadline(s, NULL, 2022, 9);
	struct precheck *pc = run(s);
	assert_int_equal(pc->count, 0);
	precheck_destroy(pc);
	scenario_destroy(s);
}

static void precheck_should_compare_units_due_with_vendor_capacity(void **state)
{
	(void)state;
	struct scenario *s = base();
	s->vendors[0].capacity[0] = 1;
	s->vendors[0].capacity[1] = 2;
	add_deadline(s, "ran", 2022, 9);
	struct precheck *pc = run(s);
	const struct precheck_finding *f = only(pc, PRECHECK_CAPACITY, true);
	assert_double_near(f->need, 4, 0);
	assert_double_near(f->have, 3, 0);
	assert_string_equal(
		f->message,
		"ran high-risk sites swapped by 2022 cannot hold: 4 high-risk ran units "
		"are due by 2022, but the vendors that can take them (Ericsson) "
		"can install at most 3 in 2021-2022: 1 unit short");
	precheck_destroy(pc);
	scenario_destroy(s);
}

static void precheck_should_compare_sites_due_in_a_region_with_its_crews(void **state)
{
	(void)state;
	struct scenario *s = base();
	set_crews(s, 1);
	s->crews_default[1] = 0;
	add_deadline(s, NULL, 2022, 9);
	struct precheck *pc = run(s);
	const struct precheck_finding *f = only(pc, PRECHECK_CREWS, true);
	assert_double_near(f->need, 2, 0);
	assert_double_near(f->have, 1, 0);
	assert_string_equal(
		f->message,
		"all high-risk sites swapped by 2022 cannot hold: 2 high-risk "
		"sites in region 'north' are due by 2022, but its crews can "
		"swap at most 1 site in 2021-2022: 1 site short");
	precheck_destroy(pc);
	scenario_destroy(s);
}

static void precheck_should_report_sites_that_cannot_go_by_their_deadline(void **state)
{
	(void)state;
	struct scenario *s = base();
	s->sites[2].earliest_year = 2024;
	add_deadline(s, "core", 2023, 9);
	struct precheck *pc = run(s);
	const struct precheck_finding *f = only(pc, PRECHECK_UNREACHABLE, true);
	assert_string_equal(
		f->message,
		"core high-risk sites swapped by 2023 cannot hold: 1 high-risk site (1 "
		"unit) cannot be swapped by 2023 whatever the plan: site 'C': "
		"its earliest_year is 2024");
	precheck_destroy(pc);
	scenario_destroy(s);
}

static void precheck_should_carry_earliest_years_through_depends_on(void **state)
{
	(void)state;
	struct scenario *s = base();
	s->sites[0].earliest_year = 2024;
	s->sites[2].depends_on = "A";
	add_deadline(s, "core", 2023, 9);
	struct precheck *pc = run(s);
	const struct precheck_finding *f = only(pc, PRECHECK_UNREACHABLE, true);
	assert_non_null(strstr(f->message, "site 'C': it depends on site 'A', which "
					   "cannot go before 2024"));
	precheck_destroy(pc);
	scenario_destroy(s);
}

/* A cluster of two north sites with one crew a year can never go: a note
 * under the exposure objective, impossible under the cost objective. */
static void precheck_should_report_a_cluster_larger_than_any_years_crews(void **state)
{
	(void)state;
	struct scenario *s = base();
	set_crews(s, 1);
	s->sites[0].cluster = "c1";
	s->sites[1].cluster = "c1";
	struct precheck *pc = run(s);
	const struct precheck_finding *f = only(pc, PRECHECK_STRANDED, false);
	assert_string_equal(
		f->message,
		"cluster 'c1' cannot be swapped in any year of the horizon "
		"and will stay: it has 2 sites in region 'north', whose crews "
		"swap at most 1 site a year");
	precheck_destroy(pc);

	s->objective = OBJECTIVE_COST;
	pc = run(s);
	f = only(pc, PRECHECK_UNREACHABLE, true);
	assert_int_equal(f->json_line, 0);
	assert_non_null(strstr(f->message, "every high-risk site swapped by 2025 (cost "
					   "objective) cannot hold"));
	precheck_destroy(pc);
	scenario_destroy(s);
}

static void precheck_should_report_a_site_dearer_than_every_years_budget(void **state)
{
	(void)state;
	struct scenario *s = base();
	set_budget(s, 250, false);
	s->sites[0].units = 3;
	struct precheck *pc = run(s);
	const struct precheck_finding *f = only(pc, PRECHECK_STRANDED, false);
	assert_string_equal(
		f->message,
		"site 'A' cannot be swapped in any year of the horizon and "
		"will stay: it costs at least GBP 300.00, more than any year's "
		"budget (GBP 250.00)");
	precheck_destroy(pc);
	/* With carry-over, 2021 and 2022 together pay for it. */
	s->carry_over = true;
	pc = run(s);
	assert_int_equal(pc->count, 0);
	precheck_destroy(pc);
	scenario_destroy(s);
}

static void
precheck_should_report_a_site_whose_earliest_year_is_after_the_end(void **state)
{
	(void)state;
	struct scenario *s = base();
	s->sites[2].earliest_year = 2030;
	struct precheck *pc = run(s);
	const struct precheck_finding *f = only(pc, PRECHECK_STRANDED, false);
	assert_string_equal(f->message,
			    "site 'C' cannot be swapped in any year of the "
			    "horizon and will stay: its earliest_year is 2030");
	precheck_destroy(pc);
	scenario_destroy(s);
}

static void precheck_should_report_a_share_cap_out_of_reach(void **state)
{
	(void)state;
	struct scenario *s = base();
	s->sites[0].earliest_year = 2024;
	s->caps = xcalloc(1, sizeof(*s->caps));
	s->n_caps = 1;
	s->caps[0].domains = xmalloc(sizeof(*s->caps[0].domains));
	s->caps[0].domains[0] = "ran";
	s->caps[0].n_domains = 1;
	s->caps[0].year = 2023;
	s->caps[0].max_share = 0.2;
	s->caps[0].line = 12;
	struct precheck *pc = run(s);
	/* A's 2 units stay to 2023: 2 of the 8 ran units, 25% > 20%. */
	const struct precheck_finding *f = only(pc, PRECHECK_SHARE_CAP, true);
	assert_double_near(f->need, 2, 0);
	assert_double_near(f->have, 1.6, 1e-12);
	assert_int_equal(f->json_line, 12);
	assert_string_equal(
		f->message,
		"high-risk share of ran <= 20% from 2023 cannot hold: 2 high-risk units "
		"in "
		"scope cannot be swapped by the end of 2023 whatever the plan, "
		"25.0% of the 8 units in scope, above the cap of 20.0% (1 unit)");
	precheck_destroy(pc);
	s->caps[0].max_share = 0.25;
	pc = run(s);
	assert_int_equal(pc->count, 0);
	precheck_destroy(pc);
	scenario_destroy(s);
}

static void precheck_should_note_dependency_cycles(void **state)
{
	(void)state;
	struct scenario *s = base();
	s->sites[0].depends_on = "C";
	s->sites[2].depends_on = "B";
	s->sites[1].depends_on = "A";
	struct precheck *pc = run(s);
	const struct precheck_finding *f = only(pc, PRECHECK_CYCLE, false);
	assert_string_equal(f->message, "site 'A', site 'B' and site 'C' depend on each "
					"other (a depends_on cycle): they must be "
					"swapped in the same year");
	precheck_destroy(pc);
	scenario_destroy(s);
}

static void precheck_should_note_a_vendor_already_above_its_share(void **state)
{
	(void)state;
	struct scenario *s = base();
	s->vendor_share = xcalloc(1, sizeof(*s->vendor_share));
	s->vendor_share[0] = (struct domain_value){"ran", 0.5, 14};
	s->n_vendor_share = 1;
	s->sites[3].units = 5; /* Ericsson: 5 of 9 ran units */
	add_vendor(s, "Nokia", "ran", 120, 10);
	struct precheck *pc = run(s);
	const struct precheck_finding *f = only(pc, PRECHECK_VENDOR_ABOVE, false);
	assert_int_equal(f->json_line, 14);
	assert_string_equal(f->message, "Ericsson already holds 5 of the 9 ran units "
					"(55.6%), above max_vendor_share 50.0%: it gets "
					"no more swaps in ran");
	precheck_destroy(pc);
	scenario_destroy(s);
}

static void precheck_should_note_rules_after_the_horizon(void **state)
{
	(void)state;
	struct scenario *s = base();
	add_deadline(s, "core", 2030, 5);
	struct precheck *pc = run(s);
	const struct precheck_finding *f = only(pc, PRECHECK_AFTER_HORIZON, false);
	assert_int_equal(f->json_line, 5);
	assert_string_equal(f->message,
			    "core high-risk sites swapped by 2030 binds nothing: it is "
			    "after the horizon's end (2025)");
	precheck_destroy(pc);
	scenario_destroy(s);
}

static void precheck_should_list_impossible_findings_before_notes(void **state)
{
	(void)state;
	struct scenario *s = base();
	add_deadline(s, "core", 2030, 5);
	add_deadline(s, "core", 2019, 6);
	struct precheck *pc = run(s);
	assert_int_equal(pc->count, 2);
	assert_int_equal(pc->n_impossible, 1);
	assert_int_equal(pc->findings[0].kind, PRECHECK_DEADLINE_PAST);
	assert_int_equal(pc->findings[1].kind, PRECHECK_AFTER_HORIZON);
	precheck_destroy(pc);
	scenario_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(precheck_should_find_nothing_in_a_feasible_scenario),
		cmocka_unit_test(precheck_should_report_a_deadline_before_the_start),
		cmocka_unit_test(
			precheck_should_compare_money_due_with_all_budget_when_carried_over),
		cmocka_unit_test(
			precheck_should_count_only_later_budgets_for_late_starting_sites),
		cmocka_unit_test(precheck_should_apply_cost_escalation_to_the_money_due),
		cmocka_unit_test(
			precheck_should_never_blame_money_when_a_year_is_unlimited),
		cmocka_unit_test(precheck_should_compare_units_due_with_vendor_capacity),
		cmocka_unit_test(
			precheck_should_compare_sites_due_in_a_region_with_its_crews),
		cmocka_unit_test(
			precheck_should_report_sites_that_cannot_go_by_their_deadline),
		cmocka_unit_test(precheck_should_carry_earliest_years_through_depends_on),
		cmocka_unit_test(
			precheck_should_report_a_cluster_larger_than_any_years_crews),
		cmocka_unit_test(
			precheck_should_report_a_site_dearer_than_every_years_budget),
		cmocka_unit_test(
			precheck_should_report_a_site_whose_earliest_year_is_after_the_end),
		cmocka_unit_test(precheck_should_report_a_share_cap_out_of_reach),
		cmocka_unit_test(precheck_should_note_dependency_cycles),
		cmocka_unit_test(precheck_should_note_a_vendor_already_above_its_share),
		cmocka_unit_test(precheck_should_note_rules_after_the_horizon),
		cmocka_unit_test(precheck_should_list_impossible_findings_before_notes),
	};
	return cmocka_run_group_tests_name("precheck", tests, NULL, NULL);
}
