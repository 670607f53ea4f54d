/*
 * num: strict, locale-proof number parsing and number formatting for
 * reports.
 *
 * Parsers accept the C locale's syntax only ("1.5", "2e6", never "1,5"),
 * reject empty text, surrounding junk, non-finite values and overflow, and
 * leave '*out' untouched on failure. They never depend on setlocale().
 */
#ifndef PHASEOUT_NUM_H
#define PHASEOUT_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* num_parse_double: a finite decimal number, e.g. "150e6", "-0.5"; "-0"
 * gives +0, so that no report prints "-0". */
bool num_parse_double(const char *text, double *out);

/* num_parse_int64: a whole number in decimal digits with an optional sign. */
bool num_parse_int64(const char *text, int64_t *out);

/*
 * num_format_money: 'value' with thousands separators and two decimals,
 * e.g. 1234567.5 -> "1,234,567.50". Writes at most 'size' bytes to 'buf'.
 */
void num_format_money(char *buf, size_t size, double value);

/*
 * num_format_short: a compact form for reports: 1234567 -> "1.23m",
 * 45600 -> "45.6k", 12 -> "12".
 */
void num_format_short(char *buf, size_t size, double value);

#endif
