/*
 * instance: what the optimisation needs from a scenario, solver-free.
 *
 * A swap unit (model.md) is a cluster of high-risk sites or one high-risk
 * site without a cluster. High-risk sites that are interchangeable in
 * every rule (same region, domain, units, criticality, earliest period,
 * own deadline and allowed vendors; no cluster; no dependency to or from
 * them) form a cohort: one group of 'multiplicity' swap units of one site
 * each, so the model needs one integer variable per group, vendor and
 * period instead of one binary per site. Without aggregation every group
 * has multiplicity 1.
 *
 * Time is counted in periods (scenario.h): index p of n_periods, in year
 * index p / periods_per_year. With yearly periods a period is a year.
 *
 * All figures of a group are per member swap unit ("per member"): for a
 * cohort that is one site, for a cluster the sum over its sites.
 *
 * Calling sequence:
 *	struct instance *in = instance_create(scenario, budget_scale, aggregate);
 *	... model_create(in, ...) ...
 *	instance_destroy(in);
 *
 * Ownership: borrows the scenario (which must be validated and outlive
 * it); owns its arrays.
 */
#ifndef PHASEOUT_INSTANCE_H
#define PHASEOUT_INSTANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/baseline.h"
#include "input/scenario.h"
#include "plan/history.h"

/* The part of one member swap unit in one (domain, region). */
struct group_part {
	uint32_t domain; /* scenario domain index */
	uint32_t region; /* scenario region index */
	int64_t units;   /* HR units per member */
	uint32_t sites;  /* HR sites per member */
};

struct group {
	uint32_t multiplicity; /* swap units in the group (1 unless a cohort) */
	uint32_t first_site;   /* into instance.group_sites */
	uint32_t n_sites;      /* multiplicity sites (cohort) or the cluster's */
	uint32_t first_part;   /* into instance.parts */
	uint32_t n_parts;
	int64_t units;       /* per member */
	uint32_t sites;      /* per member */
	double weight;       /* per member: sum of criticality * units */
	int earliest_p;      /* first period it may be swapped in; may be
				>= n_periods (never inside the horizon) */
	int deadline_p;      /* binding end of the earliest deadline (rule,
				regional or its sites' own) that covers it,
				-1 before the first period end; INT_MAX
				none (instance_group_deadline() adds the
				cost objective's) */
	const char *cluster; /* NULL unless a cluster */
	/* With a baseline: cohorts that differ only by their sites' baseline
	 * decision share a family (the one cohort they would be without
	 * it), so a plan may swap their members' decisions around without
	 * changing any rule or objective but the moves. UINT32_MAX for
	 * clusters, sites in dependencies and every group without a
	 * baseline. */
	uint32_t family;
	/* A fixed swap (a ledger row, plan/history.h): the group is one
	 * swap unit pinned to vendor fixed_v in period fixed_p at
	 * fixed_cost (nominal, as the ledger says, never escalated);
	 * fixed_p -1 for every group the planner decides. */
	int fixed_p;
	uint32_t fixed_v;
	double fixed_cost;
};

struct instance {
	const struct scenario *scenario;
	/* The plan to move as few sites from (plan --baseline), NULL none;
	 * borrowed. With one, a cohort's sites also share their baseline
	 * decision. */
	const struct baseline *baseline;
	int n_years;
	int periods_per_year, n_periods;
	size_t n_vendors; /* trusted vendors, as scenario->vendors */

	struct group *groups;
	size_t n_groups;
	uint32_t *group_sites; /* site indices, sorted by site_id in a group */
	size_t n_group_sites;
	struct group_part *parts;
	size_t n_parts;

	/* base_cost[g * n_vendors + v]: nominal cost per member at the
	 * horizon's start, NAN when vendor v cannot take group g (a domain it
	 * does not list, or a site's allowed_vendors or the vendor's regions
	 * rule it out). Period p multiplies by escalation[p] (nominal) or
	 * pv_factor[p] (present value), t(p) being years from the start. */
	double *base_cost;
	double *escalation; /* [n_periods] (1 + cost_escalation)^t(p) */
	double *pv_factor;  /* [n_periods] escalation / (1 + discount_rate)^t(p) */

	double *budget;        /* [n_years] scaled, INFINITY = unlimited */
	double *budget_period; /* [n_periods] scaled period keys, INFINITY none */

	/* Dependencies between groups (multiplicity 1 each): group 'from' may
	 * be swapped in period p only if group 'to' is swapped by p. */
	struct group_dep {
		uint32_t from, to;
	} * deps;
	size_t n_deps;

