/*
 * The oracle's reading of history (model-2.md rule 6 and "Rules already
 * broken when re-planning"), apart from oracle.c's rules so that plancheck
 * and bruteforce judge a re-plan the way the spec states it: the ledger's
 * swaps are facts, the planner adds nothing where they alone exceed a
 * limit, a rule history already broke is soft and priced by V_b.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"
#include "util/xalloc.h"

static bool rule_covers(const struct scenario *s, const struct deadline_rule *rule,
			const struct site *site)
{
	return (!rule->domain ||
		strcmp(rule->domain, s->domains.names[site->domain]) == 0) &&
	       (!rule->region_name ||
		strcmp(rule->region_name, s->regions.names[site->region]) == 0);
}

/*
 * Broken before the re-plan (model-2.md): a deadline whose binding end is
 * history and does not hold there, or that a committed swap makes
 * impossible; a cap above its limit at a period end before replan_from.
 * A deadline binding before the horizon's first period end is history's
 * too when the re-plan starts after the horizon's first day (every site
 * it covers is late); without that, it stays hard (scenario-format-2.md:
 * it cannot hold while a covered site remains) unless a committed row
 * misses it.
 */

/* Late by the ledger alone for a deadline binding at the end of b: its
 * row is after b, or it has none and b is history. */
static bool late_by_history(const struct oracle *o, size_t i, int b)
{
	int32_t r = o->ledger_row[i];
	if (r >= 0)
		return o->s->fixed[r].p > b;
	return o->replan_p > 0 && b < o->replan_p;
}

static void find_broken(struct oracle *o)
{
	const struct scenario *s = o->s;
	for (size_t r = 0; r < s->n_deadlines; r++) {
		int b = o->rule_bind[r];
		if (b >= o->n_periods)
			continue; /* after the horizon: binds nothing */
		for (size_t i = 0; i < s->n_sites && !o->deadline_broken[r]; i++)
			if (o->hr[i] && rule_covers(s, &s->deadlines[r], &s->sites[i]) &&
			    late_by_history(o, i, b))
				o->deadline_broken[r] = true;
	}
	for (size_t i = 0; i < s->n_sites; i++)
		if (o->hr[i] && o->own_deadline_p[i] < o->n_periods &&
		    late_by_history(o, i, o->own_deadline_p[i]))
			o->own_broken[i] = true;
	/* A fund's final date is a deadline of the HR sites it covers
	 * (model-2.md rule 8): "a deadline of any kind". */
	for (size_t f = 0; f < s->n_funds; f++) {
		const struct fund *fu = &s->funds[f];
		if (!fu->has_final || fu->final_p >= o->n_periods)
			continue;
		for (size_t i = 0; i < s->n_sites && !o->fund_broken[f]; i++)
			if (o->hr[i] && scenario_fund_covers(fu, s->sites[i].domain) &&
			    late_by_history(o, i, fu->final_p))
				o->fund_broken[f] = true;
	}
	for (size_t c = 0; c < s->n_caps; c++) {
		const struct share_cap_rule *cap = &s->caps[c];
		for (int p = o->cap_bind[c] > 0 ? o->cap_bind[c] : 0; p < o->replan_p;
		     p++) {
			int64_t left = 0, total = 0;
			for (size_t i = 0; i < s->n_sites; i++) {
				const struct site *site = &s->sites[i];
				if (!oracle_cap_covers(s, cap, site) ||
				    o->in_service_p[i] > p)
					continue;
				int64_t n = cap->measure == CAP_SITES ? site->units > 0
								      : site->units;
				total += n;
				int32_t r = o->ledger_row[i];
				if (o->hr[i] && (r < 0 || s->fixed[r].p > p))
					left += n;
			}
			if (!oracle_le((double)left, cap->max_share * (double)total)) {
				o->cap_broken[c] = true;
				break;
			}
		}
	}
}

