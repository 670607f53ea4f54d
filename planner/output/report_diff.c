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

static void write_period(struct csvw *w, const struct plandiff *pd,
			 const struct plan_read_site *s)
{
	char label[16];
	if (s && s->year) {
		plan_read_period_label(pd->per_year, s->period, label, sizeof(label));
		csvw_text(w, label);
	} else {
		csvw_empty(w);
	}
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
	/* Periods finer than a year append their labels (yearly plans keep
	 * version 1's columns exactly). */
	bool periods = pd->per_year > 1;
	for (size_t i = 0; i < sizeof(header) / sizeof(header[0]); i++)
		csvw_text(&w, header[i]);
	if (periods) {
		csvw_text(&w, "period_a");
		csvw_text(&w, "period_b");
	}
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
		if (periods) {
			write_period(&w, pd, ds->a);
			write_period(&w, pd, ds->b);
		}
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

/* Whether 'text' is one of the n overrides 'list'. */
static bool has_override(const char *const *list, size_t n, const char *text)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], text) == 0)
			return true;
	return false;
}

static void print_only(const char *side, const struct plan_read *x,
		       const struct plan_read *y, FILE *f)
{
	for (size_t i = 0; i < x->n_overrides; i++) {
		if (has_override(y->overrides, y->n_overrides, x->overrides[i]))
			continue;
		fprintf(f, "  only %s: ", side);
		termtext_put(f, x->overrides[i]);
		fputc('\n', f);
	}
}

/*
 * Plans of one scenario made with other --set or --scale overrides are
 * still of one scenario (its name says which); what differs is said, so
 * that the figures below are read as the overrides' effect. The same
 * overrides in another order are the same what-if unless two of them
 * touch one value; they are listed as they are, in order, when only the
 * order differs.
 */
static void report_diff_overrides(const struct plan_read *a, const struct plan_read *b,
				  FILE *f)
{
	bool same = a->n_overrides == b->n_overrides;
	for (size_t i = 0; same && i < a->n_overrides; i++)
		same = strcmp(a->overrides[i], b->overrides[i]) == 0;
	if (same)
		return;
	fputs("note: the plans were made with different overrides\n", f);
	print_only("in A", a, b, f);
	print_only("in B", b, a, f);
	bool listed = false;
	for (size_t i = 0; i < a->n_overrides; i++)
		listed = listed ||
			 !has_override(b->overrides, b->n_overrides, a->overrides[i]);
	for (size_t i = 0; i < b->n_overrides; i++)
		listed = listed ||
			 !has_override(a->overrides, a->n_overrides, b->overrides[i]);
	if (!listed)
		fputs("  the same overrides, applied in another order\n", f);
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
	report_diff_overrides(a, b, f);
	if (pd->n_only_a || pd->n_only_b)
		fprintf(f,
			"note: the plans hold different sites: %zu in A only, %zu in B "
			"only; the site counts are over the %zu sites in both\n",
			pd->n_only_a, pd->n_only_b, pd->n_common);
}

