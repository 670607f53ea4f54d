/*
 * plan_read: reads back a plan folder as `phaseout plan -o DIR` writes it
 * (plan.csv, timeline.csv, summary.json; formats in
 * shared/spec/cli-and-outputs.md), for commands that compare plans.
 *
 * CSV rows may end with CRLF or LF; RFC 4180 quoting is undone, and so is
 * csvw's formula guard: a text field that starts with "'" followed by '=',
 * '+', '-', '@', "'", a tab or a carriage return loses the "'"; in a
 * version 2 plan.csv (one with the 'period' column) every leading "'" is
 * a guard's and comes off (shared/spec/cli-and-outputs-2.md). Spaces around
 * fields are kept (csvw does not quote a site id that starts with a space).
 * Columns are found by their header names, so their order does not matter
 * and unknown columns are ignored.
 *
 * Periods: a version 2 plan.csv and timeline.csv carry a 'period' label
 * (2024, 2024-H2, 2024-Q3, 2024-07); a version 1 file's periods are its
 * years. Every label of a folder is of one kind ('per_year'), its year is
 * the row's 'year', and a summary.json 'periods' must name that kind.
 * Periods are kept as one number per period, year * per_year + (the
 * half, quarter or month - 1), so that a year's number is the year itself
 * and periods of one kind compare as numbers; plan_read_period_label()
 * gives the label back.
 *
 * Calling sequence:
 *	struct diag d;
 *	diag_init(&d);
 *	char *error = NULL;
 *	struct plan_read *p = plan_read_load(dir, &d, &error);
 *	if (!p) { print error ("phaseout: error: %s") and/or diag_print(&d) }
 *	...
 *	plan_read_destroy(p);
 *	free(error);
 *
 * Ownership: a plan_read owns every string it holds; pointers into it are
 * valid until plan_read_destroy().
 */
#ifndef PHASEOUT_PLAN_READ_H
#define PHASEOUT_PLAN_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"
#include "util/xalloc.h"

/* One row of plan.csv: one high-risk site. */
struct plan_read_site {
	const char *id;
	const char *region;
	const char *domain;
	const char *to_vendor; /* NULL when not swapped within the horizon */
	int year;              /* 0 when not swapped within the horizon */
	int period;            /* the swap period's number (above); 0 likewise */
	int64_t units;
	unsigned line; /* where the row starts in plan.csv */
};

/* One row of timeline.csv: a year, or a period of a version 2 file. */
struct plan_read_year {
	int year;
	int period;       /* its number (above): the year itself for years */
	double spend;     /* nominal money spent that year; NAN when empty */
	double hr_share;  /* HR units left over all units, 0..1; NAN when empty */
	double available; /* own money usable; NAN when empty (unlimited) or absent */
};

struct plan_read {
	char *dir; /* as given */

	struct plan_read_site *sites; /* in plan.csv's order */
	size_t n_sites;
	struct plan_read_year *years; /* in timeline.csv's order */
	size_t n_years;

	int per_year;  /* the periods' kind: 1 (years; every version 1 plan), 2, 4, 12 */
	bool version2; /* plan.csv has the version 2 columns */

	/* From summary.json. Strings are "" and numbers NAN when absent or
	 * null; completion_year is 0 when null (not complete). */
	const char *scenario;
	const char *scenario_file; /* the scenario.json path as `plan` was given it */
	const char *status;
	const char *currency;
	double exposure;     /* E, weighted unit-years */
	double present_cost; /* net present cost */
	double nominal_cost;
	double budget_scale;
	int completion_year;
	/* The period of the last swap when the plan completes (the first of
	 * completion_year when it swaps nothing), 0 when not complete. */
	int completion_period;
	/* summary.json's "overrides" (--set, --scale), in order; none when
	 * absent. In 'pool'; the array is the plan_read's. */
	const char **overrides;
	size_t n_overrides;

	struct strpool pool;
};

/*
 * plan_read_load: read the folder 'dir'. Returns NULL when anything is
 * wrong. Problems inside a file are added to 'd' as "DIR/FILE:LINE[:COL]:
 * message" (a number's column is its field number); a problem with the
 * folder itself is returned in '*error' instead, a fresh string (free it)
 * ready for "phaseout: error: %s": it does not exist, is not a folder,
 * holds no plan.csv (as after an infeasible run), holds another command's
 * output, or is not the one whole run its summary.json records (a file
 * not matching its SHA-256 there, missing, or not listed).
 *
 * Every file is opened through one descriptor of 'dir', so a run replacing
 * the folder meanwhile cannot mix two runs into one read (a read that such
 * a run cut short is done again on the new folder); the CSVs are hashed as
 * they are parsed. Only regular files are read, summary.json up
 * to 64 MiB. A summary.json without "checksums" (written before them) is
 * taken as it is.
 */
struct plan_read *plan_read_load(const char *dir, struct diag *d, char **error);

/*
 * plan_read_load_plan: plan.csv of 'dir' alone, as a baseline is read
 * (cli-and-outputs-2.md, "Moves"): the folder checks and plan.csv's
 * problems as plan_read_load() reports them, but no timeline.csv, no
 * summary.json and no checksums (a baseline may be a plan.csv edited or
 * written by hand: it is what the user says was planned). 'per_year' is
 * 0 when no row is swapped (a plan of no kind); the summary.json fields
 * keep their "absent" values.
 */
struct plan_read *plan_read_load_plan(const char *dir, struct diag *d, char **error);

/* plan_read_period_label: the label of period number 'period' of kind
 * 'per_year' ("2024", "2024-Q3", ...) into buf (at least 12 bytes). */
void plan_read_period_label(int per_year, int period, char *buf, size_t size);

/* plan_read_period_noun: "year", "half", "quarter" or "month", plural
 * ("years", "halves", ...) when 'plural'. */
const char *plan_read_period_noun(int per_year, bool plural);

/* plan_read_destroy: free 'p'; NULL is a no-op. */
void plan_read_destroy(struct plan_read *p);

#endif
