#include "input/scenario.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct scenario *scenario_create(void)
{
	struct scenario *s = xcalloc(1, sizeof(*s));
	s->currency = "GBP";
	s->vendor_share_all = NAN;
	s->objective = OBJECTIVE_EXPOSURE;
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
	}
	free(s->vendors);
	free(s->site_cost);
	free(s->budget);
	free(s->deadlines);
	for (size_t i = 0; i < s->n_caps; i++)
		free(s->caps[i].domains);
	free(s->caps);
	free(s->vendor_share);
	free(s->crews_default);
	for (size_t i = 0; i < s->n_crews_regions; i++)
		free(s->crews_regions[i].per_year);
	free(s->crews_regions);
	free(s->sites);
	strmap_finish(&s->regions);
	strmap_finish(&s->domains);
	strmap_finish(&s->site_vendors);
	free(s->extra_columns);
	free(s->dep_start);
	free(s->dep_sites);
	strpool_finish(&s->pool);
	free(s);
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
