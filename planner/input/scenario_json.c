#include "input/scenario_json.h"

#include <cjson/cJSON.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "input/date_text.h"
#include "input/funds.h"
#include "input/json_doc.h"
#include "input/json_schema.h"
#include "input/per_year.h"
#include "util/did_you_mean.h"
#include "util/money.h"
#include "util/period.h"
#include "util/xalloc.h"

/*
 * What loading needs at hand: the scenario being filled, the schema reader
 * (where problems go, where nodes are in the text, and the path of the key
 * being read, which every message names), whether the horizon is known,
 * and what the format allows: version 2 keys ('v2': the file says version
 * 2, or its format is unknown, so its keys are read as version 2's); a
 * version 2 key in a file that says version 1 is an error ('needs_2').
 */
struct loader {
	struct scenario *s;
	struct json_schema r;
	bool have_horizon;
	bool v2, needs_2;
	bool periods_given;
	int per_year; /* 0 when 'periods' is invalid */
};

/* The numbers scenario.json holds (MONEY_MAX: money.h). */
static const struct json_number non_negative = {
	.min = 0, .max = INFINITY, .text = "a number >= 0"};
static const struct json_number money = {
	.min = 0, .max = MONEY_MAX, .text = "a number in [0, 1e15]"};
static const struct json_number share = {
	.min = 0, .max = 1, .text = "a number in [0, 1]"};
static const struct json_number discount = {
	.min = 0, .max = 1, .max_open = true, .text = "a number in [0, 1)"};
static const struct json_number escalation = {.min = -1,
					      .max = 1,
					      .min_open = true,
					      .max_open = true,
					      .text = "a number in (-1, 1)"};

/* read_string: a string, non-empty unless 'allow_empty', copied to the pool. */
static bool read_string(struct loader *l, const cJSON *node, bool allow_empty,
			const char **out)
{
	if (!json_schema_string(&l->r, node, allow_empty, out))
		return false;
	*out = strpool_dup(&l->s->pool, *out);
	return true;
}

/*
 * read_per_year: a per-year number at 'node' (NULL when the key is absent)
 * with its period keys (per_year.h); '*years' falls back on 'fallback'
 * (the top-level crews of a region without its own value; may be NULL)
 * and '*periods' on 'fallback_period'.
 */
static void read_per_year(struct loader *l, const cJSON *node, const double *fallback,
			  const double *fallback_period, const struct json_number *r,
			  double **years, double **periods)
{
	struct per_year_frame f = {
		.start = l->s->start,
		.n_years = l->have_horizon ? l->s->n_years : 0,
		.per_year = l->per_year,
		.periods_given = l->periods_given,
		.period_keys = l->v2,
		.needs_2 = l->needs_2,
	};
	per_year_read(&l->r, node, &f, fallback, fallback_period, r, years, periods);
}

/*
 * version_2: whether 'node', a key of version 2, may be read: in a file
 * that says version 1 it is an error naming the key.
 */
static bool version_2(struct loader *l, const cJSON *node)
{
	if (!l->needs_2)
		return true;
	json_schema_report(&l->r, node, "'%s' " SCENARIO_NEEDS_2, l->r.path);
	return false;
}

/*
 * read_domain_values: an object from domain names to numbers in range
 * 'r' (unit_cost, site_cost, the object form of max_vendor_share). Returns
 * the valid entries, heap-allocated, with their count in '*count'.
 */
static struct domain_value *read_domain_values(struct loader *l, const cJSON *node,
					       const struct json_number *r, size_t *count)
{
	struct domain_value *list = NULL;
	size_t n = 0, alloc = 0;
	*count = 0;
	if (!cJSON_IsObject(node)) {
		json_schema_report(
			&l->r, node,
			"'%s' must be an object of domain names to numbers, not %s",
			l->r.path, json_schema_type_name(node));
		return NULL;
	}
	const cJSON *m;
	cJSON_ArrayForEach(m, node)
	{
		double v;
		if (m->string[0] == '\0') {
			json_schema_report(&l->r, m, "empty domain name in '%s'",
					   l->r.path);
			continue;
		}
		size_t mark = json_schema_key(&l->r, m->string);
		if (json_schema_is_repeat(node, m)) {
			json_schema_report(&l->r, m, "duplicate key '%s'", l->r.path);
		} else if (json_schema_number(&l->r, m, r, &v)) {
			ARRAY_GROW(list, n, alloc);
			list[n++] = (struct domain_value){
				.domain = strpool_dup(&l->s->pool, m->string),
				.value = v,
				.line = json_schema_line(&l->r, m),
			};
		}
		json_schema_pop(&l->r, mark);
	}
	*count = n;
	return list;
}

