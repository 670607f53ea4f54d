/*
 * bruteforce: the optimum of a tiny scenario by enumerating every plan.
 *
 *	bruteforce SCENARIO.json [--budget-scale F] [-v]
 *
 * Each swap unit is either not swapped or swapped in one (year, vendor)
 * that its earliest year and its domains allow. Partial plans are pruned
 * by the rules whose totals only grow (capacity, crews, vendor share,
 * budget) and by deadlines and the cost objective's completion; every
 * complete plan is then checked in full by oracle_evaluate(), which knows
 * nothing of the pruning. Of the feasible plans, the optimum follows
 * model.md's two stages: the least first objective z1, then the least
 * second objective among the plans whose first is at most
 * z1 + 1e-9|z1| + 1e-6.
 *
 * Prints "feasible 0", or "feasible 1", "exposure E" and "present_cost C"
 * of that optimum (%.6f). With -v, the optimal plan goes to stderr.
 * Exit status 0, or 2 for bad input or a scenario too big to enumerate.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/load.h"
#include "oracle.h"
#include "util/diag.h"
#include "util/num.h"
#include "util/xalloc.h"

/* Enumerating more leaves than this takes minutes: refuse instead. */
#define MAX_LEAVES 50000000.0

struct option_choice {
	int year; /* 0 = not swapped */
	int vendor;
};

struct bf {
	struct oracle *o;
	const struct scenario *s;
	int *year, *vendor;             /* [n_sites], the plan being built */
	struct option_choice **options; /* [n_units][n_options[u]] */
	size_t *n_options;
	double *spend;       /* [n_years] nominal */
	int64_t *cap_used;   /* [n_vendors * n_years] units */
	int64_t *crews_used; /* [n_regions * n_years] sites */
	int64_t *to_vendor;  /* [n_vendors * n_domains] units */
	/* Pass 1 finds z1 (best_first); pass 2 the least second objective
	 * among the plans whose first is at most 'threshold'. */
	bool second_pass, have_best;
	double best_first, best_second, threshold;
	int *best_year, *best_vendor; /* [n_sites] the optimum of pass 2 */
};

/* The earliest deadline over a unit's sites, INT_MAX when none binds. */
static int unit_deadline(const struct bf *bf, size_t u)
{
	const struct oracle *o = bf->o;
	int d = INT_MAX;
	for (uint32_t k = o->unit_start[u]; k < o->unit_start[u + 1]; k++) {
		int dl = o->deadline[o->unit_sites[k]];
		if (dl <= bf->s->end && dl < d)
			d = dl;
	}
	return d;
}

static bool vendor_takes_unit(const struct bf *bf, size_t u, int v)
{
	const struct oracle *o = bf->o;
	const struct scenario *s = bf->s;
	for (uint32_t k = o->unit_start[u]; k < o->unit_start[u + 1]; k++) {
		const struct site *site = &s->sites[o->unit_sites[k]];
		if (isnan(scenario_unit_cost(&s->vendors[v],
					     s->domains.names[site->domain])))
			return false;
	}
	return true;
}

/*
 * The options of each unit, with the rules that need no other unit already
 * applied: earliest year, domains, deadlines, completion. Returns the
 * number of complete plans to enumerate (as a double: it may be huge).
 */
static double build_options(struct bf *bf)
{
	const struct oracle *o = bf->o;
	const struct scenario *s = bf->s;
	double leaves = 1;
	bf->options = xcalloc(o->n_units + 1, sizeof(*bf->options));
	bf->n_options = xcalloc(o->n_units + 1, sizeof(*bf->n_options));
	for (size_t u = 0; u < o->n_units; u++) {
		int earliest = s->start, deadline = unit_deadline(bf, u);
		for (uint32_t k = o->unit_start[u]; k < o->unit_start[u + 1]; k++)
			if (s->sites[o->unit_sites[k]].earliest_year > earliest)
				earliest = s->sites[o->unit_sites[k]].earliest_year;
		bf->options[u] = xmalloc((1 + (size_t)s->n_years * s->n_vendors) *
					 sizeof(**bf->options));
		size_t n = 0;
		if (s->objective != OBJECTIVE_COST && deadline == INT_MAX)
			bf->options[u][n++] = (struct option_choice){0, -1};
		for (int y = earliest; y <= s->end && y <= deadline; y++)
			for (size_t v = 0; v < s->n_vendors; v++)
				if (vendor_takes_unit(bf, u, (int)v))
					bf->options[u][n++] =
						(struct option_choice){y, (int)v};
		bf->n_options[u] = n;
		leaves *= (double)n;
	}
	return leaves;
}

