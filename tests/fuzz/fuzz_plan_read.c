/*
 * fuzz_plan_read: what 'phaseout diff' reads from a plan folder. The input
 * is plan.csv, a NUL byte, timeline.csv, a NUL byte, then summary.json; a
 * part that is missing (fewer NULs) is a file that is not there.
 * plan_read_load() must report every corruption (a malformed CSV or JSON,
 * checksums that do not match, a summary of another command) as a
 * problem, never crash, hang or leak.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/plan_read.h"
#include "util/diag.h"

static const char *const names[] = {"plan.csv", "timeline.csv", "summary.json"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *part = data, *end = data + size;
	for (size_t i = 0; i < 3; i++) {
		if (!part) {
			unlink(fuzz_path(names[i]));
			continue;
		}
		const uint8_t *nul = memchr(part, '\0', (size_t)(end - part));
		fuzz_write(names[i], part, (size_t)((nul ? nul : end) - part));
		part = nul ? nul + 1 : NULL;
	}
	/* The folder is the one fuzz_path() names its files in. */
	char *dir = strdup(fuzz_path(""));
	if (!dir)
		abort();
	dir[strlen(dir) - 1] = '\0';

	struct diag d;
	diag_init(&d);
	char *error = NULL;
	struct plan_read *p = plan_read_load(dir, &d, &error);
	plan_read_destroy(p);
	free(error);
	diag_finish(&d);
	free(dir);
	return 0;
}
