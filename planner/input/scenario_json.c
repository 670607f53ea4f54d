#include "input/scenario_json.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/jsonpos.h"
#include "util/money.h"
#include "util/readfile.h"
#include "util/xalloc.h"

/* Years are written with 4 digits, as the keys of per-year numbers are. */
#define YEAR_MIN 1000
#define YEAR_MAX 9999

/*
 * What loading needs at hand: where problems go, where nodes are in the
 * text, and the path of the key being read ("vendors[1].unit_cost.ran"),
 * which every message names. Readers push their key or index on the path
 * and pop it on the way out.
 */
struct loader {
	struct scenario *s;
	struct diag *d;
	const char *file;
	const struct jsonpos *pos;
	bool have_horizon;
	char *path;
	size_t path_len, path_alloc;
};

struct key_spec {
	const char *key;
	bool required;
};

enum range {
	RANGE_NON_NEGATIVE,
	RANGE_MONEY,
	RANGE_SHARE,
	RANGE_DISCOUNT,
	RANGE_ESCALATION,
};

static const char *const range_text[] = {
	[RANGE_NON_NEGATIVE] = "a number >= 0",
	[RANGE_MONEY] = "a number in [0, 1e15]",
	[RANGE_SHARE] = "a number in [0, 1]",
	[RANGE_DISCOUNT] = "a number in [0, 1)",
	[RANGE_ESCALATION] = "a number in (-1, 1)",
};

static size_t path_append(struct loader *l, const char *text, size_t n)
{
	size_t mark = l->path_len;
	if (l->path_len + n + 1 > l->path_alloc) {
		l->path_alloc = 2 * (l->path_len + n + 1);
		l->path = xrealloc(l->path, l->path_alloc);
	}
	memcpy(l->path + l->path_len, text, n);
	l->path_len += n;
	l->path[l->path_len] = '\0';
	return mark;
}

/* Control characters in a key are shown when the message is printed
 * (diag_print() through termtext.h). */
static size_t path_key(struct loader *l, const char *key)
{
	size_t mark = l->path_len;
	if (mark)
		path_append(l, ".", 1);
	path_append(l, key, strlen(key));
	return mark;
}

static size_t path_index(struct loader *l, size_t index)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "[%zu]", index);
	return path_append(l, buf, (size_t)n);
}

static void path_pop(struct loader *l, size_t mark)
{
	l->path_len = mark;
	l->path[mark] = '\0';
}

static unsigned line_of(const struct loader *l, const cJSON *node)
{
	struct jsonpos_loc loc;
	return jsonpos_find(l->pos, node, &loc) ? loc.line : 0;
}

static void vreport(struct loader *l, const cJSON *node, bool with_column,
		    const char *fmt, va_list ap)
{
	struct jsonpos_loc loc;
	unsigned line = 0, column = 0;
	if (node && jsonpos_find(l->pos, node, &loc)) {
		line = loc.line;
		column = with_column ? loc.column : 0;
	}
	char msg[1024];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	diag_add(l->d, l->file, line, column, "%s", msg);
}

