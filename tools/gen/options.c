/*
 * options: parse phaseout-gen's command line (see options.h).
 */
#include "options.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	"\n"
	"Version 2 (phaseout-scenario/2) with any of:\n"
	"  --periods <kind>            year, half, quarter or month: the reference\n"
	"                              plan swaps each unit in one period of its "
	"year\n"
	"  --dated                     deadlines and caps by a date inside a period\n"
	"  --site-deadlines <f>        share of high-risk sites with their own "
	"deadline\n"
	"  --allowed-vendors <f>       share of high-risk sites with allowed_vendors\n"
	"  --vendor-regions            Samsung takes the first half of the regions "
	"only\n"
	"  --sites-cap                 a radio share cap measured by sites\n"
	"  --growth <f>                sites entering service during the horizon, as "
	"a\n"
	"                              share of --sites\n"
	"  -q, --quiet                 print no summary\n"
	"  -h, --help                  show this help\n";

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

bool options_v2(const struct options *o)
{
	return o->per_year > 0 || o->site_deadlines > 0 || o->allowed > 0 ||
	       o->growth > 0 || o->vendor_regions || o->sites_cap || o->dated;
}

/* Hand-rolled rather than getopt_long so that every message names the
 * option as the user typed it. */
int parse_options(int argc, char **argv, struct options *o, bool *done)
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
		if (!strcmp(arg, "--vendor-regions") || !strcmp(arg, "--sites-cap") ||
		    !strcmp(arg, "--dated")) {
			*(arg[2] == 'v'   ? &o->vendor_regions
			  : arg[2] == 's' ? &o->sites_cap
					  : &o->dated) = true;
			continue;
		}
		static const char *const with_value[] = {"-o",
							 "--output",
							 "--sites",
							 "--seed",
							 "--high-risk-share",
							 "--start",
							 "--end",
							 "--budget-factor",
							 "--profile",
							 "--periods",
							 "--site-deadlines",
							 "--allowed-vendors",
							 "--growth",
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
		} else if (!strcmp(arg, "--periods")) {
			static const char *const kinds[] = {"year", "half", "quarter",
							    "month"};
			static const int per_year[] = {1, 2, 4, 12};
			int k = 0;
			while (k < 4 && strcmp(val, kinds[k]))
				k++;
			if (k == 4)
				return usage_error("--periods '%s' must be year, half, "
						   "quarter or month",
						   val);
			o->per_year = per_year[k];
		} else if (!strcmp(arg, "--site-deadlines") ||
			   !strcmp(arg, "--allowed-vendors") ||
			   !strcmp(arg, "--growth")) {
			if (!parse_double(val, &d) || d < 0 || d > 1)
				return usage_error("%s '%s' must be a number from 0 to 1",
						   arg, val);
			*(arg[2] == 's'   ? &o->site_deadlines
			  : arg[2] == 'a' ? &o->allowed
					  : &o->growth) = d;
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
	if (o->per_year == 0 && options_v2(o))
		o->per_year = 1;
	if (o->end < o->start || o->end - o->start + 1 > MAX_YEARS)
		return usage_error("the horizon %d..%d must hold 1 to 50 years", o->start,
				   o->end);
	return 0;
}
