#include "solver/sweep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static bool keeps_rules(enum plan_status status)
{
	return status == PLAN_OPTIMAL || status == PLAN_FEASIBLE;
}

bool sweep_plan_point(const struct scenario *s, const struct run_options *base,
		      double scale, struct sweep_point *pt)
{
	struct run_options o = *base;
	o.budget_scale = scale;
	o.progress = false;
	struct plan *p = run_plan(s, &o, run_now());
	if (!p)
		return false;
	sweep_row_of(p, scale, &pt->row);
	pt->decisions = NULL;
	pt->n_decisions = 0;
	if (keeps_rules(p->status)) {
		pt->n_decisions = p->n_sites;
		pt->decisions = xmalloc((p->n_sites + 1) * sizeof(*pt->decisions));
		for (size_t k = 0; k < p->n_sites; k++)
			pt->decisions[k] = (struct site_decision){
				p->sites[k].site, p->sites[k].period, p->sites[k].vendor};
	}
	plan_destroy(p);
	return true;
}

/* Whether plan 'p' keeps every rule at its scale, money included. */
bool sweep_plan_keeps_rules(const struct plan *p)
{
	if (!plan_rules_hold(p))
		return false;
	for (size_t y = 0; y < p->n_years; y++) {
		const struct plan_year *py = &p->years[y];
		if (isfinite(py->available) &&
		    py->spend > py->available + 1e-6 + 1e-9 * fabs(py->available))
			return false;
	}
	return true;
}

static bool less(double a, double b)
{
	return a < b - 1e-9 * fmax(1.0, fabs(b));
}

/* Whether row 'a' is a strictly better plan than row 'b' (which keeps
 * every rule or has no plan): first objective, then second. */
bool sweep_row_better(const struct scenario *s, const struct sweep_row *a,
		      const struct sweep_row *b)
{
	if (!keeps_rules(b->status))
		return true;
	double a1 = a->exposure, a2 = a->present_cost;
	double b1 = b->exposure, b2 = b->present_cost;
	if (s->objective == OBJECTIVE_COST) {
		a1 = a->present_cost, a2 = a->exposure;
		b1 = b->present_cost, b2 = b->exposure;
	}
	if (less(a1, b1))
		return true;
	return !less(b1, a1) && less(a2, b2);
}

/*
 * Monotone sweeps: a plan that keeps every rule at a budget scale keeps
 * them at every larger one (budgets only grow, and nothing else depends
 * on the scale), so each point is offered the best plan of the smaller
 * points, in scale order, and takes it when it is strictly better than
 * its own (first objective, then second; its own on ties). The best of
 * the smaller points is carried along, so this is one plan_create per
 * point. It runs in this process on the rows in scale order, so it does
 * not depend on --jobs.
 *
 * A borrowed plan's status is "feasible"; its row keeps what stopped the
 * point's own search, and the bound that search proved while it is still
 * at or below the borrowed plan's value (a bound on the optimum at this
 * scale stays one), with the gap recomputed.
 */
void sweep_row_borrowed(struct sweep_row *row, const struct sweep_row *own, double value)
{
	row->status = PLAN_FEASIBLE;
	row->stopped_by = own->stopped_by;
	row->bound = isfinite(own->bound) && !less(value, own->bound) ? own->bound : NAN;
	row->gap = NAN;
	if (isfinite(row->bound)) {
		row->gap = (value - row->bound) / fmax(fabs(value), 1e-9);
		if (row->gap < 1e-12)
			row->gap = 0;
	}
}

void sweep_offer_plans(const struct scenario *s, const double *scales, size_t n,
		       struct sweep_point *pts)
{
	const struct sweep_point *best = NULL;
	double best_scale = NAN;
	for (size_t i = 0; i < n; i++) {
		struct sweep_point *pt = &pts[i];
		if (best && scales[i] >= best_scale) {
			struct plan *p = plan_create(s, best->decisions,
						     best->n_decisions, scales[i]);
			struct sweep_row row;
			sweep_row_of(p, scales[i], &row);
			if (sweep_plan_keeps_rules(p) &&
			    sweep_row_better(s, &row, &pt->row)) {
				sweep_row_borrowed(&row, &pt->row,
						   plan_first_objective(p));
				row.plan_from_scale = best->row.budget_scale;
				pt->row = row;
				plan_destroy(p);
				continue; /* 'best' stays the better plan */
			}
			plan_destroy(p);
		}
		if (keeps_rules(pt->row.status) && isnan(pt->row.plan_from_scale) &&
		    pt->decisions) {
			best = pt;
			best_scale = scales[i];
		}
	}
}

