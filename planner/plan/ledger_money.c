#include "plan/ledger_money.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void ledger_money_pay_range(const struct scenario *s, const struct fund *f, int replan_p,
			    int *from, int *to)
{
	int np = s->n_periods;
	*from = f->first_p < replan_p ? replan_p : f->first_p;
	*to = f->final_p > np - 1 ? np - 1 : f->final_p;
}

double ledger_money_disbursed_by(const struct fund *f, int p)
{
	double sum = 0;
	for (size_t k = 0; k < f->n_disbursements; k++)
		if (f->disbursements[k].p <= p)
			sum += f->disbursements[k].amount;
	return sum;
}

/* The money of fund f the ledger's funded items paid or contracted in
 * periods up to p. */
static double ledger_paid_by(const struct scenario *s, size_t f, int p)
{
	double sum = 0;
	for (size_t r = 0; r < s->n_fixed; r++) {
		const struct ledger_row *row = &s->fixed[r];
		if (row->p > p)
			continue;
		for (uint32_t k = row->pay_first; k < row->pay_first + row->n_pay; k++)
			if (s->fixed_pays[k].fund == f)
				sum += s->fixed_pays[k].amount;
	}
	return sum;
}

double ledger_money_room_by(const struct scenario *s, size_t f, int p)
{
	const struct fund *fu = &s->funds[f];
	double least = INFINITY;
	for (int q = p; q < s->n_periods; q++)
		least = fmin(least,
			     ledger_money_disbursed_by(fu, q) - ledger_paid_by(s, f, q));
	return least > 0 ? least : 0;
}

double ledger_money_row_paid(const struct scenario *s, const struct ledger_row *row)
{
	double paid = 0;
	for (uint32_t k = 0; k < row->n_pay; k++)
		paid += s->fixed_pays[row->pay_first + k].amount;
	return paid;
}

void ledger_money_own(const struct scenario *s, int replan_p, double *period_own)
{
	size_t nd = s->domains.count, np = (size_t)s->n_periods;
	double *free_cost = xcalloc(nd * np + 1, sizeof(double));
	memset(period_own, 0, np * sizeof(double));
	for (size_t i = 0; i < s->n_fixed; i++) {
		const struct ledger_row *row = &s->fixed[i];
		double cost = ledger_row_cost(s, row);
		period_own[row->p] += cost - ledger_money_row_paid(s, row);
		if (row->p >= replan_p && !row->n_pay)
			free_cost[s->sites[row->site].domain * np + (size_t)row->p] +=
				cost;
	}
	/* As an offered plan is paid (model_funds_fill_payments()): period
	 * by period, fund by fund, domain by domain. */
	double *paid = xcalloc(s->n_funds + 1, sizeof(double));
	double *left = xcalloc(nd * np + 1, sizeof(double));
	memcpy(left, free_cost, nd * np * sizeof(double));
	for (size_t p = 0; p < np; p++)
		for (size_t f = 0; f < s->n_funds; f++) {
			const struct fund *fu = &s->funds[f];
			int from, to;
			ledger_money_pay_range(s, fu, replan_p, &from, &to);
			if ((int)p < from || (int)p > to || fu->share <= 0 ||
			    ledger_money_disbursed_by(fu, INT32_MAX) <= 0)
				continue;
			for (uint32_t d = 0; d < nd; d++) {
				if (!scenario_fund_covers(fu, d))
					continue;
				double room =
					ledger_money_room_by(s, f, (int)p) - paid[f];
				double want = fu->share * free_cost[d * np + p];
				double v = fmin(fmin(want, left[d * np + p]), room);
				v = v > 0 ? v : 0;
				paid[f] += v;
				left[d * np + p] -= v;
				period_own[p] -= v;
			}
		}
	free(free_cost);
	free(paid);
	free(left);
}

/* The least own spend of one ledger row: its cost less its funded items;
 * for a committed row with an empty cell (the planner splits it), its
 * cost less every share the funds covering it may pay in its period. */
static double row_least_own(const struct scenario *s, int replan_p,
			    const struct ledger_row *row)
{
	double cost = ledger_row_cost(s, row);
	if (row->p < replan_p || row->n_pay)
		return cost - ledger_money_row_paid(s, row);
	double shares = 0;
	for (size_t f = 0; f < s->n_funds; f++) {
		const struct fund *fu = &s->funds[f];
		int from, to;
		ledger_money_pay_range(s, fu, replan_p, &from, &to);
		if (row->p >= from && row->p <= to &&
		    scenario_fund_covers(fu, s->sites[row->site].domain))
			shares += fu->share;
	}
	return shares >= 1 ? 0 : cost * (1 - shares);
}

void ledger_money_history_carry(const struct scenario *s, int replan_p,
				const double *budget, const double *year_spend,
				double *carry)
{
	double in_money = 0;
	for (int y = 0; y < s->n_years; y++) {
		carry[y] = 0;
		if (!s->carry_over || (y + 1) * s->periods_per_year > replan_p ||
		    !isfinite(budget[y])) {
			in_money = 0;
			continue;
		}
		carry[y] = budget[y] + in_money - year_spend[y];
		in_money = carry[y];
	}
}

double ledger_money_planner_own_by(const struct scenario *s, const double *budget,
				   int replan_p, int last_year)
{
	int ppy = s->periods_per_year, ny = s->n_years;
	double *pown = xcalloc((size_t)s->n_periods + 1, sizeof(double));
	double *spend = xcalloc((size_t)ny + 1, sizeof(double));
	double *least = xcalloc((size_t)ny + 1, sizeof(double));
	ledger_money_own(s, replan_p, pown);
	for (int p = 0; p < s->n_periods; p++)
		spend[p / ppy] += pown[p];
	for (size_t i = 0; i < s->n_fixed; i++)
		least[s->fixed[i].p / ppy] += row_least_own(s, replan_p, &s->fixed[i]);
	double *carry = xcalloc((size_t)ny + 1, sizeof(double));
	ledger_money_history_carry(s, replan_p, budget, spend, carry);
	double total = 0, carried = 0, money = 0, low = 0, chain = 0;
	bool in_run = false;
	for (int y = 0; y <= last_year && y < ny; y++) {
		if ((y + 1) * ppy <= replan_p) {
			carried = carry[y]; /* history's money, a deficit too */
			continue;
		}
		if (!isfinite(budget[y])) {
			total = INFINITY;
			break;
		}
		if (!in_run)
			money = low = chain = 0;
		in_run = true;
		double m = budget[y] + carried;
		carried = 0;
		money += m;
		low += least[y];
		chain += m - spend[y];
		if (!s->carry_over || y + 1 >= ny || !isfinite(budget[y + 1]) ||
		    y == last_year) {
			double run = money - (chain < 0 ? chain : 0) - low;
			total += run > 0 ? run : 0;
			in_run = false;
		}
	}
	free(pown);
	free(spend);
	free(least);
	free(carry);
	return total;
}
