#include "util/num.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/money.h"

/*
 * strtod() honours LC_NUMERIC. phaseout never calls setlocale(), so the
 * program runs in the "C" locale and strtod() accepts exactly the C syntax.
 * What strtod() also accepts and we do not: leading white space, "inf",
 * "nan" and hexadecimal floats; they are rejected here before strtod sees
 * them.
 */
bool num_parse_double(const char *text, double *out)
{
	const char *p = text;
	if (*p == '+' || *p == '-')
		p++;
	if (!(*p >= '0' && *p <= '9') && !(*p == '.' && p[1] >= '0' && p[1] <= '9'))
		return false;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		return false;
	char *end;
	errno = 0;
	double v = strtod(text, &end);
	if (end == text || *end != '\0' || !isfinite(v))
		return false;
	if (errno == ERANGE && fabs(v) > 1.0)
		return false;
	*out = v + 0.0; /* "-0" is zero: +0, so it never prints as "-0" */
	return true;
}

bool num_parse_int64(const char *text, int64_t *out)
{
	const char *p = text;
	if (*p == '+' || *p == '-')
		p++;
	if (!(*p >= '0' && *p <= '9'))
		return false;
	char *end;
	errno = 0;
	long long v = strtoll(text, &end, 10);
	if (*end != '\0' || errno == ERANGE)
		return false;
	*out = (int64_t)v;
	return true;
}

/* Within money's range the figure is rounded by money_cents(), so every
 * report rounds money the same way; beyond it (a figure no scenario that
 * passes validation gives) all its digits are still printed. */
void num_format_money(char *buf, size_t size, double value)
{
	if (fabs(value) < (double)MONEY_CENTS_LIMIT / 100) {
		money_format_grouped(buf, size, money_cents(value));
		return;
	}
	char digits[400];
	snprintf(digits, sizeof(digits), "%.2f", fabs(value));
	const char *dot = strchr(digits, '.');
	size_t int_len = dot ? (size_t)(dot - digits) : strlen(digits);
	char tmp[560];
	size_t n = 0;
	if (value < 0 && strcmp(digits, "0.00") != 0)
		tmp[n++] = '-';
	for (size_t i = 0; i < int_len; i++) {
		if (i > 0 && (int_len - i) % 3 == 0)
			tmp[n++] = ',';
		tmp[n++] = digits[i];
	}
	snprintf(tmp + n, sizeof(tmp) - n, "%s", dot ? dot : "");
	snprintf(buf, size, "%s", tmp);
}

void num_format_quantity(char *buf, size_t size, double value)
{
	if (value != 0 && fabs(value) < 1) {
		snprintf(buf, size, "%.4g", value);
		return;
	}
	num_format_money(buf, size, value);
	size_t len = strlen(buf);
	if (len >= 3 && strcmp(buf + len - 3, ".00") == 0)
		buf[len - 3] = '\0';
	else if (len >= 1 && buf[len - 1] == '0' && strchr(buf, '.'))
		buf[len - 1] = '\0';
}

void num_format_count(char *buf, size_t size, double n, const char *one, const char *many)
{
	char num[64];
	num_format_quantity(num, sizeof(num), n);
	snprintf(buf, size, "%s %s", num, n == 1 ? one : many);
}

/*
 * The suffix is chosen on the value as printed, not as given: "%.3g"
 * rounds to three significant digits, so 999999 is 999.999k before
 * rounding but "1e+03k" after it. When the rounded figure reaches 1000,
 * the next suffix up is used instead (999999 -> "1m"). Past the largest
 * suffix the whole number of billions is printed ("1500bn"), never an
 * exponent.
 */
void num_format_short(char *buf, size_t size, double value)
{
	num_format_short_digits(buf, size, value, 3);
}

void num_format_short_digits(char *buf, size_t size, double value, int figures)
{
	static const struct {
		double scale;
		const char *suffix;
	} units[] = {{1, ""}, {1e3, "k"}, {1e6, "m"}, {1e9, "bn"}};
	const size_t n_units = sizeof(units) / sizeof(units[0]);
	double a = fabs(value);
	size_t u = 0;
	while (u + 1 < n_units && a >= units[u + 1].scale)
		u++;
	for (;;) {
		char digits[64];
		snprintf(digits, sizeof(digits), "%.*g", figures, value / units[u].scale);
		if (fabs(strtod(digits, NULL)) < 1000 || !isfinite(value)) {
			snprintf(buf, size, "%s%s", digits, units[u].suffix);
			return;
		}
		if (u + 1 == n_units) {
			snprintf(buf, size, "%.0f%s", value / units[u].scale,
				 units[u].suffix);
			return;
		}
		u++;
	}
}

void num_format_plain(char *buf, size_t size, double value)
{
	if (value == floor(value) && fabs(value) < 1e15)
		snprintf(buf, size, "%.0f", value);
	else if (fabs(value) >= 1e4)
		snprintf(buf, size, "%.2f", value);
	else
		snprintf(buf, size, "%.6g", value);
}
