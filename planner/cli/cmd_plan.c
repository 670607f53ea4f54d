/*
 * phaseout plan: solve a scenario, print the plan, and with -o write
 * plan.csv, timeline.csv, summary.json and the charts as one whole run
 * (outdir.h).
 *
 * The order of work: load and validate (exit 2 on bad input), check the
 * -o folder (exit 1, before any solving), build the
 * instance with cohorts, solve the hard model (or, with --allow-late, the
 * elastic one) stage by stage, and turn the decisions into a plan whose
 * every figure plan.c recomputes. When the hard model has no plan, the
 * elastic model finds the least violation and diagnose.c explains it
 * (exit 3); when the time limit passes before any plan, exit 4.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/signals.h"
#include "output/outdir.h"
#include "output/report.h"
#include "output/run_files.h"
#include "plan/plan.h"
#include "solver/run.h"
#include "util/termtext.h"

static const char usage[] =
	"usage: phaseout plan <scenario.json> [-o <dir> [--force]]\n"
	"                     [--time-limit <seconds>] [--gap <fraction>]\n"
	"                     [--budget-scale <factor>] [--allow-late] [--quiet]\n"
	"                     [--baseline <dir> [--slack <fraction>]]\n"
	"                     [--set <path>=<value>]... [--scale <path>=<factor>]...\n"
	"                     [--csv-bom]\n"
	"\n"
	"Find the best phase-out plan under every rule of the scenario, print a\n"
	"summary and the year-by-year timeline, and with -o write the plan's files.\n"
	"\n"
	"  -o, --output <dir>        write plan.csv, timeline.csv, totals.csv,\n"
	"                            plan.xlsx, summary.json and the charts\n"
	"                            timeline.svg and timeline.png there\n"
	"                            (created if missing; the folder is replaced\n"
	"                            as a whole, with the old run or the new one\n"
	"                            and never a mix; checked before solving)\n"
	"  --csv-bom                 start each CSV file with a UTF-8 byte-order\n"
	"                            mark, so that Excel reads its names right\n"
	"                            (default: no mark)\n"
	"  --force                   write to an -o folder that holds files\n"
	"                            phaseout did not write (they are kept) or\n"
	"                            another command's output (it is replaced)\n"
	"  --time-limit <seconds>    stop after this long with the best plan found\n"
	"                            and its proven gap (default 60)\n"
	"  --gap <fraction>          stop when the proven gap is this small\n"
	"                            (default 0: prove optimality)\n"
	"  --budget-scale <factor>   multiply every budget (default 1)\n"
	"  --set <path>=<value>      change one value of scenario.json for this run:\n"
	"                            budget.2024=8e6, vendors.Nokia.capacity.2025=0,\n"
	"                            deadlines[1].year=2026 (repeatable)\n"
	"  --scale <path>=<factor>   multiply values of scenario.json: budget=0.8,\n"
	"                            budget.2024..2028=0.8 (repeatable)\n"
	"  --allow-late              make deadlines and caps soft: plan with the\n"
	"                            least lateness, mark late sites, exit 0\n"
	"  --per-site                solve the plain model, one variable per swap\n"
	"                            unit, vendor and year, without merging\n"
	"                            interchangeable sites (slower; same optimum)\n"
	"  --baseline <dir>          re-plan with the fewest sites moved from the\n"
	"                            plan in <dir> (its plan.csv), among the plans\n"
	"                            whose first objective is within --slack of\n"
	"                            the best\n"
	"  --slack <fraction>        how much worse than its best the first\n"
	"                            objective may get to move fewer sites\n"
	"                            (default 0; needs --baseline)\n"
	"  -q, --quiet               print no report and no progress\n"
	"  -h, --help                show this help\n"
	"\n"
	"Exit status: 0 plan found, 2 invalid input, 3 the rules cannot all hold\n"
	"(the diagnosis is printed), 4 no plan within the time limit, 1 otherwise.\n";

static int exit_status_of(enum plan_status status)
{
	switch (status) {
	case PLAN_OPTIMAL:
	case PLAN_FEASIBLE:
		return EXIT_OK;
	case PLAN_INFEASIBLE:
		return EXIT_INFEASIBLE;
	case PLAN_NO_PLAN:
		return EXIT_NO_PLAN;
	}
	return EXIT_ERROR;
}

int cmd_plan(int argc, char **argv)
{
	struct cli_options o;
	cli_options_init(&o);
	int rc = cli_parse(&o, argc, argv,
			   CLI_OUTPUT | CLI_SOLVE | CLI_BASELINE | CLI_OVERRIDE, usage);
	if (rc >= 0)
		return rc;

	double t0 = run_now();
	struct scenario *s = cli_load_scenario_with(&o, true);
	if (!s)
		return EXIT_INVALID;
	/* The baseline is read whole, like the scenario, before any folder
	 * is touched or anything solved. */
	struct baseline *base = NULL;
	if (o.baseline && !(base = cli_load_baseline(o.baseline, s, o.quiet))) {
		scenario_destroy(s);
		return EXIT_INVALID;
	}

	/* -o is checked before the solve, which may take minutes. */
	struct outdir *od = NULL;
	if (o.out_dir) {
		od = outdir_create(o.out_dir, "plan");
		outdir_set_csv_bom(od, o.csv_bom);
		if (!outdir_prepare(od, o.force)) {
			cli_error("%s", outdir_error(od));
			outdir_destroy(od);
			baseline_destroy(base);
			scenario_destroy(s);
			return EXIT_ERROR;
		}
	}

	signals_catch();
	struct run_options ro = {
		.budget_scale = o.budget_scale,
		.time_limit = o.time_limit,
		.gap = o.gap,
		.allow_late = o.allow_late,
		.per_site = o.per_site,
		.baseline = base,
		.slack = o.slack,
		.progress = !o.quiet && isatty(STDERR_FILENO),
		.stop = signals_stop,
		.log = cli_log(),
	};
	struct plan *p = run_plan(s, &ro, t0);
	if (!p) {
		outdir_destroy(od);
		baseline_destroy(base);
		scenario_destroy(s);
		return EXIT_ERROR;
	}
	if (signals_caught() && p->status == PLAN_NO_PLAN) {
		/* Stopped before any plan: nothing to show, nothing written. */
		fputs("phaseout: interrupted before a plan was found; nothing written\n",
		      stderr);
		plan_destroy(p);
		outdir_destroy(od);
		baseline_destroy(base);
		scenario_destroy(s);
		return EXIT_NO_PLAN;
	}

	int status = exit_status_of(p->status);
	if (!o.quiet)
		report_text_write(p, stdout);
	if (od && !run_files_write_plan(p, od)) {
		cli_error("%s", outdir_error(od));
		status = EXIT_ERROR;
	}

	outdir_destroy(od);
	plan_destroy(p);
	baseline_destroy(base);
	scenario_destroy(s);
	return status;
}
