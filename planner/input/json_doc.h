/*
 * json_doc: the one way phaseout loads a JSON input (scenario.json, a
 * plan's summary.json): the file read whole (readfile.h), checked as
 * strict JSON with a precise position (jsonpos.h), parsed by cJSON and
 * given the source position of every node.
 *
 * A file that cannot be read is reported as "FILE: cannot read: WHY", a
 * syntax error as "FILE:LINE:COLUMN: malformed JSON..." where jsonpos
 * finds it (or, should cJSON refuse a text the scan accepted, where cJSON
 * stopped).
 *
 * Calling sequence:
 *	struct json_doc doc;
 *	if (json_doc_load(&doc, AT_FDCWD, path, path, d))
 *		... doc.root, and json_schema.h to read it ...
 *	json_doc_finish(&doc);
 *
 * Ownership: the doc owns its text, its cJSON tree and the positions;
 * 'file' is borrowed and must outlive it.
 */
#ifndef PHASEOUT_JSON_DOC_H
#define PHASEOUT_JSON_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

struct cJSON;
struct jsonpos;
struct override_marks;

struct json_doc {
	const char *file; /* as messages name it */
	char *text;
	size_t len;
	struct cJSON *root;  /* NULL unless loaded */
	struct jsonpos *pos; /* attached to 'root' */
	/* The nodes --set and --scale wrote (override.h), NULL when none:
	 * problems there name the override instead of a line. Borrowed. */
	const struct override_marks *marks;
};

/*
 * json_doc_load: read 'name' in the folder 'dirfd' (AT_FDCWD: a path),
 * naming it 'file' in messages. False, with the problem added to 'd' and
 * doc->root NULL, when it cannot be read or is not JSON. Call
 * json_doc_finish() either way.
 */
bool json_doc_load(struct json_doc *doc, int dirfd, const char *name, const char *file,
		   struct diag *d);

/* json_doc_finish: free what the doc holds. */
void json_doc_finish(struct json_doc *doc);

#endif
