#include "solver/diagnose.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/ledger_money.h"
#include "plan/precheck.h"
#include "util/money.h"
#include "util/num.h"
#include "util/xalloc.h"

/* Capacity or crews count as binding when the plan uses this much of
 * them; money, when what is left cannot pay for the late sites. */
#define USED_UP 0.98

/* Whether a site counts for a broken rule: its deadline's domain, or its
 * cap's scope, or (completion) every site. Rules are found by the line
 * they stand on in scenario.json. */
static bool site_in_rule(const struct scenario *s, const struct plan_rule *r,
			 const struct site *site)
{
	const char *dom = s->domains.names[site->domain];
	if (r->kind == RULE_COMPLETION)
		return true;
	if (r->kind == RULE_DEADLINE) {
		if (!r->scenario_line) /* the sites' own deadlines */
			return site->has_deadline;
		for (size_t i = 0; i < s->n_deadlines; i++) {
			const struct deadline_rule *dl = &s->deadlines[i];
			if (dl->line == r->scenario_line && dl->year == r->year)
				return (!dl->domain || strcmp(dl->domain, dom) == 0) &&
				       (!dl->region_name || dl->region == site->region);
		}
		/* A fund's deadline (plan_funds.c): the sites it covers. */
		for (size_t f = 0; f < s->n_funds; f++)
			if (s->funds[f].line == r->scenario_line &&
			    s->funds[f].has_final && s->funds[f].final_p == r->period)
				return scenario_fund_covers(&s->funds[f], site->domain);
		return false;
	}
	for (size_t i = 0; i < s->n_caps; i++) {
		const struct share_cap_rule *c = &s->caps[i];
		if (c->line == r->scenario_line)
			return scenario_cap_covers(s, c, site->domain, site->region);
	}
	return false;
}

/* Whether a site is late for rule r: unswapped, or swapped after the
 * rule's period (its own deadline's for the sites' own deadlines). */
static bool is_late_for(const struct plan_site *ps, const struct plan_rule *r,
			const struct site *site)
{
	int by = r->kind == RULE_DEADLINE && !r->scenario_line ? site->deadline_p
							       : r->period;
	return ps->period < 0 || ps->period > by;
}

/*
 * The cheapest nominal cost of swapping swap unit 'g' by the end of
 * period 'by', over the vendors that can take it and the periods it is
 * allowed in, as the instance prices it (per member: a site of a cohort,
 * a whole cluster).
 */
static double cheapest_by(const struct instance *in, size_t g, int by)
{
	int last = by < in->n_periods ? by : in->n_periods - 1;
	double best = INFINITY;
	for (int q = in->groups[g].earliest_p; q <= last; q++)
		for (size_t v = 0; v < in->n_vendors; v++) {
			double c = instance_cost(in, g, v, q);
			if (c < best) /* false for NAN: v cannot take g */
				best = c;
		}
	return best;
}

/* A period as the diagnosis names it: the year with yearly periods
 * ("2024"), else its label ("2024-Q2"). */
static void by_text(const struct scenario *s, int by, char *buf, size_t size)
{
	if (s->periods_per_year == 1)
		snprintf(buf, size, "%d", s->start + by);
	else
		period_label(s->start, s->periods_per_year, by, buf, size);
}

/*
 * What a per-year number with period keys allows over periods 0..by:
 * each year the least of its value and the sum of its period keys up to
 * 'by' (model-2.md; keys NULL: none), added year by year from the start.
 */
static double total_up_to(const struct scenario *s, const double *yearv,
			  const double *keyv, int by)
{
	int ppy = s->periods_per_year;
	double total = 0;
	for (int y = 0; y * ppy <= by && y < s->n_years; y++) {
		double keys = keyv ? 0 : INFINITY;
		for (int q = y * ppy; keyv && q < (y + 1) * ppy && q <= by; q++)
			keys += keyv[q];
		total += fmin(yearv ? yearv[y] : INFINITY, keys);
	}
	return total;
}

/* site_group[i]: the swap unit (instance group) of high-risk site i. */
static uint32_t *site_groups(const struct instance *in)
{
	uint32_t *site_group = xcalloc(in->scenario->n_sites + 1, sizeof(*site_group));
	for (size_t g = 0; g < in->n_groups; g++) {
		const struct group *gr = &in->groups[g];
		for (uint32_t k = 0; k < gr->n_sites; k++)
			site_group[in->group_sites[gr->first_site + k]] = (uint32_t)g;
	}
	return site_group;
}

