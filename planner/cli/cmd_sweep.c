/*
 * phaseout sweep: what a smaller or larger budget does. One plan per
 * budget scale, in parallel worker processes, as a sensitivity table;
 * with --find-min-budget also the break-even budgets (bisection).
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/signals.h"
#include "cli/sweep_vary.h"
#include "cli/sweep_workers.h"
#include "input/override.h"
#include "output/outdir.h"
#include "output/report_sweep.h"
#include "output/run_files.h"
#include "solver/run.h"
#include "solver/sweep.h"
#include "util/num.h"
#include "util/termtext.h"
#include "util/xalloc.h"

static const char usage[] =
	"usage: phaseout sweep <scenario.json> --budget-scale <from>:<to>:<step>\n"
	"                      [-o <dir> [--force] [--csv-bom]] [--jobs <n>]\n"
	"                      [--find-min-budget]\n"
	"                      [--precision <p>] [--time-limit <seconds>]\n"
	"                      [--gap <fraction>] [--quiet]\n"
	"                      [--baseline <dir> [--slack <fraction>]]\n"
	"                      [--set <path>=<value>]... [--scale <path>=<factor>]...\n"
	"       phaseout sweep <scenario.json> --vary <path>=<from>:<to>:<step>\n"
	"                      [--vary <path>=<from>:<to>:<step> | --budget-scale ...]\n"
	"                      [--find-min <path>] [options as above]\n"
	"\n"
	"Plan the scenario once per budget scale from + i*step, i = 0 ...\n"
	"round((to - from)/step), and print the sensitivity table: status,\n"
	"exposure, costs, completion year (or period) and deadlines met at each\n"
	"scale. Points where the rules cannot hold show the least violation.\n"
	"\n"
	"  --budget-scale <from>:<to>:<step>\n"
	"                            the scales, e.g. 0.5:1.5:0.1 (required)\n"
	"  -o, --output <dir>        write sensitivity.csv, sensitivity.xlsx,\n"
	"                            summary.json and the chart sensitivity.svg /\n"
	"                            .png there (the folder is replaced as a whole;\n"
	"                            checked before solving)\n"
	"  --csv-bom                 start sensitivity.csv with a UTF-8 byte-order\n"
	"                            mark, for Excel (default: no mark)\n"
	"  --force                   write to an -o folder that holds files\n"
	"                            phaseout did not write (they are kept) or\n"
	"                            another command's output (it is replaced)\n"
	"  --jobs <n>                worker processes (default: the number of cores)\n"
	"  --find-min-budget         also find, by bisection within <from>..<to>,\n"
	"                            the smallest scale at which every deadline and\n"
	"                            cap holds, and the scale at which completion\n"
	"                            moves a year earlier (with periods finer than\n"
	"                            a year: a period)\n"
	"  --precision <p>           precision of that search (default 0.005)\n"
	"  --time-limit <seconds>    for each plan (default 60)\n"
	"  --gap <fraction>          for each plan (default 0: prove optimality)\n"
	"  --baseline <dir>          each plan moves the fewest sites from the plan\n"
	"                            in <dir> (as plan --baseline)\n"
	"  --slack <fraction>        as plan --slack (default 0; needs --baseline)\n"
	"  --vary <path>=<from>:<to>:<step>\n"
	"                            plan once per value of that number of\n"
	"                            scenario.json (a path as --set takes); twice,\n"
	"                            or beside --budget-scale, for a grid with the\n"
	"                            heat maps heatmap.svg / .png\n"
	"  --find-min <path>         with a --vary of <path>: the break-even value,\n"
	"                            the smallest at which every deadline and cap\n"
	"                            holds (the largest for a cost); with two\n"
	"                            --vary: one for each value of the other axis\n"
	"  --set <path>=<value>      change one value of scenario.json for this run\n"
	"                            (as plan --set; repeatable)\n"
	"  --scale <path>=<factor>   multiply values of scenario.json (as plan\n"
	"                            --scale; repeatable)\n"
	"  -q, --quiet               print nothing but errors\n"
	"  -h, --help                show this help\n";

enum {
	OPT_SCALE = 1000,
	OPT_JOBS,
	OPT_MIN,
	OPT_PRECISION,
	OPT_TIME,
	OPT_GAP,
	OPT_FORCE,
	OPT_BASELINE,
	OPT_SLACK,
	OPT_SET,
	OPT_SCALE_PATH,
	OPT_VARY,
	OPT_FIND_MIN,
	OPT_CSV_BOM,
};

struct sweep_options {
	const char *scenario, *out_dir;
	double from, to, step, precision;
	int jobs;
	bool find_min, quiet, have_scale, force, have_slack, csv_bom;
	const char *baseline;
	struct run_options run;
	struct cli_options cli;         /* --set and --scale (cli.h) */
	struct sweep_vary_request vary; /* --vary, --find-min (sweep_vary.h) */
};

