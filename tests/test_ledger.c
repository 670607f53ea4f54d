#include "testutil.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/load.h"
#include "input/scenario.h"
#include "util/diag.h"
#include "util/xalloc.h"

/*
 * The ledger (input/ledger.c) read through load_scenario(), in a fresh
 * folder so that messages name the files as a user there sees them.
 * Quarters of 2021-2024; replan_from 2022-Q1 is period 4.
 */
#define JSON_HEAD                                                                    \
	"{\"format\": \"phaseout-scenario/2\", \"name\": \"t\",\n"                   \
	"\"horizon\": {\"start\": 2021, \"end\": 2024}, \"periods\": \"quarter\",\n" \
	"\"sites\": \"sites.csv\", \"high_risk_vendors\": [\"Huawei\"],\n"           \
	"\"vendors\": [{\"name\": \"Ericsson\", \"unit_cost\": {\"ran\": 100}},\n"   \
	"  {\"name\": \"Nokia\", \"unit_cost\": {\"ran\": 90, \"core\": 300}}],\n"   \
	"\"site_cost\": {\"ran\": 50}, \"cost_escalation\": 0.1,\n"                  \
	"\"funds\": [{\"name\": \"G\", \"disbursements\": {\"2021-01-01\": 1000}}],\n"

#define SITES                                          \
	"site_id,region,domain,vendor,units,cluster\n" \
	"a,north,ran,Huawei,2,\n"                      \
	"b,north,ran,Huawei,1,k\n"                     \
	"c,north,ran,Huawei,3,k\n"                     \
	"d,south,core,Huawei,1,\n"                     \
	"e,south,ran,Ericsson,4,\n"

/* load: write the three files, load them; the problems go to '*problems'
 * ("" for none), the scenario (NULL on problems) is returned. */
static struct scenario *load(const char *json_tail, const char *sites, const char *fixed,
			     char **problems)
{
	char *json = xasprintf("%s%s", JSON_HEAD, json_tail);
	free(testutil_write_file(".", "scenario.json", json));
	free(json);
	free(testutil_write_file(".", "sites.csv", sites));
	free(testutil_write_file(".", "fixed.csv", fixed));
	struct diag d;
	diag_init(&d);
	struct scenario *s = load_scenario("scenario.json", &d);
	assert_int_equal(s == NULL, diag_count(&d) != 0);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	if (diag_count(&d))
		diag_print(&d, f);
	assert_int_equal(fclose(f), 0);
	diag_finish(&d);
	*problems = buf;
	return s;
}

static void ledger_should_load_done_and_committed_rows(void **state)
{
	(void)state;
	char *problems;
	struct scenario *s =
		load("\"replan_from\": \"2022-Q1\", \"fixed\": \"fixed.csv\"}", SITES,
		     "site_id,when,to_vendor,cost,funded\n"
		     "a,2021-05-20,Ericsson,,G=100\n"
		     "b,2022-Q3,Nokia,,\n"
		     "c,2022-07-01,Nokia,,\n"
		     "d,2021-Q4,Nokia,1234.5, G = 200 ;;\n",
		     &problems);
	assert_string_equal(problems, "");
	free(problems);
	assert_int_equal(s->replan_p, 4);
	assert_int_equal(s->n_fixed, 4);
	assert_int_equal(s->fixed_col.funded, 5);

	const struct ledger_row *a = &s->fixed[0];
	assert_string_equal(s->sites[a->site].id, "a");
	assert_int_equal(a->p, 1); /* 2021-Q2 */
	assert_true(a->done);
	assert_string_equal(s->vendors[a->vendor].name, "Ericsson");
	assert_true(isnan(a->cost));
	/* The model's cost: (50 + 2 x 100) x 1.1^0.25. */
	assert_double_near(ledger_row_cost(s, a), 250 * pow(1.1, 0.25), 1e-9);
	assert_int_equal(a->n_pay, 1);
	assert_string_equal(s->fixed_pays[a->pay_first].fund_name, "G");
	assert_int_equal(s->fixed_pays[a->pay_first].fund, 0);
	assert_double_near(s->fixed_pays[a->pay_first].amount, 100, 0);

	const struct ledger_row *b = &s->fixed[1], *c = &s->fixed[2];
	assert_int_equal(b->p, 6);
	assert_int_equal(c->p, 6);
	assert_false(b->done);
	assert_false(c->done);
	/* Nokia: (50 + 3 x 90) x 1.1^1.5 for c. */
	assert_double_near(ledger_row_cost(s, c), 320 * pow(1.1, 1.5), 1e-9);

	const struct ledger_row *d = &s->fixed[3];
	assert_int_equal(d->p, 3);
	assert_true(d->done);
	assert_double_near(ledger_row_cost(s, d), 1234.5, 0); /* as written */
	assert_int_equal(d->n_pay, 1);
	assert_double_near(s->fixed_pays[d->pay_first].amount, 200, 0);
	scenario_destroy(s);
}

