#include "testutil.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/override.h"
#include "util/diag.h"

/* The scenario.json the overrides below change (only what they touch). */
static const char doc[] =
	"{\"horizon\": {\"start\": 2024, \"end\": 2028},"
	" \"budget\": {\"default\": 100, \"2025\": 50, \"2026-Q3\": 10},"
	" \"vendors\": [{\"name\": \"Ericsson\", \"capacity\": 20,"
	"               \"unit_cost\": {\"ran\": 10, \"core\": 100}},"
	"              {\"name\": \"Samsung\", \"unit_cost\": {\"ran\": 12}}],"
	" \"deadlines\": [{\"domain\": \"core\", \"year\": 2025}]}";

/* Apply 'n' overrides (kind, arg) to a fresh copy of 'doc'; returns the
 * tree printed unformatted and the problems in '*msgs' (free both). */
static char *apply(const char *const *args, const bool *scale, size_t n, char **msgs)
{
	cJSON *root = cJSON_Parse(doc);
	assert_non_null(root);
	struct override_list l;
	override_list_init(&l);
	for (size_t i = 0; i < n; i++) {
		const char *why;
		assert_true(override_list_add(
			&l, scale[i] ? OVERRIDE_SCALE : OVERRIDE_SET, args[i], &why));
	}
	struct diag d;
	diag_init(&d);
	struct override_marks marks = {0};
	override_apply(&l, root, &marks, &d);
	size_t len = 0;
	*msgs = NULL;
	FILE *mem = open_memstream(msgs, &len);
	diag_print(&d, mem);
	fclose(mem);
	char *text = cJSON_PrintUnformatted(root);
	diag_finish(&d);
	override_marks_finish(&marks);
	override_list_finish(&l);
	cJSON_Delete(root);
	return text;
}

/* The unformatted text of the member 'path' (dots, no lists) of 'json'. */
static char *member(const char *json, const char *path)
{
	cJSON *root = cJSON_Parse(json);
	const cJSON *node = root;
	char *copy = strdup(path);
	for (char *k = strtok(copy, "."); k && node; k = strtok(NULL, "."))
		node = cJSON_GetObjectItemCaseSensitive(node, k);
	char *text = node ? cJSON_PrintUnformatted(node) : strdup("(none)");
	free(copy);
	cJSON_Delete(root);
	return text;
}

static void expect(const char *arg, bool scale, const char *path, const char *want)
{
	char *msgs;
	char *text = apply(&arg, &scale, 1, &msgs);
	assert_string_equal(msgs, "");
	char *got = member(text, path);
	assert_string_equal(got, want);
	free(got);
	free(text);
	free(msgs);
}

static void expect_error(const char *arg, bool scale, const char *want)
{
	char *msgs;
	char *text = apply(&arg, &scale, 1, &msgs);
	assert_string_equal(msgs, want);
	free(text);
	free(msgs);
}

static void override_should_set_a_year_of_a_per_year_object(void **state)
{
	(void)state;
	expect("budget.2024=8e6", false, "budget",
	       "{\"default\":100,\"2025\":50,\"2026-Q3\":10,\"2024\":8000000}");
	expect("budget.2025=7", false, "budget",
	       "{\"default\":100,\"2025\":7,\"2026-Q3\":10}");
	expect("budget.2026-Q3=0", false, "budget",
	       "{\"default\":100,\"2025\":50,\"2026-Q3\":0}");
}

/* A per-year number written as one number keeps its value for the other
 * years, as "default". */
static void override_should_turn_a_number_into_default_and_year(void **state)
{
	(void)state;
	char *msgs;
	const char *arg = "vendors.Ericsson.capacity.2025=0";
	bool scale = false;
	char *text = apply(&arg, &scale, 1, &msgs);
	assert_string_equal(msgs, "");
	assert_non_null(strstr(text, "\"capacity\":{\"default\":20,\"2025\":0}"));
	free(text);
	free(msgs);
	/* Absent (unlimited): just that year. */
	arg = "vendors.Samsung.capacity.2026=5";
	text = apply(&arg, &scale, 1, &msgs);
	assert_string_equal(msgs, "");
	assert_non_null(strstr(text, "\"capacity\":{\"2026\":5}"));
	free(text);
	free(msgs);
}

static void override_should_scale_years_defaults_and_period_keys(void **state)
{
	(void)state;
	/* 2025 has its own value, 2026 takes the default, and 2026-Q3 is a
	 * period key of a year in the range; 2024 and 2027 are untouched. */
	expect("budget.2025..2026=0.5", true, "budget",
	       "{\"default\":100,\"2025\":25,\"2026-Q3\":5,\"2026\":50}");
	expect("budget=2", true, "budget",
	       "{\"default\":200,\"2025\":100,\"2026-Q3\":20}");
	expect("deadlines[0].year=2027", false, "deadlines",
	       "[{\"domain\":\"core\",\"year\":2027}]");
}

static void override_should_apply_in_order(void **state)
{
	(void)state;
	const char *args[] = {"budget.2025=10", "budget.2025=3"};
	const bool scale[] = {false, true};
	char *msgs;
	char *text = apply(args, scale, 2, &msgs);
	assert_string_equal(msgs, "");
	char *got = member(text, "budget.2025");
	assert_string_equal(got, "30");
	free(got);
	free(text);
	free(msgs);
}

