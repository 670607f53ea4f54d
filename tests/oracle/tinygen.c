/*
 * tinygen: a random tiny scenario, deterministic by seed.
 *
 *	tinygen SEED DIR
 *
 * Writes DIR/scenario.json and DIR/sites.csv: 3-7 high-risk sites (at most
 * 7 swap units, 6 with three years, so that bruteforce can enumerate every
 * plan) among some trusted and other-vendor sites, 2-3 years, two trusted
 * vendors each listing part of the domains, and a random draw of every
 * rule of model.md: budgets (sometimes unlimited years, sometimes carry
 * over), escalation and discount, deadlines (also "*" and past years),
 * share caps (one domain, a list, "*", with or without a region),
 * max_vendor_share (number or per domain), capacities, crews (plain,
 * per-year, regional), earliest years, a cluster, dependencies (also a
 * cycle and one on a trusted site), criticality, both objectives. Some
 * seeds are infeasible by design of chance.
 *
 * Money is in thousands and rates in whole percent, so spends differ from
 * a budget by 0 or by at least a tenth: the optimum never hangs on a
 * solver's feasibility tolerance.
 *
 *	tinygen --v2 SEED DIR
 *
 * writes a version 2 scenario (scenario-format-2.md) instead: periods of
 * a half, a quarter or a month (sometimes a year), as many years as keep
 * bruteforce quick (4 to 12 periods, 3 to 6 swap units), and on top of
 * the rules above: deadlines and caps given by date (inside a period too,
 * or a bare year), regional deadlines, caps measured by sites, sites' own
 * deadline, allowed_vendors and earliest dates, trusted and other sites
 * entering service (before, inside and after the horizon), vendor_regions
 * and period keys on budget, capacities and crews. Without --v2 not one
 * draw differs from what tinygen always wrote for a seed.
 */
#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_SITES 24
#define N_V2_COLUMNS 4

static const char *const domain_names[] = {"core", "ran", "transport"};
static const char *const region_names[] = {"north", "south"};
static const char *const vendor_names[] = {"Ericsson", "Nokia"};
static const char *const other_vendors[] = {"Ericsson", "Nokia", "Cisco"};

struct rng {
	uint64_t state;
};

