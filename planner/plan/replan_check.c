#include "plan/replan_check.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/site_rules.h"
#include "plan/history.h"
#include "plan/ledger_money.h"
#include "plan/rule_label.h"
#include "util/money.h"
#include "util/period.h"
#include "util/xalloc.h"

/* Sites a late-site finding names before "(and N more)". */
#define NAMED_SITES 3

struct ctx {
	const struct scenario *s;
	const struct history *h; /* the re-plan's broken rules; NULL none */
	int ppy, np;
	uint32_t *row_of; /* [n_sites] ledger row of each site, UINT32_MAX */
	struct precheck_finding **list;
	size_t *count, *alloc;
};

static void add(struct ctx *c, enum precheck_kind kind, bool impossible, unsigned line,
		double need, double have, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

static void add(struct ctx *c, enum precheck_kind kind, bool impossible, unsigned line,
		double need, double have, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	ARRAY_GROW(*c->list, *c->count, *c->alloc);
	(*c->list)[(*c->count)++] = (struct precheck_finding){
		.kind = kind,
		.impossible = impossible,
		.json_line = line,
		.need = need,
		.have = have,
		.message = msg,
	};
}

static bool exceeds(double need, double have)
{
	return need > have + 1e-6 + 1e-9 * fabs(have);
}

static void label(const struct ctx *c, int p, char *buf, size_t size)
{
	period_label(c->s->start, c->ppy, p, buf, size);
}

static void fmt_money(const struct ctx *c, char *buf, size_t size, double v)
{
	money_format_text(buf, size, c->s->currency, money_cents(v));
}

/* "site 'A' (line 2 of fixed.csv)": a ledger row in a finding. */
static void row_name(const struct ctx *c, const struct ledger_row *row, char *buf,
		     size_t size)
{
	snprintf(buf, size, "site '%s' (line %u of '%s')", row->site_id, row->line,
		 c->s->fixed_path);
}

static bool deadline_covers(const struct scenario *s, const struct deadline_rule *r,
			    const struct site *site)
{
	if (r->domain && strcmp(r->domain, s->domains.names[site->domain]) != 0)
		return false;
	return !r->region_name || r->region == site->region;
}

/*
 * Each row against the rules that bind one site: allowed vendors,
 * earliest, dependencies and every deadline covering it. A dependency on
 * a site outside the ledger is broken only by a done swap: a committed
 * one leaves the planner to swap that site no later (model-2.md rule 6).
 */
static void row_facts(struct ctx *c)
{
	const struct scenario *s = c->s;
	for (size_t i = 0; i < s->n_fixed; i++) {
		const struct ledger_row *row = &s->fixed[i];
		const struct site *site = &s->sites[row->site];
		char who[256], when[16], other[16];
		row_name(c, row, who, sizeof(who));
		label(c, row->p, when, sizeof(when));
		if (!scenario_vendor_allows(s, site, row->vendor))
			add(c, PRECHECK_LEDGER, false, 0, NAN, NAN,
			    "ledger: %s goes to '%s', which its allowed_vendors or "
			    "vendor_regions do not allow",
			    who, row->to_vendor);
		if (row->p < site->earliest_p) {
			label(c, site->earliest_p, other, sizeof(other));
			add(c, PRECHECK_LEDGER, false, 0, NAN, NAN,
			    "ledger: %s is swapped in %s, before its earliest period %s",
			    who, when, other);
		}
		if (row->p > site->deadline_p) {
			char d[16];
			date_format(site->deadline, d, sizeof(d));
			add(c, PRECHECK_LEDGER, false, 0, NAN, NAN,
			    "ledger: %s is swapped in %s, after its own deadline %s", who,
			    when, d);
		}
		for (size_t k = 0; k < s->n_deadlines; k++) {
			const struct deadline_rule *r = &s->deadlines[k];
			if (!deadline_covers(s, r, site) || row->p <= r->when.bind_p ||
			    r->when.bind_p >= c->np)
				continue;
			char *rule = rule_label_deadline(r);
			add(c, PRECHECK_LEDGER, false, r->line, NAN, NAN,
			    "ledger: %s is swapped in %s, after the deadline '%s'", who,
			    when, rule);
			free(rule);
		}
		for (uint32_t k = s->dep_start[row->site];
		     k < s->dep_start[row->site + 1]; k++) {
			uint32_t dep = s->dep_sites[k];
			if (!scenario_site_is_high_risk(s, &s->sites[dep]))
				continue;
			uint32_t dr = c->row_of[dep];
			if (dr != UINT32_MAX && s->fixed[dr].p > row->p) {
				label(c, s->fixed[dr].p, other, sizeof(other));
				add(c, PRECHECK_LEDGER, false, 0, NAN, NAN,
				    "ledger: %s is swapped in %s, before site '%s' it "
				    "depends on (in %s)",
				    who, when, s->sites[dep].id, other);
			} else if (dr == UINT32_MAX && row->done) {
				add(c, PRECHECK_LEDGER, false, 0, NAN, NAN,
				    "ledger: %s was swapped in %s, but site '%s' it "
				    "depends "
				    "on is not in the ledger (so not swapped by then)",
				    who, when, s->sites[dep].id);
			}
		}
	}
}

/*
 * The ledger's swaps against a year's or a period's capacity and crews.
 * 'kind' says which limit; 'limit_year' and 'limit_period' are the two
 * limits for group 'g' (a vendor or a region); 'amount' of each row is its
 * units or 1 (a site, for crews).
 */
static void resource_facts(struct ctx *c, const char *what, const char *name,
			   const double *year_limit, const double *period_limit,
			   bool (*in_group)(const struct scenario *,
					    const struct ledger_row *, const void *),
			   const void *group, bool sites, const char *unit)
{
	const struct scenario *s = c->s;
	double *per_p = xcalloc((size_t)c->np + 1, sizeof(double));
	for (size_t i = 0; i < s->n_fixed; i++) {
		const struct ledger_row *row = &s->fixed[i];
		if (in_group(s, row, group))
			per_p[row->p] += sites ? 1 : (double)s->sites[row->site].units;
	}
	for (int y = 0; y < s->n_years; y++) {
		double sum = 0;
		for (int p = y * c->ppy; p < (y + 1) * c->ppy; p++) {
			sum += per_p[p];
			if (c->ppy > 1 && exceeds(per_p[p], period_limit[p])) {
				char when[16];
				label(c, p, when, sizeof(when));
				add(c, PRECHECK_LEDGER, false, 0, per_p[p],
				    period_limit[p],
				    "ledger: swaps %s '%s' in %s take %.15g %s, above "
				    "its "
				    "%s %.15g for %s",
				    sites ? "in region" : "to", name, when, per_p[p],
				    unit, what, period_limit[p], when);
			}
		}
		if (exceeds(sum, year_limit[y]))
			add(c, PRECHECK_LEDGER, false, 0, sum, year_limit[y],
			    "ledger: swaps %s '%s' in %d take %.15g %s, above its %s "
			    "%.15g for %d",
			    sites ? "in region" : "to", name, s->start + y, sum, unit,
			    what, year_limit[y], s->start + y);
	}
	free(per_p);
}

static bool to_vendor(const struct scenario *s, const struct ledger_row *row,
		      const void *group)
{
	(void)s;
	return row->vendor == *(const uint32_t *)group;
}

static bool in_region(const struct scenario *s, const struct ledger_row *row,
		      const void *group)
{
	return s->sites[row->site].region == *(const uint32_t *)group;
}

/*
 * The ledger's own spend against the budget, year by year, with
 * carry-over as model-2.md counts it: what a year leaves (possibly a
 * deficit) moves to the next. Only the ledger spends here, so a year it
 * overspends is overspent whatever the planner adds. A committed row with
 * an empty funded cell counts what no fund can pay of it (the split the
 * model's budget rows give the fixed swaps alone, ledger_money_own()). A
 * year is named only where the ledger spends there, with the excess; a
 * deficit carried in is named as such, never as a negative "available".
 */
static void budget_facts(struct ctx *c)
{
	const struct scenario *s = c->s;
	double *per_p = xcalloc((size_t)c->np + 1, sizeof(double));
	ledger_money_own(s, s->replan_p, per_p);
	/* years holding a committed row with an empty funded cell */
	bool *split = xcalloc((size_t)s->n_years + 1, sizeof(bool));
	for (size_t i = 0; i < s->n_fixed; i++)
		if (s->n_funds && !s->fixed[i].done && !s->fixed[i].n_pay)
			split[s->fixed[i].p / c->ppy] = true;
	const char *split_note = " (committed rows with an empty funded cell "
				 "counted less what the funds can pay of them)";
	double carry = 0;
	for (int y = 0; y < s->n_years; y++) {
		double spend = 0;
		for (int p = y * c->ppy; p < (y + 1) * c->ppy; p++) {
			spend += per_p[p];
			if (c->ppy > 1 && exceeds(per_p[p], s->budget_period[p])) {
				char when[16], a[64], b[64], e[64];
				label(c, p, when, sizeof(when));
				fmt_money(c, a, sizeof(a), per_p[p]);
				fmt_money(c, b, sizeof(b), s->budget_period[p]);
				fmt_money(c, e, sizeof(e),
					  per_p[p] - s->budget_period[p]);
				add(c, PRECHECK_LEDGER, false, 0, per_p[p],
				    s->budget_period[p],
				    "ledger: own spend in %s is %s, %s above the budget "
				    "%s for %s",
				    when, a, e, b, when);
			}
		}
		double in = s->carry_over ? carry : 0;
		double available = s->budget[y] + in;
		if (spend > 1e-6 && exceeds(spend, available)) {
			char a[64], b[64], e[64], d[64], next[48] = "";
			fmt_money(c, a, sizeof(a), spend);
			fmt_money(c, e, sizeof(e), spend - available);
			if (s->carry_over && y + 1 < s->n_years &&
			    isfinite(s->budget[y + 1]))
				snprintf(next, sizeof(next),
					 "; the deficit carries into %d",
					 s->start + y + 1);
			if (in < 0) {
				fmt_money(c, b, sizeof(b), s->budget[y]);
				fmt_money(c, d, sizeof(d), -in);
				add(c, PRECHECK_LEDGER, false, 0, spend, available,
				    "ledger: own spend in %d is %s, %s above its budget "
				    "%s "
				    "less the deficit of %s carried from %d%s%s",
				    s->start + y, a, e, b, d, s->start + y - 1, next,
				    split[y] ? split_note : "");
			} else {
				fmt_money(c, b, sizeof(b), available);
				add(c, PRECHECK_LEDGER, false, 0, spend, available,
				    "ledger: own spend in %d is %s, %s above the %s "
				    "available%s%s%s",
				    s->start + y, a, e, b,
				    s->carry_over ? " (carry-over included)" : "", next,
				    split[y] ? split_note : "");
			}
		}
		carry = isfinite(available) ? available - spend : 0;
	}
	free(per_p);
	free(split);
}

/*
 * Fund payments in the ledger: above what the fund had disbursed by the
 * end of each period, for a swap the fund does not cover (its domains,
 * its paying periods), or above its share of the row's cost.
 */
static void fund_payment_facts(struct ctx *c)
{
	const struct scenario *s = c->s;
	for (size_t fi = 0; fi < s->n_funds; fi++) {
		const struct fund *f = &s->funds[fi];
		double *paid = xcalloc((size_t)c->np + 1, sizeof(double));
		for (size_t i = 0; i < s->n_fixed; i++) {
			const struct ledger_row *row = &s->fixed[i];
			for (uint32_t k = 0; k < row->n_pay; k++) {
				const struct ledger_payment *pay =
					&s->fixed_pays[row->pay_first + k];
				if (pay->fund != fi)
					continue;
				paid[row->p] += pay->amount;
				char who[256], when[16];
				row_name(c, row, who, sizeof(who));
				label(c, row->p, when, sizeof(when));
				const struct site *site = &s->sites[row->site];
				double cost = ledger_row_cost(s, row);
				if (!scenario_fund_covers(f, site->domain))
					add(c, PRECHECK_LEDGER, false, f->line, NAN, NAN,
					    "ledger: '%s' pays for %s, whose domain '%s' "
					    "it "
					    "does not cover",
					    f->name, who, s->domains.names[site->domain]);
				else if (row->p < f->first_p || row->p > f->final_p)
					add(c, PRECHECK_LEDGER, false, f->line, NAN, NAN,
					    "ledger: '%s' pays for %s in %s, outside the "
					    "periods it pays for",
					    f->name, who, when);
				else if (money_cents(pay->amount) >
					 money_cents(f->share * cost))
					add(c, PRECHECK_LEDGER, false, f->line, NAN, NAN,
					    "ledger: '%s' pays more than its share "
					    "%.15g%% of "
					    "the cost of %s",
					    f->name, f->share * 100, who);
			}
		}
		double sum = 0, disbursed = 0;
		size_t next = 0;
		for (int p = 0; p < c->np; p++) {
			while (next < f->n_disbursements && f->disbursements[next].p <= p)
				disbursed += f->disbursements[next++].amount;
			sum += paid[p];
			if (paid[p] > 0 && money_cents(sum) > money_cents(disbursed)) {
				char when[16], a[64], b[64];
				label(c, p, when, sizeof(when));
				fmt_money(c, a, sizeof(a), sum);
				fmt_money(c, b, sizeof(b), disbursed);
				add(c, PRECHECK_LEDGER, false, f->line, sum, disbursed,
				    "ledger: '%s' pays %s by the end of %s, above the %s "
				    "it "
				    "had disbursed by then",
				    f->name, a, when, b);
			}
		}
		free(paid);
	}
}

/* The late sites of one deadline: "3 sites (7 units): A, B, C (and 2 more)". */
struct late {
	size_t sites;
	double units;
	char names[256];
	size_t named;
};

static void late_add(struct late *l, const struct site *site)
{
	l->sites++;
	l->units += (double)site->units;
	if (l->named < NAMED_SITES) {
		size_t n = strlen(l->names);
		snprintf(l->names + n, sizeof(l->names) - n, "%s'%s'", n ? ", " : "",
			 site->id);
		l->named++;
	}
}

static void late_text(const struct late *l, char *buf, size_t size)
{
	char more[48] = "";
	if (l->sites > l->named)
		snprintf(more, sizeof(more), " (and %zu more)", l->sites - l->named);
	snprintf(buf, size, "%zu %s (%.15g %s): %s%s", l->sites,
		 l->sites == 1 ? "site" : "sites", l->units,
		 l->units == 1 ? "unit" : "units", l->names, more);
}

/* 'b' the rule's binding end, before the horizon too (period_binding_end()
 * of its date, where the scenario's bind_p is -1). */
static void report_broken(struct ctx *c, const char *rule, int b, unsigned line,
			  const struct late *l)
{
	char end[16], text[400];
	label(c, b, end, sizeof(end));
	late_text(l, text, sizeof(text));
	add(c, PRECHECK_BROKEN, false, line, NAN, NAN,
	    "broken before the re-plan: %s (binding at the end of %s): %s late", rule,
	    end, text);
}

/*
 * Deadlines of every kind that history or a committed swap already
 * breaks (model-2.md, "Rules already broken when re-planning"), as
 * plan/history.c finds them, with their late sites
 * (history_late_for()). A binding end before the horizon's first period
 * end is among them when broken (every site it covers is late, none
 * going before the horizon); one not broken is the pre-check's,
 * impossible.
 */
static void broken_deadlines(struct ctx *c)
{
	const struct scenario *s = c->s;
	for (size_t k = 0; k < s->n_deadlines; k++) {
		if (!c->h->deadline_broken[k])
			continue;
		const struct deadline_rule *r = &s->deadlines[k];
		int b = r->when.bind_p;
		struct late l = {0};
		for (size_t i = 0; i < s->n_sites; i++)
			if (scenario_site_is_high_risk(s, &s->sites[i]) &&
			    deadline_covers(s, r, &s->sites[i]) &&
			    (b < 0 || history_late_for(c->h, i, b)))
				late_add(&l, &s->sites[i]);
		char *rule = rule_label_deadline(r);
		if (b < 0)
			b = period_binding_end(s->start, c->ppy, r->when.date);
		report_broken(c, rule, b, r->line, &l);
		free(rule);
	}
	/* The sites' own deadlines: one rule, binding where each site says. */
	struct late l = {0};
	for (size_t i = 0; i < s->n_sites; i++)
		if (c->h->own_broken[i])
			late_add(&l, &s->sites[i]);
	if (l.sites) {
		char *rule = rule_label_site_deadlines();
		char text[400];
		late_text(&l, text, sizeof(text));
		add(c, PRECHECK_BROKEN, false, 0, NAN, NAN,
		    "broken before the re-plan: %s: %s late", rule, text);
		free(rule);
	}
}

/* Whether 'site' counts at the end of period p (growth: in_service_p). */
static bool in_service(const struct site *site, int p)
{
	return site->in_service_p <= p;
}

/* Whether HR site i is still unswapped at the end of period p by the
 * ledger alone. */
static bool unswapped_at(const struct ctx *c, size_t i, int p)
{
	uint32_t r = c->row_of[i];
	return r == UINT32_MAX || c->s->fixed[r].p > p;
}

/*
 * Share caps that history breaks: a cap holds at every period end from
 * its binding end on (from the horizon's first when it binds before
 * it), and before replan_from only the ledger's done swaps change the
 * high-risk count. The first period end above the cap is reported.
 */
static void broken_caps(struct ctx *c)
{
	const struct scenario *s = c->s;
	for (size_t k = 0; k < s->n_caps; k++) {
		const struct share_cap_rule *cap = &s->caps[k];
		int from = cap->when.bind_p < 0 ? 0 : cap->when.bind_p;
		for (int p = from; p < s->replan_p && p < c->np; p++) {
			double hr = 0, all = 0;
			for (size_t i = 0; i < s->n_sites; i++) {
				const struct site *site = &s->sites[i];
				if (!scenario_cap_covers(s, cap, site->domain,
							 site->region) ||
				    !in_service(site, p) || site->units <= 0)
					continue;
				double n = cap->measure == CAP_SITES
						   ? 1
						   : (double)site->units;
				all += n;
				if (scenario_site_is_high_risk(s, site) &&
				    unswapped_at(c, i, p))
					hr += n;
			}
			if (all <= 0 || !exceeds(hr, cap->max_share * all))
				continue;
			char *rule = rule_label_cap(cap);
			char end[16];
			label(c, p, end, sizeof(end));
			const char *unit = cap->measure == CAP_SITES ? "sites" : "units";
			add(c, PRECHECK_BROKEN, false, cap->line, hr,
			    cap->max_share * all,
			    "broken before the re-plan: %s: at the end of %s the "
			    "high-risk "
			    "share is %.1f%% (%.15g of %.15g %s), above %.15g%%",
			    rule, end, 100 * hr / all, hr, all, unit,
			    100 * cap->max_share);
			free(rule);
			break;
		}
	}
}

/*
 * max_vendor_share against the ledger: a trusted vendor that the
 * ledger's swaps put above its limit in a domain at some period end
 * (its units there, installed or swapped to it, over the domain's units
 * in service). model-2.md rule 5 then keeps the planner from adding to
 * it while it stays above; the first such period end is reported.
 */
static void vendor_share_facts(struct ctx *c)
{
	const struct scenario *s = c->s;
	for (uint32_t d = 0; d < s->domains.count; d++) {
		double limit = scenario_vendor_share_limit(s, s->domains.names[d]);
		if (isnan(limit))
			continue;
		for (size_t v = 0; v < s->n_vendors; v++) {
			int first = c->np;
			for (size_t i = 0; i < s->n_fixed; i++)
				if (s->fixed[i].vendor == v &&
				    s->sites[s->fixed[i].site].domain == d &&
				    s->fixed[i].p < first)
					first = s->fixed[i].p;
			for (int p = first; p < c->np; p++) {
				double mine = 0, all = 0;
				for (size_t i = 0; i < s->n_sites; i++) {
					const struct site *site = &s->sites[i];
					if (site->domain != d || !in_service(site, p))
						continue;
					double u = (double)site->units;
					all += u;
					uint32_t r = c->row_of[i];
					if (r != UINT32_MAX && s->fixed[r].p <= p)
						mine += s->fixed[r].vendor == v ? u : 0;
					else if (strcmp(s->site_vendors
								.names[site->vendor],
							s->vendors[v].name) == 0)
						mine += u;
				}
				if (all <= 0 || !exceeds(mine, limit * all))
					continue;
				char end[16];
				label(c, p, end, sizeof(end));
				add(c, PRECHECK_LEDGER, false, 0, mine, limit * all,
				    "ledger: swaps to '%s' put it at %.1f%% of %s at the "
				    "end of "
				    "%s (%.15g of %.15g units), above max_vendor_share "
				    "%.15g%%",
				    s->vendors[v].name, 100 * mine / all,
				    s->domains.names[d], end, mine, all, 100 * limit);
				break;
			}
		}
	}
}

/*
 * The least cost of swapping 'site' in periods lo..hi to any vendor that
 * may take it; NAN when none may or the range is empty.
 */
static double least_cost(const struct ctx *c, const struct site *site, int lo, int hi)
{
	const struct scenario *s = c->s;
	double least = NAN;
	for (size_t v = 0; v < s->n_vendors; v++) {
		if (!site_rules_takes(s, site, v))
			continue;
		for (int p = lo; p <= hi; p++) {
			double cost = scenario_swap_cost(s, site, v, p);
			if (isnan(least) || cost < least)
				least = cost;
		}
	}
	return least;
}

/*
 * The most the planner can pay by the end of period b for the sites
 * outside the ledger: the own money the ledger leaves it in the years up
 * to b's (its own spend and the deficits that carry taken off) and what
 * every fund may still pay by b once the ledger's funded items are paid
 * (plan/ledger_money.h). Without a ledger: the budgets from replan_from's
 * year on, with what earlier years carry, and every fund's money by b.
 */
static double money_by(const struct ctx *c, const double *budget, int b)
{
	const struct scenario *s = c->s;
	double have = ledger_money_planner_own_by(s, budget, s->replan_p, b / c->ppy);
	for (size_t g = 0; g < s->n_funds; g++)
		have += ledger_money_room_by(s, g, b);
	return have;
}

/* Who pays money_by()'s money, in a finding. */
static const char *money_who(const struct ctx *c)
{
	return c->s->n_fixed ? "the own money the ledger leaves and every fund's "
			       "money the ledger has not used"
			     : "the own budget and every fund";
}

/* "final date 2024-07-15" and, for months, how it is reached. */
static void final_date_text(const struct fund *f, char *buf, size_t size, char *how,
			    size_t how_size)
{
	char d[16];
	date_format(f->final_date, d, sizeof(d));
	snprintf(buf, size, "final date %s", d);
	how[0] = '\0';
	if (f->deadline_kind != FUND_DEADLINE_MONTHS)
		return;
	int n = snprintf(how, how_size, " (%d %s after the first disbursement",
			 f->months_after_first,
			 f->months_after_first == 1 ? "month" : "months");
	if (f->max_extensions && n > 0 && (size_t)n < how_size)
		n += snprintf(how + n, how_size - (size_t)n, ", with %d %s of %d %s",
			      f->max_extensions,
			      f->max_extensions == 1 ? "extension" : "extensions",
			      f->extension_months,
			      f->extension_months == 1 ? "month" : "months");
	if (n > 0 && (size_t)n < how_size)
		snprintf(how + n, how_size - (size_t)n, ")");
}

/*
 * What fund f's eligible high-risk sites outside the ledger cost at
 * least when all are swapped by period b; INFINITY when one cannot be.
 */
static double need_by(const struct ctx *c, const struct fund *f, int b)
{
	const struct scenario *s = c->s;
	double need = 0;
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		if (!scenario_site_is_high_risk(s, site) ||
		    !scenario_fund_covers(f, site->domain) || c->row_of[i] != UINT32_MAX)
			continue;
		int lo = site->earliest_p > s->replan_p ? site->earliest_p : s->replan_p;
		double by_b = b < lo ? INFINITY : least_cost(c, site, lo, b);
		need += isnan(by_b) ? INFINITY : by_b;
	}
	return need;
}

