/*
 * sweep_workers: `phaseout sweep --jobs N`, the sweep's points spread
 * over N worker processes. Each worker plans its points with
 * sweep_plan_point() and sends back each row and plan through a pipe;
 * the parent then offers the plans in scale order (sweep_offer_plans()),
 * so the rows do not depend on N. Forking is the program's business,
 * not the library's: an embedder calls sweep_run() in its own process.
 *
 * Ownership: rows are plain values, written into the caller's array.
 */
#ifndef PHASEOUT_SWEEP_WORKERS_H
#define PHASEOUT_SWEEP_WORKERS_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/progress.h"
#include "input/scenario.h"
#include "plan/sweep_row.h"
#include "solver/run.h"
#include "solver/sweep.h"

/*
 * sweep_workers_run: the rows of sweep_run() with 'jobs' worker
 * processes (1 = in this process). Rows come back in the order of
 * 'scales', whatever order the workers finish in. Workers die with the
 * calling process and get one SIGTERM when it is interrupted
 * (signals_catch()). Each point's row goes to 'progress' as it comes
 * back (NULL: none). False when a worker failed (message on stderr).
 */
bool sweep_workers_run(const struct scenario *s, const struct run_options *base,
		       const double *scales, size_t n, int jobs,
		       struct sweep_progress *progress, struct sweep_row *rows);

/*
 * sweep_workers_plan_each: point i planned on each[i] at scales[i]
 * (sweep --vary: every point its own scenario) with 'jobs' workers, into
 * pts[i] (n + 1 of them, zeroed; the caller offers the plans and frees
 * their decisions). False when a point or a worker failed.
 */
bool sweep_workers_plan_each(struct scenario *const *each, const struct run_options *base,
			     const double *scales, size_t n, int jobs,
			     struct sweep_progress *progress, struct sweep_point *pts);

#endif
