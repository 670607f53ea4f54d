/*
 * scenario: the plain data of one scenario, as loaded from scenario.json
 * and its sites.csv (format: shared/spec/scenario-format.md).
 *
 * Calling sequence:
 *	struct scenario *s = scenario_create();
 *	scenario_load_json(s, "scen/scenario.json", &diag);   (scenario_json.h)
 *	if (!diag_count(&diag)) sites_csv_load(s, &diag);      (sites_csv.h)
 *	if (s->fixed_path) ledger_load(s, &diag);              (ledger.h)
 *	validate_scenario(s, &diag);                           (validate.h)
 * (load_scenario() in load.h does all of it.)
 *	...
 *	scenario_destroy(s);
 *
 * Ownership: every string a scenario holds lives in its 'pool' and dies
 * with scenario_destroy(). Arrays are owned by the scenario. Other modules
 * (instance, plan, reports) borrow from it and must not outlive it.
 *
 * Years are calendar years; per-year arrays are indexed by year - start,
 * hold 'n_years' values, and use INFINITY for "unlimited".
 *
 * Periods (scenario-format-2.md, util/period.h): the horizon is cut into
 * n_periods = n_years * periods_per_year periods; period p lies in year
 * index p / periods_per_year. Per-period arrays hold the period keys of budgets,
 * capacities and crews (INFINITY where a period has no key of its own).
 * A version 1 file has periods_per_year 1 and no period keys, and every "_p"
 * field below is its year index, so it plans exactly as before. Dated
 * rules keep their date for messages and reports; the model reads only
 * the period indices the loader derived from them.
 */
#ifndef PHASEOUT_SCENARIO_H
#define PHASEOUT_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/period.h"
#include "util/xalloc.h"

#define SCENARIO_FORMAT "phaseout-scenario/1"
#define SCENARIO_FORMAT_2 "phaseout-scenario/2"
/* What a version 1 file using a version 2 key is told, after the key. */
#define SCENARIO_NEEDS_2 "needs " SCENARIO_FORMAT_2 " ('format' is '" SCENARIO_FORMAT "')"
#define SCENARIO_MAX_YEARS 50

enum objective_kind {
	OBJECTIVE_EXPOSURE,
	OBJECTIVE_COST,
	/* version 2 (model-2.md): the present value of the operator's own
	 * spend; every HR site swapped by the horizon's end, as with cost.
	 * Read and checked; plan, sweep and export refuse it for now. */
	OBJECTIVE_OWN_COST,
};

/* Where a value stands in scenario.json, for messages that the checks
 * needing sites.csv (validate.c) locate at a key: 1-based, 0 = unknown. */
struct input_at {
	unsigned line, column;
};

/* A domain name with a number: unit costs, site costs, vendor-share limits. */
struct domain_value {
	const char *domain;
	double value;
	unsigned line; /* line in scenario.json, for messages */
};

struct trusted_vendor {
	const char *name;
	struct domain_value *unit_cost; /* the domains this vendor can replace */
	size_t n_unit_cost;
	double *capacity;        /* [n_years] units per year, INFINITY = unlimited */
	double *capacity_period; /* [n_periods] period keys, INFINITY = none */
	/* vendor_regions: the regions this vendor may take (names as in
	 * scenario.json; indices into scenario.regions once validated);
	 * n_regions == 0: any region. */
	const char **region_names;
	uint32_t *regions;
	struct input_at *region_at; /* [n_regions] each name in scenario.json */
	size_t n_regions;
	unsigned regions_line; /* line of its vendor_regions entry */
	unsigned line;
};

/*
 * When a dated rule binds (scenario-format-2.md): 'bind_p' is the index of
 * the binding end's period, clamped to [-1, n_periods]: -1 means before
 * the horizon's first period end, n_periods after its last (binds
 * nothing). A version 1 rule's year Y is the date Y-12-31.
 */
struct rule_when {
	int year;         /* the rule's year, or its date's year */
	bool dated;       /* given as "date" (version 2) */
	struct date date; /* Y-12-31 for a year */
	int bind_p;
};

struct deadline_rule {
	const char *domain; /* NULL for "*" (every domain) */
	int year;
	struct rule_when when;
	const char *region_name;   /* deadlines[].region, NULL = every region */
	uint32_t region;           /* into scenario.regions when region_name is set */
	struct input_at region_at; /* of the "region" key */
	unsigned line;
};

enum cap_measure {
	CAP_UNITS, /* version 1: HR units over all units in scope */
	CAP_SITES, /* HR sites over all sites (units > 0) in scope */
};

struct share_cap_rule {
	const char **domains; /* n_domains == 0 means "*" (every domain) */
	size_t n_domains;
	const char *region; /* NULL = every region */
	int year;
	struct rule_when when;
	enum cap_measure measure;
	double max_share;
	unsigned line;
};

