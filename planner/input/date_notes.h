/*
 * date_notes: check's notes on where each date binds
 * (scenario-format-2.md, "Binding end"): a date that falls inside a
 * period binds at the end of the period before it, which a reader of
 * "2023-07-31" with quarterly periods would not guess. One note per
 * dated rule, and one per distinct site deadline (sites.csv often repeats
 * one date over many rows): "the date 31 Jul 2023 of deadlines[0] is
 * inside 2023-Q3: binds at the end of 2023-Q2, 30 Jun 2023".
 *
 * Called by validate_scenario() after scenario_finish_periods(); adds to
 * s->notes only.
 */
#ifndef PHASEOUT_DATE_NOTES_H
#define PHASEOUT_DATE_NOTES_H

#include "input/scenario.h"

void date_notes_add(struct scenario *s);

#endif
