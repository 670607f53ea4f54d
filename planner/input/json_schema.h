/*
 * json_schema: reading a loaded JSON document (json_doc.h) against what
 * its format expects, with every problem located.
 *
 * A reader keeps the path of the key being read ("vendors[1].unit_cost.ran",
 * 0-based indices), which messages name: the code reading a value pushes
 * its key or index with json_schema_key() or json_schema_index() and pops
 * it with json_schema_pop() on the way out. The typed reads check one node
 * each (an object's keys, a string, a number in a range, a whole year, a
 * boolean) and, when it is wrong, add a problem to the diag and return
 * false; the caller goes on, so one run reports them all.
 *
 * Problems are "FILE:LINE:COLUMN: message" at the node, which for an object
 * member is where its key starts; a missing key is reported at the line of
 * its object, without a column. Messages name the path and, for a wrong
 * value, what was expected and what was found: "'horizon.end' must be a
 * whole year from 1000 to 9999, not '2024.5'", "'name' must be a string,
 * not an array". A number is quoted as written in the file ("1e999"), not
 * as cJSON read it.
 *
 * Calling sequence:
 *	struct json_schema r;
 *	json_schema_init(&r, &doc, d);
 *	const cJSON *f[2];
 *	if (json_schema_object(&r, doc.root, keys, 2, f)) {
 *		size_t mark = json_schema_key(&r, "year");
 *		json_schema_year(&r, f[1], &year);
 *		json_schema_pop(&r, mark);
 *	}
 *	json_schema_finish(&r);
 *
 * Ownership: a reader borrows the doc and the diag; strings it hands out
 * point into the doc's cJSON tree.
 */
#ifndef PHASEOUT_JSON_SCHEMA_H
#define PHASEOUT_JSON_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "input/json_doc.h"
#include "util/diag.h"

struct cJSON;

struct json_schema {
	struct diag *d;
	const char *file;
	const struct jsonpos *pos;
	const struct override_marks *marks; /* json_doc's, may be NULL */
	char *path;                         /* the key being read; "" at the root */
	size_t path_len, path_alloc;
};

/* One key an object may hold. */
struct json_key {
	const char *key;
	bool required;
};

/*
 * What a number must be: in [min, max], either end open when its flag is
 * set; a whole number when 'whole'; null allowed (read as NAN) when
 * 'null_ok'. 'text' says it in a message: "a number in [0, 1)".
 */
struct json_number {
	double min, max;
	bool min_open, max_open;
	bool whole;
	bool null_ok;
	const char *text;
};

void json_schema_init(struct json_schema *r, const struct json_doc *doc, struct diag *d);
void json_schema_finish(struct json_schema *r);

/* json_schema_key, json_schema_index: push "KEY" (".KEY" below the root)
 * or "[INDEX]" on the path; the mark they return is for json_schema_pop. */
size_t json_schema_key(struct json_schema *r, const char *key);
size_t json_schema_index(struct json_schema *r, size_t index);
void json_schema_pop(struct json_schema *r, size_t mark);

/* json_schema_report: a problem at 'node' (its key for a member), line and
 * column; json_schema_report_line: at its line only, for what is missing
 * in it. A NULL or unknown node is reported at the file as a whole. */
void json_schema_report(struct json_schema *r, const struct cJSON *node, const char *fmt,
			...) __attribute__((format(printf, 3, 4)));
void json_schema_report_line(struct json_schema *r, const struct cJSON *node,
			     const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* json_schema_line: the line of 'node', 0 when unknown; json_schema_at:
 * its line and column (of the key for a member), 0 and 0 when unknown. */
unsigned json_schema_line(const struct json_schema *r, const struct cJSON *node);
void json_schema_at(const struct json_schema *r, const struct cJSON *node, unsigned *line,
		    unsigned *column);

/* json_schema_type_name: "a string", "a number", "an object", "an array",
 * "true", "false" or "null", for "..., not %s". */
const char *json_schema_type_name(const struct cJSON *node);

/*
 * json_schema_number_text, json_schema_string_text: a value to quote in a
 * message, at most 'size' - 1 bytes: the number as the file writes it, the
 * string's text. A NUL becomes '?' (other control characters are shown by
 * diag_print(), termtext.h), and a long text is cut at a character
 * boundary and ends with "...".
 */
void json_schema_number_text(const struct json_schema *r, const struct cJSON *node,
			     char *buf, size_t size);
void json_schema_string_text(const struct cJSON *node, char *buf, size_t size);

/* json_schema_is_repeat: whether an earlier member of 'object' has the key
 * of 'member'. cJSON keeps both members of a repeated key. */
bool json_schema_is_repeat(const struct cJSON *object, const struct cJSON *member);

/*
 * json_schema_object: check that 'node' is an object whose keys are those
 * of 'keys', each at most once, with every required one present; found[i]
 * is then the member named keys[i].key, NULL when absent. Unknown and
 * repeated keys are reported where they stand, missing ones at the line of
 * the object. False when 'node' is not an object at all.
 */
bool json_schema_object(struct json_schema *r, const struct cJSON *node,
			const struct json_key *keys, size_t n,
			const struct cJSON **found);

/* json_schema_pick: the same for an object that may hold other keys too
 * (they are ignored); 'object' must be an object. */
void json_schema_pick(struct json_schema *r, const struct cJSON *object,
		      const struct json_key *keys, size_t n, const struct cJSON **found);

/* json_schema_string: a string, non-empty unless 'allow_empty'; '*out'
 * points into the tree. */
bool json_schema_string(struct json_schema *r, const struct cJSON *node, bool allow_empty,
			const char **out);

/* json_schema_number: a finite number as 'want' says (cJSON reads 1e999
 * as infinity); -0 is read as +0, so that no report prints "-0". */
bool json_schema_number(struct json_schema *r, const struct cJSON *node,
			const struct json_number *want, double *out);

/* json_schema_year: a whole year from 1000 to 9999 (years are written
 * with 4 digits, as the keys of per-year numbers are). */
bool json_schema_year(struct json_schema *r, const struct cJSON *node, int *out);

/* json_schema_bool: true or false. */
bool json_schema_bool(struct json_schema *r, const struct cJSON *node, bool *out);

#endif
