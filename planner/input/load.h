/*
 * load: the whole path from a scenario.json path to a validated scenario:
 * scenario_json, then sites_csv, then validate. Every command starts here.
 *
 * Returns NULL when anything is wrong; the problems are in 'd' (the caller
 * prints them and exits 2). The caller owns the scenario.
 */
#ifndef PHASEOUT_LOAD_H
#define PHASEOUT_LOAD_H

#include "input/override.h"
#include "input/scenario.h"
#include "util/diag.h"

struct scenario *load_scenario(const char *json_path, struct diag *d);

/*
 * load_scenario_to_plan: load_scenario() for the commands that plan
 * (plan, sweep, export, the library's phaseout_scenario_load()): a
 * scenario using replan_from, fixed or funds is refused, located at each
 * key, until the planner honours them ('check' reads them with
 * load_scenario()).
 */
struct scenario *load_scenario_to_plan(const char *json_path, struct diag *d);

/* load_scenario_with, load_scenario_to_plan_with: the same with --set and
 * --scale overrides 'ov' (may be NULL) applied to scenario.json as it is
 * read (override.h). */
struct scenario *load_scenario_with(const char *json_path, const struct override_list *ov,
				    struct diag *d);
struct scenario *load_scenario_to_plan_with(const char *json_path,
					    const struct override_list *ov,
					    struct diag *d);

#endif
