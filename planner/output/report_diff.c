#include "output/report_diff.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/csvw.h"
#include "util/num.h"
#include "util/termtext.h"
#include "util/xalloc.h"

/* --- diff.csv --- */

static void write_year(struct csvw *w, const struct plan_read_site *s)
{
	if (s && s->year)
		csvw_int(w, s->year);
	else
		csvw_empty(w);
}

static void write_vendor(struct csvw *w, const struct plan_read_site *s)
{
	if (s && s->to_vendor)
		csvw_text(w, s->to_vendor);
	else
		csvw_empty(w);
}

bool report_diff_write_csv(const struct plandiff *pd, FILE *f)
{
	static const char *const header[] = {"site_id", "region",   "domain",   "year_a",
					     "year_b",  "vendor_a", "vendor_b", "change"};
	struct csvw w;
	csvw_init(&w, f);
	for (size_t i = 0; i < sizeof(header) / sizeof(header[0]); i++)
		csvw_text(&w, header[i]);
	csvw_end_row(&w);
	for (size_t i = 0; i < pd->n_sites; i++) {
		const struct plandiff_site *ds = &pd->sites[i];
		const struct plan_read_site *s = ds->a ? ds->a : ds->b;
		char change[128];
		plandiff_change_text(ds->changes, change, sizeof(change));
		csvw_text(&w, s->id);
		csvw_text(&w, s->region);
		csvw_text(&w, s->domain);
		write_year(&w, ds->a);
		write_year(&w, ds->b);
		write_vendor(&w, ds->a);
		write_vendor(&w, ds->b);
		csvw_text(&w, change);
		csvw_end_row(&w);
	}
	return csvw_finish(&w);
}

/* --- the text report --- */

static void add_count(struct termtext_table *t, int64_t n)
{
	char buf[64];
	num_format_quantity(buf, sizeof(buf), (double)n);
	termtext_table_add(t, buf);
}

/*
 * Differences are rounded to what the files hold (cents, 1e-6 of
 * exposure, 1e-4 of a percentage point) before their sign is chosen, so
 * that two equal figures give "0", never "-0.00" or "+0.00".
 */
static double round_to(double value, double scale)
{
	double r = round(value * scale) / scale;
	return r == 0 ? 0.0 : r;
}

enum figure { FIG_QUANTITY, FIG_YEARS, FIG_MONEY, FIG_SHORT_MONEY, FIG_SHARE };

static void format_figure(char *buf, size_t size, double value, enum figure kind)
{
	switch (kind) {
	case FIG_QUANTITY:
		num_format_quantity(buf, size, value);
		break;
	case FIG_YEARS:
		snprintf(buf, size, "%.0f", value);
		break;
	case FIG_MONEY:
		num_format_money(buf, size, value);
		break;
	case FIG_SHORT_MONEY:
		num_format_short(buf, size, value);
		break;
	case FIG_SHARE:
		snprintf(buf, size, "%.2f%%", value * 100);
		break;
	}
}

static double figure_scale(enum figure kind)
{
	switch (kind) {
	case FIG_QUANTITY:
		return 1e6;
	case FIG_YEARS:
		return 1;
	case FIG_SHARE:
		return 1e6; /* 1e-4 of a percentage point */
	case FIG_MONEY:
	case FIG_SHORT_MONEY:
	default:
		return 1e2;
	}
}

/*
 * Three cells: A, B and B - A. A figure a plan does not have (null in its
 * summary, a year outside its horizon) shows as 'missing' and leaves the
 * difference empty. A share's difference is in percentage points.
 */
static void add_figures(struct termtext_table *t, double a, double b, enum figure kind,
			const char *missing)
{
	char buf[64];
	if (isfinite(a))
		format_figure(buf, sizeof(buf), a, kind);
	termtext_table_add(t, isfinite(a) ? buf : missing);
	if (isfinite(b))
		format_figure(buf, sizeof(buf), b, kind);
	termtext_table_add(t, isfinite(b) ? buf : missing);
	if (!isfinite(a) || !isfinite(b)) {
		termtext_table_add(t, "");
		return;
	}
	double delta = round_to(b - a, figure_scale(kind));
	if (kind == FIG_SHARE)
		snprintf(buf, sizeof(buf), "%.2f pts", fabs(delta) * 100);
	else
		format_figure(buf, sizeof(buf), fabs(delta), kind);
	char signed_buf[80];
	snprintf(signed_buf, sizeof(signed_buf), "%s%s",
		 delta > 0   ? "+"
		 : delta < 0 ? "-"
			     : "",
		 buf);
	termtext_table_add(t, signed_buf);
}

static void print_plan_line(FILE *f, const char *label, const struct plan_read *p)
{
	char *dir = termtext_dup(p->dir);
	char *name = termtext_dup(p->scenario);
	char *status = termtext_dup(p->status);
	fprintf(f, "%s: %s (", label, dir);
	if (*name)
		fprintf(f, "scenario '%s', ", name);
	fprintf(f, "status %s", status);
	if (isfinite(p->budget_scale))
		fprintf(f, ", budget scale %g", p->budget_scale);
	fputs(")\n", f);
	free(dir);
	free(name);
	free(status);
}

/*
 * Warnings about comparing unlike plans come first, so that nobody reads
 * the figures below without them: other scenario names, other currencies,
 * other site lists.
 */
