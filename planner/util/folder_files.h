#ifndef PHASEOUT_FOLDER_FILES_H
#define PHASEOUT_FOLDER_FILES_H

/*
 * What an -o folder holds: the one list of the files each command writes
 * ("plan", "sweep", "diff"), and the SHA-256 sums summary.json records for
 * them. Shared by the writer of folders (output/outdir.c) and the reader
 * of plan folders (input/plan_read.c), which sit in different layers.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* folder_command: the table's own spelling of 'command', or NULL when it
 * is not one of the commands that write folders. */
const char *folder_command(const char *command);

/* folder_names: the NULL-terminated list of the names 'command' writes,
 * or NULL for an unknown command. */
const char *const *folder_names(const char *command);

/* folder_command_writes: whether 'command' writes a file called 'name'. */
bool folder_command_writes(const char *command, const char *name);

/* folder_any_command_writes: whether any command writes a file 'name'. */
bool folder_any_command_writes(const char *name);

/*
 * folder_hash_file: the SHA-256 of the regular file 'name' in the folder
 * 'dirfd', as 64 lowercase hex digits in 'hex'. False with errno set when
 * it cannot be read, or EINVAL when it is not a regular file.
 */
bool folder_hash_file(int dirfd, const char *name, char hex[65]);

/* folder_hash_bytes: the SHA-256 of 'len' bytes in memory, as
 * folder_hash_file() gives a file's (a file read once, hashed and used). */
void folder_hash_bytes(const void *data, size_t len, char hex[65]);

/* folder_sha256_hex: a 32-byte SHA-256 digest as 64 lowercase hex digits. */
void folder_sha256_hex(const uint8_t digest[32], char hex[65]);

#endif
