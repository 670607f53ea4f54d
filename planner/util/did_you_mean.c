#include "util/did_you_mean.h"

#include <stdbool.h>
#include <string.h>

#define NAME_MAX_LEN 64

/* A name as it is compared: ASCII letters in lower case, and ' ', '-'
 * and '_' all '_' (so "Earliest Year" folds to "earliest_year"). False
 * when the name is too long to be compared. */
static bool fold(const char *name, char *out, size_t *len)
{
	size_t n = strlen(name);
	if (n > NAME_MAX_LEN)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		else if (c == ' ' || c == '-')
			c = '_';
		out[i] = c;
	}
	out[n] = '\0';
	*len = n;
	return true;
}

static unsigned min3(unsigned a, unsigned b, unsigned c)
{
	unsigned m = a < b ? a : b;
	return m < c ? m : c;
}

/* The optimal string alignment distance (Levenshtein with adjacent
 * transpositions, each substring edited once), in three rolling rows. */
static unsigned osa(const char *a, size_t na, const char *b, size_t nb)
{
	unsigned rows[3][NAME_MAX_LEN + 1];
	unsigned *two = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= nb; j++)
		prev[j] = (unsigned)j;
	for (size_t i = 1; i <= na; i++) {
		cur[0] = (unsigned)i;
		for (size_t j = 1; j <= nb; j++) {
			unsigned cost = a[i - 1] != b[j - 1];
			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && two[j - 2] + 1 < cur[j])
				cur[j] = two[j - 2] + 1;
		}
		unsigned *t = two;
		two = prev;
		prev = cur;
		cur = t;
	}
	return prev[nb];
}

unsigned did_you_mean_edits(const char *a, const char *b)
{
	char fa[NAME_MAX_LEN + 1], fb[NAME_MAX_LEN + 1];
	size_t na, nb;
	if (!fold(a, fa, &na) || !fold(b, fb, &nb))
		return DID_YOU_MEAN_FAR;
	return osa(fa, na, fb, nb);
}

void did_you_mean_init(struct did_you_mean *m, const char *typed)
{
	m->typed = typed;
	m->best = NULL;
	m->best_edits = DID_YOU_MEAN_FAR;
	m->n_near = 0;
}

/* The most edits that still make 'a' and 'b' close. */
static unsigned edits_allowed(const char *a, const char *b)
{
	size_t n = strlen(a), nb = strlen(b);
	if (nb < n)
		n = nb;
	return n < 3 ? 0 : n < 5 ? 1 : 2;
}

void did_you_mean_offer(struct did_you_mean *m, const char *known)
{
	if (!known || !m->typed || strcmp(known, m->typed) == 0)
		return;
	unsigned edits = did_you_mean_edits(m->typed, known);
	if (edits > edits_allowed(m->typed, known))
		return;
	/* Behind every kept name as near or nearer: the first offered
	 * stays first on a tie. */
	size_t at = m->n_near;
	while (at > 0 && m->near_edits[at - 1] > edits)
		at--;
	if (at == DID_YOU_MEAN_KEPT)
		return;
	size_t last = m->n_near < DID_YOU_MEAN_KEPT ? m->n_near : DID_YOU_MEAN_KEPT - 1;
	for (size_t i = last; i > at; i--) {
		m->near[i] = m->near[i - 1];
		m->near_edits[i] = m->near_edits[i - 1];
	}
	m->near[at] = known;
	m->near_edits[at] = edits;
	if (m->n_near < DID_YOU_MEAN_KEPT)
		m->n_near++;
	m->best = m->near[0];
	m->best_edits = m->near_edits[0];
}

const char *did_you_mean_best(const struct did_you_mean *m)
{
	return m->best;
}

size_t did_you_mean_count(const struct did_you_mean *m)
{
	return m->n_near;
}

const char *did_you_mean_nth(const struct did_you_mean *m, size_t i)
{
	return i < m->n_near ? m->near[i] : NULL;
}

const char *did_you_mean_among(const char *typed, const char *const *names, size_t n)
{
	struct did_you_mean m;
	did_you_mean_init(&m, typed);
	for (size_t i = 0; i < n; i++)
		did_you_mean_offer(&m, names[i]);
	return did_you_mean_best(&m);
}
