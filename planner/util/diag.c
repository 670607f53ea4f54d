#include "util/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/termtext.h"
#include "util/xalloc.h"

/*
 * File names are interned in a small list so each problem carries a
 * pointer, and so files sort in the order they were first named (the
 * scenario before its sites.csv), not alphabetically.
 */
struct diag_file {
	struct diag_file *next;
	unsigned rank;
	char name[];
};

void diag_init(struct diag *d)
{
	memset(d, 0, sizeof(*d));
}

void diag_finish(struct diag *d)
{
	for (size_t i = 0; i < d->count; i++)
		free(d->items[i].message);
	free(d->items);
	struct diag_file *f = d->files;
	while (f) {
		struct diag_file *next = f->next;
		free(f);
		f = next;
	}
	memset(d, 0, sizeof(*d));
}

static const char *intern_file(struct diag *d, const char *name)
{
	unsigned rank = 0;
	struct diag_file **tail = &d->files;
	for (struct diag_file *f = d->files; f; f = f->next, rank++) {
		if (strcmp(f->name, name) == 0)
			return f->name;
		tail = &f->next;
	}
	size_t len = strlen(name) + 1;
	struct diag_file *f = xmalloc(sizeof(*f) + len);
	f->next = NULL;
	f->rank = rank;
	memcpy(f->name, name, len);
	*tail = f;
	return f->name;
}

void diag_add(struct diag *d, const char *file, unsigned line, unsigned column,
	      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);

	ARRAY_GROW(d->items, d->count, d->alloc);
	d->items[d->count] = (struct diag_item){
		.file = intern_file(d, file),
		.line = line,
		.column = column,
		.seq = d->count,
		.message = msg,
	};
	d->count++;
}

size_t diag_count(const struct diag *d)
{
	return d->count;
}

static unsigned file_rank(const char *name)
{
	/* name points at diag_file.name; step back to the struct. */
	const struct diag_file *f =
		(const void *)(name - offsetof(struct diag_file, name));
	return f->rank;
}

static int compare_items(const void *pa, const void *pb)
{
	const struct diag_item *a = pa, *b = pb;
	unsigned ra = file_rank(a->file), rb = file_rank(b->file);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void diag_print(struct diag *d, FILE *out)
{
	if (d->count > 1)
		qsort(d->items, d->count, sizeof(*d->items), compare_items);
	for (size_t i = 0; i < d->count; i++) {
		const struct diag_item *it = &d->items[i];
		/* File names and messages quote the user's text. */
		termtext_put(out, it->file);
		if (it->line)
			fprintf(out, ":%u", it->line);
		if (it->line && it->column)
			fprintf(out, ":%u", it->column);
		fputs(": ", out);
		termtext_put(out, it->message);
		putc('\n', out);
	}
}