/*
 * The format decides what the other keys may be, so it is read first. A
 * file whose format is missing or unknown is read as version 2, the
 * larger of the two, without telling it that a key needs version 2: the
 * format's own error says what to fix.
 */
static void read_format(struct loader *l, const cJSON *node)
{
	const char *format;
	if (!node || !read_string(l, node, true, &format))
		return;
	if (strcmp(format, SCENARIO_FORMAT) == 0) {
		l->s->format_version = 1;
		l->v2 = false;
		l->needs_2 = true;
	} else if (strcmp(format, SCENARIO_FORMAT_2) == 0) {
		l->s->format_version = 2;
	} else {
		char text[80];
		json_schema_string_text(node, text, sizeof(text));
		json_schema_report(&l->r, node, "'%s' must be '%s' or '%s', not '%s'",
				   l->r.path, SCENARIO_FORMAT, SCENARIO_FORMAT_2, text);
	}
}

/* periods: the planning period (util/period.h), "year" by default. */
static void read_periods(struct loader *l, const cJSON *node)
{
	const char *value;
	if (!version_2(l, node))
		return;
	l->periods_given = true;
	if (!read_string(l, node, true, &value)) {
		l->per_year = 0;
		return;
	}
	l->per_year = period_kind_parse(value);
	if (l->per_year) {
		l->s->periods_per_year = l->per_year;
		return;
	}
	char text[80];
	json_schema_string_text(node, text, sizeof(text));
	json_schema_report(&l->r, node,
			   "'%s' must be 'year', 'half', 'quarter' or 'month', not '%s'",
			   l->r.path, text);
}

/* The currency names money in reports: an ISO 4217 code, three capitals. */
static void read_currency(struct loader *l, const cJSON *node)
{
	const char *c;
	if (!read_string(l, node, true, &c))
		return;
	if (strlen(c) != 3 || strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3) {
		char text[80];
		json_schema_string_text(node, text, sizeof(text));
		json_schema_report(
			&l->r, node,
			"'%s' must be a 3-letter ISO 4217 code such as 'GBP', not '%s'",
			l->r.path, text);
		return;
	}
	l->s->currency = c;
}

