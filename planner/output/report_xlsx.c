#include "output/report_xlsx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output/report.h"
#include "output/xlsx_kit.h"
#include "plan/plan_row.h"
#include "plan/plan_totals.h"
#include "plan/rule_label.h"
#include "plan/why.h"
#include "solver/solve.h"
#include "util/period.h"
#include "util/xalloc.h"
#include "version.h"

static const char *const timeline_columns[] = {
	"year",          "budget",        "available",          "spend",    "unspent",
	"sites_swapped", "units_swapped", "hr_units_remaining", "hr_share", "exposure",
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static void label_of(const struct scenario *s, int period, char *buf, size_t size)
{
	buf[0] = '\0';
	if (period >= 0)
		period_label(s->start, s->periods_per_year, period, buf, size);
}

/* --- Summary -------------------------------------------------------------- */

struct lines {
	struct xlsx *x;
	lxw_worksheet *ws;
	uint32_t row;
};

static void line_text(struct lines *l, const char *what, const char *text)
{
	xlsx_text(l->x, l->ws, l->row, 0, what);
	xlsx_text(l->x, l->ws, l->row++, 1, text);
}

static void line_number(struct lines *l, const char *what, double value,
			lxw_format *format, const char *unknown)
{
	xlsx_text(l->x, l->ws, l->row, 0, what);
	if (isfinite(value))
		xlsx_number(l->x, l->ws, l->row++, 1, value, format);
	else
		xlsx_text(l->x, l->ws, l->row++, 1, unknown);
}

static void line_cents(struct lines *l, const char *what, int64_t cents)
{
	xlsx_text(l->x, l->ws, l->row, 0, what);
	xlsx_cents(l->x, l->ws, l->row++, 1, cents);
}

static const char *stopped_words(enum plan_stop stop)
{
	switch (stop) {
	case PLAN_STOP_NONE:
		return "ran to its end";
	case PLAN_STOP_TIME_LIMIT:
		return "the time limit";
	case PLAN_STOP_GAP:
		return "the gap limit";
	case PLAN_STOP_INTERRUPT:
		return "an interrupt";
	}
	return "";
}

static void rules_table(struct lines *l, const struct plan *p)
{
	static const char *const head[] = {"rule",  "holds",      "value",
					   "limit", "sites late", "units late"};
	l->row++;
	xlsx_text(l->x, l->ws, l->row++, 0, "Rules");
	for (uint16_t c = 0; c < N_OF(head); c++)
		xlsx_header(l->x, l->ws, l->row, c, head[c]);
	l->row++;
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct plan_rule *r = &p->rules[i];
		bool share = r->kind == RULE_SHARE_CAP || r->kind == RULE_VENDOR_SHARE;
		/* Deadlines and completion count HR units left. */
		lxw_format *f = share ? l->x->share : l->x->whole;
		xlsx_text(l->x, l->ws, l->row, 0, r->label);
		xlsx_text(l->x, l->ws, l->row, 1, r->holds ? "yes" : "no");
		xlsx_number(l->x, l->ws, l->row, 2, r->value, f);
		xlsx_number(l->x, l->ws, l->row, 3, r->limit, f);
		if (r->kind == RULE_DEADLINE) {
			xlsx_number(l->x, l->ws, l->row, 4, (double)r->sites_late,
				    l->x->whole);
			xlsx_number(l->x, l->ws, l->row, 5, (double)r->units_late,
				    l->x->whole);
		}
		l->row++;
	}
}

