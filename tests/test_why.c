#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "input/validate.h"
#include "output/report.h"
#include "plan/plan.h"
#include "plan/plan_row.h"
#include "plan/why.h"
#include "util/diag.h"
#include "util/xalloc.h"

#include "testscenario.h"

/*
 * why on plans made by hand: each scenario below makes one resource full
 * in one year (or leaves all of them free), the plan puts a site after
 * it, and the test asks why that site is not earlier. The figures are
 * worked out on paper; every test also holds a neighbour to the rule that
 * a reason is given only when it is true (a site the year still had room
 * for gets no "budget spent").
 */

/* One decision by name: site 'id' swapped in 'year' to 'vendor' (year 0:
 * not swapped). */
struct decision {
	const char *id;
	int year;
	const char *vendor;
};

static uint32_t site_index(const struct scenario *s, const char *id)
{
	for (uint32_t i = 0; i < s->n_sites; i++)
		if (strcmp(s->sites[i].id, id) == 0)
			return i;
	fail_msg("no site %s", id);
	return 0;
}

/* validate 's' (which must pass) and plan it as 'd' says. */
static struct plan *plan_of(struct scenario *s, const struct decision *d, size_t n)
{
	struct diag dg;
	diag_init(&dg);
	bool ok = validate_scenario(s, &dg);
	if (diag_count(&dg))
		diag_print(&dg, stderr);
	assert_true(ok);
	assert_int_equal(diag_count(&dg), 0);
	diag_finish(&dg);
	struct site_decision *dec = xcalloc(n + 1, sizeof(*dec));
	for (size_t k = 0; k < n; k++) {
		dec[k].site = site_index(s, d[k].id);
		dec[k].period = d[k].year ? d[k].year - s->start : -1;
		dec[k].vendor = d[k].year ? scenario_find_vendor(s, d[k].vendor) : -1;
		if (d[k].year)
			assert_true(dec[k].vendor >= 0);
	}
	struct plan *p = plan_create(s, dec, n, 1.0);
	free(dec);
	return p;
}

/* A high-risk (Huawei) site of 'units' in no cluster and depending on
 * nothing: what most of the plans below are made of. */
static struct site *hr_site(struct scenario *s, const char *id, const char *region,
			    const char *domain, int64_t units)
{
	return add_site(s, id, region, domain, "Huawei", units, 0, NULL, NULL);
}

/* The same budget in every year of the horizon. */
static void budget_every_year(struct scenario *s, double budget)
{
	for (int i = 0; i < s->n_years; i++)
		s->budget[i] = budget;
}

/* A test's plan and its scenario, freed together. */
static void destroy_both(struct plan *p, struct scenario *s)
{
	plan_destroy(p);
	scenario_destroy(s);
}

static size_t plan_index(const struct plan *p, const char *id)
{
	for (size_t k = 0; k < p->n_sites; k++)
		if (strcmp(p->scenario->sites[p->sites[k].site].id, id) == 0)
			return k;
	fail_msg("no plan row for %s", id);
	return 0;
}

/* The why cell of site 'id', compared with 'expected'. */
static void assert_why(const struct plan *p, const char *id, const char *expected)
{
	struct why *w = why_create(p);
	char *text = why_site_text(w, plan_index(p, id));
	if (strcmp(text, expected) != 0)
		fail_msg("why of %s: '%s', expected '%s'", id, text, expected);
	free(text);
	why_destroy(w);
}

/* The reasons of site 'id' in year 'year', as enum why_reason bits. */
static unsigned reasons_in(const struct plan *p, const char *id, int year)
{
	struct why *w = why_create(p);
	struct why_site ws;
	why_explain(w, plan_index(p, id), &ws);
	unsigned r = 0;
	bool found = false;
	for (size_t i = 0; i < ws.n_periods; i++)
		if (ws.periods[i].period == year - p->scenario->start) {
			r = ws.periods[i].reasons;
			found = true;
		}
	why_site_finish(&ws);
	why_destroy(w);
	if (!found)
		fail_msg("%s has no account of %d", id, year);
	return r;
}

