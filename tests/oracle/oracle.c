#include "oracle.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

bool oracle_le(double a, double b)
{
	return a <= b + 1e-9 * fmax(1.0, fabs(b));
}

bool oracle_near(double a, double b)
{
	return fabs(a - b) <= 1e-6 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static bool domain_in(const struct scenario *s, const char *domain, uint32_t d)
{
	return domain == NULL || strcmp(domain, s->domains.names[d]) == 0;
}

/*
 * Swap units are found by cluster name among the high-risk sites only: a
 * cluster of trusted sites schedules nothing, and validation already
 * rejects clusters that mix high-risk and other sites.
 */
static void build_units(struct oracle *o)
{
	const struct scenario *s = o->s;
	o->site_unit = xmalloc((s->n_sites ? s->n_sites : 1) * sizeof(*o->site_unit));
	uint32_t *count = xcalloc(s->n_sites + 1, sizeof(*count));
	for (size_t i = 0; i < s->n_sites; i++) {
		o->site_unit[i] = -1;
		if (!o->hr[i])
			continue;
		for (size_t j = 0; j < i && o->site_unit[i] < 0; j++)
			if (o->hr[j] && s->sites[i].cluster && s->sites[j].cluster &&
			    strcmp(s->sites[i].cluster, s->sites[j].cluster) == 0)
				o->site_unit[i] = o->site_unit[j];
		if (o->site_unit[i] < 0)
			o->site_unit[i] = (int32_t)o->n_units++;
		count[o->site_unit[i]]++;
	}
	o->unit_start = xcalloc(o->n_units + 1, sizeof(*o->unit_start));
	for (size_t u = 0; u < o->n_units; u++)
		o->unit_start[u + 1] = o->unit_start[u] + count[u];
	o->unit_sites = xmalloc((o->n_hr ? o->n_hr : 1) * sizeof(*o->unit_sites));
	memset(count, 0, (s->n_sites + 1) * sizeof(*count));
	for (size_t i = 0; i < s->n_sites; i++) {
		int32_t u = o->site_unit[i];
		if (u >= 0)
			o->unit_sites[o->unit_start[u] + count[u]++] = (uint32_t)i;
	}
	free(count);
}

struct oracle *oracle_create(const struct scenario *s, double budget_scale)
{
	struct oracle *o = xcalloc(1, sizeof(*o));
	size_t nd = s->domains.count, nv = s->n_vendors, ny = (size_t)s->n_years;
	o->s = s;
	o->budget_scale = budget_scale;
	o->report_prefix = "";
	o->budget = xmalloc(ny * sizeof(*o->budget));
	for (size_t y = 0; y < ny; y++)
		o->budget[y] =
			isinf(s->budget[y]) ? INFINITY : s->budget[y] * budget_scale;

	o->hr = xcalloc(s->n_sites + 1, sizeof(*o->hr));
	o->deadline = xmalloc((s->n_sites + 1) * sizeof(*o->deadline));
	o->domain_units = xcalloc(nd + 1, sizeof(*o->domain_units));
	o->vendor_had = xcalloc(nv * nd + 1, sizeof(*o->vendor_had));
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		o->domain_units[site->domain] += site->units;
		int tv = scenario_find_vendor(s, s->site_vendors.names[site->vendor]);
		if (tv >= 0)
			o->vendor_had[(size_t)tv * nd + site->domain] += site->units;
		o->hr[i] = scenario_site_is_high_risk(s, site);
		o->deadline[i] = INT_MAX;
		if (!o->hr[i])
			continue;
		o->n_hr++;
		o->hr_units_total += site->units;
		for (size_t r = 0; r < s->n_deadlines; r++)
			if (domain_in(s, s->deadlines[r].domain, site->domain) &&
			    s->deadlines[r].year < o->deadline[i])
				o->deadline[i] = s->deadlines[r].year;
	}
	build_units(o);

	o->spend = xcalloc(ny + 1, sizeof(*o->spend));
	size_t nr = s->regions.count;
	o->n_scratch = nv * ny + nr * ny + nv * nd + 1;
	o->scratch = xcalloc(o->n_scratch, sizeof(*o->scratch));
	return o;
}

void oracle_destroy(struct oracle *o)
{
	if (!o)
		return;
	free(o->budget);
	free(o->hr);
	free(o->deadline);
	free(o->domain_units);
	free(o->vendor_had);
	free(o->unit_start);
	free(o->unit_sites);
	free(o->site_unit);
	free(o->spend);
	free(o->scratch);
	free(o);
}