/* Without replan_from every row is committed. */
static void ledger_should_commit_every_row_without_replan_from(void **state)
{
	(void)state;
	char *problems;
	struct scenario *s = load("\"fixed\": \"fixed.csv\"}", SITES,
				  "when,site_id,to_vendor\n2021-Q1,a,Nokia\n", &problems);
	assert_string_equal(problems, "");
	free(problems);
	assert_int_equal(s->replan_p, 0);
	assert_int_equal(s->n_fixed, 1);
	assert_int_equal(s->fixed[0].p, 0);
	assert_false(s->fixed[0].done);
	assert_int_equal(s->fixed[0].n_pay, 0);
	scenario_destroy(s);
}

/*
 * A row's payments are checked against its cost in cents, also when the
 * cost is the model's: (50 + 90) x 1.1^0 = 140.00 for a in 2021-Q1 with
 * Nokia, so 140.00 passes and 140.01 does not.
 */
static void ledger_should_check_payments_against_the_models_cost(void **state)
{
	(void)state;
	char *problems;
	struct scenario *s =
		load("\"fixed\": \"fixed.csv\"}",
		     "site_id,region,domain,vendor,units\na,north,ran,Huawei,1\n",
		     "site_id,when,to_vendor,funded\na,2021-Q1,Nokia,G=140\n", &problems);
	assert_string_equal(problems, "");
	free(problems);
	scenario_destroy(s);
	s = load("\"fixed\": \"fixed.csv\"}",
		 "site_id,region,domain,vendor,units\na,north,ran,Huawei,1\n",
		 "site_id,when,to_vendor,funded\na,2021-Q1,Nokia,G=140.01\n", &problems);
	assert_null(s);
	assert_string_equal(problems,
			    "fixed.csv:2:4: funded pays GBP 140.01 in all, more "
			    "than the row's cost GBP 140.00\n");
	free(problems);
}

/* A missing ledger file is an input error at its path; the other files'
 * problems are reported beside it. */
static void ledger_should_report_a_missing_file_beside_other_problems(void **state)
{
	(void)state;
	char *problems;
	struct scenario *s =
		load("\"fixed\": \"none.csv\"}",
		     "site_id,region,domain,vendor,units\na,north,ran,Huawei,x\n", "",
		     &problems);
	assert_null(s);
	assert_non_null(strstr(problems, "none.csv"));
	assert_non_null(strstr(problems, "sites.csv:2:5: units 'x'"));
	free(problems);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			ledger_should_load_done_and_committed_rows,
			testutil_enter_tempdir, testutil_leave_tempdir),
		cmocka_unit_test_setup_teardown(
			ledger_should_commit_every_row_without_replan_from,
			testutil_enter_tempdir, testutil_leave_tempdir),
		cmocka_unit_test_setup_teardown(
			ledger_should_check_payments_against_the_models_cost,
			testutil_enter_tempdir, testutil_leave_tempdir),
		cmocka_unit_test_setup_teardown(
			ledger_should_report_a_missing_file_beside_other_problems,
			testutil_enter_tempdir, testutil_leave_tempdir),
	};
	return cmocka_run_group_tests_name("ledger", tests, NULL, NULL);
}
