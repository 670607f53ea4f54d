/*
 * plan: one phase-out plan and every figure reported about it.
 *
 * A plan is built from a decision per high-risk site (period and vendor,
 * or not swapped) by plan_create(); it computes the costs, the
 * period-by-period timeline, each rule's value and whether it holds, and both objective
 * values, independently of how the decisions were found (GLPK, the
 * heuristic, or a test). The report writers (report.h) only read plans.
 *
 * Calling sequence:
 *	struct plan *p = plan_create(scenario, decisions, budget_scale);
 *	p->status = PLAN_OPTIMAL; p->bound = ...;   (filled in by the solver)
 *	report_text_write(p, stdout);
 *	plan_destroy(p);
 *
 * Ownership: a plan borrows its scenario (names, sites) and must not
 * outlive it; everything else it owns.
 *
 * Money: "nominal" is the money spent in that period (escalated);
 * "present" is discounted to the horizon's start. Years are calendar
 * years; periods are indices 0..n_periods-1 (scenario.h), and per-period
 * arrays are indexed by them. With yearly periods, period = year - start.
 *
 * Each money figure comes twice: the exact double, on which rules are
 * judged, and the reported whole cents (money.h): each cell rounded once,
 * every total the sum of the rounded cells it covers. Reports print the
 * cents only, so a plan's columns add up to the cent.
 */
#ifndef PHASEOUT_PLAN_H
#define PHASEOUT_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/baseline.h"
#include "input/scenario.h"

enum plan_status {
	PLAN_OPTIMAL,    /* every stage proven optimal */
	PLAN_FEASIBLE,   /* a plan, stopped by a time or gap limit */
	PLAN_INFEASIBLE, /* the rules cannot all hold (diagnosis in 'rules') */
	PLAN_NO_PLAN,    /* no plan found within the time limit */
};

/* plan_status_name: "optimal", "feasible", "infeasible", "no_plan". */
const char *plan_status_name(enum plan_status status);

/* What stopped the search before it proved the plan optimal. */
enum plan_stop {
	PLAN_STOP_NONE,       /* nothing: it ran to its end */
	PLAN_STOP_TIME_LIMIT, /* --time-limit */
	PLAN_STOP_GAP,        /* --gap was reached */
	PLAN_STOP_INTERRUPT,  /* SIGINT or SIGTERM */
};

/* plan_stop_name: NULL, "time_limit", "gap", "interrupt" (summary.json's
 * "stopped_by"). */
const char *plan_stop_name(enum plan_stop stop);

/* The decision for one high-risk site: swapped in period 'period' to
 * trusted vendor 'vendor' (index into scenario->vendors), or period -1 /
 * vendor -1 when it stays to the end of the horizon. */
struct site_decision {
	uint32_t site; /* index into scenario->sites */
	int period;
	int vendor;
};

struct plan_site {
	uint32_t site;         /* index into scenario->sites */
	int period;            /* -1 = not swapped within the horizon */
	int year;              /* the period's calendar year, 0 = not swapped */
	int vendor;            /* index into scenario->vendors, -1 = not swapped */
	double equipment_cost; /* nominal, units * unit_cost * escalation */
	double site_cost;      /* nominal, site_cost[domain] * escalation */
	double total_cost;     /* nominal */
	double present_value;  /* total_cost discounted to the start */
	double late;           /* years after its deadline, 0 = on time or none
				  (0.25 a quarter late) */
	int moved;             /* moved from the baseline: 1 or 0 (with
				  plan->baseline_dir only) */
	/* plan.csv's status (plan_history.h): a ledger row done before
	 * replan_from or committed from it on, else planned or unswapped;
	 * 'written_cost': the ledger gave its cost, which is total_cost
	 * (site_cost holds it too, equipment_cost 0; plan.csv leaves both
	 * empty). */
	enum plan_site_status {
		SITE_PLANNED,
		SITE_UNSWAPPED,
		SITE_DONE,
		SITE_COMMITTED,
	} status;
	bool written_cost;
	double funded; /* nominal, what funds pay of total_cost */
	/* Reported, in cents: equipment and site rounded once each, total
	 * their sum, present value rounded once from the exact value. */
	int64_t equipment_cents, site_cents, total_cents, present_cents;
	/* funded_cents: the sum of its funds' cents (plan_funds.h); the own
	 * cost is total_cents - funded_cents. */
	int64_t funded_cents;
};

