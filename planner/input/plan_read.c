#include "input/plan_read.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/csv_read.h"
#include "input/json_doc.h"
#include "input/json_schema.h"
#include "util/csvw.h"
#include "util/folder_files.h"
#include "util/num.h"
#include "util/period.h"

#define YEAR_MIN 1000
#define YEAR_MAX 9999

/* folder_hash_file()'s errno in words (EINVAL: not a regular file). */
static const char *open_error(int err)
{
	return err == EINVAL ? "not a regular file" : strerror(err);
}

/* The column names a file needs, found in its header. */
struct columns {
	const struct csv_read_column *list;
	size_t n;
	unsigned *at; /* 1-based field number per column, 0 = absent */
	bool ok;      /* every column was found */
};

/* Every column a reader asks for is required: it asks only for what it
 * uses. */
static void find_columns(struct csv_read *c, struct columns *cols)
{
	cols->ok = csv_read_columns(c, cols->list, cols->n, cols->at);
}

/* The text of column 'k' in the current row (the row has the header's
 * field count, so every found column is there). */
static const char *cell(const struct csv_read *c, const struct columns *cols, size_t k)
{
	return csv_read_field(c, cols->at[k] - 1, NULL);
}

/*
 * A CSV file of the folder, read through csv_read.h and hashed as it is
 * parsed: the checksum is of the bytes parsed, so what summary.json
 * vouches for is exactly what is compared. 'r' comes first, so that the
 * reader's callbacks find the file from it.
 */
struct csv_file {
	struct csv_read r;
	struct sha256_ctx sha;
};

/* The bytes are hashed as they are; a UTF-8 byte-order mark (plan
 * --csv-bom) is then taken off the first line, so that it is not read as
 * part of the first column's name. */
static bool hash_line(struct csv_read *r, char **text, size_t *len)
{
	struct csv_file *c = (struct csv_file *)r;
	sha256_update(&c->sha, *len, (const uint8_t *)*text);
	if (r->line == 1 && *len >= 3 && memcmp(*text, "\xEF\xBB\xBF", 3) == 0) {
		*text += 3;
		*len -= 3;
	}
	return true;
}

/* phaseout wrote these files: a syntax error means a damaged file, and the
 * row is dropped. */
static void report_syntax(struct csv_read *r, enum csv_read_syntax what, char ch,
			  const char *detail)
{
	(void)ch;
	(void)detail;
	unsigned col = (unsigned)r->n_fields + 1;
	if (what == CSV_READ_UNTERMINATED)
		diag_add(r->d, r->path, r->row_line, col,
			 "malformed CSV: unterminated quoted field");
	else
		diag_add(r->d, r->path, r->line, col,
			 "malformed CSV: stray '\"' in a field");
}

/*
 * Read 'name' of the folder 'dirfd' ('path' in messages), spaces kept
 * (csvw does not quote a site id that starts with a space): 'on_header'
 * and 'on_row' give the rows their meaning, with 'ctx' as their state.
 * The checksum goes to 'sha256', "" when the file was not read whole.
 */
static void read_csv(int dirfd, const char *name, const char *path, struct diag *d,
		     void (*on_header)(struct csv_read *),
		     void (*on_row)(struct csv_read *), void *ctx, char sha256[65])
{
	/* Through the folder's descriptor, so every file comes from one
	 * folder even if a run replaces it meanwhile. */
	struct csv_file c = {
		.r = {.path = path,
		      .d = d,
		      .keep_spaces = true,
		      .on_line = hash_line,
		      .on_header = on_header,
		      .on_row = on_row,
		      .on_syntax = report_syntax,
		      .ctx = ctx},
	};
	sha256_init(&c.sha);
	sha256[0] = '\0';
	if (csv_read_file(&c.r, dirfd, name)) {
		uint8_t digest[SHA256_DIGEST_SIZE];
		sha256_digest(&c.sha, sizeof(digest), digest);
		folder_sha256_hex(digest, sha256);
	}
	csv_read_finish(&c.r);
}

