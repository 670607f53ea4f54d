#include "output/report_vary.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output/report_overrides.h"
#include "output/report_sweep.h"
#include "util/csvw.h"
#include "util/num.h"
#include "util/termtext.h"

double vary_x(const struct vary_grid *g, size_t i)
{
	return g->x_from + (double)i * g->x_step;
}

double vary_y(const struct vary_grid *g, size_t j)
{
	return g->y_from + (double)j * g->y_step;
}

double vary_plan_from_y(const struct vary_grid *g, size_t k)
{
	if (!g->y_path || !g->origin || isnan(g->rows[k].plan_from_scale))
		return NAN;
	return vary_y(g, g->origin[k] / g->nx);
}

const struct vary_break_even *vary_break_even_of(const struct vary_grid *g, size_t k)
{
	const struct vary_find_min *fm = g->fm;
	if (!fm->by_path)
		return &fm->at[0];
	/* The other axis is y when the path searched is x. */
	bool by_y = g->y_path && strcmp(fm->by_path, g->y_path) == 0;
	return &fm->at[by_y ? k / g->nx : k % g->nx];
}

static const char *x_name(const struct vary_grid *g)
{
	return g->x_path ? g->x_path : "budget_scale";
}

/* One break-even in words: "from PATH = 2025 (not at 2024)". */
static void break_even_words(const struct vary_find_min *fm,
			     const struct vary_break_even *be, FILE *f)
{
	char lo[32], hi[32], at[32], beyond[32];
	num_format_plain(lo, sizeof(lo), be->lo);
	num_format_plain(hi, sizeof(hi), be->hi);
	num_format_plain(at, sizeof(at), be->value);
	num_format_plain(beyond, sizeof(beyond), be->beyond);
	if (!isnan(be->stopped_at)) {
		num_format_plain(at, sizeof(at), be->stopped_at);
		fputs("unknown: the probe at ", f);
		termtext_put(f, fm->path);
		fprintf(f, " = %s found no plan within the time limit\n", at);
	} else if (isnan(be->value)) {
		fputs("no value of ", f);
		termtext_put(f, fm->path);
		fprintf(f, " in %s..%s makes every deadline and cap hold\n", lo, hi);
	} else {
		fputs("every deadline and cap holds ", f);
		fputs(isnan(be->beyond)   ? "already at "
		      : be->direction > 0 ? "from "
					  : "up to ",
		      f);
		termtext_put(f, fm->path);
		fprintf(f, " = %s", at);
		if (!isnan(be->beyond))
			fprintf(f, " (not at %s)", beyond);
		fputc('\n', f);
	}
}

/* What --find-min found: one line, or on a grid one per value of the
 * other axis. */
static void find_min_text(const struct vary_grid *g, FILE *f)
{
	const struct vary_find_min *fm = g->fm;
	if (!fm->by_path) {
		fputs("break-even: ", f);
		break_even_words(fm, &fm->at[0], f);
		return;
	}
	fputs("break-even of ", f);
	termtext_put(f, fm->path);
	fputs(" for each ", f);
	termtext_put(f, fm->by_path);
	fputs(":\n", f);
	for (size_t k = 0; k < fm->n; k++) {
		if (!fm->at[k].searched)
			continue;
		char v[32];
		num_format_plain(v, sizeof(v), fm->by_from + (double)k * fm->by_step);
		fprintf(f, "  at %s: ", v);
		break_even_words(fm, &fm->at[k], f);
	}
}

