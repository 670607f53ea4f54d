/*
 * num: strict, locale-proof number parsing, and the one way reports write
 * numbers: counts and quantities grouped by thousands, short figures
 * ("1.23m"), values as typed ("45.3125"). Money with a currency is
 * money.h's.
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
 * Money with its currency, for sentences, is money_format_text().
 */
void num_format_money(char *buf, size_t size, double value);

/*
 * num_format_quantity: a count or quantity for text reports, grouped,
 * with decimals only when there are some: 1155 -> "1,155", 2.5 -> "2.5",
 * 1234.56 -> "1,234.56". Between -1 and 1, four significant digits
 * (0.000123 -> "0.000123"), so that a tiny exposure never prints as "0".
 */
void num_format_quantity(char *buf, size_t size, double value);

/* num_format_count: 'n' as num_format_quantity() writes it and the noun
 * that goes with it: "1 site", "1,155 units". */
void num_format_count(char *buf, size_t size, double n, const char *one,
		      const char *many);

/*
 * num_format_short: a compact form for reports: 1234567 -> "1.23m",
 * 45600 -> "45.6k", 12 -> "12".
 */
void num_format_short(char *buf, size_t size, double value);
/* num_format_short_digits: the same with 'figures' significant figures
 * (num_format_short's are 3): 178812345 with 4 -> "178.8m". */
void num_format_short_digits(char *buf, size_t size, double value, int figures);

/*
 * num_format_plain: a value as one types it in --set or --vary, ungrouped
 * and never with an exponent where it can be helped: whole numbers in
 * full (19000000), others from 10,000 up to the cent (12345.50), smaller
 * ones to six significant digits (45.3125, 0.85).
 */
void num_format_plain(char *buf, size_t size, double value);

#endif
