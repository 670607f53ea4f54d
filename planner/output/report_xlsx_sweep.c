/*
 * sensitivity.xlsx (report_xlsx.h): sensitivity.csv's rows as typed cells
 * on the sheet Sensitivity, with the charts sensitivity.png draws
 * (exposure and completion year against the budget scale), and what the
 * break-even search found on the sheet Summary.
 */
#include <math.h>
#include <stdlib.h>

#include "output/report_sweep.h"
#include "output/report_vary.h"
#include "output/report_xlsx.h"
#include "output/xlsx_kit.h"
#include "solver/solve.h"
#include "util/period.h"
#include "version.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* sensitivity.csv writes scales, exposure and the gap with "%.6f": the
 * sheet holds the same figures (0.6, not 0.6000000000000001). */
static double six(double value)
{
	return isfinite(value) ? round(value * 1e6) / 1e6 : value;
}

static void money_or_blank(struct xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
			   double value)
{
	if (isfinite(value))
		xlsx_number(x, ws, row, col, round(value * 100) / 100, x->money);
}

/* One cell of report_sweep.h's columns, typed. */
static void sweep_cell(struct xlsx *x, lxw_worksheet *ws, uint32_t row, uint16_t col,
		       const struct sweep_cell *cell)
{
	switch (cell->kind) {
	case SWEEP_CELL_SCALE:
		xlsx_number(x, ws, row, col, six(cell->number), x->scale);
		return;
	case SWEEP_CELL_MONEY:
		money_or_blank(x, ws, row, col, cell->number);
		return;
	case SWEEP_CELL_DECIMAL:
		xlsx_number(x, ws, row, col, six(cell->number), x->decimal);
		return;
	case SWEEP_CELL_SHARE:
		xlsx_number(x, ws, row, col, six(cell->number), x->share);
		return;
	case SWEEP_CELL_INTEGER:
		xlsx_number(x, ws, row, col, cell->number, NULL);
		return;
	case SWEEP_CELL_COUNT:
		xlsx_number(x, ws, row, col, cell->number, x->whole);
		return;
	case SWEEP_CELL_CENTS:
		xlsx_cents(x, ws, row, col, cell->cents);
		return;
	case SWEEP_CELL_TEXT:
		xlsx_text(x, ws, row, col, cell->text);
		return;
	}
}

/* The sheet Sensitivity: a header and the rows in report_sweep.h's
 * columns, then (a --vary sweep, 'g') vary_column_name()'s; the number
 * of columns. */
static uint16_t rows_table(struct xlsx *x, lxw_worksheet *ws, const struct scenario *s,
			   const struct sweep_row *rows, size_t n,
			   const struct vary_grid *g)
{
	uint16_t nc = (uint16_t)report_sweep_n_columns(s);
	uint16_t nv = g ? (uint16_t)vary_n_columns(g) : 0;
	for (uint16_t c = 0; c < nc; c++)
		xlsx_header(x, ws, 0, c, report_sweep_column_name(c));
	for (uint16_t c = 0; c < nv; c++)
		xlsx_header(x, ws, 0, (uint16_t)(nc + c), vary_column_name(g, c));
	uint16_t ncol = (uint16_t)(nc + nv);
	xlsx_check(x, worksheet_set_column(ws, 0, (uint16_t)(ncol - 1), 15, NULL));
	for (size_t i = 0; i < n; i++) {
		uint32_t row = (uint32_t)i + 1;
		for (uint16_t c = 0; c < nc; c++) {
			struct sweep_cell cell;
			report_sweep_cell(s, &rows[i], c, &cell);
			sweep_cell(x, ws, row, c, &cell);
		}
		for (uint16_t c = 0; c < nv; c++)
			xlsx_number(x, ws, row, (uint16_t)(nc + c),
				    six(vary_column_value(g, i, c)), x->decimal);
	}
	return ncol;
}

/* The charts of the sheet: exposure and the completion year against the
 * column 'x_col' (the budget scale, or a --vary's value), named
 * 'x_name', for the rows first..first + count - 1 (1-based rows). */
