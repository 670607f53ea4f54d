/*
 * oracle: the rules and objectives of shared/spec/model.md and model-2.md
 * evaluated from scratch on one plan, for the test oracles (plancheck,
 * bruteforce).
 *
 * It is deliberately independent of the planner's own reading of the
 * model: it uses only the validated struct scenario (planner/input/scenario.h,
 * from load_scenario()), never planner/instance, model, plan or solve, so
 * that a misreading of the spec there is not copied here. Even the
 * scenario's derived period indices (bind_p, earliest_p, deadline_p,
 * in_service_p, from scenario_finish_periods()) are recomputed here from
 * the dates with the oracle's own calendar arithmetic; oracle_check_derived()
 * says where the two disagree.
 *
 * Periods: the horizon is cut into n_periods = n_years * per_year periods
 * (1, 2, 4 or 12 a year), index 0 being the first. A plan is given as a
 * decision per site of the scenario: period[i] (a period index, or
 * ORACLE_UNSWAPPED) and vendor[i] (index into scenario->vendors, -1 when
 * unswapped). Decisions of sites that are not high-risk are ignored. With
 * yearly periods a period index is year - start, and every figure is
 * version 1's.
 *
 * Calling sequence:
 *	struct oracle *o = oracle_create(scenario, budget_scale);
 *	struct oracle_eval ev;
 *	oracle_evaluate(o, period, vendor, stdout, &ev);   (or NULL: count only)
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

/* period[i] of a site that is not swapped in the horizon. */
#define ORACLE_UNSWAPPED (-1)
/* A period index meaning "never" (no deadline, never in service). */
#define ORACLE_NEVER INT32_MAX

struct oracle {
	const struct scenario *s;
	double budget_scale;
	int per_year;       /* periods a year: 1, 2, 4 or 12 */
	int n_periods;      /* n_years * per_year */
	double *budget;     /* [n_years] scaled, INFINITY = unlimited */
	double *budget_key; /* [n_periods] scaled period keys, INFINITY = none */
	/* What funds paid in each period ([n_periods], set by plancheck from
	 * plan.csv's funded_cost; NULL: nothing): the budget judges own
	 * spend, the cost less it (model-2.md rule 7). */
	const double *funded;
	/* The own spend of the ledger's rows (done and committed) in each
	 * period ([n_periods], set by plancheck from plan.csv's own_cost;
	 * NULL: no ledger): where they alone exceed a year's money or a
	 * period key, the planner may add nothing there, and the deficit
	 * carries into the next year with carry_over (model-2.md rule 6). */
	const double *fixed_own;

	bool *hr; /* [n_sites] a high-risk site (units > 0) */
	size_t n_hr;
	int64_t hr_units_total;
	/*
	 * Per site, from the dates (not clamped to the horizon):
	 * deadline_p[i], the earliest binding end over every deadline
	 * covering HR site i (domain rules, regional rules, its own
	 * 'deadline'), ORACLE_NEVER when none; earliest_p[i], the first
	 * period it may be swapped in (0 when free); in_service_p[i], the
	 * first period at whose end it counts (0 from the start,
	 * ORACLE_NEVER when it enters service after the horizon).
	 */
	int32_t *deadline_p, *earliest_p, *in_service_p;
	int32_t *rule_bind; /* [n_deadlines] binding end of each deadline rule */
	int32_t *cap_bind;  /* [n_caps] binding end of each share cap */
	bool growth;        /* some site enters service after the first day */

	/* Per period end p, with growth: domain_units[d * n_periods + p],
	 * all units of domain d in service; vendor_base[(v * n_domains + d)
	 * * n_periods + p], the units trusted vendor v holds in d without
	 * any swap. */
	int64_t *domain_units;
	int64_t *vendor_base;

	/* Swap units: the HR sites of unit u are
	 * unit_sites[unit_start[u] .. unit_start[u + 1]), in file order. */
	size_t n_units;
	uint32_t *unit_start;
	uint32_t *unit_sites;
	int32_t *site_unit; /* [n_sites], -1 when not high-risk */

	/*
	 * History (model-2.md rule 6, oracle_history.c): 'history' when the
	 * scenario has replan_from or a ledger; ledger_row[i], the ledger row
	 * of site i or -1; the ledger's own nominal spend per period and its
	 * units per (vendor, period), sites per (region, period) and units
	 * per (vendor, domain, period); the rules history broke before the
	 * re-plan (soft, priced by V_b); own_deadline_p[i], the binding end
	 * of site i's own deadline (ORACLE_NEVER when none).
	 */
	bool history;
	int replan_p;
	int32_t *ledger_row;
	double *ledger_spend;
	int64_t *ledger_cap, *ledger_crews, *ledger_to_vendor;
	bool *deadline_broken, *own_broken, *cap_broken;
	int32_t *own_deadline_p;
	/* Funds with a history (oracle_funds.c): fund_broken[f], a final
	 * date the ledger alone misses (broken before the re-plan, priced by
	 * V_b); ledger_paid[f * n_periods + p], what the ledger's funded
	 * items say fund f paid (done) or is contracted to pay (committed)
	 * in period p. */
	bool *fund_broken;
	double *ledger_paid;

