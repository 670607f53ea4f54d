#include "input/csv_read.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/did_you_mean.h"
#include "util/readfile.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static bool is_blank_line(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' &&
		    line[i] != '\n')
			return false;
	return true;
}

const char *csv_read_field(const struct csv_read *r, size_t i, size_t *len)
{
	if (len)
		*len = r->fields[i].len;
	return r->buf + r->fields[i].off;
}

static void reset_row(struct csv_read *r)
{
	r->row_open = false;
	r->n_fields = 0;
	r->buf_len = 0;
}

/*
 * libcsv's field callback. The bytes belong to the parser, so they are
 * copied. A field always ends on the line where the next one starts (at
 * its delimiter), which is how 'field_line' stays right across quoted
 * line breaks. A row can also start here, when an unquoted carriage
 * return ended the previous row in the middle of a line.
 */
static void on_field(void *bytes, size_t len, void *data)
{
	struct csv_read *r = data;
	if (!r->row_open) {
		r->row_open = true;
		r->row_line = r->line;
	}
	r->field_line = r->line;
	while (r->buf_alloc - r->buf_len < len + 1) {
		r->buf_alloc = r->buf_alloc ? 2 * r->buf_alloc : 4096;
		r->buf = xrealloc(r->buf, r->buf_alloc);
	}
	memcpy(r->buf + r->buf_len, bytes, len);
	r->buf[r->buf_len + len] = '\0';
	ARRAY_GROW(r->fields, r->n_fields, r->alloc_fields);
	r->fields[r->n_fields++] = (struct csv_read_field){r->buf_len, len};
	r->buf_len += len + 1;
}

static bool row_is_empty(const struct csv_read *r)
{
	for (size_t i = 0; i < r->n_fields; i++)
		if (r->fields[i].len)
			return false;
	return true;
}

/* libcsv's row callback ('term' is the terminator, -1 from csv_fini): the
 * first row is the header, the others data. */
static void on_row(int term, void *data)
{
	struct csv_read *r = data;
	(void)term;
	if (r->skip_empty_rows && row_is_empty(r)) {
		/* like a blank line */
	} else if (!r->header_done) {
		r->header_done = true;
		r->header_ok = true;
		r->header_fields = r->n_fields;
		r->on_header(r);
	} else {
		/* After a malformed header a row has nothing to be read by. */
		r->n_rows++;
		if (r->header_ok && r->n_fields != r->header_fields)
			diag_add(r->d, r->path, r->row_line, 0,
				 "row has %zu field%s, the header has %zu", r->n_fields,
				 r->n_fields == 1 ? "" : "s", r->header_fields);
		else if (r->header_ok)
			r->on_row(r);
	}
	reset_row(r);
}

/* A row that libcsv could not parse is dropped whole. */
static void drop_row(struct csv_read *r)
{
	if (!r->header_done) {
		r->header_done = true;
		r->header_ok = false;
	} else {
		r->n_rows++;
	}
	reset_row(r);
}

/* Every byte is data (keep_spaces). */
static int no_space(unsigned char ch)
{
	(void)ch;
	return 0;
}

static void parser_init(struct csv_parser *p, const struct csv_read *r)
{
	/*
	 * Strict: a stray quote is an error, not text. No CSV_APPEND_NULL:
	 * on_field copies each field with its length and terminates the copy
	 * itself. Growth goes through xrealloc, so running out of memory
	 * aborts as everywhere else; large steps keep long fields linear.
	 */
	csv_init(p, CSV_STRICT | CSV_STRICT_FINI);
	if (r->delim)
		csv_set_delim(p, (unsigned char)r->delim);
	if (r->keep_spaces)
		csv_set_space_func(p, no_space);
	csv_set_realloc_func(p, xrealloc);
	csv_set_blk_size(p, 4096);
}

/*
 * libcsv stopped at byte 'at' of the current line. In strict mode that is
 * a quote inside an unquoted field, or something other than a delimiter
 * or line end after a closing quote. Let the caller report it, drop the
 * row and start afresh on the next line: the rest of the line cannot be
 * trusted.
 */
static void malformed(struct csv_read *r, struct csv_parser *p, const char *line,
		      size_t at)
{
	if (csv_error(p) != CSV_EPARSE)
		r->on_syntax(r, CSV_READ_PARSE, line[at], csv_strerror(csv_error(p)));
	else if (line[at] == '"')
		r->on_syntax(r, CSV_READ_STRAY_QUOTE, line[at], NULL);
	else
		r->on_syntax(r, CSV_READ_AFTER_QUOTE, line[at], NULL);
	drop_row(r);
	csv_free(p);
	parser_init(p, r);
}

/*
 * The file is fed to libcsv one physical line at a time, so the line
 * where each row and each field starts is known (a quoted field may span
 * lines). CRLF becomes LF before libcsv sees it, inside quoted fields
 * too, so a spreadsheet's export loads exactly like a hand-written file.
 * A NUL byte means this is not a text file; reading stops there.
 */
