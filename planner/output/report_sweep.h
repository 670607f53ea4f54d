/*
 * report_sweep: the outputs of `phaseout sweep`: the sensitivity table on
 * stdout, sensitivity.csv (shared/spec/cli-and-outputs.md) and the
 * sweep's summary.json with the break-even budgets. Each writes to a
 * FILE * and returns false on a write error.
 *
 * Ownership: writers only read their arguments.
 */
#ifndef PHASEOUT_REPORT_SWEEP_H
#define PHASEOUT_REPORT_SWEEP_H

#include <stdbool.h>
#include <stdio.h>

#include "output/outdir.h"
#include "plan/sweep_row.h"

/* With 'be' (not NULL) four columns follow: the break-even scales and
 * the total budgets they give. */
bool report_sweep_csv(const struct scenario *s, const struct sweep_row *rows, size_t n,
		      const struct break_even *be, FILE *f);
/* 'be' may be NULL when no break-even search ran. */
bool report_sweep_text(const struct scenario *s, const struct sweep_row *rows, size_t n,
		       const struct break_even *be, FILE *f);
/* summary.json of a sweep: "command": "sweep" first, then the points and
 * break-even budgets, and "checksums" of the 'n_files' other files of the
 * run (outdir_files()) when 'files' is not NULL. */
bool report_sweep_json(const struct scenario *s, const struct sweep_row *rows, size_t n,
		       const struct break_even *be, const struct outdir_file *files,
		       size_t n_files, FILE *f);

#endif
