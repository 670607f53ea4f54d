#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/load.h"
#include "input/scenario.h"
#include "plan/instance.h"
#include "plan/precheck.h"
#include "util/diag.h"
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

/* ---- Version 2: proofs in periods, on scenarios read from files. ---- */

/* A version 2 scenario in quarters over 2024-2025, as the loader reads it:
 * 'rules' are scenario.json members after the vendors (each line ending
 * in a comma), 'vendors' the vendor objects, 'sites' the rows of
 * sites.csv after its header. The load must pass. */
struct v2 {
	char *dir;
	struct scenario *s;
	struct precheck *pc;
};

static void run_v2(struct v2 *t, const char *vendors, const char *rules,
		   const char *sites)
{
	t->dir = testutil_tempdir();
	char *json = xasprintf("{\n"
			       "  \"format\": \"phaseout-scenario/2\",\n"
			       "  \"name\": \"v2\",\n"
			       "  \"periods\": \"quarter\",\n"
			       "  \"horizon\": {\"start\": 2024, \"end\": 2025},\n"
			       "  \"sites\": \"sites.csv\",\n"
			       "  \"high_risk_vendors\": [\"Huawei\"],\n"
			       "  %s\n"
			       "  \"vendors\": [%s]\n"
			       "}\n",
			       rules, vendors);
	char *csv = xasprintf("site_id,region,domain,vendor,units,deadline,"
			      "allowed_vendors,earliest\n%s",
			      sites);
	char *jp = testutil_write_file(t->dir, "scenario.json", json);
	char *cp = testutil_write_file(t->dir, "sites.csv", csv);
	struct diag d;
	diag_init(&d);
	t->s = load_scenario(jp, &d);
	if (!t->s)
		for (size_t i = 0; i < d.count; i++)
			print_message("# load: %s\n", d.items[i].message);
	assert_non_null(t->s);
	diag_finish(&d);
	struct instance *in = instance_create(t->s, 1.0, true);
	t->pc = precheck_run(in);
	instance_destroy(in);
	free(json);
	free(csv);
	free(jp);
	free(cp);
}

static void finish_v2(struct v2 *t)
{
	precheck_destroy(t->pc);
	scenario_destroy(t->s);
	testutil_rmtree(t->dir);
	free(t->dir);
}

/* The one impossible finding of 'pc', of 'kind' (notes may follow). */
static const struct precheck_finding *only_impossible(const struct precheck *pc,
						      enum precheck_kind kind)
{
	if (pc->n_impossible != 1 || pc->findings[0].kind != kind)
		for (size_t i = 0; i < pc->count; i++)
			print_message("# finding: %s\n", pc->findings[i].message);
	assert_int_equal(pc->n_impossible, 1);
	assert_int_equal(pc->findings[0].kind, kind);
	assert_true(pc->findings[0].impossible);
	return &pc->findings[0];
}

static void assert_says(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("'%s' does not contain '%s'", text, part);
}

#define ERICSSON_RAN "{\"name\": \"Ericsson\", \"unit_cost\": {\"ran\": 100}}"

/* A site's deadline that binds before its first allowed period (31 Mar
 * 2024 ends 2024-Q1; earliest 1 Feb 2024 allows 2024-Q2 on). */
static void precheck_should_report_a_site_deadline_before_its_earliest(void **state)
{
	(void)state;
	struct v2 t;
	run_v2(&t, ERICSSON_RAN, "",
	       "A,north,ran,Huawei,2,2024-03-31,,2024-02-01\n"
	       "B,north,ran,Huawei,1,,,\n");
	const struct precheck_finding *f = only_impossible(t.pc, PRECHECK_UNREACHABLE);
	assert_says(f->message, "high-risk sites swapped by their own deadline (site 'A' "
				"by 31 Mar 2024, line 2 of ");
	assert_says(f->message, "cannot hold: 1 high-risk site (2 units) cannot be "
				"swapped by 2024-Q1 whatever the plan: site 'A': its "
				"earliest is 2024-02-01");
	assert_double_near(f->need, 2, 0);
	assert_int_equal(f->year, 2024);
	finish_v2(&t);
}