/* csvw puts "'" in front of a text that starts with a formula character
 * or "'"; csvw_unguard() takes it off again, exactly. From version 2 on
 * every text that begins with "'" is guarded (cli-and-outputs-2.md), so
 * in a version 2 file a leading "'" is always the guard's. */
static const char *unguard(const char *text, bool version2)
{
	if (version2 && text[0] == '\'')
		return text + 1;
	return csvw_unguard(text);
}

/* The kind of the folder's periods, from the first label read, and where
 * that label was, for the message when another kind follows. */
struct kind_state {
	int per_year; /* 0 until a label is read */
	char *where;  /* "'2024-Q1', line 2 of DIR/plan.csv" */
};

const char *plan_read_period_noun(int per_year, bool plural)
{
	switch (per_year) {
	case 2:
		return plural ? "halves" : "half";
	case 4:
		return plural ? "quarters" : "quarter";
	case 12:
		return plural ? "months" : "month";
	default:
		return plural ? "years" : "year";
	}
}

void plan_read_period_label(int per_year, int period, char *buf, size_t size)
{
	if (per_year < 1)
		per_year = 1;
	period_label(period / per_year, per_year, period % per_year, buf, size);
}

/*
 * The period in column 'col' of the current row: 'text' is a label (or,
 * in a file without periods, the year, 'label' false), of the folder's one
 * kind, in 'year'. Sets '*out' to its number; reports and returns false
 * otherwise.
 */
static bool read_period(struct csv_read *c, struct kind_state *k, unsigned col,
			const char *text, bool label, int year, int *out)
{
	int y = year, sub = 1;
	int kind = label ? period_parse_label(text, &y, &sub) : 1;
	if (!kind) {
		diag_add(c->d, c->path, c->row_line, col,
			 "period '%s' must be a period label such as 2024, 2024-H2, "
			 "2024-Q3 or 2024-07",
			 text);
		return false;
	}
	if (k->per_year && kind != k->per_year) {
		diag_add(c->d, c->path, c->row_line, col,
			 "%s '%s' is a %s, but this plan's periods are %s (%s)",
			 label ? "period" : "year", text,
			 plan_read_period_noun(kind, false),
			 plan_read_period_noun(k->per_year, true), k->where);
		return false;
	}
	if (y != year) {
		diag_add(c->d, c->path, c->row_line, col,
			 "period '%s' is not in the row's year %d", text, year);
		return false;
	}
	if (!k->per_year) {
		k->per_year = kind;
		k->where = xasprintf("'%s', line %u of %s", text, c->row_line, c->path);
	}
	*out = y * kind + sub - 1;
	return true;
}

static bool parse_year(const char *text, int *out)
{
	int64_t y;
	if (!num_parse_int64(text, &y) || y < YEAR_MIN || y > YEAR_MAX)
		return false;
	*out = (int)y;
	return true;
}

/* An empty cell is an unknown value (csvw writes non-finite numbers so). */
static bool parse_optional_double(const char *text, double *out)
{
	if (!*text) {
		*out = NAN;
		return true;
	}
	return num_parse_double(text, out);
}

/* --- plan.csv --- */

enum { P_YEAR, P_SITE_ID, P_REGION, P_DOMAIN, P_TO_VENDOR, P_UNITS, P_PERIOD, P_N };

/* 'period' is version 2's (cli-and-outputs-2.md): a file without it is
 * version 1's, in years. */
static const struct csv_read_column plan_columns[P_N] = {
	[P_YEAR] = {"year", true},           [P_SITE_ID] = {"site_id", true},
	[P_REGION] = {"region", true},       [P_DOMAIN] = {"domain", true},
	[P_TO_VENDOR] = {"to_vendor", true}, [P_UNITS] = {"units", true},
	[P_PERIOD] = {"period", false},
};

struct plan_ctx {
	struct plan_read *p;
	struct columns cols;
	unsigned at[P_N];
	struct strmap ids; /* site id -> index in p->sites */
	size_t alloc_sites;
	struct kind_state *kind;
};

static void plan_header(struct csv_read *c)
{
	struct plan_ctx *x = c->ctx;
	find_columns(c, &x->cols);
	x->p->version2 = x->at[P_PERIOD] != 0;
}

