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
		"'sites.csv' (did you mean 'core'?)\n"
		"scenario.json:7: share cap domain 'rna' matches no domain in "
		"'sites.csv' (did you mean 'ran'?)\n"
		"scenario.json:7: share cap region 'nort' matches no region in "
		"'sites.csv' (did you mean 'north'?)\n"
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

/*
 * valid_scenario() as version 2 with quarters: sites.csv also has the
 * columns deadline (9), allowed_vendors (10), earliest (11), in_service
 * (12), and Nokia takes ran.
 */
static struct scenario *version_2_scenario(void)
{
	struct scenario *s = valid_scenario();
	s->format_version = 2;
	s->periods_per_year = 4;
	s->csv_col.deadline = 9;
	s->csv_col.allowed_vendors = 10;
	s->csv_col.earliest = 11;
	s->csv_col.in_service = 12;
	add_vendor(s, "Nokia", "ran", 90, INFINITY);
	return s;
}

/* The notes validate_scenario() left, one a line. */
static char *notes_text(const struct scenario *s)
{
	char *out = xstrdup("");
	for (size_t i = 0; i < s->n_notes; i++) {
		char *next = xasprintf("%s%s (%u)\n", out, s->notes[i].message,
				       s->notes[i].json_line);
		free(out);
		out = next;
	}
	return out;
}

static void set_regions(struct scenario *s, size_t v, const char **names, size_t n,
			unsigned line)
{
	struct trusted_vendor *tv = &s->vendors[v];
	tv->region_names = xcalloc(n, sizeof(*tv->region_names));
	tv->region_at = xcalloc(n, sizeof(*tv->region_at));
	for (size_t k = 0; k < n; k++) {
		tv->region_names[k] = names[k];
		tv->region_at[k] = (struct input_at){line, 20 + 10 * (unsigned)k};
	}
	tv->n_regions = n;
	tv->regions_line = line;
}

static void validate_should_resolve_allowed_vendors_noting_repeats(void **state)
{
	(void)state;
	struct scenario *s = version_2_scenario();
	s->sites[3].allowed_vendors = " Nokia ;; Ericsson\t;Nokia;";
	char *text = validate_text(s, true);
	assert_string_equal(text, "");
	free(text);
	const struct site *d = &s->sites[3];
	assert_int_equal(d->n_allowed, 2);
	assert_int_equal(s->allowed[d->allowed_first], 1);
	assert_int_equal(s->allowed[d->allowed_first + 1], 0);
	assert_int_equal(s->sites[0].n_allowed, 0);
	assert_true(scenario_vendor_allows(s, d, 1));
	text = notes_text(s);
	assert_string_equal(text, "site 'D' (line 5 of sites.csv) names 'Nokia' more "
				  "than once in allowed_vendors (0)\n");
	free(text);
	scenario_destroy(s);
}

static void
validate_should_reject_allowed_vendors_that_are_no_trusted_vendor(void **state)
{
	(void)state;
	struct scenario *s = version_2_scenario();
	s->sites[3].allowed_vendors = "Samsung;Huawei; Ericsson";
	char *text = validate_text(s, false);
	assert_string_equal(text, "sites.csv:5:10: allowed_vendors names 'Samsung', "
				  "which is no trusted vendor in 'vendors'\n"
				  "sites.csv:5:10: allowed_vendors names 'Huawei', a "
				  "high-risk vendor\n");
	free(text);
	scenario_destroy(s);
}

static void validate_should_note_columns_ignored_on_other_rows(void **state)
{
	(void)state;
	struct scenario *s = version_2_scenario();
	struct site *c = &s->sites[2]; /* Ericsson's */
	c->has_deadline = true;
	c->deadline = (struct date){2024, 6, 30};
	c->allowed_vendors = "Nobody";
	struct site *e = add_site(s, "E", "south", "ran", "Nokia", 2, 0, NULL, NULL);
	e->has_earliest = true;
	e->earliest = (struct date){2022, 1, 1};
	e->has_in_service = true;
	e->in_service = (struct date){2026, 1, 1};
	char *text = validate_text(s, true);
	free(text);
	text = notes_text(s);
	assert_string_equal(text,
			    "site 'C' (line 4 of sites.csv) is not a high-risk site: its "
			    "deadline and allowed_vendors are ignored (0)\n"
			    "site 'E' (line 6 of sites.csv) is not a high-risk site: its "
			    "earliest is ignored (0)\n"
			    "site 'E' (line 6 of sites.csv) never counts: its in_service "
			    "1 Jan 2026 is after the horizon's end, 31 Dec 2025 (0)\n");
	free(text);
	scenario_destroy(s);
}

