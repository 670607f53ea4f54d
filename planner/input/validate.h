/*
 * validate: the checks that need both files: site ids, depends_on,
 * clusters, vendors able to replace every high-risk site, names used by
 * the rules. Problems go to the diag (exit 2).
 *
 * Also resolves depends_on into s->dep_start / s->dep_sites.
 */
#ifndef PHASEOUT_VALIDATE_H
#define PHASEOUT_VALIDATE_H

#include <stdbool.h>

#include "input/scenario.h"
#include "util/diag.h"

/* validate_scenario: false when any problem was added to 'd'. */
bool validate_scenario(struct scenario *s, struct diag *d);

#endif
