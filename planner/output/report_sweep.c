#include "output/report_sweep.h"

#include <math.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "output/report.h"
#include "output/report_overrides.h"
#include "util/csvw.h"
#include "util/money.h"
#include "util/num.h"
#include "util/period.h"
#include "util/termtext.h"
#include "util/xalloc.h"

static const char *const columns[] = {
	"budget_scale",
	"total_budget",
	"status",
	"exposure",
	"present_cost",
	"nominal_cost",
	"completion_year",
	"hr_units_remaining",
	"deadlines_met",
	"deadlines_total",
	"gap",
	"stopped_by",
	"plan_from_scale",
};

/* Version 2 appends these (cli-and-outputs-2.md: total_funds; and the
 * completion period's label, docs/decisions.md); version 1 files keep
 * their columns exactly. */
static const char *const columns_2[] = {"total_funds", "completion_period"};

/* With --find-min-budget these follow, the same on every row: the
 * break-even scale and the total own budget it gives, and the same for
 * the scale that completes earlier (docs/decisions.md). */
static const char *const columns_be[] = {"break_even_scale", "break_even_budget",
					 "earlier_completion_scale",
					 "earlier_completion_budget"};

/* The total budget at 'scale', NAN when the scale is not known. */
static double be_money(const struct scenario *s, double scale)
{
	return isfinite(scale) ? sweep_total_budget(s, scale) : NAN;
}

/* The label of period index 'p' of 's' ("2026-Q1"; the year with yearly
 * periods) into buf, "" when p < 0 (not complete). */
static void completion_label(const struct scenario *s, int p, char *buf, size_t size)
{
	buf[0] = '\0';
	if (p >= 0)
		period_label(s->start, s->periods_per_year, p, buf, size);
}

#define N_V1 (sizeof(columns) / sizeof(columns[0]))
#define N_V2 (sizeof(columns_2) / sizeof(columns_2[0]))

size_t report_sweep_n_columns(const struct scenario *s)
{
	return s->format_version >= 2 ? N_V1 + N_V2 : N_V1;
}

const char *report_sweep_column_name(size_t c)
{
	return c < N_V1 ? columns[c] : columns_2[c - N_V1];
}

/* The funds' money, never scaled (total_budget stays own money): the
 * sum of the rounded disbursements, as summary.json's "disbursed". */
static int64_t total_funds(const struct scenario *s)
{
	int64_t funds = 0;
	for (size_t k = 0; k < s->n_funds; k++)
		for (size_t q = 0; q < s->funds[k].n_disbursements; q++)
			funds = money_add(
				funds, money_cents(s->funds[k].disbursements[q].amount));
	return funds;
}

void report_sweep_cell(const struct scenario *s, const struct sweep_row *r, size_t c,
		       struct sweep_cell *cell)
{
	static const enum sweep_cell_kind kinds[] = {
		SWEEP_CELL_SCALE,   SWEEP_CELL_MONEY, SWEEP_CELL_TEXT,
		SWEEP_CELL_DECIMAL, SWEEP_CELL_MONEY, SWEEP_CELL_MONEY,
		SWEEP_CELL_INTEGER, SWEEP_CELL_COUNT, SWEEP_CELL_INTEGER,
		SWEEP_CELL_INTEGER, SWEEP_CELL_SHARE, SWEEP_CELL_TEXT,
		SWEEP_CELL_SCALE,   SWEEP_CELL_CENTS, SWEEP_CELL_TEXT,
	};
	cell->kind = kinds[c];
	cell->number = NAN;
	cell->cents = 0;
	cell->text = NULL;
	cell->buf[0] = '\0';
	switch (c) {
	case 0:
		cell->number = r->budget_scale;
		break;
	case 1:
		cell->number = r->total_budget; /* empty when unlimited */
		break;
	case 2:
		cell->text = plan_status_name(r->status);
		break;
	case 3:
		cell->number = r->exposure;
		break;
	case 4:
		cell->number = r->present_cost;
		break;
	case 5:
		cell->number = r->nominal_cost;
		break;
	case 6:
		cell->number = r->completion_year ? r->completion_year : NAN;
		break;
	case 7:
		cell->number = (double)r->hr_units_remaining;
		break;
	case 8:
		cell->number = r->deadlines_met;
		break;
	case 9:
		cell->number = r->deadlines_total;
		break;
	case 10:
		cell->number = r->gap; /* empty when unknown */
		break;
	case 11:
		cell->text = plan_stop_name(r->stopped_by);
		break;
	case 12:
		cell->number = r->plan_from_scale; /* empty: its own plan */
		break;
	case 13:
		cell->cents = total_funds(s);
		break;
	case 14:
		completion_label(s, r->completion_year ? r->completion_period : -1,
				 cell->buf, sizeof(cell->buf));
		cell->text = cell->buf;
		break;
	}
}

