#include "input/jsonpos.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

/*
 * Deeper nesting is refused before cJSON's own limit (1000) is reached, so
 * a too deep document always gets this module's message.
 */
#define MAX_DEPTH 500

#define NO_KEY SIZE_MAX

struct entry {
	const cJSON *node;
	size_t at;          /* the key of a member, else the value */
	size_t value_start; /* the value's first byte */
	size_t value_end;   /* one past its last byte */
	unsigned line, column;
};

struct jsonpos {
	const char *text;
	struct entry *entries; /* document order, then sorted by node */
	size_t count, alloc;
	bool attached;
};

struct scanner {
	const char *text;
	size_t len, pos;
	unsigned depth;
	struct jsonpos *out;
	bool failed;
	size_t err_offset;
	char err_message[160];
};

static size_t bom_length(const char *text, size_t len)
{
	return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

void jsonpos_locate(const char *text, size_t offset, unsigned *line, unsigned *column)
{
	size_t i = bom_length(text, offset);
	unsigned l = 1, c = 1;
	for (; i < offset; i++) {
		unsigned char b = (unsigned char)text[i];
		if (b == '\n') {
			l++;
			c = 1;
		} else if (b < 0x80 || b > 0xBF) {
			c++;
		}
	}
	*line = l;
	*column = c;
}

/*
 * What the scanner found at 'offset', for "expected X, found Y": the
 * character in quotes, a control character as U+XXXX, a byte that starts
 * no UTF-8 character as its value, or the end of the file.
 */
static void describe(const struct scanner *sc, size_t offset, char *buf, size_t size)
{
	if (offset >= sc->len) {
		snprintf(buf, size, "end of file");
		return;
	}
	const unsigned char *p = (const unsigned char *)sc->text + offset;
	size_t n = utf8_next((const char *)p, sc->len - offset, NULL);
	if (n == 0) {
		snprintf(buf, size, "byte 0x%02X", p[0]);
	} else if (p[0] < 0x20 || p[0] == 0x7F) {
		snprintf(buf, size, "U+%04X", p[0]);
	} else if (isalpha(p[0])) {
		/* a whole word, so that "tru" or "NaN" reads as written */
		while (n < sc->len - offset && n < 16 && isalnum(p[n]))
			n++;
		snprintf(buf, size, "'%.*s'", (int)n, (const char *)p);
	} else {
		snprintf(buf, size, "'%.*s'", (int)n, (const char *)p);
	}
}

static bool fail(struct scanner *sc, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool fail(struct scanner *sc, size_t offset, const char *fmt, ...)
{
	if (sc->failed)
		return false;
	sc->failed = true;
	sc->err_offset = offset;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sc->err_message, sizeof(sc->err_message), fmt, ap);
	va_end(ap);
	return false;
}

static bool fail_expected(struct scanner *sc, const char *expected)
{
	char found[32];
	describe(sc, sc->pos, found, sizeof(found));
	return fail(sc, sc->pos, "malformed JSON: expected %s, found %s", expected,
		    found);
}

static int peek(const struct scanner *sc)
{
	return sc->pos < sc->len ? (unsigned char)sc->text[sc->pos] : -1;
}

static void skip_space(struct scanner *sc)
{
	while (sc->pos < sc->len) {
		char c = sc->text[sc->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		sc->pos++;
	}
}

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The 4 hex digits of a \u escape at 'at' (just after the "\u"), or -1. */
static long hex4(const struct scanner *sc, size_t at)
{
	if (at > sc->len || sc->len - at < 4)
		return -1;
	long v = 0;
	for (size_t i = 0; i < 4; i++) {
		int h = hex_value((unsigned char)sc->text[at + i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/*
 * A \u escape: a surrogate must come in a high-low pair (cJSON refuses a
 * lone one), and U+0000 is refused because a C string cannot hold it.
 */
static bool scan_unicode_escape(struct scanner *sc)
{
	size_t start = sc->pos; /* at the backslash */
	long cp = hex4(sc, start + 2);
	if (cp < 0)
		return fail(sc, start,
			    "malformed JSON: '\\u' must be followed by 4 hex digits");
	sc->pos = start + 6;
	if (cp == 0)
		return fail(sc, start, "'\\u0000' is not allowed in a string");
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return fail(sc, start, "malformed JSON: lone surrogate '%.6s'",
			    sc->text + start);
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		long lo = -1;
		if (sc->len - sc->pos >= 6 && sc->text[sc->pos] == '\\' &&
		    sc->text[sc->pos + 1] == 'u')
			lo = hex4(sc, sc->pos + 2);
		if (lo < 0xDC00 || lo > 0xDFFF)
			return fail(sc, start, "malformed JSON: lone surrogate '%.6s'",
				    sc->text + start);
		sc->pos += 6;
	}
	return true;
}

static bool scan_string(struct scanner *sc)
{
	size_t start = sc->pos;
	sc->pos++; /* the opening quote */
	for (;;) {
		if (sc->pos >= sc->len)
			return fail(sc, start, "malformed JSON: unterminated string");
		const unsigned char *p = (const unsigned char *)sc->text + sc->pos;
		if (*p == '"') {
			sc->pos++;
			return true;
		}
		if (*p == '\\') {
			int e = sc->pos + 1 < sc->len ? p[1] : -1;
			if (e == 'u') {
				if (!scan_unicode_escape(sc))
					return false;
				continue;
			}
			if (e < 0)
				return fail(sc, start,
					    "malformed JSON: unterminated string");
			if (e == 0 || !strchr("\"\\/bfnrt", e)) {
				if (e > 0x20 && e < 0x7F)
					return fail(sc, sc->pos,
						    "malformed JSON: invalid escape "
						    "'\\%c' in a "
						    "string",
						    e);
				char found[32];
				describe(sc, sc->pos + 1, found, sizeof(found));
				return fail(sc, sc->pos,
					    "malformed JSON: invalid escape in a string: "
					    "backslash then %s",
					    found);
			}
			sc->pos += 2;
			continue;
		}
		if (*p < 0x20)
			return fail(
				sc, sc->pos,
				"malformed JSON: control character U+%04X in a string "
				"must be escaped",
				*p);
		size_t n = utf8_next((const char *)p, sc->len - sc->pos, NULL);
		if (n == 0)
			return fail(sc, sc->pos,
				    "malformed JSON: invalid UTF-8 byte 0x%02X (save the "
				    "file as UTF-8, not Windows-1252 or Latin-1)",
				    *p);
		sc->pos += n;
	}
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_number_char(int c)
{
	return is_digit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/*
 * RFC 8259's number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
 * cJSON hands anything made of these characters to strtod, which also
 * takes "01" and "1."; the whole run of number characters is quoted in
 * the message.
 */
static bool scan_number(struct scanner *sc)
{
	size_t start = sc->pos, i = sc->pos, len = sc->len;
	const char *t = sc->text;
	bool ok = true;
	if (i < len && t[i] == '-')
		i++;
	if (i < len && t[i] == '0') {
		i++;
	} else if (i < len && is_digit(t[i])) {
		while (i < len && is_digit(t[i]))
			i++;
	} else {
		ok = false;
	}
	if (ok && i < len && t[i] == '.') {
		i++;
		if (i >= len || !is_digit(t[i]))
			ok = false;
		while (i < len && is_digit(t[i]))
			i++;
	}
	if (ok && i < len && (t[i] == 'e' || t[i] == 'E')) {
		i++;
		if (i < len && (t[i] == '+' || t[i] == '-'))
			i++;
		if (i >= len || !is_digit(t[i]))
			ok = false;
		while (i < len && is_digit(t[i]))
			i++;
	}
	if (ok && (i >= len || !is_number_char(t[i]))) {
		sc->pos = i;
		return true;
	}
	size_t end = start;
	while (end < len && end - start < 40 && is_number_char(t[end]))
		end++;
	return fail(sc, start, "malformed JSON: invalid number '%.*s'",
		    (int)(end - start), t + start);
}

static bool scan_word(struct scanner *sc, const char *word)
{
	size_t n = strlen(word);
	if (sc->len - sc->pos < n || memcmp(sc->text + sc->pos, word, n) != 0)
		return fail_expected(sc, "a value");
	sc->pos += n;
	return true;
}

static bool scan_value(struct scanner *sc, size_t key);

static bool scan_object(struct scanner *sc)
{
	sc->pos++; /* '{' */
	skip_space(sc);
	if (peek(sc) == '}') {
		sc->pos++;
		return true;
	}
	for (;;) {
		skip_space(sc);
		if (peek(sc) != '"')
			return fail_expected(sc, "a key in double quotes");
		size_t key = sc->pos;
		if (!scan_string(sc))
			return false;
		skip_space(sc);
		if (peek(sc) != ':')
			return fail_expected(sc, "':' after the key");
		sc->pos++;
		if (!scan_value(sc, key))
			return false;
		skip_space(sc);
		int c = peek(sc);
		if (c == '}') {
			sc->pos++;
			return true;
		}
		if (c != ',')
			return fail_expected(sc, "',' or '}'");
		sc->pos++;
	}
}

static bool scan_array(struct scanner *sc)
{
	sc->pos++; /* '[' */
	skip_space(sc);
	if (peek(sc) == ']') {
		sc->pos++;
		return true;
	}
	for (;;) {
		skip_space(sc);
		if (!scan_value(sc, NO_KEY))
			return false;
		skip_space(sc);
		int c = peek(sc);
		if (c == ']') {
			sc->pos++;
			return true;
		}
		if (c != ',')
			return fail_expected(sc, "',' or ']'");
		sc->pos++;
	}
}

/*
 * One value, recorded before its children so that records are in the
 * pre-order in which jsonpos_attach() walks cJSON's tree. 'key' is where
 * the key starts for a member, NO_KEY otherwise; the record's position is
 * the key's, or else the value's own start, found after the leading space.
 */
static bool scan_value(struct scanner *sc, size_t key)
{
	skip_space(sc);
	struct jsonpos *out = sc->out;
	ARRAY_GROW(out->entries, out->count, out->alloc);
	size_t index = out->count++;
	out->entries[index] = (struct entry){
		.at = key != NO_KEY ? key : sc->pos,
		.value_start = sc->pos,
	};

	bool ok;
	int c = peek(sc);
	if (c == '{' || c == '[') {
		if (++sc->depth > MAX_DEPTH)
			return fail(sc, sc->pos,
				    "malformed JSON: nested deeper than %d levels",
				    MAX_DEPTH);
		ok = c == '{' ? scan_object(sc) : scan_array(sc);
		sc->depth--;
	} else if (c == '"') {
		ok = scan_string(sc);
	} else if (c == '-' || is_digit(c)) {
		ok = scan_number(sc);
	} else if (c == 't') {
		ok = scan_word(sc, "true");
	} else if (c == 'f') {
		ok = scan_word(sc, "false");
	} else if (c == 'n') {
		ok = scan_word(sc, "null");
	} else {
		ok = fail_expected(sc, "a value");
	}
	out->entries[index].value_end = sc->pos;
	return ok;
}

/* Line and column of every record, in one pass: records are in order. */
static void compute_lines(struct jsonpos *p, size_t len)
{
	size_t i = bom_length(p->text, len);
	unsigned line = 1, column = 1;
	for (size_t k = 0; k < p->count; k++) {
		struct entry *e = &p->entries[k];
		for (; i < e->at; i++) {
			unsigned char b = (unsigned char)p->text[i];
			if (b == '\n') {
				line++;
				column = 1;
			} else if (b < 0x80 || b > 0xBF) {
				column++;
			}
		}
		e->line = line;
		e->column = column;
	}
}

struct jsonpos *jsonpos_scan(const char *text, size_t len, struct jsonpos_error *err)
{
	struct jsonpos *p = xcalloc(1, sizeof(*p));
	p->text = text;
	struct scanner sc = {
		.text = text,
		.len = len,
		.pos = bom_length(text, len),
		.out = p,
	};
	if (scan_value(&sc, NO_KEY)) {
		skip_space(&sc);
		if (sc.pos < sc.len)
			fail_expected(&sc, "end of file");
	}
	if (sc.failed) {
		jsonpos_locate(text, sc.err_offset, &err->line, &err->column);
		memcpy(err->message, sc.err_message, sizeof(err->message));
		jsonpos_destroy(p);
		return NULL;
	}
	compute_lines(p, len);
	return p;
}

static bool matches(const struct entry *e, const char *text, const cJSON *node)
{
	char c = text[e->value_start];
	if (cJSON_IsObject(node))
		return c == '{';
	if (cJSON_IsArray(node))
		return c == '[';
	if (cJSON_IsString(node))
		return c == '"';
	if (cJSON_IsNumber(node))
		return c == '-' || is_digit(c);
	if (cJSON_IsBool(node))
		return c == 't' || c == 'f';
	return c == 'n';
}

static bool attach(struct jsonpos *p, const cJSON *node, size_t *next)
{
	if (*next >= p->count || !matches(&p->entries[*next], p->text, node))
		return false;
	p->entries[(*next)++].node = node;
	if (cJSON_IsObject(node) || cJSON_IsArray(node))
		for (const cJSON *child = node->child; child; child = child->next)
			if (!attach(p, child, next))
				return false;
	return true;
}

static int compare_nodes(const void *pa, const void *pb)
{
	uintptr_t a = (uintptr_t)((const struct entry *)pa)->node;
	uintptr_t b = (uintptr_t)((const struct entry *)pb)->node;
	return a < b ? -1 : a > b;
}

bool jsonpos_attach(struct jsonpos *p, const cJSON *root)
{
	size_t next = 0;
	if (!attach(p, root, &next) || next != p->count)
		return false;
	qsort(p->entries, p->count, sizeof(*p->entries), compare_nodes);
	p->attached = true;
	return true;
}

bool jsonpos_find(const struct jsonpos *p, const cJSON *node, struct jsonpos_loc *loc)
{
	if (!p || !p->attached)
		return false;
	struct entry key = {.node = node};
	const struct entry *e =
		bsearch(&key, p->entries, p->count, sizeof(*p->entries), compare_nodes);
	if (!e)
		return false;
	loc->line = e->line;
	loc->column = e->column;
	loc->value = p->text + e->value_start;
	loc->value_len = e->value_end - e->value_start;
	return true;
}

void jsonpos_destroy(struct jsonpos *p)
{
	if (!p)
		return;
	free(p->entries);
	free(p);
}
