#include "input/site_rules.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/did_you_mean.h"
#include "util/list_item.h"
#include "util/period.h"
#include "util/xalloc.h"

bool site_rules_takes(const struct scenario *s, const struct site *site, size_t v)
{
	return !isnan(scenario_unit_cost(&s->vendors[v],
					 s->domains.names[site->domain])) &&
	       scenario_vendor_allows(s, site, v);
}

/* "site 'A1' (line 4 of sites.csv)": how a note names a site (heap). */
static char *site_name(const struct scenario *s, const struct site *site)
{
	return xasprintf("site '%s' (line %u of %s)", site->id, site->line,
			 s->sites_path);
}

/*
 * allowed_vendors: split on ';', items trimmed of spaces and tabs, empty
 * items ignored (as depends_on). Each must be a trusted vendor; a name
 * given twice is a note (it changes nothing). A cell of separators only
 * allows any vendor, as an empty cell does.
 */
static void resolve_allowed(struct scenario *s, struct site *site, size_t *alloc,
			    struct diag *d)
{
	site->allowed_first = (uint32_t)s->n_allowed;
	site->n_allowed = 0;
	const char *p = site->allowed_vendors, *a, *b;
	while (list_item_next(&p, &a, &b)) {
		char *name = xasprintf("%.*s", (int)(b - a), a);
		int v = scenario_find_vendor(s, name);
		if (v < 0 && scenario_is_high_risk_vendor(s, name)) {
			diag_add(d, s->sites_path, site->line, s->csv_col.allowed_vendors,
				 "allowed_vendors names '%s', a high-risk vendor", name);
		} else if (v < 0) {
			diag_add(d, s->sites_path, site->line, s->csv_col.allowed_vendors,
				 "allowed_vendors names '%s', which is no trusted vendor "
				 "in 'vendors'" DID_YOU_MEAN_HINT,
				 name,
				 DID_YOU_MEAN_HINT_ARGS(scenario_vendor_meant(s, name)));
		} else {
			bool seen = false;
			for (uint32_t k = 0; k < site->n_allowed; k++)
				seen |= s->allowed[site->allowed_first + k] ==
					(uint32_t)v;
			if (seen) {
				char *who = site_name(s, site);
				scenario_add_note(s, 0,
						  "%s names '%s' more than once in "
						  "allowed_vendors",
						  who, name);
				free(who);
			} else {
				ARRAY_GROW(s->allowed, s->n_allowed, *alloc);
				s->allowed[s->n_allowed++] = (uint32_t)v;
				site->n_allowed++;
			}
		}
		free(name);
	}
}

/* deadline, allowed_vendors and earliest bind only high-risk sites. */
static void note_ignored(struct scenario *s, const struct site *site)
{
	const char *cols[3];
	int n = 0;
	if (site->has_deadline)
		cols[n++] = "deadline";
	if (site->allowed_vendors)
		cols[n++] = "allowed_vendors";
	if (site->has_earliest)
		cols[n++] = "earliest";
	if (!n)
		return;
	char *who = site_name(s, site);
	const char *sep1 = n == 2 ? " and " : ", ";
	if (n == 1)
		scenario_add_note(s, 0, "%s is not a high-risk site: its %s is ignored",
				  who, cols[0]);
	else if (n == 2)
		scenario_add_note(s, 0,
				  "%s is not a high-risk site: its %s%s%s are ignored",
				  who, cols[0], sep1, cols[1]);
	else
		scenario_add_note(s, 0,
				  "%s is not a high-risk site: its %s, %s and %s are "
				  "ignored",
				  who, cols[0], cols[1], cols[2]);
	free(who);
}

/* "earliest 1 Feb 2024" or "earliest_year 2025": what sets earliest_p. */
static void earliest_text(const struct site *site, char *buf, size_t size)
{
	char date[16];
	if (site->has_earliest) {
		date_format_long(site->earliest, date, sizeof(date));
		snprintf(buf, size, "earliest %s", date);
	} else {
		snprintf(buf, size, "earliest_year %d", site->earliest_year);
	}
}

/*
 * The dates of a high-risk site against the horizon: no new high-risk
 * equipment enters service once the horizon has begun (an error); an
 * earliest after the last period start leaves the site unswappable, and a
 * deadline binding before the first period the site may go cannot hold
 * (notes, as version 1's unswappable sites are).
 */
static void check_high_risk_dates(struct scenario *s, const struct site *site,
				  struct diag *d)
{
	int ppy = s->periods_per_year;
	struct date first = {s->start, 1, 1};
	char a[32], b[32], c[48];
	if (site->has_in_service && date_compare(site->in_service, first) > 0) {
		date_format(site->in_service, a, sizeof(a));
		date_format_long(first, b, sizeof(b));
		diag_add(d, s->sites_path, site->line, s->csv_col.in_service,
			 "in_service '%s' of high-risk site '%s' is after the horizon's "
			 "first day, %s (no new high-risk equipment may enter service)",
			 a, site->id, b);
	}
	if (s->format_version < 2)
		return;
	bool has_earliest = site->has_earliest || site->earliest_year;
	if (has_earliest && site->earliest_p >= s->n_periods) {
		earliest_text(site, c, sizeof(c));
		date_format_long(period_start_date(s->start, ppy, s->n_periods - 1), b,
				 sizeof(b));
		char *who = site_name(s, site);
		scenario_add_note(s, 0,
				  "%s can never be swapped: its %s is after the "
				  "horizon's last period start, %s",
				  who, c, b);
		free(who);
	} else if (has_earliest && site->has_deadline &&
		   site->deadline_p < site->earliest_p) {
		earliest_text(site, c, sizeof(c));
		date_format_long(site->deadline, a, sizeof(a));
		char label[16];
		period_label(s->start, ppy, site->earliest_p, label, sizeof(label));
		char *who = site_name(s, site);
		scenario_add_note(s, 0,
				  "%s cannot meet its deadline %s: its %s allows no "
				  "period before %s",
				  who, a, c, label);
		free(who);
	}
}

/* A site of another vendor entering service after the horizon never
 * counts in any share (model-2.md, growth). */
static void note_late_service(struct scenario *s, const struct site *site)
{
	if (!site->has_in_service || site->in_service_p != INT_MAX)
		return;
	char a[16], b[16];
	date_format_long(site->in_service, a, sizeof(a));
	date_format_long(period_end_date(s->start, s->periods_per_year, s->n_periods - 1),
			 b, sizeof(b));
	char *who = site_name(s, site);
	scenario_add_note(s, 0,
			  "%s never counts: its in_service %s is after the horizon's "
			  "end, %s",
			  who, a, b);
	free(who);
}

/*
 * A site's allowed list is resolved from its text; a site without text
 * keeps the list it has (none from the loader; a scenario built in code
 * may give indices directly), so resolved lists are appended to
 * s->allowed.
 */
void site_rules_check(struct scenario *s, struct diag *d)
{
	size_t alloc = s->n_allowed;
	for (size_t i = 0; i < s->n_sites; i++) {
		struct site *site = &s->sites[i];
		if (!scenario_site_is_high_risk(s, site)) {
			note_ignored(s, site);
			note_late_service(s, site);
			if (site->allowed_vendors)
				site->n_allowed = 0;
			continue;
		}
		if (site->allowed_vendors)
			resolve_allowed(s, site, &alloc, d);
		check_high_risk_dates(s, site, d);
	}
}
