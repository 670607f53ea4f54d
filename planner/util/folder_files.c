#include "util/folder_files.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const plan_names[] = {
	"plan.csv",     "timeline.csv", "summary.json", "timeline.svg",
	"timeline.png", "totals.csv",   "plan.xlsx",    NULL,
};
static const char *const sweep_names[] = {
	"sensitivity.csv",  "summary.json", "sensitivity.svg", "sensitivity.png",
	"sensitivity.xlsx", "heatmap.svg",  "heatmap.png",     NULL,
};
static const char *const diff_names[] = {"diff.csv", NULL};

static const struct {
	const char *command;
	const char *const *names;
} commands[] = {
	{"plan", plan_names},
	{"sweep", sweep_names},
	{"diff", diff_names},
};

enum { N_COMMANDS = sizeof(commands) / sizeof(commands[0]) };

const char *folder_command(const char *command)
{
	for (size_t i = 0; command && i < N_COMMANDS; i++)
		if (strcmp(commands[i].command, command) == 0)
			return commands[i].command;
	return NULL;
}

const char *const *folder_names(const char *command)
{
	for (size_t i = 0; command && i < N_COMMANDS; i++)
		if (strcmp(commands[i].command, command) == 0)
			return commands[i].names;
	return NULL;
}

static bool in_list(const char *const *names, const char *name)
{
	for (size_t i = 0; names && names[i]; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

bool folder_command_writes(const char *command, const char *name)
{
	return in_list(folder_names(command), name);
}

bool folder_any_command_writes(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (in_list(commands[i].names, name))
			return true;
	return false;
}

void folder_sha256_hex(const uint8_t digest[32], char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[64] = '\0';
}

/* Read from disk, not from what the writer meant to write: a FIFO would
 * block and a folder has no bytes, so only regular files. */
bool folder_hash_file(int dirfd, const char *name, char hex[65])
{
	int fd = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return false;
	}
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	uint8_t buf[65536];
	ssize_t got;
	while ((got = read(fd, buf, sizeof(buf))) > 0)
		sha256_update(&ctx, (size_t)got, buf);
	int saved = errno;
	close(fd);
	if (got < 0) {
		errno = saved;
		return false;
	}
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_digest(&ctx, sizeof(digest), digest);
	folder_sha256_hex(digest, hex);
	return true;
}

void folder_hash_bytes(const void *data, size_t len, char hex[65])
{
	struct sha256_ctx c;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_init(&c);
	sha256_update(&c, len, data);
	sha256_digest(&c, sizeof(digest), digest);
	folder_sha256_hex(digest, hex);
}
