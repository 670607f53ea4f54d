#include "solve.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "heuristic.h"
#include "model_impl.h"
#include "xalloc.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* What one stage's branch-and-bound callback needs. */
struct stage {
	const double *offer; /* a feasible point to hand GLPK, or NULL */
	bool offered;
	double bound; /* best bound seen; starts as the LP relaxation's */
	double t0;
	double last_print;
	bool progress;
	bool printed;
	bool (*interrupted)(void);
};

static void show_progress(glp_tree *tree, struct stage *st)
{
	double t = now();
	if (t - st->t0 < 1.0 || t - st->last_print < 0.5)
		return;
	st->last_print = t;
	st->printed = true;
	glp_prob *lp = glp_ios_get_prob(tree);
	fprintf(stderr, "\rphaseout: %6.1fs  ", t - st->t0);
	if (glp_mip_status(lp) == GLP_FEAS) {
		double best = glp_mip_obj_val(lp);
		double gap = (best - st->bound) / fmax(fabs(best), 1e-9);
		fprintf(stderr, "best %.6g  bound %.6g  gap %.2f%%   ", best, st->bound,
			gap * 100);
	} else {
		fprintf(stderr, "no plan yet  bound %.6g   ", st->bound);
	}
}

static void callback(glp_tree *tree, void *info)
{
	struct stage *st = info;
	if (st->interrupted && st->interrupted()) {
		glp_ios_terminate(tree);
		return;
	}
	switch (glp_ios_reason(tree)) {
	case GLP_IHEUR:
		if (st->offer && !st->offered) {
			st->offered = true;
			glp_ios_heur_sol(tree, st->offer);
		}
		break;
	case GLP_ISELECT: {
		int node = glp_ios_best_node(tree);
		if (node) {
			double b = glp_ios_node_bound(tree, node);
			if (b > st->bound)
				st->bound = b;
		}
		if (st->progress)
			show_progress(tree, st);
		break;
	}
	default:
		break;
	}
}

/* Milliseconds left for GLPK, INT_MAX without a limit; 0 = out of time. */
static int time_left_ms(const struct solve_options *o, double t0)
{
	if (o->interrupted && o->interrupted())
		return 0;
	if (o->time_limit <= 0)
		return 0x7fffffff;
	double left = o->time_limit - (now() - t0);
	if (left <= 0)
		return 0;
	return left * 1000 > 0x7fffffff ? 0x7fffffff : (int)(left * 1000) + 1;
}

static void set_objective(struct model *m, enum model_objective o)
{
	glp_set_obj_coef(m->lp, 0, m->obj_const[o]);
	for (int j = 1; j <= m->n_cols; j++)
		glp_set_obj_coef(m->lp, j, m->obj[o][j]);
}

/* The rule that fixes a solved stage: objective <= z + 1e-9|z| + 1e-6
 * (model.md), written without the constant term. */
static void fix_objective(struct model *m, enum model_objective o, double z)
{
	int row = glp_add_rows(m->lp, 1);
	int *ind = xmalloc(((size_t)m->n_cols + 1) * sizeof(int));
	double *val = xmalloc(((size_t)m->n_cols + 1) * sizeof(double));
	int n = 0;
	for (int j = 1; j <= m->n_cols; j++)
		if (m->obj[o][j] != 0) {
			n++;
			ind[n] = j;
			val[n] = m->obj[o][j];
		}
	glp_set_mat_row(m->lp, row, n, ind, val);
	glp_set_row_bnds(m->lp, row, GLP_UP, 0,
			 z - m->obj_const[o] + 1e-9 * fabs(z) + 1e-6);
	free(ind);
	free(val);
}

