/*
 * readfile: a whole file into memory, for the readers that parse text in
 * one piece (scenario.json, a plan's summary.json).
 *
 * Ownership: the caller frees '*text'.
 */
#ifndef PHASEOUT_READFILE_H
#define PHASEOUT_READFILE_H

#include <stdbool.h>
#include <stddef.h>

/* readfile_all: the file's bytes plus a terminating NUL in '*text', its
 * length (without the NUL) in '*len'; false with errno set on failure. */
bool readfile_all(const char *path, char **text, size_t *len);

#endif