/*
 * Money the history owes: with carry_over, the own spend of the ledger's
 * rows before replan_from (plan/ledger_money.h, as the model counts it)
 * chained through the years wholly before it, as model_history_carry()
 * does. A deficit at the end of the last of them carries into the first
 * year the planner decides and lowers its money (model-2.md rule 6): the
 * diagnosis says which year left it, how much, and where it goes, when
 * that year is no later than 'by'.
 */
static void explain_history_deficit(struct plan *p, int by)
{
	const struct scenario *s = p->scenario;
	int ppy = s->periods_per_year, first = s->replan_p / ppy;
	if (!s->carry_over || !s->n_fixed || s->replan_p % ppy || first < 1 ||
	    first >= s->n_years || first * ppy > by || !isfinite(s->budget[first]))
		return;
	size_t ny = (size_t)s->n_years + 1;
	double *own = xcalloc((size_t)s->n_periods + 1, sizeof(double));
	double *budget = xcalloc(ny, sizeof(double));
	double *spend = xcalloc(ny, sizeof(double));
	double *carry = xcalloc(ny, sizeof(double));
	ledger_money_own(s, s->replan_p, own);
	for (int q = 0; q < s->n_periods; q++)
		spend[q / ppy] += own[q];
	for (int y = 0; y < s->n_years; y++)
		budget[y] = s->budget[y] * p->budget_scale;
	ledger_money_history_carry(s, s->replan_p, budget, spend, carry);
	int since = first; /* the first year of the running deficit */
	while (since > 0 && carry[since - 1] < -1e-6)
		since--;
	double owed = -carry[first - 1];
	free(own);
	free(budget);
	free(spend);
	free(carry);
	if (since == first)
		return;
	char d[64], b[64], from[48] = "";
	money_format_text(d, sizeof(d), s->currency, money_cents(owed));
	money_format_text(b, sizeof(b), s->currency,
			  money_cents(s->budget[first] * p->budget_scale));
	if (since < first - 1)
		snprintf(from, sizeof(from), " (a deficit since %d)", s->start + since);
	char *line = xasprintf("  a deficit carries from before the re-plan: the "
			       "ledger's own spend left a deficit of %s at the end "
			       "of %d%s, carried into %d against its %s budget",
			       d, s->start + first - 1, from, s->start + first, b);
	/* said once, under the first rule money binds */
	for (size_t i = 0; i < p->n_diagnosis; i++)
		if (strcmp(p->diagnosis[i], line) == 0) {
			free(line);
			return;
		}
	plan_add_diagnosis(p, "%s", line);
	free(line);
}

/*
 * A resource binds a broken rule when what the least-violation plan left
 * of it by the rule's binding period cannot cover what the late sites
 * need: the money left against their cheapest cost, the capacity left
 * against their units, the crews left against their sites. Capacity and
 * crews must also be (nearly) used up: a resource with room to spare
 * stopped nothing. Each counts the periods up to and including 'by', as
 * the model limits them (a year's value over its periods, period keys).
 */
