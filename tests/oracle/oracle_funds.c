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

/* The periods in which fund f's payments are the planner's to choose:
 * from its first disbursement's period to its final date's binding end,
 * within the horizon, and from replan_from on (model-2.md rule 7: before
 * replan_from, fund payments are the ledger's). */
static void paying(const struct oracle *o, const struct fund *f, int *from, int *to)
{
	*from = f->first_p < 0 ? 0 : f->first_p;
	if (*from < o->replan_p)
		*from = o->replan_p;
	*to = f->final_p >= o->n_periods ? o->n_periods - 1 : f->final_p;
}

/* The money fund f has disbursed in periods up to p. */
static double disbursed_by(const struct fund *f, int p)
{
	double money = 0;
	for (size_t m = 0; m < f->n_disbursements; m++)
		if (f->disbursements[m].p <= p)
			money += f->disbursements[m].amount;
	return money;
}

/* What the ledger's funded items of fund k say it paid in periods up to
 * p (done rows) or is contracted to pay (committed rows). */
static double ledger_paid_by(const struct oracle *o, size_t k, int p)
{
	double paid = 0;
	for (int q = 0; q <= p; q++)
		paid += o->ledger_paid[k * (size_t)o->n_periods + (size_t)q];
	return paid;
}

/* Whether the split of site i's cost among the funds is the planner's to
 * choose (scenario-format-2.md, `funded`): a planned swap, or a committed
 * ledger row with an empty funded cell. A done row pays as the ledger
 * says (an empty cell: own money only), and so does a row with items. */
static bool split_chosen(const struct oracle *o, size_t i)
{
	int32_t r = o->ledger_row[i];
	if (r < 0)
		return true;
	const struct ledger_row *row = &o->s->fixed[r];
	return row->p >= o->replan_p && row->n_pay == 0;
}

