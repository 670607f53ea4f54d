/*
 * chart_kit: what both charts draw with (see chart_kit.h); the pictures
 * themselves are chart_timeline.c and chart_sensitivity.c.
 */
#include "output/chart_kit.h"

#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "output/chart.h"
#include "util/num.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define PI 3.14159265358979323846

#define FONT "sans-serif"
#define TITLE_SIZE 18.0

#define LEGEND_ROW 18.0
#define LEGEND_SWATCH 26.0
#define LEGEND_TEXT_MAX 230.0

const struct rgb chart_black = RGB(0x000000);
const struct rgb chart_axis_grey = RGB(0x444444);
const struct rgb chart_grid_grey = RGB(0xdddddd);
const struct rgb chart_text_grey = RGB(0x555555);

/* ---- Text ------------------------------------------------------------- */

/*
 * The code point of the UTF-8 sequence at 's' and its length in '*len', or
 * -1 (with *len 1) when the bytes are not one that cairo accepts: cairo
 * puts the whole context into an error state on an invalid string, which
 * would lose the picture, so names are cleaned before they are drawn.
 * cairo also refuses surrogates and the non-characters U+FDD0..U+FDEF and
 * U+xxFFFE/F.
 */
static int32_t utf8_decode(const unsigned char *s, size_t *len)
{
	uint32_t cp;
	size_t n = utf8_next((const char *)s, SIZE_MAX, &cp);
	*len = 1;
	if (n == 0 || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe)
		return -1;
	*len = n;
	return (int32_t)cp;
}

/*
 * clean_text: 'in' copied to 'out' (at most 'size' bytes with the NUL, cut
 * on a character boundary) as text cairo draws: control characters become
 * spaces (a name may hold "\n" written as a JSON escape) and bytes that
 * are not valid UTF-8 become '?'.
 */
static void clean_text(const char *in, char *out, size_t size)
{
	const unsigned char *s = (const unsigned char *)(in ? in : "");
	size_t n = 0;
	while (*s) {
		size_t len;
		int32_t cp = utf8_decode(s, &len);
		const char *put = (const char *)s;
		size_t put_len = len;
		if (cp < 0) {
			put = "?";
			put_len = 1;
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			put = " ";
			put_len = 1;
		}
		if (n + put_len + 1 > size)
			break;
		memcpy(out + n, put, put_len);
		n += put_len;
		s += len;
	}
	out[n] = '\0';
}

