#include "output/report_check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/sites_csv.h"
#include "plan/rule_label.h"
#include "util/money.h"
#include "util/num.h"
#include "util/termtext.h"
#include "util/xalloc.h"

/* A count or quantity (num.h), or "unlimited". */
static void fmt_num(char *buf, size_t size, double v)
{
	if (isinf(v))
		snprintf(buf, size, "unlimited");
	else
		num_format_quantity(buf, size, v);
}

/* "GBP 1,250,000.00" (money.h), the currency in its safe form. */
static void fmt_cents(const struct scenario *s, char *buf, size_t size, int64_t cents)
{
	char *cur = termtext_dup(s->currency);
	money_format_text(buf, size, cur, cents);
	free(cur);
}

/* A money value rounded once (money.h), or "unlimited". */
static void fmt_money(const struct scenario *s, char *buf, size_t size, double v)
{
	if (isinf(v))
		snprintf(buf, size, "unlimited");
	else
		fmt_cents(s, buf, size, money_cents(v));
}

/* A share or rate as a percentage: 0.35 -> "35%", 0.035 -> "3.5%". */
static void fmt_percent(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%.4g%%", 100.0 * v);
}

/*
 * A per-year array in a few words: "200 units a year" when every year has
 * the same value, else its runs of equal years: "20 units in 2024, 40
 * units a year in 2025-2027". 'money' picks the money format; 'unit'
 * follows a number (" units"). Returns a heap string.
 */
static char *per_year(const struct scenario *s, const double *v, bool money,
		      const char *unit)
{
	char *out = xstrdup("");
	for (int i = 0; i < s->n_years;) {
		int j = i;
		while (j + 1 < s->n_years && v[j + 1] == v[i])
			j++;
		char a[64], years[48];
		if (money)
			fmt_money(s, a, sizeof(a), v[i]);
		else
			fmt_num(a, sizeof(a), v[i]);
		if (i == 0 && j == s->n_years - 1)
			years[0] = '\0';
		else if (i == j)
			snprintf(years, sizeof(years), " in %d", s->start + i);
		else
			snprintf(years, sizeof(years), " in %d-%d", s->start + i,
				 s->start + j);
		char *next;
		if (isinf(v[i]))
			next = xasprintf("%s%sunlimited%s", out, *out ? ", " : "", years);
		else
			next = xasprintf("%s%s%s%s%s%s", out, *out ? ", " : "", a, unit,
					 i == j && *years ? "" : " a year", years);
		free(out);
		out = next;
		i = j + 1;
	}
	return out;
}

static int compare_names(const void *pa, const void *pb)
{
	const char *const *a = pa, *const *b = pb;
	return strcmp(*a, *b);
}

/* Indices of a strmap's names in bytewise order. */
static uint32_t *sorted_indices(const struct strmap *m)
{
	const char **names = xmalloc((m->count + 1) * sizeof(*names));
	memcpy(names, m->names, m->count * sizeof(*names));
	qsort(names, m->count, sizeof(*names), compare_names);
	uint32_t *idx = xmalloc((m->count + 1) * sizeof(*idx));
	for (uint32_t i = 0; i < m->count; i++)
		idx[i] = (uint32_t)strmap_find(m, names[i]);
	free(names);
	return idx;
}

struct tally {
	int64_t sites, hr_sites, units, hr_units;
};

static void tally_row(struct termtext_table *t, const char *name, const struct tally *x)
{
	char buf[64];
	termtext_table_add(t, name);
	num_format_quantity(buf, sizeof(buf), (double)x->sites);
	termtext_table_add(t, buf);
	num_format_quantity(buf, sizeof(buf), (double)x->hr_sites);
	termtext_table_add(t, buf);
	num_format_quantity(buf, sizeof(buf), (double)x->units);
	termtext_table_add(t, buf);
	num_format_quantity(buf, sizeof(buf), (double)x->hr_units);
	termtext_table_add(t, buf);
	if (x->units > 0)
		snprintf(buf, sizeof(buf), "%.1f%%",
			 100.0 * (double)x->hr_units / (double)x->units);
	else
		snprintf(buf, sizeof(buf), "-");
	termtext_table_add(t, buf);
}

/*
 * Sites, HR sites, units and HR units by domain (by_region false) or by
 * region, names in bytewise order, then the total row.
 */
