/*
 * phaseout report: one self-contained HTML page for people who will not
 * run a command: the figures, rules, timeline and spend of one or more
 * plan folders, the changes between them, and the break-even budgets and
 * sensitivity chart of sweep folders (output/report_html.h). Every
 * folder is read whole and checked before anything is written; the page
 * is written to a temporary beside -o and renamed, so a failure leaves
 * an earlier report as it was.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "input/report_folder.h"
#include "output/outdir.h"
#include "output/report_html.h"
#include "util/diag.h"
#include "util/xalloc.h"

static const char usage[] =
	"usage: phaseout report <dir>... -o <report.html> [--quiet]\n"
	"\n"
	"Write one self-contained HTML page (inline charts and tables; no scripts,\n"
	"no network) for the plan folders ('phaseout plan -o') and sweep folders\n"
	"('phaseout sweep -o') given: each plan's status, gap, exposure, costs and\n"
	"completion, its rules and their outcomes, its timeline chart and spend per\n"
	"period; each sweep's break-even budgets, sensitivity chart and table; and\n"
	"with several plans their figures side by side and the changes from the\n"
	"first plan to each other (as 'phaseout diff' prints them).\n"
	"\n"
	"  -o, --output <file>   the page to write (required; replaced whole)\n"
	"  -q, --quiet           print nothing but errors\n"
	"  -h, --help            show this help\n"
	"\n"
	"Exit status: 0 the page was written, 2 usage error, a folder that is not a\n"
	"plan or sweep folder, a malformed file or one that does not match its\n"
	"checksum, 1 otherwise (the page could not be written).\n";

struct report_options {
	const char *out;
	bool quiet;
	int first, n; /* the folders: argv[first .. first + n) */
};

static int parse_args(struct report_options *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	const char *cmd = argv[0];
	optind = 1;
	opterr = 0;
	int c, rc;
	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS, longopts, NULL)) != -1)
		if ((rc = cli_common_option(cmd, usage, c, argv, &o->out, &o->quiet)) >=
		    0)
			return rc;
	o->first = optind;
	o->n = argc - optind;
	if (o->n == 0)
		return cli_usage_error(cmd, usage, "no folders given");
	if (!o->out)
		return cli_usage_error(cmd, usage, "-o <report.html> is required");
	if (!*o->out)
		return cli_usage_error(cmd, usage, "-o takes a file name, not ''");
	struct stat st;
	if (stat(o->out, &st) == 0 && S_ISDIR(st.st_mode))
		return cli_usage_error(cmd, usage,
				       "-o '%s' is a folder; give the page's file "
				       "name, e.g. '%s/report.html'",
				       o->out, o->out);
	return -1;
}

static bool write_page(const char *path, struct report_folder *const *folders, size_t n)
{
	char *temp = outdir_temp_for(path);
	if (!temp) {
		cli_error("cannot write '%s': %s", path, strerror(errno));
		return false;
	}
	FILE *f = fopen(temp, "w");
	bool ok = f && report_html_write(folders, n, f);
	int err = errno ? errno : EIO;
	if (f && fclose(f) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (ok && !outdir_install(temp, path)) {
		ok = false;
		err = errno;
	} else if (!ok) {
		unlink(temp);
	}
	free(temp);
	if (!ok)
		cli_error("cannot write '%s': %s", path, strerror(err));
	return ok;
}

int cmd_report(int argc, char **argv)
{
	struct report_options o = {0};
	int rc = parse_args(&o, argc, argv);
	if (rc >= 0)
		return rc;
	size_t n = (size_t)o.n;
	struct report_folder **folders = xcalloc(n + 1, sizeof(*folders));
	bool all = true;
	/* Every folder is read, so one run reports the problems of all. */
	for (size_t i = 0; i < n; i++) {
		struct diag d;
		diag_init(&d);
		char *error = NULL;
		folders[i] = report_folder_load(argv[o.first + (int)i], &d, &error);
		cli_print_problems("", error, &d);
		all = all && folders[i];
	}
	int status = EXIT_INVALID;
	if (all) {
		status = write_page(o.out, folders, n) ? EXIT_OK : EXIT_ERROR;
		if (status == EXIT_OK && !o.quiet)
			printf("wrote %s (%zu folder%s)\n", o.out, n, n == 1 ? "" : "s");
	}
	for (size_t i = 0; i < n; i++)
		report_folder_destroy(folders[i]);
	free(folders);
	return status;
}
