#include "plan/plan_funds.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/money.h"
#include "util/period.h"
#include "util/sort.h"
#include "util/xalloc.h"

bool plan_fund_covers(const struct fund *f, uint32_t d)
{
	if (!f->n_domains)
		return true;
	for (size_t k = 0; k < f->n_domains; k++)
		if (f->domains[k] == d)
			return true;
	return false;
}

/*
 * The ledger's funded items (done or committed rows): what each fund
 * paid or is contracted to pay of that row, as written. Marks the rows
 * whose split the ledger gives in 'split'.
 */
static void assign_ledger(struct plan *p, bool *split)
{
	const struct scenario *s = p->scenario;
	size_t nf = s->n_funds;
	for (size_t k = 0; k < p->n_sites; k++) {
		struct plan_site *ps = &p->sites[k];
		if (ps->status != SITE_DONE && ps->status != SITE_COMMITTED)
			continue;
		for (size_t r = 0; r < s->n_fixed; r++) {
			const struct ledger_row *row = &s->fixed[r];
			if (row->site != ps->site || !row->n_pay)
				continue;
			split[k] = true;
			for (uint32_t q = row->pay_first; q < row->pay_first + row->n_pay;
			     q++) {
				const struct ledger_payment *lp = &s->fixed_pays[q];
				p->site_fund[k * nf + lp->fund] += lp->amount;
				ps->funded += lp->amount;
			}
		}
	}
}

/*
 * A ledger row with funded items pays as the ledger says; every other
 * swap shares each payment pay_{f,d}(p) among p's domain-d swaps in
 * proportion to their cost (model-2.md rule 7). A payment with no swap
 * to share it (the solver's rounding) pays nothing.
 */
void plan_funds_assign(struct plan *p, const double *pay)
{
	const struct scenario *s = p->scenario;
	size_t nf = s->n_funds, nd = s->domains.count, np = (size_t)s->n_periods;
	if (!nf)
		return;
	p->n_funds = nf;
	p->site_fund = xcalloc(p->n_sites * nf + 1, sizeof(double));
	p->site_fund_cents = xcalloc(p->n_sites * nf + 1, sizeof(int64_t));
	bool *split = xcalloc(p->n_sites + 1, sizeof(bool));
	assign_ledger(p, split);
	if (!pay) {
		free(split);
		return;
	}
	p->fund_pay = xmalloc((nf * nd * np + 1) * sizeof(double));
	memcpy(p->fund_pay, pay, nf * nd * np * sizeof(double));
	double *cost = xcalloc(nd * np + 1, sizeof(double));
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct plan_site *ps = &p->sites[k];
		if (ps->period >= 0 && !split[k])
			cost[s->sites[ps->site].domain * np + (size_t)ps->period] +=
				ps->total_cost;
	}
	for (size_t k = 0; k < p->n_sites; k++) {
		struct plan_site *ps = &p->sites[k];
		if (ps->period < 0 || ps->total_cost <= 0 || split[k])
			continue;
		size_t dp = s->sites[ps->site].domain * np + (size_t)ps->period;
		for (size_t f = 0; f < nf; f++) {
			double v = pay[f * nd * np + dp];
			if (v <= 0)
				continue;
			double part = v * (ps->total_cost / cost[dp]);
			p->site_fund[k * nf + f] = part;
			ps->funded += part;
		}
		if (ps->funded > ps->total_cost)
			ps->funded = ps->total_cost;
	}
	free(cost);
	free(split);
}

/* The least k in 0..K such that every HR site fund f covers is swapped
 * by D_f(k)'s binding end: 0 with no such site, -1 (null) when one stays
 * unswapped or no k is enough. */
static int extensions_needed(const struct plan *p, const struct fund *f)
{
	const struct scenario *s = p->scenario;
	int latest = -1;
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct plan_site *ps = &p->sites[k];
		if (!plan_fund_covers(f, s->sites[ps->site].domain))
			continue;
		if (ps->period < 0)
			return -1;
		if (ps->period > latest)
			latest = ps->period;
	}
	if (latest < 0)
		return 0;
	for (int k = 0; k <= f->max_extensions; k++)
		if (latest <= f->ext_p[k])
			return k;
	return -1;
}