/* Crews of one region, fully resolved: the region's own per-year number,
 * then its own "default", then the top-level default, then unlimited. */
struct region_crews {
	const char *region;
	double *per_year;   /* [n_years] */
	double *per_period; /* [n_periods] period keys, INFINITY = none */
	unsigned line;
};

struct site {
	const char *id;
	const char *cluster;    /* NULL when the cell is empty */
	const char *depends_on; /* raw ';'-separated text, NULL when empty */
	/* raw allowed_vendors text, NULL when empty; validate_scenario()
	 * resolves it into allowed_first / n_allowed */
	const char *allowed_vendors;
	uint32_t region; /* index into scenario.regions */
	uint32_t domain; /* index into scenario.domains */
	uint32_t vendor; /* index into scenario.site_vendors */
	int64_t units;
	double criticality;
	int earliest_year; /* 0 when absent */
	/* Version 2 columns (left at their "absent" values in version 1). */
	bool has_earliest, has_deadline, has_in_service;
	struct date earliest, deadline, in_service;
	/* allowed_vendors: indices into scenario.vendors are
	 * scenario.allowed[allowed_first .. allowed_first + n_allowed);
	 * n_allowed == 0: any vendor. */
	uint32_t allowed_first, n_allowed;
	/* Derived by the loader for every format: the first period index
	 * the site may be swapped in (from earliest_year or earliest; 0 when
	 * neither; n_periods or more: never inside the horizon); the binding
	 * end of its own deadline (INT_MAX none; clamped like bind_p); the
	 * first period at whose end it counts (in_service; 0 when absent,
	 * INT_MAX when after the horizon). */
	int earliest_p, deadline_p, in_service_p;
	unsigned line; /* line of sites.csv where the row starts */
};

/*
 * One row of the ledger (`fixed`, scenario-format-2.md): a swap done
 * (its period is before replan_p) or committed (at or after it). Read by
 * ledger.c; 'site', 'vendor' and the payments' 'fund' are resolved by
 * ledger_validate() (validate.c calls it), 'p' and 'done' by
 * scenario_finish_periods(). A loaded scenario's rows are all valid.
 */
struct ledger_row {
	const char *site_id;   /* as written */
	uint32_t site;         /* into scenario.sites: an HR site */
	const char *when_text; /* as written, for messages */
	struct date when;      /* a label's first day, or the date written */
	int p;                 /* the period holding 'when': 0 .. n_periods-1 */
	bool done;             /* p < replan_p; false: committed */
	const char *to_vendor; /* as written */
	uint32_t vendor;       /* into scenario.vendors (trusted) */
	/* cost: the nominal money paid or contracted, used as is (never
	 * escalated); NAN when the cell is empty: the model's cost for the
	 * site, vendor and period (scenario_swap_cost()), ledger_row_cost()
	 * gives either. */
	double cost;
	/* funded: scenario.fixed_pays[pay_first .. pay_first + n_pay), in the
	 * order written; n_pay == 0: own money only (done) or the planner's
	 * choice (committed). */
	uint32_t pay_first, n_pay;
	unsigned line; /* line of the ledger CSV where the row starts */
};

/* One `FUND=AMOUNT` item of a ledger row's `funded` cell. */
struct ledger_payment {
	const char *fund_name; /* as written */
	uint32_t fund;         /* into scenario.funds */
	double amount;         /* nominal, >= 0, at most the row's cost */
};

/* A fund's money on one date: usable from the period holding the date. */
struct fund_disbursement {
	struct date date; /* within the horizon */
	double amount;    /* nominal, >= 0; never scaled by --budget-scale */
	int p;            /* the period holding 'date' (scenario_finish_periods) */
	struct input_at at;
};

enum fund_deadline_kind {
	FUND_DEADLINE_NONE,   /* no final date */
	FUND_DEADLINE_DATE,   /* "deadline": a date (a bare year: 31 December) */
	FUND_DEADLINE_MONTHS, /* {"months_after_first", "extension_months",
				 "max_extensions"} */
};

/*
 * One funding programme (`funds`, scenario-format-2.md). D_f(k) =
 * first disbursement + months_after_first + k * extension_months months
 * (scenario_fund_date()); the final date is D_f(max_extensions) or the
 * plain date. The fund pays for swaps in periods first_p .. final_p, and
 * never more than it has disbursed by the end of each period.
 */
