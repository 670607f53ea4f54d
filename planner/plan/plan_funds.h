/*
 * plan_funds: what the funds pay in a plan (model-2.md rules 7 and 8),
 * recomputed from the payments and the swaps: each fund's payment for
 * domain d in period p shared among p's domain-d swaps in proportion to
 * their cost; each row's funded cents; each fund's money disbursed, paid
 * and unused; its final date and the extensions its plan needs; and the
 * present value of the operator's own spend.
 *
 * Calling sequence (plan.c):
 *	plan_funds_assign(p, pay);    after the sites, before the timeline
 *	plan_funds_evaluate(p);       after the rules: summaries and the
 *	                              fund deadlines as rules
 *	plan_funds_round(p);          from plan_round_money(), after the
 *	                              sites' cents
 *	plan_funds_free(p);           from plan_destroy()
 */
#ifndef PHASEOUT_PLAN_FUNDS_H
#define PHASEOUT_PLAN_FUNDS_H

#include <stdbool.h>
#include <stdint.h>

#include "input/scenario.h"
#include "plan/plan.h"

/* One fund's outcome, for summary.json and the text report. */
struct plan_fund {
	const char *name;
	double disbursed, paid;              /* exact */
	int64_t disbursed_cents, paid_cents; /* paid: the sum of its rows' cents */
	int64_t unused_cents;                /* disbursed - paid */
	bool has_final;                      /* a final date */
	struct date final_date;
	int max_extensions;    /* -1: not a deadline with extensions */
	int extensions_needed; /* least k (model-2.md rule 8), -1 = null */
	bool has_needed;       /* needed_date is D_f(extensions_needed) */
	struct date needed_date;
};

void plan_funds_assign(struct plan *p, const double *pay);
void plan_funds_evaluate(struct plan *p);
void plan_funds_round(struct plan *p);
void plan_funds_free(struct plan *p);

/* plan_funds_row_text: the funds paying at least 0.01 of plan row k,
 * sorted, ';'-separated ("" when none); the caller frees. */
char *plan_funds_row_text(const struct plan *p, size_t k);

/* plan_funds_period_cents: what fund f pays in period 'period', the sum
 * of its rows' cents. */
int64_t plan_funds_period_cents(const struct plan *p, size_t f, int period);

/* plan_fund_covers: whether fund f pays for scenario domain d. */
bool plan_fund_covers(const struct fund *f, uint32_t d);

#endif
