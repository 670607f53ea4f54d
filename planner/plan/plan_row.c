#include "plan/plan_row.h"

#include <stdlib.h>
#include <string.h>

#include "plan/plan_funds.h"
#include "util/period.h"
#include "util/xalloc.h"

static const char *const columns_1[] = {
	"year",          "site_id", "region",         "domain",    "from_vendor",
	"to_vendor",     "units",   "equipment_cost", "site_cost", "total_cost",
	"present_value", "cluster", "late",
};

/* Version 2 appends these (cli-and-outputs-2.md); version 1 files keep
 * version 1's columns exactly. */
static const char *const columns_2[] = {
	"period", "status", "own_cost", "funded_cost", "fund", "moved", "why",
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

_Static_assert(N_OF(columns_1) + N_OF(columns_2) == PLAN_ROW_MAX_COLUMNS,
	       "PLAN_ROW_MAX_COLUMNS is version 2's count");

size_t plan_row_columns(const struct plan *p, const char *names[PLAN_ROW_MAX_COLUMNS])
{
	size_t n = 0;
	for (size_t i = 0; i < N_OF(columns_1); i++)
		names[n++] = columns_1[i];
	if (p->scenario->format_version >= 2) {
		for (size_t i = 0; i < N_OF(columns_2); i++)
			names[n++] = columns_2[i];
	} else if (p->baseline_dir) {
		/* a version 1 file then gets this one column after its own
		 * (docs/decisions.md) */
		names[n++] = "moved";
	}
	return n;
}

static const char *status_name(const struct plan_site *ps, bool swapped)
{
	if (!swapped)
		return "unswapped";
	return ps->status == SITE_DONE        ? "done"
	       : ps->status == SITE_COMMITTED ? "committed"
					      : "planned";
}

void plan_row_fill(struct plan_row *r, const struct plan *p, const struct why *w,
		   size_t k)
{
	const struct scenario *s = p->scenario;
	const struct plan_site *ps = &p->sites[k];
	const struct site *site = &s->sites[ps->site];
	bool swapped = ps->year != 0 && ps->vendor >= 0;

	memset(r, 0, sizeof(*r));
	r->swapped = swapped;
	r->year = swapped ? ps->year : 0;
	r->site_id = site->id;
	r->region = s->regions.names[site->region];
	r->domain = s->domains.names[site->domain];
	r->from_vendor = s->site_vendors.names[site->vendor];
	r->to_vendor = swapped ? s->vendors[ps->vendor].name : NULL;
	r->units = site->units;
	r->split = swapped && !ps->written_cost;
	if (r->split) {
		r->equipment_cents = ps->equipment_cents;
		r->site_cents = ps->site_cents;
	}
	if (swapped) {
		r->total_cents = ps->total_cents;
		r->present_cents = ps->present_cents;
	}
	r->cluster = site->cluster;
	r->late = ps->late > 0 ? ps->late : 0;

	r->version2 = s->format_version >= 2;
	if (r->version2) {
		if (swapped) {
			period_label(s->start, s->periods_per_year, ps->period, r->period,
				     sizeof(r->period));
			r->own_cents = ps->total_cents - ps->funded_cents;
			r->funded_cents = ps->funded_cents;
		}
		r->status = status_name(ps, swapped);
		r->fund = plan_funds_row_text(p, k);
		r->why = w ? why_site_text(w, k) : xstrdup("");
	}
	r->moved_column = r->version2 || p->baseline_dir;
	r->moved = p->baseline_dir && ps->moved >= 0 ? ps->moved : -1;
}

void plan_row_release(struct plan_row *r)
{
	free(r->fund);
	free(r->why);
	r->fund = r->why = NULL;
}

struct plan_rows *plan_rows_create(const struct plan *p)
{
	struct plan_rows *rows = xcalloc(1, sizeof(*rows));
	rows->n_columns = plan_row_columns(p, rows->names);
	rows->rows = xcalloc(p->n_sites + 1, sizeof(*rows->rows));
	struct why *w = p->scenario->format_version >= 2 ? why_create(p) : NULL;
	for (size_t k = 0; k < p->n_sites; k++)
		plan_row_fill(&rows->rows[k], p, w, k);
	rows->n = p->n_sites;
	why_destroy(w);
	return rows;
}

void plan_rows_destroy(struct plan_rows *rows)
{
	if (!rows)
		return;
	for (size_t k = 0; k < rows->n; k++)
		plan_row_release(&rows->rows[k]);
	free(rows->rows);
	free(rows);
}
