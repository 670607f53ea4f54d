#include "input/funds.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/date_text.h"
#include "util/did_you_mean.h"
#include "util/money.h"
#include "util/xalloc.h"

static const struct json_number money = {
	.min = 0, .max = MONEY_MAX, .text = "a number in [0, 1e15]"};
static const struct json_number share = {
	.min = 0, .max = 1, .text = "a number in [0, 1]"};
static const struct json_number months = {.min = 0,
					  .max = FUNDS_MAX_MONTHS,
					  .whole = true,
					  .text = "a whole number from 0 to 1200"};
static const struct json_number count = {.min = 0,
					 .max = FUNDS_MAX_MONTHS,
					 .whole = true,
					 .text = "a whole number from 0 to 1200"};

struct reader {
	struct json_schema *r;
	struct scenario *s;
	bool have_horizon;
};

static void text_of(const cJSON *node, char *buf, size_t size)
{
	json_schema_string_text(node, buf, size);
}

/*
 * A disbursement's date is a start (the money is usable from its period
 * on), so a bare year is refused with the two dates it could mean; it must
 * lie within the horizon, where it has a period.
 */
static bool read_disbursement_date(struct reader *x, const cJSON *m, struct date *out)
{
	char text[80];
	snprintf(text, sizeof(text), "%s", m->string);
	enum date_text what = date_text_parse(m->string, out);
	if (what == DATE_TEXT_YEAR) {
		json_schema_report(x->r, m,
				   "disbursement date '%s' in '%s' is a year, not a date "
				   "(write %.4s-01-01 or %.4s-12-31)",
				   text, x->r->path, text, text);
		return false;
	}
	if (what == DATE_TEXT_NOT_REAL) {
		json_schema_report(
			x->r, m,
			"disbursement date '%s' in '%s' is not a real calendar "
			"date",
			text, x->r->path);
		return false;
	}
	if (what != DATE_TEXT_OK) {
		json_schema_report(x->r, m,
				   "disbursement date '%s' in '%s' must be a date "
				   "YYYY-MM-DD",
				   text, x->r->path);
		return false;
	}
	if (x->have_horizon && (out->year < x->s->start || out->year > x->s->end)) {
		json_schema_report(
			x->r, m,
			"disbursement date '%s' in '%s' is outside the horizon "
			"(%d-01-01 to %d-12-31)",
			text, x->r->path, x->s->start, x->s->end);
		return false;
	}
	return true;
}

static int by_date(const void *a, const void *b)
{
	const struct fund_disbursement *x = a, *y = b;
	return date_compare(x->date, y->date);
}

static void read_disbursements(struct reader *x, const cJSON *node, struct fund *f)
{
	if (!cJSON_IsObject(node)) {
		json_schema_report(x->r, node,
				   "'%s' must be an object of dates to money, not %s",
				   x->r->path, json_schema_type_name(node));
		return;
	}
	if (!node->child) {
		json_schema_report(x->r, node, "'%s' must hold at least one date",
				   x->r->path);
		return;
	}
	size_t alloc = 0;
	const cJSON *m;
	cJSON_ArrayForEach(m, node)
	{
		struct fund_disbursement fd = {0};
		bool ok = read_disbursement_date(x, m, &fd.date);
		size_t mark = json_schema_key(x->r, m->string);
		if (json_schema_is_repeat(node, m)) {
			json_schema_report(x->r, m, "duplicate key '%s'", x->r->path);
			ok = false;
		} else {
			ok &= json_schema_number(x->r, m, &money, &fd.amount);
		}
		json_schema_at(x->r, m, &fd.at.line, &fd.at.column);
		json_schema_pop(x->r, mark);
		if (!ok)
			continue;
		ARRAY_GROW(f->disbursements, f->n_disbursements, alloc);
		f->disbursements[f->n_disbursements++] = fd;
	}
	if (f->n_disbursements)
		qsort(f->disbursements, f->n_disbursements, sizeof(*f->disbursements),
		      by_date);
}