static void read_horizon(struct loader *l, const cJSON *node)
{
	static const struct json_key keys[] = {{"start", true}, {"end", true}};
	const cJSON *f[2];
	if (!json_schema_object(&l->r, node, keys, 2, f))
		return;
	int start = 0, end = 0;
	bool ok = true;
	for (int i = 0; i < 2; i++) {
		if (!f[i]) {
			ok = false;
			continue;
		}
		size_t mark = json_schema_key(&l->r, keys[i].key);
		ok &= json_schema_year(&l->r, f[i], i == 0 ? &start : &end);
		json_schema_pop(&l->r, mark);
	}
	if (!ok)
		return;
	if (end < start) {
		json_schema_report(
			&l->r, f[1],
			"'horizon.end' must be >= 'horizon.start' %d, not '%d'", start,
			end);
		return;
	}
	if (end - start + 1 > SCENARIO_MAX_YEARS) {
		json_schema_report(
			&l->r, node,
			"'horizon' must span at most %d years, not %d (%d to %d)",
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
static char *input_path(const struct loader *l, const char *value)
{
	const char *slash = strrchr(l->r.file, '/');
	if (value[0] == '/' || !slash)
		return xstrdup(value);
	return xasprintf("%.*s%s", (int)(slash - l->r.file + 1), l->r.file, value);
}

static void read_sites(struct loader *l, const cJSON *node)
{
	const char *value;
	if (!read_string(l, node, false, &value))
		return;
	free(l->s->sites_path);
	l->s->sites_path = input_path(l, value);
}

/* fixed: the ledger's path, relative to the JSON file's folder as the
 * sites' path is (ledger.c reads it). */
static void read_fixed(struct loader *l, const cJSON *node)
{
	const char *value;
	if (!version_2(l, node))
		return;
	json_schema_at(&l->r, node, &l->s->fixed_at.line, &l->s->fixed_at.column);
	if (!read_string(l, node, false, &value))
		return;
	free(l->s->fixed_path);
	l->s->fixed_path = input_path(l, value);
}

static void read_high_risk_vendors(struct loader *l, const cJSON *node)
{
	struct scenario *s = l->s;
	if (!cJSON_IsArray(node)) {
		json_schema_report(&l->r, node,
				   "'%s' must be an array of vendor names, not %s",
				   l->r.path, json_schema_type_name(node));
		return;
	}
	size_t count = (size_t)cJSON_GetArraySize(node);
	if (count == 0) {
		json_schema_report(&l->r, node, "'%s' must name at least one vendor",
				   l->r.path);
		return;
	}
	s->high_risk_vendors = xcalloc(count, sizeof(*s->high_risk_vendors));
	size_t i = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, node)
	{
		const char *name;
		size_t mark = json_schema_index(&l->r, i++);
		if (read_string(l, e, false, &name)) {
			if (scenario_is_high_risk_vendor(s, name)) {
				char text[80];
				json_schema_string_text(e, text, sizeof(text));
				json_schema_report(
					&l->r, e,
					"duplicate vendor '%s' in 'high_risk_vendors'",
					text);
			} else {
				s->high_risk_vendors[s->n_high_risk_vendors++] = name;
			}
		}
		json_schema_pop(&l->r, mark);
	}
}

/*
 * One trusted vendor. It joins s->vendors only with a valid name, so that
 * scenario_find_vendor() can find repeated names; its other fields are
 * checked either way.
 */
static void read_vendor(struct loader *l, const cJSON *node, size_t *alloc)
{
	static const struct json_key keys[] = {
		{"name", true},
		{"unit_cost", true},
		{"capacity", false},
	};
	struct scenario *s = l->s;
	const cJSON *f[3];
	if (!json_schema_object(&l->r, node, keys, 3, f))
		return;
	struct trusted_vendor v = {.line = json_schema_line(&l->r, node)};
	bool named = false;
	size_t mark;
	if (f[0]) {
		mark = json_schema_key(&l->r, "name");
		named = read_string(l, f[0], false, &v.name);
		json_schema_pop(&l->r, mark);
	}
	if (f[1]) {
		mark = json_schema_key(&l->r, "unit_cost");
		v.unit_cost = read_domain_values(l, f[1], &money, &v.n_unit_cost);
		json_schema_pop(&l->r, mark);
	}
	mark = json_schema_key(&l->r, "capacity");
	read_per_year(l, f[2], NULL, NULL, &non_negative, &v.capacity,
		      &v.capacity_period);
	json_schema_pop(&l->r, mark);

	if (!named) {
		free(v.unit_cost);
		free(v.capacity);
		free(v.capacity_period);
		return;
	}
	char text[80];
	json_schema_string_text(f[0], text, sizeof(text));
	if (scenario_find_vendor(s, v.name) >= 0) {
		json_schema_report(&l->r, f[0], "duplicate vendor '%s' in 'vendors'",
				   text);
		free(v.unit_cost);
		free(v.capacity);
		free(v.capacity_period);
		return;
	}
	/* sites.csv's allowed_vendors separates names with ';'. */
	if (l->v2 && strchr(v.name, ';')) {
		mark = json_schema_key(&l->r, "name");
		json_schema_report(&l->r, f[0],
				   "'%s' must not contain ';' (it separates the names "
				   "in allowed_vendors), not '%s'",
				   l->r.path, text);
		json_schema_pop(&l->r, mark);
	}
	if (scenario_is_high_risk_vendor(s, v.name))
		json_schema_report(
			&l->r, f[0],
			"vendor '%s' is listed both in 'high_risk_vendors' and in "
			"'vendors'",
			text);
	ARRAY_GROW(s->vendors, s->n_vendors, *alloc);
	s->vendors[s->n_vendors++] = v;
}

static void read_vendors(struct loader *l, const cJSON *node)
{
	if (!cJSON_IsArray(node)) {
		json_schema_report(&l->r, node,
				   "'%s' must be an array of vendor objects, not %s",
				   l->r.path, json_schema_type_name(node));
		return;
	}
	size_t i = 0, alloc = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, node)
	{
		size_t mark = json_schema_index(&l->r, i++);
		read_vendor(l, e, &alloc);
		json_schema_pop(&l->r, mark);
	}
}

/*
 * A dated rule's date (deadlines[].date, share_caps[].date): a string
 * YYYY-MM-DD, a real calendar date, or a bare year YYYY, which means 31
 * December (date_text.h).
 */
static bool read_deadline_date(struct loader *l, const cJSON *node, struct date *out)
{
	if (!cJSON_IsString(node)) {
		json_schema_report(&l->r, node,
				   "'%s' must be a date 'YYYY-MM-DD' or a year 'YYYY' "
				   "as a string, not %s",
				   l->r.path, json_schema_type_name(node));
		return false;
	}
	enum date_text what = date_text_parse(node->valuestring, out);
	if (what == DATE_TEXT_OK || what == DATE_TEXT_YEAR)
		return true;
	char text[80];
	json_schema_string_text(node, text, sizeof(text));
	if (what == DATE_TEXT_NOT_REAL)
		json_schema_report(&l->r, node,
				   "'%s' must be a real calendar date, not '%s'",
				   l->r.path, text);
	else
		json_schema_report(&l->r, node,
				   "'%s' must be a date 'YYYY-MM-DD' or a year 'YYYY', "
				   "not '%s'",
				   l->r.path, text);
	return false;
}

/*
 * When a rule binds: exactly one of "year" and "date" (the key tables
 * make "year" required in version 1, where "date" is an error). Reports
 * what is wrong at the rule's line or at its "date".
 */
static bool read_when(struct loader *l, const cJSON *rule, const cJSON *year,
		      const cJSON *date, struct rule_when *when, int *year_out)
{
	bool ok = true;
	size_t mark;
	if (year) {
		mark = json_schema_key(&l->r, "year");
		ok &= json_schema_year(&l->r, year, year_out);
		json_schema_pop(&l->r, mark);
	}
	if (!date) {
		if (!year && l->v2)
			json_schema_report_line(&l->r, rule,
						"missing required key '%s.year' or "
						"'%s.date'",
						l->r.path, l->r.path);
		return ok && year;
	}
	mark = json_schema_key(&l->r, "date");
	if (!version_2(l, date)) {
		ok = false;
	} else if (year) {
		json_schema_report(&l->r, date,
				   "'%.*s' gives both 'year' and 'date': give one of "
				   "the two",
				   (int)mark, l->r.path);
		ok = false;
	} else if (read_deadline_date(l, date, &when->date)) {
		when->dated = true;
		when->year = when->date.year;
		*year_out = when->date.year;
	} else {
		ok = false;
	}
	json_schema_pop(&l->r, mark);
	return ok;
}

/* A version 2 key of a rule that sites.csv resolves: its text, where it is. */
static bool read_region_key(struct loader *l, const cJSON *node, const char **out,
			    struct input_at *at)
{
	size_t mark = json_schema_key(&l->r, "region");
	bool ok = version_2(l, node) && read_string(l, node, false, out);
	json_schema_at(&l->r, node, &at->line, &at->column);
	json_schema_pop(&l->r, mark);
	return ok;
}

/* The keys of a deadline: "year" is required in version 1 only. */
enum deadline_key { D_DOMAIN, D_YEAR, D_DATE, D_REGION, D_COUNT };
static const struct json_key deadline_keys_1[D_COUNT] = {
	[D_DOMAIN] = {"domain", true},
	[D_YEAR] = {"year", true},
	[D_DATE] = {"date", false},
	[D_REGION] = {"region", false},
};
static const struct json_key deadline_keys_2[D_COUNT] = {
	[D_DOMAIN] = {"domain", true},
	[D_YEAR] = {"year", false},
	[D_DATE] = {"date", false},
	[D_REGION] = {"region", false},
};

static void read_deadline(struct loader *l, const cJSON *node, size_t *alloc)
{
	const cJSON *f[D_COUNT];
	if (!json_schema_object(&l->r, node, l->v2 ? deadline_keys_2 : deadline_keys_1,
				D_COUNT, f))
		return;
	struct deadline_rule rule = {.line = json_schema_line(&l->r, node)};
	bool ok = f[D_DOMAIN];
	size_t mark;
	if (f[D_DOMAIN]) {
		mark = json_schema_key(&l->r, "domain");
		ok &= read_string(l, f[D_DOMAIN], false, &rule.domain);
		json_schema_pop(&l->r, mark);
	}
	ok &= read_when(l, node, f[D_YEAR], f[D_DATE], &rule.when, &rule.year);
	if (f[D_REGION])
		ok &= read_region_key(l, f[D_REGION], &rule.region_name, &rule.region_at);
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
		json_schema_report(&l->r, node,
				   "'%s' must be a domain name, an array of domain names "
				   "or '*', not "
				   "%s",
				   l->r.path, json_schema_type_name(node));
		return false;
	}
	size_t count = (size_t)cJSON_GetArraySize(node);
	if (count == 0) {
		json_schema_report(&l->r, node, "'%s' must list at least one domain",
				   l->r.path);
		return false;
	}
	rule->domains = xcalloc(count, sizeof(*rule->domains));
	bool ok = true;
	size_t i = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, node)
	{
		size_t mark = json_schema_index(&l->r, i++);
		if (!read_string(l, e, false, &name)) {
			ok = false;
		} else if (strcmp(name, "*") == 0) {
			json_schema_report(
				&l->r, e,
				"'%s' is '*', which must stand alone, not in an array",
				l->r.path);
			ok = false;
		} else {
			bool repeated = false;
			for (size_t k = 0; k < rule->n_domains; k++)
				repeated |= strcmp(rule->domains[k], name) == 0;
			if (repeated) {
				char text[80];
				json_schema_string_text(e, text, sizeof(text));
				json_schema_report(&l->r, e,
						   "duplicate domain '%s' in '%.*s'",
						   text, (int)mark, l->r.path);
				ok = false;
			} else {
				rule->domains[rule->n_domains++] = name;
			}
		}
		json_schema_pop(&l->r, mark);
	}
	return ok;
}

