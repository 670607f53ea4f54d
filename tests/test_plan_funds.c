#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "plan/plan.h"
#include "plan/plan_funds.h"
#include "util/xalloc.h"

#include "testscenario.h"

/*
 * plan_create_funded on payments made by hand, every figure worked out on
 * paper. 2024-2026, no escalation or discounting, Ericsson at 10 a unit
 * in ran and core, budget 150 a year. A (ran, 4 units: 40) and E (ran, 1
 * unit: 10) in 2024, B (ran, 2 units: 20) in 2025, C (core, 1 unit: 10)
 * in 2026. Fund "F" pays for ran only: 30 disbursed on 1 Jan 2024, due 12
 * months later with up to 2 extensions of 12 months (D(0) = 2025-01-01
 * binds at the end of 2024, D(1) at the end of 2025, D(2) at the end of
 * 2026). Payments: ran 2024 = 20 (shared 16 to A, 4 to E, by cost), ran
 * 2025 = 10 (B).
 */
static struct scenario *funded_sites(void)
{
	struct scenario *s = make_scenario(2024, 2026);
	for (int i = 0; i < s->n_years; i++)
		s->budget[i] = 150;
	add_vendor(s, "Ericsson", "ran core", 10, INFINITY);
	add_site(s, "A", "north", "ran", "Huawei", 4, 0, NULL, NULL);
	add_site(s, "B", "south", "ran", "Huawei", 2, 0, NULL, NULL);
	add_site(s, "C", "north", "core", "Huawei", 1, 0, NULL, NULL);
	add_site(s, "E", "south", "ran", "Huawei", 1, 0, NULL, NULL);
	s->funds = xcalloc(1, sizeof(*s->funds));
	s->n_funds = 1;
	struct fund *f = &s->funds[0];
	f->name = "F";
	f->disbursements = xcalloc(1, sizeof(*f->disbursements));
	f->disbursements[0] = (struct fund_disbursement){{2024, 1, 1}, 30, 0, {0, 0}};
	f->n_disbursements = 1;
	f->share = 1;
	f->domains = xmalloc(sizeof(*f->domains));
	f->domains[0] = 0; /* "ran", interned first */
	f->n_domains = 1;
	f->deadline_kind = FUND_DEADLINE_MONTHS;
	f->months_after_first = 12;
	f->extension_months = 12;
	f->max_extensions = 2;
	f->first_p = 0;
	f->has_final = true;
	f->final_date = (struct date){2027, 1, 1};
	f->final_p = 2;
	f->ext_p = xmalloc(3 * sizeof(int));
	for (int k = 0; k < 3; k++)
		f->ext_p[k] = k;
	return s;
}

static const struct site_decision decisions[] = {
	{0, 0, 0}, /* A in 2024 */
	{1, 1, 0}, /* B in 2025 */
	{2, 2, 0}, /* C in 2026 */
	{3, 0, 0}, /* E in 2024 */
};

/* pay[(f * n_domains + d) * n_periods + p]: ran is domain 0, core 1. */
static struct plan *funded_plan(struct scenario *s)
{
	double pay[2 * 3] = {20, 10, 0, 0, 0, 0};
	return plan_create_funded(s, decisions, 4, 1.0, pay);
}

static const struct plan_site *row(const struct plan *p, const char *id)
{
	for (size_t k = 0; k < p->n_sites; k++)
		if (strcmp(p->scenario->sites[p->sites[k].site].id, id) == 0)
			return &p->sites[k];
	fail_msg("no row %s", id);
	return NULL;
}

static void payments_are_shared_by_cost_and_add_up(void **state)
{
	(void)state;
	struct scenario *s = funded_sites();
	struct plan *p = funded_plan(s);
	assert_int_equal(row(p, "A")->funded_cents, 1600);
	assert_int_equal(row(p, "E")->funded_cents, 400);
	assert_int_equal(row(p, "B")->funded_cents, 1000);
	assert_int_equal(row(p, "C")->funded_cents, 0);
	assert_int_equal(row(p, "A")->total_cents - row(p, "A")->funded_cents, 2400);
	char *text = plan_funds_row_text(p, (size_t)(row(p, "A") - p->sites));
	assert_string_equal(text, "F");
	free(text);
	text = plan_funds_row_text(p, (size_t)(row(p, "C") - p->sites));
	assert_string_equal(text, "");
	free(text);
	plan_destroy(p);
	scenario_destroy(s);
}

static void own_spend_is_what_the_budget_pays(void **state)
{
	(void)state;
	struct scenario *s = funded_sites();
	struct plan *p = funded_plan(s);
	/* 2024: 50 spent, 20 funded, so 30 own of 150: 120 unspent. */
	assert_int_equal(p->years[0].spend_cents, 5000);
	assert_int_equal(p->years[0].funded_cents, 2000);
	assert_int_equal(p->years[0].unspent_cents, 12000);
	assert_int_equal(plan_funds_period_cents(p, 0, 1), 1000);
	/* Own present cost: 80 of cost less 30 funded. */
	assert_int_equal(p->own_present_cents, 5000);
	assert_double_near(p->own_present_exact, 50, 1e-9);
	plan_destroy(p);
	scenario_destroy(s);
}