/* A fund's final date as a deadline rule of the plan, judged like a
 * deadline of its domains. */
static void add_deadline_rule(struct plan *p, const struct fund *f)
{
	const struct scenario *s = p->scenario;
	char when[16];
	date_format(f->final_date, when, sizeof(when));
	p->rules = xreallocarray(p->rules, p->n_rules + 1, sizeof(*p->rules));
	struct plan_rule *r = &p->rules[p->n_rules++];
	memset(r, 0, sizeof(*r));
	r->kind = RULE_DEADLINE;
	r->label =
		xasprintf("high-risk sites eligible for %s swapped by %s", f->name, when);
	r->year = f->final_date.year;
	r->period = f->final_p;
	r->scenario_line = f->line;
	r->has_date = r->has_bind_end = true;
	r->date = f->final_date;
	r->bind_end = period_binding_end(s->start, s->periods_per_year, f->final_date);
	r->past_horizon = f->final_p >= s->n_periods;
	int64_t left_at_end = 0;
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct plan_site *ps = &p->sites[k];
		const struct site *site = &s->sites[ps->site];
		if (!plan_fund_covers(f, site->domain))
			continue;
		if (r->past_horizon) {
			if (ps->period < 0)
				left_at_end += site->units;
		} else if (ps->period < 0 || ps->period > f->final_p) {
			r->sites_late++;
			r->units_late += site->units;
		}
	}
	r->value = (double)(r->past_horizon ? left_at_end : r->units_late);
	r->holds = r->sites_late == 0;
}

void plan_funds_evaluate(struct plan *p)
{
	const struct scenario *s = p->scenario;
	p->own_present_exact = 0;
	for (size_t k = 0; k < p->n_sites; k++)
		p->own_present_exact += p->sites[k].present_value;
	if (!s->n_funds)
		return;
	p->funds = xcalloc(s->n_funds + 1, sizeof(*p->funds));
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct plan_site *ps = &p->sites[k];
		if (ps->total_cost > 0)
			p->own_present_exact -=
				ps->present_value * (ps->funded / ps->total_cost);
	}
	for (size_t f = 0; f < s->n_funds; f++) {
		const struct fund *fu = &s->funds[f];
		struct plan_fund *pf = &p->funds[f];
		pf->name = fu->name;
		for (size_t k = 0; k < fu->n_disbursements; k++)
			pf->disbursed += fu->disbursements[k].amount;
		for (size_t k = 0; k < p->n_sites; k++)
			pf->paid += p->site_fund[k * s->n_funds + f];
		pf->has_final = fu->has_final;
		pf->final_date = fu->final_date;
		pf->max_extensions = fu->deadline_kind == FUND_DEADLINE_MONTHS
					     ? fu->max_extensions
					     : -1;
		pf->extensions_needed =
			pf->max_extensions >= 0 ? extensions_needed(p, fu) : -1;
		pf->has_needed = pf->extensions_needed >= 0;
		if (pf->has_needed)
			pf->needed_date = scenario_fund_date(fu, pf->extensions_needed);
		if (fu->has_final)
			add_deadline_rule(p, fu);
	}
}

/* The larger fraction first, then the row's order. */
static int by_fraction(const void *a, const void *b, const void *ctx)
{
	const double *frac = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	if (frac[i] != frac[j])
		return frac[i] > frac[j] ? -1 : 1;
	return i < j ? -1 : i > j;
}

/*
 * Each fund's payment in a period, rounded to the cent once, is shared
 * among that period's rows by the largest remainder: the rows' cents sum
 * to the period's, so a payment the solver put exactly on a fund's money
 * or on the own budget stays on it to the cent (rounding each row alone
 * moved a cent or two across either limit).
 */