/* report: a problem at 'node' (its key for a member), line and column. */
static void report(struct loader *l, const cJSON *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void report(struct loader *l, const cJSON *node, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(l, node, true, fmt, ap);
	va_end(ap);
}

/* report_line: the same at the line only, for what is missing in 'node'. */
static void report_line(struct loader *l, const cJSON *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void report_line(struct loader *l, const cJSON *node, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(l, node, false, fmt, ap);
	va_end(ap);
}

static const char *type_name(const cJSON *node)
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

/*
 * A value to quote in a message, at most 'size' - 1 bytes: a NUL becomes
 * '?' (other control characters are shown by diag_print(), termtext.h),
 * and a long text is cut at a character boundary and ends with "...".
 */
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

/* The number as the user wrote it ("1e999", "-5"), not as cJSON read it. */
static void number_text(const struct loader *l, const cJSON *node, char *buf, size_t size)
{
	struct jsonpos_loc loc;
	if (jsonpos_find(l->pos, node, &loc))
		quote_text(loc.value, loc.value_len, buf, size);
	else
		snprintf(buf, size, "%.17g", node->valuedouble);
}

static void string_text(const cJSON *node, char *buf, size_t size)
{
	quote_text(node->valuestring, strlen(node->valuestring), buf, size);
}

static bool is_repeat(const cJSON *object, const cJSON *member)
{
	for (const cJSON *m = object->child; m && m != member; m = m->next)
		if (strcmp(m->string, member->string) == 0)
			return true;
	return false;
}

/*
 * read_object: check that 'node' is an object whose keys are those of
 * 'spec', each at most once, with every required one present; found[i]
 * is then the member named spec[i].key, NULL when absent. Unknown and
 * repeated keys are reported where they stand, missing ones at the line
 * of the object. False (every found[i] NULL) when 'node' is not an
 * object at all.
 */
static bool read_object(struct loader *l, const cJSON *node, const struct key_spec *spec,
			size_t n, const cJSON **found)
{
	for (size_t i = 0; i < n; i++)
		found[i] = NULL;
	if (!cJSON_IsObject(node)) {
		report(l, node, "'%s' must be an object, not %s", l->path,
		       type_name(node));
		return false;
	}
	const cJSON *m;
	cJSON_ArrayForEach(m, node)
	{
		size_t mark = path_key(l, m->string);
		size_t i = 0;
		while (i < n && strcmp(spec[i].key, m->string) != 0)
			i++;
		if (is_repeat(node, m))
			report(l, m, "duplicate key '%s'", l->path);
		else if (i == n)
			report(l, m, "unknown key '%s'", l->path);
		else
			found[i] = m;
		path_pop(l, mark);
	}
	for (size_t i = 0; i < n; i++) {
		if (spec[i].required && !found[i]) {
			size_t mark = path_key(l, spec[i].key);
			report_line(l, node, "missing required key '%s'", l->path);
			path_pop(l, mark);
		}
	}
	return true;
}

/* read_string: a string, non-empty unless 'allow_empty', copied to the pool. */
static bool read_string(struct loader *l, const cJSON *node, bool allow_empty,
			const char **out)
{
	if (!cJSON_IsString(node)) {
		report(l, node, "'%s' must be a string, not %s", l->path,
		       type_name(node));
		return false;
	}
	if (!allow_empty && node->valuestring[0] == '\0') {
		report(l, node, "'%s' must not be empty", l->path);
		return false;
	}
	*out = strpool_dup(&l->s->pool, node->valuestring);
	return true;
}

static bool in_range(double v, enum range r)
{
	switch (r) {
	case RANGE_NON_NEGATIVE:
		return v >= 0;
	case RANGE_MONEY:
		return v >= 0 && v <= MONEY_MAX;
	case RANGE_SHARE:
		return v >= 0 && v <= 1;
	case RANGE_DISCOUNT:
		return v >= 0 && v < 1;
	case RANGE_ESCALATION:
		return v > -1 && v < 1;
	}
	return false;
}

/* read_number: a finite number in range 'r'. cJSON reads 1e999 as inf. */
static bool read_number(struct loader *l, const cJSON *node, enum range r, double *out)
{
	if (!cJSON_IsNumber(node)) {
		report(l, node, "'%s' must be %s, not %s", l->path, range_text[r],
		       type_name(node));
		return false;
	}
	char text[64];
	number_text(l, node, text, sizeof(text));
	if (!isfinite(node->valuedouble)) {
		report(l, node, "'%s' must be a finite number, not '%s'", l->path, text);
		return false;
	}
	if (!in_range(node->valuedouble, r)) {
		report(l, node, "'%s' must be %s, not '%s'", l->path, range_text[r],
		       text);
		return false;
	}
	/* -0 is zero: +0, so that no report prints "-0" (a budget, a rate). */
	*out = node->valuedouble + 0.0;
	return true;
}

static bool read_year(struct loader *l, const cJSON *node, int *out)
{
	static const char want[] = "a whole year from 1000 to 9999";
	if (!cJSON_IsNumber(node)) {
		report(l, node, "'%s' must be %s, not %s", l->path, want,
		       type_name(node));
		return false;
	}
	double v = node->valuedouble;
	if (!isfinite(v) || v != floor(v) || v < YEAR_MIN || v > YEAR_MAX) {
		char text[64];
		number_text(l, node, text, sizeof(text));
		report(l, node, "'%s' must be %s, not '%s'", l->path, want, text);
		return false;
	}
	*out = (int)v;
	return true;
}

static bool read_bool(struct loader *l, const cJSON *node, bool *out)
{
	if (!cJSON_IsBool(node)) {
		report(l, node, "'%s' must be true or false, not %s", l->path,
		       type_name(node));
		return false;
	}
	*out = cJSON_IsTrue(node);
	return true;
}

/* A key of a per-year number's object: exactly 4 digits, not starting with 0. */
static bool is_year_key(const char *key)
{
	if (strlen(key) != 4 || key[0] < '1' || key[0] > '9')
		return false;
	for (int i = 1; i < 4; i++)
		if (key[i] < '0' || key[i] > '9')
			return false;
	return true;
}

/*
 * read_per_year: a per-year number at 'node' (NULL when the key is absent):
 * a number for every year, or an object of "default" and 4-digit year
 * keys. Every value must be a finite number in range 'r'.
 *
 * With a valid horizon, '*out' becomes a fresh array of n_years values:
 * the year's own entry, else "default", else 'fallback' for that year (the
 * top-level crews of a region without its own value; may be NULL), else
 * INFINITY. Year keys outside the horizon are checked and then ignored:
 * a re-planned scenario keeps the entries of years already past.
 */
static void read_per_year(struct loader *l, const cJSON *node, const double *fallback,
			  enum range r, double **out)
{
	int n = l->have_horizon ? l->s->n_years : 0;
	double *years = l->have_horizon ? xmalloc((size_t)n * sizeof(*years)) : NULL;
	bool has_default = false;
	double def = INFINITY, v;
	for (int i = 0; i < n; i++)
		years[i] = NAN;

	if (!node) {
		/* absent: every year falls back */
	} else if (cJSON_IsNumber(node)) {
		if (read_number(l, node, r, &v)) {
			has_default = true;
			def = v;
		}
	} else if (cJSON_IsObject(node)) {
		const cJSON *m;
		cJSON_ArrayForEach(m, node)
		{
			size_t mark = path_key(l, m->string);
			if (is_repeat(node, m)) {
				report(l, m, "duplicate key '%s'", l->path);
			} else if (strcmp(m->string, "default") == 0) {
				if (read_number(l, m, r, &v)) {
					has_default = true;
					def = v;
				}
			} else if (is_year_key(m->string)) {
				if (read_number(l, m, r, &v) && years) {
					int yi = scenario_year_index(l->s,
								     atoi(m->string));
					if (yi >= 0)
						years[yi] = v;
				}
			} else {
				report(l, m,
				       "unknown key '%s': expected 'default' or a "
				       "4-digit year",
				       l->path);
			}
			path_pop(l, mark);
		}
	} else {
		report(l, node,
		       "'%s' must be %s or an object of per-year numbers, not %s",
		       l->path, range_text[r], type_name(node));
	}

	for (int i = 0; i < n; i++) {
		if (!isnan(years[i]))
			continue;
		years[i] = has_default ? def : fallback ? fallback[i] : INFINITY;
	}
	free(*out);
	*out = years;
}

/*
 * read_domain_values: an object from domain names to numbers in range
 * 'r' (unit_cost, site_cost, the object form of max_vendor_share). Returns
 * the valid entries, heap-allocated, with their count in '*count'.
 */
static struct domain_value *read_domain_values(struct loader *l, const cJSON *node,
					       enum range r, size_t *count)
{
	struct domain_value *list = NULL;
	size_t n = 0, alloc = 0;
	*count = 0;
	if (!cJSON_IsObject(node)) {
		report(l, node,
		       "'%s' must be an object of domain names to numbers, not %s",
		       l->path, type_name(node));
		return NULL;
	}
	const cJSON *m;
	cJSON_ArrayForEach(m, node)
	{
		double v;
		if (m->string[0] == '\0') {
			report(l, m, "empty domain name in '%s'", l->path);
			continue;
		}
		size_t mark = path_key(l, m->string);
		if (is_repeat(node, m)) {
			report(l, m, "duplicate key '%s'", l->path);
		} else if (read_number(l, m, r, &v)) {
			ARRAY_GROW(list, n, alloc);
			list[n++] = (struct domain_value){
				.domain = strpool_dup(&l->s->pool, m->string),
				.value = v,
				.line = line_of(l, m),
			};
		}
		path_pop(l, mark);
	}
	*count = n;
	return list;
}

static void read_format(struct loader *l, const cJSON *node)
{
	const char *format;
	if (!read_string(l, node, true, &format))
		return;
	if (strcmp(format, SCENARIO_FORMAT) != 0) {
		char text[80];
		string_text(node, text, sizeof(text));
		report(l, node, "'%s' must be '%s', not '%s'", l->path, SCENARIO_FORMAT,
		       text);
	}
}

/* The currency names money in reports: an ISO 4217 code, three capitals. */
static void read_currency(struct loader *l, const cJSON *node)
{
	const char *c;
	if (!read_string(l, node, true, &c))
		return;
	if (strlen(c) != 3 || strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3) {
		char text[80];
		string_text(node, text, sizeof(text));
		report(l, node,
		       "'%s' must be a 3-letter ISO 4217 code such as 'GBP', not '%s'",
		       l->path, text);
		return;
	}
	l->s->currency = c;
}

static void read_horizon(struct loader *l, const cJSON *node)
{
	static const struct key_spec keys[] = {{"start", true}, {"end", true}};
	const cJSON *f[2];
	if (!read_object(l, node, keys, 2, f))
		return;
	int start = 0, end = 0;
	bool ok = true;
	for (int i = 0; i < 2; i++) {
		if (!f[i]) {
			ok = false;
			continue;
		}
		size_t mark = path_key(l, keys[i].key);
		ok &= read_year(l, f[i], i == 0 ? &start : &end);
		path_pop(l, mark);
	}
	if (!ok)
		return;
	if (end < start) {
		report(l, f[1], "'horizon.end' must be >= 'horizon.start' %d, not '%d'",
		       start, end);
		return;
	}
	if (end - start + 1 > SCENARIO_MAX_YEARS) {
		report(l, node, "'horizon' must span at most %d years, not %d (%d to %d)",
		       SCENARIO_MAX_YEARS, end - start + 1, start, end);
		return;
	}
	l->s->start = start;
	l->s->end = end;
	l->s->n_years = end - start + 1;
	l->have_horizon = true;
}

/*
 * The sites path is relative to the JSON file's folder, which is the
 * prefix of 'file' up to its last '/'; absolute paths stay as they are.
 */
static void read_sites(struct loader *l, const cJSON *node)
{
	const char *value;
	if (!read_string(l, node, false, &value))
		return;
	const char *slash = strrchr(l->file, '/');
	free(l->s->sites_path);
	if (value[0] == '/' || !slash)
		l->s->sites_path = xstrdup(value);
	else
		l->s->sites_path =
			xasprintf("%.*s%s", (int)(slash - l->file + 1), l->file, value);
}

static void read_high_risk_vendors(struct loader *l, const cJSON *node)
{
	struct scenario *s = l->s;
	if (!cJSON_IsArray(node)) {
		report(l, node, "'%s' must be an array of vendor names, not %s", l->path,
		       type_name(node));
		return;
	}
	size_t count = (size_t)cJSON_GetArraySize(node);
	if (count == 0) {
		report(l, node, "'%s' must name at least one vendor", l->path);
		return;
	}
	s->high_risk_vendors = xcalloc(count, sizeof(*s->high_risk_vendors));
	size_t i = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, node)
	{
		const char *name;
		size_t mark = path_index(l, i++);
		if (read_string(l, e, false, &name)) {
			if (scenario_is_high_risk_vendor(s, name)) {
				char text[80];
				string_text(e, text, sizeof(text));
				report(l, e,
				       "duplicate vendor '%s' in 'high_risk_vendors'",
				       text);
			} else {
				s->high_risk_vendors[s->n_high_risk_vendors++] = name;
			}
		}
		path_pop(l, mark);
	}
}

/*
 * One trusted vendor. It joins s->vendors only with a valid name, so that
 * scenario_find_vendor() can find repeated names; its other fields are
 * checked either way.
 */
static void read_vendor(struct loader *l, const cJSON *node, size_t *alloc)
{
	static const struct key_spec keys[] = {
		{"name", true},
		{"unit_cost", true},
		{"capacity", false},
	};
	struct scenario *s = l->s;
	const cJSON *f[3];
	if (!read_object(l, node, keys, 3, f))
		return;
	struct trusted_vendor v = {.line = line_of(l, node)};
	bool named = false;
	size_t mark;
	if (f[0]) {
		mark = path_key(l, "name");
		named = read_string(l, f[0], false, &v.name);
		path_pop(l, mark);
	}
	if (f[1]) {
		mark = path_key(l, "unit_cost");
		v.unit_cost = read_domain_values(l, f[1], RANGE_MONEY, &v.n_unit_cost);
		path_pop(l, mark);
	}
	mark = path_key(l, "capacity");
	read_per_year(l, f[2], NULL, RANGE_NON_NEGATIVE, &v.capacity);
	path_pop(l, mark);

	if (!named) {
		free(v.unit_cost);
		free(v.capacity);
		return;
	}
	char text[80];
	string_text(f[0], text, sizeof(text));
	if (scenario_find_vendor(s, v.name) >= 0) {
		report(l, f[0], "duplicate vendor '%s' in 'vendors'", text);
		free(v.unit_cost);
		free(v.capacity);
		return;
	}
	if (scenario_is_high_risk_vendor(s, v.name))
		report(l, f[0],
		       "vendor '%s' is listed both in 'high_risk_vendors' and in "
		       "'vendors'",
		       text);
	ARRAY_GROW(s->vendors, s->n_vendors, *alloc);
	s->vendors[s->n_vendors++] = v;
}

static void read_vendors(struct loader *l, const cJSON *node)
{
	if (!cJSON_IsArray(node)) {
		report(l, node, "'%s' must be an array of vendor objects, not %s",
		       l->path, type_name(node));
		return;
	}
	size_t i = 0, alloc = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, node)
	{
		size_t mark = path_index(l, i++);
		read_vendor(l, e, &alloc);
		path_pop(l, mark);
	}
}

