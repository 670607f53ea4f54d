/*
 * phaseout plan: solve a scenario, print the plan, and with -o write
 * plan.csv, timeline.csv and summary.json.
 *
 * The order of work: load and validate (exit 2 on bad input), build the
 * instance with cohorts, solve the hard model (or, with --allow-late, the
 * elastic one) stage by stage, and turn the decisions into a plan whose
 * every figure plan.c recomputes. When the hard model has no plan, the
 * elastic model finds the least violation and diagnose.c explains it
 * (exit 3); when the time limit passes before any plan, exit 4.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "diag.h"
#include "diagnose.h"
#include "heuristic.h"
#include "instance.h"
#include "load.h"
#include "model.h"
#include "outdir.h"
#include "plan.h"
#include "report.h"
#include "solve.h"
#include "xalloc.h"

static const char usage[] =
	"usage: phaseout plan <scenario.json> [-o <dir>] [--time-limit <seconds>]\n"
	"                     [--gap <fraction>] [--budget-scale <factor>]\n"
	"                     [--allow-late] [--quiet]\n"
	"\n"
	"Find the best phase-out plan under every rule of the scenario, print a\n"
	"summary and the year-by-year timeline, and with -o write the plan's files.\n"
	"\n"
	"  -o, --output <dir>        write plan.csv, timeline.csv and summary.json\n"
	"                            there (created if missing; all or nothing)\n"
	"  --time-limit <seconds>    stop after this long with the best plan found\n"
	"                            and its proven gap (default 60)\n"
	"  --gap <fraction>          stop when the proven gap is this small\n"
	"                            (default 0: prove optimality)\n"
	"  --budget-scale <factor>   multiply every budget (default 1)\n"
	"  --allow-late              make deadlines and caps soft: plan with the\n"
	"                            least lateness, mark late sites, exit 0\n"
	"  --per-site                solve the plain model, one variable per swap\n"
	"                            unit, vendor and year, without merging\n"
	"                            interchangeable sites (slower; same optimum)\n"
	"  -q, --quiet               print no report and no progress\n"
	"  -h, --help                show this help\n"
	"\n"
	"Exit status: 0 plan found, 2 invalid input, 3 the rules cannot all hold\n"
	"(the diagnosis is printed), 4 no plan within the time limit, 1 otherwise.\n";

/* The least-violation plan that explains why the hard rules fail. */
static struct plan *diagnose(const struct scenario *s, const struct instance *in,
			     const struct cli_options *o, double spent)
{
	struct model *m = model_create(in, MODEL_ELASTIC);
	struct solve_options so = {.gap = o->gap};
	if (o->time_limit > 0)
		so.time_limit = fmax(o->time_limit - spent, 1.0);
	struct solve_result r;
	bool ok = solve_model(m, &so, &r);
	struct plan *p = plan_create(s, ok ? r.decisions : NULL, ok ? r.n_decisions : 0,
				     o->budget_scale);
	p->status = PLAN_INFEASIBLE;
	p->solve_seconds = spent + r.seconds;
	diagnose_plan(p, in);
	solve_result_finish(&r);
	model_destroy(m);
	return p;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static bool write_files(const struct plan *p, const char *dir)
{
	struct outdir *od = outdir_create(dir);
	bool complete = p->status == PLAN_OPTIMAL || p->status == PLAN_FEASIBLE;
	FILE *f;
	if (complete) {
		if ((f = outdir_open(od, "plan.csv")))
			report_csv_write_plan(p, f);
		if ((f = outdir_open(od, "timeline.csv")))
			report_csv_write_timeline(p, f);
	}
	if ((f = outdir_open(od, "summary.json")))
		report_json_write_summary(p, f);
	bool ok = outdir_commit(od);
	if (!ok)
		fprintf(stderr, "phaseout: error: %s\n", outdir_error(od));
	outdir_destroy(od);
	/* Without a plan, an earlier run's plan.csv and timeline.csv must not
	 * sit beside this summary as if they belonged to it. */
	for (int i = 0; ok && !complete && i < 2; i++) {
		char *path = xasprintf("%s/%s", dir, i ? "timeline.csv" : "plan.csv");
		if (unlink(path) != 0 && errno != ENOENT) {
			fprintf(stderr, "phaseout: error: cannot remove '%s': %s\n", path,
				strerror(errno));
			ok = false;
		}
		free(path);
	}
	return ok;
}

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
	int rc = cli_parse(&o, argc, argv, CLI_OUTPUT | CLI_SOLVE, usage);
	if (rc >= 0)
		return rc;

	double t0 = now();
	struct diag d;
	diag_init(&d);
	struct scenario *s = load_scenario(o.scenario, &d);
	if (!s) {
		diag_print(&d, stderr);
		diag_finish(&d);
		return EXIT_INVALID;
	}
	diag_finish(&d);

	double loaded = now() - t0;
	struct instance *in = instance_create(s, o.budget_scale, !o.per_site);
	struct model *m = model_create(in, o.allow_late ? MODEL_ELASTIC : MODEL_HARD);
	struct site_decision *first = NULL;
	size_t n_first = 0;
	double first_exposure = NAN;
	if (heuristic_plan(in, !o.allow_late, NULL, &first, &n_first)) {
		struct plan *hp = plan_create(s, first, n_first, o.budget_scale);
		first_exposure = hp->exposure;
		plan_destroy(hp);
	}
	double first_plan = n_first ? now() - t0 : NAN;
	struct solve_options so = {
		.time_limit = o.time_limit,
		.gap = o.gap,
		.progress = !o.quiet && isatty(STDERR_FILENO),
		.start = first,
		.n_start = n_first,
	};
	struct solve_result r;
	bool solved = solve_model(m, &so, &r);
	free(first);
	if (!solved) {
		model_destroy(m);
		instance_destroy(in);
		scenario_destroy(s);
		return EXIT_ERROR;
	}

	struct plan *p;
	if (r.status == PLAN_INFEASIBLE) {
		p = diagnose(s, in, &o, r.seconds);
	} else {
		p = plan_create(s, r.decisions, r.n_decisions, o.budget_scale);
		p->status = r.status;
		p->solve_seconds = r.seconds;
		if (r.status != PLAN_NO_PLAN) {
			double value = plan_first_objective(p);
			p->bound =
				r.status == PLAN_OPTIMAL ? value : fmin(r.bound, value);
			p->gap = (value - p->bound) / fmax(fabs(value), 1e-9);
			if (p->gap < 1e-12)
				p->gap = 0;
		}
	}
	p->allow_late = o.allow_late;
	p->heuristic_exposure = first_exposure;
	p->load_seconds = loaded;
	p->first_plan_seconds = first_plan;
	p->model_rows = model_rows(m);
	p->model_cols = model_cols(m);
	p->model_int_cols = model_int_cols(m);

	int status = exit_status_of(p->status);
	if (!o.quiet)
		report_text_write(p, stdout);
	if (o.out_dir && !write_files(p, o.out_dir))
		status = EXIT_ERROR;

	plan_destroy(p);
	solve_result_finish(&r);
	model_destroy(m);
	instance_destroy(in);
	scenario_destroy(s);
	return status;
}
