/*
 * run_files: which files one run leaves in its -o folder, and writing
 * them. A plan with a plan (optimal, feasible) is plan.csv, timeline.csv,
 * timeline.svg, timeline.png, totals.csv, plan.xlsx and summary.json; without one
 *(infeasible, no plan: exit 3 or 4) it is summary.json alone, so that an earlier run's
 *plan.csv never sits beside it (the folder is replaced as a whole, outdir.h). A sweep is
 *sensitivity.csv, sensitivity.svg, sensitivity.png, sensitivity.xlsx and summary.json.
 *summary.json comes last, with the checksums of the others.
 *
 *	struct outdir *od = outdir_create(dir, "plan");
 *	if (!outdir_prepare(od, force)) ...
 *	...the solve...
 *	if (!run_files_write_plan(p, od)) print outdir_error(od);
 *
 * Errors are not printed: each returns false with outdir_error(od) set.
 * Ownership: the writers only read the plan, scenario and rows.
 */
#ifndef PHASEOUT_RUN_FILES_H
#define PHASEOUT_RUN_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "input/scenario.h"
#include "output/outdir.h"
#include "plan/plan.h"
#include "plan/sweep_row.h"

/* run_files_write_plan: a plan's files into 'od', committed. */
bool run_files_write_plan(const struct plan *p, struct outdir *od);

/* run_files_write_sweep: a sweep's files into 'od', committed; 'be' may
 * be NULL when no break-even search ran. */
bool run_files_write_sweep(const struct scenario *s, const struct sweep_row *rows,
			   size_t n, const struct break_even *be, struct outdir *od);

/* run_files_write_vary: the files of `sweep --vary` (report_vary.h) into
 * 'od', committed: sensitivity.csv, the chart (one axis: sensitivity.svg
 * and .png; a grid: heatmap.svg and .png), sensitivity.xlsx and
 * summary.json. */
struct vary_grid;
bool run_files_write_vary(const struct vary_grid *g, struct outdir *od);

#endif