static void rows_charts(struct xlsx *x, lxw_worksheet *ws, const struct scenario *s,
			uint16_t x_col, const char *x_name, size_t n)
{
	static const struct {
		uint16_t col;
		const char *title, *axis, *format;
	} charts[] = {
		{3, "Exposure E of the plan at each %s", "weighted unit-years", "#,##0"},
		{6, "Year the last high-risk site goes", "completion year", "0"},
	};
	for (size_t k = 0; k < N_OF(charts); k++) {
		lxw_chart *c = workbook_add_chart(
			x->wb, LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS);
		char title[256];
		snprintf(title, sizeof(title), charts[k].title, x_name);
		chart_title_set_name(c, title);
		lxw_chart_series *se = chart_add_series(c, NULL, NULL);
		chart_series_set_categories(se, "Sensitivity", 1, x_col, (lxw_row_t)n,
					    x_col);
		chart_series_set_values(se, "Sensitivity", 1, charts[k].col, (lxw_row_t)n,
					charts[k].col);
		chart_series_set_name_range(se, "Sensitivity", 0, charts[k].col);
		chart_axis_set_name(c->x_axis, x_name);
		chart_axis_set_name(c->y_axis, charts[k].axis);
		chart_axis_set_num_format(c->y_axis, charts[k].format);
		chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
		if (charts[k].col == 6) {
			/* Years of the horizon, as sensitivity.png's panel: a
			 * sweep that never completes still shows where. */
			chart_axis_set_min(c->y_axis, s->start);
			chart_axis_set_max(c->y_axis, s->end);
			chart_axis_set_major_unit(c->y_axis, 1);
		}
		lxw_chart_options at = {.x_scale = 1.5, .y_scale = 1.3};
		xlsx_check(x, worksheet_insert_chart_opt(ws, (lxw_row_t)(n + 2 + 21 * k),
							 0, c, &at));
	}
}

/* The sheet Sensitivity: rows_table() under a frozen header with a
 * filter and, with 'charts', rows_charts() against column 'x_col' named
 * 'x_name'. */
static void sensitivity_sheet(struct xlsx *x, const struct scenario *s,
			      const struct sweep_row *rows, size_t n,
			      const struct vary_grid *g, bool charts, uint16_t x_col,
			      const char *x_name)
{
	lxw_worksheet *ws = xlsx_sheet(x, "Sensitivity");
	if (!ws)
		return;
	uint16_t ncol = rows_table(x, ws, s, rows, n, g);
	worksheet_freeze_panes(ws, 1, 0);
	if (n == 0)
		return;
	xlsx_check(x,
		   worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, (lxw_col_t)(ncol - 1)));
	if (charts)
		rows_charts(x, ws, s, x_col, x_name, n);
}

/* The sheet Summary's first rows: its title, the scenario, and the 'n'
 * points planned ('what'), with 'last_col' + 1 columns of values; the
 * row after them (NULL sheet: none). */
static lxw_worksheet *summary_head(struct xlsx *x, const struct scenario *s,
				   const char *what, size_t n, uint16_t last_col,
				   uint32_t *row)
{
	lxw_worksheet *ws = xlsx_sheet(x, "Summary");
	if (!ws)
		return NULL;
	xlsx_check(x, worksheet_set_column(ws, 0, 0, 40, NULL));
	xlsx_check(x, worksheet_set_column(ws, 1, last_col, 18, NULL));
	*row = 0;
	xlsx_check(x, worksheet_write_string(ws, (*row)++, 0, "phaseout sweep", x->bold));
	xlsx_text(x, ws, *row, 0, "scenario");
	xlsx_text(x, ws, (*row)++, 1, s->name);
	xlsx_text(x, ws, *row, 0, what);
	xlsx_number(x, ws, (*row)++, 1, (double)n, NULL);
	return ws;
}