static void read_deadline(struct loader *l, const cJSON *node, size_t *alloc)
{
	static const struct key_spec keys[] = {{"domain", true}, {"year", true}};
	const cJSON *f[2];
	if (!read_object(l, node, keys, 2, f))
		return;
	struct deadline_rule rule = {.line = line_of(l, node)};
	bool ok = f[0] && f[1];
	size_t mark;
	if (f[0]) {
		mark = path_key(l, "domain");
		ok &= read_string(l, f[0], false, &rule.domain);
		path_pop(l, mark);
	}
	if (f[1]) {
		mark = path_key(l, "year");
		ok &= read_year(l, f[1], &rule.year);
		path_pop(l, mark);
	}
	if (!ok)
		return;
	if (strcmp(rule.domain, "*") == 0)
		rule.domain = NULL;
	struct scenario *s = l->s;
	ARRAY_GROW(s->deadlines, s->n_deadlines, *alloc);
	s->deadlines[s->n_deadlines++] = rule;
}

/*
 * A cap's "domain": one name, "*" for every domain (n_domains = 0), or a
 * list of names. In a list, "*" would be ambiguous and a repeated name a
 * likely typo, so both are refused.
 */
static bool read_cap_domains(struct loader *l, const cJSON *node,
			     struct share_cap_rule *rule)
{
	const char *name;
	if (cJSON_IsString(node)) {
		if (!read_string(l, node, false, &name))
			return false;
		if (strcmp(name, "*") != 0) {
			rule->domains = xmalloc(sizeof(*rule->domains));
			rule->domains[rule->n_domains++] = name;
		}
		return true;
	}
	if (!cJSON_IsArray(node)) {
		report(l, node,
		       "'%s' must be a domain name, an array of domain names or '*', not "
		       "%s",
		       l->path, type_name(node));
		return false;
	}
	size_t count = (size_t)cJSON_GetArraySize(node);
	if (count == 0) {
		report(l, node, "'%s' must list at least one domain", l->path);
		return false;
	}
	rule->domains = xcalloc(count, sizeof(*rule->domains));
	bool ok = true;
	size_t i = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, node)
	{
		size_t mark = path_index(l, i++);
		if (!read_string(l, e, false, &name)) {
			ok = false;
		} else if (strcmp(name, "*") == 0) {
			report(l, e,
			       "'%s' is '*', which must stand alone, not in an array",
			       l->path);
			ok = false;
		} else {
			bool repeated = false;
			for (size_t k = 0; k < rule->n_domains; k++)
				repeated |= strcmp(rule->domains[k], name) == 0;
			if (repeated) {
				char text[80];
				string_text(e, text, sizeof(text));
				report(l, e, "duplicate domain '%s' in '%.*s'", text,
				       (int)mark, l->path);
				ok = false;
			} else {
				rule->domains[rule->n_domains++] = name;
			}
		}
		path_pop(l, mark);
	}
	return ok;
}

