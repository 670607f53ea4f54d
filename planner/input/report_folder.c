#include "input/report_folder.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/csv_read.h"
#include "util/folder_files.h"
#include "util/readfile.h"
#include "util/xalloc.h"

/* The SHA-256 summary.json lists for 'name', NULL when none. */
static const char *listed_sum(const cJSON *summary, const char *name)
{
	const cJSON *sums = cJSON_GetObjectItemCaseSensitive(summary, "checksums");
	const cJSON *files = cJSON_GetObjectItemCaseSensitive(sums, "files");
	const cJSON *want = cJSON_GetObjectItemCaseSensitive(files, name);
	return cJSON_IsString(want) ? want->valuestring : NULL;
}

static bool has_checksums(const cJSON *summary)
{
	return cJSON_GetObjectItemCaseSensitive(summary, "checksums") != NULL;
}

static char *mismatch(const char *dir, const char *name)
{
	return xasprintf("'%s/%s' does not match the checksum in its summary.json "
			 "(changed after phaseout wrote it, or from another run)",
			 dir, name);
}

/*
 * Only what cairo writes may be inlined: an SVG document without scripts,
 * event handlers, foreign objects or references out of the document.
 */
static bool plain_svg(const char *svg)
{
	static const char *const refused[] = {"<script",     "<foreignObject",
					      "javascript:", "href=\"http",
					      "href='http",  "@import"};
	if (!strstr(svg, "<svg"))
		return false;
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		if (strstr(svg, refused[i]))
			return false;
	for (const char *p = svg; (p = strstr(p, " on")); p += 3) {
		const char *q = p + 3;
		while (*q >= 'a' && *q <= 'z')
			q++;
		if (q > p + 3 && *q == '=')
			return false;
	}
	return true;
}

/* The chart 'name' of the folder, its bytes checked against summary.json;
 * absent is fine (NULL), anything else wrong is the message. */
static char *read_chart(struct report_folder *rf, int dirfd, const char *name)
{
	const char *want = listed_sum(rf->summary, name);
	if (has_checksums(rf->summary) && !want)
		return NULL; /* not part of this run: not shown */
	const char *why = NULL;
	char *text = NULL;
	size_t len = 0;
	if (!readfile_all_at(dirfd, name, &text, &len, &why)) {
		if (!want && errno == ENOENT)
			return NULL;
		return xasprintf("'%s/%s' cannot be read: %s", rf->dir, name, why);
	}
	char got[65];
	folder_hash_bytes(text, len, got);
	if (want && strcmp(got, want) != 0) {
		free(text);
		return mismatch(rf->dir, name);
	}
	if (!plain_svg(text)) {
		free(text);
		return xasprintf("'%s/%s' is not a chart phaseout wrote (an SVG "
				 "document without scripts or links)",
				 rf->dir, name);
	}
	rf->svg = text;
	rf->svg_len = len;
	return NULL;
}

struct table_ctx {
	struct report_folder *rf;
	size_t alloc;
};

static void on_header(struct csv_read *r)
{
	struct table_ctx *c = r->ctx;
	c->rf->n_columns = r->n_fields;
	c->rf->header = xcalloc(r->n_fields + 1, sizeof(char *));
	for (size_t i = 0; i < r->n_fields; i++)
		c->rf->header[i] = xstrdup(csv_read_field(r, i, NULL));
}

static void on_row(struct csv_read *r)
{
	struct table_ctx *c = r->ctx;
	struct report_folder *rf = c->rf;
	size_t need = (rf->n_rows + 1) * rf->n_columns;
	if (need > c->alloc) {
		c->alloc = 2 * need + 16;
		rf->cells = xrealloc(rf->cells, c->alloc * sizeof(char *));
	}
	for (size_t i = 0; i < rf->n_columns; i++)
		rf->cells[rf->n_rows * rf->n_columns + i] =
			xstrdup(csv_read_field(r, i, NULL));
	rf->n_rows++;
}

static void on_syntax(struct csv_read *r, enum csv_read_syntax what, char ch,
		      const char *detail)
{
	(void)what;
	(void)ch;
	diag_add(r->d, r->path, r->line, (unsigned)r->n_fields + 1, "%s",
		 detail ? detail : "malformed CSV (a stray or unterminated quote)");
}