/* One cell as sensitivity.csv writes it. */
static void csv_cell(struct csvw *w, const struct sweep_cell *cell)
{
	switch (cell->kind) {
	case SWEEP_CELL_SCALE:
	case SWEEP_CELL_DECIMAL:
	case SWEEP_CELL_SHARE:
		csvw_fixed(w, cell->number, 6);
		return;
	case SWEEP_CELL_MONEY:
		csvw_fixed(w, cell->number, 2);
		return;
	case SWEEP_CELL_INTEGER:
	case SWEEP_CELL_COUNT:
		if (isfinite(cell->number))
			csvw_int(w, (int64_t)cell->number);
		else
			csvw_empty(w);
		return;
	case SWEEP_CELL_CENTS:
		csvw_cents(w, cell->cents);
		return;
	case SWEEP_CELL_TEXT:
		if (cell->text && *cell->text)
			csvw_text(w, cell->text);
		else
			csvw_empty(w);
		return;
	}
}

void report_sweep_csv_row(const struct scenario *s, const struct sweep_row *r,
			  struct csvw *w)
{
	size_t nc = report_sweep_n_columns(s);
	for (size_t c = 0; c < nc; c++) {
		struct sweep_cell cell;
		report_sweep_cell(s, r, c, &cell);
		csv_cell(w, &cell);
	}
}

bool report_sweep_csv(const struct scenario *s, const struct sweep_row *rows, size_t n,
		      const struct break_even *be, FILE *f)
{
	struct csvw w;
	csvw_init(&w, f);
	size_t nc = report_sweep_n_columns(s);
	for (size_t c = 0; c < nc; c++)
		csvw_text(&w, report_sweep_column_name(c));
	for (size_t i = 0; be && i < sizeof(columns_be) / sizeof(columns_be[0]); i++)
		csvw_text(&w, columns_be[i]);
	csvw_end_row(&w);
	for (size_t i = 0; i < n; i++) {
		report_sweep_csv_row(s, &rows[i], &w);
		if (be) { /* empty where not found, or unlimited */
			csvw_fixed(&w, be->min_scale, 6);
			csvw_fixed(&w, be_money(s, be->min_scale), 2);
			csvw_fixed(&w, be->earlier_scale, 6);
			csvw_fixed(&w, be_money(s, be->earlier_scale), 2);
		}
		csvw_end_row(&w);
	}
	return csvw_finish(&w);
}

/* A row's note: what stopped its search, and where its plan came from. */
static void row_note(const struct sweep_row *r, char *buf, size_t size)
{
	const char *stop = plan_stop_name(r->stopped_by);
	int len = 0;
	buf[0] = '\0';
	if (stop)
		len = snprintf(buf, size, "stopped by %s",
			       r->stopped_by == PLAN_STOP_TIME_LIMIT ? "the time limit"
			       : r->stopped_by == PLAN_STOP_GAP      ? "the gap"
								     : "an interrupt");
	if (!isnan(r->plan_from_scale) && len >= 0 && (size_t)len < size)
		snprintf(buf + len, size - (size_t)len, "%splan of scale %.3f",
			 stop ? "; " : "", r->plan_from_scale);
}

/* A bisection step with no plan within its time limit: which step, and
 * the bracket known when the search stopped there. */
static void write_stopped(const struct break_even *be, FILE *f)
{
	const char *what = be->stopped_in_completion
				   ? "the scale at which completion moves earlier"
				   : "the break-even scale";
	fprintf(f,
		"%s: search step %d (budget scale %.3f) found no plan within the "
		"time limit; the search stopped there\n",
		be->stopped_in_completion ? "completion" : "break-even", be->stopped_step,
		be->stopped_scale);
	if (!isnan(be->known_lo) && !isnan(be->known_hi))
		fprintf(f, "known so far: %s is above %.3f and at most %.3f\n", what,
			be->known_lo, be->known_hi);
	else if (!isnan(be->known_hi))
		fprintf(f, "known so far: %s is at most %.3f\n", what, be->known_hi);
	else if (!isnan(be->known_lo))
		fprintf(f, "known so far: %s is above %.3f, if any up to %.3f\n", what,
			be->known_lo, be->hi);
	else
		fprintf(f, "known so far: nothing about %s\n", what);
}

/* ", a total budget of GBP 178.8m" for a break-even scale: the money
 * it gives, as the table's budget column figures it; "" when the scale
 * was not found or a year is unlimited. */
static void money_clause(const struct scenario *s, double scale, char *buf, size_t size)
{
	double total = be_money(s, scale);
	buf[0] = '\0';
	if (!isfinite(total))
		return;
	char money[48];
	money_format_brief(money, sizeof(money), s->currency ? s->currency : "GBP",
			   total);
	snprintf(buf, size, ", a total budget of %s", money);
}

