#include "testutil.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/baseline.h"
#include "input/scenario.h"
#include "plan/instance.h"
#include "util/xalloc.h"

#include "testscenario.h"

/* The group that holds site 'id'; fails the test when none does. */
static const struct group *group_of(const struct instance *in, const char *id)
{
	const struct scenario *s = in->scenario;
	for (size_t g = 0; g < in->n_groups; g++) {
		const struct group *gr = &in->groups[g];
		for (uint32_t k = gr->first_site; k < gr->first_site + gr->n_sites; k++)
			if (strcmp(s->sites[in->group_sites[k]].id, id) == 0)
				return gr;
	}
	fail_msg("no group holds site %s", id);
	return NULL;
}

static bool in_a_group(const struct instance *in, const char *id)
{
	const struct scenario *s = in->scenario;
	for (size_t k = 0; k < in->n_group_sites; k++)
		if (strcmp(s->sites[in->group_sites[k]].id, id) == 0)
			return true;
	return false;
}

/*
 * A and B are interchangeable; each of C to F differs from them in one
 * thing a rule sees (units, region, earliest year, a dependency); X is
 * trusted already.
 */
static struct scenario *mixed_sites(void)
{
	struct scenario *s = make_scenario(2024, 2027);
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	add_site(s, "B", "north", "ran", "Huawei", 2, 0, NULL, NULL);
	add_site(s, "A", "north", "ran", "Huawei", 2, 0, NULL, NULL);
	add_site(s, "C", "north", "ran", "Huawei", 3, 0, NULL, NULL);
	add_site(s, "D", "south", "ran", "Huawei", 2, 0, NULL, NULL);
	add_site(s, "E", "north", "ran", "Huawei", 2, 2026, NULL, NULL);
	add_site(s, "F", "north", "ran", "Huawei", 2, 0, NULL, "D");
	add_site(s, "X", "north", "ran", "Ericsson", 2, 0, NULL, NULL);
	return s;
}

static void instance_should_merge_only_interchangeable_sites(void **state)
{
	(void)state;
	struct scenario *s = mixed_sites();
	struct instance *in = make_instance(s, 1.0, true);

	/* {A, B}, C, D, E, F: five groups; X is not high-risk. */
	assert_int_equal(in->n_groups, 5);
	assert_false(in_a_group(in, "X"));
	const struct group *ab = group_of(in, "A");
	assert_ptr_equal(ab, group_of(in, "B"));
	assert_int_equal(ab->multiplicity, 2);
	assert_int_equal(ab->n_sites, 2);
	/* Members are sorted by site_id; figures are per member. */
	assert_string_equal(s->sites[in->group_sites[ab->first_site]].id, "A");
	assert_int_equal(ab->units, 2);
	assert_int_equal(ab->sites, 1);
	assert_double_near(ab->weight, 2.0, 0);
	const char *alone[] = {"C", "D", "E", "F"};
	for (size_t i = 0; i < 4; i++) {
		const struct group *gr = group_of(in, alone[i]);
		assert_ptr_not_equal(gr, ab);
		assert_int_equal(gr->multiplicity, 1);
		assert_int_equal(gr->n_sites, 1);
	}
	assert_int_equal(group_of(in, "C")->units, 3);
	assert_int_equal(group_of(in, "E")->earliest_p, 2);
	/* F depends on D: one dependency between their groups. */
	assert_int_equal(in->n_deps, 1);
	assert_ptr_equal(&in->groups[in->deps[0].from], group_of(in, "F"));
	assert_ptr_equal(&in->groups[in->deps[0].to], group_of(in, "D"));
	assert_int_equal(in->hr_units_total, 13);
	assert_int_equal(in->hr_sites_total, 6);
	assert_int_equal(in->all_units_total, 15);
	instance_destroy(in);

	/* Without aggregation every site is its own group. */
	in = make_instance(s, 1.0, false);
	assert_int_equal(in->n_groups, 6);
	for (size_t g = 0; g < in->n_groups; g++)
		assert_int_equal(in->groups[g].multiplicity, 1);
	instance_destroy(in);
	scenario_destroy(s);
}

/* K1 and K2, one cluster across two regions and domains, are one unit
 * summing both; the cluster is never merged with a look-alike single site. */
static void instance_should_make_a_cluster_one_unit(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2027);
	add_vendor(s, "Nokia", "ran core", 20, INFINITY);
	add_site(s, "K2", "south", "core", "Huawei", 3, 2026, "k", NULL);
	add_site(s, "K1", "north", "ran", "Huawei", 2, 2025, "k", NULL);
	add_site(s, "L", "north", "ran", "Huawei", 2, 2025, NULL, NULL);
	add_deadline(s, "ran", 2027, 5);
	add_deadline(s, "core", 2026, 6);
	struct instance *in = make_instance(s, 1.0, true);

	assert_int_equal(in->n_groups, 2);
	const struct group *k = group_of(in, "K1");
	assert_ptr_equal(k, group_of(in, "K2"));
	assert_ptr_not_equal(k, group_of(in, "L"));
	assert_string_equal(k->cluster, "k");
	assert_int_equal(k->multiplicity, 1);
	assert_int_equal(k->n_sites, 2);
	assert_int_equal(k->units, 5);
	assert_int_equal(k->sites, 2);
	assert_double_near(k->weight, 5.0, 0);
	assert_int_equal(k->n_parts, 2);
	/* The latest earliest_year of its sites, the earliest deadline of its
	 * domains. */
	assert_int_equal(k->earliest_p, 2);
	assert_int_equal(k->deadline_p, 2); /* the end of 2026 */
	assert_int_equal(group_of(in, "L")->deadline_p, 3);
	instance_destroy(in);
	scenario_destroy(s);
}