bool report_vary_text(const struct vary_grid *g, FILE *f)
{
	const struct scenario *s = g->s;
	fputs("scenario: ", f);
	termtext_put(f, s->name);
	fputc('\n', f);
	report_overrides_text(s, f);
	fputs("sweep over ", f);
	if (g->y_path) {
		termtext_put(f, g->y_path);
		fputs(" and ", f);
	}
	termtext_put(f, x_name(g));
	fprintf(f, ": %zu points (money in ", g->nx * g->ny);
	termtext_put(f, s->currency);
	fputs(")\n\n", f);
	if (g->y_path)
		fprintf(f, "%14s ", "y");
	fprintf(f, "%14s %10s %14s %14s %9s %9s  %s\n", "x", "status", "exposure",
		"cost (PV)", "complete", "deadlines", "note");
	for (size_t j = 0; j < g->ny; j++) {
		for (size_t i = 0; i < g->nx; i++) {
			const struct sweep_row *r = &g->rows[j * g->nx + i];
			char xv[32], yv[32];
			num_format_plain(xv, sizeof(xv), vary_x(g, i));
			num_format_plain(yv, sizeof(yv), vary_y(g, j));
			if (g->y_path)
				fprintf(f, "%14s ", yv);
			char done[16] = "-";
			if (r->completion_year)
				snprintf(done, sizeof(done), "%d", r->completion_year);
			fprintf(f, "%14s %10s %14.2f %14.2f %9s %4d of %d", xv,
				plan_status_name(r->status), r->exposure, r->present_cost,
				done, r->deadlines_met, r->deadlines_total);
			/* Points cut short say so, as the budget sweep's do. */
			const char *stop = plan_stop_name(r->stopped_by);
			const char *sep = "  ";
			if (stop) {
				fprintf(f, "%sstopped by %s", sep, stop);
				if (isfinite(r->gap))
					fprintf(f, ", gap %.2f%%", 100 * r->gap);
				sep = "; ";
			}
			size_t k = j * g->nx + i;
			if (!isnan(r->plan_from_scale)) {
				fprintf(f, "%splan of x = %.6g", sep, r->plan_from_scale);
				if (g->y_path && g->origin)
					fprintf(f, ", y = %.6g",
						vary_y(g, g->origin[k] / g->nx));
			}
			fputc('\n', f);
		}
	}
	fputs("\nx: ", f);
	termtext_put(f, x_name(g));
	if (g->y_path) {
		fputs("; y: ", f);
		termtext_put(f, g->y_path);
	}
	fputc('\n', f);
	size_t lent = 0;
	for (size_t k = 0; k < g->nx * g->ny; k++)
		lent += !isnan(g->rows[k].plan_from_scale);
	if (lent)
		fprintf(f,
			"%zu of %zu points took the plan of a point no looser "
			"(better than their own search found)\n",
			lent, g->nx * g->ny);
	if (g->fm)
		find_min_text(g, f);
	return fflush(f) == 0 && !ferror(f);
}

size_t vary_n_columns(const struct vary_grid *g)
{
	return (g->x_path != NULL) + (g->y_path ? 2 : 0) + (g->fm != NULL);
}

const char *vary_column_name(const struct vary_grid *g, size_t c)
{
	if (g->x_path && c-- == 0)
		return g->x_path;
	if (g->y_path && c-- == 0)
		return g->y_path;
	if (g->y_path && c-- == 0)
		return "plan_from_y";
	return "break_even";
}

double vary_column_value(const struct vary_grid *g, size_t k, size_t c)
{
	if (g->x_path && c-- == 0)
		return vary_x(g, k % g->nx);
	if (g->y_path && c-- == 0)
		return vary_y(g, k / g->nx);
	if (g->y_path && c-- == 0)
		return vary_plan_from_y(g, k);
	return vary_break_even_of(g, k)->value;
}

/* sensitivity.csv: report_sweep_csv()'s columns (without the budget
 * break-even's), then vary_column_name()'s, six decimals, empty when
 * NAN. */
bool report_vary_csv(const struct vary_grid *g, FILE *f)
{
	const struct scenario *s = g->s;
	struct csvw w;
	csvw_init(&w, f);
	size_t nc = report_sweep_n_columns(s), nv = vary_n_columns(g);
	for (size_t c = 0; c < nc; c++)
		csvw_text(&w, report_sweep_column_name(c));
	for (size_t c = 0; c < nv; c++)
		csvw_text(&w, vary_column_name(g, c));
	csvw_end_row(&w);
	for (size_t k = 0; k < g->nx * g->ny; k++) {
		report_sweep_csv_row(s, &g->rows[k], &w);
		for (size_t c = 0; c < nv; c++)
			csvw_fixed(&w, vary_column_value(g, k, c), 6);
		csvw_end_row(&w);
	}
	return csvw_finish(&w);
}