static void explain_money(struct plan *p, int by, double late_cost)
{
	const struct scenario *s = p->scenario;
	if (by < 0 || !s->budget)
		return;
	double avail = 0, spend = 0;
	int ppy = s->periods_per_year;
	for (int y = 0; y * ppy <= by && y < s->n_years; y++) {
		double keys = s->budget_period && ppy > 1 ? 0 : INFINITY;
		for (int q = y * ppy; isfinite(keys) && q < (y + 1) * ppy && q <= by; q++)
			keys += s->budget_period[q];
		double b = fmin(s->budget[y], keys);
		if (!isfinite(b))
			return; /* an unlimited year: money never binds */
		avail += b * p->budget_scale;
	}
	for (size_t k = 0; k < p->n_years; k++)
		if (p->years[k].period <= by)
			spend += p->years[k].spend;
	/* The funds' money usable by then: disbursed up to 'by' and in a
	 * period the fund still pays in (model-2.md rule 7). */
	double funds = 0;
	char with[320] = "";
	size_t used = 0;
	for (size_t f = 0; f < s->n_funds; f++) {
		const struct fund *fu = &s->funds[f];
		double m = 0;
		for (size_t k = 0; k < fu->n_disbursements; k++)
			if (fu->disbursements[k].p <= by &&
			    fu->disbursements[k].p <= fu->final_p)
				m += fu->disbursements[k].amount;
		funds += m;
		char mt[64];
		money_format_text(mt, sizeof(mt), s->currency, money_cents(m));
		if (used < sizeof(with))
			used += (size_t)snprintf(with + used, sizeof(with) - used,
						 "%s%s from fund '%s'",
						 used ? ", " : " and ", mt, fu->name);
	}
	if (late_cost <= avail + funds - spend + 1e-6)
		return;
	char a[64], b[64], c[64], t[16];
	money_format_text(a, sizeof(a), s->currency, money_cents(spend));
	money_format_text(b, sizeof(b), s->currency, money_cents(avail));
	money_format_text(c, sizeof(c), s->currency, money_cents(late_cost));
	by_text(s, by, t, sizeof(t));
	plan_add_diagnosis(p,
			   "  money binds: the closest plan spends %s of the %s "
			   "budgeted%s up to %s, and the late sites alone would cost at "
			   "least %s",
			   a, b, with, t, c);
	explain_history_deficit(p, by);
}

static void explain_capacity(struct plan *p, int by, const bool *vendor_needed,
			     double late_units)
{
	const struct scenario *s = p->scenario;
	if (by < 0)
		return;
	double left = 0, total = 0;
	char list[512] = "";
	size_t n = 0;
	for (size_t v = 0; v < s->n_vendors; v++) {
		if (!vendor_needed[v])
			continue;
		const struct trusted_vendor *tv = &s->vendors[v];
		double cap = total_up_to(
			s, tv->capacity,
			s->periods_per_year > 1 ? tv->capacity_period : NULL, by);
		double used = 0;
		if (!isfinite(cap))
			return; /* some vendor could take them all */
		for (size_t k = 0; k < p->n_sites; k++)
			if (p->sites[k].vendor == (int)v && p->sites[k].period <= by)
				used += (double)s->sites[p->sites[k].site].units;
		left += cap - used;
		total += cap;
		char l[48], t[48];
		num_format_quantity(l, sizeof(l), cap - used);
		num_format_quantity(t, sizeof(t), cap);
		if (n < sizeof(list))
			n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s %s of %s",
					      n ? ", " : "", tv->name, l, t);
	}
	/* Binding means used up: capacity left over did not stop anything. */
	if (late_units <= left + 1e-9 || left > (1 - USED_UP) * total)
		return;
	char u[48], t[16];
	num_format_count(u, sizeof(u), late_units, "unit", "units");
	by_text(s, by, t, sizeof(t));
	plan_add_diagnosis(p,
			   "  vendor capacity binds: units left to install up to %s: %s; "
			   "the late sites have %s",
			   t, list, u);
}

static void explain_crews(struct plan *p, int by, const double *late_sites)
{
	const struct scenario *s = p->scenario;
	if (by < 0)
		return;
	double *yearv = xcalloc((size_t)s->n_years + 1, sizeof(double));
	double *keyv = xcalloc((size_t)s->n_periods + 1, sizeof(double));
	for (uint32_t r = 0; r < s->regions.count; r++) {
		if (!late_sites[r])
			continue;
		const char *name = s->regions.names[r];
		for (int y = 0; y < s->n_years; y++)
			yearv[y] = scenario_crews(s, name, y);
		for (int q = 0; q < s->n_periods; q++)
			keyv[q] = scenario_crews_period(s, name, q);
		double crews = total_up_to(s, yearv,
					   s->periods_per_year > 1 ? keyv : NULL, by),
		       used = 0;
		if (!isfinite(crews))
			continue;
		for (size_t k = 0; k < p->n_sites; k++)
			if (p->sites[k].period >= 0 && p->sites[k].period <= by &&
			    s->sites[p->sites[k].site].region == r)
				used++;
		if (late_sites[r] <= crews - used + 1e-9 || used < USED_UP * crews)
			continue;
		char u[48], c[48], l[48], t[16];
		num_format_quantity(u, sizeof(u), used);
		num_format_quantity(c, sizeof(c), crews);
		num_format_count(l, sizeof(l), late_sites[r], "late site is",
				 "late sites are");
		by_text(s, by, t, sizeof(t));
		plan_add_diagnosis(p,
				   "  crews bind in region '%s': %s of the %s "
				   "site swaps its crews can make up to %s are used; "
				   "%s there",
				   name, u, c, t, l);
	}
	free(yearv);
	free(keyv);
}

