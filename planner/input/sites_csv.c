#include "input/sites_csv.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/csv_dialect.h"
#include "input/csv_read.h"
#include "input/date_text.h"
#include "input/save_as_csv.h"
#include "util/num.h"
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
	/* Version 2 (scenario-format-2.md); unknown columns in version 1. */
	COL_DEADLINE,
	COL_ALLOWED_VENDORS,
	COL_EARLIEST,
	COL_IN_SERVICE,
	N_COLUMNS,
	N_COLUMNS_1 = COL_DEADLINE,
	COL_UNKNOWN = N_COLUMNS,
	COL_UNNAMED,
};

static const struct csv_read_column columns[N_COLUMNS] = {
	[COL_SITE_ID] = {"site_id", true},
	[COL_REGION] = {"region", true},
	[COL_DOMAIN] = {"domain", true},
	[COL_VENDOR] = {"vendor", true},
	[COL_UNITS] = {"units", true},
	[COL_CRITICALITY] = {"criticality", false},
	[COL_EARLIEST_YEAR] = {"earliest_year", false},
	[COL_CLUSTER] = {"cluster", false},
	[COL_DEPENDS_ON] = {"depends_on", false},
	[COL_DEADLINE] = {"deadline", false},
	[COL_ALLOWED_VENDORS] = {"allowed_vendors", false},
	[COL_EARLIEST] = {"earliest", false},
	[COL_IN_SERVICE] = {"in_service", false},
};

bool sites_csv_is_version_2_column(const char *name)
{
	for (int c = N_COLUMNS_1; c < N_COLUMNS; c++)
		if (strcmp(columns[c].name, name) == 0)
			return true;
	return false;
}

/* What reading sites.csv needs at hand: the scenario being filled, the CSV
 * reader, and where the header put each known column. */
struct loader {
	struct scenario *s;
	struct csv_read r; /* where problems go: r.d, r.path */

	int n_known;             /* the columns of the scenario's format */
	bool columns_ok;         /* the header names every required column */
	unsigned col[N_COLUMNS]; /* 1-based field number, 0 = absent */
	size_t alloc_extra;
	bool utf8_hinted; /* save_as_csv_utf8_hint() */
};

static bool is_extra_column(const struct scenario *s, const char *name)
{
	for (size_t i = 0; i < s->n_extra_columns; i++)
		if (strcmp(s->extra_columns[i], name) == 0)
			return true;
	return false;
}

/*
 * The first non-empty row names the columns (csv_read_columns(): known
 * names are matched exactly; a name close to a known column the header
 * lacks is an error with "did you mean", since that is the likeliest
 * reason for a "missing" column and a lost optional one; a known column
 * named twice is an error). Other names are listed once in
 * s->extra_columns and their cells ignored, and so are cells under an
 * empty name (spreadsheets export stray empty columns).
 */
