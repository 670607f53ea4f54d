#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "plan/instance.h"
#include "plan/plan.h"
#include "solver/diagnose.h"
#include "solver/model.h"
#include "solver/solve.h"
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diagnose_should_name_the_deadline_and_the_money),
		cmocka_unit_test(diagnose_should_name_vendor_capacity_when_it_binds),
	};
	return cmocka_run_group_tests_name("diagnose", tests, NULL, NULL);
}
