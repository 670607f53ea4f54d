/*
 * reference: the generator's reference plan, a year and a trusted vendor
 * for every swap unit that keeps every rule, and the budgets, capacities
 * and crews set from what that plan needs: the plan proves the scenario
 * feasible.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

/* Capacities and crews get this margin over the reference plan's peak year. */
#define CAPACITY_MARGIN 1.25
/* The reference plan aims this far below a share cap, so it holds with room. */
#define CAP_SLACK 0.02

static int year_index(const struct gen *g, int year)
{
	int yi = year - g->opt.start;
	if (yi < 0)
		return 0;
	if (yi > g->n_years - 1)
		return g->n_years - 1;
	return yi;
}

void set_rules(struct gen *g)
{
	int start = g->opt.start, end = g->opt.end;
	const struct profile_def *P = g->prof;
	if (g->opt.profile != PROFILE_NATIONAL) {
		g->rules.n_deadlines = P->n_deadlines;
		g->rules.n_caps = P->n_caps;
		memcpy(g->rules.deadline, P->deadlines, sizeof(P->deadlines));
		memcpy(g->rules.cap, P->caps, sizeof(P->caps));
	} else {
		int early = start + 2 < end ? start + 2 : end;
		g->rules = (struct rules){
			.n_deadlines = 2,
			.n_caps = 1,
			.deadline = {{DOM_CORE, early, 0},
				     {ALL_DOMAINS, end - 1 > start ? end - 1 : start, 0}},
			.cap = {{DOM_RAN, early, 0.35}},
		};
	}
}

/* deadline_of: the earliest deadline year of domain 'd', or 0 for none. */
int deadline_of(const struct gen *g, int d)
{
	int year = 0;
	for (int k = 0; k < g->rules.n_deadlines; k++) {
		const struct rule_def *r = &g->rules.deadline[k];
		if ((r->domain == d || r->domain == ALL_DOMAINS) &&
		    (!year || r->year < year))
			year = r->year;
	}
	return year;
}

/*
 * make_targets: T[yi], the share of a domain's high-risk units the
 * reference plan swaps by the end of year yi. It runs linearly from 0
 * before the first year through each checkpoint (year index, share) and
 * reaches 'final' at the last year (1, unless no deadline covers the
 * domain). A checkpoint's share is raised to any
 * earlier checkpoint's, so T never falls.
 */
static void make_targets(int n_years, const int *cp_year, const double *cp_share,
			 int n_cp, double final, double *T)
{
	/* A year to fill, and the checkpoints plus the end in ys[] and ss[]. */
	assert(n_years >= 1 && n_cp <= 2 * MAX_RULES);
	int py = -1;
	double ps = 0;
	int ys[2 * MAX_RULES + 1];
	double ss[2 * MAX_RULES + 1];
	int k = 0;
	/* Sort the (few) checkpoints by year; add (last year, 1). */
	for (int i = 0; i < n_cp; i++) {
		ys[k] = cp_year[i];
		ss[k] = cp_share[i];
		for (int j = k; j > 0 && ys[j] < ys[j - 1]; j--) {
			int ty = ys[j];
			double ts = ss[j];
			ys[j] = ys[j - 1];
			ss[j] = ss[j - 1];
			ys[j - 1] = ty;
			ss[j - 1] = ts;
		}
		k++;
	}
	ys[k] = n_years - 1;
	ss[k] = final;
	k++;
	for (int i = 1; i < k; i++)
		if (ss[i] < ss[i - 1])
			ss[i] = ss[i - 1];
	for (int i = 0; i < k; i++) {
		for (int y = py + 1; y <= ys[i]; y++)
			T[y] = y == ys[i] ? ss[i]
					  : ps + (ss[i] - ps) * (double)(y - py) /
							    (double)(ys[i] - py);
		if (ys[i] > py) {
			py = ys[i];
			ps = ss[i];
		} else if (ys[i] == py) {
			T[py] = ss[i] > T[py] ? ss[i] : T[py];
			ps = T[py];
		}
	}
}

/* escalation: the factor on nominal costs in year index 'yi' (model.md). */
double escalation(const struct gen *g, int yi)
{
	return pow(1 + g->prof->cost_escalation, yi);
}

/* site_escalation: the factor on a planned site's nominal costs, by its
 * period in version 2 (model-2.md: t(p) = p / periods a year). */
double site_escalation(const struct gen *g, const struct site *s)
{
	if (!g->v2)
		return escalation(g, s->year);
	return pow(1 + g->prof->cost_escalation, (double)s->period / g->opt.per_year);
}

/* rule_period: where a rule of 'year' binds: that year's last period
 * (also when written as a date in the next year's first period). */
