/*
 * chart_sensitivity: the picture of a sweep (chart.h's
 * chart_sensitivity_*): exposure, cost and completion year against the
 * budget scale, one marker per row by its status, an open square round
 * the points a limit cut short, and the break-even scales of
 * --find-min-budget as marked lines, drawn with chart_kit. Under the
 * bottom panel's ticks, the money line: the total budget each tick gives.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "input/override.h"
#include "output/chart.h"
#include "output/chart_kit.h"
#include "output/report_vary.h"
#include "util/money.h"
#include "util/xalloc.h"

#define SENS_BOTTOM 78.0 /* plot 2's bottom to the picture's bottom */

static const struct rgb point_blue = RGB(0x1f77b4);
static const struct rgb infeasible_red = RGB(0xd62728);
static const struct rgb no_plan_grey = RGB(0x888888);
static const struct rgb cut_orange = RGB(0xff7f0e);
static const struct rgb break_even_green = RGB(0x2ca02c);
static const struct rgb earlier_purple = RGB(0x9467bd);

/* What a panel shows of a row. */
enum panel { PANEL_EXPOSURE, PANEL_COST, PANEL_COMPLETION };

struct point {
	double x;
	size_t row;
};

struct sensitivity {
	const struct scenario *s;
	const struct sweep_row *rows;
	const struct break_even *be; /* NULL: no break-even search */
	/* A one-axis `sweep --vary` (NULL: the budget sweep): x is its
	 * value, in 'unit', and 'be_value' its --find-min break-even (NAN). */
	const struct vary_grid *g;
	enum override_unit unit;
	double be_value;
	struct point *pts; /* rows with a finite scale, by scale */
	size_t n;
	double total_at_1; /* the scenario's total budget, INFINITY if any year is
			      unlimited */
	/* A --vary whose rows' total budgets are finite and not all the same
	 * (a budget path): the money line, from those totals. */
	bool vary_totals;
	struct legend legend;
};

static int compare_points(const void *pa, const void *pb)
{
	const struct point *a = pa, *b = pb;
	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	return a->row < b->row ? -1 : a->row > b->row;
}

static bool plannable(enum plan_status st)
{
	return st == PLAN_OPTIMAL || st == PLAN_FEASIBLE;
}

static enum marker status_marker(enum plan_status st)
{
	switch (st) {
	case PLAN_OPTIMAL:
		return MARK_DOT;
	case PLAN_FEASIBLE:
		return MARK_RING;
	case PLAN_INFEASIBLE:
		return MARK_CROSS;
	case PLAN_NO_PLAN:
		return MARK_TRIANGLE;
	}
	return MARK_NONE;
}

static struct rgb status_color(enum plan_status st)
{
	return st == PLAN_INFEASIBLE ? infeasible_red
	       : st == PLAN_NO_PLAN  ? no_plan_grey
				     : point_blue;
}

/* A break-even scale's legend text: "break-even 0.787× · GBP 178.8m". */
static void be_label(const struct sensitivity *sv, const char *what, double scale,
		     char *buf, size_t size)
{
	double total = sweep_total_budget(sv->s, scale);
	if (isfinite(total)) {
		char money[64];
		money_format_brief(money, sizeof(money),
				   sv->s->currency ? sv->s->currency : "GBP", total);
		snprintf(buf, size, "%s %.3f\xc3\x97 \xc2\xb7 %s", what, scale, money);
	} else {
		snprintf(buf, size, "%s %.3f\xc3\x97", what, scale);
	}
}

/* A value of the x axis as its ticks write it: the budget scale "1.2×";
 * a --vary's money as money, years and counts whole, others "%g". */
static void x_text(const struct sensitivity *sv, double v, char *buf, size_t size)
{
	const char *cur = sv->s->currency ? sv->s->currency : "GBP";
	if (!sv->g)
		snprintf(buf, size, "%g\xc3\x97", v);
	else if (sv->unit == OVERRIDE_UNIT_MONEY)
		money_format_short(buf, size, cur, v);
	else
		snprintf(buf, size, "%g", v);
}