/*
 * 30 a year, Ericsson 10 a unit: A (2 units, 20) takes 2024's money but
 * 10; B (2 units, 20) does not fit in those 10 and goes in 2025. C (1
 * unit, 10) would have fitted in 2024's last 10: the plan puts it in 2025
 * anyway (a hand-made plan, not an optimal one), so its reason is not the
 * budget.
 */
static void why_should_say_the_budget_was_spent_only_when_it_was(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2026);
	budget_every_year(s, 30);
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	hr_site(s, "A", "north", "ran", 2);
	hr_site(s, "B", "north", "ran", 2);
	hr_site(s, "C", "south", "ran", 1);
	const struct decision d[] = {{"A", 2024, "Ericsson"},
				     {"B", 2025, "Ericsson"},
				     {"C", 2025, "Ericsson"}};
	struct plan *p = plan_of(s, d, 3);
	/* 2024 has 30 - 20 = 10 left: C's 10 fits, B's 20 does not. */
	assert_why(p, "A", "");
	assert_why(p, "C", "2024: others removed more exposure per money first");
	/* Moving B to 2024 would leave C's 10 in 2025, but 2024 itself is
	 * the question: 10 left there, B costs 20. */
	assert_why(p, "B", "2024: budget spent");

	struct why *w = why_create(p);
	struct why_site ws;
	why_explain(w, plan_index(p, "B"), &ws);
	assert_int_equal(ws.n_periods, 1);
	assert_int_equal(ws.periods[0].reasons, WHY_BUDGET);
	assert_double_near(ws.periods[0].money_left, 10, 1e-9);
	assert_double_near(ws.periods[0].cost, 20, 1e-9);
	why_site_finish(&ws);
	why_destroy(w);
	destroy_both(p, s);
}

/*
 * The year's money is its budget plus what the year before carried over.
 * 20, 10, 10 a year: A (10) leaves 10 of 2024; B (10) in 2025 has 10 + 10
 * and leaves 10 more; E (10) in 2026 would have fitted in 2025 with the
 * carry-over, and does not without it.
 */
static void why_should_count_carry_over_in_the_year_money(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2026);
	s->budget[0] = 20;
	s->budget[1] = 10;
	s->budget[2] = 10;
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	hr_site(s, "A", "north", "ran", 1);
	hr_site(s, "B", "north", "ran", 1);
	hr_site(s, "E", "north", "ran", 1);
	const struct decision d[] = {{"A", 2024, "Ericsson"},
				     {"B", 2025, "Ericsson"},
				     {"E", 2026, "Ericsson"}};
	s->carry_over = true;
	struct plan *p = plan_of(s, d, 3);
	assert_why(p, "E", "2024..2025: others removed more exposure per money first");
	plan_destroy(p);
	s->carry_over = false;
	p = plan_of(s, d, 3);
	assert_why(p, "E",
		   "2024: others removed more exposure per money first; "
		   "2025: budget spent");
	destroy_both(p, s);
}

/*
 * Ericsson and Nokia take 2 units a year each; A and B fill 2024 between
 * them, so C (2 units) waits for 2025: both its vendors were full. D may
 * go to Ericsson only (allowed_vendors) and is after C in 2026 with Nokia
 * still free: only Ericsson matters to it.
 */
static void why_should_name_every_allowed_vendor_at_capacity(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2026);
	add_vendor(s, "Ericsson", "ran", 10, 2);
	add_vendor(s, "Nokia", "ran", 12, 2);
	hr_site(s, "A", "north", "ran", 2);
	hr_site(s, "B", "north", "ran", 2);
	hr_site(s, "C", "south", "ran", 2);
	hr_site(s, "D", "south", "ran", 1);
	hr_site(s, "E", "south", "ran", 1);
	s->allowed = xcalloc(1, sizeof(*s->allowed));
	s->allowed[0] = 0; /* Ericsson */
	s->n_allowed = 1;
	s->sites[site_index(s, "D")].n_allowed = 1;
	s->sites[site_index(s, "D")].allowed_first = 0;
	const struct decision d[] = {{"A", 2024, "Ericsson"},
				     {"B", 2024, "Nokia"},
				     {"C", 2025, "Ericsson"},
				     {"D", 2026, "Ericsson"},
				     {"E", 2026, "Nokia"}};
	struct plan *p = plan_of(s, d, 5);
	assert_why(p, "C", "2024: Ericsson, Nokia at capacity");
	assert_why(p, "D", "2024..2025: Ericsson at capacity");
	/* E may go to Nokia, which had 2025 free: capacity is no reason. */
	assert_why(p, "E",
		   "2024: Ericsson, Nokia at capacity; "
		   "2025: others removed more exposure per money first");
	destroy_both(p, s);
}