static void cell_error(struct csv_read *c, const struct columns *cols, size_t k,
		       const char *text, const char *what)
{
	diag_add(c->d, c->path, c->row_line, cols->at[k], "%s '%s' %s",
		 cols->list[k].name, text, what);
}

/*
 * One site. A swapped site has both a year and a to_vendor, an unswapped
 * one neither; anything else is not a file phaseout wrote.
 */
static void plan_row(struct csv_read *c)
{
	struct plan_ctx *x = c->ctx;
	struct plan_read *p = x->p;
	if (!x->cols.ok)
		return;
	bool v2 = p->version2;
	const char *year = cell(c, &x->cols, P_YEAR);
	const char *id = unguard(cell(c, &x->cols, P_SITE_ID), v2);
	const char *to = unguard(cell(c, &x->cols, P_TO_VENDOR), v2);
	const char *units = cell(c, &x->cols, P_UNITS);
	const char *period = v2 ? cell(c, &x->cols, P_PERIOD) : year;
	struct plan_read_site site = {.line = c->row_line};
	bool ok = true;

	if (!*id) {
		diag_add(c->d, c->path, c->row_line, x->cols.at[P_SITE_ID],
			 "site_id is empty");
		ok = false;
	}
	bool year_ok = !*year || parse_year(year, &site.year);
	if (!year_ok) {
		cell_error(c, &x->cols, P_YEAR, year,
			   "must be a whole year from 1000 to 9999");
		ok = false;
	}
	if (!num_parse_int64(units, &site.units) || site.units < 0) {
		cell_error(c, &x->cols, P_UNITS, units, "must be a whole number >= 0");
		ok = false;
	}
	if (*year && year_ok && !*to) {
		diag_add(c->d, c->path, c->row_line, x->cols.at[P_TO_VENDOR],
			 "to_vendor is empty but year is '%s'", year);
		ok = false;
	} else if (!*year && *to) {
		diag_add(c->d, c->path, c->row_line, x->cols.at[P_YEAR],
			 "year is empty but to_vendor is '%s'", to);
		ok = false;
	}
	if (v2 && year_ok && !*year != !*period) {
		if (*year)
			diag_add(c->d, c->path, c->row_line, x->cols.at[P_PERIOD],
				 "period is empty but year is '%s'", year);
		else
			diag_add(c->d, c->path, c->row_line, x->cols.at[P_PERIOD],
				 "period is '%s' but year is empty", period);
		ok = false;
	} else if (*year && year_ok &&
		   !read_period(c, x->kind, x->cols.at[v2 ? P_PERIOD : P_YEAR], period,
				v2, site.year, &site.period)) {
		ok = false;
	}
	if (*id) {
		int64_t seen = strmap_find(&x->ids, id);
		if (seen >= 0) {
			diag_add(c->d, c->path, c->row_line, x->cols.at[P_SITE_ID],
				 "duplicate site_id '%s' (also line %u)", id,
				 p->sites[seen].line);
			ok = false;
		}
	}
	if (!ok)
		return;

	site.id = strpool_dup(&p->pool, id);
	site.region = strpool_dup(&p->pool, unguard(cell(c, &x->cols, P_REGION), v2));
	site.domain = strpool_dup(&p->pool, unguard(cell(c, &x->cols, P_DOMAIN), v2));
	site.to_vendor = *to ? strpool_dup(&p->pool, to) : NULL;
	strmap_intern(&x->ids, site.id, NULL);
	ARRAY_GROW(p->sites, p->n_sites, x->alloc_sites);
	p->sites[p->n_sites++] = site;
}

/* Read plan.csv; its checksum goes to 'sha256' ("" when unread). */
static void read_plan_csv(struct plan_read *p, int dirfd, const char *path,
			  struct diag *d, struct kind_state *kind, char sha256[65])
{
	struct plan_ctx x = {.p = p, .kind = kind};
	x.cols = (struct columns){.list = plan_columns, .n = P_N, .at = x.at};
	strmap_init(&x.ids);
	read_csv(dirfd, "plan.csv", path, d, plan_header, plan_row, &x, sha256);
	strmap_finish(&x.ids);
}

/* --- timeline.csv --- */

