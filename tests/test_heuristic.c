#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "plan/instance.h"
#include "plan/plan.h"
#include "solver/heuristic.h"
#include "util/xalloc.h"

#include "testscenario.h"

static void set_budget(struct scenario *s, double per_year)
{
	for (int i = 0; i < s->n_years; i++)
		s->budget[i] = per_year;
}

static void set_crews(struct scenario *s, double per_year)
{
	free(s->crews_default);
	s->crews_default = xmalloc((size_t)s->n_years * sizeof(double));
	for (int i = 0; i < s->n_years; i++)
		s->crews_default[i] = per_year;
}

/* Validate (which must pass: it resolves depends_on) and derive the
 * instance, with cohorts. */
static struct instance *instance_of(struct scenario *s)
{
	return make_instance(s, 1.0, true);
}

/* The year site 'id' goes in, 0 when it stays. */
static int year_of(const struct scenario *s, const struct site_decision *d, size_t n,
		   const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s->sites[d[i].site].id, id) == 0)
			return d[i].period < 0 ? 0 : s->start + d[i].period;
	fail_msg("no decision for site %s", id);
	return -1;
}

static bool every_rule_holds(const struct scenario *s, const struct site_decision *d,
			     size_t n)
{
	struct plan *p = plan_create(s, d, n, 1.0);
	bool ok = true;
	for (size_t i = 0; i < p->n_rules; i++)
		if (!p->rules[i].holds) {
			print_message("# rule fails: %s\n", p->rules[i].label);
			ok = false;
		}
	plan_destroy(p);
	return ok;
}

/* A, B and C depend on each other in a ring; D on nobody. */
static struct scenario *ring(void)
{
	struct scenario *s = make_scenario(2024, 2027);
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	add_site(s, "A", "north", "ran", "Huawei", 1, 0, NULL, "B");
	add_site(s, "B", "north", "ran", "Huawei", 1, 0, NULL, "C");
	add_site(s, "C", "north", "ran", "Huawei", 1, 0, NULL, "A");
	add_site(s, "D", "north", "ran", "Huawei", 1, 0, NULL, NULL);
	return s;
}

static void heuristic_should_swap_a_cycle_in_its_first_year(void **state)
{
	(void)state;
	struct scenario *s = ring(); /* unlimited money: everything at once */
	struct instance *in = instance_of(s);
	struct site_decision *d = NULL;
	size_t n = 0;
	assert_true(heuristic_plan(in, true, NULL, &d, &n));
	assert_int_equal(n, 4);
	assert_int_equal(year_of(s, d, n, "A"), 2024);
	assert_int_equal(year_of(s, d, n, "B"), 2024);
	assert_int_equal(year_of(s, d, n, "C"), 2024);
	assert_int_equal(year_of(s, d, n, "D"), 2024);
	assert_true(every_rule_holds(s, d, n));
	free(d);
	instance_destroy(in);
	scenario_destroy(s);
}

static void heuristic_should_swap_a_cycle_in_one_year_or_not_at_all(void **state)
{
	(void)state;
	/* Crews for three sites a year: the ring takes one year whole. */
	struct scenario *s = ring();
	set_crews(s, 3);
	struct instance *in = instance_of(s);
	struct site_decision *d = NULL;
	size_t n = 0;
	assert_true(heuristic_plan(in, false, NULL, &d, &n));
	int y = year_of(s, d, n, "A");
	assert_int_not_equal(y, 0);
	assert_int_equal(year_of(s, d, n, "B"), y);
	assert_int_equal(year_of(s, d, n, "C"), y);
	assert_int_not_equal(year_of(s, d, n, "D"), 0);
	assert_true(every_rule_holds(s, d, n));
	free(d);
	instance_destroy(in);
	scenario_destroy(s);

	/* Crews for two a year: the ring can never go, and is never split. */
	s = ring();
	set_crews(s, 2);
	in = instance_of(s);
	assert_true(heuristic_plan(in, false, NULL, &d, &n));
	assert_int_equal(year_of(s, d, n, "A"), 0);
	assert_int_equal(year_of(s, d, n, "B"), 0);
	assert_int_equal(year_of(s, d, n, "C"), 0);
	assert_int_equal(year_of(s, d, n, "D"), 2024);
	assert_true(every_rule_holds(s, d, n));
	free(d);
	instance_destroy(in);
	scenario_destroy(s);
}

/* S0 depends on S1, S1 on S2, ...: the last must go first. Money for a
 * third of the chain a year. */
static struct scenario *chain(int n_sites)
{
	struct scenario *s = make_scenario(2024, 2028);
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	for (int i = 0; i < n_sites; i++) {
		char id[32], dep[32];
		snprintf(id, sizeof(id), "S%d", i);
		snprintf(dep, sizeof(dep), "S%d", i + 1);
		add_site(s, id, "north", "ran", "Huawei", 1, 0, NULL,
			 i + 1 < n_sites ? dep : NULL);
	}
	set_budget(s, 10.0 * (n_sites / 3 + 1));
	return s;
}

struct stop_count {
	unsigned calls;
	bool answer;
};

static bool stop_cb(void *ctx)
{
	struct stop_count *c = ctx;
	c->calls++;
	return c->answer;
}

