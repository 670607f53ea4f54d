/*
 * report_vary: what `sweep --vary` writes (issue 16 item 2): the table
 * on stdout, sensitivity.csv with the parameter columns appended,
 * summary.json with the axes and each point's values; one axis has the
 * sensitivity chart (chart_sensitivity.c), a grid the heat maps
 * (chart_heatmap.c); sensitivity.xlsx is report_xlsx_vary() and the
 * folder run_files_write_vary().
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

/* What --find-min PATH found along one line of the sweep. */
struct vary_break_even {
	bool searched;
	/* +1: the smallest value at which every rule holds (PATH loosens as
	 * it grows); -1: the largest (PATH loosens as it falls). */
	int direction;
	double value;     /* the break-even value; NAN when none in the range */
	double beyond;    /* the nearest value tried where they do not (NAN) */
	double lo, hi;    /* the range searched */
	double precision; /* |value - beyond| at the end (1 for whole numbers) */
	/* A probe found no plan within its time limit: the search stopped
	 * there (its value), the break-even unknown. NAN: it did not. */
	double stopped_at;
};

/* --find-min PATH: one break-even on a one-axis sweep, or on a grid one
 * for each value of the other axis ('by_path', values by_from + k *
 * by_step, k < n). */
struct vary_find_min {
	const char *path;
	const char *by_path; /* NULL: one axis */
	double by_from, by_step;
	size_t n;
	struct vary_break_even *at; /* n of them */
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
	/* Which way each axis loosens the rules (override_path_loosening();
	 * the budget scale +1): where it is not 0 the monotone guarantee
	 * holds along it. */
	int x_loosening, y_loosening;
	/* origin[k]: the point whose own plan point k's row is (k itself
	 * when its own); NULL: every row its own. */
	const size_t *origin;
	const struct vary_find_min *fm; /* NULL: no --find-min */
};

double vary_x(const struct vary_grid *g, size_t i);
double vary_y(const struct vary_grid *g, size_t j);
/* vary_plan_from_y: the y value of the point that lent row k its plan;
 * NAN for one axis or a row's own plan. */
double vary_plan_from_y(const struct vary_grid *g, size_t k);
/* vary_break_even_of: the break-even of row k's line (g->fm not NULL). */
const struct vary_break_even *vary_break_even_of(const struct vary_grid *g, size_t k);

/* The columns a --vary sweep appends to a sweep's (report_sweep.h): x's
 * path (unless it is the budget scale), y's path, plan_from_y (a grid:
 * the y of the point that lent the plan), break_even (with --find-min:
 * the break-even value of the row's line); values with NAN empty. */
size_t vary_n_columns(const struct vary_grid *g);
const char *vary_column_name(const struct vary_grid *g, size_t c);
double vary_column_value(const struct vary_grid *g, size_t k, size_t c);

bool report_vary_text(const struct vary_grid *g, FILE *f);
bool report_vary_csv(const struct vary_grid *g, FILE *f);

/* report_vary_json: summary.json, the sweep's (report_sweep_json()) with
 * "vary" (the axes), each point's "parameters" (and "plan_from" when it
 * took a no-looser point's plan), and "find_min" with --find-min; the
 * checksums of the 'n_files' other files. */
bool report_vary_json(const struct vary_grid *g, const struct outdir_file *files,
		      size_t n_files, FILE *f);

/* chart_heatmap_svg, chart_heatmap_png: exposure and completion over the
 * two axes of a grid (ny > 1), one panel each. */
bool chart_heatmap_svg(const struct vary_grid *g, FILE *f);
bool chart_heatmap_png(const struct vary_grid *g, FILE *f);

/* chart_sensitivity_vary_svg, _png: the sensitivity chart of a one-axis
 * sweep (ny 1; chart_sensitivity.c): exposure, cost and completion
 * against the axis's value, titled with its path and unit, money as
 * money, the break-even of --find-min drawn. */
bool chart_sensitivity_vary_svg(const struct vary_grid *g, FILE *f);
bool chart_sensitivity_vary_png(const struct vary_grid *g, FILE *f);

#endif