/*
 * max_vendor_share 0.5 of ran's 4 units: each vendor may hold 2. A and B
 * give Ericsson its 2 in 2024; Nokia takes nothing in 2024 (capacity 0
 * then), so C waits for 2025 with Nokia. In 2024 Ericsson had capacity
 * but no share left, Nokia share but no capacity. D goes to Nokia in 2026:
 * moving it to 2025 with Nokia counts it at 2025's end too, where Nokia
 * holds C alone (1 of 2), so Nokia had room; Ericsson was at its limit.
 */
static void why_should_name_a_vendor_at_its_share_limit(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2026);
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	add_vendor(s, "Nokia", "ran", 10, INFINITY)->capacity[0] = 0;
	s->vendor_share_all = 0.5;
	hr_site(s, "A", "north", "ran", 1);
	hr_site(s, "B", "north", "ran", 1);
	hr_site(s, "C", "north", "ran", 1);
	hr_site(s, "D", "north", "ran", 1);
	const struct decision d[] = {{"A", 2024, "Ericsson"},
				     {"B", 2024, "Ericsson"},
				     {"C", 2025, "Nokia"},
				     {"D", 2026, "Nokia"}};
	struct plan *p = plan_of(s, d, 4);
	assert_true(plan_rules_hold(p));
	assert_why(p, "C", "2024: Nokia at capacity, Ericsson at its ran share limit");
	assert_why(p, "D",
		   "2024: Nokia at capacity, Ericsson at its ran share limit; "
		   "2025: others removed more exposure per money first");
	destroy_both(p, s);
}

/* One crew a year in north: A takes 2024's, so B waits; C in south
 * does not share north's crews. */
static void why_should_say_the_region_crews_were_used(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2026);
	s->crews_default = xmalloc((size_t)s->n_years * sizeof(double));
	for (int i = 0; i < s->n_years; i++)
		s->crews_default[i] = 1;
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	hr_site(s, "A", "north", "ran", 1);
	hr_site(s, "B", "north", "ran", 1);
	hr_site(s, "C", "south", "ran", 1);
	const struct decision d[] = {{"A", 2024, "Ericsson"},
				     {"B", 2025, "Ericsson"},
				     {"C", 2025, "Ericsson"}};
	struct plan *p = plan_of(s, d, 3);
	assert_why(p, "B", "2024: north crews used");
	assert_int_equal(reasons_in(p, "C", 2024), WHY_OTHERS_FIRST);
	destroy_both(p, s);
}

/* B depends on A, which goes in 2025: B cannot be in 2024. C depends on a
 * site that is not high-risk, which binds nothing. */
static void why_should_name_the_site_it_depends_on(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2026);
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	hr_site(s, "A", "north", "ran", 1);
	add_site(s, "B", "north", "ran", "Huawei", 1, 0, NULL, "A");
	add_site(s, "C", "north", "ran", "Huawei", 1, 0, NULL, "T");
	add_site(s, "T", "north", "ran", "Ericsson", 1, 0, NULL, NULL);
	const struct decision d[] = {{"A", 2025, "Ericsson"},
				     {"B", 2026, "Ericsson"},
				     {"C", 2025, "Ericsson"}};
	struct plan *p = plan_of(s, d, 3);
	assert_why(p, "B",
		   "2024: A not yet swapped; "
		   "2025: others removed more exposure per money first");
	assert_why(p, "C", "2024: others removed more exposure per money first");
	destroy_both(p, s);
}

