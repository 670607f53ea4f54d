/*
 * oracle: the rules and objectives of shared/spec/model.md evaluated from
 * scratch on one plan, for the test oracles (plancheck, bruteforce).
 *
 * It is deliberately independent of the planner's own reading of the
 * model: it uses only the validated struct scenario (planner/input/scenario.h,
 * from load_scenario()), never planner/instance, model, plan or solve, so
 * that a misreading of the spec there is not copied here.
 *
 * A plan is given as a decision per site of the scenario: year[i] (a
 * calendar year, 0 = not swapped) and vendor[i] (index into
 * scenario->vendors, -1 = not swapped). Decisions of sites that are not
 * high-risk are ignored.
 *
 * Calling sequence:
 *	struct oracle *o = oracle_create(scenario, budget_scale);
 *	struct oracle_eval ev;
 *	oracle_evaluate(o, year, vendor, stdout, &ev);   (or NULL: count only)
 *	oracle_destroy(o);
 *
 * Ownership: an oracle borrows its scenario, which must outlive it; it owns
 * its arrays.
 */
#ifndef PHASEOUT_ORACLE_H
#define PHASEOUT_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "input/scenario.h"

struct oracle {
	const struct scenario *s;
	double budget_scale;
	double *budget; /* [n_years] scaled, INFINITY = unlimited */

	bool *hr; /* [n_sites] a high-risk site (units > 0) */
	size_t n_hr;
	int64_t hr_units_total;
	/* deadline[i]: the earliest deadline year covering HR site i, INT_MAX
	 * when none; it binds only when <= scenario->end. */
	int *deadline;
	int64_t *domain_units; /* [n_domains] all units of all sites */
	/* vendor_had[v * n_domains + d]: units trusted vendor v holds in
	 * domain d before the plan. */
	int64_t *vendor_had;

	/* Swap units: the HR sites of unit u are
	 * unit_sites[unit_start[u] .. unit_start[u + 1]), in file order. */
	size_t n_units;
	uint32_t *unit_start;
	uint32_t *unit_sites;
	int32_t *site_unit; /* [n_sites], -1 when not high-risk */

	/* Printed before every violation line, e.g. "plancheck: ". */
	const char *report_prefix;

	/* Scratch space of oracle_evaluate(). */
	double *spend;
	int64_t *scratch;
	size_t n_scratch;
};

struct oracle_eval {
	double exposure;     /* E, weighted unit-years */
	double present_cost; /* net present cost */
	double nominal_cost;
	int64_t hr_units_left; /* at the end of the horizon */
	int completion_year;   /* year the last HR site goes, 0 = never */
	size_t violations;     /* broken rules (0 = the plan is feasible) */
};

/* oracle_create: derive the oracle's data; 'budget_scale' multiplies every
 * budget (unlimited years stay unlimited). */
struct oracle *oracle_create(const struct scenario *s, double budget_scale);
/* oracle_destroy: free the oracle; NULL is a no-op. */
void oracle_destroy(struct oracle *o);

/* oracle_le: a <= b, allowing for rounding (1e-9 relative, at least 1e-9). */
bool oracle_le(double a, double b);

/* oracle_near: |a - b| <= 1e-6 relative (to the larger magnitude, at least 1). */
bool oracle_near(double a, double b);

/*
 * oracle_site_cost: the nominal cost of swapping site 'site' to trusted
 * vendor 'vendor' in 'year', split into equipment and site cost, and its
 * present value. False (outputs untouched) when the vendor does not list
 * the site's domain.
 */
bool oracle_site_cost(const struct oracle *o, size_t site, int vendor, int year,
		      double *equipment, double *site_cost, double *present_value);

/* oracle_budget_ok: whether nominal spends 'spend' [n_years] fit the
 * scaled budgets, with carry-over when the scenario sets it. */
bool oracle_budget_ok(const struct oracle *o, const double *spend);

/*
 * oracle_evaluate: check every rule of model.md on the plan (year, vendor)
 * and compute both objectives. Each broken rule adds to out->violations
 * and, when 'report' is not NULL, prints one line "PREFIX RULE: what" to
 * it, RULE being one of: horizon, vendor, earliest_year, cluster,
 * deadline, budget, share_cap, vendor_share, capacity, crews, dependency,
 * completion.
 */
void oracle_evaluate(struct oracle *o, const int *year, const int *vendor, FILE *report,
		     struct oracle_eval *out);

/* oracle_first / oracle_second: the scenario's objectives in order. */
double oracle_first(const struct oracle *o, const struct oracle_eval *ev);
double oracle_second(const struct oracle *o, const struct oracle_eval *ev);

#endif
