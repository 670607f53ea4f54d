/*
 * chart_timeline: the picture of one plan (chart.h's chart_timeline_*):
 * high-risk shares by domain with the rules marked, and spend against
 * budget, drawn with chart_kit.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "output/chart.h"
#include "output/chart_kit.h"
#include "output/report.h"
#include "plan/rule_label.h"
#include "util/num.h"
#include "util/money.h"
#include "util/period.h"
#include "util/xalloc.h"

#define BOTTOM 62.0         /* plot 2's bottom to the picture's bottom */
#define MARK_TEXT_SIZE 11.0 /* a dated rule's label above the share panel */
#define MARK_TEXT_MAX 220.0
#define MARK_GAP 8.0 /* between two labels of one row */

static const struct rgb list_grey = RGB(0x707070);
static const struct rgb shade_grey = RGB(0xececec);
static const struct rgb spend_blue = RGB(0x6b9bc3);
static const struct rgb budget_orange = RGB(0xd95f02);
static const struct rgb available_purple = RGB(0x7570b3);

/* Ten distinct colours (matplotlib's "tab10"), for the domains. */
static const struct rgb palette[] = {
	RGB(0x1f77b4), RGB(0xff7f0e), RGB(0x2ca02c), RGB(0x9467bd), RGB(0x8c564b),
	RGB(0xe377c2), RGB(0xbcbd22), RGB(0x17becf), RGB(0xd62728), RGB(0x7f7f7f),
};
#define N_PALETTE (sizeof(palette) / sizeof(palette[0]))

/* Domains are drawn in report order (bytewise by name, as in timeline.csv);
 * the n-th gets the n-th colour, and past ten a dash pattern as well. */
static struct style domain_style(size_t rank)
{
	static const enum dash dashes[] = {DASH_SOLID, DASH_DASHDOT, DASH_LONG};
	struct style st = {palette[rank % N_PALETTE], 1.8, dashes[(rank / N_PALETTE) % 3],
			   MARK_NONE};
	return st;
}

/* A dated rule's marks: a thin line at its date, a marker where it binds,
 * its short label above the panel. */
struct mark {
	bool cap;
	size_t rule;      /* into scenario.deadlines or scenario.caps */
	bool date_inside; /* the date is inside the horizon (else no date line) */
	double date_x, bind_x;
	struct rgb color;
	char text[256];
	struct chart_label label;
};

struct timeline {
	const struct plan *p;
	const struct scenario *s;
	int per_year;    /* periods a year: 1, 2, 4 or 12 */
	uint32_t *order; /* domain indices by name */
	size_t *rank;    /* rank[domain index] = position in 'order' */
	size_t nd;
	struct legend shares, money;
	/* The layout (timeline_layout), in pixels. */
	struct frame f1, f2;
	double money_step, strip; /* strip: the height of the labels' rows */
	double legend_x;
	struct mark *marks;
	size_t n_marks;
	struct chart_time_axis axis1, axis2;
};

static struct rgb domain_color(const struct timeline *t, const char *domain)
{
	if (!domain)
		return chart_black;
	int64_t d = strmap_find(&t->s->domains, domain);
	return d < 0 ? chart_black : domain_style(t->rank[d]).color;
}

/* A cap's limit line: dashed, in its domain's colour; chart_black for "*" (like
 * the "all domains" line it caps) and grey for a list of domains. */
static struct style cap_style(const struct timeline *t, const struct share_cap_rule *c)
{
	struct style st = {chart_black, 1.6, DASH_DASHED, MARK_NONE};
	if (c->n_domains == 1)
		st.color = domain_color(t, c->domains[0]);
	else if (c->n_domains > 1)
		st.color = list_grey;
	return st;
}

/* horizon_note: " (after 2028)" for a rule whose year is past the horizon
 * (it is not drawn), " (before 2021)" for a deadline already past (drawn
 * on the horizon's left edge), else "". Short, to leave room for names. */
static const char *horizon_note(const struct scenario *s, int year, bool deadline,
				char buf[32])
{
	buf[0] = '\0';
	if (year > s->end)
		snprintf(buf, 32, " (after %d)", s->end);
	else if (deadline && year < s->start)
		snprintf(buf, 32, " (before %d)", s->start);
	return buf;
}

/* The legends decide the height of each panel, so they are built before
 * the surface exists. */
