#include "solver/model_funds.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan/history.h"
#include "plan/ledger_money.h"
#include "plan/replan_check.h"
#include "util/xalloc.h"

/* The periods in which fund f may pay in this instance's model. */
static void pay_range(const struct instance *in, const struct fund *f, int *from, int *to)
{
	ledger_money_pay_range(in->scenario, f, in->replan_p, from, to);
}

double model_funds_ledger_paid(const struct instance *in, uint32_t g)
{
	const struct scenario *s = in->scenario;
	const struct group *gr = &in->groups[g];
	if (gr->fixed_p < 0 || !in->history)
		return 0;
	double sum = 0;
	for (uint32_t k = 0; k < gr->n_sites; k++) {
		uint32_t r = in->history->row_of[in->group_sites[gr->first_site + k]];
		const struct ledger_row *row = &s->fixed[r];
		for (uint32_t q = row->pay_first; q < row->pay_first + row->n_pay; q++)
			sum += s->fixed_pays[q].amount;
	}
	return sum;
}

/* A fixed group's ledger rows with an empty funded cell (the planner
 * splits them): their cost by domain, into cost[d]. Rows with funded
 * items have their split in the ledger and take no payment. */
static void fixed_domain_costs(const struct instance *in, uint32_t g, double *cost)
{
	const struct scenario *s = in->scenario;
	const struct group *gr = &in->groups[g];
	memset(cost, 0, in->n_domains * sizeof(double));
	for (uint32_t k = 0; k < gr->n_sites; k++) {
		uint32_t site = in->group_sites[gr->first_site + k];
		const struct ledger_row *row = &s->fixed[in->history->row_of[site]];
		if (!row->n_pay)
			cost[s->sites[site].domain] += ledger_row_cost(s, row);
	}
}

/* Per member of group g swapped to vendor v in period p: the nominal
 * cost of its domain-d parts, into cost[d] (n_domains entries). */
static void domain_costs(const struct instance *in, uint32_t g, size_t v, int p,
			 double *cost)
{
	const struct scenario *s = in->scenario;
	const struct group *gr = &in->groups[g];
	memset(cost, 0, in->n_domains * sizeof(double));
	if (gr->fixed_p >= 0) {
		fixed_domain_costs(in, g, cost);
		return;
	}
	for (uint32_t q = gr->first_part; q < gr->first_part + gr->n_parts; q++) {
		const struct group_part *part = &in->parts[q];
		const char *dom = s->domains.names[part->domain];
		double uc = scenario_unit_cost(&s->vendors[v], dom);
		cost[part->domain] += (scenario_site_cost(s, dom) * part->sites +
				       uc * (double)part->units) *
				      in->escalation[p];
	}
}

/* The payment columns, their bounds, the budget rows' own spend and the
 * own-cost objectives. */
static int *add_pay_columns(struct builder *b)
{
	struct model *m = b->m;
	const struct instance *in = b->in;
	const struct scenario *s = in->scenario;
	int np = in->n_periods, ppy = in->periods_per_year;
	size_t nd = in->n_domains;
	int *col = xcalloc(s->n_funds * nd * (size_t)np + 1, sizeof(int));
	for (size_t f = 0; f < s->n_funds; f++) {
		const struct fund *fu = &s->funds[f];
		int from, to;
		pay_range(in, fu, &from, &to);
		double total = ledger_money_disbursed_by(fu, INT32_MAX);
		if (total <= 0 || fu->share <= 0)
			continue;
		for (uint32_t d = 0; d < nd; d++) {
			if (!scenario_fund_covers(fu, d))
				continue;
			for (int p = from; p <= to; p++) {
				int j = model_build_col(b, MODEL_COL_PAY, (int)f, p);
				m->pays = xreallocarray(m->pays, m->n_pays + 1,
							sizeof(*m->pays));
				m->pays[m->n_pays++] = (struct model_pay){
					j, (uint32_t)f, d, p, model_money(m, total)};
				col[(f * nd + d) * (size_t)np + (size_t)p] = j;
				int y = p / ppy;
				if (m->budget_row[y])
					model_build_coef(b, m->budget_row[y], j, -1);
				if (b->period_row[p])
					model_build_coef(b, b->period_row[p], j, -1);
				for (int k = y; k < in->n_years; k++)
					if (m->prefix_row[k] && m->prefix_from[k] <= y)
						model_build_coef(b, m->prefix_row[k], j,
								 -1);
				double disc = in->pv_factor[p] / in->escalation[p];
				m->obj[MODEL_OBJ_OWN_COST][j] = -disc * m->money_unit;
				m->obj[MODEL_OBJ_PAYMENTS][j] = -disc * m->money_unit;
			}
		}
	}
	return col;
}

