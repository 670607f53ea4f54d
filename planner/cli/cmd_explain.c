/*
 * phaseout explain: why one site of a plan folder goes when it goes.
 *
 * The folder is read as diff reads it (plan_read.h: a whole run, its
 * checksums checked); its decisions (plan.csv's period and vendor per
 * site) are matched to the scenario as a baseline's are (baseline.h) and
 * the plan is rebuilt from them with plan_create(), so every figure of
 * the account is recomputed, as the reports' are. A scenario that no
 * longer gives the folder's plan (other sites, another exposure or cost)
 * is refused: the account would be of another plan. The plan's --set and
 * --scale overrides (summary.json's "overrides") are applied to the
 * scenario again, as 'plan' applied them.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "input/baseline.h"
#include "input/override.h"
#include "input/plan_read.h"
#include "output/report_explain.h"
#include "plan/plan.h"
#include "plan/why.h"
#include "util/diag.h"
#include "util/did_you_mean.h"
#include "util/money.h"
#include "util/xalloc.h"

static const char usage[] =
	"usage: phaseout explain <plan-dir> <site-id> [--scenario <scenario.json>]\n"
	"\n"
	"Say why one high-risk site of a plan written by 'phaseout plan -o' goes when\n"
	"it goes: its swap and cost, the first period it may go in and why, and for\n"
	"each earlier period what was full then (the own budget, every vendor allowed\n"
	"to take it, its region's crews, a site it depends on) or else why it waited;\n"
	"then the deadlines and caps that cover it.\n"
	"\n"
	"  --scenario <file>   the scenario the plan was made from (default: the\n"
	"                      file its summary.json names, as 'plan' was given it);\n"
	"                      the plan's --set and --scale, which its summary.json\n"
	"                      records, are applied to it again\n"
	"  -h, --help          show this help\n"
	"\n"
	"The plan is rebuilt from plan.csv's decisions and the scenario; a scenario\n"
	"that no longer gives the folder's plan is refused.\n"
	"\n"
	"Exit status: 0 the site was explained, 2 usage error, a site the plan does\n"
	"not have, a folder without a plan, or a scenario that does not give it,\n"
	"1 otherwise.\n";

enum { OPT_SCENARIO = 1000, OPT_HELP };

static const struct option longopts[] = {
	{"scenario", required_argument, NULL, OPT_SCENARIO},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

struct explain_options {
	const char *dir, *site, *scenario;
};

static int parse_args(struct explain_options *o, int argc, char **argv)
{
	const char *cmd = argv[0];
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_SCENARIO:
			o->scenario = optarg;
			break;
		case 'h':
		case OPT_HELP:
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_option_error(cmd, usage, c, argv);
		}
	}
	int n = argc - optind;
	if (n == 0)
		return cli_usage_error(cmd, usage, "no plan folder given");
	if (n == 1)
		return cli_usage_error(cmd, usage, "no site given");
	if (n > 2)
		return cli_usage_error(cmd, usage, "unexpected argument '%s'",
				       argv[optind + 2]);
	o->dir = argv[optind];
	o->site = argv[optind + 1];
	return -1;
}

/* The unknown site's message: up to DID_YOU_MEAN_KEPT of the plan's site
 * ids nearest to 'id' (util/did_you_mean.h), nearest first. */
static void unknown_site(const struct plan *p, const char *dir, const char *id)
{
	const struct scenario *s = p->scenario;
	struct did_you_mean m;
	did_you_mean_init(&m, id);
	for (size_t k = 0; k < p->n_sites; k++)
		did_you_mean_offer(&m, s->sites[p->sites[k].site].id);
	size_t n = did_you_mean_count(&m);
	if (!n) {
		cli_error("'%s' is not a high-risk site of the plan in '%s'", id, dir);
		return;
	}
	char *list = xstrdup("");
	for (size_t i = 0; i < n; i++) {
		char *next = xasprintf("%s%s'%s'", list,
				       i == 0       ? ""
				       : i + 1 == n ? " or "
						    : ", ",
				       did_you_mean_nth(&m, i));
		free(list);
		list = next;
	}
	cli_error("'%s' is not a high-risk site of the plan in '%s'; did you mean %s?",
		  id, dir, list);
	free(list);
}

/* Whether the rebuilt plan is the folder's: same scenario name, every
 * plan.csv row a site of the scenario, the same exposure and nominal
 * cost as its summary.json and the same money per period as its
 * timeline.csv. (Capacities and crews are in none of the files: an edit
 * of those alone is not seen.) */
