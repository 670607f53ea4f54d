#include "util/termtext.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

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
		size_t n = utf8_next((const char *)p, SIZE_MAX, &cp);
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

size_t termtext_width(const char *safe)
{
	size_t n = 0;
	for (const char *s = safe; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

void termtext_table_init(struct termtext_table *t, const char *align, int indent)
{
	*t = (struct termtext_table){
		.align = align, .n_cols = strlen(align), .indent = indent};
}

void termtext_table_add(struct termtext_table *t, const char *text)
{
	ARRAY_GROW(t->cells, t->n_cells, t->alloc_cells);
	t->cells[t->n_cells++] = termtext_dup(text);
}

void termtext_table_print(struct termtext_table *t, FILE *f)
{
	size_t *width = xcalloc(t->n_cols, sizeof(*width));
	for (size_t i = 0; i < t->n_cells; i++) {
		size_t w = termtext_width(t->cells[i]);
		if (w > width[i % t->n_cols])
			width[i % t->n_cols] = w;
	}
	for (size_t r = 0; r < t->n_cells / t->n_cols; r++) {
		size_t pending = (size_t)t->indent; /* spaces owed before text */
		for (size_t c = 0; c < t->n_cols; c++) {
			const char *cell = t->cells[r * t->n_cols + c];
			size_t pad = width[c] - termtext_width(cell);
			if (c > 0)
				pending += 2;
			if (t->align[c] == 'r')
				pending += pad;
			if (*cell) {
				fprintf(f, "%*s%s", (int)pending, "", cell);
				pending = 0;
			}
			if (t->align[c] != 'r')
				pending += pad;
		}
		putc('\n', f);
	}
	free(width);
	termtext_table_finish(t);
}

void termtext_table_finish(struct termtext_table *t)
{
	for (size_t i = 0; i < t->n_cells; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->n_cells = t->alloc_cells = 0;
}
