#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input/scenario.h"
#include "output/chart.h"
#include "output/outdir.h"
#include "output/report_xlsx.h"
#include "output/run_files.h"
#include "plan/plan.h"
#include "plan/sweep_row.h"
#include "util/xalloc.h"

#include "testscenario.h"

/*
 * The workbook writers as a caller sees them: bytes in a memory stream
 * (a zip: "PK\3\4"), the same bytes for the same plan, and a failure,
 * not an empty file, when libxlsxwriter has nowhere to build the
 * workbook: then the -o run fails and leaves no folder. The workbook's
 * cells are checked from its XML by tests/xlsx.sh and as LibreOffice
 * reads them by tests/spreadsheet-calc.sh.
 */
static struct plan *two_site_plan(struct scenario **out)
{
	struct scenario *s = make_three_sites();
	static const struct site_decision d[] = {{0, 0, 0}, {2, 1, 0}};
	*out = s;
	return plan_create(s, d, 2, 1.0);
}

static char *capture(const struct plan *p, size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);
	assert_non_null(f);
	assert_true(report_xlsx_plan(p, NULL, f));
	fclose(f);
	return text;
}

static void report_xlsx_plan_should_write_the_same_zip_for_the_same_plan(void **state)
{
	(void)state;
	struct scenario *s;
	struct plan *p = two_site_plan(&s);
	size_t n1, n2;
	char *a = capture(p, &n1);
	char *b = capture(p, &n2);
	assert_true(n1 > 1000);
	assert_memory_equal(a, "PK\3\4", 4);
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	free(a);
	free(b);
	plan_destroy(p);
	scenario_destroy(s);
}

static void report_xlsx_sweep_should_write_a_workbook(void **state)
{
	(void)state;
	struct scenario *s;
	struct plan *p = two_site_plan(&s);
	struct sweep_row rows[2];
	sweep_row_of(p, 1.0, &rows[0]);
	sweep_row_of(p, 2.0, &rows[1]);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_true(report_xlsx_sweep(s, rows, 2, NULL, f));
	fclose(f);
	assert_true(len > 1000);
	assert_memory_equal(text, "PK\3\4", 4);
	free(text);
	plan_destroy(p);
	scenario_destroy(s);
}

static void run_files_should_fail_the_run_when_no_workbook_can_be_made(void **state)
{
	(void)state;
	struct scenario *s;
	struct plan *p = two_site_plan(&s);
	p->status = PLAN_OPTIMAL;
	char *dir = testutil_tempdir();
	char *out = xasprintf("%s/out", dir);
	char *old = getenv("TMPDIR") ? xstrdup(getenv("TMPDIR")) : NULL;
	setenv("TMPDIR", "/nonexistent/phaseout-test", 1);
	struct outdir *od = outdir_create(out, "plan");
	assert_true(outdir_prepare(od, false));
	assert_false(run_files_write_plan(p, od));
	const char *err = outdir_error(od);
	assert_non_null(err);
	assert_non_null(strstr(err, "plan.xlsx"));
	outdir_destroy(od);
	if (old)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	struct stat st;
	assert_int_equal(stat(out, &st), -1); /* no folder, no half run */
	chart_release_fonts();                /* the charts drawn before the workbook */
	testutil_rmtree(dir);
	free(old);
	free(out);
	free(dir);
	plan_destroy(p);
	scenario_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			report_xlsx_plan_should_write_the_same_zip_for_the_same_plan),
		cmocka_unit_test(report_xlsx_sweep_should_write_a_workbook),
		cmocka_unit_test(
			run_files_should_fail_the_run_when_no_workbook_can_be_made),
	};
	return cmocka_run_group_tests_name("report_xlsx", tests, NULL, NULL);
}
