#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "input/validate.h"
#include "util/diag.h"
#include "util/xalloc.h"

#include "testscenario.h"

static char *diag_text(struct diag *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	diag_print(d, f);
	fclose(f);
	return buf;
}

/* Validate 's' and return what diag_print writes (free it). */
static char *validate_text(struct scenario *s, bool expect_ok)
{
	struct diag d;
	diag_init(&d);
	assert_int_equal(validate_scenario(s, &d), expect_ok);
	assert_int_equal(diag_count(&d) == 0, expect_ok);
	/* diag_print is only ever called with problems to print. */
	char *text = diag_count(&d) ? diag_text(&d) : xstrdup("");
	diag_finish(&d);
	return text;
}

static struct scenario *valid_scenario(void)
{
	struct scenario *s = make_scenario(2021, 2025);
	add_vendor(s, "Ericsson", "ran core", 100, INFINITY);
	add_site(s, "A", "north", "ran", "Huawei", 4, 0, "c1", NULL);
	add_site(s, "B", "north", "core", "Huawei", 2, 0, "c1", NULL);
	add_site(s, "C", "south", "ran", "Ericsson", 6, 0, NULL, NULL);
	add_site(s, "D", "south", "ran", "Huawei", 3, 0, NULL, " A ;; B\t;");
	add_deadline(s, "core", 2023, 5);
	return s;
}

static void validate_should_accept_a_valid_scenario(void **state)
{
	(void)state;
	struct scenario *s = valid_scenario();
	char *text = validate_text(s, true);
	assert_string_equal(text, "");
	free(text);
	scenario_destroy(s);
}

static void
validate_should_resolve_depends_on_trimming_and_skipping_empty_items(void **state)
{
	(void)state;
	struct scenario *s = valid_scenario();
	/* D depends on A, B; a repeated name and the site itself add nothing. */
	s->sites[3].depends_on = "A;B; A ;D";
	char *text = validate_text(s, true);
	free(text);
	assert_non_null(s->dep_start);
	assert_int_equal(s->dep_start[0], 0);
	assert_int_equal(s->dep_start[3], 0);
	assert_int_equal(s->dep_start[4], 2);
	assert_int_equal(s->dep_sites[0], 0);
	assert_int_equal(s->dep_sites[1], 1);
	scenario_destroy(s);
}

static void validate_should_reject_duplicate_id_naming_the_first_line(void **state)
{
	(void)state;
	struct scenario *s = valid_scenario();
	add_site(s, "C", "south", "ran", "Ericsson", 1, 0, NULL, NULL);
	char *text = validate_text(s, false);
	assert_string_equal(text,
			    "sites.csv:6:1: site_id 'C' is already used on line 4\n");
	free(text);
	scenario_destroy(s);
}

static void validate_should_reject_depends_on_naming_no_site(void **state)
{
	(void)state;
	struct scenario *s = valid_scenario();
	s->sites[3].depends_on = "A; Z ;B";
	char *text = validate_text(s, false);
	assert_string_equal(text,
			    "sites.csv:5:8: depends_on names 'Z', which is no site_id\n");
	free(text);
	scenario_destroy(s);
}

static void validate_should_reject_cluster_mixing_high_risk_and_other_sites(void **state)
{
	(void)state;
	struct scenario *s = valid_scenario();
	add_site(s, "E", "north", "ran", "Ericsson", 5, 0, "c1", NULL);
	char *text = validate_text(s, false);
	assert_string_equal(text, "sites.csv:6:7: cluster 'c1' mixes site 'E' of vendor "
				  "'Ericsson' with high-risk site 'A'\n");
	free(text);
	scenario_destroy(s);
}

static void validate_should_allow_a_zero_unit_high_risk_row_in_a_cluster(void **state)
{
	(void)state;
	struct scenario *s = valid_scenario();
	add_site(s, "E", "north", "ran", "Huawei", 0, 0, "c1", NULL);
	char *text = validate_text(s, true);
	free(text);
	scenario_destroy(s);
}

static void validate_should_reject_high_risk_site_no_vendor_can_replace(void **state)
{
	(void)state;
	struct scenario *s = valid_scenario();
	add_site(s, "E", "east", "transport", "Huawei", 2, 0, NULL, NULL);
	add_site(s, "F", "east", "transport", "Huawei", 2, 0, NULL, NULL);
	add_site(s, "G", "east", "access", "Huawei", 1, 0, NULL, NULL);
	/* Trusted and zero-unit rows of an unlisted domain need no vendor. */
	add_site(s, "H", "east", "power", "Ericsson", 2, 0, NULL, NULL);
	add_site(s, "I", "east", "power", "Huawei", 0, 0, NULL, NULL);
	char *text = validate_text(s, false);
	assert_string_equal(text,
			    "sites.csv:6:3: no trusted vendor lists domain "
			    "'transport' of high-risk site 'E' (and 1 more)\n"
			    "sites.csv:8:3: no trusted vendor lists domain 'access' "
			    "of high-risk site 'G'\n");
	free(text);
	scenario_destroy(s);
}

