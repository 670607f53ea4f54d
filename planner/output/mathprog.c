#include "output/mathprog.h"

#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/*
 * A MathProg string literal holds at most MATHPROG_MAX_NAME bytes and no
 * control character: glpsol stops with "string literal too long" or
 * "control character 0x.. not allowed". A tab is accepted. Bytes of 0x80
 * and above (UTF-8) pass through untouched.
 */
static bool name_ok(const char *name)
{
	size_t len = 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++, len++)
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			return false;
	return len <= MATHPROG_MAX_NAME;
}

const char *mathprog_unwritable_name(const struct scenario *s)
{
	for (size_t i = 0; i < s->n_sites; i++) {
		if (!name_ok(s->sites[i].id))
			return s->sites[i].id;
		if (s->sites[i].cluster && !name_ok(s->sites[i].cluster))
			return s->sites[i].cluster;
	}
	const struct strmap *maps[] = {&s->regions, &s->domains, &s->site_vendors};
	for (size_t m = 0; m < sizeof(maps) / sizeof(maps[0]); m++)
		for (uint32_t i = 0; i < maps[m]->count; i++)
			if (!name_ok(maps[m]->names[i]))
				return maps[m]->names[i];
	for (size_t i = 0; i < s->n_high_risk_vendors; i++)
		if (!name_ok(s->high_risk_vendors[i]))
			return s->high_risk_vendors[i];
	for (size_t i = 0; i < s->n_vendors; i++) {
		const struct trusted_vendor *v = &s->vendors[i];
		if (!name_ok(v->name))
			return v->name;
		for (size_t j = 0; j < v->n_unit_cost; j++)
			if (!name_ok(v->unit_cost[j].domain))
				return v->unit_cost[j].domain;
	}
	for (size_t i = 0; i < s->n_deadlines; i++) {
		if (s->deadlines[i].domain && !name_ok(s->deadlines[i].domain))
			return s->deadlines[i].domain;
		if (s->deadlines[i].region_name && !name_ok(s->deadlines[i].region_name))
			return s->deadlines[i].region_name;
	}
	for (size_t i = 0; i < s->n_caps; i++) {
		const struct share_cap_rule *c = &s->caps[i];
		for (size_t j = 0; j < c->n_domains; j++)
			if (!name_ok(c->domains[j]))
				return c->domains[j];
		if (c->region && !name_ok(c->region))
			return c->region;
	}
	return NULL;
}

/* 'name' as a MathProg string literal: in single quotes, a quote doubled. */
static void put_name(FILE *f, const char *name)
{
	putc('\'', f);
	for (const char *p = name; *p; p++) {
		if (*p == '\'')
			putc('\'', f);
		putc(*p, f);
	}
	putc('\'', f);
}

/*
 * The shortest of %.15g, %.16g and %.17g that reads back as the same
 * double, so that 0.35 is written "0.35" and not "0.34999999999999998"
 * while every value still survives the trip through glpsol exactly.
 * strtod and printf use the C locale: phaseout never calls setlocale().
 */
static void put_number(FILE *f, double value)
{
	char buf[64];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, value);
		if (strtod(buf, NULL) == value)
			break;
	}
	fputs(buf, f);
}

/* Whether 'name' is among the first 'n' entries of 'names'. */
static bool seen_before(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

/* A set of names, each once (a repeated element is a MathProg error, and
 * a set holds it once anyway). */
static void put_name_set(FILE *f, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (seen_before(names, i, names[i]))
			continue;
		putc(' ', f);
		put_name(f, names[i]);
	}
}

static void write_sites(const struct scenario *s, FILE *f)
{
	fputs("# Every row of sites.csv; earliest_year 0 = none.\n"
	      "param : SITES : site_region site_domain site_vendor units "
	      "criticality earliest_year :=",
	      f);
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		fputs("\n  ", f);
		put_name(f, site->id);
		putc(' ', f);
		put_name(f, s->regions.names[site->region]);
		putc(' ', f);
		put_name(f, s->domains.names[site->domain]);
		putc(' ', f);
		put_name(f, s->site_vendors.names[site->vendor]);
		fprintf(f, " %" PRId64 " ", site->units);
		put_number(f, site->criticality);
		fprintf(f, " %d", site->earliest_year);
	}
	fputs(";\n\nset CLUSTERED :=", f);
	for (size_t i = 0; i < s->n_sites; i++) {
		if (s->sites[i].cluster) {
			putc(' ', f);
			put_name(f, s->sites[i].id);
		}
	}
	fputs(";\nparam cluster :=", f);
	for (size_t i = 0; i < s->n_sites; i++) {
		if (s->sites[i].cluster) {
			fputs("\n  ", f);
			put_name(f, s->sites[i].id);
			putc(' ', f);
			put_name(f, s->sites[i].cluster);
		}
	}
	fputs(";\n\n# (s, t): site s depends on site t.\nset DEPENDS_ON :=", f);
	for (size_t i = 0; s->dep_start && i < s->n_sites; i++) {
		for (uint32_t k = s->dep_start[i]; k < s->dep_start[i + 1]; k++) {
			bool repeated = false;
			for (uint32_t j = s->dep_start[i]; j < k; j++)
				repeated |= s->dep_sites[j] == s->dep_sites[k];
			if (repeated)
				continue;
			fputs("\n  (", f);
			put_name(f, s->sites[i].id);
			fputs(", ", f);
			put_name(f, s->sites[s->dep_sites[k]].id);
			putc(')', f);
		}
	}
	fputs(";\n", f);
}

