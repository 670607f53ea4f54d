/*
 * generate: the network drawn from the seed: sites per region and domain,
 * clusters and swap units before the reference plan, and after it the
 * earliest years and dependencies that plan already satisfies.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

/* Cumulative vendor mix of the sites that are not high-risk, per domain. */
static const double other_mix[N_DOMAINS][N_VENDORS] = {
	[DOM_CORE] = {[V_ERICSSON] = 0.5, [V_NOKIA] = 1.0},
	[DOM_TRANSPORT] = {[V_ERICSSON] = 0.35, [V_NOKIA] = 0.70, [V_CISCO] = 1.0},
	[DOM_RAN] = {[V_ERICSSON] = 0.5, [V_NOKIA] = 0.85, [V_SAMSUNG] = 1.0},
	[DOM_MGMT] = {[V_ERICSSON] = 0.5, [V_NOKIA] = 1.0},
};

/*
 * split_counts: share 'total' among the regions by weight with the largest
 * remainder method, at least 'floor_each' per region (total permitting), so
 * the counts add up exactly.
 */
static void split_counts(const struct profile_def *P, size_t total, size_t floor_each,
			 size_t out[MAX_REGIONS])
{
	const size_t nr = P->n_regions;
	double wsum = 0;
	for (size_t r = 0; r < nr; r++)
		wsum += P->regions[r].weight;
	size_t given = 0;
	double rem[MAX_REGIONS];
	size_t base = total >= floor_each * nr ? floor_each : 0;
	size_t rest = total - base * nr;
	for (size_t r = 0; r < nr; r++) {
		double exact = (double)rest * P->regions[r].weight / wsum;
		out[r] = base + (size_t)exact;
		rem[r] = exact - floor(exact);
		given += out[r];
	}
	while (given < total) {
		size_t best = 0;
		for (size_t r = 1; r < nr; r++)
			if (rem[r] > rem[best])
				best = r;
		out[best]++;
		rem[best] = -1;
		given++;
	}
}

static uint16_t draw_units(struct gen *g, int domain)
{
	switch (domain) {
	case DOM_CORE:
		return (uint16_t)rng_range(&g->rng, 20, 80);
	case DOM_TRANSPORT:
		return (uint16_t)rng_range(&g->rng, 2, 10);
	case DOM_MGMT:
		/* Servers and licences of an element or network manager. */
		return (uint16_t)rng_range(&g->rng, 4, 16);
	default:
		/* 3..12, most near the middle: radio sites have a few sectors. */
		return (uint16_t)((rng_range(&g->rng, 3, 12) + rng_range(&g->rng, 3, 12) +
				   1) /
				  2);
	}
}

static uint8_t draw_other_vendor(struct gen *g, int domain)
{
	double u = rng_real(&g->rng);
	for (int v = FIRST_TRUSTED; v < N_VENDORS; v++)
		if (u < other_mix[domain][v])
			return (uint8_t)v;
	return V_ERICSSON;
}

/*
 * make_sites: the inventory, region by region and domain by domain. Each
 * region gets its own high-risk share around the requested one (operators
 * often bought one vendor per region), and share * count of a region's
 * sites of a domain, rounded at random, are high-risk (selection sampling),
 * so the national share stays close to --high-risk-share.
 */