static void read_share_cap(struct loader *l, const cJSON *node, size_t *alloc)
{
	static const struct key_spec keys[] = {
		{"domain", true},
		{"year", true},
		{"max_share", true},
		{"region", false},
	};
	const cJSON *f[4];
	if (!read_object(l, node, keys, 4, f))
		return;
	struct share_cap_rule rule = {.line = line_of(l, node)};
	bool ok = f[0] && f[1] && f[2];
	size_t mark;
	if (f[0]) {
		mark = path_key(l, "domain");
		ok &= read_cap_domains(l, f[0], &rule);
		path_pop(l, mark);
	}
	if (f[1]) {
		mark = path_key(l, "year");
		ok &= read_year(l, f[1], &rule.year);
		path_pop(l, mark);
	}
	if (f[2]) {
		mark = path_key(l, "max_share");
		ok &= read_number(l, f[2], RANGE_SHARE, &rule.max_share);
		path_pop(l, mark);
	}
	if (f[3]) {
		mark = path_key(l, "region");
		ok &= read_string(l, f[3], false, &rule.region);
		path_pop(l, mark);
	}
	if (!ok) {
		free(rule.domains);
		return;
	}
	struct scenario *s = l->s;
	ARRAY_GROW(s->caps, s->n_caps, *alloc);
	s->caps[s->n_caps++] = rule;
}