static void apportion(struct plan *p)
{
	size_t nf = p->n_funds, n = p->n_sites;
	int np = p->scenario->n_periods;
	size_t *rows = xmalloc((n + 1) * sizeof(*rows));
	double *frac = xcalloc(n + 1, sizeof(*frac));
	for (size_t f = 0; f < nf; f++)
		for (int q = 0; q < np; q++) {
			size_t m = 0;
			double sum = 0;
			int64_t floors = 0;
			for (size_t k = 0; k < n; k++) {
				double v = p->site_fund[k * nf + f];
				if (p->sites[k].period != q || !(v > 0))
					continue;
				double cents = v * 100;
				int64_t fl = (int64_t)floor(cents);
				p->site_fund_cents[k * nf + f] = fl;
				frac[k] = cents - (double)fl;
				floors += fl;
				sum += v;
				rows[m++] = k;
			}
			if (!m)
				continue;
			int64_t more = money_cents(sum) - floors;
			if (more < 0)
				more = 0;
			if ((size_t)more > m)
				more = (int64_t)m;
			sort_ctx(rows, m, sizeof(*rows), by_fraction, frac);
			for (int64_t r = 0; r < more; r++)
				p->site_fund_cents[rows[r] * nf + f]++;
		}
	free(rows);
	free(frac);
}

/* written[i]: site i is a ledger row with funded items (its split is
 * the ledger's, as written). The caller frees. */
static bool *written_splits(const struct scenario *s)
{
	bool *written = xcalloc(s->n_sites + 1, sizeof(*written));
	for (size_t r = 0; r < s->n_fixed; r++)
		if (s->fixed[r].n_pay)
			written[s->fixed[r].site] = true;
	return written;
}

/*
 * A fund's rows rounded to the cent may pass, by a cent or so, the money
 * it had disbursed by then (the solver's payments sit on that limit):
 * taken in period order, a row's cents for fund f are cut so that f's
 * cents paid up to each period never pass its disbursed cents up to it
 * (model-2.md rule 7, as plancheck recounts it). A ledger row with
 * funded items is never cut: what it says a fund paid or is contracted
 * to pay is a fact, even above the fund's money by then
 * (scenario-format-2.md); its cents count in the fund's paid, and where
 * the ledger's alone pass the money the planner's rows up to then keep
 * none.
 */
static void cap_to_disbursed(struct plan *p)
{
	const struct scenario *s = p->scenario;
	size_t nf = p->n_funds;
	int np = s->n_periods;
	bool *written = written_splits(s);
	int64_t *money = xcalloc((size_t)np + 1, sizeof(*money));
	for (size_t f = 0; f < nf; f++) {
		const struct fund *fu = &s->funds[f];
		memset(money, 0, ((size_t)np + 1) * sizeof(*money));
		for (size_t k = 0; k < fu->n_disbursements; k++) {
			int q = fu->disbursements[k].p;
			if (q >= 0 && q < np)
				money[q] = money_add(
					money[q],
					money_cents(fu->disbursements[k].amount));
		}
		int64_t had = 0, paid = 0, ledger = 0;
		for (int q = 0; q < np; q++) {
			had = money_add(had, money[q]);
			for (size_t k = 0; k < p->n_sites; k++) {
				const struct plan_site *ps = &p->sites[k];
				int64_t c = p->site_fund_cents[k * nf + f];
				if (ps->period == q && c > 0 && written[ps->site]) {
					paid += c;
					ledger += c;
				}
			}
			int64_t limit = had > ledger ? had : ledger;
			for (size_t k = 0; k < p->n_sites; k++) {
				struct plan_site *ps = &p->sites[k];
				int64_t *c = &p->site_fund_cents[k * nf + f];
				if (ps->period != q || *c <= 0 || written[ps->site])
					continue;
				if (paid + *c > limit) {
					int64_t cut = paid + *c - limit;
					if (cut > *c)
						cut = *c;
					*c -= cut;
					ps->funded_cents -= cut;
					if (p->years && (size_t)ps->period < p->n_years)
						p->years[ps->period].funded_cents -= cut;
				}
				paid += *c;
			}
		}
	}
	free(money);
	free(written);
}

/*
 * Cents: each (row, fund) share by apportion(), a row's funded cents their
 * sum (never above its total cents: a cent lost to rounding comes off
 * the last fund that pays it), so that own = total - funded exactly;
 * a fund's paid cents the sum of its rows' (never above what it had
 * disbursed by each period: cap_to_disbursed()); the own present value the
 * present cents less each row's funds' present value, rounded once a
 * row.
 */
