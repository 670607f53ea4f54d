#include "output/report_totals.h"

#include "plan/plan_totals.h"
#include "util/csvw.h"
#include "util/period.h"

static const char *const columns[] = {
	"year",  "region", "domain",       "to_vendor",
	"sites", "units",  "nominal_cost", "present_value",
};

bool report_totals_csv(const struct plan *p, FILE *f)
{
	const struct scenario *s = p->scenario;
	bool v2 = s->format_version >= 2;
	struct csvw w;
	csvw_init(&w, f);
	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		csvw_text(&w, columns[i]);
	if (v2)
		csvw_text(&w, "period");
	csvw_end_row(&w);
	struct plan_totals *t = plan_totals_create(
		p, TOTALS_PERIOD | TOTALS_REGION | TOTALS_DOMAIN | TOTALS_VENDOR);
	for (size_t i = 0; i < t->n; i++) {
		const struct totals_row *r = &t->rows[i];
		if (r->swapped)
			csvw_int(&w, r->year);
		else
			csvw_empty(&w);
		csvw_text(&w, s->regions.names[r->region]);
		csvw_text(&w, s->domains.names[r->domain]);
		if (r->vendor >= 0)
			csvw_text(&w, s->vendors[r->vendor].name);
		else
			csvw_empty(&w);
		csvw_int(&w, r->sites);
		csvw_int(&w, r->units);
		csvw_cents(&w, r->nominal_cents);
		csvw_cents(&w, r->present_cents);
		if (v2) {
			char label[16];
			if (r->period >= 0) {
				period_label(s->start, s->periods_per_year, r->period,
					     label, sizeof(label));
				csvw_text(&w, label);
			} else {
				csvw_empty(&w);
			}
		}
		csvw_end_row(&w);
	}
	plan_totals_destroy(t);
	return csvw_finish(&w);
}
