#include "util/money.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util/num.h"

/*
 * value * 100 is rounded to a double before round() sees it, which could
 * turn a value just below a half cent into an exact half and round it the
 * wrong way. fma() gives the product's rounding error exactly; when the
 * rounded product is a tie, that error says on which side of it the exact
 * product lies.
 */
int64_t money_cents(double value)
{
	if (isnan(value))
		return 0;
	double p = value * 100.0;
	if (p >= (double)MONEY_CENTS_LIMIT)
		return MONEY_CENTS_LIMIT;
	if (p <= -(double)MONEY_CENTS_LIMIT)
		return -MONEY_CENTS_LIMIT;
	double err = fma(value, 100.0, -p); /* value * 100 == p + err exactly */
	double r = round(p);
	if (fabs(p - trunc(p)) == 0.5 && err != 0 && (err > 0) != (p > 0))
		r = trunc(p); /* the exact product is just short of the tie */
	return (int64_t)r;
}

int64_t money_add(int64_t a, int64_t b)
{
	int64_t r = a + b; /* cannot overflow: each is at most INT64_MAX / 2 */
	if (r > MONEY_CENTS_LIMIT)
		return MONEY_CENTS_LIMIT;
	if (r < -MONEY_CENTS_LIMIT)
		return -MONEY_CENTS_LIMIT;
	return r;
}

double money_value(int64_t cents)
{
	return (double)cents / 100.0;
}

/* The digits of |cents| / 100 without the point: whole part and cents. */
static void split(int64_t cents, bool *negative, uint64_t *whole, unsigned *frac)
{
	*negative = cents < 0;
	uint64_t a = *negative ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	*whole = a / 100;
	*frac = (unsigned)(a % 100);
}

void money_format(char *buf, size_t size, int64_t cents)
{
	bool neg;
	uint64_t whole;
	unsigned frac;
	split(cents, &neg, &whole, &frac);
	snprintf(buf, size, "%s%llu.%02u", neg ? "-" : "", (unsigned long long)whole,
		 frac);
}

void money_format_grouped(char *buf, size_t size, int64_t cents)
{
	bool neg;
	uint64_t whole;
	unsigned frac;
	split(cents, &neg, &whole, &frac);
	char digits[24];
	snprintf(digits, sizeof(digits), "%llu", (unsigned long long)whole);
	size_t len = strlen(digits);
	char out[MONEY_BUF + 8];
	size_t n = 0;
	if (neg)
		out[n++] = '-';
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[n++] = ',';
		out[n++] = digits[i];
	}
	snprintf(out + n, sizeof(out) - n, ".%02u", frac);
	snprintf(buf, size, "%s", out);
}

void money_format_text(char *buf, size_t size, const char *currency, int64_t cents)
{
	char m[MONEY_BUF];
	money_format_grouped(m, sizeof(m), cents);
	snprintf(buf, size, "%s %s", currency ? currency : "", m);
}

void money_format_short(char *buf, size_t size, const char *currency, double value)
{
	char num[64];
	num_format_short(num, sizeof(num), value);
	snprintf(buf, size, "%s %s", currency ? currency : "", num);
}

void money_format_brief(char *buf, size_t size, const char *currency, double value)
{
	char num[64];
	num_format_short_digits(num, sizeof(num), value, 4);
	snprintf(buf, size, "%s %s", currency ? currency : "", num);
}