/*
 * The least k for which money_by() at D_f(k)'s binding end b_k, with
 * each year's own 'budget', covers need_by() there: no plan swaps f's
 * eligible sites by b_j for j < k, so it needs at least k extensions.
 * With 'short0' and 'k0' (may be NULL): the shortfall at the first b_k
 * all sites can meet, NAN when none.
 */
static int extensions_least(const struct ctx *c, const struct fund *f,
			    const double *budget, double *short0, int *k0)
{
	if (short0)
		*short0 = NAN;
	int k;
	for (k = 0; k <= f->max_extensions; k++) {
		int b = f->ext_p[k];
		if (b >= c->np)
			break;
		double need = need_by(c, f, b), have = money_by(c, budget, b);
		if (!isfinite(have) || !exceeds(need, have))
			break;
		if (short0 && isnan(*short0) && isfinite(need)) {
			*short0 = need - have;
			*k0 = k;
		}
	}
	return k;
}

/*
 * The extensions a fund with extensions needs whatever the plan: with k
 * of them, its eligible high-risk sites outside the ledger must go by
 * D_f(k)'s binding end b_k, each at no less than its least cost by then,
 * and no plan pays more for them by b_k than the own money the ledger
 * leaves the planner in the years up to b_k's (its own spend and the
 * deficits that carry taken off, ledger_money_planner_own_by()) plus
 * what every fund may still pay by b_k once the ledger's funded items
 * are paid (ledger_money_room_by()). The least k for which that money
 * suffices is a lower bound on the extensions needed; with none, the
 * shortfall at b_0 is own money the carrier would need on top of its
 * budget.
 */
