/*
 * plandiff: what changes between two plans read back from their folders
 * (plan_read.h), as `phaseout diff A B` reports it: sites that move year
 * or change vendor, sites newly swapped or no longer swapped within the
 * horizon, the year-by-year spend and high-risk share side by side, and
 * the change in exposure, cost and completion year.
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

#include <stddef.h>
#include <stdint.h>

#include "input/plan_read.h"

/* What differs for one site, B compared with A; several may be set. */
enum plandiff_change {
	PLANDIFF_EARLIER = 1 << 0,   /* swapped in both, earlier in B */
	PLANDIFF_LATER = 1 << 1,     /* swapped in both, later in B */
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

/* One year of either timeline; a year missing from a plan has NAN figures. */
struct plandiff_year {
	int year;
	double spend_a, spend_b;       /* nominal money */
	double hr_share_a, hr_share_b; /* HR units left over all units, 0..1 */
};

struct plandiff {
	const struct plan_read *a, *b;

	struct plandiff_site *sites; /* the sites that differ, by site_id bytewise */
	size_t n_sites;
	struct plandiff_year *years; /* every year of either plan, ascending */
	size_t n_years;

	size_t n_common; /* sites in both plans */
	size_t n_only_a, n_only_b;
	size_t n_earlier, n_later;           /* moved to another year */
	int64_t years_earlier, years_later;  /* summed over those sites */
	size_t n_added, n_removed, n_vendor; /* of the common sites */
	size_t n_inventory; /* common sites whose region, domain or units differ */
};

/* plandiff_create: compare 'a' (the reference) with 'b'. */
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