/* A sweep's table and chart, each checked against summary.json. */
static char *read_sweep(struct report_folder *rf, int dirfd, struct diag *d)
{
	const char *want = listed_sum(rf->summary, "sensitivity.csv");
	if (has_checksums(rf->summary)) {
		char got[65];
		if (!want)
			return xasprintf("'%s/sensitivity.csv' is not part of the run "
					 "its summary.json records",
					 rf->dir);
		if (!folder_hash_file(dirfd, "sensitivity.csv", got))
			return xasprintf("'%s/sensitivity.csv' cannot be read: %s",
					 rf->dir, strerror(errno));
		if (strcmp(got, want) != 0)
			return mismatch(rf->dir, "sensitivity.csv");
	}
	char *path = xasprintf("%s/sensitivity.csv", rf->dir);
	struct table_ctx c = {rf, 0};
	struct csv_read r = {.path = path,
			     .d = d,
			     .on_header = on_header,
			     .on_row = on_row,
			     .on_syntax = on_syntax,
			     .ctx = &c};
	size_t before = diag_count(d);
	bool whole = csv_read_file(&r, dirfd, "sensitivity.csv");
	csv_read_finish(&r);
	free(path);
	if (!whole || diag_count(d) > before || !rf->header)
		return xasprintf("'%s/sensitivity.csv' cannot be read as a sweep's "
				 "table",
				 rf->dir);
	return read_chart(rf, dirfd, "sensitivity.svg");
}

struct report_folder *report_folder_load(const char *dir, struct diag *d, char **error)
{
	*error = NULL;
	struct report_folder *rf = xcalloc(1, sizeof(*rf));
	rf->dir = xstrdup(dir);
	struct stat st;
	int dirfd = -1;
	if (stat(dir, &st) != 0) {
		*error = xasprintf("'%s': %s", dir, strerror(errno));
		goto fail;
	}
	if (!S_ISDIR(st.st_mode)) {
		*error = xasprintf("'%s' is not a folder (give a folder written by "
				   "'phaseout plan -o' or 'phaseout sweep -o')",
				   dir);
		goto fail;
	}
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		*error = xasprintf("'%s': %s", dir, strerror(errno));
		goto fail;
	}
	char *text = NULL;
	size_t len = 0;
	const char *why = NULL;
	if (!readfile_all_at(dirfd, "summary.json", &text, &len, &why)) {
		*error = xasprintf("'%s' holds no summary.json (%s): give a folder "
				   "written by 'phaseout plan -o' or 'phaseout sweep -o'",
				   dir, why);
		goto fail;
	}
	const char *end = NULL;
	rf->summary = cJSON_ParseWithLengthOpts(text, len, &end, false);
	if (!rf->summary || !cJSON_IsObject(rf->summary)) {
		unsigned line = 1, col = 1;
		for (const char *p = text; end && p < end && *p; p++) {
			if (*p == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
		}
		char *path = xasprintf("%s/summary.json", dir);
		diag_add(d, path, line, col, "not a JSON object (a syntax error here)");
		free(path);
		free(text);
		goto fail;
	}
	free(text);
	const cJSON *command = cJSON_GetObjectItemCaseSensitive(rf->summary, "command");
	const char *cmd = cJSON_IsString(command) ? command->valuestring : "plan";
	if (strcmp(cmd, "sweep") == 0) {
		rf->kind = REPORT_FOLDER_SWEEP;
		*error = read_sweep(rf, dirfd, d);
		if (*error || diag_count(d))
			goto fail;
	} else if (strcmp(cmd, "plan") == 0) {
		rf->kind = REPORT_FOLDER_PLAN;
		rf->plan = plan_read_load(dir, d, error);
		if (!rf->plan)
			goto fail;
		/* plan_read_load checked the chart's checksum; these are the
		 * bytes inlined, checked again. */
		if ((*error = read_chart(rf, dirfd, "timeline.svg")))
			goto fail;
	} else {
		*error = xasprintf("'%s' holds the output of 'phaseout %s', not a plan "
				   "or a sweep",
				   dir, cmd);
		goto fail;
	}
	close(dirfd);
	return rf;
fail:
	if (dirfd >= 0)
		close(dirfd);
	report_folder_destroy(rf);
	return NULL;
}

int report_folder_column(const struct report_folder *rf, const char *name)
{
	for (size_t i = 0; i < rf->n_columns; i++)
		if (strcmp(rf->header[i], name) == 0)
			return (int)i;
	return -1;
}

void report_folder_destroy(struct report_folder *rf)
{
	if (!rf)
		return;
	free(rf->dir);
	cJSON_Delete(rf->summary);
	plan_read_destroy(rf->plan);
	free(rf->svg);
	for (size_t i = 0; rf->header && i < rf->n_columns; i++)
		free(rf->header[i]);
	free(rf->header);
	for (size_t i = 0; i < rf->n_rows * rf->n_columns; i++)
		free(rf->cells[i]);
	free(rf->cells);
	free(rf);
}
