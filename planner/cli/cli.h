/*
 * cli: what every subcommand shares on the command line: the common
 * options, their parsing, usage errors, loading the scenario with its
 * problems printed, and the sink that prints the library's messages.
 *
 * Calling sequence in a cmd_<name>.c:
 *	struct cli_options o;
 *	cli_options_init(&o);
 *	int rc = cli_parse(&o, argc, argv, CLI_SOLVE, usage_text);
 *	if (rc >= 0) return rc;    (--help printed, or a usage error)
 *
 * Ownership: the strings in cli_options point into argv.
 */
#ifndef PHASEOUT_CLI_H
#define PHASEOUT_CLI_H

#include <stdbool.h>

#include "input/baseline.h"
#include "input/override.h"
#include "input/plan_read.h"
#include "input/scenario.h"
#include "util/diag.h"
#include "util/log.h"

/* Which option groups a command accepts. */
enum cli_accept {
	CLI_OUTPUT = 1 << 0,   /* -o DIR, --force, --csv-bom */
	CLI_SOLVE = 1 << 1,    /* --time-limit, --gap, --budget-scale, --allow-late */
	CLI_EXPORT = 1 << 2,   /* --lp FILE, --mps FILE, --mathprog FILE */
	CLI_BASELINE = 1 << 3, /* --baseline DIR, --slack F */
	CLI_OVERRIDE = 1 << 4, /* --set PATH=VALUE, --scale PATH=FACTOR */
};

/* The most --set and --scale options one command takes. */
#define CLI_MAX_OVERRIDES 64

/* One --set or --scale as given (input/override.h reads it). */
struct cli_override {
	bool scale;
	const char *arg; /* "PATH=VALUE", in argv */
};

struct cli_options {
	const char *scenario; /* the one positional argument */
	const char *out_dir;  /* NULL = no files */
	bool force;           /* write into an -o folder holding other files */
	bool csv_bom;         /* the -o folder's CSV files start with a UTF-8 BOM */
	double time_limit;    /* seconds for the whole solve; 60 unless given */
	double gap;           /* relative MIP gap to stop at; 0 = prove optimal */
	double budget_scale;  /* 1 = budgets as written */
	bool allow_late;
	bool per_site; /* no cohorts: one variable per swap unit (checks, benchmarks) */
	bool quiet;
	const char *lp_file;
	const char *mps_file;
	const char *mathprog_file; /* data section for models/phaseout.mod */
	const char *baseline;      /* --baseline DIR, NULL none */
	double slack;              /* --slack, >= 0 (0 unless given) */
	bool has_slack;            /* --slack was given */
	struct cli_override overrides[CLI_MAX_OVERRIDES];
	size_t n_overrides;
};

void cli_options_init(struct cli_options *o);

/*
 * cli_parse: parse argv (argv[0] is the subcommand) accepting the groups in
 * 'accept'. Returns -1 when the command should go on; otherwise the exit
 * status to return at once: 0 after printing 'usage' for --help, 2 after a
 * usage error (message and short usage on stderr).
 */
int cli_parse(struct cli_options *o, int argc, char **argv, unsigned accept,
	      const char *usage);

/*
 * The options 'diff', 'report' and 'sweep' share in their own
 * getopt_long() loops (cli_parse() has them too): -o, --output <dir or
 * file>; -q, --quiet; -h, --help. Their entries for the long options
 * table and the short options string (':' first, for cli_option_error()):
 *	static const struct option longopts[] = {
 *		CLI_COMMON_LONGOPTS,
 *		{"force", no_argument, NULL, OPT_FORCE},   (the command's own)
 *		{NULL, 0, NULL, 0},
 *	};
 *	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, ...)) != -1)
 *		switch (c) {
 *		case OPT_FORCE: ...
 *		default:
 *			if ((rc = cli_common_option(cmd, usage, c, argv, &out,
 *						    &quiet)) >= 0)
 *				return rc;
 *		}
 */
/* clang-format off */
#define CLI_COMMON_LONGOPTS \
	{"output", required_argument, NULL, 'o'}, \
	{"quiet", no_argument, NULL, 'q'}, \
	{"help", no_argument, NULL, 'h'}
/* clang-format on */
#define CLI_COMMON_SHORTOPTS ":o:qh"

/*
 * cli_common_option: what getopt_long() returned for an option the
 * command has no case of: -o stores optarg in '*out' and -q true in
 * '*quiet' (-1: go on); --help prints 'usage' on stdout (EXIT_OK);
 * anything else is cli_option_error()'s usage error (EXIT_INVALID).
 */
