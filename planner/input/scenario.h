/*
 * scenario: the plain data of one scenario, as loaded from scenario.json
 * and its sites.csv (format: shared/spec/scenario-format.md).
 *
 * Calling sequence:
 *	struct scenario *s = scenario_create();
 *	scenario_load_json(s, "scen/scenario.json", &diag);   (scenario_json.h)
 *	if (!diag_count(&diag)) sites_csv_load(s, &diag);      (sites_csv.h)
 *	validate_scenario(s, &diag);                           (validate.h)
 *	...
 *	scenario_destroy(s);
 *
 * Ownership: every string a scenario holds lives in its 'pool' and dies
 * with scenario_destroy(). Arrays are owned by the scenario. Other modules
 * (instance, plan, reports) borrow from it and must not outlive it.
 *
 * Years are calendar years; per-year arrays are indexed by year - start,
 * hold 'n_years' values, and use INFINITY for "unlimited".
 */
#ifndef PHASEOUT_SCENARIO_H
#define PHASEOUT_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/xalloc.h"

#define SCENARIO_FORMAT "phaseout-scenario/1"
#define SCENARIO_MAX_YEARS 50

enum objective_kind {
	OBJECTIVE_EXPOSURE,
	OBJECTIVE_COST,
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
	double *capacity; /* [n_years] units per year, INFINITY = unlimited */
	unsigned line;
};

struct deadline_rule {
	const char *domain; /* NULL for "*" (every domain) */
	int year;
	unsigned line;
};

struct share_cap_rule {
	const char **domains; /* n_domains == 0 means "*" (every domain) */
	size_t n_domains;
	const char *region; /* NULL = every region */
	int year;
	double max_share;
	unsigned line;
};

/* Crews of one region, fully resolved: the region's own per-year number,
 * then its own "default", then the top-level default, then unlimited. */
struct region_crews {
	const char *region;
	double *per_year; /* [n_years] */
	unsigned line;
};

struct site {
	const char *id;
	const char *cluster;    /* NULL when the cell is empty */
	const char *depends_on; /* raw ';'-separated text, NULL when empty */
	uint32_t region;        /* index into scenario.regions */
	uint32_t domain;        /* index into scenario.domains */
	uint32_t vendor;        /* index into scenario.site_vendors */
	int64_t units;
	double criticality;
	int earliest_year; /* 0 when absent */
	unsigned line;     /* line of sites.csv where the row starts */
};

struct scenario {
	char *json_path;  /* as given on the command line */
	char *sites_path; /* resolved against the JSON file's folder */

	const char *name;
	const char *description; /* NULL when absent */
	const char *currency;    /* "GBP" when absent */
	int start, end, n_years;

	const char **high_risk_vendors;
	size_t n_high_risk_vendors;
	struct trusted_vendor *vendors;
	size_t n_vendors;
	struct domain_value *site_cost;
	size_t n_site_cost;

	double *budget; /* [n_years], INFINITY = unlimited; never NULL once loaded */
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

	double *crews_default; /* [n_years], INFINITY = unlimited */
	struct region_crews *crews_regions;
	size_t n_crews_regions;

	enum objective_kind objective;

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
			earliest_year, cluster, depends_on;
	} csv_col;
	const char **extra_columns; /* header names phaseout ignores */
	size_t n_extra_columns;

	/* Filled in by validate_scenario(): the sites site i depends on, as
	 * indices into 'sites', are dep_sites[dep_start[i] .. dep_start[i+1]).
	 * Names that match no site are reported and left out. */
	uint32_t *dep_start; /* [n_sites + 1] */
	uint32_t *dep_sites;

	struct strpool pool;
};

struct scenario *scenario_create(void);
/* scenario_destroy: free everything; NULL is a no-op. */
void scenario_destroy(struct scenario *s);

/* scenario_year_index: year - start, or -1 outside the horizon. */
int scenario_year_index(const struct scenario *s, int year);

/* scenario_is_high_risk_vendor: whether 'name' is in high_risk_vendors. */
bool scenario_is_high_risk_vendor(const struct scenario *s, const char *name);

/* scenario_site_is_high_risk: a high-risk vendor's row with units > 0. */
bool scenario_site_is_high_risk(const struct scenario *s, const struct site *site);

/* scenario_find_vendor: index into s->vendors of a trusted vendor, or -1. */
int scenario_find_vendor(const struct scenario *s, const char *name);

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

#endif