static void write_vendors(const struct scenario *s, FILE *f)
{
	fputs("\nset HIGH_RISK_VENDORS :=", f);
	put_name_set(f, s->high_risk_vendors, s->n_high_risk_vendors);
	fputs(";\nset VENDORS :=", f);
	for (size_t i = 0; i < s->n_vendors; i++) {
		putc(' ', f);
		put_name(f, s->vendors[i].name);
	}
	fputs(";\n\n# (v, d): vendor v replaces domain d at unit_cost[v, d].\n"
	      "set OFFER :=",
	      f);
	for (size_t i = 0; i < s->n_vendors; i++) {
		const struct trusted_vendor *v = &s->vendors[i];
		for (size_t j = 0; j < v->n_unit_cost; j++) {
			fputs("\n  (", f);
			put_name(f, v->name);
			fputs(", ", f);
			put_name(f, v->unit_cost[j].domain);
			putc(')', f);
		}
	}
	fputs(";\nparam unit_cost :=", f);
	for (size_t i = 0; i < s->n_vendors; i++) {
		const struct trusted_vendor *v = &s->vendors[i];
		for (size_t j = 0; j < v->n_unit_cost; j++) {
			fputs("\n  ", f);
			put_name(f, v->name);
			putc(' ', f);
			put_name(f, v->unit_cost[j].domain);
			putc(' ', f);
			put_number(f, v->unit_cost[j].value);
		}
	}
	fputs(";\n\n# Units a vendor can install in a year; a year not listed is "
	      "unlimited.\nset CAPACITY_LIMITED :=",
	      f);
	for (size_t i = 0; i < s->n_vendors; i++) {
		for (int yi = 0; yi < s->n_years; yi++) {
			if (isinf(s->vendors[i].capacity[yi]))
				continue;
			fputs("\n  (", f);
			put_name(f, s->vendors[i].name);
			fprintf(f, ", %d)", s->start + yi);
		}
	}
	fputs(";\nparam capacity :=", f);
	for (size_t i = 0; i < s->n_vendors; i++) {
		for (int yi = 0; yi < s->n_years; yi++) {
			if (isinf(s->vendors[i].capacity[yi]))
				continue;
			fputs("\n  ", f);
			put_name(f, s->vendors[i].name);
			fprintf(f, " %d ", s->start + yi);
			put_number(f, s->vendors[i].capacity[yi]);
		}
	}
	fputs(";\n", f);
}

/* Site costs are written for the domains of sites.csv only: the model
 * indexes site_cost over those, and no other domain has a site to pay
 * for. Missing domains cost 0, the model's default, and are left out. */
static void write_money(const struct scenario *s, double budget_scale, FILE *f)
{
	fputs("\nparam site_cost :=", f);
	for (uint32_t d = 0; d < s->domains.count; d++) {
		double cost = scenario_site_cost(s, s->domains.names[d]);
		if (cost == 0)
			continue;
		fputs("\n  ", f);
		put_name(f, s->domains.names[d]);
		putc(' ', f);
		put_number(f, cost);
	}
	fputs(";\n\n# Years with a budget; a year not listed is unlimited.\n"
	      "set BUDGET_YEARS :=",
	      f);
	for (int yi = 0; yi < s->n_years; yi++)
		if (!isinf(s->budget[yi]))
			fprintf(f, " %d", s->start + yi);
	fputs(";\nparam budget :=", f);
	for (int yi = 0; yi < s->n_years; yi++) {
		if (isinf(s->budget[yi]))
			continue;
		fprintf(f, "\n  %d ", s->start + yi);
		put_number(f, s->budget[yi]);
	}
	fputs(";\nparam budget_scale := ", f);
	put_number(f, budget_scale);
	fprintf(f, ";\nparam carry_over := %d;\nparam discount_rate := ",
		s->carry_over ? 1 : 0);
	put_number(f, s->discount_rate);
	fputs(";\nparam cost_escalation := ", f);
	put_number(f, s->cost_escalation);
	fputs(";\n", f);
}