static void summary_sheet(struct xlsx *x, const struct plan *p,
			  const struct plan_totals *all)
{
	const struct scenario *s = p->scenario;
	struct lines l = {x, xlsx_sheet(x, "Summary"), 0};
	if (!l.ws)
		return;
	xlsx_check(x, worksheet_set_column(l.ws, 0, 0, 34, NULL));
	xlsx_check(x, worksheet_set_column(l.ws, 1, 1, 22, NULL));
	xlsx_check(x, worksheet_set_column(l.ws, 2, 5, 12, NULL));
	xlsx_check(x, worksheet_write_string(l.ws, l.row++, 0, "phaseout plan", x->bold));
	line_text(&l, "scenario", s->name);
	if (s->format_version >= 2)
		line_text(&l, "periods", period_kind_name(s->periods_per_year));
	line_text(&l, "status", plan_status_name(p->status));
	line_text(&l, "stopped by", stopped_words(p->stopped_by));
	line_text(&l, "objective", p->objective == OBJECTIVE_COST ? "cost" : "exposure");
	line_number(&l, "exposure", p->exposure, x->decimal, "");
	line_number(&l, "proven bound", p->bound,
		    p->objective == OBJECTIVE_COST ? x->money : x->decimal,
		    "none proven");
	line_number(&l, "gap", p->gap, x->share, "unknown");
	line_cents(&l, "present cost", p->present_cents);
	line_cents(&l, "nominal cost", p->nominal_cents);
	if (s->format_version >= 2) {
		/* No scenario has funds yet (the loader refuses them), so
		 * own money pays for every swap, as plan.csv's own_cost. */
		line_cents(&l, "own cost (nominal)", p->nominal_cents);
		line_cents(&l, "funded cost (nominal)", 0);
	}
	if (p->completion_year) {
		line_number(&l, "completion year", p->completion_year, NULL, "");
		if (s->format_version >= 2) {
			char label[16];
			label_of(s, p->completion_period, label, sizeof(label));
			line_text(&l, "completion period", label);
		}
	} else {
		line_text(&l, "completion year", "not complete");
	}
	line_number(&l, "HR units left at the end", (double)p->hr_units_left, x->whole,
		    "");
	line_number(&l, "HR sites", (double)p->hr_sites_total, x->whole, "");
	line_number(&l, "HR sites swapped", (double)all->swapped.sites, x->whole, "");
	line_number(&l, "HR units", (double)p->hr_units_total, x->whole, "");
	line_number(&l, "budget scale", p->budget_scale, NULL, "");
	line_text(&l, "allow late", p->allow_late ? "yes" : "no");
	line_text(&l, "currency", s->currency);
	if (p->baseline_dir) {
		line_text(&l, "baseline", p->baseline_dir);
		line_number(&l, "slack", p->slack, NULL, "");
		line_number(&l, "sites moved", (double)p->sites_moved, x->whole, "");
		line_number(&l, "sites overdue", (double)p->sites_overdue, x->whole, "");
	}
	rules_table(&l, p);
	if (p->n_diagnosis) {
		l.row++;
		xlsx_text(x, l.ws, l.row++, 0, "Diagnosis");
		for (size_t i = 0; i < p->n_diagnosis; i++)
			xlsx_text(x, l.ws, l.row++, 0, p->diagnosis[i]);
	}
	l.row++;
	line_text(&l, "phaseout version", PHASEOUT_VERSION);
	line_text(&l, "GLPK version", solve_glpk_version());
}

/* --- Plan ----------------------------------------------------------------- */

static void plan_sheet(struct xlsx *x, const struct plan *p, const struct plan_rows *rows)
{
	lxw_worksheet *ws = xlsx_sheet(x, "Plan");
	if (!ws)
		return;
	uint16_t ncol = (uint16_t)rows->n_columns;
	for (uint16_t c = 0; c < ncol; c++)
		xlsx_header(x, ws, 0, c, rows->names[c]);
	xlsx_check(x, worksheet_set_column(ws, 0, (uint16_t)(ncol - 1), 14, NULL));

	for (size_t k = 0; k < rows->n; k++) {
		const struct plan_row *r = &rows->rows[k];
		uint32_t row = (uint32_t)k + 1;
		if (r->swapped)
			xlsx_number(x, ws, row, 0, r->year, NULL);
		xlsx_text(x, ws, row, 1, r->site_id);
		xlsx_text(x, ws, row, 2, r->region);
		xlsx_text(x, ws, row, 3, r->domain);
		xlsx_text(x, ws, row, 4, r->from_vendor);
		xlsx_text(x, ws, row, 5, r->to_vendor);
		xlsx_number(x, ws, row, 6, (double)r->units, NULL);
		if (r->split) {
			xlsx_cents(x, ws, row, 7, r->equipment_cents);
			xlsx_cents(x, ws, row, 8, r->site_cents);
		}
		if (r->swapped) {
			xlsx_cents(x, ws, row, 9, r->total_cents);
			xlsx_cents(x, ws, row, 10, r->present_cents);
		}
		xlsx_text(x, ws, row, 11, r->cluster);
		if (r->late > 0)
			xlsx_number(x, ws, row, 12, r->late, NULL);
		uint16_t c = 13;
		if (r->version2) {
			xlsx_text(x, ws, row, c, r->period);
			xlsx_text(x, ws, row, c + 1, r->status);
			if (r->swapped) {
				xlsx_cents(x, ws, row, c + 2, r->own_cents);
				xlsx_cents(x, ws, row, c + 3, r->funded_cents);
			}
			xlsx_text(x, ws, row, c + 4, r->fund);
			c += 5;
		}
		if (r->moved_column && r->moved >= 0)
			xlsx_number(x, ws, row, c, r->moved, NULL);
		xlsx_text(x, ws, row, (uint16_t)(c + 1), r->why);
	}
	worksheet_freeze_panes(ws, 1, 0);
	xlsx_check(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)p->n_sites,
					   (lxw_col_t)(ncol - 1)));
}