/*
 * Apply (sign = +1) or undo (sign = -1) unit u's option; when applying,
 * returns whether the growing totals still fit. Undo always succeeds.
 */
static bool apply(struct bf *bf, size_t u, const struct option_choice *c, int sign)
{
	const struct oracle *o = bf->o;
	const struct scenario *s = bf->s;
	size_t ny = (size_t)s->n_years, nd = s->domains.count;
	bool ok = true;
	for (uint32_t k = o->unit_start[u]; k < o->unit_start[u + 1]; k++) {
		uint32_t i = o->unit_sites[k];
		bf->year[i] = sign > 0 ? c->year : 0;
		bf->vendor[i] = sign > 0 ? c->vendor : -1;
		if (c->year == 0)
			continue;
		const struct site *site = &s->sites[i];
		size_t y = (size_t)(c->year - s->start), v = (size_t)c->vendor;
		double eq, sc, pv;
		oracle_site_cost(o, i, c->vendor, c->year, &eq, &sc, &pv);
		bf->spend[y] += sign * (eq + sc);
		bf->cap_used[v * ny + y] += sign * site->units;
		bf->crews_used[site->region * ny + y] += sign;
		bf->to_vendor[v * nd + site->domain] += sign * site->units;
	}
	if (sign < 0 || c->year == 0)
		return true;
	size_t y = (size_t)(c->year - s->start), v = (size_t)c->vendor;
	if (!oracle_le((double)bf->cap_used[v * ny + y], s->vendors[v].capacity[y]))
		ok = false;
	for (uint32_t k = o->unit_start[u]; ok && k < o->unit_start[u + 1]; k++) {
		const struct site *site = &s->sites[o->unit_sites[k]];
		double crews = scenario_crews(s, s->regions.names[site->region], (int)y);
		if (!oracle_le((double)bf->crews_used[site->region * ny + y], crews))
			ok = false;
		double mu =
			scenario_vendor_share_limit(s, s->domains.names[site->domain]);
		if (!isnan(mu)) {
			int64_t had = o->vendor_had[v * nd + site->domain];
			double limit = fmax(mu * (double)o->domain_units[site->domain],
					    (double)had);
			if (!oracle_le(
				    (double)(had + bf->to_vendor[v * nd + site->domain]),
				    limit))
				ok = false;
		}
	}
	return ok && oracle_budget_ok(o, bf->spend);
}

static void leaf(struct bf *bf)
{
	struct oracle_eval ev;
	oracle_evaluate(bf->o, bf->year, bf->vendor, NULL, &ev);
	if (ev.violations)
		return;
	double first = oracle_first(bf->o, &ev), second = oracle_second(bf->o, &ev);
	if (!bf->second_pass) {
		if (!bf->have_best || first < bf->best_first)
			bf->best_first = first;
		bf->have_best = true;
		return;
	}
	if (first > bf->threshold)
		return;
	/* Ties on the second objective keep the smaller first, then the
	 * first plan found, so the output does not depend on rounding. */
	if (isnan(bf->best_second) || second < bf->best_second ||
	    (second == bf->best_second && first < bf->best_first)) {
		bf->best_second = second;
		bf->best_first = first;
		memcpy(bf->best_year, bf->year, bf->s->n_sites * sizeof(int));
		memcpy(bf->best_vendor, bf->vendor, bf->s->n_sites * sizeof(int));
	}
}