/* Rules are numbered 1, 2, ... in the order of scenario.json. An empty
 * domain set stands for "*", an empty region set for every region. */
static void write_rules(const struct scenario *s, FILE *f)
{
	fputs("\nset DEADLINES :=", f);
	for (size_t i = 0; i < s->n_deadlines; i++)
		fprintf(f, " %zu", i + 1);
	fputs(";\nparam deadline_year :=", f);
	for (size_t i = 0; i < s->n_deadlines; i++)
		fprintf(f, " %zu %d", i + 1, s->deadlines[i].year);
	fputs(";\n", f);
	for (size_t i = 0; i < s->n_deadlines; i++) {
		fprintf(f, "set DEADLINE_DOMAINS[%zu] :=", i + 1);
		if (s->deadlines[i].domain) {
			putc(' ', f);
			put_name(f, s->deadlines[i].domain);
		}
		fputs(";\n", f);
	}

	fputs("\nset CAPS :=", f);
	for (size_t i = 0; i < s->n_caps; i++)
		fprintf(f, " %zu", i + 1);
	fputs(";\nparam cap_year :=", f);
	for (size_t i = 0; i < s->n_caps; i++)
		fprintf(f, " %zu %d", i + 1, s->caps[i].year);
	fputs(";\nparam cap_share :=", f);
	for (size_t i = 0; i < s->n_caps; i++) {
		fprintf(f, " %zu ", i + 1);
		put_number(f, s->caps[i].max_share);
	}
	fputs(";\n", f);
	for (size_t i = 0; i < s->n_caps; i++) {
		const struct share_cap_rule *c = &s->caps[i];
		fprintf(f, "set CAP_DOMAINS[%zu] :=", i + 1);
		put_name_set(f, c->domains, c->n_domains);
		fprintf(f, ";\nset CAP_REGIONS[%zu] :=", i + 1);
		if (c->region) {
			putc(' ', f);
			put_name(f, c->region);
		}
		fputs(";\n", f);
	}

	fputs("\nset SHARE_LIMITED :=", f);
	for (uint32_t d = 0; d < s->domains.count; d++) {
		if (isnan(scenario_vendor_share_limit(s, s->domains.names[d])))
			continue;
		putc(' ', f);
		put_name(f, s->domains.names[d]);
	}
	fputs(";\nparam max_vendor_share :=", f);
	for (uint32_t d = 0; d < s->domains.count; d++) {
		double mu = scenario_vendor_share_limit(s, s->domains.names[d]);
		if (isnan(mu))
			continue;
		fputs("\n  ", f);
		put_name(f, s->domains.names[d]);
		putc(' ', f);
		put_number(f, mu);
	}

	fputs(";\n\n# HR sites a region can swap in a year; a pair not listed is "
	      "unlimited.\nset CREWS_LIMITED :=",
	      f);
	for (uint32_t r = 0; r < s->regions.count; r++) {
		for (int yi = 0; yi < s->n_years; yi++) {
			if (isinf(scenario_crews(s, s->regions.names[r], yi)))
				continue;
			fputs("\n  (", f);
			put_name(f, s->regions.names[r]);
			fprintf(f, ", %d)", s->start + yi);
		}
	}
	fputs(";\nparam crews :=", f);
	for (uint32_t r = 0; r < s->regions.count; r++) {
		for (int yi = 0; yi < s->n_years; yi++) {
			double crews = scenario_crews(s, s->regions.names[r], yi);
			if (isinf(crews))
				continue;
			fputs("\n  ", f);
			put_name(f, s->regions.names[r]);
			fprintf(f, " %d ", s->start + yi);
			put_number(f, crews);
		}
	}
	fprintf(f, ";\n\nparam objective := '%s';\n",
		s->objective == OBJECTIVE_COST ? "cost" : "exposure");
}

static void put_date(FILE *f, struct date d)
{
	fprintf(f, " %d %d %d", d.year, d.month, d.day);
}

/* The 1-based sub-period q of period p in its year, for the period keys'
 * (year, q) index: the label 2024-Q3 is (2024, 3). */
static void put_period_key(FILE *f, const struct scenario *s, int p)
{
	fprintf(f, " %d %d", s->start + p / s->periods_per_year,
		p % s->periods_per_year + 1);
}

