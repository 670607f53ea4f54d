#include "solver/run.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plan/instance.h"
#include "plan/precheck.h"
#include "solver/diagnose.h"
#include "solver/heuristic.h"
#include "solver/model_funds.h"
#include "solver/model.h"
#include "solver/solve.h"
#include "util/money.h"
#include "util/xalloc.h"

double run_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Whether the caller asked the run to stop. */
static bool stopped(const struct run_options *o)
{
	return o->stop && o->stop(o->stop_ctx);
}

/* The solve asks through its own callback type. */
static bool solve_should_stop(const void *ctx)
{
	return stopped(ctx);
}

/* The heuristic stops at the run's end or when the caller asks. */
struct heuristic_clock {
	const struct run_options *o;
	double end;
};

static bool heuristic_should_stop(void *ctx)
{
	const struct heuristic_clock *c = ctx;
	return stopped(c->o) || run_now() > c->end;
}

/* heuristic_plan() under the run's clock: false when it found no plan
 * or ran out of time. */
static bool heuristic_within(const struct instance *in, const struct run_options *o,
			     bool hard, double end, struct site_decision **out,
			     size_t *n_out)
{
	struct heuristic_clock clock = {o, end};
	struct heuristic_options ho = {
		.hard = hard,
		.stop = heuristic_should_stop,
		.stop_ctx = &clock,
	};
	if (!in->scenario->n_funds)
		return heuristic_plan_opts(in, &ho, out, n_out);
	/* The heuristic knows no funds: it plans with their money added to
	 * the years' budgets, and the solver gives its plan the payments
	 * (model_funds.h), keeping it only if every row then holds. */
	struct instance widened = *in;
	widened.budget = model_funds_widened_budget(in);
	bool ok = heuristic_plan_opts(&widened, &ho, out, n_out);
	free(widened.budget);
	return ok;
}

/*
 * For the own_cost objective: the heuristic's plan on the funds' money
 * alone, no own budget at all. Its own cost is 0 when every row of the
 * model then holds (the solver checks); us-rural as it happened had
 * only plans spending the own budget first (own PV USD 5.80m) where
 * such a plan exists.
 */
static bool heuristic_funds_only(const struct instance *in, const struct run_options *o,
				 double end, struct site_decision **out, size_t *n_out)
{
	struct instance zero = *in;
	zero.budget = xcalloc((size_t)in->n_years + 1, sizeof(double));
	bool ok = heuristic_within(&zero, o, true, end, out, n_out);
	free(zero.budget);
	return ok;
}

/*
 * How long the diagnosis of an impossible scenario may take: at least
 * 5 s, or a tenth of the time limit, never more than what is left. The
 * hard model's infeasibility is proven first (the pre-check, or the
 * solver); the least-violation figures that explain it are then the
 * best found in this time, and say so when they are not proven.
 */
static double diagnosis_seconds(const struct run_options *o, double left)
{
	if (o->time_limit <= 0)
		return 0; /* no limit */
	double t = fmax(5.0, 0.1 * o->time_limit);
	return fmax(fmin(t, left), 0.1);
}

/*
 * The elastic model (deadlines and caps soft) solved for 'seconds' (0 =
 * no limit). Any plan keeps its rules: the heuristic's closest plan is
 * the start, so even a short time ends with a real plan. False on an
 * internal failure; 'r' is set either way.
 */
static bool solve_elastic(const struct instance *in, const struct run_options *o,
			  double seconds, bool progress, struct model **m,
			  struct solve_result *r)
{
	*m = model_create(in, MODEL_ELASTIC);
	struct site_decision *first = NULL;
	size_t n_first = 0;
	heuristic_within(in, o, false, seconds > 0 ? run_now() + seconds : INFINITY,
			 &first, &n_first);
	struct solve_options so = {
		.time_limit = seconds,
		.gap = o->gap,
		.progress = progress,
		.interrupted = solve_should_stop,
		.interrupted_ctx = o,
		.log = o->log,
		.start = first,
		.n_start = n_first,
		.slack = o->slack,
	};
	bool ok = solve_model(*m, &so, r);
	free(first);
	return ok;
}

/* The least-violation plan that explains why the hard rules fail. */
static struct plan *diagnose(const struct scenario *s, const struct instance *in,
			     const struct run_options *o, double seconds)
{
	struct model *m;
	struct solve_result r;
	bool ok = solve_elastic(in, o, seconds, false, &m, &r);
	struct plan *p =
		plan_create_funded(s, ok ? r.decisions : NULL, ok ? r.n_decisions : 0,
				   o->budget_scale, ok ? r.fund_pay : NULL);
	p->status = PLAN_INFEASIBLE;
	p->stopped_by = ok ? r.stopped_by : PLAN_STOP_NONE;
	p->solve_seconds = r.seconds;
	diagnose_plan(p, in);
	if (ok && r.stopped_by != PLAN_STOP_NONE) {
		char b[64] = "no bound yet";
		if (isfinite(r.violation_bound))
			snprintf(b, sizeof(b), "proven at least %.6g", r.violation_bound);
		plan_add_diagnosis(
			p,
			"the least violation is not proven: the search stopped "
			"(%s) after %.1f s with V = %.6g (%s); the figures are "
			"those of the closest plan found",
			plan_stop_name(r.stopped_by), r.seconds, p->violation, b);
	}
	solve_result_finish(&r);
	model_destroy(m);
	return p;
}