bool report_sweep_text(const struct scenario *s, const struct sweep_row *rows, size_t n,
		       const struct break_even *be, FILE *f)
{
	bool notes = false;
	for (size_t i = 0; i < n; i++)
		notes = notes || plan_stop_name(rows[i].stopped_by) ||
			!isnan(rows[i].plan_from_scale);
	fputs("scenario: ", f);
	termtext_put(f, s->name);
	fputc('\n', f);
	report_overrides_text(s, f);
	fprintf(f, "budget sweep: %zu points (money in ", n);
	termtext_put(f, s->currency);
	fputs(")\n\n", f);
	fprintf(f, "%7s %12s %10s %14s %12s %10s %9s %9s %8s%s\n", "scale", "budget",
		"status", "exposure", "cost (PV)", "complete", "HR left", "deadlines",
		"gap", notes ? "  note" : "");
	for (size_t i = 0; i < n; i++) {
		const struct sweep_row *r = &rows[i];
		char budget[32], cost[32], exposure[32], done[16], dl[16], gap[16],
			note[80];
		if (isfinite(r->total_budget))
			num_format_short(budget, sizeof(budget), r->total_budget);
		else
			snprintf(budget, sizeof(budget), "unlimited");
		num_format_short(cost, sizeof(cost), r->present_cost);
		num_format_money(exposure, sizeof(exposure), r->exposure);
		*strrchr(exposure, '.') = '\0'; /* whole weighted unit-years */
		if (r->completion_year && s->periods_per_year > 1)
			completion_label(s, r->completion_period, done, sizeof(done));
		else if (r->completion_year)
			snprintf(done, sizeof(done), "%d", r->completion_year);
		else
			snprintf(done, sizeof(done), "no");
		snprintf(dl, sizeof(dl), "%d/%d", r->deadlines_met, r->deadlines_total);
		if (isfinite(r->gap))
			snprintf(gap, sizeof(gap), "%.2f%%", r->gap * 100);
		else
			snprintf(gap, sizeof(gap), "-");
		row_note(r, note, sizeof(note));
		fprintf(f, "%7.3f %12s %10s %14s %12s %10s %9lld %9s %8s%s%s\n",
			r->budget_scale, budget, plan_status_name(r->status), exposure,
			cost, done, (long long)r->hr_units_remaining, dl, gap,
			*note ? "  " : "", note);
	}
	size_t cut = 0;
	for (size_t i = 0; i < n; i++)
		cut += sweep_row_cut_short(&rows[i]);
	if (cut)
		fprintf(f,
			"\n%zu of %zu points were cut short by a limit (\"stopped by\"): "
			"their figures are the best plan found, not proven optimal\n",
			cut, n);
	if (be) {
		/* With periods finer than a year, completion is a period. */
		bool periods = s->periods_per_year > 1;
		char min_done[16], earlier_done[16];
		snprintf(min_done, sizeof(min_done), "%d", be->min_completion);
		snprintf(earlier_done, sizeof(earlier_done), "%d",
			 be->earlier_completion);
		if (periods) {
			completion_label(s, be->min_completion_period, min_done,
					 sizeof(min_done));
			completion_label(s, be->earlier_completion_period, earlier_done,
					 sizeof(earlier_done));
		}
		char min_money[96], earlier_money[96];
		money_clause(s, be->min_scale, min_money, sizeof(min_money));
		money_clause(s, be->earlier_scale, earlier_money, sizeof(earlier_money));
		fputc('\n', f);
		if (be->stopped_step && !be->stopped_in_completion)
			write_stopped(be, f);
		else if (isnan(be->min_scale))
			fprintf(f,
				"break-even: no budget scale up to %.3f makes every "
				"deadline "
				"and cap hold\n",
				be->hi);
		else if (be->min_completion)
			fprintf(f,
				"break-even: every deadline and cap holds from budget "
				"scale "
				"%.3f%s (precision %g); the plan there completes in %s\n",
				be->min_scale, min_money, be->precision, min_done);
		else
			fprintf(f,
				"break-even: every deadline and cap holds from budget "
				"scale "
				"%.3f%s (precision %g); the plan there does not "
				"complete within the horizon\n",
				be->min_scale, min_money, be->precision);
		if (be->stopped_step && be->stopped_in_completion)
			write_stopped(be, f);
		else if (!isnan(be->earlier_scale) && be->min_completion)
			fprintf(f,
				"completion moves %searlier, to %s, from budget "
				"scale %.3f%s\n",
				periods ? "" : "a year ", earlier_done, be->earlier_scale,
				earlier_money);
		else if (!isnan(be->earlier_scale))
			fprintf(f,
				"every high-risk site is swapped within the horizon (by "
				"%s) "
				"from budget scale %.3f%s\n",
				earlier_done, be->earlier_scale, earlier_money);
		else if (!isnan(be->min_scale))
			fprintf(f,
				"completion does not move earlier for any budget scale "
				"up to "
				"%.3f\n",
				be->hi);
	}
	return !ferror(f);
}

