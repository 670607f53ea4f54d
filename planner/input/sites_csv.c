#include "input/sites_csv.h"

#include <csv.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/num.h"
#include "util/readfile.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/*
 * Units are capped so that sums over millions of sites stay exact in a
 * double (2^53 is about 9e15): a billion units at one site is already far
 * beyond any real network.
 */
#define UNITS_MAX INT64_C(1000000000)

/*
 * A criticality weighs a site's units in E. Between 1e-12 and 1e12, every
 * exposure coefficient (weight x units x years) stays within 1e-12..5e22;
 * the solver sees them scaled (objective_scale.c), so only their spread
 * matters to GLPK. The range is wide enough that any criticality from
 * 0.001 to 1000 may be multiplied by any power of ten from 1e-9 to 1e9
 * (docs/scenario-format.md, "Limits").
 */
#define CRITICALITY_MIN 1e-12
#define CRITICALITY_MAX 1e12
#define YEAR_MIN 1000
#define YEAR_MAX 9999

enum column {
	COL_SITE_ID,
	COL_REGION,
	COL_DOMAIN,
	COL_VENDOR,
	COL_UNITS,
	COL_CRITICALITY,
	COL_EARLIEST_YEAR,
	COL_CLUSTER,
	COL_DEPENDS_ON,
	N_COLUMNS,
	COL_UNKNOWN = N_COLUMNS,
	COL_UNNAMED,
};

static const struct {
	const char *name;
	bool required;
} columns[N_COLUMNS] = {
	[COL_SITE_ID] = {"site_id", true},
	[COL_REGION] = {"region", true},
	[COL_DOMAIN] = {"domain", true},
	[COL_VENDOR] = {"vendor", true},
	[COL_UNITS] = {"units", true},
	[COL_CRITICALITY] = {"criticality", false},
	[COL_EARLIEST_YEAR] = {"earliest_year", false},
	[COL_CLUSTER] = {"cluster", false},
	[COL_DEPENDS_ON] = {"depends_on", false},
};

/* One field of the row being read: its text is buf[off .. off + len), NUL
 * terminated. */
struct field {
	size_t off, len;
};

/*
 * The state shared by libcsv's callbacks. Fields are copied into one
 * growing buffer that is reused for every row, so a row costs no
 * allocation once the buffers have grown to the widest row.
 */
struct loader {
	struct scenario *s;
	struct diag *d;
	const char *path;

	unsigned line;       /* the physical line being fed to libcsv */
	unsigned row_line;   /* the line where the current row starts */
	unsigned field_line; /* the line where the current field starts */
	bool row_open;       /* a row has started and not yet ended */

	char *buf;
	size_t buf_len, buf_alloc;
	struct field *fields;
	size_t n_fields, alloc_fields;

	bool header_done; /* the header row was seen (well-formed or not) */
	bool header_ok;   /* the header parsed; 'col' is valid */
	bool columns_ok;  /* and it names every required column */
	size_t header_fields;
	unsigned col[N_COLUMNS]; /* 1-based field number, 0 = absent */
	size_t alloc_extra;

	size_t n_rows; /* data rows seen, including bad and malformed ones */
};

static bool is_blank_line(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' &&
		    line[i] != '\n')
			return false;
	return true;
}

static const char *field_text(const struct loader *l, size_t i)
{
	return l->buf + l->fields[i].off;
}

static void reset_row(struct loader *l)
{
	l->row_open = false;
	l->n_fields = 0;
	l->buf_len = 0;
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
	struct loader *l = data;
	if (!l->row_open) {
		l->row_open = true;
		l->row_line = l->line;
	}
	l->field_line = l->line;
	while (l->buf_alloc - l->buf_len < len + 1) {
		l->buf_alloc = l->buf_alloc ? 2 * l->buf_alloc : 4096;
		l->buf = xrealloc(l->buf, l->buf_alloc);
	}
	memcpy(l->buf + l->buf_len, bytes, len);
	l->buf[l->buf_len + len] = '\0';
	ARRAY_GROW(l->fields, l->n_fields, l->alloc_fields);
	l->fields[l->n_fields++] = (struct field){l->buf_len, len};
	l->buf_len += len + 1;
}

/* The column of header field 'name', or COL_UNKNOWN / COL_UNNAMED. */
static enum column column_of(const char *name)
{
	if (!*name)
		return COL_UNNAMED;
	for (int c = 0; c < N_COLUMNS; c++)
		if (strcmp(name, columns[c].name) == 0)
			return c;
	return COL_UNKNOWN;
}

static bool is_extra_column(const struct scenario *s, const char *name)
{
	for (size_t i = 0; i < s->n_extra_columns; i++)
		if (strcmp(s->extra_columns[i], name) == 0)
			return true;
	return false;
}

