#include "cli/cli.h"

#include <float.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/usage_hint.h"
#include "input/load.h"
#include "util/diag.h"
#include "util/num.h"
#include "util/termtext.h"
#include "util/xalloc.h"

void cli_options_init(struct cli_options *o)
{
	memset(o, 0, sizeof(*o));
	o->budget_scale = 1.0;
	o->time_limit = 60;
}

int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap); /* may quote an argument */
	va_end(ap);
	fprintf(stderr, "phaseout %s: ", cmd);
	termtext_put(stderr, msg);
	fputc('\n', stderr);
	free(msg);
	/* The first line of a usage text is its synopsis. */
	const char *nl = strchr(usage, '\n');
	int len = nl ? (int)(nl - usage) : (int)strlen(usage);
	fprintf(stderr, "%.*s\nTry 'phaseout %s --help' for more information.\n", len,
		usage, cmd);
	return EXIT_INVALID;
}

int cli_option_error(const char *cmd, const char *usage, int c, char **argv)
{
	if (c == ':')
		return cli_usage_error(cmd, usage, "option '%s' needs a value",
				       argv[optind - 1]);
	char meant[80];
	if (usage_hint_option(usage, argv[optind - 1], meant, sizeof(meant)))
		return cli_usage_error(cmd, usage,
				       "unknown option '%s' (did you mean '%s'?)",
				       argv[optind - 1], meant);
	return cli_usage_error(cmd, usage, "unknown option '%s'", argv[optind - 1]);
}

enum {
	OPT_TIME_LIMIT = 1000,
	OPT_GAP,
	OPT_BUDGET_SCALE,
	OPT_ALLOW_LATE,
	OPT_PER_SITE,
	OPT_QUIET,
	OPT_LP,
	OPT_MPS,
	OPT_MATHPROG,
	OPT_FORCE,
	OPT_BASELINE,
	OPT_SLACK,
	OPT_SET,
	OPT_SCALE,
	OPT_CSV_BOM,
	OPT_HELP,
};

struct option_info {
	struct option opt;
	unsigned group; /* 0 = every command */
};

static const struct option_info all_options[] = {
	{{"output", required_argument, NULL, 'o'}, CLI_OUTPUT},
	{{"force", no_argument, NULL, OPT_FORCE}, CLI_OUTPUT},
	{{"csv-bom", no_argument, NULL, OPT_CSV_BOM}, CLI_OUTPUT},
	{{"time-limit", required_argument, NULL, OPT_TIME_LIMIT}, CLI_SOLVE},
	{{"gap", required_argument, NULL, OPT_GAP}, CLI_SOLVE},
	{{"budget-scale", required_argument, NULL, OPT_BUDGET_SCALE}, CLI_SOLVE},
	{{"allow-late", no_argument, NULL, OPT_ALLOW_LATE}, CLI_SOLVE},
	{{"per-site", no_argument, NULL, OPT_PER_SITE}, CLI_SOLVE},
	{{"lp", required_argument, NULL, OPT_LP}, CLI_EXPORT},
	{{"mps", required_argument, NULL, OPT_MPS}, CLI_EXPORT},
	{{"mathprog", required_argument, NULL, OPT_MATHPROG}, CLI_EXPORT},
	{{"baseline", required_argument, NULL, OPT_BASELINE}, CLI_BASELINE},
	{{"slack", required_argument, NULL, OPT_SLACK}, CLI_BASELINE},
	{{"set", required_argument, NULL, OPT_SET}, CLI_OVERRIDE},
	{{"scale", required_argument, NULL, OPT_SCALE}, CLI_OVERRIDE},
	{{"quiet", no_argument, NULL, OPT_QUIET}, 0},
	{{"help", no_argument, NULL, OPT_HELP}, 0},
};

enum { N_OPTIONS = sizeof(all_options) / sizeof(all_options[0]) };

static bool parse_number(const char *text, double lo, double hi, bool lo_open,
			 double *out)
{
	double v;
	if (!num_parse_double(text, &v) || v > hi || v < lo || (lo_open && v == lo))
		return false;
	*out = v;
	return true;
}

