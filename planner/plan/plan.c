#include "plan/plan.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/history.h"
#include "plan/instance.h"
#include "plan/plan_funds.h"
#include "plan/plan_history.h"
#include "plan/rule_label.h"
#include "util/money.h"
#include "util/period.h"
#include "util/sort.h"
#include "util/xalloc.h"

/* Shares are compared with this slack so that a plan exactly at a cap
 * (35 of 100 units) is not reported as breaking it through rounding. */
#define SHARE_EPS 1e-9

const char *plan_status_name(enum plan_status status)
{
	switch (status) {
	case PLAN_OPTIMAL:
		return "optimal";
	case PLAN_FEASIBLE:
		return "feasible";
	case PLAN_INFEASIBLE:
		return "infeasible";
	case PLAN_NO_PLAN:
		return "no_plan";
	}
	return "unknown";
}

const char *plan_stop_name(enum plan_stop stop)
{
	switch (stop) {
	case PLAN_STOP_NONE:
		return NULL;
	case PLAN_STOP_TIME_LIMIT:
		return "time_limit";
	case PLAN_STOP_GAP:
		return "gap";
	case PLAN_STOP_INTERRUPT:
		return "interrupt";
	}
	return NULL;
}

bool plan_rules_hold(const struct plan *p)
{
	for (size_t i = 0; i < p->n_rules; i++)
		if (!p->rules[i].holds && !p->rules[i].broken_before_replan)
			return false;
	return true;
}

double plan_first_objective(const struct plan *p)
{
	if (p->objective == OBJECTIVE_OWN_COST)
		return p->own_present_exact;
	return p->objective == OBJECTIVE_COST ? p->present_cost_exact : p->exposure;
}

void plan_add_diagnosis(struct plan *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *line = xvasprintf(fmt, ap);
	va_end(ap);
	p->diagnosis = xreallocarray(p->diagnosis, p->n_diagnosis + 1, sizeof(char *));
	p->diagnosis[p->n_diagnosis++] = line;
}

void plan_destroy(struct plan *p)
{
	if (!p)
		return;
	free(p->sites);
	free(p->baseline_dir);
	free(p->money_value);
	if (p->years)
		for (size_t y = 0; y < p->n_years; y++)
			free(p->years[y].hr_share_domain);
	free(p->years);
	free(p->year_money);
	for (size_t i = 0; i < p->n_rules; i++)
		free(p->rules[i].label);
	free(p->rules);
	for (size_t i = 0; i < p->n_diagnosis; i++)
		free(p->diagnosis[i]);
	free(p->diagnosis);
	plan_funds_free(p);
	free(p);
}

/* plan.csv's order: swapped sites by period, region, site_id; then the
 * unswapped ones by region, site_id. Names compare bytewise. The
 * context is the scenario. */
static int compare_plan_sites(const void *pa, const void *pb, const void *ctx)
{
	const struct plan_site *a = pa, *b = pb;
	const struct scenario *s = ctx;
	bool sa = a->period >= 0, sb = b->period >= 0;
	if (sa != sb)
		return sa ? -1 : 1;
	if (a->period != b->period)
		return a->period < b->period ? -1 : 1;
	const struct site *x = &s->sites[a->site], *y = &s->sites[b->site];
	int c = strcmp(s->regions.names[x->region], s->regions.names[y->region]);
	if (c)
		return c;
	return strcmp(x->id, y->id);
}
/*
 * The binding end a site's `late` counts from: its deadline, or, when that
 * binds before the horizon's first period end (clamped to -1 by the
 * loader), the true binding end of the earliest such rule from its date,
 * so that a ledger row (or --allow-late) late against a rule of 2023 in a
 * 2025 horizon is 2 years late, not 1 (cli-and-outputs-2.md: years from
 * the binding end).
 */
static int late_from(const struct scenario *s, const struct site *site, int deadline)
{
	if (deadline >= 0)
		return deadline;
	int ppy = s->periods_per_year;
	int d = deadline;
	for (size_t k = 0; k < s->n_deadlines; k++) {
		const struct deadline_rule *r = &s->deadlines[k];
		if (r->when.bind_p < 0 && history_deadline_covers(s, r, site)) {
			int b = period_binding_end(s->start, ppy, r->when.date);
			if (b < d)
				d = b;
		}
	}
	if (site->has_deadline && site->deadline_p < 0) {
		int b = period_binding_end(s->start, ppy, site->deadline);
		if (b < d)
			d = b;
	}
	return d;
}

