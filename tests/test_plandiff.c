/*
 * plan_read and plandiff on hand-made plan folders (tests/data/diff/):
 *
 * a/ and b/ are two plans of one scenario (ten sites, 2024-2026). Against
 * a/, b/ moves N-2 one year and S-2 two years earlier, N-3 two years and
 * '-7' and '=a,b' one year later, sends S-1 and S-2 to another vendor,
 * swaps S-3 (unswapped in a/) and no longer swaps S-4; N-1 and U-1 do not
 * change. The ids '-7' and '=a,b' carry csvw's formula guard, and '-7''s
 * region "south, coast" is quoted, so reading them back tests both.
 *
 * c/ is a plan of another scenario: three of a/'s sites (S-1 with 5 units
 * instead of 4, swapped a year later), one new site N-9, and a horizon to
 * 2027.
 */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/plan_read.h"
#include "output/report_diff.h"
#include "plan/plandiff.h"
#include "util/diag.h"
#include "util/xalloc.h"

#define DIFF_DIR TEST_DATA_DIR "/diff"

static struct plan_read *load_ok(const char *dir)
{
	struct diag d;
	diag_init(&d);
	char *error = NULL;
	struct plan_read *p = plan_read_load(dir, &d, &error);
	if (!p) {
		diag_print(&d, stderr);
		fail_msg("cannot read '%s': %s", dir, error ? error : "(see above)");
	}
	assert_null(error);
	assert_int_equal(diag_count(&d), 0);
	diag_finish(&d);
	return p;
}

/* What plan_read_load says about 'dir': the folder error, then every
 * problem as diag_print writes it. */
static char *load_errors(const char *dir)
{
	struct diag d;
	diag_init(&d);
	char *error = NULL;
	struct plan_read *p = plan_read_load(dir, &d, &error);
	assert_null(p);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	if (error)
		fprintf(f, "phaseout: error: %s\n", error);
	diag_print(&d, f);
	assert_int_equal(fclose(f), 0);
	diag_finish(&d);
	free(error);
	return text;
}

/* 'text' with @P, @T and @S replaced by the paths of plan.csv,
 * timeline.csv and summary.json (messages name files by their paths). */
static char *expand(const char *text, const char *plan, const char *timeline,
		    const char *summary)
{
	char *out = xstrdup("");
	for (const char *p = text; *p; p++) {
		const char *add = NULL;
		if (p[0] == '@' && (p[1] == 'P' || p[1] == 'T' || p[1] == 'S'))
			add = p[1] == 'P' ? plan : p[1] == 'T' ? timeline : summary;
		char *next =
			add ? xasprintf("%s%s", out, add) : xasprintf("%s%c", out, *p);
		free(out);
		out = next;
		if (add)
			p++;
	}
	return out;
}

static char *csv_of(const struct plandiff *pd)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_true(report_diff_write_csv(pd, f));
	assert_int_equal(fclose(f), 0);
	return text;
}

static char *text_of(const struct plandiff *pd)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_true(report_diff_write_text(pd, f));
	assert_int_equal(fclose(f), 0);
	return text;
}

static const struct plan_read_site *find_site(const struct plan_read *p, const char *id)
{
	for (size_t i = 0; i < p->n_sites; i++)
		if (strcmp(p->sites[i].id, id) == 0)
			return &p->sites[i];
	fail_msg("no site '%s'", id);
	return NULL;
}

static void plan_read_should_undo_formula_guard_and_quoting(void **state)
{
	(void)state;
	struct plan_read *a = load_ok(DIFF_DIR "/a");
	assert_int_equal(a->n_sites, 10);
	const struct plan_read_site *s = find_site(a, "-7");
	assert_string_equal(s->region, "south, coast");
	assert_string_equal(s->domain, "ran");
	assert_string_equal(s->to_vendor, "Ericsson");
	assert_int_equal(s->year, 2024);
	assert_int_equal(s->units, 1);
	assert_int_equal(s->line, 4);
	s = find_site(a, "=a,b");
	assert_int_equal(s->year, 2025);
	s = find_site(a, "S-3");
	assert_int_equal(s->year, 0);
	assert_null(s->to_vendor);
	assert_int_equal(s->units, 6);
	plan_read_destroy(a);
}

