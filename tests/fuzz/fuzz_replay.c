/*
 * fuzz_replay: a main for the harnesses when libFuzzer is not linked in.
 * Each argument is a file or a folder; every regular file found (folders
 * one level deep, in name order) is fed once to LLVMFuzzerTestOneInput.
 * Prints a TAP line per file, so meson counts them, and relies on the
 * sanitizers (when built with them) to fail the run on a bad input.
 */
#include "fuzz.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static unsigned long n_files;

static uint8_t *read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	uint8_t *buf = NULL;
	size_t n = 0, alloc = 0;
	for (;;) {
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 4096;
			uint8_t *grown = realloc(buf, alloc);
			if (!grown)
				abort();
			buf = grown;
		}
		size_t got = fread(buf + n, 1, alloc - n, f);
		if (got == 0)
			break;
		n += got;
	}
	bool failed = ferror(f);
	fclose(f);
	if (failed) {
		free(buf);
		return NULL;
	}
	*size = n;
	return buf;
}

static bool replay_file(const char *path)
{
	size_t size;
	uint8_t *data = read_all(path, &size);
	if (!data) {
		printf("not ok %lu - %s (cannot read)\n", ++n_files, path);
		return false;
	}
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	printf("ok %lu - %s\n", ++n_files, path);
	fflush(stdout);
	return true;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static bool replay(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		printf("not ok %lu - %s (missing)\n", ++n_files, path);
		return false;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path);
	struct dirent **names;
	int n = scandir(path, &names, NULL, by_name);
	if (n < 0) {
		printf("not ok %lu - %s (cannot list)\n", ++n_files, path);
		return false;
	}
	bool ok = true;
	for (int i = 0; i < n; i++) {
		char *full = malloc(strlen(path) + strlen(names[i]->d_name) + 2);
		if (!full)
			abort();
		sprintf(full, "%s/%s", path, names[i]->d_name);
		if (names[i]->d_name[0] != '.' && stat(full, &st) == 0 &&
		    S_ISREG(st.st_mode))
			ok = replay_file(full) && ok;
		free(full);
		free(names[i]);
	}
	free(names);
	return ok;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|FOLDER...\n", argv[0]);
		return 2;
	}
	bool ok = true;
	for (int i = 1; i < argc; i++)
		ok = replay(argv[i]) && ok;
	printf("1..%lu\n", n_files);
	return ok ? 0 : 1;
}
