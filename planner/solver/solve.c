#include "solver/solve.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "solver/branch_clock.h"
#include "solver/heuristic.h"
#include "solver/local_search.h"
#include "solver/model_funds.h"
#include "solver/model_history.h"
#include "solver/model_impl.h"
#include "solver/objective_scale.h"
#include "solver/rins.h"
#include "util/log.h"
#include "util/xalloc.h"

/* Nodes of each local search neighbourhood's branch and bound, and the
 * GLP_IHEUR calls before the first local search (search_incumbent()). */
#define LOCAL_SEARCH_NODES 500
#define LOCAL_SEARCH_AFTER 200
/* Integer columns from which a model is national (national()). */
#define NATIONAL_COLS 10000
/* Nodes of each RINS sub-problem's branch and bound, and its rounds
 * (rins_offer()). */
#define RINS_NODES 500
#define RINS_ROUNDS 3

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Where a stage stands: its scaled objective and its clock. */
struct stage_ctx {
	const struct solve_options *o;
	const struct objective_scale *scale;
	double t0;      /* the solve's start, for progress */
	double end;     /* when this stage must stop (monotonic s), INFINITY = never */
	bool proximity; /* GLPK's proximity search may run */
	bool search;    /* local search may improve GLPK's incumbents */
	double known;   /* a bound proven before the stage (scaled), -INFINITY none */
};

/* What one stage's branch-and-bound callback needs. */
struct stage {
	const struct stage_ctx *ctx;
	const double *offer; /* a feasible point to hand GLPK, or NULL */
	bool offered;
	double bound; /* best bound proven; starts as the LP relaxation's */
	double last_print;
	bool printed;
	bool proven;      /* the rounded bound met the incumbent */
	bool interrupted; /* the callback stopped the search for a signal */
	/* Local search on GLPK's incumbent (search_incumbent()), NULL none */
	const struct model *m;
	struct local_search *search;
	long heur_calls;  /* GLP_IHEUR calls so far */
	long next_search; /* the call that runs the next local search */
	double searched;  /* the incumbent's value at the last one */
	int search_gains; /* plans the local search improved */
	/* GLPK's branching kept within the clock (branch_clock.h) */
	struct branch_clock *branch;
};

static void show_progress(glp_tree *tree, struct stage *st)
{
	double t = now(), unit = st->ctx->scale->unit;
	if (t - st->ctx->t0 < 1.0 || t - st->last_print < 0.5)
		return;
	st->last_print = t;
	st->printed = true;
	glp_prob *lp = glp_ios_get_prob(tree);
	const struct log_sink *sink = st->ctx->o->log;
	if (glp_mip_status(lp) == GLP_FEAS) {
		double best = glp_mip_obj_val(lp);
		double gap = (best - st->bound) / fmax(fabs(best), 1e-9);
		log_printf(sink, LOG_PROGRESS,
			   "%6.1fs  best %.6g  bound %.6g  gap %.2f%%   ",
			   t - st->ctx->t0, best * unit, st->bound * unit, gap * 100);
	} else {
		log_printf(sink, LOG_PROGRESS, "%6.1fs  no plan yet  bound %.6g   ",
			   t - st->ctx->t0, st->bound * unit);
	}
}

static int time_left_ms(const struct stage_ctx *c);
static bool keeps_rows(const struct model *m, const double *x);

static int local_search_time_left(void *ctx)
{
	return time_left_ms(ctx);
}

/*
 * Local search (local_search.h) from GLPK's incumbent, handed back to
 * GLPK when it found a better plan that keeps the model's rows. It runs
 * once GLPK has re-solved LOCAL_SEARCH_AFTER node LPs (or root cut rounds)
 * without a proof, so the many models GLPK proves at once pay nothing
 * for it; and again after twice as many calls, each time the incumbent
 * has improved since. The calls are counted, never timed, so a run
 * without a time limit stays deterministic; with one, the search may use
 * a third of the stage's time left each time.
 */
static void search_incumbent(glp_tree *tree, struct stage *st)
{
	st->next_search = 2 * st->heur_calls;
	glp_prob *lp = glp_ios_get_prob(tree);
	if (glp_mip_status(lp) != GLP_FEAS)
		return;
	double value = glp_mip_obj_val(lp);
	if (!(value < st->searched))
		return;
	st->searched = value;
	const struct model *m = st->m;
	struct stage_ctx clock = *st->ctx;
	if (isfinite(clock.end)) {
		double t = now();
		clock.end = clock.end > t ? t + (clock.end - t) / 3 : clock.end;
	}
	struct local_search_options lo = {
		.node_limit = LOCAL_SEARCH_NODES,
		.time_left_ms = local_search_time_left,
		.ctx = &clock,
	};
	double *x = xmalloc(((size_t)m->n_cols + 1) * sizeof(double));
	for (int j = 1; j <= m->n_cols; j++)
		x[j] = glp_mip_col_val(lp, j);
	if (local_search_improve(st->search, &lo, x) > 0 && keeps_rows(m, x) &&
	    glp_ios_heur_sol(tree, x) == 0)
		st->search_gains++;
	free(x);
}

static void callback(glp_tree *tree, void *info)
{
	struct stage *st = info;
	const struct solve_options *o = st->ctx->o;
	if (o->interrupted && o->interrupted(o->interrupted_ctx)) {
		st->interrupted = true;
		glp_ios_terminate(tree);
		return;
	}
	/* GLPK looks at its own clock only between node LPs. */
	double left = isfinite(st->ctx->end) ? st->ctx->end - now() : INFINITY;
	if (left <= 0) {
		glp_ios_terminate(tree);
		return;
	}
	switch (glp_ios_reason(tree)) {
	case GLP_IBRANCH:
		branch_clock_branch(st->branch, tree, left);
		break;
	case GLP_IHEUR:
		if (st->offer && !st->offered) {
			st->offered = true;
			glp_ios_heur_sol(tree, st->offer);
		}
		if (st->search && ++st->heur_calls >= st->next_search)
			search_incumbent(tree, st);
		break;
	case GLP_ISELECT: {
		int node = glp_ios_best_node(tree);
		if (node) {
			double b = objective_scale_round_bound(
				st->ctx->scale, glp_ios_node_bound(tree, node));
			if (b > st->bound)
				st->bound = b;
		}
		/* An integral objective: no plan lies strictly between the
		 * rounded bound and the incumbent, so meeting it is a proof. */
		glp_prob *lp = glp_ios_get_prob(tree);
		if (st->ctx->scale->integral && glp_mip_status(lp) == GLP_FEAS) {
			double best = glp_mip_obj_val(lp);
			if (st->bound >= best - 1e-9 * fmax(1, fabs(best))) {
				st->proven = true;
				glp_ios_terminate(tree);
				return;
			}
		}
		if (o->progress)
			show_progress(tree, st);
		break;
	}
	default:
		break;
	}
}

/* Milliseconds left for GLPK in this stage, INT_MAX without a limit;
 * 0 = out of time or interrupted. */
