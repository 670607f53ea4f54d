/*
 * blocks-compare SCENARIO.json [SECONDS]: the model phaseout solves (with
 * its blocks of periods, solver/model_blocks.h) against the full model
 * of every period that 'export' writes, on one scenario: both are solved
 * by the same staged solve, and when both prove their optimum the two
 * plans' exposure and present cost (stage 1 and stage 2, as plan.c
 * counts them from the decisions) must agree within 1e-6 relative.
 * Prints one line: the two models' sizes and the values.
 * Exit status: 0 agreed, 1 they differ, 77 not both proven in SECONDS
 * (default 20) each, 2 usage or a scenario that does not load.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "input/load.h"
#include "plan/instance.h"
#include "plan/plan.h"
#include "solver/model.h"
#include "solver/solve.h"
#include "util/diag.h"

struct outcome {
	int rows, cols;
	enum plan_status status;
	double exposure, present_cost;
};

static bool solve_one(const struct scenario *s, struct model *m, double seconds,
		      struct outcome *out)
{
	out->rows = model_rows(m);
	out->cols = model_cols(m);
	struct solve_options so = {.time_limit = seconds};
	struct solve_result r = {0};
	if (!solve_model(m, &so, &r))
		return false;
	struct plan *p = plan_create(s, r.decisions, r.n_decisions, 1);
	out->status = r.status;
	out->exposure = p->exposure;
	out->present_cost = p->present_cost_exact;
	plan_destroy(p);
	solve_result_finish(&r);
	return true;
}

static bool same(double a, double b)
{
	return fabs(a - b) <= 1e-6 * fmax(fabs(a), fabs(b)) + 1e-6;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: blocks-compare SCENARIO.json [SECONDS]\n");
		return 2;
	}
	double seconds = argc == 3 ? atof(argv[2]) : 20;
	struct diag d;
	diag_init(&d);
	struct scenario *s = load_scenario_to_plan(argv[1], &d);
	if (!s) {
		diag_print(&d, stderr);
		diag_finish(&d);
		return 2;
	}
	diag_finish(&d);
	struct instance *in = instance_create(s, 1, true);
	struct model *reduced = model_create(in, MODEL_HARD);
	struct model *full = model_create_for_export(in, MODEL_HARD);
	struct outcome a = {0}, b = {0};
	bool ok = solve_one(s, reduced, seconds, &a) && solve_one(s, full, seconds, &b);
	model_destroy(reduced);
	model_destroy(full);
	instance_destroy(in);
	scenario_destroy(s);
	if (!ok) {
		fprintf(stderr, "blocks-compare: GLPK failed\n");
		return 1;
	}
	printf("blocks %dx%d full %dx%d: exposure %.6f %.6f present cost %.6f %.6f\n",
	       a.rows, a.cols, b.rows, b.cols, a.exposure, b.exposure, a.present_cost,
	       b.present_cost);
	if (a.status != PLAN_OPTIMAL || b.status != PLAN_OPTIMAL)
		return 77;
	return same(a.exposure, b.exposure) && same(a.present_cost, b.present_cost) ? 0
										    : 1;
}
