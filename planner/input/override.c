#include "input/override.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/did_you_mean.h"
#include "util/num.h"
#include "util/xalloc.h"

void override_list_init(struct override_list *l)
{
	memset(l, 0, sizeof(*l));
}

void override_list_finish(struct override_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].text);
		free(l->items[i].path);
		free(l->items[i].value);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

static void push(struct override_list *l, enum override_kind kind, const char *text,
		 const char *path, size_t path_len, const char *value)
{
	ARRAY_GROW(l->items, l->n, l->alloc);
	struct override *o = &l->items[l->n++];
	o->kind = kind;
	o->text = xstrdup(text);
	o->path = xmalloc(path_len + 1);
	memcpy(o->path, path, path_len);
	o->path[path_len] = '\0';
	o->value = xstrdup(value);
}

bool override_list_add(struct override_list *l, enum override_kind kind, const char *arg,
		       const char **why)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg) {
		*why = kind == OVERRIDE_SET ? "--set takes PATH=VALUE"
					    : "--scale takes PATH=FACTOR";
		return false;
	}
	double f;
	if (kind == OVERRIDE_SCALE && (!num_parse_double(eq + 1, &f) || f < 0)) {
		*why = "--scale takes a factor >= 0 after '='";
		return false;
	}
	char *text = xasprintf("%s %s", kind == OVERRIDE_SET ? "--set" : "--scale", arg);
	push(l, kind, text, arg, (size_t)(eq - arg), eq + 1);
	free(text);
	return true;
}

bool override_list_add_text(struct override_list *l, const char *text, const char **why)
{
	static const char set[] = "--set ", scale[] = "--scale ";
	if (strncmp(text, set, sizeof(set) - 1) == 0)
		return override_list_add(l, OVERRIDE_SET, text + sizeof(set) - 1, why);
	if (strncmp(text, scale, sizeof(scale) - 1) == 0)
		return override_list_add(l, OVERRIDE_SCALE, text + sizeof(scale) - 1,
					 why);
	*why = "an override is '--set PATH=VALUE' or '--scale PATH=FACTOR'";
	return false;
}

void override_list_copy(struct override_list *dst, const struct override_list *src)
{
	for (size_t i = 0; i < src->n; i++) {
		const struct override *o = &src->items[i];
		push(dst, o->kind, o->text, o->path, strlen(o->path), o->value);
	}
}

void override_marks_finish(struct override_marks *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->items[i].value);
	free(m->items);
	memset(m, 0, sizeof(*m));
}

const struct override_mark *override_marks_find(const struct override_marks *m,
						const cJSON *node)
{
	if (!m)
		return NULL;
	for (size_t i = m->n; i-- > 0;)
		if (m->items[i].node == node)
			return &m->items[i];
	return NULL;
}

/* --- paths --- */

/* One step of a path: a key, an index, or a year range (the last). */
struct step {
	char *key; /* NULL for an index */
	size_t index;
	bool range;
	int lo, hi; /* a range's years */
};

struct path {
	struct step *steps;
	size_t n, alloc;
};

static void path_finish(struct path *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->steps[i].key);
	free(p->steps);
}

