#include "output/report.h"
#include "output/report_overrides.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "output/report_history.h"
#include "output/report_funds.h"
#include "solver/solve.h"
#include "util/money.h"
#include "util/period.h"
#include "version.h"

/*
 * cJSON prints a double with up to 17 significant digits, so a sum that
 * differs in its last bit between two runs (or two correct planners) would
 * change the file. Every figure is rounded to what it means before it is
 * added: money to cents, shares and the gap to 1e-9, other quantities
 * (exposure, violation) to 1e-6, seconds to milliseconds. Values that are
 * unknown (NAN) or unlimited are null.
 */
#define MONEY 1e2
#define QUANTITY 1e6
#define SHARE 1e9
#define SECONDS 1e3

static void add_rounded(cJSON *obj, const char *key, double value, double scale)
{
	if (!isfinite(value)) {
		cJSON_AddNullToObject(obj, key);
		return;
	}
	/* Dividing by a whole 'scale' gives the double nearest the decimal,
	 * which cJSON prints short; multiplying by 0.01 would not. A
	 * quantity below 1 keeps 9 significant digits instead, so that an
	 * exposure of criticalities of 1e-9 is not printed as 0. */
	double r = fabs(value) < 1e15 ? round(value * scale) / scale : value;
	if (scale == QUANTITY && fabs(value) < 1 && value != 0) {
		char buf[32];
		snprintf(buf, sizeof(buf), "%.9g", value);
		r = strtod(buf, NULL);
	}
	cJSON_AddNumberToObject(obj, key, r == 0 ? 0.0 : r);
}

/*
 * Money totals are whole cents (plan.h), written from the integer so that
 * they are exact at any size, as "1234.56".
 */
static void add_cents(cJSON *obj, const char *key, int64_t cents)
{
	char buf[MONEY_BUF];
	money_format(buf, sizeof(buf), cents);
	cJSON_AddRawToObject(obj, key, buf);
}

static const char *rule_kind_name(enum rule_kind kind)
{
	switch (kind) {
	case RULE_DEADLINE:
		return "deadline";
	case RULE_SHARE_CAP:
		return "share_cap";
	case RULE_VENDOR_SHARE:
		return "vendor_share";
	case RULE_COMPLETION:
		return "completion";
	}
	return "unknown";
}

static void add_date(cJSON *obj, const char *key, bool has, struct date d)
{
	char buf[16];
	if (!has) {
		cJSON_AddNullToObject(obj, key);
		return;
	}
	date_format(d, buf, sizeof(buf));
	cJSON_AddStringToObject(obj, key, buf);
}

/*
 * Version 2's keys of a rule (docs/decisions.md, "summary.json and the
 * text report in periods"): "period", the label of the period its "year"
 * stands for (where a deadline binds, a cap's or vendor share's worst
 * period), null when that is outside the horizon; "date", the rule's date
 * as ISO yyyy-mm-dd (31 December of a rule's year), null for a rule with
 * no date of its own; "binding_end", the end of the period where it binds
 * in the unbounded cut, so possibly before the horizon's start or after
 * its end (then "past_horizon" says so), null when the rule has none.
 */
static void add_rule_dates(cJSON *o, const struct plan *p, const struct plan_rule *r)
{
	const struct scenario *s = p->scenario;
	if (r->period >= 0 && r->period < s->n_periods) {
		char label[16];
		period_label(s->start, s->periods_per_year, r->period, label,
			     sizeof(label));
		cJSON_AddStringToObject(o, "period", label);
	} else {
		cJSON_AddNullToObject(o, "period");
	}
	add_date(o, "date", r->has_date, r->date);
	add_date(o, "binding_end", r->has_bind_end,
		 r->has_bind_end
			 ? period_end_date(s->start, s->periods_per_year, r->bind_end)
			 : (struct date){0, 0, 0});
}

/* A rule's value and limit are units (deadlines, completion) or shares
 * (caps, vendor shares); rounding to 1e-9 keeps both exact enough. */
static cJSON *rules_array(const struct plan *p)
{
	bool v2 = p->scenario->format_version >= 2;
	cJSON *rules = cJSON_CreateArray();
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct plan_rule *r = &p->rules[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "kind", rule_kind_name(r->kind));
		cJSON_AddStringToObject(o, "label", r->label ? r->label : "");
		cJSON_AddNumberToObject(o, "year", r->year);
		cJSON_AddBoolToObject(o, "holds", r->holds);
		add_rounded(o, "value", r->value, SHARE);
		add_rounded(o, "limit", r->limit, SHARE);
		cJSON_AddNumberToObject(o, "sites_late", (double)r->sites_late);
		cJSON_AddNumberToObject(o, "units_late", (double)r->units_late);
		if (r->kind == RULE_DEADLINE)
			cJSON_AddBoolToObject(o, "past_horizon", r->past_horizon);
		if (v2)
			add_rule_dates(o, p, r);
		cJSON_AddItemToArray(rules, o);
	}
	return rules;
}

/* "money_value": per year, the LP estimate of the exposure removed per
 * extra million of money (the budget rows' duals); null for an unlimited
 * year, and null as a whole when not computed (cost objective, no plan). */
static void add_money_value(cJSON *root, const struct plan *p)
{
	if (!p->money_value) {
		cJSON_AddNullToObject(root, "money_value");
		return;
	}
	cJSON *arr = cJSON_AddArrayToObject(root, "money_value");
	for (int y = 0; y < p->scenario->n_years; y++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "year", p->scenario->start + y);
		add_rounded(o, "exposure_per_million", p->money_value[y] * 1e6, QUANTITY);
		cJSON_AddItemToArray(arr, o);
	}
}

