#include "util/period.h"

#include <stdio.h>
#include <string.h>

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month < 1 || month > 12)
		return 0;
	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

bool date_is_real(int year, int month, int day)
{
	return year >= 1000 && year <= 9999 && day >= 1 &&
	       day <= date_days_in_month(year, month);
}

static bool digits(const char *p, int n, int *value)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		v = v * 10 + (p[i] - '0');
	}
	*value = v;
	return true;
}

bool date_parse(const char *text, struct date *out)
{
	int y, m, d;
	if (strlen(text) != 10 || text[4] != '-' || text[7] != '-' ||
	    !digits(text, 4, &y) || !digits(text + 5, 2, &m) ||
	    !digits(text + 8, 2, &d) || !date_is_real(y, m, d))
		return false;
	*out = (struct date){y, m, d};
	return true;
}

int date_compare(struct date a, struct date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	return (a.day > b.day) - (a.day < b.day);
}

/* Months counted from January of year 0, and back: floor division. */
static int month_number(int year, int month)
{
	return year * 12 + (month - 1);
}

static int floor_div(int a, int b)
{
	int q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

struct date date_add_months(struct date d, int months)
{
	int n = month_number(d.year, d.month) + months;
	struct date r = {floor_div(n, 12), n - 12 * floor_div(n, 12) + 1, d.day};
	int last = date_days_in_month(r.year, r.month);
	if (r.day > last)
		r.day = last;
	return r;
}

long date_day_number(struct date d)
{
	long days = 365L * d.year;
	/* Leap days in the years before d.year (year 0 is a leap year). */
	if (d.year > 0) {
		long y = d.year - 1;
		days += y / 4 - y / 100 + y / 400 + 1;
	}
	for (int m = 1; m < d.month; m++)
		days += date_days_in_month(d.year, m);
	return days + d.day - 1;
}

void date_format(struct date d, char *buf, size_t size)
{
	snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
}

static const char *const month_abbrev[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void date_format_long(struct date d, char *buf, size_t size)
{
	snprintf(buf, size, "%d %s %04d", d.day,
		 d.month >= 1 && d.month <= 12 ? month_abbrev[d.month - 1] : "?", d.year);
}

static const struct {
	const char *name;
	int per_year;
} kinds[] = {{"year", 1}, {"half", 2}, {"quarter", 4}, {"month", 12}};

const char *period_kind_name(int per_year)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].per_year == per_year)
			return kinds[i].name;
	return NULL;
}

int period_kind_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].name, name) == 0)
			return kinds[i].per_year;
	return 0;
}

int period_of_date(int start, int per_year, struct date d)
{
	int months = month_number(d.year, d.month) - month_number(start, 1);
	return floor_div(months, 12 / per_year);
}

struct date period_start_date(int start, int per_year, int p)
{
	struct date first = {start, 1, 1};
	return date_add_months(first, p * (12 / per_year));
}

struct date period_end_date(int start, int per_year, int p)
{
	struct date last = date_add_months((struct date){start, 1, 1},
					   (p + 1) * (12 / per_year) - 1);
	last.day = date_days_in_month(last.year, last.month);
	return last;
}

int period_binding_end(int start, int per_year, struct date d)
{
	int p = period_of_date(start, per_year, d);
	return date_compare(d, period_end_date(start, per_year, p)) == 0 ? p : p - 1;
}

int period_year(int start, int per_year, int p)
{
	return start + floor_div(p, per_year);
}

void period_label(int start, int per_year, int p, char *buf, size_t size)
{
	int year = period_year(start, per_year, p);
	int sub = p - (year - start) * per_year + 1;
	switch (per_year) {
	case 2:
		snprintf(buf, size, "%04d-H%d", year, sub);
		break;
	case 4:
		snprintf(buf, size, "%04d-Q%d", year, sub);
		break;
	case 12:
		snprintf(buf, size, "%04d-%02d", year, sub);
		break;
	default:
		snprintf(buf, size, "%04d", year);
		break;
	}
}

int period_parse_label(const char *text, int *year, int *sub)
{
	size_t n = strlen(text);
	int y, v;
	if (n < 4 || !digits(text, 4, &y) || y < 1000)
		return 0;
	if (n == 4) {
		*year = y;
		*sub = 1;
		return 1;
	}
	if (text[4] != '-')
		return 0;
	if (n == 7 && (text[5] == 'H' || text[5] == 'Q') && digits(text + 6, 1, &v)) {
		int kind = text[5] == 'H' ? 2 : 4;
		if (v < 1 || v > kind)
			return 0;
		*year = y;
		*sub = v;
		return kind;
	}
	if (n == 7 && digits(text + 5, 2, &v) && v >= 1 && v <= 12) {
		*year = y;
		*sub = v;
		return 12;
	}
	return 0;
}

int period_index(int start, int per_year, int year, int sub)
{
	return (year - start) * per_year + (sub - 1);
}

double period_t(int per_year, int p)
{
	return (double)p / per_year;
}
