/*
 * report_vary: what `sweep --vary` writes (issue 16 item 2): the table
 * on stdout, sensitivity.csv with the parameter columns appended,
 * summary.json with the axes and each point's values, and for a grid the
 * heat maps (chart_heatmap.c).
 *
 * Ownership: a grid borrows everything it points to.
 */
#ifndef PHASEOUT_REPORT_VARY_H
#define PHASEOUT_REPORT_VARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "input/scenario.h"
#include "output/outdir.h"
#include "plan/sweep_row.h"

/* What --find-min PATH found. */
struct vary_break_even {
	const char *path;
	bool searched;
	double min_value; /* smallest value at which every rule holds; NAN none */
	double below;     /* the largest value tried where they do not (NAN) */
	double lo, hi;    /* the range searched */
	double precision; /* min_value - below at the end (1 for whole numbers) */
};

/* A sweep over one axis (ny 1, y_path NULL) or a grid: rows[j * nx + i]
 * is the point (x_from + i * x_step, y_from + j * y_step). A NULL x_path
 * is the budget scale. */
struct vary_grid {
	const struct scenario *s; /* with the user's overrides only */
	const struct sweep_row *rows;
	size_t nx, ny;
	const char *x_path, *y_path;
	double x_from, x_step, y_from, y_step;
	bool x_loosens;                   /* the monotone guarantee holds along x */
	const struct vary_break_even *be; /* NULL: no --find-min */
};

double vary_x(const struct vary_grid *g, size_t i);
double vary_y(const struct vary_grid *g, size_t j);

bool report_vary_text(const struct vary_grid *g, FILE *f);
bool report_vary_csv(const struct vary_grid *g, FILE *f);

/* report_vary_write: every file of the -o folder, then the commit. */
bool report_vary_write(const struct vary_grid *g, struct outdir *od);

/* chart_heatmap_svg, chart_heatmap_png: exposure and completion over the
 * two axes of a grid (ny > 1), one panel each. */
bool chart_heatmap_svg(const struct vary_grid *g, FILE *f);
bool chart_heatmap_png(const struct vary_grid *g, FILE *f);

#endif
