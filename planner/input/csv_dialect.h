/*
 * csv_dialect: CSV as spreadsheets save it where the decimal separator is
 * a comma (much of Europe): fields separated by ';' and numbers such as
 * 1234,5. Used by sites.csv and the ledger (sites_csv_rules()).
 *
 * The separator is told from the header line, the first non-blank line:
 * ';' when it has more semicolons than commas outside quotes, else ','
 * (or named by a first line "sep=;", as Excel reads and writes it).
 * In a ';' file a number cell may have one decimal comma between digits
 * ("1234,5", read as 1234.5); a point is always a decimal point there
 * too, and thousands separators ("1.234,5", "1,234,567") are never read.
 * In a ',' file a number is written with a point, as in C.
 *
 * Calling sequence (from a csv_read on_line callback, before the header):
 *	r->delim = csv_dialect_delimiter(line, len);
 * and for a number cell:
 *	char buf[CSV_DIALECT_NUMBER_MAX];
 *	const char *c = csv_dialect_number(r->delim, text, buf, sizeof(buf));
 *	num_parse_double(c, &v) ... else report text with
 *	csv_dialect_number_hint(r->delim, text) appended.
 */
#ifndef PHASEOUT_CSV_DIALECT_H
#define PHASEOUT_CSV_DIALECT_H

#include <stddef.h>

/* csv_dialect_delimiter: ';' or ',' for a file whose header line is the
 * 'len' bytes at 'line'. */
char csv_dialect_delimiter(const char *line, size_t len);

/* csv_dialect_sep_line: ';' or ',' when the line is Excel's "sep=;" or
 * "sep=," (a first line naming the separator, line end optional), else 0. */
char csv_dialect_sep_line(const char *line, size_t len);

/*
 * csv_dialect_number: the number cell 'text' as the C locale reads it. In
 * a ';' file ('delim') a text with one comma between two digits and no
 * point is copied to 'buf' with the comma made a point, and 'buf' is
 * returned; otherwise (or when it does not fit) 'text' itself.
 */
#define CSV_DIALECT_NUMBER_MAX 64
const char *csv_dialect_number(char delim, const char *text, char *buf, size_t size);

/*
 * csv_dialect_number_hint: what to append to the message of a number
 * cell 'text' that did not parse: why its comma was not read (a ','
 * file, or a thousands separator), with a leading space; "" when the
 * text has no comma.
 */
const char *csv_dialect_number_hint(char delim, const char *text);

/* csv_dialect_whole_hint: the same for a whole-number cell (units): in a
 * ';' file a '.' or ',' in it is likely a thousands separator. */
const char *csv_dialect_whole_hint(char delim, const char *text);

#endif
