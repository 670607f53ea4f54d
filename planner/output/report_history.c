#include "output/report_history.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/money.h"
#include "util/num.h"
#include "util/period.h"
#include "util/termtext.h"

/* As report_json.c rounds a quantity: to 1e-6. */
static void add_quantity(cJSON *obj, const char *key, double v)
{
	double r = round(v * 1e6) / 1e6;
	cJSON_AddNumberToObject(obj, key, r == 0 ? 0.0 : r);
}

static void add_cents(cJSON *obj, const char *key, int64_t cents)
{
	char buf[MONEY_BUF];
	money_format(buf, sizeof(buf), cents);
	cJSON_AddRawToObject(obj, key, buf);
}

void report_history_json(const struct plan *p, cJSON *root)
{
	const struct scenario *s = p->scenario;
	if (!p->replan)
		return;
	if (s->replan_p > 0) {
		char buf[16];
		date_format(period_start_date(s->start, s->periods_per_year, s->replan_p),
			    buf, sizeof(buf));
		cJSON_AddStringToObject(root, "replan_from", buf);
	} else {
		cJSON_AddNullToObject(root, "replan_from");
	}
	add_quantity(root, "exposure_from_replan", p->exposure_from_replan);
	add_cents(root, "planned_present_cost", p->planned_present_cents);
	cJSON *arr = cJSON_AddArrayToObject(root, "broken_before_replan");
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct plan_rule *r = &p->rules[i];
		if (!r->broken_before_replan)
			continue;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "rule", r->label);
		cJSON_AddNumberToObject(o, "sites_late", (double)r->sites_late);
		cJSON_AddNumberToObject(o, "units_late", (double)r->units_late);
		cJSON_AddItemToArray(arr, o);
	}
}

void report_history_text(const struct plan *p, FILE *f)
{
	const struct scenario *s = p->scenario;
	if (!p->replan)
		return;
	int ppy = s->periods_per_year;
	size_t n[4] = {0};
	int64_t cents[4] = {0};
	for (size_t k = 0; k < p->n_sites; k++) {
		n[p->sites[k].status]++;
		cents[p->sites[k].status] += p->sites[k].total_cents;
	}
	char a[16], b[16], m1[64], m2[64], m3[64], e[64];
	fputs("\nprogramme in flight:\n", f);
	if (s->replan_p > 0) {
		period_label(s->start, ppy, 0, a, sizeof(a));
		period_label(s->start, ppy, s->replan_p - 1, b, sizeof(b));
		char from[16];
		period_label(s->start, ppy, s->replan_p, from, sizeof(from));
		fprintf(f,
			"  re-planned from %s: %s%s%s %s history (marked * in the "
			"timeline)\n",
			from, a, s->replan_p > 1 ? " to " : "", s->replan_p > 1 ? b : "",
			s->replan_p > 1 ? "are" : "is");
	}
	money_format_text(m1, sizeof(m1), s->currency, cents[SITE_DONE]);
	money_format_text(m2, sizeof(m2), s->currency, cents[SITE_COMMITTED]);
	money_format_text(m3, sizeof(m3), s->currency, p->planned_present_cents);
	fprintf(f, "  ledger: %zu %s done (", n[SITE_DONE],
		n[SITE_DONE] == 1 ? "swap" : "swaps");
	termtext_put(f, m1);
	fprintf(f, " nominal), %zu committed (", n[SITE_COMMITTED]);
	termtext_put(f, m2);
	fprintf(f, " nominal); planned: %zu %s (", n[SITE_PLANNED],
		n[SITE_PLANNED] == 1 ? "swap" : "swaps");
	termtext_put(f, m3);
	fputs(" present value)\n", f);
	num_format_quantity(e, sizeof(e), p->exposure_from_replan);
	fprintf(f, "  exposure from the re-plan on: %s weighted unit-years\n", e);
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct plan_rule *r = &p->rules[i];
		if (!r->broken_before_replan)
			continue;
		num_format_count(m1, sizeof(m1), (double)r->sites_late, "site", "sites");
		num_format_count(m2, sizeof(m2), (double)r->units_late, "unit", "units");
		fputs("  broken before the re-plan: ", f);
		termtext_put(f, r->label);
		fprintf(f, " (%s, %s late; planned as soon as the other rules allow)\n",
			m1, m2);
	}
}
