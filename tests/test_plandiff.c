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

/* --- version 2: periods --- */

#define V2_PLAN_HEAD                                                              \
	"year,site_id,region,domain,from_vendor,to_vendor,units,equipment_cost,"  \
	"site_cost,total_cost,present_value,cluster,late,period,status,own_cost," \
	"funded_cost,fund,moved\r\n"
#define V2_TIMELINE_HEAD "year,spend,hr_share,period\r\n"

/* A folder of one plan: plan.csv's rows after V2_PLAN_HEAD (or 'plan'
 * whole when 'head' is false), timeline.csv's after V2_TIMELINE_HEAD. */
static char *v2_folder(const char *plan, bool head, const char *timeline,
		       const char *summary)
{
	char *dir = testutil_tempdir();
	char *text = xasprintf("%s%s", head ? V2_PLAN_HEAD : "", plan);
	free(testutil_write_file(dir, "plan.csv", text));
	free(text);
	text = xasprintf("%s%s", V2_TIMELINE_HEAD, timeline);
	free(testutil_write_file(dir, "timeline.csv", text));
	free(text);
	free(testutil_write_file(dir, "summary.json", summary));
	return dir;
}

static void v2_remove(char *dir)
{
	testutil_rmtree(dir);
	free(dir);
}

/* Quarters of 2024-2025. A: Q1 swaps S1 (1 unit) and S2 (2); Q3 swaps S3
 * (3); 2025-Q2 swaps S4 (4). B: S1 in 2024-Q2 (later, same year), S2 in
 * 2024-Q1 to another vendor, S3 in 2024-Q2 (earlier, same year), S4 in
 * 2025-Q1 (earlier), so a comparison by year would see no move at all.
 * Both complete. */
static const char v2_plan_a[] = "2024,S1,north,ran,Huawei,Nokia,1,100.00,0.00,100.00,100."
				"00,,,2024-Q1,planned,100.00,0.00,,\r\n"
				"2024,S2,north,ran,Huawei,Nokia,2,200.00,0.00,200.00,200."
				"00,,,2024-Q1,planned,200.00,0.00,,\r\n"
				"2024,S3,south,ran,Huawei,Nokia,3,300.00,0.00,300.00,300."
				"00,,,2024-Q3,planned,300.00,0.00,,\r\n"
				"2025,S4,south,ran,Huawei,Nokia,4,400.00,0.00,400.00,380."
				"95,,,2025-Q2,planned,400.00,0.00,,\r\n";
static const char v2_plan_b[] = "2024,S2,north,ran,Huawei,Ericsson,2,220.00,0.00,220.00,"
				"220.00,,,2024-Q1,planned,220.00,0.00,,\r\n"
				"2024,S1,north,ran,Huawei,Nokia,1,100.00,0.00,100.00,100."
				"00,,,2024-Q2,planned,100.00,0.00,,\r\n"
				"2024,S3,south,ran,Huawei,Nokia,3,300.00,0.00,300.00,300."
				"00,,,2024-Q2,planned,300.00,0.00,,\r\n"
				"2025,S4,south,ran,Huawei,Nokia,4,400.00,0.00,400.00,380."
				"95,,,2025-Q1,planned,400.00,0.00,,\r\n";
static const char v2_timeline_a[] = "2024,300.00,0.7,2024-Q1\r\n2024,0.00,0.7,2024-Q2\r\n"
				    "2024,300.00,0.4,2024-Q3\r\n2024,0.00,0.4,2024-Q4\r\n"
				    "2025,0.00,0.4,2025-Q1\r\n2025,400.00,0,2025-Q2\r\n"
				    "2025,0.00,0,2025-Q3\r\n2025,0.00,0,2025-Q4\r\n";
static const char v2_timeline_b[] =
	"2024,220.00,0.8,2024-Q1\r\n2024,400.00,0.4,2024-Q2\r\n"
	"2024,0.00,0.4,2024-Q3\r\n2024,0.00,0.4,2024-Q4\r\n"
	"2025,400.00,0,2025-Q1\r\n2025,0.00,0,2025-Q2\r\n"
	"2025,0.00,0,2025-Q3\r\n2025,0.00,0,2025-Q4\r\n";
