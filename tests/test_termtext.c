#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/termtext.h"

struct text_case {
	const char *in;
	const char *out;
};

static const struct text_case cases[] = {
	{"plain text, 123", "plain text, 123"},
	{"Gen\xc3\xa8ve \xe5\x8c\x97\xe4\xba\xac \xf0\x9f\x93\xa1", /* valid UTF-8 kept */
	 "Gen\xc3\xa8ve \xe5\x8c\x97\xe4\xba\xac \xf0\x9f\x93\xa1"},
	{"\x1b]0;title\x07", "\\x1b]0;title\\x07"},
	{"\x1b]52;c;Zm9v\x07", "\\x1b]52;c;Zm9v\\x07"},
	{"a\tb\nc\rd", "a\\tb\\nc\\rd"},
	{"\x01\x1f\x7f", "\\x01\\x1f\\x7f"},
	{"csi \xc2\x9b"
	 "31m, nel \xc2\x85",
	 "csi \\u009b31m, nel \\u0085"},
	{"rtl \xe2\x80\xae, ls \xe2\x80\xa8", "rtl \\u202e, ls \\u2028"},
	{"raw \x9b c1 byte", "raw \\x9b c1 byte"},
	{"bad \xff\xfe", "bad \\xff\\xfe"},
	{"overlong \xc0\xaf", "overlong \\xc0\\xaf"},
	{"surrogate \xed\xa0\x80", "surrogate \\xed\\xa0\\x80"},
	{"too big \xf4\x90\x80\x80", "too big \\xf4\\x90\\x80\\x80"},
	{"cut \xe2\x80", "cut \\xe2\\x80"},
	{"", ""},
};

static bool has_control_bytes(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f ||
		    (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return true;
	return false;
}

static void termtext_dup_should_show_controls_and_bad_utf8(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = termtext_dup(cases[i].in);
		if (strcmp(got, cases[i].out) != 0)
			fail_msg("case %zu: expected '%s', got '%s'", i, cases[i].out,
				 got);
		assert_false(has_control_bytes(got));
		free(got);
	}
	char *empty = termtext_dup(NULL);
	assert_string_equal(empty, "");
	free(empty);
}

/* Every byte value, alone and after a lead byte: nothing unsafe gets out. */
static void termtext_dup_should_never_pass_a_control_byte(void **state)
{
	(void)state;
	for (int a = 1; a < 256; a++)
		for (int b = 1; b < 256; b++) {
			char in[3] = {(char)a, (char)b, 0};
			char *got = termtext_dup(in);
			if (has_control_bytes(got))
				fail_msg("bytes %02x %02x gave '%s'", a, b, got);
			free(got);
		}
}

static void termtext_width_should_count_characters(void **state)
{
	(void)state;
	assert_int_equal(termtext_width("Gen\xc3\xa8ve"), 6);
	assert_int_equal(termtext_width("\\x1b"), 4);
}

/* The table every report prints: what a user sees, byte for byte. */
static char *print_table(struct termtext_table *t)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	assert_non_null(f);
	termtext_table_print(t, f);
	assert_int_equal(fclose(f), 0);
	return text;
}

static void termtext_table_should_align_by_characters_not_bytes(void **state)
{
	(void)state;
	struct termtext_table t;
	termtext_table_init(&t, "lrr", 2);
	const char *cells[] = {"region", "sites",     "units", "Zürich", "1,808",
			       "",       "a\x1b[2Jb", "7",     "14,087"};
	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++)
		termtext_table_add(&t, cells[i]);
	char *text = print_table(&t);
	/* "Zürich" is 6 characters, 7 bytes; an empty last cell leaves no
	 * trailing spaces; ESC is shown, and its width counted, as \x1b. */
	assert_string_equal(text, "  region     sites   units\n"
				  "  Zürich     1,808\n"
				  "  a\\x1b[2Jb      7  14,087\n");
	free(text);
	/* Printing empties the table: it can be filled again. */
	termtext_table_add(&t, "x");
	termtext_table_add(&t, "1");
	termtext_table_add(&t, "2");
	text = print_table(&t);
	assert_string_equal(text, "  x  1  2\n");
	free(text);
	termtext_table_finish(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(termtext_dup_should_show_controls_and_bad_utf8),
		cmocka_unit_test(termtext_dup_should_never_pass_a_control_byte),
		cmocka_unit_test(termtext_width_should_count_characters),
		cmocka_unit_test(termtext_table_should_align_by_characters_not_bytes),
	};
	return cmocka_run_group_tests_name("termtext", tests, NULL, NULL);
}