/* --- Timeline ------------------------------------------------------------- */

/* Shares and exposure as timeline.csv writes them ("%.6f"), so that the
 * sheet and the file hold the same figures. */
static double six(double value)
{
	return isfinite(value) ? round(value * 1e6) / 1e6 : value;
}

/* A cap's limit as a column of its own, from its binding period on, so
 * that the share chart can draw it as a line. */
static void cap_column(struct xlsx *x, lxw_worksheet *ws, const struct plan *p,
		       const struct share_cap_rule *c, uint16_t col)
{
	char *label = rule_label_cap(c);
	char *head = xasprintf("cap: %s", label);
	xlsx_header(x, ws, 0, col, head);
	for (size_t i = 0; i < p->n_years; i++)
		if (p->years[i].period >= c->when.bind_p)
			xlsx_number(x, ws, (uint32_t)i + 1, col, c->max_share, x->share);
	free(head);
	free(label);
}

static void series_range(lxw_chart_series *se, const char *sheet, uint32_t first,
			 uint32_t last, uint16_t col)
{
	chart_series_set_values(se, sheet, first, col, last, col);
}

static void timeline_charts(struct xlsx *x, lxw_worksheet *ws, const struct plan *p,
			    uint16_t label_col, uint16_t share_col, uint16_t cap_col,
			    uint16_t at_col)
{
	const struct scenario *s = p->scenario;
	uint32_t last = (uint32_t)p->n_years;
	if (last == 0)
		return;

	lxw_chart *share = workbook_add_chart(x->wb, LXW_CHART_LINE);
	chart_title_set_name(share, "High-risk share by domain, with the caps");
	lxw_chart_series *se = chart_add_series(share, NULL, NULL);
	chart_series_set_categories(se, "Timeline", 1, label_col, last, label_col);
	series_range(se, "Timeline", 1, last, 8);
	chart_series_set_name_range(se, "Timeline", 0, 8);
	lxw_chart_line thick = {.width = 2.5, .color = LXW_COLOR_BLACK};
	chart_series_set_line(se, &thick);
	for (uint32_t d = 0; d < s->domains.count; d++) {
		se = chart_add_series(share, NULL, NULL);
		chart_series_set_categories(se, "Timeline", 1, label_col, last,
					    label_col);
		series_range(se, "Timeline", 1, last, (uint16_t)(share_col + d));
		chart_series_set_name_range(se, "Timeline", 0, (uint16_t)(share_col + d));
	}
	for (size_t c = 0; c < s->n_caps; c++) {
		se = chart_add_series(share, NULL, NULL);
		chart_series_set_categories(se, "Timeline", 1, label_col, last,
					    label_col);
		series_range(se, "Timeline", 1, last, (uint16_t)(cap_col + c));
		chart_series_set_name_range(se, "Timeline", 0, (uint16_t)(cap_col + c));
		lxw_chart_line dash = {.width = 1.5,
				       .dash_type = LXW_CHART_LINE_DASH_DASH,
				       .color = LXW_COLOR_RED};
		chart_series_set_line(se, &dash);
	}
	chart_axis_set_num_format(share->y_axis, "0%");
	chart_axis_set_min(share->y_axis, 0);
	chart_axis_set_max(share->y_axis, 1);
	chart_axis_set_name(share->y_axis, "high-risk units left");
	chart_legend_set_position(share, LXW_CHART_LEGEND_BOTTOM);
	chart_show_blanks_as(share, LXW_CHART_BLANKS_AS_GAP);
	lxw_chart_options at = {.x_scale = 1.6, .y_scale = 1.4};
	xlsx_check(x, worksheet_insert_chart_opt(ws, 1, at_col, share, &at));

	lxw_chart *money = workbook_add_chart(x->wb, LXW_CHART_LINE);
	char *title = xasprintf("Spend against the money available (%s)",
				s->currency ? s->currency : "");
	chart_title_set_name(money, title);
	free(title);
	static const struct {
		uint16_t col;
		uint8_t dash;
	} lines[] = {{3, LXW_CHART_LINE_DASH_SOLID},
		     {2, LXW_CHART_LINE_DASH_DASH},
		     {1, LXW_CHART_LINE_DASH_ROUND_DOT}};
	bool any_budget = false;
	for (size_t i = 0; i < p->n_years; i++)
		any_budget = any_budget || isfinite(p->years[i].budget);
	for (size_t i = 0; i < N_OF(lines); i++) {
		/* No period has a budget of its own (periods finer than a
		 * year without period keys): no empty line in the legend. */
		if (lines[i].col == 1 && !any_budget)
			continue;
		se = chart_add_series(money, NULL, NULL);
		chart_series_set_categories(se, "Timeline", 1, label_col, last,
					    label_col);
		series_range(se, "Timeline", 1, last, lines[i].col);
		chart_series_set_name_range(se, "Timeline", 0, lines[i].col);
		lxw_chart_line style = {.width = 2, .dash_type = lines[i].dash};
		chart_series_set_line(se, &style);
		/* A budget given only by some period keys is points between
		 * gaps: markers show them. */
		if (lines[i].col == 1) {
			chart_series_set_marker_type(se, LXW_CHART_MARKER_DIAMOND);
			chart_series_set_marker_size(se, 7);
		}
	}
	chart_axis_set_num_format(money->y_axis, "#,##0");
	chart_axis_set_min(money->y_axis, 0);
	chart_legend_set_position(money, LXW_CHART_LEGEND_BOTTOM);
	chart_show_blanks_as(money, LXW_CHART_BLANKS_AS_GAP);
	xlsx_check(x, worksheet_insert_chart_opt(ws, 23, at_col, money, &at));
}

