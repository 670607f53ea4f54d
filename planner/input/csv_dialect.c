#include "input/csv_dialect.h"

#include <stdbool.h>
#include <string.h>

char csv_dialect_delimiter(const char *line, size_t len)
{
	size_t semicolons = 0, commas = 0;
	bool quoted = false;
	for (size_t i = 0; i < len; i++) {
		if (line[i] == '"')
			quoted = !quoted;
		else if (!quoted && line[i] == ';')
			semicolons++;
		else if (!quoted && line[i] == ',')
			commas++;
	}
	return semicolons > commas ? ';' : ',';
}

char csv_dialect_sep_line(const char *line, size_t len)
{
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	if (len == 5 && memcmp(line, "sep=", 4) == 0 &&
	    (line[4] == ';' || line[4] == ','))
		return line[4];
	return 0;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The one decimal comma of 'text' in a ';' file, NULL when there is none
 * (no comma, several, a point beside it, or no digit on either side). */
static const char *decimal_comma(char delim, const char *text)
{
	if (delim != ';' || strchr(text, '.'))
		return NULL;
	const char *comma = strchr(text, ',');
	if (!comma || strchr(comma + 1, ',') || comma == text || !is_digit(comma[-1]) ||
	    !is_digit(comma[1]))
		return NULL;
	return comma;
}

const char *csv_dialect_number(char delim, const char *text, char *buf, size_t size)
{
	const char *comma = decimal_comma(delim, text);
	size_t len = strlen(text);
	if (!comma || len >= size)
		return text;
	memcpy(buf, text, len + 1);
	buf[comma - text] = '.';
	return buf;
}

const char *csv_dialect_number_hint(char delim, const char *text)
{
	if (!strchr(text, ','))
		return "";
	if (delim != ';')
		return " (a decimal comma is read only in a file separated by ';'; "
		       "write a point)";
	if (decimal_comma(delim, text))
		return "";
	return " (no thousands separators: write 1234567,89 or 1234567.89)";
}

const char *csv_dialect_whole_hint(char delim, const char *text)
{
	if (delim != ';' || !strpbrk(text, ".,"))
		return "";
	return " (no thousands separators: write 1234567)";
}
