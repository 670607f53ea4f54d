#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/load.h"
#include "input/scenario.h"
#include "output/report.h"
#include "plan/instance.h"
#include "plan/plan.h"
#include "solver/diagnose.h"
#include "solver/model.h"
#include "solver/solve.h"
#include "util/diag.h"
#include "util/xalloc.h"

#include "testscenario.h"

/*
 * diagnose_plan on the closest plan of an infeasible tiny scenario, as
 * 'phaseout plan' builds it (the elastic model, solved): which rule
 * breaks, by how much, and what binds. Two core sites are due by 2024 and
 * one can go that year, for want of money or of vendor capacity
 * (make_two_core_sites_due_2024).
 */

/* The diagnosed closest plan of 's'. */
static struct plan *diagnosed(const struct scenario *s, const struct instance *in)
{
	struct model *m = model_create(in, MODEL_ELASTIC);
	struct solve_options o = {0};
	struct solve_result r;
	assert_true(solve_model(m, &o, &r));
	assert_int_equal(r.status, PLAN_OPTIMAL);
	struct plan *p = plan_create(s, r.decisions, r.n_decisions, 1.0);
	p->status = PLAN_INFEASIBLE;
	diagnose_plan(p, in);
	solve_result_finish(&r);
	model_destroy(m);
	return p;
}

static void assert_starts_with(const char *text, const char *prefix)
{
	if (strncmp(text, prefix, strlen(prefix)) != 0)
		fail_msg("'%s' does not start with '%s'", text, prefix);
}

static void assert_contains(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("'%s' does not contain '%s'", text, part);
}

/* The broken rule: one site, one unit, late. */
static void assert_core_deadline_broken_by_one(const struct plan *p)
{
	assert_int_equal(p->n_rules, 1);
	const struct plan_rule *r = &p->rules[0];
	assert_int_equal(r->kind, RULE_DEADLINE);
	assert_int_equal(r->year, 2024);
	assert_false(r->holds);
	assert_int_equal(r->sites_late, 1);
	assert_int_equal(r->units_late, 1);
	assert_double_near(p->violation, 1, 0);
}

static void diagnose_should_name_the_deadline_and_the_money(void **state)
{
	(void)state;
	struct scenario *s = make_two_core_sites_due_2024(10, INFINITY);
	struct instance *in = make_instance(s, 1.0, true);
	struct plan *p = diagnosed(s, in);
	assert_core_deadline_broken_by_one(p);
	/* What no plan can do (precheck), then the broken rule in the words
	 * of its label, then what binds, with the amounts. */
	assert_int_equal(p->n_diagnosis, 3);
	assert_starts_with(p->diagnosis[0], "proven impossible: ");
	assert_contains(p->diagnosis[0], "2024");
	char *want = xasprintf("%s: cannot hold; in the closest plan, high-risk sites "
			       "late: 1 (1 unit)",
			       p->rules[0].label);
	assert_string_equal(p->diagnosis[1], want);
	free(want);
	assert_starts_with(p->diagnosis[2], "  money binds: ");
	assert_contains(p->diagnosis[2],
			"spends GBP 10.00 of the GBP 10.00 budgeted up to 2024");
	assert_contains(p->diagnosis[2],
			"the late sites alone would cost at least GBP 10.00");
	plan_destroy(p);
	instance_destroy(in);
	scenario_destroy(s);
}

static void diagnose_should_name_vendor_capacity_when_it_binds(void **state)
{
	(void)state;
	struct scenario *s = make_two_core_sites_due_2024(100, 1);
	struct instance *in = make_instance(s, 1.0, true);
	struct plan *p = diagnosed(s, in);
	assert_core_deadline_broken_by_one(p);
	assert_int_equal(p->n_diagnosis, 3);
	assert_starts_with(p->diagnosis[0], "proven impossible: ");
	assert_contains(p->diagnosis[1], ": cannot hold; in the closest plan");
	assert_string_equal(p->diagnosis[2],
			    "  vendor capacity binds: units left to install up to 2024: "
			    "Ericsson 0 of 1; the late sites have 1 unit");
	/* Money does not bind, so it is not blamed. */
	for (size_t i = 0; i < p->n_diagnosis; i++)
		assert_null(strstr(p->diagnosis[i], "money binds"));
	plan_destroy(p);
	instance_destroy(in);
	scenario_destroy(s);
}

