/*
 * chart_heatmap: a grid sweep (`sweep --vary A --vary B`, or --vary beside
 * --budget-scale) as two heat maps side by side: exposure E and the
 * completion year, one cell per point, x along the inner axis and y along
 * the outer one, each cell labelled with its figure. Points where the
 * rules cannot all hold are grey with "rules fail"; their least-violation
 * figures are not coloured, so that the colour scale is that of plans
 * that keep every rule. A plan not proven optimal (a time limit or the
 * gap stopped it, or it is a smaller value's plan) carries a "*".
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "output/chart.h"
#include "output/chart_kit.h"
#include "output/report_vary.h"
#include "util/num.h"

#define LEFT_ROOM 78.0
#define BOTTOM_ROOM 58.0
#define CELL_H_MAX 56.0
#define GRID_H_MAX 430.0

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static bool keeps(const struct sweep_row *r)
{
	return r->status == PLAN_OPTIMAL || r->status == PLAN_FEASIBLE;
}

/* Light yellow (t = 0) to dark red (t = 1). */
static struct rgb ramp(double t)
{
	static const struct rgb stops[] = {{1.00, 0.96, 0.75},
					   {0.99, 0.70, 0.30},
					   {0.89, 0.29, 0.13},
					   {0.50, 0.0, 0.10}};
	if (!(t > 0))
		t = 0;
	if (t > 1)
		t = 1;
	double u = t * 3;
	int k = u >= 3 ? 2 : (int)u;
	double f = u - k;
	return (struct rgb){stops[k].r + f * (stops[k + 1].r - stops[k].r),
			    stops[k].g + f * (stops[k + 1].g - stops[k].g),
			    stops[k].b + f * (stops[k + 1].b - stops[k].b)};
}

static double grid_height(const struct vary_grid *g)
{
	double h = (double)g->ny * CELL_H_MAX;
	return h > GRID_H_MAX ? GRID_H_MAX : h;
}

static double picture_height(const struct vary_grid *g)
{
	return PLOT1_TOP + grid_height(g) + BOTTOM_ROOM;
}

/* The figure a panel shows for row r; NAN when it has none to colour. */
static double figure(const struct sweep_row *r, bool completion)
{
	if (!keeps(r))
		return NAN;
	if (completion)
		return r->completion_year ? r->completion_year : NAN;
	return r->exposure;
}

/* An axis value: short for large ones (19m, not 1.9e+07). */
static void tick_label(char *buf, size_t size, double v)
{
	if (fabs(v) >= 10000)
		num_format_short(buf, size, v);
	else
		snprintf(buf, size, "%.6g", v);
}