struct fund {
	const char *name;                        /* unique, non-empty, no ';' */
	struct fund_disbursement *disbursements; /* sorted by date, >= 1 */
	size_t n_disbursements;
	double share; /* the most of one eligible swap's cost it may pay, [0, 1] */
	/* Eligible domains: names as written, where each stands, and (by
	 * validate) indices into scenario.domains; n_domains == 0: every
	 * domain. */
	const char **domain_names;
	struct input_at *domain_at;
	uint32_t *domains;
	size_t n_domains;
	enum fund_deadline_kind deadline_kind;
	struct date deadline;                                     /* FUND_DEADLINE_DATE */
	int months_after_first, extension_months, max_extensions; /* MONTHS */
	/* Derived by scenario_finish_periods(): the period of the first
	 * disbursement; the final date (has_final false: none) and its binding
	 * end, clamped like rule_when.bind_p (n_periods when there is no final
	 * date); for FUND_DEADLINE_MONTHS, ext_p[k] is the binding end of
	 * D_f(k) for k = 0 .. max_extensions (NULL otherwise). */
	int first_p;
	bool has_final;
	struct date final_date;
	int final_p;
	int *ext_p;
	unsigned line;
};

/* A note about the input, for 'check': what and, for a rule, its line in
 * scenario.json (0 when none; a site's note names its line itself). */
struct scenario_note {
	const char *message;
	unsigned json_line;
};

struct scenario {
	char *json_path;  /* as given on the command line */
	char *sites_path; /* resolved against the JSON file's folder */

	const char *name;
	const char *description; /* NULL when absent */
	const char *currency;    /* "GBP" when absent */
	int start, end, n_years;
	int format_version;   /* 1 or 2 */
	int periods_per_year; /* 1, 2, 4 or 12 (util/period.h) */
	int n_periods;        /* n_years * periods_per_year */

	const char **high_risk_vendors;
	size_t n_high_risk_vendors;
	struct trusted_vendor *vendors;
	size_t n_vendors;
	struct domain_value *site_cost;
	size_t n_site_cost;

	double *budget; /* [n_years], INFINITY = unlimited; never NULL once loaded */
	double *budget_period; /* [n_periods] period keys, INFINITY = none */
	bool carry_over;
	double discount_rate;
	double cost_escalation;

	struct deadline_rule *deadlines;
	size_t n_deadlines;
	struct share_cap_rule *caps;
	size_t n_caps;

	/* max_vendor_share: a number applies to every domain (vendor_share_all,
	 * NAN when absent); the object form lists domains (vendor_share). */
	double vendor_share_all;
	struct domain_value *vendor_share;
	size_t n_vendor_share;

	double *crews_default;        /* [n_years], INFINITY = unlimited */
	double *crews_default_period; /* [n_periods] period keys */
	struct region_crews *crews_regions;
	size_t n_crews_regions;

	enum objective_kind objective;
	struct input_at objective_at; /* of the key, for messages */

	/* replan_from (scenario-format-2.md): the day the plan is made, a
	 * period start. replan_p, derived by scenario_finish_periods(), is the
	 * first period the planner decides: earlier periods are history (the
	 * ledger's done swaps only). 0 without replan_from, and when it is the
	 * horizon's first day (no re-plan). */
	bool has_replan_from;
	struct date replan_from;
	struct input_at replan_at; /* of the key, for messages */
	int replan_p;

	/* fixed: the ledger (ledger.h), read when the JSON names it.
	 * fixed_path is resolved against the JSON file's folder, NULL when
	 * absent. fixed_col holds the ledger header's 1-based field numbers,
	 * 0 when absent, for FILE:LINE:COLUMN. */
	char *fixed_path;
	struct input_at fixed_at;
	struct ledger_row *fixed;
	size_t n_fixed, alloc_fixed;
	struct ledger_payment *fixed_pays;
	size_t n_fixed_pays, alloc_fixed_pays;
	struct {
		unsigned site_id, when, to_vendor, cost, funded;
	} fixed_col;

	/* funds (funds.h), in the order written. */
	struct fund *funds;
	size_t n_funds;
	struct input_at funds_at;

	/* From sites.csv. */
	struct site *sites;
	size_t n_sites, alloc_sites;
	struct strmap regions;      /* names of regions, domains and the */
	struct strmap domains;      /* vendors named in sites.csv, interned */
	struct strmap site_vendors; /* in order of first appearance */
	/* 1-based field numbers of the known columns in sites.csv's header,
	 * 0 when absent: the COLUMN of "FILE:LINE:COLUMN" in messages about
	 * a site (a spreadsheet's column, which stays right when a quoted
	 * field spans lines). */
	struct {
		unsigned site_id, region, domain, vendor, units, criticality,
			earliest_year, cluster, depends_on, deadline, allowed_vendors,
			earliest, in_service;
	} csv_col;
	uint32_t *allowed; /* the sites' allowed_vendors lists, see struct site */
	size_t n_allowed;
	const char **extra_columns; /* header names phaseout ignores */
	size_t n_extra_columns;

	/* Notes about the input: not errors, listed by 'check' (precheck.h
	 * turns them into notes). Messages live in 'pool'. */
	struct scenario_note *notes;
	size_t n_notes, alloc_notes;

