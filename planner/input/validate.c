#include "input/validate.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/date_notes.h"
#include "input/funds.h"
#include "input/ledger.h"
#include "input/site_rules.h"
#include "util/did_you_mean.h"
#include "util/list_item.h"
#include "util/money.h"
#include "util/xalloc.h"

/*
 * Site ids are unique. A repeated id is reported on the repeating row and
 * names the line where the id was first used, so the user can find both.
 * 'ids' maps each id to its first site and is reused to resolve
 * depends_on.
 */
static void check_ids(const struct scenario *s, struct strmap *ids, struct diag *d)
{
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		int added = 0;
		uint32_t first = strmap_intern(ids, site->id, &added);
		if (!added)
			diag_add(d, s->sites_path, site->line, s->csv_col.site_id,
				 "site_id '%s' is already used on line %u", site->id,
				 s->sites[first].line);
	}
}

/*
 * depends_on is split on ';', each item trimmed of spaces and tabs, empty
 * items ignored (scenario-format.md). A name matching no site is an
 * error. A site naming itself, or the same site twice, adds nothing: the
 * rule "swapped no later than itself" binds nothing, so the item is
 * dropped silently rather than rejected.
 */
static void resolve_depends_on(struct scenario *s, const struct strmap *ids,
			       struct diag *d)
{
	size_t n = 0, alloc = 0;
	uint32_t *deps = NULL;
	s->dep_start = xcalloc(s->n_sites + 1, sizeof(*s->dep_start));
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		s->dep_start[i] = (uint32_t)n;
		const char *p = site->depends_on, *a, *b;
		while (list_item_next(&p, &a, &b)) {
			char *name = xmalloc((size_t)(b - a) + 1);
			memcpy(name, a, (size_t)(b - a));
			name[b - a] = '\0';
			int64_t j = strmap_find(ids, name);
			if (j < 0) {
				diag_add(d, s->sites_path, site->line,
					 s->csv_col.depends_on,
					 "depends_on names '%s', which is no site_id",
					 name);
			} else if ((size_t)j != i) {
				bool seen = false;
				for (size_t k = s->dep_start[i]; k < n; k++)
					seen = seen || deps[k] == (uint32_t)j;
				if (!seen) {
					ARRAY_GROW(deps, n, alloc);
					deps[n++] = (uint32_t)j;
				}
			}
			free(name);
		}
	}
	s->dep_start[s->n_sites] = (uint32_t)n;
	s->dep_sites = deps;
}

/* Whether any site has allowed_vendors or any vendor vendor_regions
 * (version 2): else a vendor may take every site whose domain it lists. */
static bool is_restricted(const struct scenario *s)
{
	if (s->n_allowed)
		return true;
	for (size_t v = 0; v < s->n_vendors; v++)
		if (s->vendors[v].n_regions)
			return true;
	return false;
}

/*
 * A cluster goes to one vendor, so one must be allowed for every site of
 * it (scenario-format-2.md, "Clusters"); 'takes' (NULL: no restriction)
 * says which are. Reported on the cluster's first high-risk row.
 */
static void check_cluster_takers(const struct scenario *s, const char *cluster,
				 const struct site *first, const bool *takes,
				 struct diag *d)
{
	if (!takes)
		return;
	for (size_t v = 0; v < s->n_vendors; v++)
		if (takes[v])
			return;
	diag_add(d, s->sites_path, first->line, s->csv_col.cluster,
		 "no trusted vendor may take every site of cluster '%s' (by domain, "
		 "allowed_vendors and vendor_regions)",
		 cluster);
}

/*
 * Version 2 narrows who may take a site: its allowed_vendors and the
 * vendors' vendor_regions. A high-risk site whose domain some vendor lists
 * (check_coverage() reports the others) but that no vendor may take is an
 * error on its row ('stuck'): at allowed_vendors when that list alone
 * leaves no vendor of its domain, else at its region. Sites without a
 * list of their own get one message per domain and region, counting the
 * others: one region closed to every vendor must not flood the screen.
 */
