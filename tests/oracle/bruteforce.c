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
 * replan_from. The ledger's swaps use their periods' and years' money,
 * capacity and crews; where they alone exceed a limit the plan adds
 * nothing there (oracle_limit_ok()); a deficit before the year holding
 * replan_from carries with carry_over. A rule history broke (model-2.md
 * "Rules already broken") is soft: the first stage minimises V_b
 * (oracle_broken_violation()), every other rule stays hard.
 *
 * Funds (model-2.md rules 7-8): the funds' final dates are deadlines of
 * their eligible sites; with the swaps fixed the payments are a linear
 * programme (oracle_funds_pay(), GLPK's simplex) that says whether own
 * spend fits the budget and gives the least own present cost. With a fund
 * that has max_extensions, a stage before the first objective minimises
 * the extensions used (oracle_extensions_used()). "own_cost" minimises
 * the own present cost, then E. With a history too, the ledger's funded
 * items are payments (they count in each fund's money; done rows pay
 * only those), the planner's payments start at replan_from, and the
 * budget's "ledger alone" is the ledger rows' own spend
 * (oracle_funds_ledger_own()); a fund's final date the ledger already
 * misses is broken before the re-plan, priced by V_b.
 *
 * With --baseline DIR [--slack F] (model-2.md stage 4): between the two,
 * the fewest sites moved from DIR/plan.csv (oracle_read_baseline()) among
 * the plans whose first objective is at most z1 + F|z1| + 1e-9|z1| + 1e-6,
 * then the least second objective among those with that many moves; the
 * output adds "moves M".
 *
 * Prints "feasible 0", or "feasible 1", "exposure E" and "present_cost C"
 * of that optimum (%.6f), then "broken_violation V" when history broke a
 * rule, "extensions K" when a fund has max_extensions and
 * "own_present_cost C" when the scenario has funds. With -v, the optimal
 * plan goes to stderr.
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
	double *total;       /* [n_periods] scratch: spend with the ledger's */
	double *paid;        /* [n_periods] scratch: the funds' payments */
	bool funds;          /* the scenario has funds */
	/*
	 * The stages of model-2.md in order (STAGE_*): pass k finds the least
	 * value best[k] of stage k among the plans within limit[j] for every
	 * earlier stage j; a stage that does not apply is skipped. The last
	 * pass keeps its optimum's decisions.
	 */
	int pass;
	bool have_best;
	double best[5], limit[5];
	int *base_period, *base_vendor; /* NULL without a baseline */
	int *best_period, *best_vendor; /* [n_sites] the optimum of the last pass */
};

enum { STAGE_BROKEN, STAGE_EXTENSIONS, STAGE_FIRST, STAGE_MOVES, STAGE_SECOND, N_STAGES };

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
			int hard = o->history ? oracle_hard_deadline(o, i)
					      : o->deadline_p[i];
			int fund = oracle_fund_deadline(o, i);
			if (fund < hard)
				hard = fund;
			if (hard < deadline)
				deadline = hard;
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
		if (!scenario_completes(s) && deadline == ORACLE_NEVER)
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

/* The planner's used[] of period p, beside the ledger's, fits its period
 * key and its year's value (oracle_limit_ok(): where the ledger alone
 * exceeds a limit, the planner adds nothing). */
static bool fits(const struct oracle *o, const int64_t *used, const int64_t *ledger,
		 int p, double year_value, double key)
{
	if (!oracle_limit_ok((double)(used[p] + ledger[p]), (double)ledger[p], key))
		return false;
	int first = p / o->per_year * o->per_year;
	int64_t sum = 0, fixed = 0;
	for (int q = first; q < first + o->per_year; q++) {
		sum += used[q] + ledger[q];
		fixed += ledger[q];
	}
	return oracle_limit_ok((double)sum, (double)fixed, year_value);
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
	const int64_t *fixed = o->ledger_to_vendor + (v * nd + d) * np;
	const int64_t *base = o->vendor_base + (v * nd + d) * np;
	int64_t swapped = 0, swapped_fixed = 0;
	for (int q = 0; q < o->n_periods; q++) {
		swapped += got[q];
		swapped_fixed += fixed[q];
		if (q < p)
			continue;
		double limit = fmax(mu * (double)o->domain_units[d * np + (size_t)q],
				    (double)base[q]);
		if (!oracle_limit_ok((double)(base[q] + swapped + swapped_fixed),
				     (double)(base[q] + swapped_fixed), limit))
			return false;
	}
	return true;
}

/* Whether unit u is the ledger's (its swap is counted in the oracle's
 * ledger totals, not in the plan's). */