/*
 * The first non-empty row names the columns. Known names are matched
 * exactly; a name that differs only in case gets a hint, since that is
 * the likeliest reason for a "missing" column. A known column named twice
 * is an error (which one would count?); other names are listed once in
 * s->extra_columns and their cells ignored, and so are cells under an
 * empty name (spreadsheets export stray empty columns).
 */
static void read_header(struct loader *l)
{
	struct scenario *s = l->s;
	l->header_done = true;
	l->header_ok = true;
	l->header_fields = l->n_fields;
	memset(l->col, 0, sizeof(l->col));

	for (size_t i = 0; i < l->n_fields; i++) {
		const char *name = field_text(l, i);
		unsigned fno = (unsigned)i + 1;
		enum column c = column_of(name);
		if (c == COL_UNNAMED)
			continue;
		if (!utf8_valid(name, l->fields[i].len)) {
			diag_add(l->d, l->path, l->row_line, fno,
				 "column name is not valid UTF-8");
		} else if (c == COL_UNKNOWN) {
			if (!is_extra_column(s, name)) {
				ARRAY_GROW(s->extra_columns, s->n_extra_columns,
					   l->alloc_extra);
				s->extra_columns[s->n_extra_columns++] =
					strpool_dupn(&s->pool, name, l->fields[i].len);
			}
		} else if (l->col[c]) {
			diag_add(l->d, l->path, l->row_line, fno,
				 "duplicate column '%s' (also column %u)", name,
				 l->col[c]);
		} else {
			l->col[c] = fno;
		}
	}

	l->columns_ok = true;
	for (int c = 0; c < N_COLUMNS; c++) {
		if (l->col[c] || !columns[c].required)
			continue;
		l->columns_ok = false;
		const char *near = NULL;
		unsigned near_col = 0;
		for (size_t i = 0; i < l->n_fields && !near; i++) {
			if (strcasecmp(field_text(l, i), columns[c].name) == 0) {
				near = field_text(l, i);
				near_col = (unsigned)i + 1;
			}
		}
		if (near)
			diag_add(l->d, l->path, l->row_line, 0,
				 "missing required column '%s' (column %u is '%s'; names "
				 "are case-sensitive)",
				 columns[c].name, near_col, near);
		else
			diag_add(l->d, l->path, l->row_line, 0,
				 "missing required column '%s'", columns[c].name);
	}

	s->csv_col.site_id = l->col[COL_SITE_ID];
	s->csv_col.region = l->col[COL_REGION];
	s->csv_col.domain = l->col[COL_DOMAIN];
	s->csv_col.vendor = l->col[COL_VENDOR];
	s->csv_col.units = l->col[COL_UNITS];
	s->csv_col.criticality = l->col[COL_CRITICALITY];
	s->csv_col.earliest_year = l->col[COL_EARLIEST_YEAR];
	s->csv_col.cluster = l->col[COL_CLUSTER];
	s->csv_col.depends_on = l->col[COL_DEPENDS_ON];
}

/* The text of known column 'c' in the current row, "" when absent. */
static const char *cell(const struct loader *l, enum column c, size_t *len)
{
	if (!l->col[c]) {
		*len = 0;
		return "";
	}
	*len = l->fields[l->col[c] - 1].len;
	return field_text(l, l->col[c] - 1);
}

/* Whether 'text' is an unsigned decimal number (too large for int64_t when
 * num_parse_int64 refused it). */
static bool is_digits(const char *text)
{
	if (*text == '+')
		text++;
	if (!*text)
		return false;
	for (; *text; text++)
		if (*text < '0' || *text > '9')
			return false;
	return true;
}

/* "COLUMN 'TEXT' WHAT" at the current row and the column's field. */
static void cell_error(struct loader *l, enum column c, const char *text,
		       const char *what)
{
	diag_add(l->d, l->path, l->row_line, l->col[c], "%s '%s' %s", columns[c].name,
		 text, what);
}

static uint32_t intern(struct scenario *s, struct strmap *map, const char *text,
		       size_t len)
{
	int64_t found = strmap_find(map, text);
	if (found >= 0)
		return (uint32_t)found;
	return strmap_intern(map, strpool_dupn(&s->pool, text, len), NULL);
}

/*
 * One data row: check every known cell (all of them, so one run reports
 * every problem of the row), then append the site when the row is clean
 * and the header named every required column. Text is stored as read:
 * libcsv already removed the spaces and tabs around unquoted fields.
 */