static void check_takers(const struct scenario *s, const bool *domain_covered,
			 bool *stuck, struct diag *d)
{
	if (!is_restricted(s))
		return;
	size_t nd = s->domains.count, nr = s->regions.count, n = nd * nr + 1;
	uint32_t *first = xmalloc(n * sizeof(*first));
	size_t *count = xcalloc(n, sizeof(*count));
	for (size_t k = 0; k < n; k++)
		first[k] = UINT32_MAX;
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		if (!scenario_site_is_high_risk(s, site) || !domain_covered[site->domain])
			continue;
		bool any = false;
		for (size_t v = 0; v < s->n_vendors && !any; v++)
			any = site_rules_takes(s, site, v);
		if (any)
			continue;
		stuck[i] = true;
		const char *dom = s->domains.names[site->domain];
		const char *region = s->regions.names[site->region];
		if (site->n_allowed) {
			bool listed = false;
			for (uint32_t k = 0; k < site->n_allowed; k++)
				listed |= !isnan(scenario_unit_cost(
					&s->vendors[s->allowed[site->allowed_first + k]],
					dom));
			if (!listed)
				diag_add(
					d, s->sites_path, site->line,
					s->csv_col.allowed_vendors,
					"no trusted vendor may take high-risk site '%s': "
					"no vendor in its allowed_vendors lists domain "
					"'%s'",
					site->id, dom);
			else
				diag_add(
					d, s->sites_path, site->line, s->csv_col.region,
					"no trusted vendor may take high-risk site '%s': "
					"vendor_regions keeps every vendor of its "
					"allowed_vendors that lists domain '%s' out of "
					"region '%s'",
					site->id, dom, region);
			continue;
		}
		size_t key = site->domain * nr + site->region;
		if (first[key] == UINT32_MAX)
			first[key] = (uint32_t)i;
		count[key]++;
	}
	for (size_t k = 0; k + 1 < n; k++) {
		if (first[k] == UINT32_MAX)
			continue;
		const struct site *site = &s->sites[first[k]];
		char more[48] = "";
		if (count[k] > 1)
			snprintf(more, sizeof(more), " (and %zu more)", count[k] - 1);
		diag_add(d, s->sites_path, site->line, s->csv_col.region,
			 "no trusted vendor may take high-risk site '%s'%s: "
			 "vendor_regions "
			 "keeps every vendor that lists domain '%s' out of region '%s'",
			 site->id, more, s->domains.names[site->domain],
			 s->regions.names[site->region]);
	}
	free(first);
	free(count);
}

/*
 * Clusters. A cluster is swapped as one (model.md), so it must hold only
 * high-risk sites, and one trusted vendor must list every domain in it.
 * Rows with 0 units of a high-risk vendor count for nothing and are
 * allowed in a cluster. Each problem is reported once per cluster, on the
 * row that shows it; a domain that no vendor lists at all is reported by
 * check_coverage(), so a cluster is checked for a common vendor only when
 * each of its domains has one.
 */