static void fill_sites(struct plan *p, const struct site_decision *dec, size_t n_dec)
{
	const struct scenario *s = p->scenario;
	int ppy = s->periods_per_year, np = s->n_periods;
	int *period = xmalloc((s->n_sites + 1) * sizeof(int));
	int *vendor = xmalloc((s->n_sites + 1) * sizeof(int));
	for (size_t i = 0; i < s->n_sites; i++)
		period[i] = vendor[i] = -1;
	for (size_t k = 0; k < n_dec; k++) {
		bool swapped = dec[k].period >= 0 && dec[k].period < np;
		period[dec[k].site] = swapped ? dec[k].period : -1;
		vendor[dec[k].site] = swapped ? dec[k].vendor : -1;
	}

	p->sites = xmalloc((s->n_sites + 1) * sizeof(*p->sites));
	for (uint32_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		if (!scenario_site_is_high_risk(s, site))
			continue;
		struct plan_site *ps = &p->sites[p->n_sites++];
		memset(ps, 0, sizeof(*ps));
		ps->site = i;
		ps->period = vendor[i] >= 0 ? period[i] : -1;
		ps->vendor = ps->period >= 0 ? vendor[i] : -1;
		ps->year = ps->period >= 0 ? period_year(s->start, ppy, ps->period) : 0;
		int deadline = late_from(s, site, instance_site_deadline(s, site));
		if (ps->period >= 0) {
			const char *dom = s->domains.names[site->domain];
			double t = period_t(ppy, ps->period);
			double esc = pow(1 + s->cost_escalation, t);
			double uc = scenario_unit_cost(&s->vendors[ps->vendor], dom);
			ps->equipment_cost = (double)site->units * uc * esc;
			ps->site_cost = scenario_site_cost(s, dom) * esc;
			ps->total_cost = ps->equipment_cost + ps->site_cost;
			ps->present_value = ps->total_cost / pow(1 + s->discount_rate, t);
			if (deadline <= np - 1 && ps->period > deadline)
				ps->late = (double)(ps->period - deadline) / ppy;
		} else if (deadline <= np - 1) {
			ps->late = (double)(np - deadline) / ppy;
		}
	}
	free(period);
	free(vendor);
	sort_ctx(p->sites, p->n_sites, sizeof(*p->sites), compare_plan_sites, s);
}

/*
 * The units in service at each period's end, counted in one pass over the
 * sites (a site with in_service counts from the end of its period):
 * at[(k + 1) * n_domains * n_periods + d * n_periods + q] for the sites
 * whose vendor column is site vendor k (k = -1: every site), and whether
 * a site enters service at the end of each period.
 */
struct in_service {
	int64_t *at;
	bool *grows; /* [n_periods]: some site enters at the end of period q */
	size_t nd, np;
};

static void in_service_count(struct in_service *c, const struct scenario *s)
{
	c->nd = s->domains.count;
	c->np = (size_t)s->n_periods;
	size_t nk = s->site_vendors.count + 1;
	c->at = xcalloc(nk * c->nd * c->np + 1, sizeof(int64_t));
	c->grows = xcalloc(c->np + 1, sizeof(bool));
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		if (site->in_service_p >= s->n_periods)
			continue;
		size_t q = site->in_service_p > 0 ? (size_t)site->in_service_p : 0;
		if (site->in_service_p > 0)
			c->grows[q] = true;
		c->at[site->domain * c->np + q] += site->units;
		c->at[((site->vendor + 1) * c->nd + site->domain) * c->np + q] +=
			site->units;
	}
	for (size_t k = 0; k < nk * c->nd; k++)
		for (size_t q = 1; q < c->np; q++)
			c->at[k * c->np + q] += c->at[k * c->np + q - 1];
}

static void in_service_finish(struct in_service *c)
{
	free(c->at);
	free(c->grows);
}

/* Units in service in domain d at the end of period q, of the sites with
 * site vendor k (-1: all). */
static int64_t in_service_units(const struct in_service *c, long k, size_t d, int q)
{
	return c->at[((size_t)(k + 1) * c->nd + d) * c->np + (size_t)q];
}

