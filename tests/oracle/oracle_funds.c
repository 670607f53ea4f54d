/*
 * The oracle's funds (model-2.md rules 7 and 8, stage 2): given the swaps,
 * the payments are a linear programme, solved here with GLPK's simplex
 * for the tiny scenarios of the brute force. Its own rows, written from
 * the spec: per fund f, eligible domain d and paying period p,
 * 0 <= pay <= share_f x cost_d(p); per (d, p) all funds together at most
 * cost_d(p); per fund and period, its payments so far at most its money
 * disbursed so far; the budget on own spend (cost - payments) per period
 * key and per year, with carry_over as a running sum over each stretch of
 * limited years. The objective maximises the payments' present value, so
 * the own present cost is the least model-2.md allows.
 */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"
#include "util/xalloc.h"

/* The periods fund f pays in: from its first disbursement's period to
 * its final date's binding end, within the horizon. */
static void paying(const struct oracle *o, const struct fund *f, int *from, int *to)
{
	*from = f->first_p < 0 ? 0 : f->first_p;
	*to = f->final_p >= o->n_periods ? o->n_periods - 1 : f->final_p;
}

int oracle_fund_deadline(const struct oracle *o, size_t i)
{
	const struct scenario *s = o->s;
	int d = ORACLE_NEVER;
	for (size_t k = 0; k < s->n_funds; k++) {
		const struct fund *f = &s->funds[k];
		if (f->has_final && f->final_p < o->n_periods &&
		    scenario_fund_covers(f, s->sites[i].domain) && f->final_p < d)
			d = f->final_p;
	}
	return d;
}

int oracle_extensions_used(const struct oracle *o, const int *period)
{
	const struct scenario *s = o->s;
	int total = 0;
	for (size_t k = 0; k < s->n_funds; k++) {
		const struct fund *f = &s->funds[k];
		if (f->deadline_kind != FUND_DEADLINE_MONTHS || f->max_extensions < 1)
			continue;
		int least = 0;
		for (size_t i = 0; i < s->n_sites; i++) {
			if (!o->hr[i] || period[i] == ORACLE_UNSWAPPED ||
			    !scenario_fund_covers(f, s->sites[i].domain))
				continue;
			while (least < f->max_extensions && period[i] > f->ext_p[least])
				least++;
		}
		total += least;
	}
	return total;
}

/* cost[d * np + p]: the nominal cost of the plan's domain-d swaps in p. */
static double *domain_costs(const struct oracle *o, const int *period, const int *vendor)
{
	const struct scenario *s = o->s;
	size_t np = (size_t)o->n_periods;
	double *cost = xcalloc(s->domains.count * np + 1, sizeof(*cost));
	for (size_t i = 0; i < s->n_sites; i++) {
		double eq, sc, pv;
		if (!o->hr[i] || period[i] < 0 || period[i] >= o->n_periods ||
		    !oracle_site_cost(o, i, vendor[i], period[i], &eq, &sc, &pv))
			continue;
		cost[s->sites[i].domain * np + (size_t)period[i]] += eq + sc;
	}
	return cost;
}

void oracle_funds_most(const struct oracle *o, const int *period, const int *vendor,
		       double *most)
{
	const struct scenario *s = o->s;
	size_t np = (size_t)o->n_periods;
	double *cost = domain_costs(o, period, vendor);
	for (size_t p = 0; p < np; p++)
		most[p] = 0;
	for (size_t d = 0; d < s->domains.count; d++)
		for (size_t p = 0; p < np; p++) {
			double pay = 0;
			for (size_t k = 0; k < s->n_funds; k++) {
				const struct fund *f = &s->funds[k];
				int from, to;
				paying(o, f, &from, &to);
				if ((int)p >= from && (int)p <= to &&
				    scenario_fund_covers(f, (uint32_t)d))
					pay += f->share * cost[d * np + p];
			}
			most[p] += fmin(pay, cost[d * np + p]);
		}
	free(cost);
}

struct lp {
	glp_prob *lp;
	int *ia, *ja;
	double *ar;
	int n, alloc;
};

static void put(struct lp *l, int row, int col, double v)
{
	if (l->n + 1 >= l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 256;
		l->ia = xreallocarray(l->ia, (size_t)l->alloc, sizeof(int));
		l->ja = xreallocarray(l->ja, (size_t)l->alloc, sizeof(int));
		l->ar = xreallocarray(l->ar, (size_t)l->alloc, sizeof(double));
	}
	l->n++;
	l->ia[l->n] = row;
	l->ja[l->n] = col;
	l->ar[l->n] = v;
}

static int add_row(struct lp *l, int type, double lo, double up)
{
	int r = glp_add_rows(l->lp, 1);
	glp_set_row_bnds(l->lp, r, type, lo, up);
	return r;
}

