/*
 * plan_totals: a plan's sites, units and money summed by any choice of
 * period (or calendar year), region, domain and trusted vendor, for
 * totals.csv and the workbook's Totals sheet.
 *
 *	struct plan_totals *t = plan_totals_create(p, TOTALS_YEAR | TOTALS_VENDOR);
 *	for (size_t i = 0; i < t->n; i++) ...t->rows[i]...
 *	...t->all: every HR site...
 *	plan_totals_destroy(t);
 *
 * Every figure is a sum of the plan's reported cells (plan.h: the rounded
 * cents of each plan.csv row, its units), in int64, so each total equals
 * the sum of plan.csv's rows it covers, to the cent. Rows come in the
 * order of the keys chosen: period (or year), region, domain, vendor, the
 * names bytewise; the sites left unswapped follow as rows with period,
 * year and vendor unset (-1, 0, -1) and no money.
 *
 * Ownership: the totals borrow nothing; free them with
 * plan_totals_destroy().
 */
#ifndef PHASEOUT_PLAN_TOTALS_H
#define PHASEOUT_PLAN_TOTALS_H

#include <stddef.h>
#include <stdint.h>

#include "plan/plan.h"

/* The keys a table is summed by; any combination. TOTALS_PERIOD implies
 * the period's year. A key not chosen is unset in every row. */
enum {
	TOTALS_PERIOD = 1,
	TOTALS_YEAR = 2,
	TOTALS_REGION = 4,
	TOTALS_DOMAIN = 8,
	TOTALS_VENDOR = 16,
};

struct totals_row {
	int period;     /* period index, -1 = unswapped or not a key */
	int year;       /* calendar year, 0 = unswapped or not a key */
	int64_t region; /* index into scenario->regions, -1 = not a key */
	int64_t domain; /* index into scenario->domains, -1 = not a key */
	int vendor;     /* index into scenario->vendors, -1 = unswapped or not a key */
	int swapped;    /* 1 for swapped sites, 0 for the unswapped rows */
	int64_t sites, units;
	int64_t nominal_cents, present_cents; /* sums of total_cents, present_cents */
};

struct plan_totals {
	struct totals_row *rows;
	size_t n;
	struct totals_row all;     /* every HR site of the plan, no key set */
	struct totals_row swapped; /* the swapped ones */
};

/* plan_totals_create: the totals of 'p' by 'keys' (TOTALS_* ored). */
struct plan_totals *plan_totals_create(const struct plan *p, unsigned keys);

/* plan_totals_destroy: free; NULL is a no-op. */
void plan_totals_destroy(struct plan_totals *t);

#endif