/* The x value of row i. */
static double row_x(const struct sensitivity *sv, size_t i)
{
	return sv->g ? vary_x(sv->g, i) : sv->rows[i].budget_scale;
}

static void sensitivity_init(struct sensitivity *sv, const struct scenario *s,
			     const struct sweep_row *rows, size_t n,
			     const struct break_even *be, const struct vary_grid *g)
{
	memset(sv, 0, sizeof(*sv));
	sv->s = s;
	sv->rows = rows;
	sv->be = be;
	sv->g = g;
	sv->be_value = NAN;
	if (g) {
		sv->unit =
			g->x_path ? override_path_unit(g->x_path) : OVERRIDE_UNIT_NUMBER;
		if (g->fm && !g->fm->by_path && isnan(g->fm->at[0].stopped_at))
			sv->be_value = g->fm->at[0].value;
	}
	bool cut = false;
	sv->pts = xcalloc(n + 1, sizeof(*sv->pts));
	bool seen[4] = {false, false, false, false};
	for (size_t i = 0; i < n; i++) {
		double x = row_x(sv, i);
		if (!isfinite(x))
			continue;
		sv->pts[sv->n].x = x;
		sv->pts[sv->n].row = i;
		sv->n++;
		if ((unsigned)rows[i].status < 4)
			seen[rows[i].status] = true;
		cut = cut || sweep_row_cut_short(&rows[i]);
	}
	qsort(sv->pts, sv->n, sizeof(*sv->pts), compare_points);
	if (g && sv->n >= 2) {
		bool finite = true, differ = false;
		for (size_t i = 0; i < sv->n; i++) {
			double t = rows[sv->pts[i].row].total_budget;
			finite = finite && isfinite(t);
			differ = differ || t != rows[sv->pts[0].row].total_budget;
		}
		sv->vary_totals = finite && differ;
	}
	sv->total_at_1 = 0;
	for (int y = 0; y < s->n_years; y++)
		sv->total_at_1 += s->budget ? s->budget[y] : INFINITY;

	static const char *const what[] = {
		[PLAN_OPTIMAL] = "optimal plan",
		[PLAN_FEASIBLE] = "plan stopped by the time or gap limit",
		[PLAN_INFEASIBLE] = "rules cannot all hold: closest plan",
		[PLAN_NO_PLAN] = "no plan within the time limit",
	};
	for (int st = 0; st < 4; st++) {
		if (!seen[st])
			continue;
		struct style sty = {status_color((enum plan_status)st), 1.6, DASH_SOLID,
				    status_marker((enum plan_status)st)};
		chart_legend_add(&sv->legend, SWATCH_MARKER, sty, "%s", what[st]);
	}
	if (cut) {
		struct style sty = {cut_orange, 1.6, DASH_SOLID, MARK_SQUARE};
		chart_legend_add(&sv->legend, SWATCH_MARKER, sty,
				 "cut short by a limit: not proven");
	}
	char label[160];
	if (g && isfinite(sv->be_value)) {
		struct style sty = {break_even_green, 1.8, DASH_LONG, MARK_NONE};
		char v[64];
		x_text(sv, sv->be_value, v, sizeof(v));
		chart_legend_add(&sv->legend, SWATCH_LINE, sty, "break-even %s", v);
	}
	if (be && isfinite(be->min_scale)) {
		struct style sty = {break_even_green, 1.8, DASH_LONG, MARK_NONE};
		be_label(sv, "break-even", be->min_scale, label, sizeof(label));
		chart_legend_add(&sv->legend, SWATCH_LINE, sty, "%s", label);
	}
	if (be && isfinite(be->earlier_scale)) {
		struct style sty = {earlier_purple, 1.8, DASH_DASHDOT, MARK_NONE};
		be_label(sv, "earlier finish", be->earlier_scale, label, sizeof(label));
		chart_legend_add(&sv->legend, SWATCH_LINE, sty, "%s", label);
	}
	bool deadline = false;
	for (size_t r = 0; r < s->n_deadlines; r++)
		if (s->deadlines[r].year >= s->start && s->deadlines[r].year <= s->end)
			deadline = true;
	if (deadline) {
		struct style dl = {chart_axis_grey, 1.2, DASH_DOTTED, MARK_NONE};
		chart_legend_add(&sv->legend, SWATCH_LINE, dl, "deadline year");
	}
}