	/* Printed before every violation line, e.g. "plancheck: ". */
	const char *report_prefix;

	/* Scratch space of oracle_evaluate(). */
	double *spend; /* [n_periods] nominal */
	int64_t *scratch;
	size_t n_scratch;
};

struct oracle_eval {
	double exposure;     /* E, weighted unit-years */
	double present_cost; /* net present cost */
	double nominal_cost;
	int64_t hr_units_left; /* at the end of the horizon */
	int completion_period; /* period the last HR site goes, -1 = never */
	int completion_year;   /* that period's calendar year, 0 = never */
	size_t violations;     /* broken rules (0 = the plan is feasible) */
	/* V_b, the violation of the rules broken before the re-plan counted
	 * from replan_from (0 without); E and the present cost counted from
	 * replan_from (z_r of model-2.md stage 4; E and present_cost without
	 * a re-plan). */
	double broken_violation;
	double exposure_from_replan, present_cost_from_replan;
};

/* oracle_create: derive the oracle's data; 'budget_scale' multiplies every
 * budget and budget period key (unlimited years stay unlimited). */
struct oracle *oracle_create(const struct scenario *s, double budget_scale);
/* oracle_destroy: free the oracle; NULL is a no-op. */
void oracle_destroy(struct oracle *o);

/* oracle_le: a <= b, allowing for rounding (1e-9 relative, at least 1e-9). */
bool oracle_le(double a, double b);

/* oracle_near: |a - b| <= 1e-6 relative (to the larger magnitude, at least 1). */
bool oracle_near(double a, double b);

/*
 * oracle_label: period p's label ("2024", "2024-H2", "2024-Q3",
 * "2024-07") into buf (at least 16 bytes). oracle_period_year: its
 * calendar year.
 */
void oracle_label(const struct oracle *o, int p, char *buf, size_t size);
int oracle_period_year(const struct oracle *o, int p);

/*
 * oracle_parse_label: the period index of a label of the scenario's kind
 * ("2024-Q3" with quarters; a bare year with yearly periods only). False
 * for anything else, '*p' untouched.
 */
bool oracle_parse_label(const struct oracle *o, const char *text, int *p);

/*
 * oracle_site_cost: the nominal cost of swapping site 'site' to trusted
 * vendor 'vendor' in period 'p', split into equipment and site cost, and
 * its present value (model-2.md: escalated and discounted by t(p) =
 * p / per_year years). False (outputs untouched) when the vendor does not
 * list the site's domain.
 */
bool oracle_site_cost(const struct oracle *o, size_t site, int vendor, int p,
		      double *equipment, double *site_cost, double *present_value);

/*
 * oracle_vendor_allowed: whether trusted vendor 'vendor' may take site
 * 'site' by its allowed_vendors and the vendor's vendor_regions
 * (model-2.md rule 3; the domain is oracle_site_cost()'s business).
 */
bool oracle_vendor_allowed(const struct oracle *o, size_t site, int vendor);

/* oracle_budget_ok: whether nominal spends 'spend' [n_periods] fit the
 * scaled budgets (years with carry-over when the scenario sets it, and
 * period keys). */
bool oracle_budget_ok(const struct oracle *o, const double *spend);

/*
 * oracle_evaluate: check every rule of model.md and model-2.md on the plan
 * (period, vendor) and compute both objectives. Each broken rule adds to
 * out->violations and, when 'report' is not NULL, prints one line
 * "PREFIX RULE: what" to it, RULE being one of: horizon, vendor,
 * allowed_vendors, vendor_regions, earliest_year, earliest, cluster,
 * deadline, site_deadline, budget, share_cap, vendor_share, capacity,
 * crews, dependency, completion.
 */
void oracle_evaluate(struct oracle *o, const int *period, const int *vendor, FILE *report,
		     struct oracle_eval *out);

/*
 * oracle_check_derived: compare the loader's derived period indices
 * (rules' bind_p, sites' earliest_p, deadline_p, in_service_p) with the
 * oracle's own, clamped the way scenario.h documents. Prints one line
 * "PREFIX derived: what" per difference to 'report' (when not NULL) and
 * returns their number.
 */
size_t oracle_check_derived(const struct oracle *o, FILE *report);

/* A baseline swap this scenario cannot repeat (outside the horizon, a
 * vendor it does not name): moved whatever the plan does. */
#define ORACLE_ELSEWHERE (-2)