static int time_left_ms(const struct stage_ctx *c)
{
	if (c->o->interrupted && c->o->interrupted(c->o->interrupted_ctx))
		return 0;
	if (!isfinite(c->end))
		return 0x7fffffff;
	double left = c->end - now();
	if (left <= 0)
		return 0;
	return left * 1000 > 0x7fffffff ? 0x7fffffff : (int)(left * 1000) + 1;
}

/* Why a stage that ran out of time or was interrupted stopped. */
static enum plan_stop stop_reason(const struct stage_ctx *c)
{
	return c->o->interrupted && c->o->interrupted(c->o->interrupted_ctx)
		       ? PLAN_STOP_INTERRUPT
		       : PLAN_STOP_TIME_LIMIT;
}

/*
 * glp_simplex() in steps of 300 iterations, each continuing from the
 * basis the last one left, so that an interrupt acts within a step
 * (GLPK's simplex has no callback) and the stage's clock is kept. The
 * steps are a fixed count, never sized by the clock: where GLPK stops
 * and resumes shapes its path, and a --gap run must not depend on the
 * machine's speed. Returns as glp_simplex() does; GLP_ETMLIM when out
 * of time or interrupted.
 */
static int simplex(glp_prob *lp, const glp_smcp *parm, const struct stage_ctx *c)
{
	glp_smcp p = *parm;
	p.it_lim = 300;
	for (;;) {
		p.tm_lim = time_left_ms(c);
		if (p.tm_lim == 0)
			return GLP_ETMLIM;
		int ret = glp_simplex(lp, &p);
		if (ret != GLP_EITLIM)
			return ret;
	}
}

static void set_objective(struct model *m, const struct objective_scale *sc)
{
	glp_set_obj_coef(m->lp, 0, sc->constant);
	for (int j = 1; j <= m->n_cols; j++)
		glp_set_obj_coef(m->lp, j, sc->coef[j]);
}

/* The rule that fixes a solved stage: objective <= z + 1e-9|z| + 1e-6
 * (model.md), in the scaled units of objective_scale.h, written without
 * the constant term. */
static void fix_objective_slack(struct model *m, const struct objective_scale *sc,
				double z, double slack)
{
	int row = glp_add_rows(m->lp, 1);
	int *ind = xmalloc(((size_t)m->n_cols + 1) * sizeof(int));
	double *val = xmalloc(((size_t)m->n_cols + 1) * sizeof(double));
	int n = 0;
	for (int j = 1; j <= m->n_cols; j++)
		if (sc->coef[j] != 0) {
			n++;
			ind[n] = j;
			val[n] = sc->coef[j];
		}
	glp_set_mat_row(m->lp, row, n, ind, val);
	glp_set_row_bnds(m->lp, row, GLP_UP, 0,
			 z - sc->constant + slack * fabs(z) + 1e-9 * fabs(z) + 1e-6);
	free(ind);
	free(val);
}

static void fix_objective(struct model *m, const struct objective_scale *sc, double z)
{
	fix_objective_slack(m, sc, z, 0);
}

/*
 * The first-objective stage before the moves stage is fixed with slack
 * (model-2.md stage 4): z_r <= z1_r + F*z1_r + 1e-9*z1_r + 1e-6, z_r
 * being the first objective counted from replan_from
 * (model_first_from_replan()) and z1_r its value in the plan just found
 * 'x' (its best: the first objective differs from z_r by what is fixed
 * before replan_from). In z_r's scaled units, as fix_objective().
 */
static void fix_first_with_slack(struct model *m, enum model_objective first,
				 const double *x, double slack)
{
	double *coef = xmalloc(((size_t)m->n_cols + 1) * sizeof(double));
	double constant;
	model_first_from_replan(m, first, coef, &constant);
	struct objective_scale sc;
	objective_scale_init(&sc, coef, (size_t)m->n_cols, constant);
	double z = sc.constant;
	for (int j = 1; j <= m->n_cols; j++)
		z += sc.coef[j] * x[j];
	fix_objective_slack(m, &sc, z, slack);
	objective_scale_finish(&sc);
	free(coef);
}

/* The x column of group g for (period, vendor), 0 when it has none. */
static int column_of(const struct model *m, uint32_t g, int period, int vendor)
{
	for (uint32_t j = m->group_first[g]; j < m->group_first[g + 1]; j++)
		if (m->cols[j].period == period && m->cols[j].vendor == vendor)
			return (int)j;
	return 0;
}

/*
 * Before the moves stage: the plan in hand 'x' relabelled so that its
 * moves are the fewest it can have with the same decisions per family
 * (instance.h). A family's groups have the same columns, in the same
 * order, and the same figures in every row and objective but the moves,
 * so pooling their members' counts per column and handing them out again
 * keeps every rule, E and the cost. Each group first gets the members
 * its baseline column holds, the groups the baseline leaves unswapped
 * then the unswapped members, and the rest is dealt in column order:
 * every match a relabelling can make is made. Exact, and cheap; the
 * moves stage then starts from it.
 */
static void align_to_baseline(const struct model *m, double *x)
{
	const struct instance *in = m->in;
	const struct baseline *b = in->baseline;
	size_t n_groups = in->n_groups;
	uint32_t *next = xmalloc((n_groups + 1) * sizeof(uint32_t));
	uint32_t *head = xmalloc((n_groups + 1) * sizeof(uint32_t));
	for (size_t g = 0; g <= n_groups; g++)
		head[g] = next[g] = UINT32_MAX;
	/* Families as lists of groups, by the family's first group. */
	uint32_t *first_of = xmalloc((n_groups + 1) * sizeof(uint32_t));
	for (size_t f = 0; f <= n_groups; f++)
		first_of[f] = UINT32_MAX;
	for (uint32_t g = (uint32_t)n_groups; g-- > 0;) {
		uint32_t f = in->groups[g].family;
		if (f == UINT32_MAX || f >= n_groups)
			continue;
		next[g] = first_of[f];
		first_of[f] = g;
	}
	double *pool = NULL;
	size_t alloc_pool = 0;
	for (size_t f = 0; f < n_groups; f++) {
		uint32_t g0 = first_of[f];
		if (g0 == UINT32_MAX || next[g0] == UINT32_MAX)
			continue; /* no family, or a family of one */
		size_t width = m->group_first[g0 + 1] - m->group_first[g0];
		if (!pool || width + 1 > alloc_pool) {
			alloc_pool = width + 1;
			pool = xreallocarray(pool, alloc_pool, sizeof(double));
		}
		for (size_t c = 0; c < width; c++)
			pool[c] = 0;
		double unswapped = 0;
		for (uint32_t g = g0; g != UINT32_MAX; g = next[g]) {
			double taken = 0;
			for (size_t c = 0; c < width; c++) {
				double v = round(x[m->group_first[g] + c]);
				pool[c] += v;
				taken += v;
				x[m->group_first[g] + c] = 0;
			}
			unswapped += in->groups[g].multiplicity - taken;
		}
		/* Left to place per group: its members, less those placed. */
		for (uint32_t g = g0; g != UINT32_MAX; g = next[g])
			head[g] = in->groups[g].multiplicity;
		for (uint32_t g = g0; g != UINT32_MAX; g = next[g]) {
			uint32_t site = in->group_sites[in->groups[g].first_site];
			int j = b->period[site] >= 0 ? column_of(m, g, b->period[site],
								 b->vendor[site])
						     : 0;
			if (j) {
				size_t c = (size_t)j - m->group_first[g];
				double k = fmin(pool[c], head[g]);
				x[j] += k;
				pool[c] -= k;
				head[g] -= (uint32_t)k;
			} else if (b->period[site] == BASELINE_UNSWAPPED) {
				double k = fmin(unswapped, head[g]);
				unswapped -= k;
				head[g] -= (uint32_t)k;
			}
		}
		/* The rest, in column order; what no column holds stays
		 * unswapped. */
		size_t c = 0;
		for (uint32_t g = g0; g != UINT32_MAX; g = next[g])
			while (head[g] > 0) {
				while (c < width && pool[c] <= 0)
					c++;
				if (c == width)
					break;
				double k = fmin(pool[c], head[g]);
				x[m->group_first[g] + c] += k;
				pool[c] -= k;
				head[g] -= (uint32_t)k;
			}
	}
	free(pool);
	free(first_of);
	free(head);
	free(next);
}