static const char v2_summary[] = "{\"status\": \"optimal\", \"exposure\": 1, "
				 "\"present_cost\": 2, \"nominal_cost\": 2, "
				 "\"completion_year\": 2025}\n";

static void plan_read_should_read_version_2_periods(void **state)
{
	(void)state;
	char *dir = v2_folder(v2_plan_a, true, v2_timeline_a, v2_summary);
	struct plan_read *a = load_ok(dir);
	assert_true(a->version2);
	assert_int_equal(a->per_year, 4);
	const struct plan_read_site *s = find_site(a, "S3");
	assert_int_equal(s->year, 2024);
	assert_int_equal(s->period, 2024 * 4 + 2);
	char label[16];
	plan_read_period_label(a->per_year, s->period, label, sizeof(label));
	assert_string_equal(label, "2024-Q3");
	assert_int_equal(a->n_years, 8);
	assert_int_equal(a->years[5].period, 2025 * 4 + 1);
	/* The last swap, 2025-Q2, not just the year. */
	assert_int_equal(a->completion_period, 2025 * 4 + 1);
	plan_read_destroy(a);
	v2_remove(dir);

	/* A version 1 folder is in years: a period is its year. */
	a = load_ok(DIFF_DIR "/a");
	assert_false(a->version2);
	assert_int_equal(a->per_year, 1);
	assert_int_equal(find_site(a, "N-2")->period, 2025);
	plan_read_period_label(a->per_year, 2025, label, sizeof(label));
	assert_string_equal(label, "2025");
	plan_read_destroy(a);
}

/* From version 2 on every leading "'" is a guard's (cli-and-outputs-2.md);
 * a version 1 file keeps one only before a character the guard covers. */
static void plan_read_should_undo_every_leading_quote_in_version_2(void **state)
{
	(void)state;
	const char *row = ",'abc,'north,ran,Huawei,,1,,,,,,,,unswapped,,,,\r\n"
			  ",''q,north,ran,Huawei,,1,,,,,,,,unswapped,,,,\r\n";
	char *dir = v2_folder(row, true, "2024,0.00,1,2024-Q1\r\n", v2_summary);
	struct plan_read *p = load_ok(dir);
	assert_string_equal(p->sites[0].id, "abc");
	assert_string_equal(p->sites[0].region, "north");
	assert_string_equal(p->sites[1].id, "'q");
	plan_read_destroy(p);
	v2_remove(dir);

	dir = testutil_tempdir();
	free(testutil_write_file(dir, "plan.csv",
				 "year,site_id,region,domain,to_vendor,units\r\n"
				 ",'abc,north,ran,,1\r\n,''q,north,ran,,1\r\n"));
	free(testutil_write_file(dir, "timeline.csv",
				 "year,spend,hr_share\r\n2024,,\r\n"));
	free(testutil_write_file(dir, "summary.json", v2_summary));
	p = load_ok(dir);
	assert_string_equal(p->sites[0].id, "'abc");
	assert_string_equal(p->sites[1].id, "'q");
	plan_read_destroy(p);
	v2_remove(dir);
}

