#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/xalloc.h"

void testutil_assert_double_near(double a, double b, double tol, const char *file,
				 int line)
{
	if (fabs(a - b) <= tol || (isinf(a) && isinf(b) && (a > 0) == (b > 0)))
		return;
	print_error("%.17g != %.17g (tolerance %g)\n", a, b, tol);
	_fail(file, line);
}

char *testutil_write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	return path;
}

char *testutil_tempdir(void)
{
	const char *base = getenv("TMPDIR");
	char *templ = xasprintf("%s/phaseout-test-XXXXXX", base ? base : "/tmp");
	assert_non_null(mkdtemp(templ));
	return templ;
}

void testutil_rmtree(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* The folder a test runs in and the one it came from. */
struct tempdir_fixture {
	char *dir;
	char *old_cwd;
};

int testutil_enter_tempdir(void **state)
{
	struct tempdir_fixture *f = xcalloc(1, sizeof(*f));
	f->dir = testutil_tempdir();
	f->old_cwd = getcwd(NULL, 0);
	if (!f->old_cwd || chdir(f->dir) != 0)
		return -1;
	*state = f;
	return 0;
}

int testutil_leave_tempdir(void **state)
{
	struct tempdir_fixture *f = *state;
	if (chdir(f->old_cwd) != 0)
		return -1;
	testutil_rmtree(f->dir);
	free(f->dir);
	free(f->old_cwd);
	free(f);
	return 0;
}