static void read_header(struct csv_read *r)
{
	struct loader *l = r->ctx;
	struct scenario *s = l->s;
	l->columns_ok = csv_read_columns(r, columns, (size_t)l->n_known, l->col);
	for (size_t i = 0; i < r->n_fields; i++) {
		size_t len;
		const char *name = csv_read_field(r, i, &len);
		bool known = false;
		for (int c = 0; c < l->n_known && !known; c++)
			known = strcmp(name, columns[c].name) == 0;
		if (!*name || known)
			continue;
		if (!utf8_valid(name, len)) {
			diag_add(r->d, r->path, r->row_line, (unsigned)i + 1,
				 "column name is not valid UTF-8%s",
				 save_as_csv_utf8_hint(&l->utf8_hinted));
		} else if (!is_extra_column(s, name)) {
			ARRAY_GROW(s->extra_columns, s->n_extra_columns, l->alloc_extra);
			s->extra_columns[s->n_extra_columns++] =
				strpool_dupn(&s->pool, name, len);
		}
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
	s->csv_col.deadline = l->col[COL_DEADLINE];
	s->csv_col.allowed_vendors = l->col[COL_ALLOWED_VENDORS];
	s->csv_col.earliest = l->col[COL_EARLIEST];
	s->csv_col.in_service = l->col[COL_IN_SERVICE];
}

/* The text of known column 'c' in the current row, "" when absent. */
static const char *cell(const struct loader *l, enum column c, size_t *len)
{
	if (!l->col[c]) {
		*len = 0;
		return "";
	}
	return csv_read_field(&l->r, l->col[c] - 1, len);
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
	diag_add(l->r.d, l->r.path, l->r.row_line, l->col[c], "%s '%s' %s",
		 columns[c].name, text, what);
}

/*
 * A date cell (date_text.h). A bare year means 31 December where the date
 * is a deadline; where it is a start ('deadline' false) it is refused,
 * since either end of the year could be meant.
 */
static bool read_date(struct loader *l, enum column c, const char *text, bool deadline,
		      struct date *out)
{
	enum date_text what = date_text_parse(text, out);
	if (what == DATE_TEXT_OK || (what == DATE_TEXT_YEAR && deadline))
		return true;
	if (what == DATE_TEXT_YEAR) {
		char hint[64];
		snprintf(hint, sizeof(hint),
			 "is a year, not a date (write %.4s-01-01 or %.4s-12-31)", text,
			 text);
		cell_error(l, c, text, hint);
	} else if (what == DATE_TEXT_NOT_REAL) {
		cell_error(l, c, text, "is not a real calendar date");
	} else {
		cell_error(l, c, text,
			   deadline ? "must be a date YYYY-MM-DD or a year YYYY"
				    : "must be a date YYYY-MM-DD");
	}
	return false;
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
static void read_row(struct csv_read *r)
{
	struct loader *l = r->ctx;
	struct scenario *s = l->s;

	bool ok = true;
	const char *text[N_COLUMNS];
	size_t len[N_COLUMNS];
	for (int c = 0; c < N_COLUMNS; c++) {
		text[c] = cell(l, c, &len[c]);
		if (!l->col[c])
			continue;
		if (columns[c].required && len[c] == 0) {
			diag_add(l->r.d, l->r.path, l->r.row_line, l->col[c],
				 "%s is empty", columns[c].name);
			ok = false;
		} else if (!utf8_valid(text[c], len[c])) {
			diag_add(l->r.d, l->r.path, l->r.row_line, l->col[c],
				 "%s is not valid UTF-8%s", columns[c].name,
				 save_as_csv_utf8_hint(&l->utf8_hinted));
			ok = false;
			len[c] = 0; /* skip the number checks below */
		}
	}

	struct site site = {
		.criticality = 1,
		.line = l->r.row_line,
	};
	if (len[COL_UNITS]) {
		int64_t units;
		bool parsed = num_parse_int64(text[COL_UNITS], &units);
		if (parsed ? units < 0 : !is_digits(text[COL_UNITS])) {
			char *what = xasprintf(
				"must be a whole number >= 0%s",
				csv_dialect_whole_hint(l->r.delim, text[COL_UNITS]));
			cell_error(l, COL_UNITS, text[COL_UNITS], what);
			free(what);
			ok = false;
		} else if (!parsed || units > UNITS_MAX) {
			diag_add(l->r.d, l->r.path, l->r.row_line, l->col[COL_UNITS],
				 "units '%s' is too large (at most %" PRId64 ")",
				 text[COL_UNITS], UNITS_MAX);
			ok = false;
		} else {
			site.units = units;
		}
	}
	if (len[COL_CRITICALITY]) {
		double v;
		char buf[CSV_DIALECT_NUMBER_MAX];
		const char *number = csv_dialect_number(l->r.delim, text[COL_CRITICALITY],
							buf, sizeof(buf));
		if (!num_parse_double(number, &v) || !(v > 0)) {
			char *what =
				xasprintf("must be a number > 0%s",
					  csv_dialect_number_hint(l->r.delim,
								  text[COL_CRITICALITY]));
			cell_error(l, COL_CRITICALITY, text[COL_CRITICALITY], what);
			free(what);
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
	if (len[COL_DEADLINE])
		ok &= site.has_deadline = read_date(l, COL_DEADLINE, text[COL_DEADLINE],
						    true, &site.deadline);
	if (len[COL_EARLIEST]) {
		ok &= site.has_earliest = read_date(l, COL_EARLIEST, text[COL_EARLIEST],
						    false, &site.earliest);
		if (len[COL_EARLIEST_YEAR]) {
			diag_add(l->r.d, l->r.path, l->r.row_line, l->col[COL_EARLIEST],
				 "earliest and earliest_year are both filled (give one "
				 "of the two)");
			ok = false;
		}
	}
	if (len[COL_IN_SERVICE])
		ok &= site.has_in_service = read_date(
			l, COL_IN_SERVICE, text[COL_IN_SERVICE], false, &site.in_service);
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
	if (len[COL_ALLOWED_VENDORS])
		site.allowed_vendors = strpool_dupn(&s->pool, text[COL_ALLOWED_VENDORS],
						    len[COL_ALLOWED_VENDORS]);
	ARRAY_GROW(s->sites, s->n_sites, s->alloc_sites);
	s->sites[s->n_sites++] = site;
}

/*
 * Syntax errors, worded for whoever fixes a spreadsheet's export: where
 * the quote goes wrong and how to quote. An unterminated field is
 * reported where it starts.
 */
static void report_syntax(struct csv_read *r, enum csv_read_syntax what, char ch,
			  const char *detail)
{
	unsigned col = (unsigned)r->n_fields + 1;
	switch (what) {
	case CSV_READ_PARSE:
		diag_add(r->d, r->path, r->line, col, "cannot parse: %s", detail);
		break;
	case CSV_READ_STRAY_QUOTE:
		diag_add(r->d, r->path, r->line, col,
			 "stray '\"' in a field (quote the whole field and double "
			 "the quotes inside it)");
		break;
	case CSV_READ_AFTER_QUOTE:
		if (ch > ' ' && ch < 0x7f)
			diag_add(r->d, r->path, r->line, col,
				 "unexpected '%c' after a closing quote", ch);
		else
			diag_add(r->d, r->path, r->line, col,
				 "unexpected character after a closing quote");
		break;
	case CSV_READ_UNTERMINATED:
		diag_add(r->d, r->path, r->field_line, col,
			 "unterminated quoted field (its closing '\"' is missing)");
		break;
	}
}

/*
 * The first line tells UTF-16 (which spreadsheets offer as "Unicode
 * text") and a workbook (a zip archive or an OLE2 file, saved as is
 * instead of as CSV) from UTF-8 text, and loses its byte-order mark,
 * which libcsv would otherwise keep in front of the first column's name.
 */
static bool first_line(struct csv_read *r, char **line, size_t *len)
{
	const unsigned char *u = (const unsigned char *)*line;
	const char *workbook = save_as_csv_workbook(*line, *len);
	if (workbook) {
		diag_add(r->d, r->path, 0, 0,
			 "file is %s, not CSV: save the sheet as CSV UTF-8 "
			 "(" SAVE_AS_CSV_HOW ")",
			 workbook);
		return false;
	}
	if (*len >= 2 &&
	    ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
		diag_add(r->d, r->path, 0, 0,
			 "file is UTF-16, not UTF-8 (save it as 'CSV UTF-8')");
		return false;
	}
	if (*len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		*line += 3;
		*len -= 3;
	}
	return true;
}

static bool is_blank_line(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' &&
		    line[i] != '\n')
			return false;
	return true;
}

/*
 * Each line as read: the first one checked (first_line), and the header
 * line tells ';' from ',' (csv_dialect.h) before libcsv reads it. Excel's
 * "sep=;" (or "sep=,") first line says it outright; it is read as a
 * blank line.
 */
static bool spreadsheet_line(struct csv_read *r, char **line, size_t *len)
{
	if (r->line == 1 && !first_line(r, line, len))
		return false;
	if (r->line == 1) {
		char sep = csv_dialect_sep_line(*line, *len);
		if (sep) {
			r->delim = sep;
			*len = 0;
		}
	}
	if (!r->delim && !r->header_done && !r->row_open && !is_blank_line(*line, *len))
		r->delim = csv_dialect_delimiter(*line, *len);
	return true;
}

void sites_csv_rules(struct csv_read *r)
{
	r->skip_empty_rows = true;
	r->suggest_columns = true;
	r->on_line = spreadsheet_line;
	r->on_syntax = report_syntax;
}

bool sites_csv_load(struct scenario *s, struct diag *d)
{
	size_t before = diag_count(d);
	struct loader l = {
		.s = s,
		.n_known = s->format_version >= 2 ? N_COLUMNS : N_COLUMNS_1,
	};
	l.r = (struct csv_read){
		.path = s->sites_path,
		.d = d,
		.skip_empty_rows = true,
		.suggest_columns = true,
		.on_line = spreadsheet_line,
		.on_header = read_header,
		.on_row = read_row,
		.on_syntax = report_syntax,
		.ctx = &l,
	};
	if (csv_read_file(&l.r, AT_FDCWD, s->sites_path) && l.r.header_ok &&
	    l.r.n_rows == 0)
		diag_add(d, s->sites_path, 0, 0,
			 "no sites (the file has a header row but no data rows)");
	csv_read_finish(&l.r);
	return diag_count(d) == before;
}