static void add_mean(struct termtext_table *t, size_t n, int64_t periods, int per_year)
{
	char buf[80] = "";
	if (n)
		snprintf(buf, sizeof(buf), "by %.2f %s on average",
			 (double)periods / (double)n,
			 plan_read_period_noun(per_year, true));
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
	termtext_table_add(&t, pd->per_year > 1 ? "moved to another period"
						: "moved to another year");
	add_count(&t, (int64_t)(pd->n_earlier + pd->n_later));
	termtext_table_add(&t, "");
	termtext_table_add(&t, "  earlier");
	add_count(&t, (int64_t)pd->n_earlier);
	add_mean(&t, pd->n_earlier, pd->periods_earlier, pd->per_year);
	termtext_table_add(&t, "  later");
	add_count(&t, (int64_t)pd->n_later);
	add_mean(&t, pd->n_later, pd->periods_later, pd->per_year);
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

/* The most (from, to) pairs the text lists; diff.csv has every site. */
#define MOVES_SHOWN 20

/*
 * With periods finer than a year, where the moved sites go: one line per
 * (A's period, B's period), in the order of A's period.
 */
static void print_moves(const struct plandiff *pd, FILE *f)
{
	if (pd->per_year <= 1 || !pd->n_moves)
		return;
	struct termtext_table t;
	termtext_table_init(&t, "lrr", 2);
	fputs("\nsites moved to another period, from A's to B's:\n", f);
	size_t shown = pd->n_moves < MOVES_SHOWN ? pd->n_moves : MOVES_SHOWN;
	for (size_t i = 0; i < shown; i++) {
		const struct plandiff_move *m = &pd->moves[i];
		char from[16], to[16], buf[64], count[32];
		plan_read_period_label(pd->per_year, m->from, from, sizeof(from));
		plan_read_period_label(pd->per_year, m->to, to, sizeof(to));
		snprintf(buf, sizeof(buf), "moved from %s to %s", from, to);
		termtext_table_add(&t, buf);
		num_format_quantity(count, sizeof(count), (double)m->sites);
		snprintf(buf, sizeof(buf), "%s site%s", count, m->sites == 1 ? "" : "s");
		termtext_table_add(&t, buf);
		num_format_quantity(count, sizeof(count), (double)m->units);
		snprintf(buf, sizeof(buf), "%s unit%s", count, m->units == 1 ? "" : "s");
		termtext_table_add(&t, buf);
	}
	termtext_table_print(&t, f);
	if (shown < pd->n_moves)
		fprintf(f, "  (and %zu more pairs of periods)\n", pd->n_moves - shown);
}

/* Completion in periods: both labels and B - A in periods. */
static void add_completion_periods(struct termtext_table *t, const struct plandiff *pd)
{
	int ca = pd->a->completion_year ? pd->a->completion_period : 0;
	int cb = pd->b->completion_year ? pd->b->completion_period : 0;
	char buf[64];
	plan_read_period_label(pd->per_year, ca, buf, sizeof(buf));
	termtext_table_add(t, ca ? buf : "none");
	plan_read_period_label(pd->per_year, cb, buf, sizeof(buf));
	termtext_table_add(t, cb ? buf : "none");
	buf[0] = '\0';
	if (ca && cb && ca != cb)
		snprintf(buf, sizeof(buf), "%+d %s", cb - ca,
			 plan_read_period_noun(pd->per_year, abs(cb - ca) != 1));
	else if (ca && cb)
		snprintf(buf, sizeof(buf), "0");
	termtext_table_add(t, buf);
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
	if (pd->per_year > 1) {
		termtext_table_add(&t, "completion");
		add_completion_periods(&t, pd);
	} else {
		termtext_table_add(&t, "completion year");
		add_figures(&t, a->completion_year ? a->completion_year : NAN,
			    b->completion_year ? b->completion_year : NAN, FIG_YEARS,
			    "none");
	}
	termtext_table_print(&t, f);
	free(cur);
}

static void print_years(const struct plandiff *pd, FILE *f)
{
	struct termtext_table t;
	termtext_table_init(&t, "lrrrrrr", 0);
	bool periods = pd->per_year > 1;
	if (periods)
		fputs("\nper period (HR share = HR units left over all units; a year's "
		      "row:\nits periods' spend in total, its HR share at its end):\n",
		      f);
	else
		fputs("\nper year (HR share = HR units left over all units):\n", f);
	static const char *const head[] = {"year",   "spend A",    "spend B",
					   "change", "HR share A", "HR share B",
					   "change"};
	for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		termtext_table_add(&t, i == 0 && periods ? "period" : head[i]);
	for (size_t i = 0; i < pd->n_years; i++) {
		const struct plandiff_year *y = &pd->years[i];
		char buf[32];
		if (periods && !y->year_total)
			plan_read_period_label(pd->per_year, y->period, buf, sizeof(buf));
		else
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
	print_moves(pd, f);
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