static void read_row(struct loader *l)
{
	struct scenario *s = l->s;
	l->n_rows++;
	if (l->n_fields != l->header_fields) {
		diag_add(l->d, l->path, l->row_line, 0,
			 "row has %zu field%s, the header has %zu", l->n_fields,
			 l->n_fields == 1 ? "" : "s", l->header_fields);
		return;
	}

	bool ok = true;
	const char *text[N_COLUMNS];
	size_t len[N_COLUMNS];
	for (int c = 0; c < N_COLUMNS; c++) {
		text[c] = cell(l, c, &len[c]);
		if (!l->col[c])
			continue;
		if (columns[c].required && len[c] == 0) {
			diag_add(l->d, l->path, l->row_line, l->col[c], "%s is empty",
				 columns[c].name);
			ok = false;
		} else if (!utf8_valid(text[c], len[c])) {
			diag_add(l->d, l->path, l->row_line, l->col[c],
				 "%s is not valid UTF-8", columns[c].name);
			ok = false;
			len[c] = 0; /* skip the number checks below */
		}
	}

	struct site site = {
		.criticality = 1,
		.line = l->row_line,
	};
	if (len[COL_UNITS]) {
		int64_t units;
		bool parsed = num_parse_int64(text[COL_UNITS], &units);
		if (parsed ? units < 0 : !is_digits(text[COL_UNITS])) {
			cell_error(l, COL_UNITS, text[COL_UNITS],
				   "must be a whole number >= 0");
			ok = false;
		} else if (!parsed || units > UNITS_MAX) {
			diag_add(l->d, l->path, l->row_line, l->col[COL_UNITS],
				 "units '%s' is too large (at most %" PRId64 ")",
				 text[COL_UNITS], UNITS_MAX);
			ok = false;
		} else {
			site.units = units;
		}
	}
	if (len[COL_CRITICALITY]) {
		double v;
		if (!num_parse_double(text[COL_CRITICALITY], &v) || !(v > 0)) {
			cell_error(l, COL_CRITICALITY, text[COL_CRITICALITY],
				   "must be a number > 0");
			ok = false;
		} else if (v < CRITICALITY_MIN || v > CRITICALITY_MAX) {
			cell_error(l, COL_CRITICALITY, text[COL_CRITICALITY],
				   "must be in [1e-12, 1e12]");
			ok = false;
		} else {
			site.criticality = v;
		}
	}
	if (len[COL_EARLIEST_YEAR]) {
		int64_t y;
		if (!num_parse_int64(text[COL_EARLIEST_YEAR], &y) || y < YEAR_MIN ||
		    y > YEAR_MAX) {
			cell_error(l, COL_EARLIEST_YEAR, text[COL_EARLIEST_YEAR],
				   "must be a whole year from 1000 to 9999");
			ok = false;
		} else {
			site.earliest_year = (int)y;
		}
	}
	if (!ok || !l->columns_ok)
		return;

	site.id = strpool_dupn(&s->pool, text[COL_SITE_ID], len[COL_SITE_ID]);
	site.region = intern(s, &s->regions, text[COL_REGION], len[COL_REGION]);
	site.domain = intern(s, &s->domains, text[COL_DOMAIN], len[COL_DOMAIN]);
	site.vendor = intern(s, &s->site_vendors, text[COL_VENDOR], len[COL_VENDOR]);
	if (len[COL_CLUSTER])
		site.cluster =
			strpool_dupn(&s->pool, text[COL_CLUSTER], len[COL_CLUSTER]);
	if (len[COL_DEPENDS_ON])
		site.depends_on =
			strpool_dupn(&s->pool, text[COL_DEPENDS_ON], len[COL_DEPENDS_ON]);
	ARRAY_GROW(s->sites, s->n_sites, s->alloc_sites);
	s->sites[s->n_sites++] = site;
}

/*
 * libcsv's row callback ('c' is the terminator, -1 from csv_fini). A row
 * whose cells are all empty (",,,," as spreadsheets export formatted but
 * empty rows) is skipped like a blank line.
 */
static void on_row(int c, void *data)
{
	struct loader *l = data;
	(void)c;
	bool empty = true;
	for (size_t i = 0; i < l->n_fields && empty; i++)
		empty = l->fields[i].len == 0;
	if (!empty) {
		if (!l->header_done)
			read_header(l);
		else if (l->header_ok)
			read_row(l);
		else
			l->n_rows++;
	}
	reset_row(l);
}

/* A row that libcsv could not parse is dropped whole. */
static void drop_row(struct loader *l)
{
	if (!l->header_done) {
		l->header_done = true;
		l->header_ok = false;
	} else {
		l->n_rows++;
	}
	reset_row(l);
}