static void read_domains(struct reader *x, const cJSON *node, struct fund *f)
{
	if (!cJSON_IsArray(node)) {
		json_schema_report(x->r, node,
				   "'%s' must be an array of domain names, not %s",
				   x->r->path, json_schema_type_name(node));
		return;
	}
	size_t n = (size_t)cJSON_GetArraySize(node);
	if (n == 0) {
		json_schema_report(x->r, node, "'%s' must list at least one domain",
				   x->r->path);
		return;
	}
	f->domain_names = xcalloc(n, sizeof(*f->domain_names));
	f->domain_at = xcalloc(n, sizeof(*f->domain_at));
	size_t i = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, node)
	{
		const char *name;
		size_t mark = json_schema_index(x->r, i++);
		if (json_schema_string(x->r, e, false, &name)) {
			bool repeated = false;
			for (size_t k = 0; k < f->n_domains; k++)
				repeated |= strcmp(f->domain_names[k], name) == 0;
			if (repeated) {
				char text[80];
				text_of(e, text, sizeof(text));
				json_schema_report(x->r, e,
						   "duplicate domain '%s' in '%.*s'",
						   text, (int)mark, x->r->path);
			} else {
				json_schema_at(x->r, e, &f->domain_at[f->n_domains].line,
					       &f->domain_at[f->n_domains].column);
				f->domain_names[f->n_domains++] =
					strpool_dup(&x->s->pool, name);
			}
		}
		json_schema_pop(x->r, mark);
	}
}

/*
 * The deadline's object form: months_after_first is required; the
 * extensions default to none. Extensions of 0 months would add nothing, so
 * extension_months must be >= 1 when max_extensions is.
 */
static void read_deadline_months(struct reader *x, const cJSON *node, struct fund *f)
{
	static const struct json_key keys[] = {
		{"months_after_first", true},
		{"extension_months", false},
		{"max_extensions", false},
	};
	const cJSON *v[3];
	if (!json_schema_object(x->r, node, keys, 3, v))
		return;
	double got[3] = {0, 0, 0};
	bool good[3] = {false, true, true};
	for (int k = 0; k < 3; k++) {
		if (!v[k])
			continue;
		size_t mark = json_schema_key(x->r, keys[k].key);
		good[k] = json_schema_number(x->r, v[k], k == 2 ? &count : &months,
					     &got[k]);
		json_schema_pop(x->r, mark);
	}
	if (!good[1] || !good[2])
		return;
	if (got[2] >= 1 && got[1] < 1) {
		size_t mark = json_schema_key(x->r, "extension_months");
		if (v[1])
			json_schema_report(x->r, v[1],
					   "'%s' must be >= 1 when 'max_extensions' is "
					   "%.0f, not '0'",
					   x->r->path, got[2]);
		else
			json_schema_report_line(
				x->r, node,
				"missing required key '%s' ('max_extensions' "
				"is %.0f)",
				x->r->path, got[2]);
		json_schema_pop(x->r, mark);
		return;
	}
	if (!good[0])
		return;
	double reach = got[0] + got[2] * got[1];
	if (reach > FUNDS_MAX_MONTHS) {
		json_schema_report(
			x->r, node,
			"'%s' reaches %.0f months after the first disbursement "
			"(months_after_first + max_extensions x "
			"extension_months), more than %d",
			x->r->path, reach, FUNDS_MAX_MONTHS);
		return;
	}
	f->deadline_kind = FUND_DEADLINE_MONTHS;
	f->months_after_first = (int)got[0];
	f->extension_months = (int)got[1];
	f->max_extensions = (int)got[2];
}

/* A fund's deadline: a date (a bare year means 31 December) or months. */
static void read_deadline(struct reader *x, const cJSON *node, struct fund *f)
{
	if (cJSON_IsObject(node)) {
		read_deadline_months(x, node, f);
		return;
	}
	if (!cJSON_IsString(node)) {
		json_schema_report(
			x->r, node,
			"'%s' must be a date 'YYYY-MM-DD', a year 'YYYY' or an "
			"object of months, not %s",
			x->r->path, json_schema_type_name(node));
		return;
	}
	enum date_text what = date_text_parse(node->valuestring, &f->deadline);
	if (what == DATE_TEXT_OK || what == DATE_TEXT_YEAR) {
		f->deadline_kind = FUND_DEADLINE_DATE;
		return;
	}
	char text[80];
	text_of(node, text, sizeof(text));
	if (what == DATE_TEXT_NOT_REAL)
		json_schema_report(x->r, node,
				   "'%s' must be a real calendar date, not '%s'",
				   x->r->path, text);
	else
		json_schema_report(
			x->r, node,
			"'%s' must be a date 'YYYY-MM-DD' or a year 'YYYY', not "
			"'%s'",
			x->r->path, text);
}

/* The name: unique, non-empty, without ';' (it separates a ledger's
 * `funded` items). */
