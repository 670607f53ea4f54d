/*
 * fuzz_sites_csv: sites.csv as the input, read against one fixed, valid
 * scenario.json; when the rows load, the cross-file checks (validate.c:
 * duplicate ids, depends_on, clusters) run on them too.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "input/scenario_json.h"
#include "input/sites_csv.h"
#include "input/validate.h"
#include "util/diag.h"

/* Rules with "*" only, so that any domain and region in the rows is valid. */
static const char scenario_json[] =
	"{\"format\": \"phaseout-scenario/1\", \"name\": \"fuzz\",\n"
	" \"horizon\": {\"start\": 2021, \"end\": 2025},\n"
	" \"sites\": \"sites.csv\",\n"
	" \"high_risk_vendors\": [\"Huawei\", \"ZTE\"],\n"
	" \"vendors\": [{\"name\": \"Ericsson\", \"unit_cost\": {\"ran\": 10,\n"
	"   \"core\": 100, \"transport\": 20}, \"capacity\": 50}],\n"
	" \"budget\": 1000, \"deadlines\": [{\"domain\": \"*\", \"year\": 2024}],\n"
	" \"share_caps\": [{\"domain\": \"*\", \"year\": 2022, \"max_share\": 0.5}]}\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *json;
	if (!json)
		json = strdup(fuzz_write("scenario.json", (const uint8_t *)scenario_json,
					 strlen(scenario_json)));
	fuzz_write("sites.csv", data, size);

	struct diag d;
	diag_init(&d);
	struct scenario *s = scenario_create();
	if (!scenario_load_json(s, json, &d)) {
		diag_print(&d, stderr);
		abort();
	}
	if (sites_csv_load(s, &d))
		validate_scenario(s, &d);
	scenario_destroy(s);
	diag_finish(&d);
	return 0;
}
