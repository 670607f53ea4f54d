#include "testutil.h"

#include <string.h>

#include "util/period.h"

static void date_parse_should_take_real_dates_only(void **state)
{
	(void)state;
	struct date d = {0, 0, 0};
	assert_true(date_parse("2023-07-31", &d));
	assert_int_equal(d.year, 2023);
	assert_int_equal(d.month, 7);
	assert_int_equal(d.day, 31);
	assert_true(date_parse("2024-02-29", &d));
	const char *bad[] = {"2023-02-29", "2023-02-30", "2023-13-01",  "2023-00-10",
			     "2023-7-31",  "2023",       "2023-07-31 ", "1900-02-29",
			     "0999-01-01", "2023/07/31"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (date_parse(bad[i], &d))
			fail_msg("'%s' was taken as a date", bad[i]);
	assert_true(date_parse("2000-02-29", &d));
}

static void date_add_months_should_keep_the_day_or_take_the_last(void **state)
{
	(void)state;
	struct date d = date_add_months((struct date){2023, 1, 31}, 1);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 28);
	d = date_add_months((struct date){2022, 7, 15}, 12 + 6 * 6);
	assert_int_equal(d.year, 2026);
	assert_int_equal(d.month, 7);
	assert_int_equal(d.day, 15);
	/* In one step: 31 Aug + 6 months is 28 Feb, + 12 is 31 Aug again. */
	d = date_add_months((struct date){2023, 8, 31}, 18);
	assert_int_equal(d.year, 2025);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 28);
	d = date_add_months((struct date){2023, 1, 10}, -13);
	assert_int_equal(d.year, 2021);
	assert_int_equal(d.month, 12);
}

static void binding_end_should_be_the_last_period_end_on_or_before(void **state)
{
	(void)state;
	/* 31 Jul 2023 with quarters from 2021: inside 2023-Q3, binds at Q2. */
	struct date jul31 = {2023, 7, 31};
	assert_int_equal(period_of_date(2021, 4, jul31), 10);
	assert_int_equal(period_binding_end(2021, 4, jul31), 9);
	assert_int_equal(period_binding_end(2021, 12, jul31), 30);
	assert_int_equal(period_binding_end(2021, 1, jul31), 1);
	assert_int_equal(period_binding_end(2021, 1, (struct date){2023, 12, 31}), 2);
	struct date end = period_end_date(2021, 4, 9);
	assert_int_equal(end.month, 6);
	assert_int_equal(end.day, 30);
	/* Before the horizon the cut goes on. */
	assert_int_equal(period_binding_end(2021, 12, (struct date){2020, 12, 30}), -2);
	assert_int_equal(period_binding_end(2021, 1, (struct date){2020, 12, 31}), -1);
	struct date s = period_start_date(2021, 12, -1);
	assert_int_equal(s.year, 2020);
	assert_int_equal(s.month, 12);
	assert_int_equal(period_year(2021, 4, -1), 2020);
}

static void labels_should_round_trip(void **state)
{
	(void)state;
	char buf[16];
	const struct {
		int per_year, p;
		const char *label;
	} cases[] = {{1, 3, "2024"},
		     {2, 7, "2024-H2"},
		     {4, 14, "2024-Q3"},
		     {12, 42, "2024-07"}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		period_label(2021, cases[i].per_year, cases[i].p, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].label);
		int year, sub;
		assert_int_equal(period_parse_label(buf, &year, &sub), cases[i].per_year);
		assert_int_equal(period_index(2021, cases[i].per_year, year, sub),
				 cases[i].p);
	}
	int year, sub;
	const char *bad[] = {"2024-q3", "2024-Q5", "2024-7", "2024-H3", "2024-13",
			     "2024-00", "24-Q1",   "2024-Q", "2024Q1",  "0999"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (period_parse_label(bad[i], &year, &sub))
			fail_msg("'%s' was taken as a period label", bad[i]);
	assert_int_equal(period_kind_parse("quarter"), 4);
	assert_int_equal(period_kind_parse("week"), 0);
	assert_string_equal(period_kind_name(12), "month");
	date_format_long((struct date){2023, 1, 28}, buf, sizeof(buf));
	assert_string_equal(buf, "28 Jan 2023");
	assert_true(period_t(4, 10) == 2.5);
}

/* Day numbers step by one from each day to the next, across month ends,
 * leap days and year ends, so their difference counts days. */
static void date_day_number_should_count_days(void **state)
{
	(void)state;
	struct date d = {1999, 12, 31};
	long n = date_day_number(d);
	for (int i = 0; i < 3 * 366 + 400; i++) {
		struct date next = d;
		if (++next.day > date_days_in_month(next.year, next.month)) {
			next.day = 1;
			if (++next.month > 12) {
				next.month = 1;
				next.year++;
			}
		}
		assert_int_equal(date_day_number(next), n + 1);
		d = next;
		n++;
	}
	assert_int_equal(date_day_number((struct date){2024, 3, 1}) -
				 date_day_number((struct date){2024, 2, 1}),
			 29);
	assert_int_equal(date_day_number((struct date){2100, 3, 1}) -
				 date_day_number((struct date){2100, 2, 1}),
			 28);
	assert_int_equal(date_day_number((struct date){2025, 1, 1}) -
				 date_day_number((struct date){2024, 1, 1}),
			 366);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(date_parse_should_take_real_dates_only),
		cmocka_unit_test(date_add_months_should_keep_the_day_or_take_the_last),
		cmocka_unit_test(binding_end_should_be_the_last_period_end_on_or_before),
		cmocka_unit_test(labels_should_round_trip),
		cmocka_unit_test(date_day_number_should_count_days),
	};
	return cmocka_run_group_tests_name("period", tests, NULL, NULL);
}