static void the_fund_reports_money_and_extensions(void **state)
{
	(void)state;
	struct scenario *s = funded_sites();
	struct plan *p = funded_plan(s);
	const struct plan_fund *f = &p->funds[0];
	assert_int_equal(f->disbursed_cents, 3000);
	assert_int_equal(f->paid_cents, 3000);
	assert_int_equal(f->unused_cents, 0);
	/* The last ran swap is in 2025: D(1) = 2025-01-01 + 12 months. */
	assert_int_equal(f->extensions_needed, 1);
	assert_true(f->has_needed);
	assert_int_equal(f->needed_date.year, 2026);
	/* The fund's deadline is a rule, and holds. */
	bool found = false;
	for (size_t i = 0; i < p->n_rules; i++)
		if (strstr(p->rules[i].label, "eligible for F")) {
			found = true;
			assert_true(p->rules[i].holds);
		}
	assert_true(found);
	plan_destroy(p);
	scenario_destroy(s);
}

static void an_eligible_site_left_unswapped_needs_no_count(void **state)
{
	(void)state;
	struct scenario *s = funded_sites();
	double pay[2 * 3] = {20, 0, 0, 0, 0, 0};
	struct plan *p = plan_create_funded(s, decisions, 1, 1.0, pay); /* A only */
	assert_int_equal(p->funds[0].extensions_needed, -1);
	assert_false(p->funds[0].has_needed);
	/* A alone gets the whole 2024 payment. */
	assert_int_equal(row(p, "A")->funded_cents, 2000);
	bool holds = true;
	for (size_t i = 0; i < p->n_rules; i++)
		if (strstr(p->rules[i].label, "eligible for F"))
			holds = p->rules[i].holds;
	assert_false(holds);
	plan_destroy(p);
	scenario_destroy(s);
}

/*
 * A re-plan from 2025 whose ledger has A done in 2024 with "F=15" in its
 * funded cell: A's row pays 15 of its 40 from the fund as written and 25
 * own, takes no part in the payments shared by cost (E, the other ran
 * swap of 2024, gets none: there is no payment before replan_from), and
 * the fund's paid counts the ledger's 15 with the planner's 10 for B.
 */
static void a_ledger_row_pays_as_its_funded_cell_says(void **state)
{
	(void)state;
	struct scenario *s = funded_sites();
	s->replan_p = 1;
	s->fixed = xcalloc(1, sizeof(*s->fixed));
	s->fixed_pays = xcalloc(1, sizeof(*s->fixed_pays));
	s->fixed_pays[0] = (struct ledger_payment){"F", 0, 15};
	s->n_fixed_pays = 1;
	s->fixed[0] = (struct ledger_row){.site_id = "A",
					  .site = 0,
					  .when_text = "2024",
					  .when = {2024, 1, 1},
					  .p = 0,
					  .done = true,
					  .to_vendor = "Ericsson",
					  .vendor = 0,
					  .cost = NAN,
					  .pay_first = 0,
					  .n_pay = 1,
					  .line = 2};
	s->n_fixed = 1;
	double pay[2 * 3] = {0, 10, 0, 0, 0, 0};
	struct plan *p = plan_create_funded(s, decisions, 4, 1.0, pay);
	assert_int_equal(row(p, "A")->status, SITE_DONE);
	assert_int_equal(row(p, "A")->funded_cents, 1500);
	assert_int_equal(row(p, "A")->total_cents - row(p, "A")->funded_cents, 2500);
	assert_int_equal(row(p, "E")->funded_cents, 0);
	assert_int_equal(row(p, "B")->funded_cents, 1000);
	/* 2024: 50 spent, 15 of it funded: 35 own of 150. */
	assert_int_equal(p->years[0].funded_cents, 1500);
	assert_int_equal(p->years[0].unspent_cents, 11500);
	assert_int_equal(p->funds[0].paid_cents, 2500);
	assert_int_equal(p->funds[0].unused_cents, 500);
	assert_int_equal(plan_funds_period_cents(p, 0, 0), 1500);
	plan_destroy(p);
	scenario_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(payments_are_shared_by_cost_and_add_up),
		cmocka_unit_test(own_spend_is_what_the_budget_pays),
		cmocka_unit_test(the_fund_reports_money_and_extensions),
		cmocka_unit_test(an_eligible_site_left_unswapped_needs_no_count),
		cmocka_unit_test(a_ledger_row_pays_as_its_funded_cell_says),
	};
	return cmocka_run_group_tests_name("plan_funds", tests, NULL, NULL);
}
