/*
 * slowrename: an LD_PRELOAD shim for tests/outdir.sh that widens the
 * moment an -o run is swapped in, so that a test can kill the run there.
 *
 * Every rename(), renameat() and renameat2() of the process first creates
 * the file $SLOWRENAME_MARK (if set), so the test knows the commit has
 * begun, then sleeps $SLOWRENAME_DELAY seconds (a decimal, default 1),
 * before the call with $SLOWRENAME_WHEN unset or "before", after it with
 * "after" (the new folder is in, the old one not yet removed).
 *
 * dlsym() returns an object pointer; POSIX's way to store it in a function
 * pointer without a cast ISO C forbids is to write through a void **.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void pause_here(void)
{
	const char *mark = getenv("SLOWRENAME_MARK");
	if (mark) {
		int fd = open(mark, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
		if (fd >= 0)
			close(fd);
	}
	const char *text = getenv("SLOWRENAME_DELAY");
	double delay = text ? strtod(text, NULL) : 1.0;
	struct timespec ts = {(time_t)delay,
			      (long)((delay - (double)(time_t)delay) * 1e9)};
	nanosleep(&ts, NULL);
}

static int after(void)
{
	const char *when = getenv("SLOWRENAME_WHEN");
	return when && strcmp(when, "after") == 0;
}

int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
	      unsigned int flags)
{
	int (*real)(int, const char *, int, const char *, unsigned int);
	*(void **)&real = dlsym(RTLD_NEXT, "renameat2");
	if (!after())
		pause_here();
	int rc = real(olddirfd, oldpath, newdirfd, newpath, flags);
	if (after())
		pause_here();
	return rc;
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	int (*real)(int, const char *, int, const char *);
	*(void **)&real = dlsym(RTLD_NEXT, "renameat");
	if (!after())
		pause_here();
	int rc = real(olddirfd, oldpath, newdirfd, newpath);
	if (after())
		pause_here();
	return rc;
}

int rename(const char *oldpath, const char *newpath)
{
	int (*real)(const char *, const char *);
	*(void **)&real = dlsym(RTLD_NEXT, "rename");
	if (!after())
		pause_here();
	int rc = real(oldpath, newpath);
	if (after())
		pause_here();
	return rc;
}
