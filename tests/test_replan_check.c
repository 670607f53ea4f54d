#include "testutil.h"
#include "testscenario.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/load.h"
#include "input/scenario.h"
#include "plan/history.h"
#include "plan/instance.h"
#include "plan/precheck.h"
#include "plan/replan_check.h"
#include "util/diag.h"
#include "util/xalloc.h"

/*
 * What check lists about a programme in flight (plan/replan_check.c):
 * scenarios written to a fresh folder and loaded whole. Yearly periods of
 * 2021-2024 unless a case says otherwise; Ericsson costs 100 a unit.
 */
#define HEAD                                                                     \
	"{\"format\": \"phaseout-scenario/2\", \"name\": \"t\",\n"               \
	"\"horizon\": {\"start\": 2021, \"end\": 2024},\n"                       \
	"\"sites\": \"sites.csv\", \"high_risk_vendors\": [\"Huawei\"],\n"       \
	"\"vendors\": [{\"name\": \"Ericsson\", \"unit_cost\": {\"ran\": 100}, " \
	"\"capacity\": 3}],\n"

#define SITES                                  \
	"site_id,region,domain,vendor,units\n" \
	"a,north,ran,Huawei,2\n"               \
	"b,north,ran,Huawei,2\n"               \
	"c,north,ran,Huawei,5\n"

static struct scenario *load(const char *tail, const char *fixed)
{
	char *json = xasprintf("%s%s", HEAD, tail);
	struct scenario *s = load_files(json, SITES, fixed);
	free(json);
	return s;
}

struct findings {
	struct precheck_finding *list;
	size_t count, alloc;
};

static struct findings run(const struct scenario *s)
{
	struct findings f = {0};
	struct history *h = history_create(s); /* as precheck_run() builds it */
	replan_check_run(s, h, &f.list, &f.count, &f.alloc);
	history_destroy(h);
	return f;
}

static void findings_free(struct findings *f)
{
	for (size_t i = 0; i < f->count; i++)
		free(f->list[i].message);
	free(f->list);
}

/* The finding whose message starts with 'prefix'; fails when none. */
static const struct precheck_finding *find(const struct findings *f, const char *prefix)
{
	for (size_t i = 0; i < f->count; i++)
		if (strncmp(f->list[i].message, prefix, strlen(prefix)) == 0)
			return &f->list[i];
	print_message("no finding starts with '%s'; the findings:\n", prefix);
	for (size_t i = 0; i < f->count; i++)
		print_message("  %s\n", f->list[i].message);
	fail();
	return NULL;
}

/*
 * A year of the ledger above its capacity and budget: 4 units to
 * Ericsson in 2021 (capacity 3), own spend 400 - 150 paid by the fund =
 * 250 against a budget of 200. Facts, never proofs.
 */
static void replan_check_should_list_ledger_facts_with_their_numbers(void **state)
{
	(void)state;
	struct scenario *s = load(
		"\"budget\": 200, \"replan_from\": \"2022\", \"fixed\": \"fixed.csv\",\n"
		"\"funds\": [{\"name\": \"G\", \"disbursements\": {\"2022-01-01\": "
		"100}}]}",
		"site_id,when,to_vendor,funded\na,2021,Ericsson,G=150\nb,2021,Ericsson,"
		"\n");
	struct findings f = run(s);
	const struct precheck_finding *x =
		find(&f, "ledger: swaps to 'Ericsson' in 2021 take 4 units");
	assert_false(x->impossible);
	assert_int_equal(x->kind, PRECHECK_LEDGER);
	assert_double_near(x->need, 4, 0);
	assert_double_near(x->have, 3, 0);
	x = find(&f, "ledger: own spend in 2021 is GBP 250.00, GBP 50.00 above the "
		     "GBP 200.00 available");
	assert_double_near(x->need, 250, 1e-9);
	assert_double_near(x->have, 200, 0);
	/* The fund's first money comes in 2022: 150 paid in 2021 is above 0. */
	x = find(&f,
		 "ledger: 'G' pays GBP 150.00 by the end of 2021, above the GBP 0.00");
	assert_double_near(x->need, 150, 0);
	assert_double_near(x->have, 0, 0);
	for (size_t i = 0; i < f.count; i++)
		assert_false(f.list[i].impossible);
	findings_free(&f);
	scenario_destroy(s);
}

/*
 * A ledger deficit that carries: 'a' done in 2021 at 500 against 200 (300
 * short, carried into 2022), nothing in 2022 (no note: a year the ledger
 * spends nothing in is not overspent by it, whatever it inherits), 'c'
 * committed in 2023 at 500 with an empty funded cell, of which the fund's
 * 150 pays first: 350 own against 200 less the 100 carried from 2022.
 */
