/*
 * report_overrides: the --set and --scale overrides a run was made with
 * (input/override.h, scenario->overrides), as every report shows them:
 * one "override: --set PATH=VALUE" line each in the text reports, and an
 * "overrides" array of those texts in summary.json. Nothing at all when
 * there are none, so that a run without overrides keeps its bytes.
 */
#ifndef PHASEOUT_REPORT_OVERRIDES_H
#define PHASEOUT_REPORT_OVERRIDES_H

#include <stdio.h>

#include "input/scenario.h"

struct cJSON;

/* report_overrides_text: the override lines of 's' on 'f'. */
void report_overrides_text(const struct scenario *s, FILE *f);

/* report_overrides_json: "overrides": [...] added to 'root'. */
void report_overrides_json(const struct scenario *s, struct cJSON *root);

#endif