/* The units in service at the end of period q, in all and by domain. */
static int64_t units_at(const struct in_service *c, int q, int64_t *by_domain)
{
	int64_t all = 0;
	for (size_t d = 0; d < c->nd; d++) {
		by_domain[d] = in_service_units(c, -1, d, q);
		all += by_domain[d];
	}
	return all;
}

/* Whether a deficit of year y carries into the next year with
 * carry_over: in a re-plan or with a ledger, the fixed swaps' own spend
 * above a year's money carries (model-2.md rule 6; the model lets the
 * planner add nothing in such a year, and never more deficit than the
 * fixed swaps make); without history no year ends below 0 and nothing
 * below 0 carries. */
static bool deficit_carries(const struct scenario *s)
{
	return history_uses(s);
}

/*
 * Money across periods (scenario-format-2.md): the year's money is its
 * budget plus carry-over; a period may use what the year's earlier periods
 * left, capped by its own key; what the year leaves carries on. With
 * yearly periods this is version 1's rule.
 */
static void fill_money(struct plan *p)
{
	const struct scenario *s = p->scenario;
	int ppy = s->periods_per_year;
	double carried = 0;
	for (int y = 0; y < s->n_years; y++) {
		double b = s->budget ? s->budget[y] : INFINITY;
		double year_money =
			isfinite(b) ? b * p->budget_scale + (s->carry_over ? carried : 0)
				    : INFINITY;
		double spent = 0;
		for (int k = y * ppy; k < (y + 1) * ppy; k++) {
			struct plan_year *py = &p->years[k];
			double key = s->budget_period ? s->budget_period[k] : INFINITY;
			key = isfinite(key) ? key * p->budget_scale : INFINITY;
			py->budget =
				ppy == 1 ? (isfinite(b) ? b * p->budget_scale : INFINITY)
					 : key;
			py->available = ppy == 1 ? year_money : year_money - spent;
			if (key < py->available)
				py->available = key;
			double own = py->spend - py->funded;
			py->unspent =
				isfinite(py->available) ? py->available - own : INFINITY;
			spent += own;
		}
		if (ppy == 1)
			carried = isfinite(year_money) && (p->years[y].unspent > 0 ||
							   deficit_carries(s))
					  ? p->years[y].unspent
					  : 0;
		else
			carried = isfinite(year_money) && (year_money - spent > 0 ||
							   deficit_carries(s))
					  ? year_money - spent
					  : 0;
	}
}

static void fill_years(struct plan *p, const struct in_service *svc)
{
	const struct scenario *s = p->scenario;
	int np = s->n_periods, ppy = s->periods_per_year;
	size_t nd = s->domains.count;
	p->n_years = (size_t)np;
	p->years = xcalloc((size_t)np + 1, sizeof(*p->years));

	int64_t *domain_units = xcalloc(nd + 1, sizeof(int64_t));
	for (size_t k = 0; k < p->n_sites; k++)
		p->hr_units_total += s->sites[p->sites[k].site].units;
	p->hr_sites_total = (int64_t)p->n_sites;

	for (int y = 0; y < np; y++) {
		struct plan_year *py = &p->years[y];
		py->period = y;
		py->year = period_year(s->start, ppy, y);
		py->hr_share_domain = xcalloc(nd + 1, sizeof(double));
	}
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct plan_site *ps = &p->sites[k];
		if (ps->period < 0)
			continue;
		struct plan_year *py = &p->years[ps->period];
		py->spend += ps->total_cost;
		py->funded += ps->funded;
		py->sites_swapped++;
		py->units_swapped += s->sites[ps->site].units;
	}
	fill_money(p);

	int64_t remaining = p->hr_units_total;
	for (int y = 0; y < np; y++) {
		struct plan_year *py = &p->years[y];
		int64_t all_units = units_at(svc, y, domain_units);
		remaining -= py->units_swapped;
		py->hr_units_remaining = remaining;
		py->hr_share = all_units ? (double)remaining / (double)all_units : 0;
	}

	/* Per-domain shares and exposure: walk the sites once, adding each
	 * site's units and weight to every period it is still in place. */
	int64_t *left = xcalloc((size_t)np * (nd + 1) + 1, sizeof(int64_t));
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct plan_site *ps = &p->sites[k];
		const struct site *site = &s->sites[ps->site];
		int until = ps->period >= 0 ? ps->period : np; /* exclusive */
		double w = site->criticality * (double)site->units;
		for (int y = 0; y < until; y++) {
			left[(size_t)y * (nd + 1) + site->domain] += site->units;
			p->years[y].exposure += w;
		}
	}
	for (int y = 0; y < np; y++) {
		units_at(svc, y, domain_units);
		for (size_t d = 0; d < nd; d++)
			p->years[y].hr_share_domain[d] =
				domain_units[d] ? (double)left[(size_t)y * (nd + 1) + d] /
							  (double)domain_units[d]
						: 0;
		if (ppy > 1)
			p->years[y].exposure /= ppy;
		p->exposure += p->years[y].exposure;
	}
	p->hr_units_left = np ? p->years[np - 1].hr_units_remaining : p->hr_units_total;
	free(left);
	free(domain_units);
}