static void write_site_dates(const struct scenario *s, FILE *f)
{
	static const char *const what[] = {"SITE_DEADLINE", "SITE_EARLIEST",
					   "IN_SERVICE"};
	static const char *const param[] = {"deadline", "earliest", "in_service"};
	for (int k = 0; k < 3; k++) {
		fprintf(f, "param : %s : %s_y %s_m %s_d :=", what[k], param[k], param[k],
			param[k]);
		for (size_t i = 0; i < s->n_sites; i++) {
			const struct site *site = &s->sites[i];
			bool has = k == 0   ? site->has_deadline
				   : k == 1 ? site->has_earliest
					    : site->has_in_service;
			if (!has)
				continue;
			fputs("\n  ", f);
			put_name(f, site->id);
			put_date(f, k == 0   ? site->deadline
				    : k == 1 ? site->earliest
					     : site->in_service);
		}
		fputs(";\n", f);
	}
}

/* allowed_vendors as resolved by validation (only high-risk rows have a
 * list; a list of separators only allows any vendor), vendor_regions by
 * name. */
static void write_allowed(const struct scenario *s, FILE *f)
{
	fputs("\n# allowed_vendors: the sites with a list, and what it allows.\n"
	      "set RESTRICTED :=",
	      f);
	for (size_t i = 0; i < s->n_sites; i++) {
		if (!s->sites[i].n_allowed)
			continue;
		putc(' ', f);
		put_name(f, s->sites[i].id);
	}
	fputs(";\nset ALLOWED :=", f);
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		for (uint32_t k = 0; k < site->n_allowed; k++) {
			uint32_t v = s->allowed[site->allowed_first + k];
			bool repeated = false;
			for (uint32_t j = 0; j < k; j++)
				repeated |= s->allowed[site->allowed_first + j] == v;
			if (repeated)
				continue;
			fputs("\n  (", f);
			put_name(f, site->id);
			fputs(", ", f);
			put_name(f, s->vendors[v].name);
			putc(')', f);
		}
	}
	fputs(";\n\n# vendor_regions: the vendors with an entry, and its regions.\n"
	      "set REGION_LIMITED :=",
	      f);
	for (size_t i = 0; i < s->n_vendors; i++) {
		if (!s->vendors[i].n_regions)
			continue;
		putc(' ', f);
		put_name(f, s->vendors[i].name);
	}
	fputs(";\nset VENDOR_REGIONS :=", f);
	for (size_t i = 0; i < s->n_vendors; i++) {
		const struct trusted_vendor *v = &s->vendors[i];
		for (size_t k = 0; k < v->n_regions; k++) {
			if (seen_before(v->region_names, k, v->region_names[k]))
				continue;
			fputs("\n  (", f);
			put_name(f, v->name);
			fputs(", ", f);
			put_name(f, v->region_names[k]);
			putc(')', f);
		}
	}
	fputs(";\n", f);
}

/* Period keys of budget, capacity and crews, as (year, q) of their period
 * (budget keys as in the scenario: budget_scale applies to them too). */
static void write_period_keys(const struct scenario *s, FILE *f)
{
	fputs("\n# Period keys (year, q): q-th period of the year; a period not "
	      "listed has none.\nset BUDGET_KEYS :=",
	      f);
	for (int p = 0; s->budget_period && p < s->n_periods; p++)
		if (!isinf(s->budget_period[p])) {
			fputs("\n ", f);
			put_period_key(f, s, p);
		}
	fputs(";\nparam budget_key :=", f);
	for (int p = 0; s->budget_period && p < s->n_periods; p++)
		if (!isinf(s->budget_period[p])) {
			fputs("\n ", f);
			put_period_key(f, s, p);
			putc(' ', f);
			put_number(f, s->budget_period[p]);
		}
	fputs(";\nset CAPACITY_KEYS :=", f);
	for (size_t i = 0; i < s->n_vendors; i++)
		for (int p = 0; s->vendors[i].capacity_period && p < s->n_periods; p++)
			if (!isinf(s->vendors[i].capacity_period[p])) {
				fputs("\n  (", f);
				put_name(f, s->vendors[i].name);
				fprintf(f, ", %d, %d)",
					s->start + p / s->periods_per_year,
					p % s->periods_per_year + 1);
			}
	fputs(";\nparam capacity_key :=", f);
	for (size_t i = 0; i < s->n_vendors; i++)
		for (int p = 0; s->vendors[i].capacity_period && p < s->n_periods; p++)
			if (!isinf(s->vendors[i].capacity_period[p])) {
				fputs("\n  ", f);
				put_name(f, s->vendors[i].name);
				put_period_key(f, s, p);
				putc(' ', f);
				put_number(f, s->vendors[i].capacity_period[p]);
			}
	fputs(";\nset CREWS_KEYS :=", f);
	for (uint32_t r = 0; r < s->regions.count; r++)
		for (int p = 0; p < s->n_periods; p++)
			if (!isinf(scenario_crews_period(s, s->regions.names[r], p))) {
				fputs("\n  (", f);
				put_name(f, s->regions.names[r]);
				fprintf(f, ", %d, %d)",
					s->start + p / s->periods_per_year,
					p % s->periods_per_year + 1);
			}
	fputs(";\nparam crews_key :=", f);
	for (uint32_t r = 0; r < s->regions.count; r++)
		for (int p = 0; p < s->n_periods; p++) {
			double crews = scenario_crews_period(s, s->regions.names[r], p);
			if (isinf(crews))
				continue;
			fputs("\n  ", f);
			put_name(f, s->regions.names[r]);
			put_period_key(f, s, p);
			putc(' ', f);
			put_number(f, crews);
		}
	fputs(";\n", f);
}