void oracle_history_create(struct oracle *o)
{
	const struct scenario *s = o->s;
	size_t np = (size_t)o->n_periods, nv = s->n_vendors, nd = s->domains.count;
	size_t nr = s->regions.count;
	o->history = s->replan_p > 0 || s->n_fixed > 0;
	o->replan_p = s->replan_p;
	o->ledger_row = xmalloc((s->n_sites + 1) * sizeof(*o->ledger_row));
	for (size_t i = 0; i < s->n_sites; i++)
		o->ledger_row[i] = -1;
	for (size_t r = 0; r < s->n_fixed; r++)
		o->ledger_row[s->fixed[r].site] = (int32_t)r;
	o->ledger_spend = xcalloc(np + 1, sizeof(*o->ledger_spend));
	o->ledger_cap = xcalloc(nv * np + 1, sizeof(*o->ledger_cap));
	o->ledger_crews = xcalloc(nr * np + 1, sizeof(*o->ledger_crews));
	o->ledger_to_vendor = xcalloc(nv * nd * np + 1, sizeof(*o->ledger_to_vendor));
	for (size_t r = 0; r < s->n_fixed; r++) {
		const struct ledger_row *row = &s->fixed[r];
		const struct site *site = &s->sites[row->site];
		double eq = 0, sc = 0, pv = 0;
		if (oracle_site_cost(o, row->site, (int)row->vendor, row->p, &eq, &sc,
				     &pv))
			o->ledger_spend[row->p] += eq + sc;
		o->ledger_cap[row->vendor * np + (size_t)row->p] += site->units;
		o->ledger_crews[site->region * np + (size_t)row->p]++;
		o->ledger_to_vendor[(row->vendor * nd + site->domain) * np +
				    (size_t)row->p] += site->units;
	}
	o->deadline_broken = xcalloc(s->n_deadlines + 1, sizeof(bool));
	o->own_broken = xcalloc(s->n_sites + 1, sizeof(bool));
	o->cap_broken = xcalloc(s->n_caps + 1, sizeof(bool));
	o->fund_broken = xcalloc(s->n_funds + 1, sizeof(bool));
	o->ledger_paid = xcalloc(s->n_funds * np + 1, sizeof(*o->ledger_paid));
	for (size_t r = 0; r < s->n_fixed; r++) {
		const struct ledger_row *row = &s->fixed[r];
		for (uint32_t k = row->pay_first; k < row->pay_first + row->n_pay; k++)
			o->ledger_paid[s->fixed_pays[k].fund * np + (size_t)row->p] +=
				s->fixed_pays[k].amount;
	}
	if (o->history)
		find_broken(o);
}

void oracle_history_destroy(struct oracle *o)
{
	free(o->ledger_row);
	free(o->ledger_spend);
	free(o->ledger_cap);
	free(o->ledger_crews);
	free(o->ledger_to_vendor);
	free(o->deadline_broken);
	free(o->own_broken);
	free(o->cap_broken);
	free(o->fund_broken);
	free(o->ledger_paid);
}

bool oracle_any_broken(const struct oracle *o)
{
	const struct scenario *s = o->s;
	for (size_t r = 0; r < s->n_deadlines; r++)
		if (o->deadline_broken[r])
			return true;
	for (size_t i = 0; i < s->n_sites; i++)
		if (o->own_broken[i])
			return true;
	for (size_t c = 0; c < s->n_caps; c++)
		if (o->cap_broken[c])
			return true;
	for (size_t f = 0; f < s->n_funds; f++)
		if (o->fund_broken[f])
			return true;
	return false;
}

bool oracle_limit_ok(double used, double ledger, double limit)
{
	if (isinf(limit))
		return true;
	return oracle_le(used - ledger, fmax(0.0, limit - ledger));
}

/*
 * The budget with a history, as solver/model.c's fixed_budget_bounds()
 * reads model-2.md rule 6. 'spend' is the own spend of each period, the
 * ledger's included; the ledger's own spend alone is o->fixed_own (the
 * plan's split of its rows, plancheck, with funds) or o->ledger_spend. A year before
 * the one holding replan_from holds facts: with carry_over it carries
 * what it left, a deficit too. From that year on, a year or period key
 * the ledger alone overspends lets the planner add nothing, and with
 * carry_over the deficit carries into the next year: the year's carry
 * may go below 0, but never below what the ledger alone leaves when
 * every earlier planner year saved all it could (the chain), so a
 * deficit is never money the planner borrows against. The last limited
 * year of a run has nowhere to carry: its deficit is forgiven, its limit
 * max(money, the ledger's spend less the chain's carry in) plus the
 * plan's carry in (docs/decisions.md, "Funds with a re-plan, and
 * deficits that carry").
 */
