#include "testutil.h"
#include "testscenario.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/load.h"
#include "input/scenario.h"
#include "plan/ledger_money.h"
#include "util/diag.h"
#include "util/xalloc.h"

/*
 * The money of a ledger alone (plan/ledger_money.c): scenarios written to
 * a fresh folder and loaded whole. Yearly periods of 2021-2024, a budget
 * of 200 a year unless a case says otherwise, replan_from 2023; Ericsson
 * costs 100 a unit.
 */
#define HEAD                                                                        \
	"{\"format\": \"phaseout-scenario/2\", \"name\": \"t\",\n"                  \
	"\"horizon\": {\"start\": 2021, \"end\": 2024},\n"                          \
	"\"sites\": \"sites.csv\", \"high_risk_vendors\": [\"Huawei\"],\n"          \
	"\"vendors\": [{\"name\": \"Ericsson\", \"unit_cost\": {\"ran\": 100}}],\n" \
	"\"replan_from\": \"2023\", \"fixed\": \"fixed.csv\",\n"

#define SITES                                  \
	"site_id,region,domain,vendor,units\n" \
	"a,north,ran,Huawei,2\n"               \
	"b,north,ran,Huawei,2\n"               \
	"c,north,ran,Huawei,5\n"               \
	"d,north,ran,Huawei,1\n"

static struct scenario *load(const char *tail, const char *fixed)
{
	char *json = xasprintf("%s%s", HEAD, tail);
	struct scenario *s = load_files(json, SITES, fixed);
	free(json);
	return s;
}

/* A fund G of 300 from 2021 (half of each swap at most) and 400 more
 * from 2023; the ledger: 'a' done in 2021 (200, G paid 100), 'b' done in
 * 2022 at a written 500 (own money), 'c' committed in 2023 (500, its
 * split the planner's). */
#define FUND                                                                \
	"\"funds\": [{\"name\": \"G\", \"share\": 0.5, \"disbursements\": " \
	"{\"2021-01-01\": 300, \"2023-01-01\": 400}}]"
#define LEDGER                                 \
	"site_id,when,to_vendor,cost,funded\n" \
	"a,2021,Ericsson,,G=100\n"             \
	"b,2022,Ericsson,500,\n"               \
	"c,2023,Ericsson,,\n"

/* Done rows at their cost less their items; a committed row with an empty
 * cell less what G pays of it first: half of 500, within the 600 G has
 * left (700 disbursed by 2023, 100 paid by the ledger). */
static void ledger_money_should_split_a_committed_row_as_an_offer_is_paid(void **state)
{
	(void)state;
	struct scenario *s =
		load("\"budget\": 200, \"carry_over\": true, " FUND "}", LEDGER);
	double own[4];
	ledger_money_own(s, s->replan_p, own);
	assert_double_near(own[0], 100, 1e-9);
	assert_double_near(own[1], 500, 1e-9);
	assert_double_near(own[2], 250, 1e-9);
	assert_double_near(own[3], 0, 1e-9);
	/* G's room for the planner: 300 - 100 by 2021-2022, 700 - 100 from
	 * 2023 on; the least over later periods. */
	assert_double_near(ledger_money_room_by(s, 0, 0), 200, 1e-9);
	assert_double_near(ledger_money_room_by(s, 0, 2), 600, 1e-9);
	scenario_destroy(s);
}

/*
 * With carry_over, history leaves 2021 100 (200 - 100) and 2022 a deficit
 * of 200 (200 + 100 - 500), carried into 2023, whose money is then 0 and
 * whose committed 'c' spends at least 250 of it (G pays at most half): a
 * deficit of 250 carries on, so the planner has no own money by the end
 * of 2023, and by the end of 2024 what 2024's money leaves of it: none of
 * a budget of 200, 150 of a budget of 400.
 */
static void ledger_money_should_count_the_deficit_history_carries(void **state)
{
	(void)state;
	struct scenario *s =
		load("\"budget\": 200, \"carry_over\": true, " FUND "}", LEDGER);
	assert_double_near(ledger_money_planner_own_by(s, s->budget, s->replan_p, 2), 0,
			   1e-9);
	assert_double_near(ledger_money_planner_own_by(s, s->budget, s->replan_p, 3), 0,
			   1e-9);
	scenario_destroy(s);
	s = load("\"budget\": {\"default\": 200, \"2024\": 400}, \"carry_over\": "
		 "true, " FUND "}",
		 LEDGER);
	assert_double_near(ledger_money_planner_own_by(s, s->budget, s->replan_p, 2), 0,
			   1e-9);
	assert_double_near(ledger_money_planner_own_by(s, s->budget, s->replan_p, 3), 150,
			   1e-9);
	scenario_destroy(s);
}

/* Without carry_over every year stands alone: 2023 has 200 against the
 * ledger's 250 (nothing for the planner), 2024 its 200. */
static void ledger_money_should_forgive_a_deficit_without_carry_over(void **state)
{
	(void)state;
	struct scenario *s = load("\"budget\": 200, " FUND "}", LEDGER);
	assert_double_near(ledger_money_planner_own_by(s, s->budget, s->replan_p, 2), 0,
			   1e-9);
	assert_double_near(ledger_money_planner_own_by(s, s->budget, s->replan_p, 3), 200,
			   1e-9);
	scenario_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			ledger_money_should_split_a_committed_row_as_an_offer_is_paid,
			testutil_enter_tempdir, testutil_leave_tempdir),
		cmocka_unit_test_setup_teardown(
			ledger_money_should_count_the_deficit_history_carries,
			testutil_enter_tempdir, testutil_leave_tempdir),
		cmocka_unit_test_setup_teardown(
			ledger_money_should_forgive_a_deficit_without_carry_over,
			testutil_enter_tempdir, testutil_leave_tempdir),
	};
	return cmocka_run_group_tests_name("ledger_money", tests, NULL, NULL);
}
