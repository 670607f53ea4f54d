#include "plan/instance.h"

#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/period.h"
#include "util/sort.h"
#include "util/xalloc.h"

/* The signature that makes two high-risk sites interchangeable in every
 * rule: they cover the same deadlines and caps (domain, region), cost the
 * same (domain, units), weigh the same in E (criticality, units), open in
 * the same period, have the same own deadline and may go to the same
 * vendors; with a baseline, they also had the same baseline decision, so
 * that a cohort's moves are a count (instance.h). Without a baseline
 * base_period and base_vendor are -1 for every site, and the groups are
 * those of a run without one. */
struct cohort_key {
	uint32_t region, domain;
	int64_t units;
	double criticality;
	int earliest_p, deadline_p;
	const uint32_t *allowed; /* the site's allowed_vendors, n_allowed */
	uint32_t n_allowed;
	int base_period, base_vendor; /* baseline.h; -1 without a baseline */
};

static uint64_t key_hash(const struct cohort_key *k)
{
	uint64_t h = 1469598103934665603ull;
	uint64_t parts[7];
	memcpy(&parts[0], &k->criticality, sizeof(double));
	parts[1] = k->region;
	parts[2] = k->domain;
	parts[3] = (uint64_t)k->units;
	parts[4] = (uint64_t)(int64_t)k->earliest_p;
	parts[5] = (uint64_t)(int64_t)k->deadline_p;
	parts[6] = k->n_allowed;
	for (int i = 0; i < 7; i++)
		h = (h ^ parts[i]) * 1099511628211ull;
	for (uint32_t i = 0; i < k->n_allowed; i++)
		h = (h ^ k->allowed[i]) * 1099511628211ull;
	if (k->base_period != -1 || k->base_vendor != -1) {
		h = (h ^ (uint64_t)(int64_t)k->base_period) * 1099511628211ull;
		h = (h ^ (uint64_t)(int64_t)k->base_vendor) * 1099511628211ull;
	}
	return h;
}

static bool same_vendors(const struct cohort_key *a, const struct cohort_key *b)
{
	if (!a->allowed || !b->allowed) /* no list: any vendor */
		return a->allowed == b->allowed;
	for (uint32_t i = 0; i < a->n_allowed; i++)
		if (a->allowed[i] != b->allowed[i])
			return false;
	return true;
}

static bool key_equal(const struct cohort_key *a, const struct cohort_key *b)
{
	return a->region == b->region && a->domain == b->domain && a->units == b->units &&
	       a->criticality == b->criticality && a->earliest_p == b->earliest_p &&
	       a->deadline_p == b->deadline_p && a->n_allowed == b->n_allowed &&
	       a->base_period == b->base_period && a->base_vendor == b->base_vendor &&
	       same_vendors(a, b);
}

struct builder {
	const struct scenario *s;
	struct instance *in;
	uint32_t *site_group; /* [n_sites] group of each HR site, UINT32_MAX none */
	uint32_t **members;   /* per group: its sites, while building */
	uint32_t *n_members, *alloc_members;
	size_t alloc_groups; /* entries of the three above; >= in->n_groups */
};

static uint32_t new_group(struct builder *b)
{
	struct instance *in = b->in;
	if (in->n_groups >= b->alloc_groups) {
		b->alloc_groups = b->alloc_groups ? 2 * b->alloc_groups : 64;
		in->groups =
			xreallocarray(in->groups, b->alloc_groups, sizeof(*in->groups));
		b->members =
			xreallocarray(b->members, b->alloc_groups, sizeof(*b->members));
		b->n_members = xreallocarray(b->n_members, b->alloc_groups,
					     sizeof(*b->n_members));
		b->alloc_members = xreallocarray(b->alloc_members, b->alloc_groups,
						 sizeof(*b->alloc_members));
	}
	uint32_t g = (uint32_t)in->n_groups++;
	memset(&in->groups[g], 0, sizeof(in->groups[g]));
	in->groups[g].family = UINT32_MAX;
	in->groups[g].fixed_p = -1;
	b->members[g] = NULL;
	b->n_members[g] = 0;
	b->alloc_members[g] = 0;
	return g;
}

