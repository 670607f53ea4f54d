/*
 * jsonpos: a strict JSON syntax check, and the source position of every
 * node of a document that cJSON parsed (cJSON nodes carry none).
 *
 * jsonpos_scan() reads the text once, as RFC 8259 JSON: it rejects what
 * cJSON lets through (numbers such as "01" or "1.", control characters,
 * invalid UTF-8 in strings, bytes after a NUL) and says precisely where
 * the text first goes wrong. On success it has recorded, in document
 * order, where each value starts and ends and, for an object member,
 * where its key starts. jsonpos_attach() then walks the cJSON tree of the
 * same text in the same order and gives each node its record.
 *
 * Calling sequence:
 *	struct jsonpos_error err;
 *	struct jsonpos *p = jsonpos_scan(text, len, &err);  (NULL: see err)
 *	cJSON *root = cJSON_ParseWithOpts(text, &end, true);
 *	if (p && root && jsonpos_attach(p, root))
 *		jsonpos_find(p, node, &loc);
 *	jsonpos_destroy(p);
 *
 * Lines and columns are 1-based; a column counts characters (UTF-8 code
 * points, a tab is one), and a byte-order mark at the start is not one.
 *
 * Ownership: a jsonpos borrows 'text' and, once attached, the cJSON tree;
 * both must outlive it.
 */
#ifndef PHASEOUT_JSONPOS_H
#define PHASEOUT_JSONPOS_H

#include <stdbool.h>
#include <stddef.h>

struct cJSON;
struct jsonpos;

struct jsonpos_loc {
	unsigned line, column; /* of the key for an object member, else of the value */
	const char *value;     /* the value's source text, not NUL-terminated */
	size_t value_len;
};

struct jsonpos_error {
	unsigned line, column;
	char message[160]; /* e.g. "malformed JSON: invalid number '01'" */
};

/* jsonpos_scan: NULL when 'text' is not strict JSON; 'err' then says where
 * and why. 'len' bytes are read, so a NUL byte inside them is an error. */
struct jsonpos *jsonpos_scan(const char *text, size_t len, struct jsonpos_error *err);

/* jsonpos_attach: map the records to the nodes of 'root', cJSON's parse of
 * the same text. False when the tree does not match the text. */
bool jsonpos_attach(struct jsonpos *p, const struct cJSON *root);

/* jsonpos_find: where 'node' is; false when it is unknown. */
bool jsonpos_find(const struct jsonpos *p, const struct cJSON *node,
		  struct jsonpos_loc *loc);

/* jsonpos_destroy: free 'p'; NULL is a no-op. */
void jsonpos_destroy(struct jsonpos *p);

/* jsonpos_locate: line and column of byte 'offset' of 'text'. */
void jsonpos_locate(const char *text, size_t offset, unsigned *line, unsigned *column);

#endif