/* share_caps[].measure: what the share counts. */
static bool read_measure(struct loader *l, const cJSON *node, enum cap_measure *out)
{
	const char *value;
	size_t mark = json_schema_key(&l->r, "measure");
	bool ok = version_2(l, node) && read_string(l, node, true, &value);
	if (ok && strcmp(value, "units") == 0) {
		*out = CAP_UNITS;
	} else if (ok && strcmp(value, "sites") == 0) {
		*out = CAP_SITES;
	} else if (ok) {
		char text[80];
		json_schema_string_text(node, text, sizeof(text));
		json_schema_report(&l->r, node,
				   "'%s' must be 'units' or 'sites', not '%s'", l->r.path,
				   text);
		ok = false;
	}
	json_schema_pop(&l->r, mark);
	return ok;
}

/* The keys of a share cap: "year" is required in version 1 only. */
enum cap_key { C_DOMAIN, C_YEAR, C_MAX_SHARE, C_REGION, C_DATE, C_MEASURE, C_COUNT };
static const struct json_key cap_keys_1[C_COUNT] = {
	[C_DOMAIN] = {"domain", true},       [C_YEAR] = {"year", true},
	[C_MAX_SHARE] = {"max_share", true}, [C_REGION] = {"region", false},
	[C_DATE] = {"date", false},          [C_MEASURE] = {"measure", false},
};
static const struct json_key cap_keys_2[C_COUNT] = {
	[C_DOMAIN] = {"domain", true},       [C_YEAR] = {"year", false},
	[C_MAX_SHARE] = {"max_share", true}, [C_REGION] = {"region", false},
	[C_DATE] = {"date", false},          [C_MEASURE] = {"measure", false},
};

