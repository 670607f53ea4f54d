#include "output/report_funds.h"

#include <cjson/cJSON.h>

#include "plan/plan_funds.h"
#include "util/money.h"
#include "util/num.h"
#include "util/period.h"
#include "util/termtext.h"

static void add_cents(cJSON *obj, const char *key, int64_t cents)
{
	char buf[MONEY_BUF];
	money_format(buf, sizeof(buf), cents);
	cJSON_AddRawToObject(obj, key, buf);
}

static void add_date(cJSON *obj, const char *key, bool has, struct date d)
{
	if (!has) {
		cJSON_AddNullToObject(obj, key);
		return;
	}
	char buf[16];
	date_format(d, buf, sizeof(buf));
	cJSON_AddStringToObject(obj, key, buf);
}

void report_funds_json(cJSON *root, const struct plan *p)
{
	if (!p->funds)
		return;
	add_cents(root, "own_present_cost", p->own_present_cents);
	cJSON *funds = cJSON_AddArrayToObject(root, "funds");
	for (size_t f = 0; f < p->n_funds; f++) {
		const struct plan_fund *pf = &p->funds[f];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", pf->name);
		add_cents(o, "disbursed", pf->disbursed_cents);
		add_cents(o, "paid", pf->paid_cents);
		add_cents(o, "unused", pf->unused_cents);
		add_date(o, "final_date", pf->has_final, pf->final_date);
		if (pf->extensions_needed >= 0)
			cJSON_AddNumberToObject(o, "extensions_needed",
						pf->extensions_needed);
		else
			cJSON_AddNullToObject(o, "extensions_needed");
		add_date(o, "needed_date", pf->has_needed, pf->needed_date);
		cJSON_AddItemToArray(funds, o);
	}
}

void report_funds_text(const struct plan *p, FILE *f)
{
	if (!p->funds)
		return;
	fputs("\nfunds:\n", f);
	for (size_t k = 0; k < p->n_funds; k++) {
		const struct plan_fund *pf = &p->funds[k];
		char paid[32], disbursed[32];
		num_format_short(paid, sizeof(paid), money_value(pf->paid_cents));
		num_format_short(disbursed, sizeof(disbursed),
				 money_value(pf->disbursed_cents));
		fputs("  ", f);
		termtext_put(f, pf->name);
		fprintf(f, ": %s of %s paid", paid, disbursed);
		if (pf->max_extensions >= 0 && pf->extensions_needed >= 0) {
			char when[16];
			date_format(pf->needed_date, when, sizeof(when));
			fprintf(f, "; %d of %d extensions needed, to %s",
				pf->extensions_needed, pf->max_extensions, when);
		} else if (pf->max_extensions >= 0) {
			fprintf(f, "; its deadline cannot be met with all %d extensions",
				pf->max_extensions);
		} else if (pf->has_final) {
			char when[16];
			date_format(pf->final_date, when, sizeof(when));
			fprintf(f, "; final date %s", when);
		}
		fputc('\n', f);
	}
	char own[MONEY_BUF + 8];
	money_format_text(own, sizeof(own), p->scenario->currency, p->own_present_cents);
	fprintf(f, "  own money: %s present value\n", own);
}
