/* renameat2() and flock() are Linux and BSD, not POSIX. */
#define _GNU_SOURCE
#include "output/outdir.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/folder_files.h"
#include "util/xalloc.h"

/* summary.json is read back to tell whose folder DIR is; a plan's is a
 * few kilobytes, so anything this large is not one. */
#define SUMMARY_MAX ((off_t)64 << 20)

/* --- Names of temporaries ------------------------------------------------ */

/* 'p' starts with digits, optionally "-digits"; returns what follows, or
 * NULL. The first number is stored in '*pid'. */
static const char *skip_pid(const char *p, long *pid)
{
	if (*p < '0' || *p > '9')
		return NULL;
	char *end;
	errno = 0;
	*pid = strtol(p, &end, 10);
	if (errno || *pid <= 0)
		return NULL;
	p = end;
	if (*p == '-') {
		p++;
		if (*p < '0' || *p > '9')
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return p;
}

/*
 * The temporaries of phaseout before whole-folder runs, inside DIR:
 * ".NAME.PID.tmp" or ".NAME.PID-N.tmp" with NAME a file some command
 * writes. Returns the PID, or 0 when 'name' is not one.
 */
static long old_temp_pid(const char *name)
{
	size_t len = strlen(name);
	if (name[0] != '.' || len < 8 || strcmp(name + len - 4, ".tmp") != 0)
		return 0;
	/* The PID is the last dot-separated part before ".tmp". */
	const char *stem_end = name + len - 4;
	const char *dot = stem_end;
	while (dot > name && dot[-1] != '.')
		dot--;
	if (dot <= name + 1)
		return 0;
	long pid;
	const char *after = skip_pid(dot, &pid);
	if (after != stem_end)
		return 0;
	size_t n = (size_t)(dot - 1 - (name + 1));
	char *inner = xmalloc(n + 1);
	memcpy(inner, name + 1, n);
	inner[n] = '\0';
	bool ours = folder_any_command_writes(inner);
	free(inner);
	return ours ? pid : 0;
}

/* A staging folder of DIR's: ".BASE.new.PID", ".BASE.new.PID-N", or
 * either with ".old" (the old run during the fallback swap). */
static bool is_stage_name(const char *name, const char *base)
{
	size_t blen = strlen(base);
	if (name[0] != '.' || strncmp(name + 1, base, blen) != 0 ||
	    strncmp(name + 1 + blen, ".new.", 5) != 0)
		return false;
	long pid;
	const char *after = skip_pid(name + 1 + blen + 5, &pid);
	return after && (*after == '\0' || strcmp(after, ".old") == 0);
}

static bool pid_alive(long pid)
{
	return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/* --- The outdir ------------------------------------------------------------ */

struct outfile {
	char *name;
	char *final_path; /* DIR/name, for messages */
	FILE *f;          /* NULL once closed */
	bool hashed;
	char sha256[65];
};

struct outdir {
	char *dir;    /* as given, without trailing '/': for messages */
	char *target; /* the folder replaced: 'dir', or a symlink's target */
	char *parent; /* target's parent */
	char *base;   /* target's last component */
	char *command;
	const char *const *names;

	char *stage;   /* parent/.base.new.PID: the new run until the swap */
	int stage_fd;  /* the staging folder, flock()ed while we own it; -1 */
	pid_t owner;   /* the process that made it */
	bool prepared; /* outdir_prepare() ran, whatever its result */
	bool finished; /* outdir_commit() ran, whatever its result */
	char *error;   /* the first error, NULL when none */
	bool csv_bom;  /* outdir_set_csv_bom() */

	struct outfile *files;
	size_t n_files, alloc_files;
	struct outdir_file *sums;
	size_t n_sums;
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

struct outdir *outdir_create(const char *dir, const char *command)
{
	struct outdir *od = xcalloc(1, sizeof(*od));
	/* "out/" and "out" are the same folder; keep messages free of "//". */
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	od->dir = xmalloc(len + 1);
	memcpy(od->dir, dir, len);
	od->dir[len] = '\0';
	od->command = xstrdup(command);
	od->names = folder_names(command);
	od->stage_fd = -1;
	return od;
}

/* --- Whose folder is it ------------------------------------------------------ */

/* summary.json of the folder 'dirfd', parsed; NULL when it is absent, not
 * a regular file, too large or not a JSON object. */
static cJSON *read_summary_at(int dirfd)
{
	int fd = openat(dirfd, "summary.json",
			O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	cJSON *root = NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= SUMMARY_MAX) {
		size_t cap = (size_t)st.st_size;
		char *text = xmalloc(cap + 1);
		size_t len = 0;
		ssize_t got;
		while (len < cap && (got = read(fd, text + len, cap - len)) > 0)
			len += (size_t)got;
		text[len] = '\0';
		/* Trailing bytes after the object are not phaseout's file.
		 * cJSON 1.7.15 wants the NUL inside the length to see it. */
		root = cJSON_ParseWithLengthOpts(text, len + 1, NULL, true);
		free(text);
		if (root && !cJSON_IsObject(root)) {
			cJSON_Delete(root);
			root = NULL;
		}
	}
	close(fd);
	return root;
}

/*
 * The command whose run a summary.json records: its "command" key, or for
 * summaries written before that key existed, the shape: a plan's has
 * "objective" and "rules", a sweep's a "sweep" array. NULL when neither.
 * The result is a literal, not a pointer into 'root'.
 */
static const char *summary_command(const cJSON *root)
{
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(root, "command");
	if (c)
		return cJSON_IsString(c) ? folder_command(c->valuestring) : NULL;
	if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(root, "objective")) &&
	    cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "rules")))
		return "plan";
	if (cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "sweep")))
		return "sweep";
	return NULL;
}