/*
 * Rule 7's rows: pay_{f,d}(p) <= share_f * cost_d(p); the funds paying
 * for (d, p) together at most cost_d(p) (when more than one does); and
 * each fund's payments up to p at most its disbursements up to p less
 * the ledger's payments (ledger_money_room_by()), held at the last period before the
 * room grows and at its last paying period (in between, the left side
 * only grows). cost_d(p) counts the planner's swaps and the committed
 * rows whose funded cell is empty; a ledger row with funded items has
 * its split already.
 */
static void add_pay_rows(struct builder *b, const int *col)
{
	struct model *m = b->m;
	const struct instance *in = b->in;
	const struct scenario *s = in->scenario;
	size_t np = (size_t)in->n_periods, nd = in->n_domains, nf = s->n_funds;
	int *share_row = xcalloc(nf * nd * np + 1, sizeof(int));
	int *sum_row = xcalloc(nd * np + 1, sizeof(int));
	for (size_t d = 0; d < nd; d++)
		for (size_t p = 0; p < np; p++) {
			int n = 0;
			for (size_t f = 0; f < nf; f++)
				if (col[(f * nd + d) * np + p]) {
					int j = col[(f * nd + d) * np + p];
					int r = model_build_row(b, GLP_UP, 0, 0);
					share_row[(f * nd + d) * np + p] = r;
					model_build_coef(b, r, j, 1);
					n++;
				}
			if (n < 2)
				continue;
			int r = sum_row[d * np + p] = model_build_row(b, GLP_UP, 0, 0);
			for (size_t f = 0; f < nf; f++)
				model_build_coef(b, r, col[(f * nd + d) * np + p], 1);
		}
	double *cost = xcalloc(nd + 1, sizeof(double));
	for (int j = 1; j <= m->n_x; j++) {
		const struct model_col *c = &m->cols[j];
		size_t p = (size_t)c->period;
		domain_costs(in, c->group, (size_t)c->vendor, c->period, cost);
		for (size_t d = 0; d < nd; d++) {
			if (cost[d] == 0)
				continue;
			double money = model_money(m, cost[d]);
			for (size_t f = 0; f < nf; f++)
				if (share_row[(f * nd + d) * np + p])
					model_build_coef(b,
							 share_row[(f * nd + d) * np + p],
							 j, -s->funds[f].share * money);
			if (sum_row[d * np + p])
				model_build_coef(b, sum_row[d * np + p], j, -money);
		}
	}
	free(cost);
	free(share_row);
	free(sum_row);
	for (size_t f = 0; f < nf; f++) {
		const struct fund *fu = &s->funds[f];
		int from, to;
		pay_range(in, fu, &from, &to);
		for (int p = from; p <= to; p++) {
			double cum = ledger_money_room_by(s, f, p);
			if (p < to && ledger_money_room_by(s, f, p + 1) == cum)
				continue;
			int r = 0;
			for (size_t d = 0; d < nd; d++)
				for (int q = from; q <= p; q++) {
					int j = col[(f * nd + d) * np + (size_t)q];
					if (!j)
						continue;
					if (!r)
						r = model_build_row(b, GLP_UP, 0,
								    model_money(m, cum));
					model_build_coef(b, r, j, 1);
				}
		}
	}
}

/* Whether group g has a site in a domain fund f covers. */
static bool group_eligible(const struct instance *in, const struct group *g,
			   const struct fund *f)
{
	for (uint32_t q = g->first_part; q < g->first_part + g->n_parts; q++)
		if (scenario_fund_covers(f, in->parts[q].domain))
			return true;
	return false;
}

/*
 * The extensions (model-2.md stage 2): for a fund with max_extensions K
 * >= 1, e_{f,k} for k = 1..K, and for each eligible group and k the row
 * "its members swapped after D_f(k-1)'s binding end <= multiplicity *
 * e_{f,k}": k_f = sum_k e_{f,k} is then at least the extensions its
 * swaps need. Groups swapped by D_f(0) need none; the fund deadline
 * (D_f(K)) is the instance's.
 */