/* ---- Version 2: the diagnosis in periods. ---- */

/* A version 2 scenario in quarters over 2024-2025 with one trusted
 * vendor (Ericsson, ran at 100 a unit): 'rules' are scenario.json members
 * (each ending in a comma), 'csv' the whole sites.csv. Loaded from files
 * in 'dir' as phaseout reads them. */
static struct scenario *load_v2(const char *dir, const char *rules, const char *csv)
{
	char *json = xasprintf("{\n"
			       "  \"format\": \"phaseout-scenario/2\",\n"
			       "  \"name\": \"v2\",\n"
			       "  \"periods\": \"quarter\",\n"
			       "  \"horizon\": {\"start\": 2024, \"end\": 2025},\n"
			       "  \"sites\": \"sites.csv\",\n"
			       "  \"high_risk_vendors\": [\"Huawei\"],\n"
			       "  %s\n"
			       "  \"vendors\": [{\"name\": \"Ericsson\", \"unit_cost\": "
			       "{\"ran\": 100}}]\n"
			       "}\n",
			       rules);
	char *jp = testutil_write_file(dir, "scenario.json", json);
	free(testutil_write_file(dir, "sites.csv", csv));
	struct diag d;
	diag_init(&d);
	struct scenario *s = load_scenario(jp, &d);
	if (!s)
		for (size_t i = 0; i < d.count; i++)
			print_message("# load: %s\n", d.items[i].message);
	assert_non_null(s);
	diag_finish(&d);
	free(json);
	free(jp);
	return s;
}

static void show_diagnosis(const struct plan *p)
{
	for (size_t i = 0; i < p->n_diagnosis; i++)
		print_message("# diagnosis: %s\n", p->diagnosis[i]);
}

/*
 * Three sites of 100 due by 31 Jul 2024 (which binds at the end of
 * 2024-Q2); the budget's period keys allow 100 in each of 2024-Q1 and Q2,
 * whatever the year's 1,000. The diagnosis names the rule with its date
 * and where it binds, one site late, and the money of the two quarters.
 */
static void diagnose_should_count_money_up_to_a_dated_rules_period(void **state)
{
	(void)state;
	char *dir = testutil_tempdir();
	struct scenario *s = load_v2(
		dir,
		"\"budget\": {\"default\": 1000, \"2024-Q1\": 100, \"2024-Q2\": 100},\n"
		"  \"deadlines\": [{\"domain\": \"*\", \"date\": \"2024-07-31\"}],",
		"site_id,region,domain,vendor,units\n"
		"A,north,ran,Huawei,1\nB,north,ran,Huawei,1\nC,north,ran,Huawei,1\n");
	struct instance *in = instance_create(s, 1.0, true);
	struct plan *p = diagnosed(s, in);
	if (p->n_diagnosis != 3)
		if (p->n_diagnosis != 4)
			show_diagnosis(p);
	assert_int_equal(p->n_rules, 1);
	assert_int_equal(p->rules[0].period, 1);
	assert_int_equal(p->rules[0].sites_late, 1);
	assert_int_equal(p->n_diagnosis, 3);
	assert_string_equal(
		p->diagnosis[0],
		"proven impossible: all high-risk sites swapped by 31 Jul 2024 "
		"cannot hold: the high-risk sites due by 2024-Q2 cost at least "
		"GBP 300.00 (each at its cheapest vendor and period), but at "
		"most GBP 200.00 can be spent in 2024-Q1 to 2024-Q2: GBP 100.00 "
		"short");
	assert_string_equal(
		p->diagnosis[1],
		"all high-risk sites swapped by 31 Jul 2024 (binds at the end "
		"of 2024-Q2): cannot hold; in the closest plan, high-risk sites "
		"late: 1 (1 unit)");
	assert_string_equal(
		p->diagnosis[2],
		"  money binds: the closest plan spends GBP 200.00 of the GBP "
		"200.00 budgeted up to 2024-Q2, and the late sites alone would "
		"cost at least GBP 100.00");
	/* The text report's rule line says where the figure stands. */
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_true(report_text_write(p, f));
	fclose(f);
	assert_contains(text, "  fails  all high-risk sites swapped by 31 Jul 2024: 1 HR "
			      "units left at the end of 2024-Q2 (1 site, 1 unit late)\n");
	free(text);
	plan_destroy(p);
	instance_destroy(in);
	scenario_destroy(s);
	testutil_rmtree(dir);
	free(dir);
}

