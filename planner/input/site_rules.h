/*
 * site_rules: the per-site rules of sites.csv's version 2 columns
 * (scenario-format-2.md), checked once both files are read: allowed_vendors
 * resolved against the trusted vendors, in_service against the horizon,
 * and check's notes about them (columns ignored on a row that is not a
 * high-risk site, repeated vendors, a deadline before the site may go, an
 * earliest after the horizon's last period start, an in_service after the
 * horizon). Problems go to the diag, notes to s->notes.
 *
 * Called by validate_scenario() after scenario_finish_periods(); fills
 * s->allowed and each site's allowed_first / n_allowed.
 */
#ifndef PHASEOUT_SITE_RULES_H
#define PHASEOUT_SITE_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "input/scenario.h"
#include "util/diag.h"

void site_rules_check(struct scenario *s, struct diag *d);

/* site_rules_takes: whether trusted vendor v may take 'site': it lists the
 * site's domain, and allowed_vendors and vendor_regions allow it. */
bool site_rules_takes(const struct scenario *s, const struct site *site, size_t v);

#endif