/* Many sites it depends on: sorted by site_id whatever depends_on's
 * order, four at most named. */
static void why_should_name_a_few_dependencies_in_order(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2025);
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	const char *ids[] = {"D5", "D3", "D1", "D4", "D2"};
	for (size_t i = 0; i < 5; i++)
		add_site(s, ids[i], "north", "ran", "Huawei", 1, 0, NULL, NULL);
	add_site(s, "X", "north", "ran", "Huawei", 1, 0, NULL, "D5;D3;D1;D4;D2");
	add_site(s, "Y", "north", "ran", "Huawei", 1, 0, NULL, "D4;D2");
	const struct decision d[] = {{"D1", 2025, "Ericsson"}, {"D2", 2025, "Ericsson"},
				     {"D3", 2025, "Ericsson"}, {"D4", 2025, "Ericsson"},
				     {"D5", 2025, "Ericsson"}, {"X", 2025, "Ericsson"},
				     {"Y", 2025, "Ericsson"}};
	struct plan *p = plan_of(s, d, 7);
	assert_why(p, "X", "2024: D1, D2, D3 and 2 more not yet swapped");
	assert_why(p, "Y", "2024: D2, D4 not yet swapped");
	destroy_both(p, s);
}

/* A re-plan: the periods before replan_from are history, never asked. */
static void why_should_start_after_the_history_of_a_replan(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2026);
	s->format_version = 2;
	s->has_replan_from = true;
	s->replan_from = (struct date){2025, 1, 1};
	budget_every_year(s, 10);
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	hr_site(s, "A", "north", "ran", 1);
	hr_site(s, "B", "north", "ran", 1);
	const struct decision d[] = {{"A", 2025, "Ericsson"}, {"B", 2026, "Ericsson"}};
	struct plan *p = plan_of(s, d, 2);
	assert_int_equal(s->replan_p, 1);
	assert_why(p, "A", "not before 2025 (re-plan from 2025)");
	assert_why(p, "B", "not before 2025 (re-plan from 2025); 2025: budget spent");
	destroy_both(p, s);
}

/* earliest_year 2025: 2024 is never asked; a version 2 `earliest` date
 * inside 2025 makes 2026 the first year (a period that starts before it
 * is out); a cluster takes the latest earliest of its sites. */
static void why_should_start_at_the_earliest_period(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2027);
	s->format_version = 2;
	budget_every_year(s, 10);
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	add_site(s, "A", "north", "ran", "Huawei", 1, 2025, NULL, NULL);
	add_site(s, "B", "north", "ran", "Huawei", 1, 2025, NULL, NULL);
	hr_site(s, "C", "north", "ran", 1);
	add_site(s, "K1", "south", "ran", "Huawei", 1, 0, "K", NULL);
	add_site(s, "K2", "south", "ran", "Huawei", 1, 0, "K", NULL);
	s->sites[site_index(s, "C")].has_earliest = true;
	s->sites[site_index(s, "C")].earliest = (struct date){2025, 3, 1};
	s->sites[site_index(s, "K2")].has_earliest = true;
	s->sites[site_index(s, "K2")].earliest = (struct date){2026, 1, 1};
	s->budget[3] = 20;
	const struct decision d[] = {{"A", 2025, "Ericsson"},
				     {"B", 2027, "Ericsson"},
				     {"C", 2026, "Ericsson"},
				     {"K1", 2027, "Ericsson"},
				     {"K2", 2027, "Ericsson"}};
	struct plan *p = plan_of(s, d, 5);
	assert_why(p, "A", "not before 2025 (earliest_year 2025)");
	/* 2025 and 2026 each spent their 10 on A and C. */
	assert_why(p, "B",
		   "not before 2025 (earliest_year 2025); 2025..2026: budget spent");
	assert_why(p, "C", "not before 2026 (earliest 2025-03-01)");
	/* The cluster costs 20; 2026's 10 went to C. */
	assert_why(p, "K1",
		   "not before 2026 (earliest 2026-01-01 of K2); 2026: budget spent");
	assert_why(p, "K2", "not before 2026 (earliest 2026-01-01); 2026: budget spent");
	destroy_both(p, s);
}