/*
 * Two sites due by their own deadline, 31 Mar 2024 (2024-Q1), and crews
 * for one site in 2024-Q1 (a period key under the year's 10). The closest
 * plan swaps A (2 units, more exposure) then; B is late, named with its
 * date and line, and the crews of 2024-Q1 bind.
 */
static void diagnose_should_name_sites_late_against_their_own_deadline(void **state)
{
	(void)state;
	char *dir = testutil_tempdir();
	struct scenario *s = load_v2(
		dir, "\"crews\": {\"default\": 10, \"2024-Q1\": 1},",
		"site_id,region,domain,vendor,units,deadline\n"
		"A,north,ran,Huawei,2,2024-03-31\nB,north,ran,Huawei,1,2024-03-31\n");
	struct instance *in = instance_create(s, 1.0, true);
	struct plan *p = diagnosed(s, in);
	show_diagnosis(p);
	assert_int_equal(p->n_rules, 1);
	assert_int_equal(p->rules[0].sites_late, 1);
	assert_int_equal(p->rules[0].units_late, 1);
	assert_int_equal(p->n_diagnosis, 4);
	assert_starts_with(p->diagnosis[0],
			   "proven impossible: high-risk sites swapped by their own "
			   "deadline (sites 'A' by 31 Mar 2024, line 2 of ");
	assert_contains(
		p->diagnosis[0],
		"cannot hold: 2 high-risk sites in region 'north' are due by "
		"2024-Q1, but its crews can swap at most 1 site in 2024-Q1: 1 site "
		"short");
	assert_string_equal(
		p->diagnosis[1],
		"high-risk sites swapped by their own deadline: cannot hold; in "
		"the closest plan, high-risk sites late: 1 (1 unit)");
	assert_string_equal(p->diagnosis[2], "  late against their own deadline: 'B' "
					     "(31 Mar 2024, line 3)");
	assert_string_equal(
		p->diagnosis[3],
		"  crews bind in region 'north': 1 of the 1 site swaps its "
		"crews can make up to 2024-Q1 are used; 1 late site is there");
	/* The text report's rule line says where the figure stands. */
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_true(report_text_write(p, f));
	fclose(f);
	assert_contains(text,
			"  fails  high-risk sites swapped by their own deadline: 1 HR "
			"units left after their deadlines (1 site, 1 unit late)\n");
	free(text);
	plan_destroy(p);
	instance_destroy(in);
	scenario_destroy(s);
	testutil_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diagnose_should_name_the_deadline_and_the_money),
		cmocka_unit_test(diagnose_should_name_vendor_capacity_when_it_binds),
		cmocka_unit_test(diagnose_should_count_money_up_to_a_dated_rules_period),
		cmocka_unit_test(
			diagnose_should_name_sites_late_against_their_own_deadline),
	};
	return cmocka_run_group_tests_name("diagnose", tests, NULL, NULL);
}
