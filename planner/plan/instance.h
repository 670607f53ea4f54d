/*
 * instance: what the optimisation needs from a scenario, solver-free.
 *
 * A swap unit (model.md) is a cluster of high-risk sites or one high-risk
 * site without a cluster. High-risk sites that are interchangeable in
 * every rule (same region, domain, units, criticality and earliest year;
 * no cluster; no dependency to or from them) form a cohort: one group of
 * 'multiplicity' swap units of one site each, so the model needs one
 * integer variable per group, vendor and year instead of one binary per
 * site. Without aggregation every group has multiplicity 1.
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

#include "input/scenario.h"

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
	int earliest_yi;     /* first year index it may be swapped; may be
				>= n_years (never inside the horizon) */
	int deadline_year;   /* earliest deadline rule that covers it; INT_MAX
				none (instance_group_deadline() adds the
				cost objective's) */
	const char *cluster; /* NULL unless a cluster */
};

struct instance {
	const struct scenario *scenario;
	int n_years;
	size_t n_vendors; /* trusted vendors, as scenario->vendors */

	struct group *groups;
	size_t n_groups;
	uint32_t *group_sites; /* site indices, sorted by site_id in a group */
	size_t n_group_sites;
	struct group_part *parts;
	size_t n_parts;

	/* base_cost[g * n_vendors + v]: nominal cost per member at the start
	 * year, NAN when vendor v cannot take group g (a domain it does not
	 * list). Year index yi multiplies by escalation[yi] (nominal) or
	 * pv_factor[yi] (present value). */
	double *base_cost;
	double *escalation; /* [n_years] (1 + cost_escalation)^yi */
	double *pv_factor;  /* [n_years] escalation / (1 + discount_rate)^yi */

	double *budget; /* [n_years] scaled, INFINITY = unlimited */

	/* Dependencies between groups (multiplicity 1 each): group 'from' may
	 * be swapped in year y only if group 'to' is swapped by y. */
	struct group_dep {
		uint32_t from, to;
	} * deps;
	size_t n_deps;

	/* Totals over all sites of the scenario, any vendor. */
	int64_t *domain_units; /* [n_domains] */
	int64_t hr_units_total;
	int64_t hr_sites_total;
	int64_t all_units_total;
	/* vendor_had[v * n_domains + d]: units trusted vendor v holds in
	 * domain d before the plan (sites.csv rows with its name). */
	int64_t *vendor_had;
	size_t n_domains, n_regions;
};

/*
 * instance_create: derive the instance; 'budget_scale' multiplies every
 * budget; 'aggregate' turns cohorts on.
 */
struct instance *instance_create(const struct scenario *s, double budget_scale,
				 bool aggregate);
void instance_destroy(struct instance *in);

/*
 * instance_cap_scope: for share cap 'c', the units of every site in its
 * scope (any vendor) in '*total', and, when 'per_member' is not NULL, the
 * HR units in scope per member of each group (per_member[g], n_groups
 * entries). Returns the HR units in scope over all members.
 */
double instance_cap_scope(const struct instance *in, const struct share_cap_rule *c,
			  double *per_member, double *total);

/* instance_cost: nominal cost per member of group g with vendor v in year
 * index yi; NAN when v cannot take g. */
double instance_cost(const struct instance *in, size_t g, size_t v, int yi);
/* instance_pv: the same discounted to the start. */
double instance_pv(const struct instance *in, size_t g, size_t v, int yi);

/*
 * instance_group_deadline: the year after which a swap of group g is late:
 * its earliest deadline rule or, with the cost objective, the horizon's end
 * when that comes first (every site is swapped by then). INT_MAX when
 * neither applies.
 */
int instance_group_deadline(const struct instance *in, const struct group *g);
/* instance_site_deadline: the same for one site, from the scenario alone. */
int instance_site_deadline(const struct scenario *s, const struct site *site);

#endif
