#include "input/per_year.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "input/scenario.h"
#include "util/period.h"
#include "util/xalloc.h"

/* A key of a per-year number's object: exactly 4 digits, not starting with 0. */
static bool is_year_key(const char *key)
{
	if (strlen(key) != 4 || key[0] < '1' || key[0] > '9')
		return false;
	for (int i = 1; i < 4; i++)
		if (key[i] < '0' || key[i] > '9')
			return false;
	return true;
}

/* A label of the scenario's kind to show in a hint: the horizon's first
 * year's middle period ("2021-H2", "2021-Q3", "2021-07"). */
static void example_label(const struct per_year_frame *f, char *buf, size_t size)
{
	int start = f->n_years ? f->start : 2024;
	period_label(start, f->per_year, f->per_year / 2, buf, size);
}

/*
 * A key that is neither "default" nor a year. Version 1 keeps its
 * message, except that a well-formed period label is a version 2 key. In
 * version 2 a malformed label ("2024-q3", "2024-Q5", "2024-7") and one of
 * another kind than 'periods' are errors; a label of the right kind gives
 * its period index in '*p' and true.
 */
static bool period_key(struct json_schema *r, const cJSON *m,
		       const struct per_year_frame *f, int *p)
{
	int year, sub;
	int kind = period_parse_label(m->string, &year, &sub);
	char example[16];
	if (!f->period_keys) {
		if (f->needs_2 && kind > 1)
			json_schema_report(r, m, "period key '%s' " SCENARIO_NEEDS_2,
					   r->path);
		else
			json_schema_report(r, m,
					   "unknown key '%s': expected 'default' or a "
					   "4-digit year",
					   r->path);
		return false;
	}
	if (kind == 0 || kind == 1) {
		if (f->per_year == 1) {
			json_schema_report(r, m,
					   "unknown key '%s': expected 'default' or a "
					   "4-digit year",
					   r->path);
		} else if (f->per_year == 0) {
			json_schema_report(r, m,
					   "unknown key '%s': expected 'default', a "
					   "4-digit year or a period label",
					   r->path);
		} else {
			example_label(f, example, sizeof(example));
			json_schema_report(r, m,
					   "unknown key '%s': expected 'default', a "
					   "4-digit year or a period label such as '%s'",
					   r->path, example);
		}
		return false;
	}
	if (f->per_year && kind != f->per_year) {
		json_schema_report(
			r, m, "period key '%s' is a %s, but 'periods' is '%s'%s", r->path,
			period_kind_name(kind), period_kind_name(f->per_year),
			f->periods_given ? "" : " (the default)");
		return false;
	}
	*p = f->n_years ? period_index(f->start, kind, year, sub) : -1;
	return true;
}

void per_year_read(struct json_schema *r, const cJSON *node,
		   const struct per_year_frame *f, const double *fallback,
		   const double *fallback_period, const struct json_number *range,
		   double **years_out, double **periods_out)
{
	int n = f->n_years;
	int np = f->per_year ? n * f->per_year : 0;
	double *years = n ? xmalloc((size_t)n * sizeof(*years)) : NULL;
	double *periods = np ? xmalloc((size_t)np * sizeof(*periods)) : NULL;
	bool has_default = false;
	double def = INFINITY, v;
	for (int i = 0; i < n; i++)
		years[i] = NAN;
	for (int i = 0; i < np; i++)
		periods[i] = NAN;

	if (!node) {
		/* absent: every year falls back */
	} else if (cJSON_IsNumber(node)) {
		if (json_schema_number(r, node, range, &v)) {
			has_default = true;
			def = v;
		}
	} else if (cJSON_IsObject(node)) {
		const cJSON *m;
		cJSON_ArrayForEach(m, node)
		{
			size_t mark = json_schema_key(r, m->string);
			int p;
			if (json_schema_is_repeat(node, m)) {
				json_schema_report(r, m, "duplicate key '%s'", r->path);
			} else if (strcmp(m->string, "default") == 0) {
				if (json_schema_number(r, m, range, &v)) {
					has_default = true;
					def = v;
				}
			} else if (is_year_key(m->string)) {
				int yi = atoi(m->string) - f->start;
				if (json_schema_number(r, m, range, &v) && yi >= 0 &&
				    yi < n)
					years[yi] = v;
			} else if (period_key(r, m, f, &p)) {
				if (json_schema_number(r, m, range, &v) && p >= 0 &&
				    p < np)
					periods[p] = v;
			}
			json_schema_pop(r, mark);
		}
	} else {
		json_schema_report(r, node,
				   "'%s' must be %s or an object of per-year numbers, "
				   "not %s",
				   r->path, range->text, json_schema_type_name(node));
	}

	for (int i = 0; i < n; i++) {
		if (!isnan(years[i]))
			continue;
		years[i] = has_default ? def : fallback ? fallback[i] : INFINITY;
	}
	for (int i = 0; i < np; i++) {
		if (!isnan(periods[i]))
			continue;
		periods[i] = fallback_period ? fallback_period[i] : INFINITY;
	}
	free(*years_out);
	*years_out = years;
	free(*periods_out);
	*periods_out = periods;
}