static bool same_plan(const struct plan *p, const struct plan_read *pr,
		      const struct baseline *b, const char *dir, const char *path)
{
	const struct scenario *s = p->scenario;
	const char *why = NULL;
	if (*pr->scenario && strcmp(pr->scenario, s->name ? s->name : "") != 0)
		why = "its summary.json names another scenario";
	else if (b->n_unknown || b->n_rows != p->n_sites)
		why = "its plan.csv lists other sites";
	else if (!isnan(pr->exposure) &&
		 fabs(pr->exposure - p->exposure) > 1e-6 * fmax(1, fabs(p->exposure)))
		why = "its exposure differs";
	else if (!isnan(pr->nominal_cost) &&
		 money_cents(pr->nominal_cost) != p->nominal_cents)
		why = "its nominal cost differs";
	else if (pr->n_years != p->n_years)
		why = "its timeline.csv has other periods";
	/* The money each period had: a budget edited since would give
	 * another account of "budget spent". */
	for (size_t q = 0; !why && q < p->n_years; q++) {
		const struct plan_year *py = &p->years[q];
		double had = pr->years[q].available;
		if (isfinite(py->available) != !isnan(had) ||
		    (!isnan(had) && money_cents(had) != py->available_cents))
			why = "the money of its timeline.csv differs";
	}
	for (size_t i = 0; !why && i < b->n_sites; i++)
		if (b->period[i] == BASELINE_ELSEWHERE)
			why = "its plan.csv swaps a site where the scenario cannot";
	if (!why)
		return true;
	cli_error("'%s' does not give the plan in '%s': %s (was either changed after "
		  "the plan was made?)",
		  path, dir, why);
	return false;
}

static struct plan *rebuild(const struct scenario *s, const struct baseline *b,
			    double scale)
{
	struct site_decision *dec = xcalloc(s->n_sites + 1, sizeof(*dec));
	size_t n = 0;
	for (uint32_t i = 0; i < s->n_sites; i++)
		if (b->period[i] >= 0)
			dec[n++] = (struct site_decision){i, b->period[i], b->vendor[i]};
	struct plan *p = plan_create(s, dec, n, scale);
	free(dec);
	return p;
}

int cmd_explain(int argc, char **argv)
{
	struct explain_options o = {0};
	int rc = parse_args(&o, argc, argv);
	if (rc >= 0)
		return rc;
	if (!o.dir || !o.site) /* parse_args() set both; said for the analyser */
		return EXIT_INVALID;

	struct plan_read *pr = cli_load_plan_folder(o.dir);
	if (!pr)
		return EXIT_INVALID;

	const char *path = o.scenario ? o.scenario : pr->scenario_file;
	if (!*path) {
		cli_error("'%s/summary.json' names no scenario file (a plan written "
			  "before phaseout recorded it); give it with --scenario",
			  o.dir);
		plan_read_destroy(pr);
		return EXIT_INVALID;
	}
	/* The plan's --set and --scale, as its summary.json records them:
	 * without them the scenario gives another plan. */
	struct override_list ov;
	override_list_init(&ov);
	for (size_t i = 0; i < pr->n_overrides; i++) {
		const char *why;
		if (!override_list_add_text(&ov, pr->overrides[i], &why)) {
			cli_error("'%s/summary.json' records the override '%s': %s",
				  o.dir, pr->overrides[i], why);
			override_list_finish(&ov);
			plan_read_destroy(pr);
			return EXIT_INVALID;
		}
	}
	struct scenario *s = cli_load_scenario_overridden(path, &ov, true);
	override_list_finish(&ov);
	if (!s) {
		plan_read_destroy(pr);
		return EXIT_INVALID;
	}
	struct baseline *b = NULL;
	if (pr->per_year != s->periods_per_year) {
		cli_error("'%s' is planned in %s, but '%s' is in %s: not the scenario "
			  "of this plan",
			  o.dir, plan_read_period_noun(pr->per_year, true), path,
			  plan_read_period_noun(s->periods_per_year, true));
	} else {
		struct diag d;
		diag_init(&d);
		char *error = NULL;
		b = baseline_load(o.dir, s, &d, &error);
		cli_print_problems("", error, &d);
	}
	if (!b) {
		scenario_destroy(s);
		plan_read_destroy(pr);
		return EXIT_INVALID;
	}
	struct plan *p = rebuild(s, b, isnan(pr->budget_scale) ? 1.0 : pr->budget_scale);
	rc = EXIT_INVALID;
	if (same_plan(p, pr, b, o.dir, path)) {
		size_t k = 0;
		while (k < p->n_sites &&
		       strcmp(s->sites[p->sites[k].site].id, o.site) != 0)
			k++;
		if (k == p->n_sites) {
			unknown_site(p, o.dir, o.site);
		} else {
			struct why *w = why_create(p);
			rc = report_explain_write(p, w, k, stdout) ? EXIT_OK : EXIT_ERROR;
			why_destroy(w);
		}
	}
	plan_destroy(p);
	baseline_destroy(b);
	scenario_destroy(s);
	plan_read_destroy(pr);
	return rc;
}
