/*
 * test_cli: the common options of every command (cli.c): values, bounds,
 * and the located usage errors with their exit status.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/usage_hint.h"
#include "util/xalloc.h"

static const char usage[] = "usage: phaseout plan <scenario.json> [options]\n"
			    "\n"
			    "Find the best plan.\n";

/* A parse: the copies of argv the options point into, and stderr. */
struct parsed {
	char *argv[16];
	char *err;
};

static void parsed_finish(struct parsed *p)
{
	for (size_t i = 0; p->argv[i]; i++)
		free(p->argv[i]);
	free(p->err);
}

/* cli_parse on 'args' (NULL-terminated, the command first) with stderr
 * caught into p->err. */
static int parse(struct cli_options *o, unsigned accept, struct parsed *p,
		 const char *const *args)
{
	char **argv = p->argv;
	int argc = 0;
	while (args[argc]) {
		argv[argc] = xstrdup(args[argc]);
		argc++;
	}
	argv[argc] = NULL;
	fflush(stderr);
	FILE *tmp = tmpfile();
	assert_non_null(tmp);
	int saved = dup(STDERR_FILENO);
	dup2(fileno(tmp), STDERR_FILENO);
	cli_options_init(o);
	int rc = cli_parse(o, argc, argv, accept, usage);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	long len = ftell(tmp);
	rewind(tmp);
	p->err = xcalloc((size_t)len + 1, 1);
	assert_int_equal(fread(p->err, 1, (size_t)len, tmp), (size_t)len);
	fclose(tmp);
	return rc;
}

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

static void defaults_should_be_sixty_seconds_gap_zero_scale_one(void **state)
{
	(void)state;
	struct cli_options o;
	struct parsed pr;
	assert_int_equal(parse(&o, CLI_SOLVE, &pr, ARGS("plan", "x.json")), -1);
	assert_string_equal(pr.err, "");
	assert_string_equal(o.scenario, "x.json");
	assert_double_near(o.time_limit, 60, 0);
	assert_double_near(o.gap, 0, 0);
	assert_double_near(o.budget_scale, 1, 0);
	assert_false(o.allow_late);
	assert_null(o.out_dir);
	parsed_finish(&pr);
}

static void solve_options_should_be_read_in_the_c_locale(void **state)
{
	(void)state;
	struct cli_options o;
	struct parsed pr;
	assert_int_equal(parse(&o, CLI_SOLVE | CLI_OUTPUT, &pr,
			       ARGS("plan", "--time-limit", "2.5", "--gap", "0.01",
				    "--budget-scale", "1.5", "--allow-late", "-o", "out",
				    "--force", "-q", "s.json")),
			 -1);
	assert_string_equal(pr.err, "");
	assert_double_near(o.time_limit, 2.5, 0);
	assert_double_near(o.gap, 0.01, 0);
	assert_double_near(o.budget_scale, 1.5, 0);
	assert_true(o.allow_late && o.force && o.quiet);
	assert_string_equal(o.out_dir, "out");
	assert_string_equal(o.scenario, "s.json");
	parsed_finish(&pr);
}

/* The usage error's three lines for 'message'. */
static char *usage_error(const char *message)
{
	return xasprintf("phaseout plan: %s\n"
			 "usage: phaseout plan <scenario.json> [options]\n"
			 "Try 'phaseout plan --help' for more information.\n",
			 message);
}

static void expect_usage_error(unsigned accept, const char *const *args,
			       const char *message)
{
	struct cli_options o;
	struct parsed pr;
	assert_int_equal(parse(&o, accept, &pr, args), EXIT_INVALID);
	char *want = usage_error(message);
	assert_string_equal(pr.err, want);
	free(want);
	parsed_finish(&pr);
}

static void bad_time_limit_should_be_a_usage_error(void **state)
{
	(void)state;
	expect_usage_error(CLI_SOLVE, ARGS("plan", "--time-limit", "0", "x.json"),
			   "--time-limit takes seconds > 0, not '0'");
	expect_usage_error(CLI_SOLVE, ARGS("plan", "--time-limit", "-1", "x.json"),
			   "--time-limit takes seconds > 0, not '-1'");
	expect_usage_error(CLI_SOLVE, ARGS("plan", "--time-limit", "1e10", "x.json"),
			   "--time-limit takes seconds > 0, not '1e10'");
	expect_usage_error(CLI_SOLVE, ARGS("plan", "--time-limit", "1,5", "x.json"),
			   "--time-limit takes seconds > 0, not '1,5'");
	expect_usage_error(CLI_SOLVE, ARGS("plan", "--time-limit", "nan", "x.json"),
			   "--time-limit takes seconds > 0, not 'nan'");
}

static void bad_gap_should_be_a_usage_error(void **state)
{
	(void)state;
	expect_usage_error(CLI_SOLVE, ARGS("plan", "--gap", "1.5", "x.json"),
			   "--gap takes a fraction in [0, 1], not '1.5'");
	expect_usage_error(CLI_SOLVE, ARGS("plan", "--gap", "-0.1", "x.json"),
			   "--gap takes a fraction in [0, 1], not '-0.1'");
	expect_usage_error(CLI_SOLVE, ARGS("plan", "--gap", "", "x.json"),
			   "--gap takes a fraction in [0, 1], not ''");
	/* Both ends are allowed. */
	struct cli_options o;
	struct parsed pr;
	assert_int_equal(parse(&o, CLI_SOLVE, &pr, ARGS("plan", "--gap", "1", "x.json")),
			 -1);
	assert_double_near(o.gap, 1, 0);
	parsed_finish(&pr);
	assert_int_equal(parse(&o, CLI_SOLVE, &pr, ARGS("plan", "--gap", "0", "x.json")),
			 -1);
	assert_double_near(o.gap, 0, 0);
	parsed_finish(&pr);
}

