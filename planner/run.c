#include "run.h"

#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diagnose.h"
#include "heuristic.h"
#include "instance.h"
#include "model.h"
#include "solve.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = 1;
	/* A second signal is not caught: it ends the process as usual. */
	signal(sig, SIG_DFL);
}

void run_catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

bool run_interrupted(void)
{
	return interrupted != 0;
}

double run_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The least-violation plan that explains why the hard rules fail. */
static struct plan *diagnose(const struct scenario *s, const struct instance *in,
			     const struct run_options *o, double spent)
{
	struct model *m = model_create(in, MODEL_ELASTIC);
	/* Any plan keeps the elastic model's rules: the heuristic's is the
	 * start, so even a short time limit ends with a real closest plan. */
	struct site_decision *first = NULL;
	size_t n_first = 0;
	heuristic_plan(in, false, NULL, &first, &n_first);
	struct solve_options so = {
		.gap = o->gap,
		.interrupted = run_interrupted,
		.start = first,
		.n_start = n_first,
	};
	if (o->time_limit > 0)
		so.time_limit = fmax(o->time_limit - spent, 1.0);
	struct solve_result r;
	bool ok = solve_model(m, &so, &r);
	free(first);
	struct plan *p = plan_create(s, ok ? r.decisions : NULL, ok ? r.n_decisions : 0,
				     o->budget_scale);
	p->status = PLAN_INFEASIBLE;
	p->solve_seconds = spent + r.seconds;
	diagnose_plan(p, in);
	solve_result_finish(&r);
	model_destroy(m);
	return p;
}

struct plan *run_plan(const struct scenario *s, const struct run_options *o, double t0)
{
	double loaded = run_now() - t0;
	struct instance *in = instance_create(s, o->budget_scale, !o->per_site);
	struct model *m = model_create(in, o->allow_late ? MODEL_ELASTIC : MODEL_HARD);
	struct site_decision *first = NULL;
	size_t n_first = 0;
	double first_exposure = NAN;
	if (heuristic_plan(in, !o->allow_late, NULL, &first, &n_first)) {
		struct plan *hp = plan_create(s, first, n_first, o->budget_scale);
		first_exposure = hp->exposure;
		plan_destroy(hp);
	}
	double first_plan = n_first ? run_now() - t0 : NAN;
	struct solve_options so = {
		.time_limit = o->time_limit,
		.gap = o->gap,
		.progress = o->progress,
		.interrupted = run_interrupted,
		.start = first,
		.n_start = n_first,
	};
	struct solve_result r;
	bool solved = solve_model(m, &so, &r);
	free(first);

	struct plan *p = NULL;
	if (!solved) {
		/* GLPK failed; the message is out. */
	} else if (r.status == PLAN_INFEASIBLE && !o->no_diagnosis) {
		p = diagnose(s, in, o, r.seconds);
	} else if (r.status == PLAN_INFEASIBLE) {
		p = plan_create(s, NULL, 0, o->budget_scale);
		p->status = PLAN_INFEASIBLE;
		p->solve_seconds = r.seconds;
	} else {
		p = plan_create(s, r.decisions, r.n_decisions, o->budget_scale);
		p->status = r.status;
		p->solve_seconds = r.seconds;
		if (r.status != PLAN_NO_PLAN) {
			double value = plan_first_objective(p);
			p->bound =
				r.status == PLAN_OPTIMAL ? value : fmin(r.bound, value);
			p->gap = (value - p->bound) / fmax(fabs(value), 1e-9);
			if (p->gap < 1e-12)
				p->gap = 0;
		}
		if (r.money_value) {
			p->money_value = r.money_value;
			r.money_value = NULL;
		}
	}
	if (p) {
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
