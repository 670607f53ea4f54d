#include "plan/why.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/instance.h"
#include "util/money.h"
#include "util/period.h"
#include "util/xalloc.h"

/* Units, crews and money are compared with this slack, so that a figure
 * exactly at its limit is not called full through rounding. */
#define WHY_EPS 1e-6

/* More sites a dependency reason names before "and N more". */
#define WHY_MAX_NAMED 3

struct why {
	const struct plan *p;
	const struct scenario *s;
	int np, ny, ppy;
	size_t nv, nr;
	int *site_period;  /* [n_sites] the plan's period of a HR site, -1 unswapped
			      or not a HR site */
	bool *site_hr;     /* [n_sites] */
	uint32_t *plan_of; /* [n_sites] a HR site's index into plan->sites */
	/* Swap units: plan->sites[k] is in unit unit_of[k], whose members
	 * (indices into plan->sites) are members[first[u] .. first[u + 1]). */
	uint32_t *unit_of, *first, *members;
	size_t n_units;
	double *own;                   /* [np] own spend */
	double *key;                   /* [np] the budget's period keys, scaled */
	double *year_money, *year_own; /* [ny] INFINITY unlimited */
	double *vendor_p, *vendor_y;   /* [nv * np], [nv * ny] units swapped to v */
	double *crews_p, *crews_y;     /* [nr * np], [nr * ny] HR sites swapped */
	bool *cap_broken;              /* [n_caps] the plan breaks cap c */
	/* max_vendor_share (rule 5 of model-2.md): the units trusted vendor v
	 * may still gain in domain d at the end of period e, INFINITY where
	 * no limit binds; and its minimum over e .. np - 1. NULL without a
	 * limit. [(v * nd + d) * np + e] */
	double *share_room, *share_room_after;
	size_t nd;
};

/*
 * The own money of each period and year, as the reports print it (whole
 * cents, plan.h), so that "budget spent" can be checked against
 * timeline.csv: a period's own spend is available - unspent
 * (cli-and-outputs-2.md) wherever the money is limited; the year's money
 * is its budget plus what the year before carried over (plan.c's
 * fill_money(), year_money's available_cents).
 */
/*
 * Room for one more element in an array of n: doubles at 0, 1, 2, 4 ...
 * elements (the capacity follows from n). A fresh block and a copy, not
 * realloc(): growing in place into a large free neighbour makes glibc
 * free, and with MALLOC_PERTURB_ (as meson's tests run) wipe, that whole
 * neighbour at every step, which made a 12,599-site plan take minutes.
 */
static void *grow(void *array, size_t n, size_t size)
{
	if (n & (n - 1))
		return array; /* n is not 0 or a power of two: room left */
	void *bigger = xcalloc(n ? 2 * n : 1, size);
	if (n)
		memcpy(bigger, array, n * size);
	free(array);
	return bigger;
}

static void count_money(struct why *w)
{
	const struct plan *p = w->p;
	const struct scenario *s = w->s;
	w->own = xcalloc((size_t)w->np + 1, sizeof(double));
	w->key = xcalloc((size_t)w->np + 1, sizeof(double));
	w->year_money = xcalloc((size_t)w->ny + 1, sizeof(double));
	w->year_own = xcalloc((size_t)w->ny + 1, sizeof(double));
	for (int q = 0; q < w->np && (size_t)q < p->n_years; q++) {
		const struct plan_year *py = &p->years[q];
		w->own[q] = isfinite(py->available)
				    ? money_value(py->available_cents - py->unspent_cents)
				    : money_value(py->spend_cents);
		double k = s->budget_period ? s->budget_period[q] : INFINITY;
		w->key[q] = isfinite(k) ? money_value(money_cents(k * p->budget_scale))
					: INFINITY;
		w->year_own[q / w->ppy] += w->own[q];
	}
	for (int y = 0; y < w->ny; y++) {
		double b = s->budget ? s->budget[y] : INFINITY;
		w->year_money[y] = isfinite(b) && p->year_money
					   ? money_value(p->year_money[y].available_cents)
					   : INFINITY;
	}
}

