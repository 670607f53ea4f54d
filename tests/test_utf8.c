#include "testutil.h"

#include <stdint.h>
#include <string.h>

#include "util/utf8.h"

struct decode_case {
	const char *bytes;
	size_t avail;
	size_t len;  /* 0: not well-formed */
	uint32_t cp; /* when len > 0 */
};

static const struct decode_case decode_cases[] = {
	{"A", 1, 1, 'A'},
	{"\xc3\xbc", 2, 2, 0xfc},            /* ü */
	{"\xe2\x89\xa4", 3, 3, 0x2264},      /* ≤ */
	{"\xf0\x9f\x98\x80", 4, 4, 0x1f600}, /* an emoji */
	{"\xf4\x8f\xbf\xbf", 4, 4, 0x10ffff},
	{"\x80", 1, 0, 0},             /* stray continuation byte */
	{"\xc0\xaf", 2, 0, 0},         /* overlong '/' */
	{"\xe0\x80\xaf", 3, 0, 0},     /* overlong, three bytes */
	{"\xed\xa0\x80", 3, 0, 0},     /* surrogate U+D800 */
	{"\xf4\x90\x80\x80", 4, 0, 0}, /* past U+10FFFF */
	{"\xe2\x89", 2, 0, 0},         /* cut short by the length */
	{"\xe2\x89", SIZE_MAX, 0, 0},  /* cut short by the NUL */
	{"\xff", 1, 0, 0},
};

static void utf8_next_should_decode_only_well_formed_sequences(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(decode_cases) / sizeof(decode_cases[0]); i++) {
		const struct decode_case *c = &decode_cases[i];
		uint32_t cp = 0;
		size_t n = utf8_next(c->bytes, c->avail, &cp);
		if (n != c->len || (n && cp != c->cp))
			fail_msg("case %zu: got length %zu, U+%04X; expected %zu, U+%04X",
				 i, n, (unsigned)cp, c->len, (unsigned)c->cp);
	}
	assert_int_equal(utf8_next("A", 0, NULL), 0);
}

static void utf8_valid_should_check_every_byte(void **state)
{
	(void)state;
	assert_true(utf8_valid("Z\xc3\xbcrich", 7));
	assert_true(utf8_valid("", 0));
	assert_false(utf8_valid("Z\xc3\xbcrich\xff", 8));
	/* A sequence cut at the end of the field, not of the buffer. */
	assert_false(utf8_valid("ab\xc3\xbc", 3));
	/* NUL is ASCII: the length, not a terminator, ends the text. */
	assert_true(utf8_valid("a\0b", 3));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_next_should_decode_only_well_formed_sequences),
		cmocka_unit_test(utf8_valid_should_check_every_byte),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
