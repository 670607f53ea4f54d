/*
 * model_funds: the funds of model-2.md in the model (rules 7 and 8 and
 * the extensions stage): payment columns pay_{f,d}(p), continuous and in
 * the budget rows' money unit, with their rows (share of the cost, all
 * funds together at most the cost, cumulative payments at most the
 * money disbursed so far); the own spend in the budget rows (cost minus
 * payments); and for a fund with extensions, binary columns e_{f,k}
 * ("extension k is used") with the rows that force e_{f,k} = 1 when an
 * eligible site goes after D_f(k-1)'s binding end. The fund deadline
 * itself (every eligible HR site by the final date's binding end) is a
 * deadline of the instance (instance.c) and so a deadline of the model.
 *
 * Calling sequence (model.c, inside its build):
 *	model_funds_build(&builder);    after the budget rows
 *	model_funds_col_bounds(m, j);   while loading the columns into GLPK
 * and, for solve.c:
 *	model_funds_fill_payments(), model_funds_fill_extensions(),
 *	model_funds_extensions_least():
 *	                                a plan offered: its helper columns
 *	model_funds_payments(m, x);     the payments found, in money
 *	model_funds_free(m);            from model_destroy()
 */
#ifndef PHASEOUT_MODEL_FUNDS_H
#define PHASEOUT_MODEL_FUNDS_H

#include <stdbool.h>
#include <stdint.h>

#include "solver/model_build.h"
#include "solver/model_impl.h"

/* struct model_col.group of a payment and of an extension column. */
#define MODEL_COL_PAY (UINT32_MAX - 1)
#define MODEL_COL_EXT (UINT32_MAX - 2)

void model_funds_build(struct builder *b);

/* model_funds_col_bounds: when column j is a payment or extension
 * column, set its bounds and kind in m->lp and return true. */
bool model_funds_col_bounds(struct model *m, int j);

/* model_funds_fill_payments: for a plan offered (its x columns set),
 * payments as early and as large as rule 7 allows, each taken off
 * 'spend' (the own spend by year, in money_unit). */
void model_funds_fill_payments(const struct model *m, double *x, double *spend);

/* model_funds_fill_extensions: each extension column of a plan offered
 * the least its rows allow. */
void model_funds_fill_extensions(const struct model *m, double *x);

/* model_funds_widened_budget: the instance's year budgets plus the
 * funds' money disbursed in each year (a fund's money usable in its
 * paying periods), for the first-plan heuristic, which knows no funds:
 * its plan then gets its payments from model_funds_fill_payments(). The
 * caller frees. */
double *model_funds_widened_budget(const struct instance *in);

/*
 * model_funds_payments: the payments of solution x in money,
 * pay[(f * n_domains + d) * n_periods + p] (n_domains: scenario
 * domains); NULL when the model has no payment column. The caller frees.
 */
double *model_funds_payments(const struct model *m, const double *x);

/*
 * model_funds_extensions_least: a proven lower bound on the extensions
 * stage's objective (the sum of the extension columns) for plans that
 * keep every fund deadline hard: per fund, check's least extensions
 * (replan_check_extensions_least() on the instance's scaled budget), at
 * most the fund's extension columns. 0 without extensions.
 */
double model_funds_extensions_least(const struct model *m);

/* model_funds_continuous: whether objective o weighs a continuous
 * column (a payment), so that its values are not whole units. */
bool model_funds_continuous(const struct model *m, int o);

/* model_funds_ledger_paid: the money the ledger's funded items say the
 * funds paid (done) or are contracted to pay (committed) of fixed group
 * g's cost; 0 for a group the planner decides. */
double model_funds_ledger_paid(const struct instance *in, uint32_t g);

/*
 * model_funds_fixed_own: the own spend of the fixed swaps alone in each
 * period (period_own, n_periods entries, nominal): their cost less the
 * ledger's funded items, less, for committed rows with an empty funded
 * cell, the payments model_funds_fill_payments() would make for them
 * with no planned swap (as early and as large as rule 7 allows). It is
 * the least own spend the budget rows must let the fixed swaps have
 * (model.c: what fixed swaps alone exceed, and a deficit that carries).
 */
void model_funds_fixed_own(const struct instance *in, double *period_own);

void model_funds_free(struct model *m);

#endif