void make_sites(struct gen *g)
{
	const struct profile_def *P = g->prof;
	const size_t nr = P->n_regions;
	size_t n = (size_t)g->opt.sites;
	size_t n_core = n / P->core_per > P->core_min ? n / P->core_per : P->core_min;
	size_t n_mgmt = 0;
	if (P->has_domain[DOM_MGMT])
		n_mgmt = n / P->mgmt_per > P->mgmt_min ? n / P->mgmt_per : P->mgmt_min;
	size_t n_transport = (size_t)((double)n * 0.09 + 0.5);
	size_t counts[N_DOMAINS][MAX_REGIONS] = {{0}};
	split_counts(P, n_core, 1, counts[DOM_CORE]);
	split_counts(P, n_transport, 2, counts[DOM_TRANSPORT]);
	split_counts(P, n - n_core - n_transport - n_mgmt, 0, counts[DOM_RAN]);
	if (n_mgmt)
		split_counts(P, n_mgmt, 1, counts[DOM_MGMT]);

	/* Tilts up to +-25%, less near a share of 1 so no region is capped. */
	double F = g->opt.hr_share;
	double amp = F > 0 && (1 - F) / F < 0.25 ? (1 - F) / F : 0.25;
	double tilt[MAX_REGIONS], wtilt = 0, wsum = 0;
	for (size_t r = 0; r < nr; r++) {
		tilt[r] = 1 + amp * (2 * rng_real(&g->rng) - 1);
		wtilt += tilt[r] * P->regions[r].weight;
		wsum += P->regions[r].weight;
	}

	g->sites = xcalloc(n, sizeof(*g->sites));
	for (size_t r = 0; r < nr; r++) {
		double share = g->opt.hr_share * tilt[r] * wsum / wtilt;
		if (share > 1)
			share = 1;
		for (int d = 0; d < N_DOMAINS; d++) {
			if (!P->has_domain[d])
				continue;
			size_t count = counts[d][r];
			double dshare = d == DOM_CORE && P->core_hr_share > 0
						? P->core_hr_share
						: share;
			/* Rounded up or down at random, so small counts (one
			 * core site) keep the share on average. */
			size_t need =
				(size_t)(dshare * (double)count + rng_real(&g->rng));
			for (size_t k = 0; k < count; k++) {
				struct site *s = &g->sites[g->n_sites++];
				s->cluster = -1;
				s->dep[0] = s->dep[1] = -1;
				s->year = -1;
				s->seq = (uint32_t)k + 1;
				s->region = (uint8_t)r;
				s->domain = (uint8_t)d;
				s->units = draw_units(g, d);
				if (rng_real(&g->rng) * (double)(count - k) <
				    (double)need) {
					need--;
					s->vendor = rng_real(&g->rng) < P->huawei_share
							    ? V_HUAWEI
							    : V_ZTE;
				} else {
					s->vendor = draw_other_vendor(g, d);
				}
				if (d != DOM_RAN)
					s->criticality = P->criticality[d];
				else
					s->criticality = rng_real(&g->rng) < 0.15 ? 2 : 1;
			}
		}
	}
}

bool is_high_risk(const struct site *s)
{
	return s->vendor <= V_ZTE && s->units > 0;
}

/*
 * make_small_clusters: group some high-risk radio sites of one region and
 * one vendor (sites cut over together, e.g. behind one controller). About
 * one site in eight starts a cluster of 2..6; a cluster left with one
 * member at the end of its region is dissolved by make_clusters.
 */
static void make_small_clusters(struct gen *g)
{
	int32_t open[2] = {-1, -1};
	uint32_t left[2] = {0, 0};
	int region = -1;
	g->clusters = xcalloc(g->n_sites + 1, sizeof(*g->clusters));
	for (size_t i = 0; i < g->n_sites; i++) {
		struct site *s = &g->sites[i];
		if (s->region != region) {
			region = s->region;
			open[0] = open[1] = -1;
			left[0] = left[1] = 0;
		}
		if (s->domain != DOM_RAN || !is_high_risk(s))
			continue;
		int v = s->vendor;
		if (left[v] == 0) {
			if (rng_real(&g->rng) >= 0.125)
				continue;
			open[v] = (int32_t)g->n_clusters++;
			left[v] = rng_range(&g->rng, 2, 6);
			g->clusters[open[v]] = (struct cluster){0, 0, s->region};
		}
		s->cluster = open[v];
		g->clusters[open[v]].n_sites++;
		left[v]--;
	}
}

/*
 * make_regional_clusters: every high-risk radio site goes into a cluster of
 * its region, 20 to 80 sites each (fewer only in a region with fewer than
 * 20 such sites), in inventory order. This is how "a whole region swapped
 * to one new vendor" fits the format, where a cluster is one year and one
 * vendor: a region is cut over in batches a regional crew can do in a year.
 * A batch never leaves fewer than 20 sites for the region's last one.
 */
