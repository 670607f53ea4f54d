#include "oracle.h"

#include <csv.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
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

/*
 * The oracle's own calendar (scenario-format-2.md, "Dates and periods"),
 * written apart from planner/util/period.c on purpose: periods are whole
 * months, 12 / per_year of them, the cut going on before and after the
 * horizon, so a period index is any integer.
 */
static bool leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

static int period_holding(const struct oracle *o, struct date d)
{
	int months = 12 / o->per_year;
	return (d.year - o->s->start) * o->per_year + (d.month - 1) / months;
}

/* The last period that ends on or before 'd' (a dated rule's binding end). */
static int binding_end(const struct oracle *o, struct date d)
{
	int months = 12 / o->per_year;
	bool last_day = d.month % months == 0 && d.day == month_days(d.year, d.month);
	return period_holding(o, d) - (last_day ? 0 : 1);
}

/* The first period that starts on or after 'd' (an earliest date). */
static int first_starting(const struct oracle *o, struct date d)
{
	int months = 12 / o->per_year;
	bool first_day = (d.month - 1) % months == 0 && d.day == 1;
	return period_holding(o, d) + (first_day ? 0 : 1);
}

/* Floor division, for the periods before the horizon. */
static int floor_div(int a, int b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

int oracle_period_year(const struct oracle *o, int p)
{
	return o->s->start + floor_div(p, o->per_year);
}

void oracle_label(const struct oracle *o, int p, char *buf, size_t size)
{
	int year = oracle_period_year(o, p);
	int sub = p - (year - o->s->start) * o->per_year + 1;
	switch (o->per_year) {
	case 2:
		snprintf(buf, size, "%d-H%d", year, sub);
		break;
	case 4:
		snprintf(buf, size, "%d-Q%d", year, sub);
		break;
	case 12:
		snprintf(buf, size, "%d-%02d", year, sub);
		break;
	default:
		snprintf(buf, size, "%d", year);
		break;
	}
}

bool oracle_parse_label(const struct oracle *o, const char *text, int *p)
{
	int year = 0;
	for (int k = 0; k < 4; k++) {
		if (text[k] < '0' || text[k] > '9')
			return false;
		year = year * 10 + (text[k] - '0');
	}
	const char *rest = text + 4;
	int sub = 1;
	if (o->per_year == 1) {
		if (*rest)
			return false;
	} else {
		char tag = o->per_year == 2 ? 'H' : o->per_year == 4 ? 'Q' : 0;
		if (*rest++ != '-')
			return false;
		if (tag && *rest++ != tag)
			return false;
		size_t digits = strlen(rest);
		if (digits != (tag ? 1u : 2u) || rest[0] < '0' || rest[0] > '9' ||
		    (digits == 2 && (rest[1] < '0' || rest[1] > '9')))
			return false;
		sub = atoi(rest);
		if (sub < 1 || sub > o->per_year)
			return false;
	}
	*p = (year - o->s->start) * o->per_year + sub - 1;
	return true;
}

static void format_date(struct date d, char *buf, size_t size)
{
	snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
}

static bool domain_in(const struct scenario *s, const char *domain, uint32_t d)
{
	return domain == NULL || strcmp(domain, s->domains.names[d]) == 0;
}

static bool deadline_covers(const struct scenario *s, const struct deadline_rule *rule,
			    const struct site *site)
{
	return domain_in(s, rule->domain, site->domain) &&
	       (!rule->region_name ||
		strcmp(rule->region_name, s->regions.names[site->region]) == 0);
}

/* A version 1 rule's year Y is the date Y-12-31. */
static struct date rule_date(const struct rule_when *when, int year)
{
	return when->dated ? when->date : (struct date){year, 12, 31};
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

/* Each site's periods from its dates (see struct oracle). */
static void derive_site(struct oracle *o, size_t i)
{
	const struct scenario *s = o->s;
	const struct site *site = &s->sites[i];
	o->earliest_p[i] = 0;
	if (site->has_earliest)
		o->earliest_p[i] = first_starting(o, site->earliest);
	else if (site->earliest_year)
		o->earliest_p[i] = (site->earliest_year - s->start) * o->per_year;
	o->in_service_p[i] = 0;
	if (site->has_in_service &&
	    date_compare(site->in_service, (struct date){s->start, 1, 1}) > 0) {
		int q = period_holding(o, site->in_service);
		o->in_service_p[i] = q >= o->n_periods ? ORACLE_NEVER : q;
	}
	if (o->in_service_p[i] > 0)
		o->growth = true;
	o->deadline_p[i] = ORACLE_NEVER;
	o->own_deadline_p[i] = site->has_deadline && o->hr[i]
				       ? binding_end(o, site->deadline)
				       : ORACLE_NEVER;
	if (!o->hr[i])
		return;
	for (size_t r = 0; r < s->n_deadlines; r++)
		if (o->rule_bind[r] < o->n_periods &&
		    deadline_covers(s, &s->deadlines[r], site) &&
		    o->rule_bind[r] < o->deadline_p[i])
			o->deadline_p[i] = o->rule_bind[r];
	if (site->has_deadline) {
		int b = binding_end(o, site->deadline);
		if (b < o->n_periods && b < o->deadline_p[i])
			o->deadline_p[i] = b;
	}
}

/* model-2.md rule 5 and rule 4 count only what is in service at a period
 * end: per domain, and per trusted vendor and domain. */
static void count_in_service(struct oracle *o)
{
	const struct scenario *s = o->s;
	size_t nd = s->domains.count, np = (size_t)o->n_periods;
	o->domain_units = xcalloc(nd * np + 1, sizeof(*o->domain_units));
	o->vendor_base = xcalloc(s->n_vendors * nd * np + 1, sizeof(*o->vendor_base));
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		int tv = scenario_find_vendor(s, s->site_vendors.names[site->vendor]);
		for (int p = o->in_service_p[i]; p < o->n_periods; p++) {
			o->domain_units[site->domain * np + (size_t)p] += site->units;
			if (tv >= 0)
				o->vendor_base[((size_t)tv * nd + site->domain) * np +
					       (size_t)p] += site->units;
		}
	}
}

struct oracle *oracle_create(const struct scenario *s, double budget_scale)
{
	struct oracle *o = xcalloc(1, sizeof(*o));
	size_t nd = s->domains.count, nv = s->n_vendors, ny = (size_t)s->n_years;
	o->s = s;
	o->budget_scale = budget_scale;
	o->report_prefix = "";
	o->per_year = s->periods_per_year > 0 ? s->periods_per_year : 1;
	o->n_periods = s->n_years * o->per_year;
	size_t np = (size_t)o->n_periods;
	o->budget = xmalloc((ny + 1) * sizeof(*o->budget));
	for (size_t y = 0; y < ny; y++)
		o->budget[y] =
			isinf(s->budget[y]) ? INFINITY : s->budget[y] * budget_scale;
	o->budget_key = xmalloc((np + 1) * sizeof(*o->budget_key));
	for (size_t p = 0; p < np; p++) {
		double key = s->budget_period ? s->budget_period[p] : INFINITY;
		o->budget_key[p] = isinf(key) ? INFINITY : key * budget_scale;
	}

	o->rule_bind = xmalloc((s->n_deadlines + 1) * sizeof(*o->rule_bind));
	for (size_t r = 0; r < s->n_deadlines; r++)
		o->rule_bind[r] = binding_end(
			o, rule_date(&s->deadlines[r].when, s->deadlines[r].year));
	o->cap_bind = xmalloc((s->n_caps + 1) * sizeof(*o->cap_bind));
	for (size_t c = 0; c < s->n_caps; c++)
		o->cap_bind[c] =
			binding_end(o, rule_date(&s->caps[c].when, s->caps[c].year));

	o->hr = xcalloc(s->n_sites + 1, sizeof(*o->hr));
	o->deadline_p = xmalloc((s->n_sites + 1) * sizeof(*o->deadline_p));
	o->earliest_p = xmalloc((s->n_sites + 1) * sizeof(*o->earliest_p));
	o->in_service_p = xmalloc((s->n_sites + 1) * sizeof(*o->in_service_p));
	o->own_deadline_p = xmalloc((s->n_sites + 1) * sizeof(*o->own_deadline_p));
	for (size_t i = 0; i < s->n_sites; i++) {
		o->hr[i] = scenario_site_is_high_risk(s, &s->sites[i]);
		if (o->hr[i]) {
			o->n_hr++;
			o->hr_units_total += s->sites[i].units;
		}
		derive_site(o, i);
	}
	count_in_service(o);
	build_units(o);
	oracle_history_create(o);

	o->spend = xcalloc(np + 1, sizeof(*o->spend));
	size_t nr = s->regions.count;
	o->n_scratch = nv * np + nr * np + nv * nd * np + 1;
	o->scratch = xcalloc(o->n_scratch, sizeof(*o->scratch));
	return o;
}

void oracle_destroy(struct oracle *o)
{
	if (!o)
		return;
	free(o->budget);
	free(o->budget_key);
	free(o->hr);
	free(o->deadline_p);
	free(o->earliest_p);
	free(o->in_service_p);
	free(o->own_deadline_p);
	oracle_history_destroy(o);
	free(o->rule_bind);
	free(o->cap_bind);
	free(o->domain_units);
	free(o->vendor_base);
	free(o->unit_start);
	free(o->unit_sites);
	free(o->site_unit);
	free(o->spend);
	free(o->scratch);
	free(o);
}

bool oracle_site_cost(const struct oracle *o, size_t site, int vendor, int p,
		      double *equipment, double *site_cost, double *present_value)
{
	const struct scenario *s = o->s;
	if (vendor < 0 || (size_t)vendor >= s->n_vendors)
		return false;
	const char *domain = s->domains.names[s->sites[site].domain];
	double unit_cost = scenario_unit_cost(&s->vendors[vendor], domain);
	if (isnan(unit_cost))
		return false;
	double t = (double)p / o->per_year;
	double esc = pow(1.0 + s->cost_escalation, t);
	double disc = pow(1.0 + s->discount_rate, -t);
	/* A ledger row's written cost, for its own swap: as is, never
	 * escalated, discounted like any other (model-2.md). */
	for (size_t r = 0; r < s->n_fixed; r++) {
		const struct ledger_row *row = &s->fixed[r];
		if (row->site == site && !isnan(row->cost) && row->p == p &&
		    row->vendor == (uint32_t)vendor) {
			*equipment = 0;
			*site_cost = row->cost;
			*present_value = row->cost * disc;
			return true;
		}
	}
	double eq = (double)s->sites[site].units * unit_cost * esc;
	double sc = scenario_site_cost(s, domain) * esc;
	*equipment = eq;
	*site_cost = sc;
	*present_value = (eq + sc) * disc;
	return true;
}

bool oracle_vendor_allowed(const struct oracle *o, size_t site, int vendor)
{
	const struct scenario *s = o->s;
	const struct site *st = &s->sites[site];
	if (st->n_allowed) {
		bool listed = false;
		for (uint32_t k = 0; k < st->n_allowed; k++)
			listed |= s->allowed[st->allowed_first + k] == (uint32_t)vendor;
		if (!listed)
			return false;
	}
	const struct trusted_vendor *tv = &s->vendors[vendor];
	if (tv->n_regions == 0)
		return true;
	const char *region = s->regions.names[st->region];
	for (size_t k = 0; k < tv->n_regions; k++)
		if (strcmp(tv->region_names[k], region) == 0)
			return true;
	return false;
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
 * model.md rule 3 and model-2.md: the own spend of a year's periods is at
 * most its budget plus what the year before carried over; a period key
 * limits its period's spend and never adds or carries money. Money not
 * spent in a limited year rolls into the next one when carry_over is set;
 * an unlimited year carries nothing. A year that overspends carries
 * nothing either, so one overspend is reported once, not again in every
 * later year. A scenario with a ledger is judged by
 * oracle_history_budget() instead. Returns the overspent years and
 * periods.
 */
static size_t check_budget(const struct oracle *o, const double *spend, FILE *report,
			   struct oracle_eval *ev)
{
	const struct scenario *s = o->s;
	size_t bad = 0;
	double carry = 0;
	for (int y = 0; y < s->n_years; y++) {
		double year_spend = 0;
		for (int k = 0; k < o->per_year; k++) {
			int p = y * o->per_year + k;
			year_spend += spend[p];
			if (isinf(o->budget_key[p]) ||
			    oracle_le(spend[p], o->budget_key[p]))
				continue;
			bad++;
			if (ev) {
				char label[16];
				oracle_label(o, p, label, sizeof(label));
				violation(o, ev, report, "budget",
					  "%s spends %.2f, period key %.2f", label,
					  spend[p], o->budget_key[p]);
			}
		}
		double available = o->budget[y] + carry;
		carry = 0;
		if (isinf(available))
			continue;
		if (!oracle_le(year_spend, available)) {
			bad++;
			if (ev)
				violation(o, ev, report, "budget",
					  "%d spends %.2f, %.2f available", s->start + y,
					  year_spend, available);
			continue;
		}
		if (s->carry_over)
			carry = available - year_spend;
	}
	return bad;
}

bool oracle_budget_ok(const struct oracle *o, const double *spend)
{
	if (o->history)
		return oracle_history_budget(o, spend, NULL, NULL) == 0;
	return check_budget(o, spend, NULL, NULL) == 0;
}

struct budget_report {
	FILE *report;
	struct oracle_eval *ev;
};

static void report_history_budget(const struct oracle *o, void *data, const char *what,
				  double spent, double available)
{
	struct budget_report *b = data;
	violation(o, b->ev, b->report, "budget",
		  "%s spends %.2f, %.2f available (the ledger's share included)", what,
		  spent, available);
}

/* The budget of a re-plan (oracle_history_budget()) on own spends. */
static void check_history_budget(const struct oracle *o, const double *spend,
				 FILE *report, struct oracle_eval *ev)
{
	struct budget_report b = {report, ev};
	oracle_history_budget(o, spend, report_history_budget, &b);
}

/* A site still holds its high-risk equipment at the end of period 'p'. */
static bool left_at(int period, int p)
{
	return period == ORACLE_UNSWAPPED || period > p;
}

static void check_vendor(struct oracle *o, size_t i, int vendor, FILE *report,
			 struct oracle_eval *ev)
{
	const struct scenario *s = o->s;
	const struct site *site = &s->sites[i];
	const struct trusted_vendor *tv = &s->vendors[vendor];
	if (site->n_allowed) {
		bool listed = false;
		for (uint32_t k = 0; k < site->n_allowed; k++)
			listed |= s->allowed[site->allowed_first + k] == (uint32_t)vendor;
		if (!listed)
			violation(o, ev, report, "allowed_vendors",
				  "site '%s' swapped to '%s', not one of its "
				  "allowed_vendors",
				  site->id, tv->name);
	}
	if (tv->n_regions) {
		const char *region = s->regions.names[site->region];
		bool listed = false;
		for (size_t k = 0; k < tv->n_regions; k++)
			listed |= strcmp(tv->region_names[k], region) == 0;
		if (!listed)
			violation(o, ev, report, "vendor_regions",
				  "site '%s' of region '%s' swapped to '%s', whose "
				  "vendor_regions leave it out",
				  site->id, region, tv->name);
	}
}

static void check_sites(struct oracle *o, const int *period, const int *vendor,
			FILE *report, struct oracle_eval *ev)
{
	const struct scenario *s = o->s;
	ev->completion_period = -1;
	bool all_swapped = true;
	for (size_t i = 0; i < s->n_sites; i++) {
		if (!o->hr[i])
			continue;
		const struct site *site = &s->sites[i];
		double w = site->criticality * (double)site->units;
		int p = period[i];
		int left_to =
			p == ORACLE_UNSWAPPED || p > o->n_periods ? o->n_periods : p;
		if (left_to > o->replan_p)
			ev->exposure_from_replan +=
				w * ((double)(left_to - o->replan_p) / o->per_year);
		if (p == ORACLE_UNSWAPPED) {
			ev->exposure += w * ((double)o->n_periods / o->per_year);
			ev->hr_units_left += site->units;
			all_swapped = false;
			continue;
		}
		char label[16];
		oracle_label(o, p, label, sizeof(label));
		if (p < 0 || p >= o->n_periods) {
			char first[16], last[16];
			oracle_label(o, 0, first, sizeof(first));
			oracle_label(o, o->n_periods - 1, last, sizeof(last));
			violation(o, ev, report, "horizon",
				  "site '%s' swapped in %s, outside %s-%s", site->id,
				  label, first, last);
			continue;
		}
		ev->exposure += w * ((double)p / o->per_year);
		if (p > ev->completion_period)
			ev->completion_period = p;
		double eq, sc, pv;
		if (!oracle_site_cost(o, i, vendor[i], p, &eq, &sc, &pv)) {
			violation(o, ev, report, "vendor",
				  "site '%s' (domain '%s') swapped to a vendor that does "
				  "not list its domain",
				  site->id, s->domains.names[site->domain]);
			continue;
		}
		ev->nominal_cost += eq + sc;
		ev->present_cost += pv;
		if (p >= o->replan_p)
			ev->present_cost_from_replan += pv;
		o->spend[p] += eq + sc;
		/* A ledger row against allowed_vendors, vendor_regions or an
		 * earliest date is a fact (scenario-format-2.md), not a
		 * violation. */
		if (o->ledger_row[i] >= 0 && o->ledger_row[i] < (int32_t)s->n_fixed &&
		    s->fixed[o->ledger_row[i]].p == p &&
		    s->fixed[o->ledger_row[i]].vendor == (uint32_t)vendor[i])
			continue;
		check_vendor(o, i, vendor[i], report, ev);
		if (p >= o->earliest_p[i])
			continue;
		if (site->has_earliest) {
			char date[16];
			format_date(site->earliest, date, sizeof(date));
			violation(o, ev, report, "earliest",
				  "site '%s' swapped in %s, which starts before its "
				  "earliest date %s",
				  site->id, label, date);
		} else {
			violation(o, ev, report, "earliest_year",
				  "site '%s' swapped in %s, before its earliest year %d",
				  site->id, label, site->earliest_year);
		}
	}
	if (!all_swapped)
		ev->completion_period = -1;
	ev->completion_year = ev->completion_period >= 0
				      ? oracle_period_year(o, ev->completion_period)
				      : 0;
}

/* Rule 1 for clusters: one swap, so one period and one vendor for all. */
static void check_clusters(const struct oracle *o, const int *period, const int *vendor,
			   FILE *report, struct oracle_eval *ev)
{
	const struct scenario *s = o->s;
	for (size_t u = 0; u < o->n_units; u++) {
		uint32_t first = o->unit_sites[o->unit_start[u]];
		for (uint32_t k = o->unit_start[u] + 1; k < o->unit_start[u + 1]; k++) {
			uint32_t i = o->unit_sites[k];
			if (period[i] != period[first] || vendor[i] != vendor[first])
				violation(o, ev, report, "cluster",
					  "cluster '%s': site '%s' and site '%s' are not "
					  "swapped together",
					  s->sites[i].cluster, s->sites[first].id,
					  s->sites[i].id);
		}
	}
}

static void describe_swap(const struct oracle *o, int p, char *buf, size_t size)
{
	if (p == ORACLE_UNSWAPPED) {
		snprintf(buf, size, "never swapped");
		return;
	}
	char label[16];
	oracle_label(o, p, label, sizeof(label));
	snprintf(buf, size, "swapped in %s", label);
}

/* A rule's "by": its year (version 1) or its date, and where that binds
 * when it is not the end of a period. */
static void describe_by(const struct oracle *o, const struct rule_when *when, int year,
			int bind, char *buf, size_t size)
{
	if (!when->dated) {
		snprintf(buf, size, "%d", year);
		return;
	}
	char date[16], label[16];
	format_date(when->date, date, sizeof(date));
	oracle_label(o, bind, label, sizeof(label));
	snprintf(buf, size, "%s (end of %s)", date, label);
}

/* model.md rule 2 and model-2.md rules 1 and 2: deadline rules (regional
 * ones cover their region only) and each site's own deadline, at their
 * binding ends; one past the horizon binds nothing. */
static void check_deadlines(const struct oracle *o, const int *period, FILE *report,
			    struct oracle_eval *ev)
{
	const struct scenario *s = o->s;
	char when[48], by[64];
	for (size_t r = 0; r < s->n_deadlines; r++) {
		const struct deadline_rule *rule = &s->deadlines[r];
		int bind = o->rule_bind[r];
		if (bind >= o->n_periods || o->deadline_broken[r])
			continue;
		for (size_t i = 0; i < s->n_sites; i++) {
			/* A ledger row is a fact: late, it breaks the rule before
			 * the re-plan (priced by V_b), or binds before the
			 * horizon, where no plan could have it earlier. */
			if (!o->hr[i] || !deadline_covers(s, rule, &s->sites[i]) ||
			    o->ledger_row[i] >= 0)
				continue;
			if (period[i] != ORACLE_UNSWAPPED && period[i] <= bind)
				continue;
			describe_swap(o, period[i], when, sizeof(when));
			describe_by(o, &rule->when, rule->year, bind, by, sizeof(by));
			violation(o, ev, report, "deadline",
				  "deadline '%s'%s%s%s by %s: site '%s' %s",
				  rule->domain ? rule->domain : "*",
				  rule->region_name ? " in '" : "",
				  rule->region_name ? rule->region_name : "",
				  rule->region_name ? "'" : "", by, s->sites[i].id, when);
		}
	}
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		if (!o->hr[i] || !site->has_deadline || o->own_broken[i] ||
		    o->ledger_row[i] >= 0)
			continue;
		int bind = binding_end(o, site->deadline);
		if (bind >= o->n_periods ||
		    (period[i] != ORACLE_UNSWAPPED && period[i] <= bind))
			continue;
		char date[16], label[16];
		format_date(site->deadline, date, sizeof(date));
		oracle_label(o, bind, label, sizeof(label));
		describe_swap(o, period[i], when, sizeof(when));
		violation(o, ev, report, "site_deadline",
			  "site '%s' must go by %s (end of %s): %s", site->id, date,
			  label, when);
	}
}

bool oracle_cap_covers(const struct scenario *s, const struct share_cap_rule *cap,
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

/*
 * model.md rule 4 and model-2.md rule 4: from the binding end on (every
 * period end when it lies before the horizon's first), the HR units (or
 * sites) not yet swapped in scope are at most the share of all units (or
 * sites with units > 0) of any vendor in scope that are in service at that
 * period end.
 */
static void check_caps(const struct oracle *o, const int *period, FILE *report,
		       struct oracle_eval *ev)
{
	const struct scenario *s = o->s;
	for (size_t c = 0; c < s->n_caps; c++) {
		const struct share_cap_rule *cap = &s->caps[c];
		bool sites = cap->measure == CAP_SITES;
		int from = o->cap_bind[c] > 0 ? o->cap_bind[c] : 0;
		if (o->cap_broken[c])
			continue; /* priced by V_b */
		for (int p = from; p < o->n_periods; p++) {
			int64_t left = 0, total = 0;
			for (size_t i = 0; i < s->n_sites; i++) {
				const struct site *site = &s->sites[i];
				if (!oracle_cap_covers(s, cap, site) ||
				    o->in_service_p[i] > p)
					continue;
				int64_t count = sites ? site->units > 0 : site->units;
				total += count;
				if (o->hr[i] && left_at(period[i], p))
					left += count;
			}
			if (oracle_le((double)left, cap->max_share * (double)total))
				continue;
			char scope[256] = "*";
			size_t len = 0;
			for (size_t k = 0; k < cap->n_domains && len < sizeof(scope); k++)
				len += (size_t)snprintf(scope + len, sizeof(scope) - len,
							"%s%s", k ? "," : "",
							cap->domains[k]);
			char from_text[64], label[16];
			describe_by(o, &cap->when, cap->year, o->cap_bind[c], from_text,
				    sizeof(from_text));
			oracle_label(o, p, label, sizeof(label));
			violation(o, ev, report, "share_cap",
				  "cap '%s'%s%s%s %g from %s: %lld high-risk %s of %lld "
				  "left at the end of %s",
				  scope, cap->region ? " in '" : "",
				  cap->region ? cap->region : "", cap->region ? "'" : "",
				  cap->max_share, from_text, (long long)left,
				  sites ? "sites" : "units", (long long)total, label);
		}
	}
}

/*
 * Capacity and crews (rules 6 and 7, model-2.md): a year's value limits the
 * sum over its periods, a period key its period. 'used' holds [n_periods]
 * counts of one vendor or region; 'what' names it in messages.
 */
static void check_limits(const struct oracle *o, const int64_t *used,
			 const int64_t *ledger, const double *year, const double *key,
			 const char *rule, const char *what, const char *verb,
			 const char *noun, FILE *report, struct oracle_eval *ev)
{
	const struct scenario *s = o->s;
	for (int y = 0; y < s->n_years; y++) {
		int64_t sum = 0, sum_ledger = 0;
		for (int k = 0; k < o->per_year; k++) {
			int p = y * o->per_year + k;
			sum += used[p];
			sum_ledger += ledger[p];
			if (oracle_limit_ok((double)used[p], (double)ledger[p], key[p]))
				continue;
			char label[16];
			oracle_label(o, p, label, sizeof(label));
			violation(o, ev, report, rule,
				  "%s %s %lld %s in %s, period key %g", what, verb,
				  (long long)used[p], noun, label, key[p]);
		}
		if (!oracle_limit_ok((double)sum, (double)sum_ledger, year[y]))
			violation(o, ev, report, rule, "%s %s %lld %s in %d, %s %g", what,
				  verb, (long long)sum, noun, s->start + y, rule,
				  year[y]);
	}
}

/*
 * Rules 5-7 count per (vendor, period), (region, period) and (vendor,
 * domain, period). A vendor's units only grow, but with growth its limit
 * moves too: it is held at every period end, and the worst one reported.
 */
static void check_counts(struct oracle *o, const int *period, const int *vendor,
			 FILE *report, struct oracle_eval *ev)
{
	const struct scenario *s = o->s;
	size_t np = (size_t)o->n_periods, nv = s->n_vendors, nd = s->domains.count;
	size_t nr = s->regions.count, ny = (size_t)s->n_years;
	int64_t *cap_used = o->scratch;
	int64_t *crews_used = cap_used + nv * np;
	int64_t *to_vendor = crews_used + nr * np;
	memset(o->scratch, 0, o->n_scratch * sizeof(*o->scratch));
	for (size_t i = 0; i < s->n_sites; i++) {
		if (!o->hr[i] || period[i] < 0 || period[i] >= o->n_periods ||
		    vendor[i] < 0 || (size_t)vendor[i] >= nv)
			continue;
		size_t p = (size_t)period[i], v = (size_t)vendor[i];
		cap_used[v * np + p] += s->sites[i].units;
		crews_used[s->sites[i].region * np + p]++;
		to_vendor[(v * nd + s->sites[i].domain) * np + p] += s->sites[i].units;
	}
	double *year = xmalloc((ny + 1) * sizeof(*year));
	double *key = xmalloc((np + 1) * sizeof(*key));
	for (size_t v = 0; v < nv; v++) {
		const struct trusted_vendor *tv = &s->vendors[v];
		char what[300];
		snprintf(what, sizeof(what), "vendor '%s'", tv->name);
		for (size_t p = 0; p < np; p++)
			key[p] = tv->capacity_period ? tv->capacity_period[p] : INFINITY;
		check_limits(o, cap_used + v * np, o->ledger_cap + v * np, tv->capacity,
			     key, "capacity", what, "installs", "units", report, ev);
	}
	for (size_t r = 0; r < nr; r++) {
		const char *region = s->regions.names[r];
		char what[300];
		snprintf(what, sizeof(what), "region '%s'", region);
		for (size_t y = 0; y < ny; y++)
			year[y] = scenario_crews(s, region, (int)y);
		for (size_t p = 0; p < np; p++)
			key[p] = scenario_crews_period(s, region, (int)p);
		check_limits(o, crews_used + r * np, o->ledger_crews + r * np, year, key,
			     "crews", what, "swaps", "sites", report, ev);
	}
	free(year);
	free(key);
	for (size_t d = 0; d < nd; d++) {
		double mu = scenario_vendor_share_limit(s, s->domains.names[d]);
		if (isnan(mu))
			continue;
		for (size_t v = 0; v < nv; v++) {
			const int64_t *base = o->vendor_base + (v * nd + d) * np;
			const int64_t *units = o->domain_units + d * np;
			const int64_t *fixed = o->ledger_to_vendor + (v * nd + d) * np;
			int64_t swapped = 0, swapped_fixed = 0;
			int worst = -1;
			double worst_excess = 0, worst_limit = 0;
			int64_t worst_held = 0;
			for (size_t p = 0; p < np; p++) {
				swapped += to_vendor[(v * nd + d) * np + p];
				swapped_fixed += fixed[p];
				int64_t held = base[p] + swapped;
				double limit =
					fmax(mu * (double)units[p], (double)base[p]);
				double excess = (double)held - limit;
				if (oracle_limit_ok((double)held,
						    (double)(base[p] + swapped_fixed),
						    limit) ||
				    (worst >= 0 && excess < worst_excess))
					continue;
				worst = (int)p;
				worst_excess = excess;
				worst_limit = limit;
				worst_held = held;
			}
			if (worst < 0)
				continue;
			char at[32] = "";
			if (o->per_year > 1 || o->growth) {
				char label[16];
				oracle_label(o, worst, label, sizeof(label));
				snprintf(at, sizeof(at), " at the end of %s", label);
			}
			violation(o, ev, report, "vendor_share",
				  "vendor '%s' holds %lld of %lld units of '%s', "
				  "limit %g%s",
				  s->vendors[v].name, (long long)worst_held,
				  (long long)units[worst], s->domains.names[d],
				  worst_limit, at);
		}
	}
}

/* Rule 8: a swapped HR site needs every HR site it depends on swapped in
 * the same period or earlier; dependencies on other sites bind nothing. */
static void check_dependencies(const struct oracle *o, const int *period, FILE *report,
			       struct oracle_eval *ev)
{
	const struct scenario *s = o->s;
	if (!s->dep_start)
		return;
	for (size_t i = 0; i < s->n_sites; i++) {
		if (!o->hr[i] || period[i] == ORACLE_UNSWAPPED)
			continue;
		for (uint32_t k = s->dep_start[i]; k < s->dep_start[i + 1]; k++) {
			uint32_t j = s->dep_sites[k];
			if (!o->hr[j] || !left_at(period[j], period[i]) ||
			    !oracle_dependency_binds(o, i, j))
				continue;
			char label[16];
			oracle_label(o, period[i], label, sizeof(label));
			violation(
				o, ev, report, "dependency",
				"site '%s' swapped in %s before site '%s' it depends on",
				s->sites[i].id, label, s->sites[j].id);
		}
	}
}

void oracle_evaluate(struct oracle *o, const int *period, const int *vendor, FILE *report,
		     struct oracle_eval *out)
{
	const struct scenario *s = o->s;
	memset(out, 0, sizeof(*out));
	memset(o->spend, 0, (size_t)o->n_periods * sizeof(*o->spend));
	check_sites(o, period, vendor, report, out);
	check_clusters(o, period, vendor, report, out);
	check_deadlines(o, period, report, out);
	if (o->funded) {
		double *own = xmalloc(((size_t)o->n_periods + 1) * sizeof(double));
		for (int p = 0; p < o->n_periods; p++)
			own[p] = o->spend[p] - o->funded[p];
		if (o->history)
			check_history_budget(o, own, report, out);
		else
			check_budget(o, own, report, out);
		free(own);
	} else if (o->history) {
		check_history_budget(o, o->spend, report, out);
	} else {
		check_budget(o, o->spend, report, out);
	}
	out->broken_violation = oracle_broken_violation(o, period);
	check_caps(o, period, report, out);
	check_counts(o, period, vendor, report, out);
	check_dependencies(o, period, report, out);
	if (scenario_completes(s) && out->hr_units_left > 0)
		violation(
			o, out, report, "completion",
			"the cost objective swaps every high-risk site, %lld units left",
			(long long)out->hr_units_left);
}

static int clamp(const struct oracle *o, int p)
{
	return p < -1 ? -1 : p > o->n_periods ? o->n_periods : p;
}

static size_t derived_differs(const struct oracle *o, FILE *report, const char *what,
			      int loader, int ours)
{
	if (loader == ours)
		return 0;
	if (report)
		fprintf(report, "%sderived: %s is %d in the scenario, %d by the oracle\n",
			o->report_prefix, what, loader, ours);
	return 1;
}

size_t oracle_check_derived(const struct oracle *o, FILE *report)
{
	const struct scenario *s = o->s;
	size_t bad = 0;
	char what[320];
	for (size_t r = 0; r < s->n_deadlines; r++) {
		snprintf(what, sizeof(what), "bind_p of deadline %zu", r + 1);
		bad += derived_differs(o, report, what, s->deadlines[r].when.bind_p,
				       clamp(o, o->rule_bind[r]));
	}
	for (size_t c = 0; c < s->n_caps; c++) {
		snprintf(what, sizeof(what), "bind_p of share cap %zu", c + 1);
		bad += derived_differs(o, report, what, s->caps[c].when.bind_p,
				       clamp(o, o->cap_bind[c]));
	}
	for (size_t i = 0; i < s->n_sites; i++) {
		const struct site *site = &s->sites[i];
		int earliest = o->earliest_p[i] < 0              ? 0
			       : o->earliest_p[i] > o->n_periods ? o->n_periods
								 : o->earliest_p[i];
		snprintf(what, sizeof(what), "earliest_p of site '%s'", site->id);
		bad += derived_differs(o, report, what, site->earliest_p, earliest);
		int deadline = site->has_deadline
				       ? clamp(o, binding_end(o, site->deadline))
				       : INT_MAX;
		snprintf(what, sizeof(what), "deadline_p of site '%s'", site->id);
		bad += derived_differs(o, report, what, site->deadline_p, deadline);
		int in_service =
			o->in_service_p[i] == ORACLE_NEVER ? INT_MAX : o->in_service_p[i];
		snprintf(what, sizeof(what), "in_service_p of site '%s'", site->id);
		bad += derived_differs(o, report, what, site->in_service_p, in_service);
	}
	return bad;
}

double oracle_first(const struct oracle *o, const struct oracle_eval *ev)
{
	return o->s->objective == OBJECTIVE_COST ? ev->present_cost : ev->exposure;
}

double oracle_second(const struct oracle *o, const struct oracle_eval *ev)
{
	return o->s->objective == OBJECTIVE_COST ? ev->exposure : ev->present_cost;
}

/* --- Baselines (cli-and-outputs-2.md "Moves"), read with libcsv here so
 * that the oracles share none of the planner's plan_read. --- */

struct baseline_csv {
	char **fields;
	size_t n, alloc;
	char ***rows; /* rows[r][k], each row n_cols fields */
	size_t *n_fields;
	size_t n_rows, alloc_rows;
};

static void baseline_field(void *text, size_t len, void *data)
{
	struct baseline_csv *b = data;
	ARRAY_GROW(b->fields, b->n, b->alloc);
	char *copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	b->fields[b->n++] = copy;
}

static void baseline_row(int c, void *data)
{
	(void)c;
	struct baseline_csv *b = data;
	if (b->n_rows >= b->alloc_rows) {
		b->alloc_rows = b->alloc_rows ? 2 * b->alloc_rows : 64;
		b->rows = xreallocarray(b->rows, b->alloc_rows, sizeof(*b->rows));
		b->n_fields = xreallocarray(b->n_fields, b->alloc_rows, sizeof(size_t));
	}
	b->rows[b->n_rows] = b->fields;
	b->n_fields[b->n_rows++] = b->n;
	b->fields = NULL;
	b->n = b->alloc = 0;
}

/* The formula guard undone: in a version 2 file every leading "'", in a
 * version 1 file one before = + - @ tab CR or "'". */
static const char *baseline_unguard(const char *text, bool v2)
{
	if (text[0] == '\'' && (v2 || (text[1] && strchr("=+-@\t\r'", text[1]))))
		return text + 1;
	return text;
}

bool oracle_read_baseline(const struct oracle *o, const char *path, int *period,
			  int *vendor)
{
	const struct scenario *s = o->s;
	for (size_t i = 0; i < s->n_sites; i++) {
		period[i] = ORACLE_UNSWAPPED;
		vendor[i] = -1;
	}
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	struct baseline_csv b = {0};
	struct csv_parser p;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
	char buf[4096];
	size_t len;
	bool ok = true;
	while (ok && (len = fread(buf, 1, sizeof(buf), f)) > 0)
		ok = csv_parse(&p, buf, len, baseline_field, baseline_row, &b) == len;
	ok = ok && csv_fini(&p, baseline_field, baseline_row, &b) == 0;
	csv_free(&p);
	fclose(f);
	int at_id = -1, at_year = -1, at_period = -1, at_to = -1;
	for (size_t k = 0; ok && b.n_rows && k < b.n_fields[0]; k++) {
		const char *h = b.rows[0][k];
		if (strcmp(h, "site_id") == 0)
			at_id = (int)k;
		else if (strcmp(h, "year") == 0)
			at_year = (int)k;
		else if (strcmp(h, "period") == 0)
			at_period = (int)k;
		else if (strcmp(h, "to_vendor") == 0)
			at_to = (int)k;
	}
	ok = ok && at_id >= 0 && at_year >= 0 && at_to >= 0;
	bool v2 = at_period >= 0;
	for (size_t r = 1; ok && r < b.n_rows; r++) {
		char **row = b.rows[r];
		if (b.n_fields[r] != b.n_fields[0]) {
			ok = false;
			break;
		}
		const char *id = baseline_unguard(row[at_id], v2);
		const char *to = baseline_unguard(row[at_to], v2);
		size_t i = 0;
		while (i < s->n_sites && strcmp(s->sites[i].id, id) != 0)
			i++;
		if (i == s->n_sites || !*to)
			continue; /* not the scenario's, or unswapped */
		int v = -1;
		for (size_t k = 0; k < s->n_vendors; k++)
			if (strcmp(s->vendors[k].name, to) == 0)
				v = (int)k;
		int q = ORACLE_ELSEWHERE;
		char *end;
		long year = strtol(row[at_year], &end, 10);
		if (v2) {
			if (!oracle_parse_label(o, row[at_period], &q))
				q = ORACLE_ELSEWHERE;
		} else if (*end == '\0' && o->per_year == 1) {
			q = (int)(year - s->start);
		}
		if (q < 0 || q >= o->n_periods || v < 0) {
			period[i] = ORACLE_ELSEWHERE;
		} else {
			period[i] = q;
			vendor[i] = v;
		}
	}
	for (size_t r = 0; r < b.n_rows; r++) {
		for (size_t k = 0; k < b.n_fields[r]; k++)
			free(b.rows[r][k]);
		free(b.rows[r]);
	}
	for (size_t k = 0; k < b.n; k++)
		free(b.fields[k]);
	free(b.fields);
	free(b.rows);
	free(b.n_fields);
	return ok;
}

bool oracle_moved(const int *base_period, const int *base_vendor, size_t site, int period,
		  int vendor)
{
	if (base_period[site] == ORACLE_UNSWAPPED)
		return period != ORACLE_UNSWAPPED;
	return base_period[site] != period || base_vendor[site] != vendor;
}

int64_t oracle_moves(const struct oracle *o, const int *base_period,
		     const int *base_vendor, const int *period, const int *vendor)
{
	int64_t n = 0;
	for (size_t i = 0; i < o->s->n_sites; i++)
		if (o->hr[i])
			n += oracle_moved(base_period, base_vendor, i, period[i],
					  vendor[i]);
	return n;
}
