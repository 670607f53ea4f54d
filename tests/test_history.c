#include "testutil.h"

#include <glpk.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/load.h"
#include "input/scenario.h"
#include "plan/history.h"
#include "plan/instance.h"
#include "solver/model_history.h"
#include "util/diag.h"

/*
 * A re-plan's history (plan/history.c) and the model's side of it
 * (solver/model_history.c), on tests/data/replan: half-years 2022-2025,
 * re-planned from 2024-H1 (period 4); core sites must go by 31 Dec 2023
 * (period 3), every site by 31 Dec 2025 (period 7); the ledger has C1,
 * R1, R3 done and C2 committed in 2024-H1 at 600, so the core deadline is
 * broken (C3 is not in the ledger, C2 goes after it).
 */
static struct scenario *load(void)
{
	struct diag d;
	diag_init(&d);
	struct scenario *s = load_scenario(TEST_DATA_DIR "/replan/scenario.json", &d);
	if (!s)
		diag_print(&d, stderr);
	assert_non_null(s);
	diag_finish(&d);
	return s;
}

static const struct site *site(const struct scenario *s, const char *id)
{
	for (size_t i = 0; i < s->n_sites; i++)
		if (strcmp(s->sites[i].id, id) == 0)
			return &s->sites[i];
	fail_msg("no site '%s'", id);
	return NULL;
}

static void broken_rules(void **state)
{
	(void)state;
	struct scenario *s = load();
	struct history *h = history_create(s);
	assert_non_null(h);
	assert_int_equal(h->replan_p, 4);
	assert_true(h->deadline_broken[0]);  /* core by 2023: C3 never went */
	assert_false(h->deadline_broken[1]); /* every site by 2025 */
	assert_true(h->any_broken);
	assert_int_equal(history_fixed_p(h, (size_t)(site(s, "C2") - s->sites)), 4);
	assert_int_equal(history_fixed_p(h, (size_t)(site(s, "C3") - s->sites)), -1);
	history_destroy(h);
	scenario_destroy(s);
}

static void hard_deadline_and_vb(void **state)
{
	(void)state;
	struct scenario *s = load();
	struct history *h = history_create(s);
	/* The broken core deadline binds nothing; the 2025 one stays. */
	assert_int_equal(history_site_deadline(h, site(s, "C3")), 7);
	assert_int_equal(history_site_deadline(h, site(s, "R2")), 7);
	/* V_b: units x years from replan_from to the end of the swap
	 * period; unswapped, to the horizon's end plus one period. */
	assert_true(fabs(history_site_vb(h, site(s, "C3"), 4) - 0.5) < 1e-12);
	assert_true(fabs(history_site_vb(h, site(s, "C3"), 7) - 2.0) < 1e-12);
	assert_true(fabs(history_site_vb(h, site(s, "C3"), -1) - 2.5) < 1e-12);
	assert_true(history_site_vb(h, site(s, "R2"), -1) == 0); /* not covered */
	history_destroy(h);
	scenario_destroy(s);
}

/* The group holding site 'id'. */
static const struct group *group_of(const struct instance *in, const char *id)
{
	const struct scenario *s = in->scenario;
	for (size_t g = 0; g < in->n_groups; g++) {
		const struct group *gr = &in->groups[g];
		for (uint32_t k = 0; k < gr->n_sites; k++)
			if (strcmp(s->sites[in->group_sites[gr->first_site + k]].id,
				   id) == 0)
				return gr;
	}
	fail_msg("no group holds '%s'", id);
	return NULL;
}

static void pinned_groups(void **state)
{
	(void)state;
	struct scenario *s = load();
	struct instance *in = instance_create_baseline(s, 1.0, true, NULL);
	const struct group *c2 = group_of(in, "C2");
	size_t g = (size_t)(c2 - in->groups);
	assert_int_equal(c2->fixed_p, 4);
	assert_int_equal(c2->multiplicity, 1);
	/* the written cost, as is, only for its own period and vendor */
	assert_true(instance_cost(in, g, c2->fixed_v, 4) == 600);
	assert_true(fabs(instance_pv(in, g, c2->fixed_v, 4) - 600 / pow(1.03, 2)) < 1e-9);
	assert_true(isnan(instance_cost(in, g, c2->fixed_v, 5)));
	assert_true(isnan(instance_cost(in, g, 1 - c2->fixed_v, 4)));
	/* a ledger row without a cost: the model's, escalated from the start */
	const struct group *c1 = group_of(in, "C1");
	assert_true(fabs(instance_cost(in, (size_t)(c1 - in->groups), c1->fixed_v, 1) -
			 500 * pow(1.05, 0.5)) < 1e-9);
	assert_int_equal(group_of(in, "C3")->fixed_p, -1);
	assert_int_equal(in->replan_p, 4);
	instance_destroy(in);
	/* The pre-check's instance has no history. */
	in = instance_create(s, 1.0, true);
	assert_null(in->history);
	assert_int_equal(group_of(in, "C2")->fixed_p, -1);
	assert_int_equal(in->replan_p, 0);
	instance_destroy(in);
	scenario_destroy(s);
}

/* Rows whose fixed columns alone exceed their bound get their sum as the
 * bound; others, lower-bounded rows and skipped rows keep theirs. */
static void raise_rows(void **state)
{
	(void)state;
	int type[] = {0, GLP_UP, GLP_UP, GLP_LO, GLP_UP};
	double ub[] = {0, 5, 5, 0, 0};
	bool skip[] = {false, false, false, false, true};
	/* row 1: 7 on fixed column 1, 2 on free column 2; row 2: 3 fixed;
	 * row 3 (>=): 9 fixed; row 4 (a dependency): 1 fixed */
	int ia[] = {0, 1, 1, 2, 3, 4};
	int ja[] = {0, 1, 2, 1, 1, 1};
	double ar[] = {0, 7, 2, 3, 9, 1};
	bool fixed[] = {false, true, false};
	model_history_raise(4, type, ub, skip, 5, ia, ja, ar, fixed);
	assert_true(ub[1] == 7);
	assert_true(ub[2] == 5);
	assert_true(ub[3] == 0);
	assert_true(ub[4] == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(broken_rules),
		cmocka_unit_test(hard_deadline_and_vb),
		cmocka_unit_test(pinned_groups),
		cmocka_unit_test(raise_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