/* read_rules: the elements of the "deadlines" or "share_caps" array. */
static void read_rules(struct loader *l, const cJSON *node,
		       void (*read_one)(struct loader *, const cJSON *, size_t *))
{
	if (!cJSON_IsArray(node)) {
		report(l, node, "'%s' must be an array of objects, not %s", l->path,
		       type_name(node));
		return;
	}
	size_t i = 0, alloc = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, node)
	{
		size_t mark = path_index(l, i++);
		read_one(l, e, &alloc);
		path_pop(l, mark);
	}
}

static void read_max_vendor_share(struct loader *l, const cJSON *node)
{
	struct scenario *s = l->s;
	if (cJSON_IsObject(node)) {
		s->vendor_share =
			read_domain_values(l, node, RANGE_SHARE, &s->n_vendor_share);
		return;
	}
	if (!cJSON_IsNumber(node)) {
		report(l, node,
		       "'%s' must be a number in [0, 1] or an object of domain names to "
		       "numbers, not %s",
		       l->path, type_name(node));
		return;
	}
	read_number(l, node, RANGE_SHARE, &s->vendor_share_all);
}

/*
 * crews: a per-year number for every region, or the regional form
 * {"default": per-year, "regions": {name: per-year}}, told apart by the
 * "regions" key. Each region is resolved in full: its year, its own
 * "default", then the top-level default for that year, then unlimited.
 * crews_default is always allocated with a valid horizon.
 */