static void make_regional_clusters(struct gen *g)
{
	uint32_t remaining[MAX_REGIONS] = {0};
	for (size_t i = 0; i < g->n_sites; i++)
		if (g->sites[i].domain == DOM_RAN && is_high_risk(&g->sites[i]))
			remaining[g->sites[i].region]++;
	int32_t open = -1;
	uint32_t left = 0;
	int region = -1;
	g->clusters = xcalloc(g->n_sites + 1, sizeof(*g->clusters));
	for (size_t i = 0; i < g->n_sites; i++) {
		struct site *s = &g->sites[i];
		if (s->region != region) {
			region = s->region;
			left = 0;
		}
		if (s->domain != DOM_RAN || !is_high_risk(s))
			continue;
		if (left == 0) {
			uint32_t r = remaining[region];
			left = r <= 80 ? r
				       : rng_range(&g->rng, 20,
						   r - 20 < 80 ? r - 20 : 80);
			remaining[region] -= left;
			open = (int32_t)g->n_clusters++;
			g->clusters[open] = (struct cluster){0, 0, s->region};
		}
		s->cluster = open;
		g->clusters[open].n_sites++;
		left--;
	}
}

/* make_clusters: the profile's kind of clusters, without one-site ones. */
void make_clusters(struct gen *g)
{
	if (g->prof->regional_clusters)
		make_regional_clusters(g);
	else
		make_small_clusters(g);
	/* Dissolve one-site clusters, then renumber the rest densely. */
	int32_t *map = xcalloc(g->n_clusters + 1, sizeof(*map));
	size_t kept = 0;
	uint32_t per_region[MAX_REGIONS] = {0};
	for (size_t c = 0; c < g->n_clusters; c++) {
		if (g->clusters[c].n_sites < 2) {
			map[c] = -1;
			continue;
		}
		map[c] = (int32_t)kept;
		g->clusters[kept] = g->clusters[c];
		g->clusters[kept].seq = ++per_region[g->clusters[c].region];
		kept++;
	}
	for (size_t i = 0; i < g->n_sites; i++)
		if (g->sites[i].cluster >= 0)
			g->sites[i].cluster = map[g->sites[i].cluster];
	g->n_clusters = kept;
	free(map);
}

void make_swap_units(struct gen *g)
{
	int32_t *cluster_unit = xcalloc(g->n_clusters + 1, sizeof(*cluster_unit));
	for (size_t c = 0; c < g->n_clusters; c++)
		cluster_unit[c] = -1;
	g->swaps = xcalloc(g->n_sites, sizeof(*g->swaps));
	for (size_t i = 0; i < g->n_sites; i++) {
		struct site *s = &g->sites[i];
		if (!is_high_risk(s))
			continue;
		uint32_t u;
		if (s->cluster >= 0 && cluster_unit[s->cluster] >= 0) {
			u = (uint32_t)cluster_unit[s->cluster];
		} else {
			u = (uint32_t)g->n_swaps++;
			g->swaps[u] =
				(struct swap_unit){0, 0, s->domain, s->region, -1, 0, -1};
			if (s->cluster >= 0)
				cluster_unit[s->cluster] = (int32_t)u;
		}
		s->unit = u;
		g->swaps[u].units += s->units;
		g->swaps[u].n_sites++;
	}
	free(cluster_unit);
}

/*
 * add_earliest_years: about 3% of the high-risk sites planned after the
 * first year get an earliest year (a lease, a planning consent), drawn no
 * later than their planned year so the reference plan still holds.
 */
void add_earliest_years(struct gen *g)
{
	for (size_t i = 0; i < g->n_sites; i++) {
		struct site *s = &g->sites[i];
		if (!is_high_risk(s) || s->year < 1 || rng_real(&g->rng) >= 0.03)
			continue;
		s->earliest = (int16_t)(g->opt.start +
					(int)rng_range(&g->rng, 1, (uint32_t)s->year));
	}
}

/*
 * add_dependencies: some radio sites hang off a transport site of their
 * region, and some transport sites off a core site of their region ("the
 * transport must be swapped before the radios behind it"). A high-risk child
 * only gets a parent that is not high-risk or that the reference plan swaps
 * in the child's year or earlier; a parent's domain is always one layer up,
 * so there are no cycles. Candidates are kept per region sorted by planned
 * year (not high-risk first, high-risk sites the plan leaves in place
 * last), so the allowed ones are a prefix.
 */