static void plan_read_should_report_periods_that_do_not_fit(void **state)
{
	(void)state;
	char *dir = v2_folder("2024,A,n,ran,Huawei,Nokia,1,,,,,,,2024-Q1,planned,,,,\r\n"
			      "2024,B,n,ran,Huawei,Nokia,1,,,,,,,2024-07,planned,,,,\r\n"
			      "2024,C,n,ran,Huawei,Nokia,1,,,,,,,2025-Q1,planned,,,,\r\n"
			      "2024,D,n,ran,Huawei,Nokia,1,,,,,,,2024-q2,planned,,,,\r\n"
			      "2024,E,n,ran,Huawei,Nokia,1,,,,,,,,planned,,,,\r\n"
			      ",F,n,ran,Huawei,,1,,,,,,,2024-Q2,unswapped,,,,\r\n",
			      true,
			      "2024,0.00,1,2024-Q1\r\n2024,0.00,1,2024-Q1\r\n"
			      "2024,0.00,1,2024-H2\r\n",
			      "{\"status\": \"optimal\", \"exposure\": 1, "
			      "\"present_cost\": 2, \"nominal_cost\": 2, "
			      "\"completion_year\": null, \"periods\": \"month\"}\n");
	char *plan = xasprintf("%s/plan.csv", dir);
	char *timeline = xasprintf("%s/timeline.csv", dir);
	char *summary = xasprintf("%s/summary.json", dir);
	char *got = load_errors(dir);
	char *want = expand(
		"@P:3:14: period '2024-07' is a month, but this plan's periods are "
		"quarters ('2024-Q1', line 2 of @P)\n"
		"@P:4:14: period '2025-Q1' is not in the row's year 2024\n"
		"@P:5:14: period '2024-q2' must be a period label such as 2024, "
		"2024-H2, 2024-Q3 or 2024-07\n"
		"@P:6:14: period is empty but year is '2024'\n"
		"@P:7:14: period is '2024-Q2' but year is empty\n"
		"@T:3:4: duplicate period '2024-Q1' (also line 2)\n"
		"@T:4:4: period '2024-H2' is a half, but this plan's periods are "
		"quarters ('2024-Q1', line 2 of @P)\n"
		"@S:1:101: 'periods' is 'month', but this plan's periods are quarters "
		"('2024-Q1', line 2 of @P)\n",
		plan, timeline, summary);
	assert_string_equal(got, want);
	free(got);
	free(want);
	free(plan);
	free(timeline);
	free(summary);
	v2_remove(dir);
}

static void plandiff_should_compare_sites_by_period(void **state)
{
	(void)state;
	char *da = v2_folder(v2_plan_a, true, v2_timeline_a, v2_summary);
	char *db = v2_folder(v2_plan_b, true, v2_timeline_b, v2_summary);
	struct plan_read *a = load_ok(da);
	struct plan_read *b = load_ok(db);
	assert_true(plandiff_same_periods(a, b));
	struct plandiff *pd = plandiff_create(a, b);
	assert_int_equal(pd->per_year, 4);
	assert_int_equal(pd->n_common, 4);
	assert_int_equal(pd->n_earlier, 2); /* S3 by 1 quarter, S4 by 1 */
	assert_int_equal(pd->periods_earlier, 2);
	assert_int_equal(pd->n_later, 1); /* S1 by 1 quarter */
	assert_int_equal(pd->periods_later, 1);
	assert_int_equal(pd->n_vendor, 1); /* S2 */
	assert_int_equal(pd->n_sites, 4);

	/* The moves by (A's period, B's period), in A's order. */
	assert_int_equal(pd->n_moves, 3);
	static const struct plandiff_move want[] = {
		{2024 * 4 + 0, 2024 * 4 + 1, 1, 1}, /* S1 */
		{2024 * 4 + 2, 2024 * 4 + 1, 1, 3}, /* S3 */
		{2025 * 4 + 1, 2025 * 4 + 0, 1, 4}, /* S4 */
	};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(pd->moves[i].from, want[i].from);
		assert_int_equal(pd->moves[i].to, want[i].to);
		assert_int_equal(pd->moves[i].sites, want[i].sites);
		assert_int_equal(pd->moves[i].units, want[i].units);
	}

	char *csv = csv_of(pd);
	assert_string_equal(
		csv, "site_id,region,domain,year_a,year_b,vendor_a,vendor_b,"
		     "change,period_a,period_b\r\n"
		     "S1,north,ran,2024,2024,Nokia,Nokia,later,2024-Q1,2024-Q2\r\n"
		     "S2,north,ran,2024,2024,Nokia,Ericsson,vendor,2024-Q1,2024-Q1\r\n"
		     "S3,south,ran,2024,2024,Nokia,Nokia,earlier,2024-Q3,2024-Q2\r\n"
		     "S4,south,ran,2025,2025,Nokia,Nokia,earlier,2025-Q2,2025-Q1\r\n");
	char *text = text_of(pd);
	assert_non_null(strstr(text, "  moved to another period               3\n"));
	assert_non_null(strstr(text, "    earlier                             2  by 1.00 "
				     "quarters on average\n"));
	assert_non_null(
		strstr(text, "  moved from 2024-Q3 to 2024-Q2  1 site  3 units\n"));
	assert_non_null(strstr(text, "  completion    2025-Q2  2025-Q1  -1 quarter\n"));
	free(text);
	free(csv);
	plandiff_destroy(pd);
	plan_read_destroy(b);
	plan_read_destroy(a);
	v2_remove(db);
	v2_remove(da);
}