/* A site's deadline inside the first period binds before the horizon's
 * first period ends: impossible while the site is high-risk. */
static void
precheck_should_report_a_site_deadline_before_the_first_period_end(void **state)
{
	(void)state;
	struct v2 t;
	run_v2(&t, ERICSSON_RAN, "",
	       "A,north,ran,Huawei,2,2024-03-15,,\n"
	       "B,north,ran,Huawei,1,,,\n");
	const struct precheck_finding *f = only_impossible(t.pc, PRECHECK_DEADLINE_PAST);
	assert_says(f->message,
		    "high-risk sites swapped by their own deadline cannot "
		    "hold: site 'A' has the deadline 15 Mar 2024 (line 2 of ");
	assert_says(f->message, "which binds before the horizon's first period ends "
				"(2024-Q1), and 1 high-risk site (2 units) remains");
	assert_double_near(f->need, 2, 0);
	finish_v2(&t);
}

/* The only vendor a site may go to has no capacity in the periods from
 * its earliest to its deadline (2024-Q1 and Q2 keys of 0), though
 * Ericsson, not allowed, has plenty. */
static void
precheck_should_report_an_allowed_vendor_without_capacity_in_time(void **state)
{
	(void)state;
	struct v2 t;
	run_v2(&t,
	       ERICSSON_RAN ", {\"name\": \"Nokia\", \"unit_cost\": {\"ran\": 100}, "
			    "\"capacity\": {\"default\": 50, \"2024-Q1\": 0, "
			    "\"2024-Q2\": 0}}",
	       "", "A,north,ran,Huawei,2,2024-06-30,Nokia,\n");
	const struct precheck_finding *f = only_impossible(t.pc, PRECHECK_UNREACHABLE);
	assert_says(f->message, "cannot be swapped by 2024-Q2 whatever the plan: site "
				"'A': it has 2 units, and the vendors that may take it "
				"(Nokia) install at most 0 units in any one period from "
				"2024-Q1 to 2024-Q2");
	finish_v2(&t);
}

/* South's sites may go only to Samsung (vendor_regions keeps Ericsson in
 * the north), whose 3 units a year cannot take their 4 by 2024-Q2, while
 * the capacity of all ran vendors together (Ericsson unlimited) would. */
static void precheck_should_report_units_only_a_limited_vendor_may_take(void **state)
{
	(void)state;
	struct v2 t;
	run_v2(&t,
	       ERICSSON_RAN ", {\"name\": \"Samsung\", \"unit_cost\": {\"ran\": 100}, "
			    "\"capacity\": 3}",
	       "\"vendor_regions\": {\"Ericsson\": [\"north\"]},\n"
	       "  \"deadlines\": [{\"domain\": \"ran\", \"date\": \"2024-06-30\"}],",
	       "N,north,ran,Huawei,5,,,\n"
	       "S1,south,ran,Huawei,2,,,\n"
	       "S2,south,ran,Huawei,2,,,\n");
	const struct precheck_finding *f = only_impossible(t.pc, PRECHECK_CAPACITY);
	assert_says(f->message,
		    "ran high-risk sites swapped by 30 Jun 2024 cannot hold: 4 high-risk "
		    "units are due by 2024-Q2, but the vendors that can take them "
		    "(Samsung) can install at most 3 in 2024-Q1 to 2024-Q2 "
		    "(allowed_vendors, vendor_regions and domains leave them no other "
		    "vendor): 1 unit short");
	assert_double_near(f->need, 4, 0);
	assert_double_near(f->have, 3, 0);
	assert_int_equal(f->json_line, 9); /* the deadline */
	finish_v2(&t);
}

