/*
 * rule_label: the one name of each rule, as every report writes it.
 *
 * A rule reads the same wherever it appears: in check's list of rules and
 * its findings (precheck.c), in a plan's rules and diagnosis (plan.c,
 * diagnose.c), in plan.txt, summary.json and the charts' legends:
 *	deadline          "core high-risk sites swapped by 2025"
 *	                  "all high-risk sites swapped by 2025"
 *	cost objective    "every high-risk site swapped by 2028 (cost objective)"
 *	share cap         "high-risk share of core+ran in region north <= 35%
 *	                  from 2023"
 *	vendor share      "Nokia's share of core <= 40%"
 * One function per kind of rule, because each kind is a different
 * scenario struct; they live in plan/ since the plan's rules are the ones
 * summary.json names and scripts match.
 *
 * Names appear as written in the scenario: callers that print on a
 * terminal pass the label through termtext.h.
 *
 * Ownership: every label is malloc'd and the caller's to free().
 */
#ifndef PHASEOUT_RULE_LABEL_H
#define PHASEOUT_RULE_LABEL_H

#include "input/scenario.h"

/* rule_label_deadline: "core high-risk sites swapped by 2025"; "all" for
 * a deadline on every domain. */
char *rule_label_deadline(const struct deadline_rule *r);

/* rule_label_site_deadlines: the rule of the sites' own deadlines. */
char *rule_label_site_deadlines(void);

/* rule_label_completion: the cost objective's rule that everything goes
 * by the horizon's 'end'. */
char *rule_label_completion(int end);

/* rule_label_cap: "high-risk share of core+ran in region north <= 35%
 * from 2023"; "all domains" for a cap on every domain. */
char *rule_label_cap(const struct share_cap_rule *r);

/* rule_label_vendor_share: "Nokia's share of core <= 40%"; a NULL
 * 'vendor' names every trusted vendor, a NULL 'domain' every domain. */
char *rule_label_vendor_share(const char *vendor, const char *domain, double limit);

/*
 * rule_label_deadline_marked, rule_label_cap_marked: the same labels with
 * the names (domains, region) between 'open' and 'close', for a chart's
 * legend that shortens only the names to fit.
 */
char *rule_label_deadline_marked(const struct deadline_rule *r, const char *open,
				 const char *close);
char *rule_label_cap_marked(const struct share_cap_rule *r, const char *open,
			    const char *close);

/*
 * rule_label_deadline_short_marked, rule_label_cap_short_marked: the short
 * names a chart writes beside a dated rule's mark and in its legend, the
 * names between 'open' and 'close':
 *	"core swapped by 31 Dec 2023"
 *	"all in North swapped by 31 Dec 2023" (a region)
 *	"ran <= 35% from 31 Jul 2023", "all domains sites <= 10% from 2024"
 */
char *rule_label_deadline_short_marked(const struct deadline_rule *r, const char *open,
				       const char *close);
char *rule_label_cap_short_marked(const struct share_cap_rule *r, const char *open,
				  const char *close);

#endif
