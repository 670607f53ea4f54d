/*
 * bruteforce: the optimum of a tiny scenario by enumerating every plan.
 *
 *	bruteforce SCENARIO.json [--budget-scale F] [-v]
 *
 * Each swap unit is either not swapped or swapped in one (period, vendor)
 * that its earliest period, its domains, allowed_vendors and
 * vendor_regions allow (model-2.md; with yearly periods a period is a
 * year). Partial plans are pruned by the rules whose totals only grow
 * (capacity and crews per period and per year, vendor share at every
 * later period end, budget) and by deadlines of every kind and the cost
 * objective's completion; every
 * complete plan is then checked in full by oracle_evaluate(), which knows
 * nothing of the pruning. Of the feasible plans, the optimum follows
 * model.md's two stages: the least first objective z1, then the least
 * second objective among the plans whose first is at most
 * z1 + 1e-9|z1| + 1e-6.
 *
 * A re-plan (replan_from, the `fixed` ledger; model-2.md rule 6): a unit
 * in the ledger has its row's swap as its one option, the others start at
 * replan_from. History is not planned around: a fixed swap above a limit
 * leaves no plan here (phaseout's planner adds nothing there instead).
 *
 * With --baseline DIR [--slack F] (model-2.md stage 4): between the two,
 * the fewest sites moved from DIR/plan.csv (oracle_read_baseline()) among
 * the plans whose first objective is at most z1 + F|z1| + 1e-9|z1| + 1e-6,
 * then the least second objective among those with that many moves; the
 * output adds "moves M".
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
	int period; /* ORACLE_UNSWAPPED = not swapped */
	int vendor;
};

struct bf {
	struct oracle *o;
	const struct scenario *s;
	int *period, *vendor;           /* [n_sites], the plan being built */
	struct option_choice **options; /* [n_units][n_options[u]] */
	size_t *n_options;
	double *spend;       /* [n_periods] nominal */
	int64_t *cap_used;   /* [n_vendors * n_periods] units */
	int64_t *crews_used; /* [n_regions * n_periods] sites */
	int64_t *to_vendor;  /* [(n_vendors * n_domains) * n_periods] units */
	/* Pass 1 finds z1 (best_first); pass 2 the least second objective
	 * among the plans whose first is at most 'threshold'. */
	bool second_pass, have_best;
	double best_first, best_second, threshold;
	/* With a baseline: its decisions, the least moves found so far
	 * among plans within 'threshold' (the moves pass), then the moves
	 * the second pass must match. */
	int *base_period, *base_vendor; /* NULL without a baseline */
	bool moves_pass;
	int64_t best_moves, moves;
	int *best_period, *best_vendor; /* [n_sites] the optimum of pass 2 */
};

/* The vendor may take every site of the unit: domain, allowed_vendors and
 * vendor_regions (model-2.md rule 3: a cluster needs a vendor allowed for
 * every site). */
static bool vendor_takes_unit(const struct bf *bf, size_t u, int v)
{
	const struct oracle *o = bf->o;
	const struct scenario *s = bf->s;
	for (uint32_t k = o->unit_start[u]; k < o->unit_start[u + 1]; k++) {
		uint32_t i = o->unit_sites[k];
		const struct site *site = &s->sites[i];
		if (isnan(scenario_unit_cost(&s->vendors[v],
					     s->domains.names[site->domain])) ||
		    !oracle_vendor_allowed(o, i, v))
			return false;
	}
	return true;
}

/*
 * The options of each unit, with the rules that need no other unit already
 * applied: earliest periods, vendors allowed, deadlines (rule, regional,
 * the sites' own), completion. Returns the number of complete plans to
 * enumerate (as a double: it may be huge).
 */
static double build_options(struct bf *bf)
{
	const struct oracle *o = bf->o;
	const struct scenario *s = bf->s;
	double leaves = 1;
	bf->options = xcalloc(o->n_units + 1, sizeof(*bf->options));
	bf->n_options = xcalloc(o->n_units + 1, sizeof(*bf->n_options));
	for (size_t u = 0; u < o->n_units; u++) {
		int earliest = 0, deadline = ORACLE_NEVER;
		for (uint32_t k = o->unit_start[u]; k < o->unit_start[u + 1]; k++) {
			uint32_t i = o->unit_sites[k];
			if (o->earliest_p[i] > earliest)
				earliest = o->earliest_p[i];
			if (o->deadline_p[i] < deadline)
				deadline = o->deadline_p[i];
		}
		bf->options[u] = xmalloc((1 + (size_t)o->n_periods * s->n_vendors) *
					 sizeof(**bf->options));
		size_t n = 0;
		/* A re-plan (model-2.md rule 6): a unit in the ledger has its
		 * row's one option; the others go from replan_from on. */
		const struct ledger_row *row = NULL;
		for (size_t r = 0; r < s->n_fixed; r++)
			if (s->fixed[r].site == o->unit_sites[o->unit_start[u]])
				row = &s->fixed[r];
		if (row) {
			bf->options[u][n++] =
				(struct option_choice){row->p, (int)row->vendor};
			bf->n_options[u] = n;
			continue;
		}
		if (s->replan_p > earliest)
			earliest = s->replan_p;
		if (s->objective != OBJECTIVE_COST && deadline == ORACLE_NEVER)
			bf->options[u][n++] =
				(struct option_choice){ORACLE_UNSWAPPED, -1};
		for (int p = earliest; p < o->n_periods && p <= deadline; p++)
			for (size_t v = 0; v < s->n_vendors; v++)
				if (vendor_takes_unit(bf, u, (int)v))
					bf->options[u][n++] =
						(struct option_choice){p, (int)v};
		bf->n_options[u] = n;
		leaves *= (double)n;
	}
	return leaves;
}