static void read_share_cap(struct loader *l, const cJSON *node, size_t *alloc)
{
	const cJSON *f[C_COUNT];
	if (!json_schema_object(&l->r, node, l->v2 ? cap_keys_2 : cap_keys_1, C_COUNT, f))
		return;
	struct share_cap_rule rule = {.line = json_schema_line(&l->r, node)};
	bool ok = f[C_DOMAIN] && f[C_MAX_SHARE];
	size_t mark;
	if (f[C_DOMAIN]) {
		mark = json_schema_key(&l->r, "domain");
		ok &= read_cap_domains(l, f[C_DOMAIN], &rule);
		json_schema_pop(&l->r, mark);
	}
	ok &= read_when(l, node, f[C_YEAR], f[C_DATE], &rule.when, &rule.year);
	if (f[C_MAX_SHARE]) {
		mark = json_schema_key(&l->r, "max_share");
		ok &= json_schema_number(&l->r, f[C_MAX_SHARE], &share, &rule.max_share);
		json_schema_pop(&l->r, mark);
	}
	if (f[C_REGION]) {
		mark = json_schema_key(&l->r, "region");
		ok &= read_string(l, f[C_REGION], false, &rule.region);
		json_schema_pop(&l->r, mark);
	}
	if (f[C_MEASURE])
		ok &= read_measure(l, f[C_MEASURE], &rule.measure);
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
		json_schema_report(&l->r, node,
				   "'%s' must be an array of objects, not %s", l->r.path,
				   json_schema_type_name(node));
		return;
	}
	size_t i = 0, alloc = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, node)
	{
		size_t mark = json_schema_index(&l->r, i++);
		read_one(l, e, &alloc);
		json_schema_pop(&l->r, mark);
	}
}