static void print_tally(const struct scenario *s, bool by_region, FILE *f)
{
	const struct strmap *m = by_region ? &s->regions : &s->domains;
	struct tally *x = xcalloc(m->count + 1, sizeof(*x));
	struct tally all = {0};
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		struct tally *t = &x[by_region ? site->region : site->domain];
		bool hr = scenario_site_is_high_risk(s, site);
		t->sites++;
		t->units += site->units;
		t->hr_sites += hr;
		t->hr_units += hr ? site->units : 0;
		all.sites++;
		all.units += site->units;
		all.hr_sites += hr;
		all.hr_units += hr ? site->units : 0;
	}
	struct termtext_table t;
	termtext_table_init(&t, "lrrrrr", 2);
	termtext_table_add(&t, by_region ? "region" : "domain");
	termtext_table_add(&t, "sites");
	termtext_table_add(&t, "HR sites");
	termtext_table_add(&t, "units");
	termtext_table_add(&t, "HR units");
	termtext_table_add(&t, "HR share");
	uint32_t *idx = sorted_indices(m);
	for (uint32_t i = 0; i < m->count; i++)
		tally_row(&t, m->names[idx[i]], &x[idx[i]]);
	tally_row(&t, "all", &all);
	termtext_table_print(&t, f);
	free(idx);
	free(x);
}

static void print_vendors(const struct scenario *s, FILE *f)
{
	fputs("High-risk vendors:", f);
	for (size_t i = 0; i < s->n_high_risk_vendors; i++) {
		fputs(i ? ", " : " ", f);
		termtext_put(f, s->high_risk_vendors[i]);
	}
	fputs("\nTrusted vendors:\n", f);
	for (size_t v = 0; v < s->n_vendors; v++) {
		const struct trusted_vendor *tv = &s->vendors[v];
		fputs("  ", f);
		termtext_put(f, tv->name);
		fputs(": unit cost", f);
		for (size_t k = 0; k < tv->n_unit_cost; k++) {
			char a[64];
			fmt_money(s, a, sizeof(a), tv->unit_cost[k].value);
			fputs(k ? ", " : " ", f);
			termtext_put(f, tv->unit_cost[k].domain);
			fprintf(f, " %s", a);
		}
		char *cap = per_year(s, tv->capacity, false, " units");
		fprintf(f, "; capacity %s\n", cap);
		free(cap);
	}
	if (s->n_site_cost) {
		fputs("Site costs:", f);
		for (size_t k = 0; k < s->n_site_cost; k++) {
			char a[64];
			fmt_money(s, a, sizeof(a), s->site_cost[k].value);
			fputs(k ? ", " : " ", f);
			termtext_put(f, s->site_cost[k].domain);
			fprintf(f, " %s", a);
		}
		putc('\n', f);
	}
}

static void print_money(const struct scenario *s, FILE *f)
{
	/* The total is the sum of the years as they are shown (money.h). */
	int64_t total = 0;
	bool any_limited = false, any_unlimited = false;
	for (int i = 0; i < s->n_years; i++) {
		if (isinf(s->budget[i])) {
			any_unlimited = true;
		} else {
			any_limited = true;
			total += money_cents(s->budget[i]);
		}
	}
	char a[64];
	fmt_cents(s, a, sizeof(a), total);
	char *years = per_year(s, s->budget, true, "");
	if (!any_limited)
		fputs("Budget: unlimited\n", f);
	else if (!any_unlimited)
		fprintf(f, "Budget: %s in total over %d-%d (%s)\n", a, s->start, s->end,
			years);
	else
		fprintf(f, "Budget: %s in total over the limited years (%s)\n", a, years);
	free(years);
	fprintf(f, "Carry-over: %s\n",
		s->carry_over ? "yes, unspent budget rolls forward"
			      : "no, each year's budget is its own");
	fmt_percent(a, sizeof(a), s->discount_rate);
	fprintf(f, "Discount rate: %s a year\n", a);
	fmt_percent(a, sizeof(a), s->cost_escalation);
	fprintf(f, "Cost escalation: %s a year\n", a);
}

static void print_line_ref(unsigned line, FILE *f)
{
	if (line)
		fprintf(f, " (line %u)", line);
	putc('\n', f);
}

/* A rule as every report names it (rule_label.h), then its line. */
static void print_label(char *label, unsigned line, FILE *f)
{
	fputs("  ", f);
	termtext_put(f, label);
	print_line_ref(line, f);
	free(label);
}

