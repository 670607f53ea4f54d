/*
 * why: why each high-risk site of a plan goes when it goes (plan.csv's
 * 'why' column, `phaseout explain`).
 *
 * Every reason is a fact of the final plan, recomputed from its sites and
 * timeline and the scenario, never from how the plan was found. A site
 * goes with its swap unit (its cluster, or itself), so the figures are the
 * unit's: its cost, units, sites per region. For the unit's swap period P
 * (the horizon's end when it stays unswapped):
 *
 *  - the first period E it may go: its own (or its cluster's) `earliest`
 *    or earliest_year, or the first period after the history of a re-plan;
 *  - for each period q from E to P - 1, what was full in q:
 *	budget     the own money left in q (the year's money less the year's
 *	           own spend, and a period key's money less the period's, the
 *	           unit's own cost given back when q is in P's year) is below
 *	           its cost in q's prices with every vendor that had room;
 *	capacity   a vendor allowed to take it has fewer units left in q
 *	           (year and period key, its own units given back likewise)
 *	           than the unit's units, or would go over its max_vendor_share
 *	           at the end of some period from q on (to its own swap
 *	           period when it is the unit's vendor); stated only when those
 *	           vendors and the budget together leave it no vendor;
 *	crews      a region of its sites has fewer crews left in q than the
 *	           unit's sites there;
 *	dependency a high-risk site it depends on (outside its cluster) is not
 *	           swapped by the end of q;
 *    and, when nothing was full: with the cost objectives, that no deadline
 *    or cap needed it before P (when that is so); with exposure, that it
 *    adds no exposure (criticality 0), or that others removed more
 *    exposure per money first.
 *
 * Calling sequence:
 *	struct why *w = why_create(plan);
 *	char *cell = why_site_text(w, k);        (k: index into plan->sites)
 *	struct why_site ws; why_explain(w, k, &ws); ... why_site_finish(&ws);
 *	why_destroy(w);
 *
 * Ownership: a why borrows its plan (and the plan's scenario) and must not
 * outlive it; texts are malloc'd and the caller's to free; a why_site owns
 * its arrays until why_site_finish().
 */
#ifndef PHASEOUT_WHY_H
#define PHASEOUT_WHY_H

#include <stddef.h>
#include <stdint.h>

#include "plan/plan.h"

enum why_reason {
	WHY_BUDGET = 1u << 0,
	WHY_CAPACITY = 1u << 1,
	WHY_CREWS = 1u << 2,
	WHY_DEPENDENCY = 1u << 3,
	WHY_NOT_NEEDED = 1u << 4,   /* no deadline or cap needed it yet (cost) */
	WHY_NO_EXPOSURE = 1u << 5,  /* it adds no exposure (exposure objective) */
	WHY_OTHERS_FIRST = 1u << 6, /* nothing was full: others went first */
};

/* Where the first period it may go comes from. */
enum why_from {
	WHY_FROM_START,         /* the horizon's first period */
	WHY_FROM_EARLIEST,      /* a site's `earliest` date */
	WHY_FROM_EARLIEST_YEAR, /* a site's earliest_year */
	WHY_FROM_HISTORY,       /* a re-plan: the periods before replan_from */
};

struct why_vendor_left {
	uint32_t vendor; /* into scenario->vendors */
	/* false: at capacity, 'left' the units it had left in the period;
	 * true: at its max_vendor_share in 'domain', 'left' the units it could
	 * still gain there by the end of every period the swap would count in */
	bool share;
	uint32_t domain;
	double left;
};

struct why_crews_left {
	uint32_t region; /* into scenario->regions */
	double left;     /* crews left in the period */
	uint32_t need;   /* the unit's sites in the region */
};

/* One period before the swap, and what was full in it. */
struct why_period {
	int period;
	unsigned reasons; /* enum why_reason bits */
	/* WHY_BUDGET: the own money left in the period and the unit's least
	 * cost then with a vendor that had room (nominal). */
	double money_left, cost;
	/* WHY_CAPACITY, WHY_CREWS, WHY_DEPENDENCY: ranges of the site's
	 * arrays below. */
	uint32_t first_vendor, n_vendors;
	uint32_t first_region, n_regions;
	uint32_t first_dep, n_deps;
};

struct why_site {
	uint32_t site; /* into scenario->sites */
	int period;    /* the plan's period, -1 unswapped */
	int earliest;  /* E: may be >= n_periods (never inside the horizon) */
	enum why_from from;
	uint32_t from_site;  /* the site whose earliest it is (a cluster's) */
	const char *cluster; /* NULL: the site is its own swap unit */
	int64_t units;       /* the unit's units */
	uint32_t n_unit_sites;
	struct why_period *periods; /* E .. P - 1, in order */
	size_t n_periods;
	struct why_vendor_left *vendors;
	size_t n_vendors;
	struct why_crews_left *regions;
	size_t n_regions;
	uint32_t *deps; /* scenario site indices */
	size_t n_deps;
};

/* why_create: the tallies of plan 'p' every account reads. */
struct why *why_create(const struct plan *p);

/* why_destroy: free 'w'; NULL is a no-op. */
void why_destroy(struct why *w);

/* why_explain: the account of p->sites[k] into 'out' (filled whole). */
void why_explain(const struct why *w, size_t k, struct why_site *out);

/* why_site_finish: free the arrays of 'ws'. */
void why_site_finish(struct why_site *ws);

/*
 * why_text: the account as one short line for a CSV cell, periods with
 * the same reasons joined into a range ("2024..2025"):
 *	"not before 2025 (earliest 2025-03-01); 2025: budget spent;
 *	 2026: Ericsson, Nokia at capacity"
 * "" for a site swapped in the horizon's first period. malloc'd.
 */
char *why_text(const struct why *w, const struct why_site *ws);

/* why_period_text: the reasons of one period ("budget spent, B not yet
 * swapped"), malloc'd. */
char *why_period_text(const struct why *w, const struct why_site *ws,
		      const struct why_period *wp);

/* why_from_text: where E comes from ("earliest 2025-03-01", "earliest_year
 * of X", "re-plan from 2024-Q2"), malloc'd; NULL for WHY_FROM_START. */
char *why_from_text(const struct why *w, const struct why_site *ws);

/* why_site_text: why_explain() and why_text() in one call; empty for a
 * ledger row (done or committed: not the planner's choice). */
char *why_site_text(const struct why *w, size_t k);

#endif