/* Period keys cap a period's spend: 150 in each of 2024-Q1 and Q2 buys
 * three of the four sites due by 30 Jun 2024, whatever the year's 1,000. */
static void precheck_should_count_budget_period_keys_up_to_a_date(void **state)
{
	(void)state;
	struct v2 t;
	run_v2(&t, ERICSSON_RAN,
	       "\"budget\": {\"default\": 1000, \"2024-Q1\": 150, \"2024-Q2\": 150},\n"
	       "  \"deadlines\": [{\"domain\": \"*\", \"date\": \"2024-06-30\"}],",
	       "A,north,ran,Huawei,1,,,\nB,north,ran,Huawei,1,,,\n"
	       "C,north,ran,Huawei,1,,,\nD,north,ran,Huawei,1,,,\n");
	const struct precheck_finding *f = only_impossible(t.pc, PRECHECK_MONEY);
	assert_says(f->message, "all high-risk sites swapped by 30 Jun 2024 cannot hold: "
				"the high-risk sites due by 2024-Q2 cost at least GBP "
				"400.00 (each at its cheapest vendor and period), but at "
				"most GBP 300.00 can be spent in 2024-Q1 to 2024-Q2: GBP "
				"100.00 short");
	assert_double_near(f->need, 400, 1e-9);
	assert_double_near(f->have, 300, 1e-9);
	finish_v2(&t);
}

/* A year's budget may all go in its first period: 400 a year pays for
 * four sites of 100 due by 31 Mar 2024, so nothing is impossible. */
static void precheck_should_let_a_year_spend_its_budget_in_its_first_period(void **state)
{
	(void)state;
	struct v2 t;
	run_v2(&t, ERICSSON_RAN,
	       "\"budget\": 400,\n"
	       "  \"deadlines\": [{\"domain\": \"*\", \"date\": \"2024-03-31\"}],",
	       "A,north,ran,Huawei,1,,,\nB,north,ran,Huawei,1,,,\n"
	       "C,north,ran,Huawei,1,,,\nD,north,ran,Huawei,1,,,\n");
	for (size_t i = 0; i < t.pc->count; i++)
		if (t.pc->findings[i].impossible)
			print_message("# finding: %s\n", t.pc->findings[i].message);
	assert_int_equal(t.pc->n_impossible, 0);
	finish_v2(&t);
}

/* Sites that cannot go before 2025 and are due by 31 Mar 2025: with
 * carry_over, 2024's 200 moves into 2025 and the 400 they cost fit; without
 * it only 2025's 200 can pay, 200 short. */
static void check_carry(bool carry_over)
{
	struct v2 t;
	char *rules = xasprintf("\"budget\": 200, \"carry_over\": %s,\n"
				"  \"deadlines\": [{\"domain\": \"*\", \"date\": "
				"\"2025-03-31\"}],",
				carry_over ? "true" : "false");
	run_v2(&t, ERICSSON_RAN, rules,
	       "A,north,ran,Huawei,1,,,2025-01-01\nB,north,ran,Huawei,1,,,2025-01-01\n"
	       "C,north,ran,Huawei,1,,,2025-01-01\nD,north,ran,Huawei,1,,,2025-01-01\n");
	if (carry_over) {
		for (size_t i = 0; i < t.pc->count; i++)
			if (t.pc->findings[i].impossible)
				print_message("# finding: %s\n",
					      t.pc->findings[i].message);
		assert_int_equal(t.pc->n_impossible, 0);
	} else {
		const struct precheck_finding *f = only_impossible(t.pc, PRECHECK_MONEY);
		assert_says(f->message, "the high-risk sites due by 2025-Q1 that cannot "
					"go before 2025-Q1 cost at least GBP 400.00");
		assert_says(f->message, "but at most GBP 200.00 can be spent in 2025-Q1: "
					"GBP 200.00 short");
	}
	free(rules);
	finish_v2(&t);
}

static void precheck_should_carry_a_years_money_into_the_next_years_periods(void **state)
{
	(void)state;
	check_carry(true);
	check_carry(false);
}