/* A cluster of 2 ran units and 3 core units: Ericsson lists no core, so it
 * cannot take it; Nokia's price is 5 x 20 plus the ran site cost. */
static void instance_should_cost_each_vendor(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2027);
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	add_vendor(s, "Nokia", "ran core", 20, INFINITY);
	add_site(s, "K1", "north", "ran", "Huawei", 2, 0, "k", NULL);
	add_site(s, "K2", "north", "core", "Huawei", 3, 0, "k", NULL);
	add_site(s, "R", "north", "ran", "Huawei", 4, 0, NULL, NULL);
	s->site_cost = xmalloc(sizeof(*s->site_cost));
	s->site_cost[0] = (struct domain_value){"ran", 100, 7};
	s->n_site_cost = 1;
	s->cost_escalation = 0.1;
	s->discount_rate = 0.05;
	for (int y = 0; y < s->n_years; y++)
		s->budget[y] = 1000 * (y + 1);
	struct instance *in = make_instance(s, 0.5, true);

	assert_int_equal(in->n_vendors, 2);
	size_t k = (size_t)(group_of(in, "K1") - in->groups);
	size_t r = (size_t)(group_of(in, "R") - in->groups);
	assert_true(isnan(instance_cost(in, k, 0, 0)));
	assert_true(isnan(instance_pv(in, k, 0, 3)));
	assert_double_near(instance_cost(in, k, 1, 0), 200, 1e-9);
	assert_double_near(instance_cost(in, k, 1, 2), 200 * 1.21, 1e-9);
	assert_double_near(instance_pv(in, k, 1, 2), 200 * 1.21 / 1.1025, 1e-9);
	assert_double_near(instance_cost(in, r, 0, 0), 4 * 10 + 100, 1e-9);
	assert_double_near(instance_cost(in, r, 1, 1), (4 * 20 + 100) * 1.1, 1e-9);
	/* Budgets are scaled. */
	assert_double_near(in->budget[0], 500, 0);
	assert_double_near(in->budget[3], 2000, 0);
	instance_destroy(in);
	scenario_destroy(s);
}

/*
 * The effective deadline: a deadline rule, or with the cost objective the
 * horizon's end when that comes first, for a group and for a site alike.
 */
static void instance_should_end_every_deadline_at_the_horizon_for_cost(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2027);
	add_vendor(s, "Ericsson", "ran core transport", 10, INFINITY);
	add_site(s, "R", "north", "ran", "Huawei", 1, 0, NULL, NULL);
	add_site(s, "C", "north", "core", "Huawei", 1, 0, NULL, NULL);
	add_site(s, "T", "north", "transport", "Huawei", 1, 0, NULL, NULL);
	add_deadline(s, "ran", 2026, 5);
	add_deadline(s, "transport", 2030, 6);
	const char *ids[] = {"R", "C", "T"};

	struct instance *in = make_instance(s, 1.0, true);
	/* Periods from 2024: the end of 2026 is period 2; 2030 is after the
	 * horizon (n_periods: binds nothing inside it). */
	const int exposure[] = {2, INT_MAX, 4};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(instance_group_deadline(in, group_of(in, ids[i])),
				 exposure[i]);
		assert_int_equal(instance_site_deadline(s, &s->sites[i]), exposure[i]);
	}
	instance_destroy(in);

	s->objective = OBJECTIVE_COST;
	in = make_instance(s, 1.0, true);
	const int cost[] = {2, 3, 3};
	for (size_t i = 0; i < 3; i++) {
		const struct group *gr = group_of(in, ids[i]);
		assert_int_equal(instance_group_deadline(in, gr), cost[i]);
		assert_int_equal(instance_site_deadline(s, &s->sites[i]), cost[i]);
		/* The rule itself is unchanged. */
		assert_int_equal(gr->deadline_p, exposure[i]);
	}
	instance_destroy(in);
	scenario_destroy(s);
}

/*
 * A and B are interchangeable without a baseline. With one, sites of one
 * cohort share their baseline decision too: A and B split when the
 * baseline swaps only A, and merge again when it swaps both alike.
 */
