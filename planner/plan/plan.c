#include "plan/plan.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/instance.h"
#include "plan/rule_label.h"
#include "util/money.h"
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
		if (!p->rules[i].holds)
			return false;
	return true;
}

double plan_first_objective(const struct plan *p)
{
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
	free(p->money_value);
	if (p->years)
		for (int y = 0; y < p->scenario->n_years; y++)
			free(p->years[y].hr_share_domain);
	free(p->years);
	for (size_t i = 0; i < p->n_rules; i++)
		free(p->rules[i].label);
	free(p->rules);
	for (size_t i = 0; i < p->n_diagnosis; i++)
		free(p->diagnosis[i]);
	free(p->diagnosis);
	free(p);
}

/* plan.csv's order: swapped sites by year, region, site_id; then the
 * unswapped ones by region, site_id. Names compare bytewise. The
 * context is the scenario. */
static int compare_plan_sites(const void *pa, const void *pb, const void *ctx)
{
	const struct plan_site *a = pa, *b = pb;
	const struct scenario *s = ctx;
	bool sa = a->year != 0, sb = b->year != 0;
	if (sa != sb)
		return sa ? -1 : 1;
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	const struct site *x = &s->sites[a->site], *y = &s->sites[b->site];
	int c = strcmp(s->regions.names[x->region], s->regions.names[y->region]);
	if (c)
		return c;
	return strcmp(x->id, y->id);
}

static void fill_sites(struct plan *p, const struct site_decision *dec, size_t n_dec)
{
	const struct scenario *s = p->scenario;
	int *year = xcalloc(s->n_sites + 1, sizeof(int));
	int *vendor = xmalloc((s->n_sites + 1) * sizeof(int));
	for (size_t i = 0; i < s->n_sites; i++)
		vendor[i] = -1;
	for (size_t k = 0; k < n_dec; k++) {
		year[dec[k].site] = dec[k].year;
		vendor[dec[k].site] = dec[k].year ? dec[k].vendor : -1;
	}

	p->sites = xmalloc((s->n_sites + 1) * sizeof(*p->sites));
	for (uint32_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		if (!scenario_site_is_high_risk(s, site))
			continue;
		struct plan_site *ps = &p->sites[p->n_sites++];
		memset(ps, 0, sizeof(*ps));
		ps->site = i;
		ps->year = vendor[i] >= 0 ? year[i] : 0;
		ps->vendor = ps->year ? vendor[i] : -1;
		int deadline = instance_site_deadline(s, site);
		if (ps->year) {
			const char *dom = s->domains.names[site->domain];
			int k = ps->year - s->start;
			double esc = pow(1 + s->cost_escalation, k);
			double uc = scenario_unit_cost(&s->vendors[ps->vendor], dom);
			ps->equipment_cost = (double)site->units * uc * esc;
			ps->site_cost = scenario_site_cost(s, dom) * esc;
			ps->total_cost = ps->equipment_cost + ps->site_cost;
			ps->present_value = ps->total_cost / pow(1 + s->discount_rate, k);
			if (deadline <= s->end && ps->year > deadline)
				ps->late = ps->year - deadline;
		} else if (deadline <= s->end) {
			ps->late = s->end + 1 - deadline;
		}
	}
	free(year);
	free(vendor);
	sort_ctx(p->sites, p->n_sites, sizeof(*p->sites), compare_plan_sites, s);
}

