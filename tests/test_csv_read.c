#include "testutil.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/csv_read.h"
#include "util/diag.h"

/*
 * A reader over one text, named "t.csv" in messages, that logs what it is
 * given: each row as "LINE: field|field|..." and each syntax error as
 * "what at LINE:FIELD" (its field being r->n_fields + 1, as in messages).
 */
struct log {
	char *text;
	size_t len;
	FILE *out;
};

static void log_row(struct csv_read *r)
{
	struct log *lg = r->ctx;
	fprintf(lg->out, "%u:", r->row_line);
	for (size_t i = 0; i < r->n_fields; i++)
		fprintf(lg->out, "%s%s", i ? "|" : " ", csv_read_field(r, i, NULL));
	fputc('\n', lg->out);
}

static void log_syntax(struct csv_read *r, enum csv_read_syntax what, char ch,
		       const char *detail)
{
	struct log *lg = r->ctx;
	static const char *const names[] = {
		[CSV_READ_STRAY_QUOTE] = "stray quote",
		[CSV_READ_AFTER_QUOTE] = "after quote",
		[CSV_READ_PARSE] = "parse",
		[CSV_READ_UNTERMINATED] = "unterminated",
	};
	(void)detail;
	fprintf(lg->out, "%s '%c' at %u:%zu (row %u, field line %u)\n", names[what], ch,
		r->line, r->n_fields + 1, r->row_line, r->field_line);
}

/* Read 'text' with 'r' (its callbacks set here unless given); returns
 * what was logged then the problems, as diag_print() writes them. */
static char *run(struct csv_read *r, const char *text, bool *whole)
{
	char *dir = testutil_tempdir();
	free(testutil_write_file(dir, "t.csv", text));
	struct diag d;
	diag_init(&d);
	struct log lg = {0};
	lg.out = open_memstream(&lg.text, &lg.len);
	assert_non_null(lg.out);
	r->path = "t.csv";
	r->d = &d;
	if (!r->on_header)
		r->on_header = log_row;
	r->on_row = log_row;
	r->on_syntax = log_syntax;
	r->ctx = &lg;
	int dirfd = open(dir, O_RDONLY | O_DIRECTORY);
	assert_true(dirfd >= 0);
	*whole = csv_read_file(r, dirfd, "t.csv");
	close(dirfd);
	diag_print(&d, lg.out);
	assert_int_equal(fclose(lg.out), 0);
	csv_read_finish(r);
	diag_finish(&d);
	testutil_rmtree(dir);
	free(dir);
	return lg.text;
}

static void assert_read(struct csv_read *r, const char *text, bool want_whole,
			const char *want)
{
	bool whole;
	char *got = run(r, text, &whole);
	assert_string_equal(got, want);
	assert_int_equal(whole, want_whole);
	free(got);
}

/* Quoted commas, quotes and line breaks; CRLF read as LF; a row is at the
 * line where it starts; blank lines are no rows. */
static void csv_read_should_undo_quoting_and_keep_each_rows_line(void **state)
{
	(void)state;
	struct csv_read r = {0};
	assert_read(&r,
		    "a,b,c\r\n"
		    "1,\"x,y\",3\n"
		    "\"multi\r\nline\",\"q\"\"uote\",z\n"
		    "\n"
		    "  \t\n"
		    "4 , 5,6",
		    true,
		    "1: a|b|c\n"
		    "2: 1|x,y|3\n"
		    "3: multi\nline|q\"uote|z\n"
		    "7: 4|5|6\n");
	assert_true(r.header_ok);
	assert_int_equal(r.header_fields, 3);
	assert_int_equal(r.n_rows, 3);
}

static void csv_read_should_keep_spaces_and_skip_empty_rows_when_asked(void **state)
{
	(void)state;
	struct csv_read r = {.keep_spaces = true, .skip_empty_rows = true};
	assert_read(&r, "a,b\n,\n x , y\n", true, "1: a|b\n3:  x | y\n");
	assert_int_equal(r.n_rows, 1);

	/* Without skip_empty_rows, ",," is a row like any other. */
	r = (struct csv_read){0};
	assert_read(&r, "a,b\n,\n", true, "1: a|b\n2: |\n");
}

/*
 * After a syntax error the row is dropped and reading starts afresh on the
 * next line. An unterminated field is told at the end, with the line its
 * row and its field start on. A row whose field count differs from the
 * header's is reported by the reader, not given to on_row.
 */