static void timeline_sheet(struct xlsx *x, const struct plan *p)
{
	const struct scenario *s = p->scenario;
	lxw_worksheet *ws = xlsx_sheet(x, "Timeline");
	if (!ws)
		return;
	bool v2 = s->format_version >= 2;
	uint32_t *order = report_domain_order(s);
	uint16_t ncol = 0;
	for (size_t i = 0; i < N_OF(timeline_columns); i++)
		xlsx_header(x, ws, 0, ncol++, timeline_columns[i]);
	uint16_t share_col = ncol;
	for (uint32_t d = 0; d < s->domains.count; d++) {
		char *name = xasprintf("hr_share_%s", s->domains.names[order[d]]);
		xlsx_header(x, ws, 0, ncol++, name);
		free(name);
	}
	uint16_t period_col = ncol;
	if (v2) {
		xlsx_header(x, ws, 0, ncol++, "period");
		xlsx_header(x, ws, 0, ncol++, "own_spend");
		xlsx_header(x, ws, 0, ncol++, "funded_spend");
	}
	for (size_t i = 0; p->years && i < p->n_years; i++) {
		const struct plan_year *y = &p->years[i];
		uint32_t row = (uint32_t)i + 1;
		xlsx_number(x, ws, row, 0, y->year, NULL);
		if (isfinite(y->budget))
			xlsx_cents(x, ws, row, 1, y->budget_cents);
		if (isfinite(y->available)) {
			xlsx_cents(x, ws, row, 2, y->available_cents);
			xlsx_cents(x, ws, row, 4, y->unspent_cents);
		}
		xlsx_cents(x, ws, row, 3, y->spend_cents);
		xlsx_number(x, ws, row, 5, (double)y->sites_swapped, x->whole);
		xlsx_number(x, ws, row, 6, (double)y->units_swapped, x->whole);
		xlsx_number(x, ws, row, 7, (double)y->hr_units_remaining, x->whole);
		xlsx_number(x, ws, row, 8, six(y->hr_share), x->share);
		xlsx_number(x, ws, row, 9, six(y->exposure), x->decimal);
		for (uint32_t d = 0; d < s->domains.count; d++)
			xlsx_number(x, ws, row, (uint16_t)(share_col + d),
				    six(y->hr_share_domain[order[d]]), x->share);
		if (v2) {
			char label[16];
			label_of(s, y->period, label, sizeof(label));
			xlsx_text(x, ws, row, period_col, label);
			xlsx_cents(x, ws, row, (uint16_t)(period_col + 1),
				   y->spend_cents);
			xlsx_cents(x, ws, row, (uint16_t)(period_col + 2), 0);
		}
	}
	uint16_t cap_col = ncol;
	for (size_t c = 0; c < s->n_caps; c++)
		cap_column(x, ws, p, &s->caps[c], ncol++);
	xlsx_check(x, worksheet_set_column(ws, 0, (uint16_t)(ncol - 1), 13, NULL));
	worksheet_freeze_panes(ws, 1, 0);
	timeline_charts(x, ws, p, v2 ? period_col : 0, share_col, cap_col,
			(uint16_t)(ncol + 1));
	free(order);
}