enum { T_YEAR, T_SPEND, T_HR_SHARE, T_PERIOD, T_AVAILABLE, T_N };

static const struct csv_read_column timeline_columns[T_N] = {
	[T_YEAR] = {"year", true},
	[T_SPEND] = {"spend", true},
	[T_HR_SHARE] = {"hr_share", true},
	[T_PERIOD] = {"period", false},
	[T_AVAILABLE] = {"available", false},
};

struct timeline_ctx {
	struct plan_read *p;
	struct columns cols;
	unsigned at[T_N];
	unsigned *lines; /* the line of each row, for duplicates */
	size_t alloc_years, alloc_lines;
	struct kind_state *kind;
};

static void timeline_header(struct csv_read *c)
{
	struct timeline_ctx *x = c->ctx;
	find_columns(c, &x->cols);
}

static void timeline_row(struct csv_read *c)
{
	struct timeline_ctx *x = c->ctx;
	struct plan_read *p = x->p;
	if (!x->cols.ok)
		return;
	const char *year = cell(c, &x->cols, T_YEAR);
	const char *spend = cell(c, &x->cols, T_SPEND);
	const char *share = cell(c, &x->cols, T_HR_SHARE);
	bool v2 = x->at[T_PERIOD] != 0;
	const char *period = v2 ? cell(c, &x->cols, T_PERIOD) : year;
	struct plan_read_year y = {0};
	bool ok = true;
	bool year_ok = parse_year(year, &y.year);
	if (!year_ok) {
		cell_error(c, &x->cols, T_YEAR, year,
			   "must be a whole year from 1000 to 9999");
		ok = false;
	} else if (!read_period(c, x->kind, x->cols.at[v2 ? T_PERIOD : T_YEAR], period,
				v2, y.year, &y.period)) {
		year_ok = ok = false;
	}
	if (!parse_optional_double(spend, &y.spend) || y.spend < 0) {
		cell_error(c, &x->cols, T_SPEND, spend, "must be a number >= 0");
		ok = false;
	}
	const char *available = x->at[T_AVAILABLE] ? cell(c, &x->cols, T_AVAILABLE) : "";
	if (!parse_optional_double(available, &y.available)) {
		cell_error(c, &x->cols, T_AVAILABLE, available,
			   "must be a number or empty");
		ok = false;
	}
	if (!parse_optional_double(share, &y.hr_share) || y.hr_share < 0 ||
	    y.hr_share > 1) {
		cell_error(c, &x->cols, T_HR_SHARE, share, "must be a share from 0 to 1");
		ok = false;
	}
	for (size_t i = 0; year_ok && i < p->n_years; i++) {
		if (p->years[i].period == y.period) {
			diag_add(c->d, c->path, c->row_line,
				 x->cols.at[v2 ? T_PERIOD : T_YEAR],
				 "duplicate %s '%s' (also line %u)",
				 v2 ? "period" : "year", period, x->lines[i]);
			ok = false;
		}
	}
	if (!ok)
		return;
	ARRAY_GROW(x->lines, p->n_years, x->alloc_lines);
	x->lines[p->n_years] = c->row_line;
	ARRAY_GROW(p->years, p->n_years, x->alloc_years);
	p->years[p->n_years++] = y;
}

static void read_timeline_csv(struct plan_read *p, int dirfd, const char *path,
			      struct diag *d, struct kind_state *kind, char sha256[65])
{
	struct timeline_ctx x = {.p = p, .kind = kind};
	x.cols = (struct columns){.list = timeline_columns, .n = T_N, .at = x.at};
	read_csv(dirfd, "timeline.csv", path, d, timeline_header, timeline_row, &x,
		 sha256);
	free(x.lines);
}

/* --- summary.json --- */

enum {
	S_SCENARIO,
	S_STATUS,
	S_CURRENCY,
	S_EXPOSURE,
	S_PRESENT_COST,
	S_NOMINAL_COST,
	S_BUDGET_SCALE,
	S_COMPLETION_YEAR,
	S_PERIODS,
	S_SCENARIO_FILE,
	S_OVERRIDES,
	S_N
};

/* The members read; summary.json holds far more than a comparison needs,
 * and the rest is ignored. */
