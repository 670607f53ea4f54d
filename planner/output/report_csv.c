#include "output/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_funds.h"
#include "plan/plan_row.h"
#include "util/csvw.h"
#include "util/period.h"
#include "util/xalloc.h"

/* Version 2 appends these (cli-and-outputs-2.md); timeline.csv then adds
 * one fund_NAME column per fund (plan_funds.h). */
static const char *const timeline_columns_2[] = {"period", "own_spend", "funded_spend"};

static const char *const timeline_columns[] = {
	"year",          "budget",        "available",          "spend",    "unspent",
	"sites_swapped", "units_swapped", "hr_units_remaining", "hr_share", "exposure",
};

static void write_header(struct csvw *w, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csvw_text(w, names[i]);
}

/* One row as plan_row.h gives it. */
static void write_plan_row(struct csvw *w, const struct plan_row *r)
{
	if (r->swapped)
		csvw_int(w, r->year);
	else
		csvw_empty(w);
	csvw_text(w, r->site_id);
	csvw_text(w, r->region);
	csvw_text(w, r->domain);
	csvw_text(w, r->from_vendor);
	if (r->to_vendor)
		csvw_text(w, r->to_vendor);
	else
		csvw_empty(w);
	csvw_int(w, r->units);
	if (r->split) {
		csvw_cents(w, r->equipment_cents);
		csvw_cents(w, r->site_cents);
	} else {
		csvw_empty(w);
		csvw_empty(w);
	}
	if (r->swapped) {
		csvw_cents(w, r->total_cents);
		csvw_cents(w, r->present_cents);
	} else {
		csvw_empty(w);
		csvw_empty(w);
	}
	if (r->cluster)
		csvw_text(w, r->cluster);
	else
		csvw_empty(w);
	if (r->late > 0 && r->late == floor(r->late))
		csvw_int(w, (int64_t)r->late);
	else if (r->late > 0)
		csvw_fixed(w, r->late, 6);
	else
		csvw_empty(w);
	if (r->version2) {
		if (r->swapped)
			csvw_text(w, r->period);
		else
			csvw_empty(w);
		csvw_text(w, r->status);
		if (r->swapped) {
			csvw_cents(w, r->own_cents);
			csvw_cents(w, r->funded_cents);
		} else {
			csvw_empty(w);
			csvw_empty(w);
		}
		csvw_text(w, r->fund);
	}
	if (r->moved_column && r->moved >= 0)
		csvw_int(w, r->moved);
	else if (r->moved_column)
		csvw_empty(w);
	if (r->why)
		csvw_text(w, r->why);
	csvw_end_row(w);
}

bool report_csv_write_plan(const struct plan *p, const struct plan_rows *rows, FILE *f)
{
	struct plan_rows *own = NULL;
	if (!rows)
		rows = own = plan_rows_create(p);
	struct csvw w;
	csvw_init(&w, f);
	write_header(&w, rows->names, rows->n_columns);
	csvw_end_row(&w);
	for (size_t k = 0; k < rows->n; k++)
		write_plan_row(&w, &rows->rows[k]);
	plan_rows_destroy(own);
	return csvw_finish(&w);
}

/*
 * Names are unique, so the order is total. An insertion sort: a scenario
 * has a handful of domains, and qsort() would need the names through a
 * global.
 */
uint32_t *report_domain_order(const struct scenario *s)
{
	const struct strmap *names = &s->domains;
	uint32_t *order = xcalloc(names->count ? names->count : 1, sizeof(*order));
	for (uint32_t i = 0; i < names->count; i++) {
		uint32_t j = i;
		while (j > 0 && strcmp(names->names[order[j - 1]], names->names[i]) > 0) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	return order;
}

bool report_csv_write_timeline(const struct plan *p, FILE *f)
{
	const struct scenario *s = p->scenario;
	uint32_t *order = report_domain_order(s);
	struct csvw w;
	csvw_init(&w, f);
	write_header(&w, timeline_columns,
		     sizeof(timeline_columns) / sizeof(timeline_columns[0]));
	for (uint32_t d = 0; d < s->domains.count; d++) {
		char *name = xasprintf("hr_share_%s", s->domains.names[order[d]]);
		csvw_text(&w, name);
		free(name);
	}
	if (s->format_version >= 2)
		write_header(&w, timeline_columns_2,
			     sizeof(timeline_columns_2) / sizeof(timeline_columns_2[0]));
	for (size_t k = 0; s->format_version >= 2 && k < s->n_funds; k++) {
		char *name = xasprintf("fund_%s", s->funds[k].name);
		csvw_text(&w, name);
		free(name);
	}
	csvw_end_row(&w);

	for (size_t yi = 0; p->years && yi < p->n_years; yi++) {
		const struct plan_year *y = &p->years[yi];
		csvw_int(&w, y->year);
		/* Reported cents (plan.h): spend is the sum of the year's
		 * plan.csv total_cost; an unlimited year leaves budget,
		 * available and unspent empty. */
		if (isfinite(y->budget))
			csvw_cents(&w, y->budget_cents);
		else
			csvw_empty(&w);
		if (isfinite(y->available)) {
			csvw_cents(&w, y->available_cents);
			csvw_cents(&w, y->spend_cents);
			csvw_cents(&w, y->unspent_cents);
		} else {
			csvw_empty(&w);
			csvw_cents(&w, y->spend_cents);
			csvw_empty(&w);
		}
		csvw_int(&w, y->sites_swapped);
		csvw_int(&w, y->units_swapped);
		csvw_int(&w, y->hr_units_remaining);
		csvw_fixed(&w, y->hr_share, 6);
		csvw_fixed(&w, y->exposure, 6);
		for (uint32_t d = 0; d < s->domains.count; d++)
			csvw_fixed(&w, y->hr_share_domain[order[d]], 6);
		if (s->format_version >= 2) {
			char label[16];
			period_label(s->start, s->periods_per_year, y->period, label,
				     sizeof(label));
			csvw_text(&w, label);
			csvw_cents(&w, y->spend_cents - y->funded_cents);
			csvw_cents(&w, y->funded_cents);
			for (size_t k = 0; k < s->n_funds; k++)
				csvw_cents(&w, plan_funds_period_cents(p, k, y->period));
		}
		csvw_end_row(&w);
	}
	free(order);
	return csvw_finish(&w);
}