int cli_time_limit(const char *cmd, const char *usage, const char *text, double *out)
{
	if (!parse_number(text, 0, 1e9, true, out))
		return cli_usage_error(cmd, usage,
				       "--time-limit takes seconds > 0, not '%s'", text);
	return -1;
}

int cli_gap(const char *cmd, const char *usage, const char *text, double *out)
{
	if (!parse_number(text, 0, 1, false, out))
		return cli_usage_error(
			cmd, usage, "--gap takes a fraction in [0, 1], not '%s'", text);
	return -1;
}

int cli_slack(const char *cmd, const char *usage, const char *text, double *out)
{
	if (!parse_number(text, 0, DBL_MAX, false, out))
		return cli_usage_error(cmd, usage,
				       "--slack takes a number >= 0, not '%s'", text);
	return -1;
}

struct baseline *cli_load_baseline(const char *dir, const struct scenario *s, bool quiet)
{
	struct diag d;
	diag_init(&d);
	char *error = NULL;
	struct baseline *b = baseline_load(dir, s, &d, &error);
	cli_print_problems("--baseline: ", error, &d);
	if (b && b->note && !quiet) {
		fputs("phaseout: note: ", stderr);
		termtext_put(stderr, b->note);
		fputc('\n', stderr);
	}
	return b;
}

void cli_print_problems(const char *prefix, char *error, struct diag *d)
{
	if (error)
		cli_error("%s%s", prefix, error);
	diag_print(d, stderr);
	diag_finish(d);
	free(error);
}

struct plan_read *cli_load_plan_folder(const char *dir)
{
	struct diag d;
	diag_init(&d);
	char *error = NULL;
	struct plan_read *pr = plan_read_load(dir, &d, &error);
	cli_print_problems("", error, &d);
	return pr;
}

int cli_common_option(const char *cmd, const char *usage, int c, char **argv,
		      const char **out, bool *quiet)
{
	switch (c) {
	case 'o':
		*out = optarg;
		return -1;
	case 'q':
		*quiet = true;
		return -1;
	case 'h':
		fputs(usage, stdout);
		return EXIT_OK;
	default:
		return cli_option_error(cmd, usage, c, argv);
	}
}

struct scenario *cli_load_scenario(const char *path, bool to_plan)
{
	return cli_load_scenario_overridden(path, NULL, to_plan);
}

struct scenario *cli_load_scenario_overridden(const char *path,
					      const struct override_list *l, bool to_plan)
{
	struct diag d;
	diag_init(&d);
	struct scenario *s = to_plan ? load_scenario_to_plan_with(path, l, &d)
				     : load_scenario_with(path, l, &d);
	if (!s)
		diag_print(&d, stderr);
	diag_finish(&d);
	return s;
}

struct scenario *cli_load_scenario_with(const struct cli_options *o, bool to_plan)
{
	struct override_list l;
	override_list_init(&l);
	cli_override_list(o, &l);
	struct scenario *s = cli_load_scenario_overridden(o->scenario, &l, to_plan);
	override_list_finish(&l);
	return s;
}

void cli_override_list(const struct cli_options *o, struct override_list *l)
{
	for (size_t i = 0; i < o->n_overrides; i++) {
		const char *why;
		override_list_add(l,
				  o->overrides[i].scale ? OVERRIDE_SCALE : OVERRIDE_SET,
				  o->overrides[i].arg, &why);
	}
}

int cli_add_override(struct cli_options *o, const char *cmd, const char *usage,
		     bool scale, const char *arg)
{
	const char *opt = scale ? "--scale" : "--set";
	if (o->n_overrides == CLI_MAX_OVERRIDES)
		return cli_usage_error(cmd, usage, "at most %d --set and --scale options",
				       CLI_MAX_OVERRIDES);
	struct override_list l;
	override_list_init(&l);
	const char *why = NULL;
	bool ok = override_list_add(&l, scale ? OVERRIDE_SCALE : OVERRIDE_SET, arg, &why);
	override_list_finish(&l);
	if (!ok)
		return cli_usage_error(cmd, usage, "%s, not '%s %s'", why, opt, arg);
	o->overrides[o->n_overrides++] = (struct cli_override){scale, arg};
	return -1;
}