static void sensitivity_finish(struct sensitivity *sv)
{
	free(sv->pts);
	chart_legend_finish(&sv->legend);
}

static double sens_plot1_height(const struct sensitivity *sv)
{
	double h = chart_legend_height(&sv->legend);
	return h > 250 ? h : 250;
}

#define SENS_PLOT2_HEIGHT 200.0

static double sensitivity_height(const struct sensitivity *sv)
{
	return ceil(PLOT1_TOP + sens_plot1_height(sv) +
		    2 * (PANEL_GAP + SENS_PLOT2_HEIGHT) + SENS_BOTTOM);
}

/* The value a row puts on a panel: E, its present cost, or the
 * completion year (end + 1
 * standing for "not done"); with periods finer than a year, the year and
 * the fraction of it before the completion period starts (2025-Q3 is
 * 2025.5), so a year's periods sit between its tick and the next. NAN
 * when the row has none. */
static double point_value(const struct sensitivity *sv, const struct sweep_row *r,
			  enum panel panel)
{
	if (r->status == PLAN_NO_PLAN)
		return NAN;
	if (panel == PANEL_EXPOSURE)
		return r->exposure;
	if (panel == PANEL_COST)
		return r->present_cost;
	if (r->completion_year && sv->s->periods_per_year > 1 &&
	    r->completion_period >= 0)
		return sv->s->start +
		       (double)r->completion_period / sv->s->periods_per_year;
	return r->completion_year ? r->completion_year : sv->s->end + 1;
}

/*
 * One curve: a line through the rows in scale order, solid between two
 * plans that keep the rules and dashed where either end is a
 * least-violation plan; then each row's marker by its status. A row with
 * no plan has no value: its grey triangle sits on the panel's floor.
 */
static void draw_curve(cairo_t *cr, const struct sensitivity *sv, const struct frame *fr,
		       enum panel panel)
{
	cairo_save(cr);
	chart_clip_to(cr, fr);
	for (size_t i = 1; i < sv->n; i++) {
		const struct sweep_row *a = &sv->rows[sv->pts[i - 1].row];
		const struct sweep_row *b = &sv->rows[sv->pts[i].row];
		double va = point_value(sv, a, panel), vb = point_value(sv, b, panel);
		if (!isfinite(va) || !isfinite(vb))
			continue;
		bool solid = plannable(a->status) && plannable(b->status);
		struct style st = {point_blue, 1.8, solid ? DASH_SOLID : DASH_DASHED,
				   MARK_NONE};
		chart_apply_style(cr, &st);
		cairo_move_to(cr, chart_fx(fr, sv->pts[i - 1].x), chart_fy(fr, va));
		cairo_line_to(cr, chart_fx(fr, sv->pts[i].x), chart_fy(fr, vb));
		cairo_stroke(cr);
	}
	for (size_t i = 0; i < sv->n; i++) {
		const struct sweep_row *r = &sv->rows[sv->pts[i].row];
		double v = point_value(sv, r, panel);
		double y = isfinite(v) ? chart_fy(fr, v) : fr->y + fr->h - 5;
		chart_draw_marker(cr, chart_fx(fr, sv->pts[i].x), y,
				  status_marker(r->status), status_color(r->status));
		if (sweep_row_cut_short(r))
			chart_draw_marker(cr, chart_fx(fr, sv->pts[i].x), y, MARK_SQUARE,
					  cut_orange);
	}
	cairo_restore(cr);
}

/* The break-even scales as vertical lines across a panel; on the top
 * panel ('label') each with its scale written beside its top end. */
