#include "num.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	*out = v;
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

void num_format_money(char *buf, size_t size, double value)
{
	char digits[64];
	snprintf(digits, sizeof(digits), "%.2f", fabs(value));
	const char *dot = strchr(digits, '.');
	size_t int_len = dot ? (size_t)(dot - digits) : strlen(digits);
	char tmp[96];
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

void num_format_short(char *buf, size_t size, double value)
{
	double a = fabs(value);
	if (a >= 1e9)
		snprintf(buf, size, "%.3gbn", value / 1e9);
	else if (a >= 1e6)
		snprintf(buf, size, "%.3gm", value / 1e6);
	else if (a >= 1e3)
		snprintf(buf, size, "%.3gk", value / 1e3);
	else
		snprintf(buf, size, "%.3g", value);
}
