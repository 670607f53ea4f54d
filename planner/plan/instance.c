#include "plan/instance.h"

#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/sort.h"
#include "util/xalloc.h"

/* The signature that makes two high-risk sites interchangeable in every
 * rule: they cover the same deadlines and caps (domain, region), cost the
 * same (domain, units), weigh the same in E (criticality, units) and open
 * in the same year. */
struct cohort_key {
	uint32_t region, domain;
	int64_t units;
	double criticality;
	int earliest_year;
};

static uint64_t key_hash(const struct cohort_key *k)
{
	uint64_t h = 1469598103934665603ull;
	uint64_t parts[5];
	memcpy(&parts[0], &k->criticality, sizeof(double));
	parts[1] = k->region;
	parts[2] = k->domain;
	parts[3] = (uint64_t)k->units;
	parts[4] = (uint64_t)(int64_t)k->earliest_year;
	for (int i = 0; i < 5; i++)
		h = (h ^ parts[i]) * 1099511628211ull;
	return h;
}

static bool key_equal(const struct cohort_key *a, const struct cohort_key *b)
{
	return a->region == b->region && a->domain == b->domain && a->units == b->units &&
	       a->criticality == b->criticality && a->earliest_year == b->earliest_year;
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
		if (!aggregate || in_dep[i]) {
			add_member(b, new_group(b), i);
			continue;
		}
		struct cohort_key key = {site->region, site->domain, site->units,
					 site->criticality, site->earliest_year};
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
		}
		add_member(b, g, i);
	}
	free(slots);
	free(keys);
	free(in_dep);
	free(cluster_group);
	strmap_finish(&clusters);
}

/* The earliest deadline rule covering 'domain', INT_MAX when none. */
static int domain_deadline(const struct scenario *s, uint32_t domain)
{
	const char *dom = s->domains.names[domain];
	int d = INT_MAX;
	for (size_t r = 0; r < s->n_deadlines; r++) {
		const struct deadline_rule *dl = &s->deadlines[r];
		if ((!dl->domain || strcmp(dl->domain, dom) == 0) && dl->year < d)
			d = dl->year;
	}
	return d;
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
		int earliest = 0;
		for (uint32_t k = 0; k < per_member; k++) {
			const struct site *site = &s->sites[b->members[g][k]];
			gr->units += site->units;
			gr->sites++;
			gr->weight += site->criticality * (double)site->units;
			if (site->earliest_year > earliest)
				earliest = site->earliest_year;
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
		gr->earliest_yi = earliest > s->start ? earliest - s->start : 0;
		if (earliest > s->end)
			gr->earliest_yi = s->n_years;

		gr->deadline_year = INT_MAX;
		for (uint32_t q = gr->first_part; q < gr->first_part + gr->n_parts; q++) {
			int d = domain_deadline(s, in->parts[q].domain);
			if (d < gr->deadline_year)
				gr->deadline_year = d;
		}
	}
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
			in->base_cost[g * in->n_vendors + v] = cost;
		}
	}
	in->escalation = xmalloc((size_t)in->n_years * sizeof(double));
	in->pv_factor = xmalloc((size_t)in->n_years * sizeof(double));
	for (int y = 0; y < in->n_years; y++) {
		in->escalation[y] = pow(1 + s->cost_escalation, y);
		in->pv_factor[y] = in->escalation[y] / pow(1 + s->discount_rate, y);
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

static void count_totals(struct instance *in, const bool *is_hr)
{
	const struct scenario *s = in->scenario;
	in->domain_units = xcalloc(in->n_domains + 1, sizeof(int64_t));
	in->vendor_had = xcalloc(in->n_vendors * in->n_domains + 1, sizeof(int64_t));
	int *trusted_of_vendor = xmalloc((s->site_vendors.count + 1) * sizeof(int));
	for (uint32_t k = 0; k < s->site_vendors.count; k++)
		trusted_of_vendor[k] = scenario_find_vendor(s, s->site_vendors.names[k]);
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		in->domain_units[site->domain] += site->units;
		in->all_units_total += site->units;
		if (is_hr[i]) {
			in->hr_units_total += site->units;
			in->hr_sites_total++;
		}
		int v = trusted_of_vendor[site->vendor];
		if (v >= 0)
			in->vendor_had[(size_t)v * in->n_domains + site->domain] +=
				site->units;
	}
	free(trusted_of_vendor);
}

struct instance *instance_create(const struct scenario *s, double budget_scale,
				 bool aggregate)
{
	struct instance *in = xcalloc(1, sizeof(*in));
	in->scenario = s;
	in->n_years = s->n_years;
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

	struct builder b = {.s = s, .in = in};
	b.site_group = xmalloc((s->n_sites + 1) * sizeof(uint32_t));
	memset(b.site_group, 0xff, (s->n_sites + 1) * sizeof(uint32_t));
	form_groups(&b, is_hr, aggregate);
	describe_groups(&b);
	collect_deps(&b, is_hr);
	compute_costs(in);
	count_totals(in, is_hr);

	in->budget = xmalloc(((size_t)in->n_years + 1) * sizeof(double));
	for (int y = 0; y < in->n_years; y++)
		in->budget[y] = s->budget && isfinite(s->budget[y])
					? s->budget[y] * budget_scale
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
	free(in->base_cost);
	free(in->escalation);
	free(in->pv_factor);
	free(in->budget);
	free(in->deps);
	free(in->domain_units);
	free(in->vendor_had);
	free(in);
}

double instance_cap_scope(const struct instance *in, const struct share_cap_rule *c,
			  double *per_member, double *total)
{
	const struct scenario *s = in->scenario;
	*total = 0;
	for (size_t i = 0; i < s->n_sites; i++)
		if (scenario_cap_covers(s, c, s->sites[i].domain, s->sites[i].region))
			*total += (double)s->sites[i].units;
	double hr = 0;
	for (size_t g = 0; g < in->n_groups; g++) {
		const struct group *gr = &in->groups[g];
		double h = 0;
		for (uint32_t q = gr->first_part; q < gr->first_part + gr->n_parts; q++)
			if (scenario_cap_covers(s, c, in->parts[q].domain,
						in->parts[q].region))
				h += (double)in->parts[q].units;
		if (per_member)
			per_member[g] = h;
		hr += h * gr->multiplicity;
	}
	return hr;
}

double instance_cost(const struct instance *in, size_t g, size_t v, int yi)
{
	return in->base_cost[g * in->n_vendors + v] * in->escalation[yi];
}

double instance_pv(const struct instance *in, size_t g, size_t v, int yi)
{
	return in->base_cost[g * in->n_vendors + v] * in->pv_factor[yi];
}

/* With the cost objective every site is swapped by the horizon's end, so
 * the end acts as one more deadline (model.md counts it with the
 * deadlines when they are soft). */
static int effective_deadline(const struct scenario *s, int deadline_year)
{
	if (s->objective == OBJECTIVE_COST && s->end < deadline_year)
		return s->end;
	return deadline_year;
}

int instance_group_deadline(const struct instance *in, const struct group *g)
{
	return effective_deadline(in->scenario, g->deadline_year);
}

int instance_site_deadline(const struct scenario *s, const struct site *site)
{
	return effective_deadline(s, domain_deadline(s, site->domain));
}
