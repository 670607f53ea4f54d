/*
 * phaseout-gen: write a synthetic national mobile network as a phaseout
 * scenario (shared/spec/scenario-format.md): scenario.json and sites.csv in
 * the folder given with -o.
 *
 * How the figures are made. Sites are drawn per region and domain from a
 * seeded PRNG (splitmix64 feeding xoshiro256**, never rand()), so the same
 * options give byte-identical files on every machine. The generator then
 * builds a *reference plan*: a year and a trusted vendor for every swap unit
 * that meets every deadline, share cap and vendor-share limit. Clusters are
 * formed before that plan; earliest years and dependencies are drawn after
 * it and only in ways the plan already satisfies (an earliest year no later
 * than the site's planned year, a parent planned no later than its child),
 * so they cannot make the scenario infeasible. Budgets, vendor capacities
 * and regional crews are then set from what the reference plan needs each
 * year, with a margin: the reference plan itself proves the scenario
 * feasible. Before writing, the reference plan is checked again against the
 * written figures, rule by rule, and any failure is an internal error.
 *
 * Profiles (struct profile_def) set the rules, regions, domains, prices and
 * currency of a kind of scenario: the committed scenarios/ folders are each
 * one profile's output. A domain that no deadline covers (germany-2026's
 * radios) is only partly swapped by the reference plan, so the budget leaves
 * the optimiser a choice of which high-risk sites stay.
 *
 * Plain C11 and libc: no planner module is needed here.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_SITES 1000000L
#define MAX_YEARS 50
#define MAX_DEPS 2
#define MAX_REGIONS 16
#define MAX_RULES 4
/* Capacities and crews get this margin over the reference plan's peak year. */
#define CAPACITY_MARGIN 1.25
/* The reference plan aims this far below a share cap, so it holds with room. */
#define CAP_SLACK 0.02
#define BUDGET_STEP 10000.0
/* A "*" rule (every domain) in a profile's deadlines. */
#define ALL_DOMAINS (-1)

static const char usage[] =
	"usage: phaseout-gen -o <dir> [<options>]\n"
	"\n"
	"Write a synthetic national mobile network as a phaseout scenario\n"
	"(<dir>/scenario.json and <dir>/sites.csv). The same options always give\n"
	"byte-identical files. Budgets, capacities and crews are set from a plan\n"
	"the generator builds, so the scenario is feasible when the budget factor\n"
	"is 1 or more.\n"
	"\n"
	"Options:\n"
	"  -o, --output <dir>          folder to write (created if missing)\n"
	"  --sites <n>                 number of sites, 2000 to 1000000 (default "
	"2000;\n"
	"                              us-rural: 100 to 1000000, default 400;\n"
	"                              uk-2022: 18000; germany-2026: 6000)\n"
	"  --seed <s>                  PRNG seed, a whole number >= 0 (default 1)\n"
	"  --high-risk-share <f>       share of sites on Huawei/ZTE, 0 to 1 (default "
	"0.6;\n"
	"                              uk-2022 0.67, us-rural 0.9, germany-2026 "
	"0.5)\n"
	"  --clusters                  group some radio sites into clusters (uk-2022:\n"
	"                              every high-risk radio site, 20 to 80 a "
	"cluster)\n"
	"  --dependencies              make some sites depend on a transport or core\n"
	"                              site of their region\n"
	"  --start <year>              first year of the horizon (default 2021;\n"
	"                              uk-2022 2022, us-rural 2023, germany-2026 "
	"2025)\n"
	"  --end <year>                last year of the horizon (default 2028;\n"
	"                              us-rural 2026, germany-2026 2030)\n"
	"  --budget-factor <f>         budget over what the plan needs, > 0 (default "
	"1.25);\n"
	"                              below 1 asks for a tight, likely infeasible "
	"budget\n"
	"  --profile <name>            rules of the scenario (default national):\n"
	"                              national: core out by start+2, radio high-risk\n"
	"                                share <= 35% from start+2, all out by end-1\n"
	"                              uk-2020: the UK's 2020 decisions: core out by\n"
	"                                2023, radio share <= 35% from 2023, all out\n"
	"                                by 2027\n"
	"                              uk-2022: the UK's designated vendor direction\n"
	"                                of October 2022 (Huawei only): the uk-2020\n"
	"                                rules on a large operator whose radio sites\n"
	"                                are swapped in regional clusters\n"
	"                              us-rural: a rural US carrier in the FCC's\n"
	"                                reimbursement program, in USD: all out by\n"
	"                                2024; scenario.json gets 39.5% of the\n"
	"                                budget, funded.json all of it\n"
	"                              germany-2026: Germany's 2024 agreement, in\n"
	"                                EUR: core out by 2026, network management\n"
	"                                out by 2029; radios may stay\n"
	"  -q, --quiet                 print no summary\n"
	"  -h, --help                  show this help\n";

enum domain { DOM_CORE, DOM_TRANSPORT, DOM_RAN, DOM_MGMT, N_DOMAINS };
static const char *const domain_names[N_DOMAINS] = {"core", "transport", "ran",
						    "management"};
static const char *const domain_tags[N_DOMAINS] = {"CORE", "TX", "RAN", "MGT"};

/* Vendors: the first two are high-risk, then the trusted ones, then others. */
enum vendor { V_HUAWEI, V_ZTE, V_ERICSSON, V_NOKIA, V_SAMSUNG, V_CISCO, N_VENDORS };
static const char *const vendor_names[N_VENDORS] = {"Huawei", "ZTE",     "Ericsson",
						    "Nokia",  "Samsung", "Cisco"};
#define FIRST_TRUSTED V_ERICSSON
#define N_TRUSTED 3

/* Cumulative vendor mix of the sites that are not high-risk, per domain. */
static const double other_mix[N_DOMAINS][N_VENDORS] = {
	[DOM_CORE] = {[V_ERICSSON] = 0.5, [V_NOKIA] = 1.0},
	[DOM_TRANSPORT] = {[V_ERICSSON] = 0.35, [V_NOKIA] = 0.70, [V_CISCO] = 1.0},
	[DOM_RAN] = {[V_ERICSSON] = 0.5, [V_NOKIA] = 0.85, [V_SAMSUNG] = 1.0},
	[DOM_MGMT] = {[V_ERICSSON] = 0.5, [V_NOKIA] = 1.0},
};

struct region_def {
	const char *name, *code;
	double weight;
};

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

