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
#include "util/xalloc.h"

#define BOTTOM 62.0 /* plot 2's bottom to the picture's bottom */

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

struct timeline {
	const struct plan *p;
	const struct scenario *s;
	uint32_t *order; /* domain indices by name */
	size_t *rank;    /* rank[domain index] = position in 'order' */
	size_t nd;
	struct legend shares, money;
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
		char *label = rule_label_cap_marked(c, LABEL_CUT, LABEL_TAIL);
		chart_legend_add(&t->shares, SWATCH_LINE, cap_style(t, c), "%s%s", label,
				 horizon_note(s, c->year, false, when));
		free(label);
	}
	for (size_t r = 0; r < s->n_deadlines; r++) {
		const struct deadline_rule *dl = &s->deadlines[r];
		struct style st = {domain_color(t, dl->domain), 1.6, DASH_DOTTED,
				   MARK_NONE};
		char *label = rule_label_deadline_marked(dl, LABEL_CUT, LABEL_TAIL);
		chart_legend_add(&t->shares, SWATCH_LINE, st, "%s%s", label,
				 horizon_note(s, dl->year, true, when));
		free(label);
	}

	bool limited = false, unlimited = false;
	for (size_t y = 0; p->years && y < p->n_years; y++) {
		if (isfinite(p->years[y].budget))
			limited = true;
		else
			unlimited = true;
	}
	struct style bar = {spend_blue, 1, DASH_SOLID, MARK_NONE};
	chart_legend_add(&t->money, SWATCH_BAR, bar, "spend");
	if (limited) {
		struct style st = {budget_orange, 2, DASH_SOLID, MARK_NONE};
		chart_legend_add(&t->money, SWATCH_LINE, st, "budget");
		if (s->carry_over) {
			struct style av = {available_purple, 1.6, DASH_DASHED, MARK_NONE};
			chart_legend_add(&t->money, SWATCH_LINE, av,
					 "available (with carry-over)");
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
	return ceil(PLOT1_TOP + plot1_height(t) + PANEL_GAP + plot2_height(t) + BOTTOM);
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

/* A year's share on the all-domains line or on domain d's; NAN when the
 * plan has no per-domain figures (a hand-built plan may leave them out). */
static double year_share(const struct plan_year *py, bool overall, uint32_t d)
{
	if (overall)
		return py->hr_share;
	return py->hr_share_domain ? py->hr_share_domain[d] : NAN;
}

/*
 * The share panel. A share is a state at the end of a year, so its points
 * sit on the right edges of the year bands, with the first point on the
 * left edge of the first band: the share before the plan starts. Caps
 * bind from the end of their year on, and deadlines at the end of their
 * year, so both are drawn on the same edges.
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
		if (dl->year > s->end)
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
		if (c->year > s->end)
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
		bool dots = fr->w / (fr->x_max - fr->x_min) >= 20;
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
				cairo_line_to(cr, chart_fx(fr, py->year + 0.5),
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
						cr, chart_fx(fr, py->year + 0.5),
						chart_fy(fr, v), MARK_DOT, st.color);
			}
		}
	}
	cairo_restore(cr);
	free(all);
	free(hr);
}

/* A step line across the year bands at the per-year 'values' (INFINITY
 * breaks it), joined by vertical risers between neighbouring years. */
static void draw_steps(cairo_t *cr, const struct frame *fr, const struct plan *p,
		       bool available, const struct style *st)
{
	chart_apply_style(cr, st);
	bool open = false;
	for (size_t y = 0; y < p->n_years; y++) {
		double v = available ? p->years[y].available : p->years[y].budget;
		int year = p->years[y].year;
		if (!isfinite(v)) {
			if (open)
				cairo_stroke(cr);
			open = false;
			continue;
		}
		double yy = chart_fy(fr, v);
		if (open)
			cairo_line_to(cr, chart_fx(fr, year - 0.5), yy);
		else
			cairo_move_to(cr, chart_fx(fr, year - 0.5), yy);
		cairo_line_to(cr, chart_fx(fr, year + 0.5), yy);
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
	double band = fr->w / (fr->x_max - fr->x_min);
	cairo_save(cr);
	chart_clip_to(cr, fr);
	chart_set_font(cr, TEXT_SIZE, false);
	for (size_t y = 0; y < p->n_years; y++) {
		const struct plan_year *py = &p->years[y];
		if (isfinite(py->budget))
			continue;
		chart_set_color(cr, shade_grey);
		cairo_rectangle(cr, chart_fx(fr, py->year - 0.5), fr->y, band, fr->h);
		cairo_fill(cr);
		if (band >= 12) {
			chart_set_color(cr, chart_text_grey);
			chart_draw_text(cr, chart_fx(fr, py->year), fr->y + 3,
					"\xe2\x88\x9e", 0.5, 0);
		}
	}
	chart_set_color(cr, spend_blue);
	for (size_t y = 0; y < p->n_years; y++) {
		const struct plan_year *py = &p->years[y];
		if (!(py->spend > 0) || !isfinite(py->spend))
			continue;
		double top = chart_fy(fr, py->spend);
		cairo_rectangle(cr, chart_fx(fr, py->year - 0.3), top, 0.6 * band,
				fr->y + fr->h - top);
	}
	cairo_fill(cr);
	if (s->carry_over) {
		struct style av = {available_purple, 1.6, DASH_DASHED, MARK_NONE};
		draw_steps(cr, fr, p, true, &av);
	}
	struct style bu = {budget_orange, 2, DASH_SOLID, MARK_NONE};
	draw_steps(cr, fr, p, false, &bu);
	cairo_restore(cr);
}

static void draw_timeline(cairo_t *cr, const void *data, double height)
{
	const struct timeline *t = data;
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

	/* Horizontal layout: y labels on the left, legends on the right. */
	double money_max = 0;
	for (size_t y = 0; p->years && y < p->n_years; y++) {
		const struct plan_year *py = &p->years[y];
		double v[] = {py->spend, py->budget, py->available};
		for (size_t i = 0; i < 3; i++)
			if (isfinite(v[i]) && v[i] > money_max)
				money_max = v[i];
	}
	double money_step;
	double money_top = chart_nice_top(money_max * 1.02, 5, &money_step);
	double label_w = chart_y_labels_width(cr, 0, 1, 0.2, chart_label_percent, NULL);
	double mw = chart_y_labels_width(cr, 0, money_top, money_step, chart_label_short,
					 NULL);
	if (mw > label_w)
		label_w = mw;
	double legend_w = chart_legend_width(cr, &t->shares);
	double lw2 = chart_legend_width(cr, &t->money);
	if (lw2 > legend_w)
		legend_w = lw2;
	double left = MARGIN + 22 + label_w;
	double right = CHART_WIDTH - MARGIN - legend_w - 16;

	struct frame f1 = {left,
			   PLOT1_TOP,
			   right - left,
			   plot1_height(t),
			   s->start - 0.5,
			   s->end + 0.5,
			   0,
			   1};
	struct frame f2 = f1;
	f2.y = f1.y + f1.h + PANEL_GAP;
	f2.h = plot2_height(t);
	f2.y_max = money_top;

	chart_draw_panel_title(cr, &f1,
			       "High-risk share of units at the end of each year");
	chart_draw_y_axis(cr, &f1, 0.2, chart_label_percent, NULL);
	chart_draw_year_ticks(cr, &f1, s->start, s->end);
	chart_draw_axis_title_left(cr, &f1, "share still high-risk");
	draw_shares(cr, t, &f1);
	chart_draw_box(cr, &f1);
	chart_legend_draw(cr, &t->shares, right + 16, f1.y);

	char *money_title = xasprintf("Spend and budget per year (%s, nominal)", cur);
	chart_draw_panel_title(cr, &f2, money_title);
	free(money_title);
	chart_draw_y_axis(cr, &f2, money_step, chart_label_short, NULL);
	draw_money(cr, t, &f2);
	chart_draw_year_ticks(cr, &f2, s->start, s->end);
	chart_draw_axis_title_left(cr, &f2, cur);
	chart_draw_box(cr, &f2);
	chart_legend_draw(cr, &t->money, right + 16, f2.y);

	chart_set_font(cr, TEXT_SIZE, false);
	chart_set_color(cr, chart_text_grey);
	chart_draw_text(cr, f2.x + f2.w / 2, height - MARGIN, "year", 0.5, 1);
}

static bool timeline_render(const struct plan *p, FILE *f, bool svg)
{
	struct timeline t;
	timeline_init(&t, p);
	double h = timeline_height(&t);
	bool ok = svg ? chart_render_svg(draw_timeline, &t, h, f)
		      : chart_render_png(draw_timeline, &t, h, f);
	timeline_finish(&t);
	return ok;
}

bool chart_timeline_svg(const struct plan *p, FILE *f)
{
	return timeline_render(p, f, true);
}

bool chart_timeline_png(const struct plan *p, FILE *f)
{
	return timeline_render(p, f, false);
}