bool sweep_run(const struct scenario *s, const struct run_options *base,
	       const double *scales, size_t n, struct sweep_row *rows)
{
	struct sweep_point *pts = xcalloc(n + 1, sizeof(*pts));
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++)
		ok = sweep_plan_point(s, base, scales[i], &pts[i]);
	return sweep_points_finish(s, scales, n, pts, ok, rows);
}

bool sweep_points_finish(const struct scenario *s, const double *scales, size_t n,
			 struct sweep_point *pts, bool ok, struct sweep_row *rows)
{
	if (ok)
		sweep_offer_plans(s, scales, n, pts);
	for (size_t i = 0; i < n; i++) {
		if (ok)
			rows[i] = pts[i].row;
		free(pts[i].decisions);
	}
	free(pts);
	return ok;
}

/* What a probe found at a scale. */
enum probe {
	PROBE_ERROR = -2,   /* an internal failure (message to base->log) */
	PROBE_UNKNOWN = -1, /* no plan within the time limit */
	PROBE_NO = 0,       /* the rules cannot all hold */
	PROBE_YES = 1,      /* a plan keeps every rule */
};

/* Whether every deadline and cap holds at 'scale': any plan will do, so
 * the probe stops at the first one (gap 1) and skips the diagnosis. */
static enum probe holds_at(const struct scenario *s, const struct run_options *base,
			   double scale)
{
	struct run_options o = *base;
	o.budget_scale = scale;
	o.gap = 1.0;
	o.progress = false;
	o.no_diagnosis = true;
	struct plan *p = run_plan(s, &o, run_now());
	if (!p)
		return PROBE_ERROR;
	enum probe r = keeps_rules(p->status)         ? PROBE_YES
		       : p->status == PLAN_INFEASIBLE ? PROBE_NO
						      : PROBE_UNKNOWN;
	plan_destroy(p);
	return r;
}

/* The completion year of the plan at 'scale' (0 = not complete), planned
 * as the user asked, and its completion period in '*period' (-1 = not
 * complete); PROBE_UNKNOWN without a plan, PROBE_ERROR on failure. */
static int completion_at(const struct scenario *s, const struct run_options *base,
			 double scale, int *period)
{
	*period = -1;
	struct run_options o = *base;
	o.budget_scale = scale;
	o.progress = false;
	o.no_diagnosis = true;
	struct plan *p = run_plan(s, &o, run_now());
	if (!p)
		return PROBE_ERROR;
	int c = keeps_rules(p->status) ? p->completion_year : PROBE_UNKNOWN;
	if (c != PROBE_UNKNOWN)
		*period = p->completion_period;
	plan_destroy(p);
	return c;
}

/* Later completion counts as a larger year; "not complete" as never. */
static int completion_rank(int year)
{
	return year ? year : 1 << 30;
}

/* Whether completion (year, period) is earlier than (year0, period0): by
 * year with yearly periods (version 1's search), by period when they are
 * finer, so that "earlier" is the plan's own unit of time. */
static bool completes_earlier(const struct scenario *s, int year, int period, int year0,
			      int period0)
{
	if (s->periods_per_year <= 1)
		return completion_rank(year) < completion_rank(year0);
	return period >= 0 && (period0 < 0 || period < period0);
}

/* The search stopped at 'step' ('scale') with no plan: note what is known. */
static bool stop_search(struct break_even *out, int step, double scale, bool completion,
			double known_lo, double known_hi)
{
	out->stopped_step = step;
	out->stopped_scale = scale;
	out->stopped_in_completion = completion;
	out->known_lo = known_lo;
	out->known_hi = known_hi;
	return true;
}

