#include "cli/sweep_vary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/signals.h"
#include "cli/sweep_workers.h"
#include "input/load.h"
#include "input/override.h"
#include "output/outdir.h"
#include "output/report_vary.h"
#include "solver/sweep.h"
#include "solver/sweep_vary.h"
#include "util/diag.h"
#include "util/num.h"
#include "util/xalloc.h"

bool sweep_vary_parse(const char *arg, struct sweep_vary_axis *axis, const char **why)
{
	*why = "--vary takes PATH=FROM:TO:STEP with FROM <= TO, STEP > 0 and at "
	       "most 1000 points";
	const char *eq = strrchr(arg, '=');
	if (!eq || eq == arg)
		return false;
	char *copy = xstrdup(eq + 1);
	char *a = copy, *b = strchr(a, ':'), *c = b ? strchr(b + 1, ':') : NULL;
	bool ok = b && c;
	if (ok) {
		*b++ = '\0';
		*c++ = '\0';
		ok = num_parse_double(a, &axis->from) && num_parse_double(b, &axis->to) &&
		     num_parse_double(c, &axis->step) && axis->to >= axis->from &&
		     axis->step > 0 && (axis->to - axis->from) / axis->step <= 999;
	}
	free(copy);
	if (!ok)
		return false;
	axis->path = xstrdup(arg);
	axis->path[eq - arg] = '\0';
	return true;
}

static size_t axis_points(const struct sweep_vary_axis *a)
{
	return (size_t)lround((a->to - a->from) / a->step) + 1;
}

static double axis_value(const struct sweep_vary_axis *a, size_t i)
{
	return a->from + (double)i * a->step;
}

/* The scenario with the user's overrides and then PATH=VALUE for each
 * of the (up to two) axes given; NULL after printing its problems. */
static struct scenario *load_point(const struct sweep_vary_request *req,
				   const struct sweep_vary_axis *const *axes,
				   const double *values, size_t n_axes)
{
	struct override_list l;
	override_list_init(&l);
	cli_override_list(req->cli, &l);
	for (size_t k = 0; k < n_axes; k++) {
		char *arg = xasprintf("%s=%.15g", axes[k]->path, values[k]);
		const char *why;
		override_list_add(&l, OVERRIDE_SET, arg, &why);
		/* Messages name the --vary, not a --set nobody wrote. */
		free(l.items[l.n - 1].text);
		l.items[l.n - 1].text = xasprintf("--vary %s", arg);
		free(arg);
	}
	struct diag d;
	diag_init(&d);
	struct scenario *s = load_scenario_to_plan_with(req->cli->scenario, &l, &d);
	if (!s)
		diag_print(&d, stderr);
	diag_finish(&d);
	override_list_finish(&l);
	return s;
}

/* Whether a path's values count whole things (a year; a capacity in
 * units or crews in sites, which plans use only in whole numbers):
 * --find-min then searches whole numbers only. */
static bool whole_path(const char *path)
{
	size_t n = strlen(path);
	bool year = n >= 5 && strcmp(path + n - 5, ".year") == 0;
	return year || strstr(path, ".capacity") || strncmp(path, "crews", 5) == 0;
}

/* One probe of --find-min: whether every rule holds at 'v' (1), not (0),
 * no plan in the time limit (-1), an error (-2). */
static int holds_at(const struct sweep_vary_request *req, const struct sweep_vary_axis *a,
		    double v)
{
	const struct sweep_vary_axis *axes[1] = {a};
	struct scenario *s = load_point(req, axes, &v, 1);
	if (!s)
		return -3;
	struct run_options o = req->run;
	o.gap = 1.0;
	o.progress = false;
	o.no_diagnosis = true;
	struct plan *p = run_plan(s, &o, run_now());
	int r = -2;
	if (p) {
		r = p->status == PLAN_OPTIMAL || p->status == PLAN_FEASIBLE ? 1
		    : p->status == PLAN_INFEASIBLE                          ? 0
									    : -1;
		plan_destroy(p);
	}
	scenario_destroy(s);
	return r;
}

/*
 * --find-min PATH: bisection over [from, to] for the smallest value at
 * which every deadline and cap holds; exact for a loosening parameter
 * (feasible at v means feasible above v). Whole-number paths are searched
 * over whole numbers; others to 'precision' times the range.
 */
static int find_min(const struct sweep_vary_request *req, const struct sweep_vary_axis *a,
		    struct vary_break_even *be)
{
	*be = (struct vary_break_even){.path = a->path,
				       .min_value = NAN,
				       .below = NAN,
				       .lo = a->from,
				       .hi = a->to,
				       .searched = true};
	bool whole = whole_path(a->path);
	double lo = a->from, hi = a->to;
	double eps = whole ? 1 : req->precision * (a->to - a->from);
	int h = holds_at(req, a, hi);
	if (h < 0)
		return h == -3 ? EXIT_INVALID : h == -1 ? EXIT_NO_PLAN : EXIT_ERROR;
	if (!h)
		return EXIT_OK; /* nothing in the range */
	int l = holds_at(req, a, lo);
	if (l < 0)
		return l == -3 ? EXIT_INVALID : l == -1 ? EXIT_NO_PLAN : EXIT_ERROR;
	if (l) {
		be->min_value = lo;
		return EXIT_OK;
	}
	while (hi - lo > eps) {
		double mid = whole ? floor((lo + hi) / 2) : (lo + hi) / 2;
		if (mid <= lo || mid >= hi)
			break;
		int m = holds_at(req, a, mid);
		if (m < 0)
			return m == -3   ? EXIT_INVALID
			       : m == -1 ? EXIT_NO_PLAN
					 : EXIT_ERROR;
		if (m)
			hi = mid;
		else
			lo = mid;
	}
	be->min_value = hi;
	be->below = lo;
	be->precision = eps;
	return EXIT_OK;
}

