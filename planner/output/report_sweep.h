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
#include <stdint.h>
#include <stdio.h>

#include "output/outdir.h"
#include "plan/sweep_row.h"
#include "util/csvw.h"

/*
 * The columns of a sweep's rows, the one home of their names, order and
 * figures: sensitivity.csv writes each cell as text, sensitivity.xlsx as
 * a typed cell (report_xlsx_sweep.c), and `sweep --vary` appends its own
 * after them (report_vary.c).
 */
enum sweep_cell_kind {
	SWEEP_CELL_SCALE,   /* a factor: 6 decimals; empty when NAN */
	SWEEP_CELL_MONEY,   /* 2 decimals; empty when not finite (unlimited) */
	SWEEP_CELL_DECIMAL, /* 6 decimals (exposure) */
	SWEEP_CELL_SHARE,   /* a fraction, 6 decimals (the gap); empty when NAN */
	SWEEP_CELL_INTEGER, /* a year or a count, plain; empty when NAN */
	SWEEP_CELL_COUNT,   /* a whole number that may be large (units) */
	SWEEP_CELL_CENTS,   /* money in whole cents */
	SWEEP_CELL_TEXT,    /* a word; empty when NULL or "" */
};

struct sweep_cell {
	enum sweep_cell_kind kind;
	double number;
	int64_t cents;
	const char *text; /* static, or into 'buf' */
	char buf[16];
};

/* report_sweep_n_columns: how many columns a row of 's' has (version 2
 * appends total_funds and completion_period); report_sweep_column_name:
 * the name of column c. */
size_t report_sweep_n_columns(const struct scenario *s);
const char *report_sweep_column_name(size_t c);

/* report_sweep_cell: column c of row 'r' of a sweep of 's'. */
void report_sweep_cell(const struct scenario *s, const struct sweep_row *r, size_t c,
		       struct sweep_cell *cell);

/* report_sweep_csv_row: the cells of row 'r' (no row end), as
 * report_sweep_csv() writes them. */
void report_sweep_csv_row(const struct scenario *s, const struct sweep_row *r,
			  struct csvw *w);

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