static void timeline_init(struct timeline *t, const struct plan *p)
{
	memset(t, 0, sizeof(*t));
	t->p = p;
	t->s = p->scenario;
	const struct scenario *s = t->s;
	t->per_year = s->periods_per_year > 0 ? s->periods_per_year : 1;
	t->nd = s->domains.count;
	t->order = report_domain_order(s);
	t->rank = xcalloc(t->nd + 1, sizeof(size_t));
	for (size_t i = 0; i < t->nd; i++)
		t->rank[t->order[i]] = i;

	struct style all = {chart_black, 3, DASH_SOLID, MARK_NONE};
	chart_legend_add(&t->shares, SWATCH_LINE, all, "all domains");
	for (size_t i = 0; i < t->nd; i++)
		chart_legend_add(&t->shares, SWATCH_LINE, domain_style(i), "%s",
				 s->domains.names[t->order[i]]);
	char when[32];
	for (size_t r = 0; r < s->n_caps; r++) {
		const struct share_cap_rule *c = &s->caps[r];
		char *label =
			c->when.dated
				? rule_label_cap_short_marked(c, LABEL_CUT, LABEL_TAIL)
				: rule_label_cap_marked(c, LABEL_CUT, LABEL_TAIL);
		chart_legend_add(&t->shares, SWATCH_LINE, cap_style(t, c), "%s%s", label,
				 horizon_note(s, c->year, false, when));
		free(label);
	}
	for (size_t r = 0; r < s->n_deadlines; r++) {
		const struct deadline_rule *dl = &s->deadlines[r];
		struct style st = {domain_color(t, dl->domain), 1.6, DASH_DOTTED,
				   MARK_NONE};
		char *label =
			dl->when.dated
				? rule_label_deadline_short_marked(dl, LABEL_CUT,
								   LABEL_TAIL)
				: rule_label_deadline_marked(dl, LABEL_CUT, LABEL_TAIL);
		chart_legend_add(&t->shares, SWATCH_LINE, st, "%s%s", label,
				 horizon_note(s, dl->year, true, when));
		free(label);
	}

	/* Yearly: each year's budget. Finer periods: the money available in
	 * each period (the year's budget left, capped by a period key) is
	 * the limit a period's spend meets; a period key is the budget line. */
	bool limited = false, unlimited = false, keys = false;
	for (size_t y = 0; p->years && y < p->n_years; y++) {
		double v = t->per_year == 1 ? p->years[y].budget : p->years[y].available;
		if (isfinite(v))
			limited = true;
		else
			unlimited = true;
		if (isfinite(p->years[y].budget))
			keys = true;
	}
	struct style bar = {spend_blue, 1, DASH_SOLID, MARK_NONE};
	chart_legend_add(&t->money, SWATCH_BAR, bar, "spend");
	if (t->per_year == 1 && limited) {
		struct style st = {budget_orange, 2, DASH_SOLID, MARK_NONE};
		chart_legend_add(&t->money, SWATCH_LINE, st, "budget");
		if (s->carry_over) {
			struct style av = {available_purple, 1.6, DASH_DASHED, MARK_NONE};
			chart_legend_add(&t->money, SWATCH_LINE, av,
					 "available (with carry-over)");
		}
	} else if (t->per_year > 1) {
		if (keys) {
			struct style st = {budget_orange, 2, DASH_SOLID, MARK_NONE};
			chart_legend_add(&t->money, SWATCH_LINE, st,
					 "budget (period keys)");
		}
		if (limited) {
			struct style av = {available_purple, 1.6, DASH_DASHED, MARK_NONE};
			chart_legend_add(&t->money, SWATCH_LINE, av, "%s",
					 s->carry_over
						 ? "available (with carry-over)"
						 : "available (year's budget left)");
		}
	}
	if (unlimited) {
		struct style sh = {shade_grey, 1, DASH_SOLID, MARK_NONE};
		chart_legend_add(&t->money, SWATCH_SHADE, sh,
				 "no budget limit (\xe2\x88\x9e)");
	}
}

static void timeline_finish(struct timeline *t)
{
	free(t->marks);
	chart_time_axis_finish(&t->axis1);
	chart_time_axis_finish(&t->axis2);
	free(t->order);
	free(t->rank);
	chart_legend_finish(&t->shares);
	chart_legend_finish(&t->money);
}