	/* Filled in by validate_scenario(): the sites site i depends on, as
	 * indices into 'sites', are dep_sites[dep_start[i] .. dep_start[i+1]).
	 * Names that match no site are reported and left out. */
	uint32_t *dep_start; /* [n_sites + 1] */
	uint32_t *dep_sites;

	/* The --set and --scale overrides applied to scenario.json, in order,
	 * as the user wrote them ("--set budget.2024=8e6"; override.h), in
	 * 'pool'; the array is the scenario's. */
	const char **overrides;
	size_t n_overrides;

	struct strpool pool;
};

struct scenario *scenario_create(void);
/* scenario_destroy: free everything; NULL is a no-op. */
void scenario_destroy(struct scenario *s);

/* scenario_add_note: a note for 'check' (see struct scenario_note). */
void scenario_add_note(struct scenario *s, unsigned json_line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* scenario_year_index: year - start, or -1 outside the horizon. */
int scenario_year_index(const struct scenario *s, int year);

/* scenario_is_high_risk_vendor: whether 'name' is in high_risk_vendors. */
bool scenario_is_high_risk_vendor(const struct scenario *s, const char *name);

/* scenario_site_is_high_risk: a high-risk vendor's row with units > 0. */
bool scenario_site_is_high_risk(const struct scenario *s, const struct site *site);

/* scenario_find_vendor: index into s->vendors of a trusted vendor, or -1. */
int scenario_find_vendor(const struct scenario *s, const char *name);

/* scenario_vendor_meant: the trusted vendor a name that is none most likely
 * misspells (did_you_mean.h), NULL when none is close. */
const char *scenario_vendor_meant(const struct scenario *s, const char *name);

/* scenario_unit_cost: the vendor's unit cost for 'domain', or NAN when the
 * vendor does not list it. Same lookups for site_cost (default 0) and the
 * vendor-share limit (NAN when there is none). */
double scenario_unit_cost(const struct trusted_vendor *v, const char *domain);
double scenario_site_cost(const struct scenario *s, const char *domain);
double scenario_vendor_share_limit(const struct scenario *s, const char *domain);

/* scenario_cap_covers: whether a site of domain and region indices
 * 'domain' and 'region' is in the share cap's scope. */
bool scenario_cap_covers(const struct scenario *s, const struct share_cap_rule *c,
			 uint32_t domain, uint32_t region);

/* scenario_crews: crews of 'region' in year index 'yi' (INFINITY = unlimited). */
double scenario_crews(const struct scenario *s, const char *region, int yi);
/* scenario_crews_period: the period key of 'region's crews for period p
 * (INFINITY = none). */
double scenario_crews_period(const struct scenario *s, const char *region, int p);

/*
 * scenario_vendor_allows: whether trusted vendor v may take 'site' by the
 * site's allowed_vendors and v's vendor_regions (not by domain: that is
 * scenario_unit_cost()).
 */
bool scenario_vendor_allows(const struct scenario *s, const struct site *site, size_t v);

/*
 * scenario_finish_periods: derive n_periods, the rules' bind_p, the sites'
 * earliest_p / deadline_p / in_service_p, INFINITY period keys where the
 * file gave none, replan_p, each ledger row's p and done, and each fund's
 * disbursement periods, first_p, final date, final_p and ext_p, for every
 * format. validate_scenario() calls it first.
 */
void scenario_finish_periods(struct scenario *s);

/*
 * scenario_swap_cost: the model's nominal cost of swapping 'site' to
 * trusted vendor v in period p (model-2.md): (site_cost + units x
 * unit_cost) x (1 + cost_escalation)^t(p); NAN when v has no unit_cost
 * for the site's domain.
 */
double scenario_swap_cost(const struct scenario *s, const struct site *site, size_t v,
			  int p);

/* ledger_row_cost: a ledger row's cost as written, or the model's. */
double ledger_row_cost(const struct scenario *s, const struct ledger_row *row);

/* scenario_find_fund: index into s->funds of the fund named 'name', or -1. */
int scenario_find_fund(const struct scenario *s, const char *name);

/* scenario_fund_covers: whether a site of domain index 'domain' is eligible
 * for fund f (validated scenario). */
bool scenario_fund_covers(const struct fund *f, uint32_t domain);

/* scenario_fund_date: D_f(k) of a FUND_DEADLINE_MONTHS fund (model-2.md). */
struct date scenario_fund_date(const struct fund *f, int k);

/* scenario_completes: whether the objective swaps every high-risk site by
 * the horizon's end (the completion rule of "cost" and "own_cost"). */
bool scenario_completes(const struct scenario *s);

/* scenario_year_p: the binding period of a year-end rule of 'year'. */
int scenario_year_p(const struct scenario *s, int year);

#endif