static void read_crews(struct loader *l, const cJSON *node)
{
	static const struct key_spec keys[] = {{"default", false}, {"regions", true}};
	struct scenario *s = l->s;
	if (!cJSON_IsObject(node) || !cJSON_GetObjectItemCaseSensitive(node, "regions")) {
		read_per_year(l, node, NULL, RANGE_NON_NEGATIVE, &s->crews_default);
		return;
	}
	const cJSON *f[2];
	read_object(l, node, keys, 2, f);
	size_t mark = path_key(l, "default");
	read_per_year(l, f[0], NULL, RANGE_NON_NEGATIVE, &s->crews_default);
	path_pop(l, mark);

	mark = path_key(l, "regions");
	const cJSON *regions = f[1];
	if (regions && !cJSON_IsObject(regions)) {
		report(l, regions,
		       "'%s' must be an object of region names to per-year numbers, not "
		       "%s",
		       l->path, type_name(regions));
		regions = NULL;
	}
	size_t alloc = 0;
	const cJSON *m;
	cJSON_ArrayForEach(m, regions)
	{
		if (m->string[0] == '\0') {
			report(l, m, "empty region name in '%s'", l->path);
			continue;
		}
		size_t inner = path_key(l, m->string);
		if (is_repeat(regions, m)) {
			report(l, m, "duplicate key '%s'", l->path);
		} else {
			struct region_crews rc = {
				.region = strpool_dup(&s->pool, m->string),
				.line = line_of(l, m),
			};
			read_per_year(l, m, s->crews_default, RANGE_NON_NEGATIVE,
				      &rc.per_year);
			ARRAY_GROW(s->crews_regions, s->n_crews_regions, alloc);
			s->crews_regions[s->n_crews_regions++] = rc;
		}
		path_pop(l, inner);
	}
	path_pop(l, mark);
}

