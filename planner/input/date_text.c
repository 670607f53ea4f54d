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
