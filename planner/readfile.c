#include "readfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "xalloc.h"

bool readfile_all(const char *path, char **text, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	char *buf = NULL;
	size_t n = 0, alloc = 0;
	for (;;) {
		if (alloc - n < 4096) {
			alloc = alloc ? 2 * alloc : 65536;
			buf = xrealloc(buf, alloc);
		}
		size_t got = fread(buf + n, 1, alloc - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		int err = errno;
		free(buf);
		fclose(f);
		errno = err;
		return false;
	}
	fclose(f);
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return true;
}