static void count_swaps(struct why *w)
{
	const struct plan *p = w->p;
	const struct scenario *s = w->s;
	w->vendor_p = xcalloc(w->nv * (size_t)w->np + 1, sizeof(double));
	w->vendor_y = xcalloc(w->nv * (size_t)w->ny + 1, sizeof(double));
	w->crews_p = xcalloc(w->nr * (size_t)w->np + 1, sizeof(double));
	w->crews_y = xcalloc(w->nr * (size_t)w->ny + 1, sizeof(double));
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct plan_site *ps = &p->sites[k];
		const struct site *site = &s->sites[ps->site];
		w->site_hr[ps->site] = true;
		w->plan_of[ps->site] = (uint32_t)k;
		w->site_period[ps->site] = ps->period;
		if (ps->period < 0 || ps->period >= w->np || ps->vendor < 0)
			continue;
		int y = ps->period / w->ppy;
		size_t v = (size_t)ps->vendor;
		w->vendor_p[v * (size_t)w->np + (size_t)ps->period] +=
			(double)site->units;
		w->vendor_y[v * (size_t)w->ny + (size_t)y] += (double)site->units;
		w->crews_p[site->region * (size_t)w->np + (size_t)ps->period] += 1;
		w->crews_y[site->region * (size_t)w->ny + (size_t)y] += 1;
	}
}

/* Swap units: a cluster's HR sites together, every other HR site alone. */
static void group_units(struct why *w)
{
	const struct plan *p = w->p;
	const struct scenario *s = w->s;
	struct strmap clusters;
	strmap_init(&clusters);
	uint32_t *cluster_unit = xmalloc((p->n_sites + 1) * sizeof(uint32_t));
	w->unit_of = xmalloc((p->n_sites + 1) * sizeof(uint32_t));
	for (size_t k = 0; k < p->n_sites; k++) {
		const char *c = s->sites[p->sites[k].site].cluster;
		if (!c) {
			w->unit_of[k] = (uint32_t)w->n_units++;
			continue;
		}
		int added = 0;
		uint32_t i = strmap_intern(&clusters, c, &added);
		if (added)
			cluster_unit[i] = (uint32_t)w->n_units++;
		w->unit_of[k] = cluster_unit[i];
	}
	w->first = xcalloc(w->n_units + 2, sizeof(uint32_t));
	for (size_t k = 0; k < p->n_sites; k++)
		w->first[w->unit_of[k] + 1]++;
	for (size_t u = 0; u < w->n_units; u++)
		w->first[u + 1] += w->first[u];
	w->members = xmalloc((p->n_sites + 1) * sizeof(uint32_t));
	uint32_t *fill = xcalloc(w->n_units + 1, sizeof(uint32_t));
	for (size_t k = 0; k < p->n_sites; k++) {
		uint32_t u = w->unit_of[k];
		w->members[w->first[u] + fill[u]++] = (uint32_t)k;
	}
	free(fill);
	free(cluster_unit);
	strmap_finish(&clusters);
}

/*
 * The room every vendor has under max_vendor_share, as plan.c judges the
 * rule: at the end of each stretch of periods without sites entering
 * service, v's units in d (those its own sites had plus those swapped to
 * it so far) may be at most max(mu x the units of d in service, what its
 * own sites had).
 */