/* The scaled objective value of a point, as GLPK would compute it. */
static double objective_of(const struct model *m, const double *x)
{
	double z = glp_get_obj_coef(m->lp, 0);
	for (int j = 1; j <= m->n_cols; j++)
		z += glp_get_obj_coef(m->lp, j) * x[j];
	return z;
}

/*
 * Reduced-cost fixing between stages. The next stages keep the row
 * "objective <= limit"; in the LP relaxation of the stage just solved,
 * a column at its lower bound with reduced cost d > 0 can only rise by
 * (limit - LP optimum) / d before the objective passes the limit, in
 * any plan, integral or not. So an integer column's upper bound can be
 * lowered to that many (often 0), and likewise for a column at its
 * upper bound. Exact: no plan the next stages may choose is cut off,
 * and the stage rows that follow become far easier to prove.
 */
static int fix_by_reduced_cost(struct model *m, const struct stage_ctx *ctx, double limit)
{
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	if (simplex(m->lp, &smcp, ctx) != 0 || glp_get_status(m->lp) != GLP_OPT)
		return 0;
	double room = limit - glp_get_obj_val(m->lp);
	if (!(room >= 0))
		return 0;
	int fixed = 0;
	for (int j = 1; j <= m->n_x; j++) {
		int type = glp_get_col_type(m->lp, j);
		double lb = glp_get_col_lb(m->lp, j), ub = glp_get_col_ub(m->lp, j);
		double d = glp_get_col_dual(m->lp, j);
		int stat = glp_get_col_stat(m->lp, j);
		if (type != GLP_DB && type != GLP_FX)
			continue;
		if (stat == GLP_NL && d > 0) {
			double most = floor(room / d + 1e-9);
			if (lb + most < ub) {
				glp_set_col_bnds(m->lp, j,
						 lb + most > lb ? GLP_DB : GLP_FX, lb,
						 lb + most);
				fixed++;
			}
		} else if (stat == GLP_NU && d < 0) {
			double most = floor(room / -d + 1e-9);
			if (ub - most > lb) {
				glp_set_col_bnds(m->lp, j,
						 ub - most < ub ? GLP_DB : GLP_FX,
						 ub - most, ub);
				fixed++;
			}
		}
	}
	return fixed;
}

/* The model's columns for a list of site decisions: the starting plan
 * handed to the first stage. */
static double *columns_of(const struct model *m, const struct site_decision *d, size_t n)
{
	const struct instance *in = m->in;
	const struct scenario *s = in->scenario;
	double *x = xcalloc((size_t)m->n_cols + 1, sizeof(double));
	uint32_t *group_of = xmalloc((s->n_sites + 1) * sizeof(uint32_t));
	memset(group_of, 0xff, (s->n_sites + 1) * sizeof(uint32_t));
	for (uint32_t g = 0; g < in->n_groups; g++)
		for (uint32_t i = 0; i < in->groups[g].n_sites; i++)
			group_of[in->group_sites[in->groups[g].first_site + i]] = g;
	bool ok = true;
	for (size_t k = 0; k < n && ok; k++) {
		if (d[k].period < 0)
			continue;
		uint32_t g = group_of[d[k].site];
		/* Planned inside a block: at its start, which keeps every
		 * rule (model_blocks.h). */
		int period = m->block_start[d[k].period];
		ok = false;
		for (uint32_t j = m->group_first[g]; j < m->group_first[g + 1]; j++)
			if (m->cols[j].vendor == d[k].vendor &&
			    m->cols[j].period == period) {
				/* A cluster's sites all name the same column once. */
				bool first = in->groups[g].multiplicity > 1 ||
					     in->group_sites[in->groups[g].first_site] ==
						     d[k].site;
				x[j] += first ? 1 : 0;
				ok = true;
				break;
			}
	}
	free(group_of);
	if (!ok) {
		free(x);
		return NULL;
	}
	return x;
}

/*
 * An offered plan must give GLPK every column, the continuous helpers too:
 * carried money (what each limited year leaves over, in year order), in
 * an elastic model each cap slack (the row's shortfall), and the
 * dependency chains' swapped_by sums.
 */
static void fill_helpers(const struct model *m, double *x)
{
	const struct instance *in = m->in;
	int ny = in->n_years;
	double *spend = xcalloc((size_t)ny + 1, sizeof(double));
	for (int j = 1; j <= m->n_x; j++)
		if (x[j] != 0)
			spend[m->cols[j].period / in->periods_per_year] +=
				x[j] *
				model_money(m, instance_cost(in, m->cols[j].group,
							     (size_t)m->cols[j].vendor,
							     m->cols[j].period) -
						       model_funds_ledger_paid(
							       in, m->cols[j].group));
	model_funds_fill_payments(m, x, spend);
	int j = m->n_x + 1;
	double carried = 0;
	for (int k = 0; in->scenario->carry_over && k + 1 < ny; k++) {
		if (isfinite(in->budget[k]) && isfinite(in->budget[k + 1])) {
			bool past = in->history && model_history_past_year(in, k);
			carried = model_money(m, in->budget[k]) + carried - spend[k];
			/* a year before replan_from has no column (model.c), and
			 * its deficit carries; a later year carries a deficit
			 * down to its column's floor (the fixed swaps' own) */
			if (!past) {
				carried = fmax(glp_get_col_lb(m->lp, j), carried);
				x[j++] = carried;
			}
		} else {
			carried = 0;
		}
	}
	free(spend);

	size_t n = (size_t)glp_get_num_rows(m->lp) + (size_t)m->n_cols + 1;
	int *ind = xmalloc(n * sizeof(int));
	double *val = xmalloc(n * sizeof(double));
	for (; j <= m->n_cols; j++) {
		const struct model_col *c = &m->cols[j];
		if (c->group == MODEL_COL_PAY || c->group == MODEL_COL_EXT)
			continue; /* payments above, extensions below */
		x[j] = 0;
		if (c->period >= 0) {
			/* swapped_by(g, p): the chain's last value plus g's
			 * swaps in p */
			bool first = m->cols[j - 1].group != c->group ||
				     m->cols[j - 1].period >= c->period ||
				     m->cols[j - 1].vendor != -1;
			x[j] = first ? 0 : x[j - 1];
			for (uint32_t q = m->group_first[c->group];
			     q < m->group_first[c->group + 1]; q++)
				if (m->cols[q].period == c->period)
					x[j] += x[q];
			continue;
		}
		int len = glp_get_mat_col(m->lp, j, ind, val);
		if (len != 1)
			continue;
		int row = ind[1];
		int rlen = glp_get_mat_row(m->lp, row, ind, val);
		double act = 0;
		for (int q = 1; q <= rlen; q++)
			if (ind[q] != j)
				act += val[q] * x[ind[q]];
		x[j] = fmax(0, glp_get_row_lb(m->lp, row) - act);
	}
	free(ind);
	free(val);
	model_funds_fill_extensions(m, x);
}

