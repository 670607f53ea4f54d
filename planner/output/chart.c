#include "output/chart.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "output/report.h"
#include "plan/rule_label.h"
#include "util/money.h"
#include "util/num.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define PI 3.14159265358979323846

#define FONT "sans-serif"
#define TITLE_SIZE 18.0
#define PANEL_TITLE_SIZE 13.0
#define TEXT_SIZE 12.0
#define MARGIN 16.0

/* Vertical layout, in pixels: the header (title, subtitle), each panel's
 * title above its plot, the tick labels and axis title below it. */
#define PLOT1_TOP 96.0
#define PANEL_GAP 62.0 /* plot 1's bottom to plot 2's top */
#define BOTTOM 62.0    /* plot 2's bottom to the picture's bottom */
#define SENS_BOTTOM 78.0
#define LEGEND_ROW 18.0
#define LEGEND_SWATCH 26.0
#define LEGEND_TEXT_MAX 230.0

struct rgb {
	double r, g, b;
};

#define RGB(hex)                                                           \
	{                                                                  \
		((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
			((hex)&0xff) / 255.0                               \
	}

/* Ten distinct colours (matplotlib's "tab10"), for the domains. */
static const struct rgb palette[] = {
	RGB(0x1f77b4), RGB(0xff7f0e), RGB(0x2ca02c), RGB(0x9467bd), RGB(0x8c564b),
	RGB(0xe377c2), RGB(0xbcbd22), RGB(0x17becf), RGB(0xd62728), RGB(0x7f7f7f),
};
#define N_PALETTE (sizeof(palette) / sizeof(palette[0]))

static const struct rgb black = RGB(0x000000);
static const struct rgb axis_grey = RGB(0x444444);
static const struct rgb grid_grey = RGB(0xdddddd);
static const struct rgb text_grey = RGB(0x555555);
static const struct rgb list_grey = RGB(0x707070);
static const struct rgb shade_grey = RGB(0xececec);
static const struct rgb spend_blue = RGB(0x6b9bc3);
static const struct rgb budget_orange = RGB(0xd95f02);
static const struct rgb available_purple = RGB(0x7570b3);
static const struct rgb point_blue = RGB(0x1f77b4);
static const struct rgb infeasible_red = RGB(0xd62728);
static const struct rgb no_plan_grey = RGB(0x888888);

enum dash { DASH_SOLID, DASH_DASHED, DASH_DOTTED, DASH_DASHDOT, DASH_LONG };
enum marker { MARK_NONE, MARK_DOT, MARK_RING, MARK_CROSS, MARK_TRIANGLE };
enum swatch { SWATCH_LINE, SWATCH_BAR, SWATCH_SHADE, SWATCH_MARKER };

struct style {
	struct rgb color;
	double width;
	enum dash dash;
	enum marker marker;
};

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

static void set_font(cairo_t *cr, double size, bool bold)
{
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

static double text_width(cairo_t *cr, const char *text)
{
	cairo_text_extents_t ext;
	cairo_text_extents(cr, text, &ext);
	return ext.x_advance;
}

/*
 * fit_text: 'in', cleaned, into 'out' and no wider than 'max_width' pixels
 * in the current font: a long domain or scenario name loses characters at
 * its end for a "…", so that it never runs into the next piece of text.
 */
static void fit_text(cairo_t *cr, const char *in, double max_width, char *out,
		     size_t size)
{
	clean_text(in, out, size);
	if (text_width(cr, out) <= max_width)
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
		if (text_width(cr, out) <= max_width)
			return;
	}
	snprintf(out, size, "%s", text_width(cr, ellipsis) <= max_width ? ellipsis : "");
}

/*
 * fit_label: like fit_text, for a legend text whose ends must survive:
 * "high-risk share of " LABEL_CUT "ran" LABEL_TAIL " <= 35% from 2023"
 * (rule_label.h puts the marks in). Only the part between the marks
 * (names) is cut, so that a long domain name never hides the number that
 * makes the rule. Without marks the whole text may be cut.
 */
#define LABEL_CUT "\x1e"
#define LABEL_TAIL "\x1f"

static void fit_label(cairo_t *cr, const char *in, double max_width, char *out,
		      size_t size)
{
	const char *cut = strchr(in, LABEL_CUT[0]);
	const char *tail_at = strrchr(in, LABEL_TAIL[0]);
	if (!cut || !tail_at || tail_at < cut) {
		fit_text(cr, in, max_width, out, size);
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
	double room = max_width - text_width(cr, head) - text_width(cr, tail);
	if (text_width(cr, whole) <= max_width || room < 30) {
		fit_text(cr, whole, max_width, out, size);
	} else {
		char part[512];
		fit_text(cr, middle, room, part, sizeof(part));
		free(whole);
		whole = xasprintf("%s%s%s", head, part, tail);
		clean_text(whole, out, size);
	}
	free(whole);
}

/*
 * draw_text: 'text' (already clean) placed by its box: 'ax' 0 puts its
 * left end at x, 0.5 its middle, 1 its right end; 'ay' 0 puts its top at
 * y, 0.5 its middle, 1 its bottom (by the font's ascent and descent, so
 * labels of one row line up whatever their letters).
 */
static void draw_text(cairo_t *cr, double x, double y, const char *text, double ax,
		      double ay)
{
	cairo_font_extents_t fe;
	cairo_font_extents(cr, &fe);
	double w = text_width(cr, text);
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
	draw_text(cr, 0, 0, text, 0.5, 0.5);
	cairo_restore(cr);
}

static void set_color(cairo_t *cr, struct rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* ---- Lines and markers -------------------------------------------------- */

static void apply_style(cairo_t *cr, const struct style *st)
{
	static const double dashed[] = {6, 4}, dotted[] = {1.5, 3},
			    dashdot[] = {8, 3, 2, 3}, longdash[] = {12, 4};
	set_color(cr, st->color);
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

static void draw_marker(cairo_t *cr, double x, double y, enum marker m, struct rgb c)
{
	cairo_save(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_new_path(cr);
	switch (m) {
	case MARK_NONE:
		break;
	case MARK_DOT:
		cairo_arc(cr, x, y, 3.5, 0, 2 * PI);
		set_color(cr, c);
		cairo_fill(cr);
		break;
	case MARK_RING:
		cairo_arc(cr, x, y, 3.5, 0, 2 * PI);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill_preserve(cr);
		set_color(cr, c);
		cairo_set_line_width(cr, 1.6);
		cairo_stroke(cr);
		break;
	case MARK_CROSS:
		cairo_move_to(cr, x - 4.5, y - 4.5);
		cairo_line_to(cr, x + 4.5, y + 4.5);
		cairo_move_to(cr, x - 4.5, y + 4.5);
		cairo_line_to(cr, x + 4.5, y - 4.5);
		set_color(cr, c);
		cairo_set_line_width(cr, 2.4);
		cairo_stroke(cr);
		break;
	case MARK_TRIANGLE:
		cairo_move_to(cr, x, y - 5);
		cairo_line_to(cr, x + 5, y + 4);
		cairo_line_to(cr, x - 5, y + 4);
		cairo_close_path(cr);
		set_color(cr, c);
		cairo_fill(cr);
		break;
	}
	cairo_restore(cr);
}

/* ---- Legends ------------------------------------------------------------ */

struct legend_item {
	enum swatch swatch;
	struct style style;
	char *text;
};

struct legend {
	struct legend_item *items;
	size_t n, alloc;
};

static void legend_add(struct legend *lg, enum swatch swatch, struct style style,
		       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void legend_add(struct legend *lg, enum swatch swatch, struct style style,
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

static void legend_finish(struct legend *lg)
{
	for (size_t i = 0; i < lg->n; i++)
		free(lg->items[i].text);
	free(lg->items);
}

static double legend_height(const struct legend *lg)
{
	return (double)lg->n * LEGEND_ROW;
}

/* legend_width: swatch, gap and the widest text, texts capped at
 * LEGEND_TEXT_MAX (longer ones are cut with "…" when drawn). */
static double legend_width(cairo_t *cr, const struct legend *lg)
{
	set_font(cr, TEXT_SIZE, false);
	double w = 0;
	for (size_t i = 0; i < lg->n; i++) {
		char text[512];
		fit_label(cr, lg->items[i].text, 1e9, text, sizeof(text));
		double tw = text_width(cr, text);
		if (tw > w)
			w = tw;
	}
	if (w > LEGEND_TEXT_MAX)
		w = LEGEND_TEXT_MAX;
	return LEGEND_SWATCH + 6 + w;
}

static void legend_draw(cairo_t *cr, const struct legend *lg, double x, double y)
{
	set_font(cr, TEXT_SIZE, false);
	for (size_t i = 0; i < lg->n; i++) {
		const struct legend_item *it = &lg->items[i];
		double cy = y + LEGEND_ROW * ((double)i + 0.5);
		cairo_save(cr);
		switch (it->swatch) {
		case SWATCH_LINE:
			apply_style(cr, &it->style);
			cairo_move_to(cr, x, cy);
			cairo_line_to(cr, x + LEGEND_SWATCH - 4, cy);
			cairo_stroke(cr);
			draw_marker(cr, x + (LEGEND_SWATCH - 4) / 2, cy, it->style.marker,
				    it->style.color);
			break;
		case SWATCH_BAR:
			set_color(cr, it->style.color);
			cairo_rectangle(cr, x + 5, cy - 6, LEGEND_SWATCH - 14, 12);
			cairo_fill(cr);
			break;
		case SWATCH_SHADE:
			set_color(cr, it->style.color);
			cairo_rectangle(cr, x, cy - 7, LEGEND_SWATCH - 4, 14);
			cairo_fill(cr);
			break;
		case SWATCH_MARKER:
			draw_marker(cr, x + (LEGEND_SWATCH - 4) / 2, cy, it->style.marker,
				    it->style.color);
			break;
		}
		cairo_restore(cr);
		char text[512];
		fit_label(cr, it->text, LEGEND_TEXT_MAX, text, sizeof(text));
		set_color(cr, black);
		draw_text(cr, x + LEGEND_SWATCH + 6, cy, text, 0, 0.5);
	}
}

/* ---- Axes ----------------------------------------------------------------- */

/* A plot area in pixels and the data range it shows. */
struct frame {
	double x, y, w, h;
	double x_min, x_max, y_min, y_max;
};

static double fx(const struct frame *fr, double v)
{
	return fr->x + (v - fr->x_min) / (fr->x_max - fr->x_min) * fr->w;
}

static double fy(const struct frame *fr, double v)
{
	return fr->y + fr->h - (v - fr->y_min) / (fr->y_max - fr->y_min) * fr->h;
}

/*
 * nice_step: a tick spacing of 1, 2, 2.5 or 5 times a power of ten that
 * splits 'range' into at most about 'ticks' parts, the steps people read
 * without effort.
 */
static double nice_step(double range, int ticks)
{
	if (!(range > 0) || !isfinite(range))
		return 1;
	double raw = range / (ticks > 0 ? ticks : 1);
	double mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
	return nice * mag;
}

/* nice_top: 'max' rounded up to a whole tick, with that tick in '*step'. */
static double nice_top(double max, int ticks, double *step)
{
	if (!(max > 0) || !isfinite(max))
		max = 1;
	*step = nice_step(max, ticks);
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
	set_font(cr, TEXT_SIZE, false);
	double need = text_width(cr, "8888") + 10;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i] * pixels_per_year >= need)
			return steps[i];
	return 1000;
}

/* The plot's box, its horizontal grid lines and its y tick labels, from
 * 'y_min' up by 'step'; 'label' formats one tick value. */
static void draw_y_axis(cairo_t *cr, const struct frame *fr, double step,
			void (*label)(char *buf, size_t size, double v, const void *ctx),
			const void *ctx)
{
	set_font(cr, TEXT_SIZE, false);
	cairo_set_line_width(cr, 1);
	int n = (int)floor((fr->y_max - fr->y_min) / step + 1e-9);
	for (int i = 0; i <= n; i++) {
		double v = fr->y_min + i * step;
		if (fabs(v) < step * 1e-9)
			v = 0;
		double y = round(fy(fr, v)) + 0.5;
		set_color(cr, grid_grey);
		cairo_move_to(cr, fr->x, y);
		cairo_line_to(cr, fr->x + fr->w, y);
		cairo_stroke(cr);
		char buf[64];
		label(buf, sizeof(buf), v, ctx);
		set_color(cr, black);
		draw_text(cr, fr->x - 6, y, buf, 1, 0.5);
	}
}

static void draw_box(cairo_t *cr, const struct frame *fr)
{
	set_color(cr, axis_grey);
	cairo_set_line_width(cr, 1);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_rectangle(cr, round(fr->x) + 0.5, round(fr->y) + 0.5, round(fr->w),
			round(fr->h));
	cairo_stroke(cr);
}

/* Year ticks under a plot whose x data are years (bands centred on them). */
static void draw_year_ticks(cairo_t *cr, const struct frame *fr, int start, int end)
{
	double per_year = fr->w / (fr->x_max - fr->x_min);
	int step = year_label_step(cr, per_year);
	set_font(cr, TEXT_SIZE, false);
	cairo_set_line_width(cr, 1);
	double bottom = fr->y + fr->h;
	for (int y = start; y <= end; y++) {
		bool labelled = y % step == 0;
		if (!labelled && per_year < 4)
			continue;
		double x = round(fx(fr, y)) + 0.5;
		set_color(cr, axis_grey);
		cairo_move_to(cr, x, bottom);
		cairo_line_to(cr, x, bottom + (labelled ? 5 : 3));
		cairo_stroke(cr);
		if (labelled) {
			char buf[16];
			snprintf(buf, sizeof(buf), "%d", y);
			set_color(cr, black);
			draw_text(cr, x, bottom + 7, buf, 0.5, 0);
		}
	}
}

static void label_percent(char *buf, size_t size, double v, const void *ctx)
{
	(void)ctx;
	snprintf(buf, size, "%g%%", round(v * 1000) / 10);
}

static void label_short(char *buf, size_t size, double v, const void *ctx)
{
	(void)ctx;
	num_format_short(buf, size, v);
}

/* The widest label draw_y_axis() would write for this axis. */
static double y_labels_width(cairo_t *cr, double y_min, double y_max, double step,
			     void (*label)(char *buf, size_t size, double v,
					   const void *ctx),
			     const void *ctx)
{
	set_font(cr, TEXT_SIZE, false);
	double w = 0;
	int n = (int)floor((y_max - y_min) / step + 1e-9);
	for (int i = 0; i <= n; i++) {
		char buf[64];
		label(buf, sizeof(buf), y_min + i * step, ctx);
		double tw = text_width(cr, buf);
		if (tw > w)
			w = tw;
	}
	return w;
}

/* The title (bold, cut to the width) and a grey subtitle under it. */
static void draw_header(cairo_t *cr, const char *title, const char *subtitle)
{
	char text[1024];
	set_font(cr, TITLE_SIZE, true);
	fit_text(cr, title, CHART_WIDTH - 2 * MARGIN, text, sizeof(text));
	set_color(cr, black);
	draw_text(cr, MARGIN, MARGIN, text, 0, 0);
	set_font(cr, TEXT_SIZE, false);
	fit_text(cr, subtitle, CHART_WIDTH - 2 * MARGIN, text, sizeof(text));
	set_color(cr, text_grey);
	draw_text(cr, MARGIN, MARGIN + 28, text, 0, 0);
}

static void draw_panel_title(cairo_t *cr, const struct frame *fr, const char *title)
{
	char text[512];
	set_font(cr, PANEL_TITLE_SIZE, true);
	fit_text(cr, title, fr->w, text, sizeof(text));
	set_color(cr, black);
	draw_text(cr, fr->x, fr->y - 8, text, 0, 1);
}

static void draw_axis_title_left(cairo_t *cr, const struct frame *fr, const char *title)
{
	char text[512];
	set_font(cr, TEXT_SIZE, false);
	fit_text(cr, title, fr->h, text, sizeof(text));
	set_color(cr, text_grey);
	draw_text_up(cr, MARGIN + 7, fr->y + fr->h / 2, text);
}

static void clip_to(cairo_t *cr, const struct frame *fr)
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

typedef void (*draw_fn)(cairo_t *cr, const void *data, double height);

/*
 * Both backends draw with the same function. Metrics hinting is off so
 * that text widths, and with them every layout decision (ticks thinned,
 * names cut), are the same in the SVG and the PNG.
 */
static bool draw_on(cairo_surface_t *surface, draw_fn draw, const void *data,
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

static bool render_svg(draw_fn draw, const void *data, double height, FILE *f)
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

static bool render_png(draw_fn draw, const void *data, double height, FILE *f)
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

/* ---- The timeline ----------------------------------------------------------- */

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
		return black;
	int64_t d = strmap_find(&t->s->domains, domain);
	return d < 0 ? black : domain_style(t->rank[d]).color;
}

/* A cap's limit line: dashed, in its domain's colour; black for "*" (like
 * the "all domains" line it caps) and grey for a list of domains. */
static struct style cap_style(const struct timeline *t, const struct share_cap_rule *c)
{
	struct style st = {black, 1.6, DASH_DASHED, MARK_NONE};
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

	struct style all = {black, 3, DASH_SOLID, MARK_NONE};
	legend_add(&t->shares, SWATCH_LINE, all, "all domains");
	for (size_t i = 0; i < t->nd; i++)
		legend_add(&t->shares, SWATCH_LINE, domain_style(i), "%s",
			   s->domains.names[t->order[i]]);
	char when[32];
	for (size_t r = 0; r < s->n_caps; r++) {
		const struct share_cap_rule *c = &s->caps[r];
		char *label = rule_label_cap_marked(c, LABEL_CUT, LABEL_TAIL);
		legend_add(&t->shares, SWATCH_LINE, cap_style(t, c), "%s%s", label,
			   horizon_note(s, c->year, false, when));
		free(label);
	}
	for (size_t r = 0; r < s->n_deadlines; r++) {
		const struct deadline_rule *dl = &s->deadlines[r];
		struct style st = {domain_color(t, dl->domain), 1.6, DASH_DOTTED,
				   MARK_NONE};
		char *label = rule_label_deadline_marked(dl, LABEL_CUT, LABEL_TAIL);
		legend_add(&t->shares, SWATCH_LINE, st, "%s%s", label,
			   horizon_note(s, dl->year, true, when));
		free(label);
	}

	bool limited = false, unlimited = false;
	for (int y = 0; p->years && y < s->n_years; y++) {
		if (isfinite(p->years[y].budget))
			limited = true;
		else
			unlimited = true;
	}
	struct style bar = {spend_blue, 1, DASH_SOLID, MARK_NONE};
	legend_add(&t->money, SWATCH_BAR, bar, "spend");
	if (limited) {
		struct style st = {budget_orange, 2, DASH_SOLID, MARK_NONE};
		legend_add(&t->money, SWATCH_LINE, st, "budget");
		if (s->carry_over) {
			struct style av = {available_purple, 1.6, DASH_DASHED, MARK_NONE};
			legend_add(&t->money, SWATCH_LINE, av,
				   "available (with carry-over)");
		}
	}
	if (unlimited) {
		struct style sh = {shade_grey, 1, DASH_SOLID, MARK_NONE};
		legend_add(&t->money, SWATCH_SHADE, sh, "no budget limit (\xe2\x88\x9e)");
	}
}

static void timeline_finish(struct timeline *t)
{
	free(t->order);
	free(t->rank);
	legend_finish(&t->shares);
	legend_finish(&t->money);
}

static double plot1_height(const struct timeline *t)
{
	double h = legend_height(&t->shares);
	return h > 250 ? h : 250;
}

static double plot2_height(const struct timeline *t)
{
	double h = legend_height(&t->money);
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
		return fx(fr, s->start - 0.5);
	return fx(fr, year + 0.5);
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
	clip_to(cr, fr);

	/* Faint year boundaries: the points sit on them. */
	if (fr->w / (fr->x_max - fr->x_min) >= 8) {
		set_color(cr, grid_grey);
		cairo_set_line_width(cr, 1);
		for (int y = s->start; y < s->end; y++) {
			double x = round(fx(fr, y + 0.5)) + 0.5;
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
		apply_style(cr, &st);
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
		apply_style(cr, &st);
		double x1 = fx(fr, s->end + 0.5);
		double x0 = year_end_x(fr, s, c->year);
		if (x1 - x0 < 10) /* a cap binding only at the very end */
			x0 = x1 - 10;
		double y = fy(fr, c->max_share);
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
			struct style st =
				overall ? (struct style){black, 3, DASH_SOLID, MARK_NONE}
					: domain_style(k - 1);
			double start_share =
				overall ? (all_units > 0
						   ? (double)p->hr_units_total / all_units
						   : 0)
					: (all[d] > 0 ? hr[d] / all[d] : 0);
			apply_style(cr, &st);
			cairo_move_to(cr, fx(fr, s->start - 0.5), fy(fr, start_share));
			for (int y = 0; y < s->n_years; y++) {
				const struct plan_year *py = &p->years[y];
				double v = year_share(py, overall, d);
				if (!isfinite(v))
					continue;
				cairo_line_to(cr, fx(fr, py->year + 0.5), fy(fr, v));
			}
			cairo_stroke(cr);
			if (!dots)
				continue;
			draw_marker(cr, fx(fr, s->start - 0.5), fy(fr, start_share),
				    MARK_DOT, st.color);
			for (int y = 0; y < s->n_years; y++) {
				const struct plan_year *py = &p->years[y];
				double v = year_share(py, overall, d);
				if (isfinite(v))
					draw_marker(cr, fx(fr, py->year + 0.5), fy(fr, v),
						    MARK_DOT, st.color);
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
	const struct scenario *s = p->scenario;
	apply_style(cr, st);
	bool open = false;
	for (int y = 0; y < s->n_years; y++) {
		double v = available ? p->years[y].available : p->years[y].budget;
		int year = p->years[y].year;
		if (!isfinite(v)) {
			if (open)
				cairo_stroke(cr);
			open = false;
			continue;
		}
		double yy = fy(fr, v);
		if (open)
			cairo_line_to(cr, fx(fr, year - 0.5), yy);
		else
			cairo_move_to(cr, fx(fr, year - 0.5), yy);
		cairo_line_to(cr, fx(fr, year + 0.5), yy);
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
	clip_to(cr, fr);
	set_font(cr, TEXT_SIZE, false);
	for (int y = 0; y < s->n_years; y++) {
		const struct plan_year *py = &p->years[y];
		if (isfinite(py->budget))
			continue;
		set_color(cr, shade_grey);
		cairo_rectangle(cr, fx(fr, py->year - 0.5), fr->y, band, fr->h);
		cairo_fill(cr);
		if (band >= 12) {
			set_color(cr, text_grey);
			draw_text(cr, fx(fr, py->year), fr->y + 3, "\xe2\x88\x9e", 0.5,
				  0);
		}
	}
	set_color(cr, spend_blue);
	for (int y = 0; y < s->n_years; y++) {
		const struct plan_year *py = &p->years[y];
		if (!(py->spend > 0) || !isfinite(py->spend))
			continue;
		double top = fy(fr, py->spend);
		cairo_rectangle(cr, fx(fr, py->year - 0.3), top, 0.6 * band,
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
	draw_header(cr, title, subtitle);
	free(title);
	free(subtitle);

	/* Horizontal layout: y labels on the left, legends on the right. */
	double money_max = 0;
	for (int y = 0; p->years && y < s->n_years; y++) {
		const struct plan_year *py = &p->years[y];
		double v[] = {py->spend, py->budget, py->available};
		for (size_t i = 0; i < 3; i++)
			if (isfinite(v[i]) && v[i] > money_max)
				money_max = v[i];
	}
	double money_step;
	double money_top = nice_top(money_max * 1.02, 5, &money_step);
	double label_w = y_labels_width(cr, 0, 1, 0.2, label_percent, NULL);
	double mw = y_labels_width(cr, 0, money_top, money_step, label_short, NULL);
	if (mw > label_w)
		label_w = mw;
	double legend_w = legend_width(cr, &t->shares);
	double lw2 = legend_width(cr, &t->money);
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

	draw_panel_title(cr, &f1, "High-risk share of units at the end of each year");
	draw_y_axis(cr, &f1, 0.2, label_percent, NULL);
	draw_year_ticks(cr, &f1, s->start, s->end);
	draw_axis_title_left(cr, &f1, "share still high-risk");
	draw_shares(cr, t, &f1);
	draw_box(cr, &f1);
	legend_draw(cr, &t->shares, right + 16, f1.y);

	char *money_title = xasprintf("Spend and budget per year (%s, nominal)", cur);
	draw_panel_title(cr, &f2, money_title);
	free(money_title);
	draw_y_axis(cr, &f2, money_step, label_short, NULL);
	draw_money(cr, t, &f2);
	draw_year_ticks(cr, &f2, s->start, s->end);
	draw_axis_title_left(cr, &f2, cur);
	draw_box(cr, &f2);
	legend_draw(cr, &t->money, right + 16, f2.y);

	set_font(cr, TEXT_SIZE, false);
	set_color(cr, text_grey);
	draw_text(cr, f2.x + f2.w / 2, height - MARGIN, "year", 0.5, 1);
}

static bool timeline_render(const struct plan *p, FILE *f, bool svg)
{
	struct timeline t;
	timeline_init(&t, p);
	double h = timeline_height(&t);
	bool ok = svg ? render_svg(draw_timeline, &t, h, f)
		      : render_png(draw_timeline, &t, h, f);
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

/* ---- The sensitivity curve ------------------------------------------------- */

struct point {
	double x;
	size_t row;
};

struct sensitivity {
	const struct scenario *s;
	const struct sweep_row *rows;
	struct point *pts; /* rows with a finite scale, by scale */
	size_t n;
	double total_at_1; /* the scenario's total budget, INFINITY if any year is
			      unlimited */
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

static void sensitivity_init(struct sensitivity *sv, const struct scenario *s,
			     const struct sweep_row *rows, size_t n)
{
	memset(sv, 0, sizeof(*sv));
	sv->s = s;
	sv->rows = rows;
	sv->pts = xcalloc(n + 1, sizeof(*sv->pts));
	bool seen[4] = {false, false, false, false};
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(rows[i].budget_scale))
			continue;
		sv->pts[sv->n].x = rows[i].budget_scale;
		sv->pts[sv->n].row = i;
		sv->n++;
		if ((unsigned)rows[i].status < 4)
			seen[rows[i].status] = true;
	}
	qsort(sv->pts, sv->n, sizeof(*sv->pts), compare_points);
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
		legend_add(&sv->legend, SWATCH_MARKER, sty, "%s", what[st]);
	}
	bool deadline = false;
	for (size_t r = 0; r < s->n_deadlines; r++)
		if (s->deadlines[r].year >= s->start && s->deadlines[r].year <= s->end)
			deadline = true;
	if (deadline) {
		struct style dl = {axis_grey, 1.2, DASH_DOTTED, MARK_NONE};
		legend_add(&sv->legend, SWATCH_LINE, dl, "deadline year");
	}
}

static void sensitivity_finish(struct sensitivity *sv)
{
	free(sv->pts);
	legend_finish(&sv->legend);
}

static double sens_plot1_height(const struct sensitivity *sv)
{
	double h = legend_height(&sv->legend);
	return h > 250 ? h : 250;
}

#define SENS_PLOT2_HEIGHT 200.0

static double sensitivity_height(const struct sensitivity *sv)
{
	return ceil(PLOT1_TOP + sens_plot1_height(sv) + PANEL_GAP + SENS_PLOT2_HEIGHT +
		    SENS_BOTTOM);
}

/* The value a row puts on a panel: E, or the completion year (end + 1
 * standing for "not done"). NAN when the row has none. */
static double point_value(const struct sensitivity *sv, const struct sweep_row *r,
			  bool completion)
{
	if (r->status == PLAN_NO_PLAN)
		return NAN;
	if (!completion)
		return r->exposure;
	return r->completion_year ? r->completion_year : sv->s->end + 1;
}

/*
 * One curve: a line through the rows in scale order, solid between two
 * plans that keep the rules and dashed where either end is a
 * least-violation plan; then each row's marker by its status. A row with
 * no plan has no value: its grey triangle sits on the panel's floor.
 */
static void draw_curve(cairo_t *cr, const struct sensitivity *sv, const struct frame *fr,
		       bool completion)
{
	cairo_save(cr);
	clip_to(cr, fr);
	for (size_t i = 1; i < sv->n; i++) {
		const struct sweep_row *a = &sv->rows[sv->pts[i - 1].row];
		const struct sweep_row *b = &sv->rows[sv->pts[i].row];
		double va = point_value(sv, a, completion),
		       vb = point_value(sv, b, completion);
		if (!isfinite(va) || !isfinite(vb))
			continue;
		bool solid = plannable(a->status) && plannable(b->status);
		struct style st = {point_blue, 1.8, solid ? DASH_SOLID : DASH_DASHED,
				   MARK_NONE};
		apply_style(cr, &st);
		cairo_move_to(cr, fx(fr, sv->pts[i - 1].x), fy(fr, va));
		cairo_line_to(cr, fx(fr, sv->pts[i].x), fy(fr, vb));
		cairo_stroke(cr);
	}
	for (size_t i = 0; i < sv->n; i++) {
		const struct sweep_row *r = &sv->rows[sv->pts[i].row];
		double v = point_value(sv, r, completion);
		double y = isfinite(v) ? fy(fr, v) : fr->y + fr->h - 5;
		draw_marker(cr, fx(fr, sv->pts[i].x), y, status_marker(r->status),
			    status_color(r->status));
	}
	cairo_restore(cr);
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
	set_font(cr, TEXT_SIZE, false);
	cairo_set_line_width(cr, 1);
	double not_done = fy(fr, s->end + 1);
	for (int year = s->start; year <= s->end + 1; year++) {
		bool last = year == s->end + 1;
		double y = round(fy(fr, year)) + 0.5;
		set_color(cr, grid_grey);
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
		set_color(cr, black);
		draw_text(cr, fr->x - 6, y, buf, 1, 0.5);
	}
	cairo_save(cr);
	clip_to(cr, fr);
	struct style dl = {axis_grey, 1.2, DASH_DOTTED, MARK_NONE};
	apply_style(cr, &dl);
	for (size_t r = 0; r < s->n_deadlines; r++) {
		int year = s->deadlines[r].year;
		if (year < s->start || year > s->end)
			continue;
		double y = round(fy(fr, year)) + 0.5;
		cairo_move_to(cr, fr->x, y);
		cairo_line_to(cr, fr->x + fr->w, y);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}

/* x ticks: the scale ("1.2×") and, with 'totals' and when every year has
 * a budget, the total budget it gives in grey underneath; as many as fit
 * side by side. */
static void draw_scale_ticks(cairo_t *cr, const struct sensitivity *sv,
			     const struct frame *fr, const char *cur, bool totals)
{
	set_font(cr, TEXT_SIZE, false);
	double label_w = text_width(cr, "8.88\xc3\x97");
	if (isfinite(sv->total_at_1)) {
		char buf[96];
		money_format_short(buf, sizeof(buf), cur, 888e9);
		double tw = text_width(cr, buf);
		if (tw > label_w)
			label_w = tw;
	}
	int fit = (int)(fr->w / (label_w + 20));
	double step = nice_step(fr->x_max - fr->x_min, fit < 2 ? 2 : fit > 10 ? 10 : fit);
	double first = ceil(fr->x_min / step - 1e-9) * step;
	double bottom = fr->y + fr->h;
	/* At most about ten ticks by nice_step(); the bound only guards
	 * against a range that is not finite. */
	for (int i = 0; i <= 100; i++) {
		double v = first + i * step;
		if (v > fr->x_max + step * 1e-9)
			break;
		if (fabs(v) < step * 1e-9)
			v = 0;
		double x = round(fx(fr, v)) + 0.5;
		set_color(cr, axis_grey);
		cairo_set_line_width(cr, 1);
		cairo_move_to(cr, x, bottom);
		cairo_line_to(cr, x, bottom + 5);
		cairo_stroke(cr);
		char buf[96];
		snprintf(buf, sizeof(buf), "%g\xc3\x97", v);
		set_color(cr, black);
		draw_text(cr, x, bottom + 7, buf, 0.5, 0);
		if (totals && isfinite(sv->total_at_1)) {
			money_format_short(buf, sizeof(buf), cur, v * sv->total_at_1);
			set_color(cr, text_grey);
			draw_text(cr, x, bottom + 23, buf, 0.5, 0);
		}
	}
}

static void draw_sensitivity(cairo_t *cr, const void *data, double height)
{
	const struct sensitivity *sv = data;
	const struct scenario *s = sv->s;
	const char *cur = s->currency ? s->currency : "GBP";

	char *title =
		xasprintf("Budget sensitivity \xe2\x80\x94 %s", s->name ? s->name : "");
	char total[96];
	if (isfinite(sv->total_at_1))
		money_format_short(total, sizeof(total), cur, sv->total_at_1);
	else
		snprintf(total, sizeof(total), "unlimited in some years");
	char *subtitle;
	if (sv->n)
		subtitle = xasprintf(
			"%zu plans, budget scale %g\xc3\x97 to %g\xc3\x97 "
			"\xc2\xb7 the scenario's budget over %d\xe2\x80\x93%d: %s",
			sv->n, sv->pts[0].x, sv->pts[sv->n - 1].x, s->start, s->end,
			total);
	else
		subtitle = xasprintf("no plans \xc2\xb7 the scenario's budget over "
				     "%d\xe2\x80\x93%d: %s",
				     s->start, s->end, total);
	draw_header(cr, title, subtitle);
	free(title);
	free(subtitle);

	double x_min = sv->n ? sv->pts[0].x : 0, x_max = sv->n ? sv->pts[sv->n - 1].x : 1;
	double pad = (x_max - x_min) * 0.04;
	if (!(pad > 0))
		pad = fabs(x_min) * 0.1 > 0 ? fabs(x_min) * 0.1 : 0.1;
	double e_max = 0;
	for (size_t i = 0; i < sv->n; i++) {
		double v = point_value(sv, &sv->rows[sv->pts[i].row], false);
		if (isfinite(v) && v > e_max)
			e_max = v;
	}
	double e_step;
	double e_top = nice_top(e_max * 1.04, 5, &e_step);

	double label_w = y_labels_width(cr, 0, e_top, e_step, label_short, NULL);
	set_font(cr, TEXT_SIZE, false);
	double nw = text_width(cr, "not done");
	if (nw > label_w)
		label_w = nw;
	double legend_w = legend_width(cr, &sv->legend);
	double left = MARGIN + 22 + label_w;
	double right = CHART_WIDTH - MARGIN - legend_w - 16;

	struct frame f1 = {
		left,        PLOT1_TOP, right - left, sens_plot1_height(sv), x_min - pad,
		x_max + pad, 0,         e_top};
	struct frame f2 = f1;
	f2.y = f1.y + f1.h + PANEL_GAP;
	f2.h = SENS_PLOT2_HEIGHT;
	f2.y_min = s->start - 0.5;
	f2.y_max = s->end + 1.5;

	draw_panel_title(cr, &f1, "Exposure E of the plan at each budget scale");
	draw_y_axis(cr, &f1, e_step, label_short, NULL);
	draw_axis_title_left(cr, &f1, "weighted unit-years");
	draw_curve(cr, sv, &f1, false);
	draw_box(cr, &f1);
	draw_scale_ticks(cr, sv, &f1, cur, false);
	legend_draw(cr, &sv->legend, right + 16, f1.y);

	draw_panel_title(cr, &f2, "Year the last high-risk site goes");
	draw_completion_axis(cr, sv, &f2);
	draw_axis_title_left(cr, &f2, "completion year");
	draw_curve(cr, sv, &f2, true);
	draw_box(cr, &f2);
	draw_scale_ticks(cr, sv, &f2, cur, true);

	if (!sv->n) {
		set_font(cr, PANEL_TITLE_SIZE, false);
		set_color(cr, text_grey);
		draw_text(cr, f1.x + f1.w / 2, f1.y + f1.h / 2, "no sweep points", 0.5,
			  0.5);
	}

	char *axis =
		isfinite(sv->total_at_1)
			? xasprintf(
				  "budget scale (\xc3\x97 every yearly budget), and the "
				  "total budget it gives in %s",
				  cur)
			: xstrdup("budget scale (\xc3\x97 every yearly budget)");
	set_font(cr, TEXT_SIZE, false);
	set_color(cr, text_grey);
	char text[512];
	fit_text(cr, axis, f2.w, text, sizeof(text));
	draw_text(cr, f2.x + f2.w / 2, height - MARGIN, text, 0.5, 1);
	free(axis);
}

static bool sensitivity_render(const struct scenario *s, const struct sweep_row *rows,
			       size_t n, FILE *f, bool svg)
{
	struct sensitivity sv;
	sensitivity_init(&sv, s, rows, n);
	double h = sensitivity_height(&sv);
	bool ok = svg ? render_svg(draw_sensitivity, &sv, h, f)
		      : render_png(draw_sensitivity, &sv, h, f);
	sensitivity_finish(&sv);
	return ok;
}

bool chart_sensitivity_svg(const struct scenario *s, const struct sweep_row *rows,
			   size_t n, FILE *f)
{
	return sensitivity_render(s, rows, n, f, true);
}

bool chart_sensitivity_png(const struct scenario *s, const struct sweep_row *rows,
			   size_t n, FILE *f)
{
	return sensitivity_render(s, rows, n, f, false);
}

/* cairo's static data (toy font faces, the FreeType font map) holds
 * fontconfig patterns, so it goes first; then fontconfig's own config. */
void chart_release_fonts(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}