	/* Totals over all sites of the scenario, any vendor, at the end of
	 * the horizon (every site in service by then counted). */
	int64_t *domain_units; /* [n_domains] */
	int64_t hr_units_total;
	int64_t hr_sites_total;
	int64_t all_units_total;
	/* vendor_had[v * n_domains + d]: units trusted vendor v holds in
	 * domain d at the end of the horizon without the plan (sites.csv rows
	 * with its name). */
	int64_t *vendor_had;
	size_t n_domains, n_regions;
	/* Network growth: the periods at whose end a site enters the counts
	 * (in_service_p > 0 and inside the horizon), ascending, distinct. */
	int *growth_p;
	size_t n_growth;
	/* With growth only: in_service[((v + 1) * n_domains + d) * n_periods
	 * + p], the units in service in domain d at the end of period p, of
	 * trusted vendor v (v = -1: of any vendor). NULL without growth. */
	int64_t *in_service;
	/* A re-plan's history and commitments (plan/history.h), NULL
	 * without replan_from and ledger; owned. The planner decides only
	 * periods from replan_p on. */
	struct history *history;
	int replan_p;
};

/*
 * instance_create: derive the instance; 'budget_scale' multiplies every
 * budget; 'aggregate' turns cohorts on. This is the scenario's own view,
 * without its history (the pre-check's, which judges the ledger apart):
 * no group is pinned and the planner's periods start at 0.
 */
struct instance *instance_create(const struct scenario *s, double budget_scale,
				 bool aggregate);
/* instance_create_baseline: the planner's instance, with a baseline
 * (borrowed; NULL none), whose decisions join the cohort signature, and
 * with the scenario's history (in->history: replan_from and the ledger's
 * swaps pinned, plan/history.h). */
struct instance *instance_create_baseline(const struct scenario *s, double budget_scale,
					  bool aggregate,
					  const struct baseline *baseline);
void instance_destroy(struct instance *in);

/*
 * instance_moves_coef: the moves (sites moved from the baseline,
 * cli-and-outputs-2.md) as a linear function of the members of group g
 * swapped to vendor v in period p: moves = constant + sum of coef *
 * members over the group's (v, p). Per member: +1 for each of its sites
 * the baseline left unswapped, -1 for each the baseline swapped in p to
 * v. '*constant' (when not NULL) is the group's sites the baseline swaps:
 * each is moved unless kept. Needs in->baseline.
 */
double instance_moves_coef(const struct instance *in, size_t g, size_t v, int p,
			   double *constant);

/*
 * instance_cap_scope: for share cap 'c' at the end of period p, the units
 * (or, measured by sites, the sites with units > 0) of every site in its
 * scope and in service then (any vendor) in '*total', and, when
 * 'per_member' is not NULL, the HR units (sites) in scope per member of
 * each group (per_member[g], n_groups entries). Returns the HR units
 * (sites) in scope over all members.
 */
double instance_cap_scope(const struct instance *in, const struct share_cap_rule *c,
			  int p, double *per_member, double *total);

/* instance_cap_from: the first period at whose end cap c holds (its
 * binding end, or 0 when that is before the horizon); n_periods when it
 * binds nothing inside the horizon. */
int instance_cap_from(const struct instance *in, const struct share_cap_rule *c);

/*
 * instance_vendor_room: the units trusted vendor v may gain in domain d
 * by the end of period p under max_vendor_share (rule 5 of model-2.md,
 * growth counted), INFINITY without a limit.
 */
double instance_vendor_room(const struct instance *in, size_t v, size_t d, int p);

/* instance_cost: nominal cost per member of group g with vendor v in
 * period p; NAN when v cannot take g. */
double instance_cost(const struct instance *in, size_t g, size_t v, int p);
/* instance_pv: the same discounted to the start. */
double instance_pv(const struct instance *in, size_t g, size_t v, int p);

/*
 * instance_group_deadline: the last period a swap of group g is on time
 * in: its earliest deadline or, with the cost objective, the horizon's
 * last period when that comes first (every site is swapped by then).
 * INT_MAX when neither applies; -1 when no period is on time.
 */
int instance_group_deadline(const struct instance *in, const struct group *g);
/* instance_site_deadline: the same for one site, from the scenario alone. */
int instance_site_deadline(const struct scenario *s, const struct site *site);

/* instance_site_rule_deadline: the binding end of the earliest deadline
 * rule covering 'site' (domain and region), INT_MAX none. */
int instance_site_rule_deadline(const struct scenario *s, const struct site *site);

#endif