static struct plan_rule *add_rule(struct plan *p, enum rule_kind kind, char *label)
{
	p->rules = xreallocarray(p->rules, p->n_rules + 1, sizeof(*p->rules));
	struct plan_rule *r = &p->rules[p->n_rules++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->label = label;
	return r;
}

/* A dated rule's date and its binding end, unclamped (rule_when's bind_p
 * stops at -1 and n_periods; a report gives the real date). */
static void set_date(struct plan_rule *pr, const struct scenario *s,
		     const struct rule_when *w)
{
	pr->has_date = pr->has_bind_end = true;
	pr->date = w->date;
	pr->bind_end = period_binding_end(s->start, s->periods_per_year, w->date);
}

/* The sites' own deadlines (sites.csv's 'deadline'), as one rule; only
 * when some high-risk site has one. */
static void eval_site_deadlines(struct plan *p)
{
	const struct scenario *s = p->scenario;
	struct plan_rule *pr = NULL;
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct plan_site *ps = &p->sites[k];
		const struct site *site = &s->sites[ps->site];
		if (!site->has_deadline)
			continue;
		if (!pr) {
			pr = add_rule(p, RULE_DEADLINE, rule_label_site_deadlines());
			pr->year = 0;
			pr->period = -1;
			pr->holds = true;
			pr->site_deadlines = true;
		}
		if (site->deadline_p >= s->n_periods)
			continue;
		if (ps->period < 0 || ps->period > site->deadline_p) {
			pr->sites_late++;
			pr->units_late += site->units;
			if (site->deadline.year > pr->year)
				pr->year = site->deadline.year;
		}
	}
	if (pr) {
		pr->value = (double)pr->units_late;
		pr->holds = pr->sites_late == 0;
	}
}

static void eval_deadlines(struct plan *p)
{
	const struct scenario *s = p->scenario;
	for (size_t r = 0; r < s->n_deadlines; r++) {
		const struct deadline_rule *dl = &s->deadlines[r];
		struct plan_rule *pr =
			add_rule(p, RULE_DEADLINE, rule_label_deadline(dl));
		pr->year = dl->year;
		pr->period = dl->when.bind_p;
		pr->scenario_line = dl->line;
		set_date(pr, s, &dl->when);
		/* A rule past the horizon binds nothing inside it; what it will
		 * face is what is left at the horizon's end. */
		pr->past_horizon = dl->when.bind_p >= s->n_periods;
		int64_t left_at_end = 0;
		for (size_t k = 0; k < p->n_sites; k++) {
			const struct plan_site *ps = &p->sites[k];
			const struct site *site = &s->sites[ps->site];
			if (dl->domain &&
			    strcmp(dl->domain, s->domains.names[site->domain]))
				continue;
			if (dl->region_name && site->region != dl->region)
				continue;
			if (pr->past_horizon) {
				if (ps->period < 0)
					left_at_end += site->units;
			} else if (ps->period < 0 || ps->period > dl->when.bind_p) {
				pr->sites_late++;
				pr->units_late += site->units;
			}
		}
		pr->value = (double)(pr->past_horizon ? left_at_end : pr->units_late);
		pr->holds = pr->sites_late == 0;
	}
	eval_site_deadlines(p);
}