static void print_rules(const struct scenario *s, FILE *f)
{
	fputs("Rules:\n", f);
	if (s->objective == OBJECTIVE_COST)
		fputs("  objective: cost (least present cost with every high-risk site "
		      "swapped by the end, then least exposure)\n",
		      f);
	else if (s->objective == OBJECTIVE_OWN_COST)
		fputs("  objective: own_cost (least present value of the operator's own "
		      "spend with every high-risk site swapped by the end, then least "
		      "exposure)\n",
		      f);
	else
		fputs("  objective: exposure (least high-risk unit-years weighted by "
		      "criticality, then least present cost)\n",
		      f);
	if (scenario_completes(s))
		print_label(rule_label_completion(s->end), 0, f);
	for (size_t i = 0; i < s->n_deadlines; i++)
		print_label(rule_label_deadline(&s->deadlines[i]), s->deadlines[i].line,
			    f);
	for (size_t i = 0; i < s->n_caps; i++)
		print_label(rule_label_cap(&s->caps[i]), s->caps[i].line, f);
	if (!isnan(s->vendor_share_all))
		print_label(rule_label_vendor_share(NULL, NULL, s->vendor_share_all), 0,
			    f);
	for (size_t i = 0; i < s->n_vendor_share; i++)
		print_label(rule_label_vendor_share(NULL, s->vendor_share[i].domain,
						    s->vendor_share[i].value),
			    s->vendor_share[i].line, f);
	for (size_t i = 0; i < s->n_crews_regions; i++) {
		char *c = per_year(s, s->crews_regions[i].per_year, false, " sites");
		fputs("  crews in region ", f);
		termtext_put(f, s->crews_regions[i].region);
		fprintf(f, ": %s", c);
		print_line_ref(s->crews_regions[i].line, f);
		free(c);
	}
	/* Regions with no entry of their own use the default, unlimited when
	 * crews are absent. */
	if (s->crews_default || !s->n_crews_regions) {
		char *c = s->crews_default
				  ? per_year(s, s->crews_default, false, " sites")
				  : xstrdup("unlimited");
		fprintf(f, "  crews in %s: %s\n",
			s->n_crews_regions ? "every other region" : "each region", c);
		free(c);
	}
}

/*
 * The programme in flight (version 2): where the re-plan starts, the
 * ledger's swaps done and committed with their cost, and each fund's
 * money. What these facts break is in the findings (replan_check.h).
 */
static void print_programme(const struct scenario *s, FILE *f)
{
	int ppy = s->periods_per_year;
	char a[64], b[64], when[16], last[16], day[16];
	fputs("Programme in flight:\n", f);
	if (s->has_replan_from) {
		period_label(s->start, ppy, s->replan_p, when, sizeof(when));
		date_format_long(s->replan_from, day, sizeof(day));
		if (s->replan_p > 0) {
			period_label(s->start, ppy, s->replan_p - 1, last, sizeof(last));
			period_label(s->start, ppy, 0, a, sizeof(a));
			fprintf(f, "  re-plan from %s (%s): %s to %s are history", when,
				day, a, last);
		} else {
			fprintf(f,
				"  re-plan from %s (%s): the horizon's first day, so no "
				"history",
				when, day);
		}
		print_line_ref(s->replan_at.line, f);
	}
	if (s->fixed_path) {
		double cost[2] = {0, 0};
		size_t n[2] = {0, 0};
		for (size_t i = 0; i < s->n_fixed; i++) {
			int k = s->fixed[i].done ? 0 : 1;
			n[k]++;
			cost[k] += ledger_row_cost(s, &s->fixed[i]);
		}
		money_format_text(a, sizeof(a), s->currency, money_cents(cost[0]));
		money_format_text(b, sizeof(b), s->currency, money_cents(cost[1]));
		fputs("  ledger ", f);
		termtext_put(f, s->fixed_path);
		fprintf(f, ": %zu %s done (%s), %zu committed (%s)", n[0],
			n[0] == 1 ? "swap" : "swaps", a, n[1], b);
		print_line_ref(s->fixed_at.line, f);
	}
	for (size_t i = 0; i < s->n_funds; i++) {
		const struct fund *fd = &s->funds[i];
		double total = 0;
		for (size_t k = 0; k < fd->n_disbursements; k++)
			total += fd->disbursements[k].amount;
		money_format_text(a, sizeof(a), s->currency, money_cents(total));
		fputs("  fund ", f);
		termtext_put(f, fd->name);
		fprintf(f, ": %s in %zu %s from ", a, fd->n_disbursements,
			fd->n_disbursements == 1 ? "disbursement" : "disbursements");
		date_format_long(fd->disbursements[0].date, day, sizeof(day));
		fputs(day, f);
		fputs(", for ", f);
		if (!fd->n_domains)
			fputs("every domain", f);
		for (size_t k = 0; k < fd->n_domains; k++) {
			fputs(k ? "+" : "", f);
			termtext_put(f, fd->domain_names[k]);
		}
		if (fd->share < 1)
			fprintf(f, ", at most %.15g%% of each swap", fd->share * 100);
		print_line_ref(fd->line, f);
	}
	if (s->funds_at.line && !s->n_funds)
		fputs("  funds: none\n", f);
}

