#include "plan/precheck.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/depgraph.h"
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
	int yi;         /* year index, inside the horizon */
	int64_t domain; /* scenario domain index, -1 = every domain */
	int64_t region; /* scenario region index, -1 = every region */
	unsigned line;  /* scenario.json, 0 for the completion rule */
	char *label;    /* "core high-risk sites swapped by 2023" */
};

struct ctx {
	const struct instance *in;
	const struct scenario *s;
	struct precheck *pc;
	int ny;
	int *eff;      /* [n_groups] first year index, deps included */
	uint32_t *via; /* [n_groups] the group depended on that sets eff,
			  UINT32_MAX when its own earliest year does */
	double *money; /* [ny] most money one year can spend on one unit */
	int *due;      /* [n_groups] year index it is due by, NO_DUE */
	bool *unreach; /* [n_groups] due, and no year by then can take it */
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
 * The checks below work in years, on a relaxation of a scenario with
 * finer periods: a unit may go in any period of a year it can reach, a
 * rule binding inside a year is met by the year's end, and a year's
 * resources are its year values (period keys only take away). What cannot
 * be done in the relaxation cannot be done at all, so every finding stays
 * a proof; with yearly periods the relaxation is the scenario itself.
 *
 * year_cost: the least nominal cost of one member of group g with vendor
 * v over the periods of year index yi.
 */
static double year_cost(const struct ctx *c, size_t g, size_t v, int yi)
{
	int ppy = c->in->periods_per_year;
	double least = instance_cost(c->in, g, v, yi * ppy);
	for (int p = yi * ppy + 1; p < (yi + 1) * ppy; p++) {
		double cost = instance_cost(c->in, g, v, p);
		if (cost < least)
			least = cost;
	}
	return least;
}

/* year_of: the year index of period p (a first period or a binding end,
 * which may lie outside the horizon). */
static int year_of(const struct ctx *c, int p)
{
	int ppy = c->in->periods_per_year;
	return p >= 0 ? p / ppy : -1 - (-1 - p) / ppy;
}

/* Money in a finding: "GBP 1,250,000.00" (money.h). */
static void fmt_money(const struct ctx *c, char *buf, size_t size, double v)
{
	money_format_text(buf, size, c->s->currency, money_cents(v));
}

static void years_range(const struct ctx *c, char *buf, size_t size, int lo, int hi)
{
	if (lo == hi)
		snprintf(buf, size, "%d", c->s->start + lo);
	else
		snprintf(buf, size, "%d-%d", c->s->start + lo, c->s->start + hi);
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
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = xmalloc(len > 0 ? (size_t)len + 1 : 1);
	va_start(ap, fmt);
	vsnprintf(msg, len > 0 ? (size_t)len + 1 : 1, fmt, ap);
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

static double crews(const struct ctx *c, uint32_t r, int yi)
{
	return scenario_crews(c->s, c->s->regions.names[r], yi);
}

static bool crews_ok(const struct ctx *c, size_t g, int yi)
{
	const struct group *gr = &c->in->groups[g];
	for (uint32_t p = gr->first_part; p < gr->first_part + gr->n_parts; p++) {
		uint32_t r = c->in->parts[p].region;
		if (exceeds(sites_in_region(c, g, r), crews(c, r, yi)))
			return false;
	}
	return true;
}

/* Units vendor v may still receive in domain d under max_vendor_share
 * (rule 5 of model.md): max(mu * all units of d, units it had) - had. */
static double share_room(const struct ctx *c, size_t v, uint32_t d)
{
	double mu = scenario_vendor_share_limit(c->s, c->s->domains.names[d]);
	if (isnan(mu))
		return INFINITY;
	double had = (double)c->in->vendor_had[v * c->in->n_domains + d];
	double limit = mu * (double)c->in->domain_units[d];
	return (limit > had ? limit : had) - had;
}

static bool share_ok(const struct ctx *c, size_t g, size_t v)
{
	const struct group *gr = &c->in->groups[g];
	for (uint32_t p = gr->first_part; p < gr->first_part + gr->n_parts; p++) {
		const struct group_part *pt = &c->in->parts[p];
		if (exceeds((double)pt->units, share_room(c, v, pt->domain)))
			return false;
	}
	return true;
}

/*
 * Whether one member of group g can be swapped in year yi on its own: a
 * vendor lists its domains, has the capacity for its units that year and
 * room under max_vendor_share; its region has the crews; and its cost
 * fits the most money a year can spend (the year's budget, plus what
 * earlier years could carry over when carry_over is on).
 */
static bool vendor_fits(const struct ctx *c, size_t g, size_t v, int yi)
{
	return vendor_able(c, g, v) &&
	       !exceeds((double)c->in->groups[g].units, c->s->vendors[v].capacity[yi]) &&
	       !exceeds(year_cost(c, g, v, yi), c->money[yi]) && share_ok(c, g, v);
}

static bool takeable_in(const struct ctx *c, size_t g, int yi)
{
	if (yi < c->eff[g] || yi >= c->ny || !crews_ok(c, g, yi))
		return false;
	for (size_t v = 0; v < c->in->n_vendors; v++)
		if (vendor_fits(c, g, v, yi))
			return true;
	return false;
}

static bool any_takeable(const struct ctx *c, size_t g, int hi)
{
	for (int yi = c->eff[g]; yi <= hi && yi < c->ny; yi++)
		if (takeable_in(c, g, yi))
			return true;
	return false;
}

/*
 * Why group g cannot be swapped in any year up to 'hi', in users' terms.
 * Tries each requirement on its own over the whole window, so the reason
 * names the one that never holds; when each holds in some year but never
 * all at once, says so.
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
	if (hi >= c->ny)
		hi = c->ny - 1;
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
		char *why =
			lo >= c->ny
				? xasprintf("it depends on %s, which cannot be swapped "
					    "within the horizon",
					    other)
				: xasprintf("it depends on %s, which cannot go before %d",
					    other, s->start + lo);
		free(other);
		return why;
	}
	for (uint32_t p = gr->first_part; p < gr->first_part + gr->n_parts; p++) {
		uint32_t r = c->in->parts[p].region;
		double need = sites_in_region(c, g, r), most = 0;
		for (int yi = lo; yi <= hi; yi++)
			if (crews(c, r, yi) > most)
				most = crews(c, r, yi);
		if (exceeds(need, most)) {
			char a[48], b[48];
			num_format_count(a, sizeof(a), need, "site", "sites");
			num_format_count(b, sizeof(b), most, "site", "sites");
			return xasprintf("it has %s in region '%s', whose crews swap at "
					 "most %s a year",
					 a, s->regions.names[r], b);
		}
	}
	double most_cap = 0, least_cost = INFINITY, most_money = 0;
	bool any_share = false;
	for (size_t v = 0; v < c->in->n_vendors; v++) {
		if (!vendor_able(c, g, v))
			continue;
		any_share = any_share || share_ok(c, g, v);
		for (int yi = lo; yi <= hi; yi++) {
			if (s->vendors[v].capacity[yi] > most_cap)
				most_cap = s->vendors[v].capacity[yi];
			if (year_cost(c, g, v, yi) < least_cost)
				least_cost = year_cost(c, g, v, yi);
		}
	}
	for (int yi = lo; yi <= hi; yi++)
		if (c->money[yi] > most_money)
			most_money = c->money[yi];
	if (exceeds((double)gr->units, most_cap)) {
		char a[48], b[48];
		num_format_count(a, sizeof(a), (double)gr->units, "unit", "units");
		num_format_count(b, sizeof(b), most_cap, "unit", "units");
		return xasprintf("it has %s, and the vendors that can take it install "
				 "at most %s a year",
				 a, b);
	}
	if (exceeds(least_cost, most_money)) {
		char a[64], b[64];
		fmt_money(c, a, sizeof(a), least_cost);
		fmt_money(c, b, sizeof(b), most_money);
		return xasprintf("it costs at least %s, more than %s (%s)", a,
				 s->carry_over ? "any year can spend with carry-over"
					       : "any year's budget",
				 b);
	}
	if (!any_share)
		return xstrdup("every vendor that can take it would go above "
			       "max_vendor_share");
	return xstrdup("no single year has the crews, a vendor's capacity and the "
		       "budget for it at once");
}

/* ---- Dependencies: components and the first year they allow. ---- */

static int compare_u32(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	return a < b ? -1 : a > b;
}

/*
 * Each group's first year, its dependencies included (depgraph.c), and a
 * note for each component of more than one group: a cycle, whose sites
 * must go in the same year.
 */
static void resolve_dependencies(struct ctx *c)
{
	const struct instance *in = c->in;
	struct depgraph dg;
	depgraph_init(&dg, in);
	depgraph_first_periods(&dg, in, c->eff, c->via);
	for (size_t g = 0; g < in->n_groups; g++)
		c->eff[g] = year_of(c, c->eff[g]);

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
 * The rules that make swap units due by a year inside the horizon: the
 * deadlines from start to end, and with the cost objective the rule that
 * every HR site goes by the end. A deadline before the start cannot hold
 * while any site of its domain remains (reported here); one after the end
 * binds nothing (a note).
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
		char *label = rule_label_deadline(r);
		int due = year_of(c, r->when.bind_p);
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
		c->rules[c->n_rules++] = (struct due_rule){.yi = due,
							   .domain = d,
							   .region = region,
							   .line = r->line,
							   .label = label};
	}
	if (scenario_completes(s))
		c->rules[c->n_rules++] =
			(struct due_rule){.yi = c->ny - 1,
					  .domain = -1,
					  .region = -1,
					  .line = 0,
					  .label = rule_label_completion(s->end)};
	for (size_t g = 0; g < in->n_groups; g++) {
		c->due[g] = NO_DUE;
		for (size_t i = 0; i < c->n_rules; i++)
			if (c->rules[i].yi < c->due[g] && rule_covers(c, g, &c->rules[i]))
				c->due[g] = c->rules[i].yi;
	}
}

/*
 * The label and scenario.json line of what is due by year index dy: the
 * rules with that year, joined ("core high-risk sites swapped by 2023
 * and ran high-risk sites swapped by 2023").
 */
static char *due_label(const struct ctx *c, int dy, unsigned *line)
{
	char *label = NULL;
	*line = 0;
	for (size_t i = 0; i < c->n_rules; i++) {
		if (c->rules[i].yi != dy)
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
	return label;
}

/*
 * Resources without carry-over (capacity, crews, and money when
 * carry_over is off): what can only start in year k or later must fit in
 * the resources of years k..dy. 'need_at[k]' is the demand whose first
 * year is k, 'have_from[k]' the resources of years k..dy (INFINITY when
 * unlimited). With 'only_all', just k = 0 (money that carries over can
 * move forward, so only the total counts). Returns the k with the largest
 * shortfall (the earliest on ties, the simplest to read), -1 when none.
 */
static int worst_shortfall(const double *need_at, const double *have_from, int dy,
			   bool only_all, double *need, double *have)
{
	int best = -1;
	double best_short = 0, suffix = 0;
	for (int k = dy; k >= 0; k--) {
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

/* Included in the aggregate checks at dy: due by dy and not already
 * reported as unreachable. */
static bool counts_at(const struct ctx *c, size_t g, int dy)
{
	return c->due[g] <= dy && !c->unreach[g];
}

static void check_unreachable(struct ctx *c, int dy, const char *label, unsigned line)
{
	const struct instance *in = c->in;
	size_t n = 0;
	double sites = 0, units = 0;
	char *named = xstrdup("");
	for (size_t g = 0; g < in->n_groups; g++) {
		if (c->due[g] != dy || !c->unreach[g])
			continue;
		const struct group *gr = &in->groups[g];
		sites += (double)gr->sites * gr->multiplicity;
		units += (double)gr->units * gr->multiplicity;
		if (n++ < MAX_NAMED) {
			char *name = group_name(c, g);
			char *why = why_unreachable(c, g, dy);
			char *next = xasprintf("%s%s%s: %s", named, *named ? "; " : "",
					       name, why);
			free(name);
			free(why);
			free(named);
			named = next;
		}
	}
	if (n) {
		char a[48], b[48];
		num_format_count(a, sizeof(a), sites, "high-risk site",
				 "high-risk sites");
		num_format_count(b, sizeof(b), units, "unit", "units");
		char more[48] = "";
		if (n > MAX_NAMED)
			snprintf(more, sizeof(more), "; and %zu more", n - MAX_NAMED);
		add(c, PRECHECK_UNREACHABLE, true, c->s->start + dy, line, units, 0,
		    "%s cannot hold: %s (%s) cannot be swapped by "
		    "%d whatever the plan: %s%s",
		    label, a, b, c->s->start + dy, named, more);
	}
	free(named);
}

/*
 * Money: each swap unit due by dy at its cheapest vendor and year allowed
 * (nominal, escalated) against the budgets of the years it may use. Only
 * the (vendor, year) pairs that could take the unit on its own count (a
 * year with no money or crews for it is no cheaper option). Any unlimited
 * year in range makes money never the reason. The cheapest costs are a
 * lower bound on any plan's spend, so a shortfall is proof.
 */
static void check_money(struct ctx *c, int dy, const char *label, unsigned line)
{
	const struct instance *in = c->in;
	double *need_at = xcalloc((size_t)dy + 1, sizeof(double));
	double *have_from = xcalloc((size_t)dy + 1, sizeof(double));
	for (size_t g = 0; g < in->n_groups; g++) {
		if (!counts_at(c, g, dy))
			continue;
		double least = INFINITY;
		for (int yi = c->eff[g]; yi <= c->due[g]; yi++) {
			if (!crews_ok(c, g, yi))
				continue;
			for (size_t v = 0; v < in->n_vendors; v++)
				if (vendor_fits(c, g, v, yi) &&
				    year_cost(c, g, v, yi) < least)
					least = year_cost(c, g, v, yi);
		}
		if (isfinite(least))
			need_at[c->eff[g]] += least * in->groups[g].multiplicity;
	}
	double sum = 0;
	for (int k = dy; k >= 0; k--) {
		sum += in->budget[k];
		have_from[k] = sum;
	}
	double need = 0, have = 0;
	int k = worst_shortfall(need_at, have_from, dy, c->s->carry_over, &need, &have);
	if (k >= 0) {
		char a[64], b[64], d[64];
		fmt_money(c, a, sizeof(a), need);
		fmt_money(c, b, sizeof(b), have);
		fmt_money(c, d, sizeof(d), need - have);
		char yr[32], since[48] = "";
		years_range(c, yr, sizeof(yr), k, dy);
		if (k > 0)
			snprintf(since, sizeof(since), " that cannot go before %d",
				 c->s->start + k);
		add(c, PRECHECK_MONEY, true, c->s->start + dy, line, need, have,
		    "%s cannot hold: the high-risk sites due by %d%s cost at least %s "
		    "(each at its cheapest vendor and year), but the budget of %s is "
		    "%s: %s short",
		    label, c->s->start + dy, since, a, yr, b, d);
	}
	free(need_at);
	free(have_from);
}

/*
 * Capacity of the vendors listing 'domain' (every able vendor when
 * 'domain' < 0) for the units due by dy: per domain for swap units of that
 * domain alone, where each vendor also receives at most its room under
 * max_vendor_share; then all units together. Returns whether a shortfall
 * was reported.
 */
static bool check_capacity_of(struct ctx *c, int dy, const char *label, unsigned line,
			      int64_t domain)
{
	const struct instance *in = c->in;
	const struct scenario *s = c->s;
	double *need_at = xcalloc((size_t)dy + 1, sizeof(double));
	double *have_from = xcalloc((size_t)dy + 1, sizeof(double));
	bool *uses = xcalloc(in->n_vendors + 1, sizeof(bool));
	bool any = false;
	for (size_t g = 0; g < in->n_groups; g++) {
		if (!counts_at(c, g, dy))
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
		if (c->eff[g] > dy)
			continue;
		need_at[c->eff[g]] += (double)gr->units * gr->multiplicity;
		any = true;
		for (size_t v = 0; v < in->n_vendors; v++)
			uses[v] = uses[v] || vendor_able(c, g, v);
	}
	bool found = false;
	if (any) {
		for (int k = 0; k <= dy; k++) {
			double total = 0;
			for (size_t v = 0; v < in->n_vendors; v++) {
				if (!uses[v])
					continue;
				double cap = 0;
				for (int yi = k; yi <= dy; yi++)
					cap += s->vendors[v].capacity[yi];
				if (domain >= 0) {
					double room = share_room(c, v, (uint32_t)domain);
					if (room < cap)
						cap = room;
				}
				total += cap;
			}
			have_from[k] = total;
		}
		double need = 0, have = 0;
		int k = worst_shortfall(need_at, have_from, dy, false, &need, &have);
		if (k >= 0) {
			char *vendors = xstrdup("");
			for (size_t v = 0; v < in->n_vendors; v++) {
				if (!uses[v])
					continue;
				char *next =
					xasprintf("%s%s%s", vendors, *vendors ? ", " : "",
						  s->vendors[v].name);
				free(vendors);
				vendors = next;
			}
			char num[32], b[32], d[48], yr[32];
			num_format_quantity(num, sizeof(num), need);
			char *a = xasprintf("%s high-risk %s%s%s", num,
					    domain >= 0 ? s->domains.names[domain] : "",
					    domain >= 0 ? " " : "",
					    need == 1 ? "unit" : "units");
			num_format_quantity(b, sizeof(b), have);
			num_format_count(d, sizeof(d), need - have, "unit", "units");
			years_range(c, yr, sizeof(yr), k, dy);
			char since[48] = "";
			if (k > 0)
				snprintf(since, sizeof(since),
					 " that cannot go before %d", s->start + k);
			add(c, PRECHECK_CAPACITY, true, s->start + dy, line, need, have,
			    "%s cannot hold: %s%s %s due by %d, but the vendors that "
			    "can take them (%s) can install at most %s in %s%s: %s "
			    "short",
			    label, a, since, need == 1 ? "is" : "are", s->start + dy,
			    vendors, b, yr,
			    domain >= 0 && !isnan(scenario_vendor_share_limit(
						   s, s->domains.names[domain]))
				    ? " (capacity and max_vendor_share)"
				    : "",
			    d);
			free(vendors);
			free(a);
			found = true;
		}
	}
	free(need_at);
	free(have_from);
	free(uses);
	return found;
}

static void check_capacity(struct ctx *c, int dy, const char *label, unsigned line)
{
	bool found = false;
	for (uint32_t d = 0; d < c->s->domains.count; d++)
		found = check_capacity_of(c, dy, label, line, d) || found;
	if (!found)
		check_capacity_of(c, dy, label, line, -1);
}

/* Crews: HR sites due by dy in each region against its crews. */
static void check_crews(struct ctx *c, int dy, const char *label, unsigned line)
{
	const struct instance *in = c->in;
	double *need_at = xcalloc((size_t)dy + 1, sizeof(double));
	double *have_from = xcalloc((size_t)dy + 1, sizeof(double));
	for (uint32_t r = 0; r < c->s->regions.count; r++) {
		memset(need_at, 0, ((size_t)dy + 1) * sizeof(double));
		bool any = false;
		for (size_t g = 0; g < in->n_groups; g++) {
			if (!counts_at(c, g, dy) || c->eff[g] > dy)
				continue;
			uint32_t n = sites_in_region(c, g, r);
			need_at[c->eff[g]] += (double)n * in->groups[g].multiplicity;
			any = any || n;
		}
		if (!any)
			continue;
		double sum = 0;
		for (int k = dy; k >= 0; k--) {
			sum += crews(c, r, k);
			have_from[k] = sum;
		}
		double need = 0, have = 0;
		int k = worst_shortfall(need_at, have_from, dy, false, &need, &have);
		if (k < 0)
			continue;
		char a[48], b[48], d[48], yr[32], since[48] = "";
		num_format_count(a, sizeof(a), need, "high-risk site", "high-risk sites");
		num_format_count(b, sizeof(b), have, "site", "sites");
		num_format_count(d, sizeof(d), need - have, "site", "sites");
		years_range(c, yr, sizeof(yr), k, dy);
		if (k > 0)
			snprintf(since, sizeof(since), " that cannot go before %d",
				 c->s->start + k);
		add(c, PRECHECK_CREWS, true, c->s->start + dy, line, need, have,
		    "%s cannot hold: %s in region '%s'%s %s due by %d, but its crews "
		    "can swap at most %s in %s: %s short",
		    label, a, c->s->regions.names[r], since, need == 1 ? "is" : "are",
		    c->s->start + dy, b, yr, d);
	}
	free(need_at);
	free(have_from);
}

/* ---- Share caps. ---- */

/*
 * A cap binds from the end of its year (the start's when earlier). The HR
 * units in scope that no year up to then can take stay whatever the plan;
 * if they alone are above the cap, it cannot hold. Later years only free
 * more units, so the first year is the one to check.
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
		int y0 = year_of(c, from);
		double total, stuck = 0;
		double *per_member = xcalloc(in->n_groups + 1, sizeof(double));
		instance_cap_scope(in, r, from, per_member, &total);
		for (size_t g = 0; g < in->n_groups; g++)
			if (!any_takeable(c, g, y0))
				stuck += per_member[g] * in->groups[g].multiplicity;
		free(per_member);
		double limit = r->max_share * total;
		if (exceeds(stuck, limit)) {
			char a[48], b[48], tot[48];
			num_format_count(a, sizeof(a), stuck, "high-risk unit",
					 "high-risk units");
			num_format_count(b, sizeof(b), floor(limit + 1e-9), "unit",
					 "units");
			num_format_count(tot, sizeof(tot), total, "unit", "units");
			add(c, PRECHECK_SHARE_CAP, true, s->start + y0, r->line, stuck,
			    limit,
			    "%s cannot hold: %s in scope cannot be swapped by the end "
			    "of %d whatever the plan, %.1f%% of the %s in scope, above "
			    "the cap of %.1f%% (%s)",
			    label, a, s->start + y0,
			    total > 0 ? 100.0 * stuck / total : 0.0, tot,
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
		if (c->due[g] != NO_DUE || any_takeable(c, g, c->ny - 1))
			continue;
		const struct group *gr = &c->in->groups[g];
		units += (double)gr->units * gr->multiplicity;
		if (n++ >= MAX_STRANDED_NOTES)
			continue;
		char *name = group_name(c, g);
		char *why = why_unreachable(c, g, c->ny - 1);
		add(c, PRECHECK_STRANDED, false, 0, 0, NAN, NAN,
		    "%s cannot be swapped in any year of the horizon and will stay: %s",
		    name, why);
		free(name);
		free(why);
	}
	if (n > MAX_STRANDED_NOTES) {
		char u[32];
		num_format_quantity(u, sizeof(u), units);
		add(c, PRECHECK_STRANDED, false, 0, 0, NAN, NAN,
		    "and %zu more swap units cannot be swapped in any year (%s units in "
		    "all stay)",
		    n - MAX_STRANDED_NOTES, u);
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
	for (int yi = 0; yi < c->ny; yi++) {
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
	case PRECHECK_SHARE_CAP:
		return s->n_fixed > 0;
	case PRECHECK_UNREACHABLE: /* its reasons may be money */
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
	replan_check_run(c->s, &list, &n, &alloc);
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
		.ny = in->n_years,
		.eff = xcalloc(n, sizeof(int)),
		.via = xcalloc(n, sizeof(uint32_t)),
		.money = xcalloc((size_t)in->n_years + 1, sizeof(double)),
		.due = xcalloc(n, sizeof(int)),
		.unreach = xcalloc(n, sizeof(bool)),
	};
	year_money(&c);
	resolve_dependencies(&c);
	collect_due_rules(&c);
	for (size_t g = 0; g < in->n_groups; g++)
		c.unreach[g] = c.due[g] != NO_DUE && !any_takeable(&c, g, c.due[g]);

	/* Each year something is due by, ascending. */
	for (int dy = 0; dy < c.ny; dy++) {
		unsigned line;
		char *label = due_label(&c, dy, &line);
		if (!label)
			continue;
		check_unreachable(&c, dy, label, line);
		check_money(&c, dy, label, line);
		check_capacity(&c, dy, label, line);
		check_crews(&c, dy, label, line);
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
	free(c.due);
	free(c.unreach);
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
