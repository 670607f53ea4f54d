#include "testutil.h"

#include <math.h>

#include "solver/objective_scale.h"

/* coef[1..n] from a list (slot 0 unused, as in GLPK). */
static void scale_of(struct objective_scale *s, const double *list, size_t n,
		     double constant)
{
	double coef[16] = {0};
	for (size_t i = 0; i < n; i++)
		coef[i + 1] = list[i];
	objective_scale_init(s, coef, n, constant);
}

static void whole_coefficients_should_keep_a_common_unit(void **state)
{
	(void)state;
	/* Exposure terms: criticality x units x years, with 7 and 6. */
	const double c[] = {-6, -12, -18, -7, -21, 0, -1500};
	struct objective_scale s;
	scale_of(&s, c, 7, 2000);
	assert_true(s.integral);
	assert_double_near(s.unit, 1, 0);
	assert_double_near(s.coef[4], -7, 0);
	assert_double_near(s.coef[6], 0, 0);
	assert_double_near(s.constant, 2000, 0);
	objective_scale_finish(&s);
}

static void halves_should_be_whole_in_a_unit_of_one_half(void **state)
{
	(void)state;
	const double c[] = {1.5, 3, 4.5, 2};
	struct objective_scale s;
	scale_of(&s, c, 4, 0);
	assert_true(s.integral);
	assert_double_near(s.unit, 0.5, 1e-15);
	assert_double_near(s.coef[1], 3, 0);
	assert_double_near(s.coef[4], 4, 0);
	objective_scale_finish(&s);
}

static void a_power_of_ten_should_give_the_same_scaled_problem(void **state)
{
	(void)state;
	/* Decimal input times 1e-9 carries rounding noise; the scaled
	 * coefficients must still be bit for bit the same. */
	const double c[] = {0.1 * 3, 0.7, 1.1, 25.5};
	double small[4], large[4];
	for (int i = 0; i < 4; i++) {
		small[i] = c[i] * 1e-9;
		large[i] = c[i] * 1e9;
	}
	struct objective_scale a, b, d;
	scale_of(&a, c, 4, 10);
	scale_of(&b, small, 4, 10e-9);
	scale_of(&d, large, 4, 10e9);
	assert_true(a.integral && b.integral && d.integral);
	for (int j = 1; j <= 4; j++) {
		assert_true(a.coef[j] == b.coef[j]);
		assert_true(a.coef[j] == d.coef[j]);
	}
	assert_true(a.constant == b.constant && a.constant == d.constant);
	objective_scale_finish(&a);
	objective_scale_finish(&b);
	objective_scale_finish(&d);
}

static void discounted_costs_should_lie_on_a_grid(void **state)
{
	(void)state;
	/* Present values: no common unit. */
	const double c[] = {1000 / 1.035, 1000 / (1.035 * 1.035), 2718.281828,
			    3141.59265};
	struct objective_scale s;
	scale_of(&s, c, 4, 0);
	assert_false(s.integral);
	assert_double_near(s.unit, c[1], 0);
	for (int j = 1; j <= 4; j++) {
		double grid = s.coef[j] * 16777216.0;
		assert_double_near(grid, round(grid), 0);
		assert_double_near(s.coef[j] * s.unit, c[j - 1], 1e-7 * c[j - 1]);
	}
	objective_scale_finish(&s);
}

static void a_bound_should_round_up_only_when_integral(void **state)
{
	(void)state;
	const double whole[] = {-1, -2, -3};
	struct objective_scale s;
	scale_of(&s, whole, 3, 100.5);
	/* Unit 1: values are 100.5 + k, so a bound of 96.7 means 97.5. */
	assert_double_near(objective_scale_round_bound(&s, 96.7), 97.5, 1e-12);
	/* Just below a value: that value. */
	assert_double_near(objective_scale_round_bound(&s, 97.5 - 1e-10), 97.5, 1e-12);
	/* Just above one by the LP's noise: not pushed to the next value. */
	assert_double_near(objective_scale_round_bound(&s, 97.5 + 1e-10), 97.5 + 1e-10,
			   1e-12);
	assert_true(isnan(objective_scale_round_bound(&s, NAN)));
	objective_scale_finish(&s);

	const double frac[] = {1.0471, 2.3, 3.14159};
	scale_of(&s, frac, 3, 0);
	assert_false(s.integral);
	assert_double_near(objective_scale_round_bound(&s, 12.34), 12.34, 0);
	objective_scale_finish(&s);
}

static void extreme_spreads_should_stay_in_range(void **state)
{
	(void)state;
	/* A criticality of 1e-300 beside 1e300: nothing GLPK cannot take. */
	const double c[] = {1e-300, 1, 1e300};
	struct objective_scale s;
	scale_of(&s, c, 3, 0);
	assert_false(s.integral);
	for (int j = 1; j <= 3; j++) {
		assert_true(isfinite(s.coef[j]));
		assert_true(fabs(s.coef[j]) <= 1099511627776.0);
	}
	objective_scale_finish(&s);
}

static void an_empty_objective_should_have_unit_one(void **state)
{
	(void)state;
	const double c[] = {0, 0};
	struct objective_scale s;
	scale_of(&s, c, 2, 5);
	assert_true(s.integral);
	assert_double_near(s.unit, 1, 0);
	assert_double_near(s.constant, 5, 0);
	objective_scale_finish(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whole_coefficients_should_keep_a_common_unit),
		cmocka_unit_test(halves_should_be_whole_in_a_unit_of_one_half),
		cmocka_unit_test(a_power_of_ten_should_give_the_same_scaled_problem),
		cmocka_unit_test(discounted_costs_should_lie_on_a_grid),
		cmocka_unit_test(a_bound_should_round_up_only_when_integral),
		cmocka_unit_test(extreme_spreads_should_stay_in_range),
		cmocka_unit_test(an_empty_objective_should_have_unit_one),
	};
	return cmocka_run_group_tests_name("objective_scale", tests, NULL, NULL);
}