/*
 * Whether x keeps every row of the model, within GLPK's own feasibility
 * tolerance. A plan is offered to GLPK as proven good only after this:
 * the heuristic's own bookkeeping is not the model, and an offer that
 * breaks a row (as a cluster's crews once did, counted part by part)
 * would be taken as a stage's optimum when its value meets the bound.
 */
static bool keeps_rows(const struct model *m, const double *x)
{
	int n_rows = glp_get_num_rows(m->lp);
	int *ind = xmalloc(((size_t)m->n_cols + 1) * sizeof(int));
	double *val = xmalloc(((size_t)m->n_cols + 1) * sizeof(double));
	bool ok = true;
	for (int i = 1; i <= n_rows && ok; i++) {
		int len = glp_get_mat_row(m->lp, i, ind, val);
		double act = 0, size = 1;
		for (int k = 1; k <= len; k++) {
			act += val[k] * x[ind[k]];
			size = fmax(size, fabs(val[k] * x[ind[k]]));
		}
		int type = glp_get_row_type(m->lp, i);
		double tol = 1e-7 * size;
		if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) &&
		    act < glp_get_row_lb(m->lp, i) - tol)
			ok = false;
		if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) &&
		    act > glp_get_row_ub(m->lp, i) + tol)
			ok = false;
	}
	free(ind);
	free(val);
	return ok;
}

/* The model's columns for a plan, helpers filled; NULL when the plan has
 * a decision without a column or breaks a row. */
static double *offer_of(const struct model *m, const struct site_decision *d, size_t n)
{
	double *x = columns_of(m, d, n);
	if (!x)
		return NULL;
	fill_helpers(m, x);
	if (!keeps_rows(m, x)) {
		free(x);
		return NULL;
	}
	return x;
}

/*
 * Relax-and-fix: the heuristic plans year by year, and before each year
 * this guide re-solves the LP relaxation with the years already planned
 * fixed to the heuristic's counts, then wants for each group what the LP
 * swaps in the coming year. The LP sees every rule and the objective, so
 * the plan follows its schedule; the heuristic makes it integral.
 */
struct guide {
	const struct model *m;
	const struct stage_ctx *ctx;
	glp_prob *lp; /* a copy of the stage's problem, solved */
	glp_smcp smcp;
};

static bool guide_want(int k, const uint32_t *count, double *want, void *ctx)
{
	struct guide *gd = ctx;
	const struct model *m = gd->m;
	const struct instance *in = m->in;
	if (k > 0) {
		for (int j = 1; j <= m->n_x; j++) {
			const struct model_col *c = &m->cols[j];
			if (c->period != k - 1)
				continue;
			double v = count[((size_t)c->group * in->n_vendors +
					  (size_t)c->vendor) *
						 (size_t)in->n_periods +
					 (size_t)c->period];
			glp_set_col_bnds(gd->lp, j, GLP_FX, v, v);
		}
		if (simplex(gd->lp, &gd->smcp, gd->ctx) != 0 ||
		    glp_get_status(gd->lp) != GLP_OPT)
			return false;
	}
	for (uint32_t g = 0; g < in->n_groups; g++) {
		want[g] = 0;
		for (uint32_t j = m->group_first[g]; j < m->group_first[g + 1]; j++)
			if (m->cols[j].period == k)
				want[g] += glp_get_col_prim(gd->lp, (int)j);
	}
	return true;
}

static bool stage_should_stop(void *ctx)
{
	return time_left_ms(ctx) == 0;
}

/*
 * The plan that follows the LP relaxation's schedule, within a quarter of
 * the stage's time left: its LP re-solves can stall (us-rural's funded
 * own_cost stage took all of a 60 s limit in one of them, leaving the
 * branch and cut nothing), and the plan in hand is offered either way.
 */
static double *lp_guided_plan(const struct model *m, const struct stage_ctx *stage)
{
	struct stage_ctx quarter = *stage;
	if (isfinite(quarter.end)) {
		double t = now();
		quarter.end = quarter.end > t ? t + (quarter.end - t) / 4 : quarter.end;
	}
	const struct stage_ctx *ctx = &quarter;
	struct guide gd = {.m = m, .ctx = ctx, .lp = glp_create_prob()};
	glp_copy_prob(gd.lp, m->lp, GLP_OFF);
	glp_init_smcp(&gd.smcp);
	gd.smcp.msg_lev = GLP_MSG_OFF;
	gd.smcp.meth = GLP_DUALP;
	double *x = NULL;
	if (simplex(gd.lp, &gd.smcp, ctx) == 0 && glp_get_status(gd.lp) == GLP_OPT) {
		struct heuristic_guide guide = {guide_want, &gd};
		struct site_decision *d = NULL;
		size_t n = 0;
		struct stage_ctx clock = *ctx; /* the callback only reads it */
		struct heuristic_options ho = {
			.hard = true,
			.guide = &guide,
			.stop = stage_should_stop,
			.stop_ctx = &clock,
		};
		if (heuristic_plan_opts(m->in, &ho, &d, &n))
			x = offer_of(m, d, n);
		free(d);
	}
	glp_delete_prob(gd.lp);
	return x;
}

/*
 * The value of money per year, from the LP relaxation of the exposure
 * stage: a budget row's dual is the change in E per extra unit of money
 * that year (<= 0), so its negation is the exposure removed; both are in
 * scaled units (the objective's, and the model's money unit), turned back
 * into exposure per currency unit. An LP estimate: integer plans move in
 * steps.
 */
static double *budget_duals(const struct model *m, double unit)
{
	int ny = m->in->n_years;
	double *v = xmalloc(((size_t)ny + 1) * sizeof(double));
	for (int k = 0; k < ny; k++) {
		if (!m->budget_row[k]) {
			v[k] = NAN;
			continue;
		}
		/* Money of year k is in its own row and in every summed row
		 * that covers year k (model.c). */
		double dual = glp_get_row_dual(m->lp, m->budget_row[k]);
		for (int q = k; q < ny; q++)
			if (m->prefix_row[q] && m->prefix_from[q] <= k)
				dual += glp_get_row_dual(m->lp, m->prefix_row[q]);
		v[k] = fmax(0, -dual * unit / m->money_unit);
	}
	return v;
}

enum stage_outcome {
	STAGE_OPTIMAL,
	STAGE_FEASIBLE, /* stopped by the limits with a solution */
	STAGE_INFEASIBLE,
	STAGE_NO_SOLUTION, /* stopped by the limits without one */
	STAGE_ERROR,
};

