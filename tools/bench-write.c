/*
 * bench-write: the CPU time of writing a plan's plan.csv and plan.xlsx,
 * with their rows (plan_row.h, the why column among them) made once for
 * both as run_files.c does, against once per file as before, side by
 * side in one run on the same plan.
 *
 * usage: build/tools/bench-write <plan-dir> <scenario.json> [<rounds>]
 *
 * The plan is rebuilt from the folder's plan.csv as 'explain' and
 * '--baseline' read it (baseline.h, plan_create(); a scenario without
 * funds), so no solve is timed. Each round times, in turn: why_create()
 * alone; it and every site's why text; plan.csv and plan.xlsx each
 * making its own rows; the rows made once and lent to both. The files go to /dev/null.
 * Prints each variant's CPU seconds (CLOCK_PROCESS_CPUTIME_ID), the least and the mean
 * over the rounds (default 5).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "input/baseline.h"
#include "input/load.h"
#include "output/report.h"
#include "output/report_xlsx.h"
#include "plan/plan.h"
#include "plan/plan_row.h"
#include "plan/why.h"
#include "util/diag.h"
#include "util/xalloc.h"

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool write_both(const struct plan *p, const struct plan_rows *rows)
{
	FILE *f = fopen("/dev/null", "w");
	if (!f)
		return false;
	bool ok = report_csv_write_plan(p, rows, f) && report_xlsx_plan(p, rows, f);
	return fclose(f) == 0 && ok;
}

enum { WHY_ALONE, WHY_TEXTS, OWN_WHY, SHARED_WHY, N_VARIANTS };

static const char *const names[N_VARIANTS] = {
	"why_create alone",
	"why_create and every site's why text",
	"plan.csv + plan.xlsx, rows and why each (before)",
	"plan.csv + plan.xlsx, rows made once (now)",
};

static bool run(int variant, const struct plan *p)
{
	struct why *w;
	switch (variant) {
	case WHY_ALONE:
		why_destroy(why_create(p));
		return true;
	case WHY_TEXTS:
		w = why_create(p);
		for (size_t k = 0; k < p->n_sites; k++)
			free(why_site_text(w, k));
		why_destroy(w);
		return true;
	case OWN_WHY:
		return write_both(p, NULL);
	default: {
		struct plan_rows *rows = plan_rows_create(p);
		bool ok = write_both(p, rows);
		plan_rows_destroy(rows);
		return ok;
	}
	}
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fputs("usage: bench-write <plan-dir> <scenario.json> [<rounds>]\n",
		      stderr);
		return 2;
	}
	int rounds = argc == 4 ? atoi(argv[3]) : 5;
	if (rounds < 1)
		rounds = 1;
	struct diag d;
	diag_init(&d);
	char *error = NULL;
	struct scenario *s = load_scenario_to_plan(argv[2], &d);
	struct baseline *b = s ? baseline_load(argv[1], s, &d, &error) : NULL;
	diag_print(&d, stderr);
	diag_finish(&d);
	if (error)
		fprintf(stderr, "bench-write: %s\n", error);
	free(error);
	if (!b) {
		scenario_destroy(s);
		return 2;
	}
	struct site_decision *dec = xcalloc(s->n_sites + 1, sizeof(*dec));
	size_t n = 0;
	for (uint32_t i = 0; i < s->n_sites; i++)
		if (b->period[i] >= 0)
			dec[n++] = (struct site_decision){i, b->period[i], b->vendor[i]};
	struct plan *p = plan_create(s, dec, n, 1.0);
	free(dec);

	double least[N_VARIANTS], sum[N_VARIANTS] = {0};
	int status = 0;
	for (int r = 0; r < rounds; r++) {
		for (int v = 0; v < N_VARIANTS; v++) {
			double t0 = cpu_now();
			if (!run(v, p))
				status = 1;
			double t = cpu_now() - t0;
			least[v] = r == 0 || t < least[v] ? t : least[v];
			sum[v] += t;
		}
	}
	printf("%zu sites, %d rounds, CPU seconds (least, mean):\n", p->n_sites, rounds);
	for (int v = 0; v < N_VARIANTS; v++)
		printf("  %-50s %.3f  %.3f\n", names[v], least[v], sum[v] / rounds);
	plan_destroy(p);
	baseline_destroy(b);
	scenario_destroy(s);
	return status;
}
