#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static void strmap_should_intern_in_insertion_order(void **state)
{
	(void)state;
	struct strpool pool;
	struct strmap map;
	strpool_init(&pool);
	strmap_init(&map);
	char key[32];
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "site-%d", i);
		int added = 0;
		assert_int_equal(strmap_intern(&map, strpool_dup(&pool, key), &added), i);
		assert_true(added);
	}
	int added = 1;
	assert_int_equal(strmap_intern(&map, "site-17", &added), 17);
	assert_false(added);
	assert_int_equal(strmap_find(&map, "site-999"), 999);
	assert_int_equal(strmap_find(&map, "Site-1"), -1);
	assert_string_equal(map.names[3], "site-3");
	strmap_finish(&map);
	strpool_finish(&pool);
}

static void strpool_should_hold_strings_larger_than_a_chunk(void **state)
{
	(void)state;
	struct strpool pool;
	strpool_init(&pool);
	size_t len = 200000;
	char *big = xmalloc(len + 1);
	memset(big, 'x', len);
	big[len] = '\0';
	const char *a = strpool_dup(&pool, "small");
	const char *b = strpool_dup(&pool, big);
	const char *c = strpool_dupn(&pool, "abcdef", 3);
	assert_string_equal(a, "small");
	assert_int_equal(strlen(b), len);
	assert_string_equal(c, "abc");
	free(big);
	strpool_finish(&pool);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strmap_should_intern_in_insertion_order),
		cmocka_unit_test(strpool_should_hold_strings_larger_than_a_chunk),
	};
	return cmocka_run_group_tests_name("xalloc", tests, NULL, NULL);
}
