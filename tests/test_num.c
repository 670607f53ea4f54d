#include "testutil.h"

#include <string.h>

#include "util/money.h"
#include "util/num.h"

struct double_case {
	const char *text;
	bool ok;
	double value;
};

static const struct double_case double_cases[] = {
	{"0", true, 0},      {"150e6", true, 150e6}, {"-0.5", true, -0.5},
	{".25", true, 0.25}, {"+3", true, 3},        {"", false, 0},
	{" 1", false, 0},    {"1 ", false, 0},       {"1,5", false, 0},
	{"1e999", false, 0}, {"inf", false, 0},      {"nan", false, 0},
	{"0x10", false, 0},  {"abc", false, 0},      {"-", false, 0},
};

static void num_parse_double_should_follow_the_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(double_cases) / sizeof(double_cases[0]); i++) {
		double v = 42;
		bool ok = num_parse_double(double_cases[i].text, &v);
		if (ok != double_cases[i].ok)
			fail_msg("'%s': expected %s", double_cases[i].text,
				 double_cases[i].ok ? "success" : "failure");
		assert_double_near(v, ok ? double_cases[i].value : 42, 0);
	}
}

static void num_parse_int64_should_reject_fractions_and_overflow(void **state)
{
	(void)state;
	int64_t v = 7;
	assert_true(num_parse_int64("12", &v));
	assert_int_equal(v, 12);
	assert_false(num_parse_int64("1.5", &v));
	assert_false(num_parse_int64("1e3", &v));
	assert_false(num_parse_int64("", &v));
	assert_false(num_parse_int64("99999999999999999999", &v));
	assert_int_equal(v, 12);
}

static void num_format_money_should_group_thousands(void **state)
{
	(void)state;
	char buf[64];
	num_format_money(buf, sizeof(buf), 1234567.5);
	assert_string_equal(buf, "1,234,567.50");
	num_format_money(buf, sizeof(buf), -999.994);
	assert_string_equal(buf, "-999.99");
	num_format_money(buf, sizeof(buf), 0);
	assert_string_equal(buf, "0.00");
}

static void num_format_short_should_use_suffixes(void **state)
{
	(void)state;
	char buf[64];
	num_format_short(buf, sizeof(buf), 1234567);
	assert_string_equal(buf, "1.23m");
	num_format_short(buf, sizeof(buf), 45600);
	assert_string_equal(buf, "45.6k");
	num_format_short(buf, sizeof(buf), 12);
	assert_string_equal(buf, "12");
	num_format_short(buf, sizeof(buf), 4.98e9);
	assert_string_equal(buf, "4.98bn");
}

/* Four figures for the break-even budget ("GBP 178.8m", issue 16), with
 * the same move up a suffix when rounding reaches 1000. */
static void num_format_short_digits_should_keep_four_figures(void **state)
{
	(void)state;
	char buf[64];
	num_format_short_digits(buf, sizeof(buf), 178812345, 4);
	assert_string_equal(buf, "178.8m");
	num_format_short_digits(buf, sizeof(buf), 275.0977, 4);
	assert_string_equal(buf, "275.1");
	num_format_short_digits(buf, sizeof(buf), 999960, 4);
	assert_string_equal(buf, "1m");
	num_format_short_digits(buf, sizeof(buf), 1234567, 3);
	assert_string_equal(buf, "1.23m");
	money_format_brief(buf, sizeof(buf), "GBP", 178812345);
	assert_string_equal(buf, "GBP 178.8m");
}

/* "%.3g" rounds 999999 to 1000k; the figure must move up a suffix. */
static void num_format_short_should_move_up_a_suffix_at_1000(void **state)
{
	(void)state;
	static const struct {
		double value;
		const char *text;
	} cases[] = {
		{999999, "1m"}, {999499, "999k"},   {999.9995, "1k"},
		{999, "999"},   {999999999, "1bn"}, {-999999, "-1m"},
		{999500, "1m"}, {1.5e12, "1500bn"}, {999.4e9, "999bn"},
		{1000, "1k"},   {0, "0"},           {12345678, "12.3m"},
	};
	char buf[64];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		num_format_short(buf, sizeof(buf), cases[i].value);
		if (strcmp(buf, cases[i].text) != 0)
			fail_msg("%.17g: got '%s', expected '%s'", cases[i].value, buf,
				 cases[i].text);
	}
}

/* Counts read the same in every report: "1,155 units", never "1155". */
static void num_format_quantity_should_group_and_drop_empty_decimals(void **state)
{
	(void)state;
	char buf[64];
	num_format_quantity(buf, sizeof(buf), 1155);
	assert_string_equal(buf, "1,155");
	num_format_quantity(buf, sizeof(buf), 1234.5);
	assert_string_equal(buf, "1,234.5");
	num_format_quantity(buf, sizeof(buf), 1234.56);
	assert_string_equal(buf, "1,234.56");
	num_format_quantity(buf, sizeof(buf), 0);
	assert_string_equal(buf, "0");
	num_format_quantity(buf, sizeof(buf), 0.000123);
	assert_string_equal(buf, "0.000123");
	num_format_count(buf, sizeof(buf), 1, "site", "sites");
	assert_string_equal(buf, "1 site");
	num_format_count(buf, sizeof(buf), 1155, "unit", "units");
	assert_string_equal(buf, "1,155 units");
}

/* A --vary value reads as one would type it back: never "1.9e+07", never
 * "7.8125e+06" for a bisection's midpoint. */
static void num_format_plain_should_write_values_as_typed(void **state)
{
	(void)state;
	static const struct {
		double value;
		const char *text;
	} cases[] = {
		{19000000, "19000000"},
		{0, "0"},
		{-3, "-3"},
		{2025, "2025"},
		{45.3125, "45.3125"},
		{57.03125, "57.0312"},
		{0.85, "0.85"},
		{7812500.5, "7812500.50"},
		{12345.678, "12345.68"},
		{9999.5, "9999.5"},
	};
	char buf[64];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		num_format_plain(buf, sizeof(buf), cases[i].value);
		if (strcmp(buf, cases[i].text) != 0)
			fail_msg("%.17g: got '%s', expected '%s'", cases[i].value, buf,
				 cases[i].text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(num_parse_double_should_follow_the_table),
		cmocka_unit_test(num_parse_int64_should_reject_fractions_and_overflow),
		cmocka_unit_test(num_format_money_should_group_thousands),
		cmocka_unit_test(num_format_short_digits_should_keep_four_figures),
		cmocka_unit_test(num_format_short_should_use_suffixes),
		cmocka_unit_test(num_format_short_should_move_up_a_suffix_at_1000),
		cmocka_unit_test(
			num_format_quantity_should_group_and_drop_empty_decimals),
		cmocka_unit_test(num_format_plain_should_write_values_as_typed),
	};
	return cmocka_run_group_tests_name("num", tests, NULL, NULL);
}
