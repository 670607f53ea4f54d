/*
 * fuzz_check: the whole path of 'phaseout check'. The input is a
 * scenario.json, a NUL byte, then a sites.csv (no NUL: an empty CSV),
 * and optionally a second NUL byte and the ledger, fixed.csv (which a
 * scenario naming "fixed": "fixed.csv" reads). load_scenario() reads them; a valid
 * scenario then goes through instance_create() and precheck_run(), which must cope with
 * every value the loaders let through (huge and tiny numbers, 50 years, cycles).
 */
#include "fuzz.h"

#include <string.h>

#include "input/load.h"
#include "input/scenario.h"
#include "plan/instance.h"
#include "plan/precheck.h"
#include "util/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t json_len = nul ? (size_t)(nul - data) : size;
	const uint8_t *csv = nul ? nul + 1 : data + size;
	const uint8_t *nul2 = memchr(csv, '\0', (size_t)(data + size - csv));
	const uint8_t *fixed = nul2 ? nul2 + 1 : data + size;
	fuzz_write("sites.csv", csv, (size_t)((nul2 ? nul2 : data + size) - csv));
	fuzz_write("fixed.csv", fixed, (size_t)(data + size - fixed));
	const char *json = fuzz_write("scenario.json", data, json_len);

	struct diag d;
	diag_init(&d);
	struct scenario *s = load_scenario(json, &d);
	if (s) {
		struct instance *in = instance_create(s, 1.0, true);
		struct precheck *pc = precheck_run(in);
		precheck_destroy(pc);
		instance_destroy(in);
		scenario_destroy(s);
	}
	diag_finish(&d);
	return 0;
}