static void
validate_should_reject_cluster_whose_domains_no_single_vendor_lists(void **state)
{
	(void)state;
	struct scenario *s = valid_scenario();
	s->vendors[0].n_unit_cost = 1; /* Ericsson: ran only */
	add_vendor(s, "Nokia", "core", 90, INFINITY);
	char *text = validate_text(s, false);
	assert_string_equal(text, "sites.csv:2:7: no trusted vendor lists every domain "
				  "of cluster 'c1' ('ran', 'core')\n");
	free(text);
	scenario_destroy(s);
}

static void validate_should_reject_rules_naming_unknown_domains_and_regions(void **state)
{
	(void)state;
	struct scenario *s = valid_scenario();
	add_deadline(s, "Core", 2024, 6);
	s->caps = xcalloc(1, sizeof(*s->caps));
	s->n_caps = 1;
	s->caps[0].domains = xmalloc(2 * sizeof(*s->caps[0].domains));
	s->caps[0].domains[0] = "ran";
	s->caps[0].domains[1] = "rna";
	s->caps[0].n_domains = 2;
	s->caps[0].region = "nort";
	s->caps[0].year = 2024;
	s->caps[0].max_share = 0.5;
	s->caps[0].line = 7;
	s->vendor_share = xcalloc(1, sizeof(*s->vendor_share));
	s->vendor_share[0] = (struct domain_value){"acces", 0.5, 9};
	s->n_vendor_share = 1;
	s->crews_regions = xcalloc(2, sizeof(*s->crews_regions));
	s->crews_regions[0] = (struct region_crews){
		.region = "south", .per_year = xcalloc(5, sizeof(double)), .line = 11};
	s->crews_regions[1] = (struct region_crews){
		.region = "west", .per_year = xcalloc(5, sizeof(double)), .line = 12};
	s->n_crews_regions = 2;
	char *text = validate_text(s, false);
	assert_string_equal(
		text,
		"scenario.json:6: deadline domain 'Core' matches no domain in "
		"'sites.csv'\n"
		"scenario.json:7: share cap domain 'rna' matches no domain in "
		"'sites.csv'\n"
		"scenario.json:7: share cap region 'nort' matches no region in "
		"'sites.csv'\n"
		"scenario.json:9: max_vendor_share domain 'acces' matches no domain in "
		"'sites.csv'\n"
		"scenario.json:12: crews region 'west' matches no region in "
		"'sites.csv'\n");
	free(text);
	scenario_destroy(s);
}

static void validate_should_report_every_problem_in_one_run(void **state)
{
	(void)state;
	struct scenario *s = valid_scenario();
	add_site(s, "A", "north", "ran", "Huawei", 1, 0, NULL, "nowhere");
	add_deadline(s, "x", 2024, 8);
	char *text = validate_text(s, false);
	assert_string_equal(
		text, "scenario.json:8: deadline domain 'x' matches no domain in "
		      "'sites.csv'\n"
		      "sites.csv:6:1: site_id 'A' is already used on line 2\n"
		      "sites.csv:6:8: depends_on names 'nowhere', which is no site_id\n");
	free(text);
	scenario_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(validate_should_accept_a_valid_scenario),
		cmocka_unit_test(
			validate_should_resolve_depends_on_trimming_and_skipping_empty_items),
		cmocka_unit_test(
			validate_should_reject_duplicate_id_naming_the_first_line),
		cmocka_unit_test(validate_should_reject_depends_on_naming_no_site),
		cmocka_unit_test(
			validate_should_reject_cluster_mixing_high_risk_and_other_sites),
		cmocka_unit_test(
			validate_should_allow_a_zero_unit_high_risk_row_in_a_cluster),
		cmocka_unit_test(
			validate_should_reject_high_risk_site_no_vendor_can_replace),
		cmocka_unit_test(
			validate_should_reject_cluster_whose_domains_no_single_vendor_lists),
		cmocka_unit_test(
			validate_should_reject_rules_naming_unknown_domains_and_regions),
		cmocka_unit_test(validate_should_report_every_problem_in_one_run),
	};
	return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
