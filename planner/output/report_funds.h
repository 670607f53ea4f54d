/*
 * report_funds: the funds' part of the reports (cli-and-outputs-2.md):
 * summary.json's "own_present_cost" and "funds" (per fund: name,
 * disbursed, paid, unused, final_date, extensions_needed, needed_date),
 * and the text report's line per fund ("Reimbursement program: 4.9m of
 * 5.0m paid; 2 of 6 extensions needed, to 2024-07-15"). Every figure is
 * the plan's (plan_funds.h), recomputed from its decisions.
 */
#ifndef PHASEOUT_REPORT_FUNDS_H
#define PHASEOUT_REPORT_FUNDS_H

#include <stdio.h>

#include "plan/plan.h"

struct cJSON;

/* report_funds_json: add the keys to 'root' (only for a scenario with
 * funds). */
void report_funds_json(struct cJSON *root, const struct plan *p);

/* report_funds_text: the fund lines, after a blank line and "funds:"
 * (nothing without funds). */
void report_funds_text(const struct plan *p, FILE *f);

#endif
