#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "util/diag.h"

static char *print_to_string(struct diag *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	diag_print(d, f);
	fclose(f);
	return buf;
}

static void diag_should_sort_by_file_order_then_line_and_column(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d);
	diag_add(&d, "scenario.json", 9, 0, "late '%s'", "x");
	diag_add(&d, "sites.csv", 2, 5, "b");
	diag_add(&d, "sites.csv", 2, 1, "a");
	diag_add(&d, "scenario.json", 3, 7, "early");
	diag_add(&d, "scenario.json", 0, 0, "whole file");
	assert_int_equal(diag_count(&d), 5);
	char *out = print_to_string(&d);
	assert_string_equal(out, "scenario.json: whole file\n"
				 "scenario.json:3:7: early\n"
				 "scenario.json:9: late 'x'\n"
				 "sites.csv:2:1: a\n"
				 "sites.csv:2:5: b\n");
	free(out);
	diag_finish(&d);
}

static void diag_should_keep_order_of_addition_on_ties(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d);
	diag_add(&d, "f", 1, 1, "first");
	diag_add(&d, "f", 1, 1, "second");
	char *out = print_to_string(&d);
	assert_string_equal(out, "f:1:1: first\nf:1:1: second\n");
	free(out);
	diag_finish(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diag_should_sort_by_file_order_then_line_and_column),
		cmocka_unit_test(diag_should_keep_order_of_addition_on_ties),
	};
	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
