#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static char path[128];

/*
 * Every file the harnesses write lives in one folder made with mkdtemp on
 * first use, so parallel fuzzing jobs never share a file, and the folder
 * is removed at exit with the few names the harnesses use. The folder is
 * in $TMPDIR, else in /dev/shm when there is one: rewriting a file on
 * every input is about seven times slower on a disk than in memory.
 */
static void remove_dir(void)
{
	static const char *const names[] = {"scenario.json", "sites.csv", "plan.csv",
					    "timeline.csv", "summary.json"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		unlink(fuzz_path(names[i]));
	rmdir(dir);
}

const char *fuzz_path(const char *name)
{
	if (!dir[0]) {
		const char *tmp = getenv("TMPDIR");
		if (!tmp || !*tmp || strlen(tmp) >= 32)
			tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(dir, sizeof dir, "%s/phaseout-fuzz.XXXXXX", tmp);
		if (!mkdtemp(dir)) {
			perror("fuzz: mkdtemp");
			abort();
		}
		atexit(remove_dir);
	}
	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

const char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
	const char *p = fuzz_path(name);
	FILE *f = fopen(p, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror("fuzz: writing the input");
		abort();
	}
	return p;
}
