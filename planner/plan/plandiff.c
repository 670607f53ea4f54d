#include "plan/plandiff.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/csvw.h"
#include "util/num.h"
#include "util/termtext.h"

static int compare_sites(const void *x, const void *y)
{
	const struct plan_read_site *a = *(const struct plan_read_site *const *)x;
	const struct plan_read_site *b = *(const struct plan_read_site *const *)y;
	return strcmp(a->id, b->id);
}

/* The sites of 'p' by site_id, bytewise (ids are unique in a plan_read). */
static const struct plan_read_site **sorted_sites(const struct plan_read *p)
{
	const struct plan_read_site **v =
		xcalloc(p->n_sites ? p->n_sites : 1, sizeof(*v));
	for (size_t i = 0; i < p->n_sites; i++)
		v[i] = &p->sites[i];
	if (p->n_sites > 1)
		qsort(v, p->n_sites, sizeof(*v), compare_sites);
	return v;
}

/*
 * Moves and vendor changes are judged only where both plans swap the
 * site; a site swapped in one plan only is "added" or "removed" whatever
 * its vendor. A site's region, domain and units come from its scenario,
 * so a difference there means the plans were made from different
 * inventories: it is flagged rather than hidden.
 */
static unsigned site_changes(struct plandiff *pd, const struct plan_read_site *a,
			     const struct plan_read_site *b)
{
	unsigned ch = 0;
	if (a->year && b->year) {
		if (b->year < a->year) {
			ch |= PLANDIFF_EARLIER;
			pd->n_earlier++;
			pd->years_earlier += a->year - b->year;
		} else if (b->year > a->year) {
			ch |= PLANDIFF_LATER;
			pd->n_later++;
			pd->years_later += b->year - a->year;
		}
		if (strcmp(a->to_vendor, b->to_vendor) != 0) {
			ch |= PLANDIFF_VENDOR;
			pd->n_vendor++;
		}
	} else if (b->year) {
		ch |= PLANDIFF_ADDED;
		pd->n_added++;
	} else if (a->year) {
		ch |= PLANDIFF_REMOVED;
		pd->n_removed++;
	}
	if (strcmp(a->region, b->region) != 0)
		ch |= PLANDIFF_REGION;
	if (strcmp(a->domain, b->domain) != 0)
		ch |= PLANDIFF_DOMAIN;
	if (a->units != b->units)
		ch |= PLANDIFF_UNITS;
	if (ch & (PLANDIFF_REGION | PLANDIFF_DOMAIN | PLANDIFF_UNITS))
		pd->n_inventory++;
	return ch;
}

static void add_site(struct plandiff *pd, size_t *alloc, const struct plan_read_site *a,
		     const struct plan_read_site *b, unsigned changes)
{
	ARRAY_GROW(pd->sites, pd->n_sites, *alloc);
	pd->sites[pd->n_sites++] = (struct plandiff_site){a, b, changes};
}

static void diff_sites(struct plandiff *pd)
{
	const struct plan_read_site **va = sorted_sites(pd->a);
	const struct plan_read_site **vb = sorted_sites(pd->b);
	size_t na = pd->a->n_sites, nb = pd->b->n_sites;
	size_t i = 0, j = 0, alloc = 0;
	while (i < na || j < nb) {
		int cmp = i == na ? 1 : j == nb ? -1 : strcmp(va[i]->id, vb[j]->id);
		if (cmp < 0) {
			pd->n_only_a++;
			add_site(pd, &alloc, va[i++], NULL, PLANDIFF_ONLY_IN_A);
		} else if (cmp > 0) {
			pd->n_only_b++;
			add_site(pd, &alloc, NULL, vb[j++], PLANDIFF_ONLY_IN_B);
		} else {
			pd->n_common++;
			unsigned ch = site_changes(pd, va[i], vb[j]);
			if (ch)
				add_site(pd, &alloc, va[i], vb[j], ch);
			i++, j++;
		}
	}
	free(va);
	free(vb);
}

static int compare_years(const void *x, const void *y)
{
	const struct plan_read_year *a = x, *b = y;
	return (a->year > b->year) - (a->year < b->year);
}

static struct plan_read_year *sorted_years(const struct plan_read *p)
{
	struct plan_read_year *v = xcalloc(p->n_years ? p->n_years : 1, sizeof(*v));
	if (p->n_years)
		memcpy(v, p->years, p->n_years * sizeof(*v));
	if (p->n_years > 1)
		qsort(v, p->n_years, sizeof(*v), compare_years);
	return v;
}

/* Every year of either timeline: two plans of the same scenario share
 * their horizon, but plans of different scenarios need not. */
static void diff_years(struct plandiff *pd)
{
	struct plan_read_year *ya = sorted_years(pd->a);
	struct plan_read_year *yb = sorted_years(pd->b);
	size_t na = pd->a->n_years, nb = pd->b->n_years;
	size_t i = 0, j = 0, alloc = 0;
	while (i < na || j < nb) {
		struct plandiff_year y = {0, NAN, NAN, NAN, NAN};
		bool take_a = i < na && (j == nb || ya[i].year <= yb[j].year);
		bool take_b = j < nb && (i == na || yb[j].year <= ya[i].year);
		y.year = take_a ? ya[i].year : yb[j].year;
		if (take_a) {
			y.spend_a = ya[i].spend;
			y.hr_share_a = ya[i].hr_share;
			i++;
		}
		if (take_b) {
			y.spend_b = yb[j].spend;
			y.hr_share_b = yb[j].hr_share;
			j++;
		}
		ARRAY_GROW(pd->years, pd->n_years, alloc);
		pd->years[pd->n_years++] = y;
	}
	free(ya);
	free(yb);
}

struct plandiff *plandiff_create(const struct plan_read *a, const struct plan_read *b)
{
	struct plandiff *pd = xcalloc(1, sizeof(*pd));
	pd->a = a;
	pd->b = b;
	diff_sites(pd);
	diff_years(pd);
	return pd;
}

void plandiff_destroy(struct plandiff *pd)
{
	if (!pd)
		return;
	free(pd->sites);
	free(pd->years);
	free(pd);
}

static const struct {
	unsigned bit;
	const char *name;
} change_names[] = {
	{PLANDIFF_EARLIER, "earlier"},     {PLANDIFF_LATER, "later"},
	{PLANDIFF_ADDED, "added"},         {PLANDIFF_REMOVED, "removed"},
	{PLANDIFF_VENDOR, "vendor"},       {PLANDIFF_REGION, "region"},
	{PLANDIFF_DOMAIN, "domain"},       {PLANDIFF_UNITS, "units"},
	{PLANDIFF_ONLY_IN_A, "only_in_a"}, {PLANDIFF_ONLY_IN_B, "only_in_b"},
};

void plandiff_change_text(unsigned changes, char *buf, size_t size)
{
	if (!size)
		return;
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(change_names) / sizeof(change_names[0]); i++) {
		if (!(changes & change_names[i].bit))
			continue;
		size_t len = strlen(change_names[i].name);
		if (n + (n > 0) + len >= size)
			return; /* whole names only */
		if (n > 0)
			buf[n++] = ';';
		memcpy(buf + n, change_names[i].name, len + 1);
		n += len;
	}
}

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

bool plandiff_write_csv(const struct plandiff *pd, FILE *f)
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

bool plandiff_write_text(const struct plandiff *pd, FILE *f)
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
