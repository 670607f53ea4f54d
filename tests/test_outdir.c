#include "testutil.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "output/outdir.h"
#include "util/xalloc.h"

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

/* A folder 'name' in 'tmp' holding an earlier plan run: summary.json
 * saying so and the given plan.csv (no checksums, as before they existed). */
static char *old_plan_run(const char *tmp, const char *name, const char *plan_csv)
{
	char *dir = xasprintf("%s/%s", tmp, name);
	assert_int_equal(mkdir(dir, 0755), 0);
	free(testutil_write_file(dir, "summary.json", "{\"command\": \"plan\"}\n"));
	free(testutil_write_file(dir, "plan.csv", plan_csv));
	return dir;
}

static void outdir_commit_should_write_every_file_only_at_the_end(void **state)
{
	const char *tmp = *state;
	char *dir = xasprintf("%s/out", tmp);
	struct outdir *od = outdir_create(dir, "plan");
	assert_true(outdir_prepare(od, false));
	FILE *a = outdir_open(od, "plan.csv");
	FILE *b = outdir_open(od, "summary.json");
	assert_non_null(a);
	assert_non_null(b);
	fputs("a,b\r\n", a);
	fputs("{}\n", b);
	/* Before the commit only the hidden staging folder exists. */
	char *stage = xasprintf(".out.new.%ld", (long)getpid());
	assert_dir_lists(tmp, stage);

	assert_true(outdir_commit(od));
	assert_null(outdir_error(od));
	outdir_destroy(od);
	assert_dir_lists(tmp, "out");
	assert_dir_lists(dir, "plan.csv summary.json");
	assert_file_holds(dir, "plan.csv", "a,b\r\n");
	assert_file_holds(dir, "summary.json", "{}\n");
	free(stage);
	free(dir);
}

/* The folder is one run: an earlier run's plan.csv does not survive a run
 * that writes only summary.json (exit 3). */
static void outdir_commit_should_replace_the_whole_folder(void **state)
{
	const char *tmp = *state;
	char *dir = old_plan_run(tmp, "out", "old\n");
	assert_int_equal(chmod(dir, 0750), 0);
	struct outdir *od = outdir_create(dir, "plan");
	FILE *f = outdir_open(od, "summary.json");
	assert_non_null(f);
	fputs("{\"status\": \"infeasible\"}\n", f);
	assert_true(outdir_commit(od));
	outdir_destroy(od);
	assert_dir_lists(tmp, "out");
	assert_dir_lists(dir, "summary.json");
	assert_file_holds(dir, "summary.json", "{\"status\": \"infeasible\"}\n");
	/* The new folder keeps the old one's permissions. */
	struct stat st;
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0750);
	free(dir);
}

static void outdir_destroy_without_commit_should_leave_nothing(void **state)
{
	const char *tmp = *state;
	char *dir = xasprintf("%s/out", tmp);
	struct outdir *od = outdir_create(dir, "plan");
	FILE *f = outdir_open(od, "plan.csv");
	assert_non_null(f);
	fputs("half a file", f);
	outdir_destroy(od);
	assert_dir_lists(tmp, "");

	/* An existing folder stays as it was. */
	free(dir);
	dir = old_plan_run(tmp, "out", "old\n");
	od = outdir_create(dir, "plan");
	f = outdir_open(od, "plan.csv");
	assert_non_null(f);
	fputs("new", f);
	outdir_destroy(od);
	assert_dir_lists(tmp, "out");
	assert_dir_lists(dir, "plan.csv summary.json");
	assert_file_holds(dir, "plan.csv", "old\n");
	free(dir);
}

static void outdir_should_create_a_missing_folder(void **state)
{
	const char *tmp = *state;
	char *dir = xasprintf("%s/new/", tmp);
	struct outdir *od = outdir_create(dir, "plan");
	FILE *f = outdir_open(od, "timeline.csv");
	assert_non_null(f);
	fputs("year\r\n", f);
	assert_true(outdir_commit(od));
	outdir_destroy(od);
	char *made = xasprintf("%s/new", tmp);
	assert_dir_lists(made, "timeline.csv");
	assert_dir_lists(tmp, "new");
	free(made);
	free(dir);
}

