#include "util/readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <stdint.h>
#include <unistd.h>

#include "util/xalloc.h"

static const char *kind_of(mode_t mode)
{
	if (S_ISDIR(mode))
		return "not a regular file (a folder)";
	if (S_ISFIFO(mode))
		return "not a regular file (a FIFO)";
	if (S_ISCHR(mode))
		return "not a regular file (a character device)";
	if (S_ISBLK(mode))
		return "not a regular file (a block device)";
	if (S_ISSOCK(mode))
		return "not a regular file (a socket)";
	return "not a regular file";
}

/*
 * O_NONBLOCK keeps open() from waiting for a FIFO's writer; the kind of
 * file is then known from the open descriptor (no race with a rename),
 * and blocking reads are restored for a regular file.
 */
FILE *readfile_open_at(int dirfd, const char *name, const char **why)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		*why = strerror(errno);
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		*why = strerror(errno);
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = kind_of(st.st_mode);
		close(fd);
		return NULL;
	}
	int flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		(void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		*why = strerror(errno);
		close(fd);
		return NULL;
	}
	return f;
}

ssize_t readfile_line(char **line, size_t *cap, FILE *f)
{
	size_t n = 0;
	int c;
	while ((c = getc_unlocked(f)) != EOF) {
		if (n + 2 > *cap) {
			*cap = *cap ? 2 * *cap : 256;
			*line = xrealloc(*line, *cap);
		}
		(*line)[n++] = (char)c;
		if (c == '\n')
			break;
		if (n > READFILE_MAX)
			return READFILE_LINE_TOO_LONG;
	}
	if (n == 0)
		return -1;
	(*line)[n] = '\0';
	return (ssize_t)n;
}

FILE *readfile_open(const char *path, const char **why)
{
	return readfile_open_at(AT_FDCWD, path, why);
}

/* The limit is checked on the bytes read, not only on st_size: the file
 * may grow while it is read. */
bool readfile_all_at(int dirfd, const char *name, char **text, size_t *len,
		     const char **why)
{
	static const char too_big[] = "larger than 64 MiB, the most phaseout reads "
				      "from one file";
	FILE *f = readfile_open_at(dirfd, name, why);
	if (!f)
		return false;
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && (uintmax_t)st.st_size > READFILE_MAX) {
		fclose(f);
		*why = too_big;
		return false;
	}
	char *buf = NULL;
	size_t n = 0, alloc = 0;
	for (;;) {
		if (alloc - n < 4096) {
			alloc = alloc ? 2 * alloc : 65536;
			buf = xrealloc(buf, alloc);
		}
		size_t got = fread(buf + n, 1, alloc - n - 1, f);
		n += got;
		if (n > READFILE_MAX) {
			free(buf);
			fclose(f);
			*why = too_big;
			return false;
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		*why = strerror(errno ? errno : EIO);
		free(buf);
		fclose(f);
		return false;
	}
	fclose(f);
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return true;
}

bool readfile_all(const char *path, char **text, size_t *len, const char **why)
{
	return readfile_all_at(AT_FDCWD, path, text, len, why);
}