static void plan_read_should_read_timeline_and_summary(void **state)
{
	(void)state;
	struct plan_read *b = load_ok(DIFF_DIR "/b");
	assert_int_equal(b->n_years, 3);
	assert_int_equal(b->years[1].year, 2025);
	assert_double_near(b->years[1].spend, 700.25, 1e-9);
	assert_double_near(b->years[1].hr_share, 0.3, 1e-12);
	assert_string_equal(b->scenario, "Two regions");
	assert_string_equal(b->status, "feasible");
	assert_string_equal(b->currency, "GBP");
	assert_double_near(b->exposure, 98.25, 1e-9);
	assert_double_near(b->present_cost, 3600.5, 1e-9);
	assert_double_near(b->nominal_cost, 3810.75, 1e-9);
	assert_double_near(b->budget_scale, 0.8, 1e-12);
	assert_int_equal(b->completion_year, 0); /* null: S-4 and U-1 remain */
	plan_read_destroy(b);
}

static void plandiff_should_count_moves_and_vendor_changes(void **state)
{
	(void)state;
	struct plan_read *a = load_ok(DIFF_DIR "/a");
	struct plan_read *b = load_ok(DIFF_DIR "/b");
	struct plandiff *pd = plandiff_create(a, b);
	assert_int_equal(pd->n_common, 10);
	assert_int_equal(pd->n_only_a, 0);
	assert_int_equal(pd->n_only_b, 0);
	assert_int_equal(pd->n_earlier, 2); /* N-2 by 1, S-2 by 2 */
	assert_int_equal(pd->periods_earlier, 3);
	assert_int_equal(pd->n_later, 3); /* N-3 by 2, -7 and =a,b by 1 */
	assert_int_equal(pd->periods_later, 4);
	assert_int_equal(pd->n_added, 1);   /* S-3 */
	assert_int_equal(pd->n_removed, 1); /* S-4 */
	assert_int_equal(pd->n_vendor, 2);  /* S-1, S-2 */
	assert_int_equal(pd->n_inventory, 0);
	assert_int_equal(pd->n_sites, 8);
	assert_string_equal(pd->sites[5].a->id, "S-2");
	assert_int_equal(pd->sites[5].changes, PLANDIFF_EARLIER | PLANDIFF_VENDOR);
	plandiff_destroy(pd);
	plan_read_destroy(b);
	plan_read_destroy(a);
}

static void plandiff_should_put_years_side_by_side(void **state)
{
	(void)state;
	struct plan_read *a = load_ok(DIFF_DIR "/a");
	struct plan_read *b = load_ok(DIFF_DIR "/b");
	struct plandiff *pd = plandiff_create(a, b);
	static const struct plandiff_year want[] = {
		{2024, 1500.00, 1900.00, 0.5, 0.4, 2024, false},
		{2025, 1200.50, 700.25, 0.25, 0.3, 2025, false},
		{2026, 800.00, 1000.00, 0.1, 0.15, 2026, false},
	};
	assert_int_equal(pd->n_years, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(pd->years[i].year, want[i].year);
		assert_double_near(pd->years[i].spend_a, want[i].spend_a, 1e-9);
		assert_double_near(pd->years[i].spend_b, want[i].spend_b, 1e-9);
		assert_double_near(pd->years[i].hr_share_a, want[i].hr_share_a, 1e-12);
		assert_double_near(pd->years[i].hr_share_b, want[i].hr_share_b, 1e-12);
	}
	plandiff_destroy(pd);
	plan_read_destroy(b);
	plan_read_destroy(a);
}

