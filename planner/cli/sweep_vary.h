/*
 * sweep_vary: `phaseout sweep --vary PATH=FROM:TO:STEP` (once or twice)
 * and `--find-min PATH` (issue 16 item 2): sweeps over any numeric value
 * of scenario.json, each point the scenario with that value set (as
 * --set), and with two axes (or --vary beside --budget-scale) a grid
 * with heat maps.
 *
 * Ownership: a request borrows its strings (argv) and options.
 */
#ifndef PHASEOUT_CLI_SWEEP_VARY_H
#define PHASEOUT_CLI_SWEEP_VARY_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/cli.h"
#include "solver/run.h"

#define SWEEP_VARY_MAX 2

struct sweep_vary_axis {
	char *path; /* NULL: the budget scale (--budget-scale); the caller frees it */
	double from, to, step;
};

struct sweep_vary_request {
	const struct cli_options *cli; /* scenario and --set/--scale */
	struct run_options run;
	struct sweep_vary_axis vary[SWEEP_VARY_MAX];
	size_t n_vary;
	bool have_scale; /* --budget-scale: the inner axis */
	double scale_from, scale_to, scale_step;
	const char *find_min; /* --find-min PATH, NULL none */
	double precision;     /* of --find-min, relative to its axis's range */
	int jobs;
	const char *out_dir;
	bool force, quiet, csv_bom;
};

/*
 * sweep_vary_parse: "PATH=FROM:TO:STEP" of --vary into 'axis'. False
 * with '*why' a static sentence when it is malformed.
 */
bool sweep_vary_parse(const char *arg, struct sweep_vary_axis *axis, const char **why);

/* sweep_vary_main: the sweep of 'req'; the command's exit status. */
int sweep_vary_main(const struct sweep_vary_request *req);

#endif
