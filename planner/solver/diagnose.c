#include "solver/diagnose.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
 * 'year', over the vendors that can take it and the periods it is allowed
 * in, as the instance prices it (per member: a site of a cohort, a whole
 * cluster).
 */
static double cheapest_by(const struct instance *in, size_t g, int year)
{
	int last = (year - in->scenario->start + 1) * in->periods_per_year - 1;
	if (last >= in->n_periods)
		last = in->n_periods - 1;
	double best = INFINITY;
	for (int yi = in->groups[g].earliest_p; yi <= last; yi++)
		for (size_t v = 0; v < in->n_vendors; v++) {
			double c = instance_cost(in, g, v, yi);
			if (c < best) /* false for NAN: v cannot take g */
				best = c;
		}
	return best;
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
 * A resource binds a broken rule when what the least-violation plan left
 * of it by the rule's year cannot cover what the late sites need: the
 * money left against their cheapest cost, the capacity left against their
 * units, the crews left against their sites. Capacity and crews must also
 * be (nearly) used up: a resource with room to spare stopped nothing.
 */
static void explain_money(struct plan *p, int year, double late_cost)
{
	const struct scenario *s = p->scenario;
	double avail = 0, spend = 0;
	for (int y = s->start; y <= year && y <= s->end; y++) {
		double b = s->budget ? s->budget[y - s->start] : INFINITY;
		if (!isfinite(b))
			return; /* an unlimited year: money never binds */
		avail += b * p->budget_scale;
	}
	for (size_t k = 0; k < p->n_years; k++)
		if (p->years[k].year <= year)
			spend += p->years[k].spend;
	if (s->start > year || late_cost <= avail - spend + 1e-6)
		return;
	char a[64], b[64], c[64];
	money_format_text(a, sizeof(a), s->currency, money_cents(spend));
	money_format_text(b, sizeof(b), s->currency, money_cents(avail));
	money_format_text(c, sizeof(c), s->currency, money_cents(late_cost));
	plan_add_diagnosis(p,
			   "  money binds: the closest plan spends %s of the %s "
			   "budgeted up to %d, and the late sites alone would cost at "
			   "least %s",
			   a, b, year, c);
}

static void explain_capacity(struct plan *p, int year, const bool *vendor_needed,
			     double late_units)
{
	const struct scenario *s = p->scenario;
	double left = 0, total = 0;
	char list[512] = "";
	size_t n = 0;
	for (size_t v = 0; v < s->n_vendors; v++) {
		if (!vendor_needed[v])
			continue;
		double cap = 0, used = 0;
		for (int y = s->start; y <= year && y <= s->end; y++)
			cap += s->vendors[v].capacity
				       ? s->vendors[v].capacity[y - s->start]
				       : INFINITY;
		if (!isfinite(cap))
			return; /* some vendor could take them all */
		for (size_t k = 0; k < p->n_sites; k++)
			if (p->sites[k].vendor == (int)v && p->sites[k].year <= year)
				used += (double)s->sites[p->sites[k].site].units;
		left += cap - used;
		total += cap;
		char l[48], t[48];
		num_format_quantity(l, sizeof(l), cap - used);
		num_format_quantity(t, sizeof(t), cap);
		if (n < sizeof(list))
			n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s %s of %s",
					      n ? ", " : "", s->vendors[v].name, l, t);
	}
	/* Binding means used up: capacity left over did not stop anything. */
	if (s->start > year || late_units <= left + 1e-9 || left > (1 - USED_UP) * total)
		return;
	char u[48];
	num_format_count(u, sizeof(u), late_units, "unit", "units");
	plan_add_diagnosis(p,
			   "  vendor capacity binds: units left to install up to %d: %s; "
			   "the late sites have %s",
			   year, list, u);
}