int oracle_fund_deadline(const struct oracle *o, size_t i)
{
	const struct scenario *s = o->s;
	int d = ORACLE_NEVER;
	for (size_t k = 0; k < s->n_funds; k++) {
		const struct fund *f = &s->funds[k];
		if (f->has_final && f->final_p < o->n_periods && !o->fund_broken[k] &&
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

/* cost[d * np + p]: the nominal cost of the plan's domain-d swaps in p
 * whose split the planner chooses (cost_d(p) of model-2.md rule 7; a
 * ledger row with funded items has its split written: it is not shared
 * in p's payment, and a fund's share, "the most of one eligible swap's
 * cost", is that row's business). */
static double *domain_costs(const struct oracle *o, const int *period, const int *vendor)
{
	const struct scenario *s = o->s;
	size_t np = (size_t)o->n_periods;
	double *cost = xcalloc(s->domains.count * np + 1, sizeof(*cost));
	for (size_t i = 0; i < s->n_sites; i++) {
		double eq, sc, pv;
		if (!o->hr[i] || period[i] < 0 || period[i] >= o->n_periods ||
		    !split_chosen(o, i) ||
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
	for (size_t k = 0; k < s->n_funds; k++)
		for (size_t p = 0; p < np; p++)
			most[p] += o->ledger_paid[k * np + p];
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

/* The columns of one period's payments, all funds and domains, into row r
 * with coefficient 1. */
static void put_period(struct lp *l, const int *col, size_t nf, size_t nd, size_t np,
		       int r, int p)
{
	for (size_t k = 0; k < nf; k++)
		for (size_t d = 0; d < nd; d++)
			if (col[(k * nd + d) * np + (size_t)p])
				put(l, r, col[(k * nd + d) * np + (size_t)p], 1);
}

/* A row "the payments of periods from .. to at least need", 'scale' the
 * size of the money in it: the lower bound is eased by oracle_le()'s
 * rounding, so that a plan spending its money to the cent is not refused
 * here (oracle_evaluate() judges it after, exactly). */
static void add_at_least(struct lp *l, const int *col, size_t nf, size_t nd, size_t np,
			 int from, int to, double need, double scale)
{
	int r = add_row(l, GLP_LO, need - 1e-9 * fmax(1.0, fabs(scale)), 0);
	for (int p = from; p <= to; p++)
		put_period(l, col, nf, nd, np, r, p);
}

/*
 * The budget on own spend with a history, as oracle_history_budget()
 * judges it (model-2.md rule 6; docs/decisions.md, "Funds with a re-plan,
 * and deficits that carry"), written as rows on the payments X_p:
 * own_p = c[p] - X_p, c[p] the plan's cost less the ledger's funded
 * items. A period key: own_p <= max(key, the ledger's own alone). A
 * year before the one holding replan_from is history (no payment column
 * there): it only carries what it left. From that year on, within a run
 * of limited years whose money carries, the carry out of year y (a
 * running sum of money - own spend) is at least min(0, the chain's);
 * the last year of a run spends at most max(money, the ledger's own less
 * the chain's carry in) plus the plan's carry in.
 */
static void history_budget_rows(const struct oracle *o, struct lp *l, const int *col,
				const double *c)
{
	const struct scenario *s = o->s;
	size_t np = (size_t)o->n_periods, nd = s->domains.count, nf = s->n_funds;
	const double *fixed = o->fixed_own ? o->fixed_own : o->ledger_spend;
	int ppy = o->per_year;
	double past = 0, carry = 0, chain = 0;
	int carry_from = 0;
	bool carries = false;
	for (int y = 0; y < s->n_years; y++) {
		double ys = 0, yf = 0;
		for (int p = y * ppy; p < (y + 1) * ppy; p++) {
			ys += c[p];
			yf += fixed[p];
			if (!isinf(o->budget_key[p]))
				add_at_least(l, col, nf, nd, np, p, p,
					     c[p] - fmax(o->budget_key[p], fixed[p]),
					     o->budget_key[p]);
		}
		bool limited = !isinf(o->budget[y]);
		if ((y + 1) * ppy <= o->replan_p) {
			past = s->carry_over && limited ? o->budget[y] + past - ys : 0;
			carries = false;
			continue;
		}
		if (!limited) {
			past = 0;
			carries = false;
			continue;
		}
		double money = o->budget[y] + past;
		double in = carries ? carry : 0, in_chain = carries ? chain : 0;
		int from = carries ? carry_from : y * ppy;
		past = 0;
		carries = s->carry_over && y + 1 < s->n_years && !isinf(o->budget[y + 1]);
		if (carries) {
			chain = money + in_chain - yf;
			carry = money + in - ys;
			carry_from = from;
			add_at_least(l, col, nf, nd, np, from, (y + 1) * ppy - 1,
				     fmin(0.0, chain) - carry, money);
		} else {
			add_at_least(l, col, nf, nd, np, from, (y + 1) * ppy - 1,
				     ys - fmax(money, yf - in_chain) - in, money);
		}
	}
}

bool oracle_funds_pay(const struct oracle *o, const int *period, const int *vendor,
		      const double *spend, double *paid, double *paid_present)
{
	const struct scenario *s = o->s;
	size_t np = (size_t)o->n_periods, nd = s->domains.count, nf = s->n_funds;
	double *cost = domain_costs(o, period, vendor);
	/* col[(f * nd + d) * np + p]: the payment's column, 0 when none. */
	int *col = xcalloc(nf * nd * np + 1, sizeof(*col));
	/* c[p]: the cost of p's swaps less the ledger's funded items. */
	double *c = xcalloc(np + 1, sizeof(*c));
	for (size_t p = 0; p < np; p++) {
		c[p] = spend[p];
		for (size_t k = 0; k < nf; k++)
			c[p] -= o->ledger_paid[k * np + p];
	}
	struct lp l = {glp_create_prob(), NULL, NULL, NULL, 0, 0};
	glp_set_obj_dir(l.lp, GLP_MAX);
	for (size_t k = 0; k < nf; k++) {
		const struct fund *f = &s->funds[k];
		int from, to;
		paying(o, f, &from, &to);
		for (size_t d = 0; d < nd; d++)
			for (int p = from; p <= to; p++) {
				double cd = cost[d * np + (size_t)p];
				if (!scenario_fund_covers(f, (uint32_t)d) || cd <= 0 ||
				    f->share <= 0)
					continue;
				int j = glp_add_cols(l.lp, 1);
				col[(k * nd + d) * np + (size_t)p] = j;
				glp_set_col_bnds(l.lp, j, GLP_DB, 0, f->share * cd);
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
	/* A fund's payments up to p, the ledger's included, at most its money
	 * disbursed by p; where the ledger's alone pass it (a fact,
	 * scenario-format-2.md), the planner adds nothing up to p. */
	for (size_t k = 0; k < nf; k++) {
		const struct fund *f = &s->funds[k];
		for (size_t p = 0; p < np; p++) {
			double money = disbursed_by(f, (int)p);
			double ledger = ledger_paid_by(o, k, (int)p);
			int r = add_row(&l, GLP_UP, 0, fmax(money, ledger) - ledger);
			for (size_t q = 0; q <= p; q++)
				for (size_t d = 0; d < nd; d++)
					if (col[(k * nd + d) * np + q])
						put(&l, r, col[(k * nd + d) * np + q], 1);
		}
	}
	if (o->history) {
		history_budget_rows(o, &l, col, c);
	} else {
		/* Own spend = spend - payments: each period key and each
		 * stretch of years whose carry-over runs together. */
		for (size_t p = 0; p < np; p++) {
			if (isinf(o->budget_key[p]))
				continue;
			int r = add_row(&l, GLP_LO, c[p] - o->budget_key[p], 0);
			put_period(&l, col, nf, nd, np, r, (int)p);
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
				for (int q = z * o->per_year; q < (z + 1) * o->per_year;
				     q++) {
					need += c[q];
					put_period(&l, col, nf, nd, np, r, q);
				}
			}
			glp_set_row_bnds(l.lp, r, GLP_LO, need, 0);
		}
	}
	bool ok = true;
	*paid_present = 0;
	for (size_t p = 0; p < np; p++) {
		paid[p] = 0;
		for (size_t k = 0; k < nf; k++)
			paid[p] += o->ledger_paid[k * np + p];
		*paid_present +=
			paid[p] * pow(1.0 + s->discount_rate, -(double)p / o->per_year);
	}
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
			*paid_present += glp_get_obj_val(l.lp);
	}
	glp_delete_prob(l.lp);
	free(l.ia);
	free(l.ja);
	free(l.ar);
	free(col);
	free(cost);
	free(c);
	return ok;
}

/*
 * The own spend of the ledger's rows alone in each period: a row's cost
 * less its funded items; for a committed row with an empty funded cell
 * (its split the planner's), less what the funds would pay of it with no
 * planned swap, as early and as large as rule 7 allows: period by period,
 * fund by fund in order, domain by domain, each fund its share of what
 * the funds before it left, within what it has disbursed less the
 * ledger's items at every later period (docs/decisions.md, "Funds with a
 * re-plan": the project's reading of "where fixed swaps alone exceed a
 * limit" with such rows).
 */
void oracle_funds_ledger_own(const struct oracle *o, double *own)
{
	const struct scenario *s = o->s;
	size_t np = (size_t)o->n_periods, nd = s->domains.count, nf = s->n_funds;
	int *period = xmalloc((s->n_sites + 1) * sizeof(int));
	int *vendor = xmalloc((s->n_sites + 1) * sizeof(int));
	for (size_t i = 0; i < s->n_sites; i++) {
		int32_t r = o->ledger_row[i];
		period[i] = r >= 0 ? s->fixed[r].p : ORACLE_UNSWAPPED;
		vendor[i] = r >= 0 ? (int)s->fixed[r].vendor : -1;
	}
	for (size_t p = 0; p < np; p++) {
		own[p] = o->ledger_spend[p];
		for (size_t k = 0; k < nf; k++)
			own[p] -= o->ledger_paid[k * np + p];
	}
	double *cost = domain_costs(o, period, vendor);
	double *left = xmalloc((nd * np + 1) * sizeof(double));
	memcpy(left, cost, nd * np * sizeof(double));
	double *paid = xcalloc(nf + 1, sizeof(double));
	for (size_t p = 0; p < np; p++)
		for (size_t k = 0; k < nf; k++) {
			const struct fund *f = &s->funds[k];
			int from, to;
			paying(o, f, &from, &to);
			if ((int)p < from || (int)p > to || f->share <= 0)
				continue;
			double room = INFINITY;
			for (size_t q = p; q < np; q++)
				room = fmin(room, disbursed_by(f, (int)q) -
							  ledger_paid_by(o, k, (int)q));
			room = fmax(room, 0.0);
			for (size_t d = 0; d < nd; d++) {
				if (!scenario_fund_covers(f, (uint32_t)d))
					continue;
				double v = fmin(fmin(f->share * cost[d * np + p],
						     left[d * np + p]),
						room - paid[k]);
				if (v <= 0)
					continue;
				paid[k] += v;
				left[d * np + p] -= v;
				own[p] -= v;
			}
		}
	free(paid);
	free(left);
	free(cost);
	free(period);
	free(vendor);
}
