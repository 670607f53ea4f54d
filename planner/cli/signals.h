/*
 * signals: the program's SIGINT and SIGTERM. The first one asks the run
 * to stop with the best plan it has (run_options.stop); a second one
 * ends the process as usual. The library installs no handler: this is
 * the only place that does.
 *
 *	signals_catch();
 *	struct run_options ro = {..., .stop = signals_stop};
 *	struct plan *p = run_plan(s, &ro, t0);
 *	if (signals_caught() && p->status == PLAN_NO_PLAN) ...
 *
 * Ownership: one flag per process (a forked worker has its own copy).
 */
#ifndef PHASEOUT_SIGNALS_H
#define PHASEOUT_SIGNALS_H

#include <stdbool.h>

/* signals_catch: make the first SIGINT or SIGTERM set the flag. */
void signals_catch(void);

/* signals_caught: whether one arrived since signals_catch(). */
bool signals_caught(void);

/* signals_stop: signals_caught() as a run_options.stop callback. */
bool signals_stop(void *ctx);

#endif
