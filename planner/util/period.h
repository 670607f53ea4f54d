/*
 * period: calendar dates and the planning periods of scenario-format-2.md.
 *
 * A horizon starts on 1 January of 'start' and is cut into periods of one
 * kind: 1, 2, 4 or 12 per year ("year", "half", "quarter", "month"). The
 * cut continues before and after the horizon, so a period index is any
 * integer: 0 is the horizon's first period, -1 the one before it. A
 * period's length is exactly 1/per_year of a year, never counted in days.
 *
 * Every function here is pure arithmetic on its arguments.
 */
#ifndef PHASEOUT_PERIOD_H
#define PHASEOUT_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

/* A calendar date of the proleptic Gregorian calendar. */
struct date {
	int year, month, day; /* month 1..12, day 1..31 */
};

/* date_days_in_month: 28..31; 0 when 'month' is not 1..12. */
int date_days_in_month(int year, int month);

/* date_is_real: whether (year, month, day) names a day of the calendar;
 * years 1000..9999 only, as every year of a scenario. */
bool date_is_real(int year, int month, int day);

/*
 * date_parse: 'text' as YYYY-MM-DD exactly (10 characters, a real date)
 * into '*out'. Returns false, leaving '*out' alone, otherwise.
 */
bool date_parse(const char *text, struct date *out);

/* date_compare: <0, 0 or >0 as a is before, on or after b. */
int date_compare(struct date a, struct date b);

/*
 * date_add_months: 'months' (may be negative) added in one step, keeping
 * the day of the month or taking the month's last day when that month is
 * shorter (31 Jan + 1 month = 28 or 29 Feb).
 */
struct date date_add_months(struct date d, int months);

/*
 * date_day_number: the days from 1 January of year 0 to 'd' (so the
 * difference of two day numbers is the days between the dates).
 */
long date_day_number(struct date d);

/* date_format: "2023-07-31" into buf (at least 11 bytes). */
void date_format(struct date d, char *buf, size_t size);
/* date_format_long: "31 Jul 2023" into buf (at least 12 bytes). */
void date_format_long(struct date d, char *buf, size_t size);

/* period_kind_name: "year", "half", "quarter" or "month"; NULL otherwise. */
const char *period_kind_name(int per_year);
/* period_kind_parse: per_year for one of the names above, 0 otherwise. */
int period_kind_parse(const char *name);

/* period_of_date: the index of the period holding 'd'. */
int period_of_date(int start, int per_year, struct date d);

/*
 * period_binding_end: the index of the last period that ends on or before
 * 'd' (a dated rule's binding end, scenario-format-2.md).
 */
int period_binding_end(int start, int per_year, struct date d);

/* period_start_date / period_end_date: the first and last day of period p. */
struct date period_start_date(int start, int per_year, int p);
struct date period_end_date(int start, int per_year, int p);

/* period_year: the calendar year of period p. */
int period_year(int start, int per_year, int p);

/*
 * period_label: "2024" (year), "2024-H2", "2024-Q3" or "2024-07" (month)
 * into buf (at least 12 bytes).
 */
void period_label(int start, int per_year, int p, char *buf, size_t size);

/*
 * period_parse_label: a label of any kind. Returns its kind (per_year:
 * 1, 2, 4 or 12) and sets '*year' and '*sub' (1-based: the half, quarter
 * or month; 1 for a year); returns 0 when 'text' is no label at all
 * ("2024-q3", "2024-Q5", "2024-7").
 */
int period_parse_label(const char *text, int *year, int *sub);

/* period_index: the index of (year, sub) of kind per_year. */
int period_index(int start, int per_year, int year, int sub);

/* period_t: years from the horizon's first day to period p's start. */
double period_t(int per_year, int p);

#endif
