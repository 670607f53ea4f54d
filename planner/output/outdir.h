/*
 * outdir: the folder of -o DIR, which holds one run's files and is
 * replaced as a whole.
 *
 * Every file of a run is written into a fresh hidden folder beside DIR
 * (".DIR.new.PID" in DIR's parent). outdir_commit() flushes and fsyncs
 * every file and that folder, then swaps it with DIR in one atomic step
 * (renameat2 RENAME_EXCHANGE; a plain rename when DIR does not exist yet)
 * and removes the old run's files. A reader of DIR sees the old complete
 * set or the new complete set, never a mix: a kill, a full disk or a
 * second run writing into the same folder can cost a run, never mix two.
 * When anything fails, the staging folder is removed and DIR stays as it
 * was.
 *
 * outdir_prepare(), called before any work (before a solve), checks that
 * the run can be written: DIR is a folder or does not exist (then its
 * parent must, as for mkdir without -p), DIR's parent is writable (the
 * staging folder is made there at once), and DIR holds only files of an
 * earlier run of the same command. Whose folder it is comes from
 * summary.json's "command" key (a plan's or sweep's) and "checksums"
 * (what each file held when phaseout wrote it; a file that no longer
 * matches was changed by someone else); docs/decisions.md has the rules.
 * A folder holding other files, files changed since, or another command's
 * run is refused, naming the files, unless 'force': then phaseout's file
 * names are replaced and every other file is kept (carried into the new
 * folder). Temporaries of killed runs (staging folders whose owner is
 * gone, older versions' ".NAME.PID.tmp") are removed.
 *
 * Errors are not printed: the first one is kept, every later call fails,
 * and outdir_error() returns it in words ready for "phaseout: error: %s",
 * e.g. "cannot write 'out/plan.csv': No space left on device" (the
 * file's final name, which is what users know).
 *
 * Calling sequence:
 *	struct outdir *od = outdir_create(dir, "plan");
 *	if (!outdir_prepare(od, force)) { print outdir_error(od); fail }
 *	...the long work...
 *	FILE *f = outdir_open(od, "plan.csv");
 *	if (f) report_csv_write_plan(plan, f);
 *	...more files...
 *	size_t n;
 *	const struct outdir_file *files = outdir_files(od, &n);
 *	f = outdir_open(od, "summary.json");   (records 'files' and their sums)
 *	if (!outdir_commit(od))
 *		fprintf(stderr, "phaseout: error: %s\n", outdir_error(od));
 *	outdir_destroy(od);
 *
 * Ownership: an outdir owns the FILEs outdir_open() returns (never fclose
 * them), the array outdir_files() returns, and copies its arguments. The
 * staging folder belongs to the process that prepared it: a forked child
 * that destroys the outdir leaves it alone.
 */
#ifndef PHASEOUT_OUTDIR_H
#define PHASEOUT_OUTDIR_H

#include <stdbool.h>
#include <stdio.h>

/* One closed file of a run: its name in DIR and the SHA-256 of its bytes
 * on disk, 64 lowercase hex digits. */
struct outdir_file {
	const char *name;
	char sha256[65];
};

struct outdir;

/*
 * outdir_create: an -o folder for 'command' ("plan", "sweep" or "diff"),
 * which fixes the file names a run may write (see folder_command_writes).
 * Nothing touches the disk until outdir_prepare().
 */
struct outdir *outdir_create(const char *dir, const char *command);

/*
 * outdir_prepare: check DIR as above, remove leftovers of killed runs and
 * make the staging folder. False (see outdir_error) when the run cannot
 * be written there. outdir_open() prepares without 'force' if this was
 * not called.
 */
bool outdir_prepare(struct outdir *od, bool force);

/*
 * outdir_open: a FILE open for writing DIR/'name' in the staging folder.
 * 'name' must be one of the command's file names. NULL when it cannot be
 * created (see outdir_error) or after any earlier error.
 */
FILE *outdir_open(struct outdir *od, const char *name);

/*
 * outdir_set_csv_bom: every .csv file outdir_open() opens from now on
 * starts with the UTF-8 byte-order mark (EF BB BF), which Excel takes
 * as "this file is UTF-8" (plan --csv-bom, docs/decisions.md). It is
 * part of the file's bytes and of its checksum; readers of phaseout's
 * files skip it.
 */
void outdir_set_csv_bom(struct outdir *od, bool bom);

/*
 * outdir_file_failed: the file 'name' (opened with outdir_open) could not
 * be made, for a reason its FILE does not show ('why', in words): the
 * run's error, as a failed write would be, so outdir_commit() fails and
 * DIR stays as it was.
 */
void outdir_file_failed(struct outdir *od, const char *name, const char *why);

/*
 * outdir_files: close every file opened so far (flush, fsync) and return
 * them, in opening order, with their checksums; '*n' is their number.
 * NULL with '*n' = 0 after an error. Files opened afterwards (the
 * summary.json that records these) are closed by outdir_commit().
 */
const struct outdir_file *outdir_files(struct outdir *od, size_t *n);

/*
 * outdir_commit: replace DIR with the staging folder. Fails, removing the
 * staging folder and leaving DIR as it was, when any write, flush, fsync,
 * close or the swap failed, or when an earlier call failed.
 */
bool outdir_commit(struct outdir *od);

/* outdir_error: the first error, or NULL when there was none. */
const char *outdir_error(const struct outdir *od);

/* outdir_destroy: remove an uncommitted staging folder and free; NULL is a
 * no-op. */
void outdir_destroy(struct outdir *od);

/*
 * One file outside any -o folder (export --lp/--mps/--mathprog), written
 * the same way: a temporary beside it, fsync, rename, so that a failure
 * leaves the file an earlier run wrote at 'path' as it was.
 *
 *	char *temp = outdir_temp_for(path);       (NULL: errno says why)
 *	ok = write_by_path(temp);                 (GLPK writes by path)
 *	if (ok) ok = outdir_install(temp, path);  (false: errno says why)
 *	else unlink(temp);
 *	free(temp);
 *
 * outdir_temp_for: create an empty temporary ".NAME.PID.tmp" (mode 0666
 * less the umask) in the folder of 'path'; its name, malloc'd, or NULL
 * with errno set. Renaming replaces whatever is at 'path', a symbolic
 * link included: callers use this for regular files and new names only.
 *
 * outdir_install: fsync 'temp', rename it to 'path' and fsync the folder.
 * On failure 'temp' is removed and errno says why.
 */
char *outdir_temp_for(const char *path);
bool outdir_install(const char *temp, const char *path);

#endif
