/*
 * money: the one place where money is rounded and printed.
 *
 * Every money figure phaseout reports is a whole number of cents: each
 * cell (a site's equipment cost, a year's budget) is rounded once, half
 * away from zero, from its exact value; every total is the sum of the
 * rounded cells it covers, added in int64_t cents, so a column summed in
 * a spreadsheet gives the total to the cent. Rules (budgets) are judged
 * on the exact values, never on these.
 *
 * Range: validation keeps every money value phaseout computes within
 * MONEY_MAX (docs/scenario-format.md), so sums of cents stay far inside
 * int64_t. money_cents() clamps anything outside +-MONEY_CENTS_LIMIT.
 *
 * Calling sequence:
 *	int64_t c = money_cents(cost);          (round once)
 *	total += c;                             (add rounded cells)
 *	money_format(buf, sizeof(buf), total);  ("1234.56", for CSV and JSON)
 */
#ifndef PHASEOUT_MONEY_H
#define PHASEOUT_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* The largest money value a scenario may lead to: one swap in any year,
 * one year's budget, all swaps together (docs/scenario-format.md). */
#define MONEY_MAX 1e15

/* money_cents clamps to this many cents (about 4.6e16 in money): fifty
 * years of budgets at MONEY_MAX still add up without overflow. */
#define MONEY_CENTS_LIMIT (INT64_MAX / 2)

/*
 * money_cents: 'value' rounded to whole cents, half away from zero, from
 * its exact binary value (0.125 -> 13 cents, -0.125 -> -13, and 1.005,
 * which is 1.00499999... in binary, -> 100). NAN gives 0.
 */
int64_t money_cents(double value);

/* money_add: a + b, both within +-MONEY_CENTS_LIMIT, clamped to it: for
 * budgets that --budget-scale takes past every limit. */
int64_t money_add(int64_t a, int64_t b);

/* money_value: the double nearest 'cents' / 100 (exact below 2^53 cents). */
double money_value(int64_t cents);

/* money_format: "-1234.56": plain, for CSV and JSON; never "-0.00". */
void money_format(char *buf, size_t size, int64_t cents);

/* money_format_grouped: "-1,234,567.50", for text reports. */
void money_format_grouped(char *buf, size_t size, int64_t cents);

/* Longest text either format gives, with its NUL. */
#define MONEY_BUF 32

/*
 * money_format_text: money in a sentence of a text report, as plan.txt
 * writes its costs: the currency, then the amount grouped, with cents:
 * "GBP 1,250,000.00". The currency is written as given: a caller
 * printing on a terminal passes its safe form (termtext.h).
 */
void money_format_text(char *buf, size_t size, const char *currency, int64_t cents);

/* money_format_short: the currency and num_format_short()'s compact
 * figure, for charts' axes and titles: "GBP 12.3m". */
void money_format_short(char *buf, size_t size, const char *currency, double value);

/* money_format_brief: the same with four significant figures, for a
 * single sum a reader acts on (the break-even budget): "GBP 178.8m". */
void money_format_brief(char *buf, size_t size, const char *currency, double value);

#endif
