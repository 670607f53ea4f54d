/*
 * fuzz: what the libFuzzer harnesses share (tests/fuzz/).
 *
 * Each harness (fuzz_scenario_json.c, fuzz_sites_csv.c, fuzz_check.c)
 * defines LLVMFuzzerTestOneInput, which writes the input to files in one
 * private temporary folder and runs a loader on them. The same harness is
 * linked either with libFuzzer (-Dfuzz=true, clang) or with fuzz_replay.c,
 * whose main feeds it every file of the corpus and regression folders, so
 * the normal build replays them under gcc too.
 *
 * Ownership: the folder and the paths returned here belong to this module
 * and live until the process exits; callers copy nothing and free nothing.
 */
#ifndef PHASEOUT_FUZZ_H
#define PHASEOUT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* The entry point every harness defines (libFuzzer's contract: return 0). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_path: 'name' inside the private temporary folder, created on first
 * use and removed at exit. The string stays valid until the next call. */
const char *fuzz_path(const char *name);

/* fuzz_write: replace the file 'name' in the folder with 'size' bytes of
 * 'data'; returns its path as fuzz_path() does. Aborts on a write error:
 * a harness that cannot write its input tests nothing. */
const char *fuzz_write(const char *name, const uint8_t *data, size_t size);

#endif
