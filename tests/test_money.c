#include "testutil.h"

#include <string.h>

#include "util/money.h"

struct cents_case {
	double value;
	int64_t cents;
};

/* Ties go away from zero; a value just short of a tie in binary (1.005 is
 * 1.00499999999999989...) goes down, whatever value * 100 rounds to. */
static const struct cents_case cents_cases[] = {
	{0, 0},
	{0.125, 13},
	{-0.125, -13},
	{0.375, 38},
	{1.005, 100},
	{2.675, 267},
	{0.285, 28},
	{0.005, 1},
	{-0.005, -1},
	{0.0049999, 0},
	{1234567.891, 123456789},
	{1e15, 100000000000000000},
	{-1e15, -100000000000000000},
	{1e300, MONEY_CENTS_LIMIT},
	{-1e300, -MONEY_CENTS_LIMIT},
};

static void money_cents_should_round_half_away_from_zero_once(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cents_cases) / sizeof(cents_cases[0]); i++) {
		int64_t got = money_cents(cents_cases[i].value);
		if (got != cents_cases[i].cents)
			fail_msg("%.17g: expected %lld cents, got %lld",
				 cents_cases[i].value, (long long)cents_cases[i].cents,
				 (long long)got);
	}
}

static void money_format_should_print_whole_cents(void **state)
{
	(void)state;
	char buf[MONEY_BUF];
	money_format(buf, sizeof(buf), -123456);
	assert_string_equal(buf, "-1234.56");
	money_format(buf, sizeof(buf), 5);
	assert_string_equal(buf, "0.05");
	money_format(buf, sizeof(buf), 0);
	assert_string_equal(buf, "0.00");
	money_format(buf, sizeof(buf), MONEY_CENTS_LIMIT);
	assert_string_equal(buf, "46116860184273879.03");
	money_format_grouped(buf, sizeof(buf), 123456789);
	assert_string_equal(buf, "1,234,567.89");
	money_format_grouped(buf, sizeof(buf), -100000);
	assert_string_equal(buf, "-1,000.00");
	money_format_grouped(buf, sizeof(buf), -MONEY_CENTS_LIMIT);
	assert_string_equal(buf, "-46,116,860,184,273,879.03");
}

/* Sums of rounded cells: 100,000 cells of 0.004 are 0 cents, not 400. */
static void money_cents_should_round_each_cell_not_the_sum(void **state)
{
	(void)state;
	int64_t sum = 0;
	for (int i = 0; i < 100000; i++)
		sum += money_cents(0.004);
	assert_int_equal(sum, 0);
	assert_true(money_value(12345) == 123.45);
}

/* Money in a sentence: the currency, grouped, with cents, in every report. */
static void money_format_text_should_name_the_currency_and_group(void **state)
{
	(void)state;
	char buf[64];
	money_format_text(buf, sizeof(buf), "GBP", 190000);
	assert_string_equal(buf, "GBP 1,900.00");
	money_format_text(buf, sizeof(buf), "GBP", 39300000);
	assert_string_equal(buf, "GBP 393,000.00");
	money_format_text(buf, sizeof(buf), "EUR", 1250);
	assert_string_equal(buf, "EUR 12.50");
	money_format_text(buf, sizeof(buf), "EUR", -123456705);
	assert_string_equal(buf, "EUR -1,234,567.05");
	money_format_short(buf, sizeof(buf), "GBP", 12345678);
	assert_string_equal(buf, "GBP 12.3m");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(money_cents_should_round_half_away_from_zero_once),
		cmocka_unit_test(money_format_should_print_whole_cents),
		cmocka_unit_test(money_cents_should_round_each_cell_not_the_sum),
		cmocka_unit_test(money_format_text_should_name_the_currency_and_group),
	};
	return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
