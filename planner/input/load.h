/*
 * load: the whole path from a scenario.json path to a validated scenario:
 * scenario_json, then sites_csv, then validate. Every command starts here.
 *
 * Returns NULL when anything is wrong; the problems are in 'd' (the caller
 * prints them and exits 2). The caller owns the scenario.
 */
#ifndef PHASEOUT_LOAD_H
#define PHASEOUT_LOAD_H

#include "input/scenario.h"
#include "util/diag.h"

struct scenario *load_scenario(const char *json_path, struct diag *d);

#endif