/* Capacity period keys: Ericsson installs at most 1 unit in 2024-Q1 and 2
 * in Q2; four units are due by 30 Jun 2024 (each site alone fits Q2). */
static void precheck_should_count_capacity_period_keys_up_to_a_date(void **state)
{
	(void)state;
	struct v2 t;
	run_v2(&t,
	       "{\"name\": \"Ericsson\", \"unit_cost\": {\"ran\": 100}, \"capacity\": "
	       "{\"default\": 10, \"2024-Q1\": 1, \"2024-Q2\": 2}}",
	       "\"deadlines\": [{\"domain\": \"ran\", \"date\": \"2024-06-30\"}],",
	       "A,north,ran,Huawei,2,,,\nB,north,ran,Huawei,2,,,\n");
	const struct precheck_finding *f = only_impossible(t.pc, PRECHECK_CAPACITY);
	assert_says(f->message, "4 high-risk ran units are due by 2024-Q2, but the "
				"vendors that can take them (Ericsson) can install at "
				"most 3 in 2024-Q1 to 2024-Q2: 1 unit short");
	finish_v2(&t);
}

/* A cap of 50% on ran from 30 Jun 2024 (2024-Q2): 6 high-risk units of
 * 8, so 2 must go by then, at 100 each at least; the budget's period keys
 * allow 150 in 2024-Q1 and Q2 together. Each site alone fits a period. */
static void precheck_should_report_money_short_for_a_cap_by_its_date(void **state)
{
	(void)state;
	struct v2 t;
	run_v2(&t, ERICSSON_RAN,
	       "\"budget\": {\"default\": 1000, \"2024-Q1\": 100, \"2024-Q2\": 50},\n"
	       "  \"share_caps\": [{\"domain\": \"ran\", \"date\": \"2024-06-30\", "
	       "\"max_share\": 0.5}],",
	       "A,north,ran,Huawei,1,,,\nB,north,ran,Huawei,1,,,\n"
	       "C,north,ran,Huawei,1,,,\nD,north,ran,Huawei,1,,,\n"
	       "E,north,ran,Huawei,1,,,\nF,north,ran,Huawei,1,,,\n"
	       "T,north,ran,Ericsson,2,,,\n");
	const struct precheck_finding *f = only_impossible(t.pc, PRECHECK_MONEY);
	assert_string_equal(
		f->message,
		"high-risk share of ran <= 50% from 30 Jun 2024 cannot hold: at "
		"least 2 high-risk units in scope must be swapped by the end of "
		"2024-Q2 to bring the share to 50.0%, which costs at least GBP "
		"200.00 (the cheapest first), but at most GBP 150.00 can be "
		"spent up to 2024-Q2: GBP 50.00 short");
	assert_double_near(f->need, 200, 1e-9);
	assert_double_near(f->have, 150, 1e-9);
	finish_v2(&t);
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
		cmocka_unit_test(
			precheck_should_report_a_site_deadline_before_its_earliest),
		cmocka_unit_test(
			precheck_should_report_a_site_deadline_before_the_first_period_end),
		cmocka_unit_test(
			precheck_should_report_an_allowed_vendor_without_capacity_in_time),
		cmocka_unit_test(
			precheck_should_report_units_only_a_limited_vendor_may_take),
		cmocka_unit_test(precheck_should_count_budget_period_keys_up_to_a_date),
		cmocka_unit_test(
			precheck_should_let_a_year_spend_its_budget_in_its_first_period),
		cmocka_unit_test(
			precheck_should_carry_a_years_money_into_the_next_years_periods),
		cmocka_unit_test(precheck_should_count_capacity_period_keys_up_to_a_date),
		cmocka_unit_test(
			precheck_should_report_money_short_for_a_cap_by_its_date),
	};
	return cmocka_run_group_tests_name("precheck", tests, NULL, NULL);
}
