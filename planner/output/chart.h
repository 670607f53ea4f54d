/*
 * chart: pictures of a plan and of a sweep, drawn with cairo, as SVG or
 * PNG (docs/charts.md says how to read them).
 *
 *	f = outdir_open(od, "timeline.svg");    chart_timeline_svg(p, f);
 *	f = outdir_open(od, "timeline.png");    chart_timeline_png(p, f);
 *	f = outdir_open(od, "sensitivity.svg"); chart_sensitivity_svg(s, rows, n, f);
 *
 * Every picture is CHART_WIDTH pixels wide (SVG: user units, which viewers
 * take as pixels); its height grows with the legend (many domains, caps or
 * deadlines). Text uses cairo's toy API with the "sans-serif" family, as
 * fontconfig resolves it (DejaVu Sans on Debian); SVG output holds the
 * glyphs as paths, so it shows the same without the font. The same input
 * gives the same bytes on the same machine (no clock, no locale; cairo's
 * ids in the SVG count from 1 in each document). Like the report writers,
 * each returns false when cairo or a write to 'f' failed; 'f' is flushed,
 * never closed.
 *
 * Ownership: the writers only read the plan, the scenario and the rows.
 */
#ifndef PHASEOUT_CHART_H
#define PHASEOUT_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "input/scenario.h"
#include "plan/plan.h"
#include "plan/sweep_row.h"

#define CHART_WIDTH 1000

/* The timeline of a plan: high-risk share by domain per period (one line
 * per domain, plus overall), with each share cap's limit and each deadline
 * marked (a dated rule at its date and at its binding end); and spend per
 * period against the budget (yearly) or the money available (finer
 * periods), unlimited periods shaded. Two panels in one picture. */
bool chart_timeline_svg(const struct plan *p, FILE *f);
bool chart_timeline_png(const struct plan *p, FILE *f);
/*
 * chart_timeline_layout: where the timeline of 'p' puts its share panel
 * and its dated rules' marks (version 2), in the picture's pixels, as
 * the writers above draw them; for tests and for a caller that places
 * its own notes. The panel shows x data x_min .. x_max (chart_kit.h's
 * chart_period_x: year Y is the band Y - 0.5 .. Y + 0.5). A mark is a
 * line at the rule's date (date_x; date_inside false when the date is
 * before the horizon, then only the binding end shows) and a marker at
 * its binding end (bind_x), with its short label in a box above the
 * panel. Rules binding after the horizon have no mark. Returns false
 * when cairo failed; free with chart_timeline_layout_finish().
 */
struct chart_rule_mark {
	bool cap;    /* a share cap, else a deadline */
	size_t rule; /* into scenario.caps or scenario.deadlines */
	bool date_inside;
	double date_x, bind_x;
	double label_x, label_y, label_w, label_h;
};
struct chart_timeline_layout {
	double plot_x, plot_y, plot_w, plot_h;
	double x_min, x_max;
	struct chart_rule_mark *marks;
	size_t n_marks;
	double height; /* the picture's */
};
bool chart_timeline_layout(const struct plan *p, struct chart_timeline_layout *out);
void chart_timeline_layout_finish(struct chart_timeline_layout *l);

/* The sensitivity curve of a sweep: exposure E, present cost and
 * completion year against the budget scale (or total budget), infeasible
 * points and points cut short by a limit marked distinctly. */
bool chart_sensitivity_svg(const struct scenario *s, const struct sweep_row *rows,
			   size_t n, FILE *f);
bool chart_sensitivity_png(const struct scenario *s, const struct sweep_row *rows,
			   size_t n, FILE *f);
/* The same with the break-even scales of --find-min-budget ('be', NULL
 * for none) drawn as marked lines with their money in the legend. */
bool chart_sensitivity_be_svg(const struct scenario *s, const struct sweep_row *rows,
			      size_t n, const struct break_even *be, FILE *f);
bool chart_sensitivity_be_png(const struct scenario *s, const struct sweep_row *rows,
			      size_t n, const struct break_even *be, FILE *f);

/*
 * chart_release_fonts: free the font caches that cairo and fontconfig keep
 * for the whole process once a chart has drawn text (about 1 KB that
 * LeakSanitizer would report at exit). Call it once before exiting, after
 * the last chart; a chart drawn later loads the fonts again. Harmless
 * when no chart was drawn.
 */
void chart_release_fonts(void);

#endif
