/*
 * fuzz_plan: the solver path of 'phaseout plan' on small scenarios. The
 * input is laid out as for fuzz_check (scenario.json, a NUL, sites.csv).
 * A scenario that loads (so passes every limit of docs/scenario-format.md)
 * and is small (at most 60 sites, 12 years) is planned as 'plan' does,
 * with hard rules and with --allow-late, and every report is written:
 * GLPK must never abort, and run_plan() must never fail (NULL, "simplex
 * failed") on a scenario that passed validation. Such a failure aborts,
 * so libFuzzer (and the replay) reports it.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/load.h"
#include "input/scenario.h"
#include "output/report.h"
#include "plan/plan.h"
#include "solver/run.h"
#include "util/diag.h"

static void plan_once(const struct scenario *s, bool allow_late)
{
	struct run_options o = {
		.budget_scale = 1,
		.time_limit = 2,
		.allow_late = allow_late,
	};
	struct plan *p = run_plan(s, &o, run_now());
	if (!p) {
		fprintf(stderr, "fuzz_plan: run_plan failed on a valid scenario\n");
		abort();
	}
	FILE *f = fopen("/dev/null", "w");
	if (f) {
		report_text_write(p, f);
		report_csv_write_plan(p, NULL, f);
		report_csv_write_timeline(p, f);
		report_json_write_summary(p, f);
		fclose(f);
	}
	plan_destroy(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t json_len = nul ? (size_t)(nul - data) : size;
	const uint8_t *csv = nul ? nul + 1 : data + size;
	fuzz_write("sites.csv", csv, (size_t)(data + size - csv));
	const char *json = fuzz_write("scenario.json", data, json_len);

	struct diag d;
	diag_init(&d);
	struct scenario *s = load_scenario(json, &d);
	if (s && s->n_sites <= 60 && s->n_years <= 12) {
		plan_once(s, false);
		plan_once(s, true);
	}
	scenario_destroy(s);
	diag_finish(&d);
	return 0;
}