static void count_shares(struct why *w)
{
	const struct scenario *s = w->s;
	const struct plan *p = w->p;
	size_t nd = s->domains.count, np = (size_t)w->np, nv = w->nv;
	bool any = false;
	for (size_t d = 0; d < nd; d++)
		any |= !isnan(scenario_vendor_share_limit(s, s->domains.names[d]));
	if (!any || !np)
		return;
	w->nd = nd;
	bool *grows = xcalloc(np + 1, sizeof(bool));
	double *total = xcalloc(nd * np + 1, sizeof(double));
	double *had = xcalloc(nv * nd * np + 1, sizeof(double));
	double *gained = xcalloc(nv * nd * np + 1, sizeof(double));
	long *trusted = xmalloc((s->site_vendors.count + 1) * sizeof(long));
	for (size_t k = 0; k < s->site_vendors.count; k++)
		trusted[k] = scenario_find_vendor(s, s->site_vendors.names[k]);
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		if (site->in_service_p >= w->np)
			continue;
		size_t q = site->in_service_p > 0 ? (size_t)site->in_service_p : 0;
		if (site->in_service_p > 0)
			grows[q] = true;
		total[site->domain * np + q] += (double)site->units;
		long v = trusted[site->vendor];
		if (v >= 0)
			had[((size_t)v * nd + site->domain) * np + q] +=
				(double)site->units;
	}
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct plan_site *ps = &p->sites[k];
		if (ps->period >= 0 && ps->vendor >= 0)
			gained[((size_t)ps->vendor * nd + s->sites[ps->site].domain) *
				       np +
			       (size_t)ps->period] += (double)s->sites[ps->site].units;
	}
	for (size_t d = 0; d < nd; d++)
		for (size_t e = 1; e < np; e++)
			total[d * np + e] += total[d * np + e - 1];
	for (size_t k = 0; k < nv * nd; k++)
		for (size_t e = 1; e < np; e++) {
			had[k * np + e] += had[k * np + e - 1];
			gained[k * np + e] += gained[k * np + e - 1];
		}
	w->share_room = xmalloc((nv * nd * np + 1) * sizeof(double));
	w->share_room_after = xmalloc((nv * nd * np + 1) * sizeof(double));
	for (size_t v = 0; v < nv; v++)
		for (size_t d = 0; d < nd; d++) {
			double mu = scenario_vendor_share_limit(s, s->domains.names[d]);
			size_t base = (v * nd + d) * np;
			for (size_t e = 0; e < np; e++) {
				double t = total[d * np + e];
				bool end = e == np - 1 || grows[e + 1];
				double room = INFINITY;
				if (!isnan(mu) && end && t > 0 &&
				    total[d * np + np - 1] > 0)
					room = fmax(mu * t, had[base + e]) + 1e-9 * t -
					       had[base + e] - gained[base + e];
				w->share_room[base + e] = room;
			}
			double m = INFINITY;
			for (size_t e = np; e-- > 0;) {
				m = fmin(m, w->share_room[base + e]);
				w->share_room_after[base + e] = m;
			}
		}
	free(trusted);
	free(gained);
	free(had);
	free(total);
	free(grows);
}

struct why *why_create(const struct plan *p)
{
	const struct scenario *s = p->scenario;
	struct why *w = xcalloc(1, sizeof(*w));
	w->p = p;
	w->s = s;
	w->np = s->n_periods;
	w->ny = s->n_years;
	w->ppy = s->periods_per_year > 0 ? s->periods_per_year : 1;
	w->nv = s->n_vendors;
	w->nr = s->regions.count;
	w->site_period = xmalloc((s->n_sites + 1) * sizeof(int));
	for (size_t i = 0; i < s->n_sites; i++)
		w->site_period[i] = -1;
	w->site_hr = xcalloc(s->n_sites + 1, sizeof(bool));
	w->plan_of = xcalloc(s->n_sites + 1, sizeof(uint32_t));
	count_money(w);
	count_swaps(w);
	group_units(w);
	count_shares(w);
	/* The plan adds one rule per cap, in the scenario's order. */
	w->cap_broken = xcalloc(s->n_caps + 1, sizeof(bool));
	size_t c = 0;
	for (size_t r = 0; r < p->n_rules && c < s->n_caps; r++)
		if (p->rules[r].kind == RULE_SHARE_CAP)
			w->cap_broken[c++] = !p->rules[r].holds;
	return w;
}

void why_destroy(struct why *w)
{
	if (!w)
		return;
	free(w->site_period);
	free(w->site_hr);
	free(w->plan_of);
	free(w->unit_of);
	free(w->first);
	free(w->members);
	free(w->own);
	free(w->key);
	free(w->year_money);
	free(w->year_own);
	free(w->vendor_p);
	free(w->vendor_y);
	free(w->crews_p);
	free(w->crews_y);
	free(w->cap_broken);
	free(w->share_room);
	free(w->share_room_after);
	free(w);
}

