/*
 * sensitivity.xlsx (report_xlsx.h): sensitivity.csv's rows as typed cells
 * on the sheet Sensitivity, with the charts sensitivity.png draws
 * (exposure and completion year against the budget scale), and what the
 * break-even search found on the sheet Summary.
 */
#include <math.h>
#include <stdlib.h>

#include "output/report_xlsx.h"
#include "output/xlsx_kit.h"
#include "solver/solve.h"
#include "util/period.h"
#include "version.h"

static const char *const columns[] = {
	"budget_scale",
	"total_budget",
	"status",
	"exposure",
	"present_cost",
	"nominal_cost",
	"completion_year",
	"hr_units_remaining",
	"deadlines_met",
	"deadlines_total",
	"gap",
	"stopped_by",
	"plan_from_scale",
};

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

static void rows_sheet(struct xlsx *x, const struct scenario *s,
		       const struct sweep_row *rows, size_t n)
{
	lxw_worksheet *ws = xlsx_sheet(x, "Sensitivity");
	if (!ws)
		return;
	bool v2 = s->format_version >= 2;
	uint16_t ncol = 0;
	for (size_t i = 0; i < N_OF(columns); i++)
		xlsx_header(x, ws, 0, ncol++, columns[i]);
	if (v2) {
		xlsx_header(x, ws, 0, ncol++, "total_funds");
		xlsx_header(x, ws, 0, ncol++, "completion_period");
	}
	xlsx_check(x, worksheet_set_column(ws, 0, (uint16_t)(ncol - 1), 15, NULL));
	for (size_t i = 0; i < n; i++) {
		const struct sweep_row *r = &rows[i];
		uint32_t row = (uint32_t)i + 1;
		xlsx_number(x, ws, row, 0, six(r->budget_scale), x->scale);
		money_or_blank(x, ws, row, 1, r->total_budget);
		xlsx_text(x, ws, row, 2, plan_status_name(r->status));
		xlsx_number(x, ws, row, 3, six(r->exposure), x->decimal);
		money_or_blank(x, ws, row, 4, r->present_cost);
		money_or_blank(x, ws, row, 5, r->nominal_cost);
		if (r->completion_year)
			xlsx_number(x, ws, row, 6, r->completion_year, NULL);
		xlsx_number(x, ws, row, 7, (double)r->hr_units_remaining, x->whole);
		xlsx_number(x, ws, row, 8, r->deadlines_met, NULL);
		xlsx_number(x, ws, row, 9, r->deadlines_total, NULL);
		xlsx_number(x, ws, row, 10, six(r->gap), x->share);
		xlsx_text(x, ws, row, 11, plan_stop_name(r->stopped_by));
		xlsx_number(x, ws, row, 12, six(r->plan_from_scale), x->scale);
		if (v2) {
			xlsx_cents(x, ws, row, 13, 0); /* no funds yet */
			char label[16] = "";
			if (r->completion_year && r->completion_period >= 0)
				period_label(s->start, s->periods_per_year,
					     r->completion_period, label, sizeof(label));
			xlsx_text(x, ws, row, 14, label);
		}
	}
	worksheet_freeze_panes(ws, 1, 0);
	if (n == 0)
		return;
	xlsx_check(x,
		   worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, (lxw_col_t)(ncol - 1)));

	static const struct {
		uint16_t col;
		const char *title, *axis, *format;
	} charts[] = {
		{3, "Exposure E of the plan at each budget scale", "weighted unit-years",
		 "#,##0"},
		{6, "Year the last high-risk site goes", "completion year", "0"},
	};
	for (size_t k = 0; k < N_OF(charts); k++) {
		lxw_chart *c = workbook_add_chart(
			x->wb, LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS);
		chart_title_set_name(c, charts[k].title);
		lxw_chart_series *se = chart_add_series(c, NULL, NULL);
		chart_series_set_categories(se, "Sensitivity", 1, 0, (lxw_row_t)n, 0);
		chart_series_set_values(se, "Sensitivity", 1, charts[k].col, (lxw_row_t)n,
					charts[k].col);
		chart_series_set_name_range(se, "Sensitivity", 0, charts[k].col);
		chart_axis_set_name(c->x_axis, "budget scale");
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

static void summary_sheet(struct xlsx *x, const struct scenario *s, size_t n,
			  const struct break_even *be)
{
	lxw_worksheet *ws = xlsx_sheet(x, "Summary");
	if (!ws)
		return;
	xlsx_check(x, worksheet_set_column(ws, 0, 0, 40, NULL));
	xlsx_check(x, worksheet_set_column(ws, 1, 1, 18, NULL));
	uint32_t row = 0;
	xlsx_check(x, worksheet_write_string(ws, row++, 0, "phaseout sweep", x->bold));
	xlsx_text(x, ws, row, 0, "scenario");
	xlsx_text(x, ws, row++, 1, s->name);
	xlsx_text(x, ws, row, 0, "budget scales planned");
	xlsx_number(x, ws, row++, 1, (double)n, NULL);
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
	row++;
	xlsx_text(x, ws, row, 0, "phaseout version");
	xlsx_text(x, ws, row++, 1, PHASEOUT_VERSION);
	xlsx_text(x, ws, row, 0, "GLPK version");
	xlsx_text(x, ws, row++, 1, solve_glpk_version());
}

bool report_xlsx_sweep(const struct scenario *s, const struct sweep_row *rows, size_t n,
		       const struct break_even *be, FILE *f)
{
	struct xlsx x;
	if (!xlsx_open(&x, s->currency, "phaseout sweep"))
		return false;
	rows_sheet(&x, s, rows, n);
	summary_sheet(&x, s, n, be);
	return xlsx_finish(&x, f);
}