static void explain_crews(struct plan *p, int year, const double *late_sites)
{
	const struct scenario *s = p->scenario;
	for (uint32_t r = 0; r < s->regions.count; r++) {
		if (!late_sites[r])
			continue;
		const char *name = s->regions.names[r];
		double crews = 0, used = 0;
		for (int y = s->start; y <= year && y <= s->end; y++)
			crews += scenario_crews(s, name, y - s->start);
		if (!isfinite(crews) || s->start > year)
			continue;
		for (size_t k = 0; k < p->n_sites; k++)
			if (p->sites[k].year && p->sites[k].year <= year &&
			    s->sites[p->sites[k].site].region == r)
				used++;
		if (late_sites[r] <= crews - used + 1e-9 || used < USED_UP * crews)
			continue;
		char u[48], c[48], l[48];
		num_format_quantity(u, sizeof(u), used);
		num_format_quantity(c, sizeof(c), crews);
		num_format_count(l, sizeof(l), late_sites[r], "late site is",
				 "late sites are");
		plan_add_diagnosis(p,
				   "  crews bind in region '%s': %s of the %s "
				   "site swaps its crews can make up to %d are used; "
				   "%s there",
				   name, u, c, year, l);
	}
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

/*
 * For a broken deadline: which of its sites are late, what they would
 * cost, which vendors and regions they need, and then each resource that
 * the plan has used up by the deadline year.
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
	int64_t not_yet = 0;
	int opens = 0;
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct plan_site *ps = &p->sites[k];
		const struct site *site = &s->sites[ps->site];
		if (!site_in_rule(s, r, site) || !is_late_for(ps, r, site))
			continue;
		late_sites[site->region]++;
		late_units += (double)site->units;
		const char *dom = s->domains.names[site->domain];
		for (size_t v = 0; v < s->n_vendors; v++)
			if (!isnan(scenario_unit_cost(&s->vendors[v], dom)))
				vendor_needed[v] = true;
		if (site->earliest_year > r->year) {
			not_yet++;
			if (site->earliest_year > opens)
				opens = site->earliest_year;
		}
		/* A cluster goes whole: its cost counts once. */
		uint32_t g = site_group[ps->site];
		if (in->groups[g].cluster && costed[g])
			continue;
		costed[g] = true;
		double c = cheapest_by(in, g, r->year);
		if (isfinite(c))
			late_cost += c;
	}
	if (r->year < s->start)
		plan_add_diagnosis(p, "  the year %d is before the horizon starts (%d)",
				   r->year, s->start);
	if (not_yet) {
		char n[48];
		num_format_quantity(n, sizeof(n), (double)not_yet);
		plan_add_diagnosis(p,
				   "  %s of the late sites cannot be swapped before "
				   "their earliest_year (up to %d)",
				   n, opens);
	}
	explain_money(p, r->year, late_cost);
	explain_capacity(p, r->year, vendor_needed, late_units);
	explain_crews(p, r->year, late_sites);
	explain_vendor_share(p);
	free(site_group);
	free(costed);
	free(vendor_needed);
	free(late_sites);
}

void diagnose_plan(struct plan *p, const struct instance *in)
{
	struct precheck *pc = precheck_run(in);
	for (size_t i = 0; i < pc->count; i++)
		if (pc->findings[i].impossible)
			plan_add_diagnosis(p, "proven impossible: %s",
					   pc->findings[i].message);
	precheck_destroy(pc);

	size_t before = p->n_diagnosis;
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct plan_rule *r = &p->rules[i];
		char sites[48], units[48];
		if (r->holds)
			continue;
		switch (r->kind) {
		case RULE_DEADLINE:
		case RULE_COMPLETION:
			num_format_quantity(sites, sizeof(sites), (double)r->sites_late);
			num_format_count(units, sizeof(units), (double)r->units_late,
					 "unit", "units");
			plan_add_diagnosis(
				p,
				"%s: cannot hold; in the closest plan, high-risk "
				"sites late: %s (%s)",
				r->label, sites, units);
			explain_deadline(p, in, r);
			break;
		case RULE_SHARE_CAP:
			num_format_count(units, sizeof(units), (double)r->units_late,
					 "unit", "units");
			plan_add_diagnosis(
				p,
				"%s: cannot hold; the closest plan reaches %.2f%% "
				"in %d (%s above the cap)",
				r->label, r->value * 100, r->year, units);
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