static bool read_name(struct reader *x, const cJSON *node, struct fund *f)
{
	const char *name;
	size_t mark = json_schema_key(x->r, "name");
	bool ok = json_schema_string(x->r, node, false, &name);
	if (ok) {
		char text[80];
		text_of(node, text, sizeof(text));
		if (strchr(name, ';')) {
			json_schema_report(x->r, node,
					   "'%s' must not contain ';' (it separates the "
					   "items of a ledger's funded cell), not '%s'",
					   x->r->path, text);
			ok = false;
		} else if (scenario_find_fund(x->s, name) >= 0) {
			json_schema_report(x->r, node, "duplicate fund '%s' in 'funds'",
					   text);
			ok = false;
		} else {
			f->name = strpool_dup(&x->s->pool, name);
		}
	}
	json_schema_pop(x->r, mark);
	return ok;
}

static void fund_free(struct fund *f)
{
	free(f->disbursements);
	free(f->domain_names);
	free(f->domain_at);
}

enum fund_key { F_NAME, F_DISBURSEMENTS, F_SHARE, F_DOMAINS, F_DEADLINE, F_COUNT };

static void read_fund(struct reader *x, const cJSON *node, size_t *alloc)
{
	static const struct json_key keys[F_COUNT] = {
		[F_NAME] = {"name", true},
		[F_DISBURSEMENTS] = {"disbursements", true},
		[F_SHARE] = {"share", false},
		[F_DOMAINS] = {"domains", false},
		[F_DEADLINE] = {"deadline", false},
	};
	const cJSON *v[F_COUNT];
	if (!json_schema_object(x->r, node, keys, F_COUNT, v))
		return;
	struct fund f = {.share = 1, .line = json_schema_line(x->r, node)};
	bool named = v[F_NAME] && read_name(x, v[F_NAME], &f);
	size_t mark;
	if (v[F_DISBURSEMENTS]) {
		mark = json_schema_key(x->r, "disbursements");
		read_disbursements(x, v[F_DISBURSEMENTS], &f);
		json_schema_pop(x->r, mark);
	}
	if (v[F_SHARE]) {
		mark = json_schema_key(x->r, "share");
		json_schema_number(x->r, v[F_SHARE], &share, &f.share);
		json_schema_pop(x->r, mark);
	}
	if (v[F_DOMAINS]) {
		mark = json_schema_key(x->r, "domains");
		read_domains(x, v[F_DOMAINS], &f);
		json_schema_pop(x->r, mark);
	}
	if (v[F_DEADLINE]) {
		mark = json_schema_key(x->r, "deadline");
		read_deadline(x, v[F_DEADLINE], &f);
		json_schema_pop(x->r, mark);
	}
	if (!named) {
		fund_free(&f);
		return;
	}
	struct scenario *s = x->s;
	ARRAY_GROW(s->funds, s->n_funds, *alloc);
	s->funds[s->n_funds++] = f;
}

void funds_read(struct json_schema *r, const cJSON *node, struct scenario *s,
		bool have_horizon)
{
	struct reader x = {.r = r, .s = s, .have_horizon = have_horizon};
	json_schema_at(r, node, &s->funds_at.line, &s->funds_at.column);
	if (!cJSON_IsArray(node)) {
		json_schema_report(r, node,
				   "'%s' must be an array of fund objects, not %s",
				   r->path, json_schema_type_name(node));
		return;
	}
	size_t i = 0, alloc = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, node)
	{
		size_t mark = json_schema_index(r, i++);
		read_fund(&x, e, &alloc);
		json_schema_pop(r, mark);
	}
}

void funds_validate(struct scenario *s, struct diag *d)
{
	for (size_t i = 0; i < s->n_funds; i++) {
		struct fund *f = &s->funds[i];
		free(f->domains);
		f->domains =
			f->n_domains ? xcalloc(f->n_domains, sizeof(*f->domains)) : NULL;
		for (size_t k = 0; k < f->n_domains; k++) {
			int64_t dom = strmap_find(&s->domains, f->domain_names[k]);
			if (dom < 0)
				diag_add(d, s->json_path, f->domain_at[k].line,
					 f->domain_at[k].column,
					 "fund '%s' domain '%s' matches no domain in "
					 "'%s'" DID_YOU_MEAN_HINT,
					 f->name, f->domain_names[k], s->sites_path,
					 DID_YOU_MEAN_HINT_ARGS(did_you_mean_among(
						 f->domain_names[k], s->domains.names,
						 s->domains.count)));
			f->domains[k] = dom < 0 ? UINT32_MAX : (uint32_t)dom;
		}
	}
}