static void add_member(struct builder *b, uint32_t g, uint32_t site)
{
	assert(g < b->alloc_groups);
	ARRAY_GROW(b->members[g], b->n_members[g], b->alloc_members[g]);
	b->members[g][b->n_members[g]++] = site;
	b->site_group[site] = g;
}

/* Site indices by site id; the context is the scenario. */
static int compare_site_ids(const void *pa, const void *pb, const void *ctx)
{
	const struct scenario *s = ctx;
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	return strcmp(s->sites[a].id, s->sites[b].id);
}

/*
 * Sites that take part in a dependency keep a group of their own: a
 * dependency names one site, and an integer count of swapped members
 * cannot say which one went.
 */
static bool *sites_in_dependencies(const struct scenario *s, const bool *is_hr)
{
	bool *in_dep = xcalloc(s->n_sites ? s->n_sites : 1, sizeof(bool));
	if (!s->dep_start)
		return in_dep;
	for (size_t i = 0; i < s->n_sites; i++)
		for (uint32_t k = s->dep_start[i]; k < s->dep_start[i + 1]; k++) {
			uint32_t t = s->dep_sites[k];
			if (is_hr[i] && is_hr[t] && t != i) {
				in_dep[i] = true;
				in_dep[t] = true;
			}
		}
	return in_dep;
}

static void form_groups(struct builder *b, const bool *is_hr, bool aggregate)
{
	const struct scenario *s = b->s;
	struct strmap clusters;
	strmap_init(&clusters);
	uint32_t *cluster_group = NULL;
	uint32_t alloc_cluster_group = 0;
	bool *in_dep = sites_in_dependencies(s, is_hr);

	/* Cohort hash table: open addressing over group indices. */
	size_t n_slots = 64;
	while (n_slots < 2 * s->n_sites)
		n_slots *= 2;
	uint32_t *slots = aggregate ? xcalloc(n_slots, sizeof(uint32_t)) : NULL;
	struct cohort_key *keys = NULL;
	size_t alloc_keys = 0;
	/* Families (instance.h): the same table on the key without the
	 * baseline, mapping to a family number. */
	bool families = aggregate && b->in->baseline;
	uint32_t *fam_slots = families ? xcalloc(n_slots, sizeof(uint32_t)) : NULL;
	struct cohort_key *fam_keys = NULL;
	size_t n_fam = 0, alloc_fam = 0;

	for (uint32_t i = 0; i < s->n_sites; i++) {
		if (!is_hr[i])
			continue;
		const struct site *site = &s->sites[i];
		if (site->cluster) {
			int added;
			uint32_t c = strmap_intern(&clusters, site->cluster, &added);
			if (added) {
				if (c >= alloc_cluster_group) {
					alloc_cluster_group = 2 * c + 16;
					cluster_group = xreallocarray(cluster_group,
								      alloc_cluster_group,
								      sizeof(uint32_t));
				}
				cluster_group[c] = new_group(b);
				b->in->groups[cluster_group[c]].cluster = site->cluster;
			}
			/* A cluster seen before was added, and sized, then. */
			assert(c < alloc_cluster_group);
			add_member(b, cluster_group[c], i);
			continue;
		}
		if (!aggregate || in_dep[i] ||
		    (b->in->history && history_fixed_p(b->in->history, i) >= 0)) {
			add_member(b, new_group(b), i);
			continue;
		}
		struct cohort_key key = {site->region,
					 site->domain,
					 site->units,
					 site->criticality,
					 site->earliest_p,
					 site->deadline_p,
					 s->allowed ? s->allowed + site->allowed_first
						    : NULL,
					 site->n_allowed,
					 -1,
					 -1};
		if (b->in->baseline) {
			key.base_period = b->in->baseline->period[i];
			key.base_vendor = b->in->baseline->vendor[i];
		}
		size_t slot = key_hash(&key) & (n_slots - 1);
		while (slots[slot] && !key_equal(&keys[slots[slot] - 1], &key))
			slot = (slot + 1) & (n_slots - 1);
		uint32_t g;
		if (slots[slot]) {
			g = slots[slot] - 1;
		} else {
			g = new_group(b);
			if (g >= alloc_keys) {
				alloc_keys = 2 * (size_t)g + 64;
				keys = xreallocarray(keys, alloc_keys, sizeof(*keys));
			}
			keys[g] = key;
			slots[slot] = g + 1;
			if (families) {
				struct cohort_key fk = key;
				fk.base_period = fk.base_vendor = -1;
				size_t fs = key_hash(&fk) & (n_slots - 1);
				while (fam_slots[fs] &&
				       !key_equal(&fam_keys[fam_slots[fs] - 1], &fk))
					fs = (fs + 1) & (n_slots - 1);
				if (!fam_slots[fs]) {
					ARRAY_GROW(fam_keys, n_fam, alloc_fam);
					fam_keys[n_fam++] = fk;
					fam_slots[fs] = (uint32_t)n_fam;
				}
				b->in->groups[g].family = fam_slots[fs] - 1;
			}
		}
		add_member(b, g, i);
	}
	free(fam_slots);
	free(fam_keys);
	free(slots);
	free(keys);
	free(in_dep);
	free(cluster_group);
	strmap_finish(&clusters);
}