static void validate_should_reject_a_high_risk_site_entering_service_later(void **state)
{
	(void)state;
	struct scenario *s = version_2_scenario();
	s->sites[0].has_in_service = true;
	s->sites[0].in_service = (struct date){2021, 1, 2};
	s->sites[3].has_in_service = true;
	s->sites[3].in_service = (struct date){2021, 1, 1};
	char *text = validate_text(s, false);
	assert_string_equal(text,
			    "sites.csv:2:12: in_service '2021-01-02' of high-risk "
			    "site 'A' is after the horizon's first day, 1 Jan "
			    "2021 (no new high-risk equipment may enter service)\n");
	free(text);
	scenario_destroy(s);
}

static void validate_should_resolve_regions_of_deadlines_and_vendors(void **state)
{
	(void)state;
	struct scenario *s = version_2_scenario();
	s->deadlines[0].region_name = "south";
	s->deadlines[0].region_at = (struct input_at){5, 40};
	set_regions(s, 1, (const char *[]){"south", "north"}, 2, 7);
	char *text = validate_text(s, true);
	free(text);
	assert_int_equal(s->deadlines[0].region, strmap_find(&s->regions, "south"));
	assert_int_equal(s->vendors[1].regions[0], strmap_find(&s->regions, "south"));
	assert_int_equal(s->vendors[1].regions[1], strmap_find(&s->regions, "north"));
	scenario_destroy(s);

	s = version_2_scenario();
	s->deadlines[0].region_name = "sout";
	s->deadlines[0].region_at = (struct input_at){5, 40};
	set_regions(s, 1, (const char *[]){"nrth", "wset"}, 2, 7);
	text = validate_text(s, false);
	assert_string_equal(text, "scenario.json:5:40: deadline region 'sout' matches "
				  "no region in 'sites.csv' (did you mean 'south'?)\n"
				  "scenario.json:7:20: vendor_regions region 'nrth' of "
				  "vendor 'Nokia' matches no region in 'sites.csv' (did "
				  "you mean 'north'?)\n"
				  "scenario.json:7:30: vendor_regions region 'wset' of "
				  "vendor 'Nokia' matches no region in 'sites.csv'\n");
	free(text);
	scenario_destroy(s);
}

static void validate_should_reject_sites_no_allowed_vendor_may_take(void **state)
{
	(void)state;
	struct scenario *s = version_2_scenario();
	/* Ericsson only in the north: south's ran sites have Nokia, except
	 * where allowed_vendors names Ericsson alone. */
	set_regions(s, 0, (const char *[]){"north"}, 1, 7);
	set_regions(s, 1, (const char *[]){"north"}, 1, 8);
	s->sites[3].allowed_vendors = "Ericsson";
	add_site(s, "E", "south", "ran", "Huawei", 1, 0, NULL, NULL);
	add_site(s, "F", "south", "ran", "Huawei", 1, 0, NULL, NULL);
	struct site *g = add_site(s, "G", "north", "core", "Huawei", 1, 0, NULL, NULL);
	g->allowed_vendors = "Nokia";
	char *text = validate_text(s, false);
	assert_string_equal(
		text, "sites.csv:5:2: no trusted vendor may take high-risk site "
		      "'D': vendor_regions keeps every vendor of its "
		      "allowed_vendors that lists domain 'ran' out of region "
		      "'south'\n"
		      "sites.csv:6:2: no trusted vendor may take high-risk site "
		      "'E' (and 1 more): vendor_regions keeps every vendor that "
		      "lists domain 'ran' out of region 'south'\n"
		      "sites.csv:8:10: no trusted vendor may take high-risk site "
		      "'G': no vendor in its allowed_vendors lists domain 'core'\n");
	free(text);
	scenario_destroy(s);
}