void why_site_finish(struct why_site *ws)
{
	free(ws->periods);
	free(ws->vendors);
	free(ws->regions);
	free(ws->deps);
	memset(ws, 0, sizeof(*ws));
}

/* What a swap unit brings to every period's question. */
struct unit_view {
	const uint32_t *members; /* into plan->sites */
	size_t n_members;
	int period, end; /* the plan's period (-1) and the last period + 1 asked */
	int vendor;      /* the plan's vendor, -1 */
	double own_cost; /* its own cost in its period */
	double weight;   /* criticality x units */
	bool *allowed;   /* [nv] vendors that may take every member */
	uint32_t *region, *need; /* its regions and sites in each */
	size_t n_region;
	uint32_t *domain;  /* its domains */
	double *dom_units; /* and its units in each */
	size_t n_domain;
	uint32_t *deps; /* HR sites outside it that a member depends on */
	size_t n_deps;
	bool needed; /* a deadline or a broken cap needs it before its period */
};

static void view_unit(const struct why *w, size_t k, struct unit_view *u)
{
	const struct plan *p = w->p;
	const struct scenario *s = w->s;
	const struct plan_site *ps = &p->sites[k];
	uint32_t unit = w->unit_of[k];
	memset(u, 0, sizeof(*u));
	u->members = &w->members[w->first[unit]];
	u->n_members = w->first[unit + 1] - w->first[unit];
	u->period = ps->period;
	u->vendor = ps->vendor;
	u->end = ps->period >= 0 ? ps->period : w->np;
	u->allowed = xmalloc((w->nv + 1) * sizeof(bool));
	for (size_t v = 0; v < w->nv; v++)
		u->allowed[v] = true;
	u->region = xmalloc((u->n_members + 1) * sizeof(uint32_t));
	u->need = xmalloc((u->n_members + 1) * sizeof(uint32_t));
	u->domain = xmalloc((u->n_members + 1) * sizeof(uint32_t));
	u->dom_units = xmalloc((u->n_members + 1) * sizeof(double));
	int deadline = INT_MAX;
	for (size_t m = 0; m < u->n_members; m++) {
		const struct plan_site *mp = &p->sites[u->members[m]];
		const struct site *site = &s->sites[mp->site];
		const char *dom = s->domains.names[site->domain];
		if (mp->period >= 0)
			u->own_cost += money_value(mp->total_cents);
		u->weight += site->criticality * (double)site->units;
		for (size_t v = 0; v < w->nv; v++)
			if (isnan(scenario_unit_cost(&s->vendors[v], dom)) ||
			    !scenario_vendor_allows(s, site, v))
				u->allowed[v] = false;
		size_t r = 0;
		while (r < u->n_region && u->region[r] != site->region)
			r++;
		if (r == u->n_region) {
			u->region[u->n_region] = site->region;
			u->need[u->n_region++] = 0;
		}
		u->need[r]++;
		size_t dj = 0;
		while (dj < u->n_domain && u->domain[dj] != site->domain)
			dj++;
		if (dj == u->n_domain) {
			u->domain[u->n_domain] = site->domain;
			u->dom_units[u->n_domain++] = 0;
		}
		u->dom_units[dj] += (double)site->units;
		int d = instance_site_deadline(s, site);
		if (d < deadline)
			deadline = d;
		for (size_t c = 0; c < s->n_caps; c++)
			if (w->cap_broken[c] &&
			    scenario_cap_covers(s, &s->caps[c], site->domain,
						site->region))
				u->needed = true;
		if (!s->dep_start)
			continue;
		for (uint32_t j = s->dep_start[mp->site]; j < s->dep_start[mp->site + 1];
		     j++) {
			uint32_t t = s->dep_sites[j];
			/* A dependency on a non-HR site binds nothing; one
			 * inside the cluster goes with it. */
			if (!w->site_hr[t] || w->unit_of[w->plan_of[t]] == unit)
				continue;
			bool seen = false;
			for (size_t o = 0; o < u->n_deps && !seen; o++)
				seen = u->deps[o] == t;
			if (seen)
				continue;
			u->deps = grow(u->deps, u->n_deps, sizeof(uint32_t));
			u->deps[u->n_deps++] = t;
		}
	}
	if (deadline < u->end)
		u->needed = true;
}