/* The sheet Summary's last rows, after a blank one at 'row': the
 * versions of phaseout and GLPK. */
static void summary_versions(struct xlsx *x, lxw_worksheet *ws, uint32_t row)
{
	row++;
	xlsx_text(x, ws, row, 0, "phaseout version");
	xlsx_text(x, ws, row++, 1, PHASEOUT_VERSION);
	xlsx_text(x, ws, row, 0, "GLPK version");
	xlsx_text(x, ws, row, 1, solve_glpk_version());
}

static void summary_sheet(struct xlsx *x, const struct scenario *s, size_t n,
			  const struct break_even *be)
{
	uint32_t row;
	lxw_worksheet *ws = summary_head(x, s, "budget scales planned", n, 1, &row);
	if (!ws)
		return;
	if (be) {
		xlsx_text(x, ws, row, 0, "smallest scale where every rule holds");
		if (isnan(be->min_scale))
			xlsx_text(x, ws, row++, 1, "none in the range");
		else
			xlsx_number(x, ws, row++, 1, be->min_scale, x->scale);
		xlsx_text(x, ws, row, 0, "smallest scale completing earlier");
		if (isnan(be->earlier_scale))
			xlsx_text(x, ws, row++, 1, "none in the range");
		else
			xlsx_number(x, ws, row++, 1, be->earlier_scale, x->scale);
		xlsx_text(x, ws, row, 0, "search precision");
		xlsx_number(x, ws, row++, 1, be->precision, x->scale);
		if (be->stopped_step) {
			xlsx_text(x, ws, row, 0,
				  "search stopped at scale (no plan in time)");
			xlsx_number(x, ws, row++, 1, be->stopped_scale, x->scale);
		}
	}
	summary_versions(x, ws, row);
}

bool report_xlsx_sweep(const struct scenario *s, const struct sweep_row *rows, size_t n,
		       const struct break_even *be, FILE *f)
{
	struct xlsx x;
	if (!xlsx_open(&x, s->currency, "phaseout sweep"))
		return false;
	sensitivity_sheet(&x, s, rows, n, NULL, true, 0, "budget scale");
	summary_sheet(&x, s, n, be);
	return xlsx_finish(&x, f);
}

/* One table of the sheet Grid from 'top': its title, x's values across,
 * y's down, and each point's figure ('completion': the year, blank when
 * not complete; else E), blank where the rules cannot all hold (the
 * sheet Sensitivity has those points' least-violation figures). The row
 * after it. */
static uint32_t grid_table(struct xlsx *x, lxw_worksheet *ws, const struct vary_grid *g,
			   uint32_t top, bool completion)
{
	xlsx_check(x,
		   worksheet_write_string(ws, top, 0,
					  completion ? "Completion year"
						     : "Exposure E (weighted unit-years)",
					  x->bold));
	char corner[600];
	snprintf(corner, sizeof(corner), "%s (down) by %s (across)", g->y_path,
		 g->x_path ? g->x_path : "budget_scale");
	xlsx_header(x, ws, top + 1, 0, corner);
	for (size_t i = 0; i < g->nx; i++)
		xlsx_number(x, ws, top + 1, (uint16_t)(i + 1), six(vary_x(g, i)),
			    x->decimal);
	for (size_t j = 0; j < g->ny; j++) {
		uint32_t row = top + 2 + (uint32_t)j;
		xlsx_number(x, ws, row, 0, six(vary_y(g, j)), x->decimal);
		for (size_t i = 0; i < g->nx; i++) {
			const struct sweep_row *r = &g->rows[j * g->nx + i];
			uint16_t col = (uint16_t)(i + 1);
			if (r->status != PLAN_OPTIMAL && r->status != PLAN_FEASIBLE)
				continue;
			if (completion && r->completion_year)
				xlsx_number(x, ws, row, col, r->completion_year, NULL);
			else if (!completion)
				xlsx_number(x, ws, row, col, six(r->exposure),
					    x->decimal);
		}
	}
	return top + 3 + (uint32_t)g->ny;
}