static void csv_read_should_recover_after_syntax_errors(void **state)
{
	(void)state;
	struct csv_read r = {0};
	assert_read(&r,
		    "a,b\n"
		    "1,x\"y\n"
		    "2,\"z\"w\n"
		    "3,4,5\n"
		    "6,7\n"
		    "8,\"9\n"
		    "10\n",
		    true,
		    "1: a|b\n"
		    "stray quote '\"' at 2:2 (row 2, field line 2)\n"
		    "after quote 'w' at 3:2 (row 3, field line 3)\n"
		    "5: 6|7\n"
		    "unterminated '\"' at 7:2 (row 6, field line 6)\n"
		    "t.csv:4: row has 3 fields, the header has 2\n");
	/* Rows 2 to 6 were seen, bad or not. */
	assert_int_equal(r.n_rows, 5);
}

/* A header that does not parse leaves nothing to read rows by. */
static void csv_read_should_skip_rows_after_a_malformed_header(void **state)
{
	(void)state;
	struct csv_read r = {0};
	assert_read(&r, "a,\"b\"c\n1,2\n", true,
		    "after quote 'c' at 1:2 (row 1, field line 1)\n");
	assert_true(r.header_done);
	assert_false(r.header_ok);
	assert_int_equal(r.n_rows, 1);
}

static void csv_read_should_stop_at_a_nul_byte(void **state)
{
	(void)state;
	struct csv_read r = {0};
	bool whole;
	char *dir = testutil_tempdir();
	char *path = testutil_write_file(dir, "t.csv", "");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fwrite("a,b\n1,\0\n", 1, 8, f);
	assert_int_equal(fclose(f), 0);
	struct diag d;
	diag_init(&d);
	r.path = "t.csv";
	r.d = &d;
	r.on_header = log_row;
	r.on_row = log_row;
	r.on_syntax = log_syntax;
	struct log lg = {0};
	lg.out = open_memstream(&lg.text, &lg.len);
	r.ctx = &lg;
	whole = csv_read_file(&r, AT_FDCWD, path);
	diag_print(&d, lg.out);
	assert_int_equal(fclose(lg.out), 0);
	assert_false(whole);
	assert_string_equal(lg.text, "1: a|b\n"
				     "t.csv:2: contains a NUL byte, so it is not a CSV "
				     "text file\n");
	free(lg.text);
	csv_read_finish(&r);
	diag_finish(&d);
	free(path);
	testutil_rmtree(dir);
	free(dir);
}

static void csv_read_should_report_an_empty_or_missing_file(void **state)
{
	(void)state;
	struct csv_read r = {0};
	assert_read(&r, "\n\n", true, "t.csv: empty file, expected a header row\n");

	struct diag d;
	diag_init(&d);
	r = (struct csv_read){.path = "t.csv", .d = &d};
	assert_false(csv_read_file(&r, AT_FDCWD, "/nonexistent/t.csv"));
	assert_int_equal(diag_count(&d), 1);
	assert_string_equal(d.items[0].message, "cannot read: No such file or directory");
	csv_read_finish(&r);
	diag_finish(&d);
}

static unsigned columns_at[3];
static bool columns_ok;

static void find_columns(struct csv_read *r)
{
	static const struct csv_read_column cols[] = {
		{"year", true}, {"b", true}, {"c", false}};
	columns_ok = csv_read_columns(r, cols, 3, columns_at);
}

/* Duplicates at their field; a missing column at the header's line, with
 * a hint when only case differs; an optional one may be absent. */
static void csv_read_should_find_columns_by_name(void **state)
{
	(void)state;
	struct csv_read r = {.on_header = find_columns};
	assert_read(&r, "\nYear,b,x,b\n", true,
		    "t.csv:2: missing required column 'year' (column 1 is 'Year'; "
		    "names are case-sensitive)\n"
		    "t.csv:2:4: duplicate column 'b' (also column 2)\n");
	assert_false(columns_ok);
	assert_int_equal(columns_at[0], 0);
	assert_int_equal(columns_at[1], 2);
	assert_int_equal(columns_at[2], 0);

	r = (struct csv_read){.on_header = find_columns};
	assert_read(&r, "c,b,year\n", true, "");
	assert_true(columns_ok);
	assert_int_equal(columns_at[0], 3);
	assert_int_equal(columns_at[1], 2);
	assert_int_equal(columns_at[2], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_read_should_undo_quoting_and_keep_each_rows_line),
		cmocka_unit_test(
			csv_read_should_keep_spaces_and_skip_empty_rows_when_asked),
		cmocka_unit_test(csv_read_should_recover_after_syntax_errors),
		cmocka_unit_test(csv_read_should_skip_rows_after_a_malformed_header),
		cmocka_unit_test(csv_read_should_stop_at_a_nul_byte),
		cmocka_unit_test(csv_read_should_report_an_empty_or_missing_file),
		cmocka_unit_test(csv_read_should_find_columns_by_name),
	};
	return cmocka_run_group_tests_name("csv_read", tests, NULL, NULL);
}