int sweep_vary_main(const struct sweep_vary_request *req)
{
	/* The axes: x inside (columns), y outside (rows of the grid). */
	struct sweep_vary_axis scale_axis = {NULL, req->scale_from, req->scale_to,
					     req->scale_step};
	const struct sweep_vary_axis *x, *y = NULL;
	if (req->have_scale) {
		x = &scale_axis;
		y = &req->vary[0];
	} else if (req->n_vary == 2) {
		y = &req->vary[0];
		x = &req->vary[1];
	} else {
		x = &req->vary[0];
	}
	size_t nx = axis_points(x), ny = y ? axis_points(y) : 1;
	size_t n = nx * ny;

	/* Every point's scenario is loaded (and checked) before any solve. */
	struct scenario *base = load_point(req, NULL, NULL, 0);
	if (!base)
		return EXIT_INVALID;
	size_t n_scen = x->path ? n : ny;
	struct scenario **ss = xcalloc(n_scen, sizeof(*ss));
	/* The first point the loader refuses is reported, not every one
	 * after it (a bad path is bad at every value). */
	bool loaded = true;
	for (size_t j = 0; j < ny && loaded; j++) {
		for (size_t i = 0; i < (x->path ? nx : 1) && loaded; i++) {
			const struct sweep_vary_axis *axes[2];
			double values[2];
			size_t k = 0;
			if (y) {
				axes[k] = y;
				values[k++] = axis_value(y, j);
			}
			if (x->path) {
				axes[k] = x;
				values[k++] = axis_value(x, i);
			}
			size_t at = x->path ? j * nx + i : j;
			if (!(ss[at] = load_point(req, axes, values, k)))
				loaded = false;
		}
	}
	int status = loaded ? EXIT_OK : EXIT_INVALID;

	struct outdir *od = NULL;
	if (status == EXIT_OK && req->out_dir) {
		od = outdir_create(req->out_dir, "sweep");
		if (!outdir_prepare(od, req->force)) {
			cli_error("%s", outdir_error(od));
			status = EXIT_ERROR;
		}
	}

	struct sweep_row *rows = xcalloc(n, sizeof(*rows));
	double *xs = xmalloc(nx * sizeof(*xs));
	for (size_t i = 0; i < nx; i++)
		xs[i] = axis_value(x, i);
	signals_catch();
	struct sweep_progress *pg = sweep_progress_wanted(req->quiet)
					    ? sweep_progress_create(base, n, stderr)
					    : NULL;
	for (size_t j = 0; j < ny && status == EXIT_OK; j++) {
		if (!x->path) {
			if (!sweep_workers_run(ss[j], &req->run, xs, nx, req->jobs, pg,
					       rows + j * nx))
				status = EXIT_ERROR;
			continue;
		}
		struct sweep_point *pts = xcalloc(nx + 1, sizeof(*pts));
		double *scales = xmalloc(nx * sizeof(*scales));
		for (size_t i = 0; i < nx; i++)
			scales[i] = req->run.budget_scale;
		/* Each point from scratch (in workers with --jobs), so a row
		 * does not depend on --jobs; plans are lent afterwards. */
		bool ok = sweep_workers_plan_each(ss + j * nx, &req->run, scales, nx,
						  req->jobs, pg, pts);
		free(scales);
		if (ok && override_path_loosens(x->path))
			sweep_vary_offer(ss + j * nx, xs, req->run.budget_scale, nx, pts);
		for (size_t i = 0; i < nx; i++) {
			if (ok)
				rows[j * nx + i] = pts[i].row;
			free(pts[i].decisions);
		}
		free(pts);
		if (!ok)
			status = EXIT_ERROR;
	}

	struct vary_break_even be = {0};
	if (status == EXIT_OK && req->find_min) {
		sweep_progress_phase(pg, "finding the break-even value");
		status = find_min(req, x, &be);
	}
	sweep_progress_destroy(pg);

	struct vary_grid g = {
		.s = base,
		.rows = rows,
		.nx = nx,
		.ny = ny,
		.x_path = x->path,
		.y_path = y ? y->path : NULL,
		.x_from = x->from,
		.x_step = x->step,
		.y_from = y ? y->from : 0,
		.y_step = y ? y->step : 0,
		.x_loosens = !x->path || override_path_loosens(x->path),
		.be = req->find_min ? &be : NULL,
	};
	if (status == EXIT_OK || (status == EXIT_NO_PLAN && req->find_min)) {
		if (!req->quiet)
			report_vary_text(&g, stdout);
		if (od && !report_vary_write(&g, od)) {
			cli_error("%s", outdir_error(od));
			status = EXIT_ERROR;
		}
	}
	outdir_destroy(od);
	free(xs);
	free(rows);
	for (size_t i = 0; i < n_scen; i++)
		scenario_destroy(ss[i]);
	free(ss);
	scenario_destroy(base);
	return status;
}
