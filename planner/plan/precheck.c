#include "plan/precheck.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/depgraph.h"
#include "plan/history.h"
#include "plan/replan_check.h"
#include "plan/rule_label.h"
#include "util/money.h"
#include "util/num.h"
#include "util/xalloc.h"

#define NO_DUE INT_MAX
/* How many swap units a finding names before "and N more". */
#define MAX_NAMED 3
/* How many stranded swap units get a note of their own. */
#define MAX_STRANDED_NOTES 20

struct due_rule {
	int p;          /* binding period, inside the horizon */
	int64_t domain; /* scenario domain index, -1 = every domain */
	int64_t region; /* scenario region index, -1 = every region */
	unsigned line;  /* scenario.json, 0 for the completion rule */
	char *label;    /* "core high-risk sites swapped by 2023" */
};

struct ctx {
	const struct instance *in;
	const struct scenario *s;
	struct precheck *pc;
	int np;        /* periods of the horizon */
	int ppy;       /* periods per year */
	bool v2;       /* version 2: the proofs and words added for it */
	int *eff;      /* [n_groups] first period, deps included */
	uint32_t *via; /* [n_groups] the group depended on that sets eff,
			  UINT32_MAX when its own earliest period does */
	double *money; /* [n_years] most money one year can spend on one unit */
	double *room;  /* [(p * n_domains + d) * n_vendors + v] room under
			  max_vendor_share by the end of p; NULL: no limit */
	double *crew;  /* [r * np + p] crews of region r in period p */
	uint32_t *set; /* [n_groups] index of its set of able vendors */
	bool *sets;    /* [set * n_vendors + v] each distinct set */
	size_t n_sets;
	int *due;      /* [n_groups] period it is due by, NO_DUE */
	int *own;      /* [n_groups] binding end of its sites' own deadlines,
			  NO_DUE none (-1 before the first period end) */
	bool *unreach; /* [n_groups] due, and no period by then can take it */
	/* The re-plan's history (plan/history.h), NULL without one: the
	 * instance's, or the pre-check's own when the instance is the
	 * scenario's view without it (check's). */
	const struct history *hist;
	struct history *own_hist;
	struct due_rule *rules;
	size_t n_rules;
	struct precheck_finding *notes; /* kept apart, appended at the end */
	size_t n_notes, alloc_notes;
};

static bool exceeds(double need, double have)
{
	return need > have + 1e-6 + 1e-9 * fabs(have);
}

/*
 * The checks below work in periods, each resource limited as model-2.md
 * limits it: a period's vendor capacity and crews are at most its period
 * key and its year's value; the money a period can spend is at most its
 * budget key and what its year can spend (the year's budget, with
 * carry_over plus what earlier years may have left). Sums over a window
 * of periods add, year by year, the least of the year's value and the
 * keys of its periods in the window. Every figure is an upper bound on
 * what any plan can use, and every cost a lower bound on what it pays, so
 * a shortfall is a proof. With yearly periods this is version 1's check,
 * figure for figure.
 */
static int year_of(const struct ctx *c, int p)
{
	return p >= 0 ? p / c->ppy : -1 - (-1 - p) / c->ppy;
}

static double capacity_in(const struct ctx *c, size_t v, int p)
{
	const struct trusted_vendor *tv = &c->s->vendors[v];
	double cap = tv->capacity[year_of(c, p)];
	if (tv->capacity_period && tv->capacity_period[p] < cap)
		cap = tv->capacity_period[p];
	return cap;
}

static double crews_in(const struct ctx *c, uint32_t r, int p)
{
	return c->crew[(size_t)r * (size_t)c->np + (size_t)p];
}

/* crew[]: each region's crews per period, looked up once (the lookups go
 * by name). */
static void region_crews(struct ctx *c)
{
	const struct scenario *s = c->s;
	c->crew = xcalloc((size_t)s->regions.count * (size_t)c->np + 1, sizeof(double));
	for (uint32_t r = 0; r < s->regions.count; r++)
		for (int p = 0; p < c->np; p++)
			c->crew[(size_t)r * (size_t)c->np + (size_t)p] = fmin(
				scenario_crews(s, s->regions.names[r], year_of(c, p)),
				scenario_crews_period(s, s->regions.names[r], p));
}

static double money_in(const struct ctx *c, int p)
{
	double m = c->money[year_of(c, p)];
	if (c->in->budget_period && c->in->budget_period[p] < m)
		m = c->in->budget_period[p];
	return m;
}

/*
 * window_from: have_from[k] for k = 0..last, the most a resource allows
 * over periods k..last: per year y, the least of yearv[y] and the sum of
 * the period keys keyv[] (NULL: none) of y's periods in the window. Years
 * are added from the last down, so with yearly periods the sums are
 * version 1's to the bit.
 */
static void window_from(const struct ctx *c, const double *yearv, const double *keyv,
			int last, double *have_from)
{
	double done = 0, keys = 0;
	int cur = year_of(c, last);
	for (int k = last; k >= 0; k--) {
		int y = year_of(c, k);
		if (y != cur) {
			done += fmin(yearv[cur], keys);
			keys = 0;
			cur = y;
		}
		keys += keyv ? keyv[k] : INFINITY;
		have_from[k] = done + fmin(yearv[y], keys);
	}
}

/* A period as findings name it: the year with yearly periods ("2025"),
 * else its label ("2025-Q2"). */
static void period_text(const struct ctx *c, char *buf, size_t size, int p)
{
	if (c->ppy == 1)
		snprintf(buf, size, "%d", c->s->start + p);
	else
		period_label(c->s->start, c->ppy, p, buf, size);
}

/* Money in a finding: "GBP 1,250,000.00" (money.h). */
static void fmt_money(const struct ctx *c, char *buf, size_t size, double v)
{
	money_format_text(buf, size, c->s->currency, money_cents(v));
}

/* Periods lo..hi: "2024-2025" or "2025" with yearly periods, else
 * "2024-Q1 to 2025-Q2" or "2025-Q2". */
static void periods_range(const struct ctx *c, char *buf, size_t size, int lo, int hi)
{
	if (c->ppy == 1) {
		if (lo == hi)
			snprintf(buf, size, "%d", c->s->start + lo);
		else
			snprintf(buf, size, "%d-%d", c->s->start + lo, c->s->start + hi);
		return;
	}
	char a[16], b[16];
	period_text(c, a, sizeof(a), lo);
	period_text(c, b, sizeof(b), hi);
	if (lo == hi)
		snprintf(buf, size, "%s", a);
	else
		snprintf(buf, size, "%s to %s", a, b);
}

/* "a year" with yearly periods, else "in any one period". */
static const char *per_period(const struct ctx *c)
{
	return c->ppy == 1 ? "a year" : "in any one period";
}

