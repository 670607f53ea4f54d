/*
 * phaseout export: write the model for other solvers, in CPLEX LP or
 * free MPS format, as GLPK writes them.
 *
 * The model written is the plain per-site one (no cohorts: one binary per
 * swap unit, vendor and period), with the first objective, so that other
 * solvers can be compared with phaseout on the textbook formulation.
 *
 * --mathprog writes the scenario's data for models/phaseout.mod instead
 * (mathprog.h): glpsol then solves the declarative model, which shares no
 * code with model.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "output/mathprog.h"
#include "output/outdir.h"
#include "plan/history.h"
#include "plan/instance.h"
#include "solver/model.h"
#include "util/termtext.h"

static const char usage[] =
	"usage: phaseout export <scenario.json>\n"
	"                       (--lp <file> | --mps <file> | --mathprog <file>)\n"
	"                       [--budget-scale <factor>] [--allow-late]\n"
	"                       [--set <path>=<value>]... [--scale <path>=<factor>]...\n"
	"\n"
	"Write the optimisation model of a scenario for other solvers: one binary\n"
	"variable per swap unit, trusted vendor and period (a year unless the\n"
	"scenario's \"periods\" is finer), every rule of the model, and the first\n"
	"objective (exposure, or net present cost with \"objective\": \"cost\";\n"
	"with --allow-late the least violation).\n"
	"\n"
	"  --lp <file>               write CPLEX LP format\n"
	"  --mps <file>              write free MPS format\n"
	"  --mathprog <file>         write the data section for models/phaseout.mod\n"
	"                            (glpsol --math phaseout.mod -d <file>)\n"
	"  --budget-scale <factor>   multiply every budget (default 1)\n"
	"  --set <path>=<value>      change one value of scenario.json for this run:\n"
	"                            budget.2024=8e6, vendors.Nokia.capacity.2025=0,\n"
	"                            deadlines[1].year=2026 (repeatable)\n"
	"  --scale <path>=<factor>   multiply values of scenario.json: budget=0.8,\n"
	"                            budget.2024..2028=0.8 (repeatable)\n"
	"  --allow-late              deadlines and caps soft (see 'phaseout plan')\n"
	"  -h, --help                show this help\n";

/*
 * Every export is written whole or not at all, as -o folders are
 * (outdir.h): to a temporary beside 'path', fsynced, then renamed, so a
 * full disk or a failing writer leaves an earlier export at 'path' as it
 * was and no temporary behind. A 'path' that exists and is not itself a
 * regular file (a device such as /dev/full, a FIFO, a symbolic link such
 * as /dev/stdout) is written directly, as any program would: a device has
 * nothing to keep, and renaming over a link would replace the link (and
 * /dev/stdout with it) rather than write where it points.
 *
 * 'write' writes the whole file at the path it is given, and returns
 * false with errno set when the cause is known (0 otherwise), or with
 * '*reported' set when it printed why itself.
 */
typedef bool (*write_fn)(const char *path, void *ctx, bool *reported);

static void write_error(const char *path, int err)
{
	if (err)
		cli_error("cannot write '%s': %s", path, strerror(err));
	else
		cli_error("cannot write '%s'", path);
}

static bool export_file(const char *path, write_fn write, void *ctx)
{
	struct stat st;
	bool reported = false;
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (write(path, ctx, &reported))
			return true;
		if (!reported)
			write_error(path, S_ISDIR(st.st_mode) ? EISDIR : errno);
		return false;
	}
	char *temp = outdir_temp_for(path);
	if (!temp) {
		write_error(path, errno);
		return false;
	}
	bool ok = write(temp, ctx, &reported);
	int err = errno;
	if (!ok)
		unlink(temp);
	else if (!outdir_install(temp, path)) {
		ok = false;
		err = errno;
	}
	free(temp);
	if (!ok && !reported)
		write_error(path, err);
	return ok;
}

struct mathprog_ctx {
	const struct scenario *s;
	double budget_scale;
};

