#include "output/report_vary.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output/report_overrides.h"
#include "output/report_sweep.h"
#include "util/csvw.h"
#include "util/termtext.h"

double vary_x(const struct vary_grid *g, size_t i)
{
	return g->x_from + (double)i * g->x_step;
}

double vary_y(const struct vary_grid *g, size_t j)
{
	return g->y_from + (double)j * g->y_step;
}

static const char *x_name(const struct vary_grid *g)
{
	return g->x_path ? g->x_path : "budget_scale";
}

/* A value in the table: whole numbers in full (19000000), large ones to
 * the cent, others to six significant digits. */
static void value_text(char *buf, size_t size, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, size, "%.0f", v);
	else if (fabs(v) >= 1e4)
		snprintf(buf, size, "%.2f", v);
	else
		snprintf(buf, size, "%.6g", v);
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
			value_text(xv, sizeof(xv), vary_x(g, i));
			value_text(yv, sizeof(yv), vary_y(g, j));
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
			if (!isnan(r->plan_from_scale))
				fprintf(f, "%splan of x = %.6g", sep, r->plan_from_scale);
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
	if (g->be) {
		const struct vary_break_even *be = g->be;
		fputs("break-even: ", f);
		char lo[32], hi[32], at[32], below[32];
		value_text(lo, sizeof(lo), be->lo);
		value_text(hi, sizeof(hi), be->hi);
		value_text(at, sizeof(at), be->min_value);
		value_text(below, sizeof(below), be->below);
		/* The path is the user's text. */
		if (isnan(be->min_value)) {
			fputs("no value of ", f);
			termtext_put(f, be->path);
			fprintf(f, " in %s..%s makes every deadline and cap hold\n", lo,
				hi);
		} else {
			fputs("every deadline and cap holds ", f);
			fputs(isnan(be->below) ? "already at " : "from ", f);
			termtext_put(f, be->path);
			fprintf(f, " = %s", at);
			if (!isnan(be->below))
				fprintf(f, " (not at %s)", below);
			fputc('\n', f);
		}
	}
	return fflush(f) == 0 && !ferror(f);
}

/* sensitivity.csv as report_sweep_csv() writes it, each row with the
 * parameter columns appended: x (unless it is the budget scale, a column
 * already), then y. */
bool report_vary_csv(const struct vary_grid *g, FILE *f)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (!mem)
		return false;
	report_sweep_csv(g->s, g->rows, g->nx * g->ny, NULL, mem);
	fclose(mem);
	char *line = text;
	for (size_t row = 0; line && *line; row++) {
		char *end = strstr(line, "\r\n");
		size_t n = end ? (size_t)(end - line) : strlen(line);
		char *cells = NULL;
		size_t cells_len = 0;
		FILE *cf = open_memstream(&cells, &cells_len);
		struct csvw w;
		csvw_init(&w, cf);
		if (row == 0) {
			if (g->x_path)
				csvw_text(&w, g->x_path);
			if (g->y_path)
				csvw_text(&w, g->y_path);
		} else {
			size_t k = row - 1;
			if (g->x_path)
				csvw_fixed(&w, vary_x(g, k % g->nx), 6);
			if (g->y_path)
				csvw_fixed(&w, vary_y(g, k / g->nx), 6);
		}
		csvw_end_row(&w);
		fclose(cf);
		fwrite(line, 1, n, f);
		fputc(',', f);
		fputs(cells, f);
		free(cells);
		line = end ? end + 2 : NULL;
	}
	free(text);
	return fflush(f) == 0 && !ferror(f);
}

static void add_axis(cJSON *arr, const char *path, double from, double step, size_t n,
		     bool loosens)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "path", path);
	cJSON_AddNumberToObject(o, "from", from);
	cJSON_AddNumberToObject(o, "to", from + (double)(n - 1) * step);
	cJSON_AddNumberToObject(o, "step", step);
	cJSON_AddNumberToObject(o, "points", (double)n);
	cJSON_AddBoolToObject(o, "monotone", loosens);
	cJSON_AddItemToArray(arr, o);
}

/* summary.json: the sweep's, with "vary" (the axes, x first) and each
 * point's "parameters"; "find_min" with --find-min. */
static bool write_summary(const struct vary_grid *g, const struct outdir_file *files,
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
	add_axis(axes, x_name(g), g->x_from, g->x_step, g->nx, g->x_loosens);
	if (g->y_path)
		add_axis(axes, g->y_path, g->y_from, g->y_step, g->ny, false);
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
		k++;
	}
	if (g->be) {
		cJSON *fm = cJSON_AddObjectToObject(root, "find_min");
		cJSON_AddStringToObject(fm, "path", g->be->path);
		if (isnan(g->be->min_value))
			cJSON_AddNullToObject(fm, "min_value");
		else
			cJSON_AddNumberToObject(fm, "min_value", g->be->min_value);
		if (isnan(g->be->below))
			cJSON_AddNullToObject(fm, "below");
		else
			cJSON_AddNumberToObject(fm, "below", g->be->below);
		cJSON_AddNumberToObject(fm, "lo", g->be->lo);
		cJSON_AddNumberToObject(fm, "hi", g->be->hi);
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

bool report_vary_write(const struct vary_grid *g, struct outdir *od)
{
	FILE *f;
	if ((f = outdir_open(od, "sensitivity.csv")))
		report_vary_csv(g, f);
	if (g->ny > 1) {
		if ((f = outdir_open(od, "heatmap.svg")))
			chart_heatmap_svg(g, f);
		if ((f = outdir_open(od, "heatmap.png")))
			chart_heatmap_png(g, f);
	}
	size_t n_files;
	const struct outdir_file *files = outdir_files(od, &n_files);
	if (files && (f = outdir_open(od, "summary.json")))
		write_summary(g, files, n_files, f);
	return outdir_commit(od);
}