static const struct json_key summary_keys[S_N] = {
	[S_SCENARIO] = {"scenario", false},
	[S_STATUS] = {"status", true},
	[S_CURRENCY] = {"currency", false},
	[S_EXPOSURE] = {"exposure", true},
	[S_PRESENT_COST] = {"present_cost", true},
	[S_NOMINAL_COST] = {"nominal_cost", true},
	[S_BUDGET_SCALE] = {"budget_scale", false},
	[S_COMPLETION_YEAR] = {"completion_year", true},
	[S_PERIODS] = {"periods", false},
	[S_SCENARIO_FILE] = {"scenario_file", false},
	[S_OVERRIDES] = {"overrides", false},
};

static const struct json_number figure = {
	.min = -INFINITY, .max = INFINITY, .null_ok = true, .text = "a number or null"};
static const struct json_number year_or_null = {
	.min = YEAR_MIN,
	.max = YEAR_MAX,
	.whole = true,
	.null_ok = true,
	.text = "a whole year from 1000 to 9999 or null",
};

/* A string member, "" when absent or wrong. */
static const char *summary_string(struct plan_read *p, struct json_schema *r,
				  const cJSON *const *f, int k)
{
	const char *text = "";
	if (f[k]) {
		size_t mark = json_schema_key(r, summary_keys[k].key);
		if (json_schema_string(r, f[k], true, &text))
			text = strpool_dup(&p->pool, text);
		json_schema_pop(r, mark);
	}
	return text;
}

/* A number member, NAN when absent, null or wrong. */
static double summary_number(struct json_schema *r, const cJSON *const *f, int k,
			     const struct json_number *want)
{
	double v = NAN;
	if (f[k]) {
		size_t mark = json_schema_key(r, summary_keys[k].key);
		if (!json_schema_number(r, f[k], want, &v))
			v = NAN;
		json_schema_pop(r, mark);
	}
	return v;
}

/* "overrides": the --set and --scale texts, an array of strings. */
static void read_overrides(struct plan_read *p, struct json_schema *r, const cJSON *node)
{
	if (!node)
		return;
	size_t mark = json_schema_key(r, "overrides");
	if (!cJSON_IsArray(node)) {
		json_schema_report(r, node, "'%s' must be an array, not %s", r->path,
				   json_schema_type_name(node));
	} else {
		size_t n = (size_t)cJSON_GetArraySize(node), i = 0;
		p->overrides = xcalloc(n + 1, sizeof(*p->overrides));
		const cJSON *e;
		cJSON_ArrayForEach(e, node)
		{
			size_t m = json_schema_index(r, i++);
			const char *text;
			if (json_schema_string(r, e, false, &text))
				p->overrides[p->n_overrides++] =
					strpool_dup(&p->pool, text);
			json_schema_pop(r, m);
		}
	}
	json_schema_pop(r, mark);
}

/* Whether a summary may be a plan's: its "command" is "plan" or absent. */
static bool by_plan(const cJSON *root)
{
	const cJSON *command = cJSON_GetObjectItemCaseSensitive(root, "command");
	return !command ||
	       (cJSON_IsString(command) && strcmp(command->valuestring, "plan") == 0);
}

/*
 * The figures compared: the objectives, the completion year and the
 * status, plus the names shown in the report. The file is loaded as
 * scenario.json is (json_doc.h) and read with the same schema reader, so
 * its problems read alike. The caller finishes 'doc' (the folder checks
 * read doc->root).
 */