cJSON *report_json_checksums(const struct outdir_file *files, size_t n)
{
	cJSON *sums = cJSON_CreateObject();
	cJSON_AddStringToObject(sums, "algorithm", "SHA-256");
	cJSON *list = cJSON_AddObjectToObject(sums, "files");
	for (size_t i = 0; i < n; i++)
		cJSON_AddStringToObject(list, files[i].name, files[i].sha256);
	return sums;
}

bool report_json_write_summary(const struct plan *p, FILE *f)
{
	return report_json_write_run_summary(p, NULL, 0, f);
}

bool report_json_write_run_summary(const struct plan *p, const struct outdir_file *files,
				   size_t n, FILE *f)
{
	const struct scenario *s = p->scenario;
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "command", "plan");
	cJSON_AddStringToObject(root, "scenario", s->name ? s->name : "");
	/* The file as given on the command line: `explain` reads it back. */
	cJSON_AddStringToObject(root, "scenario_file", s->json_path ? s->json_path : "");
	cJSON_AddStringToObject(root, "status", plan_status_name(p->status));
	cJSON_AddStringToObject(root, "objective",
				p->objective == OBJECTIVE_COST       ? "cost"
				: p->objective == OBJECTIVE_OWN_COST ? "own_cost"
								     : "exposure");
	/* Version 2 only, so that a version 1 file's summary keeps its bytes. */
	if (s->format_version >= 2)
		cJSON_AddStringToObject(root, "periods",
					period_kind_name(s->periods_per_year));
	add_rounded(root, "exposure", p->exposure, QUANTITY);
	add_cents(root, "present_cost", p->present_cents);
	add_cents(root, "nominal_cost", p->nominal_cents);
	add_rounded(root, "violation", p->violation, QUANTITY);
	/* The bound is on the first objective: money for "cost". */
	add_rounded(root, "bound", p->bound,
		    p->objective == OBJECTIVE_EXPOSURE ? QUANTITY : MONEY);
	add_rounded(root, "gap", p->gap, SHARE);
	const char *stop = plan_stop_name(p->stopped_by);
	if (stop)
		cJSON_AddStringToObject(root, "stopped_by", stop);
	else
		cJSON_AddNullToObject(root, "stopped_by");
	if (p->completion_year)
		cJSON_AddNumberToObject(root, "completion_year", p->completion_year);
	else
		cJSON_AddNullToObject(root, "completion_year");
	if (s->format_version >= 2) {
		char label[16];
		if (p->completion_year && p->completion_period >= 0) {
			period_label(s->start, s->periods_per_year, p->completion_period,
				     label, sizeof(label));
			cJSON_AddStringToObject(root, "completion_period", label);
		} else {
			cJSON_AddNullToObject(root, "completion_period");
		}
	}
	cJSON_AddNumberToObject(root, "hr_units_left", (double)p->hr_units_left);
	cJSON_AddNumberToObject(root, "hr_sites_total", (double)p->hr_sites_total);
	cJSON_AddNumberToObject(root, "hr_units_total", (double)p->hr_units_total);
	cJSON_AddNumberToObject(root, "budget_scale", p->budget_scale);
	cJSON_AddBoolToObject(root, "allow_late", p->allow_late);
	cJSON_AddStringToObject(root, "currency", s->currency ? s->currency : "");
	report_overrides_json(s, root);
	if (p->baseline_dir) {
		/* plan --baseline (cli-and-outputs-2.md), any format. */
		cJSON_AddStringToObject(root, "baseline", p->baseline_dir);
		cJSON_AddNumberToObject(root, "slack", p->slack);
		cJSON_AddNumberToObject(root, "sites_moved", (double)p->sites_moved);
		cJSON_AddNumberToObject(root, "sites_overdue", (double)p->sites_overdue);
	}
	report_history_json(p, root); /* a re-plan only */
	report_funds_json(root, p);
	add_rounded(root, "heuristic_exposure", p->heuristic_exposure, QUANTITY);
	add_money_value(root, p);
	cJSON_AddItemToObject(root, "rules", rules_array(p));

	cJSON *diagnosis = cJSON_CreateArray();
	for (size_t i = 0; i < p->n_diagnosis; i++)
		cJSON_AddItemToArray(diagnosis, cJSON_CreateString(p->diagnosis[i]));
	cJSON_AddItemToObject(root, "diagnosis", diagnosis);

	size_t late_sites = 0;
	for (size_t i = 0; i < p->n_sites; i++)
		if (p->sites[i].late > 0)
			late_sites++;
	cJSON_AddNumberToObject(root, "late_sites", (double)late_sites);
	add_rounded(root, "solve_seconds", p->solve_seconds, SECONDS);
	add_rounded(root, "load_seconds", p->load_seconds, SECONDS);
	add_rounded(root, "first_plan_seconds", p->first_plan_seconds, SECONDS);

	cJSON *model = cJSON_AddObjectToObject(root, "model");
	cJSON_AddNumberToObject(model, "rows", p->model_rows);
	cJSON_AddNumberToObject(model, "columns", p->model_cols);
	cJSON_AddNumberToObject(model, "integer_columns", p->model_int_cols);

	cJSON_AddItemToObject(root, "versions", report_json_versions());
	if (files)
		cJSON_AddItemToObject(root, "checksums", report_json_checksums(files, n));

	char *text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		return false; /* cJSON's allocation failed */
	fputs(text, f);
	putc('\n', f);
	cJSON_free(text);
	return fflush(f) == 0 && !ferror(f);
}

cJSON *report_json_versions(void)
{
	cJSON *versions = cJSON_CreateObject();
	cJSON_AddStringToObject(versions, "phaseout", PHASEOUT_VERSION);
	cJSON_AddStringToObject(versions, "glpk", solve_glpk_version());
	return versions;
}