/*
 * The cost objective: nothing full, and the core deadline of 2026 does
 * not need A before 2026, so that is what is said. B is late for the
 * deadline of 2024 (as a plan with --allow-late may be): a deadline did
 * need it, so that is not said.
 */
static void why_should_say_no_rule_needed_it_with_the_cost_objective(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2026);
	s->objective = OBJECTIVE_COST;
	add_vendor(s, "Ericsson", "ran core", 10, INFINITY);
	hr_site(s, "A", "north", "core", 1);
	hr_site(s, "B", "north", "ran", 1);
	add_deadline(s, "core", 2026, 9);
	add_deadline(s, "ran", 2024, 10);
	const struct decision d[] = {{"A", 2026, "Ericsson"}, {"B", 2025, "Ericsson"}};
	struct plan *p = plan_of(s, d, 2);
	assert_why(p, "A", "2024..2025: no deadline or cap needed it yet");
	assert_int_equal(reasons_in(p, "A", 2025), WHY_NOT_NEEDED);
	assert_why(p, "B", "2024: others went first");
	destroy_both(p, s);
}

/* A cap that the plan breaks needs every site in its scope. */
static void why_should_not_say_no_rule_needed_it_when_a_cap_breaks(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2026);
	s->objective = OBJECTIVE_COST;
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	hr_site(s, "A", "north", "ran", 1);
	add_site(s, "T", "north", "ran", "Ericsson", 1, 0, NULL, NULL);
	s->caps = xcalloc(1, sizeof(*s->caps));
	s->caps[0] = (struct share_cap_rule){.year = 2024, .max_share = 0.1, .line = 12};
	s->n_caps = 1;
	scenario_finish_periods(s);
	const struct decision d[] = {{"A", 2026, "Ericsson"}};
	struct plan *p = plan_of(s, d, 1);
	assert_false(plan_rules_hold(p));
	assert_why(p, "A", "2024..2025: others went first");
	destroy_both(p, s);
}

/* Exposure, nothing full: others first; a site of criticality 0 adds no
 * exposure, which is the truer reason. */
static void why_should_fall_back_to_others_first_when_nothing_was_full(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2025);
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	hr_site(s, "A", "north", "ran", 1);
	hr_site(s, "Z", "north", "ran", 1)->criticality = 0;
	const struct decision d[] = {{"A", 2025, "Ericsson"}, {"Z", 2025, "Ericsson"}};
	struct plan *p = plan_of(s, d, 2);
	assert_why(p, "A", "2024: others removed more exposure per money first");
	assert_why(p, "Z", "2024: it adds no exposure");
	destroy_both(p, s);
}

/* A site left unswapped is asked about every year of the horizon; several
 * reasons of one year are all given. */
static void why_should_explain_an_unswapped_site_over_the_horizon(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2025);
	budget_every_year(s, 10);
	s->crews_default = xmalloc((size_t)s->n_years * sizeof(double));
	for (int i = 0; i < s->n_years; i++)
		s->crews_default[i] = 1;
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	hr_site(s, "A", "north", "ran", 1);
	hr_site(s, "B", "north", "ran", 1);
	hr_site(s, "C", "north", "ran", 1);
	const struct decision d[] = {{"A", 2024, "Ericsson"}, {"B", 2025, "Ericsson"}};
	struct plan *p = plan_of(s, d, 2);
	assert_why(p, "C", "2024..2025: budget spent, north crews used");
	destroy_both(p, s);
}

/* In quarters: a year's money is shared by its periods, and a period key
 * limits its own period. 2024 has 30 with 10 at most in Q1; A, B and C
 * (10 each) go in Q1, Q2 and Q3 and spend all 30. For C, Q2 still had
 * room: moving within its year gives its own 10 back (without that, the
 * year would look spent); Q1's key was spent by A. */