static void fund_extensions_needed(struct ctx *c, const struct fund *f)
{
	if (f->deadline_kind != FUND_DEADLINE_MONTHS || f->max_extensions < 1)
		return;
	double short0; /* the shortfall at the first D_f(k) all sites can meet */
	int k0 = 0;
	int k = extensions_least(c, f, c->s->budget, &short0, &k0);
	if (k == 0)
		return;
	char d[16], end[16], sh[64], end0[16], without[320] = "";
	date_format(scenario_fund_date(f, k), d, sizeof(d));
	label(c, f->ext_p[k - 1], end, sizeof(end));
	if (!isnan(short0)) {
		label(c, f->ext_p[k0], end0, sizeof(end0));
		fmt_money(c, sh, sizeof(sh), short0);
		snprintf(without, sizeof(without),
			 "; finishing with %d, by the end of %s%s, would take at least "
			 "%s of own money beyond the budget",
			 k0, end0,
			 k0 ? " (the first its sites' earliest periods allow)" : "", sh);
	}
	add(c, PRECHECK_FUND, false, f->line, NAN, NAN,
	    "fund '%s': at least %d of its %d extensions needed (to %s): with fewer, "
	    "its eligible high-risk sites cost more by the end of %s than %s can "
	    "pay by then%s",
	    f->name, k, f->max_extensions, d, end, money_who(c), without);
}

