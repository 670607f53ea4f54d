/*
 * csv_read: the one way phaseout reads a CSV input (sites.csv, a plan's
 * plan.csv and timeline.csv): libcsv driven a physical line at a time,
 * fields assembled into rows, the first row taken as the header, and the
 * line where each row and field starts kept for messages.
 *
 * The reader owns the plumbing every CSV shares: opening (regular files
 * only, readfile.h), a NUL byte (not a text file), a line over 64 MiB, a
 * read error, CRLF read as LF (inside quoted fields too), strict quoting,
 * recovery after a syntax error (the row is dropped and reading starts
 * afresh on the next line), a data row whose field count is not the
 * header's, an empty file, and finding named columns in the header. The
 * caller gives the rows their meaning through callbacks, and words the
 * syntax errors (on_syntax), since each file's users need other hints.
 *
 * Problems go to the diag as "FILE:LINE[:COLUMN]: message", LINE being
 * where the row starts and COLUMN the 1-based field number.
 *
 * Calling sequence:
 *	struct csv_read r = {.path = path, .d = d, .on_header = ...,
 *			     .on_row = ..., .on_syntax = ..., .ctx = &mine};
 *	bool whole = csv_read_file(&r, AT_FDCWD, path);
 *	... r.header_ok, r.n_rows ...
 *	csv_read_finish(&r);
 *
 * Ownership: field texts belong to the reader and are valid only inside
 * the callback that is given them.
 */
#ifndef PHASEOUT_CSV_READ_H
#define PHASEOUT_CSV_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

/* What stopped libcsv: given to on_syntax. */
enum csv_read_syntax {
	CSV_READ_STRAY_QUOTE,  /* a '"' inside an unquoted field */
	CSV_READ_AFTER_QUOTE,  /* 'ch', not a delimiter or line end, after a
				  closing quote */
	CSV_READ_PARSE,        /* another libcsv error, in 'detail' */
	CSV_READ_UNTERMINATED, /* the file ends inside a quoted field */
};

struct csv_read_field {
	size_t off, len; /* in the row buffer, NUL-terminated */
};

struct csv_read {
	/* Set by the caller. */
	const char *path; /* names the file in messages */
	struct diag *d;
	bool keep_spaces;     /* every byte is data; else libcsv trims spaces
				 and tabs around unquoted fields */
	bool skip_empty_rows; /* a row of empty fields only (",,,") is
				 skipped like a blank line */
	bool suggest_columns; /* csv_read_columns() reports a header name
				 close to a missing column (did_you_mean.h) */
	/* The field separator, 0 for ','; on_line may set it before the
	 * header row starts (csv_dialect.h). */
	char delim;
	/* Optional: each physical line as read, before anything else (it may
	 * move '*text' past a prefix); false stops reading there. */
	bool (*on_line)(struct csv_read *r, char **text, size_t *len);
	void (*on_header)(struct csv_read *r);
	/* A data row with the header's field count. */
	void (*on_row)(struct csv_read *r);
	/* A syntax error on r->line (the file's end for UNTERMINATED), in
	 * field r->n_fields + 1; the row is then dropped. */
	void (*on_syntax)(struct csv_read *r, enum csv_read_syntax what, char ch,
			  const char *detail);
	void *ctx;

	/* Read by the callbacks. */
	unsigned line;       /* the physical line being read */
	unsigned row_line;   /* the line where the current row starts */
	unsigned field_line; /* the line where the current field starts */
	size_t n_fields;     /* in the current row */
	bool header_done;    /* the header row was seen (well-formed or not) */
	bool header_ok;      /* and it parsed */
	size_t header_fields;
	size_t n_rows; /* data rows seen, including bad and malformed ones */

	/* The reader's own. */
	bool row_open;
	char *buf;
	size_t buf_len, buf_alloc;
	struct csv_read_field *fields;
	size_t alloc_fields;
};

/* A column the caller looks for in the header. */
struct csv_read_column {
	const char *name;
	bool required;
};

/*
 * csv_read_file: read 'name' in the folder 'dirfd' (AT_FDCWD: a path).
 * False when it cannot be opened or reading stopped before its end (the
 * problem is in the diag); a file read to the end may still have had
 * problems.
 */
bool csv_read_file(struct csv_read *r, int dirfd, const char *name);

/* csv_read_finish: free the reader's buffers. */
void csv_read_finish(struct csv_read *r);

/* csv_read_field: the text of field 'i' (0-based) of the current row and,
 * when 'len' is not NULL, its length. */
const char *csv_read_field(const struct csv_read *r, size_t i, size_t *len);

/*
 * csv_read_columns: from on_header, find each of the 'n' columns: at[k]
 * becomes its 1-based field number, 0 when absent. A name given twice is
 * reported (either column could be the one meant), and so is a required
 * one that is missing, with a hint when a header name differs from it
 * only in case. With 'suggest_columns', a header name that is close to a
 * column missing from the header (did_you_mean.h: a case change, ' ' or
 * '-' for '_', one or two edits) is an error at that name, "unknown
 * column 'X' (did you mean 'Y'?)", which also stands for Y's "missing
 * required column". Returns whether every required column is there.
 */
bool csv_read_columns(struct csv_read *r, const struct csv_read_column *cols, size_t n,
		      unsigned *at);

#endif
