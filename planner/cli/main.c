/*
 * phaseout: plan the removal of high-risk vendors' equipment from a
 * telecom network. This file holds the command table, the global options
 * and the one place where a status becomes the process's exit code.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "output/chart.h"
#include "solver/solve.h"
#include "util/did_you_mean.h"
#include "util/termtext.h"
#include "version.h"

static const char usage[] =
	"usage: phaseout <command> [<options>] <scenario.json>\n"
	"\n"
	"Plan the removal of high-risk vendors' equipment from a network.\n"
	"\n"
	"Commands:\n"
	"  plan    <scenario.json> [-o <dir>]   solve and print the plan; -o writes\n"
	"                                       plan.csv, timeline.csv, summary.json\n"
	"  check   <scenario.json>              validate; show what the scenario holds\n"
	"                                       and the rules that cannot hold\n"
	"  sweep   <scenario.json> --budget-scale <from>:<to>:<step> [-o <dir>]\n"
	"                                       one plan per budget scale: what money\n"
	"                                       buys; --find-min-budget for break-even\n"
	"  export  <scenario.json> --lp <file> | --mps <file> | --mathprog <file>\n"
	"                                       write the model for other solvers\n"
	"  diff    <plan-dir-a> <plan-dir-b> [-o <dir>]   compare two plans\n"
	"  explain <plan-dir> <site-id>         why a site of a plan goes when it goes\n"
	"  report  <dir>... -o <report.html>   one HTML page of plans and sweeps\n"
	"\n"
	"Options:\n"
	"  -h, --help      show this help, or a command's with 'phaseout <command> "
	"--help'\n"
	"  -V, --version   show the versions of phaseout and GLPK\n"
	"\n"
	"Exit status: 0 plan found or nothing wrong, 1 other failure, 2 usage error\n"
	"or invalid input, 3 the rules cannot all hold, 4 no plan within the time "
	"limit.\n";

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
};

static const struct command commands[] = {
	{"check", cmd_check},   {"diff", cmd_diff}, {"explain", cmd_explain},
	{"export", cmd_export}, {"plan", cmd_plan}, {"report", cmd_report},
	{"sweep", cmd_sweep},
};

/*
 * A full disk or a closed pipe must not look like success: flush stdout
 * and check it before reporting the command's status (jq does the same).
 */
static int finish_stdout(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("phaseout: error: could not write to standard output\n", stderr);
		return status == EXIT_OK ? EXIT_ERROR : status;
	}
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: phaseout <command> [<options>] <scenario.json>\n"
		      "Try 'phaseout --help' for more information.\n",
		      stderr);
		return EXIT_INVALID;
	}
	const char *name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
	    strcmp(name, "help") == 0) {
		fputs(usage, stdout);
		return finish_stdout(EXIT_OK);
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		printf("phaseout %s\nGLPK %s\n", PHASEOUT_VERSION, solve_glpk_version());
		return finish_stdout(EXIT_OK);
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(name, commands[i].name) == 0) {
			int status = commands[i].run(argc - 1, argv + 1);
			/* Charts load fonts once; give fontconfig's caches back so
			 * leak checkers see a clean exit. */
			chart_release_fonts();
			return finish_stdout(status);
		}
	struct did_you_mean m;
	did_you_mean_init(&m, name);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		did_you_mean_offer(&m, commands[i].name);
	fputs("phaseout: '", stderr);
	termtext_put(stderr, name);
	fputs("' is not a phaseout command", stderr);
	if (did_you_mean_best(&m))
		fprintf(stderr, " (did you mean '%s'?)", did_you_mean_best(&m));
	fputs("\nTry 'phaseout --help' for the list of commands.\n", stderr);
	return EXIT_INVALID;
}