static bool ledger_unit(const struct bf *bf, size_t u)
{
	return bf->o->ledger_row[bf->o->unit_sites[bf->o->unit_start[u]]] >= 0;
}

/* The budget on the planner's spend beside the ledger's; with funds, the
 * payments are judged at the leaf (their split is an LP). */
static bool budget_fits(struct bf *bf)
{
	const struct oracle *o = bf->o;
	if (bf->funds)
		return true;
	for (int p = 0; p < o->n_periods; p++)
		bf->total[p] = bf->spend[p] + o->ledger_spend[p];
	return oracle_budget_ok(o, bf->total);
}

/*
 * Apply (sign = +1) or undo (sign = -1) unit u's option; when applying,
 * returns whether the growing totals still fit. Undo always succeeds.
 * A ledger unit's swap is set but not counted: the oracle holds it.
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
		if (c->period == ORACLE_UNSWAPPED || ledger_unit(bf, u))
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
	if (sign < 0 || c->period == ORACLE_UNSWAPPED || ledger_unit(bf, u))
		return true;
	int p = c->period, y = p / o->per_year;
	size_t v = (size_t)c->vendor;
	const struct trusted_vendor *tv = &s->vendors[v];
	if (!fits(o, bf->cap_used + v * np, o->ledger_cap + v * np, p, tv->capacity[y],
		  tv->capacity_period ? tv->capacity_period[p] : INFINITY))
		ok = false;
	for (uint32_t k = o->unit_start[u]; ok && k < o->unit_start[u + 1]; k++) {
		const struct site *site = &s->sites[o->unit_sites[k]];
		const char *region = s->regions.names[site->region];
		if (!fits(o, bf->crews_used + site->region * np,
			  o->ledger_crews + site->region * np, p,
			  scenario_crews(s, region, y),
			  scenario_crews_period(s, region, p)) ||
		    !share_fits(bf, v, site->domain, p))
			ok = false;
	}
	return ok && budget_fits(bf);
}

/* Whether stage k is one of this run's. */
static bool stage_applies(const struct bf *bf, int k)
{
	const struct scenario *s = bf->s;
	switch (k) {
	case STAGE_BROKEN:
		return oracle_any_broken(bf->o);
	case STAGE_EXTENSIONS:
		for (size_t f = 0; f < s->n_funds; f++)
			if (s->funds[f].deadline_kind == FUND_DEADLINE_MONTHS &&
			    s->funds[f].max_extensions >= 1)
				return true;
		return false;
	case STAGE_MOVES:
		return bf->base_period != NULL;
	default:
		return true;
	}
}

/*
 * The value of stage k for the plan being built, from its evaluation
 * (the first objective counted from replan_from with a baseline, as
 * model-2.md stage 4 fixes it; own_cost: the own present cost).
 */
static double stage_value(const struct bf *bf, int k, const struct oracle_eval *ev,
			  double own_present)
{
	const struct scenario *s = bf->s;
	bool from_replan = bf->base_period != NULL;
	switch (k) {
	case STAGE_BROKEN:
		return ev->broken_violation;
	case STAGE_EXTENSIONS:
		return oracle_extensions_used(bf->o, bf->period);
	case STAGE_FIRST:
		if (s->objective == OBJECTIVE_OWN_COST)
			return own_present -
			       (from_replan
					? ev->present_cost - ev->present_cost_from_replan
					: 0);
		if (s->objective == OBJECTIVE_COST)
			return from_replan ? ev->present_cost_from_replan
					   : ev->present_cost;
		return from_replan ? ev->exposure_from_replan : ev->exposure;
	case STAGE_MOVES:
		return (double)oracle_moves(bf->o, bf->base_period, bf->base_vendor,
					    bf->period, bf->vendor);
	default:
		return s->objective == OBJECTIVE_EXPOSURE ? ev->present_cost
							  : ev->exposure;
	}
}

/*
 * A complete plan: feasible by oracle_evaluate() (with funds, on the own
 * spend the payments' LP leaves), within every earlier stage's limit,
 * then a candidate for this pass's least value. The LP runs only for a
 * plan that could change the pass's answer.
 */