static void check_clusters(const struct scenario *s, const bool *domain_covered,
			   const bool *stuck, struct diag *d)
{
	struct strmap clusters;
	strmap_init(&clusters);
	size_t n_alloc = 0;
	uint32_t *first_hr = NULL, *first_other = NULL;
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		if (!site->cluster)
			continue;
		int added = 0;
		uint32_t c = strmap_intern(&clusters, site->cluster, &added);
		if (added) {
			if (c >= n_alloc) {
				n_alloc = n_alloc ? 2 * n_alloc : 8;
				first_hr = xreallocarray(first_hr, n_alloc,
							 sizeof(*first_hr));
				first_other = xreallocarray(first_other, n_alloc,
							    sizeof(*first_other));
			}
			first_hr[c] = first_other[c] = UINT32_MAX;
		}
		/* A cluster seen before was added, and sized, then. */
		assert(c < n_alloc);
		bool hr = scenario_site_is_high_risk(s, site);
		bool zero = site->units == 0 &&
			    scenario_is_high_risk_vendor(
				    s, s->site_vendors.names[site->vendor]);
		if (hr && first_hr[c] == UINT32_MAX) {
			first_hr[c] = (uint32_t)i;
			if (first_other[c] != UINT32_MAX)
				diag_add(d, s->sites_path, site->line, s->csv_col.cluster,
					 "cluster '%s' mixes high-risk site '%s' with "
					 "site "
					 "'%s' of vendor '%s'",
					 site->cluster, site->id,
					 s->sites[first_other[c]].id,
					 s->site_vendors
						 .names[s->sites[first_other[c]].vendor]);
		} else if (!hr && !zero && first_other[c] == UINT32_MAX) {
			first_other[c] = (uint32_t)i;
			if (first_hr[c] != UINT32_MAX)
				diag_add(d, s->sites_path, site->line, s->csv_col.cluster,
					 "cluster '%s' mixes site '%s' of vendor '%s' "
					 "with "
					 "high-risk site '%s'",
					 site->cluster, site->id,
					 s->site_vendors.names[site->vendor],
					 s->sites[first_hr[c]].id);
		}
	}

	/* A common vendor for each all-high-risk cluster: mark the domains
	 * of each cluster in one pass (clusters x domains flags). */
	size_t nd = s->domains.count, nv = s->n_vendors;
	bool *in_cluster = xcalloc(clusters.count * nd + 1, sizeof(bool));
	bool *uncovered = xcalloc(clusters.count + 1, sizeof(bool));
	/* With allowed_vendors or vendor_regions, the vendors that may take
	 * every site of each cluster (clusters x vendors flags). */
	bool restricted = is_restricted(s);
	bool *takes = restricted ? xmalloc(clusters.count * nv + 1) : NULL;
	for (size_t k = 0; restricted && k < clusters.count * nv; k++)
		takes[k] = true;
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		if (!site->cluster || !scenario_site_is_high_risk(s, site))
			continue;
		uint32_t c = (uint32_t)strmap_find(&clusters, site->cluster);
		in_cluster[c * nd + site->domain] = true;
		uncovered[c] = uncovered[c] || !domain_covered[site->domain] || stuck[i];
		for (size_t v = 0; restricted && v < nv; v++)
			takes[c * nv + v] &= site_rules_takes(s, site, v);
	}
	assert(clusters.count <= n_alloc);
	for (uint32_t c = 0; c < clusters.count; c++) {
		if (first_hr[c] == UINT32_MAX || first_other[c] != UINT32_MAX ||
		    uncovered[c])
			continue;
		const bool *dom = &in_cluster[c * nd];
		size_t n_domains = 0;
		for (size_t dm = 0; dm < nd; dm++)
			n_domains += dom[dm];
		if (n_domains < 2) {
			check_cluster_takers(s, clusters.names[c], &s->sites[first_hr[c]],
					     takes ? &takes[c * nv] : NULL, d);
			continue;
		}
		bool found = false;
		for (size_t v = 0; v < s->n_vendors && !found; v++) {
			bool all = true;
			for (size_t dm = 0; dm < nd && all; dm++)
				all = !dom[dm] ||
				      !isnan(scenario_unit_cost(&s->vendors[v],
								s->domains.names[dm]));
			found = all;
		}
		if (found) {
			check_cluster_takers(s, clusters.names[c], &s->sites[first_hr[c]],
					     takes ? &takes[c * nv] : NULL, d);
			continue;
		}
		char *list = xstrdup("");
		for (size_t dm = 0; dm < nd; dm++) {
			if (!dom[dm])
				continue;
			char *next = xasprintf("%s%s'%s'", list, *list ? ", " : "",
					       s->domains.names[dm]);
			free(list);
			list = next;
		}
		const struct site *site = &s->sites[first_hr[c]];
		diag_add(d, s->sites_path, site->line, s->csv_col.cluster,
			 "no trusted vendor lists every domain of cluster '%s' (%s)",
			 clusters.names[c], list);
		free(list);
	}
	free(takes);
	free(uncovered);
	free(in_cluster);
	free(first_hr);
	free(first_other);
	strmap_finish(&clusters);
}

/*
 * Every high-risk site needs a trusted vendor that lists its domain. One
 * message per uncovered domain, on its first high-risk row, counting the
 * others: a missing price list for 'access' must not flood the screen with
 * one line per access site.
 */
static void check_coverage(const struct scenario *s, bool *domain_covered, struct diag *d)
{
	size_t nd = s->domains.count;
	uint32_t *first = xmalloc((nd ? nd : 1) * sizeof(*first));
	size_t *count = xcalloc(nd ? nd : 1, sizeof(*count));
	for (uint32_t dm = 0; dm < nd; dm++) {
		first[dm] = UINT32_MAX;
		domain_covered[dm] = false;
		for (size_t v = 0; v < s->n_vendors; v++)
			if (!isnan(scenario_unit_cost(&s->vendors[v],
						      s->domains.names[dm])))
				domain_covered[dm] = true;
	}
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		if (domain_covered[site->domain] || !scenario_site_is_high_risk(s, site))
			continue;
		if (first[site->domain] == UINT32_MAX)
			first[site->domain] = (uint32_t)i;
		count[site->domain]++;
	}
	for (uint32_t dm = 0; dm < nd; dm++) {
		if (first[dm] == UINT32_MAX)
			continue;
		const struct site *site = &s->sites[first[dm]];
		if (count[dm] == 1)
			diag_add(d, s->sites_path, site->line, s->csv_col.domain,
				 "no trusted vendor lists domain '%s' of high-risk site "
				 "'%s'",
				 s->domains.names[dm], site->id);
		else
			diag_add(d, s->sites_path, site->line, s->csv_col.domain,
				 "no trusted vendor lists domain '%s' of high-risk site "
				 "'%s' "
				 "(and %zu more)",
				 s->domains.names[dm], site->id, count[dm] - 1);
	}
	free(first);
	free(count);
}

