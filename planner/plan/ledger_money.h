/*
 * ledger_money: the money of a re-plan's ledger alone, with no planned
 * swap (model-2.md rules 6 and 7): what each fund still has for the
 * planner once the ledger's funded items are paid, and the own spend of
 * the ledger's rows per period. A committed row with an empty funded
 * cell is split as an offered plan's swaps are (period by period, fund by
 * fund, domain by domain, as early and as large as rule 7 allows), so
 * that check, the pre-check and the model's budget rows count the same
 * own spend for the fixed swaps (docs/decisions.md, "Funds with a
 * re-plan, and deficits that carry").
 *
 * Calling sequence:
 *	double *own = xcalloc(s->n_periods, sizeof(double));
 *	ledger_money_own(s, s->replan_p, own);
 *
 * Ownership: the caller owns every array it passes.
 */
#ifndef PHASEOUT_LEDGER_MONEY_H
#define PHASEOUT_LEDGER_MONEY_H

#include <stddef.h>

#include "input/scenario.h"

/* ledger_money_pay_range: the periods in which fund f may pay for swaps
 * the planner splits, inside the horizon: from the one holding its first
 * disbursement (from replan_p on: earlier payments are the ledger's) to
 * its final date's binding end. */
void ledger_money_pay_range(const struct scenario *s, const struct fund *f, int replan_p,
			    int *from, int *to);

/* ledger_money_disbursed_by: the money fund f has disbursed by the end of
 * period p. */
double ledger_money_disbursed_by(const struct fund *f, int p);

/*
 * ledger_money_room_by: what fund f (index) may still pay in the
 * planner's periods up to p: its money disbursed by q less the ledger's
 * payments by q, at every q >= p, never below 0 (a ledger that paid more
 * than the fund had is a fact, and leaves the planner nothing).
 */
double ledger_money_room_by(const struct scenario *s, size_t f, int p);

/* ledger_money_row_paid: what the ledger's funded items say the funds
 * paid (done) or are contracted to pay (committed) of one row. */
double ledger_money_row_paid(const struct scenario *s, const struct ledger_row *row);

/*
 * ledger_money_own: the own spend of the ledger's rows alone in each
 * period (period_own, s->n_periods entries, nominal): their cost less
 * their funded items, less, for committed rows (period >= replan_p) with
 * an empty funded cell, what the funds would pay of them with no planned
 * swap.
 */
void ledger_money_own(const struct scenario *s, int replan_p, double *period_own);

/*
 * ledger_money_history_carry: the money each year wholly before replan_p
 * carries out of it with carry_over (model-2.md rule 6), a deficit too
 * (below 0): carry[y] = budget[y] + carry[y - 1] - year_spend[y], where
 * 'budget' is the money of each year (INFINITY when unlimited, which
 * carries nothing) and 'year_spend' the ledger's own spend. 0 for the
 * other years and without carry_over. n_years entries each.
 */
void ledger_money_history_carry(const struct scenario *s, int replan_p,
				const double *budget, const double *year_spend,
				double *carry);

/*
 * ledger_money_planner_own_by: the most own money the planner's swaps
 * (the sites outside the ledger) can spend in years 0..last_year, by the
 * model's budget rows with the ledger's rows fixed (solver/model.c,
 * fixed_budget_bounds()): in each run of limited years from replan_p's
 * year (one year a run without carry_over), the run's money (its budgets
 * and what history carries into its first year, a deficit too) less the
 * least own spend the ledger's rows can have in it, less the deficit the
 * ledger alone leaves at its end (which carries down the run), never
 * below 0. A committed row with an empty funded cell spends at least its
 * cost less every share the funds paying in its period may take of it.
 * 'budget' is the money of each year (the scenario's, or an instance's
 * scaled one). INFINITY when a year from replan_p's on is unlimited.
 */
double ledger_money_planner_own_by(const struct scenario *s, const double *budget,
				   int replan_p, int last_year);

#endif