/* What a stage found, in scaled units (objective_scale.h). */
struct stage_result {
	double value;        /* the plan's objective, NAN without one */
	double bound;        /* proven bound, NAN when none was proven */
	enum plan_stop stop; /* why it ended before a proof, NONE if it did not */
	bool separable;      /* the plan meets separable_bound() */
};

/* Whether column j may still take a value other than 0. */
static bool column_free(const struct model *m, uint32_t j)
{
	return glp_get_col_type(m->lp, (int)j) != GLP_FX ||
	       glp_get_col_ub(m->lp, (int)j) != 0;
}

/* The least a member of group g can add to the objective on its own:
 * its best free column, or 0 (not swapped) when it need not go. */
static double separable_best(const struct model *m, const struct objective_scale *sc,
			     uint32_t g)
{
	double best = m->must_go[g] ? INFINITY : 0;
	for (uint32_t j = m->group_first[g]; j < m->group_first[g + 1]; j++)
		if (column_free(m, j))
			best = fmin(best, sc->coef[j]);
	return isfinite(best) ? best : 0;
}

/*
 * A bound that needs no LP: each group alone at its best column (its
 * members all there if they must go, else only if that column lowers
 * the objective), every rule that couples groups ignored. Valid for any
 * objective; a plan that meets it has every member at such a column.
 */
static double separable_bound(const struct model *m, const struct objective_scale *sc)
{
	double z = sc->constant;
	for (uint32_t g = 0; g < m->in->n_groups; g++)
		z += separable_best(m, sc, g) * m->in->groups[g].multiplicity;
	/* Helper columns (carried money, cap slack) never cost less than 0;
	 * a payment lowers the own-cost objectives by at most its bound. */
	for (int j = m->n_x + 1; j <= m->n_cols; j++)
		if (sc->coef[j] < 0)
			z += sc->coef[j] * glp_get_col_ub(m->lp, j);
	return objective_scale_round_bound(sc, z);
}

/* A stage whose plan meets separable_bound(): fix every column but the
 * best ones of each group for the stages after it; a group whose best
 * column lowers the objective must then go, all of it. */
static void fix_to_separable_best(struct model *m, const struct objective_scale *sc)
{
	for (uint32_t g = 0; g < m->in->n_groups; g++) {
		double best = separable_best(m, sc, g);
		for (uint32_t j = m->group_first[g]; j < m->group_first[g + 1]; j++)
			if (sc->coef[j] > best)
				glp_set_col_bnds(m->lp, (int)j, GLP_FX, 0, 0);
		if (best < 0)
			m->must_go[g] = true;
	}
}

/* The plan offered becomes the stage's plan in x; its scaled value. */
static double take_offer(const struct model *m, const double *offer, double *x)
{
	memcpy(x, offer, ((size_t)m->n_cols + 1) * sizeof(double));
	return objective_of(m, offer);
}

/* Out of time before the search: the plan offered, if any, unproven. */
static enum stage_outcome out_of_time(const struct model *m, const struct stage_ctx *ctx,
				      const double *offer, double *x,
				      struct stage_result *res)
{
	res->stop = stop_reason(ctx);
	if (!offer)
		return STAGE_NO_SOLUTION;
	res->value = take_offer(m, offer, x);
	if (isfinite(ctx->known) && isnan(res->bound))
		res->bound = fmin(ctx->known, res->value);
	return STAGE_FEASIBLE;
}

void solve_branch_and_cut_init(glp_iocp *iocp)
{
	glp_init_iocp(iocp);
	iocp->msg_lev = GLP_MSG_OFF;
	iocp->presolve = GLP_OFF;
	iocp->br_tech = GLP_BR_PCH;
	iocp->bt_tech = GLP_BT_BPH;
	iocp->gmi_cuts = GLP_ON;
	iocp->mir_cuts = GLP_ON;
	iocp->cov_cuts = GLP_ON;
	iocp->clq_cuts = GLP_ON;
}

/*
 * Whether m is a national model, of NATIONAL_COLS integer columns or
 * more: one whose root cut rounds GLPK does not end within a stage of a
 * minute, so that the plan must come from the searches before its branch
 * and bound. There RINS and a local search (search_offer()) run with few
 * cuts. Below it, on the cbc-compare set (8,000 integer columns at most),
 * GLPK's own search does better from the plan RINS gives it, and RINS's
 * cuts find better plans (docs/decisions.md, "Local search before the
 * branch and bound").
 */
static bool national(const struct model *m)
{
	return m->n_int_cols >= NATIONAL_COLS;
}

/* Whether the plan 'offer' meets the LP's bound, or is within --gap of it. */
static bool meets_bound(const struct model *m, const struct stage_ctx *ctx,
			const double *offer, double lp_bound)
{
	double v = objective_of(m, offer);
	return v - lp_bound <= 1e-9 * fmax(1, fabs(v)) ||
	       (ctx->o->gap > 0 && (v - lp_bound) / fmax(fabs(v), 1e-9) <= ctx->o->gap);
}

/*
 * The plan in hand improved by RINS (rins.h) around the stage's LP
 * optimum, when it does not close the gap to the LP's bound already;
 * NULL when RINS found nothing better. Its rows are checked as an
 * offer's are. The hard model only, as the local search: the elastic
 * model's V stage starts from the repaired plan and the diagnosis has a
 * clock of its own.
 */
static double *rins_offer(const struct model *m, const struct stage_ctx *ctx,
			  const double *offer, double lp_bound)
{
	if (!offer || !ctx->search || meets_bound(m, ctx, offer, lp_bound))
		return NULL;
	struct stage_ctx clock = *ctx; /* the callback only reads it */
	struct rins_options ro = {
		.node_limit = RINS_NODES,
		.rounds = RINS_ROUNDS,
		.few_cuts = national(m),
		.time_left_ms = local_search_time_left,
		.ctx = &clock,
	};
	double *x = xmalloc(((size_t)m->n_cols + 1) * sizeof(double));
	memcpy(x, offer, ((size_t)m->n_cols + 1) * sizeof(double));
	int got = rins_improve(m, &ro, x);
	if (got == 0 || !keeps_rows(m, x)) {
		free(x);
		return NULL;
	}
	return x;
}

/* What search_offer()'s good_enough() needs. */
struct search_target {
	const struct model *m;
	const struct stage_ctx *ctx;
	double lp_bound;
};

static bool meets_target(const double *x, void *info)
{
	const struct search_target *t = info;
	return meets_bound(t->m, t->ctx, x, t->lp_bound);
}

