/*
 * history: a re-plan's past and commitments (replan_from and the `fixed`
 * ledger, model-2.md rule 6 and "Rules already broken when
 * re-planning"), solver-free: each high-risk site's ledger row, which
 * deadlines and caps are broken before the re-plan, the hard deadline a
 * site keeps and the violation V_b of the broken ones.
 *
 * A deadline (rule, regional, a site's own, or a fund's final date) is
 * broken when a site it
 * covers is late for it by the ledger alone: its ledger row is after the
 * binding end, or it has none while the binding end is before
 * replan_from. A share cap is broken when the ledger's done swaps leave
 * it above its limit at a period end from its binding end to the last
 * before replan_from. A binding end before the horizon's first period
 * end is the pre-check's impossibility and never "broken"; one after
 * the horizon binds nothing.
 *
 * Calling sequence:
 *	struct history *h = history_create(s);   (NULL: no ledger, no re-plan)
 *	... history_site_deadline(h, site) ...
 *	history_destroy(h);
 *
 * Ownership: borrows the scenario; owns its arrays.
 */
#ifndef PHASEOUT_HISTORY_H
#define PHASEOUT_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input/scenario.h"

struct history {
	const struct scenario *s;
	int replan_p;          /* first period the planner decides */
	uint32_t *row_of;      /* [n_sites] ledger row, UINT32_MAX none */
	bool *deadline_broken; /* [n_deadlines] */
	bool *own_broken;      /* [n_sites] the site's own deadline */
	bool *cap_broken;      /* [n_caps] */
	bool *fund_broken;     /* [n_funds] its final date (rule 8) */
	bool any_broken;
};

/* history_create: NULL when the scenario has neither replan_from (past
 * its first day) nor a ledger, so that every caller's plain path stays. */
struct history *history_create(const struct scenario *s);
void history_destroy(struct history *h);

/* history_uses: whether s has a re-plan or a ledger (history_create()
 * would return non-NULL). */
bool history_uses(const struct scenario *s);

/* history_deadline_covers: whether deadline rule r covers 'site'. */
bool history_deadline_covers(const struct scenario *s, const struct deadline_rule *r,
			     const struct site *site);

/* history_fund_covers: whether fund f pays for 'site' (its domain). */
bool history_fund_covers(const struct fund *f, const struct site *site);

/*
 * history_late_for: whether site (index) is late for a deadline binding
 * at the end of period b by the ledger alone: its row is after b, or it
 * has none and b is history (a binding end before the horizon's first
 * period end, b = -1, too, when the re-plan starts after the horizon's
 * first day). The test behind every *_broken flag below; check's
 * replan_check.c lists the late sites with it.
 */
bool history_late_for(const struct history *h, size_t site, int b);

/*
 * history_site_deadline: the binding end of the earliest deadline that
 * covers 'site' and is not broken (INT_MAX none): the one a planned swap
 * of it must keep.
 */
int history_site_deadline(const struct history *h, const struct site *site);

/*
 * history_site_vb: the violation V_b (model-2.md) a swap of 'site' in
 * period p adds (p = -1: unswapped to the horizon's end): over the
 * broken deadlines covering it whose binding end is before p's end, its
 * units x the years from replan_from to the end of p (to the horizon's
 * end plus one period unswapped).
 */
double history_site_vb(const struct history *h, const struct site *site, int p);

/*
 * history_pin_groups: pin every group of ledger sites (each its own
 * group: a site alone or a cluster) to its row's period, vendor and
 * cost, and drop the dependencies a fixed swap already breaks (one whose
 * site must go first is fixed later, or is not fixed and cannot go by
 * then). instance_create() calls it when in->history is set.
 */
struct instance;
void history_pin_groups(struct instance *in);

/* history_fixed_p: the period of site i's ledger row, -1 none. */
int history_fixed_p(const struct history *h, size_t site);

#endif
