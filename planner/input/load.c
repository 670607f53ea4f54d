#include "input/load.h"

#include "input/ledger.h"
#include "input/scenario_json.h"
#include "input/sites_csv.h"
#include "input/validate.h"

/*
 * The site file is read whenever the JSON named it, even when the JSON had
 * other problems, so one run reports the problems of both files. The
 * ledger is read once the JSON is clean (its periods need the horizon and
 * the period kind, its rows the vendors and funds), whatever sites.csv
 * holds. The cross-file checks run only on clean files: without a sound
 * horizon, vendor list and rows there is nothing reliable to check
 * against.
 */
struct scenario *load_scenario(const char *json_path, struct diag *d)
{
	return load_scenario_with(json_path, NULL, d);
}

struct scenario *load_scenario_to_plan(const char *json_path, struct diag *d)
{
	return load_scenario_to_plan_with(json_path, NULL, d);
}

struct scenario *load_scenario_with(const char *json_path, const struct override_list *ov,
				    struct diag *d)
{
	struct scenario *s = scenario_create();
	bool json_ok = scenario_load_json_with(s, json_path, ov, d);
	bool csv_ok = s->sites_path && sites_csv_load(s, d);
	if (json_ok && s->fixed_path)
		json_ok = ledger_load(s, d);
	if (!json_ok || !csv_ok || !validate_scenario(s, d)) {
		scenario_destroy(s);
		return NULL;
	}
	return s;
}

/*
 * Everything a scenario may say is planned now: funds together with a
 * re-plan too (the ledger's funded items are the funds' payments before
 * replan_from, solver/model_funds.c). The entry point stays, so that a
 * key the planner cannot honour is refused here again, at its key,
 * before any plan honours half a scenario.
 */
struct scenario *load_scenario_to_plan_with(const char *json_path,
					    const struct override_list *ov,
					    struct diag *d)
{
	return load_scenario_with(json_path, ov, d);
}
