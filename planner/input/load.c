#include "input/load.h"

#include "input/scenario_json.h"
#include "input/sites_csv.h"
#include "input/validate.h"

/*
 * The site file is read whenever the JSON named it, even when the JSON had
 * other problems, so one run reports the problems of both files. The
 * cross-file checks run only on two clean files: without a sound horizon,
 * vendor list and rows there is nothing reliable to check against.
 */
struct scenario *load_scenario(const char *json_path, struct diag *d)
{
	struct scenario *s = scenario_create();
	bool json_ok = scenario_load_json(s, json_path, d);
	bool csv_ok = s->sites_path && sites_csv_load(s, d);
	if (!json_ok || !csv_ok || !validate_scenario(s, d)) {
		scenario_destroy(s);
		return NULL;
	}
	return s;
}
