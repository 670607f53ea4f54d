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
#include "output/run_files.h"
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

/* One probe of --find-min: whether every rule holds with the axes at
 * 'values' (1), not (0), no plan in the time limit (-1), an internal
 * error (-2), the scenario refused (-3). */
static int holds_at(const struct sweep_vary_request *req,
		    const struct sweep_vary_axis *const *axes, const double *values,
		    size_t n_axes)
{
	struct scenario *s = load_point(req, axes, values, n_axes);
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

/* The most probes find_min() makes over a range of 'width' to 'eps':
 * the two ends, then one per halving. */
static int most_steps(double width, double eps)
{
	return 2 + (width > eps ? (int)ceil(log2(width / eps)) : 0);
}

/* One search of find_min(): the axis searched is axes[n_axes - 1]; the
 * others stay at values[] (a grid's other axis). */
struct search {
	const struct sweep_vary_request *req;
	const struct sweep_vary_axis *axes[2];
	double values[2];
	size_t n_axes;
	struct sweep_progress *pg;
	int step, at_most;
};

static int probe(struct search *se, double v, double ok, double bad)
{
	char a[32], b[32], bracket[120];
	se->step++;
	if (isnan(ok) && isnan(bad)) {
		snprintf(bracket, sizeof(bracket), "trying the range's loose end");
	} else if (isnan(bad)) {
		num_format_plain(a, sizeof(a), ok);
		snprintf(bracket, sizeof(bracket), "holds at %s", a);
	} else {
		num_format_plain(a, sizeof(a), fmin(ok, bad));
		num_format_plain(b, sizeof(b), fmax(ok, bad));
		snprintf(bracket, sizeof(bracket), "between %s and %s", a, b);
	}
	sweep_progress_step(se->pg, se->step, se->at_most, bracket);
	se->values[se->n_axes - 1] = v;
	return holds_at(se->req, se->axes, se->values, se->n_axes);
}

static int probe_status(int h)
{
	return h == -3 ? EXIT_INVALID : h == -1 ? EXIT_NO_PLAN : EXIT_ERROR;
}

/*
 * --find-min PATH: bisection over [from, to] for the break-even value,
 * the first at which every deadline and cap holds coming from the tight
 * end: the smallest for a value that loosens as it grows, the largest for
 * one that loosens as it falls (exact either way: holding at v means
 * holding at every looser value). Whole-number paths are searched over
 * whole numbers; others to 'precision' times the range. A probe with no
 * plan in the time limit ends the search (be->stopped_at; exit 4).
 */
static int find_min(struct search *se, const struct sweep_vary_axis *a, int direction,
		    struct vary_break_even *be)
{
	bool whole = override_path_whole(a->path);
	double eps = whole ? 1 : se->req->precision * (a->to - a->from);
	*be = (struct vary_break_even){.searched = true,
				       .direction = direction,
				       .value = NAN,
				       .beyond = NAN,
				       .lo = a->from,
				       .hi = a->to,
				       .precision = eps,
				       .stopped_at = NAN};
	se->step = 0;
	se->at_most = most_steps(a->to - a->from, eps);
	double ok = direction > 0 ? a->to : a->from;
	double bad = direction > 0 ? a->from : a->to;
	int h = probe(se, ok, NAN, NAN);
	if (h < 0) {
		be->stopped_at = ok;
		return probe_status(h);
	}
	if (!h)
		return EXIT_OK; /* nothing in the range */
	h = probe(se, bad, ok, NAN);
	if (h < 0) {
		be->stopped_at = bad;
		return probe_status(h);
	}
	if (h) {
		be->value = bad;
		return EXIT_OK;
	}
	while (fabs(ok - bad) > eps) {
		double mid = whole ? floor((ok + bad) / 2) : (ok + bad) / 2;
		if (mid <= fmin(ok, bad) || mid >= fmax(ok, bad))
			break;
		int m = probe(se, mid, ok, bad);
		if (m < 0) {
			be->stopped_at = mid;
			return probe_status(m);
		}
		if (m)
			ok = mid;
		else
			bad = mid;
	}
	be->value = ok;
	be->beyond = bad;
	return EXIT_OK;
}

/* --find-min on each line of the sweep along its PATH: once on one axis,
 * on a grid once per value of the other axis. Stops at the first search
 * that cannot finish. */
static int find_min_all(const struct sweep_vary_request *req,
			const struct sweep_vary_axis *x, const struct sweep_vary_axis *y,
			struct sweep_progress *pg, struct vary_find_min *fm)
{
	const struct sweep_vary_axis *a = x, *by = y;
	if (y && strcmp(y->path, req->find_min) == 0) {
		a = y;
		by = x;
	}
	int direction = override_path_loosening(a->path);
	*fm = (struct vary_find_min){.path = a->path, .n = 1};
	if (by) {
		fm->by_path = by->path;
		fm->by_from = by->from;
		fm->by_step = by->step;
		fm->n = axis_points(by);
	}
	fm->at = xcalloc(fm->n, sizeof(*fm->at));
	for (size_t k = 0; k < fm->n; k++)
		fm->at[k].value = fm->at[k].beyond = fm->at[k].stopped_at = NAN;
	int status = EXIT_OK;
	for (size_t k = 0; k < fm->n && status == EXIT_OK; k++) {
		struct search se = {.req = req, .pg = pg};
		char *what;
		if (by) {
			se.axes[0] = by;
			se.values[0] = axis_value(by, k);
			se.n_axes = 1;
			char v[32];
			num_format_plain(v, sizeof(v), se.values[0]);
			what = xasprintf("break-even of %s at %s = %s (%zu of %zu)",
					 a->path, by->path, v, k + 1, fm->n);
		} else {
			what = xasprintf("break-even of %s", a->path);
		}
		se.axes[se.n_axes++] = a;
		sweep_progress_phase(pg, what);
		free(what);
		status = find_min(&se, a, direction, &fm->at[k]);
	}
	return status;
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
		outdir_set_csv_bom(od, req->csv_bom);
		if (!outdir_prepare(od, req->force)) {
			cli_error("%s", outdir_error(od));
			status = EXIT_ERROR;
		}
	}

	/* Every point's scenario, budget scale and x value, y-major. */
	struct scenario **each = xcalloc(n + 1, sizeof(*each));
	double *scales = xcalloc(n + 1, sizeof(*scales));
	double *xs = xcalloc(n + 1, sizeof(*xs));
	for (size_t k = 0; k < n; k++) {
		size_t i = k % nx, j = k / nx;
		each[k] = x->path ? ss[k] : ss[j];
		xs[k] = axis_value(x, i);
		scales[k] = x->path ? req->run.budget_scale : xs[k];
	}
	struct sweep_row *rows = xcalloc(n + 1, sizeof(*rows));
	size_t *origin = xcalloc(n + 1, sizeof(*origin));
	signals_catch();
	struct sweep_progress *pg = sweep_progress_wanted(req->quiet)
					    ? sweep_progress_create(base, n, stderr)
					    : NULL;
	sweep_progress_vary(pg, x, nx, y);
	if (status == EXIT_OK) {
		/* Each point from scratch (in workers with --jobs), so a row
		 * does not depend on --jobs; plans are lent afterwards. */
		struct sweep_point *pts = xcalloc(n + 1, sizeof(*pts));
		if (sweep_workers_plan_each(each, &req->run, scales, n, req->jobs, pg,
					    pts)) {
			struct sweep_vary_grid sg = {
				.ss = each,
				.scales = scales,
				.xs = xs,
				.nx = nx,
				.ny = ny,
				.dx = x->path ? override_path_loosening(x->path) : 1,
				.dy = y ? override_path_loosening(y->path) : 0,
			};
			sweep_vary_offer(&sg, pts, origin);
			for (size_t k = 0; k < n; k++)
				rows[k] = pts[k].row;
		} else {
			status = EXIT_ERROR;
		}
		for (size_t k = 0; k < n; k++)
			free(pts[k].decisions);
		free(pts);
	}

	struct vary_find_min fm = {0};
	if (status == EXIT_OK && req->find_min)
		status = find_min_all(req, x, y, pg, &fm);
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
		.x_loosening = x->path ? override_path_loosening(x->path) : 1,
		.y_loosening = y ? override_path_loosening(y->path) : 0,
		.origin = origin,
		.fm = req->find_min ? &fm : NULL,
	};
	if (status == EXIT_OK || (status == EXIT_NO_PLAN && req->find_min)) {
		if (!req->quiet)
			report_vary_text(&g, stdout);
		if (od && !run_files_write_vary(&g, od)) {
			cli_error("%s", outdir_error(od));
			status = EXIT_ERROR;
		}
	}
	outdir_destroy(od);
	free(fm.at);
	free(origin);
	free(rows);
	free(xs);
	free(scales);
	free(each);
	for (size_t i = 0; i < n_scen; i++)
		scenario_destroy(ss[i]);
	free(ss);
	scenario_destroy(base);
	return status;
}