/*
 * oracle_read_baseline: the baseline decisions of every scenario site from
 * the plan.csv at 'path' (cli-and-outputs-2.md "Moves": matched by
 * site_id, the formula guard undone; 'period' in a version 2 file, 'year'
 * in a version 1 one): period[i] and vendor[i] as oracle_evaluate() takes
 * them, ORACLE_UNSWAPPED for sites it leaves unswapped or does not name,
 * ORACLE_ELSEWHERE as above. False when the file cannot be read as CSV
 * with those columns.
 */
bool oracle_read_baseline(const struct oracle *o, const char *path, int *period,
			  int *vendor);

/* oracle_moved: whether site 'site' decided (period, vendor) is moved from
 * the baseline; oracle_moves: the HR sites moved by a whole plan. */
bool oracle_moved(const int *base_period, const int *base_vendor, size_t site, int period,
		  int vendor);
int64_t oracle_moves(const struct oracle *o, const int *base_period,
		     const int *base_vendor, const int *period, const int *vendor);

/* oracle_cap_covers: whether share cap 'cap' counts site 'site' (its
 * region, when the cap has one, and its domains). */
bool oracle_cap_covers(const struct scenario *s, const struct share_cap_rule *cap,
		       const struct site *site);

/*
 * History (oracle_history.c). oracle_history_create/destroy: called by
 * oracle_create/destroy. oracle_any_broken: whether history broke a rule.
 * oracle_limit_ok: 'used' (the ledger's 'ledger' included) fits 'limit'
 * the way model-2.md rule 6 reads it: the planner's part is at most what
 * the ledger leaves, never less than 0 (INFINITY: no limit).
 * oracle_history_budget: the budget's broken years and period keys with a
 * history for nominal own spends 'spend' [n_periods], each reported to
 * 'report' (when not NULL). oracle_dependency_binds: whether site from's
 * dependency on site to binds (not when a fixed swap of 'from' already
 * breaks it). oracle_broken_violation: V_b of a plan. oracle_hard_deadline:
 * the earliest binding end of the deadlines covering HR site i that
 * history did not break (ORACLE_NEVER when none).
 */
void oracle_history_create(struct oracle *o);
void oracle_history_destroy(struct oracle *o);
bool oracle_any_broken(const struct oracle *o);
bool oracle_limit_ok(double used, double ledger, double limit);
size_t oracle_history_budget(const struct oracle *o, const double *spend,
			     void (*report)(const struct oracle *o, void *data,
					    const char *what, double spent,
					    double available),
			     void *data);
bool oracle_dependency_binds(const struct oracle *o, size_t from, size_t to);
double oracle_broken_violation(const struct oracle *o, const int *period);
int oracle_hard_deadline(const struct oracle *o, size_t i);

/*
 * Funds (oracle_funds.c, model-2.md rules 7 and 8). oracle_fund_deadline:
 * the earliest final date's binding end (inside the horizon) of the funds
 * covering HR site i whose final date history did not break,
 * ORACLE_NEVER when none. oracle_extensions_used:
 * stage 2's value, the sum over funds with max_extensions of the least k
 * such that every swapped eligible site goes by D_f(k)'s binding end.
 * oracle_funds_most: per period [n_periods], the most all funds could pay
 * of the plan's swaps by share and paying periods alone (a relaxation),
 * the ledger's funded items included.
 * oracle_funds_pay: the payments with the swaps fixed, maximising their
 * present value under rule 7 and the budget on own spend ('spend' the
 * plan's nominal cost per period, the ledger's rows included): false
 * when no split fits; else paid[p] per period and their present value,
 * the ledger's funded items included. With a history the planner's
 * payments start at replan_from, a ledger row with funded items keeps
 * its split (and is no part of cost_d(p)), a committed row with an empty
 * cell is split like a planned swap, each fund's payments up to p with
 * the ledger's are at most its money by p (or the ledger's alone, where
 * they pass it), and the budget is oracle_history_budget()'s.
 */
int oracle_fund_deadline(const struct oracle *o, size_t i);
/* oracle_funds_ledger_own: the own spend of the ledger's rows alone per
 * period ([n_periods], nominal), for the budget with a history
 * (o->fixed_own): each row's cost less its funded items, a committed
 * row with an empty funded cell less the funds' earliest and largest
 * payments for it with no planned swap. */
void oracle_funds_ledger_own(const struct oracle *o, double *own);
int oracle_extensions_used(const struct oracle *o, const int *period);
void oracle_funds_most(const struct oracle *o, const int *period, const int *vendor,
		       double *most);
bool oracle_funds_pay(const struct oracle *o, const int *period, const int *vendor,
		      const double *spend, double *paid, double *paid_present);

/* oracle_first / oracle_second: the scenario's objectives in order. */
double oracle_first(const struct oracle *o, const struct oracle_eval *ev);
double oracle_second(const struct oracle *o, const struct oracle_eval *ev);

#endif