static void parser_init(struct csv_parser *p)
{
	/*
	 * Strict: a stray quote is an error, not text. No CSV_APPEND_NULL:
	 * on_field copies each field with its length and terminates the copy
	 * itself. Growth goes through xrealloc, so running out of memory
	 * aborts as everywhere else; large steps keep long fields linear.
	 */
	csv_init(p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_realloc_func(p, xrealloc);
	csv_set_blk_size(p, 4096);
}

/*
 * libcsv stopped at byte 'at' of the current line. In strict mode that is
 * a quote inside an unquoted field, or something other than a delimiter
 * or line end after a closing quote. Report it, drop the row and start
 * afresh on the next line: the rest of the line cannot be trusted.
 */
static void report_malformed(struct loader *l, struct csv_parser *p, const char *line,
			     size_t at)
{
	unsigned col = (unsigned)l->n_fields + 1;
	if (csv_error(p) != CSV_EPARSE)
		diag_add(l->d, l->path, l->line, col, "cannot parse: %s",
			 csv_strerror(csv_error(p)));
	else if (line[at] == '"')
		diag_add(l->d, l->path, l->line, col,
			 "stray '\"' in a field (quote the whole field and double "
			 "the quotes inside it)");
	else if (line[at] > ' ' && line[at] < 0x7f)
		diag_add(l->d, l->path, l->line, col,
			 "unexpected '%c' after a closing quote", line[at]);
	else
		diag_add(l->d, l->path, l->line, col,
			 "unexpected character after a closing quote");
	drop_row(l);
	csv_free(p);
	parser_init(p);
}

/*
 * The first line tells UTF-16 (which spreadsheets offer as "Unicode
 * text") from UTF-8, and loses its byte-order mark, which libcsv would
 * otherwise keep in front of the first column's name.
 */
static bool strip_bom(struct loader *l, char **line, size_t *len)
{
	const unsigned char *u = (const unsigned char *)*line;
	if (*len >= 2 &&
	    ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
		diag_add(l->d, l->path, 0, 0,
			 "file is UTF-16, not UTF-8 (save it as 'CSV UTF-8')");
		return false;
	}
	if (*len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		*line += 3;
		*len -= 3;
	}
	return true;
}

/*
 * The file is fed to libcsv one physical line at a time, so the line
 * where each row and each field starts is known (a quoted field may span
 * lines). CRLF becomes LF before libcsv sees it, inside quoted fields
 * too, so a spreadsheet's export loads exactly like a hand-written file.
 * A NUL byte means this is not a text file; reading stops there.
 *
 * Returns false when reading stopped before the end of the file (the
 * problem is in the diag).
 */
static bool feed(struct loader *l, FILE *f, struct csv_parser *p)
{
	bool whole = true;
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	while ((got = readfile_line(&line, &cap, f)) >= 0) {
		char *text = line;
		size_t len = (size_t)got;
		l->line++;
		if (l->line == 1 && !strip_bom(l, &text, &len)) {
			whole = false;
			break;
		}
		if (memchr(text, '\0', len)) {
			diag_add(l->d, l->path, l->line, 0,
				 "contains a NUL byte, so it is not a CSV text file");
			whole = false;
			break;
		}
		if (len >= 2 && text[len - 2] == '\r' && text[len - 1] == '\n') {
			text[len - 2] = '\n';
			len--;
		}
		if (!l->row_open && !is_blank_line(text, len)) {
			l->row_open = true;
			l->row_line = l->field_line = l->line;
		}
		size_t done = csv_parse(p, text, len, on_field, on_row, l);
		if (done < len)
			report_malformed(l, p, text, done);
	}
	if (got == READFILE_LINE_TOO_LONG) {
		diag_add(l->d, l->path, l->line + 1, 0,
			 "line longer than 64 MiB, the most phaseout reads as one line");
		whole = false;
	} else if (whole && ferror(f)) {
		diag_add(l->d, l->path, 0, 0, "cannot read: %s", strerror(errno));
		whole = false;
	}
	free(line);
	return whole;
}

bool sites_csv_load(struct scenario *s, struct diag *d)
{
	size_t before = diag_count(d);
	struct loader l = {.s = s, .d = d, .path = s->sites_path};
	const char *why;
	FILE *f = readfile_open(s->sites_path, &why);
	if (!f) {
		diag_add(d, l.path, 0, 0, "cannot read: %s", why);
		return false;
	}

	struct csv_parser p;
	parser_init(&p);
	if (feed(&l, f, &p)) {
		if (csv_fini(&p, on_field, on_row, &l) != 0) {
			diag_add(d, l.path, l.field_line, (unsigned)l.n_fields + 1,
				 "unterminated quoted field (its closing '\"' is "
				 "missing)");
			drop_row(&l);
		}
		if (!l.header_done)
			diag_add(d, l.path, 0, 0, "empty file, expected a header row");
		else if (l.header_ok && l.n_rows == 0)
			diag_add(d, l.path, 0, 0,
				 "no sites (the file has a header row but no data rows)");
	}
	csv_free(&p);
	fclose(f);
	free(l.buf);
	free(l.fields);
	return diag_count(d) == before;
}
