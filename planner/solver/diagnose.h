/*
 * diagnose: explain, in the users' words, why the rules of a scenario
 * cannot all hold.
 *
 * Input is the plan of least violation from the elastic model (model.h,
 * MODEL_ELASTIC): its broken rules say what cannot be met and by how much;
 * comparing its use of money, vendor capacity and crews with what the
 * scenario offers up to each broken deadline says what binds.
 *
 * Ownership: adds lines to the plan (plan_add_diagnosis); borrows the rest.
 */
#ifndef PHASEOUT_DIAGNOSE_H
#define PHASEOUT_DIAGNOSE_H

#include "plan/instance.h"
#include "plan/plan.h"

void diagnose_plan(struct plan *p, const struct instance *in);

#endif
