#include "cli/usage_hint.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util/did_you_mean.h"

#define NAME_MAX_LEN 64

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-';
}

const char *usage_hint_option(const char *usage, const char *typed, char *buf,
			      size_t size)
{
	if (strncmp(typed, "--", 2) != 0 || !typed[2])
		return NULL;
	char name[NAME_MAX_LEN + 1];
	size_t len = strcspn(typed + 2, "=");
	if (len > NAME_MAX_LEN)
		return NULL;
	memcpy(name, typed + 2, len);
	name[len] = '\0';

	/* The names of the usage text, each "--" and letters, digits and
	 * hyphens; the best one offered is kept in 'best'. */
	char best[NAME_MAX_LEN + 1] = "", cand[NAME_MAX_LEN + 1];
	unsigned best_edits = DID_YOU_MEAN_FAR;
	for (const char *p = strstr(usage, "--"); p; p = strstr(p, "--")) {
		bool in_word = p > usage && is_name_char(p[-1]);
		p += 2;
		size_t n = 0;
		while (is_name_char(p[n]))
			n++;
		if (in_word || n == 0 || n > NAME_MAX_LEN)
			continue;
		memcpy(cand, p, n);
		cand[n] = '\0';
		struct did_you_mean m;
		did_you_mean_init(&m, name);
		did_you_mean_offer(&m, cand);
		if (did_you_mean_best(&m) && m.best_edits < best_edits) {
			best_edits = m.best_edits;
			memcpy(best, cand, n + 1);
		}
		p += n;
	}
	if (!*best)
		return NULL;
	snprintf(buf, size, "--%s", best);
	return buf;
}