/* used[] of period p fits its period key and its year's value. */
static bool fits(const struct oracle *o, const int64_t *used, int p, double year_value,
		 double key)
{
	if (!oracle_le((double)used[p], key))
		return false;
	int first = p / o->per_year * o->per_year;
	int64_t sum = 0;
	for (int q = first; q < first + o->per_year; q++)
		sum += used[q];
	return oracle_le((double)sum, year_value);
}

/* Vendor v's units in domain d stay within the share limit at every
 * period end from p on (they only grow, so a break is final). */
static bool share_fits(const struct bf *bf, size_t v, uint32_t d, int p)
{
	const struct oracle *o = bf->o;
	const struct scenario *s = bf->s;
	double mu = scenario_vendor_share_limit(s, s->domains.names[d]);
	if (isnan(mu))
		return true;
	size_t np = (size_t)o->n_periods, nd = s->domains.count;
	const int64_t *got = bf->to_vendor + (v * nd + d) * np;
	const int64_t *base = o->vendor_base + (v * nd + d) * np;
	int64_t swapped = 0;
	for (int q = 0; q < o->n_periods; q++) {
		swapped += got[q];
		if (q < p)
			continue;
		double limit = fmax(mu * (double)o->domain_units[d * np + (size_t)q],
				    (double)base[q]);
		if (!oracle_le((double)(base[q] + swapped), limit))
			return false;
	}
	return true;
}

/*
 * Apply (sign = +1) or undo (sign = -1) unit u's option; when applying,
 * returns whether the growing totals still fit. Undo always succeeds.
 */
static bool apply(struct bf *bf, size_t u, const struct option_choice *c, int sign)
{
	const struct oracle *o = bf->o;
	const struct scenario *s = bf->s;
	size_t np = (size_t)o->n_periods, nd = s->domains.count;
	bool ok = true;
	for (uint32_t k = o->unit_start[u]; k < o->unit_start[u + 1]; k++) {
		uint32_t i = o->unit_sites[k];
		bf->period[i] = sign > 0 ? c->period : ORACLE_UNSWAPPED;
		bf->vendor[i] = sign > 0 ? c->vendor : -1;
		if (c->period == ORACLE_UNSWAPPED)
			continue;
		const struct site *site = &s->sites[i];
		size_t p = (size_t)c->period, v = (size_t)c->vendor;
		double eq, sc, pv;
		oracle_site_cost(o, i, c->vendor, c->period, &eq, &sc, &pv);
		bf->spend[p] += sign * (eq + sc);
		bf->cap_used[v * np + p] += sign * site->units;
		bf->crews_used[site->region * np + p] += sign;
		bf->to_vendor[(v * nd + site->domain) * np + p] += sign * site->units;
	}
	if (sign < 0 || c->period == ORACLE_UNSWAPPED)
		return true;
	int p = c->period, y = p / o->per_year;
	size_t v = (size_t)c->vendor;
	const struct trusted_vendor *tv = &s->vendors[v];
	if (!fits(o, bf->cap_used + v * np, p, tv->capacity[y],
		  tv->capacity_period ? tv->capacity_period[p] : INFINITY))
		ok = false;
	for (uint32_t k = o->unit_start[u]; ok && k < o->unit_start[u + 1]; k++) {
		const struct site *site = &s->sites[o->unit_sites[k]];
		const char *region = s->regions.names[site->region];
		if (!fits(o, bf->crews_used + site->region * np, p,
			  scenario_crews(s, region, y),
			  scenario_crews_period(s, region, p)) ||
		    !share_fits(bf, v, site->domain, p))
			ok = false;
	}
	return ok && oracle_budget_ok(o, bf->spend);
}

