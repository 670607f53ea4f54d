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
 * What the planner does not plan yet (funds; replan_from and the ledger
 * are planned since issue 14) is refused at its key, as the
 * loader refused it before it could read it, so that no plan ever
 * honours half a scenario: the ledger's swaps, the re-plan's history and
 * the funds' money all change what a plan may do. Funds and the own_cost
 * objective are planned (solver/model_funds.c).
 */
struct scenario *load_scenario_to_plan_with(const char *json_path,
					    const struct override_list *ov,
					    struct diag *d)
{
	size_t before = diag_count(d);
	struct scenario *s = load_scenario_with(json_path, ov, d);
	if (!s)
		return NULL;
	/* Funds are planned, and so are re-plans; the two together are not
	 * yet: the ledger's 'funded' payments and the fund payments before
	 * replan_from have no home in the model (docs/decisions.md). */
	if (s->funds_at.line && (s->has_replan_from || s->fixed_path))
		diag_add(d, s->json_path, s->funds_at.line, s->funds_at.column,
			 "'funds' together with %s is not planned by this phaseout "
			 "yet (check reads it; plan, sweep and export plan funds "
			 "or a re-plan, not both)",
			 s->has_replan_from ? "'replan_from'" : "'fixed'");
	if (diag_count(d) != before) {
		scenario_destroy(s);
		return NULL;
	}
	return s;
}
