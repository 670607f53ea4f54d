/*
 * plan_row: one row of plan.csv as its two writers write it, plan.csv
 * itself (report.h) and plan.xlsx's Plan sheet (report_xlsx.h): which
 * columns a plan has and, for each site, every field's value or that it
 * is empty, decided once here (cli-and-outputs.md, cli-and-outputs-2.md).
 * A writer only turns the fields into its cells: text, a whole number,
 * cents, a number. A run that writes both makes the rows once
 * (plan_rows_create(): the why column is most of the work) and lends
 * them to both.
 *
 *	struct plan_rows *rows = plan_rows_create(p);
 *	... rows->names[0 .. rows->n_columns), rows->rows[0 .. rows->n) ...
 *	plan_rows_destroy(rows);
 *
 * or one row at a time:
 *	const char *names[PLAN_ROW_MAX_COLUMNS];
 *	size_t n = plan_row_columns(p, names);
 *	struct why *w = why_create(p);      (version 2: the why column)
 *	for (size_t k = 0; k < p->n_sites; k++) {
 *		struct plan_row r;
 *		plan_row_fill(&r, p, w, k);
 *		... write r ...
 *		plan_row_release(&r);
 *	}
 *	why_destroy(w);
 *
 * Ownership: a row's names point into the plan's scenario and live as
 * long as it; 'fund' and 'why' are the row's, freed by
 * plan_row_release() (plan_rows_destroy() for a plan_rows).
 */
#ifndef PHASEOUT_PLAN_ROW_H
#define PHASEOUT_PLAN_ROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "plan/plan.h"
#include "plan/why.h"

/* The most columns a plan.csv has (version 2's). */
#define PLAN_ROW_MAX_COLUMNS 20

/*
 * plan_row_columns: plan.csv's column names for 'p' in order, into
 * 'names' (static strings); returns how many. Version 1 has 13, and
 * "moved" after them with a --baseline; version 2 has 20.
 */
size_t plan_row_columns(const struct plan *p, const char *names[PLAN_ROW_MAX_COLUMNS]);

/*
 * One site's row. An unswapped site keeps its identity columns and leaves
 * every column about the swap empty, so a finance team's SUM() over the
 * cost columns is the plan's nominal cost.
 */
struct plan_row {
	bool swapped; /* swapped within the horizon */
	int year;     /* year; with 'swapped' only */
	const char *site_id, *region, *domain, *from_vendor;
	const char *to_vendor; /* NULL: not swapped */
	int64_t units;
	/* equipment_cost and site_cost: swapped, and the cost is not a
	 * ledger's written one (which has no split) */
	bool split;
	int64_t equipment_cents, site_cents;
	int64_t total_cents, present_cents; /* with 'swapped' only */
	const char *cluster;                /* NULL: none */
	double late;                        /* years late; 0: empty */

	/* Version 2's columns ('version2'); 'period' and the costs with
	 * 'swapped' only. */
	bool version2;
	char period[16];    /* "" when not swapped */
	const char *status; /* planned, done, committed or unswapped */
	int64_t own_cents, funded_cents;
	char *fund; /* the paying funds, ';'-separated; "" none */

	/* moved: a column in version 2 and with a --baseline; its value
	 * with a --baseline only, and not on a ledger row. */
	bool moved_column;
	int moved; /* 1 or 0; -1: empty */

	char *why; /* version 2 (plan/why.h); "" empty; NULL in version 1 */
};

/*
 * plan_row_fill: the row of plan site 'k' (index into p->sites). 'w' is
 * why_create(p) for version 2's why column; with NULL the why is empty.
 */
void plan_row_fill(struct plan_row *r, const struct plan *p, const struct why *w,
		   size_t k);

/* plan_row_release: free what plan_row_fill() gave the row. */
void plan_row_release(struct plan_row *r);

/* Every row of a plan, in its order, with its columns. */
struct plan_rows {
	const char *names[PLAN_ROW_MAX_COLUMNS];
	size_t n_columns;
	struct plan_row *rows; /* one per p->sites */
	size_t n;
};

/* plan_rows_create: every row of 'p', each filled once (one why_create()
 * for version 2). */
struct plan_rows *plan_rows_create(const struct plan *p);

/* plan_rows_destroy: free 'rows'; NULL is a no-op. */
void plan_rows_destroy(struct plan_rows *rows);

#endif