static void add_axis(cJSON *arr, const char *path, double from, double step, size_t n,
		     int loosening)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "path", path);
	cJSON_AddNumberToObject(o, "from", from);
	cJSON_AddNumberToObject(o, "to", from + (double)(n - 1) * step);
	cJSON_AddNumberToObject(o, "step", step);
	cJSON_AddNumberToObject(o, "points", (double)n);
	cJSON_AddBoolToObject(o, "monotone", loosening != 0);
	if (loosening)
		cJSON_AddStringToObject(o, "loosens", loosening > 0 ? "up" : "down");
	else
		cJSON_AddNullToObject(o, "loosens");
	cJSON_AddItemToArray(arr, o);
}

static void add_number_or_null(cJSON *o, const char *key, double v)
{
	if (isfinite(v))
		cJSON_AddNumberToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

/* A break-even's figures: min_value and below (a value that loosens as
 * it grows), or max_value and above (as it falls); stopped_at. */
static void add_break_even(cJSON *o, const struct vary_break_even *be)
{
	bool up = be->direction >= 0;
	add_number_or_null(o, up ? "min_value" : "max_value", be->value);
	add_number_or_null(o, up ? "below" : "above", be->beyond);
	add_number_or_null(o, "stopped_at", be->stopped_at);
}

/* summary.json: the sweep's, with "vary" (the axes, x first) and each
 * point's "parameters"; "find_min" with --find-min. */
bool report_vary_json(const struct vary_grid *g, const struct outdir_file *files,
		      size_t n_files, FILE *f)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		return false;
	report_sweep_json(g->s, g->rows, g->nx * g->ny, NULL, files, n_files, mem);
	fclose(mem);
	cJSON *root = cJSON_Parse(text);
	free(text);
	if (!root)
		return false;
	cJSON *axes = cJSON_CreateArray();
	add_axis(axes, x_name(g), g->x_from, g->x_step, g->nx, g->x_loosening);
	if (g->y_path)
		add_axis(axes, g->y_path, g->y_from, g->y_step, g->ny, g->y_loosening);
	cJSON_AddItemToObject(root, "vary", axes);
	cJSON *points = cJSON_GetObjectItemCaseSensitive(root, "sweep");
	size_t k = 0;
	cJSON *pt;
	cJSON_ArrayForEach(pt, points)
	{
		cJSON *par = cJSON_AddObjectToObject(pt, "parameters");
		cJSON_AddNumberToObject(par, x_name(g), vary_x(g, k % g->nx));
		if (g->y_path)
			cJSON_AddNumberToObject(par, g->y_path, vary_y(g, k / g->nx));
		/* A borrowed plan: the point it came from. */
		if (!isnan(g->rows[k].plan_from_scale)) {
			cJSON *from = cJSON_AddObjectToObject(pt, "plan_from");
			cJSON_AddNumberToObject(from, x_name(g),
						g->rows[k].plan_from_scale);
			if (g->y_path)
				cJSON_AddNumberToObject(from, g->y_path,
							vary_plan_from_y(g, k));
		}
		k++;
	}
	if (g->fm) {
		const struct vary_find_min *fm = g->fm;
		cJSON *o = cJSON_AddObjectToObject(root, "find_min");
		cJSON_AddStringToObject(o, "path", fm->path);
		cJSON_AddNumberToObject(o, "lo", fm->at[0].lo);
		cJSON_AddNumberToObject(o, "hi", fm->at[0].hi);
		if (!fm->by_path) {
			add_break_even(o, &fm->at[0]);
		} else {
			cJSON_AddStringToObject(o, "by", fm->by_path);
			cJSON *arr = cJSON_AddArrayToObject(o, "points");
			for (size_t q = 0; q < fm->n; q++) {
				cJSON *e = cJSON_CreateObject();
				cJSON_AddNumberToObject(e, fm->by_path,
							fm->by_from +
								(double)q * fm->by_step);
				if (fm->at[q].searched)
					add_break_even(e, &fm->at[q]);
				cJSON_AddItemToArray(arr, e);
			}
		}
	}
	char *out = cJSON_Print(root);
	cJSON_Delete(root);
	if (!out)
		return false;
	fputs(out, f);
	putc('\n', f);
	cJSON_free(out);
	return fflush(f) == 0 && !ferror(f);
}
