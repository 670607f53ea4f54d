/*
 * baseline: an earlier plan a re-plan should move as few sites from as it
 * can (`plan --baseline DIR`, cli-and-outputs-2.md "Moves"): DIR/plan.csv
 * read by plan_read_load_plan(), matched to the scenario's sites by
 * site_id.
 *
 * A site's baseline decision is (period, to_vendor) of its row (the year
 * in a version 1 file); an empty row, or no row, means unswapped. A swap
 * the scenario cannot repeat (a period outside its horizon, a vendor it
 * does not name) is BASELINE_ELSEWHERE: every decision moves such a site.
 *
 * Calling sequence:
 *	struct diag d; diag_init(&d);
 *	char *error = NULL;
 *	struct baseline *b = baseline_load(dir, scenario, &d, &error);
 *	if (!b) { print error and/or diag_print(&d); exit 2 }
 *	... b->note (sites the scenario does not have), instance, plan ...
 *	baseline_destroy(b);
 *	free(error);
 *
 * Ownership: a baseline owns its arrays and strings; it is matched to one
 * scenario and must be used with that one only.
 */
#ifndef PHASEOUT_BASELINE_H
#define PHASEOUT_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/scenario.h"
#include "util/diag.h"

#define BASELINE_UNSWAPPED (-1) /* not swapped in the baseline, or not in it */
#define BASELINE_ELSEWHERE (-2) /* swapped where this scenario cannot swap it */

struct baseline {
	char *dir; /* as given */
	/* Per scenario site (all of them; only high-risk ones count): the
	 * baseline's period index in this scenario's horizon, or
	 * BASELINE_UNSWAPPED / BASELINE_ELSEWHERE; and its trusted vendor
	 * (index into scenario->vendors), -1 unless a period. */
	int *period;
	int *vendor;
	size_t n_sites;
	size_t n_rows;    /* rows of plan.csv */
	size_t n_unknown; /* rows whose site_id the scenario does not have */
	/* "DIR/plan.csv names N sites the scenario does not have: ..." when
	 * n_unknown > 0, else NULL. */
	char *note;
};

/* baseline_create: a baseline of 's' named 'dir' that swaps nothing
 * (baseline_load() fills it; tests set its decisions by hand). */
struct baseline *baseline_create(const struct scenario *s, const char *dir);

/*
 * baseline_load: read 'dir' for scenario 's'. NULL when anything is
 * wrong: problems inside plan.csv go to 'd' (located), a problem with the
 * folder or a baseline planned in another kind of periods to '*error' (a
 * fresh string for "phaseout: error: %s"). Nothing is solved or written.
 */
struct baseline *baseline_load(const char *dir, const struct scenario *s, struct diag *d,
			       char **error);

/* baseline_moved: whether site 'site' swapped in period 'period' to vendor
 * 'vendor' (-1 / -1: unswapped) is moved from the baseline. */
bool baseline_moved(const struct baseline *b, uint32_t site, int period, int vendor);

/*
 * baseline_overdue: whether a moved site is also overdue (its baseline
 * period ends before replan_from). Without replan_from (not read yet:
 * scenario-format-2.md) nothing is overdue; once it is, this is the one
 * place that decides it, from b->period[site] and the scenario's first
 * re-planned period.
 */
bool baseline_overdue(const struct baseline *b, const struct scenario *s, uint32_t site);

/* baseline_destroy: free 'b'; NULL is a no-op. */
void baseline_destroy(struct baseline *b);

#endif
