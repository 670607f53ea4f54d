#include "util/csvw.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "util/money.h"

void csvw_init(struct csvw *w, FILE *f)
{
	w->f = f;
	w->field = 0;
}

static void separate(struct csvw *w)
{
	if (w->field++ > 0)
		putc(',', w->f);
}

/*
 * The formula guard comes first and quoting second, so a guarded field that
 * also needs quotes is written as "'=a,b" with the apostrophe inside the
 * quotes: the reader gets back exactly the guarded text.
 */
#define GUARDED "=+-@\t\r'"

void csvw_text(struct csvw *w, const char *text)
{
	separate(w);
	bool guard = text[0] != '\0' && strchr(GUARDED, text[0]) != NULL;
	bool quote = strpbrk(text, ",\"\r\n") != NULL;
	if (quote)
		putc('"', w->f);
	if (guard)
		putc('\'', w->f);
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			putc('"', w->f);
		putc(*p, w->f);
	}
	if (quote)
		putc('"', w->f);
}

const char *csvw_unguard(const char *field)
{
	if (field[0] == '\'' && field[1] != '\0' && strchr(GUARDED, field[1]))
		return field + 1;
	return field;
}

void csvw_empty(struct csvw *w)
{
	separate(w);
}

void csvw_int(struct csvw *w, int64_t value)
{
	separate(w);
	fprintf(w->f, "%" PRId64, value);
}

void csvw_fixed(struct csvw *w, double value, int decimals)
{
	separate(w);
	if (!isfinite(value))
		return;
	char buf[512];
	snprintf(buf, sizeof(buf), "%.*f", decimals, value);
	/* "-0.00" would make two equal plans differ by the sign of a rounding
	 * error; a value that prints as zero is zero. */
	if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
		fputs(buf + 1, w->f);
	else
		fputs(buf, w->f);
}

void csvw_cents(struct csvw *w, int64_t cents)
{
	separate(w);
	char buf[MONEY_BUF];
	money_format(buf, sizeof(buf), cents);
	fputs(buf, w->f);
}

void csvw_end_row(struct csvw *w)
{
	fputs("\r\n", w->f);
	w->field = 0;
}

bool csvw_finish(struct csvw *w)
{
	return fflush(w->f) == 0 && !ferror(w->f);
}
