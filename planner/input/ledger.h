/*
 * ledger: the `fixed` CSV of scenario-format-2.md, the programme's ledger
 * of swaps done (before replan_from) or committed (from it on), one row
 * per site, into s->fixed and s->fixed_pays.
 *
 * The file follows sites.csv's CSV rules (sites_csv_rules()). Columns:
 * site_id, when, to_vendor (required), cost, funded (optional); other
 * columns are ignored and noted for check. What needs only scenario.json
 * (the period of `when` against the horizon and the period kind, the
 * vendor, the funds named in `funded`, a cost written on the row) is
 * checked by ledger_load(); what needs sites.csv too (the site, a site
 * listed twice, clusters, the model's cost of a row without one) by
 * ledger_validate().
 *
 * Calling sequence (load.c, validate.c):
 *	ledger_load(s, d);         once scenario.json is clean; s->fixed_path
 *	...
 *	scenario_finish_periods(s);
 *	ledger_validate(s, d);
 *
 * Problems are "FILE:LINE:COLUMN: message" (the row's first line, the
 * field number), all of them in one run. Strings live in s->pool.
 */
#ifndef PHASEOUT_LEDGER_H
#define PHASEOUT_LEDGER_H

#include <stdbool.h>

#include "input/scenario.h"
#include "util/diag.h"

/* ledger_load: false when the file could not be read or a problem was
 * added to 'd'. */
bool ledger_load(struct scenario *s, struct diag *d);

/* ledger_validate: the checks against sites.csv; resolves each row's
 * 'site'. */
void ledger_validate(struct scenario *s, struct diag *d);

#endif
