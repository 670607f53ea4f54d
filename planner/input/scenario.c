#include "input/scenario.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/did_you_mean.h"

struct scenario *scenario_create(void)
{
	struct scenario *s = xcalloc(1, sizeof(*s));
	s->currency = "GBP";
	s->vendor_share_all = NAN;
	s->objective = OBJECTIVE_EXPOSURE;
	s->format_version = 1;
	s->periods_per_year = 1;
	strmap_init(&s->regions);
	strmap_init(&s->domains);
	strmap_init(&s->site_vendors);
	strpool_init(&s->pool);
	return s;
}

void scenario_destroy(struct scenario *s)
{
	if (!s)
		return;
	free(s->json_path);
	free(s->sites_path);
	free(s->high_risk_vendors);
	for (size_t i = 0; i < s->n_vendors; i++) {
		free(s->vendors[i].unit_cost);
		free(s->vendors[i].capacity);
		free(s->vendors[i].capacity_period);
		free(s->vendors[i].regions);
		free(s->vendors[i].region_at);
		free(s->vendors[i].region_names);
	}
	free(s->vendors);
	free(s->site_cost);
	free(s->budget);
	free(s->budget_period);
	free(s->deadlines);
	for (size_t i = 0; i < s->n_caps; i++)
		free(s->caps[i].domains);
	free(s->caps);
	free(s->vendor_share);
	free(s->crews_default);
	free(s->crews_default_period);
	for (size_t i = 0; i < s->n_crews_regions; i++) {
		free(s->crews_regions[i].per_year);
		free(s->crews_regions[i].per_period);
	}
	free(s->crews_regions);
	free(s->sites);
	strmap_finish(&s->regions);
	strmap_finish(&s->domains);
	strmap_finish(&s->site_vendors);
	free(s->extra_columns);
	free(s->dep_start);
	free(s->dep_sites);
	free(s->overrides);
	free(s->allowed);
	free(s->notes);
	free(s->fixed_path);
	free(s->fixed);
	free(s->fixed_pays);
	for (size_t i = 0; i < s->n_funds; i++) {
		free(s->funds[i].disbursements);
		free(s->funds[i].domain_names);
		free(s->funds[i].domain_at);
		free(s->funds[i].domains);
		free(s->funds[i].ext_p);
	}
	free(s->funds);
	strpool_finish(&s->pool);
	free(s);
}

void scenario_add_note(struct scenario *s, unsigned json_line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	ARRAY_GROW(s->notes, s->n_notes, s->alloc_notes);
	s->notes[s->n_notes++] = (struct scenario_note){
		.message = strpool_dup(&s->pool, msg),
		.json_line = json_line,
	};
	free(msg);
}

int scenario_year_index(const struct scenario *s, int year)
{
	if (year < s->start || year > s->end)
		return -1;
	return year - s->start;
}

bool scenario_is_high_risk_vendor(const struct scenario *s, const char *name)
{
	for (size_t i = 0; i < s->n_high_risk_vendors; i++)
		if (strcmp(s->high_risk_vendors[i], name) == 0)
			return true;
	return false;
}

bool scenario_site_is_high_risk(const struct scenario *s, const struct site *site)
{
	return site->units > 0 &&
	       scenario_is_high_risk_vendor(s, s->site_vendors.names[site->vendor]);
}

int scenario_find_vendor(const struct scenario *s, const char *name)
{
	for (size_t i = 0; i < s->n_vendors; i++)
		if (strcmp(s->vendors[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *scenario_vendor_meant(const struct scenario *s, const char *name)
{
	struct did_you_mean m;
	did_you_mean_init(&m, name);
	for (size_t i = 0; i < s->n_vendors; i++)
		did_you_mean_offer(&m, s->vendors[i].name);
	return did_you_mean_best(&m);
}

static const struct domain_value *find_domain(const struct domain_value *list, size_t n,
					      const char *domain)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].domain, domain) == 0)
			return &list[i];
	return NULL;
}

double scenario_unit_cost(const struct trusted_vendor *v, const char *domain)
{
	const struct domain_value *dv = find_domain(v->unit_cost, v->n_unit_cost, domain);
	return dv ? dv->value : NAN;
}

double scenario_site_cost(const struct scenario *s, const char *domain)
{
	const struct domain_value *dv = find_domain(s->site_cost, s->n_site_cost, domain);
	return dv ? dv->value : 0.0;
}