static void why_should_judge_periods_by_their_key_and_their_year(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2024);
	s->format_version = 2;
	s->periods_per_year = 4;
	s->n_periods = 4;
	s->budget[0] = 30;
	s->budget_period = xmalloc(4 * sizeof(double));
	for (int q = 0; q < 4; q++)
		s->budget_period[q] = q == 0 ? 10 : INFINITY;
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	hr_site(s, "A", "north", "ran", 1);
	hr_site(s, "B", "north", "ran", 1);
	hr_site(s, "C", "north", "ran", 1);
	struct diag dg;
	diag_init(&dg);
	assert_true(validate_scenario(s, &dg));
	diag_finish(&dg);
	const struct site_decision dec[] = {{0, 0, 0}, {1, 1, 0}, {2, 2, 0}};
	struct plan *p = plan_create(s, dec, 3, 1.0);
	assert_why(p, "B", "2024-Q1: budget spent");
	assert_why(p, "C",
		   "2024-Q1: budget spent; "
		   "2024-Q2: others removed more exposure per money first");
	destroy_both(p, s);
}

/* plan.csv: version 2 appends 'why' (quoted when it holds a comma);
 * version 1 keeps its columns. */
static void plan_csv_should_append_why_in_version_2_only(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2025);
	budget_every_year(s, 10);
	add_vendor(s, "Ericsson", "ran", 10, 1);
	add_vendor(s, "Nokia", "ran", 20, INFINITY);
	hr_site(s, "A", "north", "ran", 1);
	hr_site(s, "B", "north", "ran", 1);
	const struct decision d[] = {{"A", 2024, "Ericsson"}, {"B", 2025, "Ericsson"}};
	for (int version = 1; version <= 2; version++) {
		s->format_version = version;
		struct plan *p = plan_of(s, d, 2);
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		assert_non_null(f);
		assert_true(report_csv_write_plan(p, NULL, f));
		fclose(f);
		/* The rows run_files.c makes once for plan.csv and plan.xlsx
		 * give the same bytes as the writer's own. */
		struct plan_rows *rows = plan_rows_create(p);
		char *shared = NULL;
		size_t shared_len = 0;
		f = open_memstream(&shared, &shared_len);
		assert_non_null(f);
		assert_true(report_csv_write_plan(p, rows, f));
		fclose(f);
		plan_rows_destroy(rows);
		assert_int_equal(shared_len, len);
		assert_memory_equal(shared, text, len);
		free(shared);
		char *header_end = strstr(text, "\r\n");
		assert_non_null(header_end);
		*header_end = '\0';
		if (version == 1) {
			assert_string_equal(text,
					    "year,site_id,region,domain,from_vendor,"
					    "to_vendor,units,equipment_cost,site_cost,"
					    "total_cost,present_value,cluster,late");
			assert_null(strstr(header_end + 2, "capacity"));
		} else {
			assert_non_null(strstr(text, ",moved,why"));
			assert_true(strlen(text) -
					    (size_t)(strstr(text, ",why") - text) ==
				    4);
			/* B: Ericsson was full and 2024's 0 left is below Nokia's 20. */
			assert_non_null(
				strstr(header_end + 2, ",planned,10.00,0.00,,,\r\n"));
			assert_non_null(strstr(header_end + 2,
					       ",,,\"2024: budget spent, "
					       "Ericsson at capacity\"\r\n"));
		}
		free(text);
		plan_destroy(p);
	}
	scenario_destroy(s);
}

/* --- Every reason against the plan it speaks of --- */

static uint64_t rng_state;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)((rng_state >> 33) % n);
}

/* Whether moving the swap unit of the plan's sites 'members' to period q
 * and vendor v breaks something in q (a figure of the plan rebuilt with
 * the move): money overspent, the vendor over its capacity, a region's
 * crews of its regions over, or a site a member depends on not swapped
 * by q. */