/* Each period side by side, each year's subtotal after its periods: the
 * spend of its periods, the HR share at the year's end. */
static void plandiff_should_put_periods_side_by_side_with_year_totals(void **state)
{
	(void)state;
	char *da = v2_folder(v2_plan_a, true, v2_timeline_a, v2_summary);
	char *db = v2_folder(v2_plan_b, true, v2_timeline_b, v2_summary);
	struct plan_read *a = load_ok(da);
	struct plan_read *b = load_ok(db);
	struct plandiff *pd = plandiff_create(a, b);
	assert_int_equal(pd->n_years, 10); /* 8 quarters and 2 years */
	const struct plandiff_year *q2 = &pd->years[1];
	assert_false(q2->year_total);
	assert_int_equal(q2->period, 2024 * 4 + 1);
	assert_double_near(q2->spend_a, 0, 0);
	assert_double_near(q2->spend_b, 400, 1e-9);
	const struct plandiff_year *y2024 = &pd->years[4];
	assert_true(y2024->year_total);
	assert_int_equal(y2024->year, 2024);
	assert_double_near(y2024->spend_a, 600, 1e-9);
	assert_double_near(y2024->spend_b, 620, 1e-9);
	assert_double_near(y2024->hr_share_a, 0.4, 1e-12);
	assert_double_near(y2024->hr_share_b, 0.4, 1e-12);
	assert_true(pd->years[9].year_total);
	assert_int_equal(pd->years[9].year, 2025);
	assert_double_near(pd->years[9].spend_a, 400, 1e-9);
	assert_double_near(pd->years[9].hr_share_b, 0, 0);
	char *text = text_of(pd);
	assert_non_null(strstr(text,
			       "\n2024-Q3      300        0    -300      40.00%      "
			       "40.00%    0.00 pts\n"
			       "2024-Q4        0        0       0      40.00%      "
			       "40.00%    0.00 pts\n"
			       "2024         600      620     +20      40.00%      "
			       "40.00%    0.00 pts\n"));
	free(text);
	plandiff_destroy(pd);
	plan_read_destroy(b);
	plan_read_destroy(a);
	v2_remove(db);
	v2_remove(da);
}

/* A version 2 plan in years is a version 1 plan with more columns: it
 * compares alike, with the same report and diff.csv. */