/* The binding end of the earliest deadline rule (or fund deadline)
 * covering a site of 'domain' in 'region', INT_MAX when none. */
static int rule_deadline(const struct scenario *s, uint32_t domain, uint32_t region)
{
	const char *dom = s->domains.names[domain];
	int d = INT_MAX;
	for (size_t r = 0; r < s->n_deadlines; r++) {
		const struct deadline_rule *dl = &s->deadlines[r];
		if ((!dl->domain || strcmp(dl->domain, dom) == 0) &&
		    (!dl->region_name || dl->region == region) && dl->when.bind_p < d)
			d = dl->when.bind_p;
	}
	/* A fund's final date is a deadline for the HR sites it covers
	 * (model-2.md rule 8). */
	for (size_t f = 0; f < s->n_funds; f++) {
		const struct fund *fu = &s->funds[f];
		bool covers = fu->n_domains == 0;
		for (size_t k = 0; k < fu->n_domains && !covers; k++)
			covers = fu->domains[k] == domain;
		if (covers && fu->has_final && fu->final_p < d)
			d = fu->final_p;
	}
	return d;
}

int instance_site_rule_deadline(const struct scenario *s, const struct site *site)
{
	return rule_deadline(s, site->domain, site->region);
}

/* A site's deadline: the earliest rule covering it or its own. */
static int site_deadline(const struct scenario *s, const struct site *site)
{
	int d = rule_deadline(s, site->domain, site->region);
	return site->deadline_p < d ? site->deadline_p : d;
}

/* Fill each group's sites, parts and per-member figures. A cohort's
 * members are single sites, so its per-member figures are its first
 * site's; a cluster (multiplicity 1) sums over its sites. */
