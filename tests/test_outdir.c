#include "testutil.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "outdir.h"
#include "xalloc.h"

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in 'dir' (hidden ones included), sorted, joined by spaces;
 * "(none)" when the folder does not exist. */
static char *list_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return xstrdup("(none)");
	char **names = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		ARRAY_GROW(names, n, alloc);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), compare_strings);
	size_t len = 1;
	for (size_t i = 0; i < n; i++)
		len += strlen(names[i]) + 1;
	char *out = xcalloc(len, 1);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, " ");
		strcat(out, names[i]);
		free(names[i]);
	}
	free(names);
	return out;
}

static void assert_dir_lists(const char *dir, const char *expected)
{
	char *got = list_dir(dir);
	if (strcmp(got, expected) != 0)
		fail_msg("'%s' holds [%s], expected [%s]", dir, got, expected);
	free(got);
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = xcalloc(1, 4096);
	size_t n = fread(buf, 1, 4095, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void assert_file_holds(const char *dir, const char *name, const char *expected)
{
	char *path = xasprintf("%s/%s", dir, name);
	char *got = read_text(path);
	assert_string_equal(got, expected);
	free(got);
	free(path);
}

static int setup(void **state)
{
	*state = testutil_tempdir();
	return 0;
}

static int teardown(void **state)
{
	testutil_rmtree(*state);
	free(*state);
	return 0;
}

static void outdir_commit_should_write_every_file_only_at_the_end(void **state)
{
	const char *tmp = *state;
	struct outdir *od = outdir_create(tmp);
	FILE *a = outdir_open(od, "plan.csv");
	FILE *b = outdir_open(od, "summary.json");
	assert_non_null(a);
	assert_non_null(b);
	fputs("a,b\r\n", a);
	fputs("{}\n", b);
	/* Before the commit only the two hidden temporaries exist. */
	char *before = list_dir(tmp);
	assert_true(before[0] == '.');
	char *second = strchr(before, ' ');
	assert_non_null(second);
	assert_true(second[1] == '.');
	assert_null(strchr(second + 1, ' '));
	free(before);

	assert_true(outdir_commit(od));
	assert_null(outdir_error(od));
	outdir_destroy(od);
	assert_dir_lists(tmp, "plan.csv summary.json");
	assert_file_holds(tmp, "plan.csv", "a,b\r\n");
	assert_file_holds(tmp, "summary.json", "{}\n");
}

static void outdir_commit_should_replace_existing_files(void **state)
{
	const char *tmp = *state;
	free(testutil_write_file(tmp, "plan.csv", "old\n"));
	struct outdir *od = outdir_create(tmp);
	FILE *f = outdir_open(od, "plan.csv");
	assert_non_null(f);
	fputs("new\n", f);
	assert_true(outdir_commit(od));
	outdir_destroy(od);
	assert_dir_lists(tmp, "plan.csv");
	assert_file_holds(tmp, "plan.csv", "new\n");
}

static void outdir_destroy_without_commit_should_leave_nothing(void **state)
{
	const char *tmp = *state;
	char *dir = xasprintf("%s/out", tmp);
	struct outdir *od = outdir_create(dir);
	FILE *f = outdir_open(od, "plan.csv");
	assert_non_null(f);
	fputs("half a file", f);
	outdir_destroy(od);
	/* The folder it created is gone too. */
	assert_dir_lists(tmp, "");
	free(dir);
}

static void outdir_should_create_a_missing_folder(void **state)
{
	const char *tmp = *state;
	char *dir = xasprintf("%s/new/", tmp);
	struct outdir *od = outdir_create(dir);
	FILE *f = outdir_open(od, "timeline.csv");
	assert_non_null(f);
	fputs("year\r\n", f);
	assert_true(outdir_commit(od));
	outdir_destroy(od);
	char *made = xasprintf("%s/new", tmp);
	assert_dir_lists(made, "timeline.csv");
	free(made);
	free(dir);
}

static void outdir_should_not_create_missing_parents(void **state)
{
	const char *tmp = *state;
	char *dir = xasprintf("%s/no/such", tmp);
	struct outdir *od = outdir_create(dir);
	assert_null(outdir_open(od, "plan.csv"));
	char *expected =
		xasprintf("cannot create folder '%s': No such file or directory", dir);
	assert_string_equal(outdir_error(od), expected);
	assert_false(outdir_commit(od));
	outdir_destroy(od);
	assert_dir_lists(tmp, "");
	free(expected);
	free(dir);
}

static void outdir_should_name_the_file_when_the_folder_is_a_file(void **state)
{
	const char *tmp = *state;
	char *file = testutil_write_file(tmp, "notadir", "x");
	char *with_slash = xasprintf("%s//", file);
	struct outdir *od = outdir_create(with_slash);
	assert_null(outdir_open(od, "plan.csv"));
	/* Later opens fail too, and the first error is kept. */
	assert_null(outdir_open(od, "summary.json"));
	char *expected = xasprintf("cannot write '%s/plan.csv': Not a directory", file);
	assert_string_equal(outdir_error(od), expected);
	assert_false(outdir_commit(od));
	outdir_destroy(od);
	assert_dir_lists(tmp, "notadir");
	free(expected);
	free(with_slash);
	free(file);
}

/*
 * Root writes to a 0500 folder regardless, and tests often run as root: the
 * check then runs in a child that has given up root for "nobody". The
 * child cannot use cmocka's asserts (they jump back into the parent's
 * runner), so it reports through its exit status.
 */
static int try_unwritable(const char *dir, const char *expected)
{
	if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
		return 10;
	struct outdir *od = outdir_create(dir);
	int rc = 0;
	if (outdir_open(od, "plan.csv"))
		rc = 11;
	else if (!outdir_error(od) || strcmp(outdir_error(od), expected) != 0)
		rc = 12;
	else if (outdir_commit(od))
		rc = 13;
	outdir_destroy(od);
	return rc;
}

static void outdir_should_report_permission_denied(void **state)
{
	const char *tmp = *state;
	char *dir = xasprintf("%s/ro", tmp);
	char *expected = xasprintf("cannot write '%s/plan.csv': Permission denied", dir);
	assert_int_equal(chmod(tmp, 0755), 0);
	assert_int_equal(mkdir(dir, 0555), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(try_unwritable(dir, expected));
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_dir_lists(dir, "");
	assert_int_equal(chmod(dir, 0700), 0);
	free(expected);
	free(dir);
}

/*
 * A write error (a full disk, a quota) in any file must leave the folder as
 * it was: the old plan.csv intact, no new file, no temporary. RLIMIT_FSIZE
 * makes writes past 1000 bytes fail with EFBIG even for root.
 */
static void outdir_commit_should_roll_back_after_a_write_error(void **state)
{
	const char *tmp = *state;
	free(testutil_write_file(tmp, "plan.csv", "old\n"));
	struct outdir *od = outdir_create(tmp);
	FILE *small = outdir_open(od, "summary.json");
	FILE *big = outdir_open(od, "plan.csv");
	assert_non_null(small);
	assert_non_null(big);
	fputs("{}\n", small);

	struct rlimit saved;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
	void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
	struct rlimit limit = saved;
	limit.rlim_cur = 1000;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &limit), 0);
	for (int i = 0; i < 2000; i++)
		fputs("2021,S1,north,ran\r\n", big);
	bool ok = outdir_commit(od);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
	signal(SIGXFSZ, old_handler);

	assert_false(ok);
	char *expected = xasprintf("cannot write '%s/plan.csv': File too large", tmp);
	assert_string_equal(outdir_error(od), expected);
	outdir_destroy(od);
	assert_dir_lists(tmp, "plan.csv");
	assert_file_holds(tmp, "plan.csv", "old\n");
	free(expected);
}

static void outdir_commit_should_rename_nothing_when_a_target_is_a_folder(void **state)
{
	const char *tmp = *state;
	char *blocker = xasprintf("%s/timeline.csv", tmp);
	assert_int_equal(mkdir(blocker, 0700), 0);
	struct outdir *od = outdir_create(tmp);
	FILE *a = outdir_open(od, "plan.csv");
	FILE *b = outdir_open(od, "timeline.csv");
	assert_non_null(a);
	assert_non_null(b);
	assert_false(outdir_commit(od));
	char *expected = xasprintf("cannot write '%s': Is a directory", blocker);
	assert_string_equal(outdir_error(od), expected);
	outdir_destroy(od);
	assert_dir_lists(tmp, "timeline.csv");
	free(expected);
	free(blocker);
}

static void outdir_open_should_refuse_a_name_twice_or_a_path(void **state)
{
	const char *tmp = *state;
	struct outdir *od = outdir_create(tmp);
	assert_null(outdir_open(od, "../escape.csv"));
	assert_string_equal(outdir_error(od), "invalid output file name '../escape.csv'");
	outdir_destroy(od);

	od = outdir_create(tmp);
	assert_non_null(outdir_open(od, "plan.csv"));
	assert_null(outdir_open(od, "plan.csv"));
	assert_false(outdir_commit(od));
	outdir_destroy(od);
	assert_dir_lists(tmp, "");
}

static void outdir_destroy_should_accept_null(void **state)
{
	(void)state;
	outdir_destroy(NULL);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(outdir_commit_should_write_every_file_only_at_the_end),
		T(outdir_commit_should_replace_existing_files),
		T(outdir_destroy_without_commit_should_leave_nothing),
		T(outdir_should_create_a_missing_folder),
		T(outdir_should_not_create_missing_parents),
		T(outdir_should_name_the_file_when_the_folder_is_a_file),
		T(outdir_should_report_permission_denied),
		T(outdir_commit_should_roll_back_after_a_write_error),
		T(outdir_commit_should_rename_nothing_when_a_target_is_a_folder),
		T(outdir_open_should_refuse_a_name_twice_or_a_path),
		cmocka_unit_test(outdir_destroy_should_accept_null),
	};
#undef T
	return cmocka_run_group_tests_name("outdir", tests, NULL, NULL);
}