static void draw_break_even(cairo_t *cr, const struct sensitivity *sv,
			    const struct frame *fr, bool label)
{
	if (!sv->be && !isfinite(sv->be_value))
		return;
	const double scales[2] = {sv->be ? sv->be->min_scale : sv->be_value,
				  sv->be ? sv->be->earlier_scale : NAN};
	const struct rgb colors[2] = {break_even_green, earlier_purple};
	const enum dash dashes[2] = {DASH_LONG, DASH_DASHDOT};
	for (int k = 0; k < 2; k++) {
		if (!isfinite(scales[k]))
			continue;
		double x = round(chart_fx(fr, scales[k])) + 0.5;
		cairo_save(cr);
		chart_clip_to(cr, fr);
		struct style st = {colors[k], 1.8, dashes[k], MARK_NONE};
		chart_apply_style(cr, &st);
		cairo_move_to(cr, x, fr->y);
		cairo_line_to(cr, x, fr->y + fr->h);
		cairo_stroke(cr);
		cairo_restore(cr);
		if (!label)
			continue;
		char buf[64];
		if (sv->g)
			x_text(sv, scales[k], buf, sizeof(buf));
		else
			snprintf(buf, sizeof(buf), "%.3f\xc3\x97", scales[k]);
		chart_set_font(cr, TEXT_SIZE, true);
		chart_set_color(cr, colors[k]);
		/* Beside the line, inside the plot, on the side with room. */
		bool right = x + 6 + chart_text_width(cr, buf) < fr->x + fr->w;
		chart_draw_text(cr, right ? x + 4 : x - 4, fr->y + 6 + 16 * k, buf,
				right ? 0 : 1, 0);
	}
}

/* The completion panel's axis: years from the horizon's start to its end,
 * thinned like the timeline's, and "not done" one step above the end. */
