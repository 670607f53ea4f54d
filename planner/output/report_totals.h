/*
 * report_totals: totals.csv, a plan's sites, units and money summed by
 * period, region, domain and trusted vendor (plan_totals.h) in long form,
 * one row per combination that has sites, for a pivot table:
 *
 *	year,region,domain,to_vendor,sites,units,nominal_cost,present_value
 *
 * and, for a version 2 scenario, a last column 'period' (its label, as
 * plan.csv's). Swapped rows come first, by year (period), region, domain
 * and vendor; then the sites left unswapped, by region and domain, with
 * empty year, vendor and period and money 0.00. Each figure is the sum of
 * plan.csv's rows it covers, to the cent; there is no total row (a pivot
 * makes its own, and a total row would be counted twice).
 *
 *	f = outdir_open(od, "totals.csv"); report_totals_csv(p, f);
 *
 * Ownership: only reads the plan. False when a write to 'f' failed.
 */
#ifndef PHASEOUT_REPORT_TOTALS_H
#define PHASEOUT_REPORT_TOTALS_H

#include <stdbool.h>
#include <stdio.h>

#include "plan/plan.h"

bool report_totals_csv(const struct plan *p, FILE *f);

#endif