/* The domain or region of sites.csv a name that matches none most likely
 * misspells (did_you_mean.h), NULL when none is close. */
static const char *domain_meant(const struct scenario *s, const char *name)
{
	return did_you_mean_among(name, s->domains.names, s->domains.count);
}

static const char *region_meant(const struct scenario *s, const char *name)
{
	return did_you_mean_among(name, s->regions.names, s->regions.count);
}

/*
 * vendor_regions names regions of sites.csv; each resolves to its index
 * (a name that matches none is reported at itself and becomes
 * UINT32_MAX, which no site has).
 */
static void resolve_vendor_regions(struct scenario *s, struct diag *d)
{
	for (size_t v = 0; v < s->n_vendors; v++) {
		struct trusted_vendor *tv = &s->vendors[v];
		/* A scenario built in code may give the indices alone. */
		if (!tv->n_regions || !tv->region_names)
			continue;
		free(tv->regions);
		tv->regions = xcalloc(tv->n_regions, sizeof(*tv->regions));
		for (size_t k = 0; k < tv->n_regions; k++) {
			int64_t region = strmap_find(&s->regions, tv->region_names[k]);
			if (region < 0)
				diag_add(d, s->json_path,
					 tv->region_at ? tv->region_at[k].line
						       : tv->regions_line,
					 tv->region_at ? tv->region_at[k].column : 0,
					 "vendor_regions region '%s' of vendor '%s' "
					 "matches no region in '%s'" DID_YOU_MEAN_HINT,
					 tv->region_names[k], tv->name, s->sites_path,
					 DID_YOU_MEAN_HINT_ARGS(
						 region_meant(s, tv->region_names[k])));
			tv->regions[k] = region < 0 ? UINT32_MAX : (uint32_t)region;
		}
	}
}

/*
 * Rules name domains and regions of sites.csv, matched exactly. A name
 * that matches nothing would make the rule bind nothing, which is what a
 * typo ("Core", "nort") looks like, so it is an error, as an unknown key
 * is. Site costs and vendors' unit costs may list domains that have no
 * sites (a shared price book), so they are not checked here.
 */
static void check_rule_names(struct scenario *s, struct diag *d)
{
	const char *json = s->json_path;
	const char *csv = s->sites_path;
	for (size_t i = 0; i < s->n_deadlines; i++) {
		struct deadline_rule *r = &s->deadlines[i];
		if (r->domain && strmap_find(&s->domains, r->domain) < 0)
			diag_add(d, json, r->line, 0,
				 "deadline domain '%s' matches no domain in "
				 "'%s'" DID_YOU_MEAN_HINT,
				 r->domain, csv,
				 DID_YOU_MEAN_HINT_ARGS(domain_meant(s, r->domain)));
		if (r->region_name) {
			int64_t region = strmap_find(&s->regions, r->region_name);
			if (region < 0)
				diag_add(d, json, r->region_at.line, r->region_at.column,
					 "deadline region '%s' matches no region in "
					 "'%s'" DID_YOU_MEAN_HINT,
					 r->region_name, csv,
					 DID_YOU_MEAN_HINT_ARGS(
						 region_meant(s, r->region_name)));
			r->region = region < 0 ? UINT32_MAX : (uint32_t)region;
		}
	}
	for (size_t i = 0; i < s->n_caps; i++) {
		const struct share_cap_rule *r = &s->caps[i];
		for (size_t k = 0; k < r->n_domains; k++)
			if (strmap_find(&s->domains, r->domains[k]) < 0)
				diag_add(d, json, r->line, 0,
					 "share cap domain '%s' matches no domain in "
					 "'%s'" DID_YOU_MEAN_HINT,
					 r->domains[k], csv,
					 DID_YOU_MEAN_HINT_ARGS(
						 domain_meant(s, r->domains[k])));
		if (r->region && strmap_find(&s->regions, r->region) < 0)
			diag_add(d, json, r->line, 0,
				 "share cap region '%s' matches no region in "
				 "'%s'" DID_YOU_MEAN_HINT,
				 r->region, csv,
				 DID_YOU_MEAN_HINT_ARGS(region_meant(s, r->region)));
	}
	for (size_t i = 0; i < s->n_vendor_share; i++) {
		const struct domain_value *dv = &s->vendor_share[i];
		if (strmap_find(&s->domains, dv->domain) < 0)
			diag_add(d, json, dv->line, 0,
				 "max_vendor_share domain '%s' matches no domain in "
				 "'%s'" DID_YOU_MEAN_HINT,
				 dv->domain, csv,
				 DID_YOU_MEAN_HINT_ARGS(domain_meant(s, dv->domain)));
	}
	for (size_t i = 0; i < s->n_crews_regions; i++) {
		const struct region_crews *rc = &s->crews_regions[i];
		if (strmap_find(&s->regions, rc->region) < 0)
			diag_add(d, json, rc->line, 0,
				 "crews region '%s' matches no region in "
				 "'%s'" DID_YOU_MEAN_HINT,
				 rc->region, csv,
				 DID_YOU_MEAN_HINT_ARGS(region_meant(s, rc->region)));
	}
	resolve_vendor_regions(s, d);
}