static double plot1_height(const struct timeline *t)
{
	double h = chart_legend_height(&t->shares);
	return h > 250 ? h : 250;
}

static double plot2_height(const struct timeline *t)
{
	double h = chart_legend_height(&t->money);
	return h > 190 ? h : 190;
}

static double timeline_height(const struct timeline *t)
{
	return ceil(PLOT1_TOP + t->strip + plot1_height(t) + PANEL_GAP + plot2_height(t) +
		    BOTTOM);
}

/* Where a rule that binds "at the end of year Y" sits on the x axis: the
 * right edge of Y's band, or the left edge of the horizon for a year
 * before it (it binds from the start). */
static double year_end_x(const struct frame *fr, const struct scenario *s, int year)
{
	if (year < s->start)
		return chart_fx(fr, s->start - 0.5);
	return chart_fx(fr, year + 0.5);
}

/* A period row's band on the x axis, in data units: a year's band with
 * yearly periods (the expressions version 1 charts were drawn with). */
static double row_left(const struct timeline *t, const struct plan_year *py)
{
	if (t->per_year == 1)
		return py->year - 0.5;
	return chart_period_x(t->s->start, t->per_year, py->period);
}

static double row_right(const struct timeline *t, const struct plan_year *py)
{
	if (t->per_year == 1)
		return py->year + 0.5;
	return chart_period_x(t->s->start, t->per_year, py->period + 1);
}

/* A year's share on the all-domains line or on domain d's; NAN when the
 * plan has no per-domain figures (a hand-built plan may leave them out). */
static double year_share(const struct plan_year *py, bool overall, uint32_t d)
{
	if (overall)
		return py->hr_share;
	return py->hr_share_domain ? py->hr_share_domain[d] : NAN;
}

/*
 * The share panel. A share is a state at the end of a period, so its
 * points sit on the right edges of the period bands, with the first point
 * on the left edge of the first band: the share before the plan starts.
 * Caps bind from the end of their year on, and deadlines at the end of
 * their year, so both are drawn on the same edges; a dated rule binds at
 * its binding end (draw_marks).
 */
static void draw_shares(cairo_t *cr, const struct timeline *t, const struct frame *fr)
{
	const struct plan *p = t->p;
	const struct scenario *s = t->s;

	/* Units of each domain, and its high-risk units before the plan. */
	double *all = xcalloc(t->nd + 1, sizeof(double));
	double *hr = xcalloc(t->nd + 1, sizeof(double));
	double all_units = 0;
	for (size_t i = 0; i < s->n_sites; i++) {
		all[s->sites[i].domain] += (double)s->sites[i].units;
		all_units += (double)s->sites[i].units;
	}
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct site *site = &s->sites[p->sites[k].site];
		hr[site->domain] += (double)site->units;
	}

	cairo_save(cr);
	chart_clip_to(cr, fr);

	/* Faint year boundaries: the points sit on them. */
	if (fr->w / (fr->x_max - fr->x_min) >= 8) {
		chart_set_color(cr, chart_grid_grey);
		cairo_set_line_width(cr, 1);
		for (int y = s->start; y < s->end; y++) {
			double x = round(chart_fx(fr, y + 0.5)) + 0.5;
			cairo_move_to(cr, x, fr->y);
			cairo_line_to(cr, x, fr->y + fr->h);
		}
		cairo_stroke(cr);
	}

	for (size_t r = 0; r < s->n_deadlines; r++) {
		const struct deadline_rule *dl = &s->deadlines[r];
		if (dl->year > s->end || dl->when.dated)
			continue;
		struct style st = {domain_color(t, dl->domain), 1.6, DASH_DOTTED,
				   MARK_NONE};
		chart_apply_style(cr, &st);
		double x = year_end_x(fr, s, dl->year);
		cairo_move_to(cr, x, fr->y);
		cairo_line_to(cr, x, fr->y + fr->h);
		cairo_stroke(cr);
	}
	for (size_t r = 0; r < s->n_caps; r++) {
		const struct share_cap_rule *c = &s->caps[r];
		if (c->year > s->end || c->when.dated)
			continue;
		struct style st = cap_style(t, c);
		chart_apply_style(cr, &st);
		double x1 = chart_fx(fr, s->end + 0.5);
		double x0 = year_end_x(fr, s, c->year);
		if (x1 - x0 < 10) /* a cap binding only at the very end */
			x0 = x1 - 10;
		double y = chart_fy(fr, c->max_share);
		cairo_move_to(cr, x0, y);
		cairo_line_to(cr, x1, y);
		cairo_stroke(cr);
	}

	if (p->years) {
		bool dots = fr->w / (fr->x_max - fr->x_min) / t->per_year >= 20;
		/* k == 0 is "all domains", drawn first and wide, so that a
		 * domain line on top of it stays visible. */
		for (size_t k = 0; k <= t->nd; k++) {
			bool overall = k == 0;
			uint32_t d = overall ? 0 : t->order[k - 1];
			struct style st = overall ? (struct style){chart_black, 3,
								   DASH_SOLID, MARK_NONE}
						  : domain_style(k - 1);
			double start_share =
				overall ? (all_units > 0
						   ? (double)p->hr_units_total / all_units
						   : 0)
					: (all[d] > 0 ? hr[d] / all[d] : 0);
			chart_apply_style(cr, &st);
			cairo_move_to(cr, chart_fx(fr, s->start - 0.5),
				      chart_fy(fr, start_share));
			for (size_t y = 0; y < p->n_years; y++) {
				const struct plan_year *py = &p->years[y];
				double v = year_share(py, overall, d);
				if (!isfinite(v))
					continue;
				cairo_line_to(cr, chart_fx(fr, row_right(t, py)),
					      chart_fy(fr, v));
			}
			cairo_stroke(cr);
			if (!dots)
				continue;
			chart_draw_marker(cr, chart_fx(fr, s->start - 0.5),
					  chart_fy(fr, start_share), MARK_DOT, st.color);
			for (size_t y = 0; y < p->n_years; y++) {
				const struct plan_year *py = &p->years[y];
				double v = year_share(py, overall, d);
				if (isfinite(v))
					chart_draw_marker(
						cr, chart_fx(fr, row_right(t, py)),
						chart_fy(fr, v), MARK_DOT, st.color);
			}
		}
	}
	cairo_restore(cr);
	free(all);
	free(hr);
}