bool oracle_funds_pay(const struct oracle *o, const int *period, const int *vendor,
		      const double *spend, double *paid, double *paid_present)
{
	const struct scenario *s = o->s;
	size_t np = (size_t)o->n_periods, nd = s->domains.count, nf = s->n_funds;
	double *cost = domain_costs(o, period, vendor);
	/* col[(f * nd + d) * np + p]: the payment's column, 0 when none. */
	int *col = xcalloc(nf * nd * np + 1, sizeof(*col));
	struct lp l = {glp_create_prob(), NULL, NULL, NULL, 0, 0};
	glp_set_obj_dir(l.lp, GLP_MAX);
	for (size_t k = 0; k < nf; k++) {
		const struct fund *f = &s->funds[k];
		int from, to;
		paying(o, f, &from, &to);
		for (size_t d = 0; d < nd; d++)
			for (int p = from; p <= to; p++) {
				double c = cost[d * np + (size_t)p];
				if (!scenario_fund_covers(f, (uint32_t)d) || c <= 0 ||
				    f->share <= 0)
					continue;
				int j = glp_add_cols(l.lp, 1);
				col[(k * nd + d) * np + (size_t)p] = j;
				glp_set_col_bnds(l.lp, j, GLP_DB, 0, f->share * c);
				glp_set_obj_coef(l.lp, j,
						 pow(1.0 + s->discount_rate,
						     -(double)p / o->per_year));
			}
	}
	for (size_t d = 0; d < nd; d++)
		for (size_t p = 0; p < np; p++) {
			int r = 0;
			for (size_t k = 0; k < nf; k++) {
				int j = col[(k * nd + d) * np + p];
				if (!j)
					continue;
				if (!r)
					r = add_row(&l, GLP_UP, 0, cost[d * np + p]);
				put(&l, r, j, 1);
			}
		}
	for (size_t k = 0; k < nf; k++) {
		const struct fund *f = &s->funds[k];
		double money = 0;
		for (size_t p = 0; p < np; p++) {
			for (size_t m = 0; m < f->n_disbursements; m++)
				if (f->disbursements[m].p == (int)p)
					money += f->disbursements[m].amount;
			int r = add_row(&l, GLP_UP, 0, money);
			for (size_t q = 0; q <= p; q++)
				for (size_t d = 0; d < nd; d++)
					if (col[(k * nd + d) * np + q])
						put(&l, r, col[(k * nd + d) * np + q], 1);
		}
	}
	/* Own spend = spend - payments: each period key and each stretch of
	 * years whose carry-over runs together. */
	for (size_t p = 0; p < np; p++) {
		if (isinf(o->budget_key[p]))
			continue;
		int r = add_row(&l, GLP_LO, spend[p] - o->budget_key[p], 0);
		for (size_t k = 0; k < nf; k++)
			for (size_t d = 0; d < nd; d++)
				if (col[(k * nd + d) * np + p])
					put(&l, r, col[(k * nd + d) * np + p], 1);
	}
	int run = 0;
	for (int y = 0; y < s->n_years; y++) {
		if (isinf(o->budget[y])) {
			run = y + 1;
			continue;
		}
		int first = s->carry_over ? run : y;
		double need = 0;
		int r = add_row(&l, GLP_LO, 0, 0);
		for (int z = first; z <= y; z++) {
			need -= o->budget[z];
			for (int q = z * o->per_year; q < (z + 1) * o->per_year; q++) {
				need += spend[q];
				for (size_t k = 0; k < nf; k++)
					for (size_t d = 0; d < nd; d++)
						if (col[(k * nd + d) * np + (size_t)q])
							put(&l, r,
							    col[(k * nd + d) * np +
								(size_t)q],
							    1);
			}
		}
		glp_set_row_bnds(l.lp, r, GLP_LO, need, 0);
	}
	bool ok = true;
	for (size_t p = 0; p < np; p++)
		paid[p] = 0;
	*paid_present = 0;
	if (glp_get_num_cols(l.lp) == 0) {
		/* Nothing to pay: the budget alone judges. */
		for (int i = 1; i <= glp_get_num_rows(l.lp); i++)
			if (glp_get_row_type(l.lp, i) == GLP_LO &&
			    glp_get_row_lb(l.lp, i) >
				    1e-9 * fmax(1, fabs(glp_get_row_lb(l.lp, i))))
				ok = false;
	} else {
		if (glp_get_num_rows(l.lp) == 0)
			add_row(&l, GLP_FR, 0, 0);
		glp_load_matrix(l.lp, l.n, l.ia, l.ja, l.ar);
		glp_smcp parm;
		glp_init_smcp(&parm);
		parm.msg_lev = GLP_MSG_OFF;
		ok = glp_simplex(l.lp, &parm) == 0 && glp_get_status(l.lp) == GLP_OPT;
		for (size_t k = 0; ok && k < nf; k++)
			for (size_t d = 0; d < nd; d++)
				for (size_t p = 0; p < np; p++) {
					int j = col[(k * nd + d) * np + p];
					if (j)
						paid[p] += glp_get_col_prim(l.lp, j);
				}
		if (ok)
			*paid_present = glp_get_obj_val(l.lp);
	}
	glp_delete_prob(l.lp);
	free(l.ia);
	free(l.ja);
	free(l.ar);
	free(col);
	free(cost);
	return ok;
}
