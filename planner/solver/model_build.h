/*
 * model_build: the builder that model.c fills a model with, shared with
 * the files that add one topic's columns and rows to it (model_funds.c).
 *
 * The matrix is collected as (row, column, value) triplets and handed to
 * GLPK in one glp_load_matrix() call; rows and columns are added in bulk
 * too. GLPK's arrays are 1-based, so slot 0 of every array is unused.
 * Only solver/model*.c include this header.
 */
#ifndef PHASEOUT_MODEL_BUILD_H
#define PHASEOUT_MODEL_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include "solver/model_impl.h"

struct builder {
	struct model *m;
	const struct instance *in;
	int *ia, *ja;
	double *ar;
	size_t nnz, alloc_nnz;
	int *row_type;
	double *row_lb, *row_ub;
	size_t n_rows, alloc_rows;
	size_t alloc_cols;
	int *carry_col; /* [n_years] column carrying money out of year k, 0 none */
	/* [n_years] the carry column's lower bound, money (not money_unit):
	 * below 0 only for a deficit the fixed swaps force (model.c) */
	double *carry_floor;
	int *period_row; /* [n_periods] row of a period key's budget, 0 none */
	/* Rule 5 is checked at the end of each stretch of periods in which
	 * no site enters service: 'ends' (ascending, the last is the
	 * horizon's last period), and room[(v * n_domains + d) * n_ends + e]
	 * the units vendor v may gain in domain d by ends[e]. */
	int *ends;
	size_t n_ends;
	double *room;
	/* With a history: rows from dep_rows_from on are dependencies and
	 * chains, whose bounds fixed swaps never raise. */
	size_t dep_rows_from;
	/* Rows funds_rows_from .. funds_rows_to are the funds' (rule 7 and
	 * the extensions): not limits that fixed swaps alone may exceed. */
	size_t funds_rows_from, funds_rows_to;
};

/* A row (GLP_UP, GLP_LO, GLP_FX ... with its bounds), a coefficient (0 is
 * skipped) and a column (what it stands for, struct model_col); each
 * returns the 1-based index. */
int model_build_row(struct builder *b, int type, double lb, double ub);
void model_build_coef(struct builder *b, int row, int col, double value);
int model_build_col(struct builder *b, uint32_t group, int vendor, int period);

#endif