/* One period of the timeline (with yearly periods, one year). */
struct plan_year {
	int period;       /* index */
	int year;         /* calendar year */
	double budget;    /* scaled: the period key, or with yearly periods the
			     year's budget; INFINITY = none */
	double available; /* own money usable in the period; INFINITY = unlimited */
	double spend;     /* nominal, the whole cost of the period's swaps */
	double funded;    /* of which funds pay; spend - funded is own spend */
	double unspent;   /* available - spend; INFINITY when unlimited */
	int64_t sites_swapped;
	int64_t units_swapped;
	int64_t hr_units_remaining; /* at the end of the period */
	double hr_share;            /* HR units left / all units in service */
	double *hr_share_domain;    /* [scenario->domains.count], by domain index */
	double exposure;            /* this period's term of E */
	/* Reported, in cents (meaningless when the year is unlimited):
	 * budget rounded once; spend the sum of the year's total_cents;
	 * available the budget plus the reported carry-over (the previous
	 * year's unspent_cents, when positive, with carry_over); unspent
	 * available - spend. So every row adds up as printed. */
	int64_t budget_cents, available_cents, spend_cents, unspent_cents;
	int64_t funded_cents; /* the sum of the period's rows' funded_cents */
};

enum rule_kind {
	RULE_DEADLINE,
	RULE_SHARE_CAP,
	RULE_VENDOR_SHARE,
	RULE_COMPLETION, /* the cost objective's "everything by the end" */
};

/*
 * One rule's outcome. 'value' and 'limit' are in the rule's own terms:
 * deadlines: the HR units of its domain left at the end of its year, or
 * of the horizon when that ends first (limit 0); caps: the worst HR share reached from
 * the cap's year on (limit its max_share); vendor share: the vendor's largest share
 * (limit its max, counting the units it had); completion: HR units left at the end.
 */
struct plan_rule {
	enum rule_kind kind;
	char *label; /* e.g. "deadline core by 2023"; owned by the plan */
	int year;    /* the rule's year; worst year for caps */
	int period;  /* the binding end's period; worst period for caps and
			vendor shares; -1 none */
	bool holds;
	double value;
	double limit;
	int64_t sites_late; /* deadlines: HR sites swapped after the year or never */
	int64_t units_late;
	unsigned scenario_line; /* where the rule is in scenario.json, 0 = none */
	/* Deadlines: the year is after the horizon's end, so the rule binds
	 * nothing inside it (it holds); 'value' is then the HR units of its
	 * domain left at the end of the horizon, which no plan of this
	 * horizon changes later. */
	bool past_horizon;
	/* Version 2's dates (summary.json): 'date' is the rule's date as
	 * scenario.json gives it (Y-12-31 for a rule given by year); no date
	 * for vendor shares, completion and the sites' own deadlines.
	 * 'bind_end' is the period whose end is the rule's binding end, in
	 * the cut that continues past the horizon (util/period.h: it may be
	 * before 0 or at n_periods and beyond, unlike 'period'); completion
	 * binds at the horizon's last period. */
	bool has_date, has_bind_end;
	struct date date;
	int bind_end;
	bool site_deadlines; /* the one rule of the sites' own deadlines */
	/* Broken before the re-plan (model-2.md): history or a committed
	 * swap keeps it from holding; plan_history.h. */
	bool broken_before_replan;
};

/* One calendar year's own money, beside its period rows: the year's
 * budget, scaled (INFINITY = unlimited), in cents; and the year's money,
 * the budget plus what the year before carried over, in cents (0 when
 * unlimited). With yearly periods these are the year rows' budget and
 * available. */
struct plan_year_money {
	double budget;
	int64_t budget_cents, available_cents;
};

struct plan {
	const struct scenario *scenario;
	enum plan_status status;
	enum objective_kind objective;
	double budget_scale;
	bool allow_late;

	struct plan_site *sites; /* one per HR site: swapped by (year, region,
				    site_id), then unswapped by (region, site_id) */
	size_t n_sites;
	struct plan_year *years; /* [scenario->n_periods]: one row per period */
	size_t n_years;          /* rows of 'years': scenario->n_periods */
	struct plan_year_money *year_money; /* [scenario->n_years] calendar years */
	struct plan_rule *rules;
	size_t n_rules;