static double objective_of(const struct model *m, const double *x)
{
	double z = glp_get_obj_coef(m->lp, 0);
	for (int j = 1; j <= m->n_cols; j++)
		z += glp_get_obj_coef(m->lp, j) * x[j];
	return z;
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
		if (!d[k].year)
			continue;
		uint32_t g = group_of[d[k].site];
		ok = false;
		for (uint32_t j = m->group_first[g]; j < m->group_first[g + 1]; j++)
			if (m->cols[j].vendor == d[k].vendor &&
			    s->start + m->cols[j].year == d[k].year) {
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
 * carried money (what each limited year leaves over, in year order) and,
 * in an elastic model, each cap slack (the row's shortfall).
 */
static void fill_helpers(const struct model *m, double *x)
{
	const struct instance *in = m->in;
	int ny = in->n_years;
	double *spend = xcalloc((size_t)ny + 1, sizeof(double));
	for (int j = 1; j <= m->n_x; j++)
		if (x[j] != 0)
			spend[m->cols[j].year] +=
				x[j] * instance_cost(in, m->cols[j].group,
						     (size_t)m->cols[j].vendor,
						     m->cols[j].year);
	int j = m->n_x + 1;
	double carried = 0;
	for (int k = 0; in->scenario->carry_over && k + 1 < ny; k++) {
		if (isfinite(in->budget[k]) && isfinite(in->budget[k + 1])) {
			carried = fmax(0, in->budget[k] + carried - spend[k]);
			x[j++] = carried;
		} else {
			carried = 0;
		}
	}
	free(spend);

	size_t n = (size_t)glp_get_num_rows(m->lp) + (size_t)m->n_cols + 1;
	int *ind = xmalloc(n * sizeof(int));
	double *val = xmalloc(n * sizeof(double));
	for (; j <= m->n_cols; j++) {
		x[j] = 0;
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
			if (c->year != k - 1)
				continue;
			double v = count[((size_t)c->group * in->n_vendors +
					  (size_t)c->vendor) *
						 (size_t)in->n_years +
					 (size_t)c->year];
			glp_set_col_bnds(gd->lp, j, GLP_FX, v, v);
		}
		if (glp_simplex(gd->lp, &gd->smcp) != 0 ||
		    glp_get_status(gd->lp) != GLP_OPT)
			return false;
	}
	for (uint32_t g = 0; g < in->n_groups; g++) {
		want[g] = 0;
		for (uint32_t j = m->group_first[g]; j < m->group_first[g + 1]; j++)
			if (m->cols[j].year == k)
				want[g] += glp_get_col_prim(gd->lp, (int)j);
	}
	return true;
}

static double *lp_guided_plan(const struct model *m, const struct solve_options *o,
			      double t0)
{
	struct guide gd = {.m = m, .lp = glp_create_prob()};
	glp_copy_prob(gd.lp, m->lp, GLP_OFF);
	glp_init_smcp(&gd.smcp);
	gd.smcp.msg_lev = GLP_MSG_OFF;
	gd.smcp.meth = GLP_DUALP;
	gd.smcp.tm_lim = time_left_ms(o, t0);
	double *x = NULL;
	if (glp_simplex(gd.lp, &gd.smcp) == 0 && glp_get_status(gd.lp) == GLP_OPT) {
		struct heuristic_guide guide = {guide_want, &gd};
		struct site_decision *d = NULL;
		size_t n = 0;
		if (heuristic_plan(m->in, true, &guide, &d, &n)) {
			x = columns_of(m, d, n);
			if (x)
				fill_helpers(m, x);
		}
		free(d);
	}
	glp_delete_prob(gd.lp);
	return x;
}

/*
 * The value of money per year, from the LP relaxation of the exposure
 * stage: a budget row's dual is the change in E per extra unit of money
 * that year (<= 0), so its negation is the exposure removed. An LP
 * estimate: integer plans move in steps.
 */
static double *budget_duals(const struct model *m)
{
	int ny = m->in->n_years;
	double *v = xmalloc(((size_t)ny + 1) * sizeof(double));
	for (int k = 0; k < ny; k++)
		v[k] = m->budget_row[k]
			       ? fmax(0, -glp_get_row_dual(m->lp, m->budget_row[k]))
			       : NAN;
	return v;
}

enum stage_outcome {
	STAGE_OPTIMAL,
	STAGE_FEASIBLE, /* stopped by the limits with a solution */
	STAGE_INFEASIBLE,
	STAGE_NO_SOLUTION, /* stopped by the limits without one */
	STAGE_ERROR,
};

/*
 * One stage: the LP relaxation, then branch and bound without GLPK's MIP
 * presolver (so that the callback's columns are the model's and a known
 * plan can be offered as the first incumbent). Leaves the solution in x.
 */
static enum stage_outcome run_stage(struct model *m, const struct solve_options *o,
				    double t0, const double *offer, bool guide,
				    double **money, double *x, double *value,
				    double *bound)
{
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	smcp.tm_lim = time_left_ms(o, t0);
	if (smcp.tm_lim == 0)
		return STAGE_NO_SOLUTION;
	int ret = glp_simplex(m->lp, &smcp);
	if (ret == GLP_ETMLIM)
		return STAGE_NO_SOLUTION;
	if (ret != 0) {
		/* A singular basis after the stage rows: start afresh once. */
		glp_adv_basis(m->lp, 0);
		ret = glp_simplex(m->lp, &smcp);
		if (ret != 0) {
			fprintf(stderr,
				"phaseout: error: GLPK's simplex failed (code %d)\n",
				ret);
			return ret == GLP_ETMLIM ? STAGE_NO_SOLUTION : STAGE_ERROR;
		}
	}
	int lp_status = glp_get_status(m->lp);
	if (lp_status == GLP_NOFEAS || glp_get_prim_stat(m->lp) == GLP_NOFEAS)
		return STAGE_INFEASIBLE;
	if (lp_status != GLP_OPT) {
		fprintf(stderr,
			"phaseout: error: the LP relaxation ended with status %d\n",
			lp_status);
		return STAGE_ERROR;
	}
	*bound = glp_get_obj_val(m->lp);
	if (money && m->budget_row)
		*money = budget_duals(m);

	/* Offer the better of the plan we were given and one that follows
	 * this LP's schedule. */
	double *guided = NULL;
	if (guide)
		guided = lp_guided_plan(m, o, t0);
	if (guided && (!offer || objective_of(m, guided) < objective_of(m, offer) - 1e-9))
		offer = guided;
	struct stage st = {
		.offer = offer,
		.bound = glp_get_obj_val(m->lp),
		.t0 = t0,
		.progress = o->progress,
		.interrupted = o->interrupted,
	};
	glp_iocp iocp;
	glp_init_iocp(&iocp);
	iocp.msg_lev = GLP_MSG_OFF;
	iocp.presolve = GLP_OFF;
	iocp.br_tech = GLP_BR_DTH;
	iocp.bt_tech = GLP_BT_BLB;
	iocp.mip_gap = o->gap;
	/* Proximity search improves the plan we offer far faster than
	 * branching alone on these models. Without an offer it can spin on
	 * a small model until its own clock runs out, so it runs only with
	 * one, and for at most a quarter of the time left (10 s at most). */
	iocp.ps_heur = offer ? GLP_ON : GLP_OFF;
	iocp.cb_func = callback;
	iocp.cb_info = &st;
	iocp.tm_lim = time_left_ms(o, t0);
	iocp.ps_tm_lim = iocp.tm_lim / 4 < 10000 ? iocp.tm_lim / 4 + 1 : 10000;
	if (iocp.tm_lim == 0) {
		free(guided);
		return STAGE_NO_SOLUTION;
	}
	ret = glp_intopt(m->lp, &iocp);
	free(guided);
	if (st.printed)
		fputc('\n', stderr);
	int mip = glp_mip_status(m->lp);
	if (ret != 0 && ret != GLP_ETMLIM && ret != GLP_EMIPGAP && ret != GLP_ESTOP) {
		fprintf(stderr,
			"phaseout: error: GLPK's branch and bound failed (code %d)\n",
			ret);
		return STAGE_ERROR;
	}
	if (mip == GLP_NOFEAS && ret == 0)
		return STAGE_INFEASIBLE;
	if (mip != GLP_OPT && mip != GLP_FEAS)
		return STAGE_NO_SOLUTION;
	for (int j = 1; j <= m->n_cols; j++)
		x[j] = glp_mip_col_val(m->lp, j);
	*value = glp_mip_obj_val(m->lp);
	*bound = (ret == 0 && mip == GLP_OPT) ? *value : fmin(st.bound, *value);
	return (ret == 0 && mip == GLP_OPT) ? STAGE_OPTIMAL : STAGE_FEASIBLE;
}

/* Members of a group take the group's (year, vendor) counts in column
 * order (year, then vendor) and site_id order: a deterministic expansion
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
							sites[i],
							in->scenario->start + c->year,
							c->vendor};
			}
		}
		uint32_t from = gr->multiplicity == 1 ? (next ? gr->n_sites : 0) : next;
		for (uint32_t i = from; i < gr->n_sites; i++)
			r->decisions[r->n_decisions++] =
				(struct site_decision){sites[i], 0, -1};
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

bool solve_model(struct model *m, const struct solve_options *o, struct solve_result *r)
{
	memset(r, 0, sizeof(*r));
	r->bound = NAN;
	r->violation = NAN;
	double t0 = now();
	enum model_objective order[3];
	int n_stages = model_objective_order(m, order);
	int first = m->mode == MODEL_ELASTIC ? 1 : 0; /* the stage of E or cost */

	double *x = xcalloc((size_t)m->n_cols + 1, sizeof(double));
	double *offer = NULL;
	if (o->start) {
		offer = columns_of(m, o->start, o->n_start);
		if (offer)
			fill_helpers(m, offer);
	}
	bool have = false, proven = true, ok = true;
	scale_if_safe(m->lp);
	glp_adv_basis(m->lp, 0);
	for (int i = 0; i < n_stages; i++) {
		set_objective(m, order[i]);
		double value = NAN, bound = NAN;
		bool guide = i == first && m->mode == MODEL_HARD;
		bool duals = guide && order[i] == MODEL_OBJ_EXPOSURE;
		enum stage_outcome out =
			run_stage(m, o, t0, offer, guide, duals ? &r->money_value : NULL,
				  x, &value, &bound);
		if (out == STAGE_ERROR) {
			ok = false;
			break;
		}
		if (out == STAGE_INFEASIBLE && !have) {
			r->status = PLAN_INFEASIBLE;
			break;
		}
		if (out == STAGE_NO_SOLUTION && !have && offer && i == first) {
			/* Out of time before GLPK found a plan: the starting
			 * plan keeps every rule, so it is the answer, with the
			 * LP bound when the relaxation was solved. */
			memcpy(x, offer, ((size_t)m->n_cols + 1) * sizeof(double));
			have = true;
			proven = false;
			r->bound = bound;
			break;
		}
		if (out == STAGE_NO_SOLUTION || out == STAGE_INFEASIBLE) {
			/* Out of time (or tolerance trouble) after an earlier
			 * stage: keep that stage's plan. */
			proven = false;
			if (have && offer)
				memcpy(x, offer,
				       ((size_t)m->n_cols + 1) * sizeof(double));
			break;
		}
		have = true;
		if (out != STAGE_OPTIMAL)
			proven = false;
		if (i == first)
			r->bound = bound;
		if (i == 0 && first == 1)
			r->violation = value;
		if (!offer)
			offer = xmalloc(((size_t)m->n_cols + 1) * sizeof(double));
		memcpy(offer, x, ((size_t)m->n_cols + 1) * sizeof(double));
		if (i + 1 < n_stages)
			fix_objective(m, order[i], value);
		if (out != STAGE_OPTIMAL)
			break; /* the limits are spent; a second stage would be noise */
	}
	if (ok && r->status != PLAN_INFEASIBLE) {
		if (have) {
			r->status = proven ? PLAN_OPTIMAL : PLAN_FEASIBLE;
			expand(m, x, r);
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
	free(r->decisions);
	r->decisions = NULL;
	r->n_decisions = 0;
}