/*
 * Version 2's data (model-2.md), after version 1's: the periods, the
 * rules' dates (deadline_year and cap_year above already hold the date's
 * year), regional deadlines, caps by sites, the sites' own columns,
 * allowed vendors, vendor regions and period keys. The model derives the
 * binding ends, earliest periods and in-service periods from the dates
 * itself. A version 1 scenario writes none of it, so its data stays what
 * it always was.
 */
static void write_version_2(const struct scenario *s, FILE *f)
{
	fprintf(f,
		"\n# Version 2: periods, dates (year month day), site rules.\n"
		"param periods_per_year := %d;\nparam deadline_month :=",
		s->periods_per_year);
	for (size_t i = 0; i < s->n_deadlines; i++)
		fprintf(f, " %zu %d", i + 1, s->deadlines[i].when.date.month);
	fputs(";\nparam deadline_day :=", f);
	for (size_t i = 0; i < s->n_deadlines; i++)
		fprintf(f, " %zu %d", i + 1, s->deadlines[i].when.date.day);
	fputs(";\n", f);
	for (size_t i = 0; i < s->n_deadlines; i++) {
		if (!s->deadlines[i].region_name)
			continue;
		fprintf(f, "set DEADLINE_REGIONS[%zu] := ", i + 1);
		put_name(f, s->deadlines[i].region_name);
		fputs(";\n", f);
	}
	fputs("param cap_month :=", f);
	for (size_t i = 0; i < s->n_caps; i++)
		fprintf(f, " %zu %d", i + 1, s->caps[i].when.date.month);
	fputs(";\nparam cap_day :=", f);
	for (size_t i = 0; i < s->n_caps; i++)
		fprintf(f, " %zu %d", i + 1, s->caps[i].when.date.day);
	fputs(";\nparam cap_measure :=", f);
	for (size_t i = 0; i < s->n_caps; i++)
		fprintf(f, " %zu '%s'", i + 1,
			s->caps[i].measure == CAP_SITES ? "sites" : "units");
	fputs(";\n\n", f);
	write_site_dates(s, f);
	write_allowed(s, f);
	write_period_keys(s, f);
}

/*
 * Two trusted vendors with one name would be one element of VENDORS, and
 * a site's depends_on text without resolved indices means the scenario was
 * never validated: both would give glpsol a different scenario, so they
 * are refused rather than written.
 */
static bool writable(const struct scenario *s)
{
	if (mathprog_unwritable_name(s))
		return false;
	for (size_t i = 0; i < s->n_vendors; i++) {
		assert(s->vendors[i].name); /* the loader names every vendor */
		for (size_t j = 0; j < i; j++)
			if (strcmp(s->vendors[i].name, s->vendors[j].name) == 0)
				return false;
	}
	for (size_t i = 0; !s->dep_start && i < s->n_sites; i++)
		if (s->sites[i].depends_on)
			return false;
	return true;
}

bool mathprog_write_data(const struct scenario *s, double budget_scale, FILE *f)
{
	if (!writable(s))
		return false;
	fputs("# Data for models/phaseout.mod, written by phaseout from a "
	      "scenario.\n# Solve: glpsol --math phaseout.mod -d THIS_FILE\n"
	      "data;\n\n",
	      f);
	fprintf(f, "param start := %d;\nparam end := %d;\n\n", s->start, s->end);
	write_sites(s, f);
	write_vendors(s, f);
	write_money(s, budget_scale, f);
	write_rules(s, f);
	if (s->format_version >= 2)
		write_version_2(s, f);
	fputs("\nend;\n", f);
	return fflush(f) == 0 && !ferror(f);
}