/*
 * One fund: its money against the cost of its eligible sites, its final
 * date, and whether its deadline with every extension can hold.
 *
 * The proof that it cannot: the eligible high-risk sites outside the
 * ledger must be swapped by the planner, in periods from replan_from to
 * the final date's binding end b, each at no less than its least cost
 * there. No plan pays more for them by then than money_by(b): the own
 * money the ledger's rows leave the planner up to b's year and what the
 * funds have left after the ledger's funded items.
 */
static void fund_findings(struct ctx *c, size_t fi)
{
	const struct scenario *s = c->s;
	const struct fund *f = &s->funds[fi];
	double disbursed = 0, ledger_cost = 0, planned_cost = 0, need = 0;
	size_t eligible = 0, to_swap = 0;
	struct late gone = {0}, unreach = {0};
	int b = f->final_p;
	bool any_zero = true;
	for (size_t k = 0; k < f->n_disbursements; k++) {
		disbursed += f->disbursements[k].amount;
		any_zero &= f->disbursements[k].amount == 0;
	}
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		if (!scenario_site_is_high_risk(s, site) ||
		    !scenario_fund_covers(f, site->domain))
			continue;
		eligible++;
		uint32_t r = c->row_of[i];
		if (r != UINT32_MAX) {
			ledger_cost += ledger_row_cost(s, &s->fixed[r]);
			if (f->has_final && b < c->np && s->fixed[r].p > b)
				late_add(&gone, site);
			continue;
		}
		int lo = site->earliest_p > s->replan_p ? site->earliest_p : s->replan_p;
		double cost = least_cost(c, site, lo, c->np - 1);
		if (!isnan(cost))
			planned_cost += cost;
		if (!f->has_final || b >= c->np)
			continue;
		if (b < s->replan_p || b < 0) {
			late_add(&gone, site);
			continue;
		}
		if (b < lo) {
			late_add(&unreach, site);
			continue;
		}
		to_swap++;
		double by_b = least_cost(c, site, lo, b);
		if (!isnan(by_b))
			need += by_b;
	}
	char money[64], cost[64], from_ledger[64], final[64], how[160], end[16];
	fmt_money(c, money, sizeof(money), disbursed);
	fmt_money(c, cost, sizeof(cost), ledger_cost + planned_cost);
	fmt_money(c, from_ledger, sizeof(from_ledger), ledger_cost);
	add(c, PRECHECK_FUND, false, f->line, ledger_cost + planned_cost, disbursed,
	    "fund '%s': %s disbursed, against at least %s for its %zu eligible "
	    "high-risk %s (%s of it in the ledger)",
	    f->name, money, cost, eligible, eligible == 1 ? "site" : "sites",
	    from_ledger);
	if (any_zero)
		add(c, PRECHECK_FUND, false, f->line, NAN, NAN,
		    "fund '%s': every disbursement is 0", f->name);
	if (!f->has_final) {
		add(c, PRECHECK_FUND, false, f->line, NAN, NAN,
		    "fund '%s': no deadline, so no final date", f->name);
		return;
	}
	final_date_text(f, final, sizeof(final), how, sizeof(how));
	for (size_t k = 0; k < f->n_disbursements; k++) {
		const struct fund_disbursement *fd = &f->disbursements[k];
		if (date_compare(fd->date, f->final_date) <= 0)
			continue;
		char d[16], a[64];
		date_format(fd->date, d, sizeof(d));
		fmt_money(c, a, sizeof(a), fd->amount);
		add(c, PRECHECK_FUND, false, fd->at.line, NAN, NAN,
		    "fund '%s': the disbursement of %s on %s comes after its %s, so it "
		    "can never be spent",
		    f->name, a, d, final);
	}
	if (b >= c->np) {
		add(c, PRECHECK_FUND, false, f->line, NAN, NAN,
		    "fund '%s': %s binds after the horizon, so its deadline binds "
		    "nothing in it",
		    f->name, final);
		return;
	}
	if (b >= 0 && b < f->first_p) {
		char first[16];
		label(c, b, end, sizeof(end));
		label(c, f->first_p, first, sizeof(first));
		add(c, PRECHECK_FUND, false, f->line, NAN, NAN,
		    "fund '%s' can never pay: its %s binds at the end of %s, before %s "
		    "holding its first disbursement",
		    f->name, final, end, first);
	}
	if (b < 0 && c->h && c->h->fund_broken[fi]) {
		char rule[200];
		snprintf(rule, sizeof(rule), "the deadline of fund '%s', %s", f->name,
			 final);
		report_broken(c, rule,
			      period_binding_end(s->start, c->ppy, f->final_date),
			      f->line, &gone);
		return;
	}
	if (b < 0) {
		char text[400];
		late_text(&gone, text, sizeof(text));
		if (gone.sites)
			add(c, PRECHECK_DEADLINE_PAST, true, f->line, NAN, NAN,
			    "the deadline of fund '%s' cannot hold: its %s%s binds "
			    "before "
			    "the horizon's first period ends, with eligible high-risk "
			    "sites "
			    "unswapped: %s",
			    f->name, final, how, text);
		return;
	}
	label(c, b, end, sizeof(end));
	if (unreach.sites) {
		char text[400];
		late_text(&unreach, text, sizeof(text));
		add(c, PRECHECK_UNREACHABLE, true, f->line, NAN, NAN,
		    "the deadline of fund '%s' cannot hold: its %s binds at the end of "
		    "%s, before the earliest period of eligible high-risk sites: %s",
		    f->name, final, end, text);
	}
	if (gone.sites) {
		char rule[200];
		snprintf(rule, sizeof(rule), "the deadline of fund '%s', %s", f->name,
			 final);
		report_broken(c, rule, b, f->line, &gone);
	}
	if (unreach.sites || gone.sites)
		return;
	double have = money_by(c, c->s->budget, b);
	if (isfinite(have) && exceeds(need, have)) {
		char a[64], h[64];
		fmt_money(c, a, sizeof(a), need);
		fmt_money(c, h, sizeof(h), have);
		add(c, PRECHECK_MONEY, true, f->line, need, have,
		    "the deadline of fund '%s' cannot hold with every extension: its %zu "
		    "eligible high-risk %s still to swap cost at least %s, but %s can "
		    "pay at most %s by the end of %s, where its %s%s binds",
		    f->name, to_swap, to_swap == 1 ? "site" : "sites", a, money_who(c), h,
		    end, final, how);
		return;
	}
	add(c, PRECHECK_FUND, false, f->line, NAN, NAN,
	    "fund '%s': %s%s, binding at the end of %s; nothing found that stops "
	    "its deadline with every extension from holding",
	    f->name, final, how, end);
	fund_extensions_needed(c, f);
}

