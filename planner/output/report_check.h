/*
 * report_check: the report `phaseout check` prints: what a valid scenario
 * holds (sites, high-risk sites and units by domain and region, swap
 * units, vendors, budget, rules, each rule named by rule_label.h), then
 * precheck's findings (precheck.h) and the result line.
 *
 * Every name from the scenario goes out in its safe form (termtext.h).
 */
#ifndef PHASEOUT_REPORT_CHECK_H
#define PHASEOUT_REPORT_CHECK_H

#include <stdbool.h>
#include <stdio.h>

#include "input/scenario.h"
#include "plan/instance.h"
#include "plan/precheck.h"

/* report_check_write: the whole report on 'f'; with 'quiet' only the
 * findings and the result. */
void report_check_write(FILE *f, const struct scenario *s, const struct instance *in,
			const struct precheck *pc, bool quiet);

#endif