static void read_max_vendor_share(struct loader *l, const cJSON *node)
{
	struct scenario *s = l->s;
	if (cJSON_IsObject(node)) {
		s->vendor_share = read_domain_values(l, node, &share, &s->n_vendor_share);
		return;
	}
	if (!cJSON_IsNumber(node)) {
		json_schema_report(
			&l->r, node,
			"'%s' must be a number in [0, 1] or an object of domain names to "
			"numbers, not %s",
			l->r.path, json_schema_type_name(node));
		return;
	}
	json_schema_number(&l->r, node, &share, &s->vendor_share_all);
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
	static const struct json_key keys[] = {{"default", false}, {"regions", true}};
	struct scenario *s = l->s;
	if (!cJSON_IsObject(node) || !cJSON_GetObjectItemCaseSensitive(node, "regions")) {
		read_per_year(l, node, NULL, NULL, &non_negative, &s->crews_default,
			      &s->crews_default_period);
		return;
	}
	const cJSON *f[2];
	json_schema_object(&l->r, node, keys, 2, f);
	size_t mark = json_schema_key(&l->r, "default");
	read_per_year(l, f[0], NULL, NULL, &non_negative, &s->crews_default,
		      &s->crews_default_period);
	json_schema_pop(&l->r, mark);

	mark = json_schema_key(&l->r, "regions");
	const cJSON *regions = f[1];
	if (regions && !cJSON_IsObject(regions)) {
		json_schema_report(
			&l->r, regions,
			"'%s' must be an object of region names to per-year numbers, not "
			"%s",
			l->r.path, json_schema_type_name(regions));
		regions = NULL;
	}
	size_t alloc = 0;
	const cJSON *m;
	cJSON_ArrayForEach(m, regions)
	{
		if (m->string[0] == '\0') {
			json_schema_report(&l->r, m, "empty region name in '%s'",
					   l->r.path);
			continue;
		}
		size_t inner = json_schema_key(&l->r, m->string);
		if (json_schema_is_repeat(regions, m)) {
			json_schema_report(&l->r, m, "duplicate key '%s'", l->r.path);
		} else {
			struct region_crews rc = {
				.region = strpool_dup(&s->pool, m->string),
				.line = json_schema_line(&l->r, m),
			};
			read_per_year(l, m, s->crews_default, s->crews_default_period,
				      &non_negative, &rc.per_year, &rc.per_period);
			ARRAY_GROW(s->crews_regions, s->n_crews_regions, alloc);
			s->crews_regions[s->n_crews_regions++] = rc;
		}
		json_schema_pop(&l->r, inner);
	}
	json_schema_pop(&l->r, mark);
}

/*
 * vendor_regions: trusted vendor -> the regions it may take. Names are
 * kept as written, with where each stands; validate.c resolves them
 * against sites.csv's regions. A repeated region is refused, as a
 * repeated domain in a cap is: it is a likely typo of another region.
 */
static void read_vendor_region_list(struct loader *l, const cJSON *node,
				    struct trusted_vendor *v)
{
	if (!cJSON_IsArray(node)) {
		json_schema_report(&l->r, node,
				   "'%s' must be an array of region names, not %s",
				   l->r.path, json_schema_type_name(node));
		return;
	}
	size_t count = (size_t)cJSON_GetArraySize(node);
	if (count == 0) {
		json_schema_report(&l->r, node, "'%s' must list at least one region",
				   l->r.path);
		return;
	}
	const char **names = xcalloc(count, sizeof(*names));
	struct input_at *at = xcalloc(count, sizeof(*at));
	size_t n = 0, i = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, node)
	{
		const char *name;
		size_t mark = json_schema_index(&l->r, i++);
		if (read_string(l, e, false, &name)) {
			bool repeated = false;
			for (size_t k = 0; k < n; k++)
				repeated |= strcmp(names[k], name) == 0;
			if (repeated) {
				char text[80];
				json_schema_string_text(e, text, sizeof(text));
				json_schema_report(&l->r, e,
						   "duplicate region '%s' in '%.*s'",
						   text, (int)mark, l->r.path);
			} else {
				json_schema_at(&l->r, e, &at[n].line, &at[n].column);
				names[n++] = name;
			}
		}
		json_schema_pop(&l->r, mark);
	}
	free(v->region_names);
	free(v->region_at);
	v->region_names = names;
	v->region_at = at;
	v->n_regions = n;
	v->regions_line = json_schema_line(&l->r, node);
}

static void read_vendor_regions(struct loader *l, const cJSON *node)
{
	struct scenario *s = l->s;
	if (!version_2(l, node))
		return;
	if (!cJSON_IsObject(node)) {
		json_schema_report(&l->r, node,
				   "'%s' must be an object of vendor names to arrays of "
				   "regions, not %s",
				   l->r.path, json_schema_type_name(node));
		return;
	}
	const cJSON *m;
	cJSON_ArrayForEach(m, node)
	{
		size_t mark = json_schema_key(&l->r, m->string);
		int v = scenario_find_vendor(s, m->string);
		if (json_schema_is_repeat(node, m))
			json_schema_report(&l->r, m, "duplicate key '%s'", l->r.path);
		else if (v < 0 && scenario_is_high_risk_vendor(s, m->string))
			json_schema_report(
				&l->r, m,
				"'%s' names a high-risk vendor: vendor_regions "
				"limits the trusted vendors of 'vendors'",
				l->r.path);
		else if (v < 0)
			json_schema_report(&l->r, m,
					   "'%s' names no trusted vendor in "
					   "'vendors'" DID_YOU_MEAN_HINT,
					   l->r.path,
					   DID_YOU_MEAN_HINT_ARGS(
						   scenario_vendor_meant(s, m->string)));
		else
			read_vendor_region_list(l, m, &s->vendors[v]);
		json_schema_pop(&l->r, mark);
	}
}

