/*
 * test_embed: phaseout as another program embeds it, through phaseout.h
 * alone: load tests' tiny scenario, plan it, read the numbers, write its
 * folder, sweep it, and get errors back as values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "phaseout.h"

/* tests/data/tiny/mp-budget: worked out by hand in its 'expect' file. */
#define TINY TEST_DATA_DIR "/tiny/mp-budget/scenario.json"

/* cmocka 1.1.5 compares no doubles: both values on failure. */
#define assert_near(a, b, tol) near((a), (b), (tol), __FILE__, __LINE__)

static void near(double a, double b, double tol, const char *file, int line)
{
	if (!(fabs(a - b) <= tol)) {
		print_error("%.17g is not %.17g (within %g)\n", a, b, tol);
		_fail(file, line);
	}
}

static bool exists(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	struct stat st;
	return stat(path, &st) == 0;
}

/* The library's messages, counted by kind. */
struct seen {
	int errors, progress;
};

static void count_log(void *ctx, enum phaseout_log_kind kind, const char *text)
{
	struct seen *s = ctx;
	assert_non_null(text);
	if (kind == PHASEOUT_LOG_ERROR)
		s->errors++;
	else
		s->progress++;
}

static void plan_of_tiny_scenario_should_be_the_hand_computed_optimum(void **state)
{
	(void)state;
	struct phaseout_error *err = NULL;
	struct phaseout_scenario *s = phaseout_scenario_load(TINY, &err);
	assert_non_null(s);
	assert_null(err);

	struct seen seen = {0, 0};
	struct phaseout_options o;
	phaseout_options_init(&o);
	assert_true(o.time_limit == 60 && o.gap == 0 && o.budget_scale == 1);
	o.time_limit = 30;
	o.log = count_log;
	o.log_ctx = &seen;
	struct phaseout_plan *p = phaseout_plan_run(s, &o, &err);
	assert_non_null(p);
	assert_int_equal(phaseout_plan_status(p), PHASEOUT_OPTIMAL);
	assert_string_equal(phaseout_status_name(phaseout_plan_status(p)), "optimal");
	assert_near(phaseout_plan_exposure(p), 4, 1e-9);
	/* As reported, in whole cents (77.6530... exactly). */
	assert_near(phaseout_plan_present_cost(p), 77.65, 1e-9);
	/* 35 + 27.5 + 18.15 */
	assert_near(phaseout_plan_nominal_cost(p), 80.65, 1e-9);
	assert_int_equal(phaseout_plan_completion_year(p), 2023);
	assert_int_equal(phaseout_plan_hr_units_left(p), 0);
	assert_int_equal(seen.errors, 0);

	char dir[] = "/tmp/phaseout-embed-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char out[sizeof(dir) + 8];
	snprintf(out, sizeof(out), "%s/out", dir);
	assert_true(phaseout_plan_write_folder(p, out, false, &err));
	assert_null(err);
	const char *files[] = {"plan.csv", "timeline.csv", "timeline.svg", "timeline.png",
			       "summary.json"};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		assert_true(exists(out, files[i]));

	/* A folder holding someone else's file is refused, as -o is. */
	char foreign[sizeof(out) + 16];
	snprintf(foreign, sizeof(foreign), "%s/notes.txt", out);
	FILE *f = fopen(foreign, "w");
	assert_non_null(f);
	fputs("mine\n", f);
	fclose(f);
	assert_false(phaseout_plan_write_folder(p, out, false, &err));
	assert_non_null(err);
	assert_int_equal(phaseout_error_code(err), PHASEOUT_ERROR_FOLDER);
	assert_non_null(strstr(phaseout_error_message(err), "notes.txt"));
	phaseout_error_free(err);
	err = NULL;
	/* With force it is kept beside the new run. */
	assert_true(phaseout_plan_write_folder(p, out, true, &err));
	assert_true(exists(out, "notes.txt") && exists(out, "plan.csv"));

	char cmd[sizeof(dir) + 16];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	phaseout_plan_free(p);
	phaseout_scenario_free(s);
}

static bool stop_at_once(void *ctx)
{
	int *asked = ctx;
	(*asked)++;
	return true;
}