/*
 * The plan in hand improved by one local search (local_search.h) before
 * the branch and bound, run by 'ls' (which run_stage() creates only
 * when the plan does not meet the LP's bound); NULL when it found
 * nothing better. On a national model GLPK's root cut
 * rounds take the whole stage, so the search on its incumbent
 * (search_incumbent()) would never start: uk-2022 at 30 s spent 20 s on
 * its root node with the plan RINS gave, 1.05% above the bound, while
 * its windows of two years, each after GLPK's MIP presolver, brought it
 * to 0.39% in 2.1 s. Presolved, the searches take no incumbent, but each
 * works on its free columns only, which is what makes them fast; the
 * search within the branch and bound keeps the plan as its incumbent.
 * It may use three quarters of the stage's time left (the branch and
 * bound has the rest, and the bound it proves); its neighbourhoods, their
 * order and node limits are counts, so without a limit it is
 * deterministic. It stops as soon as the plan meets the bound or --gap.
 * Only on national models (national()), and in the first objective's
 * stage: on the smaller models of the cbc-compare set (8,000 integer columns at most)
 * GLPK's own search proves the optimum sooner from the plan it is given
 * (e60-tight-esc: 3.3 s without this search, 16 s with it, which handed
 * GLPK the optimum at the start), and a later stage, which starts from
 * the stage before's plan, lost its proof to it (c300-crews' exposure
 * stage: 0.7 s to over 7 s).
 */
static double *search_offer(const struct model *m, const struct stage_ctx *ctx,
			    struct local_search *ls, const double *offer, double lp_bound)
{
	struct stage_ctx clock = *ctx; /* the callback only reads it */
	if (isfinite(clock.end)) {
		double t = now();
		clock.end = clock.end > t ? t + 0.75 * (clock.end - t) : clock.end;
	}
	struct search_target target = {m, ctx, lp_bound};
	struct local_search_options lo = {
		.node_limit = LOCAL_SEARCH_NODES,
		.presolve = true,
		.smallest_first = true,
		.time_left_ms = local_search_time_left,
		.ctx = &clock,
		.good_enough = meets_target,
		.good_enough_ctx = &target,
	};
	double *x = xmalloc(((size_t)m->n_cols + 1) * sizeof(double));
	memcpy(x, offer, ((size_t)m->n_cols + 1) * sizeof(double));
	if (local_search_improve(ls, &lo, x) == 0 || !keeps_rows(m, x)) {
		free(x);
		return NULL;
	}
	return x;
}

/*
 * One stage: the LP relaxation, then branch and cut without GLPK's MIP
 * presolver (so that the callback's columns are the model's and a known
 * plan can be offered as the first incumbent). Leaves the solution in x.
 *
 * GLPK's cut generators (Gomory, mixed-integer rounding, cover, clique)
 * are on: the budget, capacity and crew rows are knapsacks whose LP
 * relaxation takes a fraction of one more site, and without cuts the
 * search could not close that gap on models of a few hundred columns.
 * Branching on pseudo-costs with best-projection backtracking proved the
 * most of the generated set (docs/decisions.md has the measurements).
 */
static enum stage_outcome run_stage(struct model *m, const struct stage_ctx *ctx,
				    const double *offer, bool guide, double **money,
				    double *x, struct stage_result *res)
{
	res->value = NAN;
	res->bound = NAN;
	res->stop = PLAN_STOP_NONE;
	res->separable = false;
	double trivial = separable_bound(m, ctx->scale);
	if (offer) {
		double v = objective_of(m, offer);
		if (v - trivial <= 1e-9 * fmax(1, fabs(v))) {
			res->value = res->bound = take_offer(m, offer, x);
			res->separable = true;
			return STAGE_OPTIMAL;
		}
	}
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	int ret = simplex(m->lp, &smcp, ctx);
	if (ret != 0 && ret != GLP_ETMLIM) {
		/* A singular basis after the stage rows: start afresh once. */
		glp_adv_basis(m->lp, 0);
		ret = simplex(m->lp, &smcp, ctx);
		if (ret != 0 && ret != GLP_ETMLIM) {
			log_printf(ctx->o->log, LOG_ERROR,
				   "GLPK's simplex failed (code %d)", ret);
			return STAGE_ERROR;
		}
	}
	if (ret == GLP_ETMLIM)
		return out_of_time(m, ctx, offer, x, res);
	int lp_status = glp_get_status(m->lp);
	if (lp_status == GLP_UNBND) {
		/* Warm-started from the stage before, the simplex can call a
		 * bounded LP unbounded when the objective spans many orders
		 * of magnitude (a funds' payments stage: swaps fixed, costs
		 * of 1e10 beside payments of 1e5, tinyinflight funds seed 18;
		 * glpsol proves the same LP at once). Scale it and solve it
		 * once more from a fresh basis before believing that. */
		glp_scale_prob(m->lp, GLP_SF_AUTO);
		glp_adv_basis(m->lp, 0);
		ret = simplex(m->lp, &smcp, ctx);
		if (ret == GLP_ETMLIM)
			return out_of_time(m, ctx, offer, x, res);
		lp_status = ret == 0 ? glp_get_status(m->lp) : GLP_UNDEF;
	}
	if (lp_status == GLP_NOFEAS || glp_get_prim_stat(m->lp) == GLP_NOFEAS)
		return STAGE_INFEASIBLE;
	if (lp_status != GLP_OPT) {
		log_printf(ctx->o->log, LOG_ERROR,
			   "the LP relaxation ended with status %d", lp_status);
		return STAGE_ERROR;
	}
	double lp_bound = objective_scale_round_bound(
		ctx->scale, fmax(glp_get_obj_val(m->lp), ctx->known));
	res->bound = lp_bound;
	if (money && m->budget_row)
		*money = budget_duals(m, ctx->scale->unit);

	/* Offer the better of the plan we were given and one that follows
	 * this LP's schedule. */
	double *guided = NULL;
	if (guide)
		guided = lp_guided_plan(m, ctx);
	if (guided && (!offer || objective_of(m, guided) < objective_of(m, offer) - 1e-9))
		offer = guided;
	double *better = rins_offer(m, ctx, offer, lp_bound);
	if (better) {
		free(guided);
		guided = better;
		offer = better;
	}
	/* One copy of the problem serves this search and the one within the
	 * branch and bound; a large model's copy is made only when needed. */
	struct local_search *search = NULL;
	if (guide && ctx->search && national(m) && offer &&
	    !meets_bound(m, ctx, offer, lp_bound))
		search = local_search_create(m);
	better = search ? search_offer(m, ctx, search, offer, lp_bound) : NULL;
	if (better) {
		free(guided);
		guided = better;
		offer = better;
	}
	if (offer) {
		/* The plan in hand may already be proven good enough (or best,
		 * by an integral objective's rounded bound). */
		double v = objective_of(m, offer);
		double gap = (v - lp_bound) / fmax(fabs(v), 1e-9);
		bool best = v - lp_bound <= 1e-9 * fmax(1, fabs(v));
		if (best || (ctx->o->gap > 0 && gap <= ctx->o->gap)) {
			res->value = take_offer(m, offer, x);
			res->bound = fmin(lp_bound, v);
			res->stop = best ? PLAN_STOP_NONE : PLAN_STOP_GAP;
			free(guided);
			local_search_destroy(search);
			return best ? STAGE_OPTIMAL : STAGE_FEASIBLE;
		}
	}
	struct stage st = {
		.ctx = ctx,
		.offer = offer,
		.bound = lp_bound,
		.m = m,
		.next_search = LOCAL_SEARCH_AFTER,
		.searched = INFINITY,
	};
	glp_iocp iocp;
	solve_branch_and_cut_init(&iocp);
	iocp.mip_gap = ctx->o->gap;
	/* Proximity search improves the plan we offer far faster than
	 * branching alone on these models. Without an offer it can spin on
	 * a small model until its own clock runs out, so it runs only with
	 * one, and for at most a quarter of the time left (10 s at most).
	 * Its clock makes the result depend on the machine's speed, so it
	 * runs in the first stage only: the later stages, which start from
	 * a plan already, stay deterministic when a --gap ends them. */
	iocp.ps_heur = offer && ctx->proximity ? GLP_ON : GLP_OFF;
	iocp.cb_func = callback;
	iocp.cb_info = &st;
	iocp.tm_lim = time_left_ms(ctx);
	iocp.ps_tm_lim = iocp.tm_lim / 4 < 10000 ? iocp.tm_lim / 4 + 1 : 10000;
	if (iocp.tm_lim == 0) {
		enum stage_outcome out = out_of_time(m, ctx, offer, x, res);
		free(guided);
		local_search_destroy(search);
		res->bound = isnan(res->value) ? lp_bound : fmin(lp_bound, res->value);
		return out;
	}
	if (ctx->search && !search)
		search = local_search_create(m);
	st.search = search;
	st.branch = branch_clock_create(m->n_cols);
	ret = glp_intopt(m->lp, &iocp);
	branch_clock_destroy(st.branch);
	local_search_destroy(st.search);
	if (st.printed)
		log_printf(ctx->o->log, LOG_PROGRESS_END, "%s", "");
	int mip = glp_mip_status(m->lp);
	if (ret != 0 && ret != GLP_ETMLIM && ret != GLP_EMIPGAP && ret != GLP_ESTOP) {
		free(guided);
		log_printf(ctx->o->log, LOG_ERROR,
			   "GLPK's branch and bound failed (code %d)", ret);
		return STAGE_ERROR;
	}
	bool proven = (ret == 0 && mip == GLP_OPT) || (ret == GLP_ESTOP && st.proven);
	if (!proven)
		res->stop = ret == GLP_EMIPGAP ? PLAN_STOP_GAP
			    : st.interrupted   ? PLAN_STOP_INTERRUPT
					       : PLAN_STOP_TIME_LIMIT;
	if (mip == GLP_NOFEAS && ret == 0) {
		free(guided);
		return STAGE_INFEASIBLE;
	}
	if (mip != GLP_OPT && mip != GLP_FEAS) {
		/* Nothing better than the plan offered: GLPK had it only if
		 * it took it, so keep it here. */
		if (offer) {
			res->value = take_offer(m, offer, x);
			res->bound = fmin(st.bound, res->value);
			free(guided);
			return STAGE_FEASIBLE;
		}
		free(guided);
		return STAGE_NO_SOLUTION;
	}
	free(guided);
	for (int j = 1; j <= m->n_cols; j++)
		x[j] = glp_mip_col_val(m->lp, j);
	res->value = glp_mip_obj_val(m->lp);
	res->bound = proven ? res->value : fmin(st.bound, res->value);
	return proven ? STAGE_OPTIMAL : STAGE_FEASIBLE;
}

