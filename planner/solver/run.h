/*
 * run: one planning run of a loaded scenario, as `phaseout plan` does it
 * and as `phaseout sweep` does it for each budget scale: the instance with
 * cohorts, the constructive first plan, the model, the staged solve, and,
 * when the rules cannot all hold, the least-violation plan with its
 * diagnosis.
 *
 *	double t0 = run_now();
 *	struct scenario *s = load_scenario(...);
 *	struct run_options o = {.budget_scale = 1, .time_limit = 60};
 *	struct plan *p = run_plan(s, &o, t0);
 *	... p->status, reports ...
 *	plan_destroy(p);
 *
 * Ownership: the plan borrows the scenario (see plan.h).
 */
#ifndef PHASEOUT_RUN_H
#define PHASEOUT_RUN_H

#include <stdbool.h>

#include "input/scenario.h"
#include "plan/plan.h"
#include "util/log.h"

struct run_options {
	double budget_scale;
	double time_limit; /* seconds for the whole run; 0 = none */
	double gap;        /* stop when the proven gap is this small */
	bool allow_late;   /* the elastic model: deadlines and caps soft */
	bool per_site;     /* no cohorts */
	bool progress;     /* progress lines to 'log' */
	bool no_diagnosis; /* infeasible: no elastic solve, no diagnosis */
	/* plan --baseline: the fewest moved sites as a stage between the two
	 * objectives, the first held within 'slack' (>= 0) of its best;
	 * borrowed, read for the same scenario. NULL: none. */
	const struct baseline *baseline;
	double slack;
	/* Asked during the run with 'stop_ctx'; true stops it (the best plan
	 * so far is kept, stopped_by "interrupt"). NULL: never. The program
	 * answers it from its signal handler (cli/signals.h). */
	bool (*stop)(void *ctx);
	void *stop_ctx;
	const struct log_sink *log; /* progress and errors; NULL: none */
};

/* run_now: a monotonic clock in seconds, for 't0' and timings. */
double run_now(void);

/*
 * run_plan: plan 's' under 'o'. The plan's status says what happened
 * (optimal, feasible, infeasible with a diagnosis, no_plan); timings count
 * from 't0'. NULL only on an internal failure (message to o->log).
 */
struct plan *run_plan(const struct scenario *s, const struct run_options *o, double t0);

#endif
