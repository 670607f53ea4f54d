/*
 * commands: phaseout's subcommands and its exit statuses.
 *
 * Each subcommand lives in its own cmd_<name>.c, takes the arguments after
 * its name (argv[0] is the subcommand's name, as getopt expects) and
 * returns an exit status; only main.c turns it into the process's exit.
 */
#ifndef PHASEOUT_COMMANDS_H
#define PHASEOUT_COMMANDS_H

/* Exit statuses, shared/spec/cli-and-outputs.md. */
enum exit_status {
	EXIT_OK = 0,         /* a plan was found, or nothing is wrong */
	EXIT_ERROR = 1,      /* anything else: I/O failure, internal error */
	EXIT_INVALID = 2,    /* usage error or invalid input */
	EXIT_INFEASIBLE = 3, /* the rules cannot all hold */
	EXIT_NO_PLAN = 4,    /* no plan found within the time limit */
};

int cmd_check(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_export(int argc, char **argv);

#endif