static void add_extension_rows(struct builder *b)
{
	struct model *m = b->m;
	const struct instance *in = b->in;
	const struct scenario *s = in->scenario;
	int np = in->n_periods;
	for (size_t f = 0; f < s->n_funds; f++) {
		const struct fund *fu = &s->funds[f];
		if (fu->deadline_kind != FUND_DEADLINE_MONTHS || fu->max_extensions < 1)
			continue;
		for (int k = 1; k <= fu->max_extensions; k++) {
			int after = fu->ext_p[k - 1];
			if (after >= np - 1)
				break;
			int e = 0;
			for (uint32_t g = 0; g < in->n_groups; g++) {
				const struct group *gr = &in->groups[g];
				if (!group_eligible(in, gr, fu))
					continue;
				int row = 0;
				for (uint32_t j = m->group_first[g];
				     j < m->group_first[g + 1]; j++) {
					if (m->cols[j].period <= after)
						continue;
					if (!e) {
						e = model_build_col(b, MODEL_COL_EXT,
								    (int)f, -1);
						m->exts = xreallocarray(m->exts,
									m->n_exts + 1,
									sizeof(*m->exts));
						m->exts[m->n_exts++] = (struct model_ext){
							e, (uint32_t)f, k};
						m->obj[MODEL_OBJ_EXTENSIONS][e] = 1;
					}
					if (!row) {
						row = model_build_row(b, GLP_UP, 0, 0);
						model_build_coef(
							b, row, e,
							-(double)gr->multiplicity);
					}
					model_build_coef(b, row, (int)j, 1);
				}
			}
		}
	}
}

void model_funds_build(struct builder *b)
{
	if (!b->in->scenario->n_funds)
		return;
	int *col = add_pay_columns(b);
	add_pay_rows(b, col);
	free(col);
	add_extension_rows(b);
}

bool model_funds_col_bounds(struct model *m, int j)
{
	const struct model_col *c = &m->cols[j];
	if (c->group == MODEL_COL_PAY) {
		for (size_t k = 0; k < m->n_pays; k++)
			if (m->pays[k].col == j) {
				glp_set_col_bnds(m->lp, j, GLP_DB, 0, m->pays[k].ub);
				break;
			}
		return true;
	}
	if (c->group == MODEL_COL_EXT) {
		glp_set_col_kind(m->lp, j, GLP_BV);
		m->n_int_cols++;
		return true;
	}
	return false;
}

/*
 * A plan offered (the heuristic's) gets payments as early and as large
 * as the rules allow: period by period, each fund in order pays its
 * share of each eligible domain's cost, within what the funds before it
 * left of that cost and what it has disbursed and not yet paid. Every
 * row of rule 7 then holds; own spend is lowest in the earliest periods.
 */
void model_funds_fill_payments(const struct model *m, double *x, double *spend)
{
	const struct instance *in = m->in;
	const struct scenario *s = in->scenario;
	size_t nd = in->n_domains, np = (size_t)in->n_periods;
	if (!m->n_pays)
		return;
	double *cost = xcalloc(nd * np + 1, sizeof(double));
	double *dc = xcalloc(nd + 1, sizeof(double));
	for (int j = 1; j <= m->n_x; j++) {
		if (x[j] == 0)
			continue;
		const struct model_col *c = &m->cols[j];
		domain_costs(in, c->group, (size_t)c->vendor, c->period, dc);
		for (size_t d = 0; d < nd; d++)
			cost[d * np + (size_t)c->period] += x[j] * model_money(m, dc[d]);
	}
	double *paid = xcalloc(s->n_funds + 1, sizeof(double));
	double *left = xcalloc(nd * np + 1, sizeof(double));
	memcpy(left, cost, nd * np * sizeof(double));
	/* m->pays is in fund, domain, period order: walk it period first. */
	for (size_t p = 0; p < np; p++)
		for (size_t k = 0; k < m->n_pays; k++) {
			const struct model_pay *mp = &m->pays[k];
			if ((size_t)mp->period != p)
				continue;
			const struct fund *fu = &s->funds[mp->fund];
			double room = model_money(m, ledger_money_room_by(s, mp->fund,
									  (int)p)) -
				      paid[mp->fund];
			double want = fu->share * cost[mp->domain * np + p];
			double v = fmin(fmin(want, left[mp->domain * np + p]), room);
			v = v > 0 ? v : 0;
			x[mp->col] = v;
			paid[mp->fund] += v;
			left[mp->domain * np + p] -= v;
			spend[p / (size_t)in->periods_per_year] -= v;
		}
	free(cost);
	free(dc);
	free(paid);
	free(left);
}

