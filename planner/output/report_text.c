#include "output/report.h"
#include "output/report_overrides.h"

#include "output/report_history.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output/report_funds.h"
#include "util/money.h"
#include "util/num.h"
#include "util/period.h"
#include "util/termtext.h"
#include "util/xalloc.h"

static void format_share(char *buf, size_t size, double share, int decimals)
{
	snprintf(buf, size, "%.*f%%", decimals, share * 100);
}

static void print_objectives(const struct plan *p, FILE *f)
{
	char *cur = termtext_dup(p->scenario->currency);
	char e[64], pc[64], nc[64], b[64], g[64] = "";
	num_format_quantity(e, sizeof(e), p->exposure);
	num_format_money(pc, sizeof(pc), p->present_cost);
	num_format_money(nc, sizeof(nc), p->nominal_cost);
	bool has_bound = isfinite(p->bound);
	/* A plan the solver searched for but could not bound. */
	bool searched = p->status == PLAN_FEASIBLE && isfinite(p->solve_seconds);
	if (isfinite(p->gap))
		snprintf(g, sizeof(g), ", gap %.2f%%", p->gap * 100);

	if (p->objective == OBJECTIVE_COST) {
		fputs("objective: least present cost, then least exposure\n", f);
		fprintf(f, "cost: %s %s present value", cur, pc);
		if (has_bound) {
			num_format_money(b, sizeof(b), p->bound);
			fprintf(f, " (bound %s %s%s)", cur, b, g);
		} else if (searched) {
			fputs(" (no bound yet)", f);
		}
		fprintf(f, ", %s %s nominal\n", cur, nc);
		fprintf(f, "exposure: E = %s weighted unit-years\n", e);
	} else if (p->objective == OBJECTIVE_OWN_COST) {
		char own[64];
		num_format_money(own, sizeof(own), p->own_present_cost);
		fputs("objective: least present cost of own money, then least exposure\n",
		      f);
		fprintf(f, "own money: %s %s present value", cur, own);
		if (has_bound) {
			num_format_money(b, sizeof(b), p->bound);
			fprintf(f, " (bound %s %s%s)", cur, b, g);
		} else if (searched) {
			fputs(" (no bound yet)", f);
		}
		fputc('\n', f);
		fprintf(f, "cost: %s %s present value, %s %s nominal\n", cur, pc, cur,
			nc);
		fprintf(f, "exposure: E = %s weighted unit-years\n", e);
	} else {
		fputs("objective: least exposure, then least present cost\n", f);
		fprintf(f, "exposure: E = %s weighted unit-years", e);
		if (has_bound) {
			num_format_quantity(b, sizeof(b), p->bound);
			fprintf(f, " (bound %s%s)", b, g);
		} else if (searched) {
			fputs(" (no bound yet)", f);
		}
		fputc('\n', f);
		fprintf(f, "cost: %s %s present value, %s %s nominal\n", cur, pc, cur,
			nc);
	}
	if (p->allow_late) {
		num_format_quantity(b, sizeof(b), p->violation);
		fprintf(f,
			"violation: V = %s (units times years late, plus units above "
			"caps)\n",
			b);
	}
	if (!isnan(p->heuristic_exposure)) {
		char h[64];
		num_format_quantity(h, sizeof(h), p->heuristic_exposure);
		fprintf(f, "a simple rule gets E = %s, the optimiser gets E = %s\n", h,
			e);
	}
	free(cur);
}

/* "stopped by the time limit after 60 s: gap 2.0%": why a search ended
 * before its proof. */
static void print_stop(const struct plan *p, FILE *f)
{
	const char *why = NULL;
	switch (p->stopped_by) {
	case PLAN_STOP_NONE:
		return;
	case PLAN_STOP_TIME_LIMIT:
		why = "the time limit";
		break;
	case PLAN_STOP_GAP:
		why = "the gap limit";
		break;
	case PLAN_STOP_INTERRUPT:
		why = "an interrupt";
		break;
	}
	fprintf(f, "stopped by %s", why);
	if (isfinite(p->solve_seconds))
		fprintf(f, " after %.0f s", p->solve_seconds);
	if (p->status == PLAN_FEASIBLE) {
		if (isfinite(p->gap))
			fprintf(f, ": gap %.2f%%", p->gap * 100);
		else
			fputs(": no bound yet", f);
	}
	fputc('\n', f);
}