int rule_period(const struct gen *g, int year)
{
	return (year - g->opt.start + 1) * g->opt.per_year - 1;
}

/* samsung_takes: --vendor-regions gives Samsung the first half of the
 * regions (rounded up) only. */
bool samsung_takes(const struct gen *g, int region)
{
	return !g->opt.vendor_regions || region < ((int)g->prof->n_regions + 1) / 2;
}

/*
 * plan_years: give every swap unit a year. Per domain, the units are
 * shuffled and poured into the years in order: a unit goes into the first
 * year whose target T[yi] * total is still above what was poured before
 * it, so by the end of every year at least T[yi] of the domain's units are
 * swapped. That is what makes deadlines (T = 1) and the radio share cap
 * (T = 1 - (cap - slack) * all radio units / high-risk radio units) hold.
 */
void plan_years(struct gen *g)
{
	double total_units[N_DOMAINS] = {0}, hr_units[N_DOMAINS] = {0};
	for (size_t i = 0; i < g->n_sites; i++) {
		total_units[g->sites[i].domain] += g->sites[i].units;
		if (is_high_risk(&g->sites[i]))
			hr_units[g->sites[i].domain] += g->sites[i].units;
	}
	uint32_t *order = xcalloc(g->n_swaps + 1, sizeof(*order));
	for (int d = 0; d < N_DOMAINS; d++) {
		int cp_year[2 * MAX_RULES];
		double cp_share[2 * MAX_RULES];
		int n_cp = 0;
		/* "*" deadlines first, then the domain's, then caps: the order
		 * the original generator used. */
		for (int pass = 0; pass < 2; pass++)
			for (int k = 0; k < g->rules.n_deadlines; k++) {
				const struct rule_def *r = &g->rules.deadline[k];
				if (pass == 0 ? r->domain != ALL_DOMAINS : r->domain != d)
					continue;
				cp_year[n_cp] = year_index(g, r->year);
				cp_share[n_cp++] = 1;
			}
		for (int k = 0; k < g->rules.n_caps; k++) {
			const struct rule_def *r = &g->rules.cap[k];
			if (r->domain != d || hr_units[d] <= 0)
				continue;
			double keep = (r->share - CAP_SLACK) * total_units[d];
			double need = 1 - keep / hr_units[d];
			cp_year[n_cp] = year_index(g, r->year);
			cp_share[n_cp++] = need > 0 ? need : 0;
		}
		double final = deadline_of(g, d) ? 1 : g->prof->voluntary;
		double T[MAX_YEARS] = {0}; /* make_targets sets years 0 .. n_years-1 */
		make_targets(g->n_years, cp_year, cp_share, n_cp, final, T);

		size_t n = 0;
		for (size_t u = 0; u < g->n_swaps; u++)
			if (g->swaps[u].domain == d)
				order[n++] = (uint32_t)u;
		for (size_t k = n; k > 1; k--) {
			uint32_t j = rng_below(&g->rng, (uint32_t)k);
			uint32_t t = order[k - 1];
			order[k - 1] = order[j];
			order[j] = t;
		}
		double poured = 0;
		int yi = 0;
		for (size_t k = 0; k < n; k++) {
			struct swap_unit *su = &g->swaps[order[k]];
			while (yi < g->n_years - 1 && !(poured < T[yi] * hr_units[d]))
				yi++;
			/* With no deadline on the domain, what is over the
			 * target stays in place. */
			if (final < 1 && !(poured < T[yi] * hr_units[d])) {
				su->year = -1;
				continue;
			}
			su->year = (int8_t)yi;
			poured += su->units;
		}
	}
	free(order);
}

/*
 * plan_vendors: in year order, give each swap unit to the trusted vendor
 * that supplies its domain and is furthest below its weight in the swaps,
 * never taking a vendor above the radio vendor-share limit.
 */