static bool move_breaks(const struct scenario *s, const struct plan *p,
			const uint32_t *members, size_t n_members, int q, int v)
{
	struct site_decision *dec = xcalloc(p->n_sites + 1, sizeof(*dec));
	for (size_t k = 0; k < p->n_sites; k++) {
		dec[k] = (struct site_decision){p->sites[k].site, p->sites[k].period,
						p->sites[k].vendor};
		for (size_t m = 0; m < n_members; m++)
			if (members[m] == k)
				dec[k].period = q, dec[k].vendor = v;
	}
	struct plan *moved = plan_create(s, dec, p->n_sites, 1.0);
	bool breaks =
		isfinite(moved->years[q].available) && moved->years[q].unspent_cents < 0;
	double units = 0;
	double *crews = xcalloc(s->regions.count + 1, sizeof(double));
	int *period = xmalloc((s->n_sites + 1) * sizeof(int));
	bool *hr = xcalloc(s->n_sites + 1, sizeof(bool));
	for (size_t k = 0; k < moved->n_sites; k++) {
		const struct plan_site *ps = &moved->sites[k];
		period[ps->site] = ps->period;
		hr[ps->site] = true;
		if (ps->period != q)
			continue;
		crews[s->sites[ps->site].region] += 1;
		if (ps->vendor == v)
			units += (double)s->sites[ps->site].units;
	}
	breaks |= units > s->vendors[v].capacity[q];
	/* Crews: the regions of the unit's sites (another region's crews
	 * are no business of its). */
	for (size_t m = 0; m < n_members; m++)
		breaks |= crews[s->sites[p->sites[members[m]].site].region] >
			  s->crews_default[q];
	for (size_t m = 0; m < n_members; m++) {
		uint32_t i = p->sites[members[m]].site;
		for (uint32_t j = s->dep_start[i]; j < s->dep_start[i + 1]; j++) {
			uint32_t t = s->dep_sites[j];
			if (hr[t] && (period[t] < 0 || period[t] > q))
				breaks = true;
		}
	}
	free(hr);
	free(period);
	free(crews);
	free(dec);
	plan_destroy(moved);
	return breaks;
}

/*
 * Random small plans (budgets, capacities, crews, dependencies, a
 * cluster; decisions at random, within the rules or not): for every
 * site and every period before its swap, when why says something was
 * full, moving its swap unit there breaks something in that period with
 * every vendor allowed to take it; when it says nothing was, some vendor
 * could have taken it there.
 */
