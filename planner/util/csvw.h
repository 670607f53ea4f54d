/*
 * csvw: writes CSV the way every phaseout output file needs it: RFC 4180
 * quoting, a guard against spreadsheet formulas, fixed number formats and
 * CRLF line ends.
 *
 * Calling sequence (one row):
 *	struct csvw w;
 *	csvw_init(&w, f);
 *	csvw_text(&w, site->id);
 *	csvw_fixed(&w, cost, 2);      (an unlimited budget: csvw_empty(&w))
 *	csvw_int(&w, units);
 *	csvw_end_row(&w);
 *	...
 *	if (!csvw_finish(&w)) ...write error...
 *
 * Rules, from shared/spec/cli-and-outputs.md:
 * - Fields holding a comma, a double quote, CR or LF are quoted, with
 *   quotes doubled (RFC 4180).
 * - A text field that begins with '=', '+', '-', '@', a tab or a carriage
 *   return gets a leading "'" so that no spreadsheet runs it as a formula.
 *   So does a text that already begins with "'" (beyond the spec, see
 *   docs/decisions.md): then "=dup" is written "'=dup" and "'=dup" is
 *   written "''=dup", so csvw_unguard() gives back exactly what was
 *   written, and a spreadsheet, which hides one leading "'", shows it.
 *   Numbers are never altered (a negative number keeps its '-').
 * - Every row ends with CRLF, as RFC 4180 says; spreadsheets and most CSV
 *   readers accept it, and one line end for every file keeps them
 *   byte-identical.
 * - Numbers are printed in the "C" locale's syntax (phaseout never calls
 *   setlocale()), so the files do not depend on the machine.
 *
 * Ownership: a csvw borrows its FILE; closing it is the caller's business.
 */
#ifndef PHASEOUT_CSVW_H
#define PHASEOUT_CSVW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct csvw {
	FILE *f;
	size_t field; /* fields written in the current row */
};

void csvw_init(struct csvw *w, FILE *f);

/* csvw_text: a text field, guarded against formulas and quoted as needed. */
void csvw_text(struct csvw *w, const char *text);

/* csvw_unguard: the text csvw_text() was given, from the field it wrote
 * (after CSV unquoting): one leading "'" off when a guard put it there. */
const char *csvw_unguard(const char *field);

/* csvw_empty: an empty field (an unknown or unlimited value). */
void csvw_empty(struct csvw *w);

/* csvw_int: a whole number, e.g. "-12". */
void csvw_int(struct csvw *w, int64_t value);

/*
 * csvw_fixed: 'value' with 'decimals' digits after the point ("%.*f" of the
 * unrounded value). A value that prints as zero is written without a minus
 * sign ("-0.00" becomes "0.00"). A non-finite value writes an empty field.
 */
void csvw_fixed(struct csvw *w, double value, int decimals);

/* csvw_cents: money in whole cents, e.g. "-1234.56" (money.h). */
void csvw_cents(struct csvw *w, int64_t cents);

/* csvw_end_row: end the current row with CRLF. */
void csvw_end_row(struct csvw *w);

/* csvw_finish: flush the FILE; false when any write to it failed. */
bool csvw_finish(struct csvw *w);

#endif