static void unview_unit(struct unit_view *u)
{
	free(u->allowed);
	free(u->region);
	free(u->need);
	free(u->domain);
	free(u->dom_units);
	free(u->deps);
}

/* The first period the unit may go in, and why (why.h). */
static void find_earliest(const struct why *w, const struct unit_view *u,
			  struct why_site *ws)
{
	const struct scenario *s = w->s;
	ws->earliest = 0;
	ws->from = WHY_FROM_START;
	ws->from_site = ws->site;
	for (size_t m = 0; m < u->n_members; m++) {
		uint32_t i = w->p->sites[u->members[m]].site;
		const struct site *site = &s->sites[i];
		/* The explained site's own earliest wins a tie. */
		if (site->earliest_p > ws->earliest ||
		    (site->earliest_p == ws->earliest && site->earliest_p > 0 &&
		     i == ws->site)) {
			ws->earliest = site->earliest_p;
			ws->from = site->has_earliest ? WHY_FROM_EARLIEST
						      : WHY_FROM_EARLIEST_YEAR;
			ws->from_site = i;
		}
	}
	if (s->replan_p > ws->earliest) {
		ws->earliest = s->replan_p;
		ws->from = WHY_FROM_HISTORY;
		ws->from_site = ws->site;
	}
	/* A swap the rules put earlier (a fixed one): nothing to explain. */
	if (u->period >= 0 && u->period < ws->earliest) {
		ws->earliest = u->period;
		ws->from = WHY_FROM_START;
	}
}

/* The unit's cost with vendor v in period q, nominal, as plan.csv would
 * print it: each site's equipment and site cost rounded to the cent. */
static double unit_cost(const struct why *w, const struct unit_view *u, size_t v, int q)
{
	const struct scenario *s = w->s;
	double esc = pow(1 + s->cost_escalation, period_t(w->ppy, q));
	int64_t cents = 0;
	for (size_t m = 0; m < u->n_members; m++) {
		const struct site *site = &s->sites[w->p->sites[u->members[m]].site];
		const char *dom = s->domains.names[site->domain];
		double uc = scenario_unit_cost(&s->vendors[v], dom);
		cents += money_cents((double)site->units * uc * esc);
		cents += money_cents(scenario_site_cost(s, dom) * esc);
	}
	return money_value(cents);
}

/*
 * Whether vendor v would go over max_vendor_share if the unit moved to it
 * in period q: its units in each of the unit's domains grow from the end
 * of q to the end of the horizon, or, when v is the unit's vendor
 * already, to the end of the period before the unit's own. Returns the
 * first domain that has no room (its room in '*left'), or -1.
 */
static long share_blocks(const struct why *w, const struct unit_view *u, size_t v, int q,
			 double *left)
{
	if (!w->share_room)
		return -1;
	size_t np = (size_t)w->np;
	for (size_t j = 0; j < u->n_domain; j++) {
		size_t base = (v * w->nd + u->domain[j]) * np;
		double room;
		if (u->period >= 0 && u->vendor == (int)v) {
			room = INFINITY;
			for (int e = q; e < u->period; e++)
				room = fmin(room, w->share_room[base + (size_t)e]);
		} else {
			room = w->share_room_after[base + (size_t)q];
		}
		if (room < u->dom_units[j] - WHY_EPS) {
			*left = room > 0 ? floor(room + 1e-9) : 0;
			return (long)u->domain[j];
		}
	}
	return -1;
}

static void explain_period(const struct why *w, const struct unit_view *u,
			   struct why_site *ws, int q)
{
	const struct scenario *s = w->s;
	int y = q / w->ppy;
	bool same_year = u->period >= 0 && u->period / w->ppy == y;
	ws->periods = grow(ws->periods, ws->n_periods, sizeof(*ws->periods));
	struct why_period *wp = &ws->periods[ws->n_periods++];
	memset(wp, 0, sizeof(*wp));
	wp->period = q;