/*
 * replan_from: a period label of the scenario's kind or a date that is a
 * period start, from the horizon's first day (which means no re-plan) to
 * its last period start. A date between two period starts names both, so
 * the user can pick. With 'periods' invalid only the form is checked.
 */
static void read_replan_from(struct loader *l, const cJSON *node)
{
	struct scenario *s = l->s;
	if (!version_2(l, node))
		return;
	json_schema_at(&l->r, node, &s->replan_at.line, &s->replan_at.column);
	const char *value;
	if (!json_schema_string(&l->r, node, false, &value))
		return;
	char text[80];
	json_schema_string_text(node, text, sizeof(text));
	int ppy = l->per_year, kind = 0;
	const char *kind_name = period_kind_name(ppy ? ppy : 1);
	struct date d;
	switch (date_text_parse_when(value, ppy, &d, &kind)) {
	case WHEN_TEXT_LABEL:
	case WHEN_TEXT_DATE:
		break;
	case WHEN_TEXT_OTHER_KIND:
		json_schema_report(&l->r, node,
				   "'%s' '%s' is a %s, but 'periods' is '%s'%s",
				   l->r.path, text, period_kind_name(kind), kind_name,
				   l->periods_given ? "" : " (the default)");
		return;
	case WHEN_TEXT_NOT_REAL:
		json_schema_report(&l->r, node,
				   "'%s' must be a real calendar date, not '%s'",
				   l->r.path, text);
		return;
	case WHEN_TEXT_MALFORMED:
		json_schema_report(
			&l->r, node,
			"'%s' must be a period label of the scenario's kind or a "
			"date YYYY-MM-DD, not '%s'",
			l->r.path, text);
		return;
	}
	if (!ppy || !l->have_horizon)
		return;
	int p = period_of_date(s->start, ppy, d);
	struct date at = period_start_date(s->start, ppy, p);
	char a[16], b[16], first[16], last[16];
	int n = s->n_years * ppy;
	date_format((struct date){s->start, 1, 1}, first, sizeof(first));
	date_format(period_start_date(s->start, ppy, n - 1), last, sizeof(last));
	if (p < 0 || p >= n) {
		json_schema_report(&l->r, node,
				   "'%s' must lie from the horizon's first day %s to its "
				   "last period start %s, not '%s'",
				   l->r.path, first, last, text);
		return;
	}
	if (date_compare(at, d) != 0) {
		date_format(at, a, sizeof(a));
		date_format(period_start_date(s->start, ppy, p + 1), b, sizeof(b));
		json_schema_report(
			&l->r, node,
			"'%s' must be a period start, not '%s' (the nearest are "
			"%s and %s)",
			l->r.path, text, a, b);
		return;
	}
	s->has_replan_from = true;
	s->replan_from = d;
}

/* objective: "own_cost" (model-2.md, with funds) is a version 2 value. */
static void read_objective(struct loader *l, const cJSON *node)
{
	const char *value;
	json_schema_at(&l->r, node, &l->s->objective_at.line, &l->s->objective_at.column);
	if (!read_string(l, node, true, &value))
		return;
	if (strcmp(value, "exposure") == 0) {
		l->s->objective = OBJECTIVE_EXPOSURE;
	} else if (strcmp(value, "cost") == 0) {
		l->s->objective = OBJECTIVE_COST;
	} else if (strcmp(value, "own_cost") == 0 && l->needs_2) {
		json_schema_report(&l->r, node, "'%s' 'own_cost' " SCENARIO_NEEDS_2,
				   l->r.path);
	} else if (strcmp(value, "own_cost") == 0) {
		l->s->objective = OBJECTIVE_OWN_COST;
	} else {
		char text[80];
		json_schema_string_text(node, text, sizeof(text));
		json_schema_report(&l->r, node, "'%s' must be %s, not '%s'", l->r.path,
				   l->v2 ? "'exposure', 'cost' or 'own_cost'"
					 : "'exposure' or 'cost'",
				   text);
	}
}