static void leaf(struct bf *bf)
{
	struct oracle *o = bf->o;
	struct oracle_eval ev;
	if (bf->funds) {
		oracle_funds_most(o, bf->period, bf->vendor, bf->paid);
		o->funded = bf->paid;
	}
	oracle_evaluate(o, bf->period, bf->vendor, NULL, &ev);
	o->funded = NULL;
	if (ev.violations)
		return;
	bool own = bf->s->objective == OBJECTIVE_OWN_COST;
	for (int k = 0; k < bf->pass; k++)
		if (stage_applies(bf, k) && !(own && k == STAGE_FIRST) &&
		    stage_value(bf, k, &ev, 0) > bf->limit[k])
			return;
	bool lp_stage = own && bf->pass == STAGE_FIRST;
	double value = lp_stage ? 0 : stage_value(bf, bf->pass, &ev, 0);
	if (!lp_stage && bf->have_best && value >= bf->best[bf->pass])
		return;
	double own_present = ev.present_cost;
	if (bf->funds) {
		double paid_present;
		for (int p = 0; p < o->n_periods; p++)
			bf->total[p] = o->spend[p];
		/* oracle_evaluate() left the plan's nominal cost per period in
		 * o->spend; the LP judges the budget on what the funds leave. */
		if (!oracle_funds_pay(o, bf->period, bf->vendor, bf->total, bf->paid,
				      &paid_present))
			return;
		o->funded = bf->paid;
		oracle_evaluate(o, bf->period, bf->vendor, NULL, &ev);
		o->funded = NULL;
		if (ev.violations)
			return;
		own_present = ev.present_cost - paid_present;
	}
	if (own && bf->pass > STAGE_FIRST &&
	    stage_value(bf, STAGE_FIRST, &ev, own_present) > bf->limit[STAGE_FIRST])
		return;
	value = stage_value(bf, bf->pass, &ev, own_present);
	/* Ties keep the first plan found, so the output does not depend on
	 * rounding. */
	if (bf->have_best && value >= bf->best[bf->pass])
		return;
	bf->have_best = true;
	bf->best[bf->pass] = value;
	memcpy(bf->best_period, bf->period, bf->s->n_sites * sizeof(int));
	memcpy(bf->best_vendor, bf->vendor, bf->s->n_sites * sizeof(int));
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
	bf.total = xcalloc(np + 1, sizeof(double));
	bf.paid = xcalloc(np + 1, sizeof(double));
	bf.funds = s->n_funds > 0;
	/* With funds and a history, the budget's "the ledger alone" is its
	 * rows' own spend (oracle_funds_ledger_own()). */
	double *ledger_own = NULL;
	if (bf.funds && bf.o->history) {
		ledger_own = xcalloc(np + 1, sizeof(double));
		oracle_funds_ledger_own(bf.o, ledger_own);
		bf.o->fixed_own = ledger_own;
	}
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
	bool found = false;
	for (bf.pass = 0; bf.pass < N_STAGES; bf.pass++) {
		if (!stage_applies(&bf, bf.pass))
			continue;
		bf.have_best = false;
		search(&bf, 0);
		if (!bf.have_best)
			break;
		found = true;
		double z = bf.best[bf.pass];
		bf.limit[bf.pass] =
			bf.pass == STAGE_MOVES ? z : z + 1e-9 * fabs(z) + 1e-6;
		if (bf.pass == STAGE_FIRST && bf.base_period)
			bf.limit[bf.pass] += slack * fabs(z);
	}
	if (!found) {
		printf("feasible 0\n");
		goto out;
	}

	struct oracle_eval ev;
	oracle_evaluate(bf.o, bf.best_period, bf.best_vendor, NULL, &ev);
	double own_present = ev.present_cost;
	if (bf.funds) {
		double paid_present;
		for (int p = 0; p < bf.o->n_periods; p++)
			bf.total[p] = bf.o->spend[p];
		oracle_funds_pay(bf.o, bf.best_period, bf.best_vendor, bf.total, bf.paid,
				 &paid_present);
		own_present -= paid_present;
		bf.o->funded = bf.paid;
	}
	oracle_evaluate(bf.o, bf.best_period, bf.best_vendor, stderr, &ev);
	bf.o->funded = NULL;
	printf("feasible 1\nexposure %.6f\npresent_cost %.6f\n", ev.exposure,
	       ev.present_cost);
	if (stage_applies(&bf, STAGE_BROKEN))
		printf("broken_violation %.6f\n", ev.broken_violation);
	if (stage_applies(&bf, STAGE_EXTENSIONS))
		printf("extensions %d\n", oracle_extensions_used(bf.o, bf.best_period));
	if (bf.funds)
		printf("own_present_cost %.6f\n", own_present);
	if (bf.base_period)
		printf("moves %lld\n",
		       (long long)oracle_moves(bf.o, bf.base_period, bf.base_vendor,
					       bf.best_period, bf.best_vendor));
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
	free(bf.total);
	free(bf.paid);
	free(ledger_own);
	free(bf.cap_used);
	free(bf.crews_used);
	free(bf.to_vendor);
	free(bf.base_period);
	free(bf.base_vendor);
	oracle_destroy(bf.o);
	scenario_destroy(s);
	return status;
}