static bool summary_has_checksums(const cJSON *root)
{
	return root && cJSON_GetObjectItemCaseSensitive(root, "checksums");
}

/* The checksum summary.json records for 'name', or NULL. */
static const char *summary_checksum(const cJSON *root, const char *name)
{
	const cJSON *sums = cJSON_GetObjectItemCaseSensitive(root, "checksums");
	const cJSON *files = cJSON_GetObjectItemCaseSensitive(sums, "files");
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(files, name);
	return cJSON_IsString(s) ? s->valuestring : NULL;
}

/* A growing list of quoted names for a message, the first NAMES_SHOWN of
 * them. */
enum { NAMES_SHOWN = 8 };

struct namelist {
	char *text;
	size_t count;
};

static void namelist_add(struct namelist *l, const char *name, const char *note)
{
	l->count++;
	if (l->count > NAMES_SHOWN)
		return;
	char *old = l->text;
	l->text = xasprintf("%s%s'%s'%s", old ? old : "", old ? ", " : "", name, note);
	free(old);
}

static char *namelist_finish(struct namelist *l)
{
	char *out = l->text;
	if (l->count > NAMES_SHOWN) {
		out = xasprintf("%s and %zu more", l->text, l->count - NAMES_SHOWN);
		free(l->text);
	}
	return out;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every name in the folder 'dirfd' but "." and "..", sorted (messages
 * are then the same on every machine). */
static char **list_names(int dirfd, size_t *n)
{
	*n = 0;
	int fd = dup(dirfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	rewinddir(d);
	char **names = NULL;
	size_t alloc = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		ARRAY_GROW(names, *n, alloc);
		names[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (*n > 1)
		qsort(names, *n, sizeof(*names), compare_names);
	return names;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/*
 * Decide whether this run may replace the folder 'dirfd' (DIR as it is
 * now). Its owner is the command its summary.json names; a folder with no
 * summary.json holding only diff.csv is diff's. Then every entry is one
 * of: a temporary of a killed run (removed, unless its process lives), a
 * file of the owner's run (replaced; when the owner is another command or
 * the file no longer matches its checksum, a refusal), or another file (a
 * refusal; so is one of the owner's names that its checksums do not list,
 * as a plan.csv put beside an exit-3 run's summary). With 'force' nothing
 * is refused.
 */
static bool check_existing(struct outdir *od, int dirfd, bool force)
{
	size_t n;
	char **names = list_names(dirfd, &n);
	cJSON *summary = read_summary_at(dirfd);
	const char *owner = summary ? summary_command(summary) : NULL;
	if (!summary && n > 0) {
		bool all_diff = true;
		for (size_t i = 0; i < n; i++)
			if (!old_temp_pid(names[i]) &&
			    !folder_command_writes("diff", names[i]))
				all_diff = false;
		if (all_diff)
			owner = "diff";
	}

	struct namelist foreign = {0};
	bool other_command = false;
	for (size_t i = 0; i < n; i++) {
		const char *name = names[i];
		if (old_temp_pid(name))
			continue;
		if (owner && folder_command_writes(owner, name)) {
			if (strcmp(owner, od->command) != 0) {
				other_command = true;
				continue;
			}
			/* With checksums, the run is what they list; without
			 * (older summaries, diff's folder), the names say it. */
			const char *want =
				summary ? summary_checksum(summary, name) : NULL;
			char got[65];
			if (want && (!folder_hash_file(dirfd, name, got) ||
				     strcmp(got, want) != 0))
				namelist_add(&foreign, name,
					     " (changed since phaseout wrote it)");
			else if (!want && strcmp(name, "summary.json") != 0 &&
				 summary_has_checksums(summary))
				namelist_add(&foreign, name, "");
			continue;
		}
		namelist_add(&foreign, name, "");
	}
	cJSON_Delete(summary);

	char *foreign_text = namelist_finish(&foreign);
	bool ok = true;
	if (!force && other_command) {
		fail(od,
		     "'%s' holds the output of 'phaseout %s'; refusing to replace it "
		     "with the output of 'phaseout %s' (choose another folder, or "
		     "--force)",
		     od->dir, owner, od->command);
		ok = false;
	} else if (!force && foreign.count) {
		fail(od,
		     "'%s' holds files phaseout did not write: %s; refusing to write "
		     "there (--force replaces phaseout's files and keeps the others)",
		     od->dir, foreign_text);
		ok = false;
	}
	free(foreign_text);
	/* The next run removes a killed run's temporaries. */
	for (size_t i = 0; ok && i < n; i++) {
		long pid = old_temp_pid(names[i]);
		if (pid && !pid_alive(pid))
			(void)unlinkat(dirfd, names[i], 0);
	}
	free_names(names, n);
	return ok;
}

/* --- Leftovers ---------------------------------------------------------------- */

/*
 * Empty the folder 'fd' of phaseout's files and temporaries; anything
 * else in it is left where it is. Returns whether it is now empty.
 */
static bool remove_own_files(int fd)
{
	size_t n;
	char **names = list_names(fd, &n);
	size_t left = 0;
	for (size_t i = 0; i < n; i++) {
		if ((folder_any_command_writes(names[i]) || old_temp_pid(names[i])) &&
		    unlinkat(fd, names[i], 0) == 0)
			continue;
		left++;
	}
	free_names(names, n);
	return left == 0;
}

/*
 * Where flock() does not work on folders (NFS emulates it with POSIX
 * locks, which want a file open for writing), the PID in the name says
 * whether the run lives.
 */
static bool no_flock(int err)
{
	return err == EBADF || err == ENOLCK || err == EOPNOTSUPP || err == EINVAL;
}

/* Whether the staging folder 'fd', called 'name', is a killed run's. */
static bool stage_is_stale(int fd, const char *name, const char *base)
{
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return true;
	if (!no_flock(errno))
		return false;
	long pid;
	return skip_pid(name + 1 + strlen(base) + 5, &pid) && !pid_alive(pid);
}

/*
 * Staging folders beside DIR whose process is gone: the process that
 * makes one holds an flock() on it until it is done, so a lock we can
 * take means a killed run (whatever became of its PID). Only phaseout's
 * file names are removed from it, so nothing a user put there is lost.
 */
static void remove_stale_stages(struct outdir *od)
{
	int pfd = open(od->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pfd < 0)
		return;
	size_t n;
	char **names = list_names(pfd, &n);
	for (size_t i = 0; i < n; i++) {
		if (!is_stage_name(names[i], od->base))
			continue;
		int fd = openat(pfd, names[i],
				O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (stage_is_stale(fd, names[i], od->base) && remove_own_files(fd))
			(void)unlinkat(pfd, names[i], AT_REMOVEDIR);
		close(fd);
	}
	free_names(names, n);
	close(pfd);
}

/* --- Prepare ------------------------------------------------------------------- */

/* Split 'target' into its parent and last component. */
static void split_path(struct outdir *od)
{
	const char *slash = strrchr(od->target, '/');
	if (!slash) {
		od->parent = xstrdup(".");
		od->base = xstrdup(od->target);
	} else {
		size_t plen = (size_t)(slash - od->target);
		od->parent =
			plen ? xasprintf("%.*s", (int)plen, od->target) : xstrdup("/");
		od->base = xstrdup(slash + 1);
	}
}

/*
 * Lock a staging folder just made. Until the lock is taken, another run's
 * remove_stale_stages() may take the empty folder for a killed run's and
 * remove it: waiting for the lock (the remover holds it until the folder
 * is gone) and then finding no link to it tells us so, and we try again.
 * Returns the descriptor, -1 with errno set on failure, or -2 when the
 * folder was removed under us.
 */
static int lock_stage(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -2 : -1;
	struct stat st;
	if ((flock(fd, LOCK_EX) != 0 && !no_flock(errno)) || fstat(fd, &st) != 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (st.st_nlink == 0) {
		close(fd);
		return -2;
	}
	return fd;
}

static bool make_stage(struct outdir *od, bool exists, mode_t mode)
{
	for (unsigned attempt = 0; attempt < 100; attempt++) {
		free(od->stage);
		if (attempt == 0)
			od->stage = xasprintf("%s/.%s.new.%ld", od->parent, od->base,
					      (long)getpid());
		else
			od->stage = xasprintf("%s/.%s.new.%ld-%u", od->parent, od->base,
					      (long)getpid(), attempt);
		if (mkdir(od->stage, 0777) != 0) {
			if (errno == EEXIST)
				continue;
			break;
		}
		int fd = lock_stage(od->stage);
		if (fd == -2)
			continue;
		if (fd < 0) {
			int saved = errno;
			rmdir(od->stage);
			errno = saved;
			break;
		}
		od->stage_fd = fd;
		/* The new folder keeps the old one's permissions. */
		if (exists)
			(void)fchmod(od->stage_fd, mode);
		od->owner = getpid();
		return true;
	}
	if (exists)
		fail(od,
		     "cannot write to folder '%s': cannot create a folder beside it: %s",
		     od->dir, strerror(errno));
	else
		fail(od, "cannot create folder '%s': %s", od->dir, strerror(errno));
	free(od->stage);
	od->stage = NULL;
	return false;
}

bool outdir_prepare(struct outdir *od, bool force)
{
	if (od->prepared)
		return !od->error;
	od->prepared = true;
	if (!od->names) {
		fail(od, "unknown command '%s' for an output folder", od->command);
		return false;
	}

	/* A symlink to a folder stands for that folder: the link stays and
	 * the folder it names is replaced. */
	struct stat st;
	bool exists = lstat(od->dir, &st) == 0;
	int err = exists ? 0 : errno;
	if (exists && S_ISLNK(st.st_mode)) {
		od->target = realpath(od->dir, NULL);
		if (!od->target) {
			fail(od, "cannot write to folder '%s': %s", od->dir,
			     strerror(errno));
			return false;
		}
		exists = stat(od->target, &st) == 0;
		err = exists ? 0 : errno;
	} else {
		od->target = xstrdup(od->dir);
	}
	if (!exists && err != ENOENT) {
		fail(od, "cannot write to folder '%s': %s", od->dir, strerror(err));
		return false;
	}
	split_path(od);
	if (strcmp(od->base, ".") == 0 || strcmp(od->base, "..") == 0 || !od->base[0]) {
		fail(od,
		     "cannot use '%s' as an output folder: phaseout replaces the folder "
		     "as a whole, so give it a folder of its own (e.g. -o out)",
		     od->dir);
		return false;
	}
	if (exists) {
		struct stat pst;
		if (!S_ISDIR(st.st_mode)) {
			fail(od, "cannot write to folder '%s': %s", od->dir,
			     strerror(ENOTDIR));
			return false;
		}
		if (stat(od->parent, &pst) == 0 && pst.st_dev != st.st_dev) {
			fail(od,
			     "cannot use '%s' as an output folder: it is a mount point, "
			     "and phaseout replaces the folder as a whole (use a folder "
			     "inside it)",
			     od->dir);
			return false;
		}
		if (access(od->target, W_OK | X_OK) != 0) {
			fail(od, "cannot write to folder '%s': %s", od->dir,
			     strerror(errno));
			return false;
		}
		int dfd = open(od->target, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd < 0) {
			fail(od, "cannot read folder '%s': %s", od->dir, strerror(errno));
			return false;
		}
		bool ok = check_existing(od, dfd, force);
		close(dfd);
		if (!ok)
			return false;
	}
	remove_stale_stages(od);
	return make_stage(od, exists, st.st_mode & 07777);
}

/* --- Files ---------------------------------------------------------------------- */

FILE *outdir_open(struct outdir *od, const char *name)
{
	if (!od->prepared)
		outdir_prepare(od, false);
	if (od->error || od->finished)
		return NULL;
	if (!folder_command_writes(od->command, name)) {
		fail(od, "invalid output file name '%s'", name);
		return NULL;
	}
	for (size_t i = 0; i < od->n_files; i++) {
		if (strcmp(od->files[i].name, name) == 0) {
			fail(od, "cannot write '%s' twice", od->files[i].final_path);
			return NULL;
		}
	}
	char *final_path = xasprintf("%s/%s", od->dir, name);
	int fd =
		openat(od->stage_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!f) {
		fail(od, "cannot write '%s': %s", final_path, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(final_path);
		return NULL;
	}
	ARRAY_GROW(od->files, od->n_files, od->alloc_files);
	struct outfile *of = &od->files[od->n_files++];
	memset(of, 0, sizeof(*of));
	of->name = xstrdup(name);
	of->final_path = final_path;
	of->f = f;
	size_t len = strlen(name);
	if (od->csv_bom && len > 4 && strcmp(name + len - 4, ".csv") == 0)
		fputs("\xEF\xBB\xBF", f);
	return f;
}

void outdir_set_csv_bom(struct outdir *od, bool bom)
{
	od->csv_bom = bom;
}

void outdir_file_failed(struct outdir *od, const char *name, const char *why)
{
	fail(od, "cannot write '%s/%s': %s", od->dir, name, why);
}

/*
 * Every file is checked before the swap: a stream's error flag (a write
 * that failed in a writer), fflush, fsync (so the data is on disk before
 * the folder's name points at it) and fclose. A write error's errno is
 * found again by writing once more; EIO stands in for it when that
 * succeeds.
 */
static bool close_file(struct outdir *od, struct outfile *of)
{
	if (!of->f)
		return true;
	errno = 0;
	bool ok = fflush(of->f) == 0 && !ferror(of->f);
	int err = errno;
	if (!ok && err == 0) {
		/* A writer's flush failed earlier and its errno is gone with
		 * the bytes stdio dropped (a full disk would read
		 * "Input/output error"). One more byte written to the staged
		 * file, which is removed anyway, fails the same way and gives
		 * the cause: ENOSPC, EDQUOT, EFBIG. */
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

const struct outdir_file *outdir_files(struct outdir *od, size_t *n)
{
	*n = 0;
	if (od->error || od->finished)
		return NULL;
	free(od->sums);
	od->sums = xcalloc(od->n_files + 1, sizeof(*od->sums));
	for (size_t i = 0; i < od->n_files; i++) {
		struct outfile *of = &od->files[i];
		if (!close_file(od, of))
			return NULL;
		if (!of->hashed) {
			if (!folder_hash_file(od->stage_fd, of->name, of->sha256)) {
				fail(od, "cannot read back '%s': %s", of->final_path,
				     strerror(errno));
				return NULL;
			}
			of->hashed = true;
		}
		od->sums[i].name = of->name;
		memcpy(od->sums[i].sha256, of->sha256, sizeof(of->sha256));
	}
	od->n_sums = od->n_files;
	*n = od->n_sums;
	return od->sums;
}

/* --- Commit ---------------------------------------------------------------------- */

/* Remove the staging folder and what this run put in it. */
static void roll_back(struct outdir *od)
{
	for (size_t i = 0; i < od->n_files; i++) {
		if (od->files[i].f) {
			fclose(od->files[i].f);
			od->files[i].f = NULL;
		}
	}
	if (od->stage_fd < 0)
		return;
	if (od->owner == getpid()) {
		/* Only names this run made or linked: a name of DIR's kept
		 * files in here is a second link, the first is still in DIR. */
		size_t n;
		char **names = list_names(od->stage_fd, &n);
		for (size_t i = 0; i < n; i++)
			(void)unlinkat(od->stage_fd, names[i], 0);
		free_names(names, n);
		(void)rmdir(od->stage);
	}
	close(od->stage_fd);
	od->stage_fd = -1;
}

/* Durability of the swap needs the parent folder synced. Some file
 * systems refuse fsync on a folder; the files are whole either way, so
 * this is best effort. */
static void sync_path(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	(void)fsync(fd);
	close(fd);
}

/* A kept entry: one that is neither a file phaseout writes nor a
 * temporary of a killed run. */
static bool is_kept(const char *name)
{
	if (folder_any_command_writes(name))
		return false;
	long pid = old_temp_pid(name);
	return !pid || pid_alive(pid);
}

/*
 * Files of DIR that are not phaseout's (there with --force, or put there
 * while this run worked) are hard-linked into the new folder before the
 * swap, so they never leave DIR. Folders, and files that cannot be
 * linked, are moved after the swap (keep_after_swap).
 */
static void link_kept(struct outdir *od)
{
	int dfd = open(od->target, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return;
	size_t n;
	char **names = list_names(dfd, &n);
	for (size_t i = 0; i < n; i++)
		if (is_kept(names[i]))
			(void)linkat(dfd, names[i], od->stage_fd, names[i], 0);
	free_names(names, n);
	close(dfd);
}

/*
 * After the swap 'old' holds the previous run: its phaseout files are
 * removed; what else it holds goes into the new folder (if it is not
 * there already as a link), or stays if it cannot. The old folder is
 * removed when it is empty.
 */
static void clear_old(struct outdir *od, const char *old)
{
	int ofd = open(old, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (ofd < 0)
		return;
	size_t n;
	char **names = list_names(ofd, &n);
	for (size_t i = 0; i < n; i++) {
		const char *name = names[i];
		if (!is_kept(name)) {
			(void)unlinkat(ofd, name, 0);
			continue;
		}
		struct stat a, b;
		if (fstatat(ofd, name, &a, AT_SYMLINK_NOFOLLOW) == 0 &&
		    fstatat(od->stage_fd, name, &b, AT_SYMLINK_NOFOLLOW) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			(void)unlinkat(ofd, name, 0);
		else
			(void)renameat2(ofd, name, od->stage_fd, name, RENAME_NOREPLACE);
	}
	free_names(names, n);
	close(ofd);
	(void)rmdir(old);
}

/*
 * The one step readers notice. RENAME_EXCHANGE swaps the two folders'
 * names atomically; when DIR does not exist, RENAME_NOREPLACE gives the
 * new folder its name unless another run did so first (then exchange
 * with that). A file system without renameat2's flags (EINVAL) gets two
 * plain renames: DIR is missing for a moment, never mixed. Returns the
 * path that holds the old run afterwards ("" when there was none), or
 * NULL on failure.
 */
static char *swap_in(struct outdir *od)
{
	for (int tries = 0; tries < 10; tries++) {
		if (renameat2(AT_FDCWD, od->stage, AT_FDCWD, od->target,
			      RENAME_EXCHANGE) == 0)
			return xstrdup(od->stage);
		if (errno == ENOENT) {
			if (renameat2(AT_FDCWD, od->stage, AT_FDCWD, od->target,
				      RENAME_NOREPLACE) == 0)
				return xstrdup("");
			if (errno == EEXIST)
				continue;
			if (errno == EINVAL && rename(od->stage, od->target) == 0)
				return xstrdup("");
		} else if (errno == EINVAL || errno == ENOSYS) {
			char *old = xasprintf("%s.old", od->stage);
			if (rename(od->target, old) == 0) {
				if (rename(od->stage, od->target) == 0)
					return old;
				int saved = errno;
				(void)rename(old, od->target);
				errno = saved;
			}
			free(old);
		}
		break;
	}
	fail(od, "cannot replace folder '%s': %s", od->dir, strerror(errno));
	return NULL;
}

bool outdir_commit(struct outdir *od)
{
	if (od->finished)
		return !od->error;
	if (!od->prepared)
		outdir_prepare(od, false);
	if (od->error)
		goto err;
	for (size_t i = 0; i < od->n_files; i++)
		if (!close_file(od, &od->files[i]))
			goto err;
	if (fsync(od->stage_fd) != 0 && errno != EINVAL) {
		fail(od, "cannot write to folder '%s': %s", od->dir, strerror(errno));
		goto err;
	}
	link_kept(od);
	char *old = swap_in(od);
	if (!old)
		goto err;
	sync_path(od->parent);
	if (*old)
		clear_old(od, old);
	free(old);
	close(od->stage_fd);
	od->stage_fd = -1;
	od->finished = true;
	return true;

err:
	roll_back(od);
	od->finished = true;
	return false;
}

/* --- One file outside an -o folder (export) ------------------------------------- */

/* The folder and the name of 'path': "a/b/m.lp" is "a/b" and "m.lp",
 * "m.lp" is "." and "m.lp", "/m.lp" is "/" and "m.lp". */
static void split_file_path(const char *path, char **dir, const char **name)
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

/*
 * The temporary is named as a killed run's temporaries are recognised
 * (".NAME.PID.tmp", old_temp_pid()), created with O_EXCL and mode 0666
 * less the umask; a name left by a crashed process with the same pid is
 * skipped, not reused.
 */
char *outdir_temp_for(const char *path)
{
	char *dir;
	const char *name;
	split_file_path(path, &dir, &name);
	if (name[0] == '\0') {
		free(dir);
		errno = EISDIR;
		return NULL;
	}
	char *temp = NULL;
	for (unsigned attempt = 0; attempt < 100; attempt++) {
		free(temp);
		if (attempt == 0)
			temp = xasprintf("%s/.%s.%ld.tmp", dir, name, (long)getpid());
		else
			temp = xasprintf("%s/.%s.%ld-%u.tmp", dir, name, (long)getpid(),
					 attempt);
		int fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0) {
			close(fd);
			free(dir);
			return temp;
		}
		if (errno != EEXIST)
			break;
	}
	int err = errno;
	free(temp);
	free(dir);
	errno = err;
	return NULL;
}

/*
 * Reopened to be fsynced, since writers by path (GLPK) close their own
 * stream. The folder's fsync is best effort, as for -o folders.
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
	split_file_path(path, &dir, &name);
	sync_path(dir);
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
	else if (od->stage_fd >= 0)
		close(od->stage_fd);
	for (size_t i = 0; i < od->n_files; i++) {
		free(od->files[i].name);
		free(od->files[i].final_path);
	}
	free(od->files);
	free(od->sums);
	free(od->error);
	free(od->dir);
	free(od->target);
	free(od->parent);
	free(od->base);
	free(od->command);
	free(od->stage);
	free(od);
}
