#include "output/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan_funds.h"
#include "plan/why.h"
#include "util/csvw.h"
#include "util/period.h"
#include "util/xalloc.h"

static const char *const plan_columns[] = {
	"year",          "site_id", "region",         "domain",    "from_vendor",
	"to_vendor",     "units",   "equipment_cost", "site_cost", "total_cost",
	"present_value", "cluster", "late",
};

/* Version 2 appends these (cli-and-outputs-2.md); version 1 files keep
 * version 1's columns exactly; timeline.csv then adds one fund_NAME
 * column per fund (plan_funds.h). */
static const char *const plan_columns_2[] = {
	"period", "status", "own_cost", "funded_cost", "fund", "moved", "why",
};
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

/*
 * An unswapped site keeps its identity columns and leaves every column
 * about the swap empty, so a finance team's SUM() over the cost columns is
 * the plan's nominal cost.
 */
static void write_plan_row(struct csvw *w, const struct plan *p,
			   const struct plan_site *ps, const char *why)
{
	const struct scenario *s = p->scenario;
	const struct site *site = &s->sites[ps->site];
	bool swapped = ps->year != 0 && ps->vendor >= 0;

	if (swapped)
		csvw_int(w, ps->year);
	else
		csvw_empty(w);
	csvw_text(w, site->id);
	csvw_text(w, s->regions.names[site->region]);
	csvw_text(w, s->domains.names[site->domain]);
	csvw_text(w, s->site_vendors.names[site->vendor]);
	if (swapped)
		csvw_text(w, s->vendors[ps->vendor].name);
	else
		csvw_empty(w);
	csvw_int(w, site->units);
	if (swapped && ps->written_cost) { /* a ledger cost: no split */
		csvw_empty(w);
		csvw_empty(w);
		csvw_cents(w, ps->total_cents);
		csvw_cents(w, ps->present_cents);
	} else if (swapped) {
		csvw_cents(w, ps->equipment_cents);
		csvw_cents(w, ps->site_cents);
		csvw_cents(w, ps->total_cents);
		csvw_cents(w, ps->present_cents);
	} else {
		for (int i = 0; i < 4; i++)
			csvw_empty(w);
	}
	if (site->cluster)
		csvw_text(w, site->cluster);
	else
		csvw_empty(w);
	if (ps->late > 0 && ps->late == floor(ps->late))
		csvw_int(w, (int64_t)ps->late);
	else if (ps->late > 0)
		csvw_fixed(w, ps->late, 6);
	else
		csvw_empty(w);
	if (s->format_version >= 2) {
		char label[16];
		if (swapped) {
			period_label(s->start, s->periods_per_year, ps->period, label,
				     sizeof(label));
			csvw_text(w, label);
			csvw_text(w, ps->status == SITE_DONE        ? "done"
				     : ps->status == SITE_COMMITTED ? "committed"
								    : "planned");
			csvw_cents(w, ps->total_cents - ps->funded_cents);
			csvw_cents(w, ps->funded_cents);
		} else {
			csvw_empty(w);
			csvw_text(w, "unswapped");
			csvw_empty(w);
			csvw_empty(w);
		}
		char *funds = plan_funds_row_text(p, (size_t)(ps - p->sites));
		csvw_text(w, funds);
		free(funds);
	}
	/* moved: only with --baseline (a version 1 file then gets this one
	 * column after its own, docs/decisions.md) */
	if (p->baseline_dir && ps->moved >= 0)
		csvw_int(w, ps->moved);
	else if (p->baseline_dir)
		csvw_empty(w); /* a fixed row */
	else if (s->format_version >= 2)
		csvw_empty(w);
	if (why) /* version 2: why it goes when it goes (plan/why.h) */
		csvw_text(w, why);
	csvw_end_row(w);
}

bool report_csv_write_plan(const struct plan *p, FILE *f)
{
	struct csvw w;
	csvw_init(&w, f);
	write_header(&w, plan_columns, sizeof(plan_columns) / sizeof(plan_columns[0]));
	if (p->scenario->format_version >= 2)
		write_header(&w, plan_columns_2,
			     sizeof(plan_columns_2) / sizeof(plan_columns_2[0]));
	else if (p->baseline_dir)
		csvw_text(&w, "moved");
	csvw_end_row(&w);
	struct why *why = p->scenario->format_version >= 2 ? why_create(p) : NULL;
	for (size_t i = 0; i < p->n_sites; i++) {
		char *text = why ? why_site_text(why, i) : NULL;
		write_plan_row(&w, p, &p->sites[i], text);
		free(text);
	}
	why_destroy(why);
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