	/* Money: the year's and the period key's, the unit's own cost given
	 * back when it moves within its year. */
	double room = w->year_money[y] - w->year_own[y] + (same_year ? u->own_cost : 0);
	double room_key = w->key[q] - w->own[q];
	if (room_key < room)
		room = room_key;

	/* Vendors: each allowed one with fewer units left than the unit's. */
	double cheapest = INFINITY;
	bool any_room = false;
	wp->first_vendor = (uint32_t)ws->n_vendors;
	for (size_t v = 0; v < w->nv; v++) {
		if (!u->allowed[v])
			continue;
		const struct trusted_vendor *tv = &s->vendors[v];
		double cap_y = tv->capacity ? tv->capacity[y] : INFINITY;
		double cap_k = tv->capacity_period ? tv->capacity_period[q] : INFINITY;
		double mine = same_year && u->vendor == (int)v ? (double)ws->units : 0;
		double left = cap_y - w->vendor_y[v * (size_t)w->ny + (size_t)y] + mine;
		double left_k = cap_k - w->vendor_p[v * (size_t)w->np + (size_t)q];
		if (left_k < left)
			left = left_k;
		bool full = left < (double)ws->units - WHY_EPS;
		double share_left = 0;
		long dom = full ? -1 : share_blocks(w, u, v, q, &share_left);
		if (full || dom >= 0) {
			ws->vendors =
				grow(ws->vendors, ws->n_vendors, sizeof(*ws->vendors));
			ws->vendors[ws->n_vendors++] = (struct why_vendor_left){
				.vendor = (uint32_t)v,
				.share = !full,
				.domain = dom >= 0 ? (uint32_t)dom : 0,
				.left = full ? (left > 0 ? left : 0) : share_left};
			continue;
		}
		any_room = true;
		double c = unit_cost(w, u, v, q);
		if (c < cheapest)
			cheapest = c;
	}
	/* In whole cents: less than half a cent apart is equal. */
	bool budget = any_room && room < cheapest - 0.005;
	if (budget) {
		wp->reasons |= WHY_BUDGET;
		wp->money_left = room > 0 ? room : 0;
		wp->cost = cheapest;
	}
	if (ws->n_vendors > wp->first_vendor && (!any_room || budget)) {
		wp->reasons |= WHY_CAPACITY;
		wp->n_vendors = (uint32_t)ws->n_vendors - wp->first_vendor;
	} else {
		ws->n_vendors = wp->first_vendor; /* some vendor had room and money */
	}

	/* Crews of each region of its sites. */
	wp->first_region = (uint32_t)ws->n_regions;
	for (size_t r = 0; r < u->n_region; r++) {
		const char *name = s->regions.names[u->region[r]];
		double c_y = scenario_crews(s, name, y);
		double c_k = scenario_crews_period(s, name, q);
		size_t ri = u->region[r];
		double left = c_y - w->crews_y[ri * (size_t)w->ny + (size_t)y] +
			      (same_year ? (double)u->need[r] : 0);
		double left_k = c_k - w->crews_p[ri * (size_t)w->np + (size_t)q];
		if (left_k < left)
			left = left_k;
		if (left < (double)u->need[r] - WHY_EPS) {
			ws->regions =
				grow(ws->regions, ws->n_regions, sizeof(*ws->regions));
			ws->regions[ws->n_regions++] = (struct why_crews_left){
				u->region[r], left > 0 ? left : 0, u->need[r]};
		}
	}
	wp->n_regions = (uint32_t)ws->n_regions - wp->first_region;
	if (wp->n_regions)
		wp->reasons |= WHY_CREWS;

	/* Sites it depends on, not swapped by the end of q. */
	wp->first_dep = (uint32_t)ws->n_deps;
	for (size_t d = 0; d < u->n_deps; d++) {
		int tp = w->site_period[u->deps[d]];
		if (tp >= 0 && tp <= q)
			continue;
		ws->deps = grow(ws->deps, ws->n_deps, sizeof(*ws->deps));
		ws->deps[ws->n_deps++] = u->deps[d];
	}
	wp->n_deps = (uint32_t)ws->n_deps - wp->first_dep;
	if (wp->n_deps)
		wp->reasons |= WHY_DEPENDENCY;

