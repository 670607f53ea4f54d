/*
 * plan_history: what a plan reports about a re-plan (cli-and-outputs-2.md):
 * each site's status (done, committed, planned, unswapped), a ledger
 * row's written cost, the rules broken before the re-plan, E from
 * replan_from on and the present cost of the planner's own swaps. All
 * recomputed from the decisions and the ledger, like every figure.
 *
 * Calling sequence (plan_create() calls both when the scenario has a
 * re-plan or a ledger, history_uses()):
 *	plan_history_sites(p);   after the sites are filled, before money
 *	plan_history_rules(p);   after the rules and the rounding
 */
#ifndef PHASEOUT_PLAN_HISTORY_H
#define PHASEOUT_PLAN_HISTORY_H

#include "plan/plan.h"

void plan_history_sites(struct plan *p);
void plan_history_rules(struct plan *p);

#endif
