#include "output/report_html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output/report_diff.h"
#include "plan/plandiff.h"
#include "util/num.h"
#include "util/xalloc.h"

static const char style[] =
	"body{font-family:sans-serif;margin:24px auto;max-width:1040px;color:#222;"
	"line-height:1.4}"
	"h1{font-size:24px;margin-bottom:4px}h2{font-size:20px;margin-top:36px;"
	"border-bottom:2px solid #1f77b4;padding-bottom:4px}h3{font-size:16px;"
	"margin-top:24px}"
	"table{border-collapse:collapse;margin:8px 0 16px}"
	"th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;"
	"vertical-align:top}"
	"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
	"td.n{white-space:nowrap}"
	"th{background:#f0f4f8}"
	"tr.cut td{background:#fff3e6}"
	".holds{color:#2a7a2a;font-weight:bold}.broken{color:#c62828;"
	"font-weight:bold}"
	".chart svg{max-width:100%;height:auto;border:1px solid #eee}"
	"pre{background:#f7f7f7;padding:8px;overflow-x:auto;font-size:12px}"
	".note{color:#555;font-size:13px}";

/* 'text' with &, <, >, " and ' escaped; control characters but tab and
 * line end dropped. */
static void put_html(FILE *f, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p;
	     p++) {
		switch (*p) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			if (*p >= 0x20 || *p == '\n' || *p == '\t')
				putc(*p, f);
		}
	}
}