/* Members of a group take the group's (period, vendor) counts in column
 * order (period, then vendor) and site_id order: a deterministic expansion
 * of an aggregated plan back to sites. */
static void expand(const struct model *m, const double *x, struct solve_result *r)
{
	const struct instance *in = m->in;
	r->decisions = xmalloc((in->n_group_sites + 1) * sizeof(*r->decisions));
	r->n_decisions = 0;
	for (uint32_t g = 0; g < in->n_groups; g++) {
		const struct group *gr = &in->groups[g];
		const uint32_t *sites = in->group_sites + gr->first_site;
		uint32_t next = 0;
		for (uint32_t j = m->group_first[g]; j < m->group_first[g + 1]; j++) {
			long count = lround(x[j]);
			const struct model_col *c = &m->cols[j];
			for (long k = 0; k < count && next < gr->multiplicity;
			     k++, next++) {
				/* A cluster is one member made of all its sites. */
				uint32_t from = gr->multiplicity == 1 ? 0 : next;
				uint32_t to =
					gr->multiplicity == 1 ? gr->n_sites : next + 1;
				for (uint32_t i = from; i < to; i++)
					r->decisions[r->n_decisions++] =
						(struct site_decision){
							sites[i], c->period, c->vendor};
			}
		}
		uint32_t from = gr->multiplicity == 1 ? (next ? gr->n_sites : 0) : next;
		for (uint32_t i = from; i < gr->n_sites; i++)
			r->decisions[r->n_decisions++] =
				(struct site_decision){sites[i], -1, -1};
	}
}

/*
 * GLPK's automatic scaling multiplies coefficients together (geometric
 * mean), so a coefficient beyond about 1e-150 or 1e150 (a unit cost of
 * 1e-300 or 1e300 is valid input) makes a scale factor 0 or infinite, and
 * GLPK aborts ("invalid scale factor"). Such a matrix is left unscaled:
 * the simplex then works on the raw numbers, which it can.
 */
static void scale_if_safe(glp_prob *lp)
{
	int n_rows = glp_get_num_rows(lp), n_cols = glp_get_num_cols(lp);
	int *ind = xcalloc((size_t)n_cols + 1, sizeof(int));
	double *val = xcalloc((size_t)n_cols + 1, sizeof(double));
	bool safe = true;
	for (int i = 1; i <= n_rows && safe; i++) {
		int len = glp_get_mat_row(lp, i, ind, val);
		for (int k = 1; k <= len && safe; k++) {
			double a = fabs(val[k]);
			safe = a >= 1e-100 && a <= 1e100;
		}
	}
	free(ind);
	free(val);
	if (safe)
		glp_scale_prob(lp, GLP_SF_AUTO);
}

/*
 * The clock of the stages. Each stage but the last may use up to three
 * quarters of the time left, so that a stage cut short by the limit
 * still leaves the next one time to improve its plan (a least-exposure
 * plan whose cost was never minimised is a poor answer); the last stage
 * uses what is left. Without a limit every stage runs to its proof.
 */
static double stage_end(double end, bool last)
{
	if (!isfinite(end) || last)
		return end;
	double t = now();
	return end > t ? t + 0.75 * (end - t) : end;
}

