/*
 * report: the writers of a plan, one per output format, each writing to a
 * FILE * (shared/spec/cli-and-outputs.md has the formats).
 *
 *	report_text_write(p, stdout);                  (phaseout plan)
 *	f = outdir_open(od, "plan.csv");     report_csv_write_plan(p, rows, f);
 *	f = outdir_open(od, "timeline.csv"); report_csv_write_timeline(p, f);
 *	files = outdir_files(od, &n);        (closes them, with their SHA-256)
 *	f = outdir_open(od, "summary.json");
 *	report_json_write_run_summary(p, files, n, f);
 *
 * Every writer handles any plan, whatever its status (an infeasible plan
 * has rules and a diagnosis; its sites and years are written as they
 * are); which files to write for which status is the caller's choice.
 * The output depends only on the plan: the same plan gives the same bytes
 * on every machine (no locale, no clock). Each returns false when a write
 * to 'f' failed (the FILE is flushed, never closed).
 *
 * Ownership: writers only read the plan and its scenario.
 */
#ifndef PHASEOUT_REPORT_H
#define PHASEOUT_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "output/outdir.h"
#include "plan/plan.h"
#include "plan/plan_row.h"

/*
 * report_csv_write_plan: plan.csv, one row per HR site in the plan's order
 * (p->sites). Unswapped sites have empty year, to_vendor and costs; money
 * is the reported cents (plan.h; nominal, present_value discounted), so
 * equipment_cost + site_cost == total_cost; 'late' is empty when 0.
 * 'rows' are p's (plan/plan_row.h), made once for plan.csv and plan.xlsx
 * (run_files.c); NULL: made here.
 */
bool report_csv_write_plan(const struct plan *p, const struct plan_rows *rows, FILE *f);

/*
 * report_csv_write_timeline: timeline.csv, one row per year, then one
 * hr_share_DOMAIN column per domain sorted bytewise. Unlimited years leave
 * budget, available and unspent empty; money is the reported cents
 * (spend: the year's total_cost in plan.csv), shares and
 * exposure (weighted unit-years; weights may be small fractions) "%.6f".
 */
bool report_csv_write_timeline(const struct plan *p, FILE *f);

/*
 * report_json_write_summary: summary.json, keys in a fixed order; unknown
 * values (NAN bound, gap, heuristic exposure; no completion year) are
 * null. Money is the reported cents (the sums of plan.csv's columns),
 * other quantities are rounded to 1e-6. The first key, "command", is
 * "plan": whose folder an -o folder is (outdir.h). A version 2 scenario
 * adds "periods", "completion_period" and each rule's "period", "date"
 * and "binding_end" (docs/decisions.md); a version 1 file gets none.
 */
bool report_json_write_summary(const struct plan *p, FILE *f);

/*
 * report_json_write_run_summary: the same, then "checksums": the SHA-256
 * of each of the run's 'n' other files ('files' from outdir_files()), so
 * that a reader can tell a whole run from a mixed or edited folder.
 */
bool report_json_write_run_summary(const struct plan *p, const struct outdir_file *files,
				   size_t n, FILE *f);

/*
 * report_json_checksums: the "checksums" object of a summary.json:
 * {"algorithm": "SHA-256", "files": {NAME: HEX, ...}}, in 'files' order;
 * a new cJSON the caller adds to its root (for the sweep's summary too).
 */
struct cJSON *report_json_checksums(const struct outdir_file *files, size_t n);

/*
 * report_json_versions: the "versions" object every summary.json ends with,
 * {"phaseout": VERSION, "glpk": VERSION}; a new cJSON for the caller's root.
 */
struct cJSON *report_json_versions(void);

/*
 * report_text_write: the report `phaseout plan` prints: status and
 * objectives, the timeline by period (with periods finer than a year,
 * each year's total after its periods), every rule's outcome, the
 * completion year and any diagnosis.
 */
bool report_text_write(const struct plan *p, FILE *f);

/*
 * report_domain_order: the domain indices of 's' sorted by name, bytewise
 * (strcmp), the order of per-domain columns in every report; a fresh array
 * of s->domains.count entries (free it).
 */
uint32_t *report_domain_order(const struct scenario *s);

#endif