static bool all_digits(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Whether 'key' is a key of a per-year number: "default", a year, a
 * period label ("2024-Q3"). */
static bool year_like(const char *key)
{
	if (strcmp(key, "default") == 0)
		return true;
	size_t n = strlen(key);
	return n >= 4 && all_digits(key, 4) && (n == 4 || key[4] == '-');
}

static int year_of(const char *key)
{
	return (key[0] - '0') * 1000 + (key[1] - '0') * 100 + (key[2] - '0') * 10 +
	       (key[3] - '0');
}

static struct step *add_step(struct path *p)
{
	ARRAY_GROW(p->steps, p->n, p->alloc);
	struct step *st = &p->steps[p->n++];
	memset(st, 0, sizeof(*st));
	return st;
}

/* Split 'text' into steps; NULL when it parses, else what is wrong. */
static const char *path_parse(const char *text, struct path *p)
{
	const char *s = text;
	for (;;) {
		size_t n = strcspn(s, ".[");
		if (n == 0 && *s != '[')
			return "an empty key in the path";
		if (n) {
			if (all_digits(s, n) && n == 4 && strncmp(s + n, "..", 2) == 0) {
				const char *b = s + n + 2;
				size_t m = strcspn(b, ".[");
				if (m != 4 || !all_digits(b, 4) || b[m])
					return "a year range is YYYY..YYYY, at the "
					       "end of the path";
				struct step *st = add_step(p);
				st->range = true;
				st->lo = year_of(s);
				st->hi = year_of(b);
				if (st->lo > st->hi)
					return "a year range must not end before it "
					       "starts";
				return NULL;
			}
			struct step *st = add_step(p);
			st->key = xmalloc(n + 1);
			memcpy(st->key, s, n);
			st->key[n] = '\0';
			s += n;
		}
		while (*s == '[') {
			const char *close = strchr(s, ']');
			if (!close || !all_digits(s + 1, (size_t)(close - s - 1)) ||
			    close - s - 1 > 6)
				return "an index is [N], a whole number";
			struct step *st = add_step(p);
			st->index = (size_t)strtoul(s + 1, NULL, 10);
			s = close + 1;
		}
		if (!*s)
			return NULL;
		if (*s != '.')
			return "a key follows '.' after an index";
		s++;
	}
}

/* --- applying --- */

/* cJSON's allocation failed: out of memory, the one fatal path
 * (xalloc.h). */
static cJSON *need(cJSON *node)
{
	if (!node)
		abort();
	return node;
}

struct apply {
	const struct override *o;
	struct override_marks *marks;
	struct diag *d;
	bool ok;
	bool have_horizon;
	int start, end;
	char *where; /* the path walked so far, for messages */
	bool changed;
};

static void fail(struct apply *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fail(struct apply *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(a->d, a->o->text, 0, 0, "%s", msg);
	free(msg);
	a->ok = false;
}

static void mark(struct apply *a, const cJSON *node, const char *value)
{
	ARRAY_GROW(a->marks->items, a->marks->n, a->marks->alloc);
	a->marks->items[a->marks->n++] = (struct override_mark){
		.node = node, .text = a->o->text, .value = xstrdup(value)};
}

static void mark_number(struct apply *a, const cJSON *node)
{
	char buf[40];
	snprintf(buf, sizeof(buf), "%.15g", node->valuedouble);
	mark(a, node, buf);
}

static void where_add(struct apply *a, const struct step *st)
{
	char *w;
	if (st->key)
		w = *a->where ? xasprintf("%s.%s", a->where, st->key) : xstrdup(st->key);
	else
		w = xasprintf("%s[%zu]", a->where, st->index);
	free(a->where);
	a->where = w;
}

/* The value of --set: a number, true, false, null, or else a string. */
static cJSON *set_value(struct apply *a)
{
	const char *v = a->o->value;
	double x;
	cJSON *node;
	if (num_parse_double(v, &x))
		node = cJSON_CreateNumber(x);
	else if (strcmp(v, "true") == 0)
		node = cJSON_CreateTrue();
	else if (strcmp(v, "false") == 0)
		node = cJSON_CreateFalse();
	else if (strcmp(v, "null") == 0)
		node = cJSON_CreateNull();
	else
		node = cJSON_CreateString(v);
	mark(a, need(node), v);
	return node;
}

/* Put 'node' as 'key' of the object 'parent', in place of its first
 * member of that name when there is one. */
static void put_member(cJSON *parent, const char *key, cJSON *node)
{
	if (cJSON_GetObjectItemCaseSensitive(parent, key))
		cJSON_ReplaceItemInObjectCaseSensitive(parent, key, node);
	else
		cJSON_AddItemToObject(parent, key, node);
}

static void check_year(struct apply *a, int year)
{
	if (a->have_horizon && (year < a->start || year > a->end))
		fail(a, "%d is outside the horizon, %d to %d", year, a->start, a->end);
}

/*
 * A per-year number written as one number becomes the object
 * {"default": N} when a year key is asked of it; 'parent' holds it as
 * 'key' (or at 'index' when 'key' is NULL). Returns the object.
 */
static cJSON *as_per_year(struct apply *a, cJSON *parent, const char *key, size_t index,
			  cJSON *number)
{
	cJSON *obj = need(cJSON_CreateObject());
	cJSON *def = need(cJSON_CreateNumber(number->valuedouble));
	cJSON_AddItemToObject(obj, "default", def);
	mark(a, obj, "");
	mark_number(a, def);
	if (key)
		cJSON_ReplaceItemInObjectCaseSensitive(parent, key, obj);
	else
		cJSON_ReplaceItemInArray(parent, (int)index, obj);
	return obj;
}

/* The singular of an array's key, for "no vendor 'X'". */
static char *noun_of(const char *key)
{
	size_t n = strlen(key);
	if (n > 1 && key[n - 1] == 's')
		n--;
	char *s = xmalloc(n + 1);
	memcpy(s, key, n);
	s[n] = '\0';
	return s;
}

/* The element of the array 'arr' (held as 'arr_key') named 'name'. */
static cJSON *by_name(struct apply *a, cJSON *arr, const char *arr_key, const char *name)
{
	struct did_you_mean nr;
	did_you_mean_init(&nr, name);
	cJSON *e;
	cJSON_ArrayForEach(e, arr)
	{
		const cJSON *nm = cJSON_GetObjectItemCaseSensitive(e, "name");
		if (!cJSON_IsString(nm))
			continue;
		if (strcmp(nm->valuestring, name) == 0)
			return e;
		did_you_mean_offer(&nr, nm->valuestring);
	}
	char *noun = noun_of(arr_key ? arr_key : "item");
	const char *meant = did_you_mean_best(&nr);
	if (meant)
		fail(a, "no %s '%s' (did you mean '%s'?)", noun, name, meant);
	else
		fail(a, "no %s '%s' in '%s'", noun, name, a->where);
	free(noun);
	return NULL;
}

/* Multiply every number inside 'node' (a member of the object 'parent'
 * or an element of an array) by 'f', each written as a new node. */
static void scale_all(struct apply *a, cJSON *node, double f)
{
	cJSON *c = node->child;
	while (c) {
		cJSON *next = c->next;
		if (cJSON_IsNumber(c)) {
			cJSON *v = need(cJSON_CreateNumber(c->valuedouble * f));
			mark_number(a, v);
			if (c->string)
				cJSON_ReplaceItemInObjectCaseSensitive(node, c->string,
								       v);
			else
				cJSON_ReplaceItemViaPointer(node, c, v);
			a->changed = true;
		} else if (cJSON_IsObject(c)) {
			scale_all(a, c, f);
		}
		c = next;
	}
}

/* Multiply the member 'key' of 'obj' by 'f' when it is a number;
 * 'fallback' (may be NULL) is used when the key is absent. */
static void scale_member(struct apply *a, cJSON *obj, const char *key,
			 const cJSON *fallback, double f)
{
	const cJSON *cur = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!cur)
		cur = fallback;
	if (!cur || !cJSON_IsNumber(cur))
		return;
	cJSON *v = need(cJSON_CreateNumber(cur->valuedouble * f));
	mark_number(a, v);
	put_member(obj, key, v);
	a->changed = true;
}

/* --scale on the years lo..hi of the per-year object 'obj': each year's
 * value (its own key, else "default"), and its period keys. */
static void scale_years(struct apply *a, cJSON *obj, int lo, int hi, double f)
{
	check_year(a, lo);
	if (lo != hi)
		check_year(a, hi);
	if (!a->ok)
		return;
	const cJSON *def = cJSON_GetObjectItemCaseSensitive(obj, "default");
	/* Period keys first, so the year keys added below are not seen. */
	cJSON *c = obj->child;
	while (c) {
		cJSON *next = c->next;
		if (c->string && strlen(c->string) > 4 && year_like(c->string) &&
		    strcmp(c->string, "default") != 0 && year_of(c->string) >= lo &&
		    year_of(c->string) <= hi)
			scale_member(a, obj, c->string, NULL, f);
		c = next;
	}
	for (int y = lo; y <= hi; y++) {
		char key[8];
		snprintf(key, sizeof(key), "%d", y);
		scale_member(a, obj, key, def, f);
	}
}

static double factor(const struct apply *a)
{
	double f = 1;
	num_parse_double(a->o->value, &f);
	return f;
}

static void apply_one(struct apply *a, cJSON *root, const struct path *p)
{
	cJSON *node = root, *parent = NULL;
	const char *node_key = NULL; /* 'node' is parent's member node_key ... */
	size_t node_index = 0;       /* ... or its element node_index */
	for (size_t i = 0; i < p->n && a->ok; i++) {
		const struct step *st = &p->steps[i];
		bool last = i + 1 == p->n;
		if (st->range) {
			if (cJSON_IsNumber(node))
				node = as_per_year(a, parent, node_key, node_index, node);
			if (!cJSON_IsObject(node)) {
				fail(a, "'%s' is not a per-year number", a->where);
				return;
			}
			if (a->o->kind == OVERRIDE_SCALE) {
				scale_years(a, node, st->lo, st->hi, factor(a));
			} else {
				for (int y = st->lo; y <= st->hi && a->ok; y++) {
					char key[8];
					snprintf(key, sizeof(key), "%d", y);
					check_year(a, y);
					if (a->ok)
						put_member(node, key, set_value(a));
				}
				a->changed = true;
			}
			return;
		}
		if (!st->key) {
			if (!cJSON_IsArray(node)) {
				fail(a, "'%s' is not a list", a->where);
				return;
			}
			int size = cJSON_GetArraySize(node);
			if (st->index >= (size_t)size) {
				if (size)
					fail(a, "'%s' has %d item%s, [0] to [%d]",
					     a->where, size, size == 1 ? "" : "s",
					     size - 1);
				else
					fail(a, "'%s' is empty", a->where);
				return;
			}
			where_add(a, st);
			cJSON *child = cJSON_GetArrayItem(node, (int)st->index);
			if (last) {
				if (a->o->kind == OVERRIDE_SET) {
					cJSON_ReplaceItemInArray(node, (int)st->index,
								 set_value(a));
					a->changed = true;
				} else if (cJSON_IsNumber(child)) {
					cJSON *v = need(cJSON_CreateNumber(
						child->valuedouble * factor(a)));
					mark_number(a, v);
					cJSON_ReplaceItemInArray(node, (int)st->index, v);
					a->changed = true;
				} else if (cJSON_IsObject(child)) {
					scale_all(a, child, factor(a));
				}
				return;
			}
			parent = node;
			node_key = NULL;
			node_index = st->index;
			node = child;
			continue;
		}
		/* A key. */
		if (cJSON_IsArray(node)) {
			cJSON *e = by_name(a, node, node_key, st->key);
			if (!e)
				return;
			node_index = 0;
			for (cJSON *c = node->child; c != e; c = c->next)
				node_index++;
			where_add(a, st);
			if (last) {
				fail(a, "'%s' is a whole %s; name one of its values",
				     a->where, "item");
				return;
			}
			parent = node;
			node_key = NULL;
			node = e;
			continue;
		}
		if (cJSON_IsNumber(node) && year_like(st->key) && parent)
			node = as_per_year(a, parent, node_key, node_index, node);
		if (!cJSON_IsObject(node)) {
			fail(a, "'%s' is %s, with no '%s' in it", a->where,
			     cJSON_IsNumber(node)   ? "a number"
			     : cJSON_IsString(node) ? "a string"
						    : "not an object",
			     st->key);
			return;
		}
		cJSON *child = cJSON_GetObjectItemCaseSensitive(node, st->key);
		if (!child && !year_like(st->key)) {
			struct did_you_mean nr;
			did_you_mean_init(&nr, st->key);
			for (cJSON *c = node->child; c; c = c->next)
				did_you_mean_offer(&nr, c->string);
			const char *meant = did_you_mean_best(&nr);
			if (meant) {
				fail(a, "no '%s' in '%s' (did you mean '%s'?)", st->key,
				     *a->where ? a->where : "the scenario", meant);
				return;
			}
		}
		if (year_like(st->key) && strcmp(st->key, "default") != 0 && last)
			check_year(a, year_of(st->key));
		if (!a->ok)
			return;
		where_add(a, st);
		if (last) {
			if (a->o->kind == OVERRIDE_SET) {
				put_member(node, st->key, set_value(a));
				a->changed = true;
			} else if (year_like(st->key) &&
				   strcmp(st->key, "default") != 0 &&
				   strlen(st->key) == 4) {
				int y = year_of(st->key);
				scale_years(a, node, y, y, factor(a));
			} else if (cJSON_IsNumber(child)) {
				scale_member(a, node, st->key, NULL, factor(a));
			} else if (cJSON_IsObject(child)) {
				scale_all(a, child, factor(a));
			} else if (!child) {
				fail(a,
				     "'%s' is not in the scenario (unlimited or "
				     "none): nothing to scale",
				     a->where);
				return;
			} else {
				fail(a, "'%s' is not a number or an object of numbers",
				     a->where);
				return;
			}
			return;
		}
		if (!child) {
			/* A per-year number not in the file (unlimited), or a
			 * key the loader will judge. */
			child = need(cJSON_CreateObject());
			mark(a, child, "");
			cJSON_AddItemToObject(node, st->key, child);
		}
		parent = node;
		node_key = child->string;
		node = child;
	}
}

/* The last key of 'path' and whether its first is 'first'. */
static bool starts_with_key(const char *path, const char *first)
{
	size_t n = strlen(first);
	return strncmp(path, first, n) == 0 &&
	       (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

static bool ends_with(const char *path, const char *tail)
{
	size_t n = strlen(path), m = strlen(tail);
	return n >= m && strcmp(path + n - m, tail) == 0;
}

/* A vendor's own key after its name or index: "vendors.Samsung.capacity.2025"
 * and "vendors[0].capacity" both have "capacity". */
static bool vendor_key(const char *path, const char *key)
{
	if (!starts_with_key(path, "vendors"))
		return false;
	const char *rest = path + strlen("vendors");
	if (*rest == '[') {
		rest = strchr(rest, ']');
		if (!rest)
			return false;
		rest++;
	} else if (*rest == '.') {
		rest = strchr(rest + 1, '.');
		if (!rest)
			return false;
	} else {
		return false;
	}
	return *rest == '.' && starts_with_key(rest + 1, key);
}

int override_path_loosening(const char *path)
{
	if (starts_with_key(path, "budget") || starts_with_key(path, "crews") ||
	    starts_with_key(path, "max_vendor_share") || vendor_key(path, "capacity"))
		return 1;
	if ((starts_with_key(path, "deadlines") || starts_with_key(path, "share_caps")) &&
	    ends_with(path, ".year"))
		return 1;
	if (starts_with_key(path, "share_caps") && ends_with(path, ".max_share"))
		return 1;
	if (vendor_key(path, "unit_cost") || starts_with_key(path, "site_cost") ||
	    starts_with_key(path, "cost_escalation"))
		return -1;
	return 0;
}

bool override_path_loosens(const char *path)
{
	return override_path_loosening(path) == 1;
}

enum override_unit override_path_unit(const char *path)
{
	if (ends_with(path, ".year"))
		return OVERRIDE_UNIT_YEAR;
	if (starts_with_key(path, "budget") || vendor_key(path, "unit_cost") ||
	    starts_with_key(path, "site_cost"))
		return OVERRIDE_UNIT_MONEY;
	if (vendor_key(path, "capacity"))
		return OVERRIDE_UNIT_UNITS;
	if (starts_with_key(path, "crews"))
		return OVERRIDE_UNIT_SITES;
	if (starts_with_key(path, "max_vendor_share") || ends_with(path, ".max_share"))
		return OVERRIDE_UNIT_SHARE;
	return OVERRIDE_UNIT_NUMBER;
}

bool override_path_whole(const char *path)
{
	enum override_unit u = override_path_unit(path);
	return u == OVERRIDE_UNIT_YEAR || u == OVERRIDE_UNIT_UNITS ||
	       u == OVERRIDE_UNIT_SITES;
}

bool override_apply(const struct override_list *l, cJSON *root,
		    struct override_marks *marks, struct diag *d)
{
	bool ok = true;
	const cJSON *h = cJSON_GetObjectItemCaseSensitive(root, "horizon");
	const cJSON *hs = cJSON_GetObjectItemCaseSensitive(h, "start");
	const cJSON *he = cJSON_GetObjectItemCaseSensitive(h, "end");
	for (size_t i = 0; i < l->n; i++) {
		struct apply a = {.o = &l->items[i], .marks = marks, .d = d, .ok = true};
		a.where = xstrdup("");
		if (cJSON_IsNumber(hs) && cJSON_IsNumber(he)) {
			a.have_horizon = true;
			a.start = (int)hs->valuedouble;
			a.end = (int)he->valuedouble;
		}
		struct path p = {0};
		const char *bad = path_parse(a.o->path, &p);
		if (bad)
			fail(&a, "%s", bad);
		else if (!cJSON_IsObject(root))
			fail(&a, "the scenario is not a JSON object");
		else
			apply_one(&a, root, &p);
		if (a.ok && !a.changed && a.o->kind == OVERRIDE_SCALE)
			fail(&a, "'%s' holds no number to scale", a.o->path);
		ok = ok && a.ok;
		path_finish(&p);
		free(a.where);
	}
	return ok;
}
