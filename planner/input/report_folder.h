/*
 * report_folder: a plan or sweep folder read back for `phaseout report`:
 * its summary.json (parsed), its chart as SVG text, and for a plan the
 * plan itself (plan_read.h), for a sweep the rows of sensitivity.csv as
 * text. The folder must be one whole run: every file summary.json lists
 * is checked against its SHA-256 there (plan_read_load() does this for a
 * plan); the chart's bytes are the ones hashed.
 *
 *	char *error = NULL;
 *	struct report_folder *rf = report_folder_load(dir, &d, &error);
 *	if (!rf) { print error ("phaseout: error: %s") and diag_print(&d) }
 *	...
 *	report_folder_destroy(rf);
 *
 * Ownership: the folder owns everything it holds.
 */
#ifndef PHASEOUT_REPORT_FOLDER_H
#define PHASEOUT_REPORT_FOLDER_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "input/plan_read.h"
#include "util/diag.h"

enum report_folder_kind { REPORT_FOLDER_PLAN, REPORT_FOLDER_SWEEP };

struct report_folder {
	char *dir; /* as given */
	enum report_folder_kind kind;
	cJSON *summary;
	struct plan_read *plan; /* a plan folder's; NULL for a sweep */
	char *svg;              /* timeline.svg or sensitivity.svg; NULL if absent */
	size_t svg_len;
	/* A sweep's sensitivity.csv: the header and the rows, each n_columns
	 * fields (cells[row * n_columns + column]). */
	char **header;
	char **cells;
	size_t n_columns, n_rows;
};

/*
 * report_folder_load: read 'dir'. NULL when it is not a plan or sweep
 * folder, or anything in it is wrong: the folder's problem in '*error'
 * (a fresh string), a file's problems in 'd' (FILE:LINE[:COL]).
 */
struct report_folder *report_folder_load(const char *dir, struct diag *d, char **error);

/* report_folder_column: the index of column 'name' of a sweep's table,
 * or -1. */
int report_folder_column(const struct report_folder *rf, const char *name);

void report_folder_destroy(struct report_folder *rf);

#endif
