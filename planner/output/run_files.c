#include "output/run_files.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/chart.h"
#include "output/report.h"
#include "output/report_sweep.h"
#include "output/report_vary.h"
#include "output/report_totals.h"
#include "output/report_xlsx.h"
#include "plan/plan_row.h"
#include "util/xalloc.h"

/* A workbook can fail before a byte of it reaches its FILE (libxlsxwriter
 * builds it in a temporary file, xlsx_kit.h): then the run fails as on a
 * failed write, saying where. */
static void xlsx_done(struct outdir *od, const char *name, FILE *f, bool ok)
{
	if (ok || ferror(f))
		return;
	const char *tmp = getenv("TMPDIR");
	char *why = xasprintf("cannot build the workbook in '%s': %s",
			      tmp && *tmp ? tmp : "/tmp",
			      errno ? strerror(errno) : "libxlsxwriter failed");
	outdir_file_failed(od, name, why);
	free(why);
}

bool run_files_write_plan(const struct plan *p, struct outdir *od)
{
	bool complete = p->status == PLAN_OPTIMAL || p->status == PLAN_FEASIBLE;
	FILE *f;
	if (complete) {
		/* plan.csv's rows and plan.xlsx's Plan sheet, made once for
		 * both: their why column is a third of the writing's time. */
		struct plan_rows *rows = plan_rows_create(p);
		if ((f = outdir_open(od, "plan.csv")))
			report_csv_write_plan(p, rows, f);
		if ((f = outdir_open(od, "timeline.csv")))
			report_csv_write_timeline(p, f);
		if ((f = outdir_open(od, "timeline.svg")))
			chart_timeline_svg(p, f);
		if ((f = outdir_open(od, "timeline.png")))
			chart_timeline_png(p, f);
		if ((f = outdir_open(od, "totals.csv")))
			report_totals_csv(p, f);
		if ((f = outdir_open(od, "plan.xlsx"))) {
			errno = 0;
			xlsx_done(od, "plan.xlsx", f, report_xlsx_plan(p, rows, f));
		}
		plan_rows_destroy(rows);
	}
	size_t n;
	const struct outdir_file *files = outdir_files(od, &n);
	if (files && (f = outdir_open(od, "summary.json")))
		report_json_write_run_summary(p, files, n, f);
	return outdir_commit(od);
}

bool run_files_write_sweep(const struct scenario *s, const struct sweep_row *rows,
			   size_t n, const struct break_even *be, struct outdir *od)
{
	FILE *f;
	if ((f = outdir_open(od, "sensitivity.csv")))
		report_sweep_csv(s, rows, n, be, f);
	if ((f = outdir_open(od, "sensitivity.svg")))
		chart_sensitivity_be_svg(s, rows, n, be, f);
	if ((f = outdir_open(od, "sensitivity.png")))
		chart_sensitivity_be_png(s, rows, n, be, f);
	if ((f = outdir_open(od, "sensitivity.xlsx"))) {
		errno = 0;
		xlsx_done(od, "sensitivity.xlsx", f,
			  report_xlsx_sweep(s, rows, n, be, f));
	}
	size_t n_files;
	const struct outdir_file *files = outdir_files(od, &n_files);
	if (files && (f = outdir_open(od, "summary.json")))
		report_sweep_json(s, rows, n, be, files, n_files, f);
	return outdir_commit(od);
}

bool run_files_write_vary(const struct vary_grid *g, struct outdir *od)
{
	FILE *f;
	if ((f = outdir_open(od, "sensitivity.csv")))
		report_vary_csv(g, f);
	if (g->ny > 1) {
		if ((f = outdir_open(od, "heatmap.svg")))
			chart_heatmap_svg(g, f);
		if ((f = outdir_open(od, "heatmap.png")))
			chart_heatmap_png(g, f);
	} else {
		if ((f = outdir_open(od, "sensitivity.svg")))
			chart_sensitivity_vary_svg(g, f);
		if ((f = outdir_open(od, "sensitivity.png")))
			chart_sensitivity_vary_png(g, f);
	}
	if ((f = outdir_open(od, "sensitivity.xlsx"))) {
		errno = 0;
		xlsx_done(od, "sensitivity.xlsx", f, report_xlsx_vary(g, f));
	}
	size_t n_files;
	const struct outdir_file *files = outdir_files(od, &n_files);
	if (files && (f = outdir_open(od, "summary.json")))
		report_vary_json(g, files, n_files, f);
	return outdir_commit(od);
}
