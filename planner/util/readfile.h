/*
 * readfile: the one place where phaseout opens its input files: the
 * readers that parse text in one piece (scenario.json, a plan's
 * summary.json) read it whole here, and the CSV readers (sites.csv, a
 * plan's plan.csv and timeline.csv) open their stream here.
 *
 * Inputs must be regular files: a FIFO would hang a reader (or feed it
 * without end), a device such as /dev/zero never ends, and a folder has
 * no text. A file read whole is capped at READFILE_MAX bytes, so memory
 * stays proportional to what a scenario can usefully hold
 * (docs/scenario-format.md); the CSVs are streamed a line at a time, and
 * a line is capped at READFILE_MAX too (readfile_line).
 *
 * Errors come back as words for "FILE: cannot read: %s", e.g. "not a
 * regular file (a FIFO)" or "No such file or directory".
 *
 * Ownership: the caller frees '*text' and fcloses the stream.
 */
#ifndef PHASEOUT_READFILE_H
#define PHASEOUT_READFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* The most bytes read whole from one file: 64 MiB. */
#define READFILE_MAX ((size_t)64 << 20)

/*
 * readfile_open: 'path' open for reading, or NULL with the reason in
 * '*why' (a static string or strerror()'s). Opening never blocks, even on
 * a FIFO without a writer.
 */
FILE *readfile_open(const char *path, const char **why);

/*
 * readfile_all: the file's bytes plus a terminating NUL in '*text', its
 * length (without the NUL) in '*len'; false with the reason in '*why'
 * when it cannot be opened or read, or holds more than READFILE_MAX
 * bytes.
 */
bool readfile_all(const char *path, char **text, size_t *len, const char **why);

/*
 * readfile_open_at, readfile_all_at: the same for 'name' in the folder
 * 'dirfd' (openat()), so that every file of a plan folder comes from one
 * folder even if a run replaces it meanwhile.
 */
FILE *readfile_open_at(int dirfd, const char *name, const char **why);
bool readfile_all_at(int dirfd, const char *name, char **text, size_t *len,
		     const char **why);

/*
 * readfile_line: the next line of 'f', as getline() reads it (into
 * '*line', grown as needed; the '\n' kept), but never more than
 * READFILE_MAX bytes: a longer line (a file with no line ends) is
 * READFILE_LINE_TOO_LONG, and -1 is the end of the file or an error
 * (ferror() says which).
 */
#define READFILE_LINE_TOO_LONG (-2)
ssize_t readfile_line(char **line, size_t *cap, FILE *f);

#endif
