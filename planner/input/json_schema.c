#include "input/json_schema.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/jsonpos.h"
#include "input/override.h"
#include "util/did_you_mean.h"
#include "util/xalloc.h"

static const struct json_number year = {
	.min = 1000,
	.max = 9999,
	.whole = true,
	.text = "a whole year from 1000 to 9999",
};

static size_t path_append(struct json_schema *r, const char *text, size_t n)
{
	size_t mark = r->path_len;
	if (r->path_len + n + 1 > r->path_alloc) {
		r->path_alloc = 2 * (r->path_len + n + 1);
		r->path = xrealloc(r->path, r->path_alloc);
	}
	memcpy(r->path + r->path_len, text, n);
	r->path_len += n;
	r->path[r->path_len] = '\0';
	return mark;
}

void json_schema_init(struct json_schema *r, const struct json_doc *doc, struct diag *d)
{
	*r = (struct json_schema){
		.d = d, .file = doc->file, .pos = doc->pos, .marks = doc->marks};
	path_append(r, "", 0);
}

void json_schema_finish(struct json_schema *r)
{
	free(r->path);
	r->path = NULL;
}

/* Control characters in a key are shown when the message is printed
 * (diag_print() through termtext.h). */
size_t json_schema_key(struct json_schema *r, const char *key)
{
	size_t mark = r->path_len;
	if (mark)
		path_append(r, ".", 1);
	path_append(r, key, strlen(key));
	return mark;
}

size_t json_schema_index(struct json_schema *r, size_t index)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "[%zu]", index);
	return path_append(r, buf, (size_t)n);
}

void json_schema_pop(struct json_schema *r, size_t mark)
{
	r->path_len = mark;
	r->path[mark] = '\0';
}

unsigned json_schema_line(const struct json_schema *r, const cJSON *node)
{
	struct jsonpos_loc loc;
	return jsonpos_find(r->pos, node, &loc) ? loc.line : 0;
}

void json_schema_at(const struct json_schema *r, const cJSON *node, unsigned *line,
		    unsigned *column)
{
	struct jsonpos_loc loc;
	bool found = node && jsonpos_find(r->pos, node, &loc);
	*line = found ? loc.line : 0;
	*column = found ? loc.column : 0;
}

static void vreport(struct json_schema *r, const cJSON *node, bool with_column,
		    const char *fmt, va_list ap)
{
	struct jsonpos_loc loc;
	unsigned line = 0, column = 0;
	if (node && jsonpos_find(r->pos, node, &loc)) {
		line = loc.line;
		column = with_column ? loc.column : 0;
	}
	char msg[1024];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* A value an override wrote is the override's problem. */
	const struct override_mark *m = node ? override_marks_find(r->marks, node) : NULL;
	if (m)
		diag_add(r->d, m->text, 0, 0, "%s", msg);
	else
		diag_add(r->d, r->file, line, column, "%s", msg);
}

void json_schema_report(struct json_schema *r, const cJSON *node, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(r, node, true, fmt, ap);
	va_end(ap);
}

void json_schema_report_line(struct json_schema *r, const cJSON *node, const char *fmt,
			     ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(r, node, false, fmt, ap);
	va_end(ap);
}

const char *json_schema_type_name(const cJSON *node)
{
	if (cJSON_IsString(node))
		return "a string";
	if (cJSON_IsNumber(node))
		return "a number";
	if (cJSON_IsObject(node))
		return "an object";
	if (cJSON_IsArray(node))
		return "an array";
	if (cJSON_IsTrue(node))
		return "true";
	if (cJSON_IsFalse(node))
		return "false";
	return "null";
}

static void quote_text(const char *text, size_t len, char *buf, size_t size)
{
	size_t max = size - 1, n = len;
	bool cut = false;
	if (n > max) {
		n = max - 3;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
		cut = true;
	}
	for (size_t i = 0; i < n; i++)
		buf[i] = text[i] ? text[i] : '?';
	if (cut) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
}

void json_schema_number_text(const struct json_schema *r, const cJSON *node, char *buf,
			     size_t size)
{
	struct jsonpos_loc loc;
	const struct override_mark *m = override_marks_find(r->marks, node);
	if (m && *m->value)
		quote_text(m->value, strlen(m->value), buf, size);
	else if (jsonpos_find(r->pos, node, &loc))
		quote_text(loc.value, loc.value_len, buf, size);
	else
		snprintf(buf, size, "%.17g", node->valuedouble);
}

void json_schema_string_text(const cJSON *node, char *buf, size_t size)
{
	quote_text(node->valuestring, strlen(node->valuestring), buf, size);
}

bool json_schema_is_repeat(const cJSON *object, const cJSON *member)
{
	for (const cJSON *m = object->child; m && m != member; m = m->next)
		if (strcmp(m->string, member->string) == 0)
			return true;
	return false;
}

