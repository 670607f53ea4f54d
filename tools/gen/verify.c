/*
 * verify: the reference plan checked again, rule by rule, against the
 * figures about to be written; a failure is the generator's own bug.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "gen.h"

/*
 * verify_v2: what version 2 adds, in periods: dependencies within a year,
 * sites' own deadlines, allowed_vendors, vendor_regions, and the radio
 * vendor share at every period end as the network grows (model-2.md
 * rule 5).
 */
static bool verify_v2(const struct gen *g)
{
	const struct profile_def *P = g->prof;
	bool ok = true;
	for (size_t i = 0; i < g->n_sites; i++) {
		const struct site *s = &g->sites[i];
		if (!is_high_risk(s) || s->period < 0)
			continue;
		for (int k = 0; k < MAX_DEPS; k++) {
			const struct site *p =
				s->dep[k] < 0 ? NULL : &g->sites[s->dep[k]];
			if (p && is_high_risk(p) &&
			    (p->period < 0 || p->period > s->period)) {
				fprintf(stderr,
					"site %zu goes before a site it depends on\n", i);
				ok = false;
			}
		}
		if (s->deadline_p >= 0 && s->period > s->deadline_p) {
			fprintf(stderr, "site %zu misses its own deadline\n", i);
			ok = false;
		}
		if ((s->allowed && !(s->allowed & (1u << (s->to - FIRST_TRUSTED)))) ||
		    (s->to == V_SAMSUNG && !samsung_takes(g, s->region))) {
			fprintf(stderr, "site %zu goes to a vendor it may not have\n", i);
			ok = false;
		}
	}
	if (P->ran_vendor_share <= 0)
		return ok;
	for (int p = 0; p < g->n_periods; p++) {
		double held[N_VENDORS] = {0}, base[N_VENDORS] = {0}, total = 0;
		for (size_t i = 0; i < g->n_sites; i++) {
			const struct site *s = &g->sites[i];
			if (s->domain != DOM_RAN || (s->grown && s->in_service_p > p))
				continue;
			total += s->units;
			bool swapped =
				is_high_risk(s) && s->period >= 0 && s->period <= p;
			held[swapped ? s->to : s->vendor] += s->units;
			if (!is_high_risk(s))
				base[s->vendor] += s->units;
		}
		for (int v = FIRST_TRUSTED; v < FIRST_TRUSTED + N_TRUSTED; v++)
			if (held[v] > fmax(P->ran_vendor_share * total, base[v])) {
				fprintf(stderr, "period %d takes %s above its share\n", p,
					vendor_names[v]);
				ok = false;
			}
	}
	return ok;
}

/*
 * verify_plan: check the reference plan against every rule of model.md
 * with the figures about to be written, from the sites alone. Prints each
 * broken rule and returns false if any is; the budget is only checked when
 * --budget-factor is at least 1.
 */
bool verify_plan(const struct gen *g)
{
	const struct profile_def *P = g->prof;
	bool ok = true;
	const int ny = g->n_years, start = g->opt.start;
	double spend[MAX_YEARS] = {0}, to_units[N_VENDORS][MAX_YEARS] = {{0}};
	double crews[MAX_REGIONS][MAX_YEARS] = {{0}};
	double dom_total[N_DOMAINS] = {0}, hr_left[N_DOMAINS][MAX_YEARS + 1] = {{0}};
	double have[N_VENDORS] = {0}, ran_to_units[N_VENDORS][MAX_YEARS] = {{0}};
	int64_t *cluster_first = calloc(g->n_clusters + 1, sizeof(*cluster_first));
	if (!cluster_first)
		return false;
	for (size_t c = 0; c < g->n_clusters; c++)
		cluster_first[c] = -1;
	for (size_t i = 0; i < g->n_sites; i++) {
		const struct site *s = &g->sites[i];
		dom_total[s->domain] += s->units;
		if (s->domain == DOM_RAN)
			have[s->vendor] += s->units;
		if (!is_high_risk(s))
			continue;
		int deadline = deadline_of(g, s->domain);
		if (s->year < 0 && !deadline) {
			/* Left in place: counts against caps in every year. */
			for (int y = 0; y < ny; y++)
				hr_left[s->domain][y] += s->units;
			continue;
		}
		if (s->year < 0 || s->year >= ny || P->unit_cost[s->to][s->domain] <= 0) {
			fprintf(stderr, "site %zu has no valid swap\n", i);
			ok = false;
			continue;
		}
		int year = start + s->year;
		if (s->earliest && s->earliest > year) {
			fprintf(stderr, "site %zu swapped before its earliest year\n", i);
			ok = false;
		}
		if (deadline && year > deadline) {
			fprintf(stderr, "site %zu misses a deadline\n", i);
			ok = false;
		}
		if (s->cluster >= 0) {
			if (cluster_first[s->cluster] < 0)
				cluster_first[s->cluster] = (int64_t)i;
			const struct site *first = &g->sites[cluster_first[s->cluster]];
			if (first->year != s->year || first->to != s->to) {
				fprintf(stderr, "cluster of site %zu split\n", i);
				ok = false;
			}
		}
		for (int k = 0; k < MAX_DEPS; k++) {
			if (s->dep[k] < 0)
				continue;
			const struct site *p = &g->sites[s->dep[k]];
			if (p->domain + 1 != s->domain || p->region != s->region ||
			    (is_high_risk(p) && (p->year < 0 || p->year > s->year))) {
				fprintf(stderr, "site %zu depends on a later site\n", i);
				ok = false;
			}
		}
		spend[s->year] += (P->site_cost[s->domain] +
				   s->units * P->unit_cost[s->to][s->domain]) *
				  site_escalation(g, s);
		to_units[s->to][s->year] += s->units;
		crews[s->region][s->year] += 1;
		if (s->domain == DOM_RAN)
			ran_to_units[s->to][s->year] += s->units;
		for (int y = 0; y < s->year; y++)
			hr_left[s->domain][y] += s->units;
	}
	free(cluster_first);
	for (int y = 0; y < ny; y++) {
		if (g->opt.budget_factor >= 1 && spend[y] > g->budget[y]) {
			fprintf(stderr, "year %d spends above its budget\n", start + y);
			ok = false;
		}
		for (int k = 0; k < g->rules.n_caps; k++) {
			const struct rule_def *r = &g->rules.cap[k];
			if (start + y >= r->year &&
			    hr_left[r->domain][y] > r->share * dom_total[r->domain]) {
				fprintf(stderr, "year %d breaks the %s share cap\n",
					start + y, domain_names[r->domain]);
				ok = false;
			}
		}
		for (int v = FIRST_TRUSTED; v < FIRST_TRUSTED + N_TRUSTED; v++) {
			have[v] += ran_to_units[v][y];
			if (to_units[v][y] > g->capacity[v]) {
				fprintf(stderr, "year %d exceeds %s's capacity\n",
					start + y, vendor_names[v]);
				ok = false;
			}
			if (P->ran_vendor_share > 0 && ran_to_units[v][y] > 0 &&
			    have[v] > P->ran_vendor_share * dom_total[DOM_RAN]) {
				fprintf(stderr, "year %d takes %s above its share\n",
					start + y, vendor_names[v]);
				ok = false;
			}
		}
		for (size_t r = 0; r < P->n_regions; r++)
			if (crews[r][y] > g->crews[r]) {
				fprintf(stderr, "year %d exceeds crews of %s\n",
					start + y, P->regions[r].name);
				ok = false;
			}
	}
	return ok && (!g->v2 || verify_v2(g));
}
