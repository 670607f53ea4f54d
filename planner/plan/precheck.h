/*
 * precheck: the rules that cannot hold whatever the plan, found from
 * bounds without solving, period by period (money, vendor capacity and
 * crews against what is due by each deadline's binding end, the sites'
 * own deadlines included; swap units that no period up to then can take;
 * deadlines already past; share caps out of reach, and in version 2 a
 * cap's money, capacity and crews by its date), and notes that are not
 * impossible but shape every plan (dependency cycles, a trusted vendor
 * already above max_vendor_share, rules after the horizon, swap units
 * that will stay), and what replan_check.h finds about a programme in
 * flight (the ledger's facts, rules broken before the re-plan, funds).
 *
 * The bounds here do not count the ledger's swaps (fixed whatever the
 * rules say) nor the funds' money, so with a ledger their proofs about
 * earliest periods, money, capacity, crews and caps, and with funds their
 * proofs about money (and units no year can take, whose reason may be
 * money), are kept as notes that say so.
 *
 * Used by 'phaseout check', and by the diagnosis of an infeasible plan to
 * say why in the users' words. Every finding is a bound that no plan can
 * beat, so an "impossible" finding is proof, while finding nothing
 * impossible does not prove that a plan exists.
 *
 * Calling sequence:
 *	struct instance *in = instance_create(s, budget_scale, true);
 *	struct precheck *pc = precheck_run(in);
 *	for (size_t i = 0; i < pc->count; i++)
 *		puts(pc->findings[i].message);
 *	precheck_destroy(pc);
 *
 * Ownership: a precheck owns its findings and their messages; it borrows
 * nothing after precheck_run() returns.
 */
#ifndef PHASEOUT_PRECHECK_H
#define PHASEOUT_PRECHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "plan/instance.h"

enum precheck_kind {
	PRECHECK_DEADLINE_PAST, /* impossible: deadline before the start */
	PRECHECK_UNREACHABLE,   /* impossible: units due that no period can take */
	PRECHECK_MONEY,         /* impossible: cost due by a period > budget */
	PRECHECK_CAPACITY,      /* impossible: units due > vendor capacity */
	PRECHECK_CREWS,         /* impossible: sites due in a region > crews */
	PRECHECK_SHARE_CAP,     /* impossible: HR share stays above a cap */
	PRECHECK_STRANDED,      /* note: a swap unit no year can take */
	PRECHECK_CYCLE,         /* note: sites forced into the same year */
	PRECHECK_VENDOR_ABOVE,  /* note: vendor above max_vendor_share */
	PRECHECK_AFTER_HORIZON, /* note: a rule binding nothing in the horizon */
	PRECHECK_INPUT,         /* note: about the input (scenario.notes) */
	PRECHECK_LEDGER,        /* note: a ledger fact against a rule */
	PRECHECK_BROKEN,        /* note: a rule broken before the re-plan */
	PRECHECK_FUND,          /* note: a fund's money, final date, deadline */
};

struct precheck_finding {
	enum precheck_kind kind;
	bool impossible;    /* false: a note, the plan can still be found */
	int year;           /* the rule's year, 0 when none */
	unsigned json_line; /* the rule in scenario.json, 0 when none */
	/* What is needed and what is at most available, in the finding's
	 * unit (money nominal, units, sites, HR units); NAN when not a
	 * comparison. */
	double need, have;
	char *message; /* one line, no trailing newline, users' words */
};

struct precheck {
	struct precheck_finding *findings; /* impossible ones first, then notes */
	size_t count, alloc;
	size_t n_impossible;
};

/*
 * precheck_run: every finding for the instance's scenario, budgets as
 * scaled in the instance. Deterministic: the same instance gives the same
 * findings in the same order.
 */
struct precheck *precheck_run(const struct instance *in);

/* precheck_destroy: free the findings; NULL is a no-op. */
void precheck_destroy(struct precheck *pc);

#endif
