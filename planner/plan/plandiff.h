/*
 * plandiff: what changes between two plans read back from their folders
 * (plan_read.h), as `phaseout diff A B` reports it: sites that move to
 * another period or change vendor, sites newly swapped or no longer
 * swapped within the horizon, each period's spend and high-risk share side
 * by side, and the change in exposure, cost and completion.
 *
 * Both plans must be in periods of one kind (plandiff_same_periods()):
 * a site's decision is (period, vendor), periods being years for yearly
 * plans, version 1's or version 2's alike, so those compare as version 1
 * did. With periods finer than a year, the moves are also counted by
 * (from, to) period, and each year's periods are followed by the year's
 * subtotal.
 *
 * Sites are matched by site_id. Plans of different scenarios may hold
 * different sites: those in one plan only are listed as such (change
 * "only_in_a" or "only_in_b") and every count of moves and vendor changes
 * is over the sites in both plans.
 *
 * Calling sequence:
 *	struct plandiff *pd = plandiff_create(a, b);
 *	report_diff_write_text(pd, stdout);     (output/report_diff.h)
 *	f = outdir_open(od, "diff.csv"); report_diff_write_csv(pd, f);
 *	plandiff_destroy(pd);
 *
 * Ownership: a plandiff borrows both plans; they must outlive it.
 */
#ifndef PHASEOUT_PLANDIFF_H
#define PHASEOUT_PLANDIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/plan_read.h"

/* What differs for one site, B compared with A; several may be set. */
enum plandiff_change {
	PLANDIFF_EARLIER = 1 << 0,   /* swapped in both, in an earlier period in B */
	PLANDIFF_LATER = 1 << 1,     /* swapped in both, in a later period in B */
	PLANDIFF_ADDED = 1 << 2,     /* swapped in B only (within the horizon) */
	PLANDIFF_REMOVED = 1 << 3,   /* swapped in A only */
	PLANDIFF_VENDOR = 1 << 4,    /* swapped in both, to another vendor */
	PLANDIFF_REGION = 1 << 5,    /* the site's region differs (other inventory) */
	PLANDIFF_DOMAIN = 1 << 6,    /* the site's domain differs */
	PLANDIFF_UNITS = 1 << 7,     /* the site's units differ */
	PLANDIFF_ONLY_IN_A = 1 << 8, /* the site is in plan A only */
	PLANDIFF_ONLY_IN_B = 1 << 9, /* the site is in plan B only */
};

/* One site that differs. */
struct plandiff_site {
	const struct plan_read_site *a; /* NULL when the site is not in A */
	const struct plan_read_site *b; /* NULL when the site is not in B */
	unsigned changes;               /* enum plandiff_change bits */
};

/*
 * One period of either timeline; a period missing from a plan has NAN
 * figures. With periods finer than a year, a row with 'year_total' after
 * each year's periods sums the year: its spend is the sum of the year's
 * periods in that plan, its HR share that of the plan's last period of the
 * year ('period' is then that year's first period).
 */
struct plandiff_year {
	int year;
	double spend_a, spend_b;       /* nominal money */
	double hr_share_a, hr_share_b; /* HR units left over all units, 0..1 */
	int period;                    /* its number (plan_read.h) */
	bool year_total;
};

/* The sites of both plans swapped in 'from' in A and in 'to' in B. */
struct plandiff_move {
	int from, to; /* period numbers, from != to */
	size_t sites;
	int64_t units;
};

struct plandiff {
	const struct plan_read *a, *b;

	struct plandiff_site *sites; /* the sites that differ, by site_id bytewise */
	size_t n_sites;
	struct plandiff_year *years; /* every period of either plan, ascending */
	size_t n_years;
	struct plandiff_move *moves; /* by from, then to */
	size_t n_moves;
	int per_year; /* the plans' kind of period (plan_read.h) */

	size_t n_common; /* sites in both plans */
	size_t n_only_a, n_only_b;
	size_t n_earlier, n_later;              /* moved to another period */
	int64_t periods_earlier, periods_later; /* summed over those sites */
	size_t n_added, n_removed, n_vendor;    /* of the common sites */
	size_t n_inventory; /* common sites whose region, domain or units differ */
};

/* plandiff_same_periods: whether 'a' and 'b' are in periods of one kind,
 * as plandiff_create() needs. */
bool plandiff_same_periods(const struct plan_read *a, const struct plan_read *b);

/* plandiff_create: compare 'a' (the reference) with 'b', plans in periods
 * of one kind. */
struct plandiff *plandiff_create(const struct plan_read *a, const struct plan_read *b);

/* plandiff_destroy: free 'pd' (not the plans); NULL is a no-op. */
void plandiff_destroy(struct plandiff *pd);

/*
 * plandiff_change_text: the change column of diff.csv for 'changes',
 * names joined by ';' in a fixed order, e.g. "later;vendor". Writes at
 * most 'size' bytes to 'buf', whole names only (128 bytes hold them all).
 */
void plandiff_change_text(unsigned changes, char *buf, size_t size);

#endif