static void eval_caps(struct plan *p)
{
	const struct scenario *s = p->scenario;
	for (size_t r = 0; r < s->n_caps; r++) {
		const struct share_cap_rule *c = &s->caps[r];
		struct plan_rule *pr = add_rule(p, RULE_SHARE_CAP, rule_label_cap(c));
		pr->scenario_line = c->line;
		pr->limit = c->max_share;
		pr->holds = true;
		pr->year = c->year;
		pr->period = c->when.bind_p;
		set_date(pr, s, &c->when);
		bool by_sites = c->measure == CAP_SITES;
		int from = c->when.bind_p < 0 ? 0 : c->when.bind_p;
		/* What is in scope and in service, and the HR left, at the end
		 * of each period, each counted in one pass. */
		int np = s->n_periods;
		int64_t *total_at = xcalloc((size_t)np + 1, sizeof(int64_t));
		int64_t *swapped_at = xcalloc((size_t)np + 1, sizeof(int64_t));
		int64_t hr = 0;
		for (size_t i = 0; i < s->n_sites; i++) {
			const struct site *site = &s->sites[i];
			if (site->in_service_p < np &&
			    scenario_cap_covers(s, c, site->domain, site->region))
				total_at[site->in_service_p > 0 ? site->in_service_p
								: 0] +=
					by_sites ? site->units > 0 : site->units;
		}
		for (size_t k = 0; k < p->n_sites; k++) {
			const struct plan_site *ps = &p->sites[k];
			const struct site *site = &s->sites[ps->site];
			if (!scenario_cap_covers(s, c, site->domain, site->region))
				continue;
			int64_t m = by_sites ? 1 : site->units;
			hr += m;
			if (ps->period >= 0)
				swapped_at[ps->period] += m;
		}
		for (int y = 1; y < np; y++) {
			total_at[y] += total_at[y - 1];
			swapped_at[y] += swapped_at[y - 1];
		}
		double worst = -1;
		for (int y = from; y < np; y++) {
			int64_t total = total_at[y], left = hr - swapped_at[y];
			double share = total ? (double)left / (double)total : 0;
			double excess = (double)left - c->max_share * (double)total;
			if (excess > SHARE_EPS * (double)(total > 1 ? total : 1)) {
				pr->holds = false;
				p->violation += excess / s->periods_per_year;
				int64_t over = (int64_t)ceil(excess - 1e-9);
				if (over > pr->units_late)
					pr->units_late = over;
			}
			if (share > worst) {
				worst = share;
				pr->year = period_year(s->start, s->periods_per_year, y);
				pr->period = y;
			}
		}
		pr->value = worst < 0 ? 0 : worst;
		free(total_at);
		free(swapped_at);
	}
}

/*
 * One rule per (domain with a limit, trusted vendor): its share at the
 * end of each stretch of periods without sites entering service (without
 * growth, the end of the horizon), since swaps only add; the rule reports
 * the stretch end where the vendor is nearest its limit or most over it.
 */
static void eval_vendor_share(struct plan *p, const struct in_service *svc)
{
	const struct scenario *s = p->scenario;
	size_t nd = s->domains.count;
	int np = s->n_periods;
	/* gained[q]: the units vendor v gains in domain d by the end of q */
	int64_t *gained = xcalloc((size_t)np + 1, sizeof(int64_t));
	for (uint32_t d = 0; d < nd; d++) {
		const char *dom = s->domains.names[d];
		double mu = scenario_vendor_share_limit(s, dom);
		if (isnan(mu) || !in_service_units(svc, -1, d, np - 1))
			continue;
		for (size_t v = 0; v < s->n_vendors; v++) {
			struct plan_rule *pr = add_rule(
				p, RULE_VENDOR_SHARE,
				rule_label_vendor_share(s->vendors[v].name, dom, mu));
			pr->holds = true;
			long own = -1; /* the vendor's own sites' vendor column */
			for (size_t k = 0; k < s->site_vendors.count && own < 0; k++)
				if (strcmp(s->site_vendors.names[k],
					   s->vendors[v].name) == 0)
					own = (long)k;
			memset(gained, 0, ((size_t)np + 1) * sizeof(int64_t));
			for (size_t k = 0; k < p->n_sites; k++)
				if (p->sites[k].vendor == (int)v &&
				    p->sites[k].period >= 0 &&
				    s->sites[p->sites[k].site].domain == d)
					gained[p->sites[k].period] +=
						s->sites[p->sites[k].site].units;
			for (int q = 1; q < np; q++)
				gained[q] += gained[q - 1];
			double worst = -INFINITY;
			for (int q = 0; q < np; q++) {
				if (q < np - 1 && !svc->grows[q + 1])
					continue;
				int64_t had =
					own < 0 ? 0 : in_service_units(svc, own, d, q);
				double t = (double)in_service_units(svc, -1, d, q);
				if (t <= 0)
					continue;
				double limit = fmax(mu, (double)had / t);
				double value = (double)(had + gained[q]) / t;
				bool holds = (double)(had + gained[q]) <=
					     fmax(mu * t, (double)had) + SHARE_EPS * t;
				pr->holds = pr->holds && holds;
				if (value - limit > worst) {
					worst = value - limit;
					pr->year = period_year(s->start,
							       s->periods_per_year, q);
					pr->period = q;
					pr->value = value;
					pr->limit = limit;
				}
			}
		}
	}
	free(gained);
}

