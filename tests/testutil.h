/*
 * testutil: helpers shared by the cmocka tests.
 *
 * cmocka 1.1.5 has no double assertion (assert_float_equal casts to
 * float); assert_double_near compares with an explicit tolerance and prints
 * both values.
 */
#ifndef PHASEOUT_TESTUTIL_H
#define PHASEOUT_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#define assert_double_near(a, b, tol) \
	testutil_assert_double_near((a), (b), (tol), __FILE__, __LINE__)

void testutil_assert_double_near(double a, double b, double tol, const char *file,
				 int line);

/* testutil_write_file: write 'text' to 'dir/name', creating it; returns
 * the full path (free it). Fails the test on error. */
char *testutil_write_file(const char *dir, const char *name, const char *text);

/* testutil_tempdir: a fresh temporary folder (free the path; remove it
 * with testutil_rmtree). */
char *testutil_tempdir(void);
void testutil_rmtree(const char *dir);

/* A cmocka setup and teardown pair: the test runs with a fresh temporary
 * folder as its current directory, removed after it. */
int testutil_enter_tempdir(void **state);
int testutil_leave_tempdir(void **state);

#endif