static void stop_callback_should_end_the_run_without_error(void **state)
{
	(void)state;
	struct phaseout_scenario *s = phaseout_scenario_load(TINY, NULL);
	assert_non_null(s);
	int asked = 0;
	struct phaseout_options o;
	phaseout_options_init(&o);
	o.stop = stop_at_once;
	o.stop_ctx = &asked;
	struct phaseout_error *err = NULL;
	struct phaseout_plan *p = phaseout_plan_run(s, &o, &err);
	/* Stopped: a result, not an error; whatever plan it had keeps the
	 * rules or there is none. */
	assert_non_null(p);
	assert_null(err);
	assert_true(asked > 0);
	enum phaseout_status st = phaseout_plan_status(p);
	assert_true(st == PHASEOUT_OPTIMAL || st == PHASEOUT_FEASIBLE ||
		    st == PHASEOUT_NO_PLAN);
	phaseout_plan_free(p);
	phaseout_scenario_free(s);
}

static void sweep_should_not_lose_exposure_with_more_money(void **state)
{
	(void)state;
	struct phaseout_scenario *s = phaseout_scenario_load(TINY, NULL);
	assert_non_null(s);
	/* Budget 40 a year. At 0.5 (20) only H3 (15, then 16.5) fits a
	 * year; at 1 the hand-computed E = 4; at 3 (120) everything goes in
	 * 2021 (75): E = 0. */
	const double scales[] = {0.5, 1, 3};
	struct phaseout_options o;
	phaseout_options_init(&o);
	o.time_limit = 30;
	struct phaseout_error *err = NULL;
	struct phaseout_sweep *sw = phaseout_sweep_run(s, &o, scales, 3, &err);
	assert_non_null(sw);
	assert_int_equal(phaseout_sweep_count(sw), 3);
	struct phaseout_sweep_point mid = phaseout_sweep_point(sw, 1);
	assert_near(mid.budget_scale, 1, 0);
	assert_int_equal(mid.status, PHASEOUT_OPTIMAL);
	assert_near(mid.exposure, 4, 1e-9);
	assert_int_equal(mid.completion_year, 2023);
	struct phaseout_sweep_point top = phaseout_sweep_point(sw, 2);
	assert_near(top.exposure, 0, 1e-9);
	assert_int_equal(top.completion_year, 2021);
	for (size_t i = 1; i < 3; i++)
		assert_true(phaseout_sweep_point(sw, i).exposure <=
			    phaseout_sweep_point(sw, i - 1).exposure + 1e-9);
	phaseout_sweep_free(sw);
	phaseout_scenario_free(s);
}

static void load_should_return_every_problem_as_one_error(void **state)
{
	(void)state;
	char dir[] = "/tmp/phaseout-embed-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[sizeof(dir) + 16];
	snprintf(path, sizeof(path), "%s/bad.json", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\n  \"format\": \"phaseout-scenario/1\",\n"
	      "  \"horizon\": {\"start\": 2021, \"end\": 1999}\n}\n",
	      f);
	fclose(f);

	struct phaseout_error *err = NULL;
	assert_null(phaseout_scenario_load(path, &err));
	assert_non_null(err);
	assert_int_equal(phaseout_error_code(err), PHASEOUT_ERROR_INPUT);
	char want[512];
	snprintf(want, sizeof(want),
		 "%s:1: missing required key 'name'\n"
		 "%s:1: missing required key 'sites'\n"
		 "%s:1: missing required key 'high_risk_vendors'\n"
		 "%s:1: missing required key 'vendors'\n"
		 "%s:3:30: 'horizon.end' must be >= 'horizon.start' 2021, not '1999'",
		 path, path, path, path, path);
	assert_string_equal(phaseout_error_message(err), want);
	phaseout_error_free(err);

	/* A file that is not there; and NULL for 'err' is allowed. */
	err = NULL;
	assert_null(phaseout_scenario_load("/nonexistent/scenario.json", &err));
	assert_int_equal(phaseout_error_code(err), PHASEOUT_ERROR_INPUT);
	assert_string_equal(phaseout_error_message(err),
			    "/nonexistent/scenario.json: cannot read: No such file or "
			    "directory");
	phaseout_error_free(err);
	assert_null(phaseout_scenario_load("/nonexistent/scenario.json", NULL));
	phaseout_error_free(NULL);

	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			plan_of_tiny_scenario_should_be_the_hand_computed_optimum),
		cmocka_unit_test(stop_callback_should_end_the_run_without_error),
		cmocka_unit_test(sweep_should_not_lose_exposure_with_more_money),
		cmocka_unit_test(load_should_return_every_problem_as_one_error),
	};
	int failed = cmocka_run_group_tests_name("embed", tests, NULL, NULL);
	phaseout_release_caches();
	return failed;
}