static void read_summary_json(struct plan_read *p, int dirfd, const char *path,
			      struct diag *d, struct kind_state *kind,
			      struct json_doc *doc)
{
	if (!json_doc_load(doc, dirfd, "summary.json", path, d))
		return;
	struct json_schema r;
	json_schema_init(&r, doc, d);
	const cJSON *root = doc->root;
	if (!cJSON_IsObject(root)) {
		json_schema_report(&r, root, "the summary must be a JSON object, not %s",
				   json_schema_type_name(root));
	} else if (by_plan(root)) {
		/* (Another command's summary is not read: check_run() says
		 * whose it is.) */
		const cJSON *f[S_N];
		json_schema_pick(&r, root, summary_keys, S_N, f);
		p->scenario = summary_string(p, &r, f, S_SCENARIO);
		p->scenario_file = summary_string(p, &r, f, S_SCENARIO_FILE);
		p->status = summary_string(p, &r, f, S_STATUS);
		p->currency = summary_string(p, &r, f, S_CURRENCY);
		p->exposure = summary_number(&r, f, S_EXPOSURE, &figure);
		p->present_cost = summary_number(&r, f, S_PRESENT_COST, &figure);
		p->nominal_cost = summary_number(&r, f, S_NOMINAL_COST, &figure);
		p->budget_scale = summary_number(&r, f, S_BUDGET_SCALE, &figure);
		double year = summary_number(&r, f, S_COMPLETION_YEAR, &year_or_null);
		p->completion_year = isnan(year) ? 0 : (int)year;
		read_overrides(p, &r, f[S_OVERRIDES]);
		const char *periods = summary_string(p, &r, f, S_PERIODS);
		int per_year = *periods ? period_kind_parse(periods) : 0;
		if (*periods && !per_year)
			json_schema_report(
				&r, f[S_PERIODS],
				"'periods' must be 'year', 'half', 'quarter' or "
				"'month', not '%s'",
				periods);
		else if (per_year && kind && kind->per_year && per_year != kind->per_year)
			json_schema_report(
				&r, f[S_PERIODS],
				"'periods' is '%s', but this plan's periods are %s "
				"(%s)",
				periods, plan_read_period_noun(kind->per_year, true),
				kind->where);
		else if (per_year && kind && !kind->per_year)
			kind->per_year = per_year;
	}
	json_schema_finish(&r);
}

/* --- the folder --- */

/* The folder's kind of period and the period the plan completes in: its
 * last swap (summary.json says whether it completes). */
static void set_completion(struct plan_read *p, int per_year)
{
	p->per_year = per_year;
	p->completion_period = 0;
	if (!p->completion_year)
		return;
	for (size_t i = 0; i < p->n_sites; i++)
		if (p->sites[i].year && p->sites[i].period > p->completion_period)
			p->completion_period = p->sites[i].period;
	if (!p->completion_period)
		p->completion_period = p->completion_year * per_year;
}

static char *join(const char *dir, const char *name)
{
	size_t len = strlen(dir);
	return xasprintf("%s%s%s", dir, len && dir[len - 1] == '/' ? "" : "/", name);
}

/*
 * A folder without plan.csv is most often an infeasible run's (exit 3 or
 * 4 writes only summary.json): say so with the status it recorded, so
 * that the user sees why there is nothing to compare.
 */
static char *no_plan_message(const char *dir, int dirfd, const char *use)
{
	char *path = join(dir, "summary.json");
	struct plan_read scratch = {0};
	strpool_init(&scratch.pool);
	struct diag quiet;
	diag_init(&quiet);
	char *msg;
	struct json_doc doc;
	read_summary_json(&scratch, dirfd, path, &quiet, NULL, &doc);
	const cJSON *command = cJSON_GetObjectItemCaseSensitive(doc.root, "command");
	if (cJSON_IsString(command) && strcmp(command->valuestring, "plan") != 0)
		msg = xasprintf("'%s' holds the output of 'phaseout %s', not a plan", dir,
				command->valuestring);
	else if (scratch.status && *scratch.status)
		msg = xasprintf("'%s' holds no plan.csv (its summary.json has status "
				"'%s'; only a plan that was found can be %s)",
				dir, scratch.status, use);
	else
		msg = xasprintf("'%s' holds no plan.csv (is it a folder written by "
				"'phaseout plan -o'?)",
				dir);
	json_doc_finish(&doc);
	diag_finish(&quiet);
	free(scratch.overrides);
	strpool_finish(&scratch.pool);
	free(path);
	return msg;
}

/* A name summary.json may list: a plain file name of the folder. */
static bool plain_name(const char *name)
{
	return *name && !strchr(name, '/') && strcmp(name, ".") != 0 &&
	       strcmp(name, "..") != 0;
}

