#include "solver/objective_scale.h"

#include <math.h>
#include <stdlib.h>

#include "util/xalloc.h"

/* The grid of a non-integral scaled objective. */
#define GRID 16777216.0 /* 2^24 */

/* Largest whole number of units an integral objective may count: beyond
 * it a double no longer holds each sum exactly. */
#define MAX_WHOLE 1099511627776.0 /* 2^40 */

/* Whether v is a whole number, up to the noise of decimal input. */
static bool whole(double v)
{
	return fabs(v - round(v)) <= 1e-9 * fmax(1, fabs(v));
}

/*
 * The least q such that every ratio |c| / least times q is whole, or 0
 * when there is none up to MAX_DENOMINATOR. Since one ratio is exactly
 * 1, the common unit of all coefficients is least / q.
 */
#define MAX_DENOMINATOR 1000000

static long common_denominator(const double *coef, size_t n, double least)
{
	long q = 1;
	for (size_t j = 1; j <= n; j++) {
		if (coef[j] == 0)
			continue;
		double r = fabs(coef[j]) / least * (double)q;
		if (whole(r))
			continue;
		long d = 2;
		while (d <= 1000 && !whole(r * (double)d))
			d++;
		if (d > 1000 || q * d > MAX_DENOMINATOR)
			return 0;
		q *= d;
	}
	return q;
}

static double snap(double v)
{
	return round(v * GRID) / GRID;
}

void objective_scale_init(struct objective_scale *s, const double *coef, size_t n,
			  double constant)
{
	s->n = n;
	s->coef = xcalloc(n + 1, sizeof(double));
	double least = INFINITY;
	for (size_t j = 1; j <= n; j++)
		if (coef[j] != 0 && fabs(coef[j]) < least)
			least = fabs(coef[j]);
	if (!isfinite(least)) {
		s->unit = 1;
		s->integral = true;
		s->constant = constant;
		return;
	}

	long q = common_denominator(coef, n, least);
	bool integral = q > 0;
	for (size_t j = 1; j <= n && integral; j++)
		integral = fabs(coef[j]) / least * (double)q <= MAX_WHOLE;
	/* Coefficients spread over more than 2^40 (valid only in scenarios
	 * with extreme numbers) are scaled from the largest instead, so that
	 * GLPK never sees a number it cannot take; the smallest then fall
	 * under the grid. */
	double most = 0;
	for (size_t j = 1; j <= n; j++)
		most = fmax(most, fabs(coef[j]));
	bool spread = most / least > MAX_WHOLE;
	integral = integral && !spread;
	s->integral = integral;
	s->unit = integral ? least / (double)q : spread ? most / MAX_WHOLE : least;
	for (size_t j = 1; j <= n; j++) {
		double w = coef[j] / s->unit;
		s->coef[j] = integral ? round(w) : snap(w);
	}
	s->constant = snap(constant / s->unit);
}

void objective_scale_finish(struct objective_scale *s)
{
	free(s->coef);
	s->coef = NULL;
}

double objective_scale_round_bound(const struct objective_scale *s, double bound)
{
	if (!s->integral || !isfinite(bound))
		return bound;
	/* Values are constant + k for whole k; the least at or above the
	 * bound, allowing for the LP's own rounding noise. */
	double k = ceil(bound - s->constant - 1e-9 * fmax(1, fabs(bound)) - 1e-7);
	double v = s->constant + k;
	return v > bound ? v : bound;
}