static void plandiff_should_write_one_csv_row_per_differing_site(void **state)
{
	(void)state;
	struct plan_read *a = load_ok(DIFF_DIR "/a");
	struct plan_read *b = load_ok(DIFF_DIR "/b");
	struct plandiff *pd = plandiff_create(a, b);
	char *csv = csv_of(pd);
	assert_string_equal(
		csv, "site_id,region,domain,year_a,year_b,vendor_a,vendor_b,change\r\n"
		     "'-7,\"south, coast\",ran,2024,2025,Ericsson,Ericsson,later\r\n"
		     "\"'=a,b\",south,ran,2025,2026,Nokia,Nokia,later\r\n"
		     "N-2,north,ran,2025,2024,Ericsson,Ericsson,earlier\r\n"
		     "N-3,north,ran,2024,2026,Nokia,Nokia,later\r\n"
		     "S-1,south,ran,2025,2025,Nokia,Ericsson,vendor\r\n"
		     "S-2,south,ran,2026,2024,Ericsson,Nokia,earlier;vendor\r\n"
		     "S-3,south,ran,,2026,,Ericsson,added\r\n"
		     "S-4,south,ran,2026,,Nokia,,removed\r\n");
	free(csv);
	plandiff_destroy(pd);
	plan_read_destroy(b);
	plan_read_destroy(a);
}

static void plandiff_should_keep_sites_of_one_plan_apart(void **state)
{
	(void)state;
	struct plan_read *a = load_ok(DIFF_DIR "/a");
	struct plan_read *c = load_ok(DIFF_DIR "/c");
	struct plandiff *pd = plandiff_create(a, c);
	assert_int_equal(pd->n_common, 3);
	assert_int_equal(pd->n_only_a, 7);
	assert_int_equal(pd->n_only_b, 1);
	assert_int_equal(pd->n_later, 1);
	assert_int_equal(pd->n_earlier, 0);
	assert_int_equal(pd->n_inventory, 1);
	assert_int_equal(pd->n_added + pd->n_removed + pd->n_vendor, 0);
	char *csv = csv_of(pd);
	assert_string_equal(
		csv, "site_id,region,domain,year_a,year_b,vendor_a,vendor_b,change\r\n"
		     "'-7,\"south, coast\",ran,2024,,Ericsson,,only_in_a\r\n"
		     "\"'=a,b\",south,ran,2025,,Nokia,,only_in_a\r\n"
		     "N-3,north,ran,2024,,Nokia,,only_in_a\r\n"
		     "N-9,north,ran,,2025,,Samsung,only_in_b\r\n"
		     "S-1,south,ran,2025,2026,Nokia,Nokia,later;units\r\n"
		     "S-2,south,ran,2026,,Ericsson,,only_in_a\r\n"
		     "S-3,south,ran,,,,,only_in_a\r\n"
		     "S-4,south,ran,2026,,Nokia,,only_in_a\r\n"
		     "U-1,south,core,,,,,only_in_a\r\n");
	/* c's horizon reaches 2027: a has no figures for it. */
	assert_int_equal(pd->n_years, 4);
	assert_int_equal(pd->years[3].year, 2027);
	assert_true(isnan(pd->years[3].spend_a));
	assert_true(isnan(pd->years[3].hr_share_a));
	assert_double_near(pd->years[3].spend_b, 0, 0);
	free(csv);
	plandiff_destroy(pd);
	plan_read_destroy(c);
	plan_read_destroy(a);
}

static void plandiff_should_find_nothing_between_a_plan_and_itself(void **state)
{
	(void)state;
	struct plan_read *a = load_ok(DIFF_DIR "/a");
	struct plan_read *a2 = load_ok(DIFF_DIR "/a/");
	struct plandiff *pd = plandiff_create(a, a2);
	assert_int_equal(pd->n_sites, 0);
	assert_int_equal(pd->n_common, 10);
	char *csv = csv_of(pd);
	assert_string_equal(
		csv, "site_id,region,domain,year_a,year_b,vendor_a,vendor_b,change\r\n");
	char *text = text_of(pd);
	const char *tail = "\nno site differs\n";
	assert_true(strlen(text) > strlen(tail));
	assert_string_equal(text + strlen(text) - strlen(tail), tail);
	assert_non_null(strstr(text, "  exposure E          120.5     120.5      0\n"));
	free(text);
	free(csv);
	plandiff_destroy(pd);
	plan_read_destroy(a2);
	plan_read_destroy(a);
}

