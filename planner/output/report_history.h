/*
 * report_history: what the reports say about a re-plan
 * (cli-and-outputs-2.md): summary.json's replan_from,
 * exposure_from_replan, planned_present_cost and broken_before_replan,
 * and the text report's "programme in flight" lines (history, the
 * ledger's done and committed swaps, the planner's own, the rules broken
 * before the re-plan). Only for plans with p->replan (plan_history.h):
 * other plans keep their bytes.
 *
 * Calling sequence: report_json.c and report_text.c, once each.
 */
#ifndef PHASEOUT_REPORT_HISTORY_H
#define PHASEOUT_REPORT_HISTORY_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "plan/plan.h"

/* report_history_json: add the re-plan's keys to summary.json's root. */
void report_history_json(const struct plan *p, cJSON *root);

/* report_history_text: the "programme in flight" lines. */
void report_history_text(const struct plan *p, FILE *f);

#endif
