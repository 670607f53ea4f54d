#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "plan/instance.h"
#include "solver/model.h"
#include "util/xalloc.h"

#include "testscenario.h"

/*
 * The model's rows and columns on three sites, read back through what
 * other solvers get (the LP file of 'phaseout export'). make_three_sites():
 * A (ran, 2 units),
 * B (ran, 1 unit) and C (core, 1 unit), all Huawei; Ericsson takes both
 * domains at 10 a unit; 30 a year; core due by 2025; 2024-2026. A and B
 * differ in units, so each site is a group of its own: g0 = A, g1 = B,
 * g2 = C, and column x_gG_v0_yY swaps group G in year Y.
 */

/* "high-risk share of ran <= 50% from 2025": 3 of ran's 3 units are
 * high-risk, so at least 1.5 must go by then. */
static void add_ran_cap(struct scenario *s)
{
	s->caps = xmalloc(sizeof(*s->caps));
	s->caps[0] = (struct share_cap_rule){
		.domains = xmalloc(sizeof(const char *)),
		.n_domains = 1,
		.year = 2025,
		.max_share = 0.5,
		.line = 10,
	};
	s->caps[0].domains[0] = strpool_dup(&s->pool, "ran");
	s->n_caps = 1;
}

/* The model as 'phaseout export --lp' writes it (money in currency units). */
static char *lp_text(const struct instance *in, enum model_mode mode)
{
	char *dir = testutil_tempdir();
	char *path = xasprintf("%s/model.lp", dir);
	struct model *m = model_create_for_export(in, mode);
	assert_true(model_write_lp(m, path));
	model_destroy(m);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *text = xcalloc(1 << 16, 1);
	size_t n = fread(text, 1, (1 << 16) - 1, f);
	assert_true(n > 0 && n < (1 << 16) - 1);
	fclose(f);
	testutil_rmtree(dir);
	free(path);
	free(dir);
	return text;
}

/* Row 'name' ("r3") of the LP text as one line (GLPK wraps long rows
 * onto lines that start with a space and a sign), copied; fails the test
 * when there is none. */
static char *row_line(const char *lp, const char *name)
{
	char *key = xasprintf("\n %s: ", name);
	const char *at = strstr(lp, key);
	free(key);
	if (!at) {
		fail_msg("no row %s in:\n%s", name, lp);
		return xstrdup(""); /* not reached: fail_msg ends the test */
	}
	at += 1;
	char *line = xcalloc(strlen(at) + 1, 1);
	for (;;) {
		size_t len = strcspn(at, "\n");
		strncat(line, at, len);
		at += len;
		if (at[0] != '\n' || at[1] != ' ' || !strchr("+-<>=", at[2]))
			break;
		at++;
	}
	return line;
}

/* The row's terms are exactly 'terms' ("+ 20 x_g0_v0_y2024", any order)
 * and it ends with 'bound' ("<= 30"). */
static void assert_row(const char *lp, const char *name, const char *bound,
		       const char *const *terms, size_t n_terms)
{
	char *line = row_line(lp, name);
	size_t len = strlen(line), blen = strlen(bound);
	if (len < blen || strcmp(line + len - blen, bound) != 0)
		fail_msg("row %s does not end with '%s': %s", name, bound, line);
	size_t found = 0;
	for (const char *p = strchr(line, '+'); p; p = strchr(p + 1, '+'))
		found++;
	for (const char *p = strchr(line, '-'); p; p = strchr(p + 1, '-'))
		found++;
	for (size_t i = 0; i < n_terms; i++) {
		char *term = xasprintf("%s ", terms[i]);
		if (!strstr(line, term))
			fail_msg("row %s lacks '%s': %s", name, terms[i], line);
		free(term);
	}
	if (found != n_terms)
		fail_msg("row %s has %zu terms, not %zu: %s", name, found, n_terms, line);
	free(line);
}

/* TERMS("+ x_a", "+ 2 x_b"): the terms of a row and their count, as
 * assert_row takes them. */
#define TERMS(...)                          \
	(const char *const[]){__VA_ARGS__}, \
		sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)

