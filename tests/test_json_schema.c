#include "testutil.h"

#include <cjson/cJSON.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/json_doc.h"
#include "input/json_schema.h"
#include "util/diag.h"

/* One JSON text loaded from a temporary folder, named "t.json" in
 * messages, with a reader on it. */
struct fixture {
	char *dir;
	struct diag d;
	struct json_doc doc;
	struct json_schema r;
	bool loaded;
};

static void load(struct fixture *f, const char *text)
{
	f->dir = testutil_tempdir();
	free(testutil_write_file(f->dir, "t.json", text));
	diag_init(&f->d);
	int dirfd = open(f->dir, O_RDONLY | O_DIRECTORY);
	assert_true(dirfd >= 0);
	f->loaded = json_doc_load(&f->doc, dirfd, "t.json", "t.json", &f->d);
	close(dirfd);
	json_schema_init(&f->r, &f->doc, &f->d);
}

/* The problems so far, as diag_print() writes them (free it). */
static char *problems(struct fixture *f)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	diag_print(&f->d, out);
	assert_int_equal(fclose(out), 0);
	return text;
}

static void assert_problems(struct fixture *f, const char *want)
{
	char *got = problems(f);
	assert_string_equal(got, want);
	free(got);
}

static void finish(struct fixture *f)
{
	json_schema_finish(&f->r);
	json_doc_finish(&f->doc);
	diag_finish(&f->d);
	testutil_rmtree(f->dir);
	free(f->dir);
}

static const cJSON *member(const cJSON *object, const char *key)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(object, key);
	assert_non_null(m);
	return m;
}

static void json_doc_should_locate_a_syntax_error(void **state)
{
	(void)state;
	struct fixture f;
	load(&f, "{\n  \"a\": 01\n}\n");
	assert_false(f.loaded);
	assert_null(f.doc.root);
	assert_problems(&f, "t.json:2:8: malformed JSON: invalid number '01'\n");
	finish(&f);
}

static void json_doc_should_say_why_a_file_cannot_be_read(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d);
	struct json_doc doc;
	assert_false(json_doc_load(&doc, AT_FDCWD, "/nonexistent/t.json", "t.json", &d));
	assert_null(doc.root);
	json_doc_finish(&doc);
	assert_int_equal(diag_count(&d), 1);
	assert_string_equal(d.items[0].message, "cannot read: No such file or directory");
	assert_int_equal(d.items[0].line, 0);
	diag_finish(&d);
}

/* Unknown and repeated keys where they stand; a missing one at the line of
 * its object, without a column. */
static void json_schema_should_check_the_keys_of_an_object(void **state)
{
	(void)state;
	static const struct json_key keys[] = {{"a", true}, {"b", false}, {"c", true}};
	struct fixture f;
	load(&f, "{\n  \"a\": 1,\n  \"b\": \"x\",\n\t\"a\": 2,\n  \"zz\": true\n}\n");
	assert_true(f.loaded);
	const cJSON *found[3];
	assert_true(json_schema_object(&f.r, f.doc.root, keys, 3, found));
	assert_non_null(found[0]);
	assert_double_near(found[0]->valuedouble, 1, 0);
	assert_string_equal(found[1]->valuestring, "x");
	assert_null(found[2]);
	assert_problems(&f, "t.json:1: missing required key 'c'\n"
			    "t.json:4:2: duplicate key 'a'\n"
			    "t.json:5:3: unknown key 'zz'\n");
	/* The path is back at the root. */
	assert_string_equal(f.r.path, "");
	finish(&f);
}

/* pick ignores keys it was not asked for, and still reports a repeat of
 * one it was. */
static void json_schema_should_pick_members_from_an_open_object(void **state)
{
	(void)state;
	static const struct json_key keys[] = {{"status", true}, {"exposure", true}};
	struct fixture f;
	load(&f, "{\"other\": [1], \"status\": \"optimal\", \"status\": \"x\"}");
	const cJSON *found[2];
	json_schema_pick(&f.r, f.doc.root, keys, 2, found);
	assert_string_equal(found[0]->valuestring, "optimal");
	assert_null(found[1]);
	assert_problems(&f, "t.json:1: missing required key 'exposure'\n"
			    "t.json:1:37: duplicate key 'status'\n");
	finish(&f);
}

/* Each typed read names the key's path, what it expects and what it
 * found, at the member's key. */
