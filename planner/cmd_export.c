/*
 * phaseout export: write the model for other solvers, in CPLEX LP or
 * free MPS format, as GLPK writes them.
 *
 * The model written is the plain per-site one (no cohorts: one binary per
 * swap unit, vendor and year), with the first objective, so that other
 * solvers can be compared with phaseout on the textbook formulation.
 *
 * --mathprog writes the scenario's data for models/phaseout.mod instead
 * (mathprog.h): glpsol then solves the declarative model, which shares no
 * code with model.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "commands.h"
#include "diag.h"
#include "instance.h"
#include "load.h"
#include "mathprog.h"
#include "model.h"
#include "termtext.h"

static const char usage[] =
	"usage: phaseout export <scenario.json>\n"
	"                       (--lp <file> | --mps <file> | --mathprog <file>)\n"
	"                       [--budget-scale <factor>] [--allow-late]\n"
	"\n"
	"Write the optimisation model of a scenario for other solvers: one binary\n"
	"variable per swap unit, trusted vendor and year, every rule of the model,\n"
	"and the first objective (exposure, or net present cost with\n"
	"\"objective\": \"cost\"; with --allow-late the least violation).\n"
	"\n"
	"  --lp <file>               write CPLEX LP format\n"
	"  --mps <file>              write free MPS format\n"
	"  --mathprog <file>         write the data section for models/phaseout.mod\n"
	"                            (glpsol --math phaseout.mod -d <file>)\n"
	"  --budget-scale <factor>   multiply every budget (default 1)\n"
	"  --allow-late              deadlines and caps soft (see 'phaseout plan')\n"
	"  -h, --help                show this help\n";

/*
 * The MathProg data goes straight to 'path'; on any failure the partial
 * file is removed, so glpsol never reads half a scenario. Only a regular
 * file is removed: 'path' may be a device such as /dev/full or a pipe. A name MathProg
 * cannot hold (over 100 bytes, a control character) is an error of the
 * export, not of the scenario, hence exit 1 rather than 2.
 */
static bool write_mathprog(const struct scenario *s, double budget_scale,
			   const char *path)
{
	const char *bad = mathprog_unwritable_name(s);
	if (bad) {
		termtext_error("cannot write MathProg data: name '%.*s%s' is longer "
			       "than %d bytes or holds a control character",
			       40, bad, strlen(bad) > 40 ? "..." : "", MATHPROG_MAX_NAME);
		return false;
	}
	FILE *f = fopen(path, "w");
	if (!f) {
		termtext_error("cannot write '%s': %s", path, strerror(errno));
		return false;
	}
	struct stat st;
	bool regular = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
	errno = 0;
	bool ok = mathprog_write_data(s, budget_scale, f);
	int err = ferror(f) ? errno : 0;
	if (fclose(f) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		if (err)
			termtext_error("cannot write '%s': %s", path, strerror(err));
		else
			fputs("phaseout: error: the scenario has no MathProg form\n",
			      stderr);
		if (regular)
			remove(path);
	}
	return ok;
}

int cmd_export(int argc, char **argv)
{
	struct cli_options o;
	cli_options_init(&o);
	int rc = cli_parse(&o, argc, argv, CLI_SOLVE | CLI_EXPORT, usage);
	if (rc >= 0)
		return rc;
	if (!o.lp_file && !o.mps_file && !o.mathprog_file)
		return cli_usage_error(
			argv[0], usage,
			"give --lp <file>, --mps <file> or --mathprog <file>");
	if (o.mathprog_file && o.allow_late)
		return cli_usage_error(argv[0], usage,
				       "--mathprog has no --allow-late form");

	struct diag d;
	diag_init(&d);
	struct scenario *s = load_scenario(o.scenario, &d);
	if (!s) {
		diag_print(&d, stderr);
		diag_finish(&d);
		return EXIT_INVALID;
	}
	diag_finish(&d);

	if (o.mathprog_file) {
		bool written = write_mathprog(s, o.budget_scale, o.mathprog_file);
		if (!written || (!o.lp_file && !o.mps_file)) {
			scenario_destroy(s);
			return written ? EXIT_OK : EXIT_ERROR;
		}
	}

	struct instance *in = instance_create(s, o.budget_scale, false);
	struct model *m = model_create(in, o.allow_late ? MODEL_ELASTIC : MODEL_HARD);
	bool ok = true;
	if (o.lp_file)
		ok = model_write_lp(m, o.lp_file);
	if (ok && o.mps_file)
		ok = model_write_mps(m, o.mps_file);
	if (ok && !o.quiet)
		fprintf(stderr, "phaseout: model with %d rows, %d columns (%d integer)\n",
			model_rows(m), model_cols(m), model_int_cols(m));
	model_destroy(m);
	instance_destroy(in);
	scenario_destroy(s);
	return ok ? EXIT_OK : EXIT_ERROR;
}
