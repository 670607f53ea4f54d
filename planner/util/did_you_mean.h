/*
 * did_you_mean: the known name a misspelt one most likely meant, for the
 * "did you mean 'criticality'?" of an unknown column, key, command,
 * option, domain or region.
 *
 * A known name is close to what was typed when the two are equal after
 * folding (ASCII letters compared without case; ' ', '-' and '_' taken as
 * one), or when the folded names are at most two edits apart (an edit is
 * a byte inserted, deleted or replaced, or two adjacent bytes swapped),
 * one edit when the shorter name has fewer than five bytes and none when
 * it has fewer than three. Of several close names the fewest edits wins,
 * the first offered on a tie. Names over 64 bytes are never close.
 *
 * This is the one rule for every hint, site ids too (explain): a hint is
 * never taken for the name, so folding case and separators only widens
 * what is offered ('s-0042' typed, 'S_0042' offered; docs/decisions.md).
 *
 * Calling sequence:
 *	struct did_you_mean m;
 *	did_you_mean_init(&m, typed);
 *	for each known name: did_you_mean_offer(&m, name);
 *	const char *hint = did_you_mean_best(&m);   (NULL: nothing close)
 * or, for a message that lists a few:
 *	for (size_t i = 0; i < did_you_mean_count(&m); i++)
 *		... did_you_mean_nth(&m, i) ...
 *
 * Ownership: the struct keeps the pointers it is given; nothing is
 * allocated.
 */
#ifndef PHASEOUT_DID_YOU_MEAN_H
#define PHASEOUT_DID_YOU_MEAN_H

#include <stddef.h>

/* The most close names kept, nearest first. */
#define DID_YOU_MEAN_KEPT 3

struct did_you_mean {
	const char *typed;
	const char *best; /* NULL until a close name is offered */
	unsigned best_edits;
	/* The DID_YOU_MEAN_KEPT nearest close names, fewest edits first, the
	 * first offered first on a tie; best is near[0]. */
	const char *near[DID_YOU_MEAN_KEPT];
	unsigned near_edits[DID_YOU_MEAN_KEPT];
	size_t n_near;
};

void did_you_mean_init(struct did_you_mean *m, const char *typed);

/* did_you_mean_offer: consider 'known' (NULL is ignored, and so is a name
 * equal to what was typed, which is no misspelling of it). */
void did_you_mean_offer(struct did_you_mean *m, const char *known);

/* did_you_mean_best: the closest name offered, NULL when none is close. */
const char *did_you_mean_best(const struct did_you_mean *m);

/* did_you_mean_count: how many close names were kept (at most
 * DID_YOU_MEAN_KEPT); did_you_mean_nth: the i-th nearest of them. */
size_t did_you_mean_count(const struct did_you_mean *m);
const char *did_you_mean_nth(const struct did_you_mean *m, size_t i);

/* did_you_mean_among: the closest of the 'n' names to 'typed', NULL when
 * none is close. */
const char *did_you_mean_among(const char *typed, const char *const *names, size_t n);

/*
 * A message's hint, " (did you mean 'X'?)" or nothing:
 *	diag_add(d, f, l, c, "... matches no domain" DID_YOU_MEAN_HINT,
 *		 ..., DID_YOU_MEAN_HINT_ARGS(meant));
 */
#define DID_YOU_MEAN_HINT "%s%s%s"
#define DID_YOU_MEAN_HINT_ARGS(meant) \
	(meant) ? " (did you mean '" : "", (meant) ? (meant) : "", (meant) ? "'?)" : ""

/*
 * did_you_mean_edits: the edits between the folded forms of 'a' and 'b'
 * (optimal string alignment distance), or DID_YOU_MEAN_FAR when either
 * is longer than 64 bytes.
 */
#define DID_YOU_MEAN_FAR 1000u
unsigned did_you_mean_edits(const char *a, const char *b);

#endif