static void describe_groups(struct builder *b)
{
	const struct scenario *s = b->s;
	struct instance *in = b->in;
	assert(in->n_groups <= b->alloc_groups);
	size_t total = 0;
	for (size_t g = 0; g < in->n_groups; g++)
		total += b->n_members[g];
	in->group_sites = xmalloc((total ? total : 1) * sizeof(uint32_t));
	in->parts = xmalloc((total ? total : 1) * sizeof(*in->parts));

	for (size_t g = 0; g < in->n_groups; g++) {
		struct group *gr = &in->groups[g];
		uint32_t n = b->n_members[g];
		sort_ctx(b->members[g], n, sizeof(uint32_t), compare_site_ids, s);
		gr->first_site = (uint32_t)in->n_group_sites;
		gr->n_sites = n;
		memcpy(in->group_sites + in->n_group_sites, b->members[g],
		       n * sizeof(uint32_t));
		in->n_group_sites += n;

		bool cohort = !gr->cluster;
		gr->multiplicity = cohort ? n : 1;
		uint32_t per_member = cohort ? 1 : n;
		gr->first_part = (uint32_t)in->n_parts;
		gr->earliest_p = 0;
		gr->deadline_p = INT_MAX;
		for (uint32_t k = 0; k < per_member; k++) {
			const struct site *site = &s->sites[b->members[g][k]];
			gr->units += site->units;
			gr->sites++;
			gr->weight += site->criticality * (double)site->units;
			if (site->earliest_p > gr->earliest_p)
				gr->earliest_p = site->earliest_p;
			int d = in->history ? history_site_deadline(in->history, site)
					    : site_deadline(s, site);
			if (d < gr->deadline_p)
				gr->deadline_p = d;
			struct group_part *p = NULL;
			for (uint32_t q = gr->first_part; q < in->n_parts; q++)
				if (in->parts[q].domain == site->domain &&
				    in->parts[q].region == site->region)
					p = &in->parts[q];
			if (!p) {
				p = &in->parts[in->n_parts++];
				*p = (struct group_part){site->domain, site->region, 0,
							 0};
			}
			p->units += site->units;
			p->sites++;
		}
		gr->n_parts = (uint32_t)(in->n_parts - gr->first_part);
	}
}

/* Whether every site of group g may go to vendor v (allowed_vendors,
 * vendor_regions); a cohort's sites share their signature, so its first
 * site speaks for all. */
static bool group_allows(const struct instance *in, const struct group *gr, size_t v)
{
	const struct scenario *s = in->scenario;
	uint32_t n = gr->multiplicity == 1 ? gr->n_sites : 1;
	for (uint32_t k = 0; k < n; k++)
		if (!scenario_vendor_allows(
			    s, &s->sites[in->group_sites[gr->first_site + k]], v))
			return false;
	return true;
}

static void compute_costs(struct instance *in)
{
	const struct scenario *s = in->scenario;
	in->base_cost = xmalloc((in->n_groups * in->n_vendors + 1) * sizeof(double));
	for (size_t g = 0; g < in->n_groups; g++) {
		const struct group *gr = &in->groups[g];
		for (size_t v = 0; v < in->n_vendors; v++) {
			double cost = 0;
			for (uint32_t q = gr->first_part;
			     q < gr->first_part + gr->n_parts; q++) {
				const struct group_part *p = &in->parts[q];
				const char *dom = s->domains.names[p->domain];
				double uc = scenario_unit_cost(&s->vendors[v], dom);
				if (isnan(uc)) {
					cost = NAN;
					break;
				}
				cost += scenario_site_cost(s, dom) * p->sites +
					uc * (double)p->units;
			}
			if (!group_allows(in, gr, v))
				cost = NAN;
			in->base_cost[g * in->n_vendors + v] = cost;
		}
	}
	size_t np = (size_t)in->n_periods + 1;
	in->escalation = xmalloc(np * sizeof(double));
	in->pv_factor = xmalloc(np * sizeof(double));
	for (int p = 0; p < in->n_periods; p++) {
		double t = period_t(in->periods_per_year, p);
		in->escalation[p] = pow(1 + s->cost_escalation, t);
		in->pv_factor[p] = in->escalation[p] / pow(1 + s->discount_rate, t);
	}
}

static int compare_deps(const void *pa, const void *pb)
{
	const struct group_dep *a = pa, *b = pb;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	return a->to < b->to ? -1 : a->to > b->to;
}