	if (wp->reasons)
		return;
	if (s->objective != OBJECTIVE_EXPOSURE)
		wp->reasons = u->needed ? WHY_OTHERS_FIRST : WHY_NOT_NEEDED;
	else
		wp->reasons = u->weight > 0 ? WHY_OTHERS_FIRST : WHY_NO_EXPOSURE;
}

/* Sort the dependency names of each period by site_id, so the text does
 * not depend on the order of depends_on. An insertion sort: a unit
 * depends on a handful of sites. */
static void sort_deps(const struct scenario *s, uint32_t *deps, size_t n)
{
	if (!deps)
		return;
	for (size_t i = 1; i < n; i++) {
		uint32_t t = deps[i];
		size_t j = i;
		while (j > 0 && strcmp(s->sites[deps[j - 1]].id, s->sites[t].id) > 0) {
			deps[j] = deps[j - 1];
			j--;
		}
		deps[j] = t;
	}
}

void why_explain(const struct why *w, size_t k, struct why_site *out)
{
	const struct plan_site *ps = &w->p->sites[k];
	memset(out, 0, sizeof(*out));
	out->site = ps->site;
	out->period = ps->period;
	out->cluster = w->s->sites[ps->site].cluster;
	struct unit_view u;
	view_unit(w, k, &u);
	out->n_unit_sites = (uint32_t)u.n_members;
	for (size_t m = 0; m < u.n_members; m++)
		out->units += w->s->sites[w->p->sites[u.members[m]].site].units;
	find_earliest(w, &u, out);
	for (int q = out->earliest; q < u.end && q < w->np; q++)
		explain_period(w, &u, out, q);
	for (size_t i = 0; i < out->n_periods; i++) {
		struct why_period *wp = &out->periods[i];
		sort_deps(w->s, out->deps + wp->first_dep, wp->n_deps);
	}
	unview_unit(&u);
}

/* A growing string: the texts are built piece by piece. */
struct text {
	char *s;
	size_t len;
};

static void put(struct text *t, const char *piece)
{
	size_t n = strlen(piece);
	t->s = xrealloc(t->s, t->len + n + 1);
	memcpy(t->s + t->len, piece, n + 1);
	t->len += n;
}

