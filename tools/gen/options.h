/*
 * options: phaseout-gen's command line, with each profile's defaults
 * filled in, and its usage errors ("phaseout-gen: error: ..." and a hint,
 * exit status 2).
 */
#ifndef PHASEOUT_GEN_OPTIONS_H
#define PHASEOUT_GEN_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "profiles.h"

#define MAX_SITES 1000000L
#define MAX_YEARS 50

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
	/* Version 2 (scenario-format-2.md); all zero/false: version 1. */
	int per_year;          /* --periods: 1, 2, 4 or 12 */
	double site_deadlines; /* share of HR sites with their own deadline */
	double allowed;        /* share of HR sites with allowed_vendors */
	double growth;         /* sites entering service, share of --sites */
	bool vendor_regions, sites_cap, dated;
};

/* options_v2: whether any version 2 option was given. */
bool options_v2(const struct options *o);

/*
 * parse_options: fill 'o' from argv. Returns 2 after a usage error (already
 * printed), else 0; '*done' tells that --help was printed and nothing more
 * is to be done.
 */
int parse_options(int argc, char **argv, struct options *o, bool *done);

#endif
