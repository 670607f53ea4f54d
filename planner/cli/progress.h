/*
 * progress: what `phaseout sweep` shows on a terminal while it runs: one
 * line on stderr, rewritten in place, with the points done of the total,
 * the best plan so far (its E, or its cost for a cost objective, and
 * where it was found), the smallest scale at which every rule held so
 * far, and the time left (elapsed per point done times the points left).
 * stdout is never touched, so pipes and files stay byte-identical.
 *
 *	struct sweep_progress *pg = NULL;
 *	if (sweep_progress_wanted(quiet))
 *		pg = sweep_progress_create(s, n, stderr);
 *	sweep_progress_vary(pg, &x, nx, &y);   (--vary: points by value)
 *	sweep_progress_point(pg, k, &row);     (each point as it comes back)
 *	sweep_progress_tick(pg);               (any time: redraws once a second)
 *	sweep_progress_phase(pg, "finding the break-even budget");
 *	sweep_progress_step(pg, 3, 9, "in (0.600, 0.800]");  (each probe)
 *	sweep_progress_destroy(pg);            (clears the line)
 *
 * Every function accepts NULL and then does nothing. On a terminal the
 * line is redrawn with "\r" and erased at the end; when forced by the
 * environment (PHASEOUT_PROGRESS=1, for tests and logs) each update is a
 * line of its own, and only points and phases print one.
 *
 * Ownership: the progress owns nothing of the scenario; destroy frees it.
 */
#ifndef PHASEOUT_PROGRESS_H
#define PHASEOUT_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli/sweep_vary.h"
#include "input/scenario.h"
#include "plan/sweep_row.h"

struct sweep_progress;

/* sweep_progress_wanted: not 'quiet', and stderr a terminal or
 * PHASEOUT_PROGRESS=1 in the environment (PHASEOUT_PROGRESS=0 turns it
 * off even on a terminal). */
bool sweep_progress_wanted(bool quiet);

struct sweep_progress *sweep_progress_create(const struct scenario *s, size_t n, FILE *f);
/* sweep_progress_vary: the points are a --vary sweep's, point k at x's
 * value k % nx (x has 'nx' points) and, on a grid, y's value k / nx
 * ('y' NULL: one axis; an
 * axis with a NULL path is the budget scale). The best plan is then
 * placed by those values ("at budget.2024 = 100"), and on one axis that
 * only loosens the rules one way, where every rule holds is its tightest
 * value so far ("from PATH = V", or "up to" for one that loosens as it
 * falls); a grid and an axis that loosens neither way say nothing of
 * it. The axes are copied, their paths borrowed. */
void sweep_progress_vary(struct sweep_progress *pg, const struct sweep_vary_axis *x,
			 size_t nx, const struct sweep_vary_axis *y);
/* sweep_progress_point: point k of the n (the index the sweep gave it)
 * is done with 'row'. */
void sweep_progress_point(struct sweep_progress *pg, size_t k,
			  const struct sweep_row *row);
void sweep_progress_tick(struct sweep_progress *pg);
/* sweep_progress_phase: what runs after the points ('what' is copied);
 * it replaces the time left, and drops the last step. */
void sweep_progress_phase(struct sweep_progress *pg, const char *what);
/* sweep_progress_step: a probe of the phase's bisection starts: its
 * number 'step' of at most 'at_most' and the bracket known before it
 * ('bracket', copied, e.g. "in (0.600, 0.800]"). Always drawn (a line
 * of its own when forced), since a probe may take the whole time limit. */
void sweep_progress_step(struct sweep_progress *pg, int step, int at_most,
			 const char *bracket);
void sweep_progress_destroy(struct sweep_progress *pg);

/* sweep_progress_duration: "45s", "3m05s", "1h02m" into buf. */
void sweep_progress_duration(char *buf, size_t size, double seconds);

#endif