static void
replan_check_should_name_a_carried_deficit_only_where_the_ledger_spends(void **state)
{
	(void)state;
	struct scenario *s =
		load("\"budget\": 200, \"carry_over\": true, \"replan_from\": \"2023\",\n"
		     "\"fixed\": \"fixed.csv\",\n"
		     "\"funds\": [{\"name\": \"G\", \"disbursements\": {\"2023-01-01\": "
		     "150}}]}",
		     "site_id,when,to_vendor,cost,funded\na,2021,Ericsson,500,\n"
		     "c,2023,Ericsson,,\n");
	struct findings f = run(s);
	const struct precheck_finding *x = find(
		&f, "ledger: own spend in 2021 is GBP 500.00, GBP 300.00 above the "
		    "GBP 200.00 available (carry-over included); the deficit carries "
		    "into 2022");
	assert_double_near(x->need, 500, 1e-9);
	assert_double_near(x->have, 200, 1e-9);
	x = find(&f, "ledger: own spend in 2023 is GBP 350.00, GBP 250.00 above its "
		     "budget GBP 200.00 less the deficit of GBP 100.00 carried from "
		     "2022; the deficit carries into 2024 (committed rows with an "
		     "empty funded cell counted less what the funds can pay of them)");
	assert_double_near(x->need, 350, 1e-9);
	assert_double_near(x->have, 100, 1e-9);
	for (size_t i = 0; i < f.count; i++) {
		assert_null(strstr(f.list[i].message, "own spend in 2022"));
		assert_null(strstr(f.list[i].message, "own spend in 2024"));
	}
	findings_free(&f);
	scenario_destroy(s);
}

/*
 * A deadline of 2021 with replan_from 2022: the ledger shows 'a' done in
 * 2021, so 'b' and 'c' (7 units) are late before the re-plan; a note.
 */
static void replan_check_should_report_deadlines_broken_before_the_replan(void **state)
{
	(void)state;
	struct scenario *s =
		load("\"deadlines\": [{\"domain\": \"ran\", \"year\": 2021}],\n"
		     "\"replan_from\": \"2022-01-01\", \"fixed\": \"fixed.csv\"}",
		     "site_id,when,to_vendor\na,2021,Ericsson\n");
	struct findings f = run(s);
	const struct precheck_finding *x = find(&f, "broken before the re-plan: ");
	assert_false(x->impossible);
	assert_int_equal(x->kind, PRECHECK_BROKEN);
	assert_non_null(strstr(x->message, "2 sites (7 units): 'b', 'c' late"));
	findings_free(&f);
	scenario_destroy(s);
}

/*
 * A cap of 50% of ran units from 2021 with replan_from 2023: the ledger
 * swaps 'a' in 2021 and 'c' in 2022, so at the end of 2021 'b' and 'c'
 * (7 of 9 units) are above 4.5; the first period end above is reported.
 * Without 'c' done by 2022 it would be the same finding; with 'c' swapped
 * in 2021 too, 2 of 9 units hold the cap and nothing is broken.
 */
static void replan_check_should_report_caps_broken_before_the_replan(void **state)
{
	(void)state;
	static const char json[] =
		"\"share_caps\": [{\"domain\": \"ran\", \"year\": 2021, "
		"\"max_share\": 0.5}],\n"
		"\"replan_from\": \"2023\", \"fixed\": \"fixed.csv\"}";
	struct scenario *s =
		load(json, "site_id,when,to_vendor\na,2021,Ericsson\nc,2022,Ericsson\n");
	struct findings f = run(s);
	const struct precheck_finding *x =
		find(&f, "broken before the re-plan: high-risk share of ran <= 50%");
	assert_non_null(strstr(x->message, "at the end of 2021 the high-risk share is "
					   "77.8% (7 of 9 units), above 50%"));
	assert_double_near(x->need, 7, 0);
	assert_double_near(x->have, 4.5, 1e-12);
	findings_free(&f);
	scenario_destroy(s);

	s = load(json, "site_id,when,to_vendor\na,2021,Ericsson\nc,2021,Ericsson\n");
	f = run(s);
	for (size_t i = 0; i < f.count; i++)
		assert_null(strstr(f.list[i].message, "high-risk share of ran"));
	findings_free(&f);
	scenario_destroy(s);
}

/*
 * A fund due by the end of 2022 (12 months after 2021-12-31 is
 * 2022-12-31) for all three sites, 900 at least; the own budget of 2021
 * and 2022 (2 x 100) and the fund's 500 pay at most 700 by then: a proof.
 * With a budget of 200 a year, 900 can be paid: no proof, a note.
 */