void plan_funds_round(struct plan *p)
{
	const struct scenario *s = p->scenario;
	size_t nf = p->n_funds;
	int64_t funded_present = 0;
	bool *written = written_splits(s);
	for (size_t y = 0; p->years && y < p->n_years; y++)
		p->years[y].funded_cents = 0;
	if (nf && p->site_fund_cents) {
		memset(p->site_fund_cents, 0, (p->n_sites * nf + 1) * sizeof(int64_t));
		apportion(p);
	}
	for (size_t k = 0; k < p->n_sites; k++) {
		struct plan_site *ps = &p->sites[k];
		ps->funded_cents = 0;
		if (!nf || !p->site_fund_cents || ps->period < 0)
			continue;
		int64_t sum = 0;
		size_t last = nf;
		for (size_t f = 0; f < nf; f++) {
			int64_t c = p->site_fund_cents[k * nf + f];
			if (sum + c > ps->total_cents)
				c = ps->total_cents - sum;
			p->site_fund_cents[k * nf + f] = c;
			sum += c;
			if (c > 0)
				last = f;
		}
		/* A row the funds pay in whole (to within half a cent of its
		 * exact cost) keeps no own cent: the largest remainder may
		 * leave it one, and a period of such rows would then show own
		 * spend above a budget the plan fills to the cent. A ledger
		 * row's written items are its split, to the cent. */
		if (last < nf && sum < ps->total_cents && !written[ps->site] &&
		    ps->total_cost - ps->funded <= 0.005 + 1e-9 * ps->total_cost) {
			p->site_fund_cents[k * nf + last] += ps->total_cents - sum;
			sum = ps->total_cents;
		}
		ps->funded_cents = sum;
		if (ps->total_cost > 0)
			funded_present += money_cents(ps->present_value *
						      (ps->funded / ps->total_cost));
		if (p->years && (size_t)ps->period < p->n_years)
			p->years[ps->period].funded_cents += sum;
	}
	if (nf && p->site_fund_cents)
		cap_to_disbursed(p);
	for (size_t f = 0; f < nf && p->funds; f++) {
		struct plan_fund *pf = &p->funds[f];
		const struct fund *fu = &s->funds[f];
		pf->disbursed_cents = pf->paid_cents = 0;
		for (size_t k = 0; k < fu->n_disbursements; k++)
			pf->disbursed_cents =
				money_add(pf->disbursed_cents,
					  money_cents(fu->disbursements[k].amount));
		for (size_t k = 0; p->site_fund_cents && k < p->n_sites; k++)
			pf->paid_cents += p->site_fund_cents[k * nf + f];
		pf->unused_cents = money_add(pf->disbursed_cents, -pf->paid_cents);
	}
	free(written);
	p->own_present_cents = money_add(p->present_cents, -funded_present);
	p->own_present_cost = money_value(p->own_present_cents);
}

void plan_funds_free(struct plan *p)
{
	free(p->fund_pay);
	free(p->site_fund);
	free(p->site_fund_cents);
	free(p->funds);
}

char *plan_funds_row_text(const struct plan *p, size_t k)
{
	const struct scenario *s = p->scenario;
	size_t nf = p->n_funds, len = 1;
	for (size_t f = 0; f < nf; f++)
		len += strlen(s->funds[f].name) + 1;
	char *out = xcalloc(len, 1);
	const char *last = NULL;
	/* Names are unique: pick them in order, smallest first. */
	for (;;) {
		const char *next = NULL;
		for (size_t f = 0; f < nf; f++) {
			const char *name = s->funds[f].name;
			if (p->site_fund_cents[k * nf + f] < 1)
				continue;
			if (last && strcmp(name, last) <= 0)
				continue;
			if (!next || strcmp(name, next) < 0)
				next = name;
		}
		if (!next)
			break;
		if (*out)
			strcat(out, ";");
		strcat(out, next);
		last = next;
	}
	return out;
}

int64_t plan_funds_period_cents(const struct plan *p, size_t f, int period)
{
	int64_t sum = 0;
	for (size_t k = 0; k < p->n_sites && f < p->n_funds; k++)
		if (p->sites[k].period == period)
			sum += p->site_fund_cents[k * p->n_funds + f];
	return sum;
}