size_t oracle_history_budget(const struct oracle *o, const double *spend,
			     void (*report)(const struct oracle *o, void *data,
					    const char *what, double spent,
					    double available),
			     void *data)
{
	const struct scenario *s = o->s;
	/* plan.csv's own cost of the ledger's rows only where funds split
	 * them; otherwise the ledger's cost as the oracle computes it, like
	 * 'spend' (mixing plan.csv's cents with exact costs would judge a
	 * plan that spends its money to the cent as over it). */
	const double *fixed =
		o->s->n_funds && o->fixed_own ? o->fixed_own : o->ledger_spend;
	size_t bad = 0;
	double past = 0;             /* what a past year carried out, a deficit too */
	double carry = 0, chain = 0; /* the plan's carry out, the chain's */
	bool carries = false;        /* the year before has a carry */
	for (int y = 0; y < s->n_years; y++) {
		double ys = 0, yf = 0;
		for (int k = 0; k < o->per_year; k++) {
			int p = y * o->per_year + k;
			ys += spend[p];
			yf += fixed[p];
			if (oracle_limit_ok(spend[p], fixed[p], o->budget_key[p]))
				continue;
			bad++;
			if (report) {
				char label[16];
				oracle_label(o, p, label, sizeof(label));
				report(o, data, label, spend[p], o->budget_key[p]);
			}
		}
		bool limited = !isinf(o->budget[y]);
		if ((y + 1) * o->per_year <= o->replan_p) {
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
		past = 0;
		carries = s->carry_over && y + 1 < s->n_years && !isinf(o->budget[y + 1]);
		double limit;
		if (carries) {
			chain = money + in_chain - yf;
			carry = money + in - ys;
			limit = money + in - fmin(0.0, chain);
		} else {
			limit = fmax(money, yf - in_chain) + in;
		}
		if (oracle_le(ys, limit))
			continue;
		bad++;
		if (report) {
			char label[16];
			snprintf(label, sizeof(label), "%d", s->start + y);
			report(o, data, label, ys, limit);
		}
	}
	return bad;
}

/* A dependency of a fixed site that history already breaks binds nothing:
 * the site it needs is fixed later, or is not fixed and cannot go by then
 * (before replan_from or its earliest period). */
bool oracle_dependency_binds(const struct oracle *o, size_t from, size_t to)
{
	int32_t rf = o->ledger_row[from];
	if (!o->history || rf < 0)
		return true;
	int pf = o->s->fixed[rf].p;
	int32_t rt = o->ledger_row[to];
	int first = rt >= 0                           ? o->s->fixed[rt].p
		    : o->earliest_p[to] > o->replan_p ? o->earliest_p[to]
						      : o->replan_p;
	return first <= pf;
}

double oracle_broken_violation(const struct oracle *o, const int *period)
{
	const struct scenario *s = o->s;
	if (!o->history)
		return 0;
	double v = 0;
	for (size_t i = 0; i < s->n_sites; i++) {
		if (!o->hr[i] || o->ledger_row[i] >= 0)
			continue;
		int end = period[i] == ORACLE_UNSWAPPED ? o->n_periods : period[i];
		double years = (double)(end + 1 - o->replan_p) / o->per_year;
		int late = 0;
		for (size_t r = 0; r < s->n_deadlines; r++)
			if (o->deadline_broken[r] &&
			    rule_covers(s, &s->deadlines[r], &s->sites[i]) &&
			    end > o->rule_bind[r])
				late++;
		if (o->own_broken[i] && end > o->own_deadline_p[i])
			late++;
		for (size_t f = 0; f < s->n_funds; f++)
			if (o->fund_broken[f] &&
			    scenario_fund_covers(&s->funds[f], s->sites[i].domain) &&
			    end > s->funds[f].final_p)
				late++;
		v += late * (double)s->sites[i].units * years;
	}
	for (size_t c = 0; c < s->n_caps; c++) {
		if (!o->cap_broken[c])
			continue;
		const struct share_cap_rule *cap = &s->caps[c];
		for (int p = o->replan_p; p < o->n_periods; p++) {
			int64_t left = 0, total = 0;
			for (size_t i = 0; i < s->n_sites; i++) {
				const struct site *site = &s->sites[i];
				if (!oracle_cap_covers(s, cap, site) ||
				    o->in_service_p[i] > p)
					continue;
				int64_t n = cap->measure == CAP_SITES ? site->units > 0
								      : site->units;
				total += n;
				if (o->hr[i] &&
				    (period[i] == ORACLE_UNSWAPPED || period[i] > p))
					left += n;
			}
			double over = (double)left - cap->max_share * (double)total;
			if (over > 0)
				v += over / o->per_year;
		}
	}
	return v;
}

int oracle_hard_deadline(const struct oracle *o, size_t i)
{
	const struct scenario *s = o->s;
	int d = ORACLE_NEVER;
	for (size_t r = 0; r < s->n_deadlines; r++)
		if (!o->deadline_broken[r] && o->rule_bind[r] < o->n_periods &&
		    rule_covers(s, &s->deadlines[r], &s->sites[i]) && o->rule_bind[r] < d)
			d = o->rule_bind[r];
	if (!o->own_broken[i] && o->own_deadline_p[i] < o->n_periods &&
	    o->own_deadline_p[i] < d)
		d = o->own_deadline_p[i];
	return d;
}