/*
 * Is the folder one whole run, as its summary.json records it? A summary
 * with "command" must say "plan". With "checksums" (phaseout writes them
 * since whole-folder runs; older folders have none and are taken as
 * they are), plan.csv and timeline.csv must be listed and match the bytes
 * just parsed, every other file listed must be there and match, and no
 * other file of a plan's may be there unlisted (it would be another
 * run's). Returns NULL when it is, else the message.
 */
static char *check_run(const char *dir, int dirfd, const cJSON *root,
		       const char *plan_sha, const char *timeline_sha)
{
	const cJSON *command = cJSON_GetObjectItemCaseSensitive(root, "command");
	if (!by_plan(root))
		return xasprintf("'%s' holds the output of '%s%s', not a plan", dir,
				 cJSON_IsString(command) ? "phaseout " : "",
				 cJSON_IsString(command) ? command->valuestring
							 : "another program");
	const cJSON *sums = cJSON_GetObjectItemCaseSensitive(root, "checksums");
	if (!sums)
		return NULL;
	const cJSON *algorithm = cJSON_GetObjectItemCaseSensitive(sums, "algorithm");
	const cJSON *files = cJSON_GetObjectItemCaseSensitive(sums, "files");
	if (!cJSON_IsString(algorithm) ||
	    strcmp(algorithm->valuestring, "SHA-256") != 0 || !cJSON_IsObject(files))
		return xasprintf("'%s/summary.json': 'checksums' must hold "
				 "\"algorithm\": \"SHA-256\" and a \"files\" object",
				 dir);

	const char *parsed[][2] = {{"plan.csv", plan_sha},
				   {"timeline.csv", timeline_sha}};
	for (size_t i = 0; i < 2; i++) {
		const cJSON *want = cJSON_GetObjectItemCaseSensitive(files, parsed[i][0]);
		if (!cJSON_IsString(want))
			return xasprintf(
				"'%s/%s' is not part of the run its summary.json "
				"records (files of two runs?)",
				dir, parsed[i][0]);
		if (strcmp(want->valuestring, parsed[i][1]) != 0)
			return xasprintf("'%s/%s' does not match the checksum in its "
					 "summary.json (changed after phaseout wrote it, "
					 "or from another run)",
					 dir, parsed[i][0]);
	}
	const cJSON *item;
	cJSON_ArrayForEach(item, files)
	{
		const char *name = item->string;
		if (strcmp(name, "plan.csv") == 0 || strcmp(name, "timeline.csv") == 0)
			continue;
		char got[65];
		if (!cJSON_IsString(item) || !plain_name(name) ||
		    strcmp(name, "summary.json") == 0)
			return xasprintf(
				"'%s/summary.json': 'checksums' lists '%s', which "
				"is not a file of the run",
				dir, name);
		if (!folder_hash_file(dirfd, name, got))
			return xasprintf(
				"'%s/%s' is listed in its summary.json but cannot "
				"be read: %s",
				dir, name, open_error(errno));
		if (strcmp(got, item->valuestring) != 0)
			return xasprintf("'%s/%s' does not match the checksum in its "
					 "summary.json (changed after phaseout wrote it, "
					 "or from another run)",
					 dir, name);
	}
	/* Any other file of a plan's names here belongs to another run. */
	char *stray = NULL;
	int fd = dup(dirfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d && fd >= 0)
		close(fd);
	struct dirent *e;
	while (d && !stray && (e = readdir(d))) {
		if (folder_command_writes("plan", e->d_name) &&
		    strcmp(e->d_name, "summary.json") != 0 &&
		    !cJSON_GetObjectItemCaseSensitive(files, e->d_name))
			stray = xasprintf("'%s/%s' is not part of the run its "
					  "summary.json records (files of two runs?)",
					  dir, e->d_name);
	}
	if (d)
		closedir(d);
	return stray;
}

/* Whether 'dir' names another folder than 'dirfd' now: a run replaced it
 * (or emptied the old one) while we read. */
static bool replaced(const char *dir, int dirfd)
{
	struct stat now, held;
	return fstat(dirfd, &held) != 0 || held.st_nlink == 0 || stat(dir, &now) != 0 ||
	       now.st_dev != held.st_dev || now.st_ino != held.st_ino;
}