static void eval_objectives(struct plan *p)
{
	const struct scenario *s = p->scenario;
	int last = 0;
	p->completion_period = -1;
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct plan_site *ps = &p->sites[k];
		p->present_cost_exact += ps->present_value;
		p->violation += ps->late * (double)s->sites[ps->site].units;
		if (ps->year > last)
			last = ps->year;
		if (ps->period > p->completion_period)
			p->completion_period = ps->period;
	}
	if (scenario_completes(s)) {
		struct plan_rule *pr =
			add_rule(p, RULE_COMPLETION, rule_label_completion(s->end));
		pr->year = s->end;
		pr->period = s->n_periods - 1;
		pr->has_bind_end = true;
		pr->bind_end = s->n_periods - 1;
		pr->value = (double)p->hr_units_left;
		pr->holds = p->hr_units_left == 0;
		for (size_t k = 0; k < p->n_sites; k++)
			if (p->sites[k].period < 0) {
				pr->sites_late++;
				pr->units_late += s->sites[p->sites[k].site].units;
			}
	}
	if (p->hr_units_left == 0) {
		p->completion_year = p->n_sites ? (last ? last : s->start) : s->start;
		if (p->completion_period < 0)
			p->completion_period = 0;
	} else {
		p->completion_period = -1;
	}
}

/*
 * The money columns of finer periods in cents, by fill_money()'s rule:
 * a period's available is its year's budget plus the carried cents, less
 * the printed spend of the year's earlier periods, capped by its key.
 */
static void round_period_money(struct plan *p)
{
	const struct scenario *s = p->scenario;
	int ppy = s->periods_per_year;
	int64_t carried = 0;
	for (int y = 0; y < s->n_years; y++) {
		double b = s->budget ? s->budget[y] : INFINITY;
		bool limited = isfinite(b);
		int64_t year_cents = limited ? money_add(money_cents(b * p->budget_scale),
							 s->carry_over ? carried : 0)
					     : 0;
		int64_t spent = 0;
		for (int k = y * ppy; k < (y + 1) * ppy; k++) {
			struct plan_year *py = &p->years[k];
			py->budget_cents =
				isfinite(py->budget) ? money_cents(py->budget) : 0;
			if (isfinite(py->available)) {
				int64_t avail = limited ? money_add(year_cents, -spent)
							: py->budget_cents;
				if (isfinite(py->budget) && py->budget_cents < avail)
					avail = py->budget_cents;
				py->available_cents = avail;
				py->unspent_cents = money_add(
					avail, -(py->spend_cents - py->funded_cents));
			} else {
				py->available_cents = py->unspent_cents = 0;
			}
			spent = money_add(spent, py->spend_cents - py->funded_cents);
		}
		int64_t left = money_add(year_cents, -spent);
		carried = limited && (left > 0 || deficit_carries(s)) ? left : 0;
		struct plan_year_money *ym = &p->year_money[y];
		ym->budget = limited ? b * p->budget_scale : INFINITY;
		ym->budget_cents = limited ? money_cents(ym->budget) : 0;
		ym->available_cents = year_cents;
	}
}

/*
 * Cells first, each rounded once from its exact value; then every total
 * as the sum of the rounded cells it covers. The carry-over is followed
 * again in cents, so that each printed row's available is its budget plus
 * the previous row's printed unspent; the exact carry-over (the budget
 * rule's) is left as it is.
 */