static void override_should_name_what_a_bad_path_misses(void **state)
{
	(void)state;
	expect_error("vendors.Samsng.capacity.2025=0", false,
		     "--set vendors.Samsng.capacity.2025=0: no vendor 'Samsng' (did you "
		     "mean 'Samsung'?)\n");
	expect_error(
		"vendors.Ericsson.capcity=1", false,
		"--set vendors.Ericsson.capcity=1: no 'capcity' in 'vendors.Ericsson' "
		"(did you mean 'capacity'?)\n");
	/* The one rule of util/did_you_mean.h: case and separators folded,
	 * a swap of neighbours one edit. */
	expect_error(
		"vendors.samsung.capacity.2025=0", false,
		"--set vendors.samsung.capacity.2025=0: no vendor 'samsung' (did you "
		"mean 'Samsung'?)\n");
	expect_error("BUDGET.2025=1", false,
		     "--set BUDGET.2025=1: no 'BUDGET' in 'the scenario' (did you mean "
		     "'budget'?)\n");
	expect_error(
		"deadlines[2].year=2026", false,
		"--set deadlines[2].year=2026: 'deadlines' has 1 item, [0] to [0]\n");
	expect_error("budget.2031=1", false,
		     "--set budget.2031=1: 2031 is outside the horizon, 2024 to 2028\n");
	expect_error("site_cost.ran=2", true,
		     "--scale site_cost.ran=2: 'site_cost.ran' is not in the scenario "
		     "(unlimited or none): nothing to scale\n");
	expect_error("budget.2027..2025=2", true,
		     "--scale budget.2027..2025=2: a year range must not end before it "
		     "starts\n");
}

static void override_list_should_refuse_what_is_not_path_equals_value(void **state)
{
	(void)state;
	struct override_list l;
	override_list_init(&l);
	const char *why = NULL;
	assert_false(override_list_add(&l, OVERRIDE_SET, "budget", &why));
	assert_string_equal(why, "--set takes PATH=VALUE");
	assert_false(override_list_add(&l, OVERRIDE_SCALE, "budget=-1", &why));
	assert_false(override_list_add(&l, OVERRIDE_SCALE, "budget=x", &why));
	assert_true(override_list_add(&l, OVERRIDE_SCALE, "budget=0.8", &why));
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].text, "--scale budget=0.8");
	assert_string_equal(l.items[0].path, "budget");
	assert_string_equal(l.items[0].value, "0.8");
	override_list_finish(&l);
}

static void override_should_know_which_values_loosen_the_rules(void **state)
{
	(void)state;
	assert_true(override_path_loosens("budget"));
	assert_true(override_path_loosens("budget.2024-Q3"));
	assert_true(override_path_loosens("vendors.Samsung.capacity.2025"));
	assert_true(override_path_loosens("crews.regions.North"));
	assert_true(override_path_loosens("deadlines[1].year"));
	assert_true(override_path_loosens("share_caps[0].max_share"));
	assert_false(override_path_loosens("vendors.Samsung.unit_cost.ran"));
	assert_false(override_path_loosens("deadlines[1].domain"));
	assert_false(override_path_loosens("discount_rate"));
	assert_false(override_path_loosens("budgets"));
	/* Which way: costs loosen the rules as they fall. */
	assert_int_equal(override_path_loosening("vendors[0].capacity"), 1);
	assert_int_equal(override_path_loosening("max_vendor_share.ran"), 1);
	assert_int_equal(override_path_loosening("vendors.Samsung.unit_cost.ran"), -1);
	assert_int_equal(override_path_loosening("vendors[2].unit_cost"), -1);
	assert_int_equal(override_path_loosening("site_cost.core"), -1);
	assert_int_equal(override_path_loosening("cost_escalation"), -1);
	assert_int_equal(override_path_loosening("discount_rate"), 0);
	assert_int_equal(override_path_loosening("vendors.capacity"), 0);
	assert_int_equal(override_path_loosening("funds.F.share"), 0);
	/* Whole numbers: years, capacities, crews. */
	assert_true(override_path_whole("deadlines[0].year"));
	assert_true(override_path_whole("vendors.Nokia.capacity.2025"));
	assert_true(override_path_whole("crews.default"));
	assert_false(override_path_whole("budget.2024"));
	assert_false(override_path_whole("share_caps[0].max_share"));
	/* Units, for a chart's axis. */
	assert_int_equal(override_path_unit("budget.2024"), OVERRIDE_UNIT_MONEY);
	assert_int_equal(override_path_unit("vendors[1].unit_cost.ran"),
			 OVERRIDE_UNIT_MONEY);
	assert_int_equal(override_path_unit("vendors[1].capacity"), OVERRIDE_UNIT_UNITS);
	assert_int_equal(override_path_unit("crews"), OVERRIDE_UNIT_SITES);
	assert_int_equal(override_path_unit("share_caps[0].year"), OVERRIDE_UNIT_YEAR);
	assert_int_equal(override_path_unit("max_vendor_share"), OVERRIDE_UNIT_SHARE);
	assert_int_equal(override_path_unit("discount_rate"), OVERRIDE_UNIT_NUMBER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(override_should_set_a_year_of_a_per_year_object),
		cmocka_unit_test(override_should_turn_a_number_into_default_and_year),
		cmocka_unit_test(override_should_scale_years_defaults_and_period_keys),
		cmocka_unit_test(override_should_apply_in_order),
		cmocka_unit_test(override_should_name_what_a_bad_path_misses),
		cmocka_unit_test(
			override_list_should_refuse_what_is_not_path_equals_value),
		cmocka_unit_test(override_should_know_which_values_loosen_the_rules),
	};
	return cmocka_run_group_tests_name("override", tests, NULL, NULL);
}