static void print_notes(const struct plandiff *pd, FILE *f)
{
	const struct plan_read *a = pd->a, *b = pd->b;
	if (strcmp(a->scenario, b->scenario) != 0) {
		char *na = termtext_dup(a->scenario), *nb = termtext_dup(b->scenario);
		fprintf(f, "note: the plans are of different scenarios, '%s' and '%s'\n",
			na, nb);
		free(na);
		free(nb);
	}
	if (strcmp(a->currency, b->currency) != 0) {
		char *ca = termtext_dup(a->currency), *cb = termtext_dup(b->currency);
		fprintf(f,
			"note: the plans use different currencies, '%s' and '%s'; "
			"money is compared as written\n",
			ca, cb);
		free(ca);
		free(cb);
	}
	if (pd->n_only_a || pd->n_only_b)
		fprintf(f,
			"note: the plans hold different sites: %zu in A only, %zu in B "
			"only; the site counts are over the %zu sites in both\n",
			pd->n_only_a, pd->n_only_b, pd->n_common);
}

static void add_mean(struct termtext_table *t, size_t n, int64_t years)
{
	char buf[80] = "";
	if (n)
		snprintf(buf, sizeof(buf), "by %.2f years on average",
			 (double)years / (double)n);
	termtext_table_add(t, buf);
}

static void print_sites(const struct plandiff *pd, FILE *f)
{
	struct termtext_table t;
	termtext_table_init(&t, "lrl", 2);
	fputs("sites, B compared with A:\n", f);
	termtext_table_add(&t, "in both plans");
	add_count(&t, (int64_t)pd->n_common);
	termtext_table_add(&t, "");
	if (pd->n_only_a || pd->n_only_b) {
		termtext_table_add(&t, "in A only");
		add_count(&t, (int64_t)pd->n_only_a);
		termtext_table_add(&t, "");
		termtext_table_add(&t, "in B only");
		add_count(&t, (int64_t)pd->n_only_b);
		termtext_table_add(&t, "");
	}
	if (pd->n_inventory) {
		termtext_table_add(&t, "with another region, domain or units");
		add_count(&t, (int64_t)pd->n_inventory);
		termtext_table_add(&t, "");
	}
	termtext_table_add(&t, "moved to another year");
	add_count(&t, (int64_t)(pd->n_earlier + pd->n_later));
	termtext_table_add(&t, "");
	termtext_table_add(&t, "  earlier");
	add_count(&t, (int64_t)pd->n_earlier);
	add_mean(&t, pd->n_earlier, pd->years_earlier);
	termtext_table_add(&t, "  later");
	add_count(&t, (int64_t)pd->n_later);
	add_mean(&t, pd->n_later, pd->years_later);
	termtext_table_add(&t, "newly swapped within the horizon");
	add_count(&t, (int64_t)pd->n_added);
	termtext_table_add(&t, "");
	termtext_table_add(&t, "no longer swapped within the horizon");
	add_count(&t, (int64_t)pd->n_removed);
	termtext_table_add(&t, "");
	termtext_table_add(&t, "swapped to another vendor");
	add_count(&t, (int64_t)pd->n_vendor);
	termtext_table_add(&t, "");
	termtext_table_print(&t, f);
}

static void print_objectives(const struct plandiff *pd, FILE *f)
{
	const struct plan_read *a = pd->a, *b = pd->b;
	char *cur = termtext_dup(*a->currency ? a->currency : b->currency);
	struct termtext_table t;
	termtext_table_init(&t, "lrrr", 2);
	fprintf(f, "\nobjectives%s%s%s:\n", *cur ? " (money in " : "", cur,
		*cur ? ")" : "");
	termtext_table_add(&t, "");
	termtext_table_add(&t, "A");
	termtext_table_add(&t, "B");
	termtext_table_add(&t, "B - A");
	termtext_table_add(&t, "exposure E");
	add_figures(&t, a->exposure, b->exposure, FIG_QUANTITY, "unknown");
	termtext_table_add(&t, "present cost");
	add_figures(&t, a->present_cost, b->present_cost, FIG_MONEY, "unknown");
	termtext_table_add(&t, "nominal cost");
	add_figures(&t, a->nominal_cost, b->nominal_cost, FIG_MONEY, "unknown");
	termtext_table_add(&t, "completion year");
	add_figures(&t, a->completion_year ? a->completion_year : NAN,
		    b->completion_year ? b->completion_year : NAN, FIG_YEARS, "none");
	termtext_table_print(&t, f);
	free(cur);
}

static void print_years(const struct plandiff *pd, FILE *f)
{
	struct termtext_table t;
	termtext_table_init(&t, "lrrrrrr", 0);
	fputs("\nper year (HR share = HR units left over all units):\n", f);
	static const char *const head[] = {"year",   "spend A",    "spend B",
					   "change", "HR share A", "HR share B",
					   "change"};
	for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		termtext_table_add(&t, head[i]);
	for (size_t i = 0; i < pd->n_years; i++) {
		const struct plandiff_year *y = &pd->years[i];
		char buf[32];
		snprintf(buf, sizeof(buf), "%d", y->year);
		termtext_table_add(&t, buf);
		add_figures(&t, y->spend_a, y->spend_b, FIG_SHORT_MONEY, "-");
		add_figures(&t, y->hr_share_a, y->hr_share_b, FIG_SHARE, "-");
	}
	termtext_table_print(&t, f);
}

bool report_diff_write_text(const struct plandiff *pd, FILE *f)
{
	print_plan_line(f, "A", pd->a);
	print_plan_line(f, "B", pd->b);
	print_notes(pd, f);
	fputc('\n', f);
	print_sites(pd, f);
	print_objectives(pd, f);
	print_years(pd, f);
	if (pd->n_sites)
		fprintf(f, "\n%zu site%s differ%s (with -o <dir>, diff.csv lists %s)\n",
			pd->n_sites, pd->n_sites == 1 ? "" : "s",
			pd->n_sites == 1 ? "s" : "", pd->n_sites == 1 ? "it" : "them");
	else
		fputs("\nno site differs\n", f);
	return fflush(f) == 0 && !ferror(f);
}