enum root_key {
	K_FORMAT,
	K_NAME,
	K_DESCRIPTION,
	K_CURRENCY,
	K_HORIZON,
	K_PERIODS,
	K_SITES,
	K_HIGH_RISK_VENDORS,
	K_VENDORS,
	K_VENDOR_REGIONS,
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
	K_REPLAN_FROM,
	K_FIXED,
	K_FUNDS,
	K_COUNT
};

static const struct json_key root_keys[K_COUNT] = {
	[K_FORMAT] = {"format", true},
	[K_NAME] = {"name", true},
	[K_DESCRIPTION] = {"description", false},
	[K_CURRENCY] = {"currency", false},
	[K_HORIZON] = {"horizon", true},
	[K_PERIODS] = {"periods", false},
	[K_SITES] = {"sites", true},
	[K_HIGH_RISK_VENDORS] = {"high_risk_vendors", true},
	[K_VENDORS] = {"vendors", true},
	[K_VENDOR_REGIONS] = {"vendor_regions", false},
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
	[K_REPLAN_FROM] = {"replan_from", false},
	[K_FIXED] = {"fixed", false},
	[K_FUNDS] = {"funds", false},
};

/*
 * The keys are read in the order of root_keys, not of the file: the
 * format first (it says which keys may be used), the horizon and the
 * periods before per-year numbers are resolved, the high-risk vendors
 * before the trusted ones are checked against them, and the trusted ones
 * before vendor_regions names them.
 * Per-year arrays (budget, capacities, crews) are allocated even when
 * their key is absent, so that users of a loaded scenario never see NULL.
 */
static void read_root(struct loader *l, const cJSON *root)
{
	struct scenario *s = l->s;
	if (!cJSON_IsObject(root)) {
		json_schema_report(&l->r, root,
				   "the scenario must be a JSON object, not %s",
				   json_schema_type_name(root));
		return;
	}
	const cJSON *f[K_COUNT];
	json_schema_object(&l->r, root, root_keys, K_COUNT, f);
	for (int k = 0; k < K_COUNT; k++) {
		const cJSON *node = f[k];
		size_t mark = json_schema_key(&l->r, root_keys[k].key);
		switch ((enum root_key)k) {
		case K_FORMAT:
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
		case K_PERIODS:
			if (node)
				read_periods(l, node);
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
		case K_VENDOR_REGIONS:
			if (node)
				read_vendor_regions(l, node);
			break;
		case K_SITE_COST:
			if (node)
				s->site_cost = read_domain_values(l, node, &money,
								  &s->n_site_cost);
			break;
		case K_BUDGET:
			read_per_year(l, node, NULL, NULL, &money, &s->budget,
				      &s->budget_period);
			break;
		case K_CARRY_OVER:
			if (node)
				json_schema_bool(&l->r, node, &s->carry_over);
			break;
		case K_DISCOUNT_RATE:
			if (node)
				json_schema_number(&l->r, node, &discount,
						   &s->discount_rate);
			break;
		case K_COST_ESCALATION:
			if (node)
				json_schema_number(&l->r, node, &escalation,
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
		case K_REPLAN_FROM:
			if (node)
				read_replan_from(l, node);
			break;
		case K_FIXED:
			if (node)
				read_fixed(l, node);
			break;
		case K_FUNDS:
			if (node && version_2(l, node))
				funds_read(&l->r, node, s, l->have_horizon);
			break;
		case K_COUNT:
			break;
		}
		json_schema_pop(&l->r, mark);
	}
}

bool scenario_load_json(struct scenario *s, const char *path, struct diag *d)
{
	return scenario_load_json_with(s, path, NULL, d);
}

/* Overrides change the tree before it is read, so what they write is read
 * (and checked) by the same code as the file. */
bool scenario_load_json_with(struct scenario *s, const char *path,
			     const struct override_list *ov, struct diag *d)
{
	size_t before = diag_count(d);
	free(s->json_path);
	s->json_path = xstrdup(path);

	struct json_doc doc;
	struct override_marks marks = {0};
	if (json_doc_load(&doc, AT_FDCWD, path, path, d)) {
		if (ov && ov->n) {
			override_apply(ov, doc.root, &marks, d);
			doc.marks = &marks;
			s->overrides = xcalloc(ov->n, sizeof(*s->overrides));
			for (size_t i = 0; i < ov->n; i++)
				s->overrides[i] =
					strpool_dup(&s->pool, ov->items[i].text);
			s->n_overrides = ov->n;
		}
		struct loader l = {.s = s, .v2 = true, .per_year = 1};
		json_schema_init(&l.r, &doc, d);
		read_root(&l, doc.root);
		json_schema_finish(&l.r);
	}
	json_doc_finish(&doc);
	override_marks_finish(&marks);
	return diag_count(d) == before;
}