static void json_schema_should_report_wrong_values_with_their_path(void **state)
{
	(void)state;
	static const struct json_number share = {
		.min = 0, .max = 1, .text = "a number in [0, 1]"};
	static const struct json_number below_one = {
		.min = 0, .max = 1, .max_open = true, .text = "a number in [0, 1)"};
	struct fixture f;
	load(&f,
	     "{\"v\": [\n"
	     "  {\"n\": 5, \"r\": 1e999, \"s\": 2, \"u\": 1,\n"
	     "   \"y\": 2024.5, \"ok\": \"yes\", \"e\": \"\", \"o\": [], \"z\": null}\n"
	     "]}\n");
	const cJSON *v0 = cJSON_GetArrayItem(member(f.doc.root, "v"), 0);
	size_t outer = json_schema_key(&f.r, "v");
	size_t index = json_schema_index(&f.r, 0);
	const char *text;
	double x;
	int year;
	bool b;
	size_t mark = json_schema_key(&f.r, "n");
	assert_false(json_schema_string(&f.r, member(v0, "n"), true, &text));
	json_schema_pop(&f.r, mark);
	mark = json_schema_key(&f.r, "r");
	assert_false(json_schema_number(&f.r, member(v0, "r"), &share, &x));
	json_schema_pop(&f.r, mark);
	mark = json_schema_key(&f.r, "s");
	assert_false(json_schema_number(&f.r, member(v0, "s"), &share, &x));
	json_schema_pop(&f.r, mark);
	mark = json_schema_key(&f.r, "u");
	assert_false(json_schema_number(&f.r, member(v0, "u"), &below_one, &x));
	json_schema_pop(&f.r, mark);
	mark = json_schema_key(&f.r, "y");
	assert_false(json_schema_year(&f.r, member(v0, "y"), &year));
	json_schema_pop(&f.r, mark);
	mark = json_schema_key(&f.r, "ok");
	assert_false(json_schema_bool(&f.r, member(v0, "ok"), &b));
	json_schema_pop(&f.r, mark);
	mark = json_schema_key(&f.r, "e");
	assert_false(json_schema_string(&f.r, member(v0, "e"), false, &text));
	json_schema_pop(&f.r, mark);
	mark = json_schema_key(&f.r, "o");
	assert_false(json_schema_object(&f.r, member(v0, "o"), NULL, 0, NULL));
	json_schema_pop(&f.r, mark);
	mark = json_schema_key(&f.r, "z");
	assert_false(json_schema_number(&f.r, member(v0, "z"), &share, &x));
	json_schema_pop(&f.r, mark);
	json_schema_pop(&f.r, index);
	json_schema_pop(&f.r, outer);
	assert_string_equal(f.r.path, "");
	assert_problems(
		&f, "t.json:2:4: 'v[0].n' must be a string, not a number\n"
		    "t.json:2:12: 'v[0].r' must be a finite number, not '1e999'\n"
		    "t.json:2:24: 'v[0].s' must be a number in [0, 1], not '2'\n"
		    "t.json:2:32: 'v[0].u' must be a number in [0, 1), not '1'\n"
		    "t.json:3:4: 'v[0].y' must be a whole year from 1000 to 9999, not "
		    "'2024.5'\n"
		    "t.json:3:17: 'v[0].ok' must be true or false, not a string\n"
		    "t.json:3:30: 'v[0].e' must not be empty\n"
		    "t.json:3:39: 'v[0].o' must be an object, not an array\n"
		    "t.json:3:48: 'v[0].z' must be a number in [0, 1], not null\n");
	finish(&f);
}

static void json_schema_should_read_good_values(void **state)
{
	(void)state;
	static const struct json_number any = {
		.min = -INFINITY, .max = INFINITY, .null_ok = true, .text = "a number"};
	struct fixture f;
	load(&f, "{\"y\": 2024, \"m\": -0, \"z\": null, \"t\": true, \"s\": \"\"}");
	int year = 0;
	double x = 1;
	bool b = false;
	const char *text = NULL;
	assert_true(json_schema_year(&f.r, member(f.doc.root, "y"), &year));
	assert_int_equal(year, 2024);
	assert_true(json_schema_number(&f.r, member(f.doc.root, "m"), &any, &x));
	assert_true(x == 0 && !signbit(x));
	assert_true(json_schema_number(&f.r, member(f.doc.root, "z"), &any, &x));
	assert_true(isnan(x));
	assert_true(json_schema_bool(&f.r, member(f.doc.root, "t"), &b));
	assert_true(b);
	assert_true(json_schema_string(&f.r, member(f.doc.root, "s"), true, &text));
	assert_string_equal(text, "");
	assert_int_equal(diag_count(&f.d), 0);
	assert_int_equal(json_schema_line(&f.r, member(f.doc.root, "t")), 1);
	finish(&f);
}

/* A long value is cut at a character boundary and ends with "...". */
static void json_schema_should_quote_long_values_whole_characters(void **state)
{
	(void)state;
	struct fixture f;
	load(&f, "{\"s\": \"abc\u00e9\u00e9\u00e9\"}");
	char buf[8];
	/* 9 bytes; 7 fit, so 4 are kept for "...", less the half 'é'. */
	json_schema_string_text(member(f.doc.root, "s"), buf, sizeof(buf));
	assert_string_equal(buf, "abc...");
	char whole[16];
	json_schema_string_text(member(f.doc.root, "s"), whole, sizeof(whole));
	assert_string_equal(whole, "abc\u00e9\u00e9\u00e9");
	finish(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_doc_should_locate_a_syntax_error),
		cmocka_unit_test(json_doc_should_say_why_a_file_cannot_be_read),
		cmocka_unit_test(json_schema_should_check_the_keys_of_an_object),
		cmocka_unit_test(json_schema_should_pick_members_from_an_open_object),
		cmocka_unit_test(json_schema_should_report_wrong_values_with_their_path),
		cmocka_unit_test(json_schema_should_read_good_values),
		cmocka_unit_test(json_schema_should_quote_long_values_whole_characters),
	};
	return cmocka_run_group_tests_name("json_schema", tests, NULL, NULL);
}