/*
 * One attempt at reading 'dir'. Sets '*moved' when it failed and the
 * folder was replaced meanwhile (its old files may be gone half-way
 * through): then reading again gives the new run whole.
 */
static struct plan_read *load_once(const char *dir, struct diag *d, char **error,
				   bool plan_only, bool *moved)
{
	*error = NULL;
	*moved = false;
	struct stat st;
	if (stat(dir, &st) != 0) {
		*error = xasprintf("cannot read folder '%s': %s", dir, strerror(errno));
		return NULL;
	}
	if (!S_ISDIR(st.st_mode)) {
		*error = xasprintf("'%s' is not a folder", dir);
		return NULL;
	}
	/* One descriptor for the folder: a run replacing DIR while we read
	 * cannot give us files of two runs. */
	int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		*error = xasprintf("cannot read folder '%s': %s", dir, strerror(errno));
		return NULL;
	}
	if (fstatat(dirfd, "plan.csv", &st, 0) != 0 && errno == ENOENT) {
		*error = no_plan_message(dir, dirfd,
					 plan_only ? "a baseline" : "compared");
		*moved = replaced(dir, dirfd);
		close(dirfd);
		return NULL;
	}

	size_t before = diag_count(d);
	struct plan_read *p = xcalloc(1, sizeof(*p));
	p->dir = xstrdup(dir);
	strpool_init(&p->pool);
	p->scenario = p->scenario_file = p->status = p->currency = "";
	p->exposure = p->present_cost = p->nominal_cost = p->budget_scale = NAN;

	char *plan_path = join(dir, "plan.csv");
	char *timeline_path = join(dir, "timeline.csv");
	char *summary_path = join(dir, "summary.json");
	char plan_sha[65], timeline_sha[65];
	struct kind_state kind = {0};
	read_plan_csv(p, dirfd, plan_path, d, &kind, plan_sha);
	if (plan_only) {
		/* A baseline is its plan.csv alone: no kind when it swaps
		 * nothing. */
		p->per_year = kind.per_year;
	} else {
		read_timeline_csv(p, dirfd, timeline_path, d, &kind, timeline_sha);
		struct json_doc doc;
		read_summary_json(p, dirfd, summary_path, d, &kind, &doc);
		set_completion(p, kind.per_year ? kind.per_year : 1);
		if (diag_count(d) == before)
			*error = check_run(dir, dirfd, doc.root, plan_sha, timeline_sha);
		json_doc_finish(&doc);
	}
	free(kind.where);
	free(plan_path);
	free(timeline_path);
	free(summary_path);
	bool failed = diag_count(d) != before || *error;
	if (failed)
		*moved = replaced(dir, dirfd);
	close(dirfd);
	if (failed) {
		plan_read_destroy(p);
		return NULL;
	}
	return p;
}

/*
 * A run replacing the folder while we read it can take the old files away
 * half-way: that read fails, and a second one (of the new run) is
 * whole. The first attempts report into a scratch diag, so that only the
 * attempt that counts reaches 'd'.
 */
static struct plan_read *load(const char *dir, struct diag *d, char **error,
			      bool plan_only)
{
	for (int attempt = 0; attempt < 3; attempt++) {
		struct diag scratch;
		diag_init(&scratch);
		bool moved;
		struct plan_read *p = load_once(dir, &scratch, error, plan_only, &moved);
		diag_finish(&scratch);
		if (p)
			return p;
		free(*error);
		*error = NULL;
		if (!moved)
			break;
	}
	bool moved;
	return load_once(dir, d, error, plan_only, &moved);
}

struct plan_read *plan_read_load(const char *dir, struct diag *d, char **error)
{
	return load(dir, d, error, false);
}

struct plan_read *plan_read_load_plan(const char *dir, struct diag *d, char **error)
{
	return load(dir, d, error, true);
}

void plan_read_destroy(struct plan_read *p)
{
	if (!p)
		return;
	free(p->dir);
	free(p->sites);
	free(p->years);
	free(p->overrides);
	strpool_finish(&p->pool);
	free(p);
}
