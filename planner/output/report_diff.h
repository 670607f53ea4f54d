/*
 * report_diff: how `phaseout diff` shows a comparison of two plans
 * (plandiff.h, which owns the comparison): the text report on stdout and
 * diff.csv.
 */
#ifndef PHASEOUT_REPORT_DIFF_H
#define PHASEOUT_REPORT_DIFF_H

#include <stdbool.h>
#include <stdio.h>

#include "plan/plandiff.h"

/*
 * report_diff_write_text: the report `phaseout diff` prints: the two
 * plans, the site counts, the objectives side by side and the per-year
 * spend and high-risk share of A and B with the difference (B - A). The
 * same comparison gives the same bytes. False when a write to 'f' failed.
 */
bool report_diff_write_text(const struct plandiff *pd, FILE *f);

/*
 * report_diff_write_csv: diff.csv, one row per differing site sorted by
 * site_id bytewise:
 * site_id,region,domain,year_a,year_b,vendor_a,vendor_b,change
 * Region and domain are A's (B's for a site only in B); a year or vendor
 * is empty where that plan does not swap the site. RFC 4180 with the
 * formula guard and CRLF, as every phaseout CSV. False when a write
 * failed.
 */
bool report_diff_write_csv(const struct plandiff *pd, FILE *f);

#endif