static const struct profile_def profiles[N_PROFILES] = {
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

struct options {
	const char *out_dir;
	const char *sites_text; /* as typed, for the range message */
	long sites;             /* 0 = the profile's default */
	uint64_t seed;
	double hr_share; /* < 0 = the profile's default */
	bool clusters, dependencies, quiet;
	int start, end; /* 0 = the profile's default */
	double budget_factor;
	enum profile profile;
};

struct site {
	int32_t cluster; /* index into gen.clusters, -1 for none */
	int32_t dep[MAX_DEPS];
	uint32_t seq;  /* number within its region and domain, from 1 */
	uint32_t unit; /* swap unit of a high-risk site */
	uint16_t units;
	int16_t earliest; /* 0 = none */
	uint8_t region, domain, vendor, criticality;
	int8_t year; /* reference plan: year index, -1 = not scheduled */
	uint8_t to;  /* reference plan: trusted vendor */
};

/* A swap unit of the reference plan: one site, or one cluster. */
struct swap_unit {
	uint32_t units, n_sites;
	uint8_t domain, region;
	int8_t year;
	uint8_t to;
};

struct cluster {
	uint32_t seq; /* number within its region */
	uint32_t n_sites;
	uint8_t region;
};

/* The rules of the scenario being written (the profile's, or for the
 * national profile ones that follow the horizon). */
struct rules {
	int n_deadlines, n_caps;
	struct rule_def deadline[MAX_RULES], cap[MAX_RULES];
};

struct gen {
	struct options opt;
	const struct profile_def *prof;
	int n_years;
	struct rules rules;
	uint64_t rng[4];

	struct site *sites;
	size_t n_sites;
	struct cluster *clusters;
	size_t n_clusters;
	struct swap_unit *swaps;
	size_t n_swaps;

	/* Figures written to scenario.json. */
	double budget[MAX_YEARS];
	double capacity[N_VENDORS];
	double crews[MAX_REGIONS];
	/* What the reference plan needs. */
	double spend[MAX_YEARS];
	double vendor_units[N_VENDORS][MAX_YEARS];
	double region_sites[MAX_REGIONS][MAX_YEARS];
};

static void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p) {
		fputs("phaseout-gen: fatal: out of memory\n", stderr);
		abort();
	}
	return p;
}

