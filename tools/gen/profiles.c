/*
 * profiles: the figures of each kind of scenario (see profiles.h).
 */
#include "profiles.h"

const char *const domain_names[N_DOMAINS] = {"core", "transport", "ran", "management"};
const char *const domain_tags[N_DOMAINS] = {"CORE", "TX", "RAN", "MGT"};
const char *const vendor_names[N_VENDORS] = {"Huawei", "ZTE",     "Ericsson",
					     "Nokia",  "Samsung", "Cisco"};

/* Twelve UK-style regions with rough shares of the sites. */
static const struct region_def uk_regions[] = {
	{"London", "LDN", 0.15},
	{"South East", "SEA", 0.13},
	{"North West", "NWE", 0.11},
	{"East of England", "EOE", 0.09},
	{"West Midlands", "WMD", 0.09},
	{"South West", "SWE", 0.08},
	{"Yorkshire and the Humber", "YKH", 0.08},
	{"Scotland", "SCT", 0.08},
	{"East Midlands", "EMD", 0.07},
	{"Wales", "WLS", 0.05},
	{"North East", "NEA", 0.04},
	{"Northern Ireland", "NIR", 0.03},
};

/* Five invented service areas of a rural US carrier. */
static const struct region_def us_regions[] = {
	{"North Plains", "NPL", 0.28},  {"River Valley", "RVL", 0.24},
	{"Central Hills", "CHL", 0.20}, {"South Ranchland", "SRL", 0.16},
	{"West Mesa", "WMS", 0.12},
};

/* Germany's sixteen Länder (ISO 3166-2:DE codes), weighted roughly by
 * population. */
