/*
 * phaseout-gen: the program. Options, then the steps of gen.h in order,
 * then the files and a summary on stdout.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gen.h"

/* Out of memory ends the program: a generator has nothing to save. */
void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p) {
		fputs("phaseout-gen: fatal: out of memory\n", stderr);
		abort();
	}
	return p;
}

static void print_summary(const struct gen *g)
{
	size_t hr_sites = 0;
	double units = 0, hr_units = 0, budget = 0, spend = 0;
	double ran = 0, ran_hr = 0;
	for (size_t i = 0; i < g->n_sites; i++) {
		const struct site *s = &g->sites[i];
		units += s->units;
		if (s->domain == DOM_RAN)
			ran += s->units;
		if (is_high_risk(s)) {
			hr_sites++;
			hr_units += s->units;
			if (s->domain == DOM_RAN)
				ran_hr += s->units;
		}
	}
	for (int yi = 0; yi < g->n_years; yi++) {
		budget += g->budget[yi];
		spend += g->spend[yi];
	}
	if (g->prof->budget_share > 0)
		printf("phaseout-gen: wrote %s/scenario.json, %s/funded.json and "
		       "%s/sites.csv\n",
		       g->opt.out_dir, g->opt.out_dir, g->opt.out_dir);
	else
		printf("phaseout-gen: wrote %s/scenario.json and %s/sites.csv\n",
		       g->opt.out_dir, g->opt.out_dir);
	printf("  sites %zu, high-risk sites %zu (%.1f%%), clusters %zu, swap units "
	       "%zu\n",
	       g->n_sites, hr_sites, 100.0 * (double)hr_sites / (double)g->n_sites,
	       g->n_clusters, g->n_swaps);
	printf("  units %.0f, high-risk units %.0f; radio high-risk share %.1f%%\n",
	       units, hr_units, ran > 0 ? 100.0 * ran_hr / ran : 0.0);
	printf("  reference plan cost %s %.0f (nominal), total budget %s %.0f\n",
	       g->prof->currency, spend, g->prof->currency, budget);
	if (g->prof->budget_share > 0)
		printf("  scenario.json gets %g of that budget; funded.json all of it\n",
		       g->prof->budget_share);
	printf("  capacities:");
	for (int v = FIRST_TRUSTED; v < FIRST_TRUSTED + N_TRUSTED; v++)
		printf(" %s %.0f", vendor_names[v], g->capacity[v]);
	printf(" units/year\n");
}

int main(int argc, char **argv)
{
	static struct gen g;
	bool done;
	int status = parse_options(argc, argv, &g.opt, &done);
	if (status || done)
		return status;
	g.prof = &profiles[g.opt.profile];
	g.n_years = g.opt.end - g.opt.start + 1;
	g.v2 = options_v2(&g.opt);
	g.n_periods = g.n_years * (g.v2 ? g.opt.per_year : 1);
	set_rules(&g);
	bool deadlines_hold = true;
	for (int k = 0; k < g.rules.n_deadlines; k++)
		deadlines_hold &= g.rules.deadline[k].year >= g.opt.start;
	if (!deadlines_hold)
		fprintf(stderr,
			"phaseout-gen: warning: a deadline falls before %d, so the "
			"scenario "
			"cannot be feasible\n",
			g.opt.start);
	rng_seed(&g.rng, g.opt.seed);

	make_sites(&g);
	if (g.opt.clusters)
		make_clusters(&g);
	make_swap_units(&g);
	plan_years(&g);
	if (!plan_vendors(&g)) {
		fputs("phaseout-gen: internal error: no trusted vendor can take a swap\n",
		      stderr);
		status = 1;
		goto out;
	}
	add_earliest_years(&g);
	if (g.opt.dependencies)
		add_dependencies(&g);
	if (g.v2) {
		plan_periods(&g);
		add_v2_columns(&g);
		add_growth(&g);
	}
	set_resources(&g);
	if (deadlines_hold && !verify_plan(&g)) {
		fputs("phaseout-gen: internal error: the reference plan breaks a rule\n",
		      stderr);
		status = 1;
		goto out;
	}
	if (mkdir(g.opt.out_dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "phaseout-gen: error: cannot create '%s': %s\n",
			g.opt.out_dir, strerror(errno));
		status = 1;
		goto out;
	}
	if (!write_file(&g, g.opt.out_dir, "sites.csv", write_sites) ||
	    !write_file(&g, g.opt.out_dir, "scenario.json", write_json) ||
	    (g.prof->budget_share > 0 &&
	     !write_file(&g, g.opt.out_dir, "funded.json", write_funded_json))) {
		status = 1;
		goto out;
	}
	if (!g.opt.quiet)
		print_summary(&g);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("phaseout-gen: error: could not write to standard output\n",
		      stderr);
		status = 1;
	}
out:
	free(g.sites);
	free(g.clusters);
	free(g.swaps);
	return status;
}
