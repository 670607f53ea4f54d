#include "plan/rule_label.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/xalloc.h"

/* "2023" for a year, "31 Jul 2023" for a date (version 2). */
static void when_text(const struct rule_when *w, int year, char *buf, size_t size)
{
	if (w->dated)
		date_format_long(w->date, buf, size);
	else
		snprintf(buf, size, "%d", year);
}

char *rule_label_deadline_marked(const struct deadline_rule *r, const char *open,
				 const char *close)
{
	char when[32];
	when_text(&r->when, r->year, when, sizeof(when));
	return xasprintf("%s%s%s high-risk sites%s%s swapped by %s", open,
			 r->domain ? r->domain : "all", close,
			 r->region_name ? " in region " : "",
			 r->region_name ? r->region_name : "", when);
}

char *rule_label_site_deadlines(void)
{
	return xstrdup("high-risk sites swapped by their own deadline");
}

char *rule_label_deadline(const struct deadline_rule *r)
{
	return rule_label_deadline_marked(r, "", "");
}

char *rule_label_completion(int end)
{
	return xasprintf("every high-risk site swapped by %d (cost objective)", end);
}

char *rule_label_deadline_short_marked(const struct deadline_rule *r, const char *open,
				       const char *close)
{
	char when[32];
	when_text(&r->when, r->year, when, sizeof(when));
	return xasprintf("%s%s%s%s%s swapped by %s", open, r->domain ? r->domain : "all",
			 r->region_name ? " in " : "",
			 r->region_name ? r->region_name : "", close, when);
}

/* "core+ran": the domains of a cap, "all domains" for "*". */
static char *cap_scope(const struct share_cap_rule *r)
{
	char *scope = xstrdup(r->n_domains ? "" : "all domains");
	for (size_t i = 0; i < r->n_domains; i++) {
		char *next = xasprintf("%s%s%s", scope, i ? "+" : "", r->domains[i]);
		free(scope);
		scope = next;
	}
	return scope;
}

char *rule_label_cap_short_marked(const struct share_cap_rule *r, const char *open,
				  const char *close)
{
	char *scope = cap_scope(r);
	char when[32];
	when_text(&r->when, r->year, when, sizeof(when));
	char *label = xasprintf("%s%s%s%s%s%s <= %g%% from %s", open, scope,
				r->measure == CAP_SITES ? " sites" : "",
				r->region ? " in " : "", r->region ? r->region : "",
				close, r->max_share * 100, when);
	free(scope);
	return label;
}

char *rule_label_cap_marked(const struct share_cap_rule *r, const char *open,
			    const char *close)
{
	char *scope = cap_scope(r);
	char when[32];
	when_text(&r->when, r->year, when, sizeof(when));
	char *label = xasprintf(
		"high-risk share of %s%s%s%s%s%s <= %g%% from %s", open, scope,
		r->measure == CAP_SITES ? " sites" : "", r->region ? " in region " : "",
		r->region ? r->region : "", close, r->max_share * 100, when);
	free(scope);
	return label;
}

char *rule_label_cap(const struct share_cap_rule *r)
{
	return rule_label_cap_marked(r, "", "");
}

char *rule_label_vendor_share(const char *vendor, const char *domain, double limit)
{
	if (!vendor)
		return xasprintf("every trusted vendor's share of %s <= %g%%",
				 domain ? domain : "every domain", limit * 100);
	return xasprintf("%s's share of %s <= %g%%", vendor,
			 domain ? domain : "every domain", limit * 100);
}