static void collect_deps(struct builder *b, const bool *is_hr)
{
	const struct scenario *s = b->s;
	struct instance *in = b->in;
	size_t alloc = 0;
	if (!s->dep_start)
		return;
	for (size_t i = 0; i < s->n_sites; i++) {
		if (!is_hr[i])
			continue;
		for (uint32_t k = s->dep_start[i]; k < s->dep_start[i + 1]; k++) {
			uint32_t t = s->dep_sites[k];
			if (!is_hr[t] || b->site_group[t] == b->site_group[i])
				continue;
			ARRAY_GROW(in->deps, in->n_deps, alloc);
			in->deps[in->n_deps++] =
				(struct group_dep){b->site_group[i], b->site_group[t]};
		}
	}
	if (!in->n_deps)
		return;
	qsort(in->deps, in->n_deps, sizeof(*in->deps), compare_deps);
	size_t n = 1;
	for (size_t k = 1; k < in->n_deps; k++)
		if (compare_deps(&in->deps[k], &in->deps[n - 1]) != 0)
			in->deps[n++] = in->deps[k];
	in->n_deps = n;
}

static int compare_ints(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	return (a > b) - (a < b);
}

static void count_totals(struct instance *in, const bool *is_hr)
{
	const struct scenario *s = in->scenario;
	in->domain_units = xcalloc(in->n_domains + 1, sizeof(int64_t));
	in->vendor_had = xcalloc(in->n_vendors * in->n_domains + 1, sizeof(int64_t));
	int *trusted_of_vendor = xmalloc((s->site_vendors.count + 1) * sizeof(int));
	for (uint32_t k = 0; k < s->site_vendors.count; k++)
		trusted_of_vendor[k] = scenario_find_vendor(s, s->site_vendors.names[k]);
	size_t alloc_growth = 0;
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		if (is_hr[i]) {
			in->hr_units_total += site->units;
			in->hr_sites_total++;
		}
		if (site->in_service_p >= in->n_periods)
			continue; /* enters after the horizon: never counted */
		if (site->in_service_p > 0) {
			ARRAY_GROW(in->growth_p, in->n_growth, alloc_growth);
			in->growth_p[in->n_growth++] = site->in_service_p;
		}
		in->domain_units[site->domain] += site->units;
		in->all_units_total += site->units;
		int v = trusted_of_vendor[site->vendor];
		if (v >= 0)
			in->vendor_had[(size_t)v * in->n_domains + site->domain] +=
				site->units;
	}
	if (in->n_growth) {
		size_t nd = in->n_domains, np = (size_t)in->n_periods;
		int64_t *at = xcalloc((in->n_vendors + 1) * nd * np + 1, sizeof(int64_t));
		for (size_t i = 0; i < s->n_sites; i++) {
			const struct site *site = &s->sites[i];
			if (site->in_service_p >= in->n_periods)
				continue;
			size_t p =
				site->in_service_p > 0 ? (size_t)site->in_service_p : 0;
			at[site->domain * np + p] += site->units;
			int v = trusted_of_vendor[site->vendor];
			if (v >= 0)
				at[(((size_t)v + 1) * nd + site->domain) * np + p] +=
					site->units;
		}
		for (size_t k = 0; k < (in->n_vendors + 1) * nd; k++)
			for (size_t p = 1; p < np; p++)
				at[k * np + p] += at[k * np + p - 1];
		in->in_service = at;
	}
	free(trusted_of_vendor);
	if (in->n_growth) {
		qsort(in->growth_p, in->n_growth, sizeof(int), compare_ints);
		size_t n = 1;
		for (size_t k = 1; k < in->n_growth; k++)
			if (in->growth_p[k] != in->growth_p[n - 1])
				in->growth_p[n++] = in->growth_p[k];
		in->n_growth = n;
	}
}

static struct instance *create(const struct scenario *s, double budget_scale,
			       bool aggregate, const struct baseline *baseline,
			       bool planner);

struct instance *instance_create(const struct scenario *s, double budget_scale,
				 bool aggregate)
{
	return create(s, budget_scale, aggregate, NULL, false);
}