static void print_solve(const struct plan *p, FILE *f)
{
	print_stop(p, f);
	if (!isfinite(p->solve_seconds) && p->model_rows == 0)
		return;
	if (isfinite(p->solve_seconds))
		fprintf(f, "solve time: %.1f s", p->solve_seconds);
	if (p->model_rows > 0)
		fprintf(f, "%smodel: %d rows, %d columns (%d integer)",
			isfinite(p->solve_seconds) ? "; " : "", p->model_rows,
			p->model_cols, p->model_int_cols);
	fputc('\n', f);
}

/* Money in the table is short ("1.23m") and from the reported cents
 * (plan.h), as in timeline.csv; the headline figures above give the
 * exact totals. An unlimited year's budget is "unlimited". */
static void add_money(struct termtext_table *t, bool limited, int64_t cents)
{
	char buf[64];
	if (limited)
		num_format_short(buf, sizeof(buf), money_value(cents));
	else
		snprintf(buf, sizeof(buf), "unlimited");
	termtext_table_add(t, buf);
}

static void add_int(struct termtext_table *t, int64_t value)
{
	char buf[64];
	num_format_quantity(buf, sizeof(buf), (double)value);
	termtext_table_add(t, buf);
}

static void add_shares(struct termtext_table *t, const struct plan_year *y,
		       const uint32_t *order, uint32_t n_dom)
{
	char buf[64];
	add_int(t, y->hr_units_remaining);
	format_share(buf, sizeof(buf), y->hr_share, 1);
	termtext_table_add(t, buf);
	for (uint32_t d = 0; d < n_dom; d++) {
		format_share(buf, sizeof(buf), y->hr_share_domain[order[d]], 1);
		termtext_table_add(t, buf);
	}
}

/*
 * A year's subtotal after its periods, when they are finer than a year
 * (cli-and-outputs-2.md): the year's own budget and money (budget plus
 * carry-over), the sums of the period rows' spend, sites, units and
 * exposure (the year's term of E), and the stocks (HR left and shares) at
 * the year's end, its last period's. Money is the sum of the printed
 * periods' cents, so the column adds up.
 */
static void add_year_total(struct termtext_table *t, const struct plan *p, int yi,
			   const uint32_t *order, uint32_t n_dom)
{
	const struct scenario *s = p->scenario;
	int ppy = s->periods_per_year;
	char buf[64];
	snprintf(buf, sizeof(buf), "%d total", s->start + yi);
	termtext_table_add(t, buf);
	const struct plan_year_money *ym = &p->year_money[yi];
	bool limited = isfinite(ym->budget);
	add_money(t, limited, ym->budget_cents);
	add_money(t, limited, ym->available_cents);
	int64_t spend = 0, sites = 0, units = 0;
	double exposure = 0;
	for (int k = yi * ppy; k < (yi + 1) * ppy; k++) {
		const struct plan_year *y = &p->years[k];
		spend = money_add(spend, y->spend_cents);
		sites += y->sites_swapped;
		units += y->units_swapped;
		exposure += y->exposure;
	}
	add_money(t, true, spend);
	add_int(t, sites);
	add_int(t, units);
	add_shares(t, &p->years[(yi + 1) * ppy - 1], order, n_dom);
	num_format_quantity(buf, sizeof(buf), exposure);
	termtext_table_add(t, buf);
}

/*
 * The timeline: one row per period. 'available' is shown with carry_over,
 * where it differs from the budget, and with periods finer than a year,
 * where the budget column holds only the period keys (blank for a period
 * without one) and 'available' what the year has left for the period.
 * Per-domain shares follow the overall share, domains in bytewise order
 * as in timeline.csv. With finer periods each year ends with its subtotal.
 */
