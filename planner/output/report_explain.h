/*
 * report_explain: `phaseout explain`'s account of one site in words: its
 * swap (period, vendor, cost), the first period it may go and why, what
 * was full in each earlier period (plan/why.h), and the rules that cover
 * it with whether the plan keeps them for it; after its first line, the
 * "override: ..." lines of the --set and --scale it was planned with.
 *
 *	struct why *w = why_create(plan);
 *	report_explain_write(plan, w, k, stdout);   (k: index into plan->sites)
 *	why_destroy(w);
 *
 * Names from the user's files are written in their terminal-safe form
 * (termtext.h). Ownership: it only reads the plan and the why.
 */
#ifndef PHASEOUT_REPORT_EXPLAIN_H
#define PHASEOUT_REPORT_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "plan/plan.h"
#include "plan/why.h"

/* report_explain_write: the account of p->sites[k] on 'f'; false when a
 * write failed. */
bool report_explain_write(const struct plan *p, const struct why *w, size_t k, FILE *f);

#endif
