/*
 * chart_kit: the drawing kit the charts share, on a cairo context: colours
 * and line styles, text that cairo accepts and that fits its room, legends
 * that size a panel, plot frames with their axes and ticks, and the two
 * surfaces (SVG with stable ids, PNG) a picture is rendered on. Only the
 * chart files include it; the public entry is chart.h.
 *
 *	struct legend lg = {0};
 *	chart_legend_add(&lg, SWATCH_LINE, style, "%s", name);
 *	h = ... chart_legend_height(&lg) ...;    (layout before the surface)
 *	ok = chart_render_svg(draw, data, h, f); (draw() uses the rest)
 *	chart_legend_finish(&lg);
 *
 * Text given to the drawing calls is clean already: chart_fit_text() and
 * the legend make it so.
 */
#ifndef PHASEOUT_CHART_KIT_H
#define PHASEOUT_CHART_KIT_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/period.h"

#define TEXT_SIZE 12.0
#define PANEL_TITLE_SIZE 13.0
#define MARGIN 16.0

/* Vertical layout, in pixels: the header (title, subtitle), each panel's
 * title above its plot, the tick labels and axis title below it. */
#define PLOT1_TOP 96.0
#define PANEL_GAP 62.0 /* plot 1's bottom to plot 2's top */

/* ---- Colours and styles ------------------------------------------------- */

struct rgb {
	double r, g, b;
};

