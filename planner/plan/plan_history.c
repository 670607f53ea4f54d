#include "plan/plan_history.h"

#include <math.h>
#include <stdlib.h>

#include "plan/history.h"
#include "util/period.h"

void plan_history_sites(struct plan *p)
{
	const struct scenario *s = p->scenario;
	struct history *h = history_create(s);
	p->replan = true;
	p->replan_p = s->replan_p;
	for (size_t k = 0; k < p->n_sites; k++) {
		struct plan_site *ps = &p->sites[k];
		uint32_t r = h->row_of[ps->site];
		ps->status = ps->period < 0 ? SITE_UNSWAPPED : SITE_PLANNED;
		if (r == UINT32_MAX)
			continue;
		const struct ledger_row *row = &s->fixed[r];
		if (ps->period != row->p || ps->vendor != (int)row->vendor)
			continue; /* not the ledger's swap: a planned one */
		ps->status = row->done ? SITE_DONE : SITE_COMMITTED;
		if (isnan(row->cost))
			continue;
		double t = period_t(s->periods_per_year, ps->period);
		ps->written_cost = true;
		ps->equipment_cost = 0;
		ps->site_cost = ps->total_cost = row->cost;
		ps->present_value = row->cost / pow(1 + s->discount_rate, t);
	}
	history_destroy(h);
}

void plan_history_rules(struct plan *p)
{
	const struct scenario *s = p->scenario;
	struct history *h = history_create(s);
	size_t deadline = 0, cap = 0;
	bool own = false;
	for (size_t i = 0; i < s->n_sites; i++)
		own |= h->own_broken[i];
	size_t fund = 0;
	for (size_t r = 0; r < p->n_rules; r++) {
		struct plan_rule *pr = &p->rules[r];
		if (pr->kind == RULE_DEADLINE && pr->site_deadlines) {
			pr->broken_before_replan = own;
		} else if (pr->kind == RULE_DEADLINE && deadline < s->n_deadlines) {
			pr->broken_before_replan = h->deadline_broken[deadline++];
		} else if (pr->kind == RULE_DEADLINE) {
			/* the funds' final dates, in the order of the funds
			 * that have one (plan_funds_evaluate()) */
			while (fund < s->n_funds && !s->funds[fund].has_final)
				fund++;
			if (fund < s->n_funds)
				pr->broken_before_replan = h->fund_broken[fund++];
		} else if (pr->kind == RULE_SHARE_CAP && cap < s->n_caps) {
			pr->broken_before_replan = h->cap_broken[cap++];
		}
	}
	p->exposure_from_replan = 0;
	for (size_t y = (size_t)p->replan_p; y < p->n_years; y++)
		p->exposure_from_replan += p->years[y].exposure;
	p->planned_present_cents = 0;
	for (size_t k = 0; k < p->n_sites; k++)
		if (p->sites[k].status == SITE_PLANNED)
			p->planned_present_cents += p->sites[k].present_cents;
	history_destroy(h);
}