static void heuristic_should_stop_when_asked(void **state)
{
	(void)state;
	struct scenario *s = chain(5000);
	struct instance *in = instance_of(s);
	struct stop_count count = {0, true};
	struct heuristic_options o = {.hard = true, .stop = stop_cb, .stop_ctx = &count};
	struct site_decision *d = (struct site_decision *)&count; /* overwritten */
	size_t n = 99;
	assert_false(heuristic_plan_opts(in, &o, &d, &n));
	assert_null(d);
	assert_int_equal(n, 0);
	/* Stopped at the first question: asked once, not once a unit. */
	assert_int_equal(count.calls, 1);
	instance_destroy(in);
	scenario_destroy(s);
}

static void heuristic_should_plan_a_chain_in_order(void **state)
{
	(void)state;
	struct scenario *s = chain(5000);
	struct instance *in = instance_of(s);
	struct stop_count count = {0, false};
	struct heuristic_options o = {.hard = true, .stop = stop_cb, .stop_ctx = &count};
	struct site_decision *d = NULL;
	size_t n = 0;
	assert_true(heuristic_plan_opts(in, &o, &d, &n));
	assert_int_equal(n, 5000);
	assert_true(count.calls > 0);
	int *year = xcalloc(5000, sizeof(int));
	for (size_t i = 0; i < n; i++)
		year[atoi(s->sites[d[i].site].id + 1)] =
			d[i].period < 0 ? 0 : s->start + d[i].period;
	for (int i = 0; i + 1 < 5000; i++)
		assert_true(year[i + 1] && year[i + 1] <= year[i]);
	/* A third a year, the last sites of the chain first. */
	assert_int_equal(year[4999], 2024);
	assert_int_equal(year[0], 2026);
	assert_true(every_rule_holds(s, d, n));
	free(year);
	free(d);
	instance_destroy(in);
	scenario_destroy(s);
}

static void heuristic_should_meet_a_tight_cap_when_a_plan_exists(void **state)
{
	(void)state;
	/*
	 * At most 25% of the ran units high-risk from 2024: of 12 units, 6
	 * high-risk, so 3 must go in 2024, when the money (60) buys H1 and H2
	 * (30 each: 2 units, the most exposure per money) or L (4 units).
	 * Only L meets the cap.
	 */
	struct scenario *s = make_scenario(2024, 2026);
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	s->site_cost = xmalloc(sizeof(*s->site_cost));
	s->site_cost[0] = (struct domain_value){strpool_dup(&s->pool, "ran"), 20, 1};
	s->n_site_cost = 1;
	add_site(s, "H1", "north", "ran", "Huawei", 1, 0, NULL, NULL)->criticality = 10;
	add_site(s, "H2", "north", "ran", "Huawei", 1, 0, NULL, NULL)->criticality = 10;
	add_site(s, "L", "north", "ran", "Huawei", 4, 0, NULL, NULL);
	add_site(s, "T", "north", "ran", "Ericsson", 6, 0, NULL, NULL);
	set_budget(s, 60);
	s->caps = xcalloc(1, sizeof(*s->caps));
	s->caps[0].domains = xmalloc(sizeof(char *));
	s->caps[0].domains[0] = strpool_dup(&s->pool, "ran");
	s->caps[0].n_domains = 1;
	s->caps[0].year = 2024;
	s->caps[0].max_share = 0.25;
	s->caps[0].line = 5;
	s->n_caps = 1;
	struct instance *in = instance_of(s);
	struct site_decision *d = NULL;
	size_t n = 0;
	assert_true(heuristic_plan(in, true, NULL, &d, &n));
	assert_int_equal(year_of(s, d, n, "L"), 2024);
	assert_true(every_rule_holds(s, d, n));
	free(d);
	instance_destroy(in);
	scenario_destroy(s);
}

/*
 * A cluster's sites in one region use that region's crews together, also
 * when they are of different domains (different parts of its group): with
 * one crew a year, the two-site cluster never fits, and the lone site S
 * takes the crew. The heuristic once counted the crews part by part and
 * swapped the cluster in the first year.
 */
static void heuristic_should_count_a_clusters_crews_over_its_domains(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2025);
	add_vendor(s, "Ericsson", "ran core", 10, INFINITY);
	add_site(s, "R", "north", "ran", "Huawei", 6, 0, "c1", NULL)->criticality = 10;
	add_site(s, "C", "north", "core", "Huawei", 1, 0, "c1", NULL)->criticality = 10;
	add_site(s, "S", "north", "ran", "Huawei", 1, 0, NULL, NULL);
	set_crews(s, 1);
	struct instance *in = instance_of(s);
	struct site_decision *d = NULL;
	size_t n = 0;
	assert_true(heuristic_plan(in, false, NULL, &d, &n));
	assert_int_equal(year_of(s, d, n, "R"), 0);
	assert_int_equal(year_of(s, d, n, "C"), 0);
	assert_int_equal(year_of(s, d, n, "S"), 2024);
	free(d);
	instance_destroy(in);
	scenario_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(heuristic_should_swap_a_cycle_in_its_first_year),
		cmocka_unit_test(heuristic_should_swap_a_cycle_in_one_year_or_not_at_all),
		cmocka_unit_test(heuristic_should_stop_when_asked),
		cmocka_unit_test(heuristic_should_plan_a_chain_in_order),
		cmocka_unit_test(heuristic_should_meet_a_tight_cap_when_a_plan_exists),
		cmocka_unit_test(
			heuristic_should_count_a_clusters_crews_over_its_domains),
	};
	return cmocka_run_group_tests_name("heuristic", tests, NULL, NULL);
}