static void model_should_leave_out_late_swaps_in_the_hard_model(void **state)
{
	(void)state;
	struct scenario *s = make_three_sites();
	struct instance *in = make_instance(s, 1.0, true);
	struct model *m = model_create(in, MODEL_HARD);
	/* A and B in any of 3 years, C only by its deadline: 3 + 3 + 2. */
	assert_int_equal(model_cols(m), 8);
	assert_int_equal(model_int_cols(m), 8);
	/* Once per group, one budget row a year, and the budget summed over
	 * 2024-2025 and over 2024-2026 (for GLPK's cuts; export leaves these
	 * two out, so the LP below has six). */
	assert_int_equal(model_rows(m), 8);
	model_destroy(m);

	char *lp = lp_text(in, MODEL_HARD);
	assert_null(strstr(lp, "x_g2_v0_y2026"));
	assert_row(lp, "r1", "<= 1",
		   TERMS("+ x_g0_v0_y2024", "+ x_g0_v0_y2025", "+ x_g0_v0_y2026"));
	assert_row(lp, "r2", "<= 1",
		   TERMS("+ x_g1_v0_y2024", "+ x_g1_v0_y2025", "+ x_g1_v0_y2026"));
	/* The deadline: C goes by 2025, whatever it costs. */
	assert_row(lp, "r3", "= 1", TERMS("+ x_g2_v0_y2024", "+ x_g2_v0_y2025"));
	/* The budgets, at each site's cost in its year. */
	assert_row(
		lp, "r4", "<= 30",
		TERMS("+ 20 x_g0_v0_y2024", "+ 10 x_g1_v0_y2024", "+ 10 x_g2_v0_y2024"));
	assert_row(
		lp, "r5", "<= 30",
		TERMS("+ 20 x_g0_v0_y2025", "+ 10 x_g1_v0_y2025", "+ 10 x_g2_v0_y2025"));
	assert_row(lp, "r6", "<= 30", TERMS("+ 20 x_g0_v0_y2026", "+ 10 x_g1_v0_y2026"));
	assert_null(strstr(lp, " r7: "));
	/* Binary: each column is one site swapped or not. */
	assert_non_null(strstr(lp, "\n 0 <= x_g0_v0_y2024 <= 1\n"));
	assert_non_null(strstr(lp, "\nGenerals\n"));
	free(lp);
	instance_destroy(in);
	scenario_destroy(s);
}

static void model_should_let_the_elastic_model_swap_late(void **state)
{
	(void)state;
	struct scenario *s = make_three_sites();
	struct instance *in = make_instance(s, 1.0, true);
	struct model *m = model_create(in, MODEL_ELASTIC);
	assert_int_equal(model_cols(m), 9); /* C in 2026 too */
	assert_int_equal(model_rows(m), 8);
	model_destroy(m);

	char *lp = lp_text(in, MODEL_ELASTIC);
	/* The deadline is no longer a row: C may go late, or not at all. */
	assert_row(lp, "r3", "<= 1",
		   TERMS("+ x_g2_v0_y2024", "+ x_g2_v0_y2025", "+ x_g2_v0_y2026"));
	assert_row(
		lp, "r6", "<= 30",
		TERMS("+ 20 x_g0_v0_y2026", "+ 10 x_g1_v0_y2026", "+ 10 x_g2_v0_y2026"));
	free(lp);
	instance_destroy(in);
	scenario_destroy(s);
}

static void model_should_give_a_share_cap_its_rows(void **state)
{
	(void)state;
	struct scenario *s = make_three_sites();
	add_ran_cap(s);
	struct instance *in = make_instance(s, 1.0, true);

	/* Hard: one row, in the cap's first year (what is swapped only grows). */
	struct model *m = model_create(in, MODEL_HARD);
	assert_int_equal(model_rows(m), 9);
	assert_int_equal(model_cols(m), 8);
	model_destroy(m);
	char *lp = lp_text(in, MODEL_HARD);
	assert_row(lp, "r7", ">= 1.5",
		   TERMS("+ 2 x_g0_v0_y2024", "+ 2 x_g0_v0_y2025", "+ x_g1_v0_y2024",
			 "+ x_g1_v0_y2025"));
	free(lp);

	/* Elastic: a row a year from 2025, each with its slack column. */
	m = model_create(in, MODEL_ELASTIC);
	assert_int_equal(model_rows(m), 10); /* 8 as above, and the two cap rows */
	assert_int_equal(model_cols(m), 11);
	assert_int_equal(model_int_cols(m), 9);
	model_destroy(m);
	instance_destroy(in);
	scenario_destroy(s);
}

static void model_should_count_budget_rows_only_for_limited_years(void **state)
{
	(void)state;
	struct scenario *s = make_three_sites();
	s->budget[1] = INFINITY;
	struct instance *in = make_instance(s, 1.0, true);
	struct model *m = model_create(in, MODEL_HARD);
	assert_int_equal(model_rows(m), 5);
	model_destroy(m);
	char *lp = lp_text(in, MODEL_HARD);
	assert_row(lp, "r5", "<= 30", TERMS("+ 20 x_g0_v0_y2026", "+ 10 x_g1_v0_y2026"));
	free(lp);
	instance_destroy(in);
	scenario_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(model_should_leave_out_late_swaps_in_the_hard_model),
		cmocka_unit_test(model_should_let_the_elastic_model_swap_late),
		cmocka_unit_test(model_should_give_a_share_cap_its_rows),
		cmocka_unit_test(model_should_count_budget_rows_only_for_limited_years),
	};
	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