struct instance *instance_create_baseline(const struct scenario *s, double budget_scale,
					  bool aggregate, const struct baseline *baseline)
{
	return create(s, budget_scale, aggregate, baseline, true);
}

static struct instance *create(const struct scenario *s, double budget_scale,
			       bool aggregate, const struct baseline *baseline,
			       bool planner)
{
	struct instance *in = xcalloc(1, sizeof(*in));
	in->scenario = s;
	in->baseline = baseline;
	in->n_years = s->n_years;
	in->periods_per_year = s->periods_per_year;
	in->n_periods = s->n_periods;
	in->n_vendors = s->n_vendors;
	in->n_domains = s->domains.count;
	in->n_regions = s->regions.count;

	bool *is_hr = xmalloc((s->n_sites + 1) * sizeof(bool));
	bool *vendor_hr = xmalloc((s->site_vendors.count + 1) * sizeof(bool));
	for (uint32_t k = 0; k < s->site_vendors.count; k++)
		vendor_hr[k] = scenario_is_high_risk_vendor(s, s->site_vendors.names[k]);
	for (size_t i = 0; i < s->n_sites; i++)
		is_hr[i] = vendor_hr[s->sites[i].vendor] && s->sites[i].units > 0;
	free(vendor_hr);

	in->history = planner ? history_create(s) : NULL;
	in->replan_p = in->history ? s->replan_p : 0;
	struct builder b = {.s = s, .in = in};
	b.site_group = xmalloc((s->n_sites + 1) * sizeof(uint32_t));
	memset(b.site_group, 0xff, (s->n_sites + 1) * sizeof(uint32_t));
	form_groups(&b, is_hr, aggregate);
	describe_groups(&b);
	collect_deps(&b, is_hr);
	compute_costs(in);
	if (in->history)
		history_pin_groups(in);
	count_totals(in, is_hr);

	in->budget = xmalloc(((size_t)in->n_years + 1) * sizeof(double));
	for (int y = 0; y < in->n_years; y++)
		in->budget[y] = s->budget && isfinite(s->budget[y])
					? s->budget[y] * budget_scale
					: INFINITY;
	in->budget_period = xmalloc(((size_t)in->n_periods + 1) * sizeof(double));
	for (int p = 0; p < in->n_periods; p++)
		in->budget_period[p] = s->budget_period && isfinite(s->budget_period[p])
					       ? s->budget_period[p] * budget_scale
					       : INFINITY;

	assert(in->n_groups <= b.alloc_groups);
	for (size_t g = 0; g < in->n_groups; g++)
		free(b.members[g]);
	free(b.members);
	free(b.n_members);
	free(b.alloc_members);
	free(b.site_group);
	free(is_hr);
	return in;
}

void instance_destroy(struct instance *in)
{
	if (!in)
		return;
	free(in->groups);
	free(in->group_sites);
	free(in->parts);
	history_destroy(in->history);
	free(in->base_cost);
	free(in->escalation);
	free(in->pv_factor);
	free(in->budget);
	free(in->budget_period);
	free(in->growth_p);
	free(in->in_service);
	free(in->deps);
	free(in->domain_units);
	free(in->vendor_had);
	free(in);
}

double instance_cap_scope(const struct instance *in, const struct share_cap_rule *c,
			  int p, double *per_member, double *total)
{
	const struct scenario *s = in->scenario;
	bool by_sites = c->measure == CAP_SITES;
	*total = 0;
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		if (site->in_service_p <= p &&
		    scenario_cap_covers(s, c, site->domain, site->region))
			*total += by_sites ? (site->units > 0) : (double)site->units;
	}
	double hr = 0;
	for (size_t g = 0; g < in->n_groups; g++) {
		const struct group *gr = &in->groups[g];
		double h = 0;
		for (uint32_t q = gr->first_part; q < gr->first_part + gr->n_parts; q++)
			if (scenario_cap_covers(s, c, in->parts[q].domain,
						in->parts[q].region))
				h += by_sites ? (double)in->parts[q].sites
					      : (double)in->parts[q].units;
		if (per_member)
			per_member[g] = h;
		hr += h * gr->multiplicity;
	}
	return hr;
}