static void leaf(struct bf *bf)
{
	struct oracle_eval ev;
	oracle_evaluate(bf->o, bf->period, bf->vendor, NULL, &ev);
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
	if (bf->base_period) {
		int64_t m = oracle_moves(bf->o, bf->base_period, bf->base_vendor,
					 bf->period, bf->vendor);
		if (bf->moves_pass) {
			if (bf->best_moves < 0 || m < bf->best_moves)
				bf->best_moves = m;
			return;
		}
		if (m != bf->moves)
			return;
	}
	/* Ties on the second objective keep the smaller first, then the
	 * first plan found, so the output does not depend on rounding. */
	if (isnan(bf->best_second) || second < bf->best_second ||
	    (second == bf->best_second && first < bf->best_first)) {
		bf->best_second = second;
		bf->best_first = first;
		memcpy(bf->best_period, bf->period, bf->s->n_sites * sizeof(int));
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
		if (bf->best_period[i] != ORACLE_UNSWAPPED) {
			char label[16];
			oracle_label(bf->o, bf->best_period[i], label, sizeof(label));
			fprintf(out, "%s %s %s\n", s->sites[i].id, label,
				s->vendors[bf->best_vendor[i]].name);
		} else
			fprintf(out, "%s not swapped\n", s->sites[i].id);
	}
}

static const char usage[] = "usage: bruteforce <scenario.json> [--budget-scale <f>] "
			    "[--baseline <dir> [--slack <f>]] [-v]\n";

int main(int argc, char **argv)
{
	const char *path = NULL;
	double scale = 1, slack = 0;
	const char *baseline = NULL;
	bool verbose = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--budget-scale") == 0 && i + 1 < argc) {
			if (!num_parse_double(argv[++i], &scale) || scale < 0) {
				fprintf(stderr,
					"bruteforce: error: bad budget scale '%s'\n",
					argv[i]);
				return 2;
			}
		} else if (strcmp(argv[i], "--baseline") == 0 && i + 1 < argc) {
			baseline = argv[++i];
		} else if (strcmp(argv[i], "--slack") == 0 && i + 1 < argc) {
			if (!num_parse_double(argv[++i], &slack) || slack < 0) {
				fprintf(stderr, "bruteforce: error: bad slack '%s'\n",
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
	size_t ns = s->n_sites + 1, np = (size_t)bf.o->n_periods;
	bf.period = xmalloc(ns * sizeof(int));
	bf.vendor = xmalloc(ns * sizeof(int));
	bf.best_period = xmalloc(ns * sizeof(int));
	bf.best_vendor = xmalloc(ns * sizeof(int));
	for (size_t i = 0; i < ns; i++) {
		bf.period[i] = bf.best_period[i] = ORACLE_UNSWAPPED;
		bf.vendor[i] = bf.best_vendor[i] = -1;
	}
	bf.spend = xcalloc(np + 1, sizeof(double));
	bf.cap_used = xcalloc(s->n_vendors * np + 1, sizeof(int64_t));
	bf.crews_used = xcalloc(s->regions.count * np + 1, sizeof(int64_t));
	bf.to_vendor = xcalloc(s->n_vendors * s->domains.count * np + 1, sizeof(int64_t));
	if (baseline) {
		bf.base_period = xmalloc(ns * sizeof(int));
		bf.base_vendor = xmalloc(ns * sizeof(int));
		char *csv = xasprintf("%s/plan.csv", baseline);
		bool read =
			oracle_read_baseline(bf.o, csv, bf.base_period, bf.base_vendor);
		if (!read)
			fprintf(stderr, "bruteforce: error: cannot read '%s'\n", csv);
		free(csv);
		if (!read) {
			status = 2;
			goto out;
		}
	}

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
	if (bf.base_period) {
		bf.threshold += slack * fabs(z1);
		bf.moves_pass = true;
		bf.best_moves = -1;
		search(&bf, 0);
		bf.moves_pass = false;
		bf.moves = bf.best_moves;
	}
	bf.best_second = NAN;
	search(&bf, 0);

	struct oracle_eval ev;
	oracle_evaluate(bf.o, bf.best_period, bf.best_vendor, stderr, &ev);
	printf("feasible 1\nexposure %.6f\npresent_cost %.6f\n", ev.exposure,
	       ev.present_cost);
	if (bf.base_period)
		printf("moves %lld\n", (long long)bf.moves);
	if (verbose)
		print_plan(&bf, stderr);
out:
	for (size_t u = 0; bf.options && u < bf.o->n_units; u++)
		free(bf.options[u]);
	free(bf.options);
	free(bf.n_options);
	free(bf.period);
	free(bf.vendor);
	free(bf.best_period);
	free(bf.best_vendor);
	free(bf.spend);
	free(bf.cap_used);
	free(bf.crews_used);
	free(bf.to_vendor);
	free(bf.base_period);
	free(bf.base_vendor);
	oracle_destroy(bf.o);
	scenario_destroy(s);
	return status;
}