static void instance_should_split_cohorts_by_baseline_decision(void **state)
{
	(void)state;
	struct scenario *s = mixed_sites();
	struct instance *plain = make_instance(s, 1.0, true);
	assert_ptr_equal(group_of(plain, "A"), group_of(plain, "B"));

	/* An empty baseline changes no group. */
	struct baseline *b = baseline_create(s, "base");
	struct instance *in = make_instance_baseline(s, 1.0, true, b);
	assert_int_equal(in->n_groups, plain->n_groups);
	for (size_t g = 0; g < in->n_groups; g++) {
		assert_int_equal(in->groups[g].multiplicity,
				 plain->groups[g].multiplicity);
		assert_int_equal(in->groups[g].first_site, plain->groups[g].first_site);
	}
	for (size_t k = 0; k < in->n_group_sites; k++)
		assert_int_equal(in->group_sites[k], plain->group_sites[k]);
	instance_destroy(in);

	set_baseline(b, s, "A", 2025, "Ericsson");
	in = make_instance_baseline(s, 1.0, true, b);
	assert_ptr_not_equal(group_of(in, "A"), group_of(in, "B"));
	assert_int_equal(group_of(in, "A")->multiplicity, 1);
	assert_int_equal(in->n_groups, plain->n_groups + 1);
	instance_destroy(in);

	set_baseline(b, s, "B", 2025, "Ericsson");
	in = make_instance_baseline(s, 1.0, true, b);
	assert_ptr_equal(group_of(in, "A"), group_of(in, "B"));
	assert_int_equal(group_of(in, "A")->multiplicity, 2);
	instance_destroy(in);

	/* Another period is another decision. */
	set_baseline(b, s, "B", 2026, "Ericsson");
	in = make_instance_baseline(s, 1.0, true, b);
	assert_ptr_not_equal(group_of(in, "A"), group_of(in, "B"));
	instance_destroy(in);

	baseline_destroy(b);
	instance_destroy(plain);
	scenario_destroy(s);
}

/*
 * The moves as a linear function of a group's swaps: per member, -1 on
 * its baseline decision and +1 everywhere for a site the baseline left
 * unswapped; the constant counts the group's sites the baseline swaps
 * (each moved unless kept). A cluster adds its sites up.
 */
static void instance_should_count_moves_per_site(void **state)
{
	(void)state;
	struct scenario *s = make_scenario(2024, 2026);
	add_vendor(s, "Ericsson", "ran", 10, INFINITY);
	add_vendor(s, "Nokia", "ran", 10, INFINITY);
	for (int i = 0; i < 3; i++) {
		char id[8];
		snprintf(id, sizeof(id), "K%d", i);
		add_site(s, id, "north", "ran", "Huawei", 1, 0, NULL, NULL);
	}
	add_site(s, "U", "south", "ran", "Huawei", 1, 0, NULL, NULL);
	add_site(s, "L1", "north", "ran", "Huawei", 1, 0, "L", NULL);
	add_site(s, "L2", "north", "ran", "Huawei", 1, 0, "L", NULL);
	struct baseline *b = baseline_create(s, "base");
	for (int i = 0; i < 3; i++) {
		char id[8];
		snprintf(id, sizeof(id), "K%d", i);
		set_baseline(b, s, id, 2025, "Nokia");
	}
	set_baseline(b, s, "L1", 2024, "Ericsson");
	struct instance *in = make_instance_baseline(s, 1.0, true, b);

	size_t k = (size_t)(group_of(in, "K0") - in->groups);
	assert_int_equal(in->groups[k].multiplicity, 3); /* one cohort */
	double c = -1;
	assert_double_near(instance_moves_coef(in, k, 1, 1, &c), -1, 0);
	assert_double_near(c, 3, 0); /* three sites, each moved unless kept */
	assert_double_near(instance_moves_coef(in, k, 0, 1, NULL), 0, 0);
	assert_double_near(instance_moves_coef(in, k, 1, 0, NULL), 0, 0);

	size_t u = (size_t)(group_of(in, "U") - in->groups);
	assert_double_near(instance_moves_coef(in, u, 0, 2, &c), 1, 0);
	assert_double_near(c, 0, 0);

	size_t l = (size_t)(group_of(in, "L1") - in->groups);
	assert_double_near(instance_moves_coef(in, l, 0, 0, &c), 0, 0); /* -1 + 1 */
	assert_double_near(c, 1, 0);
	assert_double_near(instance_moves_coef(in, l, 1, 0, NULL), 1, 0);
	assert_double_near(instance_moves_coef(in, l, 0, 1, NULL), 1, 0);

	instance_destroy(in);
	baseline_destroy(b);
	scenario_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(instance_should_merge_only_interchangeable_sites),
		cmocka_unit_test(instance_should_make_a_cluster_one_unit),
		cmocka_unit_test(instance_should_cost_each_vendor),
		cmocka_unit_test(
			instance_should_end_every_deadline_at_the_horizon_for_cost),
		cmocka_unit_test(instance_should_split_cohorts_by_baseline_decision),
		cmocka_unit_test(instance_should_count_moves_per_site),
	};
	return cmocka_run_group_tests_name("instance", tests, NULL, NULL);
}