static bool parse_range(const char *text, double *from, double *to, double *step)
{
	char *copy = xstrdup(text);
	char *a = copy, *b = strchr(a, ':'), *c = b ? strchr(b + 1, ':') : NULL;
	bool ok = b && c;
	if (ok) {
		*b++ = '\0';
		*c++ = '\0';
		ok = num_parse_double(a, from) && num_parse_double(b, to) &&
		     num_parse_double(c, step) && *from >= 0 && *to >= *from &&
		     *step > 0 && (*to - *from) / *step <= 10000;
	}
	free(copy);
	return ok;
}

/* What --vary allows beside it: two axes at most (--budget-scale is
 * one), --find-min on one of the --vary paths (not beside
 * --budget-scale) when that path loosens the rules one way, no baseline
 * (each point is another scenario). */
static int sweep_vary_check(struct sweep_options *o, const char *cmd)
{
	struct sweep_vary_request *v = &o->vary;
	if (o->have_scale && v->n_vary > 1)
		return cli_usage_error(cmd, usage,
				       "--budget-scale and two --vary make three axes; "
				       "at most two");
	if (o->baseline)
		return cli_usage_error(cmd, usage, "--vary does not take --baseline");
	if (o->find_min)
		return cli_usage_error(
			cmd, usage,
			"--find-min-budget goes with --budget-scale alone; "
			"use --find-min budget... with --vary");
	if (v->find_min) {
		bool named = false;
		for (size_t i = 0; i < v->n_vary; i++)
			named = named || strcmp(v->find_min, v->vary[i].path) == 0;
		if (!named || o->have_scale)
			return cli_usage_error(cmd, usage,
					       "--find-min '%s' needs a --vary of that "
					       "path (its range) and no --budget-scale",
					       v->find_min);
		if (!override_path_loosening(v->find_min))
			return cli_usage_error(
				cmd, usage,
				"--find-min '%s': only a value that loosens "
				"the rules one way (money, capacity, crews, a "
				"later deadline, a higher cap as they grow; "
				"costs as they fall) has a break-even",
				v->find_min);
	}
	return -1;
}

