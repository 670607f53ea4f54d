#include "input/date_text.h"

#include <string.h>

static bool all_digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

/*
 * The shape decides between "not a real date" and "not a date at all":
 * 2023-02-30 is the first (a typo of a day), 31/12/2023 the second (a
 * format to change).
 */
enum date_text date_text_parse(const char *text, struct date *out)
{
	size_t n = strlen(text);
	if (n == 4 && text[0] != '0' && all_digits(text, 4)) {
		int year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 +
			   (text[2] - '0') * 10 + (text[3] - '0');
		*out = (struct date){year, 12, 31};
		return DATE_TEXT_YEAR;
	}
	if (date_parse(text, out))
		return DATE_TEXT_OK;
	if (n == 10 && text[4] == '-' && text[7] == '-' && all_digits(text, 4) &&
	    all_digits(text + 5, 2) && all_digits(text + 8, 2))
		return DATE_TEXT_NOT_REAL;
	return DATE_TEXT_MALFORMED;
}

/*
 * A label is tried first: "2024" is a year's label, never the bare year
 * of a deadline, and "2024-07" is July's. A label's first day is found by
 * its kind alone, so it needs no horizon.
 */
enum when_text date_text_parse_when(const char *text, int per_year, struct date *out,
				    int *kind)
{
	int year, sub;
	int found = period_parse_label(text, &year, &sub);
	if (found && (found == per_year || per_year == 0)) {
		*out = period_start_date(year, found, sub - 1);
		return WHEN_TEXT_LABEL;
	}
	if (found) {
		*kind = found;
		return WHEN_TEXT_OTHER_KIND;
	}
	switch (date_text_parse(text, out)) {
	case DATE_TEXT_OK:
		return WHEN_TEXT_DATE;
	case DATE_TEXT_NOT_REAL:
		return WHEN_TEXT_NOT_REAL;
	case DATE_TEXT_YEAR:
	case DATE_TEXT_MALFORMED:
		break;
	}
	return WHEN_TEXT_MALFORMED;
}