static bool feed(struct csv_read *r, FILE *f, struct csv_parser *p)
{
	bool whole = true;
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	while ((got = readfile_line(&line, &cap, f)) >= 0) {
		char *text = line;
		size_t len = (size_t)got;
		r->line++;
		char delim = r->delim;
		if (r->on_line && !r->on_line(r, &text, &len)) {
			whole = false;
			break;
		}
		if (r->delim != delim)
			csv_set_delim(p, (unsigned char)(r->delim ? r->delim : ','));
		if (memchr(text, '\0', len)) {
			diag_add(r->d, r->path, r->line, 0,
				 "contains a NUL byte, so it is not a CSV text file");
			whole = false;
			break;
		}
		if (len >= 2 && text[len - 2] == '\r' && text[len - 1] == '\n') {
			text[len - 2] = '\n';
			len--;
		}
		if (!r->row_open && !is_blank_line(text, len)) {
			r->row_open = true;
			r->row_line = r->field_line = r->line;
		}
		size_t done = csv_parse(p, text, len, on_field, on_row, r);
		if (done < len)
			malformed(r, p, text, done);
	}
	if (got == READFILE_LINE_TOO_LONG) {
		diag_add(r->d, r->path, r->line + 1, 0,
			 "line longer than 64 MiB, the most phaseout reads as one line");
		whole = false;
	} else if (whole && ferror(f)) {
		diag_add(r->d, r->path, 0, 0, "cannot read: %s", strerror(errno));
		whole = false;
	}
	free(line);
	return whole;
}

bool csv_read_file(struct csv_read *r, int dirfd, const char *name)
{
	const char *why;
	FILE *f = readfile_open_at(dirfd, name, &why);
	if (!f) {
		diag_add(r->d, r->path, 0, 0, "cannot read: %s", why);
		return false;
	}
	struct csv_parser p;
	parser_init(&p, r);
	bool whole = feed(r, f, &p);
	if (whole) {
		if (csv_fini(&p, on_field, on_row, r) != 0) {
			r->on_syntax(r, CSV_READ_UNTERMINATED, '"', NULL);
			drop_row(r);
		}
		if (!r->header_done)
			diag_add(r->d, r->path, 0, 0,
				 "empty file, expected a header row");
	}
	csv_free(&p);
	fclose(f);
	return whole;
}

void csv_read_finish(struct csv_read *r)
{
	free(r->buf);
	free(r->fields);
	r->buf = NULL;
	r->fields = NULL;
}

/*
 * A header name that no column has but that is close to a column the
 * header lacks is taken for a misspelling of it: an error at the name,
 * since its cells would otherwise be ignored without a word (a
 * criticality or an earliest year lost). A column the header already has
 * is not suggested: the name beside it means something else. explained[k]
 * marks a column that a name was taken for.
 */
static void suggest_columns(struct csv_read *r, const struct csv_read_column *cols,
			    size_t n, const unsigned *at, bool *explained)
{
	for (size_t i = 0; i < r->n_fields; i++) {
		size_t len;
		const char *name = csv_read_field(r, i, &len);
		if (!len || !utf8_valid(name, len) || strlen(name) != len)
			continue;
		bool known = false;
		for (size_t k = 0; k < n && !known; k++)
			known = strcmp(name, cols[k].name) == 0;
		if (known)
			continue;
		struct did_you_mean m;
		did_you_mean_init(&m, name);
		for (size_t k = 0; k < n; k++)
			if (!at[k])
				did_you_mean_offer(&m, cols[k].name);
		const char *meant = did_you_mean_best(&m);
		if (!meant)
			continue;
		for (size_t k = 0; k < n; k++)
			if (cols[k].name == meant)
				explained[k] = true;
		diag_add(r->d, r->path, r->row_line, (unsigned)i + 1,
			 "unknown column '%s' (did you mean '%s'?)", name, meant);
	}
}

bool csv_read_columns(struct csv_read *r, const struct csv_read_column *cols, size_t n,
		      unsigned *at)
{
	memset(at, 0, n * sizeof(*at));
	for (size_t i = 0; i < r->n_fields; i++) {
		const char *name = csv_read_field(r, i, NULL);
		size_t k = 0;
		while (k < n && strcmp(name, cols[k].name) != 0)
			k++;
		if (k == n)
			continue;
		if (at[k])
			diag_add(r->d, r->path, r->row_line, (unsigned)i + 1,
				 "duplicate column '%s' (also column %u)", name, at[k]);
		else
			at[k] = (unsigned)i + 1;
	}
	bool *explained = xcalloc(n ? n : 1, sizeof(*explained));
	if (r->suggest_columns)
		suggest_columns(r, cols, n, at, explained);
	bool ok = true;
	for (size_t k = 0; k < n; k++) {
		if (at[k] || !cols[k].required)
			continue;
		ok = false;
		if (explained[k])
			continue;
		size_t i = 0;
		while (i < r->n_fields &&
		       strcasecmp(csv_read_field(r, i, NULL), cols[k].name))
			i++;
		if (i < r->n_fields)
			diag_add(
				r->d, r->path, r->row_line, 0,
				"missing required column '%s' (column %zu is '%s'; names "
				"are case-sensitive)",
				cols[k].name, i + 1, csv_read_field(r, i, NULL));
		else
			diag_add(r->d, r->path, r->row_line, 0,
				 "missing required column '%s'", cols[k].name);
	}
	free(explained);
	return ok;
}