static void validate_should_reject_a_cluster_no_allowed_vendor_may_take(void **state)
{
	(void)state;
	struct scenario *s = version_2_scenario();
	/* c1 is A (ran) and B (core): Ericsson lists both, but A allows Nokia
	 * only, which lists no core. */
	s->sites[0].allowed_vendors = "Nokia";
	char *text = validate_text(s, false);
	assert_string_equal(text, "sites.csv:2:7: no trusted vendor may take every "
				  "site of cluster 'c1' (by domain, allowed_vendors and "
				  "vendor_regions)\n");
	free(text);
	scenario_destroy(s);

	/* A cluster of one domain: the intersection still applies. */
	s = version_2_scenario();
	add_site(s, "E", "south", "ran", "Huawei", 1, 0, "c2", NULL);
	struct site *f = add_site(s, "F", "north", "ran", "Huawei", 1, 0, "c2", NULL);
	f->allowed_vendors = "Nokia";
	set_regions(s, 1, (const char *[]){"north"}, 1, 8);
	text = validate_text(s, false);
	assert_string_equal(text, "sites.csv:6:7: no trusted vendor may take every "
				  "site of cluster 'c2' (by domain, allowed_vendors and "
				  "vendor_regions)\n");
	free(text);
	scenario_destroy(s);
}

static void validate_should_note_where_dates_bind_and_dates_that_cannot_hold(void **state)
{
	(void)state;
	struct scenario *s = version_2_scenario();
	s->deadlines[0].when = (struct rule_when){.dated = true, .date = {2023, 7, 31}};
	add_deadline(s, "ran", 2024, 6); /* a year: 31 Dec, a period end */
	struct site *a = &s->sites[0], *b = &s->sites[1], *d = &s->sites[3];
	a->has_deadline = b->has_deadline = d->has_deadline = true;
	a->deadline = b->deadline = (struct date){2022, 5, 10};
	d->deadline = (struct date){2022, 3, 31};
	d->has_earliest = true;
	d->earliest = (struct date){2022, 2, 1};
	struct site *e = add_site(s, "E", "south", "ran", "Huawei", 1, 2026, NULL, NULL);
	(void)e;
	char *text = validate_text(s, true);
	free(text);
	text = notes_text(s);
	assert_string_equal(
		text,
		"site 'D' (line 5 of sites.csv) cannot meet its deadline 31 Mar 2022: "
		"its "
		"earliest 1 Feb 2022 allows no period before 2022-Q2 (0)\n"
		"site 'E' (line 6 of sites.csv) can never be swapped: its earliest_year "
		"2026 is after the horizon's last period start, 1 Oct 2025 (0)\n"
		"the date 31 Jul 2023 of deadlines[0] is inside 2023-Q3: binds at the "
		"end "
		"of 2023-Q2, 30 Jun 2023 (5)\n"
		"the deadline 10 May 2022 of 2 sites ('A', 'B') is inside 2022-Q2: binds "
		"at the end of 2022-Q1, 31 Mar 2022 (0)\n");
	free(text);
	assert_int_equal(s->deadlines[0].when.bind_p, 9);
	assert_int_equal(d->deadline_p, 4);
	assert_int_equal(d->earliest_p, 5);
	scenario_destroy(s);
}

/* Version 1 gets none of version 2's notes (its sites have no dates). */
static void validate_should_leave_version_1_without_new_notes(void **state)
{
	(void)state;
	struct scenario *s = valid_scenario();
	add_site(s, "E", "south", "ran", "Huawei", 1, 2026, NULL, NULL);
	char *text = validate_text(s, true);
	free(text);
	assert_int_equal(s->n_notes, 0);
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
		cmocka_unit_test(validate_should_resolve_allowed_vendors_noting_repeats),
		cmocka_unit_test(
			validate_should_reject_allowed_vendors_that_are_no_trusted_vendor),
		cmocka_unit_test(validate_should_note_columns_ignored_on_other_rows),
		cmocka_unit_test(
			validate_should_reject_a_high_risk_site_entering_service_later),
		cmocka_unit_test(
			validate_should_resolve_regions_of_deadlines_and_vendors),
		cmocka_unit_test(validate_should_reject_sites_no_allowed_vendor_may_take),
		cmocka_unit_test(
			validate_should_reject_a_cluster_no_allowed_vendor_may_take),
		cmocka_unit_test(
			validate_should_note_where_dates_bind_and_dates_that_cannot_hold),
		cmocka_unit_test(validate_should_leave_version_1_without_new_notes),
	};
	return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
