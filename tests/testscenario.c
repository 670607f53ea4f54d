#include "testscenario.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "input/load.h"
#include "input/validate.h"
#include "util/diag.h"
#include "util/xalloc.h"

#include "testutil.h"

/*
 * A scenario built in C, as the loaders would leave it: every sites.csv
 * column present in the order site_id, region, domain, vendor, units,
 * earliest_year, cluster, depends_on; site i on line i + 2; budgets,
 * capacities and crews unlimited; "Huawei" the high-risk vendor.
 */
struct scenario *make_scenario(int start, int end)
{
	struct scenario *s = scenario_create();
	s->json_path = xstrdup("scenario.json");
	s->sites_path = xstrdup("sites.csv");
	s->name = "test";
	s->start = start;
	s->end = end;
	s->n_years = end - start + 1;
	s->n_periods = s->n_years; /* yearly; validate_scenario() derives the rest */
	s->high_risk_vendors = xmalloc(sizeof(*s->high_risk_vendors));
	s->high_risk_vendors[0] = "Huawei";
	s->n_high_risk_vendors = 1;
	s->budget = xmalloc((size_t)s->n_years * sizeof(double));
	for (int i = 0; i < s->n_years; i++)
		s->budget[i] = INFINITY;
	s->csv_col.site_id = 1;
	s->csv_col.region = 2;
	s->csv_col.domain = 3;
	s->csv_col.vendor = 4;
	s->csv_col.units = 5;
	s->csv_col.earliest_year = 6;
	s->csv_col.cluster = 7;
	s->csv_col.depends_on = 8;
	return s;
}

/* A trusted vendor listing 'domains' ("ran core") at 'cost' each, with
 * 'capacity' units a year. */
struct trusted_vendor *add_vendor(struct scenario *s, const char *name,
				  const char *domains, double cost, double capacity)
{
	s->vendors = xreallocarray(s->vendors, s->n_vendors + 1, sizeof(*s->vendors));
	struct trusted_vendor *v = &s->vendors[s->n_vendors++];
	memset(v, 0, sizeof(*v));
	v->name = strpool_dup(&s->pool, name);
	v->line = 10 + (unsigned)s->n_vendors;
	char *copy = xstrdup(domains);
	for (char *tok = strtok(copy, " "); tok; tok = strtok(NULL, " ")) {
		v->unit_cost = xreallocarray(v->unit_cost, v->n_unit_cost + 1,
					     sizeof(*v->unit_cost));
		v->unit_cost[v->n_unit_cost++] =
			(struct domain_value){strpool_dup(&s->pool, tok), cost, v->line};
	}
	free(copy);
	v->capacity = xmalloc((size_t)s->n_years * sizeof(double));
	for (int i = 0; i < s->n_years; i++)
		v->capacity[i] = capacity;
	return v;
}

/* One row of sites.csv; 'cluster' and 'depends_on' may be NULL. */
struct site *add_site(struct scenario *s, const char *id, const char *region,
		      const char *domain, const char *vendor, int64_t units,
		      int earliest_year, const char *cluster, const char *depends_on)
{
	ARRAY_GROW(s->sites, s->n_sites, s->alloc_sites);
	struct site *site = &s->sites[s->n_sites];
	memset(site, 0, sizeof(*site));
	site->id = strpool_dup(&s->pool, id);
	site->region = strmap_intern(&s->regions, strpool_dup(&s->pool, region), NULL);
	site->domain = strmap_intern(&s->domains, strpool_dup(&s->pool, domain), NULL);
	site->vendor =
		strmap_intern(&s->site_vendors, strpool_dup(&s->pool, vendor), NULL);
	site->units = units;
	site->criticality = 1;
	site->earliest_year = earliest_year;
	site->cluster = cluster ? strpool_dup(&s->pool, cluster) : NULL;
	site->depends_on = depends_on ? strpool_dup(&s->pool, depends_on) : NULL;
	site->line = (unsigned)s->n_sites + 2;
	s->n_sites++;
	/* Keep the derived period fields current for tests that plan
	 * without validate_scenario(). */
	scenario_finish_periods(s);
	return site;
}

void add_deadline(struct scenario *s, const char *domain, int year, unsigned line)
{
	s->deadlines =
		xreallocarray(s->deadlines, s->n_deadlines + 1, sizeof(*s->deadlines));
	s->deadlines[s->n_deadlines++] = (struct deadline_rule){
		.domain = domain ? strpool_dup(&s->pool, domain) : NULL,
		.year = year,
		.line = line};
	scenario_finish_periods(s);
}

struct instance *make_instance(struct scenario *s, double budget_scale, bool aggregate)
{
	return make_instance_baseline(s, budget_scale, aggregate, NULL);
}

struct instance *make_instance_baseline(struct scenario *s, double budget_scale,
					bool aggregate, const struct baseline *b)
{
	struct diag d;
	diag_init(&d);
	bool ok = validate_scenario(s, &d);
	if (diag_count(&d))
		diag_print(&d, stderr);
	assert_int_equal(diag_count(&d), 0);
	assert_true(ok);
	diag_finish(&d);
	return instance_create_baseline(s, budget_scale, aggregate, b);
}

void set_baseline(struct baseline *b, const struct scenario *s, const char *id, int year,
		  const char *vendor)
{
	for (size_t i = 0; i < s->n_sites; i++)
		if (strcmp(s->sites[i].id, id) == 0) {
			b->period[i] = year ? year - s->start : BASELINE_UNSWAPPED;
			b->vendor[i] = year ? scenario_find_vendor(s, vendor) : -1;
			return;
		}
	fail_msg("no site %s", id);
}

struct scenario *make_three_sites(void)
{
	struct scenario *s = make_scenario(2024, 2026);
	for (int i = 0; i < s->n_years; i++)
		s->budget[i] = 30;
	add_vendor(s, "Ericsson", "ran core", 10, INFINITY);
	add_site(s, "A", "north", "ran", "Huawei", 2, 0, NULL, NULL);
	add_site(s, "B", "north", "ran", "Huawei", 1, 0, NULL, NULL);
	add_site(s, "C", "south", "core", "Huawei", 1, 0, NULL, NULL);
	add_deadline(s, "core", 2025, 9);
	return s;
}

struct scenario *make_two_core_sites_due_2024(double budget, double capacity)
{
	struct scenario *s = make_scenario(2024, 2026);
	for (int i = 0; i < s->n_years; i++)
		s->budget[i] = budget;
	add_vendor(s, "Ericsson", "ran core", 10, capacity);
	add_site(s, "C1", "south", "core", "Huawei", 1, 0, NULL, NULL);
	add_site(s, "C2", "south", "core", "Huawei", 1, 0, NULL, NULL);
	add_site(s, "R", "north", "ran", "Huawei", 1, 0, NULL, NULL);
	add_deadline(s, "core", 2024, 9);
	return s;
}

struct scenario *load_files(const char *json, const char *sites, const char *fixed)
{
	free(testutil_write_file(".", "scenario.json", json));
	free(testutil_write_file(".", "sites.csv", sites));
	if (fixed)
		free(testutil_write_file(".", "fixed.csv", fixed));
	struct diag d;
	diag_init(&d);
	struct scenario *s = load_scenario("scenario.json", &d);
	if (!s)
		diag_print(&d, stderr);
	assert_non_null(s);
	diag_finish(&d);
	return s;
}
