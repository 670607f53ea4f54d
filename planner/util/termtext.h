/*
 * termtext: the one way phaseout prints text that came from an input (a
 * scenario's names, a site id, a quoted value, a file name, a plan
 * folder's summary) on a terminal.
 *
 * A name may hold anything a JSON string or a CSV field can: ESC and OSC
 * sequences (a window title, the clipboard through OSC 52, a cleared
 * screen), C1 controls that some terminals obey, line breaks that would
 * forge a line of the report, invalid UTF-8. The safe form keeps every
 * printable character as it is, valid UTF-8 included, and shows the rest
 * visibly:
 *	TAB, LF, CR           \t \n \r
 *	other C0, ESC, DEL    \xNN         (ESC is \x1b)
 *	C1 (U+0080-U+009F)    \uNNNN       (U+009B, the one-byte CSI: \u009b)
 *	bidirectional and     \uNNNN       (U+202E would reverse what follows)
 *	line/paragraph separators
 *	a byte of invalid UTF-8  \xNN      (so "\xff" is shown, not dropped)
 * So the safe form holds no byte below 0x20, no DEL and no C1 control, and
 * it never starts an escape sequence, whatever the input.
 *
 * Everything printed from an input goes through these: the reports
 * (plan, check, sweep, diff), every FILE:LINE message (diag.c) and every
 * "phaseout: error:" naming a user's file. Files that programs read
 * (CSV, JSON) keep names as written.
 *
 * It also owns the text table every report prints (plan, check, diff):
 * columns two spaces apart, aligned left or right, cells in their safe
 * form, widths counted in UTF-8 characters, no line ending in spaces.
 *
 * Ownership: termtext_dup()'s result is the caller's to free();
 * termtext_pool()'s lives in the pool; a table owns its cells.
 */
#ifndef PHASEOUT_TERMTEXT_H
#define PHASEOUT_TERMTEXT_H

#include <stddef.h>
#include <stdio.h>

#include "util/xalloc.h"

/* termtext_dup: the safe form of 'text' (NULL gives ""), malloc'd. */
char *termtext_dup(const char *text);

/* termtext_pool: the same, copied into 'pool'. */
const char *termtext_pool(struct strpool *pool, const char *text);

/* termtext_put: write the safe form of 'text' to 'f'. */
void termtext_put(FILE *f, const char *text);

/* termtext_width: the columns safe text takes on a terminal, counted in
 * UTF-8 characters. */
size_t termtext_width(const char *safe);

/*
 * A text table. Calling sequence:
 *	struct termtext_table t;
 *	termtext_table_init(&t, "lrr", 2);   (3 columns, indented 2)
 *	termtext_table_add(&t, "region");    (cells row by row)
 *	...
 *	termtext_table_print(&t, f);         (prints and empties it)
 * A table may be filled and printed again; termtext_table_finish() drops
 * cells that were never printed.
 */
struct termtext_table {
	const char *align; /* 'l' or 'r' per column */
	size_t n_cols;
	int indent;
	char **cells; /* row-major, safe form */
	size_t n_cells, alloc_cells;
};

void termtext_table_init(struct termtext_table *t, const char *align, int indent);

/* termtext_table_add: the next cell, copied in its safe form. */
void termtext_table_add(struct termtext_table *t, const char *text);

/* termtext_table_print: the rows so far on 'f', then the table is empty. */
void termtext_table_print(struct termtext_table *t, FILE *f);

void termtext_table_finish(struct termtext_table *t);

#endif