bool solve_model(struct model *m, const struct solve_options *o, struct solve_result *r)
{
	memset(r, 0, sizeof(*r));
	r->bound = NAN;
	r->violation = NAN;
	r->violation_bound = NAN;
	r->first_value = NAN;
	r->stopped_by = PLAN_STOP_NONE;
	double t0 = now();
	double end = o->time_limit > 0 ? t0 + o->time_limit : INFINITY;
	enum model_objective order[MODEL_MAX_STAGES];
	int n_stages = model_objective_order(m, order);
	/* the stage of the first objective (E or a cost): after V (elastic)
	 * or V_b (a re-plan) and the funds' extensions */
	int first = 0;
	while (order[first] == MODEL_OBJ_VIOLATION ||
	       order[first] == MODEL_OBJ_EXTENSIONS)
		first++;

	double *x = xcalloc((size_t)m->n_cols + 1, sizeof(double));
	double *offer = NULL;
	if (o->start)
		offer = offer_of(m, o->start, o->n_start);
	bool have = false, proven = true, ok = true;
	/* Scaling and the first basis take seconds on the largest models:
	 * not when the time is already spent. */
	if (!isfinite(end) || now() < end) {
		scale_if_safe(m->lp);
		glp_adv_basis(m->lp, 0);
	}
	for (int i = 0; i < n_stages; i++) {
		struct objective_scale sc;
		objective_scale_init(&sc, m->obj[order[i]], (size_t)m->n_cols,
				     m->obj_const[order[i]]);
		/* Payments are continuous: no whole units to round a bound to.
		 * Their scaled coefficients stay exact, off the grid: 2^-24
		 * of a coefficient times a payment of 1e5 in money passes the
		 * stage rule's 1e-6, and two plans whose own cost ties (a
		 * swap paid in whole a period earlier) would then look apart
		 * (tests/funds.sh, own-tie). */
		if (model_funds_continuous(m, (int)order[i])) {
			sc.integral = false;
			for (size_t k = 0; k < m->n_pays; k++) {
				int j = m->pays[k].col;
				sc.coef[j] = m->obj[order[i]][j] / sc.unit;
			}
		}
		set_objective(m, &sc);
		struct stage_ctx ctx = {
			.o = o,
			.scale = &sc,
			.t0 = t0,
			.end = stage_end(end, i + 1 == n_stages),
			.proximity = i == 0,
			.search = m->mode == MODEL_HARD,
			.known = -INFINITY,
		};
		if (i == first && o->start_first) {
			double *alt = offer_of(m, o->start_first, o->n_start_first);
			if (alt &&
			    (!offer || objective_of(m, alt) < objective_of(m, offer))) {
				free(offer);
				offer = alt;
			} else {
				free(alt);
			}
		}
		/* The fewest extensions check proves: the extensions stage is
		 * often proven by it alone (docs/decisions.md). Only when the
		 * fund deadlines are hard, i.e. no violation stage before. */
		if (order[i] == MODEL_OBJ_EXTENSIONS && i == 0 && m->mode == MODEL_HARD)
			ctx.known = model_funds_extensions_least(m) / sc.unit;
		bool guide = i == first && m->mode == MODEL_HARD;
		bool duals = guide && order[i] == MODEL_OBJ_EXPOSURE;
		/* The payments stage is an LP with every swap fixed: its own
		 * solution, never the plan in hand, whose payments came with
		 * a MIP's integer tolerance (a swap column within it of 1 let
		 * a payment pass its share by 0.15, and the offer then looked
		 * better than the LP's true optimum; tests/funds.sh, own-tie). */
		const double *stage_offer = order[i] == MODEL_OBJ_PAYMENTS ? NULL : offer;
		struct stage_result sr;
		enum stage_outcome out =
			run_stage(m, &ctx, stage_offer, guide,
				  duals ? &r->money_value : NULL, x, &sr);
		/* Every objective is a sum of non-negative terms. */
		double bound = isnan(sr.bound) ? NAN : fmax(0, sr.bound * sc.unit);
		if (r->stopped_by == PLAN_STOP_NONE)
			r->stopped_by = sr.stop;
		if (out == STAGE_ERROR) {
			objective_scale_finish(&sc);
			ok = false;
			break;
		}
		if (i == first)
			r->bound = bound;
		if (order[i] == MODEL_OBJ_VIOLATION)
			r->violation_bound = bound;
		if (!have && (out == STAGE_INFEASIBLE || out == STAGE_NO_SOLUTION)) {
			r->status =
				out == STAGE_INFEASIBLE ? PLAN_INFEASIBLE : PLAN_NO_PLAN;
			objective_scale_finish(&sc);
			break;
		}
		if (out == STAGE_NO_SOLUTION || out == STAGE_INFEASIBLE) {
			/* Out of time (or tolerance trouble) in a later stage:
			 * keep the earlier stage's plan. */
			proven = false;
			memcpy(x, offer, ((size_t)m->n_cols + 1) * sizeof(double));
			objective_scale_finish(&sc);
			break;
		}
		have = true;
		if (out != STAGE_OPTIMAL)
			proven = false;
		if (order[i] == MODEL_OBJ_VIOLATION)
			r->violation = sr.value * sc.unit;
		if (i == first)
			r->first_value = sr.value * sc.unit;
		if (!offer)
			offer = xmalloc(((size_t)m->n_cols + 1) * sizeof(double));
		memcpy(offer, x, ((size_t)m->n_cols + 1) * sizeof(double));
		if (i + 1 < n_stages && order[i + 1] == MODEL_OBJ_MOVES)
			align_to_baseline(m, offer);
		bool more = i + 1 < n_stages && sr.stop != PLAN_STOP_INTERRUPT &&
			    !(o->interrupted && o->interrupted(o->interrupted_ctx)) &&
			    (!isfinite(end) || end > now() + 1e-3);
		if (more && order[i + 1] == MODEL_OBJ_PAYMENTS) {
			/* The payments are chosen with the swaps fixed
			 * (model-2.md): every integer column at its value. */
			for (int j = 1; j <= m->n_cols; j++)
				if (glp_get_col_kind(m->lp, j) != GLP_CV)
					glp_set_col_bnds(m->lp, j, GLP_FX, round(x[j]),
							 round(x[j]));
		} else if (more && order[i + 1] == MODEL_OBJ_MOVES) {
			/* The first objective before the moves: held with
			 * --slack (model-2.md stage 4), on z_r. */
			double limit = sr.value + o->slack * fabs(sr.value) +
				       1e-9 * fabs(sr.value) + 1e-6;
			if (sr.separable && o->slack == 0)
				fix_to_separable_best(m, &sc);
			else
				fix_by_reduced_cost(m, &ctx, limit);
			fix_first_with_slack(m, order[i], x, o->slack);
		} else if (more) {
			double limit = sr.value + 1e-9 * fabs(sr.value) + 1e-6;
			if (sr.separable)
				fix_to_separable_best(m, &sc);
			else
				fix_by_reduced_cost(m, &ctx, limit);
			fix_objective(m, &sc, sr.value);
		}
		objective_scale_finish(&sc);
		if (!more) {
			if (i + 1 < n_stages) {
				/* A stage left unsolved: no proof of the whole. */
				proven = false;
				if (r->stopped_by == PLAN_STOP_NONE)
					r->stopped_by = stop_reason(&ctx);
			}
			break;
		}
	}
	if (ok && r->status != PLAN_INFEASIBLE && r->status != PLAN_NO_PLAN) {
		if (have) {
			r->status = proven ? PLAN_OPTIMAL : PLAN_FEASIBLE;
			if (proven)
				r->stopped_by = PLAN_STOP_NONE;
			expand(m, x, r);
			r->fund_pay = model_funds_payments(m, x);
		} else {
			r->status = PLAN_NO_PLAN;
		}
	}
	r->seconds = now() - t0;
	free(x);
	free(offer);
	return ok;
}

void solve_result_finish(struct solve_result *r)
{
	free(r->money_value);
	r->money_value = NULL;
	free(r->fund_pay);
	r->fund_pay = NULL;
	free(r->decisions);
	r->decisions = NULL;
	r->n_decisions = 0;
}

const char *solve_glpk_version(void)
{
	return glp_version();
}
