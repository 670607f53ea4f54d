#include "plan/history.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan/instance.h"
#include "util/xalloc.h"

bool history_uses(const struct scenario *s)
{
	return s->replan_p > 0 || s->n_fixed > 0;
}

bool history_deadline_covers(const struct scenario *s, const struct deadline_rule *r,
			     const struct site *site)
{
	if (r->domain && strcmp(r->domain, s->domains.names[site->domain]) != 0)
		return false;
	return !r->region_name || r->region == site->region;
}

bool history_fund_covers(const struct fund *f, const struct site *site)
{
	if (!f->n_domains)
		return true;
	for (size_t k = 0; k < f->n_domains; k++)
		if (f->domains[k] == site->domain)
			return true;
	return false;
}

/* Without a re-plan a deadline binding before the horizon stays the
 * plan's, hard (scenario-format-2.md, "Binding end"), unless a committed
 * row misses it. */
bool history_late_for(const struct history *h, size_t i, int b)
{
	uint32_t r = h->row_of[i];
	if (r != UINT32_MAX)
		return h->s->fixed[r].p > b;
	return h->replan_p > 0 && b < h->replan_p;
}

/* Whether a deadline binding at the end of b binds inside the horizon or
 * before it: one after the horizon binds nothing. */
static bool binds(const struct scenario *s, int b)
{
	return b < s->n_periods;
}

static void find_broken_deadlines(struct history *h)
{
	const struct scenario *s = h->s;
	for (size_t k = 0; k < s->n_deadlines; k++) {
		const struct deadline_rule *r = &s->deadlines[k];
		int b = r->when.bind_p;
		if (!binds(s, b))
			continue;
		for (size_t i = 0; i < s->n_sites && !h->deadline_broken[k]; i++)
			if (scenario_site_is_high_risk(s, &s->sites[i]) &&
			    history_deadline_covers(s, r, &s->sites[i]) &&
			    history_late_for(h, i, b))
				h->deadline_broken[k] = true;
		h->any_broken |= h->deadline_broken[k];
	}
	/* A fund's final date is a deadline of the HR sites it covers
	 * (model-2.md rule 8); one already missed is broken like any. */
	for (size_t f = 0; f < s->n_funds; f++) {
		const struct fund *fu = &s->funds[f];
		if (!fu->has_final || !binds(s, fu->final_p))
			continue;
		for (size_t i = 0; i < s->n_sites && !h->fund_broken[f]; i++)
			if (scenario_site_is_high_risk(s, &s->sites[i]) &&
			    history_fund_covers(fu, &s->sites[i]) &&
			    history_late_for(h, i, fu->final_p))
				h->fund_broken[f] = true;
		h->any_broken |= h->fund_broken[f];
	}
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		if (site->has_deadline && binds(s, site->deadline_p) &&
		    scenario_site_is_high_risk(s, site) &&
		    history_late_for(h, i, site->deadline_p))
			h->own_broken[i] = true;
		h->any_broken |= h->own_broken[i];
	}
}

/* Share caps above their limit at a period end before replan_from, by
 * the ledger's done swaps and growth. */
static void find_broken_caps(struct history *h)
{
	const struct scenario *s = h->s;
	for (size_t k = 0; k < s->n_caps; k++) {
		const struct share_cap_rule *cap = &s->caps[k];
		int from = cap->when.bind_p < 0 ? 0 : cap->when.bind_p;
		for (int p = from; p < h->replan_p && p < s->n_periods; p++) {
			double hr = 0, all = 0;
			for (size_t i = 0; i < s->n_sites; i++) {
				const struct site *site = &s->sites[i];
				if (!scenario_cap_covers(s, cap, site->domain,
							 site->region) ||
				    site->in_service_p > p || site->units <= 0)
					continue;
				double n = cap->measure == CAP_SITES
						   ? 1
						   : (double)site->units;
				all += n;
				uint32_t r = h->row_of[i];
				if (scenario_site_is_high_risk(s, site) &&
				    (r == UINT32_MAX || s->fixed[r].p > p))
					hr += n;
			}
			double lim = cap->max_share * all;
			if (all > 0 && hr > lim + 1e-6 + 1e-9 * fabs(lim)) {
				h->cap_broken[k] = true;
				h->any_broken = true;
				break;
			}
		}
	}
}

