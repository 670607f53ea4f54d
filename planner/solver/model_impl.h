/*
 * model_impl: the inside of struct model, shared by model.c (which builds
 * it) and solve.c (which solves it). Only these two files see GLPK's
 * glp_prob through it.
 */
#ifndef PHASEOUT_MODEL_IMPL_H
#define PHASEOUT_MODEL_IMPL_H

#include <glpk.h>

#include "solver/model.h"

/* What a column stands for. Columns 1..n_x are x[g,v,p]; the rest are
 * continuous helpers: carried money and cap slack (group UINT32_MAX,
 * period -1), then the dependency chains' swapped_by(g, p) (group g,
 * vendor -1, period p; a group's chain in period order). */
struct model_col {
	uint32_t group;
	int16_t vendor; /* -1 for helper columns */
	int16_t period; /* period index; -1 for money and slack helpers */
};

/* The objectives a stage can optimise, as in model.md. */
enum model_objective {
	MODEL_OBJ_VIOLATION,  /* V, elastic models only */
	MODEL_OBJ_EXPOSURE,   /* E */
	MODEL_OBJ_COST,       /* net present cost */
	MODEL_OBJ_MOVES,      /* sites moved from the baseline; with one only */
	MODEL_OBJ_EXTENSIONS, /* sum of the funds' extensions used (model_funds.c) */
	MODEL_OBJ_OWN_COST,   /* present value of the operator's own spend */
	MODEL_OBJ_PAYMENTS,   /* the same, as the last stage, swaps fixed */
	MODEL_N_OBJ,
};

struct model {
	const struct instance *in;
	enum model_mode mode;
	glp_prob *lp;
	int n_rows, n_cols, n_int_cols;
	int n_x;                  /* x columns are 1..n_x */
	struct model_col *cols;   /* [n_cols + 1], 1-based */
	uint32_t *group_first;    /* [n_groups + 1]: x columns of group g are
				     group_first[g] .. group_first[g+1]-1,
				     ordered by period then vendor */
	double *obj[MODEL_N_OBJ]; /* [n_cols + 1] coefficients, 1-based */
	int *budget_row;          /* [n_years] row of each year's budget, 0 none */
	int *prefix_row;          /* [n_years] row of the budget summed over the
				     limited years prefix_from[k]..k, 0 none */
	int *prefix_from;         /* [n_years] */
	double money_unit;        /* money in budget rows is counted in this */
	bool scaled_money;        /* false: in currency units, as exported */
	bool *must_go;            /* [n_groups] all members must be swapped (a
				     deadline or completion in the hard model) */
	double obj_const[MODEL_N_OBJ];
	/* [n_periods] the first period of each period's block
	 * (model_blocks.h): x columns exist at block starts only; p itself
	 * for every p in a model without blocks. */
	int *block_start;
	/* Funds (model_funds.c): the payment columns pay_{f,d}(p) and the
	 * extension columns e_{f,k}; NULL / 0 without funds. */
	struct model_pay {
		int col;
		uint32_t fund, domain;
		int period;
		double ub; /* the column's upper bound, in money_unit */
	} * pays;
	size_t n_pays;
	struct model_ext {
		int col;
		uint32_t fund;
		int k; /* 1 .. max_extensions */
	} * exts;
	size_t n_exts;
};

/* model_money: an amount as the budget rows count it (in money_unit, on
 * a grid; see model.c). */
double model_money(const struct model *m, double amount);

/* model_objective_order: the objectives to optimise one after another for
 * this model (model-2.md, "Objectives, stage by stage"): [V,]
 * [extensions,] first, [moves, with a baseline,] second, [the payments,
 * swaps fixed, when funds exist and the first objective does not price
 * them]. Returns how many (at most
 * MODEL_MAX_STAGES). */
#define MODEL_MAX_STAGES 6
int model_objective_order(const struct model *m,
			  enum model_objective order[MODEL_MAX_STAGES]);

/*
 * model_first_from_replan: the coefficients (coef[1..n_cols]) and
 * constant of z_r, the first objective counted from replan_from, which
 * the moves stage holds within --slack of its best (model-2.md stage 4).
 * Without replan_from (not read yet) z_r is the first objective z itself;
 * with it, this is the one place to count E from replan_from's period on
 * and the present cost of the swaps from it on. 'coef' has n_cols + 1
 * entries.
 */
void model_first_from_replan(const struct model *m, enum model_objective first,
			     double *coef, double *constant);

/*
 * solve_branch_and_cut_init: GLPK's settings for every branch and cut
 * phaseout runs, solve.c's stages and local_search.c's sub-problems
 * alike (solve.c's run_stage() says why): quiet, no MIP presolver,
 * pseudo-cost branching, best-projection backtracking and the four cut
 * generators. The caller adds its own gap, limits and callback.
 */
void solve_branch_and_cut_init(glp_iocp *iocp);

#endif
