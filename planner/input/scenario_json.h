/*
 * scenario_json: read scenario.json (shared/spec/scenario-format.md, and
 * scenario-format-2.md for "phaseout-scenario/2") into a
 * struct scenario with cJSON.
 *
 * Every problem goes to the diag as "FILE:LINE[:COLUMN]: message": syntax
 * errors with line and column; wrong types, unknown or duplicate keys and
 * out-of-range numbers naming the key's path (e.g.
 * "vendors[1].unit_cost.ran") at the line of that key. Loading goes on
 * after a problem, so one run reports them all.
 *
 * On return, s->json_path is 'path', s->sites_path is the "sites" value
 * resolved against the JSON file's folder, and every per-year array
 * (budget, capacities, crews) is resolved over the horizon, INFINITY
 * meaning unlimited. When the horizon itself is invalid, per-year values
 * are still checked but not resolved.
 */
#ifndef PHASEOUT_SCENARIO_JSON_H
#define PHASEOUT_SCENARIO_JSON_H

#include <stdbool.h>

#include "input/override.h"
#include "input/scenario.h"
#include "util/diag.h"

/* scenario_load_json: false when the file could not be read or parsed, or
 * any problem was added to 'd'. */
bool scenario_load_json(struct scenario *s, const char *path, struct diag *d);

/* scenario_load_json_with: the same with the overrides 'ov' (may be NULL)
 * applied to the parsed file first (override.h), and recorded in
 * s->overrides. */
bool scenario_load_json_with(struct scenario *s, const char *path,
			     const struct override_list *ov, struct diag *d);

#endif
