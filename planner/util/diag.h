/*
 * diag: the problems found in a user's input, collected and reported
 * together.
 *
 * Loaders and validators add problems and keep going; the command prints
 * them all at once (diag_print) and exits with status 2 when diag_count()
 * is nonzero. A problem is "FILE:LINE[:COLUMN]: message"; the message
 * follows git's grammar: lowercase, no full stop, the offending value in
 * single quotes.
 *
 * Calling sequence:
 *	struct diag d;
 *	diag_init(&d);
 *	diag_add(&d, "sites.csv", 12, 3, "units '%s' is not a whole number", text);
 *	if (diag_count(&d)) diag_print(&d, stderr);
 *	diag_finish(&d);
 *
 * Ownership: a diag copies the file name and the message; it owns them.
 */
#ifndef PHASEOUT_DIAG_H
#define PHASEOUT_DIAG_H

#include <stddef.h>
#include <stdio.h>

struct diag_item {
	const char *file;  /* in the diag's pool */
	unsigned line;     /* 1-based; 0 = the file as a whole */
	unsigned column;   /* 1-based; 0 = no column */
	unsigned long seq; /* order of addition, the final tie-break */
	char *message;
};

struct diag {
	struct diag_item *items;
	size_t count, alloc;
	struct diag_file *files; /* interned file names */
};

void diag_init(struct diag *d);
void diag_finish(struct diag *d);

/* diag_add: record one problem; 'line' and 'column' are 1-based, 0 = none. */
void diag_add(struct diag *d, const char *file, unsigned line, unsigned column,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

size_t diag_count(const struct diag *d);

/*
 * diag_print: write every problem, one a line, sorted by file (in the order
 * files were first named), line, column and then order of addition.
 */
void diag_print(struct diag *d, FILE *out);

#endif
