/*
 * phaseout check: validate a scenario, show what it holds, and name the
 * rules that cannot hold whatever the plan (precheck.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "input/scenario.h"
#include "output/report_check.h"
#include "plan/instance.h"
#include "plan/precheck.h"

static const char usage[] =
	"usage: phaseout check [-q | --quiet] <scenario.json>\n"
	"                      [--set <path>=<value>]... [--scale <path>=<factor>]...\n"
	"\n"
	"Validate a scenario and its sites.csv, show what it holds (sites, high-risk\n"
	"sites and units by domain and region, vendors, budget, rules) and every\n"
	"rule that cannot hold whatever the plan.\n"
	"\n"
	"Options:\n"
	"  -q, --quiet   print only the findings and the result\n"
	"  --set <path>=<value>, --scale <path>=<factor>\n"
	"                check the scenario with these changes (as plan)\n"
	"  --help        show this help\n"
	"\n"
	"Exit status: 0 nothing impossible found, 2 invalid input, 3 some rule\n"
	"cannot hold whatever the plan.\n";

/*
 * The report goes to stdout only once the scenario is valid, so a script
 * sees either a full report or nothing (and the problems on stderr).
 */
int cmd_check(int argc, char **argv)
{
	struct cli_options o;
	cli_options_init(&o);
	int rc = cli_parse(&o, argc, argv, CLI_OVERRIDE, usage);
	if (rc >= 0)
		return rc;

	struct scenario *s = cli_load_scenario_with(&o, false);
	if (!s)
		return EXIT_INVALID;

	struct instance *in = instance_create(s, 1.0, true);
	struct precheck *pc = precheck_run(in);
	report_check_write(stdout, s, in, pc, o.quiet);

	rc = pc->n_impossible ? EXIT_INFEASIBLE : EXIT_OK;
	precheck_destroy(pc);
	instance_destroy(in);
	scenario_destroy(s);
	return rc;
}