static void read_objective(struct loader *l, const cJSON *node)
{
	const char *value;
	if (!read_string(l, node, true, &value))
		return;
	if (strcmp(value, "exposure") == 0) {
		l->s->objective = OBJECTIVE_EXPOSURE;
	} else if (strcmp(value, "cost") == 0) {
		l->s->objective = OBJECTIVE_COST;
	} else {
		char text[80];
		string_text(node, text, sizeof(text));
		report(l, node, "'%s' must be 'exposure' or 'cost', not '%s'", l->path,
		       text);
	}
}

enum root_key {
	K_FORMAT,
	K_NAME,
	K_DESCRIPTION,
	K_CURRENCY,
	K_HORIZON,
	K_SITES,
	K_HIGH_RISK_VENDORS,
	K_VENDORS,
	K_SITE_COST,
	K_BUDGET,
	K_CARRY_OVER,
	K_DISCOUNT_RATE,
	K_COST_ESCALATION,
	K_DEADLINES,
	K_SHARE_CAPS,
	K_MAX_VENDOR_SHARE,
	K_CREWS,
	K_OBJECTIVE,
	K_COUNT
};

static const struct key_spec root_keys[K_COUNT] = {
	[K_FORMAT] = {"format", true},
	[K_NAME] = {"name", true},
	[K_DESCRIPTION] = {"description", false},
	[K_CURRENCY] = {"currency", false},
	[K_HORIZON] = {"horizon", true},
	[K_SITES] = {"sites", true},
	[K_HIGH_RISK_VENDORS] = {"high_risk_vendors", true},
	[K_VENDORS] = {"vendors", true},
	[K_SITE_COST] = {"site_cost", false},
	[K_BUDGET] = {"budget", false},
	[K_CARRY_OVER] = {"carry_over", false},
	[K_DISCOUNT_RATE] = {"discount_rate", false},
	[K_COST_ESCALATION] = {"cost_escalation", false},
	[K_DEADLINES] = {"deadlines", false},
	[K_SHARE_CAPS] = {"share_caps", false},
	[K_MAX_VENDOR_SHARE] = {"max_vendor_share", false},
	[K_CREWS] = {"crews", false},
	[K_OBJECTIVE] = {"objective", false},
};

