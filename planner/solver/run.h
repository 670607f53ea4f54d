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

struct run_options {
	double budget_scale;
	double time_limit; /* seconds for the whole run; 0 = none */
	double gap;        /* stop when the proven gap is this small */
	bool allow_late;   /* the elastic model: deadlines and caps soft */
	bool per_site;     /* no cohorts */
	bool progress;     /* progress on stderr (callers check isatty) */
	bool no_diagnosis; /* infeasible: no elastic solve, no diagnosis */
};

/* run_now: a monotonic clock in seconds, for 't0' and timings. */
double run_now(void);

/*
 * run_plan: plan 's' under 'o'. The plan's status says what happened
 * (optimal, feasible, infeasible with a diagnosis, no_plan); timings count
 * from 't0'. NULL only on an internal failure (message on stderr).
 */
struct plan *run_plan(const struct scenario *s, const struct run_options *o, double t0);

/* run_interrupted: whether SIGINT or SIGTERM arrived since
 * run_catch_signals(); a solve then stops with the best plan it has. */
bool run_interrupted(void);

/*
 * run_catch_signals: make the first SIGINT or SIGTERM stop the solve
 * (the best plan so far is kept); a second one ends the process as
 * usual.
 */
void run_catch_signals(void);

#endif
