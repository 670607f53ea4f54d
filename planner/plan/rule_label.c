#include "plan/rule_label.h"

#include <stdlib.h>

#include "util/xalloc.h"

char *rule_label_deadline_marked(const struct deadline_rule *r, const char *open,
				 const char *close)
{
	return xasprintf("%s%s%s high-risk sites swapped by %d", open,
			 r->domain ? r->domain : "all", close, r->year);
}

char *rule_label_deadline(const struct deadline_rule *r)
{
	return rule_label_deadline_marked(r, "", "");
}

char *rule_label_completion(int end)
{
	return xasprintf("every high-risk site swapped by %d (cost objective)", end);
}

char *rule_label_cap_marked(const struct share_cap_rule *r, const char *open,
			    const char *close)
{
	char *scope = xstrdup(r->n_domains ? "" : "all domains");
	for (size_t i = 0; i < r->n_domains; i++) {
		char *next = xasprintf("%s%s%s", scope, i ? "+" : "", r->domains[i]);
		free(scope);
		scope = next;
	}
	char *label =
		xasprintf("high-risk share of %s%s%s%s%s <= %g%% from %d", open, scope,
			  r->region ? " in region " : "", r->region ? r->region : "",
			  close, r->max_share * 100, r->year);
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