/* --- PRNG: xoshiro256** seeded by splitmix64 (public-domain algorithms) --- */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static void rng_seed(struct gen *g, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		g->rng[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct gen *g)
{
	uint64_t *s = g->rng;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* rng_real: uniform in [0, 1) with 53 random bits. */
static double rng_real(struct gen *g)
{
	return (double)(rng_next(g) >> 11) * 0x1.0p-53;
}

/* rng_below: uniform in 0 .. n-1 (n > 0); the modulo bias is < 2^-40 here. */
static uint32_t rng_below(struct gen *g, uint32_t n)
{
	return (uint32_t)(rng_next(g) % n);
}

/* rng_range: uniform in lo .. hi inclusive. */
static uint32_t rng_range(struct gen *g, uint32_t lo, uint32_t hi)
{
	return lo + rng_below(g, hi - lo + 1);
}

/* --- Options --------------------------------------------------------------- */

static bool parse_long(const char *text, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (errno || end == text || *end)
		return false;
	*out = v;
	return true;
}

static bool parse_double(const char *text, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(text, &end);
	if (errno || end == text || *end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* usage_error: print "phaseout-gen: error: ..." and a hint; returns 2. */
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("phaseout-gen: error: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\ntry 'phaseout-gen --help'\n", stderr);
	va_end(ap);
	return 2;
}

/*
 * parse_options: fill 'o' from argv. Returns 2 after a usage error (already
 * printed), else 0; '*done' tells that --help was printed and nothing more
 * is to be done. Hand-rolled rather than getopt_long so that every message
 * names the option as the user typed it.
 */
static int parse_options(int argc, char **argv, struct options *o, bool *done)
{
	*done = false;
	*o = (struct options){.seed = 1, .hr_share = -1, .budget_factor = 1.25};
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(usage, stdout);
			*done = true;
			return 0;
		}
		if (!strcmp(arg, "--clusters")) {
			o->clusters = true;
			continue;
		}
		if (!strcmp(arg, "--dependencies")) {
			o->dependencies = true;
			continue;
		}
		if (!strcmp(arg, "-q") || !strcmp(arg, "--quiet")) {
			o->quiet = true;
			continue;
		}
		static const char *const with_value[] = {
			"-o",     "--output",          "--sites",
			"--seed", "--high-risk-share", "--start",
			"--end",  "--budget-factor",   "--profile",
			NULL};
		bool known = false;
		for (int k = 0; with_value[k]; k++)
			known |= !strcmp(arg, with_value[k]);
		if (!known)
			return usage_error("unknown option '%s'", arg);
		if (i + 1 >= argc)
			return usage_error("option '%s' needs a value", arg);
		const char *val = argv[++i];
		long l;
		double d;
		if (!strcmp(arg, "-o") || !strcmp(arg, "--output")) {
			if (!*val)
				return usage_error("option '%s' needs a folder", arg);
			o->out_dir = val;
		} else if (!strcmp(arg, "--sites")) {
			/* The range depends on the profile: checked below. */
			if (!parse_long(val, &l) || l < 1 || l > MAX_SITES)
				l = -1;
			o->sites = l;
			o->sites_text = val;
		} else if (!strcmp(arg, "--seed")) {
			char *end;
			errno = 0;
			unsigned long long s = strtoull(val, &end, 10);
			if (errno || end == val || *end || val[0] == '-' || val[0] == '+')
				return usage_error(
					"--seed '%s' must be a whole number >= 0", val);
			o->seed = (uint64_t)s;
		} else if (!strcmp(arg, "--high-risk-share")) {
			if (!parse_double(val, &d) || d < 0 || d > 1)
				return usage_error("--high-risk-share '%s' must be a "
						   "number from 0 to 1",
						   val);
			o->hr_share = d;
		} else if (!strcmp(arg, "--start") || !strcmp(arg, "--end")) {
			if (!parse_long(val, &l) || l < 1900 || l > 2200)
				return usage_error(
					"%s '%s' must be a year from 1900 to 2200", arg,
					val);
			if (!strcmp(arg, "--start"))
				o->start = (int)l;
			else
				o->end = (int)l;
		} else if (!strcmp(arg, "--budget-factor")) {
			if (!parse_double(val, &d) || d <= 0 || d > 100)
				return usage_error(
					"--budget-factor '%s' must be a number "
					"above 0 and at most 100",
					val);
			o->budget_factor = d;
		} else {
			int p = 0;
			while (p < N_PROFILES && strcmp(val, profiles[p].name))
				p++;
			if (p == N_PROFILES)
				return usage_error("unknown profile '%s' (national, "
						   "uk-2020, uk-2022, us-rural, "
						   "germany-2026)",
						   val);
			o->profile = (enum profile)p;
		}
	}
	const struct profile_def *prof = &profiles[o->profile];
	if (o->sites_text && (o->sites < prof->min_sites || o->sites > MAX_SITES))
		return usage_error("--sites '%s' must be a whole number from %ld to "
				   "1000000",
				   o->sites_text, prof->min_sites);
	if (!o->out_dir)
		return usage_error("missing '-o <dir>'");
	if (!o->sites_text)
		o->sites = prof->default_sites;
	if (o->hr_share < 0)
		o->hr_share = prof->default_hr_share;
	if (!o->start)
		o->start = prof->default_start;
	if (!o->end)
		o->end = prof->default_end;
	if (o->end < o->start || o->end - o->start + 1 > MAX_YEARS)
		return usage_error("the horizon %d..%d must hold 1 to 50 years", o->start,
				   o->end);
	return 0;
}

/* --- Sites ------------------------------------------------------------------ */

/*
 * split_counts: share 'total' among the regions by weight with the largest
 * remainder method, at least 'floor_each' per region (total permitting), so
 * the counts add up exactly.
 */
static void split_counts(const struct profile_def *P, size_t total, size_t floor_each,
			 size_t out[MAX_REGIONS])
{
	const size_t nr = P->n_regions;
	double wsum = 0;
	for (size_t r = 0; r < nr; r++)
		wsum += P->regions[r].weight;
	size_t given = 0;
	double rem[MAX_REGIONS];
	size_t base = total >= floor_each * nr ? floor_each : 0;
	size_t rest = total - base * nr;
	for (size_t r = 0; r < nr; r++) {
		double exact = (double)rest * P->regions[r].weight / wsum;
		out[r] = base + (size_t)exact;
		rem[r] = exact - floor(exact);
		given += out[r];
	}
	while (given < total) {
		size_t best = 0;
		for (size_t r = 1; r < nr; r++)
			if (rem[r] > rem[best])
				best = r;
		out[best]++;
		rem[best] = -1;
		given++;
	}
}

static uint16_t draw_units(struct gen *g, int domain)
{
	switch (domain) {
	case DOM_CORE:
		return (uint16_t)rng_range(g, 20, 80);
	case DOM_TRANSPORT:
		return (uint16_t)rng_range(g, 2, 10);
	case DOM_MGMT:
		/* Servers and licences of an element or network manager. */
		return (uint16_t)rng_range(g, 4, 16);
	default:
		/* 3..12, most near the middle: radio sites have a few sectors. */
		return (uint16_t)((rng_range(g, 3, 12) + rng_range(g, 3, 12) + 1) / 2);
	}
}

static uint8_t draw_other_vendor(struct gen *g, int domain)
{
	double u = rng_real(g);
	for (int v = FIRST_TRUSTED; v < N_VENDORS; v++)
		if (u < other_mix[domain][v])
			return (uint8_t)v;
	return V_ERICSSON;
}

/*
 * make_sites: the inventory, region by region and domain by domain. Each
 * region gets its own high-risk share around the requested one (operators
 * often bought one vendor per region), and share * count of a region's
 * sites of a domain, rounded at random, are high-risk (selection sampling),
 * so the national share stays close to --high-risk-share.
 */
static void make_sites(struct gen *g)
{
	const struct profile_def *P = g->prof;
	const size_t nr = P->n_regions;
	size_t n = (size_t)g->opt.sites;
	size_t n_core = n / P->core_per > P->core_min ? n / P->core_per : P->core_min;
	size_t n_mgmt = 0;
	if (P->has_domain[DOM_MGMT])
		n_mgmt = n / P->mgmt_per > P->mgmt_min ? n / P->mgmt_per : P->mgmt_min;
	size_t n_transport = (size_t)((double)n * 0.09 + 0.5);
	size_t counts[N_DOMAINS][MAX_REGIONS] = {{0}};
	split_counts(P, n_core, 1, counts[DOM_CORE]);
	split_counts(P, n_transport, 2, counts[DOM_TRANSPORT]);
	split_counts(P, n - n_core - n_transport - n_mgmt, 0, counts[DOM_RAN]);
	if (n_mgmt)
		split_counts(P, n_mgmt, 1, counts[DOM_MGMT]);

	/* Tilts up to +-25%, less near a share of 1 so no region is capped. */
	double F = g->opt.hr_share;
	double amp = F > 0 && (1 - F) / F < 0.25 ? (1 - F) / F : 0.25;
	double tilt[MAX_REGIONS], wtilt = 0, wsum = 0;
	for (size_t r = 0; r < nr; r++) {
		tilt[r] = 1 + amp * (2 * rng_real(g) - 1);
		wtilt += tilt[r] * P->regions[r].weight;
		wsum += P->regions[r].weight;
	}

	g->sites = xcalloc(n, sizeof(*g->sites));
	for (size_t r = 0; r < nr; r++) {
		double share = g->opt.hr_share * tilt[r] * wsum / wtilt;
		if (share > 1)
			share = 1;
		for (int d = 0; d < N_DOMAINS; d++) {
			if (!P->has_domain[d])
				continue;
			size_t count = counts[d][r];
			/* Rounded up or down at random, so small counts (one
			 * core site) keep the share on average. */
			size_t need = (size_t)(share * (double)count + rng_real(g));
			for (size_t k = 0; k < count; k++) {
				struct site *s = &g->sites[g->n_sites++];
				s->cluster = -1;
				s->dep[0] = s->dep[1] = -1;
				s->year = -1;
				s->seq = (uint32_t)k + 1;
				s->region = (uint8_t)r;
				s->domain = (uint8_t)d;
				s->units = draw_units(g, d);
				if (rng_real(g) * (double)(count - k) < (double)need) {
					need--;
					s->vendor = rng_real(g) < P->huawei_share
							    ? V_HUAWEI
							    : V_ZTE;
				} else {
					s->vendor = draw_other_vendor(g, d);
				}
				if (d != DOM_RAN)
					s->criticality = P->criticality[d];
				else
					s->criticality = rng_real(g) < 0.15 ? 2 : 1;
			}
		}
	}
}

static bool is_high_risk(const struct site *s)
{
	return s->vendor <= V_ZTE && s->units > 0;
}

/*
 * make_small_clusters: group some high-risk radio sites of one region and
 * one vendor (sites cut over together, e.g. behind one controller). About
 * one site in eight starts a cluster of 2..6; a cluster left with one
 * member at the end of its region is dissolved by make_clusters.
 */
static void make_small_clusters(struct gen *g)
{
	int32_t open[2] = {-1, -1};
	uint32_t left[2] = {0, 0};
	int region = -1;
	g->clusters = xcalloc(g->n_sites + 1, sizeof(*g->clusters));
	for (size_t i = 0; i < g->n_sites; i++) {
		struct site *s = &g->sites[i];
		if (s->region != region) {
			region = s->region;
			open[0] = open[1] = -1;
			left[0] = left[1] = 0;
		}
		if (s->domain != DOM_RAN || !is_high_risk(s))
			continue;
		int v = s->vendor;
		if (left[v] == 0) {
			if (rng_real(g) >= 0.125)
				continue;
			open[v] = (int32_t)g->n_clusters++;
			left[v] = rng_range(g, 2, 6);
			g->clusters[open[v]] = (struct cluster){0, 0, s->region};
		}
		s->cluster = open[v];
		g->clusters[open[v]].n_sites++;
		left[v]--;
	}
}

/*
 * make_regional_clusters: every high-risk radio site goes into a cluster of
 * its region, 20 to 80 sites each (fewer only in a region with fewer than
 * 20 such sites), in inventory order. This is how "a whole region swapped
 * to one new vendor" fits the format, where a cluster is one year and one
 * vendor: a region is cut over in batches a regional crew can do in a year.
 * A batch never leaves fewer than 20 sites for the region's last one.
 */
static void make_regional_clusters(struct gen *g)
{
	uint32_t remaining[MAX_REGIONS] = {0};
	for (size_t i = 0; i < g->n_sites; i++)
		if (g->sites[i].domain == DOM_RAN && is_high_risk(&g->sites[i]))
			remaining[g->sites[i].region]++;
	int32_t open = -1;
	uint32_t left = 0;
	int region = -1;
	g->clusters = xcalloc(g->n_sites + 1, sizeof(*g->clusters));
	for (size_t i = 0; i < g->n_sites; i++) {
		struct site *s = &g->sites[i];
		if (s->region != region) {
			region = s->region;
			left = 0;
		}
		if (s->domain != DOM_RAN || !is_high_risk(s))
			continue;
		if (left == 0) {
			uint32_t r = remaining[region];
			left = r <= 80 ? r : rng_range(g, 20, r - 20 < 80 ? r - 20 : 80);
			remaining[region] -= left;
			open = (int32_t)g->n_clusters++;
			g->clusters[open] = (struct cluster){0, 0, s->region};
		}
		s->cluster = open;
		g->clusters[open].n_sites++;
		left--;
	}
}

/* make_clusters: the profile's kind of clusters, without one-site ones. */
static void make_clusters(struct gen *g)
{
	if (g->prof->regional_clusters)
		make_regional_clusters(g);
	else
		make_small_clusters(g);
	/* Dissolve one-site clusters, then renumber the rest densely. */
	int32_t *map = xcalloc(g->n_clusters + 1, sizeof(*map));
	size_t kept = 0;
	uint32_t per_region[MAX_REGIONS] = {0};
	for (size_t c = 0; c < g->n_clusters; c++) {
		if (g->clusters[c].n_sites < 2) {
			map[c] = -1;
			continue;
		}
		map[c] = (int32_t)kept;
		g->clusters[kept] = g->clusters[c];
		g->clusters[kept].seq = ++per_region[g->clusters[c].region];
		kept++;
	}
	for (size_t i = 0; i < g->n_sites; i++)
		if (g->sites[i].cluster >= 0)
			g->sites[i].cluster = map[g->sites[i].cluster];
	g->n_clusters = kept;
	free(map);
}

/* --- The reference plan ----------------------------------------------------- */

static int year_index(const struct gen *g, int year)
{
	int yi = year - g->opt.start;
	if (yi < 0)
		return 0;
	if (yi > g->n_years - 1)
		return g->n_years - 1;
	return yi;
}

static void set_rules(struct gen *g)
{
	int start = g->opt.start, end = g->opt.end;
	const struct profile_def *P = g->prof;
	if (g->opt.profile != PROFILE_NATIONAL) {
		g->rules.n_deadlines = P->n_deadlines;
		g->rules.n_caps = P->n_caps;
		memcpy(g->rules.deadline, P->deadlines, sizeof(P->deadlines));
		memcpy(g->rules.cap, P->caps, sizeof(P->caps));
	} else {
		int early = start + 2 < end ? start + 2 : end;
		g->rules = (struct rules){
			.n_deadlines = 2,
			.n_caps = 1,
			.deadline = {{DOM_CORE, early, 0},
				     {ALL_DOMAINS, end - 1 > start ? end - 1 : start, 0}},
			.cap = {{DOM_RAN, early, 0.35}},
		};
	}
}

/* deadline_of: the earliest deadline year of domain 'd', or 0 for none. */
static int deadline_of(const struct gen *g, int d)
{
	int year = 0;
	for (int k = 0; k < g->rules.n_deadlines; k++) {
		const struct rule_def *r = &g->rules.deadline[k];
		if ((r->domain == d || r->domain == ALL_DOMAINS) &&
		    (!year || r->year < year))
			year = r->year;
	}
	return year;
}

/*
 * make_targets: T[yi], the share of a domain's high-risk units the
 * reference plan swaps by the end of year yi. It runs linearly from 0
 * before the first year through each checkpoint (year index, share) and
 * reaches 'final' at the last year (1, unless no deadline covers the
 * domain). A checkpoint's share is raised to any
 * earlier checkpoint's, so T never falls.
 */
static void make_targets(int n_years, const int *cp_year, const double *cp_share,
			 int n_cp, double final, double *T)
{
	int py = -1;
	double ps = 0;
	int ys[8];
	double ss[8];
	int k = 0;
	/* Sort the (few) checkpoints by year; add (last year, 1). */
	for (int i = 0; i < n_cp; i++) {
		ys[k] = cp_year[i];
		ss[k] = cp_share[i];
		for (int j = k; j > 0 && ys[j] < ys[j - 1]; j--) {
			int ty = ys[j];
			double ts = ss[j];
			ys[j] = ys[j - 1];
			ss[j] = ss[j - 1];
			ys[j - 1] = ty;
			ss[j - 1] = ts;
		}
		k++;
	}
	ys[k] = n_years - 1;
	ss[k] = final;
	k++;
	for (int i = 1; i < k; i++)
		if (ss[i] < ss[i - 1])
			ss[i] = ss[i - 1];
	for (int i = 0; i < k; i++) {
		for (int y = py + 1; y <= ys[i]; y++)
			T[y] = y == ys[i] ? ss[i]
					  : ps + (ss[i] - ps) * (double)(y - py) /
							    (double)(ys[i] - py);
		if (ys[i] > py) {
			py = ys[i];
			ps = ss[i];
		} else if (ys[i] == py) {
			T[py] = ss[i] > T[py] ? ss[i] : T[py];
			ps = T[py];
		}
	}
}

static void make_swap_units(struct gen *g)
{
	int32_t *cluster_unit = xcalloc(g->n_clusters + 1, sizeof(*cluster_unit));
	for (size_t c = 0; c < g->n_clusters; c++)
		cluster_unit[c] = -1;
	g->swaps = xcalloc(g->n_sites, sizeof(*g->swaps));
	for (size_t i = 0; i < g->n_sites; i++) {
		struct site *s = &g->sites[i];
		if (!is_high_risk(s))
			continue;
		uint32_t u;
		if (s->cluster >= 0 && cluster_unit[s->cluster] >= 0) {
			u = (uint32_t)cluster_unit[s->cluster];
		} else {
			u = (uint32_t)g->n_swaps++;
			g->swaps[u] =
				(struct swap_unit){0, 0, s->domain, s->region, -1, 0};
			if (s->cluster >= 0)
				cluster_unit[s->cluster] = (int32_t)u;
		}
		s->unit = u;
		g->swaps[u].units += s->units;
		g->swaps[u].n_sites++;
	}
	free(cluster_unit);
}

/* escalation: the factor on nominal costs in year index 'yi' (model.md). */
static double escalation(const struct gen *g, int yi)
{
	return pow(1 + g->prof->cost_escalation, yi);
}

/*
 * plan_years: give every swap unit a year. Per domain, the units are
 * shuffled and poured into the years in order: a unit goes into the first
 * year whose target T[yi] * total is still above what was poured before
 * it, so by the end of every year at least T[yi] of the domain's units are
 * swapped. That is what makes deadlines (T = 1) and the radio share cap
 * (T = 1 - (cap - slack) * all radio units / high-risk radio units) hold.
 */
static void plan_years(struct gen *g)
{
	double total_units[N_DOMAINS] = {0}, hr_units[N_DOMAINS] = {0};
	for (size_t i = 0; i < g->n_sites; i++) {
		total_units[g->sites[i].domain] += g->sites[i].units;
		if (is_high_risk(&g->sites[i]))
			hr_units[g->sites[i].domain] += g->sites[i].units;
	}
	uint32_t *order = xcalloc(g->n_swaps + 1, sizeof(*order));
	for (int d = 0; d < N_DOMAINS; d++) {
		int cp_year[2 * MAX_RULES];
		double cp_share[2 * MAX_RULES];
		int n_cp = 0;
		/* "*" deadlines first, then the domain's, then caps: the order
		 * the original generator used. */
		for (int pass = 0; pass < 2; pass++)
			for (int k = 0; k < g->rules.n_deadlines; k++) {
				const struct rule_def *r = &g->rules.deadline[k];
				if (pass == 0 ? r->domain != ALL_DOMAINS : r->domain != d)
					continue;
				cp_year[n_cp] = year_index(g, r->year);
				cp_share[n_cp++] = 1;
			}
		for (int k = 0; k < g->rules.n_caps; k++) {
			const struct rule_def *r = &g->rules.cap[k];
			if (r->domain != d || hr_units[d] <= 0)
				continue;
			double keep = (r->share - CAP_SLACK) * total_units[d];
			double need = 1 - keep / hr_units[d];
			cp_year[n_cp] = year_index(g, r->year);
			cp_share[n_cp++] = need > 0 ? need : 0;
		}
		double final = deadline_of(g, d) ? 1 : g->prof->voluntary;
		double T[MAX_YEARS];
		make_targets(g->n_years, cp_year, cp_share, n_cp, final, T);

		size_t n = 0;
		for (size_t u = 0; u < g->n_swaps; u++)
			if (g->swaps[u].domain == d)
				order[n++] = (uint32_t)u;
		for (size_t k = n; k > 1; k--) {
			uint32_t j = rng_below(g, (uint32_t)k);
			uint32_t t = order[k - 1];
			order[k - 1] = order[j];
			order[j] = t;
		}
		double poured = 0;
		int yi = 0;
		for (size_t k = 0; k < n; k++) {
			struct swap_unit *su = &g->swaps[order[k]];
			while (yi < g->n_years - 1 && !(poured < T[yi] * hr_units[d]))
				yi++;
			/* With no deadline on the domain, what is over the
			 * target stays in place. */
			if (final < 1 && !(poured < T[yi] * hr_units[d])) {
				su->year = -1;
				continue;
			}
			su->year = (int8_t)yi;
			poured += su->units;
		}
	}
	free(order);
}

/*
 * plan_vendors: in year order, give each swap unit to the trusted vendor
 * that supplies its domain and is furthest below its weight in the swaps,
 * never taking a vendor above the radio vendor-share limit.
 */
static bool plan_vendors(struct gen *g)
{
	const struct profile_def *P = g->prof;
	double have[N_VENDORS][N_DOMAINS] = {{0}}, total[N_DOMAINS] = {0};
	double got[N_VENDORS][N_DOMAINS] = {{0}};
	for (size_t i = 0; i < g->n_sites; i++) {
		const struct site *s = &g->sites[i];
		have[s->vendor][s->domain] += s->units;
		total[s->domain] += s->units;
	}
	for (int yi = 0; yi < g->n_years; yi++) {
		for (size_t u = 0; u < g->n_swaps; u++) {
			struct swap_unit *su = &g->swaps[u];
			if (su->year != yi)
				continue;
			int d = su->domain, best = -1;
			double best_score = 0;
			for (int v = FIRST_TRUSTED; v < FIRST_TRUSTED + N_TRUSTED; v++) {
				if (P->unit_cost[v][d] <= 0)
					continue;
				if (d == DOM_RAN && P->ran_vendor_share > 0 &&
				    have[v][d] + su->units >
					    P->ran_vendor_share * total[d])
					continue;
				double score =
					(got[v][d] + su->units) / P->swap_weight[v][d];
				if (best < 0 || score < best_score) {
					best = v;
					best_score = score;
				}
			}
			if (best < 0)
				return false;
			su->to = (uint8_t)best;
			have[best][d] += su->units;
			got[best][d] += su->units;
		}
	}
	for (size_t i = 0; i < g->n_sites; i++) {
		struct site *s = &g->sites[i];
		if (is_high_risk(s)) {
			s->year = g->swaps[s->unit].year;
			s->to = g->swaps[s->unit].to;
		}
	}
	return true;
}

/*
 * add_earliest_years: about 3% of the high-risk sites planned after the
 * first year get an earliest year (a lease, a planning consent), drawn no
 * later than their planned year so the reference plan still holds.
 */
static void add_earliest_years(struct gen *g)
{
	for (size_t i = 0; i < g->n_sites; i++) {
		struct site *s = &g->sites[i];
		if (!is_high_risk(s) || s->year < 1 || rng_real(g) >= 0.03)
			continue;
		s->earliest =
			(int16_t)(g->opt.start + (int)rng_range(g, 1, (uint32_t)s->year));
	}
}

/*
 * add_dependencies: some radio sites hang off a transport site of their
 * region, and some transport sites off a core site of their region ("the
 * transport must be swapped before the radios behind it"). A high-risk child
 * only gets a parent that is not high-risk or that the reference plan swaps
 * in the child's year or earlier; a parent's domain is always one layer up,
 * so there are no cycles. Candidates are kept per region sorted by planned
 * year (not high-risk first, high-risk sites the plan leaves in place
 * last), so the allowed ones are a prefix.
 */
static size_t parent_key(const struct site *s, int n_years)
{
	if (!is_high_risk(s))
		return 0;
	return s->year >= 0 ? (size_t)s->year + 1 : (size_t)n_years + 1;
}

static void add_dependencies(struct gen *g)
{
	const int ny = g->n_years;
	const size_t nkeys = (size_t)(ny + 2), nr = g->prof->n_regions;
	for (int child_dom = DOM_TRANSPORT; child_dom <= DOM_RAN; child_dom++) {
		int parent_dom = child_dom - 1;
		double p_dep = child_dom == DOM_RAN ? 0.30 : 0.50;
		size_t *start = xcalloc(nr * nkeys + 1, sizeof(*start));
		size_t n_parents = 0;
		for (size_t i = 0; i < g->n_sites; i++) {
			const struct site *s = &g->sites[i];
			if (s->domain != parent_dom)
				continue;
			size_t key = parent_key(s, ny);
			start[s->region * nkeys + key + 1]++;
			n_parents++;
		}
		for (size_t k = 1; k <= nr * nkeys; k++)
			start[k] += start[k - 1];
		uint32_t *sorted = xcalloc(n_parents + 1, sizeof(*sorted));
		size_t *fill = xcalloc(nr * nkeys + 1, sizeof(*fill));
		memcpy(fill, start, (nr * nkeys + 1) * sizeof(*fill));
		for (size_t i = 0; i < g->n_sites; i++) {
			const struct site *s = &g->sites[i];
			if (s->domain != parent_dom)
				continue;
			size_t key = parent_key(s, ny);
			sorted[fill[s->region * nkeys + key]++] = (uint32_t)i;
		}
		for (size_t i = 0; i < g->n_sites; i++) {
			struct site *s = &g->sites[i];
			if (s->domain != child_dom || rng_real(g) >= p_dep)
				continue;
			size_t lo = start[s->region * nkeys];
			size_t hi =
				is_high_risk(s) && s->year >= 0
					? start[s->region * nkeys + (size_t)s->year + 2]
					: start[(s->region + 1) * nkeys];
			if (hi <= lo)
				continue;
			int n_deps = child_dom == DOM_RAN && rng_real(g) < 0.1 ? 2 : 1;
			for (int k = 0; k < n_deps; k++) {
				int32_t p = (int32_t)
					sorted[lo + rng_below(g, (uint32_t)(hi - lo))];
				if (k == 0 || p != s->dep[0])
					s->dep[k] = p;
			}
		}
		free(fill);
		free(sorted);
		free(start);
	}
}

static double round_up(double x, double step)
{
	return ceil(x / step) * step;
}

/*
 * set_resources: budgets, capacities and crews from the reference plan's
 * needs. Each year's budget is the factor times that year's spend (a year
 * with no spend gets a tenth of the average, so no year reads as a freeze),
 * rounded up to 10,000 of the currency after a relative nudge that keeps a
 * factor of 1 feasible despite rounding in the planner's arithmetic. Each
 * trusted vendor's capacity and each region's crews are one figure for all
 * years: the peak year's need plus 25%.
 */
static void set_resources(struct gen *g)
{
	const struct profile_def *P = g->prof;
	for (size_t i = 0; i < g->n_sites; i++) {
		const struct site *s = &g->sites[i];
		if (!is_high_risk(s) || s->year < 0)
			continue;
		double cost = (P->site_cost[s->domain] +
			       s->units * P->unit_cost[s->to][s->domain]) *
			      escalation(g, s->year);
		g->spend[s->year] += cost;
		g->vendor_units[s->to][s->year] += s->units;
		g->region_sites[s->region][s->year] += 1;
	}
	double total = 0;
	int n_spent = 0;
	for (int yi = 0; yi < g->n_years; yi++) {
		total += g->spend[yi];
		n_spent += g->spend[yi] > 0;
	}
	double floor_budget = n_spent ? 0.1 * total / n_spent : BUDGET_STEP;
	for (int yi = 0; yi < g->n_years; yi++) {
		double need = g->spend[yi] > 0 ? g->spend[yi] : floor_budget;
		g->budget[yi] = round_up(g->opt.budget_factor * need * (1 + 1e-9) + 1,
					 BUDGET_STEP);
	}
	for (int v = FIRST_TRUSTED; v < FIRST_TRUSTED + N_TRUSTED; v++) {
		double peak = 0;
		for (int yi = 0; yi < g->n_years; yi++)
			peak = fmax(peak, g->vendor_units[v][yi]);
		g->capacity[v] = round_up(fmax(peak * CAPACITY_MARGIN, 10), 10);
	}
	for (size_t r = 0; r < P->n_regions; r++) {
		double peak = 0;
		for (int yi = 0; yi < g->n_years; yi++)
			peak = fmax(peak, g->region_sites[r][yi]);
		g->crews[r] = ceil(fmax(peak * CAPACITY_MARGIN, 1));
	}
}

/*
 * verify_plan: check the reference plan against every rule of model.md
 * with the figures about to be written, from the sites alone. Prints each
 * broken rule and returns false if any is; the budget is only checked when
 * --budget-factor is at least 1.
 */
static bool verify_plan(const struct gen *g)
{
	const struct profile_def *P = g->prof;
	bool ok = true;
	const int ny = g->n_years, start = g->opt.start;
	double spend[MAX_YEARS] = {0}, to_units[N_VENDORS][MAX_YEARS] = {{0}};
	double crews[MAX_REGIONS][MAX_YEARS] = {{0}};
	double dom_total[N_DOMAINS] = {0}, hr_left[N_DOMAINS][MAX_YEARS + 1] = {{0}};
	double have[N_VENDORS] = {0}, ran_to_units[N_VENDORS][MAX_YEARS] = {{0}};
	int64_t *cluster_first = calloc(g->n_clusters + 1, sizeof(*cluster_first));
	if (!cluster_first)
		return false;
	for (size_t c = 0; c < g->n_clusters; c++)
		cluster_first[c] = -1;
	for (size_t i = 0; i < g->n_sites; i++) {
		const struct site *s = &g->sites[i];
		dom_total[s->domain] += s->units;
		if (s->domain == DOM_RAN)
			have[s->vendor] += s->units;
		if (!is_high_risk(s))
			continue;
		int deadline = deadline_of(g, s->domain);
		if (s->year < 0 && !deadline) {
			/* Left in place: counts against caps in every year. */
			for (int y = 0; y < ny; y++)
				hr_left[s->domain][y] += s->units;
			continue;
		}
		if (s->year < 0 || s->year >= ny || P->unit_cost[s->to][s->domain] <= 0) {
			fprintf(stderr, "site %zu has no valid swap\n", i);
			ok = false;
			continue;
		}
		int year = start + s->year;
		if (s->earliest && s->earliest > year) {
			fprintf(stderr, "site %zu swapped before its earliest year\n", i);
			ok = false;
		}
		if (deadline && year > deadline) {
			fprintf(stderr, "site %zu misses a deadline\n", i);
			ok = false;
		}
		if (s->cluster >= 0) {
			if (cluster_first[s->cluster] < 0)
				cluster_first[s->cluster] = (int64_t)i;
			const struct site *first = &g->sites[cluster_first[s->cluster]];
			if (first->year != s->year || first->to != s->to) {
				fprintf(stderr, "cluster of site %zu split\n", i);
				ok = false;
			}
		}
		for (int k = 0; k < MAX_DEPS; k++) {
			if (s->dep[k] < 0)
				continue;
			const struct site *p = &g->sites[s->dep[k]];
			if (p->domain + 1 != s->domain || p->region != s->region ||
			    (is_high_risk(p) && (p->year < 0 || p->year > s->year))) {
				fprintf(stderr, "site %zu depends on a later site\n", i);
				ok = false;
			}
		}
		spend[s->year] += (P->site_cost[s->domain] +
				   s->units * P->unit_cost[s->to][s->domain]) *
				  escalation(g, s->year);
		to_units[s->to][s->year] += s->units;
		crews[s->region][s->year] += 1;
		if (s->domain == DOM_RAN)
			ran_to_units[s->to][s->year] += s->units;
		for (int y = 0; y < s->year; y++)
			hr_left[s->domain][y] += s->units;
	}
	free(cluster_first);
	for (int y = 0; y < ny; y++) {
		if (g->opt.budget_factor >= 1 && spend[y] > g->budget[y]) {
			fprintf(stderr, "year %d spends above its budget\n", start + y);
			ok = false;
		}
		for (int k = 0; k < g->rules.n_caps; k++) {
			const struct rule_def *r = &g->rules.cap[k];
			if (start + y >= r->year &&
			    hr_left[r->domain][y] > r->share * dom_total[r->domain]) {
				fprintf(stderr, "year %d breaks the %s share cap\n",
					start + y, domain_names[r->domain]);
				ok = false;
			}
		}
		for (int v = FIRST_TRUSTED; v < FIRST_TRUSTED + N_TRUSTED; v++) {
			have[v] += ran_to_units[v][y];
			if (to_units[v][y] > g->capacity[v]) {
				fprintf(stderr, "year %d exceeds %s's capacity\n",
					start + y, vendor_names[v]);
				ok = false;
			}
			if (P->ran_vendor_share > 0 && ran_to_units[v][y] > 0 &&
			    have[v] > P->ran_vendor_share * dom_total[DOM_RAN]) {
				fprintf(stderr, "year %d takes %s above its share\n",
					start + y, vendor_names[v]);
				ok = false;
			}
		}
		for (size_t r = 0; r < P->n_regions; r++)
			if (crews[r][y] > g->crews[r]) {
				fprintf(stderr, "year %d exceeds crews of %s\n",
					start + y, P->regions[r].name);
				ok = false;
			}
	}
	return ok;
}

/* --- Writing ---------------------------------------------------------------- */

static void canonical_command(const struct gen *g, char *buf, size_t size)
{
	const struct options *o = &g->opt;
	snprintf(buf, size,
		 "phaseout-gen --profile %s --sites %ld --seed %llu --high-risk-share "
		 "%g%s%s "
		 "--start %d --end %d --budget-factor %g",
		 g->prof->name, o->sites, (unsigned long long)o->seed, o->hr_share,
		 o->clusters ? " --clusters" : "",
		 o->dependencies ? " --dependencies" : "", o->start, o->end,
		 o->budget_factor);
}

/* write_rule_domain: a rule's "domain" value. */
static void write_rule_domain(FILE *f, int domain)
{
	fprintf(f, "\"%s\"", domain == ALL_DOMAINS ? "*" : domain_names[domain]);
}

/*
 * write_scenario: scenario.json, or with 'funded' the us-rural profile's
 * funded.json. Every budget of scenario.json is then budget_share times
 * funded.json's, computed in whole dollars (the budgets are multiples of
 * 10,000 and the share has three decimals), so that a budget scale of
 * exactly that share applied to funded.json gives scenario.json.
 */
static void write_scenario(const struct gen *g, FILE *f, bool funded)
{
	const struct profile_def *P = g->prof;
	double scale = P->budget_share > 0 && !funded ? P->budget_share : 1;
	char cmd[512];
	canonical_command(g, cmd, sizeof(cmd));
	fputs("{\n  \"format\": \"phaseout-scenario/1\",\n", f);
	if (funded) {
		/* "..., funded at 39.5%" becomes "..., fully funded". */
		const char *cut = strstr(P->title, ", funded");
		int len = cut ? (int)(cut - P->title) : (int)strlen(P->title);
		fprintf(f, "  \"name\": \"%.*s, fully funded\",\n", len, P->title);
	} else if (P->title)
		fprintf(f, "  \"name\": \"%s\",\n", P->title);
	else
		fprintf(f,
			"  \"name\": \"Synthetic national mobile network, %ld sites\",\n",
			g->opt.sites);
	fprintf(f,
		"  \"description\": \"Generated by '%s'. Site data, costs, capacities "
		"and "
		"crews are invented.",
		cmd);
	if (P->budget_share > 0 && funded)
		fprintf(f,
			" Budget: the approved cost in full (the shortfall "
			"funded); scenario.json has %g%% of it.",
			100 * P->budget_share);
	else if (P->budget_share > 0)
		fprintf(f,
			" Budget: %g%% of the approved cost in every year (the "
			"program's pro-rata share); funded.json has all of it.",
			100 * P->budget_share);
	fputs("\",\n", f);
	fprintf(f, "  \"currency\": \"%s\",\n", P->currency);
	fprintf(f, "  \"horizon\": {\"start\": %d, \"end\": %d},\n", g->opt.start,
		g->opt.end);
	fputs("  \"sites\": \"sites.csv\",\n", f);
	fprintf(f, "  \"high_risk_vendors\": [%s],\n  \"vendors\": [\n", P->high_risk);
	for (int v = FIRST_TRUSTED; v < FIRST_TRUSTED + N_TRUSTED; v++) {
		fprintf(f, "    {\"name\": \"%s\", \"unit_cost\": {", vendor_names[v]);
		bool first = true;
		for (int d = 0; d < N_DOMAINS; d++) {
			if (P->unit_cost[v][d] <= 0 || !P->has_domain[d])
				continue;
			fprintf(f, "%s\"%s\": %.0f", first ? "" : ", ", domain_names[d],
				P->unit_cost[v][d]);
			first = false;
		}
		fprintf(f, "}, \"capacity\": %.0f}%s\n", g->capacity[v],
			v + 1 < FIRST_TRUSTED + N_TRUSTED ? "," : "");
	}
	fputs("  ],\n  \"site_cost\": {", f);
	bool first = true;
	for (int d = 0; d < N_DOMAINS; d++) {
		if (!P->has_domain[d])
			continue;
		fprintf(f, "%s\"%s\": %.0f", first ? "" : ", ", domain_names[d],
			P->site_cost[d]);
		first = false;
	}
	fputs("},\n  \"budget\": {", f);
	for (int yi = 0; yi < g->n_years; yi++) {
		double b = g->budget[yi];
		if (scale != 1)
			b = round(b / BUDGET_STEP) * round(scale * BUDGET_STEP);
		fprintf(f, "%s\n    \"%d\": %.0f", yi ? "," : "", g->opt.start + yi, b);
	}
	fputs("\n  },\n", f);
	fprintf(f,
		"  \"carry_over\": %s,\n  \"discount_rate\": %g,\n"
		"  \"cost_escalation\": %g,\n",
		P->carry_over ? "true" : "false", P->discount_rate, P->cost_escalation);
	fputs("  \"deadlines\": [", f);
	for (int k = 0; k < g->rules.n_deadlines; k++) {
		fprintf(f, "%s\n    {\"domain\": ", k ? "," : "");
		write_rule_domain(f, g->rules.deadline[k].domain);
		fprintf(f, ", \"year\": %d}", g->rules.deadline[k].year);
	}
	fputs("\n  ],\n", f);
	if (g->rules.n_caps) {
		fputs("  \"share_caps\": [", f);
		for (int k = 0; k < g->rules.n_caps; k++) {
			fprintf(f, "%s\n    {\"domain\": ", k ? "," : "");
			write_rule_domain(f, g->rules.cap[k].domain);
			fprintf(f, ", \"year\": %d, \"max_share\": %.2f}",
				g->rules.cap[k].year, g->rules.cap[k].share);
		}
		fputs("\n  ],\n", f);
	}
	if (P->ran_vendor_share > 0)
		fprintf(f, "  \"max_vendor_share\": {\"ran\": %.1f},\n",
			P->ran_vendor_share);
	double least = g->crews[0];
	for (size_t r = 1; r < P->n_regions; r++)
		least = fmin(least, g->crews[r]);
	fprintf(f, "  \"crews\": {\n    \"default\": %.0f,\n    \"regions\": {", least);
	for (size_t r = 0; r < P->n_regions; r++)
		fprintf(f, "%s\n      \"%s\": %.0f", r ? "," : "", P->regions[r].name,
			g->crews[r]);
	fputs("\n    }\n  },\n  \"objective\": \"exposure\"\n}\n", f);
}

static void write_json(const struct gen *g, FILE *f)
{
	write_scenario(g, f, false);
}

static void write_funded_json(const struct gen *g, FILE *f)
{
	write_scenario(g, f, true);
}

/* site_id: REGION-DOMAIN-NNNNN; the region code of the site's profile. */
static void site_id(const struct gen *g, const struct site *s, char *buf, size_t size)
{
	snprintf(buf, size, "%s-%s-%05u", g->prof->regions[s->region].code,
		 domain_tags[s->domain], (unsigned)s->seq);
}

static void write_sites(const struct gen *g, FILE *f)
{
	fputs("site_id,region,domain,vendor,units,criticality,earliest_year", f);
	if (g->opt.clusters)
		fputs(",cluster", f);
	if (g->opt.dependencies)
		fputs(",depends_on", f);
	fputc('\n', f);
	char id[64];
	for (size_t i = 0; i < g->n_sites; i++) {
		const struct site *s = &g->sites[i];
		site_id(g, s, id, sizeof(id));
		fprintf(f, "%s,%s,%s,%s,%u,%u,", id, g->prof->regions[s->region].name,
			domain_names[s->domain], vendor_names[s->vendor],
			(unsigned)s->units, (unsigned)s->criticality);
		if (s->earliest)
			fprintf(f, "%d", s->earliest);
		if (g->opt.clusters) {
			fputc(',', f);
			if (s->cluster >= 0) {
				const struct cluster *c = &g->clusters[s->cluster];
				fprintf(f, "%s-CL-%04u", g->prof->regions[c->region].code,
					(unsigned)c->seq);
			}
		}
		if (g->opt.dependencies) {
			fputc(',', f);
			for (int k = 0; k < MAX_DEPS; k++) {
				if (s->dep[k] < 0)
					continue;
				site_id(g, &g->sites[s->dep[k]], id, sizeof(id));
				fprintf(f, "%s%s", k ? ";" : "", id);
			}
		}
		fputc('\n', f);
	}
}

/*
 * write_file: write 'dir/name' through a temporary name and a rename, so
 * an interrupted run never leaves a half file that looks whole.
 */
static bool write_file(const struct gen *g, const char *dir, const char *name,
		       void (*writer)(const struct gen *, FILE *))
{
	size_t len = strlen(dir) + strlen(name) + 16;
	char *path = xcalloc(len, 1), *tmp = xcalloc(len, 1);
	snprintf(path, len, "%s/%s", dir, name);
	snprintf(tmp, len, "%s/.%s.tmp", dir, name);
	bool ok = false;
	FILE *f = fopen(tmp, "w");
	if (!f) {
		fprintf(stderr, "phaseout-gen: error: cannot write '%s': %s\n", tmp,
			strerror(errno));
		goto out;
	}
	static char buf[1 << 16];
	setvbuf(f, buf, _IOFBF, sizeof(buf));
	writer(g, f);
	bool failed = ferror(f) != 0;
	if (fclose(f) != 0 || failed) {
		fprintf(stderr, "phaseout-gen: error: cannot write '%s'\n", tmp);
		remove(tmp);
		goto out;
	}
	if (rename(tmp, path) != 0) {
		fprintf(stderr, "phaseout-gen: error: cannot rename '%s' to '%s': %s\n",
			tmp, path, strerror(errno));
		remove(tmp);
		goto out;
	}
	ok = true;
out:
	free(path);
	free(tmp);
	return ok;
}

static void print_summary(const struct gen *g)
{
	size_t hr_sites = 0;
	double units = 0, hr_units = 0, budget = 0, spend = 0;
	double ran = 0, ran_hr = 0;
	for (size_t i = 0; i < g->n_sites; i++) {
		const struct site *s = &g->sites[i];
		units += s->units;
		if (s->domain == DOM_RAN)
			ran += s->units;
		if (is_high_risk(s)) {
			hr_sites++;
			hr_units += s->units;
			if (s->domain == DOM_RAN)
				ran_hr += s->units;
		}
	}
	for (int yi = 0; yi < g->n_years; yi++) {
		budget += g->budget[yi];
		spend += g->spend[yi];
	}
	if (g->prof->budget_share > 0)
		printf("phaseout-gen: wrote %s/scenario.json, %s/funded.json and "
		       "%s/sites.csv\n",
		       g->opt.out_dir, g->opt.out_dir, g->opt.out_dir);
	else
		printf("phaseout-gen: wrote %s/scenario.json and %s/sites.csv\n",
		       g->opt.out_dir, g->opt.out_dir);
	printf("  sites %zu, high-risk sites %zu (%.1f%%), clusters %zu, swap units "
	       "%zu\n",
	       g->n_sites, hr_sites, 100.0 * (double)hr_sites / (double)g->n_sites,
	       g->n_clusters, g->n_swaps);
	printf("  units %.0f, high-risk units %.0f; radio high-risk share %.1f%%\n",
	       units, hr_units, ran > 0 ? 100.0 * ran_hr / ran : 0.0);
	printf("  reference plan cost %s %.0f (nominal), total budget %s %.0f\n",
	       g->prof->currency, spend, g->prof->currency, budget);
	if (g->prof->budget_share > 0)
		printf("  scenario.json gets %g of that budget; funded.json all of it\n",
		       g->prof->budget_share);
	printf("  capacities:");
	for (int v = FIRST_TRUSTED; v < FIRST_TRUSTED + N_TRUSTED; v++)
		printf(" %s %.0f", vendor_names[v], g->capacity[v]);
	printf(" units/year\n");
}

int main(int argc, char **argv)
{
	static struct gen g;
	bool done;
	int status = parse_options(argc, argv, &g.opt, &done);
	if (status || done)
		return status;
	g.prof = &profiles[g.opt.profile];
	g.n_years = g.opt.end - g.opt.start + 1;
	set_rules(&g);
	bool deadlines_hold = true;
	for (int k = 0; k < g.rules.n_deadlines; k++)
		deadlines_hold &= g.rules.deadline[k].year >= g.opt.start;
	if (!deadlines_hold)
		fprintf(stderr,
			"phaseout-gen: warning: a deadline falls before %d, so the "
			"scenario "
			"cannot be feasible\n",
			g.opt.start);
	rng_seed(&g, g.opt.seed);

	make_sites(&g);
	if (g.opt.clusters)
		make_clusters(&g);
	make_swap_units(&g);
	plan_years(&g);
	if (!plan_vendors(&g)) {
		fputs("phaseout-gen: internal error: no trusted vendor can take a swap\n",
		      stderr);
		status = 1;
		goto out;
	}
	add_earliest_years(&g);
	if (g.opt.dependencies)
		add_dependencies(&g);
	set_resources(&g);
	if (deadlines_hold && !verify_plan(&g)) {
		fputs("phaseout-gen: internal error: the reference plan breaks a rule\n",
		      stderr);
		status = 1;
		goto out;
	}
	if (mkdir(g.opt.out_dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "phaseout-gen: error: cannot create '%s': %s\n",
			g.opt.out_dir, strerror(errno));
		status = 1;
		goto out;
	}
	if (!write_file(&g, g.opt.out_dir, "sites.csv", write_sites) ||
	    !write_file(&g, g.opt.out_dir, "scenario.json", write_json) ||
	    (g.prof->budget_share > 0 &&
	     !write_file(&g, g.opt.out_dir, "funded.json", write_funded_json))) {
		status = 1;
		goto out;
	}
	if (!g.opt.quiet)
		print_summary(&g);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("phaseout-gen: error: could not write to standard output\n",
		      stderr);
		status = 1;
	}
out:
	free(g.sites);
	free(g.clusters);
	free(g.swaps);
	return status;
}
