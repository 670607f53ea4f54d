/*
 * model_history: the model's side of a re-plan (model-2.md rule 6 and
 * "Rules already broken when re-planning"), the figures model.c asks for
 * when the instance has a history (plan/history.h): V_b's coefficients,
 * the money history carries into the planner's years, the limits fixed
 * swaps alone exceed, and z_r (the first objective from replan_from on).
 *
 * Calling sequence: model.c's builder only.
 */
#ifndef PHASEOUT_MODEL_HISTORY_H
#define PHASEOUT_MODEL_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "plan/instance.h"

/* model_history_has_vb: whether the hard model gets V_b as its first
 * stage (some rule is broken before the re-plan). */
bool model_history_has_vb(const struct instance *in);

/* model_history_vb: V_b per member of group g swapped in period p (p -1:
 * left unswapped). */
double model_history_vb(const struct instance *in, size_t g, int p);

/*
 * model_history_fixed_spend: the own spend of the fixed swaps alone in
 * each period ('period', n_periods entries) and year ('year', n_years),
 * nominal: model_funds_fixed_own(), their cost less what funds pay.
 */
void model_history_fixed_spend(const struct instance *in, double *period, double *year);

/*
 * model_history_past_year: whether year y lies wholly before replan_from
 * (all its spend is the ledger's, so it needs no budget row).
 */
bool model_history_past_year(const struct instance *in, int y);

/*
 * model_history_raise: rows 1..n_rows of type GLP_UP whose fixed columns
 * ('fixed_col[j]' true) alone sum above the row's upper bound get that
 * sum as their bound, so the planner adds nothing there (rule 6). The
 * matrix is the builder's triplets (1-based, nnz entries). Rows whose
 * 'skip[i]' is true (dependencies) keep their bound.
 */
void model_history_raise(size_t n_rows, const int *row_type, double *row_ub,
			 const bool *skip, size_t nnz, const int *ia, const int *ja,
			 const double *ar, const bool *fixed_col);

#endif