static void plandiff_change_text_should_join_names_in_fixed_order(void **state)
{
	(void)state;
	char buf[128];
	plandiff_change_text(PLANDIFF_VENDOR | PLANDIFF_LATER | PLANDIFF_UNITS, buf,
			     sizeof(buf));
	assert_string_equal(buf, "later;vendor;units");
	plandiff_change_text(0, buf, sizeof(buf));
	assert_string_equal(buf, "");
	plandiff_change_text(PLANDIFF_EARLIER | PLANDIFF_VENDOR, buf, 10);
	assert_string_equal(buf, "earlier"); /* what fits, whole names only */
}

static const char summary_ok[] = "{\"status\": \"optimal\", \"exposure\": 1, "
				 "\"present_cost\": 2, \"nominal_cost\": 2, "
				 "\"completion_year\": 2024}\n";

static void plan_read_should_keep_spaces_and_read_lf_files(void **state)
{
	(void)state;
	char *dir = testutil_tempdir();
	free(testutil_write_file(dir, "plan.csv",
				 "site_id,year,to_vendor,units,region,domain\n"
				 " X ,2024,Nokia,3,north,ran\n"
				 "\n"
				 "\"multi\nline\",,,1,north,ran\n"));
	free(testutil_write_file(dir, "timeline.csv", "year,spend,hr_share\n2024,,\n"));
	free(testutil_write_file(dir, "summary.json", summary_ok));
	struct plan_read *p = load_ok(dir);
	assert_int_equal(p->n_sites, 2);
	assert_string_equal(p->sites[0].id, " X ");
	assert_string_equal(p->sites[1].id, "multi\nline");
	assert_int_equal(p->sites[1].line, 4);
	assert_true(isnan(p->years[0].spend));
	assert_int_equal(p->completion_year, 2024);
	plan_read_destroy(p);
	testutil_rmtree(dir);
	free(dir);
}

static void plan_read_should_say_why_a_folder_holds_no_plan(void **state)
{
	(void)state;
	char *dir = testutil_tempdir();
	free(testutil_write_file(dir, "summary.json",
				 "{\"scenario\": \"x\", \"status\": \"infeasible\"}\n"));
	char *got = load_errors(dir);
	char *want = xasprintf("phaseout: error: '%s' holds no plan.csv (its "
			       "summary.json has status 'infeasible'; only a plan "
			       "that was found can be compared)\n",
			       dir);
	assert_string_equal(got, want);
	free(got);
	free(want);

	char *missing = xasprintf("%s/nothing", dir);
	got = load_errors(missing);
	want = xasprintf("phaseout: error: cannot read folder '%s': No such file or "
			 "directory\n",
			 missing);
	assert_string_equal(got, want);
	free(got);
	free(want);
	free(missing);
	testutil_rmtree(dir);
	free(dir);
}