static void log_write(void *ctx, enum log_kind kind, const char *text)
{
	(void)ctx;
	switch (kind) {
	case LOG_ERROR:
		cli_error("%s", text);
		break;
	case LOG_PROGRESS:
		fprintf(stderr, "\rphaseout: %s", text);
		break;
	case LOG_PROGRESS_END:
		fputc('\n', stderr);
		break;
	}
}

const struct log_sink *cli_log(void)
{
	static const struct log_sink sink = {.write = log_write};
	return &sink;
}

int cli_parse(struct cli_options *o, int argc, char **argv, unsigned accept,
	      const char *usage)
{
	const char *cmd = argv[0];
	struct option longopts[N_OPTIONS + 1];
	size_t n = 0;
	for (size_t i = 0; i < N_OPTIONS; i++)
		if (!all_options[i].group || (all_options[i].group & accept))
			longopts[n++] = all_options[i].opt;
	memset(&longopts[n], 0, sizeof(longopts[n]));
	const char *shortopts = (accept & CLI_OUTPUT) ? ":o:qh" : ":qh";

	/* 0, not 1: glibc then forgets the last parse's permutation too, so
	 * cli_parse() can run more than once in a process (tests/test_cli.c). */
	optind = 0;
	opterr = 0;
	int c, rc;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->out_dir = optarg;
			break;
		case OPT_FORCE:
			o->force = true;
			break;
		case OPT_CSV_BOM:
			o->csv_bom = true;
			break;
		case OPT_TIME_LIMIT:
			if ((rc = cli_time_limit(cmd, usage, optarg, &o->time_limit)) >=
			    0)
				return rc;
			break;
		case OPT_GAP:
			if ((rc = cli_gap(cmd, usage, optarg, &o->gap)) >= 0)
				return rc;
			break;
		case OPT_BUDGET_SCALE:
			if (!parse_number(optarg, 0, 1e6, false, &o->budget_scale))
				return cli_usage_error(
					cmd, usage,
					"--budget-scale takes a factor >= 0, not '%s'",
					optarg);
			break;
		case OPT_ALLOW_LATE:
			o->allow_late = true;
			break;
		case OPT_PER_SITE:
			o->per_site = true;
			break;
		case 'q':
		case OPT_QUIET:
			o->quiet = true;
			break;
		case OPT_LP:
			o->lp_file = optarg;
			break;
		case OPT_MPS:
			o->mps_file = optarg;
			break;
		case OPT_MATHPROG:
			o->mathprog_file = optarg;
			break;
		case OPT_BASELINE:
			o->baseline = optarg;
			break;
		case OPT_SLACK:
			if ((rc = cli_slack(cmd, usage, optarg, &o->slack)) >= 0)
				return rc;
			o->has_slack = true;
			break;
		case OPT_SET:
		case OPT_SCALE:
			if ((rc = cli_add_override(o, cmd, usage, c == OPT_SCALE,
						   optarg)) >= 0)
				return rc;
			break;
		case 'h':
		case OPT_HELP:
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_option_error(cmd, usage, c, argv);
		}
	}
	if (o->has_slack && !o->baseline)
		return cli_usage_error(cmd, usage, "--slack needs --baseline <dir>");
	if (o->csv_bom && !o->out_dir)
		return cli_usage_error(cmd, usage, "--csv-bom needs -o <dir>");
	return cli_take_scenario(cmd, usage, o->force, o->out_dir, argc, argv,
				 &o->scenario);
}

int cli_take_scenario(const char *cmd, const char *usage, bool force, const char *out_dir,
		      int argc, char **argv, const char **scenario)
{
	if (force && !out_dir)
		return cli_usage_error(cmd, usage, "--force needs -o <dir>");
	if (optind >= argc)
		return cli_usage_error(cmd, usage, "no scenario given");
	if (argc - optind > 1)
		return cli_usage_error(cmd, usage, "unexpected argument '%s'",
				       argv[optind + 1]);
	*scenario = argv[optind];
	return -1;
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	fputs("phaseout: error: ", stderr);
	termtext_put(stderr, msg);
	fputc('\n', stderr);
	free(msg);
}
