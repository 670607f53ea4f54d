#include "util/termtext.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * The length of the well-formed UTF-8 sequence at 'p' (1 to 4) and its
 * code point, or 0 when the bytes there are not one: a stray continuation
 * byte, an overlong form, a surrogate, a code point past U+10FFFF or a
 * sequence cut short (RFC 3629, table 3-7 of the Unicode standard).
 */
static size_t utf8_next(const unsigned char *p, uint32_t *cp)
{
	unsigned char c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t n;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		if (c == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	uint32_t v = c & (0x7F >> n);
	for (size_t i = 1; i < n; i++)
		v = (v << 6) | (p[i] & 0x3F);
	*cp = v;
	return n;
}

/* Code points shown as \uNNNN: C1 controls, and the format characters
 * that reorder or break what a terminal shows after them. */
static bool hidden_code_point(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
	       cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* The growing result; the worst case is 6 bytes out per byte in. */
struct out {
	char *buf;
	size_t len;
};

static void emit(struct out *o, const char *s, size_t n)
{
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void convert(const char *text, struct out *o)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		uint32_t cp;
		size_t n = utf8_next(p, &cp);
		char esc[8];
		if (n == 0) {
			esc[0] = '\\', esc[1] = 'x', esc[2] = hex[*p >> 4],
			esc[3] = hex[*p & 15];
			emit(o, esc, 4);
			p++;
			continue;
		}
		if (cp == '\t' || cp == '\n' || cp == '\r') {
			esc[0] = '\\';
			esc[1] = cp == '\t' ? 't' : cp == '\n' ? 'n' : 'r';
			emit(o, esc, 2);
		} else if (cp < 0x20 || cp == 0x7F) {
			esc[0] = '\\', esc[1] = 'x', esc[2] = hex[cp >> 4],
			esc[3] = hex[cp & 15];
			emit(o, esc, 4);
		} else if (hidden_code_point(cp)) {
			esc[0] = '\\', esc[1] = 'u';
			for (int i = 0; i < 4; i++)
				esc[2 + i] = hex[(cp >> (12 - 4 * i)) & 15];
			emit(o, esc, 6);
		} else {
			emit(o, (const char *)p, n);
		}
		p += n;
	}
	o->buf[o->len] = '\0';
}

char *termtext_dup(const char *text)
{
	if (!text)
		text = "";
	size_t len = strlen(text);
	struct out o = {xmalloc(len * 6 + 1), 0};
	convert(text, &o);
	return o.buf;
}

const char *termtext_pool(struct strpool *pool, const char *text)
{
	char *safe = termtext_dup(text);
	const char *copy = strpool_dup(pool, safe);
	free(safe);
	return copy;
}

void termtext_put(FILE *f, const char *text)
{
	char *safe = termtext_dup(text);
	fputs(safe, f);
	free(safe);
}

void termtext_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	fputs("phaseout: error: ", stderr);
	termtext_put(stderr, msg);
	fputc('\n', stderr);
	free(msg);
}

size_t termtext_width(const char *safe)
{
	size_t n = 0;
	for (const char *s = safe; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}