void plan_round_money(struct plan *p)
{
	const struct scenario *s = p->scenario;
	p->present_cents = p->nominal_cents = 0;
	for (size_t y = 0; p->years && y < p->n_years; y++)
		p->years[y].spend_cents = 0;
	for (size_t k = 0; k < p->n_sites; k++) {
		struct plan_site *ps = &p->sites[k];
		if (ps->period < 0) {
			ps->equipment_cents = ps->site_cents = 0;
			ps->total_cents = ps->present_cents = 0;
			continue;
		}
		ps->equipment_cents = money_cents(ps->equipment_cost);
		ps->site_cents = money_cents(ps->site_cost);
		ps->total_cents = ps->equipment_cents + ps->site_cents;
		if (ps->written_cost)
			ps->total_cents = ps->site_cents = money_cents(ps->total_cost);
		ps->present_cents = money_cents(ps->present_value);
		p->present_cents += ps->present_cents;
		p->nominal_cents += ps->total_cents;
		if (p->years && (size_t)ps->period < p->n_years)
			p->years[ps->period].spend_cents += ps->total_cents;
	}
	plan_funds_round(p);
	if (p->years && !p->year_money)
		p->year_money = xcalloc((size_t)s->n_years + 1, sizeof(*p->year_money));
	if (p->years && s->periods_per_year > 1) {
		round_period_money(p);
	} else {
		int64_t carried = 0;
		for (size_t y = 0; p->years && y < p->n_years; y++) {
			struct plan_year *py = &p->years[y];
			if (isfinite(py->budget)) {
				py->budget_cents = money_cents(py->budget);
				py->available_cents = money_add(
					py->budget_cents, s->carry_over ? carried : 0);
				py->unspent_cents =
					money_add(py->available_cents,
						  -(py->spend_cents - py->funded_cents));
				carried = py->unspent_cents > 0 || deficit_carries(s)
						  ? py->unspent_cents
						  : 0;
			} else {
				py->budget_cents = py->available_cents =
					py->unspent_cents = 0;
				carried = 0;
			}
			if (y < (size_t)s->n_years)
				p->year_money[y] = (struct plan_year_money){
					.budget = py->budget,
					.budget_cents = py->budget_cents,
					.available_cents = py->available_cents};
		}
	}
	p->present_cost = money_value(p->present_cents);
	p->nominal_cost = money_value(p->nominal_cents);
}

struct plan *plan_create(const struct scenario *s, const struct site_decision *decisions,
			 size_t n_decisions, double budget_scale)
{
	return plan_create_funded(s, decisions, n_decisions, budget_scale, NULL);
}

struct plan *plan_create_funded(const struct scenario *s,
				const struct site_decision *decisions, size_t n_decisions,
				double budget_scale, const double *pay)
{
	struct plan *p = xcalloc(1, sizeof(*p));
	p->scenario = s;
	p->status = PLAN_FEASIBLE;
	p->objective = s->objective;
	p->budget_scale = budget_scale;
	p->bound = NAN;
	p->gap = NAN;
	p->stopped_by = PLAN_STOP_NONE;
	p->heuristic_exposure = NAN;
	p->solve_seconds = NAN;
	p->load_seconds = NAN;
	p->first_plan_seconds = NAN;
	fill_sites(p, decisions, n_decisions);
	if (history_uses(s))
		plan_history_sites(p);
	plan_funds_assign(p, pay);
	struct in_service svc;
	in_service_count(&svc, s);
	fill_years(p, &svc);
	eval_deadlines(p);
	eval_caps(p);
	eval_vendor_share(p, &svc);
	in_service_finish(&svc);
	plan_funds_evaluate(p);
	eval_objectives(p);
	plan_round_money(p);
	if (p->replan)
		plan_history_rules(p);
	return p;
}

void plan_count_moves(struct plan *p, const struct baseline *b, double slack)
{
	free(p->baseline_dir);
	p->baseline_dir = xstrdup(b->dir);
	p->slack = slack;
	p->sites_moved = p->sites_overdue = 0;
	for (size_t i = 0; i < p->n_sites; i++) {
		struct plan_site *ps = &p->sites[i];
		if (ps->status == SITE_DONE || ps->status == SITE_COMMITTED) {
			ps->moved = -1; /* a ledger row is never a move */
			continue;
		}
		bool moved = baseline_moved(b, ps->site, ps->period, ps->vendor);
		ps->moved = moved;
		p->sites_moved += moved;
		p->sites_overdue += moved && baseline_overdue(b, p->scenario, ps->site);
	}
}
