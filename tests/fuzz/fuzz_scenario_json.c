/*
 * fuzz_scenario_json: scenario.json as the input; the sites file it names
 * is never read. Whatever the bytes, the loader must return with its
 * problems in the diag and free everything (ASan, LeakSanitizer, UBSan).
 */
#include "fuzz.h"

#include "input/scenario.h"
#include "input/scenario_json.h"
#include "util/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *json = fuzz_write("scenario.json", data, size);
	struct diag d;
	diag_init(&d);
	struct scenario *s = scenario_create();
	scenario_load_json(s, json, &d);
	scenario_destroy(s);
	diag_finish(&d);
	return 0;
}