static int parse(struct sweep_options *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"budget-scale", required_argument, NULL, OPT_SCALE},
		CLI_COMMON_LONGOPTS,
		{"force", no_argument, NULL, OPT_FORCE},
		{"csv-bom", no_argument, NULL, OPT_CSV_BOM},
		{"jobs", required_argument, NULL, OPT_JOBS},
		{"find-min-budget", no_argument, NULL, OPT_MIN},
		{"precision", required_argument, NULL, OPT_PRECISION},
		{"time-limit", required_argument, NULL, OPT_TIME},
		{"gap", required_argument, NULL, OPT_GAP},
		{"baseline", required_argument, NULL, OPT_BASELINE},
		{"slack", required_argument, NULL, OPT_SLACK},
		{"set", required_argument, NULL, OPT_SET},
		{"scale", required_argument, NULL, OPT_SCALE_PATH},
		{"vary", required_argument, NULL, OPT_VARY},
		{"find-min", required_argument, NULL, OPT_FIND_MIN},
		{NULL, 0, NULL, 0},
	};
	const char *cmd = argv[0];
	optind = 1;
	opterr = 0;
	int c, rc;
	double v;
	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) !=
	       -1) {
		switch (c) {
		case OPT_SCALE:
			if (!parse_range(optarg, &o->from, &o->to, &o->step))
				return cli_usage_error(
					cmd, usage,
					"--budget-scale takes <from>:<to>:<step> "
					"with 0 <= from <= to and step > 0, not '%s'",
					optarg);
			o->have_scale = true;
			break;
		case OPT_FORCE:
			o->force = true;
			break;
		case OPT_CSV_BOM:
			o->csv_bom = true;
			break;
		case OPT_JOBS:
			if (!num_parse_double(optarg, &v) || v < 1 || v > 256 ||
			    v != floor(v))
				return cli_usage_error(
					cmd, usage,
					"--jobs takes a whole number from 1 to "
					"256, not '%s'",
					optarg);
			o->jobs = (int)v;
			break;
		case OPT_MIN:
			o->find_min = true;
			break;
		case OPT_PRECISION:
			if (!num_parse_double(optarg, &v) || v <= 0 || v > 1)
				return cli_usage_error(
					cmd, usage,
					"--precision takes a number in (0, 1], "
					"not '%s'",
					optarg);
			o->precision = v;
			break;
		case OPT_TIME:
			if ((rc = cli_time_limit(cmd, usage, optarg,
						 &o->run.time_limit)) >= 0)
				return rc;
			break;
		case OPT_GAP:
			if ((rc = cli_gap(cmd, usage, optarg, &o->run.gap)) >= 0)
				return rc;
			break;
		case OPT_BASELINE:
			o->baseline = optarg;
			break;
		case OPT_SLACK:
			if ((rc = cli_slack(cmd, usage, optarg, &o->run.slack)) >= 0)
				return rc;
			o->have_slack = true;
			break;
		case OPT_SET:
		case OPT_SCALE_PATH:
			if ((rc = cli_add_override(&o->cli, cmd, usage,
						   c == OPT_SCALE_PATH, optarg)) >= 0)
				return rc;
			break;
		case OPT_VARY: {
			const char *why;
			if (o->vary.n_vary == SWEEP_VARY_MAX)
				return cli_usage_error(cmd, usage, "at most two --vary");
			if (!sweep_vary_parse(optarg, &o->vary.vary[o->vary.n_vary],
					      &why))
				return cli_usage_error(cmd, usage, "%s, not '%s'", why,
						       optarg);
			o->vary.n_vary++;
			break;
		}
		case OPT_FIND_MIN:
			o->vary.find_min = optarg;
			break;
		default:
			if ((rc = cli_common_option(cmd, usage, c, argv, &o->out_dir,
						    &o->quiet)) >= 0)
				return rc;
		}
	}
	if (o->have_slack && !o->baseline)
		return cli_usage_error(cmd, usage, "--slack needs --baseline <dir>");
	if (o->csv_bom && !o->out_dir)
		return cli_usage_error(cmd, usage, "--csv-bom needs -o <dir>");
	rc = cli_take_scenario(cmd, usage, o->force, o->out_dir, argc, argv,
			       &o->scenario);
	if (rc >= 0)
		return rc;
	if (o->vary.n_vary)
		return sweep_vary_check(o, cmd);
	if (o->vary.find_min)
		return cli_usage_error(cmd, usage,
				       "--find-min <path> needs --vary <path>=...");
	if (!o->have_scale)
		return cli_usage_error(cmd, usage,
				       "--budget-scale <from>:<to>:<step> is required");
	return -1;
}

/* A probe of --find-min-budget on the progress line: its step, of at
 * most how many, and the bracket known (the scale sought is in it). */
static void search_step(void *ctx, int step, int at_most, bool completion, double lo,
			double hi)
{
	char bracket[120];
	const char *what = completion ? "the earlier finish" : "the break-even";
	if (isnan(lo) && isnan(hi))
		snprintf(bracket, sizeof(bracket), "%s: trying the range's top", what);
	else if (isnan(lo))
		snprintf(bracket, sizeof(bracket), "%s at most %.3f\xc3\x97", what, hi);
	else
		snprintf(bracket, sizeof(bracket), "%s in (%.3f\xc3\x97, %.3f\xc3\x97]",
			 what, lo, hi);
	sweep_progress_step(ctx, step, at_most, bracket);
}