static void draw_completion_axis(cairo_t *cr, const struct sensitivity *sv,
				 const struct frame *fr)
{
	const struct scenario *s = sv->s;
	double per_year = fr->h / (fr->y_max - fr->y_min);
	int step = 1;
	static const int steps[] = {1, 2, 5, 10, 20, 25, 50};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		step = steps[i];
		if (step * per_year >= 18)
			break;
	}
	chart_set_font(cr, TEXT_SIZE, false);
	cairo_set_line_width(cr, 1);
	double not_done = chart_fy(fr, s->end + 1);
	for (int year = s->start; year <= s->end + 1; year++) {
		bool last = year == s->end + 1;
		double y = round(chart_fy(fr, year)) + 0.5;
		chart_set_color(cr, chart_grid_grey);
		cairo_move_to(cr, fr->x, y);
		cairo_line_to(cr, fr->x + fr->w, y);
		if (last || year % step == 0 || per_year >= 18)
			cairo_stroke(cr);
		else
			cairo_new_path(cr);
		if (!last && (year % step != 0 || not_done + 16 > y - 0.5))
			continue;
		char buf[32];
		if (last)
			snprintf(buf, sizeof(buf), "not done");
		else
			snprintf(buf, sizeof(buf), "%d", year);
		chart_set_color(cr, chart_black);
		chart_draw_text(cr, fr->x - 6, y, buf, 1, 0.5);
	}
	cairo_save(cr);
	chart_clip_to(cr, fr);
	struct style dl = {chart_axis_grey, 1.2, DASH_DOTTED, MARK_NONE};
	chart_apply_style(cr, &dl);
	for (size_t r = 0; r < s->n_deadlines; r++) {
		int year = s->deadlines[r].year;
		if (year < s->start || year > s->end)
			continue;
		double y = round(chart_fy(fr, year)) + 0.5;
		cairo_move_to(cr, fr->x, y);
		cairo_line_to(cr, fr->x + fr->w, y);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

/* Whether the x ticks have a money line: the budget sweep's when every
 * year has a budget, a --vary's when its rows' totals differ. */
static bool has_totals(const struct sensitivity *sv)
{
	return sv->g ? sv->vary_totals : isfinite(sv->total_at_1);
}

/* The total budget at x value 'v': the scale times the scenario's; for a
 * --vary, between the two points around 'v' along the line through their
 * totals (exact for a budget path, whose value adds to the total one for
 * one), NAN outside the points. */
static double total_at(const struct sensitivity *sv, double v)
{
	if (!sv->g)
		return v * sv->total_at_1;
	for (size_t i = 1; i < sv->n; i++) {
		double xa = sv->pts[i - 1].x, xb = sv->pts[i].x;
		if (v < xa - 1e-9 * fabs(xb - xa) || v > xb + 1e-9 * fabs(xb - xa))
			continue;
		double ta = sv->rows[sv->pts[i - 1].row].total_budget;
		double tb = sv->rows[sv->pts[i].row].total_budget;
		return xb > xa ? ta + (tb - ta) * (v - xa) / (xb - xa) : ta;
	}
	return NAN;
}

/* x ticks: the scale ("1.2×") or the --vary's value and, with 'totals'
 * and has_totals(), the total budget it gives in grey underneath; as
 * many as fit side by side. */
static void draw_scale_ticks(cairo_t *cr, const struct sensitivity *sv,
			     const struct frame *fr, const char *cur, bool totals)
{
	chart_set_font(cr, TEXT_SIZE, false);
	double label_w = chart_text_width(cr, "8.88\xc3\x97");
	if (sv->g) {
		char a[96], b[96];
		x_text(sv, fr->x_min, a, sizeof(a));
		x_text(sv, fr->x_max, b, sizeof(b));
		label_w = fmax(chart_text_width(cr, a), chart_text_width(cr, b)) + 8;
	}
	if (has_totals(sv)) {
		char buf[96];
		money_format_short(buf, sizeof(buf), cur, 888e9);
		double tw = chart_text_width(cr, buf);
		if (tw > label_w)
			label_w = tw;
	}
	int fit = (int)(fr->w / (label_w + 20));
	double step = chart_nice_step(fr->x_max - fr->x_min, fit < 2    ? 2
							     : fit > 10 ? 10
									: fit);
	/* Years, units and sites count in whole numbers. */
	if (sv->g && sv->g->x_path && override_path_whole(sv->g->x_path) && step < 1)
		step = 1;
	double first = ceil(fr->x_min / step - 1e-9) * step;
	double bottom = fr->y + fr->h;
	/* At most about ten ticks by chart_nice_step(); the bound only guards
	 * against a range that is not finite. */
	for (int i = 0; i <= 100; i++) {
		double v = first + i * step;
		if (v > fr->x_max + step * 1e-9)
			break;
		if (fabs(v) < step * 1e-9)
			v = 0;
		double x = round(chart_fx(fr, v)) + 0.5;
		chart_set_color(cr, chart_axis_grey);
		cairo_set_line_width(cr, 1);
		cairo_move_to(cr, x, bottom);
		cairo_line_to(cr, x, bottom + 5);
		cairo_stroke(cr);
		char buf[96];
		x_text(sv, v, buf, sizeof(buf));
		chart_set_color(cr, chart_black);
		chart_draw_text(cr, x, bottom + 7, buf, 0.5, 0);
		double total = totals && has_totals(sv) ? total_at(sv, v) : NAN;
		if (isfinite(total)) {
			money_format_short(buf, sizeof(buf), cur, total);
			chart_set_color(cr, chart_text_grey);
			chart_draw_text(cr, x, bottom + 23, buf, 0.5, 0);
		}
	}
}

static void draw_sensitivity(cairo_t *cr, const void *data, double height)
{
	const struct sensitivity *sv = data;
	const struct scenario *s = sv->s;
	const char *cur = s->currency ? s->currency : "GBP";

	const char *path = sv->g && sv->g->x_path ? sv->g->x_path : NULL;
	char *title = path ? xasprintf("Sensitivity to %s \xe2\x80\x94 %s", path,
				       s->name ? s->name : "")
			   : xasprintf("Budget sensitivity \xe2\x80\x94 %s",
				       s->name ? s->name : "");
	char total[96];
	if (isfinite(sv->total_at_1))
		money_format_short(total, sizeof(total), cur, sv->total_at_1);
	else
		snprintf(total, sizeof(total), "unlimited in some years");
	char *subtitle;
	char from[64], to[64];
	x_text(sv, sv->n ? sv->pts[0].x : 0, from, sizeof(from));
	x_text(sv, sv->n ? sv->pts[sv->n - 1].x : 0, to, sizeof(to));
	if (path && sv->n)
		subtitle =
			xasprintf("%zu plans, %s from %s to %s", sv->n, path, from, to);
	else if (path)
		subtitle = xasprintf("no plans");
	else if (sv->n)
		subtitle = xasprintf(
			"%zu plans, budget scale %g\xc3\x97 to %g\xc3\x97 "
			"\xc2\xb7 the scenario's budget over %d\xe2\x80\x93%d: %s",
			sv->n, sv->pts[0].x, sv->pts[sv->n - 1].x, s->start, s->end,
			total);
	else
		subtitle = xasprintf("no plans \xc2\xb7 the scenario's budget over "
				     "%d\xe2\x80\x93%d: %s",
				     s->start, s->end, total);
	chart_draw_header(cr, title, subtitle);
	free(title);
	free(subtitle);

	double x_min = sv->n ? sv->pts[0].x : 0, x_max = sv->n ? sv->pts[sv->n - 1].x : 1;
	double pad = (x_max - x_min) * 0.04;
	if (!(pad > 0))
		pad = fabs(x_min) * 0.1 > 0 ? fabs(x_min) * 0.1 : 0.1;
	double e_max = 0;
	for (size_t i = 0; i < sv->n; i++) {
		double v = point_value(sv, &sv->rows[sv->pts[i].row], PANEL_EXPOSURE);
		if (isfinite(v) && v > e_max)
			e_max = v;
	}
	double e_step;
	double e_top = chart_nice_top(e_max * 1.04, 5, &e_step);
	double c_max = 0;
	for (size_t i = 0; i < sv->n; i++) {
		double v = point_value(sv, &sv->rows[sv->pts[i].row], PANEL_COST);
		if (isfinite(v) && v > c_max)
			c_max = v;
	}
	double c_step;
	double c_top = chart_nice_top(c_max * 1.04, 4, &c_step);

	double label_w =
		chart_y_labels_width(cr, 0, e_top, e_step, chart_label_short, NULL);
	double cost_w =
		chart_y_labels_width(cr, 0, c_top, c_step, chart_label_short, NULL);
	if (cost_w > label_w)
		label_w = cost_w;
	chart_set_font(cr, TEXT_SIZE, false);
	double nw = chart_text_width(cr, "not done");
	if (nw > label_w)
		label_w = nw;
	double legend_w = chart_legend_width(cr, &sv->legend);
	double left = MARGIN + 22 + label_w;
	double right = CHART_WIDTH - MARGIN - legend_w - 16;

	struct frame f1 = {
		left,        PLOT1_TOP, right - left, sens_plot1_height(sv), x_min - pad,
		x_max + pad, 0,         e_top};
	struct frame fc = f1;
	fc.y = f1.y + f1.h + PANEL_GAP;
	fc.h = SENS_PLOT2_HEIGHT;
	fc.y_max = c_top;
	struct frame f2 = fc;
	f2.y = fc.y + fc.h + PANEL_GAP;
	f2.y_min = s->start - 0.5;
	f2.y_max = s->end + 1.5;

	const char *each = path ? "value" : "budget scale";
	char *e_title = xasprintf("Exposure E of the plan at each %s", each);
	chart_draw_panel_title(cr, &f1, e_title);
	free(e_title);
	chart_draw_y_axis(cr, &f1, e_step, chart_label_short, NULL);
	chart_draw_axis_title_left(cr, &f1, "weighted unit-years");
	draw_break_even(cr, sv, &f1, true);
	draw_curve(cr, sv, &f1, PANEL_EXPOSURE);
	chart_draw_box(cr, &f1);
	draw_scale_ticks(cr, sv, &f1, cur, false);
	chart_legend_draw(cr, &sv->legend, right + 16, f1.y);

	char *cost_title = xasprintf("Cost of the plan at each %s (present "
				     "value, %s)",
				     each, cur);
	chart_draw_panel_title(cr, &fc, cost_title);
	free(cost_title);
	chart_draw_y_axis(cr, &fc, c_step, chart_label_short, NULL);
	chart_draw_axis_title_left(cr, &fc, "present cost");
	draw_break_even(cr, sv, &fc, false);
	draw_curve(cr, sv, &fc, PANEL_COST);
	chart_draw_box(cr, &fc);
	draw_scale_ticks(cr, sv, &fc, cur, false);

	chart_draw_panel_title(cr, &f2, "Year the last high-risk site goes");
	draw_completion_axis(cr, sv, &f2);
	chart_draw_axis_title_left(cr, &f2, "completion year");
	draw_break_even(cr, sv, &f2, false);
	draw_curve(cr, sv, &f2, PANEL_COMPLETION);
	chart_draw_box(cr, &f2);
	draw_scale_ticks(cr, sv, &f2, cur, true);

	if (!sv->n) {
		chart_set_font(cr, PANEL_TITLE_SIZE, false);
		chart_set_color(cr, chart_text_grey);
		chart_draw_text(cr, f1.x + f1.w / 2, f1.y + f1.h / 2, "no sweep points",
				0.5, 0.5);
	}

	static const char *const units[] = {
		[OVERRIDE_UNIT_NUMBER] = "",
		[OVERRIDE_UNIT_MONEY] = "money",
		[OVERRIDE_UNIT_UNITS] = "units of equipment",
		[OVERRIDE_UNIT_SITES] = "sites",
		[OVERRIDE_UNIT_YEAR] = "year",
		[OVERRIDE_UNIT_SHARE] = "share, 0 to 1",
	};
	char *axis =
		path && sv->unit == OVERRIDE_UNIT_MONEY ? xasprintf("%s (%s)", path, cur)
		: path && *units[sv->unit] ? xasprintf("%s (%s)", path, units[sv->unit])
		: path                     ? xstrdup(path)
		: isfinite(sv->total_at_1)
			? xasprintf(
				  "budget scale (\xc3\x97 every yearly budget), and the "
				  "total budget it gives in %s",
				  cur)
			: xstrdup("budget scale (\xc3\x97 every yearly budget)");
	if (path && sv->vary_totals) {
		char *with =
			xasprintf("%s, and the total budget it gives in %s", axis, cur);
		free(axis);
		axis = with;
	}
	chart_set_font(cr, TEXT_SIZE, false);
	chart_set_color(cr, chart_text_grey);
	char text[512];
	chart_fit_text(cr, axis, f2.w, text, sizeof(text));
	chart_draw_text(cr, f2.x + f2.w / 2, height - MARGIN, text, 0.5, 1);
	free(axis);
}

static bool sensitivity_render(const struct scenario *s, const struct sweep_row *rows,
			       size_t n, const struct break_even *be,
			       const struct vary_grid *g, FILE *f, bool svg)
{
	struct sensitivity sv;
	sensitivity_init(&sv, s, rows, n, be, g);
	double h = sensitivity_height(&sv);
	bool ok = svg ? chart_render_svg(draw_sensitivity, &sv, h, f)
		      : chart_render_png(draw_sensitivity, &sv, h, f);
	sensitivity_finish(&sv);
	return ok;
}

bool chart_sensitivity_svg(const struct scenario *s, const struct sweep_row *rows,
			   size_t n, FILE *f)
{
	return sensitivity_render(s, rows, n, NULL, NULL, f, true);
}

bool chart_sensitivity_png(const struct scenario *s, const struct sweep_row *rows,
			   size_t n, FILE *f)
{
	return sensitivity_render(s, rows, n, NULL, NULL, f, false);
}

bool chart_sensitivity_be_svg(const struct scenario *s, const struct sweep_row *rows,
			      size_t n, const struct break_even *be, FILE *f)
{
	return sensitivity_render(s, rows, n, be, NULL, f, true);
}

bool chart_sensitivity_be_png(const struct scenario *s, const struct sweep_row *rows,
			      size_t n, const struct break_even *be, FILE *f)
{
	return sensitivity_render(s, rows, n, be, NULL, f, false);
}

bool chart_sensitivity_vary_svg(const struct vary_grid *g, FILE *f)
{
	return sensitivity_render(g->s, g->rows, g->nx, NULL, g, f, true);
}

bool chart_sensitivity_vary_png(const struct vary_grid *g, FILE *f)
{
	return sensitivity_render(g->s, g->rows, g->nx, NULL, g, f, false);
}