void replan_check_run(const struct scenario *s, const struct history *h,
		      struct precheck_finding **list, size_t *count, size_t *alloc)
{
	struct ctx c = {
		.s = s,
		.h = h,
		.ppy = s->periods_per_year,
		.np = s->n_periods,
		.list = list,
		.count = count,
		.alloc = alloc,
	};
	c.row_of = xmalloc((s->n_sites + 1) * sizeof(*c.row_of));
	for (size_t i = 0; i <= s->n_sites; i++)
		c.row_of[i] = UINT32_MAX;
	for (size_t i = 0; i < s->n_fixed; i++)
		c.row_of[s->fixed[i].site] = (uint32_t)i;

	if (s->replan_p > 0 && !s->fixed_path) {
		char last[16];
		label(&c, s->replan_p - 1, last, sizeof(last));
		add(&c, PRECHECK_INPUT, false, s->replan_at.line, NAN, NAN,
		    "replan_from without a ledger ('fixed'): every high-risk site is "
		    "taken as unswapped through history, to the end of %s",
		    last);
	}
	if (s->n_fixed) {
		row_facts(&c);
		for (size_t v = 0; v < s->n_vendors; v++) {
			uint32_t vi = (uint32_t)v;
			resource_facts(&c, "capacity", s->vendors[v].name,
				       s->vendors[v].capacity,
				       s->vendors[v].capacity_period, to_vendor, &vi,
				       false, "units");
		}
		for (uint32_t r = 0; r < s->regions.count; r++) {
			const char *region = s->regions.names[r];
			double *years =
				xmalloc(((size_t)s->n_years + 1) * sizeof(double));
			double *periods = xmalloc(((size_t)c.np + 1) * sizeof(double));
			for (int y = 0; y < s->n_years; y++)
				years[y] = scenario_crews(s, region, y);
			for (int p = 0; p < c.np; p++)
				periods[p] = scenario_crews_period(s, region, p);
			resource_facts(&c, "crews", region, years, periods, in_region, &r,
				       true, "sites");
			free(years);
			free(periods);
		}
		budget_facts(&c);
		fund_payment_facts(&c);
		vendor_share_facts(&c);
	}
	if (s->n_fixed || s->replan_p > 0) {
		broken_deadlines(&c);
		broken_caps(&c);
	}
	for (size_t f = 0; f < s->n_funds; f++)
		fund_findings(&c, f);
	free(c.row_of);
}

int replan_check_extensions_least(const struct scenario *s, size_t f,
				  const double *budget)
{
	const struct fund *fu = &s->funds[f];
	/* The argument needs every eligible site swapped by the final date:
	 * one binding after the horizon forces none (an unswapped site uses
	 * no extension; the brute force's funds seeds 5 and 48). */
	if (fu->deadline_kind != FUND_DEADLINE_MONTHS || fu->max_extensions < 1 ||
	    fu->final_p >= s->n_periods)
		return 0;
	struct ctx c = {.s = s, .ppy = s->periods_per_year, .np = s->n_periods};
	c.row_of = xmalloc((s->n_sites + 1) * sizeof(*c.row_of));
	for (size_t i = 0; i <= s->n_sites; i++)
		c.row_of[i] = UINT32_MAX;
	for (size_t i = 0; i < s->n_fixed; i++)
		c.row_of[s->fixed[i].site] = (uint32_t)i;
	int k = extensions_least(&c, fu, budget, NULL, NULL);
	free(c.row_of);
	return k;
}