static void vary_summary_sheet(struct xlsx *x, const struct vary_grid *g)
{
	uint32_t row;
	lxw_worksheet *ws =
		summary_head(x, g->s, "points planned", g->nx * g->ny, 3, &row);
	if (!ws)
		return;
	size_t lent = 0;
	for (size_t k = 0; k < g->nx * g->ny; k++)
		lent += !isnan(g->rows[k].plan_from_scale);
	xlsx_text(x, ws, row, 0, "points with a no-looser point's plan");
	xlsx_number(x, ws, row++, 1, (double)lent, NULL);
	row++;
	xlsx_header(x, ws, row, 0, "axis");
	xlsx_header(x, ws, row, 1, "from");
	xlsx_header(x, ws, row, 2, "to");
	xlsx_header(x, ws, row++, 3, "loosens the rules");
	for (int a = 0; a < (g->y_path ? 2 : 1); a++) {
		const char *path = a ? g->y_path : g->x_path ? g->x_path : "budget_scale";
		size_t n = a ? g->ny : g->nx;
		double from = a ? g->y_from : g->x_from, step = a ? g->y_step : g->x_step;
		int d = a ? g->y_loosening : g->x_loosening;
		xlsx_text(x, ws, row, 0, path);
		xlsx_number(x, ws, row, 1, six(from), x->decimal);
		xlsx_number(x, ws, row, 2, six(from + (double)(n - 1) * step),
			    x->decimal);
		xlsx_text(x, ws, row++, 3,
			  d > 0   ? "as it grows"
			  : d < 0 ? "as it falls"
				  : "no");
	}
	if (g->fm) {
		const struct vary_find_min *fm = g->fm;
		row++;
		char title[300];
		snprintf(title, sizeof(title), "break-even of %s", fm->path);
		xlsx_check(x, worksheet_write_string(ws, row++, 0, title, x->bold));
		if (fm->by_path) {
			xlsx_header(x, ws, row, 0, fm->by_path);
			xlsx_header(x, ws, row++, 1, "break_even");
		}
		for (size_t k = 0; k < fm->n; k++) {
			const struct vary_break_even *be = &fm->at[k];
			if (fm->by_path)
				xlsx_number(x, ws, row, 0,
					    six(fm->by_from + (double)k * fm->by_step),
					    x->decimal);
			else
				xlsx_text(x, ws, row, 0,
					  be->direction < 0
						  ? "largest value where every rule holds"
						  : "smallest value where every rule "
						    "holds");
			if (!isnan(be->stopped_at))
				xlsx_text(x, ws, row++, 1, "unknown: no plan in time");
			else if (isnan(be->value))
				xlsx_text(x, ws, row++, 1, "none in the range");
			else
				xlsx_number(x, ws, row++, 1, six(be->value), x->decimal);
		}
	}
	summary_versions(x, ws, row);
}

bool report_xlsx_vary(const struct vary_grid *g, FILE *f)
{
	struct xlsx x;
	if (!xlsx_open(&x, g->s->currency, "phaseout sweep"))
		return false;
	/* One axis: the charts against its value (its column, the first
	 * appended; the budget scale's own otherwise). */
	sensitivity_sheet(&x, g->s, g->rows, g->nx * g->ny, g, g->ny == 1,
			  g->x_path ? (uint16_t)report_sweep_n_columns(g->s) : 0,
			  g->x_path ? g->x_path : "budget scale");
	lxw_worksheet *ws;
	if (g->ny > 1 && (ws = xlsx_sheet(&x, "Grid"))) {
		xlsx_check(&x, worksheet_set_column(ws, 0, 0, 36, NULL));
		xlsx_check(&x, worksheet_set_column(ws, 1, (uint16_t)g->nx, 14, NULL));
		uint32_t next = grid_table(&x, ws, g, 0, false);
		grid_table(&x, ws, g, next, true);
	}
	vary_summary_sheet(&x, g);
	return xlsx_finish(&x, f);
}