static size_t parent_key(const struct site *s, int n_years)
{
	if (!is_high_risk(s))
		return 0;
	return s->year >= 0 ? (size_t)s->year + 1 : (size_t)n_years + 1;
}

void add_dependencies(struct gen *g)
{
	const int ny = g->n_years;
	const size_t nkeys = (size_t)(ny + 2), nr = g->prof->n_regions;
	for (int child_dom = DOM_TRANSPORT; child_dom <= DOM_RAN; child_dom++) {
		int parent_dom = child_dom - 1;
		double p_dep = child_dom == DOM_RAN ? 0.30 : 0.50;
		size_t *start = xcalloc(nr * nkeys + 1, sizeof(*start));
		size_t n_parents = 0;
		for (size_t i = 0; i < g->n_sites; i++) {
			const struct site *s = &g->sites[i];
			if (s->domain != parent_dom)
				continue;
			size_t key = parent_key(s, ny);
			start[s->region * nkeys + key + 1]++;
			n_parents++;
		}
		for (size_t k = 1; k <= nr * nkeys; k++)
			start[k] += start[k - 1];
		uint32_t *sorted = xcalloc(n_parents + 1, sizeof(*sorted));
		size_t *fill = xcalloc(nr * nkeys + 1, sizeof(*fill));
		memcpy(fill, start, (nr * nkeys + 1) * sizeof(*fill));
		for (size_t i = 0; i < g->n_sites; i++) {
			const struct site *s = &g->sites[i];
			if (s->domain != parent_dom)
				continue;
			size_t key = parent_key(s, ny);
			sorted[fill[s->region * nkeys + key]++] = (uint32_t)i;
		}
		for (size_t i = 0; i < g->n_sites; i++) {
			struct site *s = &g->sites[i];
			if (s->domain != child_dom || rng_real(&g->rng) >= p_dep)
				continue;
			size_t lo = start[s->region * nkeys];
			size_t hi =
				is_high_risk(s) && s->year >= 0
					? start[s->region * nkeys + (size_t)s->year + 2]
					: start[(s->region + 1) * nkeys];
			if (hi <= lo)
				continue;
			int n_deps =
				child_dom == DOM_RAN && rng_real(&g->rng) < 0.1 ? 2 : 1;
			for (int k = 0; k < n_deps; k++) {
				int32_t p = (int32_t)
					sorted[lo +
					       rng_below(&g->rng, (uint32_t)(hi - lo))];
				if (k == 0 || p != s->dep[0])
					s->dep[k] = p;
			}
		}
		free(fill);
		free(sorted);
		free(start);
	}
}

/*
 * plan_periods (version 2): every swap unit the reference plan schedules
 * goes in one period of its planned year, drawn at random, then raised
 * (within the year) so that a high-risk parent goes no later than its
 * child. Parents are one domain layer up, so one pass per child domain,
 * top down, settles every dependency. Deadlines and caps bind at year
 * ends (dated ones too, see write.c), so they still hold.
 */
void plan_periods(struct gen *g)
{
	int ppy = g->opt.per_year;
	for (size_t u = 0; u < g->n_swaps; u++) {
		struct swap_unit *su = &g->swaps[u];
		su->period = su->year < 0
				     ? -1
				     : (int16_t)(su->year * ppy +
						 (int)rng_below(&g->rng, (uint32_t)ppy));
	}
	for (int d = DOM_CORE; d < N_DOMAINS; d++) {
		for (size_t i = 0; i < g->n_sites; i++) {
			const struct site *s = &g->sites[i];
			if (s->domain != d || !is_high_risk(s) ||
			    g->swaps[s->unit].period < 0)
				continue;
			for (int k = 0; k < MAX_DEPS; k++) {
				if (s->dep[k] < 0)
					continue;
				const struct site *p = &g->sites[s->dep[k]];
				if (is_high_risk(p) &&
				    g->swaps[p->unit].period > g->swaps[s->unit].period)
					g->swaps[s->unit].period =
						g->swaps[p->unit].period;
			}
		}
	}
	for (size_t i = 0; i < g->n_sites; i++) {
		struct site *s = &g->sites[i];
		s->period = is_high_risk(s) ? g->swaps[s->unit].period : -1;
		s->deadline_p = s->in_service_p = -1;
	}
}