/*
 * The keys are read in the order of root_keys, not of the file: the
 * horizon must be known before per-year numbers are resolved, and the
 * high-risk vendors before the trusted ones are checked against them.
 * Per-year arrays (budget, capacities, crews) are allocated even when
 * their key is absent, so that users of a loaded scenario never see NULL.
 */
static void read_root(struct loader *l, const cJSON *root)
{
	struct scenario *s = l->s;
	if (!cJSON_IsObject(root)) {
		report(l, root, "the scenario must be a JSON object, not %s",
		       type_name(root));
		return;
	}
	const cJSON *f[K_COUNT];
	read_object(l, root, root_keys, K_COUNT, f);
	for (int k = 0; k < K_COUNT; k++) {
		const cJSON *node = f[k];
		size_t mark = path_key(l, root_keys[k].key);
		switch ((enum root_key)k) {
		case K_FORMAT:
			if (node)
				read_format(l, node);
			break;
		case K_NAME:
			if (node)
				read_string(l, node, false, &s->name);
			break;
		case K_DESCRIPTION:
			if (node)
				read_string(l, node, true, &s->description);
			break;
		case K_CURRENCY:
			if (node)
				read_currency(l, node);
			break;
		case K_HORIZON:
			if (node)
				read_horizon(l, node);
			break;
		case K_SITES:
			if (node)
				read_sites(l, node);
			break;
		case K_HIGH_RISK_VENDORS:
			if (node)
				read_high_risk_vendors(l, node);
			break;
		case K_VENDORS:
			if (node)
				read_vendors(l, node);
			break;
		case K_SITE_COST:
			if (node)
				s->site_cost = read_domain_values(l, node, RANGE_MONEY,
								  &s->n_site_cost);
			break;
		case K_BUDGET:
			read_per_year(l, node, NULL, RANGE_MONEY, &s->budget);
			break;
		case K_CARRY_OVER:
			if (node)
				read_bool(l, node, &s->carry_over);
			break;
		case K_DISCOUNT_RATE:
			if (node)
				read_number(l, node, RANGE_DISCOUNT, &s->discount_rate);
			break;
		case K_COST_ESCALATION:
			if (node)
				read_number(l, node, RANGE_ESCALATION,
					    &s->cost_escalation);
			break;
		case K_DEADLINES:
			if (node)
				read_rules(l, node, read_deadline);
			break;
		case K_SHARE_CAPS:
			if (node)
				read_rules(l, node, read_share_cap);
			break;
		case K_MAX_VENDOR_SHARE:
			if (node)
				read_max_vendor_share(l, node);
			break;
		case K_CREWS:
			read_crews(l, node);
			break;
		case K_OBJECTIVE:
			if (node)
				read_objective(l, node);
			break;
		case K_COUNT:
			break;
		}
		path_pop(l, mark);
	}
}

/*
 * The text is checked twice: jsonpos_scan() is the strict check, with a
 * precise position, and the position index; cJSON builds the tree. A text
 * cJSON refuses but the scan accepted (it should not happen) still gets
 * cJSON's position.
 */
bool scenario_load_json(struct scenario *s, const char *path, struct diag *d)
{
	size_t before = diag_count(d);
	free(s->json_path);
	s->json_path = xstrdup(path);

	char *text;
	size_t len;
	const char *why;
	if (!readfile_all(path, &text, &len, &why)) {
		diag_add(d, path, 0, 0, "cannot read: %s", why);
		return false;
	}
	struct jsonpos_error err;
	struct jsonpos *pos = jsonpos_scan(text, len, &err);
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(text, &end, true);
	if (!pos) {
		diag_add(d, path, err.line, err.column, "%s", err.message);
	} else if (!root) {
		unsigned line, column;
		jsonpos_locate(text, end ? (size_t)(end - text) : 0, &line, &column);
		diag_add(d, path, line, column, "malformed JSON");
	} else {
		jsonpos_attach(pos, root);
		struct loader l = {.s = s, .d = d, .file = path, .pos = pos};
		path_append(&l, "", 0);
		read_root(&l, root);
		free(l.path);
	}
	cJSON_Delete(root);
	jsonpos_destroy(pos);
	free(text);
	return diag_count(d) == before;
}
