/*
 * phaseout diff: compare two plans written by `phaseout plan -o`, e.g.
 * the same scenario at two budgets, and print what changes; with -o write
 * diff.csv, one row per site that differs.
 *
 * The folders are read whole before anything is printed (plan_read.h):
 * a folder that holds no plan, or a malformed file in either folder, is
 * reported with every problem found and exit status 2. Sites are matched
 * by site_id; the comparison itself is plandiff.h. Plans in periods of
 * different kinds (quarters against months, or a version 1 plan's years
 * against months) are not compared: a site's period in one has no single
 * period in the other, so that is a usage error too (exit 2), as a
 * baseline of another kind is for `plan --baseline`.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "input/plan_read.h"
#include "output/outdir.h"
#include "output/report_diff.h"
#include "plan/plandiff.h"
#include "util/termtext.h"

static const char usage[] =
	"usage: phaseout diff <plan-dir-a> <plan-dir-b> [-o <dir> [--force]] [--quiet]\n"
	"\n"
	"Compare two plans written by 'phaseout plan -o', B against A: sites that\n"
	"move to another year or period (earlier or later) or another vendor, sites\n"
	"newly swapped or no longer swapped within the horizon, each year's (or\n"
	"period's) spend and high-risk share side by side, and the change in\n"
	"exposure, present and nominal cost and completion.\n"
	"\n"
	"  -o, --output <dir>   write diff.csv there, one row per site that differs:\n"
	"                       site_id,region,domain,year_a,year_b,vendor_a,\n"
	"                       vendor_b,change, and period_a,period_b with periods\n"
	"                       finer than a year (created if missing; replaced\n"
	"                       as a whole)\n"
	"  --force              write to an -o folder that holds other files (they\n"
	"                       are kept)\n"
	"  -q, --quiet          print no report\n"
	"  -h, --help           show this help\n"
	"\n"
	"Sites are matched by site_id. Sites in one plan only (plans of different\n"
	"scenarios) are reported as such, and the sites in both are compared. Both\n"
	"plans must be in periods of one kind (years, halves, quarters or months).\n"
	"A folder whose files do not match the checksums in its summary.json\n"
	"(edited, or mixed from two runs) is refused.\n"
	"\n"
	"Exit status: 0 the plans were compared (whether or not they differ), 2 usage\n"
	"error, a folder without a plan, a malformed file, a file that does not\n"
	"match its checksum or plans in periods of different kinds, 1 otherwise.\n";

enum { OPT_FORCE = 1000 };

static const struct option longopts[] = {
	CLI_COMMON_LONGOPTS,
	{"force", no_argument, NULL, OPT_FORCE},
	{NULL, 0, NULL, 0},
};

struct diff_options {
	const char *dir_a, *dir_b;
	const char *out_dir;
	bool quiet, force;
};

/*
 * cli_parse() takes one positional argument, diff takes two: the same
 * conventions (getopt_long with permutation, so options may follow the
 * folders; --help to stdout; usage errors through cli_usage_error), with
 * diff's own options. Returns -1 to go on, else the exit status.
 */
static int parse_args(struct diff_options *o, int argc, char **argv)
{
	const char *cmd = argv[0];
	optind = 1;
	opterr = 0;
	int c, rc;
	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) !=
	       -1) {
		switch (c) {
		case OPT_FORCE:
			o->force = true;
			break;
		default:
			if ((rc = cli_common_option(cmd, usage, c, argv, &o->out_dir,
						    &o->quiet)) >= 0)
				return rc;
		}
	}
	if (o->force && !o->out_dir)
		return cli_usage_error(cmd, usage, "--force needs -o <dir>");
	int n = argc - optind;
	if (n == 0)
		return cli_usage_error(cmd, usage, "no plan folders given");
	if (n == 1)
		return cli_usage_error(cmd, usage,
				       "only one plan folder given, need two");
	if (n > 2)
		return cli_usage_error(cmd, usage, "unexpected argument '%s'",
				       argv[optind + 2]);
	o->dir_a = argv[optind];
	o->dir_b = argv[optind + 1];
	return -1;
}

static bool write_csv(const struct plandiff *pd, struct outdir *od)
{
	FILE *f = outdir_open(od, "diff.csv");
	if (f)
		report_diff_write_csv(pd, f);
	bool ok = outdir_commit(od);
	if (!ok)
		cli_error("%s", outdir_error(od));
	return ok;
}

int cmd_diff(int argc, char **argv)
{
	struct diff_options o = {0};
	int rc = parse_args(&o, argc, argv);
	if (rc >= 0)
		return rc;

	struct outdir *od = NULL;
	if (o.out_dir) {
		od = outdir_create(o.out_dir, "diff");
		if (!outdir_prepare(od, o.force)) {
			cli_error("%s", outdir_error(od));
			outdir_destroy(od);
			return EXIT_ERROR;
		}
	}

	/* Both folders are read, so one run reports the problems of both. */
	struct plan_read *a = cli_load_plan_folder(o.dir_a);
	struct plan_read *b = cli_load_plan_folder(o.dir_b);
	if (!a || !b) {
		plan_read_destroy(a);
		plan_read_destroy(b);
		outdir_destroy(od);
		return EXIT_INVALID;
	}

	if (!plandiff_same_periods(a, b)) {
		cli_error("cannot compare '%s' (in %s%s) with '%s' (in %s%s): plans in "
			  "periods of different kinds have no common period for a site; "
			  "plan both with the same 'periods'",
			  o.dir_a, plan_read_period_noun(a->per_year, true),
			  a->version2 ? "" : ", a version 1 plan", o.dir_b,
			  plan_read_period_noun(b->per_year, true),
			  b->version2 ? "" : ", a version 1 plan");
		plan_read_destroy(a);
		plan_read_destroy(b);
		outdir_destroy(od);
		return EXIT_INVALID;
	}

	int status = EXIT_OK;
	struct plandiff *pd = plandiff_create(a, b);
	if (!o.quiet)
		report_diff_write_text(pd, stdout);
	if (od && !write_csv(pd, od))
		status = EXIT_ERROR;
	outdir_destroy(od);
	plandiff_destroy(pd);
	plan_read_destroy(a);
	plan_read_destroy(b);
	return status;
}