static void plan_read_should_report_every_problem_with_its_place(void **state)
{
	(void)state;
	char *dir = testutil_tempdir();
	char *plan = testutil_write_file(dir, "plan.csv",
					 "year,site_id,region,domain,to_vendor,units\r\n"
					 "2024,A,n,ran,E,2\r\n"
					 "x,A,n,ran,E,-1\r\n"
					 ",B,n,ran,E,1\r\n"
					 "2024,C,n\r\n"
					 "2025,\"D\"x,n,ran,E,1\r\n"
					 "2025,,n,ran,E,1\r\n"
					 "2025,F,n,ran,,1\r\n"
					 "2026,\"G");
	char *timeline = testutil_write_file(dir, "timeline.csv",
					     "year,spend,hr_share\r\n"
					     "2024,1,0.5\r\n"
					     "2024,abc,2\r\n");
	char *summary = testutil_write_file(dir, "summary.json",
					    "{\n \"status\": 3,\n \"exposure\": \"a\",\n"
					    " \"present_cost\": null,\n"
					    " \"completion_year\": 2024.5\n}\n");
	char *got = load_errors(dir);
	char *want =
		expand("@P:3:1: year 'x' must be a whole year from 1000 to 9999\n"
		       "@P:3:2: duplicate site_id 'A' (also line 2)\n"
		       "@P:3:6: units '-1' must be a whole number >= 0\n"
		       "@P:4:1: year is empty but to_vendor is 'E'\n"
		       "@P:5: row has 3 fields, the header has 6\n"
		       "@P:6:2: malformed CSV: stray '\"' in a field\n"
		       "@P:7:2: site_id is empty\n"
		       "@P:8:5: to_vendor is empty but year is '2025'\n"
		       "@P:9:2: malformed CSV: unterminated quoted field\n"
		       "@T:3:1: duplicate year '2024' (also line 2)\n"
		       "@T:3:2: spend 'abc' must be a number >= 0\n"
		       "@T:3:3: hr_share '2' must be a share from 0 to 1\n"
		       "@S:1: missing required key 'nominal_cost'\n"
		       "@S:2:2: 'status' must be a string, not a number\n"
		       "@S:3:2: 'exposure' must be a number or null, not a string\n"
		       "@S:5:2: 'completion_year' must be a whole year from 1000 to 9999 "
		       "or null, not '2024.5'\n",
		       plan, timeline, summary);
	assert_string_equal(got, want);
	free(got);
	free(want);
	free(plan);
	free(timeline);
	free(summary);
	testutil_rmtree(dir);
	free(dir);
}

static void plan_read_should_report_missing_columns_and_bad_json(void **state)
{
	(void)state;
	char *dir = testutil_tempdir();
	char *plan = testutil_write_file(dir, "plan.csv",
					 "\r\nyear,site_id,region,domain,units,units\r\n"
					 "2024,A,n,ran,1,1\r\n");
	char *timeline = testutil_write_file(dir, "timeline.csv", "");
	char *summary = testutil_write_file(dir, "summary.json", "{\n\t\"status\": ,\n}");
	char *got = load_errors(dir);
	char *want = expand("@P:2: missing required column 'to_vendor'\n"
			    "@P:2:6: duplicate column 'units' (also column 5)\n"
			    "@T: empty file, expected a header row\n"
			    "@S:2:12: malformed JSON: expected a value, found ','\n",
			    plan, timeline, summary);
	assert_string_equal(got, want);
	free(got);
	free(want);
	free(plan);
	free(timeline);
	free(summary);
	testutil_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plan_read_should_undo_formula_guard_and_quoting),
		cmocka_unit_test(plan_read_should_read_timeline_and_summary),
		cmocka_unit_test(plandiff_should_count_moves_and_vendor_changes),
		cmocka_unit_test(plandiff_should_put_years_side_by_side),
		cmocka_unit_test(plandiff_should_write_one_csv_row_per_differing_site),
		cmocka_unit_test(plandiff_should_keep_sites_of_one_plan_apart),
		cmocka_unit_test(plandiff_should_find_nothing_between_a_plan_and_itself),
		cmocka_unit_test(plandiff_change_text_should_join_names_in_fixed_order),
		cmocka_unit_test(plan_read_should_keep_spaces_and_read_lf_files),
		cmocka_unit_test(plan_read_should_say_why_a_folder_holds_no_plan),
		cmocka_unit_test(plan_read_should_report_every_problem_with_its_place),
		cmocka_unit_test(plan_read_should_report_missing_columns_and_bad_json),
	};
	return cmocka_run_group_tests_name("plandiff", tests, NULL, NULL);
}