	double exposure; /* E, weighted unit-years */
	/* The reported costs: the sums of the sites' present_cents and
	 * total_cents, and those sums as money (the double nearest). */
	int64_t present_cents, nominal_cents;
	double present_cost; /* net present cost, as reported */
	double nominal_cost; /* as reported */
	/* The exact net present cost: the cost objective's value, on which
	 * the solver's bound and gap are computed (plan_first_objective). */
	double present_cost_exact;
	double violation;      /* V of model.md (lateness + units above caps) */
	int completion_year;   /* year the last HR site goes; 0 = not complete */
	int completion_period; /* period the last HR site goes; -1 = not complete */
	int64_t hr_units_left; /* at the end of the horizon */
	int64_t hr_sites_total, hr_units_total;

	/* Filled in by the solver; NAN when unknown: a bound is only ever
	 * one the solver proved, never a guess. */
	double bound; /* proven bound on the first objective */
	double gap;   /* (value - bound) / max(|value|, 1e-9) */
	enum plan_stop stopped_by;
	double solve_seconds;
	/* Seconds from the command's start to the scenario loaded and to
	 * the first plan that keeps every rule (the heuristic's). */
	double load_seconds;
	double first_plan_seconds;
	double heuristic_exposure; /* the constructive first plan's E, NAN if none */
	/* The LP estimate of the exposure removed per extra unit of money in
	 * each year (the budget rows' duals), [n_years], NAN where the year is
	 * unlimited or the budget does not bind; NULL when not computed. */
	double *money_value;
	/* Size of the model solved (after aggregation); 0 when none. */
	int model_rows, model_cols, model_int_cols;

	/* With plan --baseline (plan_count_moves()): the folder as given, the
	 * slack, and the HR sites moved from it (cli-and-outputs-2.md) and
	 * of those the overdue ones. baseline_dir NULL: no baseline. */
	char *baseline_dir;
	double slack;
	int64_t sites_moved, sites_overdue;

	/* A re-plan (plan_history.h): replan true with replan_from or a
	 * ledger; E of the periods from replan_p on; the present cost of
	 * the planner's own swaps (status planned), in cents. */
	bool replan;
	int replan_p;
	double exposure_from_replan;
	int64_t planned_present_cents;
	/* Funds (plan_funds.h); all NULL / 0 without any. 'fund_pay' holds
	 * the payments the plan was given, [(f * n_domains + d) * n_periods
	 * + p]; site_fund[k * n_funds + f] what fund f pays of site k's row
	 * (exact and in cents); own_present_cents the present value of the
	 * own spend, as reported (present_cents less the funds' present
	 * cents). */
	double *fund_pay;
	double *site_fund;
	int64_t *site_fund_cents;
	struct plan_fund *funds;
	size_t n_funds;
	int64_t own_present_cents;
	double own_present_cost;
	double own_present_exact; /* the own_cost objective's value */

	/* Diagnosis lines for an infeasible scenario, in users' words. */
	char **diagnosis;
	size_t n_diagnosis;
};

/*
 * plan_create: the plan given by 'decisions' (one per HR site, any order;
 * sites not listed are not swapped). Budgets are multiplied by
 * 'budget_scale'. Status starts as PLAN_FEASIBLE with bound and gap NAN.
 */
struct plan *plan_create(const struct scenario *s, const struct site_decision *decisions,
			 size_t n_decisions, double budget_scale);
/* plan_create_funded: the same with the funds' payments 'pay' (laid
 * out as plan->fund_pay, copied; NULL: funds pay nothing). */
struct plan *plan_create_funded(const struct scenario *s,
				const struct site_decision *decisions, size_t n_decisions,
				double budget_scale, const double *pay);

/*
 * plan_round_money: fill in every reported cents field (and present_cost,
 * nominal_cost) from the exact figures. plan_create() calls it; a plan
 * built by hand (a test) calls it once its exact figures are set.
 */
void plan_round_money(struct plan *p);

/*
 * plan_count_moves: judge every site of 'p' against baseline 'b' (read
 * for p's scenario): each plan_site's 'moved', sites_moved,
 * sites_overdue, and the baseline's folder and 'slack' for the reports.
 */
void plan_count_moves(struct plan *p, const struct baseline *b, double slack);

/* plan_destroy: free the plan; NULL is a no-op. */
void plan_destroy(struct plan *p);

/* plan_add_diagnosis: append one line of diagnosis (copied). */
void plan_add_diagnosis(struct plan *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* plan_rules_hold: whether every rule of 'p->rules' that can still hold
 * (all but those broken before the re-plan) holds (deadlines,
 * caps, vendor shares, completion; money is not among them). */
bool plan_rules_hold(const struct plan *p);

/* plan_first_objective: E for the exposure objective, else present cost. */
double plan_first_objective(const struct plan *p);

#endif