void model_funds_fill_extensions(const struct model *m, double *x)
{
	if (!m->n_exts)
		return;
	int n = (int)m->n_cols;
	int *ind = xmalloc(((size_t)glp_get_num_rows(m->lp) + 1) * sizeof(int));
	double *val = xmalloc(((size_t)glp_get_num_rows(m->lp) + 1) * sizeof(double));
	int *rind = xmalloc(((size_t)n + 1) * sizeof(int));
	double *rval = xmalloc(((size_t)n + 1) * sizeof(double));
	for (size_t k = 0; k < m->n_exts; k++) {
		int e = m->exts[k].col;
		x[e] = 0;
		int len = glp_get_mat_col(m->lp, e, ind, val);
		for (int q = 1; q <= len && x[e] == 0; q++) {
			/* Its own rows only (members - multiplicity * e <= 0):
			 * the row that fixes the extensions stage (sum of e <=
			 * z) has e at +1, and read as one it set every e to 1
			 * once z of them were, so that no plan offered after
			 * that stage kept its rows. */
			if (val[q] >= 0)
				continue;
			int rlen = glp_get_mat_row(m->lp, ind[q], rind, rval);
			double act = 0;
			for (int t = 1; t <= rlen; t++)
				if (rind[t] != e)
					act += rval[t] * x[rind[t]];
			if (act > 0.5)
				x[e] = 1;
		}
	}
	free(ind);
	free(val);
	free(rind);
	free(rval);
}

double *model_funds_payments(const struct model *m, const double *x)
{
	if (!m->n_pays)
		return NULL;
	const struct instance *in = m->in;
	size_t np = (size_t)in->n_periods, nd = in->n_domains;
	double *pay = xcalloc(in->scenario->n_funds * nd * np + 1, sizeof(double));
	for (size_t k = 0; k < m->n_pays; k++) {
		const struct model_pay *mp = &m->pays[k];
		double v = x[mp->col] * m->money_unit;
		pay[(mp->fund * nd + mp->domain) * np + (size_t)mp->period] =
			v > 0 ? v : 0;
	}
	return pay;
}

double model_funds_extensions_least(const struct model *m)
{
	const struct scenario *s = m->in->scenario;
	double least = 0;
	for (size_t f = 0; f < s->n_funds; f++) {
		size_t cols = 0;
		for (size_t i = 0; i < m->n_exts; i++)
			cols += m->exts[i].fund == f;
		if (!cols)
			continue;
		size_t k = (size_t)replan_check_extensions_least(s, f, m->in->budget);
		least += (double)(k < cols ? k : cols);
	}
	return least;
}

bool model_funds_continuous(const struct model *m, int o)
{
	for (size_t k = 0; k < m->n_pays; k++)
		if (m->obj[o][m->pays[k].col] != 0)
			return true;
	return false;
}

void model_funds_free(struct model *m)
{
	free(m->pays);
	free(m->exts);
}

double *model_funds_widened_budget(const struct instance *in)
{
	const struct scenario *s = in->scenario;
	int ppy = in->periods_per_year;
	double *b = xmalloc(((size_t)in->n_years + 1) * sizeof(double));
	memcpy(b, in->budget, (size_t)in->n_years * sizeof(double));
	for (size_t f = 0; f < s->n_funds; f++) {
		const struct fund *fu = &s->funds[f];
		int from, to;
		pay_range(in, fu, &from, &to);
		for (size_t k = 0; k < fu->n_disbursements; k++) {
			int p = fu->disbursements[k].p < from ? from
							      : fu->disbursements[k].p;
			if (p > to || p >= in->n_periods)
				continue;
			/* The year's budget may go in any of its periods: money
			 * that comes after the first waits for the next year. */
			int y = p / ppy + (p % ppy ? 1 : 0);
			if (y < in->n_years && isfinite(b[y]))
				b[y] += fu->disbursements[k].amount;
		}
	}
	return b;
}

void model_funds_fixed_own(const struct instance *in, double *period_own)
{
	if (!in->history) {
		memset(period_own, 0, (size_t)in->n_periods * sizeof(double));
		return;
	}
	ledger_money_own(in->scenario, in->replan_p, period_own);
}
