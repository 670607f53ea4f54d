/*
 * per_year: reading a per-year number of scenario.json (budget, a
 * vendor's capacity, crews) with its period keys (scenario-format.md,
 * scenario-format-2.md "Period keys").
 *
 * A per-year number is a number for every year, or an object of
 * "default", 4-digit year keys and, in version 2, period labels of the
 * scenario's kind ("2024-Q3"). "default" is a year value only. A key
 * outside the horizon is checked, then ignored. Every value must be a
 * finite number in the given range. Problems go to the reader's diag,
 * located at the key, and reading goes on.
 *
 * Calling sequence (scenario_json.c):
 *	struct per_year_frame f = {.start = 2021, .n_years = 4, .per_year = 4,
 *				   .period_keys = true};
 *	double *years = NULL, *periods = NULL;
 *	per_year_read(&r, node, &f, NULL, NULL, &range, &years, &periods);
 *
 * Ownership: the arrays are the caller's (free()); an array passed in is
 * freed and replaced.
 */
#ifndef PHASEOUT_PER_YEAR_H
#define PHASEOUT_PER_YEAR_H

#include <stdbool.h>

#include "input/json_schema.h"

struct cJSON;

/* What the scenario around a per-year number says. */
struct per_year_frame {
	int start, n_years; /* n_years 0: no valid horizon, values checked only */
	int per_year;       /* the scenario's periods (util/period.h); 0 when
			       'periods' was invalid: labels checked, not kinds */
	bool periods_given; /* 'periods' is in the file (else "year", the default) */
	bool period_keys;   /* version 2 (or a file whose format is unknown) */
	bool needs_2;       /* a version 1 file: a period label key is told
			       it needs version 2 */
};

/*
 * per_year_read: the per-year number at 'node' (NULL: the key is absent).
 * With a horizon, '*years' becomes n_years values: the year's own key,
 * else "default", else fallback[year] (may be NULL), else INFINITY; and
 * '*periods' n_years * per_year values: the period's own key, else
 * fallback_period[p] (may be NULL), else INFINITY (no key). Without a
 * horizon both become NULL.
 */
void per_year_read(struct json_schema *r, const struct cJSON *node,
		   const struct per_year_frame *f, const double *fallback,
		   const double *fallback_period, const struct json_number *range,
		   double **years, double **periods);

#endif
