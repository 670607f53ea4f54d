/*
 * save_as_csv: the hints for a file that a spreadsheet saved in a form
 * phaseout does not read: a workbook (.xlsx, .ods, .xls) where a CSV or
 * JSON file belongs, and a CSV in Windows-1252 or Latin-1 instead of
 * UTF-8. One wording, so sites.csv, the ledger and scenario.json say the
 * same thing.
 */
#ifndef PHASEOUT_SAVE_AS_CSV_H
#define PHASEOUT_SAVE_AS_CSV_H

#include <stdbool.h>
#include <stddef.h>

/* How to save a sheet as CSV UTF-8, in Excel and in LibreOffice. */
#define SAVE_AS_CSV_HOW                                                     \
	"Excel: Save As, 'CSV UTF-8 (Comma delimited)'; LibreOffice: Save " \
	"As, 'Text CSV', character set 'Unicode (UTF-8)'"

/*
 * save_as_csv_workbook: what kind of workbook the file whose first 'len'
 * bytes are 'bytes' is, from its signature ("an .xlsx or .ods workbook"
 * for a zip archive, "an Excel 97-2003 workbook (.xls)" for an OLE2
 * compound file), NULL when it is neither.
 */
const char *save_as_csv_workbook(const void *bytes, size_t len);

/*
 * save_as_csv_utf8_hint: what to append to a file's first "is not valid
 * UTF-8" message: that it was likely saved as Windows-1252 or Latin-1,
 * and how to save it as CSV UTF-8. "" once '*given' is set (it is set
 * here, so a file says it once).
 */
const char *save_as_csv_utf8_hint(bool *given);

#endif