int cmd_sweep(int argc, char **argv)
{
	struct sweep_options o = {
		.precision = 0.005,
		.run = {.time_limit = 60, .stop = signals_stop, .log = cli_log()},
	};
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	o.jobs = cores > 0 ? (int)cores : 1;
	int rc = parse(&o, argc, argv);
	if (rc >= 0) { /* a usage error or --help: the --vary paths parsed */
		for (size_t i = 0; i < o.vary.n_vary; i++)
			free(o.vary.vary[i].path);
		return rc;
	}
	if (o.vary.n_vary) {
		o.cli.scenario = o.scenario;
		o.run.budget_scale = 1.0;
		o.vary.cli = &o.cli;
		o.vary.run = o.run;
		o.vary.have_scale = o.have_scale;
		o.vary.scale_from = o.from;
		o.vary.scale_to = o.to;
		o.vary.scale_step = o.step;
		o.vary.precision = o.precision;
		o.vary.jobs = o.jobs;
		o.vary.out_dir = o.out_dir;
		o.vary.force = o.force;
		o.vary.quiet = o.quiet;
		o.vary.csv_bom = o.csv_bom;
		rc = sweep_vary_main(&o.vary);
		for (size_t i = 0; i < o.vary.n_vary; i++)
			free(o.vary.vary[i].path);
		return rc;
	}

	o.cli.scenario = o.scenario;
	struct scenario *s = cli_load_scenario_with(&o.cli, true);
	if (!s)
		return EXIT_INVALID;
	struct baseline *base = NULL;
	if (o.baseline && !(base = cli_load_baseline(o.baseline, s, o.quiet))) {
		scenario_destroy(s);
		return EXIT_INVALID;
	}
	o.run.baseline = base;

	/* -o is checked before the sweep, which may take minutes. */
	struct outdir *od = NULL;
	if (o.out_dir) {
		od = outdir_create(o.out_dir, "sweep");
		outdir_set_csv_bom(od, o.csv_bom);
		if (!outdir_prepare(od, o.force)) {
			cli_error("%s", outdir_error(od));
			outdir_destroy(od);
			baseline_destroy(base);
			scenario_destroy(s);
			return EXIT_ERROR;
		}
	}

	size_t n = (size_t)lround((o.to - o.from) / o.step) + 1;
	double *scales = xmalloc(n * sizeof(double));
	for (size_t i = 0; i < n; i++)
		scales[i] = o.from + (double)i * o.step;
	struct sweep_row *rows = xcalloc(n, sizeof(*rows));
	int status = EXIT_OK;
	struct break_even be;
	bool have_be = false;
	signals_catch();
	struct sweep_progress *pg = sweep_progress_wanted(o.quiet)
					    ? sweep_progress_create(s, n, stderr)
					    : NULL;
	bool table = sweep_workers_run(s, &o.run, scales, n, o.jobs, pg, rows);
	if (!table)
		status = EXIT_ERROR;
	if (table && o.find_min) {
		sweep_progress_phase(pg, "finding the break-even budget");
		struct sweep_search_watch watch = {search_step, pg};
		if (sweep_find_min_budget(s, &o.run, o.from, o.to, o.precision,
					  pg ? &watch : NULL, &be))
			have_be = true;
		else
			status = EXIT_ERROR;
	}
	sweep_progress_destroy(pg);
	/* The table is printed whenever every point has its row, even when
	 * the break-even search stopped at a step with no plan (exit 4, the
	 * step and bracket said) or failed. */
	if (status == EXIT_OK && have_be && be.stopped_step)
		status = EXIT_NO_PLAN;
	if (table && !o.quiet)
		report_sweep_text(s, rows, n, have_be ? &be : NULL, stdout);
	if (table && o.quiet && have_be && be.stopped_step)
		fprintf(stderr,
			"phaseout: --find-min-budget: search step %d (budget scale "
			"%.3f) found no plan within the time limit\n",
			be.stopped_step, be.stopped_scale);
	if (table && od && !run_files_write_sweep(s, rows, n, have_be ? &be : NULL, od)) {
		cli_error("%s", outdir_error(od));
		status = EXIT_ERROR;
	}
	outdir_destroy(od);
	free(rows);
	free(scales);
	baseline_destroy(base);
	scenario_destroy(s);
	return status;
}
