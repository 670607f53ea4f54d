/*
 * outdir: the folder of -o DIR, whose files are written whole or not at all.
 *
 * Each file is written to a hidden temporary name in DIR (".NAME.PID.tmp");
 * outdir_commit() checks, flushes, fsyncs and closes every one and only then
 * renames them to their names, so a crash, a full disk or a writer's error
 * never leaves a half file that a spreadsheet would take for a plan. When
 * anything fails, every temporary is removed and the files already in DIR
 * stay as they were.
 *
 * A DIR that does not exist is created (one level, as mkdir does, with the
 * umask's permissions) and removed again if nothing could be written to it.
 *
 * Errors are not printed: the first one is kept, every later call fails,
 * and outdir_error() returns it in words ready for
 * "phaseout: error: %s", e.g. "cannot write 'out/plan.csv': Permission
 * denied" (the file's final name, which is what users know).
 *
 * Calling sequence:
 *	struct outdir *od = outdir_create(dir);
 *	FILE *f = outdir_open(od, "plan.csv");
 *	if (f) report_csv_write_plan(plan, f);
 *	...more files...
 *	if (!outdir_commit(od))
 *		fprintf(stderr, "phaseout: error: %s\n", outdir_error(od));
 *	outdir_destroy(od);
 *
 * Ownership: an outdir owns the FILEs outdir_open() returns (never fclose
 * them) and copies 'dir'. Renaming several files is not atomic as a group:
 * each file is whole, and a rename failing half-way (which needs a changed
 * folder under our feet) leaves the earlier ones renamed.
 */
#ifndef PHASEOUT_OUTDIR_H
#define PHASEOUT_OUTDIR_H

#include <stdbool.h>
#include <stdio.h>

struct outdir;

/* outdir_create: nothing touches the disk until outdir_open(). */
struct outdir *outdir_create(const char *dir);

/*
 * outdir_open: a FILE open for writing to a temporary name standing for
 * DIR/'name' ('name' is a plain file name, no '/'). NULL when it cannot be
 * created (see outdir_error) or after any earlier error.
 */
FILE *outdir_open(struct outdir *od, const char *name);

/*
 * outdir_commit: make every opened file appear under its name. Fails, and
 * removes every temporary, when any write, flush, fsync, close or rename
 * failed, or when an earlier call failed.
 */
bool outdir_commit(struct outdir *od);

/* outdir_error: the first error, or NULL when there was none. */
const char *outdir_error(const struct outdir *od);

/* outdir_destroy: remove uncommitted temporaries and free; NULL is a no-op. */
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