static void print_timeline(const struct plan *p, FILE *f)
{
	const struct scenario *s = p->scenario;
	uint32_t n_dom = s->domains.count;
	uint32_t *order = report_domain_order(s);
	bool finer = s->periods_per_year > 1;
	bool show_available = s->carry_over || finer;

	size_t n_cols = 8 + (show_available ? 1 : 0) + n_dom;
	char *align = xmalloc(n_cols + 1);
	memset(align, 'r', n_cols);
	align[0] = 'l';
	align[n_cols] = '\0';
	struct termtext_table t;
	termtext_table_init(&t, align, 0);
	termtext_table_add(&t, finer ? "period" : "year");
	termtext_table_add(&t, "budget");
	if (show_available)
		termtext_table_add(&t, "available");
	termtext_table_add(&t, "spend");
	termtext_table_add(&t, "sites");
	termtext_table_add(&t, "units");
	termtext_table_add(&t, "HR left");
	termtext_table_add(&t, "HR share");
	for (uint32_t d = 0; d < n_dom; d++)
		termtext_table_add(&t, s->domains.names[order[d]]);
	termtext_table_add(&t, "exposure");

	char buf[64];
	for (size_t yi = 0; yi < p->n_years; yi++) {
		const struct plan_year *y = &p->years[yi];
		period_label(s->start, s->periods_per_year, y->period, buf, sizeof(buf));
		if (p->replan && y->period < s->replan_p)
			strcat(buf, " *"); /* history (report_history.c) */
		termtext_table_add(&t, buf);
		bool limited = isfinite(y->budget);
		if (finer && !limited)
			termtext_table_add(&t, "");
		else
			add_money(&t, limited, y->budget_cents);
		if (show_available)
			add_money(&t, finer ? isfinite(y->available) : limited,
				  y->available_cents);
		add_money(&t, true, y->spend_cents);
		add_int(&t, y->sites_swapped);
		add_int(&t, y->units_swapped);
		add_shares(&t, y, order, n_dom);
		num_format_quantity(buf, sizeof(buf), y->exposure);
		termtext_table_add(&t, buf);
		if (finer && p->year_money && (int)(yi + 1) % s->periods_per_year == 0)
			add_year_total(&t, p, (int)yi / s->periods_per_year, order,
				       n_dom);
	}

	fputs("\ntimeline (money in ", f);
	termtext_put(f, s->currency);
	fputs("; HR share = HR units left over all units", f);
	if (finer)
		fputs("; each year's total after its periods", f);
	fputs("):\n", f);
	termtext_table_print(&t, f);
	free(align);
	free(order);
}

/*
 * Where a rule's figure stands: the year, or with periods finer than a
 * year the period's label ("2025-Q2"; a deadline's binding end even when
 * it lies before the horizon). 'period' is the rule's period, 'year' its
 * year, as struct plan_rule has them.
 */
static void rule_when_text(const struct scenario *s, int period, int year, char *buf,
			   size_t size)
{
	if (s->periods_per_year > 1 && period >= 0 && period < s->n_periods)
		period_label(s->start, s->periods_per_year, period, buf, size);
	else
		snprintf(buf, size, "%d", year);
}

/* One line per rule, in its own terms (see struct plan_rule). */
static void print_rule(const struct plan *p, const struct plan_rule *r, FILE *f)
{
	const struct scenario *s = p->scenario;
	char v[64], l[64], when[16];
	fprintf(f, "  %s  ", r->holds ? "holds" : "fails");
	termtext_put(f, r->label);
	fputs(": ", f);
	switch (r->kind) {
	case RULE_DEADLINE:
	case RULE_COMPLETION:
		num_format_quantity(v, sizeof(v), r->value);
		if (r->past_horizon) {
			/* "at the end of 2030" would claim a figure for a year
			 * the plan does not reach. */
			fprintf(f,
				"%s HR units left at the end of %d, the horizon's end "
				"(%d is past it: the rule binds nothing inside it)",
				v, s->end, r->year);
			break;
		}
		if (r->site_deadlines) {
			/* One rule for many dates: no one period to name. */
			fprintf(f, "%s HR units left after their deadlines", v);
		} else {
			if (s->periods_per_year > 1 && r->has_bind_end)
				period_label(s->start, s->periods_per_year, r->bind_end,
					     when, sizeof(when));
			else
				rule_when_text(s, r->period, r->year, when, sizeof(when));
			fprintf(f, "%s HR units left at the end of %s", v, when);
		}
		if (r->sites_late > 0 || r->units_late > 0) {
			num_format_count(v, sizeof(v), (double)r->sites_late, "site",
					 "sites");
			num_format_count(l, sizeof(l), (double)r->units_late, "unit",
					 "units");
			fprintf(f, " (%s, %s late)", v, l);
		}
		break;
	case RULE_SHARE_CAP:
	case RULE_VENDOR_SHARE:
		format_share(v, sizeof(v), r->value, 2);
		format_share(l, sizeof(l), r->limit, 2);
		rule_when_text(s, r->period, r->year, when, sizeof(when));
		fprintf(f, "%s share %s in %s, limit %s",
			r->kind == RULE_SHARE_CAP ? "worst" : "largest", v, when, l);
		break;
	}
	if (r->broken_before_replan)
		fputs(" (broken before the re-plan)", f);
	fputc('\n', f);
}

