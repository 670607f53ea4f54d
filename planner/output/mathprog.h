/*
 * mathprog: a scenario as the data section of models/phaseout.mod (GNU
 * MathProg), for glpsol and for reviewers.
 *
 * The data is the scenario's own: every site row, the vendors, the
 * resolved per-year numbers and the rules. Everything derived (high-risk
 * sites, swap units, costs, totals) is left to the model, so that solving
 * it with glpsol is a check on planner/plan/instance.c and model.c that shares
 * no code with them. Unlimited per-year numbers are left out of the
 * "..._LIMITED" / BUDGET_YEARS sets rather than written as a huge number.
 *
 * A version 2 scenario (model-2.md) appends its periods, the rules' and
 * sites' dates as (year, month, day), regional deadlines, caps by sites,
 * allowed vendors, vendor regions and period keys; the model works out
 * where each date binds itself. A version 1 scenario writes none of it.
 *
 * Calling sequence:
 *	struct scenario *s = load_scenario(path, &diag);   (validated)
 *	const char *bad = mathprog_unwritable_name(s);
 *	if (bad) ... report it ...
 *	else if (!mathprog_write_data(s, budget_scale, f)) ... write error ...
 *
 * Ownership: borrows the scenario; writes to the caller's FILE, which it
 * neither opens nor closes.
 */
#ifndef PHASEOUT_MATHPROG_H
#define PHASEOUT_MATHPROG_H

#include <stdbool.h>
#include <stdio.h>

#include "input/scenario.h"

/* MathProg's longest string literal, in bytes (GLPK's MAX_LENGTH). */
#define MATHPROG_MAX_NAME 100

/*
 * mathprog_unwritable_name: the first name in the scenario (site id,
 * region, domain, vendor, cluster) that a MathProg string literal cannot
 * hold: longer than MATHPROG_MAX_NAME bytes, or with a control character
 * other than a tab. NULL when every name can be written.
 */
const char *mathprog_unwritable_name(const struct scenario *s);

/*
 * mathprog_write_data: write "data; ... end;" for models/phaseout.mod.
 * 'budget_scale' multiplies every budget (written as param budget_scale,
 * budgets as in the scenario). 's' must be validated (dependencies
 * resolved). False when a name cannot be written (see above), two trusted
 * vendors share a name, or writing to 'f' failed.
 */
bool mathprog_write_data(const struct scenario *s, double budget_scale, FILE *f);

#endif