static void add_number_or_null(cJSON *o, const char *key, double v)
{
	if (isfinite(v))
		cJSON_AddNumberToObject(o, key, round(v * 1e6) / 1e6);
	else
		cJSON_AddNullToObject(o, key);
}

static void add_cents_or_null(cJSON *o, const char *key, double v)
{
	if (isfinite(v))
		cJSON_AddNumberToObject(o, key, round(v * 100) / 100);
	else
		cJSON_AddNullToObject(o, key);
}

bool report_sweep_json(const struct scenario *s, const struct sweep_row *rows, size_t n,
		       const struct break_even *be, const struct outdir_file *files,
		       size_t n_files, FILE *f)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "command", "sweep");
	cJSON_AddStringToObject(root, "scenario", s->name);
	report_overrides_json(s, root);
	cJSON_AddNumberToObject(root, "points", (double)n);
	cJSON *arr = cJSON_AddArrayToObject(root, "sweep");
	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		add_number_or_null(o, "budget_scale", rows[i].budget_scale);
		cJSON_AddStringToObject(o, "status", plan_status_name(rows[i].status));
		add_number_or_null(o, "exposure", rows[i].exposure);
		add_number_or_null(o, "violation", rows[i].violation);
		add_number_or_null(o, "gap", rows[i].gap);
		if (plan_stop_name(rows[i].stopped_by))
			cJSON_AddStringToObject(o, "stopped_by",
						plan_stop_name(rows[i].stopped_by));
		else
			cJSON_AddNullToObject(o, "stopped_by");
		add_number_or_null(o, "plan_from_scale", rows[i].plan_from_scale);
		if (be) /* appended only with the break-even search */
			add_cents_or_null(o, "total_budget", rows[i].total_budget);
		cJSON_AddItemToArray(arr, o);
	}
	cJSON *b = cJSON_AddObjectToObject(root, "break_even");
	if (be) {
		add_number_or_null(b, "min_budget_scale", be->min_scale);
		if (be->min_completion)
			cJSON_AddNumberToObject(b, "completion_year", be->min_completion);
		else
			cJSON_AddNullToObject(b, "completion_year");
		char label[16];
		completion_label(s, be->min_completion ? be->min_completion_period : -1,
				 label, sizeof(label));
		if (s->format_version >= 2 && *label)
			cJSON_AddStringToObject(b, "completion_period", label);
		else if (s->format_version >= 2)
			cJSON_AddNullToObject(b, "completion_period");
		add_number_or_null(b, "earlier_completion_scale", be->earlier_scale);
		if (be->earlier_completion)
			cJSON_AddNumberToObject(b, "earlier_completion_year",
						be->earlier_completion);
		else
			cJSON_AddNullToObject(b, "earlier_completion_year");
		completion_label(
			s, be->earlier_completion ? be->earlier_completion_period : -1,
			label, sizeof(label));
		if (s->format_version >= 2 && *label)
			cJSON_AddStringToObject(b, "earlier_completion_period", label);
		else if (s->format_version >= 2)
			cJSON_AddNullToObject(b, "earlier_completion_period");
		add_number_or_null(b, "precision", be->precision);
		if (be->stopped_step) {
			cJSON *st = cJSON_AddObjectToObject(b, "stopped");
			cJSON_AddNumberToObject(st, "step", be->stopped_step);
			add_number_or_null(st, "budget_scale", be->stopped_scale);
			cJSON_AddStringToObject(st, "search",
						be->stopped_in_completion ? "completion"
									  : "break_even");
			add_number_or_null(st, "known_above", be->known_lo);
			add_number_or_null(st, "known_at_most", be->known_hi);
		} else {
			cJSON_AddNullToObject(b, "stopped");
		}
		/* Appended: the same scales as money (docs/decisions.md). */
		add_cents_or_null(b, "min_total_budget", be_money(s, be->min_scale));
		add_cents_or_null(b, "earlier_completion_total_budget",
				  be_money(s, be->earlier_scale));
		cJSON_AddStringToObject(b, "currency", s->currency ? s->currency : "GBP");
	}
	cJSON_AddItemToObject(root, "versions", report_json_versions());
	if (files)
		cJSON_AddItemToObject(root, "checksums",
				      report_json_checksums(files, n_files));
	char *text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		return false;
	fputs(text, f);
	putc('\n', f);
	cJSON_free(text);
	return fflush(f) == 0 && !ferror(f);
}