static const cJSON *get(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

static const char *get_string(const cJSON *o, const char *key)
{
	const cJSON *v = get(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double get_number(const cJSON *o, const char *key)
{
	const cJSON *v = get(o, key);
	return cJSON_IsNumber(v) && isfinite(v->valuedouble) ? v->valuedouble : NAN;
}

static const char *currency_of(const struct report_folder *rf)
{
	const char *c = get_string(rf->summary, "currency");
	if (!c && rf->kind == REPORT_FOLDER_SWEEP)
		c = get_string(get(rf->summary, "break_even"), "currency");
	return c ? c : "";
}

/* Table cells: a figure (right-aligned), a text, a row header. */

/* A figure's cell: 'unit' (a currency, HTML-escaped, then a space; NULL
 * none) before 'text', or a dash when 'text' is NULL (no figure). */
static void cell_number(FILE *f, const char *unit, const char *text)
{
	fputs("<td class=\"n\">", f);
	if (text) {
		if (unit) {
			put_html(f, unit);
			fputc(' ', f);
		}
		fputs(text, f);
	} else {
		fputs("&ndash;", f);
	}
	fputs("</td>", f);
}

static void cell_money(FILE *f, const char *currency, double v)
{
	char buf[64];
	if (isfinite(v))
		num_format_money(buf, sizeof(buf), v);
	cell_number(f, currency, isfinite(v) ? buf : NULL);
}

static void cell_figure(FILE *f, double v)
{
	char buf[64];
	if (isfinite(v))
		num_format_money(buf, sizeof(buf), v);
	cell_number(f, NULL, isfinite(v) ? buf : NULL);
}

static void cell_count(FILE *f, double v)
{
	char buf[64];
	if (isfinite(v))
		num_format_quantity(buf, sizeof(buf), v);
	cell_number(f, NULL, isfinite(v) ? buf : NULL);
}

/* A budget scale as summary.json gives it (six decimals at most). */
static void cell_scale(FILE *f, double v)
{
	char buf[64];
	if (isfinite(v))
		snprintf(buf, sizeof(buf), "%g", v);
	cell_number(f, NULL, isfinite(v) ? buf : NULL);
}

static void cell_percent(FILE *f, double v)
{
	char buf[64];
	if (isfinite(v))
		snprintf(buf, sizeof(buf), "%.2f%%", v * 100);
	cell_number(f, NULL, isfinite(v) ? buf : NULL);
}

static void cell_text(FILE *f, const char *text)
{
	fputs("<td>", f);
	if (text && *text)
		put_html(f, text);
	else
		fputs("&ndash;", f);
	fputs("</td>", f);
}

static void row_head(FILE *f, const char *what)
{
	fputs("<tr><th>", f);
	put_html(f, what);
	fputs("</th>", f);
}

/* A folder's name for headings: its path as given. */
static void put_title(FILE *f, const struct report_folder *rf)
{
	fputs(rf->kind == REPORT_FOLDER_SWEEP ? "Sweep " : "Plan ", f);
	put_html(f, rf->dir);
	const char *scenario = get_string(rf->summary, "scenario");
	if (scenario) {
		fputs(" &mdash; ", f);
		put_html(f, scenario);
	}
}

/*
 * The chart, inline: the XML declaration dropped, every id and reference
 * to one prefixed with "c<k>-", so that charts do not share ids.
 */
static void put_svg(FILE *f, const struct report_folder *rf, size_t k)
{
	if (!rf->svg) {
		fputs("<p class=\"note\">(no chart in this folder)</p>\n", f);
		return;
	}
	const char *p = strstr(rf->svg, "<svg");
	fputs("<div class=\"chart\">\n", f);
	static const char *const marks[] = {"id=\"", "href=\"#", "url(#"};
	while (*p) {
		size_t best = 0;
		const char *at = NULL;
		for (size_t i = 0; i < 3; i++) {
			const char *q = strstr(p, marks[i]);
			if (q && (!at || q < at)) {
				at = q;
				best = i;
			}
		}
		if (!at) {
			fputs(p, f);
			break;
		}
		size_t len = strlen(marks[best]);
		fwrite(p, 1, (size_t)(at - p) + len, f);
		fprintf(f, "c%zu-", k);
		p = at + len;
	}
	fputs("</div>\n", f);
}

static void plan_headline(FILE *f, const struct report_folder *rf)
{
	const cJSON *s = rf->summary;
	const char *cur = currency_of(rf);
	fputs("<table>\n", f);
	row_head(f, "status");
	cell_text(f, get_string(s, "status"));
	fputs("</tr>\n", f);
	row_head(f, "objective");
	cell_text(f, get_string(s, "objective"));
	fputs("</tr>\n", f);
	row_head(f, "stopped by");
	const char *stop = get_string(s, "stopped_by");
	if (stop) {
		fputs("<td class=\"broken\">", f);
		put_html(f, stop);
		fputs(": cut short by a limit; the best plan found, not proven "
		      "optimal</td>",
		      f);
	} else {
		cell_text(f, "nothing (the solve ran to its end)");
	}
	fputs("</tr>\n", f);
	row_head(f, "exposure E (weighted unit-years)");
	cell_figure(f, get_number(s, "exposure"));
	fputs("</tr>\n", f);
	row_head(f, "proven bound");
	cell_figure(f, get_number(s, "bound"));
	fputs("</tr>\n", f);
	row_head(f, "gap");
	cell_percent(f, get_number(s, "gap"));
	fputs("</tr>\n", f);
	row_head(f, "present cost");
	cell_money(f, cur, get_number(s, "present_cost"));
	fputs("</tr>\n", f);
	row_head(f, "nominal cost");
	cell_money(f, cur, get_number(s, "nominal_cost"));
	fputs("</tr>\n", f);
	row_head(f, "completion");
	const char *period = get_string(s, "completion_period");
	double year = get_number(s, "completion_year");
	if (period)
		cell_text(f, period);
	else if (isfinite(year))
		fprintf(f, "<td class=\"n\">%.0f</td>", year);
	else
		cell_text(f, "not complete within the horizon");
	fputs("</tr>\n", f);
	row_head(f, "high-risk units left");
	cell_count(f, get_number(s, "hr_units_left"));
	fputs("</tr>\n", f);
	row_head(f, "budget scale");
	cell_scale(f, get_number(s, "budget_scale"));
	fputs("</tr>\n", f);
	fputs("</table>\n", f);
}

static void plan_rules(FILE *f, const struct report_folder *rf)
{
	const cJSON *rules = get(rf->summary, "rules");
	fputs("<h3>Rules</h3>\n", f);
	if (!cJSON_IsArray(rules) || cJSON_GetArraySize(rules) == 0) {
		fputs("<p class=\"note\">The scenario has no deadlines or caps.</p>\n",
		      f);
		return;
	}
	fputs("<table>\n<tr><th>rule</th><th>outcome</th><th class=\"n\">value</th>"
	      "<th class=\"n\">limit</th><th class=\"n\">sites late</th>"
	      "<th class=\"n\">units late</th></tr>\n",
	      f);
	const cJSON *r;
	cJSON_ArrayForEach(r, rules)
	{
		fputs("<tr>", f);
		cell_text(f, get_string(r, "label"));
		bool holds = cJSON_IsTrue(get(r, "holds"));
		fprintf(f, "<td class=\"%s\">%s</td>", holds ? "holds" : "broken",
			holds ? "holds" : "broken");
		cell_count(f, get_number(r, "value"));
		cell_count(f, get_number(r, "limit"));
		cell_count(f, get_number(r, "sites_late"));
		cell_count(f, get_number(r, "units_late"));
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

static void plan_spend(FILE *f, const struct report_folder *rf)
{
	const struct plan_read *p = rf->plan;
	const char *cur = currency_of(rf);
	fputs("<h3>Spend per period</h3>\n<table>\n<tr><th>period</th>"
	      "<th class=\"n\">spend</th><th class=\"n\">high-risk share "
	      "left</th></tr>\n",
	      f);
	double total = 0;
	for (size_t i = 0; i < p->n_years; i++) {
		char label[32];
		plan_read_period_label(p->per_year, p->years[i].period, label,
				       sizeof(label));
		fputs("<tr>", f);
		cell_text(f, label);
		cell_money(f, cur, p->years[i].spend);
		cell_percent(f, p->years[i].hr_share);
		fputs("</tr>\n", f);
		if (isfinite(p->years[i].spend))
			total += p->years[i].spend;
	}
	fputs("<tr><th>total</th>", f);
	cell_money(f, cur, total);
	fputs("<td></td></tr>\n</table>\n", f);
}

static void sweep_section(FILE *f, const struct report_folder *rf, size_t k)
{
	const cJSON *s = rf->summary;
	const cJSON *be = get(s, "break_even");
	const char *cur = currency_of(rf);
	fputs("<table>\n", f);
	row_head(f, "points");
	cell_count(f, get_number(s, "points"));
	fputs("</tr>\n", f);
	if (cJSON_IsObject(be) && get(be, "min_budget_scale")) {
		row_head(f, "break-even budget scale (every deadline and cap holds)");
		cell_scale(f, get_number(be, "min_budget_scale"));
		fputs("</tr>\n", f);
		row_head(f, "break-even total budget");
		cell_money(f, cur, get_number(be, "min_total_budget"));
		fputs("</tr>\n", f);
		row_head(f, "scale completing earlier");
		cell_scale(f, get_number(be, "earlier_completion_scale"));
		fputs("</tr>\n", f);
		row_head(f, "total budget completing earlier");
		cell_money(f, cur, get_number(be, "earlier_completion_total_budget"));
		fputs("</tr>\n", f);
	} else {
		row_head(f, "break-even");
		cell_text(f, "not searched (sweep --find-min-budget)");
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
	fputs("<h3>Sensitivity chart</h3>\n", f);
	put_svg(f, rf, k);

	static const char *const cols[][2] = {
		{"budget_scale", "scale"},
		{"total_budget", "total budget"},
		{"status", "status"},
		{"exposure", "exposure"},
		{"present_cost", "cost (PV)"},
		{"nominal_cost", "cost (nominal)"},
		{"completion_year", "complete"},
		{"hr_units_remaining", "HR units left"},
		{"deadlines_met", "deadlines met"},
		{"gap", "gap"},
		{"stopped_by", "stopped by"},
	};
	enum { N_COLS = sizeof(cols) / sizeof(cols[0]) };
	int at[N_COLS];
	for (size_t c = 0; c < N_COLS; c++)
		at[c] = report_folder_column(rf, cols[c][0]);
	int total_at = report_folder_column(rf, "deadlines_total");
	fputs("<h3>Sensitivity table</h3>\n<table>\n<tr>", f);
	for (size_t c = 0; c < N_COLS; c++)
		if (at[c] >= 0)
			fprintf(f, "<th%s>%s</th>",
				c == 2 || c == 10 ? "" : " class=\"n\"", cols[c][1]);
	fputs("</tr>\n", f);
	size_t cut = 0;
	for (size_t r = 0; r < rf->n_rows; r++) {
		const char *const *row =
			(const char *const *)rf->cells + r * rf->n_columns;
		bool is_cut = at[10] >= 0 && *row[at[10]];
		cut += is_cut;
		fputs(is_cut ? "<tr class=\"cut\">" : "<tr>", f);
		for (size_t c = 0; c < N_COLS; c++) {
			if (at[c] < 0)
				continue;
			const char *v = row[at[c]];
			double x = strtod(v, NULL);
			if (!*v || c == 2 || c == 10)
				cell_text(f, v);
			else if (c == 1 || c == 4 || c == 5)
				cell_money(f, cur, x);
			else if (c == 3)
				cell_figure(f, x);
			else if (c == 9)
				cell_percent(f, x);
			else if (c == 0)
				cell_scale(f, x);
			else if (c == 8 && total_at >= 0) {
				fputs("<td class=\"n\">", f);
				put_html(f, v);
				putc('/', f);
				put_html(f, row[total_at]);
				fputs("</td>", f);
			} else { /* the CSV's own text: a year or a count */
				fputs("<td class=\"n\">", f);
				put_html(f, v);
				fputs("</td>", f);
			}
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
	if (cut)
		fprintf(f,
			"<p class=\"note\">%zu of %zu points (shaded) were cut short by "
			"a "
			"limit: their figures are the best plan found, not proven "
			"optimal.</p>\n",
			cut, rf->n_rows);
}

/* With several plans: their headline figures side by side. */
static void side_by_side(FILE *f, struct report_folder *const *folders, size_t n)
{
	size_t plans = 0;
	for (size_t i = 0; i < n; i++)
		plans += folders[i]->kind == REPORT_FOLDER_PLAN;
	if (plans < 2)
		return;
	fputs("<h2>The plans side by side</h2>\n<table>\n<tr><th></th>", f);
	for (size_t i = 0; i < n; i++) {
		if (folders[i]->kind != REPORT_FOLDER_PLAN)
			continue;
		fputs("<th>", f);
		put_html(f, folders[i]->dir);
		fputs("</th>", f);
	}
	fputs("</tr>\n", f);
	static const char *const keys[][2] = {
		{"status", "status"},
		{"exposure", "exposure E"},
		{"gap", "gap"},
		{"present_cost", "present cost"},
		{"nominal_cost", "nominal cost"},
		{"completion_year", "completion year"},
		{"hr_units_left", "high-risk units left"},
		{"budget_scale", "budget scale"},
	};
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		row_head(f, keys[k][1]);
		for (size_t i = 0; i < n; i++) {
			const struct report_folder *rf = folders[i];
			if (rf->kind != REPORT_FOLDER_PLAN)
				continue;
			double v = get_number(rf->summary, keys[k][0]);
			if (k == 0)
				cell_text(f, get_string(rf->summary, "status"));
			else if (k == 1)
				cell_figure(f, v);
			else if (k == 2)
				cell_percent(f, v);
			else if (k == 3 || k == 4)
				cell_money(f, currency_of(rf), v);
			else if (k == 5 && !isfinite(v))
				cell_text(f, "not complete");
			else if (k == 5)
				fprintf(f, "<td class=\"n\">%.0f</td>", v);
			else if (k == 7)
				cell_scale(f, v);
			else
				cell_count(f, v);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* The changes from plan 'a' to plan 'b', as `phaseout diff` prints them. */
static void plan_changes(FILE *f, const struct report_folder *a,
			 const struct report_folder *b)
{
	fputs("<h3>Changes from ", f);
	put_html(f, a->dir);
	fputs("</h3>\n", f);
	if (!plandiff_same_periods(a->plan, b->plan)) {
		fputs("<p class=\"note\">Not compared: the plans are in periods of "
		      "different kinds.</p>\n",
		      f);
		return;
	}
	struct plandiff *pd = plandiff_create(a->plan, b->plan);
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (m) {
		report_diff_write_text(pd, m);
		fclose(m);
		fputs("<pre>", f);
		put_html(f, text);
		fputs("</pre>\n", f);
	}
	free(text);
	plandiff_destroy(pd);
}

bool report_html_write(struct report_folder *const *folders, size_t n, FILE *f)
{
	const char *scenario = n ? get_string(folders[0]->summary, "scenario") : NULL;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>phaseout report",
	      f);
	if (scenario) {
		fputs(" &mdash; ", f);
		put_html(f, scenario);
	}
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
	fputs("<h1>phaseout report</h1>\n<p class=\"note\">", f);
	fprintf(f, "%zu folder%s: ", n, n == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", f);
		put_html(f, folders[i]->dir);
	}
	fputs(". Figures are those of each folder's summary.json and CSV files.</p>\n",
	      f);
	side_by_side(f, folders, n);
	const struct report_folder *first_plan = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct report_folder *rf = folders[i];
		fputs("<h2>", f);
		put_title(f, rf);
		fputs("</h2>\n", f);
		if (rf->kind == REPORT_FOLDER_SWEEP) {
			sweep_section(f, rf, i + 1);
			continue;
		}
		plan_headline(f, rf);
		plan_rules(f, rf);
		fputs("<h3>Timeline</h3>\n", f);
		put_svg(f, rf, i + 1);
		plan_spend(f, rf);
		if (first_plan)
			plan_changes(f, first_plan, rf);
		else
			first_plan = rf;
	}
	fputs("</body>\n</html>\n", f);
	return fflush(f) == 0 && !ferror(f);
}