static void search(struct bf *bf, size_t u)
{
	if (u == bf->o->n_units) {
		leaf(bf);
		return;
	}
	for (size_t k = 0; k < bf->n_options[u]; k++) {
		if (apply(bf, u, &bf->options[u][k], +1))
			search(bf, u + 1);
		apply(bf, u, &bf->options[u][k], -1);
	}
}

static void print_plan(const struct bf *bf, FILE *out)
{
	const struct scenario *s = bf->s;
	for (size_t i = 0; i < s->n_sites; i++) {
		if (!bf->o->hr[i])
			continue;
		if (bf->best_year[i])
			fprintf(out, "%s %d %s\n", s->sites[i].id, bf->best_year[i],
				s->vendors[bf->best_vendor[i]].name);
		else
			fprintf(out, "%s not swapped\n", s->sites[i].id);
	}
}

static const char usage[] =
	"usage: bruteforce <scenario.json> [--budget-scale <f>] [-v]\n";

int main(int argc, char **argv)
{
	const char *path = NULL;
	double scale = 1;
	bool verbose = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--budget-scale") == 0 && i + 1 < argc) {
			if (!num_parse_double(argv[++i], &scale) || scale < 0) {
				fprintf(stderr,
					"bruteforce: error: bad budget scale '%s'\n",
					argv[i]);
				return 2;
			}
		} else if (strcmp(argv[i], "-v") == 0) {
			verbose = true;
		} else if (!path && argv[i][0] != '-') {
			path = argv[i];
		} else {
			fputs(usage, stderr);
			return 2;
		}
	}
	if (!path) {
		fputs(usage, stderr);
		return 2;
	}

	struct diag d;
	diag_init(&d);
	struct scenario *s = load_scenario(path, &d);
	if (!s) {
		diag_print(&d, stderr);
		diag_finish(&d);
		return 2;
	}
	diag_finish(&d);

	int status = 0;
	struct bf bf = {0};
	bf.s = s;
	bf.o = oracle_create(s, scale);
	size_t ns = s->n_sites + 1, ny = (size_t)s->n_years;
	bf.year = xcalloc(ns, sizeof(int));
	bf.vendor = xmalloc(ns * sizeof(int));
	bf.best_year = xcalloc(ns, sizeof(int));
	bf.best_vendor = xmalloc(ns * sizeof(int));
	for (size_t i = 0; i < ns; i++)
		bf.vendor[i] = -1;
	bf.spend = xcalloc(ny, sizeof(double));
	bf.cap_used = xcalloc(s->n_vendors * ny + 1, sizeof(int64_t));
	bf.crews_used = xcalloc(s->regions.count * ny + 1, sizeof(int64_t));
	bf.to_vendor = xcalloc(s->n_vendors * s->domains.count + 1, sizeof(int64_t));

	double leaves = build_options(&bf);
	if (leaves > MAX_LEAVES) {
		fprintf(stderr,
			"bruteforce: error: %.0f plans to enumerate, at most %.0f\n",
			leaves, MAX_LEAVES);
		status = 2;
		goto out;
	}
	search(&bf, 0);
	if (!bf.have_best) {
		printf("feasible 0\n");
		goto out;
	}
	double z1 = bf.best_first;
	bf.threshold = z1 + 1e-9 * fabs(z1) + 1e-6;
	bf.second_pass = true;
	bf.best_second = NAN;
	search(&bf, 0);

	struct oracle_eval ev;
	oracle_evaluate(bf.o, bf.best_year, bf.best_vendor, stderr, &ev);
	printf("feasible 1\nexposure %.6f\npresent_cost %.6f\n", ev.exposure,
	       ev.present_cost);
	if (verbose)
		print_plan(&bf, stderr);
out:
	for (size_t u = 0; u < bf.o->n_units; u++)
		free(bf.options[u]);
	free(bf.options);
	free(bf.n_options);
	free(bf.year);
	free(bf.vendor);
	free(bf.best_year);
	free(bf.best_vendor);
	free(bf.spend);
	free(bf.cap_used);
	free(bf.crews_used);
	free(bf.to_vendor);
	oracle_destroy(bf.o);
	scenario_destroy(s);
	return status;
}