static void why_should_hold_true_when_the_site_is_moved_earlier(void **state)
{
	(void)state;
	const unsigned full = WHY_BUDGET | WHY_CAPACITY | WHY_CREWS | WHY_DEPENDENCY;
	size_t checked_full = 0, checked_free = 0;
	for (uint64_t seed = 1; seed <= 150; seed++) {
		rng_state = seed;
		struct scenario *s = make_scenario(2024, 2027);
		s->carry_over = rnd(2);
		for (int y = 0; y < s->n_years; y++)
			s->budget[y] = rnd(4) ? 15 + rnd(50) : INFINITY;
		add_vendor(s, "Ericsson", "ran core", 10, INFINITY);
		add_vendor(s, "Nokia", "ran", 12, INFINITY);
		for (size_t v = 0; v < 2; v++)
			for (int y = 0; y < s->n_years; y++)
				s->vendors[v].capacity[y] =
					rnd(4) ? 1 + rnd(5) : INFINITY;
		s->crews_default = xmalloc((size_t)s->n_years * sizeof(double));
		for (int y = 0; y < s->n_years; y++)
			s->crews_default[y] = rnd(3) ? 1 + rnd(3) : INFINITY;
		size_t n = 5 + rnd(5);
		bool cluster = rnd(3) == 0;
		for (size_t i = 0; i < n; i++) {
			char id[8], dep[8];
			snprintf(id, sizeof(id), "S%zu", i);
			snprintf(dep, sizeof(dep), "S%u", i ? rnd((unsigned)i) : 0);
			struct site *site =
				add_site(s, id, rnd(2) ? "north" : "south",
					 rnd(4) ? "ran" : "core", "Huawei", 1 + rnd(3), 0,
					 cluster && i < 2 ? "K" : NULL,
					 i >= 2 && rnd(4) == 0 ? dep : NULL);
			site->criticality = rnd(3);
		}
		struct decision *d = xcalloc(n + 1, sizeof(*d));
		int cluster_year = 2024 + (int)rnd(4);
		for (size_t i = 0; i < n; i++) {
			d[i].id = s->sites[i].id;
			d[i].year = cluster && i < 2 ? cluster_year
				    : rnd(5)         ? 2024 + (int)rnd(4)
						     : 0;
			d[i].vendor = "Ericsson";
			if (!(cluster && i < 2) &&
			    !strcmp(s->domains.names[s->sites[i].domain], "ran") &&
			    rnd(2))
				d[i].vendor = "Nokia";
		}
		struct plan *p = plan_of(s, d, n);
		struct why *w = why_create(p);
		for (size_t k = 0; k < p->n_sites; k++) {
			struct why_site ws;
			why_explain(w, k, &ws);
			uint32_t members[16];
			size_t n_members = 0;
			const char *c = s->sites[p->sites[k].site].cluster;
			for (size_t o = 0; o < p->n_sites; o++)
				if (o == k ||
				    (c && s->sites[p->sites[o].site].cluster &&
				     !strcmp(c, s->sites[p->sites[o].site].cluster)))
					members[n_members++] = (uint32_t)o;
			for (size_t i = 0; i < ws.n_periods; i++) {
				const struct why_period *wp = &ws.periods[i];
				bool every = true, some = false;
				for (int v = 0; v < 2; v++) {
					bool takes = true;
					for (size_t m = 0; m < n_members; m++)
						takes &= !isnan(scenario_unit_cost(
							&s->vendors[v],
							s->domains.names
								[s->sites[p->sites[members[m]]
										  .site]
									 .domain]));
					if (!takes)
						continue;
					bool b = move_breaks(s, p, members, n_members,
							     wp->period, v);
					every &= b;
					some |= !b;
				}
				char *text = why_period_text(w, &ws, wp);
				if (wp->reasons & full) {
					if (!every)
						fail_msg("seed %llu, %s in %d: '%s', but "
							 "a "
							 "vendor could take it there",
							 (unsigned long long)seed,
							 s->sites[ws.site].id,
							 2024 + wp->period, text);
					checked_full++;
				} else {
					if (!some)
						fail_msg("seed %llu, %s in %d: '%s', but "
							 "every vendor breaks something",
							 (unsigned long long)seed,
							 s->sites[ws.site].id,
							 2024 + wp->period, text);
					checked_free++;
				}
				free(text);
			}
			why_site_finish(&ws);
		}
		why_destroy(w);
		plan_destroy(p);
		free(d);
		scenario_destroy(s);
	}
	/* Both kinds of account were met, many times. */
	assert_true(checked_full > 100);
	assert_true(checked_free > 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(why_should_say_the_budget_was_spent_only_when_it_was),
		cmocka_unit_test(why_should_count_carry_over_in_the_year_money),
		cmocka_unit_test(why_should_name_every_allowed_vendor_at_capacity),
		cmocka_unit_test(why_should_name_a_vendor_at_its_share_limit),
		cmocka_unit_test(why_should_say_the_region_crews_were_used),
		cmocka_unit_test(why_should_name_the_site_it_depends_on),
		cmocka_unit_test(why_should_name_a_few_dependencies_in_order),
		cmocka_unit_test(why_should_start_at_the_earliest_period),
		cmocka_unit_test(why_should_start_after_the_history_of_a_replan),
		cmocka_unit_test(
			why_should_say_no_rule_needed_it_with_the_cost_objective),
		cmocka_unit_test(why_should_not_say_no_rule_needed_it_when_a_cap_breaks),
		cmocka_unit_test(
			why_should_fall_back_to_others_first_when_nothing_was_full),
		cmocka_unit_test(why_should_explain_an_unswapped_site_over_the_horizon),
		cmocka_unit_test(why_should_judge_periods_by_their_key_and_their_year),
		cmocka_unit_test(why_should_hold_true_when_the_site_is_moved_earlier),
		cmocka_unit_test(plan_csv_should_append_why_in_version_2_only),
	};
	return cmocka_run_group_tests_name("why", tests, NULL, NULL);
}