static void fill_years(struct plan *p)
{
	const struct scenario *s = p->scenario;
	int ny = s->n_years;
	size_t nd = s->domains.count;
	p->years = xcalloc((size_t)ny, sizeof(*p->years));

	int64_t all_units = 0;
	int64_t *domain_units = xcalloc(nd + 1, sizeof(int64_t));
	int64_t *domain_hr = xcalloc(nd + 1, sizeof(int64_t));
	for (size_t i = 0; i < s->n_sites; i++) {
		all_units += s->sites[i].units;
		domain_units[s->sites[i].domain] += s->sites[i].units;
	}
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct site *site = &s->sites[p->sites[k].site];
		p->hr_units_total += site->units;
		domain_hr[site->domain] += site->units;
	}
	p->hr_sites_total = (int64_t)p->n_sites;

	for (int y = 0; y < ny; y++) {
		struct plan_year *py = &p->years[y];
		py->year = s->start + y;
		double b = s->budget ? s->budget[y] : INFINITY;
		py->budget = isfinite(b) ? b * p->budget_scale : INFINITY;
		py->hr_share_domain = xcalloc(nd + 1, sizeof(double));
	}
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct plan_site *ps = &p->sites[k];
		if (!ps->year)
			continue;
		struct plan_year *py = &p->years[ps->year - s->start];
		py->spend += ps->total_cost;
		py->sites_swapped++;
		py->units_swapped += s->sites[ps->site].units;
	}

	int64_t remaining = p->hr_units_total;
	double carried = 0;
	for (int y = 0; y < ny; y++) {
		struct plan_year *py = &p->years[y];
		if (isfinite(py->budget)) {
			py->available = py->budget + (s->carry_over ? carried : 0);
			py->unspent = py->available - py->spend;
			carried = py->unspent > 0 ? py->unspent : 0;
		} else {
			py->available = INFINITY;
			py->unspent = INFINITY;
			carried = 0;
		}
		remaining -= py->units_swapped;
		py->hr_units_remaining = remaining;
		py->hr_share = all_units ? (double)remaining / (double)all_units : 0;
	}

	/* Per-domain shares and exposure: walk the sites once, adding each
	 * site's units and weight to every year it is still in place. */
	int64_t *left = xcalloc((size_t)ny * (nd + 1), sizeof(int64_t));
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct plan_site *ps = &p->sites[k];
		const struct site *site = &s->sites[ps->site];
		int until = ps->year ? ps->year - s->start : ny; /* exclusive */
		double w = site->criticality * (double)site->units;
		for (int y = 0; y < until; y++) {
			left[(size_t)y * (nd + 1) + site->domain] += site->units;
			p->years[y].exposure += w;
		}
	}
	for (int y = 0; y < ny; y++) {
		for (size_t d = 0; d < nd; d++)
			p->years[y].hr_share_domain[d] =
				domain_units[d] ? (double)left[(size_t)y * (nd + 1) + d] /
							  (double)domain_units[d]
						: 0;
		p->exposure += p->years[y].exposure;
	}
	p->hr_units_left = ny ? p->years[ny - 1].hr_units_remaining : p->hr_units_total;
	free(left);
	free(domain_units);
	free(domain_hr);
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

static void eval_deadlines(struct plan *p)
{
	const struct scenario *s = p->scenario;
	for (size_t r = 0; r < s->n_deadlines; r++) {
		const struct deadline_rule *dl = &s->deadlines[r];
		struct plan_rule *pr =
			add_rule(p, RULE_DEADLINE, rule_label_deadline(dl));
		pr->year = dl->year;
		pr->scenario_line = dl->line;
		/* A rule past the horizon binds nothing inside it; what it will
		 * face is what is left at the horizon's end. */
		pr->past_horizon = dl->year > s->end;
		int64_t left_at_end = 0;
		for (size_t k = 0; k < p->n_sites; k++) {
			const struct plan_site *ps = &p->sites[k];
			const struct site *site = &s->sites[ps->site];
			if (dl->domain &&
			    strcmp(dl->domain, s->domains.names[site->domain]))
				continue;
			if (pr->past_horizon) {
				if (!ps->year)
					left_at_end += site->units;
			} else if (!ps->year || ps->year > dl->year) {
				pr->sites_late++;
				pr->units_late += site->units;
			}
		}
		pr->value = (double)(pr->past_horizon ? left_at_end : pr->units_late);
		pr->holds = pr->sites_late == 0;
	}
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
		int64_t total = 0;
		for (size_t i = 0; i < s->n_sites; i++) {
			const struct site *site = &s->sites[i];
			if (scenario_cap_covers(s, c, site->domain, site->region))
				total += site->units;
		}
		int from = c->year < s->start ? s->start : c->year;
		double worst = -1;
		for (int y = from; y <= s->end; y++) {
			int64_t left = 0;
			for (size_t k = 0; k < p->n_sites; k++) {
				const struct plan_site *ps = &p->sites[k];
				const struct site *site = &s->sites[ps->site];
				if (!scenario_cap_covers(s, c, site->domain,
							 site->region))
					continue;
				if (!ps->year || ps->year > y)
					left += site->units;
			}
			double share = total ? (double)left / (double)total : 0;
			double excess = (double)left - c->max_share * (double)total;
			if (excess > SHARE_EPS * (double)(total > 1 ? total : 1)) {
				pr->holds = false;
				p->violation += excess;
				int64_t over = (int64_t)ceil(excess - 1e-9);
				if (over > pr->units_late)
					pr->units_late = over;
			}
			if (share > worst) {
				worst = share;
				pr->year = y;
			}
		}
		pr->value = worst < 0 ? 0 : worst;
	}
}

/* One rule per (domain with a limit, trusted vendor): its share at the end
 * of the horizon, the largest of every year since swaps only add. */
