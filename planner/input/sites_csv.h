/*
 * sites_csv: read the site inventory (s->sites_path) into s->sites,
 * streamed through csv_read.h (libcsv): this module owns what the columns
 * and cells of sites.csv mean.
 *
 * Accepts what spreadsheets export: a UTF-8 byte-order mark, LF or CRLF,
 * quoted fields with commas, quotes and line breaks, columns in any order,
 * extra columns (their names go to s->extra_columns; a misspelling of a
 * known column is an error instead), fields separated by ';' with decimal
 * commas (csv_dialect.h). Numbers are otherwise parsed strictly in the C
 * locale. A workbook, UTF-16 and Windows-1252 get hints (save_as_csv.h). Every problem
 * goes to the diag as "FILE:LINE[:COLUMN]: message", LINE being the line where the row
 * starts.
 *
 * A version 2 scenario (s->format_version, so scenario.json is read
 * first) also has the columns deadline, allowed_vendors, earliest and
 * in_service: dates are checked here, allowed_vendors is kept as text for
 * validate_scenario(), which needs the trusted vendors. In version 1 they
 * are extra columns like any other.
 *
 * Region, domain and vendor names are interned into s->regions,
 * s->domains and s->site_vendors; strings live in s->pool.
 */
#ifndef PHASEOUT_SITES_CSV_H
#define PHASEOUT_SITES_CSV_H

#include <stdbool.h>

#include "input/scenario.h"
#include "util/diag.h"

/* sites_csv_load: false when the file could not be read or any problem was
 * added to 'd'. Reads s->sites_path; messages name it as written there. */
bool sites_csv_load(struct scenario *s, struct diag *d);

/*
 * sites_csv_rules: sites.csv's CSV rules on another reader (the ledger):
 * a byte-order mark dropped, UTF-16 and workbooks refused, ';' told from
 * ',' by the header line, rows of empty fields skipped, misspelt column
 * names reported, syntax errors worded for whoever fixes a spreadsheet's
 * export.
 */
struct csv_read;
void sites_csv_rules(struct csv_read *r);

/* sites_csv_is_version_2_column: whether 'name' is a column that takes
 * effect with phaseout-scenario/2 (for check's list of ignored columns). */
bool sites_csv_is_version_2_column(const char *name);

#endif