int cli_common_option(const char *cmd, const char *usage, int c, char **argv,
		      const char **out, bool *quiet);

/* cli_usage_error: "phaseout <cmd>: <message>", the usage's first line and
 * a hint to --help, on stderr. Returns EXIT_INVALID. */
int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * cli_option_error: the usage error for what getopt_long() returned when
 * an option is unknown ('?') or lacks its value (':', with ":" first in
 * the short options). Returns EXIT_INVALID.
 */
int cli_option_error(const char *cmd, const char *usage, int c, char **argv);

/*
 * cli_take_scenario: what every command that reads a scenario checks once
 * its options are parsed: --force needs -o, and exactly one argument is
 * left, the scenario (stored in '*scenario', pointing into argv). -1 when
 * good; otherwise the usage error is printed and its exit status returned.
 */
int cli_take_scenario(const char *cmd, const char *usage, bool force, const char *out_dir,
		      int argc, char **argv, const char **scenario);

/*
 * cli_time_limit, cli_gap: the one reading of --time-limit (seconds,
 * more than 0 and at most 1e9) and --gap (a fraction in [0, 1]) for every
 * command. -1 when 'text' is good (stored in *out); otherwise the usage
 * error is printed and its exit status returned.
 */
int cli_time_limit(const char *cmd, const char *usage, const char *text, double *out);
int cli_gap(const char *cmd, const char *usage, const char *text, double *out);

/*
 * cli_load_scenario: load and validate the scenario at 'path'. NULL when
 * anything is wrong, after every problem is printed on stderr (the
 * command then returns EXIT_INVALID). The caller owns the scenario.
 * 'to_plan': for a command that plans (load_scenario_to_plan(): what the
 * planner does not plan yet is refused).
 */
struct scenario *cli_load_scenario(const char *path, bool to_plan);

/* cli_load_scenario_with: cli_load_scenario() of o->scenario with o's
 * --set and --scale applied (input/override.h). */
struct scenario *cli_load_scenario_with(const struct cli_options *o, bool to_plan);

/* cli_load_scenario_overridden: cli_load_scenario() of 'path' with the
 * overrides 'l' applied (NULL: none). */
struct scenario *cli_load_scenario_overridden(const char *path,
					      const struct override_list *l,
					      bool to_plan);

/* cli_override_list: o's --set and --scale appended to 'l' (initialised),
 * in the order given. */
void cli_override_list(const struct cli_options *o, struct override_list *l);

/*
 * cli_add_override: the one reading of a --set or --scale value for every
 * command: checked (input/override.h) and stored in 'o'. -1 when good;
 * otherwise the usage error is printed and its exit status returned.
 */
int cli_add_override(struct cli_options *o, const char *cmd, const char *usage,
		     bool scale, const char *arg);

/*
 * cli_load_baseline: read --baseline 'dir' for scenario 's'
 * (input/baseline.h). NULL when it cannot be used, after its problems
 * are printed on stderr (the command then returns EXIT_INVALID, before
 * solving or writing anything). A note on site ids the scenario does not
 * have goes to stderr unless 'quiet'. The caller owns the baseline.
 */
struct baseline *cli_load_baseline(const char *dir, const struct scenario *s, bool quiet);

/*
 * cli_print_problems: what a loader of files found wrong, on stderr, the
 * folder's first and then the files': 'error' (a fresh string or NULL;
 * freed) as cli_error() with 'prefix' before it, then every message in
 * 'd' (FILE:LINE[:COL]); 'd' is finished.
 */
void cli_print_problems(const char *prefix, char *error, struct diag *d);

/*
 * cli_load_plan_folder: read the folder 'dir' that 'plan -o' wrote
 * (input/plan_read.h: a whole run, its checksums checked). NULL when it
 * holds no usable plan, after its problems are printed on stderr (the
 * command then returns EXIT_INVALID). The caller owns the result.
 */
struct plan_read *cli_load_plan_folder(const char *dir);

/* cli_slack: the one reading of --slack (a number >= 0), as cli_gap(). */
int cli_slack(const char *cmd, const char *usage, const char *text, double *out);

/*
 * cli_log: where the library's messages go: an error as "phaseout:
 * error: TEXT" and a newline, progress as "\rphaseout: TEXT" (each line
 * over the last) and a newline when it ends, all on stderr.
 */
const struct log_sink *cli_log(void);

/* cli_error: "phaseout: error: " and the terminal-safe form of the
 * formatted message, then a newline, on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
