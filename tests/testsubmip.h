/*
 * testsubmip: the fixture the tests of local search (test_local_search.c)
 * and RINS (test_rins.c) share: make_three_sites()'s model with
 * exposure as its objective and a plan in hand.
 *
 * make_three_sites(): A (ran, 2 units), B (ran, 1 unit) and C (core, 1
 * unit), Ericsson at 10 a unit, 30 a year, core due by 2025, 2024-2026;
 * groups g0 = A, g1 = B, g2 = C, each with one column per year (one
 * vendor). The least exposure, E = 1, swaps A and one of B and C in 2024.
 * The plan "B and C in 2024, A in 2025" keeps every rule with E = 2.
 *
 * Ownership: the fixture's; sub_mip_fixture_teardown() frees it.
 */
#ifndef PHASEOUT_TESTSUBMIP_H
#define PHASEOUT_TESTSUBMIP_H

#include <stdint.h>

#include "input/scenario.h"
#include "plan/instance.h"
#include "solver/model.h"

struct sub_mip_fixture {
	struct scenario *s;
	struct instance *in;
	struct model *m;
	double *x;
};

/* The model with E as its objective and x = the plan: A in year index
 * year_a, B and C in 2024. */
void sub_mip_fixture_setup(struct sub_mip_fixture *f, int year_a);
void sub_mip_fixture_teardown(struct sub_mip_fixture *f);

/* The x column of group g in year index y (the test fails without one). */
int sub_mip_fixture_col(const struct model *m, uint32_t g, int y);
/* E of the fixture's plan x. */
double sub_mip_fixture_exposure(const struct sub_mip_fixture *f);

/* Asserts that x is the least exposure, E = 1: A in 2024 and one of B
 * and C, every column whole, nothing else swapped. */
void sub_mip_fixture_assert_best(const struct sub_mip_fixture *f);

/* time_left_ms() callbacks: no limit (INT_MAX), and out of time (0). */
int sub_mip_no_limit(void *ctx);
int sub_mip_out_of_time(void *ctx);

#endif
