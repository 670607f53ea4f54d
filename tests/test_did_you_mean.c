#include "testutil.h"

#include <string.h>

#include "util/did_you_mean.h"

struct edits_case {
	const char *a, *b;
	unsigned edits;
};

static const struct edits_case edits_cases[] = {
	{"criticality", "criticality", 0},
	{"criticallity", "criticality", 1}, /* a letter too many */
	{"critcality", "criticality", 1},   /* a letter missing */
	{"critisality", "criticality", 1},  /* a letter replaced */
	{"plna", "plan", 1},                /* two letters swapped */
	{"time-limt", "time-limit", 1},
	{"Earliest_Year", "earliest_year", 0}, /* case */
	{"earliest year", "earliest_year", 0}, /* space for underscore */
	{"earliest-year", "earliest_year", 0}, /* hyphen for underscore */
	{"earliestyear", "earliest_year", 1},
	{"", "abc", 3},
	{"abc", "", 3},
	{"kitten", "sitting", 3},
	{"ca", "abc", 3}, /* optimal string alignment: no edit of a swapped pair */
};

static void did_you_mean_edits_should_count_edits_of_the_folded_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(edits_cases) / sizeof(edits_cases[0]); i++) {
		const struct edits_case *c = &edits_cases[i];
		unsigned got = did_you_mean_edits(c->a, c->b);
		if (got != c->edits)
			fail_msg("'%s' to '%s': %u edits, expected %u", c->a, c->b, got,
				 c->edits);
		/* The distance is symmetric. */
		assert_int_equal(did_you_mean_edits(c->b, c->a), got);
	}
}

static void did_you_mean_edits_should_refuse_names_over_64_bytes(void **state)
{
	(void)state;
	char a[66], b[66];
	memset(a, 'x', 65);
	memset(b, 'x', 65);
	a[65] = b[65] = '\0';
	assert_int_equal(did_you_mean_edits(a, b), DID_YOU_MEAN_FAR);
	a[64] = '\0';
	assert_int_equal(did_you_mean_edits(a, a), 0);
}

/* The best of 'names' for 'typed', NULL when none is close. */
static const char *best(const char *typed, const char *const *names)
{
	struct did_you_mean m;
	did_you_mean_init(&m, typed);
	for (; *names; names++)
		did_you_mean_offer(&m, *names);
	return did_you_mean_best(&m);
}

static const char *const columns[] = {
	"site_id",     "region",        "domain",  "vendor",     "units",
	"criticality", "earliest_year", "cluster", "depends_on", NULL,
};

static void did_you_mean_should_suggest_the_column_meant(void **state)
{
	(void)state;
	assert_string_equal(best("criticallity", columns), "criticality");
	assert_string_equal(best("earliest year", columns), "earliest_year");
	assert_string_equal(best("Earliest_Year", columns), "earliest_year");
	assert_string_equal(best("Region", columns), "region");
	assert_string_equal(best("unit", columns), "units");
	assert_string_equal(best("depends-on", columns), "depends_on");
	assert_string_equal(best("SITE ID", columns), "site_id");
}

static void did_you_mean_should_not_suggest_far_names(void **state)
{
	(void)state;
	assert_null(best("owner", columns));
	assert_null(best("notes", columns));
	assert_null(best("deadline", columns));
	assert_null(best("in_service", columns));
	assert_null(best("criticalllllity", columns)); /* four edits */
	assert_null(best("site", columns));            /* three edits */
	/* What was typed exactly is no misspelling of itself. */
	assert_null(best("region", columns));
}

static void did_you_mean_should_allow_fewer_edits_in_short_names(void **state)
{
	(void)state;
	static const char *const domains[] = {"core", "ran", "transport", NULL};
	assert_string_equal(best("cor", domains), "core"); /* one edit, 3 bytes */
	assert_string_equal(best("RAN", domains), "ran");  /* case only */
	assert_null(best("cr", domains));                  /* under 3 bytes */
	assert_null(best("ra", domains));
	assert_string_equal(best("roan", domains), "ran");             /* one edit */
	assert_null(best("cxre", (const char *const[]){"coe", NULL})); /* two */
	/* Two edits need five bytes in the shorter name. */
	assert_null(best("colt", domains));
	assert_string_equal(best("trasnprt", domains), "transport");
}

static void did_you_mean_should_take_the_fewest_edits_then_the_first(void **state)
{
	(void)state;
	static const char *const commands[] = {"check", "diff",  "export",
					       "plan",  "sweep", NULL};
	assert_string_equal(best("plna", commands), "plan");
	assert_string_equal(best("chek", commands), "check");
	assert_string_equal(best("swep", commands), "sweep");
	assert_null(best("solve", commands));
	static const char *const near[] = {"earliest", "earliest_year", NULL};
	assert_string_equal(best("earliest_yr", near), "earliest_year");
	assert_string_equal(best("earlist", near), "earliest");
	static const char *const tie[] = {"abcde", "abcdf", NULL};
	assert_string_equal(best("abcdx", tie), "abcde");
	/* NULL names are skipped. */
	struct did_you_mean m;
	did_you_mean_init(&m, "plna");
	did_you_mean_offer(&m, NULL);
	assert_null(did_you_mean_best(&m));
}

/* Site ids (explain): the three nearest kept, fewest edits first and the
 * first offered first on a tie; a separator or case alone is no edit. */
static void did_you_mean_should_keep_the_three_nearest_in_order(void **state)
{
	(void)state;
	static const char *const ids[] = {"EAST-01", "EAST-02", "EAST-03", "EAST-04",
					  "WEST-04", "S_0042",  NULL};
	struct did_you_mean m;
	did_you_mean_init(&m, "east-4");
	for (const char *const *id = ids; *id; id++)
		did_you_mean_offer(&m, *id);
	assert_int_equal(did_you_mean_count(&m), 3);
	assert_string_equal(did_you_mean_nth(&m, 0), "EAST-04"); /* one edit */
	assert_string_equal(did_you_mean_nth(&m, 1), "EAST-01"); /* two, first */
	assert_string_equal(did_you_mean_nth(&m, 2), "EAST-02");
	assert_null(did_you_mean_nth(&m, 3));
	assert_string_equal(did_you_mean_best(&m), "EAST-04");

	did_you_mean_init(&m, "s-0042");
	for (const char *const *id = ids; *id; id++)
		did_you_mean_offer(&m, *id);
	assert_int_equal(did_you_mean_count(&m), 1);
	assert_string_equal(did_you_mean_nth(&m, 0), "S_0042");
	assert_int_equal(did_you_mean_edits("S0042", "S-0042"), 1);

	did_you_mean_init(&m, "nothing-near");
	for (const char *const *id = ids; *id; id++)
		did_you_mean_offer(&m, *id);
	assert_int_equal(did_you_mean_count(&m), 0);
	assert_null(did_you_mean_nth(&m, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			did_you_mean_edits_should_count_edits_of_the_folded_names),
		cmocka_unit_test(did_you_mean_edits_should_refuse_names_over_64_bytes),
		cmocka_unit_test(did_you_mean_should_suggest_the_column_meant),
		cmocka_unit_test(did_you_mean_should_not_suggest_far_names),
		cmocka_unit_test(did_you_mean_should_allow_fewer_edits_in_short_names),
		cmocka_unit_test(
			did_you_mean_should_take_the_fewest_edits_then_the_first),
		cmocka_unit_test(did_you_mean_should_keep_the_three_nearest_in_order),
	};
	return cmocka_run_group_tests_name("did_you_mean", tests, NULL, NULL);
}