static void print_units(const struct instance *in, FILE *f)
{
	int64_t units = 0, clusters = 0, cluster_sites = 0;
	for (size_t g = 0; g < in->n_groups; g++) {
		units += in->groups[g].multiplicity;
		if (in->groups[g].cluster) {
			clusters++;
			cluster_sites += in->groups[g].sites;
		}
	}
	char all[48], single[48], cl[48], held[48];
	num_format_quantity(all, sizeof(all), (double)units);
	if (!clusters) {
		fprintf(f, "Swap units: %s, each a single site\n", all);
		return;
	}
	num_format_count(single, sizeof(single), (double)(units - clusters),
			 "single site", "single sites");
	num_format_count(cl, sizeof(cl), (double)clusters, "cluster", "clusters");
	num_format_count(held, sizeof(held), (double)cluster_sites, "site", "sites");
	fprintf(f, "Swap units: %s (%s, %s holding %s)\n", all, single, cl, held);
}

static void print_findings(const struct precheck *pc, FILE *f)
{
	fputs("Findings:\n", f);
	if (!pc->count)
		fputs("  none\n", f);
	for (size_t i = 0; i < pc->count; i++) {
		const struct precheck_finding *x = &pc->findings[i];
		fprintf(f, "  %s: ", x->impossible ? "impossible" : "note");
		termtext_put(f, x->message);
		print_line_ref(x->json_line, f);
	}
	size_t notes = pc->count - pc->n_impossible;
	if (pc->n_impossible)
		fprintf(f, "Result: the rules cannot all hold (%zu impossible, %zu %s)\n",
			pc->n_impossible, notes, notes == 1 ? "note" : "notes");
	else
		fprintf(f, "Result: nothing impossible found (%zu %s)\n", notes,
			notes == 1 ? "note" : "notes");
}

void report_check_write(FILE *f, const struct scenario *s, const struct instance *in,
			const struct precheck *pc, bool quiet)
{
	if (quiet)
		goto findings;

	fputs("Scenario: ", f);
	termtext_put(f, s->name);
	for (size_t i = 0; i < s->n_overrides; i++) {
		fputs("\nOverride: ", f);
		termtext_put(f, s->overrides[i]);
	}
	if (s->description) {
		fputs("\nDescription: ", f);
		termtext_put(f, s->description);
	}
	fprintf(f, "\nHorizon: %d-%d (%d years)\n", s->start, s->end, s->n_years);
	fputs("Currency: ", f);
	termtext_put(f, s->currency);
	fputs("\nSites: ", f);
	termtext_put(f, s->sites_path);
	fputs("\n\n", f);
	print_tally(s, false, f);
	putc('\n', f);
	print_tally(s, true, f);
	putc('\n', f);
	print_units(in, f);
	if (s->n_extra_columns) {
		fputs("Ignored columns in sites.csv:", f);
		for (size_t i = 0; i < s->n_extra_columns; i++) {
			fputs(i ? ", " : " ", f);
			termtext_put(f, s->extra_columns[i]);
			if (sites_csv_is_version_2_column(s->extra_columns[i]))
				fputs(" (takes effect with " SCENARIO_FORMAT_2 ")", f);
		}
		putc('\n', f);
	}
	putc('\n', f);
	print_vendors(s, f);
	putc('\n', f);
	print_money(s, f);
	putc('\n', f);
	print_rules(s, f);
	putc('\n', f);
	if (s->has_replan_from || s->fixed_path || s->funds_at.line) {
		print_programme(s, f);
		putc('\n', f);
	}
findings:
	print_findings(pc, f);
}