static void replan_check_should_prove_a_fund_deadline_money_cannot_meet(void **state)
{
	(void)state;
	static const char fund[] = "\"funds\": [{\"name\": \"F\", \"disbursements\": "
				   "{\"2021-12-31\": 500},\n"
				   " \"deadline\": {\"months_after_first\": 12}}]}";
	char *tail = xasprintf("\"budget\": 100, %s", fund);
	struct scenario *s = load(tail, NULL);
	free(tail);
	assert_int_equal(s->funds[0].final_p, 1);
	struct findings f = run(s);
	const struct precheck_finding *x =
		find(&f, "the deadline of fund 'F' cannot hold with every extension");
	assert_true(x->impossible);
	assert_double_near(x->need, 900, 1e-9);
	assert_double_near(x->have, 700, 1e-9);
	findings_free(&f);
	scenario_destroy(s);

	tail = xasprintf("\"budget\": 200, %s", fund);
	s = load(tail, NULL);
	free(tail);
	f = run(s);
	x = find(&f, "fund 'F': final date 2022-12-31 (12 months after the first "
		     "disbursement), binding at the end of 2022; nothing found");
	assert_false(x->impossible);
	for (size_t i = 0; i < f.count; i++)
		assert_false(f.list[i].impossible);
	findings_free(&f);
	scenario_destroy(s);
}

/*
 * The pre-check's own bounds count neither funds nor the ledger: 'a' and
 * 'b' cost more than a year's budget of 100, so without a fund the
 * deadline of 2022 is proven impossible; with a fund of 5,000 beside it
 * that proof is a note, and check finds nothing impossible.
 */
static size_t impossible_with(const char *funds, bool *demoted)
{
	char *tail = xasprintf("\"budget\": 100, \"deadlines\": [{\"domain\": \"ran\", "
			       "\"year\": 2022}]%s}",
			       funds);
	struct scenario *s = load(tail, NULL);
	free(tail);
	struct instance *in = instance_create(s, 1.0, true);
	struct precheck *pc = precheck_run(in);
	size_t n = pc->n_impossible;
	*demoted = false;
	for (size_t i = 0; i < pc->count; i++)
		*demoted |= !pc->findings[i].impossible &&
			    strstr(pc->findings[i].message, "(not proven: ") != NULL;
	precheck_destroy(pc);
	instance_destroy(in);
	scenario_destroy(s);
	return n;
}

static void precheck_should_not_prove_money_short_when_funds_may_pay(void **state)
{
	(void)state;
	bool demoted;
	assert_int_equal(impossible_with("", &demoted), 1);
	assert_false(demoted);
	assert_int_equal(impossible_with(",\n\"funds\": [{\"name\": \"F\", "
					 "\"disbursements\": {\"2021-01-01\": 5000}}]",
					 &demoted),
			 0);
	assert_true(demoted);
}

/*
 * The least extensions check proves, as a number for the solver
 * (replan_check_extensions_least()): 900 of swaps, no own money, 400
 * from 2021 and 500 more from 2023; only by the end of 2023 (two
 * extensions of 12 months past 2022-01-01) can they all be paid. With
 * 1,000 of own money a year (the instance's scaled budget) none is.
 */
static void replan_check_should_prove_the_least_extensions(void **state)
{
	(void)state;
	struct scenario *s =
		load("\"budget\": 0, \"funds\": [{\"name\": \"F\", \"disbursements\": "
		     "{\"2021-01-01\": 400, \"2023-01-01\": 500}, \"deadline\": "
		     "{\"months_after_first\": 12, \"extension_months\": 12, "
		     "\"max_extensions\": 3}}]}",
		     NULL);
	struct findings f = run(s);
	find(&f, "fund 'F': at least 2 of its 3 extensions needed (to 2024-01-01)");
	findings_free(&f);
	assert_int_equal(replan_check_extensions_least(s, 0, s->budget), 2);
	double rich[4] = {1000, 1000, 1000, 1000};
	assert_int_equal(replan_check_extensions_least(s, 0, rich), 0);
	scenario_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			replan_check_should_report_caps_broken_before_the_replan,
			testutil_enter_tempdir, testutil_leave_tempdir),
		cmocka_unit_test_setup_teardown(
			replan_check_should_list_ledger_facts_with_their_numbers,
			testutil_enter_tempdir, testutil_leave_tempdir),
		cmocka_unit_test_setup_teardown(
			replan_check_should_name_a_carried_deficit_only_where_the_ledger_spends,
			testutil_enter_tempdir, testutil_leave_tempdir),
		cmocka_unit_test_setup_teardown(
			replan_check_should_report_deadlines_broken_before_the_replan,
			testutil_enter_tempdir, testutil_leave_tempdir),
		cmocka_unit_test_setup_teardown(
			replan_check_should_prove_a_fund_deadline_money_cannot_meet,
			testutil_enter_tempdir, testutil_leave_tempdir),
		cmocka_unit_test_setup_teardown(
			precheck_should_not_prove_money_short_when_funds_may_pay,
			testutil_enter_tempdir, testutil_leave_tempdir),
		cmocka_unit_test_setup_teardown(
			replan_check_should_prove_the_least_extensions,
			testutil_enter_tempdir, testutil_leave_tempdir),
	};
	return cmocka_run_group_tests_name("replan_check", tests, NULL, NULL);
}