static const struct region_def de_regions[] = {
	{"Nordrhein-Westfalen", "NW", 0.215},
	{"Bayern", "BY", 0.160},
	{"Baden-Württemberg", "BW", 0.134},
	{"Niedersachsen", "NI", 0.096},
	{"Hessen", "HE", 0.076},
	{"Sachsen", "SN", 0.049},
	{"Rheinland-Pfalz", "RP", 0.049},
	{"Berlin", "BE", 0.044},
	{"Schleswig-Holstein", "SH", 0.035},
	{"Brandenburg", "BB", 0.030},
	{"Sachsen-Anhalt", "ST", 0.026},
	{"Thüringen", "TH", 0.025},
	{"Hamburg", "HH", 0.022},
	{"Mecklenburg-Vorpommern", "MV", 0.019},
	{"Saarland", "SL", 0.012},
	{"Bremen", "HB", 0.008},
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* What the UK profiles share; prices are set by UK2020_PRICES or in place. */
#define UK_COMMON                                                                \
	.swap_weight = {[V_ERICSSON] = {0.5, 0.5, 0.42},                         \
			[V_NOKIA] = {0.5, 0.5, 0.38},                            \
			[V_SAMSUNG] = {0, 0, 0.20}},                             \
	.criticality = {10, 3, 1, 0}, .has_domain = {true, true, true, false},   \
	.regions = uk_regions, .n_regions = N_OF(uk_regions), .currency = "GBP", \
	.min_sites = 2000, .default_end = 2028, .core_per = 400,                 \
	.core_min = N_OF(uk_regions), .ran_vendor_share = 0.6, .voluntary = 1,   \
	.discount_rate = 0.035, .cost_escalation = 0.03

/* The original invented price list, in GBP. */
#define UK2020_PRICES                                      \
	.unit_cost = {[V_ERICSSON] = {45000, 9000, 14500}, \
		      [V_NOKIA] = {42000, 8600, 13800},    \
		      [V_SAMSUNG] = {0, 0, 12500}},        \
	.site_cost = {400000, 22000, 18000}

/* The UK rules (2020 decisions and the 2022 direction alike, in whole
 * years): core out by 2023, radio share <= 35% from 2023, all out by 2027. */
#define UK_RULES                                                                      \
	.n_deadlines = 2, .deadlines = {{DOM_CORE, 2023, 0}, {ALL_DOMAINS, 2027, 0}}, \
	.n_caps = 1, .caps = {{DOM_RAN, 2023, 0.35}}

const struct profile_def profiles[N_PROFILES] = {
	[PROFILE_NATIONAL] =
		{
			.name = "national",
			.high_risk = "\"Huawei\", \"ZTE\"",
			UK_COMMON,
			UK2020_PRICES,
			.huawei_share = 0.85,
			.default_sites = 2000,
			.default_hr_share = 0.6,
			.default_start = 2021,
			/* Rules follow the horizon: see set_rules. */
		},
	[PROFILE_UK2020] =
		{
			.name = "uk-2020",
			.title = "UK-style national mobile operator under the 2020 "
				 "decisions",
			.high_risk = "\"Huawei\", \"ZTE\"",
			UK_COMMON,
			UK2020_PRICES,
			UK_RULES,
			.huawei_share = 0.85,
			.default_sites = 2000,
			.default_hr_share = 0.6,
			.default_start = 2021,
		},
	[PROFILE_UK2022] =
		{
			.name = "uk-2022",
			.title = "UK-style large mobile operator under the designated "
				 "vendor direction of October 2022",
			.high_risk = "\"Huawei\"",
			UK_COMMON,
			UK_RULES,
			/* A national programme's volume prices, lower than
			 * uk-2020's for a network nine times its size. */
			.unit_cost = {[V_ERICSSON] = {40000, 6000, 7500},
				      [V_NOKIA] = {38000, 5800, 7200},
				      [V_SAMSUNG] = {0, 0, 6800}},
			.site_cost = {350000, 12000, 10000},
			.huawei_share = 1,
			.default_sites = 18000,
			.default_hr_share = 0.67,
			.default_start = 2022,
			.regional_clusters = true,
		},
	[PROFILE_US_RURAL] =
		{
			.name = "us-rural",
			.title = "Rural US carrier in the FCC reimbursement program, "
				 "funded at 39.5%",
			.currency = "USD",
			.high_risk = "\"Huawei\", \"ZTE\"",
			.regions = us_regions,
			.n_regions = N_OF(us_regions),
			.has_domain = {true, true, true, false},
			.unit_cost = {[V_ERICSSON] = {60000, 12000, 19000},
				      [V_NOKIA] = {56000, 11500, 18000},
				      [V_SAMSUNG] = {0, 0, 16500}},
			.site_cost = {1500000, 35000, 95000},
			.swap_weight = {[V_ERICSSON] = {0.5, 0.5, 0.4},
					[V_NOKIA] = {0.5, 0.5, 0.35},
					[V_SAMSUNG] = {0, 0, 0.25}},
			.criticality = {10, 3, 1, 0},
			.huawei_share = 0.7,
			.min_sites = 100,
			.default_sites = 400,
			.default_hr_share = 0.9,
			.default_start = 2023,
			.default_end = 2026,
			.core_per = 1000,
			.core_min = 2,
			.voluntary = 1,
			.carry_over = true,
			.budget_share = 0.395,
			.discount_rate = 0.03,
			.cost_escalation = 0.03,
			.n_deadlines = 1,
			.deadlines = {{ALL_DOMAINS, 2024, 0}},
		},
	[PROFILE_GERMANY2026] =
		{
			.name = "germany-2026",
			.title = "German-style mobile operator under the 2024 agreement "
				 "on Chinese components",
			.currency = "EUR",
			.high_risk = "\"Huawei\", \"ZTE\"",
			.regions = de_regions,
			.n_regions = N_OF(de_regions),
			.has_domain = {true, true, true, true},
			.unit_cost = {[V_ERICSSON] = {48000, 9500, 15000, 150000},
				      [V_NOKIA] = {46000, 9000, 14500, 140000},
				      [V_SAMSUNG] = {0, 0, 13000, 0}},
			.site_cost = {450000, 20000, 20000, 800000},
			.swap_weight = {[V_ERICSSON] = {0.5, 0.5, 0.42, 0.5},
					[V_NOKIA] = {0.5, 0.5, 0.38, 0.5},
					[V_SAMSUNG] = {0, 0, 0.20, 0}},
			.criticality = {10, 3, 1, 6},
			.huawei_share = 0.85,
			.core_hr_share = 0.15,
			.min_sites = 2000,
			.default_sites = 6000,
			.default_hr_share = 0.5,
			.default_start = 2025,
			.default_end = 2030,
			.core_per = 400,
			.core_min = N_OF(de_regions),
			.mgmt_per = 2000,
			.mgmt_min = N_OF(de_regions),
			.ran_vendor_share = 0.6,
			.voluntary = 0.3,
			.discount_rate = 0.03,
			.cost_escalation = 0.02,
			.n_deadlines = 2,
			.deadlines = {{DOM_CORE, 2026, 0}, {DOM_MGMT, 2029, 0}},
		},
};