bool plan_vendors(struct gen *g)
{
	const struct profile_def *P = g->prof;
	double have[N_VENDORS][N_DOMAINS] = {{0}}, total[N_DOMAINS] = {0};
	double got[N_VENDORS][N_DOMAINS] = {{0}};
	for (size_t i = 0; i < g->n_sites; i++) {
		const struct site *s = &g->sites[i];
		have[s->vendor][s->domain] += s->units;
		total[s->domain] += s->units;
	}
	for (int yi = 0; yi < g->n_years; yi++) {
		for (size_t u = 0; u < g->n_swaps; u++) {
			struct swap_unit *su = &g->swaps[u];
			if (su->year != yi)
				continue;
			int d = su->domain, best = -1;
			double best_score = 0;
			for (int v = FIRST_TRUSTED; v < FIRST_TRUSTED + N_TRUSTED; v++) {
				if (P->unit_cost[v][d] <= 0 ||
				    (v == V_SAMSUNG && !samsung_takes(g, su->region)))
					continue;
				if (d == DOM_RAN && P->ran_vendor_share > 0 &&
				    have[v][d] + su->units >
					    P->ran_vendor_share * total[d])
					continue;
				double score =
					(got[v][d] + su->units) / P->swap_weight[v][d];
				if (best < 0 || score < best_score) {
					best = v;
					best_score = score;
				}
			}
			if (best < 0)
				return false;
			su->to = (uint8_t)best;
			have[best][d] += su->units;
			got[best][d] += su->units;
		}
	}
	for (size_t i = 0; i < g->n_sites; i++) {
		struct site *s = &g->sites[i];
		if (is_high_risk(s)) {
			s->year = g->swaps[s->unit].year;
			s->to = g->swaps[s->unit].to;
		}
	}
	return true;
}

/*
 * set_sites_cap: --sites-cap's max_share, the largest share of radio sites
 * (units > 0) the reference plan leaves high-risk at a period end from the
 * cap's binding end on, over the radio sites in service there, plus 0.01,
 * in whole percent.
 */
static void set_sites_cap(struct gen *g)
{
	int year = g->opt.start + 1 < g->opt.end ? g->opt.start + 1 : g->opt.end;
	for (int k = 0; k < g->rules.n_caps; k++)
		if (g->rules.cap[k].domain == DOM_RAN)
			year = g->rules.cap[k].year;
	int from = rule_period(g, year);
	double worst = 0;
	for (int p = from > 0 ? from : 0; p < g->n_periods; p++) {
		double left = 0, total = 0;
		for (size_t i = 0; i < g->n_sites; i++) {
			const struct site *s = &g->sites[i];
			if (s->domain != DOM_RAN || s->units == 0 ||
			    (s->grown && s->in_service_p > p))
				continue;
			total++;
			left += is_high_risk(s) && (s->period < 0 || s->period > p);
		}
		if (total > 0 && left / total > worst)
			worst = left / total;
	}
	g->sites_cap_share = fmin(1, ceil((worst + 0.01) * 100 - 1e-9) / 100);
}

static double round_up(double x, double step)
{
	return ceil(x / step) * step;
}

/*
 * set_resources: budgets, capacities and crews from the reference plan's
 * needs. Each year's budget is the factor times that year's spend (a year
 * with no spend gets a tenth of the average, so no year reads as a freeze),
 * rounded up to 10,000 of the currency after a relative nudge that keeps a
 * factor of 1 feasible despite rounding in the planner's arithmetic. Each
 * trusted vendor's capacity and each region's crews are one figure for all
 * years: the peak year's need plus 25%.
 */
void set_resources(struct gen *g)
{
	const struct profile_def *P = g->prof;
	for (size_t i = 0; i < g->n_sites; i++) {
		const struct site *s = &g->sites[i];
		if (!is_high_risk(s) || s->year < 0)
			continue;
		double cost = (P->site_cost[s->domain] +
			       s->units * P->unit_cost[s->to][s->domain]) *
			      site_escalation(g, s);
		g->spend[s->year] += cost;
		g->vendor_units[s->to][s->year] += s->units;
		g->region_sites[s->region][s->year] += 1;
	}
	double total = 0;
	int n_spent = 0;
	for (int yi = 0; yi < g->n_years; yi++) {
		total += g->spend[yi];
		n_spent += g->spend[yi] > 0;
	}
	double floor_budget = n_spent ? 0.1 * total / n_spent : BUDGET_STEP;
	for (int yi = 0; yi < g->n_years; yi++) {
		double need = g->spend[yi] > 0 ? g->spend[yi] : floor_budget;
		g->budget[yi] = round_up(g->opt.budget_factor * need * (1 + 1e-9) + 1,
					 BUDGET_STEP);
	}
	for (int v = FIRST_TRUSTED; v < FIRST_TRUSTED + N_TRUSTED; v++) {
		double peak = 0;
		for (int yi = 0; yi < g->n_years; yi++)
			peak = fmax(peak, g->vendor_units[v][yi]);
		g->capacity[v] = round_up(fmax(peak * CAPACITY_MARGIN, 10), 10);
	}
	for (size_t r = 0; r < P->n_regions; r++) {
		double peak = 0;
		for (int yi = 0; yi < g->n_years; yi++)
			peak = fmax(peak, g->region_sites[r][yi]);
		g->crews[r] = ceil(fmax(peak * CAPACITY_MARGIN, 1));
	}
	if (g->opt.sites_cap)
		set_sites_cap(g);
}