/*
 * A dated rule (version 2) on the share panel. Where it binds is what the
 * plan keeps, so that is drawn as version 1 draws a rule at its year's
 * end: a deadline's dotted line, down which its domain must have reached
 * 0%, and a cap's dashed limit from there on; a triangle on the panel's
 * top edge marks the binding end. The date itself is a thin line from
 * its label down through the panel, joined to the binding end along the
 * top edge, since a date inside a period binds at the period end before
 * it.
 */
static void draw_marks(cairo_t *cr, const struct timeline *t, const struct frame *fr)
{
	const struct scenario *s = t->s;
	cairo_save(cr);
	chart_clip_to(cr, fr);
	for (size_t i = 0; i < t->n_marks; i++) {
		const struct mark *m = &t->marks[i];
		if (m->cap) {
			const struct share_cap_rule *c = &s->caps[m->rule];
			struct style st = cap_style(t, c);
			chart_apply_style(cr, &st);
			double x1 = chart_fx(fr, s->end + 0.5);
			double x0 = m->bind_x;
			if (x1 - x0 < 10)
				x0 = x1 - 10;
			double y = chart_fy(fr, c->max_share);
			cairo_move_to(cr, x0, y);
			cairo_line_to(cr, x1, y);
			cairo_stroke(cr);
		} else {
			struct style st = {m->color, 1.6, DASH_DOTTED, MARK_NONE};
			chart_apply_style(cr, &st);
			cairo_move_to(cr, m->bind_x, fr->y);
			cairo_line_to(cr, m->bind_x, fr->y + fr->h);
			cairo_stroke(cr);
		}
	}
	cairo_restore(cr);

	/* Date lines first, then the labels on white boxes over them, so a
	 * line that passes behind another rule's label never crosses its
	 * text. */
	cairo_save(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	for (size_t i = 0; i < t->n_marks; i++) {
		const struct mark *m = &t->marks[i];
		const struct chart_box *b = &m->label.box;
		cairo_set_source_rgba(cr, m->color.r, m->color.g, m->color.b, 0.8);
		cairo_set_line_width(cr, 1);
		double lx = m->date_inside ? m->date_x : m->bind_x;
		cairo_move_to(cr, lx, b->y + b->h / 2);
		cairo_line_to(cr, lx, m->date_inside ? fr->y + fr->h : fr->y);
		cairo_stroke(cr);
		chart_set_color(cr, m->color);
		if (m->date_inside && fabs(m->date_x - m->bind_x) >= 0.5) {
			cairo_set_line_width(cr, 2);
			cairo_move_to(cr, m->bind_x, fr->y + 2);
			cairo_line_to(cr, m->date_x, fr->y + 2);
			cairo_stroke(cr);
		}
		cairo_move_to(cr, m->bind_x - 5, fr->y);
		cairo_line_to(cr, m->bind_x + 5, fr->y);
		cairo_line_to(cr, m->bind_x, fr->y + 8);
		cairo_close_path(cr);
		cairo_fill(cr);
	}
	chart_set_font(cr, MARK_TEXT_SIZE, false);
	for (size_t i = 0; i < t->n_marks; i++) {
		const struct mark *m = &t->marks[i];
		const struct chart_box *b = &m->label.box;
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_rectangle(cr, b->x - 2, b->y, b->w + 4, b->h);
		cairo_fill(cr);
		chart_set_color(cr, chart_black);
		chart_draw_text(cr, b->x, b->y, m->text, 0, 0);
	}
	cairo_restore(cr);
}

/* A step line across the period bands at the per-period 'values'
 * (INFINITY breaks it), joined by vertical risers between neighbours. */
static void draw_steps(cairo_t *cr, const struct frame *fr, const struct timeline *t,
		       bool available, const struct style *st)
{
	const struct plan *p = t->p;
	chart_apply_style(cr, st);
	bool open = false;
	for (size_t y = 0; y < p->n_years; y++) {
		double v = available ? p->years[y].available : p->years[y].budget;
		if (!isfinite(v)) {
			if (open)
				cairo_stroke(cr);
			open = false;
			continue;
		}
		double yy = chart_fy(fr, v);
		double x0 = chart_fx(fr, row_left(t, &p->years[y]));
		if (open)
			cairo_line_to(cr, x0, yy);
		else
			cairo_move_to(cr, x0, yy);
		cairo_line_to(cr, chart_fx(fr, row_right(t, &p->years[y])), yy);
		open = true;
	}
	if (open)
		cairo_stroke(cr);
}

static void draw_money(cairo_t *cr, const struct timeline *t, const struct frame *fr)
{
	const struct plan *p = t->p;
	const struct scenario *s = t->s;
	if (!p->years)
		return;
	double band = fr->w / (fr->x_max - fr->x_min) / t->per_year;
	cairo_save(cr);
	chart_clip_to(cr, fr);
	chart_set_font(cr, TEXT_SIZE, false);
	/* Finer periods: the unlimited periods in one fill, so neighbouring
	 * months show no seams between them. */
	if (t->per_year > 1) {
		chart_set_color(cr, shade_grey);
		for (size_t y = 0; y < p->n_years; y++)
			if (!isfinite(p->years[y].available)) {
				double x0 = chart_fx(fr, row_left(t, &p->years[y]));
				cairo_rectangle(cr, x0, fr->y,
						chart_fx(fr, row_right(t, &p->years[y])) -
							x0,
						fr->h);
			}
		cairo_fill(cr);
	}
	for (size_t y = 0; y < p->n_years; y++) {
		const struct plan_year *py = &p->years[y];
		if (isfinite(t->per_year == 1 ? py->budget : py->available))
			continue;
		if (t->per_year > 1) {
			if (band >= 12) {
				chart_set_color(cr, chart_text_grey);
				chart_draw_text(cr,
						chart_fx(fr, (row_left(t, py) +
							      row_right(t, py)) /
								     2),
						fr->y + 3, "\xe2\x88\x9e", 0.5, 0);
			}
			continue;
		}
		chart_set_color(cr, shade_grey);
		cairo_rectangle(cr, chart_fx(fr, row_left(t, py)), fr->y, band, fr->h);
		cairo_fill(cr);
		if (band >= 12) {
			chart_set_color(cr, chart_text_grey);
			chart_draw_text(
				cr,
				chart_fx(fr, (row_left(t, py) + row_right(t, py)) / 2),
				fr->y + 3, "\xe2\x88\x9e", 0.5, 0);
		}
	}
	chart_set_color(cr, spend_blue);
	for (size_t y = 0; y < p->n_years; y++) {
		const struct plan_year *py = &p->years[y];
		if (!(py->spend > 0) || !isfinite(py->spend))
			continue;
		double top = chart_fy(fr, py->spend);
		double x0 = t->per_year == 1 ? py->year - 0.3
					     : row_left(t, py) + 0.2 / t->per_year;
		cairo_rectangle(cr, chart_fx(fr, x0), top, 0.6 * band,
				fr->y + fr->h - top);
	}
	cairo_fill(cr);
	struct style av = {available_purple, 1.6, DASH_DASHED, MARK_NONE};
	struct style bu = {budget_orange, 2, DASH_SOLID, MARK_NONE};
	if (t->per_year == 1) {
		if (s->carry_over)
			draw_steps(cr, fr, t, true, &av);
		draw_steps(cr, fr, t, false, &bu);
	} else {
		draw_steps(cr, fr, t, true, &av);
		draw_steps(cr, fr, t, false, &bu);
	}
	cairo_restore(cr);
}

/* A dated rule (version 2) binding inside the horizon has marks; rules
 * binding after it are not drawn (their legend rows say so). */
static bool is_marked(const struct scenario *s, const struct rule_when *w)
{
	return w->dated && w->bind_p < s->n_periods;
}

static size_t count_marks(const struct scenario *s)
{
	size_t n = 0;
	for (size_t r = 0; r < s->n_deadlines; r++)
		n += is_marked(s, &s->deadlines[r].when);
	for (size_t r = 0; r < s->n_caps; r++)
		n += is_marked(s, &s->caps[r].when);
	return n;
}

/* The dated rules' marks, their labels placed in rows above the share
 * panel; sets the strip's height. */
static void layout_marks(cairo_t *cr, struct timeline *t)
{
	const struct scenario *s = t->s;
	const struct frame *fr = &t->f1;
	t->marks = xcalloc(count_marks(s) + 1, sizeof(struct mark));
	chart_set_font(cr, MARK_TEXT_SIZE, false);
	cairo_font_extents_t fe;
	cairo_font_extents(cr, &fe);
	for (size_t k = 0; k < s->n_deadlines + s->n_caps; k++) {
		bool cap = k >= s->n_deadlines;
		size_t r = cap ? k - s->n_deadlines : k;
		const struct rule_when *w =
			cap ? &s->caps[r].when : &s->deadlines[r].when;
		if (!is_marked(s, w))
			continue;
		struct mark *m = &t->marks[t->n_marks++];
		m->cap = cap;
		m->rule = r;
		m->color = cap ? cap_style(t, &s->caps[r]).color
			       : domain_color(t, s->deadlines[r].domain);
		m->date_inside = w->date.year >= s->start && w->date.year <= s->end;
		m->date_x = chart_fx(fr, chart_date_x(s->start, t->per_year, w->date));
		m->bind_x =
			chart_fx(fr, chart_period_x(s->start, t->per_year,
						    w->bind_p < 0 ? 0 : w->bind_p + 1));
		char *label = cap ? rule_label_cap_short_marked(&s->caps[r], LABEL_CUT,
								LABEL_TAIL)
				  : rule_label_deadline_short_marked(
					    &s->deadlines[r], LABEL_CUT, LABEL_TAIL);
		chart_fit_label(cr, label, MARK_TEXT_MAX, m->text, sizeof(m->text));
		free(label);
		m->label.anchor = m->date_inside ? m->date_x : m->bind_x;
		m->label.w = chart_text_width(cr, m->text);
		m->label.h = fe.ascent + fe.descent;
	}
	struct chart_label *labels = xcalloc(t->n_marks + 1, sizeof(*labels));
	for (size_t i = 0; i < t->n_marks; i++)
		labels[i] = t->marks[i].label;
	int rows = chart_place_labels(labels, t->n_marks, fr->x, CHART_WIDTH - MARGIN, 0,
				      MARK_GAP);
	t->strip = rows ? rows * (fe.ascent + fe.descent + 2) + 6 : 0;
	for (size_t i = 0; i < t->n_marks; i++) {
		t->marks[i].label = labels[i];
		t->marks[i].label.box.y += PLOT1_TOP + t->strip - 4;
	}
	free(labels);
}

/*
 * timeline_layout: the panels' frames, the marks and the axes, measured
 * on 'cr' before the picture's surface exists (its height depends on the
 * marks' rows): y labels on the left, legends on the right.
 */
static void timeline_layout(cairo_t *cr, struct timeline *t)
{
	const struct plan *p = t->p;
	const struct scenario *s = t->s;
	double money_max = 0;
	for (size_t y = 0; p->years && y < p->n_years; y++) {
		const struct plan_year *py = &p->years[y];
		double v[] = {py->spend, py->budget, py->available};
		for (size_t i = 0; i < 3; i++)
			if (isfinite(v[i]) && v[i] > money_max)
				money_max = v[i];
	}
	double money_top = chart_nice_top(money_max * 1.02, 5, &t->money_step);
	double label_w = chart_y_labels_width(cr, 0, 1, 0.2, chart_label_percent, NULL);
	double mw = chart_y_labels_width(cr, 0, money_top, t->money_step,
					 chart_label_short, NULL);
	if (mw > label_w)
		label_w = mw;
	double legend_w = chart_legend_width(cr, &t->shares);
	double lw2 = chart_legend_width(cr, &t->money);
	if (lw2 > legend_w)
		legend_w = lw2;
	double left = MARGIN + 22 + label_w;
	double right = CHART_WIDTH - MARGIN - legend_w - 16;
	t->legend_x = right + 16;

	t->f1 = (struct frame){left,
			       PLOT1_TOP,
			       right - left,
			       plot1_height(t),
			       s->start - 0.5,
			       s->end + 0.5,
			       0,
			       1};
	layout_marks(cr, t);
	t->f1.y += t->strip;
	t->f2 = t->f1;
	t->f2.y = t->f1.y + t->f1.h + PANEL_GAP;
	t->f2.h = plot2_height(t);
	t->f2.y_max = money_top;
	if (t->per_year > 1) {
		chart_time_axis_layout(cr, &t->f1, s->start, s->end, t->per_year,
				       &t->axis1);
		chart_time_axis_layout(cr, &t->f2, s->start, s->end, t->per_year,
				       &t->axis2);
	}
}

/* "month", "quarter", "half-year" or "year": what one period is. */
static const char *period_word(int per_year)
{
	if (per_year == 2)
		return "half-year";
	const char *name = period_kind_name(per_year);
	return name ? name : "year";
}

/*
 * draw_timeline lays the picture out again on its own context: the layout
 * is the same as timeline_measure's (unhinted metrics), and measuring on
 * the surface that draws keeps a yearly chart's pixels exactly what they
 * were before layouts were measured ahead (a scaled font first made on
 * another surface rasterises some glyphs differently).
 */
static void draw_timeline(cairo_t *cr, const void *data, double height)
{
	struct timeline laid = *(const struct timeline *)data;
	laid.marks = NULL;
	laid.n_marks = 0;
	memset(&laid.axis1, 0, sizeof(laid.axis1));
	memset(&laid.axis2, 0, sizeof(laid.axis2));
	timeline_layout(cr, &laid);
	const struct timeline *t = &laid;
	const struct plan *p = t->p;
	const struct scenario *s = t->s;
	const char *cur = s->currency ? s->currency : "GBP";

	/* Header: the scenario and the plan's outcome in one line. */
	char *title =
		xasprintf("Phase-out timeline \xe2\x80\x94 %s", s->name ? s->name : "");
	char e[64], cost[96], done[128], scale[64] = "";
	num_format_short(e, sizeof(e), p->exposure);
	money_format_short(cost, sizeof(cost), cur, p->present_cost);
	if (p->completion_year)
		snprintf(done, sizeof(done), "all high-risk equipment gone in %d",
			 p->completion_year);
	else
		snprintf(done, sizeof(done), "%lld high-risk units left after %d",
			 (long long)p->hr_units_left, s->end);
	if (p->budget_scale != 1)
		snprintf(scale, sizeof(scale), " \xc2\xb7 budgets \xc3\x97 %g",
			 p->budget_scale);
	char *subtitle = xasprintf("%s plan \xc2\xb7 exposure E = %s weighted unit-years "
				   "\xc2\xb7 net present cost %s \xc2\xb7 %s%s",
				   plan_status_name(p->status), e, cost, done, scale);
	chart_draw_header(cr, title, subtitle);
	free(title);
	free(subtitle);

	const struct frame *f1 = &t->f1, *f2 = &t->f2;
	const char *word = period_word(t->per_year);
	char *share_title =
		xasprintf("High-risk share of units at the end of each %s", word);
	struct frame above = *f1; /* the title goes above the marks' labels */
	above.y -= t->strip;
	chart_draw_panel_title(cr, &above, share_title);
	free(share_title);
	chart_draw_y_axis(cr, f1, 0.2, chart_label_percent, NULL);
	if (t->per_year == 1)
		chart_draw_year_ticks(cr, f1, s->start, s->end);
	else
		chart_time_axis_draw(cr, f1, &t->axis1);
	chart_draw_axis_title_left(cr, f1, "share still high-risk");
	draw_shares(cr, t, f1);
	draw_marks(cr, t, f1);
	chart_draw_box(cr, f1);
	chart_legend_draw(cr, &t->shares, t->legend_x, f1->y);

	char *money_title =
		t->per_year == 1
			? xasprintf("Spend and budget per year (%s, nominal)", cur)
			: xasprintf("Spend and money available per %s (%s, nominal)",
				    word, cur);
	chart_draw_panel_title(cr, f2, money_title);
	free(money_title);
	chart_draw_y_axis(cr, f2, t->money_step, chart_label_short, NULL);
	draw_money(cr, t, f2);
	if (t->per_year == 1)
		chart_draw_year_ticks(cr, f2, s->start, s->end);
	else
		chart_time_axis_draw(cr, f2, &t->axis2);
	chart_draw_axis_title_left(cr, f2, cur);
	chart_draw_box(cr, f2);
	chart_legend_draw(cr, &t->money, t->legend_x, f2->y);

	chart_set_font(cr, TEXT_SIZE, false);
	chart_set_color(cr, chart_text_grey);
	char *axis_title = t->per_year == 1 ? xstrdup("year")
					    : xasprintf("year (a tick per %s)", word);
	chart_draw_text(cr, f2->x + f2->w / 2, height - MARGIN, axis_title, 0.5, 1);
	free(axis_title);
	free(laid.marks);
	chart_time_axis_finish(&laid.axis1);
	chart_time_axis_finish(&laid.axis2);
}

/*
 * timeline_measure: the layout needs text widths before the picture's
 * surface exists, so they are measured on a scratch one with the font
 * options the renderers use (metrics unhinted: the same widths on SVG and
 * PNG). Returns false when cairo could not make it.
 */
static bool timeline_measure(struct timeline *t)
{
	cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
	cairo_t *cr = cairo_create(scratch);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
	timeline_layout(cr, t);
	bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
	cairo_destroy(cr);
	cairo_surface_destroy(scratch);
	return ok;
}

static bool timeline_render(const struct plan *p, FILE *f, bool svg)
{
	struct timeline t;
	timeline_init(&t, p);
	bool ok = count_marks(t.s) == 0 || timeline_measure(&t);
	double h = timeline_height(&t);
	if (ok)
		ok = svg ? chart_render_svg(draw_timeline, &t, h, f)
			 : chart_render_png(draw_timeline, &t, h, f);
	timeline_finish(&t);
	return ok;
}

bool chart_timeline_layout(const struct plan *p, struct chart_timeline_layout *out)
{
	memset(out, 0, sizeof(*out));
	struct timeline t;
	timeline_init(&t, p);
	bool ok = timeline_measure(&t);
	*out = (struct chart_timeline_layout){t.f1.x, t.f1.y,     t.f1.w,
					      t.f1.h, t.f1.x_min, t.f1.x_max,
					      NULL,   t.n_marks,  timeline_height(&t)};
	out->marks = xcalloc(t.n_marks + 1, sizeof(*out->marks));
	for (size_t i = 0; i < t.n_marks; i++) {
		const struct mark *m = &t.marks[i];
		const struct chart_box *b = &m->label.box;
		out->marks[i] = (struct chart_rule_mark){
			m->cap, m->rule, m->date_inside, m->date_x, m->bind_x,
			b->x,   b->y,    b->w,           b->h};
	}
	timeline_finish(&t);
	return ok;
}

void chart_timeline_layout_finish(struct chart_timeline_layout *l)
{
	free(l->marks);
	memset(l, 0, sizeof(*l));
}

bool chart_timeline_svg(const struct plan *p, FILE *f)
{
	return timeline_render(p, f, true);
}

bool chart_timeline_png(const struct plan *p, FILE *f)
{
	return timeline_render(p, f, false);
}
