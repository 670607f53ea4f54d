#include "testutil.h"

#include <string.h>

#include "input/csv_dialect.h"
#include "input/save_as_csv.h"

static char delimiter(const char *line)
{
	return csv_dialect_delimiter(line, strlen(line));
}

static void csv_dialect_delimiter_should_follow_the_header_line(void **state)
{
	(void)state;
	assert_int_equal(delimiter("site_id,region,domain,vendor,units\n"), ',');
	assert_int_equal(delimiter("site_id;region;domain;vendor;units\r\n"), ';');
	/* Separators inside quotes do not count. */
	assert_int_equal(delimiter("\"a;b;c\",region,units\n"), ',');
	assert_int_equal(delimiter("site_id;\"region, name\";units\n"), ';');
	/* A comma file may have a ';' in a name, a ';' file a ',' in one. */
	assert_int_equal(delimiter("site_id,depends;on,units\n"), ',');
	assert_int_equal(delimiter("site_id;notes, misc;units;vendor\n"), ';');
	/* No separator at all: RFC 4180's comma. */
	assert_int_equal(delimiter("site_id\n"), ',');
	assert_int_equal(delimiter(""), ',');
}

static void csv_dialect_sep_line_should_read_excels_first_line(void **state)
{
	(void)state;
	assert_int_equal(csv_dialect_sep_line("sep=;\r\n", 7), ';');
	assert_int_equal(csv_dialect_sep_line("sep=,\n", 6), ',');
	assert_int_equal(csv_dialect_sep_line("sep=;", 5), ';');
	assert_int_equal(csv_dialect_sep_line("sep=|\n", 6), 0);
	assert_int_equal(csv_dialect_sep_line("sep=;;\n", 7), 0);
	assert_int_equal(csv_dialect_sep_line("site_id;sep=;\n", 14), 0);
}

/* The number 'text' reads as in a file separated by 'delim'. */
static const char *number(char delim, const char *text, char *buf)
{
	return csv_dialect_number(delim, text, buf, CSV_DIALECT_NUMBER_MAX);
}

static void
csv_dialect_number_should_take_one_decimal_comma_in_semicolon_files(void **state)
{
	(void)state;
	char buf[CSV_DIALECT_NUMBER_MAX];
	assert_string_equal(number(';', "1234,5", buf), "1234.5");
	assert_string_equal(number(';', "-0,25", buf), "-0.25");
	assert_string_equal(number(';', "1,5e3", buf), "1.5e3");
	/* A point stays a point. */
	assert_string_equal(number(';', "2.25", buf), "2.25");
	/* Thousands separators, or a comma not between digits: as written,
	 * so the number check refuses them. */
	assert_string_equal(number(';', "1.234,5", buf), "1.234,5");
	assert_string_equal(number(';', "1,234,567", buf), "1,234,567");
	assert_string_equal(number(';', ",5", buf), ",5");
	assert_string_equal(number(';', "5,", buf), "5,");
	/* A comma file never has a decimal comma. */
	assert_string_equal(number(',', "1234,5", buf), "1234,5");
	assert_string_equal(number(0, "1234,5", buf), "1234,5");
	/* The cell is never changed in place. */
	const char *cell = "7,5";
	assert_ptr_not_equal(number(';', cell, buf), cell);
	assert_string_equal(cell, "7,5");
}

static void csv_dialect_hints_should_say_why_a_comma_was_not_read(void **state)
{
	(void)state;
	assert_string_equal(csv_dialect_number_hint(';', "high"), "");
	assert_string_equal(csv_dialect_number_hint(';', "1,5"), "");
	assert_non_null(strstr(csv_dialect_number_hint(';', "1.234,5"), "thousands"));
	assert_non_null(strstr(csv_dialect_number_hint(';', "1,234,5"), "thousands"));
	assert_non_null(strstr(csv_dialect_number_hint(',', "1,5"), "separated by ';'"));
	assert_string_equal(csv_dialect_number_hint(',', "1.5x"), "");
	assert_non_null(strstr(csv_dialect_whole_hint(';', "1.200"), "thousands"));
	assert_string_equal(csv_dialect_whole_hint(',', "2.5"), "");
	assert_string_equal(csv_dialect_whole_hint(';', "-3"), "");
}

static void save_as_csv_should_know_workbooks_by_their_signature(void **state)
{
	(void)state;
	assert_non_null(strstr(save_as_csv_workbook("PK\x03\x04\x14\0\0\0", 8), ".xlsx"));
	assert_non_null(
		strstr(save_as_csv_workbook("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0", 10),
		       ".xls)"));
	assert_null(save_as_csv_workbook("PK\x03", 3));
	assert_null(save_as_csv_workbook("PKZIP,units\n", 12));
	assert_null(save_as_csv_workbook("site_id,region\n", 15));
	/* The encoding hint is given once per file. */
	bool given = false;
	assert_non_null(strstr(save_as_csv_utf8_hint(&given), "CSV UTF-8"));
	assert_true(given);
	assert_string_equal(save_as_csv_utf8_hint(&given), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_dialect_delimiter_should_follow_the_header_line),
		cmocka_unit_test(csv_dialect_sep_line_should_read_excels_first_line),
		cmocka_unit_test(
			csv_dialect_number_should_take_one_decimal_comma_in_semicolon_files),
		cmocka_unit_test(csv_dialect_hints_should_say_why_a_comma_was_not_read),
		cmocka_unit_test(save_as_csv_should_know_workbooks_by_their_signature),
	};
	return cmocka_run_group_tests_name("csv_dialect", tests, NULL, NULL);
}