void chart_set_font(cairo_t *cr, double size, bool bold)
{
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

double chart_text_width(cairo_t *cr, const char *text)
{
	cairo_text_extents_t ext;
	cairo_text_extents(cr, text, &ext);
	return ext.x_advance;
}

/*
 * chart_fit_text: 'in', cleaned, into 'out' and no wider than 'max_width' pixels
 * in the current font: a long domain or scenario name loses characters at
 * its end for a "…", so that it never runs into the next piece of text.
 */
void chart_fit_text(cairo_t *cr, const char *in, double max_width, char *out, size_t size)
{
	clean_text(in, out, size);
	if (chart_text_width(cr, out) <= max_width)
		return;
	static const char ellipsis[] = "\xe2\x80\xa6";
	size_t n = strlen(out);
	while (n > 0) {
		/* Step back one character (over continuation bytes). */
		do
			n--;
		while (n > 0 && ((unsigned char)out[n] & 0xc0) == 0x80);
		if (n + sizeof(ellipsis) > size)
			continue;
		memcpy(out + n, ellipsis, sizeof(ellipsis));
		if (chart_text_width(cr, out) <= max_width)
			return;
	}
	snprintf(out, size, "%s",
		 chart_text_width(cr, ellipsis) <= max_width ? ellipsis : "");
}

/*
 * fit_label: like chart_fit_text, for a legend text whose ends must survive:
 * "high-risk share of " LABEL_CUT "ran" LABEL_TAIL " <= 35% from 2023"
 * (rule_label.h puts the marks in). Only the part
 * between the marks (names) is cut, so that a long domain name never
 * hides the number that makes the rule; when even the words before the
 * names leave them too little room, those words go. Without marks the
 * whole text may be cut.
 */
static void fit_label(cairo_t *cr, const char *in, double max_width, char *out,
		      size_t size)
{
	const char *cut = strchr(in, LABEL_CUT[0]);
	const char *tail_at = strrchr(in, LABEL_TAIL[0]);
	if (!cut || !tail_at || tail_at < cut) {
		chart_fit_text(cr, in, max_width, out, size);
		return;
	}
	char *raw = xstrdup(in);
	raw[cut - in] = '\0';
	raw[tail_at - in] = '\0';
	char head[128], middle[512], tail[128];
	clean_text(raw, head, sizeof(head));
	clean_text(raw + (cut - in) + 1, middle, sizeof(middle));
	clean_text(tail_at + 1, tail, sizeof(tail));
	free(raw);
	char *whole = xasprintf("%s%s%s", head, middle, tail);
	double tail_w = chart_text_width(cr, tail);
	double room = max_width - chart_text_width(cr, head) - tail_w;
	if (chart_text_width(cr, whole) > max_width && room < 30) {
		/* The fixed words before the names go first ("high-risk share
		 * of "; the panel's title says it): names, limit and year stay. */
		head[0] = '\0';
		room = max_width - tail_w;
	}
	if (chart_text_width(cr, whole) <= max_width || room < 30) {
		chart_fit_text(cr, whole, max_width, out, size);
	} else {
		char part[512];
		chart_fit_text(cr, middle, room, part, sizeof(part));
		free(whole);
		whole = xasprintf("%s%s%s", head, part, tail);
		clean_text(whole, out, size);
	}
	free(whole);
}

void chart_fit_label(cairo_t *cr, const char *in, double max_width, char *out,
		     size_t size)
{
	fit_label(cr, in, max_width, out, size);
}

/*
 * chart_draw_text: 'text' (already clean) placed by its box: 'ax' 0 puts its
 * left end at x, 0.5 its middle, 1 its right end; 'ay' 0 puts its top at
 * y, 0.5 its middle, 1 its bottom (by the font's ascent and descent, so
 * labels of one row line up whatever their letters).
 */
void chart_draw_text(cairo_t *cr, double x, double y, const char *text, double ax,
		     double ay)
{
	cairo_font_extents_t fe;
	cairo_font_extents(cr, &fe);
	double w = chart_text_width(cr, text);
	double h = fe.ascent + fe.descent;
	cairo_move_to(cr, x - ax * w, y - ay * h + fe.ascent);
	cairo_show_text(cr, text);
	cairo_new_path(cr);
}

/* draw_text_up: text turned a quarter left, centred on (x, y). */
static void draw_text_up(cairo_t *cr, double x, double y, const char *text)
{
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_rotate(cr, -PI / 2);
	chart_draw_text(cr, 0, 0, text, 0.5, 0.5);
	cairo_restore(cr);
}

void chart_set_color(cairo_t *cr, struct rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* ---- Lines and markers -------------------------------------------------- */

void chart_apply_style(cairo_t *cr, const struct style *st)
{
	static const double dashed[] = {6, 4}, dotted[] = {1.5, 3},
			    dashdot[] = {8, 3, 2, 3}, longdash[] = {12, 4};
	chart_set_color(cr, st->color);
	cairo_set_line_width(cr, st->width);
	switch (st->dash) {
	case DASH_SOLID:
		cairo_set_dash(cr, NULL, 0, 0);
		break;
	case DASH_DASHED:
		cairo_set_dash(cr, dashed, 2, 0);
		break;
	case DASH_DOTTED:
		cairo_set_dash(cr, dotted, 2, 0);
		break;
	case DASH_DASHDOT:
		cairo_set_dash(cr, dashdot, 4, 0);
		break;
	case DASH_LONG:
		cairo_set_dash(cr, longdash, 2, 0);
		break;
	}
}

void chart_draw_marker(cairo_t *cr, double x, double y, enum marker m, struct rgb c)
{
	cairo_save(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_new_path(cr);
	switch (m) {
	case MARK_NONE:
		break;
	case MARK_DOT:
		cairo_arc(cr, x, y, 3.5, 0, 2 * PI);
		chart_set_color(cr, c);
		cairo_fill(cr);
		break;
	case MARK_RING:
		cairo_arc(cr, x, y, 3.5, 0, 2 * PI);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill_preserve(cr);
		chart_set_color(cr, c);
		cairo_set_line_width(cr, 1.6);
		cairo_stroke(cr);
		break;
	case MARK_CROSS:
		cairo_move_to(cr, x - 4.5, y - 4.5);
		cairo_line_to(cr, x + 4.5, y + 4.5);
		cairo_move_to(cr, x - 4.5, y + 4.5);
		cairo_line_to(cr, x + 4.5, y - 4.5);
		chart_set_color(cr, c);
		cairo_set_line_width(cr, 2.4);
		cairo_stroke(cr);
		break;
	case MARK_TRIANGLE:
		cairo_move_to(cr, x, y - 5);
		cairo_line_to(cr, x + 5, y + 4);
		cairo_line_to(cr, x - 5, y + 4);
		cairo_close_path(cr);
		chart_set_color(cr, c);
		cairo_fill(cr);
		break;
	case MARK_SQUARE:
		cairo_rectangle(cr, x - 6.5, y - 6.5, 13, 13);
		chart_set_color(cr, c);
		cairo_set_line_width(cr, 1.6);
		cairo_stroke(cr);
		break;
	}
	cairo_restore(cr);
}

/* ---- Legends ------------------------------------------------------------ */

void chart_legend_add(struct legend *lg, enum swatch swatch, struct style style,
		      const char *fmt, ...)
{
	ARRAY_GROW(lg->items, lg->n, lg->alloc);
	struct legend_item *it = &lg->items[lg->n++];
	it->swatch = swatch;
	it->style = style;
	va_list ap;
	va_start(ap, fmt);
	it->text = xvasprintf(fmt, ap);
	va_end(ap);
}

void chart_legend_finish(struct legend *lg)
{
	for (size_t i = 0; i < lg->n; i++)
		free(lg->items[i].text);
	free(lg->items);
}

double chart_legend_height(const struct legend *lg)
{
	return (double)lg->n * LEGEND_ROW;
}

/* chart_legend_width: swatch, gap and the widest text, texts capped at
 * LEGEND_TEXT_MAX (longer ones are cut with "…" when drawn). */
double chart_legend_width(cairo_t *cr, const struct legend *lg)
{
	chart_set_font(cr, TEXT_SIZE, false);
	double w = 0;
	for (size_t i = 0; i < lg->n; i++) {
		char text[512];
		fit_label(cr, lg->items[i].text, 1e9, text, sizeof(text));
		double tw = chart_text_width(cr, text);
		if (tw > w)
			w = tw;
	}
	if (w > LEGEND_TEXT_MAX)
		w = LEGEND_TEXT_MAX;
	return LEGEND_SWATCH + 6 + w;
}

void chart_legend_draw(cairo_t *cr, const struct legend *lg, double x, double y)
{
	chart_set_font(cr, TEXT_SIZE, false);
	for (size_t i = 0; i < lg->n; i++) {
		const struct legend_item *it = &lg->items[i];
		double cy = y + LEGEND_ROW * ((double)i + 0.5);
		cairo_save(cr);
		switch (it->swatch) {
		case SWATCH_LINE:
			chart_apply_style(cr, &it->style);
			cairo_move_to(cr, x, cy);
			cairo_line_to(cr, x + LEGEND_SWATCH - 4, cy);
			cairo_stroke(cr);
			chart_draw_marker(cr, x + (LEGEND_SWATCH - 4) / 2, cy,
					  it->style.marker, it->style.color);
			break;
		case SWATCH_BAR:
			chart_set_color(cr, it->style.color);
			cairo_rectangle(cr, x + 5, cy - 6, LEGEND_SWATCH - 14, 12);
			cairo_fill(cr);
			break;
		case SWATCH_SHADE:
			chart_set_color(cr, it->style.color);
			cairo_rectangle(cr, x, cy - 7, LEGEND_SWATCH - 4, 14);
			cairo_fill(cr);
			break;
		case SWATCH_MARKER:
			chart_draw_marker(cr, x + (LEGEND_SWATCH - 4) / 2, cy,
					  it->style.marker, it->style.color);
			break;
		}
		cairo_restore(cr);
		char text[512];
		chart_legend_text(cr, it->text, text, sizeof(text));
		chart_set_color(cr, chart_black);
		chart_draw_text(cr, x + LEGEND_SWATCH + 6, cy, text, 0, 0.5);
	}
}

void chart_legend_text(cairo_t *cr, const char *text, char *out, size_t size)
{
	chart_set_font(cr, TEXT_SIZE, false);
	fit_label(cr, text, LEGEND_TEXT_MAX, out, size);
}

/* ---- Axes ----------------------------------------------------------------- */

double chart_fx(const struct frame *fr, double v)
{
	return fr->x + (v - fr->x_min) / (fr->x_max - fr->x_min) * fr->w;
}

double chart_fy(const struct frame *fr, double v)
{
	return fr->y + fr->h - (v - fr->y_min) / (fr->y_max - fr->y_min) * fr->h;
}

/*
 * chart_nice_step: a tick spacing of 1, 2, 2.5 or 5 times a power of ten that
 * splits 'range' into at most about 'ticks' parts, the steps people read
 * without effort.
 */
double chart_nice_step(double range, int ticks)
{
	if (!(range > 0) || !isfinite(range))
		return 1;
	double raw = range / (ticks > 0 ? ticks : 1);
	double mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
	return nice * mag;
}

/* chart_nice_top: 'max' rounded up to a whole tick, with that tick in '*step'. */
double chart_nice_top(double max, int ticks, double *step)
{
	if (!(max > 0) || !isfinite(max))
		max = 1;
	*step = chart_nice_step(max, ticks);
	double top = ceil(max / *step - 1e-9) * *step;
	return top > 0 ? top : *step;
}

/*
 * year_label_step: label every year when there is room, else every 2nd,
 * 5th, 10th... year, whichever is the first whose labels do not touch:
 * a 50-year horizon on a 700-pixel axis has 14 pixels a year, too few
 * for "2040". Labels go on years divisible by the step, the round ones.
 */
static int year_label_step(cairo_t *cr, double pixels_per_year)
{
	static const int steps[] = {1, 2, 5, 10, 20, 25, 50, 100};
	chart_set_font(cr, TEXT_SIZE, false);
	double need = chart_text_width(cr, "8888") + 10;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i] * pixels_per_year >= need)
			return steps[i];
	return 1000;
}

/* The plot's box, its horizontal grid lines and its y tick labels, from
 * 'y_min' up by 'step'; 'label' formats one tick value. */
void chart_draw_y_axis(cairo_t *cr, const struct frame *fr, double step,
		       void (*label)(char *buf, size_t size, double v, const void *ctx),
		       const void *ctx)
{
	chart_set_font(cr, TEXT_SIZE, false);
	cairo_set_line_width(cr, 1);
	int n = (int)floor((fr->y_max - fr->y_min) / step + 1e-9);
	for (int i = 0; i <= n; i++) {
		double v = fr->y_min + i * step;
		if (fabs(v) < step * 1e-9)
			v = 0;
		double y = round(chart_fy(fr, v)) + 0.5;
		chart_set_color(cr, chart_grid_grey);
		cairo_move_to(cr, fr->x, y);
		cairo_line_to(cr, fr->x + fr->w, y);
		cairo_stroke(cr);
		char buf[64];
		label(buf, sizeof(buf), v, ctx);
		chart_set_color(cr, chart_black);
		chart_draw_text(cr, fr->x - 6, y, buf, 1, 0.5);
	}
}

void chart_draw_box(cairo_t *cr, const struct frame *fr)
{
	chart_set_color(cr, chart_axis_grey);
	cairo_set_line_width(cr, 1);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_rectangle(cr, round(fr->x) + 0.5, round(fr->y) + 0.5, round(fr->w),
			round(fr->h));
	cairo_stroke(cr);
}

/* Year ticks under a plot whose x data are years (bands centred on them). */
void chart_draw_year_ticks(cairo_t *cr, const struct frame *fr, int start, int end)
{
	double per_year = fr->w / (fr->x_max - fr->x_min);
	int step = year_label_step(cr, per_year);
	chart_set_font(cr, TEXT_SIZE, false);
	cairo_set_line_width(cr, 1);
	double bottom = fr->y + fr->h;
	for (int y = start; y <= end; y++) {
		bool labelled = y % step == 0;
		if (!labelled && per_year < 4)
			continue;
		double x = round(chart_fx(fr, y)) + 0.5;
		chart_set_color(cr, chart_axis_grey);
		cairo_move_to(cr, x, bottom);
		cairo_line_to(cr, x, bottom + (labelled ? 5 : 3));
		cairo_stroke(cr);
		if (labelled) {
			char buf[16];
			snprintf(buf, sizeof(buf), "%d", y);
			chart_set_color(cr, chart_black);
			chart_draw_text(cr, x, bottom + 7, buf, 0.5, 0);
		}
	}
}

/* ---- Time in periods ------------------------------------------------------ */

double chart_period_x(int start, int per_year, int p)
{
	return start - 0.5 + (double)p / per_year;
}

double chart_date_x(int start, int per_year, struct date d)
{
	int p = period_of_date(start, per_year, d);
	long first = date_day_number(period_start_date(start, per_year, p));
	long last = date_day_number(period_end_date(start, per_year, p));
	double fraction =
		(double)(date_day_number(d) - first + 1) / (double)(last - first + 1);
	return chart_period_x(start, per_year, p) + fraction / per_year;
}

bool chart_boxes_overlap(const struct chart_box *a, const struct chart_box *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
	       b->y < a->y + a->h;
}

/*
 * chart_time_axis_layout: a quarterly or monthly axis has too many periods
 * to label each, so the years are labelled (as on a yearly axis, thinned
 * to fit) and the periods are only ticks: a reader counts four or twelve
 * ticks between the long year ticks.
 */
void chart_time_axis_layout(cairo_t *cr, const struct frame *fr, int start, int end,
			    int per_year, struct chart_time_axis *ax)
{
	memset(ax, 0, sizeof(*ax));
	double px_year = fr->w / (fr->x_max - fr->x_min);
	int step = year_label_step(cr, px_year);
	chart_set_font(cr, TEXT_SIZE, false);
	cairo_font_extents_t fe;
	cairo_font_extents(cr, &fe);
	size_t alloc = 0;
	for (int y = start; y <= end; y++) {
		if (y % step != 0)
			continue;
		char buf[16];
		snprintf(buf, sizeof(buf), "%d", y);
		double w = chart_text_width(cr, buf);
		double x = round(chart_fx(fr, y)) + 0.5;
		ARRAY_GROW(ax->labels, ax->n_labels, alloc);
		ax->labels[ax->n_labels++] = (struct chart_year_label){
			y, {x - w / 2, fr->y + fr->h + 7, w, fe.ascent + fe.descent}};
	}
	ax->year_ticks = xcalloc((size_t)(end - start + 2), sizeof(double));
	for (int y = start; y <= end + 1; y++)
		ax->year_ticks[ax->n_year_ticks++] = round(chart_fx(fr, y - 0.5)) + 0.5;
	int n = (end - start + 1) * per_year;
	ax->period_ticks = xcalloc((size_t)n + 1, sizeof(double));
	if (per_year > 1 && px_year / per_year >= 3)
		for (int p = 1; p < n; p++)
			if (p % per_year != 0)
				ax->period_ticks[ax->n_period_ticks++] =
					round(chart_fx(
						fr, chart_period_x(start, per_year, p))) +
					0.5;
}

void chart_time_axis_draw(cairo_t *cr, const struct frame *fr,
			  const struct chart_time_axis *ax)
{
	double bottom = fr->y + fr->h;
	cairo_set_line_width(cr, 1);
	cairo_set_dash(cr, NULL, 0, 0);
	chart_set_color(cr, chart_axis_grey);
	for (size_t i = 0; i < ax->n_year_ticks; i++) {
		cairo_move_to(cr, ax->year_ticks[i], bottom);
		cairo_line_to(cr, ax->year_ticks[i], bottom + 6);
	}
	for (size_t i = 0; i < ax->n_period_ticks; i++) {
		cairo_move_to(cr, ax->period_ticks[i], bottom);
		cairo_line_to(cr, ax->period_ticks[i], bottom + 3);
	}
	cairo_stroke(cr);
	chart_set_font(cr, TEXT_SIZE, false);
	chart_set_color(cr, chart_black);
	for (size_t i = 0; i < ax->n_labels; i++) {
		char buf[16];
		snprintf(buf, sizeof(buf), "%d", ax->labels[i].year);
		chart_draw_text(cr, ax->labels[i].box.x, ax->labels[i].box.y, buf, 0, 0);
	}
}

void chart_time_axis_finish(struct chart_time_axis *ax)
{
	free(ax->labels);
	free(ax->year_ticks);
	free(ax->period_ticks);
	memset(ax, 0, sizeof(*ax));
}

/* Label indices by anchor, ties in their order (a stable insertion sort:
 * a chart has a handful of dated rules). */
static size_t *labels_by_anchor(const struct chart_label *l, size_t n)
{
	size_t *order = xcalloc(n + 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		while (j > 0 && l[order[j - 1]].anchor > l[i].anchor) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	return order;
}

int chart_place_labels(struct chart_label *labels, size_t n, double left, double right,
		       double bottom, double gap)
{
	size_t *order = labels_by_anchor(labels, n);
	int rows = 0;
	for (size_t k = 0; k < n; k++) {
		struct chart_label *l = &labels[order[k]];
		double x = l->anchor + 3;
		if (x + l->w > right)
			x = l->anchor - 3 - l->w;
		if (x < left)
			x = left;
		for (int row = 0;; row++) {
			struct chart_box box = {x, bottom - row * (l->h + 2) - l->h, l->w,
						l->h};
			/* The gap counts as part of the box while testing. */
			struct chart_box wide = {x - gap, box.y, l->w + 2 * gap, l->h};
			bool free_row = true;
			for (size_t m = 0; m < k && free_row; m++) {
				const struct chart_label *o = &labels[order[m]];
				if (o->row == row && chart_boxes_overlap(&wide, &o->box))
					free_row = false;
			}
			if (free_row) {
				l->row = row;
				l->box = box;
				break;
			}
		}
		if (l->row + 1 > rows)
			rows = l->row + 1;
	}
	free(order);
	return rows;
}

void chart_label_percent(char *buf, size_t size, double v, const void *ctx)
{
	(void)ctx;
	snprintf(buf, size, "%g%%", round(v * 1000) / 10);
}

void chart_label_short(char *buf, size_t size, double v, const void *ctx)
{
	(void)ctx;
	num_format_short(buf, size, v);
}

/* The widest label chart_draw_y_axis() would write for this axis. */
double chart_y_labels_width(cairo_t *cr, double y_min, double y_max, double step,
			    void (*label)(char *buf, size_t size, double v,
					  const void *ctx),
			    const void *ctx)
{
	chart_set_font(cr, TEXT_SIZE, false);
	double w = 0;
	int n = (int)floor((y_max - y_min) / step + 1e-9);
	for (int i = 0; i <= n; i++) {
		char buf[64];
		label(buf, sizeof(buf), y_min + i * step, ctx);
		double tw = chart_text_width(cr, buf);
		if (tw > w)
			w = tw;
	}
	return w;
}

/* The title (bold, cut to the width) and a grey subtitle under it. */
void chart_draw_header(cairo_t *cr, const char *title, const char *subtitle)
{
	char text[1024];
	chart_set_font(cr, TITLE_SIZE, true);
	chart_fit_text(cr, title, CHART_WIDTH - 2 * MARGIN, text, sizeof(text));
	chart_set_color(cr, chart_black);
	chart_draw_text(cr, MARGIN, MARGIN, text, 0, 0);
	chart_set_font(cr, TEXT_SIZE, false);
	chart_fit_text(cr, subtitle, CHART_WIDTH - 2 * MARGIN, text, sizeof(text));
	chart_set_color(cr, chart_text_grey);
	chart_draw_text(cr, MARGIN, MARGIN + 28, text, 0, 0);
}

void chart_draw_panel_title(cairo_t *cr, const struct frame *fr, const char *title)
{
	char text[512];
	chart_set_font(cr, PANEL_TITLE_SIZE, true);
	chart_fit_text(cr, title, fr->w, text, sizeof(text));
	chart_set_color(cr, chart_black);
	chart_draw_text(cr, fr->x, fr->y - 8, text, 0, 1);
}

void chart_draw_axis_title_left(cairo_t *cr, const struct frame *fr, const char *title)
{
	char text[512];
	chart_set_font(cr, TEXT_SIZE, false);
	chart_fit_text(cr, title, fr->h, text, sizeof(text));
	chart_set_color(cr, chart_text_grey);
	draw_text_up(cr, MARGIN + 7, fr->y + fr->h / 2, text);
}

void chart_clip_to(cairo_t *cr, const struct frame *fr)
{
	cairo_rectangle(cr, fr->x - 6, fr->y - 6, fr->w + 12, fr->h + 12);
	cairo_clip(cr);
}

/* ---- Output through cairo's write callback -------------------------------- */

static cairo_status_t write_to_file(void *closure, const unsigned char *data,
				    unsigned int length)
{
	FILE *f = closure;
	if (length && fwrite(data, 1, length, f) != length)
		return CAIRO_STATUS_WRITE_ERROR;
	return CAIRO_STATUS_SUCCESS;
}

/*
 * Both backends draw with the same function. Metrics hinting is off so
 * that text widths, and with them every layout decision (ticks thinned,
 * names cut), are the same in the SVG and the PNG.
 */
static bool draw_on(cairo_surface_t *surface, chart_draw_fn draw, const void *data,
		    double height)
{
	cairo_t *cr = cairo_create(surface);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	draw(cr, data, height);
	bool ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
	cairo_destroy(cr);
	return ok;
}

static bool finish_file(FILE *f, bool ok)
{
	if (fflush(f) != 0)
		ok = false;
	return ok && !ferror(f);
}

/*
 * write_svg_ids_renumbered: the SVG text 'svg' to 'f' with cairo's
 * "surfaceN" ids renumbered 1, 2, ... in order of first appearance. cairo
 * 1.16 names a surface's group after the surface's unique id, a counter
 * global to the process, so the second chart a process draws would say
 * "surface6" where the first said "surface1". Every other id in the
 * document (glyphN-M, clipN) counts per document already. References
 * ("#surfaceN") are renumbered with their targets.
 */
static bool write_svg_ids_renumbered(const char *svg, size_t len, FILE *f)
{
	static const char word[] = "surface";
	const size_t wlen = sizeof(word) - 1;
	unsigned long *seen = NULL;
	size_t n_seen = 0, alloc_seen = 0;
	size_t done = 0;
	bool ok = true;
	for (size_t i = 0; i + wlen < len; i++) {
		if ((i == 0 || (svg[i - 1] != '"' && svg[i - 1] != '#')) ||
		    memcmp(svg + i, word, wlen) != 0 || svg[i + wlen] < '0' ||
		    svg[i + wlen] > '9')
			continue;
		size_t j = i + wlen;
		unsigned long id = 0;
		while (j < len && svg[j] >= '0' && svg[j] <= '9' && id < 100000000)
			id = id * 10 + (unsigned long)(svg[j++] - '0');
		size_t k = 0;
		while (k < n_seen && seen[k] != id)
			k++;
		if (k == n_seen) {
			ARRAY_GROW(seen, n_seen, alloc_seen);
			seen[n_seen++] = id;
		}
		if (fwrite(svg + done, 1, i - done, f) != i - done ||
		    fprintf(f, "%s%zu", word, k + 1) < 0)
			ok = false;
		done = j;
		i = j - 1;
	}
	if (fwrite(svg + done, 1, len - done, f) != len - done)
		ok = false;
	free(seen);
	return ok;
}

bool chart_render_svg(chart_draw_fn draw, const void *data, double height, FILE *f)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return false;
	cairo_surface_t *surface = cairo_svg_surface_create_for_stream(
		write_to_file, mem, CHART_WIDTH, height);
	cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX);
	bool ok = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS &&
		  draw_on(surface, draw, data, height);
	cairo_surface_finish(surface);
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
		ok = false;
	cairo_surface_destroy(surface);
	if (fclose(mem) != 0)
		ok = false;
	if (ok)
		ok = write_svg_ids_renumbered(buf, len, f);
	free(buf);
	return finish_file(f, ok);
}

bool chart_render_png(chart_draw_fn draw, const void *data, double height, FILE *f)
{
	cairo_surface_t *surface =
		cairo_image_surface_create(CAIRO_FORMAT_RGB24, CHART_WIDTH, (int)height);
	bool ok = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS &&
		  draw_on(surface, draw, data, height);
	if (ok) {
		cairo_surface_flush(surface);
		ok = cairo_surface_write_to_png_stream(surface, write_to_file, f) ==
		     CAIRO_STATUS_SUCCESS;
	}
	cairo_surface_destroy(surface);
	return finish_file(f, ok);
}

/* ---- Fonts ------------------------------------------------------------------ */

/* cairo's static data (toy font faces, the FreeType font map) holds
 * fontconfig patterns, so it goes first; then fontconfig's own config. */
void chart_release_fonts(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}