double scenario_vendor_share_limit(const struct scenario *s, const char *domain)
{
	const struct domain_value *dv =
		find_domain(s->vendor_share, s->n_vendor_share, domain);
	return dv ? dv->value : s->vendor_share_all;
}

bool scenario_cap_covers(const struct scenario *s, const struct share_cap_rule *c,
			 uint32_t domain, uint32_t region)
{
	if (c->region && strcmp(c->region, s->regions.names[region]) != 0)
		return false;
	if (c->n_domains == 0)
		return true;
	for (size_t i = 0; i < c->n_domains; i++)
		if (strcmp(c->domains[i], s->domains.names[domain]) == 0)
			return true;
	return false;
}

double scenario_crews(const struct scenario *s, const char *region, int yi)
{
	for (size_t i = 0; i < s->n_crews_regions; i++)
		if (strcmp(s->crews_regions[i].region, region) == 0)
			return s->crews_regions[i].per_year[yi];
	return s->crews_default ? s->crews_default[yi] : INFINITY;
}

double scenario_crews_period(const struct scenario *s, const char *region, int p)
{
	for (size_t i = 0; i < s->n_crews_regions; i++)
		if (strcmp(s->crews_regions[i].region, region) == 0)
			return s->crews_regions[i].per_period
				       ? s->crews_regions[i].per_period[p]
				       : INFINITY;
	return s->crews_default_period ? s->crews_default_period[p] : INFINITY;
}

bool scenario_vendor_allows(const struct scenario *s, const struct site *site, size_t v)
{
	if (site->n_allowed) {
		bool listed = false;
		for (uint32_t k = 0; k < site->n_allowed; k++)
			listed |= s->allowed[site->allowed_first + k] == v;
		if (!listed)
			return false;
	}
	const struct trusted_vendor *tv = &s->vendors[v];
	if (!tv->n_regions || !tv->regions)
		return true;
	for (size_t k = 0; k < tv->n_regions; k++)
		if (tv->regions[k] == site->region)
			return true;
	return false;
}

double scenario_swap_cost(const struct scenario *s, const struct site *site, size_t v,
			  int p)
{
	const char *domain = s->domains.names[site->domain];
	double uc = scenario_unit_cost(&s->vendors[v], domain);
	if (isnan(uc))
		return NAN;
	double base = scenario_site_cost(s, domain) + (double)site->units * uc;
	return base * pow(1 + s->cost_escalation, period_t(s->periods_per_year, p));
}

double ledger_row_cost(const struct scenario *s, const struct ledger_row *row)
{
	if (!isnan(row->cost))
		return row->cost;
	return scenario_swap_cost(s, &s->sites[row->site], row->vendor, row->p);
}

int scenario_find_fund(const struct scenario *s, const char *name)
{
	for (size_t i = 0; i < s->n_funds; i++)
		if (strcmp(s->funds[i].name, name) == 0)
			return (int)i;
	return -1;
}

bool scenario_fund_covers(const struct fund *f, uint32_t domain)
{
	if (!f->n_domains)
		return true;
	for (size_t k = 0; k < f->n_domains; k++)
		if (f->domains && f->domains[k] == domain)
			return true;
	return false;
}

struct date scenario_fund_date(const struct fund *f, int k)
{
	return date_add_months(f->disbursements[0].date,
			       f->months_after_first + k * f->extension_months);
}

bool scenario_completes(const struct scenario *s)
{
	return s->objective == OBJECTIVE_COST || s->objective == OBJECTIVE_OWN_COST;
}

static int clamp_p(const struct scenario *s, int p)
{
	return p < -1 ? -1 : p > s->n_periods ? s->n_periods : p;
}

int scenario_year_p(const struct scenario *s, int year)
{
	return clamp_p(s, (year - s->start + 1) * s->periods_per_year - 1);
}

static void finish_when(struct scenario *s, struct rule_when *w, int year)
{
	if (w->dated) {
		w->year = w->date.year;
		w->bind_p = clamp_p(
			s, period_binding_end(s->start, s->periods_per_year, w->date));
		return;
	}
	w->year = year;
	w->date = (struct date){year, 12, 31};
	w->bind_p = scenario_year_p(s, year);
}

/* INFINITY-filled period keys where the loader read none. */
static double *no_period_keys(double *keys, int n)
{
	if (keys)
		return keys;
	keys = xcalloc((size_t)n, sizeof(*keys));
	for (int p = 0; p < n; p++)
		keys[p] = INFINITY;
	return keys;
}