/*
 * A money objective's bound as the reports print it: rounded down to the
 * cent and never above the printed value (the sum of the plan's rounded
 * rows, which may lie a few cents below the exact value the bound is
 * proven against). A lower bound lowered is still proven, and a printed
 * value is never below its printed bound (docs/decisions.md). The gap is
 * the exact values'.
 */
static void bound_in_cents(struct plan *p)
{
	if (p->objective == OBJECTIVE_EXPOSURE || !isfinite(p->bound) ||
	    fabs(p->bound) > 1e15)
		return;
	int64_t shown = p->objective == OBJECTIVE_OWN_COST ? p->own_present_cents
							   : p->present_cents;
	int64_t floored = (int64_t)floor(p->bound * 100 + 1e-6);
	p->bound = money_value(floored < shown ? floored : shown);
}

/* The bound and gap of a plan found by the solver, from a bound that is
 * NAN when none was proven. With a baseline the plan's first objective
 * may lie up to --slack above the best its stage found ('stage_value'):
 * the bound stays the one proven and the gap is that stage's
 * (model-2.md); without one 'stage_value' is NAN and unused. */
static void set_quality(struct plan *p, double bound, double stage_value)
{
	double value = plan_first_objective(p);
	if (p->baseline_dir && !isnan(stage_value) &&
	    stage_value < value - 1e-9 * fmax(fabs(value), 1))
		value = stage_value;
	if (p->status == PLAN_OPTIMAL) {
		p->bound = value;
		p->gap = 0;
		bound_in_cents(p);
		return;
	}
	if (isnan(bound)) {
		p->bound = NAN;
		p->gap = NAN;
		return;
	}
	p->bound = fmin(bound, value);
	double diff = value - p->bound;
	/* Money is reported in whole cents: an own cost of 1e-8 (payments an
	 * LP tolerance short of the costs) is USD 0.00, and so is its gap to
	 * a bound of 0 (us-rural's as-happened-full said "gap 100.00%"). */
	double tol = 1e-9 * fmax(fabs(value), 1);
	if (p->objective != OBJECTIVE_EXPOSURE)
		tol = fmax(tol, 0.005);
	p->gap = diff <= tol ? 0 : diff / fmax(fabs(value), 1e-9);
	if (p->gap == 0)
		p->bound = value;
	bound_in_cents(p);
}

/*
 * The hard model found no plan in its time: the elastic model searches
 * the same space with the deadlines and caps soft, from the heuristic's
 * closest plan. A plan it finds with no violation keeps every rule; a
 * proven least violation above 0 proves the rules cannot hold.
 */
static struct plan *fallback(const struct scenario *s, const struct instance *in,
			     const struct run_options *o, double seconds,
			     double hard_bound, enum plan_stop hard_stop)
{
	struct model *m = NULL;
	struct solve_result r;
	struct plan *p = NULL;
	bool ok = seconds > 0 && solve_elastic(in, o, seconds, o->progress, &m, &r);
	if (ok && (r.status == PLAN_OPTIMAL || r.status == PLAN_FEASIBLE)) {
		p = plan_create_funded(s, r.decisions, r.n_decisions, o->budget_scale,
				       r.fund_pay);
		if (plan_rules_hold(p)) {
			p->status = PLAN_FEASIBLE;
			p->stopped_by = hard_stop;
			/* Both bounds are proven for plans keeping every rule. */
			double b = hard_bound;
			if (isfinite(r.bound) && r.violation_bound == 0 &&
			    r.violation == 0)
				b = isnan(b) ? r.bound : fmax(b, r.bound);
			set_quality(p, b, NAN);
		} else if (r.violation_bound > 0 && r.stopped_by == PLAN_STOP_NONE) {
			/* Proven: no plan keeps every rule. */
			p->status = PLAN_INFEASIBLE;
			diagnose_plan(p, in);
		} else {
			plan_destroy(p);
			p = NULL;
		}
	}
	if (ok)
		solve_result_finish(&r);
	model_destroy(m);
	return p;
}

struct plan *run_plan(const struct scenario *s, const struct run_options *o, double t0)
{
	double start = run_now();
	double loaded = start - t0;
	/* The time limit counts from here: loading aside, it covers the
	 * heuristic, every stage and the diagnosis. */
	double end = o->time_limit > 0 ? start + o->time_limit : INFINITY;
	struct instance *in =
		instance_create_baseline(s, o->budget_scale, !o->per_site, o->baseline);
	struct model *m = model_create(in, o->allow_late ? MODEL_ELASTIC : MODEL_HARD);