/* --- Totals --------------------------------------------------------------- */

/* One table of the Totals sheet: 'key' names its second column (vendor,
 * region or domain); years are calendar years (totals.csv has periods). */
static uint32_t totals_table(struct xlsx *x, lxw_worksheet *ws, uint32_t row,
			     const struct plan *p, unsigned key, const char *title)
{
	const struct scenario *s = p->scenario;
	static const char *const head[] = {
		"year", "", "sites", "units", "nominal_cost", "present_value"};
	const char *name = key == TOTALS_VENDOR   ? "to_vendor"
			   : key == TOTALS_REGION ? "region"
						  : "domain";
	xlsx_check(x, worksheet_write_string(ws, row++, 0, title, x->bold));
	for (uint16_t c = 0; c < N_OF(head); c++)
		xlsx_header(x, ws, row, c, c == 1 ? name : head[c]);
	row++;
	struct plan_totals *t = plan_totals_create(p, TOTALS_YEAR | key);
	for (size_t i = 0; i < t->n; i++) {
		const struct totals_row *r = &t->rows[i];
		if (r->swapped)
			xlsx_number(x, ws, row, 0, r->year, NULL);
		else
			xlsx_text(x, ws, row, 0, "unswapped");
		const char *what =
			key == TOTALS_VENDOR
				? (r->vendor >= 0 ? s->vendors[r->vendor].name : NULL)
			: key == TOTALS_REGION ? s->regions.names[r->region]
					       : s->domains.names[r->domain];
		xlsx_text(x, ws, row, 1, what);
		xlsx_number(x, ws, row, 2, (double)r->sites, x->whole);
		xlsx_number(x, ws, row, 3, (double)r->units, x->whole);
		xlsx_cents(x, ws, row, 4, r->nominal_cents);
		xlsx_cents(x, ws, row, 5, r->present_cents);
		row++;
	}
	plan_totals_destroy(t);
	return row + 1;
}

static void grand_row(struct xlsx *x, lxw_worksheet *ws, uint32_t row, const char *what,
		      const struct totals_row *r)
{
	xlsx_check(x, worksheet_write_string(ws, row, 0, what, x->bold));
	xlsx_number(x, ws, row, 2, (double)r->sites, x->whole);
	xlsx_number(x, ws, row, 3, (double)r->units, x->whole);
	xlsx_cents(x, ws, row, 4, r->nominal_cents);
	xlsx_cents(x, ws, row, 5, r->present_cents);
}

static void totals_sheet(struct xlsx *x, const struct plan *p,
			 const struct plan_totals *all)
{
	lxw_worksheet *ws = xlsx_sheet(x, "Totals");
	if (!ws)
		return;
	xlsx_check(x, worksheet_set_column(ws, 0, 1, 14, NULL));
	xlsx_check(x, worksheet_set_column(ws, 2, 3, 10, NULL));
	xlsx_check(x, worksheet_set_column(ws, 4, 5, 20, NULL));
	uint32_t row = 0;
	xlsx_check(x, worksheet_write_string(ws, row++, 0, "Grand total", x->bold));
	static const char *const head[] = {
		"", "", "sites", "units", "nominal_cost", "present_value"};
	for (uint16_t c = 2; c < N_OF(head); c++)
		xlsx_header(x, ws, row, c, head[c]);
	row++;
	grand_row(x, ws, row++, "swapped", &all->swapped);
	grand_row(x, ws, row++, "all HR sites", &all->all);
	row++;
	row = totals_table(x, ws, row, p, TOTALS_VENDOR, "By year and vendor");
	row = totals_table(x, ws, row, p, TOTALS_REGION, "By year and region");
	totals_table(x, ws, row, p, TOTALS_DOMAIN, "By year and domain");
}

bool report_xlsx_plan(const struct plan *p, const struct plan_rows *rows, FILE *f)
{
	struct xlsx x;
	if (!xlsx_open(&x, p->scenario->currency, "phaseout plan"))
		return false;
	struct plan_totals *all = plan_totals_create(p, 0);
	summary_sheet(&x, p, all);
	struct plan_rows *own = rows ? NULL : plan_rows_create(p);
	plan_sheet(&x, p, rows ? rows : own);
	plan_rows_destroy(own);
	timeline_sheet(&x, p);
	totals_sheet(&x, p, all);
	plan_totals_destroy(all);
	return xlsx_finish(&x, f);
}
