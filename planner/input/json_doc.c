#include "input/json_doc.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "input/jsonpos.h"
#include "input/save_as_csv.h"
#include "util/readfile.h"

/*
 * The text is checked twice: jsonpos_scan() is the strict check, with a
 * precise position, and the position index; cJSON builds the tree. A text
 * cJSON refuses but the scan accepted (it should not happen) still gets
 * cJSON's position.
 */
bool json_doc_load(struct json_doc *doc, int dirfd, const char *name, const char *file,
		   struct diag *d)
{
	memset(doc, 0, sizeof(*doc));
	doc->file = file;
	const char *why;
	if (!readfile_all_at(dirfd, name, &doc->text, &doc->len, &why)) {
		diag_add(d, file, 0, 0, "cannot read: %s", why);
		return false;
	}
	/* A workbook saved where the JSON file belongs: say so, rather than
	 * "invalid UTF-8" at its first binary byte. */
	const char *workbook = save_as_csv_workbook(doc->text, doc->len);
	if (workbook) {
		diag_add(d, file, 0, 0,
			 "file is %s, not a JSON text file (only the sites and the "
			 "ledger come from a sheet, saved as CSV UTF-8)",
			 workbook);
		return false;
	}
	struct jsonpos_error err;
	doc->pos = jsonpos_scan(doc->text, doc->len, &err);
	const char *end = NULL;
	doc->root = cJSON_ParseWithOpts(doc->text, &end, true);
	if (!doc->pos) {
		diag_add(d, file, err.line, err.column, "%s", err.message);
	} else if (!doc->root) {
		unsigned line, column;
		jsonpos_locate(doc->text, end ? (size_t)(end - doc->text) : 0, &line,
			       &column);
		diag_add(d, file, line, column, "malformed JSON");
	} else {
		jsonpos_attach(doc->pos, doc->root);
		return true;
	}
	cJSON_Delete(doc->root);
	doc->root = NULL;
	return false;
}

void json_doc_finish(struct json_doc *doc)
{
	cJSON_Delete(doc->root);
	jsonpos_destroy(doc->pos);
	free(doc->text);
	memset(doc, 0, sizeof(*doc));
}