static bool write_mathprog_file(const char *path, void *ctx, bool *reported)
{
	struct mathprog_ctx *c = ctx;
	FILE *f = fopen(path, "w");
	if (!f)
		return false;
	errno = 0;
	bool ok = mathprog_write_data(c->s, c->budget_scale, f);
	int err = ferror(f) ? (errno ? errno : EIO) : 0;
	if (fclose(f) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (!ok && !err) {
		fputs("phaseout: error: the scenario has no MathProg form\n", stderr);
		*reported = true;
	}
	errno = err;
	return ok;
}

static bool write_lp_file(const char *path, void *ctx, bool *reported)
{
	(void)reported;
	return model_write_lp(ctx, path);
}

static bool write_mps_file(const char *path, void *ctx, bool *reported)
{
	(void)reported;
	return model_write_mps(ctx, path);
}

/*
 * A name MathProg cannot hold (over 100 bytes, a control character) is an
 * error of the export, not of the scenario, hence exit 1 rather than 2.
 */
static bool write_mathprog(const struct scenario *s, double budget_scale,
			   const char *path)
{
	const char *bad = mathprog_unwritable_name(s);
	if (bad) {
		cli_error("cannot write MathProg data: name '%.*s%s' is longer "
			  "than %d bytes or holds a control character",
			  40, bad, strlen(bad) > 40 ? "..." : "", MATHPROG_MAX_NAME);
		return false;
	}
	struct mathprog_ctx c = {s, budget_scale};
	return export_file(path, write_mathprog_file, &c);
}

int cmd_export(int argc, char **argv)
{
	struct cli_options o;
	cli_options_init(&o);
	int rc = cli_parse(&o, argc, argv, CLI_SOLVE | CLI_EXPORT | CLI_OVERRIDE, usage);
	if (rc >= 0)
		return rc;
	if (!o.lp_file && !o.mps_file && !o.mathprog_file)
		return cli_usage_error(
			argv[0], usage,
			"give --lp <file>, --mps <file> or --mathprog <file>");
	if (o.mathprog_file && o.allow_late)
		return cli_usage_error(argv[0], usage,
				       "--mathprog has no --allow-late form");

	struct scenario *s = cli_load_scenario_with(&o, true);
	if (!s)
		return EXIT_INVALID;

	if (o.mathprog_file && history_uses(s)) {
		/* models/phaseout.mod has no history: its data would be an
		 * unpinned model that looks like the re-plan's. */
		cli_error("--mathprog does not carry replan_from and the fixed "
			  "ledger (models/phaseout.mod has no history); use --lp or "
			  "--mps for a re-plan");
		scenario_destroy(s);
		return EXIT_INVALID;
	}
	if (o.mathprog_file && s->n_funds) {
		/* models/phaseout.mod has no funds: its data would plan
		 * without them (docs/decisions.md, "Funds in the planner"). */
		cli_error("cannot write MathProg data: models/phaseout.mod does not "
			  "model 'funds' yet (use --lp or --mps)");
		scenario_destroy(s);
		return EXIT_INVALID;
	}
	if (o.mathprog_file) {
		bool written = write_mathprog(s, o.budget_scale, o.mathprog_file);
		if (!written || (!o.lp_file && !o.mps_file)) {
			scenario_destroy(s);
			return written ? EXIT_OK : EXIT_ERROR;
		}
	}

	struct instance *in = instance_create_baseline(s, o.budget_scale, false, NULL);
	struct model *m =
		model_create_for_export(in, o.allow_late ? MODEL_ELASTIC : MODEL_HARD);
	bool ok = true;
	if (o.lp_file)
		ok = export_file(o.lp_file, write_lp_file, m);
	if (ok && o.mps_file)
		ok = export_file(o.mps_file, write_mps_file, m);
	if (ok && !o.quiet)
		fprintf(stderr, "phaseout: model with %d rows, %d columns (%d integer)\n",
			model_rows(m), model_cols(m), model_int_cols(m));
	model_destroy(m);
	instance_destroy(in);
	scenario_destroy(s);
	return ok ? EXIT_OK : EXIT_ERROR;
}