static void one_parser_should_serve_every_command(void **state)
{
	(void)state;
	/* cmd_sweep.c reads --time-limit and --gap with these two. */
	double v = -1;
	assert_int_equal(cli_time_limit("sweep", usage, "1e9", &v), -1);
	assert_double_near(v, 1e9, 0);
	fflush(stderr);
	FILE *null = fopen("/dev/null", "w");
	int saved = dup(STDERR_FILENO);
	dup2(fileno(null), STDERR_FILENO);
	int rc_time = cli_time_limit("sweep", usage, "2e9", &v);
	int rc_gap = cli_gap("sweep", usage, "2", &v);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	fclose(null);
	assert_int_equal(rc_time, EXIT_INVALID);
	assert_int_equal(rc_gap, EXIT_INVALID);
	assert_double_near(v, 1e9, 0); /* untouched by the bad values */
}

static void other_mistakes_should_be_usage_errors(void **state)
{
	(void)state;
	expect_usage_error(CLI_SOLVE, ARGS("plan"), "no scenario given");
	expect_usage_error(CLI_SOLVE, ARGS("plan", "a.json", "b.json"),
			   "unexpected argument 'b.json'");
	expect_usage_error(CLI_SOLVE, ARGS("plan", "--frobnicate", "a.json"),
			   "unknown option '--frobnicate'");
	expect_usage_error(CLI_SOLVE, ARGS("plan", "a.json", "--gap"),
			   "option '--gap' needs a value");
	expect_usage_error(CLI_SOLVE | CLI_OUTPUT, ARGS("plan", "--force", "a.json"),
			   "--force needs -o <dir>");
	/* -o belongs to the commands that accept it. */
	expect_usage_error(CLI_SOLVE, ARGS("plan", "--output", "d", "a.json"),
			   "unknown option '--output'");
	expect_usage_error(CLI_SOLVE, ARGS("plan", "--budget-scale", "-1", "a.json"),
			   "--budget-scale takes a factor >= 0, not '-1'");
}

/* The long options of a usage text are what a misspelt one is matched
 * against. */
static void usage_hint_should_name_the_option_of_the_usage_meant(void **state)
{
	(void)state;
	static const char text[] =
		"usage: phaseout plan <scenario.json> [--time-limit <s>]\n"
		"  --gap <fraction>   stop early (not --gapless)\n"
		"  --find-min-budget  the break-even, not well--known\n";
	char buf[80];
	assert_string_equal(usage_hint_option(text, "--time-limt", buf, sizeof(buf)),
			    "--time-limit");
	assert_string_equal(usage_hint_option(text, "--Time-Limit=5", buf, sizeof(buf)),
			    "--time-limit");
	assert_string_equal(
		usage_hint_option(text, "--find_min_budget", buf, sizeof(buf)),
		"--find-min-budget");
	assert_string_equal(usage_hint_option(text, "--gaap", buf, sizeof(buf)), "--gap");
	/* No long option, nothing close, a word's inner "--". */
	assert_null(usage_hint_option(text, "-t", buf, sizeof(buf)));
	assert_null(usage_hint_option(text, "--", buf, sizeof(buf)));
	assert_null(usage_hint_option(text, "--budget-scale", buf, sizeof(buf)));
	assert_null(usage_hint_option(text, "--known", buf, sizeof(buf)));
	assert_null(usage_hint_option(text, "--time-limit", buf, sizeof(buf)));
}

static void help_should_print_usage_and_return_zero(void **state)
{
	(void)state;
	struct cli_options o;
	struct parsed pr;
	fflush(stdout);
	FILE *tmp = tmpfile();
	int saved = dup(STDOUT_FILENO);
	dup2(fileno(tmp), STDOUT_FILENO);
	int rc = parse(&o, CLI_SOLVE, &pr, ARGS("plan", "--help"));
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	long len = ftell(tmp);
	rewind(tmp);
	char out[256] = "";
	assert_true(len > 0 && (size_t)len < sizeof(out));
	assert_int_equal(fread(out, 1, (size_t)len, tmp), (size_t)len);
	fclose(tmp);
	assert_int_equal(rc, EXIT_OK);
	assert_string_equal(out, usage);
	assert_string_equal(pr.err, "");
	parsed_finish(&pr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_should_be_sixty_seconds_gap_zero_scale_one),
		cmocka_unit_test(solve_options_should_be_read_in_the_c_locale),
		cmocka_unit_test(bad_time_limit_should_be_a_usage_error),
		cmocka_unit_test(bad_gap_should_be_a_usage_error),
		cmocka_unit_test(one_parser_should_serve_every_command),
		cmocka_unit_test(other_mistakes_should_be_usage_errors),
		cmocka_unit_test(usage_hint_should_name_the_option_of_the_usage_meant),
		cmocka_unit_test(help_should_print_usage_and_return_zero),
	};
	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