int instance_cap_from(const struct instance *in, const struct share_cap_rule *c)
{
	(void)in;
	int p = c->when.bind_p;
	return p < 0 ? 0 : p;
}

/* Units of domain d at the end of period p, of every site or of trusted
 * vendor v's sites (v >= 0), without the plan. */
static double units_in_service(const struct instance *in, size_t d, int v, int p)
{
	if (!in->n_growth || p >= in->growth_p[in->n_growth - 1])
		return (double)(v < 0 ? in->domain_units[d]
				      : in->vendor_had[(size_t)v * in->n_domains + d]);
	size_t np = (size_t)in->n_periods;
	return (double)
		in->in_service[((size_t)(v + 1) * in->n_domains + d) * np + (size_t)p];
}

double instance_vendor_room(const struct instance *in, size_t v, size_t d, int p)
{
	const struct scenario *s = in->scenario;
	double mu = scenario_vendor_share_limit(s, s->domains.names[d]);
	if (isnan(mu))
		return INFINITY;
	double had = units_in_service(in, d, (int)v, p);
	return fmax(mu * units_in_service(in, d, -1, p), had) - had;
}

double instance_cost(const struct instance *in, size_t g, size_t v, int p)
{
	const struct group *gr = &in->groups[g];
	if (gr->fixed_p >= 0)
		return v == gr->fixed_v && p == gr->fixed_p ? gr->fixed_cost : NAN;
	return in->base_cost[g * in->n_vendors + v] * in->escalation[p];
}

double instance_pv(const struct instance *in, size_t g, size_t v, int p)
{
	const struct group *gr = &in->groups[g];
	if (gr->fixed_p >= 0)
		return v == gr->fixed_v && p == gr->fixed_p
			       ? gr->fixed_cost * in->pv_factor[p] / in->escalation[p]
			       : NAN;
	return in->base_cost[g * in->n_vendors + v] * in->pv_factor[p];
}

/* With the cost objectives every site is swapped by the horizon's end, so
 * the end acts as one more deadline (model.md counts it with the
 * deadlines when they are soft). */
static int effective_deadline(const struct scenario *s, int deadline_p)
{
	if (scenario_completes(s) && s->n_periods - 1 < deadline_p)
		return s->n_periods - 1;
	return deadline_p;
}

int instance_group_deadline(const struct instance *in, const struct group *g)
{
	return effective_deadline(in->scenario, g->deadline_p);
}

int instance_site_deadline(const struct scenario *s, const struct site *site)
{
	return effective_deadline(s, site_deadline(s, site));
}

double instance_moves_coef(const struct instance *in, size_t g, size_t v, int p,
			   double *constant)
{
	const struct baseline *b = in->baseline;
	const struct group *gr = &in->groups[g];
	double coef = 0;
	if (constant)
		*constant = 0;
	if (gr->fixed_p >= 0) /* a ledger row is never a move */
		return 0;
	/* A cohort's members share one baseline decision (the signature), so
	 * its first site speaks for each member; a cluster is one member
	 * made of all its sites. */
	uint32_t n = gr->multiplicity == 1 ? gr->n_sites : 1;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t site = in->group_sites[gr->first_site + k];
		if (b->period[site] == BASELINE_UNSWAPPED)
			coef += 1; /* moved when swapped */
		else if (b->period[site] == p && b->vendor[site] == (int)v)
			coef -= 1; /* its baseline decision: not moved */
	}
	if (constant) {
		*constant = 0;
		for (uint32_t k = 0; k < gr->n_sites; k++)
			if (b->period[in->group_sites[gr->first_site + k]] !=
			    BASELINE_UNSWAPPED)
				*constant += 1; /* moved unless kept */
	}
	return coef;
}