	/* A rule the pre-check proves impossible needs no search. Not with
	 * a history: the pre-check judges every rule as hard, also those
	 * broken before the re-plan (which V_b prices), and knows nothing of
	 * the ledger's money. Not with funds either: it called a cap
	 * impossible that a fund's money lets a plan keep (the brute force's
	 * tiny funds seed 118). The solve proves infeasibility there. */
	bool impossible = false;
	if (!o->allow_late && !in->history && s->n_funds == 0) {
		struct precheck *pc = precheck_run(in);
		for (size_t i = 0; i < pc->count; i++)
			impossible = impossible || pc->findings[i].impossible;
		precheck_destroy(pc);
	}

	struct site_decision *first = NULL;
	size_t n_first = 0;
	double first_exposure = NAN;
	if (!impossible &&
	    heuristic_within(in, o, !o->allow_late, end, &first, &n_first)) {
		struct plan *hp = plan_create(s, first, n_first, o->budget_scale);
		first_exposure = hp->exposure;
		plan_destroy(hp);
	}
	double first_plan = n_first ? run_now() - t0 : NAN;
	struct site_decision *own0 = NULL;
	size_t n_own0 = 0;
	if (!impossible && !o->allow_late && s->n_funds &&
	    s->objective == OBJECTIVE_OWN_COST)
		heuristic_funds_only(in, o, end, &own0, &n_own0);
	double left = isfinite(end) ? end - run_now() : 0;
	struct solve_result r;
	memset(&r, 0, sizeof(r));
	r.bound = NAN;
	bool solved = true;
	if (impossible) {
		r.status = PLAN_INFEASIBLE;
	} else {
		struct solve_options so = {
			.time_limit = isfinite(end) ? fmax(left, 1e-3) : 0,
			.gap = o->gap,
			.progress = o->progress,
			.interrupted = solve_should_stop,
			.interrupted_ctx = o,
			.log = o->log,
			.start = first,
			.n_start = n_first,
			.start_first = n_own0 ? own0 : NULL,
			.n_start_first = n_own0,
			.slack = o->slack,
		};
		/* Without a first plan, the hard model keeps a quarter of
		 * the time for the elastic search below. */
		if (!n_first && !o->allow_late && isfinite(end))
			so.time_limit *= 0.75;
		solved = solve_model(m, &so, &r);
	}
	free(first);
	free(own0);
	left = isfinite(end) ? end - run_now() : 0;

	struct plan *p = NULL;
	if (!solved) {
		/* GLPK failed; the message is out. */
	} else if (r.status == PLAN_INFEASIBLE && !o->no_diagnosis) {
		p = diagnose(s, in, o, diagnosis_seconds(o, left));
	} else if (r.status == PLAN_INFEASIBLE) {
		p = plan_create(s, NULL, 0, o->budget_scale);
		p->status = PLAN_INFEASIBLE;
	} else if (r.status == PLAN_NO_PLAN && !o->allow_late && !stopped(o) &&
		   (!isfinite(end) || left > 0.05)) {
		p = fallback(s, in, o, isfinite(end) ? left : 0, r.bound, r.stopped_by);
		if (p && p->status == PLAN_INFEASIBLE && o->no_diagnosis) {
			plan_destroy(p);
			p = plan_create(s, NULL, 0, o->budget_scale);
			p->status = PLAN_INFEASIBLE;
		}
	}
	if (solved && !p) {
		p = plan_create_funded(s, r.decisions, r.n_decisions, o->budget_scale,
				       r.fund_pay);
		p->status = r.status;
		p->stopped_by = r.stopped_by;
		if (o->baseline)
			plan_count_moves(p, o->baseline, o->slack);
		if (r.status == PLAN_NO_PLAN && p->stopped_by == PLAN_STOP_NONE)
			p->stopped_by =
				stopped(o) ? PLAN_STOP_INTERRUPT : PLAN_STOP_TIME_LIMIT;
		if (r.status == PLAN_OPTIMAL || r.status == PLAN_FEASIBLE)
			set_quality(p, r.bound, r.first_value);
		if (r.money_value) {
			p->money_value = r.money_value;
			r.money_value = NULL;
		}
	}
	if (p && o->baseline)
		plan_count_moves(p, o->baseline, o->slack);
	if (p) {
		p->solve_seconds = run_now() - start;
		p->allow_late = o->allow_late;
		p->heuristic_exposure = first_exposure;
		p->load_seconds = loaded;
		p->first_plan_seconds = first_plan;
		p->model_rows = model_rows(m);
		p->model_cols = model_cols(m);
		p->model_int_cols = model_int_cols(m);
	}
	solve_result_finish(&r);
	model_destroy(m);
	instance_destroy(in);
	return p;
}