bool oracle_site_cost(const struct oracle *o, size_t site, int vendor, int year,
		      double *equipment, double *site_cost, double *present_value)
{
	const struct scenario *s = o->s;
	if (vendor < 0 || (size_t)vendor >= s->n_vendors)
		return false;
	const char *domain = s->domains.names[s->sites[site].domain];
	double unit_cost = scenario_unit_cost(&s->vendors[vendor], domain);
	if (isnan(unit_cost))
		return false;
	int k = year - s->start;
	double esc = pow(1.0 + s->cost_escalation, k);
	double disc = pow(1.0 + s->discount_rate, -k);
	double eq = (double)s->sites[site].units * unit_cost * esc;
	double sc = scenario_site_cost(s, domain) * esc;
	*equipment = eq;
	*site_cost = sc;
	*present_value = (eq + sc) * disc;
	return true;
}

static void violation(const struct oracle *o, struct oracle_eval *ev, FILE *report,
		      const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void violation(const struct oracle *o, struct oracle_eval *ev, FILE *report,
		      const char *rule, const char *fmt, ...)
{
	ev->violations++;
	if (!report)
		return;
	va_list ap;
	va_start(ap, fmt);
	fprintf(report, "%s%s: ", o->report_prefix, rule);
	vfprintf(report, fmt, ap);
	fputc('\n', report);
	va_end(ap);
}

/*
 * model.md rule 3: money not spent in a limited year rolls into the next
 * one when carry_over is set; an unlimited year carries nothing. A year
 * that overspends carries nothing either, so one overspend is reported
 * once, not again in every later year. Returns the overspent years.
 */
static size_t check_budget(const struct oracle *o, const double *spend, FILE *report,
			   struct oracle_eval *ev)
{
	const struct scenario *s = o->s;
	size_t bad = 0;
	double carry = 0;
	for (int y = 0; y < s->n_years; y++) {
		double available = o->budget[y] + carry;
		carry = 0;
		if (isinf(available))
			continue;
		if (!oracle_le(spend[y], available)) {
			bad++;
			if (ev)
				violation(o, ev, report, "budget",
					  "%d spends %.2f, %.2f available", s->start + y,
					  spend[y], available);
			continue;
		}
		if (s->carry_over)
			carry = available - spend[y];
	}
	return bad;
}

bool oracle_budget_ok(const struct oracle *o, const double *spend)
{
	return check_budget(o, spend, NULL, NULL) == 0;
}

/* A site still holds its high-risk equipment at the end of 'y'. */
static bool left_at(int year, int y)
{
	return year == 0 || year > y;
}

static void check_sites(struct oracle *o, const int *year, const int *vendor,
			FILE *report, struct oracle_eval *ev)
{
	const struct scenario *s = o->s;
	for (size_t i = 0; i < s->n_sites; i++) {
		if (!o->hr[i])
			continue;
		const struct site *site = &s->sites[i];
		double w = site->criticality * (double)site->units;
		if (year[i] == 0) {
			ev->exposure += w * s->n_years;
			ev->hr_units_left += site->units;
			ev->completion_year = -1;
			continue;
		}
		if (year[i] < s->start || year[i] > s->end) {
			violation(o, ev, report, "horizon",
				  "site '%s' swapped in %d, outside %d-%d", site->id,
				  year[i], s->start, s->end);
			continue;
		}
		ev->exposure += w * (year[i] - s->start);
		if (ev->completion_year >= 0 && year[i] > ev->completion_year)
			ev->completion_year = year[i];
		double eq, sc, pv;
		if (!oracle_site_cost(o, i, vendor[i], year[i], &eq, &sc, &pv)) {
			violation(o, ev, report, "vendor",
				  "site '%s' (domain '%s') swapped to a vendor that does "
				  "not list its domain",
				  site->id, s->domains.names[site->domain]);
			continue;
		}
		ev->nominal_cost += eq + sc;
		ev->present_cost += pv;
		o->spend[year[i] - s->start] += eq + sc;
		if (site->earliest_year && year[i] < site->earliest_year)
			violation(o, ev, report, "earliest_year",
				  "site '%s' swapped in %d, before its earliest year %d",
				  site->id, year[i], site->earliest_year);
	}
	if (ev->completion_year < 0)
		ev->completion_year = 0;
}

/* Rule 1 for clusters: one swap, so one year and one vendor for all. */
static void check_clusters(const struct oracle *o, const int *year, const int *vendor,
			   FILE *report, struct oracle_eval *ev)
{
	const struct scenario *s = o->s;
	for (size_t u = 0; u < o->n_units; u++) {
		uint32_t first = o->unit_sites[o->unit_start[u]];
		for (uint32_t k = o->unit_start[u] + 1; k < o->unit_start[u + 1]; k++) {
			uint32_t i = o->unit_sites[k];
			if (year[i] != year[first] || vendor[i] != vendor[first])
				violation(o, ev, report, "cluster",
					  "cluster '%s': site '%s' and site '%s' are not "
					  "swapped together",
					  s->sites[i].cluster, s->sites[first].id,
					  s->sites[i].id);
		}
	}
}

static void check_deadlines(const struct oracle *o, const int *year, FILE *report,
			    struct oracle_eval *ev)
{
	const struct scenario *s = o->s;
	for (size_t r = 0; r < s->n_deadlines; r++) {
		const struct deadline_rule *rule = &s->deadlines[r];
		if (rule->year > s->end)
			continue;
		for (size_t i = 0; i < s->n_sites; i++) {
			if (!o->hr[i] || !domain_in(s, rule->domain, s->sites[i].domain))
				continue;
			if (year[i] != 0 && year[i] <= rule->year)
				continue;
			char when[32];
			if (year[i])
				snprintf(when, sizeof(when), "swapped in %d", year[i]);
			else
				snprintf(when, sizeof(when), "never swapped");
			violation(o, ev, report, "deadline",
				  "deadline '%s' by %d: site '%s' %s",
				  rule->domain ? rule->domain : "*", rule->year,
				  s->sites[i].id, when);
		}
	}
}

static bool cap_covers(const struct scenario *s, const struct share_cap_rule *cap,
		       const struct site *site)
{
	if (cap->region && strcmp(cap->region, s->regions.names[site->region]) != 0)
		return false;
	if (cap->n_domains == 0)
		return true;
	for (size_t k = 0; k < cap->n_domains; k++)
		if (strcmp(cap->domains[k], s->domains.names[site->domain]) == 0)
			return true;
	return false;
}

/* Rule 4: from max(Y0, start) on, every year's end, units of any vendor
 * in scope as the denominator (swaps replace units one for one). */
static void check_caps(const struct oracle *o, const int *year, FILE *report,
		       struct oracle_eval *ev)
{
	const struct scenario *s = o->s;
	for (size_t c = 0; c < s->n_caps; c++) {
		const struct share_cap_rule *cap = &s->caps[c];
		int64_t total = 0;
		for (size_t i = 0; i < s->n_sites; i++)
			if (cap_covers(s, cap, &s->sites[i]))
				total += s->sites[i].units;
		int from = cap->year > s->start ? cap->year : s->start;
		for (int y = from; y <= s->end; y++) {
			int64_t left = 0;
			for (size_t i = 0; i < s->n_sites; i++)
				if (o->hr[i] && cap_covers(s, cap, &s->sites[i]) &&
				    left_at(year[i], y))
					left += s->sites[i].units;
			if (oracle_le((double)left, cap->max_share * (double)total))
				continue;
			char scope[256] = "*";
			size_t len = 0;
			for (size_t k = 0; k < cap->n_domains && len < sizeof(scope); k++)
				len += (size_t)snprintf(scope + len, sizeof(scope) - len,
							"%s%s", k ? "," : "",
							cap->domains[k]);
			violation(
				o, ev, report, "share_cap",
				"cap '%s'%s%s%s %g from %d: %lld high-risk units of %lld "
				"left at the end of %d",
				scope, cap->region ? " in '" : "",
				cap->region ? cap->region : "", cap->region ? "'" : "",
				cap->max_share, cap->year, (long long)left,
				(long long)total, y);
		}
	}
}

/*
 * Rules 5-7 count per (vendor, year), (region, year) and (vendor, domain).
 * A vendor's share only grows, so its value at the end of the horizon is
 * its largest.
 */
static void check_counts(struct oracle *o, const int *year, const int *vendor,
			 FILE *report, struct oracle_eval *ev)
{
	const struct scenario *s = o->s;
	size_t ny = (size_t)s->n_years, nv = s->n_vendors, nd = s->domains.count;
	size_t nr = s->regions.count;
	int64_t *cap_used = o->scratch;
	int64_t *crews_used = cap_used + nv * ny;
	int64_t *to_vendor = crews_used + nr * ny;
	memset(o->scratch, 0, o->n_scratch * sizeof(*o->scratch));
	for (size_t i = 0; i < s->n_sites; i++) {
		if (!o->hr[i] || year[i] < s->start || year[i] > s->end ||
		    vendor[i] < 0 || (size_t)vendor[i] >= nv)
			continue;
		size_t y = (size_t)(year[i] - s->start), v = (size_t)vendor[i];
		cap_used[v * ny + y] += s->sites[i].units;
		crews_used[s->sites[i].region * ny + y]++;
		to_vendor[v * nd + s->sites[i].domain] += s->sites[i].units;
	}
	for (size_t v = 0; v < nv; v++)
		for (size_t y = 0; y < ny; y++)
			if (!oracle_le((double)cap_used[v * ny + y],
				       s->vendors[v].capacity[y]))
				violation(o, ev, report, "capacity",
					  "vendor '%s' installs %lld units in %d, "
					  "capacity %g",
					  s->vendors[v].name,
					  (long long)cap_used[v * ny + y],
					  s->start + (int)y, s->vendors[v].capacity[y]);
	for (size_t r = 0; r < nr; r++)
		for (size_t y = 0; y < ny; y++) {
			double crews = scenario_crews(s, s->regions.names[r], (int)y);
			if (!oracle_le((double)crews_used[r * ny + y], crews))
				violation(o, ev, report, "crews",
					  "region '%s' swaps %lld sites in %d, crews %g",
					  s->regions.names[r],
					  (long long)crews_used[r * ny + y],
					  s->start + (int)y, crews);
		}
	for (size_t d = 0; d < nd; d++) {
		double mu = scenario_vendor_share_limit(s, s->domains.names[d]);
		if (isnan(mu))
			continue;
		for (size_t v = 0; v < nv; v++) {
			int64_t had = o->vendor_had[v * nd + d];
			int64_t held = had + to_vendor[v * nd + d];
			double limit = fmax(mu * (double)o->domain_units[d], (double)had);
			if (!oracle_le((double)held, limit))
				violation(o, ev, report, "vendor_share",
					  "vendor '%s' holds %lld of %lld units of '%s', "
					  "limit %g",
					  s->vendors[v].name, (long long)held,
					  (long long)o->domain_units[d],
					  s->domains.names[d], limit);
		}
	}
}

/* Rule 8: a swapped HR site needs every HR site it depends on swapped in
 * the same year or earlier; dependencies on other sites bind nothing. */
static void check_dependencies(const struct oracle *o, const int *year, FILE *report,
			       struct oracle_eval *ev)
{
	const struct scenario *s = o->s;
	if (!s->dep_start)
		return;
	for (size_t i = 0; i < s->n_sites; i++) {
		if (!o->hr[i] || year[i] == 0)
			continue;
		for (uint32_t k = s->dep_start[i]; k < s->dep_start[i + 1]; k++) {
			uint32_t j = s->dep_sites[k];
			if (!o->hr[j] || !left_at(year[j], year[i]))
				continue;
			violation(
				o, ev, report, "dependency",
				"site '%s' swapped in %d before site '%s' it depends on",
				s->sites[i].id, year[i], s->sites[j].id);
		}
	}
}

void oracle_evaluate(struct oracle *o, const int *year, const int *vendor, FILE *report,
		     struct oracle_eval *out)
{
	const struct scenario *s = o->s;
	memset(out, 0, sizeof(*out));
	memset(o->spend, 0, (size_t)s->n_years * sizeof(*o->spend));
	check_sites(o, year, vendor, report, out);
	check_clusters(o, year, vendor, report, out);
	check_deadlines(o, year, report, out);
	check_budget(o, o->spend, report, out);
	check_caps(o, year, report, out);
	check_counts(o, year, vendor, report, out);
	check_dependencies(o, year, report, out);
	if (s->objective == OBJECTIVE_COST && out->hr_units_left > 0)
		violation(
			o, out, report, "completion",
			"the cost objective swaps every high-risk site, %lld units left",
			(long long)out->hr_units_left);
}

double oracle_first(const struct oracle *o, const struct oracle_eval *ev)
{
	return o->s->objective == OBJECTIVE_COST ? ev->present_cost : ev->exposure;
}

double oracle_second(const struct oracle *o, const struct oracle_eval *ev)
{
	return o->s->objective == OBJECTIVE_COST ? ev->exposure : ev->present_cost;
}