static void draw_panel(cairo_t *cr, const struct vary_grid *g, double x0, double w,
		       bool completion)
{
	double top = PLOT1_TOP, h = grid_height(g);
	struct frame fr = {x0 + LEFT_ROOM, top, w - LEFT_ROOM, h, 0, 1, 0, 1};
	chart_draw_panel_title(cr, &fr,
			       completion ? "completion year"
					  : "exposure E (weighted unit-years)");
	double lo = INFINITY, hi = -INFINITY;
	size_t n = g->nx * g->ny;
	for (size_t k = 0; k < n; k++) {
		double v = figure(&g->rows[k], completion);
		if (!isnan(v)) {
			lo = fmin(lo, v);
			hi = fmax(hi, v);
		}
	}
	double cw = fr.w / (double)g->nx, ch = h / (double)g->ny;
	char text[64];
	for (size_t j = 0; j < g->ny; j++) {
		for (size_t i = 0; i < g->nx; i++) {
			const struct sweep_row *r = &g->rows[j * g->nx + i];
			/* y grows upwards: the first row at the bottom. */
			double cx = fr.x + (double)i * cw;
			double cy = fr.y + h - (double)(j + 1) * ch;
			double v = figure(r, completion);
			struct rgb fill;
			if (!keeps(r))
				fill = chart_grid_grey;
			else if (isnan(v))
				fill = (struct rgb){0.55, 0.55, 0.55}; /* not complete */
			else
				fill = ramp(hi > lo ? (v - lo) / (hi - lo) : 0.5);
			chart_set_color(cr, fill);
			cairo_rectangle(cr, cx, cy, cw, ch);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_set_line_width(cr, 1);
			cairo_rectangle(cr, cx, cy, cw, ch);
			cairo_stroke(cr);
			if (!keeps(r))
				snprintf(text, sizeof(text), "rules fail");
			else if (isnan(v))
				snprintf(text, sizeof(text), "not done");
			else if (completion)
				snprintf(text, sizeof(text), "%d", r->completion_year);
			else
				num_format_short(text, sizeof(text), v);
			/* A plan not proven best (a limit stopped its search). */
			if (keeps(r) && r->status != PLAN_OPTIMAL &&
			    strlen(text) + 2 < sizeof(text))
				strcat(text, " *");
			bool dark = keeps(r) && !isnan(v) && hi > lo &&
				    (v - lo) / (hi - lo) > 0.6;
			chart_set_font(cr, cw < 60 ? 9 : TEXT_SIZE, false);
			if (dark)
				cairo_set_source_rgb(cr, 1, 1, 1);
			else
				chart_set_color(cr, chart_black);
			char fit[64];
			chart_fit_text(cr, text, cw - 4, fit, sizeof(fit));
			chart_draw_text(cr, cx + cw / 2, cy + ch / 2, fit, 0.5, 0.5);
		}
	}
	chart_set_font(cr, cw < 60 ? 9 : TEXT_SIZE, false);
	chart_set_color(cr, chart_black);
	for (size_t i = 0; i < g->nx; i++) {
		tick_label(text, sizeof(text), vary_x(g, i));
		chart_draw_text(cr, fr.x + ((double)i + 0.5) * cw, fr.y + h + 6, text,
				0.5, 0);
	}
	chart_set_font(cr, TEXT_SIZE, false);
	for (size_t j = 0; j < g->ny; j++) {
		tick_label(text, sizeof(text), vary_y(g, j));
		chart_draw_text(cr, fr.x - 6, fr.y + h - ((double)j + 0.5) * ch, text, 1,
				0.5);
	}
	char fit[256];
	chart_set_color(cr, chart_text_grey);
	chart_fit_text(cr, g->x_path ? g->x_path : "budget scale", fr.w, fit,
		       sizeof(fit));
	chart_draw_text(cr, fr.x + fr.w / 2, fr.y + h + 28, fit, 0.5, 0);
	/* The y axis's title, upwards along the panel's left edge. */
	chart_fit_text(cr, g->y_path, h, fit, sizeof(fit));
	cairo_save(cr);
	cairo_translate(cr, x0 + 10, fr.y + h / 2);
	cairo_rotate(cr, -M_PI / 2);
	chart_draw_text(cr, 0, 0, fit, 0.5, 0.5);
	cairo_restore(cr);
}

static void draw(cairo_t *cr, const void *data, double height)
{
	(void)height;
	const struct vary_grid *g = data;
	char title[512];
	snprintf(title, sizeof(title), "%s: what-if grid", g->s->name ? g->s->name : "");
	char sub[512];
	snprintf(sub, sizeof(sub),
		 "%zu x %zu points; darker = more exposure / later completion; grey = "
		 "the rules cannot all hold; * = not proven optimal",
		 g->nx, g->ny);
	chart_draw_header(cr, title, sub);
	double w = (CHART_WIDTH - 3 * MARGIN) / 2;
	draw_panel(cr, g, MARGIN, w, false);
	draw_panel(cr, g, 2 * MARGIN + w, w, true);
}

bool chart_heatmap_svg(const struct vary_grid *g, FILE *f)
{
	return chart_render_svg(draw, g, picture_height(g), f);
}

bool chart_heatmap_png(const struct vary_grid *g, FILE *f)
{
	return chart_render_png(draw, g, picture_height(g), f);
}