/* The most probes a bisection of [lo, hi] to 'precision' makes: the two
 * ends, then one per halving. */
static int most_probes(double lo, double hi, double precision)
{
	double w = hi - lo;
	return 2 + (w > precision ? (int)ceil(log2(w / precision)) : 0);
}

static void watch_step(const struct sweep_search_watch *w, int step, int at_most,
		       bool completion, double lo, double hi)
{
	if (w && w->step)
		w->step(w->ctx, step, at_most, completion, lo, hi);
}

bool sweep_find_min_budget(const struct scenario *s, const struct run_options *base,
			   double lo, double hi, double precision,
			   const struct sweep_search_watch *watch, struct break_even *out)
{
	/* Both searches at most: the break-even's, then the completion's
	 * (its range is the break-even's to hi, no wider). */
	int at_most = 2 * most_probes(lo, hi, precision);
	*out = (struct break_even){NAN, 0,  NAN, 0,   -1,    -1,  precision,
				   lo,  hi, 0,   NAN, false, NAN, NAN};
	int step = 1;
	watch_step(watch, step, at_most, false, NAN, NAN);
	enum probe at_hi = holds_at(s, base, hi);
	if (at_hi == PROBE_ERROR)
		return false;
	if (at_hi == PROBE_UNKNOWN)
		return stop_search(out, step, hi, false, NAN, NAN);
	if (at_hi == PROBE_NO)
		return true; /* no scale in the range makes every rule hold */
	step++;
	watch_step(watch, step, at_most, false, NAN, hi);
	enum probe at_lo = holds_at(s, base, lo);
	if (at_lo == PROBE_ERROR)
		return false;
	if (at_lo == PROBE_UNKNOWN)
		return stop_search(out, step, lo, false, NAN, hi);
	if (at_lo == PROBE_YES) {
		hi = lo;
	} else {
		while (hi - lo > precision) {
			double mid = (lo + hi) / 2;
			step++;
			watch_step(watch, step, at_most, false, lo, hi);
			enum probe h = holds_at(s, base, mid);
			if (h == PROBE_ERROR)
				return false;
			if (h == PROBE_UNKNOWN)
				return stop_search(out, step, mid, false, lo, hi);
			if (h == PROBE_YES)
				hi = mid;
			else
				lo = mid;
		}
	}
	out->min_scale = hi;
	step++;
	watch_step(watch, step, at_most, true, hi, out->hi);
	int p0;
	int c0 = completion_at(s, base, hi, &p0);
	if (c0 == PROBE_ERROR)
		return false;
	if (c0 == PROBE_UNKNOWN)
		return stop_search(out, step, hi, true, hi, out->hi);
	out->min_completion = c0;
	out->min_completion_period = p0;

	/* Now the smallest scale that completes at least a year (a period)
	 * earlier. */
	double top = out->hi;
	step++;
	watch_step(watch, step, at_most, true, hi, top);
	int p_top;
	int c_top = completion_at(s, base, top, &p_top);
	if (c_top == PROBE_ERROR)
		return false;
	if (c_top == PROBE_UNKNOWN)
		return stop_search(out, step, top, true, hi, NAN);
	if (!completes_earlier(s, c_top, p_top, c0, p0) || c_top == 0)
		return true;
	double a = hi, b = top;
	int cb = c_top, pb = p_top;
	while (b - a > precision) {
		double mid = (a + b) / 2;
		step++;
		watch_step(watch, step, at_most, true, a, b);
		int pc;
		int c = completion_at(s, base, mid, &pc);
		if (c == PROBE_ERROR)
			return false;
		if (c == PROBE_UNKNOWN)
			return stop_search(out, step, mid, true, a, b);
		if (c && completes_earlier(s, c, pc, c0, p0)) {
			b = mid;
			cb = c;
			pb = pc;
		} else {
			a = mid;
		}
	}
	out->earlier_scale = b;
	out->earlier_completion = cb;
	out->earlier_completion_period = pb;
	return true;
}