static void add(struct ctx *c, enum precheck_kind kind, bool impossible, int year,
		unsigned line, double need, double have, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

/*
 * Impossible findings go straight to the result and notes to a side list
 * appended by precheck_run(), so readers see what blocks every plan
 * first, each group in the order it was found.
 */
static void add(struct ctx *c, enum precheck_kind kind, bool impossible, int year,
		unsigned line, double need, double have, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	struct precheck_finding f = {
		.kind = kind,
		.impossible = impossible,
		.year = year,
		.json_line = line,
		.need = need,
		.have = have,
		.message = msg,
	};
	if (impossible) {
		ARRAY_GROW(c->pc->findings, c->pc->count, c->pc->alloc);
		c->pc->findings[c->pc->count++] = f;
		c->pc->n_impossible++;
	} else {
		ARRAY_GROW(c->notes, c->n_notes, c->alloc_notes);
		c->notes[c->n_notes++] = f;
	}
}

static const char *site_id(const struct ctx *c, uint32_t gs)
{
	return c->s->sites[c->in->group_sites[gs]].id;
}

/* A swap unit's name for messages: "site 'A'", "cluster 'c'", or for a
 * cohort "3 sites ('A', 'B', 'C')" / "12 sites ('A', 'B', 'C' and 9 more)". */
static char *group_name(const struct ctx *c, size_t g)
{
	const struct group *gr = &c->in->groups[g];
	if (gr->cluster)
		return xasprintf("cluster '%s'", gr->cluster);
	if (gr->n_sites <= 1)
		return xasprintf("site '%s'", site_id(c, gr->first_site));
	char *list = xasprintf("%u sites ('%s'", gr->n_sites, site_id(c, gr->first_site));
	for (uint32_t k = 1; k < gr->n_sites && k < MAX_NAMED; k++) {
		char *next = xasprintf("%s, '%s'", list, site_id(c, gr->first_site + k));
		free(list);
		list = next;
	}
	char *out = gr->n_sites > MAX_NAMED
			    ? xasprintf("%s and %u more)", list, gr->n_sites - MAX_NAMED)
			    : xasprintf("%s)", list);
	free(list);
	return out;
}

static bool vendor_able(const struct ctx *c, size_t g, size_t v)
{
	return !isnan(c->in->base_cost[g * c->in->n_vendors + v]);
}

/* HR sites one member of group g has in region r. */
static uint32_t sites_in_region(const struct ctx *c, size_t g, uint32_t r)
{
	const struct group *gr = &c->in->groups[g];
	uint32_t n = 0;
	for (uint32_t p = gr->first_part; p < gr->first_part + gr->n_parts; p++)
		if (c->in->parts[p].region == r)
			n += c->in->parts[p].sites;
	return n;
}

static bool crews_ok(const struct ctx *c, size_t g, int p)
{
	const struct group *gr = &c->in->groups[g];
	for (uint32_t k = gr->first_part; k < gr->first_part + gr->n_parts; k++) {
		uint32_t r = c->in->parts[k].region;
		if (exceeds(sites_in_region(c, g, r), crews_in(c, r, p)))
			return false;
	}
	return true;
}

/* Units vendor v may still receive in domain d by the end of period p
 * under max_vendor_share (rule 5 of model-2.md, growth counted). */
static double share_room(const struct ctx *c, size_t v, uint32_t d, int p)
{
	if (!c->room)
		return INFINITY;
	return c->room[((size_t)p * c->in->n_domains + d) * c->in->n_vendors + v];
}

static bool share_ok(const struct ctx *c, size_t g, size_t v, int p)
{
	const struct group *gr = &c->in->groups[g];
	for (uint32_t k = gr->first_part; k < gr->first_part + gr->n_parts; k++) {
		const struct group_part *pt = &c->in->parts[k];
		if (exceeds((double)pt->units, share_room(c, v, pt->domain, p)))
			return false;
	}
	return true;
}

/*
 * Whether one member of group g can be swapped in period p on its own: a
 * vendor may take it (its domains, allowed_vendors, vendor_regions), has
 * the capacity for its units then and room under max_vendor_share; its
 * region has the crews; and its cost fits the most money the period can
 * spend.
 */
static bool vendor_fits(const struct ctx *c, size_t g, size_t v, int p)
{
	return vendor_able(c, g, v) &&
	       !exceeds((double)c->in->groups[g].units, capacity_in(c, v, p)) &&
	       !exceeds(instance_cost(c->in, g, v, p), money_in(c, p)) &&
	       share_ok(c, g, v, p);
}

static bool takeable_in(const struct ctx *c, size_t g, int p)
{
	if (p < c->eff[g] || p >= c->np || !crews_ok(c, g, p))
		return false;
	for (size_t v = 0; v < c->in->n_vendors; v++)
		if (vendor_fits(c, g, v, p))
			return true;
	return false;
}

static bool any_takeable(const struct ctx *c, size_t g, int hi)
{
	for (int p = c->eff[g]; p <= hi && p < c->np; p++)
		if (takeable_in(c, g, p))
			return true;
	return false;
}

/* The vendors that may take group g, by name: "Ericsson, Nokia". */
static char *able_vendors(const struct ctx *c, size_t g)
{
	char *list = xstrdup("");
	for (size_t v = 0; v < c->in->n_vendors; v++) {
		if (!vendor_able(c, g, v))
			continue;
		char *next = xasprintf("%s%s%s", list, *list ? ", " : "",
				       c->s->vendors[v].name);
		free(list);
		list = next;
	}
	return list;
}

/*
 * Why group g cannot be swapped in any period up to 'hi', in users' terms.
 * Tries each requirement on its own over the whole window, so the reason
 * names the one that never holds; when each holds in some period but
 * never all at once, says so.
 */
static char *why_unreachable(const struct ctx *c, size_t g, int hi)
{
	const struct group *gr = &c->in->groups[g];
	const struct scenario *s = c->s;
	bool able = false;
	for (size_t v = 0; v < c->in->n_vendors; v++)
		able = able || vendor_able(c, g, v);
	if (!able)
		return xstrdup("no trusted vendor lists all its domains");
	int lo = c->eff[g];
	if (hi >= c->np)
		hi = c->np - 1;
	if (lo > hi) {
		if (c->via[g] == UINT32_MAX) {
			int earliest = 0;
			const struct site *dated = NULL;
			for (uint32_t k = 0; k < gr->n_sites; k++) {
				const struct site *site =
					&s->sites[c->in->group_sites[gr->first_site + k]];
				if (site->earliest_year > earliest)
					earliest = site->earliest_year;
				if (site->has_earliest &&
				    (!dated ||
				     date_compare(site->earliest, dated->earliest) > 0))
					dated = site;
			}
			if (dated) {
				char when[16];
				date_format(dated->earliest, when, sizeof(when));
				return xasprintf("its earliest is %s", when);
			}
			return xasprintf("its earliest_year is %d", earliest);
		}
		char *other = group_name(c, c->via[g]);
		char first[16];
		period_text(c, first, sizeof(first), lo);
		char *why = lo >= c->np ? xasprintf("it depends on %s, which cannot be "
						    "swapped within the horizon",
						    other)
					: xasprintf("it depends on %s, which cannot go "
						    "before %s",
						    other, first);
		free(other);
		return why;
	}
	char window[48];
	periods_range(c, window, sizeof(window), lo, hi);
	for (uint32_t k = gr->first_part; k < gr->first_part + gr->n_parts; k++) {
		uint32_t r = c->in->parts[k].region;
		double need = sites_in_region(c, g, r), most = 0;
		for (int p = lo; p <= hi; p++)
			if (crews_in(c, r, p) > most)
				most = crews_in(c, r, p);
		if (exceeds(need, most)) {
			char a[48], b[48];
			num_format_count(a, sizeof(a), need, "site", "sites");
			num_format_count(b, sizeof(b), most, "site", "sites");
			return xasprintf("it has %s in region '%s', whose crews swap at "
					 "most %s %s",
					 a, s->regions.names[r], b, per_period(c));
		}
	}
	double most_cap = 0, least_cost = INFINITY, most_money = 0;
	bool any_share = false;
	for (size_t v = 0; v < c->in->n_vendors; v++) {
		if (!vendor_able(c, g, v))
			continue;
		for (int p = lo; p <= hi; p++) {
			any_share = any_share || share_ok(c, g, v, p);
			if (capacity_in(c, v, p) > most_cap)
				most_cap = capacity_in(c, v, p);
			if (instance_cost(c->in, g, v, p) < least_cost)
				least_cost = instance_cost(c->in, g, v, p);
		}
	}
	for (int p = lo; p <= hi; p++)
		if (money_in(c, p) > most_money)
			most_money = money_in(c, p);
	if (exceeds((double)gr->units, most_cap)) {
		char a[48], b[48];
		num_format_count(a, sizeof(a), (double)gr->units, "unit", "units");
		num_format_count(b, sizeof(b), most_cap, "unit", "units");
		if (!c->v2)
			return xasprintf("it has %s, and the vendors that can take it "
					 "install at most %s a year",
					 a, b);
		/* Version 2: the vendors are those its allowed_vendors and
		 * vendor_regions leave, so name them and the window. */
		char *list = able_vendors(c, g);
		char *why = xasprintf("it has %s, and the vendors that may take it (%s) "
				      "install at most %s %s from %s",
				      a, list, b, per_period(c), window);
		free(list);
		return why;
	}
	if (exceeds(least_cost, most_money)) {
		char a[64], b[64];
		fmt_money(c, a, sizeof(a), least_cost);
		fmt_money(c, b, sizeof(b), most_money);
		if (c->ppy > 1)
			return xasprintf(
				"it costs at least %s, more than any period from "
				"%s can spend (%s)",
				a, window, b);
		return xasprintf("it costs at least %s, more than %s (%s)", a,
				 s->carry_over ? "any year can spend with carry-over"
					       : "any year's budget",
				 b);
	}
	if (!any_share)
		return xstrdup("every vendor that can take it would go above "
			       "max_vendor_share");
	if (c->ppy > 1)
		return xasprintf("no single period from %s has the crews, a vendor's "
				 "capacity and the budget for it at once",
				 window);
	return xstrdup("no single year has the crews, a vendor's capacity and the "
		       "budget for it at once");
}

/* ---- Dependencies: components and the first period they allow. ---- */

static int compare_u32(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	return a < b ? -1 : a > b;
}

/*
 * Each group's first period, its dependencies included (depgraph.c), and a
 * note for each component of more than one group: a cycle, whose sites
 * must go in the same year.
 */
static void resolve_dependencies(struct ctx *c)
{
	const struct instance *in = c->in;
	struct depgraph dg;
	depgraph_init(&dg, in);
	depgraph_first_periods(&dg, in, c->eff, c->via);

	/* Cycle notes, in the order components were found. */
	enum { CYCLE_NAMES = 10 };
	for (size_t cc = 0; cc < dg.n_comps; cc++) {
		size_t nm = dg.comp_start[cc + 1] - dg.comp_start[cc];
		if (nm < 2)
			continue;
		/* Name the members in group order, which is stable. */
		uint32_t *members = &dg.members[dg.comp_start[cc]];
		qsort(members, nm, sizeof(*members), compare_u32);
		/* At most CYCLE_NAMES members by name: a note stays readable,
		 * and building it stays linear. */
		size_t shown = nm > CYCLE_NAMES ? CYCLE_NAMES : nm;
		char *list = xstrdup("");
		for (size_t i = 0; i < shown; i++) {
			char *name = group_name(c, members[i]);
			char *joined = xasprintf("%s%s%s", list,
						 i == 0        ? ""
						 : i + 1 == nm ? " and "
							       : ", ",
						 name);
			free(name);
			free(list);
			list = joined;
		}
		if (shown < nm) {
			char *joined =
				xasprintf("%s and %zu more sites", list, nm - shown);
			free(list);
			list = joined;
		}
		add(c, PRECHECK_CYCLE, false, 0, 0, NAN, NAN,
		    "%s depend on each other (a depends_on cycle): they must "
		    "be swapped in the same year",
		    list);
		free(list);
	}
	depgraph_finish(&dg);
}

/* ---- Deadlines and the rules that make swap units due. ---- */

static bool group_has_domain(const struct ctx *c, size_t g, int64_t d)
{
	const struct group *gr = &c->in->groups[g];
	if (d < 0)
		return true;
	for (uint32_t p = gr->first_part; p < gr->first_part + gr->n_parts; p++)
		if (c->in->parts[p].domain == (uint32_t)d)
			return true;
	return false;
}

/* Whether group g has a part that rule i covers (domain and region). */
static bool rule_covers(const struct ctx *c, size_t g, const struct due_rule *r)
{
	const struct group *gr = &c->in->groups[g];
	if (r->region < 0)
		return group_has_domain(c, g, r->domain);
	for (uint32_t p = gr->first_part; p < gr->first_part + gr->n_parts; p++)
		if ((r->domain < 0 || c->in->parts[p].domain == (uint32_t)r->domain) &&
		    c->in->parts[p].region == (uint32_t)r->region)
			return true;
	return false;
}

/*
 * Whether group g holds a site of the ledger: pinned in the planner's
 * instance, or, in check's view, maybe one of a cohort's sites. Leaving
 * such a group due by no rule only drops demand, so every proof stays.
 */
static bool holds_ledger_row(const struct ctx *c, size_t g)
{
	const struct group *gr = &c->in->groups[g];
	if (gr->fixed_p >= 0)
		return true;
	if (!c->hist)
		return false;
	for (uint32_t k = 0; k < gr->n_sites; k++)
		if (history_fixed_p(c->hist, c->in->group_sites[gr->first_site + k]) >= 0)
			return true;
	return false;
}

/*
 * The rules that make swap units due by a year inside the horizon: the
 * deadlines from start to end, and with the cost objective the rule that
 * every HR site goes by the end. A deadline before the start cannot hold
 * while any site of its domain remains (reported here); one after the end
 * binds nothing (a note). With a re-plan, history decides a deadline
 * binding before replan_from: it holds there or is broken before the
 * re-plan (plan/history.c), and the ledger's rows are facts, due by no
 * rule.
 */
static void collect_due_rules(struct ctx *c)
{
	const struct scenario *s = c->s;
	const struct instance *in = c->in;
	c->rules = xcalloc(s->n_deadlines + 1, sizeof(*c->rules));
	for (size_t i = 0; i < s->n_deadlines; i++) {
		const struct deadline_rule *r = &s->deadlines[i];
		int64_t d = r->domain ? strmap_find(&s->domains, r->domain) : -1;
		int64_t region = r->region_name ? (int64_t)r->region : -1;
		/* One history already breaks is priced, not hard (model-2.md,
		 * "Rules already broken when re-planning"): replan_check.c
		 * reports it, with its late sites. */
		if (c->hist && c->hist->deadline_broken[i])
			continue;
		char *label = rule_label_deadline(r);
		int due = r->when.bind_p;
		if (r->when.bind_p >= s->n_periods) {
			add(c, PRECHECK_AFTER_HORIZON, false, r->year, r->line, NAN, NAN,
			    "%s binds nothing: it is after the horizon's end (%d)", label,
			    s->end);
			free(label);
			continue;
		}
		if (r->when.bind_p < 0) {
			double sites = 0, units = 0;
			for (size_t g = 0; g < in->n_groups; g++) {
				const struct group *gr = &in->groups[g];
				for (uint32_t p = gr->first_part;
				     p < gr->first_part + gr->n_parts; p++) {
					const struct group_part *pt = &in->parts[p];
					if (d >= 0 && pt->domain != (uint32_t)d)
						continue;
					if (region >= 0 && pt->region != (uint32_t)region)
						continue;
					sites += (double)pt->sites * gr->multiplicity;
					units += (double)pt->units * gr->multiplicity;
				}
			}
			if (sites > 0) {
				char a[48], b[48];
				num_format_count(a, sizeof(a), sites, "high-risk site",
						 "high-risk sites");
				num_format_count(b, sizeof(b), units, "unit", "units");
				add(c, PRECHECK_DEADLINE_PAST, true, r->year, r->line,
				    units, 0,
				    "%s cannot hold: it is before the horizon's start "
				    "(%d) and %s (%s) %s",
				    label, s->start, a, b,
				    sites == 1 ? "remains" : "remain");
			}
			free(label);
			continue;
		}
		c->rules[c->n_rules++] = (struct due_rule){.p = due,
							   .domain = d,
							   .region = region,
							   .line = r->line,
							   .label = label};
	}
	if (scenario_completes(s))
		c->rules[c->n_rules++] =
			(struct due_rule){.p = c->np - 1,
					  .domain = -1,
					  .region = -1,
					  .line = 0,
					  .label = rule_label_completion(s->end)};
	for (size_t g = 0; g < in->n_groups; g++) {
		c->due[g] = NO_DUE;
		for (size_t i = 0; i < c->n_rules; i++)
			if (c->rules[i].p < c->due[g] && rule_covers(c, g, &c->rules[i]))
				c->due[g] = c->rules[i].p;
		/* The sites' own deadlines (model-2.md rule 2): a cluster has
		 * the earliest of its sites'. One before the first period end
		 * is reported by own_deadlines_past(), not counted here; one
		 * history breaks is priced, and a ledger row's is a fact. */
		const struct group *gr = &in->groups[g];
		c->own[g] = NO_DUE;
		if (holds_ledger_row(c, g)) {
			c->due[g] = NO_DUE; /* when a ledger row goes is a fact */
			continue;
		}
		for (uint32_t k = 0; k < gr->n_sites; k++) {
			uint32_t i = in->group_sites[gr->first_site + k];
			const struct site *site = &s->sites[i];
			if (site->has_deadline && site->deadline_p < c->own[g] &&
			    !(c->hist && c->hist->own_broken[i]))
				c->own[g] = site->deadline_p;
		}
		if (c->own[g] >= 0 && c->own[g] < c->due[g])
			c->due[g] = c->own[g];
	}
}

/* Whether group g is due at its period by its sites' own deadline. */
static bool own_binds(const struct ctx *c, size_t g)
{
	return c->own[g] != NO_DUE && c->own[g] >= 0 && c->own[g] == c->due[g];
}

/* One site for a finding: "'A' by 31 Mar 2024, line 4 of sites.csv", the
 * file named as the loader's notes name it. */
static char *site_with_deadline(const struct ctx *c, const struct site *site)
{
	char when[16];
	date_format_long(site->deadline, when, sizeof(when));
	return xasprintf("'%s' by %s, line %u of %s", site->id, when, site->line,
			 c->s->sites_path);
}

/*
 * The sites whose own deadline binds at period dp, for a label:
 * "high-risk sites swapped by their own deadline (site 'C' by 31 Mar
 * 2024, line 4 of sites.csv)", at most MAX_NAMED sites and "and N more".
 * NULL when there is none.
 */
static char *own_label(const struct ctx *c, int dp)
{
	const struct instance *in = c->in;
	size_t n = 0;
	char *list = xstrdup("");
	for (size_t g = 0; g < in->n_groups; g++) {
		if (c->due[g] != dp || !own_binds(c, g))
			continue;
		const struct group *gr = &in->groups[g];
		for (uint32_t k = 0; k < gr->n_sites; k++) {
			const struct site *site =
				&c->s->sites[in->group_sites[gr->first_site + k]];
			if (!site->has_deadline || site->deadline_p != dp)
				continue;
			if (n++ >= MAX_NAMED)
				continue;
			char *one = site_with_deadline(c, site);
			char *next = xasprintf("%s%s%s", list, *list ? "; " : "", one);
			free(one);
			free(list);
			list = next;
		}
	}
	char *label = NULL;
	if (n) {
		char *rule = rule_label_site_deadlines();
		char more[48] = "";
		if (n > MAX_NAMED)
			snprintf(more, sizeof(more), " and %zu more", n - MAX_NAMED);
		label = xasprintf("%s (%s %s%s)", rule, n == 1 ? "site" : "sites", list,
				  more);
		free(rule);
	}
	free(list);
	return label;
}

/*
 * A site's own deadline that binds before the horizon's first period
 * ends cannot hold while the site is high-risk (scenario-format-2.md,
 * "Binding end"): one finding per swap unit.
 */
static void own_deadlines_past(struct ctx *c)
{
	const struct instance *in = c->in;
	char first[16];
	period_text(c, first, sizeof(first), 0);
	for (size_t g = 0; g < in->n_groups; g++) {
		if (c->own[g] != -1)
			continue;
		const struct group *gr = &in->groups[g];
		const struct site *late = NULL;
		for (uint32_t k = 0; k < gr->n_sites && !late; k++) {
			const struct site *site =
				&c->s->sites[in->group_sites[gr->first_site + k]];
			if (site->has_deadline && site->deadline_p < 0)
				late = site;
		}
		char *rule = rule_label_site_deadlines();
		char *name = group_name(c, g);
		char when[16], a[48], b[48];
		date_format_long(late->deadline, when, sizeof(when));
		num_format_count(a, sizeof(a), (double)gr->sites * gr->multiplicity,
				 "high-risk site", "high-risk sites");
		num_format_count(b, sizeof(b), (double)gr->units * gr->multiplicity,
				 "unit", "units");
		add(c, PRECHECK_DEADLINE_PAST, true, late->deadline.year, 0,
		    (double)gr->units * gr->multiplicity, 0,
		    "%s cannot hold: %s has the deadline %s (line %u of %s), which binds "
		    "before the horizon's first period ends (%s), and %s (%s) %s",
		    rule, name, when, late->line, c->s->sites_path, first, a, b,
		    gr->sites * gr->multiplicity == 1 ? "remains" : "remain");
		free(rule);
		free(name);
	}
}

/*
 * The label and scenario.json line of what is due by period dp: the
 * rules binding then, joined ("core high-risk sites swapped by 2023
 * and ran high-risk sites swapped by 2023"), then the sites whose own
 * deadline binds then.
 */
static char *due_label(const struct ctx *c, int dp, unsigned *line)
{
	char *label = NULL;
	*line = 0;
	for (size_t i = 0; i < c->n_rules; i++) {
		if (c->rules[i].p != dp)
			continue;
		if (!label) {
			label = xstrdup(c->rules[i].label);
			*line = c->rules[i].line;
		} else {
			char *next = xasprintf("%s and %s", label, c->rules[i].label);
			free(label);
			label = next;
		}
	}
	char *own = own_label(c, dp);
	if (own && label) {
		char *next = xasprintf("%s and %s", label, own);
		free(label);
		free(own);
		label = next;
	} else if (own) {
		label = own;
	}
	return label;
}

/*
 * What can only start in period k or later must fit in the resources of
 * periods k..dp. 'need_at[k]' is the demand whose first period is k,
 * 'have_from[k]' the most the resources of periods k..dp allow (INFINITY
 * when unlimited). With 'only_all', just k = 0 (version 1's money with
 * carry_over, which can move forward, so only the total counts). Returns
 * the k with the largest shortfall (the earliest on ties, the simplest to
 * read), -1 when none.
 */
static int worst_shortfall(const double *need_at, const double *have_from, int dp,
			   bool only_all, double *need, double *have)
{
	int best = -1;
	double best_short = 0, suffix = 0;
	for (int k = dp; k >= 0; k--) {
		suffix += need_at[k];
		if (only_all && k > 0)
			continue;
		if (!exceeds(suffix, have_from[k]))
			continue;
		double shortfall = suffix - have_from[k];
		if (best < 0 || shortfall >= best_short) {
			best = k;
			best_short = shortfall;
			*need = suffix;
			*have = have_from[k];
		}
	}
	return best;
}

/* Included in the aggregate checks at dp: due by dp and not already
 * reported as unreachable. */
static bool counts_at(const struct ctx *c, size_t g, int dp)
{
	return c->due[g] <= dp && !c->unreach[g];
}

/* " that cannot go before 2025" (period k's text), or "" for k = 0. */
static void since_text(const struct ctx *c, char *buf, size_t size, int k)
{
	buf[0] = '\0';
	if (k > 0) {
		char first[16];
		period_text(c, first, sizeof(first), k);
		snprintf(buf, size, " that cannot go before %s", first);
	}
}

static void check_unreachable(struct ctx *c, int dp, const char *label, unsigned line)
{
	const struct instance *in = c->in;
	size_t n = 0;
	double sites = 0, units = 0;
	char *named = xstrdup("");
	for (size_t g = 0; g < in->n_groups; g++) {
		if (c->due[g] != dp || !c->unreach[g])
			continue;
		const struct group *gr = &in->groups[g];
		sites += (double)gr->sites * gr->multiplicity;
		units += (double)gr->units * gr->multiplicity;
		if (n++ < MAX_NAMED) {
			char *name = group_name(c, g);
			char *why = why_unreachable(c, g, dp);
			char *next = xasprintf("%s%s%s: %s", named, *named ? "; " : "",
					       name, why);
			free(name);
			free(why);
			free(named);
			named = next;
		}
	}
	if (n) {
		char a[48], b[48], by[16];
		num_format_count(a, sizeof(a), sites, "high-risk site",
				 "high-risk sites");
		num_format_count(b, sizeof(b), units, "unit", "units");
		period_text(c, by, sizeof(by), dp);
		char more[48] = "";
		if (n > MAX_NAMED)
			snprintf(more, sizeof(more), "; and %zu more", n - MAX_NAMED);
		add(c, PRECHECK_UNREACHABLE, true, period_year(c->s->start, c->ppy, dp),
		    line, units, 0,
		    "%s cannot hold: %s (%s) cannot be swapped by "
		    "%s whatever the plan: %s%s",
		    label, a, b, by, named, more);
	}
	free(named);
}

/*
 * Money: each swap unit due by dp at its cheapest vendor and period
 * allowed (nominal, escalated) against the money of the periods it may
 * use. Only the (vendor, period) pairs that could take the unit on its
 * own count (a period with no money or crews for it is no cheaper
 * option). The cheapest costs are a lower bound on any plan's spend.
 *
 * The money periods k..dp can spend: without carry_over, per year the
 * least of its budget and its period keys in the window; with carry_over
 * also at most every budget up to dp's year (money only moves forward, a
 * year may spend all it has in its first period). An unlimited year in
 * range makes money never the reason, unless period keys limit it.
 */
static void check_money(struct ctx *c, int dp, const char *label, unsigned line)
{
	const struct instance *in = c->in;
	double *need_at = xcalloc((size_t)dp + 1, sizeof(double));
	double *have_from = xcalloc((size_t)dp + 1, sizeof(double));
	for (size_t g = 0; g < in->n_groups; g++) {
		if (!counts_at(c, g, dp))
			continue;
		double least = INFINITY;
		for (int p = c->eff[g]; p <= c->due[g] && p < c->np; p++) {
			if (!crews_ok(c, g, p))
				continue;
			for (size_t v = 0; v < in->n_vendors; v++)
				if (vendor_fits(c, g, v, p) &&
				    instance_cost(in, g, v, p) < least)
					least = instance_cost(in, g, v, p);
		}
		if (isfinite(least))
			need_at[c->eff[g]] += least * in->groups[g].multiplicity;
	}
	window_from(c, in->budget, c->ppy > 1 ? in->budget_period : NULL, dp, have_from);
	bool only_all = false;
	if (c->s->carry_over) {
		double *all = xcalloc((size_t)dp + 1, sizeof(double));
		window_from(c, in->budget, NULL, dp, all);
		window_from(c, c->money, c->ppy > 1 ? in->budget_period : NULL, dp,
			    have_from);
		for (int k = 0; k <= dp; k++)
			have_from[k] = fmin(all[0], have_from[k]);
		free(all);
		only_all = !c->v2;
	}
	double need = 0, have = 0;
	int k = worst_shortfall(need_at, have_from, dp, only_all, &need, &have);
	if (k >= 0) {
		char a[64], b[64], d[64];
		fmt_money(c, a, sizeof(a), need);
		fmt_money(c, b, sizeof(b), have);
		fmt_money(c, d, sizeof(d), need - have);
		char yr[48], since[48], by[16];
		periods_range(c, yr, sizeof(yr), k, dp);
		since_text(c, since, sizeof(since), k);
		period_text(c, by, sizeof(by), dp);
		if (c->ppy == 1)
			add(c, PRECHECK_MONEY, true, c->s->start + dp, line, need, have,
			    "%s cannot hold: the high-risk sites due by %s%s cost at "
			    "least "
			    "%s (each at its cheapest vendor and year), but the budget "
			    "of "
			    "%s is %s: %s short",
			    label, by, since, a, yr, b, d);
		else
			add(c, PRECHECK_MONEY, true, period_year(c->s->start, c->ppy, dp),
			    line, need, have,
			    "%s cannot hold: the high-risk sites due by %s%s cost at "
			    "least "
			    "%s (each at its cheapest vendor and period), but at most %s "
			    "can be spent in %s: %s short",
			    label, by, since, a, b, yr, d);
	}
	free(need_at);
	free(have_from);
}

/* The units vendor v can install in periods k..dp, into have[k]. */
static void vendor_window(const struct ctx *c, size_t v, int dp, double *have)
{
	const struct trusted_vendor *tv = &c->s->vendors[v];
	window_from(c, tv->capacity, c->ppy > 1 ? tv->capacity_period : NULL, dp, have);
}

/*
 * The capacity finding: 'need' units of the groups in question due by
 * dp, from period k on, against 'have' of the vendors 'uses' may take.
 */
static void add_capacity(struct ctx *c, int dp, const char *label, unsigned line,
			 const char *what, const bool *uses, int k, double need,
			 double have, const char *note)
{
	const struct scenario *s = c->s;
	char *vendors = xstrdup("");
	for (size_t v = 0; v < c->in->n_vendors; v++) {
		if (!uses[v])
			continue;
		char *next = xasprintf("%s%s%s", vendors, *vendors ? ", " : "",
				       s->vendors[v].name);
		free(vendors);
		vendors = next;
	}
	char num[32], b[32], d[48], yr[48], since[48], by[16];
	num_format_quantity(num, sizeof(num), need);
	num_format_quantity(b, sizeof(b), have);
	num_format_count(d, sizeof(d), need - have, "unit", "units");
	periods_range(c, yr, sizeof(yr), k, dp);
	since_text(c, since, sizeof(since), k);
	period_text(c, by, sizeof(by), dp);
	add(c, PRECHECK_CAPACITY, true, period_year(s->start, c->ppy, dp), line, need,
	    have,
	    "%s cannot hold: %s high-risk %s%s%s%s %s due by %s, but the vendors that "
	    "can take them (%s) can install at most %s in %s%s: %s short",
	    label, num, what, *what ? " " : "", need == 1 ? "unit" : "units", since,
	    need == 1 ? "is" : "are", by, vendors, b, yr, note, d);
	free(vendors);
}

/*
 * Capacity of the vendors listing 'domain' (every able vendor when
 * 'domain' < 0) for the units due by dp: per domain for swap units of that
 * domain alone, where each vendor also receives at most its room under
 * max_vendor_share by dp; then all units together. Returns whether a
 * shortfall was reported.
 */
static bool check_capacity_of(struct ctx *c, int dp, const char *label, unsigned line,
			      int64_t domain)
{
	const struct instance *in = c->in;
	const struct scenario *s = c->s;
	double *need_at = xcalloc((size_t)dp + 1, sizeof(double));
	double *have_from = xcalloc((size_t)dp + 1, sizeof(double));
	double *cap = xcalloc((size_t)dp + 1, sizeof(double));
	bool *uses = xcalloc(in->n_vendors + 1, sizeof(bool));
	bool any = false;
	for (size_t g = 0; g < in->n_groups; g++) {
		if (!counts_at(c, g, dp))
			continue;
		const struct group *gr = &in->groups[g];
		if (domain >= 0) {
			bool only = true;
			for (uint32_t p = gr->first_part;
			     p < gr->first_part + gr->n_parts; p++)
				only = only && in->parts[p].domain == (uint32_t)domain;
			if (!only)
				continue;
		}
		if (c->eff[g] > dp)
			continue;
		need_at[c->eff[g]] += (double)gr->units * gr->multiplicity;
		any = true;
		for (size_t v = 0; v < in->n_vendors; v++)
			uses[v] = uses[v] || vendor_able(c, g, v);
	}
	bool found = false;
	if (any) {
		for (size_t v = 0; v < in->n_vendors; v++) {
			if (!uses[v])
				continue;
			vendor_window(c, v, dp, cap);
			double room = domain >= 0 ? share_room(c, v, (uint32_t)domain, dp)
						  : INFINITY;
			for (int k = 0; k <= dp; k++)
				have_from[k] += fmin(cap[k], room);
		}
		double need = 0, have = 0;
		int k = worst_shortfall(need_at, have_from, dp, false, &need, &have);
		if (k >= 0) {
			add_capacity(c, dp, label, line,
				     domain >= 0 ? s->domains.names[domain] : "", uses, k,
				     need, have,
				     domain >= 0 && !isnan(scenario_vendor_share_limit(
							    s, s->domains.names[domain]))
					     ? " (capacity and max_vendor_share)"
					     : "");
			found = true;
		}
	}
	free(need_at);
	free(have_from);
	free(cap);
	free(uses);
	return found;
}

/*
 * Version 2: the swap units that only some vendors may take (by domain,
 * allowed_vendors and vendor_regions), against those vendors' capacity.
 * For each distinct set S of vendors some unit due by dp may go to, the
 * units of every unit whose vendors all lie in S must fit in S's
 * capacity (a region whose only allowed vendor cannot take its units in
 * time). A relaxation like the others: those units can go nowhere else.
 */
static bool check_vendor_sets(struct ctx *c, int dp, const char *label, unsigned line)
{
	const struct instance *in = c->in;
	size_t nv = in->n_vendors;
	double *need_at = xcalloc((size_t)dp + 1, sizeof(double));
	double *have_from = xcalloc((size_t)dp + 1, sizeof(double));
	double *cap = xcalloc((size_t)dp + 1, sizeof(double));
	bool *active = xcalloc(c->n_sets + 1, sizeof(bool));
	for (size_t g = 0; g < in->n_groups; g++)
		if (counts_at(c, g, dp) && c->eff[g] <= dp)
			active[c->set[g]] = true;
	bool found = false;
	for (size_t k = 0; k < c->n_sets && !found; k++) {
		const bool *set = &c->sets[k * nv];
		size_t n_set = 0;
		for (size_t v = 0; v < nv; v++)
			n_set += set[v];
		/* Every vendor: check_capacity_of()'s total. */
		if (!active[k] || n_set == nv)
			continue;
		memset(need_at, 0, ((size_t)dp + 1) * sizeof(double));
		memset(have_from, 0, ((size_t)dp + 1) * sizeof(double));
		for (size_t g = 0; g < in->n_groups; g++) {
			if (!counts_at(c, g, dp) || c->eff[g] > dp)
				continue;
			const bool *mine = &c->sets[(size_t)c->set[g] * nv];
			bool inside = true;
			for (size_t v = 0; v < nv && inside; v++)
				inside = !mine[v] || set[v];
			if (inside)
				need_at[c->eff[g]] += (double)in->groups[g].units *
						      in->groups[g].multiplicity;
		}
		for (size_t v = 0; v < nv; v++) {
			if (!set[v])
				continue;
			vendor_window(c, v, dp, cap);
			for (int q = 0; q <= dp; q++)
				have_from[q] += cap[q];
		}
		double need = 0, have = 0;
		int from = worst_shortfall(need_at, have_from, dp, false, &need, &have);
		if (from >= 0) {
			add_capacity(
				c, dp, label, line, "", set, from, need, have,
				" (allowed_vendors, vendor_regions and domains leave "
				"them no other vendor)");
			found = true;
		}
	}
	free(need_at);
	free(have_from);
	free(cap);
	free(active);
	return found;
}

/* set[] and sets[]: the distinct sets of vendors that may take a group,
 * numbered in the order of the groups that first have them. */
static void vendor_sets(struct ctx *c)
{
	const struct instance *in = c->in;
	size_t nv = in->n_vendors;
	c->set = xcalloc(in->n_groups + 1, sizeof(uint32_t));
	size_t alloc = 0;
	bool *mine = xcalloc(nv + 1, sizeof(bool));
	for (size_t g = 0; g < in->n_groups; g++) {
		for (size_t v = 0; v < nv; v++)
			mine[v] = vendor_able(c, g, v);
		size_t k = 0;
		while (k < c->n_sets && memcmp(&c->sets[k * nv], mine, nv * sizeof(bool)))
			k++;
		if (k == c->n_sets) {
			if ((c->n_sets + 1) * nv > alloc) {
				alloc = 2 * (c->n_sets + 1) * nv;
				c->sets = xrealloc(c->sets, alloc * sizeof(bool));
			}
			memcpy(&c->sets[k * nv], mine, nv * sizeof(bool));
			c->n_sets++;
		}
		c->set[g] = (uint32_t)k;
	}
	free(mine);
}

static void check_capacity(struct ctx *c, int dp, const char *label, unsigned line)
{
	bool found = false;
	for (uint32_t d = 0; d < c->s->domains.count; d++)
		found = check_capacity_of(c, dp, label, line, d) || found;
	if (!found && c->set)
		found = check_vendor_sets(c, dp, label, line);
	if (!found)
		check_capacity_of(c, dp, label, line, -1);
}

/* Crews: HR sites due by dp in each region against its crews. */
static void check_crews(struct ctx *c, int dp, const char *label, unsigned line)
{
	const struct instance *in = c->in;
	const struct scenario *s = c->s;
	double *need_at = xcalloc((size_t)dp + 1, sizeof(double));
	double *have_from = xcalloc((size_t)dp + 1, sizeof(double));
	double *yearv = xcalloc((size_t)c->in->n_years + 1, sizeof(double));
	double *keyv = xcalloc((size_t)c->np + 1, sizeof(double));
	for (uint32_t r = 0; r < s->regions.count; r++) {
		memset(need_at, 0, ((size_t)dp + 1) * sizeof(double));
		bool any = false;
		for (size_t g = 0; g < in->n_groups; g++) {
			if (!counts_at(c, g, dp) || c->eff[g] > dp)
				continue;
			uint32_t n = sites_in_region(c, g, r);
			need_at[c->eff[g]] += (double)n * in->groups[g].multiplicity;
			any = any || n;
		}
		if (!any)
			continue;
		for (int y = 0; y < c->in->n_years; y++)
			yearv[y] = scenario_crews(s, s->regions.names[r], y);
		for (int p = 0; p < c->np; p++)
			keyv[p] = scenario_crews_period(s, s->regions.names[r], p);
		window_from(c, yearv, c->ppy > 1 ? keyv : NULL, dp, have_from);
		double need = 0, have = 0;
		int k = worst_shortfall(need_at, have_from, dp, false, &need, &have);
		if (k < 0)
			continue;
		char a[48], b[48], d[48], yr[48], since[48], by[16];
		num_format_count(a, sizeof(a), need, "high-risk site", "high-risk sites");
		num_format_count(b, sizeof(b), have, "site", "sites");
		num_format_count(d, sizeof(d), need - have, "site", "sites");
		periods_range(c, yr, sizeof(yr), k, dp);
		since_text(c, since, sizeof(since), k);
		period_text(c, by, sizeof(by), dp);
		add(c, PRECHECK_CREWS, true, period_year(s->start, c->ppy, dp), line,
		    need, have,
		    "%s cannot hold: %s in region '%s'%s %s due by %s, but its crews "
		    "can swap at most %s in %s: %s short",
		    label, a, s->regions.names[r], since, need == 1 ? "is" : "are", by, b,
		    yr, d);
	}
	free(need_at);
	free(have_from);
	free(yearv);
	free(keyv);
}

/* ---- Share caps. ---- */

/*
 * The least of a resource that removing 'need' of a cap's measure (HR
 * units or sites in scope) by period 'by' takes, when group g offers
 * offer[g] per member (multiplicity members) at use[g] of the resource
 * per member: the cheapest rate first, the last member in part (the
 * fractional knapsack, a lower bound on any plan's use). INFINITY when
 * the offer cannot cover the need.
 */
struct cap_offer {
	double rate; /* resource per unit of the measure */
	double amount;
};

static int compare_rate(const void *pa, const void *pb)
{
	double a = ((const struct cap_offer *)pa)->rate;
	double b = ((const struct cap_offer *)pb)->rate;
	return a < b ? -1 : a > b;
}

static double least_use(struct cap_offer *offers, size_t n, double need)
{
	qsort(offers, n, sizeof(*offers), compare_rate);
	double used = 0;
	for (size_t i = 0; i < n && need > 1e-9; i++) {
		double take = offers[i].amount < need ? offers[i].amount : need;
		used += take * offers[i].rate;
		need -= take;
	}
	return need > 1e-9 ? INFINITY : used;
}

/*
 * Version 2: a cap that needs 'need' HR units (or sites) in scope gone by
 * the end of period 'by' against the money, capacity and crews of the
 * periods up to it. Each unit that can go by then offers its part in
 * scope at its cheapest cost (vendor and period that could take it), its
 * units and its sites; the least money, units and sites that remove
 * 'need' are bounds on any plan that keeps the cap there, compared with
 * the most the periods 0..by allow. One finding, the first resource
 * short (money, then capacity, then crews).
 */
static void check_cap_resources(struct ctx *c, const struct share_cap_rule *r, int by,
				const double *per_member, double need, const char *label)
{
	const struct instance *in = c->in;
	const struct scenario *s = c->s;
	size_t n = 0;
	struct cap_offer *money = xcalloc(in->n_groups + 1, sizeof(*money));
	struct cap_offer *units = xcalloc(in->n_groups + 1, sizeof(*units));
	struct cap_offer *sites = xcalloc(in->n_groups + 1, sizeof(*sites));
	bool *uses = xcalloc(in->n_vendors + 1, sizeof(bool));
	bool *regions = xcalloc(s->regions.count + 1, sizeof(bool));
	for (size_t g = 0; g < in->n_groups; g++) {
		const struct group *gr = &in->groups[g];
		if (per_member[g] <= 0 || !any_takeable(c, g, by))
			continue;
		double least = INFINITY;
		for (int p = c->eff[g]; p <= by && p < c->np; p++) {
			if (!crews_ok(c, g, p))
				continue;
			for (size_t v = 0; v < in->n_vendors; v++)
				if (vendor_fits(c, g, v, p)) {
					uses[v] = true;
					if (instance_cost(in, g, v, p) < least)
						least = instance_cost(in, g, v, p);
				}
		}
		for (uint32_t k = gr->first_part; k < gr->first_part + gr->n_parts; k++)
			regions[in->parts[k].region] = true;
		double amount = per_member[g] * gr->multiplicity;
		money[n] = (struct cap_offer){least / per_member[g], amount};
		units[n] = (struct cap_offer){(double)gr->units / per_member[g], amount};
		sites[n] = (struct cap_offer){(double)gr->sites / per_member[g], amount};
		n++;
	}
	/* Units and sites go whole: the need, and the units it takes, are
	 * whole numbers (the cap's own slack is far below one). */
	need = ceil(need - 1e-6);
	double *have = xcalloc((size_t)by + 1, sizeof(double));
	double *all = xcalloc((size_t)by + 1, sizeof(double));
	double *yearv = xcalloc((size_t)in->n_years + 1, sizeof(double));
	double *keyv = xcalloc((size_t)c->np + 1, sizeof(double));
	char by_text[16], what[48];
	period_text(c, by_text, sizeof(by_text), by);
	num_format_count(what, sizeof(what), need,
			 r->measure == CAP_SITES ? "high-risk site" : "high-risk unit",
			 r->measure == CAP_SITES ? "high-risk sites" : "high-risk units");
	const char *intro = "%s cannot hold: at least %s in scope must be swapped by the "
			    "end of %s to bring the share to %.1f%%, ";

	/* Money: all that periods 0..by can spend (check_money's bound). */
	window_from(c, in->budget, c->ppy > 1 ? in->budget_period : NULL, by, have);
	if (s->carry_over) {
		window_from(c, in->budget, NULL, by, all);
		double total = all[0];
		window_from(c, c->money, c->ppy > 1 ? in->budget_period : NULL, by, have);
		have[0] = fmin(total, have[0]);
	}
	double cost = least_use(money, n, need);
	bool found = false;
	if (isfinite(cost) && exceeds(cost, have[0])) {
		char a[64], b[64], d[64];
		fmt_money(c, a, sizeof(a), cost);
		fmt_money(c, b, sizeof(b), have[0]);
		fmt_money(c, d, sizeof(d), cost - have[0]);
		char *fmt =
			xasprintf("%s%s", intro,
				  "which costs at least %s (the cheapest first), but at "
				  "most %s can be spent up to %s: %s short");
		add(c, PRECHECK_MONEY, true, period_year(s->start, c->ppy, by), r->line,
		    cost, have[0], fmt, label, what, by_text, 100.0 * r->max_share, a, b,
		    by_text, d);
		free(fmt);
		found = true;
	}
	/* Capacity: every vendor that could take one of them. */
	double cap = 0;
	for (size_t v = 0; v < in->n_vendors && !found; v++) {
		if (!uses[v])
			continue;
		vendor_window(c, v, by, have);
		cap += have[0];
	}
	double u = ceil(least_use(units, n, need) - 1e-6);
	if (!found && isfinite(u) && exceeds(u, cap)) {
		char a[32], b[32], d[48];
		num_format_quantity(a, sizeof(a), u);
		num_format_quantity(b, sizeof(b), cap);
		num_format_count(d, sizeof(d), u - cap, "unit", "units");
		char *fmt =
			xasprintf("%s%s", intro,
				  "which takes at least %s units, but the vendors that "
				  "can take them can install at most %s up to %s: %s "
				  "short");
		add(c, PRECHECK_CAPACITY, true, period_year(s->start, c->ppy, by),
		    r->line, u, cap, fmt, label, what, by_text, 100.0 * r->max_share, a,
		    b, by_text, d);
		free(fmt);
		found = true;
	}
	/* Crews: every region of them together. */
	double crews_all = 0;
	for (uint32_t reg = 0; reg < s->regions.count && !found; reg++) {
		if (!regions[reg])
			continue;
		for (int y = 0; y < in->n_years; y++)
			yearv[y] = scenario_crews(s, s->regions.names[reg], y);
		for (int p = 0; p < c->np; p++)
			keyv[p] = scenario_crews_period(s, s->regions.names[reg], p);
		window_from(c, yearv, c->ppy > 1 ? keyv : NULL, by, have);
		crews_all += have[0];
	}
	double st = ceil(least_use(sites, n, need) - 1e-6);
	if (!found && isfinite(st) && exceeds(st, crews_all)) {
		char a[48], b[48], d[48];
		num_format_count(a, sizeof(a), st, "site", "sites");
		num_format_count(b, sizeof(b), crews_all, "site", "sites");
		num_format_count(d, sizeof(d), st - crews_all, "site", "sites");
		char *fmt = xasprintf("%s%s", intro,
				      "which takes at least %s, but the crews of their "
				      "regions can swap at most %s up to %s: %s short");
		add(c, PRECHECK_CREWS, true, period_year(s->start, c->ppy, by), r->line,
		    st, crews_all, fmt, label, what, by_text, 100.0 * r->max_share, a, b,
		    by_text, d);
		free(fmt);
	}
	free(money);
	free(units);
	free(sites);
	free(uses);
	free(regions);
	free(have);
	free(all);
	free(yearv);
	free(keyv);
}

/*
 * A cap binds from its binding end (the first period's end when
 * earlier). The HR units in scope that no period up to then can take stay
 * whatever the plan; if they alone are above the cap there, it cannot
 * hold. (Checking one period end is a necessary condition; the first is
 * where the fewest units can have gone.)
 */
static void check_caps(struct ctx *c)
{
	const struct scenario *s = c->s;
	const struct instance *in = c->in;
	for (size_t i = 0; i < s->n_caps; i++) {
		const struct share_cap_rule *r = &s->caps[i];
		char *label = rule_label_cap(r);
		int from = instance_cap_from(in, r);
		if (from >= s->n_periods) {
			add(c, PRECHECK_AFTER_HORIZON, false, r->year, r->line, NAN, NAN,
			    "%s binds nothing: it is after the horizon's end (%d)", label,
			    s->end);
			free(label);
			continue;
		}
		/* With a re-plan, history decides the period ends before
		 * replan_from: the cap held there or is broken before the
		 * re-plan (replan_check.c reports it); the proof looks at the
		 * first end the planner decides, with the ledger's sites
		 * counted as swapped (fewer units in scope to swap: the proof
		 * stays sound). */
		if (c->hist && c->hist->cap_broken[i]) {
			free(label);
			continue;
		}
		if (c->hist && from < c->hist->replan_p)
			from = c->hist->replan_p;
		double total, stuck = 0;
		double *per_member = xcalloc(in->n_groups + 1, sizeof(double));
		double hr = instance_cap_scope(in, r, from, per_member, &total);
		for (size_t g = 0; g < in->n_groups; g++) {
			if (holds_ledger_row(c, g)) {
				hr -= per_member[g] * in->groups[g].multiplicity;
				per_member[g] = 0;
			} else if (!any_takeable(c, g, from)) {
				stuck += per_member[g] * in->groups[g].multiplicity;
			}
		}
		double limit = r->max_share * total;
		if (c->v2 && !exceeds(stuck, limit) && exceeds(hr, limit))
			check_cap_resources(c, r, from, per_member, hr - limit, label);
		free(per_member);
		if (exceeds(stuck, limit)) {
			char a[48], b[48], tot[48], by[16];
			num_format_count(a, sizeof(a), stuck, "high-risk unit",
					 "high-risk units");
			num_format_count(b, sizeof(b), floor(limit + 1e-9), "unit",
					 "units");
			num_format_count(tot, sizeof(tot), total, "unit", "units");
			period_text(c, by, sizeof(by), from);
			add(c, PRECHECK_SHARE_CAP, true,
			    period_year(s->start, c->ppy, from), r->line, stuck, limit,
			    "%s cannot hold: %s in scope cannot be swapped by the end "
			    "of %s whatever the plan, %.1f%% of the %s in scope, above "
			    "the cap of %.1f%% (%s)",
			    label, a, by, total > 0 ? 100.0 * stuck / total : 0.0, tot,
			    100.0 * r->max_share, b);
		}
		free(label);
	}
}

/* ---- Notes. ---- */

static void note_stranded(struct ctx *c)
{
	size_t n = 0;
	double units = 0;
	for (size_t g = 0; g < c->in->n_groups; g++) {
		if (c->due[g] != NO_DUE || any_takeable(c, g, c->np - 1))
			continue;
		const struct group *gr = &c->in->groups[g];
		units += (double)gr->units * gr->multiplicity;
		if (n++ >= MAX_STRANDED_NOTES)
			continue;
		char *name = group_name(c, g);
		char *why = why_unreachable(c, g, c->np - 1);
		add(c, PRECHECK_STRANDED, false, 0, 0, NAN, NAN,
		    "%s cannot be swapped in any %s of the horizon and will stay: %s",
		    name, c->ppy == 1 ? "year" : "period", why);
		free(name);
		free(why);
	}
	if (n > MAX_STRANDED_NOTES) {
		char u[32];
		num_format_quantity(u, sizeof(u), units);
		add(c, PRECHECK_STRANDED, false, 0, 0, NAN, NAN,
		    "and %zu more swap units cannot be swapped in any %s (%s units in "
		    "all stay)",
		    n - MAX_STRANDED_NOTES, c->ppy == 1 ? "year" : "period", u);
	}
}

static void note_vendors_above_share(struct ctx *c)
{
	const struct scenario *s = c->s;
	const struct instance *in = c->in;
	for (uint32_t d = 0; d < s->domains.count; d++) {
		const char *dname = s->domains.names[d];
		double mu = scenario_vendor_share_limit(s, dname);
		if (isnan(mu))
			continue;
		unsigned line = 0;
		for (size_t i = 0; i < s->n_vendor_share; i++)
			if (strcmp(s->vendor_share[i].domain, dname) == 0)
				line = s->vendor_share[i].line;
		double all = (double)in->domain_units[d];
		for (size_t v = 0; v < in->n_vendors; v++) {
			double had = (double)in->vendor_had[v * in->n_domains + d];
			if (!exceeds(had, mu * all))
				continue;
			char a[32], b[32];
			num_format_quantity(a, sizeof(a), had);
			num_format_quantity(b, sizeof(b), all);
			add(c, PRECHECK_VENDOR_ABOVE, false, 0, line, had, mu * all,
			    "%s already holds %s of the %s %s units (%.1f%%), above "
			    "max_vendor_share %.1f%%: it gets no more swaps in %s",
			    s->vendors[v].name, a, b, dname, 100.0 * had / all,
			    100.0 * mu, dname);
		}
	}
}

/*
 * The most money one year can spend on a single swap unit: its own
 * budget, plus with carry_over every earlier limited year's budget since
 * the last unlimited one (an unlimited year carries nothing forward).
 */
static void year_money(struct ctx *c)
{
	double run = 0;
	for (int yi = 0; yi < c->in->n_years; yi++) {
		double b = c->in->budget[yi];
		if (isinf(b)) {
			c->money[yi] = INFINITY;
			run = 0;
			continue;
		}
		run = c->s->carry_over ? run + b : b;
		c->money[yi] = run;
	}
}

/*
 * room[(p * n_domains + d) * n_vendors + v]: instance_vendor_room() for
 * every period, when some domain has a max_vendor_share (computed once:
 * with growth each value counts the sites in service).
 */
static void vendor_rooms(struct ctx *c)
{
	const struct instance *in = c->in;
	bool any = false;
	for (uint32_t d = 0; d < in->n_domains; d++)
		any = any ||
		      !isnan(scenario_vendor_share_limit(c->s, c->s->domains.names[d]));
	if (!any || !in->n_vendors)
		return;
	c->room = xcalloc((size_t)c->np * in->n_domains * in->n_vendors, sizeof(double));
	for (int p = 0; p < c->np; p++)
		for (uint32_t d = 0; d < in->n_domains; d++)
			for (size_t v = 0; v < in->n_vendors; v++) {
				size_t i =
					((size_t)p * in->n_domains + d) * in->n_vendors +
					v;
				/* Without growth every period's room is the last's. */
				c->room[i] = p > 0 && !in->n_growth
						     ? c->room[i - in->n_domains *
									   in->n_vendors]
						     : instance_vendor_room(in, v, d, p);
			}
}

/*
 * The checks above see neither the ledger's swaps, which are fixed even
 * where they break a rule (model-2.md rule 6), nor the funds' money. A
 * proof they make about what the ledger or the funds change is then no
 * proof: it is kept, as a note that says why.
 */
static bool unproven(const struct scenario *s, enum precheck_kind kind)
{
	switch (kind) {
	case PRECHECK_CAPACITY:
	case PRECHECK_CREWS:
		return s->n_fixed > 0;
	case PRECHECK_UNREACHABLE: /* its reasons may be money */
	case PRECHECK_SHARE_CAP:   /* so may a cap's (the money by its date) */
	case PRECHECK_MONEY:
		return s->n_fixed > 0 || s->n_funds > 0;
	default:
		return false;
	}
}

static void demote_unproven(struct ctx *c)
{
	struct precheck *pc = c->pc;
	size_t kept = 0;
	for (size_t i = 0; i < pc->count; i++) {
		struct precheck_finding f = pc->findings[i];
		if (!unproven(c->s, f.kind)) {
			pc->findings[kept++] = f;
			continue;
		}
		char *msg = xasprintf("%s (not proven: the pre-check does not count "
				      "the ledger's swaps and the funds' money)",
				      f.message);
		free(f.message);
		f.message = msg;
		f.impossible = false;
		pc->n_impossible--;
		ARRAY_GROW(c->notes, c->n_notes, c->alloc_notes);
		c->notes[c->n_notes++] = f;
	}
	pc->count = kept;
	/* A swap unit "that will stay" may still go with the funds' money or
	 * have gone in the ledger. */
	for (size_t i = 0; i < c->n_notes; i++) {
		struct precheck_finding *f = &c->notes[i];
		if (f->kind != PRECHECK_STRANDED || (!c->s->n_fixed && !c->s->n_funds))
			continue;
		char *msg = xasprintf("%s (the pre-check does not count the ledger's "
				      "swaps and the funds' money)",
				      f->message);
		free(f->message);
		f->message = msg;
	}
}

/* replan_check.h's findings: proofs with the others, notes after them. */
static void replan_findings(struct ctx *c)
{
	struct precheck_finding *list = NULL;
	size_t n = 0, alloc = 0;
	replan_check_run(c->s, c->hist, &list, &n, &alloc);
	for (size_t i = 0; i < n; i++) {
		if (list[i].impossible) {
			ARRAY_GROW(c->pc->findings, c->pc->count, c->pc->alloc);
			c->pc->findings[c->pc->count++] = list[i];
			c->pc->n_impossible++;
		} else {
			ARRAY_GROW(c->notes, c->n_notes, c->alloc_notes);
			c->notes[c->n_notes++] = list[i];
		}
	}
	free(list);
}

struct precheck *precheck_run(const struct instance *in)
{
	struct precheck *pc = xcalloc(1, sizeof(*pc));
	size_t n = in->n_groups ? in->n_groups : 1;
	struct ctx c = {
		.in = in,
		.s = in->scenario,
		.pc = pc,
		.np = in->n_periods,
		.ppy = in->periods_per_year,
		.v2 = in->scenario->format_version >= 2,
		.eff = xcalloc(n, sizeof(int)),
		.via = xcalloc(n, sizeof(uint32_t)),
		.money = xcalloc((size_t)in->n_years + 1, sizeof(double)),
		.due = xcalloc(n, sizeof(int)),
		.own = xcalloc(n, sizeof(int)),
		.unreach = xcalloc(n, sizeof(bool)),
	};
	c.hist = in->history;
	if (!c.hist)
		c.hist = c.own_hist = history_create(in->scenario);
	year_money(&c);
	vendor_rooms(&c);
	region_crews(&c);
	if (c.v2 && in->n_vendors)
		vendor_sets(&c);
	resolve_dependencies(&c);
	collect_due_rules(&c);
	own_deadlines_past(&c);
	for (size_t g = 0; g < in->n_groups; g++)
		c.unreach[g] = c.due[g] != NO_DUE && !any_takeable(&c, g, c.due[g]);

	/* Each period something is due by, ascending. */
	for (int dp = 0; dp < c.np; dp++) {
		unsigned line;
		char *label = due_label(&c, dp, &line);
		if (!label)
			continue;
		check_unreachable(&c, dp, label, line);
		check_money(&c, dp, label, line);
		check_capacity(&c, dp, label, line);
		check_crews(&c, dp, label, line);
		free(label);
	}
	check_caps(&c);
	note_stranded(&c);
	note_vendors_above_share(&c);
	demote_unproven(&c);
	replan_findings(&c);
	/* What loading noticed (dates that bind before they say, columns
	 * ignored on a row), after the findings about the plan. */
	for (size_t i = 0; i < c.s->n_notes; i++)
		add(&c, PRECHECK_INPUT, false, 0, c.s->notes[i].json_line, NAN, NAN, "%s",
		    c.s->notes[i].message);

	for (size_t i = 0; i < c.n_notes; i++) {
		ARRAY_GROW(pc->findings, pc->count, pc->alloc);
		pc->findings[pc->count++] = c.notes[i];
	}
	for (size_t i = 0; i < c.n_rules; i++)
		free(c.rules[i].label);
	free(c.rules);
	free(c.notes);
	free(c.eff);
	free(c.via);
	free(c.money);
	free(c.room);
	free(c.crew);
	free(c.set);
	free(c.sets);
	free(c.due);
	free(c.own);
	free(c.unreach);
	history_destroy(c.own_hist);
	return pc;
}

void precheck_destroy(struct precheck *pc)
{
	if (!pc)
		return;
	for (size_t i = 0; i < pc->count; i++)
		free(pc->findings[i].message);
	free(pc->findings);
	free(pc);
}