/* "unknown key 'PATH'", with the key of 'keys' it most likely misspells
 * (did_you_mean.h), among those 'node' does not have. */
static void report_unknown_key(struct json_schema *r, const cJSON *node,
			       const cJSON *member, const struct json_key *keys, size_t n)
{
	struct did_you_mean m;
	did_you_mean_init(&m, member->string);
	for (size_t i = 0; i < n; i++)
		if (!cJSON_GetObjectItemCaseSensitive(node, keys[i].key))
			did_you_mean_offer(&m, keys[i].key);
	const char *meant = did_you_mean_best(&m);
	if (meant)
		json_schema_report(r, member, "unknown key '%s' (did you mean '%s'?)",
				   r->path, meant);
	else
		json_schema_report(r, member, "unknown key '%s'", r->path);
}

/* The members of 'node' named in 'keys'; other keys are reported unless
 * 'others_ok'. */
static void find_keys(struct json_schema *r, const cJSON *node,
		      const struct json_key *keys, size_t n, bool others_ok,
		      const cJSON **found)
{
	for (size_t i = 0; i < n; i++)
		found[i] = NULL;
	const cJSON *m;
	cJSON_ArrayForEach(m, node)
	{
		size_t i = 0;
		while (i < n && strcmp(keys[i].key, m->string) != 0)
			i++;
		if (i == n && others_ok)
			continue;
		size_t mark = json_schema_key(r, m->string);
		if (json_schema_is_repeat(node, m))
			json_schema_report(r, m, "duplicate key '%s'", r->path);
		else if (i == n)
			report_unknown_key(r, node, m, keys, n);
		else
			found[i] = m;
		json_schema_pop(r, mark);
	}
	for (size_t i = 0; i < n; i++) {
		if (keys[i].required && !found[i]) {
			size_t mark = json_schema_key(r, keys[i].key);
			json_schema_report_line(r, node, "missing required key '%s'",
						r->path);
			json_schema_pop(r, mark);
		}
	}
}

bool json_schema_object(struct json_schema *r, const cJSON *node,
			const struct json_key *keys, size_t n, const cJSON **found)
{
	if (!cJSON_IsObject(node)) {
		json_schema_report(r, node, "'%s' must be an object, not %s", r->path,
				   json_schema_type_name(node));
		return false;
	}
	find_keys(r, node, keys, n, false, found);
	return true;
}

void json_schema_pick(struct json_schema *r, const cJSON *object,
		      const struct json_key *keys, size_t n, const cJSON **found)
{
	find_keys(r, object, keys, n, true, found);
}

bool json_schema_string(struct json_schema *r, const cJSON *node, bool allow_empty,
			const char **out)
{
	if (!cJSON_IsString(node)) {
		json_schema_report(r, node, "'%s' must be a string, not %s", r->path,
				   json_schema_type_name(node));
		return false;
	}
	if (!allow_empty && node->valuestring[0] == '\0') {
		json_schema_report(r, node, "'%s' must not be empty", r->path);
		return false;
	}
	*out = node->valuestring;
	return true;
}

static bool in_range(double v, const struct json_number *want)
{
	if (want->min_open ? !(v > want->min) : !(v >= want->min))
		return false;
	if (want->max_open ? !(v < want->max) : !(v <= want->max))
		return false;
	return !want->whole || v == floor(v);
}

/* A number that is not finite is out of range for a whole number (a
 * year), and "not a finite number" for any other. */
bool json_schema_number(struct json_schema *r, const cJSON *node,
			const struct json_number *want, double *out)
{
	if (want->null_ok && cJSON_IsNull(node)) {
		*out = NAN;
		return true;
	}
	if (!cJSON_IsNumber(node)) {
		json_schema_report(r, node, "'%s' must be %s, not %s", r->path,
				   want->text, json_schema_type_name(node));
		return false;
	}
	double v = node->valuedouble;
	if (!isfinite(v) || !in_range(v, want)) {
		char text[64];
		json_schema_number_text(r, node, text, sizeof(text));
		if (!isfinite(v) && !want->whole)
			json_schema_report(r, node,
					   "'%s' must be a finite number, not '%s'",
					   r->path, text);
		else
			json_schema_report(r, node, "'%s' must be %s, not '%s'", r->path,
					   want->text, text);
		return false;
	}
	*out = v + 0.0;
	return true;
}

bool json_schema_year(struct json_schema *r, const cJSON *node, int *out)
{
	double v;
	if (!json_schema_number(r, node, &year, &v))
		return false;
	*out = (int)v;
	return true;
}

bool json_schema_bool(struct json_schema *r, const cJSON *node, bool *out)
{
	if (!cJSON_IsBool(node)) {
		json_schema_report(r, node, "'%s' must be true or false, not %s", r->path,
				   json_schema_type_name(node));
		return false;
	}
	*out = cJSON_IsTrue(node);
	return true;
}