static void outdir_should_not_create_missing_parents(void **state)
{
	const char *tmp = *state;
	char *dir = xasprintf("%s/no/such", tmp);
	struct outdir *od = outdir_create(dir, "plan");
	assert_false(outdir_prepare(od, false));
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

static void outdir_should_refuse_a_file_or_the_current_folder(void **state)
{
	const char *tmp = *state;
	char *file = testutil_write_file(tmp, "notadir", "x");
	char *with_slash = xasprintf("%s//", file);
	struct outdir *od = outdir_create(with_slash, "plan");
	assert_false(outdir_prepare(od, false));
	/* Later calls fail too, and the first error is kept. */
	assert_null(outdir_open(od, "summary.json"));
	char *expected = xasprintf("cannot write to folder '%s': Not a directory", file);
	assert_string_equal(outdir_error(od), expected);
	assert_false(outdir_commit(od));
	outdir_destroy(od);
	assert_dir_lists(tmp, "notadir");
	free(expected);
	free(with_slash);

	char *dot = xasprintf("%s/.", tmp);
	od = outdir_create(dot, "plan");
	assert_false(outdir_prepare(od, true));
	expected = xasprintf("cannot use '%s' as an output folder: phaseout replaces "
			     "the folder as a whole, so give it a folder of its own "
			     "(e.g. -o out)",
			     dot);
	assert_string_equal(outdir_error(od), expected);
	outdir_destroy(od);
	assert_dir_lists(tmp, "notadir");
	free(expected);
	free(dot);
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
	struct outdir *od = outdir_create(dir, "plan");
	int rc = 0;
	if (outdir_prepare(od, false))
		rc = 11;
	else if (!outdir_error(od) || strcmp(outdir_error(od), expected) != 0)
		rc = 12;
	else if (outdir_commit(od))
		rc = 13;
	outdir_destroy(od);
	return rc;
}

static void run_unwritable(const char *dir, const char *expected)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(try_unwritable(dir, expected));
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* Both the folder and its parent must be writable: the new run is made
 * beside DIR, and the old one's files are removed from it. */
static void outdir_should_report_permission_denied(void **state)
{
	const char *tmp = *state;
	char *dir = xasprintf("%s/ro", tmp);
	char *expected = xasprintf("cannot write to folder '%s': Permission denied", dir);
	assert_int_equal(chmod(tmp, 0777), 0);
	assert_int_equal(mkdir(dir, 0555), 0);
	run_unwritable(dir, expected);
	assert_dir_lists(dir, "");
	assert_dir_lists(tmp, "ro");
	free(expected);
	assert_int_equal(chmod(dir, 0777), 0);
	assert_int_equal(chmod(tmp, 0555), 0);
	expected = xasprintf("cannot write to folder '%s': cannot create a folder "
			     "beside it: Permission denied",
			     dir);
	run_unwritable(dir, expected);
	assert_int_equal(chmod(tmp, 0700), 0);
	assert_dir_lists(tmp, "ro");
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
	char *dir = old_plan_run(tmp, "out", "old\n");
	struct outdir *od = outdir_create(dir, "plan");
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
	char *expected = xasprintf("cannot write '%s/plan.csv': File too large", dir);
	assert_string_equal(outdir_error(od), expected);
	outdir_destroy(od);
	assert_dir_lists(tmp, "out");
	assert_dir_lists(dir, "plan.csv summary.json");
	assert_file_holds(dir, "plan.csv", "old\n");
	free(expected);
	free(dir);
}

static void outdir_open_should_refuse_a_name_twice_or_a_path(void **state)
{
	const char *tmp = *state;
	struct outdir *od = outdir_create(tmp, "plan");
	assert_null(outdir_open(od, "../escape.csv"));
	assert_string_equal(outdir_error(od), "invalid output file name '../escape.csv'");
	outdir_destroy(od);

	od = outdir_create(tmp, "sweep");
	assert_null(outdir_open(od, "plan.csv"));
	assert_string_equal(outdir_error(od), "invalid output file name 'plan.csv'");
	outdir_destroy(od);

	od = outdir_create(tmp, "plan");
	assert_non_null(outdir_open(od, "plan.csv"));
	assert_null(outdir_open(od, "plan.csv"));
	assert_false(outdir_commit(od));
	outdir_destroy(od);
	assert_dir_lists(tmp, "");
}

/* "abc" is FIPS 180-2's first SHA-256 test vector. */
static void outdir_files_should_give_each_file_s_sha256(void **state)
{
	const char *tmp = *state;
	char *dir = xasprintf("%s/out", tmp);
	struct outdir *od = outdir_create(dir, "plan");
	FILE *f = outdir_open(od, "plan.csv");
	fputs("abc", f);
	assert_non_null(outdir_open(od, "timeline.csv")); /* left empty */
	size_t n;
	const struct outdir_file *files = outdir_files(od, &n);
	assert_int_equal(n, 2);
	assert_string_equal(files[0].name, "plan.csv");
	assert_string_equal(files[0].sha256, "ba7816bf8f01cfea414140de5dae2223"
					     "b00361a396177a9cb410ff61f20015ad");
	assert_string_equal(files[1].name, "timeline.csv");
	assert_string_equal(files[1].sha256, "e3b0c44298fc1c149afbf4c8996fb924"
					     "27ae41e4649b934ca495991b7852b855");
	/* Closed files take no more writes; later files still can be opened. */
	assert_non_null(outdir_open(od, "summary.json"));
	assert_true(outdir_commit(od));
	outdir_destroy(od);
	assert_dir_lists(dir, "plan.csv summary.json timeline.csv");
	free(dir);
}

static void commit_summary_only(const char *dir, const char *command, bool force,
				const char *expected_error)
{
	struct outdir *od = outdir_create(dir, command);
	bool ok = outdir_prepare(od, force);
	if (expected_error) {
		assert_false(ok);
		assert_string_equal(outdir_error(od), expected_error);
	} else {
		if (!ok)
			fail_msg("unexpected error: %s", outdir_error(od));
		FILE *f = outdir_open(od, "summary.json");
		fprintf(f, "{\"command\": \"%s\"}\n", command);
		assert_true(outdir_commit(od));
	}
	outdir_destroy(od);
}

/* Files phaseout did not write are named and refused; --force keeps them
 * (and no longer refuses them). */
static void outdir_prepare_should_refuse_other_files_unless_forced(void **state)
{
	const char *tmp = *state;
	char *dir = old_plan_run(tmp, "out", "old\n");
	free(testutil_write_file(dir, "notes.txt", "mine"));
	free(testutil_write_file(dir, "budget.xlsx", "mine too"));
	char *sub = xasprintf("%s/drafts", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	char *expected = xasprintf("'%s' holds files phaseout did not write: "
				   "'budget.xlsx', 'drafts', 'notes.txt'; refusing to "
				   "write there (--force replaces phaseout's files and "
				   "keeps the others)",
				   dir);
	commit_summary_only(dir, "plan", false, expected);
	assert_dir_lists(dir, "budget.xlsx drafts notes.txt plan.csv summary.json");
	assert_dir_lists(tmp, "out");

	commit_summary_only(dir, "plan", true, NULL);
	assert_dir_lists(dir, "budget.xlsx drafts notes.txt summary.json");
	assert_file_holds(dir, "notes.txt", "mine");
	assert_dir_lists(tmp, "out");
	free(expected);
	free(sub);
	free(dir);
}

static void outdir_prepare_should_refuse_another_command_s_folder(void **state)
{
	const char *tmp = *state;
	char *dir = old_plan_run(tmp, "out", "old\n");
	char *expected = xasprintf("'%s' holds the output of 'phaseout plan'; refusing "
				   "to replace it with the output of 'phaseout sweep' "
				   "(choose another folder, or --force)",
				   dir);
	commit_summary_only(dir, "sweep", false, expected);
	free(expected);
	expected = xasprintf("'%s' holds the output of 'phaseout plan'; refusing "
			     "to replace it with the output of 'phaseout diff' "
			     "(choose another folder, or --force)",
			     dir);
	commit_summary_only(dir, "diff", false, expected);
	assert_dir_lists(dir, "plan.csv summary.json");
	/* Forced, the plan's files go too: the folder is one run. */
	commit_summary_only(dir, "sweep", true, NULL);
	assert_dir_lists(dir, "summary.json");
	assert_file_holds(dir, "summary.json", "{\"command\": \"sweep\"}\n");
	free(expected);
	free(dir);
}

/* A file whose bytes no longer match summary.json's checksum was edited
 * by someone: not phaseout's to replace without --force. */
static void outdir_prepare_should_refuse_a_changed_file(void **state)
{
	const char *tmp = *state;
	char *dir = xasprintf("%s/out", tmp);
	assert_int_equal(mkdir(dir, 0755), 0);
	free(testutil_write_file(dir, "plan.csv", "abc"));
	free(testutil_write_file(dir, "timeline.csv", "edited"));
	free(testutil_write_file(
		dir, "summary.json",
		"{\"command\": \"plan\", \"checksums\": {\"algorithm\": "
		"\"SHA-256\", \"files\": {\"plan.csv\": "
		"\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff"
		"61f20015ad\", \"timeline.csv\": "
		"\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca49599"
		"1b7852b855\"}}}"));
	char *expected = xasprintf("'%s' holds files phaseout did not write: "
				   "'timeline.csv' (changed since phaseout wrote it); "
				   "refusing to write there (--force replaces phaseout's "
				   "files and keeps the others)",
				   dir);
	commit_summary_only(dir, "plan", false, expected);
	free(testutil_write_file(dir, "timeline.csv", ""));
	/* A file of a plan's names that the checksums do not list is not the
	 * run's either (a plan.csv put beside an exit-3 run's summary). */
	free(testutil_write_file(dir, "timeline.svg", "<svg/>"));
	free(expected);
	expected = xasprintf("'%s' holds files phaseout did not write: "
			     "'timeline.svg'; refusing to write there (--force "
			     "replaces phaseout's files and keeps the others)",
			     dir);
	commit_summary_only(dir, "plan", false, expected);
	char *svg = xasprintf("%s/timeline.svg", dir);
	assert_int_equal(unlink(svg), 0);
	free(svg);
	commit_summary_only(dir, "plan", false, NULL);
	assert_dir_lists(dir, "summary.json");
	free(expected);
	free(dir);
}

/* A pid that no process has: a child's, once it has been reaped. */
static long dead_pid(void)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(0);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	return (long)pid;
}

/*
 * A killed run leaves its staging folder beside DIR; older versions left
 * ".NAME.PID.tmp" in DIR. The next run removes them when their process is
 * gone: a staging folder's owner holds an flock() on it, a temporary's
 * PID is alive. A file that is not phaseout's stays where it is.
 */
static void outdir_prepare_should_remove_leftovers_of_killed_runs(void **state)
{
	const char *tmp = *state;
	char *dir = old_plan_run(tmp, "out", "old\n");
	long dead = dead_pid();
	char *stale = xasprintf("%s/.out.new.%ld", tmp, dead);
	char *live = xasprintf("%s/.out.new.1-2", tmp);
	char *kept = xasprintf("%s/.out.new.3", tmp);
	assert_int_equal(mkdir(stale, 0755), 0);
	assert_int_equal(mkdir(live, 0755), 0);
	assert_int_equal(mkdir(kept, 0755), 0);
	free(testutil_write_file(stale, "plan.csv", "half"));
	free(testutil_write_file(live, "plan.csv", "half"));
	free(testutil_write_file(kept, "summary.json", "{}"));
	free(testutil_write_file(kept, "mine.txt", "x"));
	int fd = open(live, O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	char *dead_tmp = xasprintf(".plan.csv.%ld.tmp", dead);
	char *live_tmp = xasprintf(".timeline.csv.%ld-3.tmp", (long)getpid());
	free(testutil_write_file(dir, dead_tmp, "half"));
	free(testutil_write_file(dir, live_tmp, "half"));

	commit_summary_only(dir, "plan", false, NULL);
	char *expected = xasprintf("%s summary.json", live_tmp);
	assert_dir_lists(dir, expected);
	assert_dir_lists(tmp, ".out.new.1-2 .out.new.3 out");
	assert_dir_lists(kept, "mine.txt");
	close(fd);
	commit_summary_only(dir, "plan", false, NULL);
	assert_dir_lists(tmp, ".out.new.3 out");
	free(expected);
	free(dead_tmp);
	free(live_tmp);
	free(stale);
	free(live);
	free(kept);
	free(dir);
}

/* A symlink to a folder: the folder it names is replaced, the link stays. */
static void outdir_should_follow_a_symlink_to_a_folder(void **state)
{
	const char *tmp = *state;
	char *dir = old_plan_run(tmp, "real", "old\n");
	char *link = xasprintf("%s/link", tmp);
	assert_int_equal(symlink("real", link), 0);
	commit_summary_only(link, "plan", false, NULL);
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_dir_lists(dir, "summary.json");
	assert_dir_lists(tmp, "link real");
	free(link);
	free(dir);
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
		T(outdir_commit_should_replace_the_whole_folder),
		T(outdir_destroy_without_commit_should_leave_nothing),
		T(outdir_should_create_a_missing_folder),
		T(outdir_should_not_create_missing_parents),
		T(outdir_should_refuse_a_file_or_the_current_folder),
		T(outdir_should_report_permission_denied),
		T(outdir_commit_should_roll_back_after_a_write_error),
		T(outdir_open_should_refuse_a_name_twice_or_a_path),
		T(outdir_files_should_give_each_file_s_sha256),
		T(outdir_prepare_should_refuse_other_files_unless_forced),
		T(outdir_prepare_should_refuse_another_command_s_folder),
		T(outdir_prepare_should_refuse_a_changed_file),
		T(outdir_prepare_should_remove_leftovers_of_killed_runs),
		T(outdir_should_follow_a_symlink_to_a_folder),
		cmocka_unit_test(outdir_destroy_should_accept_null),
	};
#undef T
	return cmocka_run_group_tests_name("outdir", tests, NULL, NULL);
}