static void explain_vendor_share(struct plan *p)
{
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct plan_rule *r = &p->rules[i];
		if (r->kind != RULE_VENDOR_SHARE || r->value < r->limit - 1e-6)
			continue;
		plan_add_diagnosis(p, "  vendor share binds: %s (reached %.1f%%)",
				   r->label, r->value * 100);
	}
}

/* The period a late site was due by under rule r: its own deadline's
 * binding end for the sites' own deadlines, else the rule's period. */
static int due_for(const struct plan_rule *r, const struct site *site)
{
	return r->kind == RULE_DEADLINE && !r->scenario_line ? site->deadline_p
							     : r->period;
}

/* Whether a trusted vendor may take the site: its domain, allowed_vendors
 * and vendor_regions. */
static bool vendor_may(const struct scenario *s, const struct site *site, size_t v)
{
	return !isnan(scenario_unit_cost(&s->vendors[v],
					 s->domains.names[site->domain])) &&
	       scenario_vendor_allows(s, site, v);
}

/*
 * For a broken deadline or cap: which of its sites are late, what they
 * would cost, which vendors and regions they need, and then each
 * resource that the plan has used up by the rule's binding period (for
 * the sites' own deadlines, the latest of the late sites').
 */
static void explain_deadline(struct plan *p, const struct instance *in,
			     const struct plan_rule *r)
{
	const struct scenario *s = p->scenario;
	uint32_t *site_group = site_groups(in);
	bool *costed = xcalloc(in->n_groups + 1, sizeof(bool));
	bool *vendor_needed = xcalloc(s->n_vendors + 1, sizeof(bool));
	double *late_sites = xcalloc(s->regions.count + 1, sizeof(double));
	double late_cost = 0, late_units = 0;
	int64_t not_yet = 0, n_late = 0;
	int opens = 0, opens_year = 0, by = -1;
	char named[256] = "";
	size_t used = 0;
	bool own = r->kind == RULE_DEADLINE && !r->scenario_line;
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct plan_site *ps = &p->sites[k];
		const struct site *site = &s->sites[ps->site];
		if (!site_in_rule(s, r, site) || !is_late_for(ps, r, site))
			continue;
		if (own && site->deadline_p >= s->n_periods)
			continue; /* binds nothing inside the horizon */
		int site_by = due_for(r, site);
		if (site_by >= s->n_periods)
			site_by = s->n_periods - 1;
		if (site_by > by)
			by = site_by;
		late_sites[site->region]++;
		late_units += (double)site->units;
		for (size_t v = 0; v < s->n_vendors; v++)
			if (vendor_may(s, site, v))
				vendor_needed[v] = true;
		/* Version 1 counts by earliest_year, as it always did; version
		 * 2 by the first period allowed, when the rule binds inside the
		 * horizon (before it, the start is the reason). */
		if (s->format_version < 2 ? site->earliest_year > r->year
					  : site_by >= 0 && site->earliest_p > site_by) {
			not_yet++;
			if (site->earliest_p > opens)
				opens = site->earliest_p;
			if (site->earliest_year > opens_year)
				opens_year = site->earliest_year;
		}
		if (own && n_late++ < 3) {
			char when[16];
			date_format_long(site->deadline, when, sizeof(when));
			if (used < sizeof(named))
				used += (size_t)snprintf(
					named + used, sizeof(named) - used,
					"%s'%s' (%s, line %u)", used ? ", " : "",
					site->id, when, site->line);
		}
		/* A cluster goes whole: its cost counts once. */
		uint32_t g = site_group[ps->site];
		if (in->groups[g].cluster && costed[g])
			continue;
		costed[g] = true;
		double c = cheapest_by(in, g, site_by);
		if (isfinite(c))
			late_cost += c;
	}
	if (own && n_late) {
		char more[32] = "";
		if (n_late > 3)
			snprintf(more, sizeof(more), " and %lld more",
				 (long long)(n_late - 3));
		plan_add_diagnosis(p, "  late against their own deadline: %s%s", named,
				   more);
	}
	if (r->period < 0 && !own) {
		if (s->format_version < 2)
			plan_add_diagnosis(
				p, "  the year %d is before the horizon starts (%d)",
				r->year, s->start);
		else {
			char first[16];
			by_text(s, 0, first, sizeof(first));
			plan_add_diagnosis(p,
					   "  it binds before the horizon's first period "
					   "ends (%s)",
					   first);
		}
	}
	if (not_yet) {
		char n[48], t[16];
		num_format_quantity(n, sizeof(n), (double)not_yet);
		if (s->format_version < 2) {
			plan_add_diagnosis(
				p,
				"  %s of the late sites cannot be swapped before "
				"their earliest_year (up to %d)",
				n, opens_year);
		} else {
			by_text(s, opens, t, sizeof(t));
			plan_add_diagnosis(
				p,
				"  %s of the late sites cannot be swapped in time: "
				"their earliest allows no period before %s (the "
				"latest)",
				n, t);
		}
	}
	explain_money(p, by, late_cost);
	explain_capacity(p, by, vendor_needed, late_units);
	explain_crews(p, by, late_sites);
	explain_vendor_share(p);
	free(site_group);
	free(costed);
	free(vendor_needed);
	free(late_sites);
}