/* The budget rows' duals, per million of the currency: what an extra
 * million would buy in each year, as the LP relaxation sees it. */
static void print_money_value(const struct plan *p, FILE *f)
{
	const struct scenario *s = p->scenario;
	bool any = false;
	for (int y = 0; y < s->n_years; y++)
		any |= isfinite(p->money_value[y]);
	if (!any)
		return;
	fputs("\nvalue of money (LP estimate): exposure removed per extra 1m ", f);
	termtext_put(f, s->currency);
	fputs(" in a year\n", f);
	for (int y = 0; y < s->n_years; y++) {
		fprintf(f, "  %d  ", s->start + y);
		if (p->replan && (y + 1) * s->periods_per_year <= s->replan_p)
			fputs("history (before the re-plan)\n", f);
		else if (!isfinite(p->money_value[y]))
			fputs("unlimited budget\n", f);
		else
			fprintf(f, "%.1f weighted unit-years\n", p->money_value[y] * 1e6);
	}
}

bool report_text_write(const struct plan *p, FILE *f)
{
	const struct scenario *s = p->scenario;
	bool has_plan = p->status == PLAN_OPTIMAL || p->status == PLAN_FEASIBLE;

	fputs("scenario: ", f);
	termtext_put(f, s->name);
	fputc('\n', f);
	report_overrides_text(s, f);
	fprintf(f, "status: %s\n", plan_status_name(p->status));
	if (has_plan)
		print_objectives(p, f);
	else if (p->status == PLAN_NO_PLAN)
		fputs("no plan found within the time limit\n", f);
	else
		fputs("the rules cannot all hold\n", f);
	if (has_plan && p->baseline_dir) {
		char n[64], m[64];
		num_format_quantity(n, sizeof(n), (double)p->sites_moved);
		num_format_quantity(m, sizeof(m), (double)p->sites_overdue);
		fprintf(f, "sites moved from the baseline: %s (%s of them overdue)\n", n,
			m);
	}
	print_solve(p, f);

	if (has_plan && p->years)
		print_timeline(p, f);
	if (has_plan)
		report_history_text(p, f); /* a re-plan only */

	if (p->n_rules > 0) {
		fputs("\nrules:\n", f);
		for (size_t i = 0; i < p->n_rules; i++)
			print_rule(p, &p->rules[i], f);
	}

	if (has_plan)
		report_funds_text(p, f);

	if (has_plan && p->money_value)
		print_money_value(p, f);

	if (has_plan) {
		if (p->completion_year) {
			char when[16];
			rule_when_text(s, p->completion_period, p->completion_year, when,
				       sizeof(when));
			fprintf(f, "\ncompletion: every HR site swapped by %s\n", when);
		} else {
			char u[64];
			num_format_quantity(u, sizeof(u), (double)p->hr_units_left);
			fprintf(f, "\nnot complete: %s HR units left at the end of %d\n",
				u, s->end);
		}
	}

	if (p->n_diagnosis > 0) {
		fputs("\ndiagnosis:\n", f);
		for (size_t i = 0; i < p->n_diagnosis; i++) {
			fputs("  ", f);
			termtext_put(f, p->diagnosis[i]);
			fputc('\n', f);
		}
	}
	return fflush(f) == 0 && !ferror(f);
}