static void putf(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void putf(struct text *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *piece = xvasprintf(fmt, ap);
	va_end(ap);
	put(t, piece);
	free(piece);
}

/* text_take: the string built ("" when nothing was), the caller's. */
static char *text_take(struct text *t)
{
	return t->s ? t->s : xstrdup("");
}

static void put_label(const struct why *w, struct text *f, int q)
{
	char label[24];
	period_label(w->s->start, w->ppy, q, label, sizeof(label));
	put(f, label);
}

char *why_period_text(const struct why *w, const struct why_site *ws,
		      const struct why_period *wp)
{
	const struct scenario *s = w->s;
	struct text t = {0};
	struct text *f = &t;
	const char *sep = "";
	if (wp->reasons & WHY_BUDGET) {
		put(f, "budget spent");
		sep = ", ";
	}
	if (wp->reasons & WHY_CAPACITY) {
		/* Those at capacity, then those at their share limit. */
		for (int share = 0; share <= 1; share++) {
			uint32_t n = 0, domain = 0;
			for (uint32_t i = 0; ws->vendors && i < wp->n_vendors; i++) {
				const struct why_vendor_left *vl =
					&ws->vendors[wp->first_vendor + i];
				if (vl->share != (share == 1))
					continue;
				putf(f, "%s%s", n ? ", " : sep,
				     s->vendors[vl->vendor].name);
				if (!n)
					domain = vl->domain;
				n++;
			}
			if (n && !share)
				put(f, " at capacity");
			else if (n)
				putf(f, " at %s %s share limit", n > 1 ? "their" : "its",
				     s->domains.names[domain]);
			if (n)
				sep = ", ";
		}
	}
	if (wp->reasons & WHY_CREWS) {
		put(f, sep);
		for (uint32_t i = 0; ws->regions && i < wp->n_regions; i++)
			putf(f, "%s%s", i ? ", " : "",
			     s->regions.names[ws->regions[wp->first_region + i].region]);
		put(f, " crews used");
		sep = ", ";
	}
	if (wp->reasons & WHY_DEPENDENCY) {
		put(f, sep);
		uint32_t named =
			wp->n_deps > WHY_MAX_NAMED + 1 ? WHY_MAX_NAMED : wp->n_deps;
		for (uint32_t i = 0; ws->deps && i < named; i++)
			putf(f, "%s%s", i ? ", " : "",
			     s->sites[ws->deps[wp->first_dep + i]].id);
		if (named < wp->n_deps)
			putf(f, " and %u more", wp->n_deps - named);
		put(f, " not yet swapped");
	}
	if (wp->reasons & WHY_NOT_NEEDED)
		put(f, "no deadline or cap needed it yet");
	if (wp->reasons & WHY_NO_EXPOSURE)
		put(f, "it adds no exposure");
	if (wp->reasons & WHY_OTHERS_FIRST)
		put(f, s->objective == OBJECTIVE_EXPOSURE
			       ? "others removed more exposure per money first"
			       : "others went first");
	return text_take(f);
}

char *why_from_text(const struct why *w, const struct why_site *ws)
{
	const struct scenario *s = w->s;
	const struct site *from = &s->sites[ws->from_site];
	const char *of = ws->from_site != ws->site ? " of " : "";
	const char *who = ws->from_site != ws->site ? from->id : "";
	char buf[24];
	switch (ws->from) {
	case WHY_FROM_START:
		return NULL;
	case WHY_FROM_EARLIEST:
		date_format(from->earliest, buf, sizeof(buf));
		return xasprintf("earliest %s%s%s", buf, of, who);
	case WHY_FROM_EARLIEST_YEAR:
		return xasprintf("earliest_year %d%s%s", from->earliest_year, of, who);
	case WHY_FROM_HISTORY:
		period_label(s->start, w->ppy, s->replan_p, buf, sizeof(buf));
		return xasprintf("re-plan from %s", buf);
	}
	return NULL;
}

char *why_text(const struct why *w, const struct why_site *ws)
{
	struct text t = {0};
	struct text *f = &t;
	const char *sep = "";
	char *from = why_from_text(w, ws);
	if (from) {
		put(f, "not before ");
		put_label(w, f, ws->earliest);
		putf(f, " (%s)", from);
		if (ws->earliest >= w->np)
			put(f, ", after the horizon");
		sep = "; ";
		free(from);
	}
	/* Periods with the same reasons, one range each. */
	char *prev = NULL;
	int range_from = 0;
	for (size_t i = 0; i <= ws->n_periods; i++) {
		char *cur = i < ws->n_periods ? why_period_text(w, ws, &ws->periods[i])
					      : NULL;
		if (prev && (!cur || strcmp(cur, prev) != 0)) {
			int to = ws->periods[i - 1].period;
			put(f, sep);
			put_label(w, f, range_from);
			if (to != range_from) {
				put(f, "..");
				put_label(w, f, to);
			}
			putf(f, ": %s", prev);
			sep = "; ";
			free(prev);
			prev = NULL;
		}
		if (cur && !prev) {
			prev = cur;
			range_from = ws->periods[i].period;
		} else {
			free(cur);
		}
	}
	return text_take(f);
}

char *why_site_text(const struct why *w, size_t k)
{
	/* A ledger row was not the planner's choice: nothing to explain,
	 * its cell stays empty like its 'moved'. */
	enum plan_site_status st = w->p->sites[k].status;
	if (st == SITE_DONE || st == SITE_COMMITTED)
		return xstrdup("");
	struct why_site ws;
	why_explain(w, k, &ws);
	char *text = why_text(w, &ws);
	why_site_finish(&ws);
	return text;
}
