/*
 * profiles: the generator's fixed world and its kinds of scenario. The
 * domains and vendors every scenario uses, and one profile per --profile
 * value: the rules, regions, domains, prices and currency of a kind of
 * scenario (the committed scenarios/ folders are each one profile's
 * output). Read-only data.
 */
#ifndef PHASEOUT_GEN_PROFILES_H
#define PHASEOUT_GEN_PROFILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MAX_REGIONS 16
#define MAX_RULES 4
/* A "*" rule (every domain) in a profile's deadlines. */
#define ALL_DOMAINS (-1)

enum domain { DOM_CORE, DOM_TRANSPORT, DOM_RAN, DOM_MGMT, N_DOMAINS };
extern const char *const domain_names[N_DOMAINS]; /* "core", in the files */
extern const char *const domain_tags[N_DOMAINS];  /* "CORE", in site ids */

/* Vendors: the first two are high-risk, then the trusted ones, then others. */
enum vendor { V_HUAWEI, V_ZTE, V_ERICSSON, V_NOKIA, V_SAMSUNG, V_CISCO, N_VENDORS };
extern const char *const vendor_names[N_VENDORS];
#define FIRST_TRUSTED V_ERICSSON
#define N_TRUSTED 3

struct region_def {
	const char *name, *code;
	double weight;
};

struct rule_def {
	int domain; /* enum domain, or ALL_DOMAINS */
	int year;
	double share; /* share caps only */
};

enum profile {
	PROFILE_NATIONAL,
	PROFILE_UK2020,
	PROFILE_UK2022,
	PROFILE_US_RURAL,
	PROFILE_GERMANY2026,
	N_PROFILES
};

/*
 * A profile: everything that differs between the kinds of scenario the
 * generator writes. The national and uk-2020 profiles are the generator's
 * original figures and must keep writing the same bytes (the committed
 * scenarios/uk-2020 is checked against them), so every new behaviour is a
 * field here whose national/uk-2020 value is the old constant.
 */
struct profile_def {
	const char *name;  /* --profile value */
	const char *title; /* scenario name; NULL: "Synthetic ..., N sites" */
	const char *currency;
	const char *high_risk; /* JSON array body of high_risk_vendors */
	const struct region_def *regions;
	size_t n_regions;
	bool has_domain[N_DOMAINS];
	/* Invented unit costs per unit of equipment; 0 = does not supply. */
	double unit_cost[N_VENDORS][N_DOMAINS];
	double site_cost[N_DOMAINS];
	/* Shares of the trusted vendors in the reference plan's swaps. */
	double swap_weight[N_VENDORS][N_DOMAINS];
	/* Criticality per domain; radio sites get 2 instead of 1 at 15%. */
	uint8_t criticality[N_DOMAINS];
	double huawei_share; /* of high-risk sites; the rest are ZTE */
	/* High-risk share of the core sites in every region, instead of the
	 * region's share; 0 = the region's share (germany-2026: cores already
	 * largely free of Chinese equipment). */
	double core_hr_share;
	long min_sites, default_sites;
	double default_hr_share;
	int default_start, default_end;
	/* Core (and management) sites: max(sites / per, min). */
	size_t core_per, core_min, mgmt_per, mgmt_min;
	double ran_vendor_share; /* max_vendor_share on ran, 0 = none */
	/* Every high-risk radio site in clusters of 20..80 per region. */
	bool regional_clusters;
	/* Share of a domain's high-risk units that the reference plan swaps
	 * when no deadline covers the domain. */
	double voluntary;
	bool carry_over;
	/* scenario.json's budget over funded.json's; 0 writes no funded.json. */
	double budget_share;
	double discount_rate, cost_escalation;
	int n_deadlines, n_caps;
	struct rule_def deadlines[MAX_RULES], caps[MAX_RULES];
};

extern const struct profile_def profiles[N_PROFILES];

#endif