#define RGB(hex)                                                           \
	{                                                                  \
		((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
			((hex)&0xff) / 255.0                               \
	}

/* The kit's own colours: text, axes, grid lines, grey notes. */
extern const struct rgb chart_black;
extern const struct rgb chart_axis_grey;
extern const struct rgb chart_grid_grey;
extern const struct rgb chart_text_grey;

enum dash { DASH_SOLID, DASH_DASHED, DASH_DOTTED, DASH_DASHDOT, DASH_LONG };
/* MARK_SQUARE is an open square drawn around another marker (a sweep
 * point cut short by a limit). */
enum marker { MARK_NONE, MARK_DOT, MARK_RING, MARK_CROSS, MARK_TRIANGLE, MARK_SQUARE };
enum swatch { SWATCH_LINE, SWATCH_BAR, SWATCH_SHADE, SWATCH_MARKER };

struct style {
	struct rgb color;
	double width;
	enum dash dash;
	enum marker marker;
};

void chart_set_color(cairo_t *cr, struct rgb c);
/* The line's colour, width and dash pattern, for the next stroke. */
void chart_apply_style(cairo_t *cr, const struct style *st);
/* Marker 'm' centred on (x, y); the context's state is kept. */
void chart_draw_marker(cairo_t *cr, double x, double y, enum marker m, struct rgb c);

/* ---- Text ---------------------------------------------------------------- */

/* "sans-serif" at 'size' pixels, bold or not. */
void chart_set_font(cairo_t *cr, double size, bool bold);
/* The advance of 'text' in the current font. */
double chart_text_width(cairo_t *cr, const char *text);
/* 'in', cleaned (see chart_kit.c), cut with "…" to 'max_width' pixels. */
void chart_fit_text(cairo_t *cr, const char *in, double max_width, char *out,
		    size_t size);
/* 'text' placed by its box: ax, ay 0 / 0.5 / 1 for left / middle / right
 * and top / middle / bottom. */
void chart_draw_text(cairo_t *cr, double x, double y, const char *text, double ax,
		     double ay);

/* 'in' cleaned and cut to 'max_width' pixels in the current font, only
 * the names between LABEL_CUT and LABEL_TAIL losing characters (see
 * chart_legend_text). */
void chart_fit_label(cairo_t *cr, const char *in, double max_width, char *out,
		     size_t size);

/* ---- Legends ------------------------------------------------------------- */

/* Marks in a legend text: only the part between them (names) is cut when
 * the text is too wide, so that "high-risk share of " LABEL_CUT "ran" LABEL_TAIL
 * " <= 35% from 2023" keeps its rule. */
#define LABEL_CUT "\x1e"
#define LABEL_TAIL "\x1f"

/*
 * chart_legend_text: what a legend row shows for 'text', in the legend's
 * font and width: whole when it fits; else the marked names are cut; and
 * when the words before the names leave them too little room, those
 * words go, so a rule's limit and year always show ("high-risk share of
 * LABEL_CUT ran LABEL_TAIL <= 35% from 2023" becomes "ran <= 35% from
 * 2023"). Sets the context's font.
 */
void chart_legend_text(cairo_t *cr, const char *text, char *out, size_t size);

struct legend_item {
	enum swatch swatch;
	struct style style;
	char *text;
};

/* Rows of swatch and text; zero-initialised is empty. */
struct legend {
	struct legend_item *items;
	size_t n, alloc;
};

void chart_legend_add(struct legend *lg, enum swatch swatch, struct style style,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void chart_legend_finish(struct legend *lg);
double chart_legend_height(const struct legend *lg);
double chart_legend_width(cairo_t *cr, const struct legend *lg);
/* The legend with its top left corner at (x, y). */
void chart_legend_draw(cairo_t *cr, const struct legend *lg, double x, double y);

/* ---- Frames and axes ----------------------------------------------------- */

/* A plot area in pixels and the data range it shows. */
struct frame {
	double x, y, w, h;
	double x_min, x_max, y_min, y_max;
};

/* Data to pixels. */
double chart_fx(const struct frame *fr, double v);
double chart_fy(const struct frame *fr, double v);

/* A tick spacing of 1, 2, 2.5 or 5 times a power of ten for about 'ticks'
 * parts of 'range'; and 'max' rounded up to such a tick. */
double chart_nice_step(double range, int ticks);
double chart_nice_top(double max, int ticks, double *step);

/* Tick label formats for chart_draw_y_axis: "20%", "1.2m". */
void chart_label_percent(char *buf, size_t size, double v, const void *ctx);
void chart_label_short(char *buf, size_t size, double v, const void *ctx);

void chart_draw_y_axis(cairo_t *cr, const struct frame *fr, double step,
		       void (*label)(char *buf, size_t size, double v, const void *ctx),
		       const void *ctx);
/* The widest label chart_draw_y_axis() would write, for the layout. */
double chart_y_labels_width(cairo_t *cr, double y_min, double y_max, double step,
			    void (*label)(char *buf, size_t size, double v,
					  const void *ctx),
			    const void *ctx);
/* Year ticks under a plot whose x data are years, thinned to fit. */
void chart_draw_year_ticks(cairo_t *cr, const struct frame *fr, int start, int end);

/* ---- Time in periods ----------------------------------------------------- */

/*
 * The x data of a timeline: year Y is the band from Y - 0.5 to Y + 0.5 (so
 * its label sits on Y), and period p of a horizon that starts on 1 January
 * of 'start', cut into 'per_year' periods a year (util/period.h), is the
 * part from chart_period_x(p) to chart_period_x(p + 1). With yearly
 * periods, period p is year start + p's band.
 */
double chart_period_x(int start, int per_year, int p);
/*
 * chart_date_x: the end of day 'd', inside its period in proportion to
 * the days: (days from the period's first day to 'd', both counted) over
 * the period's days. A period's last day is at its end, so a date that is
 * a period end sits on its binding end.
 */
double chart_date_x(int start, int per_year, struct date d);

/* A box in pixels: left, top, width, height. */
struct chart_box {
	double x, y, w, h;
};
/* Whether two boxes share more than an edge. */
bool chart_boxes_overlap(const struct chart_box *a, const struct chart_box *b);

/* A year's label under a time axis: the text's box, centred on the year. */
struct chart_year_label {
	int year;
	struct chart_box box;
};

/*
 * The time axis under a plot of periods finer than a year: a label per
 * year in the middle of its band (every 2nd, 5th, 10th ... year when the
 * labels would touch, as chart_draw_year_ticks), a long tick at each
 * year boundary and a short tick at every other period boundary (none
 * when periods are under 3 pixels wide). All in pixels.
 */
struct chart_time_axis {
	struct chart_year_label *labels;
	size_t n_labels;
	double *year_ticks; /* year boundaries, from the horizon's start to its end */
	size_t n_year_ticks;
	double *period_ticks; /* the other period boundaries */
	size_t n_period_ticks;
};
void chart_time_axis_layout(cairo_t *cr, const struct frame *fr, int start, int end,
			    int per_year, struct chart_time_axis *ax);
void chart_time_axis_draw(cairo_t *cr, const struct frame *fr,
			  const struct chart_time_axis *ax);
void chart_time_axis_finish(struct chart_time_axis *ax);

/*
 * Labels beside vertical marks (a rule's date on a timeline), stacked in
 * rows so that no two overlap. A label's box starts a few pixels right of
 * its 'anchor', or ends left of it when it would pass 'right', and stays
 * within 'left' .. 'right'. Labels are taken by anchor (then in their
 * order) and each goes into the first row where its box overlaps no box
 * placed before it, with 'gap' pixels between boxes of a row. Row r's box
 * has its bottom at 'bottom' - r * ('h' + 2) : row 0 is the lowest.
 */
struct chart_label {
	double anchor, w, h; /* in: the mark's x; the text's width and height */
	int row;             /* out */
	struct chart_box box;
};
/* Returns the rows used (0 when n is 0). */
int chart_place_labels(struct chart_label *labels, size_t n, double left, double right,
		       double bottom, double gap);
void chart_draw_box(cairo_t *cr, const struct frame *fr);
/* The picture's title and grey subtitle; a panel's title; the rotated
 * title left of a panel's y axis. */
void chart_draw_header(cairo_t *cr, const char *title, const char *subtitle);
void chart_draw_panel_title(cairo_t *cr, const struct frame *fr, const char *title);
void chart_draw_axis_title_left(cairo_t *cr, const struct frame *fr, const char *title);
/* Clip to the frame with a few pixels' room for markers on its edges. */
void chart_clip_to(cairo_t *cr, const struct frame *fr);

/* ---- Surfaces ------------------------------------------------------------ */

/* Draws one picture, CHART_WIDTH by 'height', on a white page. */
typedef void (*chart_draw_fn)(cairo_t *cr, const void *data, double height);

/* The picture as SVG or PNG to 'f', flushed; false when cairo or a write
 * failed. */
bool chart_render_svg(chart_draw_fn draw, const void *data, double height, FILE *f);
bool chart_render_png(chart_draw_fn draw, const void *data, double height, FILE *f);

#endif