/* splitmix64: tiny, good enough, and the same on every platform. */
static uint64_t next(struct rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A whole number in [lo, hi]. */
static int rnd(struct rng *r, int lo, int hi)
{
	return lo + (int)(next(r) % (uint64_t)(hi - lo + 1));
}

static bool chance(struct rng *r, int percent)
{
	return rnd(r, 1, 100) <= percent;
}

static double pick(struct rng *r, const double *values, int n)
{
	return values[rnd(r, 0, n - 1)];
}

/* A date cell or key; year 0 = none. A bare year (the date Y-12-31)
 * where the format takes one for a deadline. */
struct gdate {
	int year, month, day;
	bool bare;
};

struct gsite {
	char id[16];
	int region, domain;
	const char *vendor;
	int units;
	double criticality; /* 0 = empty cell */
	int earliest;       /* 0 = empty cell */
	const char *cluster;
	char depends[48];
	/* Version 2 columns. */
	struct gdate deadline, earliest_date, in_service;
	char allowed[40];
	bool allowed_vendor[2]; /* what 'allowed' lets in (empty: both) */
};

struct gen {
	struct rng rng;
	bool v2;
	int per_year; /* periods a year (version 2) */
	int start, end, n_years, n_domains, n_regions;
	/* vendor_regions: vendor v takes only region_only[v] (-1: any). */
	int region_only[2];
	bool lists[2][3]; /* vendor v lists domain d */
	int unit_cost[2][3];
	int site_cost[3]; /* -1 = absent */
	struct gsite sites[MAX_SITES];
	int n_sites, n_hr;
};

static int month_days(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

/*
 * A date from the year before the horizon to the year after it (mostly
 * inside), on a period's last day, its first day, or anywhere inside
 * one, so that rules bind at the end of their period or the one before.
 */
static struct gdate random_date(struct gen *g, int year_lo, int year_hi)
{
	struct rng *r = &g->rng;
	struct gdate d = {rnd(r, year_lo, year_hi), rnd(r, 1, 12), 1, false};
	int kind = rnd(r, 0, 9);
	if (kind < 4) {
		int months = 12 / g->per_year;
		d.month = (d.month - 1) / months * months + months;
		d.day = month_days(d.year, d.month);
	} else if (kind < 6) {
		int months = 12 / g->per_year;
		d.month = (d.month - 1) / months * months + 1;
	} else {
		d.day = rnd(r, 1, month_days(d.year, d.month));
	}
	return d;
}

/* Swap units bruteforce can enumerate: (2 * periods + 1) options each. */
static int max_v2_units(const struct gen *g)
{
	int n_periods = g->n_years * g->per_year;
	return n_periods <= 4 ? 6 : n_periods <= 6 ? 5 : 4;
}

/* An earliest year, or (version 2's column) an earliest date after the
 * horizon's first day; never both in one row. */
static void draw_v2_earliest(struct gen *g, struct gsite *s)
{
	struct rng *r = &g->rng;
	if (!chance(r, 25))
		return;
	if (g->n_years > 1 && chance(r, 30))
		s->earliest = g->start + rnd(r, 1, g->n_years - 1);
	else
		s->earliest_date = random_date(g, g->start, g->end);
	if (s->earliest_date.year == g->start && s->earliest_date.month == 1 &&
	    s->earliest_date.day == 1)
		s->earliest_date.day = 2;
}

static bool vendor_lists_both(const struct gen *g, int d1, int d2)
{
	for (int v = 0; v < 2; v++)
		if (g->lists[v][d1] && g->lists[v][d2])
			return true;
	return false;
}

static void make_sites(struct gen *g)
{
	struct rng *r = &g->rng;
	g->n_hr = g->v2 ? rnd(r, 3, max_v2_units(g)) : rnd(r, 3, g->n_years == 3 ? 6 : 7);
	for (int i = 0; i < g->n_hr; i++) {
		struct gsite *s = &g->sites[g->n_sites++];
		snprintf(s->id, sizeof(s->id), "H%d", i + 1);
		s->region = rnd(r, 0, g->n_regions - 1);
		s->domain = rnd(r, 0, g->n_domains - 1);
		s->vendor = chance(r, 60) ? "Huawei" : "ZTE";
		s->units = rnd(r, 1, 6);
		if (chance(r, 40)) {
			static const double crit[] = {0.5, 1, 1.5, 2, 3};
			s->criticality = pick(r, crit, 5);
		}
		if (g->v2)
			draw_v2_earliest(g, s);
		else if (chance(r, 20))
			s->earliest = g->start + rnd(r, 1, g->n_years - 1);
	}
	/* A cluster of two, which some single vendor must be able to take. */
	if (chance(r, 50)) {
		int a = rnd(r, 0, g->n_hr - 1), b = rnd(r, 0, g->n_hr - 2);
		if (b >= a)
			b++;
		if (!vendor_lists_both(g, g->sites[a].domain, g->sites[b].domain))
			g->sites[b].domain = g->sites[a].domain;
		g->sites[a].cluster = g->sites[b].cluster = "c1";
	}
	int n_other = rnd(r, 1, 4);
	for (int i = 0; i < n_other; i++) {
		struct gsite *s = &g->sites[g->n_sites++];
		snprintf(s->id, sizeof(s->id), "T%d", i + 1);
		s->region = rnd(r, 0, g->n_regions - 1);
		s->domain = rnd(r, 0, g->n_domains - 1);
		s->vendor = other_vendors[rnd(r, 0, 2)];
		s->units = rnd(r, 0, 10);
	}
	/* A high-risk vendor's row with no units counts for nothing. */
	if (chance(r, 20)) {
		struct gsite *s = &g->sites[g->n_sites++];
		snprintf(s->id, sizeof(s->id), "Z1");
		s->region = rnd(r, 0, g->n_regions - 1);
		s->domain = rnd(r, 0, g->n_domains - 1);
		s->vendor = "ZTE";
	}
	/* Every domain and region named in the JSON has a site, so that no
	 * rule names something sites.csv lacks. */
	for (int d = 0; d < g->n_domains; d++)
		for (int k = 0; k < g->n_regions; k++) {
			bool used_d = false, used_r = false;
			for (int i = 0; i < g->n_sites; i++) {
				used_d |= g->sites[i].domain == d;
				used_r |= g->sites[i].region == k;
			}
			if (used_d && used_r)
				continue;
			struct gsite *s = &g->sites[g->n_sites++];
			snprintf(s->id, sizeof(s->id), "U%d", g->n_sites % 100);
			s->region = k;
			s->domain = d;
			s->vendor = "Cisco";
			s->units = rnd(r, 0, 5);
		}
	if (chance(r, 60)) {
		int a = rnd(r, 0, g->n_hr - 1), b = rnd(r, 0, g->n_hr - 2);
		if (b >= a)
			b++;
		char id_a[16], id_b[16];
		memcpy(id_a, g->sites[a].id, sizeof(id_a));
		memcpy(id_b, g->sites[b].id, sizeof(id_b));
		snprintf(g->sites[a].depends, sizeof(g->sites[a].depends), "%s", id_b);
		if (chance(r, 20))
			snprintf(g->sites[b].depends, sizeof(g->sites[b].depends), "%s",
				 id_a);
		else if (chance(r, 30))
			snprintf(g->sites[a].depends, sizeof(g->sites[a].depends),
				 " %s ; T1", id_b);
	}
}

static bool vendor_may_take(const struct gen *g, int v, const struct gsite *s)
{
	bool any_allowed = s->allowed_vendor[0] || s->allowed_vendor[1];
	return g->lists[v][s->domain] && (!any_allowed || s->allowed_vendor[v]) &&
	       (g->region_only[v] < 0 || g->region_only[v] == s->region);
}

/* Some vendor may take every site of the swap unit of high-risk site i
 * (scenario-format-2.md: a site or cluster left with no vendor is an
 * error). */
static bool unit_has_vendor(const struct gen *g, int i)
{
	for (int v = 0; v < 2; v++) {
		bool ok = true;
		for (int j = 0; j < g->n_hr; j++)
			if (j == i || (g->sites[i].cluster && g->sites[j].cluster))
				ok &= vendor_may_take(g, v, &g->sites[j]);
		if (ok)
			return true;
	}
	return false;
}

static void clear_allowed(struct gen *g, int i)
{
	for (int j = 0; j < g->n_hr; j++)
		if (j == i || (g->sites[i].cluster && g->sites[j].cluster)) {
			g->sites[j].allowed[0] = '\0';
			g->sites[j].allowed_vendor[0] = g->sites[j].allowed_vendor[1] =
				false;
		}
}

/*
 * make_v2: version 2's site columns and vendor_regions, drawn after the
 * sites so that every swap unit keeps a vendor: a unit left with none
 * loses its allowed_vendors, then (if still none) vendor_regions goes.
 */
static void make_v2(struct gen *g)
{
	struct rng *r = &g->rng;
	g->region_only[0] = g->region_only[1] = -1;
	if (chance(r, 30))
		g->region_only[rnd(r, 0, 1)] = rnd(r, 0, g->n_regions - 1);
	for (int i = 0; i < g->n_hr; i++) {
		struct gsite *s = &g->sites[i];
		if (chance(r, 25)) {
			s->deadline = random_date(g, g->start, g->end + 1);
			s->deadline.bare = chance(r, 15);
		}
		if (chance(r, 30)) {
			static const char *const forms[] = {"Ericsson", "Nokia",
							    " Nokia ; Ericsson",
							    "Ericsson;;", "Nokia;Nokia"};
			int k = rnd(r, 0, 4);
			snprintf(s->allowed, sizeof(s->allowed), "%s", forms[k]);
			s->allowed_vendor[0] = k != 1 && k != 4;
			s->allowed_vendor[1] = k == 1 || k == 2 || k == 4;
		}
	}
	for (int i = g->n_hr; i < g->n_sites; i++) {
		struct gsite *s = &g->sites[i];
		if (strcmp(s->vendor, "ZTE") == 0 || !chance(r, 35))
			continue;
		int kind = rnd(r, 0, 19);
		if (kind < 4)
			s->in_service =
				(struct gdate){g->start - rnd(r, 0, 1), 1, 1, false};
		else if (kind < 17)
			s->in_service = random_date(g, g->start, g->end);
		else
			s->in_service = random_date(g, g->end + 1, g->end + 1);
	}
	for (int i = 0; i < g->n_hr; i++)
		if (!unit_has_vendor(g, i))
			clear_allowed(g, i);
	for (int i = 0; i < g->n_hr; i++)
		if (!unit_has_vendor(g, i))
			g->region_only[0] = g->region_only[1] = -1;
}

static void write_date(FILE *f, struct gdate d)
{
	if (d.bare)
		fprintf(f, "%d", d.year);
	else
		fprintf(f, "%04d-%02d-%02d", d.year, d.month, d.day);
}

/* One or two period keys of the scenario's kind (rarely one outside the
 * horizon: checked, then ignored), each 'unit' times a whole number in
 * [lo, hi], after 'sep'; returns the separator. */
static const char *period_keys(struct gen *g, FILE *f, const char *sep, int lo, int hi,
			       double unit)
{
	struct rng *r = &g->rng;
	if (g->per_year == 1)
		return sep;
	int n = rnd(r, 1, 2), used = -1;
	for (int k = 0; k < n; k++) {
		int year = chance(r, 5) ? g->end + 1 : rnd(r, g->start, g->end);
		int sub = rnd(r, 1, g->per_year);
		int key = year * 16 + sub;
		double value = rnd(r, lo, hi) * unit;
		if (key == used)
			continue;
		used = key;
		if (g->per_year == 12)
			fprintf(f, "%s\"%d-%02d\": %.0f", sep, year, sub, value);
		else
			fprintf(f, "%s\"%d-%c%d\": %.0f", sep, year,
				g->per_year == 2 ? 'H' : 'Q', sub, value);
		sep = ", ";
	}
	return sep;
}

/* The money to swap every high-risk site with its cheapest vendor. */
static double total_cost(const struct gen *g)
{
	double total = 0;
	for (int i = 0; i < g->n_hr; i++) {
		const struct gsite *s = &g->sites[i];
		int best = -1;
		for (int v = 0; v < 2; v++)
			if (g->lists[v][s->domain] &&
			    (best < 0 || g->unit_cost[v][s->domain] < best))
				best = g->unit_cost[v][s->domain];
		total += s->units * best +
			 (g->site_cost[s->domain] > 0 ? g->site_cost[s->domain] : 0);
	}
	return total;
}

static double thousands(double x)
{
	return 1000.0 * (double)(long)(x / 1000.0 + 0.5);
}

/* A per-year number: a plain number, or an object with a default and/or
 * some years (a year with neither is unlimited). */
static void per_year(struct gen *g, FILE *f, int lo, int hi, double unit)
{
	struct rng *r = &g->rng;
	if (chance(r, 50)) {
		fprintf(f, "%.0f", rnd(r, lo, hi) * unit);
		return;
	}
	const char *sep = "";
	fputc('{', f);
	if (chance(r, 60)) {
		fprintf(f, "\"default\": %.0f", rnd(r, lo, hi) * unit);
		sep = ", ";
	}
	for (int y = g->start; y <= g->end; y++)
		if (chance(r, 50)) {
			fprintf(f, "%s\"%d\": %.0f", sep, y, rnd(r, lo, hi) * unit);
			sep = ", ";
		}
	if (g->v2 && chance(r, 60))
		period_keys(g, f, sep, lo > 1 ? lo / 2 : 1, hi > 1 ? hi / 2 : 1, unit);
	fputc('}', f);
}

static void write_domain_list(struct gen *g, FILE *f)
{
	struct rng *r = &g->rng;
	int kind = rnd(r, 0, 2);
	if (kind == 0) {
		fputs("\"*\"", f);
	} else if (kind == 1 || g->n_domains < 2) {
		fprintf(f, "\"%s\"", domain_names[rnd(r, 0, g->n_domains - 1)]);
	} else {
		int a = rnd(r, 0, g->n_domains - 1), b = rnd(r, 0, g->n_domains - 2);
		if (b >= a)
			b++;
		fprintf(f, "[\"%s\", \"%s\"]", domain_names[a], domain_names[b]);
	}
}

static void write_json(struct gen *g, FILE *f, unsigned long seed)
{
	struct rng *r = &g->rng;
	assert(g->n_domains >= 1 && g->n_domains <= 3); /* the size of lists[v] */
	if (g->v2) {
		static const char *const kinds[13] = {
			[1] = "year", [2] = "half", [4] = "quarter", [12] = "month"};
		fprintf(f, "{\n  \"format\": \"phaseout-scenario/2\",\n");
		fprintf(f, "  \"name\": \"tiny-v2-%lu\",\n", seed);
		fprintf(f, "  \"periods\": \"%s\",\n", kinds[g->per_year]);
	} else {
		fprintf(f, "{\n  \"format\": \"phaseout-scenario/1\",\n");
		fprintf(f, "  \"name\": \"tiny-%lu\",\n", seed);
	}
	fprintf(f, "  \"horizon\": {\"start\": %d, \"end\": %d},\n", g->start, g->end);
	fprintf(f, "  \"sites\": \"sites.csv\",\n");
	fprintf(f, "  \"high_risk_vendors\": [\"Huawei\", \"ZTE\"],\n");
	fprintf(f, "  \"vendors\": [\n");
	for (int v = 0; v < 2; v++) {
		fprintf(f, "    {\"name\": \"%s\", \"unit_cost\": {", vendor_names[v]);
		const char *sep = "";
		for (int d = 0; d < g->n_domains; d++)
			if (g->lists[v][d]) {
				fprintf(f, "%s\"%s\": %d", sep, domain_names[d],
					g->unit_cost[v][d]);
				sep = ", ";
			}
		fputc('}', f);
		if (chance(r, 30)) {
			fputs(", \"capacity\": ", f);
			per_year(g, f, 2, 12, 1);
		}
		fprintf(f, "}%s\n", v == 0 ? "," : "");
	}
	fprintf(f, "  ],\n");
	if (g->v2 && (g->region_only[0] >= 0 || g->region_only[1] >= 0)) {
		fputs("  \"vendor_regions\": {", f);
		const char *sep = "";
		for (int v = 0; v < 2; v++)
			if (g->region_only[v] >= 0) {
				fprintf(f, "%s\"%s\": [\"%s\"]", sep, vendor_names[v],
					region_names[g->region_only[v]]);
				sep = ", ";
			}
		fputs("},\n", f);
	}

	bool any_site_cost = false;
	for (int d = 0; d < g->n_domains; d++)
		any_site_cost |= g->site_cost[d] >= 0;
	if (any_site_cost) {
		fputs("  \"site_cost\": {", f);
		const char *sep = "";
		for (int d = 0; d < g->n_domains; d++)
			if (g->site_cost[d] >= 0) {
				fprintf(f, "%s\"%s\": %d", sep, domain_names[d],
					g->site_cost[d]);
				sep = ", ";
			}
		fputs("},\n", f);
	}

	double total = total_cost(g);
	int budget = rnd(r, 0, 3);
	if (budget == 1) {
		fprintf(f, "  \"budget\": %.0f,\n",
			thousands(total * rnd(r, 25, 100) / 100.0));
	} else if (budget >= 2) {
		const char *sep = "";
		fputs("  \"budget\": {", f);
		if (chance(r, 70)) {
			fprintf(f, "\"default\": %.0f",
				thousands(total * rnd(r, 25, 90) / 100.0));
			sep = ", ";
		}
		for (int y = g->start; y <= g->end; y++)
			if (chance(r, 50)) {
				fprintf(f, "%s\"%d\": %.0f", sep, y,
					thousands(total * rnd(r, 10, 100) / 100.0));
				sep = ", ";
			}
		if (g->v2 && chance(r, 60))
			period_keys(g, f, sep, (int)(total * 0.1 / 1000.0) + 1,
				    (int)(total * 0.6 / 1000.0) + 1, 1000);
		fputs("},\n", f);
	}
	if (budget && chance(r, 50))
		fputs("  \"carry_over\": true,\n", f);
	static const double discount[] = {0, 0, 0.03, 0.05, 0.1};
	static const double escalation[] = {0, 0, 0.02, 0.05, -0.03};
	double dr = pick(r, discount, 5), esc = pick(r, escalation, 5);
	if (dr > 0)
		fprintf(f, "  \"discount_rate\": %g,\n", dr);
	if (esc != 0)
		fprintf(f, "  \"cost_escalation\": %g,\n", esc);

	int n_deadlines = chance(r, 50) ? 0 : chance(r, 70) ? 1 : 2;
	if (n_deadlines) {
		fputs("  \"deadlines\": [", f);
		for (int k = 0; k < n_deadlines; k++) {
			int year = chance(r, 4)    ? g->start - 1
				   : chance(r, 20) ? g->start
						   : rnd(r, g->start + 1, g->end + 1);
			const char *domain =
				chance(r, 30) ? "*"
					      : domain_names[rnd(r, 0, g->n_domains - 1)];
			fprintf(f, "%s{\"domain\": \"%s\", ", k ? ", " : "", domain);
			if (g->v2 && chance(r, 65)) {
				struct gdate d = random_date(g, g->start - 1, g->end + 1);
				d.bare = chance(r, 15);
				fputs("\"date\": \"", f);
				write_date(f, d);
				fputc('"', f);
			} else {
				fprintf(f, "\"year\": %d", year);
			}
			if (g->v2 && chance(r, 30))
				fprintf(f, ", \"region\": \"%s\"",
					region_names[rnd(r, 0, g->n_regions - 1)]);
			fputc('}', f);
		}
		fputs("],\n", f);
	}
	int n_caps = chance(r, 50) ? 0 : chance(r, 70) ? 1 : 2;
	if (n_caps) {
		static const double shares[] = {0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 0.9};
		fputs("  \"share_caps\": [", f);
		for (int k = 0; k < n_caps; k++) {
			fprintf(f, "%s{\"domain\": ", k ? ", " : "");
			write_domain_list(g, f);
			/* Version 1 drew these as fprintf's arguments, which
			 * gcc evaluates last to first: share, then year. */
			double share = pick(r, shares, 7);
			int year = rnd(r, g->start - 1, g->end);
			if (g->v2 && chance(r, 60)) {
				struct gdate d = random_date(g, g->start - 1, g->end);
				d.bare = chance(r, 15);
				fputs(", \"date\": \"", f);
				write_date(f, d);
				fprintf(f, "\", \"max_share\": %g", share);
			} else {
				fprintf(f, ", \"year\": %d, \"max_share\": %g", year,
					share);
			}
			if (g->v2 && chance(r, 45))
				fprintf(f, ", \"measure\": \"%s\"",
					chance(r, 80) ? "sites" : "units");
			if (chance(r, 30))
				fprintf(f, ", \"region\": \"%s\"",
					region_names[rnd(r, 0, g->n_regions - 1)]);
			fputc('}', f);
		}
		fputs("],\n", f);
	}
	static const double vshare[] = {0.4, 0.5, 0.6, 0.8};
	int vs = rnd(r, 0, 5);
	if (vs == 0)
		fprintf(f, "  \"max_vendor_share\": %g,\n", pick(r, vshare, 4));
	else if (vs == 1)
		fprintf(f, "  \"max_vendor_share\": {\"%s\": %g},\n",
			domain_names[rnd(r, 0, g->n_domains - 1)], pick(r, vshare, 4));

	int crews = rnd(r, 0, 4);
	if (crews == 1) {
		fputs("  \"crews\": ", f);
		per_year(g, f, 1, 4, 1);
		fputs(",\n", f);
	} else if (crews == 2) {
		fprintf(f, "  \"crews\": {\"default\": %d, \"regions\": {\"%s\": ",
			rnd(r, 1, 3), region_names[rnd(r, 0, g->n_regions - 1)]);
		per_year(g, f, 1, 3, 1);
		fputs("}},\n", f);
	}
	fprintf(f, "  \"objective\": \"%s\"\n}\n", chance(r, 30) ? "cost" : "exposure");
}

static void write_csv(struct gen *g, FILE *f)
{
	enum {
		ID,
		REGION,
		DOMAIN,
		VENDOR,
		UNITS,
		CRIT,
		EARLIEST,
		CLUSTER,
		DEPENDS,
		N_V1,
		DEADLINE = N_V1,
		ALLOWED,
		EARLIEST_DATE,
		IN_SERVICE,
		N_ALL
	};
	static const char *const names[N_ALL] = {
		"site_id",         "region",        "domain",    "vendor",     "units",
		"criticality",     "earliest_year", "cluster",   "depends_on", "deadline",
		"allowed_vendors", "earliest",      "in_service"};
	const int N = g->v2 ? N_ALL : N_V1;
	int order[N_ALL];
	for (int k = 0; k < N; k++)
		order[k] = k;
	for (int k = N - 1; k > 0; k--) {
		int j = rnd(&g->rng, 0, k), t = order[k];
		order[k] = order[j];
		order[j] = t;
	}
	for (int k = 0; k < N; k++)
		fprintf(f, "%s%s", k ? "," : "", names[order[k]]);
	fputc('\n', f);
	for (int i = 0; i < g->n_sites; i++) {
		const struct gsite *s = &g->sites[i];
		for (int k = 0; k < N; k++) {
			if (k)
				fputc(',', f);
			switch (order[k]) {
			case ID:
				fputs(s->id, f);
				break;
			case REGION:
				fputs(region_names[s->region], f);
				break;
			case DOMAIN:
				fputs(domain_names[s->domain], f);
				break;
			case VENDOR:
				fputs(s->vendor, f);
				break;
			case UNITS:
				fprintf(f, "%d", s->units);
				break;
			case CRIT:
				if (s->criticality > 0)
					fprintf(f, "%g", s->criticality);
				break;
			case EARLIEST:
				if (s->earliest)
					fprintf(f, "%d", s->earliest);
				break;
			case CLUSTER:
				if (s->cluster)
					fputs(s->cluster, f);
				break;
			case DEPENDS:
				if (s->depends[0])
					fprintf(f, "\"%s\"", s->depends);
				break;
			case DEADLINE:
				if (s->deadline.year)
					write_date(f, s->deadline);
				break;
			case ALLOWED:
				if (s->allowed[0])
					fprintf(f, "\"%s\"", s->allowed);
				break;
			case EARLIEST_DATE:
				if (s->earliest_date.year)
					write_date(f, s->earliest_date);
				break;
			case IN_SERVICE:
				if (s->in_service.year)
					write_date(f, s->in_service);
				break;
			}
		}
		fputc('\n', f);
	}
}

static bool write_file(const char *dir, const char *name, struct gen *g,
		       unsigned long seed)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "tinygen: error: cannot write '%s': %s\n", path,
			strerror(errno));
		return false;
	}
	if (strcmp(name, "scenario.json") == 0)
		write_json(g, f, seed);
	else
		write_csv(g, f);
	if (fclose(f) != 0) {
		fprintf(stderr, "tinygen: error: cannot write '%s'\n", path);
		return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	char *end;
	bool v2 = argc == 4 && strcmp(argv[1], "--v2") == 0;
	if (argc != 3 && !v2) {
		fputs("usage: tinygen [--v2] <seed> <dir>\n", stderr);
		return 2;
	}
	const char *seed_text = argv[argc - 2], *dir = argv[argc - 1];
	errno = 0;
	unsigned long seed = strtoul(seed_text, &end, 10);
	if (errno || *end || end == seed_text) {
		fprintf(stderr, "tinygen: error: bad seed '%s'\n", seed_text);
		return 2;
	}
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "tinygen: error: cannot create '%s': %s\n", dir,
			strerror(errno));
		return 2;
	}

	struct gen g = {
		.rng = {seed * 0x2545f4914f6cdd1dULL + 1}, .v2 = v2, .per_year = 1};
	struct rng *r = &g.rng;
	if (v2) {
		/* Another stream than version 1's for the same seed. */
		g.rng.state ^= 0x5632u;
		static const int kinds[] = {1, 2, 2, 4, 4, 4, 12, 12};
		g.per_year = kinds[rnd(r, 0, 7)];
		g.start = 2024 + rnd(r, 0, 2);
		g.n_years = g.per_year == 12  ? 1
			    : g.per_year == 4 ? rnd(r, 1, 2)
					      : rnd(r, 2, 3);
	} else {
		g.start = 2024 + rnd(r, 0, 2);
		g.n_years = rnd(r, 2, 3);
	}
	g.end = g.start + g.n_years - 1;
	g.region_only[0] = g.region_only[1] = -1;
	g.n_domains = rnd(r, 1, 3);
	g.n_regions = rnd(r, 1, 2);
	for (int d = 0; d < g.n_domains; d++) {
		int who = rnd(r, 0, 2); /* 0: first vendor, 1: second, 2: both */
		g.lists[0][d] = who != 1;
		g.lists[1][d] = who != 0;
		g.unit_cost[0][d] = 1000 * rnd(r, 1, 20);
		g.unit_cost[1][d] = 1000 * rnd(r, 1, 20);
		g.site_cost[d] = chance(r, 40) ? 1000 * rnd(r, 0, 5) : -1;
	}
	for (int v = 0; v < 2; v++) {
		bool any = false;
		for (int d = 0; d < g.n_domains; d++)
			any |= g.lists[v][d];
		if (!any)
			g.lists[v][rnd(r, 0, g.n_domains - 1)] = true;
	}
	make_sites(&g);
	if (v2)
		make_v2(&g);
	if (!write_file(dir, "sites.csv", &g, seed) ||
	    !write_file(dir, "scenario.json", &g, seed))
		return 1;
	return 0;
}
