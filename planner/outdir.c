#include "outdir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

struct outfile {
	char *final_path; /* DIR/name */
	char *temp_path;  /* DIR/.name.PID.tmp */
	FILE *f;          /* NULL once closed */
	bool renamed;
};

struct outdir {
	char *dir;
	bool dir_ready;   /* mkdir tried */
	bool created_dir; /* this outdir made the folder */
	bool finished;    /* outdir_commit() ran, whatever its result */
	char *error;      /* the first error, NULL when none */
	struct outfile *files;
	size_t n_files, alloc_files;
};

/* Keep the first error only: later ones are usually its consequences. */
static void fail(struct outdir *od, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fail(struct outdir *od, const char *fmt, ...)
{
	if (od->error)
		return;
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	od->error = xmalloc((size_t)len + 1);
	va_start(ap, fmt);
	vsnprintf(od->error, (size_t)len + 1, fmt, ap);
	va_end(ap);
}

struct outdir *outdir_create(const char *dir)
{
	struct outdir *od = xcalloc(1, sizeof(*od));
	/* "out/" and "out" are the same folder; keep messages free of "//". */
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	od->dir = xmalloc(len + 1);
	memcpy(od->dir, dir, len);
	od->dir[len] = '\0';
	return od;
}

/*
 * The folder is made on the first file, not in outdir_create(), so a
 * command that fails before writing anything leaves no empty folder.
 * Only one level is created, as mkdir(1) does without -p: a mistyped
 * parent should be an error, not a tree of new folders.
 */
static bool ensure_dir(struct outdir *od)
{
	if (od->dir_ready)
		return true;
	od->dir_ready = true;
	if (mkdir(od->dir, 0777) == 0) {
		od->created_dir = true;
		return true;
	}
	if (errno == EEXIST)
		return true; /* if it is not a folder, opening the file says so */
	fail(od, "cannot create folder '%s': %s", od->dir, strerror(errno));
	return false;
}

/*
 * The temporary is created with O_EXCL and mode 0666 (less the umask), so
 * the final file gets the permissions any new file would, and two runs
 * writing to the same folder never share a temporary. A name left by a
 * crashed process with the same pid is skipped, not reused.
 */
static int create_temp(const char *dir, const char *name, char **temp_path)
{
	for (unsigned attempt = 0; attempt < 100; attempt++) {
		free(*temp_path);
		if (attempt == 0)
			*temp_path =
				xasprintf("%s/.%s.%ld.tmp", dir, name, (long)getpid());
		else
			*temp_path = xasprintf("%s/.%s.%ld-%u.tmp", dir, name,
					       (long)getpid(), attempt);
		int fd = open(*temp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

FILE *outdir_open(struct outdir *od, const char *name)
{
	if (od->error || od->finished)
		return NULL;
	if (name[0] == '\0' || strchr(name, '/') || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0) {
		fail(od, "invalid output file name '%s'", name);
		return NULL;
	}
	char *final_path = xasprintf("%s/%s", od->dir, name);
	for (size_t i = 0; i < od->n_files; i++) {
		if (strcmp(od->files[i].final_path, final_path) == 0) {
			fail(od, "cannot write '%s' twice", final_path);
			free(final_path);
			return NULL;
		}
	}
	if (!ensure_dir(od)) {
		free(final_path);
		return NULL;
	}

	ARRAY_GROW(od->files, od->n_files, od->alloc_files);
	struct outfile *of = &od->files[od->n_files];
	memset(of, 0, sizeof(*of));
	of->final_path = final_path;
	int fd = create_temp(od->dir, name, &of->temp_path);
	if (fd < 0) {
		fail(od, "cannot write '%s': %s", final_path, strerror(errno));
		free(of->temp_path);
		free(of->final_path);
		return NULL;
	}
	of->f = fdopen(fd, "wb");
	if (!of->f) {
		fail(od, "cannot write '%s': %s", final_path, strerror(errno));
		close(fd);
		unlink(of->temp_path);
		free(of->temp_path);
		free(of->final_path);
		return NULL;
	}
	od->n_files++;
	return of->f;
}

/*
 * Close every file still open and delete every temporary not yet renamed,
 * then the folder if this outdir made it and it is empty again (rmdir
 * refuses a folder that is not, which is what we want).
 */
static void roll_back(struct outdir *od)
{
	bool any_renamed = false;
	for (size_t i = 0; i < od->n_files; i++) {
		struct outfile *of = &od->files[i];
		if (of->f) {
			fclose(of->f);
			of->f = NULL;
		}
		if (of->renamed)
			any_renamed = true;
		else
			unlink(of->temp_path);
	}
	if (od->created_dir && !any_renamed)
		rmdir(od->dir);
}

/*
 * Every file is checked before any is renamed: a stream's error flag (a
 * write that failed in a writer), fflush, fsync (so the data is on disk
 * before the name points at it) and fclose. A write error's errno is
 * found again by writing once more; EIO stands in for it when that
 * succeeds.
 */
static bool close_file(struct outdir *od, struct outfile *of)
{
	errno = 0;
	bool ok = fflush(of->f) == 0 && !ferror(of->f);
	int err = errno;
	if (!ok && err == 0) {
		/* A writer's flush failed earlier and its errno is gone with
		 * the bytes stdio dropped (a full disk would read
		 * "Input/output error"). One more byte written to the
		 * temporary, which is removed anyway, fails the same way and
		 * gives the cause: ENOSPC, EDQUOT, EFBIG. */
		if (write(fileno(of->f), "", 1) < 0)
			err = errno;
	}
	if (!ok) {
		fail(od, "cannot write '%s': %s", of->final_path,
		     strerror(err ? err : EIO));
		return false;
	}
	if (fsync(fileno(of->f)) != 0) {
		fail(od, "cannot write '%s': %s", of->final_path, strerror(errno));
		return false;
	}
	FILE *f = of->f;
	of->f = NULL;
	if (fclose(f) != 0) {
		fail(od, "cannot write '%s': %s", of->final_path, strerror(errno));
		return false;
	}
	return true;
}

/* A folder where a file should go would make rename() fail half-way
 * through; find it before renaming anything. */
static bool check_target(struct outdir *od, const struct outfile *of)
{
	struct stat st;
	if (lstat(of->final_path, &st) == 0 && S_ISDIR(st.st_mode)) {
		fail(od, "cannot write '%s': %s", of->final_path, strerror(EISDIR));
		return false;
	}
	return true;
}

/* The renames are durable only once the folder itself is synced. Some
 * file systems refuse fsync on a folder; the files are whole either way,
 * so this is best effort. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	(void)fsync(fd);
	close(fd);
}

bool outdir_commit(struct outdir *od)
{
	if (od->finished)
		return !od->error;
	if (od->error)
		goto err;
	for (size_t i = 0; i < od->n_files; i++)
		if (!close_file(od, &od->files[i]))
			goto err;
	for (size_t i = 0; i < od->n_files; i++)
		if (!check_target(od, &od->files[i]))
			goto err;
	for (size_t i = 0; i < od->n_files; i++) {
		struct outfile *of = &od->files[i];
		if (rename(of->temp_path, of->final_path) != 0) {
			fail(od, "cannot write '%s': %s", of->final_path,
			     strerror(errno));
			goto err;
		}
		of->renamed = true;
	}
	if (od->n_files > 0)
		sync_dir(od->dir);
	od->finished = true;
	return true;

err:
	roll_back(od);
	od->finished = true;
	return false;
}

/*
 * The folder and the name of 'path': "a/b/m.lp" is "a/b" and "m.lp",
 * "m.lp" is "." and "m.lp", "/m.lp" is "/" and "m.lp".
 */
static void split_path(const char *path, char **dir, const char **name)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		*dir = xstrdup(".");
		*name = path;
		return;
	}
	size_t len = (size_t)(slash - path);
	*dir = len ? xasprintf("%.*s", (int)len, path) : xstrdup("/");
	*name = slash + 1;
}

char *outdir_temp_for(const char *path)
{
	char *dir;
	const char *name;
	split_path(path, &dir, &name);
	if (name[0] == '\0') {
		free(dir);
		errno = EISDIR;
		return NULL;
	}
	char *temp = NULL;
	int fd = create_temp(dir, name, &temp);
	int err = errno;
	free(dir);
	if (fd < 0) {
		free(temp);
		errno = err;
		return NULL;
	}
	close(fd);
	return temp;
}

/*
 * Reopened to be fsynced, since writers by path (GLPK) close their own
 * stream. The folder's fsync is best effort, as in outdir_commit().
 */
bool outdir_install(const char *temp, const char *path)
{
	int fd = open(temp, O_RDONLY | O_CLOEXEC);
	bool ok = fd >= 0 && fsync(fd) == 0;
	int err = errno;
	if (fd >= 0)
		close(fd);
	if (ok && rename(temp, path) != 0) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		unlink(temp);
		errno = err;
		return false;
	}
	char *dir;
	const char *name;
	split_path(path, &dir, &name);
	sync_dir(dir);
	free(dir);
	return true;
}

const char *outdir_error(const struct outdir *od)
{
	return od->error;
}

void outdir_destroy(struct outdir *od)
{
	if (!od)
		return;
	if (!od->finished)
		roll_back(od);
	for (size_t i = 0; i < od->n_files; i++) {
		free(od->files[i].final_path);
		free(od->files[i].temp_path);
	}
	free(od->files);
	free(od->error);
	free(od->dir);
	free(od);
}