struct history *history_create(const struct scenario *s)
{
	if (!history_uses(s))
		return NULL;
	struct history *h = xcalloc(1, sizeof(*h));
	h->s = s;
	h->replan_p = s->replan_p;
	h->row_of = xmalloc((s->n_sites + 1) * sizeof(uint32_t));
	memset(h->row_of, 0xff, (s->n_sites + 1) * sizeof(uint32_t));
	for (size_t r = 0; r < s->n_fixed; r++)
		h->row_of[s->fixed[r].site] = (uint32_t)r;
	h->deadline_broken = xcalloc(s->n_deadlines + 1, sizeof(bool));
	h->own_broken = xcalloc(s->n_sites + 1, sizeof(bool));
	h->cap_broken = xcalloc(s->n_caps + 1, sizeof(bool));
	h->fund_broken = xcalloc(s->n_funds + 1, sizeof(bool));
	find_broken_deadlines(h);
	find_broken_caps(h);
	return h;
}

void history_destroy(struct history *h)
{
	if (!h)
		return;
	free(h->row_of);
	free(h->deadline_broken);
	free(h->own_broken);
	free(h->cap_broken);
	free(h->fund_broken);
	free(h);
}

int history_site_deadline(const struct history *h, const struct site *site)
{
	const struct scenario *s = h->s;
	size_t i = (size_t)(site - s->sites);
	int d = INT_MAX;
	for (size_t k = 0; k < s->n_deadlines; k++) {
		const struct deadline_rule *r = &s->deadlines[k];
		if (!h->deadline_broken[k] && history_deadline_covers(s, r, site) &&
		    r->when.bind_p < d)
			d = r->when.bind_p;
	}
	for (size_t f = 0; f < s->n_funds; f++) {
		const struct fund *fu = &s->funds[f];
		if (fu->has_final && !h->fund_broken[f] &&
		    history_fund_covers(fu, site) && fu->final_p < d)
			d = fu->final_p;
	}
	if (!h->own_broken[i] && site->deadline_p < d)
		d = site->deadline_p;
	return d;
}

double history_site_vb(const struct history *h, const struct site *site, int p)
{
	const struct scenario *s = h->s;
	size_t i = (size_t)(site - s->sites);
	int np = s->n_periods;
	int end = p >= 0 ? p : np; /* the period whose end the swap counts to */
	double years = (double)(end + 1 - h->replan_p) / s->periods_per_year;
	int late = 0;
	for (size_t k = 0; k < s->n_deadlines; k++) {
		const struct deadline_rule *r = &s->deadlines[k];
		if (h->deadline_broken[k] && history_deadline_covers(s, r, site) &&
		    end > r->when.bind_p)
			late++;
	}
	for (size_t f = 0; f < s->n_funds; f++)
		if (h->fund_broken[f] && history_fund_covers(&s->funds[f], site) &&
		    end > s->funds[f].final_p)
			late++;
	if (h->own_broken[i] && end > site->deadline_p)
		late++;
	return late ? late * (double)site->units * years : 0;
}

int history_fixed_p(const struct history *h, size_t site)
{
	uint32_t r = h->row_of[site];
	return r == UINT32_MAX ? -1 : h->s->fixed[r].p;
}

void history_pin_groups(struct instance *in)
{
	const struct history *h = in->history;
	const struct scenario *s = in->scenario;
	for (size_t g = 0; g < in->n_groups; g++) {
		struct group *gr = &in->groups[g];
		uint32_t site = in->group_sites[gr->first_site];
		uint32_t r = h->row_of[site];
		if (r == UINT32_MAX)
			continue;
		const struct ledger_row *row = &s->fixed[r];
		gr->fixed_p = row->p;
		gr->fixed_v = row->vendor;
		gr->fixed_cost = 0;
		for (uint32_t k = 0; k < gr->n_sites; k++) {
			uint32_t rk = h->row_of[in->group_sites[gr->first_site + k]];
			gr->fixed_cost += ledger_row_cost(s, &s->fixed[rk]);
		}
		gr->earliest_p = row->p;
		gr->deadline_p = INT_MAX;
		for (size_t v = 0; v < in->n_vendors; v++)
			in->base_cost[g * in->n_vendors + v] =
				v == row->vendor ? gr->fixed_cost / in->escalation[row->p]
						 : NAN;
	}
	/* A group 't' can go by period p when it is fixed by then, or is
	 * decided and may open by then from replan_p on. */
	size_t kept = 0;
	for (size_t i = 0; i < in->n_deps; i++) {
		const struct group *f = &in->groups[in->deps[i].from];
		const struct group *t = &in->groups[in->deps[i].to];
		bool keep = true;
		if (f->fixed_p >= 0) {
			int first = t->fixed_p >= 0                ? t->fixed_p
				    : t->earliest_p > in->replan_p ? t->earliest_p
								   : in->replan_p;
			keep = first <= f->fixed_p;
		}
		if (keep)
			in->deps[kept++] = in->deps[i];
	}
	in->n_deps = kept;
}