static void eval_vendor_share(struct plan *p)
{
	const struct scenario *s = p->scenario;
	size_t nd = s->domains.count;
	int64_t *domain_units = xcalloc(nd + 1, sizeof(int64_t));
	for (size_t i = 0; i < s->n_sites; i++)
		domain_units[s->sites[i].domain] += s->sites[i].units;
	for (uint32_t d = 0; d < nd; d++) {
		const char *dom = s->domains.names[d];
		double mu = scenario_vendor_share_limit(s, dom);
		if (isnan(mu) || !domain_units[d])
			continue;
		for (size_t v = 0; v < s->n_vendors; v++) {
			int64_t had = 0, gained = 0;
			for (size_t i = 0; i < s->n_sites; i++)
				if (s->sites[i].domain == d &&
				    strcmp(s->site_vendors.names[s->sites[i].vendor],
					   s->vendors[v].name) == 0)
					had += s->sites[i].units;
			for (size_t k = 0; k < p->n_sites; k++)
				if (p->sites[k].vendor == (int)v &&
				    s->sites[p->sites[k].site].domain == d)
					gained += s->sites[p->sites[k].site].units;
			double t = (double)domain_units[d];
			struct plan_rule *pr = add_rule(
				p, RULE_VENDOR_SHARE,
				rule_label_vendor_share(s->vendors[v].name, dom, mu));
			pr->year = s->end;
			pr->value = (double)(had + gained) / t;
			pr->limit = fmax(mu, (double)had / t);
			pr->holds = (double)(had + gained) <=
				    fmax(mu * t, (double)had) + SHARE_EPS * t;
		}
	}
	free(domain_units);
}

static void eval_objectives(struct plan *p)
{
	const struct scenario *s = p->scenario;
	int last = 0;
	for (size_t k = 0; k < p->n_sites; k++) {
		const struct plan_site *ps = &p->sites[k];
		p->present_cost_exact += ps->present_value;
		p->violation += (double)ps->late * (double)s->sites[ps->site].units;
		if (ps->year > last)
			last = ps->year;
	}
	if (s->objective == OBJECTIVE_COST) {
		struct plan_rule *pr =
			add_rule(p, RULE_COMPLETION, rule_label_completion(s->end));
		pr->year = s->end;
		pr->value = (double)p->hr_units_left;
		pr->holds = p->hr_units_left == 0;
		for (size_t k = 0; k < p->n_sites; k++)
			if (!p->sites[k].year) {
				pr->sites_late++;
				pr->units_late += s->sites[p->sites[k].site].units;
			}
	}
	if (p->hr_units_left == 0)
		p->completion_year = p->n_sites ? (last ? last : s->start) : s->start;
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
	for (int y = 0; p->years && y < s->n_years; y++)
		p->years[y].spend_cents = 0;
	for (size_t k = 0; k < p->n_sites; k++) {
		struct plan_site *ps = &p->sites[k];
		if (!ps->year) {
			ps->equipment_cents = ps->site_cents = 0;
			ps->total_cents = ps->present_cents = 0;
			continue;
		}
		ps->equipment_cents = money_cents(ps->equipment_cost);
		ps->site_cents = money_cents(ps->site_cost);
		ps->total_cents = ps->equipment_cents + ps->site_cents;
		ps->present_cents = money_cents(ps->present_value);
		p->present_cents += ps->present_cents;
		p->nominal_cents += ps->total_cents;
		if (p->years && ps->year >= s->start && ps->year <= s->end)
			p->years[ps->year - s->start].spend_cents += ps->total_cents;
	}
	int64_t carried = 0;
	for (int y = 0; p->years && y < s->n_years; y++) {
		struct plan_year *py = &p->years[y];
		if (isfinite(py->budget)) {
			py->budget_cents = money_cents(py->budget);
			py->available_cents =
				money_add(py->budget_cents, s->carry_over ? carried : 0);
			py->unspent_cents =
				money_add(py->available_cents, -py->spend_cents);
			carried = py->unspent_cents > 0 ? py->unspent_cents : 0;
		} else {
			py->budget_cents = py->available_cents = py->unspent_cents = 0;
			carried = 0;
		}
	}
	p->present_cost = money_value(p->present_cents);
	p->nominal_cost = money_value(p->nominal_cents);
}

struct plan *plan_create(const struct scenario *s, const struct site_decision *decisions,
			 size_t n_decisions, double budget_scale)
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
	fill_years(p);
	eval_deadlines(p);
	eval_caps(p);
	eval_vendor_share(p);
	eval_objectives(p);
	plan_round_money(p);
	return p;
}
