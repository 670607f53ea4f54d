/*
 * report_xlsx: the workbooks of an -o folder, for finance teams who work
 * in Excel or LibreOffice Calc (docs/decisions.md, "Spreadsheets out").
 *
 *	f = outdir_open(od, "plan.xlsx");        report_xlsx_plan(p, rows, f);
 *	f = outdir_open(od, "sensitivity.xlsx"); report_xlsx_sweep(s, rows, n, be, f);
 *	f = outdir_open(od, "sensitivity.xlsx"); report_xlsx_vary(grid, f);
 *
 * plan.xlsx has the sheets Summary (status, objectives, costs, every
 * rule's outcome, versions), Plan (plan.csv's rows as typed cells: text
 * as text, money as numbers in the scenario's currency, years and units
 * as numbers; a filter and a frozen header), Timeline (timeline.csv's
 * rows, each share cap's limit per period, and two charts: the high-risk
 * share by domain with the caps, spend against the money available) and
 * Totals (plan_totals.h: by year and vendor, region and domain, and the
 * grand totals). sensitivity.xlsx has sensitivity.csv's rows and a chart
 * of exposure and present cost against the budget scale.
 *
 * Text cells are text, never formulas, so they carry no formula guard:
 * a site id '0042' or '-7' is shown and looked up as it is. Every figure
 * is the one the CSV files hold (the plan's reported cents); nothing in
 * a workbook depends on the clock or the machine, so the same run gives
 * the same bytes. Each returns false when the workbook could not be made
 * or written to 'f' (flushed, never closed).
 *
 * Ownership: the writers only read their arguments.
 */
#ifndef PHASEOUT_REPORT_XLSX_H
#define PHASEOUT_REPORT_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "input/scenario.h"
#include "plan/plan.h"
#include "plan/plan_row.h"
#include "plan/sweep_row.h"

/* report_xlsx_plan: plan.xlsx for 'p'; 'rows' as for
 * report_csv_write_plan() (report.h): p's plan_rows_create(), or NULL to
 * make them here. */
bool report_xlsx_plan(const struct plan *p, const struct plan_rows *rows, FILE *f);

/* report_xlsx_sweep: sensitivity.xlsx for a sweep's 'n' rows; 'be' may be
 * NULL when no break-even search ran. */
bool report_xlsx_sweep(const struct scenario *s, const struct sweep_row *rows, size_t n,
		       const struct break_even *be, FILE *f);

/* report_xlsx_vary: sensitivity.xlsx for `sweep --vary` (report_vary.h):
 * the sheet Sensitivity with sensitivity.csv's columns, typed (one axis:
 * with the two charts against its value); a grid also the sheet Grid,
 * exposure and the completion year as tables with x across and y down;
 * Summary with the axes, the points that took a no-looser point's plan
 * and --find-min's break-even values. */
struct vary_grid;
bool report_xlsx_vary(const struct vary_grid *g, FILE *f);

#endif