/*
 * Money stays where phaseout computes it exactly and GLPK accepts it
 * (docs/scenario-format.md, "Limits"): a high-risk site's swap, at its
 * dearest (the dearest vendor listing its domain, in the year escalation
 * makes dearest), costs at most MONEY_MAX, and so do all of them together,
 * so that every sum of cents fits an int64 and no budget row or objective
 * coefficient reaches GLPK's overflow. The price of a swap unit (a
 * cluster) is its sites' sum, which the second bound covers. A site above
 * the limit on its own is reported on its row (at its units); otherwise
 * the row at which the running total first passes it.
 */
/* A figure just above the limit with enough digits to differ from it. */
static void format_over(char *buf, size_t size, double v)
{
	snprintf(buf, size, v < MONEY_MAX * 1.001 ? "%.15g" : "%.4g", v);
}

static void check_money_range(const struct scenario *s, struct diag *d)
{
	double esc = s->n_years > 1 ? pow(1 + s->cost_escalation, s->n_years - 1) : 1;
	if (esc < 1)
		esc = 1; /* costs fall: the first year is the dearest */
	double total = 0;
	bool any_alone = false, total_reported = false;
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		if (!scenario_site_is_high_risk(s, site))
			continue;
		const char *dom = s->domains.names[site->domain];
		double sc = scenario_site_cost(s, dom), dearest = 0;
		for (size_t v = 0; v < s->n_vendors; v++) {
			double uc = scenario_unit_cost(&s->vendors[v], dom);
			if (!isnan(uc) && (double)site->units * uc + sc > dearest)
				dearest = (double)site->units * uc + sc;
		}
		dearest *= esc;
		total += dearest;
		char cost[32];
		if (dearest > MONEY_MAX) {
			format_over(cost, sizeof(cost), dearest);
			diag_add(d, s->sites_path, site->line, s->csv_col.units,
				 "swapping site '%s' could cost %s (units x unit_cost "
				 "plus site_cost, escalated), above the limit 1e15",
				 site->id, cost);
			any_alone = true;
		} else if (total > MONEY_MAX && !any_alone && !total_reported) {
			format_over(cost, sizeof(cost), total);
			diag_add(
				d, s->sites_path, site->line, s->csv_col.units,
				"with site '%s' the high-risk sites' swaps could cost "
				"%s together (each at its dearest), above the limit 1e15",
				site->id, cost);
			total_reported = true;
		}
	}
}

bool validate_scenario(struct scenario *s, struct diag *d)
{
	size_t before = diag_count(d);
	scenario_finish_periods(s);
	/* Rules first, so scenario.json's problems print before sites.csv's
	 * (diag sorts files in the order they were first named). */
	check_rule_names(s, d);
	struct strmap ids;
	strmap_init(&ids);
	check_ids(s, &ids, d);
	free(s->dep_start);
	free(s->dep_sites);
	s->dep_start = NULL;
	s->dep_sites = NULL;
	resolve_depends_on(s, &ids, d);
	strmap_finish(&ids);

	site_rules_check(s, d);
	funds_validate(s, d);
	ledger_validate(s, d);

	bool *domain_covered =
		xcalloc(s->domains.count ? s->domains.count : 1, sizeof(bool));
	bool *stuck = xcalloc(s->n_sites + 1, sizeof(bool));
	check_coverage(s, domain_covered, d);
	check_takers(s, domain_covered, stuck, d);
	check_clusters(s, domain_covered, stuck, d);
	free(stuck);
	free(domain_covered);
	check_money_range(s, d);
	date_notes_add(s);
	return diag_count(d) == before;
}