/*
 * The re-plan's periods. replan_from is a period start inside the horizon
 * and every ledger date lies in it (the loader refused anything else), so
 * no index here needs clamping but the funds' binding ends, which may lie
 * before the horizon's first period end or after its last.
 */
static void finish_replan(struct scenario *s)
{
	int ppy = s->periods_per_year;
	s->replan_p =
		s->has_replan_from ? period_of_date(s->start, ppy, s->replan_from) : 0;
	if (s->replan_p < 0)
		s->replan_p = 0;
	for (size_t i = 0; i < s->n_fixed; i++) {
		struct ledger_row *row = &s->fixed[i];
		row->p = period_of_date(s->start, ppy, row->when);
		row->done = row->p < s->replan_p;
	}
	for (size_t i = 0; i < s->n_funds; i++) {
		struct fund *f = &s->funds[i];
		for (size_t k = 0; k < f->n_disbursements; k++)
			f->disbursements[k].p =
				period_of_date(s->start, ppy, f->disbursements[k].date);
		f->first_p = f->n_disbursements ? f->disbursements[0].p : 0;
		free(f->ext_p);
		f->ext_p = NULL;
		f->has_final =
			f->deadline_kind != FUND_DEADLINE_NONE && f->n_disbursements;
		f->final_p = s->n_periods;
		if (f->deadline_kind == FUND_DEADLINE_DATE) {
			f->final_date = f->deadline;
		} else if (f->has_final) {
			f->ext_p = xcalloc((size_t)f->max_extensions + 1, sizeof(int));
			for (int k = 0; k <= f->max_extensions; k++)
				f->ext_p[k] = clamp_p(
					s, period_binding_end(s->start, ppy,
							      scenario_fund_date(f, k)));
			f->final_date = scenario_fund_date(f, f->max_extensions);
		}
		if (f->has_final)
			f->final_p = clamp_p(
				s, period_binding_end(s->start, ppy, f->final_date));
	}
}

void scenario_finish_periods(struct scenario *s)
{
	int ppy = s->periods_per_year;
	s->n_periods = s->n_years * ppy;
	int n = s->n_periods > 0 ? s->n_periods : 1;
	s->budget_period = no_period_keys(s->budget_period, n);
	s->crews_default_period = no_period_keys(s->crews_default_period, n);
	for (size_t i = 0; i < s->n_crews_regions; i++)
		s->crews_regions[i].per_period =
			no_period_keys(s->crews_regions[i].per_period, n);
	for (size_t i = 0; i < s->n_vendors; i++)
		s->vendors[i].capacity_period =
			no_period_keys(s->vendors[i].capacity_period, n);
	for (size_t i = 0; i < s->n_deadlines; i++) {
		struct deadline_rule *r = &s->deadlines[i];
		finish_when(s, &r->when, r->when.dated ? r->when.date.year : r->year);
		r->year = r->when.year;
	}
	for (size_t i = 0; i < s->n_caps; i++) {
		struct share_cap_rule *c = &s->caps[i];
		finish_when(s, &c->when, c->when.dated ? c->when.date.year : c->year);
		c->year = c->when.year;
	}
	struct date first = {s->start, 1, 1};
	for (size_t i = 0; i < s->n_sites; i++) {
		struct site *site = &s->sites[i];
		site->earliest_p = 0;
		if (site->has_earliest) {
			int q = period_of_date(s->start, ppy, site->earliest);
			struct date qs = period_start_date(s->start, ppy, q);
			site->earliest_p =
				date_compare(qs, site->earliest) == 0 ? q : q + 1;
		} else if (site->earliest_year) {
			site->earliest_p = (site->earliest_year - s->start) * ppy;
		}
		if (site->earliest_p < 0)
			site->earliest_p = 0;
		if (site->earliest_p > s->n_periods)
			site->earliest_p = s->n_periods;
		site->deadline_p =
			site->has_deadline
				? clamp_p(s, period_binding_end(s->start, ppy,
								site->deadline))
				: INT_MAX;
		site->in_service_p = 0;
		if (site->has_in_service && date_compare(site->in_service, first) > 0) {
			int q = period_of_date(s->start, ppy, site->in_service);
			site->in_service_p = q >= s->n_periods ? INT_MAX : q;
		}
	}
	finish_replan(s);
}
