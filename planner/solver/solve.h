/*
 * solve: optimise a model's objectives one after another with GLPK (the
 * true second stage of model.md) and turn the answer into site decisions.
 *
 * Each stage minimises one objective; the next adds the row "that
 * objective <= its value + 1e-9*|value| + 1e-6" (in the scaled units of
 * objective_scale.h, so the tolerance is relative to the objective's
 * smallest coefficient) and starts from the previous plan, with every
 * column that the LP's reduced costs prove cannot appear in such a plan
 * fixed first. A time limit covers all stages together: each stage but
 * the last may use three quarters of the time left. The first
 * objective's proven bound and gap are those of the stage that optimises
 * E (or the present cost), not of V.
 *
 * Ownership: the result owns its decisions; free them with
 * solve_result_finish().
 */
#ifndef PHASEOUT_SOLVE_H
#define PHASEOUT_SOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include "plan/plan.h"
#include "solver/model.h"
#include "util/log.h"

struct solve_options {
	double time_limit; /* seconds for all stages; 0 = none */
	double gap;        /* relative gap at which a stage may stop; 0 = prove */
	bool progress;     /* progress lines to 'log' */
	/* Asked during the solve with 'interrupted_ctx'; true stops it as a
	 * time limit would (the best plan so far is kept). NULL: never. */
	bool (*interrupted)(const void *ctx);
	const void *interrupted_ctx;
	const struct log_sink *log; /* progress and errors; NULL: none */
	/* A starting plan (e.g. the constructive heuristic's), or NULL. */
	const struct site_decision *start;
	size_t n_start;
	/* Another plan for the first objective's stage, taken there when it
	 * keeps the earlier stages' rows and is better (run.c: for own_cost
	 * the heuristic's plan on the funds' money alone), or NULL. */
	const struct site_decision *start_first;
	size_t n_start_first;
	/* With a baseline (the model's instance has one): the first
	 * objective is held within this fraction of its best in the moves
	 * stage (--slack, >= 0). */
	double slack;
};

struct solve_result {
	enum plan_status status; /* PLAN_OPTIMAL only if every stage proved it */
	/* Proven bound on the first objective (E or the present cost), NAN
	 * when the solver proved none (e.g. stopped before the LP was
	 * solved): never a guess. */
	double bound;
	/* The first objective's value in the plan its stage found, NAN when
	 * none: with a baseline the final plan's may be up to --slack above
	 * it, while the bound and gap are that stage's (model-2.md). */
	double first_value;
	double violation;          /* V found by an elastic model's first stage */
	double violation_bound;    /* its proven bound, NAN when none */
	enum plan_stop stopped_by; /* NONE when every stage ran to its proof */
	double seconds;
	struct site_decision *decisions; /* one per HR site */
	size_t n_decisions;
	/* Exposure objective, hard model: minus the LP relaxation's dual of
	 * each year's budget row, the exposure removed per extra unit of
	 * money ([n_years], 0 where the budget does not bind, NAN where the
	 * year is unlimited); NULL otherwise. */
	double *money_value;
	/* With funds: the payments, pay[(f * n_domains + d) * n_periods + p]
	 * in money (model_funds_payments()); NULL without any. */
	double *fund_pay;
};

/* solve_model: false only on an internal failure (message to o->log). */
bool solve_model(struct model *m, const struct solve_options *o, struct solve_result *r);
void solve_result_finish(struct solve_result *r);

/* solve_glpk_version: the version of the GLPK library linked in, e.g. "5.0"
 * (only solver/ includes glpk.h; the reports and --version ask here). */
const char *solve_glpk_version(void);

#endif