/*
 * add_v2_columns (version 2): sites' own deadlines and allowed_vendors
 * that the reference plan keeps: a deadline binding 0 to 2 periods after
 * the site's planned period, an allowed list holding its planned vendor
 * (and sometimes another that supplies its domain).
 */
void add_v2_columns(struct gen *g)
{
	const struct profile_def *P = g->prof;
	for (size_t i = 0; i < g->n_sites; i++) {
		struct site *s = &g->sites[i];
		if (!is_high_risk(s) || s->period < 0)
			continue;
		if (rng_real(&g->rng) < g->opt.site_deadlines) {
			s->deadline_p = (int16_t)(s->period + (int)rng_below(&g->rng, 3));
			s->deadline_inside = (uint8_t)rng_below(&g->rng, 2);
		}
		if (rng_real(&g->rng) < g->opt.allowed) {
			s->allowed = (uint8_t)(1u << (s->to - FIRST_TRUSTED));
			int other = FIRST_TRUSTED + (int)rng_below(&g->rng, N_TRUSTED);
			if (P->unit_cost[other][s->domain] > 0 && rng_real(&g->rng) < 0.5)
				s->allowed |= (uint8_t)(1u << (other - FIRST_TRUSTED));
		}
	}
}

/*
 * add_growth (version 2): opt.growth * sites new radio (80%) and transport
 * sites of vendors that are not high-risk, entering service in a random
 * period of the horizon (one in ten before it). With a radio vendor-share
 * limit, a new radio site goes to the trusted vendor whose share of the
 * growth so far stays within the limit, else to Cisco, so growth never
 * takes a vendor above it; the reference plan's swaps stay within it as
 * they were.
 */
void add_growth(struct gen *g)
{
	const struct profile_def *P = g->prof;
	size_t n = (size_t)((double)g->opt.sites * g->opt.growth + 0.5);
	if (n == 0)
		return;
	int16_t *when = xcalloc(n, sizeof(*when));
	for (size_t k = 0; k < n; k++)
		when[k] = rng_real(&g->rng) < 0.1
				  ? -1
				  : (int16_t)rng_below(&g->rng, (uint32_t)g->n_periods);
	struct site *sites = xcalloc(g->n_sites + n, sizeof(*sites));
	memcpy(sites, g->sites, g->n_sites * sizeof(*sites));
	free(g->sites);
	g->sites = sites;
	double grown[N_VENDORS] = {0}, total = 0;
	uint32_t seq = 0;
	/* In order of entering service, so the share test holds at every
	 * period end. */
	for (int p = -1; p < g->n_periods; p++)
		for (size_t k = 0; k < n; k++) {
			if (when[k] != p)
				continue;
			struct site *s = &g->sites[g->n_sites++];
			*s = (struct site){.cluster = -1, .dep = {-1, -1}, .year = -1};
			s->period = s->deadline_p = -1;
			s->grown = true;
			s->seq = ++seq;
			s->region = (uint8_t)rng_below(&g->rng, (uint32_t)P->n_regions);
			s->domain =
				rng_real(&g->rng) < 0.8 || !P->has_domain[DOM_TRANSPORT]
					? DOM_RAN
					: DOM_TRANSPORT;
			s->units = draw_units(g, s->domain);
			s->criticality =
				s->domain == DOM_RAN ? 1 : P->criticality[s->domain];
			s->in_service_p = p;
			s->in_service_month =
				(uint8_t)rng_below(&g->rng, 12 / g->opt.per_year);
			s->in_service_day = (uint8_t)rng_range(&g->rng, 1, 28);
			s->vendor = draw_other_vendor(g, s->domain);
			if (s->domain == DOM_RAN && P->ran_vendor_share > 0) {
				s->vendor = V_CISCO;
				for (int v = FIRST_TRUSTED; v < FIRST_TRUSTED + N_TRUSTED;
				     v++)
					if (grown[v] + s->units <=
					    P->ran_vendor_share * (total + s->units)) {
						s->vendor = (uint8_t)v;
						break;
					}
				grown[s->vendor] += s->units;
				total += s->units;
			}
		}
	free(when);
}