/* Whether a plan rule is a share cap measured by sites. */
static bool cap_by_sites(const struct scenario *s, const struct plan_rule *r)
{
	for (size_t i = 0; i < s->n_caps; i++)
		if (s->caps[i].line == r->scenario_line)
			return s->caps[i].measure == CAP_SITES;
	return false;
}

void diagnose_plan(struct plan *p, const struct instance *in)
{
	const struct scenario *s = p->scenario;
	struct precheck *pc = precheck_run(in);
	for (size_t i = 0; i < pc->count; i++)
		if (pc->findings[i].impossible)
			plan_add_diagnosis(p, "proven impossible: %s",
					   pc->findings[i].message);
	precheck_destroy(pc);

	size_t before = p->n_diagnosis;
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct plan_rule *r = &p->rules[i];
		char sites[48], units[48], when[48];
		if (r->holds)
			continue;
		switch (r->kind) {
		case RULE_DEADLINE:
		case RULE_COMPLETION:
			num_format_quantity(sites, sizeof(sites), (double)r->sites_late);
			num_format_count(units, sizeof(units), (double)r->units_late,
					 "unit", "units");
			/* A dated rule inside a period says where it binds. */
			when[0] = '\0';
			if (s->periods_per_year > 1 && r->period >= 0 &&
			    r->scenario_line) {
				char l[16];
				period_label(s->start, s->periods_per_year, r->period, l,
					     sizeof(l));
				snprintf(when, sizeof(when), " (binds at the end of %s)",
					 l);
			}
			plan_add_diagnosis(p,
					   "%s%s: cannot hold; in the closest plan, "
					   "high-risk sites late: %s (%s)",
					   r->label, when, sites, units);
			explain_deadline(p, in, r);
			break;
		case RULE_SHARE_CAP:
			if (cap_by_sites(s, r))
				num_format_count(units, sizeof(units),
						 (double)r->units_late, "site", "sites");
			else
				num_format_count(units, sizeof(units),
						 (double)r->units_late, "unit", "units");
			if (s->periods_per_year == 1)
				snprintf(when, sizeof(when), "in %d", r->year);
			else {
				char l[16];
				period_label(s->start, s->periods_per_year, r->period, l,
					     sizeof(l));
				snprintf(when, sizeof(when), "at the end of %s", l);
			}
			plan_add_diagnosis(p,
					   "%s: cannot hold; the closest plan reaches "
					   "%.2f%% %s (%s above the cap)",
					   r->label, r->value * 100, when, units);
			explain_deadline(p, in, r);
			break;
		case RULE_VENDOR_SHARE:
			break;
		}
	}
	if (p->n_diagnosis == before)
		plan_add_diagnosis(p, "the rules cannot all hold together (clusters, "
				      "dependencies and vendor shares leave no plan)");
}