static void plandiff_should_diff_yearly_version_2_plans_as_version_1(void **state)
{
	(void)state;
	/* tests/data/diff/a and b as version 2 files in years. */
	char *v1[2] = {DIFF_DIR "/a", DIFF_DIR "/b"};
	char *v2[2];
	for (int k = 0; k < 2; k++) {
		struct plan_read *p = load_ok(v1[k]);
		char *plan = xstrdup(V2_PLAN_HEAD), *timeline = xstrdup("");
		for (size_t i = 0; i < p->n_sites; i++) {
			const struct plan_read_site *s = &p->sites[i];
			char year[8] = "";
			if (s->year)
				snprintf(year, sizeof(year), "%d", s->year);
			char *id = strchr(s->id, ',') ? xasprintf("\"'%s\"", s->id)
				   : strchr("=+-@'", s->id[0]) ? xasprintf("'%s", s->id)
							       : xstrdup(s->id);
			char *region = strchr(s->region, ',')
					       ? xasprintf("\"%s\"", s->region)
					       : xstrdup(s->region);
			char *next = xasprintf(
				"%s%s,%s,%s,%s,Huawei,%s,%lld,,,,,,,%s,,,,,\r\n", plan,
				year, id, region, s->domain,
				s->to_vendor ? s->to_vendor : "", (long long)s->units,
				year);
			free(plan);
			free(id);
			free(region);
			plan = next;
		}
		for (size_t i = 0; i < p->n_years; i++) {
			char *next = xasprintf("%s%d,%.2f,%.6f,%d\r\n", timeline,
					       p->years[i].year, p->years[i].spend,
					       p->years[i].hr_share, p->years[i].year);
			free(timeline);
			timeline = next;
		}
		char *summary =
			xasprintf("{\"scenario\": \"%s\", \"status\": \"%s\", "
				  "\"currency\": \"%s\", "
				  "\"exposure\": %.17g, \"present_cost\": %.17g, "
				  "\"nominal_cost\": %.17g, \"budget_scale\": %.17g, "
				  "\"completion_year\": null, \"periods\": \"year\"}\n",
				  p->scenario, p->status, p->currency, p->exposure,
				  p->present_cost, p->nominal_cost, p->budget_scale);
		v2[k] = v2_folder(plan, false, timeline, summary);
		free(plan);
		free(timeline);
		free(summary);
		plan_read_destroy(p);
	}
	struct plan_read *a1 = load_ok(v1[0]), *b1 = load_ok(v1[1]);
	struct plan_read *a2 = load_ok(v2[0]), *b2 = load_ok(v2[1]);
	assert_true(a2->version2);
	assert_int_equal(a2->per_year, 1);
	assert_true(plandiff_same_periods(a1, b2)); /* years, either version */
	struct plandiff *pd1 = plandiff_create(a1, b1);
	struct plandiff *pd2 = plandiff_create(a2, b2);
	char *csv1 = csv_of(pd1), *csv2 = csv_of(pd2);
	assert_string_equal(csv1, csv2);
	char *text1 = text_of(pd1), *text2 = text_of(pd2);
	/* The same report after the two lines naming the folders. */
	const char *rest1 = strstr(text1, "\n\nsites, B compared with A:");
	const char *rest2 = strstr(text2, "\n\nsites, B compared with A:");
	assert_non_null(rest1);
	assert_non_null(rest2);
	assert_string_equal(rest1, rest2);
	assert_non_null(strstr(rest1, "moved to another year"));
	free(text1);
	free(text2);
	free(csv1);
	free(csv2);
	plandiff_destroy(pd1);
	plandiff_destroy(pd2);
	plan_read_destroy(a1);
	plan_read_destroy(b1);
	plan_read_destroy(a2);
	plan_read_destroy(b2);
	v2_remove(v2[0]);
	v2_remove(v2[1]);
}

static void plandiff_should_know_plans_of_other_period_kinds(void **state)
{
	(void)state;
	char *dq = v2_folder(v2_plan_a, true, v2_timeline_a, v2_summary);
	char *dm = v2_folder(
		"2024,S1,north,ran,Huawei,Nokia,1,,,,,,,2024-03,planned,,,,\r\n", true,
		"2024,0.00,0.5,2024-01\r\n2024,0.00,0.5,2024-02\r\n", v2_summary);
	struct plan_read *q = load_ok(dq), *m = load_ok(dm), *y = load_ok(DIFF_DIR "/a");
	assert_int_equal(m->per_year, 12);
	assert_false(plandiff_same_periods(q, m));
	assert_false(plandiff_same_periods(y, q));
	assert_true(plandiff_same_periods(q, q));
	plan_read_destroy(q);
	plan_read_destroy(m);
	plan_read_destroy(y);
	v2_remove(dq);
	v2_remove(dm);
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
		cmocka_unit_test(plan_read_should_read_version_2_periods),
		cmocka_unit_test(plan_read_should_undo_every_leading_quote_in_version_2),
		cmocka_unit_test(plan_read_should_report_periods_that_do_not_fit),
		cmocka_unit_test(plandiff_should_compare_sites_by_period),
		cmocka_unit_test(
			plandiff_should_put_periods_side_by_side_with_year_totals),
		cmocka_unit_test(
			plandiff_should_diff_yearly_version_2_plans_as_version_1),
		cmocka_unit_test(plandiff_should_know_plans_of_other_period_kinds),
	};
	return cmocka_run_group_tests_name("plandiff", tests, NULL, NULL);
}
